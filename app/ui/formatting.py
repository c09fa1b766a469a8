"""Norwegian number formatting and Altair charts for answers and explore pages (no Streamlit here).

Tables keep their numbers as numbers (so sorting and CSV stay exact) and only *display* them in
Norwegian style: space as thousands separator, comma as decimal mark, a real minus sign.
"""
from __future__ import annotations

import math
from numbers import Number

import altair as alt
import pandas as pd

from app.ui.i18n import column_label

# Identifier-like integers: never grouped ("2 020" would be wrong for a year).
PLAIN_INT_COLUMNS = {"year", "quarter", "week", "page", "line", "row_number", "report_year", "value_year",
                     "first_earlier_year", "last_earlier_year", "half", "month"}
ORDINAL_AXES = PLAIN_INT_COLUMNS | {"period", "period_key"}

# Vega-Lite number locale: the axes read like the tables (thin space would be nicer; plain is safer).
NB_LOCALE = {"number": {"decimal": ",", "thousands": "\u00a0", "grouping": [3], "currency": ["", "\u00a0kr"],
                        "minus": "\u2212"}}
COLOR_PRIMARY = "#1f5fa8"
COLOR_COMPARE = "#9aa5b1"
COLOR_GOOD = "#2e7d4f"
COLOR_BAD = "#c0392b"


def format_number(value: object, decimals: int = 0, group: bool = True) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return "–"
    if not isinstance(value, Number):
        return str(value)
    text = f"{float(value):,.{decimals}f}" if group else f"{float(value):.{decimals}f}"
    text = text.replace(",", " ").replace(".", ",")
    return "\u2212" + text[1:] if text.startswith("-") else text


def local_timestamp(value: object) -> str:
    """Oslo wall-clock time, dd.mm.yyyy hh:mm (naive values are taken as UTC, as the pipeline stores them)."""
    if value is None or pd.isna(value):
        return "–"
    ts = pd.Timestamp(value)
    ts = ts.tz_localize("UTC") if ts.tzinfo is None else ts
    return ts.tz_convert("Europe/Oslo").strftime("%d.%m.%Y %H:%M")


def _text(value: object) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return str(value)


def column_decimals(series: pd.Series, max_decimals: int = 2) -> int:
    """The fewest decimals (up to max) that show every value of the column exactly."""
    values = pd.to_numeric(series, errors="coerce").dropna()
    for decimals in range(max_decimals + 1):
        if ((values * 10 ** decimals).round(6) % 1 == 0).all():
            return decimals
    return max_decimals


def is_numeric(series: pd.Series) -> bool:
    return pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series)


def display_frame(df: pd.DataFrame, lang: str = "nb") -> pd.io.formats.style.Styler:
    """The frame with Norwegian display formatting and readable column headers (values unchanged)."""
    return prepare_display(df, lang)[0]


def prepare_display(df: pd.DataFrame, lang: str = "nb") -> tuple[pd.io.formats.style.Styler, list[str]]:
    """(styler, labels of columns to right-align). Numbers stay numbers, so a table sorts by value;
    the grid shows a null cell as "None" whatever the styler says, so text and number columns with
    gaps become text with "–" in the gaps (those number columns are returned for right alignment)."""
    data = df.copy()
    formats, right = {}, []
    for col in data.columns:
        label = column_label(col, lang)
        if is_numeric(data[col]):
            if col in PLAIN_INT_COLUMNS:
                fmt = lambda v: format_number(v, 0, group=False)  # noqa: E731
            else:
                fmt = lambda v, d=column_decimals(data[col]): format_number(v, d)  # noqa: E731
            if data[col].isna().any():
                data[col] = [fmt(v) if pd.notna(v) else "–" for v in data[col]]
                right.append(label)
            else:
                formats[label] = fmt
        elif pd.api.types.is_datetime64_any_dtype(data[col]):
            data[col] = [local_timestamp(v) for v in data[col]]
        elif data[col].dtype == object or pd.api.types.is_string_dtype(data[col]) or data[col].isna().any():
            data[col] = [_text(v) for v in data[col]]
    labelled = data.rename(columns={c: column_label(c, lang) for c in data.columns})
    return labelled.style.format(formats, na_rep="–"), right


def to_csv_bytes(df: pd.DataFrame) -> bytes:
    """CSV as Excel in a Norwegian locale opens it: semicolons, decimal comma, UTF-8 with BOM."""
    return df.to_csv(sep=";", decimal=",", index=False).encode("utf-8-sig")


# --- charts ---------------------------------------------------------------------------------------

def _axis_type(df: pd.DataFrame, col: str) -> str:
    if col in ORDINAL_AXES:
        return "O"
    return "Q" if is_numeric(df[col]) else "N"


def _field(df: pd.DataFrame, col: str, lang: str, **kw):
    return alt.X(f"{col}:{_axis_type(df, col)}", title=column_label(col, lang), **kw)


def finish(chart: alt.TopLevelMixin, height: int = 300) -> alt.TopLevelMixin:
    return chart.properties(height=height).configure(locale=NB_LOCALE).configure_axis(
        labelFontSize=12, titleFontSize=12, grid=True, gridOpacity=0.4)


def answer_chart(result: dict, lang: str = "nb") -> alt.TopLevelMixin | None:
    """The chart the answer's `chart` field suggests: lines for trends, bars for comparisons,
    diverging bars for budget variance, bars against a reference (average, target) when `compare`
    names one. None when there is nothing sensible to draw."""
    spec = result.get("chart")
    if not spec or not result.get("rows"):
        return None
    df = pd.DataFrame(result["rows"], columns=result["columns"])
    x, y = spec.get("x"), spec.get("y")
    if x not in df.columns or y not in df.columns or not is_numeric(df[y]):
        return None
    color = spec.get("color") if spec.get("color") in df.columns else None
    compare = spec.get("compare") if spec.get("compare") in df.columns else None
    if y.startswith("variance") or spec.get("kind") == "variance":
        return variance_chart(df, x, y, lang)
    if compare:
        return compare_chart(df, x, y, compare, lang)
    if spec.get("kind") == "line":
        return line_chart(df, x, y, color, lang)
    return bar_chart(df, x, y, color, lang)


def line_chart(df: pd.DataFrame, x: str, y: str, color: str | None, lang: str) -> alt.TopLevelMixin:
    enc = {"x": _field(df, x, lang, axis=alt.Axis(labelAngle=0)),
           "y": alt.Y(f"{y}:Q", title=column_label(y, lang), scale=alt.Scale(zero=False)),
           "tooltip": [alt.Tooltip(c) for c in [x, y] + ([color] if color else [])]}
    if color:
        enc["color"] = alt.Color(f"{color}:N", title=column_label(color, lang))
    else:
        enc["color"] = alt.value(COLOR_PRIMARY)
    return finish(alt.Chart(df).mark_line(point=alt.OverlayMarkDef(size=60), strokeWidth=2.5).encode(**enc))


def bar_chart(df: pd.DataFrame, x: str, y: str, color: str | None, lang: str) -> alt.TopLevelMixin:
    enc = {"x": _field(df, x, lang, axis=alt.Axis(labelAngle=0 if len(df) <= 8 else -40), sort=None),
           "y": alt.Y(f"{y}:Q", title=column_label(y, lang)),
           "tooltip": [alt.Tooltip(c) for c in [x, y] + ([color] if color else [])]}
    if color:
        enc["color"] = alt.Color(f"{color}:N", title=column_label(color, lang))
        enc["xOffset"] = alt.XOffset(f"{color}:N")
        mark = alt.Chart(df).mark_bar(cornerRadiusTopLeft=2, cornerRadiusTopRight=2)
    else:
        enc["color"] = alt.value(COLOR_PRIMARY)
        # A few wide bars read as a wall of colour: cap their width.
        mark = alt.Chart(df).mark_bar(cornerRadiusTopLeft=2, cornerRadiusTopRight=2, size=48)
    return finish(mark.encode(**enc))


def scenario_chart(df: pd.DataFrame, x: str, y: str, series: str, order: list[str], lang: str) -> alt.TopLevelMixin:
    """Grouped bars with fixed colours per series in `order` (e.g. actual dark, budget grey)."""
    return finish(alt.Chart(df).mark_bar(cornerRadiusTopLeft=2, cornerRadiusTopRight=2).encode(
        x=_field(df, x, lang, axis=alt.Axis(labelAngle=0)),
        xOffset=alt.XOffset(f"{series}:N", sort=order),
        y=alt.Y(f"{y}:Q", title=column_label(y, lang)),
        color=alt.Color(f"{series}:N", title=None, scale=alt.Scale(domain=order, range=[COLOR_PRIMARY, COLOR_COMPARE]),
                        legend=alt.Legend(orient="top")),
        tooltip=[alt.Tooltip(x), alt.Tooltip(f"{series}:N"), alt.Tooltip(f"{y}:Q", format=",.0f")],
    ))


def compare_chart(df: pd.DataFrame, x: str, y: str, compare: str, lang: str) -> alt.TopLevelMixin:
    """Side-by-side bars: the value and its reference (average of earlier years, target)."""
    series_y, series_c = column_label(y, lang), column_label(compare, lang)
    long = df[[x, y, compare]].rename(columns={y: series_y, compare: series_c}).melt(
        id_vars=[x], var_name="series", value_name="value")
    chart = alt.Chart(long).mark_bar(cornerRadiusTopLeft=2, cornerRadiusTopRight=2).encode(
        x=_field(long, x, lang, axis=alt.Axis(labelAngle=0), sort=None),
        xOffset=alt.XOffset("series:N", sort=[series_y, series_c]),
        y=alt.Y("value:Q", title=series_y),
        color=alt.Color("series:N", title=None, sort=[series_y, series_c],
                        scale=alt.Scale(range=[COLOR_PRIMARY, COLOR_COMPARE]),
                        legend=alt.Legend(orient="top")),
        tooltip=[alt.Tooltip(x), alt.Tooltip("series:N"), alt.Tooltip("value:Q", format=",.2~f")],
    )
    return finish(chart)


def variance_chart(df: pd.DataFrame, label: str, variance: str, lang: str) -> alt.TopLevelMixin:
    """Horizontal diverging bars: green where the outcome is better than budget, red where worse."""
    data = df[[label, variance]].copy()
    data[label] = data[label].fillna("").astype(str).replace("", "–")
    chart = alt.Chart(data).mark_bar().encode(
        y=alt.Y(f"{label}:N", title=column_label(label, lang), sort=None, axis=alt.Axis(labelLimit=260)),
        x=alt.X(f"{variance}:Q", title=column_label(variance, lang)),
        color=alt.condition(alt.datum[variance] >= 0, alt.value(COLOR_GOOD), alt.value(COLOR_BAD)),
        tooltip=[alt.Tooltip(label), alt.Tooltip(f"{variance}:Q", format=",.0f")],
    )
    rule = alt.Chart(pd.DataFrame({"zero": [0]})).mark_rule(color="#555").encode(x="zero:Q")
    return finish(alt.layer(chart, rule), height=max(160, 28 * len(data)))
