"""Whether an answer answers one ask of a question that asks for several figures (app.engine.parts splits it:
"lånegjelda i 2018, og kor mykje var det per innbyggar?", "tilsette og årsverk", "netto driftsresultat og netto
driftsresultat i prosent av driftsinntektene").

An ask is answered by an answer whose figures are read from something that says the ask's OWN words (those no other
ask of the question has: "innbyggar" of "kor mykje var det per innbyggar", "årsverk" of "tilsette og årsverk") in
some word form (stems, compound parts, nynorsk spellings, English words through their Norwegian words: the prose
ranking's `holds`), and, when the ask names the unit of its figure (a percent, an amount, per inhabitant), whose rows
include a figure in that unit. What says the words is the answer's own evidence: the report sentences and table
labels its rows were read from (rows and sources), or the names of the governed measures its rows hold. An answer of
a family that reads no report words (the ticket families) is taken as it is. Pure functions over answer JSON.
"""
from __future__ import annotations

import re

from app.engine.asked_unit import AMOUNT, PERCENT, unit_asked, unit_kind

# families whose figures are read from a report's own words (sentences, row labels, captions): the words they hold
# are in their rows and sources
READ_FROM_WORDS = frozenset({"prose_figure", "cell_lookup", "label_search", "row_count", "account_line", "cell_ranking",
                             "statement_rank"})
PER_CAPITA = "per_capita"
_PER_CAPITA = re.compile(r"(?<!\w)(?:per|pr\.?|for each|each)\s+(?:innbygg\w*|innbyggjar\w*|inhabitants?|capita|"
                         r"residents?|person|head|invånare)(?!\w)")
PER_CAPITA_UNITS = frozenset({"nok_per_capita", "per_capita"})


def kind_of_ask(ask: str) -> str | None:
    """PER_CAPITA, PERCENT, AMOUNT or None: the unit an ask names for its figure."""
    if _PER_CAPITA.search(ask.lower()):
        return PER_CAPITA
    return unit_asked(ask)


def ask_words(asks: list[str], lang: str, exclude: set[str]) -> list[tuple[list, list, bool]]:
    """Per ask, (the words an answer to it must say, the words it must not say, whether it has words of its own): its
    content words (prose_rank.Word) that no other ask has in any form; for an ask all of whose words another ask has
    too ("lånegjelda" beside "kor mykje var lånegjelda per innbyggar"), all its words, and not the other asks' own
    words. Names in `exclude` are left out."""
    from app.engine.families.prose import ASKING_EVERY
    from app.engine.families.prose_rank import question_words

    words = [[w for w in question_words(a, lang, exclude, ASKING_EVERY) if w.weight >= 1.0] for a in asks]
    own = []
    for i, ws in enumerate(words):
        others = {f for j, o in enumerate(words) if j != i for w in o for f in (*w.forms, w.word)}
        own.append([w for w in ws if not (w.forms | {w.word}) & others])
    return [(o, [], True) if o else (words[i], [w for j, x in enumerate(own) if j != i for w in x], False)
            for i, o in enumerate(own)]


def _metric_names(metrics: dict, key) -> tuple[str, ...]:
    """The names a governed measure is known by (what its rows say in words)."""
    m = metrics.get(key) if isinstance(key, str) else None
    return (m.name_nb, m.name_en, *m.synonyms) if m else ()


def _row_texts(result: dict, metrics: dict) -> list[tuple[str, tuple]] | None:
    """(the words a row's figure was read from, the row) per row; None for an answer that reads no words."""
    family = result.get("family")
    rows = result.get("rows") or []
    columns = result.get("columns") or []
    sources = " ".join(str(v) for s in result.get("sources") or [] for v in s.values())
    if family in READ_FROM_WORDS:
        out = [(" ".join(c for c in r if isinstance(c, str)), r) for r in rows]
        # a row that carries no words of its own (a figure of a sentence the sources quote) is read from them
        return [(t if t.strip() else sources, r) for t, r in out]
    if family is None:  # a governed measure: the names of the measures its rows hold
        if "metric" in columns:
            i = columns.index("metric")
            return [(" ".join([*(c for c in r if isinstance(c, str)), *_metric_names(metrics, r[i])]), r) for r in rows]
        return [(" ".join([*(c for c in r if isinstance(c, str)), result.get("interpretation") or ""]), r)
                for r in rows]
    return None


def _unit_fits(columns: list[str], row: tuple, kind: str | None) -> bool:
    if kind is None or "unit" not in columns:
        return True
    u = str(row[columns.index("unit")] or "").lower()
    if kind == PER_CAPITA:
        return u in PER_CAPITA_UNITS or u.endswith("per_capita")
    return unit_kind(u) == (PERCENT if kind == PERCENT else AMOUNT)


HELD = 1 / 3  # share of an ask's words a row's words must say (one at least)
# families that choose their figure by how well free text covers the words, and say nothing of words left out: asked
# for one ask alone, their figure still answers it only when its words say the ask's (the others report unused words)
FREE_TEXT = frozenset({"prose_figure", "label_search", "row_count"})


def _holds(word, low: str, stems: frozenset[str]) -> bool:
    """The prose ranking's word forms, or a stem of the text with a small difference (wordforms' typo rule: a bokmål
    and a nynorsk spelling, "bustøttesøknad" ~ "bostøttesøknad")."""
    from rapidfuzz import fuzz

    from app.engine.families.prose_rank import holds
    from app.engine.wordforms import FUZZY_MIN, FUZZY_RATIO

    if holds(word, low, stems):
        return True
    return any(len(f) >= FUZZY_MIN and abs(len(s) - len(f)) <= 2 and fuzz.ratio(s, f) >= FUZZY_RATIO
               for f in word.forms for s in stems)


def _says(words: list, text: str) -> bool:
    from app.engine.families.prose_rank import sentence_stems

    low, stems = text.lower(), sentence_stems(text)
    held = [w for w in words if _holds(w, low, stems)]
    return len(held) >= max(1, HELD * len(words))


def answers_ask(result: dict, words: list, kind: str | None, metrics: dict | None = None, others: list = (),
                alone: bool = False, other_kinds: tuple = ()) -> bool:
    """Some row of the answer is read from words that say a third of the ask's words (one at least), is in the unit the
    ask names, and does not say the words of another ask (`others`: "lånegjelda" is asked apart from "lånegjelda per
    innbyggar" by a row that does not say "innbyggar"). `alone`: the answer is to the ask asked on its own, so its rows
    are not another ask's, and a family that reports the words it left unused has used its words (the unit is still
    checked). `other_kinds`: the units other asks name; a row in one of them is that ask's figure ("118 %" of "how much
    debt, and what share of income was that"), when the answer's rows say their unit."""
    if result.get("status") != "ok" or not result.get("rows"):
        return False
    from app.engine.honest import unit_not_asked

    metrics = metrics or {}
    columns = result.get("columns") or []
    if kind in (AMOUNT, PERCENT) and unit_not_asked(kind, columns, result["rows"], metrics, result.get("answer") or ""):
        return False  # its figures are all in the other unit (an amount for "i prosent av driftsinntektene")
    texts = _row_texts(result, metrics)
    if texts is None:
        return True
    if alone:  # asked for this ask only: its figures are this ask's, whatever else their sentence says
        others = []
        if result.get("family") not in FREE_TEXT:
            words = []
    theirs = [k for k in other_kinds if k and k != kind] if "unit" in columns else []
    return any((not words or _says(words, t)) and not (others and _says(others, t)) and _unit_fits(columns, r, kind)
               and not any(_unit_fits(columns, r, k) for k in theirs) for t, r in texts)
