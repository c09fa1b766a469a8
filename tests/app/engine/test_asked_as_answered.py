"""An answer is to the question asked, on every path (a governed figure, a report cell, a sentence of the text): the
unit asked ("i kroner", "beløp", "prosent"), a split asked ("for kvar deltakarkommune", "by department", "fordelt på
eierkommune", "for each member") and the year a sentence dates its figure by are checked, and a deviation the table
prints answers a question about the deviation or the overspending even where the table prints no actual column; a
count stated in a sentence ("4 av 6 kommunar hadde underskot") answers "how many had a deficit" with the part. An
invented report (nynorsk text, questions in bokmål, nynorsk and English), refreshed through the real flow."""
from __future__ import annotations

import pytest

from app.engine.asked_unit import AMOUNT, COUNT, PERCENT, QUANTITY, conflicts, unit_asked
from app.engine.engine import ask
from app.engine.honest import shows_split, split_asked, unit_not_asked

REPORT = (
    "Nordøy IKS\nÅrsrapport 2022\n\n"
    "Om selskapet\nSelskapet er eigd av seks eigarkommunar. Selskapet hadde 42 årsverk ved utgangen av 2022.\n\n"
    "Økonomi\nVedlikehaldskostnadene utgjorde 4,2 prosent av driftsinntektene i 2022.\n"
    "Lønnskostnadene var 12,5 mill. kroner i 2022.\n"
    "Av deltakarkommunane hadde 4 av 6 kommunar underskot på tenesta i 2022.\n\n"
    "Avfall\nAv det innsamla avfallet vart 38 prosent materialgjenvunne i 2022.\n"
    "Nordøy IKS har tre avfallsdunkar som standard.\n\n"
    "Beredskap\nI 2021 vart det registrert 310 utrykningar. Talet auka vidare året etter.\n"
    "I 2022 var det 355 utrykningar.\n\n"
    "Driftsregnskap per område 2022\nOmråde Budsjett 2022 Avvik i kr Avvik i %\n"
    "Administrasjon 5 000 000 -400 000 -8,0\nDrift 20 000 000 1 200 000 6,0\n")


@pytest.fixture(scope="module")
def warehouse(warehouse_over_reports):
    return warehouse_over_reports({"nordoy_iks_arsrapport_2022.txt": REPORT}, "asked")


# -- pure parts ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("question, unit", [
    ("Hvor mye brukte kommunen på vedlikehold i kroner i 2022?", AMOUNT),
    ("Kva var beløpet til vedlikehald?", AMOUNT),
    ("How much money was spent on maintenance, in NOK?", AMOUNT),
    ("Hvor mange prosent utgjorde lønn?", PERCENT),
    ("What percentage of income was maintenance?", PERCENT),
    ("Sykefravær i % 2021", PERCENT),
    ("Hvor mye brukte kommunen på vedlikehold i 2022?", None),
    ("Avvik i kr og i prosent", None),
    # both asked: an amount and a share of another figure
    ("What was the net operating result in 2031, in kroner and as a share of operating income?", None),
    ("Netto driftsresultat i kroner og som andel av driftsinntektene", None),
    # a physical quantity named: its unit
    ("Total innsamlet avfallsmengde 2022 og 2023 i tonn", QUANTITY),
    ("What was the waste per inhabitant in 2023 (kg)?", QUANTITY),
    ("Hvor mange GWh produserte verket i 2022?", QUANTITY),
    ("Pris i kroner per tonn", None),  # money per tonne: both named
])
def test_the_unit_asked(question, unit):
    assert unit_asked(question) == unit


def test_the_other_unit_conflicts_and_a_count_never_does():
    assert conflicts(AMOUNT, "pct") and conflicts(PERCENT, "nok") and conflicts(PERCENT, "nok_per_capita")
    assert conflicts(QUANTITY, "pct") and conflicts(QUANTITY, "nok") and not conflicts(QUANTITY, "count")
    assert not conflicts(AMOUNT, "nok") and not conflicts(AMOUNT, "count") and not conflicts(None, "pct")


@pytest.mark.parametrize("question, asked", [
    ("Kor mange årsverk hadde selskapet for kvar deltakarkommune?", True),
    ("Hvor mange årsverk fordelt på eierkommune?", True),
    ("How many FTEs by department?", True),
    ("How many FTEs for each member?", True),
    ("Sykefravær etter kjønn", True),
    ("Kostnad per enhet i 2022", False),  # a figure per unit, not a split by unit
    ("Saker per kunde i snitt", False),   # one average figure
    ("Netto driftsresultat per år", False),
])
def test_a_split_asked(question, asked):
    assert (split_asked(question) is not None) is asked


def test_rows_show_a_split_only_with_several_members():
    assert shows_split(["unit", "year", "value"], [("A", 2022, 1.0), ("B", 2022, 2.0)])
    assert not shows_split(["unit", "year", "value"], [("A", 2021, 1.0), ("A", 2022, 2.0)])
    # a sentence's unit of measure is no member of a split
    assert not shows_split(["unit", "value", "sentence"], [("pct", 1.0, "x"), ("nok", 2.0, "y")], "prose_figure")


def test_an_answer_in_the_other_unit_is_found_by_its_columns():
    assert unit_not_asked(AMOUNT, ["organisation", "year", "value", "unit"], [("A", 2022, 4.2, "pct")], {}) == PERCENT
    assert unit_not_asked(PERCENT, ["account", "amount_nok"], [("Lønn", 1.0)], {}) == AMOUNT
    assert unit_not_asked(PERCENT, ["actual_nok", "actual_pct_of_budget"], [(1.0, 99.0)], {}) is None


def test_a_number_of_things_answers_no_quantity_asked():
    columns = ["organisation", "year", "value", "unit", "printed"]
    assert unit_not_asked(QUANTITY, columns, [("A", 2022, 3.0, "count", "tre avfallsdunkar")], {}) == COUNT
    # a mass the reader keeps as a count is still a mass; a bare number says nothing
    assert unit_not_asked(QUANTITY, columns, [("A", 2022, 102164.0, "count", "102 164 tonn")], {}) is None
    assert unit_not_asked(QUANTITY, columns, [("A", 2022, 3.0, "count", "3")], {}) is None
    assert unit_not_asked(None, columns, [("A", 2022, 3.0, "count", "tre avfallsdunkar")], {}) is None


# -- end to end ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("question", ["Hvor mye brukte selskapet på vedlikehold i kroner i 2022?",
                                      "Kor mykje vart brukt på vedlikehald i kroner i 2022?"])
def test_a_percent_never_answers_an_amount_asked(warehouse, question):
    result = ask(question, warehouse=warehouse, engine="planner")
    assert result["status"] != "ok", result["answer"]
    assert "prosent" in result["answer"], result["answer"]


@pytest.mark.parametrize("question", ["Kor mykje avfall vart materialgjenvunne i 2022, i tonn?",
                                      "How much waste was recycled in 2022, in tonnes?"])
def test_a_percent_never_answers_a_quantity_asked(warehouse, question):
    result = ask(question, warehouse=warehouse, engine="planner")
    assert result["status"] != "ok", result["answer"]
    assert "38" in result["answer"], result["answer"]  # the figure found is offered, as a percent


@pytest.mark.parametrize("question", ["Kor mange tonn avfall samla Nordøy IKS inn i 2022?",
                                      "Hvor mange tonn avfall samlet Nordøy IKS inn i 2022?"])
def test_a_count_of_things_never_answers_a_quantity_asked(warehouse, question):
    result = ask(question, warehouse=warehouse, engine="planner")
    assert result["status"] == "unanswerable" and not result["rows"], result["answer"]
    assert "avfallsdunkar" in result["answer"], result["answer"]  # the count found is offered, as a count


@pytest.mark.parametrize("question", ["Kor mange årsverk hadde selskapet for kvar deltakarkommune i 2022?",
                                      "Hvor mange årsverk hadde selskapet fordelt på eierkommune i 2022?",
                                      "How many FTEs did the company have by department in 2022?",
                                      "How many FTEs did the company have for each member in 2022?"])
def test_a_split_the_data_lacks_is_refused_with_the_total_offered(warehouse, question):
    result = ask(question, warehouse=warehouse, engine="planner")
    assert result["status"] == "unanswerable", result["answer"]
    assert result["rows"] == [] and result["suggestions"], result
    assert "42" in result["answer"], result["answer"]  # the figure without the split, offered


def test_the_figure_without_a_split_is_answered(warehouse):
    result = ask("Hvor mange årsverk hadde selskapet i 2022?", warehouse=warehouse, engine="planner")
    assert result["status"] == "ok" and "42" in result["answer"], result["answer"]


@pytest.mark.parametrize("question, figure, not_figure", [
    ("Hvor mange utrykninger var det i 2022?", "355", "310"),
    ("Kor mange utrykningar var det i 2021?", "310", "355"),
])
def test_a_sentence_is_dated_by_its_own_year(warehouse, question, figure, not_figure):
    result = ask(question, warehouse=warehouse, engine="planner")
    assert result["status"] == "ok", result["answer"]
    values = [v for r in result["rows"] for v in r if isinstance(v, float)]
    assert float(figure) in values and float(not_figure) not in values, result["rows"]


@pytest.mark.parametrize("question, value", [
    ("Hvor stort var merforbruket i administrasjon i 2022?", -400000.0),
    ("Kor stort var meirforbruket for administrasjon i 2022?", -400000.0),
    ("Hva var avviket i kr for administrasjon i 2022?", -400000.0),
    ("Hva var avviket i prosent for administrasjon i 2022?", -8.0),
])
def test_the_printed_deviation_answers_without_an_actual_column(warehouse, question, value):
    result = ask(question, warehouse=warehouse, engine="planner")
    assert result["status"] == "ok", result["answer"]
    # the deviation asked, beside the budget it is measured against (the table prints no actual column)
    values = [v for r in result["rows"] for v in r if isinstance(v, float)]
    assert value in values and set(values) <= {value, 5000000.0}, result["rows"]


@pytest.mark.parametrize("question", ["Hvor mange kommuner hadde underskudd i 2022?",
                                      "Kor mange kommunar hadde underskot i 2022?"])
def test_a_count_stated_as_a_part_answers_with_the_part(warehouse, question):
    result = ask(question, warehouse=warehouse, engine="planner")
    assert result["status"] == "ok", result["answer"]
    assert [v for r in result["rows"] for v in r if isinstance(v, float)] == [4.0], result["rows"]


def test_a_count_written_in_words_is_found(warehouse):
    result = ask("Kor mange eigarkommunar har selskapet?", warehouse=warehouse, engine="planner")
    assert result["status"] == "ok", result["answer"]
    assert 6.0 in [v for r in result["rows"] for v in r if isinstance(v, float)], result["rows"]


def test_an_answer_that_states_the_unit_asked_is_no_swap():
    text = "Netto driftsresultat 2018: 380 000 000 kr. Samme setning oppgir også: 4,5 prosent (2018)."
    assert unit_not_asked(PERCENT, ["account", "amount_nok"], [("Netto driftsresultat", 3.8e8)], {}, text) is None


def test_a_member_named_or_a_members_share_is_no_missing_split():
    from app.engine.honest import split_not_shown

    one = {"status": "ok", "columns": ["unit", "municipality", "amount_nok"], "rows": [("Samarbeidet", "Ekby", 1.0)]}
    question = "Kostnader fordelt på kommunene 2020 – hvor mye gjaldt Ekby?"
    assert split_not_shown(question, {**one, "plan": ["type: cost_share"]}) is None
    assert split_not_shown(question, {**one, "plan": ["type: value"]}) is not None
