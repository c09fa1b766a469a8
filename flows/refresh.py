"""Prefect flows: refresh = ingest_reports + ingest_tickets + build_models, then an atomic publish.

The flows are a thin shell: parsing lives in flows.reports / flows.tickets, loading in
flows.warehouse, dbt in flows.dbt, the swap in flows.publish, the run log, lock and logs in
flows.ops, the UI artifacts in flows.artifacts. `refresh` is the one deployed flow
(flows.deploy).

When dbt tests fail on rows of some documents or ticket exports, those files are left out, recorded as
quarantined with the tests that failed, and dbt builds once more (flows.test_failures): one odd document
does not block the rest of the batch; any other failure publishes nothing. A failure can hide another (dbt skips
what a failed model feeds), so a rebuild's failures are traced the same way, up to LEAVE_OUT_ROUNDS rebuilds.

Why a refresh can be cheap:
- Parsed reports are cached by Prefect task caching, keyed by the file's sha256, its name and
  a digest of the parser's source (flows.ops.parser_version). The cached results are files in
  a local folder (result_storage given as a Path, not a server-side block), so the cache works
  the same with the ephemeral server, a real server or Dask workers on the same disk, and it
  survives the ephemeral server's database being thrown away.
- When the input fingerprint (inbox files, code, dbt target) equals the one of the published
  warehouse, nothing is rebuilt: the run is recorded as "unchanged" and the served file is not
  touched. `force=True` rebuilds anyway.
"""
from __future__ import annotations

import contextlib
import hashlib
import os
import signal
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DO_NOT_TRACK", "1")

import duckdb
from prefect import flow, get_run_logger, task
from prefect.context import FlowRunContext
from prefect.exceptions import TerminationSignal
from prefect.states import Failed
from prefect.task_runners import ThreadPoolTaskRunner

from flows import limits, ops
from flows import publish as pub
from flows import test_failures as failing
from flows.aliases import AliasFile, AliasFileError, load_aliases
from flows.dbt import DbtBuildResult, build_warehouse_models
from flows.reports.model import DocumentError, ParsedReport
from flows.warehouse import connect_readonly, ensure_raw_schema, load_report, load_user_aliases, quarantine_document

REPORT_SUFFIXES = {".pdf", ".docx", ".txt", ".md", ".html", ".htm"}
TICKET_SUFFIXES = {".csv", ".xlsx", ".json"}
limits.tie_prefect_server_to_this_process()  # no temporary Prefect server outlives a killed refresh
# What a build must hold before it may replace the served warehouse.
REQUIRED_TABLES = ("raw.documents", "ops.run_log")


@dataclass
class FileOutcome:
    file: str
    status: str  # loaded | inconsistent (loaded, its own figures fail an identity check) | quarantined
    detail: str
    facts: int | None = None
    accounts: int | None = None
    cached: bool = False  # report parse came from the cache
    seconds: float | None = None  # parse time of a report
    rows_quarantined: int = 0  # ticket rows that could not be loaded


@dataclass
class RefreshSummary:
    warehouse: str
    published: bool
    reports: list[FileOutcome] = field(default_factory=list)
    tickets: list[FileOutcome] = field(default_factory=list)
    dbt_success: bool = False
    dbt_failures: list[str] = field(default_factory=list)
    # the first build's failures when files whose rows failed them were left out and the rebuild passed
    dbt_failures_left_out: list[str] = field(default_factory=list)
    dbt_error: str | None = None
    dbt_tests_passed: int = 0
    run_id: str | None = None
    run_name: str | None = None
    status: str = "running"  # published | unchanged | failed
    unchanged: bool = False  # inputs equal the published warehouse's; nothing rebuilt
    started_at: datetime | None = None
    finished_at: datetime | None = None
    message: str | None = None
    input_fingerprint: str | None = None
    ticket_rows_quarantined: int = 0

    @property
    def quarantined(self) -> list[FileOutcome]:
        return [f for f in self.reports + self.tickets if f.status == "quarantined"]

    def run_record(self) -> ops.RunRecord:
        return ops.RunRecord(
            run_id=self.run_id or "", run_name=self.run_name, started_at=self.started_at,
            finished_at=self.finished_at, status=self.status, published=self.status == "published",
            reports_loaded=sum(f.status != "quarantined" for f in self.reports),
            reports_quarantined=sum(f.status == "quarantined" for f in self.reports),
            tickets_loaded=sum(f.status == "loaded" for f in self.tickets),
            tickets_quarantined=sum(f.status != "loaded" for f in self.tickets),
            ticket_rows_quarantined=self.ticket_rows_quarantined,
            dbt_failures=len(self.dbt_failures),
            failed_tests=", ".join(f.split(":", 1)[0] for f in self.dbt_failures or self.dbt_failures_left_out)
            or None,
            message=self.message, input_fingerprint=self.input_fingerprint,
        )


class RefreshFailed(Exception):
    """The refresh ended without publishing; the message names the failing tests or the cause."""

    def __init__(self, message: str, summary: RefreshSummary | None = None):
        super().__init__(message)
        self.summary = summary

    def __reduce__(self):
        return (type(self), (str(self), self.summary))


class DbtRunError(RuntimeError):
    """dbt could not run at all (no nodes ran): a locked file or a passing I/O error may clear."""


list_files = ops.list_files  # one home (flows.ops), so the CLI can check inputs without loading Prefect


def make_task_runner(kind: str, workers: int, dask_address: str | None = None):
    """Threads on this machine by default; Dask when one machine is not enough (an existing
    cluster at `dask_address`, else a local cluster of `workers` single-threaded processes)."""
    if kind == "dask":
        from prefect_dask import DaskTaskRunner

        if dask_address:
            return DaskTaskRunner(address=dask_address)
        return DaskTaskRunner(cluster_kwargs={"n_workers": workers, "threads_per_worker": 1,
                                              "dashboard_address": None})
    if kind != "threads":
        raise ValueError(f"task runner must be 'threads' or 'dask', not {kind!r}")
    return ThreadPoolTaskRunner(max_workers=workers)


# --- reports --------------------------------------------------------------------------------

@dataclass
class ParseOutcome:
    """A parse result that pickles cleanly into the cache (DocumentError does not)."""

    report: ParsedReport | None
    error: str | None
    seconds: float


def parse_cache_key(context, parameters) -> str:
    path = Path(parameters["path"])
    name_digest = hashlib.sha256(path.name.encode()).hexdigest()[:12]
    return (f"parse-report-{ops.parser_version()}-{ops.file_sha256(path)}-{name_digest}"
            f"-{limits.DocumentLimits.from_settings().key()}")


def _retry_on_os_error(task, task_run, state) -> bool:
    try:
        state.result()
    except OSError:
        return True
    except Exception:
        return False
    return False


# Each document is parsed in its own child process under the size, time and memory limits of
# flows.limits (which also makes pdfium's lack of thread safety moot). Only OSError is retried.
@task(name="parse_report", task_run_name="parse {path.name}", cache_key_fn=parse_cache_key,
      persist_result=True, retries=2, retry_delay_seconds=2, retry_condition_fn=_retry_on_os_error)
def parse_report_task(path: Path) -> ParseOutcome:
    started = time.perf_counter()
    if path.suffix.lower() not in REPORT_SUFFIXES:
        return ParseOutcome(None, f"unsupported file type '{path.suffix}'; expected PDF, DOCX, TXT or MD", 0.0)
    try:
        report = limits.parse_document_limited(path)
        return ParseOutcome(report, None, time.perf_counter() - started)
    except (DocumentError, limits.LimitExceeded) as exc:
        return ParseOutcome(None, exc.reason, time.perf_counter() - started)
    except (OSError, limits.ParsingStopped):
        raise  # a file still being copied or a network share hiccup: worth a retry; a stopping refresh: not cached
    except Exception as exc:  # a reader bug must not stop the batch; the file is quarantined with the cause
        return ParseOutcome(None, f"could not be read ({type(exc).__name__}: {exc})", time.perf_counter() - started)


@flow(name="ingest_reports")
def ingest_reports(reports_dir: Path | None, build_path: Path, cache_dir: Path | None = None) -> list[FileOutcome]:
    logger = get_run_logger()
    paths = list_files(reports_dir)
    parse = parse_report_task.with_options(result_storage=Path(cache_dir)) if cache_dir else parse_report_task
    # Prefect raises SIGTERM as TerminationSignal in this thread: leaving this block then kills the
    # parse children, so the refresh unwinds instead of waiting for a parse that may never end.
    with limits.parse_children():
        futures = [parse.submit(p) for p in paths]
        outcomes = []
        con = duckdb.connect(str(build_path))
        try:
            ensure_raw_schema(con)
            for path, future in zip(paths, futures):
                result = future.result(raise_on_failure=False)
                if isinstance(result, BaseException):
                    result = ParseOutcome(None, f"could not be read after 3 attempts ({type(result).__name__}: {result})", 0.0)
                cached = future.state.name == "Cached"
                if result.report is None:
                    quarantine_document(con, path, result.error)
                    logger.warning("Quarantined %s: %s", path.name, result.error, extra={"file": path.name})
                    outcomes.append(FileOutcome(path.name, "quarantined", result.error))
                else:
                    report = result.report
                    load_report(con, report, path)
                    detail = f"{len(report.facts)} facts, {len(report.accounts)} account cells"
                    logger.info("Loaded %s: %s%s", path.name, detail, " (parse cached)" if cached else "",
                                extra={"file": path.name})
                    outcomes.append(FileOutcome(path.name, "loaded", detail, facts=len(report.facts),
                                                accounts=len(report.accounts), cached=cached, seconds=result.seconds))
        finally:
            con.close()
    return outcomes


# --- tickets --------------------------------------------------------------------------------

def ticket_outcome(file: str, status: str, message: str | None, rows_loaded: int, rows_quarantined: int) -> FileOutcome:
    ok = status in ("loaded", "partial", "unchanged")
    detail = f"{rows_loaded} rows loaded" + (f", {rows_quarantined} rows quarantined" if rows_quarantined else "")
    if message and (not ok or status == "unchanged"):
        detail = message
    elif message and "no dates" in message:  # a dateless snapshot: say so where the refresh is read
        detail += ": the export has no dates, so its tickets count in breakdowns but in no period"
    return FileOutcome(Path(file).name, "loaded" if ok else "quarantined", detail,
                       rows_quarantined=rows_quarantined or 0)


@flow(name="ingest_tickets")
def ingest_tickets(tickets_dir: Path | None, build_path: Path, leave_out: tuple[str, ...] = ()) -> list[FileOutcome]:
    """Load the ticket exports of tickets_dir, but those whose paths are in leave_out."""
    from flows.tickets.load import ensure_raw_tables, load_ticket_exports

    logger = get_run_logger()
    paths = [p for p in list_files(tickets_dir) if str(p) not in leave_out]
    con = duckdb.connect(str(build_path))
    outcomes = []
    try:
        ensure_raw_tables(con)
        if paths:
            result = load_ticket_exports(con, paths)
            for f in result.files:
                outcome = ticket_outcome(f.file, f.status, f.message, f.rows_loaded, f.rows_quarantined)
                outcomes.append(outcome)
                (logger.info if outcome.status == "loaded" else logger.warning)(
                    "%s: %s", outcome.file, outcome.detail, extra={"file": outcome.file})
    finally:
        con.close()
    return outcomes


# --- dbt and publish ------------------------------------------------------------------------

@task(name="dbt_build", retries=1, retry_delay_seconds=5)
def dbt_build_task(build_path: Path, target: str) -> DbtBuildResult:
    result = build_warehouse_models(build_path, target=target)
    if result.error and not result.nodes:
        raise DbtRunError(result.error)
    return result


@flow(name="build_models")
def build_models(build_path: Path, target: str = "duckdb") -> DbtBuildResult:
    logger = get_run_logger()
    try:
        result = dbt_build_task(build_path, target)
    except DbtRunError as exc:
        result = DbtBuildResult(success=False, error=str(exc))
    for node in result.failed_nodes:
        logger.error("dbt %s %s: %s", node.resource_type, node.name, node.message)
    if result.error:
        logger.error("dbt: %s", result.error)
    return result


@task(name="publish_warehouse", retries=2, retry_delay_seconds=2, retry_condition_fn=_retry_on_os_error)
def publish_task(build_path: Path, warehouse: Path) -> None:
    pub.publish(build_path, warehouse, required_tables=REQUIRED_TABLES)


def describe_dbt_failure(result: DbtBuildResult) -> str:
    tests = [n.name for n in result.failed_tests]
    others = [n.name for n in result.failed_nodes if n.name not in tests]
    parts = []
    if tests:
        parts.append(f"dbt tests failed: {', '.join(tests)}")
    if others:
        parts.append(f"dbt models failed: {', '.join(others)}")
    if result.error and not parts:
        parts.append(f"dbt could not run: {result.error}")
    return "; ".join(parts) or "dbt build failed"


def _record_dbt(summary: RefreshSummary, result: DbtBuildResult) -> None:
    summary.dbt_success = result.success
    summary.dbt_failures = [f"{n.name}: {n.message}" for n in result.failed_nodes]
    summary.dbt_error = result.error
    summary.dbt_tests_passed = sum(1 for n in result.nodes
                                   if n.resource_type in ("test", "unit_test") and n.status == "pass")


LEAVE_OUT_ROUNDS = 3  # builds after the first that may leave more files out


def _leave_out_failing_files(build_path: Path, result: DbtBuildResult, tickets_dir: Path,
                             earlier: failing.LeaveOut | None = None) -> failing.LeaveOut:
    """Trace the failing tests of `result` to their files and take those out of the build (flows.test_failures);
    returns what was left out, or why nothing was (the build is then unchanged). `earlier`: what earlier rounds
    left out (their exports stay out when the exports are loaded again)."""
    logger = get_run_logger()
    con = duckdb.connect(str(build_path))
    try:
        plan = failing.plan(con, result)
        if plan.refusal:
            logger.error("No file left out: %s", plan.refusal)
            return plan
        for source, reason in plan.files.items():
            logger.warning("Leaving out %s: %s", source.name, reason, extra={"file": source.name, "phase": "leave_out"})
        failing.leave_out_reports(con, plan.reports)
        if plan.exports:
            failing.clear_ticket_loads(con)
    finally:
        con.close()
    if plan.exports:  # loaded again without them: a newer export replaces an older one's tickets as it loads
        exports = {**(earlier.exports if earlier else {}), **plan.exports}
        ingest_tickets(tickets_dir, build_path, leave_out=tuple(f.path for f in exports))
        con = duckdb.connect(str(build_path))
        try:
            failing.record_left_out_exports(con, exports, ops.file_sha256)
        finally:
            con.close()
    return plan


def _mark_left_out(summary: RefreshSummary, plan: failing.LeaveOut) -> None:
    """The files left out of the published build are quarantined, each with its reason."""
    reasons = {(f.kind, f.name): reason for f, reason in plan.files.items()}
    for kind, outcomes in (("report", summary.reports), ("tickets", summary.tickets)):
        for outcome in outcomes:
            reason = reasons.get((kind, outcome.file))
            if reason is not None and outcome.status != "quarantined":
                outcome.status, outcome.detail = "quarantined", reason
                outcome.facts = outcome.accounts = None
                outcome.rows_quarantined = 0
    summary.ticket_rows_quarantined = sum(t.rows_quarantined for t in summary.tickets)


def describe_left_out(plan: failing.LeaveOut, failures: list[str]) -> str:
    tests = ", ".join(dict.fromkeys(f.split(":", 1)[0] for f in failures))
    files = ", ".join(f.name for f in plan.files)
    return (f"{len(plan.files)} file(s) left out because their rows failed dbt tests ({tests}): {files}; "
            "the rest of the batch was published")


def served_outcomes(warehouse: Path) -> tuple[list[FileOutcome], list[FileOutcome], int]:
    """Reports and ticket exports as the served warehouse holds them (for an unchanged run)."""
    reports, tickets, rows_quarantined = [], [], 0
    con = connect_readonly(warehouse)
    try:
        for name, facts, accounts in con.execute(
                "select file_name, fact_count, account_count from raw.documents order by file_name").fetchall():
            reports.append(FileOutcome(name, "loaded", f"{facts} facts, {accounts} account cells",
                                       facts=facts, accounts=accounts))
        mark_inconsistent(reports, inconsistent_documents(con))
        for name, reason in con.execute(
                "select file_name, reason from raw.document_quarantine order by file_name").fetchall():
            reports.append(FileOutcome(name, "quarantined", reason))
        if ops.has_table(con, "raw", "ticket_files"):
            for row in con.execute(
                    "select file, status, message, rows_loaded, rows_quarantined from raw.ticket_files "
                    "order by file").fetchall():
                tickets.append(ticket_outcome(*row))
            rows_quarantined = sum(t.rows_quarantined for t in tickets)
    finally:
        con.close()
    return reports, tickets, rows_quarantined


def inconsistent_documents(con) -> dict[str, str]:
    """file name -> why, for documents the build published as 'inconsistent' (dim_document)."""
    if not ops.has_table(con, "main", "dim_document"):
        return {}
    return dict(con.execute(
        "select file_name, reason from dim_document where status = 'inconsistent'").fetchall())


def mark_inconsistent(reports: list[FileOutcome], reasons: dict[str, str]) -> None:
    for outcome in reports:
        if outcome.status == "loaded" and outcome.file in reasons:
            outcome.status = "inconsistent"
            outcome.detail = f"{outcome.detail}; published, marked inconsistent: {reasons[outcome.file]}"


def _finish(summary: RefreshSummary, status: str, artifact_db: Path | None, dbt: DbtBuildResult | None) -> None:
    """Record the run in the journal and leave the artifacts; neither may fail the run."""
    from flows.artifacts import create_run_artifacts

    logger = get_run_logger()
    summary.status = status
    summary.finished_at = summary.finished_at or ops.utcnow()
    ops.append_journal(Path(summary.warehouse), summary.run_record())
    con = None
    try:
        if artifact_db is not None and artifact_db.exists():
            con = connect_readonly(artifact_db)
        create_run_artifacts(summary, con, dbt)
    except Exception as exc:
        logger.warning("Could not create the run's artifacts: %s: %s", type(exc).__name__, exc)
    finally:
        if con is not None:
            con.close()
    log = logger.info if status != "failed" else logger.error
    log("Refresh %s in %.1f s%s", status, (summary.finished_at - summary.started_at).total_seconds(),
        f": {summary.message}" if summary.message else "", extra={"phase": "finished", "status": status})


@flow(name="refresh")
def refresh(
    reports_dir: Path | None = None,
    tickets_dir: Path | None = None,
    warehouse: Path | None = None,
    workers: int | None = None,
    task_runner: str | None = None,
    dask_address: str | None = None,
    force: bool = False,
    aliases: Path | None = None,
) -> RefreshSummary:
    """Build the warehouse from the inbox and publish it. When dbt tests fail on rows that trace to some of the
    files, those files are left out (quarantined with the reason) and the rest is published if a rebuild passes;
    any other dbt failure fails the run, publishing nothing (flows.test_failures).
    `aliases` is the user alias file (flows.aliases; default Settings.aliases, missing = none)."""
    settings = ops.get_ops_settings()
    reports_dir = Path(reports_dir or settings.reports_dir)
    tickets_dir = Path(tickets_dir or settings.tickets_dir)
    aliases = Path(aliases or settings.aliases)
    warehouse = Path(warehouse or settings.warehouse)
    workers = workers or settings.workers
    cache_dir = settings.cache_dir or ops.default_cache_dir()
    run = FlowRunContext.get().flow_run
    summary = RefreshSummary(warehouse=str(warehouse), published=False, run_id=str(run.id),
                             run_name=run.name, started_at=ops.utcnow())

    with ops.json_run_log(ops.OpsPaths(warehouse).log_file, summary.run_id):
        logger = get_run_logger()
        limits.watch_for_termination()
        logger.info("Refresh of %s from %s and %s started", warehouse, reports_dir, tickets_dir,
                    extra={"phase": "start"})
        try:
            user_aliases = load_aliases(aliases)
        except AliasFileError as exc:  # the user's file: one sentence naming file, entry and field
            logger.error("Refresh not started: %s", exc, extra={"phase": "finished", "status": "failed"})
            return Failed(message=f"Refresh not started: {exc}")
        try:
            lock = ops.refresh_lock(warehouse)
            lock.__enter__()
        except ops.RefreshBusy as exc:
            # the losing one of two concurrent refreshes: a failed run with one sentence, no traceback
            logger.warning("Refresh not started: %s", exc, extra={"phase": "finished", "status": "busy"})
            return Failed(message=str(exc))
        with contextlib.ExitStack() as held:
            held.push(lock)
            removed = pub.remove_stale_builds(warehouse)
            if removed:
                logger.warning("Removed %d stale build file(s) left by an interrupted refresh", len(removed))
            report_files, ticket_files = list_files(reports_dir), list_files(tickets_dir)
            summary.input_fingerprint = ops.input_fingerprint(
                reports_dir, report_files, tickets_dir, ticket_files, settings.dbt_target, aliases_file=aliases)
            if not force and summary.input_fingerprint == ops.last_published_fingerprint(warehouse):
                summary.unchanged = True
                summary.reports, summary.tickets, summary.ticket_rows_quarantined = served_outcomes(warehouse)
                _finish(summary, "unchanged", warehouse, None)
                return summary
            return _build_and_publish(summary, warehouse, reports_dir, tickets_dir, cache_dir, settings.dbt_target,
                                      make_task_runner(task_runner or settings.task_runner, workers,
                                                       dask_address or settings.dask_address), user_aliases)


def _build_and_publish(summary: RefreshSummary, warehouse: Path, reports_dir: Path, tickets_dir: Path,
                       cache_dir: Path, dbt_target: str, task_runner,
                       user_aliases: AliasFile | None = None) -> RefreshSummary:
    build_path = pub.new_build_path(warehouse)
    try:
        return _build_then_publish_or_fail(summary, warehouse, build_path, reports_dir, tickets_dir, cache_dir,
                                           dbt_target, task_runner, user_aliases)
    finally:
        if not summary.published:
            pub.discard_build(build_path)


def _stop_if_terminated() -> None:
    if limits.termination_requested():
        raise TerminationSignal(signal.SIGTERM)


def _build_then_publish_or_fail(summary: RefreshSummary, warehouse: Path, build_path: Path, reports_dir: Path,
                                tickets_dir: Path, cache_dir: Path, dbt_target: str, task_runner,
                                user_aliases: AliasFile | None = None) -> RefreshSummary:
    logger = get_run_logger()
    dbt_result = None
    error: Exception | None = None
    try:
        logger.info("Parsing reports", extra={"phase": "ingest_reports"})
        summary.reports = ingest_reports.with_options(task_runner=task_runner)(reports_dir, build_path, cache_dir)
        _stop_if_terminated()  # a SIGTERM whose TerminationSignal Prefect's event-loop code swallowed
        logger.info("Loading ticket exports", extra={"phase": "ingest_tickets"})
        summary.tickets = ingest_tickets(tickets_dir, build_path)
        summary.ticket_rows_quarantined = sum(t.rows_quarantined for t in summary.tickets)
        con = duckdb.connect(str(build_path))
        try:
            load_user_aliases(con, user_aliases or AliasFile())
        finally:
            con.close()
        _stop_if_terminated()
        logger.info("Building and testing the dbt models", extra={"phase": "dbt"})
        dbt_result = build_models(build_path, target=dbt_target)
        _record_dbt(summary, dbt_result)
        left_out, first_failures, refusal = None, [], None
        rounds = 0
        # the build file holds the rows the tests failed on; a failure can hide another (dbt skips what a failed
        # model feeds), so the rebuild's failures are traced too, a few rounds at most
        while not dbt_result.success and dbt_target == "duckdb" and rounds < LEAVE_OUT_ROUNDS:
            rounds += 1
            _stop_if_terminated()
            plan = _leave_out_failing_files(build_path, dbt_result, tickets_dir, left_out)
            refusal = plan.refusal
            if not plan.files:
                break
            left_out = failing.LeaveOut(files={**(left_out.files if left_out else {}), **plan.files})
            first_failures = [*first_failures, *summary.dbt_failures]
            _stop_if_terminated()
            logger.info("Building and testing the dbt models again without the %d file(s) left out",
                        len(left_out.files), extra={"phase": "dbt"})
            dbt_result = build_models(build_path, target=dbt_target)
            _record_dbt(summary, dbt_result)
        if dbt_result.success:
            if left_out is not None:
                _mark_left_out(summary, left_out)
                summary.dbt_failures_left_out = first_failures
                summary.message = describe_left_out(left_out, first_failures)
            con = connect_readonly(build_path)
            try:
                mark_inconsistent(summary.reports, inconsistent_documents(con))
            finally:
                con.close()
            for outcome in summary.reports:
                if outcome.status == "inconsistent":
                    logger.warning("%s: %s", outcome.file, outcome.detail)
            _stop_if_terminated()
            logger.info("Publishing", extra={"phase": "publish"})
            summary.finished_at = ops.utcnow()
            record = summary.run_record()
            record.status, record.published = "published", True
            con = duckdb.connect(str(build_path))
            try:
                ops.write_run_log(con, [*reversed(ops.run_history(warehouse)), record])
            finally:
                con.close()
            publish_task(build_path, warehouse)
            summary.published = True
            logger.info("Published %s", warehouse)
        else:
            summary.message = describe_dbt_failure(dbt_result)
            if left_out is not None:
                summary.message += (f"; the build without {', '.join(f.name for f in left_out.files)} (left out for "
                                    f"failing {', '.join(f.split(':', 1)[0] for f in first_failures)}) failed too")
            if refusal:
                summary.message += f"; no {'further ' if left_out is not None else ''}file was left out: {refusal}"
    except (Exception, TerminationSignal) as exc:
        # a SIGTERM that lands inside a DuckDB query surfaces as DuckDB's "Query interrupted"
        if isinstance(exc, TerminationSignal) or limits.termination_requested():
            summary.message = "refresh stopped by SIGTERM; nothing was published"
            _finish(summary, "failed", build_path, dbt_result)  # the caller discards the build
            if isinstance(exc, TerminationSignal):
                raise
            raise TerminationSignal(signal.SIGTERM) from exc
        error = exc
        summary.message = f"refresh stopped: {type(exc).__name__}: {exc}"
    if summary.published:
        _finish(summary, "published", warehouse, dbt_result)
        return summary
    summary.finished_at = None
    summary.message += (f"; {warehouse} keeps serving the last good build" if warehouse.exists()
                        else "; no warehouse was published")
    _finish(summary, "failed", build_path, dbt_result)
    raise RefreshFailed(summary.message, summary) from error
