"""Prefect flows: refresh = ingest_reports + ingest_tickets + build_models, then an atomic publish.

The flows are a thin shell: parsing lives in flows.reports / flows.tickets, loading in
flows.warehouse, dbt in flows.dbt, the swap in flows.publish.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DO_NOT_TRACK", "1")

import duckdb
from prefect import flow, get_run_logger, task

from flows import publish as pub
from flows.dbt import DbtBuildResult, build_warehouse_models
from flows.reports.model import DocumentError, ParsedReport
from flows.warehouse import ensure_raw_schema, load_report, quarantine_document

REPORT_SUFFIXES = {".pdf", ".docx", ".txt", ".md"}
TICKET_SUFFIXES = {".csv", ".xlsx", ".json"}


@dataclass
class FileOutcome:
    file: str
    status: str  # loaded | quarantined
    detail: str


@dataclass
class RefreshSummary:
    warehouse: str
    published: bool
    reports: list[FileOutcome] = field(default_factory=list)
    tickets: list[FileOutcome] = field(default_factory=list)
    dbt_success: bool = False
    dbt_failures: list[str] = field(default_factory=list)
    dbt_error: str | None = None

    @property
    def quarantined(self) -> list[FileOutcome]:
        return [f for f in self.reports + self.tickets if f.status == "quarantined"]


def list_files(directory: Path | None) -> list[Path]:
    if directory is None or not Path(directory).exists():
        return []
    return sorted(p for p in Path(directory).rglob("*") if p.is_file() and not p.name.startswith("."))


@task(name="parse_report", retries=0, task_run_name="parse {path.name}")
def parse_report_task(path: Path) -> ParsedReport | DocumentError:
    from flows.reports.parse import parse_document

    if path.suffix.lower() not in REPORT_SUFFIXES:
        return DocumentError(path.name, f"unsupported file type '{path.suffix}'; expected PDF, DOCX, TXT or MD")
    try:
        return parse_document(path)
    except DocumentError as exc:
        return exc
    except Exception as exc:  # a reader bug must not stop the batch; the file is quarantined with the cause
        return DocumentError(path.name, f"could not be read ({type(exc).__name__}: {exc})")


@flow(name="ingest_reports")
def ingest_reports(reports_dir: Path | None, build_path: Path) -> list[FileOutcome]:
    logger = get_run_logger()
    paths = list_files(reports_dir)
    futures = [parse_report_task.submit(p) for p in paths]
    outcomes = []
    con = duckdb.connect(str(build_path))
    try:
        ensure_raw_schema(con)
        for path, future in zip(paths, futures):
            parsed = future.result()
            if isinstance(parsed, DocumentError):
                quarantine_document(con, path, parsed.reason)
                logger.warning("Quarantined %s: %s", path.name, parsed.reason)
                outcomes.append(FileOutcome(path.name, "quarantined", parsed.reason))
            else:
                load_report(con, parsed, path)
                detail = f"{len(parsed.facts)} facts, {len(parsed.accounts)} account cells"
                logger.info("Loaded %s: %s", path.name, detail)
                outcomes.append(FileOutcome(path.name, "loaded", detail))
    finally:
        con.close()
    return outcomes


@flow(name="ingest_tickets")
def ingest_tickets(tickets_dir: Path | None, build_path: Path) -> list[FileOutcome]:
    from flows.tickets.load import ensure_raw_tables, load_ticket_exports

    logger = get_run_logger()
    paths = list_files(tickets_dir)
    con = duckdb.connect(str(build_path))
    outcomes = []
    try:
        ensure_raw_tables(con)
        if paths:
            result = load_ticket_exports(con, paths)
            for f in result.files:
                status = "loaded" if f.status in ("loaded", "partial", "unchanged") else "quarantined"
                outcomes.append(FileOutcome(Path(f.file).name, status, f.message))
                (logger.info if status == "loaded" else logger.warning)("%s: %s", Path(f.file).name, f.message)
    finally:
        con.close()
    return outcomes


@flow(name="build_models")
def build_models(build_path: Path, target: str = "duckdb") -> DbtBuildResult:
    logger = get_run_logger()
    result = build_warehouse_models(build_path, target=target)
    for node in result.failed_nodes:
        logger.error("dbt %s %s: %s", node.resource_type, node.name, node.message)
    return result


@flow(name="refresh")
def refresh(
    reports_dir: Path | None = None,
    tickets_dir: Path | None = None,
    warehouse: Path | None = None,
) -> RefreshSummary:
    from flows.settings import get_settings

    settings = get_settings()
    reports_dir = Path(reports_dir or settings.reports_dir)
    tickets_dir = Path(tickets_dir or settings.tickets_dir)
    warehouse = Path(warehouse or settings.warehouse)
    logger = get_run_logger()

    pub.remove_stale_builds(warehouse)
    build_path = pub.new_build_path(warehouse)
    summary = RefreshSummary(warehouse=str(warehouse), published=False)
    try:
        summary.reports = ingest_reports(reports_dir, build_path)
        summary.tickets = ingest_tickets(tickets_dir, build_path)
        dbt_result = build_models(build_path, target=settings.dbt_target)
        summary.dbt_success = dbt_result.success
        summary.dbt_failures = [f"{n.name}: {n.message}" for n in dbt_result.failed_nodes]
        summary.dbt_error = dbt_result.error
        if dbt_result.success:
            pub.publish(build_path, warehouse)
            summary.published = True
            logger.info("Published %s", warehouse)
        else:
            logger.error("dbt build failed; %s keeps serving the last good build", warehouse)
    finally:
        if not summary.published:
            pub.discard_build(build_path)
    return summary
