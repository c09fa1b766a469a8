-- Tickets for leaders, per period and one breakdown at a time: grain date / week (ISO) / month /
-- quarter / year (dim_period) × dimension all / organisation (dim_organisation key) / customer (as
-- written in the export) / category / priority / status / channel. Every period from the first
-- ticket to the last created or done date has a row for every value of the dimension, so backlog
-- and zero counts are there too.
--   created_count        tickets registered in the period (Oslo date)
--   resolved_count       tickets resolved or closed in the period (resolved time, else closed time)
--   backlog_open_at_end  tickets registered by the period's last day and not yet resolved/closed then;
--                        a ticket whose status is done but whose export has no done time leaves the
--                        backlog on its created date
--   resolution_business_hours_median / _p90   over the tickets resolved in the period
--   sla_met_pct          share of the tickets resolved in the period that met their priority's
--                        target (fct_ticket_lifecycle, the stated targets, KOMMUNEDATA_SLA_TARGETS)
--   reopen_rate_pct      share of the tickets resolved in the period that had been reopened
with tickets as (
    -- a dateless snapshot's tickets (no created time) belong to no period
    select * from {{ ref('fct_ticket_lifecycle') }} where created_date is not null
),

day_keys as (
    select start_date as date_day, period_key as date_key, week_key, month_key, quarter_key, year_key
    from {{ ref('dim_period') }}
    where grain = 'date'
),

periods as (
    select grain, period_key, start_date, end_date
    from {{ ref('dim_period') }}
    where grain in ('date', 'week', 'month', 'quarter', 'year')
),

grains as (
    select 'date' as grain union all select 'week' union all select 'month' union all select 'quarter'
    union all select 'year'
),

members as (
    select 'all' as dimension, 'all' as dimension_value, tickets.* from tickets
    union all select 'organisation', organisation_key, tickets.* from tickets
    union all select 'customer', coalesce(customer_name, 'unknown'), tickets.* from tickets
    union all select 'category', coalesce(category, 'unknown'), tickets.* from tickets
    union all select 'priority', coalesce(priority, 'unknown'), tickets.* from tickets
    union all select 'status', coalesce(status, 'unknown'), tickets.* from tickets
    union all select 'channel', coalesce(channel, 'unknown'), tickets.* from tickets
),

{% set period_of = "case grains.grain when 'date' then day_keys.date_key when 'week' then day_keys.week_key "
                   ~ "when 'month' then day_keys.month_key when 'quarter' then day_keys.quarter_key "
                   ~ "else day_keys.year_key end" %}

created as (
    select grains.grain, {{ period_of }} as period_key, members.dimension, members.dimension_value,
        count(*) as created_count
    from members
    inner join day_keys on day_keys.date_day = members.created_date
    cross join grains
    group by 1, 2, 3, 4
),

resolved as (
    select grains.grain, {{ period_of }} as period_key, members.dimension, members.dimension_value,
        count(*) as resolved_count,
        {{ percentile('members.resolution_business_hours', 0.5) }} as resolution_business_hours_median,
        {{ percentile('members.resolution_business_hours', 0.9) }} as resolution_business_hours_p90,
        count(members.is_sla_met) as sla_measured_count,
        sum(case when members.is_sla_met then 1 else 0 end) as sla_met_count,
        count(members.is_reopened) as reopen_measured_count,
        sum(case when members.is_reopened then 1 else 0 end) as reopened_count
    from members
    inner join day_keys on day_keys.date_day = members.done_date
    cross join grains
    group by 1, 2, 3, 4
),

left_backlog as (
    select grains.grain, {{ period_of }} as period_key, members.dimension, members.dimension_value,
        count(*) as left_count
    from members
    inner join day_keys on day_keys.date_day
        = coalesce(members.done_date, case when members.is_done then members.created_date end)
    cross join grains
    group by 1, 2, 3, 4
),

dimension_values as (
    select distinct dimension, dimension_value from members
),

bounds as (
    select min(created_date) as first_day,
        max(case when done_date > created_date then done_date else created_date end) as last_day
    from tickets
),

grid as (
    select periods.grain, periods.period_key, periods.start_date, periods.end_date,
        dimension_values.dimension, dimension_values.dimension_value
    from periods
    cross join dimension_values
    cross join bounds
    where periods.end_date >= bounds.first_day and periods.start_date <= bounds.last_day
),

joined as (
    select
        grid.*,
        coalesce(created.created_count, 0) as created_count,
        coalesce(resolved.resolved_count, 0) as resolved_count,
        coalesce(left_backlog.left_count, 0) as left_count,
        resolved.resolution_business_hours_median,
        resolved.resolution_business_hours_p90,
        coalesce(resolved.sla_measured_count, 0) as sla_measured_count,
        coalesce(resolved.sla_met_count, 0) as sla_met_count,
        coalesce(resolved.reopen_measured_count, 0) as reopen_measured_count,
        coalesce(resolved.reopened_count, 0) as reopened_count
    from grid
    left join created on grid.grain = created.grain and grid.period_key = created.period_key
        and grid.dimension = created.dimension and grid.dimension_value = created.dimension_value
    left join resolved on grid.grain = resolved.grain and grid.period_key = resolved.period_key
        and grid.dimension = resolved.dimension and grid.dimension_value = resolved.dimension_value
    left join left_backlog on grid.grain = left_backlog.grain and grid.period_key = left_backlog.period_key
        and grid.dimension = left_backlog.dimension and grid.dimension_value = left_backlog.dimension_value
),

final as (
    select
        {{ surrogate_key(['grain', 'period_key', 'dimension', 'dimension_value']) }} as ticket_period_id,
        grain,
        period_key,
        start_date,
        end_date,
        dimension,
        dimension_value,
        cast(created_count as bigint) as created_count,
        cast(resolved_count as bigint) as resolved_count,
        cast(sum(created_count - left_count) over (
            partition by grain, dimension, dimension_value order by start_date
            rows between unbounded preceding and current row) as bigint) as backlog_open_at_end,
        cast(resolution_business_hours_median as double precision) as resolution_business_hours_median,
        cast(resolution_business_hours_p90 as double precision) as resolution_business_hours_p90,
        cast(sla_measured_count as bigint) as sla_measured_count,
        cast(sla_met_count as bigint) as sla_met_count,
        case when sla_measured_count > 0
            then cast(100.0 * sla_met_count / sla_measured_count as double precision) end as sla_met_pct,
        cast(reopened_count as bigint) as reopened_count,
        case when reopen_measured_count > 0
            then cast(100.0 * reopened_count / reopen_measured_count as double precision) end as reopen_rate_pct
    from joined
)

select * from final
