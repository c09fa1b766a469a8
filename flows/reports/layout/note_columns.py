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

import re

from flows.reports.layout.model import Column
from flows.reports.numbers import candidate_splits, gap_cells, has_cell_gaps

NOTE_CELL = re.compile(r"\d{1,2}(?:\s?[,;/]\s?\d{1,2})*[a-z]?")
_EMPTY = re.compile(r"[-–—−]?")


def is_note_cell(text: str) -> bool:
    return bool(NOTE_CELL.fullmatch(text.strip()))


def split_around_notes(values: str, columns: list[Column]) -> tuple[list[str], str | None] | None:
    """(the value cells in value-column order, the notes joined by ", ") of a row under a head whose note columns
    stand between value columns; None when the head has none there or the row does not read one way."""
    notes = [k for k, c in enumerate(columns) if c.note]
    if not notes or notes == [0]:
        return None
    n_values = len(columns) - len(notes)
    if has_cell_gaps(values):
        cells = gap_cells(values)
        if cells is None:
            return None
        if len(cells) == n_values and not any(is_note_cell(c) and "," not in c and len(c) <= 2 for c in cells[:1]):
            return cells, None
        if len(cells) != len(columns):
            return None
    else:
        readings = [c for c in candidate_splits(values, len(columns))
                    if all(is_note_cell(c.raw[k]) for k in notes)]
        if len(readings) != 1:
            return None  # no reading, or several that place the notes differently
        cells = list(readings[0].raw)
    if not all(is_note_cell(cells[k]) or _EMPTY.fullmatch(cells[k].strip()) for k in notes):
        return None
    printed = [cells[k] for k in notes if cells[k].strip() and not _EMPTY.fullmatch(cells[k].strip())]
    return [c for k, c in enumerate(cells) if k not in notes], ", ".join(printed) or None
