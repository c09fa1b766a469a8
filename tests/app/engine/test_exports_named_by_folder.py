"""Exports a user keeps in a folder of their own below the inbox ("nordvik_helpix_api/page_1.json"): the folder's
words name them in a question as their file names do; "IKT-saker"/"IT tickets" name the tickets, no export; the desk
of an export written as a compound ("lønnsservicedesk" of sorvik_lonn_personal.csv) is that export's desk, no value
of its category ("Lønn") or channel ("In Person"); "service desk" names the desk, never an export titled «IT Service
Management» or its «Service» column. Three
invented exports refreshed through the real loaders; every expected figure is counted here from the rows written."""
from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest

from app.engine.vocabulary import folder_words
from tests.app.engine.conftest import planner_answer, write_csv


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
              "Status": "Løst", "Kategori": ("Lønn", "Reise")[n % 2], "Kanal": ("In Person", "Telefon")[n % 3 == 0]}
             for n in range(120)]
    write_csv(folder / "sorvik_lonn_personal.csv", other)
    served = [{"Incident": f"INC{n:05d}", "Service": ("E-post", "Fagsystem")[n % 2],
               "Opened": f"{datetime(2023, 2, 1, 8) + timedelta(hours=37 * n):%Y-%m-%d %H:%M}", "State": "Closed"}
              for n in range(90)]
    write_csv(folder / "beta_it_service_management_incidents.csv", served, ",")
    return tickets, other, served


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
    tickets, other, _ = made[1]
    expected = sum(1 for t in tickets if t["Created"].startswith("2023"))
    both = expected + sum(1 for o in other if o["Opprettet"][6:10] == "2023")
    r = planner_answer(engine, "Kor mange IKT-saker registrerte Nordvik i Helpix i 2023?")
    assert r["status"] == "ok", r["answer"]
    assert f"{expected}saker" in _text(r) and f"{both}" not in _text(r)


def test_it_tickets_name_no_export(engine, made):
    tickets, other, served = made[1]
    expected = sum(1 for t in tickets if t["Created"].startswith("2023")) + sum(
        1 for o in other if o["Opprettet"][6:10] == "2023") + sum(1 for s in served if s["Opened"].startswith("2023"))
    r = planner_answer(engine, "Hvor mange IKT-saker ble registrert i 2023?")
    assert r["status"] == "ok", r["answer"]
    assert f"{expected}saker" in _text(r)


@pytest.mark.parametrize("desk", ["lønnsservicedesk", "lønn- og personalservicedesk"])
def test_a_desk_named_by_the_exports_words_is_the_export_not_a_value(engine, made, desk):
    _, other, _ = made[1]
    expected = sum(1 for o in other if o["Opprettet"][6:10] == "2023")
    lonn = sum(1 for o in other if o["Opprettet"][6:10] == "2023" and o["Kategori"] == "Lønn")
    r = planner_answer(engine, f"Hvor mange saker hadde Sørvik kommunes {desk} i 2023?")
    assert f"{expected}saker" in _text(r) and f"{lonn}saker" not in _text(r), r["answer"]
    assert "walk_in" not in r["answer"] and "category" not in r["answer"]


def test_every_breakdown_is_named_in_words():
    from app.engine.families.tickets import _FIELD_NAMES, DIMENSIONS

    assert set(DIMENSIONS) <= set(_FIELD_NAMES)
    assert all(nb and en and "_" not in nb + en for nb, en in _FIELD_NAMES.values())


@pytest.mark.parametrize("question", ["How many tickets did Sørvik kommune's service desk get in 2023?",
                                      "Hvor mange saker fikk helpdesken til Sørvik kommune i 2023?"])
def test_a_service_desk_named_is_the_desk_not_an_export_or_column_named_service(engine, made, question):
    _, other, _ = made[1]
    expected = sum(1 for o in other if o["Opprettet"][6:10] == "2023")
    r = planner_answer(engine, question)
    assert r["rows"][0][0] == expected, r["answer"]
    assert "beta_it_service" not in r["answer"]


@pytest.mark.parametrize("question", ["Hvilken av helpdeskene hadde flest saker i 2023?",
                                      "Which of the three service desks had the most tickets in 2023?"])
def test_several_desks_asked_are_the_exports_ranked(engine, made, question):
    tickets, other, served = made[1]
    counts = sorted([sum(1 for t in tickets if t["Created"].startswith("2023")),
                     sum(1 for o in other if o["Opprettet"][6:10] == "2023"),
                     sum(1 for s in served if s["Opened"].startswith("2023"))], reverse=True)
    r = planner_answer(engine, question)
    assert r["rows"][0][1] == counts[0], r["answer"]
    assert sum(row[1] for row in r["rows"]) in (counts[0], sum(counts)), r["answer"]
