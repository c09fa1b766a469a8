"""One ticket named by its id: "Hvilken status har sak INC-0004290, og hvor mange ganger er den gjenåpnet?", "How many
hours did it take to resolve case CAS-25406-CBJJRF?". The answer is that ticket's own row (fct_ticket, with its reopen
count from fct_ticket_lifecycle when the exports record reopenings): its status as exported, priority, customer,
created and resolved times, resolution hours and reopen count. An id no export has is said (empty_reason), never
another ticket's figures or a count over every ticket.

An id is read from its shape: letters then digits ("INC-0004290", "INC0070060", "CAS-25406-CBJJRF", "HIVE-123"), or
any token with a digit right after a ticket noun ("sak 4274", "ticket #11139", "case nr. 88"). Ids are matched without
case and without separators ("INC-0004290" is "INC0004290" as exported).
"""
from __future__ import annotations

import re

from app.engine.families import tickets
from app.engine.families.base import Question, Reading, in_list, sql_str
from app.engine.format import format_number, format_timestamp

NAME = "ticket_lookup"

_NOUN = (r"(?:saka|saken|sak|ticket|case|incident|incidenten|hendelse|hendelsen|hending|hendinga|"
         r"henvendelse|henvendelsen|henvending|henvendinga|ärende|ärendet|issue|request|melding|meldingen|meldinga)")
# "INC-0004290", "CAS-25406-CBJJRF", "INC0070060": letters, an optional separator, three or more digits, more parts
_SHAPED = re.compile(r"(?<![\w-])([A-Za-z]{2,}[-_]?\d{3,}(?:[-_][A-Za-z0-9]+)*)(?![\w-])")
# "sak 4274", "ticket #11139", "case nr. 88", "saksnummer 4274" (a singular noun: "tickets 2020-2021" is a span)
_AFTER_NOUN = re.compile(r"(?<!\w)(?:" + _NOUN + r"|saksnummer|saksnr|ticket number|case number)\s*"
                         r"(?:(?:nr\.?|no\.?|number|nummer|id)\s*)?#?\s*([A-Za-z]*[-_]?\d[\w-]*)(?![\w-])", re.I)
# "SR 7350", "RFC #412": two to four capitals (a ticket kind's abbreviation), a space, three or more digits
_ABBREVIATED = re.compile(r"(?<![\w-])([A-Z]{2,4})\s+#?\s*(\d{3,})(?![\w-])")
# tokens of that shape that are no ticket id: a year, a quarter or a priority ("Q4", "P1", "FY2024")
_NOT_ID = re.compile(r"(?:19|20)\d\d(?:\s*[-–/]\s*(?:19|20)?\d\d)?|[qkhpt]\d|fy\d+|iso\d+", re.I)


# "statusendringer", "status changes", "endringer av status", "times did its status change"
STATE_CHANGES = (r"status ?endring\w*", r"statusskift\w*", r"status changes?", r"state changes?",
                 r"status transitions?", r"endring\w* (?:av|i) status\w*", r"changes? of (?:status|state)",
                 r"statusbyte\w*")
EVENT_COUNTS = (r"hvor mange (?:hendelser|hendingar|aktiviteter|aktivitetar|oppdateringer|transaksjoner)",
                r"kor mange (?:hendelser|hendingar|aktivitetar|aktiviteter|oppdateringar|transaksjonar)",
                r"how many (?:events|activities|updates|transactions|log entries)")


def ticket_ids(q: Question, prefixes=frozenset()) -> list[str]:
    """The ticket ids the question names, as written: after a ticket noun, or shaped as one on its own when its
    letters are an id prefix of the exports ("ITS" of "ITS-1603") or are capitals before four digits or more
    ("INC0070060"; "Office365" is no id)."""
    found = [m.group(1) for m in _AFTER_NOUN.finditer(q.raw)]
    # "sak #1987", "ticket nr. 2024": written as a number, a year-shaped id is an id
    numbered = {m.group(1) for m in _AFTER_NOUN.finditer(q.raw) if re.search(r"(?:#|\bnr\.?|\bno\.?|number|nummer)\s*"
                                                                          + re.escape(m.group(1)) + "$", m.group(0), re.I)}
    for m in _ABBREVIATED.finditer(q.raw):
        # "SR 7350", "RFC #412": a system's abbreviation for its tickets, then the number (as exported, with the
        # letters only when the exports' ids carry them)
        found.append(m.group(1) + m.group(2) if m.group(1).lower() in prefixes else m.group(2))
    for m in _SHAPED.finditer(q.raw):
        letters = re.match(r"[A-Za-z]+", m.group(1)).group(0)
        if letters.lower() in prefixes or (letters.isupper() and sum(c.isdigit() for c in m.group(1)) >= 4):
            found.append(m.group(1))
    return list(dict.fromkeys(i.rstrip("-_.") for i in found if (i in numbered or not _NOT_ID.fullmatch(i))
                              and any(c.isdigit() for c in i)))


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def read(q: Question, vocab) -> Reading | None:
    tv = vocab.data.tickets if vocab.data else None
    if tv is None or not tv.rows or not tickets.is_ticket_question(q, vocab):
        return None
    ids = ticket_ids(q, tv.id_prefixes)
    if len(ids) != 1:
        return None
    asked = ids[0]
    en = q.lang == "en"
    measured = getattr(tv, "lifecycle_measured", {}) or {}
    reopen = bool(measured.get("reopen_count"))
    cols = tv.columns
    pick = [f"t.{c}" for c in ("ticket_id", "source_file", "status_source", "status", "priority_source", "priority",
                               "customer_name", "category", "created_at", "resolved_at", "closed_at",
                               "resolution_hours") if c in cols or c == "source_file"]
    if "created_date" in cols:  # the day it came in, as its users read it (a time cell is UTC), in a cell of its own
        pick.append("cast(t.created_date as varchar) as created_day")
    if reopen:
        pick.append("l.reopen_count")
    join = "\nleft join fct_ticket_lifecycle as l on l.ticket_key = t.ticket_key" if reopen else ""
    if "customer_name" in cols and "organisation_key" in cols:
        # the customer as the organisation the names were grouped into ("Sorvag kommune" is Sørvåg kommune)
        pick.append("o.organisation_name")
        join += ("\nleft join dim_organisation as o on o.organisation_key = t.organisation_key"
                 " and t.organisation_key <> 'unknown'")
    # a column of the exports the question names for the ticket ("brukt tid på sak #1234", "the SLA status of
    # INC-12"): its value for that ticket, beside the fields every ticket has
    attr = None
    if getattr(tv, "attributes", None):
        from app.engine.families.ticket_attributes import named_attribute

        attr, values, _ = named_attribute(q, tv)
        if attr is not None and not values:
            value = "a.value_number" if attr.numeric else "a.value"
            pick.append(f"(select {'sum' if attr.numeric else 'string_agg'}({value}{'' if attr.numeric else ', chr(59)'}) "
                        f"from fct_ticket_attribute as a where a.ticket_key = t.ticket_key and a.source_system = "
                        f"t.source_system and a.attribute = {sql_str(attr.name)}) as attribute_value")
        else:
            attr = None
    # "hvor mange statusendringer har sak 4711", "how many events does ticket X have": from the event log, its
    # changes of state after the first event (a state written again is no change), or all its events
    counted = None
    if "fct_ticket_event" in getattr(vocab, "tables", ()) and q.has(*STATE_CHANGES, *EVENT_COUNTS):
        if q.has(*STATE_CHANGES):
            counted = "status_changes"
            pick.append("(select count(*) from (select e.event_seq, e.status, lag(e.status) over (order by "
                        "e.event_seq) as prev, min(e.event_seq) over () as first from fct_ticket_event as e "
                        "where e.ticket_key = t.ticket_key) where event_seq > first and status is not null "
                        "and status is distinct from prev) as status_changes")
        else:
            counted = "events"
            pick.append("(select count(*) from fct_ticket_event as e where e.ticket_key = t.ticket_key) as events")
    # the export the question names holds the ticket ("<system>-sak #1234"): another export's ticket of that id is
    # not it
    chosen, _ = tickets.selected_sources(q, tv)
    where = ""
    if chosen and len(chosen) < len(tv.sources):
        where = "\n  and " + in_list("t.source_system", [src.system for src in chosen])
    sql = (f"select {', '.join(pick)}\nfrom fct_ticket as t{join}\n"
           f"where regexp_replace(lower(t.ticket_id), '[^a-z0-9]', '', 'g') = {sql_str(_key(asked))}{where}\n"
           f"order by t.source_file")
    interpretation = (f"ticket {asked}: its status, priority, customer, times and reopenings" if en else
                      f"sak {asked}: status, prioritet, kunde, tider og gjenåpninger")

    def sentence(columns, rows, lang):
        en_ = lang == "en"
        parts = []
        for row in rows:
            r = dict(zip(columns, row))
            bits = []

            def add(label_en, label_nb, value):
                if value is not None and value != "":
                    bits.append(f"{label_en if en_ else label_nb} {value}")

            if counted == "status_changes":
                add("changes of status", "statusendringer", r.get("status_changes"))
            elif counted == "events":
                add("events in the log", "hendelser i loggen", r.get("events"))
            if attr is not None:
                v = r.get("attribute_value")
                add(f"«{attr.name}»", f"«{attr.name}»", "–" if v is None else format_number(v) if
                    isinstance(v, (int, float)) else v)
            status = r.get("status_source") or r.get("status")
            add("status", "status", status)
            add("priority", "prioritet", r.get("priority_source") or r.get("priority"))
            customer, named = r.get("customer_name"), r.get("organisation_name")
            if customer and named and named.casefold() != str(customer).casefold():
                customer = f"{named} ({'written' if en_ else 'skrevet'} «{customer}»)"
            add("customer", "kunde", customer)
            add("category", "kategori", r.get("category"))
            for key, label_en, label_nb in (("created_at", "created", "registrert"), ("resolved_at", "resolved", "løst"),
                                            ("closed_at", "closed", "lukket")):
                if r.get(key) is not None:  # the wall-clock time in Norway, as the exports' users read it
                    add(label_en, label_nb, format_timestamp(r[key], lang))
            if r.get("resolution_hours") is not None:
                add("resolution time", "løsningstid", format_number(float(r["resolution_hours"]), 2)
                    + (" hours" if en_ else " timer"))
            elif "resolution_hours" in r:
                bits.append("not resolved" if en_ else "ikke løst")
            if "reopen_count" in r and r["reopen_count"] is not None:
                n = int(r["reopen_count"])
                bits.append((f"reopened {n} time{'s' if n != 1 else ''}" if en_ else f"gjenåpnet {n} ganger"))
            if not reopen and q.has(r"gjenåpn\w*", r"gjenopna?\w*", r"reopen\w*", r"återöppn\w*"):
                bits.append("the exports record no reopenings" if en_ else "eksporten har ikke gjenåpninger")
            where = f" («{str(r['source_file']).replace(chr(92), '/').rsplit('/', 1)[-1]}»)" if r.get("source_file") else ""
            parts.append((f"Ticket {r.get('ticket_id', asked)}{where}: " if en_ else
                          f"Sak {r.get('ticket_id', asked)}{where}: ") + ", ".join(bits) + ".")
        return " ".join(parts)

    def row_source(columns, rows):
        # the export(s) that hold the ticket, not every export searched
        if "source_file" not in columns:
            return None
        at = columns.index("source_file")
        held = {str(r[at]).replace("\\", "/").rsplit("/", 1)[-1] for r in rows if r[at]}
        chosen = [s for s in tv.sources if held & set(s.files)]
        return tickets.source_label(chosen, en, "fct_ticket") if chosen else None

    files = ", ".join(f"«{f}»" for s in tv.sources for f in s.files)
    return Reading(NAME, tickets.source_label(tv.sources, en, "fct_ticket"), sql, interpretation, sentence=sentence,
                   row_source=row_source,
                   empty_reason=(f"No ticket with the id {asked} is in the ticket exports ({files})." if en else
                                 f"Ingen sak med id {asked} finnes i saksdataene ({files})."))
