"""Thumbs up/down with a comment → review queue → an approver promotes the answer to a verified
query or dismisses it.

The queue is a small DuckDB file of its own, not the served warehouse: that file is read-only for
the app and replaced by every refresh. The feedback file sits next to it (default `feedback.duckdb`
in the warehouse's folder; env KOMMUNEDATA_FEEDBACK_DB). Each write opens, inserts and closes, so the
file is locked only for milliseconds; a writer in another process that holds the lock is waited for
briefly. A promoted answer's question and SQL are appended to the verified-query file the engine
reads (data/verified_queries.yml, a file the repository keeps; env KOMMUNEDATA_VERIFIED_QUERIES
for another), with who approved it and when.
"""
from __future__ import annotations

import json
import os
import time
import uuid
from datetime import datetime, timezone
from pathlib import Path

import duckdb
import pandas as pd

ENV_VAR = "KOMMUNEDATA_FEEDBACK_DB"
RATINGS = {0: "down", 1: "up"}  # st.feedback("thumbs") returns 0 for 👎 and 1 for 👍

VERIFIED_ENV_VAR = "KOMMUNEDATA_VERIFIED_QUERIES"
STATUSES = ("open", "promoted", "dismissed")

DDL = """
create table if not exists answer_feedback (
    question varchar not null,
    answer_json varchar not null,
    rating varchar not null,
    comment varchar,
    created_at timestamptz not null
);
alter table answer_feedback add column if not exists review_id varchar;
alter table answer_feedback add column if not exists status varchar default 'open';
alter table answer_feedback add column if not exists reviewed_by varchar;
alter table answer_feedback add column if not exists reviewed_at timestamptz;
update answer_feedback set review_id = md5(question || created_at::varchar) where review_id is null;
"""


class ReviewError(ValueError):
    """A review cannot be promoted (no SQL, not answered, already handled, unknown id)."""


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


def save_feedback(path: Path, result: dict, rating: int | str, comment: str | None = None) -> str:
    """Store a rating of an answer in the review queue; returns the review's id."""
    rating_text = RATINGS.get(rating, rating) if isinstance(rating, int) else rating
    if rating_text not in ("up", "down"):
        raise ValueError(f"rating must be 'up' or 'down' (or 1/0), not {rating!r}")
    review_id = uuid.uuid4().hex[:12]
    con = _connect(Path(path))
    try:
        con.execute(DDL)
        con.execute("insert into answer_feedback (question, answer_json, rating, comment, created_at, review_id, "
                    "status) values (?, ?, ?, ?, ?, ?, 'open')", [
                        result.get("question", ""), json.dumps(result, ensure_ascii=False, default=str), rating_text,
                        (comment or "").strip() or None, datetime.now(timezone.utc), review_id])
    finally:
        con.close()
    return review_id


def review_queue(path: Path, limit: int = 50, status: str | None = None) -> pd.DataFrame:
    """Latest reviews first; thumbs-down (the ones to look at) before thumbs-up; open ones only when
    `status="open"`. Columns: review_id, created_at, rating, question, comment, status, reviewed_by,
    reviewed_at, answer_json."""
    path = Path(path)
    columns = ["review_id", "created_at", "rating", "question", "comment", "status", "reviewed_by", "reviewed_at",
               "answer_json"]
    if not path.is_file():
        return pd.DataFrame(columns=columns)
    con = _connect(path)
    try:
        con.execute(DDL)
        return con.execute(
            f"select {', '.join(columns)} from answer_feedback where ?::varchar is null or status = ? "
            "order by rating = 'up', created_at desc limit ?", [status, status, limit]).df()
    finally:
        con.close()


def verified_queries_path() -> Path:
    from app.engine.catalog import verified_queries_path as engine_path

    return engine_path()


def verified_questions(path: Path | None = None) -> dict[str, str]:
    """normalised question -> SQL of every verified query in the file."""
    import yaml

    from app.engine.text import normalise

    path = Path(path or verified_queries_path())
    if not path.is_file():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {normalise(q["question"]): q["sql"] for q in data.get("queries") or [] if q.get("question")}


def is_verified(result: dict, path: Path | None = None) -> bool:
    """The engine says so, or an approver promoted this question with this SQL."""
    if result.get("verified"):
        return True
    from app.engine.text import normalise

    sql = verified_questions(path).get(normalise(result.get("question") or ""))
    return bool(sql) and " ".join(sql.split()) == " ".join((result.get("sql") or "").split())


def _set_status(con: duckdb.DuckDBPyConnection, review_id: str, status: str, reviewer: str) -> None:
    con.execute("update answer_feedback set status = ?, reviewed_by = ?, reviewed_at = ? where review_id = ?",
                [status, reviewer, datetime.now(timezone.utc), review_id])


def _open_review(con: duckdb.DuckDBPyConnection, review_id: str) -> tuple[str, dict]:
    row = con.execute("select status, answer_json from answer_feedback where review_id = ?", [review_id]).fetchone()
    if row is None:
        raise ReviewError(f"no review with id {review_id!r}")
    if row[0] != "open":
        raise ReviewError(f"review {review_id} is already {row[0]}")
    return row[0], json.loads(row[1])


def promote(path: Path, review_id: str, reviewer: str, verified_file: Path | None = None) -> Path:
    """Append the reviewed answer's question and SQL to the verified-query file and close the review."""
    reviewer = (reviewer or "").strip()
    if not reviewer:
        raise ReviewError("name the approver: a verified query says who checked it")
    con = _connect(Path(path))
    try:
        con.execute(DDL)
        _, answer = _open_review(con, review_id)
        if answer.get("status") != "ok" or not answer.get("sql"):
            raise ReviewError("only an answer with rows and SQL can become a verified query")
        target = Path(verified_file or verified_queries_path())
        append_verified_query(target, answer["question"], answer["sql"], reviewer)
        _set_status(con, review_id, "promoted", reviewer)
    finally:
        con.close()
    return target


def dismiss(path: Path, review_id: str, reviewer: str) -> None:
    con = _connect(Path(path))
    try:
        con.execute(DDL)
        _open_review(con, review_id)
        _set_status(con, review_id, "dismissed", (reviewer or "").strip() or None)
    finally:
        con.close()


def append_verified_query(path: Path, question: str, sql: str, reviewer: str) -> None:
    """Append one entry to the YAML file, keeping its comments (a file people read and review in git)."""
    import yaml

    from app.engine.text import normalise

    path = Path(path)
    text = path.read_text(encoding="utf-8") if path.is_file() else "queries:\n"
    data = yaml.safe_load(text) or {}
    if normalise(question) in {normalise(q.get("question", "")) for q in data.get("queries") or []}:
        raise ReviewError(f"{question!r} is already a verified query")
    if "queries" not in data:
        text = text.rstrip("\n") + "\nqueries:\n" if text.strip() else "queries:\n"
    class Dumper(yaml.SafeDumper):
        pass

    Dumper.add_representer(str, lambda d, v: d.represent_scalar("tag:yaml.org,2002:str", v,
                                                                 style="|" if "\n" in v else None))
    entry = yaml.dump([{"question": question, "sql": "\n".join(l.rstrip() for l in sql.strip().splitlines()) + "\n",
                        "verified_by": reviewer, "verified_at": datetime.now(timezone.utc).date().isoformat()}],
                      Dumper=Dumper, allow_unicode=True, sort_keys=False, width=120)
    block = "".join("  " + line if line.strip() else line for line in entry.splitlines(keepends=True))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text.rstrip("\n") + "\n" + block, encoding="utf-8")
    check = yaml.safe_load(path.read_text(encoding="utf-8"))
    if normalise(question) not in {normalise(q["question"]) for q in check["queries"]}:
        raise ReviewError(f"could not write {path}: the appended entry did not read back")
