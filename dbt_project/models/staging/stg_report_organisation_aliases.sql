-- Short forms a report declares for its own organisation ("Digitale Eksempel IKS (DEI)", "ABC - <name>"),
-- read by flows/reports/organisation.py; dim_organisation lists them among the organisation's aliases.
with source as (
    select * from {{ source('raw', 'report_organisation_aliases') }}
),

final as (
    select distinct
        document_id,
        trim(organisation) as organisation,
        trim(alias) as alias
    from source
    where organisation is not null and alias is not null and trim(alias) <> ''
)

select * from final
