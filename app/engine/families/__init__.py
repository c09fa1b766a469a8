"""Question families, one module each, tried in this order. A module has NAME and
`read(question, vocab) -> Reading | Refusal | None` (None: the family does not apply); its Reading
carries the SQL over the marts, the sentence, the chart and the interpretation in plain words.

The governed report measures of the metric catalog (value, trend, change, compare, ranking, target,
variance, share, case counts) are families too, with applies/shape/compile/sentence/chart (see
app.engine.families.measures), routed in order by app.engine.planner.GOVERNED_FAMILIES. Report cells
and prose figures answer what no governed measure covers (FALLBACK_FAMILIES). Adding a family is one
file here and one line in its list.
"""
from __future__ import annotations

from app.engine.families import (
    account_line,
    case_counts,
    cell_lookup,
    change,
    compare,
    event_year,
    prose,
    ranking,
    resolution,
    row_count,
    share,
    statement_rank,
    target,
    ticket_attributes,
    ticket_calendar,
    ticket_category_levels,
    ticket_events,
    ticket_flows,
    ticket_lifetime,
    ticket_lookup,
    ticket_rates,
    ticket_subsets,
    ticket_text,
    ticket_unknown_customer,
    tickets,
    trend,
    value,
    variance,
)
from app.engine.families.base import Question, Reading, Refusal

# Ticket families first (a customer named that no ticket has refused before any count): a ticket question goes to the exports whenever they cover it (the narrow readings of a
# text column and of a population named in the question before the flows, events and plain counts).
FAMILIES = (ticket_lookup, ticket_unknown_customer, ticket_text, ticket_subsets, ticket_flows, ticket_lifetime, ticket_calendar, ticket_events, resolution, ticket_rates, ticket_category_levels, ticket_attributes, tickets)
# Report cells (the lines of one statement section in order before the rows of a table its caption names), then
# figures stated in the text (the sentence with every word first, then the best sentence of a named report), answer
# only what no governed measure answered; a when-question the year of an event the text states; a count no sentence
# prints, the rows of the list table the question points to (row_count).
FALLBACK_FAMILIES = (event_year, share, statement_rank, ranking, account_line, cell_lookup, prose, row_count)


# the families reading helpdesk exports: they read a ticket question in the words they know (tickets.ticket_wording)
TICKET_FAMILIES = frozenset(FAMILIES)


def read(question: Question, vocab, families=FAMILIES) -> Reading | Refusal | None:
    worded = None
    for family in families:
        if family in TICKET_FAMILIES:
            worded = worded or tickets.ticket_wording(question, vocab)
        result = family.read(worded if family in TICKET_FAMILIES else question, vocab)
        if result is not None:
            return result
    return None


__all__ = ["account_line", "case_counts", "cell_lookup", "change", "compare", "prose", "ranking",
           "row_count", "share", "statement_rank", "target", "trend", "value", "variance", "resolution", "ticket_attributes", "ticket_calendar",
           "ticket_category_levels", "ticket_events", "ticket_flows", "ticket_lifetime", "ticket_lookup", "ticket_rates", "ticket_subsets", "ticket_text", "ticket_unknown_customer", "tickets",
           "FAMILIES", "FALLBACK_FAMILIES", "Question", "Reading", "Refusal", "read"]
