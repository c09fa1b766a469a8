"""Row labels a text extraction printed as one block above their rows' figures (a key-figure table of a PDF copied
from a web viewer: the label column comes out first, then the head of years, then the rows of figures):

    Brutto driftsresultat i % av        <- k labels, a label's wrapped lines going on in lower case
    brutto driftsinntekter
    Netto driftsresultat i % av
    brutto driftsinntekter
    2000 2005 ... 2015                  <- a head of years (may be absent when an earlier head serves)
    5,5 4,3 ... 3,1                     <- k lines of figures only, in the labels' order
    3,1 6,1 ... 1,1

Each label is written in front of its row's figures (the label lines are blanked, their numbers kept as the row's
`joined` lines), so the table finder reads labelled rows instead of rows without a label. Only an exact match is
taken: the block of labels, bounded above by a line that is no label (a figure, a heading, a line with a number, the
page's start), holds as many labels as the run of figure lines below it, and there are at least two. Anything else
is left as printed.
"""
from __future__ import annotations

import re
from dataclasses import replace

from flows.reports.layout.model import Line
from flows.reports.layout.year_overview import _figures_only, _head_years, _label

_MIN_ROWS = 2
_FIGURE = re.compile(r"-?\d+(?:[ \u00a0]\d{3})*(?:,\d+)?")


def _figure_line(line: Line) -> bool:
    """A line of two or more figures and nothing else (a footnote mark or a percent sign may follow one)."""
    t = " ".join(line.text.split())
    return _figures_only(t) and not _head_years(t) and len(_FIGURE.findall(t)) >= 2


def _label_line(line: Line) -> bool:
    """A label's line: words only (no figure at all: a line naming a year or a number is a caption, which ends a
    block)."""
    return _label(line) and not re.search(r"\d", line.text)


def attach_label_blocks(lines: list[Line]) -> list[Line]:
    plain = [k for k, line in enumerate(lines) if line.segs is None and line.table_id is None and line.text.strip()]
    out = list(lines)
    i = 0
    while i < len(plain):
        if not _figure_line(lines[plain[i]]):
            i += 1
            continue
        run = [plain[i]]
        while i + len(run) < len(plain) and _figure_line(lines[plain[i + len(run)]]) \
                and lines[plain[i + len(run)]].page == lines[run[0]].page:
            run.append(plain[i + len(run)])
        i += len(run)
        if len(run) < _MIN_ROWS:
            continue
        j = plain.index(run[0]) - 1
        if j >= 0 and _head_years(lines[plain[j]].text) and lines[plain[j]].page == lines[run[0]].page:
            j -= 1  # the head of years between the labels and their figures
        block: list[int] = []
        while j >= 0 and lines[plain[j]].page == lines[run[0]].page and _label_line(lines[plain[j]]):
            block.insert(0, plain[j])
            j -= 1
        labels: list[list[int]] = []
        for k in block:
            first = lines[k].text.strip()[:1]
            if labels and first.islower():
                labels[-1].append(k)  # a wrapped label goes on in lower case
            else:
                labels.append([k])
        if len(labels) != len(run) or any(lines[k].heading for k in block):
            continue
        for parts, row in zip(labels, run):
            label = " ".join(" ".join(lines[k].text.split()) for k in parts)
            out[row] = replace(lines[row], text=f"{label}  {' '.join(lines[row].text.split())}",
                               joined=tuple(lines[row].joined) + tuple(lines[k].number for k in parts))
            for k in parts:
                out[k] = replace(lines[k], text="")
    return out
