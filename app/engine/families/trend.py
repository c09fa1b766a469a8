"""Trend: a measure over the years (or quarters) the question names, or every year the data holds."""
from __future__ import annotations

from app.engine.families.measures import compile_facts, facts_chart, facts_sentence, has_any

NAME = "trend"
TREND_CUES = (r"trend\w*", r"utvikl\w*", r"over tid", r"over time", r"historikk", r"history", r"per år",
              r"hvert år", r"kvart år", r"each year", r"by year", r"per year", r"gjennom årene", r"tidsserie",
              r"developed", r"development")


def applies(plan, cx, vocab) -> bool:
    return (has_any(cx.rest, TREND_CUES) or len(plan.years) > 1 or len(plan.quarters) > 1
            or (not plan.years and not plan.quarters))


def shape(plan, cx, vocab) -> None:
    return None


compile = compile_facts
sentence = facts_sentence
chart = facts_chart
