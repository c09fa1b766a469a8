"""A status written as one letter of a system's code table (LiveAgent's API: "R" resolved, "L" closed, "C" open, "W"
postponed, "A" answered, "N" new), in an invented JSON list of tickets: each letter is read as its state, so the open
tickets are those not resolved or closed. A column of two letters only, or of letters outside every table, is not
read so (pure function)."""
from __future__ import annotations

import datetime as dt
import json

import duckdb

from flows.tickets.load import ensure_raw_tables, load_ticket_exports
from flows.tickets.presets import letter_status_values, normalise_status

LETTERS = ("R", "L", "R", "C", "L", "W", "R", "A", "N", "L")
STATE = {"R": "resolved", "L": "closed", "C": "open", "W": "pending", "A": "pending", "N": "new"}


def test_a_status_of_single_letters_is_read_by_the_code_table(tmp_path):
    start = dt.datetime(2024, 1, 8, 9, 0)
    rows = [{"id": f"{n:06x}", "owner_email": f"person{n}@nordvik.kommune.no", "status": LETTERS[n % len(LETTERS)],
             "date_created": f"{start + dt.timedelta(hours=13 * n):%Y-%m-%d %H:%M:%S}",
             "date_resolved": (f"{start + dt.timedelta(hours=13 * n + 5):%Y-%m-%d %H:%M:%S}"
                               if LETTERS[n % len(LETTERS)] in "RL" else None), "subject": f"Sak {n}"}
             for n in range(40)]
    path = tmp_path / "skole_tickets.json"
    path.write_text(json.dumps(rows), encoding="utf-8")
    con = duckdb.connect()
    ensure_raw_tables(con)
    load_ticket_exports(con, [path])
    got = dict(con.execute("select ticket_id, status from raw.tickets").fetchall())
    assert got == {r["id"]: STATE[r["status"]] for r in rows}


def test_only_a_column_of_such_letters_is_read_so():
    unread = lambda v: normalise_status(v, None) == "other"  # noqa: E731
    assert letter_status_values(["R", "L", "C", None], unread) == {"R": "resolved", "L": "closed", "C": "open"}
    assert letter_status_values(["R", "L"], unread) == {}  # two letters say too little
    assert letter_status_values(["R", "L", "Z"], unread) == {}  # a letter outside the table
    assert letter_status_values(["Open", "R", "L"], unread) == {}  # not every value a letter
