"""Traits the next unseen helpdesk exports will share with the released ones (t38, t40), each in a small invented
export written here and loaded into a real DuckDB file: the time to the first response given as a duration whose unit
the header names ("Första svarstid (h)" = "3,7", "Tid til første svar (min)", "First Response Time (hrs)"); an SLA
verdict given as a JSON list of breaches (empty: met) or a count of them; a preset export whose only customer column
is the sender's e-mail address."""
from __future__ import annotations

import csv
import datetime as dt
import json

import duckdb
import openpyxl
import pytest

from flows.tickets.load import load_ticket_exports
from flows.tickets.values import domain_organisation


@pytest.fixture()
def con(tmp_path):
    c = duckdb.connect(str(tmp_path / "warehouse.duckdb"))
    yield c
    c.close()


def _first_response_hours(con) -> dict[str, float | None]:
    return {t: (None if f is None else round((f - c).total_seconds() / 3600, 4)) for t, c, f in con.execute(
        "select ticket_id, created_at, first_response_at from raw.tickets").fetchall()}


def test_a_first_response_time_in_hours_with_a_decimal_comma_is_the_first_response(tmp_path, con):
    path = tmp_path / "arenden.csv"
    rows = []
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter=";")
        w.writerow(["Ärende-ID", "Skapad", "Stängd", "Status", "Kanal", "Kategori", "Organisation",
                    "Första svarstid (h)"])
        for i in range(30):
            created = dt.datetime(2024, 1, 2, 8) + dt.timedelta(days=i, minutes=7 * i)
            hours = None if i % 7 == 3 else round(0.3 + (i % 9) * 1.15, 1)
            w.writerow([2400100 + i, f"{created:%Y-%m-%d %H:%M}", f"{created + dt.timedelta(days=1):%Y-%m-%d %H:%M}",
                        "Stängd", ["E-post", "Chatt", "Telefon"][i % 3], "Lön", "Haugsmo kommune",
                        "" if hours is None else str(hours).replace(".", ",")])
            rows.append((str(2400100 + i), hours))
    f = load_ticket_exports(con, [path]).files[0]
    assert f.status == "loaded", f.message
    got = _first_response_hours(con)
    assert len(got) == len(rows)
    for ticket, hours in rows:
        assert got[ticket] == hours, ticket


@pytest.mark.parametrize("header,per_hour", [("Tid til første svar (min)", 60), ("First Response Time (hrs)", 1),
                                             ("Svartid (dagar)", 1 / 24)])
def test_a_first_response_duration_is_read_in_the_unit_its_header_names(tmp_path, con, header, per_hour):
    path = tmp_path / "tickets.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Ticket ID", "Created", "Resolved", "Priority", header])
    rows = []
    for i in range(24):
        created = dt.datetime(2025, 3, 1, 9) + dt.timedelta(days=i)
        hours = 0.5 + i % 6
        ws.append([f"T-{i + 1}", created, created + dt.timedelta(days=2), ["High", "Low"][i % 2],
                   str(round(hours * per_hour, 4)).replace(".", ",")])
        rows.append((f"T-{i + 1}", hours))
    wb.save(path)
    f = load_ticket_exports(con, [path]).files[0]
    assert f.status == "loaded", f.message
    got = _first_response_hours(con)
    for ticket, hours in rows:
        assert got[ticket] == pytest.approx(hours, abs=1e-3), ticket


def test_a_response_target_or_a_count_of_replies_is_no_first_response(tmp_path, con):
    path = tmp_path / "tickets.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["Ticket ID", "Created", "Response target (h)", "Number of replies"])
        for i in range(20):
            w.writerow([f"T-{i}", f"2025-03-{i + 1:02d} 09:00", 8, i % 4])
    f = load_ticket_exports(con, [path]).files[0]
    assert f.status == "loaded", f.message
    assert con.execute("select count(first_response_at) from raw.tickets").fetchone()[0] == 0


def test_a_json_list_of_sla_breaches_is_the_verdict_an_empty_one_met(tmp_path, con):
    path = tmp_path / "tickets_export.json"
    records, expected = [], {}
    for i in range(30):
        breaches = [] if i % 3 else [{"sla": {"id": 21 + i % 2, "name": f"Resolution {24 * (1 + i % 2)}h"},
                                      "breached_at": f"2024-02-{i % 27 + 1:02d}T10:00:00+01:00"}] * (1 + i % 2)
        records.append({"id": 7000 + i, "display_id": f"#VI{7000 + i}", "created_at": f"2024-01-{i % 28 + 1:02d}T09:00:00+01:00",
                        "status": {"id": 4, "name": "Closed"}, "priority": {"id": 2, "name": "Medium"},
                        "sla_breaches": breaches, "tags": ["skriver"] if i % 2 else []})
        expected[str(7000 + i)] = not breaches
    path.write_text(json.dumps(records), encoding="utf-8")
    f = load_ticket_exports(con, [path]).files[0]
    assert f.status == "loaded", f.message
    got = dict(con.execute("select ticket_id, sla_met from raw.tickets").fetchall())
    assert got == expected


def test_a_count_of_sla_breaches_is_the_verdict(tmp_path, con):
    path = tmp_path / "saker.csv"
    expected = {}
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter=";")
        w.writerow(["Saksnr", "Opprettet", "Status", "Antall SLA-brudd"])
        for i in range(25):
            count = "" if i == 4 else str([0, 0, 1, 0, 2][i % 5])
            w.writerow([f"S-{i}", f"01.03.2025 {8 + i % 8:02d}:00", "Lukket", count])
            expected[f"S-{i}"] = None if count == "" else count == "0"
    f = load_ticket_exports(con, [path]).files[0]
    assert f.status == "loaded", f.message
    assert dict(con.execute("select ticket_id, sla_met from raw.tickets").fetchall()) == expected


def test_a_preset_export_whose_only_customer_column_is_an_email_gets_the_municipality(tmp_path, con):
    path = tmp_path / "tickets.csv"
    towns = ["tjonnas", "moss", "brekkestrand"]
    expected = {}
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "created_at", "status", "priority", "requester_email"])
        for i in range(30):
            address = "ola.nordmann@gmail.com" if i % 10 == 9 else f"kari{i}@{towns[i % 3]}.kommune.no"
            w.writerow([1000 + i, f"2025-02-{i % 28 + 1:02d}T09:00:00Z", "solved", "normal", address])
            expected[str(1000 + i)] = None if "gmail" in address else f"{towns[i % 3].capitalize()} kommune"
    f = load_ticket_exports(con, [path]).files[0]
    assert f.status == "loaded", f.message
    assert f.preset == "zendesk", f.preset
    # the address is kept as the customer cell; the warehouse names the organisation its domain names
    # (stg_tickets: customer_named, the rule of flows.tickets.values.domain_organisation)
    got = dict(con.execute("select ticket_id, customer_org from raw.tickets").fetchall())
    assert {t: domain_organisation(c) for t, c in got.items()} == expected
    assert "the customer of 27 tickets is taken from an e-mail domain or address" in f.message
