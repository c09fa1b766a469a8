"""Rows of figures spaced by thousands under a head that names a variance column ("Budsjett-avvik", "Avvik",
"Endring"): the variance is the difference of the two amount columns before it (`arithmetic.variance_columns`),
so of the ways a row's digit groups cut into figures, the table keeps the ones its arithmetic allows.

"2 192 093 2 231 352 2 257 774 26 422" under Regnskap 2016 | Regnskap 2017 | Budsjett 2017 | Avvik reads one way;
"9 630 0 -9 630" reads as four figures two ways (9 630 | 0 | -9 | 630, 9 | 630 | 0 | -9 630), neither of them with
its avvik the difference of its budget and accounts: the row prints three figures, 9 630 | 0 | -9 630, and only in
the last three columns is the third the difference of the first two (the accounts of 2016 are the empty cell).

For each row, the cuts that hold every variance column: the readings into n figures, and the readings into n - 1
figures placed so that every variance holds (an empty amount counting nought, an empty variance cell holding only
where the difference is nought). Exactly one ->
that cut (the left-out column empty); none, where the row reads into n figures several ways and the table proves
its variance (rows that read one way hold it, two at least) -> the row is in doubt: the reader warns and places
none of its figures; otherwise the reader's own cut. A row that reads one way into n figures and does not hold the
variance is a row of fewer figures when exactly one placement of them holds it ("8 337 8 047 -290" is not
8 | 337 | 8 047 | -290).
The variance is taken for the table's own only when no row that reads one way contradicts it (a sign convention the
rows that read one way agree on is kept); a difference within the rounding of the printed figures (one unit of the
last printed digit and a half) holds. Rows with cells apart by gaps, shares, currency or parenthesised figures are
left to the reader.
"""
from __future__ import annotations

import re
from itertools import combinations

from flows.reports.layout.model import Column
from flows.reports.numbers import candidate_splits, has_cell_gaps, parse_number

_MAX_READINGS = 400


def _value(figure: str) -> float | None:
    if re.fullmatch(r"[-–—−]+", figure.strip()):
        return 0.0  # an empty cell printed as a dash
    return parse_number(figure)


def _decimals(figure: str) -> int:
    m = re.search(r",(\d+)", figure)
    return len(m.group(1)) if m else 0


def _holds(cells: list[str | None], v: int, a: int, b: int, signs: tuple[int, ...]) -> bool | None:
    """The variance cell v is the difference of the cells a and b (an empty amount cell counting nought), in one of
    the signs; None when the variance cell is empty or a figure cannot be read."""
    if cells[v] is None:
        return None
    fv = _value(cells[v])
    fa = _value(cells[a]) if cells[a] is not None else 0.0
    fb = _value(cells[b]) if cells[b] is not None else 0.0
    if fv is None or fa is None or fb is None:
        return None
    unit = 10.0 ** -max(_decimals(c) for c in (cells[v], cells[a], cells[b]) if c is not None)
    return any(abs(fv - s * (fb - fa)) <= 1.5 * unit + 1e-9 for s in signs)


def _readings(text: str, n: int, note: bool) -> dict[int, list[tuple[tuple[str, ...], str | None]]]:
    """{figure count: distinct (figures, note)} of the cuts of the row into n and n - 1 figures."""
    out: dict[int, list[tuple[tuple[str, ...], str | None]]] = {n: [], n - 1: []}
    for c in candidate_splits(text, n, allow_note=note, allow_fewer=True)[:_MAX_READINGS]:
        if len(c.raw) in out and (c.raw, c.note) not in out[len(c.raw)]:
            out[len(c.raw)].append((c.raw, c.note))
    return out


def decide(rows: dict[int, str], columns: list[Column], note: bool, prior: dict[int, list[str]] | None = None
           ) -> tuple[dict[int, tuple[list[str], str | None]], dict[int, tuple[list[str], str | None]], set[int]]:
    """({row key: (n cells, "" for an empty one; note)} for the rows the variance settles, {row key: (figures, note)}
    for the rows whose figures it settles but not their columns, {row keys in doubt}). `prior`: the cuts other
    arithmetic settled (sums, `arithmetic`); a row keeps its prior cut unless that cut breaks the variance in the sign
    the table's rows agree on."""
    from flows.reports.layout.arithmetic import variance_columns

    n = len(columns)
    variances = variance_columns(columns)
    if n < 3 or not variances:
        return {}, {}, set()
    keys = [k for k, v in rows.items() if v.strip() and not has_cell_gaps(v) and not re.search(r"[(%]|kr", v)]
    readings = {k: _readings(rows[k], n, note) for k in keys}

    def holds_all(cells: list[str | None], signs: tuple[int, ...]) -> bool:
        return all(_holds(cells, v, a, b, signs) is True for v, a, b in variances)

    blank_zero = {v for v, _, _ in variances}  # an empty variance cell holds where the difference is nought

    def cuts(k: int, signs: tuple[int, ...]) -> list[tuple[list[str], str | None]]:
        """The readings into n figures that hold every variance, then the readings into n - 1 figures placed so that
        every variance holds (an empty variance cell where the difference is nought)."""
        out = [(list(f), nt) for f, nt in readings[k][n] if holds_all(list(f), signs) and not _unproven_cut(f, variances)]
        for f, nt in readings[k][n - 1]:
            for at in combinations(range(n), n - 1):
                cells: list[str | None] = [None] * n
                for j, fig in zip(at, f):
                    cells[j] = fig
                if holds_all([c if c is not None else ("0" if j in blank_zero else None) for j, c in enumerate(cells)],
                             signs):
                    out.append(([c if c is not None else "" for c in cells], nt))
        return out

    # the sign of the variance: the rows that read one way under the arithmetic agree on it
    both = (1, -1)
    seen: list[set[int]] = []
    proofs = 0  # rows that read one way into n figures and hold the variance
    for k in keys:
        found = cuts(k, both)
        if len(found) == 1:
            seen.append({s for s in both if holds_all(list(found[0][0]), (s,))})
            proofs += len(readings[k][n]) == 1 and len(found[0][0]) == n and "" not in found[0][0]
        elif len(readings[k][n]) == 1 and not found and _checkable(list(readings[k][n][0][0]), variances):
            return {}, {}, set()  # a row that reads one way and holds the variance in no way: not the table's variance
    agreed = set.intersection(*seen) if seen else set(both)
    signs = tuple(sorted(agreed, reverse=True)) if agreed else both
    proven = proofs >= 2

    decided: dict[int, tuple[list[str], str | None]] = {}
    unplaced: dict[int, tuple[list[str], str | None]] = {}
    doubt: set[int] = set()
    for k in keys:
        if prior and k in prior and (len(prior[k]) != n or holds_all(list(prior[k]), signs)):
            continue
        full = readings[k][n]
        found = cuts(k, signs)
        if len(found) == 1:
            decided[k] = found[0]
            continue
        figures = {(tuple(c for c in cells if c), nt) for cells, nt in found}
        if len(figures) == 1 and not any(len([c for c in cells if c]) == n for cells, _ in found):
            # one set of figures, several placements ("105 105": accounts and variance, or budget and variance)
            f, nt = figures.pop()
            unplaced[k] = (list(f), nt)
        elif not found and len(full) > 1 and proven:
            doubt.add(k)
    return decided, unplaced, doubt


_LONE_HEAD = re.compile(r"-?[1-9]\d?")
_GROUP_TAIL = re.compile(r"\d{3}(?: \d{3})*(?:,\d+)?")


def _unproven_cut(figures: tuple[str, ...], variances: list[tuple[int, int, int]]) -> bool:
    """The reading cuts a figure printed with its thousands apart ("10 245" as 10 | 245) in columns no variance
    checks: the variance holding proves nothing of that cut, and the row may as well print the figure whole and leave
    a cell empty (`accounts._refuse_broken_figures` says the same of the accounts reader)."""
    checked = {c for triple in variances for c in triple}
    return bool(checked) and any(_LONE_HEAD.fullmatch(figures[j].strip()) and _GROUP_TAIL.fullmatch(figures[j + 1].strip())
               and not {j, j + 1} & checked for j in range(len(figures) - 1))


def _checkable(cells: list[str], variances: list[tuple[int, int, int]]) -> bool:
    """Every variance of a row of n figures can be checked (its figures read)."""
    return all(_holds(cells, v, a, b, (1, -1)) is not None for v, a, b in variances)
