"""The two real seed documents (../shared/seeds) through the whole path: refresh, then ask via the CLI."""
from __future__ import annotations

import json

from flows.warehouse import connect_readonly
from tests.conftest import SEED_FILES
from tests.integration.test_cli import run_cli


def test_seed_sick_leave_vr_lonn_2020(seed_warehouse):
    proc = run_cli("ask", "sykefravær VR lønn 2020", "--json", "--warehouse", str(seed_warehouse))
    assert proc.returncode == 0, proc.stderr
    answer = json.loads(proc.stdout)
    assert answer["status"] == "ok"
    assert any(row[-1] == 2.5 and 2020 in row for row in answer["rows"]), answer["rows"]
    seed_names = {f.name for f in SEED_FILES}
    assert any(s["document"] in seed_names for s in answer["sources"]), answer["sources"]
    assert any("2,5" in s["excerpt"] for s in answer["sources"])


def test_seed_documents_are_loaded_with_facts(seed_warehouse):
    con = connect_readonly(seed_warehouse)
    try:
        docs = con.execute("select file_name, status, fact_count, account_count from dim_document").fetchall()
        hedmark_cases = con.execute(
            "select value from fct_metric_value where metric_code = 'cases' and value_year = 2021 "
            "and quarter = 3 and is_latest").fetchall()
    finally:
        con.close()
    assert {d[0] for d in docs} == {f.name for f in SEED_FILES}
    assert all(d[2] > 0 and d[3] > 0 for d in docs), docs
    # 000 prints a VARIT 2019 "Sum utgifter" (42 048) its lines do not add up to (50 333): published, marked
    status = {d[0]: d[1] for d in docs}
    assert status == {"000_150e2895972290bb.txt": "inconsistent", "003_4805e15b5dd4d571.txt": "loaded"}, docs
    assert hedmark_cases == [(8388.0,)]


def test_seed_budget_question_for_varit(seed_warehouse):
    answer = json.loads(run_cli("ask", "regnskap mot budsjett for VARIT 2020", "--json",
                                "--warehouse", str(seed_warehouse)).stdout)
    assert answer["status"] == "ok"
    cols = answer["columns"]
    salary = next(r for r in answer["rows"] if r[cols.index("account")].lower().startswith("lønn og sosiale"))
    assert salary[cols.index("actual_nok")] == 16_194_000
    assert salary[cols.index("variance_nok")] == 928_000
