"""The years of one table row ranked: "Kva år hadde Nordvik flest barn i barnehage, og kor mange var det?", "Which year
had the lowest sick leave?" over a row printed across year columns ("Barn 1-5 år 1 080 1 134 1 152 1 105 1 098"
under "2013 2014 2015 2016 2017"). The answer is the year of the row's largest (smallest) figure and that figure,
with the other years beside it, read as printed — not a governed measure.

The row is the one whose label holds a word of the question and whose label and table (caption, column heads) hold
every content word (all but one of three or more), in some form (stems, nynorsk and Swedish spellings, English words
through the glossary); a percent row only when a share is asked ("flest barn" is a count, not "Del barn med plass
(%)"). Rows that fit equally well are not told apart: none is ranked. Reached from the ranking family
(app.engine.families.ranking) when the question asks which year.
"""
from __future__ import annotations

import re

from app.engine.families.base import Question, Reading, in_list
from app.engine.format import format_number

NAME = "row_years"

PERCENT_ROW = re.compile(r"%|prosent|procent|percent|andel|(?<![a-zæøåäö])(?:del|share|rate)(?![a-zæøåäö])", re.I)
PERCENT_ASKED = re.compile(r"(?<![a-zæøåäö])(?:prosent\w*|procent\w*|percent\w*|%|andel\w*|share|proportion|rate|"
                           r"del av)(?![a-zæøåäö])", re.I)


def rows_named(q: Question, vocab, exclude: set[str], organisations: set[str]) -> tuple[list[str], list[str]]:
    """(the row label the question names with its table's words, or none when several fit equally; every label that
    fits)."""
    from app.engine.families.label_search import _enough, concepts, cover

    cv = vocab.data.cells
    cs = concepts(q, exclude)
    if not cs:
        return [], []
    percent = bool(PERCENT_ASKED.search(q.raw))
    scored = []
    for label in cv.rows.labels:
        if organisations and not (cv.row_organisations.get(label, frozenset()) & organisations):
            continue
        if not percent and PERCENT_ROW.search(label):
            continue
        own, _ = cover(cs, label)
        if not own or not any(len(h) >= 4 for h in own):
            continue
        rest = [c for c in cs if c[0] not in own]
        context = " ".join(getattr(cv, "row_heads", {}).get(label, ()))
        found = own + (cover(rest, context)[0] if rest and context else [])
        if _enough(found, cs):
            scored.append(((len(found), len(own)), label))
    if not scored:
        return [], []
    top = max(s for s, _ in scored)
    best = [label for s, label in scored if s == top]
    return (best if len(best) == 1 else []), [label for _, label in scored]


def read(q: Question, vocab, orgs: list[str], docs: list) -> Reading | None:
    from app.engine.families.label_search import _organisations
    from app.engine.families.ranking import RANK_CUES, RANK_HIGH, RANK_LOW, has_any
    from app.engine.quantities import printed_label_sql
    from app.engine.wordforms import stem

    cv = vocab.data.cells if getattr(vocab, "data", None) else None
    if cv is None or not len(cv.rows):
        return None
    _, org_words = _organisations(q, vocab)
    rank_words = {stem(w) for cue in RANK_CUES for w in re.findall(r"[a-zæøåäö]+", cue)}
    exclude = org_words | rank_words | {stem(w) for w in ("which", "hvilket", "kva", "vilket", "år", "year", "og")}
    owners = set(orgs) or {d.organisation for d in docs if d.organisation}
    labels, fitting = rows_named(q, vocab, exclude, owners)
    if not labels:
        return None
    if not owners:
        # no organisation named: only when one organisation prints such a row (whose years is not said otherwise)
        owners = set().union(*(cv.row_organisations.get(label, frozenset()) for label in fitting))
        if len(owners) != 1:
            return None
    low = has_any(q.text, RANK_LOW) and not has_any(q.text, RANK_HIGH)
    coded = "row_code" in cv.columns
    printed = printed_label_sql("c") if coded else "c.row_label"
    where = [in_list("c.row_label", labels), "c.value is not null", "c.value_year is not null",
             in_list("c.organisation", sorted(owners))]
    if "column_year" in cv.columns:
        where.append("c.column_year is not null")  # the years the row prints in its columns, not the report's year
    scenario = "coalesce(c.scenario = 'actual', false) desc, " if "scenario" in cv.columns else ""
    sql = f"""with c0 as (
    select c.organisation, {printed} as row_label, c.caption, c.column_label, c.value_year, c.value, c.table_number,
           c.page, c.file_name, c.excerpt,
           row_number() over (partition by c.file_name, c.table_number, {printed}, c.value_year
                              order by {scenario}c.column_label) as pick
    from fct_report_cell as c
    where {' and '.join(where)}
),
t as (select file_name, table_number, row_label from c0 where pick = 1 group by 1, 2, 3
      having count(distinct value_year) >= 2 order by count(distinct value_year) desc, 1, 2 limit 1)
select c0.value_year as year, c0.value, c0.row_label, c0.caption, c0.organisation, c0.table_number, c0.page,
       c0.file_name as document,
       c0.file_name as source_document, c0.page as source_page, c0.excerpt as source_excerpt
from c0 join t using (file_name, table_number, row_label)
where c0.pick = 1
order by c0.value {'asc' if low else 'desc'}, c0.value_year
limit 40"""
    en = q.lang == "en"
    interpretation = ((f"the years of the table row «{labels[0]}», " if en else f"årene i tabellraden «{labels[0]}», ")
                      + ", ".join(sorted(owners)) + ", "
                      + (("smallest first" if en else "minst først") if low else ("largest first" if en else
                                                                                  "størst først")))

    def sentence(columns, rows, lang):
        e = lang == "en"
        d = [dict(zip(columns, r)) for r in rows]
        top = d[0]
        tied = [x for x in d if x["value"] == top["value"]]
        years = " and ".join(str(x["year"]) for x in tied) if e else " og ".join(str(x["year"]) for x in tied)
        table = f"«{top['caption']}»" if top.get("caption") else (f"table {top['table_number']}" if e else
                                                                   f"tabell {top['table_number']}")
        others = ", ".join(f"{x['year']}: {format_number(x['value'])}" for x in sorted(d, key=lambda x: x["year"]))
        which = ("the lowest" if low else "the highest") if e else ("lavest" if low else "høyest")
        return ((f"{years}, with {format_number(top['value'])} ({which}), read from the row «{top['row_label']}» of the "
                 f"table {table} ({top['document']}, page {top['page']}; not a governed measure). Every year "
                 f"of the row: {others}.") if e else
                (f"{years}, med {format_number(top['value'])} ({which}), lest fra raden «{top['row_label']}» i tabellen "
                 f"{table} ({top['document']}, side {top['page']}; ikke et styrt mål). Alle årene i raden: "
                 f"{others}."))

    def chart(columns, rows):
        return {"kind": "bar", "x": "year", "y": "value"} if len(rows) > 1 else None

    return Reading(NAME, ("report tables, as printed (not a governed measure)" if en else
                          "rapporttabeller, slik de er trykt (ikke et styrt mål)"), sql, interpretation,
                   sentence=sentence, chart=chart,
                   empty_reason=("The row prints no figures by year." if en else "Raden har ingen tall per år."))

