"""Exports of helpdesk systems no code here was written for: an id column named only by "#" ("Req #"), a status
history that repeats the request's own time on every row beside the time of each change, and a workbook whose
priority numbering (1 = lowest) is stated only on a summary sheet. Each is loaded into a real DuckDB file and checked
against a plain reading of the fixture (pandas / openpyxl), never against the loader's own output."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import openpyxl
import pandas as pd
import pytest

from flows.tickets.infer import header_words, infer_mapping
from flows.tickets.load import load_ticket_exports


@pytest.fixture()
def con(tmp_path):
    c = duckdb.connect(str(tmp_path / "warehouse.duckdb"))
    yield c
    c.close()


def _history(path: Path) -> Path:
    """One row per status change, US dates with AM/PM; the request time repeats on every row of a request. Every
    fourth request is closed, reopened and closed again; every sixth ends open."""
    rows = []
    for n in range(1, 25):
        opened = dt.datetime(2024, 3, 1, 8, 5) + dt.timedelta(days=n, hours=n % 7)
        steps = ["New", "Open", "Closed"]
        if n % 4 == 0:
            steps += ["Reopened", "Closed"]
        if n % 6 == 0:
            steps = ["New", "Open"]
        for k, new in enumerate(steps):
            at = opened + dt.timedelta(hours=7 * k, minutes=3)  # the first change a little after the request
            rows.append([str(500 + n), "Printer", opened.strftime("%m/%d/%Y %I:%M %p"), "3 - Normal",
                         f"Org{n % 3} kommune", at.strftime("%m/%d/%Y %I:%M %p"), steps[k - 1] if k else "", new])
    frame = pd.DataFrame(rows, columns=["Req #", "Title", "Request time", "Priority", "Company",
                                        "Status change time", "Old status", "New status"])
    frame.to_csv(path, index=False)
    return path


def test_a_hash_sign_names_the_id_column():
    assert "#" in header_words("Req #")
    sample = [["7", "Printer", "2024-03-01 08:00"], ["8", "Mail", "2024-03-02 09:00"]]
    inference = infer_mapping(["Case #", "Title", "Created"], sample)
    assert inference.refusal is None
    assert {c.field: c.column for c in inference.choices}["ticket_id"] == "Case #"


def test_a_status_history_repeating_the_request_time_is_read_by_its_change_times(tmp_path, con):
    path = _history(tmp_path / "request_history.csv")
    f = load_ticket_exports(con, [path]).files[0]
    assert f.status == "loaded", f.message
    frame = pd.read_csv(path, dtype=str)
    assert con.execute("select count(*) from raw.tickets").fetchone()[0] == frame["Req #"].nunique()
    got = {r[0]: r[1:] for r in con.execute(
        "select ticket_id, timezone('Europe/Oslo', created_at), timezone('Europe/Oslo', closed_at), status "
        "from raw.tickets").fetchall()}
    for rid, rows in frame.groupby("Req #"):
        created = dt.datetime.strptime(rows["Request time"].iloc[0], "%m/%d/%Y %I:%M %p")
        assert got[rid][0] == created
        last = rows.iloc[-1]
        if last["New status"] == "Closed":
            # closed at the last change to Closed: a reopened request is closed when it was closed again
            assert got[rid][1] == dt.datetime.strptime(last["Status change time"], "%m/%d/%Y %I:%M %p"), rid
            assert got[rid][2] == "closed"
        else:
            assert got[rid][1] is None and got[rid][2] != "closed", rid


def test_a_priority_numbering_stated_on_a_summary_sheet_is_read(tmp_path, con):
    path = tmp_path / "arenden.xlsx"
    wb = openpyxl.Workbook()
    summary = wb.active
    summary.title = "Översikt"
    summary.append(["Status", "Antal"])
    summary.append(["Avslutad", 12])
    summary.append([])
    summary.append(["Prioritet: 1 = Låg, 2 = Normal, 3 = Hög, 4 = Kritisk"])
    data = wb.create_sheet("Data")
    data.append(["Ärendenr", "Registrerad", "Prioritet", "Status"])
    for n in range(12):
        data.append([f"X-{n}", dt.datetime(2024, 5, 1 + n, 9), 1 + n % 4, "Avslutad"])
    wb.save(path)
    f = load_ticket_exports(con, [path]).files[0]
    assert f.status == "loaded", f.message
    rows = dict(con.execute("select priority_source, priority from raw.tickets").fetchall())
    # 4 is the highest (A) as the summary says, 1 the lowest (D): not the bare-number reading 1 = highest
    assert rows["4"] == "A" and rows["3"] == "B" and rows["2"] == "C" and rows["1"] == "D"


def test_a_numbering_beside_the_table_for_another_column_is_not_read():
    sample = [["1", "2024-03-01 08:00", "1"], ["2", "2024-03-02 09:00", "4"], ["3", "2024-03-03 09:00", "2"]]
    inference = infer_mapping(["Id", "Created", "Priority"], sample,
                              beside=["Satisfaction: 1 = low, 4 = critical"])
    assert dict(inference.priority_values) == {}


def test_a_hash_sign_before_words_is_no_id():
    assert "#" not in header_words("# Comments") and "#" not in header_words("#of reopens")
