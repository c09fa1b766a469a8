-- Years and quarters from 2010 to 2035; finer grains (month, ISO week, day) come with ticket data.
with years as (
    select cast(y as integer) as year
    from {{ integer_series(2010, 2035) }}
),

quarters as (
    select cast(q as integer) as quarter
    from {{ integer_series(1, 4, 'q') }}
),

final as (
    select
        cast(year as varchar) as period_key,
        'year' as grain,
        year,
        cast(null as integer) as half,
        cast(null as integer) as quarter,
        cast(year as varchar) as label
    from years
    union all
    select
        cast(year as varchar) || '-Q' || cast(quarter as varchar),
        'quarter',
        year,
        case when quarter <= 2 then 1 else 2 end,
        quarter,
        cast(quarter as varchar) || '. kvartal ' || cast(year as varchar)
    from years cross join quarters
)

select * from final
