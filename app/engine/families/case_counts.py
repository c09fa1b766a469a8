"""Case counts of a governed ticket measure (cases, A/B incidents) from the ticket aggregates: per ISO
week or per quarter, per customer municipality when asked, with the same period's mean over earlier
years. (Free ticket questions — categories, priorities, resolution times — are app.engine.families.tickets.)"""
from __future__ import annotations

from app.engine.families.base import in_list

NAME = "tickets"
TICKET_METRICS = ("cases", "ab_incidents")


def applies(plan, cx, vocab) -> bool:
    return cx.ticket_metric and "fct_ticket" in vocab.tables and (
        bool(plan.weeks) or (bool(plan.organisations) and not plan.units and not plan.subjects) or cx.per_municipality)


def shape(plan, cx, vocab) -> None:
    plan.per_organisation = cx.per_municipality or bool(plan.organisations)
    plan.metrics = [m for m in plan.metrics if m in TICKET_METRICS][:1]


def compile(plan, by_subject: bool = False) -> str:
    column = "ab_ticket_count" if plan.metrics[:1] == ["ab_incidents"] else "ticket_count"
    name = plan.metrics[0]
    weekly = bool(plan.weeks)
    table = "agg_tickets_by_week" if weekly else "agg_tickets_by_quarter"
    year_col, period_col = ("a.iso_year", "a.iso_week") if weekly else ("a.year", "a.quarter")
    period_name = "week" if weekly else "quarter"
    keys = ["a.organisation_key"] if plan.per_organisation else []
    where = ["true"]
    if plan.units:
        where.append(in_list("a.provider_unit_key", [u.unit_key for u in plan.units]))
    if plan.organisations:
        where.append(in_list("a.organisation_key", plan.organisations))
    outer = [in_list("p.year", plan.years) if plan.years else "p.year = (select max(year) from periods)"]
    periods = plan.weeks if weekly else plan.quarters
    if periods:
        outer.append(in_list("p.period", periods))
    group = ", ".join([f"{year_col}", f"{period_col}"] + keys)
    org_select = ("a.organisation_key, " if keys else "")
    org_join = ("left join dim_organisation as o on o.organisation_key = p.organisation_key\n" if keys else "")
    org_col = ("coalesce(o.organisation_name, p.organisation_key) as municipality,\n       " if keys else "")
    same = "e.period = p.period and e.year < p.year" + (" and e.organisation_key = p.organisation_key" if keys else "")
    return (
        "with periods as (\n"
        f"    select {org_select}{year_col} as year, {period_col} as period, sum(a.{column}) as n\n"
        f"    from {table} as a\n"
        "    where " + "\n      and ".join(where) + "\n"
        f"    group by {group}\n"
        ")\n"
        f"select {org_col}p.year,\n"
        f"       p.period as {period_name},\n"
        f"       p.n as {name},\n"
        f"       (select round(cast(avg(e.n) as numeric), 1) from periods as e where {same}) as average_earlier_years\n"
        "from periods as p\n"
        f"{org_join}"
        "where " + "\n  and ".join(outer) + "\n"
        f"order by p.year, p.period{', ' + name + ' desc' if keys else ''}"
    )


def sentence(plan, metrics, columns, rows, lang) -> str:
    from app.engine import answer

    return answer.tickets_sentence(plan, metrics, columns, rows, lang)


def chart(plan, columns, rows):
    x = "municipality" if "municipality" in columns else ("week" if "week" in columns else "quarter")
    return {"kind": "bar", "x": x, "y": plan.metrics[0], "compare": "average_earlier_years"} if rows else None
