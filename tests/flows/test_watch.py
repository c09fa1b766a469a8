"""The inbox watcher: one run per new inbox state, never for a half-copied file or a mere touch."""
from __future__ import annotations

import os
import threading

from flows.deploy import InboxWatcher, watch_inbox


def _poll(watcher: InboxWatcher) -> bool:
    """One poll that, like the watch loop, records a successful trigger."""
    fingerprint = watcher.poll()
    if fingerprint:
        watcher.triggered(fingerprint)
    return bool(fingerprint)


def _watcher(tmp_path, **kwargs) -> InboxWatcher:
    (tmp_path / "reports").mkdir(exist_ok=True)
    (tmp_path / "tickets").mkdir(exist_ok=True)
    return InboxWatcher(tmp_path / "reports", tmp_path / "tickets", "duckdb", **kwargs)


def test_new_content_triggers_once_after_it_settles(tmp_path):
    watcher = _watcher(tmp_path)
    assert not _poll(watcher)  # first look: nothing to compare with yet
    assert _poll(watcher)  # an inbox never triggered before
    assert not _poll(watcher)

    report = tmp_path / "reports" / "arsrapport.pdf"
    report.write_bytes(b"%PDF-1.7 first half")
    assert not _poll(watcher)  # still being copied, as far as the watcher can tell
    with open(report, "ab") as fh:
        fh.write(b" second half")
    assert not _poll(watcher)
    assert _poll(watcher)
    assert not _poll(watcher)


def test_a_touch_without_new_content_does_not_trigger(tmp_path):
    watcher = _watcher(tmp_path)
    export = tmp_path / "tickets" / "topdesk.csv"
    export.write_text("id;created\n1;01.01.2021\n", encoding="utf-8")
    _poll(watcher), _poll(watcher)
    os.utime(export, ns=(1_000_000_000, 1_000_000_000))
    assert not _poll(watcher)
    assert not _poll(watcher)


def test_an_inbox_the_served_warehouse_was_built_from_does_not_trigger(tmp_path):
    seed = _watcher(tmp_path)
    (tmp_path / "reports" / "a.md").write_text("# Årsrapport\n", encoding="utf-8")
    watcher = _watcher(tmp_path, last_triggered=seed.fingerprint())
    assert not _poll(watcher) and not _poll(watcher)
    (tmp_path / "reports" / "a.md").unlink()
    assert not _poll(watcher)
    assert _poll(watcher)  # a removed file is a change too


def test_the_watch_loop_retries_a_trigger_that_failed(tmp_path):
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
    thread.join(timeout=10)
    stop.set()
    assert len(calls) == 2
    assert watcher.last_triggered == watcher.fingerprint()


def test_a_failed_trigger_is_retried_at_the_next_poll(tmp_path):
    watcher = _watcher(tmp_path)
    watcher.poll()
    fingerprint = watcher.poll()
    assert fingerprint  # the trigger failed: nothing recorded
    assert watcher.poll() == fingerprint
    watcher.triggered(fingerprint)
    assert watcher.poll() is None
