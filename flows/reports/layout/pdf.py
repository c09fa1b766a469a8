"""PDF -> lines from character boxes (pdfium): characters on one baseline are a line, read left
to right; a horizontal gap wider than about half an em splits the line into cells (table columns,
label vs. figures), a narrower one is a space. Ruled and borderless tables read alike: columns are
found later by x-alignment with the header cells (`tables`). A page printed in two text columns
is read column by column (`columns`)."""
from __future__ import annotations

import ctypes
import re
import struct
from functools import lru_cache
from operator import itemgetter

from flows.reports.extract import open_pdf
from flows.reports.layout.columns import gutter_bands, justified
from flows.reports.layout.model import Line, Seg
from flows.reports.layout.ruled import grid_rows
from flows.reports.model import DocumentError

_CELL_GAP = 0.6  # x gap / line height (loose glyph box) above which a line splits into cells
_SPACE_GAP = 0.2  # x gap / line height above which words are separated by a space


def read_lines(name: str, data: bytes, page: int | None = None) -> list[Line]:
    """Every page's lines, or only those of `page` (1-based; the source viewer reads one page)."""
    doc = open_pdf(name, data)
    out: list[Line] = []
    chars_total = 0
    tables = 0  # ruled tables so far: their rows share a table_id
    try:
        if len(doc) == 0:
            raise DocumentError(name, "PDF without pages")
        if page is not None and not 1 <= page <= len(doc):
            raise DocumentError(name, f"has no page {page} (pages 1-{len(doc)})")
        for index in (range(len(doc)) if page is None else [page - 1]):
            pdf_page = doc[index]
            textpage = pdf_page.get_textpage()
            try:
                chars = page_chars(textpage)
                chars_total += len(chars)
                width = pdf_page.get_width()
                grids, grid_lines = grid_rows(pdf_page, textpage) if chars else ([], [])
                if grids:  # text inside a ruled table is read cell by cell (layout/ruled.py)
                    chars = _outside(chars, grids)
                lines = page_lines(index + 1, chars, width, [(m, cells, tables + k) for m, cells, k in grid_lines])
                tables += len(grids)
                out.extend(lines)
            finally:
                textpage.close()
                pdf_page.close()
    except DocumentError:
        raise
    except Exception as exc:  # damaged content streams surface as anything
        raise DocumentError(name, f"corrupt PDF: the pages cannot be read ({type(exc).__name__}: {str(exc)[:120]})") from exc
    finally:
        doc.close()
    if chars_total == 0:
        raise DocumentError(name, "no text layer; OCR is not supported (scanned or image-only PDF)")
    return out


def _outside(chars: list[tuple], grids: list) -> list[tuple]:
    """The words whose middle stands in none of the grids (a point of tolerance around each grid's box; the boxes
    worked out once, not once a word)."""
    boxes = [(left - 1, bottom - 1, right + 1, top + 1) for left, bottom, right, top in (g.box for g in grids)]
    out = []
    for c in chars:
        x, y = (c[0] + c[2]) / 2, (c[1] + c[3]) / 2
        if not any(left <= x <= right and bottom <= y <= top for left, bottom, right, top in boxes):
            out.append(c)
    return out


def page_chars(textpage) -> list[tuple]:
    """(left, bottom, right, top, text, space_before) of every word of the text layer: the stream is
    split at whitespace (pdfium writes a space where glyphs stand apart and a line break where a line
    ends), and only a word's first and last glyph boxes are asked for -- a word has no gaps inside.
    A glyph's box is its loose box (font ascent/descent, advance width); pdfium is called directly with
    one reused rectangle, inline: this runs for every word of every page."""
    import pypdfium2.raw as pdfium_c

    n = textpage.count_chars()
    if not n:
        return []
    text = textpage.get_text_range(0, n)[:n]
    rect, loose_box, box = pdfium_c.FS_RECTF(), _loose_box(), _RECT.unpack_from
    handle, at = ctypes.cast(textpage.raw, ctypes.c_void_p).value, ctypes.addressof(rect)

    out = []
    append = out.append
    for m in _WORD.finditer(text):
        first, last = m.span()
        last -= 1
        if loose_box(handle, first, at):
            l0, t0, r0, b0 = box(rect)
        else:
            l0 = r0 = b0 = t0 = 0.0
        if last == first:
            l1, r1, b1, t1 = l0, r0, b0, t0
        elif loose_box(handle, last, at):
            l1, t1, r1, b1 = box(rect)
        else:
            l1 = r1 = b1 = t1 = 0.0
        apart, h0, h1 = (b0 + t0) - (b1 + t1), t0 - b0, t1 - b1
        if (apart if apart >= 0 else -apart) > (h1 if h1 > h0 else h0):  # a word broken over two lines (hyphenless)
            for i in range(first, last + 1):
                if loose_box(handle, i, at):
                    l, t, r, b = box(rect)
                    if r > l or t > b:
                        append((l, b, r, t, text[i], i == first))
            continue
        if r1 <= l0 and t0 <= b0:
            continue
        append((l0 if l0 < l1 else l1, b0 if b0 < b1 else b1, r0 if r0 > r1 else r1, t0 if t0 > t1 else t1,
                text[first:last + 1], True))
    return out


@lru_cache(maxsize=1)
def _loose_box():
    """pdfium's FPDFText_GetLooseCharBox called with plain addresses (the text page's, the rectangle's): ctypes then
    converts no argument types, a sixth of the cost of each of the two calls a word takes. Called as a Python-API
    function (PYFUNCTYPE: the GIL kept), since releasing and taking back the GIL around a lookup this short cost more
    than the lookup; the call's arguments, result and calling convention are the same."""
    import pypdfium2.raw as pdfium_c

    address = ctypes.cast(pdfium_c.FPDFText_GetLooseCharBox, ctypes.c_void_p).value
    return ctypes.PYFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p)(address)


_WORD = re.compile(r"[^\s\ufffe\x02]+")
_RECT = struct.Struct("4f")  # pdfium's FS_RECTF read in one call: left, top, right, bottom (its field order)


def page_lines(number: int, chars: list[tuple], width: float, extra: list[tuple[float, list[Seg], int]] = ()) -> list[Line]:
    """Lines of a page from its words (left, bottom, right, top, text, space_before), merged top to
    bottom with `extra` lines given as (middle, cells, table id) -- the rows of ruled tables. Where
    the page is printed in two text columns (`columns.gutter_bands`), those rows are read column by
    column: the left column's lines, then the right one's."""
    rows = [(center, height, _segs(cs, height), cs) for center, height, cs in _rows(chars)]
    table_of: dict[int, int] = {}
    if extra:
        rows = sorted(rows + [(middle, 0.0, segs, None) for middle, segs, _ in extra], key=_neg_first)
        table_of = {id(segs): tid for _, segs, tid in extra}
    bands = gutter_bands([(center, height, segs, cs is None) for center, height, segs, cs in rows])
    lines_segs = _in_columns(rows, bands) if bands else [segs for _, _, segs, _ in rows]
    return [Line(page=number, number=k + 1, text="  ".join(s.text for s in segs), segs=segs, table_id=table_of.get(id(segs)))
            for k, segs in enumerate(lines_segs)]


def _rows(chars: list[tuple]) -> list[list]:
    """[center, height, words] of every printed line: words whose middles lie within about half a
    line height of the line's first word, top to bottom."""
    rows: list[list] = []
    last = None
    middles = [(c[1] + c[3]) / 2 for c in chars]
    # top to bottom, words at one height in the order read (a stable sort, its key a C call: this runs for every word)
    for k in sorted(range(len(chars)), key=middles.__getitem__, reverse=True):
        c = chars[k]
        center, height = middles[k], c[3] - c[1]
        if height < 1.0:
            height = 1.0
        if last is not None and abs(last[0] - center) <= 0.45 * (last[1] if last[1] > height else height):
            last[2].append(c)
            continue
        last = [center, height, [c]]
        rows.append(last)
    return rows


def _segs(cs: list[tuple], height: float) -> list[Seg]:
    """A line's words left to right, joined into cells where they stand closer than the cell gap."""
    cs.sort(key=_left)
    h = sorted([c[3] - c[1] for c in cs])[len(cs) // 2] or height
    cell, space, touch = _CELL_GAP * h, _SPACE_GAP * h, -0.05 * h
    left, x1, ch = cs[0][0], cs[0][2], cs[0][4]
    segs = [[left, x1, [ch]]]  # [x0, x1, words]
    seg = segs[0]
    for left, _, right, _, ch, space_before in cs[1:]:
        gap = left - seg[1]
        if gap > cell:
            seg = [left, right, [ch]]
            segs.append(seg)
            continue
        if gap > space or (space_before and gap > touch):
            seg[2].append(" ")
        seg[2].append(ch)
        if right > seg[1]:
            seg[1] = right
    return [Seg(" ".join("".join(t).split()), x0, x1) for x0, x1, t in segs]


_left = itemgetter(0)  # a word's left edge (a sort key run for every word: C, not a Python call)


def _neg_first(item: tuple) -> float:
    return -item[0]


def _in_columns(rows: list[tuple], bands: list[tuple[int, int, float]], depth: int = 0) -> list[list[Seg]]:
    """The rows' cells in reading order: each band's words split at its gutter into the left
    column's lines, then the right column's (a side printed in two columns itself -- a page in three --
    read the same way); the rows outside the bands as they are."""
    out: list[list[Seg]] = []
    at = 0
    for start, end, gutter in bands:
        out.extend(segs for _, _, segs, _ in rows[at:start])
        words = [c for _, _, _, cs in rows[start:end] for c in cs]
        for side in ([c for c in words if c[0] + c[2] < 2 * gutter], [c for c in words if c[0] + c[2] >= 2 * gutter]):
            side_rows = [(center, height, _segs(cs, height), cs) for center, height, cs in _rows(side)]
            inner = gutter_bands([(center, height, segs, False) for center, height, segs, _ in side_rows]) if depth < 2 else []
            if inner:
                out.extend(_in_columns(side_rows, inner, depth + 1))
            else:
                out.extend(justified(segs, height) for _, height, segs, _ in side_rows)
        at = end
    out.extend(segs for _, _, segs, _ in rows[at:])
    return out
