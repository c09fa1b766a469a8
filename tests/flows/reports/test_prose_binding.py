"""Figures stated in prose bound to what their own words say (invented sentences): a parenthesised figure right after a
plan named is the plan's; a magnitude before a unit of measure is that quantity, never kroner, and a power printed apart
("m 3") is no figure."""
from __future__ import annotations

import pytest

from flows.reports.prose import Sentence, prose_figures


def _read(text: str, year: int = 2031):
    return {f.value: f for f in prose_figures([Sentence(text=text, page=1, line=1, section=None, quarter=None)], year)}


@pytest.mark.parametrize("text, actual, plan", [
    ("Netto driftsresultat ble 25,4 mill. kroner og er bedre enn budsjettet for 2031 (0,5 mill. kroner).", 25.4e6, 0.5e6),
    ("The operating result was NOK 12 million, better than budgeted (NOK 3 million).", 12e6, 3e6),
    ("Resultatet blev 12 mnkr, jämfört med budget (8 mnkr).", 12e6, 8e6),
    ("Driftsresultatet vart 7 mill. kr, betre enn det regulerte budsjettet (2,1 mill. kr).", 7e6, 2.1e6),
])
def test_a_parenthesised_figure_after_a_plan_named_is_the_plan(text, actual, plan):
    read = _read(text)
    assert read[plan].scenario == "plan"
    assert read[actual].scenario is None


def test_a_parenthesis_after_another_year_is_no_plan():
    read = _read("Netto driftsresultatet er høyere enn i 2030 (19,6 mill. kroner).")
    assert read[19.6e6].scenario is None and read[19.6e6].year == 2030


@pytest.mark.parametrize("text, value, printed", [
    ("Vannverket leverte ca. 8.9 mill.m 3 til Nordby.", 8.9e6, "8.9 mill.m 3"),
    ("I 2031 var energiforbruket på pumpestasjonen 9,1 mill. kWh.", 9.1e6, "9,1 mill. kWh"),
    ("Det ble samlet inn 1,3 millioner tonn avfall.", 1.3e6, "1,3 millioner tonn"),
    ("The plant delivered 4.2 million m³ of water.", 4.2e6, "4.2 million m³"),
])
def test_a_magnitude_before_a_unit_of_measure_is_that_quantity_not_kroner(text, value, printed):
    read = _read(text)
    assert read[value].unit == "count" and read[value].printed == printed


def test_a_magnitude_alone_is_still_kroner():
    assert _read("Driftsinntektene var 9,1 mill. i 2031.")[9.1e6].unit == "nok"


def test_a_power_printed_apart_is_no_figure():
    read = _read("Bassenget rommer 2500 m 3 vann og anlegget har 4 pumper.")
    assert 3.0 not in read
    assert read[4.0].printed == "4 pumper"

