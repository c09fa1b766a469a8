-- Account table cells as NOK amounts per unit, row, scenario and year. Printed variances and
-- "% av budsjett" columns are left out: variances are computed (fct_budget_variance).
with accounts as (
    select * from {{ ref('stg_report_accounts') }}
    where scenario in (select scenario_code from {{ ref('scenarios') }})
),

names as (
    select * from {{ ref('int_unit_names') }}
),

keyed as (
    select
        {{ surrogate_key(['accounts.document_id', 'accounts.statement', 'accounts.table_title',
            'accounts.row_order', 'accounts.row_label', 'accounts.scenario', 'accounts.value_year']) }} as account_amount_id,
        names.unit_key,
        accounts.organisation,
        accounts.statement,
        accounts.table_title,
        accounts.row_code,
        accounts.row_label,
        accounts.row_order,
        accounts.scenario as scenario_code,
        accounts.value_year,
        accounts.report_year,
        accounts.amount_nok,
        accounts.scale,
        accounts.scale_method,
        accounts.document_id,
        accounts.file_name,
        accounts.page,
        accounts.line,
        accounts.excerpt
    from accounts
    inner join names on accounts.unit_name = names.name_as_written
),

deduplicated as (
    select *
    from (
        select keyed.*, row_number() over (partition by account_amount_id order by line) as copy_no
        from keyed
    ) as numbered
    where copy_no = 1
),

ranked as (
    select
        deduplicated.*,
        row_number() over (
            partition by unit_key, statement, lower(row_label), scenario_code, value_year
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
        scenario_code,
        value_year,
        report_year,
        amount_nok,
        scale,
        scale_method,
        restatement_rank = 1 as is_latest,
        document_id,
        file_name,
        page,
        line,
        excerpt
    from ranked
)

select * from final
