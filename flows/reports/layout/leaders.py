"""Key figures printed with dot leaders between the label and the figure ("Antall abonnenter .......... 12 345",
"Driftsinntekter (mill. kr) …… 98,6", "Sjukefråvær ___ 6,2 %"): the leader is no part of the label, and the figure
after it is the row's cell. Each such line becomes a row the table finder reads ("Antall abonnenter  12345"), a unit
the label prints in parentheses scaling the figure as in `pairs` ("Driftsinntekter 98,6 mill. kr").

A contents list prints the same leaders before page numbers ("Sjukefråvær ........ 18"): a run of leader lines whose
figures are all whole numbers below 1000 that never decrease, or one such line alone, is no key figure (the prose
reader masks those page numbers); a run of two or more keeps its titles only, its page numbers being no figures.
"""
from __future__ import annotations

import re

from flows.reports.layout.model import Line
from flows.reports.layout.pairs import row_text

_FIG = r"[-−–]?\s?\(?\d{1,3}(?:[ \u00a0]\d{3})*(?:[,.]\d+)?\)?\s*%?"
_LEADER_LINE = re.compile(
    r"^\s*(?P<label>[^\W\d_][^…_]*?[^\s.…_])\s*(?:\.\s?){3,}|^\s*(?P<label2>[^\W\d_][^…_]*?[^\s.…_])\s*(?:…+|_{3,}|·{3,})")
_VALUES = re.compile(rf"^\s*(?P<values>{_FIG}(?:\s{{1,3}}{_FIG})*)\s*$")
_UNIT = re.compile(r"\s*\((?P<unit>[^()\d]{1,16}|i\s+1\s?000\s*kr\.?|1\s?000\s*kr\.?)\)\s*$")
_MAX_LABEL_WORDS = 10


def _leader(text: str) -> tuple[str, str] | None:
    """(label, figures) of a line "Label ...... figures", else None."""
    m = _LEADER_LINE.match(text)
    if not m:
        return None
    label = " ".join((m.group("label") or m.group("label2")).split())
    rest = text[m.end():].lstrip(" .…_·")
    v = _VALUES.match(rest)
    if not v or len(label.split()) > _MAX_LABEL_WORDS or sum(ch.isalpha() for ch in label) < 2:
        return None
    return label, " ".join(v.group("values").split())


def _page_number(figures: str) -> bool:
    return re.fullmatch(r"\d{1,3}", figures) is not None


def _row(label: str, figures: str) -> str:
    if re.search(r"\d\s+[-−–(]?\d", figures) and not re.fullmatch(rf"{_FIG}", figures):
        return f"{label}  {figures}"  # several figures: the leader's gap parts them from the label
    unit = _UNIT.search(label)
    if unit:
        text = row_text(label[:unit.start()].strip(), figures, unit.group("unit"))
        if text:
            return text
    return row_text(label, figures, None) or f"{label}  {figures}"  # one figure: its digit groups joined


def expand_leaders(lines: list[Line]) -> list[Line]:
    """Lines of dot-leader key figures rewritten as rows; contents lists left as printed."""
    found = {k: got for k, line in enumerate(lines)
             if line.segs is None and line.table_id is None and ("..." in line.text or ". ." in line.text
                                                                  or "…" in line.text or "___" in line.text
                                                                  or "···" in line.text)
             and (got := _leader(line.text))}
    if not found:
        return lines
    out = list(lines)
    runs: list[list[int]] = []
    for k in sorted(found):
        prev = runs[-1][-1] if runs else None
        if prev is not None and lines[prev].page == lines[k].page \
                and all(not lines[j].text.strip() for j in range(prev + 1, k)):
            runs[-1].append(k)
        else:
            runs.append([k])
    for run in runs:
        figures = [found[k][1] for k in run]
        if all(_page_number(f) for f in figures) and all(int(a) <= int(b) for a, b in zip(figures, figures[1:])):
            if len(run) >= 2:  # a contents list: its titles, without leaders and page numbers (no figures)
                for k in run:
                    out[k] = Line(page=lines[k].page, number=lines[k].number, text=found[k][0],
                                  heading=lines[k].heading, joined=lines[k].joined)
            continue
        for k in run:
            label, figs = found[k]
            out[k] = Line(page=lines[k].page, number=lines[k].number, text=_row(label, figs), heading=0,
                          joined=lines[k].joined)
    return out
