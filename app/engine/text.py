"""Normalising question text for the engines (numbers for people are formatted in app.engine.format)."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_PUNCT = re.compile(r"[^\w%/\-\s]", re.UNICODE)


_POSSESSIVE = re.compile(r"(\w)['\u2019]s\b")


@lru_cache(maxsize=1 << 16)
def normalise(text: str) -> str:
    """Lower-case, unify dashes and spaces, drop punctuation but keep '/', '-' and '%'. Remembered per text (a pure
    function of it): an answer normalises the same names, labels and metric names of the vocabulary many times."""
    text = unicodedata.normalize("NFC", text).lower()
    text = text.replace("\u2013", "-").replace("\u2014", "-").replace("\u2212", "-")
    text = _POSSESSIVE.sub(r"\1", text)  # English possessive: "Molde's budget" is about Molde
    text = _PUNCT.sub(" ", text)
    return re.sub(r"\s+", " ", text).strip()


# the Norwegian (and Swedish, German) letters as a file name or an e-mail domain writes them without them
ASCII_LETTERS = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "ä": "a", "ö": "o", "é": "e", "ü": "u"})


def ascii_name(name: str) -> str:
    """A (lower-case) name as an e-mail domain or a file name writes it without the Norwegian letters: æ as ae, ø as o, å as a
    ("aa" as a too): «Oksnes kommune» read from oksnes.kommune.no is "Øksnes kommune"."""
    return name.translate(ASCII_LETTERS).replace("aa", "a")


@lru_cache(maxsize=4096)
def pattern(regex: str) -> re.Pattern[str]:
    """`regex` compiled, remembered: for patterns built from the data's names and words ("(?<!\\w)<name>(?!\\w)"),
    more of them in one answer than the `re` module's own cache holds (512), so they were compiled again and again."""
    return re.compile(regex)


def tokens(text: str) -> list[str]:
    return normalise(text).split()
