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

{# Where a staged report row was read: its file, page and line (cast once, as every report table stores them). #}
{% macro report_position() -%}
source.file_name,
        cast(source.page as integer) as page,
        cast(source.line as integer) as line
{%- endmacro %}

{# The unit a staged report row is about and its organisation: a row about the whole organisation (no unit, or a
   blank one) is kept on the organisation's own unit. #}
{% macro report_unit() -%}
coalesce(nullif(trim(source.unit_name), ''), documents.organisation) as unit_name,
        documents.organisation
{%- endmacro %}

{# The rows of `source` with the document each was read from (the `from` of a staged report model). #}
{% macro from_report_rows() -%}
from source
    left join documents on source.document_id = documents.document_id
{%- endmacro %}
