"""Rows of a web table extracted as text with every cell joined by one space and an empty cell printed as a space
of its own ("Realisationsvinst 57      ", "Återvunnen moms   563    ", "Reservation kundfordringar   – 50    "):
the runs of spaces are the empty cells. After the label and between figures a run of 2k+1 spaces is k empty
cells; after the last figure a run of 2k spaces is k empty cells. The row then prints as many figure cells as
the header names columns less the empty ones, which settles how its digit groups split ("115 416 129 550    "
under four columns is 115 416 | 129 550 and two empty cells, not four figures).

`slots` reads the pattern of one printed line (None when it has no trailing empty cells: a space-aligned table
is not of this kind; spaces every row of the table ends with, a full row too, are no empty cells); `resolve` places its figures under n columns, or gives None when they do not read one way.
"""
from __future__ import annotations

import re

from flows.reports.numbers import candidate_splits, normalise_minus

_VALUE_TOKEN = re.compile(r"[-–−]?\d[\d,]*%?|[-–−]")


def trailing_spaces(raw: str) -> int:
    text = raw.replace("\u00a0", " ").rstrip("\n")
    return len(text) - len(text.rstrip(" "))


def space_aligned(raw: str) -> bool:
    """A row whose figures stand apart by an even run of spaces ("Skole   120  118"): a table aligned by spaces,
    whose gaps are no empty cells of the one-space grammar."""
    text = raw.replace("\u00a0", " ").rstrip()
    tokens = list(re.finditer(r"\S+", text))
    k = len(tokens)
    while k > 0 and _VALUE_TOKEN.fullmatch(normalise_minus(tokens[k - 1].group(0))):
        k -= 1
    gaps = [b.start() - a.end() for a, b in zip(tokens[max(k - 1, 0):], tokens[max(k, 1):])]
    return any(g >= 2 and g % 2 == 0 for g in gaps)


def slots(raw: str, base: int = 0) -> tuple[str, list[str | None]] | None:
    """(label, slots) of a printed line: each slot a run of figure tokens (one or more cells) or None (one empty
    cell); None when the line does not end with an empty cell or has no figures. `base`: the spaces every row of
    the table ends with (a full row's), which are no empty cell."""
    text = raw.replace("\u00a0", " ").rstrip("\n")
    trailing = len(text) - len(text.rstrip(" ")) - base
    if trailing < 2:
        return None
    tokens = list(re.finditer(r"\S+", text))
    k = len(tokens)
    while k > 0 and _VALUE_TOKEN.fullmatch(normalise_minus(tokens[k - 1].group(0))):
        k -= 1
    if k == len(tokens) or k == 0:
        return None
    label = text[:tokens[k].start()].strip()
    out: list[str | None] = []
    run: list[str] = []
    prev_end = tokens[k - 1].end()
    for t in tokens[k:]:
        gap = t.start() - prev_end
        if gap >= 2:
            if gap % 2 == 0:
                return None  # not the one-space grammar: a space-aligned table
            if run:
                out.append(" ".join(run))
                run = []
            out += [None] * ((gap - 1) // 2)
        run.append(t.group(0))
        prev_end = t.end()
    out.append(" ".join(run))
    out += [None] * (trailing // 2)
    return label, out


def resolve(found: list[str | None], n: int) -> list[str] | None:
    """n cells ("" empty) from the slots, or None when they do not make n cells one way."""
    empty = sum(s is None for s in found)
    runs = [s for s in found if s is not None]
    free = n - empty
    if free < len(runs) or not runs:
        return None
    options: list[list[list[str]]] = []
    for counts in _compositions(free, len(runs)):
        cells = []
        for run, c in zip(runs, counts):
            cands = [x for x in candidate_splits(run, c) if len(x.values) == c]
            if not cands:
                break
            cells.append(list(cands[0].raw))
        else:
            options.append(cells)
    if len(options) != 1:
        return None
    out: list[str] = []
    it = iter(options[0])
    for s in found:
        out += [""] if s is None else next(it)
    return out


def _compositions(total: int, parts: int):
    if parts == 1:
        yield [total]
        return
    for first in range(1, total - parts + 2):
        for rest in _compositions(total - first, parts - 1):
            yield [first] + rest
