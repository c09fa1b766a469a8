-- Every organisation name seen (documents, unit owners, ticket customers, owners in cost-share rows
-- and split tables) resolved to one organisation key without any list of names: names meet on
-- macros/organisation_names.sql's match key ("X kommune", "X", the genitive "Xs" of a share row), its Nordic letters
-- folded ("Sorvag kommune" meets "Sørvåg kommune").
-- A name the user alias file lists (raw.user_organisation_aliases) joins that entry; the key is a
-- slug of the entry's name, else of the shortest name of its group, with the generic words removed.
-- The type is the user's, else the document's, else read from the names ("... kommune" -> kommune).
-- Names that meet on their match key but state different kinds of body ("X fylkeskommune" and "X IKS", "X kommune" and
-- "X IKS") are different organisations, each keyed with its kind ("x-fylkeskommune", "x-iks"); a name of such a key that
-- states no kind ("X") joins the first of them in the order fylkeskommune, kommune, iks, selskap.
with user_aliases as (
    select * from {{ ref('stg_user_organisation_aliases') }}
),

documents as (
    select * from {{ ref('stg_documents') }}
),

unit_names as (
    select * from {{ ref('int_unit_names') }}
),

tickets as (
    select * from {{ ref('stg_tickets') }}
),

accounts as (
    select * from {{ ref('stg_report_accounts') }}
),

share_owner_names as (
    -- "<NAME>S ANDEL (art 1621)" -> "<name>s"
    select distinct trim(regexp_replace({{ account_label('row_label') }}, '\s*andel$', '')) as name_as_written
    from accounts
    where statement = 'unit' and {{ account_label('row_label') }} like '%andel'
),

seen_raw as (
    -- uses: how many tickets write the name so (the spelling most of them use names the organisation)
    select organisation as name_as_written, organisation_type, 1 as source_rank, 0 as uses
    from documents where organisation is not null
    union
    select organisation, cast(null as text), 2, 0 from unit_names where organisation is not null
    union
    select customer_org, cast(null as text), 2, count(*) from tickets where customer_org is not null
    group by customer_org
    union
    select distinct trim(row_label), cast(null as text), 3, 0 from accounts
    where statement = 'cost_share' and row_label is not null and trim(row_label) <> ''
        and lower(trim(row_label)) not in ('sum', 'total', 'totalt', 'i alt')
    union
    select name_as_written, cast(null as text), 4, 0 from share_owner_names where name_as_written <> ''
),

seen as (
    select
        name_as_written,
        max(organisation_type) as document_type,
        min(source_rank) as source_rank,
        sum(uses) as uses,
        {{ organisation_base('name_as_written') }} as name_base,
        {{ organisation_match_key('name_as_written') }} as match_key
    from seen_raw
    where trim(name_as_written) <> ''
    group by name_as_written
),

user_entries as (
    -- one entry per match key of a name or alias the user gave (folded: "Sorvag" meets "Sørvåg")
    select fold_key, organisation_name, organisation_type
    from (
        select
            {{ organisation_fold('alias_match') }} as fold_key, organisation_name, organisation_type,
            row_number() over (partition by {{ organisation_fold('alias_match') }} order by organisation_name) as rn
        from user_aliases
    ) as ranked
    where rn = 1
),

rank_of_kind as (
    select
        'fylkeskommune' as kind,
        1 as kind_rank
    union all
    select
        'kommune' as kind,
        2 as kind_rank
    union all
    select
        'iks' as kind,
        3 as kind_rank
    union all
    select
        'selskap' as kind,
        4 as kind_rank
),

kinds as (
    -- how many kinds of body the names of one match key state, and the first of them
    select
        {{ organisation_fold('seen.match_key') }} as fold_key,
        count(distinct rank_of_kind.kind) as kinds,
        min(rank_of_kind.kind_rank) as first_rank
    from seen
    inner join rank_of_kind on {{ organisation_type_from_name('seen.name_as_written') }} = rank_of_kind.kind
    group by {{ organisation_fold('seen.match_key') }}
),

seen_kinds as (
    -- the kind that keys a name when its match key is shared by bodies of different kinds; null otherwise
    select
        seen.*,
        case when kinds.kinds > 1 then coalesce(stated.kind, first_kind.kind) end as split_kind
    from seen
    left join kinds on {{ organisation_fold('seen.match_key') }} = kinds.fold_key
    left join rank_of_kind as stated on {{ organisation_type_from_name('seen.name_as_written') }} = stated.kind
    left join rank_of_kind as first_kind on kinds.first_rank = first_kind.kind_rank
),

grouped_exact as (
    select
        seen.*,
        user_entries.organisation_name as user_name,
        user_entries.organisation_type as user_type,
        coalesce(user_entries.organisation_name, '') <> '' as is_governed,
        -- names that meet only on their match key form one group, the Nordic letters folded ("Sorvag kommune" and
        -- "Sørvåg kommune"); a user entry is its own group
        coalesce('user:' || user_entries.organisation_name,
            'seen:' || {{ organisation_fold('seen.match_key') }} || coalesce(':' || seen.split_kind, ''))
            as exact_group_id
    from seen_kinds as seen
    left join user_entries on {{ organisation_fold('seen.match_key') }} = user_entries.fold_key
),

-- A customer name that only tickets write, one letter away from a name many more tickets write ("Solbrek kommune"
-- beside "Solbrekk kommune", "Tjønnaas" beside "Tjønnås", "Lindveit" beside "Lindtveit"), is that name misspelt:
-- it joins the other's group. One letter away: the two match keys (six letters or more) are equal once one letter
-- is dropped from one or both (no edit-distance function is portable); the other name must be written at least
-- three times as often, so two real names of similar use never meet.
group_keys as (
    select
        exact_group_id as group_id,
        min({{ organisation_fold('match_key') }}) as fold_key,
        sum(uses) as uses,
        min(source_rank) = 2 and min(uses) > 0 as only_tickets
    from grouped_exact
    where exact_group_id like 'seen:%' and split_kind is null
    group by exact_group_id
    having count(distinct {{ organisation_fold('match_key') }}) = 1
),

letter_positions as (
    select i from generate_series(1, 60) as positions (i)
),

key_variants as (
    select group_id, fold_key as variant from group_keys
    union
    select group_keys.group_id, substr(group_keys.fold_key, 1, letter_positions.i - 1)
        || substr(group_keys.fold_key, letter_positions.i + 1) as variant
    from group_keys
    inner join letter_positions on letter_positions.i <= length(group_keys.fold_key)
),

misspelt as (
    select group_id, into_group
    from (
        select
            rare.group_id,
            common.group_id as into_group,
            row_number() over (partition by rare.group_id order by common.uses desc, common.group_id) as rn
        from group_keys as rare
        inner join key_variants as rare_variant on rare.group_id = rare_variant.group_id
        inner join key_variants as common_variant
            on rare_variant.variant = common_variant.variant and rare_variant.group_id <> common_variant.group_id
        inner join group_keys as common on common_variant.group_id = common.group_id
        where rare.only_tickets and length(rare.fold_key) >= 6 and length(common.fold_key) >= 6
            and common.uses >= 3 * rare.uses
    ) as ranked
    where rn = 1
),

grouped as (
    select
        grouped_exact.*,
        coalesce(misspelt.into_group, grouped_exact.exact_group_id) as group_id,
        misspelt.into_group is not null as is_misspelt
    from grouped_exact
    left join misspelt on grouped_exact.exact_group_id = misspelt.group_id
),

group_facts as (
    select
        group_id,
        max(user_name) as user_name,
        max(user_type) as user_type,
        max(document_type) as document_type,
        max(split_kind) as split_kind,
        -- the most specific type a name of the group states
        min(case {{ organisation_type_from_name('name_as_written') }}
            when 'fylkeskommune' then 1 when 'kommune' then 2 when 'iks' then 3 when 'selskap' then 4 end)
            as inferred_rank
    from grouped
    group by group_id
),

group_bases as (
    -- the shortest base of the group (the one without a genitive -s), ties by text; a misspelt name's never
    select group_id, name_base
    from (
        select
            group_id, name_base,
            row_number() over (partition by group_id order by is_misspelt, length(name_base), name_base) as rn
        from grouped
    ) as ranked
    where rn = 1
),

final as (
    select
        grouped.name_as_written,
        {{ norm_name('grouped.name_as_written') }} as name_norm,
        grouped.match_key,
        case
            when group_facts.user_name is not null
                then {{ unit_slug(organisation_base('group_facts.user_name')) }}
            when group_facts.split_kind is not null
                then {{ unit_slug("group_bases.name_base || ' ' || group_facts.split_kind") }}
            else {{ unit_slug('group_bases.name_base') }}
        end as organisation_key,
        coalesce(
            group_facts.user_type,
            group_facts.document_type,
            case group_facts.inferred_rank
                when 1 then 'fylkeskommune' when 2 then 'kommune' when 3 then 'iks' when 4 then 'selskap'
            end,
            'ukjent'
        ) as organisation_type,
        group_facts.user_name,
        grouped.source_rank,
        grouped.uses,
        grouped.is_governed
    from grouped
    inner join group_facts on grouped.group_id = group_facts.group_id
    inner join group_bases on grouped.group_id = group_bases.group_id
)

select * from final
