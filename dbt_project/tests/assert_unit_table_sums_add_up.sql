-- Unit account tables: A Sum utgifter = Σ expense lines, B Sum inntekter = Σ income lines, C Til fordeling = A +
-- B, D = Σ shares, E = C + D. Documented misprints (the user alias file's misprints) do not fail.
-- Failing rows carry a readable explanation (which row, what is printed, what the parts give, file, page).
{{ config(severity='warn', store_failures=true) }}

select check_code, unit_key, value_year, quarter, subject, stated_value, computed_value, difference, tolerance,
    explanation
from {{ ref('fct_reconciliation') }}
where check_code in ('unit_table_sum') and status = 'differs'
