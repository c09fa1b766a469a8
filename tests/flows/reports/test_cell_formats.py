"""The same report as TXT, Markdown, HTML, DOCX, a ruled PDF, a borderless PDF and a Word-made PDF
(LibreOffice from the DOCX) yields the same raw cells: row, column year, scenario and value."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from fpdf import FPDF

from flows.reports.document import read_cells

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
CAPTION = "Driftsregnskap (beløp i 1 000 kr)"
HEADER = ["", "Regnskap 2021", "Justert budsjett 2021", "Avvik", "Regnskap 2020"]
ROWS = [
    ["Lønn og sosiale utgifter", "16 194", "17 122", "928", "15 945"],
    ["Kjøp av varer og tjenester", "4 128", "4 212", "84", "4 107"],
    ["Overføringer", "441", "243", "-198", "349"],
    ["Salgsinntekter", "-2 241", "-1 700", "541", "-2 772"],
    ["Sum driftsutgifter", "20 763", "21 577", "814", "20 401"],
]
KEY_CAPTION = "Nøkkeltall"
KEY_HEADER = ["", "2019", "2020", "2021"]
KEY_ROWS = [["Sykefravær i prosent", "6,1", "5,4", "4,7"], ["Antall årsverk", "81,3", "83,0", "84,5"]]
PROSE = "Sykefraværet i 2021 var 4,7 %, og kommunen hadde 84,5 årsverk ved utgangen av året."
TITLE = "Årsmelding 2021"


def write_txt(path: Path) -> Path:
    lines = [TITLE, "", PROSE, "", CAPTION, " ".join(h for h in HEADER if h)]
    lines += [" ".join(r) for r in ROWS] + ["", KEY_CAPTION, " ".join(h for h in KEY_HEADER if h)]
    lines += [" ".join(r) for r in KEY_ROWS]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def write_glued_txt(path: Path) -> Path:
    """As text extracted from a web page: header cells glued, no spaces between them."""
    lines = [TITLE, "", PROSE, "", CAPTION, "".join(h for h in HEADER if h)]
    lines += [" ".join(r) for r in ROWS] + ["", KEY_CAPTION, " ".join(h for h in KEY_HEADER if h)]
    lines += [" ".join(r) for r in KEY_ROWS]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def write_md(path: Path) -> Path:
    def table(header, rows):
        out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        return out + ["| " + " | ".join(r) + " |" for r in rows]

    lines = [f"# {TITLE}", "", PROSE, "", f"## {CAPTION}", ""] + table(HEADER, ROWS)
    lines += ["", f"## {KEY_CAPTION}", ""] + table(KEY_HEADER, KEY_ROWS)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def write_html(path: Path) -> Path:
    """A web edition: the header in two rows, "Regnskap" spanning two years by colspan, the
    label header spanning both rows by rowspan."""
    def cells(tag, row):
        return "".join(f"<{tag}>{c}</{tag}>" for c in row)

    html = [f"<html><body><h1>{TITLE}</h1><p>{PROSE}</p><h2>{CAPTION}</h2><table>",
            "<thead><tr><th rowspan='2'></th><th>Regnskap</th><th>Justert budsjett</th><th rowspan='2'>Avvik</th>"
            "<th>Regnskap</th></tr><tr><th>2021</th><th>2021</th><th>2020</th></tr></thead><tbody>"]
    html += [f"<tr>{cells('td', r)}</tr>" for r in ROWS]
    html += [f"</tbody></table><h2>{KEY_CAPTION}</h2><table><tr>{cells('th', KEY_HEADER)}</tr>"]
    html += [f"<tr>{cells('td', r)}</tr>" for r in KEY_ROWS] + ["</table></body></html>"]
    path.write_text("".join(html), encoding="utf-8")
    return path


def write_docx(path: Path) -> Path:
    document = docx.Document()
    document.add_heading(TITLE, level=1)
    document.add_paragraph(PROSE)
    document.add_heading(CAPTION, level=2)
    table = document.add_table(rows=len(ROWS) + 2, cols=len(HEADER))
    table.style = "Table Grid"
    # a merged header cell "Regnskap" over nothing but itself, and the years in a row of their own
    top = ["", "Regnskap", "Justert budsjett", "Avvik", "Regnskap"]
    years = ["", "2021", "2021", "", "2020"]
    for c in range(len(HEADER)):
        table.cell(0, c).text = top[c]
        table.cell(1, c).text = years[c]
    table.cell(0, 3).merge(table.cell(1, 3))
    for r, row in enumerate(ROWS, start=2):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    document.add_heading(KEY_CAPTION, level=2)
    key = document.add_table(rows=len(KEY_ROWS) + 1, cols=len(KEY_HEADER))
    for r, row in enumerate([KEY_HEADER] + KEY_ROWS):
        for c, text in enumerate(row):
            key.cell(r, c).text = text
    document.save(path)
    return path


def _pdf() -> FPDF:
    if not DEJAVU.exists():
        pytest.fail(f"the DejaVu font is needed to write Unicode PDFs: apt-get install fonts-dejavu-core ({DEJAVU})")
    pdf = FPDF()
    pdf.add_font("dejavu", fname=str(DEJAVU))
    pdf.add_font("dejavu", style="B", fname=str(DEJAVU))
    pdf.set_font("dejavu", size=9)
    pdf.add_page()
    pdf.multi_cell(0, 6, TITLE, new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(0, 6, PROSE, new_x="LMARGIN", new_y="NEXT")
    return pdf


def write_ruled_pdf(path: Path) -> Path:
    pdf = _pdf()
    for caption, header, rows in ((CAPTION, HEADER, ROWS), (KEY_CAPTION, KEY_HEADER, KEY_ROWS)):
        pdf.multi_cell(0, 6, caption, new_x="LMARGIN", new_y="NEXT")
        with pdf.table(text_align="RIGHT") as table:
            for cells in [header] + rows:
                row = table.row()
                for cell in cells:
                    row.cell(cell)
        pdf.ln(4)
    pdf.output(str(path))
    return path


def write_borderless_pdf(path: Path) -> Path:
    """Figures right-aligned under their headers, no rules: the layout InDesign reports use."""
    pdf = _pdf()
    for caption, header, rows in ((CAPTION, HEADER, ROWS), (KEY_CAPTION, KEY_HEADER, KEY_ROWS)):
        pdf.multi_cell(0, 6, caption, new_x="LMARGIN", new_y="NEXT")
        for cells in [header] + rows:
            y = pdf.get_y()
            pdf.set_xy(10, y)
            pdf.cell(60, 5, cells[0])
            for k, text in enumerate(cells[1:]):
                pdf.set_xy(70 + 32 * k, y)
                pdf.cell(30, 5, text, align="R")
            pdf.set_xy(10, y + 5)
        pdf.ln(4)
    pdf.output(str(path))
    return path


def write_office_pdf(path: Path, tmp: Path) -> Path:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.fail("LibreOffice (soffice) is needed to turn the DOCX into an office PDF: apt-get install libreoffice-writer")
    source = write_docx(tmp / "office.docx")
    subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", str(tmp), str(source)],
                   check=True, capture_output=True, timeout=180, env={"HOME": str(tmp), "PATH": "/usr/bin:/bin"})
    (tmp / "office.pdf").rename(path)
    return path


WRITERS = {"txt": write_txt, "glued.txt": write_glued_txt, "md": write_md, "html": write_html, "docx": write_docx,
           "ruled.pdf": write_ruled_pdf, "borderless.pdf": write_borderless_pdf}


def cell_set(path: Path) -> set[tuple]:
    report = read_cells(path)
    return {(c.row_label, c.column_year, c.scenario, round(c.value, 3)) for c in report.cells}


def expected() -> set[tuple]:
    scen = ["actual", "revised_budget", "variance", "actual"]
    years = [2021, 2021, None, 2020]
    out = set()
    for row in ROWS:
        for k, printed in enumerate(row[1:]):
            value = float(printed.replace(" ", "").replace("-", "-")) * 1000
            out.add((row[0], years[k], scen[k], round(value, 3)))
    for row in KEY_ROWS:
        for k, printed in enumerate(row[1:]):
            out.add((row[0], int(KEY_HEADER[k + 1]), "other", float(printed.replace(",", "."))))
    return out


@pytest.fixture(scope="module")
def tmp(tmp_path_factory):
    return tmp_path_factory.mktemp("cell-formats")


@pytest.mark.parametrize("kind", list(WRITERS))
def test_every_format_yields_the_same_cells(tmp, kind):
    path = WRITERS[kind](tmp / f"arsmelding-2021.{kind}")
    got = cell_set(path)
    want = expected()
    assert got >= want, f"{kind}: missing {sorted(want - got, key=str)[:6]}"
    assert not {c for c in got if c[0] in {r[0] for r in ROWS + KEY_ROWS}} - want, f"{kind}: extra {sorted(got - want, key=str)[:6]}"


def test_word_made_pdf_yields_the_same_cells(tmp):
    path = write_office_pdf(tmp / "arsmelding-2021.office.pdf", tmp)
    got = cell_set(path)
    assert got >= expected(), f"missing {sorted(expected() - got, key=str)[:6]}"


@pytest.mark.parametrize("kind", ["txt", "html", "borderless.pdf"])
def test_the_prose_figures_are_read_in_every_format(tmp, kind):
    report = read_cells(WRITERS[kind](tmp / f"prose-2021.{kind}"))
    figures = {(f.value, f.unit, f.year) for f in report.figures}
    assert (4.7, "pct", 2021) in figures and (84.5, "fte", 2021) in figures


def _borderless_rows(pdf: FPDF, rows: list[list[str]]) -> None:
    for cells in rows:
        y = pdf.get_y()
        pdf.set_xy(10, y)
        pdf.cell(60, 5, cells[0])
        for j, text in enumerate(cells[1:]):
            pdf.set_xy(75 + 32 * j, y)
            pdf.cell(30, 5, text, align="R")
        pdf.set_xy(10, y + 5)


def test_a_table_running_on_over_a_page_break_keeps_its_columns(tmp_path):
    # the rows on page 2 print no header; they stand under page 1's columns and belong to its table,
    # while a table on page 3 with its own caption above it is a table of its own
    pdf = _pdf()
    pdf.multi_cell(0, 6, "Investeringer (tkr)", new_x="LMARGIN", new_y="NEXT")
    _borderless_rows(pdf, [["", "Budsjett 2027", "Plan 2028", "Plan 2029"],
                           ["Skolebygg", "1 200", "3 400", "500"], ["Veier", "800", "900", "1 000"]])
    pdf.add_page()
    _borderless_rows(pdf, [["Idrettshall", "2 500", "4 000", "250"], ["Sum investeringer", "4 500", "8 300", "1 750"]])
    pdf.add_page()
    pdf.multi_cell(0, 6, "Antall elever", new_x="LMARGIN", new_y="NEXT")
    _borderless_rows(pdf, [["Nordby skole", "120", "118", "121"], ["Sørby skole", "88", "90", "92"]])
    path = tmp_path / "budsjett-2027.pdf"
    pdf.output(str(path))
    cells = {(c.page, c.row_label, c.column_label, c.column_year, c.value) for c in read_cells(path).cells}
    assert (2, "Sum investeringer", "Plan 2028", 2028, 8_300_000) in cells
    assert (2, "Idrettshall", "Budsjett 2027", 2027, 2_500_000) in cells
    assert (3, "Sørby skole", "", None, 90) in cells, "a captioned table on the next page is no continuation"
