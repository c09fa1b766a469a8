"""Label/value lists in one line or sentence, named by a head before a colon ("Kommune: Eierandel: A 3,85 % ...",
"Eigarar: X 40 %, Y 35 %"), and "Label (unit): value" pairs: read as a small table, never as loose prose, and a unit
in parentheses scales its own row only (invented, name-free examples in several languages)."""
from __future__ import annotations

from flows.reports.document import read_cells


def _cells(text: str):
    return read_cells("side.txt", text.encode("utf-8")).cells


def test_a_list_with_two_head_words_before_colons():
    cells = _cells("Eierandeler i selskapet.\nKommune: Eierandel: Alfa 3,85 % Beta 10,2 % Gamma 85,95 %\n")
    got = {(c.row_label, c.column_label, c.corner): c.value for c in cells}
    assert got == {("Alfa", "Eierandel", "Kommune"): 3.85, ("Beta", "Eierandel", "Kommune"): 10.2,
                   ("Gamma", "Eierandel", "Kommune"): 85.95}


def test_a_list_after_a_sentence_nynorsk_english_swedish():
    nn = {(c.row_label, c.column_label): c.value
          for c in _cells("Selskapet har tre eigarar. Eigarar: Alfa 40 %, Beta 35 %, Gamma 25 %.\n")}
    assert nn == {("Alfa", "Eigarar"): 40.0, ("Beta", "Eigarar"): 35.0, ("Gamma", "Eigarar"): 25.0}
    en = {(c.row_label, c.column_label): c.value for c in _cells("Owners: North 60 %, South 40 %\n")}
    assert en == {("North", "Owners"): 60.0, ("South", "Owners"): 40.0}
    sv = {c.row_label: c.value for c in _cells("Ägare: Norra kommun 50 % och Södra kommun 50 %\n")}
    assert sv == {"Norra kommun": 50.0, "Södra kommun": 50.0}


def test_prose_with_a_colon_and_lower_case_items_is_no_list():
    cells = _cells("Kommunen har i år hatt en god vekst i inntektene: skatt 4 % og rammetilskudd 3 %.\n")
    assert not any(c.column_label == "Kommunen har i år hatt en god vekst i inntektene" for c in cells)


def test_label_unit_colon_pairs_scale_their_own_row_only():
    cells = {c.row_label: (c.value, c.scale) for c in _cells(
        "Nøkkeltall\nDriftsinntekter (mill. kr): 123,4\nDriftsresultat (mill. kr): 5,6\nAntall ansatte: 87\n")}
    assert cells == {"Driftsinntekter": (123_400_000, 1e6), "Driftsresultat": (5_600_000, 1e6),
                     "Antall ansatte": (87.0, 1.0)}
    nn = {c.row_label: (c.value, c.is_percent) for c in _cells(
        "Nøkkeltal\nDriftsinntekter (1 000 kr): 123 400\nSjukefråvær (%): 6,5\n")}
    assert nn == {"Driftsinntekter": (123_400_000, False), "Sjukefråvær": (6.5, True)}
