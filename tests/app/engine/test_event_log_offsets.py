"""An event log whose times are printed with a UTC offset (a desk in another time zone, summer and winter time,
"Z", "+0530", and some without any): every event keeps the offset as printed beside its instant, the instant is the
same moment whatever the offset, and "the hour as the log shows it" is the printed wall-clock hour, not Oslo's.
Refreshed through the real loaders; every figure is computed here with DuckDB over the CSV written here."""
from __future__ import annotations

from datetime import datetime, timedelta

import duckdb
import pytest

LOG = "desk_process_log.csv"
OFFSETS = ["+01:00", "+09:00", "Z", "+0530", "-05:00", ""]  # "" = printed without an offset (read as Oslo time)


def _write_log(folder):
    rows = ["case id,activity,timestamp,resource"]
    start = datetime(2022, 1, 3, 5, 10)
    for n in range(60):
        created = start + timedelta(days=n * 5, hours=(n * 5) % 19)
        offset = OFFSETS[n % len(OFFSETS)]
        for step, (activity, hours) in enumerate((("Open", 0), ("Work", 3), ("Done", 30))):
            at = created + timedelta(hours=hours, minutes=step)
            rows.append(f"C{n},{activity},{at:%Y-%m-%d %H:%M:%S}{offset},Person {n % 3}")
    (folder / LOG).write_text("\n".join(rows) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    inbox = tmp_path_factory.mktemp("offset-inbox")
    _write_log(inbox)
    return inbox


@pytest.fixture(scope="module")
def engine(folder, engine_over_exports):
    return engine_over_exports(folder, "offset-warehouse")


@pytest.fixture(scope="module")
def plain(folder):
    con = duckdb.connect()
    con.execute("set timezone = 'Europe/Oslo'")
    con.execute(f"""create view events as select "case id" as case_id, activity, timestamp as printed,
        regexp_extract(timestamp, '(Z|[+-]\\d\\d:?\\d\\d)$', 1) as offset_text,
        cast(timestamp as timestamptz) as instant, hour(cast(left(timestamp, 19) as timestamp)) as printed_hour
        from read_csv('{folder / LOG}', all_varchar = true)""")
    yield con
    con.close()


def test_every_event_keeps_the_offset_it_was_printed_with(engine, plain):
    _, _, rows = engine.run("select source_file, ticket_id, event_at_offset, epoch(event_at), hour(event_local_at) "
                            "from fct_ticket_event")
    kept = sorted((r[1], r[2] or "", r[3], r[4]) for r in rows)
    expected = sorted(plain.execute("select case_id, offset_text, epoch(instant), printed_hour from events").fetchall())
    assert kept == expected
    assert {r[2] for r in rows} == {o or None for o in OFFSETS}  # every kind of offset seen, none lost


def test_the_hour_as_the_log_prints_it(engine, plain):
    first = """select case_id, arg_min(printed_hour, instant) as h from events group by 1"""
    outside = plain.execute(f"select count(*) from ({first}) where h < 8 or h >= 17").fetchone()[0]
    result = engine.ask("Hvor mange saker ble opprettet før kl. 08 eller fra kl. 17, lokal tid slik den står i loggen?",
                        engine="planner")
    assert result["rows"][0][0] == outside, result
    # the Oslo clock would give another figure on this log (the check can fail)
    oslo = plain.execute("""select count(*) from (select case_id, min(instant) as t from events group by 1)
        where hour(t) < 8 or hour(t) >= 17""").fetchone()[0]
    assert oslo != outside
