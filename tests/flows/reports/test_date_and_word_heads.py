"""Column heads that are dates or words, not years: a balance sheet's "31.12.2023" is the column of 2023
("2023-12-31", "31/12/2023" likewise), "Andel i %" is one column, "Endring"/"Avvik i kr"/"Prognose" name
columns of their own, in every format (space-aligned text, glued web text, HTML, PDF)."""
from __future__ import annotations

from pathlib import Path

import pytest
from fpdf import FPDF

from flows.reports.document import read_cells
from flows.reports.layout.headers import columns_from_text, is_header_text, year_of

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def _cells(name: str, text: str) -> set[tuple]:
    return {(c.row_label, c.column_label, c.column_year, c.value) for c in read_cells(name, text.encode()).cells}


@pytest.mark.parametrize("printed, year", [("31.12.2023", 2023), ("2022-12-31", 2022), ("31/12/2021", 2021),
                                           ("1.1.2020", 2020), ("2 019", 2019)])
def test_a_date_head_is_the_column_of_its_year(printed, year):
    assert year_of(printed) == year
    cols = columns_from_text([f"Note   {printed}   2018"])
    assert [(c.label, c.year) for c in cols if not c.note] == [(printed, year), ("2018", 2018)]


@pytest.mark.parametrize("head", ["                 31.12.2023      31.12.2022", "Eiendeler   Note   31.12.2023   31.12.2022",
                                  "Tillgångar 2023-12-31 2022-12-31", "31.12.202331.12.2022"])
def test_a_head_of_dates_names_columns(head):
    assert is_header_text(head) or head.startswith("31.12.202331")  # glued dates: split by the column reader
    cols = [c for c in columns_from_text([head]) if not c.note]
    assert [c.year for c in cols] == [2023, 2022]


def test_word_heads_each_name_one_column():
    cols = columns_from_text(["Tjeneste      Regnskap 2023    Prognose    Avvik i kr    Andel i %"])
    assert [(c.label, c.scenario) for c in cols] == [("Regnskap 2023", "actual"), ("Prognose", "budget"),
                                                     ("Avvik i kr", "variance"), ("Andel i %", "variance_pct")]
    glued = columns_from_text(["OmrådeBudsjett 2024PrognoseEndringAndel (%)"])
    assert [c.label for c in glued] == ["Budsjett 2024", "Prognose", "Endring", "Andel (%)"]


def test_balance_sheet_dates_in_spaced_text():
    text = ("Balanse\nBeløp i 1000 kr\n\n                               31.12.2023     31.12.2022\n"
            "Anleggsmidler                     125 400        118 300\nSum eiendeler                     170 600        159 400\n")
    cells = _cells("balanse.txt", text)
    assert ("Anleggsmidler", "31.12.2023", 2023, 125_400_000) in cells
    assert ("Sum eiendeler", "31.12.2022", 2022, 159_400_000) in cells


def test_swedish_iso_dates_in_single_spaced_text():
    cells = _cells("rr.txt", "Balansräkning (mnkr)\n\nTillgångar 2023-12-31 2022-12-31\n"
                             "Anläggningstillgångar 1 254 1 183\nSumma tillgångar 1 706 1 594\n")
    assert ("Anläggningstillgångar", "2022-12-31", 2022, 1_183_000_000) in cells
    assert ("Summa tillgångar", "2023-12-31", 2023, 1_706_000_000) in cells


def test_share_and_variance_words_in_spaced_text():
    text = ("Driftsregnskap\nBeløp i 1000 kr\n\nTjeneste               Regnskap 2023   Budsjett 2023   Avvik i kr   Andel i %\n"
            "Oppvekst                  250 100         245 000       -5 100        40,1\n"
            "Helse                     300 200         310 000        9 800        48,2\n")
    cells = _cells("drift.txt", text)
    assert ("Oppvekst", "Avvik i kr", None, -5_100_000) in cells
    assert ("Helse", "Andel i %", None, 48.2) in cells
    assert ("Helse", "Budsjett 2023", 2023, 310_000_000) in cells


def test_date_and_word_heads_in_html():
    html = ("<html><body><h2>Balanse</h2><p>Beløp i 1000 kr</p><table>"
            "<tr><th>Eiendeler</th><th>Note</th><th>31.12.2023</th><th>31.12.2022</th><th>Andel i %</th></tr>"
            "<tr><td>Anleggsmidler</td><td>4</td><td>125 400</td><td>118 300</td><td>73,5</td></tr>"
            "<tr><td>Omløpsmidler</td><td>5</td><td>45 200</td><td>41 100</td><td>26,5</td></tr></table></body></html>")
    cells = _cells("balanse.html", html)
    assert ("Omløpsmidler", "31.12.2022", 2022, 41_100_000) in cells
    assert ("Anleggsmidler", "Andel i %", None, 73.5) in cells


def test_date_and_word_heads_in_a_borderless_pdf(tmp_path):
    if not DEJAVU.exists():
        pytest.fail(f"the DejaVu font is needed: {DEJAVU}")
    pdf = FPDF()
    pdf.add_font("dejavu", fname=str(DEJAVU))
    pdf.set_font("dejavu", size=9)
    pdf.add_page()
    pdf.multi_cell(0, 6, "Balanse (beløp i 1000 kr)", new_x="LMARGIN", new_y="NEXT")
    for cells in [["Eiendeler", "31.12.2023", "31.12.2022", "Endring", "Andel i %"],
                  ["Anleggsmidler", "125 400", "118 300", "7 100", "73,5"], ["Omløpsmidler", "45 200", "41 100", "4 100", "26,5"]]:
        y = pdf.get_y()
        pdf.set_xy(10, y)
        pdf.cell(60, 5, cells[0])
        for j, text in enumerate(cells[1:]):
            pdf.set_xy(75 + 28 * j, y)
            pdf.cell(26, 5, text, align="R")
        pdf.set_xy(10, y + 5)
    path = tmp_path / "balanse.pdf"
    pdf.output(str(path))
    cells = {(c.row_label, c.column_label, c.column_year, c.value) for c in read_cells(path).cells}
    assert ("Anleggsmidler", "31.12.2023", 2023, 125_400_000) in cells
    assert ("Omløpsmidler", "Andel i %", None, 26.5) in cells
    assert ("Omløpsmidler", "Endring", None, 4_100_000) in cells


def test_dates_glued_to_the_label_and_each_other_in_web_text():
    text = ("Balanse\nBeløp i 1000 kr\nEiendeler31.12.202331.12.2022\nBygninger125 400118 300\n"
            "Bankinnskudd45 20041 100\nSum eiendeler170 600159 400\n")
    cells = _cells("balanse.txt", text)
    assert ("Bygninger", "31.12.2023", 2023, 125_400_000) in cells
    assert ("Sum eiendeler", "31.12.2022", 2022, 159_400_000) in cells


def test_word_heads_without_years_in_glued_web_text():
    text = ("Drift 2023\nBeløp i 1000 kr\nTjenesteRegnskapPrognoseAvvik i krAndel i %\n"
            "Oppvekst250 100245 000-5 10040,1\nHelse300 200310 0009 80048,2\n")
    cells = _cells("drift.txt", text)
    assert ("Oppvekst", "Prognose", None, 245_000_000) in cells
    assert ("Helse", "Andel i %", None, 48.2) in cells


@pytest.mark.parametrize("head", ["Not Kommun 2022 Kommun 2023 Koncern 2022 Koncern 2023",
                                  "Miljoner kronor Note Kommune 2022 Kommune 2023 Konsern 2022 Konsern 2023"])
def test_a_note_column_before_word_year_heads_leaves_each_word_with_its_year(head):
    # a single-spaced web header: the note column first, then "<word> <year>" heads; never "2022 Kommun"
    cols = [c for c in columns_from_text([head]) if not c.note]
    assert [(c.label.split()[0][:5], c.year) for c in cols] == [
        ("Kommu", 2022), ("Kommu", 2023), ("Konce" if "Koncern" in head else "Konse", 2022),
        ("Konce" if "Koncern" in head else "Konse", 2023)]
    text = (f"Balanse\n\n{head}\nAnleggsmidler 11 3 307,7 4 133,0 4 286,0 4 593,7\n"
            "Omløpsmidler 405,2 405,3 404,5 417,6\n")
    cells = _cells("balanse-2023.txt", text)
    scale = 1_000_000 if "Miljoner" in head else 1
    assert {(lab.split()[0][:5], year, round(value / scale, 1)) for row, lab, year, value in cells
            if row == "Omløpsmidler"} >= {
        ("Kommu", 2022, 405.2), ("Kommu", 2023, 405.3)}
