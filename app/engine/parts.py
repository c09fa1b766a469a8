"""A question that asks for several things at once, split into one question per thing asked.

Three ways a question asks for more than one figure (pure functions over the question's text):

- several YEARS: "X i 2017 og i 2018", "X in 2021 and 2020", "2016, 2017 og 2018", "X in 2016, and how many in
  2018?", or one year and the one before ("samanlikna med året før", "compared with the previous year"):
  `year_parts` gives the question once per year, every year written in it replaced by that one;
- two CLAUSES: "X i 2018, og kor stor del av driftsinntektene utgjorde det?", "how many FTEs did U have, and what
  was its sick leave": `clause_parts` gives the first clause and the second one with the names and years of the
  first that it leaves out (its unit, its year);
- two MEASURES joined by og/and/samt: "tilsette og årsverk", "sick leave and FTEs", "kor mange tilsette og kor
  mange årsverk", "total operating revenues and total operating expenses": `measure_parts` gives the question once
  per measure. An og/and that is part of a name or label the data knows ("Nordre og Søndre", "lønn og sosiale
  utgifter", "skatt på inntekt og formue", in any language the word forms translate) never splits.

The engine (app.engine.engine) asks each part and answers with every part listed; a split is only tried when the
question as a whole was refused or left something out, and a refused question stays refused unless every part is
answered.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from app.engine.text import normalise
from app.engine.wordforms import STOPWORDS, stem, to_norwegian

YEAR = r"(?<![\d.])(?:19|20)\d\d(?![\d])"
# "the year before" as the question says it: the year named and the one before it
PREVIOUS_YEAR = (r"året før", r"året etter", r"i fjor", r"fjoråret", r"fjorårets", r"året forut", r"forrige år",
                 r"førre år", r"the year before", r"the previous year", r"previous year", r"prior year",
                 r"the year prior", r"last year", r"året innan", r"året inna", r"föregående år", r"förra året")
CONJUNCTIONS = ("og", "and", "samt", "&", "eller", "or", "och", "und")
# the columns or forms of one figure, not two measures: "regnskap og budsjett", "i kroner og i prosent"
SAME_FIGURE = frozenset("""regnskap rekneskap budsjett budsjet budget actual actuals accounts revidert regulert opprinnelig
opprinneleg revised original plan planned mål target resultat result kroner kr nok prosent percent percentage prosentdel
tal tall number numbers andel share kvinner menn women men female male utfall outcome""".split())
SPLITTING = ("og", "and", "samt", "&")
# words that open a question of their own ("…, og kor mange årsverk var det?", "…, and what was its sick leave?")
EXPLETIVE_AFTER = ("var", "er", "ble", "vart", "was", "were", "is", "are", "fanst", "fantes", "finst", "finnes")
QUESTION_WORDS = ("hva", "hvor", "hvilken", "hvilke", "hvilket", "hvordan", "kva", "kor", "korleis", "kven", "kvifor",
                  "what", "how", "which", "who", "why", "did", "was", "were", "is", "are", "var", "ble", "vart",
                  "hvem", "kan", "can")
PRONOUNS = ("det", "den", "dette", "denne", "that", "it", "this", "its", "dens", "dets", "sitt", "sin")
# words of a period or a place in time that a clause carries for the next one
TIME_WORDS = r"(?:ved utgangen av|ved slutten av|per|pr|at the end of|by the end of|end of|ved inngangen til|i|in|" \
             r"for|frå|fra|from|til|to)?\s*"


def years_written(question: str) -> list[int]:
    """The years written in the question, in order, each once."""
    out: list[int] = []
    for m in re.finditer(YEAR, normalise(question)):
        y = int(m.group(0))
        if y not in out:
            out.append(y)
    return out


def _previous_year_asked(text: str) -> bool:
    return re.search(r"(?<!\w)(?:" + "|".join(PREVIOUS_YEAR) + r")(?!\w)", text) is not None


def _is_span(text: str, years: list[int]) -> bool:
    """"2016-2018", "fra 2016 til 2018", "2027–2031": a range, whose inner years are asked as well."""
    return bool(re.search(YEAR + r"\s*(?:-|til|to|through|until)\s*" + YEAR, text))


# a name with its own year ("Klepp 2015", "Hå in 2019", "Nordby kommune i 2030"), and what joins two of them
_NAME_YEAR = re.compile(r"(?P<name>(?<![\wæøåäö])[A-ZÆØÅÄÖ][a-zæøåäö][\wæøåäö\-]*(?:\s+(?:kommune|kommun|fylkeskommune|kommunes|"
                        r"IKS))?)\s+(?:(?:i|in|år|for|för)\s+)?(?P<year>(?:19|20)\d\d)(?![\d])")
_PAIR_JOIN = re.compile(r"\s*,?\s*(?:mot|mod|vs\.?|versus|or|eller|and|og|och|compared\s+(?:with|to)|sammenlignet\s+med|"
                        r"samanlikna\s+med|jämfört\s+med)\s+", re.I)


def name_year_parts(question: str) -> list[tuple[int, str]]:
    """(year, question about one name in its year) for a question comparing two names each with a year of its own
    ("Klepp 2015 mot Hå 2019", "Klepp in 2015 or Hå in 2019"): each pair is its own question, never one name read for
    both years; [] otherwise."""
    found = list(_NAME_YEAR.finditer(question))
    if len(found) != 2:
        return []
    a, b = found
    from app.engine.periods import MONTHS

    first = [m.group("name").split()[0].lower() for m in found]
    if first[0] == first[1] or a.group("year") == b.group("year") or any(w in MONTHS for w in first):
        return []  # one name, one year, or a month ("January 2019 and March 2020"): no two names each in its year
    if not _PAIR_JOIN.fullmatch(question[a.end():b.start()]):
        return []
    return [(int(a.group("year")), (question[:a.end()] + question[b.end():]).strip()),
            (int(b.group("year")), (question[:a.start()] + question[b.start():]).strip())]


def year_parts(question: str) -> list[tuple[int, str]]:
    """(year, question about that year only) for a question naming two or more years, or one year and the one
    before it; [] for a question about one year or a range ("2016–2018": the range is one question)."""
    text = normalise(question)
    years = years_written(question)
    school = re.search(YEAR + r"\s*[-/]\s*(\d\d)(?!\d)", text)
    if len(years) == 1 and _previous_year_asked(text):
        y = years[0]
        without = re.sub(r",?\s*(?:og|and|men|but)?\s*(?:hva|kva|what|how|hvordan|korleis)?\s*(?:var|was|were|ble|"
                         r"vart)?\s*(?:det|den|it|that|they)?\s*(?:sammenlignet|samanlikna|compared|jamført|jämfört)?\s*"
                         r"(?:med|with|to|mot|against|versus|vs)?\s*(?:" + "|".join(PREVIOUS_YEAR) + r")(?!\w)",
                         " ", text)
        without = re.sub(r"\s+", " ", without).strip(" ,")
        if school:  # "skoleåret 2015-16, og året før": the school year before, 2014-15
            before = f"{y - 1}-{(int(school.group(1)) - 1) % 100:02d}"
            return [(y, without), (y - 1, without.replace(school.group(0), before))]
        return [(y, without), (y - 1, re.sub(YEAR, str(y - 1), without))]
    if school:
        return []  # several school years ("2014-15 og 2015-16") are read as written
    if len(years) < 2 or _is_span(text, years):
        return []
    # "…i 2018, og hvordan var det i 2017?": a clause that only names another year asks the first clause again
    m = re.search(r"\s(?:og|and|men|but)\s+((?:\S+\s+)*?)" + YEAR + r"\s*$", text)
    if m and not any(_is_content(w) for w in m.group(1).split()):
        text = text[:m.start()] + " " + str(years[-1])
    out = []
    for y in years:
        # a list of years ("2016, 2017 og 2018", "i 2017 og i 2018", "2021 vs 2020") becomes the one year
        listed = re.sub(YEAR + r"(?:\s*(?:,|og|and|&|vs\.?|versus|mot|against|compared with|sammenlignet med|"
                        r"samanlikna med|jamført med)?\s*(?:i|in)?\s*" + YEAR + r")+", str(y), text)
        out.append((y, re.sub(YEAR, str(y), listed)))
    return out


def protected_pairs(names: Iterable[str]) -> frozenset[tuple[str, str]]:
    """(stem before, stem after) of every og/and inside a name or label the data knows ("Nordre og Søndre",
    "Lønn og sosiale utgifter", "Skatt på inntekt og formue"): an og/and there joins no two questions."""
    pairs: set[tuple[str, str]] = set()
    for name in names:
        ws = normalise(str(name)).replace("-", " ").split()
        for i in range(1, len(ws) - 1):
            if ws[i] in CONJUNCTIONS:
                pairs.add((stem(ws[i - 1]), stem(ws[i + 1])))
    return frozenset(pairs)


def _key(word: str) -> str:
    return stem(to_norwegian(word))


def _protected(ws: list[str], i: int, pairs: frozenset[tuple[str, str]]) -> bool:
    before, after = ws[i - 1], ws[i + 1]
    for a in {stem(before), _key(before)}:
        for b in {stem(after), _key(after)}:
            if (a, b) in pairs:
                return True
            # "income and wealth tax" ~ "inntekt og formue": the pair stems may be compounds of the label's words
            if any(a and b and (a.endswith(x) or x.endswith(a)) and (b.startswith(y) or y.startswith(b))
                   and min(len(a), len(x)) >= 4 and min(len(b), len(y)) >= 4 for x, y in pairs):
                return True
    return False


def _is_content(word: str) -> bool:
    return word not in STOPWORDS and not re.fullmatch(r"[\d.,%-]+", word) and word not in QUESTION_WORDS \
        and word not in CONJUNCTIONS and word not in PRONOUNS


def clause_parts(question: str, context_words: Iterable[str] = ()) -> list[str]:
    """"X i 2018, og kor stor del av driftsinntektene utgjorde det?" -> the two clauses, the second with the years
    and `context_words` (the names the first clause uses: its unit, its organisation) that it does not write."""
    text = normalise(question)
    raw = question.strip()
    m = re.search(r",\s*(?:og|and|samt|men|but)\s+(?=(?:" + "|".join(QUESTION_WORDS) + r")\b)", raw, flags=re.I)
    if m is None:
        return []
    first, second = raw[:m.start()].strip(" ,"), raw[m.end():].strip()
    if len(normalise(first).split()) < 2 or len(normalise(second).split()) < 2:
        return []
    if not any(_is_content(w) and w[:1].isalpha() for w in normalise(second).rstrip(" ?.!").split()):
        return []  # "…, og hvor mye?", "and how much?": the figure of what the first clause asks, not a question
    if re.search(THE_PERIOD_FOUND, normalise(second)):
        return []  # "…, og hvor mange saker kom inn den uka?": the figure of the period the first clause finds
    second = _resolve_pronoun(first, second, context_words)
    have = normalise(second)
    add = [str(y) for y in years_written(first) if str(y) not in have]
    for w in context_words:
        if normalise(w) in text and not re.search(rf"(?<!\w){re.escape(normalise(w))}(?!\w)", have):
            add.append(w)
            have += " " + normalise(w)
    second = second.rstrip(" ?.!")
    if add:
        second = f"{second} ({', '.join(add)})"
    return [first + ("?" if raw.endswith("?") else ""), second + ("?" if raw.endswith("?") else "")]


# "den uka", "den veka", "that week", "den måneden", "that quarter": the period the first clause asks to find
THE_PERIOD_FOUND = (r"(?<!\w)(?:den|denne|det|dette|that|this|same|samme|same)\s+(?:uka|uken|veka|veke|week|måneden|"
                    r"månaden|month|kvartalet|quarter|dagen|day|datoen|date|halvåret|året|year)(?!\w)")


POSSESSIVES = ("its", "their", "dens", "dets", "sitt", "sin", "sine", "deira", "deres")


def _resolve_pronoun(first: str, second: str, context_words: Iterable[str] = ()) -> str:
    """"…, og kor stor del av driftsinntektene utgjorde det": "det" is what the first clause asked for, so the
    second clause says it ("utgjorde netto driftsresultat"); "its"/"sitt" (the unit's) are left to the names the
    clause is given; "kor mange årsverk var det" (there were) is no pronoun. What the first clause asked for is its
    measure words: not its names (`context_words`, given to the clause apart), nor the words that only ask or date
    ("how large", "ved utgangen", "at the end")."""
    from app.engine.families.prose import ASKING

    ws = second.rstrip(" ?.!").split()
    names = {x for n in context_words for x in normalise(n).replace("'s", "").split()}
    measure = [w for w in normalise(first).replace("'s ", " ").split() if _is_content(w) and w[:1].isalpha()
               and w not in names and stem(w) not in ASKING]
    out = []
    for i, w in enumerate(ws):
        low = normalise(w)
        if low in POSSESSIVES:
            continue
        last = i == len(ws) - 1
        if low in ("det", "dette", "that", "it", "this") and measure and not (
                last and i > 0 and normalise(ws[i - 1]) in EXPLETIVE_AFTER):
            out.append("«" + " ".join(measure) + "»")
            continue
        out.append(w)
    content = [normalise(w) for w in out if _is_content(normalise(w)) and normalise(w)[:1].isalpha()]
    if measure and content and all(_SCENARIO_WORD.match(w) for w in content):
        # "…, og hvor mye var budsjettert?", "and what was the budget?": a clause that only names another
        # scenario asks for the first clause's measure in that scenario
        out.append("«" + " ".join(measure) + "»")
    return " ".join(out)


def broader_referent(part: str) -> str | None:
    """The part with what it refers back to said by its last word only ("kor mykje var «langsiktig lånegjeld» per
    innbyggar" -> "«lånegjeld»", "how much was «long-term debt» per inhabitant" -> "«debt»": the head of a Norwegian
    or English noun phrase); None when the part refers back to nothing or to one word."""
    m = re.search(r"«([^»]+)»", part)
    if m is None or len(m.group(1).split()) < 2:
        return None
    head = m.group(1).split()[-1].split("-")[-1]
    return part[:m.start()] + f"«{head}»" + part[m.end():]


# words that name a scenario of a figure (budget, accounts, variance, forecast), never a measure by themselves
_SCENARIO_WORD = re.compile(r"^(?:budsj|budget|regnsk|reknesk|avvik|prognos|forecast|planl|vedtatt|vedteke|"
                            r"justert|revidert|opprinnel|actual|faktisk|varians|variance|deviation)")


def _run(ws: list[str], start: int, step: int, stop: set[int]) -> list[int]:
    """Positions of the content words next to position `start`, walking by `step`, until a function word, a year,
    a name (`stop`) or a comma."""
    out = []
    i = start
    while 0 <= i < len(ws) and i not in stop and _is_content(ws[i]):
        out.append(i)
        i += step
    return out


def measure_parts(question: str, protected: frozenset[tuple[str, str]] = frozenset(),
                  name_positions: Iterable[str] = ()) -> list[str]:
    """"Kor mange tilsette og årsverk hadde U i 2018?" -> "Kor mange tilsette hadde U i 2018?" and "Kor mange
    årsverk hadde U i 2018?". One og/and between two runs of content words (function words after it skipped:
    "og kor mange årsverk"); not one inside a protected name or label, nor one next to a name (`name_positions`:
    the words of units and organisations) or a year."""
    text = normalise(question).rstrip(" ?.!")
    ws = text.split()
    names = {w for n in name_positions for w in normalise(n).split()}
    stop = {i for i, w in enumerate(ws) if w in names or re.fullmatch(YEAR, w)}
    joins = [i for i, w in enumerate(ws) if w in SPLITTING and 0 < i < len(ws) - 1]
    out: list[str] = []
    for i in joins:
        if _protected(ws, i, protected) or i - 1 in stop:
            continue
        left = _run(ws, i - 1, -1, stop)
        j = i + 1
        while j < len(ws) and not _is_content(ws[j]) and j not in stop and not re.fullmatch(r"[\d.,%-]+", ws[j]):
            j += 1  # "og kor mange årsverk", "and total operating expenses"
        right = _run(ws, j, 1, stop)
        if not left or not right or ws[left[0]] in SAME_FIGURE or ws[right[0]] in SAME_FIGURE:
            continue
        lo, hi = min(left), max(right)
        first = ws[:i] + ws[hi + 1:]
        if {ws[k] for k in right} <= set(ws[:i]):
            # the same measure again: with words of its own after it, up to a name or a year ("netto driftsresultat og
            # netto driftsresultat i prosent av driftsinntektene"), that measure in another form, which the first part
            # is asked without; else the same thing asked again ("…flest saker, og i hvor mange saker")
            end = next((k for k in range(hi + 1, len(ws)) if k in stop), len(ws))
            if not any(_is_content(w) for w in ws[hi + 1:end]):
                continue
            first = ws[:i] + ws[end:]
        second = ws[:lo] + ws[j:]
        out = [" ".join(first), " ".join(second)]
        break  # one split at a time: each part may be split again when asked
    return out
