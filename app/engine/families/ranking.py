"""Ranking: units, breakdown members (municipality, gender …) or quarters ordered by a measure; "which …"
gives the first only."""
from __future__ import annotations

from app.engine.families.measures import compile_facts, facts_chart, facts_sentence, has_any

NAME = "ranking"
RANK_HIGH = (r"høyest\w*", r"høgast\w*", r"mest", r"flest", r"størst\w*", r"highest", r"most", r"largest",
             r"biggest", r"top")
RANK_LOW = (r"lavest\w*", r"lågast\w*", r"minst", r"færrest", r"lowest", r"least", r"fewest", r"smallest")
UNIT_QUESTION = (r"hvilken enhet", r"hvilke enheter", r"kva eining", r"kva for (?:ei )?eining", r"which units?",
                 r"hvilken avdeling", r"which department")
SUBJECT_QUESTION = (r"hvilken kommune", r"hvilke kommuner", r"kva kommune", r"which municipalit\w*",
                    r"hvilket kjønn", r"which gender")
QUARTER_QUESTION = (r"hvilket kvartal", r"which quarter", r"kva kvartal")
WHICH_WORDS = (r"hvilke[nt]?", r"which", r"kva", r"hvem", r"who")


def applies(plan, cx, vocab) -> bool:
    return (has_any(cx.rest, RANK_HIGH + RANK_LOW) or has_any(cx.text, UNIT_QUESTION + SUBJECT_QUESTION)
            or (has_any(cx.text, QUARTER_QUESTION) and cx.metric_has_quarters))


def shape(plan, cx, vocab) -> None:
    plan.rank_order = "asc" if has_any(cx.rest, RANK_LOW) else "desc"
    if has_any(cx.text, QUARTER_QUESTION):
        plan.rank_by = "quarter"
    elif has_any(cx.text, SUBJECT_QUESTION) or (plan.metrics and not has_any(cx.text, UNIT_QUESTION)
                                                 and all(vocab.metric_subjects.get(m) for m in plan.metrics)
                                                 and not plan.subjects):
        plan.rank_by = "subject"
    plan.limit = 1 if has_any(cx.text, WHICH_WORDS) else None


compile = compile_facts
sentence = facts_sentence
chart = facts_chart
