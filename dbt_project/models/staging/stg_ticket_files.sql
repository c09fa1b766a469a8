with source as (
    select * from {{ source('raw', 'ticket_files') }}
),

final as (
    select
        file,
        sha256,
        preset,
        cast(rows_loaded as bigint) as rows_loaded,
        cast(rows_quarantined as bigint) as rows_quarantined,
        status,
        message,
        loaded_at,
        exported_at
    from source
)

select * from final
