"""Figures run together: the ways a row's digit groups can be cut into numbers, and the table's own
arithmetic that decides between them.

A web extraction that drops the cell boundaries prints "314 200 90514 000 000" for 14 200 905 | 14 000 000
under a note 3, or "4123456789" for 123 | 456 | 789 under a note 4. A space is then only ever a thousands
separator inside a figure, so a figure is a leading group of 1-3 digits (never a leading zero, except "0"
itself), groups of exactly three after single spaces, and a decimal part after a comma; a dash before a digit
is a minus, a dash before a dash or at the end is an empty cell. `readings` lists every cut of a value text
into exactly n figures (with a 1-2 digit note before them when the table has a note column). A `BREAK` mark in
the text is a known cell boundary (a line break the row's figures were printed across: "14 030" / "13 620"):
every figure lies wholly on one side of it, and each side holds one figure at least.

`resolve` decides between the readings of a table's rows with evidence the table carries itself, never with
a preference for one reading shape:
- decimals: a column prints a fixed number of decimals (learned from rows that read one way);
- a variance column equals the difference of two other columns;
- sums: a row equals the sum of the rows right above it, or right below it (rows a sum already covers count
  as that sum; of two rows, also their difference), in every column at once, within the rounding of its terms.
A row the evidence leaves with several readings keeps only the columns all its readings agree on; the rest is
reported as ambiguous, never guessed.
"""
from __future__ import annotations

import itertools
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache

from flows.reports.numbers import _GAP_MARK as BREAK
from flows.reports.numbers import parse_number

_NOTE = re.compile(r"\d{1,2}(?:, ?\d{1,2})*")
_MAX_READINGS = 400
_MAX_COMBOS = 4000  # combinations of readings one equation may try ...
_BUDGET = 10000  # ... and one table in all
_MAX_WINDOW = 14


@dataclass(frozen=True)
class Reading:
    """One cut of a row's value text: the note (when any) and n printed figures ("-" is an empty cell)."""

    note: str | None
    figures: tuple[str, ...]
    values: tuple[float, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "values", tuple(value_of(f) for f in self.figures))


def value_of(figure: str) -> float:
    """The value of a printed figure; an empty cell ("-") counts 0 in sums."""
    if figure == "-":
        return 0.0
    value = parse_number(figure)
    if value is None:
        raise ValueError(f"not a figure: {figure!r}")
    return value


def decimals(figure: str) -> int:
    return len(figure.split(",")[1]) if "," in figure else 0


def readings(text: str, n: int, *, note: bool = False) -> list[Reading]:
    """Every cut of `text` (figures run together, spaces only inside figures) into exactly n figures;
    with `note`, also every cut whose first piece is a note number ("1", "21", "4, 12")."""
    text = " ".join(text.split())
    if n <= 0 or not text:
        return []
    out: list[Reading] = [Reading(None, f) for f in cuts(text, n)]
    if note:
        for m in _notes(text):
            rest = text[m:]
            if rest.startswith(" "):
                continue  # a space stands inside a figure, never after a note
            out += [Reading(text[:m].strip(), f) for f in cuts(rest, n)]
    return out[:_MAX_READINGS]


def _notes(text: str) -> list[int]:
    """End positions of the note numbers a text can start with."""
    ends = []
    for k in range(1, min(len(text), 12) + 1):
        if _NOTE.fullmatch(text[:k]) and not text[:k].endswith(" "):
            ends.append(k)
    return ends


@lru_cache(maxsize=4096)
def cuts(text: str, n: int, limit: int = _MAX_READINGS) -> tuple[tuple[str, ...], ...]:
    """Every cut of `text` into exactly n figures of the number grammar (`_figure_ends`), in the order of the
    first figure's end, then the next's; at most `limit` cuts (the first ones in that order). The parts between
    `BREAK` marks are cut apart, one figure at least each."""
    if BREAK in text:
        parts = [" ".join(p.split()) for p in text.split(BREAK)]
        if not all(parts):
            return ()
        out_parts: list[tuple[str, ...]] = []

        def spread(k: int, left: int, acc: tuple[str, ...]) -> None:
            if len(out_parts) >= limit:
                return
            if k == len(parts):
                if left == 0:
                    out_parts.append(acc)
                return
            for m in range(1, left - (len(parts) - k - 1) + 1):
                for piece in cuts(parts[k], m, limit):
                    spread(k + 1, left - m, acc + piece)

        spread(0, n, ())
        return tuple(out_parts)

    @lru_cache(maxsize=None)
    def go(pos: int, left: int) -> tuple[tuple[str, ...], ...]:
        if pos == len(text):
            return ((),) if left == 0 else ()
        if left == 0:
            return ()
        out: list[tuple[str, ...]] = []
        for end in _figure_ends(text, pos):
            for rest in go(end, left - 1):
                out.append((text[pos:end],) + rest)
                if len(out) >= limit:
                    return tuple(out)
        return tuple(out)

    return go(0, n)


def _figure_ends(text: str, pos: int) -> list[int]:
    """Where a figure starting at `pos` can end: a minus ("-", or "- " detached from the digits), a leading
    group of 1-3 digits, groups of three after one kind of separator (a space, or a dot: "1.234.567"), a decimal
    part after a comma, and a percent sign ("12,5 %")."""
    n = len(text)
    if text[pos] == "-" and (pos + 1 == n or text[pos + 1] == "-"):
        return [pos + 1]  # an empty cell
    i = pos
    if text[i] == "-":
        i += 2 if text[i + 1:i + 2] == " " else 1  # a space never stands between figures: "- 6 279" is -6 279
    if i >= n or not text[i].isdigit():
        return []
    ends: list[int] = []
    heads = [1] if text[i] == "0" else [1, 2, 3]
    for h in heads:
        j = i + h
        if j > n or not text[i:j].isdigit():
            break
        # thousands groups: a separator followed by three digits is always taken (a space never stands between
        # figures, a dot is never a decimal point); one figure uses one separator
        sep = text[j] if j < n and text[j] in " ." else None
        while j < n and text[j] in " .":
            if text[j] == sep and j + 4 <= n and text[j + 1:j + 4].isdigit() and text[i] != "0":
                j += 4
            else:
                j = -1
                break
        if j < 0:
            continue
        if j < n and text[j] == ",":
            k = j + 1
            while k < n and text[k].isdigit():
                k += 1
                ends += _percent(text, k)
            continue
        ends += _percent(text, j)
    return ends


def _percent(text: str, j: int) -> list[int]:
    """The end of a figure whose digits end at j: after its percent sign when it has one; never before a space
    (a space never stands between figures)."""
    if text[j:j + 1] == "%":
        return [j + 1]
    if text[j:j + 2] == " %":
        return [j + 2]
    if j == len(text) or text[j] != " ":
        return [j]
    return []


# --- deciding between readings -----------------------------------------------------------------------------


@dataclass
class Decision:
    """What a row's readings come to: the one reading, or the columns all of them agree on."""

    reading: Reading | None
    agreed: dict[int, str] = field(default_factory=dict)  # column -> figure, when the reading is not decided
    candidates: int = 0  # readings left when undecided (0: the row cuts no way into n figures)


def resolve(rows: list[list[Reading]], *, variance: list[tuple[int, int, int]] = (),
            comparable: list[int] = ()) -> list[Decision]:
    """Decide each row's reading with the table's evidence; `variance` lists (variance column, a, b): the
    variance equals a - b or b - a; `comparable` lists the columns that measure one thing in a row (years,
    accounts and budgets of one line), whose figures in a row are of one order of magnitude."""
    cands = [_dedupe(r) for r in rows]
    cands = [_by_variance(c, variance) for c in cands]
    cands = _by_decimals(cands)
    budget = [_BUDGET]
    cands = _by_sums(cands, list(comparable), budget)
    cands = _by_sums(cands[::-1], list(comparable), budget)[::-1]  # a row that sums the rows right below it ("Inntekter" over its parts)
    cands = [_by_magnitude(c, list(comparable)) for c in cands]
    out = []
    for c in cands:
        if len(c) == 1:
            out.append(Decision(c[0]))
            continue
        agreed = {}
        if c:
            for j, fig in enumerate(c[0].figures):
                if all(r.figures[j] == fig for r in c[1:]):
                    agreed[j] = fig
        out.append(Decision(None, agreed, len(c)))
    return out


def _dedupe(rs: list[Reading]) -> list[Reading]:
    seen, out = set(), []
    for r in rs:
        if r not in seen:
            seen.add(r)
            out.append(r)
    return out


def _by_variance(cands: list[Reading], variance: list[tuple[int, int, int]]) -> list[Reading]:
    if len(cands) <= 1 or not variance:
        return cands
    kept = [r for r in cands if all(_variance_holds(r.figures, v, a, b) for v, a, b in variance)]
    return kept or cands


def _variance_holds(figures: tuple[str, ...], v: int, a: int, b: int) -> bool:
    if max(v, a, b) >= len(figures) or "-" in (figures[a], figures[b], figures[v]):
        return False
    unit = 10.0 ** -max(decimals(figures[v]), 0)
    diff = value_of(figures[a]) - value_of(figures[b])
    return abs(abs(value_of(figures[v])) - abs(diff)) <= unit + 1e-9


def _by_decimals(cands: list[list[Reading]]) -> list[list[Reading]]:
    """A column prints one number of decimals: the rows that read one way tell it."""
    sure = [c[0] for c in cands if len(c) == 1]
    width = max((len(r.figures) for c in cands for r in c), default=0)
    known: dict[int, int] = {}
    for j in range(width):
        seen = {decimals(r.figures[j]) for r in sure if j < len(r.figures) and r.figures[j] != "-"}
        if len(seen) == 1:
            known[j] = seen.pop()
    out = []
    for c in cands:
        if len(c) > 1 and known:
            fit = [r for r in c if all(decimals(f) == known[j] for j, f in enumerate(r.figures) if j in known and f != "-")]
            c = fit or c
        out.append(c)
    return out


def _by_sums(cands: list[list[Reading]], comparable: list[int] = (), budget: list[int] | None = None
             ) -> list[list[Reading]]:
    """Rows that equal the sum of the rows above them narrow the readings of every row in the equation."""
    cands = [list(c) for c in cands]
    budget = budget if budget is not None else [_BUDGET]
    covers: dict[int, int] = {}  # row -> first row of the run it sums
    for _ in range(4):
        changed = False
        for t in range(len(cands)):
            if t in covers or not cands[t]:
                continue
            items = _items_above(t, covers)
            for size in range(2, min(len(items), _MAX_WINDOW) + 1):
                window = items[:size]
                if any(not cands[k] for k in window):
                    break
                fits = _fitting(cands, t, window, comparable, budget)
                if fits is None:
                    continue
                for k, allowed in fits.items():
                    if len(allowed) < len(cands[k]):
                        cands[k] = [r for r in cands[k] if r in allowed]
                        changed = True
                if all(len(cands[k]) == 1 for k in window + [t]):
                    covers[t] = min(_first_row(k, covers) for k in window)
                break
        if not changed:
            break
    return cands


def _first_row(k: int, covers: dict[int, int]) -> int:
    return covers.get(k, k)


def _items_above(t: int, covers: dict[int, int]) -> list[int]:
    """The rows above t nearest first, a row that is a sum standing for the rows it covers."""
    out, k = [], t - 1
    while k >= 0:
        out.append(k)
        k = covers[k] - 1 if k in covers else k - 1
    return out


def _fitting(cands: list[list[Reading]], t: int, window: list[int], comparable: list[int] = (),
             budget: list[int] | None = None) -> dict[int, set[Reading]] | None:
    """For each row of the equation "row t = sum of the window" (a window of two: also their difference), the
    readings that take part in a solution; None when no combination of readings solves it or the equation says
    nothing (a run of empty rows). Where several solutions exist (one row's leading digit moved to another's),
    the one whose figures stand clearly nearest the magnitude of their rows wins."""
    rows = window + [t]
    open_rows = [k for k in rows if len(cands[k]) > 1]
    total = 1
    for k in open_rows:
        total *= len(cands[k])
    if total > _MAX_COMBOS:
        return None
    budget = budget if budget is not None else [_BUDGET]
    width = len(cands[t][0].figures)
    if any(len(r.figures) != width for k in rows for r in cands[k]):
        return None
    signs = [(1,) * len(window)] + ([(1, -1), (-1, 1)] if len(window) == 2 else [])
    # the columns every reading of every row agrees on settle most equations before any combination is tried
    fixed = [j for j in range(width) if all(len({r.figures[j] for r in cands[k]}) == 1 for k in rows)]
    if fixed:
        first = [cands[k][0] for k in rows]
        signs = [sign for sign in signs if _columns_sum(first[:-1], first[-1], sign, fixed)]
        if not signs:
            return None
    budget[0] -= total
    if budget[0] < 0:
        return None  # the table's search is spent: the rows it did not reach stay as the other evidence left them
    solutions: list[dict[int, Reading]] = []
    # the first column the readings disagree on rejects nearly every combination: tried before the full check
    probe = next((j for j in range(width) if j not in fixed), 0)
    sign_of = {k: i for i, k in enumerate(rows)}
    base = {sign: sum(sign[sign_of[k]] * cands[k][0].values[probe] for k in window if k not in open_rows)
            for sign in signs}
    target_fixed = cands[t][0].values[probe] if t not in open_rows else None
    slack = 10.0 ** -max(decimals(r.figures[probe]) for k in rows for r in cands[k]) * max(1.0, len(window) / 2) + 1e-9
    for combo in itertools.product(*[cands[k] for k in open_rows]):
        pick = dict(zip(open_rows, combo))
        target = target_fixed if target_fixed is not None else pick[t].values[probe]
        near = [sign for sign in signs if abs(base[sign] + sum(sign[sign_of[k]] * r.values[probe] for k, r in pick.items()
                                                                 if k != t) - target) <= slack]
        if not near:
            continue
        chosen = [pick.get(k, cands[k][0]) for k in rows]
        if any(_sums(chosen[:-1], chosen[-1], sign) for sign in near):
            solutions.append(pick)
    if not solutions:
        return None
    if len(solutions) > 1 and comparable:
        ranked = sorted((sum(_misfit(r, cands[k], comparable) for k, r in pick.items()), n)
                        for n, pick in enumerate(solutions))
        if ranked[1][0] - ranked[0][0] >= _CLEAR:
            solutions = [solutions[ranked[0][1]]]
    allowed: dict[int, set[Reading]] = {k: set() for k in open_rows}
    for pick in solutions:
        for k, r in pick.items():
            allowed[k].add(r)
    return allowed


_CLEAR = 0.7  # a factor of five between the magnitudes two readings give a row: clearly apart


def _misfit(reading: Reading, others: list[Reading], comparable: list[int]) -> float:
    """How far the figures this reading gives a row stand from the order of magnitude of the row's figures that
    every reading shares (in comparable columns): the sum of |log10| distances to their median."""
    shared = [j for j in comparable if j < len(reading.figures) and all(r.figures[j] == reading.figures[j] for r in others)]
    ref = sorted(abs(reading.values[j]) for j in shared if reading.values[j] != 0)
    if not ref:
        return 0.0
    mid = ref[len(ref) // 2]
    return sum(abs(math.log10(abs(reading.values[j])) - math.log10(mid))
               for j in comparable if j < len(reading.figures) and j not in shared and reading.values[j] != 0)


def _by_magnitude(cands: list[Reading], comparable: list[int]) -> list[Reading]:
    """A row no equation decides: the reading whose figures are of the magnitude of the row's other figures, when
    it is close to them and every other reading is clearly farther."""
    if len(cands) <= 1 or not comparable:
        return cands
    ranked = sorted((_misfit(r, cands, comparable), n) for n, r in enumerate(cands))
    if ranked[0][0] <= 0.5 and ranked[1][0] - ranked[0][0] >= _CLEAR:
        return [cands[ranked[0][1]]]
    return cands


def _sums(parts: list[Reading], total: Reading, signs: tuple[int, ...] | None = None) -> bool:
    """The total equals the parts in every column, within the rounding of the parts; at least two parts and
    the total print figures (an equation of empty cells proves nothing)."""
    if sum(any(f != "-" and value_of(f) != 0 for f in p.figures) for p in parts) < 2:
        return False
    if not any(f != "-" and value_of(f) != 0 for f in total.figures):
        return False
    return _columns_sum(parts, total, signs or (1,) * len(parts), range(len(total.figures)))


def _columns_sum(parts: list[Reading], total: Reading, signs: tuple[int, ...], columns) -> bool:
    for j in columns:
        fig = total.figures[j]
        unit = 10.0 ** -max([decimals(fig)] + [decimals(p.figures[j]) for p in parts])
        tol = unit * max(1.0, len(parts) / 2)
        if abs(sum(sg * p.values[j] for sg, p in zip(signs, parts)) - value_of(fig)) > tol + 1e-9:
            return False
    return True
