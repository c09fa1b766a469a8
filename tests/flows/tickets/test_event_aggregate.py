"""An event log becomes one ticket per id in one aggregate pass: the order of events is their time,
then their line, whatever order the file lists them in; reopens and reassignments count changes
from the event before (a reassignment: from the last event that named an owner)."""
from __future__ import annotations

import datetime as dt
import random

import duckdb
import pytest

from flows.tickets.load import load_ticket_exports

UTC = dt.timezone.utc
HEADER = "Case ID,Activity,Timestamp,Resource"
# (activity, hour, resource): C1 is resolved, reopened (from bo to cy, so reassigned while open),
# resolved again; an event without a resource in between names no owner and changes nothing
C1 = [("Insert ticket", 8, "anna"), ("Take in charge ticket", 9, "bo"), ("Wait", 10, ""),
      ("Resolve ticket", 11, "bo"), ("Take in charge ticket", 12, "cy"), ("Resolve ticket", 13, "cy"),
      ("Closed", 14, "cy")]


@pytest.fixture()
def con():
    connection = duckdb.connect()
    yield connection
    connection.close()


@pytest.mark.parametrize("order", ["in time order", "shuffled"])
def test_the_order_of_events_is_their_time_not_their_place_in_the_file(con, tmp_path, order):
    rows = [f"C1,{a},2024-01-02 {h:02d}:00,{r}" for a, h, r in C1]
    rows += ["C2,Insert ticket,2024-01-03 08:00,anna", "C2,Resolve ticket,2024-01-03 09:00,anna"]
    if order == "shuffled":
        random.Random(7).shuffle(rows)
    path = tmp_path / "log.csv"
    path.write_text(HEADER + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    f = load_ticket_exports(con, [path]).files[0]
    assert (f.status, f.rows_loaded, f.tickets) == ("loaded", 9, 2), f.message
    got = con.execute("select ticket_id, created_at, status, resolved_at, closed_at, reopen_count, "
                      "reassignment_count, source_row from raw.tickets order by 1").fetchall()
    last_line = {tid: max(n for n, r in enumerate(rows, start=2) if r.startswith(tid + ",")) for tid in ("C1", "C2")}
    assert got == [
        ("C1", dt.datetime(2024, 1, 2, 7, 0, tzinfo=UTC), "closed", dt.datetime(2024, 1, 2, 12, 0, tzinfo=UTC),
         dt.datetime(2024, 1, 2, 13, 0, tzinfo=UTC), 1, 2, last_line["C1"]),
        ("C2", dt.datetime(2024, 1, 3, 7, 0, tzinfo=UTC), "resolved", dt.datetime(2024, 1, 3, 8, 0, tzinfo=UTC),
         None, 0, 0, last_line["C2"]),
    ]
    assert con.execute("select count(*) from raw.ticket_events").fetchone() == (9,)


def test_events_at_the_same_time_follow_their_lines(con, tmp_path):
    path = tmp_path / "log.csv"
    path.write_text(HEADER + "\nC1,Insert ticket,2024-01-02 08:00,anna\nC1,Resolve ticket,2024-01-02 09:00,anna\n"
                    "C1,Take in charge ticket,2024-01-02 09:00,bo\n", encoding="utf-8")
    load_ticket_exports(con, [path])
    # the reopening line comes after the resolving one at the same minute: the ticket is open again
    assert con.execute("select status, reopen_count, reassignment_count, resolved_at from raw.tickets").fetchone() == (
        "open", 1, 1, None)


@pytest.mark.parametrize("order", ["in time order", "shuffled"])
def test_a_ticket_closed_after_a_reopening_is_resolved_at_its_closing(tmp_path, order):
    """A reopened ticket's resolution is its last one: resolved, reopened, then closed without a new resolving event is
    resolved when it was closed (the first resolution is no longer its resolution); resolved and then closed keeps its
    resolving event. The expected times are read here from each ticket's events: the first event of the ticket's final
    run of resolved/closed states. Both loader paths (a warehouse without tickets streams the log; one with tickets
    groups it) give the same."""
    from flows.tickets.presets import normalise_status

    tickets = {"R1": ["Insert ticket", "Resolve ticket", "Take in charge ticket", "Closed"],  # reopened, closed
               "R2": ["Insert ticket", "Resolve ticket", "Closed"],  # resolved, then closed
               "R3": ["Insert ticket", "Resolve ticket", "Take in charge ticket", "Resolve ticket", "Closed"],
               "R4": ["Insert ticket", "Resolve ticket", "Take in charge ticket"]}  # reopened, still open
    rows = [f"{t},{a},2024-02-0{1 + int(t[1])} {8 + 3 * k:02d}:00,anna" for t, steps in tickets.items()
            for k, a in enumerate(steps)]
    if order == "shuffled":
        random.Random(3).shuffle(rows)
    path = tmp_path / "log.csv"
    path.write_text(HEADER + "\n" + "\n".join(rows) + "\n", encoding="utf-8")

    expected = {}
    for t, steps in tickets.items():
        states = [normalise_status(a) for a in steps]
        final = len(states)
        while final and states[final - 1] in ("resolved", "closed"):
            final -= 1
        hour = 8 + 3 * final if final < len(states) else None
        expected[t] = dt.datetime(2024, 2, 1 + int(t[1]), hour - 1, tzinfo=UTC) if hour is not None else None
    assert expected["R1"] is not None and expected["R4"] is None  # (the fixture has both kinds)

    for warm in (False, True):
        con = duckdb.connect()
        if warm:  # tickets already loaded: the log is grouped, not streamed
            other = tmp_path / f"other_{order[:2]}.csv"
            other.write_text(HEADER + "\nX1,Insert ticket,2024-01-05 08:00,bo\n", encoding="utf-8")
            load_ticket_exports(con, [other])
        f = load_ticket_exports(con, [path]).files[0]
        assert f.status == "loaded", f.message
        got = dict(con.execute("select ticket_id, coalesce(resolved_at, closed_at) from raw.tickets "
                               "where ticket_id like 'R%'").fetchall())
        assert got == expected, (warm, got)
        con.close()
