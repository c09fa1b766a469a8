"""A cancelled ticket (closed, never resolved) is neither a resolved ticket ("løste saker": its closing is no
resolution, its time no resolution time) nor an open one. Every figure is checked against SQL over the same rows."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from app.engine.families.base import Reading
from tests.app.engine.conftest import TOWN_NAMES, TOWNS, write_ticket_warehouse
from tests.app.engine.conftest import read_and_run as _ask
from tests.app.engine.conftest import scalar as _one

UTC = timezone.utc
SYSTEM, FILE = "inferred_0d1e2f3a", "exports/fjordnett_helpdesk_saker_2024.xlsx"
ORGS = ("nord", "sor", "vest")


@pytest.fixture(scope="module")
def organisations():
    return TOWNS



@pytest.fixture(scope="module")
def cancelled_warehouse(tmp_path_factory) -> Path:
    """Tickets resolved, cancelled (closed with no resolution) and open, each with a closed time when done."""
    columns = """ticket_key text, ticket_id text, source_system text, source_file text, organisation_key text,
        customer_name text, created_at timestamptz, created_date date, closed_at timestamptz, status text,
        resolution_hours double, is_resolved boolean"""
    rows = []
    for n in range(90):
        created = datetime(2024, 1, 2, 8, tzinfo=UTC) + timedelta(hours=61 * n)
        status = ("resolved", "resolved", "cancelled", "resolved", "open")[n % 5]
        hours = None if status == "open" else (2.0 + n % 7 if status == "resolved" else 400.0 + n)
        closed = None if hours is None else created + timedelta(hours=hours)
        rows.append((f"{SYSTEM}:{n}", f"HT{n:05d}", SYSTEM, FILE, ORGS[n % 3], None, created, created.date(), closed,
                     status, hours, status == "resolved"))
    return write_ticket_warehouse(tmp_path_factory.mktemp("cancelled") / "w.duckdb", columns, rows, [], [],
                                  TOWN_NAMES)


def test_a_cancelled_ticket_is_no_resolved_ticket_nor_an_open_one(cancelled_warehouse, organisations):
    import duckdb

    from tests.app.engine.conftest import vocabulary_over

    con = duckdb.connect(str(cancelled_warehouse), read_only=True)
    vocab = vocabulary_over(con, organisations)
    found, cols, rows = _ask("Median løsningstid i timer for løste saker i 2024?", vocab, con, "nb")
    assert isinstance(found, Reading), getattr(found, "answer", None)
    expected = _one(con, "select median(resolution_hours) from fct_ticket where status = 'resolved'")
    assert rows[0][0] == pytest.approx(expected, abs=0.01), (found.sql, rows)
    found, cols, rows = _ask("Hvor mange saker er fortsatt åpne?", vocab, con, "nb")
    assert isinstance(found, Reading), getattr(found, "answer", None)
    assert rows[0][0] == _one(con, "select count(*) from fct_ticket where status = 'open'"), (found.sql, rows)
