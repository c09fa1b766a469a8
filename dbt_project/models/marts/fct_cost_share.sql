-- What each owner municipality pays for a cooperation unit, per year and scenario: the owner-share
-- rows of unit account tables ("Eksempels andel (art 1621)", operating costs) and the split tables
-- some reports print beside them ("Investeringer fordelt på kommunene"; cost_kind 'investment' when
-- the table title mentions investments, else 'operating'). share_nok is positive (what the owner pays);
-- share_pct is the owner's part of the shares in the same table, year and scenario. The owner
-- relations between organisations are these rows: a municipality with a share owns part of the unit.
with lines as (
    select * from {{ ref('int_account_lines') }}
    where scenario in (select scenario_code from {{ ref('scenarios') }})
),

units as (
    select * from {{ ref('dim_unit') }}
),

organisation_names as (
    -- one organisation per match key: an owner named by its place ("Xs andel") is the municipality when a company or
    -- county of the same place is loaded too
    select match_key, organisation_key
    from (
        select
            match_key, organisation_key,
            row_number() over (
                partition by match_key
                order by case organisation_type when 'kommune' then 1 when 'fylkeskommune' then 2 else 3 end,
                    organisation_key
            ) as rn
        from (select distinct match_key, organisation_key, organisation_type
              from {{ ref('int_organisation_names') }}) as distinct_names
    ) as ranked
    where rn = 1
),

allocated as (
    -- "C Til fordeling": the net cost to be split, per table, year and scenario
    select table_key, value_year, scenario, sum(amount_nok) as allocated_total_nok
    from lines
    where account_key = 'unit-allocated'
    group by table_key, value_year, scenario
),

shares as (
    select
        lines.table_key, lines.document_id, lines.unit_key, lines.owner_name as owner_name_as_written,
        lines.value_year, lines.report_year, lines.scenario, -lines.amount_nok as share_nok,
        allocated.allocated_total_nok, 'account_table' as source_table, 'operating' as cost_kind,
        lines.local_art, lines.kostra_art,
        lines.row_order, lines.file_name, lines.page, lines.line, lines.excerpt
    from lines
    left join allocated
        on lines.table_key = allocated.table_key
        and lines.value_year = allocated.value_year
        and lines.scenario = allocated.scenario
    where lines.account_key = 'unit-share'
    union all
    select
        table_key, document_id, unit_key, trim(row_label), value_year, report_year, scenario, amount_nok,
        cast(null as double precision), 'split_table',
        case when lower(coalesce(table_title, '')) like '%invest%' then 'investment' else 'operating' end,
        cast(null as text), cast(null as text),
        row_order, file_name, page, line, excerpt
    from lines
    where statement = 'cost_share'
        and lower(trim(row_label)) not in ('sum', 'total', 'totalt', 'i alt')
),

with_totals as (
    select
        shares.*,
        sum(share_nok) over (partition by table_key, value_year, scenario) as table_shares_nok
    from shares
),

keyed as (
    select
        {{ surrogate_key(['with_totals.document_id', 'with_totals.table_key', 'with_totals.row_order',
            'with_totals.value_year', 'with_totals.scenario']) }} as cost_share_id,
        with_totals.unit_key,
        cooperation.organisation_key as cooperation_organisation_key,
        coalesce(owners.organisation_key, {{ unit_slug(organisation_base('with_totals.owner_name_as_written')) }})
            as owner_organisation_key,
        with_totals.owner_name_as_written,
        with_totals.value_year,
        with_totals.report_year,
        with_totals.scenario as scenario_code,
        with_totals.share_nok,
        with_totals.allocated_total_nok,
        case when with_totals.table_shares_nok <> 0
            then 100 * with_totals.share_nok / with_totals.table_shares_nok
        end as share_pct,
        with_totals.source_table,
        with_totals.cost_kind,
        with_totals.local_art,
        with_totals.kostra_art,
        with_totals.document_id,
        with_totals.file_name,
        with_totals.page,
        with_totals.line,
        with_totals.excerpt
    from with_totals
    left join units as cooperation on with_totals.unit_key = cooperation.unit_key
    left join organisation_names as owners
        on {{ organisation_match_key('with_totals.owner_name_as_written') }} = owners.match_key
),

final as (
    select
        keyed.*,
        row_number() over (
            partition by unit_key, owner_organisation_key, value_year, scenario_code, source_table, cost_kind
            order by report_year desc, document_id, line
        ) = 1 as is_latest
    from keyed
)

select * from final
