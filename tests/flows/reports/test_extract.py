from pathlib import Path

import docx
import pytest
from fpdf import FPDF

from flows.reports.extract import CELL_SEPARATOR, split_text_pages
from flows.reports.layout import read_layout
from flows.reports.model import DocumentError
from flows.reports.parse import parse_document, stream_pages


def extract_pages(path: Path):
    """The pages of text lines the unit and metric readers walk: the layout's lines (one pass)."""
    return stream_pages(read_layout(path))

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def _pdf(path: Path, *, password: str | None = None, with_table: bool = True, image_only: bool = False) -> Path:
    pdf = FPDF()
    if password:
        pdf.set_encryption(owner_password="eier", user_password=password)
    pdf.add_page()
    if image_only:
        pdf.set_fill_color(30, 30, 30)
        pdf.rect(20, 20, 100, 40, style="F")  # a drawing, no text at all
        pdf.output(str(path))
        return path
    pdf.set_font("helvetica", size=11)
    for line in ["Årsrapport 2020", "VR innkjøp", "Leder: Ketil Aas", "1.2 Sykefravær", "Sykefraværet i 2020 var 3,1 %."]:
        pdf.cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    if with_table:
        pdf.cell(0, 8, "2.1 Regnskap", new_x="LMARGIN", new_y="NEXT")
        with pdf.table() as table:
            for cells in [["", "Regnskap 2020", "Budsjett 2020", "Avvik", "Regnskap 2019"],
                          ["Lønn og sosiale utgifter", "16 194", "17 122", "928", "15 945"],
                          ["Sum utgifter", "16 194", "17 122", "928", "15 945"]]:
                row = table.row()
                for cell in cells:
                    row.cell(cell)
    pdf.add_page()
    pdf.cell(0, 8, "Enheten har et mindreforbruk på kr. 928.000.-")
    pdf.output(str(path))
    return path


def test_pdf_pages_lines_and_ruled_tables(tmp_path):
    pages = extract_pages(_pdf(tmp_path / "rapport.pdf"))
    assert [p.number for p in pages] == [1, 2]
    assert "Årsrapport 2020" in pages[0].lines
    table = read_layout(_pdf(tmp_path / "rapport.pdf")).tables[0]
    assert [c.label for c in table.columns] == ["Regnskap 2020", "Budsjett 2020", "Avvik", "Regnskap 2019"]
    assert (table.rows[0].label, [v for _, v in table.rows[0].values]) == (
        "Lønn og sosiale utgifter", ["16 194", "17 122", "928", "15 945"])
    assert f"Lønn og sosiale utgifter{CELL_SEPARATOR}16 194{CELL_SEPARATOR}17 122{CELL_SEPARATOR}928{CELL_SEPARATOR}15 945" in pages[0].lines
    # table rows sit between the text above and below them
    assert pages[0].lines.index("2.1 Regnskap") < pages[0].lines.index(next(l for l in pages[0].lines if l.startswith("Lønn")))


def test_pdf_with_real_table_parses_to_accounts(tmp_path):
    report = parse_document(_pdf(tmp_path / "rapport.pdf"))
    amounts = {(a.row_label, a.scenario, a.value_year): a.amount_nok for a in report.accounts}
    assert amounts[("Lønn og sosiale utgifter", "regnskap", 2020)] == 16_194_000
    assert amounts[("Lønn og sosiale utgifter", "avvik", 2020)] == 928_000
    assert amounts[("Lønn og sosiale utgifter", "regnskap", 2019)] == 15_945_000
    assert all(a.unit_name == "VR innkjøp" for a in report.accounts)
    sick = [f for f in report.facts if f.metric == "sick_leave_pct"]
    assert sick[0].value == 3.1 and sick[0].provenance.page == 1


def test_docx_paragraphs_and_tables_in_order(tmp_path):
    document = docx.Document()
    document.add_paragraph("Årsmelding 2021")
    document.add_paragraph("1.1 Bemanning")
    table = document.add_table(rows=2, cols=3)
    for r, cells in enumerate([["", "Regnskap 2021", "Budsjett 2021"], ["Overføringer", "441", "243"]]):
        for c, text in enumerate(cells):
            table.cell(r, c).text = text
    document.add_paragraph("Etter tabellen.")
    document.add_page_break()
    document.add_paragraph("Side to.")
    path = tmp_path / "melding.docx"
    document.save(path)
    pages = extract_pages(path)
    assert len(pages) == 2
    lines = [l for l in pages[0].lines if l.strip()]
    assert lines == ["Årsmelding 2021", "1.1 Bemanning", CELL_SEPARATOR.join(['', 'Regnskap 2021', 'Budsjett 2021']),
                     f"Overføringer{CELL_SEPARATOR}441{CELL_SEPARATOR}243", "Etter tabellen."]
    table = read_layout(path).tables[0]
    assert [(c.label, c.year) for c in table.columns] == [("Regnskap 2021", 2021), ("Budsjett 2021", 2021)]
    assert [(r.label, r.values) for r in table.rows] == [("Overføringer", [(0, "441"), (1, "243")])]
    assert "Side to." in pages[1].lines


def test_empty_file(tmp_path):
    path = tmp_path / "tom.pdf"
    path.write_bytes(b"")
    with pytest.raises(DocumentError, match="empty file"):
        extract_pages(path)


def test_encrypted_pdf(tmp_path):
    with pytest.raises(DocumentError, match="password-protected"):
        extract_pages(_pdf(tmp_path / "hemmelig.pdf", password="hemmelig"))


def test_image_only_pdf(tmp_path):
    with pytest.raises(DocumentError, match="no text layer; OCR is not supported"):
        extract_pages(_pdf(tmp_path / "skannet.pdf", image_only=True))


def test_corrupt_pdf(tmp_path):
    good = _pdf(tmp_path / "ok.pdf").read_bytes()
    path = tmp_path / "odelagt.pdf"
    path.write_bytes(good[:300])
    with pytest.raises(DocumentError, match="corrupt PDF"):
        extract_pages(path)


def test_random_bytes_named_pdf(tmp_path):
    path = tmp_path / "tull.pdf"
    path.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(DocumentError, match="not a valid PDF"):
        extract_pages(path)


def test_corrupt_docx(tmp_path):
    path = tmp_path / "odelagt.docx"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    with pytest.raises(DocumentError):
        extract_pages(path)


def test_pdf_renamed_docx_is_read_as_pdf(tmp_path):
    pdf = _pdf(tmp_path / "ok.pdf")
    renamed = tmp_path / "rapport.docx"
    renamed.write_bytes(pdf.read_bytes())
    report = parse_document(renamed)
    assert report.file_type == "pdf"
    assert any("PDF although named .docx" in w for w in report.warnings)
    assert report.accounts


def test_unsupported_extension(tmp_path):
    path = tmp_path / "tabell.xlsx"
    path.write_bytes(b"just,some,text")
    with pytest.raises(DocumentError, match="unsupported file type .xlsx"):
        extract_pages(path)


def test_windows_1252_text(tmp_path):
    path = tmp_path / "rapport.txt"
    path.write_bytes("Årsrapport 2020\nSykefraværet i 2020 var 4,7 % – lavere enn før.\n".encode("cp1252"))
    pages = extract_pages(path)
    assert pages[0].lines[0] == "Årsrapport 2020"
    assert "Sykefraværet i 2020 var 4,7 % – lavere enn før." in pages[0].lines


def test_utf8_bom_text(tmp_path):
    path = tmp_path / "rapport.md"
    path.write_bytes("\ufeff# Årsmelding 2021\n\n| | Rekneskap 2021 |\n|---|---|\n| Løn | 12 |\n".encode("utf-8"))
    lines = [l for l in extract_pages(path)[0].lines if l]
    assert lines == ["Årsmelding 2021", f"{CELL_SEPARATOR}Rekneskap 2021", f"Løn{CELL_SEPARATOR}12"]


def test_form_feed_pages():
    pages = split_text_pages("side en\n\fside to\n\fside tre")
    assert [p.number for p in pages] == [1, 2, 3]


def test_text_page_heuristic_blank_runs_and_leading_space():
    # a layout export pads every line with a space; there an indented line after text starts a page
    text = "første side \n\n\n\nandre side \nlinje \n Tredje side starter her \n"
    pages = split_text_pages(text)
    assert [p.lines[0].strip() or p.lines[-1] for p in pages][0] == "første side"
    assert len(pages) == 3
    assert pages[2].lines[0] == " Tredje side starter her "


def test_web_text_keeps_an_indented_table_header_with_its_caption():
    # web-extracted text indents a header row under its caption: same page, and a row of figures never
    # starts a page even in a layout export
    text = "Balansen - tall i 1 000 kroner\n Regnskap 2021Regnskap 2020\nAnleggsmidler  11 218  10 223\n"
    assert len(split_text_pages(text)) == 1
    text = "Fordeling (1000 kr) \n 2019 18 693 5 725 \n 2020 20 115 6 009 \n"
    assert len(split_text_pages(text)) == 1


def test_page_marks_of_a_transcript_start_its_pages():
    # a document-sharing site prints "Page 2: <preview>" before each page: the figure after "Page 3:" is on page 3
    text = ("Embed Size (px)\n\nPage 1: Årsmelding 2031 Eksempel IKS ...\n\nÅrsmelding 2031\n\n"
            "Page 2: Årsmelding 2031 Eksempel IKS ...\n\nInnhald\n\n"
            "Page 3: Årsmelding 2031 Eksempel IKS ...\n\nSjukefråværet var 5,1 % i 2031.\n")
    pages = split_text_pages(text)
    assert [p.number for p in pages] == [1, 2, 3]
    assert any("5,1 %" in line for line in pages[2].lines)
    assert pages[0].lines[0] == "Embed Size (px)"


def test_a_lone_page_mark_or_marks_out_of_order_are_no_pages():
    assert len(split_text_pages("Innleiing\n\nPage 4: førehandsvising\n\nSjukefråværet var 5,1 %.\n")) == 1
    text = "Page 2: a\n\ntekst\n\nPage 7: b\n\nmeir tekst\n"
    assert all(p.number == 1 for p in split_text_pages(text))
