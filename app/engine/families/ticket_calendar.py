"""When in the week, the day or the year tickets are created: the weekday, the hour of the day or the calendar month
with the most or fewest new tickets ("hvilken ukedag opprettes flest saker", "kva vekedag vert det oppretta færrast
saker", "at which hour of the day are most tickets created"), every day/hour/month of the cycle counted, zero when no
ticket was created then; and the tickets created on a weekday named, at the weekend, or outside the hours stated
("før kl. 08 eller fra kl. 17").

Days and months are the ticket's created date (the Oslo calendar date every ticket count uses), hours its created
time as local wall-clock time: as an event log printed it (its UTC offset), else Europe/Oslo. A closing
or resolving word leaves the question to the ticket counts (the weekday of the closing); a month of a year ("which
month had the most tickets") is the ticket counts' ranking of the periods, unless the month of the year is asked.
"""
from __future__ import annotations

import re

from app.engine.families import tickets
from app.engine.families.base import Question, Reading, in_list
from app.engine.format import format_number
from app.engine.wordforms import stem, words

NAME = "ticket_calendar"

LOCAL = "(t.created_at at time zone 'Europe/Oslo')"
# weekday number (ISO: 1 = Monday) -> the words that name it (bokmål, nynorsk, English, Swedish/Danish)
WEEKDAY_WORDS = {1: r"mandag\w*|måndag\w*|mondays?", 2: r"tirsdag\w*|tysdag\w*|tisdag\w*|tuesdays?",
                 3: r"onsdag\w*|wednesdays?", 4: r"torsdag\w*|thursdays?", 5: r"fredag\w*|fridays?",
                 6: r"lørdag\w*|laurdag\w*|lördag\w*|saturdays?", 7: r"søndag\w*|sundag\w*|söndag\w*|sundays?"}
# the weekend's own word forms, not any word that begins with them: a place named after a "helg" (a district or a
# company called Helgeland…) is no weekend
WEEKEND = (r"helg(?:a|en|ene|er|ar|ane|edag\w*|edøgn\w*|estengt)?", r"weekends?", r"week-ends?", r"veckoslut\w*")
HOUR_CUES = (r"hour of (?:the )?day", r"hours of (?:the )?day", r"time of (?:the )?day", r"times? på døgnet",
             r"timen på døgnet", r"time på dagen", r"timen på dagen", r"klokkeslett\w*", r"klokkeslag\w*",
             r"tidspunkt\w*", r"which hour", r"what hour", r"hvilken time", r"kva time", r"kva for time",
             r"hvilket klokkeslett", r"per hour", r"per time", r"each hour", r"hourly", r"timen", r"at what time")
MONTH_OF_YEAR = (r"month of (?:the )?year", r"calendar month", r"kalendermåned\w*", r"måned(?:en)? i året",
                 r"månad(?:en)? i året", r"time of (?:the )?year", r"tid på året", r"årstid\w*")
OUTSIDE = (r"utenfor", r"utanfor", r"outside", r"utom", r"uden for", r"etter arbeidstid", r"after hours",
           r"out of hours", r"off[- ]hours")
RANK = tickets.RANK_HIGH + tickets.RANK_LOW
STATE_WORDS = (r"lukk\w*", r"closed?", r"closing", r"løs\w*", r"løys\w*", r"resolv\w*", r"solved", r"ferdigmeld\w*",
               r"avslutt\w*")
KNOWN = {stem(w) for w in """ukedag ukedagen ukedager vekedag vekedagen vekedagar weekday weekdays day days of the week
dag dagen dagar dager time timen timar timer hour hours døgnet døgn klokkeslett klokkeslettet klokkeslag tidspunkt
tidspunktet which what hvilken hvilket hvilke kva kven for på på on at in i om during per each hourly helg helga
helgen helgene helgar weekend weekends lørdag laurdag saturday søndag sundag sunday eller or og and både both
utenfor utanfor outside før etter fra frå from before after kl klokka klokken o clock local lokal lokalt tid time
slik som den står står it is printed as in log loggen month months måned måneden måneder månad månaden året year
calendar kalendermåned of most flest færrest færrast fewest least minst mest oftest often vanligst common
opprettes oppretta opprettet opprette created create creates registered registrert new nye kom inn came
kontortid arbeidstid åpningstid opningstid office business working hours vert blir ble vart were are is was gets
get got hvor kor how mange many antall number count saker sakene saker sak ticket tickets case cases issue issues
totalt total i alt all alle every tall distribution fordeling fordelt""".split()}


def _weekday_names(lang: str) -> list[str]:
    return [n[1 if lang == "en" else 0] for n in tickets.WEEKDAYS]


def _hour_bounds(text: str) -> tuple[int | None, int | None]:
    """"før kl. 08 eller fra kl. 17", "before 8 or after 17:00": (before, from) the hours named."""
    before = re.search(r"(?<!\w)(?:før|innan|innen|before|earlier than|tidligere enn|tidlegare enn)\s+(?:kl\.?|klokka|"
                       r"klokken|klockan)?\s*(\d{1,2})(?:[:.]00)?(?!\d)", text)
    after = re.search(r"(?<!\w)(?:fra|frå|from|etter|after|later than|senere enn|seinare enn|efter)\s+(?:kl\.?|klokka|"
                      r"klokken|klockan)?\s*(\d{1,2})(?:[:.]00)?(?!\d)", text)
    b = int(before.group(1)) if before and int(before.group(1)) <= 24 else None
    a = int(after.group(1)) if after and int(after.group(1)) <= 24 else None
    return b, a


def read(q: Question, vocab) -> Reading | None:
    tv = vocab.data.tickets if vocab.data else None
    if tv is None or not tv.rows or not tickets.is_ticket_question(q, vocab) or "fct_ticket" not in vocab.tables:
        return None
    if q.has(*STATE_WORDS) or q.has(*tickets.AVERAGE_CUES):
        return None  # the weekday of a closing, a mean per day: the ticket counts answer those
    named_days = [d for d, pattern in WEEKDAY_WORDS.items() if q.has(pattern)]
    weekend = q.has(*WEEKEND)
    weekday = q.has(*tickets.WEEKDAY_CUES)
    hour = q.has(*HOUR_CUES)
    month = q.has(*MONTH_OF_YEAR)
    before, after = _hour_bounds(q.text)
    # "utenfor kontortid (før kl. 08 …)", or the hours written as clock times ("før kl. 08 eller fra kl. 17")
    outside = (before is not None or after is not None) and (q.has(*OUTSIDE) or re.search(
        r"(?:kl\.?|klokka|klokken|klockan)\s*\d|\d[:.]00(?!\d)|\d\s*(?:o'?clock|am|pm)\b", q.text) is not None)
    if not (named_days or weekend or weekday or hour or month or outside):
        return None
    en = q.lang == "en"
    chosen, source_words = tickets.selected_sources(q, tv)
    dated = [s for s in chosen if not s.dateless]
    if not dated:
        return None
    filters, used = tickets._value_filters(q, tv, tickets.DIM_WORDS | tickets.GENERIC | source_words)
    if filters:
        return None  # a priority or status beside the day: the ticket counts answer it
    p = q.period
    known = (tickets.GENERIC | KNOWN | source_words | tickets.WEEKDAY_STEMS | tickets.RANK_STEMS
             | {stem(x) for x in tv.id_prefixes} | {stem(w) for w in p.words for w in words(w)} | _day_stems())
    if tickets.leftover_words(q, known):
        return None
    # dated tickets (created_date is the Oslo date of created_at: null exactly when it is), so a count by day
    # needs no field the counts mart lacks (app/engine/ticket_counts.py)
    where = ["t.created_date is not null"]
    if len(dated) < len(tv.sources):
        where.append(in_list("t.source_system", [s.system for s in dated]))
    if (p.months or p.quarters or p.weeks or p.halves) and not p.years:
        return None
    if p.years:
        where.append(tickets.in_ranges("t.created_date", p.ranges()))
    printed = (hour or outside) and getattr(tv, "printed_offsets", False) and any(s.events for s in dated)
    # an event log printed its times with a UTC offset: a ticket's hour is its first event's time as printed there
    # (the log's own clock, fct_ticket_event.event_local_at); Oslo time otherwise
    join = ("left join (select ticket_key, event_local_at as printed_at from fct_ticket_event where event_seq = 1) "
            "as fe on fe.ticket_key = t.ticket_key\n" if printed else "")
    base = "from fct_ticket as t\n" + join + "where " + "\n  and ".join(where)
    local = f"coalesce(fe.printed_at, {LOCAL})" if printed else LOCAL
    period = p.describe(q.lang)
    source = tickets.source_label(dated, en, "fct_ticket")
    local_note = "created time, local (Europe/Oslo)" if en else "opprettet-tid, lokal tid (Europe/Oslo)"
    if printed:
        local_note = ("created time, local time as the export printed it (Europe/Oslo when it printed no offset)" if en
                      else "opprettet-tid, lokal tid slik eksporten skrev den (Europe/Oslo når den ikke har offset)")
    noun = "tickets" if en else "saker"

    # a count: outside the hours stated, at the weekend, on the weekdays named (no ranking asked)
    ranked = q.has(*RANK) or q.has(r"hvilke[nt]?", r"which", r"kva", r"what", r"når", r"when")
    count_cond, what = None, ""
    if outside:
        parts = ([f"extract(hour from {local}) < {before}"] if before is not None else []) + (
            [f"extract(hour from {local}) >= {after}"] if after is not None else [])
        count_cond = "(" + " or ".join(parts) + ")"
        bits = ([f"before {before:02d}:00" if en else f"før kl. {before:02d}"] if before is not None else []) + (
            [f"from {after:02d}:00" if en else f"fra kl. {after:02d}"] if after is not None else [])
        what = (f"tickets created {' or '.join(bits)}" if en else f"saker opprettet {' eller '.join(bits)}")
    elif weekend and not weekday and not q.has(*RANK):
        count_cond = "extract(isodow from t.created_date) in (6, 7)"
        what = "tickets created on a Saturday or Sunday" if en else "saker opprettet på en lørdag eller søndag"
    elif named_days and not ranked and not hour:
        count_cond = f"extract(isodow from t.created_date) in ({', '.join(str(d) for d in named_days)})"
        names = _weekday_names(q.lang)
        what = (f"tickets created on a {' or '.join(names[d - 1] for d in named_days)}" if en else
                f"saker opprettet på en {' eller '.join(names[d - 1] for d in named_days)}")
    if count_cond is not None:
        if period:
            what += f", {period}"
        interp = f"{what} ({local_note})"
        sql = (f"select count(*) filter (where {count_cond}) as tickets, count(*) as tickets_all\n" + base)

        def count_sentence(columns, rows, lang):
            n, k = rows[0]
            return (f"{format_number(n)} {noun} ({interp}; of {format_number(k)} tickets)." if lang == "en" else
                    f"{format_number(n)} {noun} ({interp}; av {format_number(k)} saker).")
        return Reading(NAME, source, sql, interp, sentence=count_sentence)

    # a distribution over the cycle, every member counted (zero when no ticket), ranked when asked; a weekday breakdown
    # without a ranking is the ticket counts' ("saker per ukedag")
    if (weekday or named_days) and not hour and not q.has(*RANK) or weekend and not weekday:
        return None
    if hour:
        cycle, col, expr = [(h, str(h)) for h in range(24)], "hour", f"extract(hour from {local})"
        label_what = "hour of the day" if en else "time på døgnet"
    elif weekday or named_days:
        names = _weekday_names(q.lang)
        cycle, col, expr = [(d, names[d - 1]) for d in range(1, 8)], "weekday", "extract(isodow from t.created_date)"
        label_what = "weekday" if en else "ukedag"
    elif month:
        cycle = [(m, tickets.MONTH_NAMES[m - 1][1 if en else 0]) for m in range(1, 13)]
        col, expr = "month", "extract(month from t.created_date)"
        label_what = "month of the year" if en else "måned i året"
    else:
        return None
    low = q.has(*tickets.RANK_LOW) and not q.has(*tickets.RANK_HIGH)
    if col == "hour":
        members = "\n  union all ".join(f"select {n} as n" for n, _ in cycle)
        shown_col, group = "c.n as hour", "c.n"
    else:
        members = "\n  union all ".join(f"select {n} as n, '{lab}' as {col}" for n, lab in cycle)
        shown_col, group = f"c.{col} as {col}", f"c.n, c.{col}"
    inner = base.replace("\n", "\n  ")
    sql = (f"with created as (\n  select {expr} as n\n  {inner}\n),\ncycle as (\n  {members}\n)\n"
           f"select {shown_col}, count(created.n) as tickets\nfrom cycle as c\nleft join created on created.n = c.n\n"
           f"group by {group}\norder by tickets {'asc' if low else 'desc'}, c.n")
    if col != "hour":
        local_note = "created date" if en else "opprettet-dato"
    interp = ((f"tickets created per {label_what}" if en else f"saker opprettet per {label_what}")
              + (f", {period}" if period else "") + f", {local_note}; "
              + ("every one counted, zero when none" if en else "alle tatt med, null når ingen"))

    def sentence(columns, rows, lang):
        if not rows:
            return ""
        top = rows[0][1]
        best = [str(r[0]) for r in rows if r[1] == top]
        unit = "" if col != "hour" else ":00"
        shown = "; ".join(f"{r[0]}{unit}: {format_number(r[1])}" for r in rows)
        if lang == "en":
            where_ = {"weekday": "on", "hour": "at", "month": "in"}[col]
            lead = f"{'Fewest' if low else 'Most'} tickets are created {where_} {' and '.join(b + unit for b in best)}"
            return f"{lead}: {format_number(top)} ({interp}). All: {shown}."
        lead = (f"{'Færrest' if low else 'Flest'} saker opprettes på {' og '.join(best)}" if col == "weekday" else
                f"{'Færrest' if low else 'Flest'} saker opprettes {('kl. ' if col == 'hour' else 'i ')}"
                f"{' og '.join(b + unit for b in best)}")
        return f"{lead}: {format_number(top)} ({interp}). Alle: {shown}."
    return Reading(NAME, source, sql, interp, sentence=sentence,
                   chart=lambda c, r: {"kind": "bar", "x": c[0], "y": "tickets"})


def _day_stems() -> set[str]:
    days = """mandag måndag monday tirsdag tysdag tuesday onsdag wednesday torsdag thursday fredag friday lørdag laurdag
    saturday søndag sundag sunday mandager fredager fredagar fridays""".split()
    return {stem(w) for w in days}
