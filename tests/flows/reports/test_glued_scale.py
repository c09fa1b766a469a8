"""A scale abbreviation in capitals that a web extraction glued to the caption word before it ("ResultaträkningTKR")
still declares the table's scale; capitals that are not a scale change nothing."""
from __future__ import annotations

import pytest

from flows.reports.layout.scale import scale_of


@pytest.mark.parametrize(("text", "scale"), [
    ("ResultaträkningTKR KOMMUN KONCERN", 1e3),
    ("DriftsregnskapMNOK", 1e6),
    ("Økonomisk oversiktTKR 2023 2022", 1e3),
    ("BalansräkningMSEK", 1e6),
])
def test_a_glued_scale_declares(text, scale):
    found = scale_of(text)
    assert found is not None and found[0] == scale, found


@pytest.mark.parametrize("text", ["NoteRegnskap 2021", "ResultatKOSTRA 2022", "SykefraværTotalt", "TKRS"])
def test_capitals_that_are_no_scale_declare_nothing(text):
    assert scale_of(text) is None


STATEMENT = """Eksempelby kommun, årsredovisning 2021

ResultaträkningTKR KOMMUN
NOT 2021 2020
Verksamhetens intäkter 2 308 653 344 112
Verksamhetens kostnader 3 – 1 930 976 – 1 867 968
Skatteintäkter 6 1 336 927 1 263 926
Årets resultat 107 046 96 770
"""


def test_a_statement_with_a_glued_scale_is_read_in_thousands(tmp_path):
    from flows.reports.parse import parse_document

    path = tmp_path / "eksempelby_arsredovisning_2021.txt"
    path.write_text(STATEMENT, encoding="utf-8")
    cells = {(c.row_label, c.column_year): c for c in parse_document(path).cells}
    assert cells[("Skatteintäkter", 2021)].value == 1_336_927_000
    assert cells[("Årets resultat", 2020)].value == 96_770_000
    assert cells[("Verksamhetens kostnader", 2021)].value == -1_930_976_000
    assert all(c.scale == 1000 for c in cells.values())


@pytest.mark.parametrize(("text", "scale"), [
    ("Resultaträkningmnkr", 1e6), ("BalansräkningMkr", 1e6), ("Driftsredovisningtkr", 1e3), ("Resultatregnskapmkr", 1e6)])
def test_a_glued_kroner_scale_in_lower_or_mixed_case_declares(text, scale):
    found = scale_of(text)
    assert found is not None and found[0] == scale, found


@pytest.mark.parametrize("text", ["Marknadsföringen", "Resultaträkning", "Utredningskostnad"])
def test_words_with_no_glued_scale_declare_nothing(text):
    assert scale_of(text) is None
