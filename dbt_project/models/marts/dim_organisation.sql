-- Municipalities, county municipalities, inter-municipal companies and cooperations: one row per
-- organisation any report, unit or ticket export names (int_organisation_names groups the names),
-- plus 'unknown' for tickets without a customer. Names and types the user alias file gives are used;
-- nothing about a particular organisation is known to the project. Which municipalities own (pay
-- for) a cooperation, and with what share per year, is in fct_cost_share.
with names as (
    select * from {{ ref('int_organisation_names') }}
),

user_aliases as (
    select * from {{ ref('stg_user_organisation_aliases') }}
),

document_aliases as (
    select * from {{ ref('stg_report_organisation_aliases') }}
),

all_names as (
    select organisation_key, name_as_written as name from names
    union
    select names.organisation_key, user_aliases.alias
    from user_aliases
    inner join names on user_aliases.organisation_name = names.user_name
    union
    -- a short form the organisation's own report declares for it
    select names.organisation_key, document_aliases.alias
    from document_aliases
    inner join names on document_aliases.organisation = names.name_as_written
),

short_lists as (
    -- the names without their generic words ("Eksempel kommune" -> "eksempel"): how people say them
    select organisation_key, string_agg(distinct match_key, ' | ') as short_names
    from names
    where match_key is not null and length(match_key) >= 3
    group by organisation_key
),

name_lists as (
    select organisation_key, string_agg(distinct name, ' | ') as aliases
    from all_names
    group by organisation_key
),

organisations as (
    -- display name: the user's, else the name a document or unit gives, else the name written as a document
    -- writes it (its kind in full, "Nordby kommune", in mixed case, not "NORDBY", "nordby" or "Nordby k."; with its
    -- Nordic letters, not folded to ASCII), the spelling most tickets use, else the shortest seen
    select organisation_key, organisation_type, is_governed, organisation_name
    from (
        select
            organisation_key,
            organisation_type,
            is_governed,
            coalesce(user_name, name_as_written) as organisation_name,
            row_number() over (
                partition by organisation_key
                order by (user_name is null), source_rank,
                    (name_as_written = upper(name_as_written) or name_as_written = lower(name_as_written)),
                    ({{ organisation_type_from_name('name_as_written') }} = 'ukjent' or name_as_written like '%.%'),
                    -- with its Nordic letters ("Sørvåg kommune", not "Sorvag kommune")
                    (lower(name_as_written) = {{ organisation_letters_fold('lower(name_as_written)') }}),
                    -- its kind word in lower case, as a document writes it ("Nordvik kommune", not "Nordvik Kommune")
                    {{ kind_word_capitalised('name_as_written') }},
                    -- the spelling most tickets use ("Nordvik kommune" over a few "Nordvik kommun")
                    uses desc,
                    length(name_as_written), name_as_written
            ) as rn
        from names
    ) as ranked
    where rn = 1
),

final as (
    select
        organisations.organisation_key,
        organisations.organisation_name,
        organisations.organisation_type,
        cast(null as text) as municipality_number,
        cast(null as text) as host_organisation_key,
        name_lists.aliases,
        short_lists.short_names,
        organisations.is_governed,
        case when organisations.is_governed
            then 'Navn fra brukerens aliasfil.'
            else 'Navn funnet i data.'
        end as description
    from organisations
    left join name_lists on organisations.organisation_key = name_lists.organisation_key
    left join short_lists on organisations.organisation_key = short_lists.organisation_key
    union all
    select
        'unknown',
        'Ukjent organisasjon',
        'ukjent',
        cast(null as text),
        cast(null as text),
        cast(null as text),
        cast(null as text),
        false,
        'Saker eller tall uten oppgitt organisasjon.'
    where not exists (select 1 from organisations where organisation_key = 'unknown')
)

select * from final
