"""A caption line over a head row printed on one line stays the table's caption: the head row's words apart by gaps over
the figure columns are the column heads, and a caption naming a year is no head cell printed one per line above them
(the label column has no head). Invented, name-free text."""
from __future__ import annotations

import pytest

from flows.reports.document import read_cells


@pytest.mark.parametrize("caption", ["Elevtal per skule", "Elevtal per skule 2031", "Tabell 4 Elevtal 2031"])
@pytest.mark.parametrize("head", ["            Elevar   Endring", "Elevar   Endring"])
def test_the_caption_stays_the_caption(caption, head):
    text = (f"{caption}\n{head}\n"
            "Nordvik skule   245   12\n"
            "Sørheim skule   180   -4\n"
            "Vestli skule   95   3\n")
    cells = read_cells("side.txt", text.encode("utf-8")).cells
    assert {c.column_label for c in cells} == {"Elevar", "Endring"}
    assert {c.caption for c in cells} == {caption}
    values = {(c.row_label, c.column_label): c.value for c in cells}
    assert values[("Nordvik skule", "Elevar")] == 245
    assert values[("Sørheim skule", "Endring")] == -4


def test_head_cells_printed_one_per_line_are_still_joined():
    text = ("Tal per eining\n"
            "Rekneskap 2031\n"
            "Rekneskap 2030\n"
            "Nordvik skule   245   230\n"
            "Sørheim skule   180   184\n")
    cells = read_cells("side.txt", text.encode("utf-8")).cells
    assert {c.column_year for c in cells} == {2031, 2030}
