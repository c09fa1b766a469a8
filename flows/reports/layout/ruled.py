"""Ruled tables in a PDF: grids drawn with rules and cell rectangles (Word, LibreOffice and most report
tools draw them so). Each grid row becomes one line whose cells sit between the grid's column rules,
a cell's text read whole however many lines it wraps over ("Mulige" / "dagsverk" is one header cell),
so ruled tables need no guessing of columns; text outside the grids is read by baseline as before."""
from __future__ import annotations

import ctypes
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

from flows.reports.layout.model import Seg

_RULE = 2.0  # pt: a path thinner than this is a rule line, not a box
_SNAP = 3.0  # pt: grid coordinates closer than this are the same line
_MAX_PATHS = 4000  # a page drawn with more paths than this is a chart or a map, not a table


@dataclass
class _Grid:
    """A ruled table: its row lines (top to bottom), column lines (left to right) and rules."""

    ys: list[float]
    xs: list[float]
    verticals: list[tuple[float, float, float]]  # (x, bottom, top)

    @property
    def box(self) -> tuple[float, float, float, float]:
        return self.xs[0], self.ys[-1], self.xs[-1], self.ys[0]

    def rows(self, textpage) -> list[tuple[float, list[Seg]]]:
        """(middle, cells) per row with text; a cell spanning columns (no rule between them) reaches
        from its left rule to its right rule."""
        out = []
        # the rules standing at each column line (their bottom and top), found once for all rows
        # (a rule drawn as the shared side of two cell rectangles counts once); the rules are looked up in
        # x order, a point wider than the snap, then tested as before
        by_x = sorted(self.verticals)
        xs_sorted = [v[0] for v in by_x]
        at_x = []
        for x in self.xs:
            near = by_x[bisect_left(xs_sorted, x - _SNAP - 1):bisect_right(xs_sorted, x + _SNAP + 1)]
            at_x.append(list(dict.fromkeys((vb, vt) for vx, vb, vt in near if abs(vx - x) <= _SNAP)))
        buffer = (ctypes.c_ushort * (2 * textpage.count_chars() + 64))()  # one for every cell of the grid
        for top, bottom in zip(self.ys, self.ys[1:]):
            middle = (top + bottom) / 2
            cells: list[Seg] = []
            start = self.xs[0]
            for k, x in enumerate(self.xs[1:], start=1):
                last = k == len(self.xs) - 1
                ruled = any(vb - _SNAP <= middle <= vt + _SNAP for vb, vt in at_x[k])
                if not ruled and not last:
                    continue
                text = _cell_text(_text_in(textpage, buffer, start, bottom, x, top))
                if text:
                    cells.append(Seg(text, start, x))
                start = x
            if cells:
                out.append((middle, cells))
        return out


def _text_in(textpage, buffer, left: float, bottom: float, right: float, top: float) -> str:
    """The page's text inside a rectangle, as `get_text_bounded` gives it, asked of pdfium once (the helper asks
    twice: for the length, then for the text) into a buffer the grid's cells share."""
    import pypdfium2.raw as pdfium_raw

    n = pdfium_raw.FPDFText_GetBoundedText(textpage.raw, left, top, right, bottom, buffer, len(buffer))
    if n <= 0:
        return ""
    if n >= len(buffer):  # no room was left for the closing NUL: the text may not all be there
        return textpage.get_text_bounded(left=left, bottom=bottom, right=right, top=top)
    return ctypes.string_at(buffer, 2 * (n - 1)).decode("utf-16-le", errors="ignore")  # n counts the closing NUL


def _snap(values: list[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if out and v - out[-1] <= _SNAP:
            continue
        out.append(v)
    return out


def ruled_tables(boxes: list[tuple[float, float, float, float]]) -> list[_Grid]:
    """Grids formed by drawn rules and cell rectangles (pdfium bounds: left, bottom,
    right, top). Paths that touch form one table; its distinct horizontal and vertical
    rule positions are the row and column lines."""
    boxes = [b for b in boxes if (b[2] - b[0]) > _RULE or (b[3] - b[1]) > _RULE]
    if len(boxes) < 3 or len(boxes) > _MAX_PATHS:
        return []
    # connected groups of touching paths (sweep over left edges)
    parent = list(range(len(boxes)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    order = sorted(range(len(boxes)), key=lambda i: boxes[i][0])
    active: list[tuple[float, float, float, int]] = []  # (right, bottom, top, index) of boxes not yet passed
    for i in order:
        left, bottom, right, top = boxes[i]
        reach, high = left - _SNAP, top + _SNAP
        active = [a for a in active if a[0] >= reach]
        for _, b2, t2, j in active:
            if b2 <= high and bottom <= t2 + _SNAP:
                parent[find(i)] = find(j)
        active.append((right, bottom, top, i))
    groups: dict[int, list[tuple[float, float, float, float]]] = {}
    for i, box in enumerate(boxes):
        groups.setdefault(find(i), []).append(box)
    grids = []
    for members in groups.values():
        horizontals: list[float] = []
        verticals: list[tuple[float, float, float]] = []
        for left, bottom, right, top in members:
            width, height = right - left, top - bottom
            if height <= _RULE:
                horizontals.append((bottom + top) / 2)
            elif width <= _RULE:
                verticals.append(((left + right) / 2, bottom, top))
            else:  # a cell rectangle: its four sides
                horizontals += [bottom, top]
                verticals += [(left, bottom, top), (right, bottom, top)]
        ys = sorted(_snap(horizontals), reverse=True)
        xs = _snap([v[0] for v in verticals])
        if len(ys) >= 3 and len(xs) >= 3:
            grids.append(_Grid(ys=ys, xs=xs, verticals=verticals))
    return grids


def _cell_text(raw: str) -> str:
    """A cell's lines joined; the tail of a word broken by a narrow column ("Salgsinntekt" / "er") is
    glued to it."""
    from flows.reports.layout.tables import _word_piece

    text = ""
    for part in (" ".join(p.split()) for p in raw.splitlines()):
        if part:
            text = f"{text}{part}" if text and _word_piece(part) else f"{text} {part}".strip()
    return text


def grid_rows(page, textpage) -> tuple[list[_Grid], list[tuple[float, list[Seg], int]]]:
    """The ruled tables of a page (two or more rows, two or more cells in a row) and their rows as
    (middle, cells, number of the grid on the page)."""
    paths = _path_bounds(page)
    grids, rows = [], []
    for grid in ruled_tables(paths):
        found = grid.rows(textpage)
        if len(found) < 2 or max(len(cells) for _, cells in found) < 2:
            continue
        grids.append(grid)
        rows.extend((middle, cells, len(grids)) for middle, cells in found)
    return grids, rows


def _path_bounds(page) -> list[tuple[float, float, float, float]]:
    """(left, bottom, right, top) of the page's top-level path objects. pdfium is asked directly: the
    helper's page-object wrappers cost more than the rest of this reader's work on a page of text; and through
    plain-address prototypes (`_raw_objects`), as the word boxes are read (layout/pdf.py), since every object of
    every page is asked for its type."""
    import pypdfium2.raw as pdfium_raw

    get_object, get_type, get_bounds = _raw_objects()
    handle = ctypes.cast(page.raw, ctypes.c_void_p).value
    box = (ctypes.c_float * 4)()
    at = [ctypes.addressof(box) + 4 * k for k in range(4)]
    path = pdfium_raw.FPDF_PAGEOBJ_PATH
    out = []
    for i in range(pdfium_raw.FPDFPage_CountObjects(page.raw)):
        obj = get_object(handle, i)
        if obj and get_type(obj) == path and get_bounds(obj, *at):
            out.append((box[0], box[1], box[2], box[3]))
    return out


@lru_cache(maxsize=1)
def _raw_objects():
    """pdfium's FPDFPage_GetObject, FPDFPageObj_GetType and FPDFPageObj_GetBounds called with plain addresses and the
    GIL kept (PYFUNCTYPE: a lookup this short costs less than releasing it): the same calls, without ctypes converting
    their arguments."""
    import pypdfium2.raw as pdfium_raw

    def raw(func, restype, *argtypes):
        return ctypes.PYFUNCTYPE(restype, *argtypes)(ctypes.cast(func, ctypes.c_void_p).value)

    vp = ctypes.c_void_p
    return (raw(pdfium_raw.FPDFPage_GetObject, vp, vp, ctypes.c_int),
            raw(pdfium_raw.FPDFPageObj_GetType, ctypes.c_int, vp),
            raw(pdfium_raw.FPDFPageObj_GetBounds, ctypes.c_int, vp, vp, vp, vp, vp))
