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
