"""Infer a column mapping for a helpdesk export that no preset or YAML mapping fits.

Pure functions: a header and a sample of rows (text cells) in, an Inference out. Each canonical
field is chosen from header words (English and Norwegian, split on anything that is not a letter
or digit, so "case:concept:name", "Σ Tid (t)" and "Operator_Group" all give words) and from the
content of the sample: how unique the values are, whether they look like dates, whether the
values are a small set the priority/status/channel normalisers know.

An export with an activity column and ticket ids that repeat is an event log (one row per state
change); its time column becomes event_at and the created time is the first event of a ticket.

The created time: a column whose header has a creation word ("Innmeldingsdato", "Registrert", "Oppretta",
"Inkommen", "Date opened"; whole words or the beginnings in STEMS, so Norwegian and Swedish compounds count)
wins; a column named as a completion, closing, response or update time ("Ferdigmeldt dato", "Lukka",
"Stängd", "Date closed", "Last updated") is never the created time. With no creation word, the content
decides: the date column filled on (nearly) every row and holding the earliest date of its row on most
rows (created comes before resolved and closed). Rows whose first filled cell says they are totals
("Totalt", "Sum", "I alt": TOTALS_LABELS) and blank rows are left out of the sample.

The result says which column became what and why, and renders as a YAML mapping
(flows/tickets/mappings/example.yaml format) the user can edit and keep. It refuses when no ticket id
is found, or when no created/event time is found in an export that has a date-shaped or a date-named
column (a time it cannot read), naming the columns it saw.

A dateless snapshot is kept: an export with an id column (named so in its header), at least one
dimension (status, priority, category, customer, ...) and no date-shaped or date-named column at all
(a Jira issue list: Key, Summary, Status, Priority, Affected Versions) is loaded one row per ticket
with no created time. Its tickets count in every breakdown that needs no period; they cannot be
placed in a year, quarter, month or week, and the load message says so. Refusing it would lose good
data: the counts by status, priority or version are exactly what such a list is exported for.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass

import yaml

from flows.org_kinds import names_organisation
from flows.tickets.flags import breach_words, flag_values, no_verdict, sla_verdict, sla_words, state_codes, yes_no
from flows.tickets.presets import (
    NESTED_NAME_KEYS,
    ColumnMapping,
    activity_state,
    header_priority_scale,
    names_event,
    normalise_channel,
    normalise_priority,
    normalise_status,
    signed_priority_scale,
)
from flows.tickets.values import (
    DURATION_HEADER_STRONG,
    MONTHS,
    NULL_TOKENS,
    duration_hours,
    duration_in_unit_hours,
    email_organisation,
    header_unit_hours,
    named_date,
    without_zone,
)

NULL_TEXTS = frozenset(NULL_TOKENS)
# a row whose id (or first filled) cell is one of these, after case and trailing ":" or ".", sums the rows above it
TOTALS_LABELS = ("total", "totalt", "totals", "totalsum", "totalsumma", "sum", "summa", "summer", "sammanlagt",
                 "i alt", "ialt", "samlet", "samla", "grand total", "sum total", "totalt antall", "antall totalt",
                 "total count")

# words of a time header saying when something should be done by ("Løs innen", "Svar innan", "Lös senast", "Resolve
# before"): a deadline, never the time it was done
DEADLINE_WORDS = frozenset({"innen", "innan", "senest", "senast", "before", "før", "bis", "spätestens"})
# words of a time header saying it is the latest time allowed or when it falls due ("MAX_RESOLUTION_DATE_UT",
# "Maks løsningstid", "Forfallsdato"): a limit, never the time it was done (only for the completion and response times:
# "Max" in any other header says nothing of the kind)
LIMIT_WORDS = frozenset({"max", "maks", "maximum", "maksimum", "maksimal", "maximal", "forfall", "forfallsdato",
                         "forfallstid", "forfaller", "duedate", "targetdate"})
# the nouns of a completion written as the end of a compound ("Saksløsning", "Ärendelösning", "Case resolution"): the
# time column they name is the resolution's, as "resolution" is (weight 1; an "actual end (Case resolution)")
RESOLUTION_TAILS = ("løsning", "løysing", "lösning", "resolution")

# header word -> weight, per field; NEGATIVE words rule a column out for that field
WORDS: dict[str, dict[str, int]] = {
    "ticket_id": {"#": 2, "id": 3, "key": 3, "nøkkel": 3, "number": 2, "nummer": 2, "nr": 2, "no": 1, "saksnr": 3,
                  "saksnummer": 3, "meldingsnummer": 3, "ref": 1, "referanse": 2, "reference": 2, "case": 2,
                  "sak": 2, "ticket": 2, "incident": 2, "issue": 2, "henvendelse": 2, "concept": 1,
                  "sakid": 3, "ticketid": 3, "caseid": 3, "ärendenummer": 3, "ärendenr": 3, "ärende": 2,
                  "sagsnummer": 3, "sagsnr": 3, "sag": 2, "request": 2, "ärendeid": 3, "saknr": 3,
                  "errand": 2, "vorgang": 2, "vorgangsnummer": 3, "ticketnummer": 3, "meldung": 2,
                  "meldungsnummer": 3, "fallnummer": 3, "sagsid": 3,
                  # a change history's record changed ("Object" R-004012 of an iTop history, "Entitet")
                  "object": 2, "objekt": 2, "record": 2},
    # creation words (nb, nn, sv, da, en); "date"/"dato" alone say nothing about which date it is
    "created_at": {"created": 3, "opprettet": 3, "oppretta": 3, "opened": 3, "åpnet": 3, "opna": 3,
                   "registrert": 3, "registered": 3, "registreringsdato": 3, "innmeldt": 3, "innmeldingsdato": 3,
                   "submitted": 3, "submit": 3, "submission": 3, "reported": 3, "logged": 3, "raised": 3, "meldt": 2, "mottatt": 3,
                   "received": 2, "innkommet": 3, "skapt": 3, "calldate": 3, "meldingsdato": 3, "inkommen": 3,
                   "inkom": 3, "skapad": 3, "skapat": 3, "registrerad": 3, "oprettet": 3, "registreret": 3,
                   "modtaget": 3, "requested": 2, "date": 1, "dato": 1, "datum": 1, "start": 1, "startet": 1,
                   "occurred": 2, "erstellt": 3, "erstelldatum": 3, "angelegt": 3, "eröffnet": 3, "gemeldet": 3,
                   "eingegangen": 3, "eingang": 2, "erfasst": 3},
    # the time of a change in a status history ("StatusChangedOn", "Changed at", "Endret", "Tidspunkt", "Ändrad"), of an
    # event in an API's event stream ("emitted_at", "happened_at")
    "event_at": {"timestamp": 3, "ts": 3, "emitted": 3, "happened": 2, "performed": 2, "time": 2, "tid": 2, "tidspunkt": 3, "tidpunkt": 3, "tidsstämpel": 3,
                 "tidsstempel": 3, "updated": 2, "endret": 2, "endra": 2, "oppdatert": 2, "ändrad": 2, "uppdaterad": 2,
                 "ændret": 2, "opdateret": 2, "changed": 2, "modified": 2, "ändringsdatum": 3, "date": 1, "dato": 1,
                 "datum": 1, "when": 1, "geändert": 2, "aktualisiert": 2, "zeitpunkt": 3, "zeitstempel": 3},
    # completion words: never the created time (see LATER)
    "resolved_at": {"resolved": 3, "solved": 3, "løst": 3, "løyst": 3, "löst": 3, "ferdigmeldt": 3, "ferdig": 2,
                    "completed": 2, "fullført": 2, "fullfört": 2, "udført": 2, "done": 2, "åtgärdad": 3,
                    "resolution": 1, "gelöst": 3, "erledigt": 3, "behoben": 3, "fixed": 2},
    "closed_at": {"closed": 3, "lukket": 3, "lukka": 3, "avsluttet": 3, "avslutta": 3, "stängd": 3, "stängt": 3,
                  "avslutad": 3, "afsluttet": 3, "ended": 2, "end": 1, "slutt": 1, "geschlossen": 3,
                  "abgeschlossen": 3},
    "first_response_at": {"response": 2, "respons": 2, "responded": 2, "svar": 1, "reply": 2, "answer": 2,
                          "answered": 2},
    "priority": {"priority": 3, "prioritet": 3, "prio": 3, "severity": 3, "alvorlighet": 3,
                 "alvorlighetsgrad": 3, "urgency": 2, "hastegrad": 2, "seriousness": 3, "impact": 1,
                 "innvirkning": 1, "påvirkning": 1, "påverknad": 1, "påverkan": 1,
                 "priorität": 3, "prioritaet": 3, "dringlichkeit": 2, "schweregrad": 3, "allvarlighetsgrad": 3,
                 "brådska": 2, "angelägenhetsgrad": 2},
    # (a pipeline's stage is the ticket's state: Odoo's «Stage», «Stadium», HubSpot's «Ticket stage»)
    "status": {"status": 3, "state": 3, "tilstand": 3, "behandlingsstatus": 3, "zustand": 3, "bearbeitungsstatus": 3,
               "stage": 2, "stadium": 2, "stadie": 2, "fase": 1, "phase": 1},
    "category": {"category": 3, "kategori": 3, "type": 2, "tema": 2, "område": 2, "area": 2, "component": 2,
                 "components": 2, "komponent": 2, "komponenter": 2, "service": 1, "tjeneste": 1,
                 # a help desk's "help topic" (the form a ticket was filed under) is its category
                 "topic": 3, "helptopic": 3,
                 "kategorie": 3, "categorization": 3, "categorisation": 3, "kategorisering": 3,
                 "bereich": 2, "sachgebiet": 2, "classification": 2, "klassifisering": 2,
                 "klassificering": 2,
                 # a service catalogue's entry ("Catalog" = "Konto og tilgang > Passord"): what the ticket is about
                 "catalog": 2, "catalogue": 2, "katalog": 2, "tjenestekatalog": 2, "tenestekatalog": 2},
    "customer_org": {"organisation": 3, "organization": 3, "organisasjon": 3, "org": 2, "customer": 3, "customerid": 2,
                     "kunde": 3, "kommune": 3, "municipality": 3, "company": 3, "selskap": 3, "virksomhet": 3, "client": 2,
                     "firma": 3, "kund": 3, "företag": 3, "organizational": 3, "organisational": 3,
                     "organisasjonsenhet": 3, "organisationsenhet": 3, "kommun": 3,
                     "klient": 2, "tenant": 2, "department": 2, "avdeling": 2, "branch": 2, "filial": 2, "site": 2,
                     "entity": 2, "location": 1, "lokasjon": 1, "account": 2, "gemeinde": 3, "mandant": 2,
                     "kundenname": 3, "firmenname": 3, "unternehmen": 3},
    "channel": {"channel": 3, "kanal": 3, "source": 2, "kilde": 2, "via": 2, "contact": 1, "meldingsmåte": 3,
                "innmeldingsmåte": 3, "origin": 2, "kontaktsätt": 3, "kontaktväg": 3, "kontaktmåte": 3,
                "kontaktform": 3, "kontaktmetode": 3, "kontaktkanal": 3, "quelle": 2, "eingangskanal": 3,
                "meldeweg": 3},
    # a helpdesk's "Department" (Zoho Desk, LiveAgent: the support team a ticket sits with) when no customer is read
    # from it: weak, after the customer
    "assignment_group": {"group": 3, "gruppe": 3, "team": 3, "queue": 2, "kø": 2, "operatørgruppe": 3,
                         "behandlergruppe": 3, "bearbeitergruppe": 3, "supportgruppe": 3, "lösungsgruppe": 3,
                         "department": 1},
    "activity": {"activity": 3, "aktivitet": 3, "event": 2, "hendelse": 2, "action": 2, "handling": 2, "history": 2,
                 "task": 1, "concept": 1, "step": 1, "steg": 1},
    # who made a change ("ChangedBy", "Endret av", "Handläggare"); "by"/"av" only as a weak word of an event log
    # (a field-change log's "AssignedTo"/"Owner" column: who holds the ticket after each change)
    "resource": {"resource": 3, "ressurs": 3, "agent": 2, "user": 1, "bruker": 1, "assignee": 2, "assigned": 2,
                 "owner": 2, "handler": 2, "behandler": 2, "saksbehandler": 3, "operator": 2, "operatør": 2, "performer": 2, "handläggare": 3,
                 "by": 1, "av": 1},
    "reassignment_count": {"reassignment": 3, "reassignments": 3, "omfordelinger": 3, "omfordeling": 3},
    "sla_met": {"sla": 2, "made": 1, "met": 1, "oppfylt": 1, "innenfor": 1, "within": 1, "breached": -9,
                "brudd": -9, "overskredet": -9},
    "reopen_count": {"reopen": 3, "reopened": 3, "reopens": 3, "gjenåpnet": 3, "gjenåpninger": 3},
}
# word beginnings that count as the field's word (weight 3) in compounds: "Registreringstidspunkt", "Lukkedato",
# "Stängningsdatum", "Innmeldingstid"
STEMS: dict[str, tuple[str, ...]] = {
    "created_at": ("innmeld", "registrer", "opprett", "mottak", "innkom", "inkom", "skapa", "oprett", "modtag",
                   "creat"),
    "resolved_at": ("ferdigmeld", "ferdigstil", "løs", "løys", "lös", "resolv", "solv", "åtgärd", "fullfør",
                    "complet"),
    "closed_at": ("lukk", "avslut", "stäng", "afslut", "clos"),
    "reopen_count": ("reopen", "gjenåpn", "gjenopn", "återöppn", "genåbn", "genopn", "wiedereröffn", "wiedergeöffn"),
    # the time of a change written as one compound ("Endringstidspunkt", "Ändringsdatum", "Statusendringstid")
    "event_at": ("endring", "ändring", "ændring", "statusendring", "statusändring"),
}
# words that name a later time than the creation: with the completion words (resolved_at, closed_at) and the
# response words (first_response_at) they rule a column out as the created time
LATER = {"updated", "oppdatert", "endret", "endra", "ändrad", "ændret", "modified", "changed", "due", "deadline",
         "frist", "forfall", "forfallsdato", "sist", "siste", "last", "latest", "planned", "planlagt", "target",
         "geändert", "aktualisiert", "zuletzt", "fällig", "senast", "seneste", "opdateret"}
NEGATIVE: dict[str, set[str]] = {
    "ticket_id": {"variant", "index", "creator", "type", "class", "klasse", "klass", "count", "antall", "parent", "user",
                  "org", "resource",
                  "group", "version", "versions", "summary", "customer", "kunde", "client", "klient", "antal",
                  "antallet", "of", "andel", "share", "percent", "prosent", "procent", "sum", "total", "totalt"},
    "customer_org": {"resource", "user"},
    "category": {"id", "sub", "under"},  # ("Sub Category": the level below the category, subcategory_column)
    "activity": {"case", "time", "timestamp", "id", "variant"},
    "resource": {"case", "id"},
    "created_at": {"version", "versions"},
    # a deadline ("resolveby", "Resolve by", "Løsningsfrist", "Due"): when it should be done, not when it was
    # ("Løs innen", "Svar innan", "Lös senast": the time it should be done within, not when it was)
    "resolved_at": {"by", "due", "deadline", "frist", "target", "planned", "planlagt", "expected", "forventet",
                    *DEADLINE_WORDS, *LIMIT_WORDS},
    "closed_at": {"by", "due", "deadline", "frist", "target", "planned", "planlagt", "expected", "forventet",
                  *DEADLINE_WORDS, *LIMIT_WORDS},
    "first_response_at": {"by", "due", "deadline", "frist", "target", "planned", "planlagt", "expected",
                          "forventet", *DEADLINE_WORDS, *LIMIT_WORDS,
                          # the latest answer ("last_response_at", "Siste svar") is no first response
                          "last", "latest", "siste", "sist", "senaste", "seneste"},
    "event_at": {"version", "versions"},
    # the state a change left ("Fra status" / "Til status" of a status history): the one it entered is the status
    "status": {"fra", "from", "från", "old", "previous", "forrige", "tidligere", "gammel", "gamla", "tidigare"},
}
# words that name an event's type (its values then say which: created, assigned, resolved, ...)
EVENT_TYPE_WORDS = {"type", "kind", "art", "event", "action", "hendelse", "handling", "activity"}
# id words that name a ticket's id when they are the whole header ("Ref", "No.", "Nr", "Key", "Sak", "Case"): weak as
# one word among others ("Case type", "Ref. doc"), an id header on their own
ID_HEADER_WORDS = frozenset({"ref", "reference", "referanse", "referens", "nr", "no", "number", "nummer", "key",
                             "nøkkel", "sak", "sag", "case", "ärende", "ticket", "issue", "incident", "request"})
# words of a column naming what moved a ticket from one state to the next ("Stimulus", "Transition"): its rows are
# changes (an event log), though its values (a system's own codes) name no state to read
TRANSITION_WORDS = frozenset({"stimulus", "transition", "transitions", "overgang", "övergång", "overgange"})
# words that name the ticket an event belongs to (not the event's own id)
# (a shared inbox's or chat desk's ticket is its conversation: "conversation.id" of an event beside its author's id)
TICKET_WORDS = {"ticket", "case", "sak", "saks", "incident", "issue", "henvendelse", "ärende", "sag", "request",
                "conversation", "samtale", "samtal", "konversasjon"}
# words of a column that numbers the rows of a change history, not the tickets ("TransactionId", "EventId")
ROW_ID_WORDS = {"transaction", "transaksjon", "event", "hendelse", "hending", "change", "endring", "audit", "log",
                "logg", "history", "historikk", "entry", "journal", "row", "rad", "line", "linje", "activity"}
# header words naming a column as a date or time of day
DATE_WORDS = frozenset({"date", "dato", "datum", "time", "tid", "tidspunkt", "timestamp", "when", "at", "on"})
TIME_FIELDS = ("created_at", "event_at", "resolved_at", "closed_at", "first_response_at")

_ISO = re.compile(r"\d{4}-\d{1,2}-\d{1,2}([ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?")
_DAY_FIRST = re.compile(r"(\d{1,2})[./-](\d{1,2})[./-](\d{4}|\d{2})(,?\s+(kl\.?\s*)?\d{1,2}[:.]\d{2}([:.]\d{2})?"
                        r"(\s?[AaPp][Mm])?)?")
_MONTH_NAME = re.compile(r"\d{1,2}/[A-Za-z]{3}/\d{2,4}(\s+\d{1,2}:\d{2}(\s?[AaPp][Mm])?)?")
_YEAR_FIRST = re.compile(r"\d{4}([/.])\d{1,2}\1\d{1,2}([ T]\d{1,2}[:.]\d{2}([:.]\d{2})?)?")
# epoch seconds (10 digits) or milliseconds (13), with a fraction as JSON APIs write them ("1736119049.609")
_EPOCH = re.compile(r"1\d{9}(\.\d+)?|1\d{12}(\.\d+)?")
_SERIAL = re.compile(r"[1-9]\d{4}([.,]\d+)?")


_CAMEL = re.compile(r"(?<=[a-zæøå])(?=[A-ZÆØÅ])|(?<=[A-ZÆØÅ])(?=[A-ZÆØÅ][a-zæøå])")


def header_words(name: str) -> list[str]:
    """The words of a header: split on anything not a letter or digit, and words glued in CamelCase
    ("TicketNumber", "ChangeTime", "CustomerID") split too, the glued word kept beside its parts (a preset
    header such as "CallDate" is a word of its own)."""
    # "SR #", "Ticket #", "Case#", "#": the sign at the end reads as "number" ("# of reopens" does not)
    words: list[str] = ["#"] if name.strip().endswith("#") else []
    for word in re.findall(r"[^\W_]+", name):
        parts = _CAMEL.sub(" ", word).split()
        words += [p.casefold() for p in parts]
        if len(parts) > 1:
            words.append(word.casefold())
        elif m := _GLUED.fullmatch(word.casefold()):
            # a name glued in lower case as Dynamics 365 writes them ("prioritycode", "createdon", "resolveby"; an
            # all-lower-case "updatedat"): its parts too, and a field word its first part ends in ("caseorigincode": origin)
            words += [m.group(1), m.group(2)]
            tail = next((w for w in _FIELD_TAILS if m.group(1).endswith(w) and m.group(1) != w), None)
            if tail:
                words.append(tail)
        elif glued := _glued_words(word.casefold()):
            words += glued  # "dateclosed", "lastmodified", "datecreated": two header words glued in lower case
    # a prefix written apart ("Re-Opened Date", "Re-opened", "Gjen-åpnet"): the word it makes with the next one too,
    # so a reopening's time is read as one and never as the time the ticket was opened
    for i in range(len(words) - 1):
        if words[i] in PREFIXES and words[i + 1].isalpha():
            words.append(words[i] + words[i + 1])
    return words


# word beginnings written apart from their word with a hyphen ("Re-Opened", "Gjen-åpnet", "Åter-öppnad")
PREFIXES = frozenset({"re", "gjen", "åter", "gen", "wieder"})


def _glued_words(word: str) -> list[str]:
    """The two header words a lower-case name glues together ("dateclosed" -> date, closed; "lastmodified" -> last,
    modified; "requesttime" -> request, time), when it is no header word itself; [] when it splits into none."""
    if len(word) < 7 or not word.isalpha() or word in _VOCABULARY:
        return []
    for cut in range(3, len(word) - 2):
        head, tail = word[:cut], word[cut:]
        if head in _VOCABULARY and tail in _VOCABULARY:
            return [head, tail]
    return []


_GLUED = re.compile(r"([a-zæøå]{4,}?)(code|number|by|(?<=ed)on|(?<=ed)at)")
# the header words of WORDS long enough to be read at the end of a glued name, longest first
_FIELD_TAILS = sorted({w for weights in WORDS.values() for w, n in weights.items() if n >= 2 and len(w) >= 5
                       and w.isalpha()}, key=len, reverse=True)
# the words a glued lower-case name is cut into (_glued_words): the header words of every field, the words of a later
# time, and the common first words of a time's name
_VOCABULARY = frozenset({w for weights in WORDS.values() for w in weights if len(w) >= 3 and w.isalpha()}
                        | LATER | {"first", "opened", "open", "close", "resolve", "create", "modify", "change"})


def word_weight(field: str, word: str) -> int:
    """How much a header word says a column is field: WORDS, else a beginning in STEMS (3)."""
    weight = WORDS[field].get(word, 0)
    if weight:
        return weight
    if any(word.startswith(stem) for stem in STEMS.get(field, ())):
        return 3
    if field == "resolved_at" and word.endswith(RESOLUTION_TAILS):
        return 1  # "Saksløsning": a compound ending in the resolution
    if field == "assignment_group" and _handler_group(word):
        return 3  # "Administratorgruppe", "Saksbehandlergruppe", "Løsergruppe": the group the ticket is with
    return 0


# a compound ending in a group or team ("Administratorgruppe", "Eierteam", "Behandlerteam"), unless it groups the people
# who sent the tickets
_GROUP_TAILS = ("gruppen", "gruppe", "gruppa", "grupp", "teamet", "teamen", "team")
_SENDER_GROUP_HEADS = ("bruker", "brukar", "användar", "kunde", "kund", "mål", "innbygger", "innbyggjar",
                       "ansatt", "tilsett", "alder", "user", "customer")


def _handler_group(word: str) -> bool:
    tail = next((t for t in _GROUP_TAILS if word.endswith(t)), None)
    if tail is None:
        return False
    head = word[:-len(tail)].rstrip("s-")
    return len(head) >= 3 and not head.startswith(_SENDER_GROUP_HEADS)


def names_an_outcome(words: Sequence[str]) -> bool:
    """A header naming a completion, closing or response time: never the created or the event time."""
    return any(word_weight(f, w) > 0 for f in ("resolved_at", "closed_at", "first_response_at") for w in words)


def names_a_later_time(words: Sequence[str]) -> bool:
    """A header naming a completion, closing, response or update time: never the created time."""
    return (any(w in LATER or w.startswith(STEMS["event_at"]) or w.startswith(STEMS["reopen_count"]) for w in words)
            or names_an_outcome(words))


def ticket_header(header: Sequence[str]) -> bool:
    """A header that looks like a ticket table's: a column named as an id, and another named as any other field
    (a time, a status, a priority, ...). A workbook's "Info" or "Om eksporten" sheet has no such header."""
    words = [tuple(header_words(h)) for h in header]
    ids = {i for i, w in enumerate(words) if w and not NEGATIVE["ticket_id"] & set(w)
           and sum(word_weight("ticket_id", x) for x in w) > 0}
    others = {i for i, w in enumerate(words) for f in WORDS if f != "ticket_id"
              and sum(word_weight(f, x) for x in w) >= 2}
    return bool(ids) and bool(others - ids or (len(ids) > 1 and others))


def is_totals_label(value: str | None) -> bool:
    return value is not None and value.strip().casefold().rstrip(":. ") in TOTALS_LABELS


def is_totals_row(cells: Sequence[str | None]) -> bool:
    """A row whose first filled cell says it sums the rows above it ("Totalt | 296")."""
    first = next((c for c in cells if not is_null(c)), None)
    return is_totals_label(first)


def is_null(value: str | None) -> bool:
    return value is None or value.strip().casefold() in NULL_TEXTS


def looks_like_date(value: str, numeric_ok: bool) -> bool:
    text = value.strip()
    if not _ISO.fullmatch(text):  # "31.07.2024 22:15 UTC", "07/31/2024 10:15 PM +02:00": the time before its zone
        text = without_zone(text)[0]
    if _ISO.fullmatch(text) or _MONTH_NAME.fullmatch(text) or _YEAR_FIRST.fullmatch(text):
        return True
    m = _DAY_FIRST.fullmatch(text)
    if m:  # day first, or month first (the column's values decide which: flows.tickets.values.infer_date_format)
        a, b = int(m.group(1)), int(m.group(2))
        return (1 <= a <= 31 and 1 <= b <= 12) or (1 <= a <= 12 and 1 <= b <= 31)
    if named_date(text) is not None:  # "3. mars 2023 kl. 14:05", "12 Jan 2023", "Jan 12, 2023 10:00 AM"
        return True
    if numeric_ok and (_EPOCH.fullmatch(text) or (_SERIAL.fullmatch(text)
                                                   and 20000 <= float(text.replace(",", ".")) <= 80000)):
        return True
    return False


_NUMBER = re.compile(r"\d+([.,]0+)?")
_CLOCK = re.compile(r"(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?\s*([AaPp][Mm])?")


def date_value(value: str | None, numeric_ok: bool = False) -> dt.datetime | None:
    """The wall-clock time a date-shaped cell names (offsets ignored), to compare the dates of one row
    while inferring; None when it names none. (Loading reads times with flows.tickets.values.)"""
    if value is None or not looks_like_date(value, numeric_ok):
        return None
    text = without_zone(value.strip())[0]
    try:
        if m := re.match(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", text):
            day = dt.datetime(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            rest = text[m.end():]
        elif m := _DAY_FIRST.fullmatch(text):
            year = int(m.group(3)) + (2000 if len(m.group(3)) == 2 else 0)
            a, b = int(m.group(1)), int(m.group(2))
            day = dt.datetime(year, b, a) if b <= 12 else dt.datetime(year, a, b)  # (inferring: either order)
            rest = m.group(4) or ""
        elif n := named_date(text):
            year = int(n.group("y")) + (2000 if len(n.group("y")) == 2 else 0)
            month = MONTHS.index(n.group("m1") or n.group("m2")) + 1
            day = dt.datetime(year, month, int(n.group("d1") or n.group("d2")))
            rest = n.group(0)[n.end("y"):]
        elif _MONTH_NAME.fullmatch(text):
            d, mon, y = text.split()[0].split("/")
            day = dt.datetime.strptime(f"{d}/{mon.title()}/{y if len(y) == 4 else '20' + y}", "%d/%b/%Y")
            rest = text[len(text.split()[0]):]
        elif _EPOCH.fullmatch(text):
            seconds = float(text) / (1000 if len(text.split(".")[0]) == 13 else 1)
            return dt.datetime(1970, 1, 1) + dt.timedelta(seconds=seconds)
        else:  # an Excel serial day
            return dt.datetime(1899, 12, 30) + dt.timedelta(days=float(text.replace(",", ".")))
    except ValueError:
        return None
    clock = _CLOCK.search(rest.replace("T", " ", 1))
    if not clock:
        return day
    hour = int(clock.group(1))
    if clock.group(4):  # 12-hour clock
        hour = hour % 12 + (12 if clock.group(4).lower() == "pm" else 0)
    try:
        return day.replace(hour=hour, minute=int(clock.group(2)), second=int(clock.group(3) or 0))
    except ValueError:
        return day


@dataclass(frozen=True)
class ColumnProfile:
    position: int
    name: str
    words: tuple[str, ...]
    non_null: int
    distinct: int
    date_rate: float  # share of non-null values that look like dates
    values: tuple[str, ...]  # distinct values when there are at most 200, else ()

    @property
    def uniqueness(self) -> float:
        return self.distinct / self.non_null if self.non_null else 0.0


def profile_columns(header: Sequence[str], sample: Sequence[Sequence[str | None]]) -> list[ColumnProfile]:
    profiles = []
    for pos, name in enumerate(header):
        cells = [row[pos] for row in sample if pos < len(row) and not is_null(row[pos])]
        words = tuple(header_words(name))
        numeric_ok = _numeric_dates(words)
        distinct = set(c.strip() for c in cells)
        dates = sum(looks_like_date(c, numeric_ok) for c in cells)
        profiles.append(ColumnProfile(pos, name, words, len(cells), len(distinct),
                                      dates / len(cells) if cells else 0.0,
                                      tuple(sorted(distinct)) if len(distinct) <= 200 else ()))
    return profiles


def _numeric_dates(words: Sequence[str]) -> bool:
    """A column named as a time may hold its dates as numbers (epoch seconds, Excel serial days)."""
    return any(word_weight(f, w) for f in ("created_at", "event_at", "closed_at", "resolved_at") for w in words)


# a nested JSON object other than the ticket ("organization": {"id": 9}, "priority": {"id": 2}): its id is that
# object's, never the ticket's
OBJECT_WORDS = frozenset({"organization", "organisation", "org", "company", "customer", "requester", "requestor",
                          "submitter", "assignee", "user", "group", "team", "priority", "status", "state", "category",
                          "type", "channel", "via", "brand", "form", "agent", "owner", "creator", "author", "reporter",
                          "project", "sla", "department", "location", "site", "service", "queue", "history"})


# an object that is the person who wrote in ("SubmitterUserInfo", "requester", "caller_id", "opened_by")
REQUESTER_OBJECT_WORDS = frozenset({"submitter", "requester", "requestor", "caller", "reporter", "contact", "opened",
                                    "melder", "innmelder", "rapportør", "bestiller", "innsender"})


def of_requester(name: str) -> bool:
    """A nested column of the object that is the person who wrote in ("SubmitterUserInfo.DepartmentName",
    "requester.department"): the customer's side, never the group the ticket is assigned to."""
    return "." in name and bool(REQUESTER_OBJECT_WORDS & set(header_words(name.rsplit(".", 1)[0])))


def _score(field: str, profile: ColumnProfile) -> int:
    if NEGATIVE.get(field, set()) & set(profile.words):
        return 0
    if field != "ticket_id" and technical_column(profile.name):
        return 0  # "project.$type", "reporter.$type": a serializer's class name, no business dimension
    if field == "ticket_id" and "." in profile.name and OBJECT_WORDS & set(header_words(profile.name.rsplit(".", 1)[0])):
        return 0
    # a nested object's code ("organization.id") says less than its name ("organization.name") of the same object
    code = field != "ticket_id" and codes_an_object(profile)
    if field == "created_at" and names_a_later_time(profile.words):
        return 0
    if field in ("resolved_at", "closed_at", "first_response_at") and any(
            DEADLINE.search(w) for w in profile.words):
        # "Løsningsfrist", an SLA KPI's failure or warning time ("resolvebykpiid.failuretime"): when it should be
        # resolved, not when it was
        return 0
    if field == "event_at" and names_an_outcome(profile.words):
        return 0
    if field == "category" and _names_a_subject(profile.name):
        return 2
    if field == "category" and _kind_of_another_field(profile.words):
        return 0
    if field == "ticket_id" and len(profile.words) == 1 and profile.words[0] in ID_HEADER_WORDS:
        return max(2, word_weight(field, profile.words[0]))  # the whole header is an id word ("Ref", "No.")
    return sum(word_weight(field, w) for w in profile.words) - code


def _kind_of_another_field(words: Sequence[str]) -> bool:
    """A header "<word> type" whose word is another field's strong word ("channel_type", "Status type", "Priority
    type"): a kind of that field (its codes), never the category by its word "type"; "Issue Type", "Request type"
    and "Category type" stay the category."""
    if "type" not in words or any(word_weight("category", w) >= 3 for w in words):
        return False
    return any(WORDS[f].get(w, 0) >= 3 for w in words if w != "type" for f in WORDS if f != "category")


def technical_column(name: str) -> bool:
    """A column an API writes for its own bookkeeping, never a dimension of the ticket: a part of its (nested) name
    marked with "$" or "@" ("project.$type", "reporter.$type", "@odata.etag", "value.$id"), or a hypermedia API's
    own metadata and links ("source._meta.type", "_links.self")."""
    return any(part.strip().startswith(("$", "@")) or part.strip().casefold() in API_META_KEYS
               for part in re.split(r"[.:/]", name))


# the keys a hypermedia (HAL-style) API keeps its own bookkeeping under, beside the resource's fields
API_META_KEYS = frozenset({"_meta", "_links", "_pagination", "_metadata"})


def _states_sla_verdicts(p: ColumnProfile) -> bool:
    """A column whose every value states an SLA verdict ("Within SLA" / "SLA Violated" under "First Response Status"):
    a verdict about one target, never the ticket's state."""
    values = [v for v in p.values if not no_verdict(v)]
    return len(values) >= 1 and all(sla_verdict(v) is not None for v in values) and (
        sla_words(p.words) or any(sla_words(header_words(v)) for v in values))


def _names_a_subject(name: str) -> bool:
    """A subject that is a lookup, not a free text: the readable key of a nested subject object ("subjectid.title",
    "subject.name" of a CRM's case subject tree). A plain "Subject" column is the ticket's title."""
    if "." not in name:
        return False
    parent, leaf = name.rsplit(".", 1)
    return leaf.casefold() in NESTED_NAME_KEYS and any(w.startswith("subject") for w in header_words(parent))


# the keys of a nested JSON object that only code it ("organization": {"id": 9, "url": …, "name": "X"})
CODE_KEYS = ("id", "key", "url", "href", "self", "uuid")
# a time that says when something should be done, not when it was: a deadline ("Løsningsfrist", "Due"), an SLA KPI's
# failure or warning time (Dynamics 365 "resolvebykpiid.failuretime", "warningtime"), a "resolve by" time
DEADLINE = re.compile(r"frist|deadline|forfall|(?:resolve|respond|response)by|^(?:failure|warning)(?:time)?$|kpi")
# the deadline columns an SLA is measured against, and its exclusion flag (flows/tickets/attributes.py keeps them with
# the role, dbt's fct_ticket_lifecycle measures the resolved or responded time against them):
# - a header naming when something should be done ("Due date", "Frist", "Løsningsfrist", "Resolution Target At",
#   "fixbydate", "respondbydate", "Løs innen", "Svarfrist") over values that are dates;
# - a response deadline when the header names the response ("Svarfrist", "Respond by"), else the resolution's;
# - an exclusion flag: yes/no values under a header naming an exclusion and the SLA ("excludefromsla", "Unntatt SLA").
SLA_DEADLINE_NAME = re.compile(r"frist|deadline|due|target|forfall|innen|innan|senest|senast|"
                               r"(?:fix|resolve|resolution|solve|close|respond|response|reply|answer)by|"
                               # the latest time allowed ("MAX_RESOLUTION_DATE_UT", "Maks svartid")
                               r"^(?:max|maks)(?:imum|imal)?(?:resol|solv|clos|fix|respon|respond|reply|answer|"
                               r"løs|løys|lös|svar|lukk)")
SLA_RESPONSE_NAME = re.compile(r"respon|respond|reply|svar|answer|førsteresp|firstresp")
SLA_EXCLUDED_NAME = re.compile(r"exclu|unntat|unntak|untatt|ekskluder|utelat|undanta|ignor")
# a deadline that is an SLA KPI's warning (Dynamics 365 "warningtime"), not the deadline itself
SLA_NOT_DEADLINE_NAME = re.compile(r"warning|varsel|paus|hold|updated|oppdatert|modified|endret|overdue")


# header words of a column that names which SLA applies, not whether it was kept ("sla_id", "SLA plan", "SLA name")
SLA_NOT_VERDICT_WORDS = frozenset({"id", "key", "code", "kode", "name", "navn", "plan", "policy", "type", "definition",
                                   "nr", "number", "nummer"})


def sla_role(header: str, values: Sequence[str]) -> str | None:
    """The part a column no canonical field took plays in an SLA: "resolution_deadline", "response_deadline",
    "sla_excluded" or None. values: the column's distinct (non-empty) values. A deadline needs a header naming one
    and values that are (at least 90 %) dates; an exclusion needs yes/no values."""
    compact = re.sub(r"[^a-zæøåäö]", "", header.casefold())
    values = [v for v in values if v is not None and not is_null(v)]
    if not values or not compact:
        return None
    if SLA_EXCLUDED_NAME.search(compact) and (sla_words(header_words(header)) or "sla" in compact):
        return "sla_excluded" if all(yes_no(v) is not None for v in values) else None
    if not SLA_DEADLINE_NAME.search(compact) or SLA_NOT_DEADLINE_NAME.search(compact):
        return None
    if sum(looks_like_date(v, False) for v in values) < 0.9 * len(values):
        return None
    return "response_deadline" if SLA_RESPONSE_NAME.search(compact) else "resolution_deadline"


_GUID = re.compile(r"\{?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}?", re.I)


def codes_an_object(profile: ColumnProfile) -> bool:
    """A column that only codes what it names: a nested object's id key ("organization.id", "customerid_account.
    accountid": a key ending in "id" after the object's own word) or values that are all GUIDs. Its sibling with the
    name ("customerid_account.name") says more."""
    if "." in profile.name:
        leaf = profile.name.rsplit(".", 1)[1].casefold()
        if leaf in CODE_KEYS or (len(leaf) > 4 and leaf.endswith("id") and leaf[:-2].isalpha()):
            return True
    return bool(profile.values) and all(_GUID.fullmatch(v.strip()) for v in profile.values)


@dataclass(frozen=True)
class Choice:
    field: str
    column: str
    why: str


@dataclass(frozen=True)
class Inference:
    header: tuple[str, ...]
    choices: tuple[Choice, ...]
    refusal: str | None = None
    event_log: bool = False
    notes: tuple[str, ...] = ()
    dateless: bool = False  # a snapshot without any date column: tickets without a created time
    system: str | None = None  # a preset whose header names the columns (e.g. jira), for a dateless snapshot
    priority_values: tuple[tuple[str, str], ...] = ()  # the numbering the priority header states ("1=lav, 4=kritisk")

    @property
    def source_system(self) -> str:
        if self.system:
            return self.system
        digest = hashlib.sha1("\x1f".join(h.casefold().strip() for h in self.header).encode()).hexdigest()[:8]
        return f"inferred_{digest}"

    def mapping(self, origin: str = "inferred") -> ColumnMapping | None:
        if self.refusal:
            return None
        name = f"{self.system}_snapshot" if self.system else self.source_system
        return ColumnMapping(name=name, source_system=self.source_system,
                             columns={c.field: (c.column,) for c in self.choices}, origin=origin,
                             dateless=self.dateless, priority_values=dict(self.priority_values))

    def describe(self) -> str:
        if self.refusal:
            return self.refusal
        kind = ("an event log (one row per change; one ticket per id)" if self.event_log else
                "a dateless snapshot (one row per ticket, no date column at all)" if self.dateless else
                "one row per ticket")
        parts = "; ".join(f"{c.field} <- {c.column!r} ({c.why})" for c in self.choices)
        notes = (" Not used: " + "; ".join(self.notes) + ".") if self.notes else ""
        dateless = (" The export has no dates: its tickets are kept without a created time, so they count in "
                    "breakdowns (status, priority, category, ...) but cannot be placed in periods (year, quarter, "
                    "month, week) and give no resolution times." if self.dateless else "")
        return f"no preset or mapping fits; inferred a mapping, read as {kind}: {parts}.{dateless}{notes}"

    def to_yaml(self) -> str:
        mapping = self.mapping()
        if mapping is None:
            return ""
        doc = {"name": mapping.name, "source_system": mapping.source_system,
               **({"dateless": True} if mapping.dateless else {}),
               "columns": {f: cols[0] for f, cols in mapping.columns.items()},
               **({"priority_values": dict(mapping.priority_values)} if mapping.priority_values else {})}
        why = "\n".join(f"#   {c.field}: {c.column} — {c.why}" for c in self.choices)
        notes = "".join(f"\n# not used: {n}" for n in self.notes)
        return ("# Inferred by kommunedata from the header and the first rows of an export no preset fitted.\n"
                "# Check it, edit it (see flows/tickets/mappings/example.yaml for every key) and keep it in\n"
                "# the mapping folder: it is then tried before the presets.\n" + why + notes + "\n"
                + yaml.safe_dump(doc, allow_unicode=True, sort_keys=False))


def _best(field: str, profiles: list[ColumnProfile], taken: set[int], accept,
          prefer=lambda p: 0) -> tuple[ColumnProfile, int] | None:
    """The column whose header words score highest for field; of equal scores, the one prefer ranks higher (its
    values), then the first."""
    scored = [(p, _score(field, p)) for p in profiles if p.position not in taken and p.non_null and accept(p)]
    scored = [(p, s) for p, s in scored if s > 0]
    if not scored:
        return None
    return max(scored, key=lambda ps: (ps[1], prefer(ps[0]), -ps[0].position))


def _names_channels(p: ColumnProfile) -> float:
    """1 when a column's (few, at least two) values all name a contact channel, else 0."""
    ok = 2 <= len(p.values) <= 20 and all(normalise_channel(v) not in (None, "other") for v in p.values)
    return 1.0 if ok else 0.0


def _names_organisations(p: ColumnProfile) -> float:
    """The share of a column's distinct values that name an organisation by its kind (org_kinds.names_organisation);
    0 below one half."""
    if not p.values:
        return 0.0
    share = sum(names_organisation(v) for v in p.values) / len(p.values)
    return share if share >= 0.5 else 0.0


_PERSON_NAME = re.compile(r"[A-ZÆØÅÄÖÜ][a-zæøåäöüé'-]+(?: [A-ZÆØÅÄÖÜ][a-zæøåäöüé'-]+){1,3}")


def _names_people(p: ColumnProfile, sample: Sequence[Sequence[str | None]]) -> bool:
    """A column of people's names ("Kari Nordmann"): at least nine in ten of its many distinct sampled values (30 or
    more) are two to four capitalised words, none naming an organisation by its kind — the person who wrote, not the
    customer."""
    values = list({str(row[p.position]).strip() for row in sample
                   if p.position < len(row) and not is_null(row[p.position])})
    if len(values) < 30 or p.distinct < 30:
        return False
    people = sum(bool(_PERSON_NAME.fullmatch(v.strip())) and not names_organisation(v) for v in values)
    return people * 10 >= len(values) * 9


def _names_senders(p: ColumnProfile, sample: Sequence[Sequence[str | None]]) -> bool:
    """A column naming the person who wrote ("Customer name" = "Kari" beside "kari.6@nordvik.kommune.no"): on at least
    four in five sampled rows (ten or more) its value's first word begins the local part of an e-mail address in
    another cell of the row — the sender's own name, not the customer organisation, however few the names."""
    seen = hits = 0
    for row in sample:
        if p.position >= len(row) or is_null(row[p.position]):
            continue
        word = re.split(r"[\s,.]+", str(row[p.position]).strip().lower())[0]
        locals_ = [str(c).strip().lower().partition("@")[0] for i, c in enumerate(row)
                   if i != p.position and not is_null(c) and "@" in str(c)]
        if not locals_ or len(word) < 2:
            continue
        seen += 1
        hits += any(re.match(re.escape(word) + r"(?![a-zæøå])", local) for local in locals_)
    return seen >= 10 and hits * 5 >= seen * 4


def _one_value(p: ColumnProfile, rows: int) -> bool:
    """A column holding the same value on every one of many rows (at least 20): it says nothing of the ticket."""
    return rows >= 20 and p.distinct == 1 and p.non_null == rows


def _by_values(profiles: list[ColumnProfile], taken: set[int], measure, accept=lambda p: True) -> ColumnProfile | None:
    """The free column whose values measure best (measure > 0), for a field no header word names; text columns only."""
    scored = [(measure(p), p) for p in profiles
              if p.position not in taken and p.non_null and p.date_rate < 0.5 and accept(p)]
    scored = [(m, p) for m, p in scored if m > 0]
    return max(scored, key=lambda mp: (mp[0], -mp[1].position))[1] if scored else None


def _best_word(field: str, p: ColumnProfile) -> str:
    """The header word of p that names field most strongly."""
    return max(p.words, key=lambda w: word_weight(field, w), default="")


def _email_column(profiles: list[ColumnProfile], taken: set[int], sample: Sequence[Sequence[str | None]]
                  ) -> tuple[ColumnProfile, str] | None:
    """The free column of e-mail addresses of which at least half are at a municipality's domain, and that share
    as text ("412 of 500")."""
    for p in profiles:
        if p.position in taken or p.date_rate >= 0.5 or not p.non_null:
            continue
        cells = [row[p.position] for row in sample if p.position < len(row) and not is_null(row[p.position])]
        if not cells or sum("@" in c for c in cells) * 10 < len(cells) * 9:
            continue
        named = sum(email_organisation(c) is not None for c in cells)
        if named * 2 >= len(cells):
            return p, f"{named} of {len(cells)}"
    return None


# the level below a category ("Subcategory", "Sub Category", "Underkategori", "Delkategori", "Unterkategorie")
_SUB_PREFIXES = ("sub", "under", "del", "unter")
_CATEGORY_WORDS = ("category", "kategori", "kategorie")


def _subcategory_column(profiles: list[ColumnProfile], taken: set[int],
                        category: ColumnProfile | None = None) -> ColumnProfile | None:
    """The free column whose header names a subcategory (one word, or "sub" written apart from the category word), or
    the category column's header with "sub" before it ("Sub-Issue Type" beside "Issue Type")."""
    for p in profiles:
        if p.position in taken or p.date_rate >= 0.5 or not p.values:
            continue
        glued = set(p.words) | {a + b for a, b in zip(p.words, p.words[1:])}
        if any(w.startswith(_SUB_PREFIXES) and w.endswith(_CATEGORY_WORDS) for w in glued):
            return p
        if category is not None and len(p.words) > 1 and p.words[0] in _SUB_PREFIXES \
                and p.words[1:] == category.words:
            return p
    return None


def _words_why(field: str, p: ColumnProfile) -> str:
    hits = [w for w in p.words if word_weight(field, w)]
    if not hits and field == "category" and _names_a_subject(p.name):
        return "the name of a nested subject object (a lookup, not a free-text subject)"
    return "header word " + "/".join(f"'{w}'" for w in hits)


def infer_mapping(header: Sequence[str], sample: Sequence[Sequence[str | None]],
                  beside: Sequence[str] = ()) -> Inference:
    """Infer which column is which from header words and a sample of rows (text cells). Blank rows and
    totals rows (is_totals_row) are no tickets and say nothing about the columns: left out; a row that is an
    exact copy of another counts once. beside: the export's lines outside its table (title rows, a summary sheet),
    read for what they say of the columns (a priority numbering)."""
    header = tuple(header)
    # exact copies of a row count once: a ticket listed twice does not make ids repeat (an event log)
    sample = list({tuple(r): r for r in sample if any(not is_null(c) for c in r) and not is_totals_row(r)}.values())
    profiles = profile_columns(header, sample)
    rows = len(sample)
    taken: set[int] = set()
    choices: list[Choice] = []
    notes: list[str] = []
    dateless = False

    def take(field: str, p: ColumnProfile, why: str) -> None:
        taken.add(p.position)
        choices.append(Choice(field, p.name, why))

    def is_date(p: ColumnProfile) -> bool:
        return p.date_rate >= 0.9

    def small_set(p: ColumnProfile, limit: int = 60) -> bool:
        return bool(p.values) and p.distinct <= max(limit, 1) and (rows < 20 or p.distinct <= rows / 2)

    # event log: an activity column, and an id column whose values repeat
    activity = _best("activity", profiles, taken, lambda p: not is_date(p) and (p.uniqueness < 0.9 or rows < 20))
    if activity is None:  # an event type named only "type"/"kind": its values are lifecycle steps
        # ... or a change history's kind of change ("TransactionType", "EventType": Create, Status, Comment)
        lifecycle = [p for p in profiles if not is_date(p) and small_set(p, 30) and set(p.words) & EVENT_TYPE_WORDS
                     and (sum(names_event(v) for v in p.values) * 2 > len(p.values)
                          or set(p.words) & ROW_ID_WORDS - {"activity", "event", "hendelse"})]
        if lifecycle:
            activity = (lifecycle[0], 1)
    id_candidates = [(p, _score("ticket_id", p)) for p in profiles if not is_date(p) and p.non_null]
    id_candidates = [(p, s) for p, s in id_candidates if s > 0]
    event_log = False
    ticket = None
    if id_candidates and not any(p.uniqueness >= 0.95 for p, _ in id_candidates):
        # ids that repeat: an event log even without an activity column (one row per update)
        repeating = [(p, s) for p, s in id_candidates if p.uniqueness < 0.95 and s >= 2
                     and (activity is None or p.position != activity[0].position)]
        if repeating:
            ticket = max(repeating, key=lambda ps: (ps[1], -ps[0].position))[0]
            event_log = True
            take("ticket_id", ticket, f"{_words_why('ticket_id', ticket)}; {ticket.distinct} distinct values in "
                                      f"{ticket.non_null} rows: several rows per ticket")
    # a status history's transition: the state a change left ("Previous status", "Fra status") beside the one it
    # entered, or an event column by its words alone: the rows are changes
    transition = activity or next(((p, 1) for p in profiles if p.non_null and (
        _score("status", p) == 0 and any(word_weight("status", w) for w in p.words)
        or set(p.words) & TRANSITION_WORDS)), None)
    if ticket is None and transition and id_candidates and any(is_date(p) for p in profiles):
        # an event stream: a ticket/case id that repeats beats a unique event id when there are event types and times
        repeating = [(p, s) for p, s in id_candidates if p.uniqueness < 0.95 and p.position != transition[0].position]
        if repeating:
            ticket = max(repeating, key=lambda ps: (bool(set(ps[0].words) & TICKET_WORDS), ps[1], -ps[0].position))[0]
            event_log = True
            take("ticket_id", ticket, f"{_words_why('ticket_id', ticket)}; {ticket.distinct} distinct values in "
                                      f"{ticket.non_null} rows: several rows per ticket")
    if ticket is None and any(is_date(p) for p in profiles):
        # a change history whose rows carry their own id ("TransactionId", "EventId", "Change ID") beside the id of
        # the ticket they change, which repeats ("TicketId"): one ticket per ticket id, each row an event
        unique = [p for p, _ in id_candidates if p.uniqueness >= 0.95]
        repeating = [(p, s) for p, s in id_candidates if p.uniqueness < 0.95 and s >= 2
                     and set(p.words) & TICKET_WORDS and not set(p.words) & ROW_ID_WORDS]
        if unique and repeating and all(set(p.words) & ROW_ID_WORDS for p in unique):
            ticket = max(repeating, key=lambda ps: (ps[1], -ps[0].position))[0]
            event_log = True
            take("ticket_id", ticket, f"{_words_why('ticket_id', ticket)}; {ticket.distinct} distinct values in "
                                      f"{ticket.non_null} rows: several rows per ticket (the unique "
                                      f"{', '.join(repr(p.name) for p in unique)} numbers the rows)")
    if ticket is None and any(is_date(p) for p in profiles):
        # a field-change log (readers.field_change_columns: a field changed, its old and new value on each row) is
        # one row per change, whatever its ids are called: a unique id numbers the rows, and the ticket is the record
        # the changes are of, the repeating id that groups the most rows ("Related document ID" beside a "Message
        # ID" of the few changes saved together)
        # (by the header words of the three columns, and a changed field of few values that repeat)
        from flows.tickets.readers import field_change_positions

        changes = field_change_positions(header)
        changed = changes and next((p for p in profiles if p.position == changes[0]), None)
        repeating = [(p, s) for p, s in id_candidates if p.uniqueness < 0.95 and p.distinct >= 2
                     and changes and p.position not in changes]
        if changed and small_set(changed, 40) and repeating:
            ticket = min(repeating, key=lambda ps: (ps[0].distinct, -ps[1], ps[0].position))[0]
            event_log = True
            take("ticket_id", ticket, f"{_words_why('ticket_id', ticket)}; {ticket.distinct} distinct values in "
                                      f"{ticket.non_null} rows: a field-change log, one row per change of a ticket")
    if ticket is None:
        unique = [(p, s) for p, s in id_candidates if p.uniqueness >= 0.95]
        if unique:
            ticket = max(unique, key=lambda ps: (ps[1], -ps[0].position))[0]
            take("ticket_id", ticket, f"{_words_why('ticket_id', ticket)}; {ticket.uniqueness:.0%} of values unique")
        else:
            by_content = [p for p in profiles if not is_date(p) and p.non_null >= 0.99 * rows and p.uniqueness == 1
                          and max((len(v) for v in p.values), default=0) <= 40 and p.non_null]
            if by_content:
                ticket = by_content[0]
                take("ticket_id", ticket, "no id header word; the first column where every value is unique")
    if ticket is None:
        return Inference(header, (), refusal=_refusal("no ticket id column", header, profiles))

    if event_log:
        if activity and activity[0].position not in taken:
            take("activity", activity[0], _words_why("activity", activity[0]) if _score("activity", activity[0])
                 else f"its {activity[0].distinct} values are lifecycle steps ({', '.join(activity[0].values[:5])})")
        # a date repeated on every row of a ticket ("Request time" beside "Status change time") is the ticket's,
        # not its events': the event time is a date that changes within a ticket, when one does
        fixed = _constant_per_ticket(sample, ticket.position, [p.position for p in profiles if is_date(p)])
        changing = [p for p in profiles if is_date(p) and p.position not in fixed]

        def event_date(p: ColumnProfile) -> bool:
            return is_date(p) and (p.position not in fixed or not changing)
        when = _best("event_at", profiles, taken, event_date) or _best("created_at", profiles, taken, event_date)
        if when is None:
            # no time word: the one date column (the fullest of several) not named as an outcome is the event's
            dated = [p for p in profiles if p.position not in taken and event_date(p)
                     and not names_an_outcome(p.words)]
            if dated:
                when = (max(dated, key=lambda p: (p.non_null, -p.position)), 0)
        if when is None:
            return Inference(header, tuple(choices), refusal=_refusal("no event time column", header, profiles))
        why = (_words_why('event_at', when[0]) if _score('event_at', when[0]) else
               _words_why('created_at', when[0]) if _score('created_at', when[0]) else
               "no time word in its header; the fullest date column not named as an outcome")
        take("event_at", when[0], f"{why}; {when[0].date_rate:.0%} date-shaped")
        created = _best("created_at", profiles, taken, lambda p: is_date(p) and _score("created_at", p) >= 3)
        if created:
            take("created_at", created[0], f"{_words_why('created_at', created[0])}; "
                                           f"{created[0].date_rate:.0%} date-shaped")
        elif when[0].position not in fixed and (same := [
                p for p in profiles if p.position in fixed and p.position not in taken and not names_a_later_time(p.words)
                and _earlier_or_equal(sample, p.position, when[0].position)]):
            # the one date that stays the same on a ticket's rows and is never after its events: when it was made
            take("created_at", same[0], f"the same on every row of a ticket and not after its events "
                                        f"({same[0].date_rate:.0%} date-shaped)")
        if choices[-1].field == "event_at":  # no created column: a ticket is created at its first event
            choices[-1] = Choice("event_at", when[0].name, f"{choices[-1].why}; created = first event of a ticket")
    else:
        created = _best("created_at", profiles, taken, lambda p: is_date(p) and _score("created_at", p) >= 2)
        candidates = [p for p in profiles if p.position not in taken and is_date(p)
                      and not names_a_later_time(p.words)]
        if created:
            take("created_at", created[0], f"{_words_why('created_at', created[0])}; "
                                           f"{created[0].date_rate:.0%} date-shaped")
        elif candidates:
            first, why = _earliest_full_column(candidates, [p for p in profiles if is_date(p)], sample)
            take("created_at", first, why)
        else:
            if _dateless_snapshot(profiles, ticket):
                dateless = True
            else:
                return Inference(header, tuple(choices), refusal=_refusal("no created time column", header, profiles))

    for field in ("resolved_at", "closed_at", "first_response_at"):
        found = _best(field, profiles, taken, is_date)
        if found:
            take(field, found[0], f"{_words_why(field, found[0])}; {found[0].date_rate:.0%} date-shaped")
    if not event_log and not dateless and "first_response_at" not in {c.field for c in choices}:
        # no first-response time, but how long until it ("Første svartid (min)" = "12", "First Response Time (hrs)" =
        # "3,7"): first response = created + that duration; an empty cell is a ticket not yet answered
        response = _first_response_duration_column(profiles, taken, sample)
        if response:
            take("first_response_duration", response, f"header {response.name!r} names the time to the first "
                                                      f"response; values such as "
                                                      f"{', '.join(map(repr, response.values[:3]))}; first response "
                                                      f"= created time + the duration (empty: not answered)")
    if not event_log and not dateless and "resolved_at" not in {c.field for c in choices}:
        # no resolved time, but how long each ticket took ("Løsningstid" = "3.08:00:39", "Handling time" = "26t 30m"):
        # resolved = created + that duration; an empty cell is a ticket not resolved
        duration = _duration_column(profiles, taken, sample)
        if duration:
            take("resolution_duration", duration, f"{duration_why(duration)}; resolved time = created time + the "
                                                  f"duration (empty: not resolved)")

    prio = _best("priority", profiles, taken, lambda p: not is_date(p) and small_set(p, 30))
    scale: dict[str, str] = {}
    if prio:
        p = prio[0]
        # a header that states its numbering ("Prioritet (1=lav, 4=kritisk)"): the numbers are read by it
        scale = header_priority_scale(p.name)
        said = ""
        if not scale:
            # a line beside the table that states the numbering ("Prioritet: 1 = Låg, ..., 4 = Kritisk" on a
            # summary sheet or in a title row): when it names the column's header word
            for line in beside:
                if set(header_words(line)) & set(p.words) and (scale := header_priority_scale(line)):
                    said = f" ({line.strip()[:80]!r})"
                    break
        # bare codes of which one is negative (-1 .. 2): 0 is normal, the higher the more urgent
        scale = scale or signed_priority_scale(p.values)
        unknown = [v for v in p.values if normalise_priority(v, scale) is None]
        if len(unknown) * 2 > len(p.values) or len(p.values) - len(unknown) < 2:
            notes.append(f"column {p.name!r} looks like a priority but {len(unknown)} value(s) are not on the A-D "
                         f"scale ({', '.join(map(repr, unknown[:5]))}); add priority_values and "
                         f"priority: {p.name} to the mapping")
        else:
            # most of its values on the scale: the column is the priority; a value off it ("Nødstilfelle" beside
            # "Høy", "Normal", "Lav") is kept as exported with no level (the load's message names it)
            known = [v for v in p.values if v not in unknown]
            take("priority", p, f"{_words_why('priority', p)}; values {', '.join(known[:6])} on the A-D scale"
                 + (f", numbered as {'a note' + said if said else 'its header'} says "
                    f"({', '.join(f'{k}={v}' for k, v in scale.items())})" if scale else "")
                 + (f"; {', '.join(map(repr, unknown[:5]))} off it (kept as exported, no level: add "
                    f"priority_values to place {'it' if len(unknown) == 1 else 'them'})" if unknown else ""))

    # the export's SLA verdict, before the status ("Resolution status" = "SLA Violated" / "Within SLA" is no state)
    sla = _sla_column(profiles, taken)
    if sla:
        take(sla[1], sla[0], sla[2])

    counts = ("reopen_count", "reassignment_count")  # "state_history.reopen_count" is a count, not a state
    status = _best("status", profiles, taken, lambda p: not is_date(p) and small_set(p)
                   and not any(word_weight(f, w) > 0 for f in counts for w in p.words)
                   and not _states_sla_verdicts(p),
                   # "status_id" 9 beside "status_name" Closed: the column whose values read as states
                   prefer=lambda p: sum(normalise_status(v) not in (None, "other") for v in p.values)
                   / max(len(p.values), 1))
    if status and event_log and activity and activity[0].position in taken \
            and _constant_per_ticket(sample, ticket.position, [status[0].position]) \
            and any(activity_state(v) not in (None, "other") for v in activity[0].values):
        # the same status on every event of a ticket (an API event embedding the ticket as it is now) beside
        # activities that name states ("archive", "reopen"): the events' states are the activities', so a reopening
        # counts; the snapshot says nothing of the steps
        notes.append(f"{status[0].name!r} is the same on every event of a ticket (the ticket as exported); the "
                     f"states come from the activities in {activity[0].name!r}")
    elif status and not _says_no_state(status[0]):
        p = status[0]
        known = sum(normalise_status(v) != "other" for v in p.values)
        take("status", p, f"{_words_why('status', p)}; {p.distinct} values, {known} recognised")
    elif event_log:
        # a change history's new value ("NewValue", "Ny verdi", "To"), when every value it holds is a state (a history
        # of status changes and creations only): the state each change puts the ticket in
        for p in profiles:
            if p.position in taken or is_date(p) or not p.values or not small_set(p, 30):
                continue
            if not set(p.words) & NEW_VALUE_WORDS:
                continue
            known = [v for v in p.values if normalise_status(v) not in (None, "other")]
            if len(known) == len(p.values) and len(known) >= 2:
                take("status", p, f"header word {'/'.join(repr(w) for w in p.words if w in NEW_VALUE_WORDS)}; "
                                  f"every value is a state ({', '.join(p.values[:5])}): the state a change sets")
                break

    channel = _best("channel", profiles, taken, lambda p: not is_date(p) and small_set(p, 20)
                    and sum(normalise_channel(v) != "other" for v in p.values) * 2 >= len(p.values))
    if channel:
        take("channel", channel[0], f"{_words_why('channel', channel[0])}; values name contact channels")
    elif found := _by_values(profiles, taken, _names_channels):
        # no header word ("create_article_type"), but every value is a way in: email, phone, web
        take("channel", found, f"values {', '.join(found.values[:5])} all name contact channels")

    for field, limit in (("category", 500), ("customer_org", 5000), ("assignment_group", 1000)):
        found = _best(field, profiles, taken, lambda p, lim=limit, f=field: not is_date(p) and p.distinct <= lim
                      and (rows < 20 or p.uniqueness < 0.9)
                      and not (f == "assignment_group" and (_one_value(p, rows) or of_requester(p.name)))
                      # a kind that is the same wherever it is filled (an event's target "type" = "email") sorts nothing
                      and not (f == "category" and rows >= 20 and p.distinct < 2))
        if found and field == "customer_org" and not _names_organisations(found[0]):
            # "Customer" holding people's names beside "Organizational Unit" holding "X kommune": of the columns a
            # header word names the customer by, the one whose values name organisations
            orgs = _best(field, profiles, taken | {found[0].position}, lambda p, lim=limit: not is_date(p)
                         and p.distinct <= lim and (rows < 20 or p.uniqueness < 0.9) and _names_organisations(p) > 0)
            found = orgs or found
        if field == "customer_org" and (found and not _names_organisations(found[0])
                                        and (word_weight(field, _best_word(field, found[0])) < 3
                                             or _one_value(found[0], rows) or _names_people(found[0], sample)
                                             or _names_senders(found[0], sample))
                                        or not found and not _by_values(
                                            profiles, taken, _names_organisations,
                                            lambda p, lim=limit: p.distinct <= lim and (rows < 20 or p.uniqueness < 0.9))) \
                and (email := _email_column(profiles, taken, sample)):
            # no customer column, or one only a weak word names ("Department", "Site") whose values name no
            # organisation, or one holding the same name on every row (the exporter's own, "Organization" = the IT
            # service): the sender's address at a municipality's domain ("From Email", "Creator": x@<name>.kommune.no)
            instead = (f"; {found[0].name!r} holds one value on every row ({found[0].values[0]!r}), no customer"
                       if found and _one_value(found[0], rows) else
                       f"; {found[0].name!r} holds people's names, not the organisation"
                       if found and (_names_people(found[0], sample) or _names_senders(found[0], sample)) else "")
            take("customer_email", email[0], f"e-mail addresses in {email[0].name!r}; {email[1]} of the sampled ones "
                                             f"at a municipality's domain (…@<name>.kommune.no): the customer is that "
                                             f"municipality{instead}")
            continue
        if found:
            take(field, found[0], f"{_words_why(field, found[0])}; {found[0].distinct} distinct values")
            if field == "customer_org" and found[0].non_null < rows and (email := _email_column(profiles, taken, sample)):
                # a customer cell left empty on some rows ("site": null) beside the requester's address at a
                # municipality's domain: the address names the customer on those rows
                take("customer_email", email[0], f"e-mail addresses in {email[0].name!r}; {email[1]} of the sampled ones at a "
                                                 f"municipality's domain: the customer where "
                                                 f"{found[0].name!r} is empty")
        elif field == "customer_org" and (found := _by_values(
                profiles, taken, _names_organisations, lambda p: p.distinct <= limit and (rows < 20 or p.uniqueness < 0.9))):
            # no header word ("Enhet"), but the values name organisations by their kind ("X kommune", "X k.", a tree
            # path ending in one)
            take(field, found, f"values name organisations ({', '.join(found.values[:3])}); {found.distinct} distinct values")


    category = next((p for p in profiles for c in choices if c.field == "category" and c.column == p.name), None)
    if sub := _subcategory_column(profiles, taken, category):
        take("subcategory", sub, f"header names the level below the category ({sub.name!r}); "
                                 f"{sub.distinct} distinct values")

    for field in ("reassignment_count", "reopen_count"):
        found = _best(field, profiles, taken, lambda p: not is_date(p))
        if not found:
            continue
        p = found[0]
        reading = flag_values(p.values) if p.values else None
        if field == "reopen_count" and reading is not None and reading[0] == "" and not all(
                v.strip().isdigit() for v in p.values):  # "Återöppnat" Ja/Nej: whether, not how often
            take("reopened", p, f"{_words_why(field, p)}; yes/no values {', '.join(p.values[:4])}")
        elif not p.values or all(_NUMBER.fullmatch(v.strip()) for v in p.values):
            take(field, p, _words_why(field, p))
    if not {"reopened", "reopen_count"} & {c.field for c in choices}:
        # when the ticket was reopened ("Re-Opened Date", "Gjenåpnet dato"): a ticket with that time filled was
        # reopened (empty in every sampled row: still a reopening's time when its header also names a date)
        dated = [p for p in profiles if p.position not in taken and _score("reopen_count", p) > 0
                 and (is_date(p) or not p.non_null and set(p.words) & DATE_WORDS)]
        if dated:
            p = dated[0]
            take("reopened_at", p, f"{_words_why('reopen_count', p)}; when it was reopened: a ticket with a time "
                                   f"there was reopened")

    if event_log:
        resource = _best("resource", profiles, taken, lambda p: not is_date(p))
        if resource:
            take("resource", resource[0], f"{_words_why('resource', resource[0])}; who handled each event")
    if dateless:
        dimensions = {"priority", "status", "category", "customer_org", "channel", "assignment_group"}
        if not dimensions & {c.field for c in choices}:
            return Inference(header, tuple(choices), refusal=_refusal(
                "no created time column (and no status, priority, category or customer column that would make "
                "it a dateless snapshot worth keeping)", header, profiles))
        return Inference(header, tuple(choices), notes=tuple(notes), dateless=True,
                         system=_preset_naming(header, {c.field: c.column for c in choices}))
    return Inference(header, tuple(choices), event_log=event_log, notes=tuple(notes),
                     priority_values=tuple(scale.items()) if "priority" in {c.field for c in choices} else ())


# the words of a survey or rating beside the ticket ("ratings.CSAT.rating_status", "Satisfaction survey status")
SURVEY_WORDS = frozenset({"rating", "ratings", "csat", "satisfaction", "survey", "feedback", "nps", "tilfredshet",
                          "tilfredshetsundersøkelse", "vurdering", "evaluering", "undersøkelse", "enkät", "nöjdhet"})


def _says_no_state(p: ColumnProfile) -> bool:
    """A "status" column none of whose values reads as a ticket's state, that holds one value or is a survey's or
    rating's status: no state of the ticket."""
    known = sum(normalise_status(v) not in (None, "other") for v in p.values)
    return bool(p.values) and known == 0 and (p.distinct <= 1 or bool(set(p.words) & SURVEY_WORDS))


def _constant_per_ticket(sample: Sequence[Sequence[str | None]], id_pos: int, positions: Sequence[int]) -> set[int]:
    """The columns among positions whose value is the same on every sampled row of a ticket (at least one ticket
    with several rows in the sample)."""
    seen: dict[tuple[int, str], str | None] = {}
    varying: set[int] = set()
    repeated = False
    for row in sample:
        key = row[id_pos] if id_pos < len(row) else None
        if is_null(key):
            continue
        for pos in positions:
            value = row[pos].strip() if pos < len(row) and not is_null(row[pos]) else None
            if (pos, key) in seen:
                repeated = True
                if seen[(pos, key)] != value:
                    varying.add(pos)
            else:
                seen[(pos, key)] = value
    return set(positions) - varying if repeated else set()


def _earlier_or_equal(sample: Sequence[Sequence[str | None]], first: int, then: int) -> bool:
    """Whether column first's date is not after column then's on the sampled rows where both are dates (nine in
    ten: a sample read day first may misread a few month-first dates)."""
    pairs = [(date_value(r[first]), date_value(r[then])) for r in sample if max(first, then) < len(r)]
    pairs = [(a, b) for a, b in pairs if a is not None and b is not None]
    return bool(pairs) and sum(a <= b for a, b in pairs) >= 0.9 * len(pairs)


def _duration_column(profiles: list[ColumnProfile], taken: set[int],
                     sample: Sequence[Sequence[str | None]]) -> ColumnProfile | None:
    """The column of how long a ticket took: a duration word in its header (DURATION_HEADER_WORDS; a strong one
    such as "løsningstid", or "resolution"/"handling" with "time") and nearly every value duration-shaped
    (flows.tickets.values.duration_hours)."""
    def named(p: ColumnProfile) -> bool:
        w = set(p.words)
        joined = "".join(p.words)
        return bool(w & DURATION_HEADER_STRONG or any(joined.startswith(x) for x in DURATION_HEADER_STRONG)
                    or (w & {"resolution", "handling", "handle", "lead", "løsning", "behandling"}
                        and w & {"time", "tid", "hours", "timer", "duration"}))

    for p in profiles:
        if p.position in taken or not p.non_null or not named(p):
            continue
        cells = [str(r[p.position]) for r in sample if p.position < len(r) and not is_null(r[p.position])]
        if cells and sum(duration_hours(v) is not None for v in cells) >= 0.9 * len(cells):
            return p
    return None


# beginnings of a header word naming the (first) response ("svartid", "svarstid", "responstid", "reply_time")
RESPONSE_STEMS = ("svar", "respons", "response", "reply", "replied", "answer", "besvar")
# header words of a target or verdict about the response rather than its time ("Svarfrist", "Response due", "SLA")
_NOT_A_RESPONSE_TIME = ("frist", "due", "target", "deadline", "goal", "mål", "sla", "breach", "brutt", "brudd",
                        "bruten", "overskredet", "planned", "expected", "count", "antall", "antal", "number")
# words making a response header a length of time (with a unit in the header, or a clock/unit written in each value)
_TIME_WORDS = ("tid", "time", "duration", "varighet", "elapsed")


def _first_response_duration_column(profiles: list[ColumnProfile], taken: set[int],
                                    sample: Sequence[Sequence[str | None]]) -> ColumnProfile | None:
    """The column of how long until the first response: a header word naming the response ("Första svarstid (h)",
    "First Response Time (hrs)", "Tid til første svar (min)") and none naming a target or a count, with a unit in the
    header (its plain numbers are read in it, decimal comma or point) or a time word and values that write their own
    unit or clock ("1:30", "2t 15m"); nearly every value such a duration, none a date."""
    for p in profiles:
        if p.position in taken or not p.non_null or p.date_rate >= 0.5:
            continue
        words = p.words
        if not any(w.startswith(RESPONSE_STEMS) for w in words) or any(
                w.startswith(_NOT_A_RESPONSE_TIME) or w.endswith(("frist", "mål")) for w in words):
            continue
        unit = header_unit_hours(p.name)
        if unit is None and not any(w in _TIME_WORDS or w.endswith("tid") for w in words):
            continue
        cells = [str(r[p.position]) for r in sample if p.position < len(r) and not is_null(r[p.position])]
        if cells and sum(duration_in_unit_hours(v, unit) is not None for v in cells) >= 0.9 * len(cells):
            return p
    return None


def duration_why(p: ColumnProfile) -> str:
    return f"header {p.name!r} names how long a ticket took; values such as {', '.join(map(repr, p.values[:3]))}"


# header words of the value a change sets ("NewValue", "New value", "Ny verdi", "To", "new_status")
NEW_VALUE_WORDS = {"newvalue", "new", "ny", "nytt", "nye", "ny verdi", "to", "til", "till", "newstatus", "nyverdi",
                   "nystatus", "after", "etter"}
# the targets a service level sets, named beside a breach word ("Resolution Breached")
TARGET_STEMS = ("resolution", "response", "løsning", "løysing", "lösning", "svar", "respons", "target", "responstid")


def _sla_column(profiles: list[ColumnProfile], taken: set[int]) -> tuple[ColumnProfile, str, str] | None:
    """The column holding the export's SLA verdict, its field and why: yes/no values under a header naming the SLA or a
    deadline ("Made SLA", "SLA oppfylt": sla_met; "SLA bruten", "Løsningsfrist brutt": sla_breached, read the other way
    round), or two phrases that say it themselves ("Within SLA" / "SLA Violated": sla_met). Of several, the one whose
    header names the SLA or the resolution rather than a response ("Svarfrist brutt")."""
    found = []
    for p in profiles:
        if p.position in taken or not p.values or p.date_rate >= 0.5 or p.distinct > 10:
            continue
        if set(p.words) & SLA_NOT_VERDICT_WORDS or sla_role(p.name, p.values) == "sla_excluded":
            continue  # which SLA applies ("sla_id" = 1), or that none does ("excludefromsla"): no verdict
        if any(w.startswith(RESPONSE_STEMS) for w in p.words):
            # the first response's verdict ("First Response Status", "Svarfrist brutt"): never the ticket's (the
            # resolution's) verdict, even alone; it stays a column of its own, which a response question reads
            continue
        values = [v for v in p.values if not no_verdict(v)]  # "Annullert", "Canceled": no verdict, read as null
        if len(values) < 2:
            values = list(p.values)
        reading = flag_values(values)
        if reading is None and all(yes_no(v) is not None for v in values):
            reading = ("", {})  # 1/0 under a header naming the SLA ("SLA met": 1) is a yes/no too
        if reading is None and all(v.strip().isdigit() for v in values) and breach_words(p.words):
            reading = ("", {})  # a count of breaches ("SLA breaches" = 0, 1, 2): none is the level met
        codes = reading is None and state_codes(values) and sla_words(p.words) and not breach_words(p.words)
        if codes:
            # one-letter states under a header naming the SLA ("slastate" I/O: inside/outside the level)
            found.append(((True, True, -p.position), p, "sla_met",
                          f"header names the SLA; its values {', '.join(p.values[:4])} are the states inside (I) and "
                          f"outside it"))
            continue
        if reading is None:
            continue
        if len(values) < len(p.values):
            cancelled = ", ".join(v for v in p.values if v not in values)
            skipped = f"; {cancelled}: no verdict (empty)"
        else:
            skipped = ""
        statement, _ = reading
        if statement == "":  # yes/no values: the header says what they answer
            # ("Resolution Breached", "Response breached": a breach of the resolution or response target names the
            # level as well as "SLA" does)
            if not sla_words(p.words) and not (breach_words(p.words) and any(
                    w.startswith(TARGET_STEMS) for w in p.words)):
                continue
            breached = breach_words(p.words)
            field = "sla_breached" if breached else "sla_met"
            why = (f"header names the SLA or a deadline{' and its breach' if breached else ''}; yes/no values "
                   f"{', '.join(p.values[:4])}")
        elif all(sla_verdict(v) is not None for v in values) and (
                sla_words(p.words) or any(sla_words(header_words(v)) for v in values)):
            field, why = "sla_met", f"values state the SLA verdict ({', '.join(values[:4])})"
        else:
            continue
        rank = (any(w in ("sla", "slas") or w.startswith(("løsning", "løysing", "lösning", "resolution"))
                    for w in [*p.words, *(w for v in p.values for w in header_words(v))]),
                not any(w.startswith(("svar", "respons", "response", "reply")) for w in p.words), -p.position)
        found.append((rank, p, field, why + skipped))
    if not found:
        return None
    _, p, field, why = max(found, key=lambda f: f[0])
    return p, field, why


FULL_ROWS = 0.95  # a created column is filled on (nearly) every row


def _earliest_full_column(candidates: list[ColumnProfile], dates: list[ColumnProfile],
                          sample: Sequence[Sequence[str | None]]) -> tuple[ColumnProfile, str]:
    """The created column when no header says so: among the date columns not named as a later time, those
    filled on (nearly) every row (else the fullest), the one holding the earliest date of its row (<= every
    other date column's) on most rows; then the fuller, then the earlier in the header. Returns it and why."""
    rows = len(sample)
    fullest = max(p.non_null for p in candidates)
    full = [p for p in candidates if p.non_null >= FULL_ROWS * rows] or [p for p in candidates if p.non_null == fullest]

    def values(p: ColumnProfile) -> list[dt.datetime | None]:
        numeric_ok = _numeric_dates(p.words)
        return [date_value(r[p.position], numeric_ok) if p.position < len(r) else None for r in sample]

    parsed = {p.position: values(p) for p in dates}
    earliest: dict[int, tuple[int, int]] = {}  # position -> (rows where it is the earliest, rows compared)
    for p in full:
        mine = parsed.get(p.position) or values(p)
        compared = first = 0
        for r, value in enumerate(mine):
            others = [parsed[q.position][r] for q in dates if q.position != p.position
                      and parsed[q.position][r] is not None]
            if value is None or not others:
                continue
            compared += 1
            first += value <= min(others)
        earliest[p.position] = (first, compared)
    best = max(full, key=lambda p: (earliest[p.position][0] / earliest[p.position][1] if earliest[p.position][1]
                                    else 0.0, p.non_null, -p.position))
    first, compared = earliest[best.position]
    filled = best.non_null / rows if rows else 0.0
    why = "no creation word in its header" + (f" ({_words_why('created_at', best)} says no more)"
                                              if _score("created_at", best) else "")
    if compared:
        why += (f"; filled on {filled:.0%} of rows and the earliest date of its row on {first / compared:.0%} of "
                f"the {compared} rows with another date")
    else:
        why += f"; the one date column not named as a later time, filled on {filled:.0%} of rows"
    return best, why


def _dateless_snapshot(profiles: list[ColumnProfile], ticket: ColumnProfile) -> bool:
    """No column holds or names a time (so none is merely unreadable) and the id column is named so."""
    if _score("ticket_id", ticket) <= 0:
        return False
    for p in profiles:
        if p.date_rate >= 0.5:
            return False
        if any(_score(f, p) >= 3 for f in TIME_FIELDS):
            return False
    return True


def _preset_naming(header: Sequence[str], chosen: dict[str, str]) -> str | None:
    """The built-in preset whose header names match the chosen id and at least two other chosen columns:
    a dateless issue list from Jira keeps source system 'jira', so a later dated export of the same
    tickets replaces it."""
    from flows.tickets.presets import PRESETS, normalise_header

    best, best_n = None, 0
    for preset in PRESETS:
        hits = [f for f, col in chosen.items()
                if any(normalise_header(a) == normalise_header(col) for a in preset.columns.get(f, ()))]
        if "ticket_id" in hits and len(hits) >= 3 and len(hits) > best_n:
            best, best_n = preset.source_system, len(hits)
    return best


def _refusal(what: str, header: Sequence[str], profiles: list[ColumnProfile]) -> str:
    seen = ", ".join(
        f'"{p.name}"' + (" (dates)" if p.date_rate >= 0.9 else "") for p in profiles) or "(none)"
    single = (" Only one column was found: is the delimiter something other than ; , tab or |?"
              if len(header) == 1 else "")
    return (f"no preset or mapping fits and the layout cannot be inferred: {what} found "
            f"(a ticket needs an id and a created or event time). Columns seen: {seen}.{single} "
            f"Add a YAML mapping (see flows/tickets/mappings/example.yaml) that names them.")


# Fields a built-in preset may leave unfound that the header words and content of the other columns can still give
# (a JSON export the Zendesk preset fits by "id" and "created_at" with its closing time in "close_at"): without them
# the export has no resolution times, customers or priorities at all.
COMPLETED_FIELDS = ("resolved_at", "closed_at", "first_response_at", "first_response_duration", "customer_org",
                    "customer_email", "priority", "status", "channel", "category", "subcategory", "reopen_count",
                    "reassignment_count", "sla_met", "sla_breached", "reopened")
# a field read from another one (the first response from its time or a duration, the customer from its column or an
# e-mail address): one is enough
_ONE_OF = (("first_response_at", "first_response_duration"), ("customer_org", "customer_email"),
           ("sla_met", "sla_breached"))


def complete_mapping(positions: dict[str, int], header: Sequence[str], sample: Sequence[Sequence[str | None]]
                     ) -> list[tuple[Choice, int]]:
    """The fields of COMPLETED_FIELDS a preset did not find (positions: what it found), chosen among the columns it
    left as the layout inference would choose them; (choice, column position) each."""
    return completion(positions, header, sample)[0]


def completion(positions: dict[str, int], header: Sequence[str], sample: Sequence[Sequence[str | None]],
               beside: Sequence[str] = ()) -> tuple[list[tuple[Choice, int]], dict[str, str]]:
    """complete_mapping's choices, and the numbering a completed priority column's header states ("Prioritet
    (1=lav, 4=kritisk)": {"1": "D", ..., "4": "A"}), which the values are read by as an inferred mapping's are."""
    missing = [f for f in COMPLETED_FIELDS if f not in positions]
    for pair in _ONE_OF:  # (one verdict, one first response, one customer is enough)
        if set(pair) & set(positions):
            missing = [f for f in missing if f not in pair]
    # ... but a customer column the preset found that is empty on some rows ("organization.name" of a null
    # "organization") takes the customer from the requester's address on those rows, as an inferred mapping does
    blanks_filled = "customer_org" in positions and "customer_email" not in positions
    used = set(positions.values())
    if not (missing or blanks_filled) or len(used) >= len(header):
        return [], {}
    inference = infer_mapping(header, sample, beside=beside)
    if inference.refusal:
        return [], {}
    where = {name: pos for pos, name in reversed(list(enumerate(header)))}
    if blanks_filled and any(c.field == "customer_org" and where.get(c.column) == positions["customer_org"]
                             for c in inference.choices):
        missing.append("customer_email")  # (the inference reads the same customer column, and its blanks so)
    found = []
    for choice in inference.choices:
        pos = where.get(choice.column)
        if choice.field == "category" and max((word_weight("category", w) for w in header_words(choice.column)),
                                              default=0) < 3:
            continue  # a category only when named so ("kategori::", "Category"): a "type" stays a column of its own
        if choice.field in missing and pos is not None and pos not in used:
            found.append((choice, pos))
            used.add(pos)
    numbering = dict(inference.priority_values) if any(c.field == "priority" for c, _ in found) else {}
    return found, numbering
