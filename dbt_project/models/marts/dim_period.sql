-- Calendar periods 1990–2040 at six grains, all in one table so every fact can point at one key:
--   year '2020', half '2020-H1', quarter '2020-Q3', month '2020-07', ISO week '2020-W05'
--   (ISO year + week, so 2021-01-03 is in '2020-W53') and date '2020-07-15'.
-- Day rows carry the keys of the week, month, quarter and year they fall in.
with day_numbers as (
    select cast(n as integer) as n
    from {{ integer_series(0, 18627, 'n') }}
),

days as (
    select cast(cast('1990-01-01' as date) + n as date) as date_day
    from day_numbers
    where cast(cast('1990-01-01' as date) + n as date) <= cast('2040-12-31' as date)
),

day_parts as (
    select
        date_day,
        cast(extract(year from date_day) as integer) as year,
        cast(extract(month from date_day) as integer) as month,
        cast(extract(quarter from date_day) as integer) as quarter,
        cast(extract(isoyear from date_day) as integer) as iso_year,
        cast(extract(week from date_day) as integer) as iso_week,
        cast(extract(isodow from date_day) as integer) as iso_weekday
    from days
),

month_names as (
    select 1 as month_number, 'januar' as month_name union all select 2, 'februar' union all select 3, 'mars'
    union all select 4, 'april' union all select 5, 'mai' union all select 6, 'juni'
    union all select 7, 'juli' union all select 8, 'august' union all select 9, 'september'
    union all select 10, 'oktober' union all select 11, 'november' union all select 12, 'desember'
),

keyed_days as (
    select
        day_parts.*,
        month_names.month_name,
        case when quarter <= 2 then 1 else 2 end as half,
        cast(year as text) as year_key,
        cast(year as text) || '-H' || cast(case when quarter <= 2 then 1 else 2 end as text) as half_key,
        cast(year as text) || '-Q' || cast(quarter as text) as quarter_key,
        cast(year as text) || '-' || {{ pad2('month') }} as month_key,
        cast(iso_year as text) || '-W' || {{ pad2('iso_week') }} as week_key,
        {{ date_key('date_day') }} as date_key
    from day_parts
    inner join month_names on day_parts.month = month_names.month_number
),

date_rows as (
    select
        date_key as period_key, 'date' as grain, year, half, quarter, month, iso_year, iso_week,
        date_day as start_date, date_day as end_date,
        cast(extract(day from date_day) as text) || '. ' || month_name || ' ' || cast(year as text) as label,
        year_key, half_key, quarter_key, month_key, week_key, iso_weekday, iso_weekday >= 6 as is_weekend
    from keyed_days
),

week_rows as (
    select
        week_key as period_key, 'week' as grain,
        min(iso_year) as year, cast(null as integer) as half, cast(null as integer) as quarter,
        cast(null as integer) as month, min(iso_year) as iso_year, min(iso_week) as iso_week,
        min(date_day) as start_date, max(date_day) as end_date,
        'uke ' || cast(min(iso_week) as text) || ' ' || cast(min(iso_year) as text) as label,
        cast(min(iso_year) as text) as year_key, cast(null as text) as half_key, cast(null as text) as quarter_key,
        cast(null as text) as month_key, week_key, cast(null as integer) as iso_weekday, cast(null as boolean) as is_weekend
    from keyed_days
    group by week_key
),

month_rows as (
    select
        month_key, 'month', min(year), min(half), min(quarter), min(month), cast(null as integer),
        cast(null as integer), min(date_day), max(date_day), min(month_name) || ' ' || cast(min(year) as text),
        min(year_key), min(half_key), min(quarter_key), month_key, cast(null as text), cast(null as integer),
        cast(null as boolean)
    from keyed_days
    group by month_key
),

quarter_rows as (
    select
        quarter_key, 'quarter', min(year), min(half), min(quarter), cast(null as integer), cast(null as integer),
        cast(null as integer), min(date_day), max(date_day),
        cast(min(quarter) as text) || '. kvartal ' || cast(min(year) as text),
        min(year_key), min(half_key), quarter_key, cast(null as text), cast(null as text), cast(null as integer),
        cast(null as boolean)
    from keyed_days
    group by quarter_key
),

half_rows as (
    select
        half_key, 'half', min(year), min(half), cast(null as integer), cast(null as integer), cast(null as integer),
        cast(null as integer), min(date_day), max(date_day),
        cast(min(half) as text) || '. halvår ' || cast(min(year) as text),
        min(year_key), half_key, cast(null as text), cast(null as text), cast(null as text), cast(null as integer),
        cast(null as boolean)
    from keyed_days
    group by half_key
),

year_rows as (
    select
        year_key as period_key, 'year' as grain, min(year) as year, cast(null as integer) as half,
        cast(null as integer) as quarter, cast(null as integer) as month, cast(null as integer) as iso_year,
        cast(null as integer) as iso_week, min(date_day) as start_date, max(date_day) as end_date,
        year_key as label, year_key, cast(null as text) as half_key, cast(null as text) as quarter_key,
        cast(null as text) as month_key, cast(null as text) as week_key, cast(null as integer) as iso_weekday,
        cast(null as boolean) as is_weekend
    from keyed_days
    group by year_key
),

final as (
    select * from year_rows
    union all select * from half_rows
    union all select * from quarter_rows
    union all select * from month_rows
    union all select * from week_rows
    union all select * from date_rows
)

select * from final
