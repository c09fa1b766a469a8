"""Figures that print commas between thousands ("1,250,000", "70,000" in an English report): read as the numbers they
are before any table or sentence is read (`numbers.ungroup_commas`). Two comma groups or a comma group with a decimal
dot are thousands wherever they stand; a single group ("70,000") is a thousand only in a document written in English
(`numbers.writes_english`, where no comma decimal stands beside it) or on a page whose other figures prove the grouping
(`numbers.comma_grouping_proved`); in a Norwegian text it stays the decimal it reads as. Line and page numbers, and the
lines as printed, are kept."""
from __future__ import annotations

from dataclasses import replace
from itertools import groupby

from flows.reports.layout.model import Line, Seg
from flows.reports.numbers import _COMMA_DECIMAL, _COMMA_GROUPED, comma_grouping_proved, ungroup_commas, writes_english


def _texts(line: Line) -> list[str]:
    return [s.text for s in line.segs] if line.segs else [line.text]


def ungroup_comma_figures(lines: list[Line]) -> list[Line]:
    """Only a page with a comma group in a line's text can change; there the figures with commas (every regex here needs
    one) decide the grouping, and the language is read once, only where a page's figures leave it to decide."""
    if not any("," in line.text for line in lines):
        return lines
    english: bool | None = None
    out: list[Line] = []
    for _, page in groupby(lines, key=lambda line: line.page):
        page = list(page)
        if not any("," in line.text and _COMMA_GROUPED.search(line.text) for line in page):
            out.extend(page)  # no line's text has a comma group: none changes
            continue
        texts = [t for line in page for t in _texts(line) if "," in t]
        decimals = sum(bool(_COMMA_DECIMAL.search(t)) for t in texts)
        single = comma_grouping_proved(texts)
        if not single and decimals == 0:
            if english is None:
                english = writes_english([line.text for line in lines])
            single = english
        for line in page:
            text = ungroup_commas(line.text, single)
            if text == line.text:
                out.append(line)
                continue
            segs = [Seg(ungroup_commas(s.text, single), s.x0, s.x1) for s in line.segs] if line.segs else None
            out.append(replace(line, text=text, segs=segs))
    return out
