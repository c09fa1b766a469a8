"""Running the refresh as a service: schedule, skipping unchanged inputs, failing data tests,
the run log, artifacts, JSON logs and `kommunedata status`."""
from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import duckdb
import pytest

from flows import ops
from flows.warehouse import connect_readonly
from tests.conftest import SAMPLE_REPORTS, SAMPLE_TICKETS

BAD_METRIC = "no_such_metric"


@pytest.fixture(autouse=True)
def pinned_code_version(monkeypatch):
    """Others edit flows/ and dbt_project/ while these tests run; a moving code version would turn
    an unchanged refresh into a rebuild and a cached parse into a fresh one."""
    monkeypatch.setattr(ops, "code_version", lambda: "pinned-for-tests")
    monkeypatch.setattr(ops, "parser_version", lambda: "pinned-for-tests")


@pytest.fixture(scope="module")
def base_warehouse(prefect_harness, tmp_path_factory) -> Path:
    from flows.refresh import refresh

    warehouse = tmp_path_factory.mktemp("base") / "warehouse.duckdb"
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(ops, "code_version", lambda: "pinned-for-tests")
        mp.setattr(ops, "parser_version", lambda: "pinned-for-tests")
        summary = refresh(reports_dir=SAMPLE_REPORTS, tickets_dir=SAMPLE_TICKETS, warehouse=warehouse)
    assert summary.published, summary
    return warehouse


@pytest.fixture
def served(base_warehouse, tmp_path) -> Path:
    """A private copy of this module's warehouse, so each test starts from the same published build."""
    warehouse = tmp_path / "served" / "warehouse.duckdb"
    warehouse.parent.mkdir()
    shutil.copy(base_warehouse, warehouse)
    return warehouse


def _query(warehouse: Path, sql: str) -> list[tuple]:
    con = connect_readonly(warehouse)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def _stray_builds(warehouse: Path) -> list[Path]:
    return list(warehouse.parent.glob(f".{warehouse.stem}.building-*"))


def _artifacts(flow_run_id) -> dict[str, str]:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId

    with get_client(sync_client=True) as client:
        found = client.read_artifacts(artifact_filter=ArtifactFilter(
            flow_run_id=ArtifactFilterFlowRunId(any_=[flow_run_id])))
    return {a.key: a.data if isinstance(a.data, str) else json.dumps(a.data) for a in found}


def test_a_refresh_with_unchanged_inputs_skips_the_build(served):
    from flows.refresh import refresh

    before = served.read_bytes()
    started = time.perf_counter()
    summary = refresh(reports_dir=SAMPLE_REPORTS, tickets_dir=SAMPLE_TICKETS, warehouse=served)
    elapsed = time.perf_counter() - started

    assert summary.unchanged and summary.status == "unchanged" and not summary.published
    assert served.read_bytes() == before
    assert {f.file for f in summary.reports} == {p.name for p in SAMPLE_REPORTS.iterdir()}
    history = ops.run_history(served)
    assert [r.status for r in history[:2]] == ["unchanged", "published"]
    assert history[0].run_id == summary.run_id
    assert elapsed < 15, f"an unchanged refresh took {elapsed:.1f} s"


def test_a_failing_data_test_fails_the_run_and_the_old_warehouse_keeps_serving(served, monkeypatch):
    """A fact with a metric code outside the catalog breaks the relationships test on fct_metric_value."""
    import flows.refresh as refresh_module

    load_report = refresh_module.load_report

    def load_with_a_bad_fact(con, report, path):
        load_report(con, report, path)
        unit = report.facts[0].unit_name if report.facts else None  # a unit dim_unit knows, so the row survives
        con.execute("insert into raw.report_facts (document_id, metric, value, value_year, report_year, unit_name, "
                    "source_kind, file_name, page, line, excerpt) values (?, ?, 1, 2020, 2020, ?, 'prose', ?, 1, 1, 'x')",
                    [report.document_id, BAD_METRIC, unit, report.file_name])

    monkeypatch.setattr(refresh_module, "load_report", load_with_a_bad_fact)
    before = served.read_bytes()

    state = refresh_module.refresh(reports_dir=SAMPLE_REPORTS, tickets_dir=SAMPLE_TICKETS, warehouse=served,
                                   force=True, return_state=True)

    assert state.is_failed()
    assert "relationships_fct_metric_value_metric_code" in state.message
    assert "keeps serving" in state.message
    assert served.read_bytes() == before
    assert not _stray_builds(served)
    assert _query(served, f"select count(*) from fct_metric_value where metric_code = '{BAD_METRIC}'") == [(0,)]

    failed = ops.run_history(served)[0]
    assert failed.status == "failed" and not failed.published
    assert "relationships_fct_metric_value_metric_code" in failed.failed_tests

    artifacts = _artifacts(state.state_details.flow_run_id)
    assert {"refresh-summary", "refresh-documents", "refresh-quarantine", "refresh-dbt-tests"} <= set(artifacts)
    assert "relationships_fct_metric_value_metric_code" in artifacts["refresh-dbt-tests"]
    assert "keeps serving" in artifacts["refresh-summary"]


def test_a_published_build_carries_the_run_log_and_reuses_cached_parses(served):
    from flows.refresh import refresh

    unchanged = refresh(reports_dir=SAMPLE_REPORTS, tickets_dir=SAMPLE_TICKETS, warehouse=served)
    summary = refresh(reports_dir=SAMPLE_REPORTS, tickets_dir=SAMPLE_TICKETS, warehouse=served, force=True)

    assert summary.published and summary.status == "published"
    assert all(f.cached for f in summary.reports if f.status != "quarantined"), summary.reports
    rows = _query(served, "select run_id, status, published from ops.run_log order by started_at")
    assert [r[1:] for r in rows[-2:]] == [("unchanged", False), ("published", True)], (rows, unchanged.status)
    assert rows[-2][0] == unchanged.run_id and rows[-1][0] == summary.run_id
    assert rows[0][1] == "published"  # the base build's own row, carried over from the copied warehouse
    assert ops.last_published_fingerprint(served) == summary.input_fingerprint

    lines = [json.loads(line) for line in ops.OpsPaths(served).log_file.read_text().splitlines()]
    mine = [line for line in lines if line["run_id"] == summary.run_id]
    phases = [line["phase"] for line in mine if "phase" in line]
    assert phases == ["start", "ingest_reports", "ingest_tickets", "dbt", "publish", "finished"]
    assert any(line.get("flow_name") == "ingest_reports" for line in mine)

    artifacts = _artifacts(summary.run_id)
    documents = json.loads(artifacts["refresh-documents"])
    assert {d["file"] for d in documents} >= {p.name for p in SAMPLE_REPORTS.iterdir()}
    assert all(d["parse"] == "cached" for d in documents if d["kind"] == "report")


def test_a_second_refresh_of_the_same_warehouse_waits_its_turn(served):
    from flows.refresh import refresh

    with ops.refresh_lock(served):
        assert ops.running_refresh(served).startswith("pid ")
        state = refresh(reports_dir=SAMPLE_REPORTS, tickets_dir=SAMPLE_TICKETS, warehouse=served, return_state=True)
    assert state.is_failed() and "another refresh" in state.message
    assert ops.running_refresh(served) is None


def test_the_deployment_runs_nightly_in_oslo_time(prefect_harness, tmp_path):
    from prefect.client.orchestration import get_client

    from flows.deploy import DEPLOYMENT_NAME, FLOW_NAME, refresh_deployment

    settings = ops.get_ops_settings()
    deployment = refresh_deployment(cron=settings.refresh_cron, timezone=settings.refresh_timezone,
                                    warehouse=tmp_path / "w.duckdb", workers=2)
    deployment.apply()
    with get_client(sync_client=True) as client:
        stored = client.read_deployment_by_name(f"{FLOW_NAME}/{DEPLOYMENT_NAME}")
    [schedule] = stored.schedules
    assert schedule.active
    assert schedule.schedule.cron == "0 2 * * *"
    assert schedule.schedule.timezone == "Europe/Oslo"
    assert stored.parameters == {"warehouse": str((tmp_path / "w.duckdb").resolve()), "workers": 2}
    assert stored.global_concurrency_limit.limit == 1
    assert stored.entrypoint == "flows.refresh.refresh"


def test_the_schedule_comes_from_the_settings(monkeypatch):
    monkeypatch.setenv("KOMMUNEDATA_REFRESH_CRON", "30 5 * * 1-5")
    monkeypatch.setenv("KOMMUNEDATA_WORKERS", "3")
    settings = ops.get_ops_settings()
    assert (settings.refresh_cron, settings.refresh_timezone, settings.workers) == ("30 5 * * 1-5", "Europe/Oslo", 3)


def test_inbox_change_starts_a_run_of_the_deployment(prefect_harness, tmp_path):
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import DeploymentFilter, DeploymentFilterId

    from flows.deploy import DEPLOYMENT_NAME, InboxWatcher, refresh_deployment, trigger_deployment_run

    deployment_id = refresh_deployment(cron="0 2 * * *", timezone="Europe/Oslo").apply()
    inbox = tmp_path / "reports"
    inbox.mkdir()
    watcher = InboxWatcher(inbox, tmp_path / "tickets", "duckdb")
    watcher.poll()
    (inbox / "ny-rapport.txt").write_text("Årsrapport 2021\n", encoding="utf-8")
    assert not watcher.poll()  # just appeared: wait one more poll for the copy to finish
    assert watcher.poll()
    trigger_deployment_run()
    with get_client(sync_client=True) as client:
        runs = client.read_flow_runs(deployment_filter=DeploymentFilter(id=DeploymentFilterId(any_=[deployment_id])))
    assert any("inbox-change" in r.tags for r in runs), [(r.name, r.tags) for r in runs]
    assert DEPLOYMENT_NAME


def test_status_shows_runs_and_freshness(served):
    from typer.testing import CliRunner

    from app.cli import cli

    result = CliRunner().invoke(cli, ["status", "--warehouse", str(served)], env={"COLUMNS": "250"})
    assert result.exit_code == 0, result.output
    assert "newest document loaded" in result.output
    assert "published" in result.output
    assert ops.read_run_log(served)[0].run_id[:8] in result.output


def test_publish_refuses_a_build_without_the_required_tables(tmp_path):
    from flows import publish

    served = tmp_path / "warehouse.duckdb"
    build = publish.new_build_path(served)
    duckdb.connect(str(build)).close()
    with pytest.raises(RuntimeError, match="missing ops.run_log"):
        publish.publish(build, served, required_tables=("ops.run_log",))
    assert not served.exists()


def test_an_edit_of_the_alias_file_rebuilds_and_its_entries_reach_the_warehouse(served, tmp_path):
    from flows.refresh import refresh

    aliases = tmp_path / "aliases.yaml"
    # no alias file is what the base build had: nothing to rebuild, and no ticket has a provider
    assert refresh(reports_dir=SAMPLE_REPORTS, tickets_dir=SAMPLE_TICKETS, warehouse=served,
                   aliases=aliases).status == "unchanged"
    assert _query(served, "select count(*), count(provider_unit_key) from fct_ticket")[0][1] == 0

    aliases.write_text("ticket_providers:\n  - {source_system: topdesk, provider: Hedmark IKT}\n", encoding="utf-8")
    summary = refresh(reports_dir=SAMPLE_REPORTS, tickets_dir=SAMPLE_TICKETS, warehouse=served, aliases=aliases)
    assert summary.status == "published"
    assert _query(served, "select distinct provider_unit_key from fct_ticket") == [("hedmark-ikt",)]
