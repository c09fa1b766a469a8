"""When-questions: "Når ble selskapet stiftet?", "Kva år vart det omdanna til IKS?", "When was it founded, and what was
its first year of operation?", "Since which year has …?".

Answers from the years of events the loaded reports' running text states (fct_report_event_year, read by
flows.reports.event_years), only from a report the question names (by organisation, title, file name or a unit's
alias), and only when the question's words are in the event's sentence; labelled as read from the text on page N,
not a governed measure. Every year of the best sentence is given (a question asking two events of one sentence gets
both); no sentence holding the words: no answer (the other families or the refusal say so).
"""
from __future__ import annotations

from app.engine.families.base import Question, Reading, in_list
from app.engine.wordforms import STOPWORDS, stem, words

NAME = "event_year"
MAX_ROWS = 6

# the question asks for a year or a point in time (language data)
WHEN = (r"når", r"naar", r"when", r"kva år", r"kva for (?:eit )?år", r"hvilket år", r"hvilke år", r"which year",
        r"what year", r"i hvilket år", r"in which year", r"since when", r"siden når", r"sidan når", r"frå kva år",
        r"fra hvilket år", r"since which year", r"siden hvilket år", r"sidan kva år", r"vilket år", r"när",
        r"årstall", r"årstal")
# words of the asking, never what the event is
ASKING = frozenset(stem(w) for w in """
når naar when kva hva what which hvilket hvilke år året year years since siden sidan frå fra from i in was were ble
vart blei var did do does has have har hadde had det den it its selskapet company the a an og and of av til to for
first
""".split())


def _organisation_files(q: Question, vocab) -> tuple[set[str], set[str]]:
    """The report files of the organisation the question names, and the stems of the words that named it."""
    from app.engine.families.scope import find_documents, organisations_of_units
    from app.engine.planner import find_units

    data = vocab.data
    docs, used = find_documents(q.raw, data.documents)
    files = {d.file_name for d in docs}
    named = set(used) | {s for d in docs for s in d.name_stems}
    units, unit_words = find_units(q.text, getattr(vocab, "unit_aliases", {}) or {})
    if not files and units:
        names = {n.lower() for n in organisations_of_units(units, vocab)}
        docs = [d for d in data.documents if (d.organisation or "").lower() in names]
        files = {d.file_name for d in docs}
        named |= {s for d in docs for s in d.name_stems}
    named |= {stem(w) for uw in unit_words for w in words(uw)}
    return files, named


def read(q: Question, vocab) -> Reading | None:
    data = getattr(vocab, "data", None)
    if data is None or not getattr(data, "event_years", ()) or not q.has(*WHEN):
        return None
    files, named = _organisation_files(q, vocab)
    if not files:
        return None
    from app.engine.families.prose import _present, _sentence_terms
    from flows.reports.event_years import event_kinds, event_words, last_event_kind

    asked_kinds = event_kinds(q.raw)
    event_stems = {stem(w) for m in event_words(q.raw) for w in words(m)}
    wanted = [s for s in dict.fromkeys(stem(w) for w in words(q.text))
              if s not in ASKING and s not in named and s not in STOPWORDS and s not in event_stems and len(s) >= 3
              and not s.isdigit()]
    if not asked_kinds and not wanted:
        return None
    by_kind: dict[str | None, dict[str, int]] = {}  # kind of event -> event -> question words its sentence holds
    for event_id, file_name, _org, _year, event, text in data.event_years:
        if file_name not in files:
            continue
        hits = len([s for s in wanted if _present(s, _sentence_terms(text))])
        kind = last_event_kind(event)
        if asked_kinds:
            # "når ble det stiftet?": an event of the kind asked, the more of the other words in its sentence the better
            if kind not in asked_kinds:
                continue
        elif not hits or hits * 2 < len(wanted):
            continue  # "since when ...": most of the question's words in the event's sentence
        by_kind.setdefault(kind, {})[event_id] = hits
    if not by_kind:
        return None
    chosen = []
    for scored in by_kind.values():  # each kind asked: its best-fitting events
        best = max(scored.values())
        chosen += [e for e, hits in scored.items() if hits == best]
    chosen = sorted(chosen)[:MAX_ROWS]
    sql = ("select e.organisation, e.event_year as year, e.event, e.printed,\n"
           "       e.file_name as source_document, e.page as source_page, e.text as source_excerpt\n"
           "from fct_report_event_year as e\nwhere " + in_list("e.event_id", chosen) +
           "\norder by e.file_name, e.page, e.line, e.event_year")
    en = q.lang == "en"
    interp = (("the year of an event in the report text: " if en else "årstallet for en hendelse i rapportteksten: ")
              + " ".join(w for w in words(q.text) if stem(w) in wanted))

    def sentence(columns, rows, lang):
        e = lang == "en"
        d = [dict(zip(columns, r)) for r in rows]
        shown = "; ".join(f"{x['year']} ({x['event']}: «{x['printed']}»)" for x in d)
        return ("Read from the report text (not a governed measure): " if e else
                "Lest fra rapportteksten (ikke et styrt mål): ") + shown + "."

    return Reading(NAME, ("the report text, as written (not a governed measure)" if en else
                          "rapportteksten, slik den er skrevet (ikke et styrt mål)"), sql, interp, sentence=sentence,
                   empty_reason=("The report text states no such year." if en else
                                 "Rapportteksten oppgir ikke noe slikt årstall."))
