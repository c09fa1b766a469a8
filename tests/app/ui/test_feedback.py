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
