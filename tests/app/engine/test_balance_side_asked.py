"""A signed balance asked by its overspend side: "Hvor stort merforbruk hadde Nordvik i 2030?" asks the overspend's
size, so a budget result of -7,5 mill. is answered as a "merforbruk" of 7,5 mill. (an underspend then shows as a
negative overspend); the balance named as such ("mer-/mindreforbruk") or by its other side keeps the signed result.
Invented figures in an in-memory warehouse."""
from __future__ import annotations

import duckdb
import pytest

from app.engine import answer
from app.engine.catalog import load_metrics
from app.engine.families.measures import Cues, compile_facts
from app.engine.families.value import shape as value_shape
from app.engine.planner import Plan, UnitRef, Vocabulary
from app.engine.text import normalise


@pytest.fixture(scope="module")
def facts():
    con = duckdb.connect()
    con.execute("create table dim_unit (unit_key varchar, unit_name varchar, unit_level varchar)")
    con.execute("insert into dim_unit values ('nv', 'Nordvik kommune', 'organisation')")
    con.execute("create table fct_metric_value (is_latest boolean, metric_code varchar, unit_key varchar, value_year int, "
                "quarter int, subject varchar, qualifier varchar, value double, file_name varchar, page int, "
                "excerpt varchar, period_code varchar)")
    con.execute("insert into fct_metric_value values (true, 'budget_result_nok', 'nv', 2030, null, null, null, -7500000, "
                "'r.pdf', 3, 'et merforbruk på 7,5 mill', null)")
    return con


def _answer(facts, question: str, lang: str = "nb"):
    metrics = load_metrics()
    plan = Plan(question=question, family="value", metrics=["budget_result_nok"],
                units=[UnitRef("nv", "Nordvik kommune")], years=[2030])
    text = normalise(question)
    value_shape(plan, Cues(text=text, rest=text), Vocabulary(metrics=metrics, unit_aliases={}))
    cur = facts.execute(compile_facts(plan))
    columns = [d[0] for d in cur.description]
    rows = cur.fetchall()
    return rows[0][columns.index("budget_result_nok")], answer.metric_sentence(plan, metrics, columns, rows, lang)


@pytest.mark.parametrize("question, lang, word", [
    ("Hvor stort merforbruk hadde Nordvik kommune i 2030?", "nb", "Merforbruk"),
    ("Kor stort meirforbruk hadde Nordvik kommune i 2030?", "nb", "Meirforbruk"),
    ("How large was the overspend of Nordvik kommune in 2030?", "en", "Overspend"),
])
def test_the_overspend_side_asked_is_answered_by_its_size(facts, question, lang, word):
    value, sentence = _answer(facts, question, lang)
    assert value == 7500000
    assert sentence.startswith(word) and "−" not in sentence


@pytest.mark.parametrize("question", ["Mer-/mindreforbruk for Nordvik kommune i 2030",
                                      "Hvor stort mindreforbruk hadde Nordvik kommune i 2030?",
                                      "Hadde Nordvik kommune merforbruk eller mindreforbruk i 2030?"])
def test_the_balance_or_its_other_side_keeps_the_signed_result(facts, question):
    assert _answer(facts, question)[0] == -7500000
