-- § 5-6 identities: line 9 = Σ 1–8, 15 = Σ 10–14, 16 = 9 + 15, 22 = Σ 17–21, 24 = 16 + 22 + 23, 31 = Σ 25–30
-- (normalised signs, rounding tolerance).
-- Failing rows carry a readable explanation (which row, what is printed, what the parts give, file, page).
{{ config(severity='warn', store_failures=true) }}

select check_code, unit_key, value_year, quarter, subject, stated_value, computed_value, difference, tolerance,
    explanation
from {{ ref('fct_reconciliation') }}
where check_code in ('statement_5_6_sum') and status = 'differs'
