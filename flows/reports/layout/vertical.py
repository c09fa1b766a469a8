"""Tables a web extraction printed one cell per line: a row label line, then each of its values
on a line of its own (blank lines between), the header cells likewise one per line above the first
row. Each such row becomes one line with its cells separated by gaps (two spaces, the cell
boundary of `numbers.candidate_splits`), the value lines blanked, so the table finder reads it as
any other table; rows printed on one line in the same table ("Vei 1 234 1 500") stay as they are.
"""
from __future__ import annotations

import re
from itertools import product

from flows.reports.layout.headers import YEAR, column_starts, split_header, years_in
from flows.reports.layout.model import Line, Seg
from flows.reports.layout.note_columns import is_note_cell
from flows.reports.numbers import (
    glue_footnote_mark,
    is_lone_mark,
    normalise_minus,
    parse_number,
    split_label_and_values,
    strip_footnote_mark,
)

_MIN_VALUES = 2
_SLASH_PAIR = re.compile(r"-?\d[\d ]*(?:,\d+)?\s?/\s?-?\d[\d ]*(?:,\d+)?")
_MAX_LONG_LABEL = 160  # a label with one value under it is a key figure or a page number, not a table row
_MAX_LABEL = 90
_BARE_YEAR = re.compile(rf"\s*{YEAR}\s*")


def _value_only(text: str) -> bool:
    if is_lone_mark(text):
        return True  # "*": an empty cell with a note
    t = strip_footnote_mark(normalise_minus(text).strip()).strip()
    t = re.sub(r"^\+\s?(?=\d)", "", t)  # "+ 77": a change printed with its sign
    if not t:
        return False
    pair = re.fullmatch(r"(\S+)\s?/\s?(\S+)", t)
    if pair:  # "2,5/ 1,1": two figures in one cell (sick-listed / self-certified)
        return _value_only(pair.group(1)) and _value_only(pair.group(2))
    if re.fullmatch(r"-+", t):
        return True  # "-", "--": an empty cell
    if re.fullmatch(r"\d{1,2}(?:, \d{1,2})+", t) and is_note_cell(t):
        return True  # "10, 22": a note cell listing two notes
    if t.startswith("(") and t.endswith(")"):
        t = t[1:-1].strip()
    t = re.sub(r"\s*%$", "", t)
    if re.match(r"-?0\d", t):
        return False  # "01", "02": numbering, not a figure
    return parse_number(t) is not None and re.search(r"\d", t) is not None


def _values_line(text: str) -> bool:
    """A line of two or more figures and nothing else ("3 095 859  2 926 800 3 086 979")."""
    label, values = split_label_and_values(text)
    if label or re.match(rf"\s*{YEAR}\s+\S*\d", text):
        return False  # "2015 8 483 7 343": the year labels the row
    return len([w for w in values.split() if re.search(r"\d", w)]) >= 2 and "." not in text.strip()[-1:] \
        and not _all_years(values)


def _all_years(text: str) -> bool:
    return bool(years_in(text)) and not re.search(r"\d", re.sub(YEAR, "", text))


_DATED = re.compile(rf"(?<![\d,])(?:[0-3]?\d\.[01]?\d\.)?{YEAR}$")


def _dated_label(text: str) -> bool:
    """A label ending in the year or day its one figure is for ("Fødselsoverskot 2020", "Folketal 31.12.2020")."""
    t = " ".join(text.split())
    head = _DATED.sub("", t).strip()
    return bool(_DATED.search(t)) and _label_like(head) and len(t) <= 60 and not _BARE_YEAR.fullmatch(t)


def _wrapped_label(line: Line) -> bool:
    t = " ".join(line.text.split())
    return line.segs is None and not line.heading and _label_like(t) and len(t) <= 60 \
        and not re.search(r"\d", t) and not t.endswith((".", ":", ";", ","))


def _one_line_row(text: str) -> bool:
    label, values = split_label_and_values(text, keep_gaps=True)
    return _label_like(label) and bool(re.search(r"\d", values)) and not _all_years(values)


def _label_like(text: str) -> bool:
    t = " ".join(text.split())
    return 0 < len(t) <= _MAX_LABEL and sum(ch.isalpha() for ch in t) >= 2 and not t.endswith((".", ":", "?")) \
        and not re.search(r"\d[\d ]*$", t)


def _long_label(text: str) -> bool:
    """A unit named at length ("Rådmannen og ledergruppa inkl. rådgivere i stab, ..."): a row label only when
    figures, each on a line of its own, follow it."""
    t = " ".join(text.split())
    return _MAX_LABEL < len(t) <= _MAX_LONG_LABEL and len(t.split()) <= 16 and not re.search(r"\d", t) \
        and not t.endswith((".", ":", "?")) and not re.search(r"\.\s+[A-ZÆØÅÄÖ]", t)


def _abbreviated_label(text: str) -> bool:
    """A short label whose last word is cut with a period ("OF, omsorg & stöd, funktionsneds.", "Adm. og
    fellestj."): a label when figures follow it, though a sentence also ends in a period."""
    t = " ".join(text.split())
    return t.endswith(".") and len(t.split()) <= 6 and _label_like(t[:-1]) and not re.search(r"\d", t) \
        and not re.search(r"\s(?:er|var|ble|vart|är|blev|har|hadde|hade|is|was)\s", f" {t.lower()} ")


def _header_cell(text: str) -> bool:
    t = " ".join(text.split())
    if not t or len(t) > 40 or len(t.split()) > 5:
        return False
    if _BARE_YEAR.fullmatch(t):
        return True
    if re.fullmatch(rf"[^\W\d_][\w.\-]*(?: \d{{1,2}})? {YEAR}", t):
        return True  # "K.gr 13 2015", "Landet 2015": a group or place and its year
    digits = re.sub(YEAR, "", t)
    # one cell: a header row printed on one line ("2020 2020 2019") is a row of its own, not a cell
    return not re.search(r"\d", digits) and (bool(years_in(t)) or column_starts(t) >= 1) and len(split_header(t)) <= 1


def expand_vertical(lines: list[Line]) -> list[Line]:
    lines = _year_periods(lines)
    plain = [k for k, line in enumerate(lines) if line.segs is None and line.table_id is None]
    nonblank = [k for k in plain if lines[k].text.strip()]
    pos = {k: i for i, k in enumerate(nonblank)}
    rows: list[tuple[int, list[int]]] = []  # (label line, value lines)
    n = len(nonblank)
    i = 0
    while i < n:
        k = nonblank[i]
        j = i + 1
        # the values one per line, all on the next line, or a mix ("48,0" / "48,3" / " -124,9  -111,6 -13,2":
        # a web extraction that kept some cells on lines of their own)
        while j < n and lines[nonblank[j]].page == lines[k].page and (
                _value_only(lines[nonblank[j]].text) or _values_line(lines[nonblank[j]].text)):
            j += 1
        values = nonblank[i + 1:j]
        dated = _dated_label(lines[k].text) and len(values) == 1 and _value_only(lines[values[0]].text)
        label_ok = _label_like(lines[k].text) or dated or (_abbreviated_label(lines[k].text) and sum(len(lines[v].text.split()) for v in values) >= 3) \
            or (_long_label(lines[k].text) and len(values) >= _MIN_VALUES and all(_value_only(lines[v].text) for v in values))
        if label_ok and not lines[k].heading and len(values) >= 1 \
                and not all(_BARE_YEAR.fullmatch(lines[v].text) or _all_years(lines[v].text) for v in values):
            rows.append((k, values))
            i = j
            continue
        i += 1
    # a one-value row only inside a run of rows printed the same way, or in a run of rows each labelled by its
    # year or day ("Fødselsoverskot 2020" / "2 508" / "Netto innflytting 2020" / "1 476": a label that says one figure)
    accepted = [r for idx, r in enumerate(rows)
                if len(r[1]) >= _MIN_VALUES or (len(r[1]) == 1 and _values_line(lines[r[1][0]].text))
                or (idx > 0 and len(rows[idx - 1][1]) >= _MIN_VALUES and _adjacent(pos, nonblank, rows[idx - 1], r))
                or (_dated_label(lines[r[0]].text) and any(
                    0 <= o < len(rows) and _dated_label(lines[rows[o][0]].text) and len(rows[o][1]) == 1
                    and _adjacent(pos, nonblank, *((rows[o], r) if o < idx else (r, rows[o]))) for o in (idx - 1, idx + 1)))]
    out = list(lines)
    firsts = {r[0] for idx, r in enumerate(accepted) if idx == 0 or not _adjacent(pos, nonblank, accepted[idx - 1], r)}
    # rows printed on one line under header cells printed one per line
    for idx in range(1, len(nonblank)):
        k = nonblank[idx]
        if k not in firsts and not lines[nonblank[idx - 1]].heading and _header_cell(lines[nonblank[idx - 1]].text) \
                and _one_line_row(lines[k].text) and not _header_cell(lines[k].text):
            _join_header_above(out, nonblank, pos, k)
    empties = _empty_cells(lines, accepted)
    for label, values in accepted:
        line = lines[label]
        head = " ".join(line.text.split())
        before = pos[label] - 1
        if head[:1].islower() and before >= 0 and _wrapped_label(out[nonblank[before]]):
            # "Sum disponeringer eller dekning av netto" / "driftsresultat": one label wrapped
            prev = out[nonblank[before]]
            head = f"{' '.join(prev.text.split())} {head}"
            out[nonblank[before]] = Line(page=prev.page, number=prev.number, text="", table_id=None)
        # (a change printed with its plus, "+ 77", is the figure: the row readers take no plus for a sign)
        cells = [re.sub(r"^\s*\+\s?(?=\d)", "", glue_footnote_mark(lines[v].text)) for v in values]
        for at in sorted(empties.get(label, ()), reverse=True):
            cells.insert(at, "–")  # an empty cell the extraction printed as one more blank line (before cell `at`)
        slashes = [p for p, c in enumerate(cells) if _SLASH_PAIR.fullmatch(c)]
        # "2,5/ 1,1": the two figures of one cell are two cells, under the two names of a head "A/ B"
        text = "  ".join([head] + [re.sub(r"\s?/\s?", "  ", c) if p in slashes else c for p, c in enumerate(cells)])
        out[label] = Line(page=line.page, number=line.number, text=text, heading=0, table_id=None)
        for v in values:
            out[v] = Line(page=lines[v].page, number=lines[v].number, text="", table_id=None)
        if label in firsts:
            _join_header_above(out, nonblank, pos, label, len(cells), slashes)
    return out


def _empty_cells(lines: list[Line], rows: list[tuple[int, list[int]]]) -> dict[int, list[int]]:
    """Empty cells a web extraction printed between a row's figures as one more blank line, or as an empty line with
    its own blank lines ("650,0" / "" / "" / "" / "703,3" where every other cell stands one blank line apart):
    {row label line: the indexes of the row's figures an empty cell goes before, once per empty cell}. Only where the
    rows' cells stand apart by one number of blank lines (the most common, one at least) and the empty cells make the
    row exactly as wide as the widest row on its page, one way only; an empty cell before the first figure or after
    the last is not told apart from the row's edge."""
    def gap(a: int, b: int) -> int | None:
        between = lines[a + 1:b]
        return len(between) if all(not x.text.strip() and x.segs is None for x in between) else None

    gaps = [g for _, values in rows for a, b in zip(values, values[1:]) if (g := gap(a, b)) is not None]
    if not gaps:
        return {}
    base = max(set(gaps), key=gaps.count)
    if base < 1 or gaps.count(base) * 4 < len(gaps) * 3:
        return {}
    widest: dict[int, int] = {}
    for label, values in rows:
        widest[lines[label].page] = max(widest.get(lines[label].page, 0), len(values))
    out: dict[int, list[int]] = {}
    for label, values in rows:
        short = widest[lines[label].page] - len(values)
        if short <= 0:
            continue
        # an empty cell is one more blank line, or an empty line with its own blank lines: each wider gap says one
        # count or the other, and only a choice of counts that makes the row exactly as wide as the widest is taken
        options: list[tuple[int, list[int]]] = []
        for k, (a, b) in enumerate(zip(values, values[1:])):
            g = gap(a, b)
            if g is not None and g > base:
                counts = {g - base} | ({(g - base) // (base + 1)} if (g - base) % (base + 1) == 0 else set())
                options.append((k + 1, sorted(c for c in counts if c <= short)))
        fits = [combo for combo in product(*[c for _, c in options]) if sum(combo) == short] if options else []
        if len(fits) == 1:
            out[label] = [at for (at, _), count in zip(options, fits[0]) for _ in range(count)]
    return out


def _adjacent(pos: dict[int, int], nonblank: list[int], a: tuple[int, list[int]], b: tuple[int, list[int]]) -> bool:
    """Row b's label is the next non-blank line after row a's last value."""
    last = a[1][-1] if a[1] else a[0]
    idx = pos[last]
    return idx + 1 < len(nonblank) and nonblank[idx + 1] == b[0]


def _join_header_above(out: list[Line], nonblank: list[int], pos: dict[int, int], label: int, n: int = 0,
                       slashes: list[int] | None = None) -> None:
    """Header cells printed one per line right above the first row: one header line."""
    idx = pos[label] - 1
    above = idx  # section labels between the header and the first row ("Anleggsmidler" / "Immaterielle eiendeler")
    while above >= 1 and idx - above < 3 and out[nonblank[above]].page == out[label].page \
            and not _header_cell(out[nonblank[above]].text) and _label_like(out[nonblank[above]].text) \
            and len(out[nonblank[above]].text) <= 60:
        above -= 1
    if above < idx and _header_cell(out[nonblank[above]].text):
        idx = above
    cells: list[int] = []
    paired = False  # names each above its year: above the first name only another name's year goes on
    while idx >= 0 and out[nonblank[idx]].page == out[label].page and not out[nonblank[idx]].heading and len(cells) < 12:
        text = out[nonblank[idx]].text
        if cells and _group_title(out[nonblank[idx]]) and not all(_group_title(out[c]) for c in cells):
            break  # a title in capitals over some of the columns below it: no cell (`_head_by_count` counts past it)
        if re.search(r"\S\s{2,}\S", text.strip()):
            break  # a line printing several cells apart by gaps is a head row of its own, no cell printed one per line
        if _named_year(out, cells, text):
            paired = True
        elif not _header_cell(text) or (paired and not _BARE_YEAR.fullmatch(text) and not _column_word(text)):
            break
        cells.insert(0, nonblank[idx])
        idx -= 1
    if len(cells) < 2:
        if not _join_wrapped_head(out, nonblank, pos, label, n, slashes or []) and n >= 2:
            _head_by_count(out, nonblank, pos, label, n, slashes or [])
        return
    first = out[cells[0]]
    texts = [" ".join(out[c].text.split()) for c in cells]
    if n >= 2 and len(texts) != n and not (len(texts) > n and len(_wrap(texts)) == n) \
            and not any(_BARE_YEAR.fullmatch(t) for t in texts) and _head_by_count(out, nonblank, pos, label, n, slashes or []):
        return  # head words the lines above do not count as n cells ("Lærerårsverk" read as a section label)
    if n >= 2 and len(texts) > n and len(_wrap(texts)) == n and not any(_BARE_YEAR.fullmatch(t) for t in texts):
        _write_head(out, cells, _wrap(texts), slashes or [])  # "Budsjett" / "for 2022" / "Rekneskap" / "for 2022"
        return
    if any(_BARE_YEAR.fullmatch(t) for t in texts) and not all(_column_word(t) or _BARE_YEAR.fullmatch(t) for t in texts):
        # names each with its year on the next line ("Nordby" / "2014" / "Sørby" / "2015"): a name and the
        # year under it are one cell, cells apart by a gap
        text = texts[0]
        for prev, t in zip(texts, texts[1:]):
            text += (" " if _BARE_YEAR.fullmatch(t) and not _BARE_YEAR.fullmatch(prev) and not years_in(prev) else "  ") + t
    else:
        # a lone year finishes the cell above it ("Regnskap" / "2020"): then the words and years pair up
        # as on one line; otherwise each line is a cell of its own
        glue = " " if any(_BARE_YEAR.fullmatch(t) for t in texts) else "  "
        text = glue.join(_unbroken(texts))
    out[cells[0]] = Line(page=first.page, number=first.number, text=text, heading=0, table_id=None)
    for c in cells[1:]:
        out[c] = Line(page=out[c].page, number=out[c].number, text="", table_id=None)


def _unbroken(texts: list[str]) -> list[str]:
    """Head lines with a word hyphenated over two of them joined back ("Budsjett-" / "avvik": "Budsjettavvik")."""
    out: list[str] = []
    for t in texts:
        if out and re.search(r"[^\W\d_]{2}-$", out[-1]) and t[:1].islower():
            out[-1] = out[-1][:-1] + t
        else:
            out.append(t)
    return out


def _column_word(text: str) -> bool:
    return column_starts(text) >= 1


def _named_year(out: list[Line], cells: list[int], text: str) -> bool:
    """A short name line ("Nordby", "Kostragruppe") right above a lone year already taken as a header cell."""
    t = " ".join(text.split())
    # (a year with another year under it is a column of its own: the name above it heads the label column)
    return bool(cells) and bool(_BARE_YEAR.fullmatch(out[cells[0]].text)) and 0 < len(t) <= 30 \
        and (len(cells) == 1 or not _BARE_YEAR.fullmatch(out[cells[1]].text)) \
        and len(t.split()) <= 3 and not re.search(r"\d", t) and not t.endswith((".", ":")) and _label_like(t)


_WRAP_END = re.compile(r"(?i)(?:[/\-–]|\b(?:og|og/eller|eller|per|pr\.?|i|av|for|til|och|eller|samt|and|of|in|at|af|på))$")


def _join_wrapped_head(out: list[Line], nonblank: list[int], pos: dict[int, int], label: int, n: int,
                       slashes: list[int]) -> bool:
    """Head cells one per line whose words wrap over two lines ("Sykemeldt/" / "egenmeldt" / "Årsverk per" /
    "31.12.15") right above the first row: as many cells as the row prints, a line ending in "/", "-" or a
    joining word ("og", "per", "i") or followed by a line starting in lower case joined to the next line. Nothing
    is joined unless the short lines above the row make exactly the row's count of cells. A head "A/ B" over
    cells of two figures ("2,5/ 1,1", `slashes`) names the two columns A and B."""
    if n < 2:
        return False
    idx = pos[label] - 1
    lines: list[int] = []
    while idx >= 0 and len(lines) < 2 * n + 1 and out[nonblank[idx]].page == out[label].page \
            and not out[nonblank[idx]].heading:
        t = " ".join(out[nonblank[idx]].text.split())
        if not t or len(t) > 40 or len(t.split()) > 5 or t.endswith((".", ":")) or "  " in out[nonblank[idx]].text.strip():
            break
        lines.insert(0, nonblank[idx])
        idx -= 1
    for start in range(min(2, len(lines))):  # the head: the short lines above the row, or all but a caption
        texts = [" ".join(out[k].text.split()) for k in lines[start:]]
        if start and (len(_wrap([" ".join(out[lines[0]].text.split()), texts[0]])) == 1 or len(texts) < 2 * n - 1):
            break  # the line above runs on into the head: it is part of it
        cells = _wrap(texts)
        if len(cells) == n and len(texts) > n and not any(_value_only(c) for c in cells):
            _write_head(out, lines[start:], cells, slashes)
            return True
    return False


def _wrap(texts: list[str]) -> list[str]:
    """Head lines joined where a head wraps: after "/", "-" or a joining word, or before a line in lower case."""
    cells: list[str] = []
    for t in texts:
        if cells and (_WRAP_END.search(cells[-1]) or t[:1].islower()):
            cells[-1] = f"{cells[-1]} {t}"
        else:
            cells.append(t)
    return cells


def _write_head(out: list[Line], idxs: list[int], cells: list[str], slashes: list[int]) -> None:
    """One head line of positioned cells in place of the head lines `idxs`; a head "A/ B" over cells of two
    figures names two columns."""
    cells = [part.strip() for p, c in enumerate(cells)
             for part in (c.split("/") if p in slashes and c.count("/") == 1 else [c])]
    first = out[idxs[0]]
    out[idxs[0]] = Line(page=first.page, number=first.number, text="  ".join(cells), heading=0, table_id=None,
                        header=True, segs=[Seg(c, float(j + 1), float(j + 2)) for j, c in enumerate(cells)])
    for k in idxs[1:]:
        out[k] = Line(page=out[k].page, number=out[k].number, text="", table_id=None)


def _head_like(line: Line) -> bool:
    t = " ".join(line.text.split())
    return bool(t) and not line.heading and line.segs is None and len(t) <= 40 and len(t.split()) <= 5 \
        and (not t.endswith((".", ":", ";", ",")) or _abbreviated_head(t)) and not re.search(r"\d", re.sub(YEAR, "", t)) \
        and sum(ch.isalpha() for ch in t) >= 2


def _abbreviated_head(text: str) -> bool:
    """A head of one word cut with a period ("Hushold.", "Innb.", "Ant."): no sentence ends there."""
    return bool(re.fullmatch(r"[^\W\d_]{2,12}\.", text))


def _group_title(line: Line) -> bool:
    """A title in capitals printed among head cells one per line, over some of the columns ("ABONNENTER PR.
    31.12.2001" between "Innbyggere" and "Hushold."): no column of its own."""
    t = " ".join(line.text.split())
    letters = [ch for ch in t if ch.isalpha()]
    return not line.heading and line.segs is None and len(letters) >= 4 and all(ch.isupper() for ch in letters) \
        and len(t.split()) <= 6 and len(t) <= 50


def _head_by_count(out: list[Line], nonblank: list[int], pos: dict[int, int], label: int, n: int,
                   slashes: list[int]) -> bool:
    """Head cells one per line above rows of n figures, whatever their words ("Tenesteområde" / "Rekneskap 2023" /
    "Avvik" / "Forbruk i %", "Service area" / "Deviation" / "Percent used"): the table repeats itself every n + 1
    lines, the head with it. The short lines right above the first row (at most five words, no figure but a year)
    are the head when they are n (the label column's head left empty) or n + 1 (its head printed first, left as the
    line above the head), or more, of which the last n + 1 (a caption above them). Heads that wrap (a line in lower
    case, a line ending in a joining word) or that pair names with years on lines of their own are left to the
    readers above."""
    idx = pos[label] - 1
    block: list[int] = []
    titles: list[int] = []  # group titles in capitals among the head cells: kept as a line above the head
    while idx >= 0 and out[nonblank[idx]].page == out[label].page and len(block) < n + 3 and (
            _head_like(out[nonblank[idx]]) or (block and len(block) < n and _group_title(out[nonblank[idx]]))):
        if _group_title(out[nonblank[idx]]) and block and not all(_group_title(out[k]) for k in block) \
                and len(block) < n:
            titles.insert(0, nonblank[idx])  # capitals among heads in ordinary case: a title over some columns
        else:
            block.insert(0, nonblank[idx])
        idx -= 1
    if len(block) < n or (titles and min(titles) < block[-n]):
        return False  # (a title among the heads only inside the n head lines nearest the rows)
    above = idx
    while above >= 0 and not out[nonblank[above]].text.strip():
        above -= 1  # (figure lines already joined to their row's label)
    if len(block) == n and above >= 0 and out[nonblank[above]].page == out[label].page \
            and _value_only(re.split(r"\s{2,}", out[nonblank[above]].text.strip())[-1]):
        return False  # n short lines right after a row's last figure: section labels inside the table, not a head
    heads = block[-n:]
    texts = [" ".join(out[k].text.split()) for k in heads]
    if any(_BARE_YEAR.fullmatch(t) or t[:1].islower() or _WRAP_END.search(t) for t in texts) \
            or any(_value_only(t) for t in texts):
        return False
    if titles:  # the titles move above the head (the head line takes the last head line's place)
        moved = [" ".join(out[k].text.split()) for k in titles]
        lines_at = sorted(titles + heads)
        for k, text in zip(lines_at, moved):
            out[k] = Line(page=out[k].page, number=out[k].number, text=text, heading=0, table_id=None)
        heads = lines_at[len(moved):]
    _write_head(out, heads, texts, slashes)
    return True


def _year_periods(lines: list[Line]) -> list[Line]:
    """Tables of rows labelled by years printed one cell per line under a head printed likewise ("År" / "Innbyggjarar"
    / "Årsverk" / "2020" / "5 432" / "312,4" / "2021" / ...): a year line is a figure line to the readers above, so the
    rows are found by the table's period instead: m head lines, the first naming the label column, then groups of m
    lines each a year followed by m - 1 figures (two groups at least). Each group becomes one row line, the head one
    head line (`year_rows` makes the years the rows' labels)."""
    nonblank = [k for k, line in enumerate(lines) if line.segs is None and line.table_id is None and line.text.strip()]
    out = list(lines)
    i = 0
    while i < len(nonblank):
        heads: list[int] = []
        j = i
        while j < len(nonblank) and _head_like(lines[nonblank[j]]) and not _BARE_YEAR.fullmatch(lines[nonblank[j]].text) \
                and lines[nonblank[j]].page == lines[nonblank[i]].page:
            heads.append(nonblank[j])
            j += 1
        if len(heads) < 2:
            i = j + 1 if j == i else j
            continue
        best = None
        for m in range(len(heads), 1, -1):  # the head's last m lines (a caption may stand above them)
            groups = []
            k = j
            while k + m <= len(nonblank) and lines[nonblank[k]].page == lines[heads[-1]].page \
                    and _BARE_YEAR.fullmatch(lines[nonblank[k]].text) \
                    and all(_value_only(lines[nonblank[k + q]].text) and not _BARE_YEAR.fullmatch(lines[nonblank[k + q]].text)
                            for q in range(1, m)):
                groups.append(nonblank[k:k + m])
                k += m
            if len(groups) >= 2:
                best = (m, groups, k)
                break
        if best is None:
            i = j
            continue
        m, groups, k = best
        head = heads[-m:]
        texts = [" ".join(lines[h].text.split()) for h in head]
        first = lines[head[0]]
        out[head[0]] = Line(page=first.page, number=first.number, text="  ".join(texts), heading=0, header=True,
                            segs=[Seg(t, float(q), float(q + 1)) for q, t in enumerate(texts)])
        for h in head[1:]:
            out[h] = Line(page=lines[h].page, number=lines[h].number, text="")
        for group in groups:
            row = lines[group[0]]
            out[group[0]] = Line(page=row.page, number=row.number, text="  ".join(lines[g].text.strip() for g in group),
                                 joined=tuple(lines[g].number for g in group[1:]))
            for g in group[1:]:
                out[g] = Line(page=lines[g].page, number=lines[g].number, text="")
        i = k
    return out
