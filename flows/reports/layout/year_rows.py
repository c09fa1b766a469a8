"""Tables whose rows are years: the label column's head names the year ("År", "Året", "Årstal", "Year", "Period",
"Periode") and every row's first cell is a bare year ("År | Innbyggjarar | Årsverk" over "2020 | 5 432 | 312,4"). The
years are the rows' labels, never figures: the first cell becomes the row's label (its year the year of the row's
cells), the head over it the table's corner, and the other cells keep their columns, one place to the left. Any
format: an HTML or DOCX table, text with gaps, a table printed one cell per line."""
from __future__ import annotations

import re
from dataclasses import replace

from flows.reports.layout.model import Table

_YEAR_HEAD = re.compile(r"(?i)^(?:år|året|årstal|årstall|år\s*/\s*periode|year|years|period|periode|periode\s*/\s*år|tidspunkt)$")
_BARE_YEAR = re.compile(r"(?:19[5-9]\d|20[0-6]\d)")


def year_labelled(table: Table) -> bool:
    """Rewrite `table` in place when its rows are years; whether it did."""
    if len(table.columns) < 2 or not _YEAR_HEAD.match(" ".join((table.columns[0].label or "").split())) \
            or len(table.rows) < 2:
        return False
    for row in table.rows:
        first = [p for c, p in row.values if c == 0]
        if row.label.strip() or len(first) != 1 or not _BARE_YEAR.fullmatch(first[0].strip()):
            return False
    corner = table.columns[0].label
    table.columns = table.columns[1:]
    table.rows = [replace(row, label=next(p for c, p in row.values if c == 0).strip(),
                          values=[(c - 1, p) for c, p in row.values if c > 0],
                          dashes=tuple(c - 1 for c in row.dashes if c > 0)) for row in table.rows]
    table.corner = table.corner or corner
    return True
