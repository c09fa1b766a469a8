"""The canonical helpdesk ticket and the raw warehouse tables it lands in.

Every source system (TOPdesk, ServiceNow, Zendesk, Jira Service Management, a local
system described by a YAML mapping) is mapped onto these columns. Timestamps are
instants (DuckDB TIMESTAMPTZ, stored as UTC); values without an offset in an export
are read as Europe/Oslo wall-clock time.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from flows.tickets.values import DateFormat, timestamp_sql

OSLO_TZ = "Europe/Oslo"

# yes/no cells (compared lower-case; English, Norwegian, Swedish, Danish)
TRUE_TEXTS = ("true", "ja", "yes", "y", "j", "1", "sann", "sant", "x", "wahr")
FALSE_TEXTS = ("false", "nei", "nej", "no", "n", "0", "usann", "usant", "falsk", "falskt", "nein", "falsch")

PRIORITIES = ("A", "B", "C", "D")  # A forretningskritisk, B viktig, C normal, D lav/planlagt
CHANNELS = ("phone", "portal", "email", "chat", "walk_in", "other")
STATUSES = ("new", "open", "pending", "resolved", "closed", "cancelled", "other")


@dataclass(frozen=True)
class CanonicalField:
    name: str
    sql_type: str
    kind: str  # "text" | "timestamp" | "number" | "priority" | "status" | "channel"
    description: str


# Order is the column order of raw.tickets and of the canonical export layout.
TICKET_FIELDS: tuple[CanonicalField, ...] = (
    CanonicalField("source_system", "VARCHAR", "text", "topdesk | servicenow | zendesk | jira | canonical | name from a YAML mapping"),
    CanonicalField("ticket_id", "VARCHAR", "text", "the ticket number as the source system shows it"),
    CanonicalField("customer_org", "VARCHAR", "text", "customer organisation, normally the municipality"),
    CanonicalField("created_at", "TIMESTAMPTZ", "timestamp", "when the ticket was registered"),
    CanonicalField("first_response_at", "TIMESTAMPTZ", "timestamp", "first response to the user"),
    CanonicalField("resolved_at", "TIMESTAMPTZ", "timestamp", "when the ticket was resolved"),
    CanonicalField("closed_at", "TIMESTAMPTZ", "timestamp", "when the ticket was closed"),
    CanonicalField("priority", "VARCHAR", "priority", "A/B/C/D"),
    CanonicalField("priority_source", "VARCHAR", "text", "priority exactly as exported"),
    CanonicalField("category", "VARCHAR", "text", "category"),
    CanonicalField("subcategory", "VARCHAR", "text", "subcategory"),
    CanonicalField("channel", "VARCHAR", "channel", "phone | portal | email | chat | walk_in | other"),
    CanonicalField("status", "VARCHAR", "status", "new | open | pending | resolved | closed | cancelled | other"),
    CanonicalField("status_source", "VARCHAR", "text", "status exactly as exported"),
    CanonicalField("assignment_group", "VARCHAR", "text", "operator/assignment group"),
    CanonicalField("phone_wait_seconds", "DOUBLE", "number", "for phone contacts: seconds until answered"),
    CanonicalField("reassignment_count", "BIGINT", "count", "times the ticket moved to another group or person"),
    CanonicalField("reopen_count", "BIGINT", "count", "times the ticket was reopened after being resolved or closed"),
    CanonicalField("sla_met", "BOOLEAN", "boolean", "the export's own verdict: handled within its SLA (true/false, ja/nei)"),
    CanonicalField("reopened", "BOOLEAN", "boolean",
                   "the export's own yes/no: the ticket was reopened (\"Återöppnat\" Ja/Nej), when it gives no count"),
)
# Fields added after the first release: the raw.tickets table of an older warehouse got them at the end (ALTER);
# the raw.tickets view keeps that column order.
ADDED_FIELDS: tuple[str, ...] = ("reassignment_count", "reopen_count", "sla_met", "reopened")
# Columns of an event log (one row per change of a ticket) besides the canonical ones: the time of
# the event, what happened and who did it. A mapping with event_at makes a file an event log.
EVENT_FIELDS: tuple[str, ...] = ("event_at", "activity", "resource")

FIELD_NAMES: tuple[str, ...] = tuple(f.name for f in TICKET_FIELDS)
TIMESTAMP_FIELDS: tuple[str, ...] = tuple(f.name for f in TICKET_FIELDS if f.kind == "timestamp")
# Fields a mapping must find in a header for the file to be loadable at all (a mapping marked dateless,
# for an export without any date column, needs only the id: flows/tickets/infer.py).
REQUIRED_FIELDS = ("ticket_id", "created_at")
# Fields that are derived from another field rather than read from a column of their own.
DERIVED_FIELDS = ("priority", "status", "channel")

RAW_SCHEMA = "raw"

# Every ticket, one row each. What is the same for every ticket of one load (the file, its export time, when it
# was loaded) is said once, in raw.ticket_files (file_no), as for events; raw.tickets is the view that gives each
# ticket its file again (the shape dbt and readers use).
RAW_TICKET_ROWS_DDL = f"""
create table if not exists {RAW_SCHEMA}.ticket_rows (
    {", ".join(f"{f.name} {f.sql_type}" for f in TICKET_FIELDS)},
    source_row BIGINT not null,
    file_no INTEGER not null
)
"""

# The columns of raw.tickets in the order the table had before the view (added fields at the end).
RAW_TICKETS_VIEW = f"""
create or replace view {RAW_SCHEMA}.tickets as
select {", ".join(f"t.{f.name}" for f in TICKET_FIELDS if f.name not in ADDED_FIELDS)},
    f.exported_at as source_exported_at, f.file as source_file, t.source_row, f.loaded_at,
    {", ".join(f"t.{name}" for name in ADDED_FIELDS)}
from {RAW_SCHEMA}.ticket_rows as t
inner join {RAW_SCHEMA}.ticket_files as f on f.file_no = t.file_no
"""

RAW_TICKET_QUARANTINE_DDL = f"""
create table if not exists {RAW_SCHEMA}.ticket_quarantine (
    file VARCHAR not null,
    row_number BIGINT,
    raw_row VARCHAR,
    reason VARCHAR not null,
    loaded_at TIMESTAMPTZ not null
)
"""

RAW_TICKET_FILES_DDL = f"""
create table if not exists {RAW_SCHEMA}.ticket_files (
    file VARCHAR not null,
    sha256 VARCHAR not null,
    preset VARCHAR,
    rows_loaded BIGINT not null,
    rows_quarantined BIGINT not null,
    status VARCHAR not null,
    message VARCHAR,
    loaded_at TIMESTAMPTZ not null,
    exported_at TIMESTAMPTZ,
    rows_inserted BIGINT not null default 0,
    rows_updated BIGINT not null default 0,
    rows_kept_newer BIGINT not null default 0
)
"""

# Every event of an event-log export: its time typed once, as it is read from the file (an instant: naive times are
# Oslo time; the date formats of its column, flows.tickets.values), the UTC offset it was printed with as written
# (event_at_offset: "+02:00", "Z"; null when printed without one), the other columns as read (trimmed, empty as
# null), the line it starts on and its load. event_at_text: the time as printed, kept only where it could not be
# read (the loader sets such an event aside in raw.ticket_quarantine with that text, so a kept event has none; a
# warehouse migrated from the text layout keeps it for any it could not read). The printed time of an event is its
# instant at its offset, and its line (source_row) of the file of its load. raw.ticket_events is the view giving each
# event its state normalised (raw.ticket_event_states) and its load's file, export and load time (the shape dbt and
# readers use). What is the same for every event of one load is said once, in raw.ticket_files (file_no).
# (Typed, not text: writing every event's time as text cost as much as DuckDB's whole read_csv + grouping of the
# file, and the grouping typed it again.)
RAW_TICKET_EVENT_ROWS_DDL = f"""
create table if not exists {RAW_SCHEMA}.ticket_event_rows (
    source_system VARCHAR,
    ticket_id VARCHAR,
    event_at TIMESTAMPTZ,
    event_at_offset VARCHAR,
    event_at_text VARCHAR,
    activity VARCHAR,
    resource VARCHAR,
    status_source VARCHAR,
    assignment_group VARCHAR,
    source_row BIGINT not null,
    file_no INTEGER not null
)
"""
EVENT_ROW_COLUMNS = ("source_system", "ticket_id", "event_at", "event_at_offset", "event_at_text", "activity",
                     "resource", "status_source", "assignment_group", "source_row", "file_no")
# (status_source: the event's state as exported; null when the log has no status column and the activity is the
# state, which is then not stored twice)
# The state of an event as exported (status_source) normalised, per load (a mapping's status_values may differ):
# a few rows per load, written by the loader from the distinct states it saw.
RAW_TICKET_EVENT_STATES_DDL = f"""
create table if not exists {RAW_SCHEMA}.ticket_event_states (
    file_no INTEGER not null,
    status_source VARCHAR not null,
    status VARCHAR
)
"""


def event_time_by_load_sql(column: str, formats_by_load: Mapping[int, Sequence[str]] | None = None) -> str:
    """The instant a text event time names (column), read with the date formats its load's mapping added
    (raw.ticket_files.date_formats, by file_no; other loads the common ones), naive times as Oslo time whatever the
    session's zone: how a warehouse's events kept as text (an earlier release) are typed when it is opened."""
    def typed(formats: Sequence[str]) -> str:
        fmt = DateFormat.from_lines(formats)  # (the load's column format, stored by DateFormat.lines)
        return timestamp_sql(column, fmt.sql_formats, zone=OSLO_TZ, month_names=fmt.month_names, zoned=fmt.zoned)

    groups: dict[tuple[str, ...], list[int]] = {}
    for file_no, formats in sorted((formats_by_load or {}).items()):
        if formats:
            groups.setdefault(tuple(formats), []).append(file_no)
    event_at = typed(())
    if groups:
        event_at = ("case " + " ".join(f"when file_no in ({', '.join(map(str, nos))}) then {typed(formats)}"
                                       for formats, nos in groups.items()) + f" else {event_at} end")
    return event_at


# An event log loaded whole from a clean file keeps its events as the file itself, landed (copied) into the
# warehouse's landing folder (flows.tickets.load.landing_dir: "landed_events/" beside it), not as rows: the
# loader reads the file once for its tickets, and the events view reads the landed file again when asked (events_sql:
# the SELECT giving its events in the columns of raw.ticket_event_rows, "{landed}" standing for the landed file's path,
# filled in when the view is made, so a warehouse moved with its landing folder keeps its events). Writing every event
# as a row cost more than DuckDB's own reading and grouping of the file (issue 13's bar: 1.5 x that).
RAW_TICKET_EVENT_FILES_DDL = f"""
create table if not exists {RAW_SCHEMA}.ticket_event_files (
    file_no INTEGER not null,
    landed VARCHAR not null,
    events_sql VARCHAR not null
)
"""
LANDED_PLACEHOLDER = "{landed}"


def ticket_events_view_sql(landed_selects: Sequence[str] = ()) -> str:
    """raw.ticket_events over every kept event: raw.ticket_event_rows and the events of the landed files
    (landed_selects: their events_sql with the landed path filled in)."""
    events = " union all ".join([f"select {', '.join(EVENT_ROW_COLUMNS)} from {RAW_SCHEMA}.ticket_event_rows",
                                 *landed_selects])
    source = f"{RAW_SCHEMA}.ticket_event_rows" if not landed_selects else f"({events})"
    return f"""
create or replace view {RAW_SCHEMA}.ticket_events as
select e.source_system, e.ticket_id, e.event_at, e.activity, e.resource, s.status,
    coalesce(e.status_source, e.activity) as status_source,
    e.assignment_group, f.exported_at as source_exported_at, f.file as source_file, e.source_row, f.loaded_at,
    e.event_at_offset
from {source} as e
inner join {RAW_SCHEMA}.ticket_files as f on f.file_no = e.file_no
left join {RAW_SCHEMA}.ticket_event_states as s on s.file_no = e.file_no
    and s.status_source = coalesce(e.status_source, e.activity)
"""


RAW_TICKET_EVENTS_VIEW = ticket_events_view_sql()  # (flows.tickets.load gives it the landed files, if any)

RAW_TICKET_ATTRIBUTES_DDL = f"""
create table if not exists {RAW_SCHEMA}.ticket_attributes (
    source_system VARCHAR not null,
    ticket_id VARCHAR not null,
    attribute VARCHAR not null,
    value VARCHAR not null,
    value_number DOUBLE,
    item_count BIGINT not null,
    source_file VARCHAR not null,
    loaded_at TIMESTAMPTZ not null,
    value_flag BOOLEAN,
    flag_name VARCHAR,
    value_time TIMESTAMPTZ,
    sla_role VARCHAR
)
"""
# Columns no canonical field takes, per ticket (flows/tickets/attributes.py). value_flag/flag_name: a flag column's
# value read as true or false of its statement, flag_name (the header for yes/no values, else the phrase that is
# true: flows/tickets/flags.py); null for other columns. (Added after the first release: RAW_DDL adds them.)

RAW_DDL = (
    f"create schema if not exists {RAW_SCHEMA}",
    RAW_TICKET_ROWS_DDL,
    RAW_TICKET_QUARANTINE_DDL,
    RAW_TICKET_FILES_DDL,
    RAW_TICKET_EVENT_ROWS_DDL,
    RAW_TICKET_EVENT_STATES_DDL,
    RAW_TICKET_EVENT_FILES_DDL,
    RAW_TICKET_ATTRIBUTES_DDL,
    # columns added after the first release, at the end of the table (inserts that list the first
    # columns by position keep working)
    f"alter table {RAW_SCHEMA}.ticket_files add column if not exists mapping_yaml VARCHAR",
    f"alter table {RAW_SCHEMA}.ticket_files add column if not exists bytes BIGINT",  # the file's size
    # the load's number, which its events in raw.ticket_event_rows and its tickets in raw.ticket_rows name
    f"alter table {RAW_SCHEMA}.ticket_files add column if not exists file_no INTEGER",
    # the date formats a load's mapping added to the common ones (one per line): how its events' times were read
    f"alter table {RAW_SCHEMA}.ticket_files add column if not exists date_formats VARCHAR",
    # the title the export carries (rows above its header, the first lines of an info sheet), one a line: the name
    # its users know it by ("Eksport frå Vaktboka"), which a question may use to name the export
    f"alter table {RAW_SCHEMA}.ticket_files add column if not exists title VARCHAR",
    f"alter table {RAW_SCHEMA}.ticket_attributes add column if not exists value_flag BOOLEAN",
    f"alter table {RAW_SCHEMA}.ticket_attributes add column if not exists flag_name VARCHAR",
    # the part a column plays in an SLA (a resolution or response deadline, an exclusion flag: flows/tickets/infer.py
    # sla_role) and a deadline's value as an instant
    f"alter table {RAW_SCHEMA}.ticket_attributes add column if not exists value_time TIMESTAMPTZ",
    f"alter table {RAW_SCHEMA}.ticket_attributes add column if not exists sla_role VARCHAR",
    # canonical fields added after raw.ticket_rows was first written (the view below reads them)
    *(f"alter table {RAW_SCHEMA}.ticket_rows add column if not exists {f.name} {f.sql_type}" for f in TICKET_FIELDS
      if f.name in ("reopened",)),
    # (flows.tickets.load.ensure_raw_tables first moves an older events or tickets table)
    RAW_TICKET_EVENTS_VIEW,
    RAW_TICKETS_VIEW,
)
