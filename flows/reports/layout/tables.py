"""Find tables in the line stream of any format: value rows under header rows, caption above.

A value row is a short label followed by figures (or cells of figures when the format gives
cells). Consecutive value rows, with section labels ("Driftsinntekter") and rows of dashes
between them, are one table; the header-like lines just above name its columns and the short
line above those is its caption. Cells are put under their columns by position when the format
gives positions, else by the column count of the header (`numbers.split_row_values` resolves
the space used both as thousands separator and between columns). In text whose cells are separated
by gaps of two or more spaces (web extractions) the gaps are cell boundaries; cells that cannot be
reconciled with the header keep their column unknown rather than take a wrong one.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache

from flows.reports.layout.headers import (
    YEAR_RE,
    columns_from_segs,
    columns_from_text,
    is_header_text,
    is_year_cell,
    space_glued_dates,
    years_in,
)
from flows.reports.layout.model import Column, Line, Seg, Table, TableRow
from flows.reports.layout.note_columns import is_note_cell, split_around_notes
from flows.reports.layout.periods import LEAD_PERIOD
from flows.reports.layout.short_rows import fewer_fits, place
from flows.reports.layout.space_slots import resolve as resolve_slots
from flows.reports.layout.space_slots import slots, space_aligned, trailing_spaces
from flows.reports.numbers import (
    candidate_splits,
    gap_cells,
    has_cell_gaps,
    normalise_minus,
    parse_number,
    share_notes,
    space_glued_percent,
    split_label_and_values,
)
from flows.reports.years import YEAR as PRINTED_YEAR

_MAX_LABEL = 160  # a longer "label" is a sentence, not a row label
_MAX_GAP = 3  # non-value lines a table may contain between value rows
# a letter code stands before a capitalised word or with its own "." / ")": "I alt" is a label, not code "I"
_CODE = re.compile(r"^(?:(?P<code>\d{1,4}(?:\.\d{1,2})?[a-z]?)[.)]?\s+(?=\S)|(?P<letter>[A-J])(?:[.)]\s*|\s+(?=[^\W\d_a-zæøåäö])))")
_GLUED_CODE = re.compile(r"^(?P<code>\d{1,3}[a-z]?)(?=[A-ZÆØÅ][a-zæøå])")  # "1Netto driftsresultat", "3aHerav ..." (web text)
_DASH_ROW = re.compile(r"^[\s\-–—−]+$")
_CAPTION = re.compile(r"(?i)(?:tabell|tabel|table|figur|figure)\s*\d+\b")  # "Tabell 5 Brukere": the next table's caption
_UNIT_TAIL = re.compile(r"(?<=\d)\s*((?:mill\.?|mrd\.?|millioner|millionar|milliarder|miljoner|miljarder|tusen)\s*"
                        r"(?:kr\.?|kroner|kronor)|(?:miljoner|miljarder)|mnkr|mkr|tkr|prosent|procent|kroner|kronor)\s*$", re.I)
# a row label that counts people or posts: its one year-shaped figure is a count ("Årsverk 1950", "Antall ansatte 2013")
_COUNTED_LABEL = re.compile(r"(?i)(?:årsverk|årsværk|årsarbetare|ansatte|tilsette|anställda|medarbeidere|medarbeidarar"
                            r"|medarbetare|medarbejdere|innbyggere|innbyggjarar|indbyggere|invånare|folketal[l]?|elever|elevar"
                            r"|personer|personar|stillinger|stillingar)\s*:?$")
_GLUED_DECIMALS = re.compile(r"(?<![\d,])\d+,\d+,\d")  # "11,8011,80": two decimal figures run together
_KR_PREFIX = re.compile(r"^(?:kr\.?|NOK)\s*(?=[-(]?\s?\d)", re.I)
_VALUE_SEG = re.compile(r"^\(?[-−–]?\s?\d[\d \u00a0.,]*\)?\s*(?:%|kr\.?|,-)?\s*\*{0,2}$|^[-–—−]$")


@dataclass
class _Read:
    kind: str  # "value" | "header" | "dash" | "text" | "blank"
    label: str = ""
    values: str = ""  # numeric tail as text (plain lines)
    label_segs: list[Seg] | None = None
    value_segs: list[Seg] | None = None
    unit: str | None = None  # a unit printed after the figures ("mill. kr.", "prosent")
    slots: tuple[str, list[str | None]] | None = None  # label and cells of a row whose spaces print empty cells


def cell_parts(text: str) -> list[str]:
    """The figures of one positioned cell: its figure, and the share printed with it ("12 av 45 (26,7 %)" ->
    "12", "(26,7%)"); a footnote mark after a percent dropped ("45,2 %1)" -> "45,2 %")."""
    t = share_notes(space_glued_percent(" ".join(text.split())))
    m = _FIGURE_AND_SHARE.fullmatch(t)
    return [m.group(1), f"({m.group(2)})"] if m else [t]


_FIGURE_AND_SHARE = re.compile(r"(-?\d{1,3}(?:[ \u00a0]\d{3})*(?:,\d+)?)\s*\((\d{1,3}(?:,\d+)?%)\)")


@lru_cache(maxsize=1 << 16)
def is_value_text(text: str) -> bool:
    parts = cell_parts(text) if "%" in text else [text]
    if len(parts) == 2:
        return True
    t = normalise_minus(parts[0]).strip().rstrip("*¹²³").strip()
    t = _KR_PREFIX.sub("", t)  # "kr 828 198": the currency before the figure
    if not _VALUE_SEG.match(t):
        return False
    return t in {"-"} or parse_number(t.strip("()").replace("%", "")) is not None or bool(re.fullmatch(r"\(?-?\d[\d ]*(?:,\d+)?\)?", t))


def _cells_with_unit(line: Line) -> tuple[Line, str | None]:
    """A row of positioned cells whose figures are printed with their unit ("Grunnskole | 21 millioner kroner",
    "Barnehage | 8,6 mill. kr"): the figures, and the one unit they share, which scales the row as a unit printed after
    a row's figures does. Cells printing different units, or no figure before the unit, are left as they are."""
    units, segs = set(), []
    for seg in line.segs:
        tail = _UNIT_TAIL.search(seg.text)
        head = seg.text[:tail.start(1)].strip() if tail else ""
        if tail and head and is_value_text(head):
            units.add(" ".join(tail.group(1).lower().split()))
            segs.append(replace(seg, text=head))
        else:
            segs.append(seg)
    if len(units) != 1 or not is_value_text(segs[-1].text):
        return line, None
    return replace(line, segs=segs), next(iter(units))


def _read(line: Line) -> _Read:
    text = " ".join(line.text.split())
    if not text:
        return _Read("blank")
    if _DASH_ROW.match(text):
        return _Read("dash")
    if line.prose and line.segs is None:
        return _Read("text", label=text)  # running text a table was cut out of (`flattened`): no row
    if _GLUED_DECIMALS.search(text) and not re.search(r"[^\W\d_]", text):
        return _Read("text", label=text)  # "11,80 11,8011,80 11,80": figures a text extraction ran together, no row
    seg_unit = None
    if line.segs and not line.header:
        line, seg_unit = _cells_with_unit(line)
    if line.segs:
        if len(line.segs) == 1 and not line.header and not is_value_text(line.segs[0].text):
            return _Read("text", label=text)  # one cell of words (most lines of a page): what the steps below find
        cut = len(line.segs)
        while cut > 0 and is_value_text(line.segs[cut - 1].text):
            cut -= 1
        # a text cell among the values ("årligen, löpande") does not end the figures
        wordy = [i for i in range(len(line.segs) - 1)
                 if sum(ch.isalpha() for ch in line.segs[i].text) >= 2 and is_value_text(line.segs[i + 1].text)]
        if wordy and wordy[-1] + 1 < cut:
            cut = wordy[-1] + 1
        if cut == 0 and len(line.segs) >= 3 and re.fullmatch(r"(?:19[5-9]\d|20[0-6]\d)", line.segs[0].text.strip()) \
                and not line.table_id and not _on_grid(line.segs):
            cut = 1  # "2015 | 8 483 | 7 343": a year in the label column names the row
        label_segs, value_segs = line.segs[:cut], line.segs[cut:]
        label = " ".join(s.text for s in label_segs)
        figures = [s for s in value_segs if any(ch.isdigit() for ch in s.text)]
        if line.header or (len(line.segs) >= 2 and is_header_text(text)
                           and (not figures or all(is_year_cell(s.text) for s in figures))):
            return _Read("header", label=label, label_segs=label_segs, value_segs=value_segs)
        if figures and len(label) <= _MAX_LABEL:
            return _Read("value", label=label, label_segs=label_segs, value_segs=value_segs,
                         unit=line.unit or seg_unit)
        if not figures and len(line.segs) >= 3 and all(len(s.text) <= 30 for s in line.segs) \
                and sum(any(ch.isalpha() for ch in s.text) for s in line.segs) >= 3 \
                and sum(sum(ch.isalpha() for ch in s.text) >= 2 for s in line.segs) >= 2:
            return _Read("header", label=label, label_segs=label_segs, value_segs=value_segs)  # column heads
        return _Read("text", label=text)
    unit = None
    raw = line.text
    tail = _UNIT_TAIL.search(raw)
    if tail:  # "Lånegjeld 1 552,9 mill. kroner": the unit after the figure scales the row
        raw, unit = raw[:tail.start(1)].rstrip(), " ".join(tail.group(1).split())
        text = " ".join(raw.split())
    label, values = split_label_and_values(raw, keep_gaps=True)
    lead_period = LEAD_PERIOD.match(raw)
    if lead_period and len(label) < len(lead_period.group(0).strip()):  # "K1 2031  5,5": the period labels the row
        rest, values = split_label_and_values(raw[lead_period.end():], keep_gaps=True)
        label = f"{' '.join(lead_period.group(0).split())} {rest}".strip()
    dated = re.match(r"\s*(?:[0-3]?\d\.[01]?\d\.(?:\d{4}|\d{2}))(?=\s)", values)
    if dated and re.search(r"(?i)(?<![\wæøåäö])(?:pr\.?|per|pa|på|dato|den)$", label):
        # "Heilt arbeidsledige pr. 28.02.09  5 924": the date the figure is counted at names the row
        label, values = f"{label} {dated.group(0).strip()}", values[dated.end():]
    lead_unit = re.match(r"\s*(?:(?:%|kr\.?)\s+)+(?=[-\d(])", values)
    if lead_unit:  # "Overføring fra driftsregnskapet % 0 7,5": a unit before the first figure names the row
        label, values = f"{label} {lead_unit.group(0).strip()}".strip(), values[lead_unit.end():]
    figures = [w for w in values.split() if any(ch.isdigit() for ch in w)]
    if line.header and (not figures or _all_years(values)):
        return _Read("header", label=label, values=values)  # a head a reader before knew for one ("Nøkkeltall  2024")
    if is_header_text(text) and not (text.endswith(".") and len(text.split()) > 6) \
            and (not figures or _all_years(values) or _named_year_cells(raw) or _years_after_scale(text)
                 or _period_heads(text)):
        return _Read("header", label=label, values=values)
    named = _row_naming_scale(raw) if _declares_scale(text) else None
    if named:  # "Netto lånegjeld i 1000 kr  512 300  530 120": the label ends with the scale it names
        label, values = named
    elif (len(label.split()) <= 6 and _declares_scale(text)) or _only_declaration_figures(text):
        return _Read("text", label=text)  # "Alle tal i heile 1 000" is a caption, not a row
    lead = re.match(r"((?:19[5-9]\d|20[0-6]\d))\s+(?=\S*\d)", values)
    if lead and label and not _all_years(values):  # "Lønnsoppgaver 2020 3 857 2 111": the year labels the row
        label, values = f"{label} {lead.group(1)}", values[lead.end():]
        figures = figures[1:]
    if not figures and label and values and all(re.fullmatch(r"[-–—−]+", w) for w in values.split()):
        return _Read("dash", label=label)
    if figures and _all_years(values) and line.table_id is None and not (len(figures) == 1 and _COUNTED_LABEL.search(label)):
        return _Read("text", label=text)  # "Årsmelding 2021": a year names the line, it is no figure
        # ("Årsverk  1950", "Innbyggere 2013": a label that counts people holds a count, whatever its shape)
    if figures and len(label) <= _MAX_LABEL and not _sentence(label, values):
        if not label and len(figures) < 2:
            return _Read("text", label=text)
        return _Read("value", label=label, values=values, unit=unit)
    return _Read("text", label=text)


def _grid_heads(lines: list[Line], reads: list[_Read]) -> None:
    """The first row of a real table (pipe/tab table, DOCX/HTML grid) whose every cell is words, over rows of
    figures of that table: its column heads, however long they are ("Korrigeret budget 2025 pr. 31. oktober",
    "Forventet afvigelse til korrigeret budget"), where no `|---|` rule or <th> marked them."""
    seen: set[int] = set()
    for k, line in enumerate(lines):
        tid = line.table_id
        if tid is None or tid in seen or not line.segs:
            continue
        seen.add(tid)
        if reads[k].kind != "text" or line.header or len(line.segs) < 3 or not _on_grid(line.segs):
            continue
        if not all(len(sg.text) <= 80 and sum(ch.isalpha() for ch in sg.text) >= 2 and not is_value_text(sg.text)
                   for sg in line.segs):
            continue
        below = [j for j in range(k + 1, len(lines)) if lines[j].table_id == tid]
        if any(reads[j].kind == "value" and len(reads[j].value_segs or []) >= 2 for j in below):
            reads[k] = _Read("header", label=line.segs[0].text, label_segs=line.segs[:1], value_segs=line.segs[1:])


def _period_heads(text: str) -> bool:
    """A head of parts of the year ("Eining Q1 Q2 Q3 Q4", "1. kv 2. kv 3. kv 4. kv"): two or more of them, and no
    figure beside them but years; their ordinals are no figures."""
    from flows.reports.layout.periods import PERIOD_RE

    if len(PERIOD_RE.findall(text)) < 2:
        return False
    return not re.search(r"\d", YEAR_RE.sub(" ", PERIOD_RE.sub(" ", text)))


def _years_after_scale(text: str) -> bool:
    """A header row whose label column prints the scale ("Tall i 1000 kr 2022 2022 2021"): years after it."""
    from flows.reports.layout.headers import _strip_scale

    stripped = _strip_scale(text)
    return stripped != text and _all_years(stripped)


def _named_year_cells(text: str) -> bool:
    """Cells apart by gaps, each a name and its year ("Nordby 2014  Sørby 2015  K.gr 13 2015")."""
    parts = re.split(r"\s{2,}", text.strip())
    return len(parts) >= 2 and all(re.fullmatch(r"[^\W\d_][^\d]*?(?: \d{1,2})? (?:19[5-9]\d|20[0-6]\d)", p) for p in parts)


def _only_declaration_figures(text: str) -> bool:
    """A line whose only figure is its scale declaration's ("... godt resultat. Tal i heile 1000 kroner"): no row."""
    from flows.reports.layout.scale import scale_of

    found = scale_of(text)
    return found is not None and bool(re.search(r"\d", found[1])) and not re.search(r"\d", text.replace(found[1], " "))


def _declares_scale(text: str) -> bool:
    from flows.reports.layout.scale import scale_of

    return scale_of(text) is not None


_FIGURES_ONLY = re.compile(r"[-−–]?\d[\d,]*(?:\s+[-−–]?\d[\d,]*)+")
_FIGURES_ONLY_ONE = re.compile(r"[-−–]?\d{1,3}(?:,\d+)?")
_DECLARATION_WORDS = re.compile(
    r"(?i)^(?:bel[øo]p|bel[øo]b|tall?|alle|hele|heile|kr\.?|kroner|kronor|nok|sek|dkk|i|in|tusen|tusental|mill\.?|"
    r"millioner|miljoner|mnkr|mkr|tkr|amounts?|figures?|thousands?|millions?)$")


def _row_naming_scale(raw: str) -> tuple[str, str] | None:
    """(label, values) of a row whose label names its own scale ("Årets resultat, mnkr  22,9  -14,1  31,0", "Netto
    lånegjeld i 1000 kr  512 300  530 120"): words before the declaration that are no declaration's words, and two
    figures or more apart by gaps after it; None for a caption ("Alle tal i heile 1 000 kr", "Beløp i 1000 kr") or
    anything else."""
    from flows.reports.layout.scale import scale_of

    found = scale_of(raw)
    at = raw.find(found[1]) if found else -1
    if at < 0:
        return None
    end = at + len(found[1])
    end += re.match(r"(?i)\.?(?:\s?(?:kr\.?|kroner|kronor|nok|sek|dkk)(?!\w))?\)?", raw[end:]).end()  # "i mill. kr"
    # a qualifier in brackets after the scale ("Investeringar i mnkr (netto)  276,8  343,5") is the label's still
    end += re.match(r"(?:\s?\((?:[^\W\d_]|[ .-]){2,30}\))?", raw[end:]).end()
    values = raw[end:]
    cells = gap_cells(values.strip()) or []
    spaced = values.startswith("  ") and has_cell_gaps(values) and len(cells) >= 2
    words = [w for w in re.split(r"[\s,.;:()/]+", raw[:at]) if w]
    # "Driftsinntekter i milliarder kroner      1,317": one figure, a gap before it, a word of a measure before
    # the scale (a caption's words are the declaration's: "Beløp i 1000 kr", "Alle tal i heile 1 000 kr")
    spaced = spaced or (values.startswith("  ") and len(values.split()) == 1 and bool(_FIGURES_ONLY_ONE.fullmatch(values.strip()))
                        and sum(sum(ch.isalpha() for ch in w) >= 3 and not _DECLARATION_WORDS.match(w) for w in words) >= 1)
    # "Årets resultat, mnkr 12,3 14,5 -3,2": figures after one space, two or more of them, nothing else
    single = not spaced and values[:1] == " " and bool(_FIGURES_ONLY.fullmatch(values.strip())) \
        and len(values.split()) >= 2 and len(raw[:at].split()) <= 8
    if not (spaced or single):
        return None
    words = [w for w in re.split(r"[\s,.;:()/]+", raw[:at]) if w]
    if not words or _DECLARATION_WORDS.match(words[0]) \
            or not any(sum(ch.isalpha() for ch in w) >= 3 and not _DECLARATION_WORDS.match(w) for w in words):
        return None
    return " ".join(raw[:end].split()), values.strip()


def _sentence(label: str, values: str = "") -> bool:
    """Words that are a sentence, not a row label: more than 12 words, or more than 6 ending a sentence. A long label
    before two figures or more ("Avsetninger til og bruk av bundne fond ... 12 345 11 000") is a row label still when
    it prints no figure and nothing that ends a sentence: prose that states figures names their years and units."""
    words = label.split()
    if label.endswith((".", ":", "?")) and len(words) > 6:
        return True
    if _VERB_BEFORE_FIGURE.search(label) and len(words) >= 3:
        return True  # "• Netto driftsresultat ble på 83,7 millioner kroner": a verb the figure completes
    if _clause_stating_figure(label, values):
        return True
    return len(words) > 12 and not _long_row_label(label, values)


def _clause_stating_figure(label: str, values: str) -> bool:
    """Words before the last figures that are a finite sentence of their own, not a row label: they state a figure
    themselves, in a clause a finite verb carries (a verb and a figure inside the words, with words after the figure:
    "Lånegjelda utgjer kr 91 240 pr. innbyggar, gjennomsnittet for landet er kr" before "80 110."), and the line ends
    as a sentence does (a full stop after the figures) or the words go on after a comma in a clause a finite verb
    carries. A row label is a short noun phrase: a figure inside it ("Andel elever som er mobbet 2-3 ganger i måneden",
    "Elever som er 16 år, andel") has neither a full stop after the row's figures nor a verb's clause after a comma."""
    words = label.split()
    at = next((k for k, w in enumerate(words) if re.match(r"\(?\d", w)
               and sum(bool(re.search(r"[^\W\d_]{2}", v)) for v in words[k + 1:]) >= 2), None)
    if at is None or not _FINITE_VERB.search(label):
        return False
    ends_sentence = bool(re.search(r"\d\s*\.$", values.rstrip()))
    # a clause of its own after a comma, carried by a finite verb (", gjennomsnittet for landet er kr")
    after = " ".join(words[at:])
    clause_after = "," in after and bool(_FINITE_VERB.search(after[after.index(","):]))
    return ends_sentence or clause_after


# a finite verb of being or having, the verbs a sentence stating a figure is built on (nb, nn, sv, da, en)
_FINITE_VERB = re.compile(
    r"(?i)(?<![\wæøåäö])(?:er|var|vart|vert|ble|blei|blir|blev|bliver|är|utgjør|utgjer|utgjorde|udgør|udgjorde|"
    r"utgör|uppgick|uppgår|har|hadde|hade|havde|hatt|ligger|ligg|låg|lå|is|was|were|are|has|had|amounts?|amounted)"
    r"(?![\wæøåäö])")


# a verb of being (with the preposition it takes) closing the words before a figure: a clause the figure completes, no
# row label ("Netto driftsresultat ble på", "Lånegjelda er no på", "Resultatet vart", "Årets resultat uppgick till").
# "landet"/"landade" is that verb only with its preposition ("Resultatet landet på"): bare, "landet" is the country
# ending a row label ("Snitt for hele landet", "Gjennomsnitt for landet")
_VERB_ADVERB = r"(?:\s+(?:no|nå|nu|now|i\s+år|totalt|samla|samlet|sammanlagt))?"
_VERB_BEFORE_FIGURE = re.compile(
    r"(?i)(?<![\wæøåäö])(?:(?:ble|blei|vart|var|er|blir|blev|är|was|is|were|utgjør|utgjorde|utgjer|udgør|udgjorde|utgör|"
    r"utgjorde|uppgick|uppgår|endte|enda|endade|amounted|totalled|totaled)"
    + _VERB_ADVERB + r"(?:\s+(?:på|til|till|to|med|at|om\s+lag|ca\.?|cirka))?"
    r"|(?:landet|landade)" + _VERB_ADVERB + r"\s+(?:på|om\s+lag|omkring|rundt|ca\.?|cirka))"
    r"(?:\s+(?:kr\.?|kroner|kronor|nok|sek|dkk))?$")  # "... for landet er kr": the currency the figure is in


_SENTENCE_MARK = re.compile(r"[.!?;:](?:\s|$)")
_ABBREVIATION = re.compile(r"(?<![^\W\d_])(?:[a-zæøå]{1,4}\.)+(?=\s|$)")  # "jf.", "m.v.", "inkl.", "ev."


def _long_row_label(label: str, values: str) -> bool:
    from flows.reports.numbers import CELL_GAP

    figures = [w for w in CELL_GAP.split(values.strip()) if w] if values else []
    if len(label.split()) > 40 or len(figures) < 2 or re.search(r"\d", label) or not label[:1].isupper():
        return False
    if _SENTENCE_MARK.search(_ABBREVIATION.sub("", label)) or values.rstrip().endswith("."):
        return False
    return True


def _all_years(values: str) -> bool:
    values = space_glued_dates(values)
    stripped = YEAR_RE.sub("", values)  # years, dates naming a year's column ("31.12.2023")
    return not re.search(r"\d", stripped) and len(years_in(values)) >= 1


def find_tables(lines: list[Line]) -> tuple[list[Table], list[str]]:
    from flows.reports.layout.blocks import expand_blocks
    from flows.reports.layout.currency_cells import expand_currency_cells
    from flows.reports.layout.flat_statement import expand_flat_statements
    from flows.reports.layout.flattened import expand_flattened
    from flows.reports.layout.glued import expand_glued
    from flows.reports.layout.glued_codes import expand_glued_codes
    from flows.reports.layout.glued_heads import split_glued_heads
    from flows.reports.layout.inline import expand_inline
    from flows.reports.layout.lists import expand_lists
    from flows.reports.layout.mirrored import expand_mirrored
    from flows.reports.layout.pair_runs import expand_pair_halves, expand_pair_runs, hold_run_ins
    from flows.reports.layout.pairs import expand_pairs
    from flows.reports.layout.runs import expand_runs
    from flows.reports.layout.shares import expand_shares
    from flows.reports.layout.spread_heads import expand_spread_heads
    from flows.reports.layout.stacked import expand_stacked
    from flows.reports.layout.unit_lists import expand_unit_lists
    from flows.reports.layout.vat_pairs import expand_vat_pairs
    from flows.reports.layout.year_rows import year_labelled

    warnings: list[str] = []  # rows of figures run together that do not read one way leave theirs first
    # a line of rows run into their codes is read only by the rules that prove where a code starts (`hold_run_ins`)
    from flows.reports.layout.wrapped_units import join_wrapped_units

    lines = join_wrapped_units(lines)  # "... anlægsinvesteringer for 139,4" / "mio. kr. ...": one sentence, no row
    glued = expand_glued(expand_spread_heads(expand_mirrored(hold_run_ins(expand_glued_codes(expand_blocks(expand_currency_cells(expand_vat_pairs(lines, warnings), warnings))),
                                                      warnings))), warnings)
    lines = expand_pair_runs(expand_runs(expand_inline(expand_flattened(expand_flat_statements(
        expand_lists(expand_unit_lists(expand_pairs(expand_shares(expand_stacked(expand_pair_halves(glued, warnings)))))), warnings)))), warnings)
    from flows.reports.layout import bracket_years

    lines, lifted = bracket_years.lift(lines)  # "81,5 (82)" under "(2018 inom parentes)": that year's figure, no negative
    reads = [_read(line) for line in lines]
    _grid_heads(lines, reads)
    page_base: dict[int, int] = {}  # the fewest spaces a plain value row of each page ends with
    aligned: set[int] = set()
    for line, rd in zip(lines, reads):
        if rd.kind == "value" and line.segs is None and not rd.unit:
            page_base[line.page] = min(page_base.get(line.page, 1 << 30), trailing_spaces(line.text))
            if space_aligned(line.text):
                aligned.add(line.page)
    for page in aligned:  # a page of tables aligned by spaces: their gaps are no one-space empty cells
        page_base[page] = 1 << 30
    running = _running_heads(lines)
    tables: list[Table] = []
    headings: dict[int, str] = {}
    i = 0
    heading_at: list[list[str]] = []
    for line in lines:
        if line.heading:
            headings[line.heading] = " ".join(line.text.split())
            for lvl in [k for k in headings if k > line.heading]:
                del headings[lvl]
        heading_at.append([headings[k] for k in sorted(headings)])
    while i < len(lines):
        if reads[i].kind != "value":
            i += 1
            continue
        # the run of rows that belong together
        start = i
        end = i + 1
        j = i + 1
        gap = 0
        while j < len(lines) and lines[j].page == lines[start].page:
            kind = reads[j].kind
            if lines[j].table_id != lines[start].table_id and (lines[start].table_id is not None or kind == "value"):
                break  # a real table's rows (pipe, DOCX/HTML grid, a list read as one) go on no other table
            if kind == "value":
                end = j + 1
                gap = 0
            elif kind == "header":
                break
            elif kind in ("dash", "blank"):
                pass
            else:
                gap += 1
                if gap > _MAX_GAP or len(reads[j].label) > 80 or _CAPTION.match(reads[j].label) \
                        or _capital_heading(reads[j].label) and _next_kind(lines, reads, j) != "value":
                    break
            j += 1
        header_idx = _header_above(lines, reads, start)
        value_x0 = min((sg.x0 for k in range(start, end) if reads[k].kind == "value" for sg in reads[k].value_segs or []
                        if sg.x0 > max((ls.x1 for ls in reads[k].label_segs or []), default=-1.0)), default=None)
        while header_idx and value_x0 is not None and header_idx[-1] == start - 1 and lines[start - 1].segs and \
                lines[start - 1].table_id is None and not _on_grid(lines[start - 1].segs) and \
                all(sg.x1 <= value_x0 + 1 for sg in lines[start - 1].segs):
            # words spread over the label column ("Lønn  og  sosiale", a justified wrapped label) name no columns
            k = header_idx.pop()
            reads[k] = _Read("text", label=" ".join(sg.text for sg in lines[k].segs))
        continued = None
        if not header_idx and tables and tables[-1].page == lines[start].page - 1 and _at_page_top(lines, start) \
                and _continues(tables[-1], [reads[k] for k in range(start, end) if reads[k].kind == "value"]):
            continued = tables[-1]
        try:
            table = _build(len(tables) + 1, lines, reads, header_idx, start, end, heading_at[start], warnings, continued,
                           running, page_base)
        except Exception as exc:  # a table that cannot be understood leaves a warning, never a crash
            warnings.append(f"table not read at page {lines[start].page} line {lines[start].number}: {type(exc).__name__}: {exc}")
            table = None
        if table is not None and table.rows and table.columns and not any(c.label for c in table.columns):
            _name_columns(table, lines, start)
        if table is not None and table.rows and table.columns and not any(c.label for c in table.columns) \
                and not header_idx and continued is None and not any(lines[k].segs for k in range(start, end)):
            _lost_heads(table, lines, start, tables, warnings)
        if table is not None and table.rows and not any(lines[k].segs for k in range(start, end)):
            _staircase(table)
        if table is not None and table.rows and not header_idx and continued is None and _inside_sentence(lines, reads, start, end):
            table = None  # "totalt 812,4" in a narrow text column: a piece of a sentence, no table
        if table is not None and table.rows:
            split_glued_heads(table)
            year_labelled(table)
            bracket_years.attach(table, lifted)
            tables.append(table)
        i = end
    return tables, warnings


def _capital_heads(columns: list[Column], head: str, values: list[str]) -> list[Column]:
    """A head of capitalised words run together with single spaces ("Förvaltning Kvinnor Män Totalt Andel heltid %")
    whose keywords split it into fewer or more columns than its rows print: one column per capitalised head, the first
    naming the label column, where the rows print that many figures (every row at least as many, most exactly)."""
    from flows.reports.layout.headers import columns_from_capitals

    text = " ".join(head.split())
    if has_cell_gaps(head) or any(c.year is not None for c in columns) or not values or re.search(r"\d", text):
        return columns
    heads = [w for w in text.split() if w[:1].isupper()]
    n = len(heads) - 1
    counts = [len([w for w in v.split() if re.search(r"\d", w)]) for v in values]
    if n < 2 or n == len([c for c in columns if not c.note]) or min(counts) < n or counts.count(n) * 2 < len(counts):
        return columns
    return columns_from_capitals([text], n) or columns


def _next_kind(lines: list[Line], reads: list[_Read], k: int) -> str | None:
    """The kind of the next line of the page after line k that is not blank."""
    j = k + 1
    while j < len(lines) and lines[j].page == lines[k].page:
        if reads[j].kind != "blank":
            return reads[j].kind
        j += 1
    return None


def _capital_heading(text: str) -> bool:
    """A heading in capitals over the next table ("ANTAL ANSTÄLLDA PER FÖRVALTNING OCH KÖN"): several words, no
    figure, no lower-case letter; a table's own section rows in capitals are a word or two ("DRIFTSINNTEKTER"), and a
    row label in capitals wrapped over its figures' line ("KJØP TJENESTER SOM ERSTATTER" / "KOMM.EGEN 28 200") has a
    row right below it (the caller checks)."""
    t = " ".join(text.split())
    return len(t.split()) >= 4 and sum(ch.isalpha() for ch in t) >= 25 and not re.search(r"\d", t) \
        and not any(ch.islower() for ch in t)


def _inside_sentence(lines: list[Line], reads: list[_Read], start: int, end: int) -> bool:
    """One short plain-text line of words and a figure inside running text broken into short lines (a narrow
    column: "ved utgangen av 2023" / "totalt 812,4" / "årsverk fordelt på"): the line before goes on into it (text
    that ends no sentence) and the line after goes on from it in lower case."""
    if end - start != 1 or lines[start].segs is not None or lines[start].table_id is not None:
        return False
    label = reads[start].label
    if not label or not label[:1].islower() or len(lines[start].text.strip()) > 45:
        return False
    before = start - 1
    after = end
    if before < 0 or after >= len(lines) or lines[before].page != lines[start].page or lines[after].page != lines[start].page:
        return False
    prev, nxt = " ".join(lines[before].text.split()), " ".join(lines[after].text.split())
    return reads[before].kind == "text" and reads[after].kind == "text" and bool(prev) and bool(nxt) \
        and not re.search(r"[.!?:]$", prev) and nxt[:1].islower()


def _lost_heads(table: Table, lines: list[Line], start: int, tables: list[Table], warnings: list[str]) -> None:
    """Columns of a headerless table named by the sentence above it or the table before it (see `lost_heads`)."""
    from flows.reports.layout.lost_heads import name_lost_heads

    source = name_lost_heads(table, lines, start, tables)
    if source is None and not any(c.label for c in table.columns) and len(table.columns) >= 3:
        from flows.reports.layout.lost_heads import MULTI_YEAR, _text_above

        if MULTI_YEAR.search(_text_above(lines, start)):
            warnings.append(f"multi-year overview at page {table.page} line {table.line} prints no years over its "
                            f"{len(table.columns)} columns: no year assigned to its figures")
    if source:
        warnings.append(f"table at page {table.page} line {table.line} prints no head; its columns are named by the "
                        f"{source} ({', '.join(c.label for c in table.columns)})")


def _staircase(table: Table) -> None:
    """Plain-text rows under year columns that each print fewer figures than there are years, and together
    exactly as many ("2013 2014 2015 2016" / "Inndekking 2 613 13 549" / "Mindreforbruk 15 442 16 295"), each
    cover their own years in turn: the text, read left-aligned, put them all under the first years."""
    n = len(table.columns)
    years = [c.year for c in table.columns]
    if n < 3 or len(table.rows) < 2 or None in years or years != sorted(set(years)):
        return
    counts = [len(r.values) for r in table.rows]
    if sum(counts) != n or any(c == 0 or c >= n for c in counts) \
            or any([col for col, _ in r.values] != list(range(len(r.values))) for r in table.rows):
        return
    at = 0
    for row in table.rows:
        row.values = [(at + j, printed) for j, (_, printed) in enumerate(row.values)]
        at += len(row.values)


def _name_columns(table: Table, lines: list[Line], start: int) -> None:
    """Columns no header named: heads run together on the one or two plain lines right above the rows."""
    from flows.reports.layout.bracket_years import note_of
    from flows.reports.layout.headers import columns_from_capitals

    above: list[str] = []
    k = start - 1
    noted = False  # a note on the figures ("(2018 inom parentes)") between the heads and the rows
    while k >= 0 and len(above) < 3 and lines[k].page == lines[start].page and lines[k].segs is None:
        text = lines[k].text.strip()
        if not above and text.startswith("(") and text.endswith(")") and note_of(text):
            noted = True
        elif text:
            above.insert(0, lines[k].text)
            top = k
        elif above:
            break
        k -= 1
    for take in (2, 1):
        if len(above) < take + 1 and not (noted and len(above) == take == 1):
            continue  # the line above the heads is the caption
        cols = columns_from_capitals(above[-take:], len(table.columns))
        if cols:
            table.columns = cols
            heads = {" ".join(t.split()) for t in above[-take:]}
            if table.caption in heads:  # the heads are no caption: the line above them is
                k = top + len(above) - take - 1
                while k >= 0 and lines[k].page == lines[start].page and not lines[k].text.strip():
                    k -= 1
                text = " ".join(lines[k].text.split()) if k >= 0 and lines[k].page == lines[start].page else ""
                table.caption = text if text and len(text) <= 120 and not re.search(r"\d\s*$", text) else None
            return


def _header_above(lines: list[Line], reads: list[_Read], start: int) -> list[int]:
    out: list[int] = []
    k = start - 1
    skipped = 0
    while k >= 0 and lines[k].page == lines[start].page and len(out) < 3:
        kind = reads[k].kind
        if out and lines[out[0]].table_id is not None and lines[k].table_id is None and lines[k].segs is None \
                and len(lines[k].text.split()) > 3:
            break  # a caption over a real table's head ("Sykefravær etter tredje tertial 2023") is no head of it
        if kind == "header":
            out.insert(0, k)
        elif kind == "blank" or kind == "dash":
            pass
        elif kind == "text" and not out and _NOTE_NUMBER_LINE.fullmatch(lines[k].text.strip()):
            pass  # a note's number on a line of its own between the head and the note's rows ("Not 2031 2030" / "1")
        elif kind == "text" and _word_header(reads[k].label) and not out and k == start - 1 and \
                _n_words(lines[k].text) >= 2 and _n_words(lines[k].text) in (_n_figures(reads[start]), _n_figures(reads[start]) + 1) and \
                (lines[k].segs is None or len(lines[k].segs) in (_n_figures(reads[start]), _n_figures(reads[start]) + 1)):
            out.insert(0, k)
        elif kind == "text" and out and out[0] == k + 1 and lines[k].segs and lines[k + 1].segs and \
                all(len(sg.text) <= 30 and any(min(sg.x1, o.x1) - max(sg.x0, o.x0) > 0 for o in _column_cells(lines[k + 1].segs))
                    for sg in lines[k].segs):
            out.insert(0, k)  # an upper header row over some of the columns ("Tomt/" over "Bygningar")
        elif kind == "text" and out and _header_fragment(lines[k].text, lines[out[0]].text):
            out.insert(0, k)  # a header wrapped by a web page: "TjenesteområdeRegnskap" / "2015" / "Vedtatt budsjett 2015..."
        elif kind == "text" and not out and (skipped < 1 and len(reads[k].label) < 80
                                             or skipped < _MAX_SECTIONS and _section_label(reads[k].label)):
            skipped += 1  # section labels between header and first row ("Driftsinntekter", "TILLGÅNGAR" / "Anläggningstillgångar")
        else:
            break
        k -= 1
    return out


_NOTE_LIST_TAIL = re.compile(r"\s+(\d{1,2}(?:,\s?\d{1,2})+)$")  # notes listed after a label, under a note column
_NOTE_LIST_OPEN = re.compile(r"\s+(\d{1,2}),$")  # the first notes of a list whose last one the figures' split took
_NOTE_NUMBER_LINE = re.compile(r"(?:Not|Note|Noter|NOT|NOTE)?\s*\d{1,2}[a-z]?")  # "1", "Note 4"
_MAX_SECTIONS = 3  # a statement's heading levels between its head and first row ("TILLGÅNGAR", "Anläggningstillgångar", ...)


def _section_label(label: str) -> bool:
    """A short heading over the rows below it: a few words, no figure, no sentence."""
    t = " ".join(label.split())
    return 0 < len(t) <= 60 and len(t.split()) <= 6 and not re.search(r"\d", t) and not t.endswith((".", ":", "?"))


def _on_grid(segs: list[Seg]) -> bool:
    """Cells placed on grid columns (DOCX/HTML/Markdown/tabs), not at printed positions."""
    return all(float(s.x0).is_integer() and float(s.x1).is_integer() for s in segs)


def _column_cells(segs: list[Seg]) -> list[Seg]:
    """A header row's cells over columns: without its first cell when that names the label column
    ("Nøkkeltall" in "Nøkkeltall 2018 2019 2020")."""
    first = segs[0]
    if len(segs) >= 2 and not years_in(first.text) and not _is_col_word(first.text):
        return segs[1:]
    return segs


def _header_fragment(text: str, below: str) -> bool:
    """A piece of a header row wrapped over lines: a lone year, or a short line naming a
    column whose year is printed at the start of the line below."""
    from flows.reports.layout.headers import YEAR, scenario_of

    t = text.strip()
    if re.fullmatch(YEAR, t):
        return True
    return len(t) <= 60 and not re.search(r"\d", t) and scenario_of(t) != "other" \
        and bool(re.match(rf"\s*{YEAR}\b", below))


def _n_words(text: str) -> int:
    """Cells of a header of words: the parts between gaps when it has gaps, else its words."""
    if has_cell_gaps(text):
        return len(re.split(r"\s{2,}", text.strip()))
    return len(text.split())


def _word_header(text: str) -> bool:
    return not any(ch.isdigit() for ch in text) and 1 <= len(text.split()) <= 15 and not text.endswith(".")


def _reconcile(columns: list[Column], values: list[str]) -> list[Column]:
    """Header cells against the cells of the rows whose figures read only one way (gaps, or
    figures no space could join). One header cell more than the rows have cells, the first
    naming no year: that is the label column's header ("Enhet  Kvinner  Menn" over "Skule  12  30").
    Rows with more cells than the header names: the header does not describe them, and every
    column is unknown rather than a wrong one."""
    counts = Counter(n for n in (_natural_count(v) for v in values) if n)
    value_cols = [c for c in columns if not c.note]
    if not counts or not value_cols:
        return columns
    m, seen = counts.most_common(1)[0]
    first = value_cols[0]
    if len(value_cols) >= 2 and m == len(value_cols) - 1 and first.year is None and first.scenario == "other":
        return [c for c in columns if c is not first]
    if m > len(value_cols) and seen >= 2 and seen * 2 >= sum(counts.values()) and m > len(columns):
        # (a row printing a cell under each note column the header names as well has no cell too many)
        return [Column(label="", year=None, scenario="unknown", unknown=True) for _ in range(m)]
    return columns


def _natural_count(values: str) -> int | None:
    """The number of cells of a row's figures when they read only one way, else None."""
    cells = gap_cells(values)
    if not cells:
        return None
    if has_cell_gaps(values) or all(len(c.split()) == 1 for c in cells):
        return len(cells)
    return None


def _n_figures(read: _Read) -> int:
    if read.value_segs is not None:
        return len(read.value_segs)
    if has_cell_gaps(read.values):
        return len(gap_cells(read.values) or [])
    return len(re.findall(r"\d[\d,]*", read.values))  # lower bound with spaced thousands


def _running_heads(lines: list[Line]) -> set[str]:
    """Lines printed on three or more pages (the document's name, a running title): no table's caption."""
    pages: dict[str, set[int]] = {}
    for line in lines:
        text = " ".join(line.text.split())
        if text and len(text) <= 120:
            pages.setdefault(text, set()).add(line.page)
    return {text for text, on in pages.items() if len(on) >= 3}


def _caption_above(lines: list[Line], reads: list[_Read], first: int, running: set[str] = frozenset()
                   ) -> tuple[str | None, list[str]]:
    """The nearest short text line above the header/table that is no running head, and the lines
    searched for a scale."""
    from flows.reports.layout.bracket_years import note_of

    seen: list[str] = []
    k = first - 1
    caption = None
    while k >= 0 and lines[k].page == lines[first].page and len(seen) < 4:
        text = " ".join(lines[k].text.split())
        if text:
            seen.append(text)
            if caption is None and reads[k].kind in ("text", "header") and len(text) <= 120 and not text.startswith("===") \
                    and text not in running and not (text.startswith("(") and text.endswith(")") and note_of(text)):
                caption = text
            if reads[k].kind == "value":
                break
        k -= 1
    return caption, seen


def _scale_after_rows(lines: list[Line], start: int, end: int) -> tuple[str, str] | None:
    """A scale declared right after the rows of a table flattened into one printed line ("... Sum 15 600 14 500
    Beløp i 1000 kr"): the text after the last row, from the same printed line, that declares only a scale."""
    from flows.reports.layout.scale import scale_of

    if end >= len(lines) or end <= start:
        return None
    last, after = lines[end - 1], lines[end]
    if (after.page, after.number) != (last.page, last.number) or after.segs or (lines[start].page, lines[start].number) \
            != (last.page, last.number):
        return None
    text = " ".join(after.text.split())
    found = scale_of(text) if text and len(text.split()) <= 8 else None
    if found:
        return text, "line below"
    lead = leading_scale(text)
    return (lead, "line below") if lead else None


_DECLARING = {"beløp", "belopp", "beløb", "tall", "tal", "tala", "i", "hele", "heile", "alle", "amounts", "figures", "in",
              "(", "-", "–"}


def leading_scale(text: str) -> str | None:
    """The declaration of a scale a text starts with, before a sentence goes on ("Tall i millioner Her legger vi fram
    ...", "Beløp i 1000 kr. Driftsregnskapet viser ..."): words that only declare ("Tall", "Beløp", "i") and the scale,
    the next word capitalised; None when the text starts otherwise."""
    from flows.reports.layout.scale import scale_of

    words = text.split()
    for n in range(min(6, len(words)), 0, -1):  # the longest declaration ("i mill. kr", not "i mill.")
        head = " ".join(words[:n])
        found = scale_of(head)
        if not found or not head.rstrip(" .,):").endswith(found[1].rstrip(" .,):")) \
                or any(w.strip("(").lower() not in _DECLARING for w in head[:head.rfind(found[1])].split()):
            continue
        rest = words[n:]
        if not rest or rest[0][:1].isupper():
            return head.rstrip(" .,")
    return None


def _build(number: int, lines: list[Line], reads: list[_Read], header_idx: list[int], start: int, end: int,
           headings: list[str], warnings: list[str], continued: Table | None = None,
           running: set[str] = frozenset(), page_base: dict[int, int] | None = None) -> Table | None:
    first = header_idx[0] if header_idx else start
    caption, above = _caption_above(lines, reads, first, running)
    header_text = [" ".join(lines[k].text.split()) for k in header_idx]
    positioned = any(lines[k].segs for k in range(start, end))
    if positioned:
        first_x = min((sg.x0 for k in range(start, end) if reads[k].kind == "value" for sg in reads[k].value_segs or []),
                      default=None)
        columns = columns_from_segs([_header_segs(lines[k], first_x) for k in header_idx])
    else:
        columns = columns_from_text([lines[k].text.strip() for k in header_idx])
        if len(header_idx) == 1:
            columns = _capital_heads(columns, lines[header_idx[0]].text,
                                     [reads[k].values for k in range(start, end) if reads[k].kind == "value"])
    from flows.reports.layout.scale import find_scale_source

    found = find_scale_source([(caption or "", "caption")] + [(h, "header") for h in header_text]
                              + [(a, "line above") for a in above] + [(h, "heading") for h in reversed(headings)])
    if found is None:
        found = _scale_after_rows(lines, start, end)
    scale_text, scale_source = found if found else (None, None)
    if scale_source == "header" and positioned and _one_column_scale(columns, scale_text):
        scale_text, scale_source = None, None  # the scale one column's head names is that column's (`cells` reads it)
    if continued is not None:  # a table running on from the previous page, without its header
        columns = [replace(c) for c in continued.columns]
        caption, headings, header_text = continued.caption, continued.headings, continued.header_text
        scale_text, scale_source = continued.scale_text, continued.scale_source
    table = Table(number=number, page=lines[start].page, line=lines[start].number, caption=caption,
                  headings=headings, columns=columns, rows=[], scale_text=scale_text, header_text=header_text,
                  scale_source=scale_source)
    used = table.consumed
    if header_idx:
        table.header_at = (lines[header_idx[-1]].page, lines[header_idx[-1]].number)
        if positioned and lines[header_idx[-1]].segs:
            over = _header_segs(lines[header_idx[-1]], first_x)
            table.corner = " ".join(sg.text for sg in lines[header_idx[-1]].segs if sg not in over)
        used.update((lines[k].page, n) for k in header_idx for n in (lines[k].number,) + lines[k].joined)
    parent = None
    first_row = header_idx[-1] + 1 if header_idx else start  # label/section lines above the first row
    rows_raw = [k for k in range(first_row, end)]
    value_x = _value_x([reads[k] for k in range(start, end) if reads[k].kind == "value"]) if positioned else None
    pending: list[str] = []  # label lines printed above a row whose own line has no label
    last_row_line: int | None = None
    plan = _plan(columns, {k: reads[k].values for k in rows_raw if reads[k].kind == "value"}) \
        if not positioned and columns and continued is None else None
    if plan is not None:  # a plan header with a column more or fewer than the rows print (see `plan_columns`)
        columns = table.columns = plan.columns
    elif not positioned and columns:
        columns = _reconcile(columns, [reads[k].values for k in rows_raw if reads[k].kind == "value"])
        table.columns = columns
    n_value_cols = len([c for c in columns if not c.note])
    plain = [k for k in rows_raw if reads[k].kind == "value" and lines[k].segs is None and not reads[k].unit]
    base = (page_base or {}).get(lines[start].page, 0)  # spaces a full row ends with print no empty cell
    for k in plain:  # "Realisationsvinst 57      ": spaces that print empty cells, beyond those every row ends with
        reads[k].slots = slots(lines[k].text, base)
    headless = not positioned and n_value_cols == 0  # no head names the columns: their count is guessed
    if headless:
        n_value_cols = _guess_columns([reads[k].values for k in rows_raw if reads[k].kind == "value"])
        columns = [Column(label="", year=None, scenario="other") for _ in range(n_value_cols)]
        table.columns = columns
    if not positioned and columns:  # a percent run into the figure before it under a percent column (`glued_percent`)
        from flows.reports.layout.glued_percent import split_glued_percent

        for k in rows_raw:
            if reads[k].kind == "value" and (spaced := split_glued_percent(reads[k].values, columns)) is not None:
                reads[k] = replace(reads[k], values=spaced)
    # a note column the heads name on a line of their own ("(mnkr) Not Kommunen ..." over stacked year heads)
    note_named = any(c.note for c in columns) or bool(re.search(
        r"(?<![\w-])(?:Note|Noter|Notar|Not)(?![\w-])", " ".join([caption or "", *above, *header_text])))
    magnitudes = None if positioned else _column_magnitudes([reads[k].values for k in rows_raw if reads[k].kind == "value"],
                                                            n_value_cols, note_named)
    # a row printing as many "– 1 329,0" as there are columns shows the table's minus detached from its figure:
    # a dash before a figure is then a sign, never an empty cell ("– 1,6 – 9,2 0,0")
    detached_minus = not positioned and n_value_cols >= 2 and any(
        len(_DETACHED_MINUS.findall(reads[k].values)) == n_value_cols for k in rows_raw if reads[k].kind == "value")
    # a note column whose empty cell prints as a gap after the label ("Disposisjonsfond  1 058 646 796 509") while a
    # note prints glued to it ("Aksjar og andelar5 962 051 935 963", "Premieavvik11,22 527 112 560 054"): the digits
    # glued to the label are the note, never the leading group of the first figure
    glued_notes = note_named and not positioned and _notes_glued_to_labels(
        [lines[k].text for k in rows_raw if reads[k].kind == "value"])
    decided = {} if positioned else _decide([c for c in columns if not c.note], note_named, {
        k: _DETACHED_MINUS.sub("-", reads[k].values) if detached_minus else reads[k].values
        for k in rows_raw if reads[k].kind == "value"})
    in_doubt: set[int] = set()
    if not positioned and continued is None:  # rows the variance column settles (`variance_rows`)
        from flows.reports.layout.variance_rows import decide as by_variance

        settled_rows, unplaced, in_doubt = by_variance({k: reads[k].values for k in rows_raw if reads[k].kind == "value"
                                                        and not reads[k].slots},
                                                       [c for c in columns if not c.note], note_named,
                                                       {k: figures for k, (figures, _) in decided.items()})
        decided.update(settled_rows)
        decided.update({k: ([UNKNOWN_COLUMN + f for f in figures], note) for k, (figures, note) in unplaced.items()})
    settled = {} if positioned else _settle_minus([c for c in columns if not c.note], {
        k: (reads[k].values, (decided[k][0] if k in decided else _split_text_values(reads[k].values, n_value_cols,
                                                                                     note_named, magnitudes)[0]))
        for k in rows_raw if reads[k].kind == "value"})
    value_rows = [reads[k].values for k in rows_raw if reads[k].kind == "value"]
    decimal_table = sum(bool(re.search(r"\d,\d", v)) for v in value_rows) * 4 >= len(value_rows) * 3  # "1 234,5"
    full_rows: list[list[str]] | None = None  # rows that fill every column, read when a row prints fewer
    for k in rows_raw:
        r = reads[k]
        line = lines[k]
        if r.kind == "text":
            if positioned and value_x is not None and _label_only(line, value_x) and len(line.text) <= 60:
                nxt = next((j for j in range(k + 1, end) if reads[j].kind != "blank"), None)
                if nxt is not None and reads[nxt].kind == "value" and not reads[nxt].label.strip():
                    pending.append(r.label)  # "Lønn og sosiale" above a row printed without label text
                    used.add((line.page, line.number))
                    last_row_line = None
                    continue
                if table.rows and last_row_line == k - 1 and _label_goes_on(table.rows[-1].label, r.label):
                    glue = "" if _word_piece(r.label) else " "  # "Salgsinntekt" / "er" in a narrow column
                    table.rows[-1].label = f"{table.rows[-1].label}{glue}{r.label}".strip()  # a wrapped label
                    used.add((line.page, line.number))
                    last_row_line = k
                    continue
            parent = r.label
            pending = []
            continue
        if r.kind != "value":
            continue
        label, code = _split_code(r.label)
        listed = _NOTE_LIST_TAIL.search(label) if note_named and not positioned else None
        if listed and is_note_cell(listed.group(1)):
            label, code = label[:listed.start()].rstrip(), code or listed.group(1)  # "Investering ... 10, 22"
        if positioned and r.label_segs:
            label, code = _label_and_code(r.label_segs)
        if pending:
            label = " ".join(pending + ([label] if label else []))
            pending = []
        last_row_line = k
        if positioned:
            values = [(c, part) for c, v in _place_segs(r.value_segs or [], columns) for part in cell_parts(v)]
            if not columns:
                columns.extend(Column(label="", year=None, scenario="other", x0=s.x0, x1=s.x1) for s in r.value_segs or [])
                values = list(enumerate(s.text for s in r.value_segs or []))
        else:
            note_col = note_named
            glued = bool(re.search(r"[A-Za-zÆØÅæøå)]\d{1,2}\s", line.text))  # "Brukerbetalinger19 447 256"
            text_values = _DETACHED_MINUS.sub("-", r.values) if detached_minus else r.values
            spaced = resolve_slots(r.slots[1], n_value_cols) if r.slots else None
            around = split_around_notes(text_values, columns) if spaced is None else None
            if spaced is not None:
                values, note = spaced, None  # "Realisationsvinst 57      ": its spaces are the empty cells
                label, code = _split_code(r.slots[0])
            elif around is not None:
                values, note = around
                if values is None:
                    warnings.append(f"row read several ways around its note columns at page {line.page} line "
                                    f"{line.number}: no figure placed: {line.text[:80]}")
                    continue
            elif k in in_doubt and k not in settled:  # (cells a minus separates: `minus_cells` reads them)
                warnings.append(f"row read several ways at page {line.page} line {line.number}, none of them with the "
                                f"table's variance column: no figure placed: {line.text[:80]}")
                continue
            elif glued_notes and (lead := _GLUED_NOTE_AFTER_LABEL.search(line.text)) is not None \
                    and text_values.startswith(lead.group(1) + " ") and is_note_cell(lead.group(1)):
                values, _ = _split_text_values(text_values[len(lead.group(1)):].strip(), n_value_cols, False, magnitudes)
                note = lead.group(1)
                if not values or any(v.startswith(UNKNOWN_COLUMN) for v in values):
                    said = (f"row after note {note} cuts into no {n_value_cols} figures one way at page {line.page} "
                            f"line {line.number}: no figure placed: {line.text[:80]}")
                    warnings.extend([said] * (said not in warnings))
                    continue
            elif glued_notes and re.search(r"[^\W\d_]\d{3,}$", r.label):
                # "Mindreforbruk i driftsrekneskapen240 167 924": a note and a figure's leading digits glued to the label
                said = (f"digits glued to the label under a note column at page {line.page} line {line.number}: "
                        f"note and figures cannot be told apart; no figure placed: {line.text[:80]}")
                warnings.extend([said] * (said not in warnings))
                continue
            else:
                values, note = decided[k] if k in decided else _split_text_values(text_values, n_value_cols,
                                                                                  note_col or glued, magnitudes)
                if headless and values and len(values) > 1 and (one := _one_figure(label, text_values)) is not None:
                    values, note = [one], None
            if plan is not None and k in plan.rows:
                placed = plan.rows[k]
                unknown = iter(_unknown_columns(table, sum(c is None for c, _ in placed)))
                values = [(c if c is not None else next(unknown), v) for c, v in placed]
                values = [(c, v) for c, v in values if not re.fullmatch(r"[-–—−]*", v.strip())]
                if any(c is None for c, _ in placed):
                    warnings.append(f"{len(placed)} cells under {n_value_cols} plan columns at page {line.page} line "
                                    f"{line.number}: which years {sum(c is None for c, _ in placed)} of them fill is open")
                table.rows.append(TableRow(label=label, code=code, values=values, page=line.page, line=line.number,
                                           text=" ".join(line.text.split()), parent=parent, unit=r.unit))
                used.update((line.page, n) for n in (line.number,) + line.joined)
                continue
            if k in settled:
                values, doubt = settled[k]
                if doubt:
                    warnings.append(f"cells a minus separates at page {line.page} line {line.number} read several ways "
                                    f"under the table's arithmetic; kept the cells every reading agrees on: {line.text[:80]}")
            if values is None:
                warnings.append(f"row not split into {n_value_cols} columns at page {line.page} line {line.number}: {line.text[:80]}")
                continue
            if note and not code:
                code = note
            opened = _NOTE_LIST_OPEN.search(label) if note_named and note else None
            if opened and is_note_cell(f"{opened.group(1)}, {note}"):
                label, code = label[:opened.start()].rstrip(), f"{opened.group(1)}, {note}"  # "avsättningar 12, 13 348 ..."
            lone = values[0].removeprefix(UNKNOWN_COLUMN) if len(values) == 1 else ""
            if note_named and n_value_cols >= 2 and is_note_cell(lone) and "," not in lone and not note \
                    and (label.isupper() or decimal_table):
                # a heading with only its note under a note column ("AVSÄTTNINGAR  24"), where the figures print
                # decimals or the heading is in capitals: a reference, no figure
                code, values = code or lone, []
            if len(values) < n_value_cols and _grouped_years(columns) and not any(v.startswith(UNKNOWN_COLUMN) for v in values):
                # fewer cells than columns under groups of the same years ("Kommunen 2019 2018  Koncernen 2019 2018"):
                # which group's years they fill the text cannot tell
                values = [UNKNOWN_COLUMN + v for v in values]
            value_cols = [idx for idx, c in enumerate(columns) if not c.note]
            level = _level_columns(columns, value_cols, len(values))
            if level and all(v.startswith(UNKNOWN_COLUMN) for v in values) and _shares(label, values):
                # "i prosent 5,1 % 0,7 %" under "Regnskap 2019 Regnskap 2018 Endring": a row of shares fills the amount
                # columns and leaves the change columns blank (an amount row short of cells keeps no column: which
                # of its cells is missing the text cannot tell)
                values, value_cols = [v[len(UNKNOWN_COLUMN):] for v in values], level
            if any(v.startswith(UNKNOWN_COLUMN) for v in values) and len(values) < len(value_cols) and not _grouped_years(columns):
                # fewer cells than columns: placed where exactly one placement fits the table (`short_rows`)
                if full_rows is None:
                    full_rows = _full_rows(reads, rows_raw, decided, n_value_cols, note_named, magnitudes)
                at = place([columns[i] for i in value_cols], [v.removeprefix(UNKNOWN_COLUMN) for v in values], full_rows)
                if at is not None:
                    values, value_cols = [v.removeprefix(UNKNOWN_COLUMN) for v in values], [value_cols[j] for j in at]
            if any(v.startswith(UNKNOWN_COLUMN) for v in values):
                # more or fewer cells than the header names: keep them, their column unknown
                warnings.append(f"{len(values)} cells under {n_value_cols} columns at page {line.page} line {line.number}: "
                                f"columns unknown")
                values = [v[len(UNKNOWN_COLUMN):] for v in values]
                value_cols = _unknown_columns(table, len(values))
            values = [(value_cols[j], part.strip()) for j, v in enumerate(values) if j < len(value_cols)
                      for part in v.split(" | ")]
        dashes = tuple(c for c, v in values if re.fullmatch(r"[-–—−]+", v.strip()))
        values = [(c, v) for c, v in values if not re.fullmatch(r"[-–—−]*", v.strip())]
        if not label and not values:
            continue
        table.rows.append(TableRow(label=label, code=code, values=values, page=line.page, line=line.number,
                                   text=" ".join(line.text.split()), parent=parent, unit=r.unit, dashes=dashes))
        used.update((line.page, n) for n in (line.number,) + line.joined)
    # the last row's label may wrap onto lines after it
    k = end
    while positioned and value_x is not None and table.rows and last_row_line == k - 1 and k < len(lines) \
            and lines[k].page == lines[end - 1].page and reads[k].kind == "text" and _label_only(lines[k], value_x) \
            and len(lines[k].text) <= 40 and lines[k].text.strip()[:1].islower():
        glue = "" if _word_piece(reads[k].label) else " "
        table.rows[-1].label = f"{table.rows[-1].label}{glue}{reads[k].label}".strip()
        used.add((lines[k].page, lines[k].number))
        last_row_line = k
        k += 1
    return table


def _one_column_scale(columns: list[Column], declaration: str) -> bool:
    """The header's scale stands in the heads of some value columns only, and another value column's head names no
    scale and no percent ("Folketal" beside "Lånegjeld (mill. kr)", a count beside an amount): no scale of the table."""
    from flows.reports.layout.scale import scale_of

    found = scale_of(declaration)
    scaled = [c for c in columns if not c.note and c.label and scale_of(c.label)]
    if not found or not scaled or not any(found[1] in c.label for c in scaled):
        return False
    return any(not c.note and not scale_of(c.label) and c.scenario not in ("variance_pct", "share_pct")
               and "%" not in c.label and not re.search(r"(?i)prosent|procent|percent", c.label) for c in columns)


def _full_rows(reads: list[_Read], rows: list[int], decided: dict, n: int, note: bool,
               magnitudes: list[float] | None) -> list[list[str]]:
    """The cells of the rows that fill every value column one way."""
    out = []
    for k in rows:
        if reads[k].kind != "value":
            continue
        values = decided[k][0] if k in decided else _split_text_values(reads[k].values, n, note, magnitudes)[0]
        if values and len(values) == n and not any(v.startswith(UNKNOWN_COLUMN) for v in values):
            out.append(list(values))
    return out


def _grouped_years(columns: list[Column]) -> bool:
    """The value columns print the same years once per group (a statement's scopes side by side)."""
    years = [c.year for c in columns if not c.note and c.year]
    return len(years) >= 4 and len(set(years)) * 2 <= len(years)


def _plan(columns: list[Column], rows: dict[int, str]):
    """Plan tables whose header names a column more or fewer than the rows print (see `plan_columns`)."""
    from flows.reports.layout.plan_columns import realign

    if any(c.note for c in columns) or len(columns) < 2:
        return None
    return realign(columns, rows)


def _settle_minus(columns: list[Column], rows: dict[int, tuple[str, list[str] | None]]) -> dict[int, tuple[list[str], bool]]:
    """Rows whose cells only a minus separates, checked with the table's arithmetic (see `minus_cells`)."""
    from flows.reports.layout.minus_cells import breaks_at_minus, settle_rows

    if not any(breaks_at_minus(values) for values, _ in rows.values()):
        return {}
    return settle_rows(columns, rows)


def _decide(columns: list[Column], note: bool, values: dict[int, str]) -> dict[int, tuple[list[str], str | None]]:
    """Rows whose figures read several ways, settled by the table's arithmetic (see `arithmetic`)."""
    from flows.reports.layout.arithmetic import decide

    return decide(values, columns, note)


def _at_page_top(lines: list[Line], start: int) -> bool:
    """Nothing above line `start` on its page but what the previous page prints too (running heads)."""
    page = lines[start].page
    first = start
    while first > 0 and lines[first - 1].page == page:
        first -= 1
    before = first
    while before > 0 and lines[before - 1].page == page - 1:
        before -= 1
    previous = {" ".join(l.text.split()) for l in lines[before:first]}
    k = start - 1
    while k >= 0 and lines[k].page == page:
        text = " ".join(lines[k].text.split())
        if text and text not in previous:
            return False
        k -= 1
    return True


def _continues(previous: Table, rows: list[_Read]) -> bool:
    """Rows at the top of a page without a header continue the previous page's last table when their
    figures stand under its named columns (positioned formats)."""
    cols = [c for c in previous.columns if c.x0 is not None and c.label]
    segs = [s for r in rows for s in r.value_segs or []]
    if not cols or not segs or any(r.value_segs is None for r in rows):
        return False
    under = sum(any(min(s.x1, c.x1) - max(s.x0, c.x0) > 0 for c in cols) for s in segs)
    return under >= 0.9 * len(segs)


_DERIVED = ("variance", "variance_pct")
_LEVEL = ("actual", "budget", "revised_budget", "original_budget", "prior_year")


def _level_columns(columns: list[Column], value_cols: list[int], k: int) -> list[int] | None:
    """The first k value columns, when exactly they are amount columns (regnskap, budsjett, ...) and every column
    after them is derived from them (avvik, endring, %): a row of k cells fills the amount columns."""
    if not 0 < k < len(value_cols):
        return None
    head, tail = value_cols[:k], value_cols[k:]
    if all(columns[i].scenario in _LEVEL for i in head) and all(columns[i].scenario in _DERIVED for i in tail):
        return head
    return None


def _shares(label: str, values: list[str]) -> bool:
    """A row of percentages: every cell printed with "%", or the label says so."""
    return all(v.rstrip().endswith("%") for v in values) or bool(re.search(r"(?i)%|\bprosent\b|\bandel\b", label))


def _unknown_columns(table: Table, n: int) -> list[int]:
    """Indexes of n columns whose header is unknown, added after the table's named columns."""
    have = [i for i, c in enumerate(table.columns) if c.unknown]
    while len(have) < n:
        table.columns.append(Column(label="", year=None, scenario="unknown", unknown=True))
        have.append(len(table.columns) - 1)
    return have[:n]


# a note (or a list of notes) glued to the row's label, the figures after a space: "Aksjar og andelar5 962 051 935 963"
_GLUED_NOTE_AFTER_LABEL = re.compile(r"[^\W\d_](\d{1,2}(?:,\d{1,2})*)(?: |(?=-\s?\d))(?=-?\s?\d)")
_EMPTY_NOTE_GAP = re.compile(r"[^\W\d_)]\s{2,}-?\d")


def _notes_glued_to_labels(texts: list[str]) -> bool:
    """Rows under a note column print a note glued to the label and an empty note cell as a gap of two spaces or more
    before the figures: two rows or more of each kind."""
    glued = sum(bool(_GLUED_NOTE_AFTER_LABEL.search(t)) for t in texts)
    gapped = sum(bool(_EMPTY_NOTE_GAP.search(t)) for t in texts)
    return glued >= 2 and gapped >= 2


def _label_and_code(segs: list[Seg]) -> tuple[str, str | None]:
    """Label cells of a positioned row: the words; short codes before them (priority, status,
    project or line number) are the row's code, the last numeric one preferred."""
    words = [s.text for s in segs if sum(ch.isalpha() for ch in s.text) >= 2]
    codes = [s.text for s in segs if sum(ch.isalpha() for ch in s.text) < 2]
    if not words and len(codes) == 1 and re.fullmatch(r"(?:19[5-9]\d|20[0-6]\d)", codes[0].strip()):
        return codes[0].strip(), None  # "2015": a year alone in the label column is the row's label
    label, code = _split_code(" ".join(words))
    numeric = [c for c in codes if c.replace(" ", "").isdigit()]
    return label, code or (numeric[-1] if numeric else (codes[-1] if codes else None))


_SHORT_WORDS = {"og", "i", "av", "på", "til", "fra", "frå", "for", "med", "om", "mv", "m.v.", "mm", "etc", "inkl", "ekskl"}


def _label_goes_on(label: str, text: str) -> bool:
    """A label-only line right under a row continues its label ("Lønn og sosiale" / "utgifter") when it
    starts in lower case or the label stops mid-phrase ("og", "-", ","); a capitalised line under a
    complete label ("Brutto driftsresultat" / "Finansinntekter/Finansutgifter") is the next section."""
    t = text.strip()
    if not t or not t[0].isupper():
        return True
    last = label.split()[-1].lower() if label.split() else ""
    return last in _SHORT_WORDS or label.rstrip().endswith(("-", ",", "/", "–"))


def _word_piece(text: str) -> bool:
    """The tail of a word broken by a narrow column, not a word of its own."""
    t = text.strip()
    return bool(re.fullmatch(r"[a-zæøåäö]{1,3}", t)) and t not in _SHORT_WORDS


def _value_x(rows: list[_Read]) -> float | None:
    """Left edge of the value area: the leftmost figure that stands right of its row's label."""
    xs = []
    for r in rows:
        label_end = max((s.x1 for s in r.label_segs or []), default=None)
        xs += [s.x0 for s in r.value_segs or [] if label_end is None or s.x0 > label_end]
    return min(xs) if xs else None


def _label_only(line: Line, value_x: float) -> bool:
    return bool(line.segs) and all(s.x1 <= value_x + 1 for s in line.segs)


def _continues_label(line: Line, previous: Line, row: TableRow, columns: list[Column]) -> bool:
    """A line holding only text left of the value columns, right under a row, continues its label."""
    if not line.segs or previous.number != row.line or previous.page != row.page:
        return False
    figures = [s.x0 for s in previous.segs or [] if is_value_text(s.text) and s.x0 > min(x.x0 for x in previous.segs)]
    label_end = max((s.x1 for s in previous.segs or [] if sum(ch.isalpha() for ch in s.text) >= 2), default=None)
    if not figures or label_end is None:
        return False
    first_value_x = min(x for x in figures if x > label_end) if any(x > label_end for x in figures) else None
    if first_value_x is None:
        return False
    return all(s.x1 <= first_value_x + 1 for s in line.segs) and len(line.text) <= 60


def _header_segs(line: Line, first_value_x: float | None) -> list[Seg]:
    """Header cells over the value columns; the label column's header ("Økonomiske oversikter")
    names no value column."""
    segs = line.segs or []
    if first_value_x is None:
        return segs
    grid = _on_grid(segs)  # grid cells: the label column ends where the first value column starts
    return [s for s in segs if (s.x0 >= first_value_x if grid else s.x1 > first_value_x + 1)
            or _is_col_word(s.text) or years_in(s.text)]


def _is_col_word(text: str) -> bool:
    from flows.reports.layout.headers import scenario_of

    return scenario_of(text) != "other"


def _place_segs(segs: list[Seg], columns: list[Column]) -> list[tuple[int, str]]:
    out = []
    value_cols = [(i, c) for i, c in enumerate(columns) if c.x0 is not None]
    for s in segs:
        best, best_score = None, None
        for i, c in value_cols:
            ov = min(s.x1, c.x1) - max(s.x0, c.x0)
            dist = abs((s.x0 + s.x1) / 2 - (c.x0 + c.x1) / 2)
            right = abs(s.x1 - c.x1)
            score = (-ov if ov > 0 else 0, min(dist, right))
            if best_score is None or score < best_score:
                best, best_score = i, score
        if best is not None and not columns[best].note:
            out.append((best, s.text))
    return out


# a unit of measure after a leading number: the number is a size the label names ("140 liter", "16,5 m3", "63 A"),
# never a line code
_MEASURE_AFTER = re.compile(r"(?:liter|litre|l|m|m2|m²|m3|m³|kvm|km|kg|tonn|mm|cm|kw|kwh|kva|a|ampere|tommer)(?=\s|$|[,.;:)])")


def _split_code(label: str) -> tuple[str, str | None]:
    m = _CODE.match(label) or _GLUED_CODE.match(label)
    if m and m.group("code") and (_MEASURE_AFTER.match(label, m.end()) and not label[m.end():m.end() + 1].isupper()
                                  or _MEASURE_AFTER.match(label.lower(), m.end())
                                  and re.match(r"(?:A|kW|kWh|kVA)(?=\s|$)", label[m.end():])):
        return label.strip(), None  # "140 liter", "63 A": a size
    if m and not re.match(r"^\d{4}\s", label) and not LEAD_PERIOD.match(label):  # "1. kvartal 2031" has no code
        return label[m.end():].strip(), m.groupdict().get("code") or m.groupdict().get("letter")
    return label.strip(), None


UNKNOWN_COLUMN = "?:"  # prefix of a value whose column cannot be told (more or fewer cells than columns)
_DETACHED_MINUS = re.compile(r"(?:^|(?<=\s))(?<![-–−]\s)[-–−]\s+(?=\d)")  # "- - 7 403": a dash after a dash is empty
_COMPANION = re.compile(r"(?<=\d)\s*\((\d{1,3}(?:,\d+)?\s*%?)\)(?=\s|$)")




def _digits(raw: str) -> int:
    return len(re.sub(r"\D", "", raw.split(",")[0]))


def _column_magnitudes(rows: list[str], n: int, note_col: bool) -> list[float] | None:
    """Median digit count per column over the rows whose reading is unambiguous: the prior that
    settles "- 3 778 671 - 672 331" (dashes as empty cells) against "-3 778 671 -672 331"."""
    per_col: list[list[int]] = [[] for _ in range(max(n, 0))]
    for values in rows:
        if re.search(r"(?:^|\s)[-–]\s", values):
            continue
        split, _ = _split_text_values(values, n, note_col, None)
        if split and len(split) == n:
            for j, raw in enumerate(split):
                if _digits(raw):
                    per_col[j].append(_digits(raw))
    if not any(per_col):
        return None
    return [sorted(c)[len(c) // 2] if c else None for c in per_col]


def _split_text_values(values: str, n: int, note_col: bool, magnitudes: list[float] | None = None
                       ) -> tuple[list[str] | None, str | None]:
    """Column values of a flattened row; a share printed in parentheses right after a figure
    ("499 (79,6%)", "11,8 (9,1)") belongs to the same column and comes back joined with " | "."""
    companions: list[tuple[int, str]] = []  # (index of the figure token it follows, text)

    def pull(m: re.Match) -> str:
        inner = m.group(1)
        if "%" not in inner and "," not in inner:
            return m.group(0)  # "(1 234)" is a negative figure, read below
        companions.append((len(values[:m.start()].split()) - 1 - len(companions), inner))
        return "  " if every else ""

    spaced = has_cell_gaps(values)
    shares = [m for m in _COMPANION.finditer(values) if "%" in m.group(1) or "," in m.group(1)]
    # every cell prints its share after it ("499 (26,7 %) 440 (22,7 %)"): each share ends its cell
    every = not spaced and n >= 2 and len(shares) == n and shares[-1].end() == len(values.rstrip())
    values = _COMPANION.sub(pull, values)
    if companions and spaced and not has_cell_gaps(values):
        return None, None  # the companions took the gaps' place: not a row of gap-separated cells after all
    raw, note = _split_plain(values, n, note_col, magnitudes)
    if raw and companions:
        ends, count = [], len(note.split()) if note else 0  # token index where each column's figure ends
        for r in raw:
            count += len(r.removeprefix(UNKNOWN_COLUMN).split())
            ends.append(count - 1)
        for token_index, text in companions:
            if token_index in ends:
                col = ends.index(token_index)
                raw[col] = f"{raw[col]} | ({text})"
    return raw, note


def _split_plain(values: str, n: int, note_col: bool, magnitudes: list[float] | None) -> tuple[list[str] | None, str | None]:
    values = re.sub(r"\((\d[\d ]*(?:,\d+)?)\)", r"-\1", values)
    if n <= 0:
        return None, None
    gapped = has_cell_gaps(values)
    if gapped:
        # cells separated by gaps: their count is read, not forced; the header's count may only
        # split a part into whole numbers ("3 095 859  2 926 800 3 086 979 -8 881  2 979 694")
        natural = gap_cells(values)
        if natural is None:
            return None, None
        note = None
        if note_col and len(natural) == n + 1 and is_note_cell(natural[0]):  # "12", "14,15": one note cell
            note, natural = natural[0], natural[1:]
        elif note_col and len(natural) == n and _note_before_decimals(natural):
            # "6  12,4  10,1  8,0  7,5" under a note column and five value columns: a whole number before figures that
            # all print decimals is the note; the row prints one figure fewer, and which column is empty is open
            return [UNKNOWN_COLUMN + v for v in natural[1:]], natural[0]
        if len(natural) == n:
            return natural, note
        chunks = [gap_cells(chunk) or [] for chunk in re.split(r"\s{2,}", values.strip())]
        if len(natural) + len(chunks) - 1 == n and any(len(c) >= 2 for c in chunks):
            # cells joined by single spaces ("313 098 0 313 098  0"): each gap is an empty cell
            out: list[str] = []
            for k, chunk in enumerate(chunks):
                out += ([""] if k else []) + chunk
            return out, note
        cands = candidate_splits(values, n, allow_note=note_col)  # never cuts a number the gaps delimit
        if not cands:
            return [UNKNOWN_COLUMN + v for v in natural], note
    else:
        cands = candidate_splits(values, n, allow_note=note_col, allow_fewer=True)
        if not cands:
            # more figures than columns: kept, their column unknown, when they read only one way
            natural = gap_cells(values)
            if natural and len(natural) > n and all(len(c.split()) == 1 or "," in c for c in natural):
                return [UNKNOWN_COLUMN + v for v in natural], None
    if not cands:
        return None, None
    full = [c for c in cands if len(c.values) == n]
    if full and not gapped and magnitudes is None and cands[0] is not full[0] and full[0].score - cands[0].score >= 3.0:
        full = []  # n cells only by cutting thousands apart ("2 613 13 549" as 2 | 613 | 13 | 549) where no row of the table reads n cells one way: fewer cells
    pool = full or cands
    best = pool[0]
    if not full and not gapped and magnitudes and all(len(c.values) == len(best.values) for c in pool[:2]):
        # fewer cells than the header names, where the other rows fill it ("Ymse 3 6 1 0 6" under eight
        # columns): which columns are empty the text cannot tell, so the cells keep no column
        return [UNKNOWN_COLUMN + r for r in best.raw], best.note
    if not full and not gapped and magnitudes and any(m is not None for m in magnitudes):
        # fewer cells than the header names, and the digit groups read as different counts of figures ("88 131":
        # 88 131, or 88 | 131): the reading whose figures have the sizes of the table's figures, when one clearly
        # does; its cells keep no column (which are empty the text cannot tell); else the row is left out
        return _sized_fewer(pool, magnitudes)
    if magnitudes and len(pool) > 1:
        def misfit(c) -> float:
            # against the columns' usual size, allowing the whole row to be larger (a total): "1 550 411 1 544 200 ..."
            # is one row of 7-digit figures, not a note "1" and a 6-digit figure (smaller is no excuse: cutting
            # figures into thousands groups makes every cell small)
            offsets = sorted(_digits(r) - m for r, m in zip(c.raw, magnitudes) if m is not None and _digits(r))
            shift = max(0, offsets[len(offsets) // 2]) if offsets else 0
            return sum(abs(o - shift) for o in offsets)
        close = [c for c in pool if c.score <= best.score + 1.0]
        best = min(close, key=lambda c: (misfit(c), c.score))
        rank = lambda c: (misfit(c), c.score)  # noqa: E731
    else:
        rank = lambda c: (c.score,)  # noqa: E731
    fewer = [c for c in cands if len(c.values) < n]
    if full and magnitudes and not gapped and fewer and (_cuts_a_figure(best.raw, magnitudes)
                                                         or fewer_fits(best.raw, fewer[0].raw, magnitudes)):
        # n cells only by cutting a figure of a column of thousands ("-5 182 -5 182 -5" as -5 182 | -5 | 182 | -5):
        # the row prints fewer cells, and which columns they fill the text cannot tell
        return [UNKNOWN_COLUMN + r for r in fewer[0].raw], fewer[0].note
    if full and not gapped and _tied(full, best, rank):
        # the digit groups cut into n figures two ways that nothing tells apart ("9 630 0 -9 630" under four columns:
        # 9 630 | 0 | -9 | 630 or 9 | 630 | 0 | -9 630): no guess; the fewer figures the groups read as one way only
        # keep no column (`short_rows` may place them), else the row is left out with a warning
        one = _only_reading(cands, n)
        return ([UNKNOWN_COLUMN + r for r in one.raw], one.note) if one else (None, None)
    return list(best.raw), best.note


def _sized_fewer(pool: list, magnitudes: list[float | None]) -> tuple[list[str] | None, str | None]:
    """The cells of the reading of fewer figures than columns whose figures sit the table's usual size (the median
    digit count of its columns) clearly best (by a digit at least per reading), as cells of no column; else none."""
    sizes = sorted(m for m in magnitudes if m is not None)
    usual = sizes[len(sizes) // 2]

    def misfit(c) -> float:
        return sum(abs(_digits(r) - usual) for r in c.raw if _digits(r)) / max(1, len(c.raw))

    ranked = sorted(pool[:8], key=lambda c: (misfit(c), c.score))
    if len(ranked) > 1 and misfit(ranked[1]) - misfit(ranked[0]) < 0.5 and ranked[1].raw != ranked[0].raw:
        return None, None
    return [UNKNOWN_COLUMN + r for r in ranked[0].raw], ranked[0].note


def _note_before_decimals(cells: list[str]) -> bool:
    """A note number (one or two digits, no decimals) before two or more figures that each print decimals."""
    figures = [c for c in cells[1:] if not re.fullmatch(r"[-–—−]+", c.strip())]
    return is_note_cell(cells[0]) and re.fullmatch(r"\d{1,2}", cells[0].strip()) is not None and len(figures) >= 2 \
        and all(re.search(r"\d,\d", c) for c in figures)


def _tied(full: list, best, rank) -> bool:
    """Another reading into n figures, of other figures, ranks as well as the chosen one."""
    key = rank(best)
    return any(c.raw != best.raw and all(abs(a - b) <= 1e-9 for a, b in zip(rank(c), key)) for c in full)


def _only_reading(cands: list, n: int):
    """The reading of fewer than n figures that the groups read only one way, the most figures first; None."""
    for m in range(n - 1, 0, -1):
        found = {(c.raw, c.note): c for c in cands if len(c.values) == m}
        if len(found) == 1:
            return next(iter(found.values()))
        if found:
            return None
    return None


def _cuts_a_figure(raw: tuple[str, ...], magnitudes: list[float | None]) -> bool:
    """A cell of one or two digits, in a column whose figures have four or more, right before a cell that is a bare
    group of three digits: a thousands group cut off its figure."""
    for j in range(len(raw) - 1):
        m = magnitudes[j] if j < len(magnitudes) else None
        if m is not None and m >= 4 and 1 <= _digits(raw[j]) <= 2 and re.fullmatch(r"\d{3}", raw[j + 1].strip()):
            return True
    return False


_DATED_LABEL = re.compile(rf"(?<![\d,])(?:[0-3]?\d\.[01]?\d\.)?{PRINTED_YEAR}$")


def _one_figure(label: str, values: str) -> str | None:
    """The one figure of a row under no head whose label names one year or day ("Fødselsoverskot 2020 2 508",
    "Folketal 31.12.2020 64 010"): a label that says a single figure, and figures that read as one number with its
    thousands grouped. Only a head asking for two cells would cut "2 508" into 2 and 508."""
    if not _DATED_LABEL.search(label) or has_cell_gaps(values):
        return None
    one = [c for c in candidate_splits(values, 1) if len(c.values) == 1]
    return one[0].raw[0] if one and not one[0].note else None


def _guess_columns(values: list[str]) -> int:
    # a share in parentheses after a figure ("1 131 (0,5 %)") goes with that figure's column: it is no column of its own
    values = [_COMPANION.sub(lambda m: " " if "%" in m.group(1) or "," in m.group(1) else m.group(0), v).strip()
              for v in values]
    counts = Counter()
    for v in values:
        if has_cell_gaps(v):
            cells = gap_cells(v)
            if cells:
                counts[len(cells)] += 2  # a row whose cells gaps delimit counts its columns exactly
                continue
        toks = v.split()
        # rows without space-grouped thousands give their column count directly
        if toks and not any(re.fullmatch(r"\d{3}(?:,\d+)?", t) for t in toks[1:]):
            counts[len(toks)] += 1
    if counts:
        return counts.most_common(1)[0][0]
    # every row groups thousands: the count every row cuts into, the one that reads best by typesetting when several do;
    # a figure of more than ten digits (a hundred billion) is no municipal amount but two figures run together
    fits = []
    for n in range(1, min(12, max((len(v.split()) for v in values), default=0)) + 1):
        best = [candidate_splits(v, n) for v in values[:40]]
        if all(best):
            huge = sum(len(re.sub(r"\D", "", r.split(",")[0])) > 10 for b in best for r in b[0].raw)
            fits.append((sum(b[0].score for b in best) + 5 * huge, -n))
    if fits:
        return -min(fits)[1]
    return max((len(v.split()) for v in values), default=0) // 2 or 1
