"""Tables whose cells a text extraction ran together without any space ("Sysselsette461 092460 964-1280,0",
"Avtalte årsverk354 204,5356 650,02 4460,7"): a space is then only ever a thousands separator inside a figure,
so a row reads as label + n figures of the number grammar (`segment.cuts`: -d{1,3}( ddd)*(,d+)?) cut where no
space is.

A run of at least two such rows (word-only section lines between them allowed) is read with the one n every
row can be cut into; where a row cuts more than one way, the reading whose figures have the digit counts of
the column's figures in the rows that cut one way wins. The rows become cells on a grid (label in column 0,
figures in 1..n); head lines run together the same way ("20112012Endring i absolutte tallEndring i prosent" /
"2011 - 20122011 - 2012") name the columns when they count n heads.

When a header line right above the run names the columns ("NoteRegnskapJustert budsjett...", " Not201620152014"),
its count of value columns is n and a note column lets a 1-2 digit note stand before the first figure: every
cut of a row into n figures is a candidate, and `arithmetic.settle` decides between them with the table's own
arithmetic (fixed decimals per column, a variance column, rows that sum the rows above them). A row the evidence
does not decide keeps only the figures all its cuts agree on, and leaves a warning with page and line.

A line of figures only under a row of the run (blank lines between allowed) holds the rest of that row's
figures: a line break is a cell boundary (`segment.BREAK`), never a place inside a figure ("Omsetning14 030" /
"" / "13 620" reads 14 030 | 13 620). Minus signs are any dash the number grammar knows (en dash, U+2212).
"""
from __future__ import annotations

import re
from dataclasses import replace

from flows.reports.figure_years import YEAR as _YEAR
from flows.reports.layout.model import Line, Seg
from flows.reports.numbers import normalise_minus, split_glued_minus
from flows.reports.segment import BREAK, cuts

_ROW = re.compile(r"^(?P<label>[^\d\n]*[^\W\d_])(?P<values>-?\d[\d ,\-]*)$")
# a row under a header that names its columns: the label may end in ")" and stand a space before the figures
# ("Skatt 214 000 000215 500 000"), the figures may be dashes only ("Andre skatter ----")
# ("Sum bevilgninger drift (1B)840 379820 308": digits the label's letters or bracket close belong to the label)
# a row code before the label ("1 Rammetilskot 2 948 1282 971 6392 802 827", "12. Lønn 5 897 6255 635 096") is the label's
_HEADED_ROW = re.compile(r"^(?P<label>(?:\d{1,3}[a-z]?\.?\s+(?=[A-ZÆØÅÄÖ]))?(?:[^\d\n]|\d+(?=[^\W\d_]|\)))*?(?:[^\W\d_]|[).%]))\s?"
                         r"(?P<values>(?:-\s?)*\d[\d .,%\-]*|-{2,})$")
# a line of figures only: the rest of the row above it ("13 620" under "Omsetning14 030")
_FIGURES_ONLY = re.compile(r"^(?:-\s?)?\d[\d .,%\-]*$")
_TABLE_ID_BASE = 60_000
_MAX_N = 12
_MAX_CUTS = 200  # cuts of one row weighed by the columns' digit counts


def _glued(values: str) -> bool:
    """Figures run together: a digit run longer than a thousands group after a space, a minus inside
    a run, or decimals running on into the next figure's digits and a space."""
    v = values.strip()
    if BREAK in v:
        return True  # the row's figures go on on a line of their own
    if not v or " " * 2 in v:
        return False
    # a minus right after a figure starts the next cell ("13,4-1,4-10,5 %"): by itself it shows no figures run
    # together, only where no space is between cells; the rest of the row must show that
    # a row with no space between any of its figures is run together whatever its minus signs say ("-11-10-1")
    if " " in v:
        v = " ".join(split_glued_minus(v))
    # a leading digit run longer than a thousands group before one ("8121 004"), or six digits and more before a
    # decimal comma ("19452431,25"), is no figure of the grammar either
    return bool(re.search(r" \d{4}|\d-\d|,\d+ \d|,\d{2,},|,\d+-|%-?\d|\.\d{4}|^-?\d{4,} \d{3}(?!\d)|(?<![\d ])\d{6,},\d", v)
                or re.search(r",\d+\d{3} ", v))


def _match(row: re.Pattern[str], text: str) -> re.Match[str] | None:
    """The row pattern matched on the text with every minus sign read as "-" (same length, so the label's span
    is the printed label's)."""
    return row.match(normalise_minus(text))


def _row_values(lines: list[Line], block: list[int], i: int, row: re.Pattern[str]) -> tuple[str, list[int]]:
    """The figures of row line i: its own, and those of the figure-only lines of the block below it before the
    next row, each after a `BREAK`; with the indexes of those lines."""
    values = _match(row, lines[i].text.strip()).group("values")
    more: list[int] = []
    j = i + 1
    while j < len(lines) and lines[j].page == lines[i].page and lines[j].segs is None and lines[j].table_id is None:
        text = normalise_minus(lines[j].text.strip())
        if text and (not _FIGURES_ONLY.match(text) or _match(row, text) or j not in block):
            break
        if text:
            values, more = f"{values} {BREAK} {text}", more + [j]
        j += 1
    return values, more


def _between(lines: list[Line], i: int, more: list[int]) -> list[int]:
    """The blank lines between a row and the last line of figures it goes on to."""
    return [j for j in range(i + 1, more[-1]) if not lines[j].text.strip()] if more else []


def _digits(figure: str) -> int:
    return len(re.sub(r"\D", "", figure.split(",")[0]))


def _decimals(figure: str) -> int:
    return len(figure.split(",")[1]) if "," in figure else 0


def read_rows(values: list[str]) -> list[tuple[str, ...] | None] | None:
    """The one n every row cuts into, and each row's figures; None when no n fits the rows. Where no n fits
    every row, the n all rows but one cut into (two rows at least) is the table's: the row that does not cut
    (a row cut off by the page, "Andel menn52,149,3") reads as None."""
    counts = {n: sum(bool(cuts(v.strip(), n, _MAX_CUTS)) for v in values) for n in range(2, _MAX_N + 1)}
    every = [n for n, c in counts.items() if c == len(values)]
    most = [n for n, c in counts.items() if c == len(values) - 1 and c >= 2]
    for n in every[:1] or most[:1]:
        cut = [cuts(v.strip(), n, _MAX_CUTS) for v in values]
        sure = [c[0] for c in cut if len(c) == 1]
        digits = [sorted(_digits(r[j]) for r in sure) for j in range(n)]
        decimals = [sorted(_decimals(r[j]) for r in sure) for j in range(n)]
        med = [d[len(d) // 2] if d else None for d in digits]
        dec = [d[len(d) // 2] if d else None for d in decimals]

        def misfit(row: tuple[str, ...]) -> tuple[float, float, int]:
            # where a figure's decimals end is the ambiguity: the column's decimals first, then its magnitude
            return (sum(abs(_decimals(f) - d) for f, d in zip(row, dec) if d is not None),
                    sum(abs(_digits(f) - m) for f, m in zip(row, med) if m is not None),
                    sum(_decimals(f) for f in row))

        return [min(c, key=misfit) if c else None for c in cut]
    return None


def _heads(lines: list[str], n: int) -> list[str] | None:
    """Heads run together: years and capitalised phrases on the top line, year ranges below it for the
    last columns ("2011 - 20122011 - 2012")."""
    if not lines:
        return None
    top = re.findall(rf"{_YEAR}|[A-ZÆØÅ][^A-ZÆØÅ\d]*", lines[0])
    top = [" ".join(t.split()) for t in top if t.strip()]
    if len(top) != n:
        return None
    return top


def _ranges(lines: list[str], n: int) -> list[str]:
    """Year ranges under the last heads ("2011 - 20122011 - 2012"), as printed."""
    if len(lines) < 2:
        return []
    ranges = [" ".join(r.split()) for r in re.findall(rf"{_YEAR}\s*[-–]\s*{_YEAR}", lines[1])]
    if ranges and len(ranges) <= n and len(re.sub(rf"{_YEAR}\s*[-–]\s*{_YEAR}", "", lines[1]).strip()) == 0:
        return ranges
    return []


# a scale the row's label prints right before its figures ("Balansomslutning, 1 000 €18 51819 093", "Eiendeler (mill.
# kr)1 2341 198"): the "1 000" is the scale's, no figure; the label ends before it
_CURRENCY_WORD = r"(?:€|eur|euro|kr\.?|kroner|kronor|nok|sek|dkk)"
_LABEL_SCALE = re.compile(
    rf"(?i)^(?P<label>[^\d\n]*[^\W\d_][^\d\n(,]*?)(?P<sep>\s*,\s*|\s*(?=\()|\s+(?:i|in)\s+)"
    rf"(?P<scale>\(?(?:i\s+)?(?:1[ .\u00a0]?000\s*{_CURRENCY_WORD}|(?:mill|mrd|mio|mn)\.?\s*{_CURRENCY_WORD}"
    rf"|tkr|mnkr|mkr|tsek|msek|teur|meur|k€|t€|tnok|mnok)\)?)(?P<values>\s?-?\d[\d ,\-\u2212\u2013]*)$")


def label_scale(text: str) -> tuple[str, str, str] | None:
    """(label, scale, figures) of a row whose label ends with the scale of its figures, printed right before them
    ("Balansomslutning, 1 000 €18 51819 093" -> "Balansomslutning", "1 000 €", "18 51819 093"); None otherwise."""
    from flows.reports.layout.scale import scale_of

    m = _LABEL_SCALE.match(text.strip())
    if not m or not scale_of(m.group("scale")):
        return None
    return m.group("label").strip(), m.group("scale").strip("() "), m.group("values").strip()


def _scales_out(lines: list[Line]) -> list[Line]:
    """The lines as the run readers see them: a plain row whose label ends with its figures' scale prints its label
    and figures only, and carries the scale as its unit."""
    out = []
    for line in lines:
        found = label_scale(line.text) if line.segs is None and line.table_id is None and re.search(r"\d", line.text) else None
        if found and not _years_only(found[2]):  # "Resultatregnskap (1000 kr)20212020" is the head, its scale the table's
            line = replace(line, text=f"{found[0]}{found[2]}", unit=found[1])
        out.append(line)
    return out


def expand_glued(lines: list[Line], warnings: list[str] | None = None) -> list[Line]:
    printed = lines
    lines = _scales_out(lines)
    out: list[Line | None] = list(printed)  # a row read into no table keeps its label as printed
    before: dict[int, list[Line]] = {}
    k = 0
    table_no = 0
    while k < len(lines):
        block = _block(lines, k, _HEADED_ROW)
        headed = _read_headed(lines, block, _TABLE_ID_BASE + table_no, warnings) if block else None
        if headed is not None:
            table_no += 1
            header_at, header, rewritten = headed
            out[header_at] = header
            for i, line in rewritten.items():
                out[i] = line
            k = block[-1] + 1
            continue
        block = _block(lines, k)
        if not block:
            k += 1
            continue
        rows = [i for i in block if _match(_ROW, lines[i].text.strip())]
        more = {i: _row_values(lines, block, i, _ROW) for i in rows}
        read = read_rows([more[i][0] for i in rows])
        if read:
            tid = _TABLE_ID_BASE + table_no
            table_no += 1
            n = len(next(r for r in read if r))
            for i, figures in zip(rows, read):
                m = _match(_ROW, lines[i].text.strip())
                label = lines[i].text.strip()[:m.end("label")].strip()
                if figures is None:
                    if warnings is not None:
                        warnings.append(f"figures run together at page {lines[i].page} line {lines[i].number} cut into no "
                                        f"{n} columns as the rows around them do; no figure read: {lines[i].text.strip()[:80]}")
                    figures = ()
                segs = [Seg(label, 0.0, 1.0)] + [Seg(f, float(j + 1), float(j + 2)) for j, f in enumerate(figures)]
                out[i] = Line(page=lines[i].page, number=lines[i].number, text=" ".join(s.text for s in segs),
                              segs=segs, table_id=tid, joined=tuple(lines[j].number for j in more[i][1]),
                              unit=lines[i].unit)
            going_on = {j for i in rows for j in more[i][1] + _between(lines, i, more[i][1])}
            for i in going_on | _blank_inside(lines, block):
                out[i] = None
            for i in block:
                if i in going_on:
                    out[i] = None
                elif i not in rows:
                    words = " ".join(lines[i].text.split())
                    out[i] = Line(page=lines[i].page, number=lines[i].number, text=words, table_id=tid,
                                  segs=[Seg(words, 0.0, 1.0)]) if words else None
            head_idx = _head_lines(lines, block[0])
            heads = _heads([lines[i].text.strip() for i in head_idx], n)
            corner = None
            if not heads:
                head_idx, heads, corner = _word_heads(lines, block[0], n)
            if heads:
                segs = [Seg(h, float(j + 1), float(j + 2)) for j, h in enumerate(heads)]
                if corner:
                    segs.insert(0, Seg(corner, 0.0, 1.0))
                first = lines[head_idx[0]]
                header = Line(page=first.page, number=first.number, text=" ".join(heads), segs=segs,
                              header=True, table_id=tid, joined=tuple(lines[i].number for i in head_idx[1:]))
                for i in head_idx:
                    out[i] = None
                before[block[0]] = [header]  # notes between the heads and the rows stay where they are
                ranges = _ranges([lines[i].text.strip() for i in head_idx], n)
                if ranges:
                    rsegs = [Seg(r, float(n - len(ranges) + j + 1), float(n - len(ranges) + j + 2)) for j, r in enumerate(ranges)]
                    before[block[0]].append(Line(page=first.page, number=lines[head_idx[-1]].number, text=" ".join(ranges),
                                                 segs=rsegs, header=True, table_id=tid))
                    header.joined = ()

        k = block[-1] + 1
    result: list[Line] = []
    for i, line in enumerate(out):
        result.extend(before.get(i, []))
        if line is not None:
            result.append(line)
    return result


def _head_lines(lines: list[Line], first: int) -> list[int]:
    """The one or two lines of heads nearest above the run: lines with years in them."""
    found: list[int] = []
    k = first - 1
    while k >= 0 and first - k <= 8 and lines[k].page == lines[first].page:
        if re.match(rf"^{_YEAR}", lines[k].text.strip()):
            found.insert(0, k)
            if k - 1 >= 0 and re.match(rf"^{_YEAR}", lines[k - 1].text.strip()):
                found.insert(0, k - 1)
            return found
        k -= 1
    return found


# a capitalised word run into the word before it: where a web extraction lost the cell boundary of a head
# ("TjenesteområdeSykefraværKorttidsfraværLangtidsfravær")
_CASE_CUT = re.compile(r"(?<=[a-zæøåäö])(?=[A-ZÆØÅÄÖ][a-zæøåäö])")


def _word_heads(lines: list[Line], first: int, n: int) -> tuple[list[int], list[str] | None, str | None]:
    """([line index], heads) of a head of words run together right above the run (blank lines between allowed): the
    label column's head and the n value columns' heads, each starting with a capital run into the word before it
    ("TjenesteområdeSykefraværKorttidsfraværLangtidsfravær" over rows of three figures). Only a head that cuts into
    exactly n + 1 words or phrases at its case changes names the columns; the first is the label column's head."""
    k = first - 1
    while k >= 0 and first - k <= 3 and lines[k].page == lines[first].page and not lines[k].text.strip():
        k -= 1
    if k < 0 or lines[k].page != lines[first].page or lines[k].segs is not None or lines[k].table_id is not None:
        return [], None, None
    text = " ".join(lines[k].text.split())
    if not text or re.search(r"\d", text) or len(text) > 160:
        return [], None, None
    parts = [p.strip() for p in _CASE_CUT.split(text)]
    if len(parts) != n + 1 or not all(p and len(p) <= 40 and len(p.split()) <= 4 for p in parts):
        return [], None, None
    return [k], parts[1:], parts[0]


def _block(lines: list[Line], start: int, row: re.Pattern[str] = _ROW) -> list[int]:
    first = lines[start]
    if first.segs is not None or first.table_id is not None:
        return []
    m0 = m = _match(row, first.text.strip())
    if not m:
        return []
    block, glued, gap, last_row, continued = [], 0, 0, None, set()
    for i in range(start, len(lines)):
        line = lines[i]
        if line.page != first.page or line.segs is not None or line.table_id is not None:
            break
        text = normalise_minus(line.text.strip())
        m = _match(row, text)
        if m and len(m.group("label")) <= 80:
            block.append(i)
            glued += _glued(m.group("values"))
            gap, last_row = 0, i
        elif last_row is not None and _FIGURES_ONLY.match(text):
            glued += last_row not in continued  # a row printed over lines is a row run together
            continued.add(last_row)
            block.append(i)
            gap = 0
        elif not text or (len(text.split()) <= 4 and not re.search(r"\d", text)):
            gap += 1
            if gap > 3:
                break
            if text:
                block.append(i)
        else:
            break
    while block and not _match(row, lines[block[-1]].text.strip()) \
            and not _FIGURES_ONLY.match(normalise_minus(lines[block[-1]].text.strip())):
        block.pop()
    return block if glued >= 2 and (_glued(m0.group("values")) or _row_values(lines, block, start, row)[1]) else []


def _years_only(values: str) -> bool:
    """Head figures that are years only, or dates naming a year's column ("20162015", "31.12.202331.12.2022")."""
    from flows.reports.layout.headers import YEAR_RE, space_glued_dates

    if re.fullmatch(rf"(?:{_YEAR}\s*)+", values):
        return True
    spaced = space_glued_dates(values)
    return spaced != values and not re.search(r"\d", YEAR_RE.sub("", spaced))


def _header_lines(lines: list[Line], first: int) -> list[tuple[list[int], list]]:
    """The headers that may name the run's columns, nearest first: (line indexes, columns) of the line nearest
    above the run, then of it with the line above it ("RegnskapBudsjettAvvik" over "20312031"); each names two or
    more columns, one by a year or a scenario word. One section label ("Driftsinntekter") may stand between the
    header and the run."""
    from flows.reports.layout.headers import columns_from_text, split_header

    def heads_only(text: str) -> bool:
        row = _HEADED_ROW.match(text)  # figures other than years ("Not201620152014" names columns)
        return bool(split_header(text)) and (not row or bool(_years_only(row.group("values"))))

    k, skipped = first - 1, 0
    while k >= 0 and first - k <= 5 and lines[k].page == lines[first].page:
        text = lines[k].text.strip()
        if text:
            row = _HEADED_ROW.match(text)
            if lines[k].segs is not None or lines[k].table_id is not None \
                    or (row and not _years_only(row.group("values"))):
                return []
            out = []
            above = k - 1 if k > 0 and lines[k - 1].page == lines[k].page and lines[k - 1].segs is None \
                and lines[k - 1].table_id is None else None
            for at in ([k], [above, k] if above is not None else []):
                heads = [lines[i].text.strip() for i in at]
                if not at or not all(heads_only(h) for h in heads):
                    continue
                columns = columns_from_text(heads)
                if sum(c.year is not None or c.scenario not in ("other", "note") for c in columns) >= 1 \
                        and sum(not c.note for c in columns) >= 2:
                    out.append((at, columns))
            if out:
                return out
            if skipped or len(text.split()) > 4 or re.search(r"\d", text):
                return []
            skipped += 1
        k -= 1
    return []


def _read_headed(lines: list[Line], block: list[int], tid: int, warnings: list[str] | None
                 ) -> tuple[int, Line, dict[int, Line | None]] | None:
    """The run read under the header line above it: (header line index, header, rewritten lines), or None
    when no header names two or more value columns or the rows do not cut into that many figures."""
    from flows.reports.layout.arithmetic import settle
    from flows.reports.segment import readings

    rows = [i for i in block if _match(_HEADED_ROW, lines[i].text.strip())]
    parsed = {i: _match(_HEADED_ROW, lines[i].text.strip()) for i in rows}
    more = {i: _row_values(lines, block, i, _HEADED_ROW) for i in rows}
    going_on = {j for i in rows for j in more[i][1] + _between(lines, i, more[i][1])}
    for used, columns in _header_lines(lines, block[0]):
        values = [c for c in columns if not c.note]
        note = len(values) < len(columns)
        n = len(values)
        cands = [readings(more[i][0], n, note=note) for i in rows]
        if sum(bool(c) for c in cands) >= max(2, (len(rows) + 1) // 2):
            break  # else the header does not describe these rows
    else:
        return None
    decisions = settle(cands, values)
    at = used[-1]
    first = lines[used[0]]
    from flows.reports.layout.headers import split_header

    # the words a head line prints before its first head ("Resultatregnskap (1000 kr)20212020") stay in its text,
    # where the table's scale declaration is looked for; the cells are the heads alone
    spans = split_header(first.text.strip())
    lead = first.text.strip()[:spans[0][1]].strip() if spans and not any(c.note for c in columns) else ""
    lead = lead if re.search(r"[^\W\d_]{2}", lead) else ""
    header = Line(page=first.page, number=first.number, text=" ".join([lead] * bool(lead) + [c.label for c in values]),
                  header=True, table_id=tid,
                  segs=[Seg(c.label, float(j + 1), float(j + 2)) for j, c in enumerate(values)],
                  joined=tuple(lines[i].number for i in used[1:]))
    rewritten: dict[int, Line] = {}
    for i in range(at + 1, block[0]):
        words = " ".join(lines[i].text.split())
        if words:
            rewritten[i] = Line(page=lines[i].page, number=lines[i].number, text=words, table_id=tid,
                                segs=[Seg(words, 0.0, 1.0)])
    for i in block:
        line = lines[i]
        if i in going_on:
            rewritten[i] = None
            continue
        if i not in parsed:
            words = " ".join(line.text.split())
            rewritten[i] = Line(page=line.page, number=line.number, text=words, table_id=tid,
                                segs=[Seg(words, 0.0, 1.0)]) if words else None
            continue
        decision = decisions[rows.index(i)]
        label = line.text.strip()[:parsed[i].end("label")].strip()
        if decision.reading is not None:
            figures = dict(enumerate(decision.reading.figures))
            code = decision.reading.note
        else:
            figures, code = decision.agreed, None
            if warnings is not None:
                what = "cuts into no" if not decision.candidates else f"cuts {decision.candidates} ways into"
                warnings.append(f"figures run together at page {line.page} line {line.number} {what} {n} columns; "
                                f"{'kept the columns every cut agrees on' if figures else 'no figure read'}: {line.text.strip()[:80]}")
        segs = ([Seg(code, -1.0, -0.5)] if code else []) + [Seg(label, 0.0, 1.0)] \
            + [Seg(f, float(j + 1), float(j + 2)) for j, f in sorted(figures.items())]
        rewritten[i] = Line(page=line.page, number=line.number, text=" ".join(sg.text for sg in segs), segs=segs,
                            table_id=tid, joined=tuple(lines[j].number for j in more[i][1]), unit=line.unit)
    for i in used[:-1]:
        rewritten[i] = None
    for i in going_on | _blank_inside(lines, block):
        rewritten[i] = None
    return at, header, rewritten


def _blank_inside(lines: list[Line], block: list[int]) -> set[int]:
    """The blank lines between the first and the last line of a run: rows parted by blank lines are rows of one
    table until a heading or a line of prose ends the run (`_block`), so no blank line may end it early."""
    return {i for i in range(block[0], block[-1]) if not lines[i].text.strip()} if block else set()
