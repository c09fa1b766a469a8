"""`kommunedata up` (what `make run` runs): Prefect server + UI, first refresh, scheduled deployment with
the inbox watcher, the app; Ctrl-C stops every process it started. And the CLI's use of a running
server instead of a temporary one."""
from __future__ import annotations

import http.server
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.request

import psutil
import pytest

from flows.deploy import local_api_url, server_is_up, use_running_server
from tests.app.ui.serving import free_port
from tests.conftest import ROOT, SAMPLE_ALIASES, SAMPLE_REPORTS, SAMPLE_TICKETS


class _Health(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802
        body = b"true" if self.path == "/api/health" else b"no"
        self.send_response(200 if body == b"true" else 404)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def fake_prefect():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Health)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_address[1]
    server.shutdown()


def test_cli_uses_a_running_server_and_works_without_one(fake_prefect, monkeypatch):
    # set, then removed: monkeypatch records the value before the test, so the URL this test makes
    # use_running_server export does not outlive it
    monkeypatch.setenv("PREFECT_API_URL", "before")
    monkeypatch.delenv("PREFECT_API_URL")
    monkeypatch.setenv("KOMMUNEDATA_PREFECT_PORT", str(fake_prefect))
    assert use_running_server() == local_api_url(fake_prefect)
    assert os.environ["PREFECT_API_URL"] == f"http://127.0.0.1:{fake_prefect}/api"

    monkeypatch.delenv("PREFECT_API_URL")
    monkeypatch.setenv("KOMMUNEDATA_PREFECT_PORT", str(free_port()))  # nothing listens there
    assert use_running_server() is None
    assert "PREFECT_API_URL" not in os.environ  # Prefect starts its temporary server as before

    monkeypatch.setenv("PREFECT_API_URL", "http://prefect.example:4200/api")
    assert use_running_server() == "http://prefect.example:4200/api"  # an explicit choice wins


def test_a_web_server_that_is_not_prefect_is_not_taken_for_one(fake_prefect):
    assert server_is_up(local_api_url(fake_prefect))
    assert not server_is_up(f"http://127.0.0.1:{fake_prefect}/other")


def _wait_for(url: str, proc: subprocess.Popen, log, timeout: float = 400) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        assert proc.poll() is None, "kommunedata up exited early:\n" + log.read_text()
        time.sleep(1)
    raise AssertionError(f"{url} did not answer within {timeout:.0f} s:\n" + log.read_text())


def test_up_runs_the_platform_and_ctrl_c_stops_all_of_it(sample_warehouse, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    warehouse = data / "warehouse.duckdb"
    shutil.copy(sample_warehouse, warehouse)  # the first refresh finds nothing changed
    app_port, prefect_port = free_port(), free_port()
    env = dict(os.environ, PREFECT_HOME=str(tmp_path / "prefect-home"), KOMMUNEDATA_LLM_PROVIDER="none",
               KOMMUNEDATA_FEEDBACK_DB=str(tmp_path / "feedback.duckdb"))
    env.pop("PREFECT_API_URL", None)
    log = tmp_path / "up.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "app.cli", "up", "--reports", str(SAMPLE_REPORTS), "--tickets", str(SAMPLE_TICKETS),
             "--aliases", str(SAMPLE_ALIASES), "--warehouse", str(warehouse), "--port", str(app_port),
             "--prefect-port", str(prefect_port)],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        _wait_for(f"http://127.0.0.1:{app_port}/_stcore/health", proc, log)
        assert server_is_up(f"http://127.0.0.1:{prefect_port}/api")
        with urllib.request.urlopen(f"http://127.0.0.1:{prefect_port}/", timeout=10) as r:
            assert r.status == 200  # the Prefect UI
        assert (data / "prefect" / "prefect.db").is_file()  # its database under data/
        text = log.read_text()
        assert "Nothing changed since the last build" in text  # the first refresh ran against the server
        deadline = time.time() + 120
        while "kommunedata-refresh" not in log.read_text() and time.time() < deadline:
            time.sleep(1)
        assert "kommunedata-refresh" in log.read_text(), "the scheduled deployment was not served"
        started = [p for p in psutil.Process(proc.pid).children(recursive=True)]
        assert len(started) >= 3  # server, serve, app (and what they start)
    finally:
        os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C in the terminal sends
        try:
            code = proc.wait(timeout=120)
        finally:
            if proc.poll() is None:
                proc.kill()
    assert code == 0, log.read_text()
    alive = [p for p in started if p.is_running() and p.status() != psutil.STATUS_ZOMBIE]
    assert not alive, f"left running after Ctrl-C: {[(p.pid, p.cmdline()) for p in alive]}"
    assert not server_is_up(f"http://127.0.0.1:{prefect_port}/api")


def test_unchanged_refresh_is_answered_without_starting_prefect(sample_warehouse, tmp_path):
    from flows import ops

    warehouse = tmp_path / "warehouse.duckdb"
    shutil.copy(sample_warehouse, warehouse)
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    env["KOMMUNEDATA_PREFECT_PORT"] = str(free_port())  # no server anywhere
    done = subprocess.run([sys.executable, "-m", "app.cli", "refresh", "--reports", str(SAMPLE_REPORTS), "--tickets",
                           str(SAMPLE_TICKETS), "--aliases", str(SAMPLE_ALIASES), "--warehouse", str(warehouse)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "Nothing changed since the last build" in done.stderr
    assert "temporary server" not in done.stderr  # Prefect was never started
    assert ops.run_history(warehouse)[0].status == "unchanged"  # `kommunedata status` shows the run
    # anything new in the inbox goes through the flow
    inbox = tmp_path / "reports"
    shutil.copytree(SAMPLE_REPORTS, inbox)
    (inbox / "ny-rapport.txt").write_text("Årsrapport 2021\n", encoding="utf-8")
    from flows.deploy import unchanged_refresh

    assert unchanged_refresh(inbox, SAMPLE_TICKETS, warehouse, SAMPLE_ALIASES) is None
    assert unchanged_refresh(SAMPLE_REPORTS, SAMPLE_TICKETS, warehouse, SAMPLE_ALIASES) == warehouse
    assert unchanged_refresh(SAMPLE_REPORTS, SAMPLE_TICKETS, warehouse) is None  # the alias file is an input
