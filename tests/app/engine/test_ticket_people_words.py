"""People in ticket questions. The person a ticket is with, as a PSA system names it («Primary Resource»), beside a
helpdesk export whose person column «owner_name» is the one who wrote in (its «owner_contactid» and «owner_email» say
so): "which technician resolved the most" reads the technician, never the requester. Who sent the tickets written into
a ticket noun ("brukerhenvendelser", "kundesaker") and the operations they belong to ("IKT-driften") name the tickets
themselves. Two invented exports of one owner refreshed through the real loaders; every expected figure is counted
here from the rows written."""
from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta

import pytest

from app.engine.families.base import Question
from app.engine.families.tickets import harmless_words
from tests.app.engine.conftest import planner_answer, write_csv

TECHNICIANS = ("Ada Lund", "Bo Vik", "Cato Hamre")
REQUESTERS = ("Dina Berg", "Eli Strand")


def _make(folder):
    psa = [{"Ticket Number": f"T2024{n:05d}", "Created": f"{datetime(2024, 1, 2, 8) + timedelta(hours=37 * n):%Y-%m-%d %H:%M}",
            "Completed Date": f"{datetime(2024, 1, 3, 8) + timedelta(hours=37 * n):%Y-%m-%d %H:%M}",
            "Primary Resource": TECHNICIANS[(n * n) % 3], "Issue Type": ("Tilgang", "Skriver")[n % 2],
            "Status": "Complete"} for n in range(90)]
    desk = [{"id": f"x{n:05x}", "owner_contactid": f"c{n % 2:04d}", "owner_email": f"person{n % 2}@nordby.kommune.no",
             "owner_name": REQUESTERS[n % 2], "date_created": f"{datetime(2024, 1, 4, 9) + timedelta(hours=61 * n):%Y-%m-%d %H:%M:%S}",
             "date_resolved": f"{datetime(2024, 1, 5, 9) + timedelta(hours=61 * n):%Y-%m-%d %H:%M:%S}",
             "status": "R"} for n in range(120)]
    write_csv(folder / "nordby_psa_tickets.csv", psa, ",")
    write_csv(folder / "nordby_skole_helpdesk_tickets.csv", desk, ",")
    return psa, desk


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    folder = tmp_path_factory.mktemp("technicians")
    return folder, _make(folder)


@pytest.fixture(scope="module")
def engine(made, engine_over_exports):
    return engine_over_exports(made[0], "technicians")


@pytest.mark.parametrize("question", ["Hvilken tekniker løste flest saker i 2024?",
                                      "Which technician resolved the most tickets in 2024?"])
def test_the_technician_is_the_psa_resource_not_the_requester(engine, made, question):
    psa, _ = made[1]
    name, count = Counter(r["Primary Resource"] for r in psa).most_common(1)[0]
    r = planner_answer(engine, question)
    assert r["rows"][0][:2] == [name, count] or tuple(r["rows"][0][:2]) == (name, count), r["answer"]
    assert not any(p in r["answer"] for p in REQUESTERS), r["answer"]


@pytest.mark.parametrize("question", ["Hvor mange brukerhenvendelser ble opprettet i 2024?",
                                      "Kor mange brukarhenvendingar kom inn i 2024?",
                                      "Hvor mange kundesaker hadde IKT-driften i 2024?",
                                      "How many user requests were created in 2024?"])
def test_a_ticket_noun_named_by_its_senders_counts_the_tickets(engine, made, question):
    psa, desk = made[1]
    r = planner_answer(engine, question)
    assert r["rows"][0][0] == len(psa) + len(desk), r["answer"]


def test_only_a_sender_joined_to_a_ticket_noun_is_harmless():
    said = harmless_words(Question.parse("Hvor mange brukerhenvendelser og kundetilfredshet i driften?", "nb"))
    assert {"brukerhenvendelser", "driften"} <= said and "kundetilfredshet" not in said


@pytest.fixture(scope="module")
def company_exports(tmp_path_factory):
    """An IT desk whose file name holds "ikt" serving one municipality's units, beside a company's PSA export whose
    customers are other municipalities."""
    folder = tmp_path_factory.mktemp("company-exports")
    desk = [{"Ref": f"R-{n:05d}", "Opprettet": f"{datetime(2024, 1, 2, 8) + timedelta(hours=41 * n):%d.%m.%Y %H:%M}",
             "Kunde": ("Lunde kommune - Skole", "Lunde kommune - Helse")[n % 2], "Status": "Lukket"} for n in range(80)]
    psa = [{"Ticket Number": f"T{n:05d}", "Created": f"{datetime(2023, 1, 2, 8) + timedelta(hours=53 * n):%Y-%m-%d %H:%M}",
            "Account": ("Sørvik kommune", "Austby kommune", "Nesset kommune")[n % 3], "Status": "Complete"}
           for n in range(300)]
    write_csv(folder / "lunde_ikt_brukerstotte.csv", desk)
    write_csv(folder / "fjellnett_iks_tickets.csv", psa, ",")
    return folder, psa


@pytest.fixture(scope="module")
def company_engine(company_exports, engine_over_exports):
    return engine_over_exports(company_exports[0], "company-exports")


def test_the_it_company_gives_way_to_the_exports_holding_the_customer_named(company_engine, company_exports):
    psa = company_exports[1]
    expected = sum(1 for r in psa if r["Account"] == "Sørvik kommune" and r["Created"].startswith("2023"))
    r = planner_answer(company_engine, "Kor mange saker melde Sørvik kommune til IKT-selskapet i 2023?")
    assert expected in [v for row in r["rows"] for v in row], r["answer"]
    assert "lunde" not in r["answer"], r["answer"]
