-- One row per event of an event-log export (flows/tickets/load.py keeps every event of a ticket in
-- raw.ticket_events besides the one ticket it becomes): when, what happened, who did it.
with source as (
    select * from {{ source('raw', 'ticket_events') }}
),

final as (
    select
        source_system,
        ticket_id,
        event_at,
        cast({{ to_oslo_time('event_at') }} as date) as event_date,
        nullif(trim(activity), '') as activity,
        nullif(trim(resource), '') as resource,
        status,
        status_source,
        assignment_group,
        source_exported_at,
        source_file,
        cast(source_row as bigint) as source_row
    from source
)

select * from final
