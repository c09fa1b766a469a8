with source as (
    select * from {{ source('raw', 'document_quarantine') }}
),

final as (
    select
        file_name,
        file_path,
        reason,
        quarantined_at
    from source
)

select * from final
