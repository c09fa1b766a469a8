"""The inbox watcher: one run per new inbox state, never for a half-copied file or a mere touch."""
from __future__ import annotations

import os
import threading

from flows.deploy import InboxWatcher, watch_inbox


def _watcher(tmp_path, **kwargs) -> InboxWatcher:
    (tmp_path / "reports").mkdir(exist_ok=True)
    (tmp_path / "tickets").mkdir(exist_ok=True)
    return InboxWatcher(tmp_path / "reports", tmp_path / "tickets", "duckdb", **kwargs)


def test_new_content_triggers_once_after_it_settles(tmp_path):
    watcher = _watcher(tmp_path)
    assert not watcher.poll()  # first look: nothing to compare with yet
    assert watcher.poll()  # an inbox never triggered before
    assert not watcher.poll()

    report = tmp_path / "reports" / "arsrapport.pdf"
    report.write_bytes(b"%PDF-1.7 first half")
    assert not watcher.poll()  # still being copied, as far as the watcher can tell
    with open(report, "ab") as fh:
        fh.write(b" second half")
    assert not watcher.poll()
    assert watcher.poll()
    assert not watcher.poll()


def test_a_touch_without_new_content_does_not_trigger(tmp_path):
    watcher = _watcher(tmp_path)
    export = tmp_path / "tickets" / "topdesk.csv"
    export.write_text("id;created\n1;01.01.2021\n", encoding="utf-8")
    watcher.poll(), watcher.poll()
    os.utime(export, ns=(1_000_000_000, 1_000_000_000))
    assert not watcher.poll()
    assert not watcher.poll()


def test_an_inbox_the_served_warehouse_was_built_from_does_not_trigger(tmp_path):
    seed = _watcher(tmp_path)
    (tmp_path / "reports" / "a.md").write_text("# Årsrapport\n", encoding="utf-8")
    watcher = _watcher(tmp_path, last_triggered=seed.fingerprint())
    assert not watcher.poll() and not watcher.poll()
    (tmp_path / "reports" / "a.md").unlink()
    assert not watcher.poll()
    assert watcher.poll()  # a removed file is a change too


def test_the_watch_loop_triggers_and_survives_a_failing_trigger(tmp_path):
    watcher = _watcher(tmp_path)
    stop = threading.Event()
    calls = []

    def trigger():
        calls.append(1)
        if len(calls) == 1:
            raise ConnectionError("Prefect API unreachable")
        stop.set()

    thread = threading.Thread(target=watch_inbox, args=(watcher, 0.01, stop, trigger))
    thread.start()
    try:
        import time

        deadline = time.time() + 10
        while not calls and time.time() < deadline:
            time.sleep(0.01)
        (tmp_path / "reports" / "b.md").write_text("# Ny\n", encoding="utf-8")
        thread.join(timeout=10)
    finally:
        stop.set()
    assert len(calls) == 2
