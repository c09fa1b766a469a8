with source as (
    select * from {{ source('raw', 'report_warnings') }}
),

final as (
    select
        document_id,
        file_name,
        message
    from source
)

select * from final
