"""Column-mapping presets for helpdesk exports, YAML mappings, and value normalisers.

A preset says, for each canonical field, which header names a source system uses
(English and Norwegian). The preset is chosen from the header alone: the one that
finds ticket id and created date and the most other fields wins; YAML mappings are
tried before the built-in presets so a local mapping can override them.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from flows.months import MONTH_NUMBER
from flows.tickets.model import CHANNELS, EVENT_FIELDS, FIELD_NAMES, PRIORITIES, STATUSES


class MappingError(ValueError):
    """A YAML mapping file that cannot be used; the message names the file and the key."""


@dataclass(frozen=True)
class ColumnMapping:
    name: str
    source_system: str
    columns: Mapping[str, tuple[str, ...]]  # canonical field -> header names, first found wins
    first_response_minutes: tuple[str, ...] = ()  # header of "minutes until first reply" (Zendesk)
    priority_values: Mapping[str, str] = field(default_factory=dict)  # source value -> A/B/C/D
    status_values: Mapping[str, str] = field(default_factory=dict)
    channel_values: Mapping[str, str] = field(default_factory=dict)
    date_formats: tuple[str, ...] = ()  # strptime formats tried before the built-in ones
    origin: str = "preset"
    # a snapshot export without any date column (see flows/tickets/infer.py): tickets without a created
    # time, counted in breakdowns but in no period. Only an inferred or a YAML mapping says so.
    dateless: bool = False


# words of an export's file name that say nothing about which system or export it is (the engine's naming of
# exports and the loader's system of a file named after another system than its preset's)
FILE_NOISE_WORDS = frozenset("""csv xlsx json jsonl txt tsv export exports eksport eksporter tickets ticket saker sak
issues issue data file fil fila filen the and of og i til fra all alle helpdesk servicedesk support list liste lista
report rapport uttrekk full dump backup kopi copy new ny nye old gammel final latest siste sample test""".split()) | MONTH_NUMBER.keys()


@dataclass(frozen=True)
class ResolvedMapping:
    """A mapping applied to one header: canonical field -> 0-based column position."""

    mapping: ColumnMapping
    positions: Mapping[str, int]
    first_response_minutes_position: int | None
    # time field -> how its column writes dates (flows.tickets.values.DateFormat), decided from its values by the
    # loader; a field not here is read with the common formats
    date_formats: Mapping[str, object] = field(default_factory=dict)
    # the status is a field-change log's changed field (readers.with_field_change_columns): its states are the values
    # the status was changed to, and the log's action column (add, update, open for viewing, delete) names none
    states_by_field: bool = False

    @property
    def matched_fields(self) -> int:
        return len(self.positions) + (self.first_response_minutes_position is not None)

    @property
    def event_log(self) -> bool:
        """One row per change of a ticket (an event time column): rows become one ticket per id."""
        return "event_at" in self.positions


# sla_breached: a column saying the SLA was NOT met ("SLA bruten", "Løsningsfrist brutt"), read into sla_met the other
# way round (flows/tickets/flags.py)
# resolution_duration: a column of how long a ticket took to resolve ("3.08:00:39", "26:30:00", "26t 30m") in an
# export with no resolved time; read into resolved_at = created_at + the duration (flows/tickets/values.py)
# reopened_at: when the ticket was reopened ("Re-Opened Date"); a ticket with a time there was reopened (reopened)
# customer_email: the sender's e-mail address, in an export with no customer column; its municipality's domain
# ("@x.kommune.no") is read into customer_org (flows/tickets/values.py)
# first_response_duration: how long until the first response ("Første svartid (min)", "First Response Time (hrs)"),
# in an export with no first-response time; read into first_response_at = created_at + the duration, its plain
# numbers in the unit its header states (flows/tickets/values.py)
MAPPABLE_FIELDS: tuple[str, ...] = (*FIELD_NAMES, *EVENT_FIELDS, "sla_breached", "resolution_duration",
                                    "customer_email", "reopened_at", "first_response_duration")
# the key of a nested object that holds its readable value (in the order tried: "name" before "id")
NESTED_NAME_KEYS = ("name", "display_name", "displayname", "title", "label", "value")


def has_required_fields(fields, dateless: bool = False) -> bool:
    """A ticket id, and a created time or (event logs) an event time to take it from; a dateless
    snapshot mapping needs only the id."""
    return "ticket_id" in fields and ("created_at" in fields or "event_at" in fields or dateless)


def normalise_header(name: str) -> str:
    """'Operator_Group ', 'operator group' and 'Σ Operator group*' compare equal: BOM, case and
    symbols other than letters, digits, ':' '.' '/' '(' ')' are ignored."""
    text = re.sub(r"[^\w\s:./()-]", " ", name.replace("\ufeff", "")).replace("_", " ")
    return re.sub(r"\s+", " ", text).strip().casefold()


def _key(value: str) -> str:
    return re.sub(r"\s+", " ", value).strip().casefold()



def _extra(key: str, extra: Mapping[str, str] | None) -> str | None:
    """The value a source's own mapping (a preset's or the user's) gives a normalised key, or None."""
    return next((v for k, v in (extra or {}).items() if _key(k) == key), None)

# --- value normalisers (pure; applied to the distinct values of a file) ------------------

_PRIORITY_WORDS = {  # bokmål, nynorsk, Swedish, Danish, English, German
    "A": ("critical", "kritisk", "kritiske", "kritiska", "forretningskritisk", "urgent", "highest", "blocker", "svært høy", "akutt",
          "very high", "veldig høy", "svært høg", "meget høy", "akut", "brådskande", "mycket hög", "meget høj",
          "emergency", "immediate", "kritisch", "sehr hoch", "dringend", "notfall", "haster", "umiddelbart",
          "umiddelbar", "straks", "omgående", "omgåande", "topp", "top",
          "nødstilfelle", "nødtilfelle", "nødsituasjon", "nödfall", "nødstilfælde", "høyest", "høyeste", "høgast",
          "högst", "højest", "højeste", "höchste"),
    "B": ("high", "høy", "høg", "hög", "høj", "viktig", "major", "hoch", "wichtig"),
    "C": ("normal", "medium", "middels", "medel", "mellan", "middel", "mellem", "moderate", "moderat", "mittel"),
    "D": ("low", "lav", "låg", "lowest", "planning", "planlagt", "planlegging", "minor", "trivial", "very low",
          "veldig lav", "svært lav", "meget lav", "mycket låg", "planerad", "niedrig", "gering", "sehr niedrig", "lavest", "lavaste",
          "lågast", "lägst", "lavest", "niedrigste"),
}
_PRIORITY_BY_WORD = {w: letter for letter, words in _PRIORITY_WORDS.items() for w in words}
# The one scale every export's priorities are mapped to, as an answer names its levels (bokmål, English)
PRIORITY_LEVELS = {"A": ("1 – Kritisk", "1 – Critical"), "B": ("2 – Høy", "2 – High"),
                   "C": ("3 – Middels", "3 – Medium"), "D": ("4 – Lav", "4 – Low")}
# the scale's own words: across exports they name a level, whatever each export writes for it ("Critical" is level 1 in
# every export); a system's own word ("Blocker", "Trivial", "Major", "A - Forretningskritisk") names its own value
PRIORITY_LEVEL_WORDS = frozenset({"critical", "kritisk", "urgent", "akutt", "high", "høy", "høg", "medium", "middels",
                                  "normal", "low", "lav", "låg"})
# words that name a level wherever they stand ("critical tickets"); the others ("high", "lav") only beside "priority"
PRIORITY_PLAIN_WORDS = frozenset({"critical", "kritisk", "kritiske", "kritiska", "forretningskritisk", "urgent", "akutt",
                                  "blocker"})


# values read as a level that a question uses for other things ("topp tre", "høyest andel", "lavest løsningstid"): an
# export's value, never a question's word for the level
VALUE_ONLY_PRIORITY_WORDS = frozenset({"topp", "top", "høyest", "høyeste", "høgast", "högst", "højest", "højeste",
                                       "höchste", "lavest", "lavaste", "lågast", "lägst", "niedrigste"})


def priority_words() -> dict[str, str]:
    """Every word the loader reads as a level of the scale ("høy" -> B), and the levels' own words; not the values a
    question uses for other things (VALUE_ONLY_PRIORITY_WORDS)."""
    out = {w: letter for w, letter in _PRIORITY_BY_WORD.items() if w not in VALUE_ONLY_PRIORITY_WORDS}
    for letter, labels in PRIORITY_LEVELS.items():
        for label in labels:
            out.setdefault(label.split("– ", 1)[1].lower(), letter)
    return out
_PRIORITY_BY_DIGIT = {"1": "A", "2": "B", "3": "C", "4": "D", "5": "D"}


def priority_scale(values: Iterable[str | None]) -> dict[str, str]:
    """A column's own numbering, read from its values that write a number with a priority word: {"3": "B"} for a
    column holding "1 low", "2 normal", "3 high" (a scale that runs 1 = lowest). A bare "3" in the same column is
    then read by that scale, not as 1 = highest; a number written with words of two levels says nothing. "Major" in a
    scale that goes up to "very high" without a "critical" is its top level: {"major": "A"}."""
    values = list(values)
    seen: dict[str, set[str]] = {}
    for value in values:
        if value is None:
            continue
        m = re.fullmatch(r"(?:prioritet|priority|prio)?\s*p?([0-9])\s*(?:[-–:.)]\s*)?(\D.*)", _key(value))
        if m and (letter := _PRIORITY_BY_WORD.get(m.group(2).strip(" -–:.()"))) is not None:
            seen.setdefault(m.group(1), set()).add(letter)
    scale = {digit: letters.pop() for digit, letters in seen.items() if len(letters) == 1}
    scale = {**signed_priority_scale(values), **scale}
    keys = {_key(v) for v in values if v is not None and v.strip()}
    if "major" in keys and keys & _VERY_HIGH and not keys & _ABOVE_MAJOR:
        # a scale graded by height up to "very high" ("Svært høy", "Very high") that writes "Major" beside it puts
        # Major above them all (GLPI's sixth level); beside "Critical"/"Blocker" (Jira) Major stays below them
        scale["major"] = "A"
    return scale


def signed_priority_scale(values: Iterable[str | None]) -> dict[str, str]:
    """Bare integer codes of which one is negative ("-1", "0", "1", "2": a helpdesk API's priority codes, Jitbit's
    -1 Low, 0 Normal, 1 High, 2 Critical) run upwards from 0 = normal: {"2": "A", "1": "B", "0": "C", "-1": "D"}.
    A scale that counts from 1 (or from 0 without a negative code, "P0" the most urgent) is no such scale: {}."""
    codes = {v.strip() for v in values if v is not None and v.strip()}
    if not codes or not all(re.fullmatch(r"[-−]?\d", c) for c in codes):
        return {}
    numbers = {c: int(c.replace("−", "-")) for c in codes}
    if min(numbers.values()) >= 0:
        return {}
    return {c: "ABCD"[min(max(2 - n, 0), 3)] for c, n in numbers.items()}


def header_priority_scale(header: str) -> dict[str, str]:
    """The numbering a priority column's header states ("Prioritet (1=lav, 4=kritisk)", "Priority (5 = critical,
    1 = low)"): {digit: letter} for every digit from the lowest to the highest it names, when they run upwards (the
    highest number the most urgent: highest A, then B, C, the rest D). A header naming no numbers, or numbers that run
    1 = highest as a bare number is read anyway, gives {}."""
    named: dict[int, str] = {}
    for digit, word in re.findall(r"(\d)\s*[=:]\s*([^\W\d_][^\W\d_ ]*(?: [^\W\d_]+)?)", header.casefold()):
        letter = _PRIORITY_BY_WORD.get(word.strip()) or _PRIORITY_BY_WORD.get(word.split()[0])
        if letter is not None:
            named[int(digit)] = letter
    if len(named) < 2:
        return {}
    low, high = min(named), max(named)
    if named[high] >= named[low]:  # the higher number is no more urgent: 1 = highest, the default reading
        return {}
    return {str(d): "ABCD"[min(high - d, 3)] for d in range(low, high + 1)}


_VERY_HIGH = frozenset({"svært høy", "very high", "veldig høy", "svært høg", "meget høy", "mycket hög", "meget høj"})
_ABOVE_MAJOR = frozenset({"critical", "kritisk", "blocker", "highest", "urgent", "akutt", "akut", "emergency"})


def normalise_priority(raw: str | None, extra: Mapping[str, str] | None = None) -> str | None:
    """'A - Forretningskritisk', 'P1', '1 - Critical', 'urgent', 'Høy' -> A..D; None if unknown. A number written
    with a priority word is read by the word: scales run both ways ("5 very high" ... "1 very low" in OTRS/Znuny,
    "1 - Critical" elsewhere); a bare number is read 1 = highest."""
    if raw is None or not raw.strip():
        return None
    key = _key(raw)
    if (mapped := _extra(key, extra)) is not None:
        return mapped
    if key in _PRIORITY_BY_WORD:
        return _PRIORITY_BY_WORD[key]
    # "Priority 2", "Prio 1", "Severity 1", "Sev 2", "S1": the number of a level
    key = re.sub(r"^(prioritet|priority|priorität|prio|severity|sev|s(?=\s*[1-5]\b))\s*", "", key)
    # a number with a word ("5 very high" in a scale that runs 5 = highest, "2 - High"): the word decides
    if m := re.fullmatch(r"p?[0-9]\s*(?:[-–:.)]\s*)?(\D.*)", key):
        if (word := _PRIORITY_BY_WORD.get(m.group(1).strip(" -–:.()"))) is not None:
            return word
    # a level word with what it means after it ("High - Service Degraded for Several Users", "Kritisk: tjenesten er
    # nede", an ITIL impact or urgency list): the word decides
    if m := re.fullmatch(r"(\D+?)\s*[-–:]\s+\S.*", key):
        if (word := _PRIORITY_BY_WORD.get(m.group(1).strip())) is not None:
            return word
    head = re.split(r"\s*[-–:.]\s*|\s+", key, maxsplit=1)[0]
    digit = re.fullmatch(r"p?([1-5])", head)
    if digit:
        return _PRIORITY_BY_DIGIT[digit.group(1)]
    if head in ("a", "b", "c", "d"):
        return head.upper()
    rest = re.sub(r"^[^-–:]*[-–:]\s*", "", key)
    return _PRIORITY_BY_WORD.get(rest)


# a status saying the desk answered (waiting for the customer): a state of an export, but in a question the words are
# what happened to a call or a message ("andel av telefonene som ble besvart"), never the state pending
_ANSWERED_STATES = ("replied", "answered", "besvart", "svart")
_STATUS_WORDS = {  # bokmål, nynorsk, Swedish, Danish, English
    "new": ("new", "ny", "nytt", "neu", "registrert", "registered", "logged", "to do", "open - new", "created", "opprettet",
            "oppretta", "registrerad", "inkommen", "oprettet", "registreret"),
    "open": ("open", "opened", "reopened", "åpen", "in progress", "under behandling", "pågår", "assigned", "tildelt",
             "work in progress", "waiting for support", "active", "aktiv", "i arbeid", "öppen", "öppet", "pågående",
             "under arbete", "under utredning", "tilldelad", "påbörjad", "åben", "igangværende", "under arbejde",
             "i gang", "igang", "offen", "zugewiesen", "under arbeid", "under arbeiding", "arbeides med",
             "i behandling", "under utføring",
             # an issue tracker's steps between new and resolved (confirmed, acknowledged): still open
             "confirmed", "acknowledged", "bekreftet", "bekrefta", "stadfesta", "kvittert", "kvittert ut"),
    "pending": ("pending", "on hold", "hold", "venter", "ventar", "avventer", "waiting for customer",
                "venter på kunde", "venter på bruker", "parkert", "väntar", "väntande", "vilande", "pausad",
                "avvaktar", "väntar på kund", "parkerad", "afventer", "stalled", "suspended", "deferred",
                # waiting for the reporter's answer (an issue tracker's "feedback" step)
                "feedback", "tilbakemelding", "venter på tilbakemelding", "ventar på tilbakemelding",
                # the desk answered and waits for the customer (a status "Replied", "Answered", "Besvart")
                *_ANSWERED_STATES),
    "resolved": ("resolved", "solved", "løst", "løyst", "ferdigmeldt", "done", "fullført", "completed", "löst",
                 "åtgärdad", "klar", "udført", "færdig", "ferdig", "fullförd", "fixed"),
    "closed": ("closed", "lukket", "lukka", "avsluttet", "avslutta", "avslutad", "avslutat", "stängd", "stängt",
               "afsluttet",
               # a shared inbox's conversation put away when done (Front, Missive): closed
               "archived", "archive", "arkivert", "arkivera", "arkiverad", "arkiveret"),
    "cancelled": ("cancelled", "canceled", "kansellert", "avbrutt", "declined", "avvist", "won't do", "annullert",
                  "makulerad", "annullerad", "avbruten", "annulleret", "avvisad", "rejected", "withdrawn", "avslått",
                  "avslegen", "avslaget",
                  # an item that is no real ticket: taken away, a duplicate, merged into another, junk mail
                  "removed", "deleted", "duplicate", "merged", "spam", "fjernet", "fjerna", "slettet", "sletta",
                  "duplikat", "sammenslått", "slått sammen", "borttagen", "raderad", "dubblett", "sammanslagen"),
}
_STATUS_BY_WORD = {w: s for s, words in _STATUS_WORDS.items() for w in words}
# the statuses of junk mail a mailbox desk marks (a "spam" conversation): no ticket at all, set aside by the loader
SPAM_STATUSES = ("spam", "junk", "søppelpost", "skräppost", "junk mail")
SPAM_REASON = "marked as spam"  # the start of such a row's quarantine reason (an answer says how many were left out)
# a column by which the system marks a record deleted ("is_deleted" 1, "Deleted" true, "Slettet" Ja): a record in the
# trash is no ticket either, set aside with DELETED_REASON; the header's words are one of these beside at most "is"
DELETED_WORDS = frozenset({"deleted", "isdeleted", "trashed", "intrash", "slettet", "sletta", "raderad", "borttagen",
                           "slettede", "erslettet"})
_DELETED_FILLERS = frozenset({"is", "in", "er", "flag", "flagg", "ticket", "sak"})
DELETED_REASON = "marked as deleted"
# a system that writes a ticket's state as one letter (LiveAgent's API: I init, N new, T chatting, P calling, R resolved,
# X deleted, B spam, A answered, C open, W postponed, L closed): a status column of single letters none of which reads
# as a state is read by the table whose letters hold every letter seen (three at least: two letters say too little)
LETTER_STATUS_CODES: tuple[dict[str, str], ...] = (
    {"I": "new", "N": "new", "T": "open", "P": "open", "R": "resolved", "X": "cancelled", "B": "cancelled",
     "A": "pending", "C": "open", "W": "pending", "L": "closed"},
)


def letter_status_values(values: Iterable[str | None], unread: Callable[[str], bool]) -> dict[str, str]:
    """raw value -> state for a status column written in one of LETTER_STATUS_CODES (every value a single letter that
    `unread` says no rule reads, at least three distinct); {} for any other column."""
    seen = {v.strip() for v in values if v is not None and v.strip()}
    if len(seen) < 3 or not all(len(v) == 1 and v.isalpha() and unread(v) for v in seen):
        return {}
    for table in LETTER_STATUS_CODES:
        if {v.upper() for v in seen} <= set(table):
            return {v: table[v.upper()] for v in seen}
    return {}


# the reasons of rows that are no tickets at all and that an answer says it left out
NOT_A_TICKET_REASONS = (SPAM_REASON, DELETED_REASON)
# the last state of an event log's ticket that puts it in the trash ("trash" in a Front conversation's events, a
# "deleted" audit): the ticket is set aside as a record marked deleted is, never counted
TRASH_STATES = ("trash", "trashed", "deleted", "delete", "moved to trash", "in trash", "slettet", "sletta",
                "papirkurv", "raderad", "borttagen", "slettede")


# a column by which a mailbox desk marks a conversation junk mail ("is_spam" true, "Spam" Ja, "Søppelpost"): no ticket,
# set aside with SPAM_REASON as a junk status is; the header's words are one of these beside at most "is"
SPAM_FLAG_WORDS = frozenset({"spam", "isspam", "junk", "isjunk", "søppelpost", "skräppost", "markedasspam"})


def deleted_flag_position(header_words_of: list[list[str]], words_of_flag: frozenset[str] = DELETED_WORDS
                          ) -> int | None:
    """The position of the column marking a record deleted (or, with words_of_flag SPAM_FLAG_WORDS, junk mail), from
    each header's words (infer.header_words); None when no header is such a flag."""
    for position, words in enumerate(header_words_of):
        named = set(words) & words_of_flag
        if named and set(words) <= words_of_flag | _DELETED_FILLERS:
            return position
    return None
# a change of state written with both states ("Status changed from Open to Completed", "Status endret fra Ny til Løst",
# "Status ändrad från Ny till Löst", "Open -> Resolved"): the state after it
_CHANGE = re.compile(r"(?:^|\s)(?:from|fra|frå|från|fran|von)\s+\S.*?\s+(?:to|til|till|nach)\s+(\S.*?)\s*$"
                     r"|^\s*[^>→]+?\s*(?:->|→|=>)\s*(\S.*?)\s*$")
# word beginnings in longer texts, first match wins (reopen before open, cancel before close)
_STATUS_STEMS = (
    ("reopen", "open"), ("re-open", "open"), ("gjenåpn", "open"), ("gjenopn", "open"), ("återöppn", "open"),
    ("genåbn", "open"), ("stäng", "closed"), ("archiv", "closed"), ("arkiv", "closed"), ("afslut", "closed"), ("avslutad", "closed"), ("åtgärd", "resolved"),
    ("makuler", "cancelled"), ("annuller", "cancelled"), ("vänta", "pending"), ("afvent", "pending"),
    ("cancel", "cancelled"), ("kansell", "cancelled"), ("avbr", "cancelled"), ("avvis", "cancelled"),
    ("closed", "closed"), ("close", "closed"), ("lukk", "closed"), ("avslutt", "closed"),
    ("resolv", "resolved"), ("solve", "resolved"), ("løs", "resolved"), ("ferdigmeld", "resolved"), ("lös", "resolved"),
    ("wait", "pending"), ("pending", "pending"), ("on hold", "pending"), ("venter", "pending"), ("avvent", "pending"),
    ("avvakt", "pending"), ("await", "pending"), ("suspend", "pending"), ("wartend", "pending"), ("warte", "pending"),
    ("zurückgestellt", "pending"), ("reject", "cancelled"), ("withdr", "cancelled"), ("storn", "cancelled"),
    ("abgebrochen", "cancelled"), ("abgelehnt", "cancelled"), ("abgeschlossen", "closed"), ("geschlossen", "closed"),
    ("gelöst", "resolved"), ("erledigt", "resolved"), ("behoben", "resolved"), ("in bearbeitung", "open"),
    ("in arbeit", "open"), ("escalat", "open"), ("eskaler", "open"),
    ("take in charge", "open"), ("in progress", "open"), ("assign", "open"), ("tildel", "open"),
    ("under behandling", "open"), ("insert", "new"), ("registr", "new"), ("opprett", "new"),
    ("created this", "new"), ("ticket created", "new"), ("created ticket", "new")
)


def status_words() -> frozenset[str]:
    """The state names (every language) the loader reads as a canonical status: a question names states by them too
    ("still open (New, In Progress or On Hold)")."""
    return frozenset(_STATUS_BY_WORD) - set(_ANSWERED_STATES)


# the states a ticket is only in, with no time of its own in its lifecycle (waiting, cancelled/rejected): their words in
# any language name the state ("avvist" the rejected tickets, "stalled" those on hold). The words of the other states
# ("løst", "lukket", "åpne", "ny") are read by the question families as a time (resolved, closed, created) or a stock
# of open tickets, never as a status filter.
GLOSSED_STATES = ("pending", "cancelled")


def status_gloss() -> dict[str, str]:
    """{word: canonical status} for the states of GLOSSED_STATES, in every language the loader reads (the one home of
    the status vocabulary): a question names them by these words ("avviste saker": cancelled)."""
    return {w: s for s, ws in _STATUS_WORDS.items() if s in GLOSSED_STATES for w in ws if w not in _ANSWERED_STATES}


def normalise_status(raw: str | None, extra: Mapping[str, str] | None = None) -> str | None:
    """Source status -> new/open/pending/resolved/closed/cancelled; 'other' if not recognised."""
    if raw is None or not raw.strip():
        return None
    key = _key(raw)
    if (mapped := _extra(key, extra)) is not None:
        return mapped
    if change := _CHANGE.search(key):  # "Status changed from Open to Completed": the state it changed to
        return normalise_status(change.group(1) or change.group(2), extra)
    found = _STATUS_BY_WORD.get(key)
    if found:
        return found
    # event logs name activities rather than states ("Resolve ticket", "Take in charge ticket")
    for stem, status in _STATUS_STEMS:
        if re.search(rf"(^|\W){stem}", key):
            return status
    return "other"


# Words of an event log's activities that are actions on a ticket and name no state: an assignment, a comment, a reply,
# a note, a field update, an attachment, a time log. Such an event leaves the ticket in the state it was in (an
# assignment logged minutes after the resolution does not reopen it); an activity naming a state ("Resolve ticket",
# "Take in charge ticket", "Reopened", "Wait") changes it. (bokmål, nynorsk, Swedish, Danish, English, German)
_ACTION_WORDS = (
    r"(re-?)?assign\w*", r"(om)?tildel\w*", r"tilldel\w*", r"zugewiesen", r"zuweis\w*", r"delegat\w*",
    r"comment\w*", r"kommentar\w*", r"kommentert", r"repl(y|ied|ies)", r"svar\w*", r"answer\w*", r"antwort\w*",
    r"notes?", r"noted", r"notat\w*", r"notis\w*", r"notiz\w*", r"memo",
    r"update[sd]?", r"updating", r"oppdater\w*", r"uppdater\w*", r"opdater\w*", r"aktualisiert", r"edit(ed)?",
    r"endret", r"ändrad\w*", r"field\w*", r"felt\w*",
    r"attach\w*", r"vedlegg\w*", r"bilag\w*", r"anhang\w*", r"upload\w*",
    r"log(ged)?", r"worklog\w*", r"time", r"timer?", r"tid", r"timeføring", r"tidsregistrering", r"work",
    r"e-?mail\w*", r"e-?post", r"mail\w*", r"message\w*", r"melding\w*", r"forward\w*", r"videresend\w*",
    r"priorit\w*", r"seriousness", r"severity", r"categor\w*", r"kategori\w*",
    # a shared inbox's message in or out of a conversation, a tag put on or taken off
    r"inbound", r"outbound", r"innkommende", r"utgående", r"(un)?tag(s|ged)?", r"(un)?tagg\w*", r"mention\w*",
)
# words beside an action that name no state either ("Comment added to the ticket")
_FILLER_WORDS = (r"added", r"lagt til", r"sent", r"sendt", r"to", r"til", r"the", r"a", r"an", r"ticket", r"sak(en)?",
                 r"ärende(t)?", r"status", r"state")
_ACTION = re.compile(r"(?<!\w)(" + "|".join(_ACTION_WORDS) + r")(?!\w)")
_ACTION_OR_FILLER = re.compile(r"(?<!\w)(" + "|".join(_ACTION_WORDS + _FILLER_WORDS) + r")(?!\w)")


# an activity that sets one field to a value ("set status to Resolved", "set team to Lønn", "Priority changed to High",
# "endret prioritet fra Lav til Høy", "satte status til Løst"): the state when the field is the status, else no state
_SETS_FIELD = re.compile(
    r"^\s*(?:(?:set|sets|changed|change|updated|update|endret|endra|endre|satte|sette|satt|ändrade|ändrat|ändra)\s+"
    r"(?P<field>[^\W\d_][\w -]{0,30}?)|(?P<field2>[^\W\d_][\w -]{0,30}?)\s+(?:set|changed|updated|endret|endra|"
    r"satt|ändrad|ändrades))(?:\s+(?:from|fra|frå|från)\s+.+?)?\s+(?:to|til|till)\s+(?P<value>\S.*?)\s*$")
_STATE_FIELDS = re.compile(r"^(?:the\s+)?(?:ticket\s+)?(?:status|state|stage|stadium|tilstand|saksstatus|"
                           r"behandlingsstatus)$")


def activity_state(raw: str | None, extra: Mapping[str, str] | None = None) -> str | None:
    """The state an event log's activity puts a ticket in, as normalise_status reads it; None for an action that
    names no state (an assignment, comment, reply, note, field update, attachment, time log: "assigned", "Assign
    seriousness", "Comment added"): the ticket keeps the state it had. An action word with a state named beside it
    ("Status updated to resolved") gives that state; the source's own mapping wins. A status column's value is read
    by normalise_status alone ("Assigned" there is a state)."""
    state = normalise_status(raw, extra)
    if state is None or _extra(_key(raw), extra) is not None:
        return state
    key = _key(raw)
    if sets := _SETS_FIELD.match(key):
        field = (sets.group("field") or sets.group("field2")).strip()
        return normalise_status(sets.group("value"), extra) if _STATE_FIELDS.match(field) else None
    if not _ACTION.search(key):
        return state
    rest = _ACTION_OR_FILLER.sub(" ", key).strip(" -–:.,;/()")
    named = normalise_status(rest) if rest else None
    return named if named not in (None, "other") else None


def names_event(text: str) -> bool:
    """The text is a step in a ticket's life, an event log's activity: a state ("resolved", "Take in charge ticket") or
    an action naming none ("assigned", "comment added")."""
    return normalise_status(text) not in (None, "other") or activity_state(text) is None


# an event log's activity that is the desk's answer to the customer: a reply, an outgoing message ("outbound", "Reply
# sent", "Svar sendt", "Besvart", "First response"); an internal note, a comment alone, the customer's own reply, a
# response deadline or a wait for the customer's answer is none
_REPLY = re.compile(r"(?<![\w-])(out_?reply|outbound|outgoing|utgående|repl(y|ied|ies)|respon(se|ded|d)|respons|"
                    r"answer(ed)?|svar(t|et|a|at)?|besvar\w*|antwort\w*|beantwortet)(?!\w)")
_NOT_REPLY = re.compile(r"(?<!\w)(inbound|incoming|innkommende|internal|intern|note|notat|from customer|fra kunde|"
                        r"frå kunde|customer repl\w*|kunde svar\w*|requester|sla|breach\w*|due|frist|deadline|"
                        r"target|(a)?wait\w*|venter|ventar|avventer|pending)(?!\w)")


def names_reply(text: str | None) -> bool:
    """The activity is the desk's reply to the customer (the first one is the ticket's first response)."""
    key = _key(text) if text else ""
    return bool(key) and bool(_REPLY.search(key)) and not _NOT_REPLY.search(key)


_CHANNEL_WORDS = {
    "phone": ("phone", "telefon", "tlf", "voice", "call", "phone call", "telefonsamtale", "telephone", "anruf",
              "telefonat"),
    "portal": ("portal", "self-service", "self service", "selvbetjening", "selvbetjeningsportal",
               "web", "web form", "webskjema", "service portal", "kundeportal", "självservice", "självbetjäning",
               "webbformulär", "selvbetjeningsportalen", "sjølvbetjening", "sjølvbetjeningsportal",
               "self-service portal", "self service portal", "customer portal", "webform", "web-form", "webformular",
               "selbstbedienung", "kundenportal", "webportal", "selvbetjeningsløsning",
               # "Nett" as a way in (Dynamics 365's case origin "Web" in Norwegian): the web form
               "nett", "nettskjema", "nettside", "webb", "webbportal",
               # a help centre's form (Kayako's "HELPCENTER", Zendesk's "Help Center")
               "helpcenter", "help center", "help centre", "hjelpesenter", "hjelpesenteret",
               # a contact form on the web site
               "contact form", "kontaktskjema", "kontaktskjemaet"),
    # a chat is its own way in (a conversation, not a form): exports that record it count it apart from the portal
    # (a chat widget named by its product word: Kayako's and Intercom's "Messenger")
    "chat": ("chat", "live chat", "livechat", "web chat", "webchat", "nettprat", "chatt", "messenger", "chat widget"),
    "email": ("email", "e-mail", "e-post", "epost", "mail", "inbound email", "e-brev"),
    "walk_in": ("walk-in", "walk in", "walkin", "walk_in", "oppmøte", "personlig oppmøte", "skranke", "walk-up",
                "walk up", "walkup", "in-person", "persönlich", "vor ort",
                "in person", "servicesenter", "besök", "personligt besök", "fremmøde", "personlig fremmøde", "frammøte"),
}
_CHANNEL_BY_WORD = {w: c for c, words in _CHANNEL_WORDS.items() for w in words}


def channel_words() -> dict[str, tuple[str, ...]]:
    """The words (Norwegian, English) each canonical channel is recognised by: the question engine
    names a channel with them too ("telefonsaker", "via e-post")."""
    return {c: tuple(words) for c, words in _CHANNEL_WORDS.items()}


# an API's channel code run together with its kind ("pstnphone", "widgetchat", "contactform", "inboundemail"): the
# channel word it ends with
_CHANNEL_TAIL = re.compile(r"^(?!plat)[a-z]{2,}?(phone|voice|chat|email|mail|form|portal|web)$")
_TAIL_CHANNEL = {"phone": "phone", "voice": "phone", "chat": "chat", "email": "email", "mail": "email",
                 "form": "portal", "portal": "portal", "web": "portal"}


def normalise_channel(raw: str | None, extra: Mapping[str, str] | None = None) -> str | None:
    """'Telefon', 'voice', 'E-post', 'Chat', 'Oppmøte' -> phone/email/chat/walk_in/portal; 'other' if unknown."""
    if raw is None or not raw.strip():
        return None
    key = _key(raw)
    if (mapped := _extra(key, extra)) is not None:
        return mapped
    found = _channel_of_word(key)
    if found is None and len(words := re.split(r"[\s_]+", key)) > 1:
        # a value of several words is read by its channel word: the last names the kind ("Client Portal",
        # "Inbound Phone"), else the first does ("Email Inbox")
        found = _channel_of_word(words[-1]) or _channel_of_word(words[0])
    return found or "other"


def _channel_of_word(key: str) -> str | None:
    """The channel a (case-folded) word or phrase names, also run together with its kind ('pstnphone'), or None."""
    found = _CHANNEL_BY_WORD.get(key)
    if found is None and (tail := _CHANNEL_TAIL.match(key)):
        found = _TAIL_CHANNEL[tail.group(1)]
    return found


# --- built-in presets ----------------------------------------------------------------

def _cols(**fields: Sequence[str]) -> dict[str, tuple[str, ...]]:
    return {k: tuple(v) for k, v in fields.items()}


CANONICAL = ColumnMapping(
    name="canonical",
    source_system="canonical",
    columns={name: (name,) for name in FIELD_NAMES},
)

TOPDESK = ColumnMapping(
    name="topdesk",
    source_system="topdesk",
    columns=_cols(
        ticket_id=("Number", "Meldingsnummer", "Saksnummer", "Nummer", "Incident number"),
        customer_org=("Branch", "Filial", "Kunde", "Kommune", "Organisasjon"),
        created_at=("CallDate", "Call date", "Meldingsdato", "Dato registrert", "Registrert dato", "Innmeldt"),
        first_response_at=("ResponseDate", "Response date", "First response", "Responsdato", "Første respons"),
        resolved_at=("CompletedDate", "Completion date", "Ferdigmeldt", "Ferdigmeldt dato", "Løst dato"),
        closed_at=("ClosedDate", "Closed date", "Lukket dato", "Avsluttet dato"),
        priority=("Priority", "Prioritet"),
        category=("Category", "Kategori"),
        subcategory=("Subcategory", "Underkategori"),
        channel=("EntryType", "Entry type", "Meldingsmåte", "Innmeldingsmåte", "Innmeldingstype", "Kanal"),
        status=("ProcessingStatus", "Processing status", "Behandlingsstatus", "Status"),
        assignment_group=("OperatorGroup", "Operator group", "Operatørgruppe", "Behandlergruppe"),
        phone_wait_seconds=("Ventetid (sek)", "Ventetid sek", "WaitTime", "Wait time (s)", "Svartid telefon (sek)"),
    ),
)

SERVICENOW = ColumnMapping(
    name="servicenow",
    source_system="servicenow",
    columns=_cols(
        ticket_id=("number", "Nummer"),
        customer_org=("company", "Selskap", "u_municipality", "Kommune"),
        created_at=("opened_at", "Opened", "Åpnet", "sys_created_on"),
        first_response_at=("u_first_response_at", "First response", "Første respons"),
        resolved_at=("resolved_at", "Resolved", "Løst"),
        closed_at=("closed_at", "Closed", "Lukket"),
        priority=("priority", "Prioritet"),
        category=("category", "Kategori"),
        subcategory=("subcategory", "Underkategori"),
        channel=("contact_type", "Contact type", "Kontakttype"),
        status=("state", "incident_state", "Tilstand", "Status"),
        assignment_group=("assignment_group", "Assignment group", "Tilordningsgruppe"),
        phone_wait_seconds=("u_wait_seconds", "Ventetid (sek)"),
        reassignment_count=("reassignment_count", "Reassignment count", "Antall omfordelinger"),
        reopen_count=("reopen_count", "Reopen count", "Antall gjenåpninger"),
        # the incident audit export has one row per update: then sys_updated_at orders the events
        event_at=("sys_updated_at", "sys_updated_on", "Updated", "Oppdatert"),
        sla_met=("made_sla", "Made SLA", "SLA oppfylt"),
    ),
    status_values={"1": "new", "2": "open", "3": "pending", "6": "resolved", "7": "closed", "8": "cancelled"},
)

ZENDESK = ColumnMapping(
    name="zendesk",
    source_system="zendesk",
    columns=_cols(
        ticket_id=("id", "Ticket ID", "Saks-ID", "Sak-ID"),
        customer_org=("organization", "organization_name", "Organization", "Organisasjon", "organization_id"),
        created_at=("created_at", "Created at", "Requested", "Opprettet"),
        resolved_at=("solved_at", "Solved at", "Solved", "Løst"),
        closed_at=("closed_at", "Closed at", "Lukket"),
        priority=("priority", "Prioritet"),
        category=("category", "Kategori", "type"),
        subcategory=("subcategory", "Underkategori"),
        channel=("via.channel", "via", "channel", "Kanal"),
        status=("status", "Status"),
        assignment_group=("group", "group_name", "Group", "Gruppe"),
        phone_wait_seconds=("talk_wait_seconds", "wait_time_seconds", "Ventetid (sek)"),
    ),
    first_response_minutes=("first_reply_time_in_minutes", "metric_set.reply_time_in_minutes.calendar",
                            "First reply time in minutes", "Første svartid (min)", "Tid til første svar (min)"),
    status_values={"hold": "pending", "solved": "resolved"},
    channel_values={"voice": "phone", "web": "portal", "api": "other", "mail": "email"},
)

JIRA = ColumnMapping(
    name="jira",
    source_system="jira",
    columns=_cols(
        ticket_id=("Issue key", "Key", "Saksnøkkel", "Nøkkel"),
        customer_org=("Organizations", "Organization", "Customer Organization", "Organisasjoner"),
        created_at=("Created", "Opprettet"),
        first_response_at=("First response", "Første respons"),
        resolved_at=("Resolved", "Resolution date", "Løst"),
        closed_at=("Closed", "Lukket"),
        priority=("Priority", "Prioritet"),
        category=("Request type", "Customer Request Type", "Forespørselstype", "Kundeforespørselstype"),
        subcategory=("Component/s", "Components", "Komponent(er)", "Komponenter"),
        channel=("Source", "Request channel type", "Channel", "Kanal"),
        status=("Status",),
        assignment_group=("Team", "Assignment group", "Assignee group", "Gruppe"),
        phone_wait_seconds=("Ventetid (sek)",),
    ),
)

PRESETS: tuple[ColumnMapping, ...] = (CANONICAL, TOPDESK, SERVICENOW, ZENDESK, JIRA)


# --- detection -------------------------------------------------------------------------

def resolve_mapping(mapping: ColumnMapping, header: Sequence[str]) -> ResolvedMapping | None:
    """Apply a mapping to a header; None unless ticket id and created date are both found."""
    index: dict[str, int] = {}
    for pos, name in enumerate(header):
        index.setdefault(normalise_header(name), pos)
    # a nested JSON object's name ("organization": {"id": 9, "name": "X"} flattened to "organization.name") stands
    # for the object where no column has the object's own name
    for pos, name in enumerate(header):
        parent, dot, leaf = normalise_header(name).rpartition(".")
        if dot and parent and leaf in NESTED_NAME_KEYS:
            index.setdefault(parent, pos)
    positions: dict[str, int] = {}
    for field_name, aliases in mapping.columns.items():
        for alias in aliases:
            pos = index.get(normalise_header(alias))
            if pos is not None:
                positions[field_name] = pos
                break
    if not has_required_fields(positions, mapping.dateless):
        return None
    minutes = next((index[normalise_header(a)] for a in mapping.first_response_minutes
                    if normalise_header(a) in index), None)
    return ResolvedMapping(mapping, positions, minutes)


def detect_mapping(header: Sequence[str], mappings: Iterable[ColumnMapping]) -> ResolvedMapping | None:
    """The mapping that finds the most fields; on a tie the earlier one (YAML before presets)."""
    best: ResolvedMapping | None = None
    for mapping in mappings:
        resolved = resolve_mapping(mapping, header)
        if resolved and (best is None or resolved.matched_fields > best.matched_fields):
            best = resolved
    return best


def describe_no_match(header: Sequence[str], mappings: Sequence[ColumnMapping]) -> str:
    tried = ", ".join(f"{m.name} ({m.origin})" for m in mappings)
    found = ", ".join(f'"{h}"' for h in header) or "(none)"
    need = "; ".join(
        f"{m.name}: ticket id one of {list(m.columns['ticket_id'])}, created one of {list(m.columns['created_at'])}"
        for m in mappings if "ticket_id" in m.columns and "created_at" in m.columns
    )
    return (f"header matches no preset or mapping. Columns found: {found}. Tried: {tried}. "
            f"Each needs a ticket id and a created column — {need}. "
            f"Add a YAML mapping (see flows/tickets/mappings/example.yaml) for this layout.")


# --- YAML mappings -----------------------------------------------------------------------

_MAPPING_KEYS = {"name", "source_system", "columns", "first_response_minutes", "priority_values",
                 "status_values", "channel_values", "date_formats", "dateless"}


def _as_tuple(value: object, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise MappingError(f"{where}: expected a column name or a list of names, got {value!r}")


def _value_map(doc: dict, key: str, allowed: Sequence[str], where: str) -> dict[str, str]:
    values = doc.get(key) or {}
    if not isinstance(values, dict):
        raise MappingError(f"{where}: '{key}' must be a mapping of source value to one of {list(allowed)}")
    out = {}
    for k, v in values.items():
        if str(v) not in allowed:
            raise MappingError(f"{where}: {key}[{k!r}] = {v!r}, expected one of {list(allowed)}")
        out[str(k)] = str(v)
    return out


def parse_mapping_yaml(text: str, origin: str) -> ColumnMapping:
    """Build a ColumnMapping from YAML text (format: flows/tickets/mappings/example.yaml)."""
    doc = yaml.safe_load(text)
    if not isinstance(doc, dict):
        raise MappingError(f"{origin}: expected a YAML mapping with 'name', 'source_system' and 'columns'")
    unknown = set(doc) - _MAPPING_KEYS
    if unknown:
        raise MappingError(f"{origin}: unknown keys {sorted(unknown)}; allowed: {sorted(_MAPPING_KEYS)}")
    for key in ("name", "source_system", "columns"):
        if not doc.get(key):
            raise MappingError(f"{origin}: '{key}' is missing")
    columns = doc["columns"]
    if not isinstance(columns, dict):
        raise MappingError(f"{origin}: 'columns' must map canonical field -> header name(s)")
    bad = set(columns) - set(MAPPABLE_FIELDS)
    if bad:
        raise MappingError(f"{origin}: unknown canonical fields {sorted(bad)}; known: {list(MAPPABLE_FIELDS)}")
    dateless = doc.get("dateless", False)
    if not isinstance(dateless, bool):
        raise MappingError(f"{origin}: 'dateless' must be true or false, got {dateless!r}")
    if not has_required_fields(columns, dateless):
        missing = [f for f in ("ticket_id", "created_at") if f not in columns]
        raise MappingError(f"{origin}: 'columns' must name the header for {missing} "
                           f"(an event log may name event_at instead of created_at; an export without any date "
                           f"column needs 'dateless: true')")
    return ColumnMapping(
        name=str(doc["name"]),
        source_system=str(doc["source_system"]),
        columns={k: _as_tuple(v, f"{origin}: columns.{k}") for k, v in columns.items()},
        first_response_minutes=_as_tuple(doc["first_response_minutes"], f"{origin}: first_response_minutes")
        if doc.get("first_response_minutes") else (),
        priority_values=_value_map(doc, "priority_values", PRIORITIES, origin),
        status_values=_value_map(doc, "status_values", STATUSES, origin),
        channel_values=_value_map(doc, "channel_values", CHANNELS, origin),
        date_formats=_as_tuple(doc["date_formats"], f"{origin}: date_formats") if doc.get("date_formats") else (),
        origin=origin,
        dateless=dateless,
    )


def load_mappings(mapping_dir: Path | None) -> tuple[ColumnMapping, ...]:
    """YAML mappings from a folder (sorted by file name), then the built-in presets."""
    custom: list[ColumnMapping] = []
    if mapping_dir is not None:
        for path in sorted([*mapping_dir.glob("*.yaml"), *mapping_dir.glob("*.yml")]):
            custom.append(parse_mapping_yaml(path.read_text(encoding="utf-8"), str(path)))
    return (*custom, *PRESETS)
