-- Tickets per Oslo calendar day, customer organisation and IT service: the additive counts every
-- weekly, quarterly and yearly figure is summed from (shares are computed from the counts, never averaged).
-- Tickets of a dateless snapshot export (no created time) are in no day, so not here.
with tickets as (
    select * from {{ ref('fct_ticket') }} where created_date is not null
),

final as (
    select
        {{ surrogate_key(['created_date_key', 'organisation_key', 'provider_unit_key']) }} as ticket_daily_id,
        created_date_key as period_key,
        created_date as date_day,
        organisation_key,
        provider_unit_key,
        cast(count(*) as bigint) as ticket_count,
        cast(sum(case when is_ab_priority then 1 else 0 end) as bigint) as ab_ticket_count,
        cast(sum(case when priority = 'A' then 1 else 0 end) as bigint) as a_ticket_count,
        cast(sum(case when is_resolved then 1 else 0 end) as bigint) as resolved_count,
        cast(sum(case when channel = 'phone' and phone_wait_seconds is not null then 1 else 0 end) as bigint)
            as phone_answered_count,
        cast(sum(case when answered_within_1min then 1 else 0 end) as bigint) as phone_within_1min_count,
        cast(sum(case when answered_within_3min then 1 else 0 end) as bigint) as phone_within_3min_count,
        cast(sum(resolution_hours) as double precision) as resolution_hours_sum,
        cast(sum(case when resolution_hours is not null then 1 else 0 end) as bigint) as resolution_hours_count
    from tickets
    group by created_date_key, created_date, organisation_key, provider_unit_key
)

select * from final
