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
        "Netto driftsresultat vart 14,2 mill. kr, og disposisjonsfondet auka til 88 mill. kr.\n"
        "Lånegjelda utgjer kr 91 240 pr. innbyggar, gjennomsnittet for landet er kr 80 110.\n"
        "Ved utgangen av året var 61% av den langsiktige lånegjelda sikra med fastrente.\n\n"
        "Tenester\n\n"
        "Kommunen hadde 9 barnehagar med plass til 640 barn i 2031.\n"
        "Heimetenesta utførte 41 500 besøk i 2031.\n"),
}


@pytest.fixture(scope="module")
def warehouse(prefect_harness, tmp_path_factory):
    from flows.refresh import refresh

    inbox = tmp_path_factory.mktemp("asks_inbox")
    for name, text in REPORTS.items():
        (inbox / name).write_text(text, encoding="utf-8")
    target = tmp_path_factory.mktemp("asks") / "warehouse.duckdb"
    summary = refresh(reports_dir=inbox, tickets_dir=None, warehouse=target)
    assert summary.published, summary
    return target


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
