"""Questions naming quarters, tertials and runs of quarters of report figures are answered from the figures of those
periods (one period, two periods, a run and "which quarter was highest"), refused with the period named when the
period is not there, and a whole year is never answered with a part of it. Invented reports in bokmål, nynorsk and
Swedish, refreshed through the real flow (reader, dbt marts, engine)."""
from __future__ import annotations

import pytest

from app.engine.engine import ask

REPORTS = {
    "nordvik_kommune_kvartalsrapport_2031.txt": (
        "Nordvik kommune\nKvartalsrapport 2031\n\nSykefravær per kvartal\n\n"
        "Periode   Legemeldt   Totalt\n"
        "1. kvartal 2030   5,1   6,1\n2. kvartal 2030   4,8   5,4\n3. kvartal 2030   4,2   4,7\n"
        "4. kvartal 2030   5,6   6,5\n1. kvartal 2031   5,9   7,3\n2. kvartal 2031   5,3   6,2\n\n"
        "Sykefraværet i 2030 var samlet 5,7 prosent.\n"),
    "nordfjell_fylkeskommune_tertialrapport_2031.txt": (
        "Nordfjell fylkeskommune\nTertialrapport 2031\n\nNøkkeltal per tertial 2031\n\n"
        "Nøkkeltal   1. tertial   2. tertial\nSjukefråvær   6,6 %   5,8 %\nÅrsverk   412,5   415,0\n"),
    "sorby_kommun_delarsrapport_2031.txt": (
        "Sörby kommun\nDelårsrapport 2031\n\nSjukfrånvaro\n\nUnder första kvartalet 2031 var sjukfrånvaron 8,4 procent.\n"),
}


@pytest.fixture(scope="module")
def warehouse(warehouse_over_reports):
    return warehouse_over_reports(REPORTS, "part_year")


def _values(result) -> list[float]:
    columns = result["columns"]
    value = next(i for i, c in enumerate(columns) if c not in ("unit", "year", "quarter", "period", "subject")
                 and not c.startswith("change"))
    return sorted(r[value] for r in result["rows"])


def test_one_quarter_of_two_years(warehouse):
    result = ask("Legemeldt sykefravær i Nordvik 1. kvartal 2030 og 1. kvartal 2031", warehouse=warehouse)
    assert result["status"] == "ok", result["answer"]
    assert _values(result) == [5.1, 5.9]
    assert "Q1" in result["answer"]


def test_which_quarter_of_a_run_was_highest(warehouse):
    result = ask("Which quarter from Q1 2030 to Q2 2031 had the highest sick leave in Nordvik?", warehouse=warehouse)
    assert result["status"] == "ok", result["answer"]
    assert _values(result) == [7.3]
    assert "Q1 2031" in result["answer"] and "No figure found" not in result["answer"]


def test_a_run_of_quarters_is_every_quarter_between_its_ends(warehouse):
    result = ask("sykefravær Nordvik fra 3. kvartal 2030 til 1. kvartal 2031", warehouse=warehouse)
    assert result["status"] == "ok", result["answer"]
    assert _values(result) == [4.7, 6.5, 7.3]


def test_the_change_from_one_quarter_to_the_same_quarter_a_year_later(warehouse):
    result = ask("Hvordan endret sykefraværet i Nordvik seg fra 2. kvartal 2030 til 2. kvartal 2031?", warehouse=warehouse)
    assert result["status"] == "ok", result["answer"]
    assert _values(result) == [5.4, 6.2]
    change = result["columns"].index("change_from_previous")
    assert [round(r[change], 1) for r in result["rows"] if r[change] is not None] == [0.8]


@pytest.mark.parametrize("question, named", [("sykefravær Nordvik 3. kvartal 2031", "Q3 2031"),
                                             ("sykefravær Nordvik 1. tertial 2031", "1. tertial")])
def test_a_period_not_reported_is_refused_with_the_period_named(warehouse, question, named):
    result = ask(question, warehouse=warehouse)
    assert result["status"] != "ok" or not result["rows"], result["answer"]
    assert named in result["answer"]


def test_a_whole_year_is_never_answered_with_a_quarter(warehouse):
    year = ask("sykefravær Nordvik 2030", warehouse=warehouse)
    assert year["status"] == "ok" and _values(year) == [5.7], year["answer"]
    only_quarters = ask("sykefravær Nordvik 2031", warehouse=warehouse, engine="planner")
    assert only_quarters["status"] != "ok", only_quarters["answer"]
    assert "2031 Q1" in only_quarters["answer"]  # what is held instead is named with its period


def test_a_tertial_nynorsk(warehouse):
    result = ask("Kva var sjukefråværet i Nordfjell i 2. tertial 2031?", warehouse=warehouse)
    assert result["status"] == "ok", result["answer"]
    assert _values(result) == [5.8]


def test_a_quarter_stated_in_a_swedish_sentence(warehouse):
    result = ask("sjukfrånvaro Sörby första kvartalet 2031", warehouse=warehouse)
    assert result["status"] == "ok", result["answer"]
    assert _values(result) == [8.4]
    other = ask("sjukfrånvaro Sörby andra kvartalet 2031", warehouse=warehouse)
    assert other["status"] != "ok" or 8.4 not in _values(other), other["answer"]
