"""Two-sided tables flattened to text: figures on both sides of the row label, often with a note
column between the label and the right-hand figures ("35 380 917 29 204 000 27 960 399 Driftsinntekter
1 155 739 914 139 240 252": one entity's accounts left of the labels, another's right of the notes).

A run of at least three plain lines with figures on both sides of their words becomes rows on a grid
(note in column 0, label in column 1, figures in columns 2..), and the column heads above the run
(one keyword and year per column, "Regnskap 2016 Budsjett 2016 Regnskap 2015 ... Note Regnskap 2016
Regnskap 2015", however many lines they are spread over) become its header row; a single word set
apart at the end of the first header line ("...   Konsern") titles the right-hand columns. When the
heads do not count as many columns as the rows print, the lines stay as they are.
"""
from __future__ import annotations

import re

from flows.reports.layout.model import Line, Seg
from flows.reports.years import YEAR

_NUM_PART = r"[-–−(]?\d[\d ,.\-–−()]*?"
_ROW = re.compile(rf"^\s*(?P<left>{_NUM_PART}|(?:[-–]\s+)+)?(?P<lsep>\s*)(?P<label>\(?[^\W\d_][^\d]*?[^\W\d_).:]\)?)(?P<sep>\s+)(?P<right>[-–−(]?\d[\d ,.\-–−()]*)\s*$")
_LEFT_ONLY = re.compile(r"^\s*(?P<left>[-–−(]?\d[\d ,.\-–−()]*?)(?P<lsep>\s+)(?P<label>[^\W\d_][^\d]*?[^\W\d_).:])\s*$")
_HEAD = re.compile(rf"(?P<word>[^\W\d_][\w.]*)\s+(?P<year>{YEAR})\b")
_NOTE = re.compile(r"(?i)\b(?:note|noter|not)\b")
_NOTE_TOKEN = re.compile(r"\d{1,2}(?:[.,]\d{1,2})*,?")  # "13", "3.4", "3,4", "3,6," (a list of notes)
_TABLE_ID_BASE = 50_000
_MIN_ROWS = 3
_MAX_HEAD_LINES = 14


def _cells(text: str, n: int, magnitudes: list[float] | None = None) -> list[str] | None:
    """n cells of one side's figures; a gap of two or more spaces between figures is an empty cell."""
    from flows.reports.layout.tables import _split_text_values

    if not text.strip():
        return [""] * n
    if re.search(r"\S\s{2,}$", text):
        text = text.rstrip() + "  \x00"  # a wide gap before the label: the cell next to it is empty
    text = text.strip()
    if re.fullmatch(r"(?:[-–]\s*)+", text):
        return [""] * n  # dashes: empty cells
    chunks = [c for c in re.split(r"\s{2,}", text) if c]
    if len(chunks) > 1:
        out: list[str] = []
        for k, chunk in enumerate(chunks):
            if chunk == "\x00":
                out.append("")
                continue
            part = _split_text_values(chunk, 1, False)[0] or []
            if len(part) != 1:
                out = []
                break
            out += ([""] if k else []) + part
        if len(out) == n:
            return out
    text = text.replace("\x00", "").strip()
    split, _ = _split_text_values(text, n, False, magnitudes)
    if split and len(split) == n and not any(v.startswith("\x00") or not v or re.fullmatch(r"0\d\d", v) for v in split):
        return list(split)
    return None


def _header(lines: list[Line], first: int) -> tuple[list[int], list[str], str | None, bool, int | None] | None:
    """(header line indexes, column heads, right-hand title, note column) above the run."""
    idx: list[int] = []
    k = first - 1
    while k >= 0 and len(idx) < _MAX_HEAD_LINES and lines[k].page == lines[first].page and lines[k].segs is None \
            and not lines[k].heading:  # a heading (a web page's fragment title) is the caption, no column head
        text = lines[k].text.strip()
        if not text:
            if idx:
                break
            k -= 1
            continue
        if _ROW.match(lines[k].text):
            break
        idx.append(k)
        k -= 1
    idx.reverse()
    if not idx:
        return None
    joined = " ".join(" ".join(lines[i].text.split()) for i in idx)
    found = list(_HEAD.finditer(joined))
    heads = [f"{m.group('word')} {m.group('year')}" for m in found]
    # the label column's head ("(Driftsinntekter og driftskostnader) Note") parts the left heads from the right
    cuts = [j for j in range(1, len(found)) if joined[found[j - 1].end():found[j].start()].strip()]
    split_at = cuts[0] if len(cuts) == 1 else None
    title = None
    gap_parts = re.split(r"\s{2,}", lines[idx[0]].text.strip())
    if len(gap_parts) >= 2 and re.fullmatch(r"[^\W\d_]{3,}", gap_parts[-1]) and not _HEAD.search(gap_parts[-1]):
        title = gap_parts[-1]
    return idx, heads, title, bool(_NOTE.search(joined)), split_at


def _split_right(text: str, n: int, note_col: bool, magnitudes: list[float] | None, sep: str = " "
                 ) -> tuple[str, list[str]] | None:
    """The note and the n cells right of the label. Where a note column is declared, a wide gap after
    the label is its empty cell; a single space means the first figures are the note. A wide gap after the
    figures is the last cell's: empty ("Annen finansinntekt   6 405  ")."""
    if n > 1 and re.search(r"\d\s{2,}$", text):
        short = _split_right(text.rstrip(), n - 1, note_col, magnitudes[:n - 1] if magnitudes else None, sep)
        if short:
            return short[0], short[1] + [""]
    tokens = text.split()
    options = []
    wide = len(sep) >= 2
    for k in range(0, 1 if (wide or not note_col) else 4):
        if k and not all(_NOTE_TOKEN.fullmatch(t) for t in tokens[:k]):
            break
        cells = _cells(" ".join(tokens[k:]), n, magnitudes)
        if cells is None or (k and not any(cells)):
            continue
        misfit = 0.0
        if magnitudes:
            misfit = sum(abs(len(re.sub(r"\D", "", c.split(",")[0])) - m) for c, m in zip(cells, magnitudes) if m and c)
        # one row's figures side by side (the same line in two years) are of one size: a note read off the
        # first figure ("13 87 955 703 89 530 774": note 13, not "13 87") leaves them so
        sizes = [len(re.sub(r"\D", "", c.split(",")[0])) for c in cells if c]
        if len(sizes) > 1:
            misfit += 2 * (max(sizes) - min(sizes))
        if k == 0 and any("." in c and "," not in c and re.search(r"\.\d{1,2}$", c) for c in cells):
            continue  # "3.4": a note reference, no figure
        options.append((misfit, k, " ".join(tokens[:k]), cells))
    if not options:
        return None
    noted = [o for o in options if o[1]]
    if note_col and not wide and noted:
        options = noted
    _, _, note, cells = min(options)
    return note, cells


def _magnitudes(cells: list[list[str]], n: int) -> list[float] | None:
    per = [[len(re.sub(r"\D", "", c.split(",")[0])) for c in col if c] for col in zip(*cells)] if cells else []
    if not per:
        return None
    return [sorted(p)[len(p) // 2] if p else None for p in per][:n]


def mirror_grid(lines: list[Line]) -> list[Line]:
    """A real table (HTML/DOCX grid) whose label column stands between its figures ("8 456 636 | 11 586 065 |
    Resultat før skattekostnad | 21 320 189 | 24 619 702": one entity's years left, another's right) has its
    label cell moved in front of the row, the figures keeping their grid columns, so that the left figures
    are cells of their heads, no row codes; a head cell over the label column is the label column's corner, and
    a cell spanning the whole row (a section head, "Kontantstrøm fra investeringsaktiviteter") labels the rows
    below it instead of starting a new table."""
    from flows.reports.layout.tables import is_value_text

    by_table: dict[int, list[int]] = {}
    for i, line in enumerate(lines):
        if line.table_id is not None and line.segs:
            by_table.setdefault(line.table_id, []).append(i)
    out = list(lines)
    for idx in by_table.values():
        label_x: set[float] = set()
        left_x: set[float] = set()
        two_sided = 0
        for i in idx:
            line = lines[i]
            if line.header:
                continue
            words = [s for s in line.segs if not is_value_text(s.text)]
            figures = [s for s in line.segs if is_value_text(s.text) and any(ch.isdigit() for ch in s.text)]
            if not figures:
                continue
            if len(words) != 1:
                label_x = set()
                break
            label_x.add(words[0].x0)
            if any(f.x0 < words[0].x0 for f in figures) and any(f.x0 > words[0].x0 for f in figures):
                two_sided += 1
                left_x |= {f.x0 for f in figures if f.x0 < words[0].x0}
        if len(label_x) != 1 or two_sided < _MIN_ROWS:
            continue
        heads = {s.x0 for i in idx if lines[i].header for s in lines[i].segs if s.text.strip()}
        if not left_x <= heads:
            continue  # figures before the label under no head: row codes, no column
        x = next(iter(label_x))
        xs = [s.x0 for i in idx for s in lines[i].segs]
        left, right = min(xs), max(s.x1 for i in idx for s in lines[i].segs)
        for i in idx:
            line = lines[i]
            segs = line.segs
            if len(segs) == 1 and segs[0].x0 <= left and segs[0].x1 >= right and not is_value_text(segs[0].text):
                out[i] = Line(page=line.page, number=line.number, text=segs[0].text, table_id=line.table_id,
                              segs=[Seg(segs[0].text, x - 1.0, x - 0.5)])  # a section head across the table
                continue
            if line.header:
                kept = [s for s in segs if s.x0 != x]
                corner = [s for s in segs if s.x0 == x]
                if corner and kept:
                    kept = [Seg(corner[0].text, x - 1.0, x - 0.5)] + kept
                out[i] = Line(page=line.page, number=line.number, text=" ".join(s.text for s in kept), segs=kept,
                              header=True, table_id=line.table_id, heading=line.heading, joined=line.joined)
                continue
            label = [s for s in segs if s.x0 == x and not is_value_text(s.text)]
            if not label:
                continue
            rest = [s for s in segs if s is not label[0]]
            moved = [Seg(label[0].text, x - 1.0, x - 0.5)] + rest
            out[i] = Line(page=line.page, number=line.number, text=" ".join(s.text for s in moved), segs=moved,
                          table_id=line.table_id, heading=line.heading, joined=line.joined, unit=line.unit)
    return out


def expand_mirrored(lines: list[Line]) -> list[Line]:
    lines = mirror_grid(lines)
    out = list(lines)
    k = 0
    table_no = 0
    while k < len(lines):
        run = _run(lines, k)
        if not run:
            k += 1
            continue
        end = run[-1] + 1
        replaced = _rewrite(lines, k, end, run, _TABLE_ID_BASE + table_no)
        if replaced:
            for i, line in replaced.items():
                out[i] = line
            table_no += 1
        k = end
    return [l for l in out if l is not None]


def _run(lines: list[Line], start: int) -> list[int]:
    """Indexes of the two-sided rows from `start`: plain lines of one page, blank and word-only lines
    between them allowed, at least three with figures on both sides."""
    line = lines[start]
    m = _ROW.match(line.text) if line.segs is None and line.table_id is None else None
    if not m or not (m.group("left") or "").strip():
        return []
    rows, both, gap = [], 0, 0
    for i in range(start, len(lines)):
        li = lines[i]
        if li.page != line.page or li.segs is not None or li.table_id is not None:
            break
        mm = _ROW.match(li.text) or _LEFT_ONLY.match(li.text)
        if mm:
            rows.append(i)
            gap = 0
            if (mm.group("left") or "").strip() and "right" in mm.groupdict() and mm.group("right"):
                both += 1
        elif not li.text.strip() or (len(li.text.split()) <= 6 and not re.search(r"\d", li.text)):
            gap += 1
            if gap > 3:
                break
        else:
            break
    return rows if both >= _MIN_ROWS else []


def _rewrite(lines: list[Line], start: int, end: int, rows: list[int], table_id: int) -> dict[int, Line | None] | None:
    head = _header(lines, start)
    if not head:
        return None
    head_idx, heads, title, note_col, split_at = head
    parsed = {}
    for i in rows:
        m = _ROW.match(lines[i].text)
        if m:
            parsed[i] = ((m.group("left") or "") + m.group("lsep"), m.group("label"), m.group("right"), m.group("sep"))
        else:
            m = _LEFT_ONLY.match(lines[i].text)
            parsed[i] = (m.group("left") + m.group("lsep"), m.group("label"), "", "  ")
    lefts = [l.split() for l, _, _, _ in parsed.values() if l.strip()]
    if not split_at or all(len(t) == 1 and re.fullmatch(r"\d{1,3}[.)]?", t[0]) for t in lefts):
        return None  # heads that do not flank a label column, or line codes ("1 Rammetilskudd ..."): no two-sided table
    n_left = split_at
    n_right = len(heads) - n_left
    if n_left < 1 or n_right < 1:
        return None
    left_first = {i: _cells(l, n_left) for i, (l, _, _, _) in parsed.items()}
    left_mag = _magnitudes([c for c in left_first.values() if c and all(c)], n_left)
    right_first = {i: _split_right(r, n_right, note_col, None, sep) for i, (_, _, r, sep) in parsed.items() if r.strip()}
    right_mag = _magnitudes([c[1] for c in right_first.values() if c and all(c[1]) and not c[0]], n_right)
    replaced: dict[int, Line | None] = {}
    for i, (left, label, right, sep) in parsed.items():
        lcells = _cells(left, n_left, left_mag) or [""] * n_left
        rsplit = _split_right(right, n_right, note_col, right_mag, sep) if right.strip() else ("", [""] * n_right)
        note, rcells = rsplit if rsplit else ("", [""] * n_right)
        if i == rows[-1] and rcells and rcells[-1] and right_mag and right_mag[-1] and rcells[-1] != "0" \
                and len(re.sub(r"\D", "", rcells[-1])) <= right_mag[-1] - 5:
            rcells = rcells[:-1] + [""]  # the text ends inside the last figure ("18 475 837 1"): cut off, no figure
        segs = [Seg(note, 0.0, 1.0)] if note else []
        segs.append(Seg(" ".join(label.split()), 1.0, 2.0))
        segs += [Seg(v, float(2 + j), float(3 + j)) for j, v in enumerate(lcells + rcells) if v]
        src = lines[i]
        replaced[i] = Line(page=src.page, number=src.number, text=" ".join(s.text for s in segs), segs=segs,
                           table_id=table_id)
    for i in range(start, end):
        if i in replaced:
            continue
        words = " ".join(lines[i].text.split())
        src = lines[i]
        replaced[i] = Line(page=src.page, number=src.number, text=words, table_id=table_id,
                           segs=[Seg(words, 1.0, 2.0)] if words else None) if words else None
    labels = heads[:n_left] + [f"{title} {h}" if title else h for h in heads[n_left:]]
    if title:
        first = lines[head_idx[0]]
        caption = re.split(r"\s{2,}", first.text.strip())[:-1]
        replaced[head_idx[0]] = Line(page=first.page, number=first.number, text=" ".join(caption), heading=first.heading)
    else:
        replaced[head_idx[0]] = lines[head_idx[0]]
    last = lines[head_idx[-1]]
    segs = [Seg(h, float(2 + j), float(3 + j)) for j, h in enumerate(labels)]
    for i in head_idx[1:]:
        replaced[i] = None
    header = Line(page=last.page, number=last.number, text=" ".join(labels), segs=segs, header=True, table_id=table_id,
                  joined=tuple(lines[i].number for i in head_idx[1:-1]))
    if len(head_idx) > 1:
        replaced[head_idx[-1]] = header
    else:
        return None  # the heads share the caption's line: not a layout this reader knows
    return replaced
