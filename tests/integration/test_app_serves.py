"""`kommunedata app` serves the Streamlit app over HTTP (what `make run` ends with), on 127.0.0.1 only
unless told otherwise, and leaves no server behind when it is stopped."""
from __future__ import annotations

import subprocess
import urllib.request

from tests.app.ui.serving import group_alive, serve_app


def _listening_addresses(pid: int, port: int) -> set[str]:
    out = subprocess.run(["ss", "-Hltnp"], capture_output=True, text=True, check=True).stdout
    return {line.split()[3].rsplit(":", 1)[0] for line in out.splitlines()
            if line.split()[3].endswith(f":{port}")}


def test_app_answers_http_200_on_localhost_only_and_stops_whole(sample_warehouse, tmp_path):
    with serve_app(sample_warehouse, tmp_path / "app.log") as (url, proc):
        with urllib.request.urlopen(f"{url}/", timeout=5) as r:
            assert r.status == 200
            assert b"<div id=\"root\">" in r.read()
        port = int(url.rsplit(":", 1)[1])
        assert _listening_addresses(proc.pid, port) == {"127.0.0.1"}
        pgid = proc.pid
    assert not group_alive(pgid), "a process of the app outlived its stop"


def test_address_opens_the_app_to_the_network(sample_warehouse, tmp_path):
    with serve_app(sample_warehouse, tmp_path / "app.log", args=("--address", "0.0.0.0")) as (url, proc):
        port = int(url.rsplit(":", 1)[1])
        assert _listening_addresses(proc.pid, port) == {"0.0.0.0"}
