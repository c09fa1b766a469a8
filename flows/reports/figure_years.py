"""Which year (and scenario) each figure of one sentence states.

A sentence often states several figures for several years or scenarios; each figure gets its own:

- a year written right after the figure is its year ("5,1 % i 2019", "6,3 % (2021)", "3,9 % året før");
- a figure in parentheses right after another figure is that figure's comparison: its year or scenario is
  what the parenthesis writes ("12,3 mill. kr (8,1 mill. kr i 2016)", "(2019: 115)", "(budsjett 405 mill.)"),
  else what the document declared for its parentheses ("Tall for 2016 i parentes"), else unknown: the
  caller emits nothing for it;
- "henholdsvis", "respektive", "respectively": the figures pair in order with the years the sentence names
  ("i 2019 og 2020 var henholdsvis 5,1 og 6,3 %");
- else the last year written before the figure that no earlier figure claimed ("Sykefraværet i 2019 var ..."),
  else a year after it with no figure between ("4 819 ansatte ved utgangen av 2020"), else the report year.

Pure: positions in, years out. Nothing here names an organisation, unit or document.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from flows.reports.numbers import FIGURE_NUMBER
from flows.reports.years import YEAR
from flows.reports.years import YEAR_TOKEN as _YEAR_TOKEN

# the year before the year a text was written in, in words that count only when the text's writing year is known ("förra
# året", "sidste år": in a foreword written after the year with no title saying so, they often mean the report year)
_WRITTEN_PRIOR = r"(?:förra\s+året|sidste\s+år)"
# the year before the report year, in words
_PRIOR_WORDS = r"(?:i\s+fjor|i\s+fjar|förra\s+året|sidste\s+år(?!\w)|fjor(?:året|aaret)|året\s+før|året\s+før\s+det|forrige\s+år|førre\s+år|året\s+før|" \
               r"last\s+year|the\s+year\s+before|the\s+previous\s+year|the\s+prior\s+year|prior\s+year|previous\s+year|" \
               r"(?:det\s+)?foregående\s+år|föregående\s+år|året\s+innan|året\s+dessförinnan)"
PRIOR_WORDS = _PRIOR_WORDS  # the prior year in words, for the prose reader's comparisons ("84,4 året før")
_PRIOR_TOKEN = re.compile(rf"(?i)(?<![\wæøå]){_PRIOR_WORDS}(?![\wæøå])")
# what may stand between a figure and the year it is for: "5,1 % i 2019", "120 årsverk i 2018", "6,3 % (2021)", a year
# closing the clause ("… mot 8,22 procent 2021.")
_ATTACHED = re.compile(rf"(?i)\s*(?:(?:i|in|for|för|pr\.?|per|år|året|ultimo|ved\s+utgangen\s+av|ved\s+udgangen\s+af|"
                       rf"vid\s+utgången\s+av|at\s+the\s+end\s+of)\s+"
                       rf"(?P<year>{YEAR})(?!\d|,\d)|\(\s*(?P<year2>{YEAR})\s*\)|(?={YEAR}\s*(?:[.;!?]|,\s|$))(?P<year3>{YEAR})"
                       rf"|(?P<prior>{_PRIOR_WORDS})(?![\wæøå]))")
# a date printed with dots ("31.12.2018", "01.01.2019"): the figure it dates is of its year
_DOTTED_DATE = re.compile(rf"(?<![\d.])\d{{1,2}}\.\s?\d{{1,2}}\.\s?(?P<year>{YEAR})(?!\d)")
_YEAR_LIST = re.compile(rf"{YEAR}(?:\s*,\s*{YEAR})*\s*(?:,|og|and|och)\s*{YEAR}(?!\d|,\d)")
_BUDGET = re.compile(r"(?i)^\s*(?:revidert\s+|opprinneleg\s+|opprinnelig\s+|justert\s+|revised\s+)?"
                     r"(?:budsjett\w*|budget\w*|budsjettert|budgeted)\b")
_PAREN_LABEL = re.compile(rf"(?i)^\(\s*(?:(?P<year>{YEAR})|(?P<prior>{_PRIOR_WORDS}))\s*[:=]?\s*$")
RESPECTIVELY = re.compile(r"(?i)\b(?:henholdsvis|høvesvis|respektive|respektivt|respectively)\b")

# "Tall for 2016 i parentes", "fjorårets tall i parentes", "(2016-tall i parentes)", "figures for 2016 in brackets"
_DECLARED = re.compile(
    rf"(?i)(?:(?:tall|tal|tala|beløp|figures?|amounts?)\s+(?:for|fra|frå)\s+(?P<year>{YEAR})|(?P<year2>{YEAR})[- ]?(?:tall|tal)"
    rf"|(?P<prior>fjorårets|fjorårstall|fjorårstal|forrige\s+års|førre\s+års|last\s+year'?s|prior\s+year'?s|previous\s+year'?s)"
    rf"(?:\s+(?:tall|tal|tala|figures?|amounts?))?|(?P<budget>budsjett(?:et|tall|tal)?|budget(?:ed)?(?:\s+figures?)?))"
    rf"\s+(?:står\s+|er\s+|vises\s+|stand\s+|are\s+|shown\s+)?(?:i|in)\s+(?:parentes|parantes|klammer|brackets|parenthesis|parentheses)")


# the prior-year words that count from the year the sentence is about, not from the report's ("året før", "the year
# before", "året innan"; "i fjor", "last year" count from the year the text was written: place_figures)
_BEFORE_THAT = re.compile(r"(?i)året\s+før|the\s+year\s+before|the\s+previous\s+year|året\s+innan|året\s+dessförinnan|"
                          r"(?:det\s+)?foregående\s+år|föregående\s+år")


# a time whose year the text extraction lost: "i"/"in" after a figure, then the next sentence's first word or the end
# ("mot et mindreforbruk på 12,8 mill. i Når regnskapet ..."): a comparison figure's time, the year before
_LOST_YEAR = re.compile(r"\s*(?:i|in|år)\s*(?:[.]?\s*$|(?=(?:Når|Det|Dette|Den|Denne|Da|Men|Og|Som|Vi|Hvis|Etter|Med|Til|"
                        r"Samtidig|Likevel|Derfor|Dermed|Kommunen|Ein|Eit|En|Et|The|This|It|We|When|However)\s))")


# the year a figure is compared with, after the figure ("5,7 %, eit prosentpoeng lågare enn i 2018", "134 millioner kroner
# lavere enn i 2017", "redusert med 134 mill. fra 2018 og var 1 759 mill.", "ein auke på 16 millionar frå 2013"): the
# base of the comparison dates no figure of the sentence ("fra"/"from" only after a word of change or comparison:
# "tall fra 2018" dates its figures)
_BASE_YEAR = re.compile(r"(?i)(?<![\wæøåäö])(?:(?P<than>enn|än|than|sammenlignet\s+med|samanlikna\s+med|jämfört\s+med|"
                        r"compared\s+(?:with|to)|i\s+forhold\s+til)|(?P<from>fra|frå|från|from|siden|sidan|sedan|since))(?:\s+(?:i|in|år|året))?\s+$")
_CHANGE_WORD = re.compile(r"(?i)(?<![\wæøåäö])(?:øk|auk|redus|nedgang|lavere|lågare|høyere|høgare|mer|meir|mindre|flere|fleire|"
                          r"færre|bedre|betre|dårlig|endr|vekst|steg|sank|falt|ökn|ökad|minsk|högre|lägre|increas|decreas|"
                          r"rose|fell|grew|lower|higher|more|less|fewer)")


def base_years(text: str, spans: list[tuple[int, int]], years: list) -> set[int]:
    """Positions of the years in `years` that are the base a figure before them is compared with."""
    out = set()
    for pos, _, _ in years:
        earlier = [a for a, b in spans if b <= pos]
        if not earlier or not re.fullmatch(r"\d{4}", text[pos:pos + 4]):
            continue
        m = _BASE_YEAR.search(text[max(0, pos - 40):pos])
        if m and (m.group("than") or _CHANGE_WORD.search(text[max(earlier[-1] - 60, 0):pos])):
            out.add(pos)
    return out


def _printed_year_of(text: str, span: tuple[int, int], years: list) -> bool:
    """Whether the figure at `span` has a year printed in the sentence before the next words (right after it, or
    earlier in the sentence), rather than the report year by default."""
    return any(pos < span[0] or span[1] <= pos <= span[1] + 12 for pos, _, _ in years)


@dataclass(frozen=True)
class Parenthesis:
    """What the document says a figure in parentheses beside another figure is: a year or a budget."""

    year: int | None = None
    scenario: str | None = None


# a note on figures in parentheses that names no year or plan, or whose date the text lost ("Tall i parentes.", "Tall i
# parentes pr"): in a report of a year, the figures beside its own are the year before's
_DECLARED_UNDATED = re.compile(
    r"(?i)\(?\s*(?:tall|tal|tala|tallene|figures?)\s+(?:står\s+|er\s+|vises\s+|are\s+|shown\s+)?(?:i|in)\s+"
    r"(?:parentes|parantes|klammer|brackets|parenthesis|parentheses)\s*(?:pr\.?|per|as\s+(?:at|of))?\s*[.:)]*\s*")


def declared_parenthesis(text: str, report_year: int | None) -> Parenthesis | None:
    """The convention a sentence declares for figures in parentheses, if any."""
    m = _DECLARED.search(text)
    if not m:
        if _DECLARED_UNDATED.fullmatch(text.strip()) and report_year:
            return Parenthesis(year=report_year - 1)
        return None
    if m.group("budget"):
        return Parenthesis(scenario="budget")
    if m.group("prior"):
        return Parenthesis(year=report_year - 1) if report_year else None
    return Parenthesis(year=int(m.group("year") or m.group("year2")))


@dataclass(frozen=True)
class Placed:
    year: int | None  # None with `dropped`: the figure's year is unknown
    scenario: str | None = None  # "budget" when the figure is a budget's
    dropped: bool = False  # a comparison figure whose year or scenario the text does not say
    paired: str | None = None  # what "henholdsvis" pairs the figure with, when not a year ("Oppvekst")


def place_figures(text: str, spans: list[tuple[int, int]], report_year: int | None,
                  declared: Parenthesis | None = None, measures: list | None = None,
                  written: int | None = None) -> list[Placed]:
    """The year and scenario of each figure at `spans` (start, end of the printed figure, in order) of `text`;
    `measures` says what each figure measures (a figure in parentheses measuring something else than the figure
    before it is no comparison: "122 (39,4 %)", "91 350 innbyggere (37 600 abonnement)"); `written`: the year the
    text was written in when it is dated ("Resultatbørsen 2018/02") or known to be written after its year (an annual
    report): "i fjor", "last year" count from it, else from the report year; "året før", "the previous year" count
    from the report year (or the year of the figure before)."""
    base = written or report_year

    def prior_of(words: str) -> int | None:
        """The year the prior-year words stand for: the year before the writing for "i fjor", else before the report's."""
        if re.fullmatch(rf"(?i){_WRITTEN_PRIOR}", words.strip()):
            return written - 1 if written else report_year  # unknown writing year: the report year it often means
        if LAST_YEAR.fullmatch(words.strip()):
            return base - 1 if base else None
        return report_year - 1 if report_year else base - 1 if base else None

    years = [(m.start(), m.end(), int(m.group(0))) for m in _YEAR_TOKEN.finditer(text)]
    # "pr. 31.12.2018 hadde kommunen ...": a date before a figure dates it (one after it may date anything: a meeting)
    dated = {m.start("year"): int(m.group("year")) for m in _DOTTED_DATE.finditer(text)}
    years += [(pos, pos + 4, year) for pos, year in dated.items()]
    years.sort()
    if base:
        years += [(m.start(), m.end(), prior_of(m.group(0))) for m in _PRIOR_TOKEN.finditer(text) if prior_of(m.group(0))]
        years.sort()
    # the year the organisation was founded, converted or merged dates none of its figures ("etablert i 2005")
    from flows.reports.event_years import history_year_positions

    history = history_year_positions(text, report_year)
    years = [y for y in years if y[0] not in history]
    # years inside figures, and "(2019: 115)" labels (the figure after them is theirs), are no sentence years
    years = [y for y in years if not any(a <= y[0] < b for a, b in spans)
             and not re.match(r"\s*:", text[y[1]:y[1] + 3]) or text[max(0, y[0] - 2):y[0]].strip() != "("]
    claimed: set[int] = set()  # positions of years a figure claimed as its own
    claimed |= base_years(text, spans, years)  # the base of a comparison is no figure's year
    out: list[Placed] = []
    defaulted: set[int] = set()  # the figures the sentence dates nowhere (the report year's by default)
    for k, (start, end) in enumerate(spans):
        attached = _ATTACHED.match(text, end)
        listed = _YEAR_LIST.match(text, attached.start("year")) if attached and attached.group("year") else None
        if listed:  # "8,1 og 9,4 % i 2020 og 2021": the figures listed before pair in order with the years listed
            years_listed = [int(y) for y in re.findall(r"\d{4}", listed.group(0))]
            first = k
            while first > 0 and re.fullmatch(r"(?i)\s*(?:,|og|and|eller|or)\s*", text[spans[first - 1][1]:spans[first][0]]):
                first -= 1
            if k - first + 1 == len(years_listed) and not any(p.year is None for p in out[first:k]):
                out[first:k] = [Placed(y) for y in years_listed[:-1]]
                out.append(Placed(years_listed[-1]))
                claimed.update(m.start() for m in re.finditer(r"\d{4}", text[:listed.end()]) if m.start() >= listed.start())
                continue
        if attached:
            printed = attached.group("year") or attached.group("year2") or attached.group("year3")
            year = int(printed) if printed else prior_of(attached.group("prior"))
            if not printed and k and out[k - 1].year and _BEFORE_THAT.match(attached.group("prior")) \
                    and _printed_year_of(text, spans[k - 1], years):
                year = out[k - 1].year - 1  # "97 utryckningar 2018 jämfört med 79 året innan": the year before 2018
            elif not printed and year and k and out[k - 1].year and year >= out[k - 1].year \
                    and _compared_with_before(text, spans, k):
                year = out[k - 1].year - 1  # "6,1 % i 2031, mot 6,5 % i fjor" written in 2032: the year before 2031
            claimed.add(attached.start(next((g for g in ("year", "year2", "year3") if attached.group(g)), "prior")))
            out.append(Placed(year))
            continue
        paren = _comparison(text, spans, k) if not measures or k == 0 or measures[k] == measures[k - 1] else None
        if paren is not None:
            inside = text[paren:start]
            label = _PAREN_LABEL.match(inside)
            if label:
                year = int(label.group("year")) if label.group("year") else prior_of(label.group("prior"))
                if not label.group("year") and year and k and out[k - 1].year and year >= out[k - 1].year:
                    year = out[k - 1].year - 1  # "6,1 % (i fjor: 6,5 %)" written after its year: the year before
                out.append(Placed(year))
            elif _BUDGET.match(inside.lstrip("(")):
                out.append(Placed(out[k - 1].year if k else report_year, "budget"))
            elif (written := _year_in_parenthesis(text, spans, k)) is not None:
                out.append(Placed(written))  # "(110 266 innbyggjarar per 1. januar 2017)": the date it writes
            elif declared is not None:
                out.append(Placed(declared.year or (out[k - 1].year if k else report_year), declared.scenario))
            else:
                out.append(Placed(None, dropped=True))
            continue
        if k and out[k - 1].year and _LOST_YEAR.match(text, end) and _compared_with_before(text, spans, k):
            out.append(Placed(out[k - 1].year - 1))  # "7,5 mill., mot 12,8 mill. i Når ...": the year before the figure's
            continue
        before = [(pos, y) for pos, _, y in years if pos < start and pos not in claimed]
        if before:
            out.append(Placed(before[-1][1]))
            continue
        following = next(((pos, y) for pos, _, y in years if pos > end and pos not in dated and pos not in claimed
                          and re.fullmatch(r"\d{4}", text[pos:pos + 4])), None)
        if following and not any(end < a < following[0] for a, _ in spans):
            out.append(Placed(following[1]))
            continue
        defaulted.add(k)
        out.append(Placed(report_year))
    out = _closing_time(text, spans, out, defaulted)
    return _respectively(text, spans, _from_the_year_before(text, spans, out, years, report_year), years)


# "frå 16 til 10", "fra 7,2 % til 6,1 %", "from 21 units to 8", "från 1 200 mnkr till 1 350": the figure after "frå" is
# the level before the change, the one after "til" the level it led to (a unit or a noun may stand after each)
_FROM_BEFORE = re.compile(r"(?i)(?<![\wæøåäö])(?:fra|frå|från|from)\s+(?:ca\.?\s*|cirka\s+|kr\.?\s*|nok\s+)?$")
_TO_BETWEEN = re.compile(rf"(?i)^\s*(?:%|[^\W\d_][\wæøåäö.]*(?:\s+[^\W\d_][\wæøåäö.]*)?)?\s*(?:,?\s*(?:i|in|år)\s+{YEAR}\s*)?"
                         r"(?:til|till|to)\s+(?:ca\.?\s*|cirka\s+|kr\.?\s*|nok\s+)?$")


def stated_as_before(text: str, spans: Sequence[tuple[int, int]], k: int) -> bool:
    """Whether figure k - 1 is the level a change went from and figure k the level it went to ("gjekk frå 16 til 10")."""
    first, second = spans[k - 1], spans[k]
    return bool(_FROM_BEFORE.search(text[max(0, first[0] - 30):first[0]])) \
        and bool(_TO_BETWEEN.match(text[first[1]:second[0]]) or _TO_BETWEEN.match(text[number_end(text, first[0]):second[0]]))


def number_end(text: str, start: int) -> int:
    """Where the number printed at `start` ends (its unit and noun left out)."""
    m = _NUMBER.match(text, start)
    return m.end() if m else start


_NUMBER = re.compile(FIGURE_NUMBER)
# words saying a change ran over more than the year ("siden 2015", "i perioden", "de siste årene", "over time"): the level
# before is no year's
_LONGER_THAN_A_YEAR = re.compile(r"(?i)(?<![\wæøåäö])(?:siden|sidan|sedan|since|periode\w*|period|siste|sidste|senaste|last|"
                                 r"årene|åra|åren|årenes|years|over\s+tid|over\s+time|gjennom\w*|tiår\w*|decade)(?![\wæøåäö])")


# a rate the report measures once a year ("9,6 %", "8,5 prosent"): amounts and counts go from one level to another within
# a year as often ("Rammen økte fra 12,5 mill. kr til 14", "omorganisering fra 21 virksomheter til 8")
_RATE = re.compile(rf"(?i)(?:{FIGURE_NUMBER})\s*(?:%|prosent|procent|per\s*cent|percent)")
# a plan, a decision or a budget: a level not measured ("vedtatt", "planlagt", "budsjett", "skal")
_NOT_MEASURED = re.compile(r"(?i)(?:vedt|vedek|plan|budsj|budget|ramme|prognos|forecast|estimat|forvent|target|målsett|"
                           r"målset)|(?<![\wæøåäö])(?:skal|vil)(?![\wæøåäö])|(?:mål|målet|måla|måltal\w*)(?![\wæøåäö])")


def _from_the_year_before(text: str, spans: list[tuple[int, int]], placed: list[Placed], years: list,
                          report_year: int | None) -> list[Placed]:
    """"Sykefraværet ble redusert fra 9,6 % til 8,5 %" in the report of a year, naming no other year: the rate the
    change went to is the report year's, the rate it went from the year before's (the report states the change of
    its year). A sentence naming another year, a prior year in words, a longer stretch of time or a plan or budget,
    and any amount or count, keep both levels of the report year (the one before as the level before,
    `stated_as_before`)."""
    if not report_year or len(spans) < 2 or any(y != report_year for _, _, y in years) \
            or _LONGER_THAN_A_YEAR.search(text) or _NOT_MEASURED.search(text):
        return placed
    out = list(placed)
    for k in range(1, len(spans)):
        a, b = out[k - 1], out[k]
        if a == b == Placed(report_year) and _RATE.match(text, spans[k - 1][0]) and _RATE.match(text, spans[k][0]) \
                and stated_as_before(text, spans, k):
            out[k - 1] = Placed(report_year - 1)
    return out


# a clause of its own between two figures: a conjunction and a subject of its own ("5,3 prosent, mens lønnsutbetalingene i
# kommunen økte med", "512 mill. og driftsutgiftene", "4 %, while staff costs rose by"), never a comparison ("mot", "enn")
_NEXT_CLAUSE = re.compile(r"(?i)^\s*[^\w(]*?,?\s*(?:mens|medan|medans|samtidig\s+som|while|whereas|og|and|och)\s+"
                          r"(?:[^\W\d_]+[\s,]+){1,8}(?:på|med|til|by|of|at|to|om|av)?\s*$")
_STATING = re.compile(r"(?i)(?<![\wæøåäö])(?:var|er|ble|blei|vart|blev|är|was|is|were|are|utgjorde|utgjør|utgjer|udgjorde|"
                      r"uppgick|endte|endade|landet|lå|låg)(?![\wæøåäö])")
_COMPARING = re.compile(r"(?i)(?<![\wæøåäö])(?:mot|mod|against|versus|vs|compared|jämfört|sammenlign\w*|samanlikn\w*|enn|än|"
                        r"than|fra|frå|från|from)(?![\wæøåäö])|\(")


def _closing_time(text: str, spans: list[tuple[int, int]], placed: list[Placed], defaulted: set[int]) -> list[Placed]:
    """"Inntektene økte med 5,3 prosent, mens lønnsutbetalingene økte med 4,8 prosent i fjor": the time that closes a
    sentence of clauses joined by "mens"/"og"/"while" dates the figure of each clause the sentence dates nowhere else
    (never a figure compared with the last one: "6,2 %, mot 5,9 % i 2016" keeps the report year)."""
    if not defaulted or len(spans) < 2:
        return placed
    last = len(spans) - 1
    closing = _ATTACHED.match(text, spans[last][1])
    if last in defaulted or not closing or text[closing.end():].strip(" .!?»\"'") or placed[last].year is None:
        return placed
    out = list(placed)
    for k in range(last - 1, -1, -1):
        between = text[spans[k][1]:spans[k + 1][0]]
        if k not in defaulted or out[k + 1].year != placed[last].year or not _NEXT_CLAUSE.match(between) \
                or _COMPARING.search(between):
            break
        out[k] = Placed(placed[last].year)
    return out


# a date a text was written on, printed in its title or stamped at its start ("Resultatbørsen 2018/02", "date 2018-02",
# "publisert 2018-02-14"): a year and a month, never a span of years ("2010-12" is read as December 2010 only here)
WRITTEN = re.compile(r"(?<![\d/.,-])(?P<year>(?:19|20)\d\d)[/-](?:0[1-9]|1[0-2])(?:[/-](?:0[1-9]|[12]\d|3[01]))?(?![\d/.,-])")
# words for the year before the one the text was written in ("i fjor", "fjoråret", "last year"), not "året før", which
# counts from the year the sentence is about
LAST_YEAR = re.compile(r"(?i)(?<![\wæøå])(?:i\s+fjor|i\s+fjar|förra\s+året|sidste\s+år|fjor(?:året|aaret|årets)|forrige\s+år|førre\s+år|last\s+year)(?![\wæøå])")


def written_year(title: str | None, opening: str = "") -> int | None:
    """The year a dated text was written in: a year and month in its title, or stamped in the first words of its
    opening sentence ("date 2018-02 Kommunen fikk ..."); None when neither dates it."""
    for text in (title or "", opening[:30]):
        m = WRITTEN.search(text)
        if m:
            return int(m.group("year"))
    return None


# what a title says a text is when it reports a year that has ended (written the year after it): an annual report, the
# accounts ("Årsmelding 2031", "Årsberetning for 2031 er klar", "Regnskap 2031", "Annual report 2031")
_REPORT_OF_A_YEAR = re.compile(r"(?i)(?<![\wæøåäö])(?:(?:års|aars|ars)(?:melding|rapport|beretning|redovisning|regnskap|rekneskap|regnskab|"
                               r"redogørelse)|regnskap(?:et)?|rekneskap(?:en)?|annual\s+report|annual\s+accounts)"
                               r"(?![\wæøåäö])")
# a title of a plan or budget (written before the year it names) or of a part of a year (written during it)
_NOT_AFTER = re.compile(r"(?i)budsjett|budget|økonomiplan|handlingsprogram|handlingsplan|plan(?![\wæøåäö])|prognos|"
                        r"tertial|kvartal|halvår|delår|måned|periode|(?<![\wæøåäö])(?:per|pr)\.?\s*\d")


def written_after(titles: Sequence[str], report_year: int | None) -> int | None:
    """The year a text that stamps no date of its own was written in, when its titles (the document's own first) say
    it: a report of its report year N ("Årsmelding N", "Regnskap N") is written after the year, in N + 1; a document
    title naming only the year after the report year ("Resultatbørsen N+1" over the accounts of N) dates the text to
    that year. None when neither."""
    if not report_year:
        return None
    for k, title in enumerate(titles):
        named = {int(m.group(0)) for m in _YEAR_TOKEN.finditer(title or "")}
        if not named or _NOT_AFTER.search(title):
            continue
        if report_year in named and _REPORT_OF_A_YEAR.search(title) or k == 0 and named == {report_year + 1}:
            return report_year + 1
    return None


def written_after_file(file_name: str | None, report_year: int | None) -> int | None:
    """The year a text was written in when only its file name says what it is: a file named for the annual report or
    the accounts of its report year N ("rauma_kommune_arsregnskap_2031.txt", "Årsmelding-2031.pdf"; names are often
    written without å) holds a text written after the year, in N + 1 ("i fjor" in it is N). None otherwise."""
    if not file_name or not report_year:
        return None
    title = re.sub(r"[_\-.]+", " ", Path(file_name).stem)
    named = {int(m.group(0)) for m in _YEAR_TOKEN.finditer(title)}
    if report_year in named and len(named) == 1 and _REPORT_OF_A_YEAR.search(title) and not _NOT_AFTER.search(title):
        return report_year + 1
    return None


@dataclass(frozen=True)
class YearScope:
    """The year a section of a document is about (an article of a web extraction joining several, a chapter of a report
    covering several years), and the year it was written in when that is known: what the sentences below its title
    mean by a figure stated with no year of its own and by "i fjor"."""

    year: int
    written: int | None = None
    source: str = "title"  # "title": the section's title says it; "lead": the first sentence of the section naming a year


# the accounts or the annual report of a year a title or an article's lead sentence says the text is about ("Rekneskapen
# for 2023 er gjort opp", "Årsregnskabet for 2018 er godkendt", "Solidt regnskabsresultat for 2015", "Bokslut 2019",
# "Regnskab 2018", "Årsberetning 2016", "Annual report 2019", "the accounts for 2019")
_ACCOUNTS_OF = re.compile(
    rf"(?i)(?<![\wæøåäö])(?:års(?:regnskap|rekneskap|regnskab|melding|beretning|berättelse|redovisning|rapport)|"
    rf"regnskap|rekneskap|regnskab|räkenskap|bokslut|annual\s+report|(?:annual\s+)?accounts)\w*"
    rf"\s+(?:(?:for|för|of|fra|frå|från)\s+)?(?:(?:året|år|the\s+year)\s+)?(?P<year>{YEAR})(?![\d/-]|,\d|\s*[-–]\s*\d)")
# a report of one year named by a compound of its kind or by the figures it gives ("Personalredovisning 2021",
# "Personalrapport 2021", "Nøkkeltall 2015", "Personalfakta (uppgifter för 2015)", "Tall for 2020"): the section is
# about that year (not said to be written the year after: a fact sheet may be written in its own year)
_REPORT_OF = re.compile(
    rf"(?i)(?<![\wæøåäö])(?:[\wæøåäö]*(?:redovisning|rapport|melding|beretning|berättelse|statistikk|statistik|"
    rf"nøkkeltal|nøkkeltall|nyckeltal)\w*|uppgifter|opplysninger|opplysningar|tall|tal|tala|figures|data)"
    rf"\s+(?:(?:for|för|of|fra|frå|från)\s+)?(?:(?:året|år|the\s+year)\s+)?(?P<year>{YEAR})(?![\d/-]|,\d|\s*[-–]\s*\d)")
# what a title stamps of where and when it was published, never the year it is about: a year and month ("2021-02",
# "2019/12"), a date ("25. april 2016", "24. June, 2018", "23.04.2018"), a year alone closing the parenthesis of its
# source ("(shortseashipping.no, 2017)")
_PUBLISHED = re.compile(
    rf"(?i){WRITTEN.pattern}|(?<!\d)\d{{1,2}}\.\s*(?:\d{{1,2}}\.\s*|[a-zæøåäö]+,?\s+){YEAR}(?!\d)|,\s*{YEAR}\s*(?=\))")
# a year followed by another's end: a span ("2015-2018", "2014-15", "2020/21"), never one year
_SPAN_AFTER = re.compile(r"\s*[-–/]\s*\d")
# a title of a vision, goal or strategy: the year it names is a horizon, not what the section reports
_HORIZON = re.compile(r"(?i)visjon|vision|mål(?![\wæøåäö])|målet|mål\s+for|strategi|target|goal|mot\s+\d|towards|framtid|fremtid")


def unstamped(title: str) -> str:
    """A title without what it stamps of when it was published (`_PUBLISHED`)."""
    return _PUBLISHED.sub(" ", title)


def title_scope(title: str, level: int) -> YearScope | None:
    """The year a section's title says the section is about: the accounts or annual report of one year ("Årsregnskabet
    for 2018 er godkendt (randers-netavis.dk)", "Bokslut 2019"), written the year after unless the title stamps when;
    else, for a top-level title (an article's, a chapter's: `level` 1), the one year it names ("Fire milliarder kroner gik
    til service i 2017", "Kysten rundt 2022"), never a year it stamps as the publication's ("(nyheder.dk, 25. april 2016)",
    "vlfk.no 2019/12"), a span of years, a plan, budget or part of a year, or a horizon ("Visjon 2030"). None when the
    title names no such year."""
    stamp = written_year(title)
    bare = unstamped(title)
    years = {int(m.group(0)) for m in _YEAR_TOKEN.finditer(bare)}
    if len(years) != 1 or any(_SPAN_AFTER.match(bare, m.end()) for m in _YEAR_TOKEN.finditer(bare)):
        return None
    year = years.pop()
    if _ACCOUNTS_OF.search(bare) and not _NOT_AFTER.search(bare):
        return YearScope(year, stamp if stamp and stamp > year else year + 1)
    if level == 1 and not _NOT_AFTER.search(bare) and not _HORIZON.search(bare):
        return YearScope(year, stamp if stamp and stamp >= year else None)
    if _REPORT_OF.search(bare) and not _NOT_AFTER.search(bare) and not _HORIZON.search(bare):
        return YearScope(year, stamp if stamp and stamp >= year else None)
    return None


def lead_scope(sentence: str) -> YearScope | None:
    """The year an article's lead sentence says the article is about, when the first sentence of it naming a year
    speaks of the accounts of that one year ("Rekneskapen for 2023 er gjort opp i balanse.", "Årsregnskabet for 2018
    viser ..."); None otherwise."""
    bare = unstamped(sentence)
    m = _ACCOUNTS_OF.search(bare)
    years = {int(y.group(0)) for y in _YEAR_TOKEN.finditer(bare)}
    if not m or years != {int(m.group("year"))} or _NOT_AFTER.search(bare[:m.end()]):
        return None
    return YearScope(int(m.group("year")), int(m.group("year")) + 1, source="lead")


def _year_in_parenthesis(text: str, spans: list[tuple[int, int]], k: int) -> int | None:
    """The one year the rest of figure k's parenthesis writes, with no other figure before it closes ("(88 412
    innbyggjarar per 1. januar 2032)", "(50 318 innbyggere pr. 01.01.2032)", "(70 512 residents at the start of
    2032)"), else None."""
    end = spans[k][1]
    close = text.find(")", end)
    if close < 0 or any(end <= a < close for a, _ in spans[k + 1:]):
        return None
    inside = text[end:close]
    found = {int(m.group(0)) for m in _YEAR_TOKEN.finditer(inside)}
    found |= {int(m.group("year")) for m in _DOTTED_DATE.finditer(inside)}
    return found.pop() if len(found) == 1 else None


def _compared_with_before(text: str, spans: list[tuple[int, int]], k: int) -> bool:
    """Whether figure k is the base figure k-1 is compared with ("6,1 %, mot 6,5 % i fjor", "6,1 % (6,5 % i fjor)",
    "høgare enn 6,5 % i fjor")."""
    between = text[spans[k - 1][1]:spans[k][0]]
    if _comparison(text, spans, k) is not None:
        return True
    comparing = list(_COMPARING.finditer(between))
    # a verb of being after the comparing word opens a clause stating its own figure ("19,1 millioner i eiendomsskatt
    # og utbytte fra Energi AS var på 15,2 millioner i fjor"): "fra" names where the money came from, no base
    return bool(comparing) and not _NEXT_CLAUSE.match(between) and not _STATING.search(between, comparing[-1].end())


def _comparison(text: str, spans: list[tuple[int, int]], k: int) -> int | None:
    """Where the parenthesis opens when figure k stands inside one right after figure k-1, else None."""
    if k == 0:
        return None
    between = text[spans[k - 1][1]:spans[k][0]]
    m = re.fullmatch(rf"(?i)\s*(\()\s*(?:{YEAR}\s*:|{_PRIOR_WORDS}\s*:|[^()\d]{{0,40}}?)?\s*", between)
    if not m:
        return None
    return spans[k - 1][1] + m.start(1)


def _respectively_names(text: str, spans: list[tuple[int, int]], placed: list[Placed], m: re.Match) -> list[Placed]:
    """"Oppvekst og helse hadde henholdsvis 8,1 og 9,4 %": the figures pair in order with the names listed before
    the word (split at commas and "og"/"and"); when the counts differ, the pairing is unknown and every figure
    after the word is marked paired with nothing ("?"), so no reader stores it as the organisation's."""
    group = [k for k, (a, _) in enumerate(spans) if a > m.end()]
    if not group:
        return placed
    head = text[:min(m.start(), spans[group[0]][0])]
    head = re.split(r"(?i)\b(?:hadde|har|var|er|fikk|fekk|utgjorde|utgjør|utgjer|was|were|had|have)\b", head)[0]
    head = re.sub(r"(?i)^\s*(?:i|for|ved|in|at)\s+", "", head.strip())
    names = [n.strip(" .,:") for n in re.split(r"\s*,\s*|\s+(?:og|and|samt)\s+", head) if n.strip(" .,:")]
    if names:  # "Sykefraværet i skole og barnehage": the first name follows the measure's words
        names[0] = re.split(r"(?i)\s(?:i|for|ved|in|at|på)\s", names[0])[-1]
    out = list(placed)
    for k in group:
        out[k] = Placed(placed[k].year, placed[k].scenario, placed[k].dropped, "?")
    if len(names) == len(group):
        for k, name in zip(group, names):
            out[k] = Placed(placed[k].year, placed[k].scenario, placed[k].dropped, name)
    return out


def _listed_years_before(text: str, start: int, years) -> list[int]:
    """The years of the list that ends nearest before `start` ("i 2027 og 2028 var ... henholdsvis"): years joined
    only by a comma, "og", "and", "och" or "samt", distinct, in order."""
    four = [(pos, y) for pos, _, y in years if pos < start and re.fullmatch(r"\d{4}", text[pos:pos + 4])]
    if not four:
        return []
    listed = [four[-1]]
    for pos, y in reversed(four[:-1]):
        if not re.fullmatch(r"\s*(?:,|og|and|och|samt)\s*", text[pos + 4:listed[0][0]]):
            break
        listed.insert(0, (pos, y))
    ys = [y for _, y in listed]
    return ys if len(set(ys)) == len(ys) else []


def _respectively(text: str, spans: list[tuple[int, int]], placed: list[Placed], years) -> list[Placed]:
    """"I 2019 og 2020 var sykefraværet henholdsvis 5,1 og 6,3 %": figures after the word pair in order with
    the distinct years the sentence names (before the word, or after it in English), when the counts agree."""
    m = RESPECTIVELY.search(text)
    if not m:
        return placed
    named = []
    for pos, _, y in years:
        if re.fullmatch(r"\d{4}", text[pos:pos + 4]) and y not in named:
            named.append(y)
    if len(named) < 2:
        return _respectively_names(text, spans, placed, m)
    # the figures the word pairs: those after it ("henholdsvis 5,1 og 6,3"), or those before it ("5.1 and 6.3 respectively")
    after = [k for k, (a, _) in enumerate(spans) if a > m.end()]
    listed = _listed_years_before(text, m.start(), years)
    if len(named) != len(after) and len(listed) == len(after) >= 2:
        # "Etter 2029 ble 2030 ... (i 2027 og 2028 var merforbruket henholdsvis 4,1 og 6 mill.)": the years listed
        # just before the word, not every year of the sentence
        named = listed
    before = [k for k, (_, b) in enumerate(spans) if b <= m.start()]
    group = after if len(after) == len(named) else before[-len(named):] if len(before) >= len(named) else []
    if len(group) != len(named):
        return placed
    out = list(placed)
    for k, y in zip(group, named):
        out[k] = Placed(y, placed[k].scenario)
    return out
