"""One odd document never blocks the others (issue 15 item 1): a refresh of every real report we have
publishes, and a report that contradicts its own figures is published marked 'inconsistent'."""
from __future__ import annotations

from pathlib import Path

from flows.warehouse import connect_readonly
from tests.conftest import CORPUS_REPORTS, REAL_REPORTS, SEED_FILES, shared_files

HIKT_SEED = "003_4805e15b5dd4d571.txt"


def _query(path: Path, sql: str) -> list[tuple]:
    con = connect_readonly(path)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_all_real_reports_and_a_self_contradicting_one_publish(prefect_harness, tmp_path):
    from flows.refresh import refresh

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    files = shared_files(CORPUS_REPORTS, "*.txt") + shared_files(REAL_REPORTS, "*.pdf") + list(SEED_FILES)
    assert any(f.name == HIKT_SEED for f in files)
    for f in files:
        (inbox / f.name).write_bytes(f.read_bytes())
    # the same statement with one misprinted sum row (note 1, 153 885 559,20 -> 163 885 559,20): its § 5-6
    # lines no longer add up to it
    text = (inbox / HIKT_SEED).read_text(encoding="utf-8")
    assert "Sum driftsutgifter 1 153 885 559,20" in text
    (inbox / "misprinted.txt").write_text(
        text.replace("Sum driftsutgifter 1 153 885 559,20", "Sum driftsutgifter 1 163 885 559,20"), encoding="utf-8")
    warehouse = tmp_path / "warehouse.duckdb"

    summary = refresh(reports_dir=inbox, tickets_dir=None, warehouse=warehouse)

    assert summary.published, summary.message
    outcomes = {o.file: o for o in summary.reports}
    assert set(outcomes) == {f.name for f in files} | {"misprinted.txt"}
    assert outcomes["misprinted.txt"].status == "inconsistent"
    assert "Sum driftsutgifter" in outcomes["misprinted.txt"].detail
    assert outcomes[HIKT_SEED].status == "loaded"
    status = dict(_query(warehouse, "select file_name, status from dim_document"))
    assert status["misprinted.txt"] == "inconsistent" and status[HIKT_SEED] == "loaded"
    # its figures are published and traceable, not dropped
    published = _query(warehouse, """
        select count(*) from fct_account_amount a join dim_document d using (document_id)
        where d.file_name = 'misprinted.txt'""")[0][0]
    assert published > 0
    failing = _query(warehouse, """
        select r.explanation from fct_reconciliation r join dim_document d using (document_id)
        where d.file_name = 'misprinted.txt' and r.status = 'differs' and r.severity = 'error'""")
    assert any("Sum driftsutgifter" in e and "163885559" in e.replace(" ", "") for (e,) in failing), failing
