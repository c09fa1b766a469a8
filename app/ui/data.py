"""Data page: last refresh, per-document status, quarantine with reasons, dbt tests, reconciliation."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from app.ui.common import load_view, local_time, show_table, t

RECONCILIATION_STATUSES = ("ok", "differs", "known_misprint", "reversed_sign")
RECONCILIATION_GROUPS = ("account_identity", "cost_share", "printed_variance", "report_vs_tickets")

st.title(t("data.title"))
health = load_view("data_health")
meta = health["meta"].iloc[0]
docs = health["documents"]
ticket_files, ticket_q = health["ticket_files"], health["ticket_quarantine"]

# an inconsistent document is published too, its figures marked (its own identity checks failed)
loaded = int(docs["status"].isin(["loaded", "inconsistent"]).sum()) if not docs.empty else 0
quarantined = int((docs["status"] == "quarantined").sum()) if not docs.empty else 0
c1, c2, c3, c4 = st.columns([1.5, 1, 1, 1])
c1.metric(t("data.refreshed"), local_time(meta["published_at"]))
c2.metric(t("data.documents"), f"{loaded} / {loaded + quarantined}", help=t("data.loaded"))
c3.metric(t("data.quarantined"), quarantined + (int((ticket_files["status"] == "rejected").sum())
                                              if not ticket_files.empty and "status" in ticket_files else 0))
c4.metric(t("data.ticket_rows_quarantined"), len(ticket_q))

st.subheader(t("data.documents_header"))
if docs.empty:
    st.info(t("data.no_quarantine"))
else:
    shown = docs.assign(status=docs["status"].map({"loaded": t("data.loaded"), "inconsistent": t("data.inconsistent"),
                                                    "quarantined": t("data.quarantined")}).fillna(docs["status"]))
    first = ["status", "file_name", "organisation", "report_year", "title", "fact_count", "account_count",
             "warning_count", "page_count", "reason"]
    show_table(shown[[c for c in first if c in shown.columns] + [c for c in shown.columns if c not in first]])

st.subheader(t("data.quarantine_header"))
dq = health["document_quarantine"]
if dq.empty and ticket_q.empty and (ticket_files.empty or not (ticket_files["status"] == "rejected").any()):
    st.success(t("data.no_quarantine"), icon=":material/check_circle:")
else:
    if not dq.empty:
        for r in dq.itertuples():
            st.error(f"**{r.file_name}**: {r.reason}", icon=":material/block:")
    if not ticket_files.empty:
        for r in ticket_files[ticket_files["status"] == "rejected"].itertuples():
            st.error(f"**{r.file}**: {r.message}", icon=":material/block:")
    if not ticket_q.empty:
        show_table(ticket_q.assign(file=ticket_q["file"].map(lambda p: Path(p).name)), wide=("reason", "raw_row"))

st.subheader(t("data.tickets_header"))
if ticket_files.empty:
    st.info(t("data.no_ticket_files"))
else:
    show_table(ticket_files.assign(file=ticket_files["file"].map(lambda p: Path(p).name)), wide=("message",))

warnings = health["warnings"]
if not warnings.empty:
    with st.expander(f"{t('data.warnings_header')} ({len(warnings)})"):
        show_table(warnings)

st.subheader(t("data.tests_header"))
tests = health["tests"]
if tests.empty:
    st.info(t("data.no_tests"))
else:
    status = tests["status"].astype(str)
    passed, warned = int(status.isin(["pass", "success"]).sum()), int((status == "warn").sum())
    failed = int(status.isin(["fail", "error"]).sum())
    skipped = int((status == "skipped").sum())
    when = local_time(meta["tests_generated_at"]) if pd.notna(meta["tests_generated_at"]) else ""
    summary = t("data.tests_summary", passed=passed, warned=warned, failed=failed, when=when)
    if skipped:
        summary += " · " + t("data.tests_skipped", n=skipped)
    (st.error if failed else st.warning if warned else st.success)(summary)
    if str(meta["tests_source"]).endswith(".json"):
        st.caption(t("data.tests_stale"))
    problems = tests[status.isin(["fail", "error", "warn"])]
    if not problems.empty:
        show_table(problems)
    with st.expander(f"{t('data.tests_header')} ({len(tests)})"):
        show_table(tests)

st.subheader(t("data.reconciliation_header"))
rec = health["reconciliation"]
if not meta["reconciliation_built"]:
    st.info(t("data.no_reconciliation"))
elif rec.empty or (rec["status"] == "ok").all():
    st.success(t("data.reconciliation_ok") + (f" ({len(rec)})" if len(rec) else ""))
else:
    counts = rec["status"].value_counts()
    cols = st.columns(len(RECONCILIATION_STATUSES))
    for col, status in zip(cols, RECONCILIATION_STATUSES):
        col.metric(t(f"data.rec.{status}"), int(counts.get(status, 0)))
    st.caption(t("data.reconciliation_help"))
    open_rows = rec[rec["status"] != "ok"].assign(
        status=lambda d: d["status"].map(lambda s: t(f"data.rec.{s}") if s in RECONCILIATION_STATUSES else s),
        severity=lambda d: d["severity"].map(lambda s: t(f"data.severity.{s}") if s in ("error", "warn") else s),
        check_group=lambda d: d["check_group"].map(
            lambda g: t(f"data.check.{g}") if g in RECONCILIATION_GROUPS else g))
    show_table(open_rows[["status", "severity", "check_group", "explanation", "stated_value", "computed_value",
                          "difference", "file_name", "page"]], wide=("explanation",))
