"""Figures in parentheses that a note above the table says are another year's ("(2018 inom parentes)", "(fjorårets
tal i parentes)", "previous year in brackets"): "81,5 (82)" is this year's 81,5 and that year's 82, never a negative
82 and never a column of its own.

`lift` takes such figures out of the rows below the note (so the row prints as many figures as the head names
columns) and keeps them by (page, line) with the place of the figure they follow; `attach` then puts each under a
column of its own beside that figure's column, named by the column and the year the note gives (the column's year
before, when the note says "previous year" and the column names its year).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from flows.reports.layout.model import Column, Line, Table

# "(2018 inom parentes)", "(2018 i parentes)", "(fjorårets tal i parentes)", "(föregående år inom parentes)",
# "(previous year in brackets)", "Tal for 2030 i parentes"
_NOTE = re.compile(r"(?i)(?:(?P<year>(?:19|20)\d\d)|(?P<prior>fjor|föregående|foregående|forrige|førre|previous|prior|last"
                   r"|året\s+før|året\s+innan))[^()\d]{0,30}?(?<![\wæøåäö])(?:inom|innom|innanfor|innenfor|i|in)\s+"
                   r"(?:parentes(?:er)?|parantes(?:er)?|parenthes[ie]s|brackets|klammer)(?![\wæøåäö])")
# a figure in parentheses right after another figure: "81,5 (82)", "1 103 (1 090)", "4,2 % (4,0 %)"
_AFTER_FIGURE = re.compile(r"(?<=[\d%])\s*\(\s*(?P<fig>-?\d{1,3}(?:[ \u00a0]\d{3})*(?:,\d+)?\s*%?)\s*\)")
_FIGURE = re.compile(r"-?\d{1,3}(?:[ \u00a0]\d{3})+(?:,\d+)?|-?\d+(?:,\d+)?")
_MAX_ROWS_AWAY = 4  # lines between the note and the first row it covers


@dataclass(frozen=True)
class Lifted:
    behind: int  # how many of the row's figures stand after it: it follows the figure before those
    printed: str
    year: int | None
    prior: bool  # the note says "previous year" without naming it


def note_of(text: str) -> re.Match | None:
    return _NOTE.search(text)


def lift(lines: list[Line]) -> tuple[list[Line], dict[tuple[int, int], list[Lifted]]]:
    """Lines with the bracketed figures a note covers taken out of the rows under it, and those figures by (page, line)."""
    out = list(lines)
    lifted: dict[tuple[int, int], list[Lifted]] = {}
    k = 0
    while k < len(out):
        note = _NOTE.search(out[k].text) if "(" in out[k].text or "parent" in out[k].text.lower() \
            or "bracket" in out[k].text.lower() else None
        if note is None or out[k].segs is not None:
            k += 1
            continue
        year = int(note.group("year")) if note.group("year") else None
        j, seen_row, away = k + 1, False, 0
        while j < len(out) and out[j].page == out[k].page and out[j].segs is None:
            text = out[j].text
            found = list(_AFTER_FIGURE.finditer(text))
            if not found:
                if not text.strip() and not seen_row:
                    j += 1
                    continue
                away += 1
                if seen_row or away > _MAX_ROWS_AWAY or not text.strip():
                    break
                j += 1
                continue
            seen_row = True
            kept, items, at = [], [], 0
            for m in found:
                kept.append(text[at:m.start()])
                behind = len(_FIGURE.findall(_AFTER_FIGURE.sub(" ", text[m.end():])))
                items.append(Lifted(behind=behind, printed=m.group("fig").strip(), year=year, prior=year is None))
                at = m.end()
            kept.append(text[at:])
            lifted[(out[j].page, out[j].number)] = items
            out[j] = replace(out[j], text="".join(kept))
            j += 1
        k = j if j > k + 1 else k + 1
    return out, lifted


def attach(table: Table, lifted: dict[tuple[int, int], list[Lifted]]) -> None:
    """Each lifted figure of the table's rows under a column of its own beside the column of the figure it follows."""
    if not lifted or not any((row.page, row.line) in lifted for row in table.rows):
        return
    added: dict[tuple[int, int | None], int] = {}  # (column index, year) -> index of the comparison column
    for row in table.rows:
        items = lifted.get((row.page, row.line))
        if not items:
            continue
        values = sorted(row.values)
        extra = []
        for item in items:
            at = len(values) - 1 - item.behind
            if not 0 <= at < len(values):
                continue
            col_index = values[at][0]
            column = table.columns[col_index] if col_index < len(table.columns) else None
            year = item.year if item.year is not None else (column.year - 1 if column and column.year else None)
            key = (col_index, year)
            if key not in added:
                base = column.label if column else ""
                when = str(year) if year is not None else "previous year"
                table.columns.append(Column(label=f"{base} ({when})".strip(), year=year,
                                            scenario=column.scenario if column and year is not None else "prior_year",
                                            period=column.period if column else None))
                added[key] = len(table.columns) - 1
            extra.append((added[key], item.printed))
        row.values = row.values + extra
