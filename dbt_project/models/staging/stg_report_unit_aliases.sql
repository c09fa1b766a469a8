-- Short forms a report declares for one of its units ("Teknisk drift (TD)", a heading "3.2 Oppvekst (OPP)"),
-- read by flows/reports/heading_units.py; dim_unit lists them among the unit's aliases.
with source as (
    select * from {{ source('raw', 'report_unit_aliases') }}
),

final as (
    select distinct
        document_id,
        trim(unit_name) as unit_name,
        trim(alias) as alias
    from source
    where unit_name is not null and alias is not null and trim(alias) <> ''
)

select * from final
