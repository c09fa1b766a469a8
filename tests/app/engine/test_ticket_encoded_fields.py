"""Questions over fields an export writes inside another one, over invented exports refreshed through the real loaders:
an issue list whose type, customer and priority are scoped labels of a "Labels" cell ("av typen integrasjon", "for
Sorvag kommune"), a case list whose team column is named by its role ("Owner Team": "per eierteam") and whose channel
says "Messenger" ("via messenger"). Every expected figure is counted here from the rows written here."""
from __future__ import annotations

import csv
import datetime as dt
from collections import Counter

import pytest

from tests.app.engine.conftest import planner_answer

TOWNS = ("Nordvik", "Sorvag", "Austby")
TYPES = ("Feil", "Integrasjon", "Rapport", "Integrasjon")
TEAMS = ("Servicedesk", "Drift", "Fagsystemer", "Servicedesk", "Drift")
CHANNELS = ("Mail", "Messenger", "Help Center", "Mail")


def _issues() -> list[dict]:
    rows = []
    for i in range(90):
        created = dt.datetime(2024, 1, 3, 8) + dt.timedelta(hours=97 * i)
        labels = {"type": TYPES[i % 4], "kommune": TOWNS[i % 3], "prioritet": f"P{1 + i % 4}"}
        rows.append({"Title": f"{labels['type']}: melding {i}", "Issue ID": str(500 + i),
                     "State": "Closed" if i % 3 else "Open", "Created At (UTC)": f"{created:%Y-%m-%d %H:%M:%S}",
                     "Labels": ",".join(f"{k}::{v}" for k, v in labels.items())})
    return rows


def _cases() -> list[dict]:
    rows = []
    for i in range(80):
        created = dt.datetime(2024, 1, 2, 9) + dt.timedelta(hours=101 * i)
        rows.append({"Case No": f"C{1000 + i}", "Created Date Time": f"{created:%d.%m.%Y %H:%M}",
                     "Status": "Closed" if i % 4 else "Active", "Owner Team": TEAMS[i % 5],
                     "Source": CHANNELS[i % 4], "Customer": f"{TOWNS[i % 3]} kommune"})
    return rows


def _write(path, rows):
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)


@pytest.fixture(scope="module")
def engine(tmp_path_factory, engine_over_exports):
    inbox = tmp_path_factory.mktemp("encoded-fields-inbox")
    _write(inbox / "fagsystem_issues.csv", _issues())
    _write(inbox / "brukerstotte_cases.csv", _cases())
    return engine_over_exports(inbox, "encoded-fields-warehouse")


def _in_2024(row: dict, column: str, fmt: str) -> bool:
    return dt.datetime.strptime(row[column], fmt).year == 2024


def test_a_type_label_is_the_category_asked_as_typen(engine):
    r = planner_answer(engine, "Hvor mange fagsystem-saker av typen integrasjon ble opprettet i 2024?")
    expected = sum(1 for row in _issues() if "type::Integrasjon" in row["Labels"]
                   and _in_2024(row, "Created At (UTC)", "%Y-%m-%d %H:%M:%S"))
    assert r["rows"][0][-1] == expected


def test_a_customer_label_names_the_municipality(engine):
    r = planner_answer(engine, "How many fagsystem issues did Sorvag kommune have in 2024?")
    expected = sum(1 for row in _issues() if "kommune::Sorvag" in row["Labels"]
                   and _in_2024(row, "Created At (UTC)", "%Y-%m-%d %H:%M:%S"))
    assert r["rows"][0][-1] == expected


def test_a_team_named_by_its_role_is_the_group(engine):
    r = planner_answer(engine, "Fordeling av brukerstøtte-saker opprettet i 2024 per eierteam")
    expected = Counter(row["Owner Team"] for row in _cases() if _in_2024(row, "Created Date Time", "%d.%m.%Y %H:%M"))
    got = {row[0]: row[-1] for row in r["rows"] if row[0] in expected}
    assert got == dict(expected)


def test_messenger_is_the_chat_channel(engine):
    r = planner_answer(engine, "Hvor mange brukerstøtte-saker kom via messenger i 2024?")
    expected = sum(1 for row in _cases() if row["Source"] == "Messenger"
                   and _in_2024(row, "Created Date Time", "%d.%m.%Y %H:%M"))
    assert r["rows"][0][-1] == expected
