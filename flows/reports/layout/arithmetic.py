"""Rows of a plain-text table whose figures read several ways ("Skatt 2 310 400 2 250 100 60 300" under a
note column: note 2 or not; "Resultat 412 050 -96 412 146 38 200": where the budget ends): the
table's own arithmetic decides, as for figures run together (`segment.resolve`: column decimals, a variance
column, rows that sum the rows above them, the row's magnitude among the solutions).

`decide` returns, for the rows the evidence settles, the figures and note to use; rows it does not settle are
left to the reader's usual choice. A note printed as a list ("1,14", "4, 12") before the figures is a note under
a note column, not a decimal figure.
"""
from __future__ import annotations

import re
from dataclasses import replace

from flows.reports.layout.model import Column
from flows.reports.numbers import candidate_splits, has_cell_gaps
from flows.reports.segment import Decision, Reading, resolve

_NOTE_LIST = re.compile(r"^(?P<note>\d{1,2}(?:, ?\d{1,2})+)\s+(?=-?\d)")
COMPARABLE = ("actual", "budget", "revised_budget", "original_budget", "prior_year")


def settle(cands: list[list[Reading]], columns: list[Column]) -> list[Decision]:
    """Each row's reading under these value columns, decided by the table's own arithmetic (`segment.resolve`):
    a variance column is the difference of the two value columns before it, and accounts, budgets and years of
    one line are of one order of magnitude."""
    return resolve(cands, variance=variance_columns(columns), comparable=_comparable_columns(columns))


def _comparable_columns(columns: list[Column]) -> list[int]:
    """Value columns that measure one thing in a row: accounts and budgets of one line, or years of it."""
    return [j for j, c in enumerate(columns) if c.scenario in COMPARABLE or (c.scenario == "other" and c.year)]


def variance_columns(columns: list[Column]) -> list[tuple[int, int, int]]:
    """(variance column, a, b): a variance column is the difference of the two value columns before it."""
    out = []
    for v, col in enumerate(columns):
        if col.scenario != "variance":
            continue
        before = [j for j in range(v) if columns[j].scenario not in ("variance", "variance_pct", "share_pct")]
        if len(before) >= 2:
            out.append((v, before[-2], before[-1]))
    return out


_PLAUSIBLE = 1.5  # readings scored this much worse than a row's best by typesetting alone are not candidates ...
_FEW = 8  # ... when a row reads more ways than this (sums over rows of many readings cannot be searched)


def _readings(values: str, n: int, note: bool) -> list[Reading]:
    """The plausible readings of a row into n figures: thousands grouping cuts a spaced row many ways
    ("486 344 | 310 444 ..." or "486 344 310 | 444 ..."); only those near the best by `candidate_splits`'
    typesetting score go to the arithmetic."""
    cands = [c for c in candidate_splits(values, n, allow_note=note) if len(c.raw) == n]
    listed = _NOTE_LIST.match(values) if note else None
    if listed:
        cands += [replace(c, note=listed.group("note")) for c in candidate_splits(values[listed.end():], n)
                  if len(c.raw) == n]
    best = min((c.score for c in cands), default=0.0)
    return [Reading(c.note, c.raw) for c in cands if len(cands) <= _FEW or c.score <= best + _PLAUSIBLE]


def decide(rows: dict[int, str], columns: list[Column], note: bool) -> dict[int, tuple[list[str], str | None]]:
    """{row key: (figures, note)} for the rows (key -> value text) whose reading the arithmetic settles: rows
    that read several ways and are narrowed to one, and rows only a listed note lets read at all."""
    n = len(columns)
    keys = [k for k, v in rows.items() if v and not has_cell_gaps(v) and not re.search(r"[(%]|kr", v)]
    if n < 2 or len(keys) < 2:
        return {}
    from flows.reports.layout.variance_rows import _unproven_cut

    variances = variance_columns(columns)
    try:
        # a reading that cuts a figure printed with its thousands apart ("10 245" as 10 | 245) where no variance checks
        # it is never the arithmetic's to prove: the row may print the figure whole and leave a cell empty
        cands = [[r for r in _readings(rows[k], n, note) if not _unproven_cut(r.figures, variances)] for k in keys]
        keys, cands = [k for k, c in zip(keys, cands) if c], [c for c in cands if c]
        if len(keys) < 2:
            return {}
        if not any(len(c) > 1 for c in cands) and not any(_NOTE_LIST.match(rows[k]) for k in keys):
            return {}
        decisions = settle(cands, columns)
    except ValueError:
        return {}  # a figure the arithmetic cannot read: the reader's usual choice stands
    out = {}
    for k, c, d in zip(keys, cands, decisions):
        if d.reading is None:
            continue
        if len(c) > 1 or (note and _NOTE_LIST.match(rows[k])):
            out[k] = (list(d.reading.figures), d.reading.note)
    return out
