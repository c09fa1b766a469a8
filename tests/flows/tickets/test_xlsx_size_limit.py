"""An XLSX ticket export is a ZIP container: its uncompressed size is checked (flows.limits) before
openpyxl opens it, as for DOCX reports, so a small "zip bomb" is rejected instead of inflated."""
from __future__ import annotations

import datetime as dt
import zipfile

import duckdb
import pytest

from flows.limits import MB
from flows.tickets.load import load_ticket_exports
from tests.flows.test_limits import understate_sizes


@pytest.fixture()
def con():
    connection = duckdb.connect()
    yield connection
    connection.close()


def servicenow_xlsx(path, filler_mb: float = 0.0):
    """A two-row ServiceNow export; filler_mb of one repeated character in cells right of the header
    (compresses to almost nothing, inflates to filler_mb MB of XML; a cell holds at most 32 767)."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["number", "opened_at", "state", "priority", "short_description"])
    sheet.append(["INC0000001", dt.datetime(2021, 9, 30, 14, 0), 6, "1 - Critical", "lang",
                  *["x" * 32_000] * int(filler_mb * MB / 32_000)])
    sheet.append(["INC0000002", dt.datetime(2021, 10, 1, 8, 0), 2, "4 - Low", "kort"])
    book.save(path)
    return path


def test_an_xlsx_larger_than_the_limit_uncompressed_is_rejected_and_the_others_load(con, tmp_path):
    bomb = servicenow_xlsx(tmp_path / "a_incidents.xlsx", filler_mb=3)
    assert bomb.stat().st_size < 0.2 * MB  # small on disk
    good = tmp_path / "b_topdesk.csv"
    good.write_text("Number;CallDate\nT1;01.03.2021\n", encoding="utf-8")
    result = load_ticket_exports(con, [bomb, good], max_archive_bytes=1 * MB)
    by_name = {f.file: f for f in result.files}
    rejected = by_name[str(bomb)]
    assert rejected.status == "rejected"
    assert rejected.message.startswith(f"{bomb}: larger than 1 MB uncompressed")
    assert "KOMMUNEDATA_MAX_DOCUMENT_MB" in rejected.message
    assert by_name[str(good)].status == "loaded"
    assert con.execute("select ticket_id from raw.tickets").fetchall() == [("T1",)]
    assert con.execute("select file, row_number, reason from raw.ticket_quarantine").fetchall() == [
        (str(bomb), None, rejected.message)]
    # the same file under a generous limit loads: the check refuses size, not content
    again = load_ticket_exports(con, [bomb], max_archive_bytes=10 * MB).files[0]
    assert (again.status, again.rows_loaded) == ("loaded", 2)


def test_an_xlsx_that_understates_its_sizes_is_rejected_by_what_it_inflates_to(con, tmp_path):
    liar = servicenow_xlsx(tmp_path / "incidents.xlsx", filler_mb=3)
    sizes = {i.filename: i.file_size for i in zipfile.ZipFile(liar).infolist()}
    big = max(sizes, key=sizes.get)
    assert sizes[big] > 2 * MB
    understate_sizes(liar, big, 1000)
    f = load_ticket_exports(con, [liar], max_archive_bytes=10 * MB).files[0]
    assert f.status == "rejected"
    assert f"{big} declares 1000 bytes" in f.message
    assert con.execute("select count(*) from raw.tickets").fetchone() == (0,)


def test_the_default_limit_is_the_document_setting(con, tmp_path, monkeypatch):
    bomb = servicenow_xlsx(tmp_path / "incidents.xlsx", filler_mb=3)
    monkeypatch.setenv("KOMMUNEDATA_MAX_DOCUMENT_MB", "1")
    assert load_ticket_exports(con, [bomb]).files[0].status == "rejected"
    monkeypatch.setenv("KOMMUNEDATA_MAX_DOCUMENT_MB", "50")
    assert load_ticket_exports(con, [bomb]).files[0].status == "loaded"
