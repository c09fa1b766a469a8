"""Change: a measure from one year to the next (the difference is computed from the two stated values;
"<base>_change_pct", the change a report states, is read as its base measure)."""
from __future__ import annotations

from app.engine.families.measures import compile_facts, facts_chart, facts_sentence, has_any

NAME = "change"
# words that ask how a figure changed: the one home of these cues (the ticket family adds its trend verbs to them,
# app.engine.families.tickets.TICKET_CHANGE_CUES)
CHANGE_WORDS = (r"endr\w*", r"change\w*", r"økning\w*", r"auke\w*", r"nedgang\w*", r"increase\w*", r"decrease\w*")
# ... and the phrases that ask a report figure's change from the year before
CHANGE_CUES = (*CHANGE_WORDS, r"opp fra", r"ned fra", r"fra året før", r"frå året før", r"from the year before",
               r"year over year", r"sammenlignet med i fjor", r"compared with last year", r"vs last year")


def applies(plan, cx, vocab) -> bool:
    return has_any(cx.rest, CHANGE_CUES) or any(m.endswith("_change_pct") for m in plan.metrics)


def shape(plan, cx, vocab) -> None:
    plan.metrics = list(dict.fromkeys(m[: -len("_change_pct")] if m.endswith("_change_pct")
                                      and m[: -len("_change_pct")] in vocab.metrics else m for m in plan.metrics))
    latest = vocab.latest_for(plan.metrics, plan.units)
    if len(plan.years) == 1:
        plan.years = [plan.years[0] - 1, plan.years[0]]
    elif not plan.years and latest is not None:
        plan.years = [latest - 1, latest]


compile = compile_facts
sentence = facts_sentence
chart = facts_chart
