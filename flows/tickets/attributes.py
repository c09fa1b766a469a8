"""Columns of an export that no canonical field takes are kept as ticket attributes.

A Jira issue list's "Affected Versions", a TOPdesk export's "Tidsbruk (timer)", a process log's
"case:variant": nothing is lost because the canonical model has no column for it. Each such column
becomes rows of raw.ticket_attributes (source_system, ticket_id, attribute = the header as written,
value as exported, value_number when the value reads as a number, item_count). A list column (cells
such as "3.1.2, 4.0.0" whose items are values of the same column on their own) gives one row per
item, each carrying how many values the ticket has for the field. Columns whose header repeats (a Jira
"all fields" export writes "Fix Version/s", "Component/s", "Labels" as one column per value) are one
multi-valued field under the header as written: each non-empty cell is one value, also the cell a canonical
field took. Every value stays traceable to its export row: (source_file, ticket_id) is the ticket's row in
raw.tickets (source_row), the record the values were read from. For an event log only the columns whose value is
the same on every event of a ticket are ticket attributes (the per-event ones stay in the events).
A flag column ("Løsningsfrist brutt" Ja/Nei, "Resolution status" = "SLA Violated"/"Within SLA": flows/tickets/flags.py)
keeps each value with value_flag, true or false of the statement flag_name (the header for yes/no values, else the
phrase that is true), so the tickets for which it holds can be counted.
A column that plays a part in an SLA (flows/tickets/infer.py sla_role: a resolution or response deadline such as "Due
date", "fixbydate", "Svarfrist" over date values, or an exclusion flag such as "excludefromsla") keeps that part in
sla_role (one column per part and export, the first), a deadline's value also as the instant it names (value_time,
read as the loader reads the ticket's own times: naive values are Europe/Oslo wall-clock time).

The rows of a ticket are replaced whenever its ticket row comes from a newer export (the one that
won in raw.tickets), so attributes follow the same "newest export wins" rule as the tickets.
Pure helpers (is_list_column) plus one function that runs DuckDB SQL over the file's text columns.
"""
from __future__ import annotations

from collections.abc import Sequence

from flows.tickets.flags import flag_values
from flows.tickets.infer import CODE_KEYS, sla_role
from flows.tickets.model import RAW_TICKET_ATTRIBUTES_DDL
from flows.tickets.values import (
    DEFAULT_DATE_FORMAT,
    duration_hours,
    duration_hours_sql,
    infer_date_format,
    timestamp_sql,
)

LIST_SEPARATOR = ", "


def is_list_column(values: Sequence[str]) -> bool:
    """Cells that list several values: at least 5 % hold the separator, and at least half of the items
    of those cells also stand alone as a value of the column ("4.0.0" beside "3.1.2, 4.0.0"); the
    clauses of free text ("fails, then retries") almost never do."""
    values = [v for v in values if v]
    multi = [v for v in values if LIST_SEPARATOR in v]
    if not values or len(multi) < max(2, 0.05 * len(values)):
        return False
    alone = set(values)
    items = [i.strip() for v in multi for i in v.split(LIST_SEPARATOR) if i.strip()]
    return bool(items) and sum(i in alone for i in items) >= 0.5 * len(items)


def duration_column(values: Sequence[str]) -> bool:
    """Every value is a duration as a person writes it ("1:30", "0:45", "2 t 30 min"), never a plain number (that is
    its own number) or a date: a time-spent column whose number is its hours (flows.tickets.values.duration_hours)."""
    values = [v for v in values if v and v.strip()]
    return bool(values) and len(values) < 5000 and all(duration_hours(v) is not None for v in values)


def _lit(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def attribute_names(header: Sequence[str], columns: Sequence[int]) -> dict[int, str]:
    """The attribute name of each kept column: its header as written (the first spelling). Columns whose
    header repeats are ONE multi-valued field: a Jira "all fields" export writes a field with several values
    ("Fix Version/s", "Component/s", "Labels", "Attachment") as as many columns of the same name, one value
    each, so they share one name and each non-empty cell is one value of it."""
    first: dict[str, str] = {}
    for h in header:
        first.setdefault(h.strip().casefold(), h.strip())
    return {i: first[header[i].strip().casefold()] for i in columns}


def object_codes(header: Sequence[str], positions: dict[str, int]) -> set[int]:
    """Columns that code a nested object a canonical field took by its name ("organization.id" beside
    "organization.name", the customer; "priority.id" beside "priority.name"): the same thing again as a number, not
    a column of its own (kept, a question about the priority would read its ids)."""
    taken = {header[p].strip().casefold().rpartition(".")[0] for p in positions.values() if p < len(header)}
    taken.discard("")
    return {i for i, h in enumerate(header)
            if (parts := h.strip().casefold().rpartition("."))[0] in taken and parts[2] in CODE_KEYS}


def repeated_columns(header: Sequence[str]) -> dict[str, list[int]]:
    """{header: positions} of the headers written more than once (case and spaces aside)."""
    seen: dict[str, list[int]] = {}
    for i, h in enumerate(header):
        if h and h.strip():
            seen.setdefault(h.strip().casefold(), []).append(i)
    return {k: v for k, v in seen.items() if len(v) > 1}


def keep_attributes(con, file: str, source_sql: str, header: Sequence[str], positions: dict[str, int],
                    skip: Sequence[int], source_system: str, event_log: bool, loaded_at,
                    date_formats: Sequence[str] = ()) -> int:
    """Write the unmapped columns of a loaded file (source_sql yields c1..cN as text, in file order:
    the caller keeps DuckDB's insertion order) as attributes of the tickets whose row in raw.tickets
    came from this file. Returns rows written.

    Set-based: the file's records are kept once (their position = rowid), unpivoted into
    (ticket, column, value) and reduced to the latest value per ticket and column in one
    aggregate; only the list-column test reads a small sample per column."""
    con.execute(RAW_TICKET_ATTRIBUTES_DDL)
    used = set(positions.values()) | set(skip)
    # a repeated header is one multi-valued field: every one of its columns is kept, also the one a canonical
    # field took (its first value, e.g. the first "Component/s" as the subcategory), so no value is lost
    repeated = {i for cols in repeated_columns(header).values() for i in cols} - set(skip)
    # an SLA verdict or reopened column is also kept as a flag, in its own words ("Løsningsfrist brutt": Ja), beside
    # sla_met and reopened
    repeated |= {positions[f] for f in ("sla_met", "sla_breached", "reopened") if f in positions} - set(skip)
    columns = [i for i, name in enumerate(header) if (i not in used or i in repeated) and name and name.strip()
               and i != positions.get("ticket_id") and i not in object_codes(header, positions)]
    # the tickets this file now holds: their earlier attributes give way (nothing to scan when none are kept)
    if con.execute("select exists(select 1 from raw.ticket_attributes)").fetchone()[0]:
        con.execute("""delete from raw.ticket_attributes a using raw.tickets t
            where t.source_file = ? and a.source_system = t.source_system and a.ticket_id = t.ticket_id""", [file])
    if not columns:
        return 0
    names = attribute_names(header, columns)
    id_col = f"c{positions['ticket_id'] + 1}"
    cells = ", ".join(f"nullif(trim(c{i + 1}), '') as a{i}" for i in columns)
    # the source system as the loader read it: its column when the mapping has one, else the mapping's name
    system = (f"coalesce(nullif(trim(c{positions['source_system'] + 1}), ''), {_lit(source_system)})"
              if "source_system" in positions else _lit(source_system))
    try:
        con.execute(f"""create or replace temp table _ticket_attr_src as
            select {system} as source_system, trim({id_col}) as ticket_id, {cells} from ({source_sql}) where nullif(trim({id_col}), '') is not null""")
        # (column, ticket, value) of every non-empty cell, with the record's place in the file
        con.execute(f"""create or replace temp table _ticket_attr_long as
            select source_system, ticket_id, __ord, cast(substr(__col, 2) as integer) as col, value
            from (select rowid as __ord, * from _ticket_attr_src)
            unpivot (value for __col in ({", ".join(f"a{i}" for i in columns)}))""")
        present = [i for (i,) in con.execute("select distinct col from _ticket_attr_long").fetchall()]
        if event_log:  # a column that changes from event to event is an event's detail, not the ticket's
            varying = {i for (i,) in con.execute("""select distinct col from (select col from _ticket_attr_long
                group by col, source_system, ticket_id having count(distinct value) > 1)""").fetchall()}
            present = [i for i in present if i not in varying]
        if not present:
            return 0
        distinct = {i: [v for (v,) in con.execute(
            "select distinct value from _ticket_attr_long where col = ? limit 5000", [i]).fetchall()] for i in present}
        lists = [i for i in present if is_list_column(distinct[i])]
        # a yes/no column, or one of two phrases one of which says the other did not happen: each value true or false
        # of the column's statement (flows/tickets/flags.py)
        flags = {i: found for i in present if i not in lists and len(distinct[i]) < 5000
                 and (found := flag_values(distinct[i])) is not None}
        flag_of = ("case " + " ".join(f"when x.col = {i} and x.value = {_lit(v)} then {str(b).lower()}"
                                      for i, (_, values) in flags.items() for v, b in values.items()) + " end"
                   if flags else "null::boolean")
        flag_name_of = ("case x.col " + " ".join(f"when {i} then {_lit(statement or names[i])}"
                                                 for i, (statement, _) in flags.items()) + " end"
                        if flags else "null::varchar")
        # the columns an SLA is measured with: one per part (the first), a deadline read as an instant
        roles: dict[int, str] = {}
        for i in sorted(present):
            if i in lists or len(distinct[i]) >= 5000:
                continue
            role = sla_role(names[i], distinct[i])
            if role and role not in roles.values():
                roles[i] = role
        role_of = ("case x.col " + " ".join(f"when {i} then {_lit(r)}" for i, r in roles.items()) + " end"
                   if roles else "null::varchar")
        times = []
        for i, r in roles.items():
            if r.endswith("_deadline"):
                fmt = infer_date_format(distinct[i]) or DEFAULT_DATE_FORMAT
                times.append(f"when x.col = {i} then " + timestamp_sql(
                    "x.value", (*date_formats, *fmt.sql_formats), None, fmt.month_names, fmt.zoned))
        time_of = ("case " + " ".join(times) + " end") if times else "null::timestamptz"
        name_of = "case x.col " + " ".join(f"when {i} then {_lit(names[i])}" for i in present) + " end"
        in_list = ", ".join(str(i) for i in lists) or "-1"  # (no list column: none is -1)
        sep = _lit(LIST_SEPARATOR)
        number = "try_cast(replace(replace(replace(x.value, ' ', ''), chr(160), ''), ',', '.') as double)"
        # a column of durations as written ("Time spent" = "1:30", "2h 15m"): its number is the hours
        spans = [i for i in present if i not in lists and duration_column(distinct[i])]
        if spans:
            number = (f"case when x.attribute in ({', '.join(_lit(names[i]) for i in spans)}) "
                      f"then {duration_hours_sql('x.value')} else {number} end")
        # the ticket's latest record (its row in raw.tickets), then one row per item of a list cell and per
        # non-empty column of a repeated header; item_count = the values the ticket has for that field
        written = con.execute(f"""insert into raw.ticket_attributes (source_system, ticket_id, attribute, value,
                value_number, item_count, source_file, loaded_at, value_flag, flag_name, value_time, sla_role)
            with latest as (
                select col, source_system, ticket_id, arg_max(value, __ord) as value from _ticket_attr_long
                where col in ({", ".join(str(i) for i in present)}) group by col, source_system, ticket_id
            ), items as (
                select col, source_system, ticket_id, value from latest where col not in ({in_list})
                union all
                select col, source_system, ticket_id, trim(unnest(string_split(value, {sep}))) as value
                from latest where col in ({in_list})
            ), named as (
                select distinct {name_of} as attribute, x.source_system, x.ticket_id, x.value, {flag_of} as flag,
                    {flag_name_of} as flag_name, {time_of} as value_time, {role_of} as sla_role
                from items as x where x.value <> ''
            )
            select t.source_system, x.ticket_id, x.attribute, x.value, {number},
                   count(*) over (partition by x.source_system, x.ticket_id, x.attribute), ?, ?, x.flag, x.flag_name,
                   x.value_time, x.sla_role
            from named as x
            join raw.tickets t on t.ticket_id = x.ticket_id and t.source_system = x.source_system
                and t.source_file = ?""", [file, loaded_at, file]).fetchone()[0]
    finally:
        con.execute("drop table if exists _ticket_attr_src")
        con.execute("drop table if exists _ticket_attr_long")
    return written
