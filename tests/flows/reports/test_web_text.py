"""Layouts of report text extracted from web editions: cells separated by gaps, glued and wrapped
header cells, year/word order in headers, scale captions, one value per line, dash runs as empty
cells and web boilerplate. The organisation and every figure here are invented."""
from __future__ import annotations

from pathlib import Path

import pytest

from flows.reports.document import read_cells
from flows.reports.layout.boilerplate import is_boilerplate
from flows.reports.layout.headers import columns_from_text
from flows.reports.numbers import candidate_splits, gap_cells, split_label_and_values


def _cells(tmp_path: Path, text: str, name: str = "fjellvik-arsrapport-2015.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_cells(path)


def _by_row(report) -> dict[str, list[tuple[str, int | None, float]]]:
    out: dict[str, list] = {}
    for c in report.cells:
        out.setdefault(c.row_label, []).append((c.column_label, c.column_year, c.value))
    return out


# --- 1. gaps of two or more spaces separate cells; one space groups thousands ---------------------

def test_gap_cells_read_as_few_numbers_as_thousands_grouping_allows():
    assert gap_cells("11 218 638  10 223 216  995 422") == ["11 218 638", "10 223 216", "995 422"]
    assert gap_cells("3 095 859  2 926 800 3 086 979 -8 881  2 979 694") == [
        "3 095 859", "2 926 800", "3 086 979", "-8 881", "2 979 694"]
    assert split_label_and_values("Anleggsmidler  11 218 638  10 223 216  995 422", keep_gaps=True) == (
        "Anleggsmidler", "11 218 638  10 223 216  995 422")


def test_a_gap_is_never_a_thousands_separator_and_one_space_never_splits_a_number_into_pieces():
    best = candidate_splits("11 218 638  10 223 216  995 422", 3)[0]
    assert best.values == (11_218_638, 10_223_216, 995_422)
    assert not candidate_splits("11 218 638  10 223 216  995 422", 4), "a gap-delimited number cannot be cut to fill a column"
    # the header's count may split a part the extraction shows as several numbers ("13 000 13 100 755": the
    # "13" cannot continue "13 000"), into whole numbers; a part that reads as one number stays one
    assert not candidate_splits("12 345  13 000", 3)
    assert candidate_splits("12 345  13 000", 3, allow_fewer=True)[0].raw == ("12 345", "13 000")
    assert candidate_splits("1 200  13 000 13 100 755", 4)[0].raw == ("1 200", "13 000", "13 100", "755")
    assert not candidate_splits("1 200  2 926 800 186 979", 3)


def test_gap_table_rows_get_every_cell_under_its_column(tmp_path):
    report = _cells(tmp_path, "\n".join([
        "Balansen - tall i 1 000 kroner",
        "  2015  2014  Endring",
        "Anleggsmidler  11 218 638  10 223 216  995 422",
        "Omløpsmidler  2 345 678  2 100 000  245 678",
    ]))
    rows = _by_row(report)
    assert sorted(rows["Anleggsmidler"]) == sorted([
        ("2015", 2015, 11_218_638_000), ("2014", 2014, 10_223_216_000), ("Endring", None, 995_422_000)])


def test_mixed_gaps_split_by_the_header_column_count(tmp_path):
    report = _cells(tmp_path, "\n".join([
        "Driftsregnskap",
        "Tjenesteområde  Regnskap 2015  Vedtatt budsjett 2015  Regulert budsjett 2015  Avvik 2015  Regnskap 2014",
        "Sentraladministrasjon  3 095 859  2 926 800 3 086 979 -8 881  2 979 694",
    ]))
    cells = {(c.scenario, c.column_year, c.value) for c in report.cells}
    assert cells == {("actual", 2015, 3_095_859), ("original_budget", 2015, 2_926_800),
                     ("revised_budget", 2015, 3_086_979), ("variance", 2015, -8_881), ("actual", 2014, 2_979_694)}


def test_cells_that_do_not_match_the_header_keep_an_unknown_column(tmp_path):
    report = _cells(tmp_path, "\n".join([
        "Investeringer",
        "Prosjekt  Regnskap 2021  Budsjett 2021  Avvik",
        "Skole  12 345  13 000",
        "Vei  1 234  1 500  266",
    ]))
    school = [c for c in report.cells if c.row_label == "Skole"]
    assert sorted(c.value for c in school) == [12_345, 13_000]
    assert all(c.column_year is None and c.column_label == "" and c.scenario == "unknown" for c in school)
    road = {(c.column_label, c.value) for c in report.cells if c.row_label == "Vei"}
    assert road == {("Regnskap 2021", 1_234), ("Budsjett 2021", 1_500), ("Avvik", 266)}
    assert any("columns unknown" in w and "line 3" in w for w in report.layout.warnings)


# --- 2./3. header cells: glued, wrapped, label column, word order -----------------------------------

@pytest.mark.parametrize("header, expected", [
    (["Regnskap 2015Regnskap 2014Endring"], [("Regnskap 2015", 2015, "actual"), ("Regnskap 2014", 2014, "actual"),
                                             ("Endring", None, "variance")]),
    (["TjenesteområdeRegnskap", "2015", "Vedtatt budsjett 2015Regulert budsjett 2015Avvik 2015Regnskap 2014"],
     [("Regnskap 2015", 2015, "actual"), ("Vedtatt budsjett 2015", 2015, "original_budget"),
      ("Regulert budsjett 2015", 2015, "revised_budget"), ("Avvik 2015", 2015, "variance"),
      ("Regnskap 2014", 2014, "actual")]),
    (["mnkr Intäkter 2020Intäkter 2021Kostnader 2020Budget 2021Avvikelse mot budget 2021"],
     [("Intäkter 2020", 2020, "other"), ("Intäkter 2021", 2021, "other"), ("Kostnader 2020", 2020, "other"),
      ("Budget 2021", 2021, "budget"), ("Avvikelse mot budget 2021", 2021, "variance")]),
    (["Regnskap 2021 Budsjett 2022 Vedtatt 2023 Vedtatt 2024"],
     [("Regnskap 2021", 2021, "actual"), ("Budsjett 2022", 2022, "budget"), ("Vedtatt 2023", 2023, "original_budget"),
      ("Vedtatt 2024", 2024, "original_budget")]),
    (["2023 Vedtatt 2024 Vedtatt"], [("2023 Vedtatt", 2023, "original_budget"), ("2024 Vedtatt", 2024, "original_budget")]),
    (["Konto  Opprinnelig budsjett 2021  Regnskap 2021"],
     [("Opprinnelig budsjett 2021", 2021, "original_budget"), ("Regnskap 2021", 2021, "actual")]),
    (["Art 2015 2014 Endring"], [("2015", 2015, "other"), ("2014", 2014, "other"), ("Endring", None, "variance")]),
    # a span of years is one cell, not a cell per year ("Endring 2030" and "- 2031")
    (["Note Utfall 2031 Utfall 2030 Endring 2030 - 2031"],
     [("Note", None, "note"), ("Utfall 2031", 2031, "actual"), ("Utfall 2030", 2030, "actual"),
      ("Endring 2030 - 2031", 2031, "variance")]),
    (["(i 1000 kr) Regnskap 2031 Regnskap 2030 Endring 2030-2031"],
     [("Regnskap 2031", 2031, "actual"), ("Regnskap 2030", 2030, "actual"), ("Endring 2030-2031", 2031, "variance")]),
])
def test_web_headers(header, expected):
    assert [(c.label, c.year, c.scenario) for c in columns_from_text(header)] == expected


def test_wrapped_glued_header_over_a_table(tmp_path):
    report = _cells(tmp_path, "\n".join([
        "Resultater - tall i 1 000 kroner",
        "TjenesteområdeRegnskap",
        "2015",
        "Vedtatt budsjett 2015Regulert budsjett 2015Avvik 2015Regnskap 2014",
        "Oppvekst 101 200 99 800 99 900 -1 300 97 000",
    ]))
    cells = {(c.column_label, c.value) for c in report.cells}
    assert cells == {("Regnskap 2015", 101_200_000), ("Vedtatt budsjett 2015", 99_800_000),
                     ("Regulert budsjett 2015", 99_900_000), ("Avvik 2015", -1_300_000), ("Regnskap 2014", 97_000_000)}


# --- 4. scale from the caption or the first header cell ---------------------------------------------

@pytest.mark.parametrize("caption, header, scale, where", [
    ("Balansen - tall i 1 000 kroner", "Regnskap 2021  Regnskap 2020", 1e3, "caption"),
    ("Nøkkeltal", "mnkr Intäkter 2020Intäkter 2021", 1e6, "header"),
    ("Driftsresultat (mill. kr)", "2020  2021", 1e6, "caption"),
    ("Investeringar", "Beløp i hele tusen Regnskap 2021 Budsjett 2021", 1e3, "header"),
    ("Investeringar", "Regnskap 2021  Budsjett 2021", 1.0, None),
])
def test_scale_stated_above_or_in_the_header_applies_to_the_table(tmp_path, caption, header, scale, where):
    report = _cells(tmp_path, "\n".join([caption, header, "Skule  12,5  14,0", "Veg  3,5  2,0"]))
    assert {c.scale for c in report.cells} == {scale}
    methods = {c.scale_method for c in report.cells}
    if where:
        assert all(m.startswith("declared:") and f"({where}:" in m for m in methods)
    else:
        assert methods == {"none declared: figures as printed"}
    assert not any(f.value == 1000 for f in report.figures), "a scale caption states no prose figure"


@pytest.mark.parametrize("text, scale", [
    ("Belopp i miljoner kronor", 1e6), ("tusentals kronor", 1e3), ("Beløp i kr", 1.0), ("mdkr", 1e9),
    ("Belopp i kronor", 1.0), ("Resultater - tall i 1 000 kroner", 1e3), ("Beløp i hele tusen", 1e3),
])
def test_more_scale_words(text, scale):
    from flows.reports.layout.scale import scale_of

    assert scale_of(text)[0] == scale


# --- 5. one value per line ------------------------------------------------------------------------

def test_one_value_per_line_and_a_switch_to_rows_on_one_line(tmp_path):
    report = _cells(tmp_path, "\n".join([
        "Tjenesteområder (beløp i 1 000 kr)", "", "Regnskap 2021", "", "Budsjett 2021", "", "Avvik", "",
        "Sentraladministrasjon", "", "12 345", "", "13 000", "", "655", "",
        "Oppvekst", "", "101 200", "", "99 800", "", "-1 400", "",
        "Helse og omsorg 150 300 149 000 -1 300",
    ]))
    rows = _by_row(report)
    assert sorted(rows["Sentraladministrasjon"]) == sorted([
        ("Regnskap 2021", 2021, 12_345_000), ("Budsjett 2021", 2021, 13_000_000), ("Avvik", None, 655_000)])
    assert ("Avvik", None, -1_400_000) in rows["Oppvekst"]
    assert ("Budsjett 2021", 2021, 149_000_000) in rows["Helse og omsorg"]
    assert {c.page for c in report.cells} == {1} and min(c.line for c in report.cells) == 9


def test_label_line_then_all_its_values_on_the_next_line(tmp_path):
    report = _cells(tmp_path, "\n".join([
        "Regnskap 2015  Budsjett 2015  Avvik", "Skatt på inntekt", "  211 132  212 533  1 401",
    ]))
    assert {(c.row_label, c.column_label, c.value) for c in report.cells} == {
        ("Skatt på inntekt", "Regnskap 2015", 211_132), ("Skatt på inntekt", "Budsjett 2015", 212_533),
        ("Skatt på inntekt", "Avvik", 1_401)}


def test_page_numbers_under_a_contents_line_are_no_table():
    from flows.reports.layout.model import Line
    from flows.reports.layout.vertical import expand_vertical

    lines = [Line(1, n, t) for n, t in enumerate(["Innhald", "01", "02", "Økonomi", "4"], start=1)]
    assert [l.text for l in expand_vertical(lines)] == ["Innhald", "01", "02", "Økonomi", "4"]


# --- 6. dash runs are empty cells -------------------------------------------------------------------

def test_dash_runs_glued_to_the_label_are_empty_cells(tmp_path):
    report = _cells(tmp_path, "\n".join([
        "Regnskap 2021  Budsjett 2021  Avvik",
        "Driftsinntekter",
        "Skatt på inntekt  211 132  212 533  1 401",
        "Andre direkte eller indirekte skatter------",
        "Eiendomsskatt  12 700  --  12 700",
        "Rammetilskudd  223 929  216 060  -7 869",
    ]))
    assert not [c for c in report.cells if "skatter" in c.row_label]
    assert split_label_and_values("Andre skatter------  1 234", keep_gaps=True) == ("Andre skatter", "------  1 234")
    assert not [c for c in report.cells if c.value < 0 and c.row_label != "Rammetilskudd"]
    assert {(c.column_label, c.value / c.scale) for c in report.cells if c.row_label == "Eiendomsskatt"} == {
        ("Regnskap 2021", 12_700), ("Avvik", 12_700)}
    assert {c.scale for c in report.cells} == {1000}, "a whole-number accounts table without a scale: thousands, said so"
    assert {c.parent_row for c in report.cells} == {"Driftsinntekter"}, "a dash row is no section label"


# --- 7. web boilerplate -----------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Vi bruker informasjonskapsler (cookies) for å gi deg en best mulig opplevelse. Les mer",
    "Godta alle", "Laster grafikk...", "Hold Ctrl-tasten nede og trykk + for å forstørre teksten",
    "Endre tekststørrelse", "Vi använder kakor för att webbplatsen ska fungera bra", "Del på Facebook", "Til toppen",
    "Størrelse: px", "Begynne med side:", "Download \"Årsmelding 2020 - en kommune\"",
])
def test_boilerplate(text):
    assert is_boilerplate(text)


@pytest.mark.parametrize("text", ["Del 1 Økonomi", "Driftsinntekter", "Skatt på inntekt 12 345", "Sykefravær 2021"])
def test_report_text_is_not_boilerplate(text):
    assert not is_boilerplate(text)


def test_boilerplate_never_becomes_a_caption_or_a_row(tmp_path):
    report = _cells(tmp_path, "\n".join([
        "Driftsregnskap",
        "Laster grafikk...",
        "Godta alle",
        "Regnskap 2021  Budsjett 2021",
        "Lønn  16 194  17 122",
        "Vi bruker informasjonskapsler (cookies) for å forbedre nettstedet 2021 1 2",
        "Kjøp av varer  4 128  4 212",
    ]))
    table = report.layout.tables[0]
    assert table.caption == "Driftsregnskap"
    assert [r.label for r in table.rows] == ["Lønn", "Kjøp av varer"]


def test_label_column_header_of_words_is_no_value_column(tmp_path):
    report = _cells(tmp_path, "\n".join(["Tilsette", "Eining  Kvinner  Menn", "Skule  12  30", "Barnehage  40  3"]))
    assert {(c.row_label, c.column_label, c.value) for c in report.cells} == {
        ("Skule", "Kvinner", 12), ("Skule", "Menn", 30), ("Barnehage", "Kvinner", 40), ("Barnehage", "Menn", 3)}


def test_vertical_header_above_a_section_label(tmp_path):
    report = _cells(tmp_path, "\n".join([
        "Drift", "Regnskap 2021", "", "Budsjett 2021", "", "Driftsinntekter", "", "Skatt", "", "1 234", "", "1 300",
        "", "Rammetilskudd", "", "2 000", "", "2 100"]))
    assert {(c.row_label, c.parent_row, c.column_label, c.value / c.scale) for c in report.cells} == {
        ("Skatt", "Driftsinntekter", "Regnskap 2021", 1_234), ("Skatt", "Driftsinntekter", "Budsjett 2021", 1_300),
        ("Rammetilskudd", "Driftsinntekter", "Regnskap 2021", 2_000),
        ("Rammetilskudd", "Driftsinntekter", "Budsjett 2021", 2_100)}


def test_a_decimal_figure_glued_to_the_label_is_a_value():
    assert split_label_and_values("Kommunstyrelsen12,5 14,0 -85,3") == ("Kommunstyrelsen", "12,5 14,0 -85,3")


def test_gaps_tell_the_label_even_when_it_ends_in_a_number(tmp_path):
    assert split_label_and_values("Sum kapittel 2  1 234  5 678", keep_gaps=True) == ("Sum kapittel 2", "1 234  5 678")
    report = _cells(tmp_path, "\n".join(["Regnskap 2021  Regnskap 2020", "Sum kapittel 2  1 234  5 678"]))
    assert {(c.row_label, c.column_year, c.value) for c in report.cells} == {
        ("Sum kapittel 2", 2021, 1_234), ("Sum kapittel 2", 2020, 5_678)}


def test_header_cells_one_per_line_over_rows_on_one_line(tmp_path):
    report = _cells(tmp_path, "\n".join([
        "Driftsregnskap", "Regnskap 2021", "Budsjett 2021", "Avvik", "Lønn  16 194  17 122  928",
        "Kjøp av varer  4 128  4 212  84"]))
    assert report.layout.tables[0].caption == "Driftsregnskap"
    assert {(c.row_label, c.column_label, c.value / c.scale) for c in report.cells if c.row_label == "Lønn"} == {
        ("Lønn", "Regnskap 2021", 16_194), ("Lønn", "Budsjett 2021", 17_122), ("Lønn", "Avvik", 928)}


def test_wrapped_label_then_values_line_and_year_labelled_rows(tmp_path):
    from flows.reports.layout.model import Line
    from flows.reports.layout.vertical import expand_vertical

    lines = [Line(1, n, t) for n, t in enumerate([
        "Regnskap 2021 Budsjett 2021", "Sum disponeringer eller dekning av netto", "driftsresultat",
        "6 619 4 400", "Saker per kvartal  Q1 Q2", "2015 8 483 7 343"], start=1)]
    out = [l.text for l in expand_vertical(lines)]
    assert out[1:4] == ["", "Sum disponeringer eller dekning av netto driftsresultat  6 619 4 400", ""]
    assert out[4:] == ["Saker per kvartal  Q1 Q2", "2015 8 483 7 343"], "a row labelled by its year is no values line"


def test_more_figures_than_columns_are_kept_with_their_column_unknown(tmp_path):
    report = _cells(tmp_path, "\n".join(["Nøkkeltal", "Regnskap 2021 Regnskap 2020", "Netto driftsresultat 2,1 1,4 0,9"]))
    assert sorted(c.value for c in report.cells) == [0.9, 1.4, 2.1]
    assert {c.column_year for c in report.cells} == {None}


def test_rows_wider_than_their_header_leave_every_column_unknown(tmp_path):
    report = _cells(tmp_path, "\n".join([
        "budsjett Avvik Regnskap", "2020 2020 2019",
        "Lønn 14278 14286 -8 13982", "Kjøp av varer 4128 4212 -84 4107", "Overføringer 28 200 -172 0"]))
    assert {c.scenario for c in report.cells} == {"unknown"}
    assert sorted(c.value for c in report.cells if c.row_label == "Lønn") == [-8, 13982, 14278, 14286]


def test_a_row_whose_cells_come_partly_one_per_line_and_partly_on_one_line(tmp_path):
    report = _cells(tmp_path, "\n".join([
        "mnkr Intäkter 2021Kostnader 2021Nettokostnad 2021Budget 2021", "Kultur", "", "6,5", "", "-59,3", "",
        " -52,8  -55,1", "OF, omsorg & stöd, funktionsneds.", "", "44,4", "", " -304,5  -260,1  -267,8",
        "Resultatet blev bättre än väntat.", "", "1,0", "2,0"]))
    got = {(c.row_label, c.column_label, round(c.value)) for c in report.cells}
    assert {("Kultur", "Intäkter 2021", 6_500_000), ("Kultur", "Budget 2021", -55_100_000),
            ("OF, omsorg & stöd, funktionsneds.", "Kostnader 2021", -304_500_000),
            ("OF, omsorg & stöd, funktionsneds.", "Budget 2021", -267_800_000)} <= got
    assert not any(c.row_label.startswith("Resultatet") for c in report.cells), "a sentence is no label"


def test_a_row_with_fewer_figures_than_its_table_keeps_them_without_a_column(tmp_path):
    report = _cells(tmp_path, "\n".join([
        "Tilsette fordelt på kjønn", "Sektor Kvinner 2016 Kvinner 2017 Menn 2016 Menn 2017",
        "Oppvekst 209 209 45 50", "Kultur 5 6 6 6", "Ymse 3 6 1"]))
    ymse = [c for c in report.cells if c.row_label == "Ymse"]
    assert sorted(c.value for c in ymse) == [1, 3, 6], "nothing lost"
    assert {(c.column_label, c.column_year) for c in ymse} == {("", None)}, "which column is empty the text cannot tell"
    assert {(c.column_label, c.value) for c in report.cells if c.row_label == "Kultur"} == {
        ("Kvinner 2016", 5), ("Kvinner 2017", 6), ("Menn 2016", 6), ("Menn 2017", 6)}
    assert any("columns unknown" in w for w in report.layout.warnings)


def test_cells_glued_to_the_label_in_web_text(tmp_path):
    """Line codes, the minus of the first figure and zero cells glued to the label; a gap in a row whose
    cells are joined by single spaces is an empty cell."""
    report = _cells(tmp_path, "\n".join([
        "Tabell 4 Disponering. Alle tall i tusen kroner.",
        " DriftRegnskap 2021Justert budsjett 2021AvvikOpprinnelig budsjett 2021Regnskap 2020",
        "1Netto driftsresultat- 987 961 - 393 483 - 594 478 - 218 058 - 447 888",
        "3bHerav bruk av bundne driftsfond- 175 433 - 154 255 - 21 178 - 9 135 - 97 958",
        "5Bruk av tidligere års mindreforbruk0000- 167 924",
        "6Årets budsjettavvik- 386 398 0- 386 398 0- 233 473",
        "7Strykning av bruk av disposisjonsfond 73 300 0 73 300   233 473",
        "8Avsetning til disposisjonsfond 313 098 0 313 098  0",
        "9Fremført til inndekning i senere år (merforbruk)00000"]))
    rows = {}
    for c in report.cells:
        rows.setdefault((c.row_code, c.row_label), {})[c.column_label] = c.value / 1000
    assert rows[("1", "Netto driftsresultat")] == {"Regnskap 2021": -987_961, "Justert budsjett 2021": -393_483,
                                                   "Avvik": -594_478, "Opprinnelig budsjett 2021": -218_058,
                                                   "Regnskap 2020": -447_888}
    assert rows[("3b", "Herav bruk av bundne driftsfond")]["Regnskap 2020"] == -97_958
    assert rows[("5", "Bruk av tidligere års mindreforbruk")] == {"Regnskap 2021": 0, "Justert budsjett 2021": 0, "Avvik": 0,
                                                                "Opprinnelig budsjett 2021": 0, "Regnskap 2020": -167_924}
    assert rows[("6", "Årets budsjettavvik")]["Avvik"] == -386_398 and rows[("6", "Årets budsjettavvik")]["Opprinnelig budsjett 2021"] == 0
    assert rows[("7", "Strykning av bruk av disposisjonsfond")] == {"Regnskap 2021": 73_300, "Justert budsjett 2021": 0,
                                                                  "Avvik": 73_300, "Regnskap 2020": 233_473}
    assert rows[("8", "Avsetning til disposisjonsfond")] == {"Regnskap 2021": 313_098, "Justert budsjett 2021": 0,
                                                           "Avvik": 313_098, "Regnskap 2020": 0}
    assert set(rows[("9", "Fremført til inndekning i senere år (merforbruk)")].values()) == {0}
    assert {c.scale for c in report.cells} == {1000} and not report.layout.warnings


def test_names_each_with_its_year_on_the_next_line_are_the_header(tmp_path):
    report = _cells(tmp_path, "\n".join([
        "Gjelda har auka med 298 mill. kroner fra 2014 til 2015, og renteutgiftene med 12 mill. kroner i same periode.",
        "", "Nøkkeltal for 2015", " Fjellvik ", "2014", "Fjellvik ", "2015", "Dalby ", "2015", "K.gr 13 2015",
        "Netto driftsresultat i % av driftsinntekter 3 3,9 5,2 2,8",
        "Netto lånegjeld i % av driftsinntekter 89,1 93 67,4 85,5"]))
    table = report.layout.tables[0]
    assert [(c.label, c.year) for c in table.columns] == [
        ("Fjellvik 2014", 2014), ("Fjellvik 2015", 2015), ("Dalby 2015", 2015), ("K.gr 13 2015", 2015)]
    assert {(c.column_label, c.value) for c in report.cells if c.row_label.startswith("Netto lånegjeld")} == {
        ("Fjellvik 2014", 89.1), ("Fjellvik 2015", 93), ("Dalby 2015", 67.4), ("K.gr 13 2015", 85.5)}
    assert table.scale_text is None, "an amount in running text above declares no scale"
