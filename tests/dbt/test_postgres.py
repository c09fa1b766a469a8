"""The same dbt project builds and passes its tests on PostgreSQL 15.

A throwaway cluster is initdb'ed and started on a free port (as the `postgres` OS user when the
tests run as root), the fixture raw schema is copied into it with flows.postgres, and
`dbt build --target postgres` runs through flows.dbt.run_dbt.
"""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from dbt_runs import describe
from pg_cluster import find_pg_bin, new_cluster
from raw_fixture import build_raw

from flows.postgres import PgSettings, load_raw_schema, pg_type

# the same warnings as on DuckDB (tests/dbt/test_identities.py): the fixture's real misprints
EXPECTED_WARNINGS = {"assert_printed_variances_follow_a_sign_convention", "assert_unit_table_sums_add_up"}


def test_pg_type_mapping():
    assert pg_type("VARCHAR") == "text"
    assert pg_type("TIMESTAMP WITH TIME ZONE") == "timestamptz"
    assert pg_type("DECIMAL(18,3)") == "numeric(18,3)"
    assert pg_type("DOUBLE") == "double precision"
    assert pg_type("STRUCT(a INTEGER)") == "text"


@pytest.fixture(scope="module")
def postgres():
    if find_pg_bin() is None:
        pytest.fail("PostgreSQL server binaries not installed: apt-get install postgresql-15 (.ci/run does)")
    cluster = new_cluster()
    try:
        cluster.start()
        cluster.create_database("kommunedata")
        yield cluster
    finally:
        cluster.stop()


def calendar_grains(first: date, last: date) -> dict[str, int]:
    """How many periods of each grain the calendar from `first` to `last` holds, counted day by day in Python."""
    days = [first + timedelta(n) for n in range((last - first).days + 1)]
    return {"date": len(days), "half": len({(d.year, d.month > 6) for d in days}),
            "month": len({(d.year, d.month) for d in days}), "quarter": len({(d.year, (d.month - 1) // 3) for d in days}),
            "week": len({d.isocalendar()[:2] for d in days}), "year": len({d.year for d in days})}


def test_dbt_build_on_postgres(postgres, dbt_sandbox, tmp_path):
    raw = build_raw(tmp_path / "raw_source.duckdb")
    env = postgres.env("kommunedata")
    settings = PgSettings(host=env["KOMMUNEDATA_PG_HOST"], port=int(env["KOMMUNEDATA_PG_PORT"]),
                          user=env["KOMMUNEDATA_PG_USER"], dbname=env["KOMMUNEDATA_PG_DBNAME"])
    copied = load_raw_schema(raw, settings)
    assert copied["tickets"] == 74_188 and copied["report_accounts"] == 278
    assert copied["ticket_rows"] == 74_188  # raw.tickets is the view over them, recreated in PostgreSQL

    result = dbt_sandbox.run(["build"], target="postgres", env=env)

    assert result.success, describe(result)
    assert result.failed_tests == [], describe(result)
    assert {n.name for n in result.nodes if n.status == "warn"} <= EXPECTED_WARNINGS, describe(result)
    con = settings.connect()
    try:
        with con.cursor() as cur:
            cur.execute("""select actual_nok, budget_nok, variance_nok from main.fct_budget_variance
                           where unit_key = 'varit' and account_key = 'unit-salaries' and value_year = 2020""")
            assert cur.fetchall() == [(16_194_000.0, 17_122_000.0, 928_000.0)]
            cur.execute("""select owner_organisation_key, share_nok from main.fct_cost_share
                           where unit_key = 'vr-lonn-regnskap' and value_year = 2020 and scenario_code = 'regnskap'
                           order by owner_organisation_key""")
            assert cur.fetchall() == [("frosta", 515_000.0), ("malvik", 4_412_000.0), ("selbu", 2_327_000.0),
                                      ("stjordal", 6_533_000.0), ("tydal", 1_597_000.0)]
            # the generic name matching (macros/organisation_names.sql) agrees with DuckDB's
            cur.execute("select organisation_key, organisation_type from main.dim_organisation order by 1")
            assert cur.fetchall() == [
                ("frosta", "kommune"), ("hamar", "kommune"), ("hedmark-ikt", "interkommunalt samarbeid"),
                ("loten", "kommune"), ("malvik", "kommune"), ("meraker", "kommune"), ("selbu", "kommune"),
                ("stange", "kommune"), ("stjordal", "kommune"), ("tydal", "kommune"), ("unknown", "ukjent"),
                ("varnesregionen", "interkommunalt samarbeid")]
            cur.execute("select distinct provider_unit_key from main.fct_ticket")
            assert cur.fetchall() == [("hedmark-ikt",)]
            cur.execute("select grain, count(*) from main.dim_period group by grain order by grain")
            assert dict(cur.fetchall()) == calendar_grains(date(1990, 1, 1), date(2040, 12, 31))
            cur.execute("select period_key, ticket_count from main.agg_tickets_by_quarter "
                        "where year = 2021 and organisation_key = 'hamar' order by period_key")
            assert [p for p, _ in cur.fetchall()] == ["2021-Q1", "2021-Q2", "2021-Q3", "2021-Q4"]
            # the only failing identity checks are the VARIT table's real 2019 misprint, as on DuckDB
            cur.execute("select unit_key, value_year, check_code, count(*) from main.fct_reconciliation "
                        "where severity = 'error' and status = 'differs' group by 1, 2, 3")
            assert cur.fetchall() == [("varit", 2019, "unit_table_sum", 3)]
    finally:
        con.close()


def test_views_are_recreated_over_the_copied_tables(postgres, tmp_path):
    """Views of the raw schema (rows naming their load, as raw.tickets over raw.ticket_rows) come over as views of
    the copied tables, a view over a view after it; a view PostgreSQL cannot read comes over as a table of its rows."""
    import duckdb

    path = tmp_path / "views.duckdb"
    con = duckdb.connect(str(path))
    con.execute("create schema raw")
    con.execute("create table raw.loads (file_no integer, file varchar)")
    con.execute("create table raw.load_rows (n integer, file_no integer)")
    con.execute("insert into raw.loads values (1, 'a.csv'), (2, 'b.csv')")
    con.execute("insert into raw.load_rows select i, 1 + i % 2 from range(5) t(i)")
    con.execute("create view raw.named as select r.n, l.file from raw.load_rows as r "
                "inner join raw.loads as l on l.file_no = r.file_no")
    con.execute("create view raw.early as select * from raw.named where n < 3")  # over a view (sorted first)
    con.execute("create view raw.paired as select list_value(n, n) as pair, n from raw.load_rows")  # DuckDB only
    con.close()
    env = postgres.env("kommunedata")
    settings = PgSettings(host=env["KOMMUNEDATA_PG_HOST"], port=int(env["KOMMUNEDATA_PG_PORT"]),
                          user=env["KOMMUNEDATA_PG_USER"], dbname=env["KOMMUNEDATA_PG_DBNAME"])
    copied = load_raw_schema(path, settings)
    assert copied == {"loads": 2, "load_rows": 5, "named": 5, "early": 3, "paired": 5}
    pg = settings.connect()
    try:
        with pg.cursor() as cur:
            cur.execute("select table_name, table_type from information_schema.tables where table_schema = 'raw'")
            assert dict(cur.fetchall()) == {"loads": "BASE TABLE", "load_rows": "BASE TABLE", "named": "VIEW",
                                            "early": "VIEW", "paired": "BASE TABLE"}
            cur.execute("select n, file from raw.early order by n")
            assert cur.fetchall() == [(0, "a.csv"), (1, "b.csv"), (2, "a.csv")]
            cur.execute("insert into raw.load_rows values (9, 2)")  # a view, not a copy of its rows
            cur.execute("select file from raw.named where n = 9")
            assert cur.fetchall() == [("b.csv",)]
    finally:
        pg.rollback()
        pg.close()


def test_a_landed_event_log_builds_the_same_event_facts_on_postgres(postgres, dbt_sandbox, tmp_path):
    """An event log whose events are kept as the landed file (flows.tickets.load: raw.ticket_events reads it with
    DuckDB's read_csv, which PostgreSQL has not) comes over as a table of its events, and dbt builds the same
    fct_ticket_event from it on PostgreSQL as on DuckDB (the real event log in ../shared/real/tickets)."""
    import shutil
    from pathlib import Path

    import duckdb

    from flows.tickets.load import load_ticket_exports

    log = Path(__file__).resolve().parents[2].parent / "shared" / "real" / "tickets" / \
        "helpdesk_italian_sw_company_eventlog.csv"
    export = tmp_path / "hendelser_2024-02-01.csv"
    shutil.copy(log, export)
    raw = build_raw(tmp_path / "raw_source.duckdb")
    con = duckdb.connect(str(raw))
    f = load_ticket_exports(con, [export]).files[0]
    assert f.status == "loaded", f.message
    assert con.execute("select count(*) from raw.ticket_event_files").fetchone()[0] == 1  # landed, not rows
    assert con.execute("select count(*) from raw.ticket_event_rows").fetchone()[0] == 0
    events = con.execute("select count(*) from raw.ticket_events").fetchone()[0]
    assert events == f.rows_loaded > 20_000
    con.close()

    env = postgres.env("kommunedata")
    settings = PgSettings(host=env["KOMMUNEDATA_PG_HOST"], port=int(env["KOMMUNEDATA_PG_PORT"]),
                          user=env["KOMMUNEDATA_PG_USER"], dbname=env["KOMMUNEDATA_PG_DBNAME"])
    copied = load_raw_schema(raw, settings)
    assert copied["ticket_events"] == events
    on_duckdb = dbt_sandbox.run(["build"], duckdb_path=raw)
    assert on_duckdb.success, describe(on_duckdb)
    on_postgres = dbt_sandbox.run(["build"], target="postgres", env=env)
    assert on_postgres.success, describe(on_postgres)
    assert on_postgres.failed_tests == [], describe(on_postgres)

    facts = ("select ticket_id, event_seq, activity, resource, status, cast(event_at as varchar), event_at_offset "
             "from main.fct_ticket_event where source_system like 'inferred%' order by ticket_id, event_seq")
    wh = duckdb.connect(str(raw), read_only=True)
    try:
        wh.execute("set TimeZone = 'UTC'")
        duck = [tuple(str(v) for v in row) for row in wh.execute(facts).fetchall()]
    finally:
        wh.close()
    pg = settings.connect()
    try:
        with pg.cursor() as cur:
            cur.execute("set TimeZone = 'UTC'")
            cur.execute("select table_type from information_schema.tables where table_schema = 'raw' "
                        "and table_name = 'ticket_events'")
            assert cur.fetchall() == [("BASE TABLE",)]
            cur.execute(facts)
            assert [tuple(str(v) for v in row) for row in cur.fetchall()] == duck
    finally:
        pg.close()
    assert len(duck) == events
