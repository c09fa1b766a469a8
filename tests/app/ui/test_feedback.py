"""The review queue lives in its own small DuckDB file, never in the served warehouse."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.ui.feedback import feedback_path, review_queue, save_feedback

ANSWER = {"question": "sykefravær VR lønn 2020", "status": "ok", "rows": [["VR lønn/regnskap", 2020, 2.5]]}


def test_save_and_read_back(tmp_path):
    db = tmp_path / "sub" / "feedback.duckdb"
    save_feedback(db, ANSWER, 1)
    save_feedback(db, {**ANSWER, "question": "årsverk VARIT"}, 0, "  feil år  ")
    queue = review_queue(db)
    assert queue["rating"].tolist() == ["down", "up"]  # what needs looking at first
    assert queue.iloc[0]["comment"] == "feil år"
    assert queue.iloc[1]["comment"] is None or str(queue.iloc[1]["comment"]) in ("None", "nan", "<NA>")


def test_answer_json_is_stored_whole(tmp_path):
    import duckdb

    db = tmp_path / "feedback.duckdb"
    save_feedback(db, ANSWER, "up")
    con = duckdb.connect(str(db), read_only=True)
    try:
        (answer_json,) = con.execute("select answer_json from answer_feedback").fetchone()
    finally:
        con.close()
    assert json.loads(answer_json) == ANSWER


def test_rating_must_be_up_or_down(tmp_path):
    with pytest.raises(ValueError):
        save_feedback(tmp_path / "f.duckdb", ANSWER, "meh")


def test_empty_queue_when_no_file(tmp_path):
    assert review_queue(tmp_path / "none.duckdb").empty


def test_path_defaults_next_to_the_warehouse_and_env_overrides(tmp_path, monkeypatch):
    from flows.settings import get_settings

    monkeypatch.delenv("KOMMUNEDATA_FEEDBACK_DB", raising=False)
    get_settings.cache_clear()
    assert feedback_path(tmp_path / "data" / "warehouse.duckdb") == tmp_path / "data" / "feedback.duckdb"
    monkeypatch.setenv("KOMMUNEDATA_FEEDBACK_DB", str(tmp_path / "elsewhere.duckdb"))
    get_settings.cache_clear()
    assert feedback_path(tmp_path / "data" / "warehouse.duckdb") == Path(tmp_path / "elsewhere.duckdb")
    get_settings.cache_clear()


# --- review workflow: promote to a verified query or dismiss ------------------------------------------

ANSWERED = {"question": "årsverk VARIT 2020", "status": "ok", "engine": "planner",
            "sql": "select u.unit_name as unit, f.value as fte\nfrom fct_metric_value as f\n"
                   "join dim_unit as u on u.unit_key = f.unit_key\nwhere f.metric_code = 'fte'",
            "columns": ["unit", "fte"], "rows": [["VARIT", 18.25]]}


def _verified_copy(tmp_path) -> Path:
    from app.engine.catalog import SAMPLE_VERIFIED_QUERIES

    target = tmp_path / "verified_queries.yml"
    target.write_text(SAMPLE_VERIFIED_QUERIES.read_text(encoding="utf-8"), encoding="utf-8")
    return target


def test_promotion_appends_a_verified_query_the_engine_loads(tmp_path):
    from app.engine.catalog import load_verified_queries
    from app.ui.feedback import is_verified, promote

    db, verified = tmp_path / "feedback.duckdb", _verified_copy(tmp_path)
    before = load_verified_queries(verified)
    review_id = save_feedback(db, ANSWERED, "up", "stemmer med side 3")
    assert review_queue(db, status="open")["review_id"].tolist() == [review_id]
    assert not is_verified(ANSWERED, verified)

    assert promote(db, review_id, "Kari Nordmann", verified) == verified
    after = load_verified_queries(verified)
    assert after[:len(before)] == before  # nothing else changed
    added = after[-1]
    assert (added.question, added.verified_by) == ("årsverk VARIT 2020", "Kari Nordmann")
    assert " ".join(added.sql.split()) == " ".join(ANSWERED["sql"].split())
    assert verified.read_text(encoding="utf-8").startswith("#")  # the file's comments are kept
    assert is_verified({**ANSWERED, "question": "Årsverk  VARIT 2020"}, verified)
    assert not is_verified({**ANSWERED, "sql": "select 1"}, verified)  # another SQL is not what was checked
    done = review_queue(db)
    assert done.iloc[0]["status"] == "promoted" and done.iloc[0]["reviewed_by"] == "Kari Nordmann"
    assert review_queue(db, status="open").empty


def test_what_cannot_be_promoted_is_refused_with_a_reason(tmp_path):
    from app.ui.feedback import ReviewError, dismiss, promote

    db, verified = tmp_path / "feedback.duckdb", _verified_copy(tmp_path)
    unanswered = save_feedback(db, {"question": "x", "status": "unanswerable", "sql": None, "rows": []}, "down")
    with pytest.raises(ReviewError, match="SQL"):
        promote(db, unanswered, "Kari", verified)
    answered = save_feedback(db, ANSWERED, "up")
    with pytest.raises(ReviewError, match="approver"):
        promote(db, answered, "  ", verified)
    dismiss(db, answered, "Kari")
    with pytest.raises(ReviewError, match="dismissed"):
        promote(db, answered, "Kari", verified)
    with pytest.raises(ReviewError, match="no review"):
        dismiss(db, "nope", "Kari")
    again = save_feedback(db, {**ANSWERED, "question": "sykefravær VR lønn 2020"}, "up")
    with pytest.raises(ReviewError, match="already a verified query"):
        promote(db, again, "Kari", verified)


def test_queue_written_before_reviews_had_ids_still_reads(tmp_path):
    import duckdb

    db = tmp_path / "old.duckdb"
    con = duckdb.connect(str(db))
    con.execute("create table answer_feedback (question varchar not null, answer_json varchar not null, "
                "rating varchar not null, comment varchar, created_at timestamptz not null)")
    con.execute("insert into answer_feedback values ('q', '{}', 'down', null, now())")
    con.close()
    queue = review_queue(db, status="open")
    assert len(queue) == 1 and queue.iloc[0]["review_id"]
