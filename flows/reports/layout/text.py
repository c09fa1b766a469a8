"""TXT/MD -> lines (HTML tags and entities a web extraction left in the text read first, `tags`). Pages: "=== [n] title ===" fragment markers of web-extracted text (page n),
else form feeds, else the text-export heuristic of `extract.split_text_pages`. Markdown headings
and fragment titles become the heading path; Markdown pipe tables and tab-separated lines carry
their cells (grid columns as positions, `delimited`)."""
from __future__ import annotations

import re

from flows.reports.extract import decode_text, flattened_pages, looks_binary, split_text_pages
from flows.reports.layout.delimited import grid_rows
from flows.reports.layout.model import Line, Seg
from flows.reports.layout.tags import untag
from flows.reports.model import DocumentError

_FRAGMENT = re.compile(r"^=== \[(\d+)\] (.*) ===\s*$")
_MD_HEADING = re.compile(r"^\s{0,3}(#{1,4})\s+(.*)$")


def _printed_pages(number: int, lines: list[str]) -> list[tuple[int, list[str]]]:
    """A fragment that is a paged report's transcript, each page a paragraph led by its printed number ("1 TITLE",
    "2", "3 Innledning ..."), has those pages (extract.flattened_pages); the fragment's title line heads the first."""
    found = flattened_pages(lines[1:]) if _FRAGMENT.match(lines[0]) else None
    if not found:
        return [(number, lines)]
    out = [(p.number, _unmarked(list(p.lines), p.number)) for p in found]
    out[0][1].insert(0, lines[0])
    return out


def _unmarked(lines: list[str], number: int) -> list[str]:
    """A transcript page without its printed page number: the number leading the page's paragraph, and the same
    number closing it (the page's footer: "1 2031 ÅRSMELDING 1" is the title page, no row of a figure)."""
    lead = re.compile(rf"\s*{number}(?:\s+|$)")
    for k, line in enumerate(lines):
        if m := lead.match(line):
            lines[k] = re.sub(rf"\s+{number}\s*$", "", line[m.end():])
            break
    return lines


def read_lines(name: str, data: bytes, *, markdown: bool = False) -> list[Line]:
    text = decode_text(data)
    if looks_binary(text):
        raise DocumentError(name, "binary data, not a text file; corrupt or wrong extension")
    text = untag(text)  # markup a web extraction left in the text: line breaks, cell gaps, characters (`tags`)
    raw_lines = text.split("\n")
    if any(_FRAGMENT.match(l) for l in raw_lines):
        pages: list[tuple[int, list[str]]] = [(1, [])]
        for l in raw_lines:
            m = _FRAGMENT.match(l)
            if m:
                pages.append((int(m.group(1)), [l]))
            else:
                pages[-1][1].append(l)
        if not any(x.strip() for x in pages[0][1]):
            pages.pop(0)
        pages = [page for number, lines in pages for page in _printed_pages(number, lines)]
    else:
        pages = [(p.number, p.lines) for p in split_text_pages(text)]
    out: list[Line] = []
    blocks = 0
    for number, page_lines in pages:
        grid, rules = grid_rows(page_lines)
        page_blocks = 0
        for n, raw in enumerate(page_lines, start=1):
            heading = 0
            segs = None
            table_id = None
            m = _FRAGMENT.match(raw)
            if m:
                raw, heading = m.group(2), 1
            elif markdown and (h := _MD_HEADING.match(raw)):
                raw, heading = h.group(2), len(h.group(1))
            if n - 1 in rules:
                continue
            row = grid.get(n - 1) if not heading else None
            if row is not None:
                segs = [Seg(c, float(j), float(j + 1)) for j, c in row.cells]
                raw = row.text
                if "\t" not in page_lines[n - 1]:  # a pipe or semicolon block is one table
                    table_id = blocks + row.block
                    page_blocks = max(page_blocks, row.block)
            if markdown:
                raw = re.sub(r"\*\*(.+?)\*\*|__(.+?)__", lambda mm: mm.group(1) or mm.group(2), raw)
            out.append(Line(page=number, number=n, text=raw, segs=segs, heading=heading, table_id=table_id,
                            header=bool(row is not None and row.header)))
        blocks += page_blocks
    return out
