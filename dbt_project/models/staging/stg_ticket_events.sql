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
        -- the offset the export printed the time with ("+02:00", "Z"; null: printed without one, read as Oslo time)
        -- and the wall-clock time as printed (event_at is the instant, in UTC): "kl. 08 as the log shows it"
        event_at_offset,
        case
            when event_at_offset is null then {{ to_oslo_time('event_at') }}
            else (event_at at time zone 'UTC') + (
                case when event_at_offset = 'Z' then 0
                     else (case when substr(event_at_offset, 1, 1) = '-' then -1 else 1 end)
                          * (cast(substr(event_at_offset, 2, 2) as integer) * 60
                             + cast(coalesce(nullif(substr(replace(event_at_offset, ':', ''), 4, 2), ''), '0') as integer))
                end) * interval '1 minute'
        end as event_local_at,
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
