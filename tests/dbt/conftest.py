"""Fixtures for the dbt project tests: a DuckDB warehouse built from realistic raw rows."""
from __future__ import annotations

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
def good_warehouse(dbt_sandbox, tmp_path_factory) -> tuple[Path, DbtBuildResult]:
    """The fixture raw schema (good rows) built with `dbt build`; returns the file and the result."""
    path = build_raw(tmp_path_factory.mktemp("good") / "warehouse.duckdb")
    result = dbt_sandbox.run(["build"], duckdb_path=path)
    return path, result
