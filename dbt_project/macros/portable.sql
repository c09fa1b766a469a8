{# Small adapter-dispatched helpers so every model builds on DuckDB and PostgreSQL alike. #}

{# The first capture group of `pattern` in `expr`, or null. #}
{% macro regex_extract(expr, pattern) -%}
{{ return(adapter.dispatch('regex_extract')(expr, pattern)) }}
{%- endmacro %}

{% macro default__regex_extract(expr, pattern) -%}
nullif(regexp_extract({{ expr }}, '{{ pattern }}', 1), '')
{%- endmacro %}

{% macro postgres__regex_extract(expr, pattern) -%}
substring({{ expr }} from '{{ pattern }}')
{%- endmacro %}

{# Wall-clock time in Oslo for an instant (timestamptz); ticket dates are Norwegian calendar dates. #}
{% macro to_oslo_time(expr) -%}
({{ expr }} at time zone 'Europe/Oslo')
{%- endmacro %}

{# Seconds between two instants as double precision. #}
{% macro seconds_between(start_expr, end_expr) -%}
cast(extract(epoch from {{ end_expr }}) - extract(epoch from {{ start_expr }}) as double precision)
{%- endmacro %}

{# ISO date text 'YYYY-MM-DD' of a date: the period_key of a day in dim_period. #}
{% macro date_key(expr) -%}
cast(cast({{ expr }} as date) as text)
{%- endmacro %}

{# Zero-padded text of a small integer, e.g. 7 -> '07'. #}
{% macro pad2(expr) -%}
lpad(cast({{ expr }} as text), 2, '0')
{%- endmacro %}

{# A number as text without decimals, for readable test messages ("42048000"). #}
{% macro num_text(expr) -%}
coalesce(cast(cast(round(cast({{ expr }} as numeric), 0) as bigint) as text), 'null')
{%- endmacro %}
