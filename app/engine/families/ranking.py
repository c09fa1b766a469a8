"""Ranking: units, breakdown members (municipality, gender …) or quarters ordered by a measure; "which …"
gives the first only."""
from __future__ import annotations

import re

from app.engine.families.cell_lookup import VARIANCE_CUES
from app.engine.families.measures import compile_facts, facts_chart, facts_sentence, has_any
from app.engine.quantities import other_vat_columns, printed_label_sql

NAME = "ranking"
RANK_HIGH = (r"høyest\w*", r"høgast\w*", r"mest", r"flest", r"størst\w*", r"highest", r"most", r"largest",
             r"biggest", r"top", r"vanligst\w*", r"vanlegast\w*", r"vanligast\w*", r"hyppigst\w*", r"hyppigast\w*",
             r"dyrest\w*", r"dyraste", r"högst\w*", r"störst\w*")
RANK_LOW = (r"lavest\w*", r"lågast\w*", r"minst", r"færrest", r"lowest", r"least", r"fewest", r"smallest",
            r"billigst\w*", r"billigaste", r"cheapest", r"lägst\w*", r"minsta", r"svakast\w*", r"svakest\w*", r"weakest",
            r"svagast\w*", r"svageste")
UNIT_QUESTION = (r"hvilken enhet", r"hvilke enheter", r"kva eining", r"kva for (?:ei )?eining", r"which units?",
                 r"hvilken avdeling", r"which department")
SUBJECT_QUESTION = (r"hvilken kommune", r"hvilke kommuner", r"kva kommune", r"which municipalit\w*",
                    r"hvilket kjønn", r"which gender")
QUARTER_QUESTION = (r"hvilket kvartal", r"which quarter", r"kva kvartal")
# "which year between 2015 and 2021 had the most …": the years of one series are what is ranked
YEAR_QUESTION = (r"hvilket år", r"hvilke år", r"kva år", r"kva for (?:eit )?år", r"which year", r"what year",
                 r"which of the years", r"i hvilket år", r"in which year", r"hvilket av årene", r"kva for år")
WHICH_WORDS = (r"hvilke[nt]?", r"which", r"kva", r"hvem", r"who")


def applies(plan, cx, vocab) -> bool:
    return (has_any(cx.rest, RANK_HIGH + RANK_LOW) or has_any(cx.text, UNIT_QUESTION + SUBJECT_QUESTION)
            or (has_any(cx.text, YEAR_QUESTION) and has_any(cx.text, RANK_HIGH + RANK_LOW))
            or (has_any(cx.text, QUARTER_QUESTION) and cx.metric_has_quarters))


# One side of a signed balance (language data): a budget result is positive for an underspend and negative for an
# overspend, so "the largest overspend" is the most negative result, and only results below zero are overspends.
NEGATIVE_SIDE = (r"merforbruk\w*", r"meirforbruk\w*", r"overforbruk\w*", r"overspend\w*", r"overspent", r"deficits?",
                 r"underskudd\w*", r"underskot\w*", r"overrun\w*", r"budsjettoverskridels\w*")
POSITIVE_SIDE = (r"mindreforbruk\w*", r"underforbruk\w*", r"underspend\w*", r"underspent", r"surplus\w*",
                 r"overskudd\w*", r"overskot\w*", r"beat\w* (?:its |their |the )?budget\w*", r"under budget")


def sides_asked(text: str) -> tuple[bool, bool]:
    """Whether the question names the negative and the positive side of a signed balance ("merforbruk", "mindreforbruk";
    "mer-/mindreforbruk", "surplus/deficit" name the balance, neither side)."""
    sides = re.sub(r"\S*/\S*", " ", text)
    return has_any(sides, NEGATIVE_SIDE), has_any(sides, POSITIVE_SIDE)


def negative_side_word(plan, cx, vocab) -> str | None:
    """The word of the negative side asked ("merforbruk", "overspend") when the question names only that side of one
    measure whose own words name both sides (a budget result: positive an underspend, negative an overspend), else
    None: "Hvor stort merforbruk" asks the overspend's size, not the signed result."""
    negative, positive = sides_asked(cx.text)
    if not negative or positive or len(plan.metrics) != 1:
        return None
    metric = vocab.metrics.get(plan.metrics[0])
    words = " ".join(getattr(metric, "synonyms", ()) or ())
    if getattr(metric, "unit_of_measure", None) != "nok" or not (has_any(words, NEGATIVE_SIDE)
                                                                  and has_any(words, POSITIVE_SIDE)):
        return None
    found = re.search(r"(?<![\wæøåäö])(?:" + "|".join(NEGATIVE_SIDE) + r")(?![\wæøåäö])", re.sub(r"\S*/\S*", " ", cx.text))
    return found.group(0) if found else None


def shape(plan, cx, vocab) -> None:
    plan.rank_order = "asc" if has_any(cx.rest, RANK_LOW) else "desc"
    negative, positive = sides_asked(cx.text)
    if negative != positive and plan.metrics and all(
            getattr(vocab.metrics.get(m), "unit_of_measure", None) == "nok" for m in plan.metrics):
        plan.rank_sign = "negative" if negative else "positive"
        if negative:  # the largest overspend is the most negative result
            plan.rank_order = "desc" if plan.rank_order == "asc" else "asc"
    if has_any(cx.text, QUARTER_QUESTION):
        plan.rank_by = "quarter"
    elif has_any(cx.text, YEAR_QUESTION):
        plan.rank_by = "year"  # one series ranked over its years; the top year named with its value
    elif has_any(cx.text, SUBJECT_QUESTION) or (plan.metrics and not has_any(cx.text, UNIT_QUESTION)
                                                 and all(vocab.metric_subjects.get(m) for m in plan.metrics)
                                                 and len(plan.subjects) != 1):
        # "which of A, B and C": the members named are what is ranked
        plan.rank_by = "subject"
    plan.limit = 1 if has_any(cx.text, WHICH_WORDS) and plan.rank_by != "year" else None


compile = compile_facts
sentence = facts_sentence
chart = facts_chart


# --- the same family over report cells: the rows of one table in order --------------------------------

RANK_CUES = RANK_HIGH + RANK_LOW + (r"rang\w*", r"rank\w*", r"sorter\w*", r"sort\w*", r"størst til minst",
                                   r"frå størst", r"fra størst", r"largest to smallest")
TOTAL_ROWS = r"^\s*(?:sum|summa|total\w*|i alt|samla|samlet)\b"
TOTAL_COLUMN = r"(?:^|\s)(?:total\w*|sum|summa|i alt|samla|samlet)(?:\s|$)"
# the tables whose rows are the parts of one amount: one total row adds them up (a statement's several sections, each
# with its sum, are `statement_rank`'s), and no row is a per cent or a figure per head ("pr. indb.", "per innbygger")
# (SQL over fct_report_cell)
BREAKDOWN_TABLES = (
    "(c.file_name, c.table_number) in (select file_name, table_number from fct_report_cell group by 1, 2 having "
    f"count(distinct case when regexp_matches(lower(row_label), '{TOTAL_ROWS}') then row_label end) = 1 "
    "and not bool_or(coalesce(is_percent, false)) "
    "and not bool_or(regexp_matches(lower(row_label), '(?:^|[^a-zæøåäö])(?:per|pr\\.?|pro)\\s')))")
# "which sector", "hvilken eierkommune", "kva område": the noun after a which-word names what the rows are
WHICH_NOUN = re.compile(r"\b(?:hvilke[nt]?|vilke[nt]?|vilka|which|kva(?:\s+for)?(?:\s+ei?n?)?|what)\s+(?:of\s+the\s+)?"
                        r"([a-zæøåäö]{3,})(?:\s+([a-zæøåäö]{3,}))?")


# words of a caption that say its figures are money (a budget, accounts, a deviation, an amount): language data
MONEY_CAPTION = re.compile(r"(?:regnskap|rekneskap|budsjett|budget|avvik|forbruk|resultat|result|beløp|kroner|\bkr\b|"
                           r"nok\b|\bmkr\b|\btkr\b|1000|1 000|tusen|mill|driftsutgift|driftsinntekt|utgift|inntekt|expens|income|"
                           r"cost|kostnad|deviation|variance|balance|overskudd|underskudd|overskot|underskot|surplus|"
                           r"deficit)", re.I)


def money_caption(caption: str) -> bool:
    """Whether a table's caption says its figures are money ("Regnskap 2022 i 1000 kr", "Avvik per sektor")."""
    return bool(MONEY_CAPTION.search(caption or ""))


def asks_ranking(text: str) -> bool:
    """"Which sector had the largest deficit?": a which-noun with a highest/lowest word asks for an order of rows,
    which one line's or one cell's total never answers."""
    return has_any(text, RANK_HIGH + RANK_LOW) and bool(which_nouns(text))


def which_words(text: str) -> list[str]:
    """The words of the noun a which-question asks for, as written ("which service area" -> service, area)."""
    from app.engine.wordforms import STOPWORDS

    m = WHICH_NOUN.search(text)
    if not m:
        return []
    out = []
    for w in (m.group(1), m.group(2)):
        if w and w not in STOPWORDS and not re.fullmatch(r"(?:had|has|have|was|were|did|does|is|var|har|hadde|er)", w):
            out.append(w)
        else:
            break
    return out


def which_nouns(text: str) -> list[str]:
    """Norwegian stems of what a which-question asks for ("which owner municipality" -> eier, kommune)."""
    from app.engine.wordforms import EN_TO_NB, stem

    out = []
    for w in which_words(text):
        nb = EN_TO_NB.get(w, w)
        out.extend(stem(t) for t in ((nb,) if isinstance(nb, str) else nb))
    return out


# the first part of a compound that says "one of them": "enkeltinvestering", "enkeltprosjekt", "single project"
SINGLE = ("enkelt", "enkel", "einskild", "enskild")


def _compound_head(question_stems) -> str | None:
    """The head of a "single-X" compound the question writes: "enkeltinvestering" -> "invest"."""
    for s in question_stems:
        for lead in SINGLE:
            if s.startswith(lead) and len(s) - len(lead) >= 5:
                return s[len(lead):][:6]
    return None


def _by_alias(q, vocab, cv) -> list[str]:
    """The organisations the question names by a short form their reports declare ("BOH"), as their tables print them."""
    from app.engine.families.cell_lookup import _named_organisations

    names = getattr(vocab, "organisation_names", {}) or {}
    printed = set(cv.organisations.labels)
    return [n for n in (names.get(k, k) for k in _named_organisations(q, vocab)) if n in printed]


def read(q, vocab):
    """"Ranger kostnadene fordelt på område i 2018", "Which sector had the most employees in 2022?": the rows of
    one table of a report the question names, in order, sums left out, read as printed — not a governed
    measure. The table is the one whose caption the question names (two of its words, or one beside the noun
    a which-question asks for); else, for "which municipality …", the table whose rows are that kind of thing
    ("… kommune"). Per row, the column of the year asked, its total column when it splits by more."""
    from app.engine.families.base import Reading, in_list, number_word, sql_str
    from app.engine.families.cell_lookup import match_organisations
    from app.engine.families.scope import find_documents
    from app.engine.format import format_number
    from app.engine.wordforms import content_stems, stem, words

    cv = vocab.data.cells if getattr(vocab, "data", None) else None
    if cv is None or not len(cv.captions):
        return None
    from app.engine.families import unit_table

    # a table whose rows are the organisation's units or members, under the column the question names: its rows in
    # order, or every row of the column for a breakdown by them ("fordel … på kommune")
    found = unit_table.read(q, vocab, ("rank", "breakdown"))
    if found is not None or not has_any(q.text, RANK_CUES):
        return found
    terms = q.terms(cv.known)
    orgs = match_organisations(cv.organisations, terms) or _by_alias(q, vocab, cv)
    docs, doc_words = find_documents(q.raw, vocab.data.documents, cv.known)
    if has_any(q.text, YEAR_QUESTION) and has_any(q.text, RANK_HIGH + RANK_LOW):
        from app.engine.families.row_years import read as years_of_row

        return years_of_row(q, vocab, orgs, docs)  # "kva år hadde … flest": the years of one row, never its table's rows
    named = {stem(w) for o in orgs for w in words(o)} | set(doc_words)
    kinds = [k for k in which_nouns(q.text) if k not in named]
    kind_forms = _kind_forms(kinds)
    from app.engine.families.cell_lookup import ORG_GENERIC

    asked = (terms.stems | terms.parts) - named
    # a column the question names by its words ("highest net cost" -> «Nettokostnad») before the year's or total column
    from app.engine.families.label_search import named_columns

    # (never by the words of the which-noun itself: "which service area" names no «Areal» column)
    # (a head printed with its year is named by its words: «Andel av søknader 2016» by "andel av søknadene")
    columns = (*getattr(cv, "column_words", ()), *getattr(cv, "dated_column_words", ()))
    heads = named_columns(q, columns, named | set(kinds) | set(which_words(q.text))) if columns else []
    scored, kind_only = [], []
    if heads and kind_forms:
        # "which sector had the lowest share of full-time": a table of such rows ("… per förvaltning") printing the
        # column named, though the question names no word of its caption
        for caption, columns in getattr(cv, "caption_columns", {}).items():
            if set(heads) & columns and any(_kind_word(k, c) for k in kind_forms for c in content_stems(caption)):
                scored.append((1, caption))
    for m in cv.captions.match(terms, min_cover=0.0):
        caption_stems = [c for c in content_stems(m.label) if c not in ORG_GENERIC and c not in named]
        by_kind = any(_kind_word(k, c) for k in kind_forms for c in content_stems(m.label))
        if not any(c == a or len(a) >= 4 and (c.startswith(a) or a.startswith(c) and len(c) >= 4)
                   for c in caption_stems for a in asked):
            continue  # only the organisation's name or a generic word ("kommune") in common
        # a short word counts when it is the noun the which-question asks for ("which type" ~ "Typ av insats")
        own = m.matched - len([s for s in m.used if s in named or (len(s) < 4 and s not in kinds)])
        if own >= 2 or (own and by_kind):
            scored.append((own, m.label))
        elif by_kind:
            kind_only.append(m.label)  # the caption names the kind of row asked and nothing else of the question
    owners_named = set(orgs) or {d.organisation for d in docs if d.organisation}
    if owners_named and cv.caption_organisations:
        # an organisation or its report named: its own tables, never another's that shares the caption's words
        # (a heading above a table has no owner of its own recorded: the organisation asked is filtered on below)
        scored = [(n, label) for n, label in scored
                  if label not in cv.caption_organisations or cv.caption_organisations[label] & owners_named]
    years = q.period.years
    caption_years = getattr(cv, "caption_years", {})
    if years and caption_years:
        # the year asked decides by the tables' column years, never by a year their caption prints (a caption may be
        # left over from last year's report): of the tables named, those holding the year; when none of them does, a
        # table whose caption names only the kind of row asked and holds the year
        def holding(labels):
            return [x for x in labels if caption_years.get(x[1] if isinstance(x, tuple) else x, frozenset()) & set(years)]

        if scored and not holding(scored) and kind_forms:
            seen = {label for _, label in scored}
            kind_only += [label for label in cv.captions.labels if label not in seen and label not in kind_only
                          and caption_years.get(label, frozenset()) & set(years)
                          and (not owners_named or not cv.caption_organisations.get(label)
                               or cv.caption_organisations[label] & owners_named)
                          and any(_kind_word(k, c) for k in kind_forms for c in content_stems(label))]
            if holding(kind_only):
                scored = [(1, label) for label in holding(kind_only)]
        elif holding(scored):
            scored = holding(scored)
    if not scored and kind_only:
        # no caption names what is ranked, one names the kind of row asked ("Resultater for tjenesteområdene" for
        # "which service area"): the organisation's tables under it that hold the year are the rows asked
        # (a heading has no owner of its own recorded: the organisation asked is filtered on below)
        owned = [label for label in kind_only if not owners_named or label not in cv.caption_organisations
                 or cv.caption_organisations[label] & owners_named]
        if years and caption_years:
            owned = [label for label in owned if caption_years.get(label, frozenset()) & set(years)]
        scored = [(1, label) for label in owned]
    # "which municipality …" where tables of organisations are loaded: a caption the question names counts only as one
    # of those tables; else the organisations' rows are the kind asked
    org_kinds = [k for k in kinds if _organisation_kind(k)] if "row_organisation" in cv.columns else []
    if org_kinds and getattr(cv, "body_captions", frozenset()):
        scored = [(n, label) for n, label in scored if label in cv.body_captions]
    row_kind = head = None
    breakdown = False
    side = has_any(q.text, NEGATIVE_SIDE + POSITIVE_SIDE)
    if side:
        # one side of a signed balance ("the largest deficit") ranks a money table (accounts, budget, deviation),
        # never the rows of a staff or sick-leave table that happen to share a word with the question
        money = [(n, label) for n, label in scored if money_caption(label)]
        if scored and not money:
            return None
        scored = money
    if scored:
        best = max(n for n, _ in scored)
        chosen = [label for n, label in scored if n == best][:3]
    elif _compound_head(terms.stems - named):
        # "største enkeltinvestering": the head of a compound names the table ("… investeringar")
        chosen, head = [], _compound_head(terms.stems - named)
    elif kinds:
        # the rows themselves are what is asked for: "… kommune"; of "which bin size", the noun the rows print ("… dunk")
        # (rows of the organisation named: another's «Fellesområdet skole» prints no area of this one)
        labels = [label for label in cv.rows.labels
                  if not owners_named or cv.row_organisations.get(label, frozenset()) & owners_named] or cv.rows.labels
        printing = [k for k in kinds if any(_kind_row(k, label) for label in labels)]
        chosen, row_kind = [], (printing or kinds)[-1]
        if org_kinds and getattr(cv, "body_captions", frozenset()):
            row_kind = org_kinds[-1]
        if not printing and heads and owners_named:
            # no row prints the kind ("which activity area … the highest net cost"): the one table of the organisation
            # named (or of its report named) that prints the column named («Nettokostnad») holds the rows asked
            owned = [c for c, columns in getattr(cv, "caption_columns", {}).items()
                     if set(heads) & columns and cv.caption_organisations.get(c, frozenset()) & owners_named]
            if len(owned) == 1:
                chosen, row_kind = owned, None
        if row_kind is not None and not printing and not org_kinds and (orgs or docs):
            from app.engine.families.statement_rank import side_asked

            if side_asked(q.text):
                # no row prints the kind ("which main area had the largest net expenditure"): the parts of an amount
                # the organisation's table adds up to a total row for the year asked (`BREAKDOWN_TABLES`)
                row_kind, breakdown = None, True
    else:
        return None
    # "which municipality …" over a table whose rows are organisations (a statistics table of municipalities): its
    # rows are the kind asked without printing the word, and the ranking is across the organisations of the table
    listed = getattr(cv, "body_captions", frozenset())
    bodies = bool(org_kinds) and bool(listed) and (bool(row_kind) and _organisation_kind(row_kind) or bool(chosen) and all(
        c in listed for c in chosen))
    if bodies and not orgs and not docs:
        pass  # the table's rows are the organisations ranked: no one owner to choose
    elif not orgs and not docs:
        # no organisation or report named: the rows of one organisation's table, never rows of several put in one order
        if chosen:
            owners = set().union(*(cv.caption_organisations.get(c, frozenset()) for c in chosen))
        elif head:
            owners = set().union(*(o for c, o in cv.caption_organisations.items() if head in c.lower()))
        else:
            # (only rows printing the kind as a word: a compound's head or another spelling is too weak a sign to
            # choose the organisation a question does not name)
            owners = set().union(*(o for label, o in cv.row_organisations.items()
                                   if _kind_row(row_kind, label, strict=True)))
        if len(owners) != 1:
            return None
        orgs = sorted(owners)
    where = ["c.value is not null", "c.row_label is not null", f"not regexp_matches(lower(c.row_label), '{TOTAL_ROWS}')"]
    if chosen:
        # a table is named by its caption or by the heading it stands under (a caption may be the sentence above it)
        where.insert(0, f"({in_list('c.caption', chosen)} or {in_list('c.heading_path', chosen)})"
                     if "heading_path" in cv.columns else in_list("c.caption", chosen))
    elif head:
        where.insert(0, f"regexp_matches(lower(c.caption), {sql_str(r'(?:^|[^a-zæøå])' + re.escape(head))})")
    elif breakdown:
        where.insert(0, BREAKDOWN_TABLES)
    else:
        kind_rows = f"regexp_matches(lower(c.row_label), {sql_str(r'(?:^|[^a-zæøå])' + re.escape(row_kind))})"
        if bodies:
            kind_rows = f"({kind_rows} or c.row_organisation is not null)"
        stemmed = [label for label in cv.rows.labels if _kind_row(row_kind, label)]
        if stemmed:  # rows printing the kind in another spelling or as the head of a compound ("miljönämnden")
            kind_rows = f"({kind_rows} or {in_list('c.row_label', stemmed)})"
        # a table whose total row names the kind ("Sum sektorene" under "Undervisning", "Helse og sosial"): its rows
        # are that kind of thing without saying so
        summed = [label for label in cv.rows.labels if re.match(TOTAL_ROWS, label.lower()) and _kind_row(row_kind, label)]
        if summed:
            kind_rows = (f"({kind_rows} or (c.file_name, c.table_number) in (select file_name, table_number from "
                         f"fct_report_cell where {in_list('row_label', summed)}))")
        described = described_tables(q, row_kind, named | set(kinds))
        where.insert(0, f"({kind_rows} or (c.file_name, c.table_number) in ({described}))" if described else kind_rows)
    deviation = side or has_any(q.text, VARIANCE_CUES)
    if side and not chosen and "scenario" in cv.columns:
        # rows found by their kind: the balance is a deviation column or a figure of a money table, never a count
        where.append(f"(c.scenario = 'variance' or regexp_matches(c.caption, {sql_str(MONEY_CAPTION.pattern)}, 'i'))")
    if bodies and chosen:
        where.append("c.row_organisation is not null")  # the organisations' rows, never the country's total
    if bodies and not orgs and not docs:
        pass
    else:
        from app.engine.families.cell_lookup import _named_organisations, comparison_filters, spec_for

        # a table printing organisations side by side ("Nordby | Sørby | +/-"): the column of the organisation asked,
        # whoever's report prints it (`cell_lookup.comparison_filters`), by any name the data knows
        names = getattr(vocab, "organisation_names", {}) or {}
        asked_orgs = list(dict.fromkeys([*orgs, *(names.get(k, k) for k in _named_organisations(q, vocab))]))
        compared, whose = comparison_filters(spec_for(frozenset(cv.columns)), asked_orgs, False)
        where += compared
        if orgs:
            own = (f"({in_list('c.organisation', orgs)} or {in_list('c.row_organisation', orgs)})"
                   if "row_organisation" in cv.columns else in_list("c.organisation", orgs))
        else:
            own = in_list("c.file_name", [d.file_name for d in docs])
        where.append(f"({own} or {in_list(whose, asked_orgs)})" if whose else own)
    if years:
        where.append(in_list("c.value_year", years))
    vat = other_vat_columns(q.raw)
    if vat:  # "the cheapest including VAT": never the price in the other column
        where.append(f"not regexp_matches(lower(coalesce(c.column_label, '')), {sql_str(vat)})")
    year_in_label = (" or ".join(f"contains(coalesce(c.column_label, ''), '{int(y)}')" for y in years)
                     if years else "false")
    order = "asc" if has_any(q.text, RANK_LOW) and not has_any(q.text, RANK_HIGH + (r"størst til minst",)) else "desc"
    if has_any(q.text, LOSS_CUES):  # "lost the most residents": the most negative change first
        order = "desc" if order == "asc" else "asc"
    signed_order = f"value {order}"
    overspend_first = deviation and has_any(q.text, NEGATIVE_SIDE) and not has_any(q.text, POSITIVE_SIDE)
    if overspend_first:
        # "the largest deficit" in a signed deviation column is its most negative figure; a column printing
        # overspends above zero ("Merforbruk") keeps its order
        flipped = "asc" if order == "desc" else "desc"
        # unless the table's own arithmetic prints the deviation as the actual less the budget (the rows' «Avvik» is
        # «Regnskap» minus «Budsjett»): then an overspend is above zero and the largest comes first as it stands
        signed_order = (f"case when {_OVER_POSITIVE} then value end {order}, "
                        f"case when not {_OVER_POSITIVE} and (select min(value) from c where pick = 1) < 0 "
                        f"then value end {flipped}, value {order}")
    underspend_first = (deviation and has_any(q.text, POSITIVE_SIDE) and not has_any(q.text, NEGATIVE_SIDE)
                        and order == "desc")
    n = number_word(q.text, None)
    table = ""
    if row_kind or head or breakdown or (chosen and (len(chosen) > 1 and not named or not scored)):
        # of the tables with such rows, the one with the most of them
        table = ("),\nt as (select file_name, table_number from c0 group by 1, 2\n"
                 "      order by count(distinct row_label) desc, 1, 2 limit 1\n")
    head_first = (in_list("c.column_label", heads) + " desc,\n                 ") if heads else ""
    # "140 liter dunk", where the reader kept the quantity apart as the row's code
    printed = printed_label_sql("c") if "row_code" in cv.columns else "c.row_label"
    if bodies:
        printed = f"coalesce(c.row_organisation, {printed})"  # the organisation as named, its code left out
    # a column in the kind asked (a count of employees is never the «Andel heltid (%)» column; a column named by
    # the question but not printed by the table ranked leaves the kind to decide), and one holding a word of the
    # question («Tillsvidareanställda» for employees)
    percent = bool(PERCENT_WORDS.search(q.raw)) or _measure_in_percent(q, vocab)
    kind_first = (f"coalesce(c.is_percent, false) = {'true' if percent else 'false'} desc,\n                 "
                  if "is_percent" in cv.columns else "")
    # "which committee beat its budget by the most", "størst underskudd mot budsjett": the deviation column, never
    # the budget column the question's word names
    variance_first = ("coalesce(c.scenario = 'variance', false) desc,\n                 "
                      if deviation and "scenario" in cv.columns and not heads else "")
    said = _said_pattern(q, named | set(kinds))
    said_first = (f"regexp_matches(lower(coalesce(c.column_label, '')), {sql_str(said)}) desc,\n                 "
                  if said and not heads else "")
    pick = (f"row_number() over (partition by c.file_name, c.table_number, {printed}, c.value_year\n"
            f"        order by {head_first}{kind_first}{variance_first}{said_first}({year_in_label}) desc,\n"
            f"                 regexp_matches(lower(coalesce(c.column_label, '')), '{TOTAL_COLUMN}') desc,\n"
            "                 coalesce(c.scenario = 'actual', false) desc, c.column_label) as pick")
    sql = ("with c0 as (\n"
           f"    select c.caption, {printed} as row_label, c.column_label, c.value_year, c.value, c.table_number, c.page,\n"
           + ("           c.report_year,\n" if "report_year" in cv.columns else "") +
           "           c.file_name, c.excerpt,\n           " + pick + "\n"
           "    from fct_report_cell as c\n"
           "    where " + "\n      and ".join(where) + "\n" + table + "),\n"
           # one column ranked per table and year: a row lacking the column most rows are ranked by («Avvik») is
           # left out, never ranked by another of its columns (its budget)
           "c1 as (select c0.*, count(*) over (partition by file_name, table_number, value_year, column_label) as n_col\n"
           "      from c0 where pick = 1),\n"
           "c2 as (select * exclude (n_col) from c1\n"
           "      qualify n_col = max(n_col) over (partition by file_name, table_number, value_year)),\n"
           "c as (select c0.* from c2 as c0" + (" join t using (file_name, table_number)" if table else "")
           # one row once: the same row of the same year printed by two reports' tables (this year's and next year's)
           + "\n      qualify row_number() over (partition by c0.row_label, c0.value_year, c0.pick order by "
           + ("c0.report_year desc, " if "report_year" in cv.columns else "") + "c0.file_name, c0.table_number) = 1)\n"
           + (_SIGN_CTE if overspend_first else "") +
           "select row_label, value, value_year as year, column_label, caption, table_number, page,\n"
           # "the largest overspend" over a signed deviation: the overspend as the amount it is, beside the printed
           + (f"       case when {_OVER_POSITIVE} then case when value > 0 then value end\n"
              f"            when value < 0 then -value end as overspend,\n       {_OVER_POSITIVE} as over_positive,\n"
              if overspend_first else "") +
           "       file_name as source_document, page as source_page, excerpt as source_excerpt\n"
           f"from c where pick = 1\norder by {signed_order}, row_label\nlimit {int(n or 12)}")
    en = q.lang == "en"
    what = (" / ".join(f"«{c}»" for c in chosen) if chosen else f"«… {head or row_kind}»" if head or row_kind else
            ("the parts of an amount its total row adds up" if en else "delene av et beløp som summeres i en sumrad"))
    interp = (("rows of the table " if en else "radene i tabellen ") + what
              + ", " + ", ".join(orgs or sorted({d.organisation or d.file_name for d in docs}))
              + ((", " + ", ".join(map(str, years))) if years else "")
              + ((", " + ("column " if en else "kolonne ") + " / ".join(f"«{h}»" for h in heads)) if heads else "")
              + (", " + ("largest first" if en else "størst først") if order == "desc" else
                 ", " + ("smallest first" if en else "minst først")))

    def sentence(columns, rows, lang):
        d = [dict(zip(columns, r)) for r in rows]
        e = lang == "en"
        values = [x["value"] for x in d]
        # the sign between rows as their figures stand (the largest deficit first is the smallest figure first)
        sign = " > " if values == sorted(values, reverse=True) and (order == "desc" or len(set(values)) > 1) else " < "
        shown = sign.join(f"{x['row_label'].lstrip('•- ').strip()} {format_number(x['value'])}" for x in d)
        where_ = (f" (table {d[0]['table_number']}, p. {d[0]['page']})" if e else
                  f" (tabell {d[0]['table_number']}, s. {d[0]['page']})")
        heads = {x.get("column_label") for x in d}
        if len(heads) == 1 and next(iter(heads)):  # the one column ranked ("Årsgebyr 2023 eks. mva"), said
            where_ = f" ({'column' if e else 'kolonne'} «{next(iter(heads))}»; " + where_[2:]
        lead = ""
        if overspend_first and d and d[0].get("over_positive") and (d[0]["value"] or 0) > 0:
            x = d[0]  # the table prints the actual less the budget: an overspend is above zero
            lead = (f"Largest overspend or deficit: {x['row_label'].lstrip('•- ').strip()}, "
                    f"{format_number(x['value'])} (the table's deviation is the actual less the budget: a positive "
                    "deviation is an overspend). " if e else
                    f"Største merforbruk eller underskudd: {x['row_label'].lstrip('•- ').strip()}, "
                    f"{format_number(x['value'])} (tabellens avvik er regnskap minus budsjett: positivt avvik er "
                    "merforbruk). ")
        elif overspend_first and d and not d[0].get("over_positive") and (d[0]["value"] or 0) < 0:
            # "the largest overspend" read from a signed deviation column: the overspend said as the amount it is,
            # beside the figure as printed
            x = d[0]
            lead = (f"Largest overspend or deficit: {x['row_label'].lstrip('•- ').strip()}, "
                    f"{format_number(-x['value'])} (printed {format_number(x['value'])}; read with a negative "
                    "deviation as an overspend). " if e else
                    f"Største merforbruk eller underskudd: {x['row_label'].lstrip('•- ').strip()}, "
                    f"{format_number(-x['value'])} (trykt {format_number(x['value'])}; lest med negativt avvik som "
                    "merforbruk). ")
        elif underspend_first and d and (d[0]["value"] or 0) > 0:
            x = d[0]  # the sign convention said: a positive deviation read as an underspend
            lead = (f"Largest underspend or surplus: {x['row_label'].lstrip('•- ').strip()}, "
                    f"{format_number(x['value'])} (read with a positive deviation as an underspend). " if e else
                    f"Største mindreforbruk eller overskudd: {x['row_label'].lstrip('•- ').strip()}, "
                    f"{format_number(x['value'])} (lest med positivt avvik som mindreforbruk). ")
        return lead + ("Rows of the report table in order (not a governed measure): " if e else
                       "Radene i rapporttabellen i rekkefølge (ikke et styrt mål): ") + shown + where_ + "."

    def chart(columns, rows):
        return {"kind": "bar", "x": "row_label", "y": "value"} if len(rows) > 1 else None

    return Reading("cell_ranking", ("report tables, as printed (not a governed measure)" if en else
                                    "rapporttabeller, slik de er trykt (ikke et styrt mål)"), sql, interp,
                   sentence=sentence, chart=chart,
                   # empty with a year asked: no row of the kind for that year, or none at all; the query does not
                   # tell which, so the reason claims no table for other years
                   empty_reason=(("No report table has such rows for the year asked." if en else
                                  "Ingen rapporttabell har slike rader for året det spørres om.") if years else
                                 ("No table of the loaded reports has such rows to rank." if en else
                                  "Ingen tabell i de innlastede rapportene har slike rader å rangere.")))


# How a table prints its deviation, from its own rows: the «Avvik» of a row as its actual less its budget or its
# budget less its actual, counted over the rows of the tables ranked, and whether its amounts are printed above zero
# (costs as positive figures) or below (costs as negative figures, "-207,0"). An overspend is a deviation above zero
# (`_OVER_POSITIVE`) when the table takes the actual less the budget of costs printed positive, or the budget less
# the actual of costs printed negative; else below zero, as the signed balance is read by default.
_SIGN_CTE = (
    ",\ns as (select v.file_name, v.table_number,\n"
    "      sum(case when abs(v.value - (a.value - b.value)) <= 0.01 * abs(v.value) + 1 then 1 else 0 end) as actual_less,\n"
    "      sum(case when abs(v.value - (b.value - a.value)) <= 0.01 * abs(v.value) + 1 then 1 else 0 end) as budget_less,\n"
    "      sum(case when a.value > 0 then 1 else 0 end) as spent_positive, sum(case when a.value < 0 then 1 else 0 end)"
    " as spent_negative\n"
    "    from fct_report_cell as v\n"
    "    join fct_report_cell as a on a.file_name = v.file_name and a.table_number = v.table_number\n"
    "     and a.row_label = v.row_label and a.value_year is not distinct from v.value_year and a.scenario = 'actual'\n"
    "    join fct_report_cell as b on b.file_name = v.file_name and b.table_number = v.table_number\n"
    "     and b.row_label = v.row_label and b.value_year is not distinct from v.value_year\n"
    "     and b.scenario in ('budget', 'revised_budget', 'original_budget')\n"
    "    where v.scenario = 'variance' and v.value <> 0\n"
    "      and (v.file_name, v.table_number) in (select file_name, table_number from c)\n"
    "    group by 1, 2)\n")
_OVER_POSITIVE = ("(select coalesce(sum(s.actual_less) <> sum(s.budget_less) and sum(s.spent_positive) <> sum(s.spent_negative)"
                  " and (sum(s.actual_less) > sum(s.budget_less)) = (sum(s.spent_positive) > sum(s.spent_negative)),"
                  " false) from s)")


PERCENT_WORDS = re.compile(r"(?<![a-zæøåäö])(?:[a-zæøåäö]*prosent\w*|[a-zæøåäö]*procent\w*|percent\w*|%|andel\w*|share|proportion|rate|"
                           r"del av)(?![a-zæøåäö])", re.I)


def _measure_in_percent(q, vocab) -> bool:
    """The question names only measures the catalog keeps in per cent ("the highest sick leave"): a percent column
    is the kind ranked, never the days or the change beside it."""
    from app.engine.planner import find_metric_spans
    from app.engine.text import normalise

    metrics = getattr(vocab, "metrics", None) or {}
    codes = {code for _, _, code in find_metric_spans(normalise(q.raw), metrics)} if metrics else set()
    return bool(codes) and all(getattr(metrics.get(c), "unit_of_measure", None) == "pct" for c in codes)


def _said_pattern(q, exclude: set[str]) -> str | None:
    """A SQL regex (lower-cased) for any form of the question's content words ("employees" ~ "ansatt", "anställd"),
    four letters or more, found inside compounds; None when the question has none."""
    from app.engine.families.label_search import concepts

    forms = sorted({f for _, fs in concepts(q, exclude) for f in fs if len(f) >= 4})
    return "(" + "|".join(re.escape(f) for f in forms) + ")" if forms else None


def _kind_word(kind: str, word: str) -> bool:
    """A caption's word naming the kind of row asked: the kind itself or a longer form of it ("kommun" ~ "kommunene"),
    or a compound whose head it is ("områd" ~ "rammeområder", "service area" read word by word)."""
    return (word == kind or (len(kind) >= 4 and word.startswith(kind[:5]))
            or (len(kind) >= 5 and len(word) >= len(kind) + 3 and word.endswith(kind)))


# the which-nouns that ask for organisations ("hvilken kommune", "which municipality", "kva fylke"): stems
ORGANISATION_KINDS = ("kommun", "fylk", "herad", "region", "municipal", "county")


def _organisation_kind(kind: str) -> bool:
    return any(kind.startswith(k) for k in ORGANISATION_KINDS)


def _kind_forms(kinds: list[str]) -> set[str]:
    """The stems a which-noun may be printed as: its own and the one-word terms of its glossary concept ("department"
    ~ "förvaltning", "sektor", "tjenesteområde")."""
    from app.engine.wordforms import glossary_words

    return set(kinds) | {g for k in kinds for g in glossary_words(k) if len(g) >= 4}


def _kind_row(kind: str, label: str, strict: bool = False) -> bool:
    """A row label printing the which-noun as a word or the head of its compound ("… kommune", "liter dunk",
    "Plan- och miljönämnden" for "committee" ~ nemnd: the word's stem, as a Swedish or Danish spelling is read)."""
    if re.search(r"(?:^|[^a-zæøåäö])" + re.escape(kind), label.lower()):
        return True
    if strict:
        return False
    from app.engine.wordforms import stem, words

    # the head of a compound: the kind at the end of the word's stem, an inflection after it at most
    head = re.compile(r"(?:^|[a-zæøåäö]{3,})" + re.escape(kind) + r"[a-zæøåäö]{0,3}$")
    return len(kind) >= 4 and any(head.search(stem(w)) for w in words(label))


# words that say the ranked figure is a fall (language data): "lost the most" is the most negative change
LOSS_CUES = (r"lost", r"lose", r"loses", r"losing", r"mista", r"miste", r"mistet", r"mister", r"tapte", r"nedgang\w*",
             r"decline\w*", r"decrease\w*", r"reduksjon\w*", r"færre", r"fewer", r"shr[iu]nk\w*", r"minka",
             r"minket", r"minsket", r"gått ned", r"gjekk ned", r"gikk ned", r"fall in", r"drop\w*",
             # "størst negativt budsjettavvik", "the largest negative variance": the most negative figure first
             r"(?:størst\w*|largest|biggest|most|mest|høyest\w*|høgast\w*|störst\w*)\s+negativ\w*")


def described_tables(q, row_kind: str, exclude: set[str]) -> str:
    """SQL for the tables a sentence beside them describes ("I figuren over kan vi sjå korleis folketalsauken fordeler
    seg i kommunane" under a list "Førde: 109, Lærdal: -13 …"): rows that are that kind of thing without saying so
    in their labels. The sentence is within twelve lines of a row on the same page and holds both the kind of row
    asked for ("kommun") and a word of what is ranked (in any word of its SAME_THING group); '' when the question
    names nothing to rank by."""
    from app.engine.families.base import sql_str
    from app.engine.families.prose import _content
    from app.engine.wordforms import SAME_THING, stem

    rank_words = {stem(w) for w in ("most", "flest", "mest", "størst", "største", "high", "highest", "largest",
                                    "least", "lowest", "fewest", "smallest", "minst", "new", "nye", "nytt", "nya")}
    measure = [s for s in _content(q, exclude | rank_words) if len(s) >= 4 and not s.startswith(row_kind[:5])]
    forms: set[str] = set()
    for s in measure:
        forms.add(s)
        for group in SAME_THING:
            if any(s == m or len(m) >= 5 and m in s for m in group):
                forms |= {m for m in group if len(m) >= 4}
    if not forms:
        return ""
    said = "|".join(sorted(re.escape(f) for f in forms))
    return ("select c2.file_name, c2.table_number from fct_report_cell as c2\n"
            "        join fct_report_prose_figure as f on f.file_name = c2.file_name and f.page = c2.page\n"
            "        where abs(f.line - c2.line) <= 12\n"
            f"          and regexp_matches(lower(f.text), {sql_str(r'(?:^|[^a-zæøå])' + re.escape(row_kind[:5]))})\n"
            f"          and regexp_matches(lower(f.text), {sql_str('(?:' + said + ')')})")
