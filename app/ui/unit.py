"""Unit page: staffing, sick leave and actual vs budget over the years for one unit."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from app.engine.format import format_amount, format_change, format_measure, format_percent
from app.ui.charts import bar_chart, line_chart, scenario_chart, variance_chart
from app.ui.common import lang, load_view, metric_delta, metric_name, show_table, source_caption, t


def with_metric_names(df: pd.DataFrame) -> pd.DataFrame:
    df = df.copy()
    # object dtype even when empty: an empty list would become float64, and adding text to it fails
    df["metric"] = pd.Series([metric_name(r) for _, r in df.iterrows()], index=df.index, dtype="object")
    if "qualifier" in df.columns:
        target = df["qualifier"].eq("target")
        df.loc[target, "metric"] = df.loc[target, "metric"] + f" ({t('unit.target')})"
    return df


def trend(df: pd.DataFrame, y: str = "value", color: str = "metric") -> None:
    """A line per series when there are several years, else bars per series."""
    if df["year"].nunique() > 1:
        st.altair_chart(line_chart(df, "year", y, color, lang()), width="stretch")
    else:
        st.altair_chart(bar_chart(df, color, y, None, lang()), width="stretch")


def kpi(col, label: str, series: pd.DataFrame, unit_of_measure: str = "count") -> None:
    """The latest value with its change since the year before (percentage points for percentages)."""
    if series.empty:
        col.metric(label, "–")
        return
    series = series.sort_values("year")
    last = series.iloc[-1]
    delta = None
    if len(series) > 1:
        prev = series.iloc[-2]
        delta = f"{metric_delta(format_change(last['value'] - prev['value'], unit_of_measure, lang()))} " \
                f"({int(prev['year'])})"
    col.metric(f"{label} {int(last['year'])}", format_measure(last["value"], unit_of_measure, lang()), delta,
               delta_color="inverse" if unit_of_measure == "pct" else "normal",
               chart_data=series["value"].tolist() if len(series) > 1 else None, chart_type="line")


st.title(t("unit.title"))
units = load_view("list_units")
if units.empty:
    st.info(t("unit.none"))
    st.stop()

keys = units["unit_key"].tolist()
names = dict(zip(units["unit_key"], units["unit_name"]))
wanted = st.query_params.get("unit")
if wanted in keys and wanted != st.session_state.get("unit_in_url"):
    st.session_state.unit_pick = wanted  # a link to one unit (?unit=key) picks it
unit_key = st.selectbox(t("unit.pick"), keys, format_func=names.get, key="unit_pick", persist_state="session")
st.query_params["unit"] = st.session_state.unit_in_url = unit_key
data = load_view("unit_overview", unit_key)

info = data["unit"].iloc[0] if not data["unit"].empty else None
st.header(names[unit_key])
if info is not None:
    details = [t("unit.organisation", organisation=info["organisation"])] if pd.notna(info["organisation"]) else []
    if pd.notna(info["leader"]):
        details.append(t("unit.leader", leader=info["leader"]))
    if details:
        st.caption(" · ".join(details))

staffing = with_metric_names(data["staffing"])
sick = with_metric_names(data["sick_leave"])
annual_sick = sick[(sick["metric_code"] == "sick_leave_pct") & sick["quarter"].isna() & sick["qualifier"].isna()]
budget_years = data["budget_years"]
rows = data["budget_rows"]

c1, c2, c3, c4 = st.columns(4)
kpi(c1, metric_name(staffing[staffing.metric_code == "fte"].iloc[0]) if (staffing.metric_code == "fte").any()
    else t("unit.staffing"), staffing[staffing.metric_code == "fte"][["year", "value"]], "fte")
kpi(c2, t("unit.sick_leave"), annual_sick[["year", "value"]], "pct")
result = data["budget_result"]
if not result.empty:
    last = result.sort_values("year").iloc[-1]
    c3.metric(f"{t('unit.result')} {int(last['year'])}", format_amount(last["value"], lang()))
else:
    c3.metric(t("unit.result"), "–")
if not rows.empty:
    net = rows[rows["row_code"] == "C"].sort_values("year")
    if not net.empty and pd.notna(net.iloc[-1]["actual_pct_of_budget"]):
        c4.metric(f"{t('unit.actual')} / {t('unit.budget_label').lower()} {int(net.iloc[-1]['year'])}",
                  format_percent(net.iloc[-1]["actual_pct_of_budget"], 1, lang()))

left, right = st.columns(2, gap="large")
with left:
    st.subheader(t("unit.staffing"))
    if staffing.empty:
        st.info(t("unit.no_staffing"))
    else:
        trend(staffing)
        source_caption(staffing)
        with st.expander(t("unit.staffing")):
            show_table(staffing[["metric", "year", "value", "file_name", "page"]])
with right:
    st.subheader(t("unit.sick_leave"))
    if sick.empty:
        st.info(t("unit.no_sick_leave"))
    else:
        yearly = sick[sick["quarter"].isna()]
        trend(yearly if not yearly.empty else sick)
        source_caption(sick)
        with st.expander(t("unit.sick_leave")):
            show_table(sick[["metric", "year", "quarter", "value", "file_name", "page"]])

st.subheader(t("unit.budget"))
if budget_years.empty and rows.empty:
    st.info(t("unit.no_budget"))
else:
    left, right = st.columns(2, gap="large")
    with left:
        if not budget_years.empty:
            by = budget_years.copy()
            by["scenario"] = by["scenario_en"] if lang() == "en" else by["scenario_nb"]
            order = list(by.sort_values("is_budget")["scenario"].drop_duplicates())
            st.altair_chart(scenario_chart(by, "year", "amount_nok", "scenario", order, lang()), width="stretch")
            source_caption(by)
    with right:
        if not rows.empty:
            year = int(rows["year"].max())
            latest = rows[rows["year"] == year].copy()
            latest["account"] = [
                f"{c} {lbl}".strip() if pd.notna(c) and str(lbl).strip() != str(c) else (lbl or c or "–")
                for c, lbl in zip(latest["row_code"].fillna(""), latest["row_label"].fillna(""))]
            st.caption(t("unit.budget_rows", year=year))
            st.altair_chart(variance_chart(latest, "account", "variance_nok", lang()), width="stretch")
    if not rows.empty:
        with st.expander(t("unit.budget")):
            show_table(rows[["year", "row_code", "row_label", "actual_nok", "budget_nok", "variance_nok",
                             "actual_pct_of_budget", "file_name", "page"]])

obs = data.get("observations")
if obs is not None and not obs.empty:
    st.subheader(t("unit.observations"))
    for r in obs.itertuples():
        st.caption(f"{r.year}: «{r.observation}» — {r.file_name} {t('fmt.page')} {r.page}")
