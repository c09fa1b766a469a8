"""Column heads and their assignment to values: periods of years, stacked heads, derived columns checked by
arithmetic, and tables whose scale a sibling table decided. Invented examples."""
from __future__ import annotations

from pathlib import Path

import pytest

from flows.reports.document import read_cells
from flows.reports.layout.headers import columns_from_text


def _cells(tmp_path: Path, lines: list[str], name: str = "plan.txt"):
    path = tmp_path / name
    path.write_text("\n".join(lines), encoding="utf-8")
    return read_cells(path)


def _grid(report) -> dict[tuple[str, str], float]:
    return {(c.row_label, c.column_label): c.value for c in report.cells}


@pytest.mark.parametrize("header, expected", [
    (["Regnskap 2023 Regnskap 2022 Endring 2022-2023"],
     [("Regnskap 2023", 2023, "actual"), ("Regnskap 2022", 2022, "actual"), ("Endring 2022-2023", 2023, "variance")]),
    (["Note Regnskap 2023 Regnskap 2022 Endring 2022 – 2023"],
     [("Note", None, "note"), ("Regnskap 2023", 2023, "actual"), ("Regnskap 2022", 2022, "actual"),
      ("Endring 2022 – 2023", 2023, "variance")]),
    (["Regnskap 2023 Regnskap 2022 Endring 2022/2023 Endring i %"],
     [("Regnskap 2023", 2023, "actual"), ("Regnskap 2022", 2022, "actual"), ("Endring 2022/2023", 2023, "variance"),
      ("Endring i %", None, "variance_pct")]),
    (["Snitt 2019-2022 Regnskap 2023"], [("Snitt 2019-2022", 2022, "other"), ("Regnskap 2023", 2023, "actual")]),
])
def test_a_period_of_years_names_one_column(header, expected):
    assert [(c.label, c.year, c.scenario) for c in columns_from_text(header)] == expected


def test_a_change_column_over_a_period_keeps_the_values_in_their_columns(tmp_path):
    report = _cells(tmp_path, ["(i 1000 kr)", "Regnskap 2023 Regnskap 2022 Endring 2022-2023",
                               "Salgsinntekter 4 512 880 4 301 220 211 660", "Lønnsutgifter 2 100 300 2 050 100 50 200"])
    grid = _grid(report)
    assert grid[("Salgsinntekter", "Endring 2022-2023")] == 211_660_000
    assert grid[("Lønnsutgifter", "Regnskap 2022")] == 2_050_100_000
    assert len(report.cells) == 6


def test_a_variance_column_decides_where_spaced_figures_split(tmp_path):
    # "212 450 -36 212 486 19 870": -36 | 212 486 or -36 212 | 486? Avvik = Regnskap - Budsjett settles it
    report = _cells(tmp_path, ["Beløp i 1000 kr", "Regnskap 2023 Budsjett 2023 Avvik Regnskap 2022",
                               "Driftsinntekter 1 204 330 1 180 000 24 330 1 150 220",
                               "Netto resultat 212 450 -36 212 486 19 870",
                               "Overført 2 500 012 2 480 000 20 012 2 301 555"])
    grid = _grid(report)
    assert grid[("Netto resultat", "Budsjett 2023")] == -36_000
    assert grid[("Netto resultat", "Avvik")] == 212_486_000
    assert grid[("Netto resultat", "Regnskap 2022")] == 19_870_000
    assert grid[("Overført", "Regnskap 2023")] == 2_500_012_000, "a leading '2' is no note number here"


@pytest.mark.parametrize("header, expected", [
    (["Regnskap Budsjett", "2022 2022"], [("Regnskap 2022", 2022, "actual"), ("Budsjett 2022", 2022, "budget")]),
    (["Regnskap Budsjett 2022 2022"], [("Regnskap 2022", 2022, "actual"), ("Budsjett 2022", 2022, "budget")]),
    (["Revidert 2023 Budsjett 2024 Økonomiplan", "2025 2026 2027"],
     [("Revidert 2023", 2023, "revised_budget"), ("Budsjett 2024", 2024, "budget"), ("Økonomiplan 2025", 2025, "budget"),
      ("Økonomiplan 2026", 2026, "budget"), ("Økonomiplan 2027", 2027, "budget")]),
    (["Revidert 2023 Budsjett 2024 Økonomiplan 2025 2026 2027"],
     [("Revidert 2023", 2023, "revised_budget"), ("Budsjett 2024", 2024, "budget"), ("Økonomiplan 2025", 2025, "budget"),
      ("Økonomiplan 2026", 2026, "budget"), ("Økonomiplan 2027", 2027, "budget")]),
    (["Regnskap Budsjett Avvik 2. kvartal 2. kvartal 2. kvartal"],
     [("Regnskap 2. kvartal", None, "actual"), ("Budsjett 2. kvartal", None, "budget"), ("Avvik 2. kvartal", None, "variance")]),
    (["Regnskap Budsjett Regnskap i fjor", "2024 2024 2023"],
     [("Regnskap 2024", 2024, "actual"), ("Budsjett 2024", 2024, "budget"), ("Regnskap i fjor 2023", 2023, "prior_year")]),
    (["Opprinnelig budsjett Revidert budsjett Regnskap Avvik", "2024 2024 2024"],
     [("Opprinnelig budsjett 2024", 2024, "original_budget"), ("Revidert budsjett 2024", 2024, "revised_budget"),
      ("Regnskap 2024", 2024, "actual"), ("Avvik", None, "variance")]),
    (["Regnskap Budsjett Avvik Avvik i %", "2024 2024"],
     [("Regnskap 2024", 2024, "actual"), ("Budsjett 2024", 2024, "budget"), ("Avvik", None, "variance"),
      ("Avvik i %", None, "variance_pct")]),
    (["Regnskap Budsjett Regnskap", "Tjenesteområde 2024 2024 2023"],
     [("Regnskap 2024", 2024, "actual"), ("Budsjett 2024", 2024, "budget"), ("Regnskap 2023", 2023, "actual")]),
    # the nynorsk 1A forms' "Registrert budsjett" is the revised budget, a column of its own
    (["Rekneskap Oppr. budsjett Registrert budsjett Rekneskap i fjor"],
     [("Rekneskap", None, "actual"), ("Oppr. budsjett", None, "original_budget"),
      ("Registrert budsjett", None, "revised_budget"), ("Rekneskap i fjor", None, "prior_year")]),
    # word-year pairs stay as they were; a lone year after a last head is its own
    (["Regnskap 2021 Budsjett 2022 Budsjett 2023"],
     [("Regnskap 2021", 2021, "actual"), ("Budsjett 2022", 2022, "budget"), ("Budsjett 2023", 2023, "budget")]),
])
def test_stacked_heads_are_combined_column_by_column(header, expected):
    assert [(c.label, c.year, c.scenario) for c in columns_from_text(header)] == expected


def test_stacked_heads_by_count_are_pure():
    from flows.reports.layout.stacked_heads import combine, lower_parts

    assert lower_parts("1. halvår 1. halvår") == ["1. halvår", "1. halvår"]
    assert lower_parts("2021-2022 2023") == ["2021-2022", "2023"]
    assert lower_parts("Kvinner Menn Budsjett") is None, "a scenario word is an upper head, not a lower part"
    assert combine("Regnskap Budsjett Regnskap i fjor", ["2024", "2024"]) is None, "two parts over three amount heads: unknown"


def test_a_statement_flattened_onto_one_line_under_stacked_heads(tmp_path):
    rows = ("Salgsinntekter 2 311 405 2 250 000 2 198 774 Refusjoner 1 304 990 0 1 100 250 Andre inntekter 0 0 0 "
            "Sum inntekter 3 616 395 2 250 000 3 299 024 Utgifter: Lønn 9 800 431 9 650 000 9 410 876 "
            "Kjøp av tjenester 522 118 600 000 498 003 Sum utgifter 10 322 549 10 250 000 9 908 879")
    report = _cells(tmp_path, ["Kvartalsrapport", "",
                               f"Driftsoversikt Regnskap Budsjett Regnskap i fjor 2. kvartal 2. kvartal 2. kvartal "
                               f"Inntekter: {rows}"])
    grid = _grid(report)
    assert grid[("Salgsinntekter", "Regnskap 2. kvartal")] == 2_311_405
    assert grid[("Refusjoner", "Budsjett 2. kvartal")] == 0
    assert grid[("Refusjoner", "Regnskap i fjor 2. kvartal")] == 1_100_250
    assert grid[("Andre inntekter", "Regnskap i fjor 2. kvartal")] == 0
    assert grid[("Lønn", "Budsjett 2. kvartal")] == 9_650_000
    assert {c.column_label for c in report.cells} == {"Regnskap 2. kvartal", "Budsjett 2. kvartal", "Regnskap i fjor 2. kvartal"}
    assert len(report.cells) == 21


FORM_HEAD = "Budsjett 2024 Budsjett 2025 Budsjett 2026"
FORM_A = ["Skjema A - Inntekter", "", FORM_HEAD, "Rammetilskudd -312 450 -315 000 -318 200",
          "Skatt på inntekt og formue -250 100 -255 000 -260 000", "Sum til fordeling 540 220 548 000 560 100", ""]


def test_a_form_without_scale_takes_the_scale_its_sibling_form_showed(tmp_path):
    report = _cells(tmp_path, FORM_A + ["Skjema B - Rammeområder", "", FORM_HEAD, "Oppvekst 210 330 212 000 215 000",
                                        "Helse og omsorg 250 880 255 000 260 100", "Teknisk drift 79 010 81 000 85 000"])
    b = [c for c in report.cells if c.row_label == "Oppvekst"]
    assert [c.value for c in b] == [210_330_000, 212_000_000, 215_000_000]
    assert all(c.scale_method.startswith("inferred: same columns as table 1") for c in b)


@pytest.mark.parametrize("form_b", [
    # other columns: nothing says the same unit
    ["Skjema B - Rammeområder", "", "Regnskap 2023 Budsjett 2024", "Oppvekst 210 330 212 000", "Teknisk drift 79 010 81 000"],
    # figures larger than anything in the form the scale came from: another quantity, not its parts
    ["Skjema B - Eiendom", "", FORM_HEAD, "Takst 1 210 330 1 212 000 1 215 000", "Areal 979 010 981 000 985 000"],
])
def test_no_scale_is_carried_to_a_table_of_another_kind(tmp_path, form_b):
    report = _cells(tmp_path, FORM_A + form_b)
    b = [c for c in report.cells if c.table_number == 2]
    assert b and {c.scale for c in b} == {1.0}


def test_a_row_short_of_figures_is_not_cut_into_thousands_groups(tmp_path):
    report = _cells(tmp_path, ["Beløp i 1000 kr", "Regnskap 2023 Budsjett 2023 Budsjett 2024 Budsjett 2025",
                               "Lønn 41 220 42 000 43 100 44 000", "Kjøp 12 930 13 000 13 400 13 900",
                               "Overføringer -7 310 -7 310 -7"])
    short = [c for c in report.cells if c.row_label == "Overføringer"]
    assert -7_000 not in {c.value for c in short if c.column_label}, "no '-7' under a named column"
    assert sorted(c.value for c in short) == [-7_310_000, -7_310_000, -7_000]


def test_note_numbers_between_label_and_figures(tmp_path):
    report = _cells(tmp_path, ["(i 1000 kr)", "Note Regnskap 2023 Budsjett 2023 Regnskap 2022",
                               "Salgsinntekter 3 512 880 501 000 497 120", "Refusjoner 212 330 208 000 199 870",
                               "Brukerbetalinger 145 900 150 000 139 004",
                               "Skatt på inntekt 1 550 411 1 544 200 1 606 410",
                               "Lønnsutgifter 1,15 1 467 250 1 488 051 1 435 194"])
    grid = _grid(report)
    assert grid[("Salgsinntekter", "Regnskap 2023")] == 512_880_000, "a note number before 6-digit figures"
    assert grid[("Skatt på inntekt", "Regnskap 2023")] == 1_550_411_000, "a row of 7-digit figures, no note '1'"
    assert grid[("Lønnsutgifter", "Regnskap 2023")] == 1_467_250_000, "'1,15' lists notes 1 and 15"
    assert grid[("Lønnsutgifter", "Regnskap 2022")] == 1_435_194_000
    assert len(report.cells) == 15


def test_one_word_heads_over_as_many_lower_words_pair_in_order():
    cols = columns_from_text(["Regnskap Bud(rev) Avvik %- Budsjett Regnskap", "2024 2024 kr forbruk 2024 2023"])
    assert [(c.label, c.year, c.scenario) for c in cols] == [
        ("Regnskap 2024", 2024, "actual"), ("Bud(rev) 2024", 2024, "other"), ("Avvik kr", None, "variance"),
        ("%- forbruk", None, "variance_pct"), ("Budsjett 2024", 2024, "budget"), ("Regnskap 2023", 2023, "actual")]
    # a head of two words ("Justert budsjett") breaks the one-to-one count: not paired word by word
    assert [c.label for c in columns_from_text(["Justert budsjett Regnskap", "2024 2024 2023"])] != \
        ["Justert 2024", "budsjett 2024", "Regnskap 2023"]


STATEMENT = ["Økonomisk oversikt drift", "Beløp i 1000 kr", "Regnskap 2024 Budsjett 2024",
             "Rammetilskudd 310 220 305 000", "Sum driftsinntekter 702 310 690 000", "Sum driftsutgifter 688 120 680 000", ""]


def test_a_declared_thousands_scale_the_document_contradicts_is_read_as_kroner(tmp_path):
    # 'Alle tal i heile 1 000' kept above a table printed in kroner: 21 987 918 thousand would be 31 times the
    # organisation's whole operating income
    report = _cells(tmp_path, STATEMENT + ["Alle tal i heile 1 000", "", "Netto driftsutgifter per område", "",
                                           "Regnskap 2024 Budsjett 2024", "1 Oppvekst 21 987 918 21 984 287",
                                           "2 Politikk 4 484 224 4 640 339"])
    area = [c for c in report.cells if c.row_label == "Oppvekst"]
    assert [c.value for c in area] == [21_987_918, 21_984_287]
    assert all(c.scale_method.startswith("inferred: declared") and "Sum driftsinntekter" in c.scale_method for c in area)
    total = next(c for c in report.cells if c.row_label == "Sum driftsinntekter" and c.column_year == 2024
                 and c.scenario == "actual")
    assert total.value == 702_310_000


def test_a_declared_scale_that_fits_the_document_holds(tmp_path):
    report = _cells(tmp_path, STATEMENT + ["Alle tal i heile 1 000", "", "Netto driftsutgifter per område", "",
                                           "Regnskap 2024 Budsjett 2024", "1 Oppvekst 219 879 219 842",
                                           "2 Lånegjeld 1 484 224 1 440 339"])  # debt above income: still thousands
    assert {c.scale for c in report.cells} == {1e3}


def test_a_group_of_zeros_starts_no_figure():
    from flows.reports.numbers import candidate_splits

    assert candidate_splits("702 310 690 000", 2)[0].values == (702_310.0, 690_000.0)
    assert all(0.0 not in c.values for c in candidate_splits("310 220 305 000", 2))


def test_a_currency_printed_before_the_figure_of_a_cell(tmp_path):
    report = _cells(tmp_path, ["Driftskostnader spesifisert\t2024\t2023", "Avgifter\tkr 612 330\t598 004",
                               "Vedlikehald\tkr 1 204 118\t1 187 950", "Sum\tkr 1 816 448\t1 785 954"])
    grid = _grid(report)
    assert grid[("Avgifter", "2024")] == 612_330 and grid[("Avgifter", "2023")] == 598_004
    assert grid[("Sum", "2024")] == 1_816_448


def test_a_row_of_fewer_cells_fills_the_amount_columns_before_the_change_column(tmp_path):
    report = _cells(tmp_path, ["(i 1000 kr)", "Regnskap 2024 Regnskap 2023 Endring",
                               "Driftsinntekter 2 646 888 2 441 731 205 157", "Netto driftsresultat 113 513 65 469 48 044",
                               "i prosent av inntektene 4,3 % 2,7 %"])
    share = {c.column_label: c.value for c in report.cells if c.row_label.startswith("i prosent")}
    assert share == {"Regnskap 2024": 4.3, "Regnskap 2023": 2.7}


def test_fewer_cells_under_amount_columns_only_keep_no_column(tmp_path):
    report = _cells(tmp_path, ["(i 1000 kr)", "Regnskap 2024 Budsjett 2024 Regnskap 2023",
                               "Driftsinntekter 2 646 888 2 441 731 2 205 157", "Netto driftsresultat 113 513 65 469 48 044",
                               "i prosent av inntektene 4,3 % 2,7 %"])
    assert {c.column_label for c in report.cells if c.row_label.startswith("i prosent")} == {""}


def test_an_amount_row_short_of_cells_fills_the_amounts_where_the_change_column_rules_out_the_rest(tmp_path):
    # stop 22 (layout/short_rows.py): the full rows show Endring = 2024 - 2023, so 27 548 cannot be the change of
    # 23 117 and nothing; the two figures are the two years
    report = _cells(tmp_path, ["(i 1000 kr)", "Regnskap 2024 Regnskap 2023 Endring",
                               "Driftsinntekter 2 646 888 2 441 731 205 157", "Netto driftsresultat 113 513 65 469 48 044",
                               "Bruk av fond 23 117 27 548"])
    assert {(c.column_label, c.value) for c in report.cells if c.row_label == "Bruk av fond"} == {
        ("Regnskap 2024", 23_117_000), ("Regnskap 2023", 27_548_000)}


def test_an_amount_row_short_of_cells_keeps_no_column_where_the_change_column_is_no_difference(tmp_path):
    report = _cells(tmp_path, ["(i 1000 kr)", "Regnskap 2024 Regnskap 2023 Endring",
                               "Driftsinntekter 2 646 888 2 441 731 105 157", "Netto driftsresultat 113 513 65 469 18 044",
                               "Bruk av fond 23 117 27 548"])
    assert {c.column_label for c in report.cells if c.row_label == "Bruk av fond"} == {""}


def test_a_table_of_counts_under_the_same_columns_keeps_its_figures(tmp_path):
    report = _cells(tmp_path, FORM_A + ["Bemanning", "", FORM_HEAD, "Årsverk oppvekst 212 214 215", "Årsverk helse 301 305 310"])
    assert {c.value for c in report.cells if c.row_label == "Årsverk oppvekst"} == {212, 214, 215}


FLAT_ROWS = ("Salgsinntekter 2 311 405 2 250 000 2 198 774 Refusjoner 1 304 990 1 250 000 1 100 250 "
             "Rammetilskudd 41 410 721 42 032 650 40 156 414 Sum inntekter 45 027 116 45 532 650 43 455 438 "
             "Lønn 39 800 431 39 650 000 38 410 876 Brutto resultat - 814 958 - 1 711 354 - 894 650 Avdrag 12 000 16 664 0")


@pytest.mark.parametrize("heads, columns", [
    ("Driftsoversikt Regnskap 2024 Budsjett 2024 Regnskap 2023 Inntekter",
     {"Regnskap 2024", "Budsjett 2024", "Regnskap 2023"}),
    ("Driftsoversikt Regnskap Budsjett Regnskap i fjor 2024 2024 2023",
     {"Regnskap 2024", "Budsjett 2024", "Regnskap i fjor 2023"}),
    ("Driftsoversikt (i hele kroner) Regnskap per 30.04 Budsjett per 30.04 Regnskap i fjor per 30.04",
     {"Regnskap per 30.04", "Budsjett per 30.04", "Regnskap i fjor per 30.04"}),
])
def test_heads_of_a_statement_flattened_onto_one_line(tmp_path, heads, columns):
    report = _cells(tmp_path, ["Kvartalsrapport", "", f"{heads} {FLAT_ROWS}"])
    assert {c.column_label for c in report.cells} == columns
    by_row: dict[str, list[float]] = {}
    for c in report.cells:
        by_row.setdefault(c.row_label, []).append(c.value)
    assert by_row["Brutto resultat"] == [-814_958, -1_711_354, -894_650], "a minus standing apart is the figure's sign"
    assert by_row["Refusjoner"] == [1_304_990, 1_250_000, 1_100_250]
    assert by_row["Avdrag"] == [12_000, 16_664, 0]
    assert len(report.cells) == 21


def test_running_text_with_figures_is_no_flattened_table(tmp_path):
    text = ("Folketallet var 4 831 ved utgangen av året, mot 4 847 året før. Andelen eldre over 80 år var 3,9 % mot "
            "3,7 % i fjor, og andelen barn 0 – 5 år var 7,2 % mot 7,7 %. Kommunen har 1 120 elever i grunnskolen og 312 "
            "barn i barnehage, mot 1 104 og 318 året før. Netto innflytting var - 12 personer.")
    report = _cells(tmp_path, ["Befolkning", "", text])
    assert not report.cells


GRID_TABLE = """<html><body><h2>Drift</h2><p>Beløp i 1000 kr</p><table>
<tr><th></th>{upper}</tr>
<tr><th></th>{lower}</tr>
<tr><td>Lønn</td><td>41 220</td><td>42 000</td><td>43 100</td><td>44 000</td><td>45 000</td></tr>
<tr><td>Kjøp</td><td>12 930</td><td>13 000</td><td>13 400</td><td>13 900</td><td>14 100</td></tr></table></body></html>"""


@pytest.mark.parametrize("upper, lower, expected", [
    ('<th colspan="2">Regnskap</th><th colspan="3">Budsjett</th>', "<th>2022</th><th>2023</th>" + "<th>2024</th>" * 3,
     ["Regnskap 2022", "Regnskap 2023", "Budsjett 2024", "Budsjett 2024", "Budsjett 2024"]),
    ('<th>Regnskap 2022</th><th>Budsjett 2023</th><th colspan="3">Økonomiplan</th>',
     "<th></th><th></th><th>2024</th><th>2025</th><th>2026</th>",
     ["Regnskap 2022", "Budsjett 2023", "Økonomiplan 2024", "Økonomiplan 2025", "Økonomiplan 2026"]),
])
def test_header_cells_spanning_grid_columns_name_each_column_below_them(tmp_path, upper, lower, expected):
    path = tmp_path / "plan.html"
    path.write_text(GRID_TABLE.format(upper=upper, lower=lower), encoding="utf-8")
    report = read_cells(path)
    assert [c.column_label for c in report.cells if c.row_label == "Lønn"] == expected


def _printed(n: int, cells: list[tuple[str, float, float]]):
    from flows.reports.layout.model import Line, Seg

    return Line(page=1, number=n, text=" ".join(t for t, _, _ in cells), segs=[Seg(t, a, b) for t, a, b in cells])


@pytest.mark.parametrize("upper, lower, expected", [
    # "Regnskap" centred over its two years, "Budsjett" over one
    ([("Regnskap", 305.2, 345.6), ("Budsjett", 395.1, 435.3)], [("2021", 285.3, 305.1), ("2022", 345.2, 365.4), ("2022", 405.2, 425.0)],
     ["Regnskap 2021", "Regnskap 2022", "Budsjett 2022"]),
    # "Økonomiplan" centred over three plan years, the heads before it over one year each
    ([("Revidert", 200.4, 240.2), ("Budsjett", 260.3, 300.1), ("Økonomiplan", 360.2, 420.6)],
     [("2021", 205.1, 235.3), ("2022", 265.2, 295.4), ("2023", 320.3, 345.1), ("2024", 380.2, 405.5), ("2025", 440.1, 465.2)],
     ["Revidert 2021", "Budsjett 2022", "Økonomiplan 2023", "Økonomiplan 2024", "Økonomiplan 2025"]),
])
def test_heads_centred_over_several_printed_columns(upper, lower, expected):
    from flows.reports.layout.tables import find_tables

    values = [(f"{41 + k} 2{k}0", x0 - 5.0, x1) for k, (_, x0, x1) in enumerate(lower)]
    lines = [_printed(1, [("Drift", 50.2, 80.4)]), _printed(2, upper), _printed(3, lower),
             _printed(4, [("Lønn", 50.2, 70.1)] + values), _printed(5, [("Kjøp", 50.2, 70.3)] + values)]
    tables, _ = find_tables(lines)
    assert [c.label for c in tables[0].columns] == expected
    assert [col for col, _ in tables[0].rows[0].values] == list(range(len(expected)))


def test_a_lower_head_line_that_prints_the_scale_before_its_years(tmp_path):
    report = _cells(tmp_path, ["Drift", "Regnskap Budsjett Regnskap", "Tall i 1000 kr 2024 2024 2023",
                               "Lønn 41 220 42 000 40 100", "Kjøp 12 930 13 000 12 800"])
    assert {(c.column_label, c.value) for c in report.cells if c.row_label == "Lønn"} == {
        ("Regnskap 2024", 41_220_000), ("Budsjett 2024", 42_000_000), ("Regnskap 2023", 40_100_000)}


def test_a_variance_column_is_no_evidence_against_a_statement_in_thousands(tmp_path):
    report = _cells(tmp_path, ["Budsjettskjema 1A", "Regnskap 2024 Budsjett 2024 Avvik",
                               "Skatt på inntekt og formue 154 331 150 000 4 331", "Rammetilskudd 120 446 121 000 -554",
                               "Avdrag på lån 31 220 31 000 220"])
    assert {(c.scale, c.scale_method.split(":")[0]) for c in report.cells} == {(1e3, "inferred")}


def test_a_total_of_unknown_scale_contradicts_no_declaration(tmp_path):
    # the statement's own scale is neither printed nor decidable: its total says nothing of the others' scale
    statement = ["Økonomisk oversikt drift", "Regnskap 2024 Budsjett 2024", "Sum driftsinntekter 1 702 310 1 690 000",
                 "Sum driftsutgifter 1 688 120 1 680 000", ""]
    report = _cells(tmp_path, statement + ["Alle tal i heile 1 000", "", "Netto driftsutgifter per område", "",
                                           "Regnskap 2024 Budsjett 2024", "1 Oppvekst 219 879 219 842",
                                           "2 Politikk 4 484 4 640"])
    assert {c.scale for c in report.cells if c.row_label in ("Oppvekst", "Politikk")} == {1e3}
