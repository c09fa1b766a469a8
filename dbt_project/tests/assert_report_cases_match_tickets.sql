-- Cases per quarter and year stated in reports against tickets counted from exports (threshold var ticket_count_tolerance_pct).
-- Failing rows carry a readable explanation (which row, what is printed, what the parts give, file, page).
{{ config(severity='warn') }}

select check_code, unit_key, value_year, quarter, subject, stated_value, computed_value, difference, tolerance,
    explanation
from {{ ref('fct_reconciliation') }}
where check_code in ('cases_per_quarter', 'cases_per_year') and status = 'differs'
