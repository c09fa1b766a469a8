-- Cost-share keys ("Fordelingsnøkkel: 41 % flatt og 59 % etter innbyggertall") per cooperation unit
-- and year: one row per part of a key, with the basis it is split by. A unit can have several keys
-- (e.g. one each for regnskap/fakturering, fakturabehandling and lønn); the parts of one
-- key are stated together on one line and add up to 100 % (checked in fct_reconciliation).
-- Only the most recent report stating keys for a unit and year is used.
with key_facts as (
    select * from {{ ref('fct_metric_value') }}
    where metric_code = 'cost_share_pct'
),

units as (
    select * from {{ ref('dim_unit') }}
),

ranked as (
    select
        key_facts.*,
        dense_rank() over (
            partition by unit_key, value_year order by report_year desc, document_id
        ) as report_rank
    from key_facts
),

final as (
    select
        ranked.metric_value_id as cost_share_key_id,
        ranked.unit_key,
        units.organisation_key as cooperation_organisation_key,
        ranked.value_year,
        -- the words before ':' or '(' name the key ("Lønn: 25,2 % fast …"); a bare sentence is the key
        case
            when ranked.excerpt like '%:%' and position('%' in split_part(ranked.excerpt, ':', 1)) = 0
                then trim(split_part(ranked.excerpt, ':', 1))
            when ranked.excerpt like '%(%' and position('%' in split_part(ranked.excerpt, '(', 1)) = 0
                then trim(split_part(ranked.excerpt, '(', 1))
            else 'Fordelingsnøkkel'
        end as key_name,
        ranked.subject as basis,
        ranked.value as share_pct,
        ranked.report_year,
        ranked.document_id,
        ranked.file_name,
        ranked.page,
        ranked.line,
        ranked.excerpt
    from ranked
    left join units on ranked.unit_key = units.unit_key
    where ranked.report_rank = 1
)

select * from final
