"""Two organisations compared, each in a year of its own ("Nordby 2030 mot Sørby 2031", "Nordby in 2030 or Sørby in
2031"): each name is answered for its own year, never the first name for both years with the second left out.
Invented reports, refreshed through the real flow."""
from __future__ import annotations

import pytest

from app.engine.engine import ask
from app.engine.parts import name_year_parts

REPORTS = {
    "nordby_kommune_arsmelding_2031.txt": (
        "Nordby kommune\nÅrsmelding 2031\n\nNærvær\n\nSykefraværet i Nordby kommune var 6,8 prosent i 2030. "
        "Sykefraværet i Nordby kommune var 7,3 prosent i 2031.\n\nØkonomi\n\n"
        "Netto driftsresultat var 2,6 % av driftsinntektene i 2030 og 0,7 % i 2031.\n"),
    "sorby_kommune_arsmelding_2031.txt": (
        "Sørby kommune\nÅrsmelding 2031\n\nNærvær\n\nSykefraværet i Sørby kommune var 4,2 prosent i 2030. "
        "Sykefraværet i Sørby kommune var 5,4 prosent i 2031.\n\nØkonomi\n\n"
        "Netto driftsresultat var 3,3 % av driftsinntektene i 2030 og 1,9 % i 2031.\n"),
}


@pytest.fixture(scope="module")
def warehouse(warehouse_over_reports):
    return warehouse_over_reports(REPORTS, "two_names")


@pytest.mark.parametrize(("question", "expected", "other_pairs"), [
    ("Which had the lower sick-leave rate: Nordby in 2030 or Sørby in 2031?", {6.8, 5.4}, {7.3, 4.2}),
    ("Netto driftsresultat i prosent av driftsinntektene: Nordby 2030 mot Sørby 2031", {2.6, 1.9}, {0.7, 3.3}),
])
def test_each_name_in_its_own_year(warehouse, question, expected, other_pairs):
    result = ask(question, warehouse=warehouse)
    assert result["status"] == "ok", result["answer"]
    got = {round(float(v), 4) for r in result["rows"] for v in r if isinstance(v, float)}
    assert expected <= got and not other_pairs & got, result["answer"]


@pytest.mark.parametrize("question", ["Sykefravær i Nordby i 2030 og i 2031", "Compare Q1 2030 and Q2 2031",
                                      "tickets January 2030 and March 2031"])
def test_no_pair_without_two_names(question):
    assert name_year_parts(question) == []
