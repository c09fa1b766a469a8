"""One typed settings object for the pipeline, the CLI and the app (env prefix KOMMUNEDATA_)."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from typing import Literal

from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DBT_PROJECT_DIR = PROJECT_ROOT / "dbt_project"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="KOMMUNEDATA_", extra="ignore")

    warehouse: Path = Path("data/warehouse.duckdb")
    reports_dir: Path = Path("data/inbox/reports")
    tickets_dir: Path = Path("data/inbox/tickets")
    aliases: Path = Path("data/aliases.yaml")  # the user alias file (flows.aliases); missing = no aliases
    dbt_target: str = "duckdb"
    query_timeout_s: float = 20.0
    max_rows: int = 5000
    # running the pipeline as a service
    workers: int = 4  # parse tasks at a time (threads, or Dask workers for a local Dask cluster)
    task_runner: Literal["threads", "dask"] = "threads"
    dask_address: str | None = None  # scheduler of an existing Dask cluster, e.g. tcp://dask:8786
    refresh_cron: str = "0 2 * * *"
    refresh_timezone: str = "Europe/Oslo"
    watch_seconds: float = 60.0  # inbox polling interval for `kommunedata serve`; 0 turns the watcher off
    cache_dir: Path | None = None  # parsed-report cache; default $PREFECT_HOME/kommunedata/parsed-reports


@lru_cache
def get_settings() -> Settings:
    return Settings()
