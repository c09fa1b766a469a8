"""Note columns inside a statement's value columns: two column groups each with its own note column
("Not  Kommunen 2017  Kommunen 2016  Not  Koncernen 2017  Koncernen 2016" over
"Maskiner och inventarier  14  30,7  25,9  9  76,4  70,3"), or one note column whose cell lists several notes
("14,15", "22, 23"). A note is a reference, never a figure: its cells are taken out of the row before the
figures are placed under the value columns.

`split_around_notes` reads a row under a head with a note column that is not only the first one: every head
cell gets its cell (gap-separated, or the one reading of single-spaced figures whose note cells are notes), or the
row prints no note at all and its figures fill the value columns; any other row is left to the usual reading.
"""
from __future__ import annotations

import math
import re

from flows.reports.layout.model import Column
from flows.reports.numbers import candidate_splits, gap_cells, has_cell_gaps, parse_number

NOTE_CELL = re.compile(r"[1-9]\d?(?:\s?[,;/]\s?[1-9]\d?)*[a-z]?")  # "12", "14,15", "22, 23", "4a"; never "2,0"
_EMPTY = re.compile(r"[-–—−]?")


def is_note_cell(text: str) -> bool:
    """A note number or a list of them in rising order ("14,15", "3, 7"); "38,1" is a figure."""
    if not NOTE_CELL.fullmatch(text.strip()):
        return False
    numbers = [int(n) for n in re.findall(r"\d+", text)]
    return all(a < b for a, b in zip(numbers, numbers[1:]))


UNDECIDED = (None, None)  # a row whose figures read several ways around the notes: no figure is placed


def split_around_notes(values: str, columns: list[Column]) -> tuple[list[str] | None, str | None] | None:
    """(the value cells in value-column order, the notes joined by ", ") of a row under a head whose note columns
    stand between value columns; None when the head has none there or the row is left to the usual reading;
    UNDECIDED when its figures read several ways (which cells are notes the text cannot tell)."""
    columns = [c for c in columns if not c.unknown]  # columns a row with too many cells added are no head's
    notes = [k for k, c in enumerate(columns) if c.note]
    if not notes or notes == [0]:
        return None
    n_values = len(columns) - len(notes)
    if has_cell_gaps(values):
        cells = gap_cells(values)
        if cells is None:
            return None
        if len(cells) == len(columns) and all(is_note_cell(cells[k]) or _EMPTY.fullmatch(cells[k].strip()) for k in notes):
            printed = [cells[k] for k in notes if cells[k].strip() and not _EMPTY.fullmatch(cells[k].strip())]
            return [c for k, c in enumerate(cells) if k not in notes], ", ".join(printed) or None
    # every reading with the notes printed (all, or some left out) in note cells; where gaps part the figures, also
    # the readings that let a note stand inside a gap-delimited part ("25 862,1 862,5   0,8 1,2": note 25)
    found: dict[tuple[str, ...], str | None] = {}
    texts = [values] + ([" ".join(values.split())] if has_cell_gaps(values) else [])
    for printed_notes, text in ((p, t) for p in _subsets(notes) for t in texts):
        kept = [k for k in range(len(columns)) if k not in notes or k in printed_notes]
        at = [kept.index(k) for k in printed_notes]
        for c in candidate_splits(text, len(kept)):
            if all(is_note_cell(c.raw[k]) for k in at) and not any(_EMPTY.fullmatch(c.raw[k]) for k in range(len(kept))
                                                                    if k not in at):
                figures = tuple(r for k, r in enumerate(c.raw) if k not in at)
                if len(figures) == n_values:
                    found.setdefault(figures, ", ".join(c.raw[k] for k in at) or None)
    if not found:
        return None
    if len(found) > 1:
        # the same group's figures for adjacent years are of like size: "843,1 816,0 2 387,4 2 320,9" is no note "2"
        # before 387,4; a reading clearly closer than every other is taken, else none
        groups = _groups(columns)
        ranked = sorted(found, key=lambda f: _spread(f, groups))
        if _spread(ranked[1], groups) - _spread(ranked[0], groups) < _CLEARLY:
            return UNDECIDED
        return list(ranked[0]), found[ranked[0]]
    (figures, note), = found.items()
    return list(figures), note


_CLEARLY = 0.3  # log10 units: a reading whose neighbours differ twice less in size


def _groups(columns: list[Column]) -> list[int]:
    """The group of each value column: the note columns part the groups."""
    out, group = [], 0
    for k, c in enumerate(columns):
        if c.note:
            group += k > 0
        else:
            out.append(group)
    return out


def _spread(figures: tuple[str, ...], groups: list[int]) -> float:
    sizes = [math.log10(abs(parse_number(f) or 0.0) + 1.0) for f in figures]
    return sum(abs(a - b) for a, b, g, h in zip(sizes, sizes[1:], groups, groups[1:]) if g == h)


def _subsets(notes: list[int]) -> list[tuple[int, ...]]:
    """Every choice of the note columns a row prints, the fullest first."""
    out: list[tuple[int, ...]] = [()]
    for k in notes:
        out += [s + (k,) for s in out]
    return sorted(out, key=len, reverse=True)
