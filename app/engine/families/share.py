"""Share: what each owner municipality pays of a joint unit's costs (fct_cost_share) — the operating
split (the share rows of the account table) or, for investments, the separate split table."""
from __future__ import annotations

from app.engine.families.base import in_list, source_columns
from app.engine.families.measures import has_any
from app.engine.text import normalise

NAME = "cost_share"
COST_SHARE_CUES = (r"kostnadsfordel\w*", r"fordel\w* på (?:eier)?kommun\w*", r"andel(?:er|en|ar|ane)?",
                   r"cost shares?", r"share per municipality", r"eierkommun\w*", r"betal(?:te|er|e|a)",
                   r"paid", r"pays?", r"split between", r"split per", r"fakturer\w*", r"invoic\w*",
                   r"distribut\w*", r"member municipalit\w*", r"owner municipalit\w*", r"medlemskommun\w*",
                   r"deltakarkommun\w*", r"deltakerkommun\w*", r"shares? of (?:the )?(?:\w+ )?costs?")


BUDGET_CUES = (r"budsjett\w*", r"budget\w*")
# the actual figure asked beside the budget: "regnskap mot budsjett", "what did X pay, and what was budgeted?"
ACTUAL_CUES = (r"regnskap\w*", r"rekneskap\w*", r"actual\w*", r"faktisk\w*", r"betal(?:te|er|e|a|t)", r"paid", r"pays?",
               r"brukt\w*", r"spent", r"mot", r"against", r"versus", r"vs\.?", r"compared", r"sammenlign\w*",
               r"samanlikn\w*", r"og hva", r"og kva", r"and what", r"og hvor", r"og kor", r"and how")
VARIANCE_CUES = (r"budsjett\w*", r"budget\w*", r"avvik\w*", r"variance", r"regnskap mot", r"rekneskap\w*",
                 r"actual vs", r"actual versus", r"against budget", r"mot budsjett")


def member_asked(plan, vocab) -> bool:
    """A municipality named that is not the owner of a joint unit asked about whose costs are shared: the question
    is about that member's row of the split ("IT investments for <member> in <unit>, actual against budget"), never
    the unit's own totals."""
    shared = (getattr(vocab, "coverage", {}) or {}).get("cost_share_pct", {})
    joint = [u for u in plan.units if u.unit_key in shared]
    if not joint or not plan.organisations:
        return False
    names = getattr(vocab, "organisation_names", {}) or {}
    owners = {normalise((getattr(vocab, "unit_organisations", {}) or {}).get(u.unit_key, "") or "") for u in joint}
    return any(normalise(names.get(o, o)) not in owners for o in plan.organisations)


def applies(plan, cx, vocab) -> bool:
    if plan.metrics:
        return False
    return has_any(cx.rest, COST_SHARE_CUES) or (has_any(cx.rest, VARIANCE_CUES) and member_asked(plan, vocab))


def scenarios(question: str) -> list[str]:
    """The columns of the split asked: the budget's when a budget is named, the actual figures beside it when they
    are asked too ("regnskap og budsjett", "paid, and what was budgeted"), else the actual ones."""
    text = normalise(question)
    if not has_any(text, BUDGET_CUES):
        return ["regnskap"]
    return ["regnskap", "budsjett"] if has_any(text, ACTUAL_CUES) else ["budsjett"]


def shape(plan, cx, vocab) -> None:
    """"Which member paid the most", "kva kommune hadde minst andel": the members in order, the first only for a
    which-question."""
    from app.engine.families.ranking import RANK_HIGH, RANK_LOW, WHICH_WORDS

    if has_any(cx.rest, RANK_HIGH + RANK_LOW) and not plan.organisations:
        plan.rank_by = "subject"
        plan.rank_order = "asc" if has_any(cx.rest, RANK_LOW) else "desc"
        plan.limit = 1 if has_any(cx.text, WHICH_WORDS) else None


def compile(plan, by_subject: bool = False) -> str:
    where = [in_list("c.unit_key", [u.unit_key for u in plan.units]), "c.is_latest"]
    where.append(in_list("c.scenario_code", scenarios(plan.question)))
    where.append("c.source_table = " + ("'split_table'" if plan.investment else "'account_table'"))
    if plan.years:
        where.append(in_list("c.value_year", plan.years))
    if plan.organisations:
        where.append(in_list("c.owner_organisation_key", plan.organisations))
    return (
        "select u.unit_name as unit,\n"
        "       c.value_year as year,\n"
        "       coalesce(o.organisation_name, c.owner_name_as_written) as municipality,\n"
        "       c.scenario_code as scenario,\n"
        "       c.share_nok as amount_nok,\n"
        "       round(cast(c.share_pct as numeric), 1) as share_pct,\n"
        "       c.allocated_total_nok,\n"
        f"       {source_columns('c')}\n"
        "from fct_cost_share as c\n"
        "join dim_unit as u on u.unit_key = c.unit_key\n"
        "left join dim_organisation as o on o.organisation_key = c.owner_organisation_key\n"
        "where " + "\n  and ".join(where) + "\n"
        + _ranked(plan) +
        "order by year desc, c.scenario_code desc, amount_nok " + _order(plan) + ""
    )


def _order(plan) -> str:
    return "asc" if getattr(plan, "rank_by", None) == "subject" and getattr(plan, "rank_order", None) == "asc" \
        else "desc"


def _ranked(plan) -> str:
    """The first `limit` members of each year and column, in the order asked."""
    if getattr(plan, "rank_by", None) != "subject" or not getattr(plan, "limit", None):
        return ""
    return (f"qualify row_number() over (partition by c.unit_key, c.value_year, c.scenario_code "
            f"order by c.share_nok {_order(plan)}) <= {int(plan.limit)}\n")


def sentence(plan, metrics, columns, rows, lang) -> str:
    from app.engine import answer

    return answer.cost_share_sentence(plan, columns, rows, lang)


def chart(plan, columns, rows):
    return {"kind": "bar", "x": "municipality", "y": "amount_nok"} if rows else None


# --- the same family over report cells: one table row as a share of another ------------------------------

SHARE_CUES = (r"andel\w*", r"shares?", r"proportion", r"(?:kor|hvor) stor del", r"del av", r"i prosent av",
              r"prosent av", r"percent(?:age)? of", r"% av", r"% of")


# a row's label that states a ratio: the row is the share asked, printed
RATIO_ROW = (r"andel\w*", r"shares?", r"proportion", r"%\s*(?:av|of)", r"(?:i )?prosent av", r"percent(?:age)? of",
             r"pst\.? av", r"i % ")


def read(q, vocab):
    """"netto driftsresultat i prosent av driftsinntektene": two rows the question names, the smaller as a
    share of the larger, from the same table when it holds both (else the same report and year), read as
    printed — not a governed measure."""
    from app.engine.families.base import Reading
    from app.engine.families.cell_lookup import VERSUS, asked_scenarios, match_organisations
    from app.engine.families.scope import find_documents
    from app.engine.format import format_number
    from app.engine.wordforms import stem, words

    cv = vocab.data.cells if getattr(vocab, "data", None) else None
    if cv is None or not len(cv.rows) or not has_any(q.text, SHARE_CUES):
        return None
    terms = q.terms(cv.known)
    orgs = match_organisations(cv.organisations, terms)
    org_stems = {stem(w) for o in orgs for w in words(o)}
    labels = []
    for m in cv.rows.match(terms, min_cover=1.0):
        if any(len(s) >= 4 and s not in org_stems and not s.isdigit() for s in (stem(w) for w in words(m.label))):
            labels.append(m.label)  # (a row that only names an organisation asked, "0216 Eksempelby", is no part)
    listed = getattr(cv, "body_organisations", frozenset())
    if orgs and all(o in listed for o in orgs):
        # an organisation a table of organisations lists: its row is its figure, no ratio of two rows of its own
        labels = [label for label in labels if cv.row_organisations.get(label, frozenset()) & set(orgs)]
    if len(labels) < 2 or len(labels) > 8:
        return None
    if any(has_any(label.lower(), RATIO_ROW) for label in labels):
        # a row that states the share itself ("Nordviks andel", "Netto driftsresultat i % av brutto driftsinntekter"):
        # the row answers, not a ratio of two rows
        return None
    docs, _ = find_documents(q.raw, vocab.data.documents, cv.known)
    where = [in_list("c.row_label", labels), "c.value is not null"]
    if orgs:  # the document's owner, or the organisation a row of a table of organisations names
        where.append(f"({in_list('c.organisation', orgs)} or {in_list('c.row_organisation', orgs)})"
                     if "row_organisation" in cv.columns else in_list("c.organisation", orgs))
    elif docs:
        where.append(in_list("c.file_name", [d.file_name for d in docs]))
    else:
        return None  # whose table: a share is never read from every report at once
    if q.period.years:
        where.append(in_list("c.value_year", q.period.years))
    scen = asked_scenarios(q)
    if scen and not q.has(*VERSUS):
        where.append(in_list("c.scenario", sorted({v for vs in scen for v in vs})))
    sql = (
        "with c as (\n"
        "    select c.file_name, c.page, c.table_number, c.caption, c.row_label, c.column_label, c.value_year,\n"
        "           c.scenario, c.value, c.excerpt\n"
        "    from fct_report_cell as c\n"
        "    where " + "\n      and ".join(where) + "\n"
        "), pairs as (\n"
        "    select p.row_label as part, w.row_label as whole, p.value_year as year, p.column_label,\n"
        "           p.value as part_value, w.value as whole_value,\n"
        "           round(cast(100 * p.value / w.value as numeric), 1) as share_pct,\n"
        "           p.table_number, p.page, w.page as whole_page, p.file_name, p.excerpt,\n"
        "           row_number() over (partition by p.row_label, p.value_year order by\n"
        "               coalesce(p.scenario = 'actual', false) desc,\n"
        "               (p.table_number is not distinct from w.table_number) desc,\n"
        "               (p.column_label is not distinct from w.column_label) desc,\n"
        "               coalesce(w.scenario = 'actual', false) desc, w.page) as pick\n"
        "    from c as p\n"
        "    join c as w on w.file_name = p.file_name and w.value_year = p.value_year\n"
        "     and w.row_label <> p.row_label and abs(w.value) > abs(p.value) and w.value <> 0\n"
        "     and (w.table_number is not distinct from p.table_number or w.scenario is not distinct from p.scenario\n"
        "          or coalesce(w.scenario = 'actual', false) or coalesce(p.scenario = 'other', true))\n"
        ")\n"
        "select part, whole, year, column_label, part_value, whole_value, share_pct, table_number,\n"
        "       page as part_page, whole_page, file_name as source_document, page as source_page, excerpt as source_excerpt\n"
        "from pairs where pick = 1\norder by year, part\nlimit 24")
    en = q.lang == "en"
    interp = ((("share of " if en else "andel av ") + " / ".join(f"«{l}»" for l in labels))
              + (", " + ", ".join(orgs or sorted({d.organisation or d.file_name for d in docs})))
              + ((", " + ", ".join(map(str, q.period.years))) if q.period.years else ""))

    def sentence(columns, rows, lang):
        d = [dict(zip(columns, r)) for r in rows]
        e = lang == "en"
        nn = lang == "nn"
        parts = []
        for x in d[:8]:
            where_ = (f"table {x['table_number']}, p. {x['part_page']}" if e else
                      f"tabell {x['table_number']}, s. {x['part_page']}")
            if x["whole_page"] != x["part_page"]:
                where_ += f" / {x['whole_page']}"
            of = "of" if e else "av"
            is_ = "was" if e else ("var" if not nn else "var")
            parts.append(f"«{x['part']}» {is_} {format_number(x['share_pct'])} % {of} «{x['whole']}» {x['year']} "
                         f"({format_number(x['part_value'])} {of} {format_number(x['whole_value'])}; {where_})")
        head = ("Computed from two rows of the report tables (not a governed measure): " if e else
                "Rekna ut frå to rader i rapporttabellane (ikkje eit styrt mål): " if nn else
                "Regnet ut fra to rader i rapporttabellene (ikke et styrt mål): ")
        return head + "; ".join(parts) + "."

    def chart(columns, rows):
        return {"kind": "bar", "x": "part", "y": "share_pct"} if len(rows) > 1 else None

    return Reading("cell_share", ("report tables, as printed (not a governed measure)" if en else
                                  "rapporttabeller, slik de er trykt (ikke et styrt mål)"), sql, interp,
                   sentence=sentence, chart=chart,
                   empty_reason=("The rows exist, but not in the same report and year." if en else
                                 "Radene finnes, men ikke i samme rapport og år."))
