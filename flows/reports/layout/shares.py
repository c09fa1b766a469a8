"""Ownership and participant lists a text extraction flattened: owner/participant names each followed by
their share ("Nordby kommune 25,0 % Sørvik kommune 12,5 % Vestdal kommune 62,5 %"), on one line or one pair a
line ("Nordby eierandel: 34,0 %"), sometimes with the count of shares before the share ("Nordby 250 aksjer
25,0 %").

Each pair becomes a row of one table: the row is the name as printed, the column the share word the pairs or
the caption above them print ("eierandel", "andel", "eigardel", "ejerandel", "ägarandel"), a count of shares a
column of its own named by its unit word. A list is read only where it is clearly one: two pairs or more, every
name a short name without figures, and either a share word printed with the pairs or just above them, or shares
that add up to 100 %.
"""
from __future__ import annotations

import re

from flows.reports.layout.model import Line, Seg

_SHARE_WORD = r"(?:eier|eigar|eiger|ejer|ägar|ager)?andel(?:en|ar|er|e)?|eigardel|andel\s+i\s+%|ownership|share"
_SHARE_WORD_RE = re.compile(rf"(?i)\b(?:{_SHARE_WORD})\b")
_SHARE = re.compile(r"(?<![\d,.])(?P<share>\d{1,3}(?:[,.]\d{1,4})?)\s*(?:%|prosent\b|procent\b|pct\.?)\)?")
_COUNT = re.compile(r"(?i)\(?(?P<count>\d{1,3}(?:[ \u00a0.]\d{3})*|\d+)\s+(?P<unit>aksjer|andeler|andelar|aktier|anparter|stk\.?|shares)\)?$")
_NAME = re.compile(r"^[A-ZÆØÅÄÖÜ][^\d:;]{0,60}$")
_JOIN = re.compile(r"(?i)^(?:[,;:–—\-]|\(|og|och|samt|and)\s+|^[,;:–—\-(]")
_TABLE_ID_BASE = 70_000
_MAX_WORDS = 7  # a longer "name" is a sentence


def _pairs(text: str, rest_out: list[str] | None = None) -> list[tuple[str, str | None, str | None, str | None, str]] | None:
    """(name, share word, count, count unit, share) of every pair the text is made of, or None when any part of
    the text is no pair. With `rest_out`, the pairs may be followed by prose ("... Vestby 57,69 % Selskapet ledes av
    et styre."): the pairs up to the first part that is no short name, that prose put in `rest_out`."""
    out = []
    pos = 0
    for m in _SHARE.finditer(text):
        if rest_out is not None and out and not _short_name(text[pos:m.start()]):
            break
        chunk = text[pos:m.start()].strip()
        pos = m.end()
        while True:
            stripped = _JOIN.sub("", chunk, count=1).strip()
            if stripped == chunk:
                break
            chunk = stripped
        chunk = chunk.rstrip(" :(").strip()
        count = unit = None
        cm = _COUNT.search(chunk)
        if cm:
            count, unit = cm.group("count"), cm.group("unit")
            chunk = chunk[:cm.start()].rstrip(" ,:(").strip()
        word = None
        wm = re.search(rf"(?i)\s*\b({_SHARE_WORD})\s*:?$", chunk)
        if wm and wm.start() > 0:
            word, chunk = wm.group(1), chunk[:wm.start()].rstrip(" ,:").strip()
        if not _NAME.match(chunk) or len(chunk.split()) > _MAX_WORDS:
            return None
        out.append((chunk, word, count, unit, m.group("share")))
    rest = _JOIN.sub("", text[pos:].strip()).strip(" .")
    if rest_out is not None and out and rest and _prose(rest):
        rest_out.append(text[pos:].strip())
        return out
    if rest or not out:
        return None
    return out


_MAX_LISTED_WORDS = 4


def _short_name(chunk: str) -> bool:
    """A name in a list run into prose: a few words, each capitalised but joiners ("Nordre Vik", "Sør-Dal")."""
    words = _JOIN.sub("", chunk.strip()).strip(" :(").split()
    return 0 < len(words) <= _MAX_LISTED_WORDS and words[0][:1].isupper() and not re.search(r"\d", chunk)


def _prose(text: str) -> bool:
    """Running text after a list: a capitalised word and at least two more."""
    return text[:1].isupper() and len(text.split()) >= 3


_SENTENCE_END = re.compile(r"[.!?](?:\s+|$)(?=[A-ZÆØÅÄÖ])")
_MAX_HEAD_WORDS = 6


def _headed(text: str) -> tuple[str, list[str], list[tuple], str] | None:
    """(prose before the list, the list's head parts, its pairs, prose after it) of a line that names its list before
    a colon ("Kommune: Eierandel: Alfa 3,85 % Beta 10,2 %", "... tre eigarar. Eigarar: Alfa 40 %, Beta 35 %", "X har
    følgende eierskap: Kommune: Eierandel: Alfa 3,85 % ... Selskapet ledes av ..."): the text after a colon before the
    first share is pairs, perhaps followed by prose; the short capitalised parts before it are the head, and what
    stands before them (a sentence, or an introduction ending in a colon) is prose."""
    first = _SHARE.search(text)
    if not first:
        return None
    colons = [k for k, ch in enumerate(text[:first.start()]) if ch == ":"]
    for colon in reversed(colons):
        rest: list[str] = []
        pairs = _pairs(text[colon + 1:].strip(), rest)
        if not pairs or len(pairs) < 2:
            continue
        before = text[:colon]
        cut = max((m.end() for m in _SENTENCE_END.finditer(before)), default=0)
        pieces = before[cut:].split(":")
        parts: list[str] = []
        while pieces and _head_part(pieces[-1].strip()) and len(parts) < 2:
            parts.insert(0, pieces.pop().strip())
        if not parts:
            return None
        prose = (before[:cut] + ":".join(pieces) + (":" if pieces else "")).strip()
        if sum(len(p.split()) for p in parts) > _MAX_HEAD_WORDS:
            return None
        return prose, parts, pairs, rest[0] if rest else ""
    return None


def _head_part(part: str) -> bool:
    return bool(part) and len(part.split()) <= 3 and part[:1].isupper() and not re.search(r"\d", part)


def _total(shares: list[str]) -> float:
    return sum(float(s.replace(",", ".")) for s in shares)


def _caption_word(lines: list[Line], i: int) -> str | None:
    """The share word of the nearest non-empty lines above (a caption or head: "Eierandel", "Eigardel i %")."""
    seen = 0
    for k in range(i - 1, -1, -1):
        if not lines[k].text.strip():
            continue
        if lines[k].page != lines[i].page or seen >= 3:
            return None
        seen += 1
        words = _SHARE_WORD_RE.findall(lines[k].text)
        if words and len(lines[k].text.split()) <= 12:
            return words[-1]
    return None


def _table(lines: list[Line], pairs: list[tuple], rows: list[Line], column: str | None, tid: int,
           corner: str | None = None) -> list[Line] | None:
    counted = [p for p in pairs if p[2] is not None]
    if counted and len(counted) != len(pairs):
        return None
    units = {p[3].lower().rstrip(".") for p in counted}
    if len(units) > 1:
        return None
    first = rows[0]
    heads = ([next(iter(p[3] for p in counted))] if counted else []) + [column or ""]
    out = []
    if any(heads):
        segs = ([Seg(corner, 0.0, 1.0)] if corner else []) + [Seg(h, float(j + 1), float(j + 2)) for j, h in enumerate(heads)]
        out.append(Line(page=first.page, number=first.number, text="  ".join(sg.text for sg in segs if sg.text),
                        header=True, table_id=tid, segs=segs))
    for (name, _, count, _, share), line in zip(pairs, rows):
        cells = ([count] if counted else []) + [f"{share} %"]
        segs = [Seg(name, 0.0, 1.0)] + [Seg(c, float(j + 1), float(j + 2)) for j, c in enumerate(cells)]
        out.append(Line(page=line.page, number=line.number, text="  ".join(s.text for s in segs), table_id=tid, segs=segs))
    return out


def expand_shares(lines: list[Line]) -> list[Line]:
    """Lines that list owners or participants with their shares, rewritten into a table of one row per name."""
    out: list[Line] = []
    tid = max([_TABLE_ID_BASE - 1] + [line.table_id or 0 for line in lines])
    i = 0
    n = len(lines)
    while i < n:
        line = lines[i]
        if line.segs is not None or line.table_id is not None or not _SHARE.search(line.text):
            out.append(line)
            i += 1
            continue
        pairs = _pairs(" ".join(line.text.split()))
        headed = None if pairs else _headed(" ".join(line.text.split()))
        if headed:  # "Kommune: Eierandel: Alfa 3,85 % Beta 10,2 %": the head names the list's column (and rows)
            prose, parts, pairs, after = headed
            words = {p[1].lower() for p in pairs if p[1]}
            shared = next((p for p in parts if _SHARE_WORD_RE.search(p)), None)
            tid += 1
            table = None if words else _table(lines, pairs, [line] * len(pairs), shared or parts[-1], tid,
                                                 corner=parts[0] if len(parts) >= 2 and parts[0] != (shared or parts[-1]) else None)
            if table is not None:
                if prose:  # running text around the list (`Line.prose`)
                    out.append(Line(page=line.page, number=line.number, text=prose, prose=True))
                out.extend(table)
                if after:
                    out.append(Line(page=line.page, number=line.number, text=after, prose=True))
                i += 1
                continue
        rows = [line] * len(pairs) if pairs else []
        j = i + 1
        if pairs and len(pairs) == 1:  # one pair a line: the run of such lines
            while j < n and lines[j].page == line.page and lines[j].segs is None and lines[j].table_id is None:
                more = _pairs(" ".join(lines[j].text.split())) if lines[j].text.strip() else None
                if not more or len(more) != 1:
                    break
                pairs, rows = pairs + more, rows + [lines[j]]
                j += 1
        if not pairs or len(pairs) < 2:
            out.append(line)
            i += 1
            continue
        words = {p[1].lower() for p in pairs if p[1]}
        printed = next((p[1] for p in pairs if p[1]), None)
        if words and (len(words) > 1 or any(p[1] is None for p in pairs)):
            out.append(line)
            i += 1
            continue
        column = printed or _caption_word(lines, i)
        if column is None and abs(_total([p[4] for p in pairs]) - 100) > 0.6:
            out.append(line)
            i += 1
            continue
        tid += 1
        table = _table(lines, pairs, rows, column, tid)
        if table is None:
            out.append(line)
            i += 1
            continue
        out.extend(table)
        i = j
    return out
