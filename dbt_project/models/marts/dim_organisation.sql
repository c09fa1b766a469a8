-- Municipalities, inter-municipal cooperations and companies: the governed list
-- (seeds/organisations.csv) plus any organisation a report or ticket export names that is not in it.
-- Which municipalities own (pay for) a cooperation, and with what share per year, is in fct_cost_share.
with organisations as (
    select * from {{ ref('organisations') }}
),

aliases as (
    select * from {{ ref('organisation_aliases') }}
),

names as (
    select * from {{ ref('int_organisation_names') }}
),

all_names as (
    select organisation_key, alias as name from aliases
    union
    select organisation_key, organisation_name from organisations
    union
    select organisation_key, name_as_written from names
),

name_lists as (
    select organisation_key, string_agg(distinct name, ' | ') as aliases
    from all_names
    group by organisation_key
),

ungoverned as (
    select
        organisation_key,
        min(name_as_written) as organisation_name,
        coalesce(
            max(organisation_type),
            case when lower(min(name_as_written)) like '%kommune' then 'kommune' else 'ukjent' end
        ) as organisation_type
    from names
    where organisation_key not in (select organisation_key from organisations)
    group by organisation_key
),

final as (
    select
        organisations.organisation_key,
        organisations.organisation_name,
        organisations.organisation_type,
        organisations.municipality_number,
        organisations.host_organisation_key,
        name_lists.aliases,
        true as is_governed,
        organisations.description
    from organisations
    left join name_lists on organisations.organisation_key = name_lists.organisation_key
    union all
    select
        ungoverned.organisation_key,
        ungoverned.organisation_name,
        ungoverned.organisation_type,
        cast(null as text),
        cast(null as text),
        name_lists.aliases,
        false,
        'Navn funnet i data, ikke i seeds/organisations.csv.'
    from ungoverned
    left join name_lists on ungoverned.organisation_key = name_lists.organisation_key
)

select * from final
