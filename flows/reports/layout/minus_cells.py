"""Rows where a minus sign is the only break between two cells ("Helse og omsorg 14,8 13,4-1,4-10,5 %",
"Ny barnehage 312 450-12 300-3,9"): a web extraction dropped the space before a negative figure. A minus that
directly follows a digit (or a "%") cannot be a thousands separator or a decimal, so it starts a new cell; the
spaces elsewhere still both group thousands and separate cells.

The reader cuts such a row by the header's column count. Where the table names a variance column (avvik = a - b)
or a variance percent (avvik % = avvik / budget) that the table's rows without a glued minus bear out,
`settle_rows` checks that cut with the arithmetic: the row may also
print one cell fewer than the header names ("312 450-12 300-3,9" under Budsjett | Regnskap | Avvik | Avvik %:
the accounts cell is missing, and only budget 312 450 with -12 300 gives -3,9 %). Every cut into n cells, and
every cut into n - 1 cells placed with one column empty, is a reading; a reading that breaks a check it can be
held to is out. One reading standing: its cells. Several: only the cells every one of them puts in the same
column, with a warning naming page and line. A cut the arithmetic confirms is left as the reader made it.
"""
from __future__ import annotations

from flows.reports.layout.arithmetic import variance_columns
from flows.reports.layout.model import Column
from flows.reports.numbers import GLUED_MINUS, candidate_splits, has_cell_gaps, parse_number

_BASES = ("budget", "revised_budget", "original_budget")


def breaks_at_minus(values: str) -> bool:
    """A value text where a minus stands right after a figure ("13,4-1,4"), with no gaps between cells."""
    return bool(GLUED_MINUS.search(values)) and not has_cell_gaps(values)


def _num(raw: str) -> float | None:
    return parse_number(raw.replace("%", "").strip()) if raw else None


def _unit(raw: str) -> float:
    """Half a unit of the last printed digit: the rounding a printed figure carries."""
    core = raw.replace("%", "").strip()
    dec = len(core.split(",")[1]) if "," in core else 0
    return 0.5 * 10 ** -dec


def _checks(columns: list[Column]) -> tuple[list[tuple[int, int, int]], list[tuple[int, int, list[int]]]]:
    """(variance checks (v, a, b), percent checks (p, v, candidate base columns))."""
    variance = variance_columns(columns)
    percent = []
    for p, col in enumerate(columns):
        if col.scenario != "variance_pct":
            continue
        v = next((j for j in range(p - 1, -1, -1) if columns[j].scenario == "variance"), None)
        if v is None:
            continue
        triple = next((t for t in variance if t[0] == v), None)
        # avvik % of the budget; a change in percent of either amount when no budget is named
        bases = [j for j in (triple[1:] if triple else ()) if columns[j].scenario in _BASES] \
            or [j for j in range(v) if columns[j].scenario in _BASES] or list(triple[1:] if triple else ())
        if bases:
            percent.append((p, v, bases))
    return variance, percent


def _verdict(cells: list[str], variance, percent) -> tuple[int, int]:
    """(checks held, checks broken) by one reading; cells "" are empty. A missing budget is found from the
    variance and the accounts when the variance check names both (either sign convention)."""
    vals = [_num(c) for c in cells]
    held = broken = 0
    for v, a, b in variance:
        if vals[v] is None or vals[a] is None or vals[b] is None:
            continue
        tol = _unit(cells[v]) + _unit(cells[a]) + _unit(cells[b]) + 1e-9
        if abs(abs(vals[v]) - abs(vals[a] - vals[b])) <= tol and (vals[a] == vals[b] or vals[v] != 0):
            held += 1
        else:
            broken += 1
    for p, v, bases in percent:
        if vals[p] is None or vals[v] is None:
            continue
        options = [vals[j] for j in bases if vals[j] is not None]
        triple = next((t for t in variance if t[0] == v), None)
        if not options and triple and (vals[triple[1]] is None) != (vals[triple[2]] is None):
            known = vals[triple[1]] if vals[triple[1]] is not None else vals[triple[2]]
            options = [known + vals[v], known - vals[v]]  # the missing budget, either sign convention
        options = [o for o in options if o]
        if not options:
            continue
        tol = _unit(cells[p]) + 1e-9
        if any(abs(abs(vals[p]) - abs(100 * vals[v] / o)) <= tol + abs(100 * vals[v] / o) * 1e-3 for o in options):
            held += 1
        else:
            broken += 1
    return held, broken


def _readings(values: str, n: int) -> list[list[str]]:
    """Every cut into n cells, and every cut into n - 1 cells with one column left empty."""
    out: list[list[str]] = []
    seen: set[tuple[str, ...]] = set()
    for split in candidate_splits(values, n, allow_fewer=True):
        raw = list(split.raw)
        if split.note is not None:
            continue
        if len(raw) == n:
            placed = [raw]
        elif len(raw) == n - 1:
            placed = [[raw[k - (k > gap)] if k != gap else "" for k in range(n)] for gap in range(n)]
        else:
            continue
        for cells in placed:
            key = tuple(cells)
            if key not in seen:
                seen.add(key)
                out.append(cells)
    return out


def _trusted(columns: list[Column], rows: dict[int, tuple[str, list[str] | None]]):
    """The checks the table's other rows bear out: a check that a row reading one way breaks (the variance of
    columns that are no difference of the two before it, a percent of another base) is not the table's."""
    variance, percent = _checks(columns)
    n = len(columns)
    sure = [chosen for values, chosen in rows.values()
            if chosen is not None and len(chosen) == n and not breaks_at_minus(values)
            and not any(c.startswith("?:") for c in chosen) and len(candidate_splits(values, n)) == 1]
    variance = [c for c in variance if not any(_verdict(cells, [c], [])[1] for cells in sure)]
    percent = [c for c in percent if not any(_verdict(cells, [], [c])[1] for cells in sure)]
    return variance, percent


def settle_rows(columns: list[Column], rows: dict[int, tuple[str, list[str] | None]]
                ) -> dict[int, tuple[list[str], bool]]:
    """{row key: (cells, doubt)} for the rows (key -> (value text, the reader's own cut or None)) whose cells a
    glued minus separates and whose cut the table's arithmetic changes: one cell per value column, "" empty.
    Rows the checks confirm, rows without a glued minus and tables without a check are not in the result."""
    n = len(columns)
    if n < 2 or not any(breaks_at_minus(values) for values, _ in rows.values()):
        return {}
    variance, percent = _trusted(columns, rows)
    if not variance and not percent:
        return {}
    out: dict[int, tuple[list[str], bool]] = {}
    judged_rows = {key: [(cells, *_verdict(cells, variance, percent)) for cells in _readings(values, n)]
                   for key, (values, _) in rows.items() if breaks_at_minus(values)}
    if not any(held and not broken for judged in judged_rows.values() for _, held, broken in judged) and not any(
            _verdict(chosen, variance, percent)[0] for values, chosen in rows.values()
            if chosen is not None and len(chosen) == n and not any(c.startswith("?:") for c in chosen)):
        return {}  # no row of the table, read any way, bears the checks out: they are not the table's arithmetic
    for key, (values, chosen) in rows.items():
        if not breaks_at_minus(values):
            continue
        plain = chosen is not None and len(chosen) == n and not any(c.startswith("?:") for c in chosen)
        if plain:
            held, broken = _verdict(chosen, variance, percent)
            if held and not broken:
                continue
        judged = judged_rows[key]
        standing = [cells for cells, held, broken in judged if held and not broken]
        if not standing:  # nothing the arithmetic confirms: the full cuts it does not refute
            standing = [cells for cells, held, broken in judged if not broken and all(cells)]
        if len(standing) == 1:
            if standing[0] != chosen:
                out[key] = (standing[0], False)
            continue
        if not standing:
            out[key] = ([""] * n, True)
            continue
        agreed = [col[0] if len(set(col)) == 1 else "" for col in zip(*standing)]
        out[key] = (agreed, True)
    return out
