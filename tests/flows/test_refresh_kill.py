"""SIGKILL a `kommunedata refresh` at any point: the published warehouse is untouched and queryable,
and the next refresh cleans up and publishes."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from flows import ops
from flows.warehouse import connect_readonly
from tests.conftest import ROOT, SAMPLE_REPORTS, SAMPLE_TICKETS

HELD_BACK = "okonomi-2020.md"  # the first build lacks it, so the refreshes under test have work to do


@pytest.fixture(scope="module")
def served(prefect_harness, tmp_path_factory) -> tuple[Path, Path]:
    from flows.refresh import refresh

    first = tmp_path_factory.mktemp("first-inbox")
    for p in SAMPLE_REPORTS.iterdir():
        if p.name != HELD_BACK:
            shutil.copy(p, first / p.name)
    warehouse = tmp_path_factory.mktemp("served") / "warehouse.duckdb"
    assert refresh(reports_dir=first, tickets_dir=SAMPLE_TICKETS, warehouse=warehouse).published
    return warehouse, SAMPLE_REPORTS


def _start_refresh(warehouse: Path, reports: Path) -> subprocess.Popen:
    from prefect.settings import PREFECT_API_URL

    # Talk to the test session's Prefect server instead of starting an ephemeral one per process.
    env = {**os.environ, "PREFECT_API_URL": PREFECT_API_URL.value(), "COLUMNS": "200"}
    return subprocess.Popen(
        [sys.executable, "-m", "app.cli", "refresh", "--reports", str(reports), "--tickets", str(SAMPLE_TICKETS),
         "--warehouse", str(warehouse)],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def _wait_for_phase(log_file: Path, offset: int, phase: str, proc: subprocess.Popen, timeout: float = 300) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        if log_file.exists():
            with open(log_file, encoding="utf-8") as fh:
                fh.seek(offset)
                for line in fh:
                    if line.endswith("\n") and json.loads(line).get("phase") == phase:
                        return
        if proc.poll() is not None:
            pytest.fail(f"the refresh ended before phase {phase}: {proc.stdout.read()[-3000:]}")
        time.sleep(0.05)
    pytest.fail(f"phase {phase} not reached within {timeout} s")


@pytest.mark.parametrize("phase, delay", [
    (None, 2.0),  # still importing / starting the flow run
    ("start", 0.0),
    ("ingest_reports", 0.3),
    ("ingest_tickets", 0.1),
    ("dbt", 0.5),
    ("dbt", 4.0),
    ("publish", 0.0),  # the only point where the new build may already have been swapped in
])
def test_a_killed_refresh_leaves_the_served_warehouse_intact(served, phase, delay):
    warehouse, reports = served
    before = warehouse.read_bytes()
    log_file = ops.OpsPaths(warehouse).log_file
    offset = log_file.stat().st_size if log_file.exists() else 0

    proc = _start_refresh(warehouse, reports)
    try:
        if phase is not None:
            _wait_for_phase(log_file, offset, phase, proc)
        time.sleep(delay)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)

    con = connect_readonly(warehouse)
    try:
        documents = {name for (name,) in con.execute("select file_name from dim_document").fetchall()}
        runs = con.execute("select status from ops.run_log").fetchall()
    finally:
        con.close()
    if warehouse.read_bytes() != before:
        assert phase == "publish", "the served warehouse changed before the publish step"
        assert HELD_BACK in documents and ("published",) in runs
        warehouse.write_bytes(before)  # the next case starts from the first build again
    else:
        assert HELD_BACK not in documents
    assert ops.running_refresh(warehouse) is None  # the kernel released the dead process's lock


def test_the_refresh_after_the_kills_cleans_up_and_publishes(served):
    warehouse, reports = served
    proc = _start_refresh(warehouse, reports)
    output, _ = proc.communicate(timeout=600)
    assert proc.returncode == 0, output[-3000:]
    assert "Warehouse published" in output
    assert not list(warehouse.parent.glob(f".{warehouse.stem}.building-*"))
    con = connect_readonly(warehouse)
    try:
        documents = {name for (name,) in con.execute("select file_name from dim_document").fetchall()}
        last = con.execute("select status, published from ops.run_log order by started_at desc limit 1").fetchone()
    finally:
        con.close()
    assert documents == {p.name for p in reports.iterdir()}
    assert last == ("published", True)
