"""The stock of tickets at a day's end over an invented status history: "ikkje lukka" / "not closed" counts the tickets
without a closing by then (a ticket resolved but not yet closed is still open), "uløste" / "not resolved" those
neither resolved nor closed; a value the question says not to count is left out. Expected figures are computed here
from the events written here."""
from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from app.engine.families.base import Reading
from tests.app.engine.conftest import read_and_run as _ask
from tests.app.engine.conftest import write_ticket_warehouse

LOG = "exports/desk_history.csv"
TICKET_COLUMNS = """ticket_key text, ticket_id text, source_system text, source_file text, organisation_key text,
    customer_name text, created_at timestamp, created_date date, resolved_at timestamp, closed_at timestamp,
    priority text, status text, status_source text, is_resolved boolean"""
DAY = date(2024, 12, 31)


def _tickets():
    out = []
    start = datetime(2024, 10, 1, 8)  # into 2025: the exports cover the whole day asked
    for n in range(80):
        created = start + timedelta(hours=37 * n)
        steps = [("Ny", "new", 0.0)]
        if n % 4:
            steps.append(("Løst", "resolved", 20.0 + 9 * (n % 7)))
            if n % 3:
                steps.append(("Lukket", "closed", steps[-1][2] + 60 + 30 * (n % 5)))
        if n % 10 == 0:
            steps.append(("Annullert", "cancelled", 5.0))
        out.append((f"k{n}", f"INC-{n}", created, steps))
    return out


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> Path:
    rows, events = [], []
    for key, tid, created, steps in _tickets():
        times = {state: created + timedelta(hours=h) for _, state, h in steps}
        for seq, (raw, state, h) in enumerate(sorted(steps, key=lambda s: s[2]), start=1):
            at = created + timedelta(hours=h)
            events.append((key, "desk", tid, at, at.date(), seq, raw, "Kari", state, created.date(), h / 24, LOG))
        last = max(steps, key=lambda s: s[2])
        rows.append((key, tid, "desk", LOG, "aldal", None, created, created.date(), times.get("resolved"),
                     times.get("closed"), "C", last[1], last[0], last[1] in ("resolved", "closed")))
    return write_ticket_warehouse(tmp_path_factory.mktemp("closed-or-resolved") / "w.duckdb", TICKET_COLUMNS, rows,
                                  events, [], {"aldal": "Aldal kommune"})


def _state_at(steps, created, day):
    """The ticket's state after its last event on or before the day."""
    end = datetime(day.year, day.month, day.day, 23, 59, 59)
    seen = [s for s in sorted(steps, key=lambda s: s[2]) if created + timedelta(hours=s[2]) <= end]
    return seen[-1][1] if seen else "new"


def _count(final_states):
    return sum(1 for _, _, created, steps in _tickets() if created.date() <= DAY
               and _state_at(steps, created, DAY) not in final_states)


def test_not_closed_counts_the_resolved_not_yet_closed(vocab, con):
    found, cols, rows = _ask("Kor mange saker var ikkje lukka ved utgangen av 2024?", vocab, con, "nn")
    assert isinstance(found, Reading), getattr(found, "answer", None)
    assert rows[0][0] == _count({"closed", "cancelled"}), found.sql


def test_not_resolved_counts_neither_resolved_nor_closed(vocab, con):
    found, cols, rows = _ask("Hvor mange saker var fortsatt uløste ved utgangen av 2024?", vocab, con, "nb")
    assert isinstance(found, Reading), getattr(found, "answer", None)
    assert rows[0][0] == _count({"resolved", "closed", "cancelled"})
    assert _count({"closed", "cancelled"}) > rows[0][0]  # the two questions differ on these tickets
