"""A column that holds one value on every ticket of its export (an Odoo list's «Firma» = the service desk's own
company): naming that value names the export, as its file name does — it selects no subset, so the question's own
measure, filter and breakdown are answered over the export's tickets. A column of one value on some tickets only
(«Etiketter» = Skule) still filters. Every figure is checked against SQL over the same rows."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from app.engine.families.base import Reading
from tests.app.engine.conftest import TOWN_NAMES, TOWNS, write_ticket_warehouse
from tests.app.engine.conftest import read_and_run as _ask
from tests.app.engine.conftest import scalar as _one

TICKET_COLUMNS = """ticket_key text, ticket_id text, source_system text, source_file text, organisation_key text,
    customer_name text, created_at timestamptz, created_date date, channel text, status text"""
UTC = timezone.utc
SYSTEM, FILE = "inferred_0d1e2f3a", "exports/fjordnett_helpdesk_saker_2023-2024.xlsx"
ORGS = ("nord", "sor", "vest")
CHANNELS = ("email", "portal", "phone", "email", "portal")
PEOPLE = ("Kari Berg", "Ola Dahl", "Siri Lund")


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> Path:
    rows, attributes = [], []
    for n in range(300):
        created = datetime(2023, 1, 2, 8, tzinfo=UTC) + timedelta(hours=57 * n)
        key = f"{SYSTEM}:{n}"
        rows.append((key, f"HT{n:05d}", SYSTEM, FILE, ORGS[n % 3], None, created, created.date(), CHANNELS[n % 5],
                     "resolved"))
        attributes.append((f"f{n}", key, SYSTEM, f"HT{n:05d}", "Firma", "Fjordnett IKT", None, 1, FILE))
        attributes.append((f"p{n}", key, SYSTEM, f"HT{n:05d}", "Tildelt bruker", PEOPLE[n * n % 7 % 3], None, 1, FILE))
        if n % 4 == 0:
            attributes.append((f"e{n}", key, SYSTEM, f"HT{n:05d}", "Etiketter", "Skule", None, 1, FILE))
    return write_ticket_warehouse(tmp_path_factory.mktemp("constant-columns") / "w.duckdb", TICKET_COLUMNS, rows, [],
                                  attributes, TOWN_NAMES)


@pytest.fixture(scope="module")
def organisations():
    return TOWNS


def test_the_desks_own_company_named_keeps_the_channel_share(vocab, con):
    found, cols, rows = _ask("What share of Fjordnett IKT's tickets in 2024 came in through the web portal?", vocab,
                             con, "en")
    assert isinstance(found, Reading), getattr(found, "answer", None)
    part = _one(con, "select count(*) from fct_ticket where channel = 'portal' and year(created_date) = 2024")
    whole = _one(con, "select count(*) from fct_ticket where year(created_date) = 2024")
    assert 0 < part < whole
    assert rows[0][0] == part and rows[0][1] == whole, (found.sql, rows)


def test_the_desks_own_company_named_keeps_the_breakdown_by_the_person(vocab, con):
    found, cols, rows = _ask("Kven av saksbehandlarane hos Fjordnett IKT hadde flest saker i 2024?", vocab, con, "nn")
    assert isinstance(found, Reading), getattr(found, "answer", None)
    expected = con.execute("""select a.value, count(*) from fct_ticket t join fct_ticket_attribute a
        on a.ticket_key = t.ticket_key and a.attribute = 'Tildelt bruker' where year(t.created_date) = 2024
        group by 1 order by 2 desc""").fetchall()
    assert len(expected) == 3 and rows[0] == expected[0], (found.sql, rows)


def test_the_desks_own_company_named_keeps_the_customers_compared(vocab, con):
    found, cols, rows = _ask("Samanlikn talet på saker frå Nordvik og Sørvik hos Fjordnett IKT i 2023.", vocab, con,
                             "nn")
    assert isinstance(found, Reading), getattr(found, "answer", None)
    expected = dict(con.execute("""select customer_name, count(*) from fct_ticket where year(created_date) = 2023
        and organisation_key in ('nord', 'sor') group by 1""").fetchall())
    got = {r[0]: r[-1] for r in rows if r[0] in expected}
    assert got == expected, (found.sql, rows)


def test_a_value_on_some_tickets_only_still_filters(vocab, con):
    found, cols, rows = _ask("Hvor mange saker hadde etiketten Skule i 2024?", vocab, con, "nb")
    assert isinstance(found, Reading), getattr(found, "answer", None)
    expected = _one(con, """select count(*) from fct_ticket t join fct_ticket_attribute a on a.ticket_key = t.ticket_key
        and a.attribute = 'Etiketter' and a.value = 'Skule' where year(t.created_date) = 2024""")
    whole = _one(con, "select count(*) from fct_ticket where year(created_date) = 2024")
    assert 0 < expected < whole and rows[0][0] == expected, (found.sql, rows)

