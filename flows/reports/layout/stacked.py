"""PDF tables whose text layer puts every cell on its own line ("Lønn og sosiale utgifter" / "16 194" /
"17 122" / "928"; plain-text exports of the same are `vertical`'s): a run of at least two label lines each followed by the same number (two or more)
of value lines becomes rows of cells on a grid (label in column 0, values in columns 1..n), and the
n column headings stacked right above the first row become its header row. The grammar of a value
line and a label line is `flows.reports.vertical_tables`' (the line-stream readers use the same)."""
from __future__ import annotations

from flows.reports.layout.model import Line, Seg
from flows.reports.vertical_tables import MIN_ROWS, header_line, is_label_line, is_value_line


def _text(line: Line) -> str | None:
    """The line's text when it is one positioned cell (a PDF line of one cell), else None."""
    if line.segs is None or len(line.segs) > 1:
        return None
    return " ".join(line.text.split())


def expand_stacked(lines: list[Line]) -> list[Line]:
    texts = [_text(l) for l in lines]
    replace: dict[int, Line] = {}
    drop: set[int] = set()
    k = 0
    while k < len(lines):
        if texts[k] is None or lines[k].table_id is not None or not is_label_line(texts[k]):
            k += 1
            continue
        rows = _rows_from(lines, texts, k)
        if len(rows) < MIN_ROWS:
            k += 1
            continue
        n = len(rows[0][1])
        header = _header(lines, texts, rows[0][0], n)
        if header:
            segs = [Seg(texts[h], float(j + 1), float(j + 2)) for j, h in enumerate(header)]
            first = lines[header[0]]
            replace[header[0]] = Line(page=first.page, number=first.number, text=" ".join(s.text for s in segs), segs=segs,
                                      joined=tuple(lines[h].number for h in header[1:]))
            drop.update(header[1:])
        for label, values in rows:
            segs = [Seg(texts[label], 0.0, 1.0)] + [Seg(texts[v], float(j + 1), float(j + 2)) for j, v in enumerate(values)]
            at = lines[label]
            replace[label] = Line(page=at.page, number=at.number, text=" ".join(s.text for s in segs), segs=segs,
                                  joined=tuple(lines[v].number for v in values))
            drop.update(values)
        k = rows[-1][1][-1] + 1
    if not replace:
        return lines
    return [replace.get(i, line) for i, line in enumerate(lines) if i not in drop]


def _rows_from(lines: list[Line], texts: list[str | None], start: int) -> list[tuple[int, list[int]]]:
    rows: list[tuple[int, list[int]]] = []
    k = start
    page = lines[start].page
    while k < len(lines):
        while k < len(lines) and texts[k] == "":
            k += 1
        if k >= len(lines) or lines[k].page != page or texts[k] is None or not is_label_line(texts[k]):
            break
        label, values = k, []
        k += 1
        while k < len(lines) and lines[k].page == page and texts[k] is not None:
            if texts[k] == "":
                k += 1
                continue
            if not is_value_line(texts[k]):
                break
            values.append(k)
            k += 1
        if len(values) < 2 or (rows and len(values) != len(rows[0][1])):
            break
        rows.append((label, values))
    return rows


def _header(lines: list[Line], texts: list[str | None], first_label: int, n: int) -> list[int]:
    found: list[int] = []
    k = first_label - 1
    while k >= 0 and len(found) < n and lines[k].page == lines[first_label].page:
        text = texts[k]
        if text == "":
            k -= 1
            continue
        if text is None or not header_line(text):
            break
        found.append(k)
        k -= 1
    return list(reversed(found)) if len(found) == n else []
