with source as (
    select * from {{ source('raw', 'report_units') }}
)

select
    document_id,
    trim(name) as unit_name,
    trim(parent) as parent_name,
    level as unit_level,
    leader,
    file_name,
    cast(page as integer) as page,
    cast(line as integer) as line,
    excerpt
from source
where name is not null and trim(name) <> ''
