"""One block of "Label value" lines per entity, repeated with the same labels, read as one table whose rows
are the entities (invented examples)."""
from __future__ import annotations

from flows.reports.document import read_cells

SCHOOLS = "\n".join([
    "Skolene i kretsen",
    "",
    "Nordby skole",
    "",
    "Elever 312",
    "Lærerårsverk 28,5",
    "Areal 4 200 m²",
    "",
    "Sørby skole (kun barnetrinn)",
    "",
    "Elever 145",
    "Areal 1 900 m²",
    "",
    "Vestby skole",
    "",
    "Elever 1 020",
    "Lærerårsverk 81,0",
    "Areal 9 950 m²",
    "",
    "I alt:",
    "",
    "Elever: 1477 / Lærerårsverk: 109,5 / Skoler: 3",
])


def _cells(text: str) -> dict[tuple[str, str], float]:
    return {(c.row_label, c.column_label): c.value for c in read_cells("skoler.txt", text.encode("utf-8")).cells}


def test_blocks_per_entity_become_rows_with_the_labels_as_columns():
    cells = _cells(SCHOOLS)
    assert cells[("Nordby skole", "Elever")] == 312
    assert cells[("Vestby skole", "Elever")] == 1020
    assert cells[("Vestby skole", "Lærerårsverk")] == 81.0
    assert cells[("Sørby skole (kun barnetrinn)", "Areal (m²)")] == 1900  # the unit names the column
    assert not [k for k in cells if k[0] == "Sørby skole (kun barnetrinn)" and k[1] == "Lærerårsverk"]


def test_a_titled_line_of_label_value_pairs_is_a_row_of_its_own():
    cells = _cells(SCHOOLS)
    assert cells[("I alt", "Elever")] == 1477
    assert cells[("I alt", "Lærerårsverk")] == 109.5
    assert cells[("I alt", "Skoler")] == 3


def test_the_field_lines_are_no_prose_figures():
    report = read_cells("skoler.txt", SCHOOLS.encode("utf-8"))
    assert not [f for f in report.figures if f.value in (312, 4200, 1020)]


def test_two_blocks_or_blocks_with_other_labels_stay_as_they_are():
    two = "\n".join(["Nordby skole", "Elever 312", "Areal 4 200", "", "Sørby skole", "Elever 145", "Areal 1 900"])
    assert not [c for c in read_cells("to.txt", two.encode("utf-8")).cells if c.row_label == "Nordby skole"]
    other = "\n".join(["Nordby skole", "Elever 312", "Areal 4 200", "", "Sørby skole", "Elever 145", "Bygg 2", "",
                       "Vestby skole", "Lærere 12", "Areal 1 900"])
    assert not [c for c in read_cells("ulike.txt", other.encode("utf-8")).cells
                if c.row_label in ("Nordby skole", "Sørby skole", "Vestby skole")]


def test_a_field_without_a_figure_does_not_break_the_block():
    text = "\n".join(["Nordby skole", "Rektor: Kari Li", "Elever 312", "Areal 4 200", "", "Sørby skole", "Rektor: Per Ås",
                      "Elever 145", "Areal 1 900", "", "Vestby skole", "Rektor: Ola By", "Elever 98", "Areal 700"])
    cells = _cells(text)
    assert cells[("Sørby skole", "Elever")] == 145
    assert cells[("Vestby skole", "Areal")] == 700


def test_a_scale_printed_after_every_figure_of_a_label_scales_its_column():
    text = "\n".join(["Nordby kraft", "Omsetning 12,5 mill. kr", "Ansatte 40", "", "Sørby kraft", "Omsetning 8,1 mill. kr",
                      "Ansatte 22", "", "Vestby kraft", "Omsetning 30 mill. kr", "Ansatte 95"])
    cells = _cells(text)
    assert cells[("Sørby kraft", "Omsetning (mill. kr)")] == 8_100_000
    assert cells[("Vestby kraft", "Ansatte")] == 95
