"""Tables whose cells a text extraction ran together without spaces."""
from __future__ import annotations

from flows.reports.layout.glued import read_rows
from flows.reports.layout.model import Line
from flows.reports.layout.tables import find_tables


def test_figures_run_together_are_cut_where_no_space_is_and_the_column_decimals_settle_ambiguity():
    rows = read_rows(["461 092460 964-1280,0", "354 204,5356 650,02 4460,7", "48 16947 870-299-0,6", "41 664,041 880,52170,5"])
    assert rows == [("461 092", "460 964", "-128", "0,0"), ("354 204,5", "356 650,0", "2 446", "0,7"),
                    ("48 169", "47 870", "-299", "-0,6"), ("41 664,0", "41 880,5", "217", "0,5")]


def test_a_glued_table_becomes_rows_with_their_heads():
    text = ["Tabell", "20202021Endring", "Tilsette461 092460 964-128", "Årsverk354 204356 6502 446", "Vikarar48 16947 870-299"]
    tables, _ = find_tables([Line(page=1, number=n, text=t) for n, t in enumerate(text, start=1)])
    cells = {(r.label, t.columns[c].label): v for t in tables for r in t.rows for c, v in r.values}
    assert cells[("Tilsette", "2021")] == "460 964"
    assert cells[("Årsverk", "2020")] == "354 204"
    assert cells[("Vikarar", "Endring")] == "-299"


def test_a_line_with_spaced_figures_is_no_glued_table():
    text = ["2020 2021", "Tilsette 461 092 460 964", "Årsverk 354 204 356 650", "Vikarar 48 169 47 870"]
    lines = [Line(page=1, number=n, text=t) for n, t in enumerate(text, start=1)]
    from flows.reports.layout.glued import expand_glued
    assert [l.text for l in expand_glued(lines)] == text


def test_rows_that_each_cover_their_own_years_fill_the_years_in_turn_and_keep_their_thousands():
    text = ["Tall i hele tusen.", "Resultat 2013 2014 2015 2016", "Inndekking 2 613 13 549", "Overskudd 15 442 16 295"]
    tables, _ = find_tables([Line(page=1, number=n, text=t) for n, t in enumerate(text, start=1)])
    cells = {(r.label, t.columns[c].year): v for t in tables for r in t.rows for c, v in r.values}
    assert cells == {("Inndekking", 2013): "2 613", ("Inndekking", 2014): "13 549",
                     ("Overskudd", 2015): "15 442", ("Overskudd", 2016): "16 295"}


def test_a_note_column_named_above_stacked_heads_takes_the_note_off_the_first_figure():
    from flows.reports.layout import read_layout

    text = ["Resultaträkning", "", "(mnkr) Not Kommunen Sammanställd redovisning", "Bokslut", "2020", "Bokslut", "2021",
            "Budget", "2021", "Bokslut", "2020", "Bokslut", "2021", " ", "Intäkter", "3 270,6 281,9 252,7 363,3 382,9",
            "Kostnader 4 – 1 329,0 – 1 381,2 – 1 361,3 – 1 333,6 – 1 394,8", "Skatter", "6 805,1 861,9 827,2 805,1 861,9",
            "Justeringar   – 1,6 – 9,2 0,0", "Dekning - - 7 403 26 646 1,0"]
    layout = read_layout("noter.txt", "\n".join(text).encode("utf-8"))
    rows = {r.label: (r.code, [v for _, v in r.values]) for t in layout.tables for r in t.rows}
    assert rows["Intäkter"] == ("3", ["270,6", "281,9", "252,7", "363,3", "382,9"])
    assert rows["Kostnader"] == ("4", ["-1 329,0", "-1 381,2", "-1 361,3", "-1 333,6", "-1 394,8"])
    assert rows["Skatter"] == ("6", ["805,1", "861,9", "827,2", "805,1", "861,9"])
    # a row printing a detached minus under every column: a dash before a figure is a sign, not an empty cell
    assert rows["Justeringar"][1] == ["-1,6", "-9,2", "0,0"]
    assert rows["Dekning"][1] == ["7 403", "26 646", "1,0"]  # a dash after a dash is an empty cell


def test_a_glued_statement_under_a_header_with_a_note_column_is_read_with_its_sums():
    text = ["Resultat drift", "Oversikt driftNoteRegnskap 2031Budsjett 2031Regnskap 2030", "Inntekter",
            "Gebyrer2150 000160 000140 000",  # note 2 (150 000) or note 21 (50 000): the sum tells
            "Tilskudd 250 000260 000255 000",  # no note (250 000) or note 2 (50 000)
            "Sum inntekter 400 000420 000395 000",
            "Utgifter",
            "Lønn3120 500119 000118 000",  # note 3, or note 31 with 20 500: the row's magnitude tells
            "Diverse 15 00011 00010 000",  # no sum below, 15 000 or note 1 + 5 000 are both near the row: open
            ]
    warnings: list[str] = []
    from flows.reports.layout.glued import expand_glued
    lines = expand_glued([Line(page=1, number=n, text=t) for n, t in enumerate(text, start=1)], warnings)
    tables, _ = find_tables(lines)
    rows = {r.label: (r.code, {t.columns[c].label: v for c, v in r.values}) for t in tables for r in t.rows}
    assert rows["Gebyrer"] == ("2", {"Regnskap 2031": "150 000", "Budsjett 2031": "160 000", "Regnskap 2030": "140 000"})
    assert rows["Tilskudd"] == (None, {"Regnskap 2031": "250 000", "Budsjett 2031": "260 000", "Regnskap 2030": "255 000"})
    assert rows["Sum inntekter"][1]["Regnskap 2031"] == "400 000"
    assert rows["Lønn"] == ("3", {"Regnskap 2031": "120 500", "Budsjett 2031": "119 000", "Regnskap 2030": "118 000"})
    # the open row keeps the figures every cut agrees on, and says so with its page and line
    assert rows["Diverse"] == (None, {"Budsjett 2031": "11 000", "Regnskap 2030": "10 000"})
    assert any("page 1 line 9" in w and "2 ways" in w for w in warnings)


def test_a_row_cut_short_does_not_stop_the_rows_around_it_and_reads_as_nothing():
    rows = read_rows(["2 3103 9407 000", "51,349,248,7", "12,6"])  # the last row lost figures: no three-way cut
    assert rows == [("2 310", "3 940", "7 000"), ("51,3", "49,2", "48,7"), None]
    assert read_rows(["2 3103 9407 000", "12,6"]) is None  # one row of two is no run


def test_glued_percent_rows_under_a_year_header_with_a_variance_column():
    text = ["Sjukefråvær", "Eining20312030Endring", "Skule6,5 %7,1 %-0,6 %", "Barnehage9,2 %8,0 %1,2 %",
            "Heimeteneste11,4 %10,3 %1,1 %"]
    tables, _ = find_tables([Line(page=1, number=n, text=t) for n, t in enumerate(text, start=1)])
    cells = {(r.label, t.columns[c].label): v for t in tables for r in t.rows for c, v in r.values}
    assert cells[("Skule", "2031")] == "6,5 %"
    assert cells[("Barnehage", "Endring")] == "1,2 %"
    assert cells[("Heimeteneste", "2030")] == "10,3 %"


def test_glued_heads_over_two_lines_name_the_columns_when_one_line_does_not_fit_the_rows():
    text = ["Drift per eining", "RegnskapBudsjettAvvik", "20312031", "Skule12 40012 000-400", "Barnehage8 1008 300200",
            "Sum20 50020 300-200"]
    tables, _ = find_tables([Line(page=1, number=n, text=t) for n, t in enumerate(text, start=1)])
    cells = {(r.label, t.columns[c].label): v for t in tables for r in t.rows for c, v in r.values}
    # the years line alone names two columns, the rows print three: the two lines together name them
    assert cells[("Skule", "Regnskap")] == "12 400"
    assert cells[("Barnehage", "Avvik")] == "200"
    assert cells[("Sum", "Budsjett")] == "20 300"
    assert not any(r.label.startswith("2031") for t in tables for r in t.rows)


def test_digits_a_label_closes_on_belong_to_the_label():
    text = ["Skjema", "Budsjett 2031Budsjett 2032", "Rammer (1B)840 379820 308", "Avskrivingar40 00041 000",
            "Sum (1B) og avskrivingar880 379861 308"]
    tables, _ = find_tables([Line(page=1, number=n, text=t) for n, t in enumerate(text, start=1)])
    cells = {(r.label, t.columns[c].label): v for t in tables for r in t.rows for c, v in r.values}
    assert cells[("Rammer (1B)", "Budsjett 2031")] == "840 379"
    assert cells[("Sum (1B) og avskrivingar", "Budsjett 2032")] == "861 308"
