"""Benchmark: the refresh flow on the bundled sample, and parallel parsing with 1 vs 2 workers.

    .venv/bin/python bench/refresh.py                 # sample refreshes + 50 generated reports
    .venv/bin/python bench/refresh.py --copies 20 --no-dask

Runs against a throwaway Prefect server (prefect_test_harness) with its own PREFECT_HOME and
parse cache, so nothing of yours is touched and the first refresh parses everything:
  full        refresh of data/sample/reports + data/sample/tickets into a new warehouse
  no change   the same refresh again: inputs equal the published warehouse's, nothing rebuilt
  one new     one report edited: the other reports come from the parse cache, dbt runs
and prints the time of each and full / no-change. Then the no-change refresh as a user runs it,
`kommunedata refresh` in a new process, wall time: without a Prefect server (Prefect starts its
temporary one) and with a running server (`prefect server start`, as `make run` has; its start-up
is not timed), and their ratio. An unchanged inbox is recognised before Prefect is loaded, so both
take about a second on an idle machine; a changed one runs the flow on the server. Then parses N
generated reports (copies of
the sample reports with a different byte appended, so every sha256 differs and nothing is
cached) through the parse task with 1 and 2 workers: threads (the default task runner) and a
local Dask cluster of single-threaded worker processes, next to a plain loop without Prefect
(the parser's own cost, so the task overhead shows). Server start-up is not timed.
Wall times depend on what else runs on the machine.
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_REPORTS = ROOT / "data" / "sample" / "reports"
SAMPLE_TICKETS = ROOT / "data" / "sample" / "tickets"


def make_copies(target: Path, copies: int) -> list[Path]:
    """`copies` reports cycling through the sample ones, each with different bytes."""
    target.mkdir(parents=True, exist_ok=True)
    samples = sorted(SAMPLE_REPORTS.iterdir())
    out = []
    for i in range(copies):
        src = samples[i % len(samples)]
        dst = target / f"{src.stem}-kopi{i:03d}{src.suffix}"
        if src.suffix == ".docx":  # a zip: add an unreferenced part, which Word and python-docx ignore
            with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
                for item in zin.infolist():
                    zout.writestr(item, zin.read(item.filename))
                zout.writestr("customXml/kopi.xml", f"<kopi nr='{i}'/>")
        elif src.suffix == ".pdf":  # bytes after %%EOF are ignored by PDF readers
            dst.write_bytes(src.read_bytes() + f"\n%kopi {i}\n".encode())
        else:
            dst.write_text(src.read_text(encoding="utf-8") + f"\n\nKopi {i}.\n", encoding="utf-8")
        out.append(dst)
    return out


def timed(fn, *args, **kwargs):
    started = time.perf_counter()
    result = fn(*args, **kwargs)
    return result, time.perf_counter() - started


def cli_refresh_times(inbox: Path, warehouse: Path, work: Path) -> None:
    """Wall time of `kommunedata refresh` with nothing changed: no server vs a running server."""
    import subprocess

    from flows.deploy import server_is_up
    from tests.app.ui.serving import free_port, stop_group

    def run_cli(env: dict) -> float:
        cmd = [sys.executable, "-m", "app.cli", "refresh", "--reports", str(inbox), "--tickets", str(SAMPLE_TICKETS),
               "--warehouse", str(warehouse)]
        started = time.perf_counter()
        done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
        seconds = time.perf_counter() - started
        assert done.returncode == 0 and "Nothing changed" in done.stderr, done.stderr[-2000:]
        return seconds

    base = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    no_server = run_cli(dict(base, KOMMUNEDATA_PREFECT_PORT=str(free_port())))
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port",
                               str(port)], env=dict(base, PREFECT_SERVER_DATABASE_CONNECTION_URL=
                                                    f"sqlite+aiosqlite:///{work / 'server.db'}"),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.time() + 240
        while not server_is_up(f"http://127.0.0.1:{port}/api", timeout=1):
            assert server.poll() is None and time.time() < deadline, "the Prefect server did not start"
            time.sleep(0.5)
        with_server = min(run_cli(dict(base, KOMMUNEDATA_PREFECT_PORT=str(port))) for _ in range(2))
    finally:
        stop_group(server)
    print(f"{'kommunedata refresh, no change, no server':<46} {no_server:7.2f} s", flush=True)
    print(f"{'kommunedata refresh, no change, running server':<46} {with_server:7.2f} s   "
          f"no server / running server = {no_server / with_server:.1f}x", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=50, help="generated reports to parse (default 50)")
    parser.add_argument("--no-dask", action="store_true", help="skip the Dask cluster measurements")
    parser.add_argument("--no-parse", action="store_true", help="skip the parse measurements (refresh figures only)")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="kommunedata-bench-"))
    os.environ.update({
        "PREFECT_HOME": str(work / "prefect"), "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "DO_NOT_TRACK": "1",
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false", "PREFECT_LOGGING_LEVEL": "WARNING",
        "KOMMUNEDATA_CACHE_DIR": str(work / "parse-cache"), "DASK_LOGGING__DISTRIBUTED": "warning",
    })
    sys.path.insert(0, str(ROOT))
    import dbt.cli.main  # noqa: F401  imported up front so the full refresh is not charged for it
    from prefect import flow
    from prefect.task_runners import ThreadPoolTaskRunner
    from prefect.testing.utilities import prefect_test_harness

    from flows import ops
    from flows.refresh import parse_report_task, refresh

    # The code is what it is for the whole bench; freeze its digest so edits made in the checkout
    # while the bench runs do not turn the no-change refresh into a rebuild.
    code, parser = ops.code_version(), ops.parser_version()
    ops.code_version, ops.parser_version = (lambda: code), (lambda: parser)

    @flow(name="bench_parse")
    def parse_all(paths: list[Path], cache_dir: Path) -> int:
        parse = parse_report_task.with_options(result_storage=cache_dir)
        futures = [parse.submit(p) for p in paths]
        return sum(f.result().report is not None for f in futures)

    def parse_time(paths: list[Path], runner, label: str) -> float:
        parsed, seconds = timed(parse_all.with_options(task_runner=runner), paths, work / f"cache-{label}")
        assert parsed == len(paths), f"{label}: only {parsed} of {len(paths)} reports parsed"
        return seconds

    inbox = work / "inbox"
    shutil.copytree(SAMPLE_REPORTS, inbox)
    warehouse = work / "warehouse.duckdb"
    try:
        with prefect_test_harness(server_startup_timeout=180):
            full, t_full = timed(refresh, reports_dir=inbox, tickets_dir=SAMPLE_TICKETS, warehouse=warehouse)
            assert full.published, full.message
            print(f"{'refresh: full (5 reports, 1 ticket export)':<46} {t_full:7.2f} s", flush=True)
            same, t_same = timed(refresh, reports_dir=inbox, tickets_dir=SAMPLE_TICKETS, warehouse=warehouse)
            assert same.unchanged, same.status
            print(f"{'refresh: no change':<46} {t_same:7.2f} s   full / no change = {t_full / t_same:.1f}x",
                  flush=True)
            edited = inbox / "okonomi-2020.md"
            edited.write_text(edited.read_text(encoding="utf-8") + "\n", encoding="utf-8")
            one, t_one = timed(refresh, reports_dir=inbox, tickets_dir=SAMPLE_TICKETS, warehouse=warehouse)
            assert one.published and sum(f.cached for f in one.reports) == len(one.reports) - 1
            print(f"{'refresh: one report edited (4 parses cached)':<46} {t_one:7.2f} s", flush=True)
            cli_refresh_times(inbox, warehouse, work)
            if args.no_parse:
                return 0

            copies = make_copies(work / "copies", args.copies)
            parse_time(copies[:5], ThreadPoolTaskRunner(max_workers=1), "warm-up")
            from flows.reports.parse import parse_document

            _, t0 = timed(lambda: [parse_document(p) for p in copies])
            print(f"{f'parse {len(copies)} reports, plain loop, no Prefect':<46} {t0:7.2f} s")
            t1 = parse_time(copies, ThreadPoolTaskRunner(max_workers=1), "threads-1")
            t2 = parse_time(copies, ThreadPoolTaskRunner(max_workers=2), "threads-2")
            print(f"{f'parse {len(copies)} reports, threads, 1 worker':<46} {t1:7.2f} s")
            print(f"{f'parse {len(copies)} reports, threads, 2 workers':<46} {t2:7.2f} s   speed-up {t1 / t2:.2f}x")
            if not args.no_dask:
                from distributed import LocalCluster
                from prefect_dask import DaskTaskRunner

                times = {}
                for n in (1, 2):
                    with LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                                      dashboard_address=None) as cluster:
                        runner = DaskTaskRunner(address=cluster.scheduler_address)
                        parse_time(copies[:2 * n], runner, f"dask-warm-{n}")  # imports in every worker
                        times[n] = parse_time(copies, runner, f"dask-{n}")
                print(f"{f'parse {len(copies)} reports, Dask, 1 worker process':<46} {times[1]:7.2f} s")
                print(f"{f'parse {len(copies)} reports, Dask, 2 worker processes':<46} {times[2]:7.2f} s   "
                      f"speed-up {times[1] / times[2]:.2f}x")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"({os.cpu_count()} CPUs)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
