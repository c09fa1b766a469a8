-- Every numeric cell of every report table, classified or not, so questions can reach any printed figure.
with cells as (
    select * from {{ ref('stg_report_cells') }}
),

final as (
    select
        md5(document_id || '|' || cast(page as text) || '|' || cast(line as text) || '|'
            || cast(table_number as text) || '|' || cast(column_index as text)) as cell_id,
        document_id,
        organisation,
        report_year,
        file_name,
        page,
        line,
        table_number,
        caption,
        heading_path,
        row_label,
        row_organisation,
        row_code,
        parent_row,
        row_order,
        column_label,
        column_year,
        coalesce(column_year, report_year) as value_year,
        {{ period_passed() }},
        scenario,
        printed,
        value,
        scale,
        scale_method,
        is_percent,
        excerpt
    from cells
)

select * from final
