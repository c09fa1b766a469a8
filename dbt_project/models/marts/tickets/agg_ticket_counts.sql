-- Tickets counted per created day (Oslo date) and every field ticket questions filter or group on:
-- customer organisation, IT service, source system and export file, priority (scale and as written),
-- category, subcategory, channel, status and assignment group. One row per combination that occurs;
-- ticket_count is additive, so any count, breakdown or share over these fields is a sum over this mart
-- and equals the count over fct_ticket (the question engine reads it instead when a question needs
-- nothing else). Dateless tickets (no created time) are here with a null created_date, as in fct_ticket.
with tickets as (
    select * from {{ ref('fct_ticket') }}
),

final as (
    select
        created_date,
        created_year,
        created_quarter,
        organisation_key,
        customer_name,
        provider_unit_key,
        source_system,
        source_file,
        priority,
        is_ab_priority,
        priority_source,
        category,
        subcategory,
        category_path,
        channel,
        status,
        is_resolved,
        assignment_group,
        cast(count(*) as bigint) as ticket_count
    from tickets
    group by
        created_date, created_year, created_quarter, organisation_key, customer_name, provider_unit_key,
        source_system, source_file, priority, is_ab_priority, priority_source, category, subcategory,
        category_path, channel,
        status, is_resolved, assignment_group
)

select * from final
