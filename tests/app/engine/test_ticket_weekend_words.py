"""The weekend is asked by its own word forms ("i helga", "helgen", "helgedager", "weekends"), never by a name that
merely begins with them: a desk or district named "Helgeland…" asks no weekend count."""
from __future__ import annotations

import pytest

from app.engine.families.base import Question
from app.engine.families.ticket_calendar import WEEKEND


@pytest.mark.parametrize("text, asked", [
    ("kor mange saker vart oppretta i helga", True),
    ("hvor mange saker kom i helgen 2023", True),
    ("saker opprettet på helgedager", True),
    ("how many tickets were created at weekends", True),
    ("saker per kvartal 2024 helgeland ikt", False),
    ("hvor mange saker hadde helgelandssykehuset i 2021", False),
])
def test_weekend_words_not_names_beginning_with_them(text, asked):
    assert Question.parse(text, "nb").has(*WEEKEND) is asked
