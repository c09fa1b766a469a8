-- Every figure stated in the running text of a report: number, unit, the words it measures, year, and
-- scenario ('budsjett' for a budget figure stated beside the actual one, 'ukjent' for a comparison figure in
-- parentheses whose year the text does not say (value_year null), 'endring' for a change stated as such ('auka med 696
-- personar', '45 mill. kr lavere enn i fjor', any figure in percentage points), 'avvik' for a difference from a plan
-- ('470 mill. høyere enn budsjett', '12 mill. kroner over budsjett'; never the level), 'plan' for a budget, target,
-- bound or forecast stated for a figure ('målet er 6 prosent', 'budsjettert med 40 mill. kr'), 'før' for the level
-- a change went from ('gjekk frå 16 til 10': 16), 'norm' for a norm or recommendation the
-- organisation is measured against ('anbefalingen er et resultat på 1,75 %'), 'snitt' for an average over a span of years
-- ('i perioden 2010-2014 i gjennomsnitt 0,6 %', value_year null), else 'regnskap'), and the part of the
-- organisation the sentence says it is of (a unit or area: 'Økonomi 12,5 årsverk'), null for the whole.
-- The year of an event ('stiftet i 1995', unit 'year') is no figure: fct_report_event_year holds it.
with figures as (
    select * from {{ ref('stg_report_prose_figures') }}
    where coalesce(unit, '') <> 'year'
),

final as (
    select
        md5(document_id || '|' || cast(page as text) || '|' || cast(line as text) || '|' || printed || '|' || topic) as figure_id,
        document_id,
        organisation,
        report_year,
        file_name,
        page,
        line,
        topic,
        value,
        unit,
        year as value_year,
        case scenario when 'budget' then 'budsjett' when 'comparison' then 'ukjent' when 'change' then 'endring'
            when 'deviation' then 'avvik' when 'plan' then 'plan'
            when 'before' then 'før' when 'norm' then 'norm' when 'average' then 'snitt'
            else 'regnskap' end as scenario,
        printed,
        part,
        {{ period_passed() }},
        text,
        context
    from figures
)

select * from final
