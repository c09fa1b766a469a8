"""Two bodies named after the same place ("Nordmo og Vestvik fylkeskommune" and "Nordmo og Vestvik IKS", invented
reports refreshed into a real warehouse) are two organisations: each its own key, type and figures; the county's
initials name the county; the place alone names both (never one picked silently); "in" after the place is no slip of
"IKS"."""
from __future__ import annotations

import duckdb
import pytest

from app.engine.engine import QuestionEngine
from tests.conftest import ROOT, _refreshed

SAME_PLACE = ROOT / "tests" / "fixtures" / "reports" / "same_place"
COUNTY, COMPANY = "Nordmo og Vestvik fylkeskommune", "Nordmo og Vestvik IKS"


@pytest.fixture(scope="module")
def engine(request, build_once) -> QuestionEngine:
    _, warehouse = build_once("same_place", lambda folder: _refreshed(request, folder, reports_dir=SAME_PLACE,
                                                                       tickets_dir=None))
    return QuestionEngine(warehouse)


def _answer(engine: QuestionEngine, question: str) -> tuple[str, str]:
    result = engine.ask(question)
    return result["status"], result["answer"].replace("\xa0", " ").replace("\u202f", " ")


def test_each_body_is_an_organisation_of_its_own(engine):
    con = duckdb.connect(str(engine.warehouse), read_only=True)
    try:
        rows = con.execute("select organisation_key, organisation_name, organisation_type from dim_organisation "
                           "where organisation_key <> 'unknown' order by 1").fetchall()
    finally:
        con.close()
    assert rows == [("nordmo-og-vestvik-fylkeskommune", COUNTY, "fylkeskommune"),
                    ("nordmo-og-vestvik-iks", COMPANY, "selskap")]


@pytest.mark.parametrize("question, body, value", [
    ("Sykefravær Nordmo og Vestvik fylkeskommune 2021", COUNTY, "7,1 %"),
    ("Sykefravær Nordmo og Vestvik IKS 2021", COMPANY, "3,9 %"),
    ("Sykefravær NVFK 2021", COUNTY, "7,1 %"),  # the county's initials
])
def test_a_body_named_answers_with_its_own_figure(engine, question, body, value):
    status, answer = _answer(engine, question)
    assert status == "ok", answer
    assert body in answer and value in answer, answer
    other = ({COUNTY, COMPANY} - {body}).pop()
    assert other not in answer, answer


@pytest.mark.parametrize("question", [
    "Sykefravær i Nordmo og Vestvik 2021",
    "What was sick leave in Nordmo og Vestvik in 2021?",  # "in" is no slip of "IKS"
])
def test_the_place_alone_names_both_bodies(engine, question):
    status, answer = _answer(engine, question)
    assert status == "ok", answer
    assert COUNTY in answer and COMPANY in answer, answer
    assert ("7,1 %" in answer or "7.1%" in answer) and ("3,9 %" in answer or "3.9%" in answer), answer
