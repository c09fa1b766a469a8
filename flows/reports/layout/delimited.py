"""Delimited tables pasted into a text file: Markdown/pipe tables (with or without the outer pipes and the
`|---|` rule line), tab-separated lines and semicolon-separated (CSV-like) blocks.

Each block becomes grid rows (cell i at grid column i) that the table finder reads like any positioned
table. Two repairs a copied table needs, both decided from the block itself:
- rows printed with fewer cells than the header, or with their figures shifted left and empty cells
  padded at the end (a row as wide as the header with its figures under value columns keeps its places) ("Driftsinntekt | -3 165 | -3 165 | ||" under "Tiltak | Type | 2016 | 2017"): when
  the row's figures are as many as the header's value columns they go onto those columns, right to
  left; when they are not, they are left out (no figure under a guessed column);
- a first column numbering the rows ("12 | Helse og omsorg | ..."): its numbers are the rows' codes, not figures;
- text columns between the row label and the figures ("Tiltak | Vedtakstype | Inv/Drift | 2016 ..."):
  a column repeating a few values down the rows (a category) is the row's attribute, not part of its
  label; it stays in the row's text (the excerpt), not in its cells.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass

from flows.reports.numbers import normalise_minus, parse_number
from flows.reports.years import YEAR

RULE = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?$")
_YEAR = re.compile(YEAR)
_CODE = re.compile(r"[A-Z]?\d[\d.\-/]{0,7}")


@dataclass(frozen=True)
class GridRow:
    """One line of a delimited block: its cells to place as (grid column, text), the whole row's text."""

    block: int  # 1-based within the lines given
    cells: list[tuple[int, str]]
    text: str
    header: bool = False  # a Markdown table's head: the rows above its "|---|" rule


_EMPHASIS = re.compile(r"^(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1$")


def _clean(cell: str) -> str:
    """A cell's text, whitespace collapsed and Markdown emphasis taken off ("**330 900**" -> "330 900")."""
    text = " ".join(cell.split())
    m = _EMPHASIS.match(text)
    return m.group(2) if m else text


def _pipe_cells(text: str) -> list[str] | None:
    t = text.strip()
    if "|" not in t:
        return None
    parts = t.split("|")
    if t.startswith("|"):
        parts = parts[1:]
    if t.endswith("|"):
        parts = parts[:-1]
    return [_clean(p) for p in parts]


def _tab_cells(text: str) -> list[str] | None:
    if "\t" not in text.strip():
        return None
    return [_clean(c) for c in text.rstrip().split("\t")]


def _semicolon_cells(text: str) -> list[str] | None:
    if text.count(";") < 2:
        return None
    try:
        row = next(csv.reader([text.strip()], delimiter=";"))
    except (csv.Error, StopIteration):
        return None
    return [_clean(c) for c in row]


def is_figure(cell: str) -> bool:
    """A cell holding one figure ("-2 775", "(1 234)", "4,7 %", "12*")."""
    t = normalise_minus(cell).strip().rstrip("*¹²³").strip()
    if not t or not re.search(r"\d", t) or not re.fullmatch(r"\(?-?\s?\d[\d \u00a0.,]*\)?\s*(?:%|kr\.?|,-)?", t):
        return False
    return parse_number(t.strip("()").replace("%", "")) is not None or bool(re.fullmatch(r"\(?-?\d[\d ]*(?:,\d+)?\)?", t))


def _kind(text: str) -> str | None:
    t = text.strip()
    if not t:
        return None
    if "|" in t and (t.count("|") >= 2 or t.startswith("|") or t.endswith("|")):
        return "pipe"
    if "\t" in t:
        return "tab"
    if t.count(";") >= 2:
        return "semicolon"
    return None


_SPLIT = {"pipe": _pipe_cells, "tab": _tab_cells, "semicolon": _semicolon_cells}


def grid_rows(lines: list[str]) -> tuple[dict[int, GridRow], set[int]]:
    """The delimited blocks of one page's lines: {line index: GridRow} and the indexes of rule lines
    ("|---|---|") to drop. A pipe block needs two rows or outer pipes, a semicolon block three rows of the
    same width with figures in them; a tab line is a row on its own (tabs never occur in prose)."""
    out: dict[int, GridRow] = {}
    rules: set[int] = set()
    i = 0
    block = 0
    while i < len(lines):
        kind = _kind(lines[i])
        if kind is None or RULE.match(lines[i].strip()):
            i += 1
            continue
        members: list[int] = []
        j = i
        while j < len(lines):
            t = lines[j].strip()
            if kind == "pipe" and RULE.match(t) and "|" in t:
                rules.add(j)
                j += 1
                continue
            if _kind(lines[j]) != kind:
                break
            members.append(j)
            j += 1
        rows = [_SPLIT[kind](lines[k]) or [] for k in members]
        if _accept(kind, rows, [lines[k] for k in members]):
            block += 1
            first_rule = min((r for r in rules if i <= r < j), default=None)
            for k, cells in zip(members, _arrange(rows)):
                out[k] = GridRow(block=block, cells=cells, text=" ".join(c for c in _SPLIT[kind](lines[k]) or [] if c),
                                 header=first_rule is not None and k < first_rule)
        else:
            rules.difference_update(range(i, j))
        i = max(j, i + 1)
    return out, rules


def _accept(kind: str, rows: list[list[str]], texts: list[str]) -> bool:
    if kind == "tab":
        return True
    widths = [len(r) for r in rows]
    figures = sum(is_figure(c) for r in rows for c in r)
    if kind == "pipe":
        framed = all(t.strip().startswith("|") and t.strip().endswith("|") for t in texts)
        if framed and max(widths) >= 2:
            return True  # "| a | b |": a Markdown row even alone
        return len(rows) >= 2 and max(widths) >= 3 and figures >= 2
    return len(rows) >= 3 and len(set(widths)) == 1 and widths[0] >= 3 and figures >= 2


def _filled(row: list[str]) -> int:
    """The number of cells up to the last non-empty one."""
    n = len(row)
    while n and not row[n - 1]:
        n -= 1
    return n


def _is_header(row: list[str]) -> bool:
    figures = [c for c in row if is_figure(c)]
    return bool(row) and all(_YEAR.fullmatch(c.replace(" ", "")) for c in figures) and any(c for c in row)


def _names_only_columns(header: list[str]) -> bool:
    """A header row of column names only (years, "Regnskap", "Budsjett"), no head over the label column."""
    from flows.reports.layout.headers import scenario_of

    cells = [c for c in header if c]
    return bool(cells) and bool(header[0]) and all(_YEAR.search(c) or scenario_of(c) != "other" for c in cells)


_NUMBERING = re.compile(r"\d{1,4}(?:\.\d{1,2}){0,2}\.?")


def _numbered(rows: list[list[str]]) -> list[list[str]]:
    """A first column numbering the rows ("12 | Helse og omsorg | 402 118 ...", "1.1 | Sentraladministrasjon"):
    its numbers are the rows' codes, joined to the label beside them, not figures. Only where every body row
    numbers itself and names itself in the next column."""
    body = [r for r in rows[1:] if any(c for c in r)]
    if len(body) < 2 or not rows or not _is_header(rows[0]) or is_figure(rows[0][0] if rows[0] else ""):
        return rows
    if not all(len(r) >= 3 and _NUMBERING.fullmatch(r[0]) and r[1] and not is_figure(r[1]) for r in body):
        return rows
    return [rows[0]] + [["", f"{r[0]} {r[1]}", *r[2:]] if r in body else r for r in rows[1:]]


def _arrange(rows: list[list[str]]) -> list[list[tuple[int, str]]]:
    """Every row's cells at their grid columns, with short rows put right and attribute columns left out."""
    rows = _numbered(rows)
    if rows and _is_header(rows[0]) and _names_only_columns(rows[0]):
        body = [_filled(r) for r in rows[1:] if any(is_figure(c) for c in r)]
        if body and sum(w == _filled(rows[0]) + 1 for w in body) * 2 > len(body):
            rows = [[""] + rows[0]] + rows[1:]  # "2030 | 2031" over "Skole | 4 | 5": the label column has no head
    plain = [[(j, c) for j, c in enumerate(r) if c] for r in rows]
    if not rows or not _is_header(rows[0]):
        return plain
    n = _filled(rows[0])
    full = [r for r in rows[1:] if _filled(r) == n]
    if not full:
        return plain
    # value columns: the rightmost run of columns where most full rows print a figure (text columns after it,
    # a comment, are no value columns)
    value_cols: list[int] = []
    for j in range(n - 1, -1, -1):
        if sum(is_figure(r[j]) or not r[j] for r in full) * 2 > len(full) and any(is_figure(r[j]) for r in full):
            value_cols.insert(0, j)
        elif value_cols:
            break
    if not value_cols or value_cols[0] == 0:
        return plain
    attributes = _attribute_columns(full, value_cols[0])
    numbers = _number_columns(full, value_cols[0])
    out: list[list[tuple[int, str]]] = [plain[0]]
    for r in rows[1:]:
        figures = [j for j, c in enumerate(r) if is_figure(c) and j not in numbers]
        keep = [(j, c) for j, c in enumerate(r) if c and j not in figures and not (j in attributes and _filled(r) == n)]
        if len(r) >= n and all(j in value_cols for j in figures):
            placed = [(j, r[j]) for j in figures]
        elif len(figures) == len(value_cols) and figures == list(range(figures[0], figures[0] + len(figures))) \
                and _filled(r) == figures[-1] + 1:
            placed = list(zip(value_cols, (r[j] for j in figures)))  # shifted left: right-aligned onto the columns
        else:
            placed = []  # figures whose columns the row cannot tell
        out.append(sorted(keep + placed))
    return out


def _number_columns(full: list[list[str]], first_value: int) -> set[int]:
    """Columns left of the figures that number or identify the rows ("Municipality No. | Municipality", "Kommunenr",
    a note column): every full row prints a plain whole number there, no two rows the same, and a text column follows.
    Their numbers are part of the row's name, never figures of a value column (a row that printed one was read as
    misplaced figures and lost all its cells)."""
    out: set[int] = set()
    for j in range(first_value - 1):
        values = [r[j] for r in full]
        if len(full) >= 2 and all(re.fullmatch(r"\d{1,6}", v) for v in values) and len(set(values)) == len(values) \
                and any(r[j + 1] and not is_figure(r[j + 1]) for r in full):
            out.add(j)
    return out


def _attribute_columns(full: list[list[str]], first_value: int) -> set[int]:
    """Text columns left of the figures that repeat values down the rows (a decision type, "Drift" /
    "Investering"): categories, read as the row's attributes. The column with the most distinct values is
    the label column; other columns whose values never repeat (a name beside a name) belong to the label."""
    text_cols = [j for j in range(first_value) if any(r[j] and not _CODE.fullmatch(r[j]) for r in full)]
    if len(text_cols) < 2 or len(full) < 3:
        return set()
    filled = {j: [r[j] for r in full if r[j]] for j in text_cols}
    distinct = {j: len(set(filled[j])) / max(1, len(filled[j])) for j in text_cols}
    label = max(text_cols, key=lambda j: (distinct[j], -j))
    return {j for j in text_cols if j != label and distinct[j] < 1.0}
