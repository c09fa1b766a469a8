"""An event log listed ticket by ticket in time order is grouped without sorting its events (the
event before is the row before); any other order is grouped with the window over each ticket's
events. Both must give the same tickets, reopen and reassignment counts, whatever the order."""
from __future__ import annotations

import datetime as dt
import random

import duckdb
import pytest

import flows.tickets.load as load
from flows.tickets.load import load_ticket_exports
from flows.tickets.presets import normalise_status

HEADER = "Case ID,Activity,Timestamp,Resource"
# states: Insert -> new, Take in charge -> open, Resolve -> resolved, Closed -> closed, Wait -> pending
STEPS = ["Insert ticket", "Take in charge ticket", "Resolve ticket", "Take in charge ticket", "Wait", "Resolve ticket",
         "Closed", "Take in charge ticket", "Closed"]


def _events(tickets: int = 60, seed: int = 7) -> list[tuple[str, str, dt.datetime, str]]:
    """(case, activity, time, resource) in ticket order, each ticket's events in time order; some
    tickets reopen, some change hands, some events have no resource, some share a timestamp."""
    rng = random.Random(seed)
    events = []
    for t in range(tickets):
        when = dt.datetime(2024, 1, 1, 8) + dt.timedelta(hours=3 * t)
        for k, activity in enumerate(STEPS[: rng.randint(1, len(STEPS))]):
            if k and rng.random() > 0.2:  # else the same second as the event before
                when += dt.timedelta(minutes=rng.randint(1, 90))
            events.append((f"C{t}", activity, when, rng.choice(["anna", "bo", "cy", "", ""])))
    return events


def _write(path, events) -> None:
    path.write_text(HEADER + "\n" + "".join(f"{c},{a},{w:%Y-%m-%d %H:%M:%S},{r}\n" for c, a, w, r in events),
                    encoding="utf-8")


def _spy_order(monkeypatch) -> list:
    """How each grouping read the events: "stream" (file order, streaming windows, no hash table: the direct
    path into a warehouse without tickets), True (file order, one aggregate), False (the window over each ticket)."""
    calls = []
    original, stream = load.event_aggregate_sql, load.event_stream_sql

    def spy(resolved, in_file_order=False, **options):
        calls.append(in_file_order)
        return original(resolved, in_file_order, **options)

    def spy_stream(resolved, **options):
        calls.append("stream")
        return stream(resolved, **options)

    monkeypatch.setattr(load, "event_aggregate_sql", spy)
    monkeypatch.setattr(load, "event_stream_sql", spy_stream)
    return calls


TICKETS = ("select ticket_id, created_at, resolved_at, closed_at, status, status_source, reopen_count, "
           "reassignment_count from raw.tickets order by ticket_id")


def _load(path):
    con = duckdb.connect()
    f = load_ticket_exports(con, [path]).files[0]
    assert (f.status, f.rows_quarantined) == ("loaded", 0), f.message
    return con, f


def _expected(events) -> dict[str, tuple[int, int]]:
    """Reopen and reassignment counts recounted in Python from each ticket's events in time order
    (ties: file order), independently of the loader's SQL."""
    by_ticket: dict[str, list] = {}
    for line, (case, activity, when, resource) in enumerate(events):
        by_ticket.setdefault(case, []).append((when, line, normalise_status(activity), resource or None))
    expected = {}
    for case, evs in by_ticket.items():
        evs.sort()
        reopens = sum(1 for prev, cur in zip(evs, evs[1:])
                      if prev[2] in ("resolved", "closed") and cur[2] in ("new", "open", "pending"))
        reassigned, owner = 0, None
        for _, _, status, resource in evs:
            if resource is not None:
                if owner is not None and resource != owner and status not in ("resolved", "closed", "cancelled"):
                    reassigned += 1
                owner = resource
        expected[case] = (reopens, reassigned)
    return expected


@pytest.mark.parametrize("disorder", ["shuffled", "one ticket split", "one event earlier than the row before"])
def test_sorted_and_unsorted_logs_give_the_same_tickets(tmp_path, monkeypatch, disorder):
    calls = _spy_order(monkeypatch)
    events = _events()
    sorted_path = tmp_path / "sorted.csv"
    _write(sorted_path, events)
    other = list(events)
    if disorder == "shuffled":  # events of a ticket at the same second keep their order (ties: the line)
        random.Random(1).shuffle(other)
        tied: dict[tuple, list] = {}
        for e in events:
            tied.setdefault((e[0], e[2]), []).append(e)
        other = [tied[(e[0], e[2])].pop(0) for e in other]
    elif disorder == "one ticket split":  # every ticket in time order, but one's last event at the end
        last = max(i for i, e in enumerate(other) if e[0] == "C5")
        other.append(other.pop(last))
    else:  # together, but two events of one ticket swapped in time
        i = next(i for i, e in enumerate(other) if i > 5 and other[i - 1][0] == e[0] and other[i - 1][2] < e[2])
        other[i - 1], other[i] = other[i], other[i - 1]
        assert other[i - 1][2] > other[i][2]
    other_path = tmp_path / "other.csv"
    _write(other_path, other)

    in_order, f_sorted = _load(sorted_path)
    assert calls == ["stream"]  # grouped from the rows as they come: no window, no hash table
    out_of_order, f_other = _load(other_path)
    assert calls == ["stream", "stream", False]  # the order breaks were found: grouped again with the window

    got = in_order.execute(TICKETS).fetchall()
    assert got == out_of_order.execute(TICKETS).fetchall()
    assert (f_sorted.tickets, f_sorted.rows_loaded) == (f_other.tickets, f_other.rows_loaded) == (
        len({e[0] for e in events}), len(events))
    # the counts follow the events in time order, as a plain recount of each file finds them
    counts = {r[0]: (r[6], r[7]) for r in got}
    assert counts == _expected(events) == _expected(other)
    assert sum(r for r, _ in counts.values()) > 0 and sum(a for _, a in counts.values()) > 0
    # each ticket carries the line of its last event in its own file
    for con, evs in ((in_order, events), (out_of_order, other)):
        last_line = {}
        for line, e in enumerate(evs, start=2):
            last_line[e[0]] = line
        assert dict(con.execute("select ticket_id, source_row from raw.tickets").fetchall()) == last_line


def test_an_owner_seen_only_in_the_ticket_before_is_no_reassignment(tmp_path):
    """The row before a ticket's first owned event belongs to another ticket: no change of hands."""
    path = tmp_path / "log.csv"
    _write(path, [("A1", "Insert ticket", dt.datetime(2024, 1, 1, 8), "anna"),
                  ("B1", "Insert ticket", dt.datetime(2024, 1, 1, 9), ""),
                  ("B1", "Take in charge ticket", dt.datetime(2024, 1, 1, 10), "bo"),
                  ("B1", "Take in charge ticket", dt.datetime(2024, 1, 1, 11), "cy")])
    con, _ = _load(path)
    assert con.execute("select ticket_id, reassignment_count from raw.tickets order by 1").fetchall() == [
        ("A1", 0), ("B1", 1)]


def _load_landed(path, warehouse):
    """Into a warehouse file (the landed path: the tickets grouped straight from the file)."""
    con = duckdb.connect(str(warehouse))
    f = load_ticket_exports(con, [path]).files[0]
    assert (f.status, f.rows_quarantined) == ("loaded", 0), f.message
    assert con.execute("select count(*) from raw.ticket_event_files").fetchone()[0] == 1  # (it landed)
    return con


def test_a_landed_log_gives_the_tickets_a_plain_recount_and_the_rows_path_give(tmp_path):
    events = _events(tickets=80, seed=11)
    path = tmp_path / "log.csv"
    _write(path, events)
    landed = _load_landed(path, tmp_path / "w.duckdb")
    got = landed.execute(TICKETS).fetchall()
    assert {r[0]: (r[6], r[7]) for r in got} == _expected(events)
    in_memory, _ = _load(path)  # (the events kept as rows)
    assert got == in_memory.execute(TICKETS).fetchall()
    last_line = {e[0]: line for line, e in enumerate(events, start=2)}
    assert dict(landed.execute("select ticket_id, source_row from raw.tickets").fetchall()) == last_line


def test_a_landed_ticket_sees_only_its_own_states_and_owners(tmp_path):
    """The ticket before ends closed and owned: the next ticket's first state is no reopening and its first owner
    no change of hands; an event naming no state keeps the state before it (a reopening after it still counts)."""
    at = dt.datetime(2024, 1, 1, 8)
    path = tmp_path / "log.csv"
    _write(path, [("A1", "Insert ticket", at, "anna"),
                  ("A1", "Closed", at + dt.timedelta(hours=1), "anna"),
                  ("B1", "Insert ticket", at + dt.timedelta(hours=2), "bo"),
                  ("B1", "Assign seriousness", at + dt.timedelta(hours=3), ""),
                  ("B1", "Resolve ticket", at + dt.timedelta(hours=4), "bo"),
                  ("B1", "Assign seriousness", at + dt.timedelta(hours=5), "cy"),
                  ("B1", "Take in charge ticket", at + dt.timedelta(hours=6), "cy"),
                  ("C1", "Insert ticket", at + dt.timedelta(hours=7), ""),
                  ("C1", "Resolve ticket", at + dt.timedelta(hours=8), "")])
    con = _load_landed(path, tmp_path / "w.duckdb")
    rows = con.execute("select ticket_id, status, status_source, resolved_at is not null, closed_at is not null, "
                       "reopen_count, reassignment_count, source_row from raw.tickets order by 1").fetchall()
    assert rows == [("A1", "closed", "Closed", False, True, 0, 0, 3),  # (closed, never resolved)
                    ("B1", "open", "Take in charge ticket", False, False, 1, 1, 8),
                    ("C1", "resolved", "Resolve ticket", True, False, 0, 0, 10)]
