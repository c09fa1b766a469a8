-- Account table cells as NOK amounts per unit, account row, scenario and year, mapped to dim_account.
-- amount_nok follows the warehouse sign convention (expenses positive, income negative; see
-- int_account_lines), printed_amount_nok is the number as printed (scaled to NOK). Printed variances
-- and "% av budsjett" columns are left out: variances are computed (fct_budget_variance).
with lines as (
    select * from {{ ref('int_account_lines') }}
    where scenario in (select scenario_code from {{ ref('scenarios') }})
),

keyed as (
    select
        {{ surrogate_key(['document_id', 'statement', 'table_title', 'unit_key', 'row_order', 'row_label', 'scenario',
            'value_year']) }} as account_amount_id,
        lines.*
    from lines
),

deduplicated as (
    {{ first_copy('keyed', 'account_amount_id', 'line') }}
),

ranked as (
    select
        deduplicated.*,
        row_number() over (
            partition by unit_key, statement, coalesce(account_key || ':' || coalesce(owner_name, ''), lower(row_label)),
                scenario, value_year
            order by report_year desc, document_id, row_order
        ) as restatement_rank
    from deduplicated
),

final as (
    select
        account_amount_id,
        unit_key,
        organisation,
        statement,
        table_title,
        row_code,
        row_label,
        row_order,
        account_key,
        local_art,
        kostra_art,
        scenario as scenario_code,
        value_year,
        report_year,
        amount_nok,
        printed_amount_nok,
        sign_flipped,
        scale,
        scale_method,
        is_known_misprint,
        restatement_rank = 1 as is_latest,
        document_id,
        file_name,
        page,
        line,
        excerpt
    from ranked
)

select * from final
