"""Figures whose text lost or never printed a part (invented texts):

- a number after a lone decimal comma (",2 %"): the extraction lost its leading digits, so it states no figure;
- a result the sentence closes on with no unit ("med et budsjettert mindreforbruk på 20.", "har mindreforbruket økt
  til 43,7."): kept as printed, of unit "number" (no scale is guessed), and never an account's or a metric's amount.
"""
from __future__ import annotations

from flows.reports.classify import classify, load_catalog
from flows.reports.document import read_cells


def _figures(text: str):
    return read_cells("side.txt", f"Økonomirapport 2031\n\n{text}\n".encode("utf-8")).figures


def test_a_number_after_a_lone_decimal_comma_is_no_figure():
    got = _figures("Forbruket i grunnskolen var ,2 % av budsjettet, og i barnehagene 97,6 % av budsjettet.")
    assert {f.value for f in got if f.unit == "pct"} == {97.6}


def test_a_result_closing_its_sentence_without_a_unit_is_kept_as_printed():
    got = _figures("Budsjett 2031 ble vedtatt som sak 100/30, med et budsjettert mindreforbruk på 20. Gjennom sak 6/31 "
                   "har budsjettert mindreforbruk økt til 43,7. Kommunen hadde et mindreforbruk på 12,5 mill. kroner i 2030.")
    numbers = {f.value: f for f in got if f.unit == "number"}
    assert set(numbers) == {20.0, 43.7}
    assert all("mindreforbruk" in f.topic for f in numbers.values())
    _, facts = classify([], got, report_year=2031, catalog=load_catalog())
    assert {f.value for f in facts} == {12_500_000}  # no metric of a figure whose unit is unknown


def test_a_bare_number_after_other_words_stays_unread():
    got = _figures("Saken ble behandlet i møte 20. Utvalget hadde et møte på 14.")
    assert not [f for f in got if f.unit == "number"]
