"""The arithmetic a table's columns promise, as proof for reading a flattened row: a change or variance column
("Endring 2022-2023", "Avvik") is the difference of two of the row's amount columns. Where spaces both group
thousands and separate cells ("317 973 -128 318 101 31 341"), the reading whose figures keep that promise is the
one the typesetter printed (`numbers.candidate_splits` takes it as `identity`)."""
from __future__ import annotations

from itertools import combinations
from typing import Callable

from flows.reports.layout.model import Column

_LEVEL = {"actual", "budget", "revised_budget", "original_budget", "prior_year"}
_TOLERANCE = 2.0  # rounding of the printed figures


def column_identity(columns: list[Column]) -> Callable[[list[float]], bool] | None:
    """A check over the values of one row (in the order of the non-note columns), or None when the heads promise no
    arithmetic: every variance column equals, up to sign and rounding, the difference of two amount columns."""
    cols = [c for c in columns if not c.note]
    variance = [k for k, c in enumerate(cols) if c.scenario == "variance"]
    level = [k for k, c in enumerate(cols) if c.scenario in _LEVEL or (c.scenario == "other" and c.year)]  # "2019"
    if not variance or len(level) < 2:
        return None
    pairs = list(combinations(level, 2))

    def holds(values: list[float]) -> bool:
        if len(values) != len(cols):
            return False
        for v in variance:
            if not any(abs(abs(values[v]) - abs(values[a] - values[b])) <= _TOLERANCE for a, b in pairs):
                return False
        return any(values[k] for k in level)

    return holds
