"""A refresh publishes into the served warehouse path while the app answers questions: no errors,
no lock conflicts, and the new build is read once it is swapped in."""
from __future__ import annotations

import shutil
import threading
import time
import traceback

from app.engine import views
from app.engine.engine import ask
from tests.conftest import SAMPLE_ALIASES, SAMPLE_REPORTS, SAMPLE_TICKETS

QUESTIONS = ["sykefravær VR lønn 2020", "sykefravær trend for Stjørdal kommune",
             "saker per kvartal i Hedmark IKT 2021 mot snittet"]


class Reader(threading.Thread):
    """One app session: calls `work` in a loop and records every error and which file version it read."""

    def __init__(self, name, work):
        super().__init__(name=name, daemon=True)
        self.work, self.stop, self.errors, self.calls = work, threading.Event(), [], 0

    def run(self):
        while not self.stop.is_set():
            try:
                self.work()
                self.calls += 1
            except Exception:
                self.errors.append(traceback.format_exc())


def test_refresh_while_the_app_answers(prefect_harness, sample_warehouse, tmp_path):
    from flows.refresh import refresh

    served = tmp_path / "warehouse.duckdb"
    shutil.copy(sample_warehouse, served)
    first_version = views.warehouse_version(served)

    def answer():
        for q in QUESTIONS:
            result = ask(q, warehouse=served)
            if result["status"] != "ok" or not result["rows"]:
                raise AssertionError(f"{q!r} gave {result['status']}: {result['answer']}")

    def explore():
        unit = views.unit_overview(served, "vr-lonn-regnskap")
        assert not unit["staffing"].empty
        assert not views.helpdesk_overview(served)["weekly"].empty
        assert len(views.data_health(served)["documents"]) == 5

    readers = [Reader("chat", answer), Reader("explore", explore)]
    for r in readers:
        r.start()
    try:
        time.sleep(1)
        # force: the inputs equal the served copy's, and this test needs a real rebuild and swap
        summary = refresh(reports_dir=SAMPLE_REPORTS, tickets_dir=SAMPLE_TICKETS, warehouse=served, force=True,
                          aliases=SAMPLE_ALIASES)
        assert summary.published, summary
        published_version = views.warehouse_version(served)
        assert published_version != first_version
        calls_at_publish = {r.name: r.calls for r in readers}
        deadline = time.time() + 60
        while time.time() < deadline and any(r.calls < calls_at_publish[r.name] + 2 for r in readers):
            time.sleep(0.2)
    finally:
        for r in readers:
            r.stop.set()
        for r in readers:
            r.join(timeout=60)

    errors = {r.name: r.errors for r in readers if r.errors}
    assert not errors, "errors while the refresh ran: " + "; ".join(
        f"{name}: {len(errs)}× (first:\n{errs[0]})" for name, errs in errors.items())
    for r in readers:
        assert r.calls >= calls_at_publish[r.name] + 2, f"{r.name} did not read the published build"
    # no half-built file is left beside the served one
    assert [p.name for p in tmp_path.iterdir() if ".building-" in p.name] == []
