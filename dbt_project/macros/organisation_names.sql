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
    'redningstjeneste', 'redningstjenesten', 'redningsteneste', 'redningstenesta',
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

{#
  A customer cell that names a sub-unit after the organisation ("X kommune / Hjemmetjenesten", "X kommune v/ Teknisk",
  "X kommune v/Teknisk") is the organisation X kommune, with the sub-unit beside it (customer_subunit), never a
  customer of its own. Cut at the first " / " or " v/ " (a "/" inside a word, "Helse/sosial", is no cut); the
  organisation is the part before it, unless only the part after it says it is one ("Kunder / X kommune", a folder
  path): then that part, and no sub-unit.
#}
{% macro customer_cut_head(expr) -%}
trim(regexp_replace({{ expr }}, '\s+(/|[vV]/)\s*.*$', ''))
{%- endmacro %}

{% macro customer_cut_tail(expr) -%}
nullif(trim(regexp_replace(substr({{ expr }}, length(regexp_replace({{ expr }}, '\s+(/|[vV]/)\s*.*$', '')) + 1),
    '^\s+(/|[vV]/)\s*', '')), '')
{%- endmacro %}

{% macro customer_tail_is_organisation(expr) -%}
({{ organisation_type_from_name(customer_cut_head(expr)) }} = 'ukjent'
    and {{ organisation_type_from_name(customer_cut_tail(expr)) }} <> 'ukjent')
{%- endmacro %}

{#
  A customer named by an e-mail domain or address ("nordvik.kommune.no", "ola@skole.nordvik.kommune.no", a requester's
  address standing in where the customer cell is empty) is the organisation the domain names: "<name>.kommune.no" and
  "<name>kommune.no" a kommune, "<name>.fylkeskommune.no" and "<name>fylke.no" a fylkeskommune, "<name>.kommun(e).se"
  a Swedish kommun; any other domain written alone ("eksempel.no") the organisation of that name, without a kind. An
  address at any other domain (a private mailbox) names no organisation: null. Any other cell is kept as written.
  flows/tickets/values.py domain_organisation is the same rule in Python (the layout inference reads it;
  tests/flows/tickets/test_customer_domains.py keeps the two in step).
#}
{% macro customer_named(expr) -%}
{#- mailbox providers anyone may use: an address there names no organisation (flows/tickets/values.py
    PUBLIC_MAIL_DOMAINS; tests/flows/tickets/test_customer_domains.py keeps them in step) -#}
{%- set public_mail_domains = [
    'gmail.com', 'googlemail.com', 'outlook.com', 'hotmail.com', 'hotmail.no', 'live.com', 'live.no', 'msn.com',
    'yahoo.com', 'yahoo.no', 'icloud.com', 'me.com', 'mac.com', 'aol.com', 'online.no', 'start.no', 'frisurf.no',
    'getmail.no', 'broadpark.no', 'c2i.net', 'protonmail.com', 'gmx.com', 'gmx.net', 'mail.com',
    'yandex.com', 'hotmail.se', 'outlook.dk', 'telia.com',
] -%}
{%- set t = "lower(trim(" ~ expr ~ "))" -%}
{%- set d = "regexp_replace(regexp_replace(" ~ t ~ ", '^[^@ ]+@', ''), '^www[.]', '')" -%}
{%- set shaped = "regexp_replace(" ~ t ~ ", '^([^@ ]+@)?[a-z0-9æøå-]+([.][a-z0-9æøå-]+)*[.](no|se|dk|fi|is|com|org|net|eu)$', '') = ''" -%}
{%- set fylke = "regexp_replace(regexp_replace(" ~ d ~ ", '[.]?fylke(skommune)?[.]no$', ''), '^.*[.]', '')" -%}
{%- set kommune = "regexp_replace(regexp_replace(" ~ d ~ ", '[.]?kommune[.]no$', ''), '^.*[.]', '')" -%}
{%- set kommun = "regexp_replace(regexp_replace(" ~ d ~ ", '[.]kommune?[.]se$', ''), '^.*[.]', '')" -%}
{%- set plain = "regexp_replace(regexp_replace(" ~ d ~ ", '[.][a-z]+$', ''), '^.*[.]', '')" -%}
case
    when {{ expr }} is null or not ({{ shaped }}) then {{ expr }}
    when ({{ d }} like '%fylkeskommune.no' or {{ d }} like '%fylke.no') and {{ fylke }} <> ''
        then upper(left({{ fylke }}, 1)) || substr({{ fylke }}, 2) || ' fylkeskommune'
    when {{ d }} like '%kommune.no' and {{ kommune }} <> ''
        then upper(left({{ kommune }}, 1)) || substr({{ kommune }}, 2) || ' kommune'
    when ({{ d }} like '%.kommun.se' or {{ d }} like '%.kommune.se') and {{ kommun }} <> ''
        then upper(left({{ kommun }}, 1)) || substr({{ kommun }}, 2) || ' kommun'
    when {{ t }} like '%@%' and {{ d }} in ('{{ public_mail_domains | join("', '") }}') or {{ plain }} = ''
        then cast(null as text)
    else upper(left({{ plain }}, 1)) || substr({{ plain }}, 2)
end
{%- endmacro %}

{#
  A customer cell that names the part of an organisation in another way than " / " is written with " / " so the cuts
  below read it (the organisation, the sub-unit beside it):
  - "<organisation> - <part>" ("X kommune - Helse og omsorg", "Y IKS - Intern"; also with an en dash): cut at the first
    " - " when the part before it says it is an organisation (organisation_type_from_name); "Nord-Fron" is no cut;
  - a path without spaces around its "/" ("Leverandør/Kunder/X kommune/Oppvekst"): the last element that says it is an
    organisation (a kind word as a word of its own) is the organisation, the elements after it the part; the elements
    before it (the provider's own folders) are dropped. A path none of whose elements says so is kept as written.
#}
{% macro customer_org_kinds_re() -%}
(?:fylkeskommune|fylkeskommunes|kommune|kommunes|herad|herads|kommun|stad|iks|as|asa)
{%- endmacro %}

{% macro customer_dash_head(expr) -%}
trim(regexp_replace({{ expr }}, '\s+[-–]\s+.*$', ''))
{%- endmacro %}

{% macro customer_dash_tail(expr) -%}
nullif(trim(regexp_replace(substr({{ expr }}, length(regexp_replace({{ expr }}, '\s+[-–]\s+.*$', '')) + 1),
    '^\s+[-–]\s*', '')), '')
{%- endmacro %}

{% macro customer_parts(expr) -%}
{%- set path = "^(.*/)?((?:[^/]*[ ])?" ~ customer_org_kinds_re() ~ "(?:[ ][^/]*)?)(/.*)?$" -%}
case
    when {{ expr }} is null or {{ expr }} like '% / %' or {{ expr }} like '% v/%' or {{ expr }} like '% V/%'
        then {{ expr }}
    when {{ customer_dash_tail(expr) }} is not null
        and {{ organisation_type_from_name(customer_dash_head(expr)) }} <> 'ukjent'
        then {{ customer_dash_head(expr) }} || ' / ' || {{ customer_dash_tail(expr) }}
    when {{ expr }} like '%/%' and regexp_replace(trim({{ expr }}), '{{ path }}', '', 'i') = ''
        then trim(regexp_replace(trim({{ expr }}), '{{ path }}', '\2', 'i'))
            || coalesce(' / ' || nullif(trim(regexp_replace(regexp_replace(trim({{ expr }}), '{{ path }}', '\3', 'i'),
                '^/+', '')), ''), '')
    else {{ expr }}
end
{%- endmacro %}

{#
  A customer cell that lists labels with commas ("X kommune, Ola Nordmann", "X kommune, Server", "Server, X kommune")
  is the organisation among them: the first label when it says it is one, else the second when only it does; the
  rest is the sub-unit. A cell whose labels name no organisation kind ("Nordmann, Ola") is kept as written.
#}
{% macro customer_comma_head(expr) -%}
trim(regexp_replace({{ expr }}, ',.*$', ''))
{%- endmacro %}

{% macro customer_comma_tail(expr) -%}
nullif(trim(regexp_replace({{ expr }}, '^[^,]*,', '')), '')
{%- endmacro %}

{% macro customer_comma_organisation(expr) -%}
case
    when {{ expr }} not like '%,%' or {{ customer_cut_tail(expr) }} is not null then cast(null as text)
    when {{ organisation_type_from_name(customer_comma_head(expr)) }} <> 'ukjent'
        then nullif({{ customer_comma_head(expr) }}, '')
    when {{ organisation_type_from_name(customer_comma_tail(expr)) }} <> 'ukjent'
        and {{ customer_comma_tail(expr) }} not like '%,%'
        then {{ customer_comma_tail(expr) }}
end
{%- endmacro %}

{% macro customer_organisation(expr) -%}
case
    when {{ customer_comma_organisation(expr) }} is not null then {{ customer_comma_organisation(expr) }}
    when {{ customer_cut_tail(expr) }} is null then nullif(trim({{ expr }}), '')
    when {{ customer_tail_is_organisation(expr) }} then {{ customer_cut_tail(expr) }}
    else nullif({{ customer_cut_head(expr) }}, '')
end
{%- endmacro %}

{% macro customer_subunit(expr) -%}
case
    when {{ customer_comma_organisation(expr) }} = {{ customer_comma_head(expr) }} then {{ customer_comma_tail(expr) }}
    when {{ customer_comma_organisation(expr) }} is not null then {{ customer_comma_head(expr) }}
    when {{ customer_cut_tail(expr) }} is null or {{ customer_tail_is_organisation(expr) }} then cast(null as text)
    else {{ customer_cut_tail(expr) }}
end
{%- endmacro %}

{#
  Names written without the Nordic letters ("Sorvag kommune" for "Sørvåg kommune") meet the name written with them:
  the letters folded (æ -> ae, ø/ö -> o, å/ä/á/à -> a, é/è -> e, ü -> u), and the transliterations an ASCII text
  writes for them read the same way ("Baerum", "Tromsoe", "Haaland": ae, oe -> o, aa -> a); used to group names,
  never shown.
#}
{% macro organisation_fold(expr) -%}
replace(replace({{ organisation_letters_fold(expr) }}, 'aa', 'a'), 'oe', 'o')
{%- endmacro %}

{# The Nordic letters folded alone: a name equal to its own form so has none of them ("Sorvag kommune"). #}
{% macro organisation_letters_fold(expr) -%}
translate(replace({{ expr }}, 'æ', 'ae'), 'øöåäáàéèóòü', 'ooaaaaeeoou')
{%- endmacro %}

{# A name whose kind word, after its first word, is capitalised ("Nordvik Kommune"): not as a document writes it. #}
{% macro kind_word_capitalised(expr) -%}
{%- set padded = "(' ' || " ~ expr ~ " || ' ')" -%}
({% for word in ['Kommune', 'Fylkeskommune', 'Herad', 'Kommun', 'Fylke'] -%}
{{ padded }} like '_% {{ word }} %'{% if not loop.last %} or {% endif %}
{%- endfor %})
{%- endmacro %}
