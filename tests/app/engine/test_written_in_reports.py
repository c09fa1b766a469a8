"""A capitalised word of the question that is no organisation or unit of the data, but a place or thing the loaded
reports' sentences write ("the new school in Lindvik"), is what the question asks about inside a report: the figure
stated there answers, never "the data holds nothing about Lindvik". A name the question writes as an organisation
("Lindvik kommune") is still one the data lacks, and a name no report writes stays unknown. Invented reports, refreshed
through the real flow.

A month asked of report figures (which are by year and quarter) is answered by the one sentence that writes that
month ("i august ble staben utvidet med to nye medarbeidere"); a month no sentence writes is still refused. A question
that only the cue of a family needing no measure names ("more than the budget", "what share of") and that no governed
deviation or cost share answers is answered by the report's sentence that states it."""
from __future__ import annotations

import pytest

from app.engine.engine import ask
from tests.app.engine.conftest import row_values

REPORTS = {
    "fjordbyen_fylkeskommune_arsmelding_2034.txt": (
        "Fjordbyen fylkeskommune\nÅrsmelding 2034\n\nBygg\n\n"
        "I Lindvik starta bygginga av ein ny skule i massivtre, der energibruken blir berre 40 prosent av eit "
        "normalbygg.\n"
        "Fylkeskommunen hadde 1 250 tilsette ved utgangen av 2034.\n"
        "Organisasjonen vart endra, og i august vart staben utvida med to nye medarbeidarar.\n"
        "Lågare aktivitet enn planlagt gav eit bidrag til fylkestinget sitt disposisjonsfond på 75 mill. kr meir enn "
        "opphavleg budsjett la opp til.\n"),
}


@pytest.fixture(scope="module")
def warehouse(warehouse_over_reports):
    return warehouse_over_reports(REPORTS, "names_written")


@pytest.mark.parametrize("question", [
    "Fjordbyen fylkeskommune: energibruken til den nye skulen i Lindvik i prosent av eit normalbygg",
    "What share of a normal building's energy use will the new school in Lindvik have, according to Fjordbyen "
    "fylkeskommune?",
])
def test_a_place_the_text_writes_is_read_inside_the_report(warehouse, question):
    result = ask(question, warehouse=warehouse)
    assert result["status"] == "ok", result["answer"]
    assert 40 in row_values(result), result["answer"]
    assert "Lindvik" in result["answer"]


@pytest.mark.parametrize("question", [
    "Hvor mange ansatte hadde Lindvik kommune i 2034?",  # written as an organisation the data does not hold
    "Hvor mange tilsette hadde Lindvik landsting i 2034?",  # any kind word of flows/org_kinds.py
    "Hvor mange tilsette hadde Lindvik brannvesen i 2034?",
    "Hvor mange ansatte hadde skolen i Storvik i 2034?",  # a place no report writes
])
def test_an_organisation_or_a_place_the_reports_do_not_hold_is_refused(warehouse, question):
    result = ask(question, warehouse=warehouse)
    assert result["status"] == "unanswerable", result["answer"]
    assert 1250 not in row_values(result), result["answer"]


def test_the_planner_reads_a_place_the_text_writes_as_no_unknown_organisation(warehouse):
    from pathlib import Path

    from app.engine.engine import catalog_for
    from app.engine.planner import plan_question

    _, vocab = catalog_for(Path(warehouse))
    plan = plan_question("Hvor mange prosent av eit normalbygg blir energibruken til skulen i Lindvik?", vocab)
    assert plan.reason == "row_named", plan  # what the figures are read by, no organisation the data lacks
    plan = plan_question("Hvor mange ansatte hadde Lindvik kommune i 2034?", vocab)
    assert plan.reason == "unknown_unit" and "Lindvik" in plan.unknown, plan
    plan = plan_question("Hvor mange ansatte hadde skolen i Storvik i 2034?", vocab)
    assert plan.reason == "unknown_unit" and "Storvik" in plan.unknown, plan


def test_a_month_a_sentence_writes_is_answered_by_that_sentence(warehouse):
    result = ask("Hvor mange nye medarbeidere ble staben i Fjordbyen fylkeskommune utvidet med i august 2034?",
                 warehouse=warehouse)
    assert result["status"] == "ok", result["answer"]
    assert row_values(result) == [2], result["answer"]


def test_a_month_no_sentence_writes_is_refused(warehouse):
    result = ask("Hvor mange tilsette hadde Fjordbyen fylkeskommune i mars 2034?", warehouse=warehouse)
    assert result["status"] == "unanswerable", result["answer"]
    assert 1250 not in row_values(result), result["answer"]


def test_a_deviation_no_governed_measure_holds_is_the_sentence_that_states_it(warehouse):
    result = ask("How much more went to Fjordbyen fylkeskommune's disposition fund than the original budget planned in "
                 "2034?", warehouse=warehouse)
    assert result["status"] == "ok", result["answer"]
    assert row_values(result) == [75e6], result["answer"]


def _engine_reading(found: dict):
    """A question engine (no warehouse) whose report tables answer nothing and whose sentence search answers `found`."""
    from app.engine.engine import QuestionEngine
    from app.engine.planner import UnitRef, Vocabulary

    class _Engine(QuestionEngine):
        def __init__(self):
            self.vocab = Vocabulary(metrics={}, unit_aliases={"nordvik": UnitRef("nordvik", "Nordvik kommune"),
                                                              "økonomi": UnitRef("okonomi", "Økonomi")},
                                    unit_levels={"nordvik": "organisation", "okonomi": "omrade"})
            self._in_parts = False
            self.searched = []

        def _fallback(self, question, q):
            return None

        def _label_search(self, question):
            self.searched.append(question)
            return found

        def lookup(self, sql):
            return sql, ["unit_name", "value_year"], []

    return _Engine()


def test_a_family_cue_with_no_governed_figure_reads_the_reports_words_for_an_organisation_only():
    from app.engine.planner import Plan, UnitRef

    stated = {"status": "ok", "answer": "75 000 000 («Fondet fikk 75 mill. kr mer enn budsjettert.»)",
              "columns": ["organisation", "value"], "rows": [["Nordvik kommune", 75e6]]}
    engine = _engine_reading(stated)
    plan = Plan(question="q", family="variance", units=[UnitRef("nordvik", "Nordvik kommune")], years=[2034])
    question = "Hvor mye mer enn budsjettert gikk til disposisjonsfondet i Nordvik kommune i 2034?"
    assert engine._unanswerable(question, plan, "nb", sql="select 1") is stated
    # a sentence that states no deviation (only the budget) never answers the deviation asked
    budget_only = dict(stated, answer="48 000 000 («Det er budsjettert med et resultat på 48,0 mill. kr.»)")
    result = _engine_reading(budget_only)._unanswerable(question, plan, "nb", sql="select 1")
    assert result is not budget_only and result["status"] == "unanswerable"
    # a unit inside the organisation: the text is read by organisation, never answered for the unit
    inside = Plan(question="q", family="variance", units=[UnitRef("okonomi", "Økonomi")], years=[2034])
    result = engine._unanswerable("Lønn i økonomienheten 2034 mot budsjett", inside, "nb", sql="select 1")
    assert result is not stated and result["status"] == "unanswerable"
