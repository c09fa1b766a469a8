"""`kommunedata app` serves the Streamlit app over HTTP (what `make run` ends with)."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

from tests.conftest import ROOT


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_app_answers_http_200(sample_warehouse):
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "app.cli", "app", "--port", str(port),
                             "--warehouse", str(sample_warehouse)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=dict(os.environ))
    try:
        deadline = time.time() + 90
        status = None
        while time.time() < deadline and status != 200:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
                    status = r.status
            except OSError:
                time.sleep(0.5)
        assert status == 200, "the app did not answer on its health endpoint within 90 s"
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as r:
            assert r.status == 200
            assert b"<div id=\"root\">" in r.read()
    finally:
        proc.terminate()
        proc.wait(timeout=20)
