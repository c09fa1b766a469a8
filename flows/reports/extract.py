"""What every format reader shares: the file's bytes and real format, text decoding, the page split
of plain-text exports, opening a PDF, a DOCX paragraph's parts. The readers themselves are in
`flows.reports.layout` (one file per format); `Page` is the page of text lines the unit and metric
readers walk (`parse.stream_pages` makes it from the layout), table cells joined by `CELL_SEPARATOR`.

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
from dataclasses import dataclass
from pathlib import Path

from flows.reports.model import DocumentError

CELL_SEPARATOR = " | "
SUPPORTED_TYPES = ("pdf", "docx", "txt", "md")


@dataclass
class Page:
    number: int  # 1-based
    lines: list[str]


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


_HEADER_KEY = re.compile(r"^#\s*([A-Za-zÆØÅæøå][\w ]{0,30}?)\s*:\s*(.*)$")
_URL = re.compile(r"https?://\S+")


def text_header(text: str) -> tuple[list[tuple[str, str]], int]:
    """A leading block of `#` comment lines in a text file (source, language, URLs of the fragments a
    text was assembled from, retrieval notes): metadata, not report text. Returns (key, value) pairs in
    order (a "Key: value" line starts an entry, a line with a URL is a "url", other lines continue the
    entry above) and the number of lines the block takes, blank lines inside it included."""
    lines = text.split("\n")
    entries: list[tuple[str, str]] = []
    n = 0
    for k, line in enumerate(lines):
        stripped = line.strip()
        if not stripped and entries:
            continue  # a blank line inside the block
        if not stripped.startswith("#"):
            break
        n = k + 1
        body = stripped.lstrip("#").strip()
        key = _HEADER_KEY.match(stripped)
        url = _URL.search(body)
        if key and key.group(2) and not url:
            entries.append((key.group(1).strip().lower(), key.group(2).strip()))
        elif key and not key.group(2):
            entries.append((key.group(1).strip().lower(), ""))
        elif url:
            entries.append(("url", url.group(0)))
        elif body and entries and entries[-1][0] != "url":
            entries[-1] = (entries[-1][0], f"{entries[-1][1]} {body}".strip())
        elif body:
            entries.append(("note", body))
    return entries, n


def blank_text_header(data: bytes) -> tuple[list[tuple[str, str]], bytes]:
    """A text file's `#` header as metadata, and the file with those lines left empty (UTF-8), so no
    reader takes them for report text and every other line keeps its number."""
    text = decode_text(data)
    entries, n = text_header(text)
    if not n:
        return [], data
    lines = text.split("\n")
    return entries, "\n".join([""] * n + lines[n:]).encode("utf-8")


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


_PAGE_LEAD = re.compile(r"^(\d{1,4})(?:\s|$)")


def flattened_pages(all_lines: list[str]) -> list[Page] | None:
    """A transcript that prints each page as one paragraph led by its page number ("1 TITLE", "2",
    "3 Innledning ... Netto driftsresultat er ..."): paragraphs whose leading numbers run 1, 2, 3 ... (at least
    three in a row, one of them a whole page flattened to a long line) start those pages. Numbered
    headings are short lines and never qualify."""
    marks: list[tuple[int, int]] = []  # (line index, number)
    for i, line in enumerate(all_lines):
        m = _PAGE_LEAD.match(line)
        if m and (i == 0 or not all_lines[i - 1].strip()) and (i + 1 == len(all_lines) or not all_lines[i + 1].strip()):
            marks.append((i, int(m.group(1))))
    best: list[tuple[int, int]] = []
    run: list[tuple[int, int]] = []
    for mark in marks:
        run = run + [mark] if run and mark[1] == run[-1][1] + 1 else [mark]
        if len(run) > len(best):
            best = run
    if len(best) < 3 or max(len(all_lines[i]) for i, _ in best) < 300:
        return None
    return _pages_at(all_lines, best)


# a document-sharing site's transcript introduces each page with "Page 3: <preview>" on a line of its own
_PAGE_MARK = re.compile(r"^(?:page|side|sida|seite)\s+(\d{1,4})\s*:", re.IGNORECASE)


def _marked_pages(all_lines: list[str]) -> list[Page] | None:
    """Pages a transcript marks "Page 1: ...", "Page 2: ...": at least two marks, numbered one after another, each
    starting its page (text before the first belongs to the page before it). A printed footer ("Side 2" alone) has
    no colon and is no mark."""
    marks = [(i, int(m.group(1))) for i, line in enumerate(all_lines) if (m := _PAGE_MARK.match(line))]
    if len(marks) < 2 or any(b[1] != a[1] + 1 for a, b in zip(marks, marks[1:])):
        return None
    return _pages_at(all_lines, marks)


def _pages_at(all_lines: list[str], marks: list[tuple[int, int]]) -> list[Page]:
    """Pages starting at the marked lines ((line index, page number), in order); the text before the first mark is the
    page before it (joined to it when that would be the same number)."""
    pages = [Page(number=max(1, marks[0][1] - 1), lines=all_lines[:marks[0][0]])] if marks[0][0] else []
    for k, (i, number) in enumerate(marks):
        stop = marks[k + 1][0] if k + 1 < len(marks) else len(all_lines)
        pages.append(Page(number=number, lines=all_lines[i:stop]))
    if len(pages) > 1 and pages[0].number == pages[1].number:
        pages[1] = Page(number=pages[1].number, lines=pages[0].lines + pages[1].lines)
        pages.pop(0)
    return pages


def split_text_pages(text: str) -> list[Page]:
    """Pages of a plain-text export; see the module docstring for the heuristic."""
    if "\f" in text:
        chunks = text.split("\f")
        if chunks and not chunks[-1].strip():
            chunks.pop()
        return [Page(number=i + 1, lines=chunk.split("\n")) for i, chunk in enumerate(chunks)]
    all_lines = text.split("\n")
    marked = _marked_pages(all_lines)
    if marked:
        return marked
    flattened = flattened_pages(all_lines)
    if flattened:
        return flattened
    pages: list[list[str]] = [[]]
    empty_run = 0
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


# --- DOCX ------------------------------------------------------------------------------


def _zip_kind(data: bytes) -> str:
    """"docx", "zip" (a readable archive without a Word document) or "broken-zip"."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return "docx" if "word/document.xml" in zf.namelist() else "zip"
    except Exception:  # BadZipFile, EOFError, struct.error, ValueError ... for damaged archives
        return "broken-zip"
