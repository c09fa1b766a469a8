"""A nearby reading (a word of the question not used) must still answer the measure the question names: the rows of
another organisation's accounts table are never a nearby answer to a question about sick leave."""
from __future__ import annotations

from app.engine.catalog_model import Metric
from app.engine.engine import _measure_not_answered
from app.engine.planner import Vocabulary

SICK = Metric("sick", "Sykefravær", "Sick leave", ("sick leave", "sykefravær", "sjukefråvær", "fravær"), "pct", False, "")


def _vocab() -> Vocabulary:
    return Vocabulary(metrics={"sick": SICK}, unit_aliases={}, organisations={}, organisation_names={})


def test_rows_of_another_measure_answer_no_nearby_reading():
    accounts = {"interpretation": "rows of the table «Resultaträkning», 2031, largest first",
                "answer": "Rows of the report table in order: Skatter och statsbidrag 1 250 > Borgensåtagande 310",
                "columns": ["row_label", "value"], "rows": [["Skatter och statsbidrag", 1250.4], ["Borgensåtagande", 310]]}
    question = "Which municipality in Nordheia had the highest sick leave in the third quarter of 2031?"
    assert _measure_not_answered(question, accounts, _vocab()) == ["sick leave"]


def test_rows_of_the_measure_asked_in_another_language_are_its_answer():
    table = {"interpretation": "rows of the table «Sjukefråvær i kommunane», 2031",
             "answer": "Solvik kommune 7,1 > Seljeby kommune 6,5 (column «Sjukefråvær 3. kv. 2031 (prosent)»)",
             "columns": ["organisation", "value"], "rows": [["Solvik kommune", 7.1]]}
    question = "Which municipality in Nordheia had the highest sick leave in the third quarter of 2031?"
    assert _measure_not_answered(question, table, _vocab()) == []


def test_parts_that_lost_the_measure_answer_none_of_it():
    # "the highest and the lowest <measure>" split so the first part has no measure: a tax row answers none of it
    parts = {"interpretation": "Answered in parts: table row «Till kommunen», 2031",
             "answer": "Kommunalskatt 19,48. This part could not be answered: «which had the lowest sick leave»",
             "columns": ["organisation", "row_label", "value"], "rows": [["Exempelby kommun", "Till kommunen", 19.48]],
             "sources": [{"excerpt": "Till kommunen 19,48"}]}
    question = "Which municipalities had the highest and the lowest sick leave in Q4 2031?"
    assert _measure_not_answered(question, parts, _vocab()) == ["sick leave"]
