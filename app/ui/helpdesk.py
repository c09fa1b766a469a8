"""Helpdesk page: cases per week against earlier years, A/B incidents and SLA results per municipality."""
from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from app.engine.format import format_number, format_percent, format_points
from app.ui.charts import COLOR_COMPARE, COLOR_PRIMARY, bar_chart, compare_chart, finish, line_chart
from app.ui.common import lang, load_view, metric_delta, metric_name, show_table, source_caption, t
from app.ui.i18n import column_label

PRIORITY_COLORS = alt.Scale(domain=["A", "B"], range=["#c0392b", "#e67e22"])


def weekly_chart(weekly: pd.DataFrame) -> alt.TopLevelMixin:
    year = int(weekly["year"].max())
    this = weekly[weekly["year"] == year]
    series = [this.assign(series=str(year), value=this["tickets"])]
    if this["average_earlier_years"].notna().any():
        series.append(this.assign(series=t("helpdesk.average"), value=this["average_earlier_years"]))
    if this["report_weekly_average"].notna().any():
        years = this["report_average_years"].dropna().iloc[0]
        series.append(this.assign(series=t("helpdesk.report_average", years=years),
                                  value=this["report_weekly_average"]))
    long = pd.concat(series).dropna(subset=["value"])
    order = list(dict.fromkeys(long["series"]))
    chart = alt.Chart(long).mark_line(point=True, strokeWidth=2.5).encode(
        x=alt.X("week:O", title=t("helpdesk.week"), axis=alt.Axis(labelAngle=0)),
        y=alt.Y("value:Q", title=t("helpdesk.tickets_total")),
        color=alt.Color("series:N", title=None, sort=order,
                        scale=alt.Scale(domain=order, range=[COLOR_PRIMARY, COLOR_COMPARE, "#6c7a89"]),
                        legend=alt.Legend(orient="top", labelLimit=400)),
        strokeDash=alt.StrokeDash("series:N", sort=order, legend=None,
                                  scale=alt.Scale(domain=order, range=[[1, 0], [6, 3], [2, 2]])),
        tooltip=[alt.Tooltip("week:O", title=t("helpdesk.week")), alt.Tooltip("series:N", title=" "),
                 alt.Tooltip("value:Q", format=",.0f", title=t("helpdesk.tickets_total"))],
    )
    return finish(chart, height=320, lang=lang())


def sla_frame(sla: pd.DataFrame) -> pd.DataFrame:
    shown = sla.assign(metric=[metric_name(r) for _, r in sla.iterrows()])
    shown["source"] = shown["source"].map(lambda s: t(f"helpdesk.source.{s}") if s in ("report", "tickets") else s)
    shown["met"] = shown["met"].map(lambda m: t("helpdesk.sla_met") if m is True
                                    else t("helpdesk.sla_missed") if m is False else "–")
    return shown[["metric", "year", "source", "target", "result", "met", "file_name", "page"]]


def style_met(styler):
    """Met in green, missed in red: the column a controller scans first."""
    met, missed = t("helpdesk.sla_met"), t("helpdesk.sla_missed")
    return styler.map(lambda v: "color: #2e7d4f; font-weight: 600" if v == met
                      else "color: #c0392b; font-weight: 600" if v == missed else "",
                      subset=[column_label("met", lang())])


def ticket_sections(data: dict, organisation: str | None) -> None:
    weekly, incidents, sla = data["weekly"], data["incidents"], data["sla"]
    year = int(weekly["year"].max())
    c1, c2, c3 = st.columns(3)
    this = weekly[weekly["year"] == year]
    c1.metric(t("helpdesk.kpi_tickets", year=year, weeks=len(this)), format_number(this["tickets"].sum(), lang=lang()))
    c2.metric(t("helpdesk.kpi_ab", year=year), format_number(this["ab_tickets"].sum(), lang=lang()))
    phone = data["phone_sla"]
    if not phone.empty:
        p = phone[phone["year"] == phone["year"].max()]
        pct = (p["within_1min_pct"] * p["phone_answered"]).sum() / p["phone_answered"].sum()
        target = sla[(sla["metric_code"] == "phone_answered_1min_pct") & sla["target"].notna()]["target"]
        c3.metric(t("helpdesk.kpi_phone"), format_percent(pct, 1, lang()),
                  f"{metric_delta(format_points(pct - target.iloc[0], 1, lang()))} {t('helpdesk.vs_target')}"
                  if not target.empty
                  else None)

    st.subheader(t("helpdesk.weekly"))
    st.altair_chart(weekly_chart(weekly), width="stretch")
    notes = [t("helpdesk.from_tickets")]
    if weekly["average_earlier_years"].isna().all():
        notes.append(t("helpdesk.no_earlier_years"))
    if weekly["report_weekly_average"].notna().any():
        notes.append(t("helpdesk.report_average_note"))
    elif organisation:
        notes.append(t("helpdesk.report_average_all_only"))
    st.caption(" ".join(notes))

    left, right = st.columns(2, gap="large")
    with left:
        st.subheader(t("helpdesk.per_organisation"))
        by_org = data["by_organisation"]
        latest = by_org[(by_org["year"] == by_org["year"].max())
                        & (by_org["quarter"] == by_org[by_org["year"] == by_org["year"].max()]["quarter"].max())]
        chart = alt.Chart(latest).mark_bar(color=COLOR_PRIMARY, cornerRadiusTopRight=2,
                                           cornerRadiusBottomRight=2).encode(
            y=alt.Y("organisation_name:N", sort="-x", title=None, axis=alt.Axis(labelLimit=220, labelOverlap=False)),
            x=alt.X("tickets:Q", title=t("helpdesk.tickets_in", period=f"{int(latest['year'].iloc[0])} "
                                         f"K{int(latest['quarter'].iloc[0])}")),
            tooltip=[alt.Tooltip("organisation_name:N", title=t("helpdesk.organisation")),
                     alt.Tooltip("tickets:Q", format=",.0f"), alt.Tooltip("ab_tickets:Q", format=",.0f")],
        )
        st.altair_chart(finish(chart, height=max(180, 40 * len(latest)), lang=lang()), width="stretch")
    with right:
        st.subheader(t("helpdesk.incidents"))
        if incidents.empty or incidents["tickets"].sum() == 0:
            st.info(t("helpdesk.no_incidents"))
        else:
            inc = incidents.assign(period=incidents["year"].astype(str) + " K" + incidents["quarter"].astype(str))
            chart = alt.Chart(inc).mark_bar(size=56).encode(
                x=alt.X("period:N", title=t("helpdesk.period"), axis=alt.Axis(labelAngle=0)),
                y=alt.Y("tickets:Q", title=t("helpdesk.tickets_total")),
                color=alt.Color("priority:N", title=t("helpdesk.priority"), scale=PRIORITY_COLORS,
                                legend=alt.Legend(orient="top")),
                tooltip=["period", "priority", alt.Tooltip("tickets:Q", format=",.0f")],
            )
            st.altair_chart(finish(chart, lang=lang()), width="stretch")

    st.subheader(t("helpdesk.sla"))
    if sla.empty:
        st.info(t("helpdesk.no_sla"))
    else:
        show_table(sla_frame(sla), styler=style_met)
        source_caption(sla)
    if not phone.empty:
        st.markdown(f"**{t('helpdesk.phone_per_organisation')}**")
        show_table(phone)


def reported_sections(data: dict, with_sla: bool) -> None:
    st.subheader(t("helpdesk.reported"))
    cases, incidents, contacts, sla = (data["reported_cases"], data["reported_incidents"],
                                       data["reported_contacts"], data["sla"])
    if cases.empty and incidents.empty and contacts.empty and (sla.empty or not with_sla):
        st.info(t("helpdesk.no_reported"))
        return
    for unit, unit_cases in cases.groupby("unit", sort=False):
        quarterly = unit_cases[unit_cases["quarter"].notna()]
        actual = quarterly[quarterly["metric_code"] == "cases"]
        if actual.empty:
            continue
        year = int(actual["year"].max())
        this = actual[actual["year"] == year][["quarter", "value"]].rename(columns={"value": "cases"})
        avg = quarterly[(quarterly["metric_code"] == "cases_average") & (quarterly["year"] < year)]
        left, right = st.columns(2, gap="large")
        with left:
            st.markdown(f"**{unit}: {t('helpdesk.quarterly').lower()} {year}**")
            if not avg.empty:
                avg = avg[avg["year"] == avg["year"].max()]
                merged = this.merge(avg[["quarter", "value"]].rename(columns={"value": "average_earlier_years"}),
                                    on="quarter", how="left")
                st.altair_chart(compare_chart(merged, "quarter", "cases", "average_earlier_years", lang()),
                                width="stretch")
            else:
                st.altair_chart(bar_chart(this, "quarter", "cases", None, lang()), width="stretch")
            source_caption(actual[actual["year"] == year])
        with right:
            st.markdown(f"**{unit}: {t('helpdesk.quarterly').lower()}, {t('helpdesk.all_years')}**")
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
        if with_sla:
            st.markdown(f"**{t('helpdesk.sla')}**")
            if sla.empty:
                st.info(t("helpdesk.no_sla"))
            else:
                show_table(sla_frame(sla), styler=style_met)
                source_caption(sla)
    if not contacts.empty:
        named = contacts.assign(metric=[metric_name(r) for _, r in contacts.iterrows()])
        st.markdown(f"**{named['unit'].iloc[0]}: {', '.join(sorted(set(named['metric'])))}**")
        yearly = named[named["quarter"].isna() & named["subject"].isna()]
        if yearly["year"].nunique() > 1:
            st.altair_chart(line_chart(yearly, "year", "value", "metric", lang()), width="stretch")
            source_caption(yearly)
        else:
            show_table(yearly[["unit", "metric", "year", "value", "file_name", "page"]])


st.title(t("helpdesk.title"))
overview = load_view("helpdesk_overview", None)
organisation = None
orgs = overview["organisations"]
if not orgs.empty:
    names = dict(zip(orgs["organisation_key"], orgs["organisation_name"]))
    organisation = st.selectbox(t("helpdesk.organisation"), [None, *names], key="helpdesk_org",
                                persist_state="session",
                                format_func=lambda o: t("helpdesk.all") if o is None else names.get(o, o))
    if organisation:
        overview = load_view("helpdesk_overview", organisation)

has_tickets = not overview["weekly"].empty
if has_tickets:
    ticket_sections(overview, organisation)
else:
    st.info(t("helpdesk.no_tickets"), icon=":material/info:")
reported_sections(overview, with_sla=not has_tickets)
