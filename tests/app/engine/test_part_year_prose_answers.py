"""A figure the running text states for a part of the year answers that part only: a news page about one quarter's
statistics answers the quarter, never the whole year, and each figure of a sentence naming two quarters answers its
own; a sentence of a part-year report that names the year's figure itself ("årsresultat") answers the year. Invented
news pages and a tertial report in nynorsk and bokmål, refreshed through the real flow (reader, dbt marts, engine)."""
from __future__ import annotations

import pytest

from app.engine.engine import ask

REPORTS = {
    "nordvik_sjukefravaer_2031.txt": (
        "=== [1] Fråværet i Nordvik kommune (lokalavisa) ===\n"
        "Statistikkbyrået la nyleg fram sjukefråværet i tredje kvartal 2031.\n\n"
        "I heile landet var fråværet på 5,4 prosent.\n\n"
        "Sjukefråværet i Nordvik kommune var på 6,2 prosent.\n"),
    "sorvik_sykefravaer_2031.txt": (
        "=== [1] Høyt fravær i Sørvik kommune (lokalavisa, 27.08.2031) ===\n"
        "I første kvartal i fjor hadde Sørvik kommune et sykefravær på 9,5 prosent, og for hele året havnet "
        "man på 11,7 prosent.\n\n"
        "I år har sykefraværet gått opp igjen. Sykefraværet i Sørvik kommune var 15,1 prosent i første kvartal, "
        "mens det kom ned i 13,2 prosent i andre kvartal.\n"),
    "nordvik_kommune_okonomirapport_1_tertial_2031.txt": (
        "Nordvik kommune\nØkonomirapport 1. tertial 2031\n\nØkonomi\n\n"
        "Et årsresultat på mellom 2,5 og 3 % vil nok være et riktig anslag for å holde kontroll på økonomien.\n"),
}


def row_values(result: dict) -> set[float]:
    """Every number of an answer's rows (a governed answer names its value column by the measure)."""
    return {v for r in result["rows"] for v in r if isinstance(v, (int, float)) and not isinstance(v, bool)}


@pytest.fixture(scope="module")
def warehouse(warehouse_over_reports):
    return warehouse_over_reports(REPORTS, "part_year_prose")


def test_a_quarter_asked_is_answered_by_the_figure_of_that_quarter(warehouse):
    result = ask("Sjukefråvær Nordvik 3. kvartal 2031", warehouse=warehouse, engine="planner")
    assert result["status"] == "ok" and 6.2 in row_values(result), result["answer"]
    result = ask("Sykefravær Sørvik 2. kvartal 2031", warehouse=warehouse, engine="planner")
    assert result["status"] == "ok" and 13.2 in row_values(result), result["answer"]
    assert 15.1 not in row_values(result)


def test_a_whole_year_asked_is_never_answered_by_a_quarter(warehouse):
    result = ask("Sjukefråvær Nordvik heile 2031", warehouse=warehouse, engine="planner")
    assert result["status"] == "unanswerable" and not result["rows"], result["answer"]
    result = ask("Sykefravær Sørvik hele 2030", warehouse=warehouse, engine="planner")
    assert 11.7 in row_values(result) and 9.5 not in row_values(result), result["answer"]


def test_a_part_year_reports_sentence_naming_the_years_result_answers_the_year(warehouse):
    result = ask("Hvilket årsresultat er et riktig anslag for å holde kontroll i Nordvik kommune 2031?",
                 warehouse=warehouse, engine="planner")
    assert result["status"] == "ok" and {2.5, 3.0} <= row_values(result), result["answer"]


def test_the_period_asked_dates_the_figure_and_is_no_word_its_sentence_must_write(warehouse):
    from app.engine.engine import QuestionEngine
    from app.engine.families import prose
    from app.engine.families.base import Question

    question = "Hvilket årsresultat mener rådmannen i Nordvik kommune er et riktig anslag (1. tertial 2031)?"
    engine = QuestionEngine(warehouse)
    # the sentence that best covers the words: "tertial" is the period asked, not a word the sentence must write
    assert prose._best_covered(Question.parse(question, "nb"), engine.vocab) is not None
    result = engine.ask(question, engine="planner")
    assert result["status"] == "ok" and {2.5, 3.0} <= row_values(result), result["answer"]
