-- Every account table cell mapped to the canonical chart (seeds/chart_of_accounts.csv through
-- seeds/account_aliases.csv) and to the warehouse sign convention: expenses positive, income negative.
--
-- How a row finds its account:
--   * the label is normalised (macros/account_label.sql) and looked up in the alias seed for the
--     table's chart (statement '5-6' -> chart '5-6', statement 'unit' -> chart 'unit');
--   * in unit tables "Overføringer" is an expense above "Sum utgifter" (A) and income between A and
--     "Sum inntekter" (B), so aliases may be limited to a section of the table;
--   * "<Kommune>s andel (art 1621)" rows are owner shares (unit-share), the owner read from the label;
--   * an unmatched unit-table row with the template's letter A–E falls back to that sum line.
--
-- How signs are normalised (printed_amount_nok keeps the printed sign):
--   * income lines are negated when the table prints income positive (its income lines sum to > 0);
--   * owner shares and their total are income to the cooperation: negated when the table prints them
--     with the same sign as "Til fordeling" (then C + shares = 0 holds after normalisation);
--   * printed variance ("avvik") and percent columns keep their printed sign; variances are recomputed.
with accounts as (
    select * from {{ ref('stg_report_accounts') }}
),

unit_names as (
    select * from {{ ref('int_unit_names') }}
),

aliases as (
    select * from {{ ref('account_aliases') }}
),

chart as (
    select * from {{ ref('chart_of_accounts') }}
),

misprints as (
    -- the user's known misprints (the alias file), the unit named as reports write it
    select
        coalesce(misprint_units.unit_key, {{ unit_slug('user_misprints.unit_name') }}) as unit_key,
        user_misprints.account_key,
        user_misprints.value_year,
        user_misprints.scenario_code,
        user_misprints.printed_amount_nok,
        user_misprints.note
    from {{ ref('stg_user_misprints') }} as user_misprints
    left join (
        select {{ norm_name('name_as_written') }} as name_norm, min(unit_key) as unit_key
        from unit_names
        group by {{ norm_name('name_as_written') }}
    ) as misprint_units on misprint_units.name_norm = {{ norm_name('user_misprints.unit_name') }}
),

labelled as (
    select
        accounts.*,
        unit_names.unit_key,
        {{ account_label('accounts.row_label') }} as label_norm,
        case accounts.statement when '5-6' then '5-6' when 'unit' then 'unit' end as chart,
        {{ surrogate_key(['accounts.document_id', 'accounts.statement', 'accounts.table_title',
            'unit_names.unit_key']) }} as table_key
    from accounts
    inner join unit_names on accounts.unit_name = unit_names.name_as_written
),

section_bounds as (
    -- row positions of "Sum utgifter" (A) and "Sum inntekter" (B) in each unit table
    select
        table_key,
        min(case when label_norm = 'sum utgifter' or (upper(row_code) = 'A' and label_norm like 'sum%') then row_order end)
            as expense_sum_order,
        min(case when label_norm = 'sum inntekter' or (upper(row_code) = 'B' and label_norm like 'sum%') then row_order end)
            as income_sum_order
    from labelled
    where chart = 'unit'
    group by table_key
),

sectioned as (
    select
        labelled.*,
        case
            when labelled.chart <> 'unit' then ''
            when labelled.row_order <= coalesce(bounds.expense_sum_order, 0) then 'expense'
            when labelled.row_order <= coalesce(bounds.income_sum_order, 0) then 'income'
            else 'allocation'
        end as section
    from labelled
    left join section_bounds as bounds on labelled.table_key = bounds.table_key
),

alias_matches as (
    select
        sectioned.document_id, sectioned.statement, sectioned.table_title, sectioned.row_order,
        sectioned.row_label, sectioned.unit_key,
        aliases.account_key,
        row_number() over (
            partition by sectioned.document_id, sectioned.statement, sectioned.table_title,
                sectioned.row_order, sectioned.row_label, sectioned.unit_key
            order by case when coalesce(aliases.section, '') = '' then 1 else 0 end
        ) as preference
    from sectioned
    inner join aliases
        on sectioned.label_norm = {{ norm_name('aliases.alias') }}
        and sectioned.chart = aliases.chart
        and coalesce(aliases.section, '') in ('', sectioned.section)
),

mapped as (
    select
        sectioned.*,
        case
            when sectioned.chart = 'unit' and (sectioned.label_norm like '%andel' or sectioned.label_norm like '%andel %')
                then 'unit-share'
            when alias_matches.account_key is not null then alias_matches.account_key
            when sectioned.chart = 'unit' and upper(sectioned.row_code) = 'A' then 'unit-sum-expenses'
            when sectioned.chart = 'unit' and upper(sectioned.row_code) = 'B' then 'unit-sum-income'
            when sectioned.chart = 'unit' and upper(sectioned.row_code) = 'C' then 'unit-allocated'
            when sectioned.chart = 'unit' and upper(sectioned.row_code) = 'D' then 'unit-shares-total'
            when sectioned.chart = 'unit' and upper(sectioned.row_code) = 'E' then 'unit-total'
        end as account_key,
        {{ regex_extract('sectioned.row_label', '[Aa][Rr][Tt] *([0-9]{3,4})') }} as local_art
    from sectioned
    left join alias_matches
        on sectioned.document_id = alias_matches.document_id
        and sectioned.statement = alias_matches.statement
        and coalesce(sectioned.table_title, '') = coalesce(alias_matches.table_title, '')
        and sectioned.row_order = alias_matches.row_order
        and sectioned.row_label = alias_matches.row_label
        and sectioned.unit_key = alias_matches.unit_key
        and alias_matches.preference = 1
),

with_chart as (
    select
        mapped.*,
        chart.account_class,
        coalesce(chart.is_income, false) as is_income
    from mapped
    left join chart on mapped.account_key = chart.account_key
),

sign_conventions as (
    -- one decision per table, taken on the amount columns (not on printed variances)
    select
        table_key,
        sum(case when account_class = 'income' or account_key in ('5-6-09', 'unit-sum-income')
            then amount_nok else 0 end) > 0 as prints_income_positive,
        sum(case when account_key = 'unit-share' then amount_nok else 0 end)
            * sum(case when account_key = 'unit-allocated' then amount_nok else 0 end) > 0 as prints_shares_like_allocation
    from with_chart
    where scenario not in ('avvik', 'pct_av_budsjett')
    group by table_key
),

decided as (
    select
        with_chart.document_id,
        with_chart.table_key,
        with_chart.statement,
        with_chart.table_title,
        with_chart.unit_key,
        with_chart.organisation,
        with_chart.row_code,
        with_chart.row_label,
        with_chart.label_norm,
        with_chart.row_order,
        with_chart.section,
        with_chart.account_key,
        with_chart.account_class,
        with_chart.local_art,
        case when length(with_chart.local_art) = 4 and with_chart.local_art like '1%'
            then substr(with_chart.local_art, 2, 3)
            when length(with_chart.local_art) = 3 then with_chart.local_art
        end as kostra_art,
        case when with_chart.account_key = 'unit-share'
            then trim(regexp_replace(with_chart.label_norm, '\s*andel.*$', ''))
        end as owner_name,
        with_chart.scenario,
        with_chart.value_year,
        with_chart.report_year,
        with_chart.amount_nok as printed_amount_nok,
        case
            when with_chart.scenario in ('avvik', 'pct_av_budsjett') then false
            when with_chart.account_key in ('unit-share', 'unit-shares-total')
                then coalesce(conventions.prints_shares_like_allocation, false)
            when with_chart.is_income then coalesce(conventions.prints_income_positive, false)
            else false
        end as sign_flipped,
        with_chart.scale,
        with_chart.scale_method,
        with_chart.raw_value,
        misprints.note is not null as is_known_misprint,
        misprints.note as misprint_note,
        with_chart.file_name,
        with_chart.page,
        with_chart.line,
        with_chart.excerpt
    from with_chart
    left join sign_conventions as conventions on with_chart.table_key = conventions.table_key
    left join misprints
        on with_chart.unit_key = misprints.unit_key
        and with_chart.account_key = misprints.account_key
        and with_chart.value_year = misprints.value_year
        and with_chart.scenario = misprints.scenario_code
        and abs(with_chart.amount_nok - misprints.printed_amount_nok) < 0.5
),

final as (
    select
        decided.*,
        case when sign_flipped then -printed_amount_nok else printed_amount_nok end as amount_nok
    from decided
)

select * from final
