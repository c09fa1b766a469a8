"""Shared fixtures: an isolated Prefect home, real warehouses built from the sample data and the seeds."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

# Before Prefect is imported anywhere: no telemetry, a throwaway Prefect home per test session.
os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
os.environ["DO_NOT_TRACK"] = "1"
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "180")
os.environ["DBT_SEND_ANONYMOUS_USAGE_STATS"] = "false"
os.environ.setdefault("PREFECT_HOME", tempfile.mkdtemp(prefix="kommunedata-prefect-"))
# The sample's verified queries, copied so that no test promotes an answer into the repository's file.
_verified = Path(tempfile.mkdtemp(prefix="kommunedata-verified-")) / "verified_queries.yml"
_verified.write_bytes((Path(__file__).resolve().parent.parent / "data" / "sample" / "verified_queries.yml").read_bytes())
os.environ.setdefault("KOMMUNEDATA_VERIFIED_QUERIES", str(_verified))

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

    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture(scope="session")
def sample_warehouse(prefect_harness, tmp_path_factory) -> Path:
    from flows.refresh import refresh

    warehouse = tmp_path_factory.mktemp("sample") / "warehouse.duckdb"
    summary = refresh(reports_dir=SAMPLE_REPORTS, tickets_dir=SAMPLE_TICKETS, warehouse=warehouse,
                      aliases=SAMPLE_ALIASES)
    assert summary.published, summary
    return warehouse


@pytest.fixture(scope="session")
def seed_warehouse(prefect_harness, tmp_path_factory) -> Path:
    """The two real seed documents from ../shared/seeds, refreshed into their own warehouse."""
    from flows.refresh import refresh

    if not SEED_FILES:
        pytest.fail(f"the seed documents are missing: expected ../shared/seeds/0*.txt beside the repo ({SEEDS})")
    inbox = tmp_path_factory.mktemp("seed-data") / "reports"
    inbox.mkdir()
    for f in SEED_FILES:
        (inbox / f.name).write_bytes(f.read_bytes())
    warehouse = tmp_path_factory.mktemp("seed") / "warehouse.duckdb"
    # the seed documents are the sample's source: the sample's alias file names their units
    summary = refresh(reports_dir=inbox, tickets_dir=None, warehouse=warehouse, aliases=SAMPLE_ALIASES)
    assert summary.published, summary
    return warehouse


@pytest.fixture(scope="session")
def corpus_warehouse(prefect_harness, tmp_path_factory) -> Path:
    """The real reports from other organisations: ../shared/corpus/reports and ../shared/real/reports."""
    from flows.refresh import refresh

    inbox = tmp_path_factory.mktemp("corpus-inbox")
    for f in shared_files(CORPUS_REPORTS, "*.txt") + shared_files(REAL_REPORTS, "*.pdf"):
        (inbox / f.name).write_bytes(f.read_bytes())
    warehouse = tmp_path_factory.mktemp("corpus") / "warehouse.duckdb"
    summary = refresh(reports_dir=inbox, tickets_dir=None, warehouse=warehouse)
    assert summary.published, summary
    return warehouse


@pytest.fixture(scope="session")
def real_tickets_warehouse(prefect_harness, tmp_path_factory) -> Path:
    """The real ticket exports nobody here made (../shared/real/tickets: an event log and a dateless Jira
    issue list), refreshed into their own warehouse."""
    from flows.refresh import refresh

    inbox = tmp_path_factory.mktemp("real-tickets-inbox")
    for f in shared_files(REAL_TICKETS, "*.csv"):
        (inbox / f.name).write_bytes(f.read_bytes())
    warehouse = tmp_path_factory.mktemp("real-tickets") / "warehouse.duckdb"
    summary = refresh(reports_dir=None, tickets_dir=inbox, warehouse=warehouse)
    assert summary.published, summary
    return warehouse
