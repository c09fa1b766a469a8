"""Words that say what kind of body an organisation is — "... kommune", "... fylkeskommune", "Region ...",
"... läns landsting", "Räddningstjänsten ...", "... brann- og redningsvesen IKS", "Interkommunalt arkiv ... IKS" —
in bokmål, nynorsk, Swedish and Danish: the one home of these words, and of the initials a name gives.

The reader (which organisation a report is about, flows/reports/organisation.py) and the question engine (an
organisation a question names by its initials or its place name, app/engine/names.py, app/engine/catalog.py) build
their patterns from here; dbt_project/macros/organisation_names.sql repeats the generic words for the names'
match keys (tests/flows/test_org_kinds.py keeps the two in step). Language data, no names. Pure.
"""
from __future__ import annotations

import re
from itertools import product

# A word (or phrase) that ends a body's name, and the kind it makes. Forms as written; a capitalised form
# ("Eksempel Kommune", Danish and some Swedish names) is the same kind.
NAME_ENDS: dict[str, str] = {
    "fylkeskommune": "fylkeskommune", "fylkeskommunes": "fylkeskommune",
    "kommune": "kommune", "kommunes": "kommune", "herad": "kommune", "herads": "kommune",
    "kommun": "kommune", "kommuns": "kommune", "stad": "kommune", "stads": "kommune",
    "landsting": "fylkeskommune", "landstings": "fylkeskommune",
    "läns landsting": "fylkeskommune", "läns landstings": "fylkeskommune",
    "kommunalförbund": "interkommunalt samarbeid", "kommunalförbunds": "interkommunalt samarbeid",
    # joint services that are bodies of their own (a fire service, an emergency clinic, an audit)
    "brann- og redningsvesen": "interkommunalt samarbeid", "brann og redning": "interkommunalt samarbeid",
    "brannvesen": "interkommunalt samarbeid", "redningsvesen": "interkommunalt samarbeid",
    "brann- og redningstjeneste": "interkommunalt samarbeid", "brann og redningstjeneste": "interkommunalt samarbeid",
    "redningstjeneste": "interkommunalt samarbeid", "brann- og redningsteneste": "interkommunalt samarbeid",
    "redningsteneste": "interkommunalt samarbeid",
    "brandförsvar": "interkommunalt samarbeid", "räddningstjänst": "interkommunalt samarbeid",
    "räddningstjänstförbund": "interkommunalt samarbeid", "legevakt": "interkommunalt samarbeid",
    "revisjon": "interkommunalt samarbeid", "kontrollutvalgssekretariat": "interkommunalt samarbeid",
}
# Ends that only close a name beside a capitalised run of at least two words or a title ("Eksempel legevakt" in a
# municipality's report is one of its units): the joint services above, not "kommune".
SERVICE_ENDS = frozenset(k for k, v in NAME_ENDS.items() if v == "interkommunalt samarbeid"
                         and not k.startswith("kommunalförbund"))

# Legal forms written after a name ("... IKS", "... AS", "... KF"); they close a name of any kind.
LEGAL_FORMS: dict[str, str] = {"IKS": "selskap", "AS": "selskap", "ASA": "selskap", "KF": "selskap", "SA": "selskap",
                               "AB": "selskap"}

# Words that begin a body's name before its place name ("Region Eksempelland", "Räddningstjänsten Exempeldal",
# "Interkommunalt arkiv Eksempel IKS"), as written (capitalised), and the kind they make.
NAME_STARTS: dict[str, str] = {
    "Region": "fylkeskommune", "Landstinget": "fylkeskommune", "Kommunalförbundet": "interkommunalt samarbeid",
    "Räddningstjänsten": "interkommunalt samarbeid", "Räddningstjänstförbundet": "interkommunalt samarbeid",
    "Samordningsförbundet": "interkommunalt samarbeid", "Brannvesenet": "interkommunalt samarbeid",
    "Interkommunalt": "interkommunalt samarbeid", "Interkommunale": "interkommunalt samarbeid",
    "Interkommunal": "interkommunalt samarbeid",
}

# Lower-case words a body's name may carry between its place name and its kind ("... brann- og redningsvesen IKS",
# "Interkommunalt arkiv ... IKS"): beginnings of words for the service the body runs.
SERVICE_STEMS = ("brann", "redning", "legevakt", "revisjon", "arkiv", "renovasjon", "avfall", "miljø", "vann",
                 "avløp", "havn", "hamn", "ikt", "innkjøp", "krisesenter", "barnevern", "kontrollutval", "sekretariat",
                 "räddning", "brand", "samarbeid", "drift", "data", "digital", "friluft", "kemikal", "vatten",
                 "renhåll", "gymnas", "utdanning", "opplæring", "tolk", "pedagogisk", "psykolog")

# Words joining the words of a name ("<Vest> og <Sør>", "Landstinget i ...").
JOINERS = ("og", "i", "på", "och", "und", "for", "&")

# Words before a place that say which part of it a body serves ("Nedre ...", "Västra ...", "Sør-..."): a name of one of
# them and a place may be asked by the place alone.
PLACE_MODIFIERS = frozenset("""
nedre øvre övre ytre indre midt midtre nordre søndre sondre vestre østre ostre västra östra norra södra nord sør syd
vest øst väst öst store stor lille nye norr söder
""".split())

# The initials a kind word gives in a short form ("FK" for "fylkeskommune", "KF" for "kommunalförbund").
KIND_INITIALS: dict[str, tuple[str, ...]] = {
    "fylkeskommune": ("fk", "f"), "kommune": ("k",), "herad": ("h",), "kommun": ("k",), "stad": ("s",),
    "landsting": ("lt", "l"), "läns": ("l",), "kommunalförbund": ("kf", "k"), "region": ("r",),
    "interkommunalt": ("ik", "i"), "interkommunale": ("ik", "i"), "räddningstjänsten": ("rt", "r", "rtj"),
    "räddningstjänst": ("rt", "r"), "brandförsvar": ("bf", "b"), "redningsvesen": ("r", "rv"),
    "brannvesen": ("b", "bv"), "legevakt": ("l", "lv"), "redningstjeneste": ("r", "rt"), "redningsteneste": ("r", "rt"),
}
# Kind words and legal forms, lower case: what a name's initials may leave out, and its generic words.
FORM_WORDS = frozenset({w for k in NAME_ENDS for w in k.replace("-", " ").split() if w not in JOINERS}
                       | {k.lower() for k in NAME_STARTS} | {k.lower() for k in LEGAL_FORMS}
                       | {"kommunen", "fylkeskommunen", "heradet", "regionen", "interkommunale", "interkommunalt",
                          "selskap", "selskapet", "municipality", "county", "fylke", "fylkes"})


# The kind words as a question writes them besides a name's end: the definite forms ("kommunen", "heradet": "hele
# kommunen", "the whole municipality") and the English words ("Nordby municipality", "the county"), and the kind each
# names.
DEFINITE_KINDS: dict[str, str] = {"kommunen": "kommune", "heradet": "kommune", "fylkeskommunen": "fylkeskommune",
                                  "kommunens": "kommune", "fylkeskommunens": "fylkeskommune"}
ENGLISH_KINDS: dict[str, str] = {"municipality": "kommune", "county": "fylkeskommune"}
PUBLIC_KINDS = ("kommune", "fylkeskommune")  # a municipality or a county municipality


def kind_words(kinds=PUBLIC_KINDS, *, genitive: bool = True, definite: bool = False, english: bool = False,
               legal: bool = False) -> list[str]:
    """The words that say a body is of one of `kinds` ("kommune", "herad", "kommun", "landsting" for kommune and
    fylkeskommune), lower case, with their genitives ("kommunes"), definite forms ("kommunen"), English words
    ("municipality") and legal forms as written ("IKS", "AS") when asked; longest first (for a regular expression)."""
    def wanted(w: str, kind: str) -> bool:  # a genitive is the word and an s ("kommunes", "kommunens")
        return kind in kinds and (genitive or not (w.endswith("s") and (w[:-1] in NAME_ENDS or w[:-1] in DEFINITE_KINDS)))

    out = {w for w, k in NAME_ENDS.items() if wanted(w, k)}
    if definite:
        out |= {w for w, k in DEFINITE_KINDS.items() if wanted(w, k)}
    if english:
        out |= {w for w, k in ENGLISH_KINDS.items() if k in kinds}
    if legal:
        out |= set(LEGAL_FORMS)
    return sorted(out, key=lambda w: (-len(w), w))


def kind_pattern(kinds=PUBLIC_KINDS, **forms) -> str:
    """kind_words as one group of a regular expression: "(?:fylkeskommunes|fylkeskommune|…|IKS|AS)"."""
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in kind_words(kinds, **forms)) + ")"


def name_ends(*, service: bool = True) -> list[str]:
    """The name ends as written, lower case and capitalised, longest first (for a regular expression)."""
    ends = [k for k in NAME_ENDS if service or k not in SERVICE_ENDS]
    forms = set(ends) | {k[:1].upper() + k[1:] for k in ends}
    return sorted(forms, key=len, reverse=True)


def kind_of_end(end: str) -> str | None:
    return NAME_ENDS.get(end) or NAME_ENDS.get(end[:1].lower() + end[1:]) or LEGAL_FORMS.get(end)


# The short forms of the kind words helpdesk exports write after a name ("X k.", "X kom.", "X fk."); the dbt macro
# organisation_generic_words repeats them.
KIND_ABBREVIATIONS = ("k", "kom", "fk", "fylkesk")


def names_organisation(text: str | None) -> bool:
    """Whether a cell names a body by its kind: "X kommune", "X k.", "X Kommune - Helse", "X IKS", the last part of a
    customer tree path ("Rot > IKS > X kommune"). A person, a device or a free text names none."""
    if not text:
        return False
    leaf = re.split(r">|::", text)[-1].strip()
    words = re.findall(r"[^\W\d_]+\.?", leaf)
    if not words or len(words) > 8:
        return False
    lower = [w.rstrip(".").lower() for w in words]
    if any(w in NAME_ENDS or w in DEFINITE_KINDS or w in ENGLISH_KINDS for w in lower[1:]):
        return True
    if any(w.rstrip(".") in LEGAL_FORMS for w in words[1:]):
        return True
    # an abbreviation only as the name's last word and written with its point ("Holtevik k.")
    return len(words) >= 2 and words[-1].endswith(".") and lower[-1] in KIND_ABBREVIATIONS


def is_service_word(word: str) -> bool:
    """A lower-case word for the service a body runs ("brann-", "redningsvesen", "arkiv")."""
    return word[:1].islower() and word.lower().startswith(SERVICE_STEMS)


def initial_forms(name: str) -> set[str]:
    """The short forms a reader may write for a name of two words or more, lower case, three letters or more:
    "vosfk" and "vsfk" and "vos" for "<Vest> og <Sør> fylkeskommune", "sbr" for "<Sør> brann- og redningsvesen IKS".
    A joining word gives its initial or nothing, a kind word its initials or nothing, a word in capitals stands whole
    (an acronym inside the name), a legal form nothing."""
    words = [w for w in re.split(r"[\s/]+|(?<=\w)-(?=\s|$)", name.strip()) if w and w != "-"]
    options: list[tuple[str, ...]] = []
    for w in words:
        low = w.lower().strip("-.,()")
        if not low:
            continue
        if w in LEGAL_FORMS:
            options.append(("",))
        elif low in JOINERS:
            options.append(("", low[0]) if low[0].isalpha() else ("",))
        elif low in KIND_INITIALS:
            options.append(("", *KIND_INITIALS[low]))
        elif low in FORM_WORDS:
            options.append(("", low[0]))
        elif w.isupper() and len(w) > 1:
            options.append((low,))
        elif "-" in low:  # "Sør-Eksempel": each part, or the first
            parts = [p for p in low.split("-") if p]
            options.append(("".join(p[0] for p in parts), parts[0][0]))
        else:
            options.append((low[0],))
    if sum(1 for o in options if o != ("",)) < 2:
        return set()
    out = set()
    for combo in product(*options):
        form = "".join(combo)
        if 3 <= len(form) <= 8 and form.isalpha():
            out.add(form)
        if len(out) > 64:
            break
    return out


def plain_initials(name: str) -> str | None:
    """The first letters of a name's words, joining words, a municipality's kind word and the legal form left out, a
    word in capitals whole:
    "sbr" for "<Sør> brann- og redningsvesen IKS". None when fewer than three letters."""
    words = [w for w in re.split(r"[\s/]+|(?<=\w)-(?=\s|$)", name.strip()) if w and w != "-"]
    out = "".join(w.lower() if w.isupper() and len(w) > 1 else "".join(p[0] for p in w.lower().split("-") if p)
                  for w in words if w not in LEGAL_FORMS and w.lower() not in JOINERS and w[0].isalpha()
                  and NAME_ENDS.get(w.lower()) not in ("kommune", "fylkeskommune"))
    return out if len(out) >= 3 and out.isalpha() else None


# The word for a port in the Nordic languages, written first in a word of a body's name ("<Place> Havn IKS",
# "<Place> hamnevesen", "<Place> Havne-"): bokmål and Danish "havn", nynorsk and Swedish "hamn" -- one name however a
# question spells it. Never a kind word: "<Town> Havn" is the port's own name, never the town's municipality.
PORT_WORDS = ("havn", "hamn")
_PORT_WORD = re.compile(rf"(?<![\wæøåäö])({'|'.join(PORT_WORDS)})(?=[\wæøåäö]*)")


def port_spellings(name: str) -> set[str]:
    """A lower-case name with the port word that starts one of its words in every other Nordic spelling ("eksempel
    havn iks" -> "eksempel hamn iks", "eksempel hamnevesen" -> "eksempel havnevesen"), and as English names a port
    ("port of eksempel", "eksempel port"); a port word inside a place's name ("<place>havn") is left as it is. Empty
    when the name has none."""
    if not _PORT_WORD.search(name):
        return set()
    out = {_PORT_WORD.sub(word, name) for word in PORT_WORDS}
    last = _PORT_LAST.fullmatch(name)
    if last:  # the port by its word alone ("eksempel hamn" for "eksempel havnevesen") and as English names it
        place = last.group("place")
        out |= {f"{place} {word}" for word in PORT_WORDS} | {f"port of {place}", f"{place} port"}
    return out - {name}


# a name whose last word (before its legal form) is the port's ("eksempel havn iks", "eksempel og omland hamnevesen")
_PORT_LAST = re.compile(rf"(?P<place>.+?)\s+(?:{'|'.join(PORT_WORDS)})[\wæøåäö]*(?:\s+(?:iks|as|a/s|ks|sf))?")
