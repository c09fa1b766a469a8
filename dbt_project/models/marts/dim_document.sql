with documents as (
    select * from {{ ref('stg_documents') }}
),

quarantined as (
    select * from {{ ref('stg_document_quarantine') }}
),

final as (
    select
        document_id,
        file_name,
        file_type,
        organisation,
        organisation_type,
        report_year,
        title,
        page_count,
        fact_count,
        account_count,
        warning_count,
        'loaded' as status,
        cast(null as text) as reason,
        loaded_at
    from documents
    union all
    select
        'quarantine:' || md5(file_path) as document_id,
        file_name,
        cast(null as text),
        cast(null as text),
        cast(null as text),
        cast(null as integer),
        cast(null as text),
        cast(null as integer),
        cast(null as integer),
        cast(null as integer),
        cast(null as integer),
        'quarantined' as status,
        reason,
        quarantined_at
    from quarantined
)

select * from final
