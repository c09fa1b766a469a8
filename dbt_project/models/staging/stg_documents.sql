with source as (
    select * from {{ source('raw', 'documents') }}
),

final as (
    select
        document_id,
        file_name,
        file_path,
        file_type,
        organisation,
        organisation_type,
        cast(report_year as integer) as report_year,
        title,
        coalesce(scope_kind, 'whole') as scope_kind,
        scope_name,
        coalesce(scope_source, 'none') as scope_source,
        cast(scope_page as integer) as scope_page,
        cast(scope_line as integer) as scope_line,
        scope_excerpt,
        cast(page_count as integer) as page_count,
        cast(fact_count as integer) as fact_count,
        cast(account_count as integer) as account_count,
        cast(warning_count as integer) as warning_count,
        loaded_at
    from source
)

select * from final
