"""A warehouse file's first clean event log keeps its events as the file itself, landed in the landing folder beside
the warehouse ("landed_events", named by content, registered in raw.ticket_event_files), and only its tickets as rows: raw.ticket_events,
raw.tickets and the quarantine are exactly those a warehouse keeping every event as a row (one in memory, which has
no folder to land files in) gives, for the real event log in ../shared/real/tickets and for variants that need the
careful path (out of order, padded, null markers, unreadable times, a state first seen late). A second run adds
nothing, a later export repeating events keeps none twice, and a warehouse moved with its folder keeps its events."""
from __future__ import annotations

import hashlib
import random
import shutil
from pathlib import Path

import duckdb
import pytest

import flows.tickets.load as loader
from flows.tickets.load import landing_dir, load_ticket_exports

REPO = Path(__file__).resolve().parents[3]
EVENT_LOG = REPO.parent / "shared" / "real" / "tickets" / "helpdesk_italian_sw_company_eventlog.csv"
LINES = EVENT_LOG.read_text(encoding="utf-8").splitlines(keepends=True)


def _seen(con) -> tuple[list, list, list]:
    """Every event, ticket and quarantined row as readers see them (the load time aside: it differs)."""
    return (con.execute("select * exclude (loaded_at) from raw.ticket_events order by all").fetchall(),
            con.execute("select * exclude (loaded_at) from raw.tickets order by all").fetchall(),
            con.execute("select * exclude (loaded_at) from raw.ticket_quarantine order by all").fetchall())


def _spy_landed(monkeypatch) -> list[bool]:
    taken = []
    original = loader._load_event_log_landed

    def spy(*args, **kwargs):
        result = original(*args, **kwargs)
        taken.append(result is not None)
        return result

    monkeypatch.setattr(loader, "_load_event_log_landed", spy)
    return taken


def _events_in_file(path: Path) -> int:
    return duckdb.connect().execute(f"select count(*) from read_csv('{path}', all_varchar = true)").fetchone()[0]


def test_the_real_log_lands_as_its_file_and_readers_see_what_rows_give(tmp_path, monkeypatch):
    first, later = tmp_path / "hendelser_2024-02-01.csv", tmp_path / "hendelser_2024-03-01.csv"
    shutil.copy(EVENT_LOG, first)
    later.write_text("".join(LINES[:1001]), encoding="utf-8")  # a later export repeating a thousand events
    events = _events_in_file(EVENT_LOG)
    taken = _spy_landed(monkeypatch)
    warehouse = tmp_path / "wh" / "warehouse.duckdb"
    warehouse.parent.mkdir()
    landed = duckdb.connect(str(warehouse))
    f = load_ticket_exports(landed, [first]).files[0]
    assert taken == [True]
    assert (f.status, f.rows_loaded, f.rows_quarantined) == ("loaded", events, 0), f.message
    assert landed.execute("select count(*) from raw.ticket_event_rows").fetchone()[0] == 0
    [(file_no, name)] = landed.execute("select file_no, landed from raw.ticket_event_files").fetchall()
    copy = landing_dir(landed) / name
    assert copy.parent == warehouse.parent / "landed_events" and name == f"{f.sha256}.csv"
    assert hashlib.sha256(copy.read_bytes()).hexdigest() == f.sha256  # the export itself, byte for byte
    assert landed.execute("select count(*), min(source_row), max(source_row) from raw.ticket_events").fetchone() \
        == (events, 2, events + 1)

    rows = duckdb.connect()  # (in memory: no landing folder, every event a row of raw.ticket_event_rows)
    assert landing_dir(rows) is None
    load_ticket_exports(rows, [first])
    assert rows.execute("select count(*) from raw.ticket_event_rows").fetchone()[0] == events
    assert _seen(landed) == _seen(rows)
    assert len(_seen(landed)[0]) == events

    # each ticket's line is the line of its latest event in the file (provenance)
    ticket, line = landed.execute("select ticket_id, source_row from raw.tickets order by ticket_id limit 1").fetchone()
    assert LINES[line - 1].rstrip("\r\n").split(",")[6] == ticket
    assert landed.execute("select max(source_row) from raw.ticket_events where ticket_id = ?", [ticket]
                          ).fetchone()[0] == line

    # a second run adds nothing; a later export repeating a thousand events keeps none of them twice
    for con in (landed, rows):
        assert [r.status for r in load_ticket_exports(con, [first, later]).files] == ["unchanged", "loaded"]
        assert con.execute("select count(*) from raw.ticket_events").fetchone()[0] == events
    assert _seen(landed) == _seen(rows)
    assert sorted(p.name for p in copy.parent.iterdir()) == [name]  # nothing else landed
    landed.close()

    # the warehouse moved with its landing folder keeps its events; a landed file removed by hand leaves its events
    # out, without breaking the view
    moved = tmp_path / "moved"
    shutil.move(str(warehouse.parent), str(moved))
    again = duckdb.connect(str(moved / "warehouse.duckdb"))
    loader.ensure_raw_tables(again)
    assert _seen(again) == _seen(rows)
    again.close()
    (moved / "landed_events" / name).unlink()
    again = duckdb.connect(str(moved / "warehouse.duckdb"))
    loader.ensure_raw_tables(again)
    assert again.execute("select count(*) from raw.ticket_events").fetchone()[0] == 0
    assert again.execute("select count(*) from raw.tickets").fetchone()[0] == len(_seen(rows)[1])


def _variant(kind: str) -> str:
    """A prefix of the real log, as it is ('clean') or with one thing changed: its lines shuffled (a ticket's events
    apart and out of time order: the landed path groups them with the window), a state first seen after the rows the
    loader samples ('state late': it looks for every state and reads again), or a cell the direct path has to clean
    or set aside (padded, a null marker, an unreadable time, a blank line)."""
    header, body = LINES[0], LINES[1:8001]  # (longer than the rows the loader samples for states: 5000)
    rng = random.Random(7)
    if kind == "shuffled":
        body = body[:]
        rng.shuffle(body)
    elif kind == "naive times":  # (read as Oslo time, whatever the zone of the session reading the view)
        body = [line.replace("+02:00,", ",").replace("+01:00,", ",") for line in body]
    elif kind in ("padded", "marker", "bad time", "state late", "blank line"):
        cells = body[7000].rstrip("\n").split(",")
        if kind == "padded":
            cells[2] = " " + cells[2]  # (org:resource, the column read as the resource)
        elif kind == "marker":
            cells[2] = "N/A"
        elif kind == "bad time":
            cells[3] = "not a time"
        elif kind == "state late":
            cells[0] = cells[4] = "Reopen ticket"
        body = body[:7000] + ([",,,,,,,,,\n"] if kind == "blank line" else []) + [",".join(cells) + "\n"] \
            + body[7001:]
    return header + "".join(body)


@pytest.mark.parametrize("kind", ["clean", "naive times", "shuffled", "padded", "marker", "bad time", "state late",
                                  "blank line"])
def test_a_log_lands_unless_it_needs_cleaning_and_readers_see_the_same(tmp_path, monkeypatch, kind):
    path = tmp_path / "hendelser_2024-02-01.csv"
    path.write_text(_variant(kind), encoding="utf-8")
    taken = _spy_landed(monkeypatch)
    landed = duckdb.connect(str(tmp_path / "warehouse.duckdb"))
    f = load_ticket_exports(landed, [path]).files[0]
    lands = kind in ("clean", "naive times", "shuffled", "state late")
    assert taken == [lands], f.message
    rows = duckdb.connect()
    g = load_ticket_exports(rows, [path]).files[0]
    assert (f.status, f.rows_loaded, f.rows_quarantined) == (g.status, g.rows_loaded, g.rows_quarantined)
    assert _seen(landed) == _seen(rows)
    for con in (landed, rows):  # what a reader in another time zone sees (dbt's session, a PostgreSQL copy)
        con.execute("set TimeZone = 'UTC'")
    assert _seen(landed) == _seen(rows)
    kept = landed.execute("select count(*) from raw.ticket_event_rows").fetchone()[0]
    assert kept == (0 if lands else g.rows_loaded)
    assert landed.execute("select count(*) from raw.ticket_event_files").fetchone()[0] == lands
    if kind == "state late":  # (the state the first rows did not show, normalised as the rows path does)
        assert landed.execute("select status from raw.ticket_events where activity = 'Reopen ticket'").fetchall() \
            == rows.execute("select status from raw.ticket_events where activity = 'Reopen ticket'").fetchall() \
            == [("open",)]
    if not lands:  # nothing landed by the attempt
        assert not (tmp_path / "landed_events").exists() or not any((tmp_path / "landed_events").iterdir())
