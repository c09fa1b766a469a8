-- An investment split table ("Investeringer fordelt på kommunene") adds up to the unit's investment total.
-- Failing rows carry a readable explanation (which row, what is printed, what the parts give, file, page).
{{ config(severity='warn') }}

select check_code, unit_key, value_year, quarter, subject, stated_value, computed_value, difference, tolerance,
    explanation
from {{ ref('fct_reconciliation') }}
where check_code in ('investment_split_total') and status = 'differs'
