"""Numbers written as words: the one home of the number words of bokmål, nynorsk, Danish, Swedish and English.

A report writes small counts in words ("tre stasjoner", "ti styremøter", "to ordinære møter", "tolv eigarkommunar",
"three stations", "tolv sammanträden"); a question writes them too ("de siste tre årene", "the last five years").
The words are data here, per language; the readers decide where a word is a count (`flows.reports.prose`: before
the noun it counts, never in an idiom) and the planner reads spans of years with them.

"One" is no entry: "en", "ett", "ein", "one" are articles and pronouns first ("en del", "ett par", "one of them").
"""
from __future__ import annotations

_NB = {"to": 2, "tre": 3, "fire": 4, "fem": 5, "seks": 6, "sju": 7, "syv": 7, "åtte": 8, "ni": 9, "ti": 10,
       "elleve": 11, "tolv": 12, "tretten": 13, "fjorten": 14, "femten": 15, "seksten": 16, "sytten": 17, "atten": 18,
       "nitten": 19, "tjue": 20, "tretti": 30, "førti": 40, "femti": 50, "seksti": 60, "sytti": 70, "åtti": 80,
       "nitti": 90, "hundre": 100}
_NN = {**_NB, "tjuge": 20, "tretti": 30, "førti": 40}
_DA = {"to": 2, "tre": 3, "fire": 4, "fem": 5, "seks": 6, "syv": 7, "otte": 8, "ni": 9, "ti": 10, "elleve": 11,
       "tolv": 12, "tretten": 13, "fjorten": 14, "femten": 15, "seksten": 16, "sytten": 17, "atten": 18, "nitten": 19,
       "tyve": 20, "tredive": 30, "fyrre": 40, "halvtreds": 50, "tres": 60, "halvfjerds": 70, "firs": 80,
       "halvfems": 90, "hundrede": 100}
_SV = {"två": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6, "sju": 7, "åtta": 8, "nio": 9, "tio": 10, "elva": 11,
       "tolv": 12, "tretton": 13, "fjorton": 14, "femton": 15, "sexton": 16, "sjutton": 17, "arton": 18, "nitton": 19,
       "tjugo": 20, "trettio": 30, "fyrtio": 40, "femtio": 50, "sextio": 60, "sjuttio": 70, "åttio": 80, "nittio": 90,
       "hundra": 100}
_EN = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
       "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
       "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
       "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100}

BY_LANGUAGE: dict[str, dict[str, int]] = {"nb": _NB, "nn": _NN, "da": _DA, "sv": _SV, "en": _EN}
# the Scandinavian words in one table (a word two languages share has one value in both)
SCANDINAVIAN: dict[str, int] = {w: n for lang in ("nb", "nn", "da", "sv") for w, n in BY_LANGUAGE[lang].items()}
ENGLISH: dict[str, int] = dict(_EN)
ALL: dict[str, int] = {**SCANDINAVIAN, **ENGLISH}
HUNDRED_WORDS = ("hundre", "hundrede", "hundra", "hundred")

# the nouns after a number word that make it no count of anything: a multiplier ("tre ganger så mange", "three
# times"), a fraction ("to tredjedeler", "two thirds"), a pair of words ("en eller to"), a time of day
NOT_COUNTED = frozenset("""
ganger gonger gånger gange gangen times fold
tredjedeler tredjedelar tredjedelen tredjedelene tredjedele tredjedelarna fjerdedeler fjerdedelar femtedeler
tiendedeler thirds quarters fifths halves
or and of to eller og och klokka klokken
""".split())


def value(word: str) -> int | None:
    """The number a word writes, in any of the languages ("tolv" 12, "three" 3, "tjuge" 20), else None."""
    return ALL.get(word.lower())


def is_english(word: str) -> bool:
    return word.lower() in ENGLISH and word.lower() not in SCANDINAVIAN
