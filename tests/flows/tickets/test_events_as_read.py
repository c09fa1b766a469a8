"""An event log's events are kept with their time typed once, as they are read (an instant, naive times Oslo time,
whatever the session's time zone), the offset it was printed with and the line it is on, the state as exported; the
tickets are grouped from them. An event whose id or time cannot be read is set aside with the file, line, column and
value, never lost. A warehouse of an earlier release (events as text, or typed with the state beside) keeps every
event when it is opened."""
from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import duckdb
import pytest

from flows.tickets.load import ensure_raw_tables, load_ticket_exports
from flows.tickets.model import RAW_DDL
from flows.tickets.presets import normalise_status
from flows.tickets.values import DateFormat

OSLO = ZoneInfo("Europe/Oslo")
UTC = dt.timezone.utc

# invented events: (case, activity, the time as an export might print it, the instant it names)
EVENTS = [
    ("K-7", "Registrert", "29/2/2016 01:16", dt.datetime(2016, 2, 29, 1, 16, tzinfo=OSLO)),
    ("K-7", "Under arbeid", "2016-02-29T08:40:25+02:00", dt.datetime(2016, 2, 29, 6, 40, 25, tzinfo=UTC)),
    ("K-7", "Løst", "1456760400", dt.datetime.fromtimestamp(1456760400, UTC)),
    ("K-8", "Opened", "42430.5", dt.datetime(2016, 3, 1, 12, 0, tzinfo=OSLO)),  # an Excel serial date
    ("K-8", "Resolved", "01.03.2016 14:05", dt.datetime(2016, 3, 1, 14, 5, tzinfo=OSLO)),
    ("K-8", "Reopened", "2016-03-02 09:00:00Z", dt.datetime(2016, 3, 2, 9, 0, tzinfo=UTC)),
    ("K-9", "New", "  2016-03-03 10:00  ", dt.datetime(2016, 3, 3, 10, 0, tzinfo=OSLO)),
]


def _write(path, rows, header="Case ID;Activity;Timestamp;Resource"):
    path.write_text(header + "\n" + "\n".join(rows) + "\n", encoding="utf-8")


def _rows(events=EVENTS):
    return [f"{case};{activity};{when};person {n % 2}" for n, (case, activity, when, _) in enumerate(events)]


@pytest.fixture(params=["direct", "staged"])
def con(request):
    """A fresh warehouse (the direct path), or one that already keeps an event of another system (staged path)."""
    con = duckdb.connect()
    if request.param == "staged":
        ensure_raw_tables(con)
        con.execute("insert into raw.ticket_files (file, sha256, rows_loaded, rows_quarantined, status, loaded_at, "
                    "exported_at, file_no) values ('other.csv', 'x', 1, 0, 'loaded', '2020-01-01', '2020-01-01', 1)")
        con.execute("insert into raw.ticket_event_rows (source_system, ticket_id, event_at, activity, status_source, "
                    "source_row, file_no) values ('other', 'X1', '2020-01-01', 'New', 'New', 2, 1)")
    return con


def test_events_are_kept_typed_with_their_printed_offset_and_line_in_any_time_zone(tmp_path, con):
    path = tmp_path / "hendelser_2016-03-04.csv"
    _write(path, _rows())
    f = load_ticket_exports(con, [path]).files[0]
    assert (f.status, f.rows_loaded, f.tickets) == ("loaded", len(EVENTS), 3), f.message
    assert con.execute("select data_type from information_schema.columns where table_schema = 'raw' "
                       "and table_name = 'ticket_event_rows' and column_name = 'event_at'").fetchone() == (
        "TIMESTAMP WITH TIME ZONE",)
    # (the log has no status column: the activity is the state, status_source null rather than a second copy; no
    # time is kept as text: each was read)
    kept = con.execute("select source_row, ticket_id, event_at, activity, status_source, event_at_text "
                       "from raw.ticket_event_rows where ticket_id <> 'X1' order by source_row").fetchall()
    assert kept == [(n, case, when.astimezone(UTC), activity, None, None)
                    for n, (case, activity, _, when) in enumerate(EVENTS, start=2)]
    # the time as printed: the event's line of its file
    lines = path.read_text(encoding="utf-8").splitlines()
    assert [lines[n - 1].split(";")[2] for n, *_ in kept] == [when for _, _, when, _ in EVENTS]
    for zone in ("UTC", "America/New_York", "Asia/Kolkata"):  # the view names Oslo time, not the session's zone
        con.execute(f"set TimeZone = '{zone}'")
        got = con.execute("select ticket_id, event_at, status from raw.ticket_events where source_file = ? "
                          "order by source_row", [str(path)]).fetchall()
        assert [(t, at.astimezone(UTC)) for t, at, _ in got] == [(c, w.astimezone(UTC)) for c, _, _, w in EVENTS], zone
        assert [s for _, _, s in got] == [normalise_status(a) for _, a, _, _ in EVENTS]
    offsets = con.execute("select event_at_offset from raw.ticket_events where source_file = ? order by source_row",
                          [str(path)]).fetchall()
    assert [o for (o,) in offsets] == [None, "+02:00", None, None, None, "Z", None]


def test_tickets_are_typed_from_the_events_as_a_plain_reading_of_them_gives(tmp_path, con):
    path = tmp_path / "hendelser_2016-03-04.csv"
    _write(path, _rows())
    load_ticket_exports(con, [path])
    got = {r[0]: r[1:] for r in con.execute(
        "select ticket_id, created_at, status, status_source, resolved_at, reopen_count, source_row from raw.tickets "
        "where source_file = ?", [str(path)]).fetchall()}
    for case in ("K-7", "K-8", "K-9"):
        events = sorted((when, activity, line) for line, (c, activity, _, when) in enumerate(EVENTS, start=2)
                        if c == case)
        states = [normalise_status(a) for _, a, _ in events]
        created, status, source, resolved, reopens, row = got[case]
        assert created == events[0][0].astimezone(UTC)
        assert (status, source) == (states[-1], events[-1][1])
        assert row == max(line for _, _, line in events)
        assert resolved == (max(w for (w, _, _), s in zip(events, states) if s == "resolved").astimezone(UTC)
                            if states[-1] in ("resolved", "closed") else None)
        assert reopens == sum(1 for a, b in zip(states, states[1:]) if a in ("resolved", "closed")
                              and b in ("new", "open", "pending"))


def test_events_whose_id_or_time_cannot_be_read_are_set_aside_with_line_column_and_value(tmp_path, con):
    path = tmp_path / "hendelser_2016-03-05.csv"
    bad = ["K-10;Registrert;31/02/2016 10:00;person 0", "K-10;Løst;snart;person 1", ";Registrert;2016-03-05 08:00;x",
           "K-11;Registrert;?;person 0"]
    rows = _rows() + bad
    _write(path, rows)
    f = load_ticket_exports(con, [path]).files[0]
    assert (f.status, f.rows_read, f.rows_loaded, f.rows_quarantined) == ("partial", len(rows), len(EVENTS), 4)
    first = len(EVENTS) + 2
    got = con.execute("select file, row_number, raw_row, reason from raw.ticket_quarantine order by row_number"
                      ).fetchall()
    # the expected format is the column's: ISO 8601, as most of its values are written
    expected = ["unparseable date in column Timestamp: \"31/02/2016 10:00\" (expected ISO 8601 ",
                "unparseable date in column Timestamp: \"snart\" (expected ISO 8601 "]
    assert [g[3].startswith(e) for g, e in zip(got, expected)] == [True, True], got
    assert [(g[0], g[1], g[3]) for g in got[2:]] == [
        (str(path), first + 2, "missing ticket id (column Case ID)"),
        (str(path), first + 3, "missing event time (column Timestamp)")]
    # the line's text (the staged path rebuilds it from the cells: a null marker as an empty cell)
    assert [g[2] for g in got[:3]] == bad[:3] and got[3][2] in (bad[3], bad[3].replace("?", ""))
    assert f"{path}: 4 of {len(rows)} rows quarantined" in f.message
    # nothing of them kept as an event or a ticket; the other events and tickets as from the clean file
    assert con.execute("select count(*), max(source_row) from raw.ticket_events where source_file = ?",
                       [str(path)]).fetchone() == (len(EVENTS), len(EVENTS) + 1)
    assert con.execute("select list(ticket_id order by ticket_id) from raw.tickets where source_file = ?",
                       [str(path)]).fetchone() == (["K-7", "K-8", "K-9"],)


def test_an_earlier_releases_typed_events_are_kept_with_the_same_instants_and_offsets():
    con = duckdb.connect()
    con.execute("create schema raw")
    con.execute("""create table raw.ticket_files (file VARCHAR not null, sha256 VARCHAR not null, preset VARCHAR,
        rows_loaded BIGINT not null, rows_quarantined BIGINT not null, status VARCHAR not null, message VARCHAR,
        loaded_at TIMESTAMPTZ not null, exported_at TIMESTAMPTZ, rows_inserted BIGINT not null default 0,
        rows_updated BIGINT not null default 0, rows_kept_newer BIGINT not null default 0, mapping_yaml VARCHAR,
        bytes BIGINT, file_no INTEGER)""")
    con.execute("""create table raw.ticket_event_rows (source_system VARCHAR not null, ticket_id VARCHAR not null,
        event_at TIMESTAMPTZ not null, activity VARCHAR, resource VARCHAR, status VARCHAR, status_source VARCHAR,
        assignment_group VARCHAR, source_row BIGINT not null, file_no INTEGER not null, event_at_offset VARCHAR)""")
    con.execute("insert into raw.ticket_files (file, sha256, rows_loaded, rows_quarantined, status, loaded_at, "
                "exported_at, file_no) values ('a.csv', 'x', 3, 0, 'loaded', '2021-01-02', '2021-01-01', 4)")
    events = [("s", "T1", dt.datetime(2021, 7, 1, 6, 40, tzinfo=UTC), "Open", None, "open", "Open", "g", 2, 4, "+02:00"),
              ("s", "T1", dt.datetime(2021, 7, 1, 9, 0, tzinfo=UTC), "Done", "p", "closed", "Done", None, 3, 4, None),
              ("s", "T2", dt.datetime(2021, 1, 5, 17, 30, tzinfo=UTC), "Open", None, "open", "Open", None, 4, 4, "-05:30")]
    con.executemany("insert into raw.ticket_event_rows values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", events)
    ensure_raw_tables(con)
    con.execute("set TimeZone = 'UTC'")
    got = con.execute("select source_system, ticket_id, event_at, activity, resource, status, status_source, "
                      "assignment_group, source_row, event_at_offset from raw.ticket_events order by source_row"
                      ).fetchall()
    assert [(*e[:8], e[8], e[10]) for e in events] == [(*g[:8], g[8], g[9]) for g in got]
    assert con.execute("select event_at, event_at_offset, event_at_text from raw.ticket_event_rows "
                       "order by source_row").fetchall() == [(e[2], e[10], None) for e in events]
    assert con.execute("select count(*) from raw.ticket_event_states").fetchone() == (2,)
    ensure_raw_tables(con)  # a second time changes nothing
    assert con.execute("select count(*) from raw.ticket_events").fetchone() == (3,)


def test_a_mappings_own_date_format_reads_its_events_in_the_view_too(tmp_path):
    mappings = tmp_path / "mappings"
    mappings.mkdir()
    (mappings / "logg.yaml").write_text(
        "name: logg\nsource_system: logg\ncolumns:\n  ticket_id: Sak\n  event_at: Tid\n  activity: Hendelse\n"
        "date_formats: ['%Y|%m|%d %H.%M']\n", encoding="utf-8")
    path = tmp_path / "logg_2019-05-02.csv"
    _write(path, ["S1;2019|05|01 08.15;Ny", "S1;2019|05|01 09.45;Lukket", "S2;2019-05-01 10:00;Ny"],
           header="Sak;Tid;Hendelse")
    con = duckdb.connect()
    f = load_ticket_exports(con, [path], mapping_dir=mappings).files[0]
    assert (f.status, f.preset, f.tickets) == ("loaded", "logg (" + str(mappings / "logg.yaml") + ")", 2), f.message
    con.execute("set TimeZone = 'UTC'")
    assert [w for (w,) in con.execute("select event_at from raw.ticket_events order by source_row").fetchall()] == [
        dt.datetime(2019, 5, 1, 8, 15, tzinfo=OSLO), dt.datetime(2019, 5, 1, 9, 45, tzinfo=OSLO),
        dt.datetime(2019, 5, 1, 10, 0, tzinfo=OSLO)]
    assert con.execute("select created_at, status from raw.tickets where ticket_id = 'S1'").fetchone() == (
        dt.datetime(2019, 5, 1, 8, 15, tzinfo=OSLO), normalise_status("Lukket"))


# raw.ticket_event_rows as the release before this one wrote it (every event as text: the time as printed), with
# the view that typed it on reading (simplified: the migration must not depend on its text)
_TEXT_EVENT_ROWS_DDL = """create table raw.ticket_event_rows (source_system VARCHAR, ticket_id VARCHAR, event_at VARCHAR,
    activity VARCHAR, resource VARCHAR, status_source VARCHAR, assignment_group VARCHAR, source_row BIGINT not null,
    file_no INTEGER not null)"""


def test_a_warehouse_of_events_kept_as_text_keeps_every_event_typed_as_its_load_read_it():
    con = duckdb.connect()
    con.execute("create schema raw")
    for ddl in RAW_DDL:  # the other tables as they are; the events table as the earlier release made it
        if "ticket_event_rows" in ddl and "create table" in ddl:
            con.execute(_TEXT_EVENT_ROWS_DDL)
        elif "create or replace view" not in ddl:
            con.execute(ddl)
    con.execute("create view raw.ticket_events as select * from raw.ticket_event_rows")
    con.execute("insert into raw.ticket_files (file, sha256, rows_loaded, rows_quarantined, status, loaded_at, "
                "exported_at, file_no, date_formats) values ('a.csv', 'x', 5, 0, 'loaded', '2021-01-02', '2021-01-01', 3, "
                "null), ('b.csv', 'y', 3, 0, 'loaded', '2021-01-03', '2021-01-02', 4, ?)",
                ["\n".join(DateFormat(("%Y|%m|%d %H.%M", "%d/%m/%Y %H:%M")).lines())])
    # (load, line, id, the time as printed, activity, state as exported (null: the activity), the instant it names)
    events = [(3, 2, "K-8", "2016-02-29T08:40:25+02:00", "Opened", None, dt.datetime(2016, 2, 29, 6, 40, 25, tzinfo=UTC)),
              (3, 3, "K-8", "1456760400", "Resolved", "Løst", dt.datetime.fromtimestamp(1456760400, UTC)),
              (3, 4, "K-9", "42430.5", "Opened", None, dt.datetime(2016, 3, 1, 12, 0, tzinfo=OSLO)),
              (3, 5, "K-9", "2016-03-02 09:00:00Z", "Reopened", None, dt.datetime(2016, 3, 2, 9, 0, tzinfo=UTC)),
              (3, 6, "K-9", "2016-07-03 10:00", "Closed", None, dt.datetime(2016, 7, 3, 10, 0, tzinfo=OSLO)),
              (4, 2, "S1", "2019|05|01 08.15", "Ny", None, dt.datetime(2019, 5, 1, 8, 15, tzinfo=OSLO)),
              (4, 3, "S1", "29/2/2016 01:16", "Lukket", None, dt.datetime(2016, 2, 29, 1, 16, tzinfo=OSLO)),
              (4, 4, "S2", "snart", "Ny", None, None)]  # a time no format reads: kept as printed, not lost
    con.executemany("insert into raw.ticket_event_rows values ('s', ?, ?, ?, 'p', ?, 'g', ?, ?)",
                    [(i, when, activity, state, line, no) for no, line, i, when, activity, state, _ in events])
    con.executemany("insert into raw.ticket_event_states values (?, ?, ?)",
                    sorted({(no, state or activity, normalise_status(state or activity))
                            for no, _, _, _, activity, state, _ in events}))
    ensure_raw_tables(con)
    con.execute("set TimeZone = 'America/New_York'")  # (the session's zone does not matter: naive times are Oslo time)
    got = con.execute("select file_no, source_row, ticket_id, event_at, event_at_offset, event_at_text, activity, "
                      "status_source, resource, assignment_group from raw.ticket_event_rows order by file_no, source_row"
                      ).fetchall()
    assert got == [(no, line, i, at, {"2016-02-29T08:40:25+02:00": "+02:00", "2016-03-02 09:00:00Z": "Z"}.get(when),
                    None if at else when, activity, state, "p", "g") for no, line, i, when, activity, state, at in events]
    assert con.execute("select count(*), count(status) from raw.ticket_events").fetchone() == (len(events), len(events))
    assert not con.execute("select count(*) from information_schema.tables where table_name like 'ticket_event_rows_%'"
                           ).fetchone()[0]
    ensure_raw_tables(con)  # a second time changes nothing
    assert con.execute("select count(*) from raw.ticket_event_rows").fetchone() == (len(events),)
