"""One typed settings object for the pipeline, the CLI and the app (env prefix KOMMUNEDATA_)."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DBT_PROJECT_DIR = PROJECT_ROOT / "dbt_project"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="KOMMUNEDATA_", extra="ignore")

    warehouse: Path = Path("data/warehouse.duckdb")
    reports_dir: Path = Path("data/inbox/reports")
    tickets_dir: Path = Path("data/inbox/tickets")
    dbt_target: str = "duckdb"
    query_timeout_s: float = 20.0
    max_rows: int = 5000


@lru_cache
def get_settings() -> Settings:
    return Settings()
