-- One row per event of an event-log export, with its ticket (fct_ticket) and the ticket's created date:
-- what process-mining questions ask ("how many tickets had a 'Wait' step", "which tickets started with
-- 'Insert ticket'", "how long from creation to the first 'Closed'", "how many events in all").
--   event_seq             1 for a ticket's first event (by time, then row in the file), 2 for the next ...
--   is_first_of_activity  the ticket's first event with this activity
--   days_since_created    calendar days from the ticket's created time to the event
--   activity              as exported; in a log of states only (no activity field), the state as exported
with events as (
    select * from {{ ref('stg_ticket_events') }}
),

tickets as (
    select ticket_key, source_system, ticket_id, created_at, created_date from {{ ref('fct_ticket') }}
),

numbered as (
    select
        events.*,
        row_number() over (partition by events.source_system, events.ticket_id
                           order by events.event_at, events.source_file, events.source_row) as event_seq,
        row_number() over (partition by events.source_system, events.ticket_id, events.activity
                           order by events.event_at, events.source_file, events.source_row) as activity_seq
    from events
),

final as (
    select
        {{ surrogate_key(['numbered.source_system', 'numbered.ticket_id', 'numbered.event_seq']) }} as ticket_event_id,
        tickets.ticket_key,
        numbered.source_system,
        numbered.ticket_id,
        numbered.event_at,
        numbered.event_date,
        numbered.event_at_offset,
        numbered.event_local_at,
        cast(numbered.event_seq as bigint) as event_seq,
        -- a log of states only (no activity field): the state the event recorded, as exported
        coalesce(numbered.activity, numbered.status_source) as activity,
        numbered.resource,
        numbered.status,
        numbered.status_source,
        numbered.assignment_group,
        numbered.activity_seq = 1 as is_first_of_activity,
        tickets.created_at,
        tickets.created_date,
        cast({{ seconds_between('tickets.created_at', 'numbered.event_at') }} / 86400.0 as double precision)
            as days_since_created,
        numbered.source_file
    from numbered
    left join tickets
        on tickets.source_system = numbered.source_system and tickets.ticket_id = numbered.ticket_id
)

select * from final
