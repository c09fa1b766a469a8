"""Ticket fields an export writes inside another field, each in a small invented export written here: scoped labels in
a CSV "Labels" cell ("type::Feil,prioritet::P2,kommune::X") and "key:value" tags in a spreadsheet cell, each scope a
column the inference reads by its header word (a scope no field takes kept as an attribute); the requester's e-mail
domain as the customer when the organisation column holds the exporter's own name on every row, and where a preset's
organisation cell is empty (a JSON export's "organization": null); a help centre and a messenger as channels. Each is
loaded into a real DuckDB file and checked against a plain reading of what was written."""
from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import duckdb
import openpyxl
import pytest

from flows.tickets.load import load_ticket_exports
from flows.tickets.presets import normalise_channel
from flows.tickets.readers import label_cells, label_scopes, scoped_label
from flows.tickets.values import domain_organisation

TOWNS = ("Nordvik", "Sorvag", "Austby")


@pytest.fixture()
def con(tmp_path):
    c = duckdb.connect(str(tmp_path / "warehouse.duckdb"))
    yield c
    c.close()


def _issue_rows(n: int = 30) -> list[dict]:
    rows = []
    for i in range(n):
        labels = {"type": ("Feil", "Integrasjon", "Rapport")[i % 3], "prioritet": f"P{1 + i % 4}",
                  "kommune": TOWNS[i % len(TOWNS)], "fagsystem": ("Arkiv", "Lønn")[i % 2]}
        rows.append({"Title": f"{labels['type']}: {labels['kommune']} – melding {i}",  # a title with a colon: no tag
                     "Issue ID": str(200 + i), "State": "Closed" if i % 2 else "Open",
                     "Created At (UTC)": (dt.datetime(2024, 2, 1, 8) + dt.timedelta(days=i)).strftime("%Y-%m-%d %H:%M:%S"),
                     # the labels in a shuffled order, one issue without the customer's label
                     "Labels": ",".join(f"{k}::{v}" for k, v in sorted(labels.items(), key=lambda kv: (i + len(kv[0])) % 5)
                                        if not (i == 7 and k == "kommune"))})
    return rows


def _write_csv(path: Path, rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)


def test_scoped_labels_in_a_csv_cell_are_the_customer_priority_and_type(tmp_path, con):
    path = tmp_path / "issues.csv"
    rows = _issue_rows()
    _write_csv(path, rows)
    f = load_ticket_exports(con, [path]).files[0]
    assert f.status == "loaded", f.message
    got = {r[0]: r[1:] for r in con.execute(
        "select ticket_id, customer_org, priority, category from raw.tickets").fetchall()}
    assert len(got) == len(rows)
    for row in rows:
        labels = dict(item.split("::") for item in row["Labels"].split(","))
        assert got[row["Issue ID"]] == (labels.get("kommune"), "ABCD"[int(labels["prioritet"][1]) - 1], labels["type"])
    # the mapping says where each came from
    assert "Labels.kommune" in f.mapping_yaml and "Labels.prioritet" in f.mapping_yaml
    # a scope no field takes stays reachable by its name, one value per ticket
    kept = dict(con.execute("select ticket_id, value from raw.ticket_attributes where attribute = 'Labels.fagsystem'"
                            ).fetchall())
    assert kept == {r["Issue ID"]: dict(x.split("::") for x in r["Labels"].split(","))["fagsystem"] for r in rows}


def test_a_path_one_a_cell_and_a_title_with_a_colon_are_no_labels():
    header = ["Queue", "Title", "Url"]
    rows = [[("Drift::Server", "Drift::Nett", "Applikasjon")[i % 3], f"Feil: skriver {i} virker ikke",
             f"https://git.example.org/x/-/issues/{i}"] for i in range(12)]
    assert label_scopes(header, rows) == {}


def test_key_value_tags_apart_by_spaces():
    assert scoped_label("kommune:nordvik") == ("kommune", "nordvik")
    assert scoped_label("10:30") is None and scoped_label("https://example.org") is None
    assert scoped_label("team::drift::nett") == ("team::drift", "nett")
    assert label_cells("skriver kommune:nordvik prio:2", ("kommune", "prio")) == ["nordvik", "2"]
    assert label_cells("passord", ("kommune",)) == [None]


def test_tags_in_a_spreadsheet_name_the_customer(tmp_path, con):
    path = tmp_path / "saker.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Saksnummer", "Opprettet", "Status", "Tags"])
    expected = {}
    for i in range(24):
        town = TOWNS[i % 3].lower()
        expected[str(900 + i)] = town
        ws.append([900 + i, dt.datetime(2025, 3, 1, 9) + dt.timedelta(hours=7 * i), "Løst",
                   f"{('skriver', 'passord')[i % 2]} kommune:{town} prio:{1 + i % 3}"])
    wb.save(path)
    f = load_ticket_exports(con, [path]).files[0]
    assert f.status == "loaded", f.message
    assert dict(con.execute("select ticket_id, customer_org from raw.tickets").fetchall()) == expected


def _helpdesk_rows(n: int = 30) -> list[dict]:
    return [{"Ticket Number": str(3000 + i), "Summary": "PC – feilmelding", "Status": "Lukket",
             "Organization": "Fjellvidda IKT",  # the exporter's own name on every row: no customer
             "Creator": f"bruker{i}@{TOWNS[i % 3].lower()}.kommune.no",
             "Created At": f"{1 + i % 28}.{1 + i % 12}.2024 9:{10 + i}"} for i in range(n)]


def test_a_customer_column_with_one_value_yields_to_the_creators_domain(tmp_path, con):
    path = tmp_path / "helpdesk.csv"
    rows = _helpdesk_rows()
    _write_csv(path, rows)
    f = load_ticket_exports(con, [path]).files[0]
    assert f.status == "loaded", f.message
    got = dict(con.execute("select ticket_id, customer_org from raw.tickets").fetchall())
    # the municipality is the one the creator's address names (dbt reads the domain: domain_organisation)
    assert {k: domain_organisation(v) for k, v in got.items()} == {
        r["Ticket Number"]: domain_organisation(r["Creator"]) for r in rows}
    assert "customer_email: Creator" in f.mapping_yaml and "'Organization' holds one value" in f.mapping_yaml


def test_a_column_with_customers_is_kept_beside_addresses(tmp_path, con):
    path = tmp_path / "helpdesk.csv"
    rows = _helpdesk_rows()
    for i, r in enumerate(rows):
        r["Organization"] = f"{TOWNS[(i + 1) % 3]} kommune"  # (another than the address: the column wins)
    _write_csv(path, rows)
    load_ticket_exports(con, [path])
    got = dict(con.execute("select ticket_id, customer_org from raw.tickets").fetchall())
    assert got == {r["Ticket Number"]: r["Organization"] for r in rows}


def test_an_empty_organisation_of_a_json_case_is_the_requesters_domain(tmp_path, con):
    cases = []
    for i in range(30):
        town = TOWNS[i % 3]
        cases.append({"id": 7000 + i, "subject": "Spørsmål",
                      "requester": {"full_name": f"Person {i}", "email": f"p{i}@{town.lower()}.kommune.no"},
                      "organization": None if i % 4 == 0 else {"name": town if i % 2 else f"{town} kommune"},
                      "status": {"label": "Completed"}, "type": {"label": ("Incident", "Question")[i % 2]},
                      "channel": ("MAIL", "MESSENGER", "HELPCENTER")[i % 3],
                      "created_at": 1735689600000 + i * 3_600_000})
    path = tmp_path / "cases.json"
    path.write_text(json.dumps({"data": cases}, ensure_ascii=False), encoding="utf-8")
    f = load_ticket_exports(con, [path]).files[0]
    assert f.status == "loaded", f.message
    got = dict(con.execute("select ticket_id, customer_org from raw.tickets").fetchall())
    for c in cases:
        cell = got[str(c["id"])]
        if c["organization"] is None:
            assert domain_organisation(cell) == f"{TOWNS[(c['id'] - 7000) % 3]} kommune"
        else:
            assert cell == c["organization"]["name"]
    channels = dict(con.execute("select ticket_id, channel from raw.tickets").fetchall())
    assert channels == {str(c["id"]): {"MAIL": "email", "MESSENGER": "chat", "HELPCENTER": "portal"}[c["channel"]]
                        for c in cases}


def test_messenger_and_help_centre_are_ways_in():
    assert normalise_channel("Messenger") == "chat" and normalise_channel("Help Center") == "portal"
    assert normalise_channel("Brevdue") == "other"
