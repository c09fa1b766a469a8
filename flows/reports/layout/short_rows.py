"""Rows of a per-unit budget/accounts table that print fewer figures than the head names columns ("3 Teknisk
55 002 57 000 1 998" under Regnskap | Revidert budsjett | Avvik | Forbruk i %): which columns the figures fill.

Every placement of the row's figures on the columns, in order, is weighed against the table itself:
- a figure goes only where the column's figures in the rows that fill every column print the same number of
  decimals, and a figure printed with "%" only under a column of shares;
- a derived column (avvik/avvikelse/afvigelse, forbruk i %) whose figures in the full rows (two at least) are the
  difference (either way round) or the ratio of the two amount columns before it holds a figure only where it is
  that difference or ratio, an amount not printed counted as 0 for a difference, a ratio without its base not
  possible.
The row is placed only when exactly one placement stands; otherwise its figures keep no column.

`fewer_fits` tells, for a row spaced only by thousands separators, that a reading of fewer figures fits the
columns' usual sizes clearly better than any reading that fills every column ("310 455 315 000" under three
columns whose figures have five digits: two figures, not 310 | 455 | 315 000), where the full reading has a
bare group of three digits that could be cut off the figure before it.
"""
from __future__ import annotations

import re
from itertools import combinations

from flows.reports.layout.model import Column
from flows.reports.numbers import parse_number

_AMOUNT = ("actual", "budget", "revised_budget", "original_budget", "prior_year")


def _value(text: str) -> float | None:
    t = text.replace("−", "-").replace("–", "-").replace("%", "").strip()
    t = re.sub(r"^\((.*)\)$", r"-\1", t)
    t = re.sub(r"^-\s+", "-", t)
    return parse_number(t)


def _decimals(text: str) -> int:
    m = re.search(r",(\d+)\s*%?\s*$", text.strip())
    return len(m.group(1)) if m else 0


def _is_share(column: Column) -> bool:
    return column.scenario in ("variance_pct", "share_pct") or "%" in column.label


def _derived(columns: list[Column]) -> dict[int, tuple[str, int, int]]:
    """{derived column: (kind, amount column a, amount column b)}: the two amount columns before it."""
    out = {}
    for j, col in enumerate(columns):
        kind = "difference" if col.scenario == "variance" else "ratio" if col.scenario == "variance_pct" else None
        if kind is None:
            continue
        before = [i for i in range(j) if columns[i].scenario in _AMOUNT]
        if len(before) >= 2:
            out[j] = (kind, before[-2], before[-1])
    return out


def _tolerance(*texts: str) -> float:
    return max(0.5 * 10 ** -_decimals(t) for t in texts) * 2 + 1e-9


def _fits(kind: str, d: float, a: float | None, b: float | None, texts: tuple[str, ...]) -> bool:
    if kind == "difference":
        a, b = a or 0.0, b or 0.0
        return any(abs(d - x) <= _tolerance(*texts) for x in (a - b, b - a))
    if a is None or b is None or not a or not b:
        return False
    return any(abs(d - x) <= 0.6 for x in (100 * a / b, 100 * b / a))


def _holds(derived: tuple[str, int, int], j: int, full_rows: list[list[str]]) -> bool:
    """The derived column is what its head says in the table itself: in two rows at least that fill every
    column, and in every such row, it is the difference (or ratio) of the two amount columns before it."""
    kind, a, b = derived
    checked = 0
    for row in full_rows:
        v, av, bv = (_value(row[x]) if x < len(row) else None for x in (j, a, b))
        if v is None or av is None or bv is None:
            continue
        if not _fits(kind, v, av, bv, (row[j], row[a], row[b])):
            return False
        checked += 1
    return checked >= 2


def place(columns: list[Column], cells: list[str], full_rows: list[list[str]]) -> list[int] | None:
    """Indexes into `columns` for `cells` (fewer than the columns), or None unless exactly one placement fits."""
    n = len(columns)
    if not 0 < len(cells) < n or n > 10:
        return None
    decimals: dict[int, int] = {}
    shares: dict[int, bool] = {}
    for j in range(n):
        seen = {_decimals(r[j]) for r in full_rows if j < len(r) and r[j].strip()}
        if len(full_rows) >= 2 and len(seen) == 1:
            decimals[j] = seen.pop()
        printed = {"%" in r[j] for r in full_rows if j < len(r) and r[j].strip()}
        shares[j] = _is_share(columns[j]) or printed == {True}
    derived = {j: d for j, d in _derived(columns).items() if _holds(d, j, full_rows)}
    values = [_value(c) for c in cells]
    if any(v is None for v in values):
        return None
    standing = []
    for placement in combinations(range(n), len(cells)):
        at = dict(zip(placement, range(len(cells))))
        ok = True
        for j, k in at.items():
            if j in decimals and _decimals(cells[k]) != decimals[j]:
                ok = False
            if "%" in cells[k] and not shares[j]:
                ok = False
            if j in derived:
                kind, a, b = derived[j]
                av = values[at[a]] if a in at else None
                bv = values[at[b]] if b in at else None
                texts = tuple(cells[at[x]] for x in (j, a, b) if x in at)
                if not _fits(kind, values[k], av, bv, texts):
                    ok = False
        if ok:
            standing.append(list(placement))
    return standing[0] if len(standing) == 1 else None


def _digits(raw: str) -> int:
    return len(re.sub(r"\D", "", raw.split(",")[0]))


def _misfit(raw: tuple[str, ...] | list[str], magnitudes: list[float | None], placement: tuple[int, ...]) -> float:
    return sum(abs(_digits(r) - magnitudes[j]) for r, j in zip(raw, placement) if magnitudes[j] is not None)


def fewer_fits(full: tuple[str, ...] | list[str], fewer: tuple[str, ...] | list[str],
               magnitudes: list[float | None]) -> bool:
    """A reading of fewer figures sits the columns' usual sizes clearly better (by two digits at least) than the
    reading that fills every column, in every placement of the fewer figures."""
    n = len(magnitudes)
    if not 0 < len(fewer) < len(full) <= n or any(m is None for m in magnitudes):
        return False
    if not all(_digits(r) for r in [*full, *fewer]):
        return False  # dashes as empty cells: a matter of signs (`minus_cells`), not of sizes
    if not any(re.fullmatch(r"\d{3}", r.strip()) for r in full[1:]):
        return False  # only a bare group of three digits after a figure can be a thousands group cut off it
    full_misfit = _misfit(full, magnitudes, tuple(range(n)))
    worst = max(_misfit(fewer, magnitudes, p) for p in combinations(range(n), len(fewer)))
    return worst + 2 <= full_misfit
