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
from app.ui.auth import configured_header, signed_in_user  # noqa: E402
from app.ui.common import engine, load_view, local_time, restore_session, save_session, t, warehouse_path  # noqa: E402
from app.ui.i18n import LANGUAGES  # noqa: E402

HERE = Path(__file__).parent

st.set_page_config(page_title="kommunedata", page_icon="📊", layout="wide", initial_sidebar_state="expanded")
st.logo(str(HERE / "logo.svg"), size="large")
st.session_state.setdefault("lang", "nb")
st.session_state.setdefault("engine", "auto")
restore_session()


def login_gate() -> None:
    """A reverse proxy's user header when one is configured, else Streamlit's OIDC login when
    secrets.toml has [auth]; without either the app is open (it binds 127.0.0.1 by default)."""
    header = configured_header()
    if header:
        user = signed_in_user(st.context.headers, header)
        if not user:
            st.error(t("auth.required", header=header), icon=":material/lock:")
            st.stop()
        st.session_state.user = user
        return
    try:
        oidc = "auth" in st.secrets
    except Exception:  # no secrets file at all
        oidc = False
    if oidc:
        if not st.user.is_logged_in:
            st.title("kommunedata")
            st.button(t("auth.login"), on_click=st.login, icon=":material/login:")
            st.stop()
        st.session_state.user = st.user.get("email") or st.user.get("name")


login_gate()

pages = {
    "": [st.Page(str(HERE / "chat.py"), title=t("nav.ask"), icon=":material/forum:", default=True)],
    t("nav.section.explore"): [
        st.Page(str(HERE / "overview.py"), title=t("nav.overview"), icon=":material/dashboard:",
                url_path="oversikt"),
        st.Page(str(HERE / "unit.py"), title=t("nav.unit"), icon=":material/apartment:", url_path="enhet"),
        st.Page(str(HERE / "helpdesk.py"), title=t("nav.helpdesk"), icon=":material/support_agent:",
                url_path="brukerstotte"),
    ],
    t("nav.section.admin"): [
        st.Page(str(HERE / "data.py"), title=t("nav.data"), icon=":material/fact_check:", url_path="data"),
        st.Page(str(HERE / "review.py"), title=t("nav.review"), icon=":material/rate_review:",
                url_path="gjennomgang"),
        st.Page(str(HERE / "settings.py"), title=t("nav.settings"), icon=":material/settings:",
                url_path="innstillinger"),
        # opened from the links under figures and answers, not from the menu
        st.Page(str(HERE / "viewer.py"), title=t("nav.source"), icon=":material/description:", url_path="kilde",
                visibility="hidden"),
    ],
}
page = st.navigation(pages)

with st.sidebar:
    # A fixed bilingual label: the widget keeps its identity when the language changes.
    st.segmented_control("Språk / Language", options=list(LANGUAGES), format_func=lambda c: LANGUAGES[c],
                         key="lang", required=True, on_change=save_session)
    if st.session_state.get("user"):
        st.caption(t("sidebar.user", user=st.session_state.user))
    warehouse = warehouse_path()
    if views.warehouse_version(warehouse) is None:
        st.warning(t("sidebar.no_warehouse", path=warehouse))
    else:
        summary = load_view("warehouse_summary")
        st.caption(t("sidebar.refreshed", when=local_time(summary["published_at"])))
    st.caption(t("sidebar.engine", engine=t(f"settings.engine.{engine()}")))

page.run()
