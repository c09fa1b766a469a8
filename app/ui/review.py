"""Review page: the answers people rated, for an approver to promote to a verified query or dismiss."""
from __future__ import annotations

import json

import streamlit as st

from app.ui.common import local_time, show_table, t, warehouse_path
from app.ui.feedback import ReviewError, dismiss, feedback_path, promote, review_queue, verified_queries_path


def _promote(review_id: str) -> None:
    try:
        target = promote(feedback_path(warehouse_path()), review_id, st.session_state.get("reviewer", ""))
    except (ReviewError, OSError) as exc:
        st.session_state.review_message = ("error", t("review.failed", error=exc))
    else:
        st.session_state.review_message = ("success", t("review.promoted", path=target))


def _dismiss(review_id: str) -> None:
    try:
        dismiss(feedback_path(warehouse_path()), review_id, st.session_state.get("reviewer", ""))
    except (ReviewError, OSError) as exc:
        st.session_state.review_message = ("error", t("review.failed", error=exc))
    else:
        st.session_state.review_message = ("info", t("review.dismissed"))


st.title(t("review.title"))
st.caption(t("review.help", path=verified_queries_path()))
if st.session_state.get("user"):
    st.session_state.reviewer = st.session_state.user  # the login names the approver
else:
    st.text_input(t("review.reviewer"), key="reviewer", placeholder=t("review.reviewer_placeholder"))

message = st.session_state.pop("review_message", None)
if message:
    getattr(st, message[0])(message[1])

path = feedback_path(warehouse_path())
queue = review_queue(path, status="open")
if queue.empty:
    st.info(t("review.empty"))
for row in queue.itertuples():
    answer = json.loads(row.answer_json)
    rating = t("feedback.up") if row.rating == "up" else t("feedback.down")
    with st.container(border=True, key=f"review-{row.review_id}"):
        st.markdown(f"**{row.question}** · {'👍' if row.rating == 'up' else '👎'} {rating} · "
                    f"{local_time(row.created_at)}")
        if row.comment:
            st.caption(t("review.comment", comment=row.comment))
        st.write(answer.get("answer") or "")
        if answer.get("sql"):
            with st.expander(t("chat.show_sql"), icon=":material/code:"):
                st.code(answer["sql"], language="sql")
        can_promote = answer.get("status") == "ok" and bool(answer.get("sql"))
        left, right = st.columns(2)
        left.button(t("review.promote"), key=f"promote-{row.review_id}", type="primary", icon=":material/verified:",
                    disabled=not can_promote or not st.session_state.get("reviewer"),
                    help=None if can_promote else t("review.cannot_promote"),
                    on_click=_promote, args=(row.review_id,))
        right.button(t("review.dismiss"), key=f"dismiss-{row.review_id}", icon=":material/close:",
                     on_click=_dismiss, args=(row.review_id,))

done = review_queue(path)
done = done[done["status"] != "open"]
if not done.empty:
    st.subheader(t("review.done"))
    shown = done.assign(status=done["status"].map(lambda s: t(f"review.status.{s}")),
                        rating=done["rating"].map({"up": t("feedback.up"), "down": t("feedback.down")}),
                        reviewed_at=done["reviewed_at"].map(local_time))
    show_table(shown[["status", "question", "rating", "reviewed_by", "reviewed_at"]])
