"""Column headers as written -> (year, scenario), including glued web-extracted headers.

"NoteRegnskap 2021Justert budsjett 2021" reads as three columns (Note, Regnskap 2021, Justert
budsjett 2021); "Regnskap Reg. budsjett Oppr.budsjet Regnskap i fjor" over "2022 2022 2022 2021"
reads as four columns whose years come from the second header row.
"""
from __future__ import annotations

import re
from functools import lru_cache

from flows.reports.layout.model import Column, Seg
from flows.reports.layout.periods import PERIOD, PERIOD_RE, period_of
from flows.reports.years import YEAR as PRINTED_YEAR

# a year, one printed with a gap ("2 019"), or a date whose year names the column: a balance sheet's "31.12.2023",
# "31/12/2023" or "2023-12-31" is the column of 2023
YEAR = rf"(?:(?:[0-3]?\d[./][01]?\d[./])?{PRINTED_YEAR}(?:-[01]\d-[0-3]\d)?|2 0[0-6]\d)"
YEAR_RE = re.compile(rf"(?<![\d,.]){YEAR}(?![\d,])")
# a period of years names one column ("Endring 2018-2019", "Snitt 2016–2019"); its year is the last one
SPAN = rf"{YEAR}(?:\s?[-–/]\s?{YEAR})?"
SPAN_RE = re.compile(rf"(?<![\d,.]){SPAN}(?![\d,])")
# a span of years names one column ("Endring 2017 - 2018", "Endring 2017-2018"): it counts as its last year
_SPAN_RE = re.compile(rf"(?<![\d,.]){YEAR}\s*[-–]\s*(?={YEAR}(?![\d,]))")


class _YearCell:
    """A year, or a span of years, that closes or opens one header cell."""

    def __init__(self, start: int, end: int) -> None:
        self._start, self._end = start, end

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end


def _in_span(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _SPAN_RE.finditer(text)]


def _year_cells(text: str) -> list[_YearCell]:
    """The year cells of a header: a span of years ("2017 - 2018") is one cell."""
    spans = _in_span(text)
    out = []
    for m in YEAR_RE.finditer(text):
        if any(a <= m.start() < b for a, b in spans):
            continue
        out.append(_YearCell(next((a for a, b in spans if b == m.start()), m.start()), m.end()))
    return out
# (pattern, scenario); longer phrases first; every match starts a column
_E = r"(?-i:(?![a-zæøåäö]))"  # a keyword ends where its word ends ("Regnskapsskjema" names no column)
_BUD = rf"(?:budsjett(?:et|ert)?|budsjet|budsj\.?|bud\.|budget){_E}"
_KEYWORDS: list[tuple[str, str]] = [  # bokmål, nynorsk, Swedish and Danish heads
    (rf"(?:regnskap|rekneskap|r)\s*i\s*fjor{_E}|fjoråret|fjorår{_E}"
     rf"|(?:(?:regnskap|rekneskap|regnskab|utfall|bokslut)\s+)?(?:forrige|föregående|foregående)\s+år{_E}",
     "prior_year"),
    (rf"(?:just(?:ert|erad|eret)?|revid(?:ert|erad|eret)?|rev|regist(?:rert)?|reg(?:ulert)?|endr(?:a|et)|korr(?:igert|igerad|igeret)?)\.?\s*{_BUD}"
     rf"|(?-i:Revidert|Justert|Regulert|Korrigeret){_E}", "revised_budget"),
    (rf"(?:oppr(?:inn?e?l[ie]g)?|opr(?:indelig[t]?)?|vedt(?:att|eke|aget)?|urspr\w*)\.?\s*{_BUD}|vedtatt{_E}|vedteke{_E}|vedtekne{_E}",
     "original_budget"),
    (rf"%-?\s*forbruk{_E}|(?:forbruk|forbrugt?|förbrukning|förbrukat|avvik(?:else)?|afvigelse|endring|förändring|differanse)\s*(?:i\s*)?(?:%|prosent{_E}|procent{_E})"
     rf"|forbruks?-?\s*%|%-?\s*vis{_E}|prosent{_E}|procent{_E}|\(%\)|%", "variance_pct"),
    # a share of a whole ("Andel i %", "Andel av søknader", "Share"): a level, never a deviation from the budget
    (rf"andel(?:\s*i)?\s*(?:%|\(%\)|prosent{_E}|procent{_E})|andel{_E}|andelen{_E}|share{_E}", "share_pct"),
    (rf"(?:avvik(?:else)?|afvigelse|differanse|differens|diff\.|mer-?/mindreforbruk|mindreforbruk|meirforbruk|merforbruk"
     rf"|budsjett-?avvik|budget-?avvikelse|budget-?afvigelse|mer-?/mindreforbrug|mindreforbrug|merforbrug|endring|förändring"
     rf"|endr\.){_E}", "variance"),
    (rf"(?:forventet|forventede?)\s+regnskab{_E}", "budget"),  # Danish forecast, read as the plan like "prognose"
    (rf"(?:regnskap(?:et)?|regnskab(?:et)?|rekneskap(?:en)?|rekn\.|regn\.|utfall|bokslut|faktisk|utfört|forbruk|forbruket"
     rf"|forbrug(?:et)?){_E}", "actual"),
    # "ØP 2019", "ØKP 2020", "Øk.plan 2021": a plan year of the økonomiplan, a budget figure like "B 2018"
    (rf"{_BUD}|(?:økonomiplan|plan|prognos(?:e|is)?|(?:budget)?overslag(?:såret|sår)?){_E}"
     rf"|(?<![a-zæøåäö])(?:øk?p|øk\.\s?plan)\.?(?=\s*{YEAR})", "budget"),
    (PERIOD, "period"),  # "1. kvartal", "Q3", "2. tertial", "jan–mar": a part of the year (layout.periods), no scenario
    (rf"noter(?=\s|$)|notar{_E}|note{_E}|note|not(?=\s|$|{YEAR})", "note"),  # "Not2016": a note column glued to the first year
]
_KW_RE = re.compile(
    "|".join(f"(?P<k{i}>{p})" for i, (p, _) in enumerate(_KEYWORDS)) + rf"|(?P<year>{SPAN})|(?P<rb>\b[RB](?=\s*{YEAR}))",
    re.IGNORECASE,
)


_DATE = re.compile(r"(?<![\d,.])(?:[0-3]?\d\.[01]?\d\.?)(?![\d,])")


def years_in(text: str) -> list[int]:
    return [year_of(m.group(0)) for m in YEAR_RE.finditer(text)]


_YEAR_PART = re.compile(PRINTED_YEAR)


def is_year_cell(text: str) -> bool:
    """A cell that is one year and nothing else ("2023", "2 023", "31.12.2023", "2023-12-31")."""
    return bool(YEAR_RE.fullmatch(text.strip()))


def year_of(printed: str) -> int:
    """The year of a printed year cell: "2019", "2 019", "31.12.2019", "2019-12-31"."""
    return int(_YEAR_PART.search(printed.replace(" ", "")).group(0))


# a word the typesetter broke with a hyphen ("Av-vikelse", "Regn-skap", "Bud-sjett"): its halves joined
_BROKEN_WORD = re.compile(r"(?<=[a-zæøåäö])[-\u00ad]\s*(?=[a-zæøåäö])")


def scenario_of(label: str) -> str:
    """The scenario a column header names; "other" when it names none. A head word broken by a hyphen
    ("Av-vikelse") names what the whole word names."""
    found = _scenario_of(label)
    if found == "other" and _BROKEN_WORD.search(label):
        return _scenario_of(_BROKEN_WORD.sub("", label))
    return found


def _scenario_of(label: str) -> str:
    for m in _KW_RE.finditer(label):
        for i, (_, scen) in enumerate(_KEYWORDS):
            if m.group(f"k{i}"):
                if scen == "period":
                    break  # a part of the year names no scenario: the next keyword may
                return scen
        if m.group("rb"):
            return "actual" if m.group("rb").upper() == "R" else "budget"
    return "other"


@lru_cache(maxsize=1 << 16)
def is_header_text(text: str) -> bool:
    """A line that names columns: years or scenario words, and no figures that are not years."""
    if len(text) > 160:
        return False
    text = space_glued_dates(text)
    hits = [m for m in _KW_RE.finditer(text) if not m.group(_note_group())]
    if len(hits) < 2 or len(text.split()) > 20 or len(text) > 160:  # one word ("prosent") names no columns
        return False
    named = [m for m in hits if not m.group("year")]
    if named and all(m.group(period_group()) for m in named):
        words = YEAR_RE.sub(" ", PERIOD_RE.sub(" ", text)).split()
        if len(words) > 6 and sum(bool(re.fullmatch(r"[a-zæøåäö]{2,}", w)) for w in words) >= 3:
            return False  # "Sjukefråværet for 4. kvartal (2022: 3. kvartal) fordelt på sektor": a caption naming periods
    rest = _DATE.sub(" ", YEAR_RE.sub(" ", text))  # "Regnskap per 30.04": a date names the column
    others = re.findall(r"\d[\d ,.]*", rest)
    return not any(re.sub(r"\D", "", o) for o in others if len(re.sub(r"\D", "", o)) > 1) or len(years_in(text)) >= 2


def space_glued_dates(text: str) -> str:
    """"Eiendeler31.12.202331.12.2022" -> "Eiendeler 31.12.2023 31.12.2022": dates run into the label and each other."""
    return _GLUED_DATE.sub(" ", text) if "." in text or "/" in text else text


def _note_group() -> str:
    return f"k{len(_KEYWORDS) - 1}"


def period_group() -> str:
    """The group of `_KW_RE` that matches a part of the year ("1. tertial", "Q3")."""
    return f"k{len(_KEYWORDS) - 2}"


_GLUE = re.compile(
    r"(?<=[a-zæøåäöé])(?=[A-ZÆØÅÄÖ][a-zæøåäö])"  # "TjenesteområdeRegnskap", "NoteRegnskap"
    rf"|(?<=(?<!\d){PRINTED_YEAR})(?=[^\W\d_])"  # "Regnskap 2015Regnskap 2014Endring"
    r"|(?<=[%)])(?=[A-ZÆØÅÄÖ])"  # "Forbruk i %Regnskap"
    rf"|(?<=[a-zæøåäö])(?=[0-3]?\d[./][01]?\d[./]{PRINTED_YEAR})"  # "Eiendeler31.12.2023": a date after the label
    rf"|(?<=\d[./]\d\d[./]{PRINTED_YEAR})(?=[0-3]?\d[./][01]?\d[./])"  # "31.12.202331.12.2022": two dates run together
)
_GAP = re.compile(r"(?<=\S)\s{2,}(?=\S)")
_GLUED_DATE = re.compile(rf"(?:(?<=[a-zæøåäö])|(?<=\d[./]\d\d[./]{PRINTED_YEAR}))(?=[0-3]?\d[./][01]?\d[./]{PRINTED_YEAR})")


def _segments(text: str) -> list[tuple[int, int]]:
    """(start, end) of the parts of a header that cannot belong to one cell: parts separated
    by two or more spaces, and parts glued by a web extraction (lowercase then uppercase, a
    year then a letter)."""
    cuts = sorted({m.start() for m in _GLUE.finditer(text)} | {m.start() for m in _GAP.finditer(text)}
                  | {m.end() for m in _GAP.finditer(text)})
    bounds = [0] + cuts + [len(text)]
    out = []
    for a, b in zip(bounds, bounds[1:]):
        piece = text[a:b]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            out.append((a + lead, a + len(piece.rstrip())))
    return out


def _strip_scale(text: str) -> str:
    """A scale declaration printed as the label column's header ("mnkr Intäkter 2020...",
    "Beløp i 1 000 kr Regnskap 2021") names no value column; blanked (same length)."""
    from flows.reports.layout.scale import scale_of

    found = scale_of(text)
    if not found:
        return text
    i = text.find(found[1])
    if i < 0:
        return text
    a, b = i, i + len(found[1])
    while a > 0 and text[a - 1] in "( ":
        a -= 1
    while b < len(text) and text[b] in ")., ":
        b += 1
    if text[:a].strip(" (") and years_in(text[:a]):
        return text  # a declaration after the columns ("... 2021 i 1000 kr") is left to the caption reader
    return " " * b + text[b:]


def split_header(text: str) -> list[tuple[str, int, int]]:
    """(label, start, end) of every column a header text names, glued or spaced.

    Parts separated by gaps or glued together are cells of their own; within a part, the
    first token decides how years pair with words ("Regnskap 2021 Budsjett 2022" vs
    "2023 Vedtatt 2024 Vedtatt"). A first part that names no year and no scenario while
    the others do is the label column's header ("Tjenesteområde"), not a value column.
    """
    stripped = _strip_scale(text)
    # the scale printed first heads the label column ("(mnkr)  Intäkter  Kostnader  Avvikelse", `_strip_scale` blanks
    # it and what stands before it): the first part after it is a value column's head
    scale_corner = stripped != text
    text = stripped
    segs = _segments(text)
    if len(segs) <= 1:
        return _periods_after_words(_split_part(text))
    out: list[tuple[str, int, int]] = []
    for a, b in segs:
        part = text[a:b]
        if len(_year_cells(part)) <= 1 and column_starts(part) <= 1:
            out.append((part.strip(), a, b))
        else:
            out += [(label, a + s, a + e) for label, s, e in _split_part(part)]
    if len(out) >= 3 and not scale_corner and not years_in(out[0][0]) and scenario_of(out[0][0]) == "other" and not period_of(out[0][0]) \
            and sum(bool(years_in(c[0]) or scenario_of(c[0]) != "other" or period_of(c[0])) for c in out[1:]) >= 2:
        out = out[1:]  # "Saker per kvartal  Q1 Q2 Q3 Q4 Sum": the label column's head is no value column
    return _periods_after_words(out)


def _periods_after_words(cells: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """A head that ends in a run of part-year columns after words of a sentence ("Sykefraværet i prosent per kvartal i
    2031 1. kv 2. kv 3. kv 4. kv"): the words are the caption's, not a column (a short head before the run stays one:
    "Budsjett 2031 1. tertial 2. tertial")."""
    run = 0
    while run < len(cells) and period_of(cells[len(cells) - 1 - run][0]):
        run += 1
    if run < 2 or run == len(cells):
        return cells
    before = cells[:len(cells) - run]
    if any(len(label.split()) > 3 or label[:1].islower() for label, _, _ in before):
        return cells[len(cells) - run:]
    return cells


def column_starts(part: str) -> int:
    """Keywords that start a column of their own: capitalised, or first in the part
    ("Avvikelse mot budget" is one column, "Justert budsjett Avvik" two)."""
    n = 0
    scenario_before = False
    for m in _KW_RE.finditer(part):
        if m.group("year"):
            continue
        if m.group(period_group()):
            if scenario_before:
                continue  # "Regnskap per 2. tertial": the part of the year completes the scenario's column
        else:
            scenario_before = True
        first = part[m.start()]
        if m.start() == 0 or first.isupper() or not first.isalpha():
            n += 1
    return n


def _split_part(text: str) -> list[tuple[str, int, int]]:
    paired = _pair_years(text)
    if paired is None:
        return _split_keywords(text)
    out = []
    for label, s, e in paired:
        if column_starts(label) >= 2:
            out += [(lab, s + a, s + b) for lab, a, b in _split_keywords(label)]
        else:
            out.append((label, s, e))
    return out


def _pair_years(text: str) -> list[tuple[str, int, int]] | None:
    """Cells of a header where words and years alternate: "Regnskap 2021 Budsjett 2022 Vedtatt
    2023" (word first: each year closes a cell) or "2023 Vedtatt 2024 Vedtatt" (year first:
    each year opens one). None when the header is not of that kind."""
    years = list(SPAN_RE.finditer(text))
    if len(years) < 2:
        return None
    gaps = [text[a.end():b.start()].strip() for a, b in zip(years, years[1:])]
    if not all(gaps) or any(re.fullmatch(r"[(%)\s]+", g) for g in gaps):
        return None
    head, tail = text[:years[0].start()].strip(), text[years[-1].end():].strip()
    out: list[tuple[str, int, int]] = []
    if not head:  # year first
        for k, y in enumerate(years):
            end = years[k + 1].start() if k + 1 < len(years) else len(text)
            out.append((text[y.start():end].strip(), y.start(), end))
        return out
    if len({len(g.split()) for g in gaps}) == 1 and all(scenario_of(g) == "other" for g in gaps):
        return None  # "Kvinner 2015 Kvinner 2016 Menn 2015": the label column's words come first; see _split_keywords
    start = 0
    first_kw = next((m for m in _KW_RE.finditer(head) if not m.group("year")
                     and not (m.start() and head[m.start() - 1].isalpha() and not head[m.start()].isupper())), None)
    if first_kw is not None:
        start = first_kw.start()  # "Tjenesteområde Regnskap 2015": the label column's header goes
    for k, y in enumerate(years):
        s = start if k == 0 else years[k - 1].end()
        label = text[s:y.end()].strip()
        out.append((label, s + (len(text[s:y.end()]) - len(text[s:y.end()].lstrip())), y.end()))
    if tail:
        at = text.index(tail, years[-1].end())
        out += [(lab, at + a, at + b) for lab, a, b in _split_keywords(tail)] if column_starts(tail) >= 2 \
            else [(tail, at, at + len(tail))]
    return out


# a total column's head: it starts a column in a header of bare years ("2023 2024 Sum 2023-2024"); no scenario
_TOTAL_RE = re.compile(r"(?<![^\W\d_])(?:sum|summa|totalt?|i alt|samlet|totalsum)(?![^\W\d_])", re.IGNORECASE)


def _split_keywords(text: str) -> list[tuple[str, int, int]]:
    """Every scenario keyword starts a column; a year joins the keyword column before it."""
    tokens = []  # (start, end, kind) kind: "kw" | "year"
    spans = _in_span(text)
    for m in _KW_RE.finditer(text):
        kind = "year" if m.group("year") else "kw"
        if kind == "year" and any(a <= m.start() < b and m.end() <= b for a, b in spans):
            continue  # the first year of a span: the span's last year closes the cell
        if kind == "kw" and m.start() > 0 and text[m.start() - 1].isalpha() and not text[m.start()].isupper():
            continue  # "Stillingsprosent" is one word; only a capital starts a glued header ("NoteRegnskap")
        if kind == "kw" and m.group(_note_group()):
            # "Note" only as a word of its own or glued before a capital ("NoteRegnskap")
            after = text[m.end():m.end() + 1]
            before = text[m.start() - 1:m.start()] if m.start() else ""
            if (after and after.islower()) or (before and before.isalpha()):
                continue
        if kind == "kw" and m.group(0).lower() in ("plan", "ramme", "not") and text[m.end():m.end() + 1].isalpha():
            continue
        if kind == "kw" and m.group(period_group()):
            kind = "period"
        tokens.append((m.start(), m.end(), kind))
    for m in _TOTAL_RE.finditer(text):  # "2021 2022 2023 Sum", "Q1 Q2 Q3 Q4 Sum": a total after them is a column
        if any(kind in ("year", "period") and b <= m.start() for _, b, kind in tokens) \
                and not any(a < m.end() and m.start() < b for a, b, _ in tokens):
            tokens.append((m.start(), m.end(), "kw"))
    tokens.sort()
    cols: list[list[int]] = []  # [start, end, has_kw, has_year]
    for start, end, kind in tokens:
        if kind == "period" and cols and cols[-1][2] and not cols[-1][3] and not period_of(text[cols[-1][0]:cols[-1][1]]):
            cols[-1][1] = end  # "Regnskap 2. tertial Budsjett 2. tertial": the period is the scenario column's
            continue
        kind = "kw" if kind == "period" else kind
        if kind == "year" and cols and not cols[-1][3] and cols[-1][2] and scenario_of(text[cols[-1][0]:cols[-1][1]]) != "note" \
                and text[cols[-1][0]:cols[-1][1]].strip() not in ("%", "(%)"):  # "2014 % 2015 %": the % follows its year
            cols[-1][1] = end
            cols[-1][3] = 1
            continue
        if kind == "kw" and cols and cols[-1][2] and not cols[-1][3] and start - cols[-1][1] <= 1 and \
                scenario_of(text[start:end]) == scenario_of(text[cols[-1][0]:cols[-1][1]]) and \
                not period_of(text[start:end]) and not period_of(text[cols[-1][0]:cols[-1][1]]):
            # "1. kv 2. kv", "Q4 Sum": each part of the year is a column of its own
            cols[-1][1] = end
            continue
        cols.append([start, end, kind == "kw", kind == "year"])
    out = []
    tail = text[cols[-1][1]:].split() if cols else []
    # "Not Kommun 2022 Kommun 2023 Koncern 2022": a note column first, then words before each year
    note = cols[0] if len(cols) >= 3 and cols[0][2] and not cols[0][3] \
        and scenario_of(text[cols[0][0]:cols[0][1]]) == "note" else None
    named = cols[1:] if note else cols
    if len(named) >= 2 and all(c[3] and not c[2] for c in named):
        # "Kvinner 2015 Kvinner 2016 Menn 2015": the words before each year name its column
        # ("A 2008 Noreg 2008 A 2006 Noreg": the last name may have lost its year)
        gaps = [text[named[k - 1][1]:named[k][0]].split() for k in range(1, len(named))]
        first = text[note[1] if note else 0:named[0][0]].split()
        if all(gaps) and len({len(g) for g in gaps}) == 1 and len(tail) in (0, len(gaps[0])) \
                and (not note or len(first) == len(gaps[0])):
            width = len(gaps[0])
            first = first[-width:]
            if note:
                out.append((text[note[0]:note[1]], note[0], note[1]))
            for k, (s, e, _, _) in enumerate(named):
                words = first if k == 0 else gaps[k - 1]
                out.append((" ".join(words + [text[s:e]]), s, e))
            if tail:
                out.append((" ".join(tail), cols[-1][1], len(text)))
            return out
    for k, (s, e, _, _) in enumerate(cols):
        end = cols[k + 1][0] if k + 1 < len(cols) else len(text)
        out.append((text[s:end].strip(), s, end))
    return out


def _words(text: str) -> list[tuple[str, int, int]]:
    """A header of plain words ("Kvinner Menn Totalt"): one column per word."""
    if any(ch.isdigit() for ch in text):
        return []
    return [(m.group(0), m.start(), m.end()) for m in re.finditer(r"\S+", text)]


_BARE_YEAR = re.compile(rf"\s*{YEAR}\s*")


def join_wrapped(header_lines: list[str]) -> list[str]:
    """Header text a web page wrapped over several lines ("TjenesteområdeRegnskap" / "2015" /
    "Vedtatt budsjett 2015Regulert budsjett 2015...") joined back into one line: a line that is
    a single year finishes the cell above it, and the line after it continues the same row."""
    out: list[str] = []
    joined_year = False
    for line in header_lines:
        if out and _BARE_YEAR.fullmatch(line) and not years_in(out[-1].split("  ")[-1][-12:]):
            out[-1] = f"{out[-1].rstrip()} {line.strip()}"
            joined_year = True
            continue
        if out and joined_year and line.strip()[:1].isalpha():
            out[-1] = f"{out[-1].rstrip()} {line.strip()}"
            joined_year = False
            continue
        joined_year = False
        out.append(line)
    return out


def make_column(label: str, x0: float | None = None, x1: float | None = None) -> Column:
    label = " ".join(label.split())
    years = years_in(label)
    scen = scenario_of(label)
    return Column(label=label, year=years[-1] if years else None, scenario=scen, x0=x0, x1=x1, note=scen == "note",
                  period=period_of(label))


_PLAN_OR_DEVIATION = ("variance", "budget", "revised_budget", "original_budget")


def shares_in_context(cols: list[Column]) -> list[Column]:
    """A column headed as a share ("Andel", "Andel i %") beside a budget or a deviation ("Regnskap | Prognose | Avvik i
    kr | Andel i %") is the deviation's percent of the budget; in a table of levels only ("Kommune | Andel av søknader
    2016") it is each row's share of the whole, a level like any other."""
    if any(c.scenario in _PLAN_OR_DEVIATION for c in cols):
        for c in cols:
            if c.scenario == "share_pct" and re.match(r"(?i)\s*(?:\d{4}\s+)?(?:andel|share)", c.label) \
                    and not re.search(r"(?i)\d{4}\s+(?:%|\(%\)|andel)$", c.label):
                c.scenario = "variance_pct"
    return cols


def columns_from_text(header_lines: list[str]) -> list[Column]:
    """Columns of a header printed as plain text (one or more lines, top first)."""
    return shares_in_context(_columns_from_text(header_lines))


def _columns_from_text(header_lines: list[str]) -> list[Column]:
    from flows.reports.layout.stacked_heads import stacked_columns
    from flows.reports.layout.wrapped_heads import wrapped_columns

    header_lines = join_wrapped(header_lines)
    wrapped = wrapped_columns(*header_lines[-2:]) if len(header_lines) >= 2 else None
    if wrapped:  # "Regnskap Revidert Avvik Forbruk" over "2022 budsjett 2022 i %"
        return wrapped
    stacked = stacked_columns(header_lines)  # "Regnskap Budsjett" over "2019 2019"
    if stacked:
        return stacked
    parsed = [split_header(h) or _words(h) for h in header_lines]
    parsed = [p for p in parsed if p]
    if not parsed:
        return []
    if len(parsed) >= 2:
        top, bottom = parsed[-2], parsed[-1]
        top_kw = [c for c in top if not years_in(c[0]) or scenario_of(c[0]) != "other"]
        bottom_years = [c for c in bottom if scenario_of(c[0]) == "other" and years_in(c[0])]
        if top_kw and len(bottom_years) == len(bottom) and len(top_kw) == len(bottom_years):
            return [make_column(f"{t[0]} {b[0]}") for t, b in zip(top_kw, bottom_years)]
        if len(bottom) > len(top) and len(bottom) % len(top) == 0 and all(scenario_of(b[0]) == "other" and not years_in(b[0]) for b in bottom):
            m = len(bottom) // len(top)
            return [make_column(f"{top[k // m][0]} {b[0]}") for k, b in enumerate(bottom)]
        if len(bottom) == len(top) and all(not years_in(t[0]) for t in top):
            return [make_column(f"{t[0]} {b[0]}") for t, b in zip(top, bottom)]
    return _group_years(_share_columns([make_column(label) for label, _, _ in max(parsed, key=len)]))


def _group_years(cols: list[Column]) -> list[Column]:
    """Columns in repeating groups ("Vik 2008 | Noreg 2008 | Vik 2006 | Noreg"): a member printed without
    its year takes the year the rest of its group shares."""
    names = [" ".join(YEAR_RE.sub(" ", c.label).split()).lower() for c in cols]
    n = len(cols)
    for p in range(1, n // 2 + 1):
        if n % p or len(set(names[:p])) != p or any(names[i] != names[i - p] for i in range(p, n)):
            continue
        for g in range(0, n, p):
            years = {c.year for c in cols[g:g + p] if c.year is not None}
            if len(years) == 1:
                year = next(iter(years))
                for c in cols[g:g + p]:
                    if c.year is None and c.scenario == "other":
                        c.year = year
        return cols
    return cols


def _share_columns(cols: list[Column]) -> list[Column]:
    """A bare "%" column after a year column is that year's share ("2014 %")."""
    for prev, col in zip(cols, cols[1:]):
        if col.label.strip() in ("%", "(%)", "andel") and prev.year and not col.year:
            col.label, col.year, col.scenario = f"{prev.year} {col.label.strip()}", prev.year, "share_pct"
    return cols


def columns_from_segs(header_rows: list[list[Seg]]) -> list[Column]:
    """Columns of a header whose cells have positions (PDF words, DOCX/HTML grid): the row with most
    cells defines the columns; cells of the other rows join the columns they lie over."""
    return shares_in_context(_columns_from_segs(header_rows))


def _columns_from_segs(header_rows: list[list[Seg]]) -> list[Column]:
    rows = [r for r in header_rows if r]
    if not rows:
        return []
    if len(rows) >= 2 and all(_on_grid_cells(r) for r in rows):
        return _group_years(_grid_columns(rows))
    base = max(rows, key=len)
    cols: list[Column] = []
    grid = _on_grid_cells(base)
    for seg in base:
        parts = split_header(seg.text)
        # one grid cell over one grid column is one column's head ("Forventet afvigelse til korrigeret budget"),
        # unless each of its parts names its own year ("2021 2022" in one cell)
        if len(parts) <= 1 or (grid and seg.x1 - seg.x0 <= 1 and not all(years_in(label) for label, _, _ in parts)):
            cols.append(make_column(seg.text, seg.x0, seg.x1))
            continue
        width = (seg.x1 - seg.x0) / len(parts)
        for k, (label, _, _) in enumerate(parts):
            cols.append(make_column(label, seg.x0 + k * width, seg.x0 + (k + 1) * width))
    labels = [c.label for c in cols]
    repeated = len(set(labels)) < len(labels)
    for row in rows:
        if row is base:
            continue
        above = rows.index(row) < rows.index(base)
        group = above and len(row) >= 2 and (repeated or all(years_in(s.text) for s in row))
        hits_of: list[list[Column]] = []
        for seg in row:
            hits = [c for c in cols if _overlap(seg.x0, seg.x1, c.x0, c.x1) > 0]
            if group:  # a group header ("2010" over "Invest Sal") reaches right to the next one
                nxt = min((o.x0 for o in row if o.x0 > seg.x0), default=float("inf"))
                hits = [c for c in cols if c.x0 is not None and seg.x0 - 1 <= (c.x0 + c.x1) / 2 < nxt]
            hits_of.append(hits)
        if above and len(row) >= 2:
            _widen_centred_heads(row, hits_of, cols)
        for seg, hits in zip(row, hits_of):
            for c in hits:
                joined = f"{seg.text} {c.label}" if above else f"{c.label} {seg.text}"
                new = make_column(joined, c.x0, c.x1)
                c.label, c.year, c.scenario, c.note, c.period = new.label, new.year, new.scenario, new.note, new.period
    return _group_years(cols)


def _on_grid_cells(segs: list[Seg]) -> bool:
    """Cells on a table grid (positions are grid column numbers), not printed positions in points."""
    return all(float(sg.x0).is_integer() and float(sg.x1).is_integer() and 0 <= sg.x0 < sg.x1 <= _MAX_GRID for sg in segs)


_MAX_GRID = 64  # grid columns of a table; PDF positions (points) are far larger


def _grid_columns(rows: list[list[Seg]]) -> list[Column]:
    """Header rows of a table grid (HTML/DOCX cells with colspan, Markdown, tabs), top first: one column per grid
    column, named by every header cell above it in order ("Regnskap" spanning two columns over "2021" and "2022";
    "Økonomiplan" over "2023 2024 2025"). A cell spanning several grid columns that print one value each names them
    all; where a single header row spans several, its split keywords divide it as in a text header."""
    units = sorted({k for r in rows for sg in r for k in range(int(sg.x0), int(sg.x1))})
    cols: list[Column] = []
    for k in units:
        parts = [sg.text for r in rows for sg in r if sg.x0 <= k < sg.x1 and sg.text.strip()]
        cols.append(make_column(" ".join(parts), float(k), float(k + 1)))
    return cols


def _widen_centred_heads(row: list[Seg], hits_of: list[list[Column]], cols: list[Column]) -> None:
    """A head printed centred over several year columns ("Økonomiplan" over "2023 2024 2025", "Regnskap" over
    "2021 2022") overlaps only the middle ones: a year column no head of the row reaches joins the nearest head
    when that head already names the column next to it and lies within half a column pitch."""
    placed = [c for c in cols if c.x0 is not None]
    if len(placed) < 2:
        return
    centres = sorted((c.x0 + c.x1) / 2 for c in placed)
    pitch = sorted(b - a for a, b in zip(centres, centres[1:]))[(len(centres) - 1) // 2]
    taken = {id(c) for hits in hits_of for c in hits}
    for _ in range(len(placed)):
        grown = False
        for k, c in enumerate(placed):
            if id(c) in taken or not SPAN_RE.fullmatch(c.label.strip()):  # a bare year ("Sum 2014" has its head)
                continue
            dist = [max(seg.x0 - c.x1, c.x0 - seg.x1, 0.0) for seg in row]
            j = min(range(len(row)), key=lambda i: dist[i])
            neighbours = {id(placed[i]) for i in (k - 1, k + 1) if 0 <= i < len(placed)}
            if dist[j] <= pitch / 2 and neighbours & {id(h) for h in hits_of[j]}:
                hits_of[j].append(c)
                taken.add(id(c))
                grown = True
        if not grown:
            return


def _overlap(a0: float, a1: float, b0: float | None, b1: float | None) -> float:
    if b0 is None or b1 is None:
        return 0.0
    return min(a1, b1) - max(a0, b0)


def _capital_phrases(text: str) -> list[str]:
    """Column heads run together with single spaces ("Skatteinngang i alt Ordinær skatt til fylkeskommunen"):
    each head starts at a capitalised word; a word after a colon or comma goes on ("Rest: Oljeskatt, ...")."""
    out: list[str] = []
    for word in text.split():
        if out and not (word[:1].isupper() and not out[-1].endswith((":", ",", "-", "/"))):
            out[-1] = f"{out[-1]} {word}"
        else:
            out.append(word)
    return out


def columns_from_capitals(lines: list[str], n: int) -> list[Column] | None:
    """n columns from head lines without gaps, top first: the top line's capitalised heads, the last of them a
    group whose sub-heads the line below repeats from the top line ("... Endring i prosent" / "Skatteinngang i
    alt Ordinær skatt ..."); heads beyond n at the start name the label column ("Nr. Kommune")."""
    lines = [" ".join(l.split()) for l in lines if l.strip()]
    if not lines or len(lines) > 2 or any(re.search(r"\d", YEAR_RE.sub("", l)) for l in lines):
        return None
    top = _capital_phrases(lines[0])
    heads: list[str] = []
    if len(lines) == 2:
        subs = _capital_phrases(lines[1])
        if not subs or any(sub not in top[:-1] for sub in subs) or len(top) - 1 < n - len(subs):
            return None
        heads = top[:-1][len(top) - 1 - (n - len(subs)):] + [f"{top[-1]}: {sub}" for sub in subs]
    elif len(top) >= n:
        heads = top[len(top) - n:]
    if len(heads) != n or n < 2:
        return None
    cols = [make_column(h) for h in heads]
    for col in cols:
        if re.search(r"(?i)prosent|procent|%", col.label):
            col.scenario = "variance_pct" if re.search(r"(?i)endring|förändring|vekst", col.label) else "share_pct"
    return cols
