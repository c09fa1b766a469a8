"""Altair charts for answers and explore pages that do not mislead (no Streamlit here).

- Bars and lines start at zero: a 0,3-point drop must not look like a crash.
- Percent axes say %, differences of percentages say percentage points.
- Sum lines (totals, subtotals) are drawn apart from the detail lines they add up.
- One value is a metric (`answer_metric`), never a one-bar chart.
Numbers on axes and in tooltips use the language's symbols from app.engine.format (Babel).
"""
from __future__ import annotations

import altair as alt
import pandas as pd

from app.engine.format import format_amount, format_number, format_percent, format_points, vega_locale
from app.ui.formatting import ORDINAL_AXES, column_kind, is_numeric
from app.ui.i18n import column_label, translate

COLOR_PRIMARY = "#1f5fa8"
COLOR_COMPARE = "#9aa5b1"
COLOR_GOOD = "#2e7d4f"
COLOR_BAD = "#c0392b"
NB_LOCALE = vega_locale("nb")  # kept for callers that configure a chart themselves
VARIANCE_WIDTH = 380  # stacked panels cannot take the container's width; this fits a chat column beside the labels


def _axis_type(df: pd.DataFrame, col: str) -> str:
    if col in ORDINAL_AXES:
        return "O"
    return "Q" if is_numeric(df[col]) else "N"


def _field(df: pd.DataFrame, col: str, lang: str, **kw):
    return alt.X(f"{col}:{_axis_type(df, col)}", title=column_label(col, lang), **kw)


def value_axis(col: str, lang: str, title: str | None = None) -> alt.Axis:
    """Percent columns carry % on every tick; percentage-point columns say so in the title."""
    kind = column_kind(col)
    if kind == "pct":
        suffix = "%" if lang == "en" else "\u00a0%"
        return alt.Axis(title=title, labelExpr=f"format(datum.value, ',~f') + '{suffix}'")
    return alt.Axis(title=title, format=",~f")


def value_title(col: str, lang: str) -> str:
    label = column_label(col, lang)
    if column_kind(col) == "pp" and translate("chart.points", lang) not in label:
        label = f"{label} ({translate('chart.points', lang)})"
    return label


def _y(col: str, lang: str, title: str | None = None) -> alt.Y:
    title = title or value_title(col, lang)
    return alt.Y(f"{col}:Q", title=title, scale=alt.Scale(zero=True), axis=value_axis(col, lang, title))


def finish(chart: alt.TopLevelMixin, height: int = 300, lang: str = "nb") -> alt.TopLevelMixin:
    return chart.properties(height=height).configure(locale=vega_locale(lang)).configure_axis(
        labelFontSize=12, titleFontSize=12, grid=True, gridOpacity=0.4)


def _tooltip(col: str, df: pd.DataFrame, lang: str) -> alt.Tooltip:
    if col in df.columns and is_numeric(df[col]) and col not in ORDINAL_AXES:
        return alt.Tooltip(f"{col}:Q", title=column_label(col, lang), format=",~f")
    return alt.Tooltip(f"{col}:{'O' if col in ORDINAL_AXES else 'N'}", title=column_label(col, lang))


# --- answers ---------------------------------------------------------------------------------------

def answer_frame(result: dict) -> pd.DataFrame:
    return pd.DataFrame(result.get("rows") or [], columns=result.get("columns") or [])


def answer_metric(result: dict, lang: str = "nb") -> dict | None:
    """{label, value} when the answer is one number (one row, one measure): shown as a metric."""
    rows = result.get("rows") or []
    if len(rows) != 1 or result.get("status", "ok") != "ok":
        return None
    df = answer_frame(result)
    spec = result.get("chart") or {}
    if spec.get("compare") in df.columns:
        return None  # a value against its reference is two bars worth comparing
    measure = spec.get("y") if spec.get("y") in df.columns else None
    if measure is None:
        numeric = [c for c in df.columns if is_numeric(df[c]) and c not in ORDINAL_AXES]
        if len(numeric) != 1:
            return None
        measure = numeric[0]
    if not is_numeric(df[measure]):
        return None
    context = [str(df.iloc[0][c]) for c in df.columns
               if c != measure and (c in ORDINAL_AXES or not is_numeric(df[c])) and pd.notna(df.iloc[0][c])]
    return {"label": " · ".join([column_label(measure, lang), *context]),
            "value": format_cell(df.iloc[0][measure], measure, lang)}


def format_cell(value, col: str, lang: str) -> str:
    kind = column_kind(col)
    if kind == "pct":
        return format_percent(value, 1, lang)
    if kind == "pp":
        return format_points(value, 1, lang)
    if kind == "nok":
        return format_amount(value, lang)
    return format_number(value, None, lang)


def answer_chart(result: dict, lang: str = "nb", sum_lines: frozenset[str] | set[str] = frozenset()
                 ) -> alt.TopLevelMixin | None:
    """The chart the answer's `chart` field suggests: lines for trends, bars for comparisons, diverging
    bars for budget variance (sum lines apart; `sum_lines` names them when the rows do not say it
    with an `is_sum` column), bars against a reference when `compare` names one. None when there is
    nothing sensible to draw, or one value (see answer_metric)."""
    spec = result.get("chart")
    if not spec or not result.get("rows") or answer_metric(result, lang) is not None:
        return None
    df = answer_frame(result)
    x, y = spec.get("x"), spec.get("y")
    if x not in df.columns or y not in df.columns or not is_numeric(df[y]):
        return None
    color = spec.get("color") if spec.get("color") in df.columns else None
    compare = spec.get("compare") if spec.get("compare") in df.columns else None
    if y.startswith("variance") or spec.get("kind") == "variance":
        is_sum = (df["is_sum"].fillna(False).astype(bool) if "is_sum" in df.columns
                  else df[x].astype(str).isin(set(sum_lines)))
        return variance_chart(df.assign(is_sum=is_sum.to_numpy()), x, y, lang)
    if compare:
        return compare_chart(df, x, y, compare, lang)
    if spec.get("kind") == "line":
        return line_chart(df, x, y, color, lang)
    return bar_chart(df, x, y, color, lang)


def line_chart(df: pd.DataFrame, x: str, y: str, color: str | None, lang: str) -> alt.TopLevelMixin:
    enc = {"x": _field(df, x, lang, axis=alt.Axis(labelAngle=0)), "y": _y(y, lang),
           "tooltip": [_tooltip(c, df, lang) for c in [x, y] + ([color] if color else [])]}
    enc["color"] = alt.Color(f"{color}:N", title=column_label(color, lang)) if color else alt.value(COLOR_PRIMARY)
    return finish(alt.Chart(df).mark_line(point=alt.OverlayMarkDef(size=60), strokeWidth=2.5).encode(**enc),
                  lang=lang)


def bar_chart(df: pd.DataFrame, x: str, y: str, color: str | None, lang: str) -> alt.TopLevelMixin:
    enc = {"x": _field(df, x, lang, axis=alt.Axis(labelAngle=0 if len(df) <= 8 else -40), sort=None),
           "y": _y(y, lang), "tooltip": [_tooltip(c, df, lang) for c in [x, y] + ([color] if color else [])]}
    if color:
        enc["color"] = alt.Color(f"{color}:N", title=column_label(color, lang))
        enc["xOffset"] = alt.XOffset(f"{color}:N")
        mark = alt.Chart(df).mark_bar(cornerRadiusTopLeft=2, cornerRadiusTopRight=2)
    else:
        enc["color"] = alt.value(COLOR_PRIMARY)
        # A few wide bars read as a wall of colour: cap their width.
        mark = alt.Chart(df).mark_bar(cornerRadiusTopLeft=2, cornerRadiusTopRight=2, size=48)
    return finish(mark.encode(**enc), lang=lang)


def scenario_chart(df: pd.DataFrame, x: str, y: str, series: str, order: list[str], lang: str) -> alt.TopLevelMixin:
    """Grouped bars with fixed colours per series in `order` (e.g. actual dark, budget grey)."""
    return finish(alt.Chart(df).mark_bar(cornerRadiusTopLeft=2, cornerRadiusTopRight=2).encode(
        x=_field(df, x, lang, axis=alt.Axis(labelAngle=0 if df[x].nunique() <= 8 else -40), sort=None),
        xOffset=alt.XOffset(f"{series}:N", sort=order),
        y=_y(y, lang),
        color=alt.Color(f"{series}:N", title=None, scale=alt.Scale(domain=order, range=[COLOR_PRIMARY, COLOR_COMPARE]),
                        legend=alt.Legend(orient="top")),
        tooltip=[_tooltip(x, df, lang), alt.Tooltip(f"{series}:N"), _tooltip(y, df, lang)],
    ), lang=lang)


def compare_chart(df: pd.DataFrame, x: str, y: str, compare: str, lang: str) -> alt.TopLevelMixin:
    """Side-by-side bars: the value and its reference (average of earlier years, target)."""
    series_y, series_c = column_label(y, lang), column_label(compare, lang)
    long = df[[x, y, compare]].rename(columns={y: series_y, compare: series_c}).melt(
        id_vars=[x], var_name="series", value_name="value")
    chart = alt.Chart(long).mark_bar(cornerRadiusTopLeft=2, cornerRadiusTopRight=2).encode(
        x=_field(long, x, lang, axis=alt.Axis(labelAngle=0), sort=None),
        xOffset=alt.XOffset("series:N", sort=[series_y, series_c]),
        y=alt.Y("value:Q", title=series_y, scale=alt.Scale(zero=True), axis=value_axis(y, lang, series_y)),
        color=alt.Color("series:N", title=None, sort=[series_y, series_c],
                        scale=alt.Scale(range=[COLOR_PRIMARY, COLOR_COMPARE]),
                        legend=alt.Legend(orient="top")),
        tooltip=[_tooltip(x, long, lang), alt.Tooltip("series:N"), alt.Tooltip("value:Q", format=",~f")],
    )
    return finish(chart, lang=lang)


def variance_chart(df: pd.DataFrame, label: str, variance: str, lang: str) -> alt.TopLevelMixin:
    """Horizontal diverging bars: green where the outcome is better than budget, red where worse.
    Detail lines on top; sum lines (column `is_sum`) in a panel of their own below, so a total never
    stands as one more bar among the lines it adds up."""
    data = df[[label, variance] + (["is_sum"] if "is_sum" in df.columns else [])].copy()
    data[label] = data[label].fillna("").astype(str).replace("", "–")
    if "is_sum" not in data.columns:
        data["is_sum"] = False
    panels = []
    for is_sum, title_key in ((False, "chart.detail_lines"), (True, "chart.sum_lines")):
        part = data[data["is_sum"] == is_sum]
        if part.empty:
            continue
        bars = alt.Chart(part).mark_bar(opacity=0.75 if is_sum else 1).encode(
            y=alt.Y(f"{label}:N", title=None, sort=None, axis=alt.Axis(labelLimit=260)),
            x=alt.X(f"{variance}:Q", title=column_label(variance, lang), axis=alt.Axis(format=",~f")),
            color=alt.condition(alt.datum[variance] >= 0, alt.value(COLOR_GOOD), alt.value(COLOR_BAD)),
            tooltip=[_tooltip(label, part, lang), _tooltip(variance, part, lang)],
        )
        rule = alt.Chart(pd.DataFrame({"zero": [0]})).mark_rule(color="#555").encode(x="zero:Q")
        panels.append(alt.layer(bars, rule).properties(
            title=translate(title_key, lang), height=max(60, 26 * len(part)), width=VARIANCE_WIDTH))
    chart = panels[0] if len(panels) == 1 else alt.vconcat(*panels).resolve_scale(x="shared")
    return chart.configure(locale=vega_locale(lang)).configure_axis(labelFontSize=12, titleFontSize=12, grid=True,
                                                                    gridOpacity=0.4)


def month_bars(df: pd.DataFrame, x: str, y: str, lang: str, height: int = 220) -> alt.TopLevelMixin:
    """Counts per month (e.g. tickets), zero-based; one labelled bar per month, in order."""
    data = df.copy()
    months = pd.to_datetime(data[x])
    data["period"] = months.dt.strftime("%b %Y" if lang == "en" else "%m.%Y")
    order = list(dict.fromkeys(data.sort_values(x)["period"]))
    return finish(alt.Chart(data).mark_bar(color=COLOR_PRIMARY, size=28 if len(order) <= 12 else None).encode(
        x=alt.X("period:O", title=column_label(x, lang), sort=order,
                axis=alt.Axis(labelAngle=0 if len(order) <= 12 else -40)),
        y=_y(y, lang), tooltip=[alt.Tooltip("period:O", title=column_label(x, lang)), _tooltip(y, data, lang)]),
        height, lang)
