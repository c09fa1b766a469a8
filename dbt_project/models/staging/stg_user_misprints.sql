with source as (
    select * from {{ source('raw', 'user_misprints') }}
),

final as (
    select
        trim(unit) as unit_name,
        trim(account_key) as account_key,
        cast(value_year as integer) as value_year,
        trim(scenario_code) as scenario_code,
        cast(printed_amount_nok as double precision) as printed_amount_nok,
        cast(expected_amount_nok as double precision) as expected_amount_nok,
        note
    from source
    where unit is not null
)

select * from final
