"""Two-column prose pages in PDF are read column by column even when the columns' lines do not share
baselines (different line pitch, one column set lower), while headings and tables across the page,
single-column pages and label/text pairs stay as printed. Invented pages written with fpdf2 and a DOCX
with a two-column section turned into a PDF by LibreOffice; bokmål and nynorsk."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from fpdf import FPDF

from flows.reports.document import read_cells
from flows.reports.layout.columns import gutter_bands
from flows.reports.layout.model import Seg
from flows.reports.layout.pdf import read_lines

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")

LEFT_NB = ("Enheten har i løpet av året arbeidet med nye rutiner for oppfølging av avtaler og rådgivning til "
           "etatene. Sykefraværet i 2031 var 5,2 prosent, mot 6,1 prosent året før, og det legemeldte fraværet "
           "gikk ned gjennom hele høsten. Arbeidet med digitale arbeidsprosesser fortsetter neste år.")
RIGHT_NB = ("Ved utgangen av året hadde enheten 41 ansatte fordelt på 37,5 årsverk. Bemanningen har vært stabil, "
            "og rekrutteringen til ledige stillinger gikk raskere enn tidligere år. Brukerne er godt fornøyde "
            "med tjenestene, og antall klager var lavt sammenlignet med antall henvendelser.")
LEFT_NN = ("Selskapet har i løpet av året arbeidd med nye rutinar for innsamling og handsaming av avfall frå "
           "hushalda. Sjukefråværet var på 6,6 % i 2031, og det vart ikkje registrert yrkesskadar som førte til "
           "fråvær. Arbeidet med universell utforming held fram.")
RIGHT_NN = ("Ved utgangen av året var det 18,5 årsverk i selskapet, og fem av dei tilsette var kvinner. "
            "Styret meiner selskapet er godt budd på framtidige miljøkrav, då eigenkapitalen er god og "
            "likviditeten er plassert i bank med låg risiko for selskapet.")


def _font(pdf: FPDF, size: float = 10) -> None:
    if not DEJAVU.exists():
        pytest.fail(f"the DejaVu font is needed to write Unicode PDFs: apt-get install fonts-dejavu-core ({DEJAVU})")
    pdf.add_font("dejavu", fname=str(DEJAVU))
    pdf.set_font("dejavu", size=size)


def _columns(pdf: FPDF, y: float, left: str, right: str, *, offset: float, pitch: tuple[float, float]) -> float:
    """Two text columns from `y` (mm): the right one set `offset` lower, each with its own line pitch;
    returns the y below the longer column."""
    pdf.set_xy(15, y)
    pdf.multi_cell(85, pitch[0], left, new_x="LMARGIN", new_y="NEXT")
    bottom = pdf.get_y()
    pdf.set_xy(110, y + offset)
    pdf.multi_cell(85, pitch[1], right, new_x="LMARGIN", new_y="NEXT")
    return max(bottom, pdf.get_y())


def _two_column_pdf(path: Path, left: str, right: str, *, offset: float, pitch=(5.0, 6.2), table: bool = False,
                    heading: str = "Årsmelding 2031 for tenesteområdet kultur, idrett og fritid") -> Path:
    pdf = FPDF()
    _font(pdf)
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.set_xy(15, 15)
    pdf.cell(180, 8, heading)  # across both columns
    y = _columns(pdf, 28, left, right, offset=offset, pitch=pitch)
    if table:  # a borderless table across the page, figures right-aligned under their headers
        rows = [["Tall i 1 000 kroner", "Regnskap 2031", "Budsjett 2031", "Avvik"],
                ["Lønn og sosiale utgifter", "14 037", "14 341", "304"],
                ["Kjøp av varer og tjenester", "4 113", "4 211", "98"],
                ["Sum utgifter", "18 150", "18 552", "402"]]
        y += 6
        for cells in rows:
            pdf.set_xy(15, y)
            pdf.cell(70, 5.5, cells[0])
            for j, text in enumerate(cells[1:]):
                pdf.set_xy(85 + 36 * j, y)
                pdf.cell(34, 5.5, text, align="R")
            y += 5.5
        y = _columns(pdf, y + 6, RIGHT_NB, LEFT_NB, offset=offset, pitch=pitch)
    pdf.set_xy(15, 280)
    pdf.cell(180, 5, "Side 4 av 12 i årsmeldinga for tenesteområdet")  # a footer across the page
    pdf.output(str(path))
    return path


def _flat(text: str) -> str:
    return " ".join(text.split())


def _page_text(path: Path) -> tuple[list[str], str]:
    lines = [line.text for line in read_lines(path.name, path.read_bytes())]
    return lines, _flat(" ".join(lines))


@pytest.mark.parametrize("offset, pitch", [(2.6, (5.0, 5.0)), (1.1, (5.0, 6.2)), (9.0, (5.6, 4.8)), (0.0, (5.0, 5.0))])
@pytest.mark.parametrize("left, right", [(LEFT_NB, RIGHT_NB), (LEFT_NN, RIGHT_NN)], ids=["nb", "nn"])
def test_columns_with_offset_baselines_read_left_then_right(tmp_path, left, right, offset, pitch):
    lines, text = _page_text(_two_column_pdf(tmp_path / "two.pdf", left, right, offset=offset, pitch=pitch))
    assert _flat(left) in text and _flat(right) in text  # each column read whole, in order
    assert text.index(_flat(left)) < text.index(_flat(right))
    assert lines[0].startswith("Årsmelding 2031")  # the heading across both columns comes first ...
    assert lines[-1].startswith("Side 4 av 12")  # ... the footer last


@pytest.mark.parametrize("left, right, figures", [
    (LEFT_NB, RIGHT_NB, {5.2, 6.1, 37.5}),
    (LEFT_NN, RIGHT_NN, {6.6, 18.5}),
], ids=["nb", "nn"])
def test_sentences_of_offset_columns_keep_their_figures(tmp_path, left, right, figures):
    path = _two_column_pdf(tmp_path / "figures.pdf", left, right, offset=2.6)
    report = read_cells(path)
    found = {f.value: f.text for f in report.figures}
    for value in figures:
        assert value in found, (value, found)
        sentence = _flat(found[value])
        assert sentence in _flat(left) or sentence in _flat(right), sentence  # no sentence mixes the columns


@pytest.mark.parametrize("offsets", [(0.0, 2.4, 4.1), (3.0, 0.0, 1.2)])
def test_three_columns_read_one_after_another(tmp_path, offsets):
    pdf = FPDF()
    _font(pdf, 8)
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.set_xy(15, 15)
    pdf.cell(180, 8, "Årsmelding 2031 for tenesteområdet kultur, idrett og fritid")
    texts = (LEFT_NB, RIGHT_NN, LEFT_NN)
    for k, (text, offset, pitch) in enumerate(zip(texts, offsets, (4.0, 4.6, 4.3))):
        pdf.set_xy(15 + 62 * k, 28 + offset)
        pdf.multi_cell(56, pitch, text, align="L")
    path = tmp_path / "three.pdf"
    pdf.output(str(path))
    _, text = _page_text(path)
    at = 0
    for paragraph in texts:
        at = text.index(_flat(paragraph), at) + 1


def test_a_table_across_the_page_between_column_bands_keeps_its_rows(tmp_path):
    path = _two_column_pdf(tmp_path / "table.pdf", LEFT_NB, RIGHT_NB, offset=2.6, table=True)
    lines, text = _page_text(path)
    assert "Lønn og sosiale utgifter  14 037  14 341  304" in lines
    for paragraph in (LEFT_NB, RIGHT_NB):  # both bands, above and below the table, read column by column
        assert text.count(_flat(paragraph)) == 2
    assert text.index("Sum utgifter") < text.rindex(_flat(RIGHT_NB))  # the table stands between the bands
    cells = {(c.row_label, c.value) for c in read_cells(path).cells}
    assert {("Lønn og sosiale utgifter", 14_037_000), ("Sum utgifter", 18_552_000), ("Sum utgifter", 402_000)} <= cells


def test_single_column_page_and_label_text_pairs_stay_as_printed(tmp_path):
    pdf = FPDF()
    _font(pdf)
    pdf.add_page()
    pdf.multi_cell(180, 5, LEFT_NB + " " + RIGHT_NB, new_x="LMARGIN", new_y="NEXT")
    y = pdf.get_y() + 5
    pairs = [("Formål", "Selskapet skal ta hand om innsamling av avfall frå hushalda"),
             ("Eigarar", "Sju kommunar med like store eigardelar i selskapet"),
             ("Styre", "Fem medlemmer valt av representantskapet for to år"),
             ("Tilsette", "Dei tilsette er fordelt på to avdelingar og ein stab")]
    for label, text in pairs:  # a label column beside running text: one printed row is one line
        pdf.set_xy(15, y)
        pdf.cell(40, 5, label)
        pdf.set_xy(110, y)
        pdf.cell(85, 5, text)
        y += 6
    path = tmp_path / "single.pdf"
    pdf.output(str(path))
    lines, text = _page_text(path)
    assert _flat(LEFT_NB + " " + RIGHT_NB) in text
    for label, words in pairs:
        assert f"{label}  {words}" in lines


def _row(middle: float, *cells: tuple[str, float, float], table: bool = False):
    return (middle, 10.0, [Seg(t, x0, x1) for t, x0, x1 in cells], table)


def test_gutter_bands_on_invented_rows():
    prose = "ord og fleire ord i ei linje"
    offset = [_row(700 - 7 * k, (prose, 40, 280)) if k % 2 == 0 else _row(700 - 7 * k, (prose, 310, 550))
              for k in range(12)]
    assert gutter_bands(offset) == [(0, 12, pytest.approx(295, abs=15))]
    # the same rows with figures beside the labels: a table, no columns
    table = [_row(700 - 12 * k, ("Driftsinntekter i alt for året", 40, 280), ("1 234", 310, 350), ("5 678", 400, 440))
             for k in range(8)]
    assert gutter_bands(table) == []
    # a ruled table's rows (marked) never join a band
    assert gutter_bands([r[:3] + (True,) for r in offset]) == []
    # one full-width line every other row: nothing to split
    single = [_row(700 - 12 * k, (prose + " " + prose, 40, 550)) for k in range(10)]
    assert gutter_bands(single) == []
    # left column above, right column below: not side by side
    stacked = [_row(700 - 12 * k, (prose, 40, 280)) for k in range(5)] + \
              [_row(600 - 12 * k, (prose, 310, 550)) for k in range(5)]
    assert gutter_bands(stacked) == []


def _office_two_column_pdf(path: Path) -> Path:
    """A DOCX whose title is one column and whose body is a continuous two-column section (the right column
    opens with a larger heading, so its lines stand between the left column's baselines), saved as PDF by
    LibreOffice."""
    from docx import Document
    from docx.enum.section import WD_SECTION
    from docx.enum.text import WD_BREAK
    from docx.oxml.ns import qn
    from docx.shared import Pt

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.fail("LibreOffice (soffice) is needed to turn the DOCX into an office PDF: apt-get install libreoffice-writer")
    doc = Document()
    doc.add_heading("Årsmelding 2031 for tenesteområdet kultur, idrett og fritid", level=1)
    section = doc.add_section(WD_SECTION.CONTINUOUS)
    cols = section._sectPr.find(qn("w:cols"))
    if cols is None:
        cols = section._sectPr.makeelement(qn("w:cols"), {})
        section._sectPr.append(cols)
    cols.set(qn("w:num"), "2")
    cols.set(qn("w:space"), "567")
    for text in (LEFT_NB, LEFT_NN):
        doc.add_paragraph(text).runs[0].font.size = Pt(10)
    doc.paragraphs[-1].add_run().add_break(WD_BREAK.COLUMN)
    heading = doc.add_paragraph("Personale og arbeidsmiljø")
    heading.runs[0].font.size = Pt(15)
    heading.paragraph_format.space_before = Pt(7)
    for text in (RIGHT_NB, RIGHT_NN):
        doc.add_paragraph(text).runs[0].font.size = Pt(11.5)
    work = path.parent / "work"
    work.mkdir(parents=True, exist_ok=True)
    source = work / (path.stem + ".docx")
    doc.save(str(source))
    subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", str(work), str(source)],
                   check=True, capture_output=True, timeout=180, env={"HOME": str(work), "PATH": "/usr/bin:/bin"})
    (work / (path.stem + ".pdf")).rename(path)
    return path


def test_office_pdf_with_a_two_column_section_reads_column_by_column(tmp_path):
    path = _office_two_column_pdf(tmp_path / "office.pdf")
    lines, text = _page_text(path)
    assert lines[0].startswith("Årsmelding 2031")
    at = 0
    for paragraph in (LEFT_NB, LEFT_NN, "Personale og arbeidsmiljø", RIGHT_NB, RIGHT_NN):  # whole and in order
        at = text.index(_flat(paragraph), at) + 1
    figures = {f.value for f in read_cells(path).figures}
    assert {5.2, 6.1, 6.6, 41.0, 37.5} <= figures
