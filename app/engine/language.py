"""The question's language (bokmål nb, nynorsk nn, English en) and answers in nynorsk.

Answer sentences are written in bokmål or English by the families; for a nynorsk question the engine's
own words are put into nynorsk (`to_nynorsk`), while everything quoted from the data — labels in «»,
names and values from the rows, metric names — is left as written.
"""
from __future__ import annotations

import re

from app.engine.text import pattern

# Words only nynorsk writes (question words, pronouns, verbs, spellings of common nouns).
NYNORSK_MARKERS = re.compile(
    r"\b(kva|kor|korleis|kven|kvifor|ikkje|frå|eit|dei|vart|fekk|tilsette|sjukefråvær\w*|rekneskap\w*|eining\w*"
    r"|kommunane|kommunar|innbyggjar\w*|mykje|tal|talet|høgast|lågast|auka|utvikla|samanlikn\w*|veke|vekene"
    r"|månad\w*|løn|heile|berre|hjå|ho|òg|einskild\w*|noko|nokon|mellom anna|desse|berekna)\b",
    re.I)
BOKMAL_MARKERS = re.compile(
    r"\b(hva|hvor|hvordan|hvem|hvorfor|hvilken|hvilke|hvilket|ikke|fra|et|de|ble|fikk|ansatte|sykefravær\w*"
    r"|regnskap\w*|enhet\w*|kommunene|innbygger\w*|mye|tall|tallet|høyest|lavest|økte|utviklet|sammenlign\w*|uke"
    r"|måned\w*|hele|bare|hos|også|endret|endringen|årene)\b", re.I)

# bokmål -> nynorsk for the engine's own words (whole words, case kept on the first letter).
NB_TO_NN = {
    "jeg": "eg", "ikke": "ikkje", "fra": "frå", "hvilket": "kva", "hvilken": "kva", "hvilke": "kva", "hva": "kva",
    "hvor": "kor", "mener": "meiner", "finnes": "finst", "kilde": "kjelde", "tolket": "tolka", "fant": "fann",
    "gjelder": "gjeld", "blant annet": "mellom anna", "dataene": "dataa", "enheter": "einingar", "enhet": "eining",
    "enheten": "eininga", "et": "eit", "lest": "lese", "regnet": "rekna", "rapporttabellene": "rapporttabellane",
    "rapporttabellen": "rapporttabellen", "rapportteksten": "rapportteksten", "tallene": "tala", "tallet": "talet",
    "tall": "tal", "oppgi": "skriv", "mål": "mål", "regnskap": "rekneskap", "regnskapstabellene": "rekneskapstabellane",
    "regnskapslinje": "rekneskapsline", "regnskapslinjen": "rekneskapslina", "tabellraden": "tabellrada",
    "tabellrad": "tabellrad", "året": "året", "før": "før", "endring": "endring", "brukt": "brukt", "svaret": "svaret",
    "alene": "åleine", "oppgitt": "oppgitt", "rapportert": "rapportert", "ingenting": "ingenting", "slik": "slik",
    "de": "dei", "er": "er", "trykt": "trykt", "skrevet": "skrive", "kan": "kan", "gi": "gje", "uten": "utan",
    "fordeling": "fordeling", "fordelingen": "fordelinga", "måned": "månad", "per": "per", "kvartal": "kvartal",
    "spørres": "vert spurt", "rapportene": "rapportane", "setning": "setning", "noe": "noko", "slikt": "slikt",
    "ingen": "ingen", "passer": "passar", "saksdataene": "saksdataa", "dekker": "dekkjer", "perioden": "perioden",
    "finnes for": "finst for", "utvikling": "utvikling", "sykefravær": "sjukefråvær", "ansatte": "tilsette",
    "mot": "mot", "budsjett": "budsjett", "avvik": "avvik", "kontolinjer": "kontoliner", "tabellen": "tabellen",
    "kostnadsfordeling": "kostnadsfordeling", "snitt": "snitt", "tidligere": "tidlegare", "år": "år",
    "rader": "rader", "celler": "celler", "i alt": "i alt", "hele": "heile", "bare": "berre", "også": "òg",
    "samme": "same", "mellom": "mellom", "saker": "saker", "gjennomsnitt": "gjennomsnitt", "hver": "kvar",
    "høyest": "høgast", "lavest": "lågast", "innbyggere": "innbyggjarar", "innbygger": "innbyggjar", "samlet": "samla",
}
_PHRASES = sorted(NB_TO_NN, key=len, reverse=True)
_PATTERN = re.compile(r"(?<![\wæøåÆØÅ])(" + "|".join(re.escape(p) for p in _PHRASES) + r")(?![\wæøåÆØÅ])", re.I)


def detect(question: str, english_cues: re.Pattern, norwegian_cues: re.Pattern) -> str:
    """en when English cue words outnumber Norwegian ones; nn when nynorsk-only words outnumber
    bokmål-only words; else nb."""
    en = len(english_cues.findall(question))
    no = len(norwegian_cues.findall(question))
    if en > no:
        return "en"
    nn = len(NYNORSK_MARKERS.findall(question))
    nb = len(BOKMAL_MARKERS.findall(question))
    return "nn" if nn > nb else "nb"


def _case(word: str, like: str) -> str:
    return word[:1].upper() + word[1:] if like[:1].isupper() else word


def to_nynorsk(text: str, keep=()) -> str:
    """The engine's bokmål words in nynorsk; «quoted» labels and the strings in `keep` (names and values
    from the rows) are left as written."""
    if not text:
        return text
    protected = sorted({k for k in keep if isinstance(k, str) and len(k) >= 2}, key=len, reverse=True)
    pieces = re.split(r"(«[^»]*»)", text)
    out = []
    for piece in pieces:
        if piece.startswith("«"):
            out.append(piece)
            continue
        holes: list[str] = []

        def hide(m):
            holes.append(m.group(0))
            return f"\x00{len(holes) - 1}\x00"

        for k in protected:
            piece = pattern(r"(?<![\wæøåÆØÅ])" + re.escape(k) + r"(?![\wæøåÆØÅ])").sub(hide, piece)
        piece = _PATTERN.sub(lambda m: _case(NB_TO_NN[m.group(0).lower()], m.group(0)), piece)
        piece = re.sub("\x00(\\d+)\x00", lambda m: holes[int(m.group(1))], piece)
        out.append(piece)
    return "".join(out)
