"""Labelled lists: a heading, then one line per label with its figures and their units, as web pages and key-figure
boxes print them (blank lines between the lines allowed):

    Netto driftsutgifter fordelt på tenesteområde:     ->   caption: the heading
    Skule 1 204,5 mill. kr 48,1 %                           rows: Skule | Helse | Kultur
    Helse 655,0 mill. kr 26,2 %                             columns: "Netto driftsutgifter (mill. kr)",
    Kultur 88,3 mill. kr 3,5 %                                       "Netto driftsutgifter (%)"

and key-figure lists "Label: value unit" ("Lånegjeld pr. 31.12.2008: 2 757,7 mill. kr") or "Label value" whose
label names a year or date ("Folketal 1.1. 2009 469 681": the year is the label's, the figure after it the value).

A line is an entry when it is a label (words, starting with a capital after an optional bullet; a year, a date or
"pr."/"per" may stand in it, no other figure) followed by one figure, or by figures each with its unit ("mill. kr",
"mrd. kr", "tkr", "kr", "%", "prosent", a short unit word such as "årsverk"); a figure with its unit is one figure, so
"2 757,7 mill. kr" never splits into "2" and "757,7". Every unit is a column; the rows print their figures under the
column of their unit, so the scale is each cell's own. The columns are named by the heading's measure (the words before
"fordelt på", "per", "etter", "by" ...) with the unit, else by the unit alone; the heading's one year names them when no
row names its own.

A run is read when it has two entries or more on one page, at least one of them with a unit or a year in its label (a
plain "Label value" list is the table finder's), after a heading line (a short line, a colon at its end or a heading
of the format) or of three entries or more. A run next to a line of other figures is part of another layout and left
as printed, as is a run whose rows print the same unit twice.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from flows.reports.layout.model import Line, Seg
from flows.reports.years import YEAR

_TABLE_ID_BASE = 74_000
_MIN_ENTRIES = 2
_MIN_UNHEADED = 3
_MAX_LABEL_WORDS = 8
_MAX_HEADING_WORDS = 16

_NUM = r"[-−–]?\s?(?:\d{1,3}(?:[ \u00a0]\d{3})+|\d+)(?:,\d+)?"
_MONEY_SCALE = (r"(?:millionar|millioner|miljoner|milliardar|milliarder|miljarder|tusental|tusen|mill|mrd)"
                r"(?:\.|(?![\wæøåäö]))")
_CURRENCY = r"kr\.?|kroner|kronor|nok|sek"
_UNIT = re.compile(
    rf"(?i)^(?P<pct>%|prosent\b|procent\b|percent\b|pst\.?)"
    rf"|^(?P<money>(?:{_MONEY_SCALE})(?:\s*(?:{_CURRENCY})(?![\wæøåäö]))?|(?:mnkr|mkr|tkr|mnok|msek|tnok|tsek)\b\.?"
    rf"|(?:{_CURRENCY})(?![\wæøåäö]))"
    r"|^(?P<word>[a-zæøåäö]{2,12}[²³]?\.?)(?![\wæøåäö])")
_FIGURE = re.compile(rf"(?P<kr>(?:kr\.?|NOK)\s*)?(?P<num>{_NUM})(?![\d,])")
_SEPARATOR = re.compile(r"\s*(?:[,;/]|og|and|och|\(|\)|[–-](?=\s))?\s*", re.I)
_BULLET = re.compile(r"^(?:[•·▪◦●■\-–*]|\d{1,2}[.)])\s+")
# the digits a label may print: a year, a date ("1.1.", "31.12.2008"), "1." of an ordinal date
_LABEL_FIGURE = re.compile(rf"^(?:\(?{YEAR}\)?:?|\d{{1,2}}\.\d{{1,2}}\.(?:{YEAR})?:?|\d{{1,2}}\.)$")
_LABEL_WORD = re.compile(r"^[^\W\d_][\w.\-/&()'’²³,:]*$")
# a label ending in a word a sentence runs on from ("Vi har", "Kommunen fekk") is the start of a sentence
_RUNS_ON = re.compile(r"(?i)^(?:og|i|på|av|til|for|med|som|er|var|ble|blei|vart|har|hadde|fekk|fikk|får|gav|ga|viser|"
                      r"utgjer|utgjør|utgjorde|om|fra|frå|och|är|var|blev|har|att|the|and|of|to|in|was|were|is|are|"
                      r"ein|eit|ei|en|et|den|det|dei|de)$")
_TOTAL = re.compile(r"(?i)^(?:sum|sum\s+\w+|totalt?|i\s+alt|samla|samlet|samlede|samla\s+\w+|totalsum)$")
_MEASURE_END = re.compile(
    r"(?i)\s+(?:fordelt|fordelte|fordeling|fordelinga|fördelat|fördelade|fördelning|distributed|split|broken|by|per|pr\.|"
    r"etter|efter|på|innan|innanfor|innenfor|inom|mellom|mellan|between|for\s+dei|for\s+de|til\s+dei|til\s+de|"
    r"i\s+dei|i\s+de)\b")
_TRAILING_VERB = re.compile(r"(?i)\s+(?:er|var|vart|ble|blei|blir|vert|är|blev|blir|was|were|is|are|har|hadde)$")


@dataclass
class _Value:
    printed: str  # the figure as the cell prints it ("1 204,5", "48,1 %")
    key: str  # "pct" | "money:<scale>" | "word:<unit>" | "none"
    unit: str  # the unit as printed, normalised ("mill. kr", "%", "årsverk", "")


@dataclass
class _Entry:
    index: int
    label: str
    values: list[_Value]
    dated: bool  # the label names a year or date


def _unit_of(text: str, at: int) -> tuple[re.Match | None, int]:
    rest = text[at:]
    lead = len(rest) - len(rest.lstrip())
    m = _UNIT.match(rest.lstrip())
    return (m, at + lead + m.end()) if m else (None, at)


def _money_key(unit: str, kr_first: bool) -> tuple[str, str]:
    from flows.reports.layout.scale import scale_of

    found = scale_of(unit) if unit else None
    scale = found[0] if found else 1.0
    name = {1e3: "1000 kr", 1e6: "mill. kr", 1e9: "mrd. kr"}.get(scale, "kr")
    return f"money:{scale:g}", name


def _values(tail: str) -> list[_Value] | None:
    """The figures of a line's tail with their units, or None unless the tail is exactly that: one figure (a unit
    optional), or figures each followed by its unit."""
    out: list[_Value] = []
    at = 0
    tail = tail.rstrip()
    if tail.endswith("."):
        tail = tail[:-1].rstrip()
    while at < len(tail):
        sep = _SEPARATOR.match(tail, at)
        if out and sep:
            at = sep.end()
        m = _FIGURE.match(tail, at)
        if not m:
            return None
        unit_m, end = _unit_of(tail, m.end())
        num = " ".join(m.group("num").split())
        num = re.sub(r"^([-−–]) ", r"\1", num)
        if unit_m is None and m.group("kr"):
            out.append(_Value(num, "money:1", "kr"))
        elif unit_m is None:
            out.append(_Value(num, "none", ""))
        elif unit_m.group("pct"):
            out.append(_Value(f"{num} %", "pct", "%"))
        elif unit_m.group("money"):
            key, name = _money_key(unit_m.group("money"), bool(m.group("kr")))
            out.append(_Value(num, key, name))
        else:
            word = unit_m.group("word").lower()
            if _RUNS_ON.match(word.rstrip(".")):
                return None
            out.append(_Value(num, f"word:{word}", word))
        at = end
        rest = tail[at:]
        if rest.strip(" )") == "":
            break
    if not out:
        return None
    if len(out) > 1 and any(v.key == "none" for v in out):
        return None  # figures without their units side by side: the table finder's columns
    if len({v.key for v in out}) != len(out):
        return None  # one unit twice: years or periods side by side, another layout
    return out


def _declaration(text: str) -> bool:
    """A line that only declares a scale ("Tall i hele 1000 kr", "Beløp i 1 000 kr"): its one figure is the scale's."""
    from flows.reports.layout.tables import _DECLARATION_WORDS, _only_declaration_figures

    return _only_declaration_figures(text) and all(_DECLARATION_WORDS.match(w.strip("():,.")) or w.strip("():,.").isdigit()
                                                   for w in text.split() if w.strip("():,."))


def entry(text: str) -> tuple[str, list[_Value], bool] | None:
    """(label, values, the label names a year or date) of a line "Label[:] figure unit [figure unit]", else None."""
    t = " ".join(text.split())
    t = _BULLET.sub("", t)
    if not t[:1].isupper() or len(t) > 160:
        return None
    words = list(re.finditer(r"\S+", t))
    for k in range(1, len(words)):
        label_words = [w.group(0) for w in words[:k]]
        if len(label_words) > _MAX_LABEL_WORDS + 2:
            return None
        tail = t[words[k].start():]
        if not re.match(r"(?:kr\.?\s*|NOK\s*)?[-−–]?\s?\d", tail):
            continue
        if not all(_LABEL_WORD.match(w) or _LABEL_FIGURE.match(w) or w.lower() in ("pr.", "per", "pr")
                   for w in label_words):
            return None
        values = _values(tail)
        if values is None:
            continue
        if all(re.fullmatch(YEAR, v.printed) for v in values):
            return None  # "Nøkkeltal 2021", "Budsjett 2017 Regnskap 2017 Avvik": the years name the line or its heads
        if _declaration(t):
            return None  # "Tall i hele 1000 kr": a table's scale, no entry
        label = " ".join(label_words).rstrip(":").strip()
        if label.endswith(("."," ,")) and not re.search(r"\d\.$|\b\w{1,4}\.$", label):
            return None
        if label.endswith(",") or _RUNS_ON.match(label_words[-1].rstrip(":")) \
                or sum(1 for w in label_words if not _LABEL_FIGURE.match(w)) > _MAX_LABEL_WORDS:
            return None
        if re.search(r"[^\W\d_]{4,}[.!?;]\s+[A-ZÆØÅ]|[!?;]\s", label):
            return None  # a sentence ends in it
        dated = any(_LABEL_FIGURE.match(w) for w in label_words)
        return label, values, dated
    return None


def _heading(line: Line) -> bool:
    t = " ".join(line.text.split())
    if not t or line.segs is not None or line.table_id is not None:
        return False
    if line.heading:
        return True
    if len(t.split()) > _MAX_HEADING_WORDS or t.endswith((".", "!", "?", ",")):
        return False
    t = re.sub(r"^\d{1,2}(?:\.\d{1,2})*\.?\s+(?=[^\W\d_])", "", t)  # "3.2 Økonomi:": a numbered heading
    return not re.search(r"\d", re.sub(YEAR, " ", re.sub(r"\d{1,2}\.\d{1,2}\.(?:\d{4})?", " ", t)))


def _measure(heading: str) -> str:
    """The measure a heading names ("Netto driftsutgifter fordelt på tenesteområde:" -> "Netto driftsutgifter"), or
    "" when it names none before a distribution phrase."""
    t = " ".join(heading.split()).rstrip(":").strip()
    t = re.sub(r"^\d{1,2}(?:\.\d{1,2})*\.?\s+(?=[^\W\d_])", "", t)  # its section number names nothing
    m = _MEASURE_END.search(t)
    if not m:
        return ""
    measure = _TRAILING_VERB.sub("", t[:m.start()]).strip(" ,")
    return measure if sum(ch.isalpha() for ch in measure) >= 3 else ""


def _years(text: str) -> list[int]:
    return [int(y) for y in re.findall(rf"(?<![\d,.]){YEAR}(?![\d,])", text)]


def expand_unit_lists(lines: list[Line]) -> list[Line]:
    plain = [k for k, line in enumerate(lines) if line.segs is None and line.table_id is None and line.text.strip()]
    replace: dict[int, list[Line]] = {}
    tid = max([_TABLE_ID_BASE - 1] + [line.table_id or 0 for line in lines])
    found: dict[int, tuple[str, list[_Value], bool] | None] = {}

    def entry_at(k: int):
        if k not in found:
            found[k] = entry(lines[k].text) if not lines[k].heading and not lines[k].prose else None
        return found[k]

    i = 0
    while i < len(plain):
        if entry_at(plain[i]) is None:
            i += 1
            continue
        j = i
        run: list[_Entry] = []
        while j < len(plain) and lines[plain[j]].page == lines[plain[i]].page and (e := entry_at(plain[j])):
            run.append(_Entry(plain[j], *e))
            j += 1
        i_next = j
        before = plain[i - 1] if i > 0 and lines[plain[i - 1]].page == lines[plain[i]].page else None
        after = plain[j] if j < len(plain) and lines[plain[j]].page == lines[plain[i]].page else None
        heading = before is not None and _heading(lines[before])
        if _readable(lines, run, heading, before, after):
            tid += 1
            _write(replace, lines, run, lines[before].text if heading else "", tid)
        i = max(i_next, i + 1)
    if not replace:
        return lines
    return [new for k, line in enumerate(lines) for new in replace.get(k, [line])]


def _figures_line(line: Line) -> bool:
    """A line printing figures other than years and dates: the row of another layout."""
    t = re.sub(r"\d{1,2}\.\d{1,2}\.(?:\d{4})?", " ", line.text)
    t = re.sub(rf"(?<![\d,.]){YEAR}(?![\d,])", " ", t)
    return bool(re.search(r"\d", t))


def _readable(lines: list[Line], run: list[_Entry], heading: bool, before: int | None, after: int | None) -> bool:
    if len(run) < _MIN_ENTRIES or (not heading and len(run) < _MIN_UNHEADED):
        return False
    if not any(v.key != "none" for e in run for v in e.values) and not any(e.dated for e in run):
        return False  # a plain "Label value" list: the table finder reads it
    if before is not None and not heading and _figures_line(lines[before]) and lines[before].text.rstrip()[-1:] not in ":":
        return False
    if after is not None and _figures_line(lines[after]) and len(lines[after].text.split()) <= 12:
        return False  # a row of other figures right after: the run is part of another table
    return True


def _write(replace: dict[int, list[Line]], lines: list[Line], run: list[_Entry], heading: str, tid: int) -> None:
    keys: list[str] = []
    units: dict[str, str] = {}
    word_units: dict[str, set[str]] = {}
    for e in run:
        for v in e.values:
            key = "word" if v.key.startswith("word:") else v.key
            if key not in keys:
                keys.append(key)
            units.setdefault(key, v.unit)
            if key == "word":
                word_units.setdefault(key, set()).add(v.unit)
    amounts = [k for k in keys if k.startswith("money:")]
    measure = _measure(heading) if heading else ""
    dated = any(e.dated for e in run)
    years = _years(heading)
    year = str(years[0]) if len(set(years)) == 1 and not dated and str(years[0]) not in measure else ""

    def unit(key: str) -> str:
        if key == "none" or (key == "word" and len(word_units["word"]) > 1):
            return ""
        return units[key]

    col = {k: j + 1 for j, k in enumerate(keys)}
    base = " ".join(p for p in (measure, year) if p)
    # two header rows on the grid when the heading names the measure: it spans every column, the units stand under it
    heads = [[Seg(base, 1.0, float(len(keys) + 1))]] if base else []
    heads.append([Seg(unit(k), float(col[k]), float(col[k] + 1)) for k in keys])
    first = lines[run[0].index]
    # the header stands on the first row's line, right above it
    replace[run[0].index] = [Line(page=first.page, number=first.number, text="  ".join(s.text for s in head),
                                  header=True, table_id=tid, segs=head) for head in heads if any(s.text for s in head)]
    for k in range(run[0].index + 1, run[-1].index):
        if not lines[k].text.strip():  # blank lines between the rows stay in the table
            replace[k] = [Line(page=lines[k].page, number=lines[k].number, text="", table_id=tid)]
    for e in run:
        line = lines[e.index]
        segs = [Seg(e.label, 0.0, 1.0)]
        for v in e.values:
            key = "word" if v.key.startswith("word:") else v.key
            if key == "none" and len(amounts) == 1 and len(e.values) == 1 and _TOTAL.match(e.label):
                key = amounts[0]  # "Sum 1 948,8": the total of the amount column
            segs.append(Seg(v.printed, float(col[key]), float(col[key] + 1)))
        replace.setdefault(e.index, []).append(Line(page=line.page, number=line.number, text="  ".join(s.text for s in segs),
                                                    table_id=tid, segs=segs))
