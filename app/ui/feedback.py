"""Thumbs up/down with a comment, kept as a review queue in a small DuckDB file of its own.

Not in the served warehouse: that file is read-only for the app and replaced by every refresh.
The feedback file sits next to it (default `feedback.duckdb` in the warehouse's folder; env
KOMMUNEDATA_FEEDBACK_DB). Each write opens, inserts and closes, so the file is locked only for
milliseconds; a writer in another process that holds the lock is waited for briefly.
"""
from __future__ import annotations

import json
import os
import time
from datetime import datetime, timezone
from pathlib import Path

import duckdb
import pandas as pd

ENV_VAR = "KOMMUNEDATA_FEEDBACK_DB"
RATINGS = {0: "down", 1: "up"}  # st.feedback("thumbs") returns 0 for 👎 and 1 for 👍

DDL = """
create table if not exists answer_feedback (
    question varchar not null,
    answer_json varchar not null,
    rating varchar not null,
    comment varchar,
    created_at timestamptz not null
)
"""


def feedback_path(warehouse: Path) -> Path:
    """The configured feedback file: settings (when it has the field), env, else next to the warehouse."""
    from flows.settings import get_settings

    configured = getattr(get_settings(), "feedback_db", None) or os.environ.get(ENV_VAR)
    return Path(configured) if configured else Path(warehouse).parent / "feedback.duckdb"


def _connect(path: Path, attempts: int = 20) -> duckdb.DuckDBPyConnection:
    path.parent.mkdir(parents=True, exist_ok=True)
    for attempt in range(attempts):
        try:
            return duckdb.connect(str(path))
        except duckdb.IOException:  # another process is writing its feedback right now
            if attempt == attempts - 1:
                raise
            time.sleep(0.05)
    raise AssertionError("unreachable")


def save_feedback(path: Path, result: dict, rating: int | str, comment: str | None = None) -> None:
    rating_text = RATINGS.get(rating, rating) if isinstance(rating, int) else rating
    if rating_text not in ("up", "down"):
        raise ValueError(f"rating must be 'up' or 'down' (or 1/0), not {rating!r}")
    con = _connect(Path(path))
    try:
        con.execute(DDL)
        con.execute("insert into answer_feedback values (?, ?, ?, ?, ?)", [
            result.get("question", ""), json.dumps(result, ensure_ascii=False, default=str), rating_text,
            (comment or "").strip() or None, datetime.now(timezone.utc)])
    finally:
        con.close()


def review_queue(path: Path, limit: int = 50) -> pd.DataFrame:
    """Latest reviews first; thumbs-down (the ones to look at) before thumbs-up."""
    path = Path(path)
    columns = ["created_at", "rating", "question", "comment"]
    if not path.is_file():
        return pd.DataFrame(columns=columns)
    con = _connect(path)
    try:
        con.execute(DDL)
        return con.execute(
            "select created_at, rating, question, comment from answer_feedback "
            "order by rating = 'up', created_at desc limit ?", [limit]).df()
    finally:
        con.close()
