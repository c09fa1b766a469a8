-- Key collisions (a report that repeats a sentence or a row) are resolved here, deterministically:
-- one row per key, the first by position in the document; tests/assert_report_keys_are_unique.sql
-- warns with the document, page and line of every collision, so one odd document never blocks a publish.
with {{ report_rows('raw', 'report_accounts') }},

final as (
    select
        source.document_id,
        source.statement,
        source.table_title,
        trim(source.row_label) as row_label,
        source.row_code,
        cast(source.row_order as integer) as row_order,
        source.scenario,
        cast(source.value_year as integer) as value_year,
        cast(source.report_year as integer) as report_year,
        cast(source.amount_nok as double precision) as amount_nok,
        source.raw_value,
        cast(source.scale as double precision) as scale,
        source.scale_method,
        {{ report_unit() }},
        {{ report_position() }},
        source.excerpt
    {{ from_report_rows() }}
)

select distinct on (document_id, statement, table_title, unit_name, row_order, row_label, scenario, value_year) *
from final
order by document_id, statement, table_title, unit_name, row_order, row_label, scenario, value_year, page, line,
    amount_nok
