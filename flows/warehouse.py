"""The raw schema of the warehouse and the loaders that write parsed reports into it.

Everything here writes to one DuckDB connection handed in by the caller, so the refresh
flow decides which file is being built (see flows.publish for the atomic swap).
"""
from __future__ import annotations

import atexit
import contextlib
import os
import threading
from dataclasses import asdict
from datetime import datetime, timezone
from pathlib import Path

import duckdb

from flows.aliases import AliasFile
from flows.reports.model import ParsedReport
from flows.settings import get_settings

RAW_DDL = """
create schema if not exists raw;
create table if not exists raw.documents (
    document_id varchar, file_name varchar, file_path varchar, file_type varchar,
    organisation varchar, organisation_type varchar, report_year integer, title varchar,
    page_count integer, fact_count integer, account_count integer, warning_count integer,
    loaded_at timestamp
);
create table if not exists raw.report_organisation_aliases (
    document_id varchar, organisation varchar, alias varchar
);
create table if not exists raw.report_unit_aliases (
    document_id varchar, unit_name varchar, alias varchar
);
create table if not exists raw.document_quarantine (
    file_name varchar, file_path varchar, reason varchar, quarantined_at timestamp
);
create table if not exists raw.report_units (
    document_id varchar, name varchar, parent varchar, level varchar, leader varchar,
    file_name varchar, page integer, line integer, excerpt varchar
);
create table if not exists raw.report_facts (
    document_id varchar, metric varchar, value double, value_year integer, report_year integer,
    unit_name varchar, subject varchar, quarter integer, source_kind varchar, qualifier varchar,
    file_name varchar, page integer, line integer, excerpt varchar
);
create table if not exists raw.report_accounts (
    document_id varchar, statement varchar, table_title varchar, row_label varchar,
    row_code varchar, row_order integer, scenario varchar, value_year integer,
    report_year integer, amount_nok double, raw_value varchar, scale double,
    scale_method varchar, unit_name varchar,
    file_name varchar, page integer, line integer, excerpt varchar
);
create table if not exists raw.report_observations (
    document_id varchar, topic varchar, text varchar, value_year integer, unit_name varchar,
    file_name varchar, page integer, line integer, excerpt varchar
);
create table if not exists raw.report_cells (
    document_id varchar, file_name varchar, page integer, line integer, table_number integer,
    caption varchar, heading_path varchar, row_label varchar, row_code varchar, parent_row varchar,
    row_order integer, column_label varchar, column_index integer, column_year integer, scenario varchar,
    printed varchar, value double, scale double, scale_method varchar, is_percent boolean, excerpt varchar
);
create table if not exists raw.report_prose_figures (
    document_id varchar, file_name varchar, page integer, line integer, text varchar, topic varchar,
    value double, unit varchar, year integer, printed varchar, scenario varchar
);
alter table raw.report_prose_figures add column if not exists scenario varchar;
alter table raw.report_prose_figures add column if not exists part varchar;
alter table raw.report_cells add column if not exists corner varchar;
alter table raw.report_cells add column if not exists column_period varchar;
alter table raw.report_cells add column if not exists row_organisation varchar;
alter table raw.report_facts add column if not exists period varchar;
alter table raw.report_prose_figures add column if not exists period varchar;
alter table raw.report_prose_figures add column if not exists context varchar;
alter table raw.documents add column if not exists scope_kind varchar;
alter table raw.documents add column if not exists scope_name varchar;
alter table raw.documents add column if not exists scope_source varchar;
alter table raw.documents add column if not exists scope_page integer;
alter table raw.documents add column if not exists scope_line integer;
alter table raw.documents add column if not exists scope_excerpt varchar;
create table if not exists raw.report_metadata (
    document_id varchar, file_name varchar, position integer, key varchar, value varchar
);
create table if not exists raw.report_warnings (
    document_id varchar, file_name varchar, message varchar
);
create table if not exists raw.user_organisation_aliases (
    organisation_name varchar, organisation_type varchar, alias varchar
);
create table if not exists raw.user_unit_aliases (
    unit_name varchar, organisation varchar, alias varchar
);
create table if not exists raw.user_ticket_providers (
    source_system varchar, provider varchar
);
create table if not exists raw.user_misprints (
    unit varchar, account_key varchar, value_year integer, scenario_code varchar,
    printed_amount_nok double, expected_amount_nok double, note varchar
);
"""

# The user alias file (flows.aliases) as raw tables: table -> how AliasFile gives its rows.
USER_ALIAS_TABLES = {
    "raw.user_organisation_aliases": "organisation_alias_rows",
    "raw.user_unit_aliases": "unit_alias_rows",
    "raw.user_ticket_providers": "ticket_provider_rows",
    "raw.user_misprints": "misprint_rows",
}

_PROVENANCE_COLUMNS = ("file_name", "page", "line", "excerpt")

# Every reader of a published warehouse opens it with exactly these settings: DuckDB refuses a
# second connection to an open file whose configuration differs, and readers must not reach
# files, extensions or Python objects.
READONLY_CONFIG = {
    "enable_external_access": False,
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
    "python_enable_replacements": False,
    # Every answer is bounded (issue 15): memory and cores per warehouse instance, and no spilling to
    # disk beside the served file; a query past the limit gets DuckDB's "Out of Memory" error.
    "memory_limit": f"{get_settings().query_memory_mb}MB",
    "threads": get_settings().query_threads,
    "max_temp_directory_size": "0KiB",
    "lock_configuration": True,
}


def served_file(path: Path) -> Path:
    """The file behind a served path: a published warehouse is a link to a versioned file."""
    return Path(os.path.realpath(path))


def connect_readonly(path: Path) -> duckdb.DuckDBPyConnection:
    """Open the version of `path` served now (see flows.publish): never a database cached under the link."""
    for attempt in range(3):
        target = served_file(path)
        try:
            return duckdb.connect(str(target), read_only=True, config=READONLY_CONFIG)
        except duckdb.IOException:
            # A publish swapped the link and removed this version between resolving and opening it.
            if attempt == 2 or served_file(path) == target:
                raise
    raise AssertionError("unreachable")


# One read-only connection per served warehouse version can be held open for the life of the process:
# DuckDB keeps an opened database while any connection to it is open, so each query's own read-only
# connection no longer re-reads the file's catalog (100+ ms -> a few ms). Each published version has
# its own path (flows.publish), so a hold never pins an old version for new readers; after a publish
# the hold moves to the version now served and the old one closes.
_HELD: dict[str, tuple[str, duckdb.DuckDBPyConnection]] = {}
_HELD_LOCK = threading.Lock()


def hold_open(path: Path, *, only_if_held: bool = False) -> None:
    """Hold the served version of `path` open; `only_if_held` moves an existing hold, never adds one."""
    key = str(Path(path).absolute())
    version = str(served_file(Path(key)))
    if not Path(version).is_file():
        return
    with _HELD_LOCK:
        current = _HELD.get(key)
        if (current is None and only_if_held) or (current is not None and current[0] == version):
            return
        if current is not None:
            with contextlib.suppress(duckdb.Error):
                current[1].close()
        try:
            _HELD[key] = (version, connect_readonly(Path(version)))
        except duckdb.Error:  # a writer holds the file: readers fall back to a connection per query
            _HELD.pop(key, None)


@atexit.register
def _release_held() -> None:
    with _HELD_LOCK:
        for _, con in _HELD.values():
            with contextlib.suppress(duckdb.Error):
                con.close()
        _HELD.clear()


def ensure_raw_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Every raw table dbt's sources name, reports and tickets alike, so a build never lacks one."""
    from flows.tickets.load import ensure_raw_tables

    con.execute(RAW_DDL)
    ensure_raw_tables(con)


def load_user_aliases(con: duckdb.DuckDBPyConnection, aliases: AliasFile) -> None:
    """Replace the raw user tables with the entries of the user alias file."""
    ensure_raw_schema(con)
    for table, rows_of in USER_ALIAS_TABLES.items():
        con.execute(f"delete from {table}")
        rows = getattr(aliases, rows_of)()
        if rows:
            con.executemany(f"insert into {table} values ({', '.join('?' * len(rows[0]))})", rows)


def _flatten(record) -> dict:
    row = asdict(record)
    prov = row.pop("provenance")
    row.update({k: prov[k] for k in _PROVENANCE_COLUMNS})
    row["document_id"] = prov["document_id"]
    return row


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict]) -> None:
    if not rows:
        return
    columns = list(rows[0])
    placeholders = ", ".join("?" for _ in columns)
    con.executemany(
        f"insert into {table} ({', '.join(columns)}) values ({placeholders})",
        [tuple(r[c] for c in columns) for r in rows],
    )


def _scope_columns(report: ParsedReport) -> dict:
    """What the report covers (flows.reports.scope) and where the document says so."""
    scope = report.scope
    if scope is None:
        return {"scope_kind": "whole", "scope_name": None, "scope_source": "none", "scope_page": None,
                "scope_line": None, "scope_excerpt": None}
    return {"scope_kind": scope.kind, "scope_name": scope.name, "scope_source": scope.source,
            "scope_page": scope.page, "scope_line": scope.line, "scope_excerpt": scope.text}


def load_report(con: duckdb.DuckDBPyConnection, report: ParsedReport, path: Path) -> None:
    """Replace whatever the warehouse holds for this document with the parsed report."""
    for table in ("documents", "report_organisation_aliases", "report_unit_aliases", "report_units", "report_facts", "report_accounts",
                  "report_observations", "report_warnings", "report_cells", "report_prose_figures", "report_metadata"):
        con.execute(f"delete from raw.{table} where document_id = ?", [report.document_id])
    _insert(con, "raw.documents", [{
        "document_id": report.document_id, "file_name": report.file_name,
        "file_path": str(path), "file_type": report.file_type,
        "organisation": report.organisation, "organisation_type": report.organisation_type,
        "report_year": report.report_year, "title": report.title,
        **_scope_columns(report),
        "page_count": report.page_count, "fact_count": len(report.facts),
        "account_count": len(report.accounts), "warning_count": len(report.warnings),
        "loaded_at": datetime.now(timezone.utc).replace(tzinfo=None),
    }])
    _insert(con, "raw.report_organisation_aliases", [
        {"document_id": report.document_id, "organisation": report.organisation, "alias": alias}
        for alias in report.organisation_aliases if report.organisation])
    _insert(con, "raw.report_unit_aliases", [
        {"document_id": report.document_id, "unit_name": name, "alias": alias} for name, alias in report.unit_aliases])
    _insert(con, "raw.report_units", [
        {k: v for k, v in _flatten(u).items()} for u in report.units
    ])
    _insert(con, "raw.report_facts", [_flatten(f) for f in report.facts])
    _insert(con, "raw.report_accounts", [_flatten(a) for a in report.accounts])
    _insert(con, "raw.report_observations", [_flatten(o) for o in report.observations])
    _insert(con, "raw.report_cells", [asdict(c) for c in report.cells])
    _insert(con, "raw.report_prose_figures", [
        {"document_id": report.document_id, "file_name": report.file_name, **asdict(f)} for f in report.figures
    ])
    _insert(con, "raw.report_metadata", [
        {"document_id": report.document_id, "file_name": report.file_name, "position": k, "key": key, "value": value}
        for k, (key, value) in enumerate(report.metadata, start=1)])
    _insert(con, "raw.report_warnings", [
        {"document_id": report.document_id, "file_name": report.file_name, "message": w}
        for w in report.warnings
    ])


def quarantine_document(con: duckdb.DuckDBPyConnection, path: Path, reason: str) -> None:
    con.execute("delete from raw.document_quarantine where file_path = ?", [str(path)])
    con.execute(
        "insert into raw.document_quarantine values (?, ?, ?, ?)",
        [path.name, str(path), reason, datetime.now(timezone.utc).replace(tzinfo=None)],
    )
