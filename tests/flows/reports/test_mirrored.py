"""Two-sided tables flattened to text: figures left of the label, a note column, figures right of it."""
from __future__ import annotations

from flows.reports.layout.mirrored import expand_mirrored
from flows.reports.layout.model import Line
from flows.reports.layout.tables import find_tables

TEXT = """Selskapet RESULTATREGNSKAP   Gruppe
Regnskap
2016
Budsjett
2016
(Driftsinntekter) Note Regnskap
2016
Regnskap
2015
100 200 90 000 Salgsinntekter 1 155 739 914 139 240 252
80 000   Andre inntekter 4 85 688 372 80 937 700
      Tilskudd   0 0
180 200 90 000 Sum inntekter   241 454 527 226 401 469
- - Skattekostnad 16 5 766 453 5 403 758
"""


def _lines(text: str) -> list[Line]:
    return [Line(page=1, number=n, text=t) for n, t in enumerate(text.split("\n"), start=1)]


def _cells(text: str) -> dict[tuple[str, str], str]:
    tables, _ = find_tables(_lines(text))
    out = {}
    for table in tables:
        for row in table.rows:
            for col, printed in row.values:
                out[(row.label, table.columns[col].label)] = printed
    return out


def test_figures_on_both_sides_of_the_label_get_their_own_columns():
    cells = _cells(TEXT)
    assert cells[("Salgsinntekter", "Regnskap 2016")] == "100 200"
    assert cells[("Salgsinntekter", "Budsjett 2016")] == "90 000"
    assert cells[("Salgsinntekter", "Gruppe Regnskap 2016")] == "155 739 914"  # the note 1 is no figure
    assert cells[("Salgsinntekter", "Gruppe Regnskap 2015")] == "139 240 252"
    assert cells[("Sum inntekter", "Gruppe Regnskap 2016")] == "241 454 527"  # a wide gap: no note
    assert cells[("Skattekostnad", "Gruppe Regnskap 2015")] == "5 403 758"


def test_a_gap_between_left_figures_is_an_empty_cell_and_a_row_may_have_no_left_figures():
    cells = _cells(TEXT)
    assert cells[("Andre inntekter", "Regnskap 2016")] == "80 000"
    assert ("Andre inntekter", "Budsjett 2016") not in cells
    assert cells[("Tilskudd", "Gruppe Regnskap 2016")] == "0"
    assert ("Tilskudd", "Regnskap 2016") not in cells


def test_line_codes_before_labels_make_no_two_sided_table():
    text = "  Regnskap 2021 Budsjett 2022\n1 Rammetilskudd 2063930 2050000\n2 Skatt 2833669 2824000\n3 Eiendomsskatt 59641 63000\n"
    lines = _lines(text)
    assert [l.text for l in expand_mirrored(lines)] == [l.text for l in lines]


def test_heads_run_together_name_the_columns_and_a_percent_group_keeps_its_figures_unscaled():
    from flows.reports.layout.headers import columns_from_capitals

    cols = columns_from_capitals(["Nr. Område Skatt i alt Avgift til staten Rest: Andre, m.m. Endring i prosent frå året før",
                                  "Skatt i alt Avgift til staten"], 5)
    assert [c.label for c in cols] == ["Skatt i alt", "Avgift til staten", "Rest: Andre, m.m.",
                                       "Endring i prosent frå året før: Skatt i alt",
                                       "Endring i prosent frå året før: Avgift til staten"]
    assert [c.scenario for c in cols][3:] == ["variance_pct", "variance_pct"]
    assert columns_from_capitals(["Skatt i alt Avgift"], 3) is None  # fewer heads than figures: no guess
