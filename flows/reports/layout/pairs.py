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
    recent: list[str] = []  # the last lines' texts: a running title repeated before the pairs is not part of them
    for line in lines:
        if line.segs is None and ":" in line.text:
            pairs = list(_PAIR.finditer(line.text))
            text = line.text
            if pairs:
                head = " ".join(text[:pairs[0].start()].split())
                if head and head in recent:
                    out.append(Line(page=line.page, number=line.number, text=head, heading=line.heading, table_id=line.table_id))
                    text = text[pairs[0].start():]
                    pairs = list(_PAIR.finditer(text))
            covered = sum(m.end() - m.start() for m in pairs)
            if pairs and (len(pairs) >= 2 or covered >= 0.8 * len(text.strip())) and covered >= 0.5 * len(text.strip()):
                out.extend(Line(page=line.page, number=line.number, text=f"{m.group('label')} {m.group('value')}",
                                heading=0, table_id=line.table_id) for m in pairs)
                continue
            if text is not line.text:
                out.append(Line(page=line.page, number=line.number, text=text, table_id=line.table_id))
                continue
        out.append(line)
        if line.text.strip():
            recent = (recent + [" ".join(line.text.split())])[-6:]
    return out
