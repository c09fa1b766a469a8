"""Retrieval over the report text: the last reading before "which measure?", after `label_search` found no label.

A question about a figure no governed measure, account line or table row covers ("how many inhabitants at the end of
2014", "how many board meetings in 2017", "how many new skilled workers") is looked up among the sentences of the
loaded reports that state a figure (fct_report_prose_figure), for the organisation the question names (or the one
organisation loaded) and the year it names (the figure's year). Each sentence is scored by the question's concepts it
holds (`label_search.concepts` / `cover`: stems, compound parts, nynorsk/Swedish/Danish/English word forms, the
glossary), each concept weighed by how rare it is in that organisation's text (a word every sentence holds tells
nothing). A concept the organisation's text never holds ("deliver", "hold") asks nothing the text could answer and
weighs little; one the text holds elsewhere but not in the sentence counts against it.

Honest by construction: no sentence of the year asked, no concept of five letters or more found, less than half the
question's weight found, the counted noun of "how many X" not found, or two different sentences that fit equally with
different figures: no answer (the refusal that follows says so). In the sentence chosen, the figure is the one
printed with a word the question names ("1154 kvinner" for "women", "10 styremøter" for "board meetings"), else the
nearest to the matched words (a figure after its noun before one before it: "Folketalet var … på 18.741 personar, ein
auke på 256"), of the kind asked (a count never reads a percent or an amount of money; an amount asked reads only an
amount). The answer quotes the sentence with its document and page, labelled as not a governed measure.

A figure the sentence calls a shortfall ("underskudd på 2 mill. kr", "Underskotet vart 4,6 millionar", "negativt netto
driftsresultat på 18 millionar", "meirforbruk på 47 mill kr") is answered with that word before it, in the sign the
reader gave it (a deficit or negative result below zero, an overspend as the amount spent); a question that asks how
large the deficit was gets its size with the word ("underskot 4 600 000"), never a bare figure read as a surplus.
"""
from __future__ import annotations

import math
import re

from app.engine.asked_unit import AMOUNT, PERCENT, unit_asked, unit_kind
from app.engine.families.base import Question, Reading, in_list
from app.engine.families.prose_rank import counts_another, deficit_value, quote_around, said_shortfall
from app.engine.format import format_number
from app.engine.wordforms import STOPWORDS, stem, words

NAME = "text_retrieval"
MAX_SHOWN = 3
MIN_SHARE = 0.5           # the share of the question's weight a sentence must hold
ABSENT_WEIGHT = 0.25      # a concept the organisation's text never holds: it asks little of the text
CONTEXT_SHARE = 0.5       # what a concept found only in what the sentence goes on from counts
# "how many", "number of": a count is asked (never a percent or an amount of money)
COUNT_ASKED = re.compile(r"(?<!\w)(?:(?:hvor|kor|how|hur) (?:mange|many|många)|number of|antall|antal)(?!\w)", re.I)
# a rate or a share asked in words ("completion rate", "andel", "del av"): a percent
RATE_ASKED = re.compile(r"(?<!\w)(?:rate|rates|andel\w*|del av|share of|proportion|grad|graden)(?!\w)", re.I)
# the words printed with a figure that say only its unit (stems): never a noun of its own the question must name
GENERIC_UNITS = frozenset(stem(w) for w in """
kr kroner kronar kronor nok mill millioner millionar miljoner milliarder milliardar miljarder mrd mnkr tkr prosent
mio mia mkr mdkr tusen tusind dkk sek eur euro
procent percent personar personer person stk stykk om lag ca vel nær nærmere over under minst
km km² km2 kvadratkilometer m m² m2 m³ m3 meter kilometer tonn liter kwh mwh gwh mw
""".split())
# a span of time printed with a figure ("dei siste 5 åra"): never an amount or a count of what is asked
TIME_WORDS = frozenset(stem(w) for w in "år åra året årene måned månader måneder dag dagar dager døgn veke veker uke "
                       "uker time timar timer".split())
# "how much" without a unit: an amount (or a count) is asked, never a percent
MUCH_ASKED = re.compile(r"(?<!\w)(?:hvor mye|kor mykje|kor mykje|how much|hur mycket|hvor stort?|kor stort?)(?!\w)",
                        re.I)


# a word of the question that names a sum of money (stems): its figure is an amount, never a bare number ("the culture
# committee's investment budget" is no "Fokusområde 13")
MONEY_WORDS = frozenset(stem(w) for w in """
budsjett budsjettet budget investering investeringer investeringar investment investments kostnad kostnader kostnadar
cost costs utgift utgifter utgifta expenditure spending inntekt inntekter inntekta revenue revenues income skatt
skatteinntekter tax overskudd overskot surplus underskudd underskot deficit lånegjeld gjeld debt fond fund ramme
rammen bevilgning grant tilskudd tilskot gebyr fee fees pris price prices lønn løn salary salaries driftsresultat
årsresultat result
""".split())


def _kind_asked(q: Question, ranking: bool = False) -> str | None:
    """The kind of figure asked; `ranking`: "the largest share of the investments" ranks the parts, which a sentence may
    state in kroner, so a share asked in words is no percent there (a unit named still is)."""
    unit = unit_asked(q.raw)
    if unit is not None:
        return unit
    if RATE_ASKED.search(q.raw) and not ranking:
        return PERCENT
    if COUNT_ASKED.search(q.raw):
        return "count"
    if any(stem(w) in MONEY_WORDS for w in words(q.text)):
        return "money"
    if MUCH_ASKED.search(q.raw):
        return "much"
    return None


def _fits(kind: str | None, unit: str | None) -> bool:
    have = unit_kind(unit)
    if kind == "count":
        return have is None
    if kind == "much":
        return have != PERCENT
    if kind == "money":  # a sum of money named: an amount, or a percent of one (never a bare number)
        return have is not None
    if kind in (AMOUNT, PERCENT):
        return have == kind
    return True


def _token_hits(sentence: str, cs: list) -> list[tuple[int, str]]:
    """(token index, concept) for every word of the sentence that holds a concept of the question."""
    from app.engine.families.label_search import cover

    out = []
    for i, w in enumerate(words(sentence)):
        for c, forms in cs:
            if cover([(c, forms)], w)[0]:
                out.append((i, c))
    return out


def _figure_at(sentence: str, printed: str | None) -> int | None:
    """The token index where a figure's printed text begins in its sentence."""
    if not printed:
        return None
    at = sentence.find(printed)
    if at < 0:
        first = printed.split()[0] if printed.split() else ""
        at = sentence.find(first) if first else -1
    if at < 0:
        return None
    return len(words(sentence[:at]))


def read(q: Question, vocab, must: tuple[str, ...] = (), listed_only: bool = False,
         rank_list: bool = True) -> Reading | None:
    """The one sentence that answers (module doc); `must`: words of the question the sentence or what it goes on
    from must hold (a narrowing word a governed reading could not use: "underskuddet på VAR-gebyrene"); `listed_only`:
    only the largest (smallest) of a sentence's list of figures a superlative asks, else None; `rank_list` False: the
    sentence's own figure though a superlative is asked (its figures turned out no list of parts)."""
    from app.engine.families.label_search import (
        RATIO,
        _organisations,
        concepts,
        cover,
        name_words,
        with_lexicon,
        with_parts,
    )
    from app.engine.planner import find_units

    data = getattr(vocab, "data", None)
    if data is None or not getattr(data, "prose_figures", None):
        return None
    orgs, org_words = _organisations(q, vocab)
    units, unit_words = find_units(q.text, getattr(vocab, "unit_aliases", {}) or {})
    if units and not orgs:
        from app.engine.families.scope import organisations_of_units

        orgs = organisations_of_units(units, vocab)
    owner = {d.file_name: (d.organisation or "") for d in data.documents}
    if not orgs:
        loaded = {o for o in owner.values() if o}
        if len(loaded) != 1:
            return None  # the question names no organisation and several are loaded: not guessed
        orgs = sorted(loaded)
    norm = {o.lower() for o in orgs}
    exclude = org_words | {stem(w) for u in unit_words for w in words(u)}
    cs = concepts(q, exclude)
    if not cs:
        return None
    ratio = bool(RATIO.search(q.raw))
    years = set(q.period.years)
    printed = getattr(data, "prose_printed", None) or {}
    # the organisation's sentences stating a figure (any year: the concepts' weights), and those of the year asked
    sentences: dict[tuple[str, str], list[tuple]] = {}
    from app.engine.families.prose import figures_not_asked

    plans = figures_not_asked(q, data)  # a plan, a change or a deviation answers only a question asking one
    for fig in data.prose_figures:
        fid, file_name, year, report_year, topic, text, unit = fig
        if owner.get(file_name, "").lower() not in norm or not text or fid in plans:
            continue
        sentences.setdefault((file_name, text), []).append(fig)
    if not sentences:
        return None
    names = name_words(vocab, q)
    cs = with_lexicon(q, cs, [key[1] for key in sentences], None if names is None else exclude | names)
    cs = with_parts(cs, [key[1] for key in sentences])
    def covered(text: str) -> set[str]:  # the question's concepts a text holds (a ratio's words only when asked)
        return set(cover(cs, text if ratio else RATIO.sub(" ", text))[0])

    held = {key: covered(key[1]) for key in sentences}
    # the words a sentence leaves to what it goes on from (the heading above it, the sentence before it: "Gebyr-
    # inntektene på VAR dekka ikkje utgiftene i 2014. Underskotet vart 4,6 millionar."), weighed at half
    contexts = getattr(data, "prose_context", None) or {}
    around = {}
    for key, figs in sentences.items():
        text = " | ".join(dict.fromkeys(contexts[f[0]] for f in figs if contexts.get(f[0])))
        around[key] = covered(text) - held[key] if text else set()
    n = len(held)
    df = {c: sum(1 for k, h in held.items() if c in h or c in around[k]) for c, _ in cs}
    weight = {c: (math.log((n + 1) / (df[c] + 0.5)) if df[c] else ABSENT_WEIGHT) for c, _ in cs}
    total = sum(weight.values())
    counted = _counted(q, cs)
    kind = _kind_asked(q, listed_only)
    scored = []
    extreme = _extreme_asked(q, listed_only) if rank_list else None
    if listed_only and extreme is None:
        return None
    must_stems = {stem(w) for m in must for w in words(m)}
    required = {c for c, _ in cs if stem(c) in must_stems}
    if must and not required:
        return None  # the words that must be found are no concept of the question
    for key, figs in sentences.items():
        hits = held[key]
        if not hits or not any(len(c) >= 5 for c in hits):
            continue
        if not required <= hits | around[key]:
            continue
        if counted is not None and counted not in hits:
            continue
        share = (sum(weight[c] for c in hits) + CONTEXT_SHARE * sum(weight[c] for c in around[key])) / total
        if share < MIN_SHARE:
            continue
        in_year = [f for f in figs if not years or (f[2] if f[2] is not None else f[3]) in years]
        in_year = [f for f in in_year if _fits(kind, f[6]) and (ratio or not RATIO.search(printed.get(f[0]) or ""))
                   and not counts_another(q, printed.get(f[0]))]
        if not in_year:
            continue
        pick = _pick(key[1], in_year, cs, hits, printed)
        if not pick and extreme is not None and len(_listed(in_year)) >= MIN_LISTED:
            pick = in_year  # a list the superlative ranks, though no one figure of it is the words' own
        if pick:
            scored.append((share, key, pick))
    if not scored:
        return None
    top = max(s for s, _, _ in scored)
    best = [(key, pick) for s, key, pick in scored if s >= top - 1e-9]
    if len(best) > 1 and len({tuple(sorted(_value(data, f) for f in pick)) for _, pick in best}) > 1:
        return None  # different sentences fit alike and state different figures: not one answer
    chosen = [f[0] for _, pick in best[:1] for f in pick][:MAX_SHOWN]
    found = [c for c, _ in cs if any(c in held[k] or c in around[k] for k, _ in best)]
    if extreme is not None:
        # "the single biggest project": of the figures the sentence lists in one unit ("bustadfelt (ca. 7 mill.),
        # barnehage (ca. 6,7 mill.), …"), the largest (smallest), never the one nearest the words matched
        ids = _listed([f for f in sentences[best[0][0]] if (not years or (f[2] if f[2] is not None else f[3]) in years)
                       and _fits(kind, f[6])])
        if len(ids) >= MIN_LISTED:
            return _reading(q, ids, found, years, with_context=any(around[k] for k, _ in best[:1]), extreme=extreme)
    if listed_only:
        return None
    from app.engine.families.prose import with_budget_counterpart

    chosen = with_budget_counterpart(q, chosen, data, years)  # "mot budsjett": the budget stated elsewhere, too
    return _reading(q, chosen, found, years, with_context=any(around[k] for k, _ in best[:1]))


# a size superlative asked ("the biggest project", "største tiltaket", "the cheapest"): the extreme of a list of figures
# ("minst" before a number is "at least", no superlative)
SIZE_HIGH = re.compile(r"(?<!\w)(?:størst\w*|største|høyest\w*|høgast\w*|biggest|largest|highest|dyrest\w*|dyraste|"
                       r"most expensive|störst\w*|högst\w*)(?!\w)")
SIZE_LOW = re.compile(r"(?<!\w)(?:minste|minst(?!\s+(?:\d|ein|en|ett|eitt|to|tre|fire|fem|halv))|lavest\w*|lågast\w*|smallest|lowest|billigst\w*|billigaste|cheapest|"
                      r"minsta|lägst\w*)(?!\w)")
MIN_LISTED = 3  # figures of one unit in one sentence: a list the superlative ranks


def _listed(figs: list[tuple]) -> list[str]:
    """The ids of the most figures of one unit among a sentence's figures."""
    by_unit: dict = {}
    for f in figs:
        by_unit.setdefault(f[6], []).append(f[0])
    return max(by_unit.values(), key=len, default=[])


# "the most waste", "flest": the largest too, once a ranking was asked (these words say "most of" elsewhere)
MOST = re.compile(r"(?<!\w)(?:the most|mest|flest|meste|flesta?)(?!\w)")


def _extreme_asked(q: Question, ranking: bool = False) -> str | None:
    """"desc" when the question asks the largest of something, "asc" the smallest, None for neither or both;
    `ranking`: a ranking was asked, so "the most" asks the largest."""
    high = bool(SIZE_HIGH.search(q.text) or ranking and MOST.search(q.text))
    low = bool(SIZE_LOW.search(q.text))
    return "desc" if high and not low else "asc" if low and not high else None


def _value(data, fig) -> str:
    return (getattr(data, "prose_printed", None) or {}).get(fig[0]) or fig[0]


def _counted(q: Question, cs: list) -> str | None:
    """The concept counted in "how many X" / "number of X" (the first concept after the words), if any."""
    m = COUNT_ASKED.search(q.text)
    if not m:
        return None
    after = words(q.text[m.end():])
    for w in after[:3]:
        for c, forms in cs:
            if c == w or c.split("-")[0] == w:
                return c
    return None


def _pick(sentence: str, figs: list[tuple], cs: list, hits: set[str], printed: dict) -> list[tuple]:
    """The figure of the sentence that belongs to the matched words: printed with a word the question names first,
    else the nearest after a matched word, else the nearest before; with it any other figure printed with another
    concept the question names ("Av dei 1363 fast tilsette er 1154 kvinner": the women asked beside the staff)."""
    from app.engine.families.label_search import cover
    from app.engine.families.prose_rank import printed_words

    at_hits = _token_hits(sentence, [(c, f) for c, f in cs if c in hits])
    ranked = []
    for fig in figs:
        p = printed.get(fig[0])
        tail = " ".join(printed_words(p))
        named = {c for c, forms in cs if tail and cover([(c, forms)], tail)[0]}
        if any(w not in GENERIC_UNITS and len(w) >= 2 and (w not in STOPWORDS or w in TIME_WORDS)
               and not cover(cs, w)[0] for w in tail.split()):
            continue  # printed with a noun of its own the question does not name ("4 700 ansatte", "5 åra")
        pos = _figure_at(sentence, p)
        if pos is None or not at_hits:
            distance = 99
        else:
            # per concept matched, its nearest word: right after the figure is the figure's own noun ("69 prosent
            # kvinner"), a figure after its word ("Folketalet var … på 18.741") before one ahead of it
            distance = sum(min(0 if 0 < i - pos <= 2 else (pos - i) if pos >= i else 2 * (i - pos)
                               for i, c2 in at_hits if c2 == c) for c in {c for _, c in at_hits})
        ranked.append((-len(named), distance, fig, named))
    if not ranked:
        return []
    ranked.sort(key=lambda r: (r[0], r[1]))
    first = ranked[0]
    if not first[3] and first[1] > 12 * len({c for _, c in at_hits}):
        return []  # no figure near the matched words: the sentence is about something else
    if len(ranked) > 1 and ranked[1][:2] == first[:2] and not first[3]:
        return []  # two figures of the sentence belong to the matched words alike ("73 prosent kvinner … 69 prosent
        # kvinner"): not told apart
    out = [first[2]]
    seen = set(first[3])
    for _, _, fig, named in ranked[1:]:
        if named and not named <= seen:
            out.append(fig)
            seen |= named
    return out


def _reading(q: Question, ids: list[str], found: list[str], years: set[int], with_context: bool = False,
             extreme: str | None = None) -> Reading:
    """The answer's query and sentence; `with_context`: words were found in what the sentence goes on from, which the
    quote then shows before it ("… Gebyrinntektene på VAR dekka ikkje utgiftene i 2014. Underskotet vart …");
    `extreme` ("desc"/"asc"): the largest (smallest) of the listed figures `ids`, leaving out one that is at least the
    sum of the others (the list's total: "Kommunen investerte 24,4 millionar kr. … Dei største prosjekta er …"), and
    none unless three parts remain."""
    from app.engine.families.prose import budget_side_missing

    en = q.lang == "en"
    context = "f.context" if with_context else "cast(null as varchar)"
    where = in_list("f.figure_id", ids)
    order = "f.file_name, f.page, f.line"
    if extreme is not None:
        # the parts: above zero and below the sum of the others (one at least that sum is their total); three at least,
        # else the sentence is no list of parts ("0-5 sjukdagar … i högst 5 dagar")
        total = f"(select sum(a.value) from fct_report_prose_figure as a where {in_list('a.figure_id', ids)})"
        part = "{x}.value > 0 and {x}.value < " + total + " - {x}.value"
        where += (f"\n  and {part.format(x='f')}\n  and (select count(*) from fct_report_prose_figure as p where "
                  f"{in_list('p.figure_id', ids)} and {part.format(x='p')}) >= {MIN_LISTED}")
        order = f"f.value {extreme}, f.line\nlimit 1"
    sql = (f"select f.organisation, f.value_year as year, {deficit_value(q)}, f.unit, f.printed, f.text as sentence,\n"
           f"       {context} as context,\n"
           "       f.file_name as document, f.page, f.file_name as source_document, f.page as source_page,\n"
           "       f.text as source_excerpt\nfrom fct_report_prose_figure as f\nwhere " + where + "\norder by " + order)
    asked = ", ".join(f"«{w}»" for w in found)
    interpretation = (("figure stated in the report text (not a governed measure), the sentence found by the words "
                       if en else "tall oppgitt i rapportteksten (ikke et styrt mål), setningen funnet ved ordene ")
                      + asked + (", " + ", ".join(map(str, sorted(years))) if years else ""))

    def sentence(columns, rows, lang):
        e = lang == "en"
        shown = []
        for r in rows[:MAX_SHOWN]:
            d = dict(zip(columns, r))
            quote = quote_around(d.get("sentence"), d.get("printed"), 240, 110)
            if d.get("context"):
                quote = f"… {d['context'].split(' | ')[-1][-160:]} {quote}"
            where = f"{d.get('document')}, {'page' if e else 'side'} {d.get('page')}"
            said = said_shortfall(d.get("sentence"), d.get("printed"))  # "underskot 4 600 000": never a bare surplus
            shown.append(f"{said}{format_number(d['value'])} ({d.get('printed')}, {d.get('organisation') or ''} "
                         f"{d.get('year') or ''}; «{quote}», {where})".replace(" ;", ";"))
        ranked = ("" if extreme is None else
                  (f"the {'largest' if extreme == 'desc' else 'smallest'} of the figures the sentence lists: "
                   if e else f"det {'største' if extreme == 'desc' else 'minste'} av tallene setningen "
                   "lister opp: "))
        return ("Stated in the report text (not a governed measure)" if e else
                "Oppgitt i rapportteksten (ikke et styrt mål)") + (f", {ranked}" if ranked else ": ") + "; ".join(shown) + "." \
            + budget_side_missing(q.raw, columns, rows, e)

    return Reading(NAME, ("the report text, as written (not a governed measure)" if en else
                          "rapportteksten, slik den er skrevet (ikke et styrt mål)"), sql, interpretation,
                   sentence=sentence, empty_reason=("The report text has no such figure." if en else
                                                    "Rapportteksten har ikke noe slikt tall."))

