"""The deployed refresh: a cron schedule through Prefect's serve machinery, plus an inbox watcher.

`kommunedata serve` registers the `refresh` flow as the deployment `refresh/kommunedata-refresh`
(cron in Europe/Oslo, at most one run at a time) and serves it from this process. The watcher
polls the inbox and asks Prefect for a run of the same deployment when the inbox's content
stops changing and differs from what the last triggered run (or the served warehouse) saw, so
the run shows in the UI like a scheduled one. It is polling, not inotify, because inboxes are
often network shares where change notifications do not arrive.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from flows import ops

FLOW_NAME = "refresh"
DEPLOYMENT_NAME = "kommunedata-refresh"


def refresh_deployment(*, cron: str, timezone: str, reports_dir: Path | None = None,
                       tickets_dir: Path | None = None, warehouse: Path | None = None,
                       workers: int | None = None):
    """The `refresh` flow as a RunnerDeployment with a cron schedule (not yet registered)."""
    from prefect.schedules import Cron

    from flows.refresh import refresh

    parameters: dict = {k: str(Path(v).resolve()) for k, v in
                        (("reports_dir", reports_dir), ("tickets_dir", tickets_dir), ("warehouse", warehouse))
                        if v is not None}
    if workers:
        parameters["workers"] = workers
    return refresh.to_deployment(
        name=DEPLOYMENT_NAME,
        schedules=[Cron(cron, timezone=timezone)],
        parameters=parameters,
        concurrency_limit=1,
        description="Rebuild the kommunedata warehouse from the inbox and publish it atomically.",
        tags=["kommunedata"],
    )


@dataclass
class InboxWatcher:
    """Decides when new inbox content should start a refresh.

    `poll()` is True once per new inbox state: the file list (name, size, mtime) must be the
    same at two polls in a row, so a file still being copied does not start a run, and the
    content fingerprint must differ from the last one triggered. Start it with the served
    warehouse's fingerprint to catch files that arrived while nothing was watching.
    """

    reports_dir: Path
    tickets_dir: Path
    dbt_target: str
    last_triggered: str | None = None
    _previous: tuple | None = field(default=None, repr=False)

    def _listing(self) -> tuple:
        from flows.refresh import list_files

        rows = []
        for p in list_files(self.reports_dir) + list_files(self.tickets_dir):
            st = p.stat()
            rows.append((str(p), st.st_size, st.st_mtime_ns))
        return tuple(rows)

    def fingerprint(self) -> str:
        from flows.refresh import list_files

        return ops.input_fingerprint(self.reports_dir, list_files(self.reports_dir),
                                     self.tickets_dir, list_files(self.tickets_dir), self.dbt_target)

    def poll(self) -> bool:
        listing = self._listing()
        settled = listing == self._previous
        self._previous = listing
        if not settled:
            return False
        current = self.fingerprint()
        if current == self.last_triggered:
            return False
        self.last_triggered = current
        return True


def trigger_deployment_run() -> None:
    from prefect.deployments import run_deployment

    run_deployment(f"{FLOW_NAME}/{DEPLOYMENT_NAME}", timeout=0, as_subflow=False, tags=["inbox-change"])


def watch_inbox(watcher: InboxWatcher, interval: float, stop: threading.Event,
                trigger: Callable[[], None] = trigger_deployment_run) -> None:
    from prefect.logging import get_logger

    logger = get_logger("kommunedata.watch")
    while not stop.wait(interval):
        try:
            if watcher.poll():
                logger.info("New content in the inbox; starting a refresh")
                trigger()
        except Exception:  # a share that is briefly unreachable must not end the watcher
            logger.exception("Inbox check failed; trying again in %s s", interval)


def serve(*, cron: str, timezone: str, reports_dir: Path, tickets_dir: Path, warehouse: Path,
          workers: int | None, watch_seconds: float, dbt_target: str) -> None:
    """Register the deployment and run its scheduled and triggered runs until interrupted."""
    from prefect import serve as prefect_serve

    deployment = refresh_deployment(cron=cron, timezone=timezone, reports_dir=reports_dir,
                                    tickets_dir=tickets_dir, warehouse=warehouse, workers=workers)
    stop = threading.Event()
    if watch_seconds > 0:
        watcher = InboxWatcher(Path(reports_dir).resolve(), Path(tickets_dir).resolve(), dbt_target,
                               last_triggered=ops.last_published_fingerprint(warehouse))
        threading.Thread(target=watch_inbox, args=(watcher, watch_seconds, stop), name="inbox-watcher",
                         daemon=True).start()
    try:
        prefect_serve(deployment)
    finally:
        stop.set()
