"""Multi-year overviews printed one value per line ("Femårsöversikt", "Nøkkeltal siste fem år" as a text extraction
of a PDF gives them): a head of n years, then each row's label on a line of its own followed by its n figures, one
per line. The first row's label often stands above the year head (the label column and the years share the PDF's
top line):

    Invånare, den 31/12          <- the first row's label
    2019 2018201720162015        <- the head: n years, some glued together by the extraction
    41 212                       <- n figures
    ...
    Skatteintäkter och utjämning i mnkr
    2 101,4
    ...

`split_glued_years` first cuts a digit run made of consecutive plausible years ("2018201720162015", ascending or
descending) into its years, in any head line (plain text or a PDF cell). `expand_year_overview` then writes the
head as one head line and each row as one line of gap-separated cells, so the table finder reads a table of n year
columns. The scale a row's label names ("i mnkr", "mill. kr", "per invånare i kr", "i procent") is that row's
(`cells`). A row whose figures stand on one line in another shape ("32:68 32:6832:68 ...", tax rates as kr:öre) is
left as printed: it ends no overview, and it is no row of it.
"""
from __future__ import annotations

import re

from flows.reports.layout.model import Line, Seg
from flows.reports.numbers import glue_footnote_mark
from flows.reports.years import YEAR

_RUN = re.compile(r"(?<![\w,.])\d{8,}(?![\w,])")  # a run glued to a word is `glued_heads`
_YEAR_WORD = re.compile(rf"(?<![\d,.]){YEAR}(?![\d,])")
_MIN_RUN_YEARS = 3  # "20192018" alone may be a phone number; a run of three years or a run beside a year is a head
_MAX_LABEL = 90
_MIN_ROWS = 2
_SHORT_END = re.compile(r"(?:\d|(?<!\w)[^\W\d_]{1,5})\.$")
_GLUED_DECIMAL = re.compile(r"-?\d+,(\d+)")
# a unit printed on a line of its own after a row's figures (a unit column of the PDF): "mnkr", "miljoner kr", "%"
_UNIT_LINE = re.compile(r"(?i)\(?(?:mnkr|mkr|tkr|mdkr|msek|tsek|(?:mill|mrd)\.?\s*(?:kr\.?|kroner|kronor)|miljoner(?:\s+(?:kr|kronor))?|"
                        r"miljarder(?:\s+(?:kr|kronor))?|millionar|millioner(?:\s+(?:kr|kroner))?|tusen\s+(?:kr|kroner|kronor)|"
                        r"1\s?000\s*kr|kr\.?|kroner|kronor|%|procent|prosent)\)?")


def _run_years(run: str) -> list[int] | None:
    """The years a glued digit run is made of, when it is consecutive plausible years in one direction."""
    if len(run) % 4:
        return None
    years = [int(run[k:k + 4]) for k in range(0, len(run), 4)]
    if not all(re.fullmatch(YEAR, str(y)) for y in years):
        return None
    steps = {b - a for a, b in zip(years, years[1:])}
    return years if steps in ({1}, {-1}) else None


def unglue_years(text: str) -> str | None:
    """`text` with every glued run of years spaced ("2019 2018201720162015" -> "2019 2018 2017 2016 2015"), or None
    when it holds no such run or is no head: a figure other than a year beside it, or too few years to tell a head
    from a phone or account number."""
    runs = [(m, _run_years(m.group(0))) for m in _RUN.finditer(text)]
    runs = [(m, ys) for m, ys in runs if ys]
    if not runs:
        return None
    out, at = [], 0
    for m, ys in runs:
        out += [text[at:m.start()], " ".join(str(y) for y in ys)]
        at = m.end()
    spaced = "".join(out + [text[at:]])
    if re.search(r"\d", _YEAR_WORD.sub(" ", spaced)):
        return None  # figures besides years: a row, not a head
    years = [int(y) for y in _YEAR_WORD.findall(spaced)]
    if len(years) < _MIN_RUN_YEARS:
        return None
    steps = {b - a for a, b in zip(years, years[1:])}
    if steps not in ({1}, {-1}):
        return None  # the glued run and the years printed apart must make one run of years together
    return spaced


_YEARS_ONLY = re.compile(r"^(?:(?:19|20)\d\d\s*)+$")


def join_broken_year_heads(lines: list[Line]) -> list[Line]:
    """A head of years a text extraction broke over lines ("2016 2017 2018" / "2019 2020") right above a row of
    figures: one head line of gap-separated years, when together the lines count on one year a step, rising or
    falling (three years at least). The lines it was joined from are dropped (`joined` keeps their numbers)."""
    out: list[Line] = []
    k = 0
    while k < len(lines):
        line = lines[k]
        j = k
        while j < len(lines) and lines[j].page == line.page and lines[j].segs is None and lines[j].table_id is None \
                and _YEARS_ONLY.match(lines[j].text.strip()):
            j += 1
        if j - k >= 2 and j < len(lines) and lines[j].page == line.page and re.search(r"[^\W\d_]", lines[j].text) \
                and re.search(r"\d", lines[j].text):
            years = [int(y) for i in range(k, j) for y in lines[i].text.split()]
            steps = {b - a for a, b in zip(years, years[1:])}
            if len(years) >= 3 and steps in ({1}, {-1}):
                out.append(Line(page=line.page, number=line.number, text="  ".join(map(str, years)),
                                joined=tuple(lines[i].number for i in range(k + 1, j))))
                k = j
                continue
        out.append(line)
        k += 1
    return out


def split_glued_years(lines: list[Line]) -> list[Line]:
    """Head lines whose years a text extraction glued together, with the years apart (a PDF cell of glued years
    becomes one cell per year, its width shared out)."""
    out = list(lines)
    for k, line in enumerate(lines):
        if not _RUN.search(line.text):
            continue
        spaced = unglue_years(line.text)
        if spaced is None:
            continue
        segs = line.segs
        if segs is not None:
            new: list[Seg] = []
            for seg in segs:
                m = _RUN.fullmatch(seg.text.strip())
                years = _run_years(m.group(0)) if m else None
                if not years:
                    new.append(seg)
                    continue
                width = (seg.x1 - seg.x0) / len(years)
                new += [Seg(str(y), seg.x0 + j * width, seg.x0 + (j + 1) * width) for j, y in enumerate(years)]
            segs = new
            spaced = "  ".join(s.text for s in segs)
        out[k] = Line(page=line.page, number=line.number, text=spaced, segs=segs, heading=line.heading,
                      table_id=line.table_id, header=line.header, joined=line.joined, prose=line.prose)
    return out


def _head_years(text: str) -> list[int]:
    """The years of a line that is only years (two or more, each once, in one direction), else []."""
    t = " ".join(text.split())
    if not t or re.sub(_YEAR_WORD, "", t).strip():
        return []
    years = [int(y) for y in _YEAR_WORD.findall(t)]
    if len(years) < 2 or len(set(years)) != len(years):
        return []
    ordered = sorted(years)
    return years if years in (ordered, ordered[::-1]) else []


def _value(text: str) -> bool:
    from flows.reports.layout.vertical import _value_only

    t = " ".join(text.split())
    return _value_only(t) and not _YEAR_WORD.fullmatch(t)


def _label(line: Line) -> bool:
    """A row label: a short line of words (its figures may be a date or a scale: "Invånare, den 31/12", "Nettolåneskuld
    i 1000 kr"), no sentence, no heading."""
    t = " ".join(line.text.split())
    if t.endswith(".") and not (len(t.split()) <= 8 and _SHORT_END.search(t)):
        return False  # a sentence; "Innbyggjarar per 31.12.", "Lånegjeld per innb." end in a date or a short word
    return not line.heading and 0 < len(t) <= _MAX_LABEL and sum(ch.isalpha() for ch in t) >= 3 \
        and not t.endswith((":", "?", "!")) and not _value(t) and not _head_years(t)


def _glued_decimals(text: str, n: int) -> list[str] | None:
    """The n figures of a line whose decimal figures a text extraction partly ran together ("11,80 11,8011,80 11,80
    11,55"): every figure prints as many decimals as the first, so each ends after them. None unless that reads
    exactly n figures and consumes the line."""
    tokens = text.split()
    first = _GLUED_DECIMAL.match(tokens[0]) if tokens else None
    if not first:
        return None
    width = len(first.group(1))
    one = re.compile(rf"-?\d{{1,3}},\d{{{width}}}")
    out: list[str] = []
    for token in tokens:
        at = 0
        while at < len(token):
            m = one.match(token, at)
            if not m:
                return None
            out.append(m.group(0))
            at = m.end()
    return out if len(out) == n and len(out) > len(tokens) else None


def _figures_only(text: str) -> bool:
    """A line of figures printed otherwise than one per line ("32:68 32:6832:68 32:68 32:43"): no letters."""
    t = text.strip()
    return bool(re.search(r"\d", t)) and not re.search(r"[^\W\d_]", t)


def expand_year_overview(lines: list[Line]) -> list[Line]:
    plain = [k for k, line in enumerate(lines) if line.segs is None and line.table_id is None and line.text.strip()]
    out = list(lines)

    def same_page(idxs: list[int]) -> bool:
        return len({lines[k].page for k in idxs}) == 1

    def row_at(i: int, n: int) -> tuple[list[int], list[int]] | None:
        """(label lines, value lines) of a row starting at plain[i]: a label (two lines when the second goes on in
        lower case), then exactly n figures, one per line."""
        for width in (1, 2):
            if i + width + n > len(plain):
                return None
            labels = plain[i:i + width]
            if not all(_label(lines[k]) for k in labels) or (width == 2 and not lines[labels[1]].text.strip()[:1].islower()):
                return None
            values = plain[i + width:i + width + n]
            if all(_value(lines[v].text) for v in values) and same_page(labels + values):
                after = i + width + n
                if after < len(plain) and lines[plain[after]].page == lines[values[-1]].page \
                        and _value(lines[plain[after]].text):
                    return None  # more figures than years: another layout
                return labels, values
        return None

    def _overview_goes_on(k: int) -> bool:
        """After a row printed otherwise (label, then a line of figures in another shape): the overview goes on when
        the page or the text ends, a row of n figures follows, or a line that is no label; further rows printed
        otherwise ("Utdebitering" then "varav kommunen", both as kr:öre) are passed over to see which."""
        while k + 1 < len(plain) and lines[plain[k]].page == lines[head].page and _label(lines[plain[k]]) \
                and _figures_only(lines[plain[k + 1]].text) and row_at(k, n) is None:
            k += 2
        return k >= len(plain) or lines[plain[k]].page != lines[head].page or row_at(k, n) is not None \
            or not _label(lines[plain[k]])

    i = 0
    while i < len(plain):
        years = _head_years(lines[plain[i]].text)
        if not years:
            i += 1
            continue
        n = len(years)
        head = plain[i]
        rows: list[tuple[list[int], list[int]]] = []
        spread: dict[int, list[str]] = {}  # a line of glued figures -> its n figures
        first_above = False
        if i >= 1 and _label(lines[plain[i - 1]]) and i + n < len(plain) and lines[plain[i - 1]].page == lines[head].page \
                and all(_value(lines[v].text) for v in plain[i + 1:i + 1 + n]) and same_page(plain[i - 1:i + 1 + n]) \
                and not (i + 1 + n < len(plain) and _value(lines[plain[i + 1 + n]].text)):
            rows.append(([plain[i - 1]], plain[i + 1:i + 1 + n]))  # the first row's label above the head
            first_above = True
            j = i + 1 + n
        else:
            j = i + 1
        while j < len(plain) and lines[plain[j]].page == lines[head].page:
            row = row_at(j, n)
            if row is not None:
                j += len(row[0]) + n
                if j < len(plain) and lines[plain[j]].page == lines[head].page and _UNIT_LINE.fullmatch(
                        " ".join(lines[plain[j]].text.split())):
                    row = (row[0] + [plain[j]], row[1])  # the row's unit printed after its figures joins its label
                    j += 1
                rows.append(row)
                continue
            if j + 1 < len(plain) and _label(lines[plain[j]]) and _figures_only(lines[plain[j + 1]].text) \
                    and rows and _overview_goes_on(j + 2):
                glued = _glued_decimals(lines[plain[j + 1]].text, n)
                if glued is not None:
                    rows.append(([plain[j]], [plain[j + 1]]))
                    spread[plain[j + 1]] = glued
                # else a row printed otherwise (tax rates as "kr:öre"): left as printed, the overview goes on
                j += 2
                continue
            break
        if len(rows) < _MIN_ROWS:
            i += 1
            continue
        _write(out, lines, head, years, rows, first_above, spread)
        i = j
    return out


def _write(out: list[Line], lines: list[Line], head: int, years: list[int], rows: list[tuple[list[int], list[int]]],
           first_above: bool, spread: dict[int, list[str]]) -> None:
    texts = [str(y) for y in years]
    head_line = lines[head]
    cells = [glue_footnote_mark(" ".join(lines[v].text.split())) for v in rows[0][1]]
    first_label = " ".join(" ".join(lines[k].text.split()) for k in rows[0][0])
    if first_above:
        # the head goes where the first label stood, the first row where the head stood: head above rows
        above = lines[rows[0][0][0]]
        out[rows[0][0][0]] = Line(page=above.page, number=above.number, text="  ".join(texts), header=True)
        out[head] = Line(page=head_line.page, number=head_line.number, text="  ".join([first_label] + cells),
                         joined=tuple(lines[k].number for k in rows[0][1]) + (above.number,))
        for v in rows[0][1]:
            out[v] = Line(page=lines[v].page, number=lines[v].number, text="")
        rows = rows[1:]
    else:
        out[head] = Line(page=head_line.page, number=head_line.number, text="  ".join(texts), header=True)
    for labels, values in rows:
        label = " ".join(" ".join(lines[k].text.split()) for k in labels)
        cells = [c for v in values for c in spread.get(v, [glue_footnote_mark(" ".join(lines[v].text.split()))])]
        first = lines[labels[0]]
        out[labels[0]] = Line(page=first.page, number=first.number, text="  ".join([label] + cells),
                              joined=tuple(lines[k].number for k in labels[1:] + values))
        for k in labels[1:] + values:
            out[k] = Line(page=lines[k].page, number=lines[k].number, text="")
