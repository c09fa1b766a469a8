"""app.engine.views: the explore pages' fixed read-only SQL, on the refreshed sample warehouse."""
from __future__ import annotations

import os
import shutil

import pytest

from app.engine import views


def test_unit_overview_reads_staffing_sick_leave_and_budget(sample_warehouse):
    data = views.unit_overview(sample_warehouse, "vr-lonn-regnskap")
    assert data["unit"].iloc[0]["unit_name"] == "VR lønn/regnskap"
    staffing = data["staffing"].set_index("metric_code")
    assert staffing.loc["fte", "value"] == pytest.approx(22.7)
    sick = data["sick_leave"]
    assert sick[(sick.metric_code == "sick_leave_pct") & (sick.year == 2020)]["value"].tolist() == [2.5]
    budget = data["budget_years"]
    assert set(budget["scenario_code"]) >= {"regnskap", "budsjett"}
    rows = data["budget_rows"]
    net = rows[(rows.row_code == "C") & (rows.year == 2020)].iloc[0]
    assert net["variance_nok"] == pytest.approx(net["budget_nok"] - net["actual_nok"])
    assert all(sick["file_name"].notna()) and all(sick["page"].notna())  # every value has provenance


def test_unit_overview_of_unknown_unit_is_empty_not_an_error(sample_warehouse):
    data = views.unit_overview(sample_warehouse, "no-such-unit")
    assert all(frame.empty for frame in data.values())


def test_list_units_only_lists_units_with_data(sample_warehouse):
    units = views.list_units(sample_warehouse)
    assert {"vr-lonn-regnskap", "stjordal-kommune", "hedmark-ikt"} <= set(units["unit_key"])
    assert (units["n_values"] > 0).all()


def test_helpdesk_overview_from_ticket_marts(sample_warehouse):
    data = views.helpdesk_overview(sample_warehouse)
    weekly = data["weekly"]
    assert not weekly.empty and (weekly["tickets"] > 0).all()
    # the sample export covers Q3 2021; the annual report's Q3 average (2015–2020) is the reference
    assert weekly["report_weekly_average"].notna().all()
    assert set(weekly["quarter"]) == {3}
    assert set(data["incidents"]["priority"]) == {"A", "B"}
    assert data["weekly"]["ab_tickets"].sum() == data["incidents"]["tickets"].sum()
    assert data["by_organisation"]["tickets"].sum() == weekly["tickets"].sum()
    sla = data["sla"]
    assert {"report", "tickets"} <= set(sla["source"])


def test_helpdesk_overview_for_one_municipality(sample_warehouse):
    everyone = views.helpdesk_overview(sample_warehouse)
    hamar = views.helpdesk_overview(sample_warehouse, "hamar")
    assert 0 < hamar["weekly"]["tickets"].sum() < everyone["weekly"]["tickets"].sum()
    assert hamar["weekly"]["report_weekly_average"].isna().all()  # the report counts the whole service
    assert set(hamar["by_organisation"]["organisation_name"]) == {"Hamar kommune"}


def test_helpdesk_overview_without_ticket_marts(no_ticket_warehouse):
    data = views.helpdesk_overview(no_ticket_warehouse)
    assert data["weekly"].empty and data["organisations"].empty
    assert not data["reported_cases"].empty  # the report's figures are still there


def test_data_health(sample_warehouse, tmp_path):
    health = views.data_health(sample_warehouse)
    docs = health["documents"]
    assert len(docs) == 5
    # varit-2020.docx carries its report's real misprint: published, marked inconsistent
    assert dict(zip(docs["file_name"], docs["status"]))["varit-2020.docx"] == "inconsistent"
    assert set(docs["status"]) == {"loaded", "inconsistent"}
    assert health["document_quarantine"].empty
    assert not health["ticket_files"].empty
    meta = health["meta"].iloc[0]
    assert bool(meta["reconciliation_built"])
    assert {"ok", "differs"} <= set(health["reconciliation"]["status"])
    missing = views.data_health(sample_warehouse, run_results=tmp_path / "none.json")
    assert missing["tests"].empty and missing["meta"].iloc[0]["tests_source"] is None


def test_data_health_reads_dbt_run_results(sample_warehouse, tmp_path):
    results = tmp_path / "run_results.json"
    results.write_text(
        '{"metadata": {"generated_at": "2026-01-02T03:04:05Z"}, "results": ['
        '{"unique_id": "test.kommunedata.unique_dim_unit_unit_key.abc", "status": "pass", "failures": 0},'
        '{"unique_id": "test.kommunedata.not_null_x.def", "status": "fail", "failures": 3, "message": "Got 3"},'
        '{"unique_id": "model.kommunedata.dim_unit", "status": "success"}]}', encoding="utf-8")
    tests = views.data_health(sample_warehouse, run_results=results)["tests"]
    assert tests["test"].tolist() == ["unique_dim_unit_unit_key", "not_null_x"]
    assert tests["status"].tolist() == ["pass", "fail"]


def test_missing_warehouse_raises_a_clear_error(tmp_path):
    with pytest.raises(views.WarehouseMissing):
        views.unit_overview(tmp_path / "nothing.duckdb", "x")
    assert views.warehouse_version(tmp_path / "nothing.duckdb") is None


def test_a_swapped_in_build_is_read_on_the_next_call(sample_warehouse, tmp_path):
    """The atomic publish (os.replace) changes the version key, and the next read sees the new file."""
    served = tmp_path / "warehouse.duckdb"
    shutil.copy(sample_warehouse, served)
    before = views.warehouse_version(served)
    assert len(views.list_units(served))
    build = tmp_path / ".warehouse.building-test.duckdb"
    shutil.copy(sample_warehouse, build)
    os.utime(build, ns=(before[0] + 10**9, before[0] + 10**9))
    os.replace(build, served)
    assert views.warehouse_version(served) != before
    assert len(views.list_units(served))
