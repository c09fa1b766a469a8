"""Column heads of a statistics table (an SSB or KOSTRA export copied from the web) that a text extraction
scattered over several lines of the table, in the order the nested header cells were written, not the order of
the columns:

    13 Sykefraværsdagsverk … etter bostedskommune. … Menn. Kvartalstall.   <- the table's title
    1. kvartal 2008 | 1. kvartal 20091 | Sykefraværsprosent
    Kommune | Sykefraværs- dagsverk
    Sykefraværs- dagsverk
    Endring siste år
    1. kvartal 2008 | 1. kvartal 20091
    I ALT | 2 829 083 | 3 212 737 | 383 654 | 4,7 | 5,1

The head cells are of three kinds: the label column's head ("Kommune", "Region"), periods ("1. kvartal 2008",
"2019K4", "2019"; a footnote digit glued to the year, "20091", is the year 2009 with note 1) and measures
("Sykefraværsdagsverk", "Sykefraværsprosent", "Endring siste år"). A measure that is a change takes one column;
every other measure takes one column per period. The order of the blocks is read from the rows' own figures: a
change column is the difference of the two columns of a block before it, and a measure in per cent holds no figure
above 100. Only when the kinds count exactly the rows' figures and exactly one order of the blocks fits best are
the head lines rewritten as one head line ("Kommune | Sykefraværsdagsverk 1. kvartal 2008 | …"), the title kept
as the line above it; otherwise the lines stay as they are.
"""
from __future__ import annotations

import re
from collections import Counter
from itertools import permutations

from flows.reports.layout.model import Line, Seg
from flows.reports.layout.periods import dated_period
from flows.reports.numbers import parse_number

_GLUED_NOTE = re.compile(r"(?<![\d,.])((?:19|20)\d\d)[1-9](?![\d,.])")
_YEAR_ALONE = re.compile(r"^(?:19|20)\d\d$")
_LABEL_HEAD = re.compile(r"(?i)^(?:kommune|kommuner|bostedskommune|arbeidsstedskommune|region|fylke|bydel|land|"
                         r"område|municipality|county|knr|kommunenummer)$")
_CHANGE = re.compile(r"(?i)^(?:endring|endringar|endringer|forandring|differanse|change|förändring)\b")
_PERCENT = re.compile(r"(?i)prosent|procent|percent|%|andel")
_MAX_HEAD_LINES = 8
_MAX_MEASURES = 4
_TITLE_LENGTH = 60
_CAPTION_LENGTH = 120  # the longest line the table finder takes for a caption


def unglued_year(text: str) -> str:
    """A period head with a footnote digit glued to its year ("1. kvartal 20091", "20091") -> the head with the
    year alone ("1. kvartal 2009"). Only for head cells, where a five-digit figure is no value."""
    return _GLUED_NOTE.sub(r"\1", text)


def _period(text: str) -> str | None:
    text = " ".join(unglued_year(text).split())
    if _YEAR_ALONE.match(text):
        return text
    dated = dated_period(text, words_only=True)
    return text if dated and dated[0] else None


def _measure(text: str) -> str:
    return re.sub(r"(?<=[a-zæøåäö])- (?=[a-zæøåäö])", "", " ".join(text.split()))  # "Sykefraværs- dagsverk"


def _figure(text: str) -> float | None:
    t = text.strip().replace("\u2212", "-")
    negative = t.startswith("-")
    value = parse_number(t.lstrip("-").strip()) if re.fullmatch(r"-?\s?[\d ]+(?:[,.]\d+)?", t) else None
    return None if value is None else (-value if negative else value)


def _figure_row(line: Line) -> list[Seg] | None:
    segs = line.segs or []
    if len(segs) < 3 or _figure(segs[0].text) is not None:
        return None
    values = segs[1:]
    return values if all(_figure(s.text) is not None for s in values) else None


def _layouts(levels: list[str], changes: list[str], periods: int):
    """Every order of the measures' blocks: the level measures in any order, a change after any level block."""
    for order in permutations(levels):
        if not changes:
            yield [(m, periods) for m in order]
            continue
        for at in range(1, len(order) + 1):
            blocks = [(m, periods) for m in order[:at]] + [(changes[0], 1)] + [(m, periods) for m in order[at:]]
            yield blocks


def _score(blocks, rows: list[list[float]], periods: int) -> int:
    score, col = 0, 0
    for k, (measure, width) in enumerate(blocks):
        cols = range(col, col + width)
        if width == 1 and _CHANGE.match(measure):
            prev = col - periods
            if prev < 0 or blocks[k - 1][1] != periods:
                return -1
            score += sum(1 for r in rows if abs(r[col] - (r[col - 1] - r[prev])) <= 1.01) * 2
        else:
            small = all(abs(r[c]) <= 100 for r in rows for c in cols)
            score += len(rows) if small == bool(_PERCENT.search(measure)) else 0
        col += width
    return score


def _caption(title: str) -> str:
    """A statistics title too long for a caption, shortened to what names the table: its first sentence and the
    one- or two-word sentences that name the group and the grain ("… etter bostedskommune. Menn. Kvartalstall.")."""
    if len(title) <= _CAPTION_LENGTH:
        return title
    parts = [p.strip() for p in re.split(r"(?<=[.])\s+", title) if p.strip()]
    short = [parts[0]] + [p for p in parts[1:] if len(p.rstrip(".").split()) <= 2]
    return " ".join(short)


def merge_statistics_heads(lines: list[Line]) -> list[Line]:
    out = list(lines)
    done: set[int | None] = set()
    for k, line in enumerate(lines):
        if line.table_id is None or line.table_id in done or _figure_row(line) is None:
            continue
        done.add(line.table_id)
        heads = []
        j = k - 1
        while j >= 0 and lines[j].table_id == line.table_id and k - j <= _MAX_HEAD_LINES:
            heads.insert(0, j)
            j -= 1
        if len(heads) < 2 or any(_figure_row(lines[h]) for h in heads):
            continue
        body = [r for r in (_figure_row(x) for x in lines[k:k + 12] if x.table_id == line.table_id) if r]
        n, _ = Counter(len(r) for r in body).most_common(1)[0]
        body = [r for r in body if len(r) == n]
        title = None
        if len(lines[heads[0]].segs or []) == 1 and len(lines[heads[0]].text) > _TITLE_LENGTH:
            title = heads.pop(0)
        corner, periods, measures = "", [], []
        for h in heads:
            for seg in lines[h].segs or []:
                text = " ".join(seg.text.split())
                if not text:
                    continue
                if _LABEL_HEAD.match(text) and not corner:
                    corner = text
                elif (p := _period(text)) is not None:
                    if p not in periods:
                        periods.append(p)
                elif (m := _measure(text)) not in measures:
                    measures.append(m)
        changes = [m for m in measures if _CHANGE.match(m)]
        levels = [m for m in measures if m not in changes]
        if not periods or not levels or len(changes) > 1 or len(measures) > _MAX_MEASURES \
                or len(levels) * len(periods) + len(changes) != n or any(len(lines[h].segs or []) == n + 1 for h in heads):
            continue
        rows = [[_figure(s.text) for s in r] for r in body]
        scored = sorted(((_score(b, rows, len(periods)), i, b) for i, b in
                         enumerate(_layouts(levels, changes, len(periods)))), key=lambda x: (-x[0], x[1]))
        if not scored or scored[0][0] <= 0 or (len(scored) > 1 and scored[1][0] == scored[0][0]):
            continue
        blocks = scored[0][2]
        # a change is the change to the last period ("Endring siste år" of 2009 Q1 over 2008 Q1): dated by it
        labels = [f"{m} {periods[-1]}" if width == 1 else f"{m} {p}"
                  for m, width in blocks for p in (periods if width > 1 else [""])]
        xs = [(s.x0, s.x1) for s in body[0]]
        segs = [Seg(text=corner, x0=0.0, x1=xs[0][0])] + [Seg(text=t, x0=a, x1=b) for t, (a, b) in zip(labels, xs)]
        first = lines[heads[0]]
        head = Line(page=first.page, number=first.number, text="  ".join(s.text for s in segs if s.text), segs=segs,
                    table_id=line.table_id, header=True)
        if title is not None:
            t = lines[title]
            out[title] = Line(page=t.page, number=t.number, text=_caption(t.text))
        out[heads[0]] = head
        for h in heads[1:]:
            out[h] = None  # type: ignore[call-overload]
    return [x for x in out if x is not None]
