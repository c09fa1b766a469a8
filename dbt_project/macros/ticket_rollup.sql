{#
  Roll fct_ticket_daily up to a coarser grain of dim_period ('week_key', 'month_key', 'quarter_key',
  'year_key') per customer organisation and IT service; shares come from summed counts.
#}
{% macro ticket_rollup(period_column, extra_columns=[]) -%}
with daily as (
    select * from {{ ref('fct_ticket_daily') }}
),

periods as (
    select * from {{ ref('dim_period') }} where grain = 'date'
),

rolled as (
    select
        periods.{{ period_column }} as period_key,
        {%- for c in extra_columns %}
        periods.{{ c }},
        {%- endfor %}
        daily.organisation_key,
        daily.provider_unit_key,
        cast(sum(daily.ticket_count) as bigint) as ticket_count,
        cast(sum(daily.ab_ticket_count) as bigint) as ab_ticket_count,
        cast(sum(daily.a_ticket_count) as bigint) as a_ticket_count,
        cast(sum(daily.resolved_count) as bigint) as resolved_count,
        cast(sum(daily.phone_answered_count) as bigint) as phone_answered_count,
        cast(sum(daily.phone_within_1min_count) as bigint) as phone_within_1min_count,
        cast(sum(daily.phone_within_3min_count) as bigint) as phone_within_3min_count,
        cast(sum(daily.resolution_hours_sum) as double precision) as resolution_hours_sum,
        cast(sum(daily.resolution_hours_count) as bigint) as resolution_hours_count
    from daily
    inner join periods on daily.period_key = periods.period_key
    group by periods.{{ period_column }}{% for c in extra_columns %}, periods.{{ c }}{% endfor %},
        daily.organisation_key, daily.provider_unit_key
),

final as (
    select
        {{ surrogate_key(['period_key', 'organisation_key', 'provider_unit_key']) }} as ticket_agg_id,
        rolled.*,
        case when phone_answered_count > 0
            then cast(100.0 * phone_within_1min_count / phone_answered_count as double precision) end as phone_within_1min_pct,
        case when phone_answered_count > 0
            then cast(100.0 * phone_within_3min_count / phone_answered_count as double precision) end as phone_within_3min_pct,
        case when resolution_hours_count > 0
            then resolution_hours_sum / resolution_hours_count end as avg_resolution_hours
    from rolled
)

select * from final
{%- endmacro %}
