"""Share: what each owner municipality pays of a joint unit's costs (fct_cost_share) — the operating
split (the share rows of the account table) or, for investments, the separate split table."""
from __future__ import annotations

from app.engine.families.base import in_list
from app.engine.families.measures import has_any
from app.engine.text import normalise

NAME = "cost_share"
COST_SHARE_CUES = (r"kostnadsfordel\w*", r"fordel\w* på (?:eier)?kommun\w*", r"andel(?:er|en|ar|ane)?",
                   r"cost shares?", r"share per municipality", r"eierkommun\w*", r"betal(?:te|er|e|a)",
                   r"paid", r"pays?", r"split between", r"split per")


def applies(plan, cx, vocab) -> bool:
    return has_any(cx.rest, COST_SHARE_CUES) and not plan.metrics


def shape(plan, cx, vocab) -> None:
    return None


def compile(plan, by_subject: bool = False) -> str:
    where = [in_list("c.unit_key", [u.unit_key for u in plan.units]), "c.is_latest"]
    scenario = "budsjett" if has_any(normalise(plan.question), (r"budsjett\w*", r"budget\w*")) else "regnskap"
    where.append(f"c.scenario_code = '{scenario}'")
    where.append("c.source_table = " + ("'split_table'" if plan.investment else "'account_table'"))
    if plan.years:
        where.append(in_list("c.value_year", plan.years))
    if plan.organisations:
        where.append(in_list("c.owner_organisation_key", plan.organisations))
    return (
        "select u.unit_name as unit,\n"
        "       c.value_year as year,\n"
        "       coalesce(o.organisation_name, c.owner_name_as_written) as municipality,\n"
        "       c.share_nok as amount_nok,\n"
        "       round(cast(c.share_pct as numeric), 1) as share_pct,\n"
        "       c.allocated_total_nok,\n"
        "       c.file_name as source_document,\n"
        "       c.page as source_page,\n"
        "       c.excerpt as source_excerpt\n"
        "from fct_cost_share as c\n"
        "join dim_unit as u on u.unit_key = c.unit_key\n"
        "left join dim_organisation as o on o.organisation_key = c.owner_organisation_key\n"
        "where " + "\n  and ".join(where) + "\n"
        "order by year desc, amount_nok desc"
    )


def sentence(plan, metrics, columns, rows, lang) -> str:
    from app.engine import answer

    return answer.cost_share_sentence(plan, columns, rows, lang)


def chart(plan, columns, rows):
    return {"kind": "bar", "x": "municipality", "y": "amount_nok"} if rows else None
