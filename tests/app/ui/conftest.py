"""Fixtures for the Streamlit UI tests: the app pointed at a real sample warehouse, AppTest runners."""
from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

UI_DIR = Path(__file__).resolve().parents[3] / "app" / "ui"
MAIN = UI_DIR / "main.py"
TICKET_MARTS = ("agg_tickets_by_week", "agg_tickets_by_quarter", "fct_ticket_daily", "fct_ticket")


def _point_app_at(monkeypatch, warehouse: Path, feedback: Path) -> None:
    """Settings to the given warehouse; everything the app writes (reviews, conversations, promoted
    verified queries) into the test's own folder, never the repository."""
    from app.engine.catalog import SAMPLE_VERIFIED_QUERIES
    from flows.settings import get_settings

    monkeypatch.setenv("KOMMUNEDATA_WAREHOUSE", str(warehouse))
    monkeypatch.setenv("KOMMUNEDATA_FEEDBACK_DB", str(feedback))
    monkeypatch.setenv("KOMMUNEDATA_CONVERSATIONS_DIR", str(feedback.parent / "conversations"))
    verified = feedback.parent / "verified_queries.yml"
    if not verified.exists():
        verified.write_text(SAMPLE_VERIFIED_QUERIES.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setenv("KOMMUNEDATA_VERIFIED_QUERIES", str(verified))
    monkeypatch.setenv("KOMMUNEDATA_LLM_PROVIDER", "none")
    get_settings.cache_clear()


@pytest.fixture
def feedback_db(tmp_path) -> Path:
    return tmp_path / "feedback.duckdb"


@pytest.fixture
def app_env(sample_warehouse, feedback_db, monkeypatch):
    """The app's settings point at the sample warehouse and a fresh feedback file."""
    from flows.settings import get_settings

    _point_app_at(monkeypatch, sample_warehouse, feedback_db)
    yield sample_warehouse
    get_settings.cache_clear()


@pytest.fixture(scope="session")
def no_ticket_warehouse(sample_warehouse, tmp_path_factory) -> Path:
    """The sample warehouse as it is before any ticket export was delivered: no ticket marts."""
    path = tmp_path_factory.mktemp("no-tickets") / "warehouse.duckdb"
    shutil.copy(sample_warehouse, path)
    con = duckdb.connect(str(path))
    try:
        kinds = dict(con.execute("select table_name, table_type from information_schema.tables").fetchall())
        for table in TICKET_MARTS:
            if table in kinds:
                con.execute(f"drop {'view' if kinds[table] == 'VIEW' else 'table'} {table} cascade")
    finally:
        con.close()
    return path


@pytest.fixture
def make_app():
    """An AppTest of the whole app (entrypoint + navigation), optionally on another page."""
    from streamlit.testing.v1 import AppTest

    def make(page: str | None = None, lang: str | None = None, params: dict | None = None) -> AppTest:
        at = AppTest.from_file(str(MAIN), default_timeout=90)
        if lang:
            at.session_state["lang"] = lang
        for key, value in (params or {}).items():
            at.query_params[key] = value
        at.run()
        if page:
            at.switch_page(page).run()
        return at

    return make
