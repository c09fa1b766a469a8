"""Figures run together: every cut that respects thousands grouping, and the table's arithmetic deciding between
the cuts (invented rows)."""
from __future__ import annotations

from flows.reports.segment import Reading, readings, resolve


def figures(text: str, n: int, note: bool = False) -> set[tuple[str | None, tuple[str, ...]]]:
    return {(r.note, r.figures) for r in readings(text, n, note=note)}


def test_a_space_is_only_ever_inside_a_figure_so_glued_groups_cut_one_way():
    assert figures("3 2177 40512 009", 3) == {(None, ("3 217", "7 405", "12 009"))}
    # a figure never starts with a zero: "45 700 | 0016 300" is no cut
    assert figures("45 700 0016 300", 2) == {(None, ("45 700 001", "6 300"))}


def test_small_figures_without_spaces_cut_only_into_groups_of_at_most_three_digits():
    assert figures("4123456789", 3, note=True) == {("4", ("123", "456", "789")), ("41", ("234", "567", "89")),
                                                     ("41", ("23", "456", "789")), ("41", ("234", "56", "789"))}
    assert figures("123456789", 3) == {(None, ("123", "456", "789"))}
    assert figures("12345678901", 3) == set()  # four digits without a space are no figure


def test_dashes_are_empty_cells_and_a_dash_before_a_digit_is_a_minus():
    assert figures("--7 500 000-7 500-12", 4) == {(None, ("-", "-7 500 000", "-7 500", "-12"))}
    assert figures("3 000---", 4) == {(None, ("3 000", "-", "-", "-"))}


def test_a_note_column_lets_a_note_stand_before_the_first_figure_and_every_cut_is_listed():
    got = figures("314 200 90514 000 000", 2, note=True)
    assert got == {(None, ("314 200 905", "14 000 000")), ("3", ("14 200 905", "14 000 000")),
                   ("31", ("4 200 905", "14 000 000"))}
    assert ("4, 12", ("2 300", "2 100")) in figures("4, 122 3002 100", 2, note=True)
    assert all(r.note is None for r in readings("314 200 90514 000 000", 2))  # no note column, no note


def test_decimals_are_settled_by_the_decimals_the_column_prints_elsewhere():
    assert figures("33,142,7", 2) == {(None, ("33,1", "42,7")), (None, ("33,14", "2,7"))}
    table = [readings("33,142,7", 2), readings("12,34,5", 2)]  # the second reads one way: one decimal each
    assert resolve(table)[0].reading.figures == ("33,1", "42,7")
    table = [readings("33,142,7", 2), readings("12,344,5", 2)]  # nothing tells: the first column stays open
    decision = resolve(table)[0]
    assert decision.reading is None and decision.agreed == {}


def test_a_sum_row_decides_which_row_carries_a_note():
    rows = [
        readings("2150 000160 000", 2, note=True),  # note 2: 150 000 | 160 000, or note 21: 50 000 | 160 000
        readings("250 000260 000", 2, note=True),  # 250 000 | 260 000, or note 2: 50 000 | 260 000
        readings("400 000420 000", 2, note=True),  # the sum
    ]
    assert [len(r) for r in rows] == [2, 2, 1]
    decided = resolve(rows)
    assert decided[0].reading == Reading("2", ("150 000", "160 000"))
    assert decided[1].reading == Reading(None, ("250 000", "260 000"))
    rows[2] = readings("400 000421 000", 2, note=True)  # a sum that does not hold decides nothing
    assert resolve(rows)[0].reading is None


def test_a_variance_column_decides_where_the_budget_ends():
    # Regnskap | Budsjett | Avvik printed "9070-20": 90 | 70 | -20 or 907 | 0 | -20
    row = readings("9070-20", 3)
    assert {r.figures for r in row} == {("90", "70", "-20"), ("907", "0", "-20")}
    assert resolve([row], variance=[(2, 0, 1)])[0].reading.figures == ("90", "70", "-20")
    assert resolve([row])[0].reading is None


def test_a_row_equal_to_the_difference_of_the_two_sums_above_is_evidence_too():
    rows = [
        [Reading(None, ("500", "400"))],
        [Reading(None, ("300", "100"))],
        [Reading(None, ("800", "500"))],  # sum of the two above
        [Reading(None, ("200", "150"))],
        [Reading(None, ("50", "50"))],
        [Reading(None, ("250", "200"))],  # sum of the two above
        [Reading(None, ("550", "300")), Reading(None, ("55", "300"))],
    ]
    decided = resolve(rows)
    assert decided[-1].reading.figures == ("550", "300")  # 800 - 250, 500 - 200


def test_the_magnitude_of_the_row_decides_a_note_only_when_the_readings_are_clearly_apart():
    comparable = [0, 1, 2]
    clear = readings("592 480 00090 300 00089 950 000", 3, note=True)  # 592 M, note 5 + 92 M, note 59 + 2 M
    assert len(clear) == 3
    assert resolve([clear], comparable=comparable)[0].reading.note == "5"
    assert resolve([clear])[0].reading is None  # columns that measure different things: no magnitude evidence
    close = readings("518 480 00019 300 00018 950 000", 3, note=True)  # note 5 + 18 M or note 51 + 8 M: too close
    decision = resolve([close], comparable=comparable)[0]
    assert decision.reading is None and decision.agreed == {1: "19 300 000", 2: "18 950 000"}


def test_an_undecided_row_keeps_only_the_figures_every_reading_agrees_on():
    row = readings("214 000 00015 500 000", 2, note=True)  # 214 000 000 | 15 500 000, or note 2 / 21
    decision = resolve([row])[0]
    assert decision.reading is None
    assert decision.agreed == {1: "15 500 000"}
    assert decision.candidates == 3
    nothing = resolve([readings("1234-5", 2)])[0]
    assert nothing.reading is None and nothing.candidates == 0


def test_percent_signs_detached_minus_and_dot_thousands_run_together_too():
    assert figures("12,5 %13,1 %-0,6 %", 3) == {(None, ("12,5 %", "13,1 %", "-0,6 %"))}
    assert figures("- 6 279- 5 0001 279", 3) == {(None, ("- 6 279", "- 5 000", "1 279"))}
    assert figures("1.234.5672.345.67812", 3) == {(None, ("1.234.567", "2.345.678", "12"))}
    assert figures("1.234 567", 1) == set()  # one figure, one kind of separator
    assert Reading(None, ("- 6 279", "12,5 %", "1.234.567")).values == (-6279.0, 12.5, 1234567.0)


def test_a_row_that_sums_the_rows_below_it_decides_too():
    rows = [
        readings("400 000420 000", 2, note=True),  # the total, printed above its parts
        readings("2150 000160 000", 2, note=True),  # note 2 or note 21
        readings("250 000260 000", 2, note=True),  # no note or note 2
    ]
    decided = resolve(rows)
    assert decided[1].reading == Reading("2", ("150 000", "160 000"))
    assert decided[2].reading == Reading(None, ("250 000", "260 000"))


def test_cuts_are_listed_by_where_the_first_figure_ends_and_a_limit_keeps_the_first():
    from flows.reports.segment import cuts

    every = cuts("1234567", 3)
    assert every == (("1", "234", "567"), ("12", "34", "567"), ("12", "345", "67"), ("123", "4", "567"),
                     ("123", "45", "67"), ("123", "456", "7"))
    assert cuts("1234567", 3, 4) == every[:4]  # the glued reader weighs at most its own number of cuts
