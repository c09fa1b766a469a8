"""A share of a part of a year ("hvor stor andel av sakene i 2024 kom i august?", "what share of the 2023 tickets came in
Q3"): the part's tickets of the year's, per export when several are loaded and none is named — never the part's count
alone; an export that ends before the part has no share of it (said, no 0 %). Every figure is checked against SQL over
the same rows."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from app.engine.families.base import Reading
from tests.app.engine.conftest import read_and_run as _ask
from tests.app.engine.conftest import scalar as _one
from tests.app.engine.conftest import write_ticket_warehouse

TICKET_COLUMNS = """ticket_key text, ticket_id text, source_system text, source_file text, organisation_key text,
    customer_name text, created_at timestamptz, created_date date, status text"""
UTC = timezone.utc
# (system, file, hours between tickets, tickets): the second ends in spring 2024
SOURCES = (("inferred_11aa22bb", "exports/nordesk_saker_2023-2024.csv", 61, 290),
           ("inferred_33cc44dd", "exports/sorhjelp_tickets_2023-2024.json", 97, 120))


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> Path:
    rows = []
    for system, file, hours, count in SOURCES:
        for n in range(count):
            created = datetime(2023, 1, 2, 8, tzinfo=UTC) + timedelta(hours=hours * n)
            rows.append((f"{system}:{n}", str(n), system, file, "nord", None, created, created.date(), "resolved"))
    return write_ticket_warehouse(tmp_path_factory.mktemp("part-share") / "w.duckdb", TICKET_COLUMNS, rows, [], [],
                                  {"nord": "Nordvik kommune"})


@pytest.fixture(scope="module")
def organisations():
    return {"nord": ("Nordvik kommune", "Nordvik")}


def _count(con, system: str, where: str) -> int:
    return _one(con, f"select count(*) from fct_ticket where source_system = '{system}' and {where}")


@pytest.mark.parametrize("question, lang, part", [
    ("Hvor stor andel av Nordesk-sakene i 2024 kom i august?", "nb", "month(created_date) = 8"),
    ("Kor stor del av Nordesk-sakene i 2023 kom i tredje kvartal?", "nn", "quarter(created_date) = 3"),
])
def test_the_part_of_a_year_is_a_share_of_the_years_tickets(vocab, con, question, lang, part):
    found, cols, rows = _ask(question, vocab, con, lang)
    assert isinstance(found, Reading), getattr(found, "answer", None)
    year = 2024 if "2024" in question else 2023
    system = SOURCES[0][0]
    asked = _count(con, system, f"year(created_date) = {year} and {part}")
    all_year = _count(con, system, f"year(created_date) = {year}")
    i = {c: k for k, c in enumerate(cols)}
    assert [(r[i["tickets"]], r[i["tickets_all"]]) for r in rows] == [(asked, all_year)]
    assert rows[0][i["share_pct"]] == round(100 * asked / all_year, 1)


def test_an_export_that_ends_before_the_part_is_left_out_and_named(vocab, con):
    found, cols, rows = _ask("What share of the 2024 tickets came in August?", vocab, con, "en")
    assert isinstance(found, Reading), getattr(found, "answer", None)
    i = {c: k for k, c in enumerate(cols)}
    ended = _one(con, f"select max(created_date) from fct_ticket where source_system = '{SOURCES[1][0]}'")
    assert ended.year == 2024 and ended.month < 8
    assert [r[i["tickets"]] for r in rows] == [_count(con, SOURCES[0][0], "year(created_date) = 2024 and "
                                                                          "month(created_date) = 8")]
    assert "sorhjelp_tickets_2023-2024.json" in found.sentence(cols, rows, "en")
