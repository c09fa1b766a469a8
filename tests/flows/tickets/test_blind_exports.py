"""Exports from systems the loader has no preset for, written here as such systems write them: dates in the
column's own format (day or month first, 12-hour clocks, hyphens, month names, epoch, Excel serials), JSON lines
with nested objects and an event stream, a ticket-history export with CamelCase headers, a workbook with an info
sheet and one sheet per year, a priority scale that runs 5 = highest. Every row is loaded or quarantined with a
reason naming the file, the row and the field, and the distinct tickets equal a plain pandas reading."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from zoneinfo import ZoneInfo

import duckdb
import openpyxl
import pandas as pd
import pytest

from flows.tickets.load import INFER_SAMPLE_ROWS, load_ticket_exports

OSLO = ZoneInfo("Europe/Oslo")


@pytest.fixture()
def con():
    c = duckdb.connect()
    yield c
    c.close()


def _write_csv(path: Path, header: list[str], rows: list[list[str]], sep: str = ";") -> Path:
    path.write_text("\n".join(sep.join(r) for r in [header, *rows]) + "\n", encoding="utf-8")
    return path


def _created(con, file: Path) -> dict[str, dt.datetime]:
    return {t: c.astimezone(OSLO).replace(tzinfo=None) for t, c in con.execute(
        "select ticket_id, created_at from raw.tickets where source_file = ?", [str(file)]).fetchall()}


def _every_row_accounted(con, file: Path, rows: int, result) -> None:
    """Every data row loaded or quarantined: loaded + quarantined = rows, each quarantined row with its row number
    and a reason naming a column."""
    assert result.rows_loaded + result.rows_quarantined == rows, result.message
    for row, reason in con.execute("select row_number, reason from raw.ticket_quarantine where file = ?",
                                   [str(file)]).fetchall():
        assert row is not None and "column" in reason, reason


WHEN = [dt.datetime(2023, 2, 20, 11, 21), dt.datetime(2023, 3, 4, 21, 5), dt.datetime(2023, 1, 11, 9, 55),
        dt.datetime(2023, 12, 1, 0, 30), dt.datetime(2023, 7, 13, 15, 0), dt.datetime(2023, 4, 3, 8, 7)]


@pytest.mark.parametrize("fmt", ["%d/%m/%Y %I:%M %p", "%d-%m-%Y %H:%M", "%m/%d/%Y %H:%M", "%d.%m.%y %H:%M:%S",
                                 "%Y/%m/%d %H:%M", "%d/%m/%y %I:%M:%S %p"])
def test_a_date_column_is_read_in_its_own_format(tmp_path, con, fmt):
    path = _write_csv(tmp_path / "export.csv", ["Saksnummer", "Opprettet", "Kunde"],
                      [[f"S-{i}", w.strftime(fmt), "Nordby"] for i, w in enumerate(WHEN)])
    f = load_ticket_exports(con, [path]).files[0]
    assert f.status == "loaded", f.message
    assert _created(con, path) == {f"S-{i}": w for i, w in enumerate(WHEN)}


def test_day_and_month_order_is_the_columns_not_the_values(tmp_path, con):
    # 02/20/2023 says month first; 03/04/2023 in the same column is then the 4th of March, and 13/04/2023 does not
    # fit the column: quarantined with its row and the expected format
    path = _write_csv(tmp_path / "us.csv", ["Ticket ID", "Created", "Status"],
                      [["T1", "02/20/2023 10:00", "Open"], ["T2", "03/04/2023 10:00", "Open"],
                       ["T3", "13/04/2023 10:00", "Open"], ["T4", "12/31/2023 10:00", "Open"]])
    f = load_ticket_exports(con, [path]).files[0]
    assert _created(con, path) == {"T1": dt.datetime(2023, 2, 20, 10), "T2": dt.datetime(2023, 3, 4, 10),
                                   "T4": dt.datetime(2023, 12, 31, 10)}
    row, reason = con.execute("select row_number, reason from raw.ticket_quarantine where file = ?",
                              [str(path)]).fetchone()
    assert row == 4 and '"13/04/2023 10:00"' in reason and "mm/dd/yyyy" in reason and "Created" in reason
    _every_row_accounted(con, path, 4, f)


def test_an_ambiguous_column_is_read_day_first_and_says_so(tmp_path, con):
    path = _write_csv(tmp_path / "ambiguous.csv", ["Ticket ID", "Created"],
                      [["T1", "03/04/2023"], ["T2", "04/05/2023"], ["T3", "11/12/2023"]])
    f = load_ticket_exports(con, [path]).files[0]
    assert _created(con, path) == {"T1": dt.datetime(2023, 4, 3), "T2": dt.datetime(2023, 5, 4),
                                   "T3": dt.datetime(2023, 12, 11)}
    assert "ambiguous" in f.message and "day first" in f.message and "'Created'" in f.message


def test_the_order_is_read_from_the_whole_column_when_its_first_rows_cannot_tell(tmp_path, con):
    # every row of the first INFER_SAMPLE_ROWS has fields <= 12; a later one is month first
    rows = [[f"T{i}", "03/04/2023 08:00"] for i in range(INFER_SAMPLE_ROWS + 10)]
    rows.append(["LATE", "01/25/2023 08:00"])
    path = _write_csv(tmp_path / "long.csv", ["Ticket ID", "Created"], rows)
    f = load_ticket_exports(con, [path]).files[0]
    assert f.status == "loaded", f.message
    created = _created(con, path)
    assert created["T0"] == dt.datetime(2023, 3, 4, 8) and created["LATE"] == dt.datetime(2023, 1, 25, 8)


def test_month_names_norwegian_and_english(tmp_path, con):
    nb = ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober", "november",
          "desember"]
    rows = [[f"N{m}", f"{m + 3}. {name} 2023 kl. 14:05"] for m, name in enumerate(nb)]
    path = _write_csv(tmp_path / "nb.csv", ["Saksnr", "Registrert"], rows)
    load_ticket_exports(con, [path])
    assert _created(con, path) == {f"N{m}": dt.datetime(2023, m + 1, m + 3, 14, 5) for m in range(12)}
    en = _write_csv(tmp_path / "en.csv", ["Issue ID", "Date opened"],
                    [["E1", "12 Jan 2023"], ["E2", "3 March 2023"], ["E3", "28 Oct 2023"]])
    load_ticket_exports(con, [en])
    assert _created(con, en) == {"E1": dt.datetime(2023, 1, 12), "E2": dt.datetime(2023, 3, 3),
                                 "E3": dt.datetime(2023, 10, 28)}


def test_epoch_and_excel_serial_dates(tmp_path, con):
    at = dt.datetime(2023, 5, 17, 10, 30, tzinfo=dt.timezone.utc)
    path = tmp_path / "epoch.jsonl"
    path.write_text("\n".join(json.dumps({"id": f"J{i}", "created_ts": int(at.timestamp() * 1000) + i * 60000,
                                          "status": "open"}) for i in range(3)) + "\n")
    load_ticket_exports(con, [path])
    got = dict(con.execute("select ticket_id, created_at from raw.tickets where source_file = ?",
                           [str(path)]).fetchall())
    assert got == {f"J{i}": at + dt.timedelta(minutes=i) for i in range(3)}
    book = tmp_path / "serial.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Saksnummer", "Opprettet", "Status"])
    ws.append(["X1", 45000.5, "Ny"])  # a numeric cell: 2023-03-15 12:00
    ws.append(["X2", "45001,25", "Ny"])  # and as text with a decimal comma
    wb.save(book)
    load_ticket_exports(con, [book])
    assert _created(con, book) == {"X1": dt.datetime(2023, 3, 15, 12), "X2": dt.datetime(2023, 3, 16, 6)}


def test_json_lines_event_stream_is_keyed_by_the_ticket_not_the_event(tmp_path, con):
    base = int(dt.datetime(2023, 1, 2, 8, tzinfo=dt.timezone.utc).timestamp() * 1000)
    events, n = [], 0
    for t in range(25):
        steps = ["created", "assigned", "resolved"] + (["reopened", "resolved"] if t % 4 == 0 else []) + ["closed"]
        for k, kind in enumerate(steps):
            n += 1
            events.append({"event_id": f"ev-{n}", "ticket_id": f"INC{t:03d}", "type": kind,
                           "ts": base + t * 86_400_000 + k * 3_600_000,
                           "payload": {"municipality": ["Nordby kommune", "NORDBY", "Sørby"][t % 3]}})
    path = tmp_path / "stream.ndjson"
    path.write_text("\n".join(json.dumps(e) for e in events) + "\n")
    f = load_ticket_exports(con, [path]).files[0]
    plain = pd.json_normalize([json.loads(line) for line in path.read_text().splitlines()])
    assert f.tickets == plain["ticket_id"].nunique() == 25
    assert con.execute("select count(*) from raw.tickets").fetchone()[0] == 25
    _every_row_accounted(con, path, len(plain), f)
    got = {t: (c, s, r, o) for t, c, s, r, o in con.execute(
        "select ticket_id, created_at, status, reopen_count, customer_org from raw.tickets").fetchall()}
    first = dt.datetime(2023, 1, 2, 8, tzinfo=dt.timezone.utc)
    assert got["INC000"] == (first, "closed", 1, "Nordby kommune")
    assert got["INC001"] == (first + dt.timedelta(days=1), "closed", 0, "NORDBY")


def test_ticket_history_export_with_camel_case_headers_is_an_event_log(tmp_path, con):
    header = ["TicketNumber", "Created", "HistoryType", "StateNew", "ChangeTime", "CustomerID"]
    rows = []
    for t in range(1, 21):
        day = f"{t + 5:02d}/03/2023"
        steps = [("NewTicket", "new"), ("StateUpdate", "open")] + ([("StateUpdate", "closed successful")]
                                                                    if t % 2 else [])
        rows += [[f"2023{t:06d}", f"{day} 09:00", h, s, f"{day} {10 + k}:00", "Nordby k."]
                 for k, (h, s) in enumerate(steps)]
    path = _write_csv(tmp_path / "history.csv", header, rows)
    f = load_ticket_exports(con, [path]).files[0]
    plain = pd.read_csv(path, sep=";", dtype=str)
    assert f.tickets == plain["TicketNumber"].nunique() == 20
    _every_row_accounted(con, path, len(plain), f)
    got = dict(con.execute("select ticket_id, status from raw.tickets").fetchall())
    assert got["2023000001"] == "closed" and got["2023000002"] == "open"
    assert con.execute("select distinct customer_org from raw.tickets").fetchall() == [("Nordby k.",)]


def test_a_workbook_with_an_info_sheet_and_a_sheet_per_year_is_one_export(tmp_path, con):
    path = tmp_path / "saker.xlsx"
    wb = openpyxl.Workbook()
    info = wb.active
    info.title = "Om eksporten"
    info.append(["Eksport av saker"])
    info.append(["Laget", "2024-01-05"])
    for year in (2022, 2023):
        ws = wb.create_sheet(str(year))
        ws.append(["Saksnummer", "Opprettet", "Prioritet", "Status"])
        for i in range(1, 13):
            ws.append([f"S{year}-{i}", dt.datetime(year, i, 1, 9), "5 very high" if i == 1 else "1 very low", "Lukket"])
    wb["2023"].append(["S2023-99", "snart", "3 normal", "Ny"])
    wb.save(path)
    f = load_ticket_exports(con, [path]).files[0]
    plain = pd.concat(pd.read_excel(path, sheet_name=["2022", "2023"], dtype=str).values())
    assert f.rows_read == len(plain) and f.tickets + f.rows_quarantined == plain["Saksnummer"].nunique()
    _every_row_accounted(con, path, len(plain), f)
    assert "'Om eksporten'" in f.message and "'2022'" in f.message and "'2023'" in f.message
    (reason,) = con.execute("select reason from raw.ticket_quarantine where file = ?", [str(path)]).fetchone()
    assert reason.startswith("sheet 2023, row 14: ") and '"snart"' in reason
    # the priority scale runs 5 = very high: the words decide
    assert dict(con.execute("select ticket_id, priority from raw.tickets where ticket_id in ('S2022-1', 'S2022-2')"
                            ).fetchall()) == {"S2022-1": "A", "S2022-2": "D"}
    assert con.execute("select count(distinct source_row) from raw.tickets").fetchone()[0] == f.tickets
