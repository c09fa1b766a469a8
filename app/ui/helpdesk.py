"""Helpdesk page: cases per week against earlier years, A/B incidents and SLA results per municipality."""
from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from app.ui.common import lang, load_view, metric_name, show_table, source_caption, t
from app.ui.formatting import COLOR_COMPARE, COLOR_PRIMARY, bar_chart, compare_chart, finish, line_chart


def weekly_chart(weekly: pd.DataFrame) -> alt.TopLevelMixin:
    year = int(weekly["year"].max())
    this = weekly[weekly["year"] == year]
    long = pd.concat([
        this.assign(series=str(year), value=this["tickets"]),
        this.assign(series=t("helpdesk.average"), value=this["average_earlier_years"]),
    ]).dropna(subset=["value"])
    chart = alt.Chart(long).mark_line(point=True).encode(
        x=alt.X("week:O", title=t("helpdesk.period")),
        y=alt.Y("value:Q", title=t("helpdesk.tickets_total")),
        color=alt.Color("series:N", title=None, scale=alt.Scale(range=[COLOR_PRIMARY, COLOR_COMPARE]),
                        sort=[str(year)], legend=alt.Legend(orient="top")),
        strokeDash=alt.StrokeDash("series:N", sort=[str(year)], legend=None),
        tooltip=["week", "series", alt.Tooltip("value:Q", format=",.1f")],
    )
    return finish(chart)


def ticket_sections(data: dict) -> None:
    st.subheader(t("helpdesk.weekly"))
    st.altair_chart(weekly_chart(data["weekly"]), width="stretch")
    st.caption(t("helpdesk.from_tickets"))
    left, right = st.columns(2, gap="large")
    with left:
        st.subheader(t("helpdesk.incidents"))
        inc = data["incidents"]
        if inc.empty:
            st.info(t("helpdesk.no_incidents"))
        else:
            inc = inc.assign(period=inc["year"].astype(str) + " K" + inc["quarter"].astype(str))
            st.altair_chart(bar_chart(inc, "period", "tickets", "priority", lang()), width="stretch")
    with right:
        st.subheader(t("helpdesk.sla"))
        sla_table(data["sla"])


def sla_table(sla: pd.DataFrame) -> None:
    if sla.empty:
        st.info(t("helpdesk.no_sla"))
        return
    shown = sla.copy()
    met_col = next((c for c in ("met", "is_met", "target_met") if c in shown.columns), None)
    if met_col:
        shown[met_col] = shown[met_col].map({True: t("helpdesk.sla_met"),
                                             False: t("helpdesk.sla_missed")}).fillna("–")
    show_table(shown)


def reported_sections(data: dict) -> None:
    st.subheader(t("helpdesk.reported"))
    cases, incidents = data["reported_cases"], data["reported_incidents"]
    sla, contacts = data["reported_sla"], data["reported_contacts"]
    if cases.empty and incidents.empty and sla.empty and contacts.empty:
        st.info(t("helpdesk.no_reported"))
        return
    for unit, unit_cases in cases.groupby("unit", sort=False):
        quarterly = unit_cases[unit_cases["quarter"].notna()]
        actual = quarterly[quarterly["metric_code"] == "cases"]
        if actual.empty:
            continue
        year = int(actual["year"].max())
        this = actual[actual["year"] == year][["quarter", "value"]].rename(columns={"value": "cases"})
        avg = quarterly[(quarterly["metric_code"] == "cases_average") & (quarterly["year"] == year)]
        left, right = st.columns(2, gap="large")
        with left:
            st.markdown(f"**{unit}: {t('helpdesk.quarterly').lower()} {year}**")
            if not avg.empty:
                merged = this.merge(avg[["quarter", "value"]].rename(columns={"value": "average_earlier_years"}),
                                    on="quarter", how="left")
                st.altair_chart(compare_chart(merged, "quarter", "cases", "average_earlier_years", lang()),
                                width="stretch")
            else:
                st.altair_chart(bar_chart(this, "quarter", "cases", None, lang()), width="stretch")
            source_caption(actual[actual["year"] == year])
        with right:
            st.markdown(f"**{unit}: {t('helpdesk.quarterly').lower()}**")
            trend = actual.assign(year=actual["year"].astype(int).astype(str)).rename(columns={"value": "cases"})
            st.altair_chart(line_chart(trend, "quarter", "cases", "year", lang()), width="stretch")
    left, right = st.columns(2, gap="large")
    with left:
        st.markdown(f"**{t('helpdesk.incidents')}**")
        if incidents.empty:
            st.info(t("helpdesk.no_incidents"))
        else:
            inc = incidents.assign(period=incidents["year"].astype(int).astype(str) + " K"
                                   + incidents["quarter"].astype("Int64").astype(str)).rename(
                columns={"value": "ab_incidents"})
            st.altair_chart(bar_chart(inc, "period", "ab_incidents", "unit" if inc["unit"].nunique() > 1 else None,
                                      lang()), width="stretch")
            source_caption(incidents)
    with right:
        st.markdown(f"**{t('helpdesk.sla')}**")
        if sla.empty:
            st.info(t("helpdesk.no_sla"))
        else:
            shown = sla.assign(metric=[metric_name(r) for _, r in sla.iterrows()],
                               kind=sla["qualifier"].fillna("result"))
            pivot = shown.pivot_table(index=["unit", "metric", "year"], columns="kind", values="value",
                                      aggfunc="first").reset_index()
            show_table(pivot)
            source_caption(sla)
    if not contacts.empty:
        st.markdown(f"**{', '.join(sorted({metric_name(r) for _, r in contacts.iterrows()}))}**")
        named = contacts.assign(metric=[metric_name(r) for _, r in contacts.iterrows()])
        yearly = named[named["quarter"].isna() & named["subject"].isna()]
        if yearly["year"].nunique() > 1:
            st.altair_chart(line_chart(yearly, "year", "value", "metric", lang()), width="stretch")
        show_table(yearly[["unit", "metric", "year", "value", "file_name", "page"]])


st.title(t("helpdesk.title"))
overview = load_view("helpdesk_overview", None)
organisation = None
if not overview["organisations"].empty:
    options = [None, *overview["organisations"]["organisation"].tolist()]
    organisation = st.selectbox(t("helpdesk.organisation"), options, key="helpdesk_org", persist_state="session",
                                format_func=lambda o: t("helpdesk.all") if o is None else o)
    if organisation:
        overview = load_view("helpdesk_overview", organisation)

if overview["weekly"].empty:
    st.info(t("helpdesk.no_tickets"), icon=":material/info:")
else:
    ticket_sections(overview)
reported_sections(overview)
