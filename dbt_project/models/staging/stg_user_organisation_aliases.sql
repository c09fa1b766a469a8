with source as (
    select * from {{ source('raw', 'user_organisation_aliases') }}
),

final as (
    select distinct
        trim(organisation_name) as organisation_name,
        nullif(lower(trim(organisation_type)), '') as organisation_type,
        trim(alias) as alias,
        {{ organisation_match_key('organisation_name') }} as organisation_match,
        {{ organisation_match_key('alias') }} as alias_match
    from source
    where organisation_name is not null and trim(organisation_name) <> ''
        and alias is not null and trim(alias) <> ''
)

select * from final
