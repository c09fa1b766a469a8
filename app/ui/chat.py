"""Chat page: ask in Norwegian or English, see the answer, chart, table, SQL and sources."""
from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from app.engine.engine import ask
from flows.settings import get_settings

EXAMPLES = [
    "sykefravær VR lønn 2020",
    "regnskap mot budsjett for VARIT 2020",
    "årsverk trend for kommunedirektørens områder",
]


def render_answer(result: dict) -> None:
    st.markdown(result["answer"])
    badge = "✅ verifisert" if result.get("verified") else result.get("engine") or ""
    if badge:
        st.caption(f"Motor: {badge} · {result['elapsed_ms']:.0f} ms")
    if result["rows"]:
        df = pd.DataFrame(result["rows"], columns=result["columns"])
        chart = result.get("chart")
        if chart and chart["x"] in df.columns and chart["y"] in df.columns:
            mark = alt.Chart(df).mark_line(point=True) if chart["kind"] == "line" else alt.Chart(df).mark_bar()
            enc = {"x": alt.X(f"{chart['x']}:{'O' if chart['x'] in ('year', 'quarter') else 'N'}"),
                   "y": alt.Y(f"{chart['y']}:Q")}
            if chart.get("color") in df.columns:
                enc["color"] = alt.Color(f"{chart['color']}:N")
            st.altair_chart(mark.encode(**enc), use_container_width=True)
        st.dataframe(df, hide_index=True)
    if result.get("sql"):
        with st.expander("Vis SQL"):
            st.code(result["sql"], language="sql")
    for s in result.get("sources", []):
        st.caption(f"📄 {s['document']}, side {s['page']}: «{s['excerpt']}»")


st.title("kommunedata")
warehouse = get_settings().warehouse
if "history" not in st.session_state:
    st.session_state.history = []

if not st.session_state.history:
    st.write("Spør om sykefravær, årsverk, regnskap mot budsjett, saker og SLA – på norsk eller engelsk.")
    cols = st.columns(len(EXAMPLES))
    for col, example in zip(cols, EXAMPLES):
        if col.button(example):
            st.session_state.pending = example

question = st.chat_input("Still et spørsmål") or st.session_state.pop("pending", None)
if question:
    st.session_state.history.append((question, ask(question, warehouse=warehouse)))

for q, result in st.session_state.history:
    with st.chat_message("user"):
        st.write(q)
    with st.chat_message("assistant"):
        render_answer(result)
