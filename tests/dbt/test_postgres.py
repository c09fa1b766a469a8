"""The same dbt project builds and passes its tests on PostgreSQL 15.

A throwaway cluster is initdb'ed and started on a free port (as the `postgres` OS user when the
tests run as root), the fixture raw schema is copied into it with flows.postgres, and
`dbt build --target postgres` runs through flows.dbt.run_dbt.
"""
from __future__ import annotations

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


def test_dbt_build_on_postgres(postgres, dbt_sandbox, tmp_path):
    raw = build_raw(tmp_path / "raw_source.duckdb")
    env = postgres.env("kommunedata")
    settings = PgSettings(host=env["KOMMUNEDATA_PG_HOST"], port=int(env["KOMMUNEDATA_PG_PORT"]),
                          user=env["KOMMUNEDATA_PG_USER"], dbname=env["KOMMUNEDATA_PG_DBNAME"])
    copied = load_raw_schema(raw, settings)
    assert copied["tickets"] == 74_188 and copied["report_accounts"] == 278

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
            cur.execute("select grain, count(*) from main.dim_period group by grain order by grain")
            assert dict(cur.fetchall()) == {"date": 9496, "half": 52, "month": 312, "quarter": 104,
                                            "week": 1358, "year": 26}
            cur.execute("select period_key, ticket_count from main.agg_tickets_by_quarter "
                        "where year = 2021 and organisation_key = 'hamar' order by period_key")
            assert [p for p, _ in cur.fetchall()] == ["2021-Q1", "2021-Q2", "2021-Q3", "2021-Q4"]
            cur.execute("select count(*) from main.fct_reconciliation where severity = 'error' and status = 'differs'")
            assert cur.fetchone() == (0,)
    finally:
        con.close()
