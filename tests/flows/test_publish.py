"""The atomic swap: readers see the old file or the new one, a failed build leaves no trace."""
from __future__ import annotations

import duckdb
import pytest

from flows import publish
from flows.warehouse import connect_readonly


def _make(path, value):
    con = duckdb.connect(str(path))
    con.execute("create table t as select ? as v", [value])
    con.close()


def _read(path):
    con = connect_readonly(path)
    try:
        return con.execute("select v from t").fetchone()[0]
    finally:
        con.close()


def test_publish_replaces_the_served_file_while_a_reader_holds_the_old_one(tmp_path):
    served = tmp_path / "warehouse.duckdb"
    _make(served, 1)
    reader = connect_readonly(served)
    build = publish.new_build_path(served)
    _make(build, 2)
    publish.publish(build, served)
    assert reader.execute("select v from t").fetchone()[0] == 1  # an open reader keeps its snapshot
    reader.close()
    assert _read(served) == 2
    assert not build.exists()


def test_stale_builds_from_a_killed_refresh_are_removed(tmp_path):
    served = tmp_path / "warehouse.duckdb"
    _make(served, 1)
    stale = publish.new_build_path(served)
    _make(stale, 99)
    removed = publish.remove_stale_builds(served)
    assert removed == [stale]
    assert _read(served) == 1


def test_publish_refuses_a_build_with_an_open_write_ahead_log(tmp_path):
    served = tmp_path / "warehouse.duckdb"
    build = publish.new_build_path(served)
    _make(build, 2)
    (tmp_path / (build.name + ".wal")).write_bytes(b"x")
    with pytest.raises(RuntimeError, match="write-ahead log"):
        publish.publish(build, served)
    assert not served.exists()


def test_the_next_query_after_a_publish_reads_the_new_version_whatever_is_in_flight(tmp_path):
    """DuckDB caches one database per path in a process: an open reader must not pin the old version."""
    import threading

    from flows.warehouse import hold_open

    served = tmp_path / "warehouse.duckdb"
    first = publish.new_build_path(served)
    _make(first, 1)
    publish.publish(first, served)
    hold_open(served)  # the engine and the UI hold the served version open between queries
    reader = connect_readonly(served)  # a reader that stays open across the publish
    in_flight = connect_readonly(served)
    done = {}

    def slow_query():
        done["rows"] = in_flight.execute("select count(*) from range(200000000) a").fetchone()[0]

    thread = threading.Thread(target=slow_query)
    thread.start()
    for value in (2, 3):
        build = publish.new_build_path(served)
        _make(build, value)
        publish.publish(build, served)
        hold_open(served, only_if_held=True)
        assert _read(served) == value
    assert reader.execute("select v from t").fetchone()[0] == 1  # the open reader keeps its snapshot
    thread.join()
    assert done["rows"] == 200000000
    reader.close()
    in_flight.close()
    versions = sorted(p.name for p in tmp_path.iterdir())
    assert served.is_symlink() and len(versions) == 2, versions  # the link and the version it serves


def test_a_publish_over_an_old_plain_file_swaps_in_a_link(tmp_path):
    served = tmp_path / "warehouse.duckdb"
    _make(served, 1)
    build = publish.new_build_path(served)
    _make(build, 2)
    publish.publish(build, served)
    assert served.is_symlink() and _read(served) == 2
    assert publish.remove_stale_builds(served) == []


def _event_log(path, tickets: range) -> None:
    """An invented event log, clean enough to be landed whole (three events a ticket)."""
    lines = ["case,activity,time,resource"]
    for t in tickets:
        lines += [f"SAK-{t},{a},2024-03-{t % 28 + 1:02d} {9 + k:02d}:15:00,Team {t % 3}"
                  for k, a in enumerate(("Registrert", "Tildelt", "Lukket"))]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _publish_loaded(served, export) -> str:
    """Build `served` from one export (landed beside it) and publish it; the landed file's name."""
    from flows.tickets.load import load_ticket_exports

    build = publish.new_build_path(served)
    con = duckdb.connect(str(build))
    try:
        load_ticket_exports(con, [export])
        [(landed,)] = con.execute("select landed from raw.ticket_event_files").fetchall()
    finally:
        con.close()
    publish.publish(build, served)
    return landed


def _events_read(served) -> int:
    """The events the served warehouse reads (its view reads the landed files: a reader with file access, as dbt)."""
    con = duckdb.connect(str(publish.served_version(served)), read_only=True)
    try:
        return con.execute("select count(*) from raw.ticket_events").fetchone()[0]
    finally:
        con.close()


def test_a_publish_removes_the_landed_event_logs_no_warehouse_of_the_folder_uses(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    first, second, third = inbox / "hendelser_1.csv", inbox / "hendelser_2.csv", inbox / "hendelser_3.csv"
    _event_log(first, range(1, 11))
    _event_log(second, range(11, 15))
    _event_log(third, range(15, 30))
    served, other = tmp_path / "wh" / "warehouse.duckdb", tmp_path / "wh" / "other.duckdb"
    landing = tmp_path / "wh" / "landed_events"

    a = _publish_loaded(served, first)
    b = _publish_loaded(other, second)  # another warehouse of the folder: the file the first one uses stays
    assert sorted(p.name for p in landing.iterdir()) == sorted([a, b])
    assert _events_read(served) == 30 and _events_read(other) == 12

    stray = publish.new_build_path(served)  # a build under way: what it lands is not published yet
    _make(stray, 1)
    c = _publish_loaded(other, third)
    assert sorted(p.name for p in landing.iterdir()) == sorted([a, b, c])  # nothing removed meanwhile
    stray.unlink()

    assert _publish_loaded(other, third) == c  # the next publish removes what no warehouse uses
    assert sorted(p.name for p in landing.iterdir()) == sorted([a, c])
    assert _events_read(served) == 30 and _events_read(other) == 45

    assert _publish_loaded(served, third) == c
    assert [p.name for p in landing.iterdir()] == [c]
    assert _events_read(served) == _events_read(other) == 45
