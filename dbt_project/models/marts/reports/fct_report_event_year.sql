-- The year of an event the running text of a report states ('Selskapet ble stiftet 6. november 1995', 'ble den
-- 12.02.04 omdannet til ... IKS', 'Hvert år siden 2001'): the year, the event's words and the sentence, for
-- when-questions. Years are no figures; fct_report_prose_figure leaves them out.
with figures as (
    select * from {{ ref('stg_report_prose_figures') }}
    where unit = 'year'
),

final as (
    select
        md5(document_id || '|' || cast(page as text) || '|' || cast(line as text) || '|' || printed || '|' || topic) as event_id,
        document_id,
        organisation,
        report_year,
        file_name,
        page,
        line,
        topic as event,
        cast(value as integer) as event_year,
        printed,
        text
    from figures
)

select * from final
