"""Prose figures in narrow-column text: a sentence broken every few words over short lines is read whole, where a
line starts with its figure ("var i 2023 på" / "6,2 prosent"), where a line of words and a figure sits inside the
sentence ("totalt 812,4" is no table row) and where a year ends the sentence at a line start ("2023. Talet på")."""
from __future__ import annotations

import pytest

from flows.reports.document import read_cells


def _figures(text: str) -> set[tuple]:
    rep = read_cells("smal.txt", text.encode())
    return {(f.value, f.unit, f.year) for f in rep.figures}


@pytest.mark.parametrize("text, expected", [
    ("Medarbeidere\n\nSykefraværet i kommunen\nvar i 2023 på\n6,2 prosent, mot\n5,9 prosent året\nfør. Kommunen hadde\n"
     "ved utgangen av 2023\ntotalt 812,4\nårsverk fordelt på\n1 020 ansatte.\nDet legemeldte\nfraværet utgjorde\n"
     "4,1 prosent i 2023.\n",
     {(6.2, "pct", 2023), (812.4, "fte", 2023), (4.1, "pct", 2023)}),
    ("Personal\n\nSjukefråværet i\nkommunen var\n7,1 prosent i 2022\nog 6,6 prosent i\n2023. Talet på\n"
     "årsverk var 412\nved utgangen av året.\n",
     {(7.1, "pct", 2022), (6.6, "pct", 2023), (412, "fte", 2023)}),
    ("Personal\n\nSjukfrånvaron i\nkommunen uppgick\ntill\n5,8 procent\nunder 2023.\n", {(5.8, "pct", 2023)}),
])
def test_a_sentence_broken_over_short_lines(text, expected):
    assert expected <= _figures(text)


def test_the_narrow_column_rows_are_no_table():
    rep = read_cells("smal.txt", "Personal\n\nKommunen hadde\nved utgangen av 2023\ntotalt 812,4\nårsverk fordelt på\nfire sektorer.\n".encode())
    assert not rep.cells


def test_short_label_value_lines_stay_a_table():
    text = "Nøkkeltall 2023\n\nÅrsverk 812,4\nAnsatte 1 020\nSykefravær 6,2 %\n"
    rep = read_cells("nokkel.txt", text.encode())
    assert {("Årsverk", 812.4), ("Ansatte", 1020)} <= {(c.row_label, c.value) for c in rep.cells}
