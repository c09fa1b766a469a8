"""Events name their load (raw.ticket_files.file_no) instead of repeating the file, export time and load time
on every row; raw.ticket_events gives every event those again. A warehouse from before (raw.ticket_events a
table) is moved over without losing or changing an event."""
from __future__ import annotations

import duckdb
import pytest

from flows.tickets.load import ensure_raw_tables, load_ticket_exports
from flows.tickets.model import RAW_TICKET_FILES_DDL

# raw.ticket_events as it was before raw.ticket_event_rows (a warehouse built by an earlier release)
OLD_EVENTS_DDL = """create table raw.ticket_events (source_system VARCHAR not null, ticket_id VARCHAR not null,
    event_at TIMESTAMPTZ not null, activity VARCHAR, resource VARCHAR, status VARCHAR, status_source VARCHAR,
    assignment_group VARCHAR, source_exported_at TIMESTAMPTZ not null, source_file VARCHAR not null,
    source_row BIGINT not null, loaded_at TIMESTAMPTZ not null)"""
OLD_FILES = [("a.csv", "2021-01-01 00:00:00+00", "2021-01-02 10:00:00+00"),
             ("b.csv", "2021-02-01 00:00:00+00", "2021-02-02 10:00:00+00"),
             ("a.csv", "2021-03-01 00:00:00+00", "2021-03-02 10:00:00+00")]  # a second load of a.csv


def _old_warehouse(con, extra_event: bool = False):
    con.execute("create schema raw")
    con.execute(RAW_TICKET_FILES_DDL)
    con.execute(OLD_EVENTS_DDL)
    for file, exported, loaded in OLD_FILES:
        con.execute("insert into raw.ticket_files (file, sha256, rows_loaded, rows_quarantined, status, loaded_at, "
                    "exported_at) values (?, 'x', 1, 0, 'loaded', ?, ?)", [file, loaded, exported])
    events = [("sys", f"T{i}", f"2021-0{i % 3 + 1}-0{i % 7 + 1} 08:00:00+00", f"step {i}", None, "open", f"step {i}",
               None, exported, file, i + 2, loaded)
              for i, (file, exported, loaded) in enumerate(OLD_FILES * 2)]
    if extra_event:  # an event whose load raw.ticket_files does not hold
        events.append(("sys", "T9", "2021-01-01 08:00:00+00", "x", None, None, "x", None, "2021-01-01 00:00:00+00",
                       "gone.csv", 2, "2021-01-01 00:00:00+00"))
    con.executemany("insert into raw.ticket_events values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", events)
    return con.execute("select * from raw.ticket_events order by all").fetchall()


def test_an_older_events_table_becomes_rows_naming_their_load_and_the_view_gives_the_same_events(tmp_path):
    con = duckdb.connect()
    before = _old_warehouse(con)
    ensure_raw_tables(con)
    assert con.execute("select table_type from information_schema.tables where table_schema = 'raw' "
                       "and table_name = 'ticket_events'").fetchone() == ("VIEW",)
    assert con.execute("select * exclude (event_at_offset) from raw.ticket_events order by all").fetchall() == before
    # each load its own number; the same file loaded twice is two loads
    assert con.execute("select count(distinct file_no), count(*) from raw.ticket_files").fetchone() == (3, 3)
    ensure_raw_tables(con)  # a second time changes nothing
    assert con.execute("select * exclude (event_at_offset) from raw.ticket_events order by all").fetchall() == before

    # a new event log: its events name its own load, the older ones keep theirs
    path = tmp_path / "log_2022-01-03.csv"
    path.write_text("Case ID,Activity,Timestamp,Resource\nC1,Insert ticket,2022-01-03 08:00:00,anna\n"
                    "C1,Closed,2022-01-03 09:00:00,bo\n", encoding="utf-8")
    f = load_ticket_exports(con, [path]).files[0]
    assert f.status == "loaded"
    assert con.execute("select count(*) from raw.ticket_events where source_file = ?", [str(path)]).fetchone() == (2,)
    assert con.execute("select * exclude (event_at_offset) from raw.ticket_events where source_file <> ? order by all",
                       [str(path)]).fetchall() == before
    assert con.execute("""select count(*) from raw.ticket_event_rows e join raw.ticket_files f using (file_no)
        where f.file = ? and f.status = 'loaded'""", [str(path)]).fetchone() == (2,)


def test_an_older_event_that_names_no_load_leaves_the_table_as_it_was():
    con = duckdb.connect()
    before = _old_warehouse(con, extra_event=True)
    with pytest.raises(RuntimeError, match="1 of 7 events name no load"):
        ensure_raw_tables(con)
    assert con.execute("select table_type from information_schema.tables where table_schema = 'raw' "
                       "and table_name = 'ticket_events'").fetchone() == ("BASE TABLE",)
    assert con.execute("select * from raw.ticket_events order by all").fetchall() == before
    assert con.execute("select count(*) from raw.ticket_event_rows").fetchone() == (0,)
