"""The same report as TXT, Markdown, HTML, PDF, DOCX and a Word-made PDF yields the same facts and
account cells.

One report is written here once (seed style: a unit chapter with staffing and sick leave
prose, an accounts table in 1000 NOK and a key-figure table) and rendered six ways:
a flattened text export, Markdown with pipe tables, a saved web edition (<table>, <th>), a PDF
with real tables (fpdf2 `pdf.table()`), a Word document with real tables, and that Word document
turned into a PDF by LibreOffice (an office PDF: its own fonts, spacing and table layout).
Provenance (page, line, excerpt) may differ; facts may not.
"""
from __future__ import annotations

import html
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from fpdf import FPDF

from flows.reports.parse import parse_document

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")

ACCOUNTS = [
    ["", "Regnskap 2020", "Budsjett 2020", "Avvik", "Regnskap 2019"],
    ["Lønn og sosiale utgifter", "16 194", "17 122", "928", "15 945"],
    ["Kjøp av varer og tjenester", "4 128", "4 212", "84", "4 107"],
    ["Overføringer", "441", "243", "-198", "349"],
    ["Sum utgifter", "20 763", "21 577", "814", "20 401"],
    ["Salgsinntekter", "-2 241", "-1 700", "541", "-2 772"],
    ["Refusjoner", "-1 052", "-658", "394", "-1 161"],
    ["Sum inntekter", "-3 293", "-2 358", "935", "-3 933"],
]
KEY_FIGURES = [
    ["Nøkkeltall", "2018", "2019", "2020"],
    ["Antall henvendelser på IT-hjelpa", "3 410", "3 877", "4 102"],
    ["Antall telefonhenvendelser", "2 950", "3 120", "3 004"],
]

# ("p", text) is a paragraph, ("table", rows) a table
REPORT: list[tuple[str, object]] = [
    ("p", "Årsrapport 2020"),
    ("p", "VR regnskap og lønn"),
    ("p", "Leder: Ketil Aas"),
    ("p", "1 Organisasjon"),
    ("p", "1.1 Bemanning"),
    ("p", "VR regnskap og lønn hadde i 2020 24 ansatte fordelt på 22,7 årsverk. Enheten har også 2 lærlinger. "
          "Bemanningssituasjonen er stabil med lite turnover."),
    ("p", "1.2 Sykefravær"),
    ("p", "Sykefraværet i 2020 var 3,1 %, ned fra 4,4 % i 2019. Egenmeldt sykefravær var 0,9 %."),
    ("p", "2 Resultatvurdering"),
    ("p", "Enheten har et regnskapsmessig mindreforbruk på kr. 814.000.-. Dette skyldes vakanse."),
    ("p", "2.1 Regnskap"),
    ("p", "Tall i 1 000 kroner"),
    ("table", ACCOUNTS),
    ("p", "3 Nøkkeltall"),
    ("table", KEY_FIGURES),
    ("p", "Antall henvendelser har økt hvert år."),
]


def write_txt(path: Path) -> Path:
    """As a PDF text layer exports it: table rows flattened to one line of words."""
    lines = []
    for kind, content in REPORT:
        if kind == "p":
            lines += [content, ""]
        else:
            lines += [" ".join(c for c in row if c) for row in content] + [""]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def write_pdf(path: Path) -> Path:
    pdf = FPDF()
    pdf.add_font("dejavu", fname=str(DEJAVU))
    pdf.add_font("dejavu", style="B", fname=str(DEJAVU))
    pdf.set_font("dejavu", size=10)
    pdf.add_page()
    for kind, content in REPORT:
        if kind == "p":
            pdf.multi_cell(0, 6, content, new_x="LMARGIN", new_y="NEXT")
        else:
            with pdf.table(text_align="LEFT") as table:
                for cells in content:
                    row = table.row()
                    for cell in cells:
                        row.cell(cell)
            pdf.ln(4)
    pdf.output(str(path))
    return path


def write_docx(path: Path) -> Path:
    document = docx.Document()
    for kind, content in REPORT:
        if kind == "p":
            document.add_paragraph(content)
        else:
            table = document.add_table(rows=len(content), cols=len(content[0]))
            for r, cells in enumerate(content):
                for c, text in enumerate(cells):
                    table.cell(r, c).text = text
    document.save(path)
    return path


def write_md(path: Path) -> Path:
    lines = []
    for kind, content in REPORT:
        if kind == "p":
            lines += [content, ""]
        else:
            lines += ["| " + " | ".join(content[0]) + " |", "|" + "---|" * len(content[0])]
            lines += ["| " + " | ".join(row) + " |" for row in content[1:]] + [""]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def write_html(path: Path) -> Path:
    parts = ["<!DOCTYPE html><html><head><meta charset='utf-8'></head><body>"]
    for kind, content in REPORT:
        if kind == "p":
            parts.append(f"<p>{html.escape(content)}</p>")
        else:
            head = "".join(f"<th>{html.escape(c)}</th>" for c in content[0])
            body = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in content[1:])
            parts.append(f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")
    path.write_text("".join(parts) + "</body></html>", encoding="utf-8")
    return path


def write_office_pdf(path: Path) -> Path:
    """The DOCX rendering turned into a PDF by LibreOffice, as a Word user's "save as PDF" would."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.fail("LibreOffice (soffice) is needed to turn the DOCX into an office PDF: apt-get install libreoffice-writer-nogui")
    work = path.parent / "work"
    work.mkdir(parents=True, exist_ok=True)
    source = write_docx(work / (path.stem + ".docx"))
    subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", str(work), str(source)],
                   check=True, capture_output=True, timeout=180, env={"HOME": str(work), "PATH": "/usr/bin:/bin"})
    (work / (path.stem + ".pdf")).rename(path)
    return path


def fact_set(report) -> set[tuple]:
    return {(f.metric, f.unit_name, f.subject, f.value_year, f.quarter, round(f.value, 6)) for f in report.facts}


def account_set(report) -> set[tuple]:
    return {(a.statement, a.row_label, a.scenario, a.value_year, round(a.amount_nok, 2)) for a in report.accounts}


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    if not DEJAVU.exists():
        pytest.fail(f"the DejaVu font is needed to write Unicode PDFs: apt-get install fonts-dejavu-core ({DEJAVU})")
    d = tmp_path_factory.mktemp("formats")
    return {
        "txt": parse_document(write_txt(d / "vr-regnskap-og-lonn-2020.txt")),
        "pdf": parse_document(write_pdf(d / "vr-regnskap-og-lonn-2020.pdf")),
        "docx": parse_document(write_docx(d / "vr-regnskap-og-lonn-2020.docx")),
        "md": parse_document(write_md(d / "vr-regnskap-og-lonn-2020.md")),
        "html": parse_document(write_html(d / "vr-regnskap-og-lonn-2020.html")),
        "office.pdf": parse_document(write_office_pdf(d / "office" / "vr-regnskap-og-lonn-2020.pdf")),
    }


def test_text_version_reads_everything(reports):
    facts = fact_set(reports["txt"])
    unit = "VR regnskap og lønn"
    assert ("employees", unit, None, 2020, None, 24) in facts
    assert ("fte", unit, None, 2020, None, 22.7) in facts
    assert ("apprentices", unit, None, 2020, None, 2) in facts
    assert ("sick_leave_pct", unit, None, 2020, None, 3.1) in facts
    assert ("sick_leave_pct", unit, None, 2019, None, 4.4) in facts
    assert ("sick_leave_self_certified_pct", unit, None, 2020, None, 0.9) in facts
    assert ("budget_result_nok", unit, None, 2020, None, 814_000) in facts
    assert ("it_helpdesk_contacts", unit, None, 2018, None, 3410) in facts
    assert ("phone_contacts", unit, None, 2020, None, 3004) in facts
    accounts = account_set(reports["txt"])
    assert len(accounts) == (len(ACCOUNTS) - 1) * 4
    assert ("unit", "Lønn og sosiale utgifter", "regnskap", 2020, 16_194_000) in accounts
    assert ("unit", "Overføringer", "avvik", 2020, -198_000) in accounts
    assert ("unit", "Sum inntekter", "regnskap", 2019, -3_933_000) in accounts


@pytest.mark.parametrize("kind", ["pdf", "docx", "md", "html", "office.pdf"])
def test_every_format_yields_the_same_facts_as_text(reports, kind):
    assert reports[kind].file_type == kind.split(".")[-1]
    assert fact_set(reports[kind]) == fact_set(reports["txt"])
    assert account_set(reports[kind]) == account_set(reports["txt"])
    assert reports[kind].report_year == reports["txt"].report_year == 2020
    assert {u.name for u in reports[kind].units} == {u.name for u in reports["txt"].units}


def test_pdf_and_docx_carry_real_tables(tmp_path):
    from flows.reports.layout import read_layout

    if not DEJAVU.exists():
        pytest.fail(f"the DejaVu font is needed to write Unicode PDFs: apt-get install fonts-dejavu-core ({DEJAVU})")
    for path in (write_pdf(tmp_path / "r-2020.pdf"), write_docx(tmp_path / "r-2020.docx")):
        tables = read_layout(path).tables
        assert [(row.label, row.values[0][1]) for row in tables[0].rows[:2]] == [tuple(r[:2]) for r in ACCOUNTS[1:3]], path.name
        assert [c.label for c in tables[1].columns] == KEY_FIGURES[0][1:], path.name
