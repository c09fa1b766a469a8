{# md5 over the '|'-joined text of the columns, nulls as ''; the same key on DuckDB and PostgreSQL. #}
{% macro surrogate_key(columns) -%}
md5(concat_ws('|'{% for c in columns %}, coalesce(cast({{ c }} as text), ''){% endfor %}))
{%- endmacro %}
