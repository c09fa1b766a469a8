"""Compare: a period (a quarter, or the whole year) of the latest or asked year against the mean of the
same period in earlier years ("mot snittet for 2015-2020")."""
from __future__ import annotations

from app.engine.families.base import in_list
from app.engine.families.measures import has_any

NAME = "compare_average"
AVERAGE_CUES = (r"(?:gjennom)?snitt\w*", r"average\w*", r"mean")


def applies(plan, cx, vocab) -> bool:
    return has_any(cx.rest, AVERAGE_CUES) and cx.metric_has_quarters and not plan.subjects


def shape(plan, cx, vocab) -> None:
    if len(plan.years) > 1:
        # "… mot snittet for 2015-2020": those are the earlier years; compare the year after them
        plan.baseline_years = list(plan.years)
        plan.years = []


def compile(plan, by_subject: bool = False) -> str:
    where = [in_list("f.metric_code", plan.metrics[:1]), "f.is_latest", "f.subject is null",
             "coalesce(f.qualifier, '') <> 'target'"]
    where.append("f.quarter is not null" if plan.quarters else "f.period_code is null")
    if plan.units:
        where.append(in_list("f.unit_key", [u.unit_key for u in plan.units]))
    if plan.years:
        year_filter = in_list("q.year", plan.years)
    elif plan.baseline_years:
        year_filter = f"q.year = (select min(year) from quarters where year > {max(plan.baseline_years)})"
    else:
        year_filter = "q.year = (select max(year) from quarters)"
    earlier = "e.year < q.year"
    if plan.baseline_years:
        earlier += f" and e.year between {min(plan.baseline_years)} and {max(plan.baseline_years)}"
    return (
        "with quarters as (\n"
        "    select f.unit_key, f.value_year as year, f.quarter, f.value,\n"
        "           f.file_name, f.page, f.excerpt\n"
        "    from fct_metric_value as f\n"
        "    where " + "\n      and ".join(where) + "\n"
        ")\n"
        "select u.unit_name as unit,\n"
        "       q.year,\n"
        "       q.quarter,\n"
        f"       q.value as {plan.metrics[0]},\n"
        "       round(cast(avg(e.value) as numeric), 1) as average_earlier_years,\n"
        "       min(e.year) as first_earlier_year,\n"
        "       max(e.year) as last_earlier_year,\n"
        "       round(cast(100 * (q.value - avg(e.value)) / avg(e.value) as numeric), 2) as change_pct,\n"
        "       q.file_name as source_document,\n"
        "       q.page as source_page,\n"
        "       q.excerpt as source_excerpt\n"
        "from quarters as q\n"
        f"join quarters as e on e.unit_key = q.unit_key and e.quarter is not distinct from q.quarter and {earlier}\n"
        "join dim_unit as u on u.unit_key = q.unit_key\n"
        f"where {year_filter}" + (f"\n  and {in_list('q.quarter', plan.quarters)}" if plan.quarters else "") + "\n"
        "group by u.unit_name, q.year, q.quarter, q.value, q.file_name, q.page, q.excerpt\n"
        "order by q.year, q.quarter"
    )


def sentence(plan, metrics, columns, rows, lang) -> str:
    from app.engine import answer

    return answer.compare_average_sentence(plan, metrics, columns, rows, lang)


def chart(plan, columns, rows):
    return {"kind": "bar", "x": "quarter", "y": plan.metrics[0], "compare": "average_earlier_years"} if rows else None
