"""A whole small table flattened into one line keeps the scale its caption, heading or closing words state:
a short line (under the long-line rule) whose words before the first figure name the columns is read as a
table, and "Beløp i 1000 kr" / "Belopp i tkr" / "(mill. kr)" after its last row scales its rows."""
from __future__ import annotations

import pytest

from flows.reports.document import read_cells
from flows.reports.layout.runs import trailing_scale


def _cells(name: str, text: str) -> set[tuple]:
    return {(c.row_label, c.column_year, c.value) for c in read_cells(name, text.encode()).cells}


@pytest.mark.parametrize("text, rows", [
    ("Tekst.\n\nInvesteringer Regnskap 2023 Budsjett 2023 Skolebygg 12 400 11 000 Veier og gater 3 200 3 500 "
     "Sum investeringer 15 600 14 500 Beløp i 1000 kr\n",
     [("Skolebygg", 2023, 12_400_000), ("Sum investeringer", 2023, 15_600_000)]),
    ("Tekst.\n\nInvesteringar Utfall 2023 Budget 2023 Skolor 12 400 11 000 Vägar 3 200 3 500 Summa investeringar "
     "15 600 14 500 Belopp i tkr\n", [("Vägar", 2023, 3_200_000)]),
    ("Tekst.\n\nInvesteringer Regnskap 2023 Budsjett 2023 Skolebygg 12 400 11 000 Veier og gater 3 200 3 500 "
     "Sum investeringer 15 600 14 500 (mill. kr)\n", [("Veier og gater", 2023, 3_200_000_000)]),
])
def test_a_scale_after_the_rows_of_a_one_line_table(text, rows):
    cells = _cells("x.txt", text)
    for row in rows:
        assert row in cells


@pytest.mark.parametrize("text, rows", [
    ("## Investeringer (mill. kr)\n\nProsjektene under er de største.\n\nRegnskap 2023 Budsjett 2023 Skolebygg 12,4 11,0 "
     "Veier og gater 3,2 3,5 Idrettshall 1,1 0,9\n", [("Skolebygg", 2023, 12_400_000), ("Idrettshall", 2023, 1_100_000)]),
    ("Investeringer\nBeløp i 1000 kr\nRegnskap 2023 Budsjett 2023 Skolebygg 12 400 11 000 Veier 3 200 3 500\n",
     [("Veier", 2023, 3_200_000), ("Skolebygg", 2023, 12_400_000)]),
])
def test_a_short_one_line_table_under_its_scaled_caption(text, rows):
    cells = _cells("x.md", text)
    for row in rows:
        assert row in cells


def test_the_unit_of_a_last_figure_is_no_trailing_declaration():
    assert trailing_scale("Lånegjeld 2022 2023 Brutto 812 845 Netto 612 640 mill. kr")[1] == ""
    assert trailing_scale("Brutto 812 845 Netto 612 640 Beløp i 1 000 kr") == ("Brutto 812 845 Netto 612 640", "Beløp i 1 000 kr")
    assert trailing_scale("Brutto 812 845 Netto 612 640 (tkr)")[1] == "(tkr)"


@pytest.mark.parametrize("head, scale", [("NØKKELTALL Tall i mill. kr 2019", 1_000_000), ("Hovedtal (mio. kr.) 2019", 1_000_000),
                                         ("Nøkkeltal Beløp i 1000 kr 2019", 1_000)])
def test_a_scale_declared_before_the_one_year_head_of_a_key_figure_run(head, scale):
    """A key-figure box run into a long paragraph after a contents list: the scale and the one year column stand right
    before the first row ("... Tall i mill. kr 2019 Frie inntekter 845,2 ..."); the abbreviation's dot is no sentence
    end that leaves the scale in the text before the table."""
    text = ("Om oss\n\n1 Årsmelding 2019\n\n2 2 INNHOLD Forord Fakta om kommunen Samferdsel Næring Kultur og folkehelse "
            f"Tannhelse Politikk Arbeidsgiverpolitikk og andre tjenester Økonomi Våre virksomheter {head} Frie inntekter "
            "845,2 Brutto driftsinntekter 1 107,9 Lånegjeld 951,7 Renteutgifter 22,1 Avdrag 18,9 Netto lånegjeld pr. "
            "innbygger i kr Forsidebilde: Ola Nordmann. Utgiver: Rådmannen. Vi har hatt et godt år, og vi takker alle "
            "ansatte for innsatsen. Det er nødvendig å se framover, og vi skal gjøre mer.\n")
    cells = {(label, year): value for label, year, value in _cells("x.txt", text)}
    assert cells[("Lånegjeld", 2019)] == pytest.approx(951.7 * scale)
    assert cells[("Avdrag", 2019)] == pytest.approx(18.9 * scale)
