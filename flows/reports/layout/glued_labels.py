"""A row's last figure glued to the next row's label where a web page prints a table one cell per line and
drops the break between two cells ("2 950,1Bidrag till statlig infrastruktur", "-12,4Kortsiktig gjeld", "3 778,9EGET KAPITAL"). Inside a
run of one-cell-per-line figures such a line is two cells: the figure ends its row, the words start the next.
`split_glued_labels` splits them into two lines (both keep the printed line's number) before `vertical` joins
the cells into rows. A figure with decimals or grouped thousands must end where a capitalised word begins; a
code or a year before a word ("2Netto", "2021Budsjett") is never split here.
"""
from __future__ import annotations

import re

from flows.reports.layout.model import Line
from flows.reports.numbers import normalise_minus, parse_number

_GLUED = re.compile(
    r"^(?P<figure>[-–−]?\s?(?:\d{1,3}(?:[ \u00a0]\d{3})*,\d+|\d{1,3}(?:[ \u00a0]\d{3})+))"
    r"(?P<label>[A-ZÆØÅÄÖÉ](?:[a-zæøåäöé]|[A-ZÆØÅÄÖÉ]{2,})[^\d]*\S.*)$"
)


def _figure_only(text: str) -> bool:
    t = normalise_minus(text).strip()
    return bool(t) and (t in ("-", "–") or (parse_number(t) is not None and bool(re.search(r"\d", t))))


def split_glued_labels(lines: list[Line]) -> list[Line]:
    out: list[Line] = []
    previous: Line | None = None  # the last non-blank line
    for line in lines:
        m = _GLUED.match(line.text.strip()) if line.segs is None and line.table_id is None else None
        if m and previous is not None and previous.page == line.page and _figure_only(previous.text):
            out.append(Line(page=line.page, number=line.number, text=m.group("figure")))
            line = Line(page=line.page, number=line.number, text=m.group("label"))
        out.append(line)
        if line.text.strip():
            previous = line
    return out
