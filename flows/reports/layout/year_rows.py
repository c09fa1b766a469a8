"""Tables whose rows are years: the label column's head names the year ("År", "Året", "Årstal", "Year", "Period",
"Periode") and every row's first cell is a bare year ("År | Innbyggjarar | Årsverk" over "2020 | 5 432 | 312,4"). The
years are the rows' labels, never figures: the first cell becomes the row's label (its year the year of the row's
cells), the head over it the table's corner, and the other cells keep their columns, one place to the left. Any
format: an HTML or DOCX table, text with gaps, a table printed one cell per line.

A table whose label column has no head at all (an empty corner cell over "2013 | 4,5 | -1,3") lost that column: each
row's bare year stands in the first figure column beside that column's own figure. Those years are the rows' labels
too, when every row starts so and no two rows name the same year."""
from __future__ import annotations

import re
from dataclasses import replace

from flows.reports.layout.model import Table

_YEAR_HEAD = re.compile(r"(?i)^(?:år|året|årstal|årstall|år\s*/\s*periode|year|years|period|periode|periode\s*/\s*år|tidspunkt)$")
_BARE_YEAR = re.compile(r"(?:19[5-9]\d|20[0-6]\d)")


def year_labelled(table: Table) -> bool:
    """Rewrite `table` in place when its rows are years; whether it did."""
    if _lost_label_column(table):
        table.rows = [replace(row, label=row.values[0][1].strip(), values=row.values[1:]) for row in table.rows]
        return True
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


def _lost_label_column(table: Table) -> bool:
    """Whether every row (two or more) has no label and starts with a bare year sharing the first figure column with
    that column's figure, the years all different."""
    if not table.columns or len(table.rows) < 2:
        return False
    years = []
    for row in table.rows:
        if row.label.strip() or len(row.values) < 2 or row.values[0][0] != row.values[1][0] \
                or not _BARE_YEAR.fullmatch(row.values[0][1].strip()):
            return False
        years.append(row.values[0][1].strip())
    return len(set(years)) == len(years)
