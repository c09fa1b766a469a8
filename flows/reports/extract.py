"""Turn a report file (PDF, DOCX, TXT, MD) into pages of text lines.

Tables with real cell structure (pdfplumber-detected ruled tables, DOCX tables) are
kept twice: as `Page.tables` (rows of cell strings) and, in document order, as lines
whose cells are joined by `CELL_SEPARATOR`, so the parser reads one stream and never
has to guess where a cell ends.

Page numbers:
- PDF: the PDF's own pages.
- DOCX: Word has no fixed pages; explicit page breaks (manual breaks and
  "page break before" paragraphs) start a new page, otherwise everything is page 1.
- TXT/MD: form feeds separate pages when present. Without them (text exported from a
  PDF text layer, like the seed documents), a new page starts after a run of three or
  more empty lines, and before a line that begins with exactly one space followed by a
  capital letter, digit or "§" directly after a non-empty line that itself does not
  start with a space (how pdftotext-style exports begin a page) — only in such layout
  exports (most lines end in a padding space) and never on a line of figures; web-extracted
  text indents table headers under their caption instead. This is approximate:
  it may split a page in two or merge two, but it is deterministic.
"""
from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from flows.reports.model import DocumentError

CELL_SEPARATOR = " | "
SUPPORTED_TYPES = ("pdf", "docx", "txt", "md")


@dataclass
class Page:
    number: int  # 1-based
    lines: list[str]
    tables: list[list[list[str]]] = field(default_factory=list)


def detect_file_type(path: Path, data: bytes) -> tuple[str, str | None]:
    """The real format from the bytes, and a note when it differs from the extension."""
    ext = path.suffix.lower().lstrip(".")
    if ext == "markdown":
        ext = "md"
    if data.startswith(b"%PDF-") or (b"%PDF-" in data[:1024] and ext == "pdf"):
        real = "pdf"
    elif data.startswith(b"PK\x03\x04"):
        real = _zip_kind(data)
    elif data.startswith(b"\xd0\xcf\x11\xe0"):
        real = "ole"
    else:
        real = "text"
    if real == "pdf":
        return "pdf", None if ext == "pdf" else f"file is a PDF although named .{ext}; read as PDF"
    if real == "docx":
        return "docx", None if ext == "docx" else f"file is a Word document although named .{ext}; read as DOCX"
    if real == "zip":
        raise DocumentError(path.name, "ZIP archive that is not a Word document (no word/document.xml)")
    if real == "broken-zip":
        what = "Word document" if ext == "docx" else "ZIP container (.docx/.xlsx)"
        raise DocumentError(path.name, f"corrupt or truncated {what}: the ZIP container is damaged and cannot be opened")
    if real == "ole":
        raise DocumentError(path.name, "legacy Word/Excel binary format (.doc/.xls) is not supported; save as .docx or PDF")
    if re.match(rb"\s*(<!doctype html|<html|<\?xml)", data[:512].lower()):
        kind = "an HTML web page" if b"html" in data[:512].lower() else "an XML file"
        if ext in ("pdf", "docx"):
            raise DocumentError(path.name, f"{kind}, not a {'PDF' if ext == 'pdf' else 'Word document'} (saved from a browser?); download the real file")
    if ext == "pdf":
        raise DocumentError(path.name, "not a valid PDF: the file does not start with %PDF (corrupt or wrong extension)")
    if ext == "docx":
        raise DocumentError(path.name, "not a valid Word document: the file is not a DOCX (ZIP) container (corrupt or wrong extension)")
    if ext in ("txt", "md"):
        return ext, None
    raise DocumentError(path.name, f"unsupported file type .{ext or '(none)'}; supported: PDF, DOCX, TXT, MD")


def read_document(path: str | Path) -> bytes:
    """The file's bytes; a file that cannot be read raises DocumentError."""
    path = Path(path)
    if path.is_dir():
        raise DocumentError(path.name, "is a folder, not a file")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise DocumentError(path.name, f"cannot read file: {exc.strerror or exc}") from exc


def extract_pages(path: str | Path, data: bytes | None = None) -> list[Page]:
    """Read a report file (or its already read bytes) into pages; raises DocumentError
    with a readable reason and no other exception for a damaged or unsupported file."""
    path = Path(path)
    if data is None:
        data = read_document(path)
    if not data.strip():
        raise DocumentError(path.name, "empty file")
    file_type, _ = detect_file_type(path, data)
    if file_type == "pdf":
        pages = _pdf_pages(path.name, data)
    elif file_type == "docx":
        pages = _docx_pages(path.name, data)
    else:
        text = decode_text(data)
        if looks_binary(text):
            raise DocumentError(path.name, f"binary data, not a text file (named .{file_type}); corrupt or wrong extension")
        if file_type == "md":
            text = markdown_to_text(text)
        pages = split_text_pages(text)
    if not any(line.strip() for page in pages for line in page.lines):
        raise DocumentError(path.name, "the document contains no text")
    return pages


# --- text ------------------------------------------------------------------------------


def decode_text(data: bytes) -> str:
    """UTF-16 when it says so (BOM) or looks so (every other byte NUL); else UTF-8 (with or
    without BOM) first; Windows-1252 is what Norwegian Office exports otherwise use."""
    utf16 = _utf16_encoding(data)
    if utf16:
        try:
            return data.decode(utf16).lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
        except UnicodeDecodeError:
            pass  # not UTF-16 after all; looks_binary will judge the result
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # cp1252 leaves five bytes undefined; latin-1 never fails
        text = data.decode("latin-1")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _utf16_encoding(data: bytes) -> str | None:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    sample = data[:4096]
    if len(sample) >= 8 and sample.count(0) >= len(sample) * 0.3:
        even, odd = sample[0::2].count(0), sample[1::2].count(0)
        if odd > 0.8 * len(sample[1::2]) and even < 0.2 * len(sample[0::2]):
            return "utf-16-le"
        if even > 0.8 * len(sample[0::2]) and odd < 0.2 * len(sample[1::2]):
            return "utf-16-be"
    return None


def looks_binary(text: str) -> bool:
    """Text with NULs or more than 1 % control characters is binary data named .txt/.md."""
    sample = text[:20000]
    if not sample:
        return False
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f")
    return "\x00" in sample or controls > 0.01 * len(sample)


def split_text_pages(text: str) -> list[Page]:
    """Pages of a plain-text export; see the module docstring for the heuristic."""
    if "\f" in text:
        chunks = text.split("\f")
        if chunks and not chunks[-1].strip():
            chunks.pop()
        return [Page(number=i + 1, lines=chunk.split("\n")) for i, chunk in enumerate(chunks)]
    pages: list[list[str]] = [[]]
    empty_run = 0
    all_lines = text.split("\n")
    filled = [x for x in all_lines if x.strip()]
    # a layout export (every line padded with a trailing space, as text-export tools write) starts a page on
    # an indented line; web-extracted text indents table headers under their caption, so it never does
    layout_export = bool(filled) and sum(x.endswith(" ") for x in filled) >= 0.5 * len(filled)
    for line in all_lines:
        prev = pages[-1][-1] if pages[-1] else None
        starts_page = (
            empty_run >= 3
            or (
                layout_export
                and prev is not None
                and prev.strip() != ""
                and not prev.startswith((" ", "\t"))
                and re.match(r"^ [A-ZÀ-ÞÆØÅ0-9§]", line) is not None
                # a table's header or row under its caption is not a new page ("Regnskap 2015Regnskap 2014")
                and len(re.findall(r"\d+", line)) < 2
            )
        )
        if starts_page and any(l.strip() for l in pages[-1]):
            pages.append([])
        if line == "":
            empty_run += 1
        else:
            empty_run = 0
        pages[-1].append(line)
    return [Page(number=i + 1, lines=lines) for i, lines in enumerate(pages)]


def markdown_to_text(text: str) -> str:
    """Markdown as the plain lines a PDF would show: no heading marks, emphasis or table rules."""
    out = []
    for line in text.split("\n"):
        stripped = line.strip()
        if re.fullmatch(r"\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?", stripped):
            continue  # table alignment row
        if stripped.startswith("|") and stripped.endswith("|") and stripped.count("|") >= 2:
            cells = [c.strip() for c in stripped.strip("|").split("|")]
            line = CELL_SEPARATOR.join(cells)
        line = re.sub(r"^\s{0,3}#{1,6}\s+", "", line)
        line = re.sub(r"\*\*(.+?)\*\*|__(.+?)__", lambda m: m.group(1) or m.group(2), line)
        line = re.sub(r"^\s*[-*+]\s+", "• ", line)
        out.append(line)
    return "\n".join(out)


# --- PDF -------------------------------------------------------------------------------


def open_pdf(name: str, data: bytes):
    """The pdfium document, or a DocumentError saying why it cannot be opened."""
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise DocumentError(name, "password-protected PDF; remove the password and upload again") from exc
        raise DocumentError(name, f"corrupt PDF that cannot be opened ({exc})") from exc


def paragraph_parts(element) -> list[str]:
    """A DOCX paragraph's text (tabs and line breaks kept), split at its manual page breaks."""
    from docx.oxml.ns import qn

    parts = [""]
    for node in element.iter(qn("w:t"), qn("w:br"), qn("w:tab")):
        if node.tag == qn("w:t"):
            parts[-1] += node.text or ""
        elif node.tag == qn("w:tab"):
            parts[-1] += "\t"
        elif node.get(qn("w:type")) == "page":
            parts.append("")
        else:
            parts[-1] += "\n"
    return parts


def _pdf_pages(name: str, data: bytes) -> list[Page]:
    """Pages of a PDF read with pdfium alone: text lines from its text layer, ruled tables
    from the page's drawn lines and rectangles (see `_ruled_tables`)."""
    import pypdfium2 as pdfium

    doc = open_pdf(name, data)
    pages: list[Page] = []
    char_count = 0
    try:
        page_count = len(doc)
        if page_count == 0:
            raise DocumentError(name, "PDF without pages")
        for index in range(page_count):
            page = doc[index]
            textpage = page.get_textpage()
            try:
                chars = textpage.count_chars()
                char_count += chars
                pages.append(_pdf_page(index + 1, page, textpage) if chars else Page(number=index + 1, lines=[]))
            finally:
                textpage.close()
                page.close()
    except DocumentError:
        raise
    except pdfium.PdfiumError as exc:
        raise DocumentError(name, f"corrupt PDF: a page cannot be loaded ({exc})") from exc
    except Exception as exc:  # damaged content streams can surface as anything
        raise DocumentError(name, f"corrupt PDF: the pages cannot be read ({type(exc).__name__}: {str(exc)[:120]})") from exc
    finally:
        doc.close()
    if char_count == 0:
        raise DocumentError(name, "no text layer; OCR is not supported (scanned or image-only PDF)")
    return pages


_RULE = 2.0  # pt: a path thinner than this is a rule line, not a box
_SNAP = 3.0  # pt: grid coordinates closer than this are the same line
_MAX_PATHS = 4000  # a page drawn with more paths than this is a chart or a map, not a table


@dataclass
class _Grid:
    """A ruled table: its row lines (top to bottom), column lines (left to right) and rules."""

    ys: list[float]
    xs: list[float]
    verticals: list[tuple[float, float, float]]  # (x, bottom, top)

    @property
    def box(self) -> tuple[float, float, float, float]:
        return self.xs[0], self.ys[-1], self.xs[-1], self.ys[0]

    def contains(self, x: float, y: float) -> bool:
        left, bottom, right, top = self.box
        return left - 1 <= x <= right + 1 and bottom - 1 <= y <= top + 1

    def rows(self, textpage) -> list[tuple[float, list[str]]]:
        """(top, cells) per row; a cell spanning columns (no rule between them) gives its
        text once, followed by empty cells, so every row has one cell per column."""
        out = []
        for top, bottom in zip(self.ys, self.ys[1:]):
            middle = (top + bottom) / 2
            cells: list[str] = []
            start = self.xs[0]
            for k, x in enumerate(self.xs[1:], start=1):
                last = k == len(self.xs) - 1
                ruled = any(abs(vx - x) <= _SNAP and vb - _SNAP <= middle <= vt + _SNAP for vx, vb, vt in self.verticals)
                if not ruled and not last:
                    continue
                span = sum(1 for c in self.xs[1:k + 1] if start < c <= x)
                text = textpage.get_text_bounded(left=start, bottom=bottom, right=x, top=top)
                cells.append(_clean_cell(text))
                cells.extend([""] * (span - 1))
                start = x
            out.append((top, cells))
        return out


def _snap(values: list[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if out and v - out[-1] <= _SNAP:
            continue
        out.append(v)
    return out


def _ruled_tables(boxes: list[tuple[float, float, float, float]]) -> list[_Grid]:
    """Grids formed by drawn rules and cell rectangles (pdfium bounds: left, bottom,
    right, top). Paths that touch form one table; its distinct horizontal and vertical
    rule positions are the row and column lines."""
    boxes = [b for b in boxes if (b[2] - b[0]) > _RULE or (b[3] - b[1]) > _RULE]
    if len(boxes) < 3 or len(boxes) > _MAX_PATHS:
        return []
    # connected groups of touching paths (sweep over left edges)
    parent = list(range(len(boxes)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    order = sorted(range(len(boxes)), key=lambda i: boxes[i][0])
    active: list[int] = []
    for i in order:
        left, bottom, right, top = boxes[i]
        active = [j for j in active if boxes[j][2] >= left - _SNAP]
        for j in active:
            _, b2, _, t2 = boxes[j]
            if b2 <= top + _SNAP and bottom <= t2 + _SNAP:
                parent[find(i)] = find(j)
        active.append(i)
    groups: dict[int, list[tuple[float, float, float, float]]] = {}
    for i, box in enumerate(boxes):
        groups.setdefault(find(i), []).append(box)
    grids = []
    for members in groups.values():
        horizontals: list[float] = []
        verticals: list[tuple[float, float, float]] = []
        for left, bottom, right, top in members:
            width, height = right - left, top - bottom
            if height <= _RULE:
                horizontals.append((bottom + top) / 2)
            elif width <= _RULE:
                verticals.append(((left + right) / 2, bottom, top))
            else:  # a cell rectangle: its four sides
                horizontals += [bottom, top]
                verticals += [(left, bottom, top), (right, bottom, top)]
        ys = sorted(_snap(horizontals), reverse=True)
        xs = _snap([v[0] for v in verticals])
        if len(ys) >= 3 and len(xs) >= 3:
            grids.append(_Grid(ys=ys, xs=xs, verticals=verticals))
    return grids


def _text_lines(segments: list[tuple[float, float, float, str]]) -> list[tuple[float, str]]:
    """(top, text) lines from text segments (top, bottom, left, text): segments that
    overlap vertically by half their height are one line, read left to right."""
    lines: list[tuple[float, float, list[tuple[float, str]]]] = []
    for top, bottom, left, text in sorted(segments, key=lambda s: (-s[0], s[2])):
        for k, (l_top, l_bottom, parts) in enumerate(lines):
            overlap = min(top, l_top) - max(bottom, l_bottom)
            if overlap >= 0.5 * min(top - bottom, l_top - l_bottom):
                parts.append((left, text))
                lines[k] = (max(top, l_top), min(bottom, l_bottom), parts)
                break
        else:
            lines.append((top, bottom, [(left, text)]))
    return [(top, " ".join(" ".join(t.split()) for _, t in sorted(parts))) for top, _, parts in lines]


def _pdf_page(number: int, page, textpage) -> Page:
    """Text lines and ruled tables of one page, merged top to bottom."""
    import pypdfium2.raw as pdfium_raw

    paths = [obj.get_bounds() for obj in page.get_objects(filter=[pdfium_raw.FPDF_PAGEOBJ_PATH])]
    items: list[tuple[float, str]] = []
    cell_tables: list[list[list[str]]] = []
    grids: list[_Grid] = []
    for grid in _ruled_tables(paths):
        rows = [(top, cells) for top, cells in grid.rows(textpage) if any(cells)]
        if len(rows) < 2 or max(len(cells) for _, cells in rows) < 2:
            continue
        grids.append(grid)
        cell_tables.append([cells for _, cells in rows])
        items.extend((top, CELL_SEPARATOR.join(cells)) for top, cells in rows)
    segments = []
    for k in range(textpage.count_rects()):
        left, bottom, right, top = textpage.get_rect(k)
        if any(g.contains((left + right) / 2, (bottom + top) / 2) for g in grids):
            continue
        text = textpage.get_text_bounded(left=left, bottom=bottom, right=right, top=top)
        if text.strip():
            segments.append((top, bottom, left, text))
    items.extend(_text_lines(segments))
    items.sort(key=lambda item: -item[0])  # PDF y grows upwards
    return Page(number=number, lines=[text for _, text in items], tables=cell_tables)


def _clean_cell(cell: str | None) -> str:
    return " ".join((cell or "").split())


# --- DOCX ------------------------------------------------------------------------------


def _zip_kind(data: bytes) -> str:
    """"docx", "zip" (a readable archive without a Word document) or "broken-zip"."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return "docx" if "word/document.xml" in zf.namelist() else "zip"
    except Exception:  # BadZipFile, EOFError, struct.error, ValueError ... for damaged archives
        return "broken-zip"


def _docx_pages(name: str, data: bytes) -> list[Page]:
    import docx
    from docx.oxml.ns import qn

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises KeyError/BadZipFile/XML errors for damaged files
        raise DocumentError(name, f"corrupt Word document: its content cannot be read ({type(exc).__name__}: {str(exc)[:120]})") from exc

    pages = [Page(number=1, lines=[])]

    def new_page() -> None:
        if pages[-1].lines or pages[-1].tables:
            pages.append(Page(number=len(pages) + 1, lines=[]))

    for element in document.element.body.iterchildren():
        if element.tag == qn("w:p"):
            ppr = element.find(qn("w:pPr"))
            if ppr is not None and ppr.find(qn("w:pageBreakBefore")) is not None:
                new_page()
            # a manual page break inside the paragraph splits its text
            parts = paragraph_parts(element)
            for i, part in enumerate(parts):
                if i > 0:
                    new_page()
                pages[-1].lines.extend(part.split("\n"))
        elif element.tag == qn("w:tbl"):
            rows = _docx_table_rows(element)
            pages[-1].tables.append(rows)
            pages[-1].lines.extend(CELL_SEPARATOR.join(cells) for cells in rows)
    return pages


def _docx_table_rows(tbl) -> list[list[str]]:
    from docx.oxml.ns import qn

    rows = []
    for tr in tbl.iter(qn("w:tr")):
        cells = []
        for tc in tr.iter(qn("w:tc")):
            text = " ".join("".join(t.text or "" for t in p.iter(qn("w:t"))) for p in tc.iter(qn("w:p")))
            cells.append(" ".join(text.split()))
        if any(cells):
            rows.append(cells)
    return rows
