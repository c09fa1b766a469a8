"""Note references printed inside a statement row with their word ("Verksamhetens kostnader Not 3 – 522 941
– 515 518", "Not 2 132 371 106 488" on the line under its label, "Avskrivninger Note 4 15 842 14 517"). The word
says the next number is a reference, not a figure; run together with the figures it would read as one
("2 132 371"). `strip_note_marks` takes "Not 3" out of such a plain-text line (the printed line is kept in the
layout's `printed` lines), so the figures after it split as in any other row and a row whose label stands on the
line above joins it (`vertical`). Only a capitalised note word followed by one note number (or a list:
"Not 4, 5") and nothing but figures after it is a mark: "not 12 visar" in a sentence is no row.
"""
from __future__ import annotations

import re

from flows.reports.layout.model import Line

_MARK = re.compile(
    r"(?:(?<=\s)|^)(?-i:Not|Note|Noter|NOT|NOTE)\.?\s+\d{1,2}[a-z]?(?:\s?[,;]\s?\d{1,2}[a-z]?)*\s+"
    r"(?=(?:[-–—−]\s?)?\d[\d\s,.\-–—−%]*$)"
)


def strip_note_mark(text: str) -> str:
    """The line without its note mark; unchanged when it prints none."""
    m = _MARK.search(text)
    if not m:
        return text
    before = text[:m.start()].rstrip()
    after = text[m.end():]
    return f"{before} {after}" if before else after


def strip_note_marks(lines: list[Line]) -> list[Line]:
    out = []
    for line in lines:
        if line.segs is None and line.table_id is None and line.text.strip():
            text = strip_note_mark(line.text)
            if text != line.text:
                line = Line(page=line.page, number=line.number, text=text, heading=line.heading, joined=line.joined)
        out.append(line)
    return out
