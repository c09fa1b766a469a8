"""Names in a question: the one home for deciding which words name an organisation or unit, and whether the
data knows it. Before answering, the engine checks that every name the question carries is one the data holds
(or the rows it is about carry), so a figure is never given for whichever organisation has it.

- `unknown_names`: capitalised words and "<name> kommune" that no unit, subject, organisation or metric of the
  vocabulary carries (the planner: "Eksempelby kommune", "Nordby");
- `unresolved_names`: words the plan left unused that look like a name (an acronym, a capitalised word that does
  not start the question, a possessive) when the plan names no organisation or unit;
- `rows_named`: whether the units/organisations in the rows carry those names ("VR" of "VR innkjøp");
- `unknown_label_names`: capitalised words beside a report label that the label index does not know;
- `unit_words`: unused words that name a unit by its kind ("servicetorget", "økonomiavdelinga", "service centre"),
  so a figure for the whole organisation or another unit is never given for a unit the data does not hold;
- `unknown_names_answer`: the sentence that says so, in the question's language.

Report names (a report named by its file name or title) are in app.engine.families.scope. Pure functions.
"""
from __future__ import annotations

import re

from app.engine.text import normalise, pattern
from app.engine.wordforms import STOPWORDS, stem
from flows.months import LONG_NAMES
from flows.org_kinds import FORM_WORDS
from flows.unit_kinds import COMPOUND_KINDS, unit_kind_forms

# Words that may be written with a capital letter without naming a unit (see unknown_names).
NAME_STOPWORDS = {
    "what", "how", "which", "show", "who", "when", "where", "is", "are", "was", "were", "did", "do", "does",
    "the", "in", "for", "and", "of", "at", "hva", "hvor", "hvilken", "hvilke", "hvilket", "kva", "kor",
    "korleis", "vis", "når", "nådde", "var", "har", "hadde", "i", "og", "q1", "q2", "q3", "q4", "sla",
    "kostra", "fte", "ftes", "it", "ikt", "vr", "nok", "kr", "mill", "covid", "covid-19", "a/b", "compare",
    "list", "give", "gi", "tell", "fortell", "sammenlign", "samanlikn", *LONG_NAMES,
}


def unknown_names(question: str, known_words: set[str]) -> list[str]:
    """Names in the question that the data does not know: "Eksempelby kommune", "Nordby".

    A capitalised word inside the sentence (not its first word) that is no unit, subject,
    organisation, metric or ordinary word, and any "<name> kommune" that is not a known unit or
    organisation.
    """
    starts = {m.end() for m in re.finditer(r"[.?!:]\s+", question)}  # "… i 2018? Ranger frå størst …"
    names = []
    for i, mt in enumerate(re.finditer(r"[\w/][\w/\-]*", question)):
        tok = mt.group(0)
        low = tok.lower()
        if "-" in tok and tok.rsplit("-", 1)[1][:1].islower():
            continue  # "IT-investeringer": a compound noun; names capitalise every part ("Sør-Odal")
        if i == 0 or mt.start() in starts or not tok[:1].isupper() or tok.isupper() or any(ch.isdigit() for ch in tok) or len(tok) < 3:
            continue
        if low in NAME_STOPWORDS or low in known_words or low.rstrip("s") in known_words or low in FORM_WORDS:
            continue
        names.append(tok)
    for m in re.finditer(r"(?<![\w])([\wæøå-]{3,})\s+(?:kommune|municipality)(?![\w])", normalise(question)):
        name = m.group(1)
        if name not in known_words and name not in NAME_STOPWORDS and name not in ("hvilken", "kva", "which", "per",
                                                                                   "hver", "kvar", "each", "i") \
                and name not in _ROLE_WORDS and name not in _NOT_A_NAME and name not in FORM_WORDS:
            cap = name[:1].upper() + name[1:]
            if cap not in names and name not in [n.lower() for n in names]:
                names.append(cap)
    return whole_names(question, names)


def whole_names(question: str, names: list[str]) -> list[str]:
    """Each name found with the capitalised words written beside it: "Nedre Romerike" is one place, never the two
    unknown words "Nedre" and "Romerike" (joined by a space or a hyphen; not across the question's first word)."""
    runs = [m for m in re.finditer(r"(?<![\w])[A-ZÆØÅÄÖÜ][\w\-æøåäöüÆØÅÄÖÜ]*(?:[ ][A-ZÆØÅÄÖÜ][\w\-æøåäöüÆØÅÄÖÜ]*)+",
                                   question)]
    out = []
    for name in names:
        run = next((m for m in runs if re.search(rf"(?<![\w]){re.escape(name)}(?![\w])", m.group(0))), None)
        whole = name
        if run is not None:
            words_ = run.group(0).split()
            if run.start() == 0 or re.match(r"[.?!:]\s*$", question[:run.start()][-3:] or ""):
                words_ = words_[1:]  # the question's first word is capitalised as any first word
            words_ = [w for w in words_ if not w.isupper() and w.lower() not in NAME_STOPWORDS]
            joined = " ".join(words_)
            if name in words_ and len(words_) > 1:
                whole = joined
        if whole not in out:
            out.append(whole)
    return out


def unresolved_names(question: str, unused: list[str], plan) -> list[str]:
    """Unused words that look like a name (an acronym such as "NPE", a capitalised word that does not start
    the question, a possessive such as "Eksempelby's") when the plan names no organisation or unit: answering
    would report whichever organisation holds the figure, i.e. a different question."""
    if plan.organisations or plan.units:
        return []
    tokens = re.findall(r"[\wæøåÆØÅ][\w\-æøåÆØÅ/']*", question)
    first = tokens[0] if tokens else ""
    out = []
    for tok in tokens:
        bare = re.sub(r"'s?$", "", tok)
        if bare not in unused and tok not in unused:
            continue
        acronym = bare.isupper() and len(bare) >= 2 and not bare.isdigit() and not re.fullmatch(r"Q[1-4]", bare)
        named = bare[:1].isupper() and tok is not first and tok != first
        if acronym or named or tok.endswith("'s"):
            out.append(bare)
    return list(dict.fromkeys(out))


def rows_named(columns: list[str], rows: list[tuple], names: list[str]) -> bool:
    """Every unit or organisation the rows are about carries the names ("VR" in "VR innkjøp")."""
    at = [i for i, c in enumerate(columns) if c in ("unit", "unit_name", "organisation", "organisation_name")]
    shown = {str(r[i]).lower() for r in rows for i in at if r[i] is not None}
    return bool(shown) and all(pattern(rf"(?<![\w]){re.escape(n.lower())}(?![\w])").search(u) for u in shown for n in names)


def unknown_label_names(raw: str, known: set[str] | frozenset[str], explained: set[str]) -> list[str]:
    """Capitalised words (not the first, no acronym) whose stem neither the labels nor the reading explain."""
    return [t for i, t in enumerate(re.findall(r"[\wæøåÆØÅ][\w\-æøåÆØÅ]*", raw))
            if i and t[:1].isupper() and not t.isupper() and len(t) >= 3
            and stem(t.lower()) not in known and stem(t.lower()) not in explained]


def unknown_names_answer(what: str, names: list[str], organisations, lang: str) -> str:
    """"The data holds no organisation or unit called «X»", with the organisations it does hold."""
    quoted = ", ".join(f"«{n}»" for n in names)
    held = sorted(organisations)
    listing = ", ".join(held[:12]) + (" …" if len(held) > 12 else "")
    if lang == "en":
        return (f"I read the question as: {what}, for {quoted}. The data holds no organisation or unit called "
                f"{quoted}; organisations with data: {listing}.")
    return (f"Jeg tolket spørsmålet som: {what}, for {quoted}. Dataene har ingen organisasjon eller enhet som "
            f"heter {quoted}; organisasjoner med data: {listing}.")


# A unit named by its kind: a compound ending in a unit's head noun (nb, nn), or an English head noun after another
# word the plan did not use. Language data, not names.
_UNIT_COMPOUND = re.compile(rf"^[a-zæøå]{{3,}}?-?(?:{unit_kind_forms(COMPOUND_KINDS)})$")
_UNIT_HEAD_EN = ("centre", "center", "centres", "centers", "department", "departments", "office", "offices", "unit",
                 "units", "section", "sections", "agency")
# a municipality's role, not its name: "owner municipality", "member municipality", "host municipality"
_ROLE_WORDS = {"owner", "owning", "member", "participating", "partner", "host", "neighbouring", "neighboring", "other",
               "every", "the", "one", "any", "single", "largest", "smallest", "biggest"}
_NOT_A_NAME = {"each", "every", "any", "one", "other", "another", "same", "different", "all", "per", "by", "this",
               "that", "which", "whose", "largest", "smallest", "biggest", "highest", "lowest", "most", "least"}


def names_one_unit(unit_name: str) -> bool:
    """A unit's name that ends in a unit's head noun ("HR- og innovasjonsenheten", "Økonomiavdelinga"): one unit
    among others, not an area or a whole ("Kommunedirektørens områder")."""
    last = (unit_name.lower().split() or [""])[-1]
    return bool(_UNIT_COMPOUND.match(last))


def _names_a_unit(word: str) -> bool:
    """An English word that names what a unit does ("finance", "procurement", "archive"): "the procurement unit" is a
    unit of that name, whose figures the answer must be for ("payroll and accounting unit" describes one in common
    words, which the plan may have read)."""
    from app.engine.wordforms import EN_TO_NB, UNIT_NAME_WORDS_EN

    return word in UNIT_NAME_WORDS_EN or word in EN_TO_NB


def unit_words(question: str, unused: list[str], units: list[str] = ()) -> list[str]:
    """Words the plan did not use that name a unit by its kind: "servicetorget", "økonomiavdelinga",
    "legekontoret", "service centre" — the question is about a unit the answer would not be for. `units`: the names
    of the units the plan did use (an acronym before a unit's kind, "IT-avdelingen", is a unit's name unless one of
    them writes it)."""
    left = {w.lower() for u in unused for w in u.split()}
    used_names = {w for u in units for w in re.findall(r"[\wæøå]+", u.lower())}
    out = []
    written = re.findall(r"[\wæøåÆØÅ][\w\-æøåÆØÅ]*", question)
    tokens = [w.lower() for w in written]
    for i, tok in enumerate(tokens):
        head, _, tail = tok.rpartition("-")
        acronym = head and written[i].rpartition("-")[0].isupper() and head not in used_names
        if head and (head in left or tok in left or acronym) and tail and _UNIT_COMPOUND.match("xxx" + tail):
            out.append(tok)  # "HR-avdelinga", "IT-enheten": the name before the hyphen is not in the plan
        elif tok not in left and not (tok in _UNIT_HEAD_EN and i and tokens[i - 1] in left
                                      and (any(c.isupper() for c in written[i - 1]) or _names_a_unit(tokens[i - 1])
                                           and not (i >= 2 and tokens[i - 2] in ("and", "og", "&")))):
            # "the HR unit", "the Finance unit": "unit" is a common word, its name is the (capitalised) word before
            # it; "the payroll and accounting unit" describes a unit in common words, which the plan may have read
            continue
        elif _UNIT_COMPOUND.match(tok):
            out.append(tok)
        elif (tok in _UNIT_HEAD_EN and i and tokens[i - 1] in left and tokens[i - 1] not in NAME_STOPWORDS
              and tokens[i - 1] not in STOPWORDS and tokens[i - 1] not in _NOT_A_NAME):
            out.append(f"{tokens[i - 1]} {tok}")
    return list(dict.fromkeys(out))


# prepositions that put the part a measure is taken of after them ("meirforbruket på barnevernet", "spending on
# roads", "kostnader innen pleie og omsorg"): the word after one (an article between) is the subject asked
_SUBJECT_BEFORE = re.compile(r"(?<![\wæøå])(?:på|innen|innenfor|innanfor|on|within)\s+(?:(?:the|den|det|dei|de)\s+)?"
                             r"([a-zæøåäö][\wæøåäö-]{3,})")


def subject_words(question: str, unused: list[str]) -> list[str]:
    """The unused words the question writes as the subject its measure is taken of (`_SUBJECT_BEFORE`): an answer that
    left them unused gives the figure of the whole, not of that subject."""
    left = {w.lower() for u in unused for w in u.split()}
    return list(dict.fromkeys(m.group(1) for m in _SUBJECT_BEFORE.finditer(question.lower()) if m.group(1) in left))


def written_as_names(raw: str) -> frozenset[str]:
    """Stems of the words a question writes with a capital letter inside a sentence ("Eksempelregionen", "ABC"):
    names, which never name a report label by themselves."""
    starts = {m.end() for m in re.finditer(r"[.?!:]\s+", raw)}
    out = set()
    for i, m in enumerate(re.finditer(r"[\wæøåÆØÅ][\w\-æøåÆØÅ]*", raw)):
        tok = m.group(0)
        if i and m.start() not in starts and tok[:1].isupper():
            out.update(stem(part) for part in tok.lower().split("-") if part)
    return frozenset(out)


# Words for the kind or legal form of an organisation, which its initials leave out ("NHD" for "… Havn Drift IKS").
_FORM_WORDS = {"kommune", "kommun", "fylkeskommune", "herad", "iks", "as", "asa", "ks", "sa", "da", "ba", "iks.",
               "interkommunale selskap", "municipality", "county"} | FORM_WORDS  # flows/org_kinds.py


def initials(name: str) -> str | None:
    """The initials a question may write for a name of two words or more: "FIKT" for "Fjordnett IKT" (a word in
    capitals is kept whole), "NHD" for "Nordby Havn Drift IKS" (the legal form left out).
    None when they would be fewer than three letters."""
    parts = re.findall(r"[\wæøåÆØÅ]+", name)
    while parts and parts[-1].lower() in _FORM_WORDS:
        parts.pop()
    if len(parts) < 2:
        return None
    out = "".join(p if p.isupper() and len(p) > 1 else p[0] for p in parts)
    return out.lower() if len(out) >= 3 and out.isalpha() else None


# What a question calls the one organisation of a kind (language data, not names): "fylket", "the county" for the
# county municipality, when the data holds exactly one organisation of that kind (`kind_aliases`).
KIND_WORDS = {
    "fylkeskommune": ("fylket", "fylkeskommunen", "fylkeskommuna", "fylkeskommunens", "fylkeskommunas", "fylkets",
                      "the county", "the county council", "the county municipality", "county council",
                      "county municipality"),
}


def kind_aliases(organisations: list[tuple[str, str | None]]) -> dict[str, str]:
    """(organisation_key, organisation_type) -> {word a question calls it: key}, for every kind of KIND_WORDS the data
    holds exactly one organisation of; none for a kind two organisations share (never a pick between them)."""
    by_kind: dict[str, list[str]] = {}
    for key, kind in organisations:
        if kind in KIND_WORDS:
            by_kind.setdefault(kind, []).append(key)
    return {word: keys[0] for kind, keys in by_kind.items() if len(set(keys)) == 1 for word in KIND_WORDS[kind]}


def place_head(short_name: str) -> str | None:
    """The place of a name that is a direction (or a size) and a place ("dalby" of "västra dalby", "romerike" of
    "nedre romerike"): how a question may name the body by its place alone. None for any other name."""
    from flows.org_kinds import PLACE_MODIFIERS

    words = short_name.split()
    if len(words) == 2 and words[0] in PLACE_MODIFIERS and len(words[1]) >= 4 and words[1].isalpha():
        return words[1]
    return None


def row_asked_elsewhere(unused: list[str], answered: set[str], printed: list[str]) -> str | None:
    """A row the reports print ("Teknikk og miljø") that the question names in full among the words its answer left
    unused, while the answer's rows are other units' ("Administrasjon og ledelse"): the figure asked is not held for
    that row, and another unit's figure is no answer to it. The row as printed, else None. Rows of two content words
    or more only (one word may be any word of a question)."""
    left = {stem(w) for u in unused for w in re.findall(r"[\wæøåäö]+", u.lower()) if w not in STOPWORDS}
    shown = {stem(w) for a in answered for w in re.findall(r"[\wæøåäö]+", a.lower())}
    for label in printed:
        own = {stem(w) for w in re.findall(r"[\wæøåäö]+", label.lower()) if w not in STOPWORDS and not w.isdigit()}
        if len(own) >= 2 and own <= left and not own & shown:
            return label
    return None


def distinctive_name_words(name_words) -> frozenset[str]:
    """Of an organisation's words as a question writes them (stems and words), those that tell it from other bodies:
    never a word of its kind or legal form ("kommune", "IKS", "county"; any municipality's sentence writes "kommuner"),
    a stopword or a word under three letters."""
    from app.engine.families.cell_lookup import ORG_GENERIC

    generic = ORG_GENERIC | {stem(w) for w in FORM_WORDS} | set(FORM_WORDS)
    return frozenset(w for w in name_words if len(w) >= 3 and w not in STOPWORDS and w not in generic
                     and stem(w) not in generic)
