-- Every unit name seen in any report, resolved to one unit key through seeds/unit_aliases.csv;
-- a name without an alias entry gets a key of its own derived from the name.
with aliases as (
    select * from {{ ref('stg_unit_aliases') }}
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

resolved as (
    select distinct
        seen.unit_name as name_as_written,
        coalesce(aliases.unit_key, {{ unit_slug('seen.unit_name') }}) as unit_key,
        coalesce(aliases.unit_name, seen.unit_name) as canonical_name,
        coalesce(aliases.organisation, seen.organisation) as organisation,
        aliases.unit_key is not null as is_governed
    from seen
    left join aliases on {{ norm_name('aliases.alias') }} = {{ norm_name('seen.unit_name') }}
    where seen.unit_name is not null
),

-- one row per name: a name seen both with and without its organisation (a parent named in a unit
-- list) keeps the organisation; two organisations naming a unit alike keep the first by name
one_per_name as (
    select name_as_written, unit_key, canonical_name, organisation, is_governed
    from (
        select
            resolved.*,
            row_number() over (
                partition by name_as_written order by (organisation is null), organisation, unit_key
            ) as rn
        from resolved
    ) as ranked
    where rn = 1
)

select * from one_per_name
