"""Words that name a kind of organisational unit ("sektor", "enhet", "eining", "avdeling", "förvaltning", "nämnd",
"kontor", "stab" ...) with the endings each takes, in bokmål, nynorsk and Swedish/Danish: the one home of these words.

The reader (a table whose corner or caption declares its rows units, flows/reports/unit_rows.py; a report about a
part of an organisation, flows/reports/scope.py) and the question engine (a unit a question names by its kind,
app/engine/names.py) build their patterns from here, each with the heads it needs: one word learnt (a new head, a
missing ending) is learnt by every reader of it. Language data, no names. Pure.
"""
from __future__ import annotations

# A head noun and the endings its forms add (definite, plural, definite plural; bokmål, nynorsk, Swedish/Danish).
# A compound ending in the head ("Økonomiavdelinga", "Socialförvaltningen") takes the same endings.
UNIT_NOUNS: dict[str, tuple[str, ...]] = {
    "sektor": ("en", "er", "ar", "ane", "ene"),
    "enhet": ("en", "a", "er", "ene"),
    "resultatenhet": ("en", "a", "er", "ene"),
    "eining": ("a", "ar", "ane"),
    "avdeling": ("a", "en", "er", "ar", "ane", "ene"),
    "avdelning": ("en", "ar", "arna"),
    "seksjon": ("en", "ar", "er"),
    "sektion": ("en", "er"),
    "kontor": ("et", "a", "er", "ene"),
    "senter": ("et",),
    "sentr": ("et", "a", "e", "ene"),  # "sentret", "sentra", "sentre", "sentrene" (nb/nn forms of "senter")
    "torg": ("et",),
    "etat": ("en",),
    "stab": ("en", "ar", "er", "s"),
    "forvaltning": ("en", "ar", "er"),
    "förvaltning": ("en", "ar", "er"),
    "nämnd": ("en", "er", "erna"),
    "virksomhet": ("en", "er", "ene"),
    "verksemd": ("a", "er", "ene"),
    "verksamhet": ("en", "er", "erna"),
    "tjenesteområde": ("t", "r", "ne"),
    "tenesteområde": ("t", "r", "ne"),
    "rammeområde": ("t", "r", "ne"),
    "kommunalområde": ("t", "r", "ne"),
}

# the heads a table's corner or caption uses to say its rows are units ("Sektor", "Enhet", "Tjenesteområde")
ROW_KINDS = ("sektor", "enhet", "eining", "tjenesteområde", "tenesteområde", "rammeområde", "kommunalområde",
             "virksomhet", "verksemd", "avdeling", "resultatenhet", "förvaltning", "verksamhet", "nämnd", "sektion")
# the heads a unit's own name ends in ("Økonomiavdelinga", "IT-enheten", "Servicetorget", "Legekontoret")
COMPOUND_KINDS = ("enhet", "eining", "avdeling", "kontor", "senter", "sentr", "torg", "etat", "seksjon", "stab")
# the heads that name a part of an organisation as the end of a compound ("Helsesektoren", "Miljönämnden")
PART_KINDS = ("sektor", "enhet", "eining", "avdeling", "avdelning", "seksjon", "forvaltning", "nämnd", "kontor",
              "stab")
# the labels of a form-like title page's field that names a unit or part ("Enhet: ...", "Nämnd: ...")
FIELD_KINDS = ("enhet", "eining", "avdeling", "avdelning", "sektor", "verksamhet", "forvaltning", "förvaltning",
               "nämnd")

_BOUND = {"sentr"}  # a stem that never stands without an ending

_FOLD = str.maketrans({"æ": "a", "ø": "o", "å": "a", "ä": "a", "ö": "o", "é": "e", "ü": "u"})


def fold(text: str) -> str:
    """Lower case without æ, ø, å, ä, ö, keeping the length (an offset in the folded text is one in the text)."""
    return text.lower().translate(_FOLD)


def unit_kind_forms(heads, folded: bool = False) -> str:
    """A regex alternation (no group, no anchors) of every form of `heads` ("sektor(?:en|er|ar|ane|ene)?|..."),
    folded (see `fold`) when the pattern is matched against folded text."""
    out = []
    for head in heads:
        word = fold(head) if folded else head
        ends = "|".join(fold(e) if folded else e for e in UNIT_NOUNS[head])
        out.append(f"{word}(?:{ends}){'' if head in _BOUND else '?'}" if ends else word)
    return "|".join(dict.fromkeys(out))


def unit_kind_heads(heads, folded: bool = False) -> str:
    """A regex alternation of the bare `heads` (a field's label: "Enhet:", "Nämnd:")."""
    return "|".join(dict.fromkeys(fold(h) if folded else h for h in heads))
