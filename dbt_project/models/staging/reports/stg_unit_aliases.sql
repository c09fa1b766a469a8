-- Unit aliases: the seed (empty in the project) and the user's own alias file loaded by the refresh
-- (raw.unit_aliases, see flows/reports/aliases.py). Units and organisations come from the documents;
-- aliases only join names a user knows to be one unit.
with seeded as (
    select alias, unit_key, unit_name, organisation from {{ ref('unit_aliases') }}
),

user_file as (
    select alias, unit_key, unit_name, organisation from {{ source('raw_cells', 'unit_aliases') }}
),

final as (
    select cast(alias as text) as alias, cast(unit_key as text) as unit_key,
           cast(unit_name as text) as unit_name, cast(organisation as text) as organisation
    from seeded
    union
    select alias, unit_key, unit_name, organisation from user_file
)

select * from final
