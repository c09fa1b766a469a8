"""A helpdesk's REST API ticket list saved as it came (written here, invented): a plain JSON array of tickets whose
priority is a signed code (-1 low, 0 normal, 1 high, 2 critical), whose submitter is a nested object holding the
department the person works in, whose technician is written as a first and a last name, and whose tags are a list
of {id, name} objects. Checked against a plain reading of the records, not the loader."""
from __future__ import annotations

import datetime as dt
import json

import duckdb
import pytest

from flows.tickets.load import load_ticket_exports
from flows.tickets.presets import normalise_priority, priority_scale, signed_priority_scale

DEPARTMENTS = ["Skule og barnehage", "Helse", "Teknisk drift", "Økonomi"]
TECHS = [("Kari", "Nordmann"), ("Ola", "Dunk"), (None, None)]
VPN, MOBIL, PRINT = ({"TagID": 1, "Name": "vpn"}, {"TagID": 2, "Name": "mobil"}, {"TagID": 3, "Name": "skrivar"})
TAGS = [[], [VPN], [VPN, MOBIL], [MOBIL], [PRINT, VPN], [PRINT]]


def _ticket(t: int) -> dict:
    created = dt.datetime(2024, 1 + t % 12, 1 + t % 27, 8 + t % 8, 5, tzinfo=dt.timezone.utc)
    first, last = TECHS[t % 3]
    return {
        "IssueID": 900 + t, "Priority": [-1, 0, 0, 1, 2][t % 5], "StatusID": 3, "Status": "Closed",
        "IssueDate": created.strftime("%Y-%m-%dT%H:%M:%SZ"), "Subject": f"Sak {t}",
        "CategoryName": ["Skrivar", "Nettverk", "Tilgang"][t % 3],
        "FirstName": "Per", "LastName": f"Brukar{t % 7}", "Email": f"per{t % 7}@fjordvik.kommune.no",
        "SubmitterUserInfo": {"Username": f"per{t % 7}", "DepartmentName": DEPARTMENTS[t % 4],
                              "CompanyName": "Fjordvik kommune"},
        "TechFirstName": first, "TechLastName": last,
        "ResolvedDate": (created + dt.timedelta(hours=5)).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "Origin": ["Email", "WebApp"][t % 2], "Tags": TAGS[t % 6],
    }


TICKETS = [_ticket(t) for t in range(1, 61)]


@pytest.fixture()
def loaded(tmp_path):
    path = tmp_path / "GET_api_Tickets.json"
    path.write_text(json.dumps(TICKETS), encoding="utf-8")
    c = duckdb.connect(str(tmp_path / "warehouse.duckdb"))
    load_ticket_exports(c, [path])
    yield c
    c.close()


def test_signed_priority_codes_run_upwards_from_normal():
    assert signed_priority_scale(["-1", "0", "1", "2"]) == {"-1": "D", "0": "C", "1": "B", "2": "A"}
    assert priority_scale(["0", "-1", "2"])["2"] == "A"
    # a scale counting from 1, or from 0 without a negative code ("P0" the most urgent), is read as before
    assert signed_priority_scale(["1", "2", "3"]) == {} and signed_priority_scale(["0", "1", "2"]) == {}
    assert normalise_priority("1") == "A"


def test_a_signed_priority_code_is_read_on_the_scale(loaded):
    got = dict(loaded.execute("select ticket_id, priority from raw.tickets").fetchall())
    for r in TICKETS:
        assert got[str(r["IssueID"])] == {-1: "D", 0: "C", 1: "B", 2: "A"}[r["Priority"]]


def _values(con, attribute: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for ticket, value in con.execute("select ticket_id, value from raw.ticket_attributes where attribute = ? "
                                     "order by value", [attribute]).fetchall():
        out.setdefault(ticket, []).append(value)
    return out


def test_a_list_of_named_objects_is_the_names_whatever_the_case_of_the_name_key(loaded):
    got = _values(loaded, "Tags")
    for r in TICKETS:
        assert got.get(str(r["IssueID"]), []) == sorted(t["Name"] for t in r["Tags"])


def test_a_first_and_a_last_name_are_one_person(loaded):
    got = _values(loaded, "TechName")
    for r in TICKETS:
        want = [f"{r['TechFirstName']} {r['TechLastName']}"] if r["TechFirstName"] else []
        assert got.get(str(r["IssueID"]), []) == want
    assert not _values(loaded, "TechFirstName") and not _values(loaded, "TechLastName")


def test_the_submitters_department_is_no_assignment_group_but_kept_with_the_ticket(loaded):
    assert loaded.execute("select count(*) from raw.tickets where assignment_group is not null").fetchone()[0] == 0
    got = _values(loaded, "SubmitterUserInfo.DepartmentName")
    for r in TICKETS:
        assert got[str(r["IssueID"])] == [r["SubmitterUserInfo"]["DepartmentName"]]
