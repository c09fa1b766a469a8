"""Column heads spread over lines, one head (or its period) per line, under a caption sharing the first head's line."""
from __future__ import annotations

from flows.reports.layout.model import Line
from flows.reports.layout.spread_heads import expand_spread_heads
from flows.reports.layout.tables import find_tables

TEXT = """Stab og fellesområder   Regnskap
jan-jun
Budsjett
jan-jun
Avvik Årsbudsjett
(mer-/mindreforbruk)
Innkjøp 4120 4300 180 8600
Felles IKT 9010 8800 -210 17600
Sum stab og fellesområder    13130 13100 -30 26200
"""


def _lines(text: str) -> list[Line]:
    return [Line(page=1, number=n, text=t) for n, t in enumerate(text.split("\n"), start=1)]


def test_heads_one_per_line_with_their_periods_name_the_columns_of_the_rows_below():
    tables, _ = find_tables(_lines(TEXT))
    table = next(t for t in tables if t.rows)
    assert table.caption == "Stab og fellesområder"
    assert [c.label for c in table.columns] == ["Regnskap jan-jun", "Budsjett jan-jun", "Avvik",
                                                "Årsbudsjett (mer-/mindreforbruk)"]
    assert [c.period for c in table.columns[:2]] == ["H1", "H1"]  # January to June: the first half
    cells = {(r.label, table.columns[c].label): v for r in table.rows for c, v in r.values}
    assert cells[("Felles IKT", "Budsjett jan-jun")] == "8800"
    assert cells[("Sum stab og fellesområder", "Avvik")] == "-30"


def test_heads_that_do_not_count_the_rows_figures_leave_the_lines_as_they_are():
    text = TEXT.replace("Avvik Årsbudsjett", "Avvik Årsbudsjett Prognose")
    lines = _lines(text)
    assert [l.text for l in expand_spread_heads(lines)] == [l.text for l in lines]
