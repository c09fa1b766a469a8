"""A question is answered only with the number of the role it asks: the level of a measure is never a difference
against the budget or the year before stated in the same sentence, nor a change in percentage points (a level asked
where only the change is stated stays unanswerable; a change its sentence states may stand after the level, never in
its place), while a question asking the change or the deviation gets it.
Invented reports in bokmål and nynorsk, refreshed through the real flow (reader, dbt marts, engine)."""
from __future__ import annotations

import pytest

from app.engine.engine import ask
from app.engine.families.prose import roles_not_asked

REPORTS = {
    "nordvik_kommune_arsmelding_2031.txt": (
        "Nordvik kommune\nÅrsmelding 2031\n\nØkonomi\n\n"
        "Netto driftsresultat ble 612 millioner kroner, som er 214 mill. høyere enn budsjett.\n\n"
        "Skatteinntektene ble 905 millioner kroner, 21 mill. kroner mer enn året før.\n\n"
        "Sykefravær\n\n"
        "Innenfor hjemmetjenestene økte det samlede sykefraværet med 0,4 prosentpoeng fra 2030.\n"),
}


@pytest.fixture(scope="module")
def warehouse(warehouse_over_reports):
    return warehouse_over_reports(REPORTS, "prose_roles")


def _values(result) -> set[float]:
    if "value" not in result["columns"]:
        return set()
    i = result["columns"].index("value")
    return {r[i] for r in result["rows"]}


def _numbers(result) -> set[float]:
    return {v for r in result["rows"] for v in r if isinstance(v, float)}


def test_the_level_asked_is_the_level_never_the_difference_beside_it(warehouse):
    result = ask("Hva var netto driftsresultat i Nordvik kommune i 2031?", warehouse=warehouse, engine="planner")
    assert 214_000_000 not in _values(result), result["answer"]
    assert result["status"] == "unanswerable" or 612_000_000 in _numbers(result), result["answer"]
    # a change stated beside the level may stand after it, never in its place
    result = ask("Hvor store var skatteinntektene i Nordvik kommune i 2031?", warehouse=warehouse, engine="planner")
    i = result["columns"].index("value") if result["rows"] else None
    assert result["rows"] and result["rows"][0][i] == 905_000_000, result["answer"]


def test_a_level_asked_where_only_a_change_in_points_is_stated_is_unanswerable(warehouse):
    result = ask("Hvor høyt var sykefraværet i hjemmetjenestene i Nordvik kommune i 2031?", warehouse=warehouse,
                 engine="planner")
    assert 0.4 not in _numbers(result), result["answer"]
    assert result["status"] == "unanswerable" and not result["rows"], result["answer"]


class _Data:
    prose_roles = {"a": "endring", "b": "avvik", "c": "før"}


@pytest.mark.parametrize("question, left_out", [
    ("Hva var netto driftsresultat i 2031?", {"a", "b", "c"}),
    ("Hvor mye økte sykefraværet i 2031?", set()),
    ("Kor stor var befolkningsveksten i 2031?", set()),  # a change word as the head of a compound
    ("Kor mange fleire innbyggjarar fekk kommunen i 2031?", set()),
    ("Hvor stort var avviket mot budsjett i 2031?", {"a", "c"}),
    ("Hvor stort var merforbruket i 2031?", {"a", "c"}),
    ("What was sick leave before the reorganisation?", {"a", "b"}),
])
def test_which_roles_a_question_asks(question, left_out):
    class Q:
        raw = question

    assert roles_not_asked(Q(), _Data()) == frozenset(left_out)


def test_a_change_chosen_brings_the_levels_its_sentence_went_from_and_to():
    from app.engine.families.prose import with_levels_of_change

    said = "I barnehagene gikk sykefraværet ned med 1,1 prosentpoeng fra 8,3 til 7,2 prosent."
    other = "Sykefraværet i skolene var 6,0 prosent og i barnehagene 7,2 prosent."

    class Data:
        prose_figures = (("c", "a.txt", 2031, 2031, "sykefraværet", said, "pp"),
                         ("b", "a.txt", 2031, 2031, "sykefraværet (før)", said, "pct"),
                         ("l", "a.txt", 2031, 2031, "sykefraværet", said, "pct"),
                         ("x", "a.txt", 2031, 2031, "skolene", other, "pct"),
                         ("y", "a.txt", 2031, 2031, "barnehagene", other, "pct"))
        prose_roles = {"c": "endring", "b": "før"}

    assert with_levels_of_change(["c"], Data()) == ["c", "b", "l"]
    assert with_levels_of_change(["l"], Data()) == ["l", "c"]  # a level chosen keeps its sentence's change beside it
    assert with_levels_of_change(["x"], Data()) == ["x"]
