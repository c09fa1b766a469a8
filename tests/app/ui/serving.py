"""Start `kommunedata app` for a test and make sure nothing of it outlives the test.

The app runs in its own process group (start_new_session); stopping sends SIGINT to the group,
then SIGKILL to whatever is left, so a Streamlit server can never be orphaned by a test.
"""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from tests.conftest import ROOT


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


def stop_group(proc: subprocess.Popen, timeout: float = 20) -> None:
    for sig in (signal.SIGINT, signal.SIGKILL):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            break
        deadline = time.time() + timeout
        while time.time() < deadline and group_alive(proc.pid):
            proc.poll()
            time.sleep(0.1)
        if not group_alive(proc.pid):
            break
    proc.wait(timeout=timeout)


@contextmanager
def serve_app(warehouse: Path, log_path: Path, env: dict | None = None, args: tuple[str, ...] = (),
              timeout: float = 120, scripted: bool = False) -> Iterator[tuple[str, subprocess.Popen]]:
    """(base URL, process) of the app on a free port on 127.0.0.1, stopped with its whole group.
    `scripted`: through tests/app/ui/scripted_app.py (some answers from a script)."""
    port = free_port()
    env = dict(os.environ, **(env or {}), KOMMUNEDATA_WAREHOUSE=str(warehouse))  # read by settings at import
    log = log_path.open("w")
    cmd = ([sys.executable, str(Path(__file__).with_name("scripted_app.py")), str(port), str(warehouse)] if scripted
           else [sys.executable, "-m", "app.cli", "app", "--port", str(port), "--warehouse", str(warehouse), *args])
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True)
    try:
        deadline = time.time() + timeout
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.time() > deadline:
                raise AssertionError(f"the app did not come up within {timeout:.0f} s:\n" + log_path.read_text())
            time.sleep(0.5)
        yield f"http://127.0.0.1:{port}", proc
    finally:
        stop_group(proc)
        log.close()
