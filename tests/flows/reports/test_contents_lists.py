"""A table of contents is no data: titles each followed by a small rising page number, under "Innhold",
"Innholdsfortegnelse", "Contents" (on the line they were run into, or above them on the page), or five rows and more of
them under no head at all, give no report cell and no prose figure (flows/reports/prose.py `contents_read_as_table`).
A key-figure table beside them keeps its cells. Invented reports."""
from __future__ import annotations

from flows.reports.document import read_cells


def _read(text: str, name: str = "x.txt"):
    found = read_cells(name, text.encode())
    return found.cells, found.figures


ONE_LINE = ("NORDVIK FYLKESKOMMUNE\n\n"
            "Økonomirapport per 1. tertial 2031 INNHOLDSFORTEGNELSE 1 Innledning 1 2 Den økonomiske situasjonen ved "
            "utgangen av 1. tertial 1 3 Skatteinngang og inntektsutjevning Skatteinngang Inntektsutjevning Samlet "
            "vurdering 3 5 Mva-kompensasjon 3 6 Gjeld og renteutgifter 4 7 Likviditet og renteinntekter 5 8 Status for "
            "investeringene 6 9 Hovedtjenestene 8\n\n"
            "Fylkesrådet legger fram rapporten for 1. tertial. Driftsbudsjettet er vedtatt av fylkestinget.\n")


def test_a_contents_list_run_into_one_line_gives_no_cells_and_no_figures():
    cells, figures = _read(ONE_LINE)
    assert not [c for c in cells if c.page == 1 and c.value < 20], [(c.row_label, c.value) for c in cells]
    assert not [f for f in figures if "Mva-kompensasjon" in f.text or "Innledning" in f.text]


BLOCK = """Nordvik kommune årsmelding 2031

Innhold

Rådmannens innledning          3
Økonomisk oversikt             5
Sykefravær                     9
Investeringer                 12

Nøkkeltall

                     2030     2031
Driftsinntekter     812,4    845,2
Lånegjeld           951,7    990,1
Sykefravær (%)        7,2      6,8
"""


def test_a_contents_block_under_its_heading_gives_no_cells_while_the_key_figures_below_keep_theirs():
    cells, _ = _read(BLOCK)
    labels = {c.row_label for c in cells}
    assert not labels & {"Rådmannens innledning", "Økonomisk oversikt", "Investeringer"}
    values = {(c.row_label, c.column_year): c.value for c in cells}
    assert values[("Lånegjeld", 2031)] == 990.1
    assert values[("Sykefravær (%)", 2030)] == 7.2


COUNTS = """Nordvik kommune årsmelding 2031

Tilsette per sektor

                      Antall
Administrasjon            12
Oppvekst                 140
Helse og omsorg          210
"""


def test_a_table_of_rising_counts_under_a_head_is_a_table():
    cells, _ = _read(COUNTS)
    assert {(c.row_label, c.value) for c in cells} >= {("Administrasjon", 12.0), ("Helse og omsorg", 210.0)}
