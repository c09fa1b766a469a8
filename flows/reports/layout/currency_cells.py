"""Tables whose every value cell carries its currency: fee schedules and price lists aligned by spaces
("Tilknytingsgebyr vatn    kr      2 988   kr      3 050", "Årsgebyr    NOK 1 250    NOK 1 300",
"Leige av målar   kr. 661,-   kr. 680,-", "Bustad   542 kr   677,50 kr").

The currency word (kr, kr., NOK before the figure; kr, NOK or ",-" after it) is the cell's unit, never a label
word or a column of its own: a row is a label and one or more such cells, each printed with its unit, and the
spaces between "kr" and its figure are no cell gap. A run of such rows (blank lines and word-only section lines
between them allowed) is one table; the line above its first row whose space-separated heads are as many as the
row with the most cells ("2020        2021", "eks. mva      inkl. mva"; a corner head over the labels allowed)
names the columns, as written. A row with fewer cells than heads places each cell under the head nearest to it
(by the centres of their printed extents), in order; where that does not place every cell in its own column the
row is left to the table finder and a warning names its page and line.

The cells keep their printed unit ("kr 2 988"): `cells` reads a figure printed with its currency in kroner.
"""
from __future__ import annotations

import re

from flows.reports.layout.model import Line, Seg
from flows.reports.numbers import normalise_minus
from flows.reports.years import YEAR

_FIG = r"-?\d{1,3}(?:[ \u00a0]\d{3})*(?:,\d+)?(?!\d)"
_PRE = r"(?:kr\.?|NOK)(?![^\W\d_])"
_POST = r"(?:,-|,–|(?<=[\d ])(?:kr\.?|NOK)(?![^\W\d_]))"
_ONE_CELL = rf"{_PRE}\s*{_FIG}(?:,-|,–)?|{_FIG}\s*{_POST}"
_CELL = re.compile(rf"(?i){_ONE_CELL}")
_ROW = re.compile(rf"(?i)^(?P<label>\S.*?[^\W\d_)].*?)\s+(?P<cells>(?:(?:{_ONE_CELL})\s*)+)$")
_MAX_LABEL = 60
_PER_AFTER = re.compile(rf"(?i)(?:{_PRE}\s*{_FIG}(?:,-|,–)?|{_FIG}\s*{_POST})\s+(?P<per>(?:pr\.?|per)\s?[^\W\d_]+\.?)"
                        rf"(?=\s+(?:{_ONE_CELL}))")
_HEAD_RUN = re.compile(r"\S+(?: \S+)*")
_TABLE_ID_BASE = 70_000


def _cells(line: Line) -> tuple[str, list[tuple[str, int, int]]] | None:
    """(label, [(cell as printed, start, end)]) of a row of currency cells, else None."""
    if line.segs is not None or line.table_id is not None:
        return None
    text = normalise_minus(line.text.rstrip())
    # "kr 250 pr. time  kr 257": what a price is per, printed once after the first cell, says it of the row: it goes
    # with the label, and the spaces it leaves keep every cell where it was printed
    per = _PER_AFTER.search(text)
    if per:
        text = text[:per.start("per")] + " " * len(per.group("per")) + text[per.end("per"):]
    m = _ROW.match(text)
    if not m:
        return None
    label = " ".join(m.group("label").split()) + (f" ({' '.join(per.group('per').split())})" if per else "")
    if len(label) > _MAX_LABEL or label.lower().rstrip(".") in ("kr", "nok") or re.search(r"\d[\d ,]*$", label):
        return None  # the label ends in a figure: the cells are not the row's only figures
    cells, pos = [], m.start("cells")
    for c in _CELL.finditer(text, pos):
        if text[pos:c.start()].strip():
            return None
        cells.append((" ".join(c.group(0).split()), c.start(), c.end()))
        pos = c.end()
    return (label, cells) if cells and not text[pos:].strip() else None


def _heads(line: Line, n: int) -> list[tuple[str, int, int]] | None:
    """The heads of a line over n value columns, with their printed extents; a corner head over the labels allowed."""
    if line.segs is not None or line.table_id is not None or re.search(r"(?i)\bkr\b|\bnok\b", line.text):
        return None
    runs = [(m.group(0), m.start(), m.end()) for m in _HEAD_RUN.finditer(line.text.rstrip())]
    lead = re.search(rf"\s(?P<year>{YEAR})$", runs[0][0]) if runs and runs[0][1] == 0 and len(runs) == n else None
    if lead and all(re.fullmatch(YEAR, r[0]) for r in runs[1:]):
        # "Idrettshall og basseng 2020   2021": the corner's words run into the first year's head
        runs = [(lead.group("year"), lead.start("year"), runs[0][2])] + runs[1:]
        return runs
    if len(runs) == n + 1 and runs[0][1] == 0:
        runs = runs[1:]
    if len(runs) != n or n == 1 and runs[0][1] == 0:
        return None
    return runs


def _section_line(line: Line) -> bool:
    """A line of a few words naming a section of a price list ("Svømmehallen"), no figure."""
    text = line.text.strip()
    return line.segs is None and line.table_id is None and bool(text) and len(text.split()) <= 5 \
        and not re.search(r"\d", text)


def _place(cells: list[tuple[str, int, int]], heads: list[tuple[str, int, int]]) -> list[int] | None:
    """The column of each cell: in order when the row fills every head, else the head nearest each cell's centre
    (distinct and in order), or None."""
    if len(cells) == len(heads):
        return list(range(len(heads)))
    centre = [(h[1] + h[2]) / 2 for h in heads]
    cols = [min(range(len(heads)), key=lambda j: abs(centre[j] - (c[1] + c[2]) / 2)) for c in cells]
    return cols if all(a < b for a, b in zip(cols, cols[1:])) else None


def expand_currency_cells(lines: list[Line], warnings: list[str] | None = None) -> list[Line]:
    out: list[Line | None] = list(lines)
    read = [_cells(line) for line in lines]
    k, table_no = 0, 0
    while k < len(lines):
        if read[k] is None:
            k += 1
            continue
        block, gap, j = [k], 0, k + 1
        while j < len(lines) and lines[j].page == lines[k].page:
            text = lines[j].text.strip()
            if read[j] is not None:
                block.append(j)
                gap = 0
            elif lines[j].segs is None and lines[j].table_id is None and (
                    not text or (len(text.split()) <= 5 and not re.search(r"\d", text))):
                gap += 1
                if gap > 2:
                    break
            else:
                break
            j += 1
        rows = [i for i in block if read[i] is not None]
        n = max(len(read[i][1]) for i in rows)
        above = k - 1
        while above >= 0 and not lines[above].text.strip() and k - above <= 2:
            above -= 1
        heads = _heads(lines[above], n) if above >= 0 and lines[above].page == lines[k].page else None
        if heads is None and above > 0 and _section_line(lines[above]) and lines[above - 1].page == lines[k].page \
                and (over := _heads(lines[above - 1], n)) is not None and any(re.fullmatch(YEAR, h[0]) for h in over):
            # "2020   2021" / "Skånlandhallen" / rows: a section line between the year heads and the rows
            heads, above = over, above - 1
        if len(rows) < 2 and heads is None:
            k = block[-1] + 1
            continue  # one row of currency cells with no heads: a line of prose or a price, no table
        tid = _TABLE_ID_BASE + table_no
        table_no += 1
        grid = heads or [(str(j + 1), 0, 0) for j in range(n)]
        if heads:
            segs = [Seg(h, float(j + 1), float(j + 2)) for j, (h, _, _) in enumerate(heads)]
            out[above] = Line(page=lines[above].page, number=lines[above].number, text=" ".join(s.text for s in segs),
                              segs=segs, header=True, table_id=tid)
        for i in block[:block.index(rows[-1]) + 1]:
            line = lines[i]
            if read[i] is None:
                words = " ".join(line.text.split())
                out[i] = Line(page=line.page, number=line.number, text=words, table_id=tid,
                              segs=[Seg(words, 0.0, 1.0)]) if words else None
                continue
            label, cells = read[i]
            cols = _place(cells, grid) if heads else (list(range(len(cells))) if len(cells) == n else None)
            if cols is None:
                if warnings is not None:
                    warnings.append(f"currency cells at page {line.page} line {line.number}: {len(cells)} cells under "
                                    f"{n} columns not placed by position; no figure read: {line.text.strip()[:80]}")
                cells, cols = [], []
            segs = [Seg(label, 0.0, 1.0)] + [Seg(c[0], float(col + 1), float(col + 2)) for c, col in zip(cells, cols)]
            out[i] = Line(page=line.page, number=line.number, text=" ".join(s.text for s in segs), segs=segs,
                          table_id=tid)
        k = block[-1] + 1
    return [line for line in out if line is not None]
