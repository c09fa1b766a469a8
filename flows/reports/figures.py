"""Figures stated in running text: a number with its unit, the words it measures and its year.

"Samlet sykefravær i 2020 på 4,7 %", "sjukefråværet var 6,6 %", "81,3 årsverk", "kr 427,9
millionar", "8,3 milliarder kroner", "4 819 ansatte". Pure and general: no metric is named here;
the topic is the document's own words before the figure (classification happens later).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from flows.reports.layout.model import Layout
from flows.reports.numbers import normalise_minus, parse_number

_NUM = r"-?\d{1,3}(?:[ \u00a0]\d{3})+(?:,\d+)?|-?\d+(?:[.,]\d+)?"
_WORDS = {"to": 2, "tre": 3, "fire": 4, "fem": 5, "seks": 6, "sju": 7, "syv": 7, "åtte": 8, "ni": 9, "ti": 10,
          "elleve": 11, "tolv": 12, "tjue": 20, "tretti": 30, "førti": 40, "femti": 50, "hundre": 100}
_FIGURE = re.compile(
    rf"(?P<minus>\bminus\s+)?(?P<kr>\b(?:kr|sek)\.?\s*)?(?:(?P<num>{_NUM})|(?P<word>\b(?:{'|'.join(_WORDS)})\b))(?:,-)?\s*"
    r"(?:(?P<pct>%|prosent\b|procent\b|pst\.?)|(?P<mag>milliard(?:ar|er)?|mrd\.?|mill+ion(?:ar|er)?|miljon(?:er)?|mill\.?|mnkr|mnok|mkr|mdkr|tkr)\s*(?P<kr2>kr\.?|kroner|kronor|nok)?"
    r"|(?P<kr3>kr\.?|kroner|kronor|nok)(?![a-zæøå])|(?P<noun>[A-Za-zÆØÅæøåé«»\-]+))?",
    re.IGNORECASE,
)
_YEAR = re.compile(r"(?<![\d,.])(?:19[5-9]\d|20[0-6]\d)(?![\d,])")
_STOP = {"på", "var", "er", "ble", "blei", "vart", "med", "til", "i", "av", "og", "for", "om", "som", "ein", "en",
         "et", "eit", "det", "den", "har", "hadde", "totalt", "samla", "samlet", "om lag", "ca", "ca.", "rundt",
         "kr", "kr.", "frå", "fra", "av", "dei", "de", "siste", "utgjør", "utgjorde", "utgjer", "dette", "seg", "på", "pr.", "per", "hele", "heile"}
_MAG = {"mrd": 1e9, "mdk": 1e9, "mil": 1e6, "mnk": 1e6, "mno": 1e6, "mkr": 1e6, "tkr": 1e3}
_UNIT_NOUNS = {"årsverk": "fte", "ansatte": "persons", "tilsette": "persons", "medarbeidere": "persons",
               "innbyggere": "persons", "innbyggjarar": "persons", "elever": "persons", "elevar": "persons",
               "personar": "persons", "personer": "persons", "år": "years"}


@dataclass(frozen=True)
class ProseFigure:
    page: int
    line: int
    text: str  # the sentence, trimmed
    topic: str  # the document's words the figure is about
    value: float  # base units: NOK, percent number, count
    unit: str  # pct | nok | count | fte | persons | years
    year: int | None
    printed: str


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+(?=[A-ZÆØÅ«•])|\s•\s", text) if s.strip()]


def prose_figures(layout: Layout, report_year: int | None) -> list[ProseFigure]:
    in_table = {(r.page, r.line) for t in layout.tables for r in t.rows}
    out: list[ProseFigure] = []
    for page, number, text in _paragraphs(layout, in_table):
        if len(text) < 12 or not re.search(r"\d", text):
            continue
        for sentence in _sentences(text):
            out.extend(_read_sentence(sentence, page, number, report_year))
    return out


def _paragraphs(layout: Layout, in_table: set[tuple[int, int]]):
    """Running text as paragraphs: wrapped lines of one paragraph are joined (a figure broken over
    two lines, "nesten 58 / 000 saker", is read whole); page and first line give the provenance."""
    buf: list[str] = []
    start: tuple[int, int] | None = None
    prev_page = None
    for line in layout.lines:
        text = " ".join(normalise_minus(line.text).split())
        breaks = not text or line.heading or (line.page, line.number) in in_table or line.page != prev_page \
            or (line.segs is not None and len(line.segs) > 1)
        if breaks and buf:
            yield start[0], start[1], " ".join(buf)
            buf, start = [], None
        prev_page = line.page
        if not text or line.heading or (line.page, line.number) in in_table:
            continue
        if line.segs is not None and len(line.segs) > 1:
            yield line.page, line.number, text
            continue
        if start is None:
            start = (line.page, line.number)
        buf.append(text)
        if len(text) < 40 and not text.endswith((",", "og", "i", "på")):
            yield start[0], start[1], " ".join(buf)  # a short line ends its paragraph (a heading, a list item)
            buf, start = [], None
    if buf:
        yield start[0], start[1], " ".join(buf)


def _scale_span(sentence: str) -> tuple[int, int] | None:
    from flows.reports.layout.scale import scale_of

    if len(sentence) > 80:
        return None  # a sentence, not a caption
    found = scale_of(sentence)
    if not found or not re.search(r"\d", found[1]):
        return None
    at = sentence.find(found[1])
    return (at, at + len(found[1])) if at >= 0 else None


def _read_sentence(sentence: str, page: int, line: int, report_year: int | None) -> list[ProseFigure]:
    found = []
    years = [(m.start(), int(m.group(0))) for m in _YEAR.finditer(sentence)]
    declared = _scale_span(sentence)
    for m in _FIGURE.finditer(sentence):
        if declared and m.start() < declared[1] and m.end() > declared[0]:
            continue  # "tall i 1 000 kroner" declares a table's scale; it states no figure
        raw = m.group("num") or ""
        if m.group("word"):
            noun = m.group("noun") or ""
            if not noun or noun[0].isupper() or noun.lower() in _STOP or len(noun) < 3 or m.group("pct") or m.group("mag"):
                continue  # "to" and "ni" are words first; a number word counts only before a counted noun
            raw = str(_WORDS[m.group("word").lower()])
        if _YEAR.fullmatch(raw) and not (m.group("pct") or m.group("mag") or m.group("kr") or m.group("kr3")):
            continue  # a year, not a figure
        before = sentence[max(0, m.start() - 12):m.start()]
        num_end = m.end("num") if m.group("num") else m.end("word")
        if re.search(r"(?:(?:§|\b(?:side|nr|kl|tlf)\.?)\s*|\d[.:/])$", before) or re.match(r"^[.:/]\d", sentence[num_end:num_end + 2]):
            continue  # paragraph, page, phone, dates and times
        value = parse_number(raw)
        if value is None:
            continue
        if m.group("minus"):
            value = -value
        unit, scale = "count", 1.0
        if m.group("pct"):
            unit = "pct"
        elif m.group("mag"):
            unit, scale = "nok", _MAG.get(m.group("mag").lower()[:3], 1e6)
            if m.group("mag").lower().startswith("milliard"):
                scale = 1e9
            value = (parse_number(raw, decimal_dot=True) or value) * (-1 if m.group("minus") else 1)
        elif m.group("kr") or m.group("kr3"):
            unit = "nok"
        elif m.group("noun"):
            if m.group("noun")[0].isupper():
                continue  # "4 Andre skatteinntekter": a line code before a label
            noun = m.group("noun").lower()
            unit = _UNIT_NOUNS.get(noun, "count")
        if unit == "count" and not m.group("noun"):
            continue  # a bare number without unit or counted noun is not a stated figure
        if m.group("noun") and unit in ("count", "fte", "persons"):
            topic = m.group("noun")  # "58 000 journalposter": the counted noun is what the figure measures
        else:
            topic = _topic(sentence[:m.start()], None) or _topic(sentence[m.end():], None, first=True)
        if not topic:
            continue
        year = None
        prior = [y for pos, y in years if pos < m.start()]
        later = [y for pos, y in years if pos > m.end()]
        year = prior[-1] if prior else (later[0] if later else report_year)
        found.append(ProseFigure(page=page, line=line, text=sentence[:300], topic=topic,
                                 value=round(value * scale, 6), unit=unit, year=year, printed=m.group(0).strip()))
    return found


def _topic(before: str, noun: str | None, *, first: bool = False) -> str:
    words = re.findall(r"[A-Za-zÆØÅæøåé\-]+", before)
    content = [w for w in words if w.lower() not in _STOP and len(w) > 2]
    topic = " ".join(content[:3] if first else content[-3:])
    if noun:
        topic = f"{topic} {noun}".strip() if topic else noun
    return topic
