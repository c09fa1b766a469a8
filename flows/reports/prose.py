"""Prose: the one home of sentences and the figures stated in them.

A document's running text is split into sentences once (`sentences`, from the layout's lines, or from
the line stream when there is no layout), and two readers read those same sentences:

- `prose_figures`: every figure stated in a sentence, general and pure ("Samlet sykefravær i 2020 på
  4,7 %", "sjukefråværet var 6,6 %", "81,3 årsverk", "kr 427,9 millionar", "4 819 ansatte"): a number
  with its unit, the document's own words it measures, its year (and part of the year) and its role: the level as
  stated, or a change ("økte med 0,5 prosentpoeng", "45 mill. lavere enn i fjor"), a deviation from a plan ("470 mill.
  høyere enn budsjett"), the level a change went from ("frå 7,2 til 6,8 prosent"), a plan ("målet er 6 prosent"), a
  norm, an average or a comparison of unknown year (`ProseFigure.scenario`). No metric is named here; `classify` maps
  the levels to the metric catalog.
- `read_prose`: the narrow metric rules that need the reader's context (the unit chapter, the section,
  the quarter, lines a table detector claimed). A number is taken only in a phrase that says what it
  is ("81,3 årsverk", "sykefravær ... 2,7 %", "mindreforbruk på 0,75 mill"); qualitative sentences
  about sick leave or staffing become Observations, never values.

Nothing here names an organisation, unit or document.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from flows.months import LONG_NAMES
from flows.reports import number_words
from flows.reports.figure_years import (
    _FROM_BEFORE,
    LAST_YEAR,
    PRIOR_WORDS,
    Parenthesis,
    YearScope,
    declared_parenthesis,
    lead_scope,
    place_figures,
    stated_as_before,
    title_scope,
    unstamped,
    written_after,
    written_after_file,
    written_year,
)
from flows.reports.figure_years import (
    WRITTEN as _WRITTEN_STAMP,
)
from flows.reports.figure_years import (
    number_end as _number_end,
)
from flows.reports.model import Observation
from flows.reports.numbers import (
    FIGURE_NUMBER,
    HUNDRED_WORDS,
    MAGNITUDE,
    NUMBER_WORDS,
    STANDALONE_FIGURE,
    magnitude_scale,
    normalise_minus,
    parse_amount,
    parse_number,
)
from flows.reports.records import once, quick_init
from flows.reports.stream import YEAR, Context, Line
from flows.reports.units import CHAPTER_HEADER, normalise_unit_name
from flows.reports.years import YEAR as _YEAR_PATTERN
from flows.reports.years import YEAR_TOKEN as _YEAR

# --- sentences ---------------------------------------------------------------------------


@quick_init
@dataclass(frozen=True)
class ProseLine:
    """One line as the sentence splitter sees it."""

    page: int
    number: int
    text: str  # whitespace collapsed, minus signs normalised
    indented: bool = False  # printed with a two-space indent (a sub-item of a list)
    heading: int = 0  # the format marks the line as a heading (level)
    table: bool = False  # a row of a table: never prose
    cells: bool = False  # several positioned cells on the line: read on its own
    stream: Line | None = None  # the reader's stream line, when known


@quick_init
@dataclass(frozen=True)
class Sentence:
    text: str
    page: int
    line: int  # the line the sentence starts on
    section: str | None  # the last heading above it
    quarter: int | None  # "2. kvartal" when the section is a quarter
    heading: int = 0  # the sentence is a heading line the format marks (level)
    lines: tuple[ProseLine, ...] = ()  # the lines it spans, the first where it starts

    @property
    def stream_line(self) -> Line | None:
        return self.lines[0].stream if self.lines else None

    @once
    def lowered(self) -> str:
        """The text lower-cased once for the rules' word tests (`_mentions`); the letters case-insensitive
        patterns also take for s, k and i (ſ, K, İ) are added folded, so a test finds what a pattern finds."""
        low = self.text.lower()
        if _ODD_FOLDS.search(self.text):
            low += "\n" + self.text.replace("\u017f", "s").replace("\u212a", "k").replace("\u0130", "i").lower()
        return low


_ODD_FOLDS = re.compile("[\u017f\u212a\u0130]")


def _mentions(s: Sentence, words: tuple[str, ...]) -> bool:
    """Whether the sentence writes one of the lower-case `words`, in any case."""
    low = s.lowered
    return any(w in low for w in words)


_HEADING = re.compile(r"^(\d+(?:\.\d+)*)\.?\s+([A-ZÆØÅ][^.!?]{1,60})$")
_SECTION_WORDS = re.compile(
    r"^(Organisasjon(?:en)?|Bemanning|Sykefravær|Sjukefråvær|Resultatvurdering|Regnskap|Nøkkeltall|Måloppnåelse.*|"
    r"Økonomi|Fordelingsnøkkel.*|Begivenheter.*|Utfordringer.*|(\d)\.\s*kvartal)\s*:?$",
    re.I,
)
_BULLET = re.compile(r"^(?:[•·▪]|o)\s+")
_SENTENCE_END = re.compile(r"[.!?](?=\s+[A-ZÆØÅ«\"•])|\s•\s")


_INDENTED = re.compile(r"^  \S")
# a line that is one amount or percent and nothing else ("-6,7 mill. kr", "12,5 %", "kr 1 250 000")
_LONE_AMOUNT = re.compile(r"(?i)(?:kr\.?\s*)?[-−–]?\s?\d[\d \u00a0.,]*\s*(?:%|prosent|mill\.?\s*(?:kr\.?|kroner)|"
                          r"mill(?:ioner|ionar)?\.?\s*(?:kr\.?|kroner)?|mrd\.?\s*(?:kr\.?|kroner)?|kr\.?|kroner|mnok|mnkr|tkr\.?)")


def layout_lines(layout) -> list[ProseLine]:
    """The layout's lines for the splitter; rows of the layout's tables are marked as tables, except the
    row of a one-row table that reads as a sentence (a table finder's guess, not a table). A contents list stays
    marked: no cell of it is read, and its titles and page numbers state no figure either."""
    length = {(l.page, l.number): len(l.text) for l in layout.lines}
    rows_at: dict[tuple[int, int], list[str]] = {}
    tables = [t for t in layout.tables if not paragraphs_read_as_table(t)]
    for t in tables:
        for r in t.rows:
            if len(t.rows) > 1 or not _reads_as_sentence(r.text):
                rows_at.setdefault((r.page, r.line), []).append(r.text)
    # a line is a table's, unless it is a paragraph one short row was read out of (an inline year header's row)
    in_table = {at for at, texts in rows_at.items() if len(texts) > 1 or length.get(at, 0) <= 2 * len(texts[0]) + 40}
    in_table |= {at for t in tables if len(t.rows) > 1 for at in t.consumed  # lines joined into rows
                 if at not in length or length[at] <= 200}
    out = []
    for l in layout.lines:
        text = " ".join(normalise_minus(l.text).split())
        table = (l.page, l.number) in in_table and not l.prose
        if table and l.segs is None and l.table_id is None and (l.page, l.number) in rows_at:
            # a text line beside the rows of a table read out of one printed paragraph: the paragraph's own sentences
            # around the table are running text ("... et merforbruk på 8,9 mill. kr. (mill. kr) Regnskap Budsjett
            # Sentraladm 26,4 27,4 ... Sum 631,1 622,2 Undervisningssektoren har ...")
            prose = paragraph_around_rows(text, rows_at[(l.page, l.number)])
            if prose is not None:
                text, table = prose, False
        out.append(ProseLine(page=l.page, number=l.number, text=text,
                             indented=_INDENTED.match(l.text) is not None, heading=l.heading,
                             table=table, cells=l.segs is not None and len(l.segs) > 1))
    return out


_ROW_TAIL = re.compile(r"(?:\s*(?:[-−–]\s?)?\d[\d ,.]*%?)+")


def paragraph_around_rows(text: str, rows: Sequence[str]) -> str | None:
    """The running text of a paragraph line that a table's rows were read out of, with the rows cut out (a full stop
    where they stood), or None when the line is the table's own: the rows fill most of it, or what is left is no
    running text (two sentences and twenty words at least). A text piece split off beside the rows, holding none of
    them, is running text as it stands. Rows are found by their labels, in order;
    a row's figures are the numbers after its label."""
    # the row's label without its figures, a minus detached from its figure too ("Kommunstyrelsen – 77,8 – 76,6 1,2"),
    # written as the line is (its minus signs normalised)
    labels = [re.sub(r"\s(?:[-−–]\s?)?\d[\d ,.%\-−–]*$", "", " ".join(normalise_minus(r).split())).strip() for r in rows]
    labels = [lb for lb in labels if re.search(r"[^\W\d_]{2}", lb)]
    if not labels:
        return None
    first = text.find(labels[0])
    if first < 0:
        return text if not any(lb in text for lb in labels) else None
    end, at = first, first
    for lb in labels:
        k = text.find(lb, at)
        if k < 0:
            return None
        tail = _ROW_TAIL.match(text, k + len(lb))
        end = at = tail.end() if tail else k + len(lb)
    if (end - first) * 2 + 40 >= len(text):
        return None  # the rows are the line: a table
    rest = f"{text[:first]} {text[end:]}"
    if len(re.findall(r"[^\W\d_]{2}[.!?](?=\s|$)", rest)) < 2 or len(re.findall(r"[^\W\d_]{3,}", rest)) < 20:
        return None  # no running text around the rows (a key-figure page's axis, a title): the table's line
    return f"{text[:first].rstrip()}. {text[end:].lstrip()}".strip(". ") if first else text[end:].strip()


def not_a_table(table, lines: Sequence | None = None) -> bool:
    """A table finder's guess that is no table: paragraphs (`paragraphs_read_as_table`: running text, its figures
    prose figures) or a contents list (`contents_read_as_table`, given the layout's `lines` also one run into a line
    or headed on the page above: no figures at all)."""
    return paragraphs_read_as_table(table) or contents_read_as_table(table, lines)


_CONTENTS = re.compile(r"(?i)\b(?:innhold\w*|innhald\w*|innehåll\w*|indhold\w*|contents|sisällys\w*)\b")
_CONTENTS_LINE = re.compile(r"(?i)(?:\d+\s+)?(?:innhold\w*|innhald\w*|innehåll\w*|indhold\w*|contents|sisällys\w*)\s*:?")
_CONTENTS_REACH = 40  # lines above a table on its page a contents heading still heads it


def _page_numbers(table) -> list[int]:
    """The first figure of each leading row printed as a page number: a whole number below 1 000 and nothing else in
    the row but such numbers (a run-on contents line glues the next entry's section number to a page number:
    "Gjeld og renteutgifter 4 7"); stops at the first row that is not."""
    pages: list[int] = []
    for row in table.rows:
        if not row.values or not all(re.fullmatch(r"\d{1,3}", v.strip()) for _, v in row.values):
            break
        pages.append(int(row.values[0][1]))
    return pages


def _contents_heading_over(table, lines: Sequence) -> bool:
    """A contents heading before the rows on the line they were read out of ("... INNHOLDSFORTEGNELSE 1 Innledning 1
    2 Den økonomiske situasjonen 1 ..."), or standing alone on a line above the table on its page."""
    read = set(table.consumed) | {(r.page, r.line) for r in table.rows}
    first = table.rows[0].label if table.rows else ""
    for line in lines:
        if (line.page, line.number) in read:
            text = " ".join(line.text.split())
            at = text.find(first) if first else -1
            m = _CONTENTS.search(text)
            if m and (at < 0 or m.start() < at):
                return True
    start = min(read, default=(table.page, table.line))
    above = [line for line in lines if line.page == start[0] and start[1] - _CONTENTS_REACH <= line.number < start[1]]
    return any(_CONTENTS_LINE.fullmatch(" ".join(line.text.split())) for line in above)


def contents_read_as_table(table, lines: Sequence | None = None) -> bool:
    """A contents list a table finder took for a table: titles each with a whole page number, the numbers never
    decreasing ("Borgmesterens forord 3", "Förvaltningsberättelse 5", "Noter 26"), under a caption or heading naming
    the contents (a key-figure list of rising counts is a table), or, given the layout's lines, under a contents
    heading on the line the rows were read out of or above them on the page; a last row or two the finder ran on with
    may be anything ("Antal årsarbetare var 2 341."). No column is a year's."""
    if any(re.search(rf"\b{YEAR}\b", c.label or "") for c in table.columns):
        return False
    pages = _page_numbers(table)
    if len(table.rows) - len(pages) > 2 or any(a > b for a, b in zip(pages, pages[1:])):
        return False
    named = _CONTENTS.search(" ".join([table.caption or "", *(table.headings or [])[-1:]])) is not None
    if named and len(pages) >= 3:
        return True
    if lines is not None and len(pages) >= 2 and _contents_heading_over(table, lines):
        return True
    # (rows of rising whole numbers under no heading are no contents list: a key-figure list of rising counts is a
    # table, "Antall skoler 3 / Antall barnehager 5 …")
    return False


def paragraphs_read_as_table(table) -> bool:
    """A table finder's guess made of paragraphs: its header and every row are sentences ending in a full stop
    ("Oppvekst hadde 210,4 årsverk i 2030. ... 8,1 %, mot 7,6 % i 2029." above "Det legemeldte ... 7,0 %.")."""
    texts = [r.text for r in table.rows] + list(getattr(table, "header_text", None) or [])
    return len(table.rows) > 1 and all(re.search(r"[\wæøå%)]\s*[.!?]$", t.strip()) and len(t.split()) >= 4 for t in texts)


def _reads_as_sentence(text: str) -> bool:
    """A word closing a sentence ("Totalt 2,5 %." does not: its last word is a figure, so the test
    is on the ending) or six words of running text."""
    return re.search(r"[.!?](?:\s|$)", text.strip()) is not None and not re.search(r"\d\s*$", text.strip()) \
        or len(re.findall(r"[A-Za-zÆØÅæøå]{3,}", text)) >= 6


def stream_lines(lines: Sequence[Line]) -> list[ProseLine]:
    """A line stream without layout (text given as pages): rows of cells are tables."""
    return [ProseLine(page=l.page, number=l.number, text=" ".join(normalise_minus(l.text).split()),
                      indented=re.match(r"^  \S", l.raw) is not None, table=l.cells is not None, stream=l)
            for l in lines]


def _goes_on(text: str, t: str, buffer: list) -> bool:
    """In a narrow text column (the paragraph so far is two or more short lines, no sentence ended at the break) a line
    that starts with a figure goes on with the sentence ("Sykefraværet var i 2023 på" / "6,2 prosent, mot"), and one
    in lower case goes on after a figure ("totalt 812,4" / "årsverk i 2023")."""
    if len(buffer) < 2 or re.search(r"[.!?:]$", text) or any(len(line.text) >= 45 for _, line in buffer[-2:]):
        return False
    return bool(re.match(r"[-–]?\d", t) and not re.search(r"[\d%]$", text)) or bool(re.match(r"[a-zæøåäö(]", t))


def _year_goes_on(text: str, t: str, buffer: list) -> bool:
    """"2023. Talet på" after "og 6,6 prosent i" in a narrow column: the year ends the sentence, no numbered heading."""
    return bool(re.match(rf"{YEAR}\.\s", t)) and _goes_on(text, t, buffer)


def sentences(lines: Iterable[ProseLine]) -> list[Sentence]:
    """The running text as sentences, each with its first line, section and quarter. A paragraph ends at
    an empty line (unless the next line goes on with an unfinished sentence, as in double-spaced text
    exports), a heading, a table row, a page break, a list item, a line after a colon and a short line
    (a heading or a list item the format did not mark); wrapped lines of one paragraph are joined, so a
    figure broken over two lines ("nesten 58 / 000 saker") is read whole."""
    out: list[Sentence] = []
    section: str | None = None
    quarter: int | None = None
    buffer: list[tuple[int, ProseLine]] = []
    text = ""
    page = None
    gap = short = False

    def flush() -> None:
        nonlocal text, buffer
        pieces, start = [], 0
        for m in _SENTENCE_END.finditer(text):
            inline_bullet = m.group(0).strip() == "•"  # "a • b": two items, the bullet dropped
            pieces.append((start, m.start() if inline_bullet else m.end()))
            start = m.end()
        pieces.append((start, len(text)))
        offsets = [offset for offset, _ in buffer]  # increasing: where each line starts in `text`
        for a, b in pieces:
            chunk = text[a:b].strip()
            if not chunk:
                continue
            begin = a + len(text[a:b]) - len(text[a:b].lstrip())
            first = bisect_right(offsets, begin) - 1
            last = bisect_left(offsets, begin + len(chunk)) - 1
            spanned = tuple(line for _, line in buffer[first:last + 1])
            out.append(Sentence(" ".join(chunk.split()), spanned[0].page, spanned[0].number, section, quarter,
                                lines=spanned))
        text, buffer = "", []

    for line in lines:
        t = line.text
        if line.page != page:
            flush()
            page = line.page
        if line.table:
            flush()
            continue
        if not t:
            gap = True  # a blank line ends the paragraph unless the next line goes on with its sentence
            continue
        if short and len(buffer) == 1 and _LONE_AMOUNT.fullmatch(t) and not re.search(r"\d|[.!?:]$", text):
            # a list printed label line, figure line ("netto merforbruk sektorene" / "-6,7 mill. kr"): the figure is the
            # label's, never the next label's
            buffer.append((len(text) + 1, line))
            text = f"{text} {t}"
            flush()
            gap = short = False
            continue
        if gap and (re.search(r"[.!?:]$", text) or not re.match(r"[a-zæøå0-9(]", t)):
            flush()
        elif short and not (re.match(r"[a-zæøåäö(]", t) and not re.search(r"[.!?:\d%]$", text)) \
                and not _goes_on(text, t, buffer):
            flush()  # the short line before ended its paragraph: this line does not go on with its sentence
        gap = short = False
        numbered = (_HEADING.match(t) and not _year_goes_on(text, t, buffer)) or _SECTION_WORDS.match(t)
        if line.heading or (numbered and len(t) < 70):
            flush()
            section = t
            qm = re.match(r"^(\d)\.\s*kvartal", t, re.I)
            if qm:
                quarter = int(qm.group(1))
            elif _HEADING.match(t) and not re.search(r"kvartal", t, re.I):
                quarter = None
            out.append(Sentence(t, line.page, line.number, section, quarter, heading=line.heading or 0, lines=(line,)))
            continue
        if CHAPTER_HEADER.match(t):
            flush()
            section, quarter = None, None
            out.append(Sentence(t, line.page, line.number, None, None, heading=1, lines=(line,)))
            continue
        if line.cells:
            flush()
            buffer, text = [(0, line)], t
            flush()
            continue
        bullet = _BULLET.match(t) is not None or line.indented
        if bullet or text.endswith(":"):
            flush()
            t = _BULLET.sub("", t)
        buffer.append((len(text) + (1 if text else 0), line))
        text = f"{text} {t}" if text else t
        # a short line ends its paragraph (a heading, a list item) unless the next line goes on with its sentence
        # in lower case (a line of a narrow text column: "Det ordinære" / "driftsresultat blev på 123,4 mio. kr.")
        short = len(t) < 40 and not t.endswith((",", "og", "i", "på"))
    flush()
    return out


def read_prose(ctx: Context, found: Sequence[Sentence] | None = None, *, attached: bool = False) -> None:
    """The narrow metric rules on the document's sentences (from the layout when given, else from the
    stream), skipping sentences on lines a table detector claimed; `attached`: the sentences given are
    matched to the stream already (`attach_stream`)."""
    if found is None:
        found = sentences(stream_lines(ctx.lines))
    elif not attached:
        found = attach_stream(found, ctx.lines)
    before: Sentence | None = None
    for sentence in found:
        ctx.label_above = _label_above(sentence, before)
        before = sentence
        if sentence.stream_line is None or any(l.stream is not None and l.stream.index in ctx.consumed
                                               for l in sentence.lines):
            continue
        for rule in (
            read_staffing,
            read_sick_leave,
            read_budget_result,
            read_cost_share,
            read_cases_and_incidents,
            read_fund,
        ):
            rule(ctx, sentence)


def _label_above(s: Sentence, before: Sentence | None) -> str | None:
    """The part a short label line right above a sentence names ("Nr. 1: Legetjenesten" over "Fraværet de siste 4 årene
    viser; 2020: 2,55 %"): a word for a part of an organisation (`_PART_WORD`), in a line of at most six words that
    ends no sentence, on the same page one or two lines up. None when there is none."""
    if before is None or before.page != s.page or not 0 < s.line - before.line <= 2 or len(before.text.split()) > 6 \
            or before.text.rstrip().endswith((".", "!", "?")) or _DIGIT.search(re.sub(r"(?i)^nr\.?\s*\d+\s*:?", "",
                                                                                      before.text.strip())):
        return None
    m = _LABEL_PART.search(before.text)
    return m.group("name") if m and not _WHOLE.match(m.group("name")) else None


def attach_stream(found: Sequence[Sentence], stream: Sequence[Line]) -> list[Sentence]:
    """Each sentence's lines matched, in order, to the reader's stream lines with the same page and text,
    else the next one holding the text (the stream is the same layout's lines as printed, table rows
    rewritten as cells)."""
    by_text: dict[tuple[int, str], list[Line]] = {}
    by_page: dict[int, list[Line]] = {}  # a line of a two-column page is half of a printed line
    for line in stream:
        by_text.setdefault((line.page, normalise_minus(line.text)), []).append(line)  # text: whitespace collapsed
        by_page.setdefault(line.page, []).append(line)
    at: dict[tuple[int, str], list[int]] = {}  # the stream positions of each text's lines, for bisection

    def first_after(key: tuple[int, str], last: int) -> Line | None:
        """The first line with this page and text after stream position `last` (the stream is in order)."""
        candidates = by_text.get(key)
        if not candidates:
            return None
        if key not in at:
            at[key] = [c.index for c in candidates]
        k = bisect_right(at[key], last)
        return candidates[k] if k < len(candidates) else None

    last = -1
    matched: dict[tuple[int, int], Line | None] = {}
    attached: dict[int, ProseLine] = {}  # id of a line two sentences share -> the line with its match
    out = []
    for s in found:
        lines = []
        for line in s.lines:
            key = (line.page, line.number)
            if key not in matched:
                text_key = (line.page, line.text) if (line.page, line.text) in by_text \
                    else (line.page, _BULLET.sub("", line.text))
                matched[key] = first_after(text_key, last) or next(
                    (c for c in by_page.get(line.page, ()) if c.index > last and line.text in c.text), None)
                last = matched[key].index if matched[key] is not None else last
            if id(line) not in attached:
                attached[id(line)] = ProseLine(line.page, line.number, line.text, line.indented, line.heading,
                                               line.table, line.cells, matched[key])
            lines.append(attached[id(line)])
        out.append(Sentence(s.text, s.page, s.line, s.section, s.quarter, s.heading, tuple(lines)))
    return out


def _year_near(text: str, pos: int, end: int, default: int) -> int:
    """A year written right after the number ("5,0 % i 2019") wins, else the closest
    year before it in the sentence, else the report year."""
    after = re.match(rf"\s*(?:%\s*)?(?:i|for|pr\.?|per)?\s*({YEAR})\b", text[end:])
    if after:
        return int(after.group(1))
    before = list(re.finditer(rf"(?<![\d.]){YEAR}(?!\d)|\d{{1,2}}\.\d{{1,2}}\.({YEAR})", text[:pos]))
    if before:
        last = before[-1]
        return int(last.group(1) or last.group(0))
    return default


_SECTIONS = {"sick_leave": re.compile(r"(?i)sykefravær|sjukefråvær"), "cost_share": re.compile(r"(?i)fordelingsnøkkel")}


@lru_cache(maxsize=4096)
def _section_is(section: str, topic: str) -> bool:
    """The section heading names the topic (asked for every sentence under it)."""
    return _SECTIONS[topic].search(section) is not None


# every pattern of a rule holds one of its words: a sentence without them is not read further
_STAFFING_WORDS = ("årsverk", "åv", "ansatte", "tilsette", "personer med", "lærling", "bemanning", "antall")
_RESULT_WORDS = ("forbruk", "resultat")
_CASE_WORDS = ("registrerte", "hendelser", "aktive brukere")
_FUND_WORDS = ("disposisjonsfond",)


def read_staffing(ctx: Context, s: Sentence) -> None:
    t = s.text
    if not _mentions(s, _STAFFING_WORDS):
        return
    for m in re.finditer(rf"({STANDALONE_FIGURE})\s*(utførte |tilgjengelige |avtalte )?(årsverk|ÅV)\b", t, re.I):
        before = t[max(0, m.start() - 25) : m.start()].lower()
        explicit_year = re.match(rf"\s*i\s+{YEAR}\b", t[m.end():])
        if re.search(r"(økning|nedgang|reduksjon|vakanse|endring|auke) (på|med)\s*$|med\s*$|\+\s*$", before):
            continue
        if re.search(r"fra\s*$", before) and not explicit_year:
            continue
        if re.match(r"\s*(mer|mindre|flere|færre)\b", t[m.end():]):
            continue  # "(2,2 årsverk mer)" is a change, not a level
        if re.search(r"\b(økning|vakanse)\b", before) or _part_or_reference(t, m.start()):
            continue
        kind = (m.group(2) or "").strip().lower()
        metric = {"utførte": "fte_performed", "tilgjengelige": "fte_available"}.get(kind, "fte")
        value = parse_number(m.group(1), decimal_dot=True)
        year = _year_near(t, m.start(), m.end(), ctx.report_year)
        ctx.add_fact(metric, value, s.stream_line, year=year, kind="prose", excerpt=t, **_part_of(ctx, t, m.start()))
    for m in re.finditer(rf"({STANDALONE_FIGURE})\s+(?:faste\s+)?(ansatte|tilsette|personer med til sammen|lærlinger|lærlingar)\b",
                         t, re.I):
        before = t[max(0, m.start() - 8) : m.start()].lower()
        after = t[m.end() : m.end() + 12].lower()
        if re.search(r"(sluttet|slutta|nye|gikk av|forlot)\s*$", t[max(0, m.start() - 14) : m.start()].lower()) \
                or _part_or_reference(t, m.start()):
            continue
        if re.search(r"\d\s+av\s*$", before) or re.match(r"\s*(sluttet|slutta|gikk|forlot)", after) or after.startswith("/"):
            continue
        word = m.group(2).lower()
        metric = "apprentices" if word.startswith("lærling") else "employees"
        count = parse_number(m.group(1))
        if count is None or count != int(count) or count < 0:
            continue  # "2,5 ansatte" counts no people
        year = _year_near(t, m.start(), m.end(), ctx.report_year)
        ctx.add_fact(metric, int(count), s.stream_line, year=year, kind="prose", excerpt=t, **_part_of(ctx, t, m.start()))
    m = re.search(rf"({STANDALONE_FIGURE})\s+(?:faste\s+)?ansatte\s*/\s*årsverk", t, re.I)
    if m and parse_number(m.group(1)) is not None:  # "6 faste ansatte / årsverk": the same number is both
        ctx.add_fact("fte", parse_number(m.group(1)), s.stream_line, year=_year_near(t, m.start(), m.end(), ctx.report_year),
                     kind="prose", excerpt=t)
    if re.search(r"(?i)\b(bemanning\w*|antall (hoder|ansatte|årsverk))\b.*\b(stabil|uendret|redusert|økt|likt|lik)\b", t) \
            and not re.search(r"\d", t):
        ctx.observations.append(Observation("fte", t, ctx.report_year, ctx.unit_at(s.stream_line.index), ctx.provenance(s.stream_line, t)))


def _part_of(ctx: Context, text: str, start: int, clause_from: int = 0) -> dict:
    """The unit or part a rule's figure is of (`part_named`), as add_fact's keywords: a unit of the document by its
    name, else the part as the fact's subject (never the whole organisation's figure)."""
    part = part_named(text, start, clause_from)
    if not part:
        return {}
    unit = ctx.unit_aliases.get(normalise_unit_name(part))
    return {"unit": unit} if unit else {"subject": part}


def _part_or_reference(text: str, start: int) -> bool:
    """A number inside parentheses qualifies the figure before it ("499 kvinner (383 årsverk)", "(inkluderer
    2,9 årsverk ...)"); one after "note", "side", "nr", "kapittel" or "§" refers to a place in the document."""
    head = text[:start]
    return head.count("(") > head.count(")") or \
        re.search(r"(?i)(?:\b(?:note|noter|side|nr|kapittel|kap|punkt)\.?|§)\s*$", head) is not None


def read_sick_leave(ctx: Context, s: Sentence) -> None:
    from flows.reports.layout.periods import dated_period, sentence_periods

    t = s.text
    about_sick_leave = _mentions(s, ("fravær", "fråvær"))  # as "syke?fravær|sjukefråvær|fravær" finds
    follows = ctx.last_sick_leave_line
    if not about_sick_leave and follows is not None and s.stream_line.index - follows <= 6 \
            and re.match(r"(?i)^(tilsvarende|til sammenligning|tilsvarande)", t):
        about_sick_leave = True  # "Tilsvarende tall for 2020 ... var 1.84%" continues the topic
    if about_sick_leave:
        ctx.last_sick_leave_line = s.stream_line.index
    in_section = s.section and _section_is(s.section, "sick_leave")
    if not about_sick_leave and not (in_section and re.match(r"(?i)^(totalt|samlet|sum)\b", t)):
        return
    if sentence_periods(t) or s.section and dated_period(s.section, words_only=True):
        return  # a figure of a part of the year ("i 4. kvartal", "per 31. august"): the prose figures date it by its part
    # "8,1 og 9,4 %": the first figure shares the per cent sign of the second
    pcts = list(re.finditer(r"(-?\d+(?:[.,]\d+)?)(?:\s*%|(?=\s+(?:og|and|eller|or)\s+-?\d+(?:[.,]\d+)?\s*%))", t))
    pcts = [m for m in pcts if "%" in m.group(0) or not re.fullmatch(r"(?:19|20)\d\d", m.group(1))]
    if not pcts:
        if re.search(r"(?i)\b(lavt|lav|høyt|høy|høyere|lavere|lågt|låg|høgt|høg|høgare|lågare|økt|auka|redusert|stabilt|stabil|uendret)\b", t):
            year_m = re.search(rf"\b({YEAR})\b", t)
            ctx.observations.append(Observation(
                "sick_leave_pct", t, int(year_m.group(1)) if year_m else ctx.report_year,
                ctx.unit_at(s.stream_line.index), ctx.provenance(s.stream_line, t)))
        return
    placed = place_figures(t, [m.span() for m in pcts], ctx.report_year or None, None, ["pct"] * len(pcts))
    previous = None  # the kind of the sentence's figure before: "4,1 %, mot 3,9 % året før" compares the same kind
    for k, m in enumerate(pcts):
        after = t[m.end() : m.end() + 20].lower()
        before = t[max(0, m.start() - 40) : m.start()].lower()
        if re.match(r"\s*(lavere|høyere|færre|flere|av\b)", after):
            continue  # a comparison, not a level
        if placed[k].dropped:
            continue  # "7,2 % (6,8 %)": a comparison whose year the text does not say
        if _COMPOUND_AFTER.match(t, m.end()) or CHANGE_BEFORE.search(re.split(r"[.;:!?]\s|,\s", before)[-1]):
            continue  # "16%-tiltaket" names a rule; "en nedgang på 0,4 %" is a change, not the level
        bound = BOUND_BEFORE.search(before) is not None or BOUND_AFTER.match(t, m.end()) is not None
        if bound and not _TARGET_WORDS.search(before):
            continue  # "enheter med 16 % eller mer", "over 10 %": a threshold a rule sets, never the level
        unit: str | bool = True
        part = {} if placed[k].paired else _part_of(ctx, t, m.start(), pcts[k - 1].end() if k else 0)
        if not part and not placed[k].paired and ctx.label_above and not _WHOLE_NAMED.search(t):
            # the figure of a sentence under a label naming a part ("Nr. 1: Legetjenesten" over "Fraværet de siste 4
            # årene viser; 2020: 2,55 %") is the part's, never the whole organisation's
            unit = ctx.unit_aliases.get(normalise_unit_name(ctx.label_above))
            part = {"subject": ctx.label_above} if not unit else {}
        if "unit" in part:
            unit = part.pop("unit")
        if placed[k].paired:  # "Oppvekst og helse hadde henholdsvis 8,1 og 9,4 %": each figure is its unit's
            unit = ctx.unit_aliases.get(normalise_unit_name(placed[k].paired)) or False
            if not unit:
                continue  # paired with something the document does not know as a unit: never the organisation's
        value = parse_number(m.group(1), decimal_dot=True)
        qualifier = "target" if _TARGET_WORDS.search(before) or bound or stated_as_plan(t, m.group(0)) else None
        year = placed[k].year or ctx.report_year
        own = t[max(0, pcts[k - 1].end() if k else 0, m.start() - 90) : m.start()].lower()  # no other figure's words
        between = t[pcts[k - 1].end():m.start()].lower() if k else ""
        metric = sick_leave_kind(after[:14]) or sick_leave_kind(own, last=True) or (
            previous if previous and not re.search(r"totalt|samle[td]|samla|\btotal|fravær|fråvær|absence|sick", between)
            else "sick_leave_pct")
        previous = metric
        ctx.add_fact(metric, value, s.stream_line, year=year, kind="prose", qualifier=qualifier, excerpt=t, unit=unit, **part)


# words saying a sentence's figure is the whole organisation's ("for hele kommunen", "samlet", "totalt")
_WHOLE_NAMED = re.compile(r"(?i)(?<![\wæøåäö])(?:hele|heile|hela|samlet|samla|samlede|totalt?|i alt|kommunen|"
                          r"fylkeskommunen|organisasjonen|the whole)(?![\wæøåäö])")


# the words that make a bound a target ("målet er under 6 %", "måltall: maks 7 prosent", "ambisjonen er å komme under")
_TARGET_WORDS = re.compile(r"målsetting|målsetjing|mål\b|målet\b|måltal\w*|ambisjon\w*|target|goal")


_SICK_LEAVE_KINDS = re.compile(r"(?P<self>egenmeld|eigenmeld)|(?P<doctor>legemeld|sykemeld|sjukmeld)|(?P<short>korttid)|"
                               r"(?P<long>langtid)")


def sick_leave_kind(text: str, *, last: bool = False) -> str | None:
    """The kind of sick leave the (lower-case) words name: self-certified, doctor-certified, short- or
    long-term; None for the total. Right after a figure ("1,1 % egenmeldt") the words must start with it."""
    found = list(_SICK_LEAVE_KINDS.finditer(text))
    if not found or (not last and text[:found[0].start()].strip(" %,.:")):
        return None
    if last and re.search(r"[.;:]\s|\b(?:men|mens|but|while)\b", text[found[-1].end():]):
        return None  # the kind named in an earlier clause ("egenmelding er ikkje med; fråværet var 6 %")
    kind = (found[-1] if last else found[0]).lastgroup
    return {"self": "sick_leave_self_certified_pct", "doctor": "sick_leave_doctor_certified_pct",
            "short": "sick_leave_short_term_pct", "long": "sick_leave_long_term_pct"}[kind]


_RESULT = re.compile(
    r"(?P<word>mindreforbruk|underforbruk|merforbruk|overforbruk|positivt resultat|negativt resultat|"
    rf"meirforbruk|mindreforbruk)\s+på\s+(?P<amount>(?:kr\.?\s*)?(?:ca\.?\s*)?{STANDALONE_FIGURE})"
    # "8-9 mill. kr": a range's upper end stands between the figure and its magnitude; a dash before a digit is that
    # range, never the mark of whole kroner ("kr 8-")
    rf"(?P<upper>\s*[-–]\s*\d[\d,]*(?=\s*(?:{MAGNITUDE})))?(?P<scale>\s*(?:(?:{MAGNITUDE})(?:\s*kr\.?)?|,-|\.-|-(?!\d))?)",
    re.I,
)


def read_budget_result(ctx: Context, s: Sentence) -> None:
    t = s.text
    if not _mentions(s, _RESULT_WORDS):
        return
    for m in _RESULT.finditer(t):
        subject = t[: m.start()]
        if re.search(r"(?i)\bandel\b|budsjettert", subject):
            continue  # a share of another unit's result, or a planned figure
        amount = parse_amount((m.group("amount") + m.group("scale")).replace("ca.", "").replace("ca ", ""))
        if amount is None:
            continue
        sign = -1 if re.match(r"(?i)mer|meir|over|negativ", m.group("word")) else 1
        unit = _unit_named_in(ctx, subject, s.stream_line)
        qualifier = None
        if re.search(r"(?i)\bsamlet\b", subject) and ctx.unit_at(s.stream_line.index):
            qualifier = "samlet"
        if re.search(r"(?i)investering", " ".join(x.text for x in ctx.lines[max(0, s.stream_line.index - 40) : s.stream_line.index])) \
                and re.search(r"(?i)regnskapet viser", subject):
            qualifier = "investering"
        ctx.add_fact("budget_result_nok", sign * amount.value_nok, s.stream_line, kind="prose", unit=unit or False,
                     qualifier=qualifier, excerpt=t)
    m = re.search(r"(?i)resultat som er\s+(kr\.?\s*[\d .,]+-?)\s+(bedre|dårligere|svakere)\s+enn\s+budsjett", t)
    if m:
        amount = parse_amount(m.group(1))
        if amount:
            sign = 1 if m.group(2).lower() == "bedre" else -1
            ctx.add_fact("budget_result_nok", sign * amount.value_nok, s.stream_line, kind="prose",
                         unit=ctx.unit_at(s.stream_line.index) or False, excerpt=t)


def _unit_named_in(ctx: Context, subject: str, line: Line) -> str | None:
    """The unit a sentence is about: a unit named before the verb, else the chapter's."""
    # ("samlet sett", "samla sett": taken together, no word of a name)
    words = re.sub(r"(?i)\b(viser|har|hadde|fikk|går ut av \d{4} med|et|eit|en|ein|regnskapsmessig|samlet sett|"
                   r"samla sett|sett under ett|samlet|samla|også|ca\.?)\b", " ", subject)
    words = " ".join(words.split()).strip(" ,.")
    if not words or re.fullmatch(r"(?i)(området|områdene|enheten|eininga|regnskapet|rekneskapen|regnskapsresultatet|"
                                 r"selskapet|vi|det|dette|i \d{4}|totalt|samlet i \w+ er det)", words) \
            or _WHOLE.match(words) and len(words.split()) <= 2:  # "Kommunen hadde et mindreforbruk": the whole, no unit
        return ctx.unit_at(line.index)
    key = normalise_unit_name(words)
    if key in ctx.unit_aliases:
        return ctx.unit_aliases[key]
    for alias_key, name in ctx.unit_aliases.items():
        if alias_key and (key.startswith(alias_key) or alias_key.startswith(key)) and len(key) > 3:
            return name
    if re.match(r"^[A-ZÆØÅ]", words) and len(words.split()) <= 5 and not ctx.unit_at(line.index) \
            and not _sentence_fragment(words):
        return words  # a named area the document has not introduced as a unit
    return ctx.unit_at(line.index)


# words that open a clause or close before its noun, never a body's name: a time or place phrase ("För 2016", "I år"),
# an article the subject's noun follows ("... prognostiseras ett")
_CLAUSE_OPENERS = {"for", "för", "i", "etter", "efter", "under", "innen", "inom", "ved", "vid", "pr", "per", "totalt",
                   "sammanlagt", "samlet", "samla", "dermed", "derfor", "därför", "då", "så", "men", "og", "och", "som",
                   "in", "at", "by", "the", "this", "det", "den", "denne", "dette", "vi", "man"}
_ARTICLES = {"et", "ett", "en", "ei", "eit", "ein", "a", "an", "the", "sitt", "sin", "sine", "sit"}


def _sentence_fragment(words: str) -> bool:
    """The words before a result are a clause, not a name: a figure or year in them, a clause opener first or an
    article last ("För 2016 prognostiseras ett", "I 2022 fikk")."""
    parts = words.split()
    return bool(re.search(r"\d", words)) or parts[0].lower().strip(".,") in _CLAUSE_OPENERS \
        or parts[-1].lower() in _ARTICLES


def read_cost_share(ctx: Context, s: Sentence) -> None:
    """"Fordelingsnøkkel: 41%, flatt og 59% etter innbygger" and the same inside a
    table title ("Investeringsregnskapet (fordeling 59% innbygger, 41% flatt)")."""
    t = s.text
    if not _mentions(s, ("fordeling", "fordelt")) and not (s.section and _section_is(s.section, "cost_share")):
        return
    # "Regnskap/ fakturering: 29,8% ... Fakturabehandling: 23,3% ..." are separate keys
    for part in re.split(r"\s+(?=[A-ZÆØÅ][^:%.]{0,30}:\s*(?:fast\s+)?\d)", t):
        _read_cost_share_part(ctx, s, part)


def _read_cost_share_part(ctx: Context, s: Sentence, t: str) -> None:
    qualifier = None
    if re.search(r"(?i)investering", t):
        qualifier = "investering"
    area = re.match(r"^([A-ZÆØÅ][^:%]{1,40}):\s*(?=.*%)", t)
    if area and not re.search(r"(?i)fordelingsnøkkel", area.group(1)):
        qualifier = " ".join(area.group(1).split())
    body = t[area.end():] if area else t
    pcts = list(re.finditer(r"(\d+(?:[.,]\d+)?)\s*%", body))
    if len(pcts) < 2:
        return
    total = sum(parse_number(p.group(1), decimal_dot=True) or 0 for p in pcts)
    if abs(total - 100) > 0.5:
        return
    for k, p in enumerate(pcts):
        end = pcts[k + 1].start() if k + 1 < len(pcts) else len(body)
        start = pcts[k - 1].end() if k > 0 else 0
        after = re.sub(r"^[\s,]+|\s+og\s*$|[,.)]+$", "", body[p.end() : end]).strip()
        after = re.sub(r"\s+og$", "", after)
        before = body[start : p.start()]
        label = after if after and after.lower() != "og" else before
        subject = _share_part(label)
        if subject is None:
            continue
        ctx.add_fact("cost_share_pct", parse_number(p.group(1), decimal_dot=True), s.stream_line, kind="prose",
                     subject=subject, qualifier=qualifier, excerpt=t)


def _share_part(text: str) -> str | None:
    low = text.lower()
    if re.search(r"\b(fast|flatt|flat|likt)\b", low):
        return "flat"
    if "innbygg" in low:
        return "innbyggere"
    m = re.search(r"(utgående faktura|inngående faktura|lønnsoppgaver|elevtall|brukere|saker)", low)
    if m:
        return m.group(1)
    if "variabel" in low:
        return "variabel"
    return None


def read_cases_and_incidents(ctx: Context, s: Sentence) -> None:
    t = s.text
    if not _mentions(s, _CASE_WORDS):
        return
    m = re.search(r"(?i)registrert\s+(\d[\d. ]*\d|\d)\s+registrerte\s+(?:drifts)?saker\s+i\s+kvartalet", t)
    if m and s.quarter:
        ctx.add_fact("cases", parse_number(m.group(1)), s.stream_line, quarter=s.quarter, kind="prose", unit=False, excerpt=t)
    m = re.search(rf"(?i)({STANDALONE_FIGURE})\s+hendelser\s+med\s+(?:prioritet\s+A\s+eller\s+B|A-\s*eller\s+B-prioritet)", t)
    if m and s.quarter:
        ctx.add_fact("ab_incidents", parse_number(m.group(1)), s.stream_line, quarter=s.quarter, kind="prose", unit=False, excerpt=t)
    m = re.search(r"(?i)(\d{1,3}(?:[. ]\d{3})+|\d+)\s+aktive\s+brukere", t)
    if m:
        ctx.add_fact("active_users", parse_number(m.group(1)), s.stream_line, kind="prose", unit=False, excerpt=t)


def read_fund(ctx: Context, s: Sentence) -> None:
    t = s.text
    if not _mentions(s, _FUND_WORDS):
        return
    for m in re.finditer(r"(?i)(kr\.?\s*[\d .]+,?-?)\s*overføres til disposisjonsfond", t):
        amount = parse_amount(m.group(1))
        if amount:
            ctx.add_fact("fund_allocation_nok", amount.value_nok, s.stream_line, kind="prose", unit=False, excerpt=t)
    m = re.search(r"(?i)disposisjonsfond\w*\s+ved utgangen av året\s+(?:er\s+)?på\s+(kr\.?\s*[\d .]+,?-?)", t)
    if m:
        amount = parse_amount(m.group(1))
        if amount:
            ctx.add_fact("fund_balance_nok", amount.value_nok, s.stream_line, kind="prose", unit=False,
                         qualifier="31.12", excerpt=t)


# --- figures stated in sentences --------------------------------------------------------

_FIG_NUM = FIGURE_NUMBER
_WORDS = NUMBER_WORDS  # the Scandinavian number words ("femårsperiode", "fem av dei tilsette")
_HUNDRED = HUNDRED_WORDS
_ANY_WORDS = number_words.ALL  # with the English ones, read only in an English sentence ("three stations")
# a change in percentage points ("0,4 procentpoint", "0,5 procentenheter", "1,2 prosentpoeng", "0,3 %-enheter"):
# a difference of two shares, never a share itself: its unit is "pp", which no metric of the catalog measures
_PERCENT_POINTS = re.compile(r"(?i)\s*(?:(?:prosent|procent|pct\.?|%)\s*-?\s*(?:poeng|poäng|point|enhet)|percentage\s+points?\b|"
                             r"pp\b|p\.p\.|pe\b)")
# a month after a day ("31 december 2023", "den 1 januari"): a date, not a count of anything
_MONTHS = frozenset(LONG_NAMES)
# a sentence worth reading for figures (tested on its lower-cased text): a digit, a number word, a span of years in
# one word ("femårsperiode"), "million"/"milliard" ("en halv million kroner")
_DIGIT = re.compile(r"\d")  # the gate's first branch, alone: found at once where a sentence has a figure
_FIGURE_GATE = re.compile(rf"\d|\b(?:{'|'.join(_ANY_WORDS)}|null)(?:\b|års|årig)|milli(?:on|ard)|milj(?:on|ard)")
_WORD_RUN = re.compile(r"\w+")
_GATE_WORDS = frozenset(_ANY_WORDS) | {"null"}


def _words_gate(low: str) -> bool:
    """`_FIGURE_GATE` without its digit branch, on lower-case text, read by word runs and substrings: a regex
    trying every number word at every position of every sentence cost more than reading the figures."""
    if "million" in low or "milliard" in low or "miljon" in low or "miljard" in low:
        return True
    for run in _WORD_RUN.findall(low):
        if run in _GATE_WORDS:
            return True
        at = run.find("år", 1)  # a number word run into "års"/"årig" ("femårsperiode"): the word before each "år"
        while at > 0:
            if run.startswith(("års", "årig"), at) and run[:at] in _GATE_WORDS:
                return True
            at = run.find("år", at + 1)
    return False


_FIGURE = re.compile(
    rf"(?P<minus>\b(?:minus|negative|negativ|negativt)\s+)?(?P<kr>\b(?:kr|sek|nok|dkk|kroner|kronor)\.?\s*)?(?:(?P<num>{_FIG_NUM})|(?P<word>\b(?:{'|'.join(_ANY_WORDS)})\b))"
    r"(?:\s+(?P<thousand>tusen|tusind|tusinde)(?![a-zæøåäö]))?(?P<dash>,-)?"
    # a stray comma between the figure and its magnitude ("på ca 13,3, mill kr") belongs to neither
    rf"(?:,(?=\s+(?:{MAGNITUDE})(?![a-zæøå])))?\s*"
    rf"(?:(?P<pct>%|prosent\b|procent\b|percent\b|per\s+cent\b|pst\.?|pct\.?(?![a-zæøå]))|(?P<mag>{MAGNITUDE})\s*(?P<kr2>kroner|kronor|kr\.?|nok|dkk|sek)?"
    r"|(?P<kr3>kr\.?|kroner|kronor|nok|dkk|sek)(?![a-zæøå])|(?P<noun>[A-Za-zÆØÅæøåÄÖäöüé«»\-]+))?",
    re.IGNORECASE,
)
# a deficit names the result it measures ("underskudd på", "underskuddet er dermed på"); an overspend
# ("merforbruk på") is an amount spent, stated positive
# ("merforbruk på") is an amount spent, stated positive. A result the words call negative is negative as well: "netto
# driftsresultat var negativt med 2,8 mill. kr", "vart negativt med", "blev negativt med 12 mnkr", "was negative at NOK
# 2.1 million", "et negativt driftsresultat på", "et budsjettert negativt resultat 28,6 mill", "a deficit of NOK 5
# million" (a copula or a result noun with the
# adjective: "påvirker likviditeten negativt med 25 mio." is an effect, stated as a size, and keeps its sign)
_SIGN_LEAD = (r"(?:kr\.?\s*|nok\s*|sek\s*|dkk\s*|ca\.?\s*|cirka\s+|om lag\s+|omkring\s+|rundt\s+|about\s+|"
              r"approximately\s+)?(?:[-−–]\s*)?$")  # a minus the deficit repeats ("underskottet om - 3,2 miljoner")
_DEFICIT = re.compile(
    r"(?i)(?:\b|(?<=drifts)|(?<=års)|(?<=budsjett))(?:underskudd|underskot|underskott|underskud|deficit)(?:et|det)?\b"
    r"[^.;:]{0,50}?\b(?:på|of|om)\s+" + _SIGN_LEAD
    # "Underskuddet var 2 mill.", "underskotet vart 4,6 millionar", "underskottet uppgick till", "the deficit amounted to"
    # with what the deficit is of between ("Underskotet på vassgebyra vart", "the deficit in the water fund was",
    # "underskottet inom äldreomsorgen uppgick till": up to three words, never across a clause)
    + r"|(?:\b|(?<=drifts)|(?<=års))(?:underskuddet|underskotet|underskottet|deficit)(?:\s+(?:i|in|for|för|för\s+året)\s+"
    r"(?:19|20)\d\d)?(?:\s+(?:på|for|för|i|in|innen|innan|inom|within|on|of|til|ved|hos)\s+"
    r"(?:[\wæøåäö\-]+\s+){0,2}?[\wæøåäö\-]+)?"
    r"\s+(?:var|er|ble|blei|blir|vart|vert|endte\s+på|enda\s+på|blev|är|blir|uppgick\s+till|utgjorde|utgjør|"
    r"utgjer|udgjorde|was|is|amounted\s+to|came\s+to|totall?ed)\s+(?:på\s+|til\s+|at\s+)?" + _SIGN_LEAD
    # "Driftsresultatet ble negativt, 3,2 mill. kr"
    + r"|(?<![\wæøåäö])(?:var|er|ble|blei|vart|blev|är|was)\s+negati(?:vt|v|ve)\s*(?:,|:|–|-)\s*" + _SIGN_LEAD
    + r"|(?<![\wæøåäö])(?:var|er|ble|blei|blir|vart|vert|endte|enda|endar|blev|blivit|är|bliver|was|is|were|ended|came\s+out)"
    r"(?:\s+(?:på|i|at|as|so))?\s+(?:[a-zæøåäö]+\s+){0,2}?negati(?:vt|v|ve)\s+(?:med|på|at|by|with|of|om)\s+" + _SIGN_LEAD
    + r"|(?<![\wæøåäö])negati(?:vt|v|ve|va)\s+(?:netto\s+|brutto\s+|net\s+|gross\s+)?(?:drifts|operating\s+|finans)?"
    r"(?:resultat|result|avvik|deviation|balance|saldo|årsresultat)(?:et|en)?\s+(?:(?:på|of|om|med)\s+)?" + _SIGN_LEAD)
_STOP = {"på", "var", "er", "ble", "blei", "vart", "med", "til", "i", "av", "og", "for", "om", "som", "ein", "en",
         "et", "eit", "det", "den", "har", "hadde", "totalt", "samla", "samlet", "om lag", "ca", "ca.", "rundt",
         "kr", "kr.", "frå", "fra", "av", "dei", "de", "siste", "utgjør", "utgjorde", "utgjer", "dette", "seg", "på", "pr.", "per", "hele", "heile",
         # Danish
         "blev", "af", "udgjorde", "udgør", "ved", "alt", "cirka", "knap", "næsten", "godt", "hvilket", "der", "havde",
         "mod", "over", "under",
         # Swedish
         "är", "och", "uppgick", "uppgår", "till", "ett", "för", "hade", "utgör", "vid", "från", "drygt", "knappt",
         "nästan", "vilket", "mot", "blir", "totalt", "sammanlagt", "omkring",
         # conjunctions opening a clause
         "mens", "medan", "medans", "samtidig", "while", "whereas"}
_mag_scale = magnitude_scale
# the words after an English number word that are no counted noun ("three of the", "two or three", "ten per cent")
_EN_PHRASE_WORD = re.compile(r"\s?(?P<w>[a-z][a-z]+)(?![\w\-])")
_EN_NOT_NOUNS = frozenset("of or and to the a an in at on by for from per percent per-cent million billion thousand "
                          "more less fewer than were was are is have has had held who which that this these those their its our we they "
                          "with as out over under between during since".split())


_UNIT_NOUNS = {"årsverk": "fte", "ansatte": "persons", "tilsette": "persons", "medarbeidere": "persons",
               "innbyggere": "persons", "innbyggjarar": "persons", "elever": "persons", "elevar": "persons",
               "personar": "persons", "personer": "persons", "år": "years",
               # Danish
               "årsværk": "fte", "fuldtidsstillinger": "fte", "fuldtidsansatte": "fte", "medarbejdere": "persons",
               "indbyggere": "persons",
               # Swedish
               "årsarbetare": "fte", "anställda": "persons", "medarbetare": "persons", "invånare": "persons"}


@quick_init
@dataclass(frozen=True)
class ProseFigure:
    page: int
    line: int
    text: str  # the sentence, trimmed
    topic: str  # the document's words the figure is about
    value: float  # base units: NOK, percent number, count
    # pct | pp (percentage points) | nok | count | fte | persons | years | part (a part of what the noun counts: "fem av
    # dei tilsette") | nok_per_capita, per_capita (per inhabitant: "78 400 kr per innbygger", "12 årsverk per 1000
    # innbyggere") | number (a figure whose unit the text does not say: "Leksvik kommune (63 879)")
    unit: str
    year: int | None
    printed: str
    # "budget": a budget's figure beside the actual one; "comparison": a figure in parentheses beside another whose
    # year the text does not say (year None); "respectively": one of figures "henholdsvis" pairs with names (its
    # topic ends with its name), never the organisation's; "change": a change stated as such ("auka med 696 personar",
    # "veksten var 1,6 prosent"), never the level; "before": the level a change went from ("gjekk frå 16 til 10": 16, its
    # topic ends with "(før)"); "deviation": a difference from a plan ("470 mill. høyere enn budsjett"), never the level;
    # "plan": a budget, a target, a bound or a forecast (`stated_as_plan`: "målet er 6 prosent"), never what happened;
    # None: as stated
    scenario: str | None = None
    # the part of the organisation the sentence says the figure is of ("Økonomi 12,5 årsverk", "I Oppvekst var
    # sjukefråværet 7,4 %", "sjukefråværet i økonomiavdelinga"): never the whole organisation's figure
    part: str | None = None
    # the part of the year the sentence (or the heading it stands under) dates the figure by ("I 2. kvartal var
    # ...", "per 31.08", "in Q3"), a code of flows.reports.layout.periods; None for a year's figure
    period: str | None = None
    # what the sentence goes on from: the heading above it and the sentence before it in its paragraph ("Gebyr-
    # inntektene på VAR dekka ikkje utgiftene i 2014." before "Underskotet vart 4,6 millionar."), for finding the
    # sentence by words it leaves to them; never read for the figure itself
    context: str | None = None


# what may stand between a figure and the period it is stated for: its unit and a preposition ("6,1 prosent i", "6.1% in
# the", "6,1 % under")
_PERIOD_GAP = re.compile(r"\s*(?:%|prosent|procent|per\s*cent|percent|pst\.?|årsverk|saker)?\s*(?:i|in|for|under|during|"
                         r"per|pr\.?)?\s*(?:the\s+|hele\s+|heile\s+|hela\s+|whole\s+|all\s+of\s+)?", re.IGNORECASE)


# a whole year a sentence names beside a part of it ("for hele året", "heile året", "for the full year"): a mark like a
# bare year, so the figure stated for it takes no part of the year
_WHOLE_YEAR = re.compile(r"(?i)(?<![\wæøåäö])(?:(?:hele|heile|hela|whole|full|entire)\s+(?:året|år|year)|helåret|"
                         r"heilåret|året\s+(?:sett\s+)?under\s+eitt?|"
                         r"året\s+som\s+helhet|the\s+year\s+as\s+a\s+whole)(?![\wæøåäö])")
# where one clause of a sentence ends and the next begins: ", og", ", mens", "; ", " while " -- a figure takes the
# period its own clause names before one nearer across the clause's end
_CLAUSE_END = re.compile(r"(?i);|,\s+(?:og|men|mens|medan|samtidig|while|and|but|och)(?![\wæøåäö])|"
                         r"\s(?:mens|medan|while|whereas)(?![\wæøåäö])")


def _clause_of(text: str, at: int) -> tuple[int, int]:
    """The start and end of the clause of a sentence that holds position `at` (`_CLAUSE_END`)."""
    start, end = 0, len(text)
    for m in _CLAUSE_END.finditer(text):
        if m.end() <= at:
            start = m.end()
        elif m.start() >= at:
            end = m.start()
            break
    return start, end


# a year in brackets right after a figure, labelling it ("6,2 % (2015)")
_YEAR_LABEL = re.compile(r"(?<=[\d%a-zæøå.])\s*\(\s*((?:19|20)\d\d)\s*\)")


def _dated(figures: list[ProseFigure], text: str, section: str | None) -> list[ProseFigure]:
    """The figures of a sentence with the part of the year each is for: the one part the sentence names (unless it
    names a year on its own too, or the whole year: then each figure takes the nearer of the two, in its own clause
    first), the part nearest each figure when it names several, else the part the heading above names; a part's own
    year ("1. kvartal 2031") dates the figure."""
    from dataclasses import replace

    from flows.reports.layout.periods import dated_period, sentence_periods

    if not figures:
        return figures
    named = sentence_periods(text)
    if not named:
        dated = dated_period(section, words_only=True) if section and len(section) < 90 else None
        years = {int(y) for y in re.findall(r"(?<![\d,.])((?:19|20)\d\d)(?![\d,])", text)}
        # years printed as labels of figures ("Nordvik: 6,2 % (2015), 5,9 % (2016)" under "i 4. kvartal:"): each
        # figure that part of its own year
        labels = {int(y) for y in _YEAR_LABEL.findall(text)}
        if not dated or any(f.period for f in figures) or years - labels and dated[0] not in years:
            return figures  # a sentence naming another year (or a year where the heading names none) is not the part's
        return [replace(f, period=dated[1], year=f.year if labels else dated[0] or f.year) if f.unit != "year" else f
                for f in figures]
    inside = [(a, b) for a, b, _, _ in named]
    bare = [(m.start(), m.end()) for m in re.finditer(r"(?<![\d,.])(?:19|20)\d\d(?![\d,])", text)
            if not any(a <= m.start() < b for a, b in inside)]
    bare += [(m.start(), m.end()) for m in _WHOLE_YEAR.finditer(text)]
    out = []
    for f in figures:
        at = text.find(f.printed)
        if f.unit == "year" or at < 0 and (len(named) > 1 or bare):
            out.append(f)
            continue
        end = at + len(f.printed)
        right_after = min(((a, year, code) for a, _, year, code in [*named, *((a, b, None, None) for a, b in bare)]
                           if a >= end and _PERIOD_GAP.fullmatch(text[end:a])), default=None, key=lambda m: m[0])
        if len(named) == 1 and not bare:
            _, _, year, code = named[0]
        elif right_after:  # "5,2 prosent i 1. kvartal 2030", "5,8 prosent i hele 2030": what the figure is stated for
            _, year, code = right_after
            if code is None:
                out.append(f)
                continue
        else:
            start, stop = _clause_of(text, at)
            marks = [(not start <= a < stop, abs(a - at) if a >= at else abs(at - b), year, code)
                     for a, b, year, code in named]
            marks += [(not start <= a < stop, abs(a - at) if a >= at else abs(at - b), None, None) for a, b in bare]
            _, _, year, code = min(marks, key=lambda m: m[:2])
            if code is None:
                out.append(f)
                continue
        out.append(replace(f, period=code, year=year or f.year, topic=_without_period_words(f.topic, text[:at])))
    return out


# the words that name a part of the year ("perioden januari augusti", "1. kvartal", "tertial"): the figure's period,
# said by its code, never what it measures
_PERIOD_WORDS = re.compile(rf"(?i)(?<![\wæøåäö])(?:{'|'.join(sorted(_MONTHS, key=len, reverse=True))}|perioden|period|"
                           r"perioder|kvartal\w*|tertial\w*|halvår\w*|quarter\w*)(?![\wæøåäö])")


def _without_period_words(topic: str, before: str) -> str:
    """A figure's topic without the words of the period it is dated by: the words before the figure (`before`) that
    are left ("Kommunens resultat för perioden januari – augusti uppgår till 12,3 mnkr" -> "Kommunens resultat");
    the topic as it was when it names no period or nothing else is left."""
    if not _PERIOD_WORDS.search(topic):
        return topic
    rest = _topic(_PERIOD_WORDS.sub(" ", before).replace(" - ", " ").replace(" – ", " "), None)
    return rest if re.search(r"[^\W\d_]{3}", rest) else topic


def prose_figures(found: Sequence[Sentence], report_year: int | None, titles: Sequence[str] = (),
                  file_name: str | None = None) -> list[ProseFigure]:
    """Every figure stated in the running text (headings the format marks are not running text). What the
    document declares of its parentheses ("Tall for 2016 i parentes") holds from that sentence on. `titles`: what the
    file's metadata says the document is; with the document's own first titles they say when a text that stamps no
    date was written (`written_after`: an annual report is written the year after its year); when no title says, the
    file's name may (`written_after_file`)."""
    from flows.reports.event_years import event_years
    from flows.reports.layout.periods import dated_period

    out: list[ProseFigure] = []
    declared: Parenthesis | None = None
    dated_heading: str | None = None  # the last heading-like line that names a part of a year ("2. kvartal 2031")
    # or a sentence introducing a list by a part of a year ("Sykefraværet per kommune i 4. kvartal:"), with the section
    # it stands in: the list's items are of that part, the section's end ends it
    intro: tuple[str, str | None] | None = None
    written = _written_pages(found)
    after = written_after([*titles, *_first_titles(found)], report_year) or written_after_file(file_name, report_year)
    carried: int | None = None  # the year a dated text's paragraph is about since it said "i fjor"
    previous: list[ProseFigure] = []  # the figures of the sentence before
    scopes = _SectionYears(after)
    caption: tuple[str, int, int] | None = None  # a caption line over a list of items, its page and last line read
    unresolved: set[int] = set()  # the comparisons of no stated year (in `out`) of the lines just read
    for before, s in zip([None, *found], found):
        scope = scopes.read(s)
        # "Overskudd de siste tre år" over the items "• 2028 – 4,2 millioner kroner.": an item naming nothing but its
        # year or name is about what the caption over the list says, never the section's title
        listed = caption if caption and s.lines and s.lines[0].indented and not s.heading and s.page == caption[1] \
            and 0 < s.line - caption[2] <= 3 else None
        caption = (listed[0], s.page, s.line) if listed else \
            (s.text, s.page, s.line) if _CAPTION.fullmatch(s.text) and not s.heading else None
        if "parent" in s.lowered or "bracket" in s.lowered or "klammer" in s.lowered:
            note = declared_parenthesis(s.text, report_year)
            if note and note.year and len(s.text) < 80:
                # "Heltid 6 ansatte (6) / Deltid 68 ansatte (78) / Tall i parentes pr": a short note right under a
                # list or table dates the comparisons in parentheses of the lines just above it, which had no year
                out[:] = [replace(f, year=note.year, scenario=None) if k in unresolved else f for k, f in enumerate(out)]
            declared = note or declared
        if s.heading:
            unresolved = set()
        if (s.heading or len(s.text) < 60 and not s.text.rstrip().endswith(".")) and _DIGIT.search(s.text):
            if dated_period(s.text, words_only=True):  # "2. kvartal 2031", never a date line ("Oslo, mars 2031")
                dated_heading = s.text
            elif re.search(r"(?<!\d)(?:19|20)\d\d(?!\d)", s.text):
                dated_heading = None  # a heading of a whole year ends the part's section
        if intro and (s.heading or s.section != intro[1] or s.text.rstrip().endswith((".", "!", "?"))):
            intro = None  # a running sentence, a heading or another section ends the introduced list
        if s.text.rstrip().endswith(":") and not s.heading and (part := dated_period(s.text, words_only=True)) \
                and part[0] is None:
            intro = (s.text, s.section)  # "Sykefraværet per kommune i 4. kvartal:": the list after it is of that part
        if s.heading or len(s.text) < 12 or not (_DIGIT.search(s.text) or _words_gate(s.text.lower())):
            unresolved = set()
            if not s.heading and _OWN_TIME.search(s.text):
                carried = None  # "I år har fråværet gått opp igjen.": what follows is about the year written in
            elif not s.heading and LAST_YEAR.search(s.text) and (base := written.get(s.page, after) or report_year):
                # "Talet på flyktningar vart høgare enn venta i fjor. Kommunen busette 365 flyktningar.": a sentence
                # with no figure of its own that says "i fjor" dates the paragraph's next sentences all the same
                carried = base - 1
            continue
        section = s.section if s.section and dated_period(s.section, words_only=True) else \
            intro[0] if intro else dated_heading
        going_on = _same_paragraph(s, before)
        # the year the section is about (its title's, its lead sentence's), else the document's
        section_year = scope.year if scope else report_year
        # the year the section was written in: its stamp, its title's, else the document's when it is of the document's year
        page_written = written.get(s.page) or scope.written or (after if scope.year == report_year else None) \
            if scope else written.get(s.page, after)
        # a dated text's paragraph that said "i fjor" goes on about that year in the sentences naming no time of their own
        # (in a text with no date, "i fjor" counted from the report year carries only along the printed paragraph, and
        # a sentence saying "i fjor" itself counts it from the report year, as the first did)
        about = carried if carried and going_on and not _OWN_TIME.search(s.text) \
            and (page_written or _runs_on(s, before) and not LAST_YEAR.search(s.text)) else section_year
        read = _dated(_read_sentence(s.text, s.page, s.line, about, listed[0] if listed else s.section, declared,
                                     page_written), s.text, section)
        if listed:  # the item quoted with its caption: "Overskudd de siste tre år: 2028 – 4,2 millioner kroner."
            read = [replace(f, text=f"{listed[0].rstrip(' :')}: {f.text}"[:300]) for f in read]
        if going_on:
            read = _change_of_the_figure_before(s.text, read, previous)
            read = _corresponding_figures(s.text, read, previous)
            read = _share_of_the_figure_before(s.text, read, previous)
            read = _measure_named_before(read, previous)
        context = _context(s, before)
        comparisons = {len(out) + k for k, f in enumerate(read) if f.scenario == "comparison" and f.year is None}
        unresolved = unresolved | comparisons if comparisons else set()  # the run of lines just read, unbroken
        out.extend(replace(f, context=context) if context else f for f in read)
        previous = read
        if page_written and LAST_YEAR.search(s.text) and not _YEAR.search(_WRITTEN_STAMP.sub(" ", s.text)):
            carried = page_written - 1
        elif not page_written and report_year and LAST_YEAR.search(s.text) and not _YEAR.search(s.text) \
                and read and all(f.year == report_year - 1 for f in read):
            # a text that says not when it was written counts "i fjor" from its report year: the paragraph's next
            # sentences go on about the year its figures were dated to ("Inntektene økte med 5,3 prosent i fjor.
            # Samlet tilsvarer utgiftene til lønn 42 prosent av inntektene."), never when "i fjor" only dated a
            # figure compared with one of another year ("6,1 %, mot 6,5 % i fjor")
            carried = report_year - 1
        elif about == section_year:
            carried = None
        if _DIGIT.search(s.text):
            out.extend(event_years(s.text, s.page, s.line, report_year))  # "stiftet i 1995": for when-questions
    return _without_magnitude_slips(_of_the_page_quarter(out, found))


# a caption over a list: a short line of words that is no sentence (no full stop), or one that ends with a colon
_CAPTION = re.compile(r"(?=.*[^\W\d_]{3})[^.!?]{3,80}:?|[^!?]{3,120}:")


# a page that says it also speaks of a whole year or a forecast for it: its figures are not all the quarter's
_YEAR_TOO = re.compile(r"(?i)(?<![\wæøåäö])(?:prognose\w*|forecast\w*|helår\w*|heilår\w*|årsprognose\w*|"
                       r"for\s+(?:hele|heile|hela)\s+(?:året|år)|(?:hele|heile|hela|whole|full)\s+(?:året|år|year))"
                       r"(?![\wæøåäö])")
_SHORT_PAGE = 40  # sentences: a news item or a short statistics note, not a report's chapter


def _of_the_page_quarter(figures: list[ProseFigure], found: Sequence[Sentence]) -> list[ProseFigure]:
    """The figures of a short page (a news item on quarterly statistics: "SSB la fram sjukefråværet i fjerde kvartal
    2031 ...") that names one quarter and no other part of a year, with that quarter as their period: the figures its
    sentences state without a time of their own ("Fråværet i kommunen var 5,6 prosent.") are of the quarter the page
    is about, not of the whole year. Only figures of the quarter's latest year the page names; a sentence naming a
    year of its own, and a page that speaks of the whole year or a forecast too, keep their figures as they are."""
    from dataclasses import replace

    from flows.reports.layout.periods import sentence_periods

    pages: dict[int, list[Sentence]] = {}
    for s in found:
        pages.setdefault(s.page, []).append(s)
    quarter_of: dict[int, tuple[int, str]] = {}
    for page, sentences in pages.items():
        if len(sentences) > _SHORT_PAGE:
            continue
        named = [(year, code) for s in sentences for _, _, year, code in sentence_periods(s.text)]
        codes = {code for _, code in named}
        years = [year for year, _ in named if year]
        if len(codes) != 1 or not next(iter(codes)).startswith("Q") or not years:
            continue
        if any(_YEAR_TOO.search(s.text) for s in sentences):
            continue
        quarter_of[page] = (max(years), next(iter(codes)))
    if not quarter_of:
        return figures
    out = []
    for f in figures:
        at = quarter_of.get(f.page)
        if at and f.period is None and f.year == at[0] and f.unit != "year" \
                and not re.search(r"(?<![\d,.])(?:19|20)\d\d(?![\d,])", f.text):
            f = replace(f, period=at[1])
        out.append(f)
    return out


class _SectionYears:
    """The year each section of a document is about, read in order (`figure_years.title_scope`, `lead_scope`): a
    heading's year holds for the sentences below it until a heading of its level or above; an article whose title names
    no year takes the year of its lead sentence, when the first sentence of it naming a year speaks of the accounts of
    one year. A section naming none has no year of its own (the document's year stands for it)."""

    def __init__(self, written: int | None = None) -> None:
        self.written = written  # the year the document was written in, when its titles say (`written_after`)
        self.scopes: list[tuple[int, YearScope | None]] = []  # (heading level, the year it scopes or None), outermost first
        self.level = 0  # the level of the heading the sentences read now stand under (0: none)
        self.named = True  # a year was named in the section since its heading (no lead sentence to read any more)

    def read(self, s: Sentence) -> YearScope | None:
        if s.heading:
            self.scopes = [(level, sc) for level, sc in self.scopes if level < s.heading]
            scope = title_scope(s.text, s.heading)
            if scope and scope.written is None and scope.year == self.written:
                scope = None  # "Avisa, Resultatlista 2032" over the accounts of 2031: the year it was written in
            self.scopes.append((s.heading, scope))
            self.level = s.heading
            self.named = scope is not None or bool(_YEAR.search(unstamped(s.text)))  # a publication date names none
        elif not self.named and _YEAR.search(s.text):
            self.named = True
            lead = lead_scope(s.text) if self.level == 1 else None
            if lead and self.scopes and self.scopes[-1] == (self.level, None):
                self.scopes[-1] = (self.level, lead)
        return next((sc for _, sc in reversed(self.scopes) if sc), None)


def _without_magnitude_slips(figures: list[ProseFigure]) -> list[ProseFigure]:
    """The figures without an amount whose magnitude word is a slip: the same digits stated elsewhere in the document
    a thousand times smaller ("245 milliarder kroner" beside "245 millioner kroner"), and larger than ten times every
    other amount of the document ("driftsinntekter på 15 milliarder kroner"): never an amount the writer meant."""
    def digits_of(printed: str) -> str:
        m = re.search(r"\d[\d\s.,]*", printed)
        return re.sub(r"\D", "", m.group(0)) if m else ""

    amounts = [(round(abs(f.value), 3), digits_of(f.printed)) for f in figures if f.unit == "nok" and f.value]
    if not amounts:
        return figures
    stated = set(amounts)
    by_digits: dict[str, float] = {}
    for value, digits in amounts:
        by_digits[digits] = max(value, by_digits.get(digits, 0.0))
    ranked = sorted(((v, d) for d, v in by_digits.items()), reverse=True)[:2]  # the largest amount of other digits
    out = []
    for f in figures:
        if f.unit == "nok" and abs(f.value) >= 1e6:
            digits = digits_of(f.printed)
            other = next((v for v, d in ranked if d != digits), None)
            if (round(abs(f.value) / 1000, 3), digits) in stated and other and abs(f.value) > 10 * other:
                continue
        out.append(f)
    return out


def _same_paragraph(s: Sentence, before: Sentence | None) -> bool:
    """Whether the sentence before is of the same paragraph: the same page and section, starting at most three lines
    above, no heading."""
    return (before is not None and not before.heading and before.text != s.section and before.page == s.page
            and before.section == s.section and 0 <= s.line - before.line <= 3)


def _runs_on(s: Sentence, before: Sentence | None) -> bool:
    """Whether the sentence starts on the line the sentence before ends on: one printed paragraph, never a list of
    statements one a line."""
    return before is not None and before.page == s.page \
        and s.line == (before.lines[-1].number if before.lines else before.line)


def _context(s: Sentence, before: Sentence | None) -> str | None:
    """The heading above a sentence and the sentence before it when that one is of the same paragraph
    (`_same_paragraph`), joined by " | "; None when there is neither."""
    parts = []
    if s.section and s.section != s.text:
        parts.append(s.section)
    if _same_paragraph(s, before):
        parts.append(before.text)
    return " | ".join(parts)[:400] or None


def _first_titles(found: Sequence[Sentence], first: int = 30) -> list[str]:
    """The titles the document opens with: the sections and headings of its first sentences."""
    out: list[str] = []
    for s in found[:first]:
        for title in (s.section, s.text if s.heading else None):
            if title and title not in out:
                out.append(title)
    return out


def _written_pages(found: Sequence[Sentence]) -> dict[int, int]:
    """The year each page of a dated text was written in (`written_year`): from the title of its section or a date
    stamped at the start of its first sentence ("Resultatbørsen 2018/02", "date 2018-02 Kommunen fikk ...")."""
    out: dict[int, int] = {}
    for s in found:
        if s.page not in out:
            year = written_year(s.section, "" if s.heading else s.text)
            if year:
                out[s.page] = year
    return out


# a time a sentence names of its own: a year, "nå", "i år", "this year" -- it no longer goes on about the year before
_OWN_TIME = re.compile(rf"(?i)(?<![\d,.]){_YEAR_PATTERN}(?!\d)|(?<![\wæøå])(?:nå|no|nu|now|i\s+år|i\s+dag|this\s+year|"
                       r"today|per\s+dato)(?![\wæøå])")
# a sentence that goes on about the figure before it and states how much it changed: "Det er 31,3 millioner kroner
# mindre enn i 2016", "Dette er 71 millionar kroner meir enn året før", "That is 2.1 million more than the year before"
_ANAPHOR = re.compile(r"(?i)^\s*(?:dette|detta|det|denne|this|that|it)\s+(?:er|var|blei|ble|vart|är|is|was|utgjør|utgjer|"
                      r"utgjorde|tilsvarer|tilsvarar|motsvarar)(?![\wæøåäö])")
_THAN_AFTER = re.compile(r"(?i)\s*(?:[a-zæøåäö.%]+\s+){0,3}(?:høyere|lavere|høgare|lågare|større|mindre|mer|meir|flere|"
                         r"fleire|færre|bedre|betre|svakere|svakare|dårligere|dårlegare|higher|lower|more|less|fewer|better|"
                         r"worse|högre|lägre|fler|färre|bättre|sämre)\s+(?:enn|än|than)(?![\wæøåäö])"
                         r"(?!\s+(?:(?:det|the)\s+)?(?:budsj|budget|planlagt|forventet|venta|prognos|forecast|målet|target))")


def _change_of_the_figure_before(text: str, read: list[ProseFigure], previous: list[ProseFigure]) -> list[ProseFigure]:
    """"Netto driftsresultat ble på 83,7 millioner kroner. Det er 31,3 millioner kroner mindre enn i 2016.": a sentence
    that goes on about the figure before it ("Det er", "Dette er", "That is") states that figure's change, in its unit,
    to its year; its own words ("mindre enn") say nothing of what changed."""
    if not previous or not _ANAPHOR.match(text):
        return read
    out = []
    for f in read:
        at = text.find(f.printed)
        level = next((p for p in reversed(previous) if p.unit == f.unit and p.scenario is None), None)
        if level is not None and f.scenario in (None, "change") and at >= 0 \
                and _THAN_AFTER.match(text, at + len(f.printed)):
            f = replace(f, topic=level.topic, scenario="change", year=level.year, part=level.part)
        out.append(f)
    return out


# a sentence that opens by saying its figures are the same measure as the sentence before ("Motsvarande resultat 2018
# var -14 mkr", "Tilsvarende tall for 2022 var 5,1 %", "The corresponding figure for 2022 was …")
_CORRESPONDING = re.compile(r"(?i)^\s*(?:the\s+)?(?:motsvarande|tilsvarende|tilsvarande|"
                            r"corresponding)\s+"
                            r"(?:resultat\w*|tal\w*|tall\w*|siffr\w*|figure\w*|result\w*|beløp\w*|belopp\w*|"
                            r"nivå\w*|level\w*|andel\w*|prosent\w*|procent\w*|verdi\w*|värde\w*)?(?![\wæøåäö])")
# the year before the one just named ("2018 var -14 mkr och året dessförinnan +10 mkr", "året før det", "the year before")
_YEAR_BEFORE_THAT = re.compile(r"(?i)(?<![\wæøåäö])(?:året\s+(?:dessförinnan|innan|før\s+det|før|forut|"
                               r"føreåt|førre|före|förut|forinden)|the\s+(?:year|previous\s+year)\s+before(?:\s+that)?|"
                               r"the\s+preceding\s+year)(?![\wæøåäö])")


def _corresponding_figures(text: str, read: list[ProseFigure], previous: list[ProseFigure]) -> list[ProseFigure]:
    """"Nämndernas resultat jämfört med budget uppgick till -21 mkr. Motsvarande resultat 2018 var -14 mkr och året
    dessförinnan var siffran +10 mkr.": a sentence that goes on with the corresponding figures of other years states the
    measure of the figure before it, in its unit, each for its own year ("året dessförinnan": the year before the year
    just named)."""
    if not previous or not _CORRESPONDING.match(text):
        return read
    level = next((p for p in previous if p.scenario in (None, "deviation")), None)
    if level is None:
        return read
    out: list[ProseFigure] = []
    for f in read:
        if f.unit != level.unit or f.scenario not in (None, level.scenario):
            out.append(f)
            continue
        at = text.find(f.printed)
        year = f.year
        if out and at >= 0 and _YEAR_BEFORE_THAT.search(text, text.find(out[-1].printed) + len(out[-1].printed), at) \
                and out[-1].year is not None:
            year = out[-1].year - 1
        out.append(replace(f, topic=level.topic, year=year, scenario=level.scenario, part=level.part))
    return out


# a word saying which way a measure went, not what it is ("positivt netto driftsresultat")
_SIGN_QUALIFIER = {"positivt", "positiv", "positive", "negativt", "negativ", "negative"}
# a word that makes the noun after it the one already spoken of: a possessive ("Surnadal sitt resultat", "its result")
_POSSESSIVE = {"sitt", "sin", "si", "sine", "its", "their", "dets", "dens"}


def _measure_named_before(read: list[ProseFigure], previous: list[ProseFigure]) -> list[ProseFigure]:
    """"... ha eit positivt netto driftsresultat på 1,75 prosent av driftsinntektene. Surnadal sitt resultat i 2018 var
    på -2,3 prosent.": a figure whose topic ends in a noun spoken of as known (definite, "resultatet", or possessed,
    "Surnadal sitt resultat") that ends a compound measure a figure of the sentence before is about, in the same unit
    ("driftsresultat"), measures that measure; an indefinite noun ("Totale kostnader" after "lønnskostnader") is not."""
    if not previous:
        return read
    def named_in(word: str, possessed: bool) -> ProseFigure | None:
        stem = word.lower() if possessed else re.sub(r"(?:et|en|a)$", "", word.lower())
        if not (possessed or stem != word.lower()) or len(stem) < 5:
            return None
        return next((p for p in previous if p.topic.split() and p.topic.split()[-1].lower().endswith(stem)
                     and len(p.topic.split()[-1]) >= len(stem) + 3), None)

    out = []
    for f in read:
        words = f.topic.split()
        at = next(((k, p) for k, w in enumerate(words)
                   if (p := named_in(w, k > 0 and words[k - 1].lower() in _POSSESSIVE)) and p.unit == f.unit), None)
        if at is None:
            out.append(f)
            continue
        measure = at[1].topic.split()
        while len(measure) > 1 and measure[0].lower() in _SIGN_QUALIFIER:
            measure = measure[1:]
        out.append(replace(f, topic=" ".join([*words[:at[0]], *measure, *words[at[0] + 1:]])))
    return out


# the base a share is stated of, right after it: "16,4 prosent av brutto driftsinntekter", "7.7% av samla driftsinntekt"
_SHARE_BASE = re.compile(r"(?i)\s+(?:av|af|of)\s+(?P<base>[^,.;:!?]+)")


def _share_of_the_figure_before(text: str, read: list[ProseFigure], previous: list[ProseFigure]) -> list[ProseFigure]:
    """"Rana har nå et disposisjonsfond på 348 millioner kroner. Det tilsvarer 16,4 prosent av brutto
    driftsinntekter.": a sentence that goes on about the figure before it ("Det tilsvarer", "Dette utgjer", "That is")
    states that figure as a share of what follows "av"; the share is about that figure's measure, of that base, in its
    year and part."""
    if not previous or not _ANAPHOR.match(text):
        return read
    out = []
    for f in read:
        at = text.find(f.printed)
        level = next((p for p in reversed(previous) if p.unit in ("nok", "count", "persons", "fte") and p.scenario is None),
                     None)
        base = _SHARE_BASE.match(text, at + len(f.printed)) if at >= 0 else None
        if level is not None and f.unit == "pct" and f.scenario is None and base:
            words = _topic(re.split(r"\s(?:og|and|och|men|mens|while|but|samt)\s", base.group("base"))[0], None, first=True)
            f = replace(f, topic=f"{level.topic} av {words}".strip() if words else level.topic, year=level.year,
                        part=level.part)
        out.append(f)
    return out


# digits a scan or a web extraction garbled: a letter for a digit inside a digit group ("467 I31,13"), a stray
# space before a dot thousands separator ("151 .062,76")
_OCR_GROUP = re.compile(r"(?<![\d,.])(?P<lead>\d{1,3}) (?P<group>[\dIlO]{3})(?=,\d|[\s.;:)]|$)")
_STRAY_DOT = re.compile(r"(?<![\d,.])(\d{1,3}) \.(\d{3})(?!\d)")
# a decimal comma a web extraction put a space after, before a magnitude or a percent ("1, 2 mill. kr", "3, 5 %"): one
# figure, never a list of two (a list goes on: "1, 2 og 3")
_SPACED_DECIMAL = re.compile(r"(?<![\d,.])(\d{1,3}), (\d{1,2})(?=\s*(?:mill\.|mill(?:ion|iard)\w*|mrd\.|%|pro[sc]ent))")
# a contents entry's page number after its leader ("Sjukfrånvaro ........ 18", "Noter … 26"): no figure
_CONTENTS_PAGE = re.compile(r"(?P<lead>(?:\.{3,}|…+|(?:\.\s){3,}|_{3,}|-{3,})\s*)(?P<page>\d{1,4})(?![\d,])")
# "2014-15", "2029/30", "2015–16": a year and the next one's last two digits (a school year, a season)
_GLUED_YEARS = re.compile(r"(?<![\d,.])((?:19|20)\d\d)((?:19|20)\d\d)(?![\d,.])(?!\s*(?:%|kr|kroner|nok|mill|prosent))")
_SPLIT_YEAR = re.compile(r"(?<![\d,.])((?:19|20)(\d\d))\s?[-–/]\s?(\d\d)(?![\d,.%])")
_DOTTED_DATE = re.compile(r"\b\d{1,2}\.\d{1,2}\.(?:19|20)?\d\d\b|\b(?:19|20)\d\d-\d{1,2}-\d{1,2}\b")


def repair_digits(sentence: str) -> str:
    """A sentence with garbled digit groups put right: one letter I, l or O among two digits in the group after
    a digit group, where the figure goes on with decimals or stands after "kr" ("kr 467 I31" -> "kr 467 131")."""
    def fix(m: re.Match) -> str:
        group = m.group("group")
        letters = sum(not ch.isdigit() for ch in group)
        after = m.string[m.end():m.end() + 2]
        money = re.search(r"(?i)\bkr\.?\s*$", m.string[max(0, m.start() - 6):m.start()])
        if letters != 1 or not (re.match(r",\d", after) or money):
            return m.group(0)
        return f"{m.group('lead')} {group.replace('I', '1').replace('l', '1').replace('O', '0')}"

    return _SPACED_DECIMAL.sub(r"\1,\2", _STRAY_DOT.sub(r"\1 \2", _OCR_GROUP.sub(fix, sentence)))


def _scale_span(sentence: str) -> tuple[int, int] | None:
    from flows.reports.layout.scale import scale_of

    if len(sentence) > 80:
        return None  # a sentence, not a caption
    found = scale_of(sentence)
    if not found or not re.search(r"\d", found[1]):
        return None
    at = sentence.find(found[1])
    return (at, at + len(found[1])) if at >= 0 else None


_PARTITIVE = re.compile(r"\s+(?:(?:de|dei|disse|desse|våre|vår|dykkar|deira|deres|kommunens|fylkets)\s+)?"
                        rf"(?:(?:\d[\d ]*|{'|'.join(_WORDS)})\s+)?"
                        r"(?P<noun>(?!(?:oss|dem|dykk|seg|meg|deg|dei|de|disse|desse|alle|dette|det|den)\b)[a-zæøåäö][a-zæøåäö\-]{2,})")
_SHARE_AFTER = re.compile(r"\s*\(\s*\d{1,3}(?:,\d+)?\s*%\s*\)")
_YEARS_WORD = re.compile(rf"(?i)\b(?P<n>{'|'.join(w for w in _WORDS if w not in _HUNDRED)})(?:års|årig)[a-zæøå]*")
_ONE_MAGNITUDE = re.compile(r"(?i)\b(?:en|én|ein|éin|ett|eitt|et|ét)\s+(?P<half>halv\s+)?(?P<mag>million|milliard|miljon|miljard|mio\.|mia\.)"
                            r"\s*(?:kr\.?|kroner|kronor)(?!\w)")
# an adjective before the noun a figure counts ("nye", "faste", "ulike", "vidaregåande", "registrerte", "alvorlige"),
# and that noun
_ADJECTIVE_END = re.compile(r"(?:[^\W\d_]{2,}(?:e|ige|iga|ske|ska|ende|ande))$")
_COUNTED_HEAD = re.compile(r"\s+(?P<head>[a-zæøåäö][a-zæøåäö\-]{2,})(?![\wæøåäö])")
# an open parenthesis saying what a figure includes ("(inkluderer 2,9 årsverk", "(herav 12 lærlinger", "(of which 3")
_INCLUDED = re.compile(r"(?i)\(\s*(?:inkl\.?|inkluderer|inkluderar|inklusive|medregnet|medrekna|herav|hvorav|derav|av\s+dette|av\s+disse|"
                       r"varav|heraf|hvoraf|including|includes|of\s+which)(?![\wæøåäö])[^()]*$")
# a counted noun named after something, its head a common noun ("sju Fosen-kommuner", "12 IKT-saker", "3 Covid-utbrudd"):
# a count, not a line code before a row label
_NAMED_COMPOUND = re.compile(r"[A-ZÆØÅÄÖ][\wæøåäö]*-[a-zæøåäö]{3,}")
# a unit printed as a capitalised abbreviation after the figure, plural "s" and all ("41.305 TEUs", "9 120 TEU",
# "12 GWh"): what the figure counts, never a name (a name after a figure is a label: "4 Andre skatteinntekter")
_UNIT_ABBREVIATION = re.compile(r"[A-ZÆØÅ]{2,4}s?|[A-Z][a-z]?W[h]")
# a sentence written in English: its number words are English ("the fire service"), never Norwegian
_ENGLISH = re.compile(r"(?<![\wæøåäö])(?:[Tt]he|was|were|has|had|have|is|are|with|which|and|of|its|their|this)(?![\wæøåäö])")
_KRONER_NULL = re.compile(r"(?i)\b(?:kr\.?|kroner|kronor)\s+null\b")


# a year after a figure ("79 i 2017", "79 in 2017", "79 2017", "(2017)", "84,4 året før", "79 året innan")
_TIME_AFTER = re.compile(rf"(?i)\s*(?:(?:(?:i|in|år|året|for|för|under)\s+)?{YEAR}(?!\d|,\d)|\(\s*{YEAR}\s*\)|{PRIOR_WORDS})"
                         r"(?![\wæøåäö])")
# the words that compare a figure with the one before it ("mot", "mod", "against", "jämfört med", "compared with", "og")
_COMPARE_BEFORE = re.compile(r"(?i)(?<![\wæøåäö])(?:mot|mod|against|versus|vs\.?|jämfört\s+med|jämfört\s+mot|sammenlignet\s+med|"
                             r"samanlikna\s+med|samanlikna\s+mot|sammenlignet\s+med|compared\s+(?:with|to)|og|and|och)"
                             r"[\s,]+(?:ca\.?\s*|cirka\s+|om\s+lag\s+|omkring\s+|rundt\s+|about\s+|drygt\s+|knapt\s+)?$")
# a change stated before the figure: a verb of change with "med"/"på"/"by" ("auka med 696 personar", "økte med 2 %",
# "ökade med", "steg med", "increased by"), or a noun of change ("en økning på 3 årsverk", "veksten var 1,6 prosent",
# "a decrease of 2 %", "befolkningstilveksten utgjorde 412")
CHANGE_BEFORE = re.compile(
    r"(?i)(?<![\wæøåäö])(?:(?:[a-zæøåäö]*(?:økning|økningen|auke|auken|aukinga|nedgang|nedgangen|nedgongen|reduksjon|reduksjonen|"
    r"endring|endringen|endringa|ökning|ökningen|minskning|minskningen|förändring|förändringen|stigning|stigningen|"
    r"vekst|veksten|tilvekst|tilveksten|tillväxt|tillväxten|tilbakegang|tilbakegangen)|"
    # whole words only: "fald" is also the end of "affald" (waste), "change" of "exchange"
    r"fald|faldet|ændring|ændringen|ændringer|reduktion|reduktionen|forbedring|forbedringen|förbättring|förbättringen|forverring|"
    r"forværring|fremgang|fremgangen|framgang|framgangen|growth|increase|decrease|decline|change|reduction)"
    r"(?:\s+(?:i|av|af|of|in|på)\s+[a-zæøåäö\-]+){0,2}"
    r"(?:\s+(?:var|er|är|ble|blei|vart|blev|was|is|utgjorde|utgjør|utgjer|udgjorde|uppgick\s+till|landet\s+på|endte\s+på))?"
    r"|økte|økt|auka|aukar|sank|sunket|falt|ökade|ökat|minskade|minskat|sjönk|steg|steget|faldt|faldet|reduceret|redusert|"
    r"redusertes|vokste|voks|(?:gikk|gjekk|gått)\s+(?:ned|opp)|gik\s+(?:ned|op)|gået\s+(?:ned|op)|increased|decreased|grew|"
    r"rose|fell|dropped)"
    r"(?:\s+(?:på|med|af|av|of|by|with))?\s+(?:ca\.?\s*|cirka\s+|omkring\s+|om\s+lag\s+|rundt\s+|kr\.?\s*|drygt\s+|knapt\s+|"
    r"nesten\s+|nærmere\s+|over\s+|drøyt\s+|drøye\s+|vel\s+|more\s+than\s+|mer\s+enn\s+|meir\s+enn\s+)?$")


def stated_as_change(text: str, spans: Sequence[tuple[int, int]], k: int) -> bool:
    """Whether figure k (at `spans[k]` of `text`) is stated as a change, not a level: a change before it in its clause
    ("folketalet auka med 696 personar", "steg 3 procent", "veksten var 1,6 prosent", "en økning på 3 årsverk"), or its
    share in parentheses right after a change ("696 personar (0,67 %)"). A figure after "til"/"to" is the level the
    change led to."""
    start = spans[k][0]
    head = text[max(spans[k - 1][1] if k else 0, start - 60):start]
    head = re.split(r"[.;:!?]\s|,\s", head)[-1]
    if CHANGE_BEFORE.search(head) or _MORE_OR_FEWER.match(text, _number_end(text, start)) \
            or _PLACES_MOVED.match(text, _number_end(text, start)):
        return True
    if k and _RESTATEMENT.fullmatch(text[spans[k - 1][1]:start]) and stated_as_change(text, spans, k - 1):
        return True  # "696 personar (0,67 %)", "en økning på 10 029 fra 2018, dvs. 1,6 prosent": the same change restated
    return False


# A figure a sentence states as a plan, not as what happened: a budget ("Kommunen hade budgeterat för ett resultat på 77
# miljoner", "det budsjetterte driftsresultatet var"), a target or a bound set for it ("et driftsoverskud på minimum 100
# mio.", "målet er 2 prosent"), a forecast ("prognosen viser et merforbruk på"). Read from the clause before the figure
# (after the last comma, dash, bracket or joining word), with a figure measured against a plan ("et merforbruk i
# forhold til budsjett på 4 mill.", "mot målet") left alone: that figure is what happened.
PLAN_WORDS = (r"budsjett(?:et|er|ert\w*|ere\w*|ering\w*)?|budget(?:en|et|s|ed|era\w*|erad\w*|erat|eret\w*|erede|"
              r"tera\w*|teret|terede)?|mål|målet|målsetting\w*|målsettinga|målsättning\w*|målsætning\w*|måltal\w*|"
              r"targets?|targeted|goals?|minimum|minimalt|minst|mindst|maksimum|maksimalt|maks|max|maximum|högst|højst|"
              r"at least|at most|no less than|inntil|opptil|up to|prognose\w*|prognos\w*|forecast\w*|forventet|forventa|"
              r"forventede|venta|förväntat|förväntade|förväntad|expected|projected|estimated|estimert\w*|anslått|anslag\w*|"
              # a range set for a figure ("en kassebeholdning i intervallet 80-100 mio. kr.", "within the range 1-2 %")
              r"intervall\w*|interval\w*|range")
_PLAN_IN_CLAUSE = re.compile(rf"(?<![\wæøåäö])(?:{PLAN_WORDS})(?![\wæøåäö])")
# "mot budsjett", "i forhold til målet", "compared with the forecast", "over budget": a figure measured against a plan
_AGAINST_PLAN = re.compile(
    r"(?<![\wæøåäö])(?:mot|mod|i forhold til|i høve til|i förhållande till|sammenlignet med|samanlikna med|jämfört med|"
    r"gentemot|enn|end|än|than|against|versus|vs\.?|compared (?:with|to)|relative to|over|under|innenfor|innanfor|"
    r"inom|within|above|below|fra|frå|från|from)\s+(?:det\s+|the\s+|dens?\s+|sitt\s+|its\s+)?"
    rf"(?:[a-zæøåäö]+\s+)?(?:{PLAN_WORDS})(?![\wæøåäö])")
_CLAUSE_START = re.compile(r"[,;:()–—]|\s-\s|(?<![\wæøåäö])(?:mens|men|medan|while|whereas|but|og|and|och|samt|"
                           r"hvorav|varav|herav|of which)(?![\wæøåäö])")

PLAN_WORDS_BEFORE = 7
# a clause whose subject is a forecast or a budget, however far its figure stands from it ("Prognosen för helåret
# pekar mot ett resultat om 4,1 mnkr", "Budsjettet for 2031 legg opp til eit driftsresultat på 12 mill.")
_PLAN_SUBJECT = re.compile(r"\s*(?:prognos(?:en|a|et)?|årsprognos(?:en|a|et)?|forecast|the\s+forecast|budsjettet|budgeten|"
                           r"budgettet|the\s+budget)(?![\wæøåäö])")
# a comma between digits is a decimal comma ("12,5"), no clause's start
_DECIMAL_COMMA = re.compile(r"(?<=\d),(?=\d)")
# a figure with its unit, where its clause ends ("12,5 mill kr", "6,1 %", "12 mnkr")
_FIGURE_END = re.compile(r"(?<![\wæøåäö])\d[\d ,.]*\s*(?:%|prosent|procent|mill(?:ioner|ionar|ion)?\.?|mrd\.?|milliard(?:er|ar)?|"
                         r"mio\.?|mnkr|mkr|tkr)(?:\s*(?:kr\.?|kroner|kronor|nok|sek|dkk))?(?![\wæøåäö])")

# a bound set with a figure, not a level stated: the words right before it ("over 16 prosent", "mer enn 3 mill.", "minst",
# "inntil", "at most") or after it ("16 % eller mer", "10 prosent og over", "5 or more")
BOUND_BEFORE = re.compile(r"(?<![\wæøåäö])(?:over|under|above|below|(?:mer|meir|mindre|fleire|flere|fler|more|less|fewer)"
                          r"\s+(?:enn|än|than)|minst|inntil|opptil|up to|at least|at most|högst|maks\w*)\s*$")
BOUND_AFTER = re.compile(r"(?i)\s*(?:eller|or|og|and|el\.)\s+(?:mer|meir|mere|mindre|høyere|høgare|lavere|lågare|over|under|"
                         r"oppover|nedover|fleire|flere|fler|færre|større|more|less|above|below|higher|lower|greater|fewer|"
                         r"högre|lägre|mera|mindre|derover|derunder)(?![\wæøåäö])")


def _printed_at(low: str, printed: str) -> int:
    """Where the figure printed as `printed` stands in the lower-case `low`: its first occurrence that is no part of a
    name ("16%-tiltaket" before "16% eller mer"), -1 when none is."""
    at = low.find(printed)
    while at >= 0 and _COMPOUND_AFTER.match(low, at + len(printed)):
        at = low.find(printed, at + 1)
    return at


@lru_cache(maxsize=1 << 15)
def stated_as_plan(text: str, printed: str | None) -> bool:
    """Whether the figure printed as `printed` in `text` is stated as a budget, a target, a bound or a forecast (by the
    words of its clause before it, or a bound after it: "16 % eller mer"), not as what happened."""
    if not text or not printed:
        return False
    low = text.lower()
    at = _printed_at(low, printed.lower())
    if at < 0:
        return False
    if BOUND_AFTER.match(low, at + len(printed)):
        return True
    if at == 0:
        return False
    before = low[:at]
    if _PLAN_BEFORE_PAREN.search(before):
        return True  # "bedre enn budsjettet for 2014 (0,5 mill. kroner)": the parenthesis gives the plan's own figure
    # a capitalised word after a lower-case one may begin a sentence the extraction glued on ("… budsjettert for I 2011
    # ble det investert for 137 mill."): the clause begins there too, and is at most PLAN_WORDS_BEFORE words long
    # (neither a decimal comma nor a minus right before the figure: "underskottet om - 3,2 miljoner")
    cut = [m.end() for m in _CLAUSE_START.finditer(before) if not _DECIMAL_COMMA.match(before, m.start())
           and before[m.end():].strip()]
    cut += [m.start() for m in re.finditer(r"(?<=[a-zæøåäö] )[A-ZÆØÅÄÖ]", text[:at])]
    # an earlier figure with its unit ends its clause: "12,5 mill kr mot et budsjettert resultat 7,4 mill kr" opens
    # the plan's own clause with "mot"
    cut += [m.end() for m in _FIGURE_END.finditer(before)]
    clause = before[max(cut):] if cut else before
    if _PLAN_SUBJECT.match(clause):
        return True  # "Prognosen för helåret pekar mot ett resultat om 4,1 mnkr": the clause is about the plan
    clause = " ".join(clause.split()[-PLAN_WORDS_BEFORE:])
    # "et merforbruk i forhold til budsjett på 4 mill.": measured against the plan; but a clause that opens with it
    # (", mot budsjettert 3 mill.", ", mot målet på 5,5 prosent") states the plan's own figure
    clause = _AGAINST_PLAN.sub(lambda m: m.group(0) if not clause[:m.start()].strip() else " ", clause)
    return _PLAN_IN_CLAUSE.search(clause) is not None


# a difference stated after a figure: a comparative and what the figure is compared with ("470 mill. høyere enn budsjett",
# "45 mill. kr lavere enn i fjor", "12 mill. kroner over budsjett", "30 mnkr bättre än budget", "NOK 470 million higher
# than budgeted", "0,4 prosentpoeng lågare enn året før"): the difference, never the level. Up to three words may stand
# between (the unit: "mill. kr", "prosentpoeng"), never a clause's own verb or relative ("6,2 prosent som er lavere enn").
_COMPARATIVES = (r"høyere|høgare|lavere|lågare|større|mindre|mer|meir|mere|flere|fleire|færre|bedre|betre|dårligere|"
                 r"dårlegare|svakere|svakare|sterkere|sterkare|højere|lavere|ringere|higher|lower|greater|smaller|more|less|"
                 r"fewer|better|worse|weaker|stronger|högre|lägre|större|fler|färre|bättre|sämre|mera")
# what a plan is called after a comparison ("enn budsjett", "over det regulerte budsjettet", "än budgeterat", "than the
# target"): the difference is a deviation from the plan, not a change over time
_PLAN_NAMED = (r"budsj\w*|budget\w*|vedtatt\w*|vedteke\w*|regulert\w*|revidert\w*|justert\w*|planlagt\w*|plan|planen|"
               r"prognos\w*|forecast\w*|forventet|forventa|venta|estimat\w*|målet|måla|målsetting\w*|target\w*|goal|"
               # what the plan assumed ("73 mill. bedre enn forutsatt", "enn føresett", "than assumed")
               r"forutsatt|forutsett|føresett|anslått|anslag\w*|assumed|anticipated|förutsatt|beräknat")
DIFFERENCE_AFTER = re.compile(
    r"(?i)\s*(?:(?!(?:som|er|var|ble|blei|vart|blev|är|is|was|were|which|vilket|og|and|och|det|dette|den|i|in|for|"
    rf"på|til|till|to|at|av|of|med|with)(?![\wæøåäö]))[a-zæøåäö.%\-]+\s+){{0,3}}?(?:(?:{_COMPARATIVES})\s+(?:enn|än|end|than|"
    r"sammenlignet|samanlikna|sammenlikna|jämfört|compared|i\s+forhold\s+til|i\s+høve\s+til|i\s+förhållande\s+till)"
    rf"|(?:over|under|above|below|över|utover)\s+(?:det\s+|the\s+|den\s+)?(?:[a-zæøåäö]+\s+)?(?:{_PLAN_NAMED}))"
    r"(?![\wæøåäö])")
# a plan named right before a parenthesis its figure opens ("enn budsjettet for 2014 (0,5 mill. kroner)", "than budgeted
# (NOK 3 million)", "mot budsjett (kr 4,1 mill.)", "jämfört med budget (12 mnkr)"): the parenthesised figure is the plan's
_PLAN_BEFORE_PAREN = re.compile(rf"(?<![\wæøåäö])(?:{_PLAN_NAMED})(?:\s+(?:for|i|in|of|för|for\s+året)\s+\d{{4}})?"
                                r"\s*\(\s*(?:kr\.?|nok|sek|dkk)?\s*[-−–]?\s*$")
_PLAN_AFTER = re.compile(rf"(?i)[^.;:]{{0,30}}?(?<![\wæøåäö])(?:{_PLAN_NAMED})(?![\wæøåäö])")


def stated_difference(text: str, start: int) -> str | None:
    """The difference a figure printed at `start` is stated as by the words after it: "deviation" when it is compared with
    a plan ("470 mill. høyere enn budsjett", "12 mill. kroner over budsjett"), "change" when with another time or figure
    ("45 mill. kr lavere enn i fjor"), None when it is stated as a level."""
    digit = re.compile(r"\d").search(text, start)  # "NOK 470 million higher": from the number, past a currency before it
    found = DIFFERENCE_AFTER.match(text, _number_end(text, digit.start())) if digit else None
    if found is None:
        return None
    last = found.group(0).split()[-1].lower()
    if last in ("over", "under", "above", "below", "över", "utover") or _PLAN_AFTER.match(text, found.end()) \
            or _PLAN_AFTER.match(found.group(0).split()[-1]):
        return "deviation"
    return "change"


# a comparative right after a number: "696 fleire innbyggjarar", "12 færre ansatte", "120 fler invånare", "30 more staff"
_MORE_OR_FEWER = re.compile(r"(?i)\s+(?:flere|fleire|fler|færre|færri|färre|more|fewer|mer|meir|mindre)\s+[a-zæøåäö]")
# a rank: "nr. 97", "nummer 12", "no. 5", "120. plass", "plass 43", "plass nr. 43" in a sentence that ranks ("rangert",
# "plassering", "ranked", "kommunebarometer")
_RANK = re.compile(r"(?i)(?<![\wæøåäö])(?:(?:nr\.?|nummer|number|no\.)\s*(?P<rank>\d{1,3})(?![\d,.]\d)|(?P<rank2>\d{1,3})\.\s*(?:plass|plats|place)"
                   r"(?:en|a)?(?![\wæøåäö])|plass(?:en)?\s+(?:nr\.?\s*)?(?P<rank3>\d{1,3})(?![\d,.]\d))")
_RANK_WORDS = re.compile(r"(?i)rangert|rangerast|rangeres|rangering|ranked|ranking|rankad|plassering|placering|plassert|"
                         r"barometer|\d\.\s*pla(?:ss|ts|ce)")
# places a rank moved: "72 plassar betre enn", "12 plasser ned", "30 places up", "5 platser sämre"
_PLACES_MOVED = re.compile(r"(?i)\s+(?:plassar|plasser|plassen|plass|places|place|platser|plads|pladser)\s+(?:betre|bedre|bättre|"
                           r"better|dårlegare|dårligere|sämre|worse|ringere|lavere|lågare|høgare|høyere|ned|opp|upp|up|down|"
                           r"fram|frem|tilbake|bakover)(?![\wæøåäö])")
# what stands between a change and the same change restated: a parenthesis, "dvs.", "det vil si", "eller", "or", a
# "fra 2018" the change is counted from
_RESTATEMENT = re.compile(rf"(?i)(?:\s+(?:fra|frå|från|from|siden|sidan|since)\s+{YEAR})?\s*(?:\(|,?\s*(?:dvs\.?|d\.v\.s\.?|det\s+vil\s+si|"
                          r"eller|or|i\.e\.|tilsvarende|tilsvarande|svarende\s+til|motsvarande|motsvarar))\s*")


# a norm, a recommendation or a rule of thumb the organisation is measured against ("Den generelle anbefalingen fra
# staten er et resultat på 1,75 %", "netto driftsresultat bør ligge på 2 %", "Et tegn på sunn kommuneøkonomi er at netto
# driftsresultat over en lengre periode ligger på mer enn 3 %", "tilrådd nivå", "rekommenderas", "should be at least")
_NORM_WORDS = re.compile(r"(?i)(?<![\wæøåäö])(?:anbefal\w*|tilrå\w*|rekommend\w*|recommend\w*|bør|bör|should|"
                         r"norm|normen|normtal\w*|handlingsregel\w*|sunn\w*\s+(?:\w*økonomi|drift|økonomisk)\w*|"
                         r"(?:over|på)\s+(?:en\s+|ei\s+|eit\s+)?lengre?\s+(?:periode|sikt|tid)|over\s+tid\s+bør)(?![\wæøåäö])")


# an average over a span of years ("Netto driftsresultat i perioden 2010-2014 var i gjennomsnitt på 0,6 %", "dei siste
# fem åra har i snitt vore 6,4 %"): the span's figure, never one year's
_AVERAGE = re.compile(r"(?i)(?<![\wæøåäö])(?:i\s+(?:gjennom)?snitt|gjennomsnitt\w*|snittet|i\s+genomsnitt|genomsnitt\w*|"
                      r"on\s+average|(?:an\s+)?average[ds]?)(?![\wæøåäö])")
_SPAN_OF_YEARS = re.compile(r"(?i)(?<![\wæøåäö])(?:årene|åra|åren|years)(?![\wæøåäö])|\w+års(?:perioden|periode|perioder)|"
                            r"(?<!\d)(?:19|20)\d\d\s*[-–/]?\s*(?:19|20)\d\d(?!\d)")


def _own_clause(text: str, spans: Sequence[tuple[int, int]], k: int) -> str:
    """The words of figure k's clause before it: from the figure before it or the last clause break."""
    head = text[spans[k - 1][1] if k else 0:spans[k][0]]
    return re.split(r"[.;!?]\s|,\s|\s(?:mens|medan|men|while|but)\s", head)[-1]


def stated_as_norm(text: str, spans: Sequence[tuple[int, int]], k: int) -> bool:
    """Whether figure k is a norm's, not the organisation's: a word of a norm or recommendation in its own clause before
    it (from the figure before it, a clause break or 120 characters back), or right after it ("1,75 % som anbefalt"). A
    title run into the sentence with a dash ("Nøkkeltall for sunn økonomi - Netto driftsresultat ble ...") is not its
    clause."""
    start = spans[k][0]
    head = text[max(spans[k - 1][1] if k else 0, start - 120):start]
    head = re.split(r"[.;!?]\s|\s(?:mens|medan|men|while|but)\s|\s[-–—]\s(?=[A-ZÆØÅÄÖ][a-zæøåäö])", head)[-1]
    return _NORM_WORDS.search(head) is not None or \
        re.match(r"(?i)[^.;,]{0,20}?(?:som\s+)?(?:anbefalt|tilrådd|rekommenderat|recommended)", text[spans[k][1]:]) is not None


# a sign printed after the figure ("15 millioner kroner i minus", "endte 2 mill. i underskudd"): the figure is negative
# ("60 millioner kroner i pluss" keeps its sign)
_SIGN_AFTER = re.compile(r"(?i)\s*i\s+(?:minus|underskudd|underskot|underskott|underskud)(?![\wæøåäö])")
# a figure joined by a hyphen to the word after it ("16%-tiltaket", "5 %-regelen"): part of a name, no figure of its own
# (percentage points are no name: "1,2 %-poeng", "0,4 pct.-point", "0,4 %-enheter")
_COMPOUND_AFTER = re.compile(r"(?i)-(?!poeng|poäng|point|enhet)[a-zæøåäö]")


# a minus printed apart from its figure after a verb or preposition ("blir da - 1,5 %", "estimert til - 27,4 mill. kroner",
# "was - 3.2 %"): the figure is negative. After a number it is a range ("2020 - 2023"), and a dash that a second one
# closes later in the sentence is a parenthesis ("ble positivt - 12 mill. kr - og ...")
_SIGNED_AFTER = re.compile(
    r"(?i)(?:(?:^|[\s(])(?:da|til|till|på|er|var|ble|blei|blir|vart|vert|med|utgjør|utgjorde|utgjer|lag|ca\.?|cirka|rundt|"
    r"totalt|samla|samlet|blev|är|uppgick|was|is|were|are|of|at|to|by|totalled|totaled)|[:=])\s+-\s?$")


# what a bare figure shares the unit of: a comparison in parentheses or the other end of a range, the unit after it
# ("954,1 (915,6) mill. kroner", "8,2 (23,1) mill.", "80-100 mio. kr.", "5–7 %")
_UNIT_LATER = re.compile(
    rf"(?i)(?:\s*\(\s*(?:{FIGURE_NUMBER})\s*\)|\s?[-–]\s?(?:{FIGURE_NUMBER}))\s*"
    rf"(?:(?P<pct>%|prosent\b|procent\b)|(?P<mag>{MAGNITUDE})(?![a-zæøå])|(?P<kr>kr\.?|kroner|kronor)(?![a-zæøå]))")


_SENTENCE_BEFORE = re.compile(r"([^\W\d_]{3,})[.!?]\s+$")
_ABBREVIATIONS = {"mill", "mrd", "mio", "mia", "tkr", "mnkr", "mkr", "ink", "inkl", "ekskl", "kap", "pkt", "bl", "jf",
                  "jfr", "ref", "tab", "fig", "ca", "kr", "nr", "pr", "tlf", "mnok", "msek"}


def _opens_sentence(head: str) -> bool:
    """Whether a figure opens a sentence the splitter left joined to the one before (a word and a full stop right
    before it; no abbreviation such as "mill." or "ca.")."""
    before = _SENTENCE_BEFORE.search(head)
    return before is not None and before.group(1).lower() not in _ABBREVIATIONS


def _later_unit(later: re.Match) -> tuple[str, float]:
    if later.group("pct"):
        return "pct", 1.0
    if later.group("mag"):
        return "nok", _mag_scale(later.group("mag"))
    return "nok", 1.0


def _detached_minus(masked: str, start: int, end: int) -> bool:
    if not _SIGNED_AFTER.search(masked[max(0, start - 24):start]):
        return False
    return re.search(r"\s-\s", masked[end:]) is None


# a unit of measure printed after a magnitude ("mill. m3", "mill.m 3", "millioner m³", "mill. kWh", "mio. tonn", "million
# litres"): the figure is that quantity, never kroner
_QUANTITY_AFTER = re.compile(r"(?i)\s*(?:m\s?[23³²](?![\d,.]*\s*(?:kr|nok|mill))|kwh|mwh|gwh|twh|tonn\w*|tonnes?|tons?|ton\b|"
                             r"liter\w*|litres?|liters?|kubikk\w*|cubic|kvadrat\w*|square|km|kilometer\w*|kilo\w*|kg|"
                             r"passasjer\w*|passengers?|innbygg\w*|inhabitants?|invånare|indbygger\w*)(?![\wæøå])")


_SPACED_POWER = re.compile(r"(?<![\wæøåäö])(m) ([23])(?![\d,.]*\d)(?!\s*(?:%|prosent|mill|kr))")


EXCERPT = 300  # characters of a figure's sentence kept with it
# a sentence this long is no sentence a writer wrote (a text extraction ran a contents page, headings and paragraphs
# together): its figures are quoted with the words around each; a shorter one keeps its first EXCERPT characters, shared
# by all its figures (a list of figures in one sentence is read as one)
RUN_ON = 600


def excerpt(sentence: str, printed: str | None, limit: int = EXCERPT) -> str:
    """The part of a sentence a figure is quoted with: the whole sentence when it is short; of a long one (a text
    extraction that lost its full stops runs a contents page, a heading and a paragraph into one "sentence") the
    words that lead up to the figure and a little after it, marked as cut ("… med et budsjettert mindreforbruk på
    10 mill. kroner."), never the first 300 characters that may not hold the figure at all."""
    if len(sentence) <= limit:
        return sentence
    # the figure where it stands alone: "20" of "mindreforbruk på 20." is not the "20" of a year "2017" before it
    alone = re.search(rf"(?<![\w,.]){re.escape(printed)}(?!\w|[,.]\d)", sentence) if printed else None
    at = alone.start() if alone else sentence.find(printed) if printed else -1
    if at < 0 or at + len(printed) + 40 <= limit:
        return sentence[:limit]
    end = min(len(sentence), at + len(printed) + 60)
    start = end - (limit - 2)
    # from the start of a sentence or clause inside the window when there is one before the figure, else a word's start
    inside = [m.end() for m in re.finditer(r"[.!?;:]\s+(?=\S)", sentence[start:at])]
    start = start + inside[0] if inside else sentence.find(" ", start) + 1 or start
    return "… " + sentence[start:end].strip()


# the words a result closes on before its figure: "mindreforbruk på", "overskudd på", "mindreforbruk økt til"
_UNSTATED_AMOUNT_BEFORE = re.compile(
    r"(?i)(?<![\wæøåäö])[\wæøåäö]*(?:forbruk|overskudd|underskudd|overskot|underskot|overskott|underskott)[\wæøåäö]*"
    r"(?:\s+(?:økt|økte|auka|redusert|redusera|ökat|minskat|endret|endra))?\s+(?:på|til|till|om)\s*$")
_SENTENCE_CLOSE = re.compile(r"\s*(?:[.!?](?:\s|$)|$)")


# a unit of measure a figure may count ("102 164 tonn", "521 kg", "9,1 GWh"): it says how, never what, is measured
_MEASURE_UNIT = re.compile(r"(?i)tonn|tonnes?|tons?|kg|kilo|kilogram|liter|litres?|liters?|kwh|mwh|gwh|twh|km|kilometer|"
                           r"m[23³²]")
# the first verb of a sentence: the words before it are what the sentence is about ("Total avfallsmengde gikk ...")
_FIRST_VERB = re.compile(r"(?i)(?<![\wæøåäö])(?:har|hadde|hade|er|var|är|ble|blei|vart|blev|gikk|gjekk|gått|økte|auka|"
                         r"ökade|sank|falt|steg|utgjorde|utgjør|utgjer|endte|lå|låg|was|were|is|are|has|had|fell|rose|"
                         r"increased|decreased)(?![\wæøåäö])")
_THAT = re.compile(r"(?i)(?<![\wæøåäö])(?:at|att|som|that|which)\s")


def _measured(sentence: str, end: int, unit: str) -> str:
    """What a figure counted in a unit of measure measures: the noun right after the unit ("102 164 tonn avfall",
    "88 789 tonn CO2"), else the words the sentence opens on before its first verb, after "at"/"som" ("Total
    avfallsmengde gikk ned ..., fra 103 941 tonn til 102 638 tonn", "Det innebærer at avfallsmengde per innbygger har
    gått ned, fra 521 kg til 510 kg"), with the unit; the unit alone when neither says."""
    after = re.match(r"\s+([A-Za-zÆØÅæøåÄÖäöü][\wæøåäö\-]*)", sentence[end:])
    if after and after.group(1).lower() not in _STOP | _LINKS | _MONTHS | {"fra", "frå", "from", "from", "per", "pr"}:
        return f"{unit} {after.group(1)}"
    verb = _FIRST_VERB.search(sentence)
    if verb and verb.start() < end:
        words = re.findall(r"[A-Za-zÆØÅæøåÄÖäöüé\-]+", _THAT.split(sentence[:verb.start()])[-1])
        if 0 < len(words) <= 5:
            return f"{' '.join(words)} {unit}"
    return unit


def _lost_lead(text: str, start: int) -> bool:
    """Whether the number printed at `start` follows a decimal comma standing alone (after a space or at the start of
    the text): ",2 %" is what is left of a figure whose leading digits the extraction lost."""
    return start > 0 and text[start - 1] in ",." and (start == 1 or text[start - 2].isspace())


# a sentence's change from one year to another ("fra 2017 til 2018", "frå 2017 til 2018", "from 2017 to 2018")
_YEARS_FROM_TO = re.compile(r"(?i)(?<![\wæøåäö])(?:fra|frå|från|from)\s+((?:19|20)\d\d)\s+(?:til|till|to)\s+((?:19|20)\d\d)"
                            r"(?!\d|[,.]\d)")


def _read_sentence(sentence: str, page: int, line: int, report_year: int | None,
                   section: str | None = None, parens: Parenthesis | None = None,
                   written: int | None = None) -> list[ProseFigure]:
    found = _read_whole_sentence(sentence, page, line, report_year, section, parens, written)
    if len(sentence) <= RUN_ON or not found:
        return found
    whole = repair_digits(sentence)
    return [replace(f, text=excerpt(whole, f.printed)) if f.text == whole[:EXCERPT] else f for f in found]


def _read_whole_sentence(sentence: str, page: int, line: int, report_year: int | None,
                         section: str | None = None, parens: Parenthesis | None = None,
                         written: int | None = None) -> list[ProseFigure]:
    found: list[ProseFigure] = []
    spans: list[tuple[int, int]] = []  # where each figure of `found` is printed, for its year
    measures: list[tuple] = []
    last_measure = ("count", 1.0)  # unit and scale of the last figure read: "12,3 mill. kr (10,5)" is in millions too
    scales: list[float] = []  # the scale each figure of `found` was printed in
    sentence = repair_digits(sentence)
    years = [(m.start(), int(m.group(0))) for m in _YEAR.finditer(sentence)]
    declared = _scale_span(sentence)
    # dates ("2027-12-31", "pr 31.12.2014 kr 208 831") are masked, so no part of them is read as a figure
    english = _ENGLISH.search(sentence) is not None
    masked = _DOTTED_DATE.sub(lambda d: "#" * len(d.group(0)), sentence)
    # two years a text extraction glued together ("i perioden 20102014", a dash lost): a span of years, no figure
    masked = _GLUED_YEARS.sub(lambda y: "#" * len(y.group(0)) if int(y.group(1)) < int(y.group(2)) <= int(y.group(1)) + 30
                              else y.group(0), masked)
    # a school or season year ("2014-15", "2029/30"): the year is read as a year, its two-digit end as nothing
    masked = _SPLIT_YEAR.sub(lambda y: y.group(1) + "#" * (len(y.group(0)) - len(y.group(1)))
                             if (int(y.group(2)) + 1) % 100 == int(y.group(3)) else y.group(0), masked)
    # a cubic or square metre printed with a space before its power ("mill. m 3 vann", "375 m 2"): the power is no figure
    masked = _SPACED_POWER.sub(lambda p: p.group(1) + "m" + p.group(2), masked)
    if "..." in masked or "…" in masked or "__" in masked or "--" in masked or ". ." in masked:
        masked = _CONTENTS_PAGE.sub(lambda p: p.group("lead") + "#" * len(p.group("page")), masked)
    for m in _FIGURE.finditer(masked):
        if declared and m.start() < declared[1] and m.end() > declared[0]:
            continue  # "tall i 1 000 kroner" declares a table's scale; it states no figure
        raw = m.group("num") or ""
        if m.group("kr") and m.group("kr").strip(" .").lower() in ("kroner", "kronor") and (_YEAR.fullmatch(raw) or not raw):
            continue  # "beløp i kroner 2031": the word heads a caption before a year, no amount
        negative = bool(m.group("minus")) or m.group("num") is not None and _detached_minus(masked, m.start(), m.end())
        counted = m.group("noun")  # the noun the figure counts
        if counted and (not re.search(r"[^\W\d_]", counted) or counted.lower() in ("pr", "per")):
            counted = None  # "budgetopfølgning 3 - 2025", "3 pr. 31. oktober": a dash or "per" counts nothing
        partitive = False
        if counted and counted.lower() == "av" and (part := _PARTITIVE.match(masked, m.end())) \
                and part.group("noun") not in _STOP:
            counted, partitive = part.group("noun"), True  # "fem av dei tilsette", "4 av 422 kommunar"
        if m.group("num") and not m.group("kr") and m.start("num") and masked[m.start("num") - 1].isalpha():
            continue  # digits glued to letters are a name or code, no figure ("CO2e", "E39", "Q3", "M2312 025")
        if m.group("num") and _lost_lead(masked, m.start("num")):
            continue  # ",2 %" after a space: the digits before the decimal comma were lost, the figure is unknown
        if m.group("pct") and _COMPOUND_AFTER.match(masked, m.end()):
            continue  # "16%-tiltaket", "5 %-regelen": the figure names a measure or a rule, it states no level
        if m.group("word") and (m.group("word").lower() in number_words.ENGLISH) != english:
            continue  # "fire", "to", "ni" are English words in an English sentence ("the fire service"); "three" is
            # read only there
        if m.group("word"):
            noun = counted or ""
            word = m.group("word").lower()
            if m.group("pct") or m.group("mag"):
                if word == "to" and not (m.group("kr2") or m.group("pct")) or m.group("word")[0].isupper() and m.start():
                    continue  # "seks mia. kr.", "fem procent"; "to" is a word first unless kroner follow
            elif m.group("thousand") and not noun:
                pass  # "over hundre tusen": a number in words, whatever it counts
            elif noun.startswith("-"):
                continue  # "twenty-two", "to-tre": a number word joined to another, not read in parts
            elif not noun or noun[0].isupper() and not _NAMED_COMPOUND.fullmatch(noun) or noun.lower() in _STOP or (len(noun) < 3 and noun.lower() not in _UNIT_NOUNS) \
                    or not english and re.search(r"[^e]es$", noun) or noun.lower() in number_words.NOT_COUNTED \
                    or english and noun.lower() in _EN_NOT_NOUNS:
                continue  # "to" and "ni" are words first; a number word counts only before a counted noun ("to møtes": a verb;
                # "tre ganger", "two thirds": a multiplier, a fraction)
            raw = str(_ANY_WORDS[word])
        level_at = False
        if _YEAR.fullmatch(raw) and not (m.group("pct") or m.group("mag") or m.group("kr") or m.group("kr3") or m.group("dash")):
            lead = masked[max(0, m.start() - 20):m.start()]
            # "nådd 2000 innbyggere": a year-shaped number counting people is a head count, unless a year's preposition
            # leads it ("i 2019 ansatte kommunen ...": a verb after a year)
            head_count = bool(counted) and _UNIT_NOUNS.get(counted.lower()) in ("persons", "fte") \
                and not _YEAR_LEAD.search(lead)
            # "folketallet er nå nede i 1989": the level a measure fell or rose to, after a figure of the same measure
            level_at = not counted and bool(found) and found[-1].unit in ("persons", "count", "fte") \
                and _LEVEL_AT.search(lead) is not None
            if not (head_count or level_at):
                continue  # a year, not a figure
        before = sentence[max(0, m.start() - 12):m.start()]
        num_end = m.end("thousand") if m.group("thousand") else m.end("num") if m.group("num") else m.end("word")
        if _REFERENCE_BEFORE.search(before) or _REFERENCE_LIST.search(sentence[max(0, m.start() - 60):m.start()]) or re.match(r"^[.:/]\d", sentence[num_end:num_end + 2]) or re.match(r"0\d", raw) \
                or re.search(r"(?i)(?<![\wæøåäö])(?:per|pr\.?)\s*$", before):
            continue  # paragraph, page, note, phone ("00", "0771": no figure starts with a zero), dates and times
        if m.group("num") and _NUMBERED_TITLE.search(before) and _TITLE_AFTER.match(sentence, num_end) \
                and re.fullmatch(r"\d{1,3}", raw.strip()):
            continue  # the number of a titled item ("Fokusområde 13 - Hållbar kultur", "Mål 2: Sykefravær")
        if counted and counted.lower() in _MONTHS:
            continue  # a date ("31 december")
        points = _PERCENT_POINTS.match(masked, num_end) is not None
        value = parse_number(raw)
        if value is None:
            continue
        if m.group("thousand"):
            value *= 1000  # "hundre tusen", "3 tusind"
        # the deficit word in the figure's own clause: never one an earlier figure of the sentence answered ("et
        # underskudd på 1,2 mill., mot et overskudd på 3 mill. året før": the 3 is a surplus)
        deficit = bool(_DEFICIT.search(sentence[max(0, m.start() - 80, spans[-1][1] if spans else 0):m.start()]))
        if negative:
            value = -value
        unit, scale = "count", 1.0
        head_end = None  # where the counted noun after an adjective ends
        # "97 utrykkingar i 2018 mot 79 i 2017", "85,4 prosent, mot 84,4 året før": a bare figure compared with the one
        # before, its own year after it, measures what that one measures
        compared = bool(found) and m.group("num") and not (m.group("pct") or m.group("mag") or m.group("kr")
                                                          or m.group("kr3") or m.group("dash") or points) \
            and _TIME_AFTER.match(masked, num_end) is not None \
            and _COMPARE_BEFORE.search(masked[max(spans[-1][1] if spans else 0, m.start() - 40):m.start()]) is not None
        if compared:
            unit, scale = last_measure
            value = (parse_number(raw, decimal_dot=unit == "nok") or value) * (-1 if negative else 1)
            counted = measures[-1][1] if measures else None
        elif m.group("pct"):
            unit = "pct"
        elif m.group("mag"):
            # "8.9 mill. m3 til Nordby", "9,1 mill. kWh": a magnitude before a unit of measure counts that quantity, no money
            quantity = _QUANTITY_AFTER.match(sentence, m.end())
            unit, scale = ("count" if quantity else "nok"), _mag_scale(m.group("mag"))
            if quantity:
                head_end = quantity.end()  # printed with its unit ("8.9 mill.m 3"), the unit no counted noun
            if not (_DOT_THOUSANDS.fullmatch(raw) and _DOT_GROUPED_MAG.match(m.group("mag"))):  # "4.500 t.kr.", "1.250 mio. kr."
                value = (parse_number(raw, decimal_dot=True) or value) * (-1 if negative else 1)
        elif m.group("kr") or m.group("kr3") or m.group("dash"):
            unit = "nok"  # "65 000,-": the dash after the comma prints whole kroner
        elif counted and counted.lower() in _LINKS and (shared := _shared_measure(masked, m, before_all=masked[:m.start()],
                                                                                   last=last_measure if found else None)):
            unit, scale = shared  # "henholdsvis 5,1 og 6,3 %", "frå 7,2 til 6,8 prosent", "fra 120 årsverk ... til 134 i 2020"
            value = parse_number(raw, decimal_dot=unit == "nok") or value
        elif counted:
            if counted[0].isupper() and not _NAMED_COMPOUND.fullmatch(counted) \
                    and not _UNIT_ABBREVIATION.fullmatch(counted):
                continue  # "4 Andre skatteinntekter": a line code before a label
            noun = counted.lower()
            head = _COUNTED_HEAD.match(masked, m.end()) if noun not in _UNIT_NOUNS and _ADJECTIVE_END.search(noun) \
                and not partitive else None
            if head and head.group("head").lower() not in _STOP | _LINKS | _MONTHS:
                # "12 nye saker", "4 865 faste tilsette", "14 vidaregåande skular": the noun after the adjective counts
                counted, noun, head_end = f"{counted} {head.group('head')}", head.group("head").lower(), head.end()
            elif english and m.group("word"):
                # "twelve board meetings", "five new fire engines": an English noun phrase, its last word the head
                end = m.start("noun")
                for w in _EN_PHRASE_WORD.finditer(masked, end):
                    if w.start() != end or w.group("w").lower() in _EN_NOT_NOUNS or end - m.start("noun") > 40:
                        break
                    end = w.end()
                if end > m.end():
                    counted, head_end = masked[m.start("noun"):end], end
                    noun = counted.split()[-1].lower()
            unit = _UNIT_NOUNS.get(noun, "count")
        if points:
            unit, scale = "pp", 1.0  # "et fald på 0,4 procentpoint": a change of a share, never the share itself
        clause_start = max([spans[-1][1]] if spans else [0])
        per_capita = _PER_CAPITA_AFTER.match(masked, m.end()) or _PER_CAPITA_AFTER.match(masked, num_end) \
            or _per_capita_before(masked[clause_start:m.start()], money=unit == "nok" or bool(m.group("kr")))
        if not per_capita and unit == "nok" and found and found[-1].unit == "nok_per_capita" \
                and _COMPARED.fullmatch(re.split(r",\s|;\s", masked[clause_start:m.start()])[-1]):
            per_capita = found[-1]  # "78 400 kr per innbygger, mot 74 100 kr i 2018": the same measure a year before
        if isinstance(per_capita, ProseFigure):
            unit, topic_of = "nok_per_capita", per_capita.topic
        elif per_capita and unit in ("nok", "count", "fte", "persons") and not partitive:
            # "78 400 kr per innbygger", "Nettogælden pr. indbygger var 12.300 kr.", "12,5 årsverk per 1000 innbyggere":
            # a figure per inhabitant, never the total of what it measures
            unit = "nok_per_capita" if unit == "nok" or per_capita.group("kr") else "per_capita"
            counted = None if unit == "nok_per_capita" else counted
        else:
            per_capita = None
        if partitive and unit in ("count", "persons"):
            unit = "part"  # "fem av dei tilsette": a part of the employees, never their number
        if unit in ("count", "persons", "fte") and _INCLUDED.search(masked[max(0, m.start() - 80):m.start()]):
            unit = "part"  # "Utførte årsverk (inkluderer 2,9 årsverk til ...): 144,1": a part of the figure, never the figure
        if unit in ("nok", "pct") and value > 0 and (deficit or _SIGN_AFTER.match(masked, m.end())):
            value = -value  # "et underskudd på 37,0 millioner kroner", "negativt med 1,5 prosent", "15 mill. i minus":
            # the result is negative
        paired = went_to = False
        later = None
        if unit == "count" and not counted and head_end is None:
            if _SHARE_AFTER.match(sentence, num_end) and re.fullmatch(r"\d[\d ]*", raw):
                paired = True  # "267 (41 %) arbeidde i heil stilling": a count with its share
            elif sentence[num_end:num_end + 1] == ")" and ("," in raw and sentence[m.start() - 1:m.start()] == "("
                                                                     or _PAREN_YEAR_LABEL.search(sentence[:m.start()])):
                # "(8,85)", "(2019: 115)": the figure a comparison puts beside another, in that figure's unit
                (unit, scale), paired = last_measure, True
            elif (later := _UNIT_LATER.match(masked, num_end)) and m.group("num"):
                # "954,1 (915,6) mill. kroner", "80-100 mio. kr.": the unit printed after the parenthesis or the
                # range's other end is this figure's too
                unit, scale = _later_unit(later)
                if unit == "nok":
                    value = (parse_number(raw, decimal_dot=True) or value) * (-1 if negative else 1)
            elif found and sentence[num_end:num_end + 1] == ")" and spans \
                    and re.fullmatch(r"\s*\(\s*", masked[spans[-1][1]:m.start()]) and (
                        found[-1].unit in ("nok", "pct") or found[-1].unit in ("count", "persons", "fte")
                        and measures and measures[-1][1] and re.fullmatch(r"\d{1,3}(?: \d{3})*", raw)):
                # "954 (915) mill. kroner": the comparison, in the same unit; "68 ansatte (78)": a bare whole number in
                # parentheses right after a counted figure is the same count in the comparison (what it counts unsaid)
                (unit, scale), paired = last_measure, True
            elif m.group("num") and (k := _set_against(masked, spans, found, m.start())) is not None \
                    and 1 / 3 <= value * scales[k] / found[k].value <= 3:
                # "brukar 66 461 kroner per innbyggar, medan snittet i gruppa er på 60 484": the figure a contrast sets
                # against an amount or a share before it, of its size, is in that figure's unit
                unit, scale = found[k].unit, scales[k]
            elif m.group("thousand") or _grouped_alone(raw, masked, m.start(), num_end):
                unit = "number"  # "Leksvik kommune (63 879)": a figure whose unit the text does not say, published as such
            elif level_at or found and stated_as_before(masked, [*spans, (m.start(), num_end)], len(spans)):
                # "fra 21 virksomheter til 8", "frå 16 til 10": the level a change led to, in the unit of the level before
                (unit, scale), paired, went_to = last_measure, True, True
            elif m.group("num") and _UNSTATED_AMOUNT_BEFORE.search(masked[max(0, m.start() - 60):m.start()]) \
                    and _SENTENCE_CLOSE.match(masked, num_end):
                unit = "number"  # "med et budsjettert mindreforbruk på 20.", "har mindreforbruket økt til 43,7.": a
                # result the sentence ends on, its unit unprinted: the figure as printed, never a guessed scale
            else:
                continue  # a bare number without unit or counted noun is not a stated figure
        if counted and unit in ("count", "fte", "persons", "part") and counted.lower() not in _STOP | _LINKS:
            topic = counted  # "58 000 journalposter": the counted noun is what the figure measures
            if counted[:-1].isupper() and counted.endswith("s") and _UNIT_ABBREVIATION.fullmatch(counted):
                topic = counted[:-1]  # "41.305 TEUs": the unit is named in the singular ("TEU")
            elif _MEASURE_UNIT.fullmatch(counted):
                topic = _measured(sentence, m.end(), counted)
            clause = re.split(r"[.;:!?,]\s", sentence[:m.start()])[-1]
            if counted.lower() in _GENERIC_COUNTED and _STAFF_WORDS.search(clause) and (said := _topic(clause, None)):
                topic = f"{said} {counted}"  # "Antalet anställda var 3 239 personer": the words before it, in its clause, say whom
        elif _opens_sentence(sentence[:m.start()]):
            # "... en vinst om 8 miljoner. 4,76 miljarder i intäkter 2014": a figure opening a sentence (a heading run
            # into the text before) is about the words after it, never the sentence before
            topic = _topic(re.split(r"[,.;:!?]\s|\s(?:og|and|och|mens|men)\s", sentence[m.end():] + " ")[0], None,
                           first=True) or _topic(sentence[:m.start()], None)
        else:
            topic = _listed_item(sentence, m.start(), m.end()) or _own_clause_topic(sentence, spans, m.start()) \
                or _topic(sentence[:m.start()], None) \
                or _topic(sentence[m.end():], None, first=True)
        if isinstance(per_capita, ProseFigure):
            topic = topic_of
        elif per_capita and unit in ("nok_per_capita", "per_capita"):
            marker = " ".join(per_capita.group("per").split())
            if found and _RESTATED.fullmatch(masked[clause_start:m.start()]):
                topic = found[-1].topic  # "1 234 mill. kr, eller 78 400 kr per innbygger": the same measure per inhabitant
            if per_capita.string is not masked:  # the per words stand before the figure: what comes before them is the measure
                clause = per_capita.string
                topic = _topic(clause[:per_capita.start("per")], None) or topic
            topic = " ".join(w for w in (topic or "").split() if not _INHABITANTS.fullmatch(w))
            topic = f"{topic} {marker}".strip()  # "Netto lånegjeld per innbygger": the per stays in what it measures
        if compared or went_to:
            topic = found[-1].topic  # the same measure in another year, or after a change
        elif unit == "pct" and found and spans and found[-1].unit in ("count", "persons", "fte") \
                and re.fullmatch(r"\s*\(\s*", masked[spans[-1][1]:m.start()]) and m.group("num") \
                and masked[m.end():m.end() + 2].lstrip()[:1] == ")":
            topic = found[-1].topic  # "75 menn (22 %)": the share is the counted figure's, as a share of the whole
        if not topic and section and (unit in ("nok", "pct") or paired):
            topic = section  # "2030 500 tkr.": the heading above says what the figure is
        if not topic:
            continue
        last_measure = (unit, scale)
        scales.append(scale)
        found.append(ProseFigure(page=page, line=line, text=sentence[:300], topic=topic,
                                 value=round(value * scale, 6), unit=unit, year=report_year,
                                 printed=sentence[m.start():head_end] if head_end else
                                 sentence[m.start():num_end] if later else m.group(0).strip()))
        linked = compared or m.group("noun") and m.group("noun").lower() in _STOP | _LINKS and not partitive
        end = num_end if linked else head_end or m.start() + len(m.group(0).rstrip())
        while not linked and end < len(sentence) and sentence[end].isalpha():
            end += 1  # "kr" of "kroner"
        spans.append((m.start(), end))
        # what the figure measures, for telling a comparison "12 ansatte (10)" from a part "122 (39,4 %)"
        measures.append(measures[-1] if (paired or compared) and measures else
                        (unit, counted.lower() if counted and unit not in ("pct", "nok") and not linked else None))
    if found:  # (placing no figure places none)
        found = _placed(found, spans, measures, sentence, report_year, parens, written)
    found = [replace(f, scenario="change") if f.scenario is None and stated_as_change(masked, spans, k) else f
             for k, f in enumerate(found)]
    # a comparative after the figure ("470 mill. høyere enn budsjett", "45 mill. lavere enn i fjor") states a difference,
    # and a figure in percentage points is always one ("økte med 0,5 prosentpoeng", "2,1 prosentpoeng lågare"): the
    # level is another figure of the sentence
    found = [replace(f, scenario=role) if f.scenario in (None, "change") and (
             role := stated_difference(masked, spans[k][0]) or ("change" if f.unit == "pp" else None)) else f
             for k, f in enumerate(found)]
    if _NORM_WORDS.search(masked):
        found = [replace(f, scenario="norm") if f.scenario is None and stated_as_norm(masked, spans, k) else f
                 for k, f in enumerate(found)]
    if _AVERAGE.search(masked) and _SPAN_OF_YEARS.search(sentence):
        found = [replace(f, scenario="average", year=None) if f.scenario is None and _AVERAGE.search(
                 _own_clause(masked, spans, k)) else f for k, f in enumerate(found)]
    # a figure stated as a budget, a target, a bound or a forecast ("Målet er et sykefravær på 6 prosent", "budsjettert
    # med 40 mill. kr", "minimum 100 mio. kr."): a plan, never what happened (a norm's
    # bound, "bør utgjøre minst 2 prosent", is the norm's)
    found = [replace(f, scenario="plan") if f.scenario is None and stated_as_plan(sentence, f.printed) else f
             for f in found]
    # a rate printed as a bound ("enheter med over 16 prosent fravær", "mer enn 10 %"): a threshold, never the level
    found = [replace(f, scenario="plan") if f.scenario is None and f.unit == "pct"
             and BOUND_BEFORE.search(masked[max(0, a - 24):a].lower()) else f for f, (a, _) in zip(found, spans)]
    for k in range(1, len(found)):  # "gjekk frå 16 til 10", "from 21 units to 8": the first is the level before
        a, b = found[k - 1], found[k]
        if a.scenario is None and b.scenario is None and a.unit == b.unit and a.year == b.year \
                and stated_as_before(masked, spans, k):
            y = _YEARS_FROM_TO.findall(masked[:spans[k - 1][0]])
            if len(y) == 1 and int(y[0][1]) == b.year and int(y[0][0]) != b.year:
                # "gikk fra 2017 til 2018 ned med 1,3 prosent, fra 103 941 tonn til 102 638 tonn": the years the
                # sentence goes from and to date the level before and the level after
                found[k - 1] = replace(a, year=int(y[0][0]))
            else:
                found[k - 1] = replace(a, scenario="before", topic=f"{a.topic} (før)")
    # staffing and rates are stated per unit ("Økonomi 12,5 årsverk", "I Oppvekst var sjukefråværet 7,4 %"); a count
    # "i <name>" is as often counted in a system ("registrert i <saksystem>"), so counts keep their place's unit
    found = [replace(f, part=part_named(sentence, a, spans[k - 1][1] if k else 0))
             if f.scenario is None and f.unit in ("fte", "persons", "pct") else f
             for k, (f, (a, _)) in enumerate(zip(found, spans))]
    found = _named_list(sentence, found, spans)
    low = sentence.lower()
    for y in (_YEARS_WORD.finditer(sentence) if "år" in low else ()):  # "en femårsperiode": years in one word
        if y.group(0)[0].isupper() and sentence[:y.start()].strip():
            continue  # "Treårsvegen": a name
        found.append(ProseFigure(page=page, line=line, text=sentence[:300], topic=y.group(0), unit="years",
                                 value=float(_WORDS[y.group("n").lower()]),
                                 year=([yy for pos, yy in years if pos < y.start()] or [report_year])[-1],
                                 printed=y.group(0)))
    for r in (_RANK.finditer(sentence) if _RANK_WORDS.search(low) else ()):  # "rangert som nr. 97", "på 120. plass"
        group = next(g for g in ("rank", "rank2", "rank3") if r.group(g))
        at = r.start(group)
        if any(a <= at < b for a, b in spans):
            continue  # read as another figure already
        found.append(ProseFigure(page=page, line=line, text=sentence[:300], unit="rank", value=float(r.group(group)),
                                 topic=_topic(sentence[:r.start()], None) or _RANK_WORDS.search(low).group(0),
                                 year=([y for pos, y in years if pos < at] or [report_year])[-1], printed=r.group(0).strip()))
    for o in (_ONE_MAGNITUDE.finditer(sentence) if "illi" in low or "milj" in low or "mio." in low or "mia." in low else ()):  # "en halv million kroner", "ein milliard kroner"
        topic = _topic(sentence[:o.start()], None) or _topic(sentence[o.end():], None, first=True) or section
        value = _mag_scale(o.group("mag")) * (0.5 if o.group("half") else 1.0)
        if topic:
            found.append(ProseFigure(page=page, line=line, text=sentence[:300], topic=topic, unit="nok",
                                     value=-value if _DEFICIT.search(sentence[max(0, o.start() - 80):o.start()]) else value,
                                     year=([y for pos, y in years if pos < o.start()] or [report_year])[-1],
                                     printed=o.group(0)))
    for z in (_KRONER_NULL.finditer(sentence) if "null" in low else ()):  # "gjort opp i kroner null"
        topic = _topic(sentence[:z.start()], None) or section
        if topic:
            found.append(ProseFigure(page=page, line=line, text=sentence[:300], topic=topic, value=0.0, unit="nok",
                                     year=([y for pos, y in years if pos < z.start()] or [report_year])[-1],
                                     printed=z.group(0)))
    labelled = _LABELLED.match(sentence)
    if labelled and not any(labelled.group("num") in f.printed for f in found):
        found.extend(_labelled_figure(labelled, sentence, page, line, years, report_year))
    for c in (_COUNT_SUBJECT.finditer(masked) if "ant" in low or "tal" in low or "number" in low else ()):
        closes = not re.match(r"\s*(?:%|[a-zæøåäö])", masked[c.end():], re.I) \
            or re.match(r"\s*(?:ved|vid|i|at|per|pr|den|høsten|hausten|våren|ultimo|primo|efteråret|hösten)\b", masked[c.end():], re.I)
        read = next((k for k, (a, b) in enumerate(spans) if a <= c.start("num") < b), None)
        words = c.group("subject").lower().split()
        unit = next((_UNIT_NOUNS[w] for w in words if w in _UNIT_NOUNS), "count")
        if read is not None and closes and found[read].unit in ("count", "number") and found[read].scenario is None:
            # "Folketallet var 14 532 ved ...": what it counts is the subject, not "ved"
            found[read] = replace(found[read], topic=c.group("subject"), unit=unit)
            continue
        if read is not None or not closes:
            continue  # read above ("4 819 ansatte"), or the number goes on with a unit or a noun
        value = parse_number(c.group("num"))
        if value is None or _YEAR.fullmatch(c.group("num")):
            continue
        placed = place_figures(sentence, [c.span("num")], report_year, None, None)[0]
        found.append(ProseFigure(page=page, line=line, text=sentence[:300], topic=c.group("subject"), value=value,
                                 unit=unit, year=placed.year, printed=c.group("num")))
    for c in (_COUNT_CHANGE.finditer(masked) if "med" in low or "by" in low else ()):
        if any(a <= c.start("num") < b for a, b in spans) or _YEAR.fullmatch(c.group("num")) \
                or re.search(r"(?i)(?<![\wæøåäö])(?:er|var|og|men|mens|har|hadde|ble|blei|is|was|and|but)(?![\wæøåäö])",
                             c.group("subject")):
            continue  # read above, with its unit or noun; or the subject runs into another clause
        value = parse_number(c.group("num"))
        if value is None:
            continue
        words = c.group("subject").lower().split()
        found.append(ProseFigure(page=page, line=line, text=sentence[:300], topic=c.group("subject"), value=value,
                                 unit=next((_UNIT_NOUNS[w] for w in words if w in _UNIT_NOUNS), "count"),
                                 year=([y for pos, y in years if pos < c.start("num")] or [report_year])[-1],
                                 printed=c.group("num"), scenario="change"))  # a year in its parenthesis is the comparison's
    return found


# a list after a colon pairing names with figures ("fordeling blant kommunene: Nordvik 21 %, Sørby 4 %, Vestøy 11 %"):
# an item is a capitalised name of up to four words, a separator and the figure
_COLON = re.compile(r"(?<!\d):(?=\s)")
_NAMED_ITEM = re.compile(r"\s*(?:[,;]\s*)?(?:(?:og|and|och|samt|og\s+til|and\s+to)\s+)?"
                         r"(?P<name>[A-ZÆØÅÄÖ][^\W\d_]*(?:[\s\-][A-ZÆØÅÄÖ&][^\W\d_]*){0,3})\s*[:\-–]?\s*")


def _named_list(sentence: str, found: list[ProseFigure], spans: Sequence[tuple[int, int]]) -> list[ProseFigure]:
    """The figures of a list of names after a colon, each about its name: the words before the colon with the name
    ("fordeling søknader Nordvik"), marked as one of a list of named figures ("respectively"), never the whole
    organisation's figure. Two or more items, one unit, nothing but separators between them."""
    if len(found) < 2 or ":" not in sentence:
        return found
    colons = [c.start() for c in _COLON.finditer(sentence[:spans[0][0]])] if spans else []
    if not colons:
        return found
    lead = _topic(sentence[:colons[-1]], None)
    pos, items = colons[-1] + 1, []
    for k, (a, b) in enumerate(spans[:len(found)]):
        item = _NAMED_ITEM.fullmatch(sentence, pos, a)
        if not item or found[k].scenario not in (None, "respectively"):
            break
        items.append((k, item.group("name")))
        pos = b
    if len(items) < 2 or not lead or len({found[k].unit for k, _ in items}) > 1 \
            or len({name for _, name in items}) < len(items) or sentence[pos:].strip(" .;") \
            and not re.match(r"\s*[.;]", sentence[pos:]):
        return found
    out = list(found)
    for k, name in items:
        out[k] = replace(found[k], topic=f"{lead} {name}", scenario="respectively", part=None)
    return out


# "Antal årsarbetare var 2 341.", "Antallet af fuldtidsstillinger udgjorde 4.512 ved udgangen af året", "Talet på
# tilsette var 212", "Antallet af sygedage pr. medarbejder var 11,2", "Befolkningstallet steg med 412 til 52.345",
# "Invånarantalet var 21 345": a count whose subject says what it counts (a word for "the number of", alone or as the
# head of a compound: "-tallet", "-talet", "-antalet"), the number closing the clause; after a verb of change the
# level is the figure "til" gives, never the change "med" gives
_COUNTED_SUBJECT = (
    r"(?i)(?<![\wæøåäö])(?P<subject>(?:(?:antal(?:l|let|et)?|talet\s+på|tal\s+på|number\s+of)(?:\s+(?:af|av|of))?"
    rf"(?:\s+(?:[a-zæøåäö\-]+|pr\.|per)){{1,4}}?(?:\s+(?:i|ved|vid|per|pr\.?|at|blant|bland)\s+(?:[a-zæøåäö\-]+\s+){{0,2}}"
    rf"[a-zæøåäö\-]*(?:\s+{YEAR}(?:/(?:{YEAR}|\d\d))?)?)?|"
    r"[a-zæøåäö]{2,}[bcdfghjklmnpqrstvwxzeé](?:tall?|tallet|talet|tallene|antall?|antallet|antalet)"
    r"(?:\s+(?:i|ved|vid|pr\.?|per|for|för|blandt|blant|bland)\s+[a-zæøåäö]+){0,2}))\s+")
# "Innbyggertallet økte med 872 (695 i 2013)", "Antall ansatte gikk ned med 12, ...": the change of a count whose subject
# says what it counts, the number closing the clause (a unit or noun after it is read as such)
_COUNT_CHANGE = re.compile(
    # words of the clause may stand between the subject and the verb ("Antall årsverk i konsern (juridisk enhet) har i
    # perioden 31.12.13 - 31.08.14 økt med 4"), never a figure, a comma or a second clause
    _COUNTED_SUBJECT + r"(?:(?:(?!(?:mens|men|og|samt|while|but|and)\s)[^.;:,\d])*?\s)??(?:steg|steget|faldt|faldet|økte|økt|auka|sank|ökade|ökat|minskade|minskat|vokste|voks|grew|rose|fell|"
    r"increased|decreased|gikk\s+(?:ned|opp)|gjekk\s+(?:ned|opp)|gik\s+(?:ned|op))\s+(?:med|by)\s+"
    r"(?:ca\.?\s+|cirka\s+|omkring\s+|om\s+lag\s+|drygt\s+|knapt?\s+|godt\s+|næsten\s+|nesten\s+)?"
    rf"(?P<num>{_FIG_NUM})(?!\d|,\d)(?=\s*(?:[(,.;:]|$|(?:fra|frå|från|from|since|siden|sidan|i|in)\s))")
_COUNT_SUBJECT = re.compile(
    _COUNTED_SUBJECT +
    r"(?:(?:var|er|är|blev|ble|blei|vart|uppgick\s+till|uppgår\s+till|udgjorde|udgør|utgjorde|utgjør|utgjer|was|is|were)"
    r"(?:\s+på)?|(?:lå|låg|landede|endte|endade|hamnade|landet|enda)\s+på|"
    r"(?:steg|steget|faldt|faldet|økte|økt|auka|sank|ökade|ökat|minskade|minskat|vokste|voks|grew|rose|fell|increased|"
    r"decreased|gikk\s+(?:ned|opp)|gjekk\s+(?:ned|opp)|gik\s+(?:ned|op))(?:\s+(?:med|by)\s+[^.;:]{1,50}?)?\s+(?:til|till|to))"
    r"\s+(?:ca\.?\s+|cirka\s+|omkring\s+|om\s+lag\s+|drygt\s+|knapt?\s+|godt\s+|næsten\s+|nesten\s+)?"
    rf"(?P<num>{_FIG_NUM})(?![\d,])")


# --- the part of the organisation a figure is of ----------------------------------------------------------------

# a word naming a part of an organisation by what it is ("økonomiavdelinga", "oppvekstsektoren", "Teknisk etat")
_PART_WORD = (r"[a-zæøåäö\-]*(?:avdeling|avdelinga|avdelingen|avdelingene|eining|eininga|einingane|enhet|enheten|enhetene|"
              r"enhed|enheden|sektor|sektoren|etat|etaten|tjeneste|tjenesten|tenesta|tenester|område|området|afdeling|afdelingen|"
              r"förvaltning|förvaltningen|nämnd|nämnden|verksamhet|verksamheten|virksomhet|virksomheten|skole|skolen|skule|"
              r"skulen|barnehage|barnehagen|barnehagane|sykehjem|sykehjemmet|sjukeheim|sjukeheimen|kontor|kontoret|stab|staben|"
              r"seksjon|seksjonen|forvaltning|forvaltningen|forvaltningen)")
# words that name the whole organisation, a total, the measure or a time, never a part of it
# ("Kommunens tjenesteområder", "Fylkeskommunens sektorer": all of the organisation's parts together)
_WHOLE = re.compile(r"(?i)^(?:kommunens|fylkeskommunens|selskapets|organisasjonens|kommunen|kommune|fylkeskommunen|"
                    r"fylket|selskapet|foretaket|organisasjonen|organisationen|"
                    r"konsernet|koncernen|kommunkoncernen|regionen|hele|heile|hela|totalt?|samlet|samla|sum|i alt|til sammen|"
                    r"vi|det|dette|den|der|her|de|dei|desse|disse|dessa|these|those|they|the|we|alle|all|begge|både|both|"
                    r"hver|kvar|varje|each|every|(?:enhet|eining|avdeling|seksjon|sektor|område|omrade|virksomhet|verksemd|tjeneste|"
                    r"teneste|kontor|etat)\w*\b(?!\s+(?:for|til|i|med|og)\b)|året|fjor|fjoråret|perioden|snitt|gjennomsnitt|kvartal|tertial|"
                    r"januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|desember)\b")
# a preposition or a possessive starting a row label names no part ("Av våre 654 tilsette ...", "Blant dei tilsette")
_FUNCTION_START = re.compile(r"(?i)^(?:av|på|paa|med|til|om|fra|frå|från|etter|blant|bland|under|over|of|on|at|by|among|"
                             r"våre|vår|vårt|vores|vår|our|mine|dine|sine|hans|hennar|hennes|deira|deres)(?![\wæøåäö])")
# a part named by its word in a label line ("Legetjenesten", "Teknisk etat", "Økonomiavdelinga")
_LABEL_PART = re.compile(rf"(?<![\wæøåäö])(?P<name>(?:[A-ZÆØÅÄÖ][\wæøåäö\-]*\s+)?(?i:{_PART_WORD}))(?![\wæøåäö])")
_ORG_AFTER = re.compile(r"(?i)\s+(?:kommune|kommun|fylkeskommune|herad|iks|as|region)\b")
_NAME = r"[A-ZÆØÅÄÖ][\wæøåäö\-]*(?:\s+(?:og|&|och)\s+[A-ZÆØÅÄÖa-zæøåäö][\wæøåäö\-]*)?"
_PART_AFTER_PREPOSITION = re.compile(
    rf"(?:^|(?<=\s))(?:[Ii]|[Vv]ed|[Ff]or|[Ii]nnen|[Ii]nnan|[Ii]nom|[Hh]os|[Pp]å)\s+(?P<name>{_NAME}|{_PART_WORD})(?![\wæøåäö])")
# the verb after a part's name: one of having or using ("Seksjon for oppvekst hadde 140,2 årsverk"), never part of the
# name; a verb of being ("Veksten var 1,6 prosent", "Turnoveren var 8 %") says the words before it are a measure
_HAVING = (r"hadde|har|hade|havde|fikk|fekk|fick|fik|brukte|nytta|nytta|had|has|have|behandlet|behandla|gjennomførte|"
           r"leverte|registrerte|utførte|sysselsatte|sysselsette|employed")
_BEING = r"var|er|är|ble|blei|vart|blev|was|is|were|are|utgjorde|utgjør|utgjer|udgjorde|udgør|uppgick|landet|endte|lå|låg"
_NAME_WORD = rf"(?!(?:{_HAVING}|{_BEING})(?![\wæøåäö]))[a-zæøåäö][\wæøåäö\-]*"
_LABEL_ROW = re.compile(rf"^(?P<name>[A-ZÆØÅÄÖ][\wæøåäö\-]*(?:\s+(?:og|&|och|{_NAME_WORD})){{0,3}})"
                        rf"(?:\s+(?:{_HAVING}))?\s*:?\s*$")
# a name of a few words with its linking words ("Seksjon for oppvekst", "Helse og omsorg", "Avdeling i sentrum")
_SUBJECT_FIRST = re.compile(rf"^(?P<name>{_NAME}(?:\s+(?:for|til|i|og|&|och|av)\s+{_NAME_WORD}){{0,2}})\s+(?:{_HAVING})\b")


def part_named(sentence: str, start: int, clause_from: int = 0) -> str | None:
    """The part of the organisation the sentence says the figure printed at `start` is of: the label of a short row
    ("Økonomi 12,5 årsverk", "Helse og omsorg: 8,1 %"), a name or a word for a unit after a preposition in the
    figure's clause ("I Oppvekst var sjukefråværet 7,4 %", "sjukefråværet i økonomiavdelinga var 3,2 %"), or the
    subject of a clause ("Oppvekst hadde 140,2 årsverk"). Words for the whole organisation, a total, a time or a
    metric name no part; an organisation's own name ("I Nordvik kommune") neither."""
    from flows.reports.classify import load_catalog, metric_named

    head = sentence[:start]
    cut = max(clause_from, *(m.end() for m in re.finditer(r"[.;:!?]\s|,\s|\s(?:mens|men|while|medan)\s", head)),
              0) if head else 0
    clause = head[cut:]
    candidates = []
    row = _LABEL_ROW.match(head) if len(sentence.split()) <= 8 else None
    if row:
        candidates.append(row.group("name"))
    candidates += [m.group("name") for m in _PART_AFTER_PREPOSITION.finditer(clause)
                   if not _ORG_AFTER.match(clause, m.end())]
    subject = _SUBJECT_FIRST.match(clause.lstrip())
    if subject and not _ORG_AFTER.match(clause.lstrip(), subject.end("name")):
        candidates.append(subject.group("name"))
    catalog = load_catalog()
    for name in reversed(candidates):  # the nearest to the figure
        name = name.strip(" :-")
        if not name or _WHOLE.match(name) or _FUNCTION_START.match(name) or _YEAR.search(name) or metric_named(name, catalog) \
                or _mentions_metric(name, catalog):
            continue
        return name
    return None


def _mentions_metric(name: str, catalog) -> bool:
    low = name.lower()
    return any(syn in low for _, _, synonyms in catalog.metrics for syn in synonyms if len(syn) >= 5)


# "per innbygger", "pr. indbygger", "per invånare", "per 1 000 innbyggere", "kr per capita": what makes a figure a
# rate per inhabitant (`per`: the words as printed, kept in the figure's topic)
_INHABITANTS = re.compile(r"(?i)(?:innbygg|innbyggj|indbygg|invånar|inhabitant|resident|capita)[a-zæøåäö]*")
_PER_CAPITA_AFTER = re.compile(
    r"(?i)\s*(?P<kr>(?:kr\.?|kroner|kronor|nok|dkk|sek)\s*)?(?P<per>(?:per|pr\.?|pro|/)\s*(?:\d[\d .]*\s*)?"
    r"(?:innbygg|innbyggj|indbygg|invånar|inhabitant|resident|capita)[a-zæøåäö]*)")
_PER_CAPITA_BEFORE = re.compile(
    r"(?i)(?<![\wæøåäö])(?P<kr>(?:kr\.?|kroner|kronor|nok|dkk|sek)\s+)?(?P<per>(?:per|pr\.?|pro)\s+"
    r"(?:innbygg|innbyggj|indbygg|invånar|inhabitant|resident|capita)[a-zæøåäö]*)")


# the words between a figure and the same measure compared ("78 400 kr per innbygger, mot 74 100 kr i 2018")
_COMPARED = re.compile(r"(?i)[\s,;(]*(?:(?:i|in|år)\s+(?:19|20)\d\d\s+)?(?:mot|mod|against|versus|vs\.?|jämfört\s+med|"
                       r"sammenlignet\s+med|samanlikna\s+med|fra|frå|från|from|og|and|och|til|till|to)?\s*"
                       r"(?:ca\.?|cirka|om\s+lag|omkring|about)?\s*")
# the words between a figure and the same measure restated per inhabitant ("..., eller", ", svarende til", ", or")
_RESTATED = re.compile(r"(?i)[\s,;(]*(?:eller|or|tilsvarende|tilsvarande|svarende\s+til|motsvarande|motsvarar|som\s+er|"
                       r"som\s+utgjør|dvs\.?|det\s+vil\s+si|i\.e\.|which\s+is)?\s*(?:ca\.?|cirka|om\s+lag|omkring|about)?\s*")


def _per_capita_before(clause: str, *, money: bool) -> re.Match | None:
    """The per-inhabitant words in the clause before a figure ("netto lånegjeld per innbygger på 96 309 kroner",
    "Frie inntekter i kroner per innbygger var 54 300"): an amount's, or a bare number's when kroner are named."""
    clause = re.split(r"(?<![Pp]r)(?<!ca)(?<!kr)[.;:!?]\s|,\s", clause)[-1]
    found = _PER_CAPITA_BEFORE.search(clause)
    return found if found and (money or found.group("kr")) else None


# the words that set one figure against another in the same sentence ("..., medan snittet er på ...", "whereas")
_CONTRAST = re.compile(r"(?i)(?<![\wæøåäö])(?:medan|mens|mends|medens|while|whereas)(?![\wæøåäö])")


def _set_against(masked: str, spans: list[tuple[int, int]], found: list, start: int) -> int | None:
    """The index of the amount, per-inhabitant amount or share a contrast word after it sets a bare figure against
    ("66 461 kroner per innbyggar, medan snittet ... er på 60 484"), else None; figures of other units between are
    passed over (the number of a group named in the contrasting clause)."""
    for k in range(len(found) - 1, -1, -1):
        if found[k].unit in ("nok", "nok_per_capita", "pct") and found[k].value:
            between = masked[spans[k][1]:start]
            return k if _CONTRAST.search(between) and not re.search(r"[.!?;]\s", between) else None
    return None


def _grouped_alone(raw: str, masked: str, start: int, end: int) -> bool:
    """A bare number printed with thousands groups ("63 879", "1.234.567") standing alone, not in a run of numbers
    (a row of a table the layout did not see): a figure, whatever it counts."""
    return re.fullmatch(r"-?\d{1,3}(?:[ \u00a0.]\d{3})+(?:,\d+)?", raw) is not None \
        and not re.match(r"\s*[-+]?\d", masked[end:]) and not re.search(r"\d[\s%]*$", masked[max(0, start - 4):start])


_LINKS = {"og", "and", "eller", "or", "i", "in", "til", "till", "to"}
_GENERIC_COUNTED = {"personer", "personar", "persons", "people", "stykker", "stycken", "st"}
# the staff a generic count of people may be of, named before it in its clause ("Antalet anställda var 3 239 personer")
_STAFF_WORDS = re.compile(r"(?i)(?<![\wæøåäö])(?:ansatte|anställda|tilsette|tilsett|medarbeidere|medarbeidarar|medarbejdere|"
                          r"medarbetare|årsverk|årsværk|årsarbetare|employees|staff)(?![\wæøåäö])")
# an amount whose dot groups thousands before a magnitude that is never written with a decimal dot: thousands ("tkr",
# "t.kr."), or the Danish and Swedish million and milliard abbreviations ("4.500 t.kr." is 4 500 000 kroner)
_DOT_THOUSANDS = re.compile(r"-?\d{1,3}(?:\.\d{3})+")
_DOT_GROUPED_MAG = re.compile(r"(?i)t|mio|mia|mnkr|mdkr|mkr")
# what stands before a number that is a place in a document or an address, never a figure: "§ 5", "side 12",
# "sidan 4", "note 7", "not 3", "nr. 2", "kl. 14", "tlf. 72 ..", "tel. 08-..", "telefon 0771"
_REFERENCE_WORD = (r"(?:§|\b(?:side|sida|sidan|sid|s|nr|kl|tlf|tel|telefon|note|noter|not|noten|"
                   r"notat|bilag|bilaga|vedlegg|kapittel|kapitel|kap|chapter|afsnit|avsnitt|punkt|postnr|pkt|artikkel|artikel|"
                   r"article|paragraf|paragraph|figur|figure|tabell|table|diagram)\.?)")
_REFERENCE_BEFORE = re.compile(rf"(?i)(?:{_REFERENCE_WORD}\s*|\d[.:/])$")
# the further numbers of a list of references ("artikel 13 och 17", "kapittel 4, 5 og 7", "note 3-5", "§§ 12 og 14")
_LIST_LINK = r"\s*(?:,|og|och|and|samt|eller|or|[-–]|til|till)\s*"
_REFERENCE_LIST = re.compile(rf"(?i){_REFERENCE_WORD}§?\s*\d{{1,4}}[a-z]?(?:{_LIST_LINK}\d{{1,4}}[a-z]?)*{_LIST_LINK}$")
# a capitalised word right before a small whole number, and a dash or colon with a capitalised title after it: the
# number of an item of a list of titles ("Fokusområde 13 - Hållbar kultur", "Mål 2: Sykefraværet ned")
_NUMBERED_TITLE = re.compile(r"(?<![\wæøåäö])[A-ZÆØÅÄÖ][a-zæøåäöü]+\s$")
_TITLE_AFTER = re.compile(r"\s?[-–:]\s+[A-ZÆØÅÄÖ]")
_PAREN_YEAR_LABEL = re.compile(rf"\(\s*(?:{YEAR}|i fjor|fjoråret|last year|prior year)\s*:\s*$", re.I)


def _shared_measure(masked: str, m: re.Match, *, before_all: str, last: tuple[str, float] | None) -> tuple[str, float] | None:
    """The unit a bare figure shares with its neighbour: the next figure's after "og"/"and" ("5,1 og 6,3 %",
    "120 and 134 FTEs") or after "til"/"to" when the figure is what a change went from ("frå 7,2 til 6,8 prosent"), the previous figure's in "fra A ... til B" ("fra 120 årsverk i 2018 til 134 i 2020")."""
    link = m.group("noun").lower()
    # "frå 7,2 til 6,8 prosent", "from 120 to 134 FTEs": the level a change went from shares the unit of where it went
    if link in ("og", "and", "eller", "or") or link in ("til", "till", "to") and _FROM_BEFORE.search(before_all):
        nxt = _FIGURE.match(masked, m.end() + len(masked[m.end():]) - len(masked[m.end():].lstrip()))
        if nxt and nxt.group("num") and not nxt.group("kr"):
            if nxt.group("pct"):
                return "pct", 1.0
            if nxt.group("mag"):
                return "nok", _mag_scale(nxt.group("mag"))
            if nxt.group("noun") and nxt.group("noun").lower() in _UNIT_NOUNS:
                return _UNIT_NOUNS[nxt.group("noun").lower()], 1.0
        return None
    if last and re.search(r"(?i)\b(?:til|to)\s*$", before_all) and re.search(r"(?i)\b(?:fra|frå|from)\b", before_all):
        return last
    return None


# "Utførte årsverk i 2018 (inkluderer ...): 144,1": a label, a colon and a bare figure the label's words measure
_LABELLED = re.compile(rf"^(?P<label>[^:]{{3,200}}?)\s*:\s*(?P<num>{_FIG_NUM})\s*(?P<pct>%|prosent)?\s*$", re.I)


def _labelled_figure(m: re.Match, sentence: str, page: int, line: int, years, report_year: int | None) -> list[ProseFigure]:
    label = re.sub(r"\([^)]*\)", " ", m.group("label"))
    value = parse_number(m.group("num"))
    words = [w.lower() for w in re.findall(r"[A-Za-zÆØÅæøåÄÖäöüé\-]+", label)]
    if value is None or not words:
        return []
    unit = "pct" if m.group("pct") or "%" in label or "prosent" in words else \
        next((_UNIT_NOUNS[w] for w in words if w in _UNIT_NOUNS), "count")
    topic = _topic(label, None, first=True)
    years_in_label = [y for pos, y in years if pos < m.end("label")]
    year = years_in_label[-1] if years_in_label else report_year
    return [ProseFigure(page=page, line=line, text=sentence[:300], topic=topic, value=round(value, 6), unit=unit,
                        year=year, printed=m.group("num"))] if topic else []


def _placed(found: list[ProseFigure], spans: list[tuple[int, int]], measures: list[tuple], sentence: str,
            report_year: int | None, declared: Parenthesis | None, written: int | None = None) -> list[ProseFigure]:
    """Each figure with its own year (`figure_years`); a comparison figure whose year or scenario the text does
    not say keeps its value for the record but no year (scenario "comparison": never classified or answered as
    a year's figure); a budget's figure says so in its topic."""
    from dataclasses import replace

    out = []
    for figure, placed in zip(found, place_figures(sentence, spans, report_year, declared, measures, written)):
        if placed.dropped:
            out.append(replace(figure, year=None, scenario="comparison"))
            continue
        topic = f"{figure.topic} (budsjett)" if placed.scenario == "budget" and "budsj" not in figure.topic.lower() else figure.topic
        scenario = placed.scenario
        if placed.paired:  # "henholdsvis" pairs it with a name: about that, never the whole organisation's figure
            topic = f"{topic} {placed.paired}" if placed.paired != "?" else topic
            scenario = scenario or "respectively"
        out.append(replace(figure, year=placed.year, topic=topic, scenario=scenario))
    return out


def clause_topic(sentence: str, printed: str) -> str | None:
    """The words of the clause a figure closes ("..., og driftsinntektene var 912 millioner kroner" -> "driftsinntektene"),
    none of another clause or figure before it, nor of a heading the text ran into it ("Nøkkeltall for økonomi -
    Netto driftsresultat ble 819 millioner kroner" -> "Netto driftsresultat")."""
    at = sentence.find(printed)
    if at < 0:
        return None
    clause = re.split(r"[,.;:!?]\s|\s(?:og|and|och|samt|mens|men|while)\s|\s[-–—]\s|\d", sentence[:at])[-1]
    return _topic(clause, None) or None


# a clause of its own after an earlier figure, with its own subject and verb: "mens", "medan", "while", "whereas",
# "samtidig som" ("og" often leaves out what the clause before said: "7,4 %, og i Helse og omsorg 8,1 %")
_CLAUSE_JOIN = re.compile(r"(?i)(?:,\s*|\s)(?:mens|medan|medans|samtidig\s+som|while|whereas)\s")


def _own_clause_topic(sentence: str, spans: Sequence[tuple[int, int]], start: int) -> str:
    """The words of a figure's own clause when a conjunction opens it after an earlier figure ("Inntektene økte med 5,3
    prosent, mens lønnsutbetalingene økte med 4,8 prosent": "lønnsutbetalingene økte", never the words of the clause
    before); "" when no such clause opens between them."""
    if not spans:
        return ""
    head = sentence[spans[-1][1]:start]
    joins = list(_CLAUSE_JOIN.finditer(head))
    return _topic(head[joins[-1].end():], None) if joins else ""


# verbs of a stated amount, kept as the topic when the sentence names nothing else ("uppgår till 5 000 tkr.": its
# subject on the line before)
_STATING = {"uppgick", "uppgår", "till", "udgjorde", "udgør", "utgör"}


# "barnehage (ca. 6,7 mill.)": a figure in parentheses right after the item it is about, the words "about"/"kr" allowed
_PAREN_OPEN = re.compile(r"\(\s*(?:ca\.?|cirka|om\s+lag|omkring|rundt|about|approx\.?|kr\.?|nok)?\s*$", re.IGNORECASE)


# a year's preposition right before a number: "i 2019", "fra 2018", "since 2020", "året 2021"
_YEAR_LEAD = re.compile(r"(?i)(?<![\wæøåäö])(?:i|in|år|året|fra|frå|från|from|til|till|to|siden|sidan|since|innen|innan|"
                        r"før|för|before|etter|efter|after|mellom|mellan|between|og|and|och|per|pr\.?|-|–)\s*$")
# the level a measure has come down or up to: "nede i 1989", "oppe i 2 045", "nå på 1989"
_LEVEL_AT = re.compile(r"(?i)(?<![\wæøåäö])(?:nede|nere|oppe|uppe|ned|opp|upp|down|up)\s+(?:i|på|til|till|to|at)\s*$")


def _listed_item(sentence: str, start: int, end: int) -> str:
    """The item a figure in parentheses belongs to in a list of items each with its figure ("utvikling av bustadfelt
    (ca. 7 mill.), barnehage (ca. 6,7 mill.), rehabilitering av vatn og avlaup (ca. 5 mill.)"): the words from the
    list's last separator to the parenthesis, never words of the item before it."""
    opened = _PAREN_OPEN.search(sentence[:start])
    if not opened or not sentence[end:].lstrip().startswith(")"):
        return ""
    item = re.split(r"[,;:()]", sentence[:opened.start()])[-1]
    return _topic(item, None)


def _topic(before: str, noun: str | None, *, first: bool = False) -> str:
    words = re.findall(r"[A-Za-zÆØÅæøåÄÖäöüé\-]+", before)
    content = [w for w in words if w.lower() not in _STOP and len(w) > 2] or [w for w in words if w.lower() in _STATING]
    topic = " ".join(content[:3] if first else content[-3:])
    if noun:
        topic = f"{topic} {noun}".strip() if topic else noun
    return topic
