"""A line's total from the accounts gives way to a sentence of the report that holds more of the question's words
(invented report refreshed into a real warehouse): "netto driftsresultat for de kommunale foretakene" is the figure the
report states for the enterprises, not the municipality's net operating result; "mindreforbruk" the stated accounting
surplus, not the net operating result. A question whose words the line holds keeps the line's total, and a word no
sentence holds is never answered with a sentence's figure of another thing. Places compared whose figures the text
states in sentences of their own are each answered from their own sentence."""
from __future__ import annotations

import re

import pytest

from app.engine.engine import QuestionEngine

REPORTS = {
    "solvik_arsmelding_2031.txt": (
        "Solvik kommune\nÅrsmelding 2031\n\n"
        "Økonomi\n\n"
        "Netto driftsresultat ble på kr 18,5 millioner i 2031 som utgjør 2,9 prosent av kommunens driftsinntekter.\n"
        "Samlet hadde de kommunale foretakene et netto driftsresultat på kr 2,3 millioner.\n"
        "Rekneskapsmessig mindreforbruk var på kroner 1.234.567.\n"
        "Investeringene var 40 millioner kroner i 2031.\n"),
    "nordfjell_brannvesen_nyhet_2031.txt": (
        "Nordfjell brannvesen\nTravelt år for brannvesenet\n\n"
        "Brannvesenet rykket ut 1 204 ganger i 2031. Solby står for størstedelen av utrykningene med 812 utrykninger. "
        "Vestby hadde færrest med 14 utrykninger.\n"),
}


@pytest.fixture(scope="module")
def engine(warehouse_over_reports) -> QuestionEngine:
    return QuestionEngine(warehouse_over_reports(REPORTS, "words_held_over_account_line"))


def _answer(engine: QuestionEngine, question: str) -> tuple[str, str]:
    result = engine.ask(question)
    # figures without their thousands separators (" ", "\xa0", ","), to be read in either language
    return result["status"], re.sub(r"(?<=\d)[\s,](?=\d{3}\b)", "", result["answer"])


@pytest.mark.parametrize("question", [
    "Netto driftsresultat for de kommunale foretakene i Solvik 2031",
    "Net operating result of Solvik's municipal enterprises in 2031",
])
def test_the_sentence_holding_the_words_the_line_leaves_out_answers(engine, question):
    status, answer = _answer(engine, question)
    assert status == "ok", answer
    assert "2300000" in answer and "18500000" not in answer, answer


def test_the_stated_surplus_answers_the_surplus_not_the_net_operating_result(engine):
    status, answer = _answer(engine, "What was Solvik's accounting surplus (mindreforbruk) in 2031?")
    assert status == "ok", answer
    assert "1234567" in answer and "18500000" not in answer, answer


def test_a_question_the_line_holds_keeps_the_lines_total(engine):
    status, answer = _answer(engine, "Netto driftsresultat Solvik 2031")
    assert status == "ok", answer
    assert "18500000" in answer and "2300000" not in answer, answer


def test_places_compared_are_each_answered_from_their_own_sentence(engine):
    status, answer = _answer(engine, "Nordfjell brannvesen 2031 utrykninger: Solby sammenlignet med Vestby")
    assert status == "ok", answer
    assert "812" in answer and "14 utrykninger" in answer, answer


def test_a_place_no_sentence_names_gets_no_other_places_figure(engine):
    status, answer = _answer(engine, "Nordfjell brannvesen 2031 utrykninger: Solby sammenlignet med Nordby")
    assert "14 utrykninger" not in answer, answer
