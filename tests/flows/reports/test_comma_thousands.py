"""Commas between thousands: "1,250,000" is always a million and a quarter; "70,000" is seventy thousand in an English
text and a decimal in a Norwegian one unless the page's other figures prove the grouping (invented examples)."""
from __future__ import annotations

from flows.reports.document import read_cells
from flows.reports.numbers import comma_grouping_proved, ungroup_commas, writes_english


def _cells(text: str) -> dict[tuple[str, str], float]:
    return {(c.row_label, c.column_label): c.value for c in read_cells("side.txt", text.encode("utf-8")).cells}


def _figures(text: str) -> list[float]:
    return [f.value for f in read_cells("side.txt", text.encode("utf-8")).figures]


def test_number_grammar_of_comma_groups():
    assert ungroup_commas("1,250,000 and 70,000", single_groups=False) == "1250000 and 70,000"
    assert ungroup_commas("1,234.5 og 4,5", single_groups=False) == "1234.5 og 4,5"
    assert ungroup_commas("70,000 customers", single_groups=True) == "70000 customers"
    assert ungroup_commas("4,5 % og 12,75", single_groups=True) == "4,5 % og 12,75"  # no group of three: decimals
    assert ungroup_commas("1.234,567", single_groups=True) == "1.234,567"  # the Danish way is left to the reader
    assert comma_grouping_proved(["12,345", "1,250,000"])
    assert not comma_grouping_proved(["12,345", "4,5"])
    assert not comma_grouping_proved(["12,345", "70,000"])
    assert writes_english(["The company had a good year, and the revenue of the year was higher than planned."])
    assert not writes_english(["Kommunen hadde et godt år, og inntektene var høyere enn budsjettert i året."])


def test_an_english_table_reads_its_commas_as_thousands():
    text = ("Key figures for the year\nItem   2031   2030\nRevenue   1,250,000   1,100,000\n"
            "Costs   70,000   65,500\nThe figures are from the annual accounts of the company.\n")
    cells = _cells(text)
    assert cells[("Revenue", "2031")] == 1_250_000
    assert cells[("Costs", "2031")] == 70_000
    assert cells[("Costs", "2030")] == 65_500


def test_english_prose_figures_with_comma_groups():
    text = "Annual report 2031\n\nThe company had 70,000 customers in 2031 and the staff was 1,250 people in total.\n"
    assert 70_000 in _figures(text)


def test_a_norwegian_single_comma_group_stays_a_decimal():
    text = "Nøkkeltall\nTekst   2031   2030\nGjennomsnitt per elev   12,345   11,250\nAndel   4,5 %   4,1 %\n"
    cells = _cells(text)
    assert cells[("Gjennomsnitt per elev", "2031")] == 12.345


def test_a_norwegian_page_whose_figures_prove_the_grouping():
    text = ("Nøkkeltal for selskapet\nTekst   2031   2030\nOmsetning   1,250,000   1,100,000\n"
            "Kostnader   70,000   65,500\n")
    cells = _cells(text)
    assert cells[("Omsetning", "2031")] == 1_250_000
    assert cells[("Kostnader", "2031")] == 70_000


def test_a_flattened_english_statement_reads_thousands_and_its_scale():
    text = ("Income statement Amounts in NOK thousand 2031 2030 Operating revenue 12,345 11,234 Operating expenses "
            "-10,000 -9,876 Operating profit 2,345 1,358 Net financial items 75 38 Profit for the year 2,420 1,396")
    cells = _cells(text)
    assert cells[("Operating revenue", "2031")] == 12_345_000
    assert cells[("Operating expenses", "2030")] == -9_876_000
