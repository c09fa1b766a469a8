"""Streamlit entrypoint: navigation only; each page is its own file."""
from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # `streamlit run app/ui/main.py` puts only app/ui on the path
    sys.path.insert(0, str(ROOT))

st.set_page_config(page_title="kommunedata", page_icon="📊", layout="wide")

pages = [
    st.Page(str(Path(__file__).parent / "chat.py"), title="Spør", icon="💬", default=True),
]
st.navigation(pages).run()
