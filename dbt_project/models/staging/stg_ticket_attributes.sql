-- Columns of a ticket export that no canonical field takes, one row per ticket, column and value
-- (a list cell such as "3.1.2, 4.0.0" gives one row per item), as flows/tickets/attributes.py keeps them.
with source as (
    select * from {{ source('raw', 'ticket_attributes') }}
),

final as (
    select
        source_system,
        ticket_id,
        attribute,
        value,
        cast(value_number as double precision) as value_number,
        cast(item_count as bigint) as item_count,
        source_file,
        cast(value_flag as boolean) as value_flag,
        flag_name,
        -- the part the column plays in an SLA (resolution_deadline, response_deadline, sla_excluded) and a
        -- deadline's value as an instant (flows/tickets/infer.py sla_role)
        cast(value_time as timestamp with time zone) as value_time,
        sla_role
    from source
)

select * from final
