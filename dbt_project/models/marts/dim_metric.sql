with catalog as (
    select * from {{ ref('metric_catalog') }}
),

final as (
    select
        metric_code,
        name_nb,
        name_en,
        unit_of_measure,
        cast(higher_is_better as boolean) as higher_is_better,
        synonyms,
        definition
    from catalog
)

select * from final
