"""Which organisation a report is about, read from the document itself: its title lines, the names
it writes, and its file name. No list of organisations: a name is a run of capitalised words ending
in a word that says what kind of body it is ("... kommune", "... herad", "... fylkeskommune", "... läns
landsting", "... stad", "... brann- og redningsvesen", "... legevakt", "... IKS", "... kommun"), a kind word
before a capitalised run ("Region ...", "Räddningstjänsten ...", "Interkommunalt arkiv ... IKS"), or a
capitalised run beside "Interkommunale". The kind words live in flows/org_kinds.py. A short form the document
declares ("Digitale Eksempel IKS (DEI)", "ABC - Austre Bygder ...", "(IKA Eksempel)") is kept as an alias, and
so is an acronym name ("ABC IKS") whose letters are the initials of the name's words.

Choice: a name on a title line ("<name>, Årsrapport 2018", "Årsmelding 2014 for <name>") wins;
else the name the file name spells ("eksempel_herad_kostradokument_2008.txt"), written as the text
writes it; else the name the text writes most often (the longest form that is nearly as frequent
as its shorter forms, so "Digitale Eksempel IKS" beats "Eksempel IKS"; a joint service's name without a
legal form, "Eksempel legevakt", counts half: in a municipality's report it is one of its units). An
acronym chosen ("ABC IKS") gives way to the long name it stands for.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable

from flows.org_kinds import (
    KIND_ABBREVIATIONS,
    LEGAL_FORMS,
    NAME_ENDS,
    NAME_STARTS,
    PORT_WORDS,
    SERVICE_ENDS,
    SERVICE_STEMS,
    initial_forms,
    is_service_word,
    kind_of_end,
    name_ends,
)

_CAP = r"[A-ZÆØÅÄÖÜ][\wæøåäöüÆØÅÄÖÜ'’.-]*"
_JOIN = r"(?:og|i|på|und|och|&)"
# a lower-case word for the service a body runs, inside its name ("... brann- og redningsvesen IKS")
_SERV = rf"(?:{'|'.join(SERVICE_STEMS)})[\wæøåäöü]*-?"
_ENDS = "|".join(re.escape(e).replace(r"\ ", r"\s+") for e in name_ends())
_LEGAL = "|".join(sorted(LEGAL_FORMS, key=len, reverse=True))
# the kind words as the reader has always taken them (TYPE_WORDS: every end, every legal form)
TYPE_WORDS = {**{e: kind_of_end(e) for e in name_ends()}, **LEGAL_FORMS}
_NAMED = re.compile(rf"(?<![\wæøåÆØÅÄÖ])((?:{_CAP}\s+(?:{_JOIN}\s+)?)(?:(?:{_CAP}|{_SERV})\s+(?:{_JOIN}\s+)?){{0,5}}?)"
                    rf"((?:{_ENDS})(?:\s+(?:{_LEGAL}))?|{_LEGAL})(?![\wæøåÆØÅÄÖ])")
_STARTS = "|".join(sorted(NAME_STARTS, key=len, reverse=True))
_PREFIXED = re.compile(rf"(?<![\wæøåÆØÅÄÖ])({_STARTS})\s+((?:{_SERV}\s+(?:{_JOIN}\s+)?){{0,3}})"
                       rf"((?:i\s+)?{_CAP}(?:\s+(?:{_JOIN}\s+)?{_CAP}){{0,3}})(?:\s+({_LEGAL}))?(?![\wæøåÆØÅÄÖ])")
_INTERKOMMUNAL = re.compile(rf"(?<![\wæøåÆØÅ])((?:{_CAP}\s+){{1,3}}Interkommunale?\s+{_CAP})")
# a port by its place and the word for a port, capitalised or not, with its legal form when written ("<Place> Havn",
# "<Place> og <Place> havnevesen", "<Place> Hamn IKS", "<Place> Havn A/S"): the port's own name (flows/org_kinds.py
# PORT_WORDS), never its town's municipality
_PORT = "|".join(PORT_WORDS)
_PORT_NAMED = re.compile(rf"(?<![\wæøåÆØÅÄÖ])((?:{_CAP}\s+(?:{_JOIN}\s+)?){{0,2}}{_CAP})\s+((?i:{_PORT})(?:e?vesen|e?væsen)?)"
                         rf"(?:\s+({_LEGAL}|A/S))?(?![\wæøåÆØÅÄÖ/])")
_IT_BODY = re.compile(rf"(?<![\wæøåÆØÅ])((?:{_CAP}\s+){{1,2}}(?:IKT|IT))(?![\wæøåÆØÅ])")
REPORT_KINDS = (r"årsrapport|årsmelding|årsberetning|årsredovisning|årsregnskap|budsjett|budget\w*|økonomiplan|"
                r"handlings\w*|kostradokument|kostra|rapport|verksamhetsberättelse|delårsrapport|tertialrapport|"
                r"perioderapport|kvartalsrapport|månedsrapport|månadsrapport|periodrapport")
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
_JOINERS = ("og", "i", "på", "und", "och", "for", "&")


@dataclass(frozen=True)
class Organisation:
    name: str | None
    kind: str | None  # "kommune" | "fylkeskommune" | "selskap" | "interkommunalt samarbeid"
    aliases: tuple[str, ...] = field(default=())
    source: str | None = None  # how the owner was decided: None = from the text, "file name" = from the file's name


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(c for c in text if not unicodedata.combining(c)).replace("ø", "o").replace("æ", "ae")
    return " ".join(re.findall(r"[a-z0-9]+", text))


def _clean(words: list[str]) -> list[str]:
    while words and (words[0].lower().strip(".") in _NOT_NAME or re.fullmatch(r"[\d.]+", words[0])):
        words = words[1:]
    while words and words[0].lower() in _JOINERS:
        words = words[1:]
    return words


# the report kinds as plain letters ("arsrapport", "okonomiplan"), for words in any casing and spelling ("ÅRsRAppORt",
# "aarsrapport", "ÅRSMELDING")
@lru_cache(maxsize=1)
def _report_folded() -> str:
    return "|".join(dict.fromkeys(_skeleton(k).replace(" ", "") for k in REPORT_KINDS.replace(r"\w*", "").split("|")))


def is_report_word(word: str) -> bool:
    """Whether a word says what kind of document a text is ("Årsrapport", "ÅRsRAppORt", "årsmeldinga", "BUDSJETT",
    "Tertialrapport", "aarsrapport"), in any casing: never a word of a body's name."""
    return bool(word) and re.fullmatch(rf"(?:{_report_folded()})\w*", _skeleton(word).replace(" ", "")) is not None


def _without_report_words(words: list[str]) -> list[str]:
    """A name's words after the last word of a report's kind ("Årsrapport 2014 Nordby" -> "Nordby"); a run that is
    all report words and numbers gives nothing."""
    cut = [i for i, w in enumerate(words) if is_report_word(w)]
    return _clean(words[cut[-1] + 1:]) if cut else words


# a run of words in capitals ("ØSTRE OG VESTRE EKSEMPEL KOMMUNE", "ÅRSMELDING 2016 FOR EKSEMPEL BRANN- OG REDNINGSVESEN IKS")
_UPPER_RUN = re.compile(r"(?<![\wæøåäöü])(?:[A-ZÆØÅÄÖÜ][A-ZÆØÅÄÖÜ'’.&-]*(?:\s+|$))+")
_END_WORDS = frozenset(w.strip("-") for e in NAME_ENDS for w in e.replace("-", "- ").split() if w not in ("og", "i"))


def _normal_case(text: str) -> str:
    """Names written in capitals read as names, in normal case: a run of words in capitals that holds a word of a
    body's kind ("ØSTRE OG VESTRE EKSEMPEL KOMMUNE" -> "Østre og Vestre Eksempel kommune", "MIDT-EKSEMPEL BRANN- OG REDNINGSVESEN IKS" ->
    "Midt-Eksempel brann- og redningsvesen IKS"); a run without one ("NBRA IKS", "ABC LØNN") is left as written (it may
    be an acronym)."""
    def cased(m: re.Match) -> str:
        run = m.group(0)
        tokens = run.split()
        if not any(t.lower().strip("-.") in _END_WORDS for t in tokens):
            return run
        out = []
        for t in tokens:
            low = t.lower()
            if t in LEGAL_FORMS:
                out.append(t)
            elif low in _JOINERS or low.strip("-.") in _END_WORDS or is_service_word(low):
                out.append(low)
            else:
                out.append("-".join(p[:1].upper() + p[1:] for p in low.split("-")))
        return " ".join(out) + (run[len(run.rstrip()):])
    return _UPPER_RUN.sub(cased, text)


@lru_cache(maxsize=1 << 14)
def _candidates(text: str) -> tuple[tuple[str, str | None], ...]:
    """The names one line writes; cached: the organisation is looked for in the layout's lines and again in
    the reader's line stream, mostly the same text. A name in capitals reads in normal case; a name never holds a word
    of a report's kind ("NBRA ÅRsRAppORt")."""
    return tuple(_names_in(_normal_case(text)))


def _names_in(text: str) -> Iterable[tuple[str, str | None]]:
    found: list[tuple[str, str | None]] = []
    for m in _NAMED.finditer(text):
        words = _clean(m.group(1).split())
        end = " ".join(m.group(2).split())
        last = end.split()[-1]
        legal = last if last in LEGAL_FORMS else None
        kind_end = end[: -len(last)].strip() if legal and end != last else (None if legal else end)
        if not (legal or kind_end in SERVICE_ENDS or (kind_end or "").lower() in SERVICE_ENDS):
            # "Vann og avløp i Eksempelby kommune": a municipality's name is capitalised words only
            while words and any(w[:1].islower() and w.lower() not in _JOINERS for w in words):
                words = words[1:]
            # "Fråværet i Eksempelby kommune", "Skolene på Eksempelby kommune": a sentence's word before "i"/"på"
            # (a municipality's name joins its words by "og" at most)
            cut = [i for i, w in enumerate(words) if w in ("i", "på") and i]
            if cut:
                words = words[cut[-1] + 1:]
            words = _clean(words)
        else:  # "Avfall og vann i Eksempel IKS": the service words before "i" are a sentence's, not the name's
            cut = [i for i, w in enumerate(words) if w in ("i", "på", "for") and i and words[i - 1][:1].islower()]
            if cut:
                words = _clean(words[cut[-1] + 1:])
        words = _without_report_words(words)
        if words and words[-1].lower() not in _JOINERS:
            if legal in ("AS", "SA", "KF", "AB") and len(words) > 4:
                continue
            kind = LEGAL_FORMS[legal] if legal else kind_of_end(end)
            found.append((" ".join([*words, end]), kind))
    for m in _PREFIXED.finditer(text):
        tail = m.group(3).split()
        while tail and (tail[-1].lower().strip(".") in _NOT_NAME or re.fullmatch(rf"(?:{REPORT_KINDS})\w*", tail[-1], re.I)):
            tail = tail[:-1]
        cut = next((i for i, w in enumerate(tail) if w.lower().strip(".") in _NOT_NAME and w.lower() not in _JOINERS
                    or re.fullmatch(rf"(?:{REPORT_KINDS})\w*", w, re.I)), None)
        tail = tail[:cut] if cut is not None else tail
        if not tail or tail[-1].lower() in _JOINERS:
            continue
        name = " ".join([m.group(1), *m.group(2).split(), *tail, *([m.group(4)] if m.group(4) else [])])
        found.append((name, LEGAL_FORMS[m.group(4)] if m.group(4) else NAME_STARTS[m.group(1)]))
    for m in _INTERKOMMUNAL.finditer(text):
        words = _without_report_words(_clean(m.group(1).split()))
        if len(words) >= 3:
            found.append((" ".join(words), "interkommunalt samarbeid"))
    for m in _PORT_NAMED.finditer(text) if re.search(rf"(?i){_PORT}", text) else ():
        words = _without_report_words(_clean(m.group(1).split()))
        if words and words[-1].lower() not in _JOINERS and not any(n.startswith(" ".join(words) + " ") for n, _ in found):
            legal = m.group(3)
            found.append((" ".join([*words, m.group(2), *([legal] if legal in LEGAL_FORMS else [])]),
                          LEGAL_FORMS.get(legal or "", "selskap")))
    for m in _IT_BODY.finditer(text):
        words = _without_report_words(_clean(m.group(1).split()))
        if len(words) >= 2:
            found.append((" ".join(words), None))
    return list(dict.fromkeys(found))


def _suffixes(name: str) -> list[str]:
    """"Digitale Eksempel IKS" -> itself and "Eksempel IKS": a longer form counts for its shorter ones."""
    words = name.split()
    return [" ".join(words[i:]) for i in range(len(words) - 1)] if len(words) > 1 else [name]


def _file_hint(file_name: str) -> str | None:
    """The words of the file name before the report kind or the year: "eksempel_herad_kostradokument_2008" -> "eksempel herad"."""
    stem = re.sub(r"\.[a-z0-9]+$", "", file_name.lower())
    words = [w for w in re.split(r"[_\-\s.]+", stem) if w]
    out = []
    for w in words:
        if is_report_word(w) or re.fullmatch(r"\d+", w) or re.search(r"\d{3,}", w):
            break
        out.append(w)
    return " ".join(out) if out and len(out) <= 6 else None


# the beginnings of words for a kind of body ("kommunal", "kommunene", "fylkes…"): never a place's name
_KIND_STEMS = ("kommun", "fylke")


def _place_later_in_name(file_name: str, text: str) -> Organisation | None:
    """The first word of a file's name after its report kind or year ("…_2018_nordby_driftsmargin") that the text
    writes at least twice as a name ("Nordby"): the place the document is about, its kind unknown."""
    stem = re.sub(r"\.[a-z0-9]+$", "", file_name.lower())
    parts = [w for w in re.split(r"[_\-\s.]+", stem) if w]
    later = next((i for i, w in enumerate(parts) if is_report_word(w) or re.search(r"\d", w)), None)
    for word in parts[later + 1:] if later is not None else ():
        if not re.fullmatch(r"[^\W\d_]{3,}", word) or is_report_word(word) or _fold(word).startswith(_KIND_STEMS):
            continue
        written = [w for w in re.findall(r"(?<![\w-])[A-ZÆØÅ][^\W\d_]+(?![\w-])", text) if _skeleton(w) == _skeleton(word)]
        if len(written) >= 2:
            return Organisation(max(set(written), key=written.count), None, (), "file name")
    return None


def _named_file(file_name: str, hint: str | None, text: str = "") -> Organisation | None:
    """A text that names no body at all (a page of tables cut from a web edition), in a file named by a place before
    its report kind ("nordvik_arsrapport_2021.txt"): the place, its kind unknown (the warehouse joins it to
    the "Nordvik kommune" another document names). Not a file named otherwise ("notat.txt", "sykefravaer_2019.txt")."""
    if not hint or not re.fullmatch(r"[^\W\d_]{3,}", hint):
        return None
    if _fold(hint).startswith(_KIND_STEMS):
        # "kommunal_rapport_2018_nordby_…": a word of a body's kind (a periodical's "Kommunal") is no place; the place is
        # a later word of the name the text writes as a name
        return _place_later_in_name(file_name, text)
    stem = re.sub(r"\.[a-z0-9]+$", "", file_name.lower())
    rest = re.split(r"[_\-\s.]+", stem)[1:]
    if not rest or not is_report_word(rest[0]):
        return None  # ("sykefravaer_2019.txt": a subject and a year, no place)
    return Organisation(hint.capitalize(), None, (), "file name")


def _run_of_file_words(text: str, hint: str, counts: Counter) -> tuple[str, None] | None:
    """A body the file name spells whose name holds no kind word ("nordvik_kraftverk_arsmelding_2014.txt"): the words
    the text writes as a run of capitalised words ("Nordvik Kraftverk", their letters as the text writes them), when it
    writes that run at least twice and more often than any name with a kind word (a subsidiary's "Sørelva Kraftverk AS"
    named once, the municipality "Nordvik herad" the company serves). Its kind is read from the text."""
    parts = hint.split()
    if not 2 <= len(parts) <= 4 or not all(re.fullmatch(r"[^\W\d_]{2,}", w) for w in parts):
        return None
    keys = [_skeleton(w) for w in parts]
    word = r"[^\W\d_]+"
    runs: Counter[str] = Counter()
    for m in re.finditer(rf"(?<![\w-]){word}(?:[ \t]+{word}){{{len(parts) - 1}}}(?![\w-])", text):
        written = m.group(0).split()
        if [_skeleton(w) for w in written] == keys and all(w[:1].isupper() for w in written):
            runs[" ".join(written)] += 1
    if not runs:
        return None
    name, seen = runs.most_common(1)[0]
    if seen < 2 or seen <= max(counts.values(), default=0):
        return None
    return name, None


def _spelled_in(text: str, place: str) -> str | None:
    """The place a file name spells in plain letters ("nordoy") as the text writes it ("Nordøy", from "Nordøy kirkelige
    fellesråd" or "Nordøyhallene KF"): the first word of the text that folds to it or begins with it; None when none."""
    for word in re.findall(r"[^\W\d_]+", text):
        head = ""
        for ch in word:
            head += ch
            if len(_fold(head).replace(" ", "")) >= len(place):
                break
        if _fold(head) == place:
            return head[:1].upper() + head[1:]
    return None


def _from_file(hint: str) -> tuple[str, str | None] | None:
    """The body a file name spells ("nordby_herad_…", "nordby-brann-og-redningstjeneste-iks_nyhet_2016"): its words up
    to the last kind word or legal form, when at most two words of what the document is ("nyhet", "presse melding")
    follow it."""
    words = hint.split()
    kinds = {w.lower() for w in TYPE_WORDS}
    last = max((i for i, w in enumerate(words) if w in kinds), default=None)
    if last is not None and len(words) - 1 - last <= 2:
        words = words[:last + 1]
    if len(words) < 2 or words[-1] not in kinds:
        return None
    # a site's or an archive's slug before the name ("drm24_nordby_kommune_…", "2019_nordby_kommune"): a name's words
    # are words of letters
    while len(words) > 2 and re.search(r"\d", words[0]):
        words = words[1:]
    if any(re.search(r"\d", w) for w in words):
        return None
    type_word = next(w for w in sorted(TYPE_WORDS, key=lambda w: w[:1].isupper()) if w.lower() == words[-1])
    name = [w if w in ("og", "i") else w.capitalize() for w in words[:-1]]
    return " ".join([*name, type_word]), TYPE_WORDS[type_word]


def _aliases(text: str, name: str) -> tuple[str, ...]:
    """Short forms the text declares for the name: "<name> (DEI" and "ABC - <name>"."""
    found = []
    escaped = re.escape(name)
    for m in re.finditer(rf"{escaped}\s*\(\s*({_ACRONYM}(?:\s+{_CAP}){{0,2}}?)\s*[,)]", text):
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
            # "Budsjett 2018, handlingsprogram og økonomiplan 2018-2021": a report kind before another names no body
            if words and not re.fullmatch(rf"(?:{REPORT_KINDS})\w*", words[0], re.I):
                return " ".join(words), None, ((m.group(2),) if m.group(2) else ())
    # "NBRA ÅRsRAppORt 2014", "ABC Årsmelding 2019": a short form before the report's kind names the body that reports
    m = re.match(rf"^({_ACRONYM})\s+(\S+)", text)
    if m and m.group(1) not in LEGAL_FORMS and is_report_word(m.group(2)):
        return m.group(1), None, ()
    return None


# a text that says the body it is about is a company ("Selskapet har 65 ansatte", "… er et interkommunalt selskap")
_COMPANY = re.compile(r"(?i)\bselskapet\s+(?:har|hadde|er|var|ble|vart|eies|eigast|omsatte|leverer|driv|driver)\b"
                      r"|\binterkommunale?\s+selskap|\binterkommunalt\s+selskap")


def says_company(text: str) -> bool:
    return _COMPANY.search(text) is not None


_PUBLISHED = re.compile(r"^\W*(?:utgiver|utgjevar|utgivare|udgiver|publisert av|published by|publisher)\s*:\s*", re.I)
_PUBLISHER = re.compile(rf"^({_CAP}(?:\s+(?:{_CAP}|(?:{_JOIN}|for|för|af|of)(?:\s+[\wæøåäöü-]+)?)){{0,6}})(?:\s*\((?P<acr>{_ACRONYM})\))?(?=\s*(?:[–—(,:]|\s-\s|$))")


def publisher(sources: Iterable[str], lines: Iterable[str] = ()) -> Organisation | None:
    """The body that publishes a document about no one organisation (national statistics by a directorate, an agency
    or an association, a county governor's overview): the name a declared source starts with ("Sikt – Forvaltnings-
    databasen (Norway), «…»", "Direktoratet for samfunnstryggleik og beredskap (DSB), brannstatistikk …", "KS –
    Kommunesektorens organisasjon (Oslo), …") or the one a publisher line names ("Utgiver: …"); its short form in
    parentheses an alias. The figures of such a document are the publisher's statistics: they have an owner the
    questions can name."""
    texts = [t for t in sources] + [_PUBLISHED.sub("", t) for t in lines if _PUBLISHED.match(t)]
    for text in texts:
        text = _LABEL.sub("", _PUBLISHED.sub("", text.strip().lstrip("#").strip()))
        m = _PUBLISHER.match(text)
        if not m:
            continue
        words = _clean(m.group(1).split())
        if not words or words[-1].lower() in (*_JOINERS, "for", "för", "af", "of") \
                or re.fullmatch(rf"(?:{REPORT_KINDS})\w*", words[0], re.I) or re.search(r"\d", " ".join(words)):
            continue
        name = " ".join(words)
        return Organisation(name, "ukjent", (m.group("acr"),) if m.group("acr") else ())
    return None


def read_organisation(lines: list[str], file_name: str = "", sources: Iterable[str] = ()) -> Organisation:
    """The organisation of a document's lines; `sources` are what its metadata declares it is (the source and title
    lines of a text file's header), read first and, when no body is named anywhere, for the publisher."""
    sources = list(sources)
    lines = [*sources, *lines]
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
    owner_source: str | None = None
    top = [ln.strip() for ln in lines[:40] if ln.strip()][:15]
    for line in top[:5]:  # a title page: the body's name on a line of its own, or a title line naming it
        whole = [(n, k) for n, k in _candidates(line) if n == _normal_case(line).strip(" .:")]
        titled = _candidates(_LABEL.sub("", line.lstrip("#").strip())) if _TITLE.search(line) and len(line) < 240 else ()
        if whole or titled:
            chosen = (whole or titled)[0]
            break
    for line in top if chosen is None else ():
        if _TITLE.search(line) and len(line) < 240:
            found = _title_name(line)
            if found:
                chosen, declared = (found[0], found[1]), found[2]
                if found[1] is None:
                    # a title part with no kind word ("Kontantstrøm – Årsmelding 2018 – Eksempel Vann") may be the
                    # page's subject: a body the text names whose name without its kind word the title writes wins
                    folded_line = _fold(line)
                    written = [n for n in kinds if kinds[n] and len(n.split()) > 1 and _fold(n) not in folded_line
                               and re.search(rf"(?<!\w){re.escape(_fold(' '.join(n.split()[:-1])))}(?!\w)", folded_line)]
                    if written:
                        best = max(written, key=lambda n: (counts[n], len(n)))
                        chosen, declared = (best, kinds[best]), ()
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
            published = publisher(sources, lines[:40])
            own = [_fold(n).split() for n in (published.name, *published.aliases)] if published else []
            if any(o and folded.split()[:1] == o[:1] and len(folded.split()) > len(o) + 1 for o in own):
                # "sikt_…_statsansatte_kommune_2014.txt": named after its publisher and its subject, no "… kommune"
                # (the publisher's name and a kind word, "arim_iks_…", is the body's name as the file spells it)
                return published
            chosen = _from_file(hint)
            if chosen is None:  # a name without a kind word the file spells and the text writes ("Nordvik Kraftverk")
                chosen = _run_of_file_words(text, hint, counts)
            elif chosen is not None:  # the name the file spells, its words as the text writes them ("nordoy" -> "Nordøy")
                text_words = set(re.findall(r"[^\W\d_]+", text))
                *words, kind_word = chosen[0].split()
                words = [w if w in _JOINERS else (_written_as(w, text_words) or w) for w in words]
                words = [w if w in _JOINERS else w[:1].upper() + w[1:] for w in words]
                chosen, owner_source = (" ".join([*words, kind_word]), chosen[1]), "file name"
                if chosen[1] == "kommune" and says_company(text) and _fold(chosen[0]) not in _fold(text):
                    # a company's report in a file named "<x>_kommune_…": the body is the company, never "<x> kommune"
                    chosen = (" ".join(words), "selskap")
    if chosen is None and kinds and hint and re.fullmatch(r"[^\W\d_]{3,}", hint) and not _fold(hint).startswith(_KIND_STEMS):
        # a file named by a place its text writes more often than it names any body ("<place>_perioderapport_2020":
        # "<Place> Eiendom", "<place>s", and once "... tilhørte <Other> kommune"): the place, as the file names it
        # (the file name spells the place without its letters æ, ø, å: "nordoy" for "Nordøy", so the text is folded)
        place = len(re.findall(rf"(?<![a-z0-9]){re.escape(_fold(hint))}", _fold(text)))
        if place > max(counts.values(), default=0):
            named = _named_file(file_name, hint, text)
            if named is not None:
                return Organisation(_spelled_in(text, hint) or named.name, named.kind, (), "file name")
    if chosen is None and kinds:
        # the most named; then its longest form that is at least half as frequent
        # a joint service's name ("Eksempel legevakt") in a municipality's report is one of its units: half weight
        top = max(kinds, key=lambda n: (counts[n] / (2 if _service_named(n) else 1), len(n)))
        longer = [n for n in kinds if n != top and n.endswith(" " + top) and counts[n] * 2 >= counts[top]]
        best = max(longer, key=len) if longer else top
        chosen = (best, kinds[best])
    if chosen is None:
        return (publisher(sources, lines[:40]) or _named_file(file_name, hint, text) or _slug_owner(file_name, text)
                or Organisation(None, None))
    name, kind = chosen
    fuller = [n for n in kinds if n.lower().startswith(name.lower() + " ") and n.split()[-1] in LEGAL_FORMS
              and len(n.split()) == len(name.split()) + 1]
    if fuller:  # "<place> brannvesen" on the title, "<place> Brannvesen IKS" in the text: the name with its form
        name, kind = fuller[0], kinds[fuller[0]]
    short = _acronym_of(name)
    if short:  # "ABC - Årsmelding 2014", "ABC IKS": the long name the text declares for it or whose initials it is
        spelled = [n for n in kinds if n != name and not _acronym_of(n)
                   and (short in _aliases(text, n) or short.lower() in initial_forms(n))]
        if spelled:
            long = max(spelled, key=lambda n: (counts[n], len(n)))
            declared = (*declared, *dict.fromkeys((name, short)))
            name, kind = long, kinds[long] or kind
    else:  # the short forms the text writes for it ("ABC IKS" beside "Austre Bygder Clean IKS")
        forms = initial_forms(name)
        for n in kinds:
            acr = _acronym_of(n)
            if acr and (acr.lower() in forms or acr in _aliases(text, name)):
                declared = (*declared, *dict.fromkeys((n, acr)))
    short = _acronym_of(name)
    if short and name == short:  # "NBRA" with no long name the text writes with a kind: the long form it spells out
        declared = (*declared, *_spelled_out(text, short))
    if kind is None:
        kind = _kind_from_text(name, text)
    return Organisation(name, kind, tuple(dict.fromkeys((*declared, *_aliases(text, name)))), owner_source)


def _spelled_out(text: str, short: str) -> tuple[str, ...]:
    """The long forms a text declares for a short form: "Nordby Eksempelforedling (REF)", "REF (Romerike
    Eksempelforedling)", their capitalised words (a report word or a sentence's first word left out)."""
    found = []
    esc = re.escape(short)
    for m in re.finditer(rf"((?:{_CAP}\s+(?:{_JOIN}\s+)?){{1,5}}(?:{_CAP}|{_SERV}))\s*\(\s*{esc}\s*\)", text):
        found.append(m.group(1).split())
    for m in re.finditer(rf"(?<![\w]){esc}\s*\(\s*((?:{_CAP}\s+(?:{_JOIN}\s+)?){{1,5}}{_CAP})\s*\)", text):
        found.append(m.group(1).split())
    out = []
    for words in found:
        words = _without_report_words(_clean(words))
        if len(words) >= 2 and words[-1].lower() not in _JOINERS and not is_report_word(words[-1]):
            out.append(" ".join(words))
    return tuple(dict.fromkeys(out))


def _acronym_of(name: str) -> str | None:
    """"ABC" of "ABC" and "ABC IKS": a name that is an acronym (and a legal form)."""
    m = re.fullmatch(rf"({_ACRONYM})(?:\s+(?:{_LEGAL}))?", name)
    return m.group(1) if m and m.group(1) not in LEGAL_FORMS else None


def _service_named(name: str) -> bool:
    """A joint service's or a port's name without a legal form ("Eksempel legevakt", "Eksempel havn"): in a
    municipality's report one of its units as often as a body of its own."""
    last = " ".join(name.split()[-3:]).lower()
    return (any(last.endswith(e) for e in SERVICE_ENDS) or name.split()[-1].lower().startswith(PORT_WORDS)) \
        and name.split()[-1] not in LEGAL_FORMS


def _kind_from_text(name: str, text: str) -> str:
    if re.search(r"\b(iks|as|asa|kf|sa)\b", name.lower()):
        return "selskap"
    if re.search(r"paragraf 27|§ ?27|eierkommune|interkommunal|samarbeid", text.lower()):
        return "interkommunalt samarbeid"
    return "selskap"


# the full kind word an abbreviation at the end of a file name's slug stands for ("x-fk", "x-k")
_SLUG_KINDS = {a: ("fylkeskommune" if a.startswith("f") else "kommune") for a in KIND_ABBREVIATIONS}
# a word for many bodies ("bostedskommuner", "kommunene"): a file about a group of them, no owner
_PLURAL_KIND = re.compile(r"(?:kommuner|kommunene|kommunane|fylker|fylka|fylkene|selskaper|selskapene)$")


def _skeleton(text: str) -> str:
    """A spelling with the Nordic letters folded both ways a file name writes them: "Nordøy" and "nordoy", "Sørbær" and
    "sorbaer"/"sorbar", "Håvik" and "haavik"/"havik" all give one key."""
    folded = _fold(text)
    return re.sub(r"aa|ae|oe", lambda m: m.group(0)[0], folded)


def _written_as(word: str, text_words: Iterable[str]) -> str | None:
    """The spelling of a slug word ("nordoy") the text writes ("Nordøy"), one with Nordic letters preferred."""
    key = _skeleton(word)
    found = [w for w in text_words if _skeleton(w) == key]
    if not found:
        return None
    # (a word written as a name, "Nordby", before the same word in capitals, "NORDBY", of a headline)
    return max(found, key=lambda w: (bool(re.search(r"[æøåäöüÆØÅÄÖÜ]", w)), w[:1].isupper(), w[1:].islower(), w))


def _slug_owner(file_name: str, text: str) -> Organisation | None:
    """The owner a file's name gives a document whose text names no body ("<org-slug>_<kind>_<year>.docx",
    "nordvik-fk_arsrekneskap_2020.docx"): the slug before the first "_", its words spelled as the text writes them
    ("Nordvik" for "nordvik", a word with Nordic letters preferred), else title-cased; an abbreviated kind at its end
    written out ("fk" -> "fylkeskommune"). None for a name with no such slug ("report.pdf", "arsrapport_2020.pdf",
    "sykefravaer_2019.txt": a subject and a year), a slug naming many bodies ("<x>-kommuner_…") or a slug word the text
    writes only in lower case, as a common word ("hendelser_nyhet_2031.txt")."""
    stem = re.sub(r"\.[A-Za-z0-9]+$", "", file_name.strip())
    parts = [p for p in stem.split("_") if p]
    if len(parts) < 2:
        return None
    words = [w for w in re.split(r"[-\s.]+", parts[0].lower()) if w]
    # "roaf-aarsrapport_2014": the words before the report's kind ("budsjett-2020_…": none)
    words = words[:next((i for i, w in enumerate(words) if is_report_word(w)), len(words))]
    if not words or len(words) > 6 or any(not re.fullmatch(r"[^\W\d_]+", w) for w in words) \
            or any(_PLURAL_KIND.search(_fold(w)) for w in words):
        return None
    kind_words = {w.lower() for w in TYPE_WORDS} | set(_SLUG_KINDS)
    named_kind = words[-1] in kind_words and len(words) > 1
    # "<slug>_<kind>_<year>": a slug without a kind word needs the report's kind or subject and a year after it
    if not named_kind and (len(parts) < 3 or not re.search(r"(?:19|20)\d\d", parts[-1])):
        return None
    if len(words) == 1 and len(words[0]) < 2:
        return None
    text_words = set(re.findall(r"[^\W\d_]+", text))
    out = []
    for i, w in enumerate(words):
        if named_kind and i == len(words) - 1:
            full = _SLUG_KINDS.get(w, w)
            out.append(next((t for t in sorted(TYPE_WORDS, key=lambda t: t[:1].isupper()) if t.lower() == full), full))
        elif w in _JOINERS and i:
            out.append(w)
        else:
            spelled = _written_as(w, text_words)
            if spelled and spelled[:1].islower():  # "hendelser_nyhet_2031": a word the text writes as a common noun
                return None
            if not spelled and not re.search(r"[aeiouyæøåäöü]", w):
                return None  # "abc_statistikk_2031": an abbreviation the text never spells out; title-cased it names no one
            out.append(spelled[:1].upper() + spelled[1:] if spelled else w.capitalize())
    name = " ".join(out)
    kind = kind_of_end(out[-1]) if named_kind else None
    return Organisation(name, kind, (), "file name")
