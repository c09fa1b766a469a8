"""Two or three ticket measures in one question: how many tickets were created, resolved and closed in a period
("how many tickets were created and how many closed in March 2023", "opprettet og løst per kvartal", "resolved and
closed in 2012"), one row per period of the grain asked and their total.

A ticket counts as created on its created date, as resolved on its FIRST resolving (an event log: the first event
whose activity puts it in the resolved state; an export: its resolved time) and as closed on its FINAL closing (the
last closing event; an export: its closed time). Each measure is placed in the period by its own date. A measure the
exports do not date (no resolved time, no resolving activity) is refused, never left out or swapped.
"""
from __future__ import annotations

import re

from app.engine.families import tickets
from app.engine.families.base import Question, Reading, Refusal, in_list
from app.engine.families.ticket_events import FIRST_RESOLUTION, OPEN_STATES
from app.engine.format import format_number
from app.engine.wordforms import stem, words

NAME = "ticket_flows"

# measure -> (cues, bokmål word, English word); the words are the sentence's
MEASURES = {
    "created": ((r"opprett\w*", r"created?", r"opened", r"nye", r"new", r"registrert\w*", r"registered",
                 r"innkomne", r"kom inn", r"came in", r"received", r"mottatt\w*", r"meldt inn", r"innmeldt\w*",
                 r"oppretta"), "opprettet", "created"),
    "resolved": ((r"løst\w*", r"løyst\w*", r"løste", r"resolved?", r"solved", r"ferdigmeldt\w*"), "løst", "resolved"),
    "closed": ((r"lukket", r"lukka", r"lukkede", r"lukte", r"closed?", r"avsluttet", r"avslutta"), "lukket", "closed"),
}
# words that make it another question: a time to resolve, a share within a time, a state never reached
OTHER_QUESTION = (r"median\w*", r"gjennomsnitt\w*", r"snitt\w*", r"average", r"mean", r"innen", r"innan", r"within",
                  r"andel\w*", r"share", r"prosent\w*", r"percent\w*", r"aldri", r"never", r"ikke", r"ikkje", r"not",
                  r"men", r"but", r"uten", r"without", r"tid", r"time", r"hours?", r"timer", r"dager", r"days?",
                  r"how long", r"hvor lang\w*", r"kor lang\w*", r"fortsatt", r"still", r"framleis", r"åpne?", r"open",
                  r"backlog\w*", r"restanse\w*", r"gjenåpn\w*", r"reopen\w*", r"hvem", r"who", r"kven",
                  r"ressurs\w*", r"resources?", r"which", r"hvilke\w*", r"kva")
JOINED = (r"og", r"and", r"vs\.?", r"versus", r"mot", r"against", r"compared", r"sammenlignet", r"samanlikna",
          r"kontra", r"samt", r"også", r"both", r"både")
FLOW_STEMS = {stem(w) for w in """opprettet oppretta opprettede created create opened new nye ny registrert registrerte
registered innkomne received mottatt mottatte innmeldt innmeldte løst løste løyst løyste resolved resolve solved
ferdigmeldt ferdigmeldte lukket lukka lukkede lukte closed close avsluttet avslutta inn kom came meldt og and vs versus
mot against compared sammenlignet samanlikna kontra hvor kor how mange many antall tal talet number ble vart were was
been have has har er are is dem dei them those these disse desse hvorav siden sidan since now nå no
totalt total sum summen til sammen saman i alt in all with med samt også also både both""".split()}
TOTAL_ROW = ("til sammen", "in all")
COHORT = (r"av (?:dem|dei|disse|desse|de)", r"of (?:them|those|these)", r"hvorav", r"kor av", r"whereof")


def measures_named(q: Question) -> list[str]:
    """The measures the question names, in the order of the table (created, resolved, closed)."""
    return [m for m, (cues, _, _) in MEASURES.items() if q.has(*cues)]


def _states(tv, state: str) -> list[str]:
    """The event-log activities that put a ticket in a state, the ticket's own first ("Resolve ticket")."""
    acts = [a for a, st in (getattr(tv, "activity_states", {}) or {}).items() if st == state]
    own = [a for a in acts if re.search(r"(?<!\w)(?:ticket|tickets|sak\w*|case|issue|incident)(?!\w)", a, re.I)]
    return own or acts


BUT_NOT = (r"(?:men|but|and|og) (?:\w+ ){0,3}(?:ikke|ikkje|not|never|aldri|uten|utan|without)",
           r"(?:ikke|ikkje|not|never|aldri) (?:\w+ ){0,2}(?:lukket|lukka|closed)", r"uten (?:å bli )?lukk\w*",
           r"without (?:being )?clos\w*")
# the negation over both ("ikke løst eller lukket", "verken løyste eller lukka", "not resolved or closed"): open tickets,
# not those resolved but not closed
NEITHER = (r"(?:ikke|ikkje|not|verken|neither|hverken) (?:\w+ )?(?:løst|løyst|resolved|solved)\w* (?:eller|or|nor) "
           r"(?:\w+ )?(?:lukk|clos)\w*",)
BUT_NOT_STEMS = {stem(w) for w in "men but ikke ikkje not never aldri yet ennå enno uten utan without being bli still "
                 "fortsatt framleis".split()}


def _log_words(q: Question) -> set[str]:
    """"i hendingsloggen", "in the export": words naming the exports themselves."""
    cue = re.compile(r"(?:" + "|".join(tickets.EVENT_LOG_CUES + tickets.EXPORT_CUES) + r")")
    return {stem(w) for w in words(q.text) if cue.fullmatch(w)}


def _resolved_not_closed(q: Question, vocab, tv) -> Reading | None:
    """"løst men ikke lukket", "Resolved but not yet Closed": tickets resolved that no closing has followed (an event
    log: a resolving activity and no closing one; an export: its status is the resolved one)."""
    en = q.lang == "en"
    chosen, source_words = tickets.selected_sources(q, tv)
    filters, used = tickets._value_filters(q, tv, tickets.DIM_WORDS | tickets.GENERIC | source_words)
    for col in ("status", "status_source"):
        filters.pop(col, None)
    known = (tickets.GENERIC | FLOW_STEMS | BUT_NOT_STEMS | used | source_words | {stem(x) for x in tv.id_prefixes}
             | {stem(w) for w in q.period.words for w in words(w)} | _log_words(q))
    if tickets.leftover_words(q, known) or filters:
        return None
    logs = [s.system for s in chosen if s.events and "fct_ticket_event" in vocab.tables]
    flat = [s.system for s in chosen if s.system not in logs]
    resolving, closing = _states(tv, "resolved"), _states(tv, "closed")
    parts = []
    if logs and resolving and closing:
        parts.append(f"({in_list('t.source_system', logs)} and t.ticket_key in (select e.ticket_key from "
                     f"fct_ticket_event as e where {in_list('e.activity', resolving)}) and t.ticket_key not in (select "
                     f"e.ticket_key from fct_ticket_event as e where {in_list('e.activity', closing)}))")
    statuses = set(tv.raw_values.get("status", ()))
    if flat and {"resolved", "closed"} <= statuses:
        parts.append(f"({in_list('t.source_system', flat)} and t.status = 'resolved')")
    if not parts:
        return None
    where = ["(" + " or ".join(parts) + ")"]
    ranges = q.period.ranges() if q.period.years else []
    if ranges:
        where.append(tickets.in_ranges("t.created_date", ranges))
    both = len(parts) > 1  # an event log and an export: one figure each, never summed across them
    sql = (("select regexp_replace(t.source_file, '^.*[/\\\\]', '') as export, count(*) as tickets" if both else "select count(*) as tickets")
           + "\nfrom fct_ticket as t\nwhere " + "\n  and ".join(where) + ("\ngroup by 1\norder by 1" if both else ""))
    period = q.period.describe(q.lang)
    how = []
    if logs and resolving and closing:
        how.append("an event log: a resolving event and no closing one" if en else
                   "hendelseslogg: en løsningshendelse og ingen lukking")
    if len(parts) > len(how):
        how.append("an export: status resolved" if en else "eksport: status løst")
    interp = (("tickets resolved but not closed (" if en else "saker løst men ikke lukket (") + "; ".join(how) + ")"
              + (f", {('created ' if en else 'opprettet ')}{period}" if period else ""))
    used_sources = [s for s in chosen if s.system in logs or (s.system in flat and len(parts) > (1 if logs else 0))]
    label = tickets.source_label(used_sources, en, "fct_ticket")

    def sentence(columns, rows, lang):
        noun = "tickets" if lang == "en" else "saker"
        if both:
            return f"{interp}: " + "; ".join(f"«{r[0]}»: {format_number(r[1])} {noun}" for r in rows) + "."
        return f"{format_number(rows[0][0])} {noun} ({interp})."
    return Reading(NAME, label, sql, interp, sentence=sentence)


def read(q: Question, vocab) -> Reading | Refusal | None:
    tv = vocab.data.tickets if vocab.data else None
    if tv is None or not tv.rows:
        return None
    named = measures_named(q)
    # "opprettet og løst per kvartal": created beside resolved/closed is ticket language even without a ticket noun
    if not tickets.is_ticket_question(q, vocab) and not (len(named) >= 2 and set(named) & {"resolved", "closed"}):
        return None
    if named == ["resolved", "closed"] and q.has(*BUT_NOT) and not q.has(*NEITHER):
        return _resolved_not_closed(q, vocab, tv)
    # one state measure per period ("saker lukket per måned 2013"): placed by the closing date, not the created one
    single = len(named) == 1 and named[0] != "created" and q.period.grain is not None
    if not single and (len(named) < 2 or not (q.has(*JOINED) or re.search(r"\w[/&+]\w", q.text)) or q.has(*OTHER_QUESTION)):
        return None
    if q.has(*OTHER_QUESTION) or q.has(*tickets.RANK_HIGH, *tickets.RANK_LOW, *tickets.AVERAGE_CUES):
        return None
    en = q.lang == "en"
    p = q.period
    chosen, source_words = tickets.selected_sources(q, tv)
    dated = [s for s in chosen if not s.dateless]
    written = {t.lower() for i, t in enumerate(re.findall(r"[\wæøåÆØÅ][\w\-æøåÆØÅ]*", q.raw)) if i and t[:1].isupper()}
    statuses = {str(v).lower() for col in ("status_source", "status") for v in tv.raw_values.get(col, ())}
    if not dated or written & statuses:
        return None  # a dateless export, or statuses written as exported ("Closed vs Resolved"): counts by status
    logs = [s.system for s in dated if s.events and "fct_ticket_event" in vocab.tables]
    flat = [s.system for s in dated if s.system not in logs]
    # how each measure is dated, per kind of source
    exprs: dict[str, str] = {"created": "t.created_date"}
    missing = []
    for m, col, state, agg in (("resolved", "resolved_at", "resolved", "min"), ("closed", "closed_at", "closed", "max")):
        if m not in named:
            continue
        acts = _states(tv, state) if logs else []
        flat_ok = col in tv.columns and (tv.has_resolved_at if col == "resolved_at" else tv.has_closed_at)
        parts = []
        if logs and acts:
            parts.append(f"when {in_list('t.source_system', logs)} then ev.{m}_date")
        if flat and flat_ok:
            parts.append(f"when {in_list('t.source_system', flat)} then cast(t.{col} as date)")
        if not parts:
            missing.append(MEASURES[m][2 if en else 1])
            continue
        exprs[m] = "case " + " ".join(parts) + " end"
    if missing:
        files = ", ".join(f"«{f}»" for s in dated for f in s.files)
        return Refusal(NAME, "unanswerable",
                       (f"{files} records no time a ticket was {' or '.join(missing)}, so I cannot count them per "
                        f"period." if en else
                        f"{files} har ingen tid for når en sak ble {' eller '.join(missing)}, så de kan ikke telles "
                        f"per periode."),
                       interpretation=", ".join(MEASURES[m][2 if en else 1] for m in named))

    filters, used = tickets._value_filters(q, tv, tickets.DIM_WORDS | tickets.GENERIC | source_words)
    for col in ("status", "status_source"):  # "closed", "løst": the measures themselves, not a status filter
        filters.pop(col, None)
    if single and (filters or tickets._dimension_asked(q, tv)[0]):
        return None  # a breakdown or a filter beside one state: the ticket counts answer it
    known = (tickets.GENERIC | FLOW_STEMS | used | source_words | {stem(x) for x in tv.id_prefixes}
             | {stem(w) for w in p.words for w in words(w)})
    known |= _log_words(q)
    if tickets.leftover_words(q, known):
        return None  # words this reading would leave out: the other ticket families (or a refusal) answer it

    asked_years = list(p.years)
    if not asked_years and p.last_years and tv.last:
        asked_years = list(range(tv.last.year - p.last_years + 1, tv.last.year + 1))
        p.years = asked_years
    if (p.months or p.quarters or p.weeks or p.halves) and not asked_years:
        if len(tv.years) == 1:
            asked_years = list(tv.years)
        else:
            return None  # the ticket counts ask which year
    ranges = p.ranges(asked_years) if asked_years else []
    grain = p.grain
    if grain is None and len(asked_years) > 1 and not q.has(*tickets.SUM_CUES):
        grain = ("month" if len(p.months) > 1 else "quarter" if len(p.quarters) > 1 else "year")
    elif grain is None and not q.has(*tickets.SUM_CUES) and not p.month_span and not p.quarter_span:
        grain = ("quarter" if len(p.quarters) > 1 else "month" if len(p.months) > 1 else
                 "week" if len(p.weeks) > 1 else None)

    where = ["true"]
    systems = logs + flat
    if len(systems) < len(tv.sources):
        where.append(in_list("t.source_system", systems))
    negated = {col for col, values in filters.items() if any(q.has(
        r"(?:not|ikke|ikkje|except|excluding|unntatt|utenom)\s+(?:\w+\s+)?" + re.escape(v.lower())) for v in values)}
    where += [("not coalesce(" + in_list(f"t.{col}", values) + ", false)") if col in negated else
              in_list(f"t.{col}", values) for col, values in filters.items()]
    join = ""
    first_asked = q.has(*FIRST_RESOLUTION)
    if logs and any(m in exprs for m in ("resolved", "closed")):
        cols = []
        for m, state, agg in (("resolved", "resolved", "min"), ("closed", "closed", "max")):
            if m not in exprs:
                continue
            acts = in_list('e.activity', _states(tv, state))
            if m == "resolved" and not first_asked:
                # a reopened ticket is resolved on its last resolution, when no event after it opens it again (as
                # fct_ticket's resolved time and the backlog); reopened and not solved again: not resolved
                cols.append(f"case when max(e.event_seq) filter (where {acts}) > coalesce(max(e.event_seq) filter "
                            f"(where e.status in ({', '.join(repr(x) for x in OPEN_STATES)}) and not ({acts})), 0) "
                            f"then max(e.event_date) filter (where {acts}) end as {m}_date")
            else:
                cols.append(f"{agg}(e.event_date) filter (where {acts}) as {m}_date")
        join = ("left join (\n  select e.ticket_key, " + ", ".join(cols) + "\n  from fct_ticket_event as e\n  where "
                + in_list("e.source_system", logs) + "\n  group by e.ticket_key\n) as ev on ev.ticket_key = t.ticket_key\n")
    per_ticket = ("select t.ticket_key, " + ", ".join(f"{exprs[m]} as {m}_d" for m in named)
                  + f"\nfrom fct_ticket as t\n{join}where " + "\n  and ".join(where))
    dated_sql = "\n  union all\n  ".join(f"select '{m}' as measure, {m}_d as d from per_ticket" for m in named)
    group_exprs, group_cols = tickets._grain_expr(grain, "d") if grain else ([], [])
    group_exprs = [e.replace("t.d", "d") for e in group_exprs]
    range_cond = tickets.in_ranges("d", ranges) if ranges else "true"
    select = [f"{e} as {c}" for e, c in zip(group_exprs, group_cols)] + [
        f"count(*) filter (where measure = '{m}') as {m}" for m in named]
    sql = (f"with per_ticket as (\n{per_ticket}\n), dated as (\n  {dated_sql}\n)\nselect {', '.join(select)}\n"
           f"from dated\nwhere d is not null and {range_cond}")
    cohort = "created" in named and q.has(*COHORT)
    if cohort:
        # "opprettet i 2012, og hvor mange av dem er lukket": the tickets created in the period, and how many of
        # those have been resolved/closed since (at any time)
        c_exprs = [e.replace("(d)", "(created_d)") for e in group_exprs]
        select = [f"{e} as {c}" for e, c in zip(c_exprs, group_cols)] + [
            "count(*) as created"] + [f"count({m}_d) as {m}" for m in named if m != "created"]
        sql = (f"with per_ticket as (\n{per_ticket}\n)\nselect {', '.join(select)}\nfrom per_ticket\n"
               f"where created_d is not null and {range_cond.replace('d between', 'created_d between')}")
        group_exprs = c_exprs
    if group_cols:
        keys = ", ".join(group_exprs)
        sql += f"\ngroup by grouping sets (({keys}), ())\norder by {', '.join(str(i + 1) for i in range(len(group_cols)))}" \
               f" nulls last"

    lang_i = 2 if en else 1
    what = (" and " if en else " og ").join(MEASURES[m][lang_i] for m in named)
    bits = [("tickets " if en else "saker ") + what]
    for col, values in filters.items():
        bits.append(f"{tickets.field_label(col, q.lang == 'en')} {'≠' if col in negated else '='} "
                    f"{', '.join(values)}")
    period = p.describe(q.lang)
    if period:
        bits.append(period)
    if grain:
        bits.append(tickets._interpret(q, {}, [], grain, None, vocab).rsplit(", ", 1)[-1])
    rule = [(("first resolving" if en else "første løsning") if first_asked else
             ("last resolving (a reopened ticket when solved again)" if en else
              "siste løsning (en gjenåpnet sak når den er løst igjen)")) if "resolved" in named else "",
            ("final closing" if en else "siste lukking") if "closed" in named else ""]
    if cohort:
        bits.append("of the tickets created in the period, those resolved or closed since" if en else
                    "av sakene opprettet i perioden, de som er løst eller lukket siden")
    else:
        bits.append(("each in the period of its own date: " if en else "hver i perioden for sin egen dato: ")
                    + ", ".join(r for r in rule if r))
    interp = ", ".join(bits)
    label = tickets.source_label(dated, en, "fct_ticket" + (", fct_ticket_event" if join else ""))

    def sentence(columns, rows, lang):
        e = lang == "en"
        k = len(columns) - len(named)

        def figures(r):
            return ", ".join(f"{format_number(r[k + i])} {MEASURES[m][2 if e else 1]}" for i, m in enumerate(named))
        if not group_cols:
            return f"{figures(rows[0])} ({interp})." if e else f"{figures(rows[0])} ({interp})."
        shown = []
        for r in rows:
            if all(v is None for v in r[:k]):
                shown.append(f"{TOTAL_ROW[1 if e else 0]}: {figures(r)}")
            else:
                shown.append(f"{tickets._label(columns[:k] + ['tickets'], list(r[:k]) + [0], e)}: {figures(r)}")
        return (f"Tickets ({interp}): " if e else f"Saker ({interp}): ") + "; ".join(shown) + "."

    def chart(columns, rows):
        rows = [r for r in rows if r[0] is not None]
        if len(rows) < 2 or not group_cols:
            return None
        return {"kind": "bar", "x": group_cols[-1], "y": named[0]}

    return Reading(NAME, label, sql, interp, sentence=sentence, chart=chart,
                   empty_reason=("No tickets match." if en else "Ingen saker passer."))
