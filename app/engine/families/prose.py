"""Figures written in the reports' running text (fct_report_prose_figure): "Pr. 01.01.2019 er det 624 055
innbyggere", "Vi har 14 vidaregåande skular". Answers what neither a governed measure nor a table row
covers, only from a report the question names (by organisation, title or file name), labelled as read
from the text on page N — not a governed measure.

A figure applies when most content words of the question are in its sentence (in some word form) and
at least one is in the words printed beside the figure; the best-fitting sentences are shown, each with
its figure, never a figure the question's words do not reach.
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from app.engine.asked_unit import BOTH_KINDS, PERCENT, conflicts, unit_asked, unit_kind, unit_words
from app.engine.families.base import Question, Reading, Refusal, in_list
from app.engine.families.prose_rank import (
    clause_named,
    clause_of,
    counts_another,
    deficit_value,
    in_own_clause,
    quote_around,
    said_shortfall,
)
from app.engine.families.scope import (
    about_another_unit,
    asks_whole_period,
    find_documents,
    fold,
    sentence_starts,
    strangers,
    units_mentioned,
)
from app.engine.format import format_number
from app.engine.periods import MONTHS
from app.engine.text import pattern
from app.engine.wordforms import (
    EN_PAIRS_TO_NB,
    Terms,
    norwegian_words,
    nynorsk_forms,
    question_terms,
    same_thing,
    split_compound,
    stem,
    term_present,
    words,
)
from flows.reports.layout.periods import period_parts
from flows.reports.prose import BOUND_BEFORE, PLAN_WORDS, stated_as_plan  # the plan words have one home: the reader

NAME = "prose_figure"

# Words that ask for a figure without saying which ("hvor mange", "how much", "i tal"): never the topic.
ASKING = frozenset(stem(w) for w in """
hvor kor how mange many mykje mye much stor store stort large big tal tall number figure amount beløp verdi
value prosent percent kroner kr nok hadde had har has var was vart blei ble fikk fekk got ved utgangen end per
pr nå now totalt total samla samlet i alt sett oppgitt stated rapportert reported året year years årsrapport
report kommune kommunen municipality municipal fylkeskommune fylkeskommunen county tell fortell gi give vis show
develop developed development utvikle utviklet utvikla utvikling utviklinga endret endra endring change changed
sammenlignet sammenligne sammenlikna samanlikna samanlikne samanlikning sammenligning compared compare comparison
versus against relative forhold brukte brukt bruke nytta nytte spent spend used
før fjor fjoråret fjorårets forrige førre forut innan inna previous prior before
overall
""".split())
MAX_ROWS = 6


@lru_cache(maxsize=20000)
def _sentence_terms(text: str) -> Terms:
    return question_terms(text.lower(), translate=False)


def _english(q: Question, ws: list[str], keep) -> list[str]:
    """An English question's words in Norwegian (the report text is Norwegian; word pairs as one word), the words
    `keep` says are names as written."""
    if q.lang != "en":
        return ws
    out, run = [], []
    for w in ws + [None]:
        if w is not None and not keep(w):
            run.append(w)
            continue
        out += norwegian_words(run)
        run = []
        if w is not None:
            out.append(w)
    return out


def _pair_words(q: Question) -> list[str]:
    """The Norwegian words an English question's word pairs stand for ("long term" -> "langsiktig")."""
    if q.lang != "en":
        return []
    ws = words(q.text)
    return [EN_PAIRS_TO_NB[(a, b)][0] for a, b in zip(ws, ws[1:]) if (a, b) in EN_PAIRS_TO_NB]


def _content(q: Question, exclude: set[str]) -> list[str]:
    out = []
    for w in _english(q, words(q.text), lambda w: stem(w) in exclude):
        s = stem(w)
        if w.isdigit() or len(w) < 3 or s in ASKING or s in exclude or s in out:
            continue
        from app.engine.wordforms import is_content

        if is_content(w):
            out.append(s)
    return out


# words that put what a measure is taken of after them ("meirforbruket på barnevernet", "spending on roads", "innen
# pleie og omsorg"; not "til", which says a purpose: "salg av eiendom til finansiering av investeringer", nor "i"/"in",
# which as often say where or when: "i skoleåret 2015-16", "i løpet av 2018"): the content word after one (an article
# between) is the question's subject
SUBJECT_BEFORE = re.compile(r"(?<!\w)(?:på|innen|innenfor|innanfor|on|within)\s+"
                            r"(?:(?:the|den|det|de|dei)\s+)?([a-zæøåäöü][\wæøåäöü-]{3,})")


def subject_stems(q: Question, wanted) -> set[str]:
    """The stems, of those `wanted`, that the question writes as what its measure is taken of (`SUBJECT_BEFORE`): a
    sentence that holds the measure's word but not these is about another subject ("et merforbruk på rammeområdene"
    does not answer "meirforbruket på barnevernet")."""
    from app.engine.names import written_as_names

    names = written_as_names(q.raw)  # a place or an organisation named ("i Vännäs") is where, not the subject
    out: set[str] = set()
    for m in SUBJECT_BEFORE.finditer(q.text):
        w = m.group(1)
        if w.isdigit() or stem(w) in names:
            continue
        out |= {stem(x) for x in _english(q, [w], lambda _w: False)}
    return out & set(wanted)


def _present(term: str, terms: Terms) -> bool:
    """In the sentence in some form, or a compound of the sentence's words ("deltakarkommunar")."""
    if term_present(term, terms) or same_thing(term, terms):
        return True
    if any(len(t) >= 5 and term.endswith(t) and t not in UNIT_HEADS for t in terms.stems):
        return True  # the head of a compound: "fravær" in the text for "sykefravær" asked
    parts = split_compound(term, terms.stems) if len(term) >= 7 else None
    if parts and all(p in terms.stems for p in parts):
        return True
    for head in MEASURE_HEADS:  # "innbyggertall" is the number of "innbyggere": the head says only "how many"
        if term.endswith(head) and len(term) - len(head) >= 5:
            rest = term[:-len(head)]
            return any(_present(r, terms) for r in {rest, rest.rstrip("s"), stem(rest)} if len(r) >= 5)
    return False


# the head of a compound that only says "how many/much of": "innbyggertal(l)", "elevtal", "saksmengde"; or in which
# unit: "nærværsprosent" is the attendance in percent, never any percent of the sentence ("eit mål på 93 prosent")
UNIT_HEADS = ("prosent", "procent")
MEASURE_HEADS = ("antall", "tall", "tal", "mengd", "nivå", *UNIT_HEADS)


def _named_report(q: Question, vocab, any_unit: bool = False) -> Reading | Refusal | None:
    """The best sentences of a report the question names (only figures in the unit asked, unless `any_unit`)."""
    data = getattr(vocab, "data", None)
    if data is None or not data.prose or not data.prose_figures:
        return None
    known = set(data.cells.known) if data.cells else set()
    docs, used = find_documents(q.raw, data.documents, frozenset(known))
    if not docs:
        return None
    names = strangers(q.raw, known | data.prose_known, data.documents)
    if names:
        return None  # a name the data does not know: the other families say so
    files = {d.file_name for d in docs}
    years = asked_years(q)
    # "per 1.1.2019", "1. januar 2017", "ved inngangen til 2019": the state at the end of the year before
    boundary = start_of_year(q)
    years |= {y - 1 for y in boundary}
    day = day_asked(q.raw)
    months = months_asked(q) if getattr(data, "prose_dated", False) else None
    if _part_of_year(q) and day is None and months is None:
        return None  # the text's figures carry a year, not a week, a month, a quarter or a half
    periods = getattr(data, "prose_periods", None) or {}
    if day is not None:
        # "per 31. august 2022": a figure stated as of that day, by a sentence that writes the day ("Per 31.08.2022")
        files = {f[1] for f in data.prose_figures if f[1] in files and writes_day(f[5], day)}
        if not files:
            return None
    doc_stems = {s for d in docs for s in d.name_stems}
    from app.engine.planner import find_units

    _, unit_words = find_units(q.text, getattr(vocab, "unit_aliases", {}) or {})
    # a unit named is where the figure is, not what it is about: the rest of the question must be in the sentence
    wanted = _content(q, used | doc_stems | {stem(w) for uw in unit_words for w in words(uw)}
                      | (BOUNDARY_STEMS if boundary else set())
                      # the day and the months asked: matched as a date and as the period the reader dated by
                      | ({stem(m) for m in MONTHS} if day is not None or months is not None else set()))
    if not wanted:
        return None
    # a word pair asked as one Norwegian word ("long-term" ~ "langsiktig") says which figure: it must be there
    paired = {stem(w) for w in _pair_words(q)} & set(wanted)
    from app.engine.families.label_search import RATIO

    per_capita_only = not RATIO.search(q.raw)
    subject = subject_stems(q, wanted)
    # a word written as a name ("ABC", "Familiens hus") that is a row of the tables: what the figure is of, which a
    # sentence about the measure alone ("blir avviket redusert til 2 mill.") does not answer
    from app.engine.names import written_as_names

    rows_known = data.cells.rows.known if data.cells else frozenset()
    named_rows = {s for s in written_as_names(q.raw) if s in wanted and s in rows_known}
    # a unit or a term written as an abbreviation in capitals ("TEU", "GWh"): a word of its own, however short
    abbreviations = {stem(a) for a in re.findall(r"(?<![\wæøåÆØÅ])[A-ZÆØÅ][A-ZÆØÅa-z]?[A-ZÆØÅ](?![\wæøåÆØÅ])", q.raw)}
    scored = []
    found_by: dict = {}  # figure -> (the question's words its sentence holds, its year)
    asked_units, scope_of = units_mentioned(q.raw), {d.file_name: d.scope_name for d in docs}
    counting = q.has(*COUNT_ASKS) and not q.has(*NOT_COUNT_ASKS)
    wanted_words = [w for w in words(q.text) if stem(w) in wanted]
    asked = None if any_unit else unit_asked(q.raw)
    kind = _kind(q, asked)
    plans = figures_not_asked(q, data)
    named_by_clause = clause_named([(f[0], f[5], _printed(data, f)) for f in data.prose_figures if f[1] in files],
                                   lambda text: sum(_present(w, _sentence_terms(text)) for w in wanted))
    for fig in data.prose_figures:
        fid, file_name, year, report_year, topic, text, unit = fig
        if file_name not in files or fid in plans:
            continue
        if conflicts(asked, unit):
            continue  # "i kroner" asked: never a percent of a similarly named measure (nor the reverse)
        if day is not None and not writes_day(text, day):
            continue  # a day asked: only a sentence stating the figure as of that day
        if months is not None and (period_parts(periods.get(fid)) or (None,) * 4)[2:] != months:
            continue  # "januari–augusti" asked: only a figure the reader dated by those months ("M01-M08")
        if about_another_unit(asked_units, text, scope_of.get(file_name)):
            continue  # a sentence about another unit, or the report's larger whole, never answers for the unit asked
        if counting and (unit in NOT_COUNTS or _ratio_only(text.lower(), wanted_words)):
            continue  # "how many inhabitants": never a percent or an amount, nor a figure only "per innbygger"
        if count_for_share(q, unit):
            continue  # "andel søknader": a share, never the count of the things it is a share of ("158 søknader")
        if per_capita_only and str(unit or "").endswith("per_capita"):
            continue  # "kr 65 293 pr. innbyggar" is not how many inhabitants: a figure per something answers "per"
        dated_year = year if year is not None else report_year
        if years and dated_year not in years and not (
                dated_year is not None and dated_year - 1 in years
                and dated_year in {int(y) for y in START_OF_YEAR.findall(text.lower())}):
            continue  # "per 01.01.2019" states the end of 2018: asked of 2018, it answers
        terms = _sentence_terms(text)
        hits = [s for s in wanted if _present(s, terms)]
        if len(hits) * 2 < len(wanted) or not any(len(h) >= 4 or h in abbreviations for h in hits) \
                or not paired <= set(hits):
            continue
        if not named_rows <= set(hits):
            continue  # a row of the tables the question names by its name ("ABC"): the sentence must say it
        if not subject <= set(hits):
            continue  # the measure's word of another subject's sentence ("merforbruk på rammeområdene")
        if counting and counts_another(q, _printed(data, fig)):
            continue  # "tolv kommunar" is no count of the inhabitants of the owner municipalities
        near = _sentence_terms(topic or "")
        by_topic = [s for s in wanted if _present(s, near)]
        if not by_topic and named_by_clause.get(text) == fid:  # its own clause of a listing ("1,9 mia. på overførsler")
            by_topic = [s for s in wanted if _present(s, _sentence_terms(clause_of(text, _printed(data, fig))))]
        if not by_topic:
            continue
        # the first day of a year asked ("per 1. januar 2017"): a sentence that writes that day states it
        dated = bool(boundary & {int(y) for y in START_OF_YEAR.findall(text.lower())})
        score = (len(hits) / len(wanted), sum(len(h) for h in hits), dated, _fits(kind, unit), len(by_topic),
                 year in years)
        # a sentence the report repeats is one statement; two figures of one sentence are two ("75%" and "37,9 %")
        scored.append((score, fid, (file_name, text, unit), (year, fig[4], text, _printed(data, fig))))
        found_by[fid] = (frozenset(hits), year if year is not None else report_year, _years_written(text))
    # of a sentence listing several figures, the one whose own clause holds the question's words
    scored = [x for x in scored if named_by_clause.get(x[3][2], x[1]) == x[1]]
    if not scored:
        return None
    scored.sort(reverse=True)
    if len(years) > 1:
        scored = _every_year(scored, found_by, years)
    top = scored[0][0][:2]
    chosen, seen = [], set()
    for s_, fid, _, same in scored:
        if (s_[:2] == top or len(years) > 1) and same not in seen and len(chosen) < MAX_ROWS:
            chosen.append(fid)  # a sentence repeated in the report, once
            seen.add(same)
    # the same sentence's other figures of the same kind for the years asked ("127,1 %, mot 142,9 % i 2017")
    kinds = {k for s, _, k, _ in scored if s[:2] == top}
    capitals = [m for m in re.finditer(r"\b[A-ZÆØÅ][\wæøå]+", q.raw) if m.start() and m.start() not in sentence_starts(q.raw)]
    listing = len(capitals) >= 2  # "Eksempelby, Nordby og Sørby"
    from app.engine.families.cell_lookup import TWO_ASKS

    # "…, og kor mange av dei var …?", "before and after", "target and actual": the sentence's other figures too
    several_years = len(asked_years(q)) > 1 or q.has(*TWO_ASKS) or q.has(*BOTH_FIGURES)
    printed = getattr(data, "prose_printed", None) or {}
    for fid, file_name, year, report_year, _topic, text, unit in data.prose_figures:
        if (file_name, text, unit) in kinds and fid not in chosen and len(chosen) < MAX_ROWS and (
                (several_years or listing) and (not years or (year if year is not None else report_year) in years)) \
                and (year, _topic, text, printed.get(fid)) not in seen:  # a sentence the report repeats, once
            chosen.append(fid)
            seen.add((year, _topic, text, printed.get(fid)))
    chosen += _other_names(q, wanted, scored, found_by, chosen)
    chosen = _listed_names_asked(q, chosen, data)
    chosen = _counted_figure(q, chosen, data)
    chosen = [fid for fid in _of_kind_asked(_sentence_figures_of_kind(chosen, data, kind), data, kind)
              if fid not in plans]  # a sentence's other figure stated as a plan ("målet 1 procents överskott") too
    chosen = with_levels_of_change(chosen, data)
    if not chosen:
        return None
    first, chosen = chosen, with_budget_counterpart(q, statement_figures(q, chosen, data, years), data, years)
    en = q.lang == "en"
    sql = (f"select f.organisation, f.value_year as year, {deficit_value(q)}, f.unit, f.printed, f.topic, f.text as sentence,\n"
           "       f.file_name as document, f.page,\n"
           "       f.file_name as source_document, f.page as source_page, f.text as source_excerpt\n"
           "from fct_report_prose_figure as f\nwhere " + with_referents(chosen, plans) +
           "\norder by f.file_name, f.page, f.line, " + first_sql(first))
    what = ", ".join(sorted({d.organisation or d.title or d.file_name for d in docs}))
    interp = (("figure in the text of " if en else "tall i teksten i ") + what + ": "
              + " ".join(w for w in words(q.text) if stem(w) in wanted))
    if years:
        interp += ", " + ", ".join(map(str, sorted(years)))

    def sentence(columns, rows, lang):
        e = lang == "en"
        d = [dict(zip(columns, r)) for r in rows]
        quoted: set = set()

        def cite(x) -> str:  # the sentence, once, with its page
            text = re.sub(r"\s+", " ", str(x.get("sentence") or "")).strip()
            if not text or text in quoted:
                return ""
            quoted.add(text)
            return f"; «{text[:220]}», {x.get('document')}, {'page' if e else 'side'} {x.get('page')}"

        shown = "; ".join(f"{said_shortfall(x.get('sentence'), x.get('printed'))}{format_number(x['value'])} ({x['printed']}, {x['year']}{cite(x)})" for x in d)
        return ("Read from the report text (not a governed measure): " if e else
                "Lest fra rapportteksten (ikke et styrt mål): ") + shown + "." + budget_side_missing(q.raw, columns, rows, e)

    return Reading(NAME, ("the report text, as written (not a governed measure)" if en else
                          "rapportteksten, slik den er skrevet (ikke et styrt mål)"), sql, interp, sentence=sentence,
                   empty_reason=("The report text has no such figure." if en else "Rapportteksten har ikke noe slikt tall."))


def _other_names(q: Question, wanted: list[str], scored: list, found_by: dict, chosen: list) -> list:
    """Names listed or compared ("A compared with B", "A, B og C") whose figures the text states in sentences of their
    own ("A står for 2764 alarmer", "B hadde 26 alarmer"): for each name no chosen sentence holds, the best sentence
    that holds it and every other word the best sentence holds (the other names aside); none when no sentence does."""
    names = {stem(m.group(0).lower()) for m in re.finditer(r"\b[A-ZÆØÅ][\wæøå]+", q.raw) if m.start()} & set(wanted)
    if not chosen or len(names) < 2:
        return []
    held = set().union(*(found_by[fid][0] for fid in chosen if fid in found_by))
    measure = found_by[chosen[0]][0] - names if chosen[0] in found_by else frozenset()
    if not measure:
        return []  # a sentence holding only names states no figure of the measure asked
    out: list = []
    for name in sorted(names - held):
        best = next((fid for _, fid, _, _ in scored if fid not in chosen and name in found_by[fid][0]
                     and measure <= found_by[fid][0]), None)
        if best is not None:
            out.append(best)
    return out


_TRAILING_NAME = re.compile(r"(?<![\wæøåäö])[A-ZÆØÅÄÖ][\wæøåäö\-]*(?:\s+[A-ZÆØÅÄÖ][\wæøåäö\-]*){0,3}$")


def _listed_names_asked(q: Question, chosen: list, data) -> list:
    """Of a sentence's figures each listed with its name ("fordeling: Nordvik 21 %, Sørby 4 %": the reader ends each
    one's topic with its name), those whose name the question writes, when it writes one or more of them; every chosen
    figure otherwise."""
    figures = {f[0]: f for f in data.prose_figures if f[0] in chosen}
    by_sentence: dict[tuple, dict[str, str]] = {}
    for fid, f in figures.items():
        name = _TRAILING_NAME.search(f[4] or "")
        if name:
            by_sentence.setdefault((f[1], f[5]), {})[fid] = name.group(0)
    drop = set()
    for names in by_sentence.values():
        if len(set(names.values())) < 2:
            continue  # one name is no list of names
        asked = {fid for fid, name in names.items()
                 if re.search(rf"(?<![\wæøåäö]){re.escape(name)}(?![\wæøåäö])", q.raw, re.I)}
        if asked:
            drop |= set(names) - asked
    return [fid for fid in chosen if fid not in drop]


# a question that asks for two figures of one statement: before and after, from one to the other, a target and what
# was reached, a figure and how much it grew
BOTH_FIGURES = (r"before and after", r"før og etter", r"fyrr og etter", r"innan og etter", r"före och efter",
                r"from \S+ to", r"fra \S+ til", r"frå \S+ til", r"från \S+ till", r"and how (?:much|many)",
                r"og (?:hvor|kor) (?:mye|mykje|mange|stor)", r"och hur (?:mycket|många|stor)", r"versus", r"vs\.?",
                r"(?:target|goal|mål|målet) (?:and|og|och|vs\.?|versus|mot) (?:the )?(?:actual|faktisk|reached|oppnådd)",
                r"compared (?:with|to) (?:the )?(?:target|goal)", BOTH_KINDS.pattern)
# "how much waste", "kor mykje avfall": an amount or a quantity of a thing, never a percent unless a percent is asked
# ("how much did it grow", "hvor mye økte …" ask a change, which a percent may state)
MUCH_ASKS = re.compile(r"(?<!\w)(?:how much|hvor mye|kor mykje|kor mye|hur mycket|hvor meget)\s+(?!(?:did|does|do|was|"
                       r"were|has|have|had|is|are|will|would|var|ble|blei|vart|har|hadde|er|økte|auka|auke|steg|gikk|"
                       r"gjekk|falt|fall|grew|rose|ökade|var|blev|har|hade)\b)[a-zæøåäö]")


# "how large was the fund", "hvor stort var disposisjonsfondet", "kor stor var gjelda": the size of a thing, an amount
# or a quantity, never a percent beside it ("… vokste med 10,1 prosent") unless a rate or a change is what is asked
SIZE_ASKS = re.compile(r"(?<!\w)(?:how (?:large|big)|hvor (?:stor|stort|store)|kor (?:stor|stort|store)|"
                       r"hur (?:stor|stort|stora)|hvor (?:høy|høyt)|kor (?:høg|høgt))(?!\w)")
RATE_WORDS = re.compile(r"(?<![\wæøåäö])(?:del|andel\w*|share|part|proportion|rate|prosent\w*|percent\w*|%|"
                        r"\w*fravær\w*|\w*fråvær\w*|\w*frånvaro\w*|absence|sick|grad\w*|margin\w*|"
                        r"\w*økning\w*|\w*auke\w*|\w*vekst\w*|\w*nedgang\w*|\w*endring\w*|\w*ökning\w*|"
                        r"growth|increase\w*|decrease\w*|change\w*|rise|fall)(?![\wæøåäö])")


# a question that asks for more than one figure of a statement: a second question ("…, og kva var gjenvinningsgraden?",
# "and how much was budgeted?"), a figure against its budget ("resultat mot budsjett", "compared with its budget"), a
# figure and its change ("driftsutgifter 2013 og 2014, endring"), two ways of stating it ("in people and in percent")
SECOND_ASK = re.compile(
    r"(?:,|\bog|\band|\boch|\bsamt)\s+(?:hva|hvor|kva|kor|vad|hur|what|how|which|hvilke\w*|kva\w*|korleis|hvordan)\b"
    r"|\b(?:mot|mod|gentemot|against|versus|vs\.?|sammenlignet med|samanlikna med|jämfört med|compared? (?:with|to))"
    r"\s+(?:the\s+|its\s+|their\s+|det\s+|sitt\s+)?(?:budsj\w*|budget\w*)"
    r"|[,:–-]\s*(?:endring\w*|change|differen\w*|avvik\w*|skilnad\w*|forskjell\w*)\s*[?.]?\s*$"
    r"|\b(?:i|in)\s+[a-zæøåäö]+\s+(?:og|and|och)\s+(?:i|in)\s+[a-zæøåäö]+")


# the question asks a plan (a budget, a target, a bound, a forecast, what something should be), also as the head of a
# compound ("nærværsmålet", "driftsbudsjettet"): a plan's figure may answer
_PLAN_ASKED = re.compile(rf"(?<![\wæøåäö])(?:{PLAN_WORDS}|[a-zæøåäö]*(?:budsj|budget|mål|prognos|target|forecast)\w*|"
                         r"skulle|skal|should|intervall\w*|"
                         r"interval\w*|ramme\w*|ram\w*|plan\w*|vedtatt|vedteke|ambisj\w*|ambition\w*|krav\w*)"
                         r"(?![\wæøåäö])")


def asks_plan(raw: str) -> bool:
    """The question asks a plan's figure (a budget, a target, a bound, a forecast), which a planned figure may answer."""
    return _PLAN_ASKED.search(raw.lower()) is not None


def planned_figures(q: Question, data) -> frozenset:
    """The prose figures stated as plans (`stated_as_plan`) when the question asks no plan: never an answer to it
    ("faktisk driftsoverskudd", "the result", "årsresultat" are what happened, not "minimum 100 mio." set as a goal)."""
    if asks_plan(q.raw):
        return frozenset()
    printed = getattr(data, "prose_printed", None) or {}
    return frozenset(f[0] for f in data.prose_figures if stated_as_plan(f[5], printed.get(f[0])))


# a question asking a change: the change family's and the stated-change words (`stated_change.CHANGE_ASKED`), or a word
# of change as the head of a compound ("befolkningsveksten", "skatteauken", "kostnadsøkning", "Bevölkerungszuwachs" no)
_CHANGE_HEAD = re.compile(r"(?<![\wæøåäö])[a-zæøåäö]*(?:vekst|økning|auke|auken|nedgang|endring|endringa|reduksjon|tilbakegang|"
                          r"ökning|minskning|förändring|tillväxt|ændring|stigning|forbedring|forverring|"
                          r"prosentpoeng|procentenhet|procentpoint|growth|increase|decrease|decline|reduction)\w*(?![\wæøåäö])|"
                          r"percentage points?|(?<![\wæøåäö])pp(?![\wæøåäö])|"
                          # "kor mange fleire innbyggjarar", "how many more", "hvor mye mer": how much it grew
                          r"(?<![\wæøåäö])(?:mange|many|många|mye|mykje|much)\s+(?:fleire|flere|fler|færre|færri|färre|"
                          r"more|fewer|meir|mer|mindre|less)(?![\wæøåäö])")
# a question asking a difference from a plan: a deviation, an overspend or an underspend, a figure against its budget
_DEVIATION_ASKED = re.compile(r"(?<![\wæøåäö])(?:avvik\w*|avvikelse\w*|afvig\w*|deviation\w*|variance\w*|differen\w*|"
                              r"forskjell\w*|skilnad\w*|skillnad\w*|[a-zæøåäö]*forbruk\w*|overspen\w*|underspen\w*|"
                              r"overskrid\w*|overrun\w*)(?![\wæøåäö])")
# a question asking where a change went from ("før", "fra ... til", "before and after", "previously")
_BEFORE_ASKED = re.compile(r"(?<![\wæøåäö])(?:før|fyrr|innan|före|before|tidligere|tidlegare|tidigare|previously|"
                           r"fra|frå|från|from)(?![\wæøåäö])")


def roles_not_asked(q: Question, data) -> frozenset:
    """The prose figures whose role (`DataVocabulary.prose_roles`) the question does not ask: a change ("økte med 0,5
    prosentpoeng", "45 mill. lavere enn i fjor") answers only a question asking a change, a difference from a plan ("470
    mill. høyere enn budsjett") only one asking a change, a deviation or the plan, the level a change went from ("frå
    7,2 til 6,8 prosent": 7,2) only one asking a change or where it went from. A level question left with none of
    them is better unanswered than answered with another role's number."""
    from app.engine.stated_change import asks_change

    roles = getattr(data, "prose_roles", None) or {}
    if not roles:
        return frozenset()
    low = q.raw.lower()
    change = asks_change(low) or _CHANGE_HEAD.search(low) is not None
    asked = {"endring"} if change else set()
    if change or asks_plan(q.raw) or _DEVIATION_ASKED.search(low):
        asked.add("avvik")
    if change or _BEFORE_ASKED.search(low):
        asked.add("før")
    return frozenset(fid for fid, role in roles.items() if role not in asked)


def with_levels_of_change(chosen: list, data) -> list:
    """A change chosen whose sentence states the levels it went from and to ("redusert med 1,0 prosentpoeng frå 6,6 til
    5,6 prosent", "en nedgang på 0,4 prosentpoeng fra 11,7 prosent i 2020 til 11,3 prosent i 2021"): those two levels
    too, so an answer to how a measure changed shows where it went from and to beside the change."""
    roles = getattr(data, "prose_roles", None) or {}
    changes = {fid for fid in chosen if roles.get(fid) == "endring"}
    out = list(chosen)
    # and a level chosen keeps the change its own sentence states of it ("263,8 mill. kr i fastløn, ein auke på 6,5 %
    # frå 2021"), as the sentence says it: a change never answers a level alone, but is no secret beside it
    levels = {(f[1], f[5], f[2]) for f in data.prose_figures if f[0] in chosen and f[0] not in roles}
    out += [f[0] for f in data.prose_figures if roles.get(f[0]) == "endring" and (f[1], f[5], f[2]) in levels
            and f[0] not in out]
    if not changes:
        return out[:max(MAX_ROWS, len(chosen))]
    sentences = {(f[1], f[5]) for f in data.prose_figures if f[0] in changes}
    for key in sentences:
        levels = [f for f in data.prose_figures if (f[1], f[5]) == key and roles.get(f[0]) in (None, "før")]
        pair = any(roles.get(f[0]) == "før" for f in levels) or len({f[2] for f in levels}) == len(levels)
        if len(levels) == 2 and levels[0][6] == levels[1][6] and pair:  # one from, one to, in one unit
            out += [f[0] for f in levels if f[0] not in out]
    return out[:max(MAX_ROWS, len(chosen))]


def figures_not_asked(q: Question, data) -> frozenset:
    """The prose figures that never answer the question: plans it does not ask (`planned_figures`), figures of a
    role it does not ask (`roles_not_asked`) and figures of a part of the year when it asks a whole year
    (`part_year_figures`)."""
    return planned_figures(q, data) | roles_not_asked(q, data) | part_year_figures(q, data)


def part_year_figures(q: Question, data) -> frozenset:
    """The figures the reader dated by a part of the year ("i fjerde kvartal var fråværet 5,6 prosent", a news page
    about one quarter, "per 2. tertial"), when the question asks the whole year ("for hele 2031", `asks_whole_period`):
    they never answer it. A question of a year that does not say "whole" may take them, each sentence saying its
    period; a question asking a part (a quarter, tertial, half, month, week or a day) leaves them to its family."""
    periods = getattr(data, "prose_periods", None)
    if not periods or not asks_whole_period(q.raw):
        return frozenset()
    # a sentence of a part-year report that itself names the whole year's figure ("Et årsresultat på mellom 2,5 og 3 %
    # vil nok være et riktig anslag" in a tertial report) is about the year, whatever period the reader dated it by
    whole = {f[0] for f in data.prose_figures if f[0] in periods and asks_whole_period(f[5])}
    return frozenset(periods) - whole


def first_sql(first: list) -> str:
    """SQL ordering the figures chosen first before the statement's other figures of the same line."""
    return f"case when {in_list('f.figure_id', first)} then 0 else 1 end" if first else "f.figure_id"


def statement_figures(q: Question, chosen: list, data, years: set[int]) -> list:
    """A question that asks more than one figure of what it is about (`SECOND_ASK`): the chosen sentences' other
    figures too, of any unit, for the years asked ("72 000 tonn næringsavfall med 97 prosent total gjenvinningsgrad"
    answers both "how many tonnes" and "what was the recovery rate"; "budgetert till 242 Mkr … ett överskott gentemot
    budget om 289 Mkr" both the budget and the surplus against it). A figure the report gives no year (a comparison
    printed in brackets) stays out, as everywhere."""
    if not chosen or not SECOND_ASK.search(q.raw.lower()):
        return chosen
    sentences = {(f[1], f[5]) for f in data.prose_figures if f[0] in chosen}
    printed_of = getattr(data, "prose_printed", None) or {}
    out = list(chosen)
    for f in data.prose_figures:
        if len(out) >= MAX_ROWS:
            break
        if f[0] in out or (f[1], f[5]) not in sentences or f[6] in ("years",):
            continue
        if years and (f[2] if f[2] is not None else f[3]) not in years:
            continue
        if _bound(f, printed_of) or (not asks_plan(q.raw) and stated_as_plan(f[5], printed_of.get(f[0]))):
            continue
        out.append(f[0])
    return out


# a figure asked against its budget ("resultat mot budsjett", "result against budget", "samanlikna med budsjettet",
# "jämfört med budget", "and the deviation from budget"): the figure and the budget both
AGAINST_BUDGET = re.compile(
    r"(?<![\wæøåäö])(?:mot|mod|gentemot|against|versus|vs\.?|sammenlignet med|samanlikna med|jämfört med|jamført med|"
    r"compared? (?:with|to)|i forhold til|relative to|målt mot|(?:avvik\w*|avvikelse\w*|afvigelse\w*|deviation|"
    r"variance|difference) (?:fra|frå|från|from|mot|against|to))\s+(?:the\s+|its\s+|their\s+|det\s+|sitt\s+)?"
    r"(?:budsj\w*|budget\w*)|(?<![\wæøåäö])(?:budget vs\.? actual|actual vs\.? budget)")
_BUDGET_WORD = re.compile(r"(?:budsj|budget|planl|plan$|vedt|avvik|deviat|varian|against|mot$|versus|compar|samanlikn|"
                          r"sammenlign|jämför)")


def with_budget_counterpart(q: Question, chosen: list, data, years: set[int]) -> list:
    """A figure asked against its budget (`AGAINST_BUDGET`) whose chosen sentences state only one side of it (the
    budget "Budsjettert resultat var 45 mill.", or the outcome "nettodriftsresultat på 142 mill. i 2017"): the other
    side as the same document states it in another sentence, for the same year and unit, the sentence that holds the
    question's topic words best (the budget one stated as a plan, the outcome one not), nearest the chosen one.
    Nothing is added when no such sentence of that document holds the topic."""
    if not chosen or not AGAINST_BUDGET.search(q.raw.lower()):
        return chosen
    from app.engine.families.prose_rank import cover, question_words

    printed_of = getattr(data, "prose_printed", None) or {}
    figs = data.prose_figures
    index = {f[0]: i for i, f in enumerate(figs)}
    of = [figs[index[fid]] for fid in chosen if fid in index]
    if not of:
        return chosen

    def plan(f) -> bool:
        return stated_as_plan(f[5], printed_of.get(f[0]))

    kinds = {plan(f) for f in of}
    if len(kinds) != 1:
        return chosen  # both sides stated already
    want_plan = not kinds.pop()
    files = {f[1] for f in of}
    of_years = {f[2] if f[2] is not None else f[3] for f in of}
    units = {f[6] for f in of}
    topic = [w for w in question_words(q.text, q.lang, set(), ASKING_EVERY)
             if w.weight >= 1.0 and not _BUDGET_WORD.search(w.word)]
    known = getattr(data, "prose_known", frozenset()) or frozenset()
    heads = set()
    for f in of:  # the chosen figure's topic word and its head ("nettodriftsresultat", "resultat"); a word of the
        # other sentence that is either, or ends a compound of it, names the same thing
        last = [w for w in words(f[4] or "") if len(w) >= 4 and not _BUDGET_WORD.search(w)
                and stem(w) not in ASKING_EVERY][-1:]
        for w in last:
            parts = split_compound(stem(w), known) or [stem(w)]
            if len(parts[-1]) >= 5:
                heads.add(parts[-1])
    if not topic and not heads:
        return chosen
    best, pick = None, None
    for i, f in enumerate(figs):
        year = f[2] if f[2] is not None else f[3]
        if f[0] in chosen or f[1] not in files or f[6] not in units or year not in of_years or f[6] in ("years",):
            continue
        if years and year not in years:
            continue
        if plan(f) != want_plan or _bound(f, printed_of):
            continue
        share, weight, _letters = cover(topic, f[5])
        if share <= 0 and heads and any(len(w) >= 5 and (w.endswith(h) or h.endswith(w))
                                        for w in map(stem, words(f[5])) for h in heads):
            share = 0.01  # "Budsjettert resultat" for "nettodriftsresultat": the head of the chosen one's topic
        if share <= 0 and _refers_back(figs, index, chosen, i):
            share = 1.0  # "Dette er langt over budsjettet som tilsa 2,9 mill.": the sentence right after, about it
        if share <= 0:
            continue
        key = (round(share, 3), -min(abs(i - index[c]) for c in chosen if c in index), round(weight, 2))
        if best is None or key > best:
            best, pick = key, f[0]
    return chosen + [pick] if pick is not None else chosen


def budget_side_missing(raw: str, columns, rows, en: bool) -> str:
    """A figure asked against its budget (`AGAINST_BUDGET`) answered with one side only (every figure shown stated as
    a plan, or none): the answer says the report states no other side beside it, never works one out."""
    if not rows or "sentence" not in columns or not AGAINST_BUDGET.search(raw.lower()) \
            or _DEVIATION_ASKED.search(raw.lower()):
        return ""  # (a deviation asked: the deviation stated answers it)
    si, pi = columns.index("sentence"), (columns.index("printed") if "printed" in columns else None)
    plans = {stated_as_plan(str(r[si] or ""), r[pi] if pi is not None else None) for r in rows}
    if len(plans) != 1:
        return ""
    if plans.pop():
        return (" The report states no outcome beside this budget." if en else
                " Rapporten oppgir ikke noe resultat ved siden av dette budsjettet.")
    return (" The report states no budget for it beside this." if en else
            " Rapporten oppgir ikke noe budsjett for dette ved siden av.")


def _refers_back(figs, index: dict, chosen: list, i: int) -> bool:
    """The figure at `i` stands in the sentence right after a chosen figure's sentence (of the same document), and that
    sentence begins by referring back to it (`ANAPHORA`, not an expletive or a determiner opening its own statement)."""
    f = figs[i]
    low = f[5].lower()
    if not re.search(ANAPHORA, low) or re.search(EXPLETIVE, low) or re.search(DETERMINER, low):
        return False
    for c in chosen:
        j = index.get(c)
        if j is None or j >= i or figs[j][1] != f[1]:
            continue
        if all(figs[k][5] in (figs[j][5], f[5]) for k in range(j, i + 1)):
            return True
    return False


def _bound(fig, printed_of: dict) -> bool:
    """A figure printed as a bound (`BOUND_BEFORE`: "sjukevikar over 16 dagar", "more than 30 days"): a condition of the
    statement, not a figure it states."""
    printed = printed_of.get(fig[0]) or ""
    at = fig[5].find(printed) if printed else -1
    return at > 0 and BOUND_BEFORE.search(fig[5][:at].lower()) is not None


def not_bounds(chosen: list, data) -> list:
    """Of a sentence's chosen figures, those it states, not a bound it sets ("vikarer over 16 dager"), when it states
    some."""
    printed_of = getattr(data, "prose_printed", None) or {}
    of = {f[0]: f for f in data.prose_figures if f[0] in chosen}
    bounds = {fid for fid, f in of.items() if _bound(f, printed_of)}
    stated = {(f[1], f[5]) for fid, f in of.items() if fid not in bounds}
    return [fid for fid in chosen if fid not in bounds or (of[fid][1], of[fid][5]) not in stated]


def _of_kind_asked(chosen: list, data, kind: str | None) -> list:
    """Of the chosen figures, those whose unit is of the kind asked ("materialgjenvinning i prosent": 41,5 prosent,
    not the 23 400 tonn of the same sentence), when some are and others are of another kind."""
    unit = {f[0]: f[6] for f in data.prose_figures if f[0] in chosen}
    fits = {fid: _fits(kind, unit.get(fid)) for fid in chosen}
    if any(v > 0 for v in fits.values()) and any(v < 0 for v in fits.values()):
        return [fid for fid in chosen if fits[fid] >= 0]
    if kind == "quantity" and any(v < 0 for v in fits.values()) and any(v == 0 for v in fits.values()):
        return [fid for fid in chosen if fits[fid] == 0]
    return chosen


def _sentence_figures_of_kind(chosen: list, data, kind: str | None) -> list:
    """A chosen figure of another kind than asked gives way to the figures of its own sentence that are not ("how much
    waste": the 23 400 tonn of «Det ble samlet inn 23 400 tonn avfall, og materialgjenvinningen var 41,5 prosent»,
    though the words printed beside the percent name the waste)."""
    if kind is None:
        return chosen
    out: list = []
    for fid in chosen:
        fig = next((f for f in data.prose_figures if f[0] == fid), None)
        if fig is None or _fits(kind, fig[6]) >= 0:
            out += [fid] if fid not in out else []
            continue
        same = [f[0] for f in data.prose_figures if f[1] == fig[1] and f[5] == fig[5] and f[2] == fig[2]
                and _fits(kind, f[6]) >= 0]
        out += [o for o in (same or [fid]) if o not in out]
    return out


def _kind(q: Question, asked) -> str | None:
    from app.engine.asked_unit import _AMOUNT, _PERCENT
    from app.engine.families.prose_rank import kind_asked

    low = q.raw.lower()
    if asked is None and (_AMOUNT.search(low) and _PERCENT.search(low) or BOTH_KINDS.search(low)):
        return None  # "in NOK and as a percentage", "tal og prosent": both asked, each figure of its kind
    kind = kind_asked(q.raw, asked)
    return "quantity" if kind is None and (MUCH_ASKS.search(low) or SIZE_ASKS.search(low)
                                           and not RATE_WORDS.search(low)) else kind


def _fits(kind: str | None, unit: str | None) -> int:
    """1 when the figure's unit is of the kind asked, -1 when it is of another kind, 0 when it cannot tell."""
    from app.engine.asked_unit import PERCENT, unit_kind
    from app.engine.families.prose_rank import unit_fits

    if kind == "quantity":
        return -1 if unit_kind(unit) == PERCENT else 0
    return unit_fits(kind, unit, None, [])


def _counted_figure(q: Question, chosen: list, data) -> list:
    """"Kor mange elevplassar …": of a sentence's figures, the one printed with what is counted (the word after "how
    many"), when one is."""
    counted = re.search(r"(?:hvor|kor|how|hur) (?:mange|many|många) ([a-zæøåäö]{4,})", q.text)
    if not counted or len(re.findall(r"(?:hvor|kor|how|hur) (?:mange|many|många)\b", q.text)) > 1:
        return chosen  # "how many permanent employees …, and how many of them were women": each ask its own figure
    from app.engine.families.label_search import is_english, word_forms

    # the counted word in its forms: "kindergartens" is printed "14 barnehager", never "9 grunnskoler" beside it
    return _printed_with_word_asked(chosen, data, sorted(word_forms(counted.group(1), is_english(q))))


def _printed_with_word_asked(chosen: list, data, wanted: list[str]) -> list:
    """A chosen sentence's figure printed with a word the question asks ("vel 4500 elevar" for "kor mange elevplassar",
    beside "14 vidaregåande skular"): that figure instead of the sentence's others."""
    from app.engine.families.prose_rank import printed_words

    printed = getattr(data, "prose_printed", None) or {}
    by_text: dict[tuple, list] = {}
    for f in data.prose_figures:
        # a figure of the same sentence and the same year ("22 flyktninger i 2020, mot 18 året før" asked of 2019: the
        # 18, though printed without the word asked)
        by_text.setdefault((f[1], f[5], f[2] if f[2] is not None else f[3]), []).append(f[0])

    def asked(fid) -> int:  # letters of the longest printed word inside a word asked ("barnehag" over "barn")
        return max((len(t) for t in printed_words(printed.get(fid)) if len(t) >= 4 and any(t in w for w in wanted)),
                   default=0)

    out = []
    for fid in chosen:
        fig = next((f for f in data.prose_figures if f[0] == fid), None)
        same = by_text.get((fig[1], fig[5], fig[2] if fig[2] is not None else fig[3]), ()) if fig is not None else ()
        best = max((asked(o) for o in same), default=0)
        # a figure printed bare ("…: 144,1") is the sentence's own answer; only one printed with another thing
        # ("14 vidaregåande skular") gives way
        bare = not any(len(t) >= 4 for t in printed_words(printed.get(fid)))
        if fig is None or not best or bare or asked(fid) == best:
            out += [fid] if fid not in out else []
            continue
        out += [o for o in same if asked(o) == best and o not in out]
    return out


def asked_years(q: Question) -> set[int]:
    """The years asked, with the one before the year named when the question asks for it too ("…2015-16, og hva var
    det året før?", "and the previous year"): a sentence that states both answers both."""
    from app.engine.parts import _previous_year_asked

    years = set(q.period.years)
    if len(years) == 1 and _previous_year_asked(q.text):
        years.add(min(years) - 1)
    return years


def _every_year(scored: list, found_by: dict, years: set[int]) -> list:
    """Several years asked ("i 2016 og i 2018", "2016-2018"): the same kind of figure for each of them, not the
    best sentence of one year. The kind is the set of the question's words a sentence holds; the kind found for
    the most years wins (then the best score), and each year keeps its best sentences of that kind."""
    kinds: dict[frozenset, set[int]] = {}
    for _, fid, _, _ in scored:
        hits, year, written = found_by[fid]
        kinds.setdefault(hits, set()).update({year} | written)  # "frå 219 mill i 2017 til 202 mill i 2018": both
    best_score = {k: max(s[0] for s in scored if found_by[s[1]][0] == k) for k in kinds}
    kind = max(kinds, key=lambda k: (len(kinds[k] & years), best_score[k]))
    if len(kinds[kind] & years) < 2:
        return scored
    out = []
    for year in sorted(kinds[kind] & years):
        mine = [s for s in scored if found_by[s[1]][0] == kind and year in {found_by[s[1]][1]} | found_by[s[1]][2]]
        if mine:
            top = max(s[0][:2] for s in mine)
            out += [s for s in mine if s[0][:2] == top and s not in out]
    return out


def _years_written(text: str) -> set[int]:
    return {int(y) for y in re.findall(r"(?<!\d)((?:19|20)\d\d)(?!\d)", text or "")}


# A sentence that goes on from the one before ("Det gir ein folketalsvekst på 0,67 prosent.", "Fondet er nå på 21
# mill." after "Kraftfondet hadde en avkastning på 10 %"): its figure belongs to the same statement.
ANAPHORA = r"^(?:det|dette|denne|dei|de|dette|this|that|it|these|those)\b"
# "Det vart samla inn 4 350 tonn", "Det er 624 055 innbyggere", "Det ble startet 3 prosjekt": "det" as the empty subject
# of a passive or of "there is N" introduces a statement of its own, never one about the sentence before
EXPLETIVE = (r"^(?:det|der)\s+(?:vart|ble|blei|blir|vert|verte|finst|fins|finnes|kom|kjem|"
             r"(?:er|var|har vore|har vært)\s+(?:[a-zæøå]+\s+)?[0-9])")
# "Det samlede budsjettavviket for tjenesteområdene er …", "De samla utgiftene …", "Denne nye ordningen …": the pronoun
# as the article of an adjective and its noun opens a statement of its own about another measure, never one about the
# sentence before
DETERMINER = r"^(?:det|den|de|dei|denne|dette|disse|desse)\s+[a-zæøå]+[ea]\s+[a-zæøå]{3,}(?:et|en|ene|a|ane|ar|er)\b"
NEAR_LINES = 2  # lines: a paragraph read as one line gives no order of its sentences, so never the same line


def with_referents(chosen: list, plans=frozenset()) -> str:
    """The chosen figures, and the figures of the sentence right before one that begins by referring back to it, or
    right after it when that one begins by referring back (a pronoun, or the head of a compound of the chosen
    sentence: "Fondet" after "Kraftfondet"); none of `plans` (figures stated as a plan the question does not ask)."""
    ids = in_list("c.figure_id", chosen)
    head = "regexp_extract(lower(n.text), '^([a-zæøå]{4,}?)(?:ene|et|en|a)?\\b', 1)"
    plans = sorted(p for p in plans if p not in chosen)
    left_out = f" and not {in_list('n.figure_id', plans)}" if plans else ""
    return (in_list("f.figure_id", chosen) + " or f.figure_id in (\n"
            "    select n.figure_id from fct_report_prose_figure as c\n"
            "    join fct_report_prose_figure as n on n.file_name = c.file_name and n.page = c.page\n"
            f"    where {ids} and n.value is not null and n.text <> c.text{left_out} and (\n"
            f"        (n.line between c.line - {NEAR_LINES} and c.line - 1 and regexp_matches(lower(c.text), '{ANAPHORA}')\n"
            f"            and not regexp_matches(lower(c.text), '{EXPLETIVE}')"
            f" and not regexp_matches(lower(c.text), '{DETERMINER}'))\n"
            f"        or (n.line between c.line + 1 and c.line + {NEAR_LINES} and (regexp_matches(lower(n.text), '{ANAPHORA}')\n"
            f"            and not regexp_matches(lower(n.text), '{EXPLETIVE}')"
            f" and not regexp_matches(lower(n.text), '{DETERMINER}')\n"
            f"            or ({head} <> '' and regexp_matches(lower(c.text), '[a-zæøå]{{3,}}' || {head} || '[a-zæøå]*'))))))")


# --- every word in one sentence --------------------------------------------------------------

# question words that ask for a figure but are not what the figure is about (the first pass, below)
ASKING_EVERY = ASKING | {stem(w) for w in """
antall andel del share høy høg high year år året i fjor were vart blei according ifølge annual årsmelding
iks selskap company in på for av om til the of compare compared comparison sammenlign sammenlignet samanlikn samanlikna
""".split()}


# the first day of a year ("per 1. januar 2017", "pr. 01.01.2019", "ved inngangen til 2019", "at the start of 2019"):
# a point in time, the state at the end of the year before, not the month of January
START_OF_YEAR = re.compile(
    r"(?:\b0?1\s*\.\s*(?:0?1\s*\.|januar\w*)|\b1\.?\s+january|\bjanuary\s+1(?:st)?,?|inngangen\s+(?:til|av)|"
    r"(?:starten|begynnelsen|byrjinga|byrjinga)\s+(?:av|på)|(?:start|beginning|outset)\s+of)\s*((?:19|20)\d\d)\b")
BOUNDARY_STEMS = frozenset(stem(w) for w in "januar january inngangen inngang starten start begynnelsen byrjinga "
                           "beginning outset".split())


def start_of_year(q: Question) -> set[int]:
    """The years whose first day the question asks about."""
    return {int(y) for y in START_OF_YEAR.findall(q.raw.lower())}


QUARTER_WORD = re.compile(r"kvartal\w*|quarters?|q[1-4]|første|fyrste|andre|annet|tredje|fjerde|first|second|third|"
                          r"fourth|1st|2nd|3rd|4th")


def quarters_only(q: Question) -> bool:
    """Quarters asked, and no week, month or half: a sentence that names its quarter may answer."""
    p = q.period
    return bool(p.quarters) and not (p.weeks or p.months or p.halves)


def _figure_quarter(data, fid: str, text: str) -> int | None:
    """The quarter a figure is stated for: the period the reader dated it by (each figure of "15,1 prosent etter første
    kvartal, mens 13,2 prosent i andre kvartal" its own), else, in a warehouse without it, its sentence's one quarter."""
    if not getattr(data, "prose_dated", False):
        return sentence_quarter(text)
    code = getattr(data, "prose_periods", {}).get(fid) or ""
    return int(code[1]) if re.fullmatch(r"Q[1-4]", code) else None


def sentence_quarter(text: str) -> int | None:
    """The quarter a sentence dates its figures by ("I 2. kvartal var …", "in the second quarter", "Q2"): the one
    quarter it names; None when it names none or several (which figure is which quarter the text does not say)."""
    from app.engine.periods import find_period
    from app.engine.text import normalise

    named = set(find_period(normalise(text)).quarters)
    return next(iter(named)) if len(named) == 1 else None


_DAY_NAMED = re.compile(r"(?<![\d.])(\d{1,2})\.?\s*(" + "|".join(sorted(MONTHS, key=len, reverse=True))
                        + r")(?![a-zæøå])\.?\s+((?:19|20)\d\d)(?!\d)", re.I)
_DAY_DIGITS = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.((?:19|20)?\d\d)(?![\d])")


def day_asked(raw: str) -> tuple[int, int, int] | None:
    """The day a question asks a figure as of ("per 31. august 2022", "as of 31.08.2022"): (day, month, year); None
    when it names no day of a month of a year (the first day of a year is the year before's end: start_of_year)."""
    m = _DAY_NAMED.search(raw)
    if m:
        day, month, year = int(m.group(1)), MONTHS[m.group(2).lower()], int(m.group(3))
    else:
        m = _DAY_DIGITS.search(raw)
        if not m:
            return None
        day, month, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
        year += 2000 if year < 100 else 0
    if not (1 <= day <= 31 and 1 <= month <= 12) or (day, month) == (1, 1):
        return None
    return day, month, year


def writes_day(text: str, day: tuple[int, int, int]) -> bool:
    """Whether a sentence writes the day (31.08.2022, 31.8.22, 31. august 2022, "per 31.08." without its year)."""
    d, m, y = day
    low = (text or "").lower()
    for x in _DAY_DIGITS.finditer(low):
        yy = int(x.group(3))
        if (int(x.group(1)), int(x.group(2)), yy + (2000 if yy < 100 else 0)) == (d, m, y):
            return True
    for x in _DAY_NAMED.finditer(low):
        if (int(x.group(1)), MONTHS[x.group(2)], int(x.group(3))) == (d, m, y):
            return True
    return re.search(rf"(?<![\d.])0?{d}\.0?{m}\.(?!\d)", low) is not None


def months_asked(q: Question) -> tuple[int, int] | None:
    """The span of months of a year a question asks, first and last ("resultat januari–augusti 2016", "per august":
    (1, 8)), when it asks no week, quarter or half; None otherwise."""
    p = q.period
    if p.weeks or p.quarters or p.halves or getattr(p, "tertials", None):
        return None
    if p.month_span and len(p.months) > 1:
        return min(p.months), max(p.months)
    if getattr(p, "to_month", None):
        return 1, p.to_month
    return None


def _part_of_year(q: Question) -> bool:
    """A week, month, quarter or half asked: a sentence's figure is dated by its year only, so it never answers (the
    first day of a year is no month: it is the year before's end)."""
    p = q.period
    months = p.months if not (p.months == [1] and start_of_year(q)) else []
    return bool(p.weeks or months or p.quarters or p.halves)


def _every_word_content(q: Question, org_words: set[str]) -> list[str]:
    from app.engine.wordforms import STOPWORDS

    out = []
    for w in _english(q, [w for w in words(q.text) if not (w.isdigit() or len(w) < 3 or w in STOPWORDS)],
                      lambda w: w in org_words):
        s = stem(w)
        if s in ASKING_EVERY or s in org_words or w in org_words or w in out:
            continue
        out.append(w)
    return out


def _lexicon_added(q: Question, vocab, texts: list[str], org_words: set[str]) -> dict[str, tuple[str, ...]]:
    """{question word: the renderings the domain lexicon adds to it} (app.engine.lexicon): a word no curated table
    knows whose forms `texts` (the sentences the reading searches) print nowhere, by those renderings they print;
    never a scope word, an organisation's or a unit's name word, nothing for a question naming a unit."""
    from app.engine import lexicon
    from app.engine.families.label_search import name_words

    ws = lexicon.question_words(q.text)
    english = q.lang == "en"
    names = name_words(vocab, q)
    if names is None or not lexicon.renderings(tuple(ws), english):
        return {}
    blob = "\n".join(t.lower() for t in texts if t)

    def printed(word: str) -> bool:
        return any(f in blob for f in _word_forms(word))

    return {ws[i]: alts for i, alts in lexicon.wanted(ws, english, org_words | names, printed).items()}


def _forms(word: str) -> list[str]:
    """Forms to look for in the sentence: the stem and the word without its ending (nynorsk text too). A fresh list,
    the forms remembered per word (asked of the question's words for every sentence of the data)."""
    return list(_word_forms(word))


@lru_cache(maxsize=1 << 14)
def _word_forms(word: str) -> tuple[str, ...]:
    forms = {stem(word), word[: max(4, len(word) - 2)]}
    forms |= {n for f in forms for n in nynorsk_forms(f)}  # "lønn" asked, "fastløn" printed
    return tuple(sorted(f for f in forms if len(f) >= 3))


# "how many X": the number of X, never a share or an amount, nor a figure stated only per X ("… per innbygger")
COUNT_ASKS = (r"hvor mange", r"kor mange", r"how many", r"hur många", r"hvor mange", r"number of")
NOT_COUNTS = frozenset({"pct", "nok", "nok_per_capita"})
RATIO = r"(?:per|pr\.?|for hver|for kvar|each|every)\s+"
# "hvor mange prosent", "how many kroner", "kor mange millionar": an amount or a share asked, not a count
NOT_COUNT_ASKS = (r"prosent\w*", r"percent\w*", r"%", r"kroner", r"krone", r"kr\.?", r"nok", r"mill\w*", r"mrd\.?",
                  r"milliard\w*", r"andel\w*", r"share", r"del av", r"prosentpoeng", r"percentage")


# "andel søknader", "what share of", "hvor mange prosent": a share, which no count of the things it is a share of answers
SHARE_ASKS = (r"andel\w*", r"share", r"proportion", r"prosent\w*", r"percent\w*", r"%", r"prosentdel\w*")


def count_for_share(q: Question, unit: str | None) -> bool:
    """A share is asked (SHARE_ASKS, no "how many", not both kinds: "tal og prosent") and the figure is a count: never
    its answer."""
    return unit == "count" and q.has(*SHARE_ASKS) and not q.has(*COUNT_ASKS) and not BOTH_KINDS.search(q.raw.lower())


# "av hvor mange", "out of how many", "i alt": the whole of "N av M" asked, not its part
WHOLE_ASKS = (r"av hvor mange", r"av kor mange", r"out of how many", r"i alt", r"totalt", r"til sammen", r"til saman",
              r"in total", r"in all", r"altogether")


def _parts_not_wholes(chosen: list, figures, out_of: frozenset) -> list:
    """"12 av 15 kommuner hadde underskudd": a count asked of those that had it is the part (12), not the whole (15);
    the whole of a sentence that states a part printed "N av" (`out_of`, read at load time; not a part the sentence
    only includes: "inkluderer 2,9 årsverk til …") is left out."""
    of = {f[0]: f for f in figures if f[0] in chosen}
    with_part = {f[5] for f in of.values() if f[0] in out_of}
    return [fid for fid in chosen if not (of[fid][6] != "part" and of[fid][5] in with_part)] or chosen


def _ratio_only(low: str, content: list[str]) -> bool:
    """Some word asked appears in the sentence only as the denominator of a ratio ("per innbygger")."""
    for w in content:
        hits = [m for f in _forms(w) for m in pattern(re.escape(f)).finditer(low)]
        if hits and all(re.search(RATIO + "$", low[:m.start()]) for m in hits):
            return True
    return False


def _every_word(q: Question, vocab, min_years: int = 0, any_unit: bool = False) -> Reading | None:
    """A sentence of any loaded report (of the organisation the question names, if it names one) that holds
    every content word of the question (all but one from four words), for the year asked."""
    data = getattr(vocab, "data", None)
    if data is None or not data.prose_figures:
        return None
    from app.engine.families.cell_lookup import _named_organisations
    from app.engine.text import normalise

    named = _named_organisations(q, vocab)
    organisations = getattr(vocab, "organisations", {}) or {}
    org_names = getattr(vocab, "organisation_names", {}) or {}
    names = {normalise(org_names.get(k, k)) for k in named} | {a for a, k in organisations.items() if k in named}
    org_words = {w for n in names for w in words(n)} | {stem(w) for n in names for w in words(n)}
    files = None
    if not named:
        # no organisation named, but a report named by a name its file name or title prints ("Nordby" for a report no
        # organisation was read for): its sentences only, the name no word a sentence must hold
        cells_ = getattr(data, "cells", None)
        docs, used = find_documents(q.raw, data.documents, frozenset(cells_.known) if cells_ else frozenset())
        capital = {fold(stem(t.lower())) for t in re.findall(r"[\wæøåÆØÅäöÄÖ]+", q.raw) if t[:1].isupper()}
        if docs and used and used <= capital and len(docs) < len(data.documents):
            files = {d.file_name for d in docs}
            org_words |= {w for w in words(q.text) if fold(stem(w)) in used} | {stem(w) for w in words(q.text)
                                                                               if fold(stem(w)) in used}
    content = _every_word_content(q, org_words)
    quarters = set(q.period.quarters) if quarters_only(q) else set()
    if quarters:  # the quarter is asked of the sentence's date, not of its words ("2. kvartal", "Q2", "second quarter")
        content = [w for w in content if not QUARTER_WORD.fullmatch(w)]
    # an English "rate" ("attendance rate", "sick-leave rate") asks a percent, which the sentence need not call a rate
    # ("Samlet nærværsprosent … 90,7 %"): the word gives way to the figure's unit
    rate = q.lang == "en" and re.search(r"(?<!\w)rates?(?!\w)", q.text) is not None and "grad" in content
    if rate:
        content = [w for w in content if w != "grad"]
    if not content or (_part_of_year(q) and not quarters):
        return None
    cells = getattr(data, "cells", None)
    known = set(cells.known) if cells else set()
    if strangers(q.raw, known | set(getattr(data, "prose_known", ())) | org_words, getattr(data, "documents", ())):
        return None  # a name the data does not know is never the one word a sentence may lack: others say so
    need = len(content) if len(content) < 4 else len(content) - 1
    years = asked_years(q)
    owner = {d.file_name: normalise(d.organisation or "") for d in data.documents}
    asked_units = units_mentioned(q.raw)
    scope_of = {d.file_name: getattr(d, "scope_name", None) for d in data.documents}
    counting = q.has(*COUNT_ASKS) and not q.has(*NOT_COUNT_ASKS)
    asked = None if any_unit else unit_asked(q.raw)
    scored = []
    added = _lexicon_added(q, vocab, [f[5] for f in data.prose_figures if not named or owner.get(f[1]) in names],
                           org_words)
    renderings: dict[str, tuple[str, ...]] = {}
    if added:  # a word printed nowhere as itself, by the lexicon's renderings printed ("fastleger"); a phrase is one
        content = list(dict.fromkeys(added[w][0] if w in added else w for w in content))
        renderings = {added[w][0]: added[w] for w in added}
        need = len(content) if len(content) < 4 else len(content) - 1
    # each word's forms, found once for every sentence
    content_forms = [tuple(f for a in renderings.get(w, (w,)) for f in _word_forms(a)) for w in content]
    plans = figures_not_asked(q, data)
    for fid, file_name, year, report_year, _topic, text, _unit in data.prose_figures:
        if (named and owner.get(file_name) not in names) or fid in plans:
            continue
        if files is not None and file_name not in files:
            continue
        if about_another_unit(asked_units, text, scope_of.get(file_name)):
            continue  # a sentence about another unit, or the report's larger whole, never answers for the unit asked
        if years and (year if year is not None else report_year) not in years:
            continue  # the year the sentence dates its figure by ("I 2021 vart det …" in the 2022 report is 2021's)
        if conflicts(asked, _unit):
            continue  # "i kroner" asked: never a percent of a similarly named measure (nor the reverse)
        if quarters and _figure_quarter(data, fid, text) not in quarters:
            continue  # a quarter asked: only a figure dated by that quarter, never the year's or another quarter's
        if rate and unit_kind(_unit) != PERCENT:
            continue
        if count_for_share(q, _unit):
            continue  # "andel søknader": a share, never the count of the things it is a share of ("158 søknader")
        low = text.lower()
        if counting and (_unit in NOT_COUNTS or _ratio_only(low, content)):
            continue  # "how many inhabitants": never a percent, nor a sentence of "per innbygger" only
        if counting and counts_another(q, _printed(data, (fid,))):
            continue  # a figure printed as a count of another thing the question names ("tolv kommunar")
        score = sum(any(f in low for f in forms) for forms in content_forms)
        if score >= need:
            scored.append((score, fid))
    if not scored:
        return None
    best = max(score for score, _ in scored)
    chosen = [fid for score, fid in scored if score == best][:12]
    # of a sentence listing several figures, those whose own clause holds the question's words
    sentences = {f[5] for f in data.prose_figures if f[0] in chosen}
    own = in_own_clause([(f[0], f[5], _printed(data, f)) for f in data.prose_figures if f[5] in sentences],
                        lambda text: sum(any(f in text.lower() for f in forms) for forms in content_forms))
    chosen = _listed_names_asked(q, [fid for fid in chosen if fid in own], data)
    if not min_years and len(years) <= 1:
        chosen = _best_covered_only(q, chosen, data, org_words, asked)
    if counting and not q.has(*WHOLE_ASKS):
        chosen = _parts_not_wholes(chosen, data.prose_figures, getattr(data, "prose_out_of", frozenset()))
    if counting:
        chosen = _counted_figure(q, chosen, data)
    chosen = with_levels_of_change([fid for fid in not_bounds(_of_kind_asked(chosen, data, _kind(q, asked)), data)
                                    if fid not in plans], data)
    if not chosen:
        return None
    if rate:  # of a sentence's percents, the one printed beside the words asked ("Nærværet … 92,1", not the "mål på 93")
        topics = {f[0]: _sentence_terms(f[4] or "") for f in data.prose_figures if f[0] in chosen}
        beside = [fid for fid in chosen if any(_present(w, topics[fid]) for w in content)]
        chosen = beside or chosen
    if min_years:  # several years asked: only when the sentences found state the figure for several of them
        covered = {y for f in data.prose_figures if f[0] in chosen
                   for y in {f[2] if f[2] is not None else f[3]} | _years_written(f[5])}
        if len(covered & years) < min_years:
            return None
    first, chosen = chosen, with_budget_counterpart(q, statement_figures(q, chosen, data, years), data, years)
    en = q.lang == "en"
    sql = (f"select f.organisation, f.value_year as year, {deficit_value(q)}, f.unit, f.printed, f.text as sentence,\n"
           "       f.file_name as document, f.page, f.file_name as source_document, f.page as source_page,\n"
           "       f.text as source_excerpt\nfrom fct_report_prose_figure as f\nwhere " + with_referents(chosen, plans)
           + "\norder by f.file_name, f.page, f.line, " + first_sql(first))
    bits = [" ".join(f"«{w}»" for w in content)]
    if named:
        bits.append(org_names.get(named[0], named[0]))
    if quarters:
        bits.append(", ".join(f"Q{k}" for k in sorted(quarters)))
    if years:
        bits.append(", ".join(map(str, sorted(years))))
    interpretation = ("figure stated in the report text: " if en else "tall oppgitt i rapportteksten: ") + ", ".join(bits)

    def sentence(columns, rows, lang):
        e = lang == "en"
        shown = []
        for r in rows[:5]:
            d = dict(zip(columns, r))
            quote = quote_around(d.get("sentence"), d.get("printed"), 220, 100)
            where_ = f"{d.get('document')}, {'page' if e else 'side'} {d.get('page')}"
            shown.append(f"{said_shortfall(d.get('sentence'), d.get('printed'))}{format_number(d['value'])} "
                         f"({d.get('organisation') or ''} {d.get('year') or ''}; "
                         f"«{quote}», {where_})".replace(" ;", ";").replace("( ", "("))
        return ("Stated in the report text (not a governed measure): " if e else
                "Oppgitt i rapportteksten (ikke et styrt mål): ") + "; ".join(shown) + "." \
            + budget_side_missing(q.raw, columns, rows, e)

    return Reading(NAME, ("report text, as written (not a governed measure)" if en else
                          "rapporttekst, slik den er skrevet (ikke et styrt mål)"), sql, interpretation,
                   sentence=sentence, empty_reason=("No sentence in the loaded reports states a figure with all these "
                                                    "words." if en else "Ingen setning i rapportene oppgir et tall "
                                                    "med alle disse ordene."))


def read(q: Question, vocab) -> Reading | Refusal | None:
    """A sentence holding every word of the question first; else the best sentences of the report it names. A figure
    the words reach only in the other unit than the one asked (a percent for "i kroner") is refused saying so."""
    found = _read(q, vocab)
    if found is not None or unit_asked(q.raw) is None:
        return found
    other = _read(q, vocab, any_unit=True)
    if not isinstance(other, Reading):
        return None
    return Refusal(NAME, "unanswerable", _other_unit_note(q, vocab, other), interpretation=other.interpretation,
                   suggestions=[re.sub(r"\b(?:i|in)\s+(?:kroner|kronar|kr|nok)\b|\bbeløp\w*|\bprosent\w*|\bpercent\w*|%",
                                       " ", q.raw).strip()], final=False)


def _read(q: Question, vocab, any_unit: bool = False) -> Reading | Refusal | None:
    if len(asked_years(q)) > 1:  # "i 2016 og i 2018": the kind of sentence stated for several of the years first
        return (_every_word(q, vocab, min_years=2, any_unit=any_unit) or _named_report(q, vocab, any_unit)
                or _every_word(q, vocab, any_unit=any_unit))
    return (_every_word(q, vocab, any_unit=any_unit) or _named_report(q, vocab, any_unit)
            or _best_covered(q, vocab, any_unit))


def _rank_key(data, qwords, kind, fig) -> tuple:
    from app.engine.families.prose_rank import cover, unit_fits

    share, weight, letters = cover(qwords, fig[5])
    return (round(share, 3), unit_fits(kind, fig[6], _printed(data, fig), qwords) > 0, round(weight, 2), letters)


def _printed(data, fig) -> str | None:
    return (getattr(data, "prose_printed", None) or {}).get(fig[0])


def _best_covered_only(q: Question, chosen: list, data, org_words: set[str], asked) -> list:
    """Of several sentences that hold the question's words, the best covered one's figures (the figure of the unit asked
    first): "I 2021 samlet X inn 146 400 tonn avfall totalt" before another sentence that only says "avfall"."""
    from app.engine.families.prose_rank import kind_asked, question_words

    of = [f for f in data.prose_figures if f[0] in chosen]
    if len({f[5] for f in of}) < 2:
        return chosen
    qwords = question_words(q.text, q.lang, org_words, ASKING_EVERY)
    kind = kind_asked(q.raw, asked)
    # equally good: the sentence that writes more of the organisation's name asked ("Nordvik Havn oppnådde ..." beside
    # "Sørvik Havn hadde ..." in Nordvik Havn's news) is about it
    from app.engine.names import distinctive_name_words

    name = distinctive_name_words(org_words)
    keys = {f[0]: (_rank_key(data, qwords, kind, f), len(name & {stem(w) for w in words(f[5].lower())})) for f in of}
    top = max(keys.values())
    best_text = {f[5] for f in of if keys[f[0]] == top}
    return [fid for fid in chosen if next(f for f in of if f[0] == fid)[5] in best_text]


def _best_covered(q: Question, vocab, any_unit: bool = False) -> Reading | None:
    """No sentence holds every word: the sentence that covers the question's content words best (in some word form,
    English words through their Norwegian words and the glossary), when it covers enough of them (MIN_COVER of them
    for an organisation or report named, all of them otherwise), with its figure of the kind asked."""
    data = getattr(vocab, "data", None)
    if data is None or not data.prose_figures or _part_of_year(q):
        return None
    from app.engine.families.cell_lookup import _named_organisations
    from app.engine.families.prose_rank import MIN_COVER, cover, kind_asked, question_words, unit_fits
    from app.engine.text import normalise

    named = _named_organisations(q, vocab)
    org_names = getattr(vocab, "organisation_names", {}) or {}
    organisations = getattr(vocab, "organisations", {}) or {}
    names = {normalise(org_names.get(k, k)) for k in named} | {a for a, k in organisations.items() if k in named}
    org_words = {w for n in names for w in words(n)} | {stem(w) for n in names for w in words(n)}
    cells = getattr(data, "cells", None)
    known = set(cells.known) if cells else set()
    docs, used = find_documents(q.raw, data.documents, frozenset(known)) if not named else ([], set())
    if strangers(q.raw, known | set(getattr(data, "prose_known", ())) | org_words, getattr(data, "documents", ())):
        return None
    files = {d.file_name for d in docs}
    # the words of the period asked ("1. tertial") date the figure, never a content word its sentence must write
    period_words = {stem(w) for p in q.period.words for w in words(p)}
    qwords = question_words(q.text, q.lang, org_words | set(used) | {stem(w) for d in docs for w in d.name_stems}
                            | period_words, ASKING_EVERY | BOUNDARY_STEMS)
    core = [w for w in qwords if w.weight >= 1.0]
    if not core or (len(core) < 2 and not (named or files)):
        return None  # one word of no organisation or report named is no sentence's content
    need = MIN_COVER if (named or files) and len(core) >= 2 else 1.0
    years = asked_years(q)
    owner = {d.file_name: normalise(d.organisation or "") for d in data.documents}
    added = _lexicon_added(q, vocab, [f[5] for f in data.prose_figures
                                      if not (named and owner.get(f[1]) not in names or files and f[1] not in files)],
                           org_words)
    if added:  # a word printed nowhere as itself is also held by a rendering printed (the lexicon's)
        qwords = [replace(w, forms=w.forms | {stem(a) for a in added[w.word]}) if w.word in added else w
                  for w in qwords]
    asked_units = units_mentioned(q.raw)
    scope_of = {d.file_name: getattr(d, "scope_name", None) for d in data.documents}
    asked = None if any_unit else unit_asked(q.raw)
    kind = kind_asked(q.raw, asked)
    counting = q.has(*COUNT_ASKS) and not q.has(*NOT_COUNT_ASKS)
    best, found = None, []
    plans = figures_not_asked(q, data)
    for fig in data.prose_figures:
        fid, file_name, year, report_year, _topic, text, unit = fig[:7]
        if named and owner.get(file_name) not in names or files and file_name not in files or fid in plans:
            continue
        if years and (year if year is not None else report_year) not in years:
            continue
        if conflicts(asked, unit) or (counting and (unit in NOT_COUNTS or counts_another(q, _printed(data, fig)))):
            continue
        if counting and _ratio_only(text.lower(), [w.word for w in core]):
            continue  # "how many inhabitants": never a sentence that names them only "per innbygger"
        if count_for_share(q, unit):
            continue  # "andel søknader": never the count of the things asked a share of
        if about_another_unit(asked_units, text, scope_of.get(file_name)):
            continue
        share, weight, letters = cover(qwords, text)
        if share + 1e-9 < need or letters < 5:
            continue
        key = (round(share, 3), round(weight, 2), letters, unit_fits(kind, unit, _printed(data, fig), qwords))
        if best is None or key[:3] > best[:3]:
            best, found = key, [(key, fig)]
        elif key[:3] == best[:3]:
            found.append((key, fig))
    if best is None:
        return None
    if len({f[5] for _, f in found}) > 1 and not any(k[3] > 0 for k, _ in found):
        return None  # several sentences cover the question alike and no figure is of the kind asked: not one answer
    # of a sentence listing several figures, only the one whose own clause holds the question's words (none of it when
    # that figure is of another year than asked: never the other clause's figure in its place)
    from app.engine.families.prose_rank import holds, sentence_stems

    listed = {f[5] for _, f in found}
    own = in_own_clause([(f[0], f[5], _printed(data, f)) for f in data.prose_figures if f[5] in listed],
                        lambda text: sum(holds(w, text.lower(), sentence_stems(text)) for w in core))
    found = [(k, f) for k, f in found if f[0] in own]
    if not found:
        return None
    top_fit = max(k[3] for k, _ in found)
    both = BOTH_KINDS.search(q.raw.lower()) is not None  # "number and percentage": each figure of its kind
    first = [f[0] for k, f in found if both or k[3] == top_fit][:MAX_ROWS]
    chosen = with_levels_of_change(with_budget_counterpart(q, statement_figures(q, first, data, years), data, years),
                                   data)
    en = q.lang == "en"
    sql = (f"select f.organisation, f.value_year as year, {deficit_value(q)}, f.unit, f.printed, f.text as sentence,\n"
           "       f.file_name as document, f.page, f.file_name as source_document, f.page as source_page,\n"
           "       f.text as source_excerpt\nfrom fct_report_prose_figure as f\nwhere " + in_list("f.figure_id", chosen)
           + "\norder by f.file_name, f.page, f.line, " + first_sql(first))
    asked_words = " ".join(f"«{w.word}»" for w in core)
    interpretation = (("figure stated in the report text, the sentence that best covers: " if en else
                       "tall oppgitt i rapportteksten, setningen som best dekker: ") + asked_words
                      + (", " + ", ".join(map(str, sorted(years))) if years else ""))

    def sentence(columns, rows, lang):
        e = lang == "en"
        shown, quoted = [], set()
        for r in rows[:4]:
            d = dict(zip(columns, r))
            quote = re.sub(r"\s+", " ", str(d.get("sentence") or "")).strip()[:240]
            cite = "" if quote in quoted else (f"; «{quote}», {d.get('document')}, "
                                               f"{'page' if e else 'side'} {d.get('page')}")
            quoted.add(quote)  # a sentence with several figures, quoted once
            shown.append(f"{said_shortfall(d.get('sentence'), d.get('printed'))}{format_number(d['value'])} "
                         f"({d.get('printed')}{cite})")
        return ("Stated in the report text, in the sentence that best covers the question's words (not a governed "
                "measure): " if e else "Oppgitt i rapportteksten, i setningen som best dekker ordene i spørsmålet "
                "(ikke et styrt mål): ") + "; ".join(shown) + "." + budget_side_missing(q.raw, columns, rows, e)

    return Reading(NAME, ("report text, as written (not a governed measure)" if en else
                          "rapporttekst, slik den er skrevet (ikke et styrt mål)"), sql, interpretation,
                   sentence=sentence, empty_reason=("No sentence in the loaded reports covers these words." if en else
                                                    "Ingen setning i rapportene dekker disse ordene."))


def _other_unit_note(q: Question, vocab, other: Reading) -> str:
    """What the text states instead: the sentence's figure in the other unit, quoted, with the unit asked named."""
    asked = unit_asked(q.raw)
    en = q.lang == "en"
    ids = set(re.findall(r"'([0-9a-f]{8,})'", other.sql))
    shown = [f"«{text.strip()[:200]}» ({_unit_name(unit, en)}; {file_name})"
             for fid, file_name, _y, _ry, _t, text, unit in vocab.data.prose_figures if fid in ids][:3]
    found = "; ".join(shown) or other.interpretation
    return (f"I read the question as asking for {unit_words(asked, 'en')}. The report text states this only in another "
            f"unit, not as {unit_words(asked, 'en')}: {found}." if en else
            f"Jeg tolket spørsmålet som at det spør om {unit_words(asked, 'nb')}. Rapportteksten oppgir dette bare i en "
            f"annen enhet, ikke som {unit_words(asked, 'nb')}: {found}.")


def _unit_name(unit: str | None, en: bool) -> str:
    kind = unit_kind(unit)
    if kind is None:
        return unit or ""
    return unit_words(kind, "en" if en else "nb")
