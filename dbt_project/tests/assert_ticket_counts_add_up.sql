-- agg_ticket_counts counts every ticket of fct_ticket exactly once: the same total, overall and per
-- created day, customer organisation and status (the question engine reads the mart instead of
-- fct_ticket for counts, so a difference would change answers).
with mart as (
    select created_date, organisation_key, status, sum(ticket_count) as n
    from {{ ref('agg_ticket_counts') }}
    group by created_date, organisation_key, status
),

tickets as (
    select created_date, organisation_key, status, count(*) as n
    from {{ ref('fct_ticket') }}
    group by created_date, organisation_key, status
)

select coalesce(mart.created_date, tickets.created_date) as created_date,
    coalesce(mart.organisation_key, tickets.organisation_key) as organisation_key,
    coalesce(mart.status, tickets.status) as status, mart.n as mart_count, tickets.n as ticket_count
from mart
full outer join tickets
    on mart.created_date is not distinct from tickets.created_date
    and mart.organisation_key is not distinct from tickets.organisation_key
    and mart.status is not distinct from tickets.status
where mart.n is null or tickets.n is null or mart.n <> tickets.n
