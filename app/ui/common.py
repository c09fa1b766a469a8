"""What every page shares: the language, the warehouse path, cached read-only views."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pandas as pd
import streamlit as st

from app.engine import views
from app.ui import conversations
from app.ui.formatting import local_timestamp, prepare_display
from app.ui.i18n import DEFAULT_LANG, LANGUAGES, column_label, translate

ENGINES = ("auto", "planner", "llm")


def lang() -> str:
    return st.session_state.get("lang", DEFAULT_LANG)


def t(key: str, **values: object) -> str:
    return translate(key, lang(), **values)


def conversation_dir() -> Path:
    return conversations.store_dir(warehouse_path())


def restore_session() -> None:
    """Keep the conversation and the language across reloads: the browser session's id lives in the
    URL (?s=…), what it holds in a file (app.ui.conversations). `?lang=en` picks the language,
    `?answer=<id>` reopens a stored answer."""
    params = st.query_params
    sid = params.get("s")
    if st.session_state.get("sid") is None or (conversations.valid_id(sid) and sid != st.session_state.sid):
        if conversations.valid_id(sid):
            stored = conversations.load_session(conversation_dir(), sid) or {}
        else:
            sid, stored = conversations.new_id(), {}
        st.session_state.sid = sid
        st.session_state.history = stored.get("history", [])
        if stored.get("lang") in LANGUAGES:
            st.session_state.lang = stored["lang"]
        if params.get("lang") in LANGUAGES:
            st.session_state.lang = params["lang"]
        answer_id = params.get("answer")
        if answer_id and not any(item["id"] == answer_id for item in st.session_state.history):
            item = conversations.load_answer(conversation_dir(), answer_id)
            if item is not None:
                st.session_state.history.append(item)
            else:
                st.session_state.missing_answer = answer_id
    # st.navigation drops query parameters when the page changes: put them back on every run
    if params.get("s") != st.session_state.sid:
        params["s"] = st.session_state.sid
    if params.get("lang") != lang():
        params["lang"] = lang()


def save_session() -> None:
    """Write the conversation of this browser session; a read-only folder only costs the memory."""
    try:
        conversations.save_session(conversation_dir(), st.session_state.sid, lang(),
                                   st.session_state.get("history", []))
    except OSError:
        pass


def engine() -> str:
    return st.session_state.get("engine", "auto")


def warehouse_path() -> Path:
    from flows.settings import get_settings

    return Path(get_settings().warehouse)


@st.cache_data(show_spinner=False, max_entries=64, ttl=3600)
def _cached_view(name: str, warehouse: str, version: tuple[int, int], args: tuple) -> object:
    # `version` (mtime, size) is part of the cache key only: a published refresh changes it, so the
    # next rerun reads the new file while sessions still showing the old one keep their copy.
    return getattr(views, name)(Path(warehouse), *args)


def load_view(name: str, *args: object) -> object:
    """Run a views.* function through the cache; stop the page with a clear message if it cannot."""
    warehouse = warehouse_path()
    version = views.warehouse_version(warehouse)
    if version is None:
        st.warning(t("warehouse.missing", path=warehouse))
        st.stop()
    try:
        return _cached_view(name, str(warehouse.resolve()), version, tuple(args))
    except views.WarehouseMissing:
        st.warning(t("warehouse.missing", path=warehouse))
        st.stop()
    except Exception as exc:  # a corrupt or foreign file: say so instead of a traceback
        st.error(t("warehouse.error", error=exc))
        st.stop()


def local_time(value: datetime | pd.Timestamp | None) -> str:
    if value is None or pd.isna(value):
        return t("fmt.unknown")
    return local_timestamp(value, lang())


def show_table(df: pd.DataFrame, height: int | str = "auto", styler=None, wide: tuple[str, ...] = (), **kw) -> None:
    """A table with Norwegian number formatting; `styler` may add cell styles to the formatted table,
    `wide` names text columns (e.g. explanations) that get the most room."""
    shown, right = prepare_display(df, lang())
    if styler is not None:
        shown = styler(shown)
    config = {label: st.column_config.TextColumn(alignment="right") for label in right}
    config.update({column_label(c, lang()): st.column_config.TextColumn(width="large") for c in wide})
    st.dataframe(shown, hide_index=True, height=height, column_config=config, **kw)


def metric_delta(text: str) -> str:
    """st.metric reads the direction of a delta from an ASCII '-': the typographic minus would show
    as an increase."""
    return text.replace("\u2212", "-")


def metric_name(row: pd.Series) -> str:
    return row["name_en"] if lang() == "en" and row.get("name_en") else row["name_nb"]


def source_caption(df: pd.DataFrame, limit: int = 3) -> None:
    """Links to the document pages of the first few values under a chart (the source viewer)."""
    from app.ui.source_page import printed_figure

    if df.empty or "file_name" not in df.columns:
        return
    refs = df.dropna(subset=["file_name"]).drop_duplicates(subset=["file_name", "page"]).head(limit)
    values = [c for c in ("value", "amount_nok", "result") if c in df.columns]
    for _, row in refs.iterrows():
        printed = printed_figure(row.get("excerpt"), [row[c] for c in values])
        source_link(row.get("document_id"), row["file_name"], row.get("page"), printed, row.get("line"))


VIEWER_PAGE = "viewer.py"  # the source viewer, registered (hidden) in main.py


def source_params(document: str, page: object, printed: str | None = None, line: object = None) -> dict[str, str]:
    """The viewer's query parameters for one document page: doc (document id or file name as recorded),
    page, and where known the printed figure to mark (hl) and the line it was read from."""
    params = {"doc": str(document), "page": str(int(page))}
    if printed:
        params["hl"] = printed
    if line is not None and not pd.isna(line):
        params["line"] = str(int(line))
    return params


def source_link(document: str | None, file_name: str | None, page: object, printed: str | None = None,
                line: object = None, suffix: str = "") -> None:
    """A link that opens the page a figure came from in the source viewer; a plain caption when the
    source has no page (nothing to open)."""
    if not file_name or pd.isna(file_name):
        return
    if page is None or pd.isna(page):
        st.caption(f":material/description: {file_name}{suffix}")
        return
    label = t("source.link", file=file_name, page_word=t("fmt.page"), page=int(page)) + suffix
    st.page_link(VIEWER_PAGE, label=label, icon=":material/description:",
                 query_params=source_params(document or file_name, page, printed, line))
