-- A printed 'Avvik' equals budget − actual or actual − budget; reports differ in sign, anything else is flagged.
-- Failing rows carry a readable explanation (which row, what is printed, what the parts give, file, page).
{{ config(severity='warn') }}

select check_code, unit_key, value_year, quarter, subject, stated_value, computed_value, difference, tolerance,
    explanation
from {{ ref('fct_reconciliation') }}
where check_code in ('printed_variance') and status = 'differs'
