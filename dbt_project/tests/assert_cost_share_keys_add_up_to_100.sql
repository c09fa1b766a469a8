-- The parts of a cost-share key stated on one line (e.g. 41 % flatt og 59 % etter innbyggertall) add up to 100 %.
-- Failing rows carry a readable explanation (which row, what is printed, what the parts give, file, page).
{{ config(severity='warn') }}

select check_code, unit_key, value_year, quarter, subject, stated_value, computed_value, difference, tolerance,
    explanation
from {{ ref('fct_reconciliation') }}
where check_code in ('cost_share_key_pct') and status = 'differs'
