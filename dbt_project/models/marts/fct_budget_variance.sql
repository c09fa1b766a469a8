-- Actual against budget per account row. The variance is computed here as budget − actual on
-- normalised amounts (expenses positive, income negative), so a positive variance is favourable on
-- every line: an underspend on expenses or more income than budgeted. Printed "Avvik" columns are
-- never used (reports differ in sign); fct_reconciliation compares them.
with amounts as (
    select * from {{ ref('fct_account_amount') }} where is_latest
),

actual as (
    select * from amounts where scenario_code = 'regnskap'
),

budget as (
    -- the revised budget when the table has one, else the plain budget, else the original
    select *
    from (
        select
            amounts.*,
            row_number() over (
                partition by unit_key, statement, coalesce(account_key, lower(row_label)), lower(row_label),
                    value_year
                order by case scenario_code
                    when 'revidert_budsjett' then 1 when 'budsjett' then 2 else 3 end
            ) as preference
        from amounts
        where scenario_code in ('revidert_budsjett', 'budsjett', 'opprinnelig_budsjett')
    ) as ranked
    where preference = 1
),

final as (
    select
        actual.account_amount_id as budget_variance_id,
        actual.unit_key,
        actual.organisation,
        actual.statement,
        actual.account_key,
        actual.row_code,
        actual.row_label,
        actual.row_order,
        actual.value_year,
        actual.amount_nok as actual_nok,
        budget.amount_nok as budget_nok,
        budget.scenario_code as budget_scenario_code,
        budget.amount_nok - actual.amount_nok as variance_nok,
        case when budget.amount_nok <> 0
            then cast(round(cast(100 * actual.amount_nok / budget.amount_nok as numeric), 1) as double precision)
        end as actual_pct_of_budget,
        actual.document_id,
        actual.file_name,
        actual.page,
        actual.excerpt
    from actual
    inner join budget
        on actual.unit_key = budget.unit_key
        and actual.statement = budget.statement
        and lower(actual.row_label) = lower(budget.row_label)
        and actual.value_year = budget.value_year
        and coalesce(actual.account_key, '') = coalesce(budget.account_key, '')
)

select * from final
