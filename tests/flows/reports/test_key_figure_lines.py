"""Key figures whose label follows the figure ("146 400 tonn avfall samlet inn", "1 234" / "innbyggjarar") and key
figures with dot leaders ("Antall abonnenter ...... 12 345"), read as rows; contents lists are no key figures
(invented texts in bokmål, nynorsk, Swedish and English)."""
from __future__ import annotations

from flows.reports.document import read_cells


def _cells(name: str, text: str) -> dict[str, float]:
    return {c.row_label: c.value for c in read_cells(name, text.encode("utf-8")).cells}


def test_figure_first_lines_become_rows():
    cells = _cells("nb.txt", "Årsrapport 2022\n\nÅret i tall\n\n146 400 tonn avfall samlet inn\n58 ansatte\n"
                             "98 % fornøyde kunder\n12,3 mill. kr i driftsinntekter\n\nVi fortsetter arbeidet i 2023.\n")
    assert cells["tonn avfall samlet inn"] == 146400
    assert cells["ansatte"] == 58
    assert cells["fornøyde kunder"] == 98
    assert cells["driftsinntekter"] == 12_300_000


def test_figure_on_its_line_and_label_below_nynorsk():
    cells = _cells("nn.txt", "Årsmelding 2022\n\nNøkkeltal\n\n1 234\ninnbyggjarar\n46,5\nårsverk\n87 %\n"
                             "svarte på undersøkinga\n4 500 tonn\nmatavfall\n\nVi held fram.\n")
    assert cells == {"innbyggjarar": 1234, "årsverk": 46.5, "svarte på undersøkinga": 87, "tonn matavfall": 4500}


def test_label_first_rows_are_not_read_figure_first():
    cells = _cells("nb.txt", "Årsrapport 2022\n\nSkole\n412\nBarnehage\n210\nSFO\n98\n")
    assert "Barnehage" not in cells or cells["Barnehage"] == 210
    assert cells.get("Skole") != 210 and cells.get("Barnehage") != 98


def test_numbered_headings_and_a_lone_line_are_no_key_figures():
    cells = _cells("nb.txt", "Årsrapport 2022\n\n3 Økonomi\n4 Personal\n\n58 ansatte\n\nTeksten går videre her.\n")
    assert cells == {}


def test_dot_leaders_swedish_and_english():
    cells = _cells("sv.txt", "Årsredovisning 2022\n\nNyckeltal\nAntal invånare .......... 12 345\n"
                             "Nettokostnad (mnkr) .......... 98,6\nSjukfrånvaro (%) ...... 6,2\nÅrsarbetare ___ 45,5\n")
    assert cells["Antal invånare"] == 12345
    assert cells["Nettokostnad"] == 98_600_000
    assert cells["Sjukfrånvaro"] == 6.2 and cells["Årsarbetare"] == 45.5
    en = _cells("en.txt", "Annual report 2022\n\nResidents ........ 5 432\nEmployees ........ 312\n")
    assert en == {"Residents": 5432, "Employees": 312}


def test_contents_with_leaders_are_no_figures():
    rep = read_cells("nn.txt", "Årsmelding 2022\n\nInnhald\nInnleiing .......... 3\nØkonomi .......... 7\n"
                               "Sjukefråvær .......... 18\nNoter ..... 26\n".encode("utf-8"))
    assert rep.cells == []
    assert not any(f.value in (3, 7, 18, 26) for f in rep.figures)


def test_a_wrapped_paragraph_whose_lines_start_with_figures_is_prose():
    text = ("Årsrapport 2022\n\nKommunen hadde et godt år med mange nye tilbud til innbyggerne, og vi fikk\n"
            "12 nye ansatte i helse\n3 nye barnehager i sentrum\nsom ble åpnet i løpet av høsten.\n\n"
            "Vi fikk\n12 nye ansatte og\n3 nye barnehager ble\nåpnet.\n")
    assert read_cells("nb.txt", text.encode("utf-8")).cells == []
