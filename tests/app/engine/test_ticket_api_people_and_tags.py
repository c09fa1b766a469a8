"""A helpdesk's REST API ticket list (written here, invented): the technician as two camel-case fields
(«TechFirstName», «TechLastName») and the tags as a list of {TagID, Name} objects, the department of the person who wrote in nested in «SubmitterUserInfo». "Which of the technicians closed the
most" ranks the people (first and last name, one person), "tagged vpn" counts the tickets with that tag, "which unit in <the kommune>" ranks the submitters' departments. Refreshed
through the real loaders; every expected figure is counted here from the records written."""
from __future__ import annotations

import json
from collections import Counter
from datetime import datetime, timedelta

import pytest

from tests.app.engine.conftest import planner_answer

TECHS = (("Ada", "Lund"), ("Bo", "Vik"), ("Cato", "Hamre"))
DEPARTMENTS = ("Oppvekst", "Helse og velferd", "Teknisk")
TAG_SETS = ([], [{"TagID": 1, "Name": "vpn"}], [{"TagID": 1, "Name": "vpn"}, {"TagID": 2, "Name": "mobil"}],
            [{"TagID": 2, "Name": "mobil"}], [{"TagID": 3, "Name": "skrivar"}],
            [{"TagID": 3, "Name": "skrivar"}, {"TagID": 1, "Name": "vpn"}])


def _records() -> list[dict]:
    out = []
    for n in range(120):
        created = datetime(2024, 1, 2, 8) + timedelta(hours=61 * n)
        first, last = TECHS[(n * n) % 3]
        out.append({"IssueID": 4000 + n, "Priority": [-1, 0, 1, 2][n % 4], "Status": ("Closed", "In process")[n % 5 == 0],
                    "IssueDate": f"{created:%Y-%m-%dT%H:%M:%SZ}", "Subject": f"Sak {n}",
                    "CategoryName": ("Skrivar", "Tilgang")[n % 2],
                    "Email": f"person{n % 3}@nordby.kommune.no", "TechFirstName": first, "TechLastName": last,
                    "SubmitterUserInfo": {"Username": f"p{n % 3}", "DepartmentName": DEPARTMENTS[(n * n + n) % 7 % 3]},
                    "ResolvedDate": f"{created + timedelta(hours=30):%Y-%m-%dT%H:%M:%SZ}", "Tags": TAG_SETS[n % 6]})
    return out


@pytest.fixture(scope="module")
def made(tmp_path_factory, engine_over_exports):
    folder = tmp_path_factory.mktemp("api_people")
    records = _records()
    (folder / "api_tickets.json").write_text(json.dumps(records), encoding="utf-8")
    return records, engine_over_exports(folder, "api_people")


@pytest.mark.parametrize("question", ["Kven av teknikarane lukka flest saker i 2024?",
                                      "Hvilke teknikere lukket flest saker i 2024?"])
def test_the_technician_named_by_two_fields_is_one_person(made, question):
    records, engine = made
    closed = Counter(f"{r['TechFirstName']} {r['TechLastName']}" for r in records
                     if r["Status"] == "Closed" and r["IssueDate"].startswith("2024"))
    name, count = closed.most_common(1)[0]
    r = planner_answer(engine, question)
    assert list(r["rows"][0][:2]) == [name, count], r["answer"]


def test_tickets_tagged_with_a_name_of_the_tag_objects(made):
    records, engine = made
    r = planner_answer(engine, "Kor mange saker er merka med taggen vpn?")
    assert r["rows"][0][0] == sum(any(t["Name"] == "vpn" for t in rec["Tags"]) for rec in records), r["answer"]


@pytest.mark.parametrize("question", ["Kva for eining i Nordby kommune melde flest saker i 2024?",
                                      "Hvilken enhet i Nordby kommune meldte flest saker i 2024?"])
def test_the_units_within_the_one_kommune_named_are_the_submitters_departments(made, question):
    records, engine = made
    name, count = Counter(r["SubmitterUserInfo"]["DepartmentName"] for r in records
                          if r["IssueDate"].startswith("2024")).most_common(1)[0]
    r = planner_answer(engine, question)
    assert list(r["rows"][0][:2]) == [name, count], r["answer"]
