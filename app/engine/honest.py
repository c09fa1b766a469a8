"""The last check of every answer, whatever path found it (a governed measure, a report cell, an account line, a
sentence of the text, the ticket exports): an answer must be to the question asked, never to a different one without
saying so.

- `split_not_shown`: the question asks for a split ("for kvar deltakarkommune", "per eierkommune", "fordelt på
  kjønn", "by department", "for each member") and the answer's rows show one figure only, with no such split: the
  total would answer a different question, so the engine refuses with the reason and offers the total.
- `answer_units`: the units of the figures an answer shows (from the metric catalog's unit of a governed value column,
  or a column named for its unit: "amount_nok", "actual_pct_of_budget"), so the engine can check them against the unit
  asked (app.engine.asked_unit): a percent never silently answers an amount asked, nor the reverse.
"""
from __future__ import annotations

import re

from app.engine.asked_unit import AMOUNT, PERCENT, unit_kind
from app.engine.interpret import breakdown_asked
from app.engine.text import normalise

# kinds of split a single figure never answers (a year, a quarter, a week or a month is read by the period families)
SPLIT_KINDS = ("municipality", "gender", "age", "unit")
# a word that asks the split itself, not a ratio: "per enhet" / "per tjeneste" may be a price or a cost per unit
SPLIT_WORDS = re.compile(r"^(?:fordelt|delt|for hver|for kvar|for each|by|broken down|split|divided|etter)\b")
# "i snitt per kunde", "average per member": one figure per member on average is one figure
AVERAGE = re.compile(r"(?<!\w)(?:snitt\w*|gjennomsnitt\w*|average\w*|mean|median|on average|i middel|typisk\w*)(?!\w)")
# columns that say where or when a figure is, or what it is, never which member of a split it is for
NOT_SPLIT = frozenset("""year value_year quarter month week half value printed topic sentence text document page line
source_document source_page source_excerpt excerpt caption table_number column_label scenario metric metric_code
measure kind status unit_of_measure chart""".split())
# the family whose rows carry the figure's unit of measure in a column named "unit" (not an organisational unit)
PROSE_FAMILIES = ("prose_figure",)


def split_asked(question: str) -> tuple[str, str] | None:
    """(kind, words) of a split a single figure cannot answer, or None ("per år", "per innbygger", "i snitt per kunde"
    are not such splits)."""
    text = normalise(question)
    found = breakdown_asked(text)
    if found is None or found[0] not in SPLIT_KINDS or AVERAGE.search(text):
        return None
    kind, words_ = found
    if kind == "unit" and not SPLIT_WORDS.match(words_):
        return None  # "kostnad per enhet": a figure per unit, not a split by organisational unit
    return found


def shows_split(columns: list[str], rows: list, family: str | None = None) -> bool:
    """The rows show several members of something (units, organisations, subjects, customers, row labels): a split."""
    if len(rows) < 2:
        return False
    skip = NOT_SPLIT | ({"unit"} if family in PROSE_FAMILIES else set())
    for i, c in enumerate(columns):
        if c in skip or c.startswith("source_"):
            continue
        values = {r[i] for r in rows if i < len(r) and isinstance(r[i], str) and r[i]}
        if len(values) >= 2:
            return True
    return False


# plans that read members themselves (a member's cost share, a unit's accounts against budget, ticket breakdowns); and
# a member named ("fordelt på: Kvinner") is the part asked, not a split
OWN_SPLITS = ("type: cost_share", "type: variance", "type: tickets")
MEMBER_NAMED = "fordelt på:"


def split_not_shown(question: str, result: dict) -> tuple[str, str] | None:
    """The split asked (kind, words) when an answered result shows no such split; else None."""
    if result.get("status") != "ok" or not result.get("rows"):
        return None
    plan = result.get("plan") or []
    if any(p in OWN_SPLITS or p.startswith(MEMBER_NAMED) for p in plan if isinstance(p, str)):
        return None
    found = split_asked(question)
    if found is None:
        return None
    if shows_split(result.get("columns") or [], result["rows"], result.get("family")):
        return None
    return found


def answer_units(columns: list[str], rows: list, metrics: dict) -> set[str]:
    """AMOUNT / PERCENT kinds of the figures an answer shows; empty when it cannot tell (a count, a plain value)."""
    kinds: set[str] = set()
    for i, c in enumerate(columns):
        if not any(i < len(r) and isinstance(r[i], (int, float)) and not isinstance(r[i], bool) for r in rows):
            continue
        metric = metrics.get(c)
        unit = getattr(metric, "unit_of_measure", None) if metric is not None else None
        if unit is None:
            if re.search(r"(?:^|_)(?:nok|kr|amount)(?:$|_)", c):
                unit = "nok"
            elif re.search(r"(?:^|_)(?:pct|percent)(?:$|_)", c):
                unit = "pct"
        kind = unit_kind(unit)
        if kind is not None:
            kinds.add(kind)
    if "unit" in columns:  # a sentence's figure carries its unit of measure ("pct", "nok"); a unit's name is none
        ui = columns.index("unit")
        kinds |= {k for r in rows for k in [unit_kind(str(r[ui] or ""))] if k is not None}
    if "metric_code" in columns or "metric" in columns:
        mi = columns.index("metric_code") if "metric_code" in columns else columns.index("metric")
        for r in rows:
            kind = unit_kind(getattr(metrics.get(r[mi]), "unit_of_measure", None))
            if kind is not None:
                kinds.add(kind)
    return kinds


# an answer that states a figure in the unit asked in its own words ("Samme setning oppgir også: 4,5 prosent")
STATED = {PERCENT: re.compile(r"\d\s*(?:%|prosent|percent|per cent)", re.I),
          AMOUNT: re.compile(r"\d\s*(?:kr\b|kroner|nok\b|mill|mrd)|\b(?:nok|kr\.?)\s*[−-]?\d", re.I)}


def unit_not_asked(asked: str | None, columns: list[str], rows: list, metrics: dict, answer: str = "") -> str | None:
    """The one unit an answer's figures are in when it is the other one than the unit asked (and its text states no
    figure in the unit asked); else None."""
    if asked not in (AMOUNT, PERCENT) or not rows or STATED[asked].search(answer or ""):
        return None
    kinds = answer_units(columns, rows, metrics)
    if len(kinds) == 1 and asked not in kinds:
        return next(iter(kinds))
    return None
