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


def keep_attributes(con, file: str, source_sql: str, header: Sequence[str], positions: dict[str, int],
                    skip: Sequence[int], source_system: str, event_log: bool, loaded_at) -> int:
    """Write the unmapped columns of a loaded file (source_sql yields __row and c1..cN as text) as
    attributes of the tickets whose row in raw.tickets came from this file. Returns rows written."""
    con.execute(RAW_TICKET_ATTRIBUTES_DDL)
    used = set(positions.values()) | set(skip)
    columns = [i for i, name in enumerate(header) if i not in used and name and name.strip()]
    # the tickets this file now holds: their earlier attributes give way (nothing to scan when none are kept)
    if con.execute("select exists(select 1 from raw.ticket_attributes)").fetchone()[0]:
        con.execute("""delete from raw.ticket_attributes a using raw.tickets t
            where t.source_file = ? and a.source_system = t.source_system and a.ticket_id = t.ticket_id""", [file])
    if not columns:
        return 0
    id_col = f"c{positions['ticket_id'] + 1}"
    cells = ", ".join(f"nullif(trim(c{i + 1}), '') as a{i}" for i in columns)
    con.execute(f"""create or replace temp table _ticket_attr_src as
        select trim({id_col}) as ticket_id, __row, {cells} from ({source_sql}) where nullif(trim({id_col}), '') is not null""")
    written = 0
    try:
        for i in columns:
            col = f"a{i}"
            name = header[i].strip()
            if header.count(header[i]) > 1 or list(h.strip() for h in header).count(name) > 1:
                name = f"{name} ({i + 1})"  # duplicate column names (Jira: many "Attachment") stay apart
            if con.execute(f"select count({col}) from _ticket_attr_src").fetchone()[0] == 0:
                continue
            if event_log and con.execute(f"""select exists(select 1 from _ticket_attr_src group by ticket_id
                    having count(distinct {col}) > 1)""").fetchone()[0]:
                continue  # changes from event to event: an event's detail, not the ticket's
            sample = [v for (v,) in con.execute(
                f"select distinct {col} from _ticket_attr_src where {col} is not null limit 5000").fetchall()]
            latest = (f"select ticket_id, arg_max({col}, __row) as value from _ticket_attr_src "
                      f"where {col} is not null group by ticket_id")
            if is_list_column(sample):
                items = (f"select ticket_id, trim(unnest(string_split(value, {_lit(LIST_SEPARATOR)}))) as value, "
                         f"len(string_split(value, {_lit(LIST_SEPARATOR)})) as item_count from ({latest})")
            else:
                items = f"select ticket_id, value, 1 as item_count from ({latest})"
            number = ("try_cast(replace(replace(replace(x.value, ' ', ''), chr(160), ''), ',', '.') as double)")
            written += con.execute(f"""insert into raw.ticket_attributes
                select t.source_system, x.ticket_id, {_lit(name)}, x.value, {number}, x.item_count, ?, ?
                from ({items}) as x
                join raw.tickets t on t.ticket_id = x.ticket_id and t.source_system = {_lit(source_system)}
                    and t.source_file = ?
                where x.value <> ''""", [file, loaded_at, file]).fetchone()[0]
    finally:
        con.execute("drop table if exists _ticket_attr_src")
    return written
