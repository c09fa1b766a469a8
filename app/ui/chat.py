"""Chat page: a question in, the answer with its chart, table, SQL, sources and a review button out."""
from __future__ import annotations

import re

import pandas as pd
import streamlit as st

from app.engine.engine import ask
from app.ui.common import engine, lang, show_table, t, warehouse_path
from app.ui.feedback import feedback_path, save_feedback
from app.ui.formatting import answer_chart, to_csv_bytes

EXAMPLES = {
    "nb": [
        "sykefravær VR lønn 2020",
        "sykefravær trend for Stjørdal kommune",
        "regnskap mot budsjett for VARIT 2020",
        "saker per kvartal i Hedmark IKT 2021 mot snittet",
    ],
    "en": [
        "sick leave VR lønn 2020",
        "sick leave trend Stjørdal kommune",
        "actual vs budget for VARIT 2020",
        "cases per quarter Hedmark IKT 2021 against the average",
    ],
}
BADGE_COLORS = {"verified": "green", "planner": "blue", "llm": "violet"}
STATUS_COLORS = {"ok": "green", "unanswerable": "orange", "error": "red"}


def _md(text: str) -> str:
    """Report text shown as markdown: `$` would start LaTeX, leading `#`/`|` would restructure it."""
    return re.sub(r"([$*_`|#<>\[\]])", r"\\\1", str(text))


def render_badges(result: dict) -> None:
    status = result.get("status", "error")
    engine_name = "verified" if result.get("verified") else (result.get("engine") or "none")
    parts = [f":{STATUS_COLORS.get(status, 'gray')}-badge[{t('status.' + status)}]",
             f":{BADGE_COLORS.get(engine_name, 'gray')}-badge[{':material/verified: ' if engine_name == 'verified' else ''}"
             f"{t('badge.' + engine_name) if engine_name in BADGE_COLORS else engine_name}]"]
    if result.get("rows"):
        parts.append(f":gray-badge[{t('chat.rows', n=len(result['rows']))}]")
    parts.append(f":gray-badge[{result.get('elapsed_ms', 0):.0f} ms]")
    st.markdown(" ".join(parts))


def render_sources(sources: list[dict]) -> None:
    if not sources:
        return
    st.markdown(f"**{t('chat.sources')}**")
    for s in sources[:5]:
        st.caption(":material/description: " + t("chat.source_line", document=_md(s.get("document", "")), page=s.get("page", "–"),
                            excerpt=_md(s.get("excerpt", ""))))
    if len(sources) > 5:
        with st.expander(f"+{len(sources) - 5}"):
            for s in sources[5:]:
                st.caption(":material/description: " + t("chat.source_line", document=_md(s.get("document", "")),
                                    page=s.get("page", "–"), excerpt=_md(s.get("excerpt", ""))))


def render_feedback(result: dict, key: str) -> None:
    saved_key = f"{key}-saved"
    if st.session_state.get(saved_key):
        st.caption("✓ " + t("feedback.saved"))
        return
    st.caption(t("feedback.prompt"))
    rating = st.feedback("thumbs", key=f"{key}-rating")
    if rating is None:
        return
    with st.form(f"{key}-form", border=False):
        comment = st.text_input(t("feedback.comment"), key=f"{key}-comment")
        if st.form_submit_button(t("feedback.send")):
            try:
                save_feedback(feedback_path(warehouse_path()), result, rating, comment)
            except Exception as exc:  # the answer stays usable even if the review file is locked or read-only
                st.error(t("feedback.failed", error=exc))
            else:
                st.session_state[saved_key] = True
                st.rerun()


def render_answer(result: dict, key: str) -> None:
    render_badges(result)
    st.markdown(_md(result.get("answer") or ""))
    if result.get("rows"):
        df = pd.DataFrame(result["rows"], columns=result["columns"])
        chart = answer_chart(result, lang())
        if chart is not None:
            st.altair_chart(chart, width="stretch")
        show_table(df)
        st.download_button(t("chat.download"), data=to_csv_bytes(df), file_name="kommunedata-svar.csv",
                           mime="text/csv", key=f"{key}-csv", icon=":material/download:", on_click="ignore")
    render_sources(result.get("sources") or [])
    if result.get("sql") or result.get("plan"):
        with st.expander(t("chat.show_sql"), icon=":material/code:"):
            if result.get("plan"):
                plan = result["plan"]
                plan = " · ".join(map(str, plan)) if isinstance(plan, (list, tuple)) else str(plan)
                st.caption(t("chat.understood", plan=_md(plan)))
            if result.get("sql"):
                st.code(result["sql"], language="sql")
    render_feedback(result, key)


def answer(question: str) -> dict:
    try:
        return ask(question, warehouse=warehouse_path(), engine=engine())
    except Exception as exc:  # e.g. the warehouse refused the query: show it as an answer, keep the chat alive
        return {"question": question, "status": "error", "engine": engine(), "sql": None, "columns": [],
                "rows": [], "answer": t("warehouse.error", error=exc), "sources": [], "chart": None,
                "elapsed_ms": 0.0}


st.session_state.setdefault("history", [])
st.session_state.setdefault("asked", 0)

st.title(t("chat.title"))
st.caption(t("app.tagline"))

question = st.chat_input(t("chat.placeholder")) or st.session_state.pop("pending_question", None)

if not st.session_state.history and not question:
    st.write(t("chat.intro"))
    st.markdown(f"**{t('chat.examples')}**")
    cols = st.columns(len(EXAMPLES[lang()]))
    for i, (col, example) in enumerate(zip(cols, EXAMPLES[lang()])):
        col.button(example, key=f"example-{i}", width="stretch", icon=":material/lightbulb:",
                   on_click=st.session_state.__setitem__, args=("pending_question", example))

for i, item in enumerate(st.session_state.history):
    with st.chat_message("user", avatar=":material/person:"):
        st.markdown(_md(item["question"]))
    with st.chat_message("assistant", avatar=":material/query_stats:"):
        render_answer(item["result"], key=f"answer-{item['id']}")

if question:
    with st.chat_message("user", avatar=":material/person:"):
        st.markdown(_md(question))
    with st.chat_message("assistant", avatar=":material/query_stats:"):
        with st.spinner(t("chat.thinking")):
            result = answer(question)
        item = {"id": st.session_state.asked, "question": question, "result": result}
        st.session_state.asked += 1
        st.session_state.history.append(item)
        render_answer(result, key=f"answer-{item['id']}")

if st.session_state.history:
    if st.button(t("chat.clear"), icon=":material/delete_sweep:", type="tertiary"):
        st.session_state.history = []
        st.rerun()
