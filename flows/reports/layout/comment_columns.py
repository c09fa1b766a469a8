"""A column of comments beside a table's figures ("Nøkkeltall | 2024 | Kommentar" over "Netto finansutgifter i
millioner kroner | 57,6 | Det er 45,9 mill. lavere enn i 2023"): its cells are sentences about the row, never figures
of the row's measure. The column is cut out of the table before the tables are found, its cells kept as running text
on the row's own line (`Line.prose`), so that no figure of a comment ("45,9", "maks 75 prosent") is read as a
value of the row, and the row's figure is read under the heads that remain.

Plain text (a PDF or web page extracted to text, its cells apart by runs of spaces): a head line whose last cell is a
comment head ("Kommentar", "Merknad", "Kommentarer", "Anmärkning", "Bemærkning", "Comments") gives the column's
position; every row below it (to the first line that is no row of cells) loses the cell that starts there. Grid
tables (DOCX, HTML, pipes): the column under such a head loses its cells in every row of the table, and the head row
is the table's head.
"""
from __future__ import annotations

import re
from dataclasses import replace

from flows.reports.layout.model import Line

COMMENT_HEAD = re.compile(
    r"(?i)^(?:kort\s+|korte\s+)?(?:kommentar(?:er|ar)?|merknad(?:er|ar)?|anmerkning(?:er|ar)?|anmärkning(?:ar)?|"
    r"bemærkning(?:er)?|kommentarer?\s*/\s*forklaring(?:er)?|comments?|remarks?)"
    r"(?:\s+(?:til|og|om|på|till|och|to|on|and)\s+[^\d]{1,40})?\s*:?$")
_GAP = re.compile(r"\s{2,}")
_SLACK = 6  # characters a comment cell may start before or after its head


def _cells(text: str) -> list[tuple[int, str]]:
    """(start, text) of every cell of a plain line whose cells are apart by two spaces or more."""
    out, at = [], 0
    for m in _GAP.finditer(text):
        if text[at:m.start()].strip():
            out.append((at, text[at:m.start()]))
        at = m.end()
    if text[at:].strip():
        out.append((at, text[at:].rstrip()))
    first = len(text) - len(text.lstrip())
    if out and out[0][0] == 0 and first:
        out[0] = (first, out[0][1].strip())
    return out


def _wordy(text: str) -> bool:
    return sum(ch.isalpha() for ch in text) >= 3


def cut_comment_columns(lines: list[Line]) -> list[Line]:
    return _cut_grid(_cut_plain(lines))


def _cut_plain(lines: list[Line]) -> list[Line]:
    out: list[Line] = []
    k = 0
    while k < len(lines):
        line = lines[k]
        cells = _cells(line.text) if line.segs is None and line.table_id is None else []
        if len(cells) < 2 or not COMMENT_HEAD.match(cells[-1][1].strip()) or any(COMMENT_HEAD.match(c.strip())
                                                                                  for _, c in cells[:-1]):
            out.append(line)
            k += 1
            continue
        at = cells[-1][0]
        rows: list[tuple[int, int]] = []  # (line index, where its comment starts)
        j, blanks = k + 1, 0
        while j < len(lines) and lines[j].page == line.page and lines[j].segs is None and lines[j].table_id is None:
            text = lines[j].text
            if not text.strip():
                blanks += 1
                if blanks > 1:
                    break
                j += 1
                continue
            blanks = 0
            row = _cells(text)
            if len(row) < 2 and len(text.strip()) > at:
                break  # running text below the table
            if len(row) >= 2 and abs(row[-1][0] - at) <= _SLACK and _wordy(row[-1][1]) \
                    and any(ch.isdigit() for _, c in row[:-1] for ch in c):
                rows.append((j, row[-1][0]))
            j += 1
        if not rows:
            out.append(line)
            k += 1
            continue
        # the head over the figures stays a head ("Nøkkeltall  2024"); a head left with the label column's only names no
        # column
        out.append(replace(line, text=line.text[:at].rstrip(), header=len(cells) > 2))
        cut = dict(rows)
        comments = []
        for i in range(k + 1, j):
            if i in cut:
                out.append(replace(lines[i], text=lines[i].text[:cut[i]].rstrip()))
                comments.append(replace(lines[i], text=" ".join(lines[i].text[cut[i]:].split()), prose=True))
            else:
                out.append(lines[i])
        while out and not out[-1].text.strip() and len(out) > 1:  # the comments after the table, before its blank line
            j -= 1
            out.pop()
        out.extend(comments)  # (running text of the rows' own lines, after the table: no row between its rows)
        k = j
    return out


def _cut_grid(lines: list[Line]) -> list[Line]:
    drop: dict[int, float] = {}  # table id -> x0 of its comment column
    heads: set[int] = set()
    seen: set[int] = set()
    for k, line in enumerate(lines):
        tid = line.table_id
        if tid is None or tid in seen or not line.segs:
            continue
        seen.add(tid)
        segs = line.segs
        if len(segs) < 2 or segs[-1].x0 <= segs[0].x0 or not COMMENT_HEAD.match(segs[-1].text.strip()) \
                or any(COMMENT_HEAD.match(s.text.strip()) for s in segs[:-1]):
            continue
        drop[tid] = segs[-1].x0
        heads.add(k)
    if not drop:
        return lines
    out: list[Line] = []
    comments: list[Line] = []
    for k, line in enumerate(lines):
        x0 = drop.get(line.table_id) if line.table_id is not None else None
        if comments and (x0 is None or line.table_id != comments[-1].table_id):
            out.extend(replace(c, table_id=None) for c in comments)  # after the table: no line between its rows
            comments = []
        if x0 is None or not line.segs:
            out.append(line)
            continue
        kept = [s for s in line.segs if s.x0 < x0]
        gone = [s for s in line.segs if s.x0 >= x0]
        text = " ".join(s.text for s in kept)
        out.append(replace(line, segs=kept, text=text, header=line.header or k in heads))
        comment = " ".join(" ".join(s.text for s in gone).split())
        if comment and k not in heads:
            comments.append(Line(page=line.page, number=line.number, text=comment, prose=True, table_id=line.table_id))
    out.extend(replace(c, table_id=None) for c in comments)
    return out
