"""Delimited tables pasted into text files: pipe tables with or without outer pipes, tab-separated lines and
semicolon blocks (invented examples)."""
from __future__ import annotations

from flows.reports.document import read_cells
from flows.reports.layout import read_layout
from flows.reports.layout.delimited import grid_rows


def _cells(text: str, name: str = "plan.txt") -> dict[tuple[str, int | None], list[float]]:
    out: dict[tuple[str, int | None], list[float]] = {}
    for c in read_cells(name, text.encode("utf-8")).cells:
        out.setdefault((c.row_label, c.column_year), []).append(c.value)
    return out


PIPES = "\n".join([
    "Endringer",
    "",
    "Tiltak (i 1000 kroner) | Type | Art | 2031 | 2032 | 2033 |",
    "Basis | Videreført | Drift | -1 200 | -1 200 | -1 200 |",
    "Gebyrøkning | Teknisk | Drift | -40 | -45 | -50 |",
    "Nye lisenser | Politisk | Investering | 300 | 300 | 0 |",
    "Inntekter | -940 | -945 | -1 250 | ||",
    "Basis | Videreført | Drift | 8 100 | 8 100 | 8 100 |",
    "Lønnsvekst 2030 | Teknisk | Drift | 75 | 75 | 75 |",
    "Utgifter | 8 175 | 8 175 | 8 175 | ||",
    "Avdelingen | 7 235 | 7 230 | 6 925 |",
])


def test_a_pipe_table_without_outer_pipes_reads_its_caption_scale_and_year_columns():
    cells = _cells(PIPES)
    assert cells[("Gebyrøkning", 2032)] == [-45_000]
    assert cells[("Nye lisenser", 2033)] == [0]
    # the row label's year is part of its name, the column gives the cell's year
    assert cells[("Lønnsvekst 2030", 2031)] == [75_000]


def test_rows_shifted_left_with_trailing_empty_cells_go_onto_the_year_columns():
    cells = _cells(PIPES)
    assert cells[("Inntekter", 2031)] == [-940_000]
    assert cells[("Inntekter", 2033)] == [-1_250_000]
    assert cells[("Utgifter", 2032)] == [8_175_000]
    assert cells[("Avdelingen", 2033)] == [6_925_000]  # fewer cells, no padding


def test_a_repeated_row_label_keeps_each_row_and_text_columns_are_no_figures():
    cells = _cells(PIPES)
    assert cells[("Basis", 2031)] == [-1_200_000, 8_100_000]
    labels = {c.row_label for c in read_cells("plan.txt", PIPES.encode("utf-8")).cells}
    assert not any("Videreført" in label or "Drift" in label for label in labels)  # attributes, not the label
    excerpts = {c.excerpt for c in read_cells("plan.txt", PIPES.encode("utf-8")).cells if c.row_label == "Gebyrøkning"}
    assert excerpts == {"Gebyrøkning Teknisk Drift -40 -45 -50"}  # ... but kept with the row


def test_a_short_row_whose_figures_do_not_fit_the_columns_gives_no_cells():
    text = "Post | 2031 | 2032 | 2033 |\nSkole | 1 | 2 | 3 |\nHelse | 4 | 5 | 6 |\nDelsum | 9 |\nKultur | 7 | | |\n"
    cells = _cells(text)
    assert cells[("Helse", 2033)] == [6]
    assert not [k for k in cells if k[0] == "Delsum"]
    assert cells[("Kultur", 2031)] == [7]  # printed as wide as the header: its empty cells are where they stand


def test_a_markdown_rule_line_is_dropped_and_a_title_with_one_pipe_is_no_table():
    text = "Årsmelding 2031 | Forsiden\n\n| Nøkkeltall | 2030 | 2031 |\n|---|---:|---:|\n| Elever | 1 210 | 1 198 |\n"
    layout = read_layout("side.txt", text.encode("utf-8"))
    assert [l.text for l in layout.lines if l.segs] == ["Nøkkeltall 2030 2031", "Elever 1 210 1 198"]
    cells = _cells(text)
    assert cells[("Elever", 2031)] == [1198]


def test_semicolon_blocks_are_tables_and_a_sentence_with_semicolons_is_not():
    text = "\n".join([
        "Vi har mange mål; noen nås; andre ikke.",
        "",
        "Område;2030;2031",
        "Skole;412,5;430,0",
        "Helse;1 020,0;1 100,5",
        "Kultur;35,0;33,2",
    ])
    rows, _ = grid_rows(text.split("\n"))
    assert 0 not in rows
    cells = _cells(text)
    assert cells[("Helse", 2031)] == [1100.5]
    assert cells[("Kultur", 2030)] == [35.0]


def test_tab_separated_rows_take_their_columns_from_the_header():
    text = "Tjeneste\t2030\t2031\nSkole\t4 120\t4 300\nHelse\t9 870\t10 020\nSum\t13 990\t14 320\n"
    cells = _cells(text)
    assert cells[("Helse", 2031)] == [10020]
    assert cells[("Sum", 2030)] == [13990]


def test_a_header_without_a_head_over_the_label_column_moves_right_and_a_comment_column_is_no_value_column():
    text = "2030\t2031\nSkole\t4 120\t4 300\nHelse\t9 870\t10 020\n"
    cells = _cells(text)
    assert cells[("Skole", 2030)] == [4120]
    assert cells[("Helse", 2031)] == [10020]
    text = "\n".join(["| Tiltak | 2031 | 2032 | Merknad |", "| Veg | 100 | 200 | ny bru |", "| Bad | 50 | 60 | rehabilitering |",
                      "| Sum | 150 | 260 |"])
    cells = _cells(text)
    assert cells[("Veg", 2032)] == [200]
    assert cells[("Sum", 2031)] == [150]
    assert cells[("Sum", 2032)] == [260]


def test_a_markdown_table_with_two_header_rows_and_a_bold_total_row():
    text = "\n".join(["Driftsregnskap (tall i 1000 kr)", "", "| | Regnskap | Budsjett |", "| | 2030 | 2030 |", "|---|---|---|",
                      "| Skatt på inntekt | 120 500 | 118 000 |", "| Rammetilskudd | 210 400 | 209 000 |",
                      "| **Sum inntekter** | **330 900** | **327 000** |"])
    cells = {(c.row_label, c.column_label): c.value for c in read_cells("regnskap.txt", text.encode("utf-8")).cells}
    assert cells[("Rammetilskudd", "Budsjett 2030")] == 209_000_000
    assert cells[("Sum inntekter", "Regnskap 2030")] == 330_900_000


def test_the_rows_above_a_markdown_rule_are_the_head_even_a_lone_year(tmp_path):
    """"| Eining | 2022 |" over "|---|---|" is the head: its year is the column's, never a figure of a row "Eining"."""
    path = tmp_path / "arsmelding-2022.md"
    path.write_text("# Årsmelding 2022\n\n## Saker\n\n| Eining | 2022 |\n|---|---|\n| Oppvekst | 310 |\n"
                    "| Teknisk drift | 120 |\n", encoding="utf-8")
    cells = [(c.row_label, c.column_year, c.value) for c in read_cells(path).cells]
    assert cells == [("Oppvekst", 2022, 310.0), ("Teknisk drift", 2022, 120.0)]


LONG_HEADS = "\n".join([
    "Resultatet er vist nedenfor.",
    "| Oversigt (mio. kr.) | Oprindeligt budget 2031 | Korrigeret budget 2031 pr. 30. september "
    "| Forventet regnskab 2031 pr. 30. september | Forventet afvigelse til korrigeret budget |",
    "| SKATTEFINANSIERET OMRÅDE | ||||",
    "| Indtægter | ||||",
    "| Skatter | -1.200,5 | -1.210,0 | -1.205,0 | 5,0 |",
    "| Udvalg for drift | 300,0 | 310,0 | 312,5 | 2,5 |",
])


def test_a_pipe_tables_first_row_of_long_words_names_its_columns_over_section_rows():
    """No `|---|` rule marks the head and its cells are long: the first row of words of a pipe table over rows of
    figures is still its head; each cell is one column (not split at its keywords), and its scale counts."""
    got = {(c.row_label, c.column_label): (c.value, c.column_year, c.scenario)
           for c in read_cells("plan.txt", LONG_HEADS.encode("utf-8")).cells}
    assert got[("Skatter", "Oprindeligt budget 2031")] == (-1_200_500_000, 2031, "original_budget")
    assert got[("Udvalg for drift", "Korrigeret budget 2031 pr. 30. september")] == (310_000_000, 2031, "revised_budget")
    assert got[("Udvalg for drift", "Forventet afvigelse til korrigeret budget")][0] == 2_500_000
    assert len([k for k in got if k[0] == "Skatter"]) == 4


def test_a_list_of_attachments_with_codes_is_no_table():
    """"- Samlet overblik BO3", "- Anlæg BO3": a short code in capitals with its number is one word of the item, not
    a label and a figure (each item was a one-cell table row of value 3)."""
    text = "Bilag\n- Samlet overblik BO3\n- BO3 BFU - Drift\n- BO3 KFL - Drift\n- Anlæg BO3\nSagsfremstilling\n"
    assert read_cells("bilag.txt", text.encode("utf-8")).cells == []
