"""End to end through the installed CLI: refresh the bundled sample (plus bad files), then ask."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from flows.warehouse import connect_readonly
from tests.conftest import ROOT, SAMPLE_ALIASES, SAMPLE_REPORTS, SAMPLE_TICKETS

CLI = [sys.executable, "-m", "app.cli"]


def run_cli(*args: str, timeout: int = 600) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, *args], cwd=ROOT, capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, "COLUMNS": "200"})


@pytest.fixture(scope="module")
def cli_warehouse(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    inbox = tmp_path_factory.mktemp("inbox")
    shutil.copytree(SAMPLE_REPORTS, inbox / "reports")
    (inbox / "reports" / "tom-rapport.pdf").write_bytes(b"")
    (inbox / "reports" / "odelagt.docx").write_bytes(b"PK\x03\x04 this is not a real docx")
    warehouse = tmp_path_factory.mktemp("wh") / "warehouse.duckdb"
    proc = run_cli("refresh", "--reports", str(inbox / "reports"), "--tickets", str(SAMPLE_TICKETS),
                   "--aliases", str(SAMPLE_ALIASES), "--warehouse", str(warehouse))
    return warehouse, proc


def test_refresh_quarantines_bad_files_and_still_builds(cli_warehouse):
    warehouse, proc = cli_warehouse
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert warehouse.exists()
    assert "tom-rapport.pdf" in proc.stderr and "odelagt.docx" in proc.stderr
    assert "quarantined" in proc.stderr

    con = connect_readonly(warehouse)
    status = dict(con.execute("select file_name, status from dim_document").fetchall())
    con.close()
    assert status["tom-rapport.pdf"] == "quarantined"
    assert status["odelagt.docx"] == "quarantined"
    assert status["vr-regnskap-og-lonn-2020.pdf"] == "loaded"
    # the sample carries the real report's misprint (2019 "Sum utgifter" printed 42 048, lines add up to 50 333):
    # published and marked, not blocked
    assert status["varit-2020.docx"] == "inconsistent"


def test_refresh_takes_names_and_the_ticket_provider_from_the_alias_file(cli_warehouse):
    warehouse, _ = cli_warehouse
    con = connect_readonly(warehouse)
    try:
        providers = con.execute("select distinct provider_unit_key from fct_ticket").fetchall()
        unit = con.execute("select unit_name, organisation_key from dim_unit where unit_key = 'vr-lonn-regnskap'").fetchall()
    finally:
        con.close()
    assert providers == [("hedmark-ikt",)]
    assert unit == [("VR lønn/regnskap", "varnesregionen")]


def test_a_broken_alias_file_stops_the_refresh_with_file_entry_and_field(cli_warehouse, tmp_path):
    warehouse, _ = cli_warehouse
    served = tmp_path / "w.duckdb"
    shutil.copy(warehouse, served)
    before = served.read_bytes()
    aliases = tmp_path / "aliases.yaml"
    aliases.write_text("units:\n  - {name: Økonomi, aliases: 7}\n", encoding="utf-8")
    proc = run_cli("refresh", "--reports", str(SAMPLE_REPORTS), "--aliases", str(aliases),
                   "--warehouse", str(served))
    assert proc.returncode == 1
    message = " ".join(proc.stderr.split())
    assert f"{aliases}: units[1], field 'aliases': expected a list of non-empty names" in message
    assert "Traceback" not in proc.stderr
    assert served.read_bytes() == before


def test_ask_json_follows_the_contract(cli_warehouse):
    warehouse, _ = cli_warehouse
    proc = run_cli("ask", "sykefravær VR lønn 2020", "--json", "--warehouse", str(warehouse))
    assert proc.returncode == 0, proc.stderr
    answer = json.loads(proc.stdout)
    assert set(answer) >= {"question", "status", "engine", "sql", "columns", "rows", "answer", "sources",
                           "chart", "elapsed_ms"}
    assert answer["status"] == "ok" and answer["engine"] == "verified" and answer["verified"] is True
    assert [2020, 2.5] == answer["rows"][0][-2:]
    assert "2,5\u00a0%" in answer["answer"]
    assert answer["sources"][0]["document"] == "vr-regnskap-og-lonn-2020.pdf"
    assert isinstance(answer["sources"][0]["page"], int)


def test_planner_answers_the_same_question_without_the_verified_shortcut(cli_warehouse):
    warehouse, _ = cli_warehouse
    verified = json.loads(run_cli("ask", "sykefravær VR lønn 2020", "--json", "--warehouse", str(warehouse)).stdout)
    planned = json.loads(run_cli("ask", "sykefravær VR lønn 2020", "--json", "--engine", "planner",
                                 "--warehouse", str(warehouse)).stdout)
    assert planned["engine"] == "planner"
    assert planned["rows"] == verified["rows"] and planned["columns"] == verified["columns"]


def test_ask_file_answers_each_line_in_order(cli_warehouse, tmp_path):
    warehouse, _ = cli_warehouse
    questions = ["sykefravær VR lønn 2020", "regnskap mot budsjett for VARIT 2020", "hva blir været i morgen"]
    qfile = tmp_path / "q.txt"
    qfile.write_text("\n".join(questions) + "\n", encoding="utf-8")
    proc = run_cli("ask", "--file", str(qfile), "--json", "--warehouse", str(warehouse))
    assert proc.returncode == 0, proc.stderr
    answers = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [a["question"] for a in answers] == questions
    assert [a["status"] for a in answers] == ["ok", "ok", "unanswerable"]
    assert answers[2]["rows"] == []


def test_budget_question_computes_variance_from_actual_and_budget(cli_warehouse):
    warehouse, _ = cli_warehouse
    answer = json.loads(run_cli("ask", "regnskap mot budsjett for VARIT 2020", "--json",
                                "--warehouse", str(warehouse)).stdout)
    cols = answer["columns"]
    rows = {r[cols.index("account")].lower(): r for r in answer["rows"]}
    salary = next(r for label, r in rows.items() if label.startswith("lønn og sosiale"))
    assert salary[cols.index("actual_nok")] == 16_194_000
    assert salary[cols.index("budget_nok")] == 17_122_000
    assert salary[cols.index("variance_nok")] == 928_000
    assert answer["chart"]["kind"] == "bar"


def test_qualitative_sick_leave_is_not_turned_into_a_number(cli_warehouse):
    warehouse, _ = cli_warehouse
    answer = json.loads(run_cli("ask", "sykefravær VARIT 2020", "--json", "--warehouse", str(warehouse)).stdout)
    assert answer["status"] == "unanswerable"
    assert answer["rows"] == []
    assert "VARIT" in answer["answer"]


def test_refresh_with_nothing_usable_keeps_the_old_warehouse(tmp_path, cli_warehouse):
    warehouse, _ = cli_warehouse
    served = tmp_path / "w.duckdb"
    shutil.copy(warehouse, served)
    before = served.read_bytes()
    proc = subprocess.run([*CLI, "refresh", "--reports", str(tmp_path / "none"), "--warehouse", str(served)],
                          cwd=ROOT, capture_output=True, text=True, timeout=600,
                          env={**os.environ, "KOMMUNEDATA_DBT_TARGET": "does-not-exist", "COLUMNS": "200"})
    assert proc.returncode != 0
    assert "unchanged" in proc.stderr
    assert served.read_bytes() == before


def test_ask_exits_non_zero_with_one_sentence_on_a_missing_or_broken_warehouse(cli_warehouse, tmp_path):
    missing = run_cli("ask", "sykefravær 2020", "--warehouse", str(tmp_path / "none.duckdb"), "--json")
    assert missing.returncode == 1
    assert json.loads(missing.stdout)["status"] == "error"
    truncated = tmp_path / "truncated.duckdb"
    truncated.write_bytes(cli_warehouse[0].read_bytes()[:100_000])
    broken = run_cli("ask", "sykefravær 2020", "--warehouse", str(truncated))
    assert broken.returncode == 1
    assert "kan ikke leses" in broken.stdout
    assert "Traceback" not in broken.stdout + broken.stderr


def test_the_losing_one_of_two_refreshes_says_so_without_a_traceback(cli_warehouse):
    from flows import ops

    warehouse, _ = cli_warehouse
    with ops.refresh_lock(warehouse):
        proc = run_cli("refresh", "--reports", str(SAMPLE_REPORTS), "--tickets", str(SAMPLE_TICKETS),
                       "--warehouse", str(warehouse))
    assert proc.returncode == 1
    assert "Another refresh of this warehouse is running" in proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr
