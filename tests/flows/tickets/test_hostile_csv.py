"""Malformed and unusual exports: one bad row never takes its file down, and every problem is named.

Each test writes a small export, loads it into an in-memory DuckDB and checks what landed in
raw.tickets and raw.ticket_quarantine (file, row, column, raw text).
"""
from __future__ import annotations

import datetime as dt

import duckdb
import pytest

from flows.tickets.load import load_ticket_exports

UTC = dt.timezone.utc
HEADER = "Number;CallDate;ClosedDate;Priority;Category;ProcessingStatus"


@pytest.fixture()
def con():
    connection = duckdb.connect()
    yield connection
    connection.close()


def rows(con, sql: str, params=None):
    return con.execute(sql, params or []).fetchall()


def _lines(n: int) -> list[str]:
    return [f"T{i};{1 + i % 28}.3.2021 08:{i % 60:02d};;C - Normal;Kategori {i % 7};Registrert" for i in range(n)]


@pytest.mark.parametrize("warehouse", ["empty", "with tickets"])
def test_a_stray_quote_quarantines_its_row_only(con, tmp_path, warehouse):
    if warehouse == "with tickets":
        earlier = tmp_path / "earlier_2020-01-01.csv"
        earlier.write_text(HEADER + "\nX1;01.01.2020;;C;Nett;Lukket\n", encoding="utf-8")
        load_ticket_exports(con, [earlier])
    lines = _lines(2000)
    lines[40] = 'T40;10.3.2021 08:40;;C - Normal;"Nettverk og "trådløst;Registrert'
    path = tmp_path / "topdesk_2021-04-01.csv"
    path.write_text(HEADER + "\n" + "\n".join(lines) + "\n", encoding="utf-8")
    f = load_ticket_exports(con, [path]).files[-1]
    assert (f.status, f.rows_loaded, f.rows_quarantined) == ("partial", 1999, 1)
    assert rows(con, "select count(*) from raw.tickets where source_file = ?", [str(path)]) == [(1999,)]
    (file, row, raw, reason), = rows(con, "select file, row_number, raw_row, reason from raw.ticket_quarantine "
                                          "where file = ?", [str(path)])
    assert (file, row, raw) == (str(path), 42, lines[40])
    assert "stray quote" in reason and "column Category" in reason and "field 5" in reason
    assert f.message and "row 42" in f.message


def test_a_quoted_line_break_is_still_one_value(con, tmp_path):
    path = tmp_path / "multiline.csv"
    path.write_text(HEADER + '\nT1;01.03.2021;;C;"Nett\nverk";Lukket\nT2;02.03.2021;;"C";Skriver;Ny\n'
                    'T3;03.03.2021;;C;"Epost ""Outlook""";Ny\n', encoding="utf-8")
    f = load_ticket_exports(con, [path]).files[0]
    assert (f.status, f.rows_loaded) == ("loaded", 3)
    assert rows(con, "select category from raw.tickets order by ticket_id") == [
        ("Nett\nverk",), ("Skriver",), ('Epost "Outlook"',)]


@pytest.mark.parametrize("encoding, bom, name", [
    ("utf-16", b"", "UTF-16 with BOM"),  # Python writes the BOM itself
    ("utf-16-le", b"", "UTF-16 LE without BOM"),
    ("utf-16-be", b"", "UTF-16 BE without BOM"),
])
def test_utf16_exports_load(con, tmp_path, encoding, bom, name):
    path = tmp_path / "excel_unicode.csv"
    text = HEADER.replace(";", "\t") + "\nT1\t01.03.2021 08:15\t\tB\tSkriver på 3. etg\tLøst\r\n"
    path.write_bytes(bom + text.encode(encoding))
    f = load_ticket_exports(con, [path]).files[0]
    assert (f.status, f.rows_loaded, f.encoding) == ("loaded", 1, name), f.message
    assert rows(con, "select ticket_id, category, status, created_at from raw.tickets") == [
        ("T1", "Skriver på 3. etg", "resolved", dt.datetime(2021, 3, 1, 7, 15, tzinfo=UTC))]


def test_wrong_delimiter_is_named(con, tmp_path):
    path = tmp_path / "mixed.csv"
    path.write_text(HEADER + "\n" + "\n".join(line.replace(";", ",") for line in _lines(5)) + "\n",
                    encoding="utf-8")
    f = load_ticket_exports(con, [path]).files[0]
    assert f.status == "rejected"
    assert "wrong delimiter" in f.message and "';'" in f.message and "','" in f.message
    assert "found 1 field" not in f.message
    assert rows(con, "select row_number, reason from raw.ticket_quarantine") == [(1, f.message)]


def test_pipe_delimited_export_loads(con, tmp_path):
    path = tmp_path / "pipes.csv"
    path.write_text(HEADER.replace(";", "|") + "\nT1|01.03.2021||A|Nett|Ny\n", encoding="utf-8")
    f = load_ticket_exports(con, [path]).files[0]
    assert (f.status, f.rows_loaded) == ("loaded", 1)


@pytest.mark.parametrize("warehouse", ["empty", "with tickets"])
def test_duplicate_ids_in_a_file_are_reported_not_dropped(con, tmp_path, warehouse):
    if warehouse == "with tickets":
        earlier = tmp_path / "earlier_2020-01-01.csv"
        earlier.write_text(HEADER + "\nX1;01.01.2020;;C;Nett;Lukket\n", encoding="utf-8")
        load_ticket_exports(con, [earlier])
    path = tmp_path / "dups_2021-04-01.csv"
    path.write_text(HEADER + "\nT1;01.03.2021;;C;Nett;Ny\nT2;01.03.2021;;C;Nett;Ny\nT1;01.03.2021;;C;Nett;Lukket\n",
                    encoding="utf-8")
    f = load_ticket_exports(con, [path]).files[-1]
    assert (f.status, f.rows_read, f.rows_loaded, f.rows_quarantined, f.rows_duplicate_in_file) == (
        "partial", 3, 2, 1, 1)
    (row, raw, reason), = rows(con, "select row_number, raw_row, reason from raw.ticket_quarantine where file = ?",
                               [str(path)])
    assert (row, raw) == (2, "T1;01.03.2021;;C;Nett;Ny")
    assert reason.startswith('duplicate ticket id "T1" in column Number: superseded by row 4')
    assert rows(con, "select status from raw.tickets where ticket_id = 'T1'") == [("closed",)]


@pytest.mark.parametrize("content", [b"", b"\xef\xbb\xbf", b"\n\n  \n"])
def test_empty_csv_is_called_empty(con, tmp_path, content):
    path = tmp_path / "empty.csv"
    path.write_bytes(content)
    f = load_ticket_exports(con, [path]).files[0]
    assert f.status == "rejected"
    assert "the file is empty" in f.message and "preset" not in f.message


def test_header_only_csv_loads_nothing_and_says_so(con, tmp_path):
    path = tmp_path / "header_only.csv"
    path.write_text(HEADER + "\n", encoding="utf-8")
    f = load_ticket_exports(con, [path]).files[0]
    assert (f.status, f.rows_read, f.rows_loaded) == ("loaded", 0, 0)


def test_xlsx_formula_without_saved_value_is_named(con, tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Number", "CallDate", "ClosedDate", "Priority", "Notat"])
    ws.append(["T1", dt.datetime(2021, 3, 1, 8), "=B2+1", "A", "=1+1"])
    ws.append(["T2", dt.datetime(2021, 3, 2, 8), dt.datetime(2021, 3, 3, 8), "B", "=1+1"])
    path = tmp_path / "formulas.xlsx"
    wb.save(path)  # openpyxl stores formulas without computed values
    f = load_ticket_exports(con, [path]).files[0]
    assert (f.status, f.rows_loaded, f.rows_quarantined) == ("partial", 1, 1)
    (row, raw, reason), = rows(con, "select row_number, raw_row, reason from raw.ticket_quarantine")
    assert row == 2 and "=B2+1" in raw
    assert "formula =B2+1 in column ClosedDate has no saved value" in reason
    assert "Notat" not in reason  # a formula in a column the loader does not use blocks nothing
    assert rows(con, "select ticket_id from raw.tickets") == [("T2",)]


def test_null_markers_and_date_shapes(con, tmp_path):
    path = tmp_path / "values.csv"
    path.write_text(
        "Number;CallDate;ClosedDate;Priority;Category\n"
        "T1;29/2/2016 1:16;?;?;NULL\n"          # day-first, no zero padding; ? and NULL are empty
        "T2;2016-03-01T10:00:00+01:00;N/A;2 - High;Nett\n"  # ISO with offset
        "T3;1456822800;1456826400000;P1;Nett\n"  # Unix seconds and milliseconds
        "T4;42430,5;42431;Kritisk;Nett\n",      # Excel serial dates (Oslo wall clock)
        encoding="utf-8")
    f = load_ticket_exports(con, [path]).files[0]
    assert (f.status, f.rows_loaded) == ("loaded", 4), f.message
    got = {r[0]: r[1:] for r in rows(con, "select ticket_id, created_at, closed_at, priority, category from raw.tickets")}
    assert got["T1"] == (dt.datetime(2016, 2, 29, 0, 16, tzinfo=UTC), None, None, None)
    assert got["T2"] == (dt.datetime(2016, 3, 1, 9, 0, tzinfo=UTC), None, "B", "Nett")
    assert got["T3"][:3] == (dt.datetime(2016, 3, 1, 9, 0, tzinfo=UTC), dt.datetime(2016, 3, 1, 10, 0, tzinfo=UTC), "A")
    assert got["T4"][:3] == (dt.datetime(2016, 3, 1, 11, 0, tzinfo=UTC), dt.datetime(2016, 3, 1, 23, 0, tzinfo=UTC), "A")


def test_trailing_padding_rows_are_not_records(con, tmp_path):
    path = tmp_path / "padded.csv"
    path.write_text(HEADER + "\nT1;01.03.2021;;C;Nett;Ny\n" + ";;;;;\n" * 20, encoding="utf-8")
    f = load_ticket_exports(con, [path]).files[0]
    assert (f.status, f.rows_read, f.rows_loaded, f.rows_quarantined) == ("loaded", 1, 1, 0)


def test_junk_mail_rows_are_set_aside_not_loaded(con, tmp_path):
    """A mailbox export marks junk mail with the status "spam": those rows are no tickets, set aside with that reason;
    every other row loads."""
    lines = [f"{9000 + i},2024-03-{1 + i % 28:02d}T10:00:00Z,{'spam' if i % 6 == 0 else 'closed'},Hovedkø"
             for i in range(60)]
    path = tmp_path / "mailbox_2024-04-01.csv"
    path.write_text("Conversation ID,Created At,Status,Mailbox\n" + "\n".join(lines) + "\n", encoding="utf-8")
    f = load_ticket_exports(con, [path]).files[-1]
    assert (f.rows_loaded, f.rows_quarantined) == (50, 10)
    reasons = rows(con, "select distinct reason from raw.ticket_quarantine where file = ?", [str(path)])
    assert len(reasons) == 1 and "spam" in reasons[0][0]
    assert rows(con, "select count(*) from raw.tickets where lower(status_source) = 'spam'") == [(0,)]
