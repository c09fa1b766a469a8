"""A flattened object's readable field ("assignee_name") beside its code ("assignee_id") and address
("assignee_email"): a question about the person is answered by the name a person reads, never by the code. "Hvilken
kommune sto for flest" is a ranking ("sto for" is its verb, no field). Every figure is checked against SQL over the
same rows."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from app.engine.families.base import Reading
from tests.app.engine.conftest import TOWN_NAMES, TOWNS, write_ticket_warehouse
from tests.app.engine.conftest import read_and_run as _ask

TICKET_COLUMNS = """ticket_key text, ticket_id text, source_system text, source_file text, organisation_key text,
    customer_name text, created_at timestamptz, created_date date, status text"""
UTC = timezone.utc
SYSTEM, FILE = "inferred_9a8b7c6d", "exports/fjordnett_conversation_export_2024.json"
ORGS = ("nord", "sor", "nord", "vest", "nord", "sor")
AGENTS = (("Kari Berg", "0f9e6c1a-1111-4aaa-8bbb-000000000001"), ("Ola Dahl", "0f9e6c1a-2222-4aaa-8bbb-000000000002"),
          ("Siri Lund", "0f9e6c1a-3333-4aaa-8bbb-000000000003"))


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> Path:
    rows, attributes = [], []
    for n in range(240):
        created = datetime(2024, 1, 2, 8, tzinfo=UTC) + timedelta(hours=35 * n)
        key = f"{SYSTEM}:{n}"
        rows.append((key, str(n), SYSTEM, FILE, ORGS[n % 6], None, created, created.date(), "closed"))
        name, code = AGENTS[(n * 7) % 11 % 3]
        for header, value in (("assignee_email", name.split()[0].lower() + "@fjordnett.no"), ("assignee_id", code),
                              ("assignee_name", name)):
            attributes.append((f"{header}{n}", key, SYSTEM, str(n), header, value, None, 1, FILE))
    return write_ticket_warehouse(tmp_path_factory.mktemp("readable-fields") / "w.duckdb", TICKET_COLUMNS, rows, [],
                                  attributes, TOWN_NAMES)


@pytest.fixture(scope="module")
def organisations():
    return TOWNS


@pytest.mark.parametrize("question, lang", [
    ("Hvilken saksbehandler håndterte flest samtaler i 2024?", "nb"),
    ("Which assignee handled the most conversations in 2024?", "en"),
])
def test_the_person_is_named_by_the_readable_field(vocab, con, question, lang):
    found, cols, rows = _ask(question, vocab, con, lang)
    assert isinstance(found, Reading), getattr(found, "answer", None)
    expected = con.execute("""select value, count(*) from fct_ticket_attribute where attribute = 'assignee_name'
        group by 1 order by 2 desc""").fetchall()
    assert rows[0] == expected[0], (found.sql, rows)


def test_which_customer_accounted_for_the_most(vocab, con):
    found, cols, rows = _ask("Hvilken kommune sto for flest henvendelser i 2024?", vocab, con, "nb")
    assert isinstance(found, Reading), getattr(found, "answer", None)
    expected = con.execute("""select customer_name, count(*) from fct_ticket where year(created_date) = 2024
        group by 1 order by 2 desc""").fetchall()
    assert rows[0] == expected[0], (found.sql, rows)
