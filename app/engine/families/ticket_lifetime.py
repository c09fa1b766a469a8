"""A ticket's lifetime in an event log: the time from its first event to its last ("median levetid", "gjennomløpstid",
"average time from the first to the last event", "90-persentilen for tida frå første til siste hending"), as a median,
mean or percentile, in days (hours when asked), over every ticket of the log or the tickets that went through an
activity named as exported or by its words ("saker som har vært gjennom 'Wait'", "tickets that required an upgrade").

The lifetime is the last event's time less the first event's (fct_ticket_event), never the time to the first event of
an activity (ticket_events answers that). An activity the question names that the log does not have is refused,
saying which activities it has. Periods are the ticket's created date, like every ticket count.
"""
from __future__ import annotations

import re

from app.engine.families import ticket_events, tickets
from app.engine.families.base import Question, Reading, Refusal, in_list
from app.engine.families.resolution import _statistic
from app.engine.format import format_number
from app.engine.wordforms import stem, words

NAME = "ticket_lifetime"

# the span of a ticket: its lifetime, throughput or cycle time, its duration, first event to last
LIFETIME = (r"levetid\w*", r"lifetime\w*", r"life ?time", r"life ?span", r"lifespan", r"levealder\w*",
            r"gjennomløpstid\w*", r"gjennomlaupstid\w*", r"throughput time", r"cycle time", r"syklustid\w*",
            r"case duration", r"ticket duration", r"saksvarighet\w*", r"total varighet\w*", r"total duration",
            r"varighet\w*", r"varigheit\w*", r"duration",
            r"(?:fra|frå|from) (?:den |the )?(?:første|fyrste|first) (?:hendelse\w*|hending\w*|event\w*|steg\w*|step\w*|"
            r"aktivitet\w*|activit\w*)?\s*(?:til|to|until) (?:den |the )?(?:siste|last|final)",
            r"(?:første|fyrste|first) (?:og|and) (?:siste|last) (?:hendelse\w*|hending\w*|event\w*)")
# "saker som har vært gjennom Wait", "tickets that went through": the tickets measured are those with the activity
THROUGH = (r"gjennom", r"through", r"via", r"innom", r"with", r"med", r"had", r"hadde", r"har hatt", r"fikk", r"fekk",
           r"required?", r"krevde", r"kravde")
NEVER = (r"aldri", r"never", r"without", r"uten", r"utan", r"not", r"ikke", r"ikkje")
HOURS = (r"timer", r"timar", r"hours?")
KNOWN = {stem(w) for w in """levetid levetida levetiden lifetime lifetimes life time span lifespan levealder
gjennomløpstid gjennomløpstida gjennomløpstiden gjennomlaupstid throughput cycle syklustid case duration ticket
saksvarighet varighet varigheten varigheit total duration fra frå from første fyrste first til to until siste last
final og and hendelse hendelsen hendelser hendelsene hending hendinga hendingar event events steg step steps aktivitet
aktiviteten activity median gjennomsnitt gjennomsnittlig gjennomsnittleg snitt average mean persentil persentilen
percentile p90 p75 p50 th tid tida tiden time dager dagar days day døgn timer timar hours hour hvor kor how long lang
lenge lasts last varer varte varar tar takes took took a sak saka saken saker sakene ticket tickets case cases issue
issues er is are var was were blir ble vart for of in i over som that which who har hatt has have had gjennom through
via innom with med hadde fikk fekk got gone went gått gått vore vært been passed passert required require krevde
kravde each hver kvar en ein ett eitt an the den det de dei alle all every what kva hva hvilken hvilket which
levd mer meir more than enn over longer lenger lengre minst least at under less mindre shorter kortere kortare
within innen innan uker uke veker veke weeks week andel share prosent percent proportion del stor large""".split()}
# "mer enn 45 dagar", "at least 2 weeks", "under 30 days": a bound on the lifetime; the tickets beyond it are counted
THRESHOLD = re.compile(r"(?<!\w)(mer enn|meir enn|more than|over|longer than|lenger enn|lengre enn|minst|at least|"
                       r"under|less than|mindre enn|shorter than|kortere enn|kortare enn|within|innen|innan)\s+"
                       r"(\d+(?:[.,]\d+)?)\s+(dager|dagar|days?|døgn|timer|timar|hours?|uker|uke|veker|veke|weeks?)(?!\w)")


def read(q: Question, vocab) -> Reading | Refusal | None:
    tv = vocab.data.tickets if vocab.data else None
    if tv is None or not tv.events or "fct_ticket_event" not in vocab.tables:
        return None
    if not q.has(*LIFETIME):
        return None
    en = q.lang == "en"
    chosen, source_words = tickets.selected_sources(q, tv)
    logs = [s for s in chosen if s.events] or [s for s in tv.sources if s.events]
    if not logs or (chosen != tv.sources and not any(s.events for s in chosen)):
        return None
    stat, fraction = _statistic(q)
    # the activities the measured tickets went through, named as exported or by their words
    quoted = ticket_events._quoted(q.raw)
    single = frozenset(a for a in tv.activities.labels if len(a.split()) == 1 and len(a) >= 4) if tv.activities \
        else frozenset()
    activities, used = ticket_events._named(q, tv.activities, quoted, strict=True, single=single)
    known = (tickets.GENERIC | KNOWN | used | source_words | {stem(w) for w in q.period.words for w in words(w)}
             | {stem(x) for x in tv.id_prefixes} | ticket_events.TIME_STEMS)
    leftover = tickets.leftover_words(q, known)
    if leftover and not activities:
        names = ", ".join(f"'{a}'" for a in tv.activities.labels[:20]) if tv.activities else "–"
        files = ", ".join(f"«{f}»" for s in logs for f in s.files)
        return Refusal(NAME, "unanswerable",
                       (f"{files} has no activity I can match to «{' '.join(leftover)}», so I cannot measure the "
                        f"lifetime of those tickets. Its activities are: {names}." if en else
                        f"{files} har ingen aktivitet jeg kan knytte til «{' '.join(leftover)}», så levetiden for de "
                        f"sakene kan ikke måles. Aktivitetene er: {names}."),
                       interpretation=("ticket lifetime, first to last event" if en else
                                       "sakens levetid, første til siste hendelse"))
    if leftover:
        return None  # words this reading would leave out
    never = bool(activities) and q.has(*NEVER)
    where = [in_list("e.source_system", [s.system for s in logs])]
    p = q.period
    if (p.months or p.quarters or p.weeks or p.halves) and not p.years:
        return None  # the ticket counts family asks which year
    created = ""
    if p.years:
        created = "\nwhere " + tickets.in_ranges("spans.created_date", p.ranges())
    having = ""
    if activities:
        having = (f"\n  having count(case when {in_list('e.activity', activities)} then 1 end) "
                  + ("= 0" if never else "> 0"))
    bound = THRESHOLD.search(q.text)
    if bound:
        return _beyond(q, logs, where, having, created, bound, activities, never, en)
    unit, factor = ("hours", " * 24.0") if q.has(*HOURS) else ("days", "")
    call = f"quantile_cont(spans.days{factor}, {fraction})" if fraction is not None else f"{stat}(spans.days{factor})"
    name = f"{stat}_{unit}"
    sql = (f"select round(cast({call} as numeric), 2) as {name}, count(*) as tickets_measured,\n"
           f"  round(cast(min(spans.days{factor}) as numeric), 2) as shortest_{unit}, "
           f"round(cast(max(spans.days{factor}) as numeric), 2) as longest_{unit}\n"
           "from (\n  select e.ticket_key, min(e.created_date) as created_date,\n"
           "    max(e.days_since_created) - min(e.days_since_created) as days\n"
           "  from fct_ticket_event as e\n  where " + "\n    and ".join(where) + "\n  group by e.ticket_key"
           + having + "\n) as spans" + created)
    stat_w = ("median" if stat == "median" else ("mean" if en else "gjennomsnittlig") if stat == "avg" else
              (f"{stat[1:]}th percentile" if en else f"{stat[1:]}-persentil"))
    unit_w = unit if en else {"days": "dager", "hours": "timer"}[unit]
    names = (" or " if en else " eller ").join(f"'{a}'" for a in activities)
    interp = (f"{stat_w} ticket lifetime, first event to last ({unit_w})" if en else
              f"{stat_w} levetid for en sak, første til siste hendelse ({unit_w})")
    if activities:
        interp += ((f", tickets that never had {names}" if never else f", tickets that went through {names}") if en
                   else (f", saker som aldri hadde {names}" if never else f", saker som har vært gjennom {names}"))
    period = p.describe(q.lang)
    if period:
        interp += f", {('created ' if en else 'opprettet ')}{period}"

    def sentence(columns, rows, lang):
        r = rows[0]
        if lang == "en":
            return (f"{interp}: {format_number(r[0])} ({format_number(r[1])} tickets; from "
                    f"{format_number(r[2])} to {format_number(r[3])} {unit_w}).")
        return (f"{interp}: {format_number(r[0])} ({format_number(r[1])} saker; fra {format_number(r[2])} til "
                f"{format_number(r[3])} {unit_w}).")
    return Reading(NAME, tickets.source_label(logs, en, "fct_ticket_event"), sql, interp, sentence=sentence,
                   empty_reason=("No tickets match." if en else "Ingen saker passer."))


def _beyond(q: Question, logs, where, having, created, bound, activities, never, en: bool) -> Reading:
    """The tickets whose lifetime is beyond (or within) a bound, of all the tickets measured."""
    word, number, unit = bound.groups()
    n = float(number.replace(",", "."))
    days = n / 24 if unit.startswith(("time", "timar", "hour")) else n * 7 if unit.startswith(("uke", "veke", "week")) \
        else n
    op = (">=" if word in ("minst", "at least") else "<=" if word in ("within", "innen", "innan") else
          "<" if word in ("under", "less than", "mindre enn", "shorter than", "kortere enn", "kortare enn") else ">")
    sql = (f"select count(case when spans.days {op} {days} then 1 end) as tickets, count(*) as tickets_all,\n"
           f"  round(100.0 * count(case when spans.days {op} {days} then 1 end) / nullif(count(*), 0), 1) as share_pct\n"
           "from (\n  select e.ticket_key, min(e.created_date) as created_date,\n"
           "    max(e.days_since_created) - min(e.days_since_created) as days\n"
           "  from fct_ticket_event as e\n  where " + "\n    and ".join(where) + "\n  group by e.ticket_key"
           + having + "\n) as spans" + created)
    op_w = {">": ("more than", "mer enn"), ">=": ("at least", "minst"), "<": ("less than", "mindre enn"),
            "<=": ("at most", "høyst")}[op][0 if en else 1]
    interp = (f"tickets whose lifetime (first event to last) is {op_w} {number} {unit}" if en else
              f"saker med levetid (første til siste hendelse) {op_w} {number} {unit}")
    names = (" or " if en else " eller ").join(f"'{a}'" for a in activities)
    if activities:
        interp += ((f", of the tickets that never had {names}" if never else f", of the tickets that went through {names}")
                   if en else (f", av sakene som aldri hadde {names}" if never else
                               f", av sakene som har vært gjennom {names}"))
    period = q.period.describe(q.lang)
    if period:
        interp += f", {('created ' if en else 'opprettet ')}{period}"

    def sentence(columns, rows, lang):
        k, total, pct = rows[0]
        return (f"{format_number(k)} tickets ({interp}; {format_number(pct, 1)} % of {format_number(total)})." if lang == "en"
                else f"{format_number(k)} saker ({interp}; {format_number(pct, 1)} % av {format_number(total)}).")
    return Reading(NAME, tickets.source_label(logs, en, "fct_ticket_event"), sql, interp, sentence=sentence)
