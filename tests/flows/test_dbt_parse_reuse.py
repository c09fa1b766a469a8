"""A refresh reuses dbt's parse of the project (flows.dbt.parsed_project): dbt parses the whole project again whenever
the profile's path changes, which every build file did. The parse is kept per project state, target, database name
(the DuckDB file's stem) and vars; an edit of a project file parses again. dbt's runner is replaced here by one that
counts parses, so the rule is checked without parsing the real project."""
from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from flows import dbt as flows_dbt
from flows.publish import new_build_path
from flows.settings import DBT_PROJECT_DIR


class _Result:
    def __init__(self, manifest):
        self.success, self.result, self.exception = True, manifest, None


@pytest.fixture
def parses(monkeypatch):
    calls: list[list[str]] = []

    class CountingRunner:
        def __init__(self, manifest=None):
            self.manifest = manifest

        def invoke(self, args):
            calls.append(list(args))
            return _Result(object())

    import dbt.cli.main

    monkeypatch.setattr(dbt.cli.main, "dbtRunner", CountingRunner)
    monkeypatch.setattr(flows_dbt, "_PARSED", {})
    return calls


@pytest.fixture
def project(tmp_path):
    copy = tmp_path / "dbt_project"
    shutil.copytree(DBT_PROJECT_DIR, copy, ignore=shutil.ignore_patterns("target", "logs", "dbt_packages"))
    return copy


def _parsed(project, path, vars_json=None):
    return flows_dbt.parsed_project(project, "duckdb", path, vars_json, ["--project-dir", str(project)])


def test_builds_of_one_warehouse_reuse_one_parse(parses, project, tmp_path):
    served = tmp_path / "warehouse.duckdb"
    first = _parsed(project, new_build_path(served))
    again = _parsed(project, new_build_path(served))  # the next refresh's build file: the same name
    assert again is first and len(parses) == 1 and parses[0][0] == "parse"


def test_another_database_name_vars_or_an_edited_file_parse_again(parses, project, tmp_path):
    build = new_build_path(tmp_path / "warehouse.duckdb")
    first = _parsed(project, build)
    assert _parsed(project, new_build_path(tmp_path / "other.duckdb")) is not first  # another database name
    assert _parsed(project, build, '{"sla_resolution_targets_hours": {"A": 4}}') is not first  # other vars
    assert len(parses) == 3 and "--vars" in parses[2]
    model = next((project / "models").rglob("*.sql"))
    time.sleep(0.01)
    model.write_text(model.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    edited = _parsed(project, build)
    assert edited is not first and len(parses) == 4
    assert _parsed(project, build) is edited and len(parses) == 4


def test_a_build_name_left_by_a_killed_refresh_is_cleared_for_the_next(tmp_path):
    served = tmp_path / "warehouse.duckdb"
    stray = new_build_path(served)
    stray.write_bytes(b"half a build")
    Path(str(stray) + ".wal").write_bytes(b"x")
    build = new_build_path(served)
    assert build == stray and not build.exists() and not Path(str(build) + ".wal").exists()
