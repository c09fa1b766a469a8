"""Ticket counts and breakdowns from the ticket exports (fct_ticket): how many tickets in a period,
per year/half/quarter/month/ISO week, per category/priority/status/channel/customer/group, filtered by
any value as exported, ranked ("which three months had the most").

Applies when the question is about tickets and the exports cover the period asked; a period the
exports do not cover is refused with what they do cover. Words of the question it cannot place in
the exports (a field the exports lack) make it refuse rather than count something else.
"""
from __future__ import annotations

from app.engine.families.base import Question, Reading, Refusal, in_list, number_word
from app.engine.format import format_number
from app.engine.wordforms import stem, words

NAME = "tickets"

TICKET_CUES = (r"sak(?:er|en|ene|a|ar|ane)?", r"saksmengd\w*", r"tickets?", r"henvendels\w*", r"henvendingar?",
               r"issues?", r"cases?", r"førespurnad\w*", r"\w+saker", r"\w+saken", r"\w+-saker", r"innmeld\w*",
               r"hendelsesloggen", r"event log", r"helpdesk", r"brukerstøtt\w*", r"brukarstøtt\w*", r"servicedesk")
# Dimension names -> columns (first present wins).
DIMENSIONS = {
    "priority": ((r"priorite\w*", r"priorit(?:y|ies)", r"prio"), ("priority_source", "priority")),
    "status": ((r"status\w*",), ("status",)),
    "category": ((r"kategori\w*", r"categor(?:y|ies)", r"type"), ("category",)),
    "subcategory": ((r"underkategori\w*", r"subcategor(?:y|ies)"), ("subcategory",)),
    "channel": ((r"kanal\w*", r"channels?"), ("channel",)),
    "customer": ((r"kommuner?", r"kommunene", r"kunder?", r"kundene", r"customers?", r"filial\w*",
                  r"municipalit(?:y|ies)", r"organisasjon\w*", r"organi[sz]ations?"), ("organisation_key",)),
    "group": ((r"operatørgrupp\w*", r"grupper?", r"assignment groups?", r"teams?"), ("assignment_group",)),
    "system": ((r"kildesystem\w*", r"source systems?"), ("source_system",)),
}
BREAKDOWN_CUES = (r"fordelt på", r"fordelt etter", r"per", r"pr\.?", r"etter", r"by", r"for hver", r"for kvar",
                  r"hver", r"kvar", r"each", r"split by", r"broken down by", r"ranger\w*", r"rank\w*")
RANK_HIGH = (r"flest", r"mest", r"most", r"høyest\w*", r"høgast\w*", r"highest", r"største", r"largest", r"top",
             r"topp", r"ranger\w*", r"rank\w*", r"busiest")
RANK_LOW = (r"færrest", r"minst", r"fewest", r"least", r"lavest\w*", r"lågast\w*", r"lowest")
CLOSED_CUES = (r"lukket", r"lukka", r"lukkede", r"closed", r"løst", r"løyst", r"resolved", r"ferdigmeldt\w*")
CLOSED_STEMS = {stem(w) for w in ("lukket", "lukka", "lukkede", "lukkes", "closed", "close", "aldri", "never",
                                   "ikke", "ikkje", "not", "åpne", "opne", "open", "still", "fortsatt", "framleis",
                                   "løst", "løyst", "resolved", "hendelse", "event", "vart", "ble")}
# Words that say "count tickets" without naming anything to filter on.
GENERIC = {stem(w) for w in """
antall tall talet number count mange many hvor kor how total totalt samlet samla i alt nye nytt ny new
opprettet oppretta opprett created create opened open registrert registrerte registrert registered meldt meldte
innmeldt kom came inn received arrived motta mottatt fikk fekk got sak saker saka ticket tickets issue issues case
cases henvendelse henvendelser hendelsesloggen logg loggen log eventlog export eksport eksporten exporten data
datasettet dataset finnes fins exist exists contain contains inneholder inneheld er var was were det there it
periode perioden period totalt altogether hele heile whole all alle within during gjennom løpet år year året
innmeldinger brukerstøtten brukarstøtta helpdesk servicedesk support til fra frå from to kvartal quarter quarters
måned månad month months uke veke week weeks calendar kalender halvår half vs mot versus sammenlignet compare
samanlikna og and hadde had har have fordelt fordeling distribution breakdown split etter by per pr each hver kvar
viser vis show list liste gi give which hvilke hvilken kva topp top ranger rank flest most som med with
registrerte endret endra utvikla utviklet changed change develop trend endring utvikling
via through gjennom håndtert handtert behandlet handsama handled reported rapportert rapporterte meldte melde
logged one two three four five ten én en ein to tre fire fem ti ferdigmeldt løst resolved
""".split()}


def is_ticket_question(q: Question, vocab) -> bool:
    tv = vocab.data.tickets if vocab.data else None
    if tv is None or not tv.rows:
        return False
    if q.has(*TICKET_CUES):
        return True
    return any(p in q.text.split() or f"{p}-" in q.text for p in tv.id_prefixes)


def _dimension_asked(q: Question, tv) -> tuple[str | None, str | None, str | None]:
    """(dimension, column, the words) of "fordelt på prioritet", "per kommune", "which priority"."""
    for dim, (cues, columns) in DIMENSIONS.items():
        col = next((c for c in columns if c in tv.columns), None)
        if col is None:
            continue
        pattern = r"(?:" + "|".join(BREAKDOWN_CUES + (r"hvilke\w*", r"which", r"kva", r"prioritetene",
                                                       r"the")) + r")\s+(?:\w+\s+)?(?:" + "|".join(cues) + r")"
        if q.has(pattern):
            return dim, col, dim
    return None, None, None


def _names_dimension(q: Question, column: str) -> bool:
    return any(column in cols and q.has(*cues) for cues, cols in DIMENSIONS.values())


def _value_filters(q: Question, tv, skip_words: set[str]) -> tuple[dict[str, list[str]], set[str]]:
    """Values as exported that the question names: {column: [values]} and the question stems used."""
    import re

    filters: dict[str, list[str]] = {}
    used: set[str] = set()
    terms = q.terms(frozenset().union(*(idx.known for idx in tv.values.values())) if tv.values else frozenset())
    # priority letters: "prioritet A", "priority B tickets"
    m = re.search(r"\b(?:prioritet|priority|prio)\s*'?([a-d])\b", q.text)
    if m and "priority" in tv.columns:
        filters["priority"] = [m.group(1).upper()]
        used.add(m.group(1))
    for dim, index in tv.values.items():
        if dim == "priority" and "priority" in filters:
            continue
        matches = [x for x in index.match(terms, min_cover=1.0) if x.matched >= 1]
        if not matches:
            continue
        best = matches[0]
        if best.used and best.used <= skip_words and not _names_dimension(q, dim):
            continue  # "servicedesk" is the helpdesk itself unless the question names the field
        same = [x.label for x in matches if x.cover == best.cover and x.matched == best.matched]
        if dim == "status" and len(same) > 1:
            same = same[:1]
        filters.setdefault(dim, []).extend(same[:3])
        used |= set(best.used)
    # the exported priority text wins over the normalised letter when both name the same thing
    if "priority_source" in filters and "priority" in filters and not m:
        filters.pop("priority")
    return filters, used


def _grain_expr(grain: str, date_col: str) -> tuple[list[str], list[str]]:
    """(select expressions, column names) for a time grain."""
    d = f"t.{date_col}"
    if grain == "year":
        return [f"year({d})"], ["year"]
    if grain == "half":
        return [f"year({d})", f"case when month({d}) <= 6 then 1 else 2 end"], ["year", "half"]
    if grain == "quarter":
        return [f"year({d})", f"quarter({d})"], ["year", "quarter"]
    if grain == "month":
        return [f"year({d})", f"month({d})"], ["year", "month"]
    return [f"isoyear({d})", f"week({d})"], ["iso_year", "week"]


def read(q: Question, vocab, allow_daily: bool = True) -> Reading | Refusal | None:
    if not is_ticket_question(q, vocab):
        return None
    tv = vocab.data.tickets
    en = q.lang == "en"
    p = q.period
    closed = q.has(*CLOSED_CUES) and q.has(r"lukket i", r"lukka i", r"closed (?:in|during)", r"løst i",
                                         r"resolved (?:in|during)", r"ferdigmeldt i") and "closed_at" in tv.columns
    date_col = ("cast(closed_at as date)" if closed else "created_date")
    closed_known = "closed_at" in tv.columns and tv.has_closed_at
    if q.has(r"aldri lukk\w*", r"never closed", r"ikke lukket", r"ikkje lukka", r"not closed", r"åpne saker",
             r"opne saker", r"open tickets", r"still open", r"fortsatt åpne?", r"framleis opne?"):
        status_filter = ("t.closed_at is null" if closed_known else
                         "not coalesce(t.is_resolved, false)" if "is_resolved" in tv.columns else None)
    elif q.has(r"lukket", r"lukka", r"lukkede", r"closed") and not closed:
        status_filter = ("t.closed_at is not null" if closed_known else
                         "coalesce(t.is_resolved, false)" if "is_resolved" in tv.columns else None)
    else:
        status_filter = None

    # what the question names
    dim, dim_col, _ = _dimension_asked(q, tv)
    if dim is not None:
        held = tv.organisations if dim_col == "organisation_key" else len(tv.raw_values.get(dim_col, ()))
        if held < 2:  # a breakdown by a field the exports do not fill
            return Refusal(NAME, "unanswerable",
                           (f"The ticket exports do not record {dim} (they hold " + _fields(tv, en) + ")." if en else
                            f"Saksdataene har ikke {dim} (de har " + _fields(tv, en) + ")."),
                           interpretation=("number of tickets by " if en else "antall saker fordelt på ") + dim)
    from app.engine.planner import find_organisations

    organisation_keys = [k for k in find_organisations(q.text, vocab.organisations)]
    dim_words = {stem(w) for d, (cues, _) in DIMENSIONS.items() for w in
                 ["prioritet", "prioriteten", "prioritetene", "priority", "priorities", "status", "statusen",
                  "kategori", "kategorien", "category", "categories", "kanal", "channel", "kommune", "kommunene",
                  "kunde", "kunder", "customer", "customers", "filial", "municipality", "municipalities",
                  "organisasjon", "organisation", "operatørgruppe", "operatørgruppen", "gruppe", "group",
                  "assignment", "team", "kildesystem", "system"]}
    filters, used = _value_filters(q, tv, dim_words | GENERIC)
    if organisation_keys:
        filters.pop("customer_name", None)

    # years: explicit, else every year the exports hold
    asked_years = list(p.years)
    if not asked_years and p.last_years and tv.last:
        asked_years = list(range(tv.last.year - p.last_years + 1, tv.last.year + 1))
        p.years = asked_years
        if len(asked_years) > 1 and p.grain is None:
            p.grain = "year"
    ranges = p.ranges() if asked_years else []
    if (p.months or p.quarters or p.weeks or p.halves) and not asked_years:
        years = tv.years
        if len(years) == 1:
            asked_years = years
            ranges = p.ranges(years)
        elif q.context and q.context.get("period_years"):
            asked_years = list(q.context["period_years"])
            ranges = p.ranges(asked_years)
        else:
            what = p.describe(q.lang)
            return Refusal(NAME, "clarify",
                           (f"Which year do you mean for {what}? The ticket exports cover "
                            f"{span(tv, True)}." if en else
                            f"Hvilket år mener du for {what}? Saksdataene dekker {span(tv, False)}."),
                           suggestions=[f"{q.raw.rstrip('?')} {y}" for y in years[-3:]])
    if ranges and not any(tv.covers(a, b) for a, b in ranges):
        return Refusal(NAME, "unanswerable", final=False, answer=(
                       f"The ticket exports do not cover {p.describe(q.lang)}; they cover "
                        f"{span(tv, True)}." if en else
                        f"Saksdataene dekker ikke {p.describe(q.lang)}; de dekker {span(tv, False)}."),
                       interpretation=_interpret(q, filters, organisation_keys, None, None, vocab))

    # words not placed anywhere: a field the exports lack ("alvorlighetsgrad", "satisfaction")
    known_stems = GENERIC | dim_words | used | {stem(w) for w in p.words for w in words(w)}
    if status_filter or closed:
        known_stems |= CLOSED_STEMS
    org_words = {stem(w) for k in organisation_keys for w in words(vocab.organisation_names.get(k, k))}
    for name, key in vocab.organisations.items():
        if key in organisation_keys:
            org_words |= {stem(w) for w in words(name)}
    known_stems |= org_words | {stem(x) for x in tv.id_prefixes}
    leftover = []
    for w in words(q.text):
        if w.isdigit() or len(w) < 3:
            continue
        s = stem(w)
        if s in known_stems or w in known_stems:
            continue
        if any(s.startswith(k) and len(k) >= 4 for k in known_stems) or any(k.startswith(s) and len(s) >= 4 for k in
                                                                               known_stems):
            continue
        from app.engine.wordforms import STOPWORDS
        if w in STOPWORDS:
            continue
        leftover.append(w)
    if leftover:
        # words the report measures know ("saksmengden", "snittet", "change") leave the question to them
        from app.engine.interpret import known_to_planner

        return Refusal(NAME, "unanswerable", final=not known_to_planner(leftover, vocab),
                       answer=(f"The ticket exports have nothing I can match to «{' '.join(leftover)}». They hold "
                        + _fields(tv, en) + "." if en else
                        f"Saksdataene har ingenting jeg kan knytte til «{' '.join(leftover)}». De har "
                        + _fields(tv, en) + "."),
                       interpretation=_interpret(q, filters, organisation_keys, None, None, vocab))

    where = ["true"]
    if ranges:
        where.append("(" + " or ".join(f"{date_col} between date '{a}' and date '{b}'" for a, b in ranges) + ")")
    for col, values in filters.items():
        where.append(in_list(f"t.{col}", values))
    if organisation_keys:
        where.append(in_list("t.organisation_key", organisation_keys))
    if status_filter:
        where.append(status_filter)

    rank_high, rank_low = q.has(*RANK_HIGH), q.has(*RANK_LOW)
    grain = p.grain
    if grain in (None,) and dim is None and (rank_high or rank_low) and len(p.years) != 1:
        grain = None
    if grain is None and not dim and len(asked_years) > 1 and not (p.months or p.quarters or p.weeks or p.halves):
        grain = "year"
    group_exprs, group_cols = ([], [])
    if grain:
        group_exprs, group_cols = _grain_expr(grain, date_col if not closed else "closed_at")
        group_exprs = [e.replace("t.created_date", "t.created_date") for e in group_exprs]
    join = ""
    if dim:
        if dim_col == "organisation_key":
            join = "left join dim_organisation as o on o.organisation_key = t.organisation_key\n"
            group_exprs.append("coalesce(o.organisation_name, t.organisation_key)")
        else:
            group_exprs.append(f"t.{dim_col}")
        group_cols.append(dim)
    select = [f"{e} as {c}" for e, c in zip(group_exprs, group_cols)] + ["count(*) as tickets"]
    order = ", ".join(group_cols) if group_cols else "1"
    limit = ""
    if group_cols and (rank_high or rank_low):
        order = f"tickets {'asc' if rank_low and not rank_high else 'desc'}"
        n = number_word(q.text, default=1 if q.has(r"hvilke[nt]?", r"which", r"kva") else None)
        if n:
            limit = f"\nlimit {n}"
    elif dim and not grain:
        order = "tickets desc"
    table = "fct_ticket"
    if allow_daily and tv.daily and not filters and not status_filter and not closed and dim in (None, "customer"):
        # counts by day and customer only: the daily mart answers the same, a few thousand times smaller
        table = "fct_ticket_daily"
        where = [w.replace("created_date between", "t.date_day between") for w in where]
        group_exprs = [e.replace("t.created_date", "t.date_day") for e in group_exprs]
        select = [f"{e} as {c}" for e, c in zip(group_exprs, group_cols)] + ["cast(sum(t.ticket_count) as bigint) as tickets"]
    sql = (f"select {', '.join(select)}\nfrom {table} as t\n{join}where " + "\n  and ".join(where)
           + (f"\ngroup by {', '.join(str(i + 1) for i in range(len(group_cols)))}" if group_cols else "")
           + f"\norder by {order}{limit}")
    interpretation = _interpret(q, filters, organisation_keys, grain, dim, vocab, closed=closed,
                                status_filter=status_filter)
    # the exports cover only part of the period asked, or no period was asked and report figures
    # cover other years: the engine tries the report figures first
    partial = bool(ranges) and not all(tv.first <= a and b <= tv.last for a, b in ranges)
    if not ranges and not filters and not dim and not status_filter:
        report_years = {y for m in ("cases", "ab_incidents") for ys in getattr(vocab, "coverage", {}).get(m, {}).values()
                        for y in ys}
        partial = bool(report_years - set(tv.years))
    source = f"saksdataene ({table})" if not en else f"the ticket exports ({table})"
    return Reading(NAME, source, sql, interpretation, sentence=_sentence(interpretation),
                   chart=_chart(group_cols), empty_reason=("No tickets match." if en else "Ingen saker passer."),
                   partial=partial)


MONTH_NAMES = (("januar", "January"), ("februar", "February"), ("mars", "March"), ("april", "April"), ("mai", "May"),
               ("juni", "June"), ("juli", "July"), ("august", "August"), ("september", "September"),
               ("oktober", "October"), ("november", "November"), ("desember", "December"))


def span(tv, en: bool) -> str:
    """The months the exports cover, in words ("juli–september 2021"): no figures that are not in rows."""
    a = MONTH_NAMES[tv.first.month - 1][en]
    b = MONTH_NAMES[tv.last.month - 1][en]
    if tv.first.year == tv.last.year:
        return f"{a}–{b} {tv.last.year}" if a != b else f"{a} {tv.last.year}"
    return f"{a} {tv.first.year}–{b} {tv.last.year}"


def _fields(tv, en: bool) -> str:
    names = {"category": ("kategori", "category"), "subcategory": ("underkategori", "subcategory"),
             "priority_source": ("prioritet", "priority"), "status": ("status", "status"),
             "channel": ("kanal", "channel"), "assignment_group": ("operatørgruppe", "assignment group"),
             "source_system": ("kildesystem", "source system"), "customer_name": ("kunde", "customer")}
    have = [names[d][1 if en else 0] for d in tv.values if d in names]
    period = span(tv, en) if tv.first else ""
    return (", ".join(have) + (f" for {period}" if period else "")) if have else period


def _interpret(q, filters, orgs, grain, dim, vocab, closed=False, status_filter=None) -> str:
    en = q.lang == "en"
    bits = ["number of tickets" if en else "antall saker"]
    if status_filter and (status_filter.startswith("not ") or status_filter.endswith(" is null")):
        bits.append("not closed" if en else "ikke lukket")
    elif status_filter:
        bits.append("closed" if en else "lukket")
    for col, values in filters.items():
        bits.append(f"{col.replace('_source', '').replace('_', ' ')} = {', '.join(values)}")
    if orgs:
        bits.append(", ".join(vocab.organisation_names.get(k, k) for k in orgs))
    period = q.period.describe(q.lang)
    if period:
        bits.append(("closed in " if closed else "") + period if en else ("lukket i " if closed else "") + period)
    grain_names = {"year": ("per år", "per year"), "half": ("per halvår", "per half-year"),
                   "quarter": ("per kvartal", "per quarter"), "month": ("per måned", "per month"),
                   "week": ("per ISO-uke", "per ISO week")}
    if grain:
        bits.append(grain_names[grain][en])
    if dim:
        bits.append(("by " if en else "fordelt på ") + dim)
    return ", ".join(bits)


def _label(columns, row) -> str:
    parts = []
    for c, v in zip(columns, row):
        if c == "tickets":
            continue
        if c == "quarter":
            parts.append(f"Q{v}")
        elif c == "half":
            parts.append(f"H{v}")
        elif c == "week":
            parts.append(f"uke {v}")
        elif c == "month":
            parts.append(f"{int(v):02d}")
        else:
            parts.append(str(v))
    if "month" in columns and "year" in columns:
        y, m = row[columns.index("year")], row[columns.index("month")]
        rest = [str(v) for c, v in zip(columns, row) if c not in ("year", "month", "tickets")]
        return " ".join([f"{y}-{int(m):02d}", *rest])
    return " ".join(parts)


def _sentence(interpretation: str):
    def sentence(columns, rows, lang) -> str:
        en = lang == "en"
        n = columns.index("tickets")
        if len(rows) == 1 and len(columns) == 1:
            return (f"{format_number(rows[0][n])} tickets ({interpretation})." if en else
                    f"{format_number(rows[0][n])} saker ({interpretation}).")
        shown = "; ".join(f"{_label(columns, r)}: {format_number(r[n])}" for r in rows[:24])
        more = (f" … ({len(rows)} rows in all)" if en else f" … ({len(rows)} rader i alt)") if len(rows) > 24 else ""
        tail = ""
        return (f"Tickets ({interpretation}): " if en else f"Saker ({interpretation}): ") + shown + more + "." + tail
    return sentence


def _chart(group_cols):
    def chart(columns, rows):
        if len(rows) < 2 or not group_cols:
            return None
        x = group_cols[-1]
        time = x in ("year", "quarter", "month", "week", "half")
        return {"kind": "line" if time and len(rows) > 4 else "bar", "x": x, "y": "tickets",
                **({"color": "year"} if time and x != "year" and "year" in columns else {})}
    return chart
