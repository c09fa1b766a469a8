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

from rapidfuzz import fuzz, process

from app.engine.catalog_model import Metric
from app.engine.text import normalise

# Each cue is a regular expression on the normalised question (word boundaries added around it).
ACCOUNT_CUES = (r"budsjett\w*", r"budget\w*", r"avvik\w*", r"variance", r"regnskap mot", r"rekneskap\w*",
                r"actual vs", r"actual versus", r"against budget", r"mot budsjett")
TREND_CUES = (r"trend\w*", r"utvikl\w*", r"over tid", r"over time", r"historikk", r"history", r"per år",
              r"hvert år", r"kvart år", r"each year", r"by year", r"per year", r"gjennom årene", r"tidsserie",
              r"developed", r"development")
CHANGE_CUES = (r"endr\w*", r"change\w*", r"økning\w*", r"auke\w*", r"nedgang\w*", r"opp fra", r"ned fra",
               r"fra året før", r"frå året før", r"from the year before", r"year over year",
               r"sammenlignet med i fjor", r"compared with last year", r"vs last year", r"increase\w*",
               r"decrease\w*")
RANK_HIGH = (r"høyest\w*", r"høgast\w*", r"mest", r"flest", r"størst\w*", r"highest", r"most", r"largest",
             r"biggest", r"top")
RANK_LOW = (r"lavest\w*", r"lågast\w*", r"minst", r"færrest", r"lowest", r"least", r"fewest", r"smallest")
UNIT_QUESTION = (r"hvilken enhet", r"hvilke enheter", r"kva eining", r"kva for (?:ei )?eining", r"which units?",
                 r"hvilken avdeling", r"which department")
SUBJECT_QUESTION = (r"hvilken kommune", r"hvilke kommuner", r"kva kommune", r"which municipalit\w*",
                    r"hvilket kjønn", r"which gender")
WHICH_WORDS = (r"hvilke[nt]?", r"which", r"kva", r"hvem", r"who")
COST_SHARE_CUES = (r"kostnadsfordel\w*", r"fordel\w* på (?:eier)?kommun\w*", r"andel(?:er|en|ar|ane)?",
                   r"cost shares?", r"share per municipality", r"eierkommun\w*", r"betal(?:te|er|e|a)",
                   r"paid", r"pays?", r"split between", r"split per")
PER_MUNICIPALITY = (r"per kommune", r"pr kommune", r"per municipality", r"by municipality", r"for kvar kommune",
                    r"for hver kommune", r"fordelt på kommun\w*", r"per eierkommune", r"per kunde",
                    r"per customer", r"each municipality")
TARGET_CUES = (r"sla", r"mål", r"måltall\w*", r"målet", r"målsetting\w*", r"targets?", r"måloppnåing",
               r"måloppnåelse", r"mot målet", r"nådde", r"nådd", r"met the", r"goal\w*")
AVERAGE_CUES = (r"(?:gjennom)?snitt\w*", r"average\w*", r"mean")
KEY_FIGURE_CUES = (r"nøkkeltal\w*", r"key figures?")
INVESTMENT_CUES = (r"investering\w*", r"investment\w*", r"investeringar")
PER_QUARTER = (r"per kvartal", r"pr kvartal", r"hvert kvartal", r"kvart kvartal", r"quarterly",
               r"by quarter", r"per quarter", r"each quarter", r"kvartalsvis")

QUARTER_WORDS = {
    "første": 1, "fyrste": 1, "first": 1, "andre": 2, "second": 2, "tredje": 3, "third": 3,
    "fjerde": 4, "fourth": 4,
}
NUMBER_WORDS = {"to": 2, "two": 2, "tre": 3, "three": 3, "fire": 4, "four": 4, "fem": 5, "five": 5,
                "seks": 6, "six": 6, "sju": 7, "seven": 7, "ti": 10, "ten": 10}

# Words that may be written with a capital letter without naming a unit (see unknown_names).
NAME_STOPWORDS = {
    "what", "how", "which", "show", "who", "when", "where", "is", "are", "was", "were", "did", "do", "does",
    "the", "in", "for", "and", "of", "at", "hva", "hvor", "hvilken", "hvilke", "hvilket", "kva", "kor",
    "korleis", "vis", "når", "nådde", "var", "har", "hadde", "i", "og", "q1", "q2", "q3", "q4", "sla",
    "kostra", "fte", "ftes", "it", "ikt", "vr", "nok", "kr", "mill", "januar", "februar", "mars", "april",
    "mai", "juni", "juli", "august", "september", "oktober", "november", "desember", "january", "february",
    "march", "june", "july", "october", "december", "covid", "covid-19", "a/b", "compare",
    "list", "give", "gi", "tell", "fortell", "sammenlign", "samanlikn",
}

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
    unit_levels: dict[str, str] = field(default_factory=dict)  # unit_key -> organisation|omrade|enhet|avdeling
    tables: frozenset[str] = frozenset()  # marts present in the warehouse
    ticket_years: tuple[int, ...] = ()  # years the ticket marts cover
    unit_organisations: dict[str, str] = field(default_factory=dict)  # unit_key -> organisation as written
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


@dataclass
class Plan:
    question: str
    family: str = "value"  # value | trend | change | ranking | variance | cost_share | compare_average | target | tickets
    metrics: list[str] = field(default_factory=list)
    units: list[UnitRef] = field(default_factory=list)
    years: list[int] = field(default_factory=list)  # empty = every year present
    quarters: list[int] = field(default_factory=list)
    weeks: list[int] = field(default_factory=list)
    subjects: list[str] = field(default_factory=list)
    organisations: list[str] = field(default_factory=list)  # organisation_keys (owners, ticket customers)
    rank_order: str | None = None  # "desc" | "asc"
    rank_by: str = "unit"  # unit | subject | quarter
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

def _cue(cues) -> re.Pattern:
    return re.compile(r"(?<![\w])(?:" + "|".join(cues) + r")(?![\w])")


_CUE_CACHE: dict[tuple, re.Pattern] = {}


def _has_any(text: str, cues) -> bool:
    pattern = _CUE_CACHE.get(cues)
    if pattern is None:
        pattern = _CUE_CACHE[cues] = _cue(cues)
    return pattern.search(text) is not None


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
    for name, code in sorted(names, key=lambda nc: -len(nc[0])):
        by_name.setdefault(name, code)
    ending = "(?:" + "|".join(WORD_ENDINGS) + ")?"
    alternation = "|".join(re.escape(n) + (ending if len(n) >= 4 else "") for n in by_name)
    pattern = re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])")
    single = [(n, c) for n, c in by_name.items() if " " not in n and len(n) >= 7]
    _METRIC_INDEX[key] = (metrics, pattern, by_name, single)
    return pattern, by_name, single


def _name_of(match: str, by_name: dict[str, str]) -> str | None:
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
    return sorted(taken)


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


def _fuzzy_alias(gram: str, aliases: dict[str, UnitRef]) -> UnitRef | None:
    """A typo (same number of words, close spelling) or an inflected single word of an alias."""
    if len(gram) < 5:
        return None
    words_ = _word_set(gram)
    if len(words_) >= 2:  # the same words in another order: "VR lønn/regnskap" ~ "VR regnskap og lønn"
        for alias, ref in aliases.items():
            if _word_set(alias) == words_:
                return ref
    n_words = gram.count(" ")
    same_shape = [a for a in aliases if a.count(" ") == n_words and abs(len(a) - len(gram)) <= 3]
    hit = process.extractOne(gram, same_shape, scorer=fuzz.ratio, score_cutoff=FUZZY_THRESHOLD * 100)
    if hit is not None:
        return aliases[hit[0]]
    if n_words == 0:
        for alias, ref in aliases.items():
            if " " not in alias and len(alias) >= 4 and gram.startswith(alias) and gram[len(alias):] in INFLECTIONS:
                return ref
        # nynorsk/bokmål stems: "økonomienheita" ~ "økonomienhet"
        for alias, ref in aliases.items():
            if " " not in alias and len(alias) >= 8 and gram[:len(alias) - 1] == alias[:-1] \
                    and len(gram) - len(alias) <= 4:
                return ref
    return None


def find_units(text: str, aliases: dict[str, UnitRef]) -> tuple[list[UnitRef], list[str]]:
    """Units named in the text: exact alias first, then typos and inflections ("økonomienheten").

    Returns the units and the words they were matched from, so those words are not read again
    as metric or subject names.
    """
    words = text.replace("-", " ").split() if False else text.split()
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
    return found, matched


def find_subjects(text: str, subjects: dict[str, str]) -> list[str]:
    found = []
    for norm, stored in subjects.items():
        if norm and re.search(rf"(?<![\w]){re.escape(norm)}s?(?![\w])", text):
            found.append(stored)
    return found


def find_organisations(text: str, organisations: dict[str, str]) -> list[str]:
    found: list[str] = []
    for norm in sorted(organisations, key=len, reverse=True):
        if norm and len(norm) >= 3 and re.search(rf"(?<![\w]){re.escape(norm)}s?(?![\w])", text):
            key = organisations[norm]
            if key not in found:
                found.append(key)
    return found


def find_years(text: str, latest: int | None) -> list[int]:
    """Explicit years and ranges, and time words relative to the latest year in the data.

    "i fjor" / "last year" means the latest year the data covers: reports are read the year
    after the year they report on.
    """
    years = [int(y) for y in re.findall(r"(?<![\d-])(20\d\d|19\d\d)(?!\d)", text)]
    span = re.search(r"(?<!\d)(20\d\d)\s*(?:-|til|to|–|and|og|through|until)\s*(20\d\d)(?!\d)", text)
    if span:
        a, b = int(span.group(1)), int(span.group(2))
        if not re.search(rf"(?:og|and)\s*{b}", span.group(0)) or b - a <= 1:
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
    quarters = {int(q) for q in re.findall(r"\bq([1-4])\b", text)}
    quarters |= {int(q) for q in re.findall(r"\b([1-4])\s*\.?\s*(?:kvartal\w*|kv)\b", text)}
    quarters |= {int(q) for q in re.findall(r"\b([1-4])(?:st|nd|rd|th)\s+quarter\b", text)}
    for word, q in QUARTER_WORDS.items():
        if re.search(rf"\b{word}\s+(?:kvartal\w*|quarter)\b", text):
            quarters.add(q)
    halves = {"første halvår": (1, 2), "fyrste halvår": (1, 2), "first half": (1, 2),
              "andre halvår": (3, 4), "second half": (3, 4), "siste halvår": (3, 4)}
    for phrase, qs in halves.items():
        if phrase in text:
            quarters.update(qs)
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


def unknown_names(question: str, known_words: set[str]) -> list[str]:
    """Names in the question that the data does not know: "Oppdal kommune", "Trondheim".

    A capitalised word inside the sentence (not its first word) that is no unit, subject,
    organisation, metric or ordinary word, and any "<name> kommune" that is not a known unit or
    organisation.
    """
    tokens = re.findall(r"[\w/][\w/\-]*", question)
    names = []
    for i, tok in enumerate(tokens):
        low = tok.lower()
        if i == 0 or not tok[:1].isupper() or tok.isupper() or any(ch.isdigit() for ch in tok) or len(tok) < 3:
            continue
        if low in NAME_STOPWORDS or low in known_words or low.rstrip("s") in known_words:
            continue
        names.append(tok)
    for m in re.finditer(r"(?<![\w])([\wæøå-]{3,})\s+(?:kommune|municipality)(?![\w])", normalise(question)):
        name = m.group(1)
        if name not in known_words and name not in NAME_STOPWORDS and name not in ("hvilken", "kva", "which", "per",
                                                                                   "hver", "kvar", "each", "i"):
            cap = name[:1].upper() + name[1:]
            if cap not in names and name not in [n.lower() for n in names]:
                names.append(cap)
    return names


# --- building the plan -------------------------------------------------------------------------

def _known_words(vocab: Vocabulary) -> set[str]:
    words: set[str] = set()
    for alias in list(vocab.unit_aliases) + list(vocab.subjects) + list(vocab.organisations):
        words.update(re.findall(r"[\w/][\w/\-]*", alias))
        words.update(re.findall(r"\w+", alias))
    for name, _ in _metric_names(vocab.metrics):
        words.update(re.findall(r"\w+", name))
        words.update(re.findall(r"[\w/][\w/\-]*", name))
    return words


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
    spans = find_metric_spans(remaining, vocab.metrics)
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
    if plan.parent_units:  # the owner's name is not a breakdown member either
        parent_words = {w for u in plan.parent_units for w in normalise(u.unit_name).split()}
        plan.subjects = [s for s in plan.subjects if normalise(s) not in parent_words]
    plan.organisations = find_organisations(text, vocab.organisations)
    plan.quarters = find_quarters(text)
    plan.weeks = find_weeks(text)
    plan.investment = _has_any(text, INVESTMENT_CUES)

    known = getattr(vocab, "_known_words", None)
    if known is None:
        known = _known_words(vocab)
        object.__setattr__(vocab, "_known_words", known)
    consumed = set()
    for piece in [*unit_words, *(text[s:e] for s, e, _ in spans)]:
        consumed.update(re.findall(r"[\w/][\w/\-]*", piece))
    plan.unknown = [n for n in unknown_names(question, known | consumed)
                    if not any(normalise(n) in normalise(u.unit_name) for u in plan.units)]

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
    ticket_metric = any(m in ("cases", "ab_incidents") for m in plan.metrics)
    if ticket_metric and "fct_ticket" in vocab.tables and (
            plan.weeks or (plan.organisations and not plan.units and not plan.subjects) or per_municipality):
        plan.family = "tickets"
        plan.per_organisation = per_municipality or bool(plan.organisations)
        plan.metrics = [m for m in plan.metrics if m in ("cases", "ab_incidents")][:1]
    elif _has_any(rest, COST_SHARE_CUES) and not plan.metrics:
        plan.family = "cost_share"
    elif _has_any(rest, ACCOUNT_CUES):
        plan.family = "variance"
        plan.metrics = []
    elif _has_any(rest, TARGET_CUES) and (plan.metrics or vocab.target_metrics):
        plan.family = "target"
        if not plan.metrics:
            plan.metrics = list(vocab.target_metrics)
    elif _has_any(rest, RANK_HIGH + RANK_LOW) or _has_any(text, UNIT_QUESTION + SUBJECT_QUESTION) \
            or (_has_any(text, (r"hvilket kvartal", r"which quarter", r"kva kvartal")) and metric_has_quarters):
        plan.family = "ranking"
        plan.rank_order = "asc" if _has_any(rest, RANK_LOW) else "desc"
        if _has_any(text, (r"hvilket kvartal", r"which quarter", r"kva kvartal")):
            plan.rank_by = "quarter"
        elif _has_any(text, SUBJECT_QUESTION) or (plan.metrics and not _has_any(text, UNIT_QUESTION)
                                                   and all(vocab.metric_subjects.get(m) for m in plan.metrics)
                                                   and not plan.subjects):
            plan.rank_by = "subject"
        plan.limit = 1 if _has_any(text, WHICH_WORDS) else None
    elif _has_any(rest, AVERAGE_CUES) and metric_has_quarters and not plan.subjects:
        plan.family = "compare_average"
        if len(plan.years) > 1:
            # "… mot snittet for 2015-2020": those are the earlier years; compare the year after them
            plan.baseline_years = list(plan.years)
            plan.years = []
    elif _has_any(rest, CHANGE_CUES) or any(m.endswith("_change_pct") for m in plan.metrics):
        plan.family = "change"
        # "<base>_change_pct" is the change the report states; the change is computed from <base> itself
        plan.metrics = list(dict.fromkeys(m[: -len("_change_pct")] if m.endswith("_change_pct")
                                          and m[: -len("_change_pct")] in vocab.metrics else m for m in plan.metrics))
        latest = vocab.latest_for(plan.metrics, plan.units)
        if len(plan.years) == 1:
            plan.years = [plan.years[0] - 1, plan.years[0]]
        elif not plan.years and latest is not None:
            plan.years = [latest - 1, latest]
    elif _has_any(rest, TREND_CUES) or len(plan.years) > 1 or len(plan.quarters) > 1 \
            or (not plan.years and not plan.quarters):
        plan.family = "trend"

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
    if plan.unknown:
        plan.answerable = False
        plan.reason = "unknown_unit"
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
    if plan.quarters:
        parts.append("kvartal: " + ", ".join(f"Q{q}" for q in plan.quarters))
    if plan.weeks:
        parts.append("uke: " + ", ".join(str(w) for w in plan.weeks))
    if plan.subjects:
        parts.append("fordelt på: " + ", ".join(plan.subjects))
    if plan.unknown:
        parts.append("ukjent: " + ", ".join(plan.unknown))
    return parts


# --- compiling to SQL ---------------------------------------------------------------------------

def _sql_str(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _in_list(column: str, values) -> str:
    return f"{column} in ({', '.join(_sql_str(v) if isinstance(v, str) else str(int(v)) for v in values)})"


def _metric_filters(plan: Plan, alias: str = "f") -> list[str]:
    where = [f"{alias}.is_latest"]
    where.append(_in_list(f"{alias}.metric_code", plan.metrics))
    if plan.units:
        where.append(_in_list(f"{alias}.unit_key", [u.unit_key for u in plan.units]))
    if plan.years:
        where.append(_in_list(f"{alias}.value_year", plan.years))
    elif plan.family == "ranking" and plan.rank_by != "quarter":
        # ranking without a year compares units in the latest year the metric was reported
        where.append(
            f"{alias}.value_year = (select max(value_year) from fct_metric_value "
            f"where {_in_list('metric_code', plan.metrics)})"
        )
    if plan.quarters:
        where.append(_in_list(f"{alias}.quarter", plan.quarters))
    elif plan.family == "ranking" and plan.rank_by == "quarter":
        where.append(f"{alias}.quarter is not null")
        if not plan.years:
            where.append(f"{alias}.value_year = (select max(value_year) from fct_metric_value "
                         f"where {_in_list('metric_code', plan.metrics)} and quarter is not null)")
    else:
        where.append(f"{alias}.quarter is null")
    if plan.subjects:
        where.append(_in_list(f"{alias}.subject", plan.subjects))
    return where


def compile_sql(plan: Plan, *, by_subject: bool = False) -> str:
    """SQL for a plan. Columns named source_* carry provenance; the engine returns them as sources.

    `by_subject` lists a metric's breakdown (municipality, gender, …) when the question named
    none and the metric has no total.
    """
    if plan.family == "variance":
        return _compile_variance(plan)
    if plan.family == "cost_share":
        return _compile_cost_share(plan)
    if plan.family == "compare_average":
        return _compile_compare_average(plan)
    if plan.family == "target":
        return _compile_target(plan)
    if plan.family == "tickets":
        return _compile_tickets(plan)
    where = _metric_filters(plan)
    show_subject = bool(plan.subjects) or by_subject
    if not show_subject:
        where.append("f.subject is null")
    elif plan.family == "ranking" and plan.rank_by == "subject":
        where.append("f.subject is not null")
    where.append("coalesce(f.qualifier, '') <> 'target'")
    if plan.family == "ranking" and plan.rank_by == "unit" and not plan.units:
        # "which unit": units, not the whole organisation
        where.append("coalesce(u.unit_level, '') <> 'organisation'")
    select = ["u.unit_name as unit"]
    if show_subject:
        select.append("f.subject")
    select.append("f.value_year as year")
    if plan.quarters or plan.rank_by == "quarter":
        select.append("f.quarter")
    if len(plan.metrics) == 1:
        select.append(f"f.value as {plan.metrics[0]}")
    else:
        select += ["f.metric_code as metric", "f.value"]
    if plan.family == "change":
        part = "f.unit_key, f.metric_code, f.subject, f.quarter, f.qualifier"
        select.append(f"f.value - lag(f.value) over (partition by {part} order by f.value_year) as change_from_previous")
    select += ["f.file_name as source_document", "f.page as source_page", "f.excerpt as source_excerpt"]
    order = ["year"] + (["f.quarter"] if plan.quarters else []) + ["unit"] + (["f.subject"] if show_subject else [])
    if len(plan.metrics) > 1:
        order.append("metric")
    if plan.family == "ranking":
        value = plan.metrics[0] if len(plan.metrics) == 1 else "f.value"
        order = [f"{value} {'asc' if plan.rank_order == 'asc' else 'desc'}", "unit"]
    sql = (
        "select " + ",\n       ".join(select) + "\n"
        "from fct_metric_value as f\n"
        "join dim_unit as u on u.unit_key = f.unit_key\n"
        "where " + "\n  and ".join(where) + "\n"
        f"order by {', '.join(order)}"
    )
    if plan.limit:
        sql += f"\nlimit {int(plan.limit)}"
    return sql


INVESTMENT_STATEMENTS = ("investment", "5-5")


def _compile_variance(plan: Plan) -> str:
    where = [_in_list("v.unit_key", [u.unit_key for u in plan.units])]
    if plan.years:
        where.append(_in_list("v.value_year", plan.years))
    if plan.investment:
        where.append(_in_list("v.statement", INVESTMENT_STATEMENTS))
    else:
        # operating accounts: the unit table or § 5-6 (the split tables are cost shares, § 5-4 repeats 5-6)
        where.append("v.statement not in ('investment', '5-5', 'cost_share', '5-8', 'fund')")
        where.append("(v.statement <> '5-4' or not exists (select 1 from fct_budget_variance as s "
                     "where s.unit_key = v.unit_key and s.value_year = v.value_year and s.statement = '5-6'))")
    return (
        "select u.unit_name as unit,\n"
        "       v.value_year as year,\n"
        "       v.row_label as account,\n"
        "       v.actual_nok,\n"
        "       v.budget_nok,\n"
        "       v.variance_nok,\n"
        "       v.actual_pct_of_budget,\n"
        "       v.file_name as source_document,\n"
        "       v.page as source_page,\n"
        "       v.excerpt as source_excerpt\n"
        "from fct_budget_variance as v\n"
        "join dim_unit as u on u.unit_key = v.unit_key\n"
        "where " + "\n  and ".join(where) + "\n"
        "order by year, v.statement, v.row_order"
    )


def _compile_cost_share(plan: Plan) -> str:
    """What each owner municipality pays (fct_cost_share): the operating split (the share rows of the
    account table), or for investments the separate split table."""
    where = [_in_list("c.unit_key", [u.unit_key for u in plan.units]), "c.is_latest"]
    scenario = "budsjett" if _has_any(normalise(plan.question), (r"budsjett\w*", r"budget\w*")) else "regnskap"
    where.append(f"c.scenario_code = '{scenario}'")
    where.append("c.source_table = " + ("'split_table'" if plan.investment else "'account_table'"))
    if plan.years:
        where.append(_in_list("c.value_year", plan.years))
    if plan.organisations:
        where.append(_in_list("c.owner_organisation_key", plan.organisations))
    return (
        "select u.unit_name as unit,\n"
        "       c.value_year as year,\n"
        "       coalesce(o.organisation_name, c.owner_name_as_written) as municipality,\n"
        "       c.share_nok as amount_nok,\n"
        "       round(cast(c.share_pct as numeric), 1) as share_pct,\n"
        "       c.allocated_total_nok,\n"
        "       c.file_name as source_document,\n"
        "       c.page as source_page,\n"
        "       c.excerpt as source_excerpt\n"
        "from fct_cost_share as c\n"
        "join dim_unit as u on u.unit_key = c.unit_key\n"
        "left join dim_organisation as o on o.organisation_key = c.owner_organisation_key\n"
        "where " + "\n  and ".join(where) + "\n"
        "order by year desc, amount_nok desc"
    )


def _compile_compare_average(plan: Plan) -> str:
    """Each asked quarter (or the whole year) of the latest or asked year against the mean of the same
    period in earlier years."""
    where = [_in_list("f.metric_code", plan.metrics[:1]), "f.is_latest", "f.subject is null",
             "coalesce(f.qualifier, '') <> 'target'"]
    where.append("f.quarter is not null" if plan.quarters else "f.quarter is null")
    if plan.units:
        where.append(_in_list("f.unit_key", [u.unit_key for u in plan.units]))
    if plan.years:
        year_filter = _in_list("q.year", plan.years)
    elif plan.baseline_years:
        year_filter = (f"q.year = (select min(year) from quarters where year > {max(plan.baseline_years)})")
    else:
        year_filter = "q.year = (select max(year) from quarters)"
    earlier = "e.year < q.year"
    if plan.baseline_years:
        earlier += f" and e.year between {min(plan.baseline_years)} and {max(plan.baseline_years)}"
    return (
        "with quarters as (\n"
        "    select f.unit_key, f.value_year as year, f.quarter, f.value,\n"
        "           f.file_name, f.page, f.excerpt\n"
        "    from fct_metric_value as f\n"
        "    where " + "\n      and ".join(where) + "\n"
        ")\n"
        "select u.unit_name as unit,\n"
        "       q.year,\n"
        "       q.quarter,\n"
        f"       q.value as {plan.metrics[0]},\n"
        "       round(cast(avg(e.value) as numeric), 1) as average_earlier_years,\n"
        "       min(e.year) as first_earlier_year,\n"
        "       max(e.year) as last_earlier_year,\n"
        "       round(cast(100 * (q.value - avg(e.value)) / avg(e.value) as numeric), 2) as change_pct,\n"
        "       q.file_name as source_document,\n"
        "       q.page as source_page,\n"
        "       q.excerpt as source_excerpt\n"
        "from quarters as q\n"
        f"join quarters as e on e.unit_key = q.unit_key and e.quarter is not distinct from q.quarter and {earlier}\n"
        "join dim_unit as u on u.unit_key = q.unit_key\n"
        f"where {year_filter}" + (f"\n  and {_in_list('q.quarter', plan.quarters)}" if plan.quarters else "") + "\n"
        "group by u.unit_name, q.year, q.quarter, q.value, q.file_name, q.page, q.excerpt\n"
        "order by q.year, q.quarter"
    )


def _compile_target(plan: Plan) -> str:
    where = [_in_list("r.metric_code", plan.metrics), "r.is_latest", "coalesce(r.qualifier, 'result') <> 'target'",
             "r.quarter is null", "r.subject is null"]
    if plan.units:
        where.append(_in_list("r.unit_key", [u.unit_key for u in plan.units]))
    if plan.years:
        where.append(_in_list("r.value_year", plan.years))
    return (
        "select u.unit_name as unit,\n"
        "       r.value_year as year,\n"
        "       r.metric_code as metric,\n"
        "       t.value as target,\n"
        "       r.value as result,\n"
        "       r.file_name as source_document,\n"
        "       r.page as source_page,\n"
        "       r.excerpt as source_excerpt\n"
        "from fct_metric_value as r\n"
        "join dim_unit as u on u.unit_key = r.unit_key\n"
        "left join fct_metric_value as t\n"
        "  on t.metric_code = r.metric_code and t.unit_key = r.unit_key and t.value_year = r.value_year\n"
        " and t.qualifier = 'target' and t.is_latest and t.quarter is null and t.subject is null\n"
        "where " + "\n  and ".join(where) + "\n"
        "  and (t.value is not null or r.qualifier = 'result')\n"
        "order by year, metric"
    )


def _compile_tickets(plan: Plan) -> str:
    """Cases (or A/B incidents) counted from the ticket exports: per ISO week or per quarter, per
    customer municipality when asked, with the same period's mean over earlier years in the data."""
    column = "ab_ticket_count" if plan.metrics[:1] == ["ab_incidents"] else "ticket_count"
    name = plan.metrics[0]
    weekly = bool(plan.weeks)
    table = "agg_tickets_by_week" if weekly else "agg_tickets_by_quarter"
    year_col, period_col = ("a.iso_year", "a.iso_week") if weekly else ("a.year", "a.quarter")
    period_name = "week" if weekly else "quarter"
    keys = ["a.organisation_key"] if plan.per_organisation else []
    where = ["true"]
    if plan.units:
        where.append(_in_list("a.provider_unit_key", [u.unit_key for u in plan.units]))
    if plan.organisations:
        where.append(_in_list("a.organisation_key", plan.organisations))
    outer = []
    if plan.years:
        outer.append(_in_list("p.year", plan.years))
    else:
        outer.append("p.year = (select max(year) from periods)")
    periods = plan.weeks if weekly else plan.quarters
    if periods:
        outer.append(_in_list("p.period", periods))
    group = ", ".join([f"{year_col}", f"{period_col}"] + keys)
    org_select = ("a.organisation_key, " if keys else "")
    org_join = ("left join dim_organisation as o on o.organisation_key = p.organisation_key\n" if keys else "")
    org_col = ("coalesce(o.organisation_name, p.organisation_key) as municipality,\n       " if keys else "")
    same = "e.period = p.period and e.year < p.year" + (" and e.organisation_key = p.organisation_key" if keys else "")
    return (
        "with periods as (\n"
        f"    select {org_select}{year_col} as year, {period_col} as period, sum(a.{column}) as n\n"
        f"    from {table} as a\n"
        "    where " + "\n      and ".join(where) + "\n"
        f"    group by {group}\n"
        ")\n"
        f"select {org_col}p.year,\n"
        f"       p.period as {period_name},\n"
        f"       p.n as {name},\n"
        f"       (select round(cast(avg(e.n) as numeric), 1) from periods as e where {same}) as average_earlier_years\n"
        "from periods as p\n"
        f"{org_join}"
        "where " + "\n  and ".join(outer) + "\n"
        f"order by p.year, p.period{', ' + name + ' desc' if keys else ''}"
    )
