with {{ report_rows('raw_cells', 'report_cells') }},

final as (
    select
        source.document_id,
        documents.organisation,
        documents.report_year,
        {{ report_position() }},
        cast(source.table_number as integer) as table_number,
        source.caption,
        source.heading_path,
        trim(source.row_label) as row_label,
        source.row_organisation,
        source.row_code,
        source.parent_row,
        cast(source.row_order as integer) as row_order,
        source.column_label,
        cast(source.column_index as integer) as column_index,
        cast(source.column_year as integer) as column_year,
        {{ period_columns('source.column_period') }},
        source.scenario,
        source.printed,
        cast(source.value as double precision) as value,
        cast(source.scale as double precision) as scale,
        source.scale_method,
        cast(source.is_percent as boolean) as is_percent,
        source.excerpt
    {{ from_report_rows() }}
)

select * from final
