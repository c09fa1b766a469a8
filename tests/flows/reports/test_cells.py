"""Raw cells: number grammar, scale declarations, column headers (glued, spanning), the table kinds
of plain text, and the classification step from cells to governed facts."""
from __future__ import annotations

from pathlib import Path

import pytest

from flows.reports.cells import parse_cell
from flows.reports.classify import classify
from flows.reports.document import read_cells
from flows.reports.layout.headers import columns_from_text
from flows.reports.layout.scale import scale_of


@pytest.mark.parametrize("printed, value, pct", [
    ("- 6 279", -6279, False), ("\u2212259", -259, False), ("(1 234)", -1234, False), ("4,7 %", 4.7, True),
    ("12 345*", 12345, False), ("1.074.000", 1074000, False), ("-0,5", -0.5, False), ("98,6%", 98.6, True),
    ("2 013", 2013, False), ("1 500¹", 1500, False),
])
def test_number_grammar(printed, value, pct):
    assert parse_cell(printed) == (value, pct)


@pytest.mark.parametrize("printed", ["-", "–", "", "abc", "- -"])
def test_empty_and_text_cells_are_no_numbers(printed):
    assert parse_cell(printed) is None


@pytest.mark.parametrize("text, scale", [
    ("Beløp i 1 000 kr", 1e3), ("Alle tal i heile 1 000", 1e3), ("tall i hele tusen", 1e3), ("Investeringar (tkr)", 1e3),
    ("Driftsresultat i mill. kr", 1e6), ("mnkr", 1e6), ("Beløp i mrd. kr", 1e9), ("Tall i 1 kroner", 1.0),
])
def test_scale_declarations(text, scale):
    assert scale_of(text)[0] == scale


def test_no_scale_without_a_declaration():
    assert scale_of("Lønn og sosiale utgifter") is None


@pytest.mark.parametrize("header, expected", [
    (["NoteRegnskap 2021Justert budsjett 2021"], [("Note", None, "note"), ("Regnskap 2021", 2021, "actual"),
                                                  ("Justert budsjett 2021", 2021, "revised_budget")]),
    (["Regnskap Reg. budsjett Oppr.budsjett Regnskap i fjor", "2018 2018 2018 2017"],
     [("Regnskap 2018", 2018, "actual"), ("Reg. budsjett 2018", 2018, "revised_budget"),
      ("Oppr.budsjett 2018", 2018, "original_budget"), ("Regnskap i fjor 2017", 2017, "prior_year")]),
    (["Note R 2014 B 2014 2 013"], [("Note", None, "note"), ("R 2014", 2014, "actual"), ("B 2014", 2014, "budget"),
                                    ("2 013", 2013, "other")]),
    (["Regnskap 2020 Budsjett 2020 Avvik i kr Forbruk i %"],
     [("Regnskap 2020", 2020, "actual"), ("Budsjett 2020", 2020, "budget"), ("Avvik i kr", None, "variance"),
      ("Forbruk i %", None, "variance_pct")]),
    (["Stillingsprosent 2014 % 2015 %"], [("2014", 2014, "other"), ("2014 %", 2014, "share_pct"),
                                          ("2015", 2015, "other"), ("2015 %", 2015, "share_pct")]),
    (["Sektor Kvinner 2015 Kvinner 2016 Menn 2015"], [("Kvinner 2015", 2015, "other"), ("Kvinner 2016", 2016, "other"),
                                                      ("Menn 2015", 2015, "other")]),
    (["2020 2021", "Kvinner Menn Kvinner Menn"], [("2020 Kvinner", 2020, "other"), ("2020 Menn", 2020, "other"),
                                                  ("2021 Kvinner", 2021, "other"), ("2021 Menn", 2021, "other")]),
])
def test_headers(header, expected):
    assert [(c.label, c.year, c.scenario) for c in columns_from_text(header)] == expected


def _cells(tmp_path: Path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_cells(path)


def test_text_table_with_detached_minus_dashes_line_codes_and_glued_notes(tmp_path):
    report = _cells(tmp_path, "arsrapport-2022.txt", "\n".join([
        "Økonomisk oversikt drift", "Alle tal i heile 1 000",
        "Regnskap Reg. budsjett Oppr.budsjett Regnskap i fjor", "2022 2022 2022 2021",
        "Driftsinntekter",
        "1 Rammetilskudd 262 905 252 839 260 139 257 470",
        "4 Andre skatteinntekter - - - -",
        "19 Gevinster og tap på finansielle omløpsmidler - 3 901 - 3 000 6 000 11 771",
        "29 Bruk av disposisjonsfond - 1 097 - 1 097 - -",
    ]))
    cells = {(c.row_label, c.row_code, c.column_label, c.value) for c in report.cells}
    assert ("Rammetilskudd", "1", "Regnskap 2022", 262_905_000) in cells
    assert ("Gevinster og tap på finansielle omløpsmidler", "19", "Reg. budsjett 2022", -3_000_000) in cells
    assert ("Bruk av disposisjonsfond", "29", "Regnskap 2022", -1_097_000) in cells
    assert not [c for c in report.cells if c.row_label == "Andre skatteinntekter"], "dashes are empty cells"
    assert {c.scale for c in report.cells} == {1000}
    assert all(c.scale_method.startswith("declared:") and "1 000" in c.scale_method for c in report.cells)
    assert {c.parent_row for c in report.cells} == {"Driftsinntekter"}


def test_key_figure_pairs_and_flattened_rows(tmp_path):
    report = _cells(tmp_path, "nokkeltal-2016.txt", "\n".join([
        "Folketal ved utgangen av 2016 Aurland: 23 Balestrand: -6 Askvoll: 42",
        "",
        "Nøkkeltal Vik 2008 Noreg 2008 Vik 2006 Noreg Brutto driftsresultat -0,7 0,4 2,2 4,2 Netto driftsresultat 0,1-0 4,8 5,6 "
        "Netto lånegjeld 97,2 49,1 81,2 42,9 Arbeidskapital 44,3 21,9 52,4 25,1 og meir tekst etter tabellen her",
    ]))
    cells = {(c.row_label, c.column_label, c.value) for c in report.cells}
    assert ("Balestrand", "", -6) in cells and ("Askvoll", "", 42) in cells
    assert ("Netto driftsresultat", "Noreg 2008", 0) in cells
    assert ("Arbeidskapital", "Vik 2006", 52.4) in cells
    noreg = {c.column_year for c in report.cells if c.row_label == "Arbeidskapital" and c.column_label == "Noreg"}
    assert noreg == {2006}, "the group's yearless member takes the year its group shares"


def test_flattened_label_list_then_value_list_pairs_by_units(tmp_path):
    # a key-figure page whose extraction printed all labels first, then all values; two labels lost
    # their values, so only the alignment where "%" meets "prosent" and "per innbygger" meets kroner fits
    report = _cells(tmp_path, "arsmelding-2019.txt", (
        "Forsidefoto er fra sentrum. Antall innbyggere Befolkningsvekst Driftsinntekter Netto driftsresultat "
        "Netto driftsresultat i % av driftsinntekter Lånegjeld Fondsbeholdning Lånegjeld per innbygger "
        "1 234,5 mill. kr. 20,1 mill. kr. 1,6 prosent 900,0 mill. kroner 75,5 mill. kroner kroner "
        "Antall ansatte Sykefravær 7,2 prosent Arbeidsledige"))
    cells = {(c.row_label, c.value, c.is_percent) for c in report.cells}
    assert ("Driftsinntekter", 1_234_500_000, False) in cells
    assert ("Netto driftsresultat i % av driftsinntekter", 1.6, True) in cells
    assert ("Fondsbeholdning", 75_500_000, False) in cells
    assert ("Sykefravær", 7.2, True) in cells
    assert not [c for c in report.cells if c.row_label in ("Antall innbyggere", "Befolkningsvekst", "Lånegjeld per innbygger")]
    assert next(c for c in report.cells if c.row_label == "Lånegjeld").scale_method == "row unit: mill. kroner"


def test_flattened_lists_with_two_fitting_alignments_stay_unpaired(tmp_path):
    report = _cells(tmp_path, "arsmelding-2019.txt", (
        "Innledning her. Driftsinntekter Driftsutgifter Lånegjeld Fondsbeholdning Investeringer "
        "1 234,5 mill. kr. 20,1 mill. kr. 900,0 mill. kroner 75,5 mill. kroner og mer tekst her som fortsetter "
        "en god stund etter tallene uten at noe mer skjer i teksten"))
    assert not report.cells, "two alignments fit the units: pairing would guess"


def test_running_title_before_key_figure_pairs_and_unit_before_figures(tmp_path):
    report = _cells(tmp_path, "arsrapport-2016.txt", "\n".join([
        "Året 2016 i korte trekk", "", "Året 2016 i korte trekk Nordby: 23", "", "Sørby: -6", "",
        "", "", "", "Finansieringskilder Kommune 2016 Landet 2016 Kommune 2015 Landet 2015 "
        "Bruk av lån % 70,8 57,1 60,2 55,0 Tilskudd % 3,7 18,9 47,4 32,6 Overføring fra drift % 0 7,5 3,2 9,9 og mer tekst",
    ]))
    cells = {(c.row_label, c.column_label, c.value) for c in report.cells}
    assert ("Nordby", "", 23) in cells and ("Sørby", "", -6) in cells
    assert ("Tilskudd %", "Landet 2016", 18.9) in cells
    assert ("Overføring fra drift %", "Kommune 2016", 0) in cells


def test_html_colspan_heading_path_and_caption(tmp_path):
    report = _cells(tmp_path, "arsrapport-2021.html", (
        "<html><body><h1>Årsrapport 2021</h1><h2>Økonomi</h2><h3>Driftsregnskap</h3><p>Beløp i 1 000 kr</p>"
        "<table><tr><th></th><th colspan='2'>Regnskap</th></tr><tr><th></th><th>2021</th><th>2020</th></tr>"
        "<tr><td>Skatt på inntekt og formue</td><td>1 234</td><td>1 100</td></tr></table></body></html>"))
    cell = next(c for c in report.cells if c.column_year == 2020)
    assert (cell.row_label, cell.column_label, cell.value, cell.scenario) == (
        "Skatt på inntekt og formue", "Regnskap 2020", 1_100_000, "actual")
    assert cell.heading_path == "Årsrapport 2021 > Økonomi > Driftsregnskap"


def test_unreadable_table_rows_leave_warnings_with_page_and_line(tmp_path):
    report = _cells(tmp_path, "r-2020.txt", "Regnskap 2020 Budsjett 2020\nLønn 1 2 3 4 5 6 7 8 9 x 10\nSum 5 6\n")
    assert all("page 1 line" in w for w in report.layout.warnings)


def test_classification_is_general(tmp_path):
    report = _cells(tmp_path, "arsmelding-2021.txt", "\n".join([
        "Årsmelding 2021", "",
        "Sjukefråværet var 6,6 % i 2021, og kommunen hadde 81,3 årsverk.", "",
        "Økonomisk oversikt drift (beløp i 1 000 kr)",
        "Regnskap 2021 Budsjett 2021",
        "Rammetilskudd 262 905 252 839",
        "Inntekts- og formuesskatt 311 009 298 692",
        "Eiendomsskatt 28 024 28 500",
        "Brukerbetalinger 19 787 21 331",
    ]))
    accounts, facts = classify(report.cells, report.figures, report_year=2021)
    got = {(a.statement, a.row_label, a.scenario, a.value_year, a.amount_nok) for a in accounts}
    assert ("5-6", "Rammetilskudd", "regnskap", 2021, 262_905_000) in got
    assert ("5-6", "Eiendomsskatt", "budsjett", 2021, 28_500_000) in got
    assert {(f.metric, f.value, f.value_year) for f in facts} >= {("sick_leave_pct", 6.6, 2021), ("fte", 81.3, 2021)}


def test_one_cell_per_line_table_becomes_rows_of_cells(tmp_path):
    # a text layer that writes a table cell by cell: headings stacked, then label, values, label, values
    report = _cells(tmp_path, "arsrapport-2020.txt", "\n".join([
        "Årsrapport 2020", "Tall i 1 000 kroner", "Regnskap 2020", "Budsjett 2020", "Avvik",
        "Lønn og sosiale utgifter", "16 194", "17 122", "928",
        "Refusjoner", "- 216", "-200", "–",
        "Sum utgifter", "15 978", "16 922", "944",
    ]))
    cells = {(c.row_label, c.column_label, c.value) for c in report.cells}
    assert ("Lønn og sosiale utgifter", "Budsjett 2020", 17_122_000) in cells
    assert ("Refusjoner", "Regnskap 2020", -216_000) in cells
    assert ("Sum utgifter", "Avvik", 944_000) in cells
    assert not [c for c in report.cells if c.row_label == "Refusjoner" and c.column_label == "Avvik"], "a dash is empty"
    assert len(report.cells) == 8


def test_group_statements_are_not_the_organisations_account_lines(tmp_path):
    # the document's name runs on every page and is no caption; the table under "Konsernrekneskap"
    # is the group's (parent and subsidiaries), not the organisation's own account lines
    rows = ["Lønnsutgifter 500 450", "Sosiale utgifter 100 90", "Kjøp av varer og tjenester 200 210",
            "Sum driftsutgifter 800 750"]
    pages = ["\n".join(["Eksempel IKS", "Resultatrekneskap", "Rekneskap 2014 Rekneskap 2013", *rows]),
             "\n".join(["Eksempel IKS", "Konsernrekneskap", "Rekneskap 2014 Rekneskap 2013", *rows]),
             "\n".join(["Eksempel IKS", "Noter"])]
    report = _cells(tmp_path, "arsmelding-2014.txt", "\f".join(pages))
    assert {c.caption for c in report.cells} == {"Resultatrekneskap", "Konsernrekneskap"}
    accounts, _ = classify(report.cells, report.figures, report_year=2014)
    assert accounts and {a.provenance.page for a in accounts} == {1}


@pytest.mark.parametrize("header, scenario", [
    ("Forbruk 2021", "actual"), ("Forbruk pr. 31.08", "actual"), ("Mindreforbruk", "variance"),
    ("Mer-/mindreforbruk", "variance"), ("Forbruk i %", "variance_pct"), ("Forbruk i prosent", "variance_pct"),
    ("%-forbruk", "variance_pct"), ("Utfall 2021", "actual"),
])
def test_spending_columns(header, scenario):
    from flows.reports.layout.headers import scenario_of

    assert scenario_of(header) == scenario
