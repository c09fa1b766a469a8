"""Question families, one module each, tried in this order. A module has NAME and
`read(question, vocab) -> Reading | Refusal | None` (None: the family does not apply); its Reading
carries the SQL over the marts, the sentence, the chart and the interpretation in plain words.

The governed report measures (value, trend, change, compare, ranking, variance, share of the metric
catalog) are answered by app.engine.planner after these families; adding a family is one file here
and one line in FAMILIES.
"""
from __future__ import annotations

from app.engine.families import account_line, cell_lookup, prose_lookup, resolution, tickets
from app.engine.families.base import Question, Reading, Refusal

# Ticket families first: a ticket question goes to the exports whenever they cover it.
FAMILIES = (resolution, tickets)
# Report cells, then figures stated in the text, answer only what no governed measure answered.
FALLBACK_FAMILIES = (account_line, cell_lookup, prose_lookup)


def read(question: Question, vocab, families=FAMILIES) -> Reading | Refusal | None:
    for family in families:
        result = family.read(question, vocab)
        if result is not None:
            return result
    return None


__all__ = ["account_line", "cell_lookup", "prose_lookup", "resolution", "tickets", "FAMILIES", "FALLBACK_FAMILIES", "Question", "Reading", "Refusal", "read"]
