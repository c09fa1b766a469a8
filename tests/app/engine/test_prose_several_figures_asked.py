"""A question that asks more than one figure of what a sentence states gets the sentence's other figures too, of any
unit: "how many tonnes …, and what was the recovery rate" both figures of «… 52 000 tonn næringsavfall med 94 prosent
total gjenvinningsgrad»; a forecast "mot budsjett" the budget and the surplus against it; "2030 og 2031, endring" the
change each sentence states beside its figure; never a bound the statement sets ("vikarer over 16 dager"). Asked for
one figure, the answer stays that figure. And a share asked
("andel kvinner blant de tillsvidareansatte") is the percent of the sentence, never the count printed with the word the share is
taken of. Invented reports, refreshed through the real flow."""
from __future__ import annotations

import pytest

from app.engine.engine import ask
from tests.app.engine.conftest import row_values

REPORTS = {
    "nordvik_avfall_iks_arsrapport_2031.txt": (
        "Nordvik Avfall IKS\nÅrsrapport 2031\n\n"
        "Næringsavfall\n\n"
        "Konsernets konkurranseutsatte virksomhet håndterte til sammen 52 000 tonn næringsavfall med 94 prosent "
        "total gjenvinningsgrad.\n\n"
        "Bemanning\n\n"
        "Bolaget har 640 tillsvidareanställda varav en stor majoritet är kvinnor, 71 procent.\n\n"
        "Driftsutgifter\n\n"
        "Driftsutgiftene for 2030 ble budsjettert med 38,2 mill.kr, en økning på 12 % fra året før. "
        "Driftsutgiftene for 2031 ble budsjettert med 37,1 mill.kr, en reduksjon på 2,9 % fra året før.\n\n"
        "Lønn\n\n"
        "Variabel lønn (utenom vikarer over 16 dager) hadde i 2031 et merforbruk på 12 mill kr, og en økning på 4,2 % "
        "fra året før.\n"),
    "sjoby_stad_delarsrapport_2031.txt": (
        "Sjöby stad\nDelårsrapport 2031\n\n"
        "Prognos\n\n"
        "För 2031 prognostiseras ett positivt resultat på 410 Mkr. "
        "Då resultatet budgeterats till 160 Mkr innebär prognosen ett överskott gentemot budget om 250 Mkr.\n"),
}


@pytest.fixture(scope="module")
def warehouse(warehouse_over_reports):
    return warehouse_over_reports(REPORTS, "several_figures")


@pytest.mark.parametrize(("question", "expected"), [
    ("Kor mange tonn næringsavfall handterte den konkurranseutsette verksemda i Nordvik Avfall i 2031, og kva var "
     "gjenvinningsgraden?", {52_000, 94}),
    ("Sjöby stad prognose årsresultat 2031 mot budsjett", {410_000_000, 160_000_000, 250_000_000}),
    ("Nordvik Avfall driftsutgifter budsjett 2030 og 2031, endring", {38_200_000, 37_100_000, 12, 2.9}),
])
def test_every_figure_asked_of_a_statement_is_given(warehouse, question, expected):
    result = ask(question, warehouse=warehouse)
    assert result["status"] == "ok", result["answer"]
    assert expected <= set(row_values(result)), result["answer"]


def test_a_bound_the_statement_sets_is_no_figure_of_it(warehouse):
    result = ask("Hvor stort merforbruk hadde variabel lønn i Nordvik Avfall i 2031, og hvor mye økte den?",
                 warehouse=warehouse)
    assert result["status"] == "ok", result["answer"]
    got = row_values(result)
    assert {12_000_000, 4.2} <= set(got) and 16 not in got, result["answer"]


def test_one_figure_asked_is_that_figure(warehouse):
    result = ask("Kor mange tonn næringsavfall handterte den konkurranseutsette verksemda i Nordvik Avfall i 2031?",
                 warehouse=warehouse)
    assert result["status"] == "ok", result["answer"]
    assert row_values(result) == [52_000], result["answer"]


def test_a_share_asked_is_the_percent_not_the_count_it_is_taken_of(warehouse):
    result = ask("Andel kvinner blant de tillsvidareansatte i Nordvik Avfall 2031", warehouse=warehouse)
    assert result["status"] == "ok", result["answer"]
    assert row_values(result) == [71], result["answer"]
