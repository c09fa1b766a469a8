"""A member municipality's row of a joint unit's cost split (app.engine.families.share): "what did <member> pay,
and what was budgeted?" reads the actual and the budget columns of that member's row, and a variance question that
names a member ("IT investments for <member> in <unit>, actual against budget") is that member's row, never the
joint unit's own totals. Invented units and municipalities, questions in bokmål, nynorsk and English."""
from __future__ import annotations

import pytest

from app.engine.answer import cost_share_sentence
from app.engine.catalog import load_metrics
from app.engine.families.share import scenarios
from app.engine.interpret import unused_words
from app.engine.planner import UnitRef, Vocabulary, compile_sql, plan_question

FJORDNETT = UnitRef("fjordnett", "Fjordnett IKT")


@pytest.fixture(scope="module")
def vocab() -> Vocabulary:
    return Vocabulary(
        metrics=load_metrics(), unit_aliases={"fjordnett": FJORDNETT, "fjordnett ikt": FJORDNETT},
        years=(2030, 2031), coverage={"cost_share_pct": {"fjordnett": {2031}}},
        organisations={"nordvik": "nordvik", "nordvik kommune": "nordvik", "sørvik": "sorvik",
                       "sørvik kommune": "sorvik", "fjordregionen": "fjordregionen"},
        organisation_names={"nordvik": "Nordvik kommune", "sorvik": "Sørvik kommune",
                            "fjordregionen": "Fjordregionen"},
        unit_organisations={"fjordnett": "Fjordregionen"})


@pytest.mark.parametrize("question", [
    "Hva betalte Nordvik til Fjordnett i 2031, og hva var budsjettert?",
    "Kva betalte Nordvik til Fjordnett i 2031, og kva var budsjettert?",
    "What did Nordvik pay towards Fjordnett in 2031, and what was budgeted?",
    "Nordviks andel av Fjordnett 2031, regnskap og budsjett",
])
def test_a_members_payment_and_its_budget_are_both_read(vocab, question):
    plan = plan_question(question, vocab)
    assert plan.family == "cost_share"
    sql = compile_sql(plan)
    assert "c.scenario_code in ('regnskap', 'budsjett')" in sql and "owner_organisation_key in ('nordvik')" in sql
    assert unused_words(question, plan, vocab) == []


@pytest.mark.parametrize(("question", "asked"), [
    ("Hvor mye betalte Nordvik til Fjordnett i 2031?", ["regnskap"]),
    ("kostnadsfordeling Fjordnett 2031 budsjett", ["budsjett"]),
    ("Fjordnett cost shares 2031, actual against budget", ["regnskap", "budsjett"]),
])
def test_the_budget_column_only_when_a_budget_is_named(question, asked):
    assert scenarios(question) == asked


@pytest.mark.parametrize("question", [
    "IT-investeringer for Nordvik i Fjordnett 2031, regnskap mot budsjett",
    "Investments for Sørvik in Fjordnett 2031, actual against budget",
])
def test_a_variance_question_naming_a_member_is_the_members_row(vocab, question):
    plan = plan_question(question, vocab)
    assert plan.family == "cost_share" and plan.investment
    assert "c.scenario_code in ('regnskap', 'budsjett')" in compile_sql(plan)


def test_the_joint_units_own_variance_stays_a_variance(vocab):
    assert plan_question("regnskap mot budsjett Fjordnett 2031", vocab).family == "variance"
    # the unit's owner named beside it is whose unit it is, not a member
    assert plan_question("regnskap mot budsjett Fjordregionen Fjordnett 2031", vocab).family == "variance"


def test_actual_and_budget_are_said_side_by_side():
    columns = ["unit", "year", "municipality", "scenario", "amount_nok", "share_pct"]
    rows = [["Fjordnett IKT", 2031, "Nordvik kommune", "regnskap", 2_100_000.0, 47.9],
            ["Fjordnett IKT", 2031, "Nordvik kommune", "budsjett", 3_000_000.0, 49.9]]
    text = cost_share_sentence(None, columns, rows, "nb")
    assert "regnskap 2 100 000" in text.replace("\u00a0", " ") and "budsjett 3 000 000" in text.replace("\u00a0", " ")
    english = cost_share_sentence(None, columns, rows, "en")
    assert "actual" in english and "against budget" in english
    # one column: no scenario words
    assert "regnskap" not in cost_share_sentence(None, columns, rows[:1], "nb")


@pytest.mark.parametrize(("question", "order"), [
    ("Hvilken eierkommune betalte mest til Fjordnett i 2031, og hvor mye?", "desc"),
    ("Kva medlemskommune hadde minst andel av Fjordnett i 2031?", "asc"),
    ("Which owner municipality paid the most towards Fjordnett in 2031, and how much?", "desc"),
    ("Which member municipality had the smallest share of Fjordnett costs in 2031?", "asc"),
])
def test_which_member_paid_the_most_is_the_first_row_of_the_split_in_that_order(vocab, question, order):
    plan = plan_question(question, vocab)
    assert plan.answerable and plan.family == "cost_share" and not plan.unknown  # "owner"/"member" is no name
    sql = compile_sql(plan)
    assert f"order by c.share_nok {order}) <= 1" in sql
    columns = ["unit", "year", "municipality", "scenario", "amount_nok", "share_pct"]
    text = cost_share_sentence(plan, columns, [["Fjordnett IKT", 2031, "Nordvik kommune", "regnskap", 9.0, 50.0]],
                               plan.question and ("en" if "Which" in question else "nb"))
    assert ("størst:" in text or "largest:" in text) if order == "desc" else ("minst:" in text or "smallest:" in text)


def test_and_how_much_after_a_which_question_is_no_second_question():
    from app.engine.parts import clause_parts

    assert clause_parts("Hvilken eierkommune betalte mest til Fjordnett i 2031, og hvor mye?", ["Fjordnett"]) == []
    assert clause_parts("Which owner paid the most in 2031, and how much?", []) == []
    assert len(clause_parts("How many FTEs did Fjordnett have in 2031, and what was its sick leave?", ["Fjordnett"])) == 2
