{# One row per `key` of `relation`: the first by `order_by` (a report that prints the same row twice yields two
   rows with one id). Keeps every column, plus `copy_no` (1). #}
{% macro first_copy(relation, key, order_by) -%}
select *
    from (
        select {{ relation }}.*, row_number() over (partition by {{ key }} order by {{ order_by }}) as copy_no
        from {{ relation }}
    ) as numbered
    where copy_no = 1
{%- endmacro %}
