"""Labelled lists under a heading, one "Label figure unit [figure unit]" a line (layout/unit_lists.py): one table whose
caption is the heading, whose rows are the labels and whose columns are the units, each cell scaled by its own unit;
and multi-year rows that name their scale or print a unit after their figures. Invented, name-free pages in bokmål,
nynorsk and Swedish."""
from __future__ import annotations

from flows.reports.document import read_cells


def _read(text: str):
    return read_cells("side.txt", text.encode("utf-8"))


def test_a_heading_led_list_of_amounts_and_shares_is_one_table():
    report = _read("Årsmelding 2031\n\nNetto driftsutgifter fordelt på tenesteområde:\n\nSkule 1 204,5 mill. kr 48,1 %\n\n"
                   "Helse 655,0 mill. kr 26,2 %\n\nKultur 88,3 mill. kr 3,5 %\n\nEin tekst etterpå.\n")
    got = {(c.row_label, c.is_percent): (c.value, c.scale) for c in report.cells}
    assert got == {("Skule", False): (1_204_500_000, 1e6), ("Skule", True): (48.1, 1.0),
                   ("Helse", False): (655_000_000, 1e6), ("Helse", True): (26.2, 1.0),
                   ("Kultur", False): (88_300_000, 1e6), ("Kultur", True): (3.5, 1.0)}
    assert {c.caption for c in report.cells} == {"Netto driftsutgifter fordelt på tenesteområde:"}
    assert {c.column_label for c in report.cells} == {"Netto driftsutgifter mill. kr", "Netto driftsutgifter %"}
    assert len({c.table_number for c in report.cells}) == 1
    assert {c.line for c in report.cells if c.row_label == "Helse"} == {7}  # the line it is printed on
    assert not any(f.printed in ("48,1 %", "655,0 mill. kr") for f in report.figures)  # no loose prose figures


def test_a_key_figure_list_keeps_the_year_of_a_label_and_each_rows_own_unit():
    cells = {c.row_label: c for c in _read(
        "Nøkkeltal\n\nFolketal 1.1. 2029 12 681\n\nLånegjeld pr. 31.12.2028: 2 757,7 mill. kr\n\n"
        "Driftsinntekter: 1 212,4 mill. kr\n\nSjukefråvær: 6,5 %\n").cells}
    assert set(cells) == {"Folketal 1.1. 2029", "Lånegjeld pr. 31.12.2028", "Driftsinntekter", "Sjukefråvær"}
    assert (cells["Folketal 1.1. 2029"].value, cells["Folketal 1.1. 2029"].column_year) == (12_681, 2029)
    assert (cells["Lånegjeld pr. 31.12.2028"].value, cells["Lånegjeld pr. 31.12.2028"].column_year) == (2_757_700_000, 2028)
    assert cells["Driftsinntekter"].value == 1_212_400_000
    assert cells["Sjukefråvær"].value == 6.5 and cells["Sjukefråvær"].is_percent
    assert cells["Folketal 1.1. 2029"].scale == 1.0  # a count beside amounts in millions keeps its figure


def test_swedish_and_currency_first_lists_and_shares_in_parentheses():
    sv = {(c.row_label, c.is_percent): (c.value, c.column_year) for c in _read(
        "Nettokostnad per verksamhet 2031:\n\nSkola 512,3 mnkr 41 %\nOmsorg 433,0 mnkr 35 %\nÖvrigt 290,2 mnkr 24 %\n").cells}
    assert sv[("Omsorg", False)] == (433_000_000, 2031) and sv[("Övrigt", True)] == (24.0, 2031)
    nn = {c.row_label: c.value for c in _read("Frie inntekter:\n\nSkatt kr 204,3 millionar\nRammetilskot kr 310,9 millionar\n").cells}
    assert nn == {"Skatt": 204_300_000, "Rammetilskot": 310_900_000}
    paren = {(c.row_label, c.is_percent): c.value for c in _read(
        "Driftsutgifter per sektor\n\nOppvekst 412,0 mill. kr (44 %)\nHelse og omsorg 300,1 mill. kr (32 %)\n").cells}
    assert paren == {("Oppvekst", False): 412_000_000, ("Oppvekst", True): 44.0,
                     ("Helse og omsorg", False): 300_100_000, ("Helse og omsorg", True): 32.0}


def test_sentences_and_other_tables_are_no_lists():
    report = _read("Kommunen hadde eit godt år.\n\nVi har 12 tilsette i 2031.\nDei fekk 3 nye bilar.\nDet kom 40 søknader.\n")
    assert not report.cells
    # a row of a year table that prints its unit is the year table's, not a list of its own
    rows = {(c.row_label, c.column_year): c.value for c in _read(
        "Nøkkeltal\n2031 2030\nDriftsinntekter 1 234 1 100\nNetto lånegjeld mill. kr 250 240\nSkatt 300 290\n").cells}
    assert rows[("Skatt", 2030)] == 290 and ("Netto lånegjeld", None) not in rows


def test_multi_year_rows_naming_their_scale_before_or_after_single_spaced_figures():
    before = {(c.row_label, c.column_year): c.value for c in _read(
        "Femårsöversikt\n2031 2030 2029 2028 2027\nÅrets resultat, mnkr 12,3 14,5 -3,2 8,9 10,0\n"
        "Nettokostnad, miljoner kr 1 200,5 1 100,2 1 050,0 990,1 900,9\n").cells}
    assert before[("Årets resultat, mnkr", 2029)] == -3_200_000 and before[("Nettokostnad, miljoner kr", 2027)] == 900_900_000
    assert len(before) == 10
    after = {(c.row_label, c.column_year): (c.value, c.is_percent) for c in _read(
        "Femårsöversikt\n2027 2028 2029 2030 2031\nÅrets resultat 12,3 14,5 -3,2 8,9 10,0 mnkr\n"
        "Nettokostnad 1 200,5 1 100,2 1 050,0 990,1 900,9 miljoner kr\nSoliditet 45 44 43 40 39 procent\n").cells}
    assert after[("Årets resultat", 2031)] == (10_000_000, False)
    assert after[("Nettokostnad", 2028)] == (1_100_200_000, False)
    assert after[("Soliditet", 2027)] == (45.0, True)


def test_a_unit_line_after_a_one_value_per_line_row_scales_that_row():
    cells = {(c.row_label, c.column_year): (c.value, c.is_percent) for c in _read(
        "Femårsöversikt\n2031 2030 2029 2028 2027\nÅrets resultat\n12,3\n14,5\n-3,2\n8,9\n10,0\nmnkr\n"
        "Soliditet\n45\n44\n43\n40\n39\n%\n").cells}
    assert cells[("Årets resultat mnkr", 2029)] == (-3_200_000, False)
    assert cells[("Soliditet %", 2031)] == (45.0, True)
    assert len(cells) == 10


def test_the_same_list_as_text_a_web_page_and_a_word_document():
    import io

    import docx

    lines = ["Årsmelding 2031", "Netto driftsutgifter fordelt på tenesteområde:", "Skule 1 204,5 mill. kr 48,1 %",
             "Helse 655,0 mill. kr 26,2 %", "Kultur 88,3 mill. kr 3,5 %"]

    def key(cells):
        return {(c.row_label, c.column_label, c.value) for c in cells}

    txt = key(_read("\n\n".join(lines) + "\n").cells)
    html = "<html><body><h1>{}</h1><h3>{}</h3>{}</body></html>".format(
        lines[0], lines[1], "".join(f"<p>{t}</p>" for t in lines[2:]))
    web = key(read_cells("side.html", html.encode("utf-8")).cells)
    document = docx.Document()
    for t in lines:
        document.add_paragraph(t)
    buffer = io.BytesIO()
    document.save(buffer)
    word = key(read_cells("side.docx", buffer.getvalue()).cells)
    assert len(txt) == 6 and web == txt and word == txt


def test_a_numbered_heading_heads_a_list_of_two():
    cells = {(c.row_label, c.column_label): c.value for c in _read(
        "3.2 Netto driftsutgifter per sektor:\n\nSkule 12,5 mill. kr\nHelse 10,0 mill. kr\n").cells}
    assert cells == {("Skule", "Netto driftsutgifter mill. kr"): 12_500_000, ("Helse", "Netto driftsutgifter mill. kr"): 10_000_000}
