"""Exports a user keeps in a folder of their own below the inbox ("nordvik_helpix_api/page_1.json"): the folder's
words name them in a question as their file names do; "IKT-saker"/"IT tickets" name the tickets, no export. Two
invented exports refreshed through the real loaders; every expected figure is counted here from the rows written."""
from __future__ import annotations

import csv
import json
from datetime import datetime, timedelta

import pytest

from app.engine.vocabulary import folder_words
from tests.app.engine.conftest import planner_answer


def _make(folder):
    paged = folder / "nordvik_helpix_api"
    paged.mkdir()
    tickets = [{"TicketID": 9000 + n, "Subject": f"Sak {n}", "Category": ("Klient", "Nettverk")[n % 2],
                "Created": f"{datetime(2023, 3, 1, 9) + timedelta(hours=61 * n):%Y-%m-%dT%H:%M:%SZ}",
                "Status": ("Closed", "Open")[n % 7 == 0]} for n in range(150)]
    for page in range(3):
        (paged / f"GET_tickets_offset{page * 50:04d}.json").write_text(
            json.dumps(tickets[page * 50:(page + 1) * 50]), encoding="utf-8")
    other = [{"Saksnr": str(100 + n), "Opprettet": f"{datetime(2023, 1, 2, 8) + timedelta(hours=53 * n):%d.%m.%Y %H:%M}",
              "Status": "Løst", "Kategori": "Lønn"} for n in range(120)]
    with open(folder / "lonn_saker.csv", "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(other[0]), delimiter=";")
        writer.writeheader()
        writer.writerows(other)
    return tickets, other


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    folder = tmp_path_factory.mktemp("folders")
    return folder, _make(folder)


@pytest.fixture(scope="module")
def engine(made, engine_over_exports):
    return engine_over_exports(made[0], "folders")


def _text(r) -> str:
    return r["answer"].replace("\u00a0", "").replace(" ", "")


def test_folder_words_are_the_folders_below_the_common_one():
    words = folder_words(["/in/a.csv", "/in/nordvik_helpix_api/p1.json", "/in/nordvik_helpix_api/p2.json"])
    assert words["/in/nordvik_helpix_api/p1.json"] >= {"nordvik", "helpix"}
    assert "/in/a.csv" not in words
    assert folder_words(["/in/a.csv", "/in/b.csv"]) == {}


def test_an_export_named_by_its_folder(engine, made):
    tickets, other = made[1]
    expected = sum(1 for t in tickets if t["Created"].startswith("2023"))
    both = expected + sum(1 for o in other if o["Opprettet"][6:10] == "2023")
    r = planner_answer(engine, "Kor mange IKT-saker registrerte Nordvik i Helpix i 2023?")
    assert r["status"] == "ok", r["answer"]
    assert f"{expected}saker" in _text(r) and f"{both}" not in _text(r)


def test_it_tickets_name_no_export(engine, made):
    tickets, other = made[1]
    expected = sum(1 for t in tickets if t["Created"].startswith("2023")) + sum(
        1 for o in other if o["Opprettet"][6:10] == "2023")
    r = planner_answer(engine, "Hvor mange IKT-saker ble registrert i 2023?")
    assert r["status"] == "ok", r["answer"]
    assert f"{expected}saker" in _text(r)
