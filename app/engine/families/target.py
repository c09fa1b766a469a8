"""Target: a measure's result against the target the report states for it (qualifier target/result)."""
from __future__ import annotations

from app.engine.families.base import in_list
from app.engine.families.measures import has_any

NAME = "target"
TARGET_CUES = (r"sla", r"mål", r"måltall\w*", r"målet", r"målsetting\w*", r"targets?", r"måloppnåing",
               r"måloppnåelse", r"mot målet", r"nådde", r"nådd", r"met the", r"goal\w*")


def applies(plan, cx, vocab) -> bool:
    return has_any(cx.rest, TARGET_CUES) and bool(plan.metrics or vocab.target_metrics)


def shape(plan, cx, vocab) -> None:
    if not plan.metrics:
        plan.metrics = list(vocab.target_metrics)


def compile(plan, by_subject: bool = False) -> str:
    where = [in_list("r.metric_code", plan.metrics), "r.is_latest", "coalesce(r.qualifier, 'result') <> 'target'",
             "r.period_code is null", "r.subject is null"]
    if plan.units:
        where.append(in_list("r.unit_key", [u.unit_key for u in plan.units]))
    if plan.years:
        where.append(in_list("r.value_year", plan.years))
    return (
        "select u.unit_name as unit,\n"
        "       r.value_year as year,\n"
        "       r.metric_code as metric,\n"
        "       t.value as target,\n"
        "       r.value as result,\n"
        "       r.file_name as source_document,\n"
        "       r.page as source_page,\n"
        "       r.excerpt as source_excerpt\n"
        "from fct_metric_value as r\n"
        "join dim_unit as u on u.unit_key = r.unit_key\n"
        "left join fct_metric_value as t\n"
        "  on t.metric_code = r.metric_code and t.unit_key = r.unit_key and t.value_year = r.value_year\n"
        " and t.qualifier = 'target' and t.is_latest and t.period_code is null and t.subject is null\n"
        "where " + "\n  and ".join(where) + "\n"
        "  and (t.value is not null or r.qualifier = 'result')\n"
        "order by year, metric"
    )


def sentence(plan, metrics, columns, rows, lang) -> str:
    from app.engine import answer

    return answer.target_sentence(plan, metrics, columns, rows, lang)


def chart(plan, columns, rows):
    return {"kind": "bar", "x": "metric", "y": "result", "compare": "target"} if rows else None
