-- Sum rows of account tables against the sum of their terms, per table, year and scenario:
-- § 5-6 line 9 = Σ 1–8, 15 = Σ 10–14, 16 = 9 + 15, 22 = Σ 17–21, 24 = 16 + 22 + 23, 31 = Σ 25–30;
-- unit tables A = Σ expense lines, B = Σ income lines, C = A + B, D = Σ shares, E = C + D.
-- All with normalised signs (expenses positive, income negative), so every identity is a plain sum.
-- Tolerance: each printed number is rounded to its scale (1000 NOK tables), so the sum of n terms may
-- be off by up to (n + 1) / 2 units of the scale.
with lines as (
    select * from {{ ref('int_account_lines') }}
    where account_key is not null and scenario not in ('avvik', 'pct_av_budsjett')
),

chart as (
    select * from {{ ref('chart_of_accounts') }}
),

sum_rows as (
    select
        lines.table_key, lines.document_id, lines.statement, lines.table_title, lines.unit_key,
        lines.value_year, lines.scenario, lines.account_key, lines.row_label, lines.amount_nok,
        lines.scale, lines.is_known_misprint, lines.file_name, lines.page, lines.line, lines.excerpt
    from lines
    inner join chart on lines.account_key = chart.account_key
    where chart.is_sum
),

terms as (
    select
        lines.table_key,
        lines.value_year,
        lines.scenario,
        chart.sums_into as account_key,
        sum(lines.amount_nok) as terms_nok,
        count(*) as term_count,
        max(lines.scale) as scale,
        max(case when lines.is_known_misprint then 1 else 0 end) = 1 as has_known_misprint
    from lines
    inner join chart on lines.account_key = chart.account_key
    where chart.sums_into is not null
    group by lines.table_key, lines.value_year, lines.scenario, chart.sums_into
),

final as (
    select
        {{ surrogate_key(['sum_rows.table_key', 'sum_rows.value_year', 'sum_rows.scenario',
            'sum_rows.account_key', 'sum_rows.line']) }} as identity_id,
        sum_rows.document_id,
        sum_rows.statement,
        sum_rows.table_title,
        sum_rows.unit_key,
        sum_rows.value_year,
        sum_rows.scenario,
        sum_rows.account_key,
        sum_rows.row_label,
        sum_rows.amount_nok as stated_nok,
        terms.terms_nok as computed_nok,
        sum_rows.amount_nok - terms.terms_nok as difference_nok,
        0.5 * greatest(coalesce(sum_rows.scale, 1), coalesce(terms.scale, 1)) * (terms.term_count + 1) + 0.01
            as tolerance_nok,
        cast(terms.term_count as integer) as term_count,
        sum_rows.is_known_misprint or terms.has_known_misprint as involves_known_misprint,
        sum_rows.file_name,
        sum_rows.page,
        sum_rows.line,
        sum_rows.excerpt
    from sum_rows
    inner join terms
        on sum_rows.table_key = terms.table_key
        and sum_rows.value_year = terms.value_year
        and sum_rows.scenario = terms.scenario
        and sum_rows.account_key = terms.account_key
)

select * from final
