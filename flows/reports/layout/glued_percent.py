"""A share or change in percent run into the figure before it by a text extraction, under a head that names a
percent column ("Regnskap 2031 Andel % Regnskap 2030 Andel %" over "Lønn 123 45645,2 % 118 23444,1 %": 123 456 and
45,2 %, 118 234 and 44,1 %).

A percent sign ends its figure, so "45,2 %118 234" is two cells wherever it stands (`numbers.split_label_and_values`
spaces it). Digits glued before a percent ("45645,2 %") are cut here, only where the head has a percent column: the
percent keeps at most three integer digits without a leading zero (at most 100 under a share column: "Andel",
"andel", "del av"), the digits before it end the figure before it (the thousands group it lacks, or a figure of
its own), and a cut is kept only where the row then reads as exactly as many cells as the head names, every
percent under a percent column (one group of digits: a percent is never grouped by thousands) and no percent under
another. A row is rewritten only when exactly one reading is
left; otherwise it is left as printed (and the table's usual reading leaves it out or keeps its columns unknown).
"""
from __future__ import annotations

import re
from itertools import product

from flows.reports.layout.model import Column
from flows.reports.numbers import candidate_splits, normalise_minus

_PERCENT_SCENARIOS = ("share_pct", "variance_pct")
_SHARE = re.compile(r"(?i)andel|\bdel av\b|share|\bandelen\b")
GLUED_PERCENT = re.compile(r"(?<![\d.,])-?\d{4,}(?:,\d+)?%")  # four digits or more before a percent sign
_MAX_READINGS = 256


def percent_columns(columns: list[Column]) -> list[bool]:
    """For every value column (notes left out): does its head name a percent?"""
    return [c.scenario in _PERCENT_SCENARIOS or "%" in c.label for c in columns if not c.note]


def _options(token: str, share: bool) -> list[list[str]]:
    """The ways to read one token: as printed, or a glued percent cut into the digits before it and the percent."""
    m = re.fullmatch(r"(-?)(\d+)((?:,\d+)?%)", token)
    if not m or not GLUED_PERCENT.fullmatch(token):
        return [[token]]
    sign, digits, tail = m.groups()
    out = []
    for cut in range(1, len(digits)):
        head, pct = digits[:cut], digits[cut:]
        if len(pct) > 3 or (pct.startswith("0") and pct != "0") or (share and float(pct + tail.rstrip("%").replace(",", ".")) > 100):
            continue
        out.append([sign + head, pct + tail])
    return out


def split_glued_percent(values: str, columns: list[Column]) -> str | None:
    """The row's value text with every glued percent cut off the figure before it, its cells apart by gaps, when
    the head's percent columns allow exactly one reading; None when nothing is glued or the row reads several ways
    or none."""
    flags = percent_columns(columns)
    if not any(flags):
        return None
    text = re.sub(r"(?<=\d)\s+%", "%", normalise_minus(values))
    if not GLUED_PERCENT.search(text):
        return None
    share = any(_SHARE.search(c.label) or c.scenario == "share_pct" for c in columns if not c.note)
    tokens = text.split()
    choices = [_options(t, share) for t in tokens]
    if any(not c for c in choices):
        return None
    found: set[tuple[str, ...]] = set()
    for n, combo in enumerate(product(*choices)):
        if n >= _MAX_READINGS:
            return None
        for r in candidate_splits(" ".join(w for part in combo for w in part), len(flags)):
            if all(raw.endswith("%") == pct and not (pct and " " in raw) for raw, pct in zip(r.raw, flags)):
                found.add(r.raw)
    if len(found) != 1:
        return None
    return "  ".join(found.pop())
