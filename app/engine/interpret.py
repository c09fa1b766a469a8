"""What the planner understood, in plain words, and what it did not use.

`describe_plan` says the reading the way a user would ("Sykefravær, VR lønn/regnskap, 2020"), never
codes. `unused_words` lists content words of the question no part of the plan explains ("IT" in
"IT per innbygger" when the answer is administration cost), and `breakdown_asked` the breakdown a
question asks for ("etter kjønn", "per uke"), so the engine says so or asks instead of answering a
different question.
"""
from __future__ import annotations

import re
from functools import lru_cache

from app.engine import planner as P
from app.engine.families.tickets import GENERIC
from app.engine.names import unresolved_names  # noqa: F401  (one home for names)
from app.engine.periods import find_period
from app.engine.text import normalise, pattern
from app.engine.wordforms import STOPWORDS, stem, to_norwegian, words

BREAKDOWN = (r"(?:etter|fordelt på|fordelt etter|fordelt mellom|delt på|delt mellom|delt etter|by|broken down by|split by|"
             r"split between|split into|divided between|divided by|broken down between|per|pr\.?|for hver|for kvar|"
             r"for each)")
# a role word between the breakdown word and its noun ("for each owner municipality", "per deltakar kommune")
ROLE = r"(?:owner|owning|member|participating|partner|eier|eigar|medlems?|deltaker|deltakar)"
BREAKDOWN_NOUNS = {
    "gender": ("kjønn", "gender", "sex", "kvinner og menn", "women and men", "menn og kvinner", "men and women",
               "kvinner og menn", "kvinnar og menn", "female and male", "male and female", "females and males"),
    "age": ("alder", "aldersgruppe", "age", "age group"),
    "week": ("uke", "veke", "week", "iso-uke"),
    "month": ("måned", "månad", "month"),
    "quarter": ("kvartal", "quarter"),
    "year": ("år", "year"),
    "municipality": ("kommune", "municipality", "eierkommune", "deltakerkommune", "eigarkommune", "deltakarkommune",
                     "medlemskommune", "kunde", "customer", "member", "medlem"),
    "unit": ("enhet", "eining", "unit", "avdeling", "department", "område", "area", "tjeneste", "service",
             "sektor", "sector"),
    "category": ("kategori", "category", "type", "art"),
}


def _cue_words(module=P) -> set[str]:
    """Stems of the cue words a module's upper-case tuples of patterns write ("betal(?:te|er)" -> "betal")."""
    out: set[str] = set()
    for name in dir(module):
        value = getattr(module, name)
        if name.isupper() and isinstance(value, tuple) and value and all(isinstance(v, str) for v in value):
            for cue in value:
                out.update(stem(w) for w in re.findall(r"[a-zæøå]{2,}", re.sub(r"\\w\*|\(\?:[^)]*\)\??|\\b", "", cue)))
    return out


_CUES: set[str] | None = None


@lru_cache(maxsize=32)
def _family_cues(family) -> frozenset[str]:
    return frozenset(_cue_words(family))
PLAIN = {stem(w) for w in """
prosent percent prosenten kroner kr nok mill millioner tusen hvor stor stort store høy høg høyt high low lav
verdi value tall figure number numbers figures tal beløp amount amounts rate level nivå totalt total hele heile
towards toward whole entire samlet samla innen within ved utgangen end start begynnelsen slutten rapportert reported oppgitt stated
kommunen kommune municipality municipal unit enhet gjennomsnitt average snitt mean ligger lå lå was blei vart ble kostra
mellom imellom between
what hva kva many mange how hvor kor much mykje mye show vis give gi list
""".split()}


FILTER = r"(?:blant|among|for|hos|av|of)"
FILTER_NOUNS = {
    "gender": ("kvinner", "kvinnene", "kvinnelige", "menn", "mennene", "mannlige", "women", "men", "female", "male",
               "females", "males", "kvinnfolk", "damer", "gutar", "jenter", "girls", "boys"),
    "age": ("unge", "eldre", "seniorer", "young", "older", "under 30", "over 50", "over 60"),
}


def filter_asked(text: str) -> tuple[str, str] | None:
    """(kind, the words) of a part of the population the question narrows to ("blant kvinner", "among women")."""
    for kind, nouns in FILTER_NOUNS.items():
        alt = "|".join(re.escape(n) for n in nouns)
        m = re.search(rf"(?<!\w){FILTER}\s+(?:de |dei |the )?(?:{alt})(?!\w)", text)
        if m:
            return kind, m.group(0)
    return None


def population_member(subject: str) -> bool:
    """A breakdown member that is a part of the population ("Kvinner", "Menn", "Unge"), not an organisation."""
    nouns = {n for group in FILTER_NOUNS.values() for n in group}
    return normalise(subject) in nouns or stem(normalise(subject)) in {stem(n) for n in nouns if " " not in n}


def dimension_words(unused: list[str]) -> list[str]:
    """Unused words that name a member of a breakdown ("women", "menn", "unge"): the question asks for a part of the
    population or a split the answer does not give, which no total answers (filler words never are such words)."""
    members = {stem(n) for nouns in FILTER_NOUNS.values() for n in nouns if " " not in n}
    return [w for w in unused if stem(w.lower()) in members]


def breakdown_asked(text: str) -> tuple[str, str] | None:
    """(kind, the words) of a breakdown the question asks for, or None."""
    for kind, nouns in BREAKDOWN_NOUNS.items():
        alt = "|".join(re.escape(n) + r"\w*" for n in nouns)
        m = re.search(rf"(?<!\w){BREAKDOWN}\s+(?:{ROLE}\s+)?(?:{alt})(?!\w)", text)
        if m:
            return kind, m.group(0)
    return None


def describe_plan(plan, vocab, lang: str = "nb") -> str:
    en = lang == "en"
    bits = []
    for code in plan.metrics:
        m = vocab.metrics.get(code)
        if m:
            bits.append(m.name_en if en else m.name_nb)
    if plan.family == "variance":
        bits.append("accounts against budget" if en else "regnskap mot budsjett")
    if plan.family == "cost_share":
        bits.append("cost shares" if en else "kostnadsfordeling")
    bits += [u.unit_name for u in plan.units]
    bits += [vocab.organisation_names.get(k, k) for k in plan.organisations]
    bits += list(plan.subjects)
    if plan.quarters:
        bits.append(", ".join(f"Q{q}" for q in plan.quarters))
    if plan.weeks:
        bits.append(("week " if en else "uke ") + ", ".join(map(str, plan.weeks)))
    if plan.years:
        bits.append(", ".join(map(str, plan.years)))
    kind = {"trend": ("over time", "utvikling over tid"), "change": ("change", "endring"),
            "ranking": ("ranked", "rangert"), "compare_average": ("against the average of earlier years",
                                                                  "mot snittet av tidligere år"),
            "target": ("against target", "mot mål")}.get(plan.family)
    if kind:
        bits.append(kind[0] if en else kind[1])
    return ", ".join(dict.fromkeys(b for b in bits if b))


def plain_reading(understood: list[str]) -> str:
    """The planner's notes ("type: value", "kommune: X", "år: 2008") as a reading in plain words ("X, 2008"): the
    values, without the keys and without the family code."""
    bits = []
    for note in understood:
        key, _, value = note.partition(": ")
        if key not in ("type", "ukjent") and value:
            bits.append(value)
    return ", ".join(dict.fromkeys(bits))


def content_words(text: str, generic: set[str], shortest: int = 2, skip_codes: bool = False):
    """(token, word, stem) of each content word of a question: digits, words shorter than `shortest`, stop words and
    the `generic` stems left out (an acronym is kept, "IT" or "NAV"); `skip_codes` also leaves out figures and period
    codes ("2,5", "q3", "k1"). One home for the unused-word checks."""
    for tok in re.findall(r"[\wæøåÆØÅ][\w\-æøåÆØÅ/]*", text):
        for w in words(tok):
            if w.isdigit() or len(w) < shortest or skip_codes and re.fullmatch(r"[\d.,%/-]+|q\d|k\d", w):
                continue
            acronym = tok.isupper() and len(tok) >= 2
            if (w in STOPWORDS or w in P.NAME_STOPWORDS) and not acronym:
                continue
            s = stem(w)
            if not acronym and s in generic:
                continue
            yield tok, w, s


def unused_words(question: str, plan, vocab) -> list[str]:
    """Content words of the question that no part of the plan explains."""
    global _CUES
    if _CUES is None:
        _CUES = _cue_words()
    text = normalise(question)
    generic: set[str] = set(GENERIC) | PLAIN | _CUES
    explained: set[str] = set()
    family = P.BY_NAME.get(plan.family)
    if family is not None and plan.family in ("cost_share", "variance"):
        # the family's own cues ("betalte", "budsjettert" for a cost share asked actual and budget) are what it read
        explained |= {c for c in _family_cues(family) if len(c) >= 4}
    for code in plan.metrics:
        m = vocab.metrics.get(code)
        # a broader measure's word after the narrower's ("egenmeldt fravær") is read as the narrower's name
        for k in [m, *(b for b in vocab.metrics.values() if P.refines(m, b))] if m else []:
            for name in (k.name_nb, k.name_en, *k.synonyms):
                explained.update(stem(w) for w in words(name))
    for alias, ref in vocab.unit_aliases.items():
        if ref in plan.units:
            explained.update(stem(w) for w in words(alias))
    if plan.units:  # the English words a unit was found by ("the finance unit" for "Økonomienheten")
        explained.update(stem(w) for phrase in P.find_units(text, vocab.unit_aliases)[1] for w in words(phrase))
    for name, key in vocab.organisations.items():
        if key in plan.organisations:
            explained.update(stem(w) for w in words(name))
    for s in plan.subjects:
        explained.update(stem(w) for w in words(s))
    explained.update(stem(w) for pw in find_period(text).words for w in words(pw))
    out = []
    for tok, w, s in content_words(question, generic):
        if stem(to_norwegian(w)) in explained:  # "female" for the member "Kvinner"
            continue
        if s in explained or any(len(e) >= 4 and (s.startswith(e) or e.startswith(s) and len(s) >= 4)
                                 for e in explained):
            continue
        if tok not in out:
            out.append(tok)
    return out


def _metric_stems(vocab) -> set[str]:
    cached = getattr(vocab, "_metric_stems", None)
    if cached is None:
        cached = set()
        for m in vocab.metrics.values():
            for name in (m.name_nb, m.name_en, *m.synonyms):
                cached.update(stem(w) for w in words(name) if len(w) >= 4 and w not in STOPWORDS)
        object.__setattr__(vocab, "_metric_stems", cached)
    return cached


def known_to_planner(tokens: list[str], vocab) -> bool:
    """Some of these words name a governed measure or a planner cue ("saksmengden", "snittet", "change")."""
    global _CUES
    if _CUES is None:
        _CUES = _cue_words()
    metric = _metric_stems(vocab)
    return any(stem(w) in metric or stem(w) in _CUES for t in tokens for w in words(t))


def names_a_measure(question: str, vocab, explained: set[str]) -> list[str]:
    """Metric names of the catalog the question contains in full (as the planner finds them) whose words the
    label does not explain ("lønnsoppgaver" beside the row "Eksempelby")."""
    text = normalise(question)
    out = []
    def covered(stems):
        return all(s in explained or any(len(e) >= 4 and (e.startswith(s) or s.startswith(e) or s in e)
                                         for e in explained) for s in stems)

    for start, end, code in P.glossed_as_general(question, P.find_metric_spans(text, vocab.metrics), text,
                                                 vocab.metrics):
        phrase = text[start:end]
        stems = [stem(w) for w in words(phrase) if w not in STOPWORDS and stem(w) not in COUNT_WORDS]
        metric = vocab.metrics.get(code)
        if metric is not None and any(  # "employees" beside a table of "tilsette": the measure in another language
                covered([stem(w) for w in words(n) if w not in STOPWORDS and stem(w) not in COUNT_WORDS] or ["\0"])
                for n in (metric.name_nb, metric.name_en, *metric.synonyms)):
            continue
        if stems and not covered(stems):
            if not all(s in _scenario_stems() for s in stems):
                out.append(phrase)
    return out


# "antall ansatte": the count word names no measure of its own
COUNT_WORDS = frozenset(stem(w) for w in ("antall", "antal", "tal", "tall", "number", "count", "mengde"))


def _scenario_stems() -> set[str]:
    return {stem(w) for w in ("budsjett", "budsjettet", "regnskap", "rekneskap", "budget", "actual", "avvik", "resultat",
                              "netto", "brutto", "sum", "total", "merforbruk", "merforbruket", "meirforbruk",
                              "mindreforbruk", "overforbruk", "underforbruk", "overspend", "underspend", "deviation",
                              "differanse", "variance",
                              # the outcome set against the budget ("result against budget", "utfall mot budget"):
                              # a comparison of a row's columns, no measure of its own
                              "result", "results", "outcome", "utfall", "utfallet", "avvikelse", "against", "versus")}


def measures_begun(question: str, metrics: dict) -> list:
    """Catalog measures whose name (or a synonym) begins with two or more content words the question writes in a row,
    while the question names none in full ("netto driftsutgifter" of "Netto driftsutgifter adm. per innbygger")."""
    text = normalise(question)
    out = []
    for m in metrics.values():
        for name in (m.name_nb, m.name_en, *m.synonyms):
            ws = [w for w in words(normalise(name))]
            if len(ws) >= 3 and all(w not in STOPWORDS for w in ws[:2]) and pattern(
                    rf"(?<!\w){re.escape(' '.join(ws[:2]))}(?!\w)").search(text):
                out.append(m)
                break
    return out[:4]

