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


SPREAD_HEADS = """=== [1] Selskapet – Årsmelding – Resultat ===
Selskapet RESULTATREGNSKAP   Gruppe
Regnskap
2019
Budsjett
2019
(Inntekter og kostnader) Note Regnskap
2019
Regnskap
2018
      Inntekter      |
30 111 222 28 000 000 Salgsinntekter 13 64 333 444 61 222 111
7 500 100 7 400 000 Personalkostnader 3,4 42 605 051 40 027 820
5 000 000 4 000 000 Sum inntekter   99 111 222 97 000 000
      Renter fonds 18 316 323  |
""".replace("|\n", "\n")  # the web extraction's trailing blanks kept (written with a bar so no editor strips them)


def test_a_heading_above_heads_spread_over_lines_is_no_head_and_notes_come_off_a_figure_of_the_rows_size():
    from flows.reports.layout.text import read_lines

    tables, _ = find_tables(read_lines("resultat.txt", SPREAD_HEADS.encode()))
    cells = {(r.label, t.columns[c].label): v for t in tables for r in t.rows for c, v in r.values}
    assert cells[("Salgsinntekter", "Regnskap 2019")] == "30 111 222"
    assert cells[("Salgsinntekter", "Gruppe Regnskap 2019")] == "64 333 444"  # note 13, not "13 64"
    assert cells[("Salgsinntekter", "Gruppe Regnskap 2018")] == "61 222 111"
    assert cells[("Personalkostnader", "Gruppe Regnskap 2019")] == "42 605 051"  # notes "3,4"
    assert cells[("Renter fonds", "Gruppe Regnskap 2019")] == "316 323"  # a gap after it: the last cell is empty
    assert ("Renter fonds", "Gruppe Regnskap 2018") not in cells


GRID = """<html><body><h2>Kontantstrøm</h2><table>
<tr><th>Selskapet 2019</th><th>Selskapet 2018</th><th></th><th>Gruppe 2019</th><th>Gruppe 2018</th></tr>
<tr><th colspan="5">Fra driften</th></tr>
<tr><td>10 100</td><td>9 900</td><td>Resultat før skatt</td><td>27 800</td><td>21 300</td></tr>
<tr><td></td><td></td><td>Betalt skatt</td><td>-5 900</td><td>-5 800</td></tr>
<tr><td>12 000</td><td>11 000</td><td>Netto fra driften</td><td>31 000</td><td>29 000</td></tr>
<tr><th colspan="5">Fra investeringer</th></tr>
<tr><td>-3 000</td><td>-2 000</td><td>Kjøp av driftsmidler</td><td>-5 700</td><td>-6 100</td></tr>
<tr><td>-3 100</td><td>-2 200</td><td>Netto fra investeringer</td><td>-7 600</td><td>-6 000</td></tr>
</table></body></html>"""


def test_a_grid_with_its_label_column_between_the_figures_reads_the_left_figures_as_cells_in_one_table():
    from flows.reports.layout.html import read_lines

    tables, _ = find_tables(read_lines("kontantstrom.html", GRID.encode()))
    assert len([t for t in tables if t.rows]) == 1  # the section heads across the row start no new table
    cells = {(r.label, t.columns[c].label): v for t in tables for r in t.rows for c, v in r.values}
    assert cells[("Resultat før skatt", "Selskapet 2019")] == "10 100"
    assert cells[("Resultat før skatt", "Selskapet 2018")] == "9 900"
    assert cells[("Netto fra investeringer", "Selskapet 2019")] == "-3 100"
    assert cells[("Netto fra investeringer", "Gruppe 2018")] == "-6 000"
    assert ("Betalt skatt", "Selskapet 2019") not in cells
    codes = {r.code for t in tables for r in t.rows}
    assert codes == {None}
