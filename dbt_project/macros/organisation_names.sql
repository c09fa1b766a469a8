{#
  The generic words are flows/org_kinds.py's kind words (tests/flows/test_org_kinds.py keeps them in step).
  Organisation names meet without any list of names: "X kommune", "X", "Xs andel" (an owner's share
  row, the label's "andel" already cut) and "X kommunes" all reduce to the same match key.

  The generic words include the abbreviations helpdesk exports write ("X k.", "X kom.", "X fk.").
  organisation_base: the last part of a path ("Rot > IKS > X kommune"), lower case, punctuation to spaces, the generic words below removed (a name made
  only of generic words keeps them). organisation_match_key: the base without a final genitive -s
  (bases of more than three letters). The words are padded with a second space so that adjacent
  generic words are each removed; plain POSIX regular expressions, so DuckDB and PostgreSQL agree.
#}
{% macro organisation_generic_words() -%}
{{ return([
    'kommune', 'kommunes', 'kommunen', 'kommunens', 'herad', 'herads', 'heradet', 'kommun', 'kommuns',
    'fylkeskommune', 'fylkeskommunes', 'fylkeskommunen', 'fylke', 'fylkes',
    'iks', 'as', 'asa', 'interkommunale', 'interkommunalt', 'selskap', 'selskapet',
    'stad', 'stads', 'staden', 'region', 'regionen', 'landsting', 'landstings', 'landstinget', 'läns',
    'kommunalförbund', 'kommunalförbundet', 'räddningstjänsten', 'räddningstjänst', 'brandförsvar',
    'brandförsvaret', 'brann', 'redningsvesen', 'redningsvesenet', 'brannvesen', 'brannvesenet', 'legevakt',
    'legevakten', 'kf', 'ab', 'sa', 'interkommunal', 'kommunalförbunds', 'kontrollutvalgssekretariat', 'redning',
    'revisjon', 'räddningstjänstförbund', 'räddningstjänstförbundet', 'samordningsförbundet', 'municipality', 'county',
    'k', 'kom', 'fk', 'fylkesk',
]) }}
{%- endmacro %}

{# A name written as a path in a helpdesk's customer tree ("Rot > IKS > X kommune", "Kunder::X") is its last part. #}
{% macro organisation_leaf(expr) -%}
regexp_replace(lower(coalesce({{ expr }}, '')), '^.*(>|::)', '')
{%- endmacro %}

{% macro organisation_base(expr) -%}
{%- set words = organisation_generic_words() | join('|') -%}
coalesce(
    nullif(trim(regexp_replace(regexp_replace(regexp_replace(
        ' ' || regexp_replace(trim(regexp_replace({{ organisation_leaf(expr) }}, '[^a-z0-9æøåäöüéèáàóò]+', ' ', 'g')), ' +', '  ', 'g') || ' ',
        ' ({{ words }}) ', ' ', 'g'),
        '^ *((og|i|och|for) +)+| +((og|i|och|for) *)+$', '', 'g'),
        ' +', ' ', 'g')), ''),
    trim(regexp_replace({{ organisation_leaf(expr) }}, '[^a-z0-9æøåäöüéèáàóò]+', ' ', 'g'))
)
{%- endmacro %}

{% macro organisation_match_key(expr) -%}
{%- set base = organisation_base(expr) -%}
case when length({{ base }}) > 3 and {{ base }} like '%s'
    then left({{ base }}, length({{ base }}) - 1) else {{ base }} end
{%- endmacro %}

{# The kind of organisation a name says it is: kommune, fylkeskommune, iks, selskap or ukjent. #}
{% macro organisation_type_from_name(expr) -%}
{%- set padded = "(' ' || regexp_replace(lower(coalesce(" ~ expr ~ ", '')), '[^a-z0-9æøåäöüéèáàóò]+', ' ', 'g') || ' ')" -%}
case
    when {{ padded }} like '% fylkeskommune %' or {{ padded }} like '% fylkeskommunes %'
        or {{ padded }} like '% landsting %' or {{ padded }} like ' region %' then 'fylkeskommune'
    when {{ padded }} like '% kommune %' or {{ padded }} like '% kommunes %'
        or {{ padded }} like '% herad %' or {{ padded }} like '% herads %'
        or {{ padded }} like '% kommun %' or {{ padded }} like '% stad %' then 'kommune'
    when {{ padded }} like '% iks %' or {{ padded }} like '% interkommunalt selskap %'
        or {{ padded }} like '% interkommunale selskap %' then 'iks'
    when {{ padded }} like '% as %' or {{ padded }} like '% asa %' then 'selskap'
    else 'ukjent'
end
{%- endmacro %}
