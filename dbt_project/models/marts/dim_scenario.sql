with scenarios as (
    select * from {{ ref('scenarios') }}
),

final as (
    select
        scenario_code,
        name_nb,
        name_en,
        cast(is_budget as boolean) as is_budget,
        description
    from scenarios
)

select * from final
