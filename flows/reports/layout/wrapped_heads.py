"""Column heads of per-unit budget/accounts tables whose words wrap onto a second line, read as text:
"Tjenesteområde Regnskap Revidert Avvik Forbruk" over "2022 budsjett 2022 i %" is Regnskap 2022 | Revidert
budsjett 2022 | Avvik | Forbruk i %: the lower line continues some of the upper heads, not all of them, so its
parts cannot be dealt out by count.

The lower line is cut into parts: a run of lower-case words with the year or "%" that ends it ("budsjett 2022",
"i %"), or a year alone. Every order-keeping way to hang the parts under the upper heads is weighed: a head that
cannot stand alone ("Revidert", "Justert", "Forbruk", "Förbrukning", "Korrigeret") left without a part costs 2,
a continuation in lower case under a head that stands alone ("Avvik") costs 1, a year under a head that prints
one, or a part that makes no known head of its head, rules the way out. The heads are read only when exactly
one way costs least.
"""
from __future__ import annotations

import re
from itertools import combinations

from flows.reports.layout.headers import YEAR_RE, make_column, scenario_of, years_in
from flows.reports.layout.model import Column

_INCOMPLETE = re.compile(
    r"(?i)^(?:revidert|justert|regulert|opprinnelig|opphavleg|vedtatt|vedteke|endelig|forbruk|forbrukt|forbruks"
    r"|forbrug|förbrukning|förbrukat|korrigeret|oprindeligt?|vedtaget|reviderad|justerad|ursprunglig|andel)$")
_MAX_HEADS = 9


def _parts(text: str) -> list[str] | None:
    words = text.split()
    parts: list[str] = []
    run: list[str] = []
    for w in words:
        if YEAR_RE.fullmatch(w) or w in ("%", "(%)"):
            parts.append(" ".join(run + [w]))
            run = []
        elif re.fullmatch(r"[a-zæøåäöü][\w.\-]*", w):
            run.append(w)
        else:
            return None
    if run:
        parts.append(" ".join(run))
    if not any(p[:1].islower() for p in parts):
        return None  # years only: `stacked_heads` deals them out
    return parts


def _heads(text: str) -> list[str]:
    """The upper heads: each starts with a capital ("Regnskap", "Revidert", "Forbruk"), words in lower case go on
    the head before them; the label column's name before the first head that names figures is no head."""
    heads: list[str] = []
    for w in text.split():
        if heads and (w[:1].islower() or w in ("%", "(%)")):
            heads[-1] = f"{heads[-1]} {w}"
        else:
            heads.append(w)
    while heads and scenario_of(heads[0]) == "other" and not _INCOMPLETE.match(heads[0]) and not years_in(heads[0]):
        heads = heads[1:]
    return heads


def _cost(head: str, part: str | None) -> float | None:
    if part is None:
        return 2.0 if _INCOMPLETE.match(head) else 0.0
    if years_in(head) and years_in(part):
        return None
    joined = f"{head} {part}"
    if scenario_of(joined) == "other" and not years_in(joined):
        return None
    if part[:1].islower() and not _INCOMPLETE.match(head):
        return 1.0
    if not part[:1].islower() and scenario_of(head) in ("variance", "variance_pct", "share_pct"):
        return 1.0  # a year under a difference head
    return 0.0


def wrapped_columns(upper: str, lower: str) -> list[Column] | None:
    """The columns of two head lines whose lower line continues some upper heads, or None."""
    parts = _parts(" ".join(lower.split()))
    if not parts:
        return None
    heads = _heads(upper)
    if not 2 <= len(heads) <= _MAX_HEADS or len(parts) > len(heads) or any(_parts(h) for h in heads):
        return None
    best: list[tuple[float, list[str]]] = []
    for placement in combinations(range(len(heads)), len(parts)):
        at = dict(zip(placement, parts))
        costs = [_cost(h, at.get(j)) for j, h in enumerate(heads)]
        if any(c is None for c in costs):
            continue
        best.append((sum(costs), [f"{h} {at[j]}" if j in at else h for j, h in enumerate(heads)]))
    if not best:
        return None
    best.sort(key=lambda b: b[0])
    if len(best) > 1 and best[1][0] == best[0][0]:
        return None
    return [make_column(label) for label in best[0][1]]
