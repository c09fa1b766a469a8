"""An event that is no change of state (an assignment, a comment, a reply, a note, a time log) keeps the ticket's state:
logged after the resolution it is no reopening and the resolution stands; a real reopening after it still counts.
The same tickets whichever way the log is grouped: straight from the file in order (streamed), staged, or
re-sorted when the events are out of order; a JSON-lines event stream too."""
from __future__ import annotations

import datetime as dt
import json

import duckdb
import pytest

from flows.tickets.load import ensure_raw_tables, load_ticket_exports
from flows.tickets.presets import activity_state, normalise_status

# (ticket, activity, minutes after 2024-03-04 08:00)
EVENTS = [
    ("T1", "Created", 0), ("T1", "Assigned", 5), ("T1", "Resolved", 60), ("T1", "Assigned", 63),
    ("T1", "Comment added", 70),
    ("T2", "Created", 100), ("T2", "Resolved", 130), ("T2", "Reply sent", 131), ("T2", "Reopened", 200),
    ("T2", "Log time", 210),
    ("T3", "Created", 300), ("T3", "Resolved", 320), ("T3", "Note", 330), ("T3", "Reopened", 340),
    ("T3", "Resolved", 400), ("T3", "Assigned", 401),
]
START = dt.datetime(2024, 3, 4, 8, tzinfo=dt.timezone.utc)


def _at(minutes: int) -> dt.datetime:
    return START + dt.timedelta(minutes=minutes)


def _csv(path, events) -> None:
    lines = ["Case ID,Activity,Timestamp,Resource"]
    lines += [f"{t},{a},{_at(m):%Y-%m-%dT%H:%M:%SZ},agent{m % 3}" for t, a, m in events]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _tickets(con) -> dict[str, tuple]:
    rows = con.execute("select ticket_id, resolved_at, status, reopen_count from raw.tickets").fetchall()
    return {t: (r.astimezone(dt.timezone.utc) if r else None, s, n) for t, r, s, n in rows}


def _check(got: dict[str, tuple]) -> None:
    # an assignment and a comment after the resolution: still resolved at the resolution, no reopening
    assert got["T1"] == (_at(60), "resolved", 0)
    # a reply between the resolution and a real reopening: the reopening counts, the ticket is open again
    assert got["T2"] == (None, "open", 1)
    # reopened after a note, resolved again, then assigned: resolved at the last resolution, one reopening
    assert got["T3"] == (_at(400), "resolved", 1)


def test_actions_name_no_state_and_states_still_do():
    for action in ("assigned", "Assign seriousness", "Comment added", "Reply sent", "Note", "Log time",
                   "Field update", "Attachment added", "Tildelt", "Kommentar"):
        assert activity_state(action) is None, action
    for activity, state in (("Resolve ticket", "resolved"), ("Take in charge ticket", "open"),
                            ("Reopened", "open"), ("Closed", "closed"), ("Wait", "pending"),
                            ("Status updated to resolved", "resolved"), ("created", "new")):
        assert activity_state(activity) == state, activity
    # a status column's "Assigned" is a state (the ticket is open), not an action
    assert normalise_status("Assigned") == "open"
    # a source's own mapping of the text wins
    assert activity_state("assigned", {"assigned": "open"}) == "open"


def test_event_log_in_file_order(tmp_path):
    path = tmp_path / "log.csv"
    _csv(path, EVENTS)
    con = duckdb.connect()
    load_ticket_exports(con, [path])
    _check(_tickets(con))
    # the assignment event is kept, with no state of its own
    assert con.execute("select count(*) from raw.ticket_events where activity = 'Assigned' and status is null"
                       ).fetchone()[0] == 3


def test_event_log_out_of_order(tmp_path):
    path = tmp_path / "log.csv"
    _csv(path, list(reversed(EVENTS)))
    con = duckdb.connect()
    load_ticket_exports(con, [path])
    _check(_tickets(con))


def test_event_log_staged(tmp_path):
    """A warehouse already keeping another system's events: the log goes through the staged path."""
    first = tmp_path / "first.csv"
    _csv(first, [("X1", "Created", 0), ("X1", "Resolved", 5)])
    path = tmp_path / "log.csv"
    _csv(path, EVENTS)
    con = duckdb.connect()
    ensure_raw_tables(con)
    load_ticket_exports(con, [first])
    load_ticket_exports(con, [path])
    got = _tickets(con)
    _check(got)
    assert got["X1"] == (_at(5), "resolved", 0)


@pytest.mark.parametrize("order", ["as_logged", "reversed"])
def test_json_lines_event_stream(tmp_path, order):
    events = EVENTS if order == "as_logged" else list(reversed(EVENTS))
    path = tmp_path / "events.jsonl"
    path.write_text("\n".join(json.dumps({"ticket_id": t, "type": a.lower(), "ts": int(_at(m).timestamp() * 1000),
                                          "actor": f"agent{m % 3}"}) for t, a, m in events) + "\n",
                    encoding="utf-8")
    con = duckdb.connect()
    load_ticket_exports(con, [path])
    _check(_tickets(con))
