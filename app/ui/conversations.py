"""Conversations kept per browser session across reloads, and answers reopened by a link.

A browser session is a random id in the URL (`?s=…`): its conversation and language are a small JSON
file `sessions/<id>.json`; every answer is also stored as `answers/<id>.json`, so `?answer=<id>`
reopens it in any browser. The folder is `conversations/` next to the warehouse (env
KOMMUNEDATA_CONVERSATIONS_DIR). Writes go to a temporary file first and are swapped in, so a reader
never sees half a file. No Streamlit here.
"""
from __future__ import annotations

import json
import os
import re
import secrets
import tempfile
from pathlib import Path

ENV_VAR = "KOMMUNEDATA_CONVERSATIONS_DIR"
_ID = re.compile(r"^[A-Za-z0-9_-]{8,64}$")


def store_dir(warehouse: Path) -> Path:
    configured = os.environ.get(ENV_VAR)
    return Path(configured) if configured else Path(warehouse).resolve().parent / "conversations"


def new_id() -> str:
    return secrets.token_urlsafe(12)


def valid_id(value: object) -> bool:
    """Ids come from URLs: only ours (letters, digits, - and _) name a file, never a path."""
    return isinstance(value, str) and bool(_ID.match(value))


def _write(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(data, fh, ensure_ascii=False, default=str)
    os.replace(tmp, path)


def _read(path: Path) -> dict | None:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return None


def load_session(folder: Path, session_id: str) -> dict | None:
    """{"lang": …, "history": [{"id", "question", "result"}, …]} or None for an unknown session."""
    return _read(Path(folder) / "sessions" / f"{session_id}.json") if valid_id(session_id) else None


def save_session(folder: Path, session_id: str, lang: str, history: list[dict]) -> None:
    if not valid_id(session_id):
        raise ValueError(f"not a session id: {session_id!r}")
    _write(Path(folder) / "sessions" / f"{session_id}.json", {"lang": lang, "history": history})


def save_answer(folder: Path, item: dict) -> None:
    _write(Path(folder) / "answers" / f"{item['id']}.json", item)


def load_answer(folder: Path, answer_id: str) -> dict | None:
    return _read(Path(folder) / "answers" / f"{answer_id}.json") if valid_id(answer_id) else None
