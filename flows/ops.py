"""Operations around the refresh flow: settings, where its files live, the run lock, input
fingerprints, the run log and JSON-lines logging.

Files beside a warehouse `data/warehouse.duckdb`:
- `data/.warehouse.duckdb.lock`         held (flock) while a refresh of that warehouse runs
- `data/logs/warehouse.refresh.jsonl`   one JSON object per log line, each with the run id
- `data/logs/warehouse.runs.jsonl`      one JSON object per finished run (the run journal)

The run log in the warehouse (`ops.run_log`) is rebuilt into every new build from the
published warehouse's rows plus the journal, so runs that did not publish (failed, unchanged)
reach the table with the next successful build; `run_history` merges both so a failed run
shows at once.
"""
from __future__ import annotations

import dataclasses
import fcntl
import hashlib
import json
import logging
import logging.handlers
import os
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

import duckdb

from flows.settings import DBT_PROJECT_DIR, PROJECT_ROOT, Settings
from flows.warehouse import connect_readonly

FLOWS_DIR = PROJECT_ROOT / "flows"
PARSER_DIR = FLOWS_DIR / "reports"


def list_files(directory: Path | None) -> list[Path]:
    """The input files of a refresh under one folder (hidden files skipped), in a fixed order."""
    if directory is None or not Path(directory).exists():
        return []
    return sorted(p for p in Path(directory).rglob("*") if p.is_file() and not p.name.startswith("."))


def get_ops_settings() -> Settings:
    # Not cached: a long-running `serve` and the tests change the environment between runs.
    return Settings()


def default_cache_dir() -> Path:
    from prefect.settings import get_current_settings

    return Path(get_current_settings().home).expanduser() / "kommunedata" / "parsed-reports"


def utcnow() -> datetime:
    """UTC without tzinfo, like every timestamp in the raw schema."""
    return datetime.now(timezone.utc).replace(tzinfo=None)


@dataclass(frozen=True)
class OpsPaths:
    warehouse: Path

    @property
    def log_dir(self) -> Path:
        return self.warehouse.parent / "logs"

    @property
    def log_file(self) -> Path:
        return self.log_dir / f"{self.warehouse.stem}.refresh.jsonl"

    @property
    def journal(self) -> Path:
        return self.log_dir / f"{self.warehouse.stem}.runs.jsonl"

    @property
    def lock_file(self) -> Path:
        return self.warehouse.parent / f".{self.warehouse.name}.lock"


# --- the run lock ---------------------------------------------------------------------------

class RefreshBusy(RuntimeError):
    pass


@contextmanager
def refresh_lock(warehouse: Path) -> Iterator[None]:
    """One refresh per warehouse at a time. flock is released by the kernel when the holder
    dies, so a killed refresh never leaves a lock behind."""
    path = OpsPaths(Path(warehouse)).lock_file
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        holder = os.pread(fd, 200, 0).decode(errors="replace").strip() or "unknown process"
        os.close(fd)
        raise RefreshBusy(f"another refresh of {warehouse} is running ({holder}); "
                          "wait for it to finish") from None
    try:
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"pid {os.getpid()} since {utcnow():%Y-%m-%d %H:%M:%S} UTC".encode(), 0)
        yield
    finally:
        os.ftruncate(fd, 0)
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def running_refresh(warehouse: Path) -> str | None:
    """Who holds the refresh lock of this warehouse, or None when no refresh is running."""
    path = OpsPaths(Path(warehouse)).lock_file
    if not path.exists():
        return None
    fd = os.open(path, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return os.pread(fd, 200, 0).decode(errors="replace").strip() or "unknown process"
        fcntl.flock(fd, fcntl.LOCK_UN)
        return None
    finally:
        os.close(fd)


# --- fingerprints ---------------------------------------------------------------------------

_sha_memo: dict[tuple[str, int, int], str] = {}


def file_sha256(path: Path) -> str:
    """sha256 of a file's bytes, remembered per (path, size, mtime) so a watcher polling a
    large inbox does not re-read unchanged files."""
    st = os.stat(path)
    memo_key = (str(path), st.st_size, st.st_mtime_ns)
    digest = _sha_memo.get(memo_key)
    if digest is None:
        h = hashlib.sha256()
        with open(path, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                h.update(block)
        digest = _sha_memo[memo_key] = h.hexdigest()
    return digest


def _tree_digest(root: Path, *, skip_dirs: frozenset[str] = frozenset()) -> str:
    h = hashlib.sha256()
    for p in sorted(root.rglob("*")):
        rel = p.relative_to(root)
        if not p.is_file() or "__pycache__" in rel.parts or (rel.parts and rel.parts[0] in skip_dirs):
            continue
        h.update(f"{rel.as_posix()}\0{file_sha256(p)}\n".encode())
    return h.hexdigest()


def parser_version() -> str:
    """Digest of the report reader's source: a changed parser never serves a stale cached parse,
    and nobody has to remember to bump a version number."""
    return _tree_digest(PARSER_DIR)[:16]


def code_version() -> str:
    """Digest of everything that shapes a build: the flows package and the dbt project."""
    h = hashlib.sha256()
    h.update(_tree_digest(FLOWS_DIR).encode())
    h.update(_tree_digest(DBT_PROJECT_DIR, skip_dirs=frozenset({"target", "logs"})).encode())
    return h.hexdigest()


def _files_digest(h, label: str, base: Path | None, files: list[Path]) -> None:
    for p in files:
        rel = p.relative_to(base).as_posix() if base is not None else p.name
        h.update(f"{label}\0{rel}\0{file_sha256(p)}\n".encode())


def input_fingerprint(reports_dir: Path | None, report_files: list[Path],
                      tickets_dir: Path | None, ticket_files: list[Path], dbt_target: str,
                      aliases_file: Path | None = None) -> str:
    """What a build depends on: the inbox files (relative name and content), the user alias file,
    the code, the dbt target. Equal fingerprints give equal warehouses, so a refresh can skip the rebuild."""
    h = hashlib.sha256()
    _files_digest(h, "report", reports_dir, report_files)
    _files_digest(h, "ticket", tickets_dir, ticket_files)
    if aliases_file is not None and Path(aliases_file).is_file():
        h.update(f"aliases\0{file_sha256(Path(aliases_file))}\n".encode())
    h.update(f"code\0{code_version()}\ntarget\0{dbt_target}\n".encode())
    return h.hexdigest()


# --- the run log ----------------------------------------------------------------------------

RUN_LOG_DDL = """
create schema if not exists ops;
create table if not exists ops.run_log (
    run_id varchar, run_name varchar,
    started_at timestamp, finished_at timestamp,  -- UTC
    status varchar,  -- published | unchanged | failed
    published boolean,
    reports_loaded integer, reports_quarantined integer,
    tickets_loaded integer, tickets_quarantined integer, ticket_rows_quarantined integer,
    dbt_failures integer, failed_tests varchar,
    message varchar, input_fingerprint varchar
);
"""


@dataclass
class RunRecord:
    run_id: str
    run_name: str | None
    started_at: datetime
    finished_at: datetime | None
    status: str
    published: bool
    reports_loaded: int = 0
    reports_quarantined: int = 0
    tickets_loaded: int = 0
    tickets_quarantined: int = 0
    ticket_rows_quarantined: int = 0
    dbt_failures: int = 0
    failed_tests: str | None = None
    message: str | None = None
    input_fingerprint: str | None = None

    def to_json(self) -> str:
        row = dataclasses.asdict(self)
        for k in ("started_at", "finished_at"):
            row[k] = row[k].isoformat() if row[k] else None
        return json.dumps(row, ensure_ascii=False)

    @classmethod
    def from_row(cls, row: dict) -> RunRecord:
        row = {f.name: row.get(f.name) for f in dataclasses.fields(cls)}
        for k in ("started_at", "finished_at"):
            if isinstance(row[k], str):
                row[k] = datetime.fromisoformat(row[k])
        return cls(**row)


RUN_LOG_COLUMNS = tuple(f.name for f in dataclasses.fields(RunRecord))


def append_journal(warehouse: Path, record: RunRecord) -> None:
    path = OpsPaths(Path(warehouse)).journal
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a", encoding="utf-8") as fh:
        fh.write(record.to_json() + "\n")
        fh.flush()
        os.fsync(fh.fileno())


def read_journal(warehouse: Path) -> list[RunRecord]:
    path = OpsPaths(Path(warehouse)).journal
    if not path.exists():
        return []
    records = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            records.append(RunRecord.from_row(json.loads(line)))
        except (ValueError, TypeError):
            continue  # a line cut short by a killed process
    return records


def _open_read_only(warehouse: Path) -> duckdb.DuckDBPyConnection | None:
    if not Path(warehouse).exists():
        return None
    try:
        return connect_readonly(warehouse)
    except duckdb.Error:
        return None


def has_table(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> bool:
    return bool(con.execute(
        "select count(*) from information_schema.tables where table_schema = ? and table_name = ?",
        [schema, table]).fetchone()[0])


def read_run_log(warehouse: Path) -> list[RunRecord]:
    con = _open_read_only(warehouse)
    if con is None:
        return []
    try:
        if not has_table(con, "ops", "run_log"):
            return []
        cur = con.execute(f"select {', '.join(RUN_LOG_COLUMNS)} from ops.run_log")
        return [RunRecord.from_row(dict(zip(RUN_LOG_COLUMNS, r))) for r in cur.fetchall()]
    finally:
        con.close()


def run_history(warehouse: Path) -> list[RunRecord]:
    """Every known run of this warehouse, newest first: its run_log table and the journal."""
    by_id = {r.run_id: r for r in read_run_log(warehouse)}
    by_id.update({r.run_id: r for r in read_journal(warehouse)})
    return sorted(by_id.values(), key=lambda r: r.started_at, reverse=True)


def last_published_fingerprint(warehouse: Path) -> str | None:
    published = [r for r in read_run_log(warehouse) if r.published]
    if not published:
        return None
    return max(published, key=lambda r: r.finished_at or r.started_at).input_fingerprint


@dataclass
class Freshness:
    modified: datetime  # UTC, when the served file was published
    newest_loaded_at: datetime | None  # UTC, newest report read into it
    documents: int
    quarantined: int


def warehouse_freshness(warehouse: Path) -> Freshness | None:
    con = _open_read_only(warehouse)
    if con is None:
        return None
    try:
        modified = datetime.fromtimestamp(Path(warehouse).stat().st_mtime, timezone.utc).replace(tzinfo=None)
        newest, documents, quarantined = None, 0, 0
        if has_table(con, "raw", "documents"):
            newest, documents = con.execute("select max(loaded_at), count(*) from raw.documents").fetchone()
        if has_table(con, "raw", "document_quarantine"):
            quarantined = con.execute("select count(*) from raw.document_quarantine").fetchone()[0]
        return Freshness(modified, newest, documents, quarantined)
    finally:
        con.close()


def write_run_log(con: duckdb.DuckDBPyConnection, records: list[RunRecord]) -> None:
    con.execute(RUN_LOG_DDL)
    con.execute("delete from ops.run_log")
    placeholders = ", ".join("?" for _ in RUN_LOG_COLUMNS)
    con.executemany(
        f"insert into ops.run_log ({', '.join(RUN_LOG_COLUMNS)}) values ({placeholders})",
        [tuple(getattr(r, c) for c in RUN_LOG_COLUMNS) for r in records])


# --- JSON-lines logging ---------------------------------------------------------------------

_STANDARD_RECORD_KEYS = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "taskName"}


class JsonLinesFormatter(logging.Formatter):
    """One JSON object per record: time, level, message, the refresh's run id, Prefect's
    flow/task run names and any `extra=` fields (phase, file, ...)."""

    def __init__(self, run_id: str):
        super().__init__()
        self.run_id = run_id

    def format(self, record: logging.LogRecord) -> str:
        line = {
            "ts": datetime.fromtimestamp(record.created, timezone.utc).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "run_id": self.run_id,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD_RECORD_KEYS and not key.startswith("_") and key not in line:
                line[key] = value
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)


RUN_LOGGERS = ("prefect.flow_runs", "prefect.task_runs")


@contextmanager
def json_run_log(path: Path, run_id: str) -> Iterator[Path]:
    """Copy the Prefect run loggers' records to a rotating JSON-lines file while a refresh runs."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=10_000_000, backupCount=5, encoding="utf-8")
    handler.setLevel(logging.INFO)
    handler.setFormatter(JsonLinesFormatter(run_id))
    loggers = [logging.getLogger(name) for name in RUN_LOGGERS]
    for lg in loggers:
        lg.addHandler(handler)
    try:
        yield path
    finally:
        for lg in loggers:
            lg.removeHandler(handler)
        handler.close()
