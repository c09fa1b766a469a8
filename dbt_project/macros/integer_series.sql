{# A portable integer series (DuckDB and PostgreSQL both have generate_series as a table function). #}
{% macro integer_series(start, stop, name='y') -%}
generate_series({{ start }}, {{ stop }}) as series({{ name }})
{%- endmacro %}
