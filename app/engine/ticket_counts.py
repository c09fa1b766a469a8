"""Ticket counts from the counts mart: a query over fct_ticket that only counts tickets (count(*), with
or without a filter) and only touches fields agg_ticket_counts keeps is answered from that mart instead,
its counts summed. The mart has one row per created day and combination of those fields, so the answer is
the same number at a fraction of the scan; anything else (a measure, a field the mart lacks, row-level
tickets) keeps reading fct_ticket.

`from_counts_mart(sql, mart_columns, ticket_columns)` is a pure function of the SQL text: it returns the
rewritten SQL, or None when the query needs fct_ticket itself. The rewrite is per SELECT that reads
fct_ticket: that SELECT must aggregate (or be DISTINCT), read fct_ticket once under an alias, and use only
aggregates whose value does not depend on how many tickets a row stands for (count(*), count(distinct x),
min, max, string_agg(distinct x)) — count(*) becomes the sum of ticket_count.
"""
from __future__ import annotations

from functools import lru_cache

import sqlglot
from sqlglot import exp
from sqlglot.errors import SqlglotError

MART = "agg_ticket_counts"
TICKETS = "fct_ticket"
# tables a rewritten query may also read (joined on the ticket fields, they count each ticket as often either way)
JOINABLE = frozenset({"dim_organisation", "dim_unit"})


@lru_cache(maxsize=1024)
def from_counts_mart(sql: str, mart_columns: frozenset[str], ticket_columns: frozenset[str]) -> str | None:
    if not mart_columns or TICKETS not in sql:
        return None
    try:
        tree = sqlglot.parse_one(sql, read="duckdb")
    except SqlglotError:
        return None
    if tree is None:
        return None
    try:
        return _rewrite(tree, mart_columns, ticket_columns)
    except (SqlglotError, _NeedsTickets):
        return None


class _NeedsTickets(Exception):
    """The query needs fct_ticket's own rows."""


def _rewrite(tree: exp.Expression, mart_columns: frozenset[str], ticket_columns: frozenset[str]) -> str | None:
    ctes = {c.alias_or_name for c in tree.find_all(exp.CTE)}
    ticket_tables = []
    for table in tree.find_all(exp.Table):
        if table.name == TICKETS:
            if table.db or table.catalog or not table.alias:
                raise _NeedsTickets
            ticket_tables.append(table)
        elif table.name not in JOINABLE and table.name not in ctes:
            raise _NeedsTickets  # another fact (events, attributes, lifecycle): its rows per ticket matter
    if not ticket_tables:
        return None
    aliases = {t.alias for t in ticket_tables}
    if len(aliases) != len(ticket_tables) and len(aliases) != 1:
        raise _NeedsTickets
    for col in tree.find_all(exp.Column):
        name = col.name
        if isinstance(col.this, exp.Star):
            if col.table in aliases or not col.table:
                raise _NeedsTickets  # t.*: every field of the ticket
            continue
        if col.table in aliases:
            if name not in mart_columns:
                raise _NeedsTickets
        elif not col.table and name in ticket_columns and name not in mart_columns:
            raise _NeedsTickets  # an unqualified field of fct_ticket the mart lacks
    for table in ticket_tables:
        select = table.parent_select
        if select is None or not isinstance(select, exp.Select):
            raise _NeedsTickets
        readers = [t for t in select.find_all(exp.Table) if t.name == TICKETS and t.parent_select is select]
        if len(readers) != 1:
            raise _NeedsTickets  # a ticket joined with a ticket: the pairs' counts are products
        _sum_counts(select, table.alias)
        table.set("this", exp.to_identifier(MART))
    return tree.sql(dialect="duckdb")


def _in_window(agg: exp.Expression) -> bool:
    parent = agg.parent.parent if isinstance(agg.parent, exp.Filter) else agg.parent
    return isinstance(parent, exp.Window)


def _sum_counts(select: exp.Select, alias: str) -> None:
    """Rewrite the counts of one SELECT over the tickets; raise when its value needs the ticket rows."""
    aggregates = [a for a in select.find_all(exp.AggFunc) if a.parent_select is select]
    windowed = {id(a) for a in aggregates if _in_window(a)}
    grouped = bool(select.args.get("group")) or len(windowed) < len(aggregates)
    if not grouped and not (select.args.get("distinct") and not windowed):
        raise _NeedsTickets  # row-level tickets: something outside counts, ranks or lists them
    for agg in aggregates:
        if id(agg) in windowed:
            continue  # rank() / count(*) over (...) of a grouped select: over its groups, the same either way
        if isinstance(agg, exp.Count):
            arg = agg.this
            if arg is None or isinstance(arg, exp.Star):
                total = exp.Sum(this=exp.column("ticket_count", table=alias))
                target = agg
                if isinstance(agg.parent, exp.Filter):
                    target = agg.parent
                    total = exp.Filter(this=total, expression=agg.parent.expression.copy())
                target.replace(exp.Cast(this=exp.Coalesce(this=total, expressions=[exp.Literal.number(0)]),
                                        to=exp.DataType.build("bigint")))
                continue
            if isinstance(arg, exp.Distinct):
                continue
            raise _NeedsTickets  # count(x): tickets with a value
        if isinstance(agg, (exp.Min, exp.Max)):
            continue
        if isinstance(agg, exp.GroupConcat) and isinstance(agg.this, exp.Distinct):
            continue
        raise _NeedsTickets  # a sum, mean, median, ... over the tickets' own values
