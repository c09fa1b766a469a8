"""What a refresh leaves in Prefect's UI: markdown and table artifacts for every run.

The content is built by plain functions from the run summary and a read-only connection to
the warehouse the run produced (or the build it rejected); `create_run_artifacts` only hands
them to Prefect. Keys are stable, so the Artifacts page shows each one's history across runs.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import duckdb

from flows.ops import has_table

if TYPE_CHECKING:
    from flows.dbt import DbtBuildResult
    from flows.refresh import RefreshSummary

MAX_ROWS = 200


def md_cell(value) -> str:
    text = "" if value is None else str(value)
    return text.replace("|", "\\|").replace("\n", " ").strip()


def md_table(columns: list[str], rows: list[list]) -> str:
    if not rows:
        return "_none_\n"
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(md_cell(v) for v in r) + " |" for r in rows[:MAX_ROWS]]
    if len(rows) > MAX_ROWS:
        lines.append(f"\n… {len(rows) - MAX_ROWS} more rows not shown")
    return "\n".join(lines) + "\n"


def summary_markdown(summary: RefreshSummary) -> str:
    status_text = {
        "published": f"Published a new warehouse to `{summary.warehouse}`.",
        "unchanged": f"Nothing changed since the last build; `{summary.warehouse}` is current and was not rebuilt.",
        "failed": f"Nothing was published; `{summary.warehouse}` keeps serving the last good build.",
    }.get(summary.status, summary.status)
    loaded = [f for f in summary.reports if f.status != "quarantined"]
    inconsistent = sum(f.status == "inconsistent" for f in loaded)
    lines = [
        f"# Refresh {summary.status}",
        "",
        status_text,
        "",
        f"- run id: `{summary.run_id}`",
        f"- reports: {len(loaded)} loaded ({sum(f.cached for f in loaded)} from the parse cache, "
        f"{inconsistent} marked inconsistent), {len(summary.reports) - len(loaded)} quarantined",
        f"- ticket exports: {sum(f.status == 'loaded' for f in summary.tickets)} loaded, "
        f"{sum(f.status != 'loaded' for f in summary.tickets)} quarantined",
        f"- dbt: {summary.dbt_tests_passed} tests passed, {len(summary.dbt_failures)} failed",
    ]
    if summary.dbt_failures_left_out:  # the files and their reasons: the message, refresh-quarantine
        lines.append("- first build: " + ", ".join(md_cell(f.split(":", 1)[0]) for f in summary.dbt_failures_left_out)
                     + " failed; the files whose rows failed them were left out and the rest rebuilt")
    if summary.message:
        lines += ["", f"**{md_cell(summary.message)}**"]
    return "\n".join(lines) + "\n"


def document_rows(summary: RefreshSummary) -> list[dict]:
    rows = []
    for kind, outcomes in (("report", summary.reports), ("tickets", summary.tickets)):
        for f in outcomes:
            rows.append({
                "file": f.file, "kind": kind, "status": f.status,
                "facts": f.facts, "account_cells": f.accounts,
                "parse": "cached" if f.cached else (f"{f.seconds:.2f} s" if f.seconds is not None else ""),
                "detail": f.detail,
            })
    return rows


def quarantine_rows(summary: RefreshSummary, con: duckdb.DuckDBPyConnection | None) -> list[dict]:
    """Quarantined files, then quarantined ticket rows with the row number and the reason."""
    rows = [{"file": f.file, "row": None, "reason": f.detail}
            for f in summary.reports + summary.tickets if f.status == "quarantined"]
    if con is not None and has_table(con, "raw", "ticket_quarantine"):
        for file, row_number, reason in con.execute(
                "select file, row_number, reason from raw.ticket_quarantine "
                "where row_number is not null order by file, row_number").fetchall():
            rows.append({"file": file.rsplit("/", 1)[-1], "row": row_number, "reason": reason})
    return rows


def dbt_tests_markdown(dbt: DbtBuildResult | None, failures: list[str], left_out: list[str] | None = None) -> str:
    """The tests of the build that decided the run; left_out: the failures of a first build whose files were left
    out before it (flows.test_failures)."""
    if dbt is None:
        return "# dbt tests\n\ndbt did not run in this refresh.\n"
    tests = [n for n in dbt.nodes if n.resource_type in ("test", "unit_test")]
    failed = [n for n in tests if n.status in ("fail", "error")]
    other = [n for n in dbt.nodes if n.resource_type not in ("test", "unit_test") and n.status in ("fail", "error")]
    lines = [
        "# dbt tests", "",
        f"{len(tests) - len(failed)} of {len(tests)} tests passed."
        + (f" dbt error: {md_cell(dbt.error)}" if dbt.error else ""), "",
    ]
    if left_out:
        lines += ["## Failed in the first build; the files whose rows failed were left out", "",
                  md_table(["test", "message"], [[*f.split(": ", 1), ""][:2] for f in left_out])]
    if failed:
        lines += ["## Failing tests", "", md_table(["test", "status", "message"],
                                                     [[n.name, n.status, n.message] for n in failed])]
    if other:
        lines += ["## Failing models", "", md_table(["node", "type", "message"],
                                                    [[n.name, n.resource_type, n.message] for n in other])]
    lines += ["## All tests", "", md_table(["test", "status"], [[n.name, n.status] for n in tests])]
    return "\n".join(lines)


def reconciliation_markdown(con: duckdb.DuckDBPyConnection | None) -> str | None:
    """The rows of fct_reconciliation that do not reconcile, when the mart exists."""
    if con is None or not has_table(con, "main", "fct_reconciliation"):
        return None
    cur = con.execute("select * from main.fct_reconciliation")
    columns = [d[0] for d in cur.description]
    rows = cur.fetchall()
    diff_cols = [i for i, c in enumerate(columns) if "diff" in c.lower() or "avvik" in c.lower()]
    if diff_cols:
        rows = [r for r in rows if any(r[i] not in (None, 0, 0.0, False) for i in diff_cols)]
    return "# Reconciliation differences\n\n" + md_table(columns, [list(r) for r in rows])


def create_run_artifacts(summary: RefreshSummary, con: duckdb.DuckDBPyConnection | None,
                         dbt: DbtBuildResult | None) -> None:
    from prefect.artifacts import create_markdown_artifact, create_table_artifact

    create_markdown_artifact(summary_markdown(summary), key="refresh-summary",
                             description=f"Refresh {summary.status}")
    create_table_artifact(document_rows(summary), key="refresh-documents",
                          description="Documents and ticket exports: loaded or quarantined, facts per document")
    create_table_artifact(quarantine_rows(summary, con), key="refresh-quarantine",
                          description="Quarantined files and ticket rows with the reason")
    create_markdown_artifact(dbt_tests_markdown(dbt, summary.dbt_failures, summary.dbt_failures_left_out),
                             key="refresh-dbt-tests", description="dbt data test results")
    reconciliation = reconciliation_markdown(con)
    if reconciliation is not None:
        create_markdown_artifact(reconciliation, key="refresh-reconciliation",
                                 description="Differences between reported totals and their parts")
