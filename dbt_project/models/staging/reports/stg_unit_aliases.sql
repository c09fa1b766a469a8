-- Unit aliases from the user's unit-alias CSV loaded by the refresh (raw.unit_aliases, see
-- flows/reports/aliases.py); the YAML user alias file's units are stg_user_unit_aliases. Units and
-- organisations come from the documents; aliases only join names a user knows to be one unit.
with user_file as (
    select alias, unit_key, unit_name, organisation from {{ source('raw_cells', 'unit_aliases') }}
),

final as (
    select distinct
        cast(alias as text) as alias,
        cast(unit_key as text) as unit_key,
        cast(unit_name as text) as unit_name,
        cast(organisation as text) as organisation
    from user_file
)

select * from final
