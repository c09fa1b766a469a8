-- Every unit name seen in any report resolved to one unit key: a name (or alias) in the user alias
-- file (raw.user_unit_aliases) takes that entry's key, name and organisation; any other name is its
-- own unit, keyed by a slug of the name as written. No list of names lives in the project.
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
        coalesce(user_entries.unit_key, {{ unit_slug('names.unit_name') }}) as unit_key,
        coalesce(user_entries.unit_name, names.unit_name) as canonical_name,
        coalesce(user_entries.organisation, names.organisation) as organisation,
        user_entries.unit_key is not null as is_governed
    from names
    left join user_entries on user_entries.alias_norm = {{ norm_name('names.unit_name') }}
)

select * from resolved
