"""A question that asks one total and names no period ("How many tickets in total?") over a warehouse holding both a
report's yearly case counts and a ticket export: a run of the report's years answers no total, so the export's total
answers; a year named, or a run asked for, still reads the report's figures."""
from __future__ import annotations

import pytest

from app.engine.engine import QuestionEngine


@pytest.fixture(scope="module")
def engine(sample_warehouse):
    return QuestionEngine(sample_warehouse)


@pytest.fixture(scope="module")
def ticket_total(engine) -> int:
    # counted through the engine's own read-only connection (a second connection to the file in this process would
    # have to share its configuration)
    _, _, rows = engine.lookup("select count(*) from fct_ticket")
    return rows[0][0]


def _numbers(result: dict) -> set[float]:
    return {c for row in result.get("rows") or [] for c in row if isinstance(c, (int, float))}


@pytest.mark.parametrize("question", ["How many tickets in total?", "Hvor mange saker totalt?",
                                      "Hvor mange saker er registrert i helpdesk totalt?"])
def test_a_total_with_no_period_is_the_exports_total(engine, ticket_total, question):
    result = engine.ask(question)
    assert result["status"] == "ok"
    assert ticket_total in _numbers(result), result["answer"]
    assert "unit" not in (result.get("columns") or []), result["answer"]  # not the report's cases by unit and year


def test_a_run_or_a_year_still_reads_the_report(engine, ticket_total):
    run = engine.ask("Antall saker per år")
    assert run["status"] == "ok" and "year" in run["columns"] and len(run["rows"]) > 1
    year = engine.ask("Hvor mange saker i 2021?")
    assert year["status"] == "ok" and ticket_total not in _numbers(year), year["answer"]
