"""Columns of an export that no canonical field takes are kept as ticket attributes.

A Jira issue list's "Affected Versions", a TOPdesk export's "Tidsbruk (timer)", a process log's
"case:variant": nothing is lost because the canonical model has no column for it. Each such column
becomes rows of raw.ticket_attributes (source_system, ticket_id, attribute = the header as written,
value as exported, value_number when the value reads as a number, item_count). A list column (cells
such as "3.1.2, 4.0.0" whose items are values of the same column on their own) gives one row per
item, each carrying how many items its cell had. For an event log only the columns whose value is
the same on every event of a ticket are ticket attributes (the per-event ones stay in the events).

The rows of a ticket are replaced whenever its ticket row comes from a newer export (the one that
won in raw.tickets), so attributes follow the same "newest export wins" rule as the tickets.
Pure helpers (is_list_column) plus one function that runs DuckDB SQL over the file's text columns.
"""
from __future__ import annotations

from collections.abc import Sequence

from flows.tickets.model import RAW_TICKET_ATTRIBUTES_DDL

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


def _lit(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def attribute_names(header: Sequence[str], columns: Sequence[int]) -> dict[int, str]:
    """The attribute name of each kept column: its header as written, with its position when the
    name repeats (a Jira export has many "Attachment" columns: they stay apart)."""
    stripped = [h.strip() for h in header]
    return {i: f"{stripped[i]} ({i + 1})" if header.count(header[i]) > 1 or stripped.count(stripped[i]) > 1
            else stripped[i] for i in columns}


def keep_attributes(con, file: str, source_sql: str, header: Sequence[str], positions: dict[str, int],
                    skip: Sequence[int], source_system: str, event_log: bool, loaded_at) -> int:
    """Write the unmapped columns of a loaded file (source_sql yields c1..cN as text, in file order:
    the caller keeps DuckDB's insertion order) as attributes of the tickets whose row in raw.tickets
    came from this file. Returns rows written.

    Set-based: the file's records are kept once (their position = rowid), unpivoted into
    (ticket, column, value) and reduced to the latest value per ticket and column in one
    aggregate; only the list-column test reads a small sample per column."""
    con.execute(RAW_TICKET_ATTRIBUTES_DDL)
    used = set(positions.values()) | set(skip)
    columns = [i for i, name in enumerate(header) if i not in used and name and name.strip()]
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
        lists = [i for i in present if is_list_column([v for (v,) in con.execute(
            "select distinct value from _ticket_attr_long where col = ? limit 5000", [i]).fetchall()])]
        name_of = "case x.col " + " ".join(f"when {i} then {_lit(names[i])}" for i in present) + " end"
        in_list = ", ".join(str(i) for i in lists) or "-1"  # (no list column: none is -1)
        sep = _lit(LIST_SEPARATOR)
        number = "try_cast(replace(replace(replace(x.value, ' ', ''), chr(160), ''), ',', '.') as double)"
        written = con.execute(f"""insert into raw.ticket_attributes
            with latest as (
                select col, source_system, ticket_id, arg_max(value, __ord) as value from _ticket_attr_long
                where col in ({", ".join(str(i) for i in present)}) group by col, source_system, ticket_id
            ), items as (
                select col, source_system, ticket_id, value, 1 as item_count from latest where col not in ({in_list})
                union all
                select col, source_system, ticket_id, trim(unnest(string_split(value, {sep}))) as value,
                       len(string_split(value, {sep})) as item_count
                from latest where col in ({in_list})
            )
            select t.source_system, x.ticket_id, {name_of}, x.value, {number},
                   x.item_count, ?, ?
            from items as x
            join raw.tickets t on t.ticket_id = x.ticket_id and t.source_system = x.source_system
                and t.source_file = ?
            where x.value <> ''""", [file, loaded_at, file]).fetchone()[0]
    finally:
        con.execute("drop table if exists _ticket_attr_src")
        con.execute("drop table if exists _ticket_attr_long")
    return written
