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
    # limits per report document (flows.limits): a document past one is quarantined naming the limit
    max_document_mb: int = 200  # uncompressed: a DOCX's XML, or the file itself
    document_timeout_s: float = 120.0  # parse time, in a child process that is killed at the limit
    document_memory_mb: int = 4096  # address space of that child; 0 turns the cap off
    # limits per question (app.engine.guard): every answer is bounded whatever SQL reached the guard
    query_memory_mb: int = 512  # DuckDB memory_limit of the read-only warehouse
    query_threads: int = 2  # DuckDB threads of the read-only warehouse
    max_cell_chars: int = 1000  # longer text cells are cut (and end in "…")
    max_concurrent_queries: int = 2  # queries running at once in one process; others wait, then are told busy
    busy_wait_s: float = 10.0
    # resolution targets in business hours per priority, as the service agreement states them
    # (KOMMUNEDATA_SLA_TARGETS='{"A": 4, "B": 8}'); none are assumed, so SLA met % is empty without them
    sla_targets: dict[str, float] = {}
    # question -> SQL pairs a person checked (the review page promotes answers into it; the engine's
    # exact-match shortcut and the LLM's examples read it); kept with the deployment, not the code
    verified_queries: Path = Path("data/verified_queries.yml")  # how long a query waits for a free slot before the busy message


@lru_cache
def get_settings() -> Settings:
    return Settings()
