"""A field whose values are kinds written as a short head, a dash and a gloss of it (an ITSM request category:
"Incident - Request for Incident Resolution", "RFC - Request for Change"): the head names its value, a ticket noun
among them ("incidents") too, while a noun every gloss shares ("requests") still names every ticket. Every figure is
checked against SQL over the same rows."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from app.engine.families.base import Reading
from tests.app.engine.conftest import read_and_run as _ask
from tests.app.engine.conftest import scalar as _one
from tests.app.engine.conftest import write_ticket_warehouse

TICKET_COLUMNS = """ticket_key text, ticket_id text, source_system text, source_file text, organisation_key text,
    customer_name text, created_at timestamptz, created_date date, category text, status text"""
UTC = timezone.utc
SYSTEM, FILE = "inferred_5a6b7c8d", "exports/fjellnett_requests_2023-2024.csv"
KINDS = ("Incident - Request for Incident Resolution", "RFC - Request for Change", "Incident - Request for Incident "
         "Resolution", "RFI - Request for Information", "Complaint - Request for Complaint Resolution")


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> Path:
    rows = []
    for n in range(400):
        created = datetime(2023, 1, 2, 8, tzinfo=UTC) + timedelta(hours=43 * n)
        rows.append((f"{SYSTEM}:{n}", str(60000 + n), SYSTEM, FILE, "nord", None, created, created.date(),
                     KINDS[(n * 3) % 7 % 5], "resolved"))
    return write_ticket_warehouse(tmp_path_factory.mktemp("glossed-kinds") / "w.duckdb", TICKET_COLUMNS, rows, [], [],
                                  {"nord": "Nordvik kommune"})


@pytest.fixture(scope="module")
def organisations():
    return {"nord": ("Nordvik kommune", "Nordvik")}


def _count(con, kind: str | None, year: int = 2024) -> int:
    where = f" and category like '{kind} - %'" if kind else ""
    return _one(con, f"select count(*) from fct_ticket where year(created_date) = {year}{where}")


@pytest.mark.parametrize("question, lang, kind", [
    ("How many incidents did we have in 2024?", "en", "Incident"),
    ("Hvor mange RFC hadde vi i 2024?", "nb", "RFC"),
    ("How many complaints came in during 2024?", "en", "Complaint"),
    ("How many requests did we have in 2024?", "en", None),
])
def test_the_head_of_a_glossed_kind_names_it(vocab, con, question, lang, kind):
    found, cols, rows = _ask(question, vocab, con, lang)
    assert isinstance(found, Reading), getattr(found, "answer", None)
    assert rows[0][0] == _count(con, kind) and 0 < _count(con, kind), (found.sql, rows)


def test_the_share_of_a_glossed_kind(vocab, con):
    found, cols, rows = _ask("Hvor stor andel av sakene i 2024 var incidents?", vocab, con, "nb")
    assert isinstance(found, Reading), getattr(found, "answer", None)
    assert (rows[0][0], rows[0][1]) == (_count(con, "Incident"), _count(con, None)), (found.sql, rows)
