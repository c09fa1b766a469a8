{# A stable key for a unit name that has no entry in seeds/unit_aliases.csv. #}
{% macro unit_slug(expr) -%}
trim(both '-' from regexp_replace(translate(lower(trim({{ expr }})), 'æøåäöéü', 'aoaaoeu'), '[^a-z0-9]+', '-', 'g'))
{%- endmacro %}

{% macro norm_name(expr) -%}
lower(regexp_replace(trim({{ expr }}), '\s+', ' ', 'g'))
{%- endmacro %}
