"""A value of an export's own column written whole in the question ("(Access/Password reset)" of its «Catalog»), beside
another export's category that shares one of its words («Account/Access»): the words are the column's value, no second
condition no ticket of the export asked can meet (which would answer 0). Every figure is checked against SQL over the
same rows."""
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
SOURCES = (("inferred_1a2b3c4d", "exports/gammadesk_service_tickets.json", ("Account/Access", "Network", "Software")),
           ("inferred_5e6f7a8b", "exports/betaliste_incidents.xlsx", None))
CATALOG = ("Access/Password reset", "Hardware/Printer", "Software/Install")


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> Path:
    rows, attributes = [], []
    for s, (system, file, categories) in enumerate(SOURCES):
        for n in range(120):
            created = datetime(2023, 1, 3, 9, tzinfo=UTC) + timedelta(hours=151 * n + 5 * s)
            key = f"{system}:{n}"
            rows.append((key, str(n), system, file, "nord", None, created, created.date(),
                         categories[n % 3] if categories else None, "resolved"))
            if categories is None:
                attributes.append((f"a{n}", key, system, str(n), "Catalog", CATALOG[n % 3 if n % 5 else 0], None, 1,
                                   file))
    return write_ticket_warehouse(tmp_path_factory.mktemp("attribute-words") / "w.duckdb", TICKET_COLUMNS, rows, [],
                                  attributes, {"nord": "Nordvik kommune"})


@pytest.fixture(scope="module")
def organisations():
    return {"nord": ("Nordvik kommune", "Nordvik")}


def test_a_value_written_whole_is_the_columns_not_another_exports_category(vocab, con):
    found, cols, rows = _ask("Antall saker om passordreset (Access/Password reset) i Betalista i 2024", vocab, con, "nb")
    assert isinstance(found, Reading), getattr(found, "answer", None)
    expected = _one(con, """select count(distinct t.ticket_key) from fct_ticket t join fct_ticket_attribute a
        on a.ticket_key = t.ticket_key where t.source_system = 'inferred_5e6f7a8b' and a.attribute = 'Catalog'
        and a.value = 'Access/Password reset' and year(t.created_date) = 2024""")
    assert expected > 0 and rows[0][-1] == expected, (found.sql, rows)
    assert "Account/Access" not in found.sql
