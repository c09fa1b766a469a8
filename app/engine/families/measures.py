"""What the governed-measure families (value, trend, change, ranking, compare, target, variance, share,
case counts) share: cue matching on the question, the facts a plan selects from fct_metric_value, and
the default SQL, sentence and chart over them. Each family module has

    NAME                                   the Plan.family it produces
    applies(plan, cues, vocab) -> bool     whether the question is of this family (tried in order)
    shape(plan, cues, vocab)               what the family changes in the plan (years, metrics, order …)
    compile(plan, by_subject) -> str       its SQL over the marts
    sentence(plan, metrics, columns, rows, lang) -> str
    chart(plan, columns, rows) -> dict | None

and is listed once in app.engine.planner.GOVERNED_FAMILIES.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from app.engine.families.base import in_list

_CUE_CACHE: dict[tuple, re.Pattern] = {}


def cue(cues) -> re.Pattern:
    return re.compile(r"(?<![\w])(?:" + "|".join(cues) + r")(?![\w])")


def has_any(text: str, cues) -> bool:
    pattern = _CUE_CACHE.get(cues)
    if pattern is None:
        pattern = _CUE_CACHE[cues] = cue(cues)
    return pattern.search(text) is not None


@dataclass(frozen=True)
class Cues:
    """The question as the families see it: the whole text, and what is left once unit and measure names
    are taken out (so "budsjettresultat" as a measure name is no budget cue)."""
    text: str
    rest: str
    per_municipality: bool = False
    metric_has_quarters: bool = False
    ticket_metric: bool = False


def metric_filters(plan, alias: str = "f") -> list[str]:
    where = [f"{alias}.is_latest", in_list(f"{alias}.metric_code", plan.metrics)]
    if plan.units:
        where.append(in_list(f"{alias}.unit_key", [u.unit_key for u in plan.units]))
    quarter_range = getattr(plan, "quarter_range", None)
    quarter_points = getattr(plan, "quarter_points", None)
    if plan.years and not (quarter_range or quarter_points):
        where.append(in_list(f"{alias}.value_year", plan.years))
    elif quarter_range or quarter_points:
        pass  # each quarter asked carries its own year
    elif plan.family == "ranking" and plan.rank_by not in ("quarter", "year"):
        # ranking without a year compares units in the latest year the metric was reported
        where.append(f"{alias}.value_year = (select max(value_year) from fct_metric_value "
                     f"where {in_list('metric_code', plan.metrics)})")
    if quarter_range:  # every quarter from one year's quarter to another's
        (y0, q0), (y1, q1) = quarter_range
        where.append(f"{alias}.quarter is not null")
        where.append(f"{alias}.value_year * 4 + {alias}.quarter between {int(y0) * 4 + int(q0)} and {int(y1) * 4 + int(q1)}")
    elif quarter_points:
        where.append("(" + " or ".join(f"({alias}.value_year = {int(y)} and {alias}.quarter = {int(q)})"
                                       for y, q in quarter_points) + ")")
    elif plan.quarters:
        where.append(in_list(f"{alias}.quarter", plan.quarters))
    elif plan.family == "ranking" and plan.rank_by == "quarter":
        where.append(f"{alias}.quarter is not null")
        if not plan.years:
            where.append(f"{alias}.value_year = (select max(value_year) from fct_metric_value "
                         f"where {in_list('metric_code', plan.metrics)} and quarter is not null)")
    elif getattr(plan, "month_spans", None):  # a tertial, a half, a month, the year to a date: that part's figure
        where.append("(" + " or ".join(f"({alias}.period_start_month = {int(a)} and {alias}.period_end_month = {int(b)})"
                                       for a, b in plan.month_spans) + ")")
    else:  # a whole year: never a part of it (a quarter, a tertial, the year to a date)
        where.append(f"{alias}.period_code is null")
    if plan.subjects:
        where.append(in_list(f"{alias}.subject", plan.subjects))
    return where


def compile_facts(plan, by_subject: bool = False) -> str:
    """The facts of a value, trend, change or ranking plan. Columns named source_* carry provenance.

    `by_subject` lists a metric's breakdown (municipality, gender, …) when the question named none and
    the metric has no total."""
    where = metric_filters(plan)
    show_subject = bool(plan.subjects) or by_subject
    if not show_subject:
        where.append("f.subject is null")
    elif plan.family == "ranking" and plan.rank_by == "subject":
        where.append("f.subject is not null")
    where.append("coalesce(f.qualifier, '') <> 'target'")
    if plan.family == "ranking" and getattr(plan, "rank_sign", None):
        # one side of a signed balance asked ("the largest overspend"): only the figures on that side
        where.append("f.value < 0" if plan.rank_sign == "negative" else "f.value > 0")
    if plan.family == "ranking" and plan.rank_by == "year":
        # one series over its years: the unit asked (the organisation itself before its parts) with the most years
        inner = [w.replace("f.", "f2.") for w in where if not w.startswith("f.subject")]
        inner.append("f2.subject is null" if not plan.subjects else in_list("f2.subject", plan.subjects))
        where.append("f.unit_key = (select f2.unit_key from fct_metric_value as f2 join dim_unit as u2 on "
                     "u2.unit_key = f2.unit_key where " + " and ".join(inner) + " group by f2.unit_key, u2.unit_level "
                     "order by (coalesce(u2.unit_level, '') = 'organisation') desc, count(distinct f2.value_year) desc, "
                     "f2.unit_key limit 1)")
    if plan.family == "ranking" and plan.rank_by == "unit" and not plan.units:
        # "which unit": units, not the whole organisation
        where.append("coalesce(u.unit_level, '') <> 'organisation'")
    select = ["u.unit_name as unit"]
    if show_subject:
        select.append("f.subject")
    select.append("f.value_year as year")
    by_quarter = bool(plan.quarters or getattr(plan, "quarter_range", None) or getattr(plan, "quarter_points", None))
    if by_quarter or plan.rank_by == "quarter":
        select.append("f.quarter")
    elif getattr(plan, "month_spans", None):
        select.append("f.period_code as period")
    if len(plan.metrics) == 1:
        # "Hvor stort merforbruk": a signed balance's overspend side asked, its size (a budget result of -7,5 mill. is
        # an overspend of 7,5 mill.; an underspend shows as a negative overspend)
        select.append(f"{'-' if getattr(plan, 'side_shown', None) else ''}f.value as {plan.metrics[0]}")
    else:
        select += ["f.metric_code as metric", "f.value"]
    if plan.family == "change":
        if getattr(plan, "quarter_points", None) or getattr(plan, "quarter_range", None):  # one quarter to the next asked
            part, by = "f.unit_key, f.metric_code, f.subject, f.qualifier", "f.value_year, f.quarter"
        else:
            part, by = "f.unit_key, f.metric_code, f.subject, f.quarter, f.period_code, f.qualifier", "f.value_year"
        lag = f"lag(f.value) over (partition by {part} order by {by})"
        select.append(f"f.value - {lag} as change_from_previous")
        select.append(f"round(cast(100 * (f.value - {lag}) / nullif(abs({lag}), 0) as numeric), 2) as change_pct")
    select += ["f.file_name as source_document", "f.page as source_page", "f.excerpt as source_excerpt"]
    order = ["year"] + (["f.quarter"] if by_quarter else []) + ["unit"] + (["f.subject"] if show_subject else [])
    if len(plan.metrics) > 1:
        order.append("metric")
    if plan.family == "ranking":
        value = plan.metrics[0] if len(plan.metrics) == 1 else "f.value"
        order = [f"{value} {'asc' if plan.rank_order == 'asc' else 'desc'}", "unit"]
    sql = (
        "select " + ",\n       ".join(select) + "\n"
        "from fct_metric_value as f\n"
        "join dim_unit as u on u.unit_key = f.unit_key\n"
        "where " + "\n  and ".join(where) + "\n"
        f"order by {', '.join(order)}"
    )
    if plan.limit:
        sql += f"\nlimit {int(plan.limit)}"
    return sql


def facts_sentence(plan, metrics, columns, rows, lang) -> str:
    from app.engine import answer

    return answer.metric_sentence(plan, metrics, columns, rows, lang)


def facts_chart(plan, columns, rows):
    from app.engine import answer

    return answer.suggest_chart(plan, columns, rows)
