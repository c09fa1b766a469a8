"""Render the sample report documents from their sources in data/sample/sources/reports/ (one YAML file per
document: `output` names the file and its format, `blocks` hold the text and tables in reading order;
see data/sample/README.md for the block kinds). Nothing here knows what the documents say.

Output is deterministic: fixed PDF creation dates and DOCX core properties from the source's `created`,
DOCX zip entries with a fixed timestamp. PDFs use the built-in Helvetica with Windows-1252 text, so no
font file is needed and æøå, «», – and § round-trip through the text layer.

    python -m flows.samples.reports data/sample/reports [data/sample/sources/reports]
"""
from __future__ import annotations

import io
import sys
import zipfile
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

import yaml
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt
from fpdf import FPDF
from fpdf.enums import XPos, YPos

SOURCES = Path(__file__).resolve().parents[2] / "data" / "sample" / "sources" / "reports"
CREATOR = "kommunedata flows.samples.reports"
ZIP_TIMESTAMP = (1980, 1, 1, 0, 0, 0)  # the earliest timestamp a zip entry can hold
NEXT = {"new_x": XPos.LMARGIN, "new_y": YPos.NEXT}
PDF_BLOCKS = {"title", "heading", "line", "paragraph", "bullets", "keep", "table", "note", "space", "page_break"}
DOCX_BLOCKS = {"heading", "paragraph", "bullets", "table", "page_break"}
KINDS = {".pdf": PDF_BLOCKS, ".docx": DOCX_BLOCKS, ".md": {"text"}, ".txt": {"text"}}
REQUIRED = {".pdf": ("running", "title", "author", "created"), ".docx": ("title", "author", "created")}


class SourceError(ValueError):
    """A source file that cannot be rendered; the message names the file, the block and what was expected."""


class _Pdf(FPDF):
    """A4 report with a running header and a "Side n av m" footer, core fonts only."""

    def __init__(self, running: Sequence[str]):
        super().__init__(format="A4")
        self.core_fonts_encoding = "windows-1252"  # æøå, «», –, • and § with every reader's glyphs
        self.running = running
        self.set_margins(16, 16, 16)
        self.set_auto_page_break(True, margin=18)
        self.alias_nb_pages()

    def header(self) -> None:
        self.set_font("Helvetica", "", 8)
        self.set_text_color(90)
        self.cell(self.epw / 2, 4, self.running[0], align="L")
        self.cell(self.epw / 2, 4, self.running[1], align="R", **NEXT)
        self.set_text_color(0)
        self.ln(6)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("Helvetica", "", 8)
        self.set_text_color(90)
        self.cell(0, 4, f"Side {self.page_no()} av {{nb}}", align="R")
        self.set_text_color(0)


def _pdf_block(pdf: _Pdf, kind: str, b: dict) -> None:
    text = b.get(kind)
    if kind == "title":
        pdf.set_font("Helvetica", "B", 18)
        pdf.multi_cell(0, 9, text, **NEXT)
        if b.get("subtitle"):
            pdf.set_font("Helvetica", "B", 13)
            pdf.multi_cell(0, 7, b["subtitle"], **NEXT)
        pdf.ln(1)
    elif kind == "heading":
        level = b.get("level", 1)
        pdf.ln(2 if level == 2 else 4)
        pdf.set_font("Helvetica", "B", {1: 13, 2: 11}[level])
        pdf.multi_cell(0, 6, text, **NEXT)
        pdf.ln(1)
    elif kind in ("line", "paragraph"):
        pdf.set_font("Helvetica", "B" if b.get("bold") else "", 10)
        pdf.multi_cell(0, 5, text, **NEXT)
        if kind == "paragraph":
            pdf.ln(2)
    elif kind == "note":  # small print: a table's caption, a footnote
        pdf.set_font("Helvetica", "", 8)
        pdf.multi_cell(0, 4, text, **NEXT)
    elif kind == "bullets":
        pdf.set_font("Helvetica", "", 10)
        for item in text:
            pdf.set_x(pdf.l_margin + 3)
            pdf.cell(5, 5, "\u2022")
            pdf.multi_cell(0, 5, item, **NEXT)
        pdf.ln(2)
    elif kind == "keep":  # a new page unless `keep` mm fit, so a heading stays with its table
        if pdf.get_y() + text > pdf.page_break_trigger:
            pdf.add_page()
    elif kind == "space":
        pdf.ln(text)
    elif kind == "page_break":
        pdf.add_page()
    elif kind == "table":  # bordered, one text run per cell, the first row the header
        size = b.get("font_size", 9)
        pdf.set_font("Helvetica", "", size)
        with pdf.table(col_widths=tuple(b["widths"]), width=sum(b["widths"]), align="LEFT",
                       text_align=tuple(a.upper() for a in b["align"]), num_heading_rows=1,
                       line_height=size * 0.5, padding=(0.8, 1.2)) as table:
            for cells in text:
                row = table.row()
                for cell in cells:
                    row.cell(cell)
        pdf.ln(3)


def _docx_block(doc, kind: str, b: dict) -> None:
    text = b.get(kind)
    if kind == "heading":
        doc.add_heading(text, level=b.get("level", 1))
    elif kind == "paragraph":
        doc.add_paragraph(text)
    elif kind == "bullets":
        for item in text:
            doc.add_paragraph(item, style="List Bullet")
    elif kind == "page_break":
        doc.add_page_break()
    elif kind == "table":
        table = doc.add_table(rows=len(text), cols=len(text[0]))
        table.style = "Table Grid"
        for r, cells in enumerate(text):
            for c, value in enumerate(cells):
                cell = table.cell(r, c)
                cell.text = value
                paragraph = cell.paragraphs[0]
                if b["align"][c] in ("right", "center"):
                    paragraph.alignment = getattr(WD_ALIGN_PARAGRAPH, b["align"][c].upper())
                for run in paragraph.runs if r == 0 else ():
                    run.bold = True


def render(source: Path, out_dir: Path) -> Path:
    """Render one source file into out_dir; its `output` names the file and the format."""
    spec = yaml.safe_load(source.read_text(encoding="utf-8")) or {}
    path = Path(out_dir) / str(spec.get("output", ""))
    kinds = KINDS.get(path.suffix)
    if kinds is None:
        raise SourceError(f"{source}: `output` must name a .pdf, .docx, .md or .txt file, got {spec.get('output')!r}")
    missing = [key for key in REQUIRED.get(path.suffix, ()) if not spec.get(key)]
    if missing:
        raise SourceError(f"{source}: a {path.suffix} source needs {', '.join(missing)}")
    blocks = []
    for n, b in enumerate(spec.get("blocks") or [], start=1):
        kind = next((k for k in b if k in kinds), None) if isinstance(b, dict) else None
        if kind is None:
            raise SourceError(f"{source}: block {n} ({b!r}) is none of the {path.suffix} blocks {sorted(kinds)}")
        if kind == "table" and (not b["table"] or any(len(r) != len(b.get("align") or []) for r in b["table"])):
            raise SourceError(f"{source}: block {n}: every table row needs one cell per `align` entry")
        blocks.append((kind, b))
    created = datetime.fromisoformat(str(spec["created"])) if spec.get("created") else None
    if path.suffix == ".pdf":
        pdf = _Pdf(spec["running"])
        pdf.set_creation_date(created)
        pdf.set_title(spec["title"])
        pdf.set_author(spec["author"])
        pdf.set_creator(CREATOR)
        pdf.set_lang("nb-NO")
        pdf.add_page()
        for kind, b in blocks:
            _pdf_block(pdf, kind, b)
        path.write_bytes(bytes(pdf.output()))
    elif path.suffix == ".docx":
        doc = Document()
        doc.styles["Normal"].font.name = "Calibri"
        doc.styles["Normal"].font.size = Pt(11)
        props = doc.core_properties
        props.title, props.author, props.comments = spec["title"], spec["author"], spec.get("comments", "")
        props.last_modified_by, props.language, props.revision = CREATOR, "nb-NO", 1
        props.created = props.modified = created.replace(tzinfo=None)
        for kind, b in blocks:
            _docx_block(doc, kind, b)
        buffer, out = io.BytesIO(), io.BytesIO()
        doc.save(buffer)
        with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for info in src.infolist():  # python-docx stamps the current time; a fixed one keeps bytes stable
                entry = zipfile.ZipInfo(info.filename, date_time=ZIP_TIMESTAMP)
                entry.compress_type, entry.external_attr = zipfile.ZIP_DEFLATED, 0o644 << 16
                target.writestr(entry, src.read(info.filename))
        path.write_bytes(out.getvalue())
    else:
        path.write_bytes("".join(b["text"] for _, b in blocks).encode("utf-8"))
    return path


def write_sample_reports(out_dir: Path, sources: Path = SOURCES) -> list[Path]:
    """Render every source in `sources` into out_dir and return the written paths."""
    Path(out_dir).mkdir(parents=True, exist_ok=True)
    return [render(source, Path(out_dir)) for source in sorted(Path(sources).glob("*.yaml"))]


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) not in (1, 2):
        print("bruk: python -m flows.samples.reports UTMAPPE [KILDEMAPPE]", file=sys.stderr)
        return 2
    for path in write_sample_reports(Path(args[0]), *(Path(a) for a in args[1:])):
        print(f"{path}  {path.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
