"""Words in a ticket's free-text column (a Jira "Summary", a desk's "Title"/"Emne"/"Beskrivelse"), kept per ticket in
fct_ticket_attribute: "how many issues mention NPE or NullPointerException in the summary", "kor mange saker har
«vectoriz» i samandraget", "Parser-saker med status Resolved".

A word counts case-insensitively: one of at most four letters as a whole word ("NPE", "LLAP": never inside
"mapjoin"), a longer one anywhere in the text, also inside a compound or a longer word ("vectoriz" finds
"vectorized", "skriver" finds "nettverksskriveren"); several words joined by "or"/"eller" count tickets with any of them, by
"and"/"og" with every one of them ("både ... og", "both ... and"). The answer names the column, the words and the
rule. The same source and value filters as ticket counts apply ("with status Resolved", "Critical issues").

The words searched come from the question's shape: quoted («x», "x"), after a verb of mentioning ("nevner",
"inneholder", "mention", "contain", "with the word"), or written into the ticket noun ("Parser-saker",
"Parser issues") when no value, source or organisation has that name and the question names no other field.
A word no text holds is answered with 0 and the rule, never another count.
"""
from __future__ import annotations

import re

from app.engine.families import ticket_attributes, tickets
from app.engine.families.base import Question, Reading, in_list, sql_str
from app.engine.format import format_number
from app.engine.wordforms import stem, words

NAME = "ticket_text"

# header words of a free-text column, and the words a question names it by (bokmål, nynorsk, English)
TEXT_HEADERS = {
    "summary": ("summary", "summaries", "sammendrag", "sammendraget", "sammendragene", "samandrag", "samandraget",
                "samandraga", "oppsummering", "oppsummeringa", "oppsummeringen", "title", "titles", "tittel",
                "tittelen", "titlene", "titlar", "subject", "subjects", "emne", "emnet", "emnefelt", "emnefeltet",
                "overskrift", "overskrifta", "overskriften", "headline", "kortbeskrivelse", "short description"),
    "description": ("description", "descriptions", "beskrivelse", "beskrivelsen", "beskriving", "beskrivinga",
                    "detaljer", "details"),
}
MENTION = (r"nevner", r"nemner", r"nevnte", r"nemnde", r"nevnes", r"nemnast", r"inneholder", r"inneheld",
           r"inneholdt", r"mentions?", r"mentioning", r"mentioned", r"contains?", r"containing", r"contained",
           r"include[sd]?", r"including", r"refer(?:s|ring)? to", r"with the words?", r"med ordet", r"med orda",
           r"med ordene", r"ordet", r"the words?", r"the term", r"begrepet", r"omtaler", r"omtalar")
QUOTED = re.compile(r"[«\"“'‘]([^»\"”'’]{2,40})[»\"”'’]")
STOP = {"the", "a", "an", "i", "in", "its", "their", "sitt", "sin", "sine", "deres", "deira", "det", "it", "word",
        "ordet", "words", "term", "begrepet", "either", "enten", "both", "både"}
OWN_STEMS = {stem(w) for w in """nevner nemner nevnte nemnde nevnes inneholder inneheld inneholdt mention mentions
mentioning mentioned contain contains containing contained include includes included including refer refers
referring word words ordet orda ordene term begrepet omtaler omtalar about om either enten both både text tekst
teksten felt feltet field column kolonne kolonnen""".split()}


SHORT = 4


def _pattern(term: str) -> str:
    """A short word ("NPE", "LLAP") as a whole word; a longer one anywhere, also inside a compound or a longer word
    ("vectoriz" in "vectorized", "skriver" in "nettverksskriveren")."""
    t = re.sub(r"([.^$*+?()\[\]{}|\\])", r"\\\1", term.casefold())
    return f"(^|[^[:alnum:]_]){t}($|[^[:alnum:]_])" if len(term) <= SHORT else t


def _quoted(q: Question) -> bool:
    return bool(QUOTED.search(q.raw))


def _written_as_name(term: str, raw: str) -> bool:
    """The word is quoted, or written with a capital letter or a digit inside the question (not as its first word)."""
    if QUOTED.search(raw) and any(term.casefold() == t.strip().casefold() for t in QUOTED.findall(raw)):
        return True
    m = re.search(r"(?<![\w])" + re.escape(term) + r"(?![\w])", raw, flags=re.I)
    if not m or m.start() == 0:
        return False
    written = raw[m.start():m.end()]
    return any(c.isupper() or c.isdigit() for c in written)


def text_attributes(tv) -> dict[str, object]:
    """{kind: attribute} of the free-text columns the exports keep, by their header words."""
    out = {}
    for attr in tv.attributes.values():
        if attr.numeric:
            continue
        head = {w for w in words(attr.name)}
        for kind, names in TEXT_HEADERS.items():
            if kind not in out and head & set(names):
                out[kind] = attr
    return out


def _column_named(q: Question, texts) -> tuple[object | None, set[str]]:
    for kind, names in TEXT_HEADERS.items():
        hit = {w for w in words(q.text) if w in names}
        if hit and kind in texts:
            return texts[kind], hit
    return None, set()


def _terms(q: Question) -> tuple[list[str], str]:
    """The words searched and how they join ("any" | "all")."""
    raw = q.raw
    quoted = [t.strip() for t in QUOTED.findall(raw) if t.strip()]
    text = q.text
    found: list[str] = []
    if quoted:
        found = quoted
    else:
        m = re.search(r"(?<!\w)(?:" + "|".join(MENTION) + r")\s+(.+?)(?=\s+(?:i|in|på|on|from|fra|frå|blant|among)\s"
                      r"|[?.!,;]|$)", raw, flags=re.I)
        if m:
            parts = re.split(r"\s+(?:or|eller|and|og|\+|/)\s+|\s*/\s*|,\s*", m.group(1))
            found = [p.strip(" ()«»\"'") for p in parts if p.strip(" ()«»\"'") and p.strip().casefold() not in STOP]
            found = [" ".join(w for w in f.split() if w.casefold() not in STOP) for f in found]
            found = [f for f in found if f]
    joiner = "all" if re.search(r"(?<!\w)(?:både|both|all of|alle)(?!\w)", text) else "any"
    return list(dict.fromkeys(found)), joiner


def _noun_topic(q: Question, tv, vocab) -> str | None:
    """"Parser-saker", "Parser issues": a word written into the ticket noun that names nothing else."""
    m = re.search(r"(?<![\w-])([A-ZÆØÅa-zæøå][\w]{2,})(?:-|\s+)(?:sak\w*|issues?|tickets?|cases?)(?!\w)", q.raw)
    if not m or not m.group(1)[:1].isupper():
        return None
    word = m.group(1)
    low = word.casefold()
    if m.start() == 0 and m.group(0).find("-") < 0:
        return None  # "Critical issues" as the first words: a value, not a topic, unless written into the noun
    if low in tv.id_prefixes or any(low in s.words for s in tv.sources) or low in tickets.GENERIC:
        return None
    if any(low == str(v).casefold() for vals in tv.raw_values.values() for v in vals):
        return None
    from app.engine.planner import find_organisations

    if find_organisations(word, vocab.organisations):
        return None
    return word


def read(q: Question, vocab) -> Reading | None:
    tv = vocab.data.tickets if vocab.data else None
    if tv is None or not tv.rows or not getattr(tv, "attributes", None):
        return None
    texts = text_attributes(tv)
    if not texts:
        return None
    attr, column_words = _column_named(q, texts)
    terms, joiner = _terms(q) if (attr is not None or q.has(*MENTION)) else ([], "any")
    topic = None
    if not terms:
        if attr is not None:
            return None  # the column named, nothing searched in it: the attribute family counts or lists it
        topic = _noun_topic(q, tv, vocab)
        if not topic:
            return None
        terms = [topic]
    if attr is None:
        if not (q.has(*MENTION) and tickets.is_ticket_question(q, vocab)) and not topic:
            return None
        attr = texts.get("summary") or next(iter(texts.values()))
    if any(len(t) < 2 for t in terms):
        return None
    if not column_words and not topic and not all(_written_as_name(t, q.raw) for t in terms):
        return None  # "contain in total": no column named, so only a quoted or capitalised word is searched
    if any(stem(w) in tickets.GENERIC for t in terms for w in words(t.casefold())) and not _quoted(q):
        return None
    term_words = {w for t in terms for w in words(t.casefold())} | {stem(w) for t in terms for w in words(t.casefold())}
    chosen, source_words = tickets.selected_sources(q, tv)
    if source_words and not any(s.system in attr.systems for s in chosen):
        return None  # the export named ("the helpdesk log") has no such text
    chosen = [s for s in chosen if s.system in attr.systems] or [s for s in tv.sources if s.system in attr.systems]
    skip = tickets.GENERIC | tickets.DIM_WORDS | source_words | term_words | column_words | OWN_STEMS
    filters, used = tickets._value_filters(q, tv, skip)
    for col in list(filters):  # a searched word is no field value ("LLAP" of a version list)
        if all(str(v).casefold() in term_words for v in filters[col]):
            filters.pop(col)
    filters.pop("source_system", None)
    if topic and any(topic.casefold() in words(str(v).casefold()) for vals in filters.values() for v in vals):
        return None  # "Visma-saker (Programvare > Fagsystem > Visma)": the word names the value asked, not a text
    known = (skip | used | {stem(w) for w in column_words} | tickets.CLOSED_STEMS | tickets.DESCRIPTIVE
             | {stem(x) for x in tv.id_prefixes})
    if tickets.leftover_words(q, known):
        return None
    if q.period.years or q.period.grain:
        return None  # words in a period: the ticket counts' period rules are not repeated here
    en = q.lang == "en"
    where = [f"a.attribute = {sql_str(attr.name)}", in_list("a.source_system", [s.system for s in chosen])]
    for col, vals in filters.items():
        where.append(in_list(f"t.{col}", vals))
    matches = [f"regexp_matches(lower(a.value), {sql_str(_pattern(t))})" for t in terms]
    where.append("(" + (" and " if joiner == "all" else " or ").join(matches) + ")")
    sql = ("select count(distinct a.ticket_key) as tickets\nfrom fct_ticket_attribute as a\n"
           + ticket_attributes.JOIN_TICKETS + "where " + "\n  and ".join(where))
    shown = (" and " if joiner == "all" else " or ").join(f"«{t}»" for t in terms) if en else \
        (" og " if joiner == "all" else " eller ").join(f"«{t}»" for t in terms)
    extra = "".join(f", {tickets.field_label(c, en)} = {', '.join(map(str, v))}"
                    for c, v in filters.items())
    interp = (f"number of tickets whose «{attr.name}» contains {shown} (case-insensitive; a word of at most "
              f"{SHORT} letters as a whole word){extra}" if en else
              f"antall saker der «{attr.name}» inneholder {shown} (uten hensyn til store/små bokstaver; et ord på "
              f"høyst {SHORT} bokstaver som helt ord){extra}")
    return Reading(NAME, tickets.source_label(chosen, en, "fct_ticket_attribute"), sql, interp,
                   sentence=lambda c, r, lang: (f"{format_number(r[0][0])} tickets ({interp})." if lang == "en" else
                                                f"{format_number(r[0][0])} saker ({interp})."))
