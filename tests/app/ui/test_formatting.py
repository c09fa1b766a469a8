"""Table display, CSV export and the chart chosen for an answer (pure functions)."""
from __future__ import annotations

import math

import pandas as pd
import pytest

from app.ui.charts import answer_chart, answer_metric
from app.ui.formatting import column_decimals, format_number, local_timestamp, prepare_display, to_csv_bytes

NBSP, MINUS = "\u00a0", "\u2212"


@pytest.mark.parametrize("value, decimals, expected", [
    (1234567, 0, f"1{NBSP}234{NBSP}567"),
    (1234567.891, 2, f"1{NBSP}234{NBSP}567,89"),
    (2.5, 1, "2,5"),
    (-4572000, 0, f"{MINUS}4{NBSP}572{NBSP}000"),
    (0, 0, "0"),
    (None, 0, "–"),
    (math.nan, 2, "–"),
])
def test_format_number(value, decimals, expected):
    assert format_number(value, decimals) == expected  # the tables' formatter is the one formatter


def test_years_are_not_grouped():
    assert format_number(2020, 0, group=False) == "2020"


def test_column_decimals_are_the_fewest_that_show_every_value():
    assert column_decimals(pd.Series([1.0, 2.0])) == 0
    assert column_decimals(pd.Series([2.5, 4.7])) == 1
    assert column_decimals(pd.Series([14.86, 9454.2])) == 2
    assert column_decimals(pd.Series([1 / 3])) == 2


def test_display_keeps_numbers_and_formats_them_norwegian():
    df = pd.DataFrame({"unit": ["VARIT", None], "year": [2020, 2021], "actual_nok": [51568000.0, 1234.5],
                       "variance_nok": [None, -3949000.0]})
    styler, right = prepare_display(df, "nb")
    html = styler.to_html()
    assert f"51{NBSP}568{NBSP}000,0" in html and "2020" in html and f"2{NBSP}020" not in html
    assert list(styler.data.columns) == ["Enhet", "År", "Regnskap (kr)", "Avvik (kr)"]
    assert styler.data["Regnskap (kr)"].dtype.kind == "f"  # sortable as numbers
    assert styler.data["Avvik (kr)"].tolist() == ["–", f"{MINUS}3{NBSP}949{NBSP}000"]  # a gap shows as a dash
    assert right == ["Avvik (kr)"]
    assert styler.data["Enhet"].tolist() == ["VARIT", "–"]
    english = prepare_display(df, "en")[0]
    assert list(english.data.columns) == ["Unit", "Year", "Actual (NOK)", "Variance (NOK)"]
    assert english.data["Variance (NOK)"].tolist() == ["–", f"{MINUS}3,949,000"]  # English numbers in English


def test_csv_opens_in_norwegian_excel():
    data = to_csv_bytes(pd.DataFrame({"unit": ["Økonomi"], "sick_leave_pct": [2.7]}))
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.decode("utf-8-sig").splitlines() == ["unit;sick_leave_pct", "Økonomi;2,7"]


def test_local_timestamp_is_oslo_time():
    assert local_timestamp(pd.Timestamp("2021-09-30 22:00", tz="UTC")) == "01.10.2021 00:00"
    assert local_timestamp(pd.Timestamp("2021-09-30 22:00"), "en") == "01/10/2021 00:00"  # naive = UTC; English style
    assert local_timestamp(None) == "–"


def result(columns, rows, chart):
    return {"columns": columns, "rows": rows, "chart": chart}


def spec_of(chart) -> dict:
    return chart.to_dict()


def test_trend_is_a_line_with_norwegian_axes():
    chart = answer_chart(result(["unit", "year", "sick_leave_pct"], [["X", 2019, 5.0], ["X", 2020, 4.7]],
                                {"kind": "line", "x": "year", "y": "sick_leave_pct"}))
    spec = spec_of(chart)
    assert spec["mark"]["type"] == "line"
    assert spec["encoding"]["x"]["type"] == "ordinal"  # years are labels, not 2 019
    assert spec["encoding"]["y"]["scale"]["zero"] is True  # 4,7 against 5,0 is not a crash
    assert "%" in spec["encoding"]["y"]["axis"]["labelExpr"]  # percent values say so on every tick
    assert spec["config"]["locale"]["number"] == {"decimal": ",", "thousands": NBSP, "grouping": [3],
                                                   "currency": ["", f"{NBSP}kr"], "minus": MINUS}
    english = spec_of(answer_chart(result(["unit", "year", "sick_leave_pct"], [["X", 2019, 5.0], ["X", 2020, 4.7]],
                                          {"kind": "line", "x": "year", "y": "sick_leave_pct"}), "en"))
    assert english["config"]["locale"]["number"]["decimal"] == "."


def test_comparison_is_zero_based_bars():
    chart = answer_chart(result(["unit", "sick_leave_pct"], [["A", 2.5], ["B", 2.7]],
                                {"kind": "bar", "x": "unit", "y": "sick_leave_pct"}))
    spec = spec_of(chart)
    assert spec["mark"]["type"] == "bar"
    assert spec["encoding"]["y"]["scale"]["zero"] is True


def test_a_change_in_percentage_points_is_labelled_as_points():
    chart = answer_chart(result(["unit", "change_pp"], [["A", -0.3], ["B", 0.4]],
                                {"kind": "bar", "x": "unit", "y": "change_pp"}))
    assert spec_of(chart)["encoding"]["y"]["title"] == "Endring (prosentpoeng)"
    chart = answer_chart(result(["unit", "change_pp"], [["A", -0.3], ["B", 0.4]],
                                {"kind": "bar", "x": "unit", "y": "change_pp"}), "en")
    spec = spec_of(chart)
    assert spec["encoding"]["y"]["title"] == "Change (percentage points)"
    assert "labelExpr" not in spec["encoding"]["y"]["axis"]  # no % on the ticks of a difference


def test_one_value_is_a_metric_not_a_one_bar_chart():
    answer = {"status": "ok", **result(["unit", "year", "sick_leave_pct"], [["VR lønn/regnskap", 2020, 2.5]],
                                       {"kind": "bar", "x": "unit", "y": "sick_leave_pct"})}
    assert answer_chart(answer) is None
    assert answer_metric(answer) == {"label": "Sykefravær (%) · VR lønn/regnskap · 2020", "value": f"2,5{NBSP}%"}
    assert answer_metric(answer, "en")["value"] == "2.5%"
    two = {"status": "ok", **result(["unit", "sick_leave_pct"], [["A", 2.5], ["B", 2.7]], None)}
    assert answer_metric(two) is None


def test_sum_lines_are_drawn_apart_from_the_lines_they_add_up():
    rows = [["Lønn", 65000.0], ["Salgsinntekter", -1009000.0], ["Sum utgifter", -944000.0]]
    spec = spec_of(answer_chart(result(["account", "variance_nok"], rows,
                                       {"kind": "bar", "x": "account", "y": "variance_nok"}),
                                sum_lines={"Sum utgifter"}))
    detail, sums = spec["vconcat"]
    assert detail["title"] == "Linjer" and sums["title"] == "Summer og resultat"
    datasets = spec["datasets"]
    shown = {panel["title"]: {row["account"] for row in datasets[panel["layer"][0]["data"]["name"]]}
             for panel in (detail, sums)}
    assert shown == {"Linjer": {"Lønn", "Salgsinntekter"}, "Summer og resultat": {"Sum utgifter"}}
    # the rows may say it themselves
    flagged = spec_of(answer_chart(result(["account", "variance_nok", "is_sum"],
                                          [r + [r[0].startswith("Sum")] for r in rows],
                                          {"kind": "bar", "x": "account", "y": "variance_nok"})))
    assert len(flagged["vconcat"]) == 2


def test_budget_variance_is_diverging_bars_green_and_red():
    chart = answer_chart(result(["account", "variance_nok"], [["Lønn", 65000.0], ["Salgsinntekter", -1009000.0]],
                                {"kind": "bar", "x": "account", "y": "variance_nok"}))
    spec = spec_of(chart)
    bars = spec["layer"][0]
    assert bars["mark"]["type"] == "bar"
    assert bars["encoding"]["y"]["field"] == "account"  # horizontal: labels are long
    colors = bars["encoding"]["color"]
    assert colors["condition"]["value"] == "#2e7d4f" and colors["value"] == "#c0392b"
    assert spec["layer"][1]["mark"]["type"] == "rule"  # the zero line


def test_value_against_reference_is_grouped_bars():
    chart = answer_chart(result(["quarter", "cases", "average_earlier_years"], [[1, 10859.0, 9454.2]],
                                {"kind": "bar", "x": "quarter", "y": "cases", "compare": "average_earlier_years"}))
    spec = spec_of(chart)
    assert spec["encoding"]["xOffset"]["field"] == "series"
    assert spec["encoding"]["color"]["sort"] == ["Saker", "Snitt tidligere år"]


@pytest.mark.parametrize("chart, rows", [
    (None, [["X", 2020, 2.5]]),
    ({"kind": "line", "x": "year", "y": "sick_leave_pct"}, []),
    ({"kind": "line", "x": "year", "y": "no_such_column"}, [["X", 2020, 2.5]]),
    ({"kind": "line", "x": "year", "y": "unit"}, [["X", 2020, 2.5]]),  # not a number
])
def test_no_chart_when_there_is_nothing_sensible_to_draw(chart, rows):
    assert answer_chart(result(["unit", "year", "sick_leave_pct"], rows, chart)) is None
