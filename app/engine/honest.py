"""The last check of every answer, whatever path found it (a governed measure, a report cell, an account line, a
sentence of the text, the ticket exports): an answer must be to the question asked, never to a different one without
saying so.

- `split_not_shown`: the question asks for a split ("for kvar deltakarkommune", "per eierkommune", "fordelt på
  kjønn", "by department", "for each member") and the answer's rows show one figure only, with no such split: the
  total would answer a different question, so the engine refuses with the reason and offers the total.
- `answer_units`: the units of the figures an answer shows (from the metric catalog's unit of a governed value column,
  or a column named for its unit: "amount_nok", "actual_pct_of_budget"), so the engine can check them against the unit
  asked (app.engine.asked_unit): a percent never silently answers an amount asked, nor the reverse.
"""
from __future__ import annotations

import re
from functools import lru_cache
from types import SimpleNamespace

from app.engine.asked_unit import AMOUNT, COUNT, PERCENT, QUANTITY, unit_kind
from app.engine.interpret import breakdown_asked, content_words
from app.engine.text import normalise
from app.engine.wordforms import stem

# kinds of split a single figure never answers (a year, a quarter, a week or a month is read by the period families)
SPLIT_KINDS = ("municipality", "gender", "age", "unit")
# a word that asks the split itself, not a ratio: "per enhet" / "per tjeneste" may be a price or a cost per unit
SPLIT_WORDS = re.compile(r"^(?:fordelt|delt|for hver|for kvar|for each|by|broken down|split|divided|etter)\b")
# "i snitt per kunde", "average per member": one figure per member on average is one figure
AVERAGE = re.compile(r"(?<!\w)(?:snitt\w*|gjennomsnitt\w*|average\w*|mean|median|on average|i middel|typisk\w*)(?!\w)")
# columns that say where or when a figure is, or what it is, never which member of a split it is for
NOT_SPLIT = frozenset("""year value_year quarter month week half value printed topic sentence text document page line
source_document source_page source_excerpt excerpt caption table_number column_label scenario metric metric_code
measure kind status unit_of_measure chart""".split())
# the family whose rows carry the figure's unit of measure in a column named "unit" (not an organisational unit)
PROSE_FAMILIES = ("prose_figure",)


def split_asked(question: str) -> tuple[str, str] | None:
    """(kind, words) of a split a single figure cannot answer, or None ("per år", "per innbygger", "i snitt per kunde"
    are not such splits)."""
    text = normalise(question)
    found = breakdown_asked(text)
    if found is None or found[0] not in SPLIT_KINDS or AVERAGE.search(text):
        return None
    kind, words_ = found
    if kind == "unit" and not SPLIT_WORDS.match(words_):
        return None  # "kostnad per enhet": a figure per unit, not a split by organisational unit
    return found


def shows_split(columns: list[str], rows: list, family: str | None = None) -> bool:
    """The rows show several members of something (units, organisations, subjects, customers, row labels): a split."""
    if len(rows) < 2:
        return False
    skip = NOT_SPLIT | ({"unit"} if family in PROSE_FAMILIES else set())
    if family == "ticket_attribute":  # an export column's values, one row each ("by department"): its members
        skip = skip - {"value"}
    for i, c in enumerate(columns):
        if c in skip or c.startswith("source_"):
            continue
        values = {r[i] for r in rows if i < len(r) and isinstance(r[i], str) and r[i]}
        if len(values) >= 2:
            return True
    return False


# plans that read members themselves (a member's cost share, a unit's accounts against budget, ticket breakdowns); and
# a member named ("fordelt på: Kvinner") is the part asked, not a split
OWN_SPLITS = ("type: cost_share", "type: variance", "type: tickets")
MEMBER_NAMED = "fordelt på:"


def split_not_shown(question: str, result: dict) -> tuple[str, str] | None:
    """The split asked (kind, words) when an answered result shows no such split; else None."""
    if result.get("status") != "ok" or not result.get("rows"):
        return None
    plan = result.get("plan") or []
    if any(p in OWN_SPLITS or p.startswith(MEMBER_NAMED) for p in plan if isinstance(p, str)):
        return None
    found = split_asked(question)
    if found is None:
        return None
    if shows_split(result.get("columns") or [], result["rows"], result.get("family")):
        return None
    return found


# "hvilken enhet", "hvilke avdelinger", "kva for ei eining", "which unit": the question asks for a name (the noun after)
NAME_ASKED = re.compile(r"(?<![\wæøå])(?:hvilken|hvilket|hvilke|kva\s+for\s+(?:ein|ei|eit|nokre)?|which|vilken|vilket|vilka)"
                        r"\s+(?P<noun>[a-zæøåäö]{3,})")


def name_asked_count_given(question: str, result: dict) -> str | None:
    """The printed count an answer gives when the question asks which one ("Hvilken enhet hadde størst merforbruk?")
    and every row is a count of the thing asked for ("Fem enheter hadde merforbruk"): a count names nothing, so it
    never answers the question (None when the answer gives anything else)."""
    asked = NAME_ASKED.search(normalise(question))
    columns, rows = result.get("columns") or [], result.get("rows") or []
    if asked is None or not rows or "unit" not in columns or "printed" not in columns:
        return None
    raw = asked.group("noun")
    noun = stem(raw)
    unit_at, printed_at = columns.index("unit"), columns.index("printed")
    printed = [r[printed_at] for r in rows if len(r) > max(unit_at, printed_at)]
    if len(printed) != len(rows) or any(r[unit_at] != "count" for r in rows):
        return None
    def names_noun(word: str) -> bool:  # "enheter" of "enhet", "einingar" of "eining" (stems of forms may differ)
        own = stem(word)
        return min(len(own), len(noun)) >= 3 and (own.startswith(noun) or noun.startswith(own)) \
            or word.startswith(raw[:max(3, len(raw) - 1)])

    counted = [p for p in printed if isinstance(p, str) and any(names_noun(w) for w in re.findall(r"[^\W\d_]+", p.lower()))]
    return counted[0] if len(counted) == len(rows) else None


def answer_units(columns: list[str], rows: list, metrics: dict) -> set[str]:
    """AMOUNT / PERCENT kinds of the figures an answer shows; empty when it cannot tell (a count, a plain value)."""
    kinds: set[str] = set()
    for i, c in enumerate(columns):
        if not any(i < len(r) and isinstance(r[i], (int, float)) and not isinstance(r[i], bool) for r in rows):
            continue
        metric = metrics.get(c)
        unit = getattr(metric, "unit_of_measure", None) if metric is not None else None
        if unit is None:
            if re.search(r"(?:^|_)(?:nok|kr|amount)(?:$|_)", c):
                unit = "nok"
            elif re.search(r"(?:^|_)(?:pct|percent)(?:$|_)", c):
                unit = "pct"
        kind = unit_kind(unit)
        if kind is not None:
            kinds.add(kind)
    if "unit" in columns:  # a sentence's figure carries its unit of measure ("pct", "nok"); a unit's name is none
        ui = columns.index("unit")
        kinds |= {k for r in rows for k in [unit_kind(str(r[ui] or ""))] if k is not None}
    if "unit" not in columns and "printed" in columns:  # a figure as the text prints it ("38 prosent", "12,5 mill. kr")
        pi = columns.index("printed")
        for r in rows:
            printed = str(r[pi] or "") if pi < len(r) else ""
            kinds |= {kind for kind, pattern in STATED.items() if pattern.search(printed)}
    if "metric_code" in columns or "metric" in columns:
        mi = columns.index("metric_code") if "metric_code" in columns else columns.index("metric")
        for r in rows:
            kind = unit_kind(getattr(metrics.get(r[mi]), "unit_of_measure", None))
            if kind is not None:
                kinds.add(kind)
    return kinds


# an answer that states a figure in the unit asked in its own words ("Samme setning oppgir også: 4,5 prosent")
STATED = {PERCENT: re.compile(r"\d\s*(?:%|prosent|percent|per cent)", re.I),
          AMOUNT: re.compile(r"\d\s*(?:kr\b|kroner|nok\b|mill|mrd)|\b(?:nok|kr\.?)\s*[−-]?\d", re.I),
          QUANTITY: re.compile(r"\d\s*(?:(?:mill\w*|tusen|thousand|million\w*)\s+)?(?:tonn|tonnes?|tons?|kg|kilo|liter|"
                               r"litres?|m3|m³|m2|m²|kwh|mwh|gwh|twh|km)\b", re.I)}


def counts_things(columns: list[str], rows: list) -> bool:
    """Every figure a sentence states is a number of things it names ("tre avfallsdunkar", "85 000 husstander"): a
    count, its printed words no unit of a quantity (the reader keeps "105 338 tonn" as a count too)."""
    if "unit" not in columns or "printed" not in columns:
        return False
    ui, pi = columns.index("unit"), columns.index("printed")
    printed = [str(r[pi] or "") for r in rows if len(r) > max(ui, pi) and r[ui] == "count"]
    return len(printed) == len(rows) and all(re.search(r"[^\W\d_]{3,}", p) and not STATED[QUANTITY].search(p)
                                             for p in printed)


def unit_not_asked(asked: str | None, columns: list[str], rows: list, metrics: dict, answer: str = "") -> str | None:
    """The one unit an answer's figures are in when it is the other one than the unit asked (and its text states no
    figure in the unit asked); else None."""
    if asked not in (AMOUNT, PERCENT, QUANTITY) or not rows or STATED[asked].search(answer or ""):
        return None
    if asked == QUANTITY and counts_things(columns, rows):
        return COUNT  # "kor mange tonn" answered by "tre avfallsdunkar": a number of things is no mass or volume
    kinds = answer_units(columns, rows, metrics)
    if len(kinds) == 1 and asked not in kinds:
        return next(iter(kinds))
    return None


# -- words of the question the answer did not use ------------------------------------------------------------------

# a word that narrows what is asked to a part of it ("underskuddet på VAR-gebyrene", "for barnehagene", "in the
# schools"): the preposition before a qualifying noun
QUALIFIER_BEFORE = frozenset("""på for til innen innenfor blant hos i on at in within among""".split())
# a place in time written as a noun ("ved inngangen til 2019", "at the end of"), never a part of what is asked
TIME_NOUNS = frozenset("""inngangen utgangen slutten starten begynnelsen løpet end start beginning close course""".split())
# words for where a figure is printed ("beløpet på posten 'X'", "the line", "tabellen"): the frame, not a narrowing
FRAME_STEMS = frozenset(stem(w) for w in """post posten linje linja linjen rad raden line item row tabell tabellen table
kolonne kolonnen column rapport rapporten report sum summen""".split())
# articles and determiners between the preposition and its noun ("for the schools", "for dei")
ARTICLES = frozenset("the a an de dei den det dette disse desse alle all".split())


@lru_cache(maxsize=1)
def _ticket_families() -> frozenset[str]:
    from app.engine import families

    return frozenset(getattr(m, "NAME", "") for m in families.FAMILIES) | {"tickets"}


def _family_module(name: str | None):
    from app.engine import families

    for module in (*families.FAMILIES, *families.FALLBACK_FAMILIES):
        if getattr(module, "NAME", None) == name:
            return module
    return None


def _said_stems(result: dict, vocab) -> set[str]:
    """Every word stem the answer says it used: its reading, its sentence, its row labels and column names, its
    sources' names and excerpts, and every name of a measure (or a unit) the answer names."""
    from app.engine.wordforms import stem, words

    text = " ".join([result.get("interpretation") or "", result.get("answer") or "",
                     *(c for r in result.get("rows") or [] for c in r if isinstance(c, str)),
                     *(str(c).replace("_", " ") for c in result.get("columns") or []),
                     *(f"{s.get('document') or ''} {s.get('excerpt') or ''}" for s in result.get("sources") or []
                       if isinstance(s, dict))])
    said = {stem(w) for w in words(normalise(text))}
    metrics, units = _vocabulary_stems(vocab)
    # a measure the answer names is said with all its names ("underskudd" of "netto driftsresultat")
    for contents, every in metrics:
        for content in contents:
            if content and all(s in said for s in content):
                said.update(every)
                break
    # a concept of the glossary the answer names is said with all its terms ("Fritidshus" says "holiday home",
    # "Barn i förskola" says "preschool")
    said |= _glossed_said(frozenset(said))
    shown = normalise(text)
    for unit_name, alias_stems in units:  # "the finance unit" of the unit "Økonomienheten" shown
        if unit_name in shown:
            said.update(alias_stems)
    return said


def _vocabulary_stems(vocab) -> tuple[list, list]:
    """What `_said_stems` reads of the vocabulary, worked out once per vocabulary (it depends on nothing else): per
    measure, the content stems of each of its names and the stems of all its names; per unit alias, the unit's name
    normalised and the alias's stems."""
    from app.engine.wordforms import STOPWORDS, stem, words

    cached = getattr(vocab, "_said_stems", None)
    if cached is not None:
        return cached
    metrics = []
    for m in vocab.metrics.values():
        names = (m.name_nb, m.name_en, *m.synonyms)
        metrics.append(([[stem(w) for w in words(normalise(name)) if w not in STOPWORDS] for name in names],
                        {stem(w) for n in names for w in words(normalise(n))}))
    units = [(normalise(ref.unit_name), {stem(w) for w in words(normalise(alias))})
             for alias, ref in vocab.unit_aliases.items()]
    # an organisation named by a short form its reports declare ("BOH") is said when its name is
    names = getattr(vocab, "organisation_names", {}) or {}
    units += [(normalise(names[key]), {stem(w) for w in words(normalise(alias))})
              for alias, key in (getattr(vocab, "organisations", {}) or {}).items() if names.get(key)]
    object.__setattr__(vocab, "_said_stems", (metrics, units))
    return metrics, units


def _glossed_said(said: frozenset[str]) -> set[str]:
    """The stems of every term of each glossary concept (dbt_project/seeds/account_glosses.csv) one of whose terms the
    answer says in full."""
    from app.engine.wordforms import account_glosses, content_stems, en_stem

    by_concept: dict[str, list[list[str]]] = {}
    for concept, term in account_glosses():
        by_concept.setdefault(concept, []).append(list(term))
    out: set[str] = set()
    for terms in by_concept.values():
        stems = [content_stems(" ".join(t)) for t in terms]
        if any(st and all(x in said for x in st) for st in stems):
            out.update(x for st in stems for x in st)
            out.update(en_stem(w) for t in terms for w in t if w.isascii())
    return out


def unsaid_words(question: str, result: dict, vocab) -> list[str]:
    """Content words of the question (as written) that an answer found by a question family did not use: no stop
    word, no period word, no word the family reads as a cue, and no word of the reading, the rows, the sources or
    the names of the measure the answer names ("VAR-gebyrene" of "underskuddet på VAR-gebyrene" answered with the
    municipality's netto driftsresultat)."""
    from app.engine.families.prose import ASKING_EVERY
    from app.engine.families.tickets import GENERIC
    from app.engine.interpret import PLAIN, _cue_words, _family_cues
    from app.engine.periods import find_period
    from app.engine.wordforms import stem, to_norwegian, translations, words

    text = normalise(question)
    if result.get("family") in _ticket_families():
        return []  # a ticket reading names its filters itself, in the exports' own (often English) words
    generic = set(GENERIC) | PLAIN | ASKING_EVERY | _planner_cues(_cue_words)
    module = _family_module(result.get("family"))
    if module is not None:
        generic |= set(_family_cues(module))
    said = _said_stems(result, vocab)
    said.update(stem(w) for pw in find_period(text).words for w in words(pw))
    out: list[str] = []
    # a word glossed in brackets ("satt på vent (Wait)", "loan debt (lånegjeld)") is said when its gloss is; the
    # gloss itself is the question's own explanation, not a further word
    bare = re.sub(r"\([^)]*\)|«[^»]*»|'[^']*'|\"[^\"]*\"", " ", question)
    for tok in re.findall(r"[\wæøåÆØÅ][\w\-æøåÆØÅ/]*(?=\s*\()", question):
        bare = re.sub(rf"(?<![\w-]){re.escape(tok)}(?![\w-])", " ", bare)
    for tok, w, s in content_words(bare, generic, shortest=3, skip_codes=True):
        if any(_said(x, said) for x in {s, stem(to_norwegian(w)), *translations((w,)), *translations(tuple(
                words(tok)))}):
            continue
        if tok not in out:
            out.append(tok)
    return out


def _said(s: str, said: set[str]) -> bool:
    """The stem is said: the same stem, or one begins the other (four letters or more: "drift" of
    "driftsresultat"), or it is the head of a compound said (five letters or more: "tømming" of "Slamtømming"), as
    written or as another Scandinavian language spells it (`wordforms.fold`, the label search's own: "anlegg" is said
    by "anlæg", "desember" by "december", "gjennomsnittlig" by "Gennemsnitlig")."""
    from app.engine.wordforms import fold

    if _begins(s, said):
        return True
    f = fold(s)
    return len(f) >= 4 and _begins(f, {fold(e) for e in said})


def _begins(s: str, said) -> bool:
    return s in said or len(s) >= 4 and any(len(e) >= 4 and (s.startswith(e) or e.startswith(s)
                                                             or len(s) >= 5 and e.endswith(s)) for e in said)


_PLANNER_CUES: frozenset[str] | None = None


def _planner_cues(cue_words) -> frozenset[str]:
    global _PLANNER_CUES
    if _PLANNER_CUES is None:
        _PLANNER_CUES = frozenset(cue_words())
    return _PLANNER_CUES


def qualifiers(question: str, unsaid: list[str], vocab=None) -> list[str]:
    """The unsaid words that narrow what is asked to a part of it: a word after a preposition ("på VAR-gebyrene",
    "for barnehagene", "in the schools", "in fixed salaries") or a compound of a name written with a hyphen
    ("VAR-gebyrene", "Sør-Odal"); never a word that names a governed measure (the reading of the measure is the
    planner's, not a narrowing), a place in time or the frame a figure is printed in ("posten", "the line")."""
    from app.engine.interpret import _metric_stems

    tokens = re.findall(r"[\wæøåÆØÅ][\w\-æøåÆØÅ/]*", question)
    lower = [t.lower() for t in tokens]
    from app.engine.families.scope import KIND_TITLES

    measures = _metric_stems(vocab) if vocab is not None else set()
    out = []
    for word in unsaid:
        if word.lower() in TIME_NOUNS or stem(word.lower()) in FRAME_STEMS | measures:
            continue
        if word.lower() in KIND_TITLES:
            continue  # "the City of X", "X Municipality": the kind of the body named, no part of it
        if re.fullmatch(r"[A-Za-zÆØÅæøå]{2,}-[A-Za-zÆØÅæøå]{3,}", word) and not word.islower():
            out.append(word)
            continue
        for i, t in enumerate(tokens):
            if t != word:
                continue
            j = i - 1
            while j >= 0 and lower[j] in ARTICLES:
                j -= 1
            if j >= 0 and lower[j] in QUALIFIER_BEFORE:
                out.append(word)
                break
    return out


def data_knows(word: str, vocab) -> bool:
    """Some label, caption, sentence, unit, organisation or ticket value of the warehouse has this word (a stem of it
    of five letters or more beginning another), in its own words or the Norwegian ones they translate to."""
    from app.engine.wordforms import STOPWORDS, stem, translations, words

    ws = [w for w in words(normalise(word)) if len(w) >= 3 and w not in STOPWORDS]
    stems = [stem(w) for w in ws] + sorted(translations(tuple(ws)))
    known: set[str] = set()
    data = vocab.data
    if data is not None:
        if data.cells is not None:
            known |= data.cells.known
        if data.accounts is not None:
            known |= data.accounts.known
        known |= data.prose_known
        if data.tickets is not None:
            for index in data.tickets.values.values():
                known |= index.known
    for name in [*vocab.unit_aliases, *vocab.organisations, *vocab.subjects]:
        known.update(stem(w) for w in words(normalise(str(name))))
    if any(s in known or any(len(k) >= 5 and len(s) >= 5 and (k.startswith(s) or s.startswith(k)) for k in known)
           for s in stems):
        return True
    # as another Scandinavian language spells it (`wordforms.fold`): "anlegg" is held by a Danish report's "anlæg"
    from app.engine.wordforms import fold

    folded = {fold(k) for k in known}
    return any(fold(s) in folded or len(fold(s)) >= 5 and any(
        len(k) >= 5 and (k.startswith(fold(s)) or fold(s).startswith(k)) for k in folded) for s in stems)


def is_head(question: str, word: str) -> bool:
    """The word ends its phrase ("underskuddet på VAR-gebyrene i 2014", "for barnehagene?"): it names the thing asked
    about, not a kind of the next word ("in fixed salaries": a kind of salaries)."""
    from app.engine.wordforms import STOPWORDS

    m = re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])\s*([\wæøåÆØÅ][\w\-æøåÆØÅ]*)?", question)
    if m is None:
        return False
    after = (m.group(1) or "").lower()
    return not after or after in STOPWORDS or after.isdigit() or after in QUALIFIER_BEFORE


# -- the measure a ticket answer is asked for ----------------------------------------------------------------------

# words that ask for an amount, right before the words of what is measured: "kor mange tilsette", "what was the
# customer satisfaction score", "average waiting time", "hvor mye ble fakturert", "antall ansatte"
MEASURE_LEAD = re.compile(
    r"(?<![\w-])(?:(?:hvor|kor|how|hur)\s+(?:mange|many|många|mye|mykje|much|mycket|høy|høg|high|stor|large|lang|"
    r"long|lenge)|antall|antal|talet på|tallet på|number of|count of|(?:what|hva|kva|vad)\s+(?:was|is|were|are|var|"
    r"er|vart|blei|ble|är|blev)|gjennomsnittlig\w*|gjennomsnittleg\w*|average|mean|median)(?![\w-])")
# between the lead and the measure: articles, verbs of being and the statistic itself ("what was the average …")
LEAD_SKIP = frozenset("""the a an det den dei de ble blei vart var was were is are er har hadde has have had did do
does average mean median gjennomsnittlig gjennomsnittleg gjennomsnittet snitt snittet total totalt samlet samla overall
typical typisk""".split())
_TOKEN = re.compile(r"[\wæøåÆØÅ][\w\-æøåÆØÅ]*|[^\w\s]")


def measure_words(question: str) -> list[str]:
    """The words of what each amount-asking phrase of the question measures ("tilsette" of "Kor mange tilsette har
    X?", "kundetilfredsheita CSAT" of "Kva var kundetilfredsheita (CSAT) for …", "customer satisfaction score" of
    "what was the average customer satisfaction score in …"): up to three words after the lead, to the first function
    word, verb of the frame, figure or mark (a gloss in brackets is the same measure), and never past a ticket noun (what a count counts)."""
    from app.engine.families.tickets import TICKET_CUES
    from app.engine.wordforms import STOPWORDS, is_filler

    ticket_noun = re.compile(r"(?:[\wæøå]+-)?(?:" + "|".join(TICKET_CUES) + r")")
    # punctuation kept (a bracket, a comma or a question mark ends the measure), case and dashes as normalised
    text = re.sub(r"\s+", " ", re.sub(r"[\u2013\u2014\u2212]", "-", question.lower()))
    out: list[str] = []
    for m in MEASURE_LEAD.finditer(text):
        taken: list[str] = []
        for tok in _TOKEN.findall(text[m.end():]):
            if not re.match(r"[\wæøå]", tok) or tok.isdigit():
                break
            if not taken and tok in LEAD_SKIP:
                continue
            if tok in STOPWORDS or tok in LEAD_SKIP or is_filler(tok):
                break  # a function word or a verb ("tok", "brukt") ends the measure
            if ticket_noun.fullmatch(tok):
                taken = []  # a count of tickets ("how many Freshdesk tickets"): what is before it says which
                break
            taken.append(tok)
            if len(taken) == 3:
                break
        out += [t for t in taken if t not in out]
    return out


_TICKET_KNOWN: frozenset[str] | None = None


def _ticket_known() -> frozenset[str]:
    """Every stem a ticket family reads as one of its own words: its cue patterns and its sets of known stems."""
    global _TICKET_KNOWN
    if _TICKET_KNOWN is None:
        from app.engine import families
        from app.engine.families.tickets import PERSON_CUES
        from app.engine.interpret import _cue_words

        known: set[str] = set()
        for module in families.FAMILIES:
            known |= {c for c in _cue_words(module) if len(c) >= 3}
            for name in dir(module):
                value = getattr(module, name)
                if name.isupper() and isinstance(value, (set, frozenset)) and all(isinstance(v, str) for v in value):
                    known |= set(value)
        # a person ("employees who handled", "developers") is a column of its own when an export has one (its header
        # words are known then), never a measure the cues vouch for
        persons = _cue_words(SimpleNamespace(CUES=PERSON_CUES))
        _TICKET_KNOWN = frozenset(known - persons)
    return _TICKET_KNOWN


def measure_not_held(question: str, result: dict, vocab) -> list[str]:
    """The words of the measure the question asks for (`measure_words`) that neither the answer a ticket family found
    nor anything the ticket exports hold explains: "tilsette" answered with a count of tickets with «Firma» = X,
    "customer satisfaction score" with the tickets that have «customer.email» filled in. Such an answer counts
    something else; the measure asked is not in the exports."""
    from app.engine.families.ticket_attributes import HEADER_WORDS, _header_keys
    from app.engine.families.tickets import placed
    from app.engine.periods import find_period
    from app.engine.wordforms import to_norwegian, words

    if result.get("family") not in _ticket_families() or result.get("status") != "ok":
        return []
    asked = measure_words(question)
    if not asked:
        return []
    tv = vocab.data.tickets if vocab.data is not None else None
    known = set(_ticket_known()) | _said_stems(result, vocab)
    known.update(stem(w) for pw in find_period(normalise(question)).words for w in words(pw))
    known.update(stem(w) for name in vocab.organisations for w in words(normalise(str(name))))
    from app.engine.families.base import Question
    from app.engine.families.tickets import mean_over_stems

    known |= mean_over_stems(Question.parse(question, "en"))  # "the average member": what a mean is over
    if tv is not None:
        for src in tv.sources:
            known |= set(src.words) | {stem(w) for w in src.words}
        # the words that named an export ("Web Help Desk" of whd_tickets.csv) and its records' noun ("Bugzilla-feil")
        from app.engine.families.tickets import selected_sources

        named = selected_sources(Question.parse(question, "en"), tv)[1]
        known |= named | {stem(w) for w in named}
        for index in tv.values.values():
            known |= index.known
        keys = {k for attr in tv.attributes.values() for k in _header_keys(attr.name)}
        known.update(stem(w) for group in HEADER_WORDS if group[0] in keys for w in group)
    said = {s for s in _said_stems(result, vocab) if len(s) >= 5}

    def explained(w: str) -> bool:
        # the word in some form, or a compound whose last part the answer says ("prosessvariantar" of «case:variant»)
        return any(placed(x, known) or any(stem(x).endswith(s) for s in said)
                   for x in {w, to_norwegian(w)} for x in words(x) or [x])
    return [w for w in asked if not explained(w)]
