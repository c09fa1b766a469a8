with source as (
    select * from {{ source('raw', 'user_unit_aliases') }}
),

final as (
    select distinct
        trim(unit_name) as unit_name,
        {{ unit_slug('unit_name') }} as unit_key,
        nullif(trim(organisation), '') as organisation,
        trim(alias) as alias,
        {{ norm_name('alias') }} as alias_norm
    from source
    where unit_name is not null and trim(unit_name) <> '' and alias is not null and trim(alias) <> ''
)

select * from final
