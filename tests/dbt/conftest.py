"""Fixtures for the dbt project tests: a DuckDB warehouse built from realistic raw rows."""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from dbt_runs import DbtBuildResult, DbtSandbox  # noqa: E402
from raw_fixture import build_raw  # noqa: E402


@pytest.fixture(scope="session")
def dbt_sandbox(tmp_path_factory) -> DbtSandbox:
    return DbtSandbox(tmp_path_factory.mktemp("dbt-sandbox"))


@pytest.fixture(scope="session")
def good_warehouse(dbt_sandbox, build_once) -> tuple[Path, DbtBuildResult]:
    """The fixture raw schema (good rows) built with `dbt build`; returns the file and the result (built once per
    run, each test process gets its own copy)."""
    def build(folder: Path) -> tuple[Path, DbtBuildResult]:
        path = build_raw(folder / "warehouse.duckdb")
        result = dbt_sandbox.run(["build"], duckdb_path=path)
        if dbt_sandbox.manifest.exists():
            shutil.copy(dbt_sandbox.manifest, folder / "manifest.json")
        return path, result

    folder, built = build_once("good", build)
    if not dbt_sandbox.manifest.exists() and (folder / "manifest.json").exists():  # built by another test process
        dbt_sandbox.target.mkdir(parents=True, exist_ok=True)
        shutil.copy(folder / "manifest.json", dbt_sandbox.manifest)
    return built
