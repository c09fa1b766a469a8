-- Key collisions (a report that repeats a sentence or a row) are resolved here, deterministically:
-- one row per key, the first by position in the document; tests/assert_report_keys_are_unique.sql
-- warns with the document, page and line of every collision, so one odd document never blocks a publish.
with {{ report_rows('raw', 'report_facts') }},

final as (
    select
        source.document_id,
        source.metric as metric_code,
        cast(source.value as double precision) as value,
        cast(source.value_year as integer) as value_year,
        cast(source.report_year as integer) as report_year,
        -- a figure about the whole organisation is kept on the organisation's own unit
        {{ report_unit() }},
        source.subject,
        cast(coalesce(source.quarter, case when source.period in ('Q1', 'Q2', 'Q3', 'Q4')
            then cast(substr(source.period, 2, 1) as integer) end) as integer) as quarter,
        -- (a quarter loaded without its period code, by an earlier release: its period is that quarter)
        {{ period_columns("coalesce(source.period, case when source.quarter between 1 and 4
            then 'Q' || cast(source.quarter as varchar) end)") }},
        source.source_kind,
        source.qualifier,
        {{ report_position() }},
        source.excerpt
    {{ from_report_rows() }}
)

select distinct on (document_id, metric_code, unit_name, subject, value_year, period_code, qualifier, page, line) *
from final
order by document_id, metric_code, unit_name, subject, value_year, period_code, qualifier, page, line, value, excerpt
