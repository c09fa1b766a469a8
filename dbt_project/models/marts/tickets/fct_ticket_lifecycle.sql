-- One row per ticket (as fct_ticket) with what leaders ask about its life: when it was done, the
-- resolution time in business hours (dim_business_day: weekdays without Norwegian public holidays,
-- opening hours from the dbt vars), the resolution target for its priority (the stated targets, KOMMUNEDATA_SLA_TARGETS)
-- and whether it was met (the export's own verdict, e.g. ServiceNow made_sla, wins when it has one),
-- and how often it was reopened and reassigned (from the export, its yes/no "reopened" column, or, for an
-- event log, counted from its events by the loader).
with tickets as (
    select * from {{ ref('fct_ticket') }}
),

staged as (
    select source_system, ticket_id, reopen_count, reopened, reassignment_count, sla_met from {{ ref('stg_tickets') }}
),

days as (
    select * from {{ ref('dim_business_day') }}
),

targets as (
    -- the service's stated targets (var sla_resolution_targets_hours, set from KOMMUNEDATA_SLA_TARGETS);
    -- none are assumed: without them only an export's own SLA verdict counts
    {%- set stated = var('sla_resolution_targets_hours', {}) %}
    {%- if stated %}
    {%- for priority, hours in stated.items() %}
    select cast('{{ priority }}' as text) as priority,
        cast({{ hours | float }} as double precision) as resolution_target_business_hours
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
    {%- else %}
    select cast(null as text) as priority, cast(null as double precision) as resolution_target_business_hours
    where 1 = 0
    {%- endif %}
),

joined as (
    select
        tickets.ticket_key,
        tickets.source_system,
        tickets.ticket_id,
        tickets.organisation_key,
        tickets.customer_name,
        tickets.category,
        tickets.priority,
        tickets.status,
        tickets.channel,
        tickets.created_at,
        tickets.created_date,
        coalesce(tickets.resolved_at, tickets.closed_at) as done_at,
        tickets.status in ('resolved', 'closed', 'cancelled') as is_done,
        staged.reopen_count,
        staged.reopened as export_reopened,
        staged.reassignment_count,
        staged.sla_met as export_sla_met,
        case when coalesce(tickets.resolved_at, tickets.closed_at) is not null then
            ({{ business_seconds_upto('coalesce(tickets.resolved_at, tickets.closed_at)', 'done_day') }}
             - {{ business_seconds_upto('tickets.created_at', 'created_day') }}) / 3600.0
        end as resolution_business_hours,
        cast(targets.resolution_target_business_hours as double precision) as resolution_target_business_hours
    from tickets
    left join staged on tickets.source_system = staged.source_system and tickets.ticket_id = staged.ticket_id
    left join days as created_day on created_day.date_day = cast({{ to_oslo_time('tickets.created_at') }} as date)
    left join days as done_day
        on done_day.date_day = cast({{ to_oslo_time('coalesce(tickets.resolved_at, tickets.closed_at)') }} as date)
    left join targets on tickets.priority = targets.priority
),

final as (
    select
        ticket_key,
        source_system,
        ticket_id,
        organisation_key,
        customer_name,
        category,
        priority,
        status,
        channel,
        created_at,
        created_date,
        done_at,
        cast({{ to_oslo_time('done_at') }} as date) as done_date,
        is_done,
        cast(resolution_business_hours as double precision) as resolution_business_hours,
        resolution_target_business_hours,
        coalesce(export_sla_met, case when resolution_business_hours is not null
            and resolution_target_business_hours is not null
            then resolution_business_hours <= resolution_target_business_hours end) as is_sla_met,
        case when export_sla_met is not null then 'export'
            when resolution_business_hours is not null and resolution_target_business_hours is not null
                then 'target' end as sla_source,
        reopen_count,
        -- the count when there is one, else the export's own yes/no ("Återöppnat" Ja/Nej)
        case when reopen_count is not null then reopen_count > 0 else export_reopened end as is_reopened,
        reassignment_count
    from joined
)

select * from final
