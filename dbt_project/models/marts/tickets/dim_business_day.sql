-- One row per calendar day 1990–2040 (dim_period's day rows): is it a helpdesk business day, how many
-- seconds the service is open that day, and the open seconds of all earlier days (a running total,
-- so business time between two instants is two lookups). Business days are weekdays that are not
-- Norwegian public holidays (1 and 17 May, Christmas and New Year's Day, and the Easter-based ones:
-- Maundy Thursday, Good Friday, Easter Sunday and Monday, Ascension, Whit Sunday and Monday) —
-- the calendar flows/tickets/business_hours.py uses. Opening hours come from the dbt vars
-- ticket_opens_seconds / ticket_closes_seconds (seconds after midnight, Oslo time; default 08:00–15:30).
with days as (
    select start_date as date_day, year, iso_weekday
    from {{ ref('dim_period') }}
    where grain = 'date'
),

years as (
    select distinct year from days
),

-- Gregorian Easter Sunday (Meeus–Jones–Butcher), in steps
easter_1 as (
    select
        year,
        year % 19 as a,
        cast(floor(year / 100.0) as integer) as b,
        year % 100 as c
    from years
),

easter_2 as (
    select
        year, a, b, c,
        cast(floor(b / 4.0) as integer) as d,
        b % 4 as e,
        cast(floor((b + 8) / 25.0) as integer) as f
    from easter_1
),

easter_3 as (
    select
        year, a, b, c, d, e,
        (19 * a + b - d - cast(floor((b - f + 1) / 3.0) as integer) + 15) % 30 as h,
        cast(floor(c / 4.0) as integer) as i,
        c % 4 as k
    from easter_2
),

easter_4 as (
    select year, a, h, (32 + 2 * e + 2 * i - h - k) % 7 as l
    from easter_3
),

easter as (
    select
        year,
        make_date(
            year,
            cast(floor((h + l - 7 * cast(floor((a + 11 * h + 22 * l) / 451.0) as integer) + 114) / 31.0) as integer),
            ((h + l - 7 * cast(floor((a + 11 * h + 22 * l) / 451.0) as integer) + 114) % 31) + 1
        ) as easter_sunday
    from easter_4
),

holidays as (
    select make_date(year, 1, 1) as holiday from years
    union all select make_date(year, 5, 1) from years
    union all select make_date(year, 5, 17) from years
    union all select make_date(year, 12, 25) from years
    union all select make_date(year, 12, 26) from years
    union all select cast(easter_sunday - 3 as date) from easter
    union all select cast(easter_sunday - 2 as date) from easter
    union all select easter_sunday from easter
    union all select cast(easter_sunday + 1 as date) from easter
    union all select cast(easter_sunday + 39 as date) from easter
    union all select cast(easter_sunday + 49 as date) from easter
    union all select cast(easter_sunday + 50 as date) from easter
),

flagged as (
    select
        days.date_day,
        days.iso_weekday <= 5 and not exists (select 1 from holidays where holidays.holiday = days.date_day)
            as is_business_day
    from days
),

final as (
    select
        date_day,
        {{ date_key('date_day') }} as date_key,
        is_business_day,
        cast(case when is_business_day
            then {{ var('ticket_closes_seconds', 55800) }} - {{ var('ticket_opens_seconds', 28800) }} else 0 end
            as double precision) as open_seconds,
        cast(coalesce(sum(case when is_business_day
            then {{ var('ticket_closes_seconds', 55800) }} - {{ var('ticket_opens_seconds', 28800) }} else 0 end)
            over (order by date_day rows between unbounded preceding and 1 preceding), 0) as double precision)
            as open_seconds_before
    from flagged
)

select * from final
