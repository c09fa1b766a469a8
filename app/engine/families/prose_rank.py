"""Which sentence of the report text a question asks about, by how well the sentence's words cover the question's
content words: each question word in some form (its stem, a compound part of the sentence's words, its Norwegian words
when the question is English, through EN_TO_NB and the glossary dbt_project/seeds/account_glosses.csv), the figure
whose unit is the kind asked first (tonnes for "hvor mye avfall … tonn", kroner for "how much money", a count for "hvor
mange", a percent for "hvor stor andel").

Used by the prose family twice: to keep, of several sentences that hold the question's words, only the best covered
one (never figures of another sentence listed beside it), and as its last reading when no sentence holds every word:
the best covered sentence answers when it covers the content words well enough (`MIN_COVER`; all of them when the
question names no organisation or report), else nothing. Pure functions over the vocabulary's prose figures.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from app.engine.text import pattern
from app.engine.wordforms import (
    EN_PAIRS_TO_NB,
    EN_TO_NB,
    STOPWORDS,
    account_glosses,
    content_stems,
    gloss_spans,
    is_filler,
    nynorsk_forms,
    stem,
    words,
)

# English words that only carry the sentence ("did they", "goes to", "get"): weak, as the asking words are
EN_WEAK = frozenset("""
they them their theirs he she his her we our you your it its there here goes go went gone get gets got give gave given
take took put come came been being become became make made let about into onto over out up down back per also just
still only both each every any some more most less least such same other another own
""".split()) - {"back"}
MIN_COVER = 0.6  # share of the question's content words a sentence must hold when an organisation or report is named
WEAK = 0.3       # what a word that only asks ("hvor mye", "samlet", "totalt") or fills ("did") weighs

# what the question asks the figure in (kinds of the prose figures' units), by its words
MONEY_ASKS = re.compile(r"(?<!\w)(?:money|penger|pengar|kroner|kronar|kr|nok|cost\w*|kost\w*|paid|pay\w*|betal\w*|"
                        r"spen[dt]\w*|brukt\w*|fares?|savings?|sparte?|innspar\w*|allocat\w*|bevilg\w*|løyv\w*|"
                        r"budget\w*|budsjett\w*|midl\w*|funds?|grants?|tilskot\w*|tilskudd\w*|inntekt\w*|income|"
                        r"revenue\w*|expens\w*|utgift\w*|investe?\w*|stake|eierandel\w*|verdi\w*|value)(?!\w)")
PERCENT_ASKS = re.compile(r"(?<!\w)(?:prosent\w*|percent\w*|%|andel\w*|share|proportion|rate|grad)(?!\w)")
COUNT_ASKS = re.compile(r"(?<!\w)(?:hvor mange|kor mange|how many|hur många|number of|antall|antal|talet på)(?!\w)")
COUNT_UNITS = frozenset({"count", "persons", "fte", "number", "part"})


@dataclass(frozen=True)
class Word:
    """A question word and the stems it may be printed as; `weight` 1 for a content word, WEAK for an asking word."""
    word: str
    forms: frozenset[str]
    weight: float
    # a glossary term the question's words make together ("short term debt"): held only when a sentence holds every
    # stem of one of the concept's terms ("kortsiktig" and "gjeld"), never by one part of it
    phrases: tuple[frozenset[str], ...] = ()


@lru_cache(maxsize=1)
def _glossary_by_concept() -> dict[str, tuple[tuple[str, ...], ...]]:
    out: dict[str, list[tuple[str, ...]]] = {}
    for concept, ws in account_glosses():
        out.setdefault(concept, []).append(ws)
    return {k: tuple(v) for k, v in out.items()}


def _translations(ws: list[str]) -> dict[int, set[str]]:
    """Per word position of an English question, the Norwegian stems it may be printed as: EN_TO_NB's words, a word
    pair's one word (EN_PAIRS_TO_NB), and every other term of a glossary concept a run of the words is a term of."""
    out: dict[int, set[str]] = {}
    for i, w in enumerate(ws):
        t = EN_TO_NB.get(w)
        if t:
            out.setdefault(i, set()).update(stem(x) for x in ((t,) if isinstance(t, str) else t))
    for i, (a, b) in enumerate(zip(ws, ws[1:])):
        for nb in EN_PAIRS_TO_NB.get((a, b), ()):
            out.setdefault(i, set()).add(stem(nb))
            out.setdefault(i + 1, set()).add(stem(nb))
    return out


def _phrases(ws: list[str]) -> list[tuple[int, int, tuple[frozenset[str], ...]]]:
    """(start, end, the content stems of each term of the concept) for every glossary term the words make."""
    glossary = _glossary_by_concept()
    out = []
    for start, end, concept in gloss_spans(ws):
        terms = tuple(dict.fromkeys(frozenset(content_stems(" ".join(t))) for t in glossary.get(concept, ())))
        out.append((start, end, tuple(t for t in terms if t)))
    return out


def question_words(text: str, lang: str, exclude: set[str], asking: frozenset[str]) -> list[Word]:
    """The question's words a sentence is matched on: content words (weight 1), asking and filler words (WEAK), each
    with its forms; names in `exclude` (an organisation's words), years and function words left out."""
    ws = words(text)
    trans = _translations(ws) if lang == "en" else {}
    out: list[Word] = []
    seen: set[str] = set()
    in_span: set[int] = set()
    if lang == "en":
        for start, end, phrases in _phrases(ws):
            span = [w for w in ws[start:end] if stem(w) not in exclude]
            content = [w for w in span if not (stem(w) in asking or is_filler(w) or w in STOPWORDS or w in EN_WEAK)]
            if not phrases or not content:
                continue
            in_span.update(range(start, end))
            out.append(Word(" ".join(span), frozenset(), 1.0, phrases))
    for i, w in enumerate(ws):
        if i in in_span:
            continue
        s = stem(w)
        if w.isdigit() or len(w) < 3 or w in STOPWORDS and i not in trans or s in exclude or w in exclude or s in seen:
            continue
        seen.add(s)
        forms = {s} | trans.get(i, set())
        weak = s in asking or is_filler(w) or w in STOPWORDS or (lang == "en" and w in EN_WEAK)
        out.append(Word(w, frozenset(f for f in forms if len(f) >= 3), WEAK if weak else 1.0))
    return out


def _forms_in(form: str) -> list[str]:
    """Substrings to look for in a sentence: the stem and its nynorsk spellings (compounds are found inside)."""
    out = {form} | set(nynorsk_forms(form))
    return [f for f in out if len(f) >= 3]


def holds(word: Word, low: str, stems: frozenset[str]) -> bool:
    """The sentence (lower-cased text `low`, its word stems `stems`) holds the word in some form: a stem of its own, or a
    form of four letters or more inside one of its words (a compound: "konsesjonskraftmidlar" holds "kraft")."""
    if word.phrases:
        return any(all(holds(Word(s, frozenset({s}), 1.0), low, stems) for s in phrase) for phrase in word.phrases)
    for form in word.forms:
        if form in stems:
            return True
        if len(form) >= 4 and any(pattern(r"(?<![a-zæøå])" + re.escape(f) if len(f) < 5 else re.escape(f)).search(low)
                                  for f in _forms_in(form)):
            return True
    return False


@lru_cache(maxsize=20000)
def sentence_stems(text: str) -> frozenset[str]:
    return frozenset(stem(w) for w in words(text))


def kind_asked(text: str, asked_unit: str | None) -> str | None:
    """"amount", "percent", "count" or None: the kind of figure the question asks for."""
    from app.engine.asked_unit import AMOUNT, PERCENT

    low = text.lower()
    if asked_unit in (AMOUNT, PERCENT):
        return asked_unit
    if PERCENT_ASKS.search(low):
        return PERCENT
    if COUNT_ASKS.search(low):
        return "count"
    if MONEY_ASKS.search(low):
        return AMOUNT
    return None


# the words a sentence calls a figure a shortfall by ("underskudd på", "Underskotet vart", "driftsunderskudd", "negativt netto
# driftsresultat på", "meirforbruk på", "mindreinntekt på", "underskott om", "a deficit of"): the answer says the word
SHORTFALL = re.compile(r"(?i)(?<![\wæøåäö])[\wæøåäö]*?(?:underskudd|underskot|underskott|underskud|deficit|merforbruk|"
                       r"meirforbruk|overforbruk|overskridelse|overskriding|mindreinntekt|mindreintekt|"
                       r"merutgift|meirutgift|overspend|overspent|shortfall|negativt|negativ|negative)[\wæøåäö]*")
# a question that asks for the size of a deficit ("Hvor stort ble underskuddet", "how large was the deficit"): its size,
# positive, with the word; a question for the result ("netto driftsresultat") keeps the sign the reader gave it
DEFICIT_ASKED = re.compile(r"(?i)(?<![\wæøåäö])[\wæøåäö]*?(?:underskudd|underskot|underskott|underskud|deficit)")


def deficit_value(q) -> str:
    """The SQL of a prose figure's value (alias f): as the reader signed it, but a deficit's size when the question asks
    how large the deficit was ("Hvor stort ble underskuddet", "how large was the deficit") and the sentence calls the
    figure a deficit without a minus of its own ("Underskotet vart 4,6 millionar": 4 600 000, said with the word)."""
    if not DEFICIT_ASKED.search(q.raw):
        return "f.value"
    return ("case when f.value < 0 and not regexp_matches(coalesce(f.printed, ''), '^\\s*(-|\u2212|minus)')\n"
            "       and regexp_matches(lower(f.text), 'underskud|underskot|underskott|deficit') then -f.value\n"
            "       else f.value end as value")


def quote_around(sentence, printed, width: int, lead: int) -> str:
    """A report sentence as quoted in an answer: its whitespace made single, and a long one cut to `width` characters
    around the printed figure (`lead` characters before it), with "…" where it was cut."""
    quote = re.sub(r"\s+", " ", str(sentence or "")).strip()
    if len(quote) <= width:
        return quote
    at = quote.find(str(printed or ""))
    start = max(0, at - lead) if at >= 0 else 0
    return ("…" if start else "") + quote[start:start + width] + "…"


# where one clause of a sentence listing figures ends: a comma or semicolon before a word, "og", "and", "samt", "men"
# (never a colon: "Utførte årsverk (…): 144,1" is the label the figure after it is of; never before a relative clause:
# "settes av til disposisjonsfond, som dermed er kr 15,6 mill." says what the clause before it names)
_CLAUSE_END = re.compile(r"[,;]\s(?!(?:som|der|hvilket|hvilke|vilket|vilka|which|that|who)(?!\w))|"
                         r"\s(?:og|and|och|samt|men|mens|but)\s", re.I)


def clause_of(sentence: str, printed: str | None) -> str:
    """The clause of a sentence that states the figure printed ("1,9 milliarder kroner på overførselsindkomster" of
    "… brugt fire milliarder kroner på service, 1,9 milliarder kroner på overførselsindkomster og 165 millioner på
    anlæg"); the whole sentence when the figure is not found in it."""
    at = sentence.find(printed) if printed else -1
    if at < 0:
        return sentence
    start = max((m.end() for m in _CLAUSE_END.finditer(sentence, 0, at)), default=0)
    stop = next((m.start() for m in _CLAUSE_END.finditer(sentence, at + len(printed))), len(sentence))
    return sentence[start:stop]


def clause_named(figures: list[tuple[str, str, str | None]], held) -> dict[str, str]:
    """Sentence -> the id of the one figure its clause names, for each sentence that lists its figures one to a clause
    ("4 mia. på service, 1,9 mia. på overførsler og 165 mio. på anlæg") where one figure's own clause (`clause_of`)
    holds the question's words after the figure (`held`: how many a text holds) and no other's holds any; every
    figure's clause must name something after the figure (what it is of), or the sentence is no listing. Figures: (id, sentence,
    printed)."""
    by_sentence: dict[str, list[tuple[str, str | None]]] = {}
    for fid, sentence, printed in figures:
        by_sentence.setdefault(sentence, []).append((fid, printed))
    out: dict[str, str] = {}
    for sentence, figs in by_sentence.items():
        if len(figs) < 2:
            continue
        clauses = {fid: clause_of(sentence, printed) for fid, printed in figs}
        if len(set(clauses.values())) < len(figs) or sentence in clauses.values():
            continue  # two figures in one clause, or a figure not found: the clauses do not tell them apart
        # the words after the figure in its clause ("1,9 mia. kr på overførsler"): what the figure is of; a word
        # before it ("sykefravær på 9,46 prosent, og for hele året 11,7 prosent") may be the whole sentence's subject
        printed_of = dict(figs)
        after = {fid: clause[clause.find(printed_of[fid]) + len(printed_of[fid]):] for fid, clause in clauses.items()}
        named = [fid for fid, text in after.items() if held(text)] \
            if all(_names_something(text) for text in after.values()) else []
        # a clause whose figure is followed by nothing of its own ("…, og for hele året 11,7 prosent") goes on about
        # the words of another clause: its words after the figure name nothing
        if len(named) == 1:
            out[sentence] = named[0]
        elif (whole := _clause_holding_most(clauses, held, printed_of)) is not None:
            out[sentence] = whole
    return out


def _clause_holding_most(clauses: dict[str, str], held, printed_of: dict[str, str | None]) -> str | None:
    """The figure whose whole clause holds two of the question's words or more while no other figure's clause holds any
    ("kommunen fikk inn 19,1 millioner kroner i eiendomsskatt og utbytte/renter fra Rauma Energi AS var på 15,2
    millioner kroner": a question of the dividend is the second clause's); else None. One word is never enough: the
    sentence's subject, written once in the first clause, is every clause's ("Sykefraværet var 9,46 prosent i 4. kvartal,
    og for hele året 11,7 prosent")."""
    counts = sorted(((held(text), fid) for fid, text in clauses.items()), reverse=True)
    # only when no other clause holds any of them: a question naming words of two clauses asks for both ("netto
    # driftsresultat …, og kor stor del av driftsinntektene", "frie inntekter … samanlikna med landet")
    if counts[0][0] < 2 or counts[1][0] != 0:
        return None
    # and only when every other clause has a subject of its own: a clause that is its figure and a period alone ("…
    # var 2,6 % av driftsinntektene i 2030 og 0,7 % i 2031") says the same thing of another year
    if any(not _names_something(text.replace(printed_of[fid] or "", " ", 1))
           for fid, text in clauses.items() if fid != counts[0][1]):
        return None
    return counts[0][1]


def _names_something(text: str) -> bool:
    """A text holds a word of its own: three letters or more, no function word, no number."""
    from app.engine.wordforms import STOPWORDS

    return any(len(w) >= 3 and w not in STOPWORDS and not w.isdigit() for w in words(text))


def in_own_clause(figures: list[tuple[str, str, str | None]], held) -> set[str]:
    """The ids of the figures kept: of a sentence listing its figures one to a clause, the one its clause names
    (`clause_named`); every figure of any other sentence."""
    named = clause_named(figures, held)
    return {fid for fid, sentence, _ in figures if sentence not in named or named[sentence] == fid}


def said_shortfall(sentence, printed) -> str:
    """The shortfall word to say before a figure in an answer ("underskot ", "meirforbruk "), else ""."""
    word = shortfall_word(str(sentence or ""), None if printed is None else str(printed))
    return f"{word} " if word else ""


def shortfall_word(sentence: str, printed: str | None) -> str | None:
    """The word the sentence calls the figure a shortfall by, in the figure's clause before it (no other figure between),
    else None."""
    if not printed:
        return None
    at = sentence.find(printed)
    if at < 0:
        return None
    head = re.split(r"\d[\d ,.]*\s*(?:%|prosent|mill\w*\.?|mrd\.?|kr\.?|kroner)?", sentence[max(0, at - 90):at])[-1]
    found = [m.group(0) for m in SHORTFALL.finditer(head)]
    return found[-1].lower() if found else None


def printed_words(printed: str | None) -> set[str]:
    """The stems of the words printed with a figure ("146 400 tonn" -> {"tonn"}, "vel 4500 elevar" -> {"vel", "elev"},
    "tolv eigarkommunar" -> {"eigarkommun"}: a number written as a word is the figure, not a word beside it)."""
    from flows.reports.number_words import ALL as NUMBER_WORDS

    return {stem(w) for w in words(re.sub(r"[\d\s.,]+", " ", printed or ""))
            if len(w) >= 2 and w.lower() not in NUMBER_WORDS}  # "tre stasjonar": the number word is the figure itself


def counts_another(q, printed: str | None) -> bool:
    """"Kor mange innbyggjarar har eigarkommunane": a figure printed with a word that is another of the question's
    words than the ones counted ("tolv kommunar", a count of the owners) counts that other thing, not what is asked.
    Only for one "how many"; the counted words are those after it up to a function word ("permanent employees")."""
    asks = list(re.finditer(r"(?:hvor|kor|how|hur) (?:mange|many|många) ((?:[a-zæøåäö]{3,}\s*){1,3})", q.text))
    if len(asks) != 1 or len(re.findall(r"(?:hvor|kor|how|hur) (?:mange|many|många)\b", q.text)) > 1 or not printed:
        return False  # "how many …, and how many of them were women": each ask its own figure
    from app.engine.families.label_search import is_english, word_forms
    from app.engine.wordforms import norwegian_words

    tail = {t for t in printed_words(printed) if len(t) >= 4}
    if not tail:
        return False
    english = is_english(q)
    phrase = []
    for w in asks[0].group(1).split():
        if w in STOPWORDS:
            break
        phrase.append(w)
    # the counted words' own gloss in brackets right after them ("new skilled workers (fagarbeidere)")
    gloss = re.match(r"\s*\(([^)]{3,60})\)", q.text[asks[0].start(1) + len(" ".join(phrase)):])
    phrase += words(gloss.group(1)) if gloss else []
    asked = {f for w in phrase for f in word_forms(w, english)}
    if english:  # a word pair that is one Norwegian word ("skilled workers" -> "fagarbeidarar")
        asked |= {stem(x) for x in norwegian_words(phrase)}
    if any(t in a or a in t for t in tail for a in asked if len(a) >= 4):
        return False
    others = {f for w in words(q.text) if len(w) >= 4 and w not in phrase and not w.isdigit()
              for f in word_forms(w, english) if len(f) >= 4} - asked
    return any(t == o or len(t) >= 5 and o.endswith(t) for t in tail for o in others)


def unit_fits(kind: str | None, unit: str | None, printed: str | None, qwords: list[Word]) -> int:
    """2 when the figure is printed with a unit word the question names ("146 400 tonn" for "tonn avfall"), 1 when its
    unit is of the kind asked, 0 when nothing is asked, -1 when it is of another kind."""
    from app.engine.asked_unit import PERCENT, unit_kind

    tail = printed_words(printed)
    u = (unit or "").lower()
    # a percent asked ("andel kvinner blant de tillsvidareansatte"): the count printed with the word the share is taken
    # of ("1 330 tillsvidareanställda … 83 procent") is the whole, never the share
    other_kind = kind == PERCENT and unit_kind(u) != PERCENT and (unit_kind(u) or u in COUNT_UNITS)
    if tail and not other_kind and any(tail & w.forms or any(len(t) >= 4 and t in f for t in tail for f in w.forms)
                                       for w in qwords):
        return 2
    if kind is None:
        return 0
    if kind == "count":
        return 1 if u in COUNT_UNITS else -1 if unit_kind(u) else 0
    return 1 if unit_kind(u) == kind else -1 if unit_kind(u) or u in COUNT_UNITS else 0


def cover(qwords: list[Word], text: str) -> tuple[float, float, int]:
    """(share of the content words the sentence holds, the weight of every word it holds, letters of those words)."""
    low, stems = text.lower(), sentence_stems(text)
    core = [w for w in qwords if w.weight >= 1.0]
    hit = [w for w in qwords if holds(w, low, stems)]
    core_hit = [w for w in hit if w.weight >= 1.0]
    return ((len(core_hit) / len(core)) if core else 0.0, sum(w.weight for w in hit), sum(len(w.word) for w in core_hit))
