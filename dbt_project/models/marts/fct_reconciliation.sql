-- Every check that compares a figure stated in a report with a figure computed independently, with
-- the difference and whether it is within tolerance. One row per check and object checked.
--
--   check_group 'account_identity' (severity error): sum rows of § 5-6 and unit account tables against
--       the sum of their lines (int_account_identities); known misprints (the user alias file's
--       misprints, raw.user_misprints) are kept and marked, not corrected.
--   check_group 'cost_share' (error): owner shares add up to "Til fordeling" (C); (warn) operating
--       split tables agree with the share rows, investment split tables add up to the investment
--       total, the parts of a cost-share key add up to 100 %.
--   check_group 'printed_variance' (warn): printed "Avvik" against budget − actual; either sign
--       convention is accepted because reports differ, anything else is flagged.
--   check_group 'report_vs_tickets' (warn): cases per quarter and year, A/B incidents per quarter and
--       the phone SLA stated in reports against the same figures computed from ticket exports. Exports
--       and reports can legitimately differ (tickets re-prioritised or merged later), so these are
--       thresholds, not identities: var('ticket_count_tolerance_pct') and var('sla_tolerance_points').
--       Only tickets with a provider unit take part: the user alias file's ticket_providers says which
--       unit handles an export; without an entry this check does not apply (no rows).
--
-- status: 'ok' | 'differs' | 'known_misprint' | 'reversed_sign' (printed variance with the opposite sign).
with identities as (
    select * from {{ ref('int_account_identities') }}
),

lines as (
    select * from {{ ref('int_account_lines') }}
),

cost_shares as (
    select * from {{ ref('fct_cost_share') }}
),

metric_values as (
    select * from {{ ref('fct_metric_value') }} where is_latest
),

tickets_by_quarter as (
    select * from {{ ref('agg_tickets_by_quarter') }}
),

sla_results as (
    select * from {{ ref('fct_sla_result') }}
),

units as (
    select * from {{ ref('dim_unit') }}
),

account_sums as (
    select
        case when statement = '5-6' then 'statement_5_6_sum' else 'unit_table_sum' end as check_code,
        'account_identity' as check_group,
        'error' as severity,
        identity_id as checked_object,
        unit_key, value_year, cast(null as integer) as quarter,
        row_label || ' (' || scenario || ')' as subject,
        stated_nok as stated_value, computed_nok as computed_value, tolerance_nok as tolerance,
        case
            when abs(stated_nok - computed_nok) <= tolerance_nok then 'ok'
            when involves_known_misprint then 'known_misprint'
            else 'differs'
        end as status,
        '"' || row_label || '" ' || cast(value_year as text) || ' (' || scenario || ') er trykt som '
            || {{ num_text('stated_nok') }} || ' NOK; de ' || cast(term_count as text)
            || ' linjene den summerer gir ' || {{ num_text('computed_nok') }} || ' NOK' as explanation,
        document_id, file_name, page, excerpt
    from identities
),

share_tables as (
    select
        document_id, unit_key, value_year, scenario_code, min(allocated_total_nok) as allocated_total_nok,
        sum(share_nok) as shares_nok, count(*) as share_count, min(file_name) as file_name, min(page) as page,
        min(excerpt) as excerpt
    from cost_shares
    where source_table = 'account_table'
    group by document_id, unit_key, value_year, scenario_code
    having min(allocated_total_nok) is not null
),

share_checks as (
    select
        'cost_share_total' as check_code, 'cost_share' as check_group, 'error' as severity,
        document_id || '|' || unit_key || '|' || cast(value_year as text) || '|' || scenario_code as checked_object,
        unit_key, value_year, cast(null as integer) as quarter,
        'Til fordeling (' || scenario_code || ')' as subject,
        allocated_total_nok as stated_value, shares_nok as computed_value,
        500.0 * (share_count + 1) + 0.01 as tolerance,
        case when abs(allocated_total_nok - shares_nok) <= 500.0 * (share_count + 1) + 0.01 then 'ok' else 'differs' end
            as status,
        'Til fordeling ' || cast(value_year as text) || ' (' || scenario_code || ') er '
            || {{ num_text('allocated_total_nok') }} || ' NOK; eierkommunenes ' || cast(share_count as text)
            || ' andeler summerer til ' || {{ num_text('shares_nok') }} || ' NOK' as explanation,
        document_id, file_name, page, excerpt
    from share_tables
),

split_checks as (
    select
        'cost_share_split_table' as check_code, 'cost_share' as check_group, 'warn' as severity,
        split.cost_share_id as checked_object,
        split.unit_key, split.value_year, cast(null as integer) as quarter,
        split.owner_name_as_written as subject,
        split.share_nok as stated_value, account.share_nok as computed_value, 1000.0 as tolerance,
        case when abs(split.share_nok - account.share_nok) <= 1000.0 then 'ok' else 'differs' end as status,
        'Fordelingstabellen viser ' || {{ num_text('split.share_nok') }} || ' NOK for '
            || split.owner_name_as_written || ' ' || cast(split.value_year as text)
            || ', andelsraden i regnskapstabellen ' || {{ num_text('account.share_nok') }} || ' NOK' as explanation,
        split.document_id, split.file_name, split.page, split.excerpt
    from cost_shares as split
    inner join cost_shares as account
        on split.unit_key = account.unit_key
        and split.owner_organisation_key = account.owner_organisation_key
        and split.value_year = account.value_year
        and split.scenario_code = account.scenario_code
        and split.document_id = account.document_id
    where split.source_table = 'split_table' and split.cost_kind = 'operating'
        and account.source_table = 'account_table'
),

investment_totals as (
    -- the unit's investment total ("IT Investeringer") per report, year and scenario
    select document_id, unit_key, value_year, scenario, sum(amount_nok) as total_nok, max(scale) as scale
    from lines
    where statement = 'investment' and scenario in ('regnskap', 'budsjett', 'revidert_budsjett', 'opprinnelig_budsjett')
    group by document_id, unit_key, value_year, scenario
),

investment_splits as (
    select
        document_id, unit_key, value_year, scenario_code, sum(share_nok) as shares_nok, count(*) as share_count,
        min(file_name) as file_name, min(page) as page, min(excerpt) as excerpt
    from cost_shares
    where source_table = 'split_table' and cost_kind = 'investment'
    group by document_id, unit_key, value_year, scenario_code
),

investment_checks as (
    select
        'investment_split_total' as check_code, 'cost_share' as check_group, 'warn' as severity,
        splits.document_id || '|' || splits.unit_key || '|' || cast(splits.value_year as text) || '|'
            || splits.scenario_code as checked_object,
        splits.unit_key, splits.value_year, cast(null as integer) as quarter,
        'Investeringer (' || splits.scenario_code || ')' as subject,
        totals.total_nok as stated_value, splits.shares_nok as computed_value,
        0.5 * greatest(totals.scale, 1) * (splits.share_count + 1) + 0.01 as tolerance,
        case when abs(totals.total_nok - splits.shares_nok) <= 0.5 * greatest(totals.scale, 1) * (splits.share_count + 1) + 0.01
            then 'ok' else 'differs' end as status,
        'Investeringene ' || cast(splits.value_year as text) || ' (' || splits.scenario_code || ') er '
            || {{ num_text('totals.total_nok') }} || ' NOK; fordelingen på ' || cast(splits.share_count as text)
            || ' kommuner summerer til ' || {{ num_text('splits.shares_nok') }} || ' NOK' as explanation,
        splits.document_id, splits.file_name, splits.page, splits.excerpt
    from investment_splits as splits
    inner join investment_totals as totals
        on splits.document_id = totals.document_id
        and splits.unit_key = totals.unit_key
        and splits.value_year = totals.value_year
        and splits.scenario_code = totals.scenario
),

key_lines as (
    -- the parts of one key are stated together: same unit, page, line and excerpt
    select
        document_id, unit_key, value_year, page, line, excerpt, sum(value) as total_pct, count(*) as part_count,
        min(file_name) as file_name
    from metric_values
    where metric_code = 'cost_share_pct'
    group by document_id, unit_key, value_year, page, line, excerpt
    having count(*) > 1
),

key_checks as (
    select
        'cost_share_key_pct' as check_code, 'cost_share' as check_group, 'warn' as severity,
        document_id || '|' || unit_key || '|' || cast(page as text) || '|' || cast(line as text) || '|' || md5(excerpt)
            as checked_object,
        unit_key, value_year, cast(null as integer) as quarter, 'fordelingsnøkkel' as subject,
        100.0 as stated_value, total_pct as computed_value, 0.15 as tolerance,
        case when abs(total_pct - 100.0) <= 0.15 then 'ok' else 'differs' end as status,
        'Delene av fordelingsnøkkelen på side ' || cast(page as text) || ' linje ' || cast(line as text)
            || ' summerer til ' || cast(round(cast(total_pct as numeric), 2) as text) || ' %, ikke 100 %' as explanation,
        document_id, file_name, page, excerpt
    from key_lines
),

variance_budgets as (
    -- the budget a printed deviation is measured against: the revised one when the table prints both
    -- ("Regnskap | Revidert budsjett | Avvik | Budsjett"), so each deviation is checked once
    select
        table_key, row_order, value_year, printed_amount_nok,
        row_number() over (
            partition by table_key, row_order, value_year
            order by case scenario when 'revidert_budsjett' then 0 else 1 end
        ) as preference
    from lines
    where scenario in ('revidert_budsjett', 'budsjett')
),

printed_variances as (
    select
        avvik.document_id, avvik.table_key, avvik.unit_key, avvik.value_year, avvik.row_label, avvik.row_order,
        avvik.printed_amount_nok as printed_variance_nok,
        budget.printed_amount_nok - actual.printed_amount_nok as budget_minus_actual_nok,
        greatest(avvik.scale, 1) * 1.5 + 0.01 as tolerance_nok,
        avvik.file_name, avvik.page, avvik.line, avvik.excerpt
    from lines as avvik
    inner join lines as actual
        on avvik.table_key = actual.table_key and avvik.row_order = actual.row_order
        and avvik.value_year = actual.value_year and actual.scenario = 'regnskap'
    inner join variance_budgets as budget
        on avvik.table_key = budget.table_key and avvik.row_order = budget.row_order
        and avvik.value_year = budget.value_year and budget.preference = 1
    where avvik.scenario = 'avvik'
),

variance_checks as (
    select
        'printed_variance' as check_code, 'printed_variance' as check_group, 'warn' as severity,
        table_key || '|' || cast(row_order as text) || '|' || cast(value_year as text) as checked_object,
        unit_key, value_year, cast(null as integer) as quarter, row_label as subject,
        printed_variance_nok as stated_value, budget_minus_actual_nok as computed_value, tolerance_nok as tolerance,
        case
            when abs(printed_variance_nok - budget_minus_actual_nok) <= tolerance_nok then 'ok'
            when abs(printed_variance_nok + budget_minus_actual_nok) <= tolerance_nok then 'reversed_sign'
            else 'differs'
        end as status,
        'Avvik for "' || row_label || '" ' || cast(value_year as text) || ' er trykt som '
            || {{ num_text('printed_variance_nok') }} || ' NOK; budsjett − regnskap er '
            || {{ num_text('budget_minus_actual_nok') }} || ' NOK' as explanation,
        document_id, file_name, page, excerpt
    from printed_variances
),

ticket_quarters as (
    select
        provider_unit_key as unit_key, year as value_year, quarter,
        cast(sum(ticket_count) as bigint) as ticket_count, cast(sum(ab_ticket_count) as bigint) as ab_ticket_count
    from tickets_by_quarter
    where provider_unit_key is not null
    group by provider_unit_key, year, quarter
),

ticket_years as (
    select unit_key, value_year, cast(sum(ticket_count) as bigint) as ticket_count, count(*) as quarters_with_tickets
    from ticket_quarters
    group by unit_key, value_year
),

stated_counts as (
    select
        metric_values.metric_code, metric_values.unit_key, metric_values.value_year, metric_values.quarter,
        metric_values.value, metric_values.metric_value_id, metric_values.document_id, metric_values.file_name,
        metric_values.page, metric_values.excerpt
    from metric_values
    where metric_values.metric_code in ('cases', 'ab_incidents')
        and metric_values.subject is null and metric_values.qualifier is null
),

count_checks as (
    select
        case when stated.metric_code = 'cases' then 'cases_per_quarter' else 'ab_incidents_per_quarter' end
            as check_code,
        'report_vs_tickets' as check_group, 'warn' as severity, stated.metric_value_id as checked_object,
        stated.unit_key, stated.value_year, stated.quarter, stated.metric_code as subject,
        stated.value as stated_value,
        cast(case when stated.metric_code = 'cases' then tq.ticket_count else tq.ab_ticket_count end
            as double precision) as computed_value,
        greatest(0.5, stated.value * {{ var('ticket_count_tolerance_pct') }} / 100.0) as tolerance,
        stated.document_id, stated.file_name, stated.page, stated.excerpt
    from stated_counts as stated
    inner join ticket_quarters as tq
        on stated.unit_key = tq.unit_key and stated.value_year = tq.value_year and stated.quarter = tq.quarter
    where stated.quarter is not null
    union all
    select
        'cases_per_year', 'report_vs_tickets', 'warn', stated.metric_value_id,
        stated.unit_key, stated.value_year, stated.quarter, stated.metric_code,
        stated.value, cast(ty.ticket_count as double precision),
        greatest(0.5, stated.value * {{ var('ticket_count_tolerance_pct') }} / 100.0),
        stated.document_id, stated.file_name, stated.page, stated.excerpt
    from stated_counts as stated
    inner join ticket_years as ty
        on stated.unit_key = ty.unit_key and stated.value_year = ty.value_year
    where stated.quarter is null and stated.metric_code = 'cases' and ty.quarters_with_tickets = 4
),

ticket_count_checks as (
    select
        check_code, check_group, severity, checked_object, unit_key, value_year, quarter, subject,
        stated_value, computed_value, tolerance,
        case when abs(stated_value - computed_value) <= tolerance then 'ok' else 'differs' end as status,
        'Rapporten oppgir ' || {{ num_text('stated_value') }} || ' (' || subject || ', '
            || cast(value_year as text) || coalesce(' Q' || cast(quarter as text), '') || '), sakseksporten gir '
            || {{ num_text('computed_value') }} as explanation,
        document_id, file_name, page, excerpt
    from count_checks
),

sla_checks as (
    select
        'phone_sla' as check_code, 'report_vs_tickets' as check_group, 'warn' as severity,
        reported.sla_result_id as checked_object,
        reported.unit_key, reported.value_year, cast(null as integer) as quarter, reported.metric_code as subject,
        reported.result_value as stated_value, computed.result_value as computed_value,
        cast({{ var('sla_tolerance_points') }} as double precision) as tolerance,
        case when abs(reported.result_value - computed.result_value) <= {{ var('sla_tolerance_points') }}
            then 'ok' else 'differs' end as status,
        'Rapporten oppgir ' || cast(round(cast(reported.result_value as numeric), 2) as text) || ' % ('
            || reported.metric_code || ' ' || cast(reported.value_year as text) || '), sakseksporten gir '
            || cast(round(cast(computed.result_value as numeric), 2) as text) || ' %' as explanation,
        reported.document_id, reported.file_name, reported.page, reported.excerpt
    from sla_results as reported
    inner join sla_results as computed
        on reported.metric_code = computed.metric_code
        and reported.unit_key = computed.unit_key
        and reported.value_year = computed.value_year
        and computed.source = 'tickets'
    where reported.source = 'report' and reported.quarter is null and reported.subject is null
        and reported.result_value is not null
),

checks as (
    select * from account_sums
    union all select * from share_checks
    union all select * from split_checks
    union all select * from investment_checks
    union all select * from key_checks
    union all select * from variance_checks
    union all select * from ticket_count_checks
    union all select * from sla_checks
),

final as (
    select
        {{ surrogate_key(['checks.check_code', 'checks.checked_object']) }} as reconciliation_id,
        checks.check_code,
        checks.check_group,
        checks.severity,
        checks.unit_key,
        checks.value_year,
        checks.quarter,
        case when checks.quarter is null then cast(checks.value_year as text)
            else cast(checks.value_year as text) || '-Q' || cast(checks.quarter as text) end as period_key,
        checks.subject,
        cast(checks.stated_value as double precision) as stated_value,
        cast(checks.computed_value as double precision) as computed_value,
        cast(checks.stated_value - checks.computed_value as double precision) as difference,
        cast(checks.tolerance as double precision) as tolerance,
        checks.status,
        coalesce(units.unit_name, checks.unit_key) || ': ' || checks.explanation
            || ' (differanse ' || {{ num_text('checks.stated_value - checks.computed_value') }}
            || ', toleranse ' || {{ num_text('checks.tolerance') }} || '; ' || coalesce(checks.file_name, '?')
            || ' s. ' || coalesce(cast(checks.page as text), '?') || ').' as explanation,
        checks.document_id,
        checks.file_name,
        checks.page,
        checks.excerpt
    from checks
    left join units on checks.unit_key = units.unit_key
)

select * from final
