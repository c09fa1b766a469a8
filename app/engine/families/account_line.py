"""Account lines: any row of the loaded account tables (fct_account_amount) found by its label as
written in the report ("Lønn og sosiale utgifter", "Sum driftsinntekter"), for the unit, year and
scenario (regnskap, budsjett) asked; amounts as printed, with page and excerpt."""
from __future__ import annotations

import re

from app.engine.families.base import Question, Reading, Refusal, in_list
from app.engine.families.cell_lookup import (
    BUDGET_CUES,
    COMPARE,
    PERCENT_BASE,
    SCENARIOS,
    TWO_ASKS,
    VARIANCE_CUES,
    VERSUS,
    alternate_labels,
    ambiguous,
    best_labels,
    narrowing_word,
    net_gross_not_in,
    ratio_not_in,
)
from app.engine.format import format_number
from app.engine.names import written_as_names
from app.engine.wordforms import stem, words

NAME = "account_line"


def _lead(label: str) -> str:
    """The word a line is named by: its first word after any total word ("Sum frie disponible inntekter" -> frie)."""
    from app.engine.families.cell_lookup import TOTAL_WORDS

    ws = [stem(w) for w in words(label) if w not in TOTAL_WORDS]
    return ws[0] if ws else ""


def same_line(label: str, other: str) -> bool:
    """`other` prints the line `label` another way: the same leading word, whole or abbreviated ("Renteutgifter" /
    "Renteutg.,provisjoner og andre fin.utg."; "Sum frie disponible inntekter" / "Frie inntekter"), never a different
    line that shares a later word ("Sum utgifter" / "Sosiale utgifter")."""
    a, b = _lead(label), _lead(other)
    if not a or not b:
        return False
    short, long_ = sorted((a, b), key=len)
    return a == b or len(short) >= 4 and long_.startswith(short)


# a percent's base as the question words it ("i prosent av brutto driftsinntekter", "as a percentage of gross operating
# revenue"): the cue and the noun phrase after it, up to a word that goes on with the sentence
PERCENT_BASE_PHRASE = re.compile(PERCENT_BASE.pattern + r"(?:\s+(?!(?:i|in|for|var|was|were|er|is|til|to|på|og|and|"
                                 r"ble|vart|blei|hos|at|from|fra|frå|med|with)\b)[\wæøåäöü'-]+){1,4}")
# words that set one line against another ("driftsutgiftene sammenlignet med driftsinntektene", "income vs expenses"):
# both lines are asked ("og"/"and" alone joins two asks, which the engine answers one by one)
COMPARED_WITH = (*(c for c in COMPARE if c not in ("og", "and")), *VERSUS)


def compared_lines(index, terms, labels: list, exclude: set[str]) -> list:
    """The other lines a comparison names in full beside `labels`: each by question words no line taken explains
    ("driftsutgiftene" / "driftsinntektene"), at most six lines in all."""
    from app.engine.families.cell_lookup import _own

    used = set().union(*(m.used for m in labels)) if labels else set()
    taken = {m.label for m in labels}
    out = []
    for m in index.match(terms, min_cover=1.0):
        if m.label in taken or not _own(m.label, exclude) or m.used & used or len(labels) + len(out) >= 6:
            continue
        out.append(m)
        taken.add(m.label)
        used |= m.used
    return out


def read(q: Question, vocab) -> Reading | Refusal | None:
    index = vocab.data.accounts if vocab.data else None
    if index is None or not len(index):
        return None
    from app.engine.families.ranking import asks_ranking

    if asks_ranking(q.text):
        return None  # "which sector had the largest deficit": a ranking, never one line's total
    from app.engine.planner import find_units

    units, unit_words = find_units(q.text, vocab.unit_aliases)
    if not units:
        # an organisation named (not a unit): its own units, never another organisation's lines
        from app.engine.planner import find_organisations
        from app.engine.text import normalise

        orgs = find_organisations(q.text, getattr(vocab, "organisations", {}) or {})
        if orgs:
            names = {normalise(vocab.organisation_names.get(k, k)) for k in orgs}
            units = list({ref.unit_key: ref for ref in vocab.unit_aliases.values()
                          if normalise(vocab.unit_organisations.get(ref.unit_key, "") or "") in names
                          or normalise(ref.unit_name) in names}.values())
            unit_words = [a for a, k in vocab.organisations.items() if k in orgs and a in q.text]
            if not units:
                return None
    unit_stems = {stem(w) for uw in unit_words for w in words(uw)}
    terms = q.terms(index.known)
    labels = []
    without_base = PERCENT_BASE_PHRASE.sub(" ", q.text)
    if without_base != q.text:
        # "net operating result as a percentage of gross operating revenue": the line asked is the one named outside
        # the percent's base, when one is
        labels = best_labels(index, index.terms(without_base), unit_stems, written_as_names(q.raw))
    labels = labels or best_labels(index, terms, unit_stems, written_as_names(q.raw))
    if unit_words and labels:
        # a line named only by words of the unit's own name ("lønn" of a unit "… lønn/regnskap") is no line asked:
        # the line must still be named by the question without the unit's name
        rest = q.text
        for uw in sorted(unit_words, key=len, reverse=True):
            rest = rest.replace(uw, " ")
        rest_terms = index.terms(rest)
        still = {m.label for m in index.match(rest_terms)} | {m.label for m in index.partial_head(rest_terms, unit_stems)}
        labels = [m for m in labels if m.label in still]
    if not labels:
        return None
    unsure = ambiguous(NAME, q, labels)
    if unsure is not None:
        return unsure
    if q.has(*COMPARED_WITH):
        # (a line named as a percent's base is no line compared: "netto driftsresultat i prosent av driftsinntektene:
        # Nordby mot Sørby" compares two organisations' one figure)
        base_free = re.sub(r"(?i)(?:prosent|percent|percentage|%|andel|share)\s+(?:av|of)\s+(?:the\s+)?\S+", " ", q.text)
        labels = labels + compared_lines(index, index.terms(base_free), labels, unit_stems)
    en = q.lang == "en"
    names = [m.label for m in labels]
    # the same line printed another way in another year's table ("Renteutgifter" / "Renteutg.,provisjoner og andre
    # fin.utg."): read where the best label has no amount for that unit and year
    alternates = alternate_labels(index, terms, labels, unit_stems)
    if not alternates and any(src in labels[0].used for _, src in terms.described_from):
        # a line reached through an everyday word ("renter på gjelda" ~ "Renteutgifter"): the other ways reports
        # print that line ("Renteutg.,provisjoner og andre fin.utg."), found by the line's own words
        own = index.terms(labels[0].label)
        top = next((m for m in index.match(own) if m.label == labels[0].label), None)
        alternates = [a for a in (alternate_labels(index, own, [top], unit_stems) if top is not None else [])
                      if same_line(labels[0].label, a)]
    mine = _printed_by(vocab, units, index, terms, unit_stems, [*names, *alternates])
    if mine:
        names, alternates = mine, []
    if net_gross_not_in(q, names + alternates):
        return None  # "Netto driftsutgifter": "Sum driftsutgifter" is the gross figure, not the one asked
    if ratio_not_in(q, names):
        return None  # "lønnsutgifter per innbygger": the line's total is not the ratio asked
    if narrowing_word(q, names):
        return None  # "fixed salaries": the line "Lønnsutgifter" is every salary, not the part asked
    from app.engine.interpret import names_a_measure

    explained = {stem(w) for n in names for w in words(n)} | unit_stems | set().union(*(m.used for m in labels))
    if names_a_measure(q.raw, vocab, explained):
        return None  # the question names a governed measure the line does not express
    if not units:
        # a name beside the line that is no unit of the data: never another unit's amount
        from app.engine.names import unknown_label_names

        if unknown_label_names(q.raw, index.known, explained):
            return None
    where = ["a.is_latest", "(" + in_list("a.row_label", names + alternates) + " or a.account_key in (select account_key "
             "from dim_account where " + in_list("name_nb", names) + "))"]
    if units:
        where.append(in_list("a.unit_key", [u.unit_key for u in units]))
    if q.period.years:
        where.append(in_list("a.value_year", q.period.years))
    # a deviation asked ("avviket", "variance", "came in under budget") is the actual against the budget: both
    deviation_asked = q.has(*(c for c in VARIANCE_CUES if "differanse" not in c))  # a difference of years is no deviation
    budget = q.has(*BUDGET_CUES) or deviation_asked
    actual_asked = deviation_asked or q.has(r"regnskap\w*", r"rekneskap\w*", r"actual\w*") or q.has(*VERSUS, *TWO_ASKS)
    actual = actual_asked or not budget
    scen = []
    if actual and not actual_asked and not budget:
        # no kind asked: the accounts, and for a year no accounts print yet (an økonomiplan's plan years) its budget,
        # which the answer names as the budget
        scen.append("a.scenario_code not like '%budsjett%' or not exists (select 1 from fct_account_amount as r"
                    " where r.is_latest and r.unit_key = a.unit_key and r.row_label = a.row_label"
                    " and r.value_year = a.value_year and r.scenario_code not like '%budsjett%')")
    elif actual:
        scen.append("a.scenario_code not like '%budsjett%'")
    if budget:
        # "regulert budsjett", "opprinnelig budsjett": that budget column only, so its deviation is the one asked
        named = [code for (cues, _), code in zip(SCENARIOS[:2], ("revidert_budsjett", "opprinnelig_budsjett"))
                 if q.has(*cues)]
        scen.append(in_list("a.scenario_code", named) if len(named) == 1 else "a.scenario_code like '%budsjett%'")
    where.append("(" + " or ".join(scen) + ")")
    qualify = ""
    if alternates:
        rank = "case when " + in_list("a.row_label", alternates) + " then 1 else 0 end"
        qualify = f"\nqualify min({rank}) over (partition by a.unit_key, a.value_year) = {rank}"
    deviation = ""
    if budget and actual:  # both asked: the deviation of the two figures (budget minus accounts), as "Avvik" prints it
        part = "over (partition by a.unit_key, a.row_label, a.value_year)"
        is_budget = "a.scenario_code like '%budsjett%'"
        deviation = (f"       case when count(*) {part} = 2 and sum(case when {is_budget} then 1 else 0 end) {part} = 1\n"
                     f"            then sum(case when {is_budget} then a.printed_amount_nok else -a.printed_amount_nok end)"
                     f" {part} end as deviation_nok,\n")
    stated = getattr(vocab.data, "account_stated", False)  # lines read from a sentence: its other figures too
    select = ("select u.unit_name as unit, a.row_label as account, a.scenario_code as scenario, a.value_year as year,\n"
              f"       case when {REVENUE_PRINTED_MINUS} then -a.printed_amount_nok else a.printed_amount_nok end"
              " as amount_nok,\n"
              f"       {REVENUE_PRINTED_MINUS} as printed_minus,\n" + deviation +
              "       a.file_name as source_document, a.page as source_page, a.excerpt as source_excerpt" +
              (",\n       a.line as source_line, a.scale_method as source_method, a.statement as source_statement,\n"
               "       a.row_order as source_order" if stated else "") + "\n"
              "from fct_account_amount as a\njoin dim_unit as u on u.unit_key = a.unit_key\n"
              "where " + "\n  and ".join(where) + qualify)
    sql = with_sentence_figures(select, bool(deviation)) if stated else (
        select + "\norder by unit, year, a.statement, a.row_order, scenario\nlimit 200")
    interp = ("account line " if en else "regnskapslinje ") + " / ".join(f"«{n}»" for n in names)
    if alternates:
        interp += (" (also printed as " if en else " (også trykt som ") + " / ".join(f"«{n}»" for n in alternates) + ")"
    if units:
        interp += ", " + ", ".join(u.unit_name for u in units)
    if q.period.years:
        interp += ", " + ", ".join(map(str, q.period.years))

    def sentence(columns, rows, lang):
        d = [dict(zip(columns, r)) for r in rows]
        lines_ = [x for x in d if x.get("stated") is None]
        text = " (stated in the report text)" if lang == "en" else " (oppgitt i rapportteksten)"
        shown = "; ".join(f"{x['unit']} {x['account']} {x['scenario']} {x['year']}: {format_number(x['amount_nok'])} kr"
                          + (text if x.get("from_text") else "") for x in lines_[:12])
        minus = ""
        if any(x.get("printed_minus") for x in lines_[:12]):
            minus = (" (The table prints revenues with a minus; shown as amounts.)" if lang == "en" else
                     " (Tabellen trykker inntekter med minus; vist som beløp.)")
        return shown + "." + minus + _deviations(lines_, lang) + _stated_beside(d, lang)

    return Reading(NAME, "regnskapstabellene (fct_account_amount)" if not en else "the account tables (fct_account_amount)",
                   sql, interp, sentence=sentence,
                   empty_reason=("The account line exists, but not for the unit or year asked." if en else
                                 "Regnskapslinjen finnes, men ikke for enheten eller året det spørres om."))


# A statement that prints its revenues with a minus ("Sum driftsinntekter -2 047 947", "Eiendomsskatt -102 306"): the
# lines of its revenue section (from the section's start down to a revenue total printed negative, no other total
# between) are revenues, asked as amounts ("how much property tax"): their amount is the printed figure without the
# minus, and the answer says the table prints it with one. SQL over account amount `a`, one statement, year and scenario.
_SAME_TABLE = ("{t}.file_name = a.file_name and {t}.statement is not distinct from a.statement"
               " and {t}.value_year = a.value_year and {t}.scenario_code = a.scenario_code")
REVENUE_TOTAL = r"^sum\s+(drifts|investerings|finans)?inntekter\b"
REVENUE_PRINTED_MINUS = (
    "exists (select 1 from fct_account_amount as t where " + _SAME_TABLE.format(t="t")
    + " and t.row_order >= a.row_order and t.printed_amount_nok < 0"
    + f" and regexp_matches(lower(t.row_label), '{REVENUE_TOTAL}')"
    + " and not exists (select 1 from fct_account_amount as s where " + _SAME_TABLE.format(t="s")
    + " and s.row_order >= a.row_order and s.row_order < t.row_order"
    + " and regexp_matches(lower(s.row_label), '^(sum|brutto|netto)\\b')))")


def _printed_by(vocab, units: list, index, terms, exclude: set[str], chosen: list[str]) -> list[str]:
    """Each report names its lines its own way ("Lønnsutgifter" in one, "Lønn og sosiale utgifter" in another): when
    no line chosen is printed by the units asked, the line of theirs the question names best (most of its words,
    its leading word among them) instead, never a line of another unit."""
    held = getattr(vocab.data, "account_units", None) or {}
    keys = {u.unit_key for u in units}
    if not keys or not held or any(held.get(label, frozenset()) & keys for label in chosen):
        return []
    from app.engine.families.cell_lookup import _own

    theirs = [m for m in index.match(terms, min_cover=0.5) if held.get(m.label, frozenset()) & keys
              and _own(m.label, exclude) and m.matched >= 2]
    return [theirs[0].label] if theirs else []


def _deviations(rows: list[dict], lang: str) -> str:
    """Budget and accounts of the same line and year asked together: the deviation too (budget minus accounts, as
    the reports' "Avvik" column prints it), computed from the two figures shown."""
    shown = {(x["unit"], x["account"], x["year"]): x["deviation_nok"] for x in rows if x.get("deviation_nok") is not None}
    if shown:
        e = lang == "en"
        return ((" Deviation (budget minus accounts): " if e else " Avvik (budsjett minus regnskap): ")
                + "; ".join(f"{u} {a} {y}: {format_number(v)} kr" for (u, a, y), v in list(shown.items())[:6]) + ".")
    budget, actual = {}, {}
    for x in rows:
        key = (x["unit"], x["account"], x["year"])
        if x["amount_nok"] is None:
            continue
        printed = -float(x["amount_nok"]) if x.get("printed_minus") else float(x["amount_nok"])
        (budget if "budsjett" in str(x["scenario"]) else actual).setdefault(key, printed)  # as the table's Avvik
    both = [k for k in budget if k in actual]
    if not both:
        return ""
    e = lang == "en"
    shown = "; ".join(f"{u} {a} {y}: {format_number(budget[(u, a, y)] - actual[(u, a, y)])} kr" for u, a, y in both[:6])
    return (" Deviation (budget minus accounts): " if e else " Avvik (budsjett minus regnskap): ") + shown + "."


def with_sentence_figures(lines: str, deviation: bool) -> str:
    """The account lines selected by `lines`, and for a line read from a sentence of the running text (its
    scale_method says prose: "Netto driftsresultat er på 380 mill. kr, som utgjør 4,5 prosent av driftsinntektene")
    every other figure that sentence states (the percent, the other year), each with its year, its printed form and
    the sentence as its source: the figure's context, as the sentence itself would show it."""
    dev = ", l.deviation_nok" if deviation else ""
    dev_col = ", deviation_nok" if deviation else ""
    dev_null = ", null as deviation_nok" if deviation else ""
    return (
        "with l as (\n" + lines + "\n),\n"
        "stated as (\n"
        "  select distinct l.unit, f.topic as account, f.scenario, f.value_year as year, null as amount_nok" + dev_null + ",\n"
        "         f.value as stated, f.unit as stated_unit, f.printed as stated_as,\n"
        "         f.file_name as source_document, f.page as source_page, f.text as source_excerpt, f.line as source_line,\n"
        "         1 as source_rank, l.source_statement, l.source_order\n"
        "  from l join fct_report_prose_figure as f\n"
        "    on f.file_name = l.source_document and f.page = l.source_page and f.line = l.source_line\n"
        "   and left(f.text, length(l.source_excerpt)) = l.source_excerpt\n"
        "  where l.source_method like 'prose%' and f.value is not null\n"
        "    and not exists (select 1 from l as s where s.source_document = f.file_name and s.source_page = f.page\n"
        "                    and s.source_line = f.line and s.amount_nok = f.value)\n"
        ")\n"
        "select unit, account, scenario, year, amount_nok, printed_minus" + dev_col + ", stated, stated_unit, stated_as,\n"
        "       from_text,\n"
        "       source_document, source_page, source_excerpt\n"
        "from (\n"
        "  select l.unit, l.account, l.scenario, l.year, l.amount_nok, l.printed_minus" + dev + ", null as stated,\n"
        "         null as stated_unit,\n"
        "         null as stated_as, l.source_method like 'prose%' as from_text,\n"
        "         l.source_document, l.source_page, l.source_excerpt, 0 as source_rank,\n"
        "         l.source_statement, l.source_order\n"
        "  from l\n"
        "  union all\n"
        "  select unit, account, scenario, year, amount_nok, false" + dev_col + ", stated, stated_unit, stated_as, true,\n"
        "         source_document, source_page, source_excerpt, source_rank, source_statement, source_order\n"
        "  from stated\n"
        ") as shown\n"
        "order by source_rank, unit, year, source_statement, source_order, scenario\nlimit 200")


def _stated_beside(rows: list[dict], lang: str) -> str:
    """The other figures of the sentences a line was read from, each with its year and the sentence's place."""
    beside = [x for x in rows if x.get("stated") is not None]
    if not beside:
        return ""
    e = lang == "en"
    shown = []
    for x in beside[:8]:
        shown.append(f"{x['stated_as']}" + (f" ({x['year']})" if x.get("year") else ""))
    return ((" The same sentence also states: " if e else " Samme setning oppgir også: ") + "; ".join(shown) + ".")
