with source as (
    select * from {{ source('raw', 'user_ticket_providers') }}
),

final as (
    select distinct
        lower(trim(source_system)) as source_system,
        trim(provider) as provider
    from source
    where source_system is not null and provider is not null and trim(provider) <> ''
)

select * from final
