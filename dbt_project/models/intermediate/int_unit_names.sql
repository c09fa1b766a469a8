-- Every unit name seen in any report resolved to one unit key: a name (or alias) in the user alias
-- file (raw.user_unit_aliases) takes that entry's key, name and organisation; any other name is its
-- own unit, keyed by a slug of the name as written. No list of names lives in the project.
-- An organisation's own name (the body's whole-organisation figures) spelt two ways by two reports ("Eksempelvåg
-- kommune" in one, "Eksempelvaag" in another) is one unit: names that are their organisation's own and meet on
-- macros/organisation_names.sql's match key only once the Nordic letters are folded take the key of the spelling
-- shown (with its Nordic letters, then its kind word).
with user_aliases as (
    select alias_norm, unit_key, unit_name, organisation from {{ ref('stg_user_unit_aliases') }}
),

seen as (
    select unit_name, organisation from {{ ref('stg_report_facts') }}
    union
    select unit_name, organisation from {{ ref('stg_report_accounts') }}
    union
    select unit_name, organisation from {{ ref('stg_report_observations') }}
    union
    select units.unit_name, documents.organisation
    from {{ ref('stg_report_units') }} as units
    left join {{ ref('stg_documents') }} as documents on units.document_id = documents.document_id
    union
    select parent_name, null from {{ ref('stg_report_units') }} where parent_name is not null
),

names as (
    -- one row per name as written; the organisation of the first document naming it
    select unit_name, min(organisation) as organisation
    from seen
    where unit_name is not null and trim(unit_name) <> ''
    group by unit_name
),

own_names as (
    select
        unit_name,
        {{ organisation_fold(organisation_match_key('unit_name')) }} as fold_key,
        {{ organisation_match_key('unit_name') }} as base,
        {{ organisation_type_from_name('unit_name') }} as stated_kind
    from names
    where unit_name = organisation
),

own_groups as (
    -- names spelt differently ("Eksempelvåg", "Eksempelvaag"): the same name with and without its kind word alone
    -- ("X kommune", "X") meets as the organisation already; a match key shared by bodies of different kinds
    -- ("X fylkeskommune", "X IKS") is no one organisation
    select fold_key
    from own_names
    group by fold_key
    having count(distinct base) > 1 and count(distinct case when stated_kind <> 'ukjent' then stated_kind end) <= 1
),

organisation_spellings as (
    -- the organisation's own names of one group; the spelling shown first
    select
        own_names.unit_name,
        first_value(own_names.unit_name) over (
            partition by own_names.fold_key
            order by (lower(own_names.unit_name) = {{ organisation_letters_fold('lower(own_names.unit_name)') }}),
                length(own_names.unit_name) desc, own_names.unit_name
        ) as shown_name
    from own_names
    inner join own_groups on own_names.fold_key = own_groups.fold_key
),

user_entries as (
    select alias_norm, unit_key, unit_name, organisation
    from (
        select
            alias_norm, unit_key, unit_name, organisation,
            row_number() over (partition by alias_norm order by unit_key) as rn
        from user_aliases
    ) as ranked
    where rn = 1
),

resolved as (
    select
        names.unit_name as name_as_written,
        coalesce(
            user_entries.unit_key,
            {{ unit_slug('spellings.shown_name') }},
            {{ unit_slug('names.unit_name') }}
        ) as unit_key,
        coalesce(
            user_entries.unit_name, spellings.shown_name, names.unit_name
        ) as canonical_name,
        coalesce(user_entries.organisation, names.organisation) as organisation,
        user_entries.unit_key is not null as is_governed
    from names
    left join user_entries on user_entries.alias_norm = {{ norm_name('names.unit_name') }}
    left join organisation_spellings as spellings on names.unit_name = spellings.unit_name
)

select * from resolved
