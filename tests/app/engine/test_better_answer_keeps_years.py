"""An answer that holds more of the question's words than an account line's total (app.engine.engine._covers_more)
still gets the years asked that it lacks from the families after it: "årsresultat (overskudd etter
årsoppgjørsdisposisjoner) 2030 og 2031", a table row for 2031 and a sentence for each year, shows both years, never
"no figure for 2030". Invented reports refreshed into a real warehouse."""
from __future__ import annotations

import pytest

from app.engine.engine import QuestionEngine

REPORTS = {
    "solvik_kommune_arsmelding_2031.txt": (
        "Solvik kommune\nÅrsmelding 2031\n\nØkonomi\n\n"
        "Overskudd på 12,4 millioner kroner\n\n"
        "Solvik kommunes regnskap for 2031 er avsluttet med et overskudd etter årsoppgjørsdisposisjoner på 12,4 "
        "millioner kroner.\n\nNetto driftsresultat er på 15,5 millioner kroner, tilsvarende 2,9 prosent av brutto "
        "driftsinntekter.\n"),
    "solvik_kommune_arsmelding_2030.txt": (
        "Solvik kommune\nÅrsmelding 2030\n\nØkonomi\n\n"
        "Solvik kommunes regnskap for 2030 er avsluttet med et overskudd etter årsoppgjørs-disposisjoner på 8,7 "
        "millioner kroner.\n"),
}


@pytest.fixture(scope="module")
def engine(warehouse_over_reports) -> QuestionEngine:
    return QuestionEngine(warehouse_over_reports(REPORTS, "better_answer_keeps_years"))


def _values(result: dict) -> set[float]:
    return {float(v) for r in result["rows"] for v in r if isinstance(v, (int, float)) and not isinstance(v, bool)}


@pytest.mark.parametrize("question", [
    "Solvik kommune årsresultat (overskudd etter årsoppgjørsdisposisjoner) 2030 og 2031",
])
def test_the_answer_holding_more_words_gets_the_years_it_lacks(engine, question):
    result = engine.ask(question, engine="planner")
    assert result["status"] == "ok", result["answer"]
    assert {8_700_000.0, 12_400_000.0} <= _values(result), result["answer"]


def test_one_year_asked_is_answered_alone(engine):
    result = engine.ask("Solvik kommune overskudd etter årsoppgjørsdisposisjoner 2030", engine="planner")
    assert result["status"] == "ok" and 8_700_000.0 in _values(result), result["answer"]
    assert 12_400_000.0 not in _values(result), result["answer"]
