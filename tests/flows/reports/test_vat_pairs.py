"""Fee tables "uten mva | med mva" whose two prices a web extraction ran together without any space: the cut is the
one place where the second price is the first with VAT (25 %, 15 %, 12 %); a row no such place (or several) explains
is left out with a warning. Fixtures written for these tests."""
from __future__ import annotations

from flows.reports.document import read_cells
from flows.reports.layout.vat_pairs import row_readings, vat_cuts, vat_head, vat_heads

FEES = """Eksempel kommune, gebyrregulativ 2022

Gebyr 2022
uten mvamed mva
Vatn abonnementsgebyr19452431,25
Avløp abonnementsgebyr2 1602 700
Renovasjon standard3 2004 000
Matavfall henting8089,60
Feiing12341500
"""


def test_the_cut_is_where_the_second_price_is_the_first_with_vat():
    assert vat_cuts("19452431,25") == [("1 945", "2 431,25")]
    assert vat_cuts("8089,60") == [("80", "89,60")]  # 12 %
    assert vat_cuts("12341500") == []  # no cut gives a price and the price with VAT
    assert vat_heads("uten mvamed mva") == ["uten mva", "med mva"]
    assert vat_heads("eks. mva inkl. mva") == ["eks. mva", "inkl. mva"]
    assert vat_heads("Gebyr 2022") == []


def test_a_fee_table_run_together_reads_its_prices_without_and_with_vat(tmp_path):
    path = tmp_path / "eksempel_gebyr_2022.txt"
    path.write_text(FEES, encoding="utf-8")
    report = read_cells(path)
    cells = {(c.row_label, c.column_label): c for c in report.cells}
    assert cells[("Vatn abonnementsgebyr", "uten mva")].value == 1945
    assert cells[("Vatn abonnementsgebyr", "med mva")].value == 2431.25
    assert cells[("Avløp abonnementsgebyr", "med mva")].value == 2700
    assert cells[("Matavfall henting", "uten mva")].value == 80
    assert cells[("Matavfall henting", "med mva")].value == 89.6
    assert {c.column_year for c in report.cells} == {2022}  # the title's one year
    assert not [c for c in report.cells if c.row_label == "Feiing"]
    assert any("line 9" in w and "Feiing" in w for w in report.layout.warnings), report.layout.warnings


# every cell run together: a corner and two heads that share their first word, labels that end in digits or units,
# no space between label and prices or between the two prices
GLUED_FEES = """Eksempel kommune, gebyrregulativ 2025

Kommunale gebyr 2025
TenestePris utan mvaPris med mva
Feiing fritidsbustad320400
Vatn forbruk per m³14,4018,00
Slamtømming 0-4 m³ kvart 2. år1 2001500
Behaldar 360 l matavfall31203900

Renovasjon
Ekstra sekk4860
Tømming utanom rute9001 125
Leige av hall per time100112
"""


def test_a_fee_table_with_every_cell_run_together_reads_its_prices(tmp_path):
    path = tmp_path / "eksempel_gebyr_2025.txt"
    path.write_text(GLUED_FEES, encoding="utf-8")
    report = read_cells(path)
    cells = {(c.row_label, c.column_label): c.value for c in report.cells}
    assert cells == {
        ("Feiing fritidsbustad", "Pris utan mva"): 320, ("Feiing fritidsbustad", "Pris med mva"): 400,
        ("Vatn forbruk per m³", "Pris utan mva"): 14.4, ("Vatn forbruk per m³", "Pris med mva"): 18,
        ("Slamtømming 0-4 m³ kvart 2. år", "Pris utan mva"): 1200, ("Slamtømming 0-4 m³ kvart 2. år", "Pris med mva"): 1500,
        ("Behaldar 360 l matavfall", "Pris utan mva"): 3120, ("Behaldar 360 l matavfall", "Pris med mva"): 3900,
        ("Ekstra sekk", "Pris utan mva"): 48, ("Ekstra sekk", "Pris med mva"): 60,
        ("Tømming utanom rute", "Pris utan mva"): 900, ("Tømming utanom rute", "Pris med mva"): 1125,
        ("Leige av hall per time", "Pris utan mva"): 100, ("Leige av hall per time", "Pris med mva"): 112,  # 12 %
    }
    assert {c.corner for c in report.cells} == {"Teneste"}
    assert {c.column_year for c in report.cells} == {2025}  # the caption's one year
    assert {c.parent_row for c in report.cells if c.row_label == "Ekstra sekk"} == {"Renovasjon"}  # a group line


def test_a_label_ending_in_a_number_is_kept_where_only_that_cut_gives_a_price_with_vat():
    assert row_readings("Gebyr 5 400500") == [("Gebyr 5", "400", "500")]
    assert row_readings("Behaldar 240 48006000") == [("Behaldar 240", "4 800", "6 000")]
    assert row_readings("Feiing12341500") == []
    assert vat_head("Tenesteeks. mvainkl. mva") == ("Teneste", ["eks. mva", "inkl. mva"])
    assert vat_head("Prisane er oppgitt utan mva, med mva på faktura") is None


def test_rows_under_a_vat_head_that_cut_several_ways_or_none_give_no_cell_and_a_warning(tmp_path):
    # "Sekk 1136170": label "Sekk 1" with 136 | 170, or "Sekk 113" with 61 | 70; "Byggesak50005000": no VAT, no cut
    path = tmp_path / "eksempel_gebyr_2025.txt"
    path.write_text("Gebyr 2025\neks. mvainkl. mva\nFeiing bustad400500\nSekk 1136170\nByggesak50005000\n"
                    "Ekstra sekk4860\n", encoding="utf-8")
    report = read_cells(path)
    cells = {(c.row_label, c.column_label): c.value for c in report.cells}
    assert cells == {("Feiing bustad", "eks. mva"): 400, ("Feiing bustad", "inkl. mva"): 500,
                     ("Ekstra sekk", "eks. mva"): 48, ("Ekstra sekk", "inkl. mva"): 60}
    assert [w for w in report.layout.warnings if "Sekk 1136170" in w and "line 4" in w and "2 ways" in w]
    assert [w for w in report.layout.warnings if "Byggesak" in w and "line 5" in w and "no way" in w]
    assert not [f for f in report.figures if f.value in (1136170, 50005000)]


def test_run_together_rows_under_a_vat_head_none_of_which_reads_give_no_cell(tmp_path):
    # no row cuts into a price and that price with VAT: the table reader took "Tilsyn per time 99998888" for one
    # figure 99 998 888
    path = tmp_path / "eksempel_gebyr_2025.txt"
    path.write_text("Gebyr 2025\n\neks. mvainkl. mva\nFeiing 12341500\nTilsyn per time 99998888\n", encoding="utf-8")
    report = read_cells(path)
    assert report.cells == [] and not [f for f in report.figures if f.value > 1000]
    assert sum("no figure read" in w for w in report.layout.warnings) == 2


SPACED = """Gebyrer for Eksempel kommune

Satsane vart vedtekne i kommunestyret 12. desember 2029.

  2030
Vassavgifter eks. mva inkl. mva
Bustad inntil 120 m2 4800 6000
Hytte 0-60 m2 2000 2500
Vassmålar pr. m3 16 20
Kloakkavgifter
Bustad inntil 120 m2 3200 4000
Vassmålar, leige av leidningsnett se under se under
Tøming av slamavskiljar pr. m3 560 700
"""


def test_a_unit_power_run_into_spaced_prices_stays_in_the_label_and_words_between_rows_end_no_table(tmp_path):
    path = tmp_path / "eksempel_gebyr_2030.txt"
    path.write_text(SPACED, encoding="utf-8")
    report = read_cells(path)
    cells = {(c.line, c.column_label): c.value for c in report.cells}
    labels = {c.line: c.row_label for c in report.cells}
    assert labels[7] == "Bustad inntil 120 m2" and cells[(7, "eks. mva")] == 4800 and cells[(7, "inkl. mva")] == 6000
    assert labels[9] == "Vassmålar pr. m3" and cells[(9, "inkl. mva")] == 20
    assert cells[(11, "eks. mva")] == 3200  # after a group line
    assert labels[13] == "Tøming av slamavskiljar pr. m3" and cells[(13, "eks. mva")] == 560  # not "3 560"
    assert len(report.cells) == 10
    # the decision date in the sentence above is not the fees' year; the year over the head is
    assert {c.column_year for c in report.cells} == {2030}
