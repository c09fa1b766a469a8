-- agg_ticket_counts counts every ticket of fct_ticket exactly once: the same count per created day,
-- customer organisation and status (the question engine reads the mart instead of fct_ticket for counts,
-- so a difference would change answers). Grouping treats nulls (dateless tickets) as one value in both.
with counted as (
    select created_date, organisation_key, status, sum(ticket_count) as n
    from {{ ref('agg_ticket_counts') }}
    group by created_date, organisation_key, status
    union all
    select created_date, organisation_key, status, -count(*) as n
    from {{ ref('fct_ticket') }}
    group by created_date, organisation_key, status
)

select created_date, organisation_key, status, sum(n) as mart_minus_tickets
from counted
group by created_date, organisation_key, status
having sum(n) <> 0
