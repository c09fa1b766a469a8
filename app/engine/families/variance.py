"""Variance: accounts against budget for a unit (fct_budget_variance) — the operating accounts (the unit
table or § 5-6), or the investment statement when the question says investment."""
from __future__ import annotations

from app.engine.families.base import in_list, source_columns
from app.engine.families.measures import has_any

NAME = "variance"
ACCOUNT_CUES = (r"budsjett\w*", r"budget\w*", r"avvik\w*", r"variance", r"regnskap mot", r"rekneskap\w*",
                r"actual vs", r"actual versus", r"against budget", r"mot budsjett")
INVESTMENT_STATEMENTS = ("investment", "5-5")


def applies(plan, cx, vocab) -> bool:
    return has_any(cx.rest, ACCOUNT_CUES)


def shape(plan, cx, vocab) -> None:
    plan.metrics = []


def compile(plan, by_subject: bool = False) -> str:
    where = [in_list("v.unit_key", [u.unit_key for u in plan.units])]
    if plan.years:
        where.append(in_list("v.value_year", plan.years))
    if plan.investment:
        where.append(in_list("v.statement", INVESTMENT_STATEMENTS))
    else:
        # operating accounts: the unit table or § 5-6 (the split tables are cost shares, § 5-4 repeats 5-6)
        where.append("v.statement not in ('investment', '5-5', 'cost_share', '5-8', 'fund')")
        where.append("(v.statement <> '5-4' or not exists (select 1 from fct_budget_variance as s "
                     "where s.unit_key = v.unit_key and s.value_year = v.value_year and s.statement = '5-6'))")
    return (
        "select u.unit_name as unit,\n"
        "       v.value_year as year,\n"
        "       v.row_label as account,\n"
        "       v.actual_nok,\n"
        "       v.budget_nok,\n"
        "       v.variance_nok,\n"
        "       v.actual_pct_of_budget,\n"
        f"       {source_columns('v')}\n"
        "from fct_budget_variance as v\n"
        "join dim_unit as u on u.unit_key = v.unit_key\n"
        "where " + "\n  and ".join(where) + "\n"
        "order by year, v.statement, v.row_order"
    )


def sentence(plan, metrics, columns, rows, lang) -> str:
    from app.engine import answer

    return answer.variance_sentence(plan, columns, rows, lang)


def chart(plan, columns, rows):
    return {"kind": "bar", "x": "account", "y": "variance_nok"} if rows else None
