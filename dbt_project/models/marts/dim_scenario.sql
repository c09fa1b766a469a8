select
    scenario_code,
    name_nb,
    name_en,
    cast(is_budget as boolean) as is_budget,
    description
from {{ ref('scenarios') }}
