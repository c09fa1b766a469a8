"""The chat as a conversation: follow-up context, clarifying choices, next questions, examples from the
loaded data, reload and links, English throughout. Answers the engine does not give yet (clarify,
suggestions) are constructed here, as the contract (shared/docs/contract.md) describes them."""
from __future__ import annotations

import shutil

import duckdb
import pytest

import app.engine.engine as engine_module
from flows.warehouse import connect_readonly

CLARIFY = {
    "question": "hvordan går det med økonomien?", "status": "clarify", "engine": "planner", "sql": None,
    "columns": [], "rows": [], "answer": "Spørsmålet kan leses på flere måter. Hva mener du?",
    "interpretation": "økonomi, uklart hvilket mål", "chart": None, "sources": [], "elapsed_ms": 3.0,
    "suggestions": ["regnskap mot budsjett for VARIT 2020", "sykefravær VR lønn 2020"],
}


def scripted_ok(question: str, suggestions: list[str]) -> dict:
    return {"question": question, "status": "ok", "engine": "planner", "sql": "select 1", "columns": ["unit", "cases"],
            "rows": [["A", 10], ["B", 12]], "answer": "Saker: A 10, B 12.", "interpretation": "saker, per enhet",
            "chart": {"kind": "bar", "x": "unit", "y": "cases"}, "sources": [], "suggestions": suggestions,
            "elapsed_ms": 2.0}


@pytest.fixture
def engine_calls(monkeypatch):
    """The engine's ask, recording each call and its context; scripted answers for some questions."""
    real, calls, script = engine_module.ask, [], {}

    def ask(question, warehouse=None, engine="auto", chat_model=None, context=None):
        calls.append({"question": question, "context": context})
        if question in script:
            return dict(script[question], question=question)
        return real(question, warehouse=warehouse, engine=engine)

    monkeypatch.setattr(engine_module, "ask", ask)
    ask.script = script
    ask.calls = calls
    return ask


def texts(elements) -> str:
    return "\n".join(str(e.value) for e in elements)


def test_follow_up_carries_the_previous_answer(app_env, make_app, engine_calls):
    at = make_app()
    at.chat_input[0].set_value("sykefravær VR lønn 2020").run()
    at.chat_input[0].set_value("og i 2019?").run()
    assert not at.exception
    first, follow_up = engine_calls.calls
    assert first["context"] is None
    assert follow_up["context"]["question"] == "sykefravær VR lønn 2020"
    assert follow_up["context"]["rows"] == [["VR lønn/regnskap", 2020, 2.5]]


def test_clarify_offers_the_readings_as_buttons(app_env, make_app, engine_calls):
    engine_calls.script[CLARIFY["question"]] = CLARIFY
    at = make_app()
    at.chat_input[0].set_value(CLARIFY["question"]).run()
    assert not at.exception
    assistant = at.chat_message[1]
    assert "Velg tolkning" in texts(assistant.markdown) and "Hva mener du?" in texts(assistant.markdown)
    choices = [b for b in at.button if b.key and "-choice-" in b.key]
    assert [b.label for b in choices] == CLARIFY["suggestions"]
    assert not at.feedback  # nothing to rate in a question back
    choices[1].click().run()
    assert not at.exception
    picked = engine_calls.calls[-1]
    assert picked["question"] == "sykefravær VR lønn 2020"
    assert picked["context"]["status"] == "clarify"  # the engine knows which question was cleared up
    assert at.session_state["history"][-1]["result"]["rows"] == [["VR lønn/regnskap", 2020, 2.5]]


def test_suggested_next_questions_are_buttons_under_the_newest_answer(app_env, make_app, engine_calls):
    engine_calls.script["saker per enhet"] = scripted_ok("saker per enhet", ["sykefravær VR lønn 2020"])
    at = make_app()
    at.chat_input[0].set_value("saker per enhet").run()
    assert "Tolket som: saker, per enhet" in texts(at.chat_message[1].caption)  # the engine's plain words
    [suggestion] = [b for b in at.button if b.key and "-next-" in b.key]
    assert suggestion.label == "sykefravær VR lønn 2020"
    suggestion.click().run()
    assert engine_calls.calls[-1]["question"] == "sykefravær VR lønn 2020"
    # the older answer's suggestions are gone: the newest answer has none of its own
    assert not [b for b in at.button if b.key and "-next-" in b.key]


def test_examples_are_built_from_the_loaded_warehouse(app_env, make_app, tmp_path, monkeypatch):
    from flows.settings import get_settings

    at = make_app()
    labels = [b.label for b in at.button if b.key and b.key.startswith("example-")]
    con = connect_readonly(app_env)  # the app's configuration: DuckDB refuses a second, different one
    units = {r[0] for r in con.execute("select unit_name from dim_unit").fetchall()}
    con.close()
    named = [u for u in units if any(u in label for label in labels)]
    assert named, labels
    # the same warehouse with that unit renamed gives examples with the new name
    renamed = tmp_path / "renamed.duckdb"
    shutil.copy(app_env, renamed)
    con = duckdb.connect(str(renamed))
    con.execute("update dim_unit set unit_name = 'Prøveenheten' where unit_name = ?", [named[0]])
    con.close()
    monkeypatch.setenv("KOMMUNEDATA_WAREHOUSE", str(renamed))
    get_settings.cache_clear()
    at = make_app()
    relabelled = [b.label for b in at.button if b.key and b.key.startswith("example-")]
    assert any("Prøveenheten" in label for label in relabelled), relabelled
    assert not any(named[0] in label for label in relabelled)


def test_reload_keeps_conversation_and_language(app_env, make_app):
    at = make_app()
    at.sidebar.button_group[0].set_value("en").run()
    at.chat_input[0].set_value("sick leave VR lønn 2020").run()
    sid = at.query_params["s"]
    assert at.query_params["lang"] == "en"
    again = make_app(params={"s": sid})  # a new script session: what a browser reload gets
    assert again.session_state["lang"] == "en"
    assert again.title[0].value == "Ask the data"
    assert [item["question"] for item in again.session_state["history"]] == ["sick leave VR lønn 2020"]
    assert "sick leave VR lønn 2020" in texts(again.chat_message[0].markdown)
    other = make_app()  # another browser session starts empty
    assert other.query_params["s"] != sid and not other.session_state["history"]


def test_a_link_reopens_an_answer_in_another_session(app_env, make_app):
    at = make_app()
    at.chat_input[0].set_value("sykefravær VR lønn 2020").run()
    item = at.session_state["history"][-1]
    assert f"?answer={item['id']}" in texts(at.chat_message[1].markdown)
    opened = make_app(params={"answer": item["id"]})
    assert not opened.exception
    assert opened.session_state["history"][-1]["result"]["rows"] == [["VR lønn/regnskap", 2020, 2.5]]
    assert "2,5" in texts(opened.metric)
    missing = make_app(params={"answer": "doesnotexist123"})
    assert "Fant ikke svaret" in texts(missing.warning)


def test_one_value_is_shown_as_a_metric(app_env, make_app):
    at = make_app()
    at.chat_input[0].set_value("sykefravær VR lønn 2020").run()
    [metric] = at.metric
    assert metric.value == "2,5\u00a0%"
    assert not at.get("vega_lite_chart")


def test_english_answer_page_has_no_norwegian_chrome(app_env, make_app):
    from app.ui.i18n import STRINGS

    at = make_app(lang="en")
    at.chat_input[0].set_value("sick leave VR lønn 2020").run()
    result = at.session_state["history"][-1]["result"]
    # the engine's own words (answer sentence, interpretation, report excerpts) are its business, the rest is ours
    ours = [e for e in list(at.markdown) + list(at.caption)
            if str(e.value) != result["answer"] and "psychology" not in str(e.value) and "description" not in str(e.value)]
    shown = "\n".join([texts(ours), texts(at.title)] + [m.label for m in at.metric]
                      + [b.label for b in at.button] + [e.label for e in at.expander])
    assert "Understood as" in texts(at.caption) and "Sources" in texts(at.markdown)
    norwegian_only = {v for k, v in STRINGS["nb"].items() if v != STRINGS["en"][k] and "{" not in v and len(v) > 4}
    assert not [s for s in norwegian_only if s in shown]
    assert at.metric[0].value == "2.5%"  # numbers in English format
    assert ":green-badge[Answer]" in texts(at.markdown)
