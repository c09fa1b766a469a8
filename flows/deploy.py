"""The deployed refresh: a cron schedule through Prefect's serve machinery, plus an inbox watcher.

`kommunedata serve` registers the `refresh` flow as the deployment `refresh/kommunedata-refresh`
(cron in Europe/Oslo, at most one run at a time) and serves it from this process. The watcher
polls the inbox and asks Prefect for a run of the same deployment when the inbox's content
stops changing and differs from what the last triggered run (or the served warehouse) saw, so
the run shows in the UI like a scheduled one. It is polling, not inotify, because inboxes are
often network shares where change notifications do not arrive.
"""
from __future__ import annotations

import os
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from flows import ops

FLOW_NAME = "refresh"
DEPLOYMENT_NAME = "kommunedata-refresh"


def refresh_deployment(*, cron: str, timezone: str, reports_dir: Path | None = None,
                       tickets_dir: Path | None = None, warehouse: Path | None = None,
                       workers: int | None = None):
    """The `refresh` flow as a RunnerDeployment with a cron schedule (not yet registered)."""
    from prefect.schedules import Cron
    from prefect.types.entrypoint import EntrypointType

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
        # Imported as flows.refresh: a file path would put flows/ on sys.path, where flows/dbt.py
        # hides the dbt package from the run.
        entrypoint_type=EntrypointType.MODULE_PATH,
    )


@dataclass
class InboxWatcher:
    """Decides when new inbox content should start a refresh.

    `poll()` returns the inbox's fingerprint when a run should start: the file list (name, size,
    mtime) must be the same at two polls in a row, so a file still being copied does not start a
    run, and the content fingerprint must differ from the last one triggered. Call `triggered()`
    once the run was asked for; until then every poll asks again (the API may be down). Start it
    with the served warehouse's fingerprint to catch files that arrived while nothing watched.
    """

    reports_dir: Path
    tickets_dir: Path
    dbt_target: str
    last_triggered: str | None = None
    aliases_file: Path | None = None  # the user alias file: an edit triggers a refresh too
    _previous: tuple | None = field(default=None, repr=False)

    def _listing(self) -> tuple:
        from flows.refresh import list_files

        rows = []
        aliases = [self.aliases_file] if self.aliases_file is not None and self.aliases_file.is_file() else []
        for p in list_files(self.reports_dir) + list_files(self.tickets_dir) + aliases:
            st = p.stat()
            rows.append((str(p), st.st_size, st.st_mtime_ns))
        return tuple(rows)

    def fingerprint(self) -> str:
        from flows.refresh import list_files

        return ops.input_fingerprint(self.reports_dir, list_files(self.reports_dir),
                                     self.tickets_dir, list_files(self.tickets_dir), self.dbt_target,
                                     aliases_file=self.aliases_file)

    def poll(self) -> str | None:
        listing = self._listing()
        settled = listing == self._previous
        self._previous = listing
        if not settled:
            return None
        current = self.fingerprint()
        return None if current == self.last_triggered else current

    def triggered(self, fingerprint: str) -> None:
        self.last_triggered = fingerprint


def trigger_deployment_run() -> None:
    from prefect.deployments import run_deployment

    run_deployment(f"{FLOW_NAME}/{DEPLOYMENT_NAME}", timeout=0, as_subflow=False, tags=["inbox-change"])


def watch_inbox(watcher: InboxWatcher, interval: float, stop: threading.Event,
                trigger: Callable[[], None] = trigger_deployment_run) -> None:
    from prefect.logging import get_logger

    logger = get_logger("kommunedata.watch")
    while not stop.wait(interval):
        try:
            fingerprint = watcher.poll()
            if fingerprint:
                logger.info("New content in the inbox; starting a refresh")
                trigger()
                watcher.triggered(fingerprint)
        except Exception:  # an unreachable share or API must not end the watcher
            logger.exception("Inbox check failed; trying again in %s s", interval)


@contextmanager
def prefect_api() -> Iterator[str]:
    """The Prefect API the served runs report to: PREFECT_API_URL, else a local server started here.

    The runner starts every flow run in a subprocess. Left to Prefect's ephemeral mode, each of
    those would start a server of its own, and the deployment's concurrency slot, leased from
    this process's server, would not be found; so one server is started and its URL exported.
    """
    from prefect.settings import PREFECT_API_URL, temporary_settings

    if PREFECT_API_URL.value():
        yield PREFECT_API_URL.value()
        return
    from prefect.logging import get_logger
    from prefect.server.api.server import SubprocessASGIServer

    server = SubprocessASGIServer()
    server.start(timeout=120)
    os.environ["PREFECT_API_URL"] = server.api_url
    get_logger("kommunedata.serve").warning(
        "No PREFECT_API_URL: runs are recorded by a local Prefect server at %s (UI on the same address) "
        "that lives as long as this process; see infra/OPERATIONS.md for a lasting one.", server.address)
    try:
        with temporary_settings(updates={PREFECT_API_URL: server.api_url}):
            yield server.api_url
    finally:
        os.environ.pop("PREFECT_API_URL", None)
        server.stop()


def serve(*, cron: str, timezone: str, reports_dir: Path, tickets_dir: Path, warehouse: Path,
          workers: int | None, watch_seconds: float, dbt_target: str) -> None:
    """Register the deployment and run its scheduled and triggered runs until interrupted."""
    from prefect import serve as prefect_serve

    deployment = refresh_deployment(cron=cron, timezone=timezone, reports_dir=reports_dir,
                                    tickets_dir=tickets_dir, warehouse=warehouse, workers=workers)
    stop = threading.Event()
    with prefect_api():
        if watch_seconds > 0:
            watcher = InboxWatcher(Path(reports_dir).resolve(), Path(tickets_dir).resolve(), dbt_target,
                                   last_triggered=ops.last_published_fingerprint(warehouse),
                                   aliases_file=ops.get_ops_settings().aliases.resolve())
            threading.Thread(target=watch_inbox, args=(watcher, watch_seconds, stop), name="inbox-watcher",
                             daemon=True).start()
        try:
            prefect_serve(deployment)
        finally:
            stop.set()
