"""A category value asked across the levels and exports that hold it: "Kor mange saker gjaldt Visma i <export A> og
<export B> til saman?" where one export writes its category in three columns ("Kategori 1/2/3") and another as a path
("Programvare > Fagsystem > Visma").

Every category level of every export asked is read: the category and subcategory fields, the export's other columns
whose header names a category ("Kategori 2", "Category level 3"), and each part of a value written as a path. A ticket
counts once, by the first level that holds the value; the answer gives one count per export (and the levels that held
it) and their sum. Only a plain count is read here (no breakdown, ranking, share or average: the other ticket families
answer those), and only when the value is in more than one level or export, or only as a part of a path — a value one
column holds whole is the ticket counts' and the columns' families' own. A category or subcategory an export
wrote as a path (split into the two fields by stg_tickets) is a part of that path here, as exported.
"""
from __future__ import annotations

import re

from app.engine.families import tickets
from app.engine.families.base import Question, Reading, in_list, sql_str
from app.engine.format import format_number
from app.engine.vocabulary import path_parts
from app.engine.wordforms import stem, words

NAME = "ticket_category_levels"

# a header that names a category level ("Kategori 2", "Category level 3", "Underkategori")
CATEGORY_HEADER = re.compile(r"(?<![a-zæøå])(?:under)?(?:kategori\w*|categor(?:y|ies)|subcategor\w*)(?![a-zæøå])", re.I)
_COLUMNS = {"category": ("kategori", "category"), "subcategory": ("underkategori", "subcategory")}



def _named(q: Question, part: str) -> bool:
    """A part of a value (three letters or more, not a figure) written whole in the question."""
    # "Gerica-saker": a value written into the ticket noun is written whole
    return len(part) >= 3 and not part.isdigit() and re.search(
        r"(?<![\w-])" + re.escape(part.lower()) + r"(?:(?![\w-])|(?=-(?:sak|ticket|issue|case|henvend|hendel|hending)))",
        q.text) is not None


def levels_holding(q: Question, tv, systems: set[str]):
    """[(label, SQL condition on fct_ticket as t, values, whole)] for every category level of the exports asked
    (`systems`) that holds a value whose whole or one path part the question names, and the parts named."""
    found = []
    named_parts: set[str] = set()
    for col, (nb, en) in _COLUMNS.items():
        if col not in tv.columns or not any(col in s.filled for s in tv.sources if s.system in systems):
            continue
        values = [v for v in tv.raw_values.get(col, ()) if any(_named(q, p) for p in path_parts(v))]
        if values:
            parts = {p.lower() for v in values for p in path_parts(v) if _named(q, p)}
            named_parts |= parts
            # a value an export asked wrote as a part of a path, split into category and subcategory (stg_tickets:
            # «Tilgang > Passord» is category Tilgang, subcategory Passord), is a part of a path as exported
            split = set(getattr(tv, "category_paths", ())) & systems
            held = (getattr(tv, "value_systems", {}) or {}).get(col, {})
            whole = all(v.lower() in parts for v in values) and not any(
                held.get(v, frozenset()) & split for v in values)
            found.append((en if q.lang == "en" else nb, in_list(f"t.{col}", values), values, whole))
    for attr in tv.attributes.values():
        if not CATEGORY_HEADER.search(attr.name) or not attr.values or not systems & set(attr.systems):
            continue
        values = [v for v in attr.values if any(_named(q, p) for p in path_parts(v))]
        if values:
            parts = {p.lower() for v in values for p in path_parts(v) if _named(q, p)}
            named_parts |= parts
            whole = all(v.lower() in parts for v in values)
            cond = (f"t.ticket_key in (select a.ticket_key from fct_ticket_attribute as a where a.attribute = "
                    f"{sql_str(attr.name)} and {in_list('a.value', values)})")
            found.append((f"«{attr.name}»", cond, values, whole))
    return found, named_parts


def read(q: Question, vocab) -> Reading | None:
    tv = vocab.data.tickets if vocab.data else None
    if tv is None or not tv.rows or not tickets.is_ticket_question(q, vocab):
        return None
    p = q.period
    if p.grain or q.has(*tickets.SHARE_CUES, *tickets.RANK_HIGH, *tickets.RANK_LOW, *tickets.AVERAGE_CUES) \
            or tickets._dimension_asked(q, tv)[0] not in (None, "category", "subcategory") \
            or q.has(*tickets.BREAKDOWN_CUES) and not q.has(r"(?:i|in)\s+(?:\w+\s+)?(?:kategori\w*|categor\w*)"):
        return None
    chosen, source_words = tickets.selected_sources(q, tv)
    systems = {s.system for s in chosen}
    found, parts = levels_holding(q, tv, systems)
    if len(parts) != 1 or not found:
        return None  # no category value named, or several (a combination the other families read)
    if len(found) < 2 and all(whole for *_, whole in found):
        return None  # one column holds it whole: the ticket counts and the columns' own family
    org_conds, org_used, org_names = tickets.organisation_conditions(q, vocab, tv)
    part = next(iter(parts))
    known = (tickets.GENERIC | tickets.DIM_WORDS | tickets.DESCRIPTIVE | source_words | org_used
             | {stem(w) for w in p.words for w in words(w)} | {stem(w) for w in words(part)} | set(words(part))
             | {stem(w) for w in ("kategori", "kategorien", "category", "underkategori", "subcategory", "nivå",
                                  "nivåer", "level", "levels", "alle", "every", "all")})
    if tickets.leftover_words(q, known):
        return None  # a word no level explains: the ticket counts say what is missing
    en = q.lang == "en"
    where = [tickets.in_ranges("t.created_date", p.ranges())] if p.years else []
    if tickets.source_filter(chosen, tv):
        where.append(in_list("t.source_system", sorted(systems)))
    where += org_conds
    case = "case " + " ".join(f"when {cond} then {sql_str(label)}" for label, cond, _, _ in found) + " end"
    # the total over every export and level beside each row's count (the answer's figure is its rows')
    sql = (f"select export, level, count(*) as tickets, sum(count(*)) over () as tickets_total\nfrom (\n  select regexp_replace(t.source_file, '^.*[/\\\\]', '') "
           f"as export, {case} as level\n  from fct_ticket as t\n  where " + ("\n    and ".join(where) or "true")
           + "\n) as matched\nwhere level is not null\ngroup by 1, 2\norder by 1, 2")
    shown = next(v for _, _, values, _ in found for v in values for x in path_parts(v) if x.lower() == part)
    shown = next(x for x in path_parts(shown) if x.lower() == part)
    levels = ", ".join(label for label, *_ in found)
    period = p.describe(q.lang)
    interp = ((f"number of tickets with «{shown}» in a category (every level: {levels})" if en else
               f"antall saker med «{shown}» i en kategori (alle nivåer: {levels})")
              + "".join(f", {n}" for n in org_names) + (f", {period}" if period else ""))

    def sentence(columns, rows, lang):
        e = lang == "en"
        per: dict[str, list] = {}
        for export, level, n, *_ in rows:
            per.setdefault(export, []).append((level, n))
        total = sum(r[2] for r in rows)
        shown_per = "; ".join(f"«{x}»: {format_number(sum(n for _, n in ls))} ("
                              + ", ".join(f"{lv}: {format_number(n)}" for lv, n in ls) + ")" for x, ls in per.items())
        return (f"{format_number(total)} tickets ({interp}): {shown_per}." if e else
                f"{format_number(total)} saker ({interp}): {shown_per}.")
    return Reading(NAME, tickets.source_label(chosen, en, "fct_ticket"), sql, interp, sentence=sentence,
                   empty_reason=("No tickets match." if en else "Ingen saker passer."))
