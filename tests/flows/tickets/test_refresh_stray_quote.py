"""A refresh whose only ticket export has one stray quote publishes every good row (issue 15, item 3)."""
from __future__ import annotations

from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[3]
SAMPLE = ROOT / "data" / "sample" / "tickets" / "topdesk_tickets_2021-10-01.csv"


def test_one_stray_quote_does_not_empty_the_published_warehouse(prefect_harness, tmp_path):
    from flows.refresh import refresh

    lines = SAMPLE.read_bytes().split(b"\r\n")
    header, data = lines[0], [ln for ln in lines[1:] if ln]
    cells = data[100].split(b";")
    cells[6] = b'"' + cells[6]  # a quote at the start of the category cell, never closed
    data[100] = b";".join(cells)
    inbox = tmp_path / "tickets"
    inbox.mkdir()
    (inbox / SAMPLE.name).write_bytes(b"\r\n".join([header, *data]) + b"\r\n")
    reports = tmp_path / "reports"
    reports.mkdir()
    warehouse = tmp_path / "warehouse.duckdb"

    summary = refresh(reports_dir=reports, tickets_dir=inbox, warehouse=warehouse)

    assert summary.published, summary
    (outcome,) = summary.tickets
    assert outcome.status == "loaded" and outcome.rows_quarantined == 1, outcome
    assert outcome.detail.startswith(f"{len(data) - 1} rows loaded"), outcome
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        assert con.execute("select count(*) from main.fct_ticket").fetchone()[0] == len(data) - 1
        row, reason = con.execute("select row_number, reason from raw.ticket_quarantine").fetchone()
    finally:
        con.close()
    assert row == 102 and "stray quote" in reason and "Kategori" in reason
