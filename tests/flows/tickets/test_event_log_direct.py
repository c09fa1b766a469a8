"""An event log whose columns raw.ticket_events holds is loaded straight into it (one scan, no staging
copy): the tickets, events, line numbers and normalised states must be exactly those the staged path
gives, whatever the file holds (states first seen late, padding rows, rows to set aside)."""
from __future__ import annotations

import datetime as dt
import random

import duckdb

import flows.tickets.load as load
from flows.tickets.load import ensure_raw_tables, load_ticket_exports
from flows.tickets.presets import activity_state

HEADER = "Case ID,Activity,Timestamp,Resource"
ACTIVITIES = ["Insert ticket", "Take in charge ticket", "Wait", "Resolve ticket", "Take in charge ticket",
              "Resolve ticket", "Closed"]


def _event_log(path, tickets: int = 40, seed: int = 3, extra: list[str] = ()) -> list[str]:
    rng = random.Random(seed)
    rows = []
    for t in range(tickets):
        steps = ACTIVITIES[: rng.randint(2, len(ACTIVITIES))]
        for k, activity in enumerate(steps):
            when = dt.datetime(2024, 1, 1, 8) + dt.timedelta(hours=t, minutes=7 * k + rng.randint(0, 5))
            rows.append(f"C{t},{activity},{when:%Y-%m-%d %H:%M:%S},{rng.choice(['anna', 'bo', 'cy', ''])}")
    rng.shuffle(rows)
    rows[:0] = ["C900,Insert ticket,2024-03-01 08:00:00,anna"]  # the first rows show only this state
    rows.insert(len(rows) // 2, ",,,")  # a padding row occupies a line but is no record
    rows += ["C900,Reassign to second line,2024-03-01 09:00:00,bo", "C901,Cancelled by user,2024-03-02 10:00:00,cy",
             *extra]
    path.write_text(HEADER + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return rows


def _spy_direct(monkeypatch) -> list[bool]:
    taken = []
    original = load._load_event_log_direct

    def spy(*args, **kwargs):
        result = original(*args, **kwargs)
        taken.append(result is not None)
        return result

    monkeypatch.setattr(load, "_load_event_log_direct", spy)
    return taken


TICKET_COLUMNS = ("source_system, ticket_id, created_at, resolved_at, closed_at, status, status_source, "
                  "assignment_group, reopen_count, reassignment_count, source_row, source_exported_at")
EVENT_COLUMNS = "source_system, ticket_id, event_at, activity, resource, status, status_source, source_row"


def _keep_other_event(con) -> None:
    """An event of another system, kept by an earlier load (its file in raw.ticket_files, the event in
    raw.ticket_event_rows naming it): raw.ticket_events is not empty, so the next log takes the staged path."""
    con.execute("insert into raw.ticket_files (file, sha256, rows_loaded, rows_quarantined, status, loaded_at, "
                "exported_at, file_no) values ('other.csv', 'x', 1, 0, 'loaded', '2020-01-01', '2020-01-01', 1)")
    con.execute("insert into raw.ticket_event_rows (source_system, ticket_id, event_at, activity, status_source, "
                "source_row, file_no) values ('other', 'X1', '2020-01-01', 'Insert ticket', 'Insert ticket', 2, 1)")
    con.execute("insert into raw.ticket_event_states values (1, 'Insert ticket', 'new')")
    assert con.execute("select source_file from raw.ticket_events").fetchall() == [("other.csv",)]


def test_direct_load_gives_what_the_staged_path_gives(tmp_path, monkeypatch):
    monkeypatch.setattr(load, "TYPED_SAMPLE_ROWS", 3)  # most states are first seen after the sample
    taken = _spy_direct(monkeypatch)
    path = tmp_path / "log.csv"
    rows = _event_log(path)

    direct = duckdb.connect()
    f_direct = load_ticket_exports(direct, [path]).files[0]
    # a warehouse that already keeps an event of another system takes the staged path
    staged = duckdb.connect()
    ensure_raw_tables(staged)
    _keep_other_event(staged)
    f_staged = load_ticket_exports(staged, [path]).files[0]
    assert taken == [True]  # the second file was not tried the direct way

    records = [r for r in rows if r != ",,,"]
    assert (f_direct.status, f_direct.rows_read, f_direct.rows_loaded, f_direct.tickets) == (
        "loaded", len(records), len(records), len({r.split(",")[0] for r in records}))
    assert (f_staged.rows_read, f_staged.rows_loaded, f_staged.tickets) == (
        f_direct.rows_read, f_direct.rows_loaded, f_direct.tickets)
    assert (direct.execute(f"select {TICKET_COLUMNS} from raw.tickets order by ticket_id").fetchall()
            == staged.execute(f"select {TICKET_COLUMNS} from raw.tickets where source_system <> 'other' "
                              f"order by ticket_id").fetchall())
    events = direct.execute(f"select {EVENT_COLUMNS} from raw.ticket_events order by source_row").fetchall()
    assert events == staged.execute(f"select {EVENT_COLUMNS} from raw.ticket_events where source_system <> 'other' "
                                    f"order by source_row").fetchall()
    # each event carries its own line (the padding row's line is skipped) and its state normalised
    by_line = {n: r for n, r in enumerate(rows, start=2) if r != ",,,"}
    assert [(e[7], e[1], e[3]) for e in events] == [(n, r.split(",")[0], r.split(",")[1]) for n, r in by_line.items()]
    assert all(e[5] == activity_state(e[3]) for e in events)
    assert {e[3]: e[5] for e in events}["Cancelled by user"] == activity_state("Cancelled by user")


def test_null_markers_below_the_first_rows_read_as_the_staged_path_reads_them(tmp_path, monkeypatch):
    """The direct path reads without the reader's list of null markers when the first rows hold none: a marker
    further down (a person, a line of markers only, an event time) is read as no value all the same."""
    monkeypatch.setattr(load, "TYPED_SAMPLE_ROWS", 3)
    taken = _spy_direct(monkeypatch)
    for name, extra in {"person": ["C902,Insert ticket,2024-03-03 08:00:00,N/A", "C902,Closed,2024-03-03 09:00:00,-"],
                        "padding": ["-,-,(blank),-"],
                        "time": ["C903,Insert ticket,2024-03-03 08:00:00,bo", "C903,Closed,–,bo"]}.items():
        path = tmp_path / f"log_{name}.csv"
        _event_log(path, extra=extra)
        direct = duckdb.connect()
        f_direct = load_ticket_exports(direct, [path]).files[0]
        assert taken[-1] is True, name
        staged = duckdb.connect()
        ensure_raw_tables(staged)
        _keep_other_event(staged)
        f_staged = load_ticket_exports(staged, [path]).files[0]
        assert (f_direct.status, f_direct.rows_read, f_direct.rows_quarantined, f_direct.tickets) == (
            f_staged.status, f_staged.rows_read, f_staged.rows_quarantined, f_staged.tickets), name
        assert (direct.execute(f"select {TICKET_COLUMNS} from raw.tickets order by ticket_id").fetchall()
                == staged.execute(f"select {TICKET_COLUMNS} from raw.tickets where source_system <> 'other' "
                                  f"order by ticket_id").fetchall()), name
        assert (direct.execute(f"select {EVENT_COLUMNS} from raw.ticket_events order by source_row").fetchall()
                == staged.execute(f"select {EVENT_COLUMNS} from raw.ticket_events where source_system <> 'other' "
                                  f"order by source_row").fetchall()), name
        assert (direct.execute("select row_number, reason from raw.ticket_quarantine order by 1").fetchall()
                == staged.execute("select row_number, reason from raw.ticket_quarantine order by 1").fetchall()), name
        markers = direct.execute("select count(*) from raw.ticket_event_rows where resource in ('N/A', '-') "
                                 "or ticket_id = '-' or event_at_text is not null").fetchone()[0]
        assert markers == 0, name
    assert f_direct.rows_quarantined == 1  # (the time: its event set aside as one without a time)


def test_a_row_to_set_aside_keeps_nothing_of_the_direct_attempt(tmp_path, monkeypatch):
    taken = _spy_direct(monkeypatch)
    path = tmp_path / "log.csv"
    rows = _event_log(path, extra=["C902,Insert ticket,,anna", "C903,Insert ticket,yesterday,bo"])
    con = duckdb.connect()
    f = load_ticket_exports(con, [path]).files[0]
    assert taken == [True]  # the events are kept as read; those whose time cannot be read are set aside
    assert (f.status, f.rows_quarantined) == ("partial", 2), f.message
    assert con.execute("select row_number, reason, raw_row from raw.ticket_quarantine order by 1").fetchall() == [
        (len(rows), "missing event time (column Timestamp)", "C902,Insert ticket,,anna"),
        (len(rows) + 1, 'unparseable date in column Timestamp: "yesterday" (expected '
                        f'{load.EXPECTED_DATE})', "C903,Insert ticket,yesterday,bo")]
    # no placeholder of a flagged row, no event twice
    assert con.execute("select count(*), count(distinct source_row), min(event_at) > '2000-01-01', "
                       "bool_and(ticket_id <> '') from raw.ticket_events").fetchone() == (len(rows) - 3, len(rows) - 3,
                                                                                          True, True)
    assert con.execute("select count(*) from raw.tickets where ticket_id in ('C902', 'C903')").fetchone() == (0,)


def test_a_second_run_and_an_overlapping_export_add_nothing(tmp_path):
    path = tmp_path / "log_2024-03-05.csv"
    _event_log(path)
    con = duckdb.connect()
    load_ticket_exports(con, [path])
    before = con.execute("select (select count(*) from raw.tickets), (select count(*) from raw.ticket_events)").fetchone()
    assert load_ticket_exports(con, [path]).files[0].status == "unchanged"
    later = tmp_path / "log_2024-03-06.csv"  # the same events in another file: kept once
    later.write_text(path.read_text(encoding="utf-8") + "C904,Insert ticket,2024-03-06 08:00:00,anna\n", encoding="utf-8")
    f = load_ticket_exports(con, [later]).files[0]
    assert (f.status, f.rows_inserted) == ("loaded", 1)
    assert con.execute("select (select count(*) from raw.tickets), (select count(*) from raw.ticket_events)"
                       ).fetchone() == (before[0] + 1, before[1] + 1)


def test_padded_cells_are_trimmed_as_the_staged_path_trims_them(tmp_path, monkeypatch):
    """Padded ids, states and persons are trimmed on the direct path exactly as the staged path
    trims them."""
    taken = _spy_direct(monkeypatch)
    cases = {"person": ("C1,Insert ticket,2024-01-01 08:00:00, anna \nC1,Closed,2024-01-01 09:00:00,   \n", True),
             "id": (" C1,Insert ticket,2024-01-01 08:00:00,anna\nC1,Closed,2024-01-01 09:00:00,bo\n", True),
             "state": ("C1, Insert ticket ,2024-01-01 08:00:00,anna\nC1,Closed,2024-01-01 09:00:00,bo\n", True)}
    for name, (body, direct) in cases.items():
        path = tmp_path / f"padded_{name}.csv"
        path.write_text(HEADER + "\n" + body, encoding="utf-8")
        con = duckdb.connect()
        assert load_ticket_exports(con, [path]).files[0].status == "loaded"
        assert taken[-1] is direct, name
        staged = duckdb.connect()
        ensure_raw_tables(staged)
        _keep_other_event(staged)
        load_ticket_exports(staged, [path])
        got = con.execute(f"select {EVENT_COLUMNS} from raw.ticket_events order by source_row").fetchall()
        assert got == staged.execute(f"select {EVENT_COLUMNS} from raw.ticket_events where source_system <> 'other' "
                                     "order by source_row").fetchall()
        assert [(e[1], e[3], e[4]) for e in got] == [("C1", "Insert ticket", "anna"),
                                                     ("C1", "Closed", None if name == "person" else "bo")]


def test_the_direct_path_leaves_the_sessions_settings_as_they_were(tmp_path, monkeypatch):
    """The direct insert runs in one thread with insertion order kept (so rows reach the table as whole row
    groups); the caller's thread count and order setting come back afterwards, also when the file is
    refused half-way (a line break inside a quoted value rolls the direct attempt back)."""
    taken = _spy_direct(monkeypatch)
    _event_log(tmp_path / "log_2024-04-01.csv")
    _event_log(tmp_path / "bad_2024-04-02.csv", seed=5, extra=["C950,Insert ticket,not a time,anna"])
    _event_log(tmp_path / "broken_2024-04-03.csv", seed=6, extra=['C951,"Insert\nticket",2024-04-03 08:00:00,anna'])
    for name in ("log_2024-04-01.csv", "bad_2024-04-02.csv", "broken_2024-04-03.csv"):
        fresh = duckdb.connect()
        fresh.execute("set threads = 3")
        fresh.execute("set preserve_insertion_order = false")
        load_ticket_exports(fresh, [tmp_path / name])
        assert fresh.execute("select current_setting('threads'), current_setting('preserve_insertion_order')"
                             ).fetchone() == (3, False)
    # the third file: tried directly, then loaded the careful way
    assert taken == [True, True, False]


def _ordered_log(path, extra: list[str] = ()) -> list[str]:
    """An event log as process-mining tools write one: each ticket's events together and in time order."""
    rng = random.Random(11)
    rows = []
    for t in range(30):
        when = dt.datetime(2024, 2, 1, 8) + dt.timedelta(hours=2 * t)
        for k, activity in enumerate(ACTIVITIES[: rng.randint(2, len(ACTIVITIES))]):
            when += dt.timedelta(minutes=rng.randint(0, 40) if k else 0)
            rows.append(f"C{t},{activity},{when:%Y-%m-%d %H:%M:%S},{rng.choice(['anna', 'bo', 'cy', ''])}")
    rows += list(extra)
    path.write_text(HEADER + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return rows


def _spy_into_rows(monkeypatch) -> list[bool]:
    written = []
    original = load._group_events_into_rows

    def spy(*args, **kwargs):
        result = original(*args, **kwargs)
        written.append(result[0] is not None)
        return result

    monkeypatch.setattr(load, "_group_events_into_rows", spy)
    return written


def test_an_ordered_log_is_grouped_straight_into_the_tickets_as_the_staged_path_groups_it(tmp_path, monkeypatch):
    """A log listing each ticket's events together and in time order, into a warehouse without tickets: one
    statement writes the tickets straight into raw.ticket_rows. The same tickets (times, states, counts, lines)
    as the staged path gives, and as the direct path gives into a warehouse that already has a ticket (the
    tickets then go through the temporary table and the newest-export rule). An event whose time cannot be read
    sends the file the longer way: set aside with its line, the rest as before."""
    written = _spy_into_rows(monkeypatch)
    path = tmp_path / "ordered.csv"
    rows = _ordered_log(path)
    direct = duckdb.connect()
    f = load_ticket_exports(direct, [path]).files[0]
    assert written == [True] and (f.status, f.rows_loaded, f.rows_inserted, f.tickets) == (
        "loaded", len(rows), 30, 30)
    got = direct.execute(f"select {TICKET_COLUMNS} from raw.tickets order by ticket_id").fetchall()
    # each ticket carries the line of its last event, reopens and reassignments are counted
    last_line = {r.split(",")[0]: n for n, r in enumerate(rows, start=2)}
    assert {t[1]: t[10] for t in got} == last_line
    assert sum(t[8] for t in got) > 0 and sum(t[9] for t in got) > 0

    staged = duckdb.connect()
    ensure_raw_tables(staged)
    _keep_other_event(staged)
    load_ticket_exports(staged, [path])
    assert got == staged.execute(f"select {TICKET_COLUMNS} from raw.tickets where source_system <> 'other' "
                                 "order by ticket_id").fetchall()

    with_ticket = duckdb.connect()  # a ticket of another load already there: not written straight
    ensure_raw_tables(with_ticket)
    with_ticket.execute("insert into raw.ticket_files (file, sha256, rows_loaded, rows_quarantined, status, "
                        "loaded_at, exported_at, file_no) values ('other.csv', 'x', 1, 0, 'loaded', '2020-01-01', "
                        "'2020-01-01', 1)")
    with_ticket.execute("insert into raw.ticket_rows (source_system, ticket_id, created_at, source_row, file_no) "
                        "values ('other', 'X1', '2020-01-01', 2, 1)")
    assert load_ticket_exports(with_ticket, [path]).files[0].rows_inserted == 30
    assert written == [True]  # (not tried)
    assert got == with_ticket.execute(f"select {TICKET_COLUMNS} from raw.tickets where source_system <> 'other' "
                                      "order by ticket_id").fetchall()

    unreadable = tmp_path / "unreadable.csv"  # (two events without an id are no ticket seen twice)
    rows = _ordered_log(unreadable, extra=["C29,Closed,later that day,bo", ",Closed,2024-02-03 08:00:00,bo",
                                           ",Closed,2024-02-03 09:00:00,bo"])
    groupings = []
    aggregate = load.event_aggregate_sql
    monkeypatch.setattr(load, "event_aggregate_sql", lambda resolved, in_file_order=False, **options: (
        groupings.append(in_file_order), aggregate(resolved, in_file_order, **options))[1])
    con = duckdb.connect()
    f = load_ticket_exports(con, [unreadable]).files[0]
    assert written == [True, False] and groupings[0] is True  # (not straight to the window)
    assert (f.status, f.rows_loaded, f.rows_quarantined) == ("partial", len(rows) - 3, 3)
    assert con.execute("select row_number, raw_row from raw.ticket_quarantine order by 1").fetchall() == [
        (len(rows) - 1, "C29,Closed,later that day,bo"), (len(rows), rows[-2]), (len(rows) + 1, rows[-1])]
    assert [t[:-1] for t in con.execute(f"select {TICKET_COLUMNS} from raw.tickets order by ticket_id").fetchall()
            ] == [t[:-1] for t in got]  # (but the export time: another file)
    assert not con.execute("select count(*) from raw.ticket_rows where source_row < 0").fetchone()[0]


MAPPING = """name: audit_log
source_system: audit
columns:
  source_system: System
  ticket_id: Number
  event_at: Changed
  activity: Change
  status: State
  resource: Person
  assignment_group: Team
"""


def test_an_ordered_log_with_every_event_field_is_grouped_as_the_staged_path_groups_it(tmp_path, monkeypatch):
    """Every field the events table holds (two systems with the same numbers, a state column beside the
    activity, a group beside the person, some events without either, a state first resolved then reopened):
    the tickets grouped from the rows as they come are the staged path's."""
    written = _spy_into_rows(monkeypatch)
    (tmp_path / "mappings").mkdir()
    (tmp_path / "mappings" / "audit.yaml").write_text(MAPPING, encoding="utf-8")
    rng = random.Random(5)
    states = ["New", "In Progress", "On Hold", "Resolved", "In Progress", "Resolved", "Closed"]
    rows = []
    for t in range(40):
        when = dt.datetime(2024, 5, 1, 8) + dt.timedelta(hours=t)
        for k, state in enumerate(states[: rng.randint(1, len(states))]):
            when += dt.timedelta(minutes=rng.randint(0, 30) if k else 0)
            rows.append(f"{['alpha', 'beta'][t % 2]},INC{t // 2},{when:%d.%m.%Y %H:%M},update {k},{state},"
                        f"{rng.choice(['anna', 'bo', ''])},{rng.choice(['Drift', 'Skole', ''])}")
    path = tmp_path / "audit.csv"
    path.write_text("System,Number,Changed,Change,State,Person,Team\n" + "\n".join(rows) + "\n", encoding="utf-8")
    direct = duckdb.connect()
    f = load_ticket_exports(direct, [path], mapping_dir=tmp_path / "mappings").files[0]
    assert written == [True] and (f.status, f.preset.split()[0], f.tickets) == ("loaded", "audit_log", 40)
    staged = duckdb.connect()
    ensure_raw_tables(staged)
    _keep_other_event(staged)
    load_ticket_exports(staged, [path], mapping_dir=tmp_path / "mappings")
    got = direct.execute(f"select {TICKET_COLUMNS} from raw.tickets order by all").fetchall()
    assert got == staged.execute(f"select {TICKET_COLUMNS} from raw.tickets where source_system <> 'other' "
                                 "order by all").fetchall()
    assert {t[0] for t in got} == {"alpha", "beta"} and {t[7] for t in got} > {None}
    assert sum(t[8] for t in got) > 0 and sum(t[9] for t in got) > 0
    assert {t[5] for t in got} >= {"closed", "resolved", "open"}
