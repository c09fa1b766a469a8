"""A one-column table a text extraction ran into one line of alternating labels and figures: the head words first,
then label, figure, label, figure ... ("Driftsområde Netto resultat Sentrale styringsorganer 29,5 Usikre forpliktelser
ført sentralt -12,5 Næring 0,2 Regionalplan 4,5 Samferdsel 18,3").

A run of at least `MIN_PAIRS` (label, one figure) pairs with nothing of a sentence between them becomes a table: every
label starts with a capital letter and is a few words long, with no sentence punctuation (".", ":", ";", "!", "?"), and
every figure stands alone (a figure followed by another figure, a unit word or a lower-case word is running text: "1 234
mill. kroner i 2022, mot 1 100 mill. kroner"). The words before the first label are the head: its first word names the
label column (the corner), the words after it the one value column ("Netto resultat"); a head of one word names the
value column. The caption is the line above, as for every table.

A unit number printed before a label and run into the figure before it by the extraction ("734,2820 Barnehage 455,9830
Skole": unit 820 before "Barnehage") is cut off only where it is provable: the figures that carry nothing print one
fixed count of decimals, and every longer one prints that many and then 1-4 digits more, which are the next row's
code; a run whose decimals say nothing for sure is left as text, with a warning (page and line).
"""
from __future__ import annotations

import re

from flows.reports.layout.model import Line, Seg
from flows.reports.years import YEAR

MIN_PAIRS = 4
_MAX_LABEL_WORDS = 8
_MAX_HEAD_WORDS = 6
_TABLE_ID_BASE = 70_000
# a figure standing alone: thousands grouped by spaces or not, decimal comma, a minus of any dash
# (at most two groups of thousands: "245 300 240 000 231 113" is figures of several columns, no one figure)
_FIGURE = re.compile(r"(?<!\S)(?<!\d[ \u00a0])[-\u2212\u2013]?\d{1,3}(?:[ \u00a0]\d{3}){1,2}(?:,\d+)?(?![ \u00a0]?\d)(?!\S)"
                     r"|(?<!\S)(?<!\d[ \u00a0])[-\u2212\u2013]?\d+(?:,\d+)?(?![ \u00a0]\d{3}(?!\d))(?!\S)")
_YEAR = re.compile(rf"^{YEAR}$")
_SENTENCE_MARK = re.compile(r"[.:;!?]")
# words that make a figure an amount or a share of running text, never a table's cell ("1 234 mill. kroner", "12 %")
_UNIT_WORD = re.compile(r"(?i)^(?:%|prosent|procent|mill\.?|mrd\.?|mnkr|tkr|kr\.?|kroner|kronor|nok|årsverk|stk\.?)$")


def expand_pair_runs(lines: list[Line], warnings: list[str] | None = None) -> list[Line]:
    out: list[Line] = []
    number = 0
    for line in lines:
        rows = _rows(line, _TABLE_ID_BASE + number, warnings) \
            if line.segs is None and line.table_id is None and not line.heading and len(line.text) >= 40 else None
        if rows is None:
            out.append(line)
            continue
        number += 1
        out.extend(rows)
    return out


def _chunks(text: str) -> list[tuple[str, str | None]]:
    """(words, figure) pieces of the line: the words before each figure and the figure (None after the last)."""
    out, at = [], 0
    for m in _FIGURE.finditer(text):
        if _YEAR.match(m.group(0)):
            continue  # a year names (a label, a head), it is no cell
        out.append((text[at:m.start()].strip(), m.group(0)))
        at = m.end()
    out.append((text[at:].strip(), None))
    return out


def _is_label(words: str) -> bool:
    parts = words.split()
    return 1 <= len(parts) <= _MAX_LABEL_WORDS and parts[0][:1].isupper() and not _SENTENCE_MARK.search(words) \
        and not _UNIT_WORD.match(parts[0]) and "," not in words


def _first_label(words: str) -> tuple[str, str] | None:
    """(head, label) of the words before the first figure: the label starts at its last capitalised word."""
    parts = words.split()
    for j in range(len(parts) - 1, max(-1, len(parts) - 1 - _MAX_LABEL_WORDS), -1):
        if parts[j][:1].isupper():
            label = " ".join(parts[j:])
            return (" ".join(parts[:j]), label) if _is_label(label) else None
    return None


def _rows(line: Line, tid: int, warnings: list[str] | None) -> list[Line] | None:
    chunks = _chunks(line.text.strip())
    # the longest run of pairs: chunk k's words are the label of figure k (the first run's label ends its words)
    best: tuple[int, int] = (0, 0)
    start = None
    for k, (words, figure) in enumerate(chunks):
        if start is not None and figure is not None and _is_label(words):
            continue
        if start is not None and k - start > best[1] - best[0]:
            best = (start, k)
        start = k if figure is not None and _first_label(words) is not None else None
    if best[1] - best[0] < MIN_PAIRS:
        return None
    a, b = best
    after = chunks[b][0] if b < len(chunks) else ""
    if after and not (after[:1].isupper() or _SENTENCE_MARK.match(after[:1])):
        return None  # "... Samferdsel 18,3 mill. kroner": the last figure is an amount of a sentence
    head, first = _first_label(chunks[a][0])
    labels = [first] + [chunks[k][0] for k in range(a + 1, b)]
    figures = [chunks[k][1] for k in range(a, b)]
    codes = _codes(figures)
    if codes is None:
        if warnings is not None:
            warnings.append(f"labels and figures run into one line at page {line.page} line {line.number}: the figures "
                            f"print decimals of several lengths, so where a unit number run into a figure starts is open; "
                            f"left as text: {line.text.strip()[:80]}")
        return None
    figures, row_codes = codes
    # the text before the run: a sentence or a title stays a line of text; the head words name the columns
    prefix = " ".join(c[0] + (f" {c[1]}" if c[1] else "") for c in chunks[:a]).strip()
    lead = f"{prefix} {head}".strip()
    cut = max(lead.rfind(". "), lead.rfind(": "))
    text_before = lead[:cut + 1].strip() if cut >= 0 else ""
    head = lead[cut + 1:].strip() if cut >= 0 else lead
    if len(head.split()) > _MAX_HEAD_WORDS or re.search(r"\d", re.sub(YEAR, "", head)):
        text_before, head = f"{text_before} {head}".strip(), ""
    if _several_columns(head):
        return None  # "Regnskap 2031 Budsjett 2031 Regnskap 2030 ...": a statement of several columns (`flat_statement`)
    words = head.split()
    corner, column = (words[0], " ".join(words[1:])) if len(words) >= 2 else ("", head)
    out: list[Line] = []
    if text_before:
        out.append(Line(page=line.page, number=line.number, text=text_before))
    head_segs = ([Seg(corner, 0.0, 1.0)] if corner else []) + [Seg(column, 1.0, 2.0)]
    out.append(Line(page=line.page, number=line.number, text=" ".join(s.text for s in head_segs), segs=head_segs,
                    header=True, table_id=tid))
    for label, figure, code in zip(labels, figures, row_codes):
        segs = ([Seg(code, -1.0, -0.5)] if code else []) + [Seg(label, 0.0, 1.0), Seg(figure, 1.0, 2.0)]
        out.append(Line(page=line.page, number=line.number, text=" ".join(s.text for s in segs), segs=segs,
                        table_id=tid))
    if after:
        out.append(Line(page=line.page, number=line.number, text=after))
    return out


def _several_columns(head: str) -> bool:
    """The head names two or more columns by a year or a scenario word ("Regnskap 2031 Budsjett 2031")."""
    from flows.reports.layout.headers import scenario_of

    named = [w for w in head.split() if _YEAR.match(w) or scenario_of(w) not in ("other", "note")]
    return len(named) >= 2


def _decimals(figure: str) -> int:
    return len(figure.split(",")[1]) if "," in figure else 0


def _codes(figures: list[str]) -> tuple[list[str], list[str | None]] | None:
    """(figures, code of each row) with the unit numbers run into the figure before their row cut off; None when
    the decimals do not show where they start. A figure's extra decimals are the next row's code."""
    decimals = [_decimals(f) for f in figures]
    if len(set(decimals)) == 1:
        return figures, [None] * len(figures)
    plain = {d for d in decimals if d <= 2}
    if len(plain) != 1:
        return None
    d = plain.pop()
    if d == 0 or decimals[-1] != d or any(not (d < x <= d + 4) for x in decimals if x != d):
        return None  # no decimals to count by, the last figure carries more (no row after it), or too many digits
    cut, codes = [], [None]
    for f, x in zip(figures, decimals):
        if x > d:
            whole, frac = f.split(",")
            cut.append(f"{whole},{frac[:d]}")
            codes.append(frac[d:])
        else:
            cut.append(f)
            codes.append(None)
    return cut, codes[:len(figures)]


# --- a list table printed in side-by-side halves and run into one line ------------------------------------------------
# "Virksomhet/enhet Årsverk Virksomhet/enhet Årsverk10 Administrasjon 77,59 30 Helse og omsorg 734,2820 Skole ...":
# the head is one (label head, value head) pair printed once per half, each row [code] label value, read left half,
# right half, row by row. A row code stands before its label, run into the value (or the head) before it when the
# extraction dropped the space; the value column prints one fixed count of decimals, which proves where a run-in
# code starts.
_HALF_TOKEN = re.compile(r"\S+")
_CODE = re.compile(r"\d{1,4}")
_DECIMAL_VALUE = re.compile(r"-?\d{1,3}(?:\d{3})*,(\d+)|-?\d+,(\d+)")
_HALVES_BASE = 75_000


def _head_pair(tokens: list[str]) -> tuple[int, int, int, str | None] | None:
    """(start, label-head width, value-head width, code run into the second value head) of a head printed twice:
    "X.. Y.. X.. Y..", the last word of the second copy perhaps followed by a row code ("Årsverk10")."""
    for start in range(len(tokens)):
        for p in (1, 2, 3):
            for q in (1, 2, 3):
                end = start + 2 * (p + q)
                if end > len(tokens):
                    continue
                first, second = tokens[start:start + p + q], tokens[start + p + q:end]
                last = re.fullmatch(r"(\D+?)(\d{1,4})?", second[-1])
                if not last or first[:-1] != second[:-1] or first[-1] != last.group(1):
                    continue
                if not all(w[:1].isupper() and not re.search(r"\d", w) for w in (first[0], first[p])):
                    continue
                return start, p, q, last.group(2)
    return None


def _half_rows(tokens: list[str], code: str | None) -> tuple[list[tuple[str | None, str, str]], int] | None:
    """Rows (code, label, value) of the tokens after the head, and how many tokens they take; None unless every value
    prints the same count of decimals once a run-in code is cut off, every row has a code or none has, and every
    label is a few capitalised-first words."""
    rows: list[tuple[str | None, str, str]] = []
    labels: list[str] = []
    values: list[str] = []
    at = 0
    while at < len(tokens):
        if code is None and _CODE.fullmatch(tokens[at]) and at + 1 < len(tokens) and tokens[at + 1][:1].isupper():
            code, at = tokens[at], at + 1
        label_end = at
        while label_end < len(tokens) and not re.match(r"-?\d", tokens[label_end]):
            label_end += 1
        if label_end == at or label_end == len(tokens) or label_end - at > _MAX_LABEL_WORDS:
            break
        label = " ".join(tokens[at:label_end])
        if not _is_label(label):
            break
        m = _DECIMAL_VALUE.fullmatch(tokens[label_end])
        if not m:
            break
        rows.append((code, label, tokens[label_end]))
        labels.append(label)
        values.append(tokens[label_end])
        code, at = None, label_end + 1
    if len(rows) < MIN_PAIRS:
        return None
    decimals = [len(v.split(",")[1]) for v in values]
    d = min(decimals[:-1] or decimals)
    if d == 0 or decimals[-1] != d or any(not (d <= x <= d + 4) for x in decimals):
        return None
    out: list[tuple[str | None, str, str]] = []
    carried: str | None = None  # the code run into the value before: its decimals past the column's count
    for printed, label, value in rows:
        if printed is not None and carried is not None:
            return None  # a code both run in and printed apart: not one reading
        whole, frac = value.split(",")
        out.append((printed if printed is not None else carried, label, f"{whole},{frac[:d]}"))
        carried = frac[d:] or None
    has = [c is not None for c, _, _ in out]
    if any(has) and not all(has):
        return None  # every row has a code, or none has
    return out, at


def expand_pair_halves(lines: list[Line], warnings: list[str] | None = None) -> list[Line]:
    out: list[Line] = []
    number = 0
    for line in lines:
        rows = None
        if line.segs is None and line.table_id is None and not line.heading and len(line.text) >= 40:
            rows = _halves(line, _HALVES_BASE + number, warnings)
        if rows is None:
            out.append(line)
            continue
        number += 1
        out.extend(rows)
    return out


def _halves(line: Line, tid: int, warnings: list[str] | None) -> list[Line] | None:
    tokens = _HALF_TOKEN.findall(line.text.strip())
    head = _head_pair(tokens)
    if head is None:
        return None
    start, p, q, code = head
    read = _half_rows(tokens[start + 2 * (p + q):], code)
    if read is None:
        if warnings is not None:
            warnings.append(f"a list table in halves run into one line at page {line.page} line {line.number}: its "
                            f"values print no one count of decimals or its row codes read more than one way; left as "
                            f"text: {line.text.strip()[:80]}")
        return None
    rows, used = read
    corner, column = " ".join(tokens[start:start + p]), " ".join(tokens[start + p:start + p + q])
    out: list[Line] = []
    before = " ".join(tokens[:start])
    if before:
        out.append(Line(page=line.page, number=line.number, text=before))
    head_segs = [Seg(corner, 0.0, 1.0), Seg(column, 1.0, 2.0)]
    out.append(Line(page=line.page, number=line.number, text=f"{corner} {column}", segs=head_segs, header=True,
                    table_id=tid))
    for c, label, value in rows:
        segs = ([Seg(c, -1.0, -0.5)] if c else []) + [Seg(label, 0.0, 1.0), Seg(value, 1.0, 2.0)]
        out.append(Line(page=line.page, number=line.number, text=" ".join(s.text for s in segs), segs=segs,
                        table_id=tid))
    after = " ".join(tokens[start + 2 * (p + q) + used:])
    if after:
        out.append(Line(page=line.page, number=line.number, text=after))
    return out
