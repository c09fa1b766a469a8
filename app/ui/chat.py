"""Chat page: a question in; the answer with what it was understood as, its number, chart, table, SQL,
sources, a link that reopens it, a review button and the next questions to ask out.

Follow-ups carry the previous answer to the engine as context; a `clarify` answer offers its readings
as buttons; the conversation survives a reload (app.ui.common.restore_session).
"""
from __future__ import annotations

import inspect
import re
from pathlib import Path

import pandas as pd
import streamlit as st

from app.engine.engine import ask
from app.ui import conversations
from app.ui.charts import answer_chart, answer_metric
from app.ui.common import (
    VIEWER_PAGE,
    conversation_dir,
    engine,
    lang,
    load_view,
    save_session,
    show_table,
    source_link,
    t,
    warehouse_path,
)
from app.ui.feedback import feedback_path, is_verified, save_feedback
from app.ui.formatting import to_csv_bytes
from app.ui.source_page import printed_figure

BADGE_COLORS = {"verified": "green", "planner": "blue", "llm": "violet"}
STATUS_COLORS = {"ok": "green", "unanswerable": "orange", "clarify": "blue", "error": "red"}
MAX_EXAMPLES = 4


def _md(text: str) -> str:
    """Report text shown as markdown: `$` would start LaTeX, leading `#`/`|` would restructure it."""
    return re.sub(r"([$*_`|#<>\[\]])", r"\\\1", str(text))


# --- example questions from the loaded warehouse -----------------------------------------------------

def _lower_first(name: str) -> str:
    return name[:1].lower() + name[1:] if name[:2] != name[:2].upper() else name


def example_questions(material: dict[str, pd.DataFrame], language: str) -> list[str]:
    """Questions the loaded data can answer, made from its own metrics, units and years: a trend, a
    value, actual vs budget, tickets. Never names fixed in code."""
    name = "name_en" if language == "en" else "name_nb"
    out: list[str] = []
    series = material.get("series", pd.DataFrame())
    if not series.empty:
        trends = series[series["years"] > 1]
        if not trends.empty:
            r = trends.iloc[0]
            out.append(t("example.trend", metric=_lower_first(str(r[name])), unit=r["unit_name"]))
        used = set(trends["metric_code"].head(1)) if not trends.empty else set()
        values = series[~series["metric_code"].isin(used)]
        if not values.empty:
            r = values.iloc[0]
            out.append(t("example.value", metric=_lower_first(str(r[name])), unit=r["unit_name"],
                         year=int(r["last_year"])))
    budget = material.get("budget", pd.DataFrame())
    if not budget.empty:
        r = budget.iloc[0]
        out.append(t("example.budget", unit=r["unit_name"], year=int(r["year"])))
    tickets = material.get("tickets", pd.DataFrame())
    if not tickets.empty:
        out.append(t("example.tickets", year=int(tickets.iloc[0]["year"])))
    return list(dict.fromkeys(out))[:MAX_EXAMPLES]


# --- asking --------------------------------------------------------------------------------------------

def previous_answer() -> dict | None:
    """The answer a follow-up builds on: the newest one that was answered or asked back."""
    for item in reversed(st.session_state.get("history", [])):
        if item["result"].get("status") in ("ok", "clarify"):
            return item["result"]
    return None


def answer(question: str, context: dict | None) -> dict:
    kwargs = {}
    if context is not None and "context" in inspect.signature(ask).parameters:
        kwargs["context"] = context
    try:
        return ask(question, warehouse=warehouse_path(), engine=engine(), **kwargs)
    except Exception as exc:  # e.g. the warehouse refused the query: show it as an answer, keep the chat alive
        return {"question": question, "status": "error", "engine": engine(), "sql": None, "columns": [],
                "rows": [], "answer": t("warehouse.error", error=exc), "sources": [], "chart": None,
                "suggestions": [], "elapsed_ms": 0.0}


def queue_question(question: str) -> None:
    st.session_state.pending_question = question


# --- one answer ----------------------------------------------------------------------------------------

def interpretation(result: dict) -> str | None:
    """What the question was understood as, in plain words (the engine's `interpretation`)."""
    text = result.get("interpretation")
    if text:
        return str(text)
    plan = result.get("plan")
    if isinstance(plan, (list, tuple)) and plan:
        # older engines: "key: value" items; the values alone read as words
        return ", ".join(str(p).split(": ", 1)[-1] for p in plan if not str(p).startswith("type:"))
    return None


def render_badges(result: dict) -> None:
    status = result.get("status", "error")
    verified = is_verified(result)
    engine_name = "verified" if verified else (result.get("engine") or "none")
    parts = [f":{STATUS_COLORS.get(status, 'gray')}-badge[{t('status.' + status)}]",
             f":{BADGE_COLORS.get(engine_name, 'gray')}-badge[{':material/verified: ' if verified else ''}"
             f"{t('badge.' + engine_name) if engine_name in BADGE_COLORS else engine_name}]"]
    if result.get("reading") == "nearby":  # an answer to a nearby reading, not to every word asked
        parts.append(f":orange-badge[{t('status.nearby')}]")
    if result.get("rows"):
        parts.append(f":gray-badge[{t('chat.rows', n=len(result['rows']))}]")
    parts.append(f":gray-badge[{result.get('elapsed_ms') or 0:.0f} ms]")
    st.markdown(" ".join(parts))


def _figures(result: dict) -> list:
    """The numbers of an answer's rows (not its years or periods): what a source excerpt prints."""
    columns = result.get("columns") or []
    keep = [i for i, c in enumerate(columns) if not re.search(r"year|quarter|month|week|period", str(c))]
    return [row[i] for row in result.get("rows") or [] for i in keep
            if i < len(row) and isinstance(row[i], (int, float)) and not isinstance(row[i], bool)]


def _export_links(document: str) -> None:
    """Ticket answers name their export files («file»): each one the warehouse loaded opens its rows."""
    named = re.findall(r"«([^»]+)»", document)
    if not named:
        return
    loaded = load_view("ticket_exports")
    for name in dict.fromkeys(named):
        if any(f == name or Path(f).name == name for f in loaded["file"]):
            st.page_link(VIEWER_PAGE, label=name, icon=":material/table_rows:", query_params={"export": name})


def render_sources(sources: list[dict], result: dict | None = None) -> None:
    if not sources:
        return
    st.markdown(f"**{t('chat.sources')}**")
    figures = _figures(result or {})

    def line(s: dict) -> None:
        document, page, excerpt = s.get("document") or "", s.get("page"), s.get("excerpt") or ""
        if page is None:
            st.caption(":material/description: " + _md(document) +
                       (": " + t("chat.excerpt", excerpt=_md(excerpt)) if excerpt else ""))
            _export_links(document)
            return
        source_link(None, document, page, printed_figure(excerpt, figures))
        if excerpt:
            st.caption(t("chat.excerpt", excerpt=_md(excerpt)))

    for s in sources[:5]:
        line(s)
    if len(sources) > 5:
        with st.expander(f"+{len(sources) - 5}"):
            for s in sources[5:]:
                line(s)


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


def render_choices(result: dict, key: str, latest: bool) -> None:
    """Readings to choose from (clarify) or next questions (ok): buttons that ask them."""
    suggestions = [s for s in result.get("suggestions") or [] if s][:5]
    if not suggestions:
        return
    clarify = result.get("status") == "clarify"
    if not clarify and not latest:
        return  # next questions belong under the newest answer only
    st.markdown(f"**{t('chat.clarify_pick' if clarify else 'chat.suggestions')}**")
    cols = st.columns(min(len(suggestions), 3))
    for i, suggestion in enumerate(suggestions):
        cols[i % len(cols)].button(suggestion, key=f"{key}-{'choice' if clarify else 'next'}-{i}",
                                   type="primary" if clarify else "secondary", width="stretch",
                                   icon=":material/help:" if clarify else ":material/arrow_forward:",
                                   on_click=queue_question, args=(suggestion,))


def render_answer(item: dict, latest: bool) -> None:
    result, key = item["result"], f"answer-{item['id']}"
    render_badges(result)
    understood = interpretation(result)
    if understood:
        st.caption(":material/psychology: " + t("chat.understood", plan=_md(understood)))
    st.markdown(_md(result.get("answer") or ""))
    if result.get("rows"):
        df = pd.DataFrame(result["rows"], columns=result["columns"])
        metric = answer_metric(result, lang())
        if metric is not None:
            st.metric(metric["label"], metric["value"])
        else:
            chart = answer_chart(result, lang(), sum_lines=load_view("sum_lines"))
            if chart is not None:
                st.altair_chart(chart, width="stretch")
        show_table(df)
        st.download_button(t("chat.download"), data=to_csv_bytes(df), file_name="kommunedata-svar.csv",
                           mime="text/csv", key=f"{key}-csv", icon=":material/download:", on_click="ignore")
    render_sources(result.get("sources") or [], result)
    if result.get("sql"):
        with st.expander(t("chat.show_sql"), icon=":material/code:"):
            st.code(result["sql"], language="sql")
    st.markdown(f":material/link: [{t('chat.link')}](?answer={item['id']}&lang={lang()})")
    render_choices(result, key, latest)
    if result.get("status") in ("ok", "unanswerable"):
        render_feedback(result, key)


# --- the page ------------------------------------------------------------------------------------------

st.session_state.setdefault("history", [])

st.title(t("chat.title"))
st.caption(t("app.tagline"))
if st.session_state.pop("missing_answer", None):
    st.warning(t("chat.missing_answer"))

question = st.chat_input(t("chat.placeholder")) or st.session_state.pop("pending_question", None)

if not st.session_state.history and not question:
    st.write(t("chat.intro"))
    examples = example_questions(load_view("question_material"), lang())
    if examples:
        st.markdown(f"**{t('chat.examples')}**")
        cols = st.columns(len(examples))
        for i, (col, example) in enumerate(zip(cols, examples)):
            col.button(example, key=f"example-{i}", width="stretch", icon=":material/lightbulb:",
                       on_click=queue_question, args=(example,))

history = st.session_state.history
for n, item in enumerate(history):
    with st.chat_message("user", avatar=":material/person:"):
        st.markdown(_md(item["question"]))
    with st.chat_message("assistant", avatar=":material/query_stats:"):
        render_answer(item, latest=(n == len(history) - 1 and not question))

if question:
    with st.chat_message("user", avatar=":material/person:"):
        st.markdown(_md(question))
    with st.chat_message("assistant", avatar=":material/query_stats:"):
        with st.spinner(t("chat.thinking")):
            result = answer(question, previous_answer())
        item = {"id": conversations.new_id(), "question": question, "result": result}
        history.append(item)
        try:
            conversations.save_answer(conversation_dir(), item)
        except OSError:
            pass
        save_session()
        render_answer(item, latest=True)

if history:
    if st.button(t("chat.clear"), icon=":material/delete_sweep:", type="tertiary"):
        st.session_state.history = []
        save_session()
        st.rerun()
