"""Backlog, reopen rate, SLA met % and reassignments from the ticket marts:

- backlog: tickets still open at the end of a period ("åpne saker ved utgangen av september",
  "backlog at the end of Q3") from agg_ticket_periods.backlog_open_at_end (dimension all, or the one
  breakdown the mart carries: organisation, category, priority, status, channel);
- reopen rate: share of tickets reopened (fct_ticket_lifecycle.is_reopened), per period of creation;
- SLA met %: share of tickets within their SLA (the export's own verdict or the stated targets);
- reassignments: mean and total times a ticket moved to another group or person.

A measure the exports do not record is refused saying so, never answered with another figure.
"""
from __future__ import annotations

import re

from app.engine.families import tickets
from app.engine.families.base import Question, Reading, Refusal, in_list, sql_str
from app.engine.families.change import CHANGE_WORDS
from app.engine.format import format_number
from app.engine.wordforms import stem, words

NAME = "ticket_rates"

BACKLOG = (r"backlog\w*", r"restanse\w*", r"etterslep\w*", r"(?:still|remained|were) open", r"open at the end",
           r"åpne? ved\b", r"opne? ved\b", r"åpne saker ved", r"fortsatt åpne?", r"framleis opne?", r"uløste saker",
           r"ubehandlede saker", r"open tickets at", r"åpne ved utgangen", r"ved utgangen av", r"at the end of",
           r"ved slutten av", r"i slutten av")
REOPEN = (r"gjenåpn\w*", r"gjenopn\w*", r"reopen\w*", r"re-open\w*", r"re open\w*",
          r"(?:åpn|opn|öppn)(?:et|a|ede|ast|es|ades|ats|ad|at)\s+(?:(?:\w+\s+){0,2})?(?:igjen|att|på nytt|igen|again)",
          r"(?:opened|open)\s+(?:up\s+)?again", r"återöppn\w*", r"ny(?:tt)? åpn\w*")
SLA = (r"sla\w*", r"tjenestenivå\w*", r"service level\w*", r"innenfor fristen", r"within (?:the )?target",
       # a service level's KPI ("løsnings-KPI oppfylt", "resolution KPI met")
       r"(?:\w+-)?kpi\w*",
       # "løst innen fristen", "innan fristen for tid til løysing", "within the resolution deadline": the deadline's verdict
       r"inn(?:en|an|enfor|anfor) (?:\w+ )?(?:\w*frist\w*|tidsfrist\w*|forfall\w*)", r"within (?:the )?(?:[\w-]+ )?(?:deadlines?|targets?)",
       # "fullført innen løsningsmålet", "løst innanfor målet": within the target
       r"inn(?:en|an|enfor|anfor) (?:\w+ )?\w*mål(?:et|a)\b",
       # "merket som forfalt", "overdue tickets": past the deadline, the SLA's breach
       r"forfalt\w*", r"forfalne", r"forfalle", r"overdue", r"past due",
       # "closed by their due date", "resolved before the due time": each ticket's own deadline met
       r"(?:by|before|within|on or before) (?:the |their |its |each ticket's )?due (?:dates?|times?)")
WAIT = (r"ventetid\w*", r"venting\w*", r"wait(?:ing)? times?", r"svartid\w*", r"answer(?:ing)? times?",
        r"time to answer", r"besvart innen", r"svart innen", r"answered within", r"tok telefonen")
# the SLA not met: "violated", "breached", "brutt", "braut", "missed", "ikke oppfylt" — the tickets whose verdict is no
SLA_BREACH = (r"violat\w*", r"breach\w*", r"brudd\w*", r"brot\w*", r"brøt", r"brutt\w*", r"bruten", r"brote", r"braut",
              r"bryt\w*", r"missed", r"miss", r"not met", r"failed", r"fail", r"overskred\w*", r"exceed\w*",
              r"(?:ikke|ikkje|not)\s+(?:oppnådd|oppnådde|oppfylt|oppfylte|innfridd|overholdt|halde|nådd|met|achieved)",
              r"utenfor (?:fristen|sla\w*)", r"utanfor (?:fristen|sla\w*)", r"outside (?:the )?(?:sla|target)", r"forfalt\w*", r"forfalne", r"forfalle",
              r"overdue", r"past due")
BREACH_STEMS = {stem(w) for w in """violated violate violation violations breached breach breaches brudd brot brøt brutt
bruten brote braut bryte bryter missed miss failed fail overskredet overskriden exceeded exceed ikke ikkje not oppnådd
oppfylt innfridd overholdt nådd met achieved utenfor utanfor outside kravet krav requirement forfalt forfalte forfalne
forfalle overdue past due merket merka markert marked flagged flagget""".split()}
# the deadline an SLA verdict is about ("fristen for tid til løsning", "the resolution time target")
SLA_DEADLINE_STEMS = {stem(w) for w in ("tid", "tida", "tiden", "time", "frist", "fristen", "fristane", "fristene",
                                        "deadline", "deadlines", "target", "targets", "respons", "response")}
RESOLUTION_SLA_STEMS = {stem(w) for w in ("resolution", "løsning", "løsnings", "løysing", "lösning")}
# a deadline named with a breach ("brøt løsningsfristen", "missed the resolution deadline"): the SLA verdict
DEADLINE = (r"\w*frist\w*", r"deadlines?", r"due dates?", r"(?:resolution|response) targets?", r"forfall\w*")
# the verdict of tickets resolved ("løst innen fristen", "resolved within the SLA")
RESOLVED_WITHIN = (r"(?:løst|løyst|lukket|lukka|resolved|solved|closed|fullført|fullførte|completed|avsluttet|avslutta)"
                   r"\s+(?:\w+\s+)?(?:innen|innan|innenfor|innanfor|within)",
                   # "av de løste sakene", "among the resolved tickets": the verdict of those resolved
                   r"(?:av|blant|among|of) (?:de|dei|the) (?:\w+[- ])?(?:løste|løyste|lukkede|lukka|resolved|solved|"
                   r"closed|completed|fullførte)\b")
REASSIGN = (r"omfordel\w*", r"reassign\w*", r"videresend\w*", r"sendt videre", r"byttet gruppe", r"handovers?",
            # "flyttet fra én tekniker til en annen", "moved/transferred to another team"
            r"(?:flytt|overført|overførd|moved|transferred)\w*\s+(?:\w+\s+){0,4}(?:til|to)\s+(?:en |ein |et |eit |a |the )?"
            r"(?:annen|anna|annan|anna|another|other|different|ny|nytt|new)")
STEMS = {stem(w) for w in """backlog restanse etterslep still remained open åpne åpen opne ved utgangen slutten end at
the of uløste ubehandlede gjenåpnet gjenåpna gjenopna gjenåpning gjenåpninger reopened reopen reopens rate andel
share prosent percent sla oppnåelse oppnåelsen oppnådd met innenfor innanfor fristen within target targets tjenestenivå
due date dates by their before
kpi oppfylt oppfylte oppfyllt innfridd overholdt compliance compliant kept
service level omfordelinger omfordeling omfordelt reassignments reassignment reassigned videresendt gjennomsnitt
average mean per sak ticket times ganger hvor mange ventetid ventetida ventetiden venting wait waiting time svartid
svartida svartiden answer answered answering besvart svart innen within minutt minutter minutes minute sekund sekunder
seconds second telefon telefonen telefonsamtaler telefonhenvendelser phone calls call samtaler median
once twice gang gangen gong gonger more mer meir than enn least minst several multiple flere fleire opna att igjen
again på nytt igen åpnet åpna opnet opna öppnades öppnats öppnad återöppnat återöppnade återöppnades återöppnats after
being etter blitt vorte been having had resolved solved closed løst løyst lukket lukka stängd stängt löst
arkivert arkiverte arkivera arkiverad arkiveret archived
percentage prosentandel prosentandelen prosentdel proportion fraction del delen stor""".split()}
REASSIGN_STEMS = {stem(w) for w in """annen anna annan andre another other different ny nytt new gruppe gruppa gruppen
grupper group groups team teams kø køen queue behandler saksbehandler agent person flyttet flytta flytt moved
transferred overført overførd tekniker teknikar teknikere technician fra frå from én ein one""".split()}
NUMBERS = {"en": 1, "én": 1, "ein": 1, "one": 1, "once": 1, "to": 2, "two": 2, "twice": 2, "tre": 3, "three": 3,
           "fire": 4, "four": 4, "fem": 5, "five": 5}
_N = r"(\d+|en|én|ein|one|to|two|tre|three|fire|four|fem|five)"


def times_threshold(text: str) -> int | None:
    """The least number of times a ticket must have it: "more than once" 2, "minst tre ganger" 3, else None."""
    if re.search(r"(?<!\w)(?:more than once|flere ganger|fleire gonger|several times|multiple times|twice or more|"
                 r"at least twice|repeatedly|gjentatte ganger)(?!\w)", text):
        return 2
    m = re.search(rf"(?<!\w)(?:mer enn|meir enn|more than|over)\s+{_N}\s*(?:gang\w*|gong\w*|times?)?(?!\w)", text)
    if m:
        n = m.group(1)
        return (int(n) if n.isdigit() else NUMBERS[n]) + 1
    m = re.search(rf"(?<!\w)(?:minst|at least)\s+{_N}\s+(?:gang\w*|gong\w*|times)(?!\w)|(?<!\w){_N}\s+(?:or more|eller "
                  r"flere|eller fleire)\s+(?:gang\w*|gong\w*|times)(?!\w)", text)
    if m:
        n = m.group(1) or m.group(2)
        return int(n) if n.isdigit() else NUMBERS[n]
    return None


def read(q: Question, vocab) -> Reading | Refusal | None:
    tv = vocab.data.tickets if vocab.data else None
    if tv is None or not tv.rows or not tickets.is_ticket_question(q, vocab) and not q.has(*REOPEN, *SLA, *REASSIGN, *WAIT):
        return None
    en = q.lang == "en"
    if q.has(*WAIT) and "phone_wait_seconds" in tv.columns:
        from app.engine.families import ticket_attributes

        attr = ticket_attributes.named_attribute(q, tv)[0] if tv.attributes else None
        if not tv.phone_wait and attr is not None and attr.numeric:
            return None  # no phone wait recorded, but an export column of that name: its own figures
        kind = "wait"
    elif q.has(*REOPEN):
        kind = "reopen"
    elif q.has(*REASSIGN):
        kind = "reassign"
    elif q.has(*SLA) or q.has(*SLA_BREACH) and q.has(*DEADLINE):
        kind = "sla"
    elif q.has(*BACKLOG) and (q.has(r"åpne?", r"opne?", r"open", r"backlog\w*", r"restanse\w*", r"etterslep\w*",
                                    r"uløste", r"ubehandlede") or q.has(*OPEN_AT)):
        kind = "backlog"  # "ikke løst ved utgangen av mars 2024": open at the end of the period's last day
    elif (as_of_day(q.text) is not None or period_end_named(q) or q.has(*EXPORT_TIME)) and q.has(*OPEN_AT):
        kind = "backlog"  # "ikke løst per 31.12.2023", "unsolved as of 2023-06-30": open at the end of that day
    else:
        return None
    chosen, source_words = tickets.selected_sources(q, tv)
    dated = [s for s in chosen if not s.dateless]
    if not dated:
        return tickets.dateless_refusal(q, chosen, NAME, "slike tall", "such figures")
    p = q.period
    filters, used = tickets._value_filters(q, tv, tickets.GENERIC | STEMS | source_words)
    from app.engine.planner import find_organisations, find_short_organisations

    orgs = list(find_organisations(q.text, vocab.organisations))
    orgs += [k for k in find_short_organisations(q.raw, getattr(vocab, "short_organisations", {}) or {})
             if k not in orgs]
    owners = tickets.owner_organisations(q, vocab, tv, orgs)  # the owner of an export named: no customer
    orgs = [k for k in orgs if k not in owners]
    if orgs:
        filters.pop("customer_name", None)
    ranges = p.ranges() if p.years else []
    # "da eksporten ble tatt ut 3. januar 2025": the day the export says it was taken out (its title, "exported_at")
    # is its snapshot, though its tickets end before it
    stamped = kind == "backlog" and q.has(*EXPORT_TIME) and ranges and any(
        s.stated and any(a <= s.stated.date() <= b for a, b in ranges) for s in dated)
    if kind == "backlog" and q.has(*EXPORT_TIME) and ranges and not stamped and dated and all(s.stated for s in dated):
        # the export says it was taken out on another day than the one asked: its states are not that day's
        said = ", ".join(f"{s.label} {s.stated:%Y-%m-%d %H:%M}" for s in dated)
        return Refusal(NAME, "unanswerable", answer=(
            f"The export asked says when it was taken out ({said}), not {p.describe(q.lang)}." if en else
            f"Eksporten det spørres om sier når den ble tatt ut ({said}), ikke {p.describe(q.lang)}."))
    if ranges and not stamped and not any(tv.covers(a, b) for a, b in ranges):
        return Refusal(NAME, "unanswerable", final=False, answer=(
            f"The ticket exports do not cover {p.describe(q.lang)}; they cover {tickets.span(tv, True)}." if en else
            f"Saksdataene dekker ikke {p.describe(q.lang)}; de dekker {tickets.span(tv, False)}."))
    known = (tickets.GENERIC | tickets.DIM_WORDS | STEMS | used | source_words | {stem(w) for w in p.words for w in words(w)}
             | {stem(w) for k in orgs for w in words(vocab.organisation_names.get(k, k))}
             | {stem(w) for name, key in vocab.organisations.items() if key in orgs for w in words(name)})
    breach = kind == "sla" and q.has(*SLA_BREACH)
    if kind == "sla":
        # "the resolution SLA": the verdict the loader reads is the resolution's where an export states several
        known |= RESOLUTION_SLA_STEMS | SLA_DEADLINE_STEMS | tickets.CLOSED_STEMS | DEADLINE_STEMS
        # the export's own deadline and exclusion columns, as the question names them ("fristen (fix by)" of
        # «fixbydate»), and the exclusion they state ("saker unntatt SLA holdes utenfor")
        roles = [r for s in dated for r in ((getattr(tv, "sla_columns", {}) or {}).get(s.system) or {}).items()]
        compact = [re.sub(r"[^a-zæøåäö]", "", name.casefold()) for _, name in roles]
        known |= {stem(w) for w in words(q.text) if len(w) >= 2 and any(w in c for c in compact)}
        if any(role == "sla_excluded" for role, _ in roles):
            known |= EXCLUDED_STEMS
        if q.has(*RESPONSE_ASKED):
            known |= RESPONSE_STEMS
    if breach:
        known |= BREACH_STEMS | {stem(w) for w in words(q.text) if re.fullmatch("|".join(DEADLINE), w)}
    if kind == "reassign":  # "omfordelt til en annen gruppe", "reassigned to another team"
        known |= REASSIGN_STEMS
    if kind == "backlog":
        known |= tickets.CLOSED_STEMS | {stem(w) for w in ("open", "opne", "åpne", "åpen", "unsolved", "unresolved",
                                                           "uløst", "uløste", "uløyst", "uløyste", "end", "utgangen",
                                                           "still", "fortsatt", "framleis", "ennå", "enno",
                                                           "ikke", "ikkje", "not", "yet", "per", "pr",
                                                           "sto", "stod", "står", "stood", "lå", "låg")}
        if q.has(*EXPORT_TIME):
            known |= EXPORT_TIME_STEMS
        if re.search(YEAR_TURN, q.text):
            known |= YEAR_TURN_STEMS
    if len(p.years) >= 2:
        # "did reopened incidents increase from 2023 to 2024": the figure of each year, its change read from them
        known |= {stem(w) for w in words(q.text) if re.fullmatch("|".join(CHANGE_WORDS), w)}
    if tickets.leftover_words(q, known):
        return None  # words this family cannot place: the ticket counts family explains what is missing
    period = p.describe(q.lang)
    label = tickets.source_label(dated if len(dated) < len(tv.sources) else [], en, "fct_ticket_lifecycle")
    if kind == "backlog":
        if q.has(*EXPORT_TIME):
            # "da eksporten ble tatt ut", "when the export was taken": open as exported, at the latest time the
            # exports asked record (the sentence says so)
            return _backlog_at(q, tv, dated, filters, orgs, None, en)
        day = as_of_day(q.text)
        if day is None and ranges and (period_end_named(q) or tickets.source_filter(chosen, tv)):
            # a period named for a stock ("ved utgangen av 2025", "at the end of Q3 2023"): its last day (a ticket open
            # at 23:59 that day), or, when the exports asked were taken out before it, the day of the latest time they
            # record (the sentence names the day used)
            day = max(b for _, b in ranges)
            taken = exports_taken(dated)
            if taken is not None and taken < day:
                day = taken
        if day is not None:
            return _backlog_at(q, tv, dated, filters, orgs, day, en)
        if not ranges and tickets.source_filter(chosen, tv):
            # "how many tickets in that export are still open": no day named, and the mart's backlog is summed over every
            # export: the tickets of the exports asked that are not resolved or closed (as exported)
            return _backlog_at(q, tv, dated, filters, orgs, None, en)
        return _backlog(q, tv, filters, orgs, period, en)
    if kind == "wait":
        return _wait(q, tv, dated, filters, orgs, period, en, vocab)
    count_asked = q.has(r"hvor mange", r"kor mange", r"how many", r"antall", r"talet på", r"number of") \
        and not q.has(*tickets.SHARE_CUES, r"rate\w*", r"raten")
    created_asked = q.has(r"opprett\w*", r"oppretta", r"created", r"registrert\w*", r"registered")
    if kind == "reopen" and len(p.years) >= 2 and not q.has(*tickets.SHARE_CUES, r"rate\w*", r"raten") \
            and q.has(r"(?:reopened|re-opened|gjenåpn\w*|gjenopn\w*)\s+(?:" + "|".join(tickets.TICKET_KIND_NOUNS)
                      + r"|hendelser|hendingar|incidenter|sakene|sakane)"):
        count_asked = True  # "did reopened incidents increase from 2023 to 2024": how many, each year
    if kind == "reopen" and ranges and all(s.events for s in dated) and times_threshold(q.text) is None \
            and count_asked and not created_asked:
        return _reopened_in(q, dated, filters, orgs, ranges, period, en)
    if kind == "reassign" and ranges and all(s.events for s in dated) and count_asked and not created_asked \
            and tv.resources is not None:
        return _reassigned_in(q, dated, filters, orgs, ranges, period, en)
    measure = {"reopen": ("is_reopened", "reopen_count"), "sla": ("is_sla_met", None),
               "reassign": (None, "reassignment_count")}[kind]
    where = [in_list("l.source_system", [s.system for s in dated])]
    ranges = p.ranges() if p.years else []
    # "saker som ble lukket i 2024": the SLA of the tickets done in the period (their done date), not created in it
    done_in = kind == "sla" and bool(ranges) and any(re.search(x, q.text) for x in tickets.STATE_IN_PERIOD)
    if ranges:
        where.append(tickets.in_ranges("l.done_date" if done_in else "l.created_date", ranges))
    if kind == "sla" and q.has(*RESPONSE_ASKED):
        # the first response's SLA: the export's own verdict column about the response (a yes/no «is_first_response_
        # overdue», «Svarfrist brutt»), else the first response against the export's response deadline column
        # («respondbydate», «Svarfrist»); the loader's verdict is the resolution's, never answered for it
        found = response_verdict(tv, dated)
        if found is None:
            deadline = [s for s in dated if s.system in tv.lifecycle_systems.get("is_response_sla_met", ())]
            if deadline:
                return _response_deadline_sla(q, tv, deadline, filters, orgs, breach, period, en)
            return None  # (the ticket counts family says what it could not place)
        return _response_sla(q, tv, found, dated, filters, orgs, breach, period, en)
    done_only = done_in  # (done in the period: a done date, whatever state its export names)
    if kind == "sla" and "is_done" in tv.lifecycle_columns and q.has(*RESOLVED_WITHIN) and not done_in:
        # "løst innen fristen", "resolved within SLA": of the tickets resolved, those in time (an open ticket's verdict
        # is not yet given)
        where.append("l.is_done")
        done_only = True
    for col, vals in filters.items():
        where.append(in_list(f"t.{col}", vals))
    if orgs:
        where.append(in_list("t.organisation_key", orgs))
    column = measure[0] or measure[1]
    if column not in tv.lifecycle_columns:
        return None
    # the exports asked that record it (an export without an SLA verdict is no export whose tickets all missed it)
    systems = getattr(tv, "lifecycle_systems", {}).get(column)
    lacking = [s for s in dated if systems is not None and s.system not in systems]
    if lacking and len(lacking) < len(dated):
        dated = [s for s in dated if s not in lacking]
        where[0] = in_list("l.source_system", [s.system for s in dated])
    elif lacking and tickets.source_filter(chosen, tv) and systems:
        # the export named has no such column: a value of one of its own columns may say it ("Resolution status" =
        # "SLA Violated"), else say which exports have it — never another export's figure
        from app.engine.families import ticket_attributes

        if tv.attributes and ticket_attributes.named_attribute(q, tv)[1]:
            return None
        files = ", ".join(f"«{f}»" for s in lacking for f in s.files)
        have = ", ".join(f"«{f}»" for s in tv.sources if s.system in systems for f in s.files)
        what = {"reopen": ("reopenings", "gjenåpninger"), "sla": ("SLA verdict", "SLA-vurdering"),
                "reassign": ("reassignments", "omfordelinger")}[kind]
        return Refusal(NAME, "unanswerable",
                       (f"{files} records no {what[0]} (no such column); the exports that do: {have}." if en else
                        f"{files} har ingen {what[1]} (ingen slik kolonne); eksportene som har det: {have}."),
                       interpretation=what[0 if en else 1])
    without = ", ".join(f"«{f}»" for s in lacking for f in s.files) if lacking and dated != lacking else ""
    if without:
        label = tickets.source_label(dated, en, "fct_ticket_lifecycle")
    known_rows = f"count(l.{column})"
    # several source systems: one figure each, named by its export, never one summed across them
    per_source = len({s.system for s in dated}) > 1
    EXPORT = "string_agg(distinct regexp_replace(t.source_file, '^.*[/\\\\]', ''), ', ') as export, " if per_source else ""
    names = {"reopen": ("reopen rate", "gjenåpningsrate"), "sla": ("SLA met", "SLA oppnådd"),
             "reassign": ("reassignments per ticket", "omfordelinger per sak")}[kind]
    if breach:
        names = ("SLA breached", "SLA brutt")
    extra = "".join(f", {tickets.field_label(c, q.lang == 'en')} = {', '.join(v)}" for c, v in filters.items())
    extra += "".join(f", {vocab.organisation_names.get(k, k)}" for k in orgs) + (f", {period}" if period else "")
    if done_in:
        extra = extra.replace(f", {period}", "") + (f", resolved or closed in {period}" if en else
                                                    f", løst eller lukket i {period}")
    elif done_only:
        extra += ", of the tickets resolved" if en else ", av sakene som er løst"
    if kind == "sla":
        extra += deadline_note(tv, dated, en) + verdict_note(tv, dated, en)
    interp = names[0 if en else 1] + extra
    least = times_threshold(q.text) if kind in ("reassign", "reopen") else None
    count_column = "reassignment_count" if kind == "reassign" else "reopen_count"
    if least is None and kind == "reopen" and count_asked and created_asked:
        least = 1  # "how many tickets created in 2025 were reopened": those of the period's tickets reopened at all
    if least is None and kind == "reassign" and q.has(r"hvor mange saker", r"kor mange saker", r"how many tickets",
                                                       r"antall saker", r"how many issues", r"how many cases",
                                                       *tickets.SHARE_CUES):
        # "how many tickets were reassigned", "what share of the tickets were reassigned": those moved at least once
        least = 1
    if least is not None and count_column in tv.lifecycle_columns:
        # "reassigned more than once", "gjenåpnet minst to ganger": the tickets with it that many times
        what = {"reassign": ("reassigned", "omfordelt"), "reopen": ("reopened", "gjenåpnet")}[kind]
        interp = (f"tickets {what[0]} at least {least} time{'s' if least > 1 else ''}" if en else
                  f"saker {what[1]} minst {least} gang{'er' if least > 1 else ''}") + extra
        sql = (f"select {EXPORT}count(*) filter (where l.{count_column} >= {least}) as tickets, count(l.{count_column}) as "
               f"tickets_measured,\n  round(100.0 * count(*) filter (where l.{count_column} >= {least}) / "
               f"nullif(count(l.{count_column}), 0), 1) as share_pct\nfrom fct_ticket_lifecycle as l\n"
               f"join fct_ticket as t on t.ticket_key = l.ticket_key\nwhere " + "\n  and ".join(where)
               + (f"\ngroup by t.source_system\nhaving count(l.{count_column}) > 0\norder by 1" if per_source else ""))
        if not tv.lifecycle_measured.get(count_column):
            return Refusal(NAME, "unanswerable", missing_words(kind, en), interpretation=interp)

        def counted(columns, rows, lang):
            if per_source:
                return f"{interp}: " + "; ".join(f"«{r[0]}»: {format_number(r[1])} {'of' if lang == 'en' else 'av'} "
                                                 f"{format_number(r[2])} ({format_number(r[3], 1)} %)" for r in rows) + "."
            n, k, pct = rows[0]
            return (f"{format_number(n)} of {format_number(k)} tickets ({format_number(pct, 1)} %): {interp}."
                    if lang == "en" else
                    f"{format_number(n)} av {format_number(k)} saker ({format_number(pct, 1)} %): {interp}.")
        return Reading(NAME, label, sql, interp, sentence=counted)
    # years named apart ("i 2022 og 2023", "2023 mot 2024", "2023 vs 2024"): one figure per year, never one pooled over
    # them (a span written "2022–2023" is one period)
    per_year = kind != "reassign" and len(ranges) >= 2 and years_apart(q)
    year_expr = f"cast(extract(year from l.{'done_date' if done_in else 'created_date'}) as integer)"
    YEAR = f"{year_expr} as year, " if per_year else ""
    if kind == "reassign":
        sql = (f"select {EXPORT}round(avg(l.reassignment_count), 2) as reassignments_per_ticket, "
               f"sum(l.reassignment_count) as reassignments, {known_rows} as tickets_measured\n")
    else:
        yes = f"not l.{column}" if breach else f"l.{column}"  # "violated the SLA": the verdict no
        sql = (f"select {EXPORT}{YEAR}round(100.0 * sum(case when {yes} then 1 else 0 end) / nullif({known_rows}, 0), 1) "
               f"as pct, sum(case when {yes} then 1 else 0 end) as tickets_yes, {known_rows} as tickets_measured\n")
    groups = [*(["t.source_system"] if per_source else []), *([year_expr] if per_year else [])]
    sql += ("from fct_ticket_lifecycle as l\njoin fct_ticket as t on t.ticket_key = l.ticket_key\nwhere "
            + "\n  and ".join(where) + (f"\ngroup by {', '.join(groups)}\nhaving {known_rows} > 0\norder by "
                                        + ", ".join(str(i + 1) for i in range(len(groups))) if groups else ""))
    missing = {"reopen": ("The ticket exports record no reopenings (no reopen count, and no event log to count them "
                          "from).", "Saksdataene har ingen gjenåpninger registrert (ingen teller, og ingen hendelseslogg "
                          "å telle dem fra)."),
               "sla": ("The ticket exports carry no SLA verdict and no SLA targets are stated "
                       "(KOMMUNEDATA_SLA_TARGETS), so SLA attainment cannot be measured.",
                       "Saksdataene har ingen SLA-vurdering, og ingen SLA-mål er oppgitt (KOMMUNEDATA_SLA_TARGETS), "
                       "så SLA-oppnåelse kan ikke måles."),
               "reassign": ("The ticket exports record no reassignments.",
                            "Saksdataene har ingen omfordelinger registrert.")}[kind]

    def sentence(columns, rows, lang):
        several = without.count("«") > 1
        note = ((f" {without} {'record' if several else 'records'} none." if lang == "en" else
                 f" {without} har ingen slik registrering.") if without else "")
        if per_source or per_year:
            if not rows:
                return missing[0 if lang == "en" else 1]
            lead = (1 if per_source else 0) + (1 if per_year else 0)

            def named(r):
                return " ".join([*([f"«{r[0]}»"] if per_source else []), *([str(r[lead - 1])] if per_year else [])])
            return f"{interp}: " + "; ".join(f"{named(r)}: " + one(r[lead:], lang).split(": ", 1)[-1].rstrip(".")
                                             for r in rows) + "." + note
        return one(rows[0], lang) + note

    def one(r, lang):
        if r[2] in (None, 0):
            return missing[0 if lang == "en" else 1]
        if kind == "reassign":
            return (f"{interp}: {format_number(r[0])} ({format_number(r[1])} reassignments over "
                    f"{format_number(r[2])} tickets)." if lang == "en" else
                    f"{interp}: {format_number(r[0])} ({format_number(r[1])} omfordelinger på {format_number(r[2])} saker).")
        return (f"{interp}: {format_number(r[0], 1)} % ({format_number(r[1])} of {format_number(r[2])} tickets)."
                if lang == "en" else
                f"{interp}: {format_number(r[0], 1)} % ({format_number(r[1])} av {format_number(r[2])} saker).")
    if not tv.lifecycle_measured.get(column):
        return Refusal(NAME, "unanswerable", missing[0 if en else 1], interpretation=interp)
    return Reading(NAME, label, sql, interp, sentence=sentence)


# the tickets an SLA leaves out, left out ("saker unntatt SLA holdes utenfor", "excluding tickets exempt from the SLA")
EXCLUDED_ASKED = (r"unntatt(?:e)? (?:fra )?sla\w*", r"unntak\w*", r"exempt\w*", r"excluded from (?:the )?sla\w*",
                  r"excluding (?:\w+ ){0,3}sla\w*", r"ekskludert\w* (?:fra )?sla\w*")


_YEARS_APART = re.compile(r"\b\d{4}\s*(?:,|og|and|mot|vs\.?|versus|kontra|eller|or|til|to|compared (?:with|to)|"
                         r"sammenlignet med|samanlikna med)\s*\d{4}\b")


def years_apart(q: Question) -> bool:
    """Two years or more written apart ("2022 og 2023", "2023 mot 2024", "fra 2023 til 2024"), not as one span
    ("2022–2023")."""
    return bool(_YEARS_APART.search(q.text))


def deadline_note(tv, dated, en: bool, role: str = "resolution_deadline") -> str:
    """Which columns an SLA verdict measured from the export's own deadline used (fct_ticket_lifecycle.sla_source
    'deadline'): "; resolved or closed time ≤ «Due date», tickets marked «excludefromsla» left out"; "" when no export
    asked has its verdict from a deadline column."""
    columns = getattr(tv, "sla_columns", {}) or {}
    used = [s for s in dated if s.system in columns and role in columns[s.system] and (
        role != "resolution_deadline" or "deadline" in (getattr(tv, "sla_sources", {}) or {}).get(s.system, ()))]
    if not used:
        return ""
    deadlines = ", ".join(dict.fromkeys(f"«{columns[s.system][role]}»" for s in used))
    excluded = ", ".join(dict.fromkeys(f"«{columns[s.system]['sla_excluded']}»" for s in used
                                       if "sla_excluded" in columns[s.system])) if role == "resolution_deadline" else ""
    done = (("first response", "første respons") if role == "response_deadline" else
            ("resolved or closed time", "løst/lukket tid"))
    if en:
        return f"; {done[0]} ≤ {deadlines}" + (f", tickets marked {excluded} left out" if excluded else "")
    return f"; {done[1]} ≤ {deadlines}" + (f", saker merket {excluded} holdt utenfor" if excluded else "")



def verdict_note(tv, dated, en: bool) -> str:
    """Which column of the export gave its own SLA verdict (fct_ticket_lifecycle.sla_source 'export': an SLA state or
    flag column the loader read into sla_met, "slastate" I/O, "Made SLA", "SLA bruten"): "; the export's own SLA
    field «slastate»"; "" when no export asked has its verdict from such a column."""
    used = [s for s in dated if "export" in (getattr(tv, "sla_sources", {}) or {}).get(s.system, ())]
    if not used:
        return ""
    per_file = getattr(tv, "file_field_headers", {}) or {}
    headers = [h for s in used for f in s.files for fld in ("sla_met", "sla_breached")
               for h in sorted(per_file.get(f, {}).get(fld, ()))]
    named = ", ".join(dict.fromkeys(f"«{h}»" for h in headers))
    if en:
        return "; the export's own SLA field" + (f" {named}" if named else "")
    return "; eksportens eget SLA-felt" + (f" {named}" if named else "")


def _tickets_asked(q: Question, systems: list[str], filters, orgs) -> list[str]:
    """The conditions on fct_ticket (alias t) of the tickets a rate is over: the exports, the created period asked,
    the values the question filters on and the organisations it names."""
    where = [in_list("t.source_system", systems)]
    ranges = q.period.ranges() if q.period.years else []
    if ranges:
        where.append(tickets.in_ranges("t.created_date", ranges))
    where += [in_list(f"t.{col}", vals) for col, vals in filters.items()]
    if orgs:
        where.append(in_list("t.organisation_key", orgs))
    return where

def _response_deadline_sla(q: Question, tv, dated, filters, orgs, breach, period, en) -> Reading:
    """The share of the tickets asked whose first response came by (breach: after) the export's own response
    deadline (fct_ticket_lifecycle.is_response_sla_met: first_response_at <= response_due_at, «respondbydate»)."""
    where = _tickets_asked(q, [s.system for s in dated], filters, orgs)
    # the tickets the export leaves out of its SLA ("excludefromsla"), when the question leaves them out
    columns = getattr(tv, "sla_columns", {}) or {}
    excluded = [columns[s.system]["sla_excluded"] for s in dated if "sla_excluded" in columns.get(s.system, {})]
    if excluded and q.has(*EXCLUDED_ASKED):
        where.append("not coalesce(l.is_sla_excluded, false)")
    else:
        excluded = []
    yes = "not l.is_response_sla_met" if breach else "l.is_response_sla_met"
    sql = (f"select round(100.0 * count(*) filter (where {yes}) / nullif(count(l.is_response_sla_met), 0), 1) as pct,\n"
           f"  count(*) filter (where {yes}) as tickets_yes, count(l.is_response_sla_met) as tickets_measured\n"
           f"from fct_ticket_lifecycle as l\njoin fct_ticket as t on t.ticket_key = l.ticket_key\nwhere "
           + "\n  and ".join(where))
    name = (("first response after its deadline" if breach else "first response by its deadline") if en else
            ("svarfrist brutt" if breach else "svarfrist overholdt"))
    extra = "".join(f", {tickets.field_label(c, q.lang == 'en')} = {', '.join(v)}" for c, v in filters.items())
    extra += "".join(f", {k}" for k in orgs) + (f", {period}" if period else "")
    extra += deadline_note(tv, dated, en, "response_deadline")
    if excluded:
        marked = ", ".join(dict.fromkeys(f"«{c}»" for c in excluded))
        extra += f", tickets marked {marked} left out" if en else f", saker merket {marked} holdt utenfor"
    interp = name + extra

    def sentence(columns, rows, lang):
        pct, k, n = rows[0]
        if not n:
            return ("No ticket asked has both a first response and a response deadline." if lang == "en" else
                    "Ingen av sakene har både første respons og svarfrist.")
        return (f"{interp}: {format_number(pct, 1)} % ({format_number(k)} of {format_number(n)} tickets)."
                if lang == "en" else
                f"{interp}: {format_number(pct, 1)} % ({format_number(k)} av {format_number(n)} saker).")
    return Reading(NAME, tickets.source_label(dated, en, "fct_ticket_lifecycle"), sql, interp, sentence=sentence)


# words of a deadline and of meeting it ("forfallstid", "løsningsmålet", "got a response by")
DEADLINE_STEMS = {stem(w) for w in """forfallstid forfallstida forfallstiden forfallsdato forfall due målet måla
løsningsmålet løysingsmålet responsmålet got fikk came kom avsluttet avslutta avsluttede fullført fullførte completed
ferdig ferdigmeldt meldt blant among""".split()}
# words saying the tickets the export leaves out of its SLA are left out ("saker unntatt SLA holdes utenfor")
EXCLUDED_STEMS = {stem(w) for w in """unntatt unntatte unntak holdes holdt haldne haldast utenfor utanfor excluded
exclude excluding exempt exempted left out leaving ekskludert ekskluderte utelatt utelatte som er is are""".split()}


# the first response named ("first response SLA", "svarfristen", "første respons"): its own verdict, not the resolution's
RESPONSE_ASKED = (r"first (?:response|reply)", r"(?:første|fyrste) (?:svar|respons)\w*", r"respons\w*", r"responses?",
                  r"svarfrist\w*", r"svartid\w*", r"replies", r"reply")
RESPONSE_STEMS = {stem(w) for w in ("first", "response", "responses", "reply", "replies", "første", "fyrste", "svar",
                                    "respons", "responsen", "svarfrist", "svarfristen", "svartid", "svartida",
                                    "svartiden")}


def response_verdict(tv, dated) -> tuple[object, bool] | None:
    """The yes/no column of the exports asked that states the first response's SLA verdict (its header names the
    response and the SLA or its breach: «is_first_response_overdue», «Svarfrist brutt», «Response SLA met»), and
    whether it states the breach; None when none does."""
    from flows.tickets.flags import breach_words, flag_values, no_verdict, sla_verdict, sla_words
    from flows.tickets.infer import RESPONSE_STEMS as HEADER_RESPONSE
    from flows.tickets.infer import header_words

    systems = {s.system for s in dated}
    for attr in tv.attributes.values():
        if not systems & set(attr.systems) or not attr.values:
            continue
        hw = header_words(attr.name)
        if not any(w.startswith(HEADER_RESPONSE) for w in hw):
            continue
        values = [v for v in attr.values if not no_verdict(v)]
        reading = flag_values(values)
        if reading is None:
            continue
        if reading[0] == "":  # a yes/no column answers its header's statement
            if sla_words(hw) or breach_words(hw):
                return attr, breach_words(hw)
        elif all(sla_verdict(v) is not None for v in values):
            # two phrases stating the verdict themselves («First Response Status» = "Within SLA" / "SLA Violated"):
            # the flag is true where its phrase holds, a breach when that phrase says the level was broken
            return attr, sla_verdict(reading[0]) is False
    return None


def _response_sla(q: Question, tv, found, dated, filters, orgs, breach, period, en) -> Reading:
    """The share of the tickets asked whose first response kept (breach: missed) its SLA, by the export's yes/no
    verdict column about the response."""
    attr, breach_column = found
    flag_true = breach_column == breach  # the verdict asked is the column's yes
    where = _tickets_asked(q, [s.system for s in dated if s.system in attr.systems], filters, orgs)
    yes = f"a.value_flag = {'true' if flag_true else 'false'}"
    sql = (f"select round(100.0 * count(*) filter (where {yes}) / nullif(count(a.value_flag), 0), 1) as pct,\n"
           f"  count(*) filter (where {yes}) as tickets_yes, count(a.value_flag) as tickets_measured\n"
           f"from fct_ticket as t\njoin fct_ticket_attribute as a on a.ticket_key = t.ticket_key and a.attribute = "
           f"{sql_str(attr.name)}\nwhere " + "\n  and ".join(where))
    name = (("first response SLA breached" if breach else "first response SLA met") if en else
            ("svarfrist brutt" if breach else "svarfrist overholdt"))
    extra = "".join(f", {tickets.field_label(c, q.lang == 'en')} = {', '.join(v)}" for c, v in filters.items())
    extra += "".join(f", {k}" for k in orgs) + (f", {period}" if period else "")
    interp = f"{name} (by «{attr.name}»){extra}" if en else f"{name} (etter «{attr.name}»){extra}"

    def sentence(columns, rows, lang):
        pct, k, n = rows[0]
        if not n:
            return (f"No ticket asked has a value in «{attr.name}»." if lang == "en" else
                    f"Ingen av sakene har en verdi i «{attr.name}».")
        return (f"{interp}: {format_number(pct, 1)} % ({format_number(k)} of {format_number(n)} tickets)."
                if lang == "en" else
                f"{interp}: {format_number(pct, 1)} % ({format_number(k)} av {format_number(n)} saker).")
    return Reading(NAME, tickets.source_label(dated, en, "fct_ticket_attribute"), sql, interp, sentence=sentence)


def _log_ticket_conditions(logs, filters, orgs) -> list[str]:
    """The conditions on fct_ticket (alias t) of an event-log count: the logs' tickets, the question's filters and
    organisations."""
    where = [in_list("t.source_system", [s.system for s in logs])]
    where += [in_list(f"t.{col}", vals) for col, vals in filters.items()]
    if orgs:
        where.append(in_list("t.organisation_key", orgs))
    return where


def _reassigned_in(q: Question, logs, filters, orgs, ranges, period, en) -> Reading:
    """"Hvor mange saker ble flyttet til en annen tekniker i 2024?" over event logs: the tickets whose holder (its group,
    else the person) changed in the period, by the time of the event that changed it; a first holder (after no one)
    is an assignment, no reassignment."""
    where = _log_ticket_conditions(logs, filters, orgs)
    sql = ("with holders as (\nselect e.ticket_key, e.event_date, coalesce(e.assignment_group, e.resource) as holder,\n"
           "  lag(coalesce(e.assignment_group, e.resource)) over (partition by e.ticket_key order by e.event_seq)"
           " as holder_before\n"
           # (an event naming no holder, a state or another field changed, keeps the holder: only the holder events)
           "from fct_ticket_event as e\nwhere coalesce(e.assignment_group, e.resource) is not null and "
           + in_list("e.source_system", [s.system for s in logs]) + "\n)\n"
           "select count(distinct h.ticket_key) as tickets\nfrom holders as h\n"
           "join fct_ticket as t on t.ticket_key = h.ticket_key\n"
           "where h.holder_before is not null and h.holder <> h.holder_before\n  and "
           + tickets.in_ranges("h.event_date", ranges) + "".join(f"\n  and {w}" for w in where))
    extra = "".join(f", {tickets.field_label(c, q.lang == 'en')} = {', '.join(v)}" for c, v in filters.items())
    interp = ((f"tickets reassigned in {period} (an event moving a ticket from one holder to another)" if en else
               f"saker omfordelt i {period} (en hendelse som flyttet en sak fra én behandler til en annen)") + extra)
    return Reading(NAME, tickets.source_label(logs, en, "fct_ticket_event"), sql, interp,
                   sentence=lambda c, r, lang: (f"{format_number(r[0][0])} tickets ({interp})." if lang == "en" else
                                                f"{format_number(r[0][0])} saker ({interp})."))


def _reopened_in(q: Question, logs, filters, orgs, ranges, period, en) -> Reading:
    """"Kor mange saker vart opna på nytt i 2025?" over event logs: the tickets with a reopening in the period, by the
    time of the event that took them from resolved or closed back to another state (not the tickets created then)."""
    where = _log_ticket_conditions(logs, filters, orgs)
    per_year = len(q.period.years) >= 2 and len(ranges) >= 2  # "from 2023 to 2024": each year's count
    sql = ("with steps as (\nselect e.ticket_key, e.event_date, e.status,\n"
           "  lag(e.status) over (partition by e.ticket_key order by e.event_seq) as status_before\n"
           # (an event naming no state, an assignment or a field changed, keeps the state: only the state events)
           "from fct_ticket_event as e\nwhere e.status is not null and "
           + in_list("e.source_system", [s.system for s in logs]) + "\n)\n"
           + ("select year(s.event_date) as year, " if per_year else "select ")
           + "count(distinct s.ticket_key) as tickets\nfrom steps as s\n"
           "join fct_ticket as t on t.ticket_key = s.ticket_key\n"
           "where s.status_before in ('resolved', 'closed') and s.status is not null\n"
           "  and s.status not in ('resolved', 'closed')\n  and " + tickets.in_ranges("s.event_date", ranges)
           + "".join(f"\n  and {w}" for w in where) + ("\ngroup by 1 order by 1" if per_year else ""))
    # whole years written as a range ("gjenåpnet i 2023-2024"), not apart: each year's count and the range's own (a
    # ticket reopened in both years counted once), no change between them
    pooled = tickets.span_label(q, q.period.years) if per_year and not years_apart(q) else None
    if pooled:
        whole = sql.replace("select year(s.event_date) as year, ", "select ").replace("\ngroup by 1 order by 1", "")
        sql = (f"with per_year as (\n{sql}\n)\nselect year, tickets from per_year\nunion all\n"
               f"select null, ({whole})\norder by year nulls last")
    extra = "".join(f", {tickets.field_label(c, q.lang == 'en')} = {', '.join(v)}" for c, v in filters.items())
    interp = ((f"tickets reopened in {period} (an event taking a resolved or closed ticket back to another state)"
               if en else
               f"saker gjenåpnet i {period} (en hendelse som tok en løst eller lukket sak tilbake til en annen status)")
              + extra)

    def sentence(columns, rows, lang):
        noun = "tickets" if lang == "en" else "saker"
        if not per_year:
            return f"{format_number(rows[0][0])} {noun} ({interp})."
        if pooled:
            return f"{noun.capitalize()} ({interp}): " + "; ".join(
                f"{pooled if y is None else y}: {format_number(n)}" for y, n in rows) + "."
        # each year's count, and the change between the first and the last asked
        each = "; ".join(f"{y}: {format_number(n)}" for y, n in rows)
        change = ""
        if len(rows) >= 2:
            d = rows[-1][1] - rows[0][1]
            change = (f"; change {rows[0][0]}–{rows[-1][0]}: {d:+d}" if lang == "en" else
                      f"; endring {rows[0][0]}–{rows[-1][0]}: {d:+d}")
        return f"{noun.capitalize()} ({interp}): {each}{change}."
    return Reading(NAME, tickets.source_label(logs, en, "fct_ticket_event"), sql, interp, sentence=sentence)


def missing_words(kind: str, en: bool) -> str:
    return {"reopen": ("The ticket exports record no reopenings.", "Saksdataene har ingen gjenåpninger registrert."),
            "reassign": ("The ticket exports record no reassignments.",
                         "Saksdataene har ingen omfordelinger registrert.")}[kind][0 if en else 1]


AGG_DIMENSIONS = {"category": "category", "priority": "priority", "channel": "channel", "status": "status"}


# the moment an export was taken out ("da eksporten ble tatt ut", "at export time", "when the RT export was taken")
EXPORT_TIME = (r"(?:da|når|då|idet) (?:\w+[- ])?(?:eksporten|uttrekket|uttaket) (?:ble|vart|blei|var|er) "
               r"(?:tatt|teke|teken|tekne|henta|hentet|laget|laga|kjørt|køyrd|gjort|generert)",
               r"when the (?:\w+ )?(?:export|extract) was (?:taken|made|pulled|run|generated|created|exported)",
               r"at (?:the )?(?:time of (?:the )?)?export(?: time)?\b", r"på eksporttidspunktet", r"på uttakstidspunktet",
               r"ved uttak(?:et)?\b", r"eksporttidspunkt\w*", r"export time",
               # "sto åpne i <system>-loggen ved uttrekket", "open at export": as the export was taken out
               r"ved (?:uttrekk|eksport)(?:et|en)?\b", r"(?:at|as of) (?:the )?(?:export|extract)\b",
               r"uttrekkstidspunkt\w*")
EXPORT_TIME_STEMS = {stem(w) for w in """da når då idet eksporten uttrekket uttaket ble vart blei var er tatt teke teken
tekne henta hentet laget laga kjørt køyrd gjort generert when the export extract was taken made pulled run generated
created exported at time of eksporttidspunktet uttakstidspunktet ved uttak uttaket ut uttrekk uttrekkstidspunktet
eksport as of""".split()}


def exports_taken(dated):
    """The day the exports asked were taken out, as far as their rows tell: the latest time any of them records."""
    times = [s.latest for s in dated if getattr(s, "latest", None)]
    return max(times).date() if times else None


OPEN_AT = BACKLOG + (r"åpne?", r"opne?", r"open", r"uløst\w*", r"uløyst\w*", r"unresolved", r"unsolved",
                     r"(?:ikke|ikkje|not|not yet|ennå ikke|enno ikkje) (?:blitt |vorte |been |yet )?(?:løst\w*|løyst\w*|"
                     r"lukk\w*|resolved|solved|closed|ferdigmeldt\w*)")


END_OF = (r"ved utgangen av", r"ved slutten av", r"i slutten av", r"ved utgangen", r"at the end of", r"by the end of",
          r"end of", r"per", r"pr\.?", r"as of", r"as at")


# closing named, resolving not ("ikkje lukka", "not closed", "still not closed"): the closed time is asked
CLOSED_ASKED = (r"lukk\w*", r"closed?", r"closing", r"stengt\w*", r"avslutt\w*", r"stängd\w*")
RESOLVED_ASKED = (r"\w*løst\w*", r"\w*løyst\w*", r"\w*resolved", r"\w*solved", r"resolution", r"ferdigmeld\w*",
                  r"fullført\w*", r"completed")


def closed_asked(q: Question) -> bool:
    """The question asks tickets not closed (rather than not resolved): it names the closing and no resolution."""
    return q.has(*CLOSED_ASKED) and not q.has(*RESOLVED_ASKED)


def period_end_named(q: Question) -> bool:
    """A period named as a point in time: "ved utgangen av mars 2024", "per Q3 2023", "at the end of 2023"."""
    p = q.period
    return bool(p.years) and q.has(*(c + r"\s+(?:\w+\s+){0,3}?(?:\d{4}|q[1-4]|\w+)" for c in END_OF))


# the turn of a year, asked as a moment: its year (or years, "2023/2024") follows
NEW_YEAR = r"nyttår\w*|new year\b"
YEAR_TURN = (r"(årsskift\w*|årsskifte|nyttår\w*|new year|year[- ]end|end of (?:the )?year|turn of (?:the )?year|"
             r"årsslutt\w*|årsavslutning\w*)")
YEAR_TURN_STEMS = {stem(w) for w in "årsskiftet årsskifte nyttår nyttåret year end turn new årsslutt".split()}


def as_of_day(text: str):
    """The day a stock of tickets is asked at ("per 31.12.2023", "as of 2023-06-30", "ved 30. juni 2024", "at 31
    December 2023"), in the normalised text; None when no whole day is named."""
    from datetime import date

    from app.engine.periods import MONTHS

    months = "|".join(sorted((k for k in MONTHS if len(k) >= 3), key=len, reverse=True))
    lead = r"(?:per|pr|as of|as at|at|on|ved|den|på|by|innen|end of|dato)\s+"
    found = None
    # the turn of a year ("ved årsskiftet 2023/2024", "at year end 2023", "ved nyttår 2024"): the end of the year that
    # ends (the first of two years written; the year before a new year named alone)
    m = re.search(YEAR_TURN + r"\s+(?:(?:of|in|for|i)\s+)?(\d{4})(?:\s*[/-]\s*(\d{2,4}))?\b", text)
    if m:
        ends = int(m.group(2)) if m.group(3) or not re.match(NEW_YEAR, m.group(1)) else int(m.group(2)) - 1
        found = (ends, 12, 31)
    m = re.search(lead + r"(\d{4})-(\d{1,2})-(\d{1,2})\b", text)
    if m:
        found = (int(m.group(1)), int(m.group(2)), int(m.group(3)))
    if not found:
        m = re.search(lead + r"(\d{1,2})[ ./](\d{1,2})[ ./](\d{4})\b", text)
        if m:
            found = (int(m.group(3)), int(m.group(2)), int(m.group(1)))
    if not found:
        m = re.search(lead + rf"(\d{{1,2}})\.?\s+({months})\s+(\d{{4}})\b", text)
        if m:
            found = (int(m.group(3)), MONTHS[m.group(2)], int(m.group(1)))
    if not found:
        m = re.search(lead + rf"({months})\s+(\d{{1,2}}),?\s+(\d{{4}})\b", text)
        if m:
            found = (int(m.group(3)), MONTHS[m.group(1)], int(m.group(2)))
    if not found:
        return None
    try:
        return date(*found)
    except (ValueError, TypeError):
        return None


def _backlog_at(q: Question, tv, dated, filters, orgs, day, en) -> Reading | Refusal:
    """Tickets open at the end of one day: created on or before it and not resolved or closed by then (the first of
    the resolved and closed times, as fct_ticket_lifecycle.done_date; a final status without a time leaves on its
    created day, as agg_ticket_periods counts it), over the exports asked, with the count filters. Without a day:
    the tickets open as exported (no resolved or closed time, no final status)."""
    taken = exports_taken(dated)
    if day is not None and not (taken and day <= taken and any(s.first and s.first <= day for s in dated)):
        # (a day after the last ticket was created but before the export was taken out is covered: its stock is known)
        refused = tickets.coverage_refusal(q, dated, [(day, day)], NAME, what=day.isoformat())
        if refused is not None:
            return refused
    # "ikkje lukka", "not closed": open until closed (a resolved ticket not yet closed is still open), in the exports
    # that record a closed time; "uløste", "not resolved": until the first of resolved and closed
    closed_only = closed_asked(q) and (getattr(tv, "has_closed_at", False) or any(s.events for s in dated))
    if closed_only:
        join = ""
        closes = [s.system for s in dated if "closed_at" in getattr(s, "filled", ()) or s.events]
        done = (f"case when {in_list('t.source_system', closes)} then cast(t.closed_at as date) "
                f"else cast(coalesce(t.resolved_at, t.closed_at) as date) end") if closes else \
            "cast(coalesce(t.resolved_at, t.closed_at) as date)"
    elif "done_date" in tv.lifecycle_columns:
        join = "join fct_ticket_lifecycle as l on l.ticket_key = t.ticket_key\n"
        done = "coalesce(l.done_date, case when l.is_done then l.created_date end)"
    else:
        join = ""
        done = "cast(coalesce(t.resolved_at, t.closed_at) as date)"
    d = f"date '{day.isoformat()}'" if day is not None else None
    open_then = f"({done} is null or {done} > {d})" if day is not None else f"{done} is null"
    if day is not None and any(s.events for s in dated) and tv.events:
        # an event log: the state after the ticket's latest event on or before the day (a ticket resolved, then
        # reopened before the day, is open; one resolved before the day and reopened after it was not)
        join += ("left join (\n  select e.ticket_key, arg_max(e.status, e.event_seq) as status_then\n"
                 "  from fct_ticket_event as e\n  where "
                 + in_list("e.source_system", [s.system for s in dated if s.events])
                 + f" and e.event_date <= {d}\n  group by e.ticket_key\n) as at_day on at_day.ticket_key = t.ticket_key\n")
        logs = in_list("t.source_system", [s.system for s in dated if s.events])
        final = "'closed', 'cancelled'" if closed_only else "'resolved', 'closed', 'cancelled'"
        open_then = (f"(case when {logs} then coalesce(at_day.status_then, 'new') not in ({final}) "
                     f"else {open_then} end)")
    where = [f"t.created_date <= {d}", open_then] if day is not None else [open_then]
    if len(dated) < len(tv.sources):
        where.append(in_list("t.source_system", [s.system for s in dated]))
    negated = tickets.negated_columns(q, filters, tv)
    for col, vals in filters.items():
        where.append(f"not coalesce({in_list(f't.{col}', vals)}, false)" if col in negated else
                     in_list(f"t.{col}", vals))
    if orgs:
        where.append(in_list("t.organisation_key", orgs))
    sql = ("select count(*) as open_tickets\nfrom fct_ticket as t\n" + join + "where " + "\n  and ".join(where))
    extra = "".join(f", {tickets.field_label(c, q.lang == 'en')} {'≠' if c in negated else '='} {', '.join(v)}"
                    for c, v in filters.items())
    extra += "".join(f", {k}" for k in orgs)
    if len(dated) < len(tv.sources) and "source_system" not in filters:
        extra += ", " + ", ".join(s.named for s in dated)
    if day is None:
        what = (("still open as exported (not closed)" if closed_only else
                 "still open as exported (not resolved or closed)") if en else
                ("fortsatt åpne i eksporten (ikke lukket)" if closed_only else
                 "fortsatt åpne i eksporten (ikke løst eller lukket)"))
        stated = [s.stated for s in dated if getattr(s, "stated", None)]
        latest = [s.latest for s in dated if getattr(s, "latest", None)]
        if stated and len(stated) == len(dated):  # when that was: the time the exports say they were taken out
            at = max(stated).strftime("%Y-%m-%d %H:%M")
            what += (f", at export time (the export says it was taken out {at})" if en else
                     f", da eksporten ble tatt ut (eksporten sier {at})")
        elif latest:  # when that was: the latest time the exports record
            at = max(latest).strftime("%Y-%m-%d %H:%M")
            what += (f", at export time (the latest time in the export: {at})" if en else
                     f", da eksporten ble tatt ut (siste tidspunkt i eksporten: {at})")
    elif closed_only:
        what = (f"not closed at the end of {day.isoformat()} (created by then, no closing by then)" if en else
                f"ikke lukket ved utgangen av {day.isoformat()} (opprettet innen da, ikke lukket innen da)")
    else:
        what = (f"open at the end of {day.isoformat()} (created by then, not resolved or closed by then)" if en else
                f"åpne ved utgangen av {day.isoformat()} (opprettet innen da, ikke løst eller lukket innen da)")
    interp = ("tickets " if en else "saker ") + what + extra

    def sentence(columns, rows, lang):
        n = format_number(rows[0][0])
        return f"{n} tickets {what}{extra}." if lang == "en" else f"{n} saker {what}{extra}."
    return Reading(NAME, tickets.source_label(dated, en, "fct_ticket"), sql, interp, sentence=sentence)


def _backlog(q: Question, tv, filters, orgs, period, en) -> Reading | Refusal | None:
    if not tv.periods_mart:
        return None
    p = q.period
    dims = [(AGG_DIMENSIONS[c], v) for c, v in filters.items() if c in AGG_DIMENSIONS]
    if orgs:
        dims.append(("organisation", orgs))
    if len(dims) > 1 or len(filters) > len([c for c in filters if c in AGG_DIMENSIONS]):
        return None  # the mart carries one breakdown at a time
    dimension, values = dims[0] if dims else ("all", ["all"])
    ranges = p.ranges() if p.years or p.months or p.quarters or p.weeks or p.halves else []
    if (p.months or p.quarters or p.weeks or p.halves) and not p.years:
        ranges = p.ranges(tv.years[-1:]) if len(tv.years) == 1 else []
        if not ranges:
            return None
    where = [f"a.dimension = '{dimension}'", in_list("a.dimension_value", values)]
    if ranges:
        end = max(b for _, b in ranges)
        # the backlog at a period's end is the backlog on its last day
        # (or the day the exports were taken out, when before it: the latest time they record)
        last = exports_taken(tv.sources) or tv.last
        where += ["a.grain = 'date'", f"a.end_date = date '{min(end, last) if last else end}'"]
        what = (f"open at the end of {period}" if en else f"åpne ved utgangen av {period}")
    else:
        where += ["a.grain = 'date'", "a.end_date = (select max(end_date) from agg_ticket_periods "
                  "where grain = 'date' and created_count > 0)"]
        what = "open at the last date of the exports" if en else "åpne ved siste dato i saksdataene"
    sql = ("select a.period_key, a.dimension_value, a.backlog_open_at_end as open_tickets\n"
           "from agg_ticket_periods as a\nwhere " + "\n  and ".join(where) + "\norder by a.dimension_value")
    interp = ("tickets " if en else "saker ") + what + ("" if dimension == "all" else f", {dimension} = "
                                                        + ", ".join(map(str, values)))

    def sentence(columns, rows, lang):
        if len(rows) == 1:
            return (f"{format_number(rows[0][2])} tickets {what} ({rows[0][0]})." if lang == "en" else
                    f"{format_number(rows[0][2])} saker {what} ({rows[0][0]}).")
        return (f"Tickets {what}: " if lang == "en" else f"Saker {what}: ") + "; ".join(
            f"{r[1]}: {format_number(r[2])}" for r in rows) + "."
    return Reading(NAME, tickets.source_label([], en, "agg_ticket_periods"), sql, interp, sentence=sentence,
                   empty_reason=("The exports do not cover that period." if en else
                                 "Saksdataene dekker ikke den perioden."))


def _wait(q: Question, tv, dated, filters, orgs, period, en, vocab) -> Reading | Refusal:
    """Phone wait until answered (fct_ticket.phone_wait_seconds): mean/median, or the share answered
    within N minutes or seconds."""
    import re

    where = ["t.channel = 'phone'", "t.phone_wait_seconds is not null",
             in_list("t.source_system", [s.system for s in dated])]
    p = q.period
    ranges = p.ranges() if p.years else []
    if ranges:
        where.append(tickets.in_ranges("t.created_date", ranges))
    for col, vals in filters.items():
        if col != "channel":
            where.append(in_list(f"t.{col}", vals))
    if orgs:
        where.append(in_list("t.organisation_key", orgs))
    extra = "".join(f", {tickets.field_label(c, q.lang == 'en')} = {', '.join(v)}" for c, v in filters.items()
                    if c != "channel")
    extra += "".join(f", {vocab.organisation_names.get(k, k)}" for k in orgs) + (f", {period}" if period else "")
    if not tv.phone_wait:
        return Refusal(NAME, "unanswerable", "The ticket exports record no phone wait times." if en else
                       "Saksdataene har ingen ventetider på telefon.", interpretation="ventetid telefon")
    words_ = {"ett": 1, "ein": 1, "eitt": 1, "en": 1, "one": 1, "to": 2, "two": 2, "tre": 3, "three": 3, "fire": 4,
              "four": 4, "fem": 5, "five": 5, "ti": 10, "ten": 10, "tretti": 30, "thirty": 30}
    within = re.search(r"(?:innen|within|under|på mindre enn|in less than)\s+(\d+(?:[.,]\d+)?|"
                       + "|".join(sorted(words_, key=len, reverse=True)) + r")\s*"
                       r"(minutt\w*|min\w*|sekund\w*|sek\w*|seconds?|s)\b", q.text)
    source = tickets.source_label(dated if len(dated) < len(tv.sources) else [], en, "fct_ticket")
    # report figures may state the same measure for other years
    partial = (not ranges or not all(tv.first <= a and b <= tv.last for a, b in ranges)) and not q.has(
        *tickets.EXPORT_CUES)
    if within:
        n = within.group(1)
        n = float(words_[n]) if n in words_ else float(n.replace(",", "."))
        seconds = n * 60 if within.group(2).startswith("min") else n
        sql = (f"select round(100.0 * count(*) filter (where t.phone_wait_seconds <= {seconds:g}) / count(*), 1) "
               f"as pct, count(*) filter (where t.phone_wait_seconds <= {seconds:g}) as calls_within, "
               f"count(*) as calls\nfrom fct_ticket as t\nwhere " + "\n  and ".join(where))
        limit = f"{format_number(n)} {within.group(2)}"
        interp = (f"phone calls answered within {limit}" if en else f"telefonhenvendelser besvart innen {limit}") + extra

        def sentence(columns, rows, lang):
            pct, k, total = rows[0]
            return (f"{format_number(pct, 1)} % ({interp}: {format_number(k)} of {format_number(total)})." if lang == "en"
                    else f"{format_number(pct, 1)} % ({interp}: {format_number(k)} av {format_number(total)}).")
        return Reading(NAME, source, sql, interp, sentence=sentence, partial=partial)
    stat = "median" if q.has(r"median\w*") else "avg"
    unit, factor = ("minutes", " / 60.0") if q.has(r"minutt\w*", r"minutes?") else ("seconds", "")
    sql = (f"select round(cast({stat}(t.phone_wait_seconds){factor} as numeric), 1) as {stat}_wait_{unit}, "
           f"count(*) as calls\nfrom fct_ticket as t\nwhere " + "\n  and ".join(where))
    stat_w = ("median" if stat == "median" else "mean") if en else ("median" if stat == "median" else "gjennomsnittlig")
    unit_w = unit if en else {"minutes": "minutter", "seconds": "sekunder"}[unit]
    interp = (f"{stat_w} phone wait until answered ({unit_w})" if en else
              f"{stat_w} ventetid på telefon til svar ({unit_w})") + extra
    return Reading(NAME, source, sql, interp, partial=partial, sentence=lambda c, r, lang: (
        f"{interp}: {format_number(r[0][0])} ({format_number(r[0][1])} calls)." if lang == "en" else
        f"{interp}: {format_number(r[0][0])} ({format_number(r[0][1])} samtaler)."))
