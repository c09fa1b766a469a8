"""The measure and the body a question names are the ones answered (invented reports refreshed into a real warehouse):
- a narrower measure's word before the broader one's ("det egenmeldte sykefraværet") asks the narrower measure only:
  a report without it is refused, never answered with the total or the doctor-certified rate beside it;
- a name that is an organisation of the loaded reports and also a row of another owner's table by county ("Nordvik",
  a county council, and the row "Nordvik" of an agency's sick-leave table) is the organisation, unless the question
  names that owner."""
from __future__ import annotations

import pytest

from app.engine.engine import QuestionEngine

REPORTS = {
    "solvik_kommune_sykefravaer_2031.txt": (
        "Solvik kommune\nSykefraværsrapport 2. kvartal 2031\n\n"
        "Sykefraværet i Solvik kommune var 7,3 prosent i 2. kvartal 2031. Det legemeldte sykefraværet var 6,4 prosent.\n"
        "Det publiseres ikke tall for egenmeldt fravær i denne rapporten.\n"),
    "arbeidsdirektoratet_legemeldt_sykefravaer_2029_2031.txt": (
        "# Source: Arbeidsdirektoratet (ADIR), statistikktabell «Legemeldt sykefravær i prosent 2029-2031. Totalt og "
        "fylke»\n=== Legemeldt sykefravær i prosent 2029-2031 ===\n"
        "Legemeldt sykefravær i prosent 2029-2031. Totalt og fylke.\n\n"
        "2029 2030 2031\nI alt 5,8 6,2 6,0\nNordvik 6,5 7,1 7,0\nSørdal 5,8 6,1 5,9\nVestby 5,6 5,7 5,6\n"),
    "nordvik_fylkeskommune_arsmelding_2031.txt": (
        "# Source: Nordvik fylkeskommune (Nordvik), Årsmelding 2031\n=== Årsmeldingen vitner om stor aktivitet ===\n"
        "Årsmeldingen vitner om stor aktivitet. Fylkestinget behandlet i saker og 22 interpellasjoner. "
        "Fylkesrådet behandlet 215 saker.\n\n"
        "Download \"Årsmeldingen vitner om stor aktivitet. Fylkestinget behandlet i 2031 88 saker og 22 "
        "interpellasjoner. Fylkesrådet behandlet 215 saker.\"\n\n1 Mars 2032\n\n"
        "2 I dette dokumentet fremlegges Nordvik fylkeskommunes årsmelding for 2031. Fylkestinget har ansvaret for "
        "viktig tjenesteproduksjon for innbyggerne i Nordvik.\n"),
}


@pytest.fixture(scope="module")
def engine(warehouse_over_reports) -> QuestionEngine:
    return QuestionEngine(warehouse_over_reports(REPORTS, "measure_and_owner"))


def _answer(engine: QuestionEngine, question: str) -> tuple[str, str]:
    result = engine.ask(question)
    return result["status"], result["answer"].replace("\xa0", " ")


@pytest.mark.parametrize("question", [
    "Hvor høyt var det egenmeldte sykefraværet i Solvik kommune i 2. kvartal 2031?",
    "Hvor høyt var det egenmeldte fraværet i Solvik kommune i 2. kvartal 2031?",
])
def test_a_narrower_measure_not_reported_is_refused_never_the_total(engine, question):
    status, answer = _answer(engine, question)
    assert status == "unanswerable", answer
    assert "7,3" not in answer and "6,4" not in answer, answer


def test_a_narrower_measure_reported_is_answered_alone(engine):
    status, answer = _answer(engine, "Hvor høyt var det legemeldte sykefraværet i Solvik kommune i 2. kvartal 2031?")
    assert status == "ok", answer
    assert "6,4 %" in answer and "7,3" not in answer, answer
    # the broader word after the narrower one is read as the narrower measure's name, never said to be unused
    status, answer = _answer(engine, "Hvor høyt var det legemeldte fraværet i Solvik kommune i 2. kvartal 2031?")
    assert status == "ok" and "6,4 %" in answer and "7,3" not in answer and "Ikke brukt" not in answer, answer
    status, answer = _answer(engine, "Hvor høyt var sykefraværet i Solvik kommune i 2. kvartal 2031?")
    assert status == "ok" and "7,3 %" in answer, answer


def test_the_organisation_named_wins_over_another_owners_row_of_the_same_name(engine):
    status, answer = _answer(engine, "Hvor mange saker behandlet fylkestinget i Nordvik i 2031?")
    assert status == "ok", answer
    assert "88" in answer and "215" not in answer, answer


def test_the_row_is_read_when_its_owner_is_named(engine):
    status, answer = _answer(engine, "Legemeldt sykefravær i Nordvik ifølge Arbeidsdirektoratet 2030")
    assert status == "ok", answer
    assert "7,1 %" in answer, answer
