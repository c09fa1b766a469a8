{#
  The first level of a category written as a path ("Programvare > Fagsystem > Visma" -> "Programvare"; the marks are
  those app/engine/families/ticket_category_levels.py splits a path by: >, », →, ::, | and a slash between spaces). A
  category that is no path is its own first level. Plain POSIX regular expressions, so DuckDB and PostgreSQL agree.
#}
{% macro category_top_level(expr) -%}
nullif(trim(regexp_replace({{ expr }}, '\s*(>|»|→|::|\||\s/\s).*$', '')), '')
{%- endmacro %}
