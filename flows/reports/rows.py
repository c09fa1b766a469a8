"""Helpers shared by the table readers: what a row is, its label and its column values.

PDF text layers flatten tables, so most rows arrive as "Lønn og sosiale utgifter 16 194
17 122 928 15 945" and are split with `numbers.candidate_splits`; rows from real cell
structure need no splitting.
"""
from __future__ import annotations

import re
from functools import lru_cache

from flows.reports.extract import CELL_SEPARATOR
from flows.reports.numbers import candidate_splits, parse_number, parse_percent, split_label_and_values
from flows.reports.stream import YEAR, Line


def is_blank(line: Line) -> bool:
    return not line.text or line.text in {"|", "-"}


def is_prose(text: str) -> bool:
    if CELL_SEPARATOR in text or text.startswith("| "):
        return False  # a row of a real table
    words = text.split()
    return len(words) >= 9 and not _value_tail(text)


def _value_tail(text: str) -> str:
    return split_label_and_values(text)[1]


def row_parts(line: Line) -> tuple[str, list[str] | None, str]:
    """(label, cell values or None, flattened value text)."""
    label, values, text = _row_parts(line.raw)
    return label, None if values is None else list(values), text


@lru_cache(maxsize=1 << 16)
def _row_parts(raw: str) -> tuple[str, tuple[str, ...] | None, str]:
    """`row_parts` of a line's printed text, worked out once: every detector splits every line."""
    line = Line(index=-1, page=0, number=0, raw=raw)
    cells = line.cells
    if cells is not None:
        first_value = next((k for k, c in enumerate(cells) if _is_number_cell(c)), len(cells))
        if first_value == 0 and re.fullmatch(YEAR, cells[0]) and len(cells) > 2:
            first_value = 1  # "2019 | 18 693 | ..." is labelled by its year
        label = " ".join(c for c in cells[:first_value] if c)
        values = tuple(cells[first_value:])
        return label, values, " ".join(v for v in values if v)
    label, values = split_label_and_values(line.text)
    return label, None, values


def _is_number_cell(cell: str) -> bool:
    cell = cell.strip()
    if not cell:
        return False
    return (parse_percent(cell) if "%" in cell else parse_number(cell)) is not None


def numbers_in_cells(cells: list[str]) -> list[float | None]:
    out = []
    for cell in cells:
        cell = cell.strip()
        if not cell:
            out.append(None)
            continue
        out.append(parse_percent(cell) if "%" in cell else parse_number(cell))
    return out


def split_values(line: Line, n_columns: int, *, identity=None, allow_note=False, allow_fewer=False,
                 values_text: str | None = None) -> tuple[list[float | None], list[str]] | None:
    """Column values of one row: from cells when the file had them, else by splitting."""
    label, cells, text = row_parts(line)
    if values_text is not None:
        text = values_text
    elif cells is not None:
        nums = numbers_in_cells(cells)
        if len(nums) == n_columns + 1 and (allow_note or not cells[0].strip()):
            nums, cells = nums[1:], cells[1:]
        if len(nums) > n_columns:
            nums, cells = nums[:n_columns], cells[:n_columns]
        while len(nums) < n_columns:
            nums.append(None)
            cells.append("")
        return nums, cells
    cands = candidate_splits(text, n_columns, identity=identity, allow_note=allow_note, allow_fewer=allow_fewer)
    if not cands:
        return None
    if len(cands) > 1 and abs(cands[0].score - cands[1].score) < 1e-9:
        return None
    best = cands[0]
    values: list[float | None] = list(best.values) + [None] * (n_columns - len(best.values))
    raw = list(best.raw) + [""] * (n_columns - len(best.raw))
    return values, raw


def next_nonblank(lines: list[Line], i: int, limit: int = 8) -> Line | None:
    for line in lines[i + 1 : i + 1 + limit]:
        if not is_blank(line):
            return line
    return None


SUBJECT_STOPWORDS = {"år", "gruppe", "gj.snitt", "gjennomsnitt", "netto", "kostra", "sum", "total", "totalt"}
