-- One row per ticket (as fct_ticket) with what leaders ask about its life: when it was done, the
-- resolution time in business hours (dim_business_day: weekdays without Norwegian public holidays,
-- opening hours from the dbt vars), the resolution target for its priority (the stated targets, KOMMUNEDATA_SLA_TARGETS)
-- and whether it was met (the export's own verdict, e.g. ServiceNow made_sla, wins when its export has one; else
-- a done ticket's done time against the export's own deadline column, "Due date", "fixbydate", "Løsningsfrist";
-- else the stated target), leaving out the tickets the export excludes from the SLA ("excludefromsla"),
-- and how often it was reopened and reassigned (from the export, its yes/no "reopened" column, or, for an
-- event log, counted from its events by the loader).
with tickets as (
    select * from {{ ref('fct_ticket') }}
),

staged as (
    select source_system, ticket_id, reopen_count, reopened, reassignment_count, sla_met from {{ ref('stg_tickets') }}
),

-- the export's deadline columns and SLA exclusion flag per ticket (flows/tickets/infer.py sla_role)
deadlines as (
    select
        source_system,
        ticket_id,
        min(value_time) filter (where sla_role = 'resolution_deadline') as resolution_due_at,
        min(value_time) filter (where sla_role = 'response_deadline') as response_due_at,
        bool_or(value_flag) filter (where sla_role = 'sla_excluded') as is_sla_excluded
    from {{ ref('stg_ticket_attributes') }}
    where sla_role is not null
    group by source_system, ticket_id
),

-- a tag saying the ticket was reopened ("gjenopna", "reopened", "gjenåpnet" in a tags/labels list): an export that
-- tags reopenings tells every ticket of it reopened (tagged) or not (untagged)
tags as (
    select
        source_system,
        ticket_id,
        bool_or(lower(value) like 'reopen%' or lower(value) like 're-open%' or lower(value) like 'gjenåpn%'
            or lower(value) like 'gjenopn%' or lower(value) like 'återöppn%' or lower(value) like 'genåbn%'
            or lower(value) like 'genopn%') as has_reopen_tag
    from {{ ref('stg_ticket_attributes') }}
    where lower(attribute) in ('tags', 'tag', 'labels', 'label', 'etiketter', 'etikett', 'stikkord', 'emneknagger')
        or lower(attribute) like '%.tags' or lower(attribute) like '%.labels'
    group by source_system, ticket_id
),

tagging_systems as (
    select source_system from tags where has_reopen_tag group by source_system
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
        -- an export without a status column, or a state the loader could not read ('other': a status code such as
        -- "9"): a ticket is done when it has a resolved or closed time
        coalesce(
            case when tickets.status in ('resolved', 'closed', 'cancelled') then true
                when tickets.status in ('new', 'open', 'pending') then false end,
            tickets.resolved_at is not null or tickets.closed_at is not null
        ) as is_done,
        staged.reopen_count,
        staged.reopened as export_reopened,
        case when tagging_systems.source_system is not null then coalesce(tags.has_reopen_tag, false)
            end as tagged_reopened,
        staged.reassignment_count,
        staged.sla_met as export_sla_met,
        -- an export that states its own verdict: its verdict alone counts, for every ticket of it
        count(staged.sla_met) over (partition by tickets.source_system) > 0 as export_has_verdict,
        tickets.first_response_at,
        deadlines.resolution_due_at,
        deadlines.response_due_at,
        deadlines.is_sla_excluded,
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
    left join deadlines on deadlines.source_system = tickets.source_system and deadlines.ticket_id = tickets.ticket_id
    left join tags on tags.source_system = tickets.source_system and tags.ticket_id = tickets.ticket_id
    left join tagging_systems on tagging_systems.source_system = tickets.source_system
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
        case when export_has_verdict then export_sla_met
            when coalesce(is_sla_excluded, false) then null
            -- (a cancelled ticket was never held to its deadline)
            when resolution_due_at is not null then case when done_at is not null
                and coalesce(status, '') != 'cancelled' then done_at <= resolution_due_at end
            when resolution_business_hours is not null and resolution_target_business_hours is not null
                then resolution_business_hours <= resolution_target_business_hours end as is_sla_met,
        case when export_has_verdict then (case when export_sla_met is not null then 'export' end)
            when coalesce(is_sla_excluded, false) then null
            when resolution_due_at is not null then (case when done_at is not null
                and coalesce(status, '') != 'cancelled' then 'deadline' end)
            when resolution_business_hours is not null and resolution_target_business_hours is not null
                then 'target' end as sla_source,
        resolution_due_at,
        response_due_at,
        is_sla_excluded,
        -- (the exclusion flag is not applied here: a question that leaves those tickets out filters is_sla_excluded)
        case when first_response_at is not null and response_due_at is not null
            then first_response_at <= response_due_at end as is_response_sla_met,
        reopen_count,
        -- the count when there is one, else the export's own yes/no ("Återöppnat" Ja/Nej), else its reopen tag
        case when reopen_count is not null then reopen_count > 0
            else coalesce(export_reopened, tagged_reopened) end as is_reopened,
        reassignment_count
    from joined
)

select * from final
