"""Ranking: units, breakdown members (municipality, gender …) or quarters ordered by a measure; "which …"
gives the first only."""
from __future__ import annotations

from app.engine.families.measures import compile_facts, facts_chart, facts_sentence, has_any

NAME = "ranking"
RANK_HIGH = (r"høyest\w*", r"høgast\w*", r"mest", r"flest", r"størst\w*", r"highest", r"most", r"largest",
             r"biggest", r"top")
RANK_LOW = (r"lavest\w*", r"lågast\w*", r"minst", r"færrest", r"lowest", r"least", r"fewest", r"smallest")
UNIT_QUESTION = (r"hvilken enhet", r"hvilke enheter", r"kva eining", r"kva for (?:ei )?eining", r"which units?",
                 r"hvilken avdeling", r"which department")
SUBJECT_QUESTION = (r"hvilken kommune", r"hvilke kommuner", r"kva kommune", r"which municipalit\w*",
                    r"hvilket kjønn", r"which gender")
QUARTER_QUESTION = (r"hvilket kvartal", r"which quarter", r"kva kvartal")
WHICH_WORDS = (r"hvilke[nt]?", r"which", r"kva", r"hvem", r"who")


def applies(plan, cx, vocab) -> bool:
    return (has_any(cx.rest, RANK_HIGH + RANK_LOW) or has_any(cx.text, UNIT_QUESTION + SUBJECT_QUESTION)
            or (has_any(cx.text, QUARTER_QUESTION) and cx.metric_has_quarters))


def shape(plan, cx, vocab) -> None:
    plan.rank_order = "asc" if has_any(cx.rest, RANK_LOW) else "desc"
    if has_any(cx.text, QUARTER_QUESTION):
        plan.rank_by = "quarter"
    elif has_any(cx.text, SUBJECT_QUESTION) or (plan.metrics and not has_any(cx.text, UNIT_QUESTION)
                                                 and all(vocab.metric_subjects.get(m) for m in plan.metrics)
                                                 and not plan.subjects):
        plan.rank_by = "subject"
    plan.limit = 1 if has_any(cx.text, WHICH_WORDS) else None


compile = compile_facts
sentence = facts_sentence
chart = facts_chart


# --- the same family over report cells: the rows of one table in order --------------------------------

RANK_CUES = RANK_HIGH + RANK_LOW + (r"rang\w*", r"rank\w*", r"sorter\w*", r"sort\w*", r"størst til minst",
                                   r"frå størst", r"fra størst", r"largest to smallest")
TOTAL_ROWS = r"^\s*(?:sum|total\w*|i alt|samla|samlet)\b"


def read(q, vocab):
    """"Ranger kostnadene fordelt på område i 2018": the table whose caption the question names (two of
    its words or more) in a report the question names, its rows ordered by value, sums left out, read as
    printed — not a governed measure."""
    from app.engine.families.base import Reading, in_list, number_word
    from app.engine.families.cell_lookup import match_organisations
    from app.engine.families.scope import find_documents
    from app.engine.text import format_number
    from app.engine.wordforms import stem, words

    cv = vocab.data.cells if getattr(vocab, "data", None) else None
    if cv is None or not len(cv.captions) or not has_any(q.text, RANK_CUES):
        return None
    terms = q.terms(cv.rows.known | cv.captions.known)
    orgs = match_organisations(cv.organisations, terms)
    docs, doc_words = find_documents(q.raw, vocab.data.documents, frozenset(cv.rows.known | cv.captions.known))
    if not orgs and not docs:
        return None
    named = {stem(w) for o in orgs for w in words(o)} | set(doc_words)
    captions = [m for m in cv.captions.match(terms, min_cover=0.0)
                if len([s for s in m.used if s not in named and len(s) >= 4]) >= 2]
    if not captions:
        return None
    best = max(m.matched for m in captions)
    chosen = [m.label for m in captions if m.matched == best][:3]
    where = [in_list("c.caption", chosen), "c.value is not null", "c.row_label is not null",
             f"not regexp_matches(lower(c.row_label), '{TOTAL_ROWS}')"]
    if orgs:
        where.append(in_list("c.organisation", orgs))
    else:
        where.append(in_list("c.file_name", [d.file_name for d in docs]))
    if q.period.years:
        where.append(in_list("c.value_year", q.period.years))
    order = "asc" if has_any(q.text, RANK_LOW) and not has_any(q.text, RANK_HIGH + (r"størst til minst",)) else "desc"
    n = number_word(q.text, None)
    sql = ("with c as (\n"
           "    select c.caption, c.row_label, c.column_label, c.value_year, c.value, c.table_number, c.page,\n"
           "           c.file_name, c.excerpt,\n"
           "           row_number() over (partition by c.file_name, c.table_number, c.row_label, c.value_year\n"
           "                              order by coalesce(c.scenario = 'actual', false) desc, c.column_label) as pick\n"
           "    from fct_report_cell as c\n"
           "    where " + "\n      and ".join(where) + "\n)\n"
           "select row_label, value, value_year as year, column_label, caption, table_number, page,\n"
           "       file_name as source_document, page as source_page, excerpt as source_excerpt\n"
           f"from c where pick = 1\norder by value {order}, row_label\nlimit {int(n or 12)}")
    en = q.lang == "en"
    interp = (("rows of the table " if en else "radene i tabellen ") + " / ".join(f"«{c}»" for c in chosen)
              + ", " + ", ".join(orgs or sorted({d.organisation or d.file_name for d in docs}))
              + ((", " + ", ".join(map(str, q.period.years))) if q.period.years else "")
              + (", " + ("largest first" if en else "størst først") if order == "desc" else
                 ", " + ("smallest first" if en else "minst først")))

    def sentence(columns, rows, lang):
        d = [dict(zip(columns, r)) for r in rows]
        e = lang == "en"
        shown = " > ".join(f"{x['row_label'].lstrip('•- ').strip()} {format_number(x['value'])}" for x in d) \
            if order == "desc" else " < ".join(f"{x['row_label'].lstrip('•- ').strip()} {format_number(x['value'])}"
                                               for x in d)
        where_ = (f" (table {d[0]['table_number']}, p. {d[0]['page']})" if e else
                  f" (tabell {d[0]['table_number']}, s. {d[0]['page']})")
        return ("Rows of the report table in order (not a governed measure): " if e else
                "Radene i rapporttabellen i rekkefølge (ikke et styrt mål): ") + shown + where_ + "."

    def chart(columns, rows):
        return {"kind": "bar", "x": "row_label", "y": "value"} if len(rows) > 1 else None

    return Reading("cell_ranking", ("report tables, as printed (not a governed measure)" if en else
                                    "rapporttabeller, slik de er trykt (ikke et styrt mål)"), sql, interp,
                   sentence=sentence, chart=chart,
                   empty_reason=("The table exists, but not for the year asked." if en else
                                 "Tabellen finnes, men ikke for året det spørres om."))
