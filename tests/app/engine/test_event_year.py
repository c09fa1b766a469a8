"""When-questions (app.engine.families.event_year) over an invented warehouse: the year of the event asked, of the
organisation named (never another's), every event a question asks ("founded, and its first year of operation"), in
bokmål, nynorsk and English; a when-question about an event the text does not state, and a question that asks no
"when", get no reading."""
from __future__ import annotations

import duckdb
import pytest

from app.engine.families import event_year
from app.engine.families.base import Question, Reading

AUS, SOR = "austby_renovasjon_iks_arsmelding_2030.txt", "sorvik_brann_iks_arsmelding_2030.txt"


@pytest.fixture(scope="module")
def organisations():
    return {"austby": ("Austby Renovasjon IKS", "austby renovasjon iks", "austby renovasjon"),
            "sorvik": ("Sørvik Brann IKS", "sørvik brann iks", "sørvik brann")}


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    path = tmp_path_factory.mktemp("event-year") / "w.duckdb"
    c = duckdb.connect(str(path))
    c.execute("""create table fct_report_event_year (event_id text, document_id text, organisation text,
        report_year integer, file_name text, page integer, line integer, event text, event_year integer, printed text,
        text text)""")
    founded = "Selskapet ble stiftet 6. november 1995, og hadde sitt første driftsår i 1996."
    c.executemany("insert into fct_report_event_year values (?, 'd', ?, 2030, ?, 3, ?, ?, ?, ?, ?)", [
        ("e1", "Austby Renovasjon IKS", AUS, 4, "Selskapet ble stiftet", 1995, "1995", founded),
        ("e2", "Austby Renovasjon IKS", AUS, 4, "og hadde sitt første driftsår", 1996, "1996", founded),
        ("e3", "Austby Renovasjon IKS", AUS, 9, "omdannet", 2004, "12.02.04",
         "Selskapet ble den 12.02.04 omdannet til Austby Renovasjon IKS."),
        ("e4", "Sørvik Brann IKS", SOR, 2, "Brannvesenet ble etablert", 2011, "2011",
         "Brannvesenet ble etablert i 2011 av fire kommuner."),
    ])
    c.execute("create table dim_document (file_name text, organisation text, title text, report_year integer)")
    c.executemany("insert into dim_document values (?, ?, null, 2030)",
                  [(AUS, "Austby Renovasjon IKS"), (SOR, "Sørvik Brann IKS")])
    c.close()
    return path


def _years(question, lang, vocab, con):
    found = event_year.read(Question.parse(question, lang), vocab)
    if not isinstance(found, Reading):
        return None
    return sorted(r[0] for r in con.execute(f"select year from ({found.sql}) as r").fetchall())


@pytest.mark.parametrize(("question", "lang", "years"), [
    ("Når ble Austby Renovasjon stiftet?", "nb", [1995]),
    ("Kva år vart Austby Renovasjon omdanna til IKS?", "nn", [2004]),
    ("When was Austby Renovasjon founded, and what was its first year of operation?", "en", [1995, 1996]),
    ("Hvilket år ble Sørvik Brann etablert?", "nb", [2011]),
    ("When was Sørvik Brann established?", "en", [2011]),
])
def test_the_year_of_the_event_asked_for_the_organisation_named(question, lang, years, vocab, con):
    assert _years(question, lang, vocab, con) == years


@pytest.mark.parametrize(("question", "lang"), [
    ("Når ble Sørvik Brann omdannet?", "nb"),  # no such event of Sørvik's; never Austby's
    ("When did Sørvik Brann merge with its neighbour?", "en"),
    ("Hvor mange tonn avfall samlet Austby Renovasjon inn i 2030?", "nb"),  # no when
])
def test_no_reading_for_an_event_not_stated_or_a_question_without_when(question, lang, vocab, con):
    assert _years(question, lang, vocab, con) is None
