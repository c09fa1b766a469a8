-- Every organisation name seen (documents, unit aliases, ticket customers, owners in cost-share rows
-- and split tables) resolved to one organisation key through seeds/organisations.csv and
-- seeds/organisation_aliases.csv. Owner names in share rows are genitive ("Stjørdals andel"), so a
-- name also matches an alias followed by "s". A name without a match gets a key of its own.
with organisations as (
    select * from {{ ref('organisations') }}
),

aliases as (
    select * from {{ ref('organisation_aliases') }}
),

documents as (
    select * from {{ ref('stg_documents') }}
),

unit_aliases as (
    select * from {{ ref('stg_unit_aliases') }}
),

tickets as (
    select * from {{ ref('stg_tickets') }}
),

accounts as (
    select * from {{ ref('stg_report_accounts') }}
),

known_names as (
    select {{ norm_name('alias') }} as name_norm, organisation_key from aliases
    union
    select {{ norm_name('organisation_name') }}, organisation_key from organisations
),

share_owner_names as (
    -- "STJØRDALS ANDEL (art 1621)" -> "stjørdals"
    select distinct trim(regexp_replace({{ account_label('row_label') }}, '\s*andel$', '')) as name_as_written
    from accounts
    where statement = 'unit' and {{ account_label('row_label') }} like '%andel'
),

seen_raw as (
    select organisation as name_as_written, organisation_type from documents where organisation is not null
    union
    select organisation, cast(null as text) from unit_aliases where organisation is not null
    union
    select distinct customer_org, cast(null as text) from tickets where customer_org is not null
    union
    select name_as_written, cast(null as text) from share_owner_names where name_as_written <> ''
    union
    select distinct trim(row_label), cast(null as text) from accounts
    where statement = 'cost_share' and row_label is not null and trim(row_label) <> ''
        and lower(trim(row_label)) not in ('sum', 'total', 'totalt', 'i alt')
),

seen as (
    select name_as_written, max(organisation_type) as organisation_type
    from seen_raw
    group by name_as_written
),

matched as (
    select
        seen.name_as_written,
        seen.organisation_type,
        known_names.organisation_key,
        row_number() over (
            partition by seen.name_as_written
            order by case when known_names.name_norm = {{ norm_name('seen.name_as_written') }} then 0 else 1 end,
                known_names.organisation_key
        ) as preference
    from seen
    left join known_names
        on {{ norm_name('seen.name_as_written') }} = known_names.name_norm
        or {{ norm_name('seen.name_as_written') }} = known_names.name_norm || 's'
),

final as (
    select distinct
        name_as_written,
        {{ norm_name('name_as_written') }} as name_norm,
        coalesce(organisation_key, {{ unit_slug('name_as_written') }}) as organisation_key,
        organisation_type,
        organisation_key is not null as is_governed
    from matched
    where preference = 1
)

select * from final
