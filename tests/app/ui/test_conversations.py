"""Conversations per browser session and answers by link, in files (no Streamlit)."""
from __future__ import annotations

from app.ui import conversations


def test_session_round_trip_and_answers_by_id(tmp_path):
    sid = conversations.new_id()
    item = {"id": conversations.new_id(), "question": "sykefravær 2020", "result": {"status": "ok", "rows": [[2.5]]}}
    conversations.save_session(tmp_path, sid, "en", [item])
    conversations.save_answer(tmp_path, item)
    assert conversations.load_session(tmp_path, sid) == {"lang": "en", "history": [item]}
    assert conversations.load_answer(tmp_path, item["id"]) == item
    assert conversations.load_session(tmp_path, conversations.new_id()) is None
    assert not list(tmp_path.rglob(".tmp-*"))  # written through a temporary file, swapped in


def test_ids_from_urls_never_name_a_path(tmp_path):
    (tmp_path / "secret.json").write_text('{"lang": "nb", "history": []}')
    for bad in ("../secret", "..%2Fsecret", "a/b/c/d/e/f", "short", "", None):
        assert conversations.load_session(tmp_path / "sessions", bad) is None
        assert conversations.load_answer(tmp_path, bad) is None
    assert all(conversations.valid_id(conversations.new_id()) for _ in range(50))


def test_store_lives_beside_the_warehouse_unless_configured(tmp_path, monkeypatch):
    monkeypatch.delenv(conversations.ENV_VAR, raising=False)
    assert conversations.store_dir(tmp_path / "data" / "w.duckdb") == (tmp_path / "data" / "conversations").resolve()
    monkeypatch.setenv(conversations.ENV_VAR, str(tmp_path / "elsewhere"))
    assert conversations.store_dir(tmp_path / "data" / "w.duckdb") == tmp_path / "elsewhere"
