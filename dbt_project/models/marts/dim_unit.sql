-- One row per unit however many names reports give it; names resolve through int_unit_names (a slug
-- of the name, or the user alias file's entry). Only units a loaded document names get a row.
with names as (
    select * from {{ ref('int_unit_names') }}
),

aliases as (
    select * from {{ ref('stg_user_unit_aliases') }}
    where unit_key in (select unit_key from {{ ref('int_unit_names') }})
),

declared as (
    -- short forms the reports declare for their units ("Teknisk drift (TD)")
    select names.unit_key, names.canonical_name, names.organisation, declared.alias
    from {{ ref('stg_report_unit_aliases') }} as declared
    inner join names on declared.unit_name = names.name_as_written
),

report_units as (
    select * from {{ ref('stg_report_units') }}
),

organisation_names as (
    select * from {{ ref('int_organisation_names') }}
),

all_names as (
    select unit_key, canonical_name, organisation, name_as_written as alias from names
    union
    select unit_key, unit_name, organisation, alias from aliases
    union
    select unit_key, canonical_name, organisation, alias from declared
),

leaders as (
    -- the leader named in the most recent report that names one, and the parent it gives
    select unit_key, leader, parent_key, unit_level
    from (
        select
            names.unit_key,
            report_units.leader,
            parents.unit_key as parent_key,
            report_units.unit_level,
            row_number() over (
                partition by names.unit_key
                order by (report_units.leader is null), report_units.document_id desc
            ) as rn
        from report_units
        inner join names on report_units.unit_name = names.name_as_written
        left join names as parents on report_units.parent_name = parents.name_as_written
    ) as ranked
    where rn = 1
),

units as (
    select
        unit_key,
        min(canonical_name) as unit_name,
        min(organisation) as organisation,
        string_agg(distinct alias, ' | ') as aliases,
        count(distinct alias) as name_count
    from all_names
    group by unit_key
),

final as (
    select
        units.unit_key,
        units.unit_name,
        units.organisation,
        organisation_names.organisation_key,
        leaders.parent_key as parent_unit_key,
        coalesce(leaders.unit_level, 'enhet') as unit_level,
        leaders.leader,
        units.aliases,
        cast(units.name_count as integer) as name_count
    from units
    left join leaders on units.unit_key = leaders.unit_key
    left join organisation_names on units.organisation = organisation_names.name_as_written
)

select * from final
