-- The owner municipalities' shares add up to the unit's 'Til fordeling' (C) in every table, year and scenario.
-- Failing rows carry a readable explanation (which row, what is printed, what the parts give, file, page).
{{ config(severity='warn', store_failures=true) }}

select check_code, unit_key, value_year, quarter, subject, stated_value, computed_value, difference, tolerance,
    explanation
from {{ ref('fct_reconciliation') }}
where check_code in ('cost_share_total') and status = 'differs'
