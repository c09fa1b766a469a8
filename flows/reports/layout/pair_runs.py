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

A list table whose rows print a code before their label ("10 Administrasjon 55,40 60 Helse og omsorg 612,1530 ..."),
under a head printed once per table of tables side by side ("Enhet Årsverk Enhet Årsverk", two to four times) or once,
is read row by row (labels may carry abbreviations and commas: "Adm. og fellesutg.", "Nordby, Li og Vik skole"; a
line cut off inside a row keeps the rows before it, the cut row stays text with a warning), and a line that shows
codes run into its figures is read only by the readers here that prove where each code starts: else it is held as
text (`hold_run_ins`), before the rules that read figure runs could take its codes for values.
"""
from __future__ import annotations

import re
from typing import NamedTuple

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
    return _expand(lines, _TABLE_ID_BASE, lambda line, tid: _rows(line, tid, warnings))


def _expand(lines: list[Line], base: int, rows_of) -> list[Line]:
    """Each long line of plain text (no cells, table or heading; 40 characters or more) that `rows_of(line, table
    id)` reads as rows, replaced by them, the tables numbered from `base`; every other line as it is."""
    out: list[Line] = []
    number = 0
    for line in lines:
        rows = rows_of(line, base + number) \
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
        and not _UNIT_WORD.match(parts[0]) and "," not in re.sub(r"\([^()]*\)", "", words)  # "(skatt, rammetilskudd)" may list


def _first_label(words: str) -> tuple[str, str] | None:
    """(head, label) of the words before the first figure: the label starts at its last capitalised word."""
    parts = words.split()
    for j in range(len(parts) - 1, max(-1, len(parts) - 1 - _MAX_LABEL_WORDS), -1):
        if parts[j][:1].isupper():
            label = " ".join(parts[j:])
            return (" ".join(parts[:j]), label) if _is_label(label) else None
    return None


_CURRENCY_AFTER = re.compile(r"(?i)^\.?\s*(?:kr\.?|kroner|kronor|nok|sek|dkk)(?![\w])")
_DECLARING_WORDS = {"beløp", "belopp", "beløb", "tall", "tal", "tala", "i", "hele", "heile", "alle", "amounts", "figures",
                    "in", "("}


def _closing_scale(lead: str) -> tuple[str, tuple[str, str] | None]:
    """(text, (scale declaration, head)) of the words before the first row when they end with the table's scale and
    its one column's head ("... NØKKELTALL Tall i mill. kr 2012", "... Hovedtal (mio. kr.) 2014"): the declaration is
    the table's, never the end of a sentence cut at the abbreviation's dot ("mill." | "kr 2012"); (lead, None)
    when they do not."""
    from flows.reports.layout.scale import scale_of

    found = scale_of(lead[-60:])
    if not found:
        return lead, None
    at = lead.rfind(found[1])
    end = at + len(found[1])
    currency = _CURRENCY_AFTER.match(lead[end:])
    if currency:
        end += currency.end()
    while end < len(lead) and lead[end] in ".)":
        end += 1
    rest = lead[end:].strip()
    words = lead[:at].split()
    k = len(words)
    while k > 0 and words[k - 1].lower() in _DECLARING_WORDS:
        k -= 1
    declared = k < len(words) or "(" in lead[max(0, at - 1):at + 1]  # "Tall i mill. kr", "(mill. kr)"
    if at < 0 or len(rest.split()) > 3 or _SENTENCE_MARK.search(rest) or not (re.search(YEAR, rest) or declared and not rest):
        return lead, None  # the declaration is no table's: no column head (a year) or nothing follows it
    before = " ".join(words[:k])
    declaration = lead[len(before):end].strip() if k else lead[:end].strip()
    return before, (declaration, rest)


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
    lead, scale_line = _closing_scale(lead)
    cut = max(lead.rfind(". "), lead.rfind(": "))
    text_before = lead[:cut + 1].strip() if cut >= 0 else ""
    head = lead[cut + 1:].strip() if cut >= 0 else lead
    if scale_line:
        text_before, head = f"{text_before} {head}".strip(), scale_line[1]
    if len(head.split()) > _MAX_HEAD_WORDS or re.search(r"\d", re.sub(YEAR, "", head)):
        text_before, head = f"{text_before} {head}".strip(), ""
    if _several_columns(head):
        return None  # "Regnskap 2031 Budsjett 2031 Regnskap 2030 ...": a statement of several columns (`flat_statement`)
    words = head.split()
    corner, column = (words[0], " ".join(words[1:])) if len(words) >= 2 else ("", head)
    out: list[Line] = []
    if text_before:
        out.append(Line(page=line.page, number=line.number, text=text_before))
    if scale_line:  # the table's scale, the line right above its head
        out.append(Line(page=line.page, number=line.number, text=scale_line[0]))
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
_ABBREVIATION_DOT = re.compile(r"(?<=[^\W\d_])\.(?=[^\W\d_]|\s+[^\W\d_A-ZÆØÅÄÖ]|$)")
_LISTING_COMMA = re.compile(r"(?<=[^\W\d_]),(?= [^\W\d_])")
_DECIMAL_VALUE = re.compile(r"-?\d{1,3}(?:\d{3})*,(\d+)|-?\d+,(\d+)")
_HALVES_BASE = 75_000
_MAX_COPIES = 4  # tables printed side by side under one head each


class _Head(NamedTuple):
    """A head printed once per table of tables printed side by side: where it starts, the widths of its label head and
    value head, how many copies, the row code run into the last copy and the text run into the first."""
    start: int
    p: int
    q: int
    code: str | None
    lead: str
    copies: int

    @property
    def end(self) -> int:
        return self.start + self.copies * (self.p + self.q)


def _head_pair(tokens: list[str]) -> _Head | None:
    """The head of tables side by side: one (label head, value head) pair printed k times in a row (k = 2 to
    `_MAX_COPIES`, the most copies first): "X.. Y.. X.. Y..", the last word of the last copy perhaps followed by a row
    code ("Årsverk10"), the first word of the first copy perhaps run into the caption before it ("31.12.2019Enhet")."""
    for start in range(len(tokens)):
        for copies in range(_MAX_COPIES, 1, -1):
            for p in (1, 2, 3):
                for q in (1, 2, 3):
                    width = p + q
                    end = start + copies * width
                    if end > len(tokens):
                        continue
                    first = list(tokens[start:start + width])
                    middle = [tokens[start + c * width:start + (c + 1) * width] for c in range(1, copies - 1)]
                    last = tokens[end - width:end]
                    lead = ""
                    if first[0] != last[0] and len(first[0]) > len(last[0]) and first[0].endswith(last[0]) \
                            and not first[0][-len(last[0]) - 1].isupper():
                        lead, first[0] = first[0][:-len(last[0])], last[0]  # "31.12.2019Enhet": the caption's end
                    # the last copy's last word as the first copy prints it, then perhaps a row code run into it
                    run_in = last[-1][len(first[-1]):] if last[-1].startswith(first[-1]) else None
                    if run_in is None or not re.fullmatch(r"\d{0,4}", run_in) or first[:-1] != last[:-1] \
                            or any(m != first for m in middle):
                        continue
                    if not (first[0][:1].isupper() and not re.search(r"\d", first[0])) \
                            or not (first[p][:1].isupper() and not re.search(r"\d", first[p]) or _YEAR.match(first[p])):
                        continue  # a label head, then a value head of words or years ("Enhet 2020 2021")
                    return _Head(start, p, q, run_in or None, lead, copies)
    return None


def _coded_label(label: str) -> bool:
    """A row label of a coded list: as `_is_label`, an abbreviation's dot allowed ("Adm. og støtte", "Vestby bhg.",
    "Avd.enhet"): a dot after a letter that a letter, a lower-case word or the label's end follows ends no sentence;
    a comma between names too ("Vestby, Nordby og Li skole")."""
    return _is_label(_LISTING_COMMA.sub("", _ABBREVIATION_DOT.sub("", label)))


Row = tuple[str | None, str, list[str]]  # (code, label, values) of a coded list's row


def _half_rows(tokens: list[str], code: str | None, width: int = 1
               ) -> tuple[list[Row], int, list[int], str | None] | None:
    """Rows (code, label, `width` values) of the tokens after the head, how many tokens they take, the token each row
    starts at and the code run into the last value when a row cut off follows it; None unless every label
    is a few capitalised-first words and either every row prints its code apart or every value prints the same count
    of decimals once a run-in code is cut off (only a row's last value can carry one), and every row has a code or
    none has.

    The last value read prints the column's decimals, or more where the rows stop at a row the text cut off (a
    capitalised label and a value's start: "... Sykehjem 150,45430 Sørby skole 25,"): its extra digits are
    that row's code, which is left as text with the row."""
    rows: list[Row] = []
    starts: list[int] = []
    at = 0
    while at < len(tokens):
        start = at
        if code is None and _CODE.fullmatch(tokens[at]) and at + 1 < len(tokens) and tokens[at + 1][:1].isupper():
            code, at = tokens[at], at + 1
        label_end = at
        while label_end < len(tokens) and not re.match(r"-?\d", tokens[label_end]):
            label_end += 1
        if label_end == at or label_end == len(tokens) or label_end - at > _MAX_LABEL_WORDS:
            break
        label = " ".join(tokens[at:label_end])
        if not _coded_label(label):
            break
        values, after = _values_at(tokens, label_end, width)
        if len(values) < width:
            break
        rows.append((code, label, values))
        starts.append(start)
        code, at = None, after
    if len(rows) < MIN_PAIRS:
        return None
    if all(c is not None for c, _, _ in rows):
        return rows, at, starts, None  # every row prints its code apart: the values stand as printed, whatever their decimals
    inner = [len(v.split(",")[1]) for _, _, values in rows for v in values[:-1]]
    decimals = [len(values[-1].split(",")[1]) for _, _, values in rows]
    d = min(inner + decimals[:-1] or decimals)
    cut_off = _cut_off(tokens[at:])
    if d == 0 or (decimals[-1] != d and not (cut_off and d < decimals[-1] <= d + 4)) \
            or any(not (d <= x <= d + 4) for x in decimals) or any(x != d for x in inner):
        return None
    out: list[Row] = []
    carried: str | None = None  # the code run into the value before: its decimals past the column's count
    for printed, label, values in rows:
        if printed is not None and carried is not None:
            return None  # a code both run in and printed apart: not one reading
        whole, frac = values[-1].split(",")
        out.append((printed if printed is not None else carried, label, values[:-1] + [f"{whole},{frac[:d]}"]))
        carried = frac[d:] or None
    has = [c is not None for c, _, _ in out]
    if any(has) and not all(has):
        return None  # every row has a code, or none has
    return out, at, starts, carried


def _values_at(tokens: list[str], at: int, width: int) -> tuple[list[str], int]:
    """Up to `width` values with a decimal comma from token `at` on, each perhaps grouped by thousands over several
    tokens ("1 234,50": a lead of one to three digits, groups of three, the last with the decimals), and the token
    after them. After a label only a value can stand (a row code stands before its label), and a value prints
    decimals, so digits before a token with decimals are its thousands."""
    values: list[str] = []
    while len(values) < width and at < len(tokens):
        end = at
        while end < len(tokens) and re.fullmatch(r"\d{3}" if end > at else r"-?\d{1,3}", tokens[end]) \
                and end + 1 < len(tokens) and re.match(r"\d{3}(?:,|$)", tokens[end + 1]):
            end += 1
        group = tokens[at:end + 1]
        if any(not re.fullmatch(r"\d{3}", g) for g in group[1:-1]) or not _DECIMAL_VALUE.fullmatch("".join(group)) \
                or len(group) > 1 and not re.fullmatch(r"\d{3},\d+", group[-1]):
            break
        values.append(" ".join(group))
        at = end + 1
    return values, at


def _read_rows(tokens: list[str], code: str | None, value_head: list[str]
               ) -> tuple[list[str], tuple[list[Row], int, list[int], str | None]] | None:
    """(column heads, `_half_rows` reading) of the rows under a value head: one column the whole head names
    ("Netto resultat"), or a column each word ("2020 2021", "Årsverk Stillinger") where every row prints as many
    values; None unless exactly one of the two reads."""
    widths = [1] + ([len(value_head)] if len(value_head) > 1 else [])
    readings = [(w, r) for w in widths if (r := _half_rows(tokens, code, w)) is not None]
    if len(readings) != 1:
        return None
    width, read = readings[0]
    return ([" ".join(value_head)] if width == 1 else list(value_head)), read


def _cut_off(rest: list[str]) -> bool:
    """The tokens left after a coded list's rows are one row the text cut off inside its value, and nothing after
    it: a label of a few capitalised-first words, then a figure's start ("Sørby skole 25,"). Words alone ("Kilde
    SSB") may be anything: the value before them is then read as printed or not at all."""
    if not rest or not re.fullmatch(r"-?\d+,?", rest[-1]):
        return False
    words = rest[:-1]
    return 1 <= len(words) <= _MAX_LABEL_WORDS and not any(re.search(r"\d", w) for w in words) \
        and _coded_label(" ".join(words))


def expand_pair_halves(lines: list[Line], warnings: list[str] | None = None) -> list[Line]:
    return _expand(lines, _HALVES_BASE, lambda line, tid: _halves(line, tid, warnings))


def _halves(line: Line, tid: int, warnings: list[str] | None, notes: list[str] | None = None) -> list[Line] | None:
    """The rows of tables side by side run into one line, or None (a warning in `warnings` where figures follow
    the head); `notes` takes the warnings of a table read (a row cut off), `warnings` when not given."""
    notes = warnings if notes is None else notes
    tokens = _HALF_TOKEN.findall(line.text.strip())
    head = _head_pair(tokens)
    if head is None:
        return None
    start, p, q, code, lead, _ = head
    value_head = tokens[start + p:start + p + q]
    found = _read_rows(tokens[head.end:], code, value_head)
    if found is None:
        if warnings is not None and re.search(r"\d", " ".join(tokens[head.end:])):
            warnings.append(f"tables side by side run into one line at page {line.page} line {line.number}: their "
                            f"values print no one count of decimals or its row codes read more than one way; left as "
                            f"text: {line.text.strip()[:80]}")
        return None
    columns, (rows, used, _, carried) = found
    corner = " ".join(tokens[start + p + q:start + 2 * p + q])
    before = " ".join(tokens[:start] + [lead]).strip()
    return _coded_table(line, tid, before, corner, columns, rows,
                        _after(line, tokens[head.end + used:], carried, notes), carried is not None)


def _after(line: Line, rest: list[str], carried: str | None, warnings: list[str] | None) -> str:
    """The text after a coded list's rows; a row the text cut off keeps the code run into the last value, and is
    left as text with a warning naming its page and line."""
    text = " ".join(([carried] if carried else []) + rest)
    if carried and warnings is not None:
        warnings.append(f"a row of a coded list cut off at page {line.page} line {line.number}: no value of its "
                        f"column; left as text: {text[:80]}")
    return text


def _one_head(line: Line, tid: int, warnings: list[str] | None = None) -> list[Line] | None:
    """The rows of a list table whose head is printed once, at the start of the line, each row with its code
    ("Enhet Årsverk 11 Stab 41,25 70 Omsorg 503,6040 Skole ..."): the head is the two to four words before the first
    code (no year) that stands before a capitalised label; its first word names the labels, the rest the values."""
    tokens = _HALF_TOKEN.findall(line.text.strip())
    first = next((k for k in range(len(tokens) - 1) if _CODE.fullmatch(tokens[k]) and tokens[k + 1][:1].isupper()), None)
    if first is None or not 2 <= first <= 4 or _YEAR.match(tokens[first]):
        return None
    head = tokens[:first]
    if not head[0][:1].isupper() or any(re.search(r"\d", w) for w in head[:1] + [w for w in head[1:] if not _YEAR.match(w)]) \
            or _SENTENCE_MARK.search(" ".join(head)):
        return None
    found = _read_rows(tokens[first:], None, head[1:])
    if found is None:
        return None
    columns, (rows, used, _, carried) = found
    return _coded_table(line, tid, "", head[0], columns, rows,
                        _after(line, tokens[first + used:], carried, warnings), carried is not None)


_SENTENCE_END = re.compile(r"(?<=[^\W\d_])\.(?=\s*[A-ZÆØÅÄÖ])")
_MAX_CAPTION_WORDS = 12


def _caption_apart(before: str) -> list[str]:
    """The text before a table run into its line, its last sentence apart when that is a few words (the table's
    caption: "... etter avdeling.Faste årsverk per 31.12.2021" has the caption after "avdeling.")."""
    ends = list(_SENTENCE_END.finditer(before))
    if not ends:
        return [before] if before else []
    cut = ends[-1].end()
    caption = before[cut:].strip()
    if not caption or len(caption.split()) > _MAX_CAPTION_WORDS \
            or _SENTENCE_MARK.search(re.sub(r"(?<=\d)[.:](?=\d)", "", caption)):  # a date's dots end nothing
        return [before]
    return [before[:cut].strip(), caption]


def _head_segs(corner: str, columns: list[str]) -> list[Seg]:
    return [Seg(corner, 0.0, 1.0)] + [Seg(c, 1.0 + j, 2.0 + j) for j, c in enumerate(columns)]


def _row_segs(row: Row) -> list[Seg]:
    code, label, values = row
    return ([Seg(code, -1.0, -0.5)] if code else []) + [Seg(label, 0.0, 1.0)] \
        + [Seg(v, 1.0 + j, 2.0 + j) for j, v in enumerate(values)]


def _coded_table(line: Line, tid: int, before: str, corner: str, columns: list[str], rows: list[Row],
                 after: str, cut_row: bool = False) -> list[Line]:
    """The lines of a list table read out of one line: the text before it, its head, a row a line ([code] label
    value), the text after it (held as one cell of text where it is a row the text cut off: "430 Sørby skole 2" is
    no row of value 2)."""
    out: list[Line] = []
    for text in _caption_apart(before):
        out.append(Line(page=line.page, number=line.number, text=text))
    head_segs = _head_segs(corner, columns)
    out.append(Line(page=line.page, number=line.number, text=" ".join(s.text for s in head_segs), segs=head_segs,
                    header=True, table_id=tid))
    for row in rows:
        segs = _row_segs(row)
        out.append(Line(page=line.page, number=line.number, text=" ".join(s.text for s in segs), segs=segs,
                        table_id=tid))
    if after:
        segs = [Seg(after, 0.0, 1.0)] if cut_row else None
        out.append(Line(page=line.page, number=line.number, text=after, segs=segs))
    return out


# --- a line of rows run into their codes: read only where one reading is proved --------------------------------------
# "Enhet Årsverk Enhet Årsverk10 Administrasjon 55,40 60 Helse 612,1530 Barnehage 180,25 ...": the rules that read a
# table run into one line by its runs of figures would take the row codes for values ("Administrasjon 55,40 60") and
# the figures with a code run into them for figures of more decimals (612,1530). Such a line is read by the rules that
# prove where a code starts (`_halves`, `_rows`, `_one_head`) or by none: it is held as one cell of text,
# which no later rule cuts into cells, with a warning naming its page and line.
_DECIMAL_FIGURE = re.compile(r"(?<![\d,])\d+,(\d+)(?![\d,])")
_HELD_BASE = 77_000


def runs_into_codes(text: str) -> bool:
    """The line shows row codes run into figures: most of its decimal figures (four or more) print one count of
    decimals (1 or 2) and some print two to four digits more ("612,1530" among "55,40", "180,25"), or it prints a
    head twice (a table in two halves) with a code run into the second copy ("Enhet Årsverk Enhet Årsverk10") or
    row codes before two labels or more ("... 10 Administrasjon 55,4 60 Helse ...")."""
    decimals = [len(m.group(1)) for m in _DECIMAL_FIGURE.finditer(text)]
    if len(decimals) >= MIN_PAIRS:
        d = max(set(decimals), key=lambda x: (decimals.count(x), -x))
        if d <= 2 and decimals.count(d) >= 2 and any(d + 2 <= x <= d + 4 for x in decimals):
            return True
    tokens = _HALF_TOKEN.findall(text)
    head = _head_pair(tokens)
    if head is None:
        return False
    rest = tokens[head.end:]
    return head.code is not None or sum(bool(_CODE.fullmatch(a)) and b[:1].isupper() for a, b in zip(rest, rest[1:])) >= 2


def hold_run_ins(lines: list[Line], warnings: list[str] | None = None) -> list[Line]:
    """Every plain line that `runs_into_codes` and is no running text: its rows where the reader of halves, of pairs
    or of a list under one head proves them, else the line as one cell of text (a warning names its page and line).
    Lines of coded rows under a head of halves alone on its line ("Enhet Årsverk Enhet Årsverk" over "10 Administrasjon
    55,40 60 Helse og omsorg 612,15", one line or several) are read as the rows of that head, or held the same way."""
    from flows.reports.layout.runs import running_text

    out: list[Line] = []
    number = 0
    k = 0
    while k < len(lines):
        line = lines[k]
        block = _coded_lines_under(lines, k)
        if block:
            tid = _HELD_BASE + number
            table = _under_head(lines, k, block, tid)
            if table is not None:
                number += 1
                out.extend(table)
            else:
                out.append(line)
                for j in range(k + 1, block[-1] + 1):
                    out.append(_held(lines[j], warnings) if j in block else lines[j])
            k = block[-1] + 1
            continue
        k += 1
        text = line.text.strip()
        if not _free(line) or len(text) < 40 or running_text(text) or not runs_into_codes(text):
            out.append(line)
            continue
        read: list[str] = []
        tid = _HELD_BASE + number
        tokens = _HALF_TOKEN.findall(text)
        if _head_pair(tokens) is not None:
            rows = _halves(line, tid, read, warnings)
        else:
            # the pair reader knows codes run into a figure only: a code printed apart it would take for a figure
            apart = any(_CODE.fullmatch(a) and not _YEAR.match(a) and b[:1].isupper() for a, b in zip(tokens, tokens[1:]))
            rows = (None if apart else _rows(line, tid, read)) or _one_head(line, tid, warnings)
        if rows is not None:
            number += 1
            out.extend(rows)
            continue
        out.append(_held(line, warnings))
    return out


def _free(line: Line) -> bool:
    return line.segs is None and line.table_id is None and not line.heading


def _held(line: Line, warnings: list[str] | None) -> Line:
    """The line as one cell of text, which no rule cuts into cells, with a warning naming its page and line."""
    text = line.text.strip()
    if warnings is not None:
        warnings.append(f"rows run into one line at page {line.page} line {line.number}: row codes run into its "
                        f"figures, and neither its head nor the decimals of its figures show one reading; left as "
                        f"text: {text[:80]}")
    return Line(page=line.page, number=line.number, text=line.text, segs=[Seg(text, 0.0, 1.0)], heading=line.heading,
                joined=line.joined, prose=line.prose, unit=line.unit)


def _halves_head_alone(line: Line) -> tuple[int, int] | None:
    """(label-head width, value-head width) of a line that is a head of halves and nothing else."""
    tokens = _HALF_TOKEN.findall(line.text.strip())
    head = _head_pair(tokens) if _free(line) and 4 <= len(tokens) <= 6 * _MAX_COPIES else None
    if head is None or head.start != 0 or head.code is not None or head.lead or head.end != len(tokens):
        return None
    return head.p, head.q


def _coded_lines_under(lines: list[Line], k: int) -> list[int]:
    """The lines right under a head of halves alone on line k (a blank line between allowed) that start with a row
    code before a capitalised label ("10 Administrasjon 55,40 60 Helse ..."); [] when line k is no such head."""
    if _halves_head_alone(lines[k]) is None:
        return []
    block: list[int] = []
    j, gap = k + 1, 0
    while j < len(lines) and lines[j].page == lines[k].page and gap <= 1:
        tokens = _HALF_TOKEN.findall(lines[j].text.strip())
        if not tokens:
            gap += 1
        elif _free(lines[j]) and len(tokens) >= 3 and _CODE.fullmatch(tokens[0]) and not _YEAR.match(tokens[0]) \
                and tokens[1][:1].isupper() and re.search(r"\d,\d", lines[j].text):
            block.append(j)
            gap = 0
        else:
            break
        j += 1
    return block


def _under_head(lines: list[Line], k: int, block: list[int], tid: int) -> list[Line] | None:
    """The table of the coded rows on the block's lines under the head of halves on line k, every row on the line it
    starts on; None unless the rows read every token of the block."""
    p, q = _halves_head_alone(lines[k])
    head_tokens = _HALF_TOKEN.findall(lines[k].text.strip())
    tokens: list[str] = []
    line_of: list[int] = []
    for j in block:
        words = _HALF_TOKEN.findall(lines[j].text.strip())
        tokens += words
        line_of += [j] * len(words)
    found = _read_rows(tokens, None, head_tokens[p:p + q])
    if found is None or found[1][1] != len(tokens):
        return None
    columns, (rows, _, starts, _) = found
    head_segs = _head_segs(" ".join(head_tokens[:p]), columns)
    out = [Line(page=lines[k].page, number=lines[k].number, text=" ".join(s.text for s in head_segs), segs=head_segs,
                header=True, table_id=tid)]
    for row, start in zip(rows, starts):
        at = lines[line_of[start]]
        segs = _row_segs(row)
        out.append(Line(page=at.page, number=at.number, text=" ".join(s.text for s in segs), segs=segs, table_id=tid))
    return out
