"""`kommunedata` command line: refresh, ask, app (see shared/docs/contract.md)."""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.table import Table

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "180")

cli = typer.Typer(help="kommunedata: annual reports and helpdesk exports in, answers out.", no_args_is_help=True,
                  add_completion=False)
console = Console(stderr=True)


@cli.command()
def refresh(
    reports: Optional[Path] = typer.Option(None, help="Folder of report documents (PDF, DOCX, TXT, MD)."),
    tickets: Optional[Path] = typer.Option(None, help="Folder of ticket exports (CSV, XLSX, JSON)."),
    warehouse: Optional[Path] = typer.Option(None, help="Warehouse file (env KOMMUNEDATA_WAREHOUSE)."),
    workers: Optional[int] = typer.Option(None, min=1, help="Reports parsed at a time (env KOMMUNEDATA_WORKERS)."),
    force: bool = typer.Option(False, "--force", help="Rebuild even when nothing changed since the last build."),
    aliases: Optional[Path] = typer.Option(None, help="User alias file: organisation and unit names, ticket "
                                                      "providers (env KOMMUNEDATA_ALIASES, default data/aliases.yaml)."),
) -> None:
    """Ingest reports and ticket exports, build and test the dbt models, publish the warehouse."""
    from rich.markup import escape

    from flows.deploy import unchanged_refresh, use_running_server
    from flows.ops import get_ops_settings, running_refresh

    holder = running_refresh(Path(warehouse or get_ops_settings().warehouse))
    if holder is not None:
        console.print(f"[yellow]Another refresh of this warehouse is running ({holder}); "
                      "try again when it has finished.[/yellow]")
        raise typer.Exit(1)
    current = None if force else unchanged_refresh(reports, tickets, warehouse, aliases)
    if current is not None:
        console.print(f"[green]Nothing changed since the last build; {current} is current (--force rebuilds).[/green]")
        return
    use_running_server()  # before Prefect loads: a running server saves the temporary one's start-up
    from flows.refresh import RefreshFailed
    from flows.refresh import refresh as refresh_flow

    state = refresh_flow(reports_dir=reports, tickets_dir=tickets, warehouse=warehouse, workers=workers,
                         force=force, aliases=aliases, return_state=True)
    outcome = state.result(raise_on_failure=False)
    if outcome is None or isinstance(outcome, BaseException):  # None: a run that did not start (state.message)
        summary = outcome.summary if isinstance(outcome, RefreshFailed) else None
        if summary is None:
            console.print(f"[red]Refresh failed: {escape(str(outcome if outcome is not None else state.message))}[/red]")
            console.print("[red]Nothing was published; the warehouse is unchanged.[/red]")
            raise typer.Exit(1)
    else:
        summary = outcome
    table = Table(title="Refresh")
    for col in ("file", "status", "detail"):
        table.add_column(col)
    for f in summary.reports + summary.tickets:
        table.add_row(f.file, f.status, f.detail)
    console.print(table)
    for failure in summary.dbt_failures:
        console.print(f"[red]dbt: {failure}[/red]")
    if summary.dbt_error:
        console.print(f"[red]dbt: {summary.dbt_error}[/red]")
    if summary.published and summary.dbt_failures_left_out:  # files whose rows failed dbt tests were left out
        console.print(f"[yellow]{escape(summary.message or '')}[/yellow]")
    if summary.published:
        console.print(f"[green]Warehouse published: {summary.warehouse}[/green]"
                      + (f" ({len(summary.quarantined)} file(s) quarantined)" if summary.quarantined else ""))
    elif summary.unchanged:
        console.print(f"[green]Nothing changed since the last build; {summary.warehouse} is current "
                      "(--force rebuilds).[/green]")
    else:
        console.print(f"[red]Nothing was published; {summary.warehouse} is unchanged.[/red]")
        raise typer.Exit(1)


@cli.command()
def serve(
    cron: Optional[str] = typer.Option(None, help="When to refresh (env KOMMUNEDATA_REFRESH_CRON, default 0 2 * * *)."),
    timezone: Optional[str] = typer.Option(None, help="Time zone of the cron (env KOMMUNEDATA_REFRESH_TIMEZONE, "
                                                      "default Europe/Oslo)."),
    watch: Optional[float] = typer.Option(None, help="Seconds between inbox checks; 0 turns the watcher off "
                                                     "(env KOMMUNEDATA_WATCH_SECONDS, default 60)."),
    reports: Optional[Path] = typer.Option(None, help="Folder of report documents."),
    tickets: Optional[Path] = typer.Option(None, help="Folder of ticket exports."),
    warehouse: Optional[Path] = typer.Option(None, help="Warehouse file (env KOMMUNEDATA_WAREHOUSE)."),
    workers: Optional[int] = typer.Option(None, min=1, help="Reports parsed at a time (env KOMMUNEDATA_WORKERS)."),
) -> None:
    """Run the refresh on a schedule (Prefect deployment) and when new files land in the inbox."""
    from flows.deploy import serve as serve_deployment
    from flows.deploy import use_running_server

    use_running_server()
    from flows.ops import get_ops_settings

    settings = get_ops_settings()
    serve_deployment(
        cron=cron or settings.refresh_cron, timezone=timezone or settings.refresh_timezone,
        reports_dir=reports or settings.reports_dir, tickets_dir=tickets or settings.tickets_dir,
        warehouse=warehouse or settings.warehouse, workers=workers,
        watch_seconds=settings.watch_seconds if watch is None else watch, dbt_target=settings.dbt_target)


@cli.command()
def status(
    warehouse: Optional[Path] = typer.Option(None, help="Warehouse file (env KOMMUNEDATA_WAREHOUSE)."),
    limit: int = typer.Option(10, min=1, help="How many runs to show."),
) -> None:
    """Show the last refresh runs and how fresh the warehouse is."""
    from flows.ops import get_ops_settings, run_history, running_refresh, warehouse_freshness

    warehouse = Path(warehouse or get_ops_settings().warehouse)
    out = Console()
    fresh = warehouse_freshness(warehouse)
    if fresh is None:
        out.print(f"[red]{warehouse} does not exist yet; run `kommunedata refresh`.[/red]")
    else:
        out.print(f"Warehouse: {warehouse}")
        out.print(f"  published (file modified): {fresh.modified:%Y-%m-%d %H:%M:%S} UTC")
        out.print("  newest document loaded:    "
                  + (f"{fresh.newest_loaded_at:%Y-%m-%d %H:%M:%S} UTC" if fresh.newest_loaded_at else "none"))
        out.print(f"  documents: {fresh.documents} loaded, {fresh.quarantined} quarantined")
    holder = running_refresh(warehouse)
    if holder:
        out.print(f"[yellow]A refresh is running now ({holder}).[/yellow]")
    runs = run_history(warehouse)[:limit]
    table = Table(title="Last refresh runs (UTC)")
    for col in ("started", "finished", "status", "published", "reports", "tickets", "dbt failures", "run id",
                "message"):
        table.add_column(col)
    for r in runs:
        table.add_row(
            f"{r.started_at:%Y-%m-%d %H:%M:%S}", f"{r.finished_at:%H:%M:%S}" if r.finished_at else "",
            r.status, "yes" if r.published else "no",
            f"{r.reports_loaded} ok / {r.reports_quarantined} q", f"{r.tickets_loaded} ok / {r.tickets_quarantined} q",
            str(r.dbt_failures), r.run_id, r.message or "")
    out.print(table if runs else "No refresh runs recorded yet.")


@cli.command()
def ask(
    question: Optional[str] = typer.Argument(None, help="The question, in Norwegian or English."),
    file: Optional[Path] = typer.Option(None, "--file", help="One question per line; one JSON object per line out."),
    warehouse: Optional[Path] = typer.Option(None, help="Warehouse file (env KOMMUNEDATA_WAREHOUSE)."),
    engine: str = typer.Option("auto", help="auto | planner | llm | llm-plan (the LLM fills the planner's plan)"),
    as_json: bool = typer.Option(False, "--json", help="Print the answer JSON."),
    context: Optional[Path] = typer.Option(None, "--context",
                                           help="The previous answer JSON: the question is a follow-up to it."),
) -> None:
    """Answer a question from the governed marts."""
    from app.engine.engine import ask as ask_engine

    if engine not in ("auto", "planner", "llm", "llm-plan"):
        raise typer.BadParameter("engine must be auto, planner, llm or llm-plan")
    if (question is None) == (file is None):
        raise typer.BadParameter("give either a QUESTION or --file")
    questions = [question] if file is None else [
        line.strip() for line in file.read_text(encoding="utf-8").splitlines() if line.strip()]
    previous = None
    if context is not None:
        try:
            previous = json.loads(context.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise typer.BadParameter(f"{context}: expected the answer JSON of an earlier 'ask --json' ({exc})")
        if not isinstance(previous, dict) or "question" not in previous:
            raise typer.BadParameter(f"{context}: expected an answer JSON object with a 'question' field")
    errors = 0
    for q in questions:
        result = ask_engine(q, warehouse=warehouse, engine=engine, context=previous)
        errors += result["status"] == "error"
        if as_json or file is not None:
            sys.stdout.write(json.dumps(result, ensure_ascii=False, default=str) + "\n")
        else:
            _print_answer(result)
    if errors:  # 0 = answered, honestly unanswerable or asking back; 1 = the engine could not do its job
        raise typer.Exit(1)


@cli.command("eval")
def eval_bank(
    questions: Path = typer.Argument(..., help="Question bank: a YAML file or a folder of them (tests/questions)."),
    warehouse: Optional[list[str]] = typer.Option(
        None, help="Warehouse file for every question, or NAME=FILE for the questions of one warehouse name "
                   "(e.g. sample=/tmp/sample.duckdb; repeatable)."),
    engine: str = typer.Option("planner", help="auto | planner | llm"),
    only: Optional[str] = typer.Option(None, help="Only the questions of this warehouse name."),
    as_json: bool = typer.Option(False, "--json", help="Print the summary and every outcome as JSON."),
    min_accuracy: Optional[float] = typer.Option(None, help="Exit 1 when overall accuracy (percent) is below this."),
) -> None:
    """Execution accuracy over a question bank, per question family."""
    from app.engine.evaluate import engine_ask, format_table, load_bank, resolve_warehouses, run_bank, summarize

    if engine not in ("auto", "planner", "llm", "llm-plan"):
        raise typer.BadParameter("engine must be auto, planner, llm or llm-plan")
    bank = load_bank(questions)
    if only:
        bank = [q for q in bank if q.warehouse == only]
    warehouses = resolve_warehouses(warehouse, bank)
    missing = [str(p) for p in warehouses.values() if not Path(p).exists()]
    if missing:
        console.print(f"[red]Warehouse not found: {', '.join(missing)}[/red]")
        raise typer.Exit(2)
    outcomes = run_bank(bank, warehouses, ask=engine_ask(engine))
    summary = summarize(outcomes)
    if as_json:
        summary["outcomes"] = [{"question": o.item.question, "warehouse": o.item.warehouse, "family": o.item.family,
                                "lang": o.item.lang, "passed": o.passed, "status": o.status, "reason": o.reason,
                                "elapsed_ms": o.elapsed_ms} for o in outcomes]
        sys.stdout.write(json.dumps(summary, ensure_ascii=False, default=str) + "\n")
    else:
        typer.echo(format_table(summary))
    if min_accuracy is not None and summary["accuracy"] < min_accuracy:
        raise typer.Exit(1)


def _print_answer(result: dict) -> None:
    import pandas as pd

    from app.engine.answer import detect_language
    from app.engine.format import format_number
    from app.ui.formatting import PLAIN_INT_COLUMNS, column_decimals

    lang = result.get("lang") or detect_language(result.get("question") or "")
    out = Console()
    out.print(f"[bold]{result['answer']}[/bold]")
    if result["rows"]:
        table = Table()
        frame = pd.DataFrame(result["rows"][:50], columns=result["columns"])
        decimals = {c: column_decimals(frame[c]) for c in frame.columns if pd.api.types.is_numeric_dtype(frame[c])}
        for c in result["columns"]:
            table.add_column(str(c), justify="right" if c in decimals else "left")
        for r in result["rows"][:50]:
            # the app's one formatter: 1 234 567,8 and a real minus sign; years are not grouped
            table.add_row(*[format_number(v, decimals.get(c, 0), lang, group=c not in PLAIN_INT_COLUMNS)
                            if c in decimals else ("–" if v is None else str(v))
                            for c, v in zip(result["columns"], r)])
        out.print(table)
    for s in result["sources"][:5]:
        where = f"Source: {s['document']} p. {s['page']}" if lang == "en" else f"Kilde: {s['document']} s. {s['page']}"
        out.print(f"[dim]{where}: {s['excerpt']}[/dim]")
    if result["sql"]:
        out.print(f"[dim]{result['engine']} SQL:\n{result['sql']}[/dim]")


@cli.command("sample-tickets")
def sample_tickets(
    out_dir: Path = typer.Argument(..., help="Folder to write the exports into."),
    seed: int = typer.Option(2021, help="Random seed; the same seed writes the same files."),
    formats: Optional[list[str]] = typer.Option(None, "--format",
                                                help="canonical, topdesk, servicenow, zendesk, jira (repeatable)."),
    quarter: Optional[list[str]] = typer.Option(None, help="Only tickets created in YEAR-Qn, e.g. 2021-Q3 (repeatable)."),
) -> None:
    """Write realistic helpdesk exports in each preset's format (the helpdesk: data/sample/sources/tickets.yaml)."""
    from flows.samples.tickets import SAMPLE_FORMATS, write_sample_exports

    quarters = None
    if quarter:
        try:
            quarters = [(int(q.split("-Q")[0]), int(q.split("-Q")[1])) for q in quarter]
        except (IndexError, ValueError):
            raise typer.BadParameter("quarters are written YEAR-Qn, e.g. 2021-Q3")
    paths = write_sample_exports(out_dir, seed=seed, formats=formats or SAMPLE_FORMATS, quarters=quarters)
    for p in paths:
        console.print(f"wrote {p}")


@cli.command()
def app(
    port: int = typer.Option(8501, help="Port to serve on."),
    address: str = typer.Option("127.0.0.1", help="Address to listen on; 0.0.0.0 opens the app to the network "
                                                 "(put a login in front: --auth-header)."),
    warehouse: Optional[Path] = typer.Option(None, help="Warehouse file (env KOMMUNEDATA_WAREHOUSE)."),
    auth_header: Optional[str] = typer.Option(
        None, help="Require this request header, set by a reverse proxy after its login (e.g. X-Forwarded-User); "
                   "its value is the signed-in user (env KOMMUNEDATA_AUTH_HEADER)."),
) -> None:
    """Start the Streamlit app (this process becomes the server: stopping it stops the app)."""
    env = dict(os.environ)
    if warehouse:
        env["KOMMUNEDATA_WAREHOUSE"] = str(warehouse)
    if auth_header:
        env["KOMMUNEDATA_AUTH_HEADER"] = auth_header
    entry = Path(__file__).parent / "ui" / "main.py"
    cmd = [sys.executable, "-m", "streamlit", "run", str(entry), "--server.port", str(port),
           "--server.address", address, "--server.headless", "true", "--browser.gatherUsageStats", "false",
           "--client.toolbarMode", "viewer", "--theme.primaryColor", "#1f5fa8"]
    if "STREAMLIT_BROWSER_SERVER_ADDRESS" not in env:
        # a named address stops Streamlit from asking an outside service for the external IP
        cmd += ["--browser.serverAddress", "localhost"]
    sys.stdout.flush()
    sys.stderr.flush()
    # exec, not a child: a supervisor's SIGTERM reaches Streamlit itself, and nothing is orphaned
    os.execve(sys.executable, cmd, env)


@cli.command()
def up(
    reports: Path = typer.Option(Path("data/sample/reports"), help="Folder of report documents."),
    tickets: Path = typer.Option(Path("data/sample/tickets"), help="Folder of ticket exports."),
    warehouse: Optional[Path] = typer.Option(None, help="Warehouse file (env KOMMUNEDATA_WAREHOUSE)."),
    port: int = typer.Option(8501, help="Port of the app."),
    address: str = typer.Option("127.0.0.1", help="Address the app listens on."),
    prefect_port: int = typer.Option(4200, help="Port of the Prefect server and its UI."),
    aliases: Optional[Path] = typer.Option(None, help="User alias file (env KOMMUNEDATA_ALIASES, default "
                                                      "data/aliases.yaml)."),
) -> None:
    """The whole platform until Ctrl-C: Prefect server + UI, a first refresh, the scheduled refresh with
    the inbox watcher, and the app."""
    from flows.deploy import Platform
    from flows.settings import get_settings

    if aliases is not None:  # every refresh of the platform (first, scheduled, watcher) reads this file
        os.environ["KOMMUNEDATA_ALIASES"] = str(Path(aliases).resolve())
        get_settings.cache_clear()

    warehouse = Path(warehouse or get_settings().warehouse)
    platform = Platform(reports_dir=reports, tickets_dir=tickets, warehouse=warehouse,
                        data_dir=warehouse.resolve().parent, server_port=prefect_port, app_port=port,
                        app_address=address, say=lambda text: console.print(text, highlight=False))
    try:
        code = platform.run()
    except RuntimeError as exc:
        console.print(f"[red]{exc}[/red]")
        raise typer.Exit(1)
    raise typer.Exit(code)


def main() -> None:
    cli()


if __name__ == "__main__":
    main()
