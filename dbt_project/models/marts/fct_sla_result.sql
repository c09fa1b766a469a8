-- Service-level results against their targets, per SLA measure, unit and year. Two sources:
--   'report'  – the report's own table of targets ("Måltall") and results (fct_metric_value
--               qualifier 'target' / 'result');
--   'tickets' – phone answers within 1 and 3 minutes computed from ticket exports, against the
--               target the unit's report states for the same year.
-- is_met compares result and target in the metric's direction (dim_metric.higher_is_better).
with metric_values as (
    select * from {{ ref('fct_metric_value') }}
    where is_latest and qualifier in ('target', 'result')
),

metrics as (
    select * from {{ ref('dim_metric') }}
),

tickets_by_quarter as (
    select * from {{ ref('agg_tickets_by_quarter') }}
),

report_pairs as (
    select
        metric_code,
        unit_key,
        value_year,
        quarter,
        subject,
        max(case when qualifier = 'target' then value end) as target_value,
        max(case when qualifier = 'result' then value end) as result_value,
        max(case when qualifier = 'result' then document_id end) as document_id,
        max(case when qualifier = 'result' then file_name end) as file_name,
        max(case when qualifier = 'result' then page end) as page,
        max(case when qualifier = 'result' then excerpt end) as excerpt
    from metric_values
    group by metric_code, unit_key, value_year, quarter, subject
),

ticket_years as (
    select
        provider_unit_key as unit_key,
        year as value_year,
        cast(sum(phone_answered_count) as bigint) as phone_answered_count,
        cast(sum(phone_within_1min_count) as bigint) as phone_within_1min_count,
        cast(sum(phone_within_3min_count) as bigint) as phone_within_3min_count
    from tickets_by_quarter
    where provider_unit_key is not null
    group by provider_unit_key, year
    having sum(phone_answered_count) > 0
),

ticket_results as (
    select
        'phone_answered_1min_pct' as metric_code, unit_key, value_year,
        cast(100.0 * phone_within_1min_count / phone_answered_count as double precision) as result_value,
        phone_answered_count
    from ticket_years
    union all
    select
        'phone_answered_3min_pct', unit_key, value_year,
        cast(100.0 * phone_within_3min_count / phone_answered_count as double precision),
        phone_answered_count
    from ticket_years
),

combined as (
    select
        metric_code, unit_key, value_year, quarter, subject, 'report' as source, target_value, result_value,
        cast(null as bigint) as observations, document_id, file_name, page, excerpt
    from report_pairs
    union all
    select
        ticket_results.metric_code, ticket_results.unit_key, ticket_results.value_year, cast(null as integer),
        cast(null as text), 'tickets', report_pairs.target_value, ticket_results.result_value,
        ticket_results.phone_answered_count, report_pairs.document_id, report_pairs.file_name,
        report_pairs.page, report_pairs.excerpt
    from ticket_results
    left join report_pairs
        on ticket_results.metric_code = report_pairs.metric_code
        and ticket_results.unit_key = report_pairs.unit_key
        and ticket_results.value_year = report_pairs.value_year
        and report_pairs.quarter is null
        and report_pairs.subject is null
),

final as (
    select
        {{ surrogate_key(['combined.metric_code', 'combined.unit_key', 'combined.value_year', 'combined.quarter',
            'combined.subject', 'combined.source']) }} as sla_result_id,
        combined.metric_code,
        combined.unit_key,
        combined.value_year,
        combined.quarter,
        case when combined.quarter is null then cast(combined.value_year as text)
            else cast(combined.value_year as text) || '-Q' || cast(combined.quarter as text)
        end as period_key,
        combined.subject,
        combined.source,
        combined.target_value,
        combined.result_value,
        combined.result_value - combined.target_value as result_minus_target,
        case
            when combined.target_value is null or combined.result_value is null or metrics.higher_is_better is null
                then cast(null as boolean)
            when metrics.higher_is_better then combined.result_value >= combined.target_value
            else combined.result_value <= combined.target_value
        end as is_met,
        combined.observations,
        combined.document_id,
        combined.file_name,
        combined.page,
        combined.excerpt
    from combined
    left join metrics on combined.metric_code = metrics.metric_code
)

select * from final
