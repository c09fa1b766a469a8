"""A customer read from an e-mail domain has lost its Norwegian letters ("oksby.kommune.no": «Oksby kommune»); the
question writes the name with them ("Øksby", "Ærdal", "Åby"). One invented export refreshed through the real loaders;
every expected figure is counted here from the rows written."""
from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from app.engine.planner import find_organisations
from app.engine.text import ascii_name
from tests.app.engine.conftest import planner_answer, write_csv

DOMAINS = ("oksby", "aerdal", "aby")


def _make(folder):
    rows = [{"Ticket": str(4000 + n), "Subject": "Passord",
             "Created": f"{datetime(2023, 1, 4, 9) + timedelta(hours=41 * n):%Y-%m-%d %H:%M}",
             "Status": "Closed", "Requester Email": f"person{n}@{DOMAINS[n % 3]}.kommune.no"} for n in range(300)]
    write_csv(folder / "desk_tickets.csv", rows, ",")
    return rows


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    folder = tmp_path_factory.mktemp("ascii-names")
    return folder, _make(folder)


@pytest.fixture(scope="module")
def engine(made, engine_over_exports):
    return engine_over_exports(made[0], "ascii-names")


def _text(r) -> str:
    return r["answer"].replace("\u00a0", "").replace(" ", "")


def test_a_name_without_its_letters_is_found_as_written_with_them():
    orgs = {"oksby kommune": "k1", "aerdal kommune": "k2", "aby kommune": "k3"}
    assert find_organisations("saker fra øksby kommune", orgs) == ["k1"]
    assert find_organisations("saker fra ærdal kommune og åby kommune", orgs) == ["k2", "k3"]
    assert find_organisations("saker fra eksby kommune", orgs) == []
    assert ascii_name("øksby ærdal ålesund aalesund") == "oksby aerdal alesund alesund"


@pytest.mark.parametrize("written, domain", [("Øksby", "oksby"), ("Ærdal", "aerdal")])
def test_tickets_of_a_customer_named_with_its_letters(engine, made, written, domain):
    rows = made[1]
    expected = sum(1 for r in rows if r["Created"].startswith("2023") and f"@{domain}." in r["Requester Email"])
    total = sum(1 for r in rows if r["Created"].startswith("2023"))
    r = planner_answer(engine, f"Hvor mange saker kom fra {written} kommune i 2023?")
    assert f"{expected}saker" in _text(r) and f"{total}saker" not in _text(r)
