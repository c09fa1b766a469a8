"""A sentence wrapped right after an amount, its unit on the next line, is running text with the amount in its unit
(`layout.wrapped_units`), never a one-row table holding the amount without its scale."""
from __future__ import annotations

import pytest

from flows.reports.document import read_cells


@pytest.mark.parametrize("text, value", [
    ("Årsberetning 2014\n\nVi har gennemført anlægsinvesteringer for 139,4\nmio. kr. Samtidig har vi nedbragt vores "
     "serviceudgifter med 20,3 mio. kr. Dermed holder vi rammen.\n", 139_400_000),
    ("Årsmelding 2019\n\nKommunen gjennomførte investeringer i skolebygg på 48,2\nmillioner kroner i løpet av året, "
     "og resten er utsatt.\n", 48_200_000),
])
def test_an_amount_whose_unit_wraps_to_the_next_line_is_a_prose_figure_in_its_unit(text, value):
    report = read_cells("x.txt", text.encode())
    assert value in {f.value for f in report.figures}
    assert not [c for c in report.cells if c.value == value / 1e6]  # no cell holding the bare figure


def test_a_table_row_above_a_scale_line_stays_a_row():
    text = ("Nøkkeltall 2019\n\nDriftsinntekter 139,4\nDriftsutgifter 120,1\nNetto driftsresultat 19,3\n"
            "mill. kr\n")
    cells = {c.row_label: c.value for c in read_cells("x.txt", text.encode()).cells}
    assert "Driftsinntekter" in cells and "Netto driftsresultat" in cells
