-- A report that states the same key twice (a repeated sentence, a row printed twice) is published with
-- the first copy (staging resolves the collision); this warning names document, page and line of each.
{{ config(severity='warn') }}

with facts as (
    select 'report_facts' as raw_table, file_name, page, line, excerpt,
        count(*) over (partition by document_id, metric, unit_name, subject, value_year, quarter, qualifier, page,
            line) as copies
    from {{ source('raw', 'report_facts') }}
),

observations as (
    select 'report_observations' as raw_table, file_name, page, line, excerpt,
        count(*) over (partition by document_id, page, line, topic) as copies
    from {{ source('raw', 'report_observations') }}
),

accounts as (
    select 'report_accounts' as raw_table, file_name, page, line, excerpt,
        count(*) over (partition by document_id, statement, table_title, unit_name, row_order, row_label, scenario,
            value_year) as copies
    from {{ source('raw', 'report_accounts') }}
)

select raw_table, file_name, page, line, excerpt, copies from facts where copies > 1
union all
select raw_table, file_name, page, line, excerpt, copies from observations where copies > 1
union all
select raw_table, file_name, page, line, excerpt, copies from accounts where copies > 1
