"""Infer a column mapping for a helpdesk export that no preset or YAML mapping fits.

Pure functions: a header and a sample of rows (text cells) in, an Inference out. Each canonical
field is chosen from header words (English and Norwegian, split on anything that is not a letter
or digit, so "case:concept:name", "Σ Tid (t)" and "Operator_Group" all give words) and from the
content of the sample: how unique the values are, whether they look like dates, whether the
values are a small set the priority/status/channel normalisers know.

An export with an activity column and ticket ids that repeat is an event log (one row per state
change); its time column becomes event_at and the created time is the first event of a ticket.

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

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass

import yaml

from flows.tickets.model import FALSE_TEXTS, TRUE_TEXTS
from flows.tickets.presets import ColumnMapping, normalise_channel, normalise_priority, normalise_status

NULL_TEXTS = {"", "?", "null", "n/a", "#n/a", "(null)", "none", "-"}

# header word -> weight, per field; NEGATIVE words rule a column out for that field
WORDS: dict[str, dict[str, int]] = {
    "ticket_id": {"id": 3, "key": 3, "nøkkel": 3, "number": 2, "nummer": 2, "nr": 2, "no": 1, "saksnr": 3,
                  "saksnummer": 3, "meldingsnummer": 3, "ref": 1, "referanse": 2, "reference": 2, "case": 2,
                  "sak": 2, "ticket": 2, "incident": 2, "issue": 2, "henvendelse": 2, "concept": 1,
                  "sakid": 3, "ticketid": 3, "caseid": 3},
    "created_at": {"created": 3, "opprettet": 3, "opened": 3, "åpnet": 3, "registrert": 3, "registered": 3,
                   "innmeldt": 3, "submitted": 3, "reported": 3, "meldt": 2, "mottatt": 2, "received": 2,
                   "calldate": 3, "meldingsdato": 3, "date": 1, "dato": 1, "start": 1, "startet": 1},
    "event_at": {"timestamp": 3, "time": 2, "tid": 2, "tidspunkt": 3, "updated": 2, "endret": 2,
                 "oppdatert": 2, "date": 1, "dato": 1, "when": 1},
    "resolved_at": {"resolved": 3, "solved": 3, "løst": 3, "ferdigmeldt": 3, "ferdig": 2, "completed": 2,
                    "fullført": 2, "resolution": 1},
    "closed_at": {"closed": 3, "lukket": 3, "avsluttet": 3, "ended": 2, "end": 1, "slutt": 1},
    "first_response_at": {"response": 2, "respons": 2, "responded": 2, "svar": 1, "reply": 2},
    "priority": {"priority": 3, "prioritet": 3, "prio": 3, "severity": 3, "alvorlighet": 3,
                 "alvorlighetsgrad": 3, "urgency": 2, "hastegrad": 2, "seriousness": 3, "impact": 1},
    "status": {"status": 3, "state": 3, "tilstand": 3, "behandlingsstatus": 3},
    "category": {"category": 3, "kategori": 3, "type": 2, "tema": 2, "område": 2, "area": 2, "component": 2,
                 "components": 2, "komponent": 2, "komponenter": 2, "service": 1, "tjeneste": 1},
    "customer_org": {"organisation": 3, "organization": 3, "organisasjon": 3, "org": 2, "customer": 3,
                     "kunde": 3, "kommune": 3, "company": 3, "selskap": 3, "virksomhet": 3, "client": 2,
                     "klient": 2, "tenant": 2, "department": 2, "avdeling": 2, "branch": 2, "filial": 2},
    "channel": {"channel": 3, "kanal": 3, "source": 2, "kilde": 2, "via": 2, "contact": 1, "meldingsmåte": 3,
                "innmeldingsmåte": 3, "origin": 2},
    "assignment_group": {"group": 3, "gruppe": 3, "team": 3, "queue": 2, "kø": 2, "operatørgruppe": 3,
                         "behandlergruppe": 3},
    "activity": {"activity": 3, "aktivitet": 3, "event": 2, "hendelse": 2, "action": 2, "handling": 2,
                 "task": 1, "concept": 1, "step": 1, "steg": 1},
    "resource": {"resource": 3, "ressurs": 3, "agent": 2, "user": 1, "bruker": 1, "assignee": 2, "handler": 2,
                 "behandler": 2, "saksbehandler": 3, "operator": 2, "operatør": 2, "performer": 2},
    "reassignment_count": {"reassignment": 3, "reassignments": 3, "omfordelinger": 3, "omfordeling": 3},
    "sla_met": {"sla": 2, "made": 1, "met": 1, "oppfylt": 1, "innenfor": 1, "within": 1, "breached": -9,
                "brudd": -9, "overskredet": -9},
    "reopen_count": {"reopen": 3, "reopened": 3, "reopens": 3, "gjenåpnet": 3, "gjenåpninger": 3},
}
NEGATIVE: dict[str, set[str]] = {
    "ticket_id": {"variant", "index", "creator", "type", "count", "antall", "parent", "user", "org", "resource",
                  "group", "version", "versions", "summary"},
    "customer_org": {"resource", "id", "user"},
    "category": {"id"},
    "activity": {"case", "time", "timestamp", "id", "variant"},
    "resource": {"case", "id"},
    "created_at": {"version", "versions"},
    "event_at": {"version", "versions"},
}
TIME_FIELDS = ("created_at", "event_at", "resolved_at", "closed_at", "first_response_at")

_ISO = re.compile(r"\d{4}-\d{1,2}-\d{1,2}([ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?")
_DAY_FIRST = re.compile(r"(\d{1,2})[./-](\d{1,2})[./-](\d{4}|\d{2})(,?\s+(kl\.?\s*)?\d{1,2}[:.]\d{2}([:.]\d{2})?"
                        r"(\s?[AaPp][Mm])?)?")
_MONTH_NAME = re.compile(r"\d{1,2}/[A-Za-z]{3}/\d{2,4}(\s+\d{1,2}:\d{2}(\s?[AaPp][Mm])?)?")
_EPOCH = re.compile(r"1\d{9}|1\d{12}")
_SERIAL = re.compile(r"[1-9]\d{4}([.,]\d+)?")


def header_words(name: str) -> list[str]:
    return re.findall(r"[^\W_]+", name.casefold())


def is_null(value: str | None) -> bool:
    return value is None or value.strip().casefold() in NULL_TEXTS


def looks_like_date(value: str, numeric_ok: bool) -> bool:
    text = value.strip()
    if _ISO.fullmatch(text) or _MONTH_NAME.fullmatch(text):
        return True
    m = _DAY_FIRST.fullmatch(text)
    if m:
        return 1 <= int(m.group(1)) <= 31 and 1 <= int(m.group(2)) <= 12
    if numeric_ok and (_EPOCH.fullmatch(text) or (_SERIAL.fullmatch(text)
                                                   and 20000 <= float(text.replace(",", ".")) <= 80000)):
        return True
    return False


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
        numeric_ok = any(WORDS["created_at"].get(w) or WORDS["event_at"].get(w) or WORDS["closed_at"].get(w)
                         or WORDS["resolved_at"].get(w) for w in words)
        distinct = set(c.strip() for c in cells)
        dates = sum(looks_like_date(c, numeric_ok) for c in cells)
        profiles.append(ColumnProfile(pos, name, words, len(cells), len(distinct),
                                      dates / len(cells) if cells else 0.0,
                                      tuple(sorted(distinct)) if len(distinct) <= 200 else ()))
    return profiles


def _score(field: str, profile: ColumnProfile) -> int:
    if NEGATIVE.get(field, set()) & set(profile.words):
        return 0
    return sum(WORDS[field].get(w, 0) for w in profile.words)


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
                             dateless=self.dateless)

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
               "columns": {f: cols[0] for f, cols in mapping.columns.items()}}
        why = "\n".join(f"#   {c.field}: {c.column} — {c.why}" for c in self.choices)
        notes = "".join(f"\n# not used: {n}" for n in self.notes)
        return ("# Inferred by kommunedata from the header and the first rows of an export no preset fitted.\n"
                "# Check it, edit it (see flows/tickets/mappings/example.yaml for every key) and keep it in\n"
                "# the mapping folder: it is then tried before the presets.\n" + why + notes + "\n"
                + yaml.safe_dump(doc, allow_unicode=True, sort_keys=False))


def _best(field: str, profiles: list[ColumnProfile], taken: set[int], accept) -> tuple[ColumnProfile, int] | None:
    scored = [(p, _score(field, p)) for p in profiles if p.position not in taken and p.non_null and accept(p)]
    scored = [(p, s) for p, s in scored if s > 0]
    if not scored:
        return None
    return max(scored, key=lambda ps: (ps[1], -ps[0].position))


def _words_why(field: str, p: ColumnProfile) -> str:
    hits = [w for w in p.words if WORDS[field].get(w)]
    return "header word " + "/".join(f"'{w}'" for w in hits)


def infer_mapping(header: Sequence[str], sample: Sequence[Sequence[str | None]]) -> Inference:
    """Infer which column is which from header words and a sample of rows (text cells)."""
    header = tuple(header)
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
    if ticket is None and activity and id_candidates:
        repeating = [(p, s) for p, s in id_candidates if p.uniqueness < 0.95 and p.position != activity[0].position]
        if repeating:
            ticket = max(repeating, key=lambda ps: (ps[1], -ps[0].position))[0]
            event_log = True
            take("ticket_id", ticket, f"{_words_why('ticket_id', ticket)}; {ticket.distinct} distinct values in "
                                      f"{ticket.non_null} rows: several rows per ticket")
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
            take("activity", activity[0], _words_why("activity", activity[0]))
        when = _best("event_at", profiles, taken, is_date) or _best("created_at", profiles, taken, is_date)
        if when is None:
            return Inference(header, tuple(choices), refusal=_refusal("no event time column", header, profiles))
        take("event_at", when[0], f"{_words_why('event_at', when[0]) if _score('event_at', when[0]) else _words_why('created_at', when[0])}; "
                                  f"{when[0].date_rate:.0%} date-shaped; created = first event of a ticket")
        created = _best("created_at", profiles, taken, lambda p: is_date(p) and _score("created_at", p) >= 3)
        if created:
            take("created_at", created[0], f"{_words_why('created_at', created[0])}; "
                                           f"{created[0].date_rate:.0%} date-shaped")
    else:
        created = _best("created_at", profiles, taken, is_date)
        if created:
            take("created_at", created[0], f"{_words_why('created_at', created[0])}; "
                                           f"{created[0].date_rate:.0%} date-shaped")
        else:
            dates = [p for p in profiles if p.position not in taken and is_date(p)]
            if dates:
                first = max(dates, key=lambda p: (p.non_null, -p.position))
                take("created_at", first, f"no created header word; the date column with the most values "
                                          f"({first.date_rate:.0%} date-shaped)")
            elif _dateless_snapshot(profiles, ticket):
                dateless = True
            else:
                return Inference(header, tuple(choices), refusal=_refusal("no created time column", header, profiles))

    for field in ("resolved_at", "closed_at", "first_response_at"):
        found = _best(field, profiles, taken, is_date)
        if found:
            take(field, found[0], f"{_words_why(field, found[0])}; {found[0].date_rate:.0%} date-shaped")

    prio = _best("priority", profiles, taken, lambda p: not is_date(p) and small_set(p, 30))
    if prio:
        p = prio[0]
        unknown = [v for v in p.values if normalise_priority(v) is None]
        if unknown:
            notes.append(f"column {p.name!r} looks like a priority but {len(unknown)} value(s) are not on the A-D "
                         f"scale ({', '.join(map(repr, unknown[:5]))}); add priority_values and "
                         f"priority: {p.name} to the mapping")
        else:
            take("priority", p, f"{_words_why('priority', p)}; values {', '.join(p.values[:6])} on the A-D scale")

    status = _best("status", profiles, taken, lambda p: not is_date(p) and small_set(p))
    if status:
        p = status[0]
        known = sum(normalise_status(v) != "other" for v in p.values)
        take("status", p, f"{_words_why('status', p)}; {p.distinct} values, {known} recognised")

    channel = _best("channel", profiles, taken, lambda p: not is_date(p) and small_set(p, 20)
                    and sum(normalise_channel(v) != "other" for v in p.values) * 2 >= len(p.values))
    if channel:
        take("channel", channel[0], f"{_words_why('channel', channel[0])}; values name contact channels")

    for field, limit in (("category", 500), ("customer_org", 5000), ("assignment_group", 1000)):
        found = _best(field, profiles, taken, lambda p, lim=limit: not is_date(p) and p.distinct <= lim
                      and (rows < 20 or p.uniqueness < 0.9))
        if found:
            take(field, found[0], f"{_words_why(field, found[0])}; {found[0].distinct} distinct values")

    yes_no = set(TRUE_TEXTS) | set(FALSE_TEXTS)
    sla = _best("sla_met", profiles, taken, lambda p: bool(p.values) and all(v.casefold() in yes_no for v in p.values))
    if sla:
        take("sla_met", sla[0], f"{_words_why('sla_met', sla[0])}; yes/no values {', '.join(sla[0].values[:4])}")

    for field in ("reassignment_count", "reopen_count"):
        found = _best(field, profiles, taken, lambda p: not is_date(p))
        if found:
            take(field, found[0], _words_why(field, found[0]))

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
    return Inference(header, tuple(choices), event_log=event_log, notes=tuple(notes))


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
