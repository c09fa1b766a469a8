"""Column heads printed over two lines, read as text: the upper line names the scenarios, the lower one the years
or periods ("Regnskap Budsjett" over "2019 2019"; "Revidert 2021 Budsjett 2022 Økonomiplan" over "2023 2024 2025";
"Regnskap Budsjett Regnskap i fjor" over "1. tertial 1. tertial 1. tertial"), also when a text extraction ran both
lines into one ("Regnskap Budsjett 2019 2019"). Without positions the lower line's parts are distributed by count
over the upper line's open heads (those printing no year of their own):
- as many parts as open heads: one each, in order;
- as many parts as heads, none of them printing a year: one each;
- as many parts as open amount heads (not avvik/%): one each, the derived heads print none;
- one open head, the last, with several parts: a group head ("Økonomiplan") over all of them.
Any other count is left to the ordinary header reader (None)."""
from __future__ import annotations

import re

from flows.reports.layout.headers import SPAN_RE, YEAR_RE, make_column, scenario_of, split_header, years_in
from flows.reports.layout.model import Column

_DERIVED = ("variance", "variance_pct", "share_pct")
_UNIT_YEAR = re.compile(rf"^\s*(?:{SPAN_RE.pattern}\s*)+$")


def lower_parts(text: str) -> list[str] | None:
    """The parts of a lower head line: its years (or periods of years), or one phrase repeated ("1. tertial" three
    times); None when the line is neither."""
    text = " ".join(text.split())
    if not text:
        return None
    if _UNIT_YEAR.match(text):
        return [m.group(0) for m in SPAN_RE.finditer(text)]
    words = text.split()
    if any(scenario_of(w) != "other" for w in words):
        return None
    for width in range(1, min(4, len(words) // 2) + 1):
        if len(words) % width:
            continue
        chunks = [" ".join(words[k:k + width]) for k in range(0, len(words), width)]
        if len(set(chunks)) == 1:
            return chunks
    return None


def _years_only(text: str) -> str:
    """The years of a lower head line that prints the label column's head or the scale before them ("Tall i 1000 kr
    2022 2022 2021", "Tjenesteområde 2022 2021"); "" when anything but years follows the first year."""
    from flows.reports.layout.headers import _strip_scale

    text = " ".join(_strip_scale(text).split())
    first = SPAN_RE.search(text)
    if not first or re.search(r"\d", text[:first.start()]):
        return ""
    rest = text[first.start():]
    return rest if _UNIT_YEAR.match(rest) else ""


def combine(upper: str, lower: list[str], *, group: bool = True) -> list[Column] | None:
    """Columns of `upper` (scenario heads) completed with the `lower` parts by count, or None. `group`: a last open
    head may take several parts (off for a run-on line whose only head is that one: "Regnskap 2019 2020 2021" may
    be a plan's years after one year of accounts)."""
    heads = [label for label, _, _ in split_header(upper)]
    if len(heads) < 1 or len(lower) < 2 or not any(scenario_of(h) not in ("other", "note") for h in heads):
        return None
    notes = [h for h in heads if scenario_of(h) == "note"]
    heads = [h for h in heads if scenario_of(h) != "note"]
    open_at = [k for k, h in enumerate(heads) if not years_in(h)]
    labels: list[str] | None = None
    if len(lower) == len(open_at):
        it = iter(lower)
        labels = [f"{h} {next(it)}" if k in open_at else h for k, h in enumerate(heads)]
    elif len(lower) == len(heads) and len(open_at) == len(heads):
        labels = [f"{h} {p}" for h, p in zip(heads, lower)]
    elif len(lower) == len(level := [k for k in open_at if scenario_of(heads[k]) not in _DERIVED]) and level:
        # "Opprinnelig budsjett Revidert budsjett Regnskap Avvik" over "2022 2022 2022": the amount heads take the
        # years, the derived head (avvik, %) prints none
        it = iter(lower)
        labels = [f"{h} {next(it)}" if k in level else h for k, h in enumerate(heads)]
    elif open_at == [len(heads) - 1] and (group or len(heads) >= 2):
        labels = heads[:-1] + [f"{heads[-1]} {p}" for p in lower]
    if labels is None:
        return None
    return [make_column(n) for n in notes] + [make_column(label) for label in labels]


def word_by_word(upper: str, lower: str) -> list[Column] | None:
    """Heads of one word each over as many lower words ("Rekneskap Buds(end) Avvik %- Budsjett Rekneskap" over
    "2022 2022 2022 forbruk 2022 2021"): paired in order. Only when every upper word starts a head (a capital or a
    sign: no "Justert budsjett", whose second word goes on the first), two of them name scenarios and the lower
    line prints at least two years."""
    top, bottom = upper.split(), lower.split()
    if len(top) != len(bottom) or len(top) < 2 or len(years_in(lower)) < 2 or years_in(upper):
        return None
    if not all(w[:1].isupper() or not w[:1].isalpha() for w in top):
        return None
    if sum(scenario_of(w) not in ("other", "note") for w in top) < 2:
        return None
    return [make_column(f"{t} {b}") for t, b in zip(top, bottom)]


def split_run_on(text: str) -> tuple[str, list[str]] | None:
    """(upper, lower parts) of one line holding both head lines ("Regnskap Budsjett Regnskap i fjor 2016 2016 2015"):
    the lower parts are what follows the last scenario word, when they are two or more years or one repeated
    phrase; None otherwise."""
    from flows.reports.layout.headers import _KW_RE, period_group

    last = None
    for m in _KW_RE.finditer(text):
        if not m.group("year") and not m.group(period_group()):  # "1. tertial" is a lower part, no head
            last = m
    if last is None:
        return None
    rest = text[last.end():]
    parts = lower_parts(rest)
    if not parts or len(parts) < 2:
        return None
    upper = text[:last.end()]
    if YEAR_RE.search(rest) and not _UNIT_YEAR.match(rest):
        return None
    return upper, parts


def stacked_columns(header_lines: list[str]) -> list[Column] | None:
    """Columns of a text header whose last line (or the tail of its only line) is the lower head line."""
    lines = [" ".join(h.split()) for h in header_lines if h.strip()]
    if not lines:
        return None
    if len(lines) >= 2:
        lower = lower_parts(lines[-1]) or lower_parts(_years_only(lines[-1]))
        if lower:
            return combine(lines[-2], lower)
        return word_by_word(lines[-2], lines[-1])
    found = split_run_on(lines[-1])
    if found:
        return combine(*found, group=False)
    return None
