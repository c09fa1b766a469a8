"""Copy the raw schema of a DuckDB warehouse into PostgreSQL, so the dbt project builds there too.

The ingest flows always write DuckDB (flows.warehouse, flows.tickets.load). For the `postgres` dbt
target the raw tables are copied over first: each table is recreated in PostgreSQL with mapped
column types, then bulk-loaded with COPY from a CSV that DuckDB writes (instants in UTC, NULL as an
unquoted empty field, empty text as ""). Views of the schema (raw.tickets, raw.ticket_events: rows that name
their load in raw.ticket_files) are recreated as views over the copied tables, from the SQL DuckDB keeps for
them (plain SELECTs with joins, which PostgreSQL reads as is); a view PostgreSQL cannot read is copied as a table
of its rows instead, so nothing is lost. Connection settings default to the KOMMUNEDATA_PG_* env
vars that dbt_project/profiles.yml reads, so loader and dbt always point at the same database.

    python -m flows.postgres path/to/warehouse.duckdb
"""
from __future__ import annotations

import logging
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

import duckdb

log = logging.getLogger(__name__)

# DuckDB type -> PostgreSQL type. Text is `text` (not varchar) so string literals and columns have
# the same type in PostgreSQL, which the dbt model contracts compare.
_TYPE_MAP = {
    "VARCHAR": "text",
    "BOOLEAN": "boolean",
    "TINYINT": "smallint",
    "SMALLINT": "smallint",
    "INTEGER": "integer",
    "BIGINT": "bigint",
    "HUGEINT": "numeric",
    "UTINYINT": "smallint",
    "USMALLINT": "integer",
    "UINTEGER": "bigint",
    "UBIGINT": "numeric",
    "FLOAT": "real",
    "DOUBLE": "double precision",
    "DATE": "date",
    "TIME": "time",
    "TIMESTAMP": "timestamp",
    "TIMESTAMP WITH TIME ZONE": "timestamptz",
    "INTERVAL": "interval",
    "UUID": "uuid",
    "BLOB": "bytea",
    "JSON": "jsonb",
}


@dataclass(frozen=True)
class PgSettings:
    host: str = "localhost"
    port: int = 5432
    user: str = "kommunedata"
    password: str = ""
    dbname: str = "kommunedata"

    @classmethod
    def from_env(cls) -> PgSettings:
        """The same env vars (and defaults) as the postgres target in dbt_project/profiles.yml."""
        return cls(
            host=os.environ.get("KOMMUNEDATA_PG_HOST", cls.host),
            port=int(os.environ.get("KOMMUNEDATA_PG_PORT", cls.port)),
            user=os.environ.get("KOMMUNEDATA_PG_USER", cls.user),
            password=os.environ.get("KOMMUNEDATA_PG_PASSWORD", cls.password),
            dbname=os.environ.get("KOMMUNEDATA_PG_DBNAME", cls.dbname),
        )

    def connect(self):
        import psycopg2

        return psycopg2.connect(host=self.host, port=self.port, user=self.user,
                                password=self.password or None, dbname=self.dbname)


def pg_type(duckdb_type: str) -> str:
    """PostgreSQL column type for a DuckDB column type; unknown types become text."""
    t = duckdb_type.upper().strip()
    if t in _TYPE_MAP:
        return _TYPE_MAP[t]
    if m := re.fullmatch(r"DECIMAL\((\d+),\s*(\d+)\)", t):
        return f"numeric({m.group(1)},{m.group(2)})"
    if t.startswith(("TIMESTAMP_", "TIMESTAMP(")):
        return "timestamp"
    return "text"


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def load_raw_schema(duckdb_path: Path, settings: PgSettings | None = None, *,
                    schema: str = "raw") -> dict[str, int]:
    """Replace `schema` in PostgreSQL with the tables and views of the same schema in the DuckDB file.

    Returns rows per table and view. Runs in one PostgreSQL transaction: on error nothing changes.
    """
    settings = settings or PgSettings.from_env()
    # its own connection settings (TimeZone must be set), so not flows.warehouse.connect_readonly
    src = duckdb.connect(str(duckdb_path), read_only=True)
    copied: dict[str, int] = {}
    try:
        src.execute("set TimeZone = 'UTC'")
        columns: dict[str, list[tuple[str, str]]] = {}
        for table, column, data_type in src.execute(
            "select table_name, column_name, data_type from information_schema.columns "
            "where table_schema = ? order by table_name, ordinal_position", [schema]
        ).fetchall():
            columns.setdefault(table, []).append((column, data_type))
        if not columns:
            raise ValueError(f"{duckdb_path}: no tables in schema '{schema}' to copy")
        views = dict(src.execute("select view_name, sql from duckdb_views() where schema_name = ? and not internal",
                                 [schema]).fetchall())
        pg = settings.connect()
        try:
            with pg, pg.cursor() as cur, tempfile.TemporaryDirectory(prefix="kommunedata-pg-") as tmp:
                cur.execute(f"drop schema if exists {_ident(schema)} cascade")
                cur.execute(f"create schema {_ident(schema)}")
                for table, cols in columns.items():
                    if table not in views:
                        copied[table] = _copy_table(src, cur, schema, table, cols, Path(tmp))
                for view, error in _create_views(cur, {v: sql for v, sql in views.items() if v in columns}).items():
                    log.warning("%s.%s: PostgreSQL cannot create the view (%s); its rows are copied as a table",
                                schema, view, error)
                    copied[view] = _copy_table(src, cur, schema, view, columns[view], Path(tmp))
                for view in views.keys() - copied.keys():
                    cur.execute(f"select count(*) from {_ident(schema)}.{_ident(view)}")
                    copied[view] = cur.fetchone()[0]
        finally:
            pg.close()
    finally:
        src.close()
    return copied


def _copy_table(src, cur, schema: str, table: str, cols: list[tuple[str, str]], tmp: Path) -> int:
    """One table (or a view's rows) into a new PostgreSQL table of mapped column types, by COPY."""
    target = f"{_ident(schema)}.{_ident(table)}"
    col_list = ", ".join(_ident(c) for c, _ in cols)
    cur.execute(f"create table {target} (" + ", ".join(f"{_ident(c)} {pg_type(t)}" for c, t in cols) + ")")
    csv_path = tmp / f"{table}.csv"
    src.execute(f"copy (select {col_list} from {_ident(schema)}.{_ident(table)}) "
                f"to '{csv_path.as_posix()}' (format csv, header false)")
    with csv_path.open("r", encoding="utf-8") as fh:
        cur.copy_expert(f"copy {target} ({col_list}) from stdin with (format csv)", fh)
    return cur.rowcount


def _create_views(cur, views: dict[str, str]) -> dict[str, str]:
    """Create the views from DuckDB's SQL; a view over another view waits for it (rounds until none is created).
    Returns the views PostgreSQL could not create (name -> its error), each tried under a savepoint."""
    import psycopg2

    left: dict[str, str] = dict(views)
    failed: dict[str, str] = {}
    while left:
        failed = {}
        for view, sql in left.items():
            cur.execute("savepoint kommunedata_view")
            try:
                cur.execute(sql)
                cur.execute("release savepoint kommunedata_view")
            except psycopg2.Error as exc:
                cur.execute("rollback to savepoint kommunedata_view")
                failed[view] = str(exc).strip()
        if len(failed) == len(left):
            break
        left = {v: views[v] for v in failed}
    return failed


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("duckdb_path", type=Path, help="DuckDB warehouse whose raw schema is copied")
    args = parser.parse_args(argv)
    for table, rows in load_raw_schema(args.duckdb_path).items():
        print(f"raw.{table}: {rows} rows")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
