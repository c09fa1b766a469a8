-- One row per helpdesk ticket as the loader keeps it (the newest export wins, see flows/tickets/load.py).
-- Instants stay timestamptz (UTC); calendar dates are taken in Oslo time because reports count
-- tickets per Norwegian day, week and quarter.
with source as (
    select * from {{ source('raw', 'tickets') }}
),

-- a customer written as an e-mail domain or address is the organisation the domain names
named as (
    select *, {{ customer_named('customer_org') }} as customer_named from source
),

final as (
    select
        source_system,
        ticket_id,
        -- the organisation ("X kommune / Hjemmetjenesten" -> "X kommune") and the sub-unit the cell names after it
        {{ customer_organisation('customer_named') }} as customer_org,
        {{ customer_subunit('customer_named') }} as customer_subunit,
        nullif(trim(customer_org), '') as customer_as_exported,
        created_at,
        first_response_at,
        resolved_at,
        closed_at,
        cast({{ to_oslo_time('created_at') }} as date) as created_date,
        upper(priority) as priority,
        priority_source,
        category,
        -- the main category: the first level of a category written as a path ("Programvare > Fagsystem > Visma")
        {{ category_top_level('category') }} as category_main,
        subcategory,
        channel,
        status,
        status_source,
        assignment_group,
        cast(phone_wait_seconds as double precision) as phone_wait_seconds,
        cast(reassignment_count as bigint) as reassignment_count,
        cast(reopen_count as bigint) as reopen_count,
        cast(sla_met as boolean) as sla_met,
        cast(reopened as boolean) as reopened,
        source_exported_at,
        source_file,
        cast(source_row as bigint) as source_row,
        loaded_at
    from named
)

select * from final
