"""A change asked of a figure whose report states the change beside it: the stated change, labelled, with the level.

"Kor mykje auka netto lånegjeld per innbyggjar …, og kva enda ho på?" answered with the level alone (76 560 kr) leaves
the change asked unanswered although the sentence that states the level states the change too («… til kr 76 560, en
økning på kr 3 851 eller 5,3 %»). The change a report states is read where the level is stated: in the answer's own
sentence, in a sentence of the same document that states the same level ("viser 9,3 %, som er 1,2 pp høyere
sammenlignet med tilsvarende kvartal"), or in the sentence right after one of them when it goes on about the same
figure ("… 386 millioner kroner. Dette er 134 millioner kroner lavere enn i 2017.") or gives the change in the kind the
question asks ("in people and in percent": «… med ein vekst på 4,1 %»). Pure functions; the engine runs the query."""
from __future__ import annotations

import re
from dataclasses import dataclass

from app.engine.families.change import CHANGE_CUES

# words that ask how much a figure changed, beyond the change family's cues ("kor mykje auka", "how much did … grow",
# "hvor mange prosentpoeng høyere … enn samme kvartal året før", "hvor mye svakere … i 2017 enn i 2016", "by how much did
# … improve")
CHANGE_ASKED = re.compile(
    r"(?<![\wæøåäö])(?:" + "|".join(CHANGE_CUES) +
    r"|auk\w*|økt\w*|øke|økte|grow\w*|grew|vekst\w*|veks\w*|steg|stige\w*|sank|falt|fell|fall|falls|fallen|drop\w*|"
    r"declin\w*|shr[ai]nk\w*|rose|ökade|minskade|"
    r"improve\w*|forbedr\w*|forverr\w*|svekk\w*|styrk\w*|weaken\w*|strengthen\w*|deteriorat\w*|"
    r"prosentpoeng|procentenheter|percentage points?|"
    r"(?:høyere|lavere|høgare|lågare|higher|lower|högre|lägre|mer|meir|mindre|more|less|bedre|betre|bättre|better|"
    r"dårligere|dårlegare|sämre|worse|svakere|svakare|weaker|sterkere|sterkare|stronger)\s+(?:[\w.]+\s+){0,10}?"
    r"(?:enn|än|than|sammenlignet|samanlikna|jämfört|compared)\s+(?:[\w.]+\s+){0,3}?"
    r"(?:året før|året etter|i fjor|samme|same|tilsvarende|tilsvarande|previous|prior|last|\d{4}))(?![\wæøåäö])")

# a figure stated as a change by what follows it: "1,2 pp (prosentpoeng) høyere sammenlignet med tilsvarende kvartal",
# "134 millioner kroner lavere enn i 2017", "3 prosent mer enn året før" -- never against a budget ("meir enn
# budsjettert": a deviation, not a change); a sentence the reader cut short may end in the comparison word
_COMPARED_AFTER = re.compile(
    r"^\s*(?:[a-zæøåäö.%]+\s+){0,3}(?:\([^)]{0,30}\)\s*)?"
    r"(?:høyere|lavere|høgare|lågare|større|mindre|mer|meir|flere|fleire|færre|bedre|betre|svakere|svakare|"
    r"higher|lower|more|less|fewer|better|worse|högre|lägre|större|fler|färre|bättre|sämre)\s+"
    r"(?:enn|än|than|sammenlign\w*|samanlikn\w*|jämför\w*|compared)(?![\wæøåäö])"
    r"(?!\s+(?:(?:med|mot|with|to|det|the)\s+)?(?:budsj|budget|planlagt|forventet|venta|prognos|forecast|målet|target))")
# a sentence that goes on about the figure before it ("Dette er …", "This is …", "Det tilsvarer …")
_ANAPHOR = re.compile(r"^\s*(?:dette|detta|det|denne|this|that|these|it|dét)\s+(?:er|var|blei|ble|vart|är|var|is|was|"
                      r"utgjer|utgjør|utgjorde|tilsvarer|tilsvarar|motsvarar|gir|gav)(?![\wæøåäö])", re.I)
_PERCENT_ASKED = re.compile(r"(?<![\wæøåäö])(?:prosent\w*|procent\w*|percent\w*|per cent|%|prosentpoeng|"
                            r"percentage points?)(?![\wæøåäö])", re.I)
CHANGE_SCENARIOS = ("endring", "change")
RATE_UNITS = ("pct", "pp")


@dataclass(frozen=True)
class Figure:
    figure_id: str
    file_name: str
    value: float
    unit: str | None
    year: int | None
    scenario: str | None
    printed: str | None
    text: str
    context: str | None


def asks_change(question: str) -> bool:
    return CHANGE_ASKED.search(question.lower()) is not None


def _flat(text: str | None) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def stated_as_change(fig: Figure) -> bool:
    """The reader's change (a change word before the figure), or a comparison with an earlier time after it."""
    if fig.scenario in CHANGE_SCENARIOS:
        return True
    text = _flat(fig.text)
    number = re.search(r"\d(?:[\d\s.,]*\d)?", _flat(fig.printed))
    if number is None:
        return False
    return any(_COMPARED_AFTER.match(text[m.end():].lower()) is not None
               for m in re.finditer(rf"(?<![\d,.]){re.escape(number.group())}(?![\d]|,\d)", text))


def _level(value: float) -> bool:
    """A figure distinct enough to find the sentence that states it again (never a small round count)."""
    return abs(value) >= 100 or value != round(value)


def stated_changes(question: str, sources: list[tuple[str, str]], levels: set[tuple[str, int | None, float]],
                   years: set[int] | None, figures: list[Figure], shown: set[float]) -> list[str]:
    """The figure ids of the changes the reports state for the levels an answer shows. `sources`: (file, sentence) the
    answer quotes; `levels`: (file, year, value) of its figures; `figures`: the prose figures of those files; `shown`:
    the values the answer shows already."""
    own = {(f, _flat(t)) for f, t in sources if t}
    own |= {(g.file_name, _flat(g.text)) for g in figures
            if _level(g.value) and not stated_as_change(g)
            and any(g.file_name == f and round(g.value, 4) == round(v, 4) and (y is None or g.year in (y, None))
                    for f, y, v in levels)}
    if not own:
        return []

    def fits(g: Figure) -> bool:
        return (stated_as_change(g) and round(g.value, 4) not in shown
                and (not years or g.year is None or g.year in years))

    chosen = [g for g in figures if (g.file_name, _flat(g.text)) in own and fits(g)]
    rate_asked = _PERCENT_ASKED.search(question) is not None
    has_rate = any(g.unit in RATE_UNITS for g in chosen)
    for g in figures:
        if g in chosen or not fits(g) or (g.file_name, _flat(g.text)) in own:
            continue
        before = _flat((g.context or "").split(" | ")[-1])
        if (g.file_name, before) not in own:
            continue  # only the sentence right after one that states the level
        if _ANAPHOR.match(_flat(g.text)) or rate_asked and not has_rate and g.unit in RATE_UNITS:
            chosen.append(g)
    return list(dict.fromkeys(g.figure_id for g in chosen))
