-- Every figure stated in the running text of a report: number, unit, the words it measures, year.
with figures as (
    select * from {{ ref('stg_report_prose_figures') }}
),

final as (
    select
        md5(document_id || '|' || cast(page as text) || '|' || cast(line as text) || '|' || printed || '|' || topic) as figure_id,
        document_id,
        organisation,
        report_year,
        file_name,
        page,
        line,
        topic,
        value,
        unit,
        year as value_year,
        printed,
        text
    from figures
)

select * from final
