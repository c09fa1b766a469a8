with source as (
    select * from {{ source('raw_cells', 'report_prose_figures') }}
),

documents as (
    select document_id, organisation, report_year from {{ source('raw', 'documents') }}
),

final as (
    select
        source.document_id,
        documents.organisation,
        cast(documents.report_year as integer) as report_year,
        source.file_name,
        cast(source.page as integer) as page,
        cast(source.line as integer) as line,
        source.text,
        source.topic,
        cast(source.value as double precision) as value,
        source.unit,
        cast(source.year as integer) as year,
        source.printed,
        source.scenario
    from source
    left join documents on source.document_id = documents.document_id
)

select * from final
