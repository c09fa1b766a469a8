"""Rows where a minus sign is the only break between two cells (invented examples)."""
from __future__ import annotations

from flows.reports.layout import read_layout
from flows.reports.layout.headers import columns_from_text
from flows.reports.layout.minus_cells import breaks_at_minus, settle_rows


def _cells(text: str) -> tuple[dict[tuple[str, str], str], list[str]]:
    layout = read_layout("tabell.txt", text.encode("utf-8"))
    cells = {(r.label, t.columns[c].label): v for t in layout.tables for r in t.rows for c, v in r.values}
    return cells, layout.warnings


def test_a_minus_right_after_a_figure_starts_the_next_cell_even_twice_in_one_word():
    cells, _ = _cells("\n".join([
        "Tall i mill. kr", "",
        "Område Budsjett 2031 Regnskap 2031 Avvik Avvik i %",
        "Kultur og fritid 30,5 28,1 2,4 7,9 %",
        "Pleie og rehab 14,8 16,2-1,4-9,5 %",
        "Vann og avløp 40,0 41,5-1,5-3,8 %",
    ]))
    assert [cells[("Pleie og rehab", h)] for h in ("Budsjett 2031", "Regnskap 2031", "Avvik", "Avvik i %")] \
        == ["14,8", "16,2", "-1,4", "-9,5%"]
    assert cells[("Vann og avløp", "Avvik")] == "-1,5"


def test_spaced_rows_with_glued_minus_signs_are_no_run_together_table_and_keep_their_thousands():
    # Swedish heads, "Avvikelse %" one column; the minus is the only break, spaces still group thousands
    cells, warnings = _cells("\n".join([
        "tkr", "",
        "Verksamhet Budget 2030 Utfall 2030 Avvikelse Avvikelse %",
        "Förskola 212 300 214 600-2 300-1,1",
        "Fritid 98 450 95 900 2 550 2,6",
        "Äldreomsorg 310 120 323 740-13 620-4,4",
    ]))
    assert cells[("Förskola", "Budget 2030")] == "212 300"
    assert cells[("Förskola", "Utfall 2030")] == "214 600"
    assert cells[("Äldreomsorg", "Avvikelse")] == "-13 620"
    assert cells[("Äldreomsorg", "Avvikelse %")] == "-4,4"
    assert not any("run together" in w for w in warnings)


def test_a_row_one_cell_short_takes_the_columns_its_arithmetic_proves():
    # "312 450-12 300-3,9" under four heads: only budget 312 450 with variance -12 300 gives -3,9 %
    cells, _ = _cells("\n".join([
        "Beløp i 1 000 kr", "",
        "Prosjekt Budsjett Regnskap Avvik Avvik %",
        "Ny skole 312 450-12 300-3,9",
        "Gatelys 45 000 41 200 3 800 8,4",
        "Kaianlegg 80 100 83 300-3 200-4,0",
    ]))
    assert {h: v for (row, h), v in cells.items() if row == "Ny skole"} \
        == {"Budsjett": "312 450", "Avvik": "-12 300", "Avvik %": "-3,9"}
    assert cells[("Kaianlegg", "Regnskap")] == "83 300"


def test_a_short_row_the_arithmetic_cannot_place_keeps_only_the_agreed_cells_and_warns():
    # a change in percent of either year: which year's amount the short row prints, the arithmetic cannot tell
    columns = columns_from_text(["Regnskap 2030 Regnskap 2029 Endring Endring %"])
    rows = {1: ("500 400 100 25,0", ["500", "400", "100", "25,0"]),
            2: ("1 000-50-5,0", ["1", "000", "-50", "-5,0"])}
    settled = settle_rows(columns, rows)
    assert 1 not in settled
    assert settled[2] == (["", "", "-50", "-5,0"], True)
    cells, warnings = _cells("\n".join(["Nøkkeltall", "", "Tjeneste Regnskap 2030 Regnskap 2029 Endring Endring %",
                                        "Skyss 500 400 100 25,0", "Renovasjon 1 000-50-5,0", "Feiing 200 250-50-20,0"]))
    assert {h: v for (row, h), v in cells.items() if row == "Renovasjon"} == {"Endring": "-50", "Endring %": "-5,0"}
    assert cells[("Feiing", "Regnskap 2029")] == "250"
    assert any("page 1 line 5" in w and "agrees on" in w for w in warnings)


def test_a_check_the_table_does_not_bear_out_is_not_used():
    # "Avvik" here is no difference of the two columns before it: rows reading one way break it, so it decides nothing
    columns = columns_from_text(["Regnskap 2030 Regnskap 2029 Avvik"])
    rows = {1: ("500 400 20", ["500", "400", "20"]), 2: ("300 250 10", ["300", "250", "10"]),
            3: ("120 130-4", ["120", "130", "-4"])}
    assert settle_rows(columns, rows) == {}


def test_only_a_minus_after_a_figure_breaks_a_cell():
    assert breaks_at_minus("13,4-1,4")
    assert breaks_at_minus("2,3%-1,4%")
    assert not breaks_at_minus("- 1 400 -1,4")
    assert not breaks_at_minus("1 400  -12")  # gaps separate the cells already


def test_a_minus_right_after_a_percent_sign_starts_the_next_cell():
    cells, warnings = _cells("\n".join([
        "Nøkkeltall", "", "Område Andel 2030 Andel 2031 Endring",
        "Skule 12,5% 11,0%-1,5", "Kyrkje 5,0% 6,0% 1,0", "Veg 8,0% 4,5%-3,5"]))
    assert [cells[("Skule", h)] for h in ("Andel 2030", "Andel 2031", "Endring")] == ["12,5%", "11,0%", "-1,5"]
    assert cells[("Veg", "Endring")] == "-3,5"
    assert not any("not split" in w for w in warnings)


def test_a_row_with_no_space_between_its_figures_is_still_read_as_run_together():
    # label and every cell glued, minus signs the only marks between them (web extraction of a forecast table)
    cells, _ = _cells("\n".join([
        "Mnkr", "",
        "Nämnd Bokslut Prognos Differens",
        "Kulturnämnd-14-9-5",
        "Fritidsnämnd-22-20-2",
        "Tekniska nämnden0-44",
        "Hemtjänst (50 %)-51-40-11",
        "Miljönämnd-7-4-3",
    ]))
    assert cells[("Kulturnämnd", "Bokslut")] == "-14"
    assert cells[("Kulturnämnd", "Prognos")] == "-9"
    assert cells[("Kulturnämnd", "Differens")] == "-5"
    assert cells[("Fritidsnämnd", "Differens")] == "-2"
    assert [cells[("Tekniska nämnden", h)] for h in ("Bokslut", "Prognos", "Differens")] == ["0", "-4", "4"]


def test_a_period_line_of_dates_above_a_table_is_no_row_of_figures():
    text = "\n".join([
        "Tabellen visar belopp i tusentals kronor, tkr.", "",
        "RESULTAT",
        "2030-01-01 – 2030-12-31",
        "Not KONCERN KOMMUN",
        "2030 2029 2030 2029", "",
        "Årets resultat 14 713 16 585 13 417 12 837",
        "Justering för avskrivningar 18 458 19 945 16 083 15 622",
        "Medel från verksamheten 33 171 36 530 29 500 28 459",
    ])
    layout = read_layout("tabell.txt", text.encode("utf-8"))
    labels = [r.label for t in layout.tables for r in t.rows]
    assert not any("RESULTAT" in label or "2030-01-01" in label for label in labels)
    cells, _ = _cells(text)
    assert ("Årets resultat", "2030") in {(r, c.split()[-1]) for r, c in cells}
