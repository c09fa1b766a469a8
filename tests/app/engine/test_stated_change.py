"""A change asked of a figure whose report states the change where it states the figure gets the stated change beside
the level, labelled as the report's: «… til kr 81 230, en økning på kr 2 417 eller 3,1 %» answers "kor mykje auka …, og
kva enda ho på?" with all three figures; «viser 7,4 %, som er 0,8 prosentpoeng høyere sammenlignet med tilsvarende
kvartal» answers "hvor mange prosentpoeng høyere"; «… 212 millioner kroner. Dette er 41 millioner kroner lavere enn i
2030.» answers "og endring fra 2030". A figure against the budget is no change, and a question that asks no change gets
the level alone. Invented reports, refreshed through the real flow."""
from __future__ import annotations

import pytest

from app.engine.engine import ask

REPORTS = {
    "lundvik_kommune_arsrapport_2031.txt": (
        "Lundvik kommune\nÅrsrapport 2031\n\n"
        "Økonomi\n\n"
        "Kommunens netto driftsresultat for 2031 er på 14,2 mill kr eller 0,9 % av brutto driftsinntekter. "
        "Samtidig økte netto lånegjeld pr innbygger til kr 81 230, en økning på kr 2 417 eller 3,1 % i 2031. "
        "Av total rentebærende lånegjeld utgjør ikke-rentabel gjeld ca. 58 %.\n\n"
        "Driftsresultat\n\n"
        "I 2031 ble brutto driftsresultat for Lundvik kommune 212 millioner kroner. "
        "Dette er 41 millioner kroner lavere enn i 2030.\n\n"
        "Skatt\n\n"
        "Skatteinntektene i Lundvik blei 512 millionar i 2031, om lag 9 millionar meir enn budsjettert.\n"),
    "lundvik_kommune_naervaer_2031_2kvartal.txt": (
        "Lundvik kommune\nNærvær 2. kvartal 2031\n\n"
        "Samlet nærværsprosent for 2. kvartal 2031 er på 92,6 %. Dette tilsvarer en samlet sykefraværsprosent på 7,4 %. "
        "Sykefraværet for 2. kvartal 2031 viser 7,4 %, som er 0,8 pp (prosentpoeng) høyere sammenlignet med tilsvarende "
        "kvartal i 2030.\n"),
}


@pytest.fixture(scope="module")
def warehouse(warehouse_over_reports):
    return warehouse_over_reports(REPORTS, "stated_change")


def numbers(result: dict) -> set[float]:
    skip = {"year", "value_year", "quarter", "page", "line"}
    return {round(float(v), 4) for r in result["rows"] for c, v in zip(result["columns"], r)
            if c not in skip and isinstance(v, (int, float)) and not isinstance(v, bool)}


@pytest.mark.parametrize(("question", "expected"), [
    ("Kor mykje auka netto lånegjeld per innbyggjar i Lundvik i 2031, og kva enda ho på?", {81_230, 2_417, 3.1}),
    ("Hvor mange prosentpoeng høyere var sykefraværet i Lundvik kommune i 2. kvartal 2031 enn i samme kvartal året "
     "før?", {7.4, 0.8}),
    ("brutto driftsresultat Lundvik 2031 og endring fra 2030", {212_000_000, 41_000_000}),
    # a change asked by a comparative of quality ("svakere", "svakare") or a verb of it ("improve", "weaken")
    ("Hvor mye svakere var brutto driftsresultat i Lundvik i 2031 enn i 2030?", {212_000_000, 41_000_000}),
    ("Kor mykje svakare var brutto driftsresultatet i Lundvik i 2031 enn i 2030?", {212_000_000, 41_000_000}),
    ("By how much did the gross operating result of Lundvik weaken from 2030 to 2031?", {212_000_000, 41_000_000}),
    # a fall asked in English ("fall", "drop", "decline")
    ("By how much did Lundvik's gross operating result fall from 2030 to 2031?", {212_000_000, 41_000_000}),
    ("How much did the gross operating result of Lundvik drop in 2031?", {212_000_000, 41_000_000}),
])
def test_the_change_the_report_states_is_given_with_the_level(warehouse, question, expected):
    result = ask(question, warehouse=warehouse)
    assert result["status"] == "ok", result["answer"]
    assert expected <= numbers(result), result["answer"]


def test_a_figure_against_the_budget_is_no_change(warehouse):
    result = ask("Kor mykje auka skatteinntektene i Lundvik i 2031?", warehouse=warehouse)
    assert 9_000_000 not in numbers(result), result["answer"]


def test_no_change_asked_no_change_added(warehouse):
    result = ask("Hva var netto lånegjeld per innbygger i Lundvik kommune i 2031?", warehouse=warehouse)
    assert result["status"] == "ok", result["answer"]
    assert numbers(result) == {81_230}, result["answer"]
