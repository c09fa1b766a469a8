"""A web-extracted table whose head and rows lost their cell boundaries ("TjenesteområdeSykefraværKorttidsfravær
Langtidsfravær" over "Helse og velferd11,43,67,8"): the head cut at its case changes names the value columns when it
cuts into as many heads as the rows print figures, and a caption naming a part of a year ("etter tredje tertial
2031") dates every figure (invented text)."""
from __future__ import annotations

from flows.reports.document import read_cells

TEXT = """Eksempelvik kommune
Tertialrapport 2031

Sykefravær etter tredje tertial 2031

TjenesteområdeSykefraværKorttidsfraværLangtidsfravær
Helse og velferd11,43,67,8
NAV10,82,48,4
Admin, Politikk og kontroll5,52,33,2

Sykefraværet er høyest i helse og velferd.
"""


def _cells(text: str):
    return read_cells("eksempelvik_tertialrapport_2031.txt", text.encode("utf-8")).cells


def test_glued_word_head_names_the_columns_and_the_caption_dates_them():
    got = {(c.row_label, c.column_label): (c.value, c.column_year, c.column_period) for c in _cells(TEXT)
           if c.row_label in ("Helse og velferd", "NAV", "Admin, Politikk og kontroll")}
    assert got == {
        ("Helse og velferd", "Sykefravær"): (11.4, 2031, "T3"), ("Helse og velferd", "Korttidsfravær"): (3.6, 2031, "T3"),
        ("Helse og velferd", "Langtidsfravær"): (7.8, 2031, "T3"), ("NAV", "Sykefravær"): (10.8, 2031, "T3"),
        ("NAV", "Korttidsfravær"): (2.4, 2031, "T3"), ("NAV", "Langtidsfravær"): (8.4, 2031, "T3"),
        ("Admin, Politikk og kontroll", "Sykefravær"): (5.5, 2031, "T3"),
        ("Admin, Politikk og kontroll", "Korttidsfravær"): (2.3, 2031, "T3"),
        ("Admin, Politikk og kontroll", "Langtidsfravær"): (3.2, 2031, "T3"),
    }


def test_a_head_of_another_count_names_no_column():
    text = TEXT.replace("TjenesteområdeSykefraværKorttidsfraværLangtidsfravær", "TjenesteområdeSykefraværLangtidsfravær")
    assert not any(c.column_label for c in _cells(text) if c.row_label == "NAV")


def test_a_caption_naming_no_year_dates_nothing():
    text = TEXT.replace("Sykefravær etter tredje tertial 2031", "Sykefravær per 2. tertial").replace(
        "Tertialrapport 2031", "Tertialrapport")
    assert {c.column_year for c in _cells(text) if c.row_label == "NAV"} == {None}
