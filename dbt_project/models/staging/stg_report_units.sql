with source as (
    select * from {{ source('raw', 'report_units') }}
),

final as (
    select
        document_id,
        trim(name) as unit_name,
        nullif(trim(parent), '') as parent_name,
        level as unit_level,
        nullif(trim(leader), '') as leader,
        file_name,
        cast(page as integer) as page,
        cast(line as integer) as line,
        excerpt
    from source
    where name is not null and trim(name) <> ''
)

select * from final
