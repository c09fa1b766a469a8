"""The page a figure came from, read again from the file the warehouse recorded at ingest (pure functions;
the Streamlit page is app/ui/viewer.py).

Only a file the warehouse recorded is ever opened: the viewer's query string names a document id or file
name, the warehouse gives the path, and the file's sha256 must still be the document id (the id *is* the
hash of the bytes that were read), so a file changed or replaced since the refresh is never shown as the
source. Text pages come from the same format reader as ingest (`flows.reports.layout.read_lines`), so the
page split and line numbers are the ones every record's provenance refers to.
"""
from __future__ import annotations

import hashlib
import html
import io
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

# A printed number: thousands groups (space, no-break space, thin space or dot), an optional decimal part,
# an optional sign (the typographic minus and dashes some producers print).
_NUMBER = re.compile(r"[-\u2212\u2013]?\s?(?:\d{1,3}(?:[ \u00a0\u202f.]\d{3}(?!\d))+(?:,\d+)?|\d+(?:[.,]\d+)?)")
_SPACES = "[ \u00a0\u202f\t]*"
_MINUS = "[-\u2212\u2013]"
PDF_SCALE = 1.6  # 115 dpi: a page readable on screen without zooming
FILE_OK, FILE_MISSING, FILE_CHANGED, FILE_UNRECORDED = "ok", "missing", "changed", "unrecorded"


@dataclass(frozen=True)
class PageText:
    page: int
    page_count: int | None  # None when the format cannot tell without reading every page
    lines: list[tuple[int, str]]  # (line number as provenance records it, text)


# --- which file ------------------------------------------------------------------------------------------

@lru_cache(maxsize=256)
def _sha256(path: str, mtime_ns: int, size: int) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def file_sha256(path: Path) -> str:
    """The file's sha256, computed again only when its mtime or size changed."""
    st = path.stat()
    return _sha256(str(path), st.st_mtime_ns, st.st_size)


def recorded_file(file_path: str | None, document_id: str, roots: Sequence[Path]) -> tuple[Path | None, str]:
    """(path, status) of the file a document was read from. The path is the one recorded at ingest; a
    relative one is tried against `roots` (the folders a refresh may have run in). Status: `ok` (the file
    is the one that was read), `changed` (a file is there but its bytes are not the document's any more),
    `missing` (no file at the recorded path), `unrecorded` (the warehouse holds no path)."""
    if not file_path:
        return None, FILE_UNRECORDED
    recorded = Path(file_path)
    candidates = [recorded] if recorded.is_absolute() else [root / recorded for root in roots]
    changed = None
    for candidate in candidates:
        try:
            if not candidate.is_file():
                continue
            if file_sha256(candidate) == document_id:
                return candidate, FILE_OK
        except OSError:
            continue
        changed = changed or candidate
    return (changed, FILE_CHANGED) if changed else (None, FILE_MISSING)


# --- the page's text -------------------------------------------------------------------------------------

def read_page_text(path: Path, page: int) -> PageText:
    """The lines of one page as the ingest reader read them; DocumentError when the file cannot be read,
    ValueError when it has no such page."""
    from flows.reports.layout import read_lines
    from flows.reports.model import DocumentError

    try:
        file_type, lines = read_lines(path, page=page)
    except DocumentError as exc:
        if "no text layer" in str(exc):  # an image-only page: no text, the picture still shows it
            return PageText(page, pdf_page_count(path), [])
        raise
    if file_type == "pdf":
        return PageText(page, pdf_page_count(path), [(line.number, line.text) for line in lines])
    pages = sorted({line.page for line in lines})
    if page not in pages:
        raise ValueError(f"{path.name} has no page {page} (pages {pages[0]}-{pages[-1]})" if pages
                         else f"{path.name} has no text")
    return PageText(page, pages[-1], [(line.number, line.text) for line in lines if line.page == page])


def pdf_page_count(path: Path) -> int:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(path))
    try:
        return len(doc)
    finally:
        doc.close()


# --- the printed figure ----------------------------------------------------------------------------------

def _readings(token: str) -> set[float]:
    from flows.reports.numbers import parse_number

    out = set()
    for decimal_dot in (False, True):  # "22.000" is 22 000 in a Norwegian table, 22 in an English one
        value = parse_number(token, decimal_dot=decimal_dot)
        if value is not None:
            out.add(value)
    return out


def _candidates(token: str) -> list[str]:
    """The printed numbers a token may hold. A flattened table row prints its columns with the same space
    as the thousands groups ("222 057 951 218 053 000"), so every run of whole groups inside it is a
    candidate too ("218 053 000"); the value decides which one it is."""
    token = token.strip()
    groups = re.split(r"[ \u00a0\u202f]", token)
    if len(groups) < 3:
        return [token]
    out = [token]
    for i in range(len(groups)):
        if i and (groups[i].startswith("0") and len(groups[i]) > 1):
            continue  # a number never starts with a zero-padded group
        for j in range(i + 1, len(groups) + 1):
            if (i, j) != (0, len(groups)):
                out.append(" ".join(groups[i:j]))
    return out


def printed_figure(text: str | None, values: Iterable[float | int | None]) -> str | None:
    """How `text` (a source excerpt) prints the first of `values` it holds: the number as written
    ("36 226", "3,36", "1.761.942"), read at the scale a table states (as is, in thousands, in millions)
    and either sign (expenses printed positive). None when the text prints none of them."""
    if not text:
        return None
    tokens = [(printed, _readings(printed)) for m in _NUMBER.finditer(text) for printed in _candidates(m.group(0))]
    for value in values:
        if value is None or (isinstance(value, float) and math.isnan(value)) or isinstance(value, bool):
            continue
        for scale in (1, 1_000, 1_000_000):
            for printed, readings in tokens:
                if any(math.isclose(abs(r) * scale, abs(float(value)), rel_tol=1e-9, abs_tol=1e-9) for r in readings):
                    return printed
    return None


def figure_pattern(printed: str) -> re.Pattern:
    """Where a printed figure stands in page text: the same digits and separators, any kind of space
    between groups, never inside a longer number ("36 226" is not in "136 226" or "36 226,5")."""
    parts = []
    for ch in printed.strip():
        if ch in " \u00a0\u202f\t":
            parts.append(_SPACES)
        elif ch in "-\u2212\u2013":
            parts.append(_MINUS + _SPACES)  # "- 65 136": some exports print the minus apart
        else:
            parts.append(re.escape(ch))
    body = "".join(parts).replace(_SPACES + _SPACES, _SPACES)
    before = r"(?<![\d])(?<!\d[.,])" if printed[:1].isdigit() else ""
    after = r"(?![\d])(?![.,]\d)" if printed[-1:].isdigit() else ""
    return re.compile(before + body + after, re.IGNORECASE)


def marked_html(lines: list[tuple[int, str]], printed: str | None, line: int | None) -> tuple[str, int]:
    """The page as HTML (escaped text, line numbers in the margin): the cited line shaded, every place the
    printed figure stands marked. Returns (html, number of marks)."""
    pattern = figure_pattern(printed) if printed else None
    marks = 0
    rows = []
    for number, text in lines:
        pieces, last = [], 0
        if pattern is not None:
            for m in pattern.finditer(text):
                pieces.append(html.escape(text[last:m.start()]))
                pieces.append(f'<mark data-figure="1" style="background:#ffd54f;padding:0 2px">'
                              f'{html.escape(m.group(0))}</mark>')
                last = m.end()
                marks += 1
        pieces.append(html.escape(text[last:]))
        cited = ' data-cited="1" style="background:#e3f2fd;white-space:pre-wrap"' if number == line \
            else ' style="white-space:pre-wrap"'
        rows.append(f'<div data-line="{number}"{cited}>'
                    f'<span style="color:#90a4ae;user-select:none;display:inline-block;width:3.5em">{number}</span>'
                    f'{"".join(pieces)}</div>')
    body = "".join(rows)
    return (f'<div data-testid="source-page-text" style="font-family:ui-monospace,monospace;font-size:0.85rem;'
            f'line-height:1.45;overflow-x:auto">{body}</div>', marks)


# --- the PDF page as a picture ---------------------------------------------------------------------------

def render_pdf_page(path: Path, page: int, printed: str | None, scale: float = PDF_SCALE) -> tuple[bytes, int]:
    """(PNG of the page, number of marks): the page rendered by pdfium with every place the printed figure
    stands boxed in yellow. ValueError when the PDF has no such page."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c
    from PIL import Image, ImageDraw

    doc = pdfium.PdfDocument(str(path))
    try:
        if not 1 <= page <= len(doc):
            raise ValueError(f"{path.name} has no page {page} (pages 1-{len(doc)})")
        pdf_page = doc[page - 1]
        image = pdf_page.render(scale=scale).to_pil().convert("RGBA")
        boxes = []
        if printed:
            textpage = pdf_page.get_textpage()
            try:
                n = textpage.count_chars()
                # one character per index, so a match's span is the characters' indices
                chars = "".join(chr(pdfium_c.FPDFText_GetUnicode(textpage.raw, i) or 0xFFFD) for i in range(n))
                height = pdf_page.get_height()
                for m in figure_pattern(printed).finditer(chars):
                    rects = [textpage.get_charbox(i, loose=True) for i in range(m.start(), m.end())
                             if not chars[i].isspace()]
                    if rects:
                        left, bottom = min(r[0] for r in rects), min(r[1] for r in rects)
                        right, top = max(r[2] for r in rects), max(r[3] for r in rects)
                        boxes.append((left * scale - 3, (height - top) * scale - 2,
                                      right * scale + 3, (height - bottom) * scale + 2))
            finally:
                textpage.close()
        pdf_page.close()
    finally:
        doc.close()
    if boxes:
        overlay = Image.new("RGBA", image.size, (0, 0, 0, 0))
        draw = ImageDraw.Draw(overlay)
        for box in boxes:
            draw.rectangle(box, fill=(255, 213, 79, 90), outline=(230, 81, 0, 255), width=3)
        image = Image.alpha_composite(image, overlay)
    out = io.BytesIO()
    image.convert("RGB").save(out, format="PNG", optimize=True)
    return out.getvalue(), len(boxes)
