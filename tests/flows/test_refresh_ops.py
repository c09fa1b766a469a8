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


def _insert_bad_fact(con, report) -> None:
    """A fact of the report with a metric code outside the catalog (relationships on fct_metric_value fails)."""
    unit = report.facts[0].unit_name if report.facts else None  # a unit dim_unit knows, so the row survives
    con.execute("insert into raw.report_facts (document_id, metric, value, value_year, report_year, unit_name, "
                "source_kind, file_name, page, line, excerpt) values (?, ?, 1, 2020, 2020, ?, 'prose', ?, 1, 1, 'x')",
                [report.document_id, BAD_METRIC, unit, report.file_name])


def test_a_failing_data_test_fails_the_run_and_the_old_warehouse_keeps_serving(served, monkeypatch):
    """A fact with a metric code outside the catalog breaks the relationships test on fct_metric_value."""
    import flows.refresh as refresh_module

    load_report = refresh_module.load_report

    def load_with_a_bad_fact(con, report, path):
        load_report(con, report, path)
        _insert_bad_fact(con, report)

    monkeypatch.setattr(refresh_module, "load_report", load_with_a_bad_fact)
    before = served.read_bytes()

    state = refresh_module.refresh(reports_dir=SAMPLE_REPORTS, tickets_dir=SAMPLE_TICKETS, warehouse=served,
                                   force=True, return_state=True)

    assert state.is_failed()
    assert "relationships_fct_metric_value_metric_code" in state.message
    assert "keeps serving" in state.message
    # the rows come from every report: a fault of the build, not of a file, so no report is left out
    assert "no file was left out: the failing rows come from every loaded report" in state.message
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


def test_files_whose_rows_fail_a_data_test_are_left_out_and_the_rest_is_published(served, tmp_path, monkeypatch):
    """One report gets a table cell read without its line (fct_report_cell's key, made of the cell's position, is
    null: not_null fails) and a newer ticket export (part of the older one) a priority outside A-D on its tickets
    (accepted_values on fct_ticket fails). Both are left out with the test that failed on their rows; the rest is
    published, the older export's tickets again in place of the newer one's."""
    import flows.refresh as refresh_module
    import flows.tickets.load as ticket_load

    bad_report = sorted(p.name for p in SAMPLE_REPORTS.iterdir())[0]
    export = next(SAMPLE_TICKETS.iterdir())
    tickets = tmp_path / "tickets"
    tickets.mkdir()
    shutil.copy(export, tickets / export.name)
    newer = tickets / f"{export.stem}-2031-12-31{export.suffix}"  # the last date in a name is its export time
    newer.write_bytes(b"".join(export.read_bytes().splitlines(keepends=True)[:41]))  # the header and 40 tickets
    load_report, load_exports = refresh_module.load_report, ticket_load.load_ticket_exports

    def load_with_a_cell_without_its_line(con, report, path):
        load_report(con, report, path)
        if path.name == bad_report:
            con.execute("insert into raw.report_cells (document_id, file_name, page, line, table_number, row_label, "
                        "column_index, printed, value) values (?, ?, 1, null, 1, 'Sum', 1, '12', 12)",
                        [report.document_id, report.file_name])

    def load_with_a_bad_priority(con, paths, **kwargs):
        result = load_exports(con, paths, **kwargs)
        con.execute("update raw.ticket_rows set priority = 'X' where file_no in "
                    "(select file_no from raw.ticket_files where file like ?)", [f"%{newer.name}"])
        return result

    monkeypatch.setattr(refresh_module, "load_report", load_with_a_cell_without_its_line)
    monkeypatch.setattr(ticket_load, "load_ticket_exports", load_with_a_bad_priority)
    tickets_before = _query(served, "select count(*) from fct_ticket")[0][0]

    summary = refresh_module.refresh(reports_dir=SAMPLE_REPORTS, tickets_dir=tickets, warehouse=served, force=True)

    assert summary.published and summary.status == "published", summary.message
    outcomes = {f.file: f for f in summary.reports + summary.tickets}
    report, left_export = outcomes[bad_report], outcomes[newer.name]
    assert report.status == "quarantined" and report.detail == (
        "dbt test not_null_fct_report_cell_cell_id failed on 1 row from this document (fct_report_cell.cell_id "
        "must not be empty); the document was left out of this publish")
    assert left_export.status == "quarantined" and left_export.detail.startswith(
        "dbt test accepted_values_fct_ticket_priority__A__B__C__D failed on 40 rows from this export")
    assert outcomes[export.name].status == "loaded"
    assert [f.file for f in summary.quarantined] == [bad_report, newer.name]
    assert all(f.cached for f in summary.reports)  # parsed by the module's first refresh: the cache hides nothing
    published = {f.file for f in summary.reports if f.status in ("loaded", "inconsistent")}
    assert len(published) == len(summary.reports) - 1
    assert {r[0] for r in _query(served, "select file_name from raw.documents")} == published
    assert _query(served, f"select status, reason from dim_document where file_name = '{bad_report}'") == [
        ("quarantined", report.detail)]
    assert _query(served, "select count(*), count(distinct source_file), count(*) filter (where priority = 'X') "
                          "from fct_ticket") == [(tickets_before, 1, 0)]

    record = ops.run_history(served)[0]
    assert (record.status, record.published, record.tickets_quarantined, record.dbt_failures) == ("published", True, 1, 0)
    assert {"not_null_fct_report_cell_cell_id", "accepted_values_fct_ticket_priority__A__B__C__D"} <= set(
        record.failed_tests.split(", "))
    assert bad_report in record.message and newer.name in record.message
    artifacts = _artifacts(summary.run_id)
    quarantine = json.loads(artifacts["refresh-quarantine"])
    assert {"file": bad_report, "row": None, "reason": report.detail} in quarantine
    assert "not_null_fct_report_cell_cell_id" in artifacts["refresh-dbt-tests"]

    # the same inputs again: unchanged, the served warehouse tells the same files and reasons
    again = refresh_module.refresh(reports_dir=SAMPLE_REPORTS, tickets_dir=tickets, warehouse=served)
    assert again.status == "unchanged"
    assert {(f.file, f.status, f.detail) for f in again.quarantined} == {
        (f.file, f.status, f.detail) for f in summary.quarantined}
    assert {(f.file, f.status) for f in again.reports + again.tickets} == {
        (f.file, f.status) for f in summary.reports + summary.tickets}


def test_a_failure_hidden_behind_another_leaves_its_file_out_in_the_next_round(served, monkeypatch):
    """One report breaks fct_metric_value (a metric code outside the catalog), another is listed twice: dbt skips what
    the failed model feeds, so the second failure shows only in the rebuild; it is traced too, and both are left
    out, the rest published."""
    import flows.refresh as refresh_module

    first, second = sorted(p.name for p in SAMPLE_REPORTS.iterdir())[:2]
    load_report = refresh_module.load_report

    def load_with_two_faults(con, report, path):
        load_report(con, report, path)
        if path.name == first:
            _insert_bad_fact(con, report)
        if path.name == second:
            con.execute("insert into raw.documents select * from raw.documents where document_id = ?",
                        [report.document_id])

    monkeypatch.setattr(refresh_module, "load_report", load_with_two_faults)
    summary = refresh_module.refresh(reports_dir=SAMPLE_REPORTS, tickets_dir=SAMPLE_TICKETS, warehouse=served,
                                     force=True)

    assert summary.published, summary.message
    outcomes = {f.file: f for f in summary.reports}
    assert outcomes[first].status == "quarantined" and "relationships_fct_metric_value_metric_code" in outcomes[first].detail
    assert outcomes[second].status == "quarantined" and "unique_dim_document_document_id" in outcomes[second].detail
    assert {r[0] for r in _query(served, "select file_name from raw.documents")} == {
        f.file for f in summary.reports if f.status in ("loaded", "inconsistent")}
    assert first in summary.message and second in summary.message


def test_a_failure_no_file_explains_publishes_nothing_and_the_old_warehouse_keeps_serving(served, monkeypatch):
    """The user's alias file (no document, no export) gives an organisation the reports name a type outside the
    accepted ones: accepted_values on dim_organisation fails on rows no file is named in, so nothing is left out
    and nothing published."""
    import flows.refresh as refresh_module

    load_user_aliases = refresh_module.load_user_aliases

    def with_a_type_outside_the_accepted(con, aliases):
        load_user_aliases(con, aliases)
        (name,) = con.execute("select min(organisation) from raw.documents where organisation is not null").fetchone()
        con.execute("delete from raw.user_organisation_aliases where organisation_name = ? or alias = ?", [name, name])
        con.execute("insert into raw.user_organisation_aliases values (?, 'no_such_type', ?)", [name, name])

    monkeypatch.setattr(refresh_module, "load_user_aliases", with_a_type_outside_the_accepted)
    before = served.read_bytes()

    state = refresh_module.refresh(reports_dir=SAMPLE_REPORTS, tickets_dir=SAMPLE_TICKETS, warehouse=served,
                                   force=True, return_state=True)

    assert state.is_failed()
    assert "accepted_values_dim_organisation_organisation_type" in state.message
    assert "no file was left out" in state.message and "cannot be traced to a file" in state.message
    assert "keeps serving" in state.message
    assert served.read_bytes() == before and not _stray_builds(served)
    failed = ops.run_history(served)[0]
    assert failed.status == "failed" and not failed.published
    assert "accepted_values_dim_organisation_organisation_type" in failed.failed_tests


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
