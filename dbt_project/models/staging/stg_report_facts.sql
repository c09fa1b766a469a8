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
        coalesce(nullif(trim(source.unit_name), ''), documents.organisation) as unit_name,
        documents.organisation,
        source.subject,
        cast(source.quarter as integer) as quarter,
        source.source_kind,
        source.qualifier,
        source.file_name,
        cast(source.page as integer) as page,
        cast(source.line as integer) as line,
        source.excerpt
    from source
    left join documents on source.document_id = documents.document_id
)

select distinct on (document_id, metric_code, unit_name, subject, value_year, quarter, qualifier, page, line) *
from final
order by document_id, metric_code, unit_name, subject, value_year, quarter, qualifier, page, line, value, excerpt
