-- A split table ('Fordeling på kommunene') agrees with the share rows of the account table in the same report.
-- Failing rows carry a readable explanation (which row, what is printed, what the parts give, file, page).
{{ config(severity='warn') }}

select check_code, unit_key, value_year, quarter, subject, stated_value, computed_value, difference, tolerance,
    explanation
from {{ ref('fct_reconciliation') }}
where check_code in ('cost_share_split_table') and status = 'differs'
