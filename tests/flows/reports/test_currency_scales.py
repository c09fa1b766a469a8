"""Scales declared in other currencies than kroner ("Resultaträkning (1000 €)", "TEUR", "k€", "1 000 EUR", "tusen euro")
scale the figures as "1000 kr" does; the figures stay in the printed currency (nothing is converted) and the cell's scale
note names it, so a euro figure is never taken for kroner (it is no account line in kroner either). Swedish and Danish
kroner abbreviations ("TSEK", "Mkr", "mio. kr.", "t.kr.") are scales too. Fixtures written for these tests."""
from __future__ import annotations

from pathlib import Path

import pytest

from flows.reports.classify import classify
from flows.reports.document import read_cells
from flows.reports.layout.scale import currency_in, currency_of, scale_of


@pytest.mark.parametrize(("text", "scale", "currency"), [
    ("Resultaträkning (1000 €)20182017", 1e3, "EUR"),
    ("Belopp i tkr", 1e3, None),
    ("Belopp i TSEK", 1e3, "SEK"),
    ("MSEK", 1e6, "SEK"),
    ("Driftsredovisning, mkr", 1e6, None),
    ("Investeringar Mkr", 1e6, None),
    ("Belopp i miljoner kronor", 1e6, "SEK"),
    ("Regnskab (mio. kr.)", 1e6, None),
    ("Beløb i t.kr.", 1e3, None),
    ("Tuloslaskelma k€", 1e3, "EUR"),
    ("Balanse 1 000 EUR", 1e3, "EUR"),
    ("Beløp i tusen euro", 1e3, "EUR"),
    ("Beløp i 1 000 €", 1e3, "EUR"),
    ("Nøkkeltal TEUR", 1e3, "EUR"),
    ("Omsetning (mill. €)", 1e6, "EUR"),
    ("Regnskab mio. DKK", 1e6, "DKK"),
])
def test_a_scale_in_any_currency_scales_and_names_its_currency(text, scale, currency):
    found = scale_of(text)
    assert found is not None and found[0] == scale, found
    assert currency_of(text, found[1]) == currency


@pytest.mark.parametrize("text", ["Kostnad 2 000 euro i snitt per elev", "Europa 2021", "Eurovisjon"])
def test_an_amount_or_a_word_in_euro_declares_no_scale(text):
    assert scale_of(text) is None


EURO = """Eksempel energi Oy, årsrapport 2018

Resultaträkning (1000 €)20182017
Nettoomsättning12 45011 980
Rörelsens kostnader-10 210-9 870
Rörelseresultat2 2402 110

Tekst om året som gikk.
"""

KRONOR = """Eksempelby kommun, årsredovisning 2020

Belopp i tkr
Resultaträkning20202019
Verksamhetens intäkter345 120332 004
Verksamhetens kostnader-1 210 330-1 180 200
Skatteintäkter1 004 2201 001 500
"""


def _cells(tmp_path: Path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_cells(path)


def test_a_euro_table_is_scaled_in_euro_and_says_so(tmp_path):
    report = _cells(tmp_path, "eksempel_energi_2018.txt", EURO)
    cells = {(c.row_label, c.column_year): c for c in report.cells}
    assert cells[("Nettoomsättning", 2018)].value == 12_450_000  # euro, not converted
    assert cells[("Rörelsens kostnader", 2017)].value == -9_870_000
    assert cells[("Rörelseresultat", 2017)].value == 2_110_000
    assert all(currency_in(c.scale_method) == "EUR" for c in report.cells), {c.scale_method for c in report.cells}
    assert all(c.scale_method.startswith("declared: 1000 €") for c in report.cells)


def test_a_table_in_thousands_of_kronor_names_no_foreign_currency(tmp_path):
    report = _cells(tmp_path, "eksempelby_2020.txt", KRONOR)
    cells = {(c.row_label, c.column_year): c for c in report.cells}
    assert cells[("Skatteintäkter", 2020)].value == 1_004_220_000
    assert cells[("Verksamhetens kostnader", 2019)].value == -1_180_200_000
    assert all(currency_in(c.scale_method) is None for c in report.cells)


STATEMENT = """Eksempel kraft AS, årsrapport 2021

Driftsregnskap (1 000 €)20212020
Skatt på inntekt og formue12 34511 900
Rammetilskudd5 4325 100
Sum driftsinntekter40 12038 800
Sum driftsutgifter-38 000-37 100
"""


def test_euro_figures_are_no_account_lines_in_kroner(tmp_path):
    report = _cells(tmp_path, "eksempel_kraft_2021.txt", STATEMENT)
    assert {c.value for c in report.cells if c.row_label == "Rammetilskudd"} == {5_432_000, 5_100_000}
    accounts, _ = classify(report.cells, report.figures, report_year=2021)
    assert not [a for a in accounts if a.row_label == "Rammetilskudd"], accounts
    # the same statement in kroner is read as account lines: the currency, not the table, keeps it out
    kroner = _cells(tmp_path, "eksempel_kraft_kr_2021.txt", STATEMENT.replace("(1 000 €)", "(1 000 kr)"))
    accounts, _ = classify(kroner.cells, kroner.figures, report_year=2021)
    assert {a.amount_nok for a in accounts if a.row_label == "Rammetilskudd"} == {5_432_000, 5_100_000}
