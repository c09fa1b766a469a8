{# The two CTEs every staged report model starts from: `source`, the raw rows of one table, and `documents`,
   the document each row was read from (its organisation and report year, cast once in stg_documents).
   Use: `with {{ report_rows('raw', 'report_facts') }}, final as (... from source left join documents ...)`. #}
{% macro report_rows(source_name, table_name) -%}
source as (
    select * from {{ source(source_name, table_name) }}
),

documents as (
    select document_id, organisation, report_year from {{ ref('stg_documents') }}
)
{%- endmacro %}
