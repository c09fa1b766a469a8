"""Word and web tables whose figures are printed with their unit in the cell ("21 millioner kroner"): each cell is the
figure, scaled by the unit it shares with the row's other cells, never a line of text whose figure is lost."""
from __future__ import annotations

import io

import docx

from flows.reports.document import read_cells


def _docx(rows: list[tuple[str, str]]) -> bytes:
    document = docx.Document()
    document.add_paragraph("Nordby kommune årsregnskap 2031")
    document.add_paragraph("Programområdene gikk med mindreforbruk.")
    table = document.add_table(rows=0, cols=2)
    for label, value in rows:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_figures_printed_with_their_unit_in_a_word_table_are_cells_in_base_units():
    data = _docx([("Programområde", "Mindreforbruk"), ("Barnehage", "8,6 millioner kroner"),
                  ("Grunnskole", "21 millioner kroner"), ("Kultur", "4,8 mill. kr")])
    cells = {c.row_label: c.value for c in read_cells("nordby_kommune_regnskap_2031.docx", data).cells}
    assert cells == {"Barnehage": 8_600_000, "Grunnskole": 21_000_000, "Kultur": 4_800_000}


def test_a_cell_of_words_around_a_figure_stays_text():
    data = _docx([("Forhold", "Beløp"), ("Mindreforbruk i virksomhetene", "med 64 millioner kroner"),
                  ("Merinntekter skatt", "med rundt 25 millioner kroner")])
    assert read_cells("nordby_kommune_regnskap_2031.docx", data).cells == []


def test_a_price_with_its_whole_kroner_mark_set_apart_is_the_price():
    from flows.reports.cells import parse_cell

    assert parse_cell("kr 500 ,-") == (500.0, False)
    assert parse_cell("kr 500,-") == (500.0, False)
    assert parse_cell("12 -") is None  # a figure and a dash cell run together stay unread
