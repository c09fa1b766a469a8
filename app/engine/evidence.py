"""The last look before a refusal: the report's own evidence for the organisation and period asked.

Every path of the engine can end in a refusal ("Which measure?", "Not reported for X 2020", "No figures in the data
for …", "The report tables hold no «…» for X") although a table cell or a sentence of the organisation's report for
the year asked states the figure: a cue word sent the question to a governed path that has no value for it. Before
such a refusal is given, the engine asks the evidence search (app.engine.families.label_search: row labels, captions
and the words beside each figure; then app.engine.families.retrieve: the one sentence the question's words name).

The pure checks here decide whether the evidence found may stand for the question asked — never a nearby figure:

- a name the question writes that the data resolves to no organisation or unit (a capitalised word, an acronym, a
  possessive: "Haugesund", "KS") must be printed in the evidence itself (its rows, sentence, caption or document),
  so an organisation that is not loaded is never answered with another's figure;
- a part of a year asked (quarter, tertial, half, month) must be the only part of that kind the evidence writes
  ("I 2. kvartal …" answers no 3rd quarter, a table printing all four quarters in one line answers none);
- and the answer says plainly where it was read (the report's table «caption», page / the report's text, page) and
  that it is not a governed measure (`lead`).
"""
from __future__ import annotations

import re

from app.engine.periods import find_period
from app.engine.text import normalise
from app.engine.wordforms import EN_TO_NB, STOPWORDS, fold, stem, words

# the parts of a year a question can ask, as `periods.Period` holds them
PARTS = ("quarters", "tertials", "halves", "months")


def evidence_text(result: dict) -> str:
    """Everything the evidence prints: its rows' words, its sentence and sources (document name and excerpt)."""
    bits = [str(c) for r in result.get("rows") or [] for c in r if isinstance(c, str)]
    for s in result.get("sources") or []:
        if isinstance(s, dict):
            bits += [str(s.get("document") or "").replace("_", " "), str(s.get("excerpt") or "")]
    return " ".join(bits)


def name_candidates(question: str, known: set[str]) -> list[str]:
    """The words the question writes as names (an acronym, a capitalised word that does not begin the question or a
    sentence, a possessive) that are no word of a name the data holds (`known`: stems and words of its organisations'
    and units' names), no stop word and no English word of the glossary ("City", "Which")."""
    out = []
    for m in re.finditer(r"[\wæøåäöÆØÅÄÖ][\w\-æøåäöÆØÅÄÖ']*", question):
        tok = m.group(0)
        bare = re.sub(r"'s?$", "", tok)
        before = question[:m.start()].rstrip()
        starts = not before or before[-1] in ".?!:;"
        acronym = bare.isupper() and len(bare) >= 2 and not re.fullmatch(r"Q[1-4]|\d+", bare)
        named = bare[:1].isupper() and not starts
        if not (acronym or named or tok.endswith("'s") and not starts):
            continue
        low = bare.lower()
        if low in STOPWORDS or low in EN_TO_NB or low in known or stem(low) in known:
            continue
        if find_period(normalise(bare)).words:  # "December", "Q3"
            continue
        out.append(bare)
    return list(dict.fromkeys(out))


def names_printed(names: list[str], text: str) -> bool:
    """Every name is printed in the evidence's text, as written or as another Scandinavian language spells it."""
    printed = {fold(w) for w in words(normalise(text))}
    low = normalise(text)
    for name in names:
        n = normalise(name)
        if re.search(rf"(?<!\w){re.escape(n)}", low):
            continue
        f = fold(n)
        if not any(p == f or len(f) >= 4 and p.startswith(f) for p in printed):
            return False
    return True


def parts_fit(asked, text: str) -> bool:
    """Each part of a year the question asks (`asked`: its Period) is the only part of that kind the evidence writes."""
    written = find_period(normalise(text))
    for kind in PARTS:
        want = set(getattr(asked, kind) or ())
        if want and set(getattr(written, kind) or ()) != want:
            return False
    return True


def lead(result: dict, lang: str) -> str:
    """Where the answer was read, said plainly: the report's table «caption» (document, page) or its text (document,
    page), not a governed measure."""
    en = lang == "en"
    columns = result.get("columns") or []
    rows = result.get("rows") or []
    sources = [s for s in result.get("sources") or [] if isinstance(s, dict)]
    where = []
    for s in sources[:3]:
        doc = s.get("document") or ""
        page = s.get("page")
        where.append(f"{doc}{(', page ' if en else ', side ') + str(page) if page not in (None, '') else ''}")
    where = list(dict.fromkeys(w for w in where if w))
    place = f" ({'; '.join(where)})" if where else ""
    if "row_label" in columns or "caption" in columns:
        captions = []
        if "caption" in columns:
            i = columns.index("caption")
            captions = list(dict.fromkeys(str(r[i]) for r in rows if r[i]))[:2]
        table = (" " + " / ".join(f"«{c}»" for c in captions)) if captions else ""
        return (f"No governed measure holds this figure; it is read from the report's table{table}{place}. " if en else
                f"Ingen styrte mål har dette tallet; det er lest fra rapportens tabell{table}{place}. ")
    return (f"No governed measure holds this figure; it is read from the report's text{place}. " if en else
            f"Ingen styrte mål har dette tallet; det er lest fra rapportteksten{place}. ")


def known_name_words(vocab) -> set[str]:
    """The words and stems of every organisation and unit name the data holds (and their aliases)."""
    names = [*(getattr(vocab, "organisations", {}) or {}), *(getattr(vocab, "organisation_names", {}) or {}).values()]
    aliases = getattr(vocab, "unit_aliases", {}) or {}
    names += [*aliases, *(getattr(u, "unit_name", "") for u in aliases.values())]
    data = getattr(vocab, "data", None)
    if data is not None:
        names += [d.organisation for d in data.documents if getattr(d, "organisation", None)]
    return {x for n in names for w in words(normalise(str(n))) for x in (w, stem(w))}
