"""Failing dbt tests traced to the files their rows came from, so a build can leave those files out.

Nothing good is lost or blocked: when `dbt build` fails on data tests, each failing test is traced to the
report documents (raw.documents) and ticket exports (raw.ticket_files) its offending rows were read from:
- a test whose own result rows carry document_id, source_file or file_name (singular tests; expression_is_true,
  which returns the model's rows) is traced by those columns;
- a generic test of a model's column (unique, not_null, accepted_values, relationships) is traced through the
  model's rows: those whose column holds a value the test returned (not_null: those where it is null), by the
  model's own document_id / source_file / file_name column.
When every failing test traces to at least one loaded file (plan_leave_out), the refresh (flows.refresh) leaves
those files out: a report's rows are deleted from every raw table that names its document_id and the report is
recorded in raw.document_quarantine; the ticket exports are loaded again without the culprit, which is recorded
in raw.ticket_files as rejected (a newer export replaces an older one's tickets when loaded, so deleting one
export's rows could lose tickets an older export still holds). Each reason names the tests, what they require
and how many rows of the file failed them. Then dbt builds once more, and only a passing build is published.

Nothing is left out, and the build fails as before, when a failing test cannot be traced (a model without those
columns, a test that errored, a model that failed) or when the failures trace to every loaded report or every
loaded ticket export: a fault that hits every file alike is the build's, not a file's, and leaving them all out
would replace the served warehouse's figures with none.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import duckdb

from flows.dbt import DbtBuildResult, DbtNodeResult

# Columns that name the file a row was read from, the most precise first.
SOURCE_COLUMNS = ("document_id", "source_file", "file_name")
# Generic tests whose query returns the offending values of the tested column in its first column.
VALUE_TESTS = ("unique", "accepted_values", "relationships")
LOADED_TICKET_STATUSES = ("loaded", "partial")


@dataclass(frozen=True)
class SourceFile:
    """A file the build loaded: a report document or a ticket export."""

    kind: str  # report | tickets
    name: str  # file name
    path: str  # as loaded (raw.documents.file_path, raw.ticket_files.file)
    document_id: str | None = None

    @property
    def noun(self) -> str:
        return "document" if self.kind == "report" else "export"


@dataclass
class FailureTrace:
    """One failing test: the rows it failed on per file, or why no file could be found."""

    test: str
    requirement: str | None = None  # what the test requires, in words
    rows: dict[SourceFile, int] = field(default_factory=dict)
    untraced: str | None = None


@dataclass
class LeaveOut:
    """What to do about a failed build: the files to leave out with their reasons, or why not."""

    files: dict[SourceFile, str] = field(default_factory=dict)
    refusal: str | None = None

    @property
    def reports(self) -> dict[SourceFile, str]:
        return {f: r for f, r in self.files.items() if f.kind == "report"}

    @property
    def exports(self) -> dict[SourceFile, str]:
        return {f: r for f, r in self.files.items() if f.kind == "tickets"}


# --- pure: from dbt results to SQL, sentences and a decision -----------------------------------

def model_name(unique_id: str | None) -> str | None:
    return unique_id.rsplit(".", 1)[-1] if unique_id else None


def requirement(test: DbtNodeResult) -> str | None:
    """What a generic test requires, in words ('fct_x.key must be unique'); None for other tests."""
    model, column, kwargs = model_name(test.attached_node), test.column_name, test.test_kwargs or {}
    if model is None:
        return None
    target = f"{model}.{column}" if column else model
    if test.test_kind == "unique":
        return f"{target} must be unique"
    if test.test_kind == "not_null":
        return f"{target} must not be empty"
    if test.test_kind == "accepted_values":
        values = [str(v) for v in kwargs.get("values") or []]
        shown = ", ".join(values[:8]) + (", …" if len(values) > 8 else "")
        return f"{target} must be one of {shown}"
    if test.test_kind == "relationships":
        to = re.search(r"""ref\(\s*['"]([^'"]+)['"]""", str(kwargs.get("to") or ""))
        return f"every {target} must be a {kwargs.get('field')} of {to.group(1) if to else kwargs.get('to')}"
    if kwargs.get("expression"):
        return f"{model} rows must satisfy {kwargs['expression']}"
    return None


def _subquery(sql: str) -> str:
    """A test's compiled query as a subquery (a trailing `;` dropped; a trailing comment cannot eat the paren)."""
    return "(\n" + sql.strip().rstrip(";") + "\n)"


def offending_rows_sql(test: DbtNodeResult, test_columns: list[str], model_relation: str | None,
                       model_columns: list[str]) -> tuple[str, str] | None:
    """The file column and SQL giving (its value, rows) for the rows a failing test found; None when it cannot say.

    test_columns: the columns the test's query returns; model_columns: those of its model."""
    own = next((c for c in SOURCE_COLUMNS if c in test_columns), None)
    if own is not None and test.compiled_sql:
        return own, f'select "{own}", count(*) from {_subquery(test.compiled_sql)} as failing group by 1'
    column = next((c for c in SOURCE_COLUMNS if c in model_columns), None)
    if column is None or model_relation is None or not test.column_name:
        return None
    where = f"({test.where}) and " if test.where else ""
    if test.test_kind == "not_null":
        return column, (f'select "{column}", count(*) from {model_relation} '
                        f"where {where}({test.column_name}) is null group by 1")
    if test.test_kind in VALUE_TESTS and test.compiled_sql and test_columns:
        return column, (f'select "{column}", count(*) from {model_relation} where {where}({test.column_name}) in '
                        f'(select "{test_columns[0]}" from {_subquery(test.compiled_sql)} as failing) group by 1')
    return None


def _rows(n: int) -> str:
    return f"{n} row" + ("" if n == 1 else "s")


def reason(source: SourceFile, failed: list[tuple[str, int, str | None]]) -> str:
    """The sentence a left-out file is recorded with: each test (name, rows of this file, requirement)."""
    parts = [f"dbt test {test} failed on {_rows(rows)} from this {source.noun}" + (f" ({why})" if why else "")
             for test, rows, why in failed]
    return "; ".join(parts) + f"; the {source.noun} was left out of this publish"


def plan_leave_out(traces: list[FailureTrace], other_failures: list[str], loaded: list[SourceFile]) -> LeaveOut:
    """Leave out the files every failing test traces to, unless a failure is untraced or hits every file of a kind.

    other_failures: failing nodes that are no data test (models, unit tests) or a dbt error."""
    if other_failures:
        return LeaveOut(refusal=f"{', '.join(other_failures)} failed, which no file's rows explain")
    if not traces:
        return LeaveOut(refusal="no failing data test to trace")
    untraced = [t for t in traces if t.untraced or not t.rows]
    if untraced:
        return LeaveOut(refusal="; ".join(f"{t.test} cannot be traced to a file ({t.untraced or 'no file'})"
                                          for t in untraced))
    culprits: dict[SourceFile, list[tuple[str, int, str | None]]] = {}
    for t in traces:
        for source, rows in sorted(t.rows.items(), key=lambda kv: kv[0].name):
            culprits.setdefault(source, []).append((t.test, rows, t.requirement))
    for kind, noun in (("report", "report"), ("tickets", "ticket export")):
        of_kind = {f for f in loaded if f.kind == kind}
        if of_kind and of_kind <= set(culprits):
            return LeaveOut(refusal=f"the failing rows come from every loaded {noun} ({len(of_kind)}), "
                                    "a fault of the build rather than of a file")
    return LeaveOut(files={f: reason(f, culprits[f]) for f in sorted(culprits, key=lambda f: (f.kind, f.name))})


def untestable_failures(result: DbtBuildResult) -> list[str]:
    """Failing nodes no file's rows can explain: models, unit tests, tests that errored; or dbt's own error."""
    names = [n.name for n in result.failed_nodes if not (n.resource_type == "test" and n.status == "fail")]
    if result.error and not result.failed_nodes:
        names.append(f"dbt ({result.error})")
    return names


# --- on the build file ------------------------------------------------------------------------

def loaded_files(con: duckdb.DuckDBPyConnection) -> list[SourceFile]:
    files = [SourceFile("report", name, path, doc) for doc, name, path in con.execute(
        "select document_id, file_name, file_path from raw.documents order by file_name").fetchall()]
    files += [SourceFile("tickets", Path(path).name, path) for (path,) in con.execute(
        "select file from raw.ticket_files where status in ('loaded', 'partial') order by file").fetchall()]
    return files


def _resolve(column: str, value, files: list[SourceFile]) -> SourceFile | None:
    if value is None:
        return None
    text = str(value)
    for f in files:
        if column == "document_id" and f.document_id == text:
            return f
        if column in ("source_file", "file_name") and text in (f.path, f.name):
            return f
        if column == "source_file" and f.kind == "tickets" and Path(text).name == f.name:
            return f
    return None


def _columns(con: duckdb.DuckDBPyConnection, relation: str) -> list[str]:
    return [d[0] for d in con.execute(f"select * from {relation} limit 0").description]


def trace_test(con: duckdb.DuckDBPyConnection, test: DbtNodeResult, relations: dict[str, str],
               files: list[SourceFile]) -> FailureTrace:
    """The files a failing test's rows came from, on the build the test ran against."""
    trace = FailureTrace(test.name, requirement(test))
    try:
        test_columns = _columns(con, _subquery(test.compiled_sql)) if test.compiled_sql else []
        relation = relations.get(test.attached_node or "")
        model_columns = _columns(con, relation) if relation else []
        found = offending_rows_sql(test, test_columns, relation, model_columns)
        if found is None:
            trace.untraced = ("its rows name no document or file" if test.compiled_sql
                              else "dbt gave no query for it")
            return trace
        column, sql = found
        for value, rows in con.execute(sql).fetchall():
            source = _resolve(column, value, files)
            if source is not None:
                trace.rows[source] = trace.rows.get(source, 0) + rows
    except duckdb.Error as exc:
        trace.untraced = f"its rows could not be read: {type(exc).__name__}: {exc}"
    return trace


def trace_failures(con: duckdb.DuckDBPyConnection, result: DbtBuildResult) -> list[FailureTrace]:
    relations = {n.unique_id: n.relation_name for n in result.nodes if n.unique_id and n.relation_name}
    files = loaded_files(con)
    return [trace_test(con, n, relations, files) for n in result.failed_nodes
            if n.resource_type == "test" and n.status == "fail"]


def plan(con: duckdb.DuckDBPyConnection, result: DbtBuildResult) -> LeaveOut:
    """What to leave out of the build `con` holds, which `result` (its dbt build) failed on."""
    other = untestable_failures(result)
    return plan_leave_out([] if other else trace_failures(con, result), other, loaded_files(con))


def leave_out_reports(con: duckdb.DuckDBPyConnection, reports: dict[SourceFile, str]) -> None:
    """Delete the reports' rows from every raw table naming their document_id; record them as quarantined."""
    if not reports:
        return
    ids = [f.document_id for f in reports]
    tables = [t for (t,) in con.execute(
        "select c.table_name from information_schema.columns as c join information_schema.tables as t "
        "on t.table_schema = c.table_schema and t.table_name = c.table_name "
        "where c.table_schema = 'raw' and c.column_name = 'document_id' and t.table_type = 'BASE TABLE' "
        "order by 1").fetchall()]
    for table in tables:
        con.execute(f'delete from raw."{table}" where document_id in (select unnest(?))', [ids])
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    for f, why in reports.items():
        con.execute("delete from raw.document_quarantine where file_path = ?", [f.path])
        con.execute("insert into raw.document_quarantine (file_name, file_path, reason, quarantined_at) "
                    "values (?, ?, ?, ?)", [f.name, f.path, why, now])


def clear_ticket_loads(con: duckdb.DuckDBPyConnection) -> None:
    """Empty every raw ticket table, so the exports can be loaded again without the ones left out."""
    for (table,) in con.execute(
            "select table_name from information_schema.tables where table_schema = 'raw' "
            "and table_type = 'BASE TABLE' and (table_name like 'ticket\\_%' escape '\\') order by 1").fetchall():
        con.execute(f'delete from raw."{table}"')


def record_left_out_exports(con: duckdb.DuckDBPyConnection, exports: dict[SourceFile, str], sha256) -> None:
    """Record each left-out export in raw.ticket_files as rejected with its reason (sha256: path -> digest)."""
    now = datetime.now(timezone.utc)
    for f, why in exports.items():
        con.execute("insert into raw.ticket_files (file, sha256, rows_loaded, rows_quarantined, status, message, "
                    "loaded_at) values (?, ?, 0, 0, 'rejected', ?, ?)", [f.path, sha256(Path(f.path)), why, now])
