"""Source viewer: the document page a figure came from, or the ticket rows behind a count.

Opened by links from the overview and the chat's sources, with query parameters:
  ?doc=<document id or file name>&page=<n>[&hl=<the figure as printed>][&line=<n>]
  ?org=<organisation key>&month=<YYYY-MM>[&export=<file>]   or   ?export=<file>
Read-only. `doc` is looked up among the documents the warehouse recorded; the file opened is the one
recorded at ingest, and only while its bytes are still the document's (app/ui/source_page.py). When it is
gone or changed, the lines of the page the warehouse kept are shown, and the page says which.
"""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import streamlit as st

from app.engine.format import format_measure
from app.ui import source_page
from app.ui.common import VIEWER_PAGE, lang, load_view, show_table, source_params, t

ROOT = Path(__file__).resolve().parents[2]
MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])")


@st.cache_data(show_spinner=False, max_entries=32, ttl=3600)
def _page_text(path: str, document_id: str, page: int) -> source_page.PageText:
    return source_page.read_page_text(Path(path), page)


@st.cache_data(show_spinner=False, max_entries=16, ttl=3600)
def _page_image(path: str, document_id: str, page: int, printed: str | None) -> tuple[bytes, int]:
    return source_page.render_pdf_page(Path(path), page, printed)


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() and len(value) < 7 else None


def refuse(doc: str) -> None:
    st.error(t("viewer.refused", doc=doc), icon=":material/block:")
    st.stop()


def page_navigation(document_id: str, page: int, pages: int | None) -> None:
    left, right = st.columns(2)
    if page > 1:
        left.page_link(VIEWER_PAGE, label=t("viewer.prev"), icon=":material/chevron_left:",
                       query_params=source_params(document_id, page - 1))
    if pages is None or page < pages:
        right.page_link(VIEWER_PAGE, label=t("viewer.next"), icon=":material/chevron_right:",
                        query_params=source_params(document_id, page + 1))


def show_lines(lines: list[tuple[int, str]], printed: str | None, line: int | None) -> None:
    markup, marks = source_page.marked_html(lines, printed, line)
    if printed:
        if marks:
            st.success(t("viewer.marked", printed=printed, n=marks), icon=":material/search:")
        else:
            st.warning(t("viewer.not_found", printed=printed))
    if line is not None and any(number == line for number, _ in lines):
        st.caption(t("viewer.line", line=line))
    st.html(markup)


def show_document(doc: str, page_param: str | None, printed: str | None, line: int | None) -> None:
    # a document id or a file name, never a path: anything path-like is refused before any lookup
    if len(doc) > 255 or re.search(r"[/\\\x00]|^\.\.?$|^~", doc):
        refuse(doc)
    found = load_view("recorded_documents", doc)
    if found.empty:
        st.error(t("viewer.unknown_document", doc=doc), icon=":material/search_off:")
        st.stop()
    if found["document_id"].nunique() > 1:
        st.caption(t("viewer.several", n=found["document_id"].nunique()))
    record = found.iloc[0]
    pages = int(record["page_count"]) if pd.notna(record["page_count"]) else None
    page = _int(page_param) if page_param is not None else 1
    if page is None or page < 1 or (pages is not None and page > pages):
        st.error(t("viewer.bad_page", page=page_param, pages=pages or "?"))
        st.stop()

    st.subheader(record["file_name"])
    if pd.notna(record["title"]) or pd.notna(record["organisation"]):
        st.caption(t("viewer.document", title=record["title"] if pd.notna(record["title"]) else "–",
                     organisation=record["organisation"] if pd.notna(record["organisation"]) else "–",
                     year=int(record["report_year"]) if pd.notna(record["report_year"]) else "–"))
    st.markdown(f"**{t('viewer.page_of', page=page, pages=pages) if pages else t('viewer.page', page=page)}**")

    roots = list(dict.fromkeys([Path.cwd(), ROOT]))
    path, status = source_page.recorded_file(record["file_path"], record["document_id"], roots)
    if status == source_page.FILE_OK:
        st.caption(":material/verified: " + t("viewer.from_file", path=record["file_path"]))
        try:
            text = _page_text(str(path), record["document_id"], page)
            image = _page_image(str(path), record["document_id"], page, printed) \
                if record["file_type"] == "pdf" else None
        except Exception as exc:  # a damaged file: say so, the rest of the app goes on
            st.error(t("viewer.unreadable", error=exc))
            st.stop()
        if image is not None:
            left, right = st.columns([3, 2], gap="large")
            with left:
                st.image(image[0], caption=t("viewer.image", page=page, file=record["file_name"]), width="stretch")
            with right:
                st.caption(t("viewer.text"))
                show_lines(text.lines, printed, line)
        else:
            st.caption(t("viewer.text"))
            show_lines(text.lines, printed, line)
    else:
        message = {source_page.FILE_MISSING: "viewer.file_missing", source_page.FILE_CHANGED: "viewer.file_changed",
                   source_page.FILE_UNRECORDED: "viewer.file_unrecorded"}[status]
        st.warning(t(message, path=record["file_path"]), icon=":material/warning:")
        kept = load_view("stored_page_lines", record["document_id"], page)
        if kept.empty:
            st.error(t("viewer.nothing_stored", page=page))
        else:
            st.info(t("viewer.stored_lines", page=page), icon=":material/inventory_2:")
            show_lines([(int(n) if pd.notna(n) else 0, str(s)) for n, s in zip(kept["line"], kept["text"])],
                       printed, line)
    page_navigation(record["document_id"], page, pages)


def show_tickets(org: str | None, month: str | None, export: str | None) -> None:
    st.subheader(t("viewer.tickets_title"))
    if month is not None and not MONTH.fullmatch(month):
        st.error(t("viewer.bad_month", month=month))
        st.stop()
    org_name = None
    if org is not None:
        organisations = load_view("list_organisations")
        names = dict(zip(organisations["organisation_key"], organisations["organisation_name"]))
        if org not in names:
            st.error(t("viewer.unknown_org", org=org))
            st.stop()
        org_name = names[org]
    file = None
    if export is not None:
        files = load_view("ticket_exports")
        matches = [f for f in files["file"] if f == export or Path(f).name == export]
        if not matches:
            st.error(t("viewer.unknown_export", file=export))
            st.stop()
        file = matches[0]
        show_table(files[files["file"] == file])
    if org_name:
        st.markdown(t("viewer.tickets_for", organisation=org_name, month=month or "–"))
    if file:
        st.markdown(t("viewer.tickets_export", file=f"`{file}`"))
    rows = load_view("ticket_rows", org, month, file)
    st.metric(t("viewer.tickets_count"), format_measure(len(rows), "count", lang()))
    if rows.empty:
        st.info(t("viewer.no_tickets"))
        return
    st.caption(t("viewer.tickets_rows"))
    show_table(rows, height=520)


st.title(t("viewer.title"))
params = st.query_params
doc = params.get("doc")
if doc is not None:
    show_document(doc, params.get("page"), params.get("hl") or None, _int(params.get("line")))
elif params.get("month") is not None or params.get("export") is not None:
    show_tickets(params.get("org"), params.get("month"), params.get("export"))
else:
    st.info(t("viewer.nothing"))
