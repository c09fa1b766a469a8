"""Which organisation a report is about, read from the document itself: its title lines, the names
it writes, and its file name. No list of organisations: a name is a run of capitalised words ending
in a word that says what kind of body it is ("... kommune", "... herad", "... fylkeskommune",
"... IKS", "... kommun"), or a capitalised run beside "Interkommunale". A short form the document
declares ("Digitale Eksempel IKS (DEI)", "ABC - Austre Bygder ...") is kept as an alias.

Choice: a name on a title line ("<name>, Årsrapport 2018", "Årsmelding 2014 for <name>") wins;
else the name the file name spells ("eksempel_herad_kostradokument_2008.txt"), written as the text
writes it; else the name the text writes most often (the longest form that is nearly as frequent
as its shorter forms, so "Digitale Eksempel IKS" beats "Eksempel IKS").
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable

_CAP = r"[A-ZÆØÅÄÖÜ][\wæøåäöüÆØÅÄÖÜ'’.-]*"
_JOIN = r"(?:og|i|på|und)"
TYPE_WORDS = {
    "fylkeskommune": "fylkeskommune", "fylkeskommunes": "fylkeskommune",
    "kommune": "kommune", "kommunes": "kommune", "herad": "kommune", "herads": "kommune",
    "kommun": "kommune", "kommuns": "kommune",
    # capitalised as Danish and some Swedish/Norwegian names write them ("Eksempel Kommune"); Swedish cities
    # ("Eksempels Stad", "Exempel stad"), county councils ("Exempel läns landsting"), joint bodies
    "Kommune": "kommune", "Kommunes": "kommune", "Kommun": "kommune", "Kommuns": "kommune",
    "Fylkeskommune": "fylkeskommune", "Herad": "kommune",
    "Stad": "kommune", "Stads": "kommune", "stad": "kommune", "stads": "kommune",
    "landsting": "fylkeskommune", "landstings": "fylkeskommune",
    "kommunalförbund": "interkommunalt samarbeid", "Kommunalförbund": "interkommunalt samarbeid",
    "IKS": "selskap", "AS": "selskap", "ASA": "selskap", "KF": "selskap", "SA": "selskap",
}
_TYPE = "|".join(sorted(TYPE_WORDS, key=len, reverse=True))
_NAMED = re.compile(rf"(?<![\wæøåÆØÅ])((?:{_CAP}\s+(?:{_JOIN}\s+)?){{1,5}}?)({_TYPE})(?![\wæøåÆØÅ])")
_INTERKOMMUNAL = re.compile(rf"(?<![\wæøåÆØÅ])((?:{_CAP}\s+){{1,3}}Interkommunale?\s+{_CAP})")
_IT_BODY = re.compile(rf"(?<![\wæøåÆØÅ])((?:{_CAP}\s+){{1,2}}(?:IKT|IT))(?![\wæøåÆØÅ])")
REPORT_KINDS = (r"årsrapport|årsmelding|årsberetning|årsredovisning|årsregnskap|budsjett|budget\w*|økonomiplan|"
                r"handlings\w*|kostradokument|kostra|rapport|verksamhetsberättelse|delårsrapport|tertialrapport")
_TITLE = re.compile(rf"\b(?:{REPORT_KINDS})\b.*\b(?:19|20)\d\d\b|\b(?:19|20)\d\d\b.*\b(?:{REPORT_KINDS})\b", re.I)
_LABEL = re.compile(r"^\W*(?:source|kilde|kjelde|utgiver|utgjevar|publisert av|title|tittel)\s*:\s*", re.I)
# capitalised words that start sentences or headings, never part of a body's name
_NOT_NAME = {
    "i", "og", "for", "den", "det", "de", "hele", "heile", "alle", "vår", "vårt", "til", "av", "fra", "frå",
    "om", "med", "som", "innhold", "innhald", "styret", "styrets", "rådmannen", "rådmannens", "kommunedirektøren",
    "kommunedirektørens", "årsrapport", "årsmelding", "årsberetning", "rapport", "side", "sak", "vedtak",
    "kontrollutvalget", "formannskapet", "kommunestyret", "bystyret", "fylkestinget", "source", "kilde", "kjelde",
    "etter", "under", "over", "mellom", "ved", "når", "dette", "denne", "disse", "dei", "eit", "ein", "en", "et",
    "the", "of", "and", "in", "page", "report", "annual", "web", "edition", "development", "corpus", "document",
    # words of a table's head before a "Kommune" column ("Nr. Kommune Skatt")
    "nr", "nummer", "navn", "namn", "sum", "totalt", "alle",
}
_ACRONYM = r"[A-ZÆØÅ][A-ZÆØÅ0-9&]{1,6}"


@dataclass(frozen=True)
class Organisation:
    name: str | None
    kind: str | None  # "kommune" | "fylkeskommune" | "selskap" | "interkommunalt samarbeid"
    aliases: tuple[str, ...] = field(default=())


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(c for c in text if not unicodedata.combining(c)).replace("ø", "o").replace("æ", "ae")
    return " ".join(re.findall(r"[a-z0-9]+", text))


def _clean(words: list[str]) -> list[str]:
    while words and (words[0].lower().strip(".") in _NOT_NAME or re.fullmatch(r"[\d.]+", words[0])):
        words = words[1:]
    while words and words[0].lower() in ("og", "i", "på", "und"):
        words = words[1:]
    return words


@lru_cache(maxsize=1 << 14)
def _candidates(text: str) -> tuple[tuple[str, str | None], ...]:
    """The names one line writes; cached: the organisation is looked for in the layout's lines and again in
    the reader's line stream, mostly the same text."""
    return tuple(_names_in(text))


def _names_in(text: str) -> Iterable[tuple[str, str | None]]:
    for m in _NAMED.finditer(text):
        words = _clean(m.group(1).split())
        if words and words[-1].lower() not in ("og", "i", "på", "und"):
            type_word = m.group(2)
            if type_word in ("AS", "SA", "KF") and len(words) > 4:
                continue
            yield " ".join([*words, type_word]), TYPE_WORDS[type_word]
    for m in _INTERKOMMUNAL.finditer(text):
        words = _clean(m.group(1).split())
        if len(words) >= 3:
            yield " ".join(words), "interkommunalt samarbeid"
    for m in _IT_BODY.finditer(text):
        words = _clean(m.group(1).split())
        if len(words) >= 2:
            yield " ".join(words), None


def _suffixes(name: str) -> list[str]:
    """"Digitale Eksempel IKS" -> itself and "Eksempel IKS": a longer form counts for its shorter ones."""
    words = name.split()
    return [" ".join(words[i:]) for i in range(len(words) - 1)] if len(words) > 1 else [name]


def _file_hint(file_name: str) -> str | None:
    """The words of the file name before the report kind or the year: "eksempel_herad_kostradokument_2008" -> "eksempel herad"."""
    stem = re.sub(r"\.[a-z0-9]+$", "", file_name.lower())
    words = [w for w in re.split(r"[_\-\s.]+", stem) if w]
    out = []
    kinds = "|".join(_fold(k) for k in REPORT_KINDS.replace(r"\w*", "").split("|"))
    for w in words:
        if re.fullmatch(rf"(?:{kinds})\w*", _fold(w)) or re.fullmatch(r"\d+", w) or re.search(r"\d{3,}", w):
            break
        out.append(w)
    return " ".join(out) if out and len(out) <= 6 else None


def _from_file(hint: str) -> tuple[str, str | None] | None:
    words = hint.split()
    if len(words) < 2 or words[-1] not in {w.lower() for w in TYPE_WORDS}:
        return None
    type_word = next(w for w in TYPE_WORDS if w.lower() == words[-1])
    name = [w if w in ("og", "i") else w.capitalize() for w in words[:-1]]
    return " ".join([*name, type_word]), TYPE_WORDS[type_word]


def _aliases(text: str, name: str) -> tuple[str, ...]:
    """Short forms the text declares for the name: "<name> (DEI" and "ABC - <name>"."""
    found = []
    escaped = re.escape(name)
    for m in re.finditer(rf"{escaped}\s*\(\s*({_ACRONYM})\s*[,)]", text):
        found.append(m.group(1))
    for m in re.finditer(rf"(?<![\w])({_ACRONYM})\s*[-–—:]\s*{escaped}", text):
        found.append(m.group(1))
    return tuple(dict.fromkeys(a for a in found if a.lower() != name.lower()))


def _title_name(line: str) -> tuple[str, str | None, tuple[str, ...]] | None:
    """"<name> (<ACR>, ...), Årsrapport 2018, ..." or "Årsrapport 2018 <name>": the part that is not the kind."""
    text = _LABEL.sub("", line.strip().lstrip("#").strip())
    for found, kind in _candidates(text):
        return found, kind, ()
    head = re.split(rf"\s*(?:,|\s[-–—:]\s)\s*(?=(?:{REPORT_KINDS})\b)", text, maxsplit=1, flags=re.I)
    if len(head) == 2:
        m = re.match(rf"^({_CAP}(?:\s+[\wæøåÆØÅ'’.-]+){{0,5}}?)\s*(?:\(\s*({_ACRONYM})\b[^)]*\))?\s*$",
                     head[0].strip())
        if m:
            words = _clean(m.group(1).split())
            if words:
                return " ".join(words), None, ((m.group(2),) if m.group(2) else ())
    return None


def read_organisation(lines: list[str], file_name: str = "") -> Organisation:
    text = "\n".join(lines)
    counts: Counter[str] = Counter()
    kinds: dict[str, str | None] = {}
    for line in lines:
        for name, kind in _candidates(line):
            for short in _suffixes(name):
                counts[short] += 1
            kinds.setdefault(name, kind)
    chosen: tuple[str, str | None] | None = None
    declared: tuple[str, ...] = ()
    top = [ln.strip() for ln in lines[:40] if ln.strip()][:15]
    for line in top[:5]:  # a title page: the body's name on a line of its own
        whole = [(n, k) for n, k in _candidates(line) if n == line.strip(" .:")]
        if whole:
            chosen = whole[0]
            break
    for line in top if chosen is None else ():
        if _TITLE.search(line) and len(line) < 240:
            found = _title_name(line)
            if found:
                chosen, declared = (found[0], found[1]), found[2]
                break
    hint = _file_hint(file_name)
    if chosen is None and hint:
        folded = _fold(hint)
        matching = [n for n in kinds if _fold(n) == folded or _fold(n).startswith(folded + " ")
                    or folded.startswith(_fold(n))]
        if matching:
            best = max(matching, key=lambda n: (counts[n], len(n)))
            chosen = (best, kinds[best])
        else:
            chosen = _from_file(hint)
    if chosen is None and kinds:
        # the most named; then its longest form that is at least half as frequent
        top = max(kinds, key=lambda n: (counts[n], len(n)))
        longer = [n for n in kinds if n != top and n.endswith(" " + top) and counts[n] * 2 >= counts[top]]
        best = max(longer, key=len) if longer else top
        chosen = (best, kinds[best])
    if chosen is None:
        return Organisation(None, None)
    name, kind = chosen
    if re.fullmatch(_ACRONYM, name):  # "ABC - Årsmelding 2014": the long name the text declares for it
        spelled = [n for n in kinds if name in _aliases(text, n)]
        if spelled:
            declared = (*declared, name)
            name, kind = max(spelled, key=len), kinds[max(spelled, key=len)]
    if kind is None:
        kind = _kind_from_text(name, text)
    return Organisation(name, kind, tuple(dict.fromkeys((*declared, *_aliases(text, name)))))


def _kind_from_text(name: str, text: str) -> str:
    if re.search(r"\b(iks|as|asa|kf|sa)\b", name.lower()):
        return "selskap"
    if re.search(r"paragraf 27|§ ?27|eierkommune|interkommunal|samarbeid", text.lower()):
        return "interkommunalt samarbeid"
    return "selskap"
