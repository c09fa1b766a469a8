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

-- the part of the customer organisation a ticket came from ("X kommune - Helse og omsorg", ".../X kommune/Oppvekst":
-- "Helse og omsorg"), read off the customer cell by stg_tickets (customer_subunit): an attribute of its own, so the
-- tickets of one sector or department of every customer can be counted
subunits as (
    select
        source_system, ticket_id, cast('Customer unit' as text) as attribute, customer_subunit as value,
        source_file
    from {{ ref('fct_ticket') }}
    where customer_subunit is not null and trim(customer_subunit) <> ''
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
    union all
    select
        {{ surrogate_key(['subunits.source_system', 'subunits.ticket_id', 'subunits.attribute',
                          'subunits.value']) }},
        tickets.ticket_key,
        subunits.source_system,
        subunits.ticket_id,
        subunits.attribute,
        subunits.value,
        cast(null as double precision),
        cast(1 as bigint),
        subunits.source_file,
        cast(null as boolean),
        cast(null as text),
        cast(null as timestamp with time zone),
        cast(null as text)
    from subunits
    inner join tickets
        on tickets.source_system = subunits.source_system and tickets.ticket_id = subunits.ticket_id
    where not exists (
        select 1 from attributes as a
        where a.source_system = subunits.source_system and a.attribute = subunits.attribute
    )
)

select * from final
