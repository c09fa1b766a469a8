"""Questions that name an export by a word of its file name as users write it, and several customers or exports in one
question, over three invented exports refreshed through the real loaders (inferred mappings): a product whose name
starts with a figure ("7desk_requests_2024-2025.csv"), one whose name joins letters and digits
("servix365_saker_2023-2024.csv", asked as "S365" or "Servix 365") and a list named by Norwegian words written without
the Norwegian letters ("kundestotte_skole.csv", asked as "the school support list" or "kundestøtte-lista"). One
customer has a name of two letters ("Øy kommune"). An export or a customer the data does not have is refused. Every
expected figure is counted here from the rows written here."""
from __future__ import annotations

import random
from datetime import date, datetime, timedelta

import pytest

from tests.app.engine.conftest import planner_answer

ORGS = ("Nordby kommune", "Øy kommune", "Sørvik kommune")


def _make(folder):
    """The three exports; returns one record per ticket: (export, created, customer)."""
    rnd = random.Random(7)
    out = []

    def when(start, days):
        return start + timedelta(hours=rnd.randint(0, days * 24 - 1))

    rows = ["Saksnr,Opprettet,Løst,Status,Kategori,Kommune,Requested for"]
    for n in range(150):  # January 2024 – June 2025
        c = when(datetime(2024, 1, 1, 8), 540)
        org = ORGS[n % 3]
        asker = f"Person {n}" if n % 4 == 0 else ""  # a column of its own, filled for a quarter of the rows
        rows.append(f"R-{100 + n},{c:%Y-%m-%d %H:%M},{c + timedelta(hours=5):%Y-%m-%d %H:%M},Løst,"
                    f"{('Tilgang', 'Utstyr')[n % 2]},{org},{asker}")
        out.append(("7desk", c, org))
    (folder / "7desk_requests_2024-2025.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    rows = ["Sak;Registrert dato;Løst dato;Prioritet;Kunde"]
    for n in range(110):  # January 2023 – December 2024
        c = when(datetime(2023, 1, 1, 8), 730)
        org = ORGS[(n + 1) % 3]
        rows.append(f"S{5000 + n};{c:%d.%m.%Y %H:%M};{c + timedelta(hours=30):%d.%m.%Y %H:%M};Normal;{org}")
        out.append(("servix", c, org))
    (folder / "servix365_saker_2023-2024.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    rows = ["ID;Opprettet;Lukket;Status;Kommune"]
    for n in range(70):  # January – September 2025
        c = when(datetime(2025, 1, 2, 8), 270)
        org = ORGS[n % 2]
        rows.append(f"{n + 1};{c:%d.%m.%Y %H:%M};{c + timedelta(days=3):%d.%m.%Y %H:%M};Lukket;{org}")
        out.append(("skole", c, org))
    (folder / "kundestotte_skole.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return out


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    folder = tmp_path_factory.mktemp("named-exports")
    return folder, _make(folder)


@pytest.fixture(scope="module")
def engine(made, engine_over_exports):
    return engine_over_exports(made[0], "named-exports")


@pytest.fixture(scope="module")
def records(made):
    return made[1]


def _n(records, export=None, start=None, end=None, org=None):
    return sum(1 for e, c, o in records if (export is None or e == export) and (org is None or o == org)
               and (start is None or start <= c.date() <= end))


Y2024 = (date(2024, 1, 1), date(2024, 12, 31))
Y2025 = (date(2025, 1, 1), date(2025, 12, 31))


@pytest.mark.parametrize("question, export, period", [
    ("Hvor mange saker ble opprettet i 7desk i 2024?", "7desk", Y2024),
    ("How many 7desk requests were created in 2024?", "7desk", Y2024),
    ("How many S365 cases were created in 2024?", "servix", Y2024),
    ("How many Servix 365 cases were created in 2024?", "servix", Y2024),
    ("How many requests were registered in the school support list in 2025?", "skole", Y2025),
    ("Hvor mange saker ble registrert i kundestøtte-lista i 2025?", "skole", Y2025),
    ("Kor mange saker vart registrerte i skulelista i 2025?", "skole", Y2025),  # nynorsk, one compound
    # the service that keeps the desk, written into the export's word ("skuletenesta", "skolekontoret")
    ("Kor mange saker fekk skuletenesta i 2025?", "skole", Y2025),
    ("Hvor mange saker fikk skolekontoret i 2025?", "skole", Y2025),
    # the export's word and the ticket noun in one compound, the word with the Norwegian letters the file name lacks
    ("Hvor mange kundestøttesaker ble registrert i 2025?", "skole", Y2025),
    # "for januar–juni" is the period, never the column «Requested for» counted where filled
    ("Hvor mange saker i 7desk for januar–juni 2025?", "7desk", (date(2025, 1, 1), date(2025, 6, 30))),
])
def test_an_export_named_by_a_word_of_its_file_name(engine, records, question, export, period):
    r = planner_answer(engine, question)
    assert r["rows"] and r["rows"][0][-1] == _n(records, export, *period), (question, r["answer"])


def test_the_rows_of_a_list_are_its_tickets(engine, records):
    """"closed items in the school list": the list's entries are its tickets, no field the exports lack."""
    r = planner_answer(engine, "How many items in the school support list were created in 2025?")
    assert r["rows"][0][-1] == _n(records, "skole", *Y2025)


def test_two_customers_compared_one_with_a_two_letter_name(engine, records):
    r = planner_answer(engine, "Sammenlign antall 7desk-saker fra Nordby og Øy i 2024")
    got = {row[0]: row[-1] for row in r["rows"]}
    assert got.get("Nordby kommune") == _n(records, "7desk", *Y2024, org="Nordby kommune")
    assert got.get("Øy kommune") == _n(records, "7desk", *Y2024, org="Øy kommune")


def test_one_customer_in_two_exports_compared(engine, records):
    r = planner_answer(engine, "Samanlikn talet på saker frå Nordby kommune i 7desk og i kundestøtte-lista for "
                               "januar–juni 2025")
    half = (date(2025, 1, 1), date(2025, 6, 30))
    values = sorted(row[-1] for row in r["rows"] if row[0] not in ("til sammen", "in all"))
    assert values == sorted([_n(records, "7desk", *half, org="Nordby kommune"),
                             _n(records, "skole", *half, org="Nordby kommune")]), r["answer"]
    # (and their sum, as a row of its own, as for two customers compared)
    assert [row[-1] for row in r["rows"] if row[0] == "til sammen"] == [sum(values)]


def test_a_total_over_named_exports(engine, records):
    r = planner_answer(engine, "Total number of tickets from Nordby kommune created in 2024 across 7desk and Servix")
    assert r["rows"][0][-1] == _n(records, "7desk", *Y2024, org="Nordby kommune") + _n(
        records, "servix", *Y2024, org="Nordby kommune")


@pytest.mark.parametrize("question", [
    "How many tickets were created in 8desk in 2024?",
    "How many tickets were registered in the hospital support list in 2025?",
    "Hvor mange saker ble registrert i sykehuslista i 2025?",
    "Sammenlign antall saker fra Nordby og Ås kommune i 2024",
    # a bare name listed with a customer the data has is a customer too, never silently left out of the comparison
    "Sammenlign antall saker fra Nordby og Ås i 2024",
    "Compare Nordby and Vestby tickets in 2024",
    "Hvor mange saker fra Øyer kommune i 2024?",
])
def test_an_export_or_customer_the_data_lacks_is_refused(engine, question):
    r = planner_answer(engine, question, status="unanswerable")
    assert not r["rows"]
