{#
  The first level of a category written as a path ("Programvare > Fagsystem > Visma" -> "Programvare"; the marks are
  those app/engine/families/ticket_category_levels.py splits a path by: >, », →, ::, | and a slash between spaces). A
  category that is no path is its own first level. Plain POSIX regular expressions, so DuckDB and PostgreSQL agree.
#}
{% macro category_top_level(expr) -%}
nullif(trim(regexp_replace({{ expr }}, '\s*(>|»|→|::|\||\s/\s).*$', '')), '')
{%- endmacro %}
{#
  The levels below the first of a category written as a path ("Klient > Skriver" -> "Skriver", "Programvare >
  Fagsystem > Visma" -> "Fagsystem > Visma", "Nettverk::VPN" -> "VPN"); null for a category that is no path.
#}
{% macro category_below_top_level(expr) -%}
nullif(trim(regexp_replace(
    substr({{ expr }}, length(regexp_replace({{ expr }}, '(>|»|→|::|\||\s/\s).*$', '')) + 1),
    '^\s*(>|»|→|::|\||/)\s*', ''
)), '')
{%- endmacro %}
