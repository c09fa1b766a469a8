with source as (
    select * from {{ source('raw', 'document_quarantine') }}
)

select file_name, file_path, reason, quarantined_at from source
