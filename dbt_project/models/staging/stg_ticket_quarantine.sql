with source as (
    select * from {{ source('raw', 'ticket_quarantine') }}
),

final as (
    select
        file,
        cast(row_number as bigint) as row_number,
        raw_row,
        reason,
        loaded_at
    from source
)

select * from final
