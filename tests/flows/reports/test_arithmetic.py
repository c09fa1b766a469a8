"""Plain-text rows whose figures read several ways, settled by the table's arithmetic (invented rows)."""
from __future__ import annotations

from flows.reports.layout.arithmetic import decide
from flows.reports.layout.model import Column, Line
from flows.reports.layout.tables import find_tables


def col(label: str, year: int | None, scenario: str) -> Column:
    return Column(label=label, year=year, scenario=scenario)


def test_a_variance_column_tells_where_a_short_budget_figure_ends():
    columns = [col("Regnskap 2031", 2031, "actual"), col("Budsjett 2031", 2031, "budget"), col("Avvik", None, "variance")]
    rows = {1: "412 050 -96 412 146", 2: "12 500 12 000 500"}
    # 412 050 | -96 | 412 146 (-96 - 412 050), not 412 050 | -96 412 | 146
    assert decide(rows, columns, note=False) == {1: (["412 050", "-96", "412 146"], None),
                                                 2: (["12 500", "12 000", "500"], None)}
    columns[2] = col("Prognose", None, "budget")  # no variance column: nothing tells
    assert decide(rows, columns, note=False) == {}


def test_a_sum_row_tells_whether_a_leading_digit_is_a_note():
    columns = [col("Regnskap 2031", 2031, "actual"), col("Regnskap 2030", 2030, "actual")]
    rows = {
        1: "2 310 400 2 250 100",  # 2 310 400, or note 2 + 310 400: the sum says which
        2: "4 120 300 118 900",  # note 4 + 120 300 (the sum), or 4 120 300
        3: "2 430 700 2 369 000",  # the sum
    }
    got = decide(rows, columns, note=True)
    assert got[1] == (["2 310 400", "2 250 100"], None)
    assert got[2] == (["120 300", "118 900"], "4")
    assert decide(rows, columns, note=False) == {}  # no note column: every row reads one way


def test_a_note_printed_as_a_list_stands_before_the_figures():
    columns = [col("Regnskap 2031", 2031, "actual"), col("Regnskap 2030", 2030, "actual")]
    got = decide({1: "1,15 1 467 250 1 435 194", 2: "310 000 305 000"}, columns, note=True)
    assert got[1] == (["1 467 250", "1 435 194"], "1,15")
    assert decide({1: "1,15 1 467 250 1 435 194", 2: "310 000 305 000"}, columns, note=False) == {}


def test_a_statement_read_from_text_takes_the_readings_its_sums_allow():
    text = ["(i 1000 kr)", "Note Regnskap 2031 Regnskap 2030", "Skatt 2 310 400 2 250 100", "Gebyrer 4 120 300 118 900",
            "Sum inntekter 2 430 700 2 369 000"]
    tables, _ = find_tables([Line(page=1, number=n, text=t) for n, t in enumerate(text, start=1)])
    rows = {r.label: (r.code, [v for _, v in r.values]) for t in tables for r in t.rows}
    assert rows["Skatt"] == (None, ["2 310 400", "2 250 100"])
    assert rows["Gebyrer"] == ("4", ["120 300", "118 900"])


def test_a_figure_the_arithmetic_cannot_read_leaves_the_table_to_the_usual_reading():
    text = ["Note Regnskap 2031 Regnskap 2030 Regnskap 2029", "Skatt 2 310 400 2 250 100 2 200 000",
            "Gevinst 16 553 --", "Gebyrer 4 120 300 118 900 117 000"]  # "--": empty cells run together
    tables, warnings = find_tables([Line(page=1, number=n, text=t) for n, t in enumerate(text, start=1)])
    assert not any("not read" in w for w in warnings)
    assert {r.label for t in tables for r in t.rows} >= {"Skatt", "Gebyrer"}


def test_settle_is_the_one_home_of_the_variance_and_magnitude_evidence_for_readings():
    from flows.reports.layout.arithmetic import settle
    from flows.reports.segment import Reading

    rows = [[Reading(None, ("412 050", "-96", "412 146")), Reading(None, ("412 050", "-96 412", "146"))],
            [Reading(None, ("12 500", "12 000", "500"))]]
    columns = [col("Regnskap 2031", 2031, "actual"), col("Budsjett 2031", 2031, "budget"), col("Avvik", None, "variance")]
    decided = settle(rows, columns)
    assert decided[0].reading.figures == ("412 050", "-96", "412 146")  # 412 050 - (-96) = 412 146
    undecided = settle(rows, columns[:2] + [col("Prognose", None, "other")])  # no variance column: nothing tells
    assert undecided[0].reading is None and undecided[0].agreed == {0: "412 050"} and undecided[0].candidates == 2
