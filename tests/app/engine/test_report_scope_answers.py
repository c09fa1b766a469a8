"""A whole-organisation question is answered only from reports about the whole organisation; a figure from a report
about a part of it or one unit (dim_document.scope_kind, read at load time) is refused for the whole, given with what
it covers otherwise, and answers a question that names that part (app/engine/families/scope.py)."""
from __future__ import annotations

import pytest

from app.engine.families.scope import asks_whole, names_scope, scope_of_answer
from app.engine.names import unit_words

PART = [("part", "Rådmannens områder")]


@pytest.mark.parametrize("question", [
    "Hva var netto driftsresultat for Nordvik kommune samlet i 2020?",
    "sykefravær i Nordvik kommune totalt 2020",
    "Kva var sjukefråværet i heile kommunen i 2020?",
    "Kor høgt var sjukefråværet for heile Nordvik herad?",
    "What was the sick leave rate for Nordvik as a whole in 2020?",
    "What was sick leave in the municipality in total?",
    "Hur hög var sjukfrånvaron i hela kommunen 2020?",
    "Sjukfrånvaro Sørby kommun totalt 2020",
])
def test_a_whole_organisation_question_is_not_answered_by_a_part(question):
    assert asks_whole(question)
    assert scope_of_answer(question, PART) == ("whole", ["Rådmannens områder"])
    # one figure from a report about the whole organisation: answered as usual
    assert scope_of_answer(question, PART + [("whole", None)]) is None


@pytest.mark.parametrize("question", [
    "sykefravær Nordvik 2020",
    "How many FTEs did Nordvik have in 2020?",
    "Hvor mange saker i hendelsesloggen totalt?",  # 'totalt' of a count, not of an organisation
    "sykemeldte dager 4. kvartal 2021 totalt",
])
def test_a_question_that_does_not_say_gets_the_part_named(question):
    assert not asks_whole(question)
    assert scope_of_answer(question, PART) == ("part", ["Rådmannens områder"])


@pytest.mark.parametrize("question, scope", [
    ("Hvor mange årsverk hadde rådmannens områder i Nordvik i 2020?", "Rådmannens områder"),
    ("Hvor stort mindreforbruk hadde rådmannens områder samlet i 2020?", "Rådmannens områder"),
    ("Kor mange årsverk hadde tenesteområde helse i Nordvik?", "Tenesteområde helse og omsorg"),
    ("sick leave in the health and care sector in Nordvik 2020", "Health and care sector"),
    ("Hur stor var sjukfrånvaron inom socialförvaltningen?", "Socialförvaltningen"),
    ("underforbruk økonomienheten Nordvik 2020", "Økonomi"),
])
def test_a_question_naming_the_part_is_answered_from_its_report(question, scope):
    assert names_scope(question, scope)
    assert scope_of_answer(question, [("part", scope)]) == ("named", [scope])


def test_the_generic_word_of_a_part_names_no_part():
    assert not names_scope("sykefravær per område i Nordvik 2020", "Rådmannens områder")
    assert not names_scope("sick leave for each unit", "Finance unit")
    assert not names_scope("sykefravær Nordvik 2020", None)


@pytest.mark.parametrize("question, unused, found", [
    ("What was the sick leave in Nordvik's HR unit in 2020?", ["HR"], ["hr unit"]),
    ("sykefravær i HR-avdelinga i Nordvik 2020", ["hr"], ["hr-avdelinga"]),
    ("Kor høgt var sjukefråværet i personaleininga?", ["personaleininga"], ["personaleininga"]),
    ("sjukfrånvaro på IT-enheten 2020", ["it"], ["it-enheten"]),
])
def test_a_unit_the_plan_does_not_hold_is_named(question, unused, found):
    assert unit_words(question, unused) == found


def test_the_planner_answers_for_the_scope_asked(sample_warehouse):
    """The sample's reports: one about the chief executive's areas (title), three about one unit each (title page),
    one about a company as a whole."""
    from app.engine.engine import QuestionEngine
    from flows.warehouse import connect_readonly

    # the project's read-only connection (one configuration per file in a process: other tests hold it open)
    con = connect_readonly(sample_warehouse)
    scopes = dict(con.execute("select file_name, scope_kind from dim_document").fetchall())
    con.close()
    assert scopes["kommunedirektorens-omrader-2020.txt"] == "part" and scopes["varit-2020.docx"] == "unit"
    assert scopes["hedmark-ikt-2021.pdf"] == "whole"
    engine = QuestionEngine(sample_warehouse)
    for q in ("Hva var sykefraværet for hele Stjørdal kommune i 2020?", "sykefravær i Stjørdal kommune totalt 2020",
              "What was the sick leave rate in Stjørdal municipality as a whole in 2020?"):
        refused = engine.ask(q, engine="planner")
        assert refused["status"] == "unanswerable", refused["answer"]
        assert "Kommunedirektørens områder" in refused["answer"]
    plain = engine.ask("sykefravær i Stjørdal 2020", engine="planner")
    assert plain["status"] == "ok" and "ikke hele Stjørdal kommune" in plain["answer"]
    named = engine.ask("Hvor mange årsverk hadde kommunedirektørens områder i Stjørdal i 2020?", engine="planner")
    assert named["status"] == "ok" and "«Kommunedirektørens områder»" in named["answer"] and named["rows"]
    unit = engine.ask("What was the sick leave in Stjørdal's HR unit in 2020?", engine="planner")
    assert unit["status"] == "unanswerable"
    company = engine.ask("What was Hedmark IKT's sick leave in 2021 as a whole?", engine="planner")
    assert "not the whole" not in company["answer"] and "only" not in company["answer"]
