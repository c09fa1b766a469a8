"""dbt build through dbt's programmatic runner, pointed at the warehouse file being built."""
from __future__ import annotations

import json
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path

from flows.settings import DBT_PROJECT_DIR


@dataclass
class DbtNodeResult:
    name: str
    resource_type: str
    status: str
    message: str | None
    # what tracing a failing test to its rows needs (flows.test_failures); plain values, so results pickle
    unique_id: str | None = None
    relation_name: str | None = None  # a model's (or seed's) table or view
    attached_node: str | None = None  # a generic test's model (unique_id)
    column_name: str | None = None  # a generic test's column
    test_kind: str | None = None  # a generic test's name: unique, not_null, accepted_values, relationships, ...
    test_kwargs: dict = field(default_factory=dict)
    where: str | None = None  # a test's `where` config
    compiled_sql: str | None = None  # a test's query: the rows it found
    failures: int | None = None  # rows a test found


@dataclass
class DbtBuildResult:
    success: bool
    nodes: list[DbtNodeResult] = field(default_factory=list)
    error: str | None = None

    @property
    def failed_tests(self) -> list[DbtNodeResult]:
        return [n for n in self.nodes if n.resource_type in ("test", "unit_test") and n.status in ("fail", "error")]

    @property
    def failed_nodes(self) -> list[DbtNodeResult]:
        return [n for n in self.nodes if n.status in ("fail", "error")]


def run_dbt(args: list[str], *, duckdb_path: Path | None = None, target: str = "duckdb",
            project_dir: Path = DBT_PROJECT_DIR) -> DbtBuildResult:
    """Run a dbt command in-process; `duckdb_path` selects the warehouse file for the duckdb target."""
    from dbt.cli.main import dbtRunner

    if duckdb_path is not None:
        os.environ["KOMMUNEDATA_DBT_DUCKDB_PATH"] = str(Path(duckdb_path).resolve())
    os.environ.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")
    common = ["--project-dir", str(project_dir), "--profiles-dir", str(project_dir), "--target", target, "--quiet"]
    manifest = None
    if args and args[0] in REUSES_PARSE:
        manifest = parsed_project(project_dir, target, duckdb_path, _vars_of(args), common)
    result = dbtRunner(manifest=manifest).invoke([*args, *common])
    if target == "duckdb":
        _release_duckdb()
    nodes = [node_result(r) for r in getattr(result.result, "results", None) or []]
    error = str(result.exception) if result.exception else None
    return DbtBuildResult(success=bool(result.success), nodes=nodes, error=error)


# the commands that run on the parsed project: a parse kept from an earlier run of the same project, target, database
# and vars is handed to them (dbt parses the whole project again whenever the profile's path changes, ~20 s)
REUSES_PARSE = ("build", "run", "test", "seed")
_PARSED: dict[tuple, object] = {}
_PARSED_LOCK = threading.Lock()


def parsed_project(project_dir: Path, target: str, duckdb_path: Path | None, vars_json: str | None, common: list[str]):
    """dbt's parsed project (its Manifest) for this project as its files are now, the target, the database name the
    DuckDB file gives (its stem) and the vars; parsed once and kept for the process. None when dbt cannot parse it
    (the command then parses, and reports the error itself)."""
    from dbt.cli.main import dbtRunner

    key = (str(Path(project_dir).resolve()), target, Path(duckdb_path).stem if duckdb_path is not None else None,
           vars_json, project_fingerprint(Path(project_dir)))
    with _PARSED_LOCK:
        if key not in _PARSED:
            parsed = dbtRunner().invoke(["parse", *(["--vars", vars_json] if vars_json else []), *common])
            if not parsed.success or parsed.result is None:
                return None
            for old in [k for k in _PARSED if k[-1] != key[-1]] + list(_PARSED)[:-3]:
                _PARSED.pop(old, None)  # the project as it is now, a few databases of it: an older parse is never used
            _PARSED[key] = parsed.result
        return _PARSED[key]


def project_fingerprint(project_dir: Path) -> tuple:
    """Every file dbt reads from the project (name, size, modification time): an edit makes a new parse."""
    files = [project_dir / "dbt_project.yml", project_dir / "profiles.yml", project_dir / "packages.yml"]
    for folder in ("models", "macros", "tests", "seeds", "snapshots", "analyses"):
        files += sorted(p for p in (project_dir / folder).rglob("*") if p.is_file())
    return tuple((str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in files if p.exists())


def _vars_of(args: list[str]) -> str | None:
    return args[args.index("--vars") + 1] if "--vars" in args[:-1] else None


def node_result(r) -> DbtNodeResult:
    """One node of a dbt run result, with what flows.test_failures reads of a test and its model."""
    node = r.node
    resource_type = str(node.resource_type)
    is_test = resource_type in ("test", "unit_test")
    metadata = getattr(node, "test_metadata", None)
    config = getattr(node, "config", None)
    return DbtNodeResult(
        name=node.name, resource_type=resource_type, status=str(r.status), message=r.message,
        unique_id=getattr(node, "unique_id", None), relation_name=getattr(node, "relation_name", None),
        attached_node=getattr(node, "attached_node", None), column_name=getattr(node, "column_name", None),
        test_kind=getattr(metadata, "name", None),
        test_kwargs=_plain(dict(getattr(metadata, "kwargs", None) or {})),
        where=getattr(config, "where", None) if is_test else None,
        compiled_sql=getattr(node, "compiled_code", None) if is_test else None,
        failures=getattr(r, "failures", None) if is_test else None,
    )


def _plain(value):
    """JSON-like copy of a test's kwargs (strings, numbers, lists, dicts)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value if isinstance(value, (str, int, float, bool)) or value is None else str(value)


def build_warehouse_models(duckdb_path: Path, target: str = "duckdb") -> DbtBuildResult:
    return run_dbt(["build", *dbt_vars_args()], duckdb_path=duckdb_path, target=target)


def dbt_vars_args() -> list[str]:
    """Settings the models read as dbt vars: the service's stated SLA targets (none are assumed)."""
    from flows.settings import get_settings

    targets = get_settings().sla_targets
    return ["--vars", json.dumps({"sla_resolution_targets_hours": targets})] if targets else []


def _release_duckdb() -> None:
    """dbt-duckdb keeps its database open in-process after a run; close it so the build file can be
    checkpointed, swapped in and opened read-only by the same process."""
    from dbt.adapters.duckdb.connections import DuckDBConnectionManager

    with DuckDBConnectionManager._LOCK:
        env = DuckDBConnectionManager._ENV
        if env is not None:
            env.close()
        DuckDBConnectionManager._ENV = None
