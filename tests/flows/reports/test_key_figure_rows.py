"""A key-figure table (invented, in the style of a Danish municipality's "nøgletal" page) prints each row's year and
unit in its label ("Serviceudgifter pr. indb. (2032) (Kr.)", "5. Sociale opgaver (2031) (i 1.000 kr.)"): the year is
the row's cells' year, left out of the row label so the row is the same row in every year's page; "(Kr.)" is kroner
even when the table declares thousands; a row for one sex or age band of a metric is a breakdown member of it."""
from __future__ import annotations

from flows.reports.classify import classify, load_catalog
from flows.reports.document import read_cells

KEY_FIGURES = """# NORDBY | FAKTA | KOMMUNENS ØKONOMI

## Kommunens seneste regnskab

| | Nordby | Sørby | +/- |
| --- | --- | --- | --- |
| 0. Byudvikling og miljø (2031) (i 1.000 kr.) | 50.100 | 20.000 | +30.100 |
| 1. Forsyningsvirksomheder m.v. (2031) (i 1.000 kr.) | 300 | -1.200 | +1.500 |
| 5. Sociale opgaver og beskæftigelse (2031) (i 1.000 kr.) | 1.500.000 | 1.100.000 | +400.000 |
| I alt hovedkonto 0-8 (2031) (i 1.000 kr.) | 1.850.400 | 1.118.800 | +731.600 |

## Økonomi - udgifter

Alle beløb i 1.000 kr.

| | Nordby | Sørby | +/- |
| --- | --- | --- | --- |
| Serviceudgifter pr. indb. (2032) (Kr.) | 51.200 | 48.000 | +3.200 |
| Anlægsudgifter (2032) | 12.400 | 9.000 | +3.400 |
"""


def _cells(text: str, name: str = "nordby_noegletal_2031.md"):
    return {(c.row_label, c.column_label): c for c in read_cells(name, text.encode("utf-8")).cells}


def test_a_rows_bracketed_year_is_its_cells_year_and_left_out_of_its_label():
    cells = _cells(KEY_FIGURES)
    social = cells[("Sociale opgaver og beskæftigelse (i 1.000 kr.)", "Nordby")]
    assert (social.column_year, social.value) == (2031, 1_500_000_000)
    service = cells[("Serviceudgifter pr. indb. (Kr.)", "Sørby")]
    assert service.column_year == 2032  # the row's own year, not the other table's
    assert not any("(2031)" in label or "(2032)" in label for label, _ in cells)


def test_a_kroner_row_stays_in_kroner_under_a_thousands_declaration():
    cells = _cells(KEY_FIGURES)
    assert cells[("Serviceudgifter pr. indb. (Kr.)", "Nordby")].value == 51_200
    # a row of the same table naming no unit takes the table's thousands
    assert cells[("Anlægsudgifter", "Nordby")].value == 12_400_000


def test_a_label_with_two_years_keeps_them_and_names_no_year_of_its_own():
    text = "\n".join(["Nøgletal", "", "| | Nordby |", "| --- | --- |",
                      "| Ændring (2030) mod (2031) i kr. | 1.200 |", "| Skattesats | 25,1 |"])
    cells = _cells(text)
    assert ("Ændring (2030) mod (2031) i kr.", "Nordby") in cells


SICK_LEAVE = """Hallby kommun Personalredovisning 2031

Sjukfrånvaro, %
| | 2029-12-31 | 2030-12-31 | 2031-12-31 |
| --- | --- | --- | --- |
| Total sjukfrånvaro av sammanlagd ordinarie arbetstid | 6,50 | 7,10 | 6,90 |
| Total sjukfrånvaro kvinnor | 7,40 | 8,00 | 7,70 |
| Total sjukfrånvaro män | 3,90 | 4,20 | 4,10 |
| Total sjukfrånvaro 30–49 år | 6,00 | 6,60 | 6,20 |
"""


def test_rows_for_one_sex_or_age_band_are_breakdown_members_not_the_total():
    report = read_cells("hallby_personal_2031.md", SICK_LEAVE.encode("utf-8"))
    _, facts = classify(report.cells, [], report_year=2031, catalog=load_catalog())
    sick = [(f.value_year, f.subject, f.value) for f in facts if f.metric == "sick_leave_pct"]
    totals = sorted((year, value) for year, subject, value in sick if subject is None)
    assert totals == [(2029, 6.5), (2030, 7.1), (2031, 6.9)]
    parts = {(subject, year): value for year, subject, value in sick if subject is not None}
    assert parts[("Total sjukfrånvaro kvinnor", 2031)] == 7.7
    assert parts[("Total sjukfrånvaro män", 2031)] == 4.1
    assert parts[("Total sjukfrånvaro 30–49 år", 2030)] == 6.6
