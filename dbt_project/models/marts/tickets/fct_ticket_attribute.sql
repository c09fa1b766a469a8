-- Every other column of the ticket exports (a version list, hours logged, a process variant), per
-- ticket: the attribute is the column's header as written, the value as exported (one row per item
-- of a list cell, item_count = how many items the cell had), value_number when it reads as a number.
-- Counting distinct ticket_key per value answers "how many issues list 4.0.0"; summing value_number
-- answers "hours logged in total". A flag column's value_flag says whether flag_name holds: "how many breached the
-- deadline" counts distinct ticket_key with value_flag, not the rows (every ticket has a Ja or a Nei).
with attributes as (
    select * from {{ ref('stg_ticket_attributes') }}
),

tickets as (
    select ticket_key, source_system, ticket_id from {{ ref('fct_ticket') }}
),

final as (
    select
        {{ surrogate_key(['attributes.source_system', 'attributes.ticket_id', 'attributes.attribute',
                          'attributes.value']) }} as ticket_attribute_id,
        tickets.ticket_key,
        attributes.source_system,
        attributes.ticket_id,
        attributes.attribute,
        attributes.value,
        attributes.value_number,
        attributes.item_count,
        attributes.source_file,
        attributes.value_flag,
        attributes.flag_name,
        attributes.value_time,
        attributes.sla_role
    from attributes
    inner join tickets
        on tickets.source_system = attributes.source_system and tickets.ticket_id = attributes.ticket_id
)

select * from final
