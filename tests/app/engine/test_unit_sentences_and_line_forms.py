"""A sentence about another unit never answers for the unit asked; a line's other printed forms are the same line,
never a part sharing one word with a total; a variance answer keeps its table when its only unused word names a
budget column. Invented labels and sentences (nb, nn, en)."""
from __future__ import annotations

import pytest

from app.engine.engine import _another_units, _not_scenario
from app.engine.families.account_line import same_line
from app.engine.families.scope import about_another_unit, units_mentioned
from app.engine.planner import Plan, UnitRef
from app.engine.wordforms import LabelIndex


@pytest.mark.parametrize("text,units", [
    ("Hva var sykefraværet i Plan-enheten i 2022?", {"plan"}),
    ("What was the sick leave at Plan-enheten in 2022?", {"plan"}),
    ("Kor høgt var fråveret i plan- og byggjeavdelinga?", {"plan", "byggje"}),
    ("Sykefraværet i regnskapsenheten var 3,1 %", {"regnskap"}),
    ("Kulturseksjonen brukte 2 mill.", {"kultur"}),
    ("Enheten har et mindreforbruk på 0,4 mill.", set()),
    ("Nordvik kommune hadde 5,2 % sykefravær", set()),
    ("Servicetorget svarte på 900 henvendelser", {"service"}),
    ("arsmelding_plan-og-byggesaksenheten_2022.pdf", {"byggesak"}),
])
def test_units_are_read_from_their_compounds(text, units):
    assert units_mentioned(text) == frozenset(units)


def test_a_sentence_about_another_unit_never_answers():
    asked = units_mentioned("Hva var sykefraværet i Plan-enheten i 2022?")
    assert about_another_unit(asked, "Sykefraværet i regnskapsenheten var 3,1 % i 2022.", None)
    assert not about_another_unit(asked, "Sykefraværet i plan-enheten var 4,0 % i 2022.", None)
    # no unit in the sentence: the report's own scope says whose figure it is
    whole = "Samlet sykefravær i 2022 var 5,0 %."
    assert about_another_unit(asked, whole, "Rådmannen, Regnskapsenheten, Plan- og byggesaksenheten")
    assert not about_another_unit(asked, whole, "Plan-enheten")
    # a report about the whole organisation (no scope): its sentence naming no unit is the organisation's figure
    assert about_another_unit(asked, whole, None)
    # a question naming no unit is not narrowed
    assert not about_another_unit(units_mentioned("sykefravær Nordvik 2022"), "Sykefraværet i regnskapsenheten", None)


def _found(rows, document):
    return {"rows": rows, "sources": [{"document": document, "page": 1, "excerpt": ""}]}


def test_a_fallback_figure_that_never_writes_the_unit_asked_is_another_units():
    plan = Plan(question="", units=[UnitRef("u1", "Kulturavdelinga")])
    assert not _another_units(_found([["Kulturavdelingen", 1.0]], "arsmelding.pdf"), plan)
    assert not _another_units(_found([["Sum", 1.0]], "rapport_kulturavdelinga_2022.pdf"), plan)
    assert _another_units(_found([["Regnskapsavdelinga", 1.0]], "arsmelding.pdf"), plan)
    assert _another_units(_found([["Sum", 1.0]], "arsmelding.pdf"), plan)  # the unit's name is written nowhere
    # a unit that is no single unit ("the director's areas") or no unit asked: nothing to check
    assert not _another_units(_found([["Sum", 1.0]], "arsmelding.pdf"),
                              Plan(question="", units=[UnitRef("u2", "Direktørens områder")]))
    assert not _another_units(_found([["Sum", 1.0]], "arsmelding.pdf"), Plan(question=""))


@pytest.mark.parametrize("label,other,same", [
    ("Renteutgifter", "Renteutg.,provisjoner og andre fin.utg.", True),
    ("Sum frie disponible inntekter", "Frie inntekter", True),
    ("Sum utgifter", "Sosiale utgifter", False),
    ("Totalt driftsinntekter", "Andre driftsinntekter", False),
])
def test_an_alternate_is_the_same_line_printed_another_way(label, other, same):
    assert same_line(label, other) is same


def test_a_total_has_no_qualified_form():
    index = LabelIndex(["Sum utgifter", "Sosiale utgifter", "Rammetilskudd", "Ordinært rammetilskudd"])
    assert index.qualified("Sum utgifter") == []
    assert index.qualified("Rammetilskudd") == ["Ordinært rammetilskudd"]


def test_only_words_naming_no_budget_column_ask_for_a_line():
    assert _not_scenario(["budsjettavvik"]) == []
    assert _not_scenario(["opprinnelig budsjett"]) == []
    assert _not_scenario(["frie inntekter"]) == ["frie", "inntekter"]


def test_words_naming_a_unit_leave_a_ticket_question_to_the_reports():
    from types import SimpleNamespace

    from app.engine.families.base import Question
    from app.engine.families.tickets import _names_unit
    from app.engine.planner import UnitRef

    vocab = SimpleNamespace(unit_aliases={"nordtek": UnitRef("nordtek", "Nordtek"),
                                          "plan og bygg": UnitRef("plan-og-bygg", "Plan og bygg")})
    ask = Question.parse("telefonhenvendelser Nordtek per år", "nb")
    assert _names_unit(ask, ["nordtek"], vocab)
    assert _names_unit(Question.parse("phone calls for Plan og bygg by year", "en"), ["plan", "bygg"], vocab)
    # a word that names no unit is still the exports' to refuse
    assert not _names_unit(ask, ["nordtek", "alvorlighetsgrad"], vocab)
    assert not _names_unit(Question.parse("telefonhenvendelser per alvorlighetsgrad", "nb"), ["alvorlighetsgrad"], vocab)


@pytest.mark.parametrize("question,refused", [
    ("responstid mot mål Nordtek 2022", False),        # the reports' measure under that very name
    ("What was the responstid in 2022?", False),
    ("median responstid for sakene i 2022", True),     # a statistic of ticket durations: no ticket data
    ("Hva var løsningstiden i 2022?", True),            # no measure of that name: the ticket time the data lacks
])
def test_a_time_named_as_a_report_measure_is_not_a_ticket_time(question, refused):
    from types import SimpleNamespace

    from app.engine.catalog_model import Metric
    from app.engine.families import resolution
    from app.engine.families.base import Question

    # an invented measure printed under a response-time word; the warehouse holds no ticket exports
    metric = Metric("answered_fast_pct", "Besvart raskt", "Answered fast", ("responstid", "besvart raskt"), "pct", True,
                    "")
    vocab = SimpleNamespace(data=None, metrics={"answered_fast_pct": metric})
    found = resolution.read(Question.parse(question, "en" if question.startswith("What") else "nb"), vocab)
    assert (found is not None and found.status == "unanswerable") is refused


def test_a_count_is_never_read_from_a_ratio_or_a_share():
    from app.engine.families.base import Question
    from app.engine.families.prose import COUNT_ASKS, NOT_COUNT_ASKS, _ratio_only

    assert _ratio_only("nordvik bruker 4 100 kr per innbygger på administrasjon", ["innbyggere"])
    assert _ratio_only("kostnaden pr. elev var 98 000 kroner", ["elever"])
    assert not _ratio_only("nordvik hadde 12 400 innbyggere ved utgangen av året", ["innbyggere"])
    assert not _ratio_only("12 400 innbyggere, 4 100 kr per innbygger", ["innbyggere"])

    def counting(text, lang="nb"):
        q = Question.parse(text, lang)
        return q.has(*COUNT_ASKS) and not q.has(*NOT_COUNT_ASKS)

    assert counting("hvor mange innbyggere har Nordvik")
    assert counting("How many pupils did Nordvik have?", "en")
    assert not counting("hvor mange prosent av elevene fullførte")
    assert not counting("kor mange kroner brukte Nordvik på skule")
