"""A figure of the running text answers only the question it states: a budget, a target or a bound set for a figure
("minimum 20 millioner", "hadde budsjettert med") is no actual figure, a sentence that holds only the question's
asking words ("dobbelt så høgt") is no answer about the measure asked, and a whole year is never answered from a
report of part of the year (a delårsrapport) without saying so. Answered questions about the same reports stay
answered. Invented reports in bokmål, nynorsk and Swedish, refreshed through the real flow (reader, dbt marts, engine)."""
from __future__ import annotations

import pytest

from app.engine.engine import ask
from app.engine.families.prose import asks_plan, stated_as_plan

REPORTS = {
    "nordvik_kommune_arsmelding_2031.txt": (
        "Nordvik kommune\nÅrsmelding 2031\n\nØkonomi\n\n"
        "Det økonomiske målet er et driftsoverskudd på minimum 20 millioner kroner hvert år.\n\n"
        "Kommunen hadde budsjettert med et netto driftsresultat på 12 millioner kroner i 2031.\n\n"
        "Disposisjonsfondet utgjorde 7,7 prosent av driftsinntektene, dobbelt så høgt som fylkessnittet.\n\n"
        "Lånegjelden var 412 millioner kroner ved utgangen av 2031.\n"),
    "sorvik_kommun_delarsrapport_2031.txt": (
        "Sörvik kommun\n\nResultat och budgetavvikelse\n\n"
        "Kommunen visade ett positivt resultat i augusti 2031. Resultatet i förhållande till skatteintäkterna "
        "uppgick till 5,2 procent.\n\n"
        "Det redovisade resultatet 80 miljoner kronor innebär en budgetavvikelse på 30 miljoner kronor för "
        "januari–augusti.\n"),
}


@pytest.fixture(scope="module")
def warehouse(warehouse_over_reports):
    return warehouse_over_reports(REPORTS, "plans_part_years")


def _values(result) -> set[float]:
    i = result["columns"].index("value")
    return {r[i] for r in result["rows"]}


@pytest.mark.parametrize(("text", "printed", "plan"), [
    ("Målet er et driftsoverskudd på minimum 20 millioner kroner.", "20 millioner kroner", True),
    ("Kommunen hade budgeterat för ett resultat på 77 miljoner kronor för hela året.", "77 miljoner kronor", True),
    ("For perioden var det budsjetterte resultatet 14 millioner kroner.", "14 millioner kroner", True),
    ("Prognosen viser et merforbruk på 3 millioner kroner.", "3 millioner kroner", True),
    ("Netto driftsresultat ble 15 millioner kroner, mot budsjettert 12 millioner kroner.", "12 millioner kroner", True),
    ("Netto driftsresultat ble 15 millioner kroner, mot budsjettert 12 millioner kroner.", "15 millioner kroner", False),
    # measured against a plan is what happened
    ("Regnskapet viser et merforbruk i forhold til budsjett på 4 millioner kroner.", "4 millioner kroner", False),
    ("Det redovisade resultatet 80 miljoner kronor innebär en budgetavvikelse på 30 miljoner kronor.",
     "30 miljoner kronor", False),
    # a plan word of a sentence the extraction glued on before is not this figure's
    ("Avsetningen var større enn budsjettert for I 2031 ble det investert for 137 mill. kroner.", "137 mill. kroner",
     False),
    # a range set for a figure is a target
    ("Politikken er en disponibel kassebeholdning i intervallet 60-90 mio. kr.", "60", True),
])
def test_a_figure_stated_as_a_plan_is_told_from_one_that_happened(text, printed, plan):
    assert stated_as_plan(text, printed) is plan


def test_a_question_asks_a_plan_by_its_words():
    assert asks_plan("Hva var budsjettert netto driftsresultat i 2031?")
    assert asks_plan("What was the target for the operating surplus?")
    assert asks_plan("Kva intervall skulle kassebehaldninga ligge i?")
    assert asks_plan("Hva var nærværsmålet i 2031?")  # the head of a compound asks the target too
    assert not asks_plan("Hvor stort ble det faktiske driftsoverskuddet i 2031?")


def test_an_actual_figure_asked_is_never_a_target_or_a_budget(warehouse):
    result = ask("Hvor stort ble det faktiske driftsoverskuddet i Nordvik i 2031?", warehouse=warehouse,
                 engine="planner")
    assert result["status"] == "unanswerable" and not result["rows"], result["answer"]
    result = ask("Netto driftsresultat Nordvik kommune 2031", warehouse=warehouse, engine="planner")
    assert 12_000_000 not in _values(result) if result["status"] == "ok" else not result["rows"], result["answer"]


def test_a_plan_asked_is_answered_by_the_plan(warehouse):
    result = ask("Hva var budsjettert netto driftsresultat i Nordvik kommune i 2031?", warehouse=warehouse,
                 engine="planner")
    assert result["status"] == "ok", result["answer"]
    assert 12_000_000 in _values(result)


def test_the_asking_words_alone_are_no_answer_about_the_measure(warehouse):
    result = ask("Kor høgt var sjukefråværet i Nordvik kommune i 2031?", warehouse=warehouse, engine="planner")
    assert result["status"] == "unanswerable" and not result["rows"], result["answer"]
    # the measure the sentence states is still answered from it
    result = ask("Kor stort var disposisjonsfondet i prosent av driftsinntektene i Nordvik i 2031?",
                 warehouse=warehouse, engine="planner")
    assert result["status"] == "ok" and 7.7 in _values(result), result["answer"]


def test_a_whole_year_is_not_answered_from_a_part_year_report(warehouse):
    result = ask("Årsresultat Sörvik kommun for hele 2031", warehouse=warehouse, engine="planner")
    assert result["status"] == "unanswerable" and not result["rows"], result["answer"]
    assert "del av året" in result["answer"]  # says what the figures found cover instead
    # the year without the whole of it asked: the part-year figures, each sentence saying its period
    result = ask("Redovisat resultat Sörvik kommun 2031", warehouse=warehouse, engine="planner")
    assert result["status"] == "ok" and 80_000_000 in _values(result), result["answer"]
