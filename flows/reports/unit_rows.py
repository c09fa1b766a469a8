"""Rows a table declares to be units: the header over the label column ("Sektor", "Enhet", "Tjenesteområde",
"Förvaltning") or the caption ("Sykefravær per sektor", "Årsverk fordelt på enhet") says what its rows are.

Such a row's figures are its unit's (classification gives them the row as unit), except rows that sum or
average the others ("Totalt", "Sum", "Gjennomsnitt", "Hele kommunen"): they are no unit, and stay breakdown
members as before. Pure; nothing here names an organisation, unit or document.
"""
from __future__ import annotations

import re

from flows.unit_kinds import ROW_KINDS, unit_kind_forms

_KIND = f"(?:{unit_kind_forms(ROW_KINDS)})"
_CORNER = re.compile(rf"(?i)^\s*{_KIND}(?:\s*/\s*{_KIND})*\s*:?\s*$")
_CAPTION = re.compile(rf"(?i)(?<![\wæøå])(?:per|pr\.?|fordelt på|fordelt pr\.?|etter|i|för|på)\s+{_KIND}(?![\wæøå])")
_TOTAL = re.compile(r"(?i)^\s*(?:sum|summ?a|totalt?|i alt|samlet|samla|gjennomsnitt|snitt|middel|alle|hele|heile|hela|"
                    r"kommunen|fylkeskommunen|landet|norge|noreg|sverige|kostra|gruppe|menn|kvinner|män|kvinnor|karar|kvinne|mann)"
                    r"(?![\wæøå])")
_NAME = re.compile(r"[A-Za-zÆØÅæøåÄÖäöÉé]{2,}")


def declared_unit_row(row_label: str, corner: str, caption: str | None) -> str | None:
    """The row's label as a unit name when the table declares its rows units and the row is no total, else None."""
    caption = caption or ""
    titled = len(caption.split()) <= 8 and not caption.rstrip().endswith((".", "!", "?"))  # a title, no sentence
    if not (_CORNER.match(corner or "") or titled and _CAPTION.search(caption)):
        return None
    label = re.sub(r"[*¹²³⁴⁵]+$|\s\d\)$", "", (row_label or "").strip()).strip()
    if not _NAME.search(label) or _TOTAL.match(label) or len(label) > 60 or re.search(r"\d{4}", label):
        return None
    return label


# the row that adds up a per-unit table's rows: the figure of what holds the units (the organisation, or the unit
# whose chapter the table stands in); an average ("Gjennomsnitt") is left alone (weighted or not, nobody says)
_SUM_ROW = re.compile(r"(?i)^\s*(?:sum|summa|totalt?|i alt|samlet|samla|hele kommunen|heile kommunen|hela kommunen|"
                      r"kommunen totalt|totalt kommunen|kommunen samlet)\s*[*:]?\s*$")
TOTAL = "<total>"


def unit_rows(rows, unit_named=None) -> dict[str, str]:
    """The rows of one table that are units: {row label: unit name as written, "" for the organisation itself, or
    TOTAL for the row adding up a table two or more of whose rows are units}. `rows`: (row label, corner, caption)
    of the table's cells; `unit_named(label)`: the unit of the document a label names ("" the organisation)."""
    out: dict[str, str] = {}
    for label, corner, caption in rows:
        if label in out:
            continue
        named = unit_named(label) if unit_named else None
        if named is None:
            named = declared_unit_row(label, corner, caption)
        if named is not None:
            out[label] = named
    if sum(1 for name in out.values() if name) >= 2:
        for label, _, _ in rows:
            if label not in out and _SUM_ROW.match(label or ""):
                out[label] = TOTAL
    return out
