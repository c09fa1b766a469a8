"""Multi-year overviews printed one value per line, their years glued together in the head, each row's scale named
in its label ("femårsöversikt", "nøkkeltal dei siste fem åra" as a text extraction of a PDF gives them):
layout/year_overview.py, the row-label scale in cells.py. Invented pages in Swedish, bokmål and nynorsk, as text, a
saved web page and a Word document."""
from __future__ import annotations

import io

import docx

from flows.reports.document import read_cells
from flows.reports.layout.year_overview import unglue_years

SV = """Årsredovisning 2019

Femårsöversikt

Invånare, den 31/12
2019 2018201720162015
41 212
40 907
40 650
40 311
40 002
Skatteintäkter och utjämning i mnkr
2 101,4
2 040,9
1 988,0
1 930,2
1 871,6
Nettokostnader per invånare i kr
48 120
47 005
46 010
45 220
44 100
Kommunalskatt, kr:öre
32:68 32:6832:68 32:68 32:43
Årets resultat, mnkr
22,9
-14,1
31,0
18,5
9,7
Soliditet i procent
45
43
44
42
41

Kommunen har haft en stark befolkningsökning.
"""


def _read(tmp_path, text: str, name: str = "side.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_cells(path).cells


def _by(cells) -> dict[tuple[str, int | None], object]:
    return {(c.row_label, c.column_year): c for c in cells}


def test_swedish_five_year_overview_with_glued_years_and_row_scales(tmp_path):
    cells = _read(tmp_path, SV)
    by = _by(cells)
    assert by[("Invånare, den 31/12", 2019)].value == 41_212 and by[("Invånare, den 31/12", 2015)].value == 40_002
    assert by[("Invånare, den 31/12", 2017)].column_label == "2017"
    assert by[("Skatteintäkter och utjämning i mnkr", 2018)].value == 2_040_900_000
    assert by[("Skatteintäkter och utjämning i mnkr", 2018)].scale == 1e6
    assert by[("Nettokostnader per invånare i kr", 2016)].value == 45_220  # a unit, not a scale
    assert by[("Årets resultat, mnkr", 2018)].value == -14_100_000  # the overview goes on past the kr:öre row
    assert by[("Soliditet i procent", 2015)].value == 41 and by[("Soliditet i procent", 2015)].is_percent
    assert not by[("Invånare, den 31/12", 2019)].is_percent and by[("Invånare, den 31/12", 2019)].scale == 1
    # the glued year run is no figure, the kr:öre row no cell of any kind
    assert not any(c.value > 1e12 or "2018201720162015" in c.printed for c in cells)
    assert not any("Kommunalskatt" in c.row_label or ":" in c.printed for c in cells)
    assert len(cells) == 25


def test_bokmal_overview_ascending_years_first_label_under_the_head(tmp_path):
    text = """Årsrapport 2021

Nøkkeltall siste fem år
20172018201920202021
Innbyggere per 31.12.
5 210
5 198
5 230
5 241
5 266
Netto driftsresultat i prosent av brutto driftsinntekter
1,9
0,4
2,2
3,0
-0,6
Lånegjeld i mill. kr
310,2
325,0
340,7
352,9
365,4
Skattesats, prosent
11,80 11,8011,80 11,80 11,55

Kommunen har hatt en jevn vekst i folketallet.
"""
    by = _by(_read(tmp_path, text))
    assert by[("Innbyggere per 31.12.", 2017)].value == 5_210 and by[("Innbyggere per 31.12.", 2021)].value == 5_266
    assert by[("Netto driftsresultat i prosent av brutto driftsinntekter", 2021)].value == -0.6
    assert by[("Netto driftsresultat i prosent av brutto driftsinntekter", 2021)].is_percent
    assert by[("Lånegjeld i mill. kr", 2019)].value == 340_700_000
    # a row whose decimals the extraction ran together: every figure prints two decimals, read back into five
    assert by[("Skattesats, prosent", 2020)].value == 11.8 and by[("Skattesats, prosent", 2021)].value == 11.55
    assert by[("Skattesats, prosent", 2021)].is_percent


def test_nynorsk_overview_with_an_empty_year_and_a_thousands_row(tmp_path):
    text = """Årsmelding 2020

Nøkkeltal dei siste fem åra

Innbyggjarar
2020 2019 201820172016
10 402
10 388
10 305
10 210
10 120
Netto lånegjeld i 1000 kr
-
560 000
541 999
530 120
512 300
Frie inntekter i mill. kr
702,4
671,0
655,8
630,1
612,3
"""
    cells = _read(tmp_path, text)
    by = _by(cells)
    assert by[("Innbyggjarar", 2016)].value == 10_120
    assert ("Netto lånegjeld i 1000 kr", 2020) not in by  # a dash: an empty cell
    assert by[("Netto lånegjeld i 1000 kr", 2019)].value == 560_000_000
    assert by[("Frie inntekter i mill. kr", 2020)].value == 702_400_000
    assert len(cells) == 14


def test_the_same_overview_as_a_web_page_and_a_word_document(tmp_path):
    txt = {(c.row_label, c.column_year, c.value) for c in _read(tmp_path, SV)}
    page = "<html><body>" + "".join(f"<p>{line}</p>" for line in SV.splitlines() if line.strip()) + "</body></html>"
    web = {(c.row_label, c.column_year, c.value) for c in read_cells("femar.html", page.encode("utf-8")).cells}
    document = docx.Document()
    for line in SV.splitlines():
        if line.strip():
            document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    word = {(c.row_label, c.column_year, c.value) for c in read_cells("femar.docx", buffer.getvalue()).cells}
    assert len(txt) == 25 and web == txt and word == txt


def test_a_glued_run_is_split_only_into_consecutive_years_of_a_head():
    assert unglue_years("2019 2018201720162015") == "2019 2018 2017 2016 2015"
    assert unglue_years("Nøkkeltal 201620172018") == "Nøkkeltal 2016 2017 2018"
    assert unglue_years("20192017") is None  # not consecutive
    assert unglue_years("Telefon 20192020") is None  # two years alone may be a phone number
    assert unglue_years("2019 2018201720162015 41 212") is None  # a figure beside them: no head
    assert unglue_years("Konto 19501951") is None


def test_a_head_of_years_over_rows_of_another_count_is_left_to_the_other_readers(tmp_path):
    text = """Nøkkeltal

Skatteinntekter
2021 2020 2019
1 200
1 150
1 100
980
Rammetilskot
2021 2020
800
"""
    cells = _read(tmp_path, text)
    assert not any(c.column_year == 2019 and c.value == 980 for c in cells)
    assert not any(c.value > 1e7 for c in cells)
