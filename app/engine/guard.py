"""SQL guard and read-only runner: the one gate every engine's SQL passes before it touches the warehouse.

`guard_sql` parses the query with sqlglot (DuckDB dialect), checks it against an allow-list of governed
marts and columns, caps the row count and returns SQL *regenerated from the checked syntax tree*.
Executing the regenerated text (never the caller's text) means DuckDB runs exactly what was checked:
comments are dropped, so nothing can hide in them, and quirks where sqlglot and DuckDB would read the
same characters differently (string escapes, nested comments) cannot smuggle a second statement through.

`guard_sql` also refuses what could build values of any size before the first row is returned:
recursive CTEs, functions that make text or lists of a size given as a number (repeat, lpad, printf,
range(n) as a value ...), and string expressions whose combined growth (operands of every `||` and
concat, the length of every replace()'s replacement) could multiply a text more than
MAX_STRING_GROWTH times. DuckDB's memory limit does not cover a single huge string, so this has to
be decided from the syntax tree.

`run_readonly` is the second, independent wall: a read-only connection with file-system access,
extension loading and configuration changes switched off, DuckDB's memory limit and thread count
(flows.warehouse.READONLY_CONFIG), a time limit, at most `max_rows` rows, text cells cut at
`max_cell_chars` (inside DuckDB, before a cell reaches Python), and at most
`max_concurrent_queries` queries at a time in the process (the others wait `busy_wait_s`, then get
`QueryBusy`). It holds even if the guard were bypassed.
"""
from __future__ import annotations

import itertools
import threading
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path

import duckdb
import sqlglot
from sqlglot import exp
from sqlglot.errors import ParseError, SqlglotError
from sqlglot.optimizer.qualify import qualify
from sqlglot.optimizer.scope import Scope, traverse_scope
from sqlglot.schema import MappingSchema

from flows.settings import get_settings
from flows.warehouse import connect_readonly, served_file

DIALECT = "duckdb"
MAX_SQL_CHARS = 20_000
MAX_DEPTH = 200  # nesting of the syntax tree: deeper trees cost seconds to check and DuckDB refuses them anyway
MAX_STRING_GROWTH = 1000  # how many times string expressions may multiply a text (see _check_growth)
MAX_RESULT_CHARS = 20_000_000  # text in one result, after the cell cap: about 40 MB of Python strings


class GuardError(ValueError):
    """The query was refused. `reason` is written for a person (and for an LLM asked to repair it)."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class QueryError(RuntimeError):
    """The warehouse could not run the query; the message is DuckDB's, trimmed to be readable."""


class QueryTimeout(QueryError):
    """The query ran longer than its time limit and was interrupted."""


class QueryBusy(QueryError):
    """Too many questions are running at once; this one did not get a slot in time."""


# --- what is refused -------------------------------------------------------------------------------

def _node_classes(*names: str) -> tuple[type, ...]:
    # getattr so a sqlglot upgrade that renames one class weakens nothing else (and fails no import).
    return tuple(c for c in (getattr(exp, n, None) for n in names) if isinstance(c, type))


# Statement kinds that write, change the session, or reach outside the database. Checked on every
# node of the tree, so a write hidden in a CTE or subquery is caught as well as one at the top.
_FORBIDDEN_NODES = _node_classes(
    "DML", "DDL", "Insert", "Update", "Delete", "Merge", "Create", "Drop", "Alter", "AlterColumn",
    "TruncateTable", "Command", "Copy", "Attach", "Detach", "Pragma", "Set", "SetItem", "Install",
    "Use", "Describe", "Show", "Summarize", "Into", "Lock", "Transaction", "Commit", "Rollback",
    "LoadData", "Kill", "Export", "Analyze", "Grant", "Revoke", "Comment", "Cache", "Uncache",
    "Refresh", "Pivot", "Unpivot",
)
# Pivot is refused too: DuckDB's PIVOT statement is not a plain SELECT and the planner never needs it.

_PARAMETER_NODES = _node_classes("Placeholder", "Parameter", "SessionParameter")

# Function names (lower case) that read files, the environment, settings or run SQL given as text.
_FORBIDDEN_FUNCTIONS = frozenset({
    "getenv", "current_setting", "getvariable", "setvariable", "system", "shell", "query", "query_table",
    "glob", "read_csv", "read_csv_auto", "read_json", "read_json_auto", "read_json_objects",
    "read_ndjson", "read_ndjson_auto", "read_ndjson_objects", "read_parquet", "read_text", "read_blob",
    "read_xlsx", "parquet_scan", "parquet_metadata", "parquet_schema", "parquet_file_metadata",
    "parquet_kv_metadata", "sqlite_scan", "sqlite_attach", "postgres_scan", "postgres_attach",
    "postgres_query", "mysql_scan", "mysql_query", "delta_scan", "iceberg_scan", "iceberg_metadata",
    "iceberg_snapshots", "sniff_csv", "json_execute_serialized_sql", "which_secret", "load_extension",
    "install_extension", "checkpoint", "force_checkpoint", "setseed", "enable_logging", "http_get",
    "http_post", "httpfs", "copy", "export_database", "import_database", "sql_auto_complete",
    "current_database", "current_catalog", "current_schema", "current_schemas", "version",
})
_FORBIDDEN_PREFIXES = (
    "read_", "write_", "duckdb_", "pragma_", "sqlite_", "postgres_", "mysql_", "pg_", "parquet_",
    "iceberg_", "delta_", "http", "s3", "gcs", "azure_", "file_", "load_", "install_", "export_",
    "import_",
)

# Table functions that only compute values (no data access). Everything else in FROM must be a mart.
_ALLOWED_TABLE_FUNCTIONS = frozenset({"unnest", "range", "generate_series"})

# Functions that build a text or list whose size is a number in the query (repeat('x', 2000000000)),
# not a function of the data: DuckDB allocates such a value outside its memory limit.
_AMPLIFIER_FUNCTIONS = frozenset({
    "repeat", "lpad", "rpad", "pad", "printf", "format", "format_bytes", "formatreadablesize", "bar",
    "list_resize", "array_resize", "array_fill", "list_fill", "generate_series", "range", "repeat_row",
    "space", "replicate", "string_repeat", "list_value_repeat", "list_grade_up", "unnest_list",
})
# Functions whose output can be longer than their text input by the length of an argument.
_REPLACE_FUNCTIONS = frozenset({"replace", "regexp_replace", "translate", "str_replace", "overlay", "insert"})

_SYSTEM_SCHEMAS = frozenset({"information_schema", "pg_catalog", "system", "temp", "sqlite_master",
                             "sqlite_schema", "sqlite_temp_master"})


# Defence in depth for run_readonly: even a query that slipped past the guard cannot read or write
# files, load extensions, look up Python variables by name (replacement scans) or undo these settings.
# Public because every read-only connection in the process must use the same configuration: DuckDB
# refuses a second connection to an open file with a different one (app/engine/views.py shares it).


# --- public API ------------------------------------------------------------------------------------

def guard_sql(sql: str, allowed: dict[str, set[str]], *, max_rows: int = 5000) -> str:
    """Return the SQL that may be executed (one SELECT over governed marts, LIMIT ≤ max_rows).

    `allowed` maps mart name -> its column names (see `Catalog.allowed_columns`). Raises `GuardError`.
    """
    allowed_lc = {t.lower(): {c.lower() for c in cols} for t, cols in allowed.items()}
    _check_text(sql)
    root = _parse_single(sql)
    _check_depth(root)
    _check_statement_kind(root)
    _check_nodes(root)
    _check_functions(root)
    _check_growth(root)
    _check_tables(root, allowed_lc)
    _check_columns(root, allowed_lc)
    _apply_limit(root, max_rows)
    return root.sql(dialect=DIALECT, comments=False)


def run_readonly(db_path: Path, sql: str, *, timeout_s: float = 10.0, max_rows: int | None = None,
                 max_cell_chars: int | None = None) -> tuple[list[str], list[tuple]]:
    """Run `sql` on a read-only connection to `db_path`; return (column names, rows).

    At most `max_rows` rows (default: settings.max_rows); text cells longer than `max_cell_chars`
    (default: settings.max_cell_chars) are cut and end in "…". Raises `QueryTimeout` after
    `timeout_s` seconds, `QueryBusy` when no slot frees up in time and `QueryError` for anything
    DuckDB refuses (its memory limit included).
    """
    settings = get_settings()
    max_rows = settings.max_rows if max_rows is None else max_rows
    max_cell_chars = settings.max_cell_chars if max_cell_chars is None else max_cell_chars
    path = Path(db_path)
    if not path.is_file():
        raise QueryError(f"The warehouse file {path} does not exist; run `kommunedata refresh` first.")
    slots = _query_slots(settings.max_concurrent_queries)
    if not slots.acquire(timeout=settings.busy_wait_s):
        raise QueryBusy(f"The warehouse is answering {settings.max_concurrent_queries} other questions right now; "
                        "try again in a moment.")
    try:
        return _run_bounded(path, sql, timeout_s, max_rows, max_cell_chars)
    finally:
        slots.release()


_SLOTS: dict[int, threading.BoundedSemaphore] = {}
_SLOTS_LOCK = threading.Lock()


def _query_slots(n: int) -> threading.BoundedSemaphore:
    with _SLOTS_LOCK:
        return _SLOTS.setdefault(max(1, n), threading.BoundedSemaphore(max(1, n)))


def _run_bounded(path: Path, sql: str, timeout_s: float, max_rows: int,
                 max_cell_chars: int) -> tuple[list[str], list[tuple]]:
    version = served_version(path)
    try:
        con = connect_readonly(path)
    except duckdb.Error as e:
        raise QueryError(f"Could not open the warehouse read-only: {_first_line(e)}") from e
    timed_out = threading.Event()

    def _stop() -> None:
        timed_out.set()
        try:
            con.interrupt()
        except Exception:  # the query finished and the connection closed just as the timer fired
            pass

    timer = _WATCHDOG.call_after(timeout_s, _stop)
    try:
        columns, bounded = _bounded_sql_for(con, version, path, sql, max_rows, max_cell_chars)
        cur = con.execute(bounded)
        rows: list[tuple] = []
        chars = 0
        while len(rows) < max_rows and (batch := cur.fetchmany(min(1000, max_rows - len(rows)))):
            rows.extend(batch)
            chars += sum(len(v) for row in batch for v in row if isinstance(v, str))
            if chars > MAX_RESULT_CHARS:
                raise QueryError(f"The answer holds more than {MAX_RESULT_CHARS:,} characters of text; "
                                 "select fewer columns or rows.")
        return columns, rows
    except duckdb.Error as e:
        if timed_out.is_set() or isinstance(e, duckdb.InterruptException):
            raise QueryTimeout(_timeout_message(timeout_s)) from e
        raise QueryError(f"The warehouse refused the query: {_duckdb_message(e)}") from e
    finally:
        _WATCHDOG.cancel(timer)
        con.close()


# Types whose values have a small, fixed size; anything else (text, lists, structs, blobs, JSON) is cut.
_FIXED_SIZE_TYPES = frozenset({
    "boolean", "tinyint", "smallint", "integer", "bigint", "hugeint", "utinyint", "usmallint", "uinteger",
    "ubigint", "uhugeint", "float", "double", "decimal", "date", "time", "timestamp", "timestamp_s",
    "timestamp_ms", "timestamp_ns", "timestamp with time zone", "time with time zone", "interval", "uuid",
})


class _Watchdog:
    """One thread that calls each query's stop action when its time limit passes. A threading.Timer per
    query started a thread for every query (milliseconds on a loaded machine); this one thread sleeps
    until the soonest time limit and is woken only when a new one is sooner than that."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._due: dict[int, tuple[float, Callable[[], None]]] = {}
        self._tokens = itertools.count()
        self._thread: threading.Thread | None = None
        self._wake_at = float("inf")  # when the thread wakes next on its own

    def call_after(self, seconds: float, action: Callable[[], None]) -> int:
        at = time.monotonic() + seconds
        with self._cond:
            token = next(self._tokens)
            self._due[token] = (at, action)
            if self._thread is None or not self._thread.is_alive():  # first use, or a forked child
                self._wake_at = float("inf")
                self._thread = threading.Thread(target=self._run, name="query-time-limit", daemon=True)
                self._thread.start()
            if at < self._wake_at:
                self._wake_at = at
                self._cond.notify()
            return token

    def cancel(self, token: int) -> None:
        with self._cond:
            self._due.pop(token, None)

    def _run(self) -> None:
        while True:
            with self._cond:
                now = time.monotonic()
                due = [t for t, (at, _) in self._due.items() if at <= now]
                actions = [self._due.pop(t)[1] for t in due]
                if not actions:
                    self._wake_at = min((at for at, _ in self._due.values()), default=float("inf"))
                    self._cond.wait(None if self._wake_at == float("inf") else self._wake_at - now)
                    continue
            for action in actions:
                try:
                    action()
                except Exception:  # one failing stop must not end the thread that stops the others
                    pass
            # hold no stopped query's connection while sleeping (a daemon thread's frame outlives exit)
            actions = action = None


_WATCHDOG = _Watchdog()

# The wrapped SQL of a query per warehouse version: binding it to learn the column types costs a
# parse and bind per query, and a served version's types never change (flows.publish writes a new file).
_BOUNDED: dict[tuple, tuple[list[str], str]] = {}
_BOUNDED_LOCK = threading.Lock()
_BOUNDED_MAX = 4096


def served_version(path: Path) -> tuple | None:
    """The served file behind `path` and its mtime and size; None when it cannot be read."""
    try:
        target = served_file(path)
        st = target.stat()
    except OSError:
        return None
    return str(target), st.st_mtime_ns, st.st_size


_LOOKUPS: dict[tuple, tuple[str, tuple, tuple]] = {}
_LOOKUPS_LOCK = threading.Lock()
_LOOKUPS_MAX = 2048


def remembered_lookup(path: Path, sql: str, run: Callable[[str], tuple[str, list[str], list[tuple]]]
                      ) -> tuple[str, list[str], list[tuple]]:
    """`run(sql)` (guarded SQL, columns, rows) for a lookup of what the warehouse holds, remembered per served version
    of `path` (its file, mtime and size: a pure function of the warehouse's content), so other questions read it
    without a query; a refreshed or republished warehouse is a new version and is read afresh. Fresh lists each time."""
    version = served_version(path)
    key = (version, sql)
    if version is not None:
        with _LOOKUPS_LOCK:
            hit = _LOOKUPS.get(key)
        if hit is not None:
            return hit[0], list(hit[1]), list(hit[2])
    safe, columns, rows = run(sql)
    if version is not None and served_version(path) == version:  # not refreshed while it ran
        with _LOOKUPS_LOCK:
            if len(_LOOKUPS) >= _LOOKUPS_MAX:
                _LOOKUPS.clear()
            _LOOKUPS[key] = (safe, tuple(columns), tuple(rows))
    return safe, columns, rows


def _bounded_sql_for(con: duckdb.DuckDBPyConnection, version: tuple | None, path: Path, sql: str, max_rows: int,
                     max_cell_chars: int) -> tuple[list[str], str]:
    """`_bounded_sql`, remembered per served version (taken before the connection was opened: a publish
    in between makes the versions differ and the query is bound afresh)."""
    if version is None or served_version(path) != version:
        return _bounded_sql(con, sql, max_rows, max_cell_chars)
    key = (*version, sql, max_rows, max_cell_chars)
    with _BOUNDED_LOCK:
        hit = _BOUNDED.get(key)
    if hit is not None:
        return list(hit[0]), hit[1]
    names, bounded = _bounded_sql(con, sql, max_rows, max_cell_chars)
    with _BOUNDED_LOCK:
        if len(_BOUNDED) >= _BOUNDED_MAX:
            _BOUNDED.clear()
        _BOUNDED[key] = (list(names), bounded)
    return names, bounded


def _bounded_sql(con: duckdb.DuckDBPyConnection, sql: str, max_rows: int,
                 max_cell_chars: int) -> tuple[list[str], str]:
    """The column names and `sql` wrapped so DuckDB returns at most `max_rows` rows and cuts every
    cell that is not a fixed-size value to `max_cell_chars` characters (binding only, nothing runs)."""
    relation = con.sql(sql)
    if relation is None:  # not a query (the guard lets none through): nothing to return
        return [], sql
    names, types = list(relation.columns), list(relation.types)
    cut = max(1, max_cell_chars)
    select = []
    for i, (name, kind) in enumerate(zip(names, types), start=1):
        quoted = '"' + name.replace('"', '""') + '"'
        if kind.id in _FIXED_SIZE_TYPES:
            select.append(f"#{i} as {quoted}")
        else:
            text = f"cast(#{i} as varchar)" if kind.id != "varchar" else f"#{i}"
            select.append(f"case when length({text}) > {cut} then left({text}, {cut - 1}) || '…' "
                          f"else {text} end as {quoted}")
    return names, f"select {', '.join(select)} from ({sql}) as bounded limit {int(max_rows)}"


# --- checks (each raises GuardError with a readable reason) ----------------------------------------

def _check_text(sql: str) -> None:
    if not isinstance(sql, str) or not sql.strip():
        raise GuardError("The query is empty.")
    if len(sql) > MAX_SQL_CHARS:
        raise GuardError(f"The query is longer than {MAX_SQL_CHARS} characters.")
    for ch in sql:
        # Control and invisible formatting characters (zero-width space, bidi overrides) have no place
        # in a query and are the raw material of look-alike tricks.
        cat = unicodedata.category(ch)
        if (cat == "Cc" and ch not in "\t\n\r") or cat == "Cf":
            raise GuardError(f"The query contains an invisible or control character (U+{ord(ch):04X}).")


def _parse_single(sql: str) -> exp.Expression:
    try:
        statements = [s for s in sqlglot.parse(sql, read=DIALECT) if s is not None]
    except (ParseError, SqlglotError) as e:
        raise GuardError(f"The query could not be parsed as DuckDB SQL: {_first_line(e)}") from e
    except Exception as e:  # sqlglot may raise other errors on exotic input; refuse rather than crash
        raise GuardError(f"The query could not be parsed: {type(e).__name__}") from e
    if not statements:
        raise GuardError("The query is empty.")
    if len(statements) > 1:
        raise GuardError(f"Exactly one statement is allowed; found {len(statements)} (separated by ';').")
    return statements[0]


def _check_depth(root: exp.Expression) -> None:
    todo = [(root, 1)]
    while todo:
        node, depth = todo.pop()
        if depth > MAX_DEPTH:
            raise GuardError(f"The query is nested more than {MAX_DEPTH} levels deep; write it more simply.")
        todo.extend((child, depth + 1) for child in node.iter_expressions())


def _check_statement_kind(root: exp.Expression) -> None:
    if not isinstance(root, (exp.Select, exp.SetOperation)):
        raise GuardError(f"Only SELECT queries are allowed, not {_kind(root)}.")


def _check_nodes(root: exp.Expression) -> None:
    for node in root.walk():
        if isinstance(node, _FORBIDDEN_NODES):
            raise GuardError(f"{_kind(node)} is not allowed anywhere in the query; only reading with SELECT is.")
        if isinstance(node, _PARAMETER_NODES):
            raise GuardError("Query parameters (?, $1, @x) are not supported; write the values in the query.")
        if isinstance(node, exp.Fetch):
            raise GuardError("Use LIMIT n instead of FETCH FIRST.")


def _check_functions(root: exp.Expression) -> None:
    for fn in root.find_all(exp.Func):
        for name in _function_names(fn):
            if name in _FORBIDDEN_FUNCTIONS or name.startswith(_FORBIDDEN_PREFIXES):
                raise GuardError(f"The function {name}() is not allowed: it reaches outside the governed marts.")


def _check_growth(root: exp.Expression) -> None:
    """Refuse what can build a value of any size from a short query (see the module docstring)."""
    for with_ in root.find_all(exp.With):
        if with_.args.get("recursive"):
            raise GuardError("Recursive CTEs (WITH RECURSIVE) are not allowed; the marts need no recursion.")
    growth = 1
    for fn in root.find_all(exp.Func):
        names = _function_names(fn)
        in_from = isinstance(fn.parent, exp.Table)  # range(n) / generate_series as a table of rows is bounded by time
        if names & _AMPLIFIER_FUNCTIONS and not in_from:
            name = sorted(names & _AMPLIFIER_FUNCTIONS)[0]
            raise GuardError(f"The function {name}() is not allowed: it builds a text or list of any size.")
        if isinstance(fn, (exp.Concat, exp.ConcatWs)) or names & {"concat", "concat_ws", "list_concat",
                                                                     "array_concat", "list_cat", "array_cat"}:
            growth *= max(1, len(fn.expressions) + (1 if fn.this is not None else 0))
        elif names & _REPLACE_FUNCTIONS:
            args = _call_args(fn)
            if any(not isinstance(a, exp.Literal) for a in args[2:]):
                raise GuardError("replace() with a computed replacement is not allowed; write the replacement out.")
            growth *= max([1] + [len(a.name) for a in args[2:]])
    for pipe in root.find_all(exp.DPipe):
        if not isinstance(pipe.parent, exp.DPipe):  # count a chain a || b || c once, by its operands
            growth *= len(list(pipe.flatten()))
    if growth > MAX_STRING_GROWTH:
        raise GuardError(f"The query's text expressions could make a value {growth:,} times longer than "
                         f"its input (at most {MAX_STRING_GROWTH:,}); concatenate fewer pieces.")


def _check_tables(root: exp.Expression, allowed: dict[str, set[str]]) -> None:
    cte_refs = _cte_reference_ids(root)
    for table in root.find_all(exp.Table):
        if isinstance(table.this, exp.Func):
            _check_table_function(table.this)
            continue
        if id(table) in cte_refs:
            continue
        name = table.name.lower()
        schema = (table.args.get("db") and table.text("db").lower()) or ""
        catalog = (table.args.get("catalog") and table.text("catalog").lower()) or ""
        shown = ".".join(p for p in (catalog, schema, name) if p)
        if name in _SYSTEM_SCHEMAS or schema in _SYSTEM_SCHEMAS or catalog in _SYSTEM_SCHEMAS \
                or name.startswith(("duckdb_", "pg_", "sqlite_")):
            raise GuardError(f"System catalogs such as {shown} are not available; query the governed marts.")
        if schema or catalog:
            raise GuardError(
                f"Refer to marts by their bare name, without a schema or database: {shown} is not allowed.")
        if name not in allowed:
            raise GuardError(
                f"The table {shown} is not one of the governed marts. Allowed: {', '.join(sorted(allowed))}.")


def _check_table_function(fn: exp.Func) -> None:
    names = _function_names(fn)
    if not names & _ALLOWED_TABLE_FUNCTIONS:
        raise GuardError(
            f"Table functions such as {sorted(names)[0]}() are not allowed (no file or system access); "
            "select from the governed marts.")


def _check_columns(root: exp.Expression, allowed: dict[str, set[str]]) -> None:
    # sqlglot's qualifier resolves every column against the schema, CTEs, subqueries and select-list
    # aliases (so ORDER BY an alias works) and raises when one cannot be resolved. It works on a copy:
    # the rewritten query is only used to validate, never executed.
    schema = _mapping_schema(allowed)
    try:
        qualify(root.copy(), schema=schema, dialect=DIALECT, validate_qualify_columns=True,
                quote_identifiers=False, identify=False)
    except SqlglotError as e:
        message = _first_line(e).split(". Line:")[0]
        raise GuardError(f"{message}. Columns of the governed marts: {_describe_columns(root, allowed)}") from e
    except Exception as e:  # refuse what cannot be analysed instead of letting it through
        raise GuardError(f"The query's columns could not be checked ({type(e).__name__}).") from e


_SCHEMAS: dict[frozenset, list] = {}  # allow-list -> [MappingSchema, uses]
_SCHEMAS_LOCK = threading.Lock()
_SCHEMA_USES = 500  # then built afresh: its name caches grow with every table name a query writes


def _mapping_schema(allowed: dict[str, set[str]]) -> MappingSchema:
    """sqlglot's schema of the allow-list, the one qualify() would build from the dict, built once per
    allow-list instead of per query (normalising every column name cost more than checking the query)."""
    key = frozenset((t, frozenset(cols)) for t, cols in allowed.items())
    with _SCHEMAS_LOCK:
        entry = _SCHEMAS.get(key)
        if entry is None or entry[1] >= _SCHEMA_USES:
            if len(_SCHEMAS) >= 8:
                _SCHEMAS.clear()
            mapping = {t: {c: "UNKNOWN" for c in cols} for t, cols in allowed.items()}
            entry = _SCHEMAS[key] = [MappingSchema(mapping, dialect=DIALECT), 0]
        entry[1] += 1
        return entry[0]


def _apply_limit(root: exp.Expression, max_rows: int) -> None:
    limit = root.args.get("limit")
    if limit is None:
        root.set("limit", exp.Limit(expression=exp.Literal.number(max_rows)))
        return
    value = limit.args.get("expression")
    options = limit.args.get("limit_options")
    if options is not None and options.args.get("percent"):
        raise GuardError("LIMIT with a percentage is not allowed; use LIMIT n.")
    if isinstance(value, exp.Var) and value.name.upper() == "ALL":
        limit.set("expression", exp.Literal.number(max_rows))
        return
    if not (isinstance(value, exp.Literal) and not value.is_string and value.name.isdigit()):
        raise GuardError("LIMIT must be a plain whole number.")
    if int(value.name) > max_rows:
        limit.set("expression", exp.Literal.number(max_rows))


# --- helpers ---------------------------------------------------------------------------------------

def _cte_reference_ids(root: exp.Expression) -> set[int]:
    """ids of Table nodes that refer to a CTE visible in their scope (not to a real table).

    Scope-aware on purpose: a CTE defined inside one subquery does not make a same-named real table
    elsewhere in the query safe.
    """
    ids: set[int] = set()
    try:
        scopes = traverse_scope(root)
    except Exception as e:
        raise GuardError(f"The query's structure could not be analysed ({type(e).__name__}).") from e
    for scope in scopes:
        ctes = {name.lower() for name in scope.cte_sources}
        for table in scope.tables:
            bare = not table.args.get("db") and not table.args.get("catalog")
            if bare and table.name.lower() in ctes and isinstance(scope.sources.get(table.alias_or_name), Scope):
                ids.add(id(table))
    return ids


def _call_args(fn: exp.Func) -> list[exp.Expression]:
    """A call's arguments in order, for known and unknown (Anonymous) functions alike."""
    if isinstance(fn, exp.Anonymous):
        return list(fn.expressions)
    args: list[exp.Expression] = []
    for value in fn.args.values():
        args.extend(v for v in (value if isinstance(value, list) else [value]) if isinstance(v, exp.Expression))
    return args


def _function_names(fn: exp.Func) -> set[str]:
    """Every name a function node may go by: as written (unknown functions) and as sqlglot renders it.
    Remembered on the node for the length of one check (rendering a call renders all its arguments)."""
    names = fn.meta.get(_NAMES_KEY)
    if names is None:
        names = _render_function_names(fn)
        fn.meta[_NAMES_KEY] = names
    return set(names)


_NAMES_KEY = "kommunedata_guard_names"


def _render_function_names(fn: exp.Func) -> frozenset[str]:
    names: set[str] = set()
    if isinstance(fn, exp.Anonymous):
        names.add(str(fn.this).lower())
    else:
        names.add(fn.sql_name().lower())
        names.add(fn.key.lower())
    try:
        rendered = fn.sql(dialect=DIALECT, comments=False)
        names.add(rendered.split("(", 1)[0].strip().strip('"').lower())
    except Exception:
        pass
    return frozenset(n for n in names if n)


def _describe_columns(root: exp.Expression, allowed: dict[str, set[str]]) -> str:
    used = {t.name.lower() for t in root.find_all(exp.Table)} & set(allowed)
    tables = sorted(used) or sorted(allowed)
    return "; ".join(f"{t}({', '.join(sorted(allowed[t]))})" for t in tables)


def _kind(node: exp.Expression) -> str:
    """The statement's keyword as a person would write it: INSERT, ATTACH, CALL ..."""
    if isinstance(node, exp.Command):
        return str(node.this).upper()
    if isinstance(node, (exp.Column, exp.Identifier, exp.Literal, exp.Func, exp.Binary)):
        return "a bare word or expression"  # e.g. CHECKPOINT, which sqlglot reads as a column name
    names = {"subquery": "a parenthesised query", "into": "SELECT ... INTO", "truncatetable": "TRUNCATE"}
    return names.get(node.key, node.key.upper())


def _first_line(e: BaseException) -> str:
    text = str(e).strip()
    return text.splitlines()[0] if text else type(e).__name__


def _duckdb_message(e: BaseException) -> str:
    """DuckDB's message without the echoed query ("LINE 1: ..."), keeping hints like "Did you mean"."""
    lines = []
    for line in str(e).strip().splitlines():
        if line.startswith("LINE "):
            break
        if line.strip():
            lines.append(line.strip())
    return " ".join(lines) or type(e).__name__


def _timeout_message(timeout_s: float) -> str:
    return f"The query took longer than {timeout_s:g} s and was stopped. Narrow it down (fewer years or units)."
