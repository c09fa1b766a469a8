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


# --- the Prefect server the CLI and `kommunedata up` share -------------------------------------------

DEFAULT_SERVER_PORT = 4200


def local_api_url(port: int | None = None) -> str:
    port = port or int(os.environ.get("KOMMUNEDATA_PREFECT_PORT", DEFAULT_SERVER_PORT))
    return f"http://127.0.0.1:{port}/api"


def server_is_up(api_url: str, timeout: float = 0.5) -> bool:
    """True when a Prefect API answers its health check at `api_url` (plain HTTP, Prefect not imported)."""
    import urllib.request

    try:
        with urllib.request.urlopen(f"{api_url.rstrip('/')}/health", timeout=timeout) as response:
            return response.status == 200 and response.read().strip() == b"true"
    except OSError:
        return False


def use_running_server() -> str | None:
    """Point this process at a running Prefect server before Prefect is imported: PREFECT_API_URL when
    set, else the local server `kommunedata up` runs (port env KOMMUNEDATA_PREFECT_PORT, default 4200)
    when it answers. None: nothing runs, and Prefect starts its temporary server as it always did."""
    if os.environ.get("PREFECT_API_URL"):
        return os.environ["PREFECT_API_URL"]
    candidate = local_api_url()
    if server_is_up(candidate):
        os.environ["PREFECT_API_URL"] = candidate
        return candidate
    return None


def unchanged_refresh(reports_dir: Path | None, tickets_dir: Path | None, warehouse: Path | None,
                      aliases: Path | None = None) -> Path | None:
    """The warehouse, when a refresh would find its inputs equal to the published warehouse's and no
    refresh is running: recorded in the run journal as an unchanged run, without loading Prefect (whose
    import is most of a no-change refresh's time). None: start the refresh flow."""
    import uuid

    settings = ops.get_ops_settings()
    reports_dir = Path(reports_dir or settings.reports_dir)
    tickets_dir = Path(tickets_dir or settings.tickets_dir)
    warehouse = Path(warehouse or settings.warehouse)
    if not warehouse.is_file() or ops.running_refresh(warehouse):
        return None
    started = ops.utcnow()
    fingerprint = ops.input_fingerprint(reports_dir, ops.list_files(reports_dir), tickets_dir,
                                        ops.list_files(tickets_dir), settings.dbt_target,
                                        aliases_file=Path(aliases or settings.aliases))
    if fingerprint != ops.last_published_fingerprint(warehouse):
        return None
    ops.append_journal(warehouse, ops.RunRecord(
        run_id=str(uuid.uuid4()), run_name="unchanged (checked by the CLI)", started_at=started,
        finished_at=ops.utcnow(), status="unchanged", published=False, input_fingerprint=fingerprint,
        message="inputs equal the published warehouse's; nothing rebuilt"))
    return warehouse


# --- `kommunedata up`: the whole platform in one foreground process ---------------------------------

@dataclass
class Platform:
    """Prefect server, first refresh, scheduled deployment + inbox watcher and the app, as child
    processes each in its own process group, stopped together (newest first) on Ctrl-C/SIGTERM or
    when any of them dies."""

    reports_dir: Path
    tickets_dir: Path
    warehouse: Path
    data_dir: Path
    server_port: int = DEFAULT_SERVER_PORT
    app_port: int = 8501
    app_address: str = "127.0.0.1"
    say: Callable[[str], None] = print
    children: list = field(default_factory=list)

    def _spawn(self, name: str, args: list[str], env: dict, log: Path | None = None):
        import subprocess
        import sys

        out = log.open("ab") if log else None
        proc = subprocess.Popen([sys.executable, *args], env=env, start_new_session=True,
                                stdout=out, stderr=subprocess.STDOUT if out else None)
        if out:
            out.close()  # the child holds its own descriptor
        self.children.append((name, proc))
        return proc

    def start_server(self, env: dict) -> str:
        url = local_api_url(self.server_port)
        if server_is_up(url):
            self.say(f"Using the Prefect server already running at {url}")
            return url
        db_dir = (self.data_dir / "prefect").resolve()
        db_dir.mkdir(parents=True, exist_ok=True)
        server_env = dict(env, PREFECT_SERVER_DATABASE_CONNECTION_URL=f"sqlite+aiosqlite:///{db_dir / 'prefect.db'}",
                          PREFECT_SERVER_ANALYTICS_ENABLED="false", PREFECT_UI_ENABLED="true")
        server_env.pop("PREFECT_API_URL", None)
        log = db_dir / "server.log"
        self.say(f"Starting the Prefect server (database {db_dir / 'prefect.db'}, log {log}) …")
        proc = self._spawn("prefect server", ["-m", "prefect", "server", "start", "--host", "127.0.0.1",
                                              "--port", str(self.server_port)], server_env, log)
        import time

        deadline = time.monotonic() + 180
        while not server_is_up(url, timeout=1):
            if proc.poll() is not None:
                raise RuntimeError(f"the Prefect server exited with code {proc.returncode}; see {log}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"the Prefect server did not answer within 180 s; see {log}")
            time.sleep(0.5)
        return url

    def run(self) -> int:
        import signal

        stop = threading.Event()
        previous = {s: signal.signal(s, lambda *_: stop.set()) for s in (signal.SIGINT, signal.SIGTERM)}
        env = dict(os.environ)
        where = ["--reports", str(self.reports_dir), "--tickets", str(self.tickets_dir),
                 "--warehouse", str(self.warehouse)]
        try:
            env["PREFECT_API_URL"] = self.start_server(env)
            if stop.is_set():
                return 130
            self.say("First refresh of " + f"{self.reports_dir} and {self.tickets_dir} …")
            first = self._spawn("refresh", ["-m", "app.cli", "refresh", *where], env)
            while first.poll() is None and not stop.wait(0.5):
                pass
            if stop.is_set():
                return 130
            self.children.remove(("refresh", first))
            if first.returncode != 0:
                self.say("The first refresh published nothing; the app serves the last good warehouse, if any.")
            self._spawn("serve", ["-m", "app.cli", "serve", *where], env)
            self._spawn("app", ["-m", "app.cli", "app", "--warehouse", str(self.warehouse), "--port",
                                str(self.app_port), "--address", self.app_address], env)
            self.say(f"\nkommunedata runs:\n  app        http://localhost:{self.app_port}\n"
                     f"  Prefect UI http://127.0.0.1:{self.server_port}  (runs, schedule, logs)\n"
                     "Ctrl-C stops all of it.\n")
            while not stop.wait(1):
                dead = [(n, p) for n, p in self.children if p.poll() is not None]
                if dead:
                    self.say("Stopping: " + ", ".join(f"{n} exited with code {p.returncode}" for n, p in dead))
                    return 1
            return 0
        finally:
            self.stop_all()
            for s, handler in previous.items():
                signal.signal(s, handler)

    def stop_all(self, timeout: float = 15) -> None:
        """Newest first, one at a time, so the deployment can still tell the server it stops; SIGINT (what
        Ctrl-C sends) lets each shut down cleanly, the group is killed after `timeout`."""
        import signal
        import subprocess

        for name, proc in reversed(self.children):
            _signal_group(proc, signal.SIGINT)
            try:
                proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.say(f"{name} did not stop within {timeout:.0f} s; killing it")
            # whatever it started (uvicorn, flow-run subprocesses) goes with it
            _signal_group(proc, signal.SIGKILL)
            proc.wait()
        self.children.clear()


def _signal_group(proc, sig) -> None:
    try:
        os.killpg(proc.pid, sig)
    except (ProcessLookupError, PermissionError):
        pass
