{#
  Business seconds from 1990-01-01 up to an instant: the open seconds of earlier days (from
  dim_business_day, joined as `day_alias` on the instant's Oslo date) plus the open part of the
  instant's own day. The difference of two of these is the business time between two instants.
#}
{% macro business_seconds_upto(instant, day_alias) -%}
({{ day_alias }}.open_seconds_before + case when {{ day_alias }}.is_business_day then
    least(greatest(
        cast(extract(hour from {{ to_oslo_time(instant) }}) * 3600 + extract(minute from {{ to_oslo_time(instant) }}) * 60
             + extract(second from {{ to_oslo_time(instant) }}) as double precision)
        - {{ var('ticket_opens_seconds', 28800) }}, 0),
        {{ var('ticket_closes_seconds', 55800) }} - {{ var('ticket_opens_seconds', 28800) }})
    else 0 end)
{%- endmacro %}

{# A percentile (0..1) of a numeric column within a GROUP BY. #}
{% macro percentile(expr, fraction) -%}
{{ return(adapter.dispatch('percentile')(expr, fraction)) }}
{%- endmacro %}

{% macro default__percentile(expr, fraction) -%}
quantile_cont({{ expr }}, {{ fraction }})
{%- endmacro %}

{% macro postgres__percentile(expr, fraction) -%}
percentile_cont({{ fraction }}) within group (order by {{ expr }})
{%- endmacro %}
