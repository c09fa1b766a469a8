"""The chat page through Streamlit's AppTest: type into the chat input, see answer, chart, table, sources."""
from __future__ import annotations

import json

import duckdb

from flows.warehouse import connect_readonly


def chart_specs(at) -> list[dict]:
    return [json.loads(el.proto.spec) for el in at.get("vega_lite_chart")]


def marks(spec: dict) -> set[str]:
    """Mark types of a chart, layered or not."""
    found = set()
    for part in [spec, *spec.get("layer", [])]:
        mark = part.get("mark")
        if mark:
            found.add(mark["type"] if isinstance(mark, dict) else mark)
    return found


def texts(elements) -> str:
    return "\n".join(str(e.value) for e in elements)


def source_links(node) -> list[tuple[str, dict]]:
    """(label, query parameters) of the links to the source viewer under an answer."""
    from urllib.parse import parse_qs

    return [(e.proto.label, {k: v[0] for k, v in parse_qs(e.proto.query_string).items()})
            for e in node.get("page_link")]


def test_first_visit_shows_intro_and_example_questions(app_env, make_app):
    at = make_app()
    assert not at.exception
    assert at.title[0].value == "Spør dataene"
    examples = [b for b in at.button if b.key and b.key.startswith("example-")]
    assert len(examples) >= 3
    assert at.chat_input[0].placeholder.startswith("Still et spørsmål")


def test_typed_question_renders_answer_chart_table_sql_and_source(app_env, make_app):
    at = make_app()
    at.chat_input[0].set_value("sykefravær trend for Stjørdal kommune").run()
    assert not at.exception

    assistant = at.chat_message[1]
    answer = texts(assistant.markdown)
    assert "4,7\u00a0%" in answer and "5,0\u00a0%" in answer  # Norwegian decimals in the sentence (Babel)
    assert ":green-badge[Svar]" in answer and "Planlegger" in answer

    [spec] = chart_specs(at)
    assert marks(spec) == {"line"}  # a trend is a line
    assert spec["encoding"]["x"]["field"] == "year"
    assert spec["config"]["locale"]["number"]["decimal"] == ","

    [table] = at.dataframe
    assert list(table.value.columns) == ["Enhet", "År", "Sykefravær (%)"]
    assert table.value["Sykefravær (%)"].tolist() == [5.0, 4.7]  # numbers stay numbers

    # the source is a link to its page in the source viewer, the figure the answer states marked
    [(label, params)] = source_links(assistant)
    assert label == "kommunedirektorens-omrader-2020.txt s. 1"
    assert params.pop("hl") in {f"{v:.1f}".replace(".", ",") for v in table.value["Sykefravær (%)"]}
    assert params == {"doc": "kommunedirektorens-omrader-2020.txt", "page": "1"}
    assert "Det samlede sykefraværet var 4,7" in texts(assistant.caption)  # and its excerpt quoted
    [code] = at.code
    assert code.value.lower().lstrip().startswith("select") and "fct_metric_value" in code.value
    assert at.expander[0].label == "Vis SQL"
    assert at.download_button[0].proto.label == "Last ned CSV"


def test_verified_answer_is_badged_and_cites_the_page(app_env, make_app):
    at = make_app()
    at.chat_input[0].set_value("sykefravær VR lønn 2020").run()
    answer = texts(at.chat_message[1].markdown)
    assert "Verifisert spørring" in answer
    assert "2,5\u00a0%" in answer
    [(label, params)] = source_links(at.chat_message[1])
    assert label.startswith("vr-regnskap-og-lonn-2020.pdf s. ") and params["page"] == label.rsplit(" ", 1)[1]
    assert params["doc"] == "vr-regnskap-og-lonn-2020.pdf" and params["hl"].replace(" ", "") == "2,5"


def test_comparison_against_average_draws_grouped_bars(app_env, make_app):
    at = make_app()
    at.chat_input[0].set_value("saker per kvartal i Hedmark IKT 2021 mot snittet").run()
    assert not at.exception
    [spec] = chart_specs(at)
    assert marks(spec) == {"bar"}, at.session_state["history"][-1]["result"]
    assert spec["encoding"]["xOffset"]["field"] == "series", (spec, at.session_state["history"][-1]["result"])
    assert "10\u00a0859" in texts(at.chat_message[1].markdown)


def test_history_is_kept_for_the_session(app_env, make_app):
    at = make_app()
    at.chat_input[0].set_value("sykefravær VR lønn 2020").run()
    at.chat_input[0].set_value("sykefravær trend for Stjørdal kommune").run()
    users = [m for m in at.chat_message if m.name == "user"]
    assert [texts(m.markdown) for m in users] == ["sykefravær VR lønn 2020", "sykefravær trend for Stjørdal kommune"]
    assert len(at.session_state["history"]) == 2
    # the examples are for a first-time user only
    assert not [b for b in at.button if b.key and b.key.startswith("example-")]


def test_every_example_is_answered_from_the_data(app_env, make_app):
    at = make_app()
    labels = [b.label for b in at.button if b.key and b.key.startswith("example-")]
    for i, label in enumerate(labels):
        at = make_app()
        at.button(key=f"example-{i}").click().run()
        assert not at.exception
        result = at.session_state["history"][-1]["result"]
        assert result["question"] == label
        assert result["status"] == "ok" and result["rows"], (label, result["answer"])


def test_unanswerable_question_says_so_without_numbers(app_env, make_app):
    at = make_app()
    at.chat_input[0].set_value("hva blir været i morgen").run()
    answer = texts(at.chat_message[1].markdown)
    assert "Ikke i dataene" in answer
    assert not at.dataframe and not at.get("vega_lite_chart")


def test_thumbs_down_with_comment_lands_in_the_review_queue(app_env, make_app, feedback_db):
    at = make_app()
    at.chat_input[0].set_value("sykefravær VR lønn 2020").run()
    at.feedback[0].set_value(0).run()  # 👎
    at.text_input[0].set_value("Mangler 2019")  # inside a form: sent together with the submit click
    next(b for b in at.button if b.label == "Send vurdering").click().run()
    assert not at.exception
    assert "Takk!" in texts(at.caption)

    con = duckdb.connect(str(feedback_db), read_only=True)
    try:
        [(question, answer_json, rating, comment)] = con.execute(
            "select question, answer_json, rating, comment from answer_feedback").fetchall()
    finally:
        con.close()
    assert (question, rating, comment) == ("sykefravær VR lønn 2020", "down", "Mangler 2019")
    assert json.loads(answer_json)["rows"] == [["VR lønn/regnskap", 2020, 2.5]]
    # the served warehouse was not touched (same read-only configuration as the app's connections:
    # DuckDB refuses a differently configured second connection to a file that is open in the process)
    con = connect_readonly(app_env)
    try:
        assert not con.execute(
            "select count(*) from information_schema.tables where table_name = 'answer_feedback'").fetchone()[0]
    finally:
        con.close()


def test_english_interface(app_env, make_app):
    at = make_app(lang="en")
    assert at.title[0].value == "Ask the data"
    at.chat_input[0].set_value("sick leave trend Stjørdal kommune").run()
    answer = texts(at.chat_message[1].markdown)
    assert "Answer" in answer and "4.7%" in answer and "4,7" not in answer  # English numbers
    assert "Sick leave (%)" in at.dataframe[0].value.columns


def test_language_toggle_switches_the_interface(app_env, make_app):
    at = make_app()
    at.sidebar.button_group[0].set_value("en").run()
    assert at.title[0].value == "Ask the data"


def test_missing_warehouse_is_explained_not_a_traceback(tmp_path, monkeypatch, make_app):
    from flows.settings import get_settings

    monkeypatch.setenv("KOMMUNEDATA_WAREHOUSE", str(tmp_path / "nothing.duckdb"))
    get_settings.cache_clear()
    try:
        at = make_app()
        assert not at.exception
        assert "kommunedata refresh" in texts(at.sidebar.warning)
        at.chat_input[0].set_value("sykefravær VR lønn 2020").run()
        assert not at.exception
        assert "kommunedata refresh" in texts(at.chat_message[1].markdown)
    finally:
        get_settings.cache_clear()
