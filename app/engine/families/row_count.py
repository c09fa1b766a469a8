"""Counting by the rows of a list table: "Hvor mange kommuner eier X?", "How many owner municipalities does X have?"
when no sentence prints the count (the prose family, tried before, answers a printed count: "de seks eierkommunene").
The table of the organisation or report the question names whose caption, column heads and row labels hold every word
of what is counted (in some form: "eiere" ~ "Eierandel", "municipalities" ~ "kommune") answers with the number of its
rows, sums left out, and the answer says the number is counted from the table's rows (the table, its page and the rows
named) — read as printed, not a governed measure.
"""
from __future__ import annotations

import re
from functools import lru_cache

from app.engine.families.base import Question, Reading, in_list, sql_str
from app.engine.families.ranking import TOTAL_ROWS

NAME = "row_count"

COUNT_ASKS = (r"hvor mange", r"kor mange", r"how many", r"hur många", r"number of", r"antall", r"talet på")
NOT_COUNT_ASKS = (r"prosent\w*", r"percent\w*", r"%", r"kroner", r"kronar", r"kr\.?", r"nok", r"mill\w*",
                  r"tonn\w*", r"tonnes?", r"andel\w*", r"share")


def _pattern(forms) -> str:
    """A regex (SQL, lower-cased text) for any of a word's forms, also inside compounds ("eier" in "Eierandel")."""
    from app.engine.wordforms import nynorsk_forms

    alts = sorted({f for form in forms if len(form) >= 4 for f in [form, *nynorsk_forms(form)] if len(f) >= 4})
    return "|".join(re.escape(a) for a in alts)


def _names_a_measure(word: str) -> bool:
    """Whether the counted word is a one-word synonym of a measure of the metric catalog ("årsverk", "ansatte",
    "saker", "FTEs")."""
    from app.engine.wordforms import stem

    stems = _measure_stems()
    return stem(word) in stems or word.endswith("s") and stem(word[:-1]) in stems  # "FTEs"


@lru_cache(maxsize=1)
def _measure_stems() -> frozenset[str]:
    from app.engine.catalog import load_metrics
    from app.engine.wordforms import stem

    return frozenset(stem(syn) for m in load_metrics().values() for syn in (*m.synonyms, m.name_nb.lower(),
                                                                              m.name_en.lower()) if " " not in syn)


# a figure per something ("Netto driftsutgifter i kr pr innbygger"): the word after "per" is what the figures are divided
# by, never what the table lists
RATIO_SQL = r"(?:^|[^a-zæøå])(?:per|pr\.?|for hver|for kvar|each)\s+[a-zæøåäö]+"


def _no_ratio(expr: str) -> str:
    """SQL: the lower-cased text of `expr` without its ratio phrases (`RATIO_SQL`)."""
    return f"regexp_replace(lower(coalesce({expr}, '')), {sql_str(RATIO_SQL)}, ' ', 'g')"


def read(q: Question, vocab) -> Reading | None:
    data = getattr(vocab, "data", None)
    cv = data.cells if data is not None else None
    if cv is None or not len(cv.rows) or not q.has(*COUNT_ASKS) or q.has(*NOT_COUNT_ASKS):
        return None
    from app.engine.families import unit_table

    # "how many owner municipalities": the organisation's one table of named rows (its owners, members, schools)
    found = unit_table.count_read(q, vocab)
    if found is not None:
        return found
    from app.engine.families.cell_lookup import _named_organisations, match_organisations
    from app.engine.families.prose import ASKING_EVERY
    from app.engine.families.prose_rank import question_words
    from app.engine.families.scope import find_documents
    from app.engine.text import normalise
    from app.engine.wordforms import stem, words

    terms = q.terms(cv.known)
    orgs = match_organisations(cv.organisations, terms)
    named = _named_organisations(q, vocab)
    orgs += [label for label in cv.organisations.labels
             if label not in orgs and (getattr(vocab, "organisations", {}) or {}).get(normalise(label)) in named]
    docs, used = ([], set()) if orgs else find_documents(q.raw, data.documents, cv.known)
    if not orgs and not docs:
        return None
    org_words = {stem(w) for o in orgs for w in words(o)} | {w for o in orgs for w in words(o.lower())}
    org_words |= set(used) | {s for d in docs for s in d.name_stems}
    counted = [w for w in question_words(q.text, q.lang, org_words, ASKING_EVERY) if w.weight >= 1.0]
    patterns = [p for p in (_pattern(w.forms) for w in counted) if p]
    if not patterns or len(patterns) < len(counted):
        return None
    where = ["c.row_label is not null", "trim(c.row_label) <> ''"]
    where.append(in_list("c.organisation", orgs) if orgs else in_list("c.file_name", [d.file_name for d in docs]))
    years = q.period.years
    if years:
        where.append(in_list("c.value_year", years))
    def held(p: str) -> str:  # a word counted, in the table's caption, a column head or a row label
        return (f"bool_or(regexp_matches({_no_ratio('c.caption')}, {sql_str(p)}) or "
                f"regexp_matches({_no_ratio('c.column_label')}, {sql_str(p)}) or "
                f"regexp_matches({_no_ratio('c.row_label')}, {sql_str(p)}))")

    # what is counted (the word after "how many") names the rows or the table, never only a column of figures
    # ("how many FTEs": an "Årsverk" column's figure is the answer, not its number of rows)
    after = re.search(r"(?:hvor|kor|how|hur) (?:mange|many|många) ([a-zæøåäö]{3,})", q.text)
    if after and _names_a_measure(after.group(1)):
        return None  # "how many FTEs / employees / cases": a measure's figure answers, never a count of rows
    head = next((p for w, p in zip(counted, patterns) if after and w.word == after.group(1)), patterns[0])
    # (the caption says what its rows are, or most rows do: one row "Elevar i grunnskolen" of a key-figure table is that
    # row's figure, not a list of pupils to count)
    names_rows = (f"(bool_or(regexp_matches({_no_ratio('c.caption')}, {sql_str(head)})) or "
                  f"2 * count(distinct c.row_label) filter (where regexp_matches({_no_ratio('c.row_label')}, "
                  f"{sql_str(head)})) "
                  f">= count(distinct c.row_label))")
    # (a sum row, or a sentence the reader took for a label, is no row of the list)
    not_sum = (f"not regexp_matches(lower(c.row_label), {sql_str(TOTAL_ROWS)}) "
               f"and length(c.row_label) - length(replace(c.row_label, ' ', '')) < 8")
    sql = f"""with t as (
    select c.file_name, c.table_number, min(c.page) as page, any_value(c.caption) as caption,
           string_agg(distinct c.row_label, '; ' order by c.row_label) filter (where {not_sum}) as counted_rows,
           count(distinct c.row_label) filter (where {not_sum}) as n,
           {' and '.join(held(p) for p in patterns)} and {names_rows} as holds
    from fct_report_cell as c
    where {' and '.join(where)}
    group by 1, 2
)
select n as value, caption, counted_rows, table_number, page, file_name,
       file_name as source_document, page as source_page, caption as source_excerpt
from t
where n > 1 and holds
order by n desc, page
limit 1"""
    en = q.lang == "en"
    who = ", ".join(orgs or sorted({d.organisation or d.file_name for d in docs}))
    what = " ".join(f"«{w.word}»" for w in counted)
    interpretation = ((f"the number of rows of the table of {who} that lists {what}" if en else
                       f"antall rader i tabellen til {who} som lister {what}")
                      + ((", " + ", ".join(map(str, years))) if years else ""))

    def sentence(columns, rows, lang):
        e = lang == "en"
        d = dict(zip(columns, rows[0]))
        table = f"«{d['caption']}»" if d.get("caption") else (f"table {d['table_number']}" if e else
                                                               f"tabell {d['table_number']}")
        return ((f"{int(d['value'])}, counted from the rows of the table {table} ({d['file_name']}, page "
                 f"{d['page']}): {d['counted_rows'] or ''}. The report prints no such count; the number is the table's rows "
                 "(not a governed measure)." if e else
                 f"{int(d['value'])}, talt fra radene i tabellen {table} ({d['file_name']}, side {d['page']}): "
                 f"{d['counted_rows'] or ''}. Rapporten oppgir ikke tallet selv; det er antall rader i tabellen (ikke et "
                 "styrt mål)."))

    return Reading(NAME, ("the rows of a report table, counted (not a governed measure)" if en else
                          "radene i en rapporttabell, talt (ikke et styrt mål)"), sql, interpretation, sentence=sentence,
                   empty_reason=("No table of the report lists these." if en else "Ingen tabell i rapporten lister dette."))
