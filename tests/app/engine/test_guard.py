"""The SQL guard refuses everything but a single SELECT over governed marts, and run_readonly cannot write."""
from __future__ import annotations

import time
from pathlib import Path

import duckdb
import pytest
import sqlglot
import yaml

from app.engine.guard import GuardError, QueryBusy, QueryError, QueryTimeout, guard_sql, run_readonly
from flows.warehouse import connect_readonly

ALLOWED = {
    "fct_metric_value": {"unit_id", "metric_code", "year", "scenario", "value"},
    "dim_unit": {"unit_id", "unit_name", "unit_type"},
    "dim_metric": {"metric_code", "name_nb", "unit_of_measure"},
}

# Each entry: (id, sql). Every one must be refused.
HOSTILE = [
    # --- stacked statements and writes -------------------------------------------------------------
    ("stacked-drop", "select * from fct_metric_value; drop table fct_metric_value"),
    ("stacked-after-comment", "select 1 from dim_unit -- harmless\n; delete from dim_unit"),
    ("stacked-in-string-escape", "select 1 from fct_metric_value where 'a' = 'a'; drop table x; --'"),
    ("insert", "insert into fct_metric_value values (1, 'x', 2020, 'actual', 1.0)"),
    ("update", "update dim_unit set unit_name = 'x'"),
    ("delete", "delete from dim_unit"),
    ("drop", "drop table dim_unit"),
    ("alter", "alter table dim_unit add column pwned int"),
    ("create-table-as", "create table x as select * from dim_unit"),
    ("create-macro", "create macro pwn() as 1"),
    ("truncate", "truncate dim_unit"),
    ("merge", "merge into dim_unit using dim_unit d on true when matched then delete"),
    ("cte-insert", "with x as (insert into dim_unit values (9, 'x', 'y') returning *) select * from x"),
    ("cte-delete", "with d as (delete from dim_unit returning *) select count(*) from d"),
    ("cte-update-nested", "with a as (select 1), b as (update dim_unit set unit_name='x' returning *) select * from a"),
    ("select-into", "select * into stolen from dim_unit"),
    ("subquery-describe", "select * from (describe dim_unit)"),
    ("subquery-summarize", "select * from (summarize dim_unit)"),
    # --- session, files, extensions ----------------------------------------------------------------
    ("copy-to", "copy dim_unit to '/tmp/out.csv'"),
    ("copy-query-to", "copy (select * from dim_unit) to '/tmp/out.parquet' (format parquet)"),
    ("copy-from", "copy dim_unit from '/etc/passwd'"),
    ("attach-memory", "attach ':memory:' as m"),
    ("attach-file", "attach '/tmp/other.duckdb' as other"),
    ("detach", "detach other"),
    ("export-database", "export database '/tmp/dump'"),
    ("import-database", "import database '/tmp/dump'"),
    ("pragma", "pragma table_info('dim_unit')"),
    ("pragma-show-tables", "pragma show_tables"),
    ("install", "install httpfs"),
    ("load", "load httpfs"),
    ("set", "set enable_external_access = true"),
    ("reset", "reset memory_limit"),
    ("call", "call pragma_version()"),
    ("use", "use memory"),
    ("show-tables", "show tables"),
    ("checkpoint", "checkpoint"),
    ("values-root", "values (1), (2)"),
    ("pivot-statement", "pivot fct_metric_value on year using sum(value)"),
    # --- table functions and file access ------------------------------------------------------------
    ("read-csv-passwd", "select * from read_csv('/etc/passwd')"),
    ("read-csv-auto-list", "select * from read_csv_auto(['a.csv', 'b.csv'])"),
    ("read-parquet-s3", "select * from read_parquet('s3://bucket/x.parquet')"),
    ("read-json", "select * from read_json('/tmp/x.json')"),
    ("read-text", "select content from read_text('/etc/hostname')"),
    ("read-blob-scalar-subquery", "select (select content from read_blob('/etc/shadow'))"),
    ("glob", "select * from glob('/home/*')"),
    ("parquet-scan", "select * from parquet_scan('x.parquet')"),
    ("sqlite-scan", "select * from sqlite_scan('x.db', 'users')"),
    ("postgres-scan", "select * from postgres_scan('host=db', 'public', 'users')"),
    ("file-as-table", "select * from 'data/inbox/tickets/export.csv'"),
    ("url-as-table", "select * from 'https://example.org/x.parquet'"),
    ("file-joined", "select * from dim_unit, '/etc/passwd'"),
    ("lateral-read-csv", "select * from dim_unit d, lateral read_csv('/etc/passwd')"),
    ("query-fn", "select * from query('select * from raw_tickets')"),
    ("query-table-fn", "select * from query_table('raw_tickets')"),
    ("sniff-csv", "select * from sniff_csv('/etc/passwd')"),
    ("quoted-fn-name", "select * from \"read_csv\"('/etc/passwd')"),
    # --- dangerous scalar functions -----------------------------------------------------------------
    ("getenv", "select getenv('HOME')"),
    ("getenv-in-where", "select unit_name from dim_unit where unit_name = getenv('USER')"),
    ("current-setting", "select current_setting('temp_directory')"),
    ("getvariable", "select getvariable('secret')"),
    ("schema-qualified-fn", "select system.main.getenv('HOME')"),
    ("json-execute-sql", "select json_execute_serialized_sql('{}')"),
    # --- system catalogs ----------------------------------------------------------------------------
    ("information-schema", "select table_name from information_schema.tables"),
    ("information-schema-columns", "select * from information_schema.columns"),
    ("duckdb-tables", "select * from duckdb_tables()"),
    ("duckdb-settings", "select * from duckdb_settings()"),
    ("pg-catalog", "select * from pg_catalog.pg_class"),
    ("sqlite-master", "select * from sqlite_master"),
    # --- raw tables and schema escapes --------------------------------------------------------------
    ("raw-table", "select * from raw_tickets"),
    ("quoted-schema-escape", 'select * from "main"."raw"'),
    ("schema-qualified-mart", "select * from main.fct_metric_value"),
    ("catalog-qualified", "select * from warehouse.main.dim_unit"),
    ("raw-in-subquery", "select * from fct_metric_value where unit_id in (select unit_id from raw_units)"),
    ("raw-in-union", "select unit_id from dim_unit union all select id from raw_tickets"),
    ("cte-shadow-out-of-scope", "select * from (with raw as (select 1 a) select * from raw) s, raw"),
    ("cte-named-like-mart-reads-raw", "with dim_unit as (select * from raw_units) select * from dim_unit"),
    # --- columns ------------------------------------------------------------------------------------
    ("invented-column", "select salary from dim_unit"),
    ("invented-qualified-column", "select d.password from dim_unit d"),
    ("star-on-unknown-alias", "select raw.* from dim_unit d"),
    # --- unicode and invisible characters ------------------------------------------------------------
    ("cyrillic-homoglyph-table", "select * from dim_unіt"),  # the 'і' is Cyrillic
    ("zero-width-space", "select * from dim\u200b_unit"),
    ("bidi-override", "select unit_name from dim_unit -- \u202e; drop table dim_unit"),
    ("fullwidth-semicolon", "select 1 from dim_unit\uff1b drop table dim_unit"),
    ("nul-byte", "select 1 from dim_unit\x00; drop table dim_unit"),
    # --- odd limits and parameters ------------------------------------------------------------------
    ("limit-subquery", "select * from dim_unit limit (select count(*) from raw_tickets)"),
    ("limit-percent", "select * from dim_unit limit 50%"),
    ("placeholder", "select * from dim_unit where unit_id = ?"),
    # --- garbage ------------------------------------------------------------------------------------
    ("empty", "   "),
    ("only-comment", "-- nothing here"),
    ("not-sql", "Hva var sykefraværet i 2020?"),
]


@pytest.mark.parametrize("sql", [c[1] for c in HOSTILE], ids=[c[0] for c in HOSTILE])
def test_hostile_sql_is_refused(sql):
    with pytest.raises(GuardError) as info:
        guard_sql(sql, ALLOWED)
    assert info.value.reason  # always a readable reason


def test_corpus_is_large():
    assert len(HOSTILE) >= 40


ACCEPTED = [
        ("select * from fct_metric_value", 5000),
        ("select year, value as v from fct_metric_value order by v desc", 5000),
        ("select unit_name from dim_unit where unit_name ilike '%lønn%' limit 10", 10),
        ("select year from fct_metric_value limit 999999", 5000),
        ("select year from fct_metric_value limit all", 5000),
        ("with y as (select year, avg(value) as avg_value from fct_metric_value group by year) "
         "select year, avg_value from y order by avg_value", 5000),
        ("select u.unit_name, f.year, f.value from fct_metric_value f join dim_unit u on f.unit_id = u.unit_id "
         "where f.metric_code = 'sick_leave_pct' and f.year between 2019 and 2023 order by 1, 2", 5000),
        ("select year from fct_metric_value union select year from fct_metric_value order by year limit 3", 3),
        ('select "unit_name" from "DIM_UNIT"', 5000),
        ("from dim_unit select unit_name", 5000),
        ("select year, value - lag(value) over (order by year) as change from fct_metric_value "
         "qualify change is not null", 5000),
        ("select * from fct_metric_value;", 5000),
        ("select m.name_nb, round(avg(f.value), 1) as avg_value, string_agg(distinct u.unit_name, ', ') as units "
         "from fct_metric_value f join dim_metric m using (metric_code) join dim_unit u using (unit_id) "
         "group by all order by avg_value desc nulls last", 5000),
        ("select year, sum(value) filter (where scenario = 'actual') as actual, "
         "sum(value) filter (where scenario = 'budget') as budget from fct_metric_value group by year", 5000),
        ("select * exclude (scenario) from fct_metric_value where unit_id in "
         "(select unit_id from dim_unit where unit_type = 'enhet') limit 10 offset 1", 10),
        ("select r.range as year from range(2019, 2023) r left join fct_metric_value f on f.year = r.range", 5000),
]


@pytest.mark.parametrize("sql, expected_limit", ACCEPTED)
def test_accepted_queries_get_a_limit(sql, expected_limit):
    safe = guard_sql(sql, ALLOWED)
    assert executed_limit(safe) == expected_limit


def executed_limit(sql: str) -> int:
    """The LIMIT of the outermost query, read back from the SQL the guard returned."""
    limit = sqlglot.parse_one(sql, read="duckdb").args["limit"]
    return int(limit.expression.name)


@pytest.mark.parametrize("sql", [a[0] for a in ACCEPTED])
def test_accepted_queries_still_run_in_duckdb_after_rewriting(warehouse, sql):
    # The executed text is sqlglot's regeneration, so it must stay valid DuckDB.
    columns, _ = run_readonly(warehouse, guard_sql(sql, ALLOWED))
    assert columns


def test_max_rows_is_configurable():
    assert executed_limit(guard_sql("select * from dim_unit limit 50", ALLOWED, max_rows=20)) == 20


def test_comments_are_not_carried_into_executed_sql():
    # A line comment re-emitted as /* ... */ could otherwise close itself and open a second statement.
    safe = guard_sql("select unit_name from dim_unit -- */ ; drop table dim_unit; /*", ALLOWED)
    assert "drop" not in safe.lower() and "/*" not in safe and "--" not in safe


def test_error_for_invented_column_lists_real_columns():
    with pytest.raises(GuardError) as info:
        guard_sql("select sick_leave from fct_metric_value", ALLOWED)
    assert "sick_leave" in info.value.reason and "metric_code" in info.value.reason


@pytest.mark.parametrize(
    "sql",
    [
        "select 'x; drop table dim_unit; --' as s from dim_unit",
        "select $$ ; drop table dim_unit; $$ as s from dim_unit",
        "select E'\\' ; drop table dim_unit; --' as s from dim_unit",
        "select unit_name from dim_unit /* /* nested */ ; drop table dim_unit; */",
    ],
)
def test_string_and_comment_tricks_stay_harmless_when_executed(warehouse, sql):
    # These parse as one SELECT; what matters is that the SQL actually run cannot drop anything.
    safe = guard_sql(sql, ALLOWED)
    run_readonly(warehouse, safe)
    with connect_readonly(warehouse) as con:
        assert con.execute("select count(*) from dim_unit").fetchone()[0] == 2


# --- run_readonly --------------------------------------------------------------------------------

@pytest.fixture
def warehouse(tmp_path: Path) -> Path:
    path = tmp_path / "warehouse.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute("create table dim_unit(unit_id int, unit_name varchar, unit_type varchar)")
        con.execute("insert into dim_unit values (1, 'VR lønn/regnskap', 'enhet'), (2, 'IT', 'enhet')")
        con.execute("create table fct_metric_value(unit_id int, metric_code varchar, year int, scenario varchar,"
                    " value double)")
        con.execute("insert into fct_metric_value values (1, 'sick_leave_pct', 2020, 'actual', 2.5),"
                    " (2, 'sick_leave_pct', 2021, 'budget', 4.0)")
        con.execute("create table dim_metric(metric_code varchar, name_nb varchar, unit_of_measure varchar)")
        con.execute("insert into dim_metric values ('sick_leave_pct', 'Sykefravær', 'pct')")
        con.execute("create table raw_secret(s varchar)")
        con.execute("insert into raw_secret values ('hemmelig')")
    return path


def test_run_readonly_returns_columns_and_rows(warehouse):
    cols, rows = run_readonly(warehouse, guard_sql("select unit_id, unit_name from dim_unit order by unit_id", ALLOWED))
    assert cols == ["unit_id", "unit_name"]
    assert rows == [(1, "VR lønn/regnskap"), (2, "IT")]


@pytest.mark.parametrize(
    "sql",
    [
        "insert into dim_unit values (3, 'x', 'y')",
        "delete from dim_unit",
        "drop table dim_unit",
        "create table pwned(a int)",
        "update dim_unit set unit_name = 'x'",
        "attach ':memory:' as m",
        "copy dim_unit to '{tmp}/out.csv'",
        "select * from read_csv('{tmp}/leak.csv')",
        "set enable_external_access = true",
        "install httpfs",
    ],
)
def test_run_readonly_cannot_write_even_without_the_guard(warehouse, tmp_path, sql):
    (tmp_path / "leak.csv").write_text("a\n1\n")
    with pytest.raises(QueryError):
        run_readonly(warehouse, sql.format(tmp=tmp_path))
    with connect_readonly(warehouse) as con:
        assert con.execute("select count(*) from dim_unit").fetchone()[0] == 2
        assert con.execute("select count(*) from duckdb_tables() where table_name = 'pwned'").fetchone()[0] == 0
    assert not (tmp_path / "out.csv").exists()


def test_slow_query_times_out(warehouse):
    started = time.monotonic()
    with pytest.raises(QueryTimeout) as info:
        run_readonly(warehouse, "select sum(a.range * b.range) from range(200000) a, range(200000) b",
                     timeout_s=0.5)
    assert time.monotonic() - started < 10
    assert "0.5 s" in str(info.value)


def test_database_error_is_readable(warehouse):
    with pytest.raises(QueryError) as info:
        run_readonly(warehouse, "select no_such_column from dim_unit")
    assert not isinstance(info.value, QueryTimeout)
    assert "no_such_column" in str(info.value)


def test_missing_warehouse_is_a_query_error(tmp_path):
    with pytest.raises(QueryError, match="does not exist"):
        run_readonly(tmp_path / "nope.duckdb", "select 1")


# --- answers are bounded (issue 15, item 5) ------------------------------------------------------

@pytest.mark.parametrize("sql", [
    "select repeat('x', 2000000000)",
    "select repeat(unit_name, 100000000) from dim_unit",
    "select lpad('x', 2000000000, 'y')",
    "select printf('%2000000000d', 1)",
    "select range(1000000000)",
    "select unnest(generate_series(1, 1000000000))",
    "with recursive t(s) as (select 'x' union all select s || s from t) select max(length(s)) from t",
    "with l0 as (select unit_name as s from dim_unit), "
    + ", ".join(f"l{i} as (select s||s||s||s||s||s||s||s||s||s as s from l{i - 1})" for i in range(1, 6))
    + " select length(s) from l5",
    "select replace(unit_name, 'a', unit_name) from dim_unit",
])
def test_values_of_any_size_are_refused_before_they_run(sql):
    with pytest.raises(GuardError) as info:
        guard_sql(sql, ALLOWED)
    assert info.value.reason


def test_ordinary_text_expressions_pass():
    guard_sql("select unit_name || ' (' || unit_type || ')' as label, replace(unit_name, '/', ' / ') from dim_unit",
              ALLOWED)
    guard_sql("select * from range(2019, 2024) r", ALLOWED)  # a table of years: rows, bounded by time


def test_rows_and_text_cells_are_capped_inside_duckdb(warehouse):
    # run_readonly holds even for SQL that never met the guard: the cut happens before Python sees a cell
    cols, rows = run_readonly(warehouse, "select repeat('x', 5000) as a, repeat('y', 5000) as a, [1, 2] as l, "
                                         "2.5 as v from range(10)", max_rows=3, max_cell_chars=100)
    assert cols == ["a", "a", "l", "v"]
    assert len(rows) == 3
    assert rows[0][0] == "x" * 99 + "…" and len(rows[0][1]) == 100
    assert rows[0][2] == "[1, 2]" and rows[0][3] == 2.5


def test_readers_have_a_memory_limit_and_few_threads(warehouse):
    from flows.settings import get_settings

    with connect_readonly(warehouse) as con:
        memory, threads, spill = con.execute("select current_setting('memory_limit'), current_setting('threads'), "
                                             "current_setting('max_temp_directory_size')").fetchone()
    assert float(memory.split()[0]) * (1024 if "GiB" in memory else 1) <= get_settings().query_memory_mb
    assert threads == get_settings().query_threads
    assert spill == "0 bytes"


def test_too_many_questions_at_once_get_a_busy_message(warehouse, monkeypatch):
    import threading

    from flows.settings import get_settings

    monkeypatch.setattr(get_settings(), "max_concurrent_queries", 1)
    monkeypatch.setattr(get_settings(), "busy_wait_s", 0.2)
    started = threading.Event()
    errors: list[Exception] = []

    def slow():
        started.set()
        try:
            run_readonly(warehouse, "select sum(a.range * b.range) from range(300000) a, range(300000) b",
                         timeout_s=3)
        except QueryError as e:
            errors.append(e)

    worker = threading.Thread(target=slow)
    worker.start()
    started.wait()
    time.sleep(0.3)
    try:
        with pytest.raises(QueryBusy) as info:
            run_readonly(warehouse, "select 1")
        assert "try again" in str(info.value)
    finally:
        worker.join()
    assert isinstance(errors[0], QueryTimeout)
    assert run_readonly(warehouse, "select 1")[1] == [(1,)]  # the slot is free again


# --- the hostile corpus --------------------------------------------------------------------------

HOSTILE_CORPUS = yaml.safe_load((Path(__file__).parent / "hostile_sql.yaml").read_text(encoding="utf-8"))
CORPUS_TIMEOUT_S = 3.0
# stopped by a limit, or refused by DuckDB's binder before anything ran (e.g. QUALIFY without a window)
CLEAN_MESSAGES = ("took longer than", "Out of Memory", "characters of text", "answering", "Binder Error",
                  "Parser Error", "Catalog Error")


def test_the_hostile_corpus_is_large_and_covers_every_kind():
    assert len(HOSTILE_CORPUS) >= 150
    kinds = {item["category"] for item in HOSTILE_CORPUS}
    assert {"table function", "replacement scan", "recursive CTE", "cross join", "string bomb",
            "limit bypass", "statement", "stacked/comment/unicode"} <= kinds


@pytest.mark.parametrize("item", HOSTILE_CORPUS, ids=[f"{i:03d}-{c['category']}" for i, c in enumerate(HOSTILE_CORPUS)])
def test_every_hostile_statement_is_refused_or_bounded(sample_warehouse, item):
    from app.engine.engine import catalog_for

    catalog, _ = catalog_for(sample_warehouse)
    max_rows, max_cell = 5000, 1000
    try:
        safe = guard_sql(item["sql"], catalog.allowed_columns(), max_rows=max_rows)
    except GuardError as e:
        assert e.reason
        return
    started = time.monotonic()
    try:
        _, rows = run_readonly(sample_warehouse, safe, timeout_s=CORPUS_TIMEOUT_S, max_rows=max_rows,
                               max_cell_chars=max_cell)
    except QueryError as e:  # stopped by a limit or refused by DuckDB, with a clean one-line message
        assert any(m in str(e) for m in CLEAN_MESSAGES) and "\n" not in str(e), str(e)
        rows = []
    assert time.monotonic() - started < CORPUS_TIMEOUT_S + 5
    assert len(rows) <= max_rows
    assert all(len(v) <= max_cell for row in rows for v in row if isinstance(v, str))
