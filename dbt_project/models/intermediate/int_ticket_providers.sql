-- Which unit handles each ticket source system, as the user alias file says (raw.user_ticket_providers;
-- source_system '*' = any system without its own row). The provider is a unit or organisation name as
-- reports write it; it resolves to a unit of int_unit_names by that name or a user alias of the unit.
-- A provider no loaded document names resolves to null. Nothing here defaults to an organisation:
-- without an entry, tickets have no provider and no report figure is reconciled with them.
with providers as (
    select * from {{ ref('stg_user_ticket_providers') }}
),

unit_names as (
    select distinct {{ norm_name('name_as_written') }} as name_norm, unit_key from {{ ref('int_unit_names') }}
),

unit_aliases as (
    select distinct alias_norm, unit_key from {{ ref('stg_user_unit_aliases') }}
    where unit_key in (select unit_key from unit_names)
),

candidates as (
    select providers.source_system, providers.provider, unit_names.unit_key, 1 as preference
    from providers
    inner join unit_names on unit_names.name_norm = {{ norm_name('providers.provider') }}
    union all
    select providers.source_system, providers.provider, unit_aliases.unit_key, 2
    from providers
    inner join unit_aliases on unit_aliases.alias_norm = {{ norm_name('providers.provider') }}
),

ranked as (
    select
        source_system, unit_key,
        row_number() over (partition by source_system order by preference, unit_key) as rn
    from candidates
),

final as (
    select
        providers.source_system,
        providers.provider,
        ranked.unit_key as provider_unit_key
    from providers
    left join ranked on providers.source_system = ranked.source_system and ranked.rn = 1
)

select * from final
