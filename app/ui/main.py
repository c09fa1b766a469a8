"""Streamlit entrypoint: page setup, the sidebar (language, data freshness, engine) and navigation.

Each page is its own file next to this one. Run with `kommunedata app` (or `streamlit run app/ui/main.py`).
"""
from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # `streamlit run app/ui/main.py` puts only app/ui on the path
    sys.path.insert(0, str(ROOT))

from app.engine import views  # noqa: E402
from app.ui.common import engine, load_view, local_time, t, warehouse_path  # noqa: E402
from app.ui.i18n import LANGUAGES  # noqa: E402

HERE = Path(__file__).parent

st.set_page_config(page_title="kommunedata", page_icon="📊", layout="wide", initial_sidebar_state="expanded")
st.logo(str(HERE / "logo.svg"), size="large")
st.session_state.setdefault("lang", "nb")
st.session_state.setdefault("engine", "auto")

pages = {
    "": [st.Page(str(HERE / "chat.py"), title=t("nav.ask"), icon=":material/forum:", default=True)],
    t("nav.section.explore"): [
        st.Page(str(HERE / "unit.py"), title=t("nav.unit"), icon=":material/apartment:", url_path="enhet"),
        st.Page(str(HERE / "helpdesk.py"), title=t("nav.helpdesk"), icon=":material/support_agent:",
                url_path="brukerstotte"),
    ],
    t("nav.section.admin"): [
        st.Page(str(HERE / "data.py"), title=t("nav.data"), icon=":material/fact_check:", url_path="data"),
        st.Page(str(HERE / "settings.py"), title=t("nav.settings"), icon=":material/settings:",
                url_path="innstillinger"),
    ],
}
page = st.navigation(pages)

with st.sidebar:
    # A fixed bilingual label: the widget keeps its identity when the language changes.
    st.segmented_control("Språk / Language", options=list(LANGUAGES), format_func=lambda c: LANGUAGES[c],
                         key="lang", required=True)
    warehouse = warehouse_path()
    if views.warehouse_version(warehouse) is None:
        st.warning(t("sidebar.no_warehouse", path=warehouse))
    else:
        summary = load_view("warehouse_summary")
        st.caption(t("sidebar.refreshed", when=local_time(summary["published_at"])))
    st.caption(t("sidebar.engine", engine=t(f"settings.engine.{engine()}")))

page.run()
