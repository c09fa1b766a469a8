"""Failing dbt tests are traced to the documents their rows came from (flows.test_failures), on a real build:
the realistic raw fixture with one bad document per test kind, built by dbt, then traced and left out."""
from __future__ import annotations

import duckdb
import pytest
from dbt_runs import build_planted, describe
from raw_fixture import HIKT_DOC, VARIT_DOC, VR_DOC

from flows import test_failures as failing

# A document listed twice (two raw rows with one document_id: dim_document's unique key breaks) and a table cell
# read without its line (fct_report_cell's key, made of the cell's position, is null).
TWICE = f"insert into raw.documents select * from raw.documents where document_id = '{HIKT_DOC}'"
NO_LINE = f"""insert into raw.report_cells (document_id, file_name, page, line, table_number, row_label, column_index,
    printed, value) select document_id, file_name, 3, null, 1, 'Sum', 1, '12', 12 from raw.documents
    where document_id = '{VARIT_DOC}'"""


@pytest.fixture(scope="module")
def failed_build(dbt_sandbox, tmp_path_factory):
    path = tmp_path_factory.mktemp("failing") / "warehouse.duckdb"
    return path, build_planted(dbt_sandbox, path, TWICE, NO_LINE)


def _files(path) -> dict[str, str]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return dict(con.execute("select document_id, file_name from raw.documents").fetchall())
    finally:
        con.close()


def test_each_failing_test_traces_to_the_document_its_rows_came_from(failed_build):
    path, result = failed_build
    assert {n.name for n in result.failed_nodes} == {"unique_dim_document_document_id",
                                                      "not_null_fct_report_cell_cell_id"}, describe(result)
    names = _files(path)
    con = duckdb.connect(str(path))
    try:
        traces = {t.test: {f.document_id: rows for f, rows in t.rows.items()} for t in failing.trace_failures(con, result)}
        plan = failing.plan(con, result)
    finally:
        con.close()
    assert traces == {"unique_dim_document_document_id": {HIKT_DOC: 2},
                      "not_null_fct_report_cell_cell_id": {VARIT_DOC: 1}}
    assert plan.refusal is None
    reasons = {f.name: reason for f, reason in plan.files.items()}
    assert set(reasons) == {names[HIKT_DOC], names[VARIT_DOC]}
    assert reasons[names[HIKT_DOC]] == (
        "dbt test unique_dim_document_document_id failed on 2 rows from this document (dim_document.document_id "
        "must be unique); the document was left out of this publish")
    assert reasons[names[VARIT_DOC]].startswith("dbt test not_null_fct_report_cell_cell_id failed on 1 row from")


def test_leaving_documents_out_removes_their_rows_from_every_raw_table_and_records_why(failed_build, tmp_path):
    path, result = failed_build
    copy = tmp_path / "warehouse.duckdb"
    copy.write_bytes(path.read_bytes())
    con = duckdb.connect(str(copy))
    try:
        plan = failing.plan(con, result)
        tables = [t for (t,) in con.execute("select table_name from information_schema.columns where "
                                            "table_schema = 'raw' and column_name = 'document_id'").fetchall()]
        kept_before = {t: con.execute(f"select count(*) from raw.{t} where document_id = ?", [VR_DOC]).fetchone()[0]
                       for t in tables}
        failing.leave_out_reports(con, plan.reports)
        left = {t: con.execute(f"select count(*) from raw.{t} where document_id in (?, ?)",
                               [HIKT_DOC, VARIT_DOC]).fetchone()[0] for t in tables}
        kept = {t: con.execute(f"select count(*) from raw.{t} where document_id = ?", [VR_DOC]).fetchone()[0]
                for t in tables}
        quarantined = dict(con.execute("select file_name, reason from raw.document_quarantine").fetchall())
    finally:
        con.close()
    assert {"documents", "report_facts", "report_accounts", "report_cells"} <= set(tables)
    assert set(left.values()) == {0}
    assert kept == kept_before and kept["documents"] == 1 and kept["report_accounts"] > 0
    assert {f.name: reason for f, reason in plan.files.items()}.items() <= quarantined.items()


def test_a_failure_traced_to_every_document_or_to_none_leaves_nothing_out(failed_build):
    path, result = failed_build
    con = duckdb.connect(str(path), read_only=True)
    try:
        traces = failing.trace_failures(con, result)
        loaded = failing.loaded_files(con)
    finally:
        con.close()
    reports = [f for f in loaded if f.kind == "report"]
    everyone = failing.FailureTrace("t", rows={f: 1 for f in reports})
    assert "every loaded report" in failing.plan_leave_out([everyone], [], loaded).refusal
    nowhere = failing.FailureTrace("accepted_values_dim_x_y", untraced="its rows name no document or file")
    refused = failing.plan_leave_out([*traces, nowhere], [], loaded)
    assert not refused.files and "accepted_values_dim_x_y cannot be traced" in refused.refusal
    model = failing.plan_leave_out(traces, ["dim_unit"], loaded)
    assert not model.files and "dim_unit" in model.refusal
