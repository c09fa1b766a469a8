"""Key-figure boxes whose label follows the figure: "146 400 tonn avfall samlet inn", "1 234 innbyggjarar",
"98 % fornøyde brukarar" one a line, or the figure on a line of its own and its label on the next ("46,5" / "årsverk"),
as web pages print infographic boxes. Each becomes a row the table finder reads, the words its label and the figure
its cell ("tonn avfall samlet inn  146400", "fornøyde brukarar  98 %"; a money unit stays after the figure and scales
it: "driftsinntekter  12,3 mill. kr").

A box is read only as a run of two figures or more so printed (blank lines between them allowed), none of them a year,
a numbered heading ("3 Økonomi": a whole number before a capital) or a sentence (a full stop, a colon, more than eight
words, a figure among the words, a last word a sentence runs on from: "og", "ble", "the"; nor a run inside a wrapped
paragraph, after a long line that ends no sentence or before a line going on in lower case). A figure and a label on two lines are read so only where the label goes on from the
figure in lower case and the run ends with a label: a table printing its label first ("Skole" / "412" / "Elevar" /
"398") ends with a figure, and is `vertical`'s.
"""
from __future__ import annotations

import re

from flows.reports.layout.model import Line

_NUM = r"\d{1,3}(?:[ \u00a0]\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
_MONEY = r"(?:mill\.?|mrd\.?|millioner|millionar|milliarder|milliardar|tusen)\s*(?:kr\.?|kroner)|kr\.?|kroner|nok|sek"
_FIGURE = re.compile(rf"^(?P<fig>[-−–]?(?:{_NUM}))(?:\s*(?P<pct>%|prosent\b|procent\b)|\s+(?P<money>{_MONEY})(?![\wæøåäö]))?")
_WORDS = re.compile(r"^[^\W\d_][\w\-/&()'’ ]*$")
_MAX_WORDS = 8
_LEAD_WORD = re.compile(r"(?i)^(?:i|av|til|of|in|på)\s+")


def _figure_only(text: str) -> re.Match | None:
    m = _FIGURE.match(text)
    return m if m and m.end() == len(text) and _figure_ok(m) else None


def _figure_ok(m: re.Match) -> bool:
    fig = m.group("fig").lstrip("-−–")
    return not (re.fullmatch(r"(?:19|20)\d\d", fig) and not (m.group("pct") or m.group("money"))) \
        and not re.match(r"0\d", fig)


# a word a wrapped sentence's line ends in ("12 nye tilsette og" / "3 nye barnehagar vart" / "opna i 2022.")
_RUNS_ON = re.compile(r"(?i)(?:^|\s)(?:og|i|på|av|til|for|med|som|er|var|ble|blei|vart|har|hadde|en|ei|et|ein|eit|den|det|"
                      r"de|dei|om|fra|frå|och|är|blev|att|the|and|of|to|in|was|were|is|are|a|an)$")


def _label(text: str) -> bool:
    t = text.strip()
    return bool(_WORDS.match(t)) and len(t.split()) <= _MAX_WORDS and sum(ch.isalpha() for ch in t) >= 3 \
        and not t.endswith((":", ";", ",")) and not _RUNS_ON.search(t)


def _prose_around(lines: list[Line], plain: list[int], first: int, last: int) -> bool:
    """The run is part of a wrapped paragraph: the line before it runs on (a long line not ending a sentence) or the
    line after it goes on in lower case."""
    a, b = plain.index(first), plain.index(last)
    before = " ".join(lines[plain[a - 1]].text.split()) if a > 0 else ""
    after = " ".join(lines[plain[b + 1]].text.split()) if b + 1 < len(plain) else ""
    return (len(before) > 60 and not before.endswith((".", ":", "!", "?"))) or after[:1].islower()


def _one_line(text: str) -> tuple[re.Match, str] | None:
    """(figure, label) of "146 400 tonn avfall samlet inn"."""
    m = _FIGURE.match(text)
    if not m or m.end() == len(text) or not _figure_ok(m) or not text[m.end()].isspace():
        return None
    words = text[m.end():].strip()
    if not _label(words) or words.endswith(".") or re.search(r"(?<![\w])\d", words):
        return None  # a figure among the words ("140 liter   kr 3 272"): a row of its own, its first number a size
    if not (m.group("pct") or m.group("money") or "," in m.group("fig") or " " in m.group("fig").strip()) \
            and not words[:1].islower():
        return None  # "3 Økonomi": a numbered heading
    return m, words


def _row(m: re.Match, words: str) -> str:
    fig = re.sub(r"(?<=\d)[ \u00a0](?=\d{3})", "", m.group("fig"))
    label = _LEAD_WORD.sub("", " ".join(words.split()))
    if m.group("pct"):
        return f"{label}  {fig} %"
    if m.group("money"):
        return f"{label}  {fig} {m.group('money')}"
    return f"{label}  {fig}"


def expand_key_lines(lines: list[Line]) -> list[Line]:
    plain = [k for k, line in enumerate(lines) if line.segs is None and line.table_id is None and line.text.strip()]
    entries: list[tuple[list[int], str]] = []  # (line indexes, row text)
    i = 0
    while i < len(plain):
        k = plain[i]
        text = " ".join(lines[k].text.split())
        if lines[k].heading:
            i += 1
            continue
        one = _one_line(text)
        if one and len(one[1].split()) == 1 and len(one[1]) <= 6 and i + 1 < len(plain):
            nxt = plain[i + 1]  # "4 500 tonn" / "matavfall": the unit on the figure's line, the label below it
            label = " ".join(lines[nxt].text.split())
            if lines[nxt].page == lines[k].page and not lines[nxt].heading and _label(label) \
                    and label[:1].islower() and not label.endswith(".") and not _one_line(label):
                entries.append(([k, nxt], _row(one[0], f"{one[1]} {label}")))
                i += 2
                continue
        if one:
            entries.append(([k], _row(*one)))
            i += 1
            continue
        fig = _figure_only(text)
        if fig and i + 1 < len(plain):
            nxt = plain[i + 1]
            label = " ".join(lines[nxt].text.split())
            if lines[nxt].page == lines[k].page and not lines[nxt].heading and _label(label) \
                    and label[:1].islower() and not label.endswith("."):
                after = plain[i + 2] if i + 2 < len(plain) else None
                entries.append(([k, nxt], _row(fig, label)))
                # a figure after the label: the label heads the next figure, as in a table ("Skole" / "412")
                if after is not None and lines[after].page == lines[k].page \
                        and _figure_only(" ".join(lines[after].text.split())) and not _pair_follows(lines, plain, i + 2):
                    entries[-1] = ([], "")
                i += 2
                continue
        i += 1
    out = list(lines)
    run: list[tuple[list[int], str]] = []

    def flush() -> None:
        if len([e for e in run if e[0]]) >= 2 and not _prose_around(lines, plain, run[0][0][0], run[-1][0][-1]):
            for idxs, text in run:
                first = lines[idxs[0]]
                out[idxs[0]] = Line(page=first.page, number=first.number, text=text, heading=0,
                                    joined=first.joined + tuple(lines[j].number for j in idxs[1:]))
                for j in idxs[1:]:
                    out[j] = Line(page=lines[j].page, number=lines[j].number, text="")
        run.clear()

    pos = {k: n for n, k in enumerate(plain)}
    for idxs, text in entries:
        if not idxs:
            flush()
            continue
        if run and (lines[run[-1][0][0]].page != lines[idxs[0]].page
                    or pos[idxs[0]] != pos[run[-1][0][-1]] + 1):
            flush()
        run.append((idxs, text))
    flush()
    return out


def _pair_follows(lines: list[Line], plain: list[int], i: int) -> bool:
    """A figure line at plain[i] followed by a label line and then no figure line: the next entry of a value-first
    box, not the value of a label-first table."""
    if i + 1 >= len(plain):
        return False
    label = " ".join(lines[plain[i + 1]].text.split())
    if not _label(label) or not label[:1].islower():
        return False
    after = plain[i + 2] if i + 2 < len(plain) else None
    return after is None or not _figure_only(" ".join(lines[after].text.split())) or _pair_follows(lines, plain, i + 2)
