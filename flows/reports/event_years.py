"""Years of events stated in running text: "Selskapet ble stiftet 6. november 1995", "hadde sitt første driftsår i
1996", "ble den 12.02.04 omdannet til ... IKS", "Hvert år siden 2001 har vi ...", "founded in 1998", "bildades 2003".

A year is no figure (prose.py skips it), but "when was it founded?" asks one. Each year written within a few words
after an event word (founding, conversion, opening, first year of operation, "since") is kept as a prose figure of
unit "year" whose topic is the event's words; the question engine reads them only for when-questions
(app.engine.families.event_year). Pure: a sentence in, figures out."""
from __future__ import annotations

import re

from flows.reports.prose import ProseFigure

# event words by language, by kind (a word starting with one of the stems is an event of that kind): founding,
# conversion, opening, start (and first year of operation), merger, introduction, "since"
EVENT_KINDS = {
    "founded": r"stift\w*|etabler\w*|grunnlag\w*|opprett\w*|skipa\w*|founded|established|formed|set\s+up|created|"
               r"bildade\w*|grundade\w*",
    "converted": r"omdann\w*|omgj\w*|omorgani\w*|converted|reorgani[sz]ed|ombildade\w*",
    "opened": r"åpn\w*|opna\w*|opnet\w*|opened|öppnade\w*|innvi\w*|inaugurated",
    "started": r"start\w*|driftsstart\w*|første\s+(?:hele\s+|heile\s+)?(?:drifts)?år\w*|fyrste\s+(?:drifts)?år\w*|"
               r"started|began|first\s+(?:full\s+)?year(?:\s+of\s+operation)?|commenced",
    "merged": r"slått\s+sammen|slege\s+saman|sammenslå\w*|samanslå\w*|fusjon\w*|merged|sammanslog\w*",
    "introduced": r"innført\w*|innfør\w*|introduced|infördes",
    "since": r"siden|sidan|sedan|since",
}
_EVENT = re.compile(r"(?i)(?<![\wæøåäö])(?:" + "|".join(f"(?P<{k}>{v})" for k, v in EVENT_KINDS.items())
                    + r")(?![\wæøåäö])")


def event_kinds(text: str) -> set[str]:
    """The kinds of event a text names ("Når ble selskapet stiftet?" -> {"founded"})."""
    return {m.lastgroup for m in _EVENT.finditer(text) if m.lastgroup}


_YEAR = re.compile(r"(?<![\d,.])(1[89]\d\d|20\d\d)(?!\d|[,.]\d)")
# a date with a two-digit year ("12.02.04"): the year of a report about that time
_SHORT_DATE = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d\d)(?![\d.])")
_WORDS_BETWEEN = 10  # at most this many words between the event word and its year


def _years(text: str, report_year: int | None) -> list[tuple[int, int, int]]:
    """(position, end, year) of every year written in the text, four digits or a date's two."""
    out = [(m.start(), m.end(), int(m.group(1))) for m in _YEAR.finditer(text)]
    for m in _SHORT_DATE.finditer(text):
        yy = int(m.group(3))
        century = 2000 if report_year is None or 2000 + yy <= report_year + 1 else 1900
        out.append((m.start(), m.end(), century + yy))
    return sorted(out)


# a clause ends at ";" or at a full stop before a capital (never "6. november")
_CLAUSE_END = re.compile(r";|\.\s+(?=[A-ZÆØÅÄÖ])")


def event_year_spans(sentence: str, report_year: int | None) -> list[tuple[int, int, int, str, re.Match]]:
    """(start, end, year, kind, event word match) of each event word's year: the nearest one written after it in its
    clause (at most a few words on), else the nearest one just before it ("ble den 12.02.04 ... omdannet"), never one
    another event word is nearer to."""
    found = []
    taken: set[int] = set()
    events = list(_EVENT.finditer(sentence))
    years = _years(sentence, report_year)
    ends = [m.start() for m in _CLAUSE_END.finditer(sentence)]
    for k, ev in enumerate(events):
        # between the event words on either side, within the clause
        left = max([events[k - 1].end() if k else 0] + [e for e in ends if e < ev.start()])
        right = min([events[k + 1].start() if k + 1 < len(events) else len(sentence)] + [e for e in ends if e > ev.end()])
        after = [y for y in years if ev.end() <= y[0] < right and y[0] not in taken
                 and len(sentence[ev.end():y[0]].split()) <= _WORDS_BETWEEN]
        before = [y for y in reversed(years) if left <= y[0] and y[1] <= ev.start() and y[0] not in taken
                  and len(sentence[y[1]:ev.start()].split()) <= _WORDS_BETWEEN]
        chosen = after[:1] or ([] if ev.lastgroup == "since" else before[:1])
        for pos, end, year in chosen:
            taken.add(pos)
            found.append((pos, end, year, ev.lastgroup or "", ev))
    return found


# the organisation's history ("etablert i 2005", "stiftet 1995", "omdannet i 2004", "slått sammen i 2020"): its year
# dates no figure of the sentence ("… etablert i 2005 … for de seks eierkommunene" states six owners now)
HISTORY_KINDS = frozenset({"founded", "converted", "merged"})


def history_year_positions(sentence: str, report_year: int | None) -> set[int]:
    """Where the sentence writes the year of the organisation's founding, conversion or merger."""
    if not _EVENT.search(sentence):
        return set()
    return {pos for pos, _, _, kind, _ in event_year_spans(sentence, report_year) if kind in HISTORY_KINDS}


def event_years(sentence: str, page: int, line: int, report_year: int | None) -> list[ProseFigure]:
    """Each event word's year (event_year_spans) as a figure of unit "year" whose topic is the event's words."""
    found: list[ProseFigure] = []
    for pos, end, year, _kind, ev in event_year_spans(sentence, report_year):
        lead = re.split(r"[,;:]\s|\.\s+(?=[A-ZÆØÅÄÖ])", sentence[:ev.start()])[-1].split()[-4:]
        topic = " ".join(lead + [ev.group(0)])
        found.append(ProseFigure(page=page, line=line, text=sentence[:300], topic=topic, value=float(year),
                                 unit="year", year=year, printed=sentence[pos:end]))
    return found


def last_event_kind(text: str) -> str | None:
    """The kind of the last event word of a text (an event's words end with its event word)."""
    kinds = [m.lastgroup for m in _EVENT.finditer(text or "")]
    return kinds[-1] if kinds else None


def event_words(text: str) -> list[str]:
    """The event words of a text as written ("stiftet", "first year of operation")."""
    return [m.group(0) for m in _EVENT.finditer(text or "")]
