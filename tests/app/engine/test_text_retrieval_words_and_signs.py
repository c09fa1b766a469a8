"""Retrieval over the report text (app.engine.families.retrieve) with counts written as words and figures the sentence
calls a shortfall: "tre stasjonar", "ti styremøter", "tolv eigarkommunar", "three stations", "twelve board meetings" are
read as counts (flows.reports.number_words, read by the prose reader, so every family sees them), never "tre gonger"
or "two thirds"; "Underskotet vart 4,6 millionar", "et underskudd på 2 mill. kr", "negativt netto driftsresultat på
18 millionar" are answered with the word and the sign the sentence gives, a surplus stated after a deficit stays a
surplus. Invented reports in nynorsk, bokmål and English, refreshed through the real flow (reader, dbt marts, engine)."""
from __future__ import annotations

import pytest

from app.engine.engine import ask
from app.engine.families import retrieve
from tests.app.engine.conftest import row_values

REPORTS = {
    "austvik_kommune_arsmelding_2033.txt": (
        "Austvik kommune\nÅrsmelding 2033\n\nBrann og redning\n\n"
        "Brannvesenet har tre stasjonar og rykte ut fleire gonger enn året før.\n"
        "Selskapet er eigd av tolv eigarkommunar, og representantskapet heldt to ordinære møte i 2033.\n\n"
        "Vatn og avløp\n\n"
        "Gebyrinntektene på vatn dekka ikkje utgiftene i 2033. Underskotet på vassgebyra vart 4,6 millionar kroner.\n"
        "Hamnekassa fekk eit underskot på 1,2 millionar kroner i 2033, mot eit overskot på 3 millionar kroner i 2032.\n"),
    "nordvik_brann_og_redning_iks_arsrapport_2033.txt": (
        "Nordvik brann og redning IKS\nAnnual report 2033\n\nGovernance\n\n"
        "The board held twelve board meetings in 2033.\nThe company runs five fire stations in the region.\n"
        "The number of call-outs was three times higher than ten years ago.\n"),
}


@pytest.fixture(scope="module")
def warehouse(warehouse_over_reports):
    return warehouse_over_reports(REPORTS, "retrieval_words")



@pytest.mark.parametrize(("question", "value"), [
    ("Kor mange stasjonar har brannvesenet i Austvik kommune i 2033?", 3),
    ("Kor mange eigarkommunar har Austvik kommune sitt selskap i 2033?", 12),
    ("How many board meetings did Nordvik brann og redning IKS hold in 2033?", 12),
    ("How many fire stations does Nordvik brann og redning IKS run in 2033?", 5),
])
def test_a_count_written_as_a_word_is_answered_from_its_sentence(warehouse, question, value):
    result = ask(question, warehouse=warehouse)
    assert result["status"] == "ok", result["answer"]
    assert row_values(result)[:1] == [value], result["answer"]
    assert ".txt" in result["answer"]


def test_a_deficit_asked_is_answered_as_its_size_with_the_word(warehouse):
    result = ask("Kor stort vart underskotet på vassgebyra i Austvik kommune i 2033?", warehouse=warehouse)
    assert result["status"] == "ok", result["answer"]
    assert row_values(result)[:1] == [4.6e6], result["answer"]
    assert "underskot" in result["answer"].lower()


def test_a_deficit_stated_with_a_surplus_keeps_each_sign_and_says_the_word(warehouse):
    result = ask("Kva var resultatet til hamnekassa i Austvik kommune i 2033?", warehouse=warehouse)
    assert result["status"] == "ok", result["answer"]
    assert row_values(result)[:1] == [-1.2e6], result["answer"]
    assert "underskot" in result["answer"].lower()
    result = ask("Kva var resultatet til hamnekassa i Austvik kommune i 2032?", warehouse=warehouse)
    assert result["status"] != "ok" or 3e6 in row_values(result) and -3e6 not in row_values(result), result["answer"]


@pytest.mark.parametrize("question", [
    "How many ambulances did Nordvik brann og redning IKS have in 2033?",     # a figure the text does not state
    "How many board meetings did Nordvik brann og redning IKS hold in 2030?",  # a year the text does not state
    "How many times higher were call-outs in Nordvik brann og redning IKS in 2033?",  # "three times": no count
])
def test_what_the_text_does_not_state_as_a_count_is_refused(warehouse, question):
    result = ask(question, warehouse=warehouse)
    assert result.get("family") != retrieve.NAME or result["status"] != "ok" or 3 not in row_values(result), result["answer"]
    if "ambulances" in question or "2030" in question:
        assert result["status"] != "ok", result["answer"]


def test_number_words_are_one_home_and_the_reader_reads_them_before_a_noun_only():
    from flows.reports import number_words
    from flows.reports.prose import _read_sentence

    assert number_words.value("tolv") == 12 and number_words.value("twelve") == 12 and number_words.value("tjuge") == 20
    assert number_words.value("en") is None and number_words.value("one") is None  # articles first

    def read(text):
        return [(f.value, f.unit) for f in _read_sentence(text, 1, 1, 2033, None, None)]

    assert read("Brannvesenet har tre stasjoner i kommunen.") == [(3.0, "count")]
    assert read("The company runs three stations and held twelve board meetings.") == [(3.0, "count"), (12.0, "count")]
    assert read("Det er tre ganger så mange som i fjor.") == []
    assert read("Two thirds of the staff work in health.") == []
    assert read("Kommunen har en del ansatte og ett par biler.") == []
    # a Norwegian number word in an English sentence is an English word ("the fire service"), and the reverse
    assert read("The fire service had ti stations.") == []


@pytest.mark.parametrize(("text", "value"), [
    ("Underskuddet var 2 mill. kr i 2033.", -2e6),
    ("Underskotet vart 3,4 millionar kroner.", -3.4e6),
    ("Underskottet uppgick till 12 mnkr.", -12e6),
    ("The deficit amounted to NOK 2.1 million.", -2.1e6),
    ("Kommunen fikk et driftsunderskudd på 4 mill. kr.", -4e6),
    ("Driftsresultatet ble negativt, 3,2 mill. kr.", -3.2e6),
    ("Kommunen fekk eit negativt netto driftsresultat på 18 millionar.", -18e6),
])
def test_a_figure_the_sentence_calls_a_deficit_is_read_negative(text, value):
    from flows.reports.prose import _read_sentence

    assert [f.value for f in _read_sentence(text, 1, 1, 2033, None, None) if f.unit == "nok"] == [value]


def test_a_surplus_after_a_deficit_is_no_deficit():
    from flows.reports.prose import _read_sentence

    found = _read_sentence("Årsresultatet var et underskudd på 1,2 millioner kroner, mot et overskudd på 3 millioner "
                           "året før.", 1, 1, 2033, None, None)
    assert sorted(f.value for f in found if f.unit == "nok") == [-1.2e6, 3e6]
