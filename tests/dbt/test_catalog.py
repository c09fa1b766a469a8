"""The governed metric catalog (dbt_project/metrics/catalog.yml) names only marts and columns that
exist, and every measure's SQL runs on a built warehouse."""
from __future__ import annotations

import json

import pytest
import yaml

from flows.settings import DBT_PROJECT_DIR
from flows.warehouse import connect_readonly

CATALOG = DBT_PROJECT_DIR / "metrics" / "catalog.yml"
REQUIRED = {"code", "name_nb", "name_en", "description", "mart", "expression", "filter", "grain",
            "additive", "time", "dimensions", "unit_of_measure", "higher_is_better", "example"}


@pytest.fixture(scope="module")
def catalog():
    return yaml.safe_load(CATALOG.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def mart_columns(good_warehouse, dbt_sandbox):
    manifest = json.loads(dbt_sandbox.manifest.read_text(encoding="utf-8"))
    return {n["name"]: set(n["columns"]) for n in manifest["nodes"].values()
            if n["resource_type"] == "model" and "marts" in n["fqn"]}


def test_catalog_entries_are_complete_and_unique(catalog):
    codes = [m["code"] for m in catalog["measures"]]
    assert len(codes) == len(set(codes))
    for m in catalog["measures"]:
        assert REQUIRED <= set(m), f"{m['code']}: missing {REQUIRED - set(m)}"


def test_catalog_names_existing_marts_and_columns(catalog, mart_columns):
    for entry in catalog["measures"] + catalog["families"]:
        name = entry.get("code") or entry["family"]
        mart = entry["mart"]
        assert mart in mart_columns, f"{name}: {mart} is not a mart"
        for column in [*entry["grain"], entry["time"]["column"], *entry["dimensions"]]:
            assert column in mart_columns[mart], f"{name}: {mart}.{column} does not exist"
        for dim in entry["dimensions"].values():
            assert dim in mart_columns, f"{name}: dimension {dim} is not a mart"


def test_every_measure_runs(catalog, good_warehouse):
    path, _ = good_warehouse
    con = connect_readonly(path)
    try:
        for m in catalog["measures"]:
            where = f"where {m['filter']}" if m["filter"] else ""
            con.execute(f"select {m['expression']} from {m['mart']} {where}").fetchall()
            assert con.execute(m["example"]).fetchall(), f"{m['code']}: example returns no rows"
        family = catalog["families"][0]
        for code in ("sick_leave_pct", "cases"):
            sql = family["example"].replace("{metric_code}", code)
            assert con.execute(sql).fetchall(), f"{family['family']} {code}: no rows"
    finally:
        con.close()
