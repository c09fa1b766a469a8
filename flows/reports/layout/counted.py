"""Names each followed by a count (or a share) in parentheses, listed in a line of prose or one a line: seats by party
("Senterpartiet (8), Arbeidarpartiet (6), Høgre (5) og Venstre (2)"), members or cases by municipality ("Nordby (4),
Sørvik (2)", "Bakkevik (2)" / "Tyslund (3)"), "Socialdemokraterna (15), Moderaterna (10)", "Høgre (25,3 %)".

Each name becomes a row of one table, its figure the cell (never a negative figure in parentheses): the column is the
head the list is introduced by before a colon ("Mandatfordeling:", "Deltakarkommunar:"), the caption the prose before
it; prose before and after the list stays running text (lines marked `prose`, read by the prose reader though they share
the number of the line the table's rows were read from). A list is read only where it is clearly one: three names or
more in a line (two where the list follows a colon and fills the rest of its sentence), or two lines or more each
printing one name and its figure; every name short (at most five words, no figure), every figure of one kind (counts,
or shares with "%"), none of them a year ("Lova (2019)").
"""
from __future__ import annotations

import re

from flows.reports.layout.model import Line, Seg

_ITEM_FIG = re.compile(r"\(\s*(?P<fig>\d{1,4}(?:,\d+)?)\s*(?P<pct>%)?\s*\)")
_SEP = re.compile(r"(?i)^\s*(?:[,;]\s*(?:og|and|och|samt|or|eller)\b|,|;|og\b|and\b|och\b|samt\b|or\b|eller\b|&)?\s*")
_NAME = re.compile(r"^[A-ZÆØÅÄÖÜ][^\d()\[\]:;.!?]*$")
_MAX_WORDS = 5
_TABLE_ID_BASE = 72_000
_MAX_HEAD_WORDS = 6


def _items(text: str) -> tuple[int, int, list[tuple[str, str, bool]]] | None:
    """(start, end, [(name, figure, is share)]) of the longest list of names with figures in parentheses in `text`."""
    figs = [m for m in _ITEM_FIG.finditer(text)]
    if not figs:
        return None
    best: tuple[int, int, list] | None = None
    run: list[tuple[str, str, bool]] = []
    start = end = 0
    prev_end = None
    for m in figs:
        chunk = text[prev_end:m.start()] if prev_end is not None else None
        name = None
        if chunk is not None:
            rest = _SEP.sub("", chunk, count=1).strip()
            if _SEP.match(chunk) and chunk[:_SEP.match(chunk).end()].strip() and _name_ok(rest):
                name = rest
        if name is None:  # a new list starts: its first name is the capitalised words before the figure
            if len(run) > (len(best[2]) if best else 0):
                best = (start, end, run)
            run = []
            first = _first_name(text[:m.start()])
            if first is None:
                prev_end = None
                continue
            name, start = first
        run.append((name, m.group("fig"), bool(m.group("pct"))))
        end = prev_end = m.end()
    if len(run) > (len(best[2]) if best else 0):
        best = (start, end, run)
    return best


def _name_ok(name: str) -> bool:
    return bool(_NAME.match(name)) and len(name.split()) <= _MAX_WORDS and sum(ch.isalpha() for ch in name) >= 2


def _first_name(before: str) -> tuple[str, int] | None:
    """The first name of a list: the words before its figure back to a colon, a comma or the line's start, when they
    are a name; else the longest run of capitalised words right before the figure."""
    cut = max(before.rfind(":"), before.rfind(";"), before.rfind(". "))
    tail = before[cut + 1:]
    name = tail.strip()
    if name and _name_ok(name) and (cut >= 0 or _name_words(name)):
        return name, cut + 1 + (len(tail) - len(tail.lstrip()))
    words = list(re.finditer(r"\S+", before))
    k = len(words)
    while k > 0 and words[k - 1].group(0)[:1].isupper() and _name_ok(words[k - 1].group(0)) and len(words) - k < _MAX_WORDS:
        k -= 1
    if k == len(words):
        return None
    at = words[k].start()
    return " ".join(w.group(0) for w in words[k:]), at


_JOINERS = {"og", "i", "for", "av", "med", "and", "of", "och", "de", "&", "-"}


def _name_words(name: str) -> bool:
    """Words that make a name at a line's start: lower-case words only joiners, or the last word ("Helse og omsorg",
    "Teknisk drift"; never "Kommunestyret består av Senterpartiet")."""
    words = name.split()
    return all(w[:1].isupper() or w in _JOINERS or k == len(words) - 1 for k, w in enumerate(words))


def _kind_ok(items: list[tuple[str, str, bool]]) -> bool:
    shares = {pct for _, _, pct in items}
    if len(shares) > 1:
        return False
    return not any(not pct and re.fullmatch(r"(?:19|20)\d\d", fig) for _, fig, pct in items)


def _head(before: str) -> tuple[str, str]:
    """(prose before the list's head, the head): "Fordelinga etter parti er slik:" -> ("", "Fordelinga etter parti er
    slik"); a longer sentence before the colon is prose and names no column."""
    text = before.rstrip()
    if not text.endswith(":"):
        return text, ""
    body = text[:-1].rstrip()
    cut = max((m.end() for m in re.finditer(r"[.!?]\s+", body)), default=0)
    head = body[cut:].strip()
    parts = [p.strip() for p in head.split(":") if p.strip()]
    if parts and len(parts[-1].split()) <= _MAX_HEAD_WORDS and not re.search(r"\d", parts[-1]):
        return body[:cut].strip(), parts[-1]
    return text, ""


def _table(first: Line, rows: list[tuple[Line, tuple[str, str, bool]]], column: str, tid: int) -> list[Line]:
    out = []
    if column:
        out.append(Line(page=first.page, number=first.number, text=column, header=True, table_id=tid,
                        segs=[Seg(column, 1.0, 2.0)]))
    for line, (name, fig, pct) in rows:
        cell = f"{fig} %" if pct else fig
        segs = [Seg(name, 0.0, 1.0), Seg(cell, 1.0, 2.0)]
        out.append(Line(page=line.page, number=line.number, text=f"{name}  {cell}", table_id=tid, segs=segs))
    return out


# "Senterpartiet (8): Kari Nordmann (ordførar), Ola ...": a name and its count leading a line, its members after a colon
_LEAD_ITEM = re.compile(r"^(?P<name>[A-ZÆØÅÄÖÜ][^\d()\[\]:;.!?]{1,60}?)\s*\(\s*(?P<fig>\d{1,4})\s*\)\s*:\s*(?P<rest>.*)$")
_MAX_WRAPPED = 3  # lines a row's list of members may wrap onto before the next row


def _lead_rows(lines: list[Line], i: int) -> tuple[list[tuple[Line, tuple[str, str, bool], str]], int] | None:
    """The run of lines from i each led by a name and its count before a colon ("Høgre (5): ..."), the lists after
    the colons wrapping onto lines of their own between them: (rows with the text after the colon, end index); at least
    three rows, every name short and no figure a year."""
    rows: list[tuple[Line, tuple[str, str, bool], str]] = []
    j, n, end = i, len(lines), i
    wrapped = 0
    while j < n and lines[j].page == lines[i].page and lines[j].segs is None and lines[j].table_id is None:
        t = " ".join(lines[j].text.split())
        m = _LEAD_ITEM.match(t)
        if m and _name_ok(m.group("name").strip()):
            rows.append((lines[j], (m.group("name").strip(), m.group("fig"), False), m.group("rest")))
            wrapped, end = 0, j + 1
        elif not t or not rows or wrapped >= _MAX_WRAPPED:
            break
        else:
            wrapped += 1
        j += 1
    if len(rows) < 3 or not _kind_ok([r[1] for r in rows]):
        return None
    return rows, end


def expand_counted(lines: list[Line]) -> list[Line]:
    """Lists of names with a count or share in parentheses, rewritten into a table of one row per name."""
    out: list[Line] = []
    tid = max([_TABLE_ID_BASE - 1] + [line.table_id or 0 for line in lines])
    i, n = 0, len(lines)
    while i < n:
        line = lines[i]
        led = _lead_rows(lines, i) if line.segs is None and line.table_id is None and _LEAD_ITEM.match(line.text.strip()) \
            else None
        if led:  # one name a line, each before the list of its members
            rows, end = led
            tid += 1
            table = {id(row): row_line for (row, _, _), row_line in zip(rows, _table(line, [(r, it) for r, it, _ in rows], "", tid))}
            rest = {id(row): text for row, _, text in rows}
            # the rows together (one table), then the members' lists as running text, in their order
            out.extend(table[id(lines[k])] for k in range(i, end) if id(lines[k]) in table)
            for k in range(i, end):
                if id(lines[k]) not in table:
                    out.append(lines[k])
                elif rest[id(lines[k])].strip():
                    out.append(Line(page=lines[k].page, number=lines[k].number, text=rest[id(lines[k])], prose=True))
            i = end
            continue
        if line.segs is not None or line.table_id is not None or "(" not in line.text or not _ITEM_FIG.search(line.text):
            out.append(line)
            i += 1
            continue
        text = " ".join(line.text.split())
        found = _items(text)
        if found and _kind_ok(found[2]):
            start, end, items = found
            before, after = text[:start], text[end:]
            whole = not before.strip() and not after.strip(" .")
            prose, column = _head(before)
            if len(items) >= 3 or (len(items) == 2 and column and not after.strip(" .")):
                tid += 1
                if prose:
                    out.append(Line(page=line.page, number=line.number, text=prose, prose=True))
                out.extend(_table(line, [(line, it) for it in items], column, tid))
                rest = after.strip()
                if rest.strip(" ."):
                    out.append(Line(page=line.page, number=line.number, text=rest.lstrip(" ,.;"), prose=True))
                i += 1
                continue
            if whole and len(items) == 1:  # one name a line: the run of such lines
                rows = [(line, items[0])]
                j = i + 1
                while j < n and lines[j].page == line.page and lines[j].segs is None and lines[j].table_id is None:
                    t = " ".join(lines[j].text.split())
                    if not t:
                        j += 1
                        continue
                    more = _items(t)
                    if not more or len(more[2]) != 1 or t[:more[0]].strip() or t[more[1]:].strip(" ."):
                        break
                    rows.append((lines[j], more[2][0]))
                    j += 1
                if len(rows) >= 2 and _kind_ok([r[1] for r in rows]):
                    tid += 1
                    table = iter(_table(line, rows, "", tid))
                    row_lines = {id(r[0]) for r in rows}
                    out.extend(next(table) if id(lines[k]) in row_lines else lines[k] for k in range(i, j))
                    i = j
                    continue
        out.append(line)
        i += 1
    return out
