import pytest

from flows.reports.numbers import (
    avvik_identity,
    parse_amount,
    parse_number,
    parse_percent,
    scale_from_declaration,
    split_label_and_values,
    split_row_values,
    sum_identity,
)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("5 897 625", 5897625),
        ("18104219", 18104219),
        ("10.469", 10469),  # dot thousands
        ("1.84", 1.84),
        ("-1 286", -1286),
        ("- 216 022", -216022),
        ("\u2212259 038", -259038),
        ("-", 0.0),
        ("\u2013", 0.0),
        ("13 295 103kr", 13295103),
        ("1.761.942,50", 1761942.5),
        ("0,00", 0.0),
        ("Netto", None),
    ],
)
def test_parse_number(text, expected):
    assert parse_number(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [("4,7 %", 4.7), ("99,81%.", 99.81), ("1297 %", 1297), ("1.84%", 1.84), ("ingen", None)],
)
def test_parse_percent(text, expected):
    assert parse_percent(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("kr 1.8 mill", 1_800_000),
        ("13.2mill.kr.", 13_200_000),
        ("kr 1.761.942,-", 1_761_942),
        ("kr. 1.074.000.-", 1_074_000),
        ("0,75 mill", 750_000),
        ("kr. 1 528 000-", 1_528_000),
        ("ca 21 mill.", 21_000_000),
        ("kr. 627000", 627_000),
    ],
)
def test_parse_amount(text, expected):
    assert parse_amount(text).value_nok == expected


@pytest.mark.parametrize(
    "text, scale",
    [
        ("Tall i 1 kroner", 1),
        ("Tal i 1 kroner", 1),
        ("(Beløp i 1 000 kroner)", 1000),
        ("Alle tall i hele tusen", 1000),
        ("Alle tall i hele 1000", 1000),
        ("Mill.kr.", 1_000_000),
    ],
)
def test_scale_from_declaration(text, scale):
    assert scale_from_declaration(text)[0] == scale


def test_no_scale_in_plain_header():
    assert scale_from_declaration("Regnskap 2020 Budsjett 2020") is None


def test_split_uses_avvik_identity():
    split = split_row_values("16 194 17 122 928 15 945", 4, identity=avvik_identity(0, 1, 2))
    assert split.values == (16194, 17122, 928, 15945)


def test_split_uses_sum_identity():
    split = split_row_values("8 483 7 343 7 210 7 635 30 671", 5, identity=sum_identity([0, 1, 2, 3], 4))
    assert split.values == (8483, 7343, 7210, 7635, 30671)


def test_split_without_identity_prefers_typeset_groups():
    assert split_row_values("3 857 2 111 835 289 521", 5).values == (3857, 2111, 835, 289, 521)


def test_split_row_with_blank_trailing_column():
    split = split_row_values("3 919 2 192 900 329", 5, allow_fewer=True)
    assert split.values == (3919, 2192, 900, 329)


def test_split_mixed_spaced_and_unspaced():
    split = split_row_values("5 687 4572 6 100 1 528", 4, identity=avvik_identity(1, 2, 3))
    assert split.values == (5687, 4572, 6100, 1528)


def test_glued_note_number_is_split_off_the_label():
    label, values = split_label_and_values("Brukerbetalinger19 447 256 430 118")
    assert label == "Brukerbetalinger"
    split = split_row_values(values, 2, allow_note=True)
    assert split.note == "19" and split.values == (447256, 430118)


def test_note_before_signed_value():
    label, values = split_label_and_values("Sum driftsinntekter 1 -156 847 490,77 -123 958 582")
    split = split_row_values(values, 2, allow_note=True)
    assert split.note == "1" and split.values == (-156847490.77, -123958582)


def test_glued_negative_values_are_separated():
    label, values = split_label_and_values("Netto -4 860 000,00-5 041 961,16")
    assert label == "Netto"
    assert split_row_values(values, 2).values == (-4860000.0, -5041961.16)


def test_kr_suffix_marks_the_end_of_each_number():
    assert split_row_values("482 132kr", 5, allow_fewer=True).values == (482132,)


def test_dates_stay_in_the_label():
    label, values = split_label_and_values("Saldo 01.01 13 295 103kr 11 873 441kr")
    assert label == "Saldo 01.01"


@pytest.mark.parametrize("text, n, raw", [
    ("97 810 - 1 415 ---", 6, ("97 810", "-", "1 415", "-", "-", "-")),  # one empty cell per dash
    ("16 553 -----", 6, ("16 553", "-", "-", "-", "-", "-")),
    ("12 700 -- 12 700", 3, ("12 700", "--", "12 700")),  # a run of dashes as one empty cell
])
def test_dash_runs_are_empty_cells_as_the_column_count_reads_them(text, n, raw):
    assert split_row_values(text, n).raw == raw


@pytest.mark.parametrize("line, label, values", [
    ("Rammetilskudd-456 123-470 000", "Rammetilskudd", "-456 123-470 000"),  # the first figure's minus glued to the label
    ("Netto driftsresultat- 987 961 - 393 483", "Netto driftsresultat", "- 987 961 - 393 483"),
    ("Bruk av mindreforbruk0000- 167 924", "Bruk av mindreforbruk", "0 0 0 0 - 167 924"),
    ("Covid-19 tiltak 1 234 2 345", "Covid-19 tiltak", "1 234 2 345"),  # a hyphen inside the label stays
])
def test_figures_glued_to_the_label(line, label, values):
    assert split_label_and_values(line) == (label, values)


@pytest.mark.parametrize("text, pieces", [
    ("14,8-1,4", ["14,8", "-1,4"]),
    ("13,4-1,4-10,5%", ["13,4", "-1,4", "-10,5%"]),
    ("3,9%-0,5", ["3,9%", "-0,5"]),  # after a percent sign too
    ("312 450-12 300-3,9", ["312 450", "-12 300", "-3,9"]),  # spaced thousands: only the minus cuts
    ("67,2\u22122,6", ["67,2", "\u22122,6"]),  # a typeset minus sign, kept with its figure
    ("0-19", ["0", "-19"]),  # a range prints the same way: the caller decides
    ("Skole 67,2 -2,6", ["Skole 67,2 -2,6"]),  # a spaced minus is no glued one
    ("Covid-19", ["Covid-19"]),  # a minus after a letter is no cell break
])
def test_split_glued_minus_cuts_before_a_minus_between_figures(text, pieces):
    from flows.reports.numbers import split_glued_minus
    assert split_glued_minus(text) == pieces
    assert "".join(pieces) == text


@pytest.mark.parametrize("word, value", [
    ("14,8-1,4", True), ("13,4-1,4-10,5%", True), ("3,9%-0,5", True), ("12-3kr", True),
    ("12-05", False),  # a figure after a glued minus has no leading zero: a date or a code
    ("2018-12-31", False), ("67,2\u20132,6", False),  # a date; an en dash between figures (a range)
])
def test_a_word_of_figures_a_glued_minus_separates_is_a_value_word(word, value):
    from flows.reports.numbers import _is_value_word
    assert _is_value_word(word) is value
