"""Text renderings of statements whose cells were glued (web transcripts): figures run together with no space between
columns under a row code, notes glued to the label, and multi-year overviews whose year head was lost. The readers
cut the figures with what the table knows (its head's column count, thousands groups of three digits, the other
rows, its arithmetic) and never publish a figure they cannot settle, nor a year the text does not give."""
from __future__ import annotations

from flows.reports.document import read_cells


def _cells(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    report = read_cells(path)
    return report, {(c.row_label, c.column_label): c for c in report.cells}


# an invented nynorsk operating statement: a row code before each label, the note column mostly empty, and the three
# value columns run together where only a space between thousands is left
_GLUED_STATEMENT = """Årsrekneskap 2031 for Fjordvik kommune

Alle tal er gitt opp i heile tusen

Økonomisk oversikt drift

Økonomisk oversikt driftNoteRekneskap 2031Justert budsjett 2031Opphavleg budsjett 2031
Driftsinntekter
1 Rammetilskot 1 948 1271 960 6401 902 800
2 Inntekts- og formuesskatt 2 548 4552 530 0002 497 500
3 Eigedomsskatt 115 890115 054114 000
4 Brukarbetalingar12342 138352 797304 595
"""


def test_a_row_code_before_the_label_leaves_the_glued_figures_to_be_cut_under_the_heads(tmp_path):
    report, cells = _cells(tmp_path, "fjordvik_rekneskap_2031.txt", _GLUED_STATEMENT)
    assert cells[("Rammetilskot", "Rekneskap 2031")].value == 1_948_127_000
    assert cells[("Rammetilskot", "Justert budsjett 2031")].value == 1_960_640_000
    assert cells[("Rammetilskot", "Opphavleg budsjett 2031")].value == 1_902_800_000
    assert cells[("Rammetilskot", "Rekneskap 2031")].row_code == "1"
    assert cells[("Eigedomsskatt", "Justert budsjett 2031")].value == 115_054_000
    # note 12 glued to the label before the figures: no part of the label, no part of a figure
    assert cells[("Brukarbetalingar", "Rekneskap 2031")].value == 342_138_000
    assert cells[("Brukarbetalingar", "Opphavleg budsjett 2031")].value == 304_595_000
    # no fragment of a glued run ("890115", "054114") is published anywhere
    assert all(abs(c.value) < 3e9 for c in report.cells)
    assert not any(c.printed in ("890115", "054114", "1271", "6401") for c in report.cells)


# an invented balance sheet as a web page extracts it: the row code glued to the label, a note (or a list of notes)
# glued to the label's end, an empty note cell left as a gap of two spaces before the figures
_BALANCE = """Årsrekneskap 2031 for Fjordvik kommune

Økonomisk oversikt - BalanseNotarRekneskap 31.12.2031Rekneskap 01.01.2031
 Eigedelar
 Varige driftsmidlar4 5 605 332 5 619 080
1Aksjar og andelar5 962 051 935 963
2Utlån6 3 125 869 2 934 512
 Bankinnskot  2 068 223 2 022 851
3Premieavvik11,22 527 112 560 054
 Sum eigedelar  12 288 587 12 072 410
 Eigenkapital
1Disposisjonsfond  1 058 646 796 509
2Bundne driftsfond13,14 235 954 134 576
3Prinsippendringar drift3- 42 451 - 42 451
4Konserninterne fordringar22,23 42 794 294
5Mindreforbruk i driftsrekneskapen240 167 924
"""


def test_a_note_glued_to_the_label_is_the_note_and_an_empty_note_cell_takes_no_figure(tmp_path):
    _, cells = _cells(tmp_path, "fjordvik_balanse_2031.txt", _BALANCE)
    assert cells[("Disposisjonsfond", "Rekneskap 31.12.2031")].value == 1_058_646
    assert cells[("Disposisjonsfond", "Rekneskap 01.01.2031")].value == 796_509
    assert cells[("Aksjar og andelar", "Rekneskap 31.12.2031")].value == 962_051
    assert cells[("Premieavvik", "Rekneskap 31.12.2031")].value == 527_112
    assert cells[("Premieavvik", "Rekneskap 01.01.2031")].value == 560_054
    assert cells[("Bundne driftsfond", "Rekneskap 01.01.2031")].value == 134_576
    assert cells[("Prinsippendringar drift", "Rekneskap 31.12.2031")].value == -42_451
    assert not any(label == "Notar" for _, label in cells)  # a note is no figure


def test_a_row_under_a_glued_note_column_that_cuts_two_ways_publishes_nothing_and_warns(tmp_path):
    report, _ = _cells(tmp_path, "fjordvik_balanse_2031.txt", _BALANCE)
    # after note 22,23: 42 794 | 294 or 42 | 794 294 (two columns); digits glued to a label: note 2 and 40 167, or 24 and 0 167
    assert not any(c.row_label.startswith(("Konserninterne", "Mindreforbruk")) for c in report.cells)
    warned = " ".join(report.layout.warnings)
    assert "line 15" in warned and "note 22,23" in warned and "line 16" in warned


def test_run_together_figures_that_cut_two_ways_publish_no_figure_and_warn(tmp_path):
    # "45678 901" under two columns is 45 | 678 901 or 456 | 78 901, and nothing in the table tells which
    text = """Rekneskap for Fjordvik kommune 2031

Økonomisk oversiktRekneskap 2031Rekneskap 2030
Driftsinntekter
1 Renteinntekter45678 901
2 Utbytte1 2342 345
3 Gebyr3 4564 567
"""
    report, cells = _cells(tmp_path, "fjordvik_tvil_2031.txt", text)
    assert not any(c.row_label.startswith("Renteinntekter") for c in report.cells)
    assert cells[("Utbytte", "Rekneskap 2030")].printed == "2 345"
    assert any("line 5" in w and "Renteinntekter" in w for w in report.layout.warnings)


def test_years_broken_over_lines_above_a_multi_year_overview_name_its_columns(tmp_path):
    text = """Årsmelding 2031 for Fjordvik kommune

Femårsoversikt
2027 2028 2029
2030 2031
Netto driftsresultat i prosent 2,1 1,5 3,0 0,8 2,4
Netto lånegjeld i prosent 88,1 90,2 92,5 95,0 97,3

Kommunen har hatt ei jamn utvikling.
"""
    _, cells = _cells(tmp_path, "fjordvik_arsmelding_2031.txt", text)
    assert cells[("Netto driftsresultat i prosent", "2027")].value == 2.1
    assert cells[("Netto lånegjeld i prosent", "2031")].column_year == 2031
    assert cells[("Netto lånegjeld i prosent", "2031")].value == 97.3


def test_a_year_range_in_the_caption_names_the_columns_of_a_headless_overview(tmp_path):
    text = """Årsmelding 2031 for Fjordvik kommune

Tabellen under viser utviklinga.

Nøkkeltal 2027–2031

Netto driftsresultat i prosent 2,1 1,5 3,0 0,8 2,4
Disposisjonsfond i prosent 5,1 6,0 7,2 8,1 9,0

Kommunen har hatt ei jamn utvikling.
"""
    _, cells = _cells(tmp_path, "fjordvik_nokkeltal_2031.txt", text)
    assert {c.column_year: c.value for (label, _), c in cells.items() if label == "Disposisjonsfond i prosent"} == {
        2027: 5.1, 2028: 6.0, 2029: 7.2, 2030: 8.1, 2031: 9.0}


def test_a_range_of_other_length_than_the_columns_names_no_year(tmp_path):
    text = """Årsmelding 2031 for Fjordvik kommune

Tabellen under viser utviklinga.

Nøkkeltal 2029–2031

Netto driftsresultat i prosent 2,1 1,5 3,0 0,8 2,4
Disposisjonsfond i prosent 5,1 6,0 7,2 8,1 9,0
"""
    report, _ = _cells(tmp_path, "fjordvik_kort_2031.txt", text)
    assert [c for c in report.cells if c.column_year is not None] == []


def test_a_five_year_overview_that_lost_its_years_assigns_none_and_warns(tmp_path):
    text = """Årsmelding 2031 for Fjordvik kommune

Femårsoversikt

Netto driftsresultat i prosent 2,1 1,5 3,0 0,8 2,4
Disposisjonsfond i prosent 5,1 6,0 7,2 8,1 9,0

Kommunen har hatt ei jamn utvikling.
"""
    report, _ = _cells(tmp_path, "fjordvik_femar_2031.txt", text)
    assert [c for c in report.cells if c.column_year is not None] == []
    assert any("multi-year overview" in w and "no year" in w for w in report.layout.warnings)


def test_a_section_head_spanning_a_web_table_between_its_rows_keeps_the_rows_under_the_table_head(tmp_path):
    html = """<html><body><h2>Økonomisk oversikt drift</h2><p>Alle tall i hele tusen.</p><table>
<tr><th>Økonomisk oversikt drift</th><th>Note</th><th>Regnskap 2031</th><th>Budsjett 2031</th></tr>
<tr><th colspan="4">Driftsinntekter</th></tr>
<tr><td>1. Rammetilskudd</td><td></td><td>2 883 062</td><td>2 850 445</td></tr>
<tr><td>2. Sum driftsinntekter</td><td></td><td>2 883 062</td><td>2 850 445</td></tr>
<tr><th colspan="4">Driftsutgifter</th></tr>
<tr><td>3. Lønnsutgifter</td><td>20</td><td>5 897 625</td><td>5 635 096</td></tr>
<tr><td>4. Sosiale utgifter</td><td>11,20</td><td>1 453 666</td><td>1 556 435</td></tr>
</table></body></html>"""
    _, cells = _cells(tmp_path, "fjordvik_regnskap_2031.html", html)
    assert cells[("Lønnsutgifter", "Regnskap 2031")].value == 5_897_625_000
    assert cells[("Sosiale utgifter", "Budsjett 2031")].value == 1_556_435_000
    assert cells[("Lønnsutgifter", "Regnskap 2031")].parent_row == "Driftsutgifter"
