"""A question asking for two figures shows a figure for each ask, wherever each is stated (two sentences of the report
text, a sentence and a table row), or names the ask it could not answer (app.engine.asks, QuestionEngine._by_parts):
never the best-covered sentence of one ask alone. Invented reports in nynorsk and bokmål, questions in nynorsk,
bokmål and English, refreshed through the real flow (reader, dbt marts, engine)."""
from __future__ import annotations

import pytest

from app.engine.engine import ask

REPORTS = {
    "nordvik_kommune_arsmelding_2031.txt": (
        "Nordvik kommune\nÅrsmelding 2031\n\nØkonomi\n\n"
        "Kommunen har per 31.12.2031 kr 612 millionar i langsiktig lånegjeld, og dette tilsvarer 104% av inntektene.\n"
        "Netto driftsresultat vart 14,2 mill. kr i 2031, betre enn budsjettert.\n"
        "Resultatgraden, netto driftsresultat i prosent av driftsinntektene, var 2,3 % i 2031.\n"
        "Lånegjelda utgjer kr 91 240 pr. innbyggar, gjennomsnittet for landet er kr 80 110.\n"
        "Ved utgangen av året var 61% av den langsiktige lånegjelda sikra med fastrente.\n\n"
        "Tenester\n\n"
        "Kommunen hadde 9 barnehagar med plass til 640 barn i 2031.\n"
        "Heimetenesta utførte 41 500 besøk i 2031.\n"),
}


@pytest.fixture(scope="module")
def warehouse(warehouse_over_reports):
    return warehouse_over_reports(REPORTS, "asks")


def _values(result) -> set[float]:
    columns = result["columns"]
    return {r[i] for r in result["rows"] for i, c in enumerate(columns) if c in ("value", "amount_nok", "stated")
            and isinstance(r[i], (int, float))}


@pytest.mark.parametrize("question", [
    "Kva var lånegjelda i Nordvik i 2031, og kor mykje var det per innbyggar?",
    "Hvor stor var lånegjelden i Nordvik i 2031, og hvor mye var det per innbygger?",
    "What was Nordvik's long-term debt in 2031, and how much was that per inhabitant?",
])
def test_two_asks_stated_in_two_sentences_show_both_figures(warehouse, question):
    result = ask(question, warehouse=warehouse)
    assert result["status"] == "ok", result["answer"]
    values = _values(result)
    assert 612e6 in values and 91240 in values, result["answer"]
    assert not result.get("unanswered")
    # each figure keeps the sentence it was read from
    excerpts = " ".join(str(s.get("excerpt") or "") for s in result["sources"]) + " ".join(
        str(c) for r in result["rows"] for c in r)
    assert "612 millionar" in excerpts and "91 240 pr. innbyggar" in excerpts


@pytest.mark.parametrize("question", [
    "Netto driftsresultat og netto driftsresultat i prosent av driftsinntektene Nordvik 2031",
    "Kva var netto driftsresultat i Nordvik i 2031, og kor stor del av driftsinntektene utgjorde det?",
])
def test_a_measure_and_the_same_measure_in_percent_show_both(warehouse, question):
    result = ask(question, warehouse=warehouse)
    assert result["status"] == "ok", result["answer"]
    values = _values(result)
    assert 14.2e6 in values and 2.3 in values, result["answer"]


def test_one_ask_the_data_cannot_answer_is_named_not_dropped(warehouse):
    question = "Kva var lånegjelda i Nordvik i 2031, og kor mange sjukeheimsplassar hadde kommunen?"
    result = ask(question, warehouse=warehouse)
    assert result["status"] == "ok", result["answer"]
    assert 612e6 in _values(result)
    assert len(result["unanswered"]) == 1 and "sjukeheimsplassar" in result["unanswered"][0]
    assert "sjukeheimsplassar" in result["answer"]


def test_a_figure_of_another_unit_does_not_answer_an_ask_per_inhabitant(warehouse):
    # "per innbyggar" asks a figure per inhabitant: the percent of the debt's sentence is no answer to it
    question = "Kva var lånegjelda i Nordvik i 2031, og kor mykje var det per innbyggar?"
    result = ask(question, warehouse=warehouse)
    columns = result["columns"]
    per_capita = [r for r in result["rows"] if r[columns.index("unit")] == "nok_per_capita"]
    assert [r[columns.index("value")] for r in per_capita] == [91240]


# --- which ask an answer answers (app.engine.asks), answers as the engine gives them ------------------------------

def _prose(*rows):
    """A prose answer: (value, unit, sentence) per row."""
    return {"status": "ok", "family": "prose_figure", "columns": ["organisation", "year", "value", "unit", "sentence"],
            "rows": [["Nordvik kommune", 2031, v, u, s] for v, u, s in rows], "sources": []}


def test_an_ask_is_answered_by_a_row_that_says_its_own_words_in_the_unit_it_names():
    from app.engine import asks

    split = ["Kva var lånegjelda i Nordvik i 2031?", "kor mykje var «lånegjelda» per innbyggar (2031, Nordvik)?"]
    said = asks.ask_words(split, "nn", {"nordvik"})
    assert [[w.word for w in ws] for ws, _, _ in said] == [["lånegjelda"], ["innbyggar"]]
    assert [own for _, _, own in said] == [False, True]  # the first ask's words are all in the second
    kinds = [asks.kind_of_ask(p) for p in split]
    assert kinds == [None, asks.PER_CAPITA]
    debt = (612e6, "nok", "Kommunen har kr 612 millionar i langsiktig lånegjeld.")
    per_head = (91240, "nok_per_capita", "Lånegjelda utgjer kr 91 240 pr. innbyggar, landet kr 80 110.")
    national = (80110, "nok", "Lånegjelda utgjer kr 91 240 pr. innbyggar, landet kr 80 110.")
    others = said[1][0]
    # the debt's own sentence answers the first ask; the sentence of the debt per inhabitant does not, not even by its
    # figure in kroner (the national average it prints beside it)
    assert asks.answers_ask(_prose(debt), said[0][0], kinds[0], others=others)
    assert not asks.answers_ask(_prose(per_head, national), said[0][0], kinds[0], others=others)
    # the second ask needs its own word and a figure per inhabitant
    assert asks.answers_ask(_prose(per_head), said[1][0], kinds[1])
    assert not asks.answers_ask(_prose((104, "pct", "Lånegjelda utgjer 104 % av inntektene per innbyggar.")),
                                said[1][0], kinds[1])
    assert not asks.answers_ask(_prose(debt), said[1][0], kinds[1])


def test_english_asks_are_found_in_norwegian_sentences():
    from app.engine import asks

    split = ["What was Nordvik's long-term debt in 2031?", "how much was «debt» per inhabitant (2031, Nordvik)?"]
    said = asks.ask_words(split, "en", {"nordvik"})
    row = (91240, "nok_per_capita", "Lånegjelda utgjer kr 91 240 pr. innbyggar.")
    assert asks.answers_ask(_prose(row), said[1][0], asks.kind_of_ask(split[1]))


def test_a_referent_of_several_words_is_tried_by_its_head():
    from app.engine.parts import broader_referent

    assert broader_referent("how much was «long-term debt» per inhabitant (2031)?") == \
        "how much was «debt» per inhabitant (2031)?"
    assert broader_referent("kor mykje var «langsiktig lånegjeld» per innbyggar?") == \
        "kor mykje var «lånegjeld» per innbyggar?"
    assert broader_referent("kor mykje var «lånegjelda» per innbyggar?") is None
    assert broader_referent("kor mange årsverk var det?") is None


def test_one_sentence_with_both_figures_answers_each_ask_with_the_figure_in_its_unit():
    from app.engine import asks

    split = ["How much long-term debt did Nordvik have in 2031?", "what share of income was that (2031, Nordvik)?"]
    said = asks.ask_words(split, "en", {"nordvik"})
    kinds = [asks.kind_of_ask(p) for p in split]
    assert kinds == [None, asks.PERCENT]
    text = "Kommunen har kr 612 millionar i langsiktig lånegjeld, og dette tilsvarer 104% av inntektene."
    share, debt = _prose((104, "pct", text)), _prose((612e6, "nok", text))
    # the percent is the share asked by the second ask, never the debt asked by the first
    assert not asks.answers_ask(share, said[0][0], kinds[0], other_kinds=(kinds[1],))
    assert asks.answers_ask(debt, said[0][0], kinds[0], other_kinds=(kinds[1],))
    assert asks.answers_ask(share, said[1][0], kinds[1], other_kinds=(kinds[0],))
    assert not asks.answers_ask(debt, said[1][0], kinds[1], other_kinds=(kinds[0],))
