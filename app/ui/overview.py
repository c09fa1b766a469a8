"""Overview page per organisation: the latest key figures with their trend, budget vs actual per
service area, sick leave per unit and tickets per month, each with the document page it comes from."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from app.engine.format import format_change, format_measure
from app.ui.charts import bar_chart, month_bars, scenario_chart
from app.ui.common import VIEWER_PAGE, lang, load_view, metric_delta, show_table, source_link, t
from app.ui.source_page import printed_figure

KEY_FIGURES = 8
PER_ROW = 4


def link_to_source(row, values: list, suffix: str = "") -> None:
    """The figure's document page in the source viewer, the printed figure marked."""
    source_link(row.get("document_id"), row.get("file_name"), row.get("page"),
                printed_figure(row.get("excerpt"), values), row.get("line"), suffix)


def key_figures(frame: pd.DataFrame) -> None:
    st.subheader(t("overview.key_figures"))
    if frame.empty:
        st.info(t("overview.no_key_figures"))
        return
    codes = list(dict.fromkeys(frame["metric_code"]))[:KEY_FIGURES]
    for start in range(0, len(codes), PER_ROW):
        cols = st.columns(PER_ROW)
        for col, code in zip(cols, codes[start:start + PER_ROW]):
            series = frame[frame["metric_code"] == code].sort_values("year")
            last = series.iloc[-1]
            unit = last["unit_of_measure"]
            name = last["name_en"] if lang() == "en" and last["name_en"] else last["name_nb"]
            delta = None
            if len(series) > 1:
                prev = series.iloc[-2]
                delta = f"{metric_delta(format_change(last['value'] - prev['value'], unit, lang()))} " \
                        f"({int(prev['year'])})"
            with col:
                st.metric(f"{name} {int(last['year'])}", format_measure(last["value"], unit, lang()), delta,
                          delta_color="off", chart_data=series["value"].tolist() if len(series) > 1 else None,
                          chart_type="line", border=True,
                          help=t("overview.series_help", unit=last["unit_name"], years=len(series)))
                link_to_source(last, [last["value"]])


def budget(frame: pd.DataFrame) -> None:
    st.subheader(t("overview.budget"))
    if frame.empty:
        st.info(t("overview.no_budget"))
        return
    units = list(dict.fromkeys(frame["unit_key"]))
    cols = st.columns(min(len(units), 2))
    for i, unit_key in enumerate(units):
        part = frame[frame["unit_key"] == unit_key]
        long = pd.concat([
            part.assign(scenario=t("unit.actual"), amount_nok=part["actual_nok"]),
            part.assign(scenario=t("unit.budget_label"), amount_nok=part["budget_nok"]),
        ])
        with cols[i % len(cols)]:
            st.markdown(f"**{part.iloc[0]['unit_name']}** · {int(part.iloc[0]['year'])}")
            st.altair_chart(scenario_chart(long, "row_label", "amount_nok", "scenario",
                                           [t("unit.actual"), t("unit.budget_label")], lang()), width="stretch")
            first = part.iloc[0]
            link_to_source(first, [first["actual_nok"], first["budget_nok"]])
            st.caption(t("overview.sum_lines_note"))
    with st.expander(t("overview.budget_table")):
        show_table(frame[["unit_name", "year", "row_label", "actual_nok", "budget_nok", "variance_nok", "file_name",
                          "page"]])


def sick_leave(frame: pd.DataFrame) -> None:
    st.subheader(t("overview.sick_leave"))
    if frame.empty:
        st.info(t("overview.no_sick_leave"))
        return
    if len(frame) == 1:  # one value is a number, not a one-bar chart
        row = frame.iloc[0]
        st.metric(f"{row['unit_name']} {int(row['year'])}", format_measure(row["value"], "pct", lang()))
    else:
        shown = frame.rename(columns={"unit_name": "unit", "value": "sick_leave_pct"})
        st.altair_chart(bar_chart(shown, "unit", "sick_leave_pct", None, lang()), width="stretch")
    many = len(frame) > 3
    with st.expander(t("chat.sources"), icon=":material/description:") if many else st.container():
        for _, row in frame.iterrows():
            link_to_source(row, [row["value"]], f" · {row['unit_name']} {int(row['year'])}")


def tickets(frame: pd.DataFrame, org: str) -> None:
    st.subheader(t("overview.tickets"))
    if frame.empty:
        st.info(t("overview.no_tickets"))
        return
    st.altair_chart(month_bars(frame.rename(columns={"tickets": "cases"}), "month", "cases", lang()), width="stretch")
    st.caption(":material/table_rows: " + t("overview.tickets_source"))
    with st.expander(t("overview.tickets_months"), icon=":material/table_rows:"):
        cols = st.columns(4)
        for i, row in enumerate(frame.itertuples()):
            month = pd.Timestamp(row.month).strftime("%Y-%m")
            cols[i % len(cols)].page_link(VIEWER_PAGE, label=f"{month}: {format_measure(row.tickets, 'count', lang())}",
                                          icon=":material/table_rows:", query_params={"org": org, "month": month})


st.title(t("overview.title"))
organisations = load_view("list_organisations")
if organisations.empty:
    st.info(t("overview.none"))
    st.stop()
keys = organisations["organisation_key"].tolist()
names = dict(zip(organisations["organisation_key"], organisations["organisation_name"]))
wanted = st.query_params.get("org")
if wanted in keys and wanted != st.session_state.get("org_in_url"):
    st.session_state.overview_org = wanted  # a link to one organisation (?org=key) picks it
org = st.selectbox(t("overview.pick"), keys, format_func=names.get, key="overview_org")
st.query_params["org"] = st.session_state.org_in_url = org
data = load_view("organisation_overview", org)

st.header(names[org])
key_figures(data["key_figures"])
left, right = st.columns(2, gap="large")
with left:
    sick_leave(data["sick_leave"])
with right:
    tickets(data["tickets"], org)
budget(data["budget"])
