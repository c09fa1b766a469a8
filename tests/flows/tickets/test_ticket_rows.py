"""Tickets name their load (raw.ticket_files.file_no) instead of repeating the file, export time and load time on
every row; raw.tickets is the view that gives every ticket those again. A warehouse from before (raw.tickets a
table, with or without the fields added later) is moved over on open without losing or changing a ticket."""
from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from flows.tickets.load import ensure_raw_tables, load_ticket_exports
from flows.tickets.model import ADDED_FIELDS, RAW_TICKET_FILES_DDL, TICKET_FIELDS

# raw.tickets as the first release made it (the fields added later missing)
OLD_TICKETS_DDL = ("create table raw.tickets ("
                   + ", ".join(f"{f.name} {f.sql_type}" for f in TICKET_FIELDS if f.name not in ADDED_FIELDS)
                   + ", source_exported_at TIMESTAMPTZ not null, source_file VARCHAR not null, "
                     "source_row BIGINT not null, loaded_at TIMESTAMPTZ not null)")
OLD_FILES = [("a.csv", "2021-01-01 00:00:00+00", "2021-01-02 10:00:00+00"),
             ("b.csv", "2021-02-01 00:00:00+00", "2021-02-02 10:00:00+00"),
             ("a.csv", "2021-03-01 00:00:00+00", "2021-03-02 10:00:00+00")]  # a second load of a.csv
VIEW_COLUMNS = ("ticket_id, created_at, priority, status, category, reopen_count, source_exported_at, source_file, "
                "source_row, loaded_at")


def _old_warehouse(con, *, added: bool, stray: bool = False):
    con.execute("create schema raw")
    con.execute(RAW_TICKET_FILES_DDL)  # (no file_no yet: ensure_raw_tables adds it)
    con.execute(OLD_TICKETS_DDL)
    if added:  # a later release had added these at the end of the table
        for f in TICKET_FIELDS:
            if f.name in ADDED_FIELDS:
                con.execute(f"alter table raw.tickets add column {f.name} {f.sql_type}")
    for file, exported, loaded in OLD_FILES:
        con.execute("insert into raw.ticket_files (file, sha256, rows_loaded, rows_quarantined, status, loaded_at, "
                    "exported_at) values (?, 'x', 2, 0, 'loaded', ?, ?)", [file, loaded, exported])
    loads = OLD_FILES * 2 + ([("gone.csv", "2021-01-01 00:00:00+00", "2021-01-01 00:00:00+00")] if stray else [])
    for i, (file, exported, loaded) in enumerate(loads):
        con.execute("insert into raw.tickets (source_system, ticket_id, created_at, priority, status, category, "
                    "source_exported_at, source_file, source_row, loaded_at) values ('topdesk', ?, ?, 'C', 'open', ?, "
                    "?, ?, ?, ?)", [f"T{i}", f"2021-01-0{i + 1} 08:00:00+00", f"kat {i}", exported, file, i + 2, loaded])
    if added:
        con.execute("update raw.tickets set reopen_count = 2 where ticket_id = 'T1'")
    reopen = "reopen_count" if added else "null::bigint as reopen_count"  # (the move adds the column, empty)
    return con.execute(f"select {VIEW_COLUMNS.replace('reopen_count', reopen)} from raw.tickets order by all").fetchall()


def _kind(con, name: str):
    return con.execute("select table_type from information_schema.tables where table_schema = 'raw' "
                       "and table_name = ?", [name]).fetchone()


@pytest.mark.parametrize("added", [False, True], ids=["first release", "with the added fields"])
def test_an_older_tickets_table_becomes_rows_naming_their_load_and_the_view_gives_the_same_tickets(tmp_path, added):
    con = duckdb.connect()
    before = _old_warehouse(con, added=added)
    ensure_raw_tables(con)
    assert _kind(con, "tickets") == ("VIEW",) and _kind(con, "ticket_rows") == ("BASE TABLE",)
    assert con.execute(f"select {VIEW_COLUMNS} from raw.tickets order by all").fetchall() == before
    assert con.execute("select count(distinct file_no), count(*) from raw.ticket_files").fetchone() == (3, 3)
    # the per-load columns are no longer on the rows
    assert {r[0] for r in con.execute("select column_name from information_schema.columns "
                                      "where table_schema = 'raw' and table_name = 'ticket_rows'").fetchall()} \
        == {f.name for f in TICKET_FIELDS} | {"source_row", "file_no"}
    ensure_raw_tables(con)  # a second time changes nothing
    assert con.execute(f"select {VIEW_COLUMNS} from raw.tickets order by all").fetchall() == before

    # a newer export of T0 replaces it; an older one of T1 does not; both name their own load
    newer, older = tmp_path / "newer_2022-01-03.csv", tmp_path / "older_2020-01-03.csv"
    for path, day in ((newer, "03.01.2022"), (older, "03.01.2020")):
        path.write_text(f"Number;CallDate;ProcessingStatus\nT0;{day};Lukket\nT1;{day};Lukket\n", encoding="utf-8")
    loaded = {Path(r.file): r for r in load_ticket_exports(con, [newer, older]).files}
    f, g = loaded[newer], loaded[older]
    assert (f.status, f.rows_inserted, f.rows_updated) == ("loaded", 0, 2)
    assert (g.status, g.rows_inserted, g.rows_updated, g.rows_kept_newer) == ("loaded", 0, 0, 2)
    assert con.execute("select ticket_id, status, source_file from raw.tickets where ticket_id in ('T0', 'T1') "
                       "order by 1").fetchall() == [("T0", "closed", str(newer)), ("T1", "closed", str(newer))]
    assert con.execute(f"select {VIEW_COLUMNS} from raw.tickets where ticket_id not in ('T0', 'T1') order by all"
                       ).fetchall() == [r for r in before if r[0] not in ("T0", "T1")]


def test_an_older_ticket_that_names_no_load_leaves_the_table_as_it_was():
    con = duckdb.connect()
    before = _old_warehouse(con, added=True, stray=True)
    with pytest.raises(RuntimeError, match="1 of 7 tickets name no load"):
        ensure_raw_tables(con)
    assert _kind(con, "tickets") == ("BASE TABLE",)
    assert con.execute(f"select {VIEW_COLUMNS} from raw.tickets order by all").fetchall() == before
    assert con.execute("select count(*) from raw.ticket_rows").fetchone() == (0,)


def test_a_ticket_whose_load_was_removed_by_hand_is_replaced_by_the_next_export(tmp_path):
    con = duckdb.connect()
    ensure_raw_tables(con)
    path = tmp_path / "tickets_2021-05-01.csv"
    path.write_text("Number;CallDate;ProcessingStatus\nR1;01.05.2021;Lukket\n", encoding="utf-8")
    load_ticket_exports(con, [path])
    con.execute("delete from raw.ticket_files")  # its tickets name a load no longer there
    assert con.execute("select count(*) from raw.tickets").fetchone() == (0,)
    f = load_ticket_exports(con, [path]).files[0]
    assert (f.status, f.rows_updated) == ("loaded", 1)
    assert con.execute("select ticket_id, source_file from raw.tickets").fetchall() == [("R1", str(path))]
