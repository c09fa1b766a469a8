"""Columns no canonical field takes are kept per ticket (raw.ticket_attributes) whatever the format
the export came in: XLSX (written by openpyxl), JSON, and a CSV that Python's careful reader read."""
from __future__ import annotations

import datetime as dt
import json

import duckdb
import pytest

from flows.tickets.load import load_ticket_exports


@pytest.fixture()
def con():
    connection = duckdb.connect()
    yield connection
    connection.close()


def _attributes(con) -> set[tuple[str, str, str]]:
    return set(con.execute("select ticket_id, attribute, value from raw.ticket_attributes").fetchall())


SN_HEADER = ["number", "opened_at", "state", "priority", "short_description", "u_hours", "Attachment",
             "Attachment", "company"]
SN_ROWS = [
    ["INC001", dt.datetime(2021, 9, 30, 14, 0), 6, "1 - Critical", "VPN down", 2.5, "log.txt", "shot.png",
     "Stange kommune"],
    ["INC002", "01.10.2021 08:00", 2, "4 - Low", "Printer jam", None, None, None, "Hamar kommune"],
    ["INC003", "not a date", 2, "4 - Low", "Lost row", 1, None, None, "Hamar kommune"],  # quarantined
    ["INC002", "01.10.2021 08:00", 2, "4 - Low", "Printer jam, again", 4, "jam.jpg", None, "Hamar kommune"],
]


def test_xlsx_keeps_the_columns_no_field_takes(con, tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(SN_HEADER)
    for row in SN_ROWS:
        ws.append(row)
    path = tmp_path / "incidents.xlsx"
    wb.save(path)
    f = load_ticket_exports(con, [path]).files[0]
    assert (f.status, f.preset, f.tickets) == ("partial", "servicenow", 2), f.message
    # a plain reading of the sheet: the last row of each loaded ticket, its unmapped non-empty cells
    loaded = {tid for (tid,) in con.execute("select ticket_id from raw.tickets").fetchall()}
    last = {row[0]: row for row in SN_ROWS if row[0] in loaded}
    # the two "Attachment" columns are one multi-valued field: each non-empty cell one value of it
    unmapped = {4: "short_description", 5: "u_hours", 6: "Attachment", 7: "Attachment"}
    expected = {(tid, name, str(int(row[p]) if isinstance(row[p], float) and row[p].is_integer() else row[p]))
                for tid, row in last.items() for p, name in unmapped.items() if row[p] is not None}
    assert _attributes(con) == expected
    assert ("INC002", "short_description", "Printer jam, again") in expected  # the last row for a ticket wins
    assert con.execute("select list(value order by value), max(item_count) from raw.ticket_attributes "
                       "where ticket_id = 'INC001' and attribute = 'Attachment'").fetchone() == (["log.txt", "shot.png"], 2)
    assert con.execute("select value_number from raw.ticket_attributes where ticket_id = 'INC001' "
                       "and attribute = 'u_hours'").fetchone() == (2.5,)
    assert not con.execute("select count(*) from raw.ticket_attributes where ticket_id = 'INC003'").fetchone()[0]


def test_json_keeps_the_fields_no_mapping_names(con, tmp_path):
    records = [
        {"id": 501, "created_at": "2021-02-01T09:00:00Z", "status": "solved", "priority": "urgent",
         "via": {"channel": "voice"}, "subject": "Cannot log in", "custom": {"team": "Skole", "cost": "12,5"},
         "tags": ["vpn", "login"]},
        {"id": 502, "created_at": "2021-02-02T09:00:00Z", "status": "hold", "priority": "low",
         "via": {"channel": "email"}, "subject": "Screen flickers", "custom": {"team": None}},
    ]
    path = tmp_path / "zendesk.json"
    path.write_text(json.dumps({"tickets": records}), encoding="utf-8")
    f = load_ticket_exports(con, [path]).files[0]
    assert (f.status, f.preset, f.rows_loaded) == ("loaded", "zendesk", 2), f.message
    got = _attributes(con)
    for rec in records:
        tid = str(rec["id"])
        assert (tid, "subject", rec["subject"]) in got
        if rec["custom"]["team"]:
            assert (tid, "custom.team", rec["custom"]["team"]) in got
    assert ("501", "custom.cost", "12,5") in got
    assert {v for t, a, v in got if a == "tags"} == {"vpn, login"}
    assert not any(t == "502" and a in ("custom.team", "tags") for t, a, _ in got)  # nothing made up for empties
    assert con.execute("select value_number from raw.ticket_attributes where attribute = 'custom.cost'"
                       ).fetchone() == (12.5,)
    # the fields a mapping took are not repeated as attributes
    assert not {a for _, a, _ in got} & {"id", "created_at", "status", "priority", "via.channel"}


def test_a_csv_read_by_the_careful_reader_keeps_its_extra_columns(con, tmp_path):
    path = tmp_path / "canonical_2021-09-01.csv"
    path.write_text(
        "source_system;ticket_id;created_at;priority;status;Kostnadssted\n"
        "x;T1;01.08.2021;C;Lukket;4100\n"
        'x;T2;01.08.2021;C;Lukket;"4200 "x" broken\n'  # a stray quote: DuckDB refuses the file
        "x;T3;02.08.2021;C;Lukket;4300\n", encoding="utf-8")
    f = load_ticket_exports(con, [path]).files[0]
    assert (f.status, f.rows_loaded, f.rows_quarantined) == ("partial", 2, 1), f.message
    assert _attributes(con) == {("T1", "Kostnadssted", "4100"), ("T3", "Kostnadssted", "4300")}
