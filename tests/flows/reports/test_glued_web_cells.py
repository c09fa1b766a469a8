"""Web tables flattened to text: cells glued to the caption, the label and each other (any dash a minus, a
label ending in "%", figures printed on the next line), and fee schedules whose every cell carries its currency.
Fixtures written for these tests (no real document); each asserts what the number grammar reads one way only,
and that a row it reads several ways is left out with a warning naming its page and line."""
from __future__ import annotations

from pathlib import Path

from flows.reports.document import read_cells

GLUED = """Årsrapport 2021

Nøkkeltall for selskapet

Resultatregnskap (1000 kr)20212020
Salgsinntekter14 03013 620
Varekostnad–6 862–8 059
Lønnskostnad−4 105−3 877
Driftsresultat1 2991 131
Skatt–460
Årsresultat1 0051 012
Egenkapitalandel, %34,9 %27,8 %
"""

SPLIT = """Årsmelding 2022

Driftsregnskap i 1000 kr

Tekst20222021
Omsetning14 030

13 620
Driftskostnader–12 400
–11 980
Resultat1 630
1 640
"""

FEES = """Gebyrregulativ for vatn og avløp

Tilknytingsgebyr
                               2020          2021
Tilknytingsgebyr vatn    kr      2 988   kr      3 050
Tilknytingsgebyr avløp   kr      3 520   kr      3 610
Årsgebyr bustad          NOK 1 250       NOK 1 300
Leige av målar           kr. 661,-       kr. 680,-
Gebyr for ekstra måling                  kr      450

# Feiing og tilsyn 2021
                         eks. mva        inkl. mva
Bustad                   kr 542          kr 677,50
Fritidsbustad            kr 677          kr 846,25
"""


def _read(tmp_path: Path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    report = read_cells(path)
    return report, {(c.row_label, c.column_label): (c.value, c.column_year) for c in report.cells}


def test_cells_glued_to_the_caption_the_label_and_each_other_read_one_way_under_the_glued_years(tmp_path):
    report, cells = _read(tmp_path, "glued.txt", GLUED)
    assert cells[("Salgsinntekter", "2021")] == (14_030_000, 2021)  # the caption's "(1000 kr)" scales the table
    assert cells[("Salgsinntekter", "2020")] == (13_620_000, 2020)
    assert cells[("Varekostnad", "2021")] == (-6_862_000, 2021)  # an en dash starts each figure as a minus
    assert cells[("Lønnskostnad", "2020")] == (-3_877_000, 2020)  # U+2212
    assert cells[("Driftsresultat", "2021")] == (1_299_000, 2021)
    assert cells[("Driftsresultat", "2020")] == (1_131_000, 2020)
    assert cells[("Egenkapitalandel, %", "2021")] == (34.9, 2021)
    assert cells[("Egenkapitalandel, %", "2020")] == (27.8, 2020)
    # "–460" under two columns reads -46 | 0 or -4 | 60: left out, with a warning naming the page and line
    assert not [k for k in cells if k[0].startswith("Skatt")]
    assert any("page 1 line 10" in w and "Skatt" in w for w in report.layout.warnings)


def test_figures_printed_on_the_lines_after_their_label_are_the_rows_other_cells(tmp_path):
    report, cells = _read(tmp_path, "split.txt", SPLIT)
    assert cells[("Omsetning", "2022")] == (14_030_000, 2022)  # blank lines between the figures
    assert cells[("Omsetning", "2021")] == (13_620_000, 2021)
    assert cells[("Driftskostnader", "2022")] == (-12_400_000, 2022)
    assert cells[("Driftskostnader", "2021")] == (-11_980_000, 2021)
    assert cells[("Resultat", "2021")] == (1_640_000, 2021)
    assert not [c for c in report.cells if not c.row_label]  # a line of figures is no row of its own


def test_glued_figures_that_no_grammar_cut_reads_leave_a_warning_and_no_value(tmp_path):
    text = "Gebyr\n\nTekst20212022\nVatn abonnementsgebyr19452431,25\nAvløp abonnementsgebyr2 1102 243,5\n" \
           "Renovasjon3 0153 120,5\n"
    report, cells = _read(tmp_path, "fees.txt", text)
    assert not [k for k in cells if k[0].startswith("Vatn")]
    assert any("line 4" in w for w in report.layout.warnings)
    assert cells[("Renovasjon", "2022")][0] in (3_120.5, 3_120_500)
    assert cells[("Avløp abonnementsgebyr", "2021")][0] in (2_110, 2_110_000)


def test_currency_words_before_each_figure_are_its_unit_not_a_label_or_a_column(tmp_path):
    report, cells = _read(tmp_path, "fees.txt", FEES)
    assert cells[("Tilknytingsgebyr vatn", "2020")] == (2_988, 2020)
    assert cells[("Tilknytingsgebyr vatn", "2021")] == (3_050, 2021)
    assert cells[("Årsgebyr bustad", "2021")] == (1_300, 2021)
    assert cells[("Leige av målar", "2020")] == (661, 2020)  # "kr. 661,-"
    assert cells[("Gebyr for ekstra måling", "2021")] == (450, 2021)  # one cell, placed under its head by position
    assert ("Gebyr for ekstra måling", "2020") not in cells
    assert cells[("Fritidsbustad", "eks. mva")] == (677, 2021)  # heads without years: the heading's one year
    assert cells[("Fritidsbustad", "inkl. mva")] == (846.25, 2021)
    assert all(c.scale == 1.0 for c in report.cells)  # a figure printed with its currency is in kroner
    assert not [c for c in report.cells if c.row_label.lower().endswith(("kr", "nok")) or c.column_label in ("kr", "NOK")]


def test_a_price_in_a_sentence_is_no_currency_table():
    from flows.reports.layout.currency_cells import expand_currency_cells
    from flows.reports.layout.model import Line

    text = ["Nytt gebyr", "", "Kommunestyret vedtok at gebyret skal vere 450 kr", "for kvar time."]
    lines = [Line(page=1, number=n, text=t) for n, t in enumerate(text, start=1)]
    assert expand_currency_cells(lines) == lines
