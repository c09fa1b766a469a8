-- One row per helpdesk ticket, keyed to the customer organisation (dim_organisation), the IT service
-- that handled it (dim_unit, through the user alias file's ticket_providers: int_ticket_providers; null
-- when no entry names it, and then no report figure is reconciled with the tickets) and the Oslo date it was registered
-- (dim_period). A/B priority and the phone-answer thresholds are the ones reports count.
-- A dateless snapshot export (no date column at all, see flows/tickets/infer.py) gives tickets with no
-- created time: created_date/created_date_key are null, is_dated is false; they count in breakdowns by
-- status, priority, ... but fct_ticket_daily and every period mart leave them out.
-- A reopened ticket is resolved more than once: resolved_at/resolution_hours measure to its last (final) resolution,
-- first_resolved_at/first_resolution_hours to its first (an event log's first resolving or closing event), which many
-- leaders and helpdesk reports count instead; a one-row export says no first resolution of a reopened ticket (null).
with tickets as (
    select * from {{ ref('stg_tickets') }}
),

-- an event log's first resolving (or closing) event per ticket: its first resolution, whatever came after it
first_done as (
    select
        source_system,
        ticket_id,
        min(case when status in ('resolved', 'closed') then event_at end) as first_done_at
    from {{ ref('stg_ticket_events') }}
    group by source_system, ticket_id
),

organisation_names as (
    select * from {{ ref('int_organisation_names') }}
),

providers as (
    select * from {{ ref('int_ticket_providers') }}
),

final as (
    select
        {{ surrogate_key(['tickets.source_system', 'tickets.ticket_id']) }} as ticket_key,
        tickets.source_system,
        tickets.ticket_id,
        coalesce(customers.organisation_key, 'unknown') as organisation_key,
        tickets.customer_org as customer_name,
        tickets.customer_subunit,
        coalesce(own_provider.provider_unit_key, any_provider.provider_unit_key) as provider_unit_key,
        tickets.created_at,
        tickets.created_at is not null as is_dated,
        tickets.created_date,
        {{ date_key('tickets.created_date') }} as created_date_key,
        cast(extract(year from tickets.created_date) as integer) as created_year,
        cast(extract(quarter from tickets.created_date) as integer) as created_quarter,
        tickets.first_response_at,
        tickets.resolved_at,
        tickets.closed_at,
        tickets.priority,
        tickets.priority in ('A', 'B') as is_ab_priority,
        tickets.priority_source,
        tickets.category,
        tickets.category_main,
        tickets.category_path,
        tickets.subcategory,
        tickets.channel,
        tickets.status,
        tickets.status_source,
        tickets.status in ('resolved', 'closed') as is_resolved,
        -- the first resolution: an event log's first resolving or closing event; a ticket never reopened has one
        -- resolution (its resolved, else closed, time); a reopened ticket of a one-row export: not known (null)
        case
            when first_done.first_done_at is not null then first_done.first_done_at
            when coalesce(tickets.reopen_count, 0) = 0 and not coalesce(tickets.reopened, false)
                then coalesce(tickets.resolved_at, tickets.closed_at)
        end as first_resolved_at,
        case when tickets.first_response_at is not null
            then {{ seconds_between('tickets.created_at', 'tickets.first_response_at') }} / 60.0
        end as first_response_minutes,
        case when coalesce(tickets.resolved_at, tickets.closed_at) is not null
            then {{ seconds_between('tickets.created_at', 'coalesce(tickets.resolved_at, tickets.closed_at)') }} / 3600.0
        end as resolution_hours,
        case
            when first_done.first_done_at is not null
                then {{ seconds_between('tickets.created_at', 'first_done.first_done_at') }} / 3600.0
            when coalesce(tickets.reopen_count, 0) = 0 and not coalesce(tickets.reopened, false)
                and coalesce(tickets.resolved_at, tickets.closed_at) is not null
                then {{ seconds_between('tickets.created_at', 'coalesce(tickets.resolved_at, tickets.closed_at)') }} / 3600.0
        end as first_resolution_hours,
        tickets.phone_wait_seconds,
        case when tickets.channel = 'phone' and tickets.phone_wait_seconds is not null
            then tickets.phone_wait_seconds <= 60 end as answered_within_1min,
        case when tickets.channel = 'phone' and tickets.phone_wait_seconds is not null
            then tickets.phone_wait_seconds <= 180 end as answered_within_3min,
        tickets.assignment_group,
        tickets.source_file,
        tickets.source_exported_at
    from tickets
    left join organisation_names as customers on tickets.customer_org = customers.name_as_written
    left join providers as own_provider on tickets.source_system = own_provider.source_system
    left join providers as any_provider on any_provider.source_system = '*'
    left join first_done on tickets.source_system = first_done.source_system and tickets.ticket_id = first_done.ticket_id
)

select * from final
