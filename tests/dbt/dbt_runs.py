"""Running dbt from the tests without touching dbt_project/target (which the app reads).

dbt writes its artifacts to a sandbox target dir (DBT_TARGET_PATH / DBT_LOG_PATH, set only while
dbt runs); the duckdb file is chosen per call.
"""
from __future__ import annotations

import contextlib
import os
from pathlib import Path

import duckdb

from flows.dbt import DbtBuildResult, run_dbt


@contextlib.contextmanager
def scoped_env(**values: str):
    old = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


class DbtSandbox:
    """Runs dbt with its own target/log dirs; the duckdb file is chosen per call."""

    def __init__(self, root: Path):
        self.root = root
        self.target = root / "target"
        self.logs = root / "logs"

    def run(self, args: list[str], *, duckdb_path: Path | None = None, target: str = "duckdb",
            env: dict[str, str] | None = None) -> DbtBuildResult:
        old_path = os.environ.get("KOMMUNEDATA_DBT_DUCKDB_PATH")
        try:
            with scoped_env(DBT_TARGET_PATH=str(self.target), DBT_LOG_PATH=str(self.logs), **(env or {})):
                return run_dbt(args, duckdb_path=duckdb_path, target=target)
        finally:  # run_dbt sets the duckdb path for the process; put it back
            if old_path is None:
                os.environ.pop("KOMMUNEDATA_DBT_DUCKDB_PATH", None)
            else:
                os.environ["KOMMUNEDATA_DBT_DUCKDB_PATH"] = old_path

    @property
    def manifest(self) -> Path:
        return self.target / "manifest.json"


def describe(result: DbtBuildResult) -> str:
    lines = [f"success={result.success} error={result.error}"]
    lines += [f"{n.resource_type} {n.name}: {n.status} {n.message}" for n in result.nodes
              if n.status not in ("success", "pass")]
    return "\n".join(lines)



def build_planted(dbt_sandbox: DbtSandbox, path: Path, *statements: str) -> DbtBuildResult:
    """The realistic raw fixture (raw_fixture.build_raw) at `path`, the statements run on it, then `dbt build`."""
    from raw_fixture import build_raw

    build_raw(path)
    con = duckdb.connect(str(path))
    try:
        for sql in statements:
            con.execute(sql)
    finally:
        con.close()
    return dbt_sandbox.run(["build"], duckdb_path=path)
