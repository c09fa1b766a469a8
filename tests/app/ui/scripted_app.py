"""`kommunedata app` for browser tests, with the engine answering some questions from a script.

The engine does not (yet) return every kind of answer the contract allows (clarify, suggestions), so
the browser tests give those answers themselves: KOMMUNEDATA_TEST_SCRIPT names a JSON file
{question: answer}; every other question goes to the real engine. Each call (question and the
question of its context) is appended to KOMMUNEDATA_TEST_CALLS as a JSON line. Streamlit runs the app
in this process, so the patched `ask` is the one the chat page imports.

    python tests/app/ui/scripted_app.py PORT WAREHOUSE
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))

import app.engine.engine as engine_module  # noqa: E402

SCRIPT = json.loads(Path(os.environ["KOMMUNEDATA_TEST_SCRIPT"]).read_text(encoding="utf-8"))
CALLS = Path(os.environ["KOMMUNEDATA_TEST_CALLS"])
real_ask = engine_module.ask


def ask(question, warehouse=None, engine="auto", chat_model=None, context=None):
    with CALLS.open("a", encoding="utf-8") as fh:
        fh.write(json.dumps({"question": question, "context": (context or {}).get("question")},
                            ensure_ascii=False) + "\n")
    if question in SCRIPT:
        return dict(SCRIPT[question], question=question)
    return real_ask(question, warehouse=warehouse, engine=engine, context=context)


engine_module.ask = ask

if __name__ == "__main__":
    from streamlit.web import cli

    port, warehouse = sys.argv[1], sys.argv[2]
    os.environ["KOMMUNEDATA_WAREHOUSE"] = warehouse
    sys.argv = ["streamlit", "run", str(ROOT / "app" / "ui" / "main.py"), "--server.port", port,
                "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false",
                "--browser.serverAddress", "localhost", "--client.toolbarMode", "viewer"]
    sys.exit(cli.main())
