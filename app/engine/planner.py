"""The deterministic planner: a question in bokmål, nynorsk or English -> a Plan -> SQL on the marts.

Pure functions over a Vocabulary (metric synonyms, unit aliases, subjects, organisations and what
the warehouse holds per metric), so it is tested without a warehouse. It never guesses: a question
it cannot pin to a metric, a unit the data does not know, or a period the data does not hold gets a
Plan with `answerable=False` and the reason, and the engine answers "unanswerable" with what is
known instead.

Families: value | trend | change | ranking | variance | cost_share | compare_average | target | tickets.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from rapidfuzz import fuzz, process

from app.engine.catalog_model import Metric
from app.engine.families import case_counts, change, compare, ranking, share, target, trend, value, variance
from app.engine.families.change import CHANGE_CUES  # noqa: F401  (cue words: app.engine.interpret)
from app.engine.families.compare import AVERAGE_CUES  # noqa: F401
from app.engine.families.measures import Cues, compile_facts, has_any, metric_filters
from app.engine.families.ranking import RANK_HIGH, RANK_LOW, SUBJECT_QUESTION, UNIT_QUESTION, WHICH_WORDS  # noqa: F401
from app.engine.families.share import COST_SHARE_CUES  # noqa: F401
from app.engine.families.target import TARGET_CUES  # noqa: F401
from app.engine.families.trend import TREND_CUES  # noqa: F401
from app.engine.families.variance import ACCOUNT_CUES  # noqa: F401
from app.engine.names import NAME_STOPWORDS, unknown_names  # noqa: F401  (one home for names)
from app.engine.periods import Period, dated_only, describe_months, find_period
from app.engine.text import normalise, pattern
from app.engine.wordforms import STOPWORDS, stem
from flows.reports import number_words

# The governed-measure families, tried in this order; the first that applies shapes the plan. Adding a
# family is one module under app/engine/families/ and one entry here.
GOVERNED_FAMILIES = (case_counts, share, variance, target, ranking, compare, change, trend, value)
BY_NAME = {f.NAME: f for f in GOVERNED_FAMILIES}


def family_of(plan):
    """The module of a plan's family (value for an unknown name)."""
    return BY_NAME.get(plan.family, value)

# Each cue is a regular expression on the normalised question (word boundaries added around it). The
# families' own cues live with their family (app.engine.families.<family>); the planner keeps the ones
# that shape every plan.
PER_MUNICIPALITY = (r"per kommune", r"pr kommune", r"per municipality", r"by municipality", r"for kvar kommune",
                    r"for hver kommune", r"fordelt på kommun\w*", r"per eierkommune", r"per kunde",
                    r"per customer", r"each municipality")
KEY_FIGURE_CUES = (r"nøkkeltal\w*", r"key figures?")
INVESTMENT_CUES = (r"investering\w*", r"investment\w*", r"investeringar", r"invest(?:s|ed|ing)?", r"investert\w*", r"investerte")
PER_QUARTER = (r"per kvartal", r"pr kvartal", r"hvert kvartal", r"kvart kvartal", r"quarterly",
               r"by quarter", r"per quarter", r"each quarter", r"kvartalsvis")

NUMBER_WORDS = number_words.ALL  # "de siste tre årene", "the last five years" (one home: flows.reports.number_words)


FUZZY_THRESHOLD = 0.84
METRIC_FUZZY_THRESHOLD = 0.88


@dataclass(frozen=True)
class UnitRef:
    unit_key: str
    unit_name: str


@dataclass
class Vocabulary:
    metrics: dict[str, Metric]
    unit_aliases: dict[str, UnitRef]  # normalised alias -> unit
    subjects: dict[str, str] = field(default_factory=dict)  # normalised subject -> subject as stored
    years: tuple[int, ...] = ()
    # What the warehouse holds, so time words and families resolve against the data:
    coverage: dict[str, dict[str, set[int]]] = field(default_factory=dict)  # metric -> unit_key -> years
    quarterly: set[str] = field(default_factory=set)  # metrics reported per quarter
    metric_subjects: dict[str, set[str]] = field(default_factory=dict)  # metric -> subjects as stored
    target_metrics: tuple[str, ...] = ()  # metrics with a stated target
    organisations: dict[str, str] = field(default_factory=dict)  # normalised name -> organisation_key
    organisation_names: dict[str, str] = field(default_factory=dict)  # organisation_key -> display name
    # names of two letters as written ("Øy", "Ån" -> organisation_key): too short for `organisations`, named only when
    # a question writes them so (find_short_organisations)
    short_organisations: dict[str, str] = field(default_factory=dict)
    unit_levels: dict[str, str] = field(default_factory=dict)  # unit_key -> organisation|omrade|enhet|avdeling
    tables: frozenset[str] = frozenset()  # marts present in the warehouse
    ticket_years: tuple[int, ...] = ()  # years the ticket marts cover
    unit_organisations: dict[str, str] = field(default_factory=dict)  # unit_key -> organisation as written
    subject_units: dict[str, set[str]] = field(default_factory=dict)  # subject as stored -> units it breaks down
    data: object = None  # app.engine.vocabulary.DataVocabulary: labels and values as written in the warehouse

    @property
    def latest_year(self) -> int | None:
        return max(self.years) if self.years else None

    def latest_for(self, metrics: list[str], units: list[UnitRef]) -> int | None:
        """The latest year the data holds for these metrics (and units); the global latest without them."""
        years: set[int] = set()
        keys = {u.unit_key for u in units}
        for m in metrics:
            for unit_key, ys in self.coverage.get(m, {}).items():
                if not keys or unit_key in keys:
                    years |= ys
        return max(years) if years else self.latest_year

    @cached_property
    def known_words(self) -> frozenset[str]:
        """The words of the names the vocabulary reads (unit aliases, subjects, organisations, measures), each whole
        and split at hyphens and slashes: a capitalised question word among them is no unknown name."""
        words: set[str] = set()
        for alias in list(self.unit_aliases) + list(self.subjects) + list(self.organisations):
            words.update(re.findall(r"[\w/][\w/\-]*", alias))
            words.update(re.findall(r"\w+", alias))
        for name, _ in _metric_names(self.metrics):
            words.update(re.findall(r"\w+", name))
            words.update(re.findall(r"[\w/][\w/\-]*", name))
        return frozenset(words)

    @cached_property
    def printed_word_stems(self) -> frozenset[str]:
        """The stems of every word the loaded data prints: row labels and captions, account lines, the reports'
        sentences, and the known_words of the names."""
        data = self.data
        known: set[str] = set()
        if data is not None:
            known |= set(data.cells.known) if data.cells is not None else set()
            known |= set(data.accounts.known) if data.accounts is not None else set()
            known |= set(data.prose_known)
        known |= {stem(w.lower()) for w in self.known_words}
        return frozenset(known)

    def printed_anywhere(self, word: str) -> bool:
        """The word (in some form) is a word the loaded data prints: a row label or caption, an account line, a
        sentence of the reports, a unit's, subject's or measure's name."""
        s = stem(word)
        known = self.printed_word_stems
        return s in known or len(s) >= 5 and any(len(k) >= 5 and (k.startswith(s) or s.startswith(k)) for k in known)


@dataclass
class Plan:
    question: str
    family: str = "value"  # value | trend | change | ranking | variance | cost_share | compare_average | target | tickets
    metrics: list[str] = field(default_factory=list)
    units: list[UnitRef] = field(default_factory=list)
    years: list[int] = field(default_factory=list)  # empty = every year present
    quarters: list[int] = field(default_factory=list)
    # a run of quarters ((year, quarter), (year, quarter)) asked ("fra Q1 2019 til Q2 2021"), or the quarters each
    # asked with its own year ("Q4 2020 og Q1 2021"); parts of a year that are no quarter as (first, last month)
    quarter_range: tuple[tuple[int, int], tuple[int, int]] | None = None
    quarter_points: list[tuple[int, int]] = field(default_factory=list)
    month_spans: list[tuple[int, int]] = field(default_factory=list)
    weeks: list[int] = field(default_factory=list)
    subjects: list[str] = field(default_factory=list)
    organisations: list[str] = field(default_factory=list)  # organisation_keys (owners, ticket customers)
    rank_order: str | None = None  # "desc" | "asc"
    rank_by: str = "unit"  # unit | subject | quarter
    rank_sign: str | None = None  # "negative" | "positive": one side of a signed balance ranked (an overspend)
    side_shown: str | None = None  # the word of a signed balance's negative side asked ("merforbruk"): its size shown
    limit: int | None = None
    per_organisation: bool = False
    investment: bool = False
    baseline_years: list[int] = field(default_factory=list)  # compare_average: the earlier years asked for
    parent_units: list[UnitRef] = field(default_factory=list)  # organisations named only as owner of a unit
    answerable: bool = True
    reason: str | None = None
    unknown: list[str] = field(default_factory=list)  # names the data does not know
    understood: list[str] = field(default_factory=list)

    @property
    def confidence(self) -> float:
        if not self.answerable:
            return 0.0
        score = 0.5 if (self.metrics or self.family in ("variance", "cost_share", "target")) else 0.0
        score += 0.3 if (self.units or self.family in ("ranking", "tickets") or self.subjects
                         or self.organisations) else 0.1
        score += 0.2 if (self.years or self.quarters or self.family in ("trend", "ranking", "change")) else 0.1
        return round(score, 2)


# --- recognising the parts of a question ------------------------------------------------------

_has_any = has_any


def _contains_phrase(text: str, phrase: str) -> bool:
    return re.search(rf"(?<![\w]){re.escape(phrase)}(?![\w])", text) is not None


# Inflected forms: "sykefraværet", "saksmengden", "årsverka", "FTEs", "økonomienhetens".
WORD_ENDINGS = ("ene", "ane", "en", "et", "er", "ar", "a", "s", "es", "ens", "ets", "ta", "te")


def _metric_names(metrics: dict[str, Metric]) -> list[tuple[str, str]]:
    names = []
    for code, metric in metrics.items():
        for name in {*metric.synonyms, metric.name_nb.lower(), metric.name_en.lower()}:
            name = normalise(name)
            if name:
                names.append((name, code))
    return names


_METRIC_INDEX: dict[int, tuple] = {}


def _metric_index(metrics: dict[str, Metric]):
    """One compiled alternation of every metric name (longest first) and the fuzzy candidates, per catalog."""
    key = id(metrics)
    cached = _METRIC_INDEX.get(key)
    if cached is not None and cached[0] is metrics:
        return cached[1:]
    names = _metric_names(metrics)
    by_name: dict[str, str] = {}
    as_written: dict[str, str] = {}
    for name, code in sorted(names, key=lambda nc: -len(nc[0])):
        by_name.setdefault(_spaced(name), code)
        as_written.setdefault(name, code)
    ending = "(?:" + "|".join(WORD_ENDINGS) + ")?"
    # a space in a name is a space or a hyphen as written ("sick-leave rate" is "sick leave rate", "full time" is
    # "full-time"): names are kept with spaces, a match is looked up with its hyphens as spaces
    alternation = "|".join(re.escape(n).replace(r"\ ", "[ -]") + (ending if len(n) >= 4 else "") for n in by_name)
    pattern = re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])")
    single = [(n, c) for n, c in as_written.items() if " " not in n and len(n) >= 7]  # typos: one word as written
    _METRIC_INDEX[key] = (metrics, pattern, by_name, single)
    return pattern, by_name, single


def _spaced(name: str) -> str:
    """A name's hyphens between letters as spaces: the one form names are indexed and looked up by."""
    return re.sub(r"(?<=[a-zæøå])-(?=[a-zæøå])", " ", name)


def _name_of(match: str, by_name: dict[str, str]) -> str | None:
    match = _spaced(match)
    if match in by_name:
        return by_name[match]
    for end in sorted(WORD_ENDINGS, key=len, reverse=True):
        if match.endswith(end) and match[: -len(end)] in by_name:
            return by_name[match[: -len(end)]]
    return None


def find_metric_spans(text: str, metrics: dict[str, Metric]) -> list[tuple[int, int, str]]:
    """(start, end, metric_code) of metric names in the text, longest first, no overlaps.

    A name matches as written, inflected ("saksmengden" for "saksmengde") or, for a single word of
    seven letters or more, with a small typo.
    """
    pattern, by_name, single = _metric_index(metrics)
    hits: list[tuple[int, int, str]] = []
    pos = 0
    while True:  # overlapping scan: a shorter name may start inside a longer non-matching one
        m = pattern.search(text, pos)
        if m is None:
            break
        code = _name_of(m.group(0), by_name)
        if code is not None:
            hits.append((m.start(), m.end(), code))
        pos = m.start() + 1
    covered = [(s, e) for s, e, _ in hits]
    for m in re.finditer(r"[\w/-]{7,}", text):
        if any(m.start() < e and m.end() > s for s, e in covered):
            continue
        word = m.group(0)
        candidates = [n for n, _ in single if abs(len(n) - len(word)) <= 2]
        hit = process.extractOne(word, candidates, scorer=fuzz.ratio, score_cutoff=METRIC_FUZZY_THRESHOLD * 100)
        best, best_ratio = None, 0.0
        if hit is not None:
            best, best_ratio = dict(single)[hit[0]], hit[1] / 100
        if best is not None and best_ratio >= METRIC_FUZZY_THRESHOLD:
            hits.append((m.start(), m.end(), best))
    hits.sort(key=lambda h: (-(h[1] - h[0]), h[0]))
    taken: list[tuple[int, int, str]] = []
    for start, end, code in hits:
        if any(start < e and end > s for s, e, _ in taken):
            continue
        taken.append((start, end, code))
    return _as_one_measure(sorted(taken), text, metrics)


def refines(narrow: Metric | None, broad: Metric | None) -> bool:
    """`narrow` is a kind of `broad`: its name is a word or two before the other's whole name ("Egenmeldt
    sykefravær" of "Sykefravær", "Long-term sick leave" of "Sick leave")."""
    if narrow is None or broad is None:
        return False
    return any(normalise(n).endswith(" " + normalise(b)) for n, b in
               ((narrow.name_nb, broad.name_nb), (narrow.name_en, broad.name_en)) if normalise(b))


def _as_one_measure(spans: list[tuple[int, int, str]], text: str,
                    metrics: dict[str, Metric]) -> list[tuple[int, int, str]]:
    """A narrower measure's word right before the broader measure's word names one measure, the narrower: "det
    egenmeldte sykefraværet", "the long-term absence" ask the self-certified (long-term) rate, never also the total
    (whose figure would answer a question not asked)."""
    out: list[tuple[int, int, str]] = []
    for start, end, code in spans:
        if out and not text[out[-1][1]:start].strip() and refines(metrics.get(out[-1][2]), metrics.get(code)):
            out[-1] = (out[-1][0], end, out[-1][2])
            continue
        out.append((start, end, code))
    return out


def glossed_as_general(question: str, spans: list[tuple[int, int, str]], text: str,
                       metrics: dict[str, Metric]) -> list[tuple[int, int, str]]:
    """The metric spans of `text` (the normalised question) less those whose word the question glosses in brackets by
    the bare head of one of the metric's compound names ("turnover (omsättning)", where the metric is
    "personalomsättning", staff turnover): the gloss says the word's general sense (a company's sales), not the
    metric's kind of it."""
    glossed = {(normalise(m.group(1)), m.group(2).lower())
               for m in re.finditer(r"([\wæøåäöü-]+)\s*\(\s*([A-Za-zæøåäöüÆØÅÄÖÜ]{4,})\s*\)", question)}
    if not glossed:
        return spans

    def general(word: str, metric: Metric | None) -> bool:
        if metric is None:
            return False
        names = {normalise(n) for n in (*metric.synonyms, metric.name_nb, metric.name_en)}
        return word not in names and any(" " not in n and len(n) >= len(word) + 3 and n.endswith(word) for n in names)

    return [(s, e, c) for s, e, c in spans
            if not any(text[s:e] == w and general(g, metrics.get(c)) for w, g in glossed)]


def find_metrics(text: str, metrics: dict[str, Metric]) -> list[str]:
    """Metric codes named in the text, in the order they are named."""
    found: list[str] = []
    for _, _, code in find_metric_spans(text, metrics):
        if code not in found:
            found.append(code)
    return found


def _ngrams(words: list[str], max_n: int = 5):
    for n in range(min(max_n, len(words)), 0, -1):
        for i in range(len(words) - n + 1):
            yield i, i + n, " ".join(words[i:i + n])


def _similar(a: str, b: str) -> float:
    return fuzz.ratio(a, b) / 100


INFLECTIONS = ("enheten", "enheter", "enhet", "eininga", "eining", "avdelingen", "ene", "ens", "ets", "en", "et",
               "a", "s", "ita", "heita")


def _word_set(text: str) -> frozenset[str]:
    return frozenset(w for w in re.split(r"[\s/&,]+", text) if w and w not in ("og", "and", "i", "-"))


class _AliasIndex:
    """The unit aliases prepared once per vocabulary for `_fuzzy_alias`: word sets, aliases by number of
    spaces and length, single words by inflection stem and by prefix. Every lookup returns what a scan of
    the aliases in their dict order returns (the first alias that fits), only without the scan."""

    def __init__(self, aliases: dict[str, UnitRef]):
        self.aliases = aliases
        self.size = len(aliases)
        self.by_words: dict[frozenset[str], UnitRef] = {}
        self.by_shape: dict[tuple[int, int], list[tuple[int, str]]] = {}  # (spaces, length) -> (position, alias)
        self.single: dict[str, tuple[int, UnitRef]] = {}  # one-word aliases of 4+ letters
        self.by_prefix: dict[str, list[tuple[int, UnitRef]]] = {}  # alias[:-1] of one-word aliases of 8+ letters
        for pos, (alias, ref) in enumerate(aliases.items()):
            self.by_words.setdefault(_word_set(alias), ref)
            self.by_shape.setdefault((alias.count(" "), len(alias)), []).append((pos, alias))
            if " " not in alias and len(alias) >= 4:
                self.single.setdefault(alias, (pos, ref))
                if len(alias) >= 8:
                    self.by_prefix.setdefault(alias[:-1], []).append((pos, ref))
        self.found: dict[str, tuple[list[UnitRef], list[str]]] = {}  # find_units per text

    def same_shape(self, gram: str, n_words: int) -> list[str]:
        """Aliases with as many spaces as `gram` and a length within 3 of it, in dict order."""
        hits = [h for n in range(len(gram) - 3, len(gram) + 4) for h in self.by_shape.get((n_words, n), ())]
        return [alias for _, alias in sorted(hits)]

    def inflected(self, gram: str) -> UnitRef | None:
        """A one-word alias that `gram` is, plus an inflection ending ("økonomienheten")."""
        hits = [self.single[gram[:-len(end)]] for end in INFLECTIONS
                if gram.endswith(end) and gram[:-len(end)] in self.single]
        return min(hits, key=lambda h: h[0])[1] if hits else None

    def same_stem(self, gram: str) -> UnitRef | None:
        """A one-word alias of 8+ letters all but whose last letter begins `gram`, at most 4 letters shorter."""
        hits = [h for n in range(max(8, len(gram) - 4), len(gram) + 2)
                for h in self.by_prefix.get(gram[:n - 1], ()) if n - 1 <= len(gram)]
        return min(hits, key=lambda h: h[0])[1] if hits else None


_ALIAS_INDEX: dict[int, _AliasIndex] = {}


def _alias_index(aliases: dict[str, UnitRef]) -> _AliasIndex:
    index = _ALIAS_INDEX.get(id(aliases))
    if index is None or index.aliases is not aliases or index.size != len(aliases):
        if len(_ALIAS_INDEX) >= 16:
            _ALIAS_INDEX.clear()
        index = _ALIAS_INDEX[id(aliases)] = _AliasIndex(aliases)
    return index


def _words_alike(gram: str, alias: str) -> bool:
    """A typo of a name of several words is a typo in its words, word by word: "avfallsverk sick" is no
    misspelling of "avfallsverk iks" however close the whole strings are."""
    a, b = gram.split(), alias.split()
    if len(a) != len(b):
        return True
    # a function word in place of a short word of the name carries no name ("for regnskap og løn"); a legal form
    # ("IKS", "AS") tells a company from the place it is named after and is matched only as written ("Eksempel og
    # Nordby in 2021" is no slip of "Eksempel og Nordby IKS")
    from flows.org_kinds import LEGAL_FORMS

    forms = {f.lower() for f in LEGAL_FORMS}
    return all(x == y or y not in forms and (fuzz.ratio(x, y) >= 75 or x in STOPWORDS and len(y) <= 3)
               for x, y in zip(a, b))


def _fuzzy_alias(gram: str, aliases: dict[str, UnitRef]) -> UnitRef | None:
    """A typo (same number of words, close spelling) or an inflected single word of an alias."""
    if len(gram) < 5:
        return None
    index = _alias_index(aliases)
    words_ = _word_set(gram)
    if len(words_) >= 2:  # the same words in another order: "VR lønn/regnskap" ~ "VR regnskap og lønn"
        ref = index.by_words.get(words_)
        if ref is not None:
            return ref
    n_words = gram.count(" ")
    # a typo is forgiven in a name of five letters or more: a short name (initials, "tbr") is matched as written, never
    # read into a word one letter longer ("stort" is no slip of "tort")
    hit = process.extractOne(gram, [a for a in index.same_shape(gram, n_words) if len(a) >= 5], scorer=fuzz.ratio,
                             score_cutoff=FUZZY_THRESHOLD * 100)
    if hit is not None and _words_alike(gram, hit[0]):
        return aliases[hit[0]]
    if n_words == 0:
        # an inflected form, then nynorsk/bokmål stems: "økonomienheita" ~ "økonomienhet"
        return index.inflected(gram) or index.same_stem(gram)
    return None


def find_units(text: str, aliases: dict[str, UnitRef]) -> tuple[list[UnitRef], list[str]]:
    """Units named in the text: exact alias first, then typos and inflections ("økonomienheten").

    Returns the units and the words they were matched from, so those words are not read again
    as metric or subject names. Remembered per text for the vocabulary (several families ask).
    """
    index = _alias_index(aliases)
    cached = index.found.get(text)
    if cached is None:
        cached = _find_units(text, aliases)
        if len(index.found) >= 4096:
            index.found.clear()
        index.found[text] = cached
    return list(cached[0]), list(cached[1])


def _find_units(text: str, aliases: dict[str, UnitRef]) -> tuple[list[UnitRef], list[str]]:
    words = text.split()
    used = [False] * len(words)
    found: list[UnitRef] = []
    matched: list[str] = []
    for i, j, gram in _ngrams(words):
        if any(used[i:j]):
            continue
        ref = aliases.get(gram) or aliases.get(gram.replace("-", " ")) or _fuzzy_alias(gram, aliases)
        if ref is not None:
            for k in range(i, j):
                used[k] = True
            matched.append(gram)
            if ref not in found:
                found.append(ref)
    _english_unit_names(words, used, aliases, found, matched)
    _english_unit_heads(words, used, aliases, found, matched)
    return found, matched


def english_unit_forms(names: list[str], head: str) -> list[str]:
    """The Norwegian ways to write a unit an English question names by its words and kind ("finance", "unit" ->
    "økonomienheten", "enhet økonomi"; "hr", "innovation", "unit" -> "hr- og innovasjonsenheten", "hr og
    innovasjon"): each name word in Norwegian (an acronym as written), the kind joined to the last one."""
    from app.engine.wordforms import EN_TO_NB, UNIT_HEADS_EN, UNIT_NAME_WORDS_EN

    def nb(w: str) -> tuple[str, ...]:
        t = UNIT_NAME_WORDS_EN.get(w) or EN_TO_NB.get(w)
        return ((t,) if isinstance(t, str) else tuple(t)) if t else ((w,) if len(w) <= 4 else ())

    heads = UNIT_HEADS_EN.get(head, ())
    options = [nb(w) for w in names]
    if not heads or not names or not all(options):
        return []
    out = []
    for last in options[-1]:
        for h in heads:
            compounds = [last + link + h for link in ("", "s", "e")]
            if len(names) == 1:
                out += compounds + [f"{h} {last}"]
            elif len(names) == 2:
                out += [f"{first}- og {c}" for first in options[0] for c in compounds]
                out += [f"{first} og {last}" for first in options[0]]
    return out


def _english_unit_heads(words: list[str], used: list[bool], aliases: dict[str, UnitRef], found: list[UnitRef],
                        matched: list[str]) -> None:
    """"the finance unit", "the HR and innovation unit": one or two English name words before a unit's kind, written
    as the Norwegian compound the data holds (english_unit_forms). Only words no unit was found in already."""
    from app.engine.wordforms import UNIT_HEADS_EN

    for i, w in enumerate(words):
        if w not in UNIT_HEADS_EN or used[i]:
            continue
        for names, start in (([words[i - 3], words[i - 1]], i - 3) if i >= 3 and words[i - 2] in ("and", "&") else
                             (None, 0), ([words[i - 1]], i - 1) if i >= 1 else (None, 0)):
            if not names or any(used[start:i + 1]) or any(n in STOPWORDS and len(n) > 4 for n in names):
                continue
            ref = next((aliases[f] for f in english_unit_forms([n.strip("'’") for n in names], w) if f in aliases),
                       None)
            if ref is not None:
                for k in range(start, i + 1):
                    used[k] = True
                matched.append(" ".join(words[start:i + 1]))
                if ref not in found:
                    found.append(ref)
                break


def _english_unit_names(words: list[str], used: list[bool], aliases: dict[str, UnitRef], found: list[UnitRef],
                        matched: list[str]) -> None:
    """An English question naming a Norwegian part or unit by the English words for its name ("the health and social
    services" ~ "Helse/sosial", "health and care" ~ "Helse og omsorg"): the question's words translated one by one
    (EN_TO_NB), matched against the units' names by their word stems. Only for an English question, only words no
    unit was found in already; the English words are what is reported as matched."""
    from app.engine.answer import detect_language
    from app.engine.wordforms import EN_TO_NB, stem

    if not any(w in EN_TO_NB for w in words) or detect_language(" ".join(words)) != "en":
        return
    index = _alias_index(aliases)
    by_stems = getattr(index, "by_stems", None)
    if by_stems is None:
        by_stems = {}
        for alias, ref in aliases.items():
            key = frozenset(stem(w) for w in _word_set(alias) if w not in STOPWORDS)
            if key and all(len(k) >= 4 for k in key):
                by_stems.setdefault(key, ref)
        index.by_stems = by_stems
    nb = [_in_norwegian(w) for w in words]
    for i, j, _ in _ngrams(nb, 3):
        if any(used[i:j]) or not all(words[k] in EN_TO_NB or words[k] in ("and", "&") for k in range(i, j)):
            continue  # every word of the name in English (a place name beside "municipality" is written as it is)
        key = frozenset(stem(w) for w in nb[i:j] if w not in STOPWORDS and w not in ("og", "and"))
        if len(key) < 2 or j - i - len(key) > 1 or stem(nb[i]) not in key or stem(nb[j - 1]) not in key:
            continue  # two words of the name at least, at most one function word between them ("health and social");
            # one English word ("culture") is too common a word to name a unit of some report
        ref = by_stems.get(key)
        if ref is not None:
            for k in range(i, j):
                used[k] = True
            matched.append(" ".join(words[i:j]))
            if ref not in found:
                found.append(ref)


def subject_forms(norm: str) -> set[str]:
    """How a question may write a breakdown member: as stored, with its hyphen joined or spaced
    ("kostragruppe 13", "kostra gruppe 13"), and a numbered member by its part after the hyphen ("gruppe 13")."""
    forms = {norm, norm.replace("-", ""), norm.replace("-", " ")}
    head, sep, tail = norm.partition("-")
    if sep and head and re.search(r"\d", tail) and len(tail.split()) >= 2:
        forms.add(tail)
    return {f for f in forms if f}


def _in_norwegian(text: str) -> str:
    """The question's English domain words in Norwegian ("female" -> "kvinner"), for finding members."""
    from app.engine.wordforms import to_norwegian

    return " ".join(to_norwegian(w) for w in text.split())


def find_subjects(text: str, subjects: dict[str, str]) -> list[str]:
    found = []
    texts = {text, _in_norwegian(text)}
    for norm, stored in subjects.items():
        if norm and any(pattern(rf"(?<![\w-]){re.escape(form)}s?(?![\w])").search(t)
                        for form in subject_forms(norm) for t in texts):
            found.append(stored)
    return found


# a kind word written once before a list of names: "per omsorgsdistrikt (Moelv, Nes, Brumunddal)", "skolene Nordby,
# Sørby og Vestby" (the list: names joined by commas, "og", "and", "eller", "or", in brackets or not)
_LISTED = re.compile(r"(?<![\w])([A-Za-zÆØÅæøåÄÖäö]{5,})\s*\(?\s*((?:[A-ZÆØÅÄÖ][\w\-æøåäö]*\s*(?:,|\bog\b|\band\b|"
                     r"\beller\b|\bor\b|&)\s*)+[A-ZÆØÅÄÖ][\w\-æøåäö]*)")


def listed_subjects(question: str, subjects: dict[str, str]) -> list[str]:
    """Breakdown members a question names by their kind word written once before a list of their names ("per
    omsorgsdistrikt (Moelv, Nes, Brumunddal)" names «Omsorgsdistrikt Moelv», «Omsorgsdistrikt Nes» …): each member
    whose first word the kind word writes (its plural or definite form too) and whose other words are one name of the
    list. Two names at least; a name alone after its kind is the member written whole (find_subjects)."""
    found: list[str] = []
    for m in _LISTED.finditer(question):
        kind = m.group(1).lower()
        names = {n.strip().lower() for n in re.split(r",|\bog\b|\band\b|\beller\b|\bor\b|&", m.group(2)) if n.strip()}
        if len(names) < 2:
            continue
        for norm, stored in subjects.items():
            head, _, rest = norm.partition(" ")
            if rest and rest in names and len(head) >= 5 and kind.startswith(head) and stored not in found:
                found.append(stored)
    return found


@lru_cache(maxsize=4096)
def _name_pattern(norm: str) -> re.Pattern:
    """A name as written, possibly with a plural/genitive s; a space and a hyphen write the same name ("Sør-Odal",
    "sør odal"). Compiled once per name."""
    body = re.sub(r"(?:\\ |\\-|-)", r"[\\s-]", re.escape(norm))
    if norm.isascii():
        # a name that lost its Norwegian letters (a customer read from an e-mail domain, "oksnes.kommune.no": «Oksnes
        # kommune»; a file name) is the name the question writes with them ("Øksnes", "Bærum", "Ålesund")
        body = re.sub(r"ae|aa|a|o", lambda m: _ASCII_LETTER[m.group(0)], body)
    return re.compile(r"(?<![\w])" + body + r"s?(?![\w])")


_ASCII_LETTER = {"ae": "(?:ae|æ)", "aa": "(?:aa|å)", "a": "[aå]", "o": "[oø]"}


def find_organisations(text: str, organisations: dict[str, str]) -> list[str]:
    """The organisations the text names, the longest names first. A name written only inside a longer name another
    organisation carries names that one alone: "<Town> havn" is the port, never also "<Town>"'s municipality."""
    found: list[str] = []
    taken: list[tuple[int, int]] = []  # where the names read so far are written
    for norm in sorted(organisations, key=len, reverse=True):
        if not norm or len(norm) < 3:
            continue
        spans = [m.span() for m in _name_pattern(norm).finditer(text)]
        free = [(a, b) for a, b in spans if not any(x <= a and b <= y for x, y in taken)]
        if free:
            key = organisations[norm]
            if key not in found:
                found.append(key)
            taken += free
    return found


def find_short_organisations(raw: str, short: dict[str, str]) -> list[str]:
    """The organisations of two-letter names ("Øy", "Ån") the question writes as a name is written: capitalised, as a
    word of its own (never "øy" the island, "OS" or a letter pair inside a word), in the order written."""
    found: list[tuple[int, str]] = []
    for name, key in short.items():
        m = re.search(r"(?<![\wæøåäöÆØÅÄÖ])" + re.escape(name) + r"(?![\wæøåäöÆØÅÄÖ])", raw)
        if m and all(k != key for _, k in found):
            found.append((m.start(), key))
    return [k for _, k in sorted(found)]


def find_years(text: str, latest: int | None) -> list[int]:
    """Explicit years and ranges, and time words relative to the latest year in the data.

    "i fjor" / "last year" means the latest year the data covers: reports are read the year
    after the year they report on.
    """
    years = [int(y) for y in re.findall(r"(?<![\d-])(20\d\d|19\d\d)(?!\d)", text)]
    span = re.search(r"(?<!\d)(20\d\d)\s*(?:-|til|to|–|and|og|through|until)\s*(20\d\d)(?!\d)", text)
    if span:
        a, b = int(span.group(1)), int(span.group(2))
        between = re.search(rf"\b(?:between|mellom|imellom|periode\w*)\s+{a}\s", text)  # "between 2015 and 2021"
        if not re.search(rf"(?:og|and)\s*{b}", span.group(0)) or b - a <= 1 or between:
            years = sorted(set(years) | set(range(min(a, b), max(a, b) + 1)))
    if latest is not None:
        if re.search(r"\bi fjor\b|\bi fjord\b|\blast year\b|\bførre året\b|\bi fjol\b|\bprevious year\b", text):
            years.append(latest)
        if re.search(r"\bi forfjor\b|\byear before last\b|\bforfjor\b", text):
            years.append(latest - 1)
        m = re.search(r"\b(?:siste|de siste|dei siste|last|past|the last|the past)\s+(\d+|\w+)\s+(?:år\w*|years)\b",
                      text)
        if m:
            n = int(m.group(1)) if m.group(1).isdigit() else NUMBER_WORDS.get(m.group(1), 0)
            if n:
                years.extend(range(latest - n + 1, latest + 1))
        if re.search(r"\b(?:i år|this year|siste år|latest year|most recent year|det siste året)\b", text):
            years.append(latest)
    return sorted(set(years))


def find_quarters(text: str) -> list[int]:
    """The quarters `text` names; a half year is its two quarters (the grammar is app.engine.periods')."""
    return quarters_of(find_period(text))


def quarters_of(asked: Period) -> list[int]:
    quarters = set(asked.quarters)
    for half in asked.halves:
        quarters.update((1, 2) if half == 1 else (3, 4))
    return sorted(quarters)


def find_weeks(text: str) -> list[int]:
    weeks = {int(w) for w in re.findall(r"\b(?:uke|veke|week|w)\s*(\d{1,2})\b", text) if 1 <= int(w) <= 53}
    span = re.search(r"\b(?:uke|veke|week)r?\s*(\d{1,2})\s*(?:-|til|to)\s*(\d{1,2})\b", text)
    if span:
        a, b = int(span.group(1)), int(span.group(2))
        weeks |= set(range(min(a, b), max(a, b) + 1))
    return sorted(weeks)


def _organisation_units_with(vocab: Vocabulary, key: str, metrics: list[str]) -> list[UnitRef]:
    """Units of the organisation `key` that hold figures for these metrics, by the organisation's names."""
    names = {normalise(vocab.organisation_names.get(key, key))} | {
        alias for alias, k in vocab.organisations.items() if k == key}
    out: list[UnitRef] = []
    for ref in vocab.unit_aliases.values():
        owner = normalise(vocab.unit_organisations.get(ref.unit_key, "") or "")
        if (owner in names or normalise(ref.unit_name) in names) and ref not in out and any(
                ref.unit_key in vocab.coverage.get(m, {}) for m in metrics):
            out.append(ref)
    return out


# --- building the plan -------------------------------------------------------------------------

_NAMED_ORGANISATION = re.compile(r"(?<![\w])([A-ZÆØÅÄÖ][\wæøåäö\-]+)\s+(?:kommune|kommun|fylkeskommune|herad|municipality)(?![\w])")


# words before "kommune" that name no organisation: determiners, roles, question words
_NOT_NAMES = frozenset({"kvar", "hver", "each", "every", "den", "denne", "dette", "vår", "vår", "samme", "same", "hele",
                        "heile", "annen", "anna", "other", "en", "ein", "one", "nabo", "naboens", "største", "minste",
                        "hvilken", "hvilke", "kva", "kvilken", "kvilke", "which", "what", "any", "some", "owner", "member",
                        "host", "largest", "smallest", "biggest", "this", "that", "our", "the", "a", "an", "per", "eier",
                        "eigar", "deltaker", "deltakar", "medlem", "vertskap", "vert", "sammenlignbar", "samanliknbar"})


def named_organisations(question: str, vocab: Vocabulary) -> list[str]:
    """Capitalised names written before an organisation's kind ("Time kommune", "Os municipality") that no
    organisation or unit of the data carries: unknown even when the word is an ordinary word of the data ("time" of a
    measure's name, a row label), so the question is never answered with another organisation's figure."""
    places = getattr(vocab, "_place_words", None)
    if places is None:
        places = set()
        # the organisations the rows of a table of organisations name ("Nordby kommune" in a county's table of its
        # municipalities) are organisations of the data too, though the document is another's
        cells = vocab.data.cells if vocab.data is not None else None
        bodies = sorted(getattr(cells, "body_organisations", ()) or ()) if cells is not None else []
        for alias in [*vocab.unit_aliases, *vocab.organisations, *vocab.organisation_names.values(), *vocab.subjects,
                      *bodies]:
            places.update(w.lower() for w in re.findall(r"[\wæøåäö\-]+", alias))
        object.__setattr__(vocab, "_place_words", places)
    out = []
    for m in _NAMED_ORGANISATION.finditer(question):
        name = m.group(1)
        low = name.lower()
        if low not in places and normalise(name) not in places and low not in NAME_STOPWORDS and len(name) >= 2 \
                and low not in _NOT_NAMES:
            out.append(name)
    return out


def _another_owners_member(subject: str, plan: Plan, vocab: Vocabulary) -> bool:
    """A breakdown member of another owner's figures whose name is the name of an organisation the question names:
    "the county council in Nordby" asks the organisation Nordby, never the row "Nordby" of an agency's table by
    county -- unless the question names that owner, or the organisation holds none of the measures asked while
    the member breaks one of them down (then the member's figures are the only ones the question can mean)."""
    held = vocab.subject_units.get(subject)
    if not held or not plan.organisations:
        return False
    name = _spaced(normalise(subject))
    orgs = {key for alias, key in vocab.organisations.items()
            if key in plan.organisations and f" {name} " in f" {_spaced(alias)} "}
    if not orgs:
        return False
    own = {normalise(vocab.organisation_names.get(k, k)) for k in orgs}
    owners = {normalise(vocab.unit_organisations.get(u, "")) for u in held}
    if owners <= own:
        return False  # the organisation's own breakdown
    named = {normalise(vocab.organisation_names.get(k, k)) for k in plan.organisations} - own
    if held & {u.unit_key for u in plan.units + plan.parent_units} or owners & named:
        return False  # the owner is named too
    own_units = {u for u, o in vocab.unit_organisations.items() if normalise(o) in own}
    if any(subject in vocab.metric_subjects.get(m, ()) for m in plan.metrics) and not any(
            own_units & set(vocab.coverage.get(m, {})) for m in plan.metrics):
        return False
    return True


def printed_in_reports(name: str, vocab: Vocabulary) -> bool:
    """A capitalised word (or words) the loaded reports print as a row label, a caption or an account line ("Pleie og
    omsorg", "Barnehage", a district that is a row of a staff table): what the question reads the figures by, not an
    organisation the data does not hold."""
    data = vocab.data
    if data is None:
        return False
    from app.engine.wordforms import stem

    stems = getattr(vocab, "_printed_stems", None)
    if stems is None:  # once per vocabulary
        stems = frozenset().union(data.cells.known if data.cells is not None else (),
                                  data.accounts.known if data.accounts is not None else ())
        object.__setattr__(vocab, "_printed_stems", stems)
    parts = [w for w in re.findall(r"[\wæøåäöü]+", name.lower()) if w not in STOPWORDS]
    return bool(parts) and all(stem(w) in stems for w in parts)


def written_in_reports(name: str, question: str, vocab: Vocabulary) -> bool:
    """A capitalised word (or words) that the loaded reports' sentences print, or that a loaded report's title or file
    name holds, and that the question does not write as an organisation (a kind word or legal form after it)."""
    data = vocab.data
    if data is None:
        return False
    from app.engine.families.scope import fold
    from app.engine.wordforms import stem
    from flows.org_kinds import FORM_WORDS

    after = re.search(rf"(?<![\w]){re.escape(name)}\s+([\wæøåäöü]+)", question)
    if after is not None and after.group(1).lower() in FORM_WORDS:
        return False  # "Nordby kommune", "Nordby IKS": an organisation named, which the data does not hold
    parts = [w for w in re.findall(r"[\wæøåäöü]+", name.lower()) if w not in STOPWORDS]
    if not parts:
        return False
    prose = getattr(data, "prose_known", frozenset()) or frozenset()
    named = getattr(data, "document_stems", frozenset())  # built once per warehouse (load_data_vocabulary)
    return all(stem(w) in prose or fold(stem(w)) in named for w in parts)


def plan_question(question: str, vocab: Vocabulary) -> Plan:
    text = normalise(question)
    plan = Plan(question=question)
    plan.units, unit_words = find_units(text, vocab.unit_aliases)
    if len(plan.units) > 1 and vocab.unit_organisations:
        # "Eksempelby's HR-enheten": the organisation named beside one of its own units only says whose unit
        parents = {normalise(vocab.unit_organisations.get(u.unit_key, "")) for u in plan.units}
        specific = [u for u in plan.units if normalise(u.unit_name) not in parents
                    or normalise(vocab.unit_organisations.get(u.unit_key, "")) == normalise(u.unit_name)
                    and not any(normalise(vocab.unit_organisations.get(o.unit_key, "")) == normalise(u.unit_name)
                                and o is not u for o in plan.units)]
        if specific and len(specific) < len(plan.units):
            plan.parent_units = [u for u in plan.units if u not in specific]
            plan.units = specific
    remaining = text
    for w in unit_words:  # blank the unit's words, keeping offsets
        remaining = re.sub(rf"(?<![\w]){re.escape(w)}(?![\w])", lambda m: " " * len(m.group(0)), remaining)
    spans = glossed_as_general(question, find_metric_spans(remaining, vocab.metrics), remaining, vocab.metrics)
    plan.metrics = []
    for _, _, code in spans:
        if code not in plan.metrics:
            plan.metrics.append(code)
    # what is left once units and metric names are taken out decides the family ("budget result" is a metric)
    rest, without_metrics = remaining, text
    for start, end, _ in reversed(spans):
        rest = rest[:start] + " " * (end - start) + rest[end:]
        without_metrics = without_metrics[:start] + " " * (end - start) + without_metrics[end:]
    plan.subjects = find_subjects(without_metrics, vocab.subjects)
    plan.subjects += [m for m in listed_subjects(question, vocab.subjects) if m not in plan.subjects]
    if plan.parent_units:  # the owner's name is not a breakdown member either
        parent_words = {w for u in plan.parent_units for w in normalise(u.unit_name).split()}
        plan.subjects = [s for s in plan.subjects if normalise(s) not in parent_words]
    plan.organisations = find_organisations(text, vocab.organisations)
    plan.subjects = [s for s in plan.subjects if not _another_owners_member(s, plan, vocab)]
    asked = find_period(text)
    plan.quarters = quarters_of(asked)
    plan.weeks = find_weeks(text)
    if asked.quarter_range:
        plan.quarter_range = asked.quarter_range
    elif any(g == "quarter" for g, _, _ in asked.pairs):
        plan.quarter_points = [(y, n) for g, y, n in asked.pairs if g == "quarter"]
    if not plan.quarters and not plan.weeks and not (
            asked.months and not (asked.tertials or asked.halves or asked.to_month) and dated_only(text)):
        plan.month_spans = asked.month_spans()  # (a day of a month, "per 1. desember 2018", is a point in the year)
    plan.investment = _has_any(text, INVESTMENT_CUES)

    consumed = set()
    for piece in [*unit_words, *(text[s:e] for s, e, _ in spans)]:
        consumed.update(re.findall(r"[\w/][\w/\-]*", piece))
    named = [n for n in unknown_names(question, vocab.known_words | consumed)
             if not any(normalise(n) in normalise(u.unit_name) for u in plan.units)]
    # a row label or caption of the loaded reports ("Pleie og omsorg", a district of a staff table) is what the figures
    # are read by, never an organisation the data does not hold; no governed measure is read by it (the report
    # tables are: the engine's fallbacks)
    rows_named = [n for n in named if printed_in_reports(n, vocab)]
    # a place or thing the reports' running text writes ("a new school in Sogndal", "the fire in Lørenskog"), or a word
    # of a loaded report's title or file name (a company the reader named no organisation): what the question is about
    # inside a report, never an organisation the data lacks; one written as an organisation ("Nordby kommune") is one
    rows_named += [n for n in named if n not in rows_named and written_in_reports(n, question, vocab)]
    plan.unknown = [n for n in named if n not in rows_named]
    plan.unknown += [n for n in named_organisations(question, vocab) if n not in plan.unknown
                     and not any(normalise(n) in normalise(u.unit_name) for u in plan.units)]

    per_municipality = _has_any(text, PER_MUNICIPALITY)
    if _has_any(rest, KEY_FIGURE_CUES) and not plan.metrics:
        # key figures: every metric the data breaks down by municipality for the unit(s) asked about
        keys = {u.unit_key for u in plan.units}
        plan.metrics = [m for m, units in vocab.coverage.items()
                        if vocab.metric_subjects.get(m) and (not keys or keys & set(units))
                        and m not in ("cost_share_pct", "kostra_admin_net_expense_per_capita")]
        per_municipality = True

    latest = vocab.latest_for(plan.metrics, plan.units)
    plan.years = find_years(text, latest)
    if _has_any(text, PER_QUARTER) and not plan.quarters:
        plan.quarters = [1, 2, 3, 4]

    metric_has_quarters = any(m in vocab.quarterly for m in plan.metrics)
    cues = Cues(text=text, rest=rest, per_municipality=per_municipality, metric_has_quarters=metric_has_quarters,
                ticket_metric=any(m in case_counts.TICKET_METRICS for m in plan.metrics))
    for family in GOVERNED_FAMILIES:
        if family.applies(plan, cues, vocab):
            plan.family = family.NAME
            family.shape(plan, cues, vocab)
            break

    if plan.family == "change" and plan.quarter_range:  # from one quarter to another: the two ends, not the run
        plan.quarter_points, plan.quarter_range = list(plan.quarter_range), None
    if per_municipality and plan.family in ("value", "trend") and not plan.subjects:
        plan.rank_by = "subject"

    missing_members = []
    if plan.family not in ("tickets", "cost_share", "variance") and any(
            vocab.metric_subjects.get(m) for m in plan.metrics):
        named = {normalise(s) for s in plan.subjects} | {w for u in plan.units + plan.parent_units
                                                          for w in normalise(u.unit_name).split()}
        for key in plan.organisations:
            first = normalise(vocab.organisation_names.get(key, key)).split()[0]
            if first not in named and not any(first in n for n in named):
                held = _organisation_units_with(vocab, key, plan.metrics)
                if held and not plan.units:  # the organisation's own figures (by sector, say): read them
                    plan.units = held
                elif not held:
                    missing_members.append(vocab.organisation_names.get(key, key))
    if (plan.organisations and not plan.units and not plan.parent_units and plan.metrics
            and plan.family not in ("tickets", "cost_share", "variance")
            and not any(vocab.metric_subjects.get(m) for m in plan.metrics)):
        # an organisation named by a name only the organisation list knows: its own figures, never every
        # organisation's (its units that hold the measure, else the organisation as a unit, which then says
        # "not reported for it")
        for key in plan.organisations:
            held = _organisation_units_with(vocab, key, plan.metrics) or [
                ref for ref in dict.fromkeys(vocab.unit_aliases.values())
                if normalise(ref.unit_name) == normalise(vocab.organisation_names.get(key, key))]
            if plan.family == "ranking" and plan.rank_by == "unit":
                # "which sector in X": X's units ranked, not X itself beside them
                held = [u for u in held if vocab.unit_levels.get(u.unit_key) != "organisation"] or held
            plan.units += [u for u in held if u not in plan.units]
    if plan.unknown:
        plan.answerable = False
        plan.reason = "unknown_unit"
    elif rows_named:
        plan.unknown = rows_named
        plan.answerable = False
        plan.reason = "row_named"
    elif missing_members:
        # a municipality the metric is not broken down by: say which ones it is, never list the others as if
        plan.unknown = missing_members
        plan.answerable = False
        plan.reason = "unknown_member"
    elif plan.family not in ("variance", "cost_share", "tickets") and not plan.metrics:
        plan.answerable = False
        plan.reason = "no_metric"
    elif plan.family == "tickets" and not plan.metrics:
        plan.answerable = False
        plan.reason = "no_metric"
    elif plan.family in ("variance", "cost_share") and not plan.units:
        plan.answerable = False
        plan.reason = "no_unit"
    plan.understood = _describe(plan, vocab)
    return plan


def _describe(plan: Plan, vocab: Vocabulary) -> list[str]:
    parts = [f"type: {plan.family}"]
    if plan.metrics:
        parts.append("mål: " + ", ".join(vocab.metrics[m].name_nb for m in plan.metrics if m in vocab.metrics))
    if plan.units:
        parts.append("enhet: " + ", ".join(u.unit_name for u in plan.units))
    if plan.organisations:
        parts.append("kommune: " + ", ".join(vocab.organisation_names.get(o, o) for o in plan.organisations))
    if plan.years:
        parts.append("år: " + ", ".join(str(y) for y in plan.years))
    if plan.baseline_years:
        parts.append("snitt av: " + ", ".join(str(y) for y in plan.baseline_years))
    if plan.quarter_range:
        (y0, q0), (y1, q1) = plan.quarter_range
        parts.append(f"kvartal: Q{q0} {y0}–Q{q1} {y1}")
    elif plan.quarter_points:
        parts.append("kvartal: " + ", ".join(f"Q{q} {y}" for y, q in plan.quarter_points))
    elif plan.quarters:
        parts.append("kvartal: " + ", ".join(f"Q{q}" for q in plan.quarters))
    if plan.month_spans:
        parts.append("periode: " + ", ".join(describe_months(a, b) for a, b in plan.month_spans))
    if plan.weeks:
        parts.append("uke: " + ", ".join(str(w) for w in plan.weeks))
    if plan.subjects:
        parts.append("fordelt på: " + ", ".join(plan.subjects))
    if plan.unknown:
        parts.append("ukjent: " + ", ".join(plan.unknown))
    return parts


# --- compiling to SQL ---------------------------------------------------------------------------

def compile_sql(plan: Plan, *, by_subject: bool = False) -> str:
    """SQL for a plan, by its family. Columns named source_* carry provenance; the engine returns them as
    sources. `by_subject` lists a metric's breakdown when the question named none and the metric has no
    total."""
    return family_of(plan).compile(plan, by_subject=by_subject)


_metric_filters = metric_filters
_compile_facts = compile_facts
