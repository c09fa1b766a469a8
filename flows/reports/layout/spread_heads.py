"""Column heads a text extraction spread over several lines, a head or a word of one per line, under a caption
whose first head shares its line after a wide gap:

    Rådmannen, eiendom og fellesutgifter   Regnskap
    jan-aug
    Budsjett
    jan-aug
    Avvik Årsbudsjett Årsprognose
    (mer-/mindreforbruk)
    Eiendom -273010 -274855 1845 -174471 0

A line that only qualifies a head (a period "jan-aug", a year, a note in parentheses, lower-case words) goes on
the head before it; any other line's words are heads of their own. When the heads count as many columns as the
rows below print figures, the caption keeps its line and the heads become one head line (heads parted by two
spaces, as a head line prints them), so that the table reader finds the columns, their periods and scenarios.
Else the lines stay as they are.
"""
from __future__ import annotations

import re
from collections import Counter

from flows.reports.layout.model import Line
from flows.reports.layout.periods import PERIOD_RE
from flows.reports.numbers import split_label_and_values
from flows.reports.years import YEAR

_MAX_HEAD_LINES = 10
_QUALIFIER = re.compile(rf"(?:\(.*\)|{YEAR}|[a-zæøåäö][\wæøåäö.%/-]*(?:\s+[\wæøåäö.%/-]+)*|i\s+%)")
_HEAD_WORD = re.compile(r"[A-ZÆØÅÄÖ][\wæøåäöÆØÅÄÖ.-]*")


def _figures(line: Line) -> int:
    if line.segs is not None or line.table_id is not None:
        return 0
    label, values = split_label_and_values(line.text)
    if not label or not re.search(r"[^\W\d_]{2}", label):
        return 0
    return len([v for v in values.split() if re.search(r"\d", v)])


def _qualifies(text: str) -> bool:
    return bool(PERIOD_RE.fullmatch(text) or _QUALIFIER.fullmatch(text))


def _heads(texts: list[str]) -> list[str] | None:
    heads: list[str] = []
    for text in texts:
        text = " ".join(text.split())
        if _qualifies(text):
            if not heads:
                return None
            heads[-1] = f"{heads[-1]} {text}"
            continue
        ws = text.split()
        if not all(_HEAD_WORD.fullmatch(w) for w in ws):
            return None
        heads += ws
    return heads


def expand_spread_heads(lines: list[Line]) -> list[Line]:
    out: list[Line | None] = list(lines)
    for k, line in enumerate(lines):
        n = _figures(line)
        if n < 2 or (k and _figures(lines[k - 1])):
            continue  # a run's first row only
        run = [j for j in range(k, min(len(lines), k + 8)) if lines[j].page == line.page and _figures(lines[j])]
        counts = Counter(_figures(lines[j]) for j in run)
        n, seen = counts.most_common(1)[0]
        if seen < 2:
            continue
        above: list[int] = []
        j = k - 1
        while j >= 0 and len(above) < _MAX_HEAD_LINES and lines[j].page == line.page and lines[j].segs is None \
                and lines[j].table_id is None and not lines[j].heading:
            text = lines[j].text.strip()
            if not text or re.search(r"\S\s{2,}\S", text):
                break
            above.append(j)
            j -= 1
        if j < 0 or not lines[j].text.strip() or lines[j].segs is not None or lines[j].heading:
            continue
        parts = re.split(r"\s{2,}", lines[j].text.strip())
        if len(parts) != 2 or not above:
            continue  # the caption's line ends with the first head after a wide gap
        caption, first = parts
        above.reverse()
        if len(above) < 2:
            continue
        heads = _heads([first] + [lines[i].text for i in above])
        if not heads or len(heads) != n:
            continue
        src = lines[j]
        out[j] = Line(page=src.page, number=src.number, text=caption, heading=src.heading)
        last = lines[above[-1]]
        out[above[-1]] = Line(page=last.page, number=last.number, text="  ".join(heads),
                              joined=tuple(lines[i].number for i in above[:-1]))
        for i in above[:-1]:
            out[i] = None
    return [l for l in out if l is not None]
