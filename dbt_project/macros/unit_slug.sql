{# A stable key from a name as written: lower case, æøå folded, runs of other characters as "-". #}
{% macro unit_slug(expr) -%}
trim(both '-' from regexp_replace(translate(lower(trim({{ expr }})), 'æøåäöéü', 'aoaaoeu'), '[^a-z0-9]+', '-', 'g'))
{%- endmacro %}

{% macro norm_name(expr) -%}
lower(regexp_replace(trim({{ expr }}), '\s+', ' ', 'g'))
{%- endmacro %}
