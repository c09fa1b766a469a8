-- Phone answered within 1 and 3 minutes stated in reports against the shares computed from tickets (threshold
-- var sla_tolerance_points).
-- Failing rows carry a readable explanation (which row, what is printed, what the parts give, file, page).
{{ config(severity='warn') }}

select check_code, unit_key, value_year, quarter, subject, stated_value, computed_value, difference, tolerance,
    explanation
from {{ ref('fct_reconciliation') }}
where check_code in ('phone_sla') and status = 'differs'
