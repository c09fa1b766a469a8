"""Ruled PDF tables: a grid cell's text is asked of pdfium once, into a buffer the grid's cells share, and reads as
pdfium's own bounded-text helper reads it (invented tables, wrapped and empty cells among them)."""
from __future__ import annotations

import ctypes
from pathlib import Path

import pypdfium2 as pdfium
from fpdf import FPDF

from flows.reports.layout.pdf import read_lines
from flows.reports.layout.ruled import _path_bounds, _text_in, ruled_tables

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def _ruled_pdf(path: Path) -> Path:
    pdf = FPDF()
    pdf.add_font("dejavu", fname=str(DEJAVU))
    pdf.add_font("dejavu", style="B", fname=str(DEJAVU))
    pdf.set_font("dejavu", size=9)
    pdf.add_page()
    pdf.cell(0, 8, "Tabell 3 Driftsutgifter (tall i 1 000 kr)", new_x="LMARGIN", new_y="NEXT")
    with pdf.table(col_widths=(40, 18, 18, 18)) as table:
        for cells in [["Tjeneste", "Rekneskap 2031", "Budsjett 2031", "Avvik"],
                      ["Grunnskule og skulefritidsordning", "48 117", "47 900", "-217"],
                      ["Pleie", "", "1 200", "–"],
                      ["Kultur og idrett (inkl. bibliotek)", "3 905,5", "4 010,0", "104,5"]]:
            row = table.row()
            for cell in cells:
                row.cell(cell)
    pdf.output(str(path))
    return path


def test_a_cell_asked_once_reads_as_the_helper_reads_it(tmp_path):
    doc = pdfium.PdfDocument(str(_ruled_pdf(tmp_path / "ruled.pdf")))
    page = doc[0]
    textpage = page.get_textpage()
    grids = ruled_tables(_path_bounds(page))
    assert grids, "the drawn table is a grid"
    buffer = (ctypes.c_ushort * (2 * textpage.count_chars() + 64))()
    read = []
    for grid in grids:
        for top, bottom in zip(grid.ys, grid.ys[1:]):
            for left, right in zip(grid.xs, grid.xs[1:]):
                text = _text_in(textpage, buffer, left, bottom, right, top)
                assert text == textpage.get_text_bounded(left=left, bottom=bottom, right=right, top=top)
                read.append(text)
    read = [" ".join(t.split()) for t in read]
    assert "48 117" in read and "-217" in read and "" in read  # figures, and the empty cell reads empty
    small = (ctypes.c_ushort * 4)()  # a buffer too short for a cell: the text is still read whole
    assert _text_in(textpage, small, grids[0].xs[0], grids[0].ys[2], grids[0].xs[1], grids[0].ys[1]) \
        == textpage.get_text_bounded(left=grids[0].xs[0], bottom=grids[0].ys[2], right=grids[0].xs[1], top=grids[0].ys[1])
    textpage.close()
    page.close()
    doc.close()


def test_the_rows_of_a_ruled_table_keep_their_cells(tmp_path):
    path = _ruled_pdf(tmp_path / "ruled.pdf")
    lines = read_lines(path.name, path.read_bytes())
    rows = {line.segs[0].text: [s.text for s in line.segs[1:]] for line in lines if line.table_id is not None}
    assert rows["Grunnskule og skulefritidsordning"] == ["48 117", "47 900", "-217"]
    assert rows["Kultur og idrett (inkl. bibliotek)"] == ["3 905,5", "4 010,0", "104,5"]
    assert rows["Pleie"] == ["1 200", "–"]  # the empty cell has no segment
