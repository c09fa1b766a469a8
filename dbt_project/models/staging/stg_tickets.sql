-- One row per helpdesk ticket as the loader keeps it (the newest export wins, see flows/tickets/load.py).
-- Instants stay timestamptz (UTC); calendar dates are taken in Oslo time because reports count
-- tickets per Norwegian day, week and quarter.
with source as (
    select * from {{ source('raw', 'tickets') }}
),

-- a customer written as an e-mail domain or address is the organisation the domain names
domains as (
    select
        *,
        {{ customer_named('customer_org') }} as customer_domain_named
    from source
),

named as (
    select
        *,
        -- "X kommune - Helse og omsorg", "Leverandør/Kunder/X kommune/Oppvekst": "X kommune / <part>" (customer_parts)
        {{ customer_parts('customer_domain_named') }} as customer_named,
        -- the main category: the first level of a category written as a path ("Programvare > Fagsystem > Visma")
        {{ category_top_level('category') }} as category_top
    from domains
),

-- an export whose categories are paths ("Klient > Skriver", "Nettverk::VPN": at least half of its filled ones) and
-- that has no subcategory column: its category is the first level and its subcategory the levels below
paths as (
    select
        *,
        count(subcategory) over (partition by source_system) = 0
        and count(category) over (partition by source_system) > 0
        and 2 * sum(case when category_top != trim(category) then 1 else 0 end) over (partition by source_system)
        >= count(category) over (partition by source_system) as category_is_path
    from named
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
        case when category_is_path then category_top else category end as category,
        category_top as category_main,
        -- the path as exported, for a category read as a path (null otherwise): what a breakdown by category shows
        case when category_is_path and category_top != trim(category) then trim(category) end as category_path,
        case when category_is_path then {{ category_below_top_level('category') }} else subcategory end
            as subcategory,
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
    from paths
)

select * from final
