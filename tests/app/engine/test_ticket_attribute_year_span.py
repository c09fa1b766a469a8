"""Whole years written as a range ("avbrutt i 2023-2024") are the period asked: a count of tickets with a value gets the
range's own row beside each year's, unless a trend, change or comparison of the years is asked."""
from __future__ import annotations

import pytest

from app.engine.families.base import Question
from app.engine.families.ticket_attributes import _pooled_span


def _q(text: str, lang: str = "nb") -> Question:
    return Question.parse(text, lang)


@pytest.mark.parametrize("text, lang, label", [
    ("Hvor mange saker ble avbrutt i 2023-2024?", "nb", "2023–2024 samlet"),
    ("How many tickets were cancelled in 2023-2024?", "en", "2023–2024 combined"),
    ("Hvor mange saker ble avbrutt i 2023 og 2024?", "nb", None),  # years written apart
    ("Utvikling i avbrutte saker 2023-2024", "nb", None),  # a trend: the years apart
    ("Hvor mange saker ble avbrutt i 2024?", "nb", None),
])
def test_a_range_of_whole_years_gets_its_own_row(text, lang, label):
    q = _q(text, lang)
    assert _pooled_span(q, q.period.ranges()) == label
