"""A sentence that goes on from the one before it ("Inntektene fra slamtømming dekket ikke utgiftene i 2033.
Underskuddet ble 3,2 mill. kr.") is found by the words it leaves to that one: the reader keeps the heading above and
the sentence before as the figure's context (fct_report_prose_figure.context), retrieval weighs words found there at
half, and a governed reading that cannot use a narrowing word of the question ("underskuddet på slamtømmingen") gives way
to the sentence that holds it — quoted with the sentence before it. A narrowing word no sentence holds is still
refused, never answered with the nearby figure. Invented reports, refreshed through the real flow."""
from __future__ import annotations

import duckdb
import pytest

from app.engine.engine import ask
from app.engine.families import retrieve
from tests.app.engine.conftest import row_values

REPORTS = {
    "fjellstrand_kommune_arsmelding_2033.txt": (
        "Fjellstrand kommune\nÅrsmelding 2033\n\nØkonomi\n\n"
        "Netto driftsresultat ble 12,4 mill. kr i 2033.\n"
        "Inntektene fra slamtømming dekket ikke utgiftene i 2033, og kommunen må dekke inn\n"
        "dette over de neste årene. Underskuddet ble 3,2 mill. kr, og det dekkes inn av fondet.\n"
        "Renovasjon gikk i balanse.\n\n"
        "Bibliotek\n\n"
        "Biblioteket hadde 41 200 besøk i 2033.\n"),
}


@pytest.fixture(scope="module")
def warehouse(warehouse_over_reports):
    return warehouse_over_reports(REPORTS, "retrieval_context")


def test_the_reader_keeps_the_heading_and_the_sentence_before(warehouse):
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        rows = dict(con.execute("select text, context from fct_report_prose_figure").fetchall())
    finally:
        con.close()
    assert rows["Underskuddet ble 3,2 mill. kr, og det dekkes inn av fondet."] == (
        "Økonomi | Inntektene fra slamtømming dekket ikke utgiftene i 2033, og kommunen må dekke inn dette over de "
        "neste årene.")
    # the short line above is what it goes on from, never the last sentence before that line
    assert rows["Biblioteket hadde 41 200 besøk i 2033."].endswith("Bibliotek")
    assert "Renovasjon" not in rows["Biblioteket hadde 41 200 besøk i 2033."]


def test_a_sentence_is_found_by_the_words_of_the_one_before(warehouse):
    result = ask("Hvor stort ble underskuddet på slamtømmingen i Fjellstrand kommune i 2033?", warehouse=warehouse)
    assert result["status"] == "ok", result["answer"]
    assert result.get("family") == retrieve.NAME, result["answer"]
    assert row_values(result)[:1] == [3.2e6], result["answer"]
    assert "Inntektene fra slamtømming" in result["answer"]  # the quote shows what it goes on from


def test_a_narrowing_word_no_sentence_holds_is_not_answered_with_the_nearby_figure(warehouse):
    result = ask("Hvor stort ble underskuddet på parkeringsavgiftene i Fjellstrand kommune i 2033?",
                 warehouse=warehouse)
    assert 3.2e6 not in row_values(result) and -3.2e6 not in row_values(result), result["answer"]
    assert "3,2" not in result["answer"].split("tallet jeg fant")[0], result["answer"]


def test_a_sum_of_money_asked_is_never_a_bare_count(warehouse):
    result = ask("Hva var budsjettet til biblioteket i Fjellstrand kommune i 2033?", warehouse=warehouse)
    assert 41200 not in row_values(result), result["answer"]
    assert retrieve._kind_asked(retrieve.Question.parse("What was the library's budget in 2033?", "en")) == "money"
