-- Qualitative statements ("Sykefraværet i 2020 var lavt"): what a report says about a metric
-- when it gives no number. Answers use them to say what is known instead of inventing a value.
with observations as (
    select * from {{ ref('stg_report_observations') }}
),

names as (
    select * from {{ ref('int_unit_names') }}
),

final as (
    select
        {{ surrogate_key(['observations.document_id', 'observations.page', 'observations.line',
            'observations.metric_code']) }} as observation_id,
        observations.metric_code,
        names.unit_key,
        observations.value_year,
        observations.observation,
        observations.document_id,
        observations.file_name,
        observations.page,
        observations.line,
        observations.excerpt
    from observations
    inner join names on observations.unit_name = names.name_as_written
)

select * from final
