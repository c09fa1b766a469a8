{#
  Account row label as matched against seeds/account_aliases.csv: lower case, parenthesised notes
  ("(minus art 1690)", "(art 1621)") and footnote marks removed, a leading "= A-B." / "A-B"
  formula removed, whitespace collapsed. "EKSEMPELS ANDEL (art 1621)" -> "eksempels andel".
#}
{% macro account_label(expr) -%}
trim(regexp_replace(regexp_replace(regexp_replace(regexp_replace(
    lower(coalesce({{ expr }}, '')),
    '\([^)]*\)', ' ', 'g'),
    '^\s*=?\s*[a-e]\s*-\s*[a-e]\.?\s*', ' ', 'g'),
    '[*:]', ' ', 'g'),
    '\s+', ' ', 'g'))
{%- endmacro %}
