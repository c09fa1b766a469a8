"""Tables whose text layer puts every cell on its own line.

Some PDF producers write a table cell by cell, so the text layer reads

    Lønn og sosiale utgifter
    16 194
    17 122
    928

instead of one row per line. Such a run is rewritten as one row of cells joined by
" | " ("Lønn og sosiale utgifter | 16 194 | 17 122 | 928"), exactly what a DOCX or ruled
PDF table gives, so the table readers need no second code path and no splitting
(each value line is one cell, whatever its spaces). The column headings stacked
directly above the first row ("Regnskap 2020" / "Budsjett 2020" / "Avvik") become one
header row of cells.

A run counts as a table only when at least two consecutive rows have the same number
(two or more) of value lines, so a lone number under a heading is left alone.
"""
from __future__ import annotations

import re
from functools import lru_cache

from flows.reports.accounts import is_column_header
from flows.reports.extract import CELL_SEPARATOR
from flows.reports.numbers import normalise_minus
from flows.reports.stream import Line

_VALUE_LINE = re.compile(
    r"^(?:-\s?)?(?:\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?\s*%?$|^-$"
)
_HEADER_CELL_WORD = re.compile(r"(?i)regnskap|rekneskap|budsj|avvik|forbruk|%")
MIN_ROWS = 2
MAX_LABEL_WORDS = 12


@lru_cache(maxsize=1 << 16)
def is_value_line(text: str) -> bool:
    """One printed value and nothing else: "16 194", "- 216", "10.469", "4,7 %", "–"."""
    return bool(text) and _VALUE_LINE.match(normalise_minus(text)) is not None


def header_line(text: str) -> bool:
    """A column heading printed on a line of its own ("Regnskap 2020", "Avvik")."""
    return bool(_HEADER_CELL_WORD.search(text)) and is_column_header(text, continuation=True)


def is_label_line(text: str) -> bool:
    return _is_label_line(text)


@lru_cache(maxsize=1 << 16)
def _is_label_line(text: str) -> bool:
    return (
        bool(re.search(r"[A-Za-zÆØÅæøå]", text))
        and CELL_SEPARATOR not in text
        and len(text.split()) <= MAX_LABEL_WORDS
        and not text.endswith((".", ":"))
    )


def _rows_from(lines: list[Line], start: int) -> list[tuple[Line, list[Line], int]]:
    """Consecutive vertical rows from `start`: (label, value lines, index after the row)."""
    rows: list[tuple[Line, list[Line], int]] = []
    k = start
    while k < len(lines):
        while k < len(lines) and not lines[k].text:
            k += 1
        if k >= len(lines) or not _is_label_line(lines[k].text):
            break
        label, values = lines[k], []
        k += 1
        while k < len(lines):
            if not lines[k].text:
                k += 1
                continue
            if not is_value_line(lines[k].text):
                break
            values.append(lines[k])
            k += 1
        if len(values) < 2 or (rows and len(values) != len(rows[0][1])):
            break
        rows.append((label, values, k))
    return rows


def _header_cells(lines: list[Line], first_label: int, n: int) -> list[Line]:
    """The n column headings stacked directly above the first row, if they are there."""
    found: list[Line] = []
    k = first_label - 1
    while k >= 0 and len(found) < n:
        text = lines[k].text
        if not text:
            k -= 1
            continue
        if not header_line(text):
            break
        found.append(lines[k])
        k -= 1
    return list(reversed(found)) if len(found) == n else []


def join_vertical_rows(lines: list[Line]) -> list[Line]:
    """The line stream with every one-cell-per-line table rewritten as rows of cells."""
    replace: dict[int, str] = {}  # first line index -> joined raw text
    drop: set[int] = set()
    k = 0
    while k < len(lines):
        if not _is_label_line(lines[k].text):
            k += 1
            continue
        rows = _rows_from(lines, k)
        if len(rows) < MIN_ROWS:
            k += 1
            continue
        n = len(rows[0][1])
        header = _header_cells(lines, rows[0][0].index, n)
        if header:
            replace[header[0].index] = CELL_SEPARATOR.join([""] + [h.text for h in header])
            drop.update(range(header[0].index + 1, header[-1].index + 1))
        for label, values, _ in rows:
            replace[label.index] = CELL_SEPARATOR.join([label.text] + [v.text for v in values])
            drop.update(range(label.index + 1, values[-1].index + 1))
        k = rows[-1][2]
    if not replace:
        return lines
    out: list[Line] = []
    for line in lines:
        if line.index in drop:
            continue
        raw = replace.get(line.index, line.raw)
        out.append(Line(index=len(out), page=line.page, number=line.number, raw=raw))
    return out
