"""Rows of figures spaced by thousands under a head printed one cell per line ("Regnskap" / "2016" / ... /
"Budsjett-" / "avvik"): the head gives the column count and the labels with their years; the digit groups of a row
are cut into figures only where the cut is certain (one way, or the one way the table's arithmetic allows), else
the row keeps no column or is left out with a warning naming its page and line (invented texts)."""
from __future__ import annotations

from flows.reports.document import read_cells

HEAD = ["Årsmelding 2017", "", "Driftsregnskap for sentraladministrasjonen", "", "(tusen kroner) Regnskap", "2016",
        "Regnskap", "2017", "Budsjett", "2017", "Budsjett-", "avvik"]
COLUMNS = ["Regnskap 2016", "Regnskap 2017", "Budsjett 2017", "Budsjettavvik"]


def _read(*rows: str):
    text = "\n".join(HEAD + list(rows) + ["", "Kommentarer til regnskapet følger nedenfor."]) + "\n"
    return read_cells("drift.txt", text.encode("utf-8"))


def _cells(report) -> dict[tuple[str, str], float]:
    return {(c.row_label, c.column_label): c.value for c in report.cells}


def test_stacked_head_names_four_columns_with_years_and_rows_cut_into_four_figures():
    report = _read("Skatt på inntekt -412 300 -430 120 -425 000 5 120",
                   "Lønn og sosiale utgifter 2 192 093 2 231 352 2 257 774 26 422",
                   "Kjøp av tjenester 5 493 9 630 0 -9 630")
    cells = _cells(report)
    assert {c.column_label for c in report.cells} == set(COLUMNS)
    assert {c.column_year for c in report.cells if c.column_label == "Regnskap 2016"} == {2016}
    assert [cells[("Lønn og sosiale utgifter", c)] for c in COLUMNS] == [2_192_093_000, 2_231_352_000,
                                                                          2_257_774_000, 26_422_000]
    assert [cells[("Kjøp av tjenester", c)] for c in COLUMNS] == [5_493_000, 9_630_000, 0, -9_630_000]


def test_a_row_of_three_figures_takes_the_columns_where_its_avvik_is_budget_minus_accounts():
    # "9 630 0 -9 630" cuts into four figures two ways (9 630 | 0 | -9 | 630, 9 | 630 | 0 | -9 630), neither with its
    # avvik the budget minus the accounts; as three figures only under the last three columns is it so
    for rows in (["Kjøp av tjenester 9 630 0 -9 630"],
                 ["Lønn og sosiale utgifter 2 192 093 2 231 352 2 257 774 26 422", "Kjøp av tjenester 9 630 0 -9 630",
                  "Overføringer 12 400 11 950 12 000 50"]):
        cells = _cells(_read(*rows))
        assert {c: v for (row, c), v in cells.items() if row == "Kjøp av tjenester"} == {
            "Regnskap 2017": 9_630_000, "Budsjett 2017": 0, "Budsjettavvik": -9_630_000}


def test_a_row_of_one_reading_into_four_figures_whose_avvik_does_not_hold_is_a_row_of_three():
    cells = _cells(_read("Energi 8 337 8 047 -290", "Husleie 2 764 7 133 6 462 -671", "Forsikringer -673 0 673"))
    assert {c: v for (row, c), v in cells.items() if row == "Energi"} == {
        "Regnskap 2017": 8_337_000, "Budsjett 2017": 8_047_000, "Budsjettavvik": -290_000}  # not 8 | 337 | 8 047 | -290
    assert {c: v for (row, c), v in cells.items() if row == "Forsikringer"} == {
        "Regnskap 2017": -673_000, "Budsjett 2017": 0, "Budsjettavvik": 673_000}
    assert cells[("Husleie", "Regnskap 2016")] == 2_764_000


def test_a_unique_reading_that_holds_the_avvik_is_not_cut_to_fewer_figures():
    cells = _cells(_read("Kjøp av tjenester 813 826 905 79", "Bruk av fond 232 164 744 732 737 024 -7 708",
                         "Husleie 6 290 782 9 890 233 10 105 732 215 499"))
    assert [cells[("Kjøp av tjenester", c)] for c in COLUMNS] == [813_000, 826_000, 905_000, 79_000]


def test_a_row_that_cuts_two_ways_alike_under_heads_without_arithmetic_is_not_guessed():
    # no avvik column: nothing tells 9 630 | 0 | -9 | 630 from 9 | 630 | 0 | -9 630
    text = "\n".join(HEAD[:-2] + ["Budsjett", "2018", "Kjøp av tjenester 9 630 0 -9 630", "",
                                   "Kommentarer til regnskapet følger nedenfor."]) + "\n"
    report = read_cells("drift.txt", text.encode("utf-8"))
    got = [c for c in report.cells if c.row_label == "Kjøp av tjenester"]
    assert not any(c.column_label for c in got)  # no figure under a column it may not belong to
    assert sorted(c.value for c in got) == [-9_630_000, 0, 9_630_000]
    assert any("page 1 line 13" in w for w in report.layout.warnings)


def test_a_row_of_two_figures_whose_columns_the_variance_leaves_open_keeps_its_figures_but_no_column():
    # "105 105" under Budsjett | Regnskap | Avvik: accounts and avvik with no budget, or budget and avvik with no
    # accounts; the figures are certain (105 and 105, not 105 105), their columns are not
    text = "\n".join(["Årsmelding 2017", "", "Tall i hele 1000 kr", "Budsjett", "2017", "Regnskap", "2017", "Avvik",
                      "Overføringer 105 105", "Rammetilskudd 5 811 6 395 584", "", "Kommentarer følger."]) + "\n"
    got = read_cells("drift.txt", text.encode("utf-8")).cells
    assert sorted((c.column_label, c.value) for c in got if c.row_label == "Overføringer") == [("", 105_000), ("", 105_000)]
    assert {c.column_label: c.value for c in got if c.row_label == "Rammetilskudd"} == {
        "Budsjett 2017": 5_811_000, "Regnskap 2017": 6_395_000, "Avvik": 584_000}


def test_a_cut_the_sums_allow_gives_way_to_the_variance_in_the_tables_own_sign():
    # "-68 932 -69 739 -807": -68 932 | -69 | 739 | -807 is off by one unit the other way round (739 + 69 = 808);
    # the table's rows print avvik = budget - accounts, which only -68 932 | -69 739 | -807 in the last columns keep
    text = "\n".join(["Årsmelding 2017", "", "Beløp i 1000 kr", "Regnskap", "2016", "Regnskap", "2017", "Budsjett",
                      "2017", "Avvik", "Rammetilskudd -68 932 -69 739 -807", "Refusjoner -62 132 -492 856 0 492 856",
                      "Energi -4 960 659 -7 622 861 -8 362 959 -740 098", "Avskrivninger 98 91 -7", "",
                      "Kommentarer følger."]) + "\n"
    cells = _cells(read_cells("drift.txt", text.encode("utf-8")))
    assert {c: v for (row, c), v in cells.items() if row == "Rammetilskudd"} == {
        "Regnskap 2017": -68_932_000, "Budsjett 2017": -69_739_000, "Avvik": -807_000}


def test_a_scale_declaration_line_above_a_one_row_table_is_no_row_of_its_own():
    text = "\n".join(["Årsmelding 2017", "", "Tall i hele 1000 kr", "Budsjett", "2017", "Regnskap", "2017", "Avvik",
                      "Avskrivninger 621 786 879 526 257 740", "", "Kommentarer følger."]) + "\n"
    cells = _cells(read_cells("drift.txt", text.encode("utf-8")))
    assert cells == {("Avskrivninger", "Budsjett 2017"): 621_786_000, ("Avskrivninger", "Regnskap 2017"): 879_526_000,
                     ("Avskrivninger", "Avvik"): 257_740_000}


def test_a_short_row_whose_groups_read_as_different_counts_takes_the_tables_sizes_and_no_column():
    # "88 131" under three years whose figures have three digits: 88 | 131, not 88 131 under the first year
    text = "\n".join(["Årsmelding 2017", "", "(1000 kr)", "Regnskap", "2015", "Regnskap", "2016", "Regnskap", "2017",
                      "Skatt på inntekt 838 906 815", "Kjøp av tjenester 88 131", "Avdrag på lån 128 153 242",
                      "Refusjoner 618 638 514", "", "Kommentarer følger."]) + "\n"
    got = read_cells("drift.txt", text.encode("utf-8")).cells
    assert sorted((c.column_label, c.value) for c in got if c.row_label == "Kjøp av tjenester") == [
        ("", 88_000), ("", 131_000)]
    assert {c.column_label: c.value for c in got if c.row_label == "Refusjoner"} == {
        "Regnskap 2015": 618_000, "Regnskap 2016": 638_000, "Regnskap 2017": 514_000}
