"""A figure asked against its budget gets both sides, also when the report states them in two sentences: the outcome
("netto driftsresultat på 88 millioner kroner") and the budget ("Budsjettert resultat var 30 millioner kroner", or a
sentence right after that refers back: "Dette er langt over budsjettet som tilsa …"), of the same document and year,
never another year's or another organisation's figure; the figure asked alone gets no budget; a figure whose budget the
report does not state is answered with what it states, saying so; a year no report states stays unanswerable. Invented reports, refreshed through the real flow (reader, dbt marts, engine)."""
from __future__ import annotations

import pytest

from app.engine.engine import ask

REPORTS = {
    "solberg_kommune_arsmelding_2031.txt": (
        "Solberg kommune\nÅrsmelding 2031\n\nØkonomi\n\n"
        "Foreløpig regnskap viser at Solberg kommune hadde et netto driftsresultat på 88 millioner kroner i 2031.\n\n"
        "Skatteinngangen ble 412 millioner kroner.\n\n"
        "Budsjettert resultat var 30 millioner kroner.\n\n"
        "I 2030 hadde kommunen et netto driftsresultat på 61 millioner kroner.\n"),
    "lauvik_kommune_arsmelding_2031.txt": (
        "Lauvik kommune\nÅrsmelding 2031\n\nØkonomi\n\n"
        "Skatteinntektene er den største årsaka til at kommunen gjekk med eit netto driftsresultat på 13,4 millionar. "
        "Dette er også langt over budsjettet som tilsa eit overskot på 4,1 millionar.\n\n"
        "Budsjettert resultat for 2032 er 9 millionar.\n"),
}


@pytest.fixture(scope="module")
def warehouse(warehouse_over_reports):
    return warehouse_over_reports(REPORTS, "budget_counterpart")


def _values(result) -> set[float]:
    if "value" not in result["columns"]:
        return set()
    i = result["columns"].index("value")
    return {r[i] for r in result["rows"]}


@pytest.mark.parametrize(("question", "both"), [
    ("Netto driftsresultat Solberg kommune 2031 mot budsjett", {88_000_000, 30_000_000}),
    ("Solberg kommune: net operating result 2031 compared with the budget", {88_000_000, 30_000_000}),
    ("Netto driftsresultat i Lauvik kommune 2031 samanlikna med budsjettet", {13_400_000, 4_100_000}),
])
def test_the_outcome_and_its_budget_both_from_two_sentences(question, both, warehouse):
    result = ask(question, warehouse=warehouse, engine="planner")
    got = _values(result)
    assert both <= got, result["answer"]
    assert not got & {61_000_000, 9_000_000, 412_000_000}, result["answer"]  # never another year's or topic's figure


def test_the_outcome_asked_alone_gets_no_budget(warehouse):
    result = ask("Netto driftsresultat Solberg kommune 2031", warehouse=warehouse, engine="planner")
    assert 30_000_000 not in _values(result), result["answer"]


def test_an_outcome_with_no_budget_stated_says_so_and_borrows_no_other_budget(warehouse):
    result = ask("Skatteinngangen Solberg kommune 2031 mot budsjett", warehouse=warehouse, engine="planner")
    assert _values(result) == {412_000_000}, result["answer"]
    assert "ikke noe budsjett" in result["answer"], result["answer"]


def test_a_year_no_report_states_stays_unanswerable(warehouse):
    result = ask("Netto driftsresultat Solberg kommune 2027 mot budsjett", warehouse=warehouse, engine="planner")
    assert result["status"] == "unanswerable" and not result["rows"], result["answer"]
