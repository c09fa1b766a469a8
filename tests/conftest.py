"""Shared fixtures: an isolated Prefect home, real warehouses built from the sample data and the seeds."""
from __future__ import annotations

import fcntl
import os
import pickle
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

# Before Prefect is imported anywhere: no telemetry, a throwaway Prefect home per test session.
os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
os.environ["DO_NOT_TRACK"] = "1"
# Prefect's temporary servers (the harness below, and the ones a refresh in a subprocess starts) may take minutes to
# come up on a loaded machine where the suite runs in two processes: wait up to 10 minutes (only how long to wait).
os.environ["PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS"] = "600"
os.environ["DBT_SEND_ANONYMOUS_USAGE_STATS"] = "false"
# Once per test process (this file is imported again as tests.conftest by some modules). Under pytest-xdist each
# worker takes its own homes even where the caller set one (make test exports PREFECT_HOME and the sample's
# verified queries): two processes must not share Prefect's home, its parse cache or a file a test writes.
if os.environ.get("TESTS_CONFTEST_PID") != str(os.getpid()):
    os.environ["TESTS_CONFTEST_PID"] = str(os.getpid())
    _set = os.environ.__setitem__ if os.environ.get("PYTEST_XDIST_WORKER") else os.environ.setdefault
    _set("PREFECT_HOME", tempfile.mkdtemp(prefix="kommunedata-prefect-"))
    # The sample's verified queries, copied so that no test promotes an answer into the repository's file.
    _verified = Path(tempfile.mkdtemp(prefix="kommunedata-verified-")) / "verified_queries.yml"
    _verified.write_bytes((Path(__file__).resolve().parent.parent / "data" / "sample" / "verified_queries.yml")
                          .read_bytes())
    _set("KOMMUNEDATA_VERIFIED_QUERIES", str(_verified))
    # dbt's artifacts (partial parse, run results, logs) in a folder of this test process: two processes running dbt
    # at once must not write dbt_project/target together (a half-written file for the other). The manifest the app
    # reads is still dbt_project/target/manifest.json, written whole under a lock by catalog.ensure_manifest.
    _dbt_dir = Path(tempfile.mkdtemp(prefix="kommunedata-dbt-"))
    _set("DBT_TARGET_PATH", str(_dbt_dir / "target"))
    _set("DBT_LOG_PATH", str(_dbt_dir / "logs"))

import pytest  # noqa: E402  (after the environment above: Prefect reads it on import)

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_REPORTS = ROOT / "data" / "sample" / "reports"
SAMPLE_TICKETS = ROOT / "data" / "sample" / "tickets"
SAMPLE_ALIASES = ROOT / "data" / "sample" / "aliases.yaml"  # the sample's user alias file
SEEDS = ROOT.parent / "shared" / "seeds"
SEED_FILES = sorted(SEEDS.glob("0*.txt"))
CORPUS_REPORTS = ROOT.parent / "shared" / "corpus" / "reports"
REAL_REPORTS = ROOT.parent / "shared" / "real" / "reports"
REAL_TICKETS = ROOT.parent / "shared" / "real" / "tickets"


def shared_files(folder: Path, pattern: str = "*") -> list[Path]:
    """Real material from ../shared beside the repo (never copied into the project)."""
    files = sorted(p for p in folder.glob(pattern) if p.is_file())
    if not files:
        pytest.fail(f"real material missing: expected {folder} beside the repo (../shared)")
    return files


@pytest.fixture(scope="session")
def prefect_harness():
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=600):
        yield


def _stale_manifest(project: Path) -> bool:
    """The app's dbt manifest (dbt_project/target/manifest.json) is older than a file of the dbt project."""
    manifest = project / "target" / "manifest.json"
    if not manifest.exists():
        return False
    made = manifest.stat().st_mtime
    return any(f.stat().st_mtime > made for d in ("models", "macros", "tests", "seeds") for f in (project / d).rglob("*")
               if f.is_file()) or (project / "dbt_project.yml").stat().st_mtime > made


def pytest_configure(config):
    """Once, in the process that starts the run: a manifest older than the dbt project (a developer's checkout after
    an edit of the models) is removed, so the first question parses the project as it is now. (The tests' own dbt
    runs write their artifacts elsewhere, see DBT_TARGET_PATH above, so they no longer refresh it.)"""
    if hasattr(config, "workerinput"):
        return
    project = ROOT / "dbt_project"
    if _stale_manifest(project):
        (project / "target" / "manifest.json").unlink(missing_ok=True)


@contextmanager
def _file_lock(path: Path):
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def built_once(tmp_path_factory, name: str, build):
    """`build(folder)` made into a new folder, once for the whole run: under pytest-xdist the first worker that asks
    builds it (the others wait on a file lock) and every worker gets its own copy of the folder, so a test sees
    exactly what it saw when one process ran the suite (a private, freshly built folder), at the cost of a copy.
    Returns (the worker's folder, what `build` returned)."""
    if os.environ.get("PYTEST_XDIST_WORKER") is None:
        folder = tmp_path_factory.mktemp(name)
        return folder, build(folder)
    shared = tmp_path_factory.getbasetemp().parent / "built-once"
    done = shared / f"{name}.pickle"
    with _file_lock(shared / f"{name}.lock"):
        if not done.exists():
            made = shared / name
            shutil.rmtree(made, ignore_errors=True)
            made.mkdir(parents=True)
            value = build(made)
            done.write_bytes(pickle.dumps(value))
    folder = tmp_path_factory.mktemp(name) / name
    shutil.copytree(shared / name, folder, symlinks=True)
    return folder, _relocated(pickle.loads(done.read_bytes()), shared / name, folder)


@pytest.fixture(scope="session")
def build_once(tmp_path_factory):
    """built_once for conftests below: build_once(name, build) -> (folder, value)."""
    return lambda name, build: built_once(tmp_path_factory, name, build)


def _relocated(value, old: Path, new: Path):
    """A built value with the paths under the shared folder moved to the worker's copy."""
    if isinstance(value, Path) and value.is_relative_to(old):
        return new / value.relative_to(old)
    if isinstance(value, tuple):
        return tuple(_relocated(v, old, new) for v in value)
    return value


def _refreshed(request, folder: Path, **inputs) -> Path:
    from flows.refresh import refresh

    request.getfixturevalue("prefect_harness")  # only the process that builds needs Prefect
    warehouse = folder / "warehouse" / "warehouse.duckdb"
    warehouse.parent.mkdir()
    summary = refresh(warehouse=warehouse, **inputs)
    assert summary.published, summary
    return warehouse


def _inbox(folder: Path, files: list[Path]) -> Path:
    inbox = folder / "inbox"
    inbox.mkdir()
    for f in files:
        (inbox / f.name).write_bytes(f.read_bytes())
    return inbox


@pytest.fixture(scope="session")
def sample_warehouse(request, tmp_path_factory) -> Path:
    _, warehouse = built_once(tmp_path_factory, "sample", lambda folder: _refreshed(
        request, folder, reports_dir=SAMPLE_REPORTS, tickets_dir=SAMPLE_TICKETS, aliases=SAMPLE_ALIASES))
    return warehouse


@pytest.fixture(scope="session")
def seed_warehouse(request, tmp_path_factory) -> Path:
    """The two real seed documents from ../shared/seeds, refreshed into their own warehouse."""
    if not SEED_FILES:
        pytest.fail(f"the seed documents are missing: expected ../shared/seeds/0*.txt beside the repo ({SEEDS})")
    # the seed documents are the sample's source: the sample's alias file names their units
    _, warehouse = built_once(tmp_path_factory, "seed", lambda folder: _refreshed(
        request, folder, reports_dir=_inbox(folder, SEED_FILES), tickets_dir=None, aliases=SAMPLE_ALIASES))
    return warehouse


@pytest.fixture(scope="session")
def corpus_warehouse(request, tmp_path_factory) -> Path:
    """The real reports from other organisations: ../shared/corpus/reports and ../shared/real/reports."""
    files = shared_files(CORPUS_REPORTS, "*.txt") + shared_files(REAL_REPORTS, "*.pdf")
    _, warehouse = built_once(tmp_path_factory, "corpus", lambda folder: _refreshed(
        request, folder, reports_dir=_inbox(folder, files), tickets_dir=None))
    return warehouse


@pytest.fixture(scope="session")
def real_tickets_warehouse(request, tmp_path_factory) -> Path:
    """The real ticket exports nobody here made (../shared/real/tickets: an event log and a dateless Jira
    issue list), refreshed into their own warehouse."""
    files = shared_files(REAL_TICKETS, "*.csv")
    _, warehouse = built_once(tmp_path_factory, "real-tickets", lambda folder: _refreshed(
        request, folder, reports_dir=None, tickets_dir=_inbox(folder, files)))
    return warehouse
