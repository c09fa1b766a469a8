-- The canonical chart of accounts (seeds/chart_of_accounts.csv) with every label that maps to it
-- (seeds/account_aliases.csv: bokmål, nynorsk and pre-2020 names).
with chart as (
    select * from {{ ref('chart_of_accounts') }}
),

aliases as (
    select * from {{ ref('account_aliases') }}
),

alias_lists as (
    select account_key, string_agg(distinct alias, ' | ') as aliases
    from aliases
    where alias is not null
    group by account_key
),

final as (
    select
        chart.account_key,
        chart.chart,
        chart.line_number,
        chart.row_code,
        chart.name_nb,
        chart.name_en,
        chart.account_class,
        chart.is_income,
        chart.is_sum,
        chart.sums_into,
        case when chart.is_income then -1 else 1 end as normal_sign,
        chart.kostra_art_group,
        chart.kostra_art_codes,
        alias_lists.aliases,
        chart.description
    from chart
    left join alias_lists on chart.account_key = alias_lists.account_key
)

select * from final
