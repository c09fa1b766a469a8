"""Prose lookup: a figure a report states in running text ("Antall ansatte ved utgangen av 2018: 167",
"kommunen har eit areal på 147 km²"), found by the question's content words in the sentence, narrowed by
organisation and year. Tried after the governed measures, account lines and table cells; answers are
labelled as read from the text of page Y, not governed, and quote the sentence.

Precision before recall: every content word of the question must be in the sentence (one may be
missing when there are four or more), an organisation the question names must be the report's, and
a year it names must be the figure's year or the report's year. Otherwise the family does not apply.
"""
from __future__ import annotations

import re

from app.engine.families.base import Question, Reading, in_list, sql_str
from app.engine.text import format_number, normalise
from app.engine.wordforms import STOPWORDS, stem, words

NAME = "prose_lookup"
# question words that ask for a figure but are not what the figure is about
ASKING = {stem(w) for w in """
mye mykje much many mange hvor kor how what hva kva stor stort store large big høy høg high antall tal talet number
amount beløp sum verdi value figure tall prosent percent del andel share year år året i fjor was were var vart ble
blei had hadde har have has total totalt samlet samla ifølge according report rapport årsrapport årsmelding
annual kommune kommunen municipality fylkeskommune county council iks selskap company in i på ved for av om til the
of
""".split()}


def _content_words(q: Question, org_words: set[str]) -> list[str]:
    out = []
    for w in words(q.text):
        if w.isdigit() or len(w) < 3 or w in STOPWORDS:
            continue
        s = stem(w)
        if s in ASKING or s in org_words or w in org_words:
            continue
        if w not in out:
            out.append(w)
    return out


def _patterns(word: str) -> list[str]:
    """Forms to look for in the sentence: the stem and the word without its ending (nynorsk text too)."""
    forms = {stem(word), word[: max(4, len(word) - 2)]}
    return sorted(f for f in forms if len(f) >= 3)


def read(q: Question, vocab) -> Reading | None:
    tables = getattr(vocab, "tables", None) or {}
    if tables and "fct_report_prose_figure" not in tables:
        return None
    from app.engine.families.cell_lookup import _named_organisations

    named = _named_organisations(q, vocab)
    organisations = getattr(vocab, "organisations", {}) or {}
    names = getattr(vocab, "organisation_names", {}) or {}
    org_names = sorted({names.get(k, k) for k in named} | {alias for alias, k in organisations.items() if k in named})
    org_words = {w for n in org_names for w in words(normalise(n))} | {stem(w) for n in org_names for w in words(n)}
    content = _content_words(q, org_words)
    if not content:
        return None
    matches = []
    for w in content:
        likes = " or ".join(f"lower(p.text) like {sql_str('%' + p + '%')}" for p in _patterns(w))
        matches.append(f"(case when {likes} then 1 else 0 end)")
    score = " + ".join(matches)
    need = len(content) if len(content) < 4 else len(content) - 1
    where = ["p.value is not null", "p.text is not null"]
    if named:
        where.append("lower(p.organisation) in (" + ", ".join(sql_str(n.lower()) for n in org_names) + ")")
    years = q.period.years
    if years:
        where.append(f"({in_list('p.value_year', years)} or {in_list('p.report_year', years)})")
    sql = (
        "with scored as (\n"
        f"  select p.organisation, p.report_year, p.value_year as year, p.value, p.unit, p.printed, p.text,\n"
        f"         p.file_name as source_document, p.page as source_page, p.line, {score} as score\n"
        "  from fct_report_prose_figure as p\n  where " + "\n    and ".join(where) + "\n)\n"
        "select organisation, year, value, unit, printed, text as sentence, source_document as document,\n"
        "       source_page as page, text as source_excerpt, source_document, source_page\n"
        f"from scored where score >= {need} and score = (select max(score) from scored)\n"
        "order by source_document, source_page, line\nlimit 12"
    )
    en = q.lang == "en"
    bits = [" ".join(f"«{w}»" for w in content)]
    if org_names:
        bits.append(names.get(named[0], named[0]))
    if years:
        bits.append(", ".join(map(str, years)))
    interpretation = ("figure stated in the report text: " if en else "tall oppgitt i rapportteksten: ") + ", ".join(bits)
    source = ("report text, as written (not a governed measure)" if en else
              "rapporttekst, slik den er skrevet (ikke et styrt mål)")

    def sentence(columns, rows, lang):
        e = lang == "en"
        shown = []
        for r in rows[:5]:
            d = dict(zip(columns, r))
            quote = re.sub(r"\s+", " ", str(d.get("sentence") or "")).strip()
            if len(quote) > 220:
                at = quote.find(str(d.get("printed") or ""))
                start = max(0, at - 100) if at >= 0 else 0
                quote = ("…" if start else "") + quote[start:start + 220] + "…"
            where_ = f"{d.get('document')}, {'page' if e else 'side'} {d.get('page')}"
            shown.append(f"{format_number(d['value'])} ({d.get('organisation') or ''} {d.get('year') or ''}; "
                         f"«{quote}», {where_})".replace(" ;", ";").replace("( ", "("))
        return ("Stated in the report text (not a governed measure): " if e else
                "Oppgitt i rapportteksten (ikke et styrt mål): ") + "; ".join(shown) + "."

    return Reading(NAME, source, sql, interpretation, sentence=sentence, tentative=True,
                   empty_reason=("No sentence in the loaded reports states a figure with all these words." if en else
                                 "Ingen setning i rapportene oppgir et tall med alle disse ordene."))
