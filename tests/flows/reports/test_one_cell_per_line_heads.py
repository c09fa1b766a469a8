"""Tables a web extraction printed one cell per line: the head's cells are found by the table's period (as many short
lines above the rows as the rows print figures), and rows labelled by years are rows, not figures (invented texts in
bokmål, nynorsk, Swedish and English)."""
from __future__ import annotations

from flows.reports.document import read_cells


def _cells(name: str, text: str) -> dict[tuple[str, str], float]:
    return {(c.row_label, c.column_label): c.value for c in read_cells(name, text.encode("utf-8")).cells}


def _lines(*parts: str) -> str:
    return "\n".join(parts) + "\n"


def test_head_cells_of_any_words_are_named_by_count_english():
    text = _lines("Annual report 2023", "", "Key figures", "", "Service area", "Accounts 2023", "Budget 2023",
                  "Deviation", "Percent used", "Health and care", "120 400", "118 000", "-2 400", "102,0 %",
                  "Schools", "98 200", "99 500", "1 300", "98,7 %", "", "The text goes on here.")
    cells = _cells("en.txt", text)
    assert cells[("Health and care", "Deviation")] == -2400
    assert cells[("Schools", "Percent used")] == 98.7
    assert cells[("Schools", "Budget 2023")] == 99500


def test_head_cells_named_by_count_bokmal_with_caption_and_corner():
    text = _lines("Årsrapport 2023", "", "Nøkkeltall for skolene", "", "Skole", "Elever 2022", "Elever 2023",
                  "Lærerårsverk", "Nordby skole", "412", "398", "35,2", "Sørby skole", "210", "225", "18,4", "",
                  "Teksten fortsetter her med en vanlig setning.")
    cells = _cells("nb.txt", text)
    assert cells[("Nordby skole", "Lærerårsverk")] == 35.2
    assert cells[("Sørby skole", "Elever 2022")] == 210
    assert ("Nordby skole", "") not in cells


def test_swedish_rows_with_dashes_keep_their_columns():
    text = _lines("Årsredovisning 2022", "", "Nämnd", "Budget 2022", "Utfall 2022", "Avvikelse", "Kommunstyrelse",
                  "12 400", "12 100", "300", "Barn och utbildning", "45 000", "46 200", "-1 200", "Ny nämnd", "–",
                  "1 500", "–")
    cells = _cells("sv.txt", text)
    assert cells[("Barn och utbildning", "Avvikelse")] == -1200
    assert cells[("Ny nämnd", "Utfall 2022")] == 1500
    assert ("Ny nämnd", "Budget 2022") not in cells


def test_rows_labelled_by_years_one_cell_per_line_nynorsk():
    text = _lines("Årsmelding 2022", "", "Utvikling", "", "År", "Innbyggjarar", "Årsverk", "Sjukefråvær",
                  "2020", "5 432", "312,4", "6,1 %", "2021", "5 501", "318,0", "5,8 %", "2022", "5 560", "320,2", "6,4 %",
                  "", "Teksten held fram her.")
    got = read_cells("nn.txt", text.encode("utf-8")).cells
    cells = {(c.row_label, c.column_label): c for c in got}
    assert cells[("2021", "Årsverk")].value == 318.0
    assert cells[("2022", "Sjukefråvær")].value == 6.4
    assert cells[("2020", "Innbyggjarar")].column_year == 2020
    assert not any(c.value in (2020, 2021, 2022) for c in got)  # the years label rows; they are no figures


def test_rows_labelled_by_years_in_an_html_table_and_in_gapped_text():
    html = ("<html><body><h2>Development</h2><table><tr><th>Year</th><th>Residents</th><th>FTEs</th></tr>"
            "<tr><td>2020</td><td>5 432</td><td>312,4</td></tr><tr><td>2021</td><td>5 501</td><td>318,0</td></tr>"
            "</table></body></html>")
    cells = {(c.row_label, c.column_label): c.value for c in read_cells("en.html", html.encode("utf-8")).cells}
    assert cells[("2021", "FTEs")] == 318.0
    text = _lines("Årsmelding 2022", "", "År  Innbyggjarar  Årsverk", "2020  5 432  312,4", "2021  5 501  318,0")
    assert _cells("nn.txt", text)[("2020", "Innbyggjarar")] == 5432


def test_a_year_column_that_is_no_label_column_stays_a_column():
    text = _lines("Årsrapport 2022", "", "Tjeneste  2021  2022", "Skole  412  398", "Barnehage  210  225")
    cells = _cells("nb.txt", text)
    assert cells[("Skole", "2022")] == 398


def test_section_labels_of_a_statement_are_no_head_by_count():
    """A balance sheet one cell per line: its year head stays the head through two section labels under it
    ("Anleggsmidler" / "Immaterielle eiendeler") and through two more after a sum row ("Omløpsmidler" /
    "Fordringer"); a one-word label-column head above the years ("Eiendeler") is no name paired with a year."""
    text = _lines("Balanse", "", "Eiendeler", "", "2031", "", "2030", "", "Anleggsmidler", "", "Immaterielle eiendeler",
                  "", "Programvare", "", "5 075 940", "", "6 744 996", "", "Sum anleggsmidler", "", "5 075 940", "",
                  "6 744 996", "", " ", "", "Omløpsmidler", "", "Fordringer", "", "Kundefordringer", "", "65 461", "",
                  "69 375", "", "Sum omløpsmidler", "", "65 461", "", "69 375", "", "Sum eiendeler", "", "5 141 401",
                  "", "6 814 371")
    got = read_cells("nb.txt", text.encode("utf-8")).cells
    years = {(c.row_label, c.column_year): c.value for c in got}
    assert years[("Programvare", 2031)] == 5075940
    assert years[("Programvare", 2030)] == 6744996
    assert years[("Kundefordringer", 2031)] == 65461
    assert years[("Sum eiendeler", 2030)] == 6814371
    assert {c.column_label for c in got} == {"2031", "2030"}


def test_a_title_in_capitals_among_the_heads_and_signed_changes():
    """The head cells one per line with a title in capitals over some of them ("KUNDAR PR. 31.12.2031" between
    "Innbyggjarar" and "Hushald."), a head cut with a period, and changes printed with their sign ("+ 41", "- 12",
    "+3"): the rows' five figures under the five heads, the title no column."""
    text = _lines("Årsmelding 2031", "", "Eigarkommunane", "", "Innbyggjarar", "", "KUNDAR PR. 31.12.2031", "",
                  "Endring siste år", "", "Hushald.", "", "Hytter", "", "Verksemder", "",
                  "Nordvik", "", "6 410", "", "+ 41", "", "2 730", "", "412", "", "96", "",
                  "Sørvik", "", "2 115", "", "- 12", "", "905", "", "1 020", "", "33", "",
                  "Austvik", "", "3 002", "", "+3", "", "1 310", "", "0", "", "51", "",
                  "", "Teksten held fram med ei vanleg setning.")
    cells = _cells("nn.txt", text)
    assert cells[("Nordvik", "Endring siste år")] == 41
    assert cells[("Sørvik", "Endring siste år")] == -12
    assert cells[("Austvik", "Hushald.")] == 1310
    assert cells[("Nordvik", "Innbyggjarar")] == 6410
    assert cells[("Sørvik", "Verksemder")] == 33
    assert not any(column.startswith("KUNDAR") for _, column in cells)
