"""Key-figure boxes printed as "Label: value" pairs ("Aurland: 23 Balestrand: -6 Askvoll: 42"):
each pair becomes a row of its own, so the table finder reads them as a one-column table."""
from __future__ import annotations

import re

from flows.reports.layout.model import Line

_PAIR = re.compile(
    r"(?P<label>[A-ZÆØÅ][^\W\d_]*(?:[ \-/][^\W\d_]+){0,2})\s*:\s*"
    r"(?P<value>[-−–]?\s?\d{1,3}(?:[ \u00a0]\d{3})*(?:,\d+)?\s*%?)(?=\s*[A-ZÆØÅ]|\s*$)"
)


def expand_pairs(lines: list[Line]) -> list[Line]:
    out: list[Line] = []
    for line in lines:
        if line.segs is None and ":" in line.text:
            pairs = list(_PAIR.finditer(line.text))
            covered = sum(m.end() - m.start() for m in pairs)
            if pairs and (len(pairs) >= 2 or covered >= 0.8 * len(line.text.strip())) and covered >= 0.5 * len(line.text.strip()):
                out.extend(Line(page=line.page, number=line.number, text=f"{m.group('label')} {m.group('value')}",
                                heading=0, table_id=line.table_id) for m in pairs)
                continue
        out.append(line)
    return out
