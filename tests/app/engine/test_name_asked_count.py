"""A count stated in prose never answers a question asking which one (invented rows)."""
from __future__ import annotations

import pytest

from app.engine.honest import name_asked_count_given

COLUMNS = ["organisation", "year", "value", "unit", "printed", "sentence"]


def _rows(*printed: str, unit: str = "count") -> dict:
    return {"columns": COLUMNS, "rows": [["Nordby kommune", 2031, 5.0, unit, p, "…"] for p in printed]}


@pytest.mark.parametrize("question", [
    "Hvilken enhet i Nordby kommune hadde størst merforbruk i 2031?",
    "Hvilke enheter hadde merforbruk?",
    "Kva for ei eining hadde meirforbruk?",
    "Which unit had the largest overspend?",
])
def test_a_count_of_the_thing_asked_for_names_none(question):
    printed = {"W": "five units", "K": "Fem einingar"}.get(question[0], "Fem enheter")
    assert name_asked_count_given(question, _rows(printed)) == printed


@pytest.mark.parametrize(("question", "result"), [
    ("Hvor mange enheter hadde merforbruk?", _rows("Fem enheter")),  # a count asked: the count answers
    ("Hvilken enhet hadde størst merforbruk?", _rows("5 prosent", unit="pct")),  # not a count
    ("Hvilke skoler hadde merforbruk?", _rows("Fem enheter")),  # a count of something else
    ("Hvilken enhet hadde størst merforbruk?", {"columns": ["unit_name", "value"], "rows": [["Oppvekst", 2.0]]}),
])
def test_other_answers_are_kept(question, result):
    assert name_asked_count_given(question, result) is None
