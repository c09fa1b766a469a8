"""One figure cannot answer two clauses: "kor mykje er budsjettert å dekkje inn av underskotet, og kor stort var
underskotet?" answered with the sentence that states only the amount budgeted names the second clause as not answered,
never leaves it out silently; a sentence that states both figures answers both. Invented reports, refreshed through the
real flow."""
from __future__ import annotations

import pytest

from app.engine.engine import ask

REPORTS = {
    "fjordby_kommune_budsjett_2031.txt": (
        "Fjordby kommune\nBudsjett 2031\n\n"
        "Inndekking\n\n"
        "Kommunen har budsjettert med ei inndekking på 4 mill. kroner av tidlegare års underskot.\n\n"
        "Avkastning\n\n"
        "Kraftfondet gav ei avkastning på 12 mill. kroner i 2031, mot budsjettert avkastning på 9 mill. kroner.\n"),
}


@pytest.fixture(scope="module")
def warehouse(warehouse_over_reports):
    return warehouse_over_reports(REPORTS, "every_clause")


def test_a_clause_no_figure_answers_is_named(warehouse):
    result = ask("Kor mykje har Fjordby kommune budsjettert å dekkje inn av tidlegare års underskot i 2031, og kor stort "
                 "var underskotet?", warehouse=warehouse)
    assert result["status"] == "ok", result["answer"]
    assert 4_000_000 in {v for r in result["rows"] for v in r}, result["answer"]
    assert any("underskotet" in p for p in result.get("unanswered") or []), result["answer"]
    assert "fann eg ikkje svar på" in result["answer"], result["answer"]


def test_a_sentence_stating_both_figures_answers_both(warehouse):
    result = ask("Kor stor avkastning gav kraftfondet i Fjordby kommune i 2031, og kor mykje var budsjettert?",
                 warehouse=warehouse)
    assert result["status"] == "ok", result["answer"]
    assert {12_000_000, 9_000_000} <= {v for r in result["rows"] for v in r}, result["answer"]
    assert not result.get("unanswered"), result["answer"]
