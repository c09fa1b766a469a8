"""Short forms a question writes for names the warehouse holds: "NDR" for "netto driftsresultat", "ÅV" for
"årsverk", "KD-områdene" for "kommunedirektør-områdene", "NIKT" for "Nordvik IKT", "fk" for "fylkeskommune".

Nothing here names an organisation: the short forms are read off the vocabulary the warehouse was loaded with
(metric names and synonyms, units and organisations as written, the user's alias file, account lines). A
name's short forms are the initials of its words, where a compound word gives the initials of its parts
("driftsresultat" = "drifts" + "resultat" -> "dr") and a word printed in capitals may stand whole ("IKT" of
"Nordvik IKT"). A question word is read as a short form only when it looks like one (capitals, or no vowel:
"fk", "ndr"), is no word the data knows, and exactly one name of the data has it as a short form.

Pure functions over a Vocabulary; `expand` returns the question with the short forms written out.
"""
from __future__ import annotations

import re
from functools import lru_cache
from itertools import product

from app.engine.wordforms import STOPWORDS, stem

# Abbreviations of the language itself (units, Latin, "versus"), never a name's short form.
COMMON = frozenset("""
kr nok sek dkk eur usd nr mv vs pr ca dvs mnd tkr mill mrd osv bl st pst evt inkl ekskl jf jfr kl tlf etc
vs mm cm km kg ml pp pkt stk gg ggr hhv tk
""".split())
VOWELS = set("aeiouyæøåäöéü")
MIN_PART = 3            # letters of a compound part
MAX_PHRASE_WORDS = 5    # longer names have no short form a reader would guess
_TOKEN = re.compile(r"(?<![\wæøåÆØÅ])([A-Za-zÆØÅæøå]{2,6})(?![\wæøåÆØÅ])(-)?")


def _word_initials(word: str, known: frozenset[str], depth: int = 0) -> set[str]:
    """Initials a word may give: its first letter, or the first letters of its compound parts."""
    out = {word[0]}
    if depth >= 2:
        return out
    for p in range(MIN_PART, len(word) - MIN_PART + 1):
        head = word[:p]
        if head in known or stem(head) in known or (
                head[-1] in "se" and len(head) >= MIN_PART and (head[:-1] in known or stem(head[:-1]) in known)):
            out |= {word[0] + rest for rest in _word_initials(word[p:], known, depth + 1)}
    return out


def phrase_forms(phrase: str, known: frozenset[str]) -> set[str]:
    """Short forms of a name as written (lower case): "Nordvik IKT" -> {"nikt", "ni"}, "årsverk" -> {"å", "åv"}."""
    parts = [w for w in re.split(r"[\s/\-]+", phrase.strip()) if w]
    parts = [w for w in parts if w.lower() not in STOPWORDS and not w.isdigit()]
    if not parts or len(parts) > MAX_PHRASE_WORDS or not all(w.isalpha() for w in parts):
        return set()
    options = []
    for w in parts:
        low = w.lower()
        opts = _word_initials(low, known) if len(low) >= 2 else {low}
        if w.isupper() and 2 <= len(w) <= 4:
            opts = opts | {low}  # an acronym inside the name stands whole: "IKT" of "Nordvik IKT"
        options.append(opts)
    forms = set()
    for combo in product(*options):
        form = "".join(combo)
        # a name of several words gives short forms of three letters or more ("fk" is no short form of a
        # "<place> kommune"); two letters come from one compound word ("ÅV", "KD")
        if 2 + (len(parts) > 1) <= len(form) <= 6:
            forms.add(form)
        if len(forms) > 64:
            break
    return forms


def _names(vocab) -> list[str]:
    """Names of the vocabulary a short form may stand for: whole names first, then their single words."""
    names: list[str] = []
    for m in (getattr(vocab, "metrics", {}) or {}).values():
        names += [m.name_nb, m.name_en, *m.synonyms]
    names += [u.unit_name for u in (getattr(vocab, "unit_aliases", {}) or {}).values()]
    names += list((getattr(vocab, "unit_aliases", {}) or {}).keys())
    names += list((getattr(vocab, "organisation_names", {}) or {}).values())
    data = getattr(vocab, "data", None)
    if data is not None and data.accounts is not None:
        names += data.accounts.labels
    words_ = [w for n in names for w in re.split(r"[\s/\-]+", n or "") if len(w) >= 6 and w.isalpha()]
    return [n for n in dict.fromkeys([*names, *words_]) if n]


def _known(vocab, names: list[str]) -> frozenset[str]:
    known = {w.lower() for n in names for w in re.findall(r"[\wæøå]+", n.lower()) if len(w) >= 2}
    data = getattr(vocab, "data", None)
    if data is not None:
        known |= set(data.prose_known)
        if data.cells is not None:
            known |= set(data.cells.rows.known)
    return frozenset(known | {stem(w) for w in known})


class ShortForms:
    """The short forms of one vocabulary: form -> the names it stands for."""

    def __init__(self, vocab):
        names = _names(vocab)
        self.known = _known(vocab, names)
        self.by_form: dict[str, set[str]] = {}
        seen: set[str] = set()
        for name in names:
            key = " ".join(name.lower().split())
            if key in seen:
                continue
            seen.add(key)
            for form in phrase_forms(name, self.known):
                self.by_form.setdefault(form, set()).add(name)
        # words a question may write that are no short form: every word the data writes
        # (a word of the reports' running text may well be a short form: "77,4 ÅV i 2019")
        label_words = {w.lower() for n in names for w in re.findall(r"[\wæøå]+", n.lower())}
        data = getattr(vocab, "data", None)
        if data is not None and data.cells is not None:
            label_words |= set(data.cells.rows.known)
        self.words = label_words | {w for a in (getattr(vocab, "unit_aliases", {}) or {})
                                   for w in re.findall(r"[\wæøå]+", a.lower())}
        self.words |= {w for a in (getattr(vocab, "organisations", {}) or {}) for w in re.findall(r"[\wæøå]+", a)}
        # an organisation's one-word alias written without æ, ø, å (a short name read from a file name, "arim"): a
        # question word that is it with those letters ("ÅRIM") names that organisation, by its name as the data writes it
        org_names = getattr(vocab, "organisation_names", {}) or {}
        self.folded: dict[str, str] = {}
        for alias, key in (getattr(vocab, "organisations", {}) or {}).items():
            if len(alias) >= 3 and alias.isascii() and alias.isalpha():
                self.folded.setdefault(alias, org_names.get(key, alias))
        if data is not None:
            self.words |= {s for d in data.documents for s in d.name_stems}
            if data.tickets is not None:
                self.words |= set(data.tickets.id_prefixes) | {w for s in data.tickets.sources for w in s.words}

    def name_for(self, token: str) -> str | None:
        low = token.lower()
        from app.engine.families.scope import fold

        folded = fold(low)
        if folded != low and folded in self.folded and low not in self.words:
            return self.folded[folded]  # "ÅRIM" for the organisation the data holds as "Arim IKS"
        if low in COMMON or low in STOPWORDS or low in self.words or stem(low) in self.words:
            return None
        if not (token.isupper() or not (set(low) & VOWELS)):
            return None  # "Eksempelby", "and": a word, not a short form
        names = self.by_form.get(low, set())
        distinct = {" ".join(stem(w) for w in n.lower().split()) for n in names}  # "årsverk" ~ "årsverkene"
        if len(distinct) != 1:
            return None
        return min(names, key=len)


_CACHE: dict[int, tuple[object, ShortForms]] = {}


def short_forms(vocab) -> ShortForms:
    hit = _CACHE.get(id(vocab))
    if hit is not None and hit[0] is vocab:
        return hit[1]
    if len(_CACHE) >= 8:
        _CACHE.clear()
    forms = ShortForms(vocab)
    _CACHE[id(vocab)] = (vocab, forms)
    return forms


@lru_cache(maxsize=1)
def _quarter_like() -> re.Pattern:
    return re.compile(r"^(?:q[1-4]|h[12]|kv|uke|w)$", re.I)


def expand(question: str, vocab) -> str:
    """The question with each short form of a name the data holds written out ("NDR Eksempelby 2022" ->
    "netto driftsresultat Eksempelby 2022"); unchanged when it writes none."""
    forms = short_forms(vocab)
    if not forms.by_form:
        return question

    def repl(m: re.Match) -> str:
        token = m.group(1)
        if _quarter_like().match(token):
            return m.group(0)
        name = forms.name_for(token)
        if name is None:
            return m.group(0)
        return name + (" " if m.group(2) else "")  # "KD-områdene" -> "kommunedirektør områdene"

    return _TOKEN.sub(repl, question)
