with {{ report_rows('raw_cells', 'report_prose_figures') }},

final as (
    select
        source.document_id,
        documents.organisation,
        documents.report_year,
        {{ report_position() }},
        source.text,
        source.topic,
        cast(source.value as double precision) as value,
        source.unit,
        cast(source.year as integer) as year,
        source.printed,
        source.scenario,
        source.part,
        source.context,
        {{ period_columns('source.period') }}
    {{ from_report_rows() }}
)

select * from final
