with documents as (
    select * from {{ ref('stg_documents') }}
),

-- a document whose own figures fail an identity check is published, marked 'inconsistent' with the checks
failed_checks as (
    select
        document_id,
        count(*) as failed_count,
        string_agg(explanation, '; ' order by explanation) as explanations
    from {{ ref('fct_reconciliation') }}
    where severity = 'error' and status = 'differs' and document_id is not null
    group by document_id
),

quarantined as (
    select * from {{ ref('stg_document_quarantine') }}
),

final as (
    select
        documents.document_id,
        documents.file_name,
        documents.file_type,
        documents.organisation,
        documents.organisation_type,
        documents.report_year,
        documents.title,
        documents.scope_kind,
        documents.scope_name,
        documents.scope_source,
        documents.scope_page,
        documents.scope_line,
        documents.scope_excerpt,
        documents.page_count,
        documents.fact_count,
        documents.account_count,
        documents.warning_count,
        case when failed_checks.document_id is null then 'loaded' else 'inconsistent' end as status,
        case when failed_checks.document_id is not null then
            cast(failed_checks.failed_count as text) || ' identity check(s) failed: ' || failed_checks.explanations
        end as reason,
        documents.loaded_at
    from documents
    left join failed_checks on documents.document_id = failed_checks.document_id
    union all
    select
        'quarantine:' || md5(file_path) as document_id,
        file_name,
        cast(null as text),
        cast(null as text),
        cast(null as text),
        cast(null as integer),
        cast(null as text),
        cast(null as text),
        cast(null as text),
        cast(null as text),
        cast(null as integer),
        cast(null as integer),
        cast(null as text),
        cast(null as integer),
        cast(null as integer),
        cast(null as integer),
        cast(null as integer),
        'quarantined' as status,
        reason,
        quarantined_at
    from quarantined
)

select * from final
