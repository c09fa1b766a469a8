"""The domain lexicon (language data): English, Swedish, Danish and nynorsk words and phrases of municipal reports and
questions, each with the bokmål words reports print for it (`en_nb.csv`, `sv_nb.csv`, `da_nb.csv`, `nn_nb.csv`).

A file: a header `<lang>,nb`, then one row per source term (a word or a phrase; an English key at most four words),
its bokmål renderings separated by `|`, the most common first; everything lowercase, no key twice, no rendering twice
in a row; in sv/da/nn no row whose only rendering is the key itself. `load` reads and checks a file once per process.
The engine's word tables (app.engine.wordforms) stay the curated ones; `renderings` / `wanted` below give the readings
that search labels and sentences a question word's renderings where nothing curated knows the word."""
from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

LANGS = ("en", "sv", "da", "nn")
MAX_KEY_WORDS = 4
MIN_RENDERING = 4  # letters of a rendering the readings may add
_DIR = Path(__file__).resolve().parent


class LexiconError(ValueError):
    """A lexicon file breaks its format (the row is named)."""


def parse(lines, lang: str) -> dict[str, tuple[str, ...]]:
    """The rows of a lexicon file (lines of CSV text) as {source term: bokmål renderings}, checked."""
    rows = csv.reader(lines)
    header = next(rows, None)
    if header != [lang, "nb"]:
        raise LexiconError(f"{lang}_nb: header {header!r}, expected {[lang, 'nb']!r}")
    out: dict[str, tuple[str, ...]] = {}
    for n, row in enumerate(rows, start=2):
        if not row:
            continue
        if len(row) != 2:
            raise LexiconError(f"{lang}_nb:{n}: {len(row)} fields, expected 2")
        key, value = (x.strip() for x in row)
        if not key or not value:
            raise LexiconError(f"{lang}_nb:{n}: empty field")
        if key != key.lower() or value != value.lower():
            raise LexiconError(f"{lang}_nb:{n}: not lowercase: {key!r}")
        if lang == "en" and len(key.split()) > MAX_KEY_WORDS:
            raise LexiconError(f"{lang}_nb:{n}: key of more than {MAX_KEY_WORDS} words: {key!r}")
        if key in out:
            raise LexiconError(f"{lang}_nb:{n}: duplicate key {key!r}")
        alts = tuple(a.strip() for a in value.split("|"))
        if any(not a for a in alts):
            raise LexiconError(f"{lang}_nb:{n}: empty alternative in {value!r}")
        if len(set(alts)) != len(alts):
            raise LexiconError(f"{lang}_nb:{n}: an alternative twice in {value!r}")
        if lang != "en" and alts == (key,):
            raise LexiconError(f"{lang}_nb:{n}: {key!r} is written alike in bokmål")
        out[key] = alts
    return out


@lru_cache(maxsize=None)
def load(lang: str) -> dict[str, tuple[str, ...]]:
    """{source term: bokmål renderings, most common first} of the lexicon of `lang` (en, sv, da, nn), read once."""
    if lang not in LANGS:
        raise LexiconError(f"no lexicon for {lang!r}")
    with (_DIR / f"{lang}_nb.csv").open(encoding="utf-8", newline="") as fh:
        return parse(fh, lang)


# The narrow wiring: a rendering of the lexicon is an extra form of a question word only where the engine's curated
# tables (app.engine.wordforms: EN_TO_NB, EN_PAIRS_TO_NB, the unit words) know nothing of it, and only in the readings
# that search labels and sentences by the question's words (label search, text retrieval, prose), never in stem() and
# never where a word names a place, a unit or a line. Those readings try a rendering only when the word's own forms are
# printed nowhere in what they search (`lexicon.wanted`), so a reading that works is never changed.

# what a word that says where, or which kind of body or part, is written as (stems are compared): never rendered, and
# never a rendering ("unit" ~ "enhet", "HR" ~ "personal" would name another unit; "county" ~ "fylke" the scope)
_SCOPE_WORDS = """
unit units department departments division divisions section sections office offices centre center team teams sector
sectors service services area areas branch agency authority board council committee organisation organization company
group staff management administration head chief enhet enheten eining eininga avdeling avdelinga avdelingen avdelning
sektor seksjon kontor senter stab staben etat tjeneste tjenester teneste tenester tjenesteområde tenesteområde område
forvaltning förvaltning nämnd nemnd utvalg styre personal hr city town village borough province region district
country nation state by bydel
"""


@lru_cache(maxsize=1)
def _never_rendered() -> frozenset[str]:
    """The stems of the scope words: kinds of body (flows/org_kinds.py, in English too), heads of units and parts
    (flows/unit_kinds.py), the English unit heads and unit name words with their Norwegian words
    (wordforms.UNIT_HEADS_EN / UNIT_NAME_WORDS_EN) and `_SCOPE_WORDS`."""
    from app.engine.wordforms import UNIT_HEADS_EN, UNIT_NAME_WORDS_EN, stem
    from flows.org_kinds import kind_words
    from flows.unit_kinds import COMPOUND_KINDS, FIELD_KINDS, PART_KINDS

    ws = {w.lower() for w in kind_words(definite=True, english=True, legal=True)} | set(_SCOPE_WORDS.split())
    ws |= {*COMPOUND_KINDS, *FIELD_KINDS, *PART_KINDS}
    for table in (UNIT_HEADS_EN, UNIT_NAME_WORDS_EN):
        ws |= set(table) | {x for v in table.values() for x in v}
    return frozenset(stem(part) for w in ws for part in w.split())


def is_scope_word(word: str) -> bool:
    """A word (or rendering) that names a kind of body, a unit or part, by itself or as a compound's head
    ("personalavdelinga")."""
    from app.engine.wordforms import stem
    from flows.unit_kinds import PART_KINDS

    s = stem(word)
    return s in _never_rendered() or any(s.endswith(k) and len(s) > len(k) + 2 for k in PART_KINDS)


@lru_cache(maxsize=1)
def _tables() -> dict[bool, dict[tuple[str, ...], tuple[str, ...]]]:
    """{english: {the key's words: its one-word renderings}}: the English file for an English question, the Swedish,
    Danish and nynorsk files (the first that holds a key) for another; a rendering of several words ("netto
    driftsresultat") is left out (a part of it alone would name another line), as is a short one ("by" for "city": a
    word of every other sentence) and a scope word or a rendering that is one."""
    from app.engine.wordforms import words

    out: dict[bool, dict[tuple[str, ...], tuple[str, ...]]] = {True: {}, False: {}}
    for lang in LANGS:
        table = out[lang == "en"]
        for key, alts in load(lang).items():
            ws = tuple(words(key))
            one = tuple(a for a in alts if " " not in a and len(a) >= MIN_RENDERING and not is_scope_word(a))
            if ws and one and ws not in table and not any(is_scope_word(w) for w in ws):
                table[ws] = one
    return out


def _curated(word: str, english: bool) -> bool:
    from app.engine.wordforms import EN_PAIRS_TO_NB, EN_TO_NB

    return english and (word in EN_TO_NB or any(word in pair for pair in EN_PAIRS_TO_NB))


@lru_cache(maxsize=4096)
def spans(ws: tuple[str, ...], english: bool) -> tuple[tuple[tuple[int, ...], tuple[str, ...]], ...]:
    """(the positions of the words it renders, its renderings) for each row of the lexicon the question's words (lower
    case) make, the longest at each place: a phrase of two to four words ("general practitioners" ~ "fastleger") or one
    word, none of whose words a curated table knows (`_curated`) or is a scope word (`is_scope_word`); its words of
    three letters or more are rendered; the caller tries the renderings only where the words' own forms are printed nowhere
    (`wanted`)."""
    table = _tables()[english]
    longest = max((len(k) for k in table), default=1)
    from app.engine.wordforms import STOPWORDS

    out = []
    i = 0
    while i < len(ws):
        for n in range(min(longest, len(ws) - i), 0, -1):
            found = table.get(ws[i:i + n])
            if not found:
                continue
            # a phrase with a word the curated tables or the scope words know ("sick leave percentage") is not
            # rendered whole: its rendering ("sykefraværsprosent") would say again what those words say
            at = [k for k in range(i, i + n) if ws[k] not in STOPWORDS and not ws[k].isdigit()]
            if any(_curated(ws[k], english) or is_scope_word(ws[k]) for k in at):
                continue
            at = [k for k in at if len(ws[k]) >= 3]
            if at:
                out.append((tuple(at), found))
            i += n - 1
            break
        i += 1
    return tuple(out)


def question_words(text: str) -> list[str]:
    """The words of a question the lexicon may render: without the phrases a curated reading reads otherwise ("including
    VAT" picks a price's column, app.engine.quantities; "as a percentage", "in NOK" the unit asked,
    app.engine.asked_unit)."""
    from app.engine.asked_unit import without_unit_asked
    from app.engine.quantities import VAT_EXCLUDED, VAT_INCLUDED
    from app.engine.wordforms import words

    return words(without_unit_asked(VAT_EXCLUDED.sub(" ", VAT_INCLUDED.sub(" ", text))))


def renderings(ws: tuple[str, ...], english: bool) -> dict[int, tuple[str, ...]]:
    """Per word position, the bokmål words the lexicon renders the word as (`spans`)."""
    return {k: alts for at, alts in spans(ws, english) for k in at}


def wanted(ws, english: bool, blocked, printed) -> dict[int, tuple[str, ...]]:
    """Per word position, the renderings to add: those `printed` (a test of one word against what the reading
    searches), for a row none of whose words `printed` finds itself, and none of whose words or renderings (by its
    stem) is in `blocked` (the words of the names of the organisations and units the data holds)."""
    from app.engine.wordforms import stem

    out: dict[int, tuple[str, ...]] = {}
    for at, alts in spans(tuple(ws), english):
        if any(stem(ws[k]) in blocked or ws[k] in blocked or printed(ws[k]) for k in at):
            continue
        found = tuple(a for a in alts if stem(a) not in blocked and printed(a))
        if found:
            out.update((k, found) for k in at)
    return out
