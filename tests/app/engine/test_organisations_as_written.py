"""Organisations a question names as people write them, over a real warehouse refreshed from invented reports of
bodies the reader once did not know as organisations (a fire service IKS with its acronym, a Swedish
räddningstjänst named by a kind word before its place, a county written "<place> og <place> fylkeskommune").
A question names them in full, by the acronym the report declares, by the initials of their words, or by their
place alone; a capitalised row label of their tables is a row, never an unknown organisation; a place the data
does not hold is named whole ("Nedre Eksempelrike", not "Nedre, Eksempelrike")."""
from __future__ import annotations

import pytest

from app.engine.engine import QuestionEngine
from tests.conftest import ROOT, _refreshed

BODIES = ROOT / "tests" / "fixtures" / "reports" / "bodies"


def _ask(engine: QuestionEngine, question: str) -> tuple[str, str]:
    """(status, answer) with the answer's number spaces (no-break, narrow) as plain spaces."""
    result = engine.ask(question)
    return result["status"], result["answer"].replace("\xa0", " ").replace("\u202f", " ")


@pytest.fixture(scope="module")
def engine(request, build_once) -> QuestionEngine:
    _, warehouse = build_once("bodies", lambda folder: _refreshed(request, folder, reports_dir=BODIES,
                                                                  tickets_dir=None))
    return QuestionEngine(warehouse)


def test_the_reader_names_each_body_as_its_report_does(engine):
    import duckdb

    con = duckdb.connect(str(engine.warehouse), read_only=True)
    try:
        rows = dict(con.execute("select organisation_name, organisation_type from dim_organisation "
                                "where organisation_key <> 'unknown'").fetchall())
    finally:
        con.close()
    assert rows == {"Sørfjell brann- og redningsvesen IKS": "selskap",
                    "Räddningstjänsten Västra Exempeldal": "interkommunalt samarbeid",
                    "Vestlia og Sørby fylkeskommune": "fylkeskommune"}


@pytest.mark.parametrize("question, organisation, value", [
    ("Sykefravær Sørfjell brann- og redningsvesen 2021", "Sørfjell brann- og redningsvesen IKS", "4,8 %"),
    ("Hva var sykefraværet i SFB i 2021?", "Sørfjell brann- og redningsvesen IKS", "4,8 %"),  # declared acronym
    ("Sykefravær SBR 2021", "Sørfjell brann- og redningsvesen IKS", "4,8 %"),  # the initials of its words
    ("Hva var sjukfrånvaron i Västra Exempeldal 2021?", "Räddningstjänsten Västra Exempeldal", "5,6 %"),
    ("Sjukfrånvaro Exempeldal 2021", "Räddningstjänsten Västra Exempeldal", "5,6 %"),  # the place alone
    ("Sykefravær VOSFK 2021", "Vestlia og Sørby fylkeskommune", "6,9 %"),
    ("Sykefravær i Vestlia og Sørby 2021", "Vestlia og Sørby fylkeskommune", "6,9 %"),
])
def test_an_organisation_named_as_people_write_it(engine, question, organisation, value):
    status, answer = _ask(engine, question)
    assert status == "ok", answer
    assert organisation in answer and value in answer, answer
    others = {"Sørfjell brann- og redningsvesen IKS", "Räddningstjänsten Västra Exempeldal",
              "Vestlia og Sørby fylkeskommune"} - {organisation}
    assert not any(o in answer for o in others), answer


def test_a_capitalised_row_label_is_a_row_not_an_organisation(engine):
    status, answer = _ask(engine, "Årsverk Pleie og omsorg 2021")
    assert status == "ok" and "42 årsverk" in answer, answer
    status, answer = _ask(engine, "Hvor mange årsverk hadde Undervisning i 2021?")
    assert status == "ok" and "1 250 årsverk" in answer, answer


def test_a_place_the_data_does_not_hold_is_named_whole(engine):
    status, answer = _ask(engine, "Hva var sykefraværet i Nedre Eksempelrike i 2021?")
    assert status == "unanswerable"
    assert "Nedre Eksempelrike" in answer and "Nedre, " not in answer, answer


def test_a_name_written_with_its_legal_form_is_also_asked_without_it():
    from app.engine.catalog import _without_legal_form
    from app.engine.planner import UnitRef

    works, energy = UnitRef("works-iks", "Nordfjell Interkommunale Miljøverk IKS"), UnitRef("kraft-as", "Kraft AS")
    held = UnitRef("nordfjell-miljo", "Nordfjell Miljø")
    aliases = {"nordfjell interkommunale miljøverk iks": works, "kraft as": energy, "nordfjell miljø": held,
               "nordfjell miljø as": works}
    _without_legal_form(aliases)
    assert aliases["nordfjell interkommunale miljøverk"] == works  # the name people say, without "IKS"
    assert "kraft" not in aliases  # one word left: too little to be a name
    assert aliases["nordfjell miljø"] == held  # a name another unit holds stays that unit's
