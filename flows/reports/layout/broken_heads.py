"""Column heads a text extraction printed one word per line, words broken by hyphenation, above rows printed one per
line ("(mnkr) Intäkter Kost-" / "nader" / "Netto-" / "kostnad" / "Kommun-" / "bidrag" / "Avvikelse Avvikelse" /
"2017" over "Gata och park 12,4 80,1 67,7 70,0 2,3 9,1"): the head lines are joined back into one head line of
gap-separated cells, so the table finder reads the columns and the scale printed in the corner.

A word broken at a line's end ("Kost-" then "nader" in lower case) is one word ("Kostnader"); then every word that
starts with a capital starts a head, a word in lower case or "%" goes on the head before it ("Forbruk i %"), a year
finishes the head before it when that head prints none ("Avvikelse" / "2017"). The scale declaration ("(mnkr)",
"(mill. kr)") is the label column's head. The heads are written only when they are as many as the rows below them
read figures (half of them at least; the others fewer, an empty cell the text does not print), and at least one
word was broken over two lines (other heads over several lines are the
table finder's and `vertical`'s)."""
from __future__ import annotations

import re

from flows.reports.layout.model import Line
from flows.reports.numbers import candidate_splits, split_label_and_values
from flows.reports.years import YEAR

_MAX_HEAD_LINES = 12
_BROKEN = re.compile(r"[^\W\d_]{2,}-$")
_YEAR_WORD = re.compile(rf"\(?{YEAR}\)?")
_DETACHED_MINUS = re.compile(r"(?:(?<=\s)|^)[-–−]\s(?=\d)")


def _head_line(line: Line) -> bool:
    """A short line of head words: at most five words, no figure but a year or the scale's "1000"."""
    from flows.reports.layout.scale import scale_of

    t = " ".join(line.text.split())
    if not t or line.heading or line.segs is not None or line.table_id is not None or len(t) > 40 or len(t.split()) > 5:
        return False
    if t.endswith((".", ":", ";", ",")) and not t.endswith("kr."):
        return False
    found = scale_of(t)
    rest = t.replace(found[1], " ") if found else t
    return not re.search(r"\d", _YEAR_WORD.sub(" ", rest))


def _row_values(line: Line) -> str | None:
    """The figures of a row printed on one line ("Kultur 1,1 30,5 29,4 28,0 – 1,4 0,5"), a detached minus joined to
    its figure; None for anything else."""
    if line.segs is not None or line.table_id is not None or line.heading:
        return None
    label, values = split_label_and_values(" ".join(line.text.split()))
    if sum(ch.isalpha() for ch in label) < 2 or len(re.findall(r"\d+", values)) < 2 or re.search(r"[^\W\d_]", values):
        return None
    return _DETACHED_MINUS.sub("-", values)


def _fits(values: str, n: int) -> bool:
    return any(len(c.values) == n for c in candidate_splits(values, n))


def _all_fit(rows: list[str], n: int) -> bool:
    """The rows read as many figures as the heads, or fewer (an empty cell the text does not print: "9 630 0 -9 630"
    under four heads when the first year is empty), half of them at least as many."""
    return sum(_fits(v, n) for v in rows) * 2 >= len(rows) and all(any(len(c.values) <= n for c in candidate_splits(v, n, allow_fewer=True))
                                         for v in rows)


def head_cells(texts: list[str]) -> tuple[str, list[str]] | None:
    """(corner, heads) of head lines one word or a few per line, or None when no word was broken over two lines."""
    from flows.reports.layout.scale import scale_of

    joined: list[str] = []
    broken = False
    for t in texts:
        t = " ".join(t.split())
        if joined and _BROKEN.search(joined[-1]) and t[:1].islower():
            joined[-1] = joined[-1][:-1] + t  # "Kost-" / "nader": one word
            broken = True
        else:
            joined.append(t)
    if not broken:
        return None
    text = " ".join(joined)
    corner = ""
    found = scale_of(text)
    if found:
        at = text.find(found[1])
        a, b = at, at + len(found[1])
        while a > 0 and text[a - 1] == "(":
            a -= 1
        while b < len(text) and text[b] in ").":
            b += 1
        if text[:a].strip():
            return None  # a declaration after the heads: left to the caption reader
        corner, text = text[a:b].strip(), text[b:]
    heads: list[str] = []
    dated: list[bool] = []
    for word in text.split():
        if _YEAR_WORD.fullmatch(word):
            if not heads or dated[-1]:
                return None  # years under several heads: stacked heads, the table finder's
            heads[-1], dated[-1] = f"{heads[-1]} {word}", True
        elif heads and (word[:1].islower() or word in ("%", "(%)")):
            heads[-1] = f"{heads[-1]} {word}"
        elif word[:1].isupper():
            heads.append(word)
            dated.append(False)
        else:
            return None
    return corner, heads


def expand_broken_heads(lines: list[Line]) -> list[Line]:
    nonblank = [k for k, line in enumerate(lines) if line.text.strip()]
    out = list(lines)
    taken: set[int] = set()
    for i, k in enumerate(nonblank):
        if k in taken or _row_values(lines[k]) is None or i == 0 or not _head_line(lines[nonblank[i - 1]]):
            continue
        block: list[int] = []
        j = i - 1
        while j >= 0 and len(block) < _MAX_HEAD_LINES and _head_line(lines[nonblank[j]]) \
                and lines[nonblank[j]].page == lines[k].page and nonblank[j] not in taken:
            block.insert(0, nonblank[j])
            j -= 1
        rows: list[str] = []
        r = i
        while r < len(nonblank) and lines[nonblank[r]].page == lines[k].page and (v := _row_values(lines[nonblank[r]])):
            rows.append(v)
            r += 1
        for start in range(len(block) - 1):  # the head, or all but a caption above it
            found = head_cells([lines[b].text for b in block[start:]])
            if found is None:
                continue
            corner, heads = found
            if not corner and len(heads) >= 3 and not _all_fit(rows, len(heads)):
                corner, heads = heads[0], heads[1:]  # the label column's head printed first ("Nämnd")
            if len(heads) >= 2 and _all_fit(rows, len(heads)):
                first = lines[block[start]]
                out[block[start]] = Line(page=first.page, number=first.number, text="  ".join(([corner] if corner else []) + heads),
                                         header=True, joined=tuple(lines[b].number for b in block[start + 1:]))
                for b in block[start + 1:]:
                    out[b] = Line(page=lines[b].page, number=lines[b].number, text="")
                taken.update(block)
                break
    return out
