{# The part of a year a report figure is for, from the reader's period code (flows/reports/layout/periods.py):
   'Q1'..'Q4' quarter, 'T1'..'T3' tertial, 'H1'/'H2' half, 'M03' a month, 'M01-M08' a span of months (the year to a
   date: "per 31.08", "jan–aug"). Columns period_code, period_grain, period_index (the quarter, tertial or half's
   number; a month's or a span's last month), period_start_month and period_end_month; all null for a whole year or an
   unknown code. Plain substr/cast/case, so it builds on DuckDB and PostgreSQL alike. #}
{% macro valid_period(code) -%}
case when {{ code }} in ('Q1', 'Q2', 'Q3', 'Q4', 'T1', 'T2', 'T3', 'H1', 'H2')
        or ({{ code }} like 'M__' and substr({{ code }}, 2, 2) between '01' and '12')
        or ({{ code }} like 'M__-M__' and substr({{ code }}, 2, 2) between '01' and '12'
            and substr({{ code }}, 6, 2) between '01' and '12' and substr({{ code }}, 2, 2) < substr({{ code }}, 6, 2))
    then {{ code }} end
{%- endmacro %}

{% macro period_columns(code) -%}
{%- set c = valid_period(code) -%}
{{ c }} as period_code,
        case substr({{ c }}, 1, 1) when 'Q' then 'quarter' when 'T' then 'tertial' when 'H' then 'half'
            when 'M' then case when length({{ c }}) > 3 then 'months' else 'month' end end as period_grain,
        case when substr({{ c }}, 1, 1) in ('Q', 'T', 'H') then cast(substr({{ c }}, 2, 1) as integer)
            when substr({{ c }}, 1, 1) = 'M' then cast(substr({{ c }}, length({{ c }}) - 1, 2) as integer) end as period_index,
        case substr({{ c }}, 1, 1) when 'Q' then 3 * cast(substr({{ c }}, 2, 1) as integer) - 2
            when 'T' then 4 * cast(substr({{ c }}, 2, 1) as integer) - 3
            when 'H' then 6 * cast(substr({{ c }}, 2, 1) as integer) - 5
            when 'M' then cast(substr({{ c }}, 2, 2) as integer) end as period_start_month,
        case substr({{ c }}, 1, 1) when 'Q' then 3 * cast(substr({{ c }}, 2, 1) as integer)
            when 'T' then 4 * cast(substr({{ c }}, 2, 1) as integer)
            when 'H' then 6 * cast(substr({{ c }}, 2, 1) as integer)
            when 'M' then cast(substr({{ c }}, length({{ c }}) - 1, 2) as integer) end as period_end_month
{%- endmacro %}

{# The period columns passed on from a model that has them. #}
{% macro period_passed(alias='') -%}
{%- set p = alias ~ '.' if alias else '' -%}
{{ p }}period_code,
        {{ p }}period_grain,
        {{ p }}period_index,
        {{ p }}period_start_month,
        {{ p }}period_end_month
{%- endmacro %}
