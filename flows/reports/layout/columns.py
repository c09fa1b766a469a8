"""Text columns on a PDF page: where a page (or a band of it) is printed as two columns of prose, find
the gutter between them -- an x position that no cell of those lines crosses -- so the page is read
left column first, then the right one. Works whether or not the two columns' lines share baselines.

Pure: rows in, bands out. A row is a printed line of the whole page as the layout built it (its
middle's height on the page, its text height, its cells with their x extent; top to bottom). A row
that crosses the gutter (a heading over both columns, a page header or footer), a table row (figures
beside a label across the gutter, a table head's cells), a row the caller marks as a table row (a
ruled table's) or a wide vertical gap (a footer far below) ends a band; a band is read in columns
only when both its sides hold several lines of running text side by side. A justified column line
whose word gaps are wide enough to read as cells is one cell (`justified`). Everything else stays as
the rows were: single-column pages, tables across the page, label/figure columns.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from flows.reports.layout.model import Seg

_MIN_PROSE = 3  # lines of running text each side of the gutter needs in a band
_PROSE_SHARE = 0.5  # of a side's lines in a band
_PROSE_WORDS = 4  # a side's text on a line with this many words ...
_LETTERS = 0.5  # ... and at least this share letters, is running text
_SIDE_BY_SIDE = 0.5  # share of the shorter side's height the two sides must stand beside each other
_GAP = 3.0  # a vertical gap between rows above this many text heights ends a band
_EVEN = 0.1  # word gaps of a justified line differ by at most this share of the line's text height
_CANDIDATES = 3  # gutter positions tried (the x positions fewest cells cross)


Row = tuple[float, float, list[Seg], bool]  # middle (y up), text height, cells, a table row


def gutter_bands(rows: Sequence[Row]) -> list[tuple[int, int, float]]:
    """(first row, row after the last, gutter x) of every band of `rows` (top to bottom) printed as
    two text columns; empty when there is none."""
    if len(rows) < 2 * _MIN_PROSE:
        return []
    starts = sorted([s.x0 for _, _, segs, _ in rows for s in segs])
    ends = sorted([s.x1 for _, _, segs, _ in rows for s in segs])
    left, right = starts[0], ends[-1]
    lo, hi = int(left + 0.2 * (right - left)), int(left + 0.8 * (right - left))
    if hi <= lo:
        return []
    # cheap first: a right column needs lines of running text starting right of `lo` (a page in one column has none)
    right_text = 0
    for _, _, segs, table in rows:
        if not table and segs[-1].x0 >= lo:
            text = " ".join([s.text for s in segs if s.x0 >= lo])
            right_text += _running_text(text)
    if right_text < _MIN_PROSE:
        return []
    # cells crossing x: started before it and not ended by it
    counts = [bisect_left(starts, x) - bisect_right(ends, x) for x in range(lo, hi + 1)]
    if len(rows) - min(counts) < 2 * _MIN_PROSE:  # too few rows leave room for a gutter anywhere
        return []
    best: list[tuple[int, int, float]] = []
    for gutter in _candidates(counts, lo):
        bands = _bands(rows, gutter)
        if sum(b - a for a, b, _ in bands) > sum(b - a for a, b, _ in best):
            best = bands
    return best


def _candidates(counts: list[int], lo: int) -> list[float]:
    """The middles of the runs of x positions crossed by the fewest cells (fewest first, widest first)."""
    runs: list[tuple[int, int, int]] = []  # (count, -width, start)
    start = 0
    for k in range(1, len(counts) + 1):
        if k == len(counts) or counts[k] != counts[start]:
            before = counts[start - 1] if start else None
            after = counts[k] if k < len(counts) else None
            if (before is None or before > counts[start]) and (after is None or after > counts[start]):
                runs.append((counts[start], start - k, start))
            start = k
    runs.sort()
    return [lo + start + (-negwidth - 1) / 2 for _, negwidth, start in runs[:_CANDIDATES]]


def _bands(rows: Sequence[Row], gutter: float) -> list[tuple[int, int, float]]:
    out = []
    start = None
    for k in range(len(rows) + 1):
        if k < len(rows) and not _breaks(rows[k], gutter):
            if start is None:
                start = k
            elif rows[k - 1][0] - rows[k][0] > _GAP * max(rows[k - 1][1], rows[k][1]):
                if _two_columns(rows[start:k], gutter):
                    out.append((start, k, gutter))
                start = k
            continue
        if start is not None and _two_columns(rows[start:k], gutter):
            out.append((start, k, gutter))
        start = None
    return out


def _breaks(row: Row, gutter: float) -> bool:
    """A row across the gutter, a ruled table's, figures beside a label, or cells of a table head (several
    cells, none of them running text: "Tall i 1 000 kr | Regnskap 2031 | Budsjett 2031")."""
    _, _, segs, table = row
    if table:
        return True
    left = " ".join(s.text for s in segs if s.x1 <= gutter)
    right = " ".join(s.text for s in segs if s.x0 >= gutter)
    if sum(1 for s in segs if s.x1 <= gutter or s.x0 >= gutter) < len(segs):  # a cell across the gutter
        return True
    if left and right and (_figures(left) or _figures(right)):
        return True
    return len(segs) > 2 and not _running_text(left) and not _running_text(right)


def _figures(text: str) -> bool:
    chars = text.replace(" ", "")
    return sum(c.isalpha() for c in chars) < _LETTERS * len(chars)


def _two_columns(rows: Sequence[Row], gutter: float) -> bool:
    """Both sides hold mostly running text, at least a few lines of it, and stand beside each other."""
    extents = []
    for side in (lambda s: s.x1 <= gutter, lambda s: s.x0 >= gutter):
        texts = [(middle, " ".join(s.text for s in segs if side(s))) for middle, _, segs, _ in rows]
        texts = [(middle, t) for middle, t in texts if t]
        prose = [middle for middle, t in texts if _running_text(t)]
        if len(prose) < _MIN_PROSE or len(prose) < _PROSE_SHARE * len(texts):
            return False
        extents.append((min(prose), max(prose)))
    (low0, high0), (low1, high1) = extents
    beside = min(high0, high1) - max(low0, low1)
    return beside > 0 and beside >= _SIDE_BY_SIDE * min(high0 - low0, high1 - low1)


def _running_text(text: str) -> bool:
    """Words, not figures: several words of letters, mostly letters."""
    words = text.split()
    if sum(1 for w in words if any(c.isalpha() for c in w)) < _PROSE_WORDS:
        return False
    chars = "".join(words)
    return sum(c.isalpha() for c in chars) >= _LETTERS * len(chars)


def justified(segs: list[Seg], height: float) -> list[Seg]:
    """A line of a text column set justified, one cell: its words stand so far apart that they read as cells,
    but at the same distance from each other, and they are words, not figures. Other lines as they are."""
    if len(segs) < 3:
        return segs
    gaps = [b.x0 - a.x1 for a, b in zip(segs, segs[1:])]
    if max(gaps) - min(gaps) > _EVEN * height:
        return segs
    text = " ".join(s.text for s in segs)
    return [Seg(text, segs[0].x0, segs[-1].x1)] if _running_text(text) else segs
