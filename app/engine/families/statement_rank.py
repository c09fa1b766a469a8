"""Statement section ranking: "largest operating expense item", "hvilken kostnadspost var størst", "kva var den største
inntektsposten": the rows of one section of a printed statement (the expense rows a "Sum driftskostnader" /
"Sum driftsutgifter" / "Summa kostnader" adds up, the income rows above "Sum driftsinntekter"), sums and results left
out, in order, with the rows compared named — read as printed, not a governed measure.

A section is the rows between the statement's previous total or result row and the first total row of the side asked
(expenses or income), in the table of the organisation or report the question names. One column per row: the year
asked (its actual figure first), else the latest year the section prints. Applies only with a highest/lowest word and
a side word ("kostnad", "utgift", "expense", "cost", "inntekt", "revenue", "income"), and not when the question asks
which unit, sector or area (those rows are ranked by the caption ranking).
"""
from __future__ import annotations

import re

from app.engine.families.base import Question, Reading, in_list, number_word, sql_str

NAME = "statement_rank"

EXPENSE = r"(?:kostnad|kostnader|utgift|utgåv|udgift|omkostning|expens|cost|spending|expenditure)"
INCOME = r"(?:inntekt|intäkt|indtægt|revenue|income|inntekter)"
# a question word of the side (also inside compounds: "kostnadspost", "utgiftsposten", "inntektskjelde")
SIDE_WORDS = {"expense": re.compile(r"(?<![a-zæøåäö])(?:\w*kostnad\w*|\w*utgift\w*|\w*utgåv\w*|expense\w*|costs?|"
                                    r"spending|expenditures?)(?![a-zæøåäö])"),
              "income": re.compile(r"(?<![a-zæøåäö])(?:\w*inntekt\w*|\w*intäkt\w*|revenues?|income)(?![a-zæøåäö])")}
TOTAL_ROW = r"^\s*(?:sum|summa|total\w*|i alt|samla\w*|samlet|brutto|netto)(?:[^a-zæøåäö]|$)"
RESULT_ROW = r"(?:resultat|result|overskudd|underskudd|overskot|underskot)"
# words that ask for other rows than a statement's lines (units, sectors, areas, municipalities, periods), wherever the
# question says them (a municipality only when asked which: its name holds "kommune"): "which sector", "fordelt på område", "by service area", "per eining"
OTHER_ROWS = re.compile(r"(?<![a-zæøå])(?:sector\w*|sektor\w*|units?|enhet\w*|eining\w*|avdeling\w*|department\w*|"
                        r"areas?|område\w*|tjenesteområde\w*|tenesteområde\w*|service areas?|"
                        r"(?:which|hvilke[nt]?|kva|what)\s+(?:kommune\w*|municipalit\w*)|etat\w*|virksomhet\w*|verksemd\w*|projects?|prosjekt\w*|"
                        r"which year|hvilket år|kva år|quarter\w*|kvartal\w*|month\w*|måned\w*|månad\w*)(?![a-zæøå])",
                        re.I)


def side_asked(text: str) -> str | None:
    """"expense" or "income" when the question names exactly one side of the statement."""
    found = [side for side, pattern in SIDE_WORDS.items() if pattern.search(text)]
    return found[0] if len(found) == 1 else None


# words that ask for one line of a section rather than its total ("which fixed-asset line", "største posten")
LINE_ASKS = (r"lines?", r"items?", r"posts?", r"post(?:en|ane|ene|er)", r"linj\w*", r"rad(?:en)?", r"rows?",
             r"hvilke[nt]?", r"which", r"kva(?:n| for)?", r"what")


def section_sums(q: Question, cv, terms) -> tuple[str, ...]:
    """The sum rows of the statement section a question names by the section's own name ("fixed-asset line" ->
    "Sum anleggsmidler", "posten av omløpsmidla" -> "Sum omløpsmidler"), when it asks for a line of it: the best
    named section, or () when none is named."""
    if not q.has(*LINE_ASKS):
        return ()
    index, by_name = cv.sections
    if not len(index):
        return ()
    found = index.match(terms, min_cover=1.0)
    if not found:
        return ()
    top = max(m.weight for m in found)
    best = [m.label for m in found if m.weight >= top - 1e-9]
    return tuple(label for name in best[:1] for label in by_name.get(name, ()))


def read(q: Question, vocab) -> Reading | None:
    from app.engine.families.cell_lookup import GROUP_COLUMN, GROUP_CUES, match_organisations
    from app.engine.families.ranking import RANK_HIGH, RANK_LOW, has_any
    from app.engine.families.scope import find_documents
    from app.engine.format import format_number

    cv = vocab.data.cells if getattr(vocab, "data", None) else None
    if cv is None or not len(cv.rows) or not has_any(q.text, RANK_HIGH + RANK_LOW) or OTHER_ROWS.search(q.text):
        return None
    side = side_asked(q.text)
    terms = q.terms(cv.known)
    sums: tuple[str, ...] = ()
    if side is None:
        sums = section_sums(q, cv, terms)
        if not sums:
            return None
        word = ""
    else:
        word = EXPENSE if side == "expense" else INCOME
        accounts = vocab.data.account_organisations
        account_orgs = match_organisations(accounts, terms) if accounts is not None and "dim_account" in vocab.tables else []
        if account_orgs:
            return _account_lines(q, account_orgs, word, side)
    orgs = match_organisations(cv.organisations, terms)
    docs = [] if orgs else find_documents(q.raw, vocab.data.documents, cv.known)[0]
    if not orgs and not docs:
        return None
    ends_at = (lambda label: label in sums) if sums else (  # noqa: E731
        lambda label: bool(re.search(TOTAL_ROW, label.lower()) and re.search(word, label.lower())))
    if orgs and cv.row_organisations and not any(
            cv.row_organisations.get(label, frozenset()) & set(orgs) for label in (sums or cv.rows.labels)
            if ends_at(label)):
        return None  # the organisation prints no total of that side: no section to rank
    end_row = in_list("row_label", sums) if sums else f"is_total and regexp_matches(lower(row_label), {sql_str(word)})"
    pos = "(c.page * 100000 + c.line)" if "line" in cv.columns else "c.page"
    where = ["c.value is not null", "c.row_label is not null"]
    if "is_percent" in cv.columns:
        where.append("not coalesce(c.is_percent, false)")  # an amount asked: never a percent row
    where.append(in_list("c.organisation", orgs) if orgs else in_list("c.file_name", [d.file_name for d in docs]))
    years = q.period.years
    lower = "lower(c.row_label)"
    is_total = f"regexp_matches({lower}, {sql_str(TOTAL_ROW)})"
    is_result = f"regexp_matches({lower}, {sql_str(RESULT_ROW)})"
    scenario = "coalesce(c.scenario = 'actual', false)" if "scenario" in cv.columns else "true"
    low = has_any(q.text, RANK_LOW) and not has_any(q.text, RANK_HIGH)
    # the organisation's own statement, the group's only when asked for ("konsernet", "the group")
    group = q.has(*GROUP_CUES)
    is_group = f"regexp_matches(lower(coalesce(c.caption, '') || ' ' || coalesce(c.column_label, '')), {sql_str(GROUP_COLUMN)})"
    n = number_word(q.text, None)
    sql = f"""with p as (
    select c.file_name, c.table_number, c.page, c.caption, c.row_label, c.column_label, c.value_year, c.value,
           c.excerpt, {pos} as pos, {is_total} as is_total, {is_result} as is_result, {scenario} as actual,
           {is_group} as grp
    from fct_report_cell as c
    where {' and '.join(where)}
),
ends as (  -- the first total row of the side asked, per table
    select file_name, table_number, min(pos) as end_pos, arg_min(row_label, pos) as sum_label
    from p where {end_row}
    group by 1, 2
),
bounds as (  -- the row above the section: the table's last total or result row before it
    select e.file_name, e.table_number, e.end_pos, e.sum_label,
           coalesce(max(p.pos) filter (where p.pos < e.end_pos and (p.is_total or p.is_result)), -1) as start_pos
    from ends as e join p using (file_name, table_number)
    group by 1, 2, 3, 4
),
members as (
    select p.*, b.sum_label from p join bounds as b using (file_name, table_number)
    where p.pos > b.start_pos and p.pos < b.end_pos and not p.is_total and not p.is_result
      {('and ' + in_list('p.value_year', years)) if years else ''}
),
latest as (select file_name, table_number, max(value_year) as y from members group by 1, 2),
m as (
    select members.* from members join latest using (file_name, table_number)
    where {'true' if years else 'members.value_year = latest.y'}
    qualify row_number() over (partition by file_name, table_number, row_label, value_year
                               order by actual desc, column_label) = 1
),
t as (select file_name, table_number from m group by 1, 2
      order by bool_or(grp) {'desc' if group else 'asc'}, count(*) desc, min(pos) limit 1)
select m.row_label, m.value, m.value_year as year, m.column_label, m.sum_label, m.caption, m.table_number, m.page,
       m.file_name as source_document, m.page as source_page, m.excerpt as source_excerpt
from m join t using (file_name, table_number)
order by m.value {'asc' if low else 'desc'}, m.row_label
limit {int(n or 12)}"""
    en = q.lang == "en"
    who = ", ".join(orgs or sorted({d.organisation or d.file_name for d in docs}))
    if sums:
        interp = ((f"the lines summed in «{sums[0]}», the sum left out, " if en else
                   f"linjene som summeres i «{sums[0]}», summen utelatt, ") + who)
    else:
        kind = ("expense" if side == "expense" else "income") if en else ("kostnads" if side == "expense" else "inntekts")
        interp = ((f"the {kind} rows of the statement, sums left out, " if en else
                   f"{kind}radene i oppstillingen, summer utelatt, ") + who)
    interp = (interp
              + ((", " + ", ".join(map(str, years))) if years else "")
              + (", " + ("smallest first" if en else "minst først") if low else
                 ", " + ("largest first" if en else "størst først")))

    def sentence(columns, rows, lang):
        d = [dict(zip(columns, r)) for r in rows]
        e = lang == "en"
        joiner = " < " if low else " > "
        shown = joiner.join(f"{x['row_label'].strip()} {format_number(x['value'])}" for x in d)
        total = d[0].get("sum_label") if d else None
        head = (f"The rows summed in «{total}» (table {d[0]['table_number']}, p. {d[0]['page']}, {d[0]['year']}), "
                "in order (not a governed measure): " if e else
                f"Radene som summeres i «{total}» (tabell {d[0]['table_number']}, s. {d[0]['page']}, {d[0]['year']}), "
                "i rekkefølge (ikke et styrt mål): ")
        return head + shown + "."

    def chart(columns, rows):
        return {"kind": "bar", "x": "row_label", "y": "value"} if len(rows) > 1 else None

    return Reading(NAME, ("report tables, as printed (not a governed measure)" if en else
                          "rapporttabeller, slik de er trykt (ikke et styrt mål)"), sql, interp,
                   sentence=sentence, chart=chart,
                   empty_reason=("No statement section of that kind for the year asked." if en else
                                 "Ingen slik del av oppstillingen for året det spørres om."))


def _account_lines(q: Question, orgs: list[str], word: str, side: str) -> Reading:
    """The account lines (fct_account_amount) that the chart's first sum line of the side adds up (dim_account.sums_into:
    "Sum driftsinntekter" of § 5-6, "Sum utgifter" of a unit table), as printed, of one table: the year asked (else the
    latest), the actual figures."""
    from app.engine.families.ranking import RANK_HIGH, RANK_LOW, has_any
    from app.engine.format import format_number

    years = q.period.years
    low = has_any(q.text, RANK_LOW) and not has_any(q.text, RANK_HIGH)
    n = number_word(q.text, None)
    sql = f"""with s as (  -- the side's first sum line of each chart
    select account_key, name_nb from dim_account
    where is_sum and regexp_matches(lower(name_nb), {sql_str(word)})
    qualify row_number() over (partition by chart order by coalesce(line_number, 999), account_key) = 1
),
a as (
    select a.row_label, a.printed_amount_nok as value, a.value_year, s.name_nb as sum_label, a.table_title,
           a.file_name, a.page, a.excerpt, a.statement, coalesce(a.unit_key, '') as unit_key, a.line
    from fct_account_amount as a join dim_account as d using (account_key) join s on d.sums_into = s.account_key
    where {in_list('a.organisation', orgs)} and a.scenario_code = 'regnskap' and a.printed_amount_nok is not null
      and coalesce(a.is_latest, true) {('and ' + in_list('a.value_year', years)) if years else ''}
),
y as (select {'min(value_year)' if years else 'max(value_year)'} as y from a),
t as (  -- one table: the statement before a unit's table, the one with the most lines
    select file_name, page, statement, unit_key from a, y where a.value_year = y.y
    group by 1, 2, 3, 4 order by statement = '5-6' desc, count(*) desc, 1, 2 limit 1
)
select a.row_label, a.value, a.value_year as year, a.sum_label, a.table_title as caption, a.page,
       a.file_name as source_document, a.page as source_page, a.excerpt as source_excerpt
from a join t using (file_name, page, statement, unit_key), y
where a.value_year = y.y
qualify row_number() over (partition by a.row_label order by a.line) = 1
order by a.value {'asc' if low else 'desc'}, a.row_label
limit {int(n or 12)}"""
    en = q.lang == "en"
    kind = ("expense" if side == "expense" else "income") if en else ("utgifts" if side == "expense" else "inntekts")
    interp = ((f"the {kind} lines of the accounts, sums left out, " if en else f"{kind}linjene i regnskapet, summer "
               "utelatt, ") + ", ".join(orgs) + ((", " + ", ".join(map(str, years))) if years else "")
              + (", " + ("smallest first" if en else "minst først") if low else
                 ", " + ("largest first" if en else "størst først")))

    def sentence(columns, rows, lang):
        d = [dict(zip(columns, r)) for r in rows]
        e = lang == "en"
        shown = (" < " if low else " > ").join(f"{x['row_label'].strip()} {format_number(x['value'])}" for x in d)
        head = (f"The lines summed in «{d[0]['sum_label']}» ({d[0]['year']}, p. {d[0]['page']}), in order: " if e else
                f"Linjene som summeres i «{d[0]['sum_label']}» ({d[0]['year']}, s. {d[0]['page']}), i rekkefølge: ")
        return head + shown + "."

    def chart(columns, rows):
        return {"kind": "bar", "x": "row_label", "y": "value"} if len(rows) > 1 else None

    return Reading(NAME, "the account tables (fct_account_amount)" if en else "regnskapstabellene (fct_account_amount)",
                   sql, interp, sentence=sentence, chart=chart,
                   empty_reason=("No account lines of that kind for the year asked." if en else
                                 "Ingen slike regnskapslinjer for året det spørres om."))
