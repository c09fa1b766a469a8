"""TXT/MD -> lines. Pages: "=== [n] title ===" fragment markers of web-extracted text (page n),
else form feeds, else the text-export heuristic of `extract.split_text_pages`. Markdown headings
and fragment titles become the heading path; Markdown pipe tables and tab-separated lines carry
their cells (grid columns as positions)."""
from __future__ import annotations

import re

from flows.reports.extract import decode_text, looks_binary, split_text_pages
from flows.reports.layout.model import Line, Seg
from flows.reports.model import DocumentError

_FRAGMENT = re.compile(r"^=== \[(\d+)\] (.*) ===\s*$")
_MD_HEADING = re.compile(r"^\s{0,3}(#{1,4})\s+(.*)$")
_MD_RULE = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?$")


def read_lines(name: str, data: bytes, *, markdown: bool = False) -> list[Line]:
    text = decode_text(data)
    if looks_binary(text):
        raise DocumentError(name, "binary data, not a text file; corrupt or wrong extension")
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
    else:
        pages = [(p.number, p.lines) for p in split_text_pages(text)]
    out: list[Line] = []
    table_id = 0
    in_table = False
    for number, page_lines in pages:
        for n, raw in enumerate(page_lines, start=1):
            heading = 0
            segs = None
            m = _FRAGMENT.match(raw)
            if m:
                raw, heading = m.group(2), 1
            elif markdown and (h := _MD_HEADING.match(raw)):
                raw, heading = h.group(2), len(h.group(1))
            stripped = raw.strip()
            if markdown and _MD_RULE.match(stripped):
                continue
            if stripped.startswith("|") and stripped.endswith("|") and stripped.count("|") >= 3:
                cells = [c.strip() for c in stripped.strip("|").split("|")]
                segs = [Seg(c, float(i), float(i + 1)) for i, c in enumerate(cells) if c]
                if not in_table:
                    table_id += 1
                in_table = True
                raw = " ".join(c for c in cells if c)
            elif "\t" in raw.strip():
                cells = [c.strip() for c in raw.split("\t")]
                segs = [Seg(c, float(i), float(i + 1)) for i, c in enumerate(cells) if c]
                in_table = False
            else:
                in_table = False
            if markdown:
                raw = re.sub(r"\*\*(.+?)\*\*|__(.+?)__", lambda mm: mm.group(1) or mm.group(2), raw)
            out.append(Line(page=number, number=n, text=raw, segs=segs, heading=heading,
                            table_id=table_id if in_table else None))
    return out
