"""The domain lexicon (language data): English, Swedish, Danish and nynorsk words and phrases of municipal reports and
questions, each with the bokmål words reports print for it (`en_nb.csv`, `sv_nb.csv`, `da_nb.csv`, `nn_nb.csv`).

A file: a header `<lang>,nb`, then one row per source term (a word or a phrase; an English key at most four words),
its bokmål renderings separated by `|`, the most common first; everything lowercase, no key twice, no rendering twice
in a row; in sv/da/nn no row whose only rendering is the key itself. `load` reads and checks a file once per process; the
engine's word tables (app.engine.wordforms) are built from it, the hand-written entries there being the curated
overrides that come first."""
from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

LANGS = ("en", "sv", "da", "nn")
MAX_KEY_WORDS = 4
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
