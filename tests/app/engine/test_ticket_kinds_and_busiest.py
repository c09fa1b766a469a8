"""Ticket questions over a small invented warehouse: the busiest week asked with its count ("…, og hvor mange saker
kom inn den uka?") is the one week ranked, not refused for "uka" nor answered with the year's total as well; a kind
of ticket written into the ticket noun ("brukarstøttesaker") filters on the value it names in any written form, and
one no field holds is said (every ticket counted), never silently dropped. Figures checked against SQL."""
from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from app.engine.families.base import Question, Reading
from app.engine.families.tickets import close_value, kinds_not_filtered
from app.engine.parts import clause_parts
from tests.app.engine.conftest import read_and_run as _ask
from tests.app.engine.conftest import scalar as _one
from tests.app.engine.conftest import write_ticket_warehouse

TICKET_COLUMNS = """ticket_key text, ticket_id text, source_system text, source_file text, organisation_key text,
    customer_name text, provider_unit_key text, created_at timestamp, created_date date, closed_at timestamp,
    resolved_at timestamp, priority text, priority_source text, category text, channel text, status text,
    is_resolved boolean, resolution_hours double, assignment_group text, phone_wait_seconds double"""


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> Path:
    rows = []
    start = datetime(2031, 1, 6, 8)
    for n in range(400):
        # every week gets a few tickets; week 10 gets a burst
        created = start + timedelta(hours=19 * n) if n < 360 else datetime(2031, 3, 5, 9) + timedelta(minutes=n)
        rows.append((f"k{n}", f"T{n}", "desk", "exports/desk_2031.csv", None, None, None, created, created.date(),
                     None, None, "ABC"[n % 3], "ABC"[n % 3], ("Brukerstøtte", "Nettverk", "Skriver")[n % 3],
                     None, "open", False, None, None, None))
    return write_ticket_warehouse(tmp_path_factory.mktemp("kinds") / "w.duckdb", TICKET_COLUMNS, rows, [], [], {})


WEEKLY = ("select count(*) from fct_ticket where year(created_date) = 2031 "
          "group by yearweek(created_date) order by 1 desc limit 1")


@pytest.mark.parametrize(("question", "lang"), [
    ("Hvilken uke var travlest i 2031, og hvor mange saker kom inn den uka?", "nb"),
    ("Kva veke var travlast i 2031, og kor mange saker kom inn den veka?", "nn"),
    ("Which week was busiest in 2031, and how many tickets came in that week?", "en"),
])
def test_the_busiest_week_and_its_count(vocab, con, question, lang):
    found, columns, rows = _ask(question, vocab, con, lang)
    assert isinstance(found, Reading), getattr(found, "answer", found)
    assert len(rows) == 1 and _one(con, WEEKLY) in rows[0]
    # the count of "that week" is the first clause's answer, no second question
    assert clause_parts(question, []) == []


@pytest.mark.parametrize(("question", "lang"), [
    ("Kor mange brukarstøttesaker kom inn i 2031?", "nn"),
    ("Hvor mange brukerstøttesaker kom inn i 2031?", "nb"),
])
def test_a_kind_written_into_the_ticket_noun_filters_on_that_value(vocab, con, question, lang):
    found, columns, rows = _ask(question, vocab, con, lang)
    assert isinstance(found, Reading)
    assert rows[0][-1] == _one(con, "select count(*) from fct_ticket where category = 'Brukerstøtte'")


def test_a_kind_no_field_holds_is_said():
    q = Question.parse("How many support tickets came in during 2031?", "en")
    assert kinds_not_filtered(q, set(), {}) == ["support"]
    assert close_value("support", {"category": ["Nettverk", "Skriver"]}) is None
    assert close_value("brukarstøtte", {"category": ["Brukerstøtte", "Nettverk"]}) == ("category", "Brukerstøtte")
    # a kind a filter took is not said again; plain "saker" names no kind
    assert kinds_not_filtered(Question.parse("Hvor mange brukerstøttesaker?", "nb"), {"brukerstøtt"}, {}) == []
    assert kinds_not_filtered(Question.parse("Hvor mange saker kom inn?", "nb"), set(), {}) == []


def test_the_note_is_in_the_answer(vocab, con):
    found, columns, rows = _ask("How many software tickets came in during 2031?", vocab, con, "en")
    assert isinstance(found, Reading)
    assert rows[0][-1] == _one(con, "select count(*) from fct_ticket")
    assert "Every ticket is counted" in found.sentence(columns, rows, "en")
