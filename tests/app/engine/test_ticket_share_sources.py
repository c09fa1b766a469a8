"""Shares over two invented exports from two source systems, refreshed through the real loaders: an event log
(several rows per ticket) and a flat desk export (one row per ticket). A share is one row per source system,
named by its export, and a share "closed in <year>" is of the tickets created in that year. Every figure is
computed here with DuckDB over the CSV files written here, never a number written into the test."""
from __future__ import annotations

from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

import duckdb
import pytest

from tests.app.engine.conftest import planner_answer

LOG = "desk_eventlog.csv"
FLAT = "desk_export.csv"


def _write_exports(folder):
    log = ["concept:name,org:resource,time:timestamp,case:concept:name"]
    for n in range(60):  # tickets created 2019–2020; some closed the next year, some never
        created = datetime(2019, 3, 1, 9) + timedelta(days=11 * n)
        steps = [("Insert ticket", 0), ("Take in charge ticket", 1)]
        if n % 4:
            steps.append(("Resolve ticket", 3))
            if n % 5:
                steps.append(("Closed", 5 + (n % 7) * 12))
        for activity, days in steps:
            log.append(f"{activity},Value {n % 3},{(created + timedelta(days=days)):%Y-%m-%d %H:%M:%S},Case{n}")
    (folder / LOG).write_text("\n".join(log) + "\n", encoding="utf-8")
    flat = ["Meldingsnummer;Meldingsdato;Lukket dato;Prioritet;Behandlingsstatus"]
    for n in range(45):
        created = datetime(2020, 1, 6, 10) + timedelta(days=9 * n)
        closed = created + timedelta(days=2 + n % 50) if n % 3 else None
        flat.append(f"M{n};{created:%d.%m.%Y %H:%M};{closed:%d.%m.%Y %H:%M};C - Normal;Lukket" if closed else
                    f"M{n};{created:%d.%m.%Y %H:%M};;C - Normal;Registrert")
    (folder / FLAT).write_text("\n".join(flat) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    inbox = tmp_path_factory.mktemp("share-inbox")
    _write_exports(inbox)
    return inbox


@pytest.fixture(scope="module")
def engine(folder, engine_over_exports):
    return engine_over_exports(folder, "share-warehouse")


@pytest.fixture(scope="module")
def plain(folder):
    con = duckdb.connect()
    con.execute(f"""create view events as select "case:concept:name" as case_id, "concept:name" as activity,
        cast("time:timestamp" as timestamp) as ts from read_csv('{folder / LOG}', all_varchar = true)""")
    con.execute(f"""create view desk as select Meldingsnummer as id, strptime(Meldingsdato, '%d.%m.%Y %H:%M') as created,
        strptime(nullif("Lukket dato", ''), '%d.%m.%Y %H:%M') as closed from read_csv('{folder / FLAT}',
        all_varchar = true, delim = ';')""")
    yield con
    con.close()


def _by_export(r):
    cols = r["columns"]
    return {row[cols.index("export")]: (row[cols.index("tickets")], row[cols.index("tickets_all")],
                                        float(row[cols.index("share_pct")])) for row in r["rows"]}


def _pct(n, total):  # rounded half away from zero, as SQL rounds
    return float((Decimal(100 * n) / Decimal(total)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


@pytest.mark.parametrize("question", ["Kor stor del av sakene vart lukka?", "What share of the tickets were closed?"])
def test_a_share_of_the_tickets_is_one_row_per_source_system(engine, plain, question):
    log_closed, log_all = plain.execute("select count(distinct case_id) filter (where activity = 'Closed'), "
                                        "count(distinct case_id) from events").fetchone()
    desk_closed, desk_all = plain.execute("select count(closed), count(*) from desk").fetchone()
    r = planner_answer(engine, question)
    assert _by_export(r) == {LOG: (log_closed, log_all, _pct(log_closed, log_all)),
                             FLAT: (desk_closed, desk_all, _pct(desk_closed, desk_all))}
    assert LOG in r["answer"] and FLAT in r["answer"]


@pytest.mark.parametrize("question", ["Hvor mange prosent av sakene ble lukket i 2020?",
                                      "What share of the tickets were closed in 2020?"])
def test_a_share_closed_in_a_year_is_of_the_tickets_created_that_year(engine, plain, question):
    created = "year(min(ts)) = 2020"
    log_all, log_closed = plain.execute(f"""select count(*), count(*) filter (where closed_2020) from (
        select case_id, bool_or(activity = 'Closed' and year(ts) = 2020) as closed_2020 from events group by 1
        having {created})""").fetchone()
    desk_all, desk_closed = plain.execute("select count(*), count(*) filter (where year(closed) = 2020) from desk "
                                          "where year(created) = 2020").fetchone()
    assert 0 < log_closed < log_all and 0 < desk_closed < desk_all
    r = planner_answer(engine, question)
    expected = {LOG: (log_closed, log_all, _pct(log_closed, log_all)),
                FLAT: (desk_closed, desk_all, _pct(desk_closed, desk_all))}
    if "export" in r["columns"]:
        assert _by_export(r) == expected
    else:  # the event-log reading: the log alone, its population stated
        assert r["rows"][0] == [log_closed, log_all, _pct(log_closed, log_all)]
    assert ("2020" in r["answer"]) and ("created in 2020" in r["answer"] or "opprettet i 2020" in r["answer"])
