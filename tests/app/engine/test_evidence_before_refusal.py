"""Before any path refuses, the report's own sentences and table cells of the organisation and period asked are
searched (app.engine.evidence): a figure the report states is answered, said plainly as read from the report's text or
table (document, page), not a governed measure. A name the data does not hold, a quarter the text does not state on its
own, or a unit inside an organisation is still refused, never answered with a nearby figure. The wording check knows the
Scandinavian spellings the search folds alike. Invented reports, refreshed through the real flow."""
from __future__ import annotations

import pytest

from app.engine.engine import ask
from app.engine.evidence import name_candidates, names_printed, parts_fit
from app.engine.honest import _said, data_knows
from app.engine.periods import find_period
from app.engine.wordforms import stem
from tests.app.engine.conftest import row_values

REPORTS = {
    "storvik_kommune_regnskap_2031.txt": (
        "Storvik kommune\nÅrsregnskap 2031\n\nØkonomi\n\n"
        "Det resterende merforbruket fra tidligere år på 3,1 millioner kroner er inndekket i sin helhet, og det er i "
        "tillegg avsatt 12,5 millioner kroner til disposisjonsfond i 2031.\n"
        "\nNærvær\n\nSykefraværet i Storvik kommune var 6,4 prosent i 2031.\n"
        "\nSkole\n\nKommunen hadde 1 312 elever i grunnskolen i 2031.\n"
        "\nBarnehage\n\nDet gikk 604 barn i barnehage i 2031.\n"
        "\nInvesteringer\n\nNye investeringer utgjorde 88,2 millioner kroner i 2031.\n"
        "\nAnlegg\n\nKassefinansierte anlegg utgjorde 40,1 millioner kroner i 2031.\n"),
    "lunde_kommune_kvartalsrapport_2031.txt": (
        "Lunde kommune\nKvartalsrapport 2031\n\nNærvær\n\n"
        "I 2. kvartal 2031 var det legemeldte sykefraværet på 7,9 prosent i Lunde kommune.\n"),
}


@pytest.fixture(scope="module")
def warehouse(warehouse_over_reports):
    return warehouse_over_reports(REPORTS, "evidence_before_refusal")


def test_a_sentence_the_report_states_answers_instead_of_a_refusal(warehouse):
    result = ask("How much did Storvik put aside in reserves in 2031?", warehouse=warehouse)
    assert result["status"] == "ok", result["answer"]
    assert row_values(result)[:1] == [12.5e6], result["answer"]
    # said plainly: read from the report's text, where, and not a governed measure
    assert "No governed measure holds this figure" in result["answer"], result["answer"]
    assert "storvik_kommune_regnskap_2031.txt" in result["answer"], result["answer"]


def test_an_organisation_the_data_does_not_hold_is_refused(warehouse):
    result = ask("How much did Vestby put aside in reserves in 2031?", warehouse=warehouse)
    assert result["status"] != "ok", result["answer"]
    assert 12.5e6 not in row_values(result), result["answer"]


def test_a_quarter_the_text_does_not_state_is_refused(warehouse):
    result = ask("Hva var det legemeldte sykefraværet i Lunde kommune i 3. kvartal 2031?", warehouse=warehouse)
    assert result["status"] != "ok", result["answer"]
    assert 7.9 not in row_values(result), result["answer"]


def test_a_year_the_report_does_not_cover_is_refused(warehouse):
    result = ask("How much did Storvik put aside in reserves in 2029?", warehouse=warehouse)
    assert result["status"] != "ok", result["answer"]
    # one year's figure of a run asked is no answer to the run
    result = ask("How much did Storvik put aside in reserves in total from 2027 to 2031?", warehouse=warehouse)
    assert result["status"] != "ok", result["answer"]


def test_the_part_of_a_year_must_be_the_only_one_the_evidence_writes():
    asked = find_period("i 3. kvartal 2031")
    assert parts_fit(asked, "I 3. kvartal var sykefraværet 8,1 prosent")
    assert not parts_fit(asked, "I 2. kvartal var sykefraværet 7,9 prosent")
    # a table row printing every quarter in one line states none of them on its own
    assert not parts_fit(asked, "Sykefravær 1. kvartal 2. kvartal 3. kvartal 4. kvartal 9,6 9,9 8,4 9,1")
    assert parts_fit(find_period("i 2031"), "I 2. kvartal var sykefraværet 7,9 prosent")  # no part asked


def test_a_name_the_data_does_not_hold_must_be_printed_in_the_evidence():
    known = {"storvik", "kommun", "kommune"}
    names = name_candidates("Netto driftsresultat Vestby kommune 2031", known)
    assert names == ["Vestby"]
    assert not names_printed(names, "Storvik kommune Netto driftsresultat 2031")
    assert names_printed(["KS"], "ks sykefravaer kommunesektoren 2021.txt I 2. kvartal …")
    assert name_candidates("What was Storvik's result in 2031?", known) == []


def test_the_wording_check_reads_other_scandinavian_spellings():
    assert _said(stem("anlegg"), {stem("anlæg")})
    assert _said(stem("desember"), {stem("december")})
    assert not _said(stem("kassekreditt"), {stem("kassebeholdning")})


def test_the_data_knows_a_word_as_another_language_spells_it(warehouse):
    from app.engine.engine import QuestionEngine

    vocab = QuestionEngine(warehouse).vocab
    assert data_knows("anlegg", vocab)
    assert data_knows("anlæg", vocab)  # the Danish spelling of the word the report prints
    assert not data_knows("kassekreditt", vocab)
