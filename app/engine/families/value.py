"""Value: one measure for the unit, period and breakdown asked — what every other family is not."""
from __future__ import annotations

from app.engine.families.measures import compile_facts, facts_chart, facts_sentence
from app.engine.families.ranking import negative_side_word

NAME = "value"


def applies(plan, cx, vocab) -> bool:
    return True


def shape(plan, cx, vocab) -> None:
    plan.side_shown = negative_side_word(plan, cx, vocab)


compile = compile_facts
sentence = facts_sentence
chart = facts_chart
