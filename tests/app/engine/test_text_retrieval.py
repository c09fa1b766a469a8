"""A figure no governed measure, account line or table row covers, stated in a sentence of the report text ("Folketalet
var ved utgangen av året på … personar", "Det er avholdt … styremøter", "Vi investerte … for … mill. kroner"): the
sentence the question's words name, for the organisation and year asked, the figure that belongs to the matched words
(app.engine.families.retrieve, after app.engine.families.label_search), quoted with its page and labelled as not a
governed measure. A year the report does not state, an organisation not loaded and a figure the text does not state
are still refused. Invented reports in nynorsk and bokmål, questions in nynorsk, bokmål and English, refreshed through
the real flow (reader, dbt marts, engine)."""
from __future__ import annotations

import pytest

from app.engine.engine import ask
from app.engine.families import retrieve
from tests.app.engine.conftest import row_values

REPORTS = {
    "sorvik_kommune_arsmelding_2033.txt": (
        "Sørvik kommune\nÅrsmelding 2033\n\nRådmannen si vurdering\n\n"
        "Folketalet var ved utgangen av året på 21.406 personar, ein auke på 312 tilsvarande 1,5 %.\n"
        "Det er avholdt 12 styremøter og eitt strategiseminar i 2033.\n"
        "Vi investerte foruten finanstransaksjoner for 318 mill. kroner i 2033.\n"),
    "nordfylke_fylkeskommune_arsrapport_2033.txt": (
        "Nordfylke fylkeskommune\nÅrsrapport 2033\n\nOpplæring\n\n"
        "Fylket leverte 1 275 nye fagarbeidere i 2033, flere enn året før.\n"),
}


@pytest.fixture(scope="module")
def warehouse(warehouse_over_reports):
    return warehouse_over_reports(REPORTS, "retrieval")



@pytest.mark.parametrize(("question", "value"), [
    ("Kor mange innbyggjarar hadde Sørvik ved utgangen av 2033?", 21406),
    ("Hvor mange innbyggere hadde Sørvik kommune ved utgangen av 2033?", 21406),
    ("How many inhabitants did Sørvik have at the end of 2033?", 21406),
    ("How many board meetings did Sørvik kommune hold in 2033?", 12),
    ("How much did Sørvik invest in 2033, excluding financial transactions?", 318e6),
    ("How many new skilled workers did Nordfylke fylkeskommune deliver in 2033?", 1275),
])
def test_the_figure_of_the_sentence_the_words_name_is_answered_with_its_quote(warehouse, question, value):
    result = ask(question, warehouse=warehouse)
    assert result["status"] == "ok", result["answer"]
    assert row_values(result)[:1] == [value], result["answer"]
    # the figure the matched words own first, never the percent of the same sentence
    assert 1.5 not in row_values(result)
    assert "not a governed measure" in result["answer"] or "ikkje eit styrt mål" in result["answer"] or (
        "ikke et styrt mål" in result["answer"])
    assert ".txt" in result["answer"] and ("page" in result["answer"] or "side" in result["answer"])


@pytest.mark.parametrize("question", [
    "Kor mange innbyggjarar hadde Sørvik ved utgangen av 2031?",      # a year the report does not state
    "How many board meetings did Sørvik kommune hold in 2030?",
    "How many board meetings did Vestvik kommune hold in 2033?",      # an organisation not loaded
    "How many nursing home places did Sørvik kommune have in 2033?",  # a figure the text does not state
    "How many apprentices did Nordfylke fylkeskommune have in 2033?",
])
def test_a_year_organisation_or_figure_the_text_does_not_state_is_refused(warehouse, question):
    result = ask(question, warehouse=warehouse)
    assert result["status"] != "ok", result["answer"]
    assert result.get("family") != retrieve.NAME


def test_a_count_never_reads_the_percent_or_the_amount_of_its_sentence():
    from app.engine.asked_unit import AMOUNT
    from app.engine.families.base import Question

    q = Question.parse("Hvor mange innbyggere hadde Sørvik?", "nb")
    assert retrieve._kind_asked(q) == "count"
    assert retrieve._fits("count", "count") and retrieve._fits("count", None)
    assert not retrieve._fits("count", "pct") and not retrieve._fits("count", "nok")
    assert retrieve._kind_asked(Question.parse("Hvor mange kroner brukte Sørvik?", "nb")) == AMOUNT
