"""Resolution time and first response from the ticket exports: median (or mean) hours/days/minutes
from registration to resolution or to first response, for a period, priority, customer …, the same
filters as ticket counts."""
from __future__ import annotations

import re

from app.engine.families import tickets
from app.engine.families.base import Question, Reading, Refusal
from app.engine.format import format_number

NAME = "resolution_time"
# the time to the first response, by its names ("første svartid", "time to first reply" as well as "responstid")
FIRST_RESPONSE = (r"first response", r"første respons\w*", r"fyrste respons\w*", r"responstid\w*", r"response time",
                  r"første svar\w*", r"fyrste svar\w*", r"första svar\w*", r"first (?:reply|replies|answer)\w*")
# "gjennomløpstid", "lead time": the time from a ticket's creation to its end, the resolution time
LEAD_TIME = (r"gjennomløpstid\w*", r"gjennomlaupstid\w*", r"lead times?")
CUES = (*LEAD_TIME, r"løsningstid\w*", r"løysingstid\w*", r"resolution time\w*", r"time to resolv\w*", r"tid fra\b.*\btil",
        r"tid frå\b.*\btil", r"from creation to", r"days from", r"dager fra", *FIRST_RESPONSE, r"mediantid\w*", r"median", r"behandlingstid\w*",
        r"handling time", r"how long", r"hvor lang tid", r"kor lang tid", r"kor lang var")


# the first of several closings ("first closure", "første lukking", "fyrste gong ho vart lukka")
FIRST_CLOSING = (r"first (?:closure|closing|close|closed)", r"(?:første|fyrste) (?:lukking\w*|gang\w* \w+ lukk\w*|"
                 r"gong\w* \w+ \w* ?lukk\w*)", r"først lukket", r"closed (?:for )?the first time",
                 r"lukket (?:for )?første gang", r"lukka (?:for )?fyrste gong")
# the resolution time named as one word: the measure itself, not the resolved time ("løsningstid" holds "løs")
RESOLUTION_TIME = (r"(?<!\w)(?:løsningstid\w*|løysingstid\w*|resolution times?|resolution hours|gjennomløpstid\w*|"
                   r"gjennomlaupstid\w*|lead times?)(?!\w)")


# "from opened until closed", "frå registrert til fyrste respons": two moments of a ticket's life
LIFE_SPAN = (r"(?:fra|frå|from)\s+(?:\w+\s+){0,4}?(?:opened|opening|åpnet|åpna|opna|opnet|oppretta|opprettet|opprettelse\w*|"
             r"created|creation|logged|logging|registrert|registered|registrering\w*|innmeldt|reported|submitted)\s+"
             r"(?:\w+\s+){0,4}?(?:til|to|until|till)\s+(?:\w+\s+){0,3}?(?:closed|closing|lukket|lukka|lukking\w*|"
             r"resolved|resolution|løst|løyst|ferdigmeldt|first|første|fyrste)",)
# "kor mange dagar tok det å løyse", "how many days did it take to resolve": the time a resolution took
TOOK_TO_RESOLVE = (r"(?:tok|tar|took|take|takes|taken)\s+(?:\w+\s+){0,5}?(?:å|to)\s+(?:løse|løyse|resolve|solve|fix)\w*",)
CUES = CUES + TOOK_TO_RESOLVE
STRONG = LIFE_SPAN + LEAD_TIME + TOOK_TO_RESOLVE + (*FIRST_RESPONSE, r"løsningstid\w*", r"løysingstid\w*", r"resolution time\w*", r"response time\w*",
          r"behandlingstid\w*", r"handling time")


# a time measured over tickets: a statistic of durations, or the tickets named
TIME_OF_TICKETS = (r"median\w*", r"mean", r"average", r"gjennomsnitt\w*", r"snitt\w*", r"tickets?", r"saker\w*",
                   r"saken\w*", r"sakene", r"cases?", r"incidents?", r"hours?", r"timer", r"timar", r"minutes?",
                   r"minutt\w*", r"dager", r"dagar", r"days?")


def read(q: Question, vocab) -> Reading | Refusal | None:
    within = _within(q, vocab)
    if within is not None:
        return within
    if not q.has(*CUES):
        return None
    from app.engine.families.ticket_rates import SLA

    if q.has(*SLA) and not q.has(r"median\w*", r"mean", r"average", r"gjennomsnitt\w*", r"snitt\w*", r"how long",
                                 r"hvor lang", r"kor lang"):
        return None  # "first response SLA compliance": the SLA's verdict (ticket_rates), no time statistic
    if not q.has(*STRONG) and not (vocab.data and vocab.data.tickets and tickets.is_ticket_question(q, vocab)):
        return None
    tv = vocab.data.tickets if vocab.data else None
    if tv is None or not tv.rows:
        from app.engine.planner import find_metric_spans

        spans = find_metric_spans(q.text, getattr(vocab, "metrics", {}) or {})
        cue = next((m for m in re.finditer("|".join(STRONG), q.text)), None)
        if cue and any(a <= cue.start() < b for a, b, _ in spans) and not q.has(*TIME_OF_TICKETS):
            # "responstid mot mål": a governed measure the reports print under that very name answers, not the
            # ticket exports (a median or mean time, or a time of tickets, stays a ticket time the data lacks)
            return None
        if q.has(*STRONG):  # a time the data cannot hold: never answer with a count instead
            en = q.lang == "en"
            return Refusal(NAME, "unanswerable",
                           "The warehouse holds no ticket exports, so no resolution or response times." if en else
                           "Datavarehuset har ingen saksdata, så ingen løsnings- eller responstider.",
                           interpretation="løsningstid" if not en else "resolution time")
        return None
    en = q.lang == "en"
    chosen, _ = tickets.selected_sources(q, tv)
    if chosen and all(s.dateless for s in chosen):
        return tickets.dateless_refusal(q, chosen, NAME, "løsningstider", "resolution times")
    first_response = q.has(*FIRST_RESPONSE)
    column = "first_response_minutes" if first_response else "resolution_hours"
    if first_response and (not getattr(tv, "has_first_response", False) or chosen and len(chosen) < len(tv.sources)
                           and not any("first_response_minutes" in s.filled for s in chosen)):
        # never another time in its place: the moments the exports do hold are named
        asked = chosen if chosen and len(chosen) < len(tv.sources) else None
        filled = (lambda c: any(c in s.filled for s in asked)) if asked else None
        held = [w for w, ok in ((("created", "opprettet"), tv.first is not None),
                                (("resolved", "løst"), filled("resolved_at") if filled else tv.has_resolved_at),
                                (("closed", "lukket"), filled("closed_at") if filled else tv.has_closed_at))
                if ok]
        times = ", ".join(w[0 if en else 1] for w in held) or ("none" if en else "ingen")
        who = (", ".join(f"«{f}»" for s in asked for f in s.files) if asked else
               ("The ticket exports" if en else "Saksdataene"))
        return Refusal(NAME, "unanswerable",
                       (f"{who} hold no first-response time, so the time to first response cannot be "
                        f"measured; the times they hold are: {times}." if en else
                        f"{who} har ingen tid for første respons, så tiden til første respons kan ikke måles; "
                        f"tidene de har er: {times}."),
                       interpretation="time to first response" if en else "tid til første respons")
    if column not in tv.columns:
        return None
    # the end the question names: closing ("til den lukkes", "to 'Closed'") or resolving
    expr = f"t.{column}"
    end = "resolution"
    if not first_response:
        if q.has(r"lukk\w*", r"closed?", r"closing", r"closures?") and tv.has_closed_at:
            expr, end = "epoch(t.closed_at - t.created_at) / 3600.0", "closed"
            if q.has(*FIRST_CLOSING) and tv.events:
                # "to first closure", "til første lukking": an event log's first closing event (a ticket reopened
                # and closed again keeps its first); an export of one row per ticket has one closing time
                expr, end = "epoch(t.first_closed_at - t.created_at) / 3600.0", "first_closed"
        elif re.search(r"(?<!\w)(?:løs\w*|løys\w*|resolv\w*|ferdigmeld\w*)(?!\w)", re.sub(
                RESOLUTION_TIME, " ", q.text)) and tv.has_resolved_at:
            # "tid til løst", "time to resolve": the resolved time itself; "løsningstid", "resolution time" are the
            # resolution time of every export (created to the last resolution, else to closing: resolution_hours)
            expr, end = f"epoch({tickets.resolved_end(tv)} - t.created_at) / 3600.0", "resolved"
    stat, fraction = _statistic(q, both=True)
    business = q.has(*BUSINESS_TIME)
    if business:
        # business hours as the marts define them (fct_ticket_lifecycle: weekdays without Norwegian public
        # holidays, the service's opening hours), from registration to resolution, else closing
        if first_response or "resolution_business_hours" not in tv.lifecycle_columns:
            return Refusal(NAME, "unanswerable",
                           ("The marts measure business hours only from registration to resolution; ask for "
                            "that, or for the time to first response in calendar time." if first_response else
                            "The warehouse has no business-hour resolution times (fct_ticket_lifecycle).") if en else
                           ("Datavarehuset måler arbeidstimer bare fra registrering til løsning; spør etter det, "
                            "eller etter tid til første respons i kalendertid." if first_response else
                            "Datavarehuset har ingen løsningstider i arbeidstimer (fct_ticket_lifecycle)."),
                           interpretation="resolution time in business hours" if en else "løsningstid i arbeidstimer")
        expr, end = "t.resolution_business_hours", "business"
    unit = "minutes" if first_response else "hours"
    if q.has(r"dager", r"dagar", r"days?", r"døgn") and not business:  # a business day is no 24 hours
        unit = "days"
    elif q.has(r"timer", r"timar", r"hours?"):
        unit = "hours"
    elif q.has(r"minutt\w*", r"minutes?"):
        unit = "minutes"
    base = "minutes" if first_response else "hours"
    factor = {("hours", "days"): "/ 24.0", ("minutes", "hours"): "/ 60.0", ("minutes", "days"): "/ 1440.0",
              ("hours", "minutes"): "* 60.0"}.get((base, unit), "")
    # reuse the count reading for filters and period, then swap the measure ("to the actual end", "til faktisk slutt":
    # the end of a ticket's life is its resolution, as the measure is)
    stripped = re.sub(r"(?<!\w)(?:to|til|until|till)\s+(?:the\s+|den\s+)?(?:actual|faktisk|faktiske|real|reell)?\s*"
                      r"(?:end|slutt|sluttid|slutten|ending)(?!\w)", " ", q.text)
    # "over snittet", "above (the) average": the comparison is the answer's (a reference beside the figure), no filter
    stripped = re.sub(tickets.AVERAGE_COMPARED, " ", stripped)
    stripped = re.sub(r"(?<!\w)(?:" + "|".join(CUES) + r"|i dager|i dagar|in days|i timer|i timar|in hours|i minutt\w*|"
                      r"in minutes|fra meldingsdato|frå|til ferdigmeldt|from report time|oppretting|creation|"
                      r"opprettes|lukkes|lukket|lukka|lukke|lukking|closed|close|closing|closure|closures|resolve ticket|resolve|first|første|fyrste|opprettet|"
                      r"den|en|ei|ein|the|from|to|til|fra|dagar|dager|days|timer|hours|minutt\w*|minutes?|tid|time|median|mediantid\w*|"
                      r"gjennomsnittlig|average|mean|resolution|resolved|løsning|løysing|completed?|completion|fullført|ferdig|calendar|kalender\w*|logged|logging|"
                      r"melding|meldt|innmelding|being|been|until|till|opened|åpnet|opna|opnet|åpna|logged|logget|loggført|"
                      r"registered|registrert|registrering|" + "|".join(BUSINESS_TIME + PERCENTILE) + r")(?!\w)", " ", stripped)
    # "lengst/longest/slowest" ranks the longest times first, "kortest/raskest/shortest/fastest" the shortest
    stripped = re.sub(r"(?<!\w)(?:lengst\w*|longest|slowest|tregest\w*|seinast\w*|senest\w*)(?!\w)", " høyest ", stripped)
    stripped = re.sub(r"(?<!\w)(?:kortest\w*|raskest\w*|snøggast\w*|shortest|fastest|quickest)(?!\w)", " lavest ",
                      stripped)
    # "saker som ble lukket i 2024": the period is the closing's (or resolving's), not the creation's; the phrase is kept
    # (a time noun, "løsningstid i 2022", "resolution time in 2024", names the measure, not a closing in the period)
    in_period = " ".join(m.group(0) for m in re.finditer("|".join(tickets.STATE_IN_PERIOD), q.text)
                         if not re.match(r"\w*(?:tid|tida|tiden|tider|time|times)\s", m.group(0)))
    sub = Question(raw=q.raw, text=stripped + " saker" + (" " + in_period if in_period else ""), lang=q.lang,
                   period=q.period, context=q.context)
    reading = tickets.read(sub, vocab, allow_daily=False, for_measure=True)
    if reading is None:
        return None
    if isinstance(reading, Refusal):
        reading.family = NAME
        return reading
    # no statistic named ("løsningstid per prioritet"): the median and the mean side by side
    stats = ["median", "avg"] if stat == "both" else [stat]
    name = f"{stats[0]}_{unit}"
    # a reopened ticket is resolved more than once: where the tickets asked hold one whose first resolution is known
    # and not its last (fct_ticket.first_resolution_hours), the time is given to the first and to the last resolution
    scope = {s.system for s in (chosen or tv.sources)}
    first_expr = ("t.first_resolution_hours" if not first_response and not business and end in ("resolution", "resolved")
                  and "first_resolution_hours" in tv.columns
                  and scope & set(getattr(tv, "first_resolution_systems", ()) or ()) else None)
    ends = ["", FIRST_SUFFIX] if first_expr else [""]

    def call(st: str, e: str) -> str:
        return f"quantile_cont({e}, {fraction})" if fraction is not None else f"{st}({e})"
    measures = [(f"{st}_{unit}{suffix}", st, suffix) for suffix in ends for st in stats]
    # "the median and 90th percentile": a percentile asked beside the median gives both
    also = (f", round(cast(median({expr}) {factor} as numeric), 2) as also_median"
            if fraction is not None and q.has(r"median\w*") else "")
    measure = (", ".join(f"round(cast({call(st, first_expr if suffix else expr)} {factor} as numeric), 2) as {col}"
                         for col, st, suffix in measures)
               + f"{also}, count({expr}) as tickets_measured")
    if first_expr:
        measure += (f", count({first_expr}) as tickets_measured{FIRST_SUFFIX}, count(*) filter (where {first_expr} "
                    f"is not null and {first_expr} is distinct from {expr}) as tickets_reopened")
    sql = reading.sql.replace("count(*) as tickets", measure).replace("order by tickets desc", f"order by {name} desc")
    if "tickets asc" in sql or "tickets desc" in sql:
        sql = sql.replace("tickets desc", f"{name} desc").replace("tickets asc", f"{name} asc")
    if end == "first_closed":  # each ticket with its first closing (an event log's first closed event)
        sql = sql.replace("from fct_ticket as t\n", "from (select f.*, coalesce(fc.first_closed_at, f.closed_at) as "
                          "first_closed_at from fct_ticket as f\n  left join (select e.ticket_key, min(e.event_at) as "
                          "first_closed_at from fct_ticket_event as e where e.status = 'closed' group by 1) as fc\n"
                          "  on fc.ticket_key = f.ticket_key) as t\n", 1)
    if business:  # each ticket with its business hours, under the name the count reading's conditions use
        sql = sql.replace("from fct_ticket as t\n", "from (select f.*, l.resolution_business_hours from fct_ticket as f\n"
                          "  left join fct_ticket_lifecycle as l on l.ticket_key = f.ticket_key) as t\n", 1)
    if f"as {name}" not in sql or (business and "fct_ticket_lifecycle" not in sql):
        # a count reading this measure cannot be swapped into
        return Refusal(NAME, "unanswerable",
                       "I can count these tickets, but not compute their resolution time in the same breakdown; ask "
                       "for the time without the filter or share." if q.lang == "en" else
                       "Jeg kan telle disse sakene, men ikke regne løsningstiden i samme oppdeling; spør etter tiden "
                       "uten filteret eller andelen.", reading.interpretation)
    reference = _member_reference(q, reading, sql, name)
    if reference:
        # "Ligger <kommune> over snittet i løsningstid": the member's figure, and the figure over every ticket of the
        # same exports and period (the member's filter dropped) beside it
        sql = (f"select measured.*, reference.{name} as reference_{name}, reference.tickets_measured as "
               f"reference_tickets,\n  round(measured.{name} - reference.{name}, 2) as difference\nfrom (\n{sql}\n) "
               f"as measured, (\n{reference}\n) as reference")
    whole = _whole_span_sql(q, stripped, vocab, measure, name) if not reading.period_keys and not reference else None
    if whole:
        # several years named without a breakdown asked ("median løsningstid 2024-2025"): each year's figure, and the
        # figure over the whole span (a median of the span is no mean of the years' medians)
        sql = f"select measured.*, (select w.{name} from (\n{whole}\n) as w limit 1) as span_{name}\nfrom (\n{sql}\n) as measured"
    if reading.period_keys:
        # "median løsningstid 2023 mot 2024": each period's figure and the difference from the period before
        keys = ", ".join(reading.period_keys)
        changes = ", ".join(f"round({col} - lag({col}) over (order by {keys}), 2) as "
                            f"{'change' if col == name else 'change_' + col}" for col, _, _ in measures)
        sql = f"select *, {changes}\nfrom (\n{sql}\n) as measured\norder by {keys}"
    what = {("first", True): "time to first response", ("first", False): "tid til første respons",
            ("closed", True): "time from registration to closing", ("closed", False): "tid fra registrering til lukking",
            ("first_closed", True): "time from registration to the first closing",
            ("first_closed", False): "tid fra registrering til første lukking",
            ("resolved", True): "time from registration to resolution",
            ("resolved", False): "tid fra registrering til løsning",
            ("resolution", True): "resolution time", ("resolution", False): "løsningstid",
            ("business", True): "resolution time in business hours", ("business", False): "løsningstid i arbeidstimer"}[
        ("first" if first_response else end, en)]
    # (said only where the figures differ: a scope without a reopened ticket gets one figure and no such note)
    both_ends = (" (reopened tickets: to the first and to the last resolution)" if en else
                 " (gjenåpnede saker: til første og til siste løsning)") if first_expr else ""
    last_note = ""
    if not first_response and end not in ("closed", "first_closed") and getattr(
            tv, "lifecycle_measured", {}).get("reopen_count"):
        # some ticket was reopened: its resolution is the last one (fct_ticket; reopened and not solved again: none),
        # said wherever one figure is shown (none known to the first resolution, or both alike)
        last_note = " (a reopened ticket: to its last resolution)" if en else " (en gjenåpnet sak: til siste løsning)"
    unit_word = unit if en else {"hours": "timer", "days": "dager", "minutes": "minutter"}[unit]
    stat_word = ("median and mean" if en else "median og gjennomsnittlig") if stat == "both" else \
        _stat_word(stat, en)
    rest = reading.interpretation.split(", ", 1)[1] if ", " in reading.interpretation else ""
    interp = f"{stat_word} {what}{last_note} ({unit_word})" + (f", {rest}" if rest else "")
    interp_both = f"{stat_word} {what}{both_ends} ({unit_word})" + (f", {rest}" if rest else "")
    if reference:
        interp += ", against all tickets" if en else ", mot alle sakene"
        interp_both += ", against all tickets" if en else ", mot alle sakene"

    shown = {col for col, _, _ in measures} | {"tickets_measured", f"tickets_measured{FIRST_SUFFIX}", "tickets_reopened",
                                              "change", f"span_{name}", "also_median"}
    shown |= {f"change_{col}" for col, _, _ in measures}

    def sentence(columns, rows, lang):
        en_ = lang == "en"
        k = columns.index("tickets_measured")
        if f"reference_{name}" in columns and len(rows) == 1:
            return _against_reference(interp, columns, rows[0], name, lang, stat_word)

        def value(r, col):
            return r[columns.index(col)] if col in columns else None

        def differs(r):
            return bool(first_expr) and any(value(r, f"{st}_{unit}{FIRST_SUFFIX}") != value(r, f"{st}_{unit}")
                                            for st in stats)

        def group(r, suffix):
            # one end's figures: "4,51", or "median 4,51 og gjennomsnitt 6,43"
            parts = [(format_number(value(r, f"{st}_{unit}{suffix}")) if len(stats) == 1 else
                      f"{_stat_word(st, en_, short=True)} {format_number(value(r, f'{st}_{unit}{suffix}'))}")
                     for st in stats]
            return (" and " if en_ else " og ").join(parts)

        def figures(r):
            if differs(r):
                return (f"{group(r, FIRST_SUFFIX)} to the first resolution, {group(r, '')} to the last resolution"
                        if en_ else f"{group(r, FIRST_SUFFIX)} til første løsning, {group(r, '')} til siste løsning")
            return group(r, "")

        def measured(r):
            n = format_number(r[k])
            reopened = value(r, "tickets_reopened")
            if first_expr and reopened:
                n_first = format_number(value(r, f"tickets_measured{FIRST_SUFFIX}"))
                return (f"{n_first} tickets with a first and {n} with a last resolution; {format_number(reopened)} "
                        f"reopened" if en_ else
                        f"{n_first} saker med første og {n} med siste løsning; {format_number(reopened)} gjenåpnet")
            return f"{n} tickets with a time" if en_ else f"{n} saker med tid"
        said = interp_both if any(differs(r) for r in rows[:20]) else interp
        median_too = ""
        if "also_median" in columns and rows and rows[0][columns.index("also_median")] is not None:
            median_too = f"; median: {format_number(rows[0][columns.index('also_median')])}"
        keys = [c for c in columns if c not in shown]
        if len(rows) == 1 and not keys:
            return f"{said}: {figures(rows[0])} ({measured(rows[0])}){median_too}."

        def label(r):
            return " ".join(str(v) for c, v in zip(columns, r) if c not in shown)
        parts = "; ".join(label(r) + f": {figures(r)}" for r in rows[:20])
        several = len(measures) > 1

        def change_of(r, col):
            c = value(r, "change" if col == name else f"change_{col}")
            if c is None:
                return None
            return f"{'+' if c >= 0 else '−'}{format_number(abs(c))}"
        changes = []
        for r in rows[:20]:
            # (to the first resolution before the last, as the figures read)
            found = [(col, st, suffix, change_of(r, col)) for col, st, suffix in
                     sorted(measures, key=lambda m: not m[2])]
            found = [f for f in found if f[3] is not None]
            if not found:
                continue
            if several:
                changes.append(f"{label(r)} " + ", ".join(
                    f"{_stat_word(st, en_, short=True)}"
                    + ((" to the first resolution" if en_ else " til første løsning") if suffix and first_expr else
                       (" to the last resolution" if en_ else " til siste løsning") if first_expr else "")
                    + f" {c}" for _, st, suffix, c in found))
            else:
                changes.append(f"{label(r)} {found[0][3]}")
        if changes:
            word = unit if en_ else {"hours": "timer", "days": "dager", "minutes": "minutter"}[unit]
            parts += (f"; change from the period before: {', '.join(changes)} {word}" if en_ else
                      f"; endring fra perioden før: {', '.join(changes)} {word}")
        if f"span_{name}" in columns and rows and rows[0][columns.index(f"span_{name}")] is not None:
            span = format_number(rows[0][columns.index(f"span_{name}")])
            ys = sorted(q.period.years)
            said = f"{ys[0]}–{ys[-1]}" if ys == list(range(ys[0], ys[-1] + 1)) else q.period.describe(lang)
            parts += (f"; over the whole span {said}: {span}" if en_ else f"; over hele perioden {said}: {span}")
        return f"{said}: {parts}."

    source = reading.source.replace("(fct_ticket", "(fct_ticket_lifecycle") if business else reading.source
    return Reading(NAME, source, sql, interp, sentence=sentence,
                   chart=lambda columns, rows: ({"kind": "bar", "x": columns[0], "y": name}
                                                if len(rows) > 1 else None))


def _member_reference(q: Question, reading: Reading, sql: str, name: str) -> str | None:
    """The measure's SQL over every ticket the member named belongs beside (its filter dropped, within the exports that
    hold it), when the question compares that member with the average ("over snittet", "above average"); else None."""
    if not (reading.members and q.has(*tickets.AVERAGE_CUES) and q.has(*tickets.COMPARE_CUES)
            and tickets.member_average_asked(q)) or reading.period_keys or "group by" in sql.lower():
        return None
    cond, _ = reading.members[0]
    if sql.count(cond) != 1:
        return None
    return sql.replace(cond, tickets.member_exports(cond))


def _against_reference(interp: str, columns, row, name: str, lang: str, stat_word: str) -> str:
    """The member's figure, the reference figure over all tickets beside it and whether it is above or below."""
    r = dict(zip(columns, row))
    e = lang == "en"
    n, a = r[name], r[f"reference_{name}"]
    if n is None or a is None:
        return f"{interp}: {format_number(n)}." if n is not None else ""
    word = (("above" if n > a else "below" if n < a else "equal to") if e else
            ("over" if n > a else "under" if n < a else "lik"))
    diff = float(r["difference"])
    sign = "+" if diff > 0 else "−" if diff < 0 else "±"
    return (f"{interp}: {format_number(n)} ({format_number(r['tickets_measured'])} tickets with a time); the {stat_word} "
            f"over all tickets is {format_number(a)} ({format_number(r['reference_tickets'])} tickets), so {word} the "
            f"average ({sign}{format_number(abs(diff))})." if e else
            f"{interp}: {format_number(n)} ({format_number(r['tickets_measured'])} saker med tid); for alle sakene "
            f"({stat_word}) er den {format_number(a)} ({format_number(r['reference_tickets'])} saker), altså {word} "
            f"snittet ({sign}{format_number(abs(diff))}).")


def _whole_span_sql(q: Question, stripped: str, vocab, measure: str, name: str) -> str | None:
    """The measure over every year named at once, when the years were read as a breakdown nobody asked for
    (Period.grain_implied); None otherwise or when the count reading cannot carry it."""
    from dataclasses import replace

    p = q.period
    if not (p.grain == "year" and p.grain_implied and len(p.years) > 1):
        return None
    # "til sammen": one figure over the periods named (tickets.SUM_CUES)
    sub = Question(raw=q.raw, text=stripped + " saker til sammen", lang=q.lang,
                   period=replace(p, grain=None, grain_implied=False), context=q.context)
    reading = tickets.read(sub, vocab, allow_daily=False, for_measure=True)
    if not isinstance(reading, Reading) or reading.period_keys:
        return None
    sql = reading.sql.replace("count(*) as tickets", measure)
    return sql if f"as {name}" in sql and "group by" not in sql.lower() else None


# business time: the marts' opening hours on weekdays without Norwegian public holidays
BUSINESS_TIME = (r"arbeidstime\w*", r"arbeidstid\w*", r"arbeidsdag\w*", r"virketime\w*", r"virkedag\w*",
                 r"kontortid\w*", r"åpningstid\w*", r"opningstid\w*", r"business (?:hours?|days?|time)",
                 r"working (?:hours?|days?|time)", r"office hours?", r"opening hours?")
# "p90", "90-persentil", "90. persentil", "90th percentile", "persentil 90"; "P1" .. "P5" name priority levels
# ("P1 - Critical", "P2-saker"), never a percentile: the p-form is one from p10 up
PERCENTILE = (r"p[1-9]\d", r"\d{1,2}(?:\.|th|st|nd|rd)?\s*(?:-\s*|%-?\s*)?(?:persentil\w*|percentile)",
              r"(?:persentil\w*|percentile)\s*\d{1,2}", r"persentil\w*", r"percentiles?")


# the name resolution times measured to a reopened ticket's first resolution carry after the statistic's
# ("median_hours_first_resolution"); without it they are measured to the last (final) resolution
FIRST_SUFFIX = "_first_resolution"


def _stat_word(stat: str, en: bool, short: bool = False) -> str:
    """The statistic in words: "median", "mean"/"gjennomsnittlig" (short: "gjennomsnitt"), "90th percentile"."""
    if stat == "median":
        return "median"
    if stat == "avg":
        return "mean" if en else ("gjennomsnitt" if short else "gjennomsnittlig")
    return f"{stat[1:]}th percentile" if en else f"{stat[1:]}-persentil"


def _statistic(q: Question, both: bool = False) -> tuple[str, float | None]:
    """("median" | "avg" | "p90" | "both", the quantile for a percentile): the median unless the question asks
    otherwise; with both, "both" when it names no statistic at all (the median and the mean are given side by side:
    leaders and exports differ in which one "løsningstid" means)."""
    m = re.search(r"(?<!\w)(?:p([1-9]\d)|(\d{1,2})(?:\.|th|st|nd|rd)?\s*(?:-\s*|%-?\s*)?(?:persentil\w*|percentile)|"
                  r"(?:persentil\w*|percentile)\s*(\d{1,2}))(?!\w)", q.text)
    if m:
        n = int(next(g for g in m.groups() if g))
        if 0 < n < 100:
            return f"p{n}", n / 100
    if q.has(r"gjennomsnitt\w*", r"snitt\w*", r"average", r"mean") and not q.has(r"median"):
        return "avg", None
    if both and not q.has(r"median\w*", r"mediantid\w*"):
        return "both", None
    return "median", None


RESOLVED_WORDS = (r"løs\w*", r"løys\w*", r"resolv\w*", r"solved", r"ferdigmeld\w*", r"fullført\w*", r"completed?")
CLOSED_WORDS = (r"lukk\w*", r"closed?", r"avslutt\w*")


def _within(q: Question, vocab) -> Reading | Refusal | None:
    """"Hvor mange saker ble løst innen 24 timer", "andel ferdigmeldt samme dag": the tickets whose resolution (or
    closing) came that soon after registration, of all tickets counted, with the same filters as ticket counts."""
    from app.engine.families.ticket_events import SAME_DAY, _within_days

    days = _within_days(q.text)
    tv = vocab.data.tickets if vocab.data else None
    if days is None or tv is None or not tv.rows or not tickets.is_ticket_question(q, vocab):
        return None
    # "got a first reply within 8 hours", "første svar innen 4 timer": the first response that soon
    first = q.has(*FIRST_RESPONSE)
    closing = q.has(*CLOSED_WORDS) and not first
    if not (first or closing or q.has(*RESOLVED_WORDS)):
        return None
    if first:
        if "first_response_minutes" not in tv.columns or not getattr(tv, "has_first_response", False):
            return None  # no first response in the exports: the response-time reading names what they hold
        at = "t.first_response_minutes"
        soon = ("cast(t.first_response_at as date) = t.created_date" if days == SAME_DAY
                and "first_response_at" in tv.columns else f"t.first_response_minutes <= {days * 1440}")
    else:
        end = "closed_at" if closing else "resolved_at"
        if end not in tv.columns or not (tv.has_closed_at if closing else tv.has_resolved_at):
            return None
        at = "t.closed_at" if closing else tickets.resolved_end(tv)
        soon = (f"cast({at} as date) = t.created_date" if days == SAME_DAY else
                f"epoch({at} - t.created_at) <= {days * 86400}")
    en = q.lang == "en"
    stripped = re.sub(r"(?<!\w)(?:samme (?:dag|døgn)\w*|same (?:calendar )?day|(?:innen|innan|within|in under|under|"
                      r"på under|less than|mindre enn)\s+(?:\d+|\w+)\s+(?:timer|timar|time|hours?|dager|dagar|døgn|"
                      r"dag|days?|uker|veker|uke|veke|weeks?)|som de ble opprettet|som dei vart oppretta|"
                      r"(?:of|after|etter) (?:creation|registration|opprettelsen|registreringen)|"
                      + "|".join(RESOLVED_WORDS + CLOSED_WORDS + FIRST_RESPONSE) + r"|got|fikk|fekk|had|hadde|"
                      r"andel\w*|share|prosent\w*|percent\w*|"
                      r"proportion|hvor stor del|kor stor del|ble|vart|were|was)(?!\w)", " ", q.text)
    sub = Question(raw=q.raw, text=stripped + " saker", lang=q.lang, period=q.period, context=q.context)
    reading = tickets.read(sub, vocab, allow_daily=False, for_measure=True)
    if reading is None or isinstance(reading, Refusal):
        if isinstance(reading, Refusal):
            reading.family = NAME
        return reading
    if "count(*) as tickets" not in reading.sql:
        return None
    share = q.has(*tickets.SHARE_CUES)
    if share:
        # "what share were resolved within 24 hours": of the tickets resolved (closed), those that soon; every ticket
        # counted is shown beside it
        measure = (f"count(*) filter (where {soon}) as tickets_within, count({at}) as tickets_done,\n"
                   f"  round(100.0 * count(*) filter (where {soon}) / nullif(count({at}), 0), 1) as share_pct,\n"
                   f"  count(*) as tickets")
    else:
        measure = (f"count(*) filter (where {soon}) as tickets_within, count(*) as tickets,\n"
                   f"  round(100.0 * count(*) filter (where {soon}) / nullif(count(*), 0), 1) as share_pct")
    sql = reading.sql.replace("count(*) as tickets", measure)
    if reading.period_keys:
        # "andel løst innen 24 timer i 2024 mot 2023": each period's share and the change in percentage points
        keys_ = ", ".join(reading.period_keys)
        sql = (f"select *, round(share_pct - lag(share_pct) over (order by {keys_}), 1) as change_pp\nfrom (\n{sql}\n)"
               f" as within_periods\norder by {keys_}")
    done_en, done_nb = ("first response", "første respons") if first else \
        ("closed", "lukket") if closing else ("resolved", "løst")
    if days == SAME_DAY:
        what = f"{done_en} the same calendar day" if en else f"{done_nb} samme kalenderdag"
    else:
        hours = q.has(r"timer?", r"timar", r"hours?")
        span = (f"{format_number(days * 24)} hours" if days < 1 or hours else f"{format_number(days)} days") if en \
            else (f"{format_number(days * 24)} timer" if days < 1 or hours else f"{format_number(days)} døgn")
        what = (f"{done_en} within {span} of registration" if en else f"{done_nb} innen {span} etter registrering")
    rest = reading.interpretation.split(", ", 1)[1] if ", " in reading.interpretation else ""
    interp = what + (f", {rest}" if rest else "")

    def sentence(columns, rows, lang):
        done = "tickets_done" in columns
        i, j = columns.index("tickets_within"), columns.index("share_pct")
        k = columns.index("tickets_done" if done else "tickets")
        keys = [c for c in columns if c not in ("tickets_within", "tickets", "share_pct", "tickets_done", "change_pp")]

        def one(r):
            of = ((" with a first response" if first else " resolved" if not closing else " closed") if lang == "en"
                  else (" med første respons" if first else " løste" if not closing else " lukkede")) if done else ""
            total = (f"; {format_number(r[columns.index('tickets')])} tickets in all" if lang == "en" else
                     f"; {format_number(r[columns.index('tickets')])} saker i alt") if done else ""
            return (f"{format_number(r[i])} of {format_number(r[k])}{of} ({format_number(r[j], 1)} %{total})"
                    if lang == "en" else
                    f"{format_number(r[i])} av {format_number(r[k])}{of} ({format_number(r[j], 1)} %{total})")
        if not keys and done:
            r = rows[0]
            n_all = format_number(r[columns.index("tickets")])
            whose_en = "tickets with a first response" if first else f"{'closed' if closing else 'resolved'} tickets"
            whose_nb = "sakene med første respons" if first else f"{'lukkede' if closing else 'løste'} sakene"
            return (f"{format_number(r[j], 1)} % of the {format_number(r[k])} {whose_en}: "
                    f"{format_number(r[i])} {interp} ({n_all} tickets in all)." if lang == "en" else
                    f"{format_number(r[j], 1)} % av de {format_number(r[k])} {whose_nb}: "
                    f"{format_number(r[i])} {interp} ({n_all} saker i alt).")
        if not keys:
            return (f"{one(rows[0])} tickets {interp}." if lang == "en" else f"{one(rows[0])} saker {interp}.")
        changes = [" ".join(str(r[columns.index(c)]) for c in keys)
                   + f" {'+' if r[columns.index('change_pp')] >= 0 else '−'}"
                   f"{format_number(abs(r[columns.index('change_pp')]), 1)}" for r in rows[:20]
                   if "change_pp" in columns and r[columns.index("change_pp")] is not None]
        change = ((f"; change from the period before: {', '.join(changes)} percentage points" if lang == "en" else
                   f"; endring fra perioden før: {', '.join(changes)} prosentpoeng") if changes else "")
        return f"{interp}: " + "; ".join(" ".join(str(r[columns.index(c)]) for c in keys) + f": {one(r)}"
                                         for r in rows[:20]) + change + "."
    return Reading(NAME, reading.source, sql, interp, sentence=sentence)

