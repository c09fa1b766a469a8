"""Settings page: which engine answers, whether a language model is configured, where files live."""
from __future__ import annotations

import streamlit as st

from app.ui.common import ENGINES, engine, local_time, show_table, t, warehouse_path
from app.ui.feedback import feedback_path, review_queue, verified_queries_path


def llm_status() -> tuple[bool, str]:
    """(usable, one-line description). Imported late: the module and its dependencies are optional."""
    try:
        from app.engine.llm import LLMSettings, describe_llm, missing_settings
    except Exception as exc:
        return False, t("settings.llm_unavailable", error=exc)
    settings = LLMSettings()
    usable = settings.provider != "none" and not missing_settings(settings)
    return usable, describe_llm(settings)


def _set_engine() -> None:
    st.session_state.engine = st.session_state.engine_choice


st.title(t("settings.title"))

st.subheader(t("settings.engine"))
st.radio(t("settings.engine"), ENGINES, index=ENGINES.index(engine()), key="engine_choice",
         format_func=lambda e: t(f"settings.engine.{e}"), on_change=_set_engine, horizontal=True,
         help=t("settings.engine_help"), label_visibility="collapsed")
st.caption(t("settings.engine_help"))

st.subheader(t("settings.llm"))
usable, description = llm_status()
if usable:
    st.success(f"{t('settings.llm_ok')}: {description}", icon=":material/smart_toy:")
else:
    st.info(f"{t('settings.llm_none')}\n\n`{description}`", icon=":material/rule:")

st.subheader(t("settings.paths"))
warehouse = warehouse_path()
st.markdown(f"- {t('settings.warehouse')}: `{warehouse}`\n- {t('settings.feedback_db')}: "
            f"`{feedback_path(warehouse)}`\n- {t('settings.verified_file')}: `{verified_queries_path()}`")

st.subheader(t("settings.review_queue"))
queue = review_queue(feedback_path(warehouse))
if queue.empty:
    st.caption(t("settings.no_feedback"))
else:
    queue = queue.assign(rating=queue["rating"].map({"up": t("feedback.up"), "down": t("feedback.down")}),
                         created_at=queue["created_at"].map(local_time))
    show_table(queue[["created_at", "rating", "question", "comment"]])
    st.caption(t("settings.review_page"))
