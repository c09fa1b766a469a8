""""What share got a first reply within 8 hours", "hvor mange fikk første respons innen 2 timer": the tickets whose
first response came that soon after registration, of those with a first response — never the median or mean time in
its place. Every figure is checked against SQL over the same rows."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from app.engine.families.base import Reading
from tests.app.engine.conftest import read_and_run as _ask
from tests.app.engine.conftest import scalar as _one
from tests.app.engine.conftest import write_ticket_warehouse

TICKET_COLUMNS = """ticket_key text, ticket_id text, source_system text, source_file text, organisation_key text,
    customer_name text, created_at timestamptz, created_date date, first_response_minutes double, status text"""
UTC = timezone.utc
SYSTEM, FILE = "inferred_1f2e3d4c", "exports/lonn_hr_activity_2023-2024.csv"


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> Path:
    rows = []
    for n in range(300):
        created = datetime(2023, 1, 2, 8, tzinfo=UTC) + timedelta(hours=53 * n)
        minutes = None if n % 11 == 0 else float((n * 97) % 1500)
        rows.append((f"{SYSTEM}:{n}", str(n), SYSTEM, FILE, "nord", None, created, created.date(), minutes, "closed"))
    return write_ticket_warehouse(tmp_path_factory.mktemp("response-within") / "w.duckdb", TICKET_COLUMNS, rows, [], [],
                                  {"nord": "Nordvik kommune"})


@pytest.fixture(scope="module")
def organisations():
    return {"nord": ("Nordvik kommune", "Nordvik")}


@pytest.mark.parametrize("question, lang, hours", [
    ("What share of the 2024 tickets got a first reply within 8 hours?", "en", 8),
    ("Hvor stor andel av sakene fikk første svar innen 4 timer i 2024?", "nb", 4),
])
def test_the_share_answered_that_soon(vocab, con, question, lang, hours):
    found, cols, rows = _ask(question, vocab, con, lang)
    assert isinstance(found, Reading), getattr(found, "answer", None)
    within = _one(con, f"select count(*) from fct_ticket where year(created_date) = 2024 and first_response_minutes "
                       f"<= {hours * 60}")
    responded = _one(con, "select count(first_response_minutes) from fct_ticket where year(created_date) = 2024")
    assert 0 < within < responded
    assert (rows[0][cols.index("tickets_within")], rows[0][cols.index("tickets_done")]) == (within, responded), \
        (found.sql, rows)
    assert "median" not in found.sql
