"""Rows whose last figure a text extraction ran into the next row's line code: "810 Lønn 734,2820 Barnehage
1 200,5830 Skole 2 310,7" is three rows 810 Lønn 734,2 / 820 Barnehage 1 200,5 / 830 Skole 2 310,7 (on one line,
or one row a line with the next row's code at the end of each).

The table's own pattern decides where a figure ends and the code starts: every code has the same digit count,
the codes rise, and the figures of the column have a fixed count of decimals (the last row, whose figure no code
follows, shows it). Every reading (digit count of the codes, decimals of the figures) that fits all rows is
tried; the rows are rewritten only when exactly one fits, and only where the first row prints its own code, the row
above prints a code of the same digit count that the glued codes follow, or two codes of two digits or more stand
glued. Whole figures (no decimals) are read only where the
first row prints its own code, so that the digit count is known.
"""
from __future__ import annotations

import re

from flows.reports.layout.model import Line

_RUN = re.compile(r"(?<![^\W\d_])-?\d(?:[\d,]|[ \u00a0](?=-?\d))*")
_LABEL = re.compile(r"^[^\W\d_][^\d]*$")
_MAX_CODE = 4
_MAX_DECIMALS = 3


def _values(run: str, decimals: int) -> list[str] | None:
    """The figures of a run, every one with `decimals` decimals; None when the run is not such figures."""
    if decimals:
        fig = rf"-?(?:\d{{1,3}}(?: \d{{3}})+|\d+),\d{{{decimals}}}"
        if not re.fullmatch(rf"{fig}(?: {fig})*", run):
            return None
        return re.findall(rf"(?:^| )({fig})(?= |$)", run) or None
    if re.fullmatch(r"-?(?:\d{1,3}(?: \d{3})+|\d+)", run):
        return [run]
    return None


def _parts(text: str) -> tuple[str | None, list[tuple[str, str]]] | None:
    """(leading code, [(label, figure run)]) of a text made of labels each followed by a run of figures."""
    text = " ".join(text.replace("\u00a0", " ").split())
    runs = list(_RUN.finditer(text))
    if len(runs) < 2:
        return None
    lead = None
    pos = 0
    if runs[0].start() == 0:
        if not re.fullmatch(r"\d{1,4}", runs[0].group()):
            return None
        lead = runs[0].group()
        pos = runs[0].end()
        runs = runs[1:]
    out = []
    for m in runs:
        label = text[pos:m.start()].strip()
        if not _LABEL.match(label):
            return None
        out.append((label, m.group()))
        pos = m.end()
    if text[pos:].strip() or len(out) < 2:
        return None
    return lead, out


def _read(lead: str | None, parts: list[tuple[str, str]], k: int, d: int,
          above: str | None = None) -> list[tuple[str, str, list[str]]] | None:
    rows = []
    code = lead
    for n, (label, run) in enumerate(parts):
        nxt = None
        if n < len(parts) - 1:
            if len(run) <= k or not run[-k:].isdigit() or not run[-k - 1].isdigit():
                return None  # the next code must stand glued to the figure
            run, nxt = run[:-k], run[-k:]
            if nxt.startswith("0"):
                return None
        values = _values(run, d)
        if values is None:
            return None
        rows.append((code, label, values))
        code = nxt
    codes = [int(c) for c, _, _ in rows if c is not None]
    if any(b <= a for a, b in zip(codes, codes[1:])):
        return None
    if lead is not None and len(lead) != k:
        return None
    if above is not None and lead is None:
        # the row above prints its code: the codes of the run have its digit count and follow it
        if len(above) != k or not codes or codes[0] <= int(above):
            return None
    elif lead is None and (len(codes) < 2 or k < 2):
        return None  # with no code of its own printed, two glued codes of two digits or more show the pattern
    if len({len(v) for _, _, v in rows}) != 1:
        return None
    return rows


def split_rows(text: str, above: str | None = None) -> list[tuple[str | None, str, list[str]]] | None:
    """(code, label, figures) of every row run together in `text`, or None unless exactly one reading fits;
    `above` is the code the row above prints, if any."""
    found = _parts(text)
    if found is None:
        return None
    lead, parts = found
    readings = []
    for k in range(1, _MAX_CODE + 1):
        for d in range(0, _MAX_DECIMALS + 1):
            if d == 0 and lead is None:
                continue
            rows = _read(lead, parts, k, d, above)
            if rows is not None:
                readings.append(rows)
    return readings[0] if len(readings) == 1 else None


def _candidate(line: Line) -> bool:
    return line.segs is None and line.table_id is None and bool(_RUN.search(line.text)) \
        and bool(re.search(r"\d\s*$", line.text)) and bool(re.search(r"[^\W\d_]", line.text))


def expand_glued_codes(lines: list[Line]) -> list[Line]:
    """Lines of rows run into the next row's code, rewritten one row a line with its code in front."""
    out: list[Line] = []
    i = 0
    n = len(lines)
    while i < n:
        if not _candidate(lines[i]):
            out.append(lines[i])
            i += 1
            continue
        j = i + 1
        while j < n and lines[j].page == lines[i].page and _candidate(lines[j]):
            j += 1
        block = lines[i:j]
        above = _code_above(lines, i)
        rows = split_rows(" ".join(line.text for line in block), above)
        if rows is None and len(block) > 1:  # each line on its own
            for at, line in enumerate(block, start=i):
                one = split_rows(line.text, _code_above(lines, at))
                out.extend(_rewrite(line, one) if one else [line])
        elif rows is None:
            out.extend(block)
        else:
            out.extend(_rewrite(block[0], rows, block))
        i = j
    return out


def _code_above(lines: list[Line], i: int) -> str | None:
    """The line code the nearest row above prints ("810 Lønn 734,2"), if it prints one."""
    k = i - 1
    while k >= 0 and not lines[k].text.strip() and i - k <= 2:
        k -= 1
    if k < 0 or lines[k].page != lines[i].page:
        return None
    m = re.match(r"\s*(\d{1,4})\s+[^\W\d_]", lines[k].text)
    return m.group(1) if m else None


def _rewrite(line: Line, rows: list[tuple[str | None, str, list[str]]], block: list[Line] | None = None) -> list[Line]:
    block = block or [line]
    # one line a row keeps its own line number where the block printed one row a line
    numbers = [b.number for b in block] if len(block) == len(rows) else [line.number] * len(rows)
    return [Line(page=line.page, number=num, text=" ".join(filter(None, (code, label))) + "  " + "  ".join(values), heading=0)
            for (code, label, values), num in zip(rows, numbers)]
