"""Plan tables whose header names one column more, or one fewer, than the rows print: investment and economy plans
("Prosjekt | Vedtatt | 2020 | 2021 | 2022 | 2023 | Sum", "Tidligere vedtatt | 2024 ... 2027 | Sum 2024-2027") where a
leading column of earlier approvals is empty for most rows, or a header of years over rows that also print their
total. In plain text, which cells a short row leaves empty cannot be seen; the table's own arithmetic shows it: the
total column equals the sum of the year columns (with or without the earlier approvals, as the rows printing every
cell show).

The structure: a leading column (a word before the first year, "Vedtatt 2020" read as two columns when only bare
years follow it), two or more year columns, a total column ("Sum", "Totalt", "Sum 2024-2027"). For each row, a cut
whose last cell is the sum of the cells before it places them:
- as many cells as columns: every cell in its column;
- one fewer, the sum taken over exactly the year columns: the leading column is the empty one;
- a first figure outside a total that the other rows show excludes the leading column: the leading column's;
- otherwise only the total is certain; the other cells keep their figures with the column unknown.
A header of years without a total, over rows that print one cell more whose last cell sums the others: the years
are certain and the total keeps an unnamed column. Rows printing a figure before the years that the total leaves out
(a header of years and a total): a leading column the header does not name, kept unnamed. Rows no cut of which sums
are left to the reader's usual cut.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from flows.reports.layout.headers import SPAN_RE, YEAR_RE, make_column, scenario_of
from flows.reports.layout.model import Column
from flows.reports.numbers import candidate_splits, parse_number

_TOTAL = re.compile(r"(?i)^(?:sum|summa|totalt?|i alt|samlet|totalsum)\b")
_MAX_READINGS = 60


@dataclass
class Plan:
    columns: list[Column]  # the table's value columns as the rows bear them out
    rows: dict[int, list[tuple[int | None, str]]]  # row key -> (column index or None when unknown, printed cell)


def _bare_year(col: Column) -> bool:
    return bool(SPAN_RE.fullmatch(col.label.strip())) and col.year is not None


def _structure(columns: list[Column]) -> tuple[list[Column], bool, bool, bool] | None:
    """(columns, has lead, has total, lead split off its year) of a plan header: a lead word is split off its year
    ("Vedtatt 2020" before bare years) when a total follows; None when the header is no plan of two or more
    consecutive years."""
    cols = list(columns)
    total = bool(cols) and bool(_TOTAL.match(cols[-1].label.strip()))
    body = cols[:-1] if total else cols
    lead = split = False
    if total and body and body[0].year is not None and not _bare_year(body[0]) and len(body) >= 3 \
            and all(_bare_year(c) for c in body[1:]):
        words = YEAR_RE.sub("", body[0].label).strip()
        if words and scenario_of(words) != "other":
            body = [make_column(words), make_column(str(body[0].year))] + body[1:]
            lead = split = True
    elif body and body[0].year is None and len(body) >= 3 and all(_bare_year(c) for c in body[1:]):
        lead = True
    years = body[1:] if lead else body
    ys = [c.year for c in years]
    if len(years) < 2 or None in ys or any(b != a + 1 for a, b in zip(ys, ys[1:])):
        return None
    return body + (cols[-1:] if total else []), lead, total, split


def _num(raw: str) -> float:
    return 0.0 if re.fullmatch(r"[-\u2013\u2212]+", raw.strip()) else (parse_number(raw) or 0.0)


def _sums(cells: list[str]) -> bool:
    """The last cell is the sum of the cells before it (within the rounding of whole figures)."""
    parts = [_num(c) for c in cells[:-1]]
    total = _num(cells[-1])
    if not parts or total == 0:
        return False
    unit = 10.0 ** -max(len(c.split(",")[1]) if "," in c else 0 for c in cells)
    diff = abs(sum(parts) - total)
    # figures rounded one by one may miss their total by half a unit each, only where that is a small share of it
    return diff <= 1e-9 or (diff <= 0.5 * unit * (len(cells) - 1) and abs(total) >= 100 * unit)


def _cuts(values: str, n: int) -> list[list[str]]:
    return [list(s.raw) for s in candidate_splits(values, n, allow_fewer=True)[:_MAX_READINGS] if s.note is None]


def _place(cells: list[str], n_cols: int, lead: bool, lead_in_sum: bool | None) -> list[tuple[int | None, str]] | None:
    """Columns of a cut whose last cell sums the rest (or, with a lead outside the sum, the rest but the first)."""
    n = len(cells)
    if n == n_cols:
        inside, outside = _sums(cells), lead and _sums(cells[1:])
        fits = inside or outside if lead_in_sum is None else inside if lead_in_sum else outside
        return list(enumerate(cells)) if fits else None
    if lead and lead_in_sum is False and n >= 3 and _sums(cells[1:]) and not _sums(cells):
        # the first figure stands outside the total: the leading column's; which years the rest fill is open
        return [(0, cells[0])] + [(None, c) for c in cells[1:-1]] + [(n_cols - 1, cells[-1])]
    if not _sums(cells):
        return None
    if lead and n == n_cols - 1 and lead_in_sum is False:
        return [(j + 1, c) for j, c in enumerate(cells)]  # the leading column is the empty one
    return [(None, c) for c in cells[:-1]] + [(n_cols - 1, cells[-1])]


def realign(columns: list[Column], rows: dict[int, str]) -> Plan | None:
    """The plan table's columns and the rows' placed cells, or None when the header is no plan header or no row
    bears the plan's arithmetic out."""
    found = _structure(columns)
    if found is None or not rows:
        return None
    cols, lead, total, split = found
    if not total:
        return _one_more(columns, rows)
    n = len(cols)
    # rows printing every cell: whether the leading column stands inside the total or outside it
    full = [c for v in rows.values() for c in _cuts(v, n) if len(c) == n and (_sums(c) or _sums(c[1:]))]
    if split and not full:  # no row prints a figure for the word before the first year: it names that year
        cols, lead = list(columns), False
        n = len(cols)
    if not lead and any(len(c) == n + 1 and _sums(c[1:]) and not _sums(c[:-1])
                        for v in rows.values() for c in _cuts(v, n + 1)):
        # rows printing a figure before the years that the total leaves out: a leading column the header does not name
        cols, lead, n = [Column(label="", year=None, scenario="unknown", unknown=True)] + cols, True, n + 1
        full = [c for v in rows.values() for c in _cuts(v, n) if len(c) == n and (_sums(c) or _sums(c[1:]))]
    lead_in_sum: bool | None = None
    if lead:
        inside = sum(_sums(c) for c in full)
        outside = sum(_sums(c[1:]) for c in full)
        lead_in_sum = True if inside > outside else False if outside > inside else (None if full else False)
    placed: dict[int, list[tuple[int | None, str]]] = {}
    for key, values in rows.items():
        options = [p for p in (_place(c, n, lead, lead_in_sum) for c in _cuts(values, n)) if p is not None]
        if not options:
            continue
        if all(o == options[0] for o in options):
            placed[key] = options[0]
            continue
        # several cuts sum: the cells every one of them places alike
        agreed = [cell for cell in options[0] if cell[0] is not None and all(cell in o for o in options)]
        if agreed:
            placed[key] = agreed
    return Plan(cols, placed) if placed else None


def _one_more(cols: list[Column], rows: dict[int, str]) -> Plan | None:
    """Years without a total over rows that print one cell more, the last summing the others."""
    n = len(cols)
    placed: dict[int, list[tuple[int | None, str]]] = {}
    for key, values in rows.items():
        cuts = [c for c in _cuts(values, n + 1) if len(c) == n + 1 and _sums(c)]
        if len(cuts) == 1:
            placed[key] = list(enumerate(cuts[0]))
    if len(placed) * 2 < len(rows) or len(placed) < 2:
        return None
    return Plan(cols + [Column(label="", year=None, scenario="unknown", unknown=True)], placed)
