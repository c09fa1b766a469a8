with {{ report_rows('raw_cells', 'report_prose_figures') }},

final as (
    select
        source.document_id,
        documents.organisation,
        documents.report_year,
        source.file_name,
        cast(source.page as integer) as page,
        cast(source.line as integer) as line,
        source.text,
        source.topic,
        cast(source.value as double precision) as value,
        source.unit,
        cast(source.year as integer) as year,
        source.printed,
        source.scenario,
        source.part
    from source
    left join documents on source.document_id = documents.document_id
)

select * from final
