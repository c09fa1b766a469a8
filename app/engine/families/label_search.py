"""Label search: the last reading before "which measure?" — the warehouse's own words for what was asked.

A question whose measure is neither a catalog metric nor a label the other report families find in full ("total
assets", "false alarms", "call-outs", "what did it cost to run X, all in", "fikk fra havbruksfondet") is looked up
among the words the loaded reports print for the organisation asked: account lines, table row labels and captions,
and the sentences (and the words beside each figure) of the running text. Every content word of the question is a
concept with its forms: its Snowball stem (nynorsk spellings brought to bokmål by `wordforms.stem`), the Norwegian
words an English word stands for (`wordforms.EN_TO_NB` / `EN_PAIRS_TO_NB`, the one en→nb glossary; a hyphenated
English compound is read as its words: "call-outs", "sick-leave"), and the same-meaning compound forms
("kostnad" ~ "utgift"). A concept is in a label when one of its forms is a word of the label or a part of a
Norwegian compound the label prints ("havbruksfond" in "havbruksfondet", "drift" + "utgift" in
"Sum driftsutgifter").

A label answers when it holds every concept (all but one of three or more) and prints no content word of its own
(a narrower figure: "Sum immatrielle eigedelar" is not "total assets"), and no other label holds as many; several
labels that fit equally are named in a refusal (the reader asks again), unless each differs only by a letter or number the question itself writes ("A or B priority" -> "Prioritet A", "Prioritet B").
The answer is read by the report families as the label (account line, table row) or from the figure's sentence,
and says it was read from the report, not a governed measure, and which label the question was read as.
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from rapidfuzz import fuzz

from app.engine.families.base import Question, Reading, Refusal, in_list
from app.engine.format import format_number
from app.engine.quantities import (
    QUANTITY_TEXT,
    VAT_EXCLUDED,
    VAT_INCLUDED,
    asked_quantities,
    printed_label,
    rows_of_quantity,
    without_quantities,
    writes_quantity,
)
from app.engine.wordforms import (
    EN_PAIRS_TO_NB,
    EN_TO_NB,
    FUZZY_MIN,
    FUZZY_RATIO,
    SAME_MEANING,
    SAME_THING,
    STOPWORDS,
    content_stems,
    fold,
    glossary_words,
    split_compound,
    stem,
    words,
)

NAME = "label_search"

# Words that ask for a figure, or say how it came about, without saying which figure (language data).
FILLER = frozenset(stem(w) for w in """
receive received receives get got gets getting give gave given spend spent spending use used account accounted
come came bring brought all everything altogether together overall whole entire figure figures number numbers amount
amounts level value values reported report reports annual stated state tell show give list
fikk fekk få mottok mottatt motteke kom kome brukte brukt bruka nytta oppgitt rapportert årsrapport årsmelding
gikk gjekk gick gik went
""".split())
MAX_LABELS = 6


def _same_thing(s: str) -> set[str]:
    """The words of the report text's SAME_THING groups a stem is one of ("innbyggjarar" ~ "folketalet" ~
    "folkmängd"), those of five letters or more (a word, not a fragment)."""
    out: set[str] = set()
    for group in SAME_THING:
        if any(s == m or len(m) >= 5 and m in s for m in group):
            out |= {m for m in group if len(m) >= 5}
    return out


@lru_cache(maxsize=8192)
def _forms(word: str, english: bool) -> frozenset[str]:
    """A question word's stems: its own, its Norwegian words (`english`), same-meaning compound forms, the other words
    of its SAME_THING group and the other one-word terms of its glossary concept."""
    out = {stem(word)}
    t = EN_TO_NB.get(word) if english else None
    if t is not None:
        out |= {stem(x) for x in ((t,) if isinstance(t, str) else t)}
        # the word whole too: inside a compound the stemmer keeps its ending ("aktivitet" of "investeringsaktiviteter",
        # whose stem as a word alone is "aktivit")
        out |= {x for x in ((t,) if isinstance(t, str) else t) if len(x) >= 6 and " " not in x}
    for s in list(out):
        for a, b in SAME_MEANING:
            for x, y in ((a, b), (b, a)):
                if x in s:
                    out.add(s.replace(x, y))
    for s in list(out):
        out |= _same_thing(s) | glossary_words(s)
    return frozenset(f for f in out if len(f) >= 3)


def word_forms(word: str, english: bool) -> frozenset[str]:
    """A question word in every form a text may print it in: its stem and its `_forms` (the Norwegian words of an
    English word, same-meaning compound forms, its SAME_THING group and glossary concept)."""
    return _forms(word, english) | {stem(word)}


def is_english(q: Question) -> bool:
    """English, or keyword style without a Norwegian word ("total assets Eksempelby 2022"): English words are read
    through the glossary (a Norwegian "fire" is four, never a fire)."""
    from app.engine.answer import NORWEGIAN_CUES

    bare = re.sub(r"\b[A-ZÆØÅ][\wæøåÆØÅ-]*", " ", q.raw)  # names as written are no language
    return q.lang == "en" or not NORWEGIAN_CUES.search(bare)


def concepts(q: Question, exclude: set[str]) -> list[tuple[str, frozenset[str]]]:
    """(the question's word, its forms) for every content word: English word pairs that are one Norwegian word
    ("call outs", "long term") as one concept; stop words, asking words, years and `exclude` (names) left out."""
    from app.engine.families.prose import ASKING
    from app.engine.families.prose_rank import EN_WEAK

    ws = words(q.text)
    english = is_english(q)
    out: list[tuple[str, frozenset[str]]] = []
    i = 0
    while i < len(ws):
        w = ws[i]
        pair = EN_PAIRS_TO_NB.get((w, ws[i + 1])) if english and i + 1 < len(ws) else None
        if pair:
            out.append((f"{w}-{ws[i + 1]}", frozenset(stem(p) for p in pair)))
            i += 2
            continue
        i += 1
        s = stem(w)
        if (w in STOPWORDS or w.isdigit() or len(w) < 3 or s in ASKING or s in FILLER or w in exclude
                or s in exclude or english and w in EN_WEAK):
            continue
        if any(s == c or s in f for c, f in out):
            continue
        out.append((w, _forms(w, english)))
    return out


def with_lexicon(q: Question, cs: list[tuple[str, frozenset[str]]], texts, blocked: set[str] | None) -> list:
    """The concepts with the domain lexicon's renderings (app.engine.lexicon) of a word no curated table knows, added
    only when none of its own forms is in `texts` (the labels and sentences the reading searches) and a rendering is
    ("general practitioners" ~ "fastleger"); scope words and the data's names (`blocked`) are never rendered, and
    nothing is when `blocked` is None (the question names a unit: `name_words`)."""
    from app.engine import lexicon

    english = is_english(q)
    ws = lexicon.question_words(q.text)
    if blocked is None or not lexicon.renderings(tuple(ws), english):
        return cs
    stems = list(dict.fromkeys(s for t in texts for s in _label_stems(t)))

    def printed(word: str) -> bool:
        return any(_in(f, stems) for f in (_forms(word, english) if word in ws else {stem(word)}))

    added = {ws[i]: alts for i, alts in lexicon.wanted(ws, english, blocked, printed).items()}
    if not added:
        return cs
    return [(c, forms | {stem(a) for a in added[c]}) if c in added else (c, forms) for c, forms in cs]


def name_words(vocab, q: Question) -> set[str] | None:
    """The words (and their stems) of the names of the units and organisations the data holds: never a word the
    lexicon renders, nor a rendering (it would name another unit or organisation). None when the question writes a
    word of a unit's name (not of an organisation's): a question about a unit reads no rendering at all (a unit the
    data lacks is never answered by a rendering that finds the whole organisation's sentence)."""
    aliases = getattr(vocab, "unit_aliases", {}) or {}
    orgs = [*(getattr(vocab, "organisations", {}) or {}), *(getattr(vocab, "organisation_names", {}) or {}).values()]
    units = _name_words(tuple(sorted({*aliases, *(getattr(u, "unit_name", "") for u in aliases.values())})))
    org_words = _name_words(tuple(sorted(set(orgs))))
    ws = set(words(q.text))
    if (ws | {stem(w) for w in ws}) & (units - org_words):
        return None
    return set(units | org_words)


@lru_cache(maxsize=16)
def _name_words(names: tuple[str, ...]) -> frozenset[str]:
    return frozenset(x for n in names for w in words(n) for x in (w, stem(w)) if len(x) >= 3)


@lru_cache(maxsize=65536)
def _label_stems(label: str) -> tuple[str, ...]:
    """A label's content stems, without a note in brackets or the quantities it writes ("140 liter dunk" is named by
    "dunk"; the quantity picks among such rows, see `_of_quantity`)."""
    return tuple(s for s in content_stems(without_quantities(re.sub(r"\([^)]*\)", " ", label))) if len(s) >= 2)


def _in(form: str, label_stems: list[str]) -> bool:
    """A form is a word of the label, or begins or ends one of its compounds (four letters or more), as written or as
    another Scandinavian language spells it (`wordforms.fold`: "anlæg" ~ "anlegg"); a compound of the question split
    into the texts' words ("nærvær+mål", see `with_parts`) is in the label when each of its parts is."""
    if "+" in form:
        return all(_part_in(p, label_stems) for p in form.split("+"))
    folded = fold(form)
    for s in label_stems:
        if s == form:
            return True
        if len(form) >= 4 and len(s) >= len(form) + 3 and (s.startswith(form) or s.endswith(form)):
            return True
        if len(form) >= 6 and len(s) >= 5 and form.startswith(s) and len(form) - len(s) <= 2:
            return True  # "utrykninger" ~ "utrykning": an inflection the stemmer keeps
        if len(form) >= FUZZY_MIN and abs(len(s) - len(form)) <= 2 and fuzz.ratio(form, s) >= FUZZY_RATIO:
            return True  # a spelling slip in the report or the question ("immatrielle")
        if len(folded) >= 4 and s[:1] == form[:1]:
            t = fold(s)
            if t == folded or len(t) >= len(folded) + 3 and (t.startswith(folded) or t.endswith(folded)):
                return True  # "anlæg" ~ "anlegg", "december" ~ "desember", "gennemsnit" ~ "gjennomsnitt"
            if len(folded) >= FUZZY_MIN - 1 and abs(len(t) - len(folded)) <= 2 and fuzz.ratio(folded, t) >= FUZZY_RATIO:
                return True
    return False


def _part_in(part: str, label_stems) -> bool:
    """A part of a split compound is a word of the label, or begins or ends one of its words ("mål" in
    "målsettingen"), as any Scandinavian language spells it."""
    folded = fold(part)
    for s in label_stems:
        t = fold(s)
        if s == part or t == folded:
            return True
        if len(s) >= len(part) + 3 and (s.startswith(part) or s.endswith(part) or t.startswith(folded)
                                        or t.endswith(folded)):
            return True
    return False


MIN_SPLIT = 8  # letters of a question word before it is read as a compound of the texts' words


def with_parts(cs: list[tuple[str, frozenset[str]]], texts) -> list:
    """The concepts with, for a compound word of the question that no label or sentence prints as one word, its parts
    as the texts print them ("nærværsmålet" ~ "målsettingen på 92,1 % nærvær", "innsparingskrav" ~ "innsparing" …
    "kravet"), one form that holds only when every part is there (`_in`). A part is a word of the texts of three
    letters or more; a word that splits no way into them keeps its forms."""
    long = [(c, forms) for c, forms in cs if len(stem(c)) >= MIN_SPLIT and "-" not in c]
    if not long:
        return cs
    stems = list(dict.fromkeys(s for t in texts for s in _label_stems(t)))
    known = frozenset(s for s in stems if len(s) >= 3)
    out = []
    for c, forms in cs:
        if (c, forms) in long and not any(_in(f, stems) for f in forms):
            parts = split_compound(stem(c), known) or _split_two(stem(c), known)
            if parts and all(len(p) >= 3 for p in parts):
                forms = forms | {"+".join(parts)}
        out.append((c, forms))
    return out


def _split_two(word: str, known: frozenset[str]) -> list[str] | None:
    """A compound as two parts when no split into whole words of the texts exists: a head the texts print as a word
    and a tail of three letters or more that begins one of their words ("nærvær" + "mål" of "målsettingen"), with a
    linking -s- or -e- left out; the longest such head."""
    heads = {fold(k) for k in known}
    for i in range(len(word) - 3, 3, -1):
        head, tail = word[:i], word[i:]
        for h in (head, head[:-1] if head[-1:] in "se" else None):
            if h and len(h) >= 4 and fold(h) in heads and _part_in(tail, known):
                return [h, tail]
    return None


ENDINGS = ("ing", "ning", "ene", "ane", "ar", "er", "et", "en")  # what a stemmer leaves of an inflection


def explained(s: str, forms: set[str]) -> bool:
    """Every part of the label's word is one of the forms ("driftsutgift" = "drift" + "utgift"; "renteutgift" is not
    explained by "rente" alone), with linking letters and inflection endings left over."""
    rest, changed = s, True
    while len(rest) >= 3 and changed:
        changed = False
        for f in sorted(forms, key=len, reverse=True):
            if len(f) < 3:
                continue
            if rest == f or (len(f) >= 7 and fuzz.ratio(rest, f) >= FUZZY_RATIO):
                return True
            for r in (rest, rest[1:] if rest[:1] in "se" and rest != s else None):
                if r and r.startswith(f):
                    rest, changed = r[len(f):], True
                    break
                if r and r.endswith(f):
                    rest, changed = r[:-len(f)], True
                    break
            if changed:
                break
    return len(rest) < 3 or rest in ENDINGS or (rest[:1] in "se" and rest[1:] in ENDINGS)


# a label's word that says only that its figure is a count ("Antal invånare", "Antall elever"): no word of its own
COUNT_WORDS = frozenset({"antal", "antall", "number"})


def _explained(s: str, forms: set[str], folded: set[str]) -> bool:
    return s in COUNT_WORDS or explained(s, forms) or fold(s) in folded or explained(fold(s), folded)


def cover(cs: list[tuple[str, frozenset[str]]], label: str) -> tuple[list[str], int]:
    """The concepts the label holds, and how many words of its own it prints besides them (a compound part no concept
    explains counts as one: "Renteutgifter" for "interest" prints "utgift" of its own)."""
    ls = _label_stems(label)
    hits = [w for w, forms in cs if any(_in(f, ls) for f in forms)]
    forms = {p for w, fs in cs if w in hits for f in fs for p in f.split("+")}
    folded = {fold(f) for f in forms}
    return hits, len([s for s in ls if len(s) >= 3 and not _explained(s, forms, folded)])


def _enough(hits: list[str], cs: list) -> bool:
    n = len(cs)
    need = n if n <= 2 else n - 1
    return len(hits) >= need and any(len(h) >= 4 for h in hits)


def _markers(q: Question) -> set[str]:
    """Single letters and small numbers the question writes as words ("A or B priority", "prioritet 1")."""
    return {m.lower() for m in re.findall(r"(?<![\w-])([A-HJ-ZÆØÅ]|\d)(?![\w-])", q.raw)}  # "I" is a word


# "pr. innbyggar", "per capita", "for kvar elev": a figure per something is another figure than the total
RATIO = re.compile(r"(?<![\wæøå])(?:per|pr\.?|for (?:kvar|hver|each))\s+[\wæøå]+", re.I)


def best(cs: list, labels, markers: set[str], ratio: bool = False) -> tuple[list[str], list[str]]:
    """(the labels that answer, the labels that tie without being told apart): ranked by concepts held, then the
    fewest words of their own; ties told apart by a letter or number the question writes. A label stating a figure
    per something answers only a question that asks per something (`ratio`)."""
    scored = []
    for label in labels:
        if not ratio and RATIO.search(label):
            continue
        hits, extra = cover(cs, label)
        if _enough(hits, cs) and not extra:  # a word of its own ("immatrielle" eigedelar) is a narrower figure
            scored.append(((len(hits), -extra), label))
    if not scored:
        return [], []
    top = max(s for s, _ in scored)
    tied = list(dict.fromkeys(label for s, label in scored if s == top))
    if len({" ".join(label.lower().split()) for label in tied}) == 1:
        tied = tied[:1]  # one label written in two cases ("Sum driftsutgifter", "sum driftsutgifter") is one label
    if len(tied) == 1:
        return tied, []
    if markers:
        marked = [label for label in tied if _markers_of(label) & markers]
        if marked and all(_markers_of(label) & markers or not _markers_of(label) for label in tied):
            return marked, []
    return [], tied[:MAX_LABELS]


def marked_rows(cs: list, labels: list[str], markers: set[str], captions: list[str]) -> tuple[list[str], list] | None:
    """Rows of one kind told apart by a letter or number ("Prioritet A", "Prioritet B", "Prioritet C") that the
    question picks ("A or B priority incidents"): the rows it writes, when their shared words hold a concept and a
    caption holds the rest (with them, every concept)."""
    if not markers:
        return None
    groups: dict[str, list[str]] = {}
    for label in labels:
        own = _markers_of(label)
        if own:
            base = re.sub(r"(?<![\w-])([A-Za-zÆØÅæøå]|\d)(?![\w-])", " ", label).strip().lower()
            groups.setdefault(base, []).append(label)
    for base, rows in groups.items():
        picked = [r for r in rows if _markers_of(r) & markers]
        if len(rows) < 2 or not picked or len(picked) == len(rows):
            continue
        hits, _ = cover(cs, base)
        if not hits or not any(len(h) >= 4 for h in hits):
            continue
        rest = [c for c in cs if c[0] not in hits]
        if rest and not any(_enough(cover(rest, caption)[0], rest) and len(cover(rest, caption)[0]) == len(rest)
                            and cover(cs, caption)[0] for caption in captions):
            continue
        return list(dict.fromkeys(picked)), []
    return None


def _markers_of(label: str) -> set[str]:
    return {m.lower() for m in re.findall(r"(?<![\w-])([A-ZÆØÅa-zæøå]|\d)(?![\w-])", label)}


def _organisations(q: Question, vocab) -> tuple[list[str], set[str]]:
    """The organisations the question names (as the tables and the documents write them) and their words."""
    from app.engine.families.cell_lookup import (
        ORG_GENERIC,
        _named_organisations,
        match_organisations,
        owners_before_listed,
    )
    from app.engine.text import normalise

    data = vocab.data
    named = _named_organisations(q, vocab)
    names = {getattr(vocab, "organisation_names", {}).get(k, k) for k in named}
    cv = data.cells
    if cv is not None and len(cv.organisations):
        names |= set(match_organisations(cv.organisations, q.terms(cv.rows.known)))
        names = set(owners_before_listed(sorted(names), cv))
    org_stems = {stem(w) for n in names for w in words(n)} | {w for n in names for w in words(normalise(n))}
    # an organisation's own words as written in the question ("Eksempelby", "Eksempelby's")
    org_stems |= {stem(w) for k in named for alias, key in (getattr(vocab, "organisations", {}) or {}).items()
                  if key == k for w in words(alias)}
    return sorted(names), (org_stems | ORG_GENERIC)


def read(q: Question, vocab) -> Reading | Refusal | None:
    data = getattr(vocab, "data", None)
    if data is None:
        return None
    orgs, org_words = _organisations(q, vocab)
    from app.engine.planner import find_units

    units, unit_words = find_units(q.text, getattr(vocab, "unit_aliases", {}) or {})
    if units and not orgs:
        # an organisation the question names by a unit's alias ("HAMOS" for "HAMOS Forvaltning IKS"): its own labels
        # and sentences only, never another organisation's
        from app.engine.families.scope import organisations_of_units

        orgs = organisations_of_units(units, vocab)
    exclude = org_words | {stem(w) for u in unit_words for w in words(u)}
    # a quantity asked ("1500 liter") picks among rows (`_of_quantity`), it is no word a label must hold
    cs = concepts(replace(q, text=without_quantities(q.text)) if asked_quantities(q.raw) else q, exclude)
    if not cs:
        return None
    markers = _markers(q)
    norm = {o.lower() for o in orgs}
    # account lines and table rows/captions first: a label is the figure's name
    labels: list[str] = []
    if data.accounts is not None:
        labels += data.accounts.labels
    cv = data.cells
    if cv is not None:
        for label in [*cv.rows.labels, *cv.captions.labels]:
            printed = cv.row_organisations.get(label) or cv.caption_organisations.get(label)
            if norm and printed is not None and not {p.lower() for p in printed} & norm:
                continue
            labels.append(label)
    ratio = bool(RATIO.search(q.raw))
    if not ratio:
        labels = [label for label in labels if not RATIO.search(label)]
    figures = _figures(q, data, orgs)
    names = name_words(vocab, q)
    cs = with_lexicon(q, cs, [*labels, *(fig[2] for fig in figures)], None if names is None else exclude | names)
    cs = with_parts(cs, [*labels, *(fig[2] for fig in figures)])
    found, tied = marked_rows(cs, labels, markers, cv.captions.labels if cv is not None else []) or best(
        cs, labels, markers, ratio)
    if cv is not None and asked_quantities(q.raw):
        # rows told apart by a quantity ("140 liter dunk", "1000 liter dunk"): the one the question writes
        quantity = _of_quantity(q, cv, cs, labels, found, tied)
        if isinstance(quantity, Refusal):
            return quantity
        found, tied = quantity
    if found:
        answered = _by_label(q, vocab, found, orgs)
        if answered is not None:
            return answered
    f_found, f_tied = _best_figures(cs, figures, markers, ratio, frozenset(org_words))
    if f_found and not found:
        return _prose_reading(q, f_found, cs, vocab.data)
    if tied or f_tied:
        return _clarify(q, tied or [t for t in f_tied])
    return _counted_noun(q, vocab, labels, figures, orgs, exclude)


# "how many X", "number of X": X is what is counted, the question's key noun
COUNTED = re.compile(r"(?:hvor|kor|how|hur) (?:mange|many|många) ([a-zæøåäö]{4,})|(?:number|antall|antal|talet) (?:of |på )?"
                     r"([a-zæøåäö]{4,})")


def _counted_noun(q: Question, vocab, labels: list[str], figures: list[tuple], orgs: list[str],
                  exclude: set[str]) -> Reading | None:
    """No label or sentence holds the question's words: the one table row whose label names what is counted ("how many
    pupils" ~ "Antall elever i grunnskolen"), or the one sentence whose figure is printed with it ("15 flyktningar"),
    for the organisation and year asked; nothing when none or several do (the counted noun alone does not tell them
    apart). A count never reads a percent."""
    m = COUNTED.search(q.text)
    word = (m.group(1) or m.group(2)) if m else None
    if not word or stem(word) in exclude:
        return None
    # its forms, never a generic one ("municipalities" is "kommune" of every organisation's name); a label names it as a
    # word or its compound's head ("Antall elever", not "Kommunledningsförvaltningen")
    forms = {f for f in _forms(word, is_english(q)) if len(f) >= 4 and f not in exclude}
    if not forms:
        return None

    def names(stems) -> bool:
        return any(x == f or x.endswith(f) or len(f) >= 6 and f.startswith(x) and len(f) - len(x) <= 2
                   for f in forms for x in stems)

    cv = vocab.data.cells
    rows = set(cv.rows.labels) if cv is not None else set()
    named = [label for label in labels if label in rows and not re.search(r"%|prosent|andel|\bdel\b", label.lower())
             and names(_label_stems(label))]
    if len(named) == 1:
        return _by_label(q, vocab, named, orgs)
    if named:
        return None
    from app.engine.families.prose_rank import printed_words

    printed = getattr(vocab.data, "prose_printed", None) or {}
    held = [fig for fig in figures if names(printed_words(printed.get(fig[0])))]
    if len({(fig[4], re.sub(r"\s+", " ", fig[2]).strip()) for fig in held}) == 1:
        return _prose_reading(q, held, [(word, forms)], vocab.data)
    return None


def _of_quantity(q: Question, cv, cs: list, labels: list[str], found: list[str],
                 tied: list[str]) -> tuple[list[str], list[str]] | Refusal:
    """The labels found (or tied) narrowed to those writing the quantity the question asks by, each as printed
    ("140 liter dunk" where the reader kept "140" apart as the row's code); with none found, the one row that holds a
    word of the question and that quantity ("what does a 1 000 l bin cost"). A refusal naming the rows printed when
    they write quantities and none the one asked ("a 1500 liter bin")."""
    codes_of = getattr(cv, "row_codes", {})

    def printed(label: str, codes: dict) -> list[str]:
        return [printed_label(c, label) for c in codes[label]] if codes.get(label) else [label]

    pool = found or tied
    if not pool:
        rows = set(cv.rows.labels)
        pool = [label for label in labels if label in rows and cover(cs, label)[0]]
        if not pool:
            return found, tied
        narrowed = rows_of_quantity(q.raw, pool, codes_of)
        if narrowed is not None:
            if narrowed[0] == pool:
                return found, tied
            shown = [p for label in narrowed[0] for p in printed(label, narrowed[1])]
            return (shown, []) if len(shown) == 1 else (found, tied)
    else:
        narrowed = rows_of_quantity(q.raw, pool, codes_of)
    if narrowed is None:
        listed = ", ".join(f"«{p}»" for label in pool if writes_quantity(label) or codes_of.get(label)
                           for p in printed(label, {label: sorted(codes_of.get(label, ()))}))
        asked = ", ".join(m.group(0).strip() for m in re.finditer(QUANTITY_TEXT, q.raw)) or q.raw
        en = q.lang == "en"
        return Refusal(NAME, "unanswerable",
                       (f"The report tables print no row for «{asked}»; the rows they print: {listed}." if en else
                        f"Rapporttabellene har ingen rad for «{asked}»; radene de har: {listed}."),
                       interpretation=listed, suggestions=[p.strip("«»") for p in listed.split(", ")][:MAX_LABELS])
    kept = [p for label in narrowed[0] for p in printed(label, narrowed[1])]
    if found:
        return kept, []
    return (kept, []) if len(kept) == 1 else ([], kept)


def _by_label(q: Question, vocab, labels: list[str], orgs: list[str]) -> Reading | None:
    """The report families' reading of the question written with the label found ("Sum eiendeler Eksempelby 2022"),
    saying which label the question was read as."""
    from app.engine.families import account_line, cell_lookup

    years = " ".join(map(str, q.period.years))
    who = orgs[0] if len(orgs) == 1 else ""
    text = " og ".join(labels) + f" {who} {years}".rstrip()
    if len(orgs) > 1:
        # two organisations compared: the row of each, both named (a comparison table prints them side by side)
        text += " " + " og ".join(orgs)
    vat = VAT_INCLUDED.search(q.raw) or VAT_EXCLUDED.search(q.raw)
    if vat:  # "including VAT" picks the column, as the question wrote it
        text += f" {vat.group(0)}"
    q2 = replace(Question.parse(text, "nb"), lang=q.lang, period=q.period)
    rows = set(vocab.data.cells.rows.labels) if vocab.data.cells is not None else set()
    for family in (account_line, cell_lookup):
        found = family.read(q2, vocab)
        if isinstance(found, Reading):
            if found.family == cell_lookup.NAME and set(labels) <= rows:
                # the rows found, not others the label's words also name ("Prioritet C" beside "Prioritet A")
                found = replace(found, sql=f"select * from (\n{found.sql}\n) as r where {in_list('r.row_label', labels)}")
            en = q.lang == "en"
            listed = " / ".join(f"«{label}»" for label in labels)
            note = (f"read as the report's {listed} (not a governed measure)" if en else
                    f"lest som rapportens {listed} (ikke et styrt mål)")
            return replace(found, interpretation=f"{found.interpretation} — {note}", partial=False)
    return None


def _figures(q: Question, data, orgs: list[str]) -> list[tuple]:
    """The text's figures for the organisation and year asked: (figure_id, topic, sentence, year, file); never one printed
    as a count of another thing the question names (prose_rank.counts_another)."""
    norm = {o.lower() for o in orgs}
    owner = {d.file_name: (d.organisation or "").lower() for d in data.documents}
    years = set(q.period.years)
    out = []
    from app.engine.families.prose import count_for_share, figures_not_asked
    from app.engine.families.prose_rank import counts_another

    printed = getattr(data, "prose_printed", None) or {}
    plans = figures_not_asked(q, data)  # a plan, a change or a deviation answers only a question asking one
    for fid, file_name, year, report_year, topic, text, _unit in data.prose_figures:
        if norm and owner.get(file_name) not in norm or fid in plans:
            continue
        y = year if year is not None else report_year
        if years and y not in years:
            continue
        if counts_another(q, printed.get(fid)):
            continue  # "tolv kommunar" is no count of the owner municipalities' inhabitants
        if count_for_share(q, _unit):
            continue  # "andel søknader" is no count of the applications
        out.append((fid, topic or "", text or "", y, file_name))
    return out


def _best_figures(cs: list, figures: list[tuple], markers: set[str], ratio: bool = False,
                  own: frozenset[str] = frozenset()) -> tuple[list, list[str]]:
    """The figures whose sentence holds the concepts; among them those whose own words (topic) hold one. Several
    different sentences equally good: none, and those sentences as the tie. Unless the question asks per something,
    a word the sentence says a figure is per ("pr. innbyggar") is not found, and a figure per something never answers."""
    scored = []
    for fig in figures:
        if not ratio and RATIO.search(fig[1]):
            continue
        hits, _ = cover(cs, fig[2] if ratio else RATIO.sub(" ", fig[2]))
        if _enough(hits, cs):
            by_topic, _ = cover(cs, fig[1])
            scored.append(((len(hits), len(by_topic)), fig))
    if not scored:
        return [], []
    top = max(s for s, _ in scored)
    chosen = [fig for s, fig in scored if s == top]
    if top[1] == 0:
        # no figure's own words name it: only a sentence stating one figure answers by itself ("fekk 38,9 millionar
        # frå havbruksfondet"); the figures of a sentence listing several are not told apart
        per_sentence: dict[tuple, int] = {}
        for fig in figures:
            per_sentence[(fig[4], fig[2])] = per_sentence.get((fig[4], fig[2]), 0) + 1
        if any(per_sentence[(fig[4], fig[2])] > 1 for fig in chosen):
            return [], []
    sentences = list(dict.fromkeys(re.sub(r"\s+", " ", fig[2]).strip() for fig in chosen))
    if len(sentences) > 1 and len({fig[3] for fig in chosen}) == 1 and own:
        # sentences equally good: the one that writes the organisation asked by more of its name ("Nordvik Havn
        # opnåede ..." beside "Sørvik Havn udviser ..." in Nordvik Havn's news) is about it
        from app.engine.names import distinctive_name_words

        name = distinctive_name_words(own)
        held = {fig[0]: len(name & {stem(w) for w in words(fig[2].lower())}) for fig in chosen}
        most = max(held.values())
        if most and sum(1 for fig in chosen if held[fig[0]] == most) < len(chosen):
            chosen = [fig for fig in chosen if held[fig[0]] == most]
            sentences = list(dict.fromkeys(re.sub(r"\s+", " ", fig[2]).strip() for fig in chosen))
    if len(sentences) > 1 and len({fig[3] for fig in chosen}) == 1:
        short = [s if len(s) <= 120 else s[:117] + "…" for s in sentences]
        return [], short[:MAX_LABELS]
    return chosen, []


def _prose_reading(q: Question, figures: list[tuple], cs: list, data=None) -> Reading:
    from app.engine.families.prose import with_levels_of_change

    en = q.lang == "en"
    ids = [fig[0] for fig in figures][:MAX_LABELS]
    ids = with_levels_of_change(ids, data) if data is not None else ids  # a change with the levels it went from and to
    sql = ("select f.organisation, f.value_year as year, f.value, f.printed, f.topic, f.text as sentence,\n"
           "       f.file_name as source_document, f.page as source_page, f.text as source_excerpt\n"
           "from fct_report_prose_figure as f\nwhere " + in_list("f.figure_id", ids)
           + "\norder by f.file_name, f.page, f.line")
    words_ = ", ".join(f"«{w}»" for w, _ in cs)
    years = ", ".join(map(str, sorted(set(q.period.years))))
    interpretation = (("figure stated in the report text (not a governed measure), found by the words " if en else
                       "tall oppgitt i rapportteksten (ikke et styrt mål), funnet ved ordene ") + words_
                      + (f", {years}" if years else ""))

    def sentence(columns, rows, lang):
        e = lang == "en"
        shown = []
        for r in rows[:MAX_LABELS]:
            d = dict(zip(columns, r))
            quote = re.sub(r"\s+", " ", str(d.get("sentence") or "")).strip()
            if len(quote) > 200:
                quote = quote[:197] + "…"
            shown.append(f"{format_number(d['value'])} ({d.get('printed')}, {d.get('year')}; «{quote}»)")
        return ("Read from the report text (not a governed measure): " if e else
                "Lest fra rapportteksten (ikke et styrt mål): ") + "; ".join(shown) + "."

    return Reading(NAME, ("the report text, as written (not a governed measure)" if en else
                          "rapportteksten, slik den er skrevet (ikke et styrt mål)"), sql, interpretation,
                   sentence=sentence, empty_reason=("The report text has no such figure." if en else
                                                    "Rapportteksten har ikke noe slikt tall."))


def _clarify(q: Question, labels: list[str]) -> Refusal:
    en = q.lang == "en"
    listed = " / ".join(f"«{label}»" for label in labels)
    return Refusal(NAME, "unanswerable",
                   (f"No governed measure is named, and the question's words fit several report rows or sentences "
                    f"equally well: {listed}. Ask for one of them by its name." if en else
                    f"Spørsmålet nevner ikke et styrt mål, og ordene passer like godt med flere rader eller setninger "
                    f"i rapportene: {listed}. Spør etter én av dem med navnet."),
                   interpretation=listed, suggestions=labels)


def _column_forms(forms: frozenset[str]) -> frozenset[str]:
    """A concept's forms with the other words of the COLUMN_SAME group any of them is in ("budget" ~ "Kommunbidrag")."""
    from app.engine.wordforms import COLUMN_SAME

    out = set(forms)
    for group in COLUMN_SAME:
        if any(f == m or len(m) >= 5 and m in f for f in forms for m in group):
            out |= group
    return frozenset(out)


def named_columns(q: Question, columns, exclude: set[str]) -> list[str]:
    """The column heads of `columns` (printed without a year) the question names by its words — their stems, compound
    parts, the en->nb glossary, same-meaning column words: "net cost" names «Nettokostnad», "budget" «Kommunbidrag»,
    "deviation" «Avvikelse»; a head with a word of its own the question does not say is not named ("kostnader" does
    not name «Nettokostnad»). Those holding the most of the question's words; none when none is named."""
    cs = [(w, _column_forms(forms)) for w, forms in concepts(q, exclude)]
    if not cs or not columns:
        return []
    scored, loose = [], []
    per_asked = [forms for w, forms in cs if re.search(rf"(?:per|pr\.?)\s+{re.escape(w)}(?!\w)", q.text)]
    for label in columns:
        hits, extra = cover(cs, label)
        if hits and not extra and any(len(h) >= 4 for h in hits):
            scored.append((len(hits), label))
            continue
        # "per meter" asked and printed: the ratio says which column more than any other word
        per_printed = {stem(w) for w in re.findall(r"(?:per|pr\.?)\s+([\wæøå]+)", label.lower())}
        shared = sum(1 for forms in per_asked if forms & per_printed)
        if len(hits) + shared >= 2:
            loose.append((len(hits) + shared, label))
    if not scored and loose:
        # no head says only what the question says: the one head naming two or more of its words, more than any other
        # ("minimum … per day" names «Minstepris per døgn» beside «Pris per meter per døgn»)
        top = max(n for n, _ in loose)
        if [n for n, _ in loose].count(top) == 1:
            scored = [s for s in loose if s[0] == top]
    if not scored:
        return []
    top = max(n for n, _ in scored)
    named = [label for n, label in scored if n == top]
    # the unit the question asks ("avviket i prosent") leaves out a named head printed in the other unit ("Avvik i kr")
    from app.engine.asked_unit import unit_asked, unit_kind

    asked = unit_asked(q.raw)
    fitting = [label for label in named if not _head_unit(label) or unit_kind(_head_unit(label)) in (None, asked)]
    return fitting if asked and fitting else named


def _head_unit(label: str) -> str | None:
    """The unit a column head prints ("Avvik i %" -> "pct", "Avvik i kr" / "(mnkr)" -> "nok"), if any."""
    low = label.lower()
    if re.search(r"%|prosent|procent|percent", low):
        return "pct"
    if re.search(r"(?<![a-zæøå])(?:kr|kroner|kronor|nok|sek|dkk|mnkr|tkr|mill)(?![a-zæøå])", low):
        return "nok"
    return None
