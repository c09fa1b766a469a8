"""Build the governed catalog from the dbt manifest, the metric catalog seed and the warehouse.

Only marts (models under dbt_project/models/marts) are exposed; their column descriptions are
what the LLM sees and the SQL guard allows.
"""
from __future__ import annotations

import csv
import json
from pathlib import Path

import duckdb
import yaml

from app.engine.catalog_model import Catalog, Column, Metric, Table, VerifiedQuery
from app.engine.planner import UnitRef, Vocabulary
from app.engine.text import normalise
from flows.settings import DBT_PROJECT_DIR

SEEDS = DBT_PROJECT_DIR / "seeds"
VERIFIED_QUERIES = Path(__file__).with_name("verified_queries.yml")


def _manifest_path() -> Path:
    return DBT_PROJECT_DIR / "target" / "manifest.json"


def ensure_manifest() -> Path:
    path = _manifest_path()
    if not path.exists():
        from flows.dbt import run_dbt

        run_dbt(["parse"])
    return path


def load_metrics(path: Path = SEEDS / "metric_catalog.csv") -> dict[str, Metric]:
    with open(path, encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    metrics = {}
    for r in rows:
        hib = r["higher_is_better"].strip().lower()
        metrics[r["metric_code"]] = Metric(
            code=r["metric_code"], name_nb=r["name_nb"], name_en=r["name_en"],
            synonyms=tuple(s.strip().lower() for s in r["synonyms"].split("|") if s.strip()),
            unit_of_measure=r["unit_of_measure"],
            higher_is_better=None if hib == "" else hib == "true",
            definition=r["definition"],
        )
    return metrics


def load_unit_aliases(path: Path = SEEDS / "unit_aliases.csv") -> dict[str, UnitRef]:
    with open(path, encoding="utf-8") as fh:
        return {normalise(r["alias"]): UnitRef(r["unit_key"], r["unit_name"]) for r in csv.DictReader(fh)}


def load_verified_queries(path: Path = VERIFIED_QUERIES) -> tuple[VerifiedQuery, ...]:
    if not path.exists():
        return ()
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return tuple(
        VerifiedQuery(question=q["question"], sql=q["sql"], verified_by=q["verified_by"],
                      verified_at=str(q["verified_at"]))
        for q in data.get("queries", [])
    )


def load_mart_tables(con: duckdb.DuckDBPyConnection) -> dict[str, Table]:
    manifest = json.loads(ensure_manifest().read_text(encoding="utf-8"))
    types = {
        (t, c): dt for t, c, dt in con.execute(
            "select table_name, column_name, data_type from information_schema.columns "
            "where table_schema = 'main'"
        ).fetchall()
    }
    tables = {}
    for node in manifest["nodes"].values():
        if node["resource_type"] != "model" or "marts" not in node["fqn"]:
            continue
        name = node["name"]
        columns = tuple(
            Column(name=c, data_type=types.get((name, c), "unknown"), description=spec.get("description", ""))
            for c, spec in node["columns"].items()
        )
        if columns:
            tables[name] = Table(name=name, description=node.get("description", "").strip(), columns=columns)
    return tables


def load_catalog(warehouse: Path) -> tuple[Catalog, Vocabulary]:
    metrics = load_metrics()
    aliases = load_unit_aliases()
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        tables = load_mart_tables(con)
        for key, name, names in con.execute("select unit_key, unit_name, aliases from dim_unit").fetchall():
            for alias in [name, *(names or "").split(" | ")]:
                if alias and normalise(alias) not in aliases:
                    aliases[normalise(alias)] = UnitRef(key, name)
        subjects = {
            normalise(s): s for (s,) in con.execute(
                "select distinct subject from fct_metric_value where subject is not null"
            ).fetchall()
        }
        years = tuple(sorted(y for (y,) in con.execute(
            "select distinct value_year from fct_metric_value union select distinct value_year from fct_account_amount"
        ).fetchall() if y is not None))
        scenarios = tuple(s for (s,) in con.execute("select scenario_code from dim_scenario").fetchall())
    finally:
        con.close()
    catalog = Catalog(
        tables=tables, metrics=metrics,
        units={alias: ref.unit_name for alias, ref in aliases.items()},
        years=years, scenarios=scenarios, verified_queries=load_verified_queries(),
    )
    vocab = Vocabulary(metrics=metrics, unit_aliases=aliases, subjects=subjects, years=years)
    return catalog, vocab
