with facts as (
    select * from {{ ref('stg_report_facts') }}
),

names as (
    select * from {{ ref('int_unit_names') }}
),

organisation_names as (
    select * from {{ ref('int_organisation_names') }}
),

keyed as (
    select
        {{ surrogate_key(['facts.document_id', 'facts.metric_code', 'names.unit_key', 'facts.unit_name', 'facts.subject',
            'facts.value_year', 'facts.period_code', 'facts.qualifier', 'facts.page', 'facts.line']) }} as metric_value_id,
        facts.metric_code,
        names.unit_key,
        facts.organisation,
        organisation_names.organisation_key,
        facts.subject,
        facts.value_year,
        facts.quarter,
        {{ period_passed('facts') }},
        case
            when facts.quarter is not null then cast(facts.value_year as text) || '-Q' || cast(facts.quarter as text)
            when facts.period_grain = 'half' then cast(facts.value_year as text) || '-H' || cast(facts.period_index as text)
            when facts.period_grain = 'month' then cast(facts.value_year as text) || '-'
                || case when facts.period_index < 10 then '0' else '' end || cast(facts.period_index as text)
            else cast(facts.value_year as text)
        end as period_key,
        facts.report_year,
        facts.value,
        facts.qualifier,
        facts.source_kind,
        facts.document_id,
        facts.file_name,
        facts.page,
        facts.line,
        facts.excerpt
    from facts
    inner join names on facts.unit_name = names.name_as_written
    left join organisation_names on facts.organisation = organisation_names.name_as_written
),

deduplicated as (
    {{ first_copy('keyed', 'metric_value_id', 'excerpt') }}
),

ranked as (
    select
        deduplicated.*,
        row_number() over (
            partition by metric_code, unit_key, coalesce(subject, ''), value_year,
                coalesce(period_code, ''), coalesce(qualifier, '')
            order by report_year desc, document_id, page, line
        ) as restatement_rank
    from deduplicated
),

final as (
    select
        metric_value_id,
        metric_code,
        unit_key,
        organisation,
        organisation_key,
        subject,
        value_year,
        quarter,
        {{ period_passed() }},
        period_key,
        report_year,
        value,
        qualifier,
        source_kind,
        restatement_rank = 1 as is_latest,
        document_id,
        file_name,
        page,
        line,
        excerpt
    from ranked
)

select * from final
