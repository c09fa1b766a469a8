-- Key collisions (a report that repeats a sentence or a row) are resolved here, deterministically:
-- one row per key, the first by position in the document; tests/assert_report_keys_are_unique.sql
-- warns with the document, page and line of every collision, so one odd document never blocks a publish.
with {{ report_rows('raw', 'report_observations') }},

final as (
    select
        source.document_id,
        source.topic as metric_code,
        source.text as observation,
        cast(source.value_year as integer) as value_year,
        {{ report_unit() }},
        {{ report_position() }},
        source.excerpt
    {{ from_report_rows() }}
)

select distinct on (document_id, page, line, metric_code) *
from final
order by document_id, page, line, metric_code, observation, excerpt
