"""LLM structured-plan mode: the model fills the planner's plan (JSON constrained to the vocabulary)
and the same compiler turns it into SQL. Fake chat models and a fake OpenAI-compatible server on
loopback; the warehouse is the sample warehouse."""
from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel

from app.engine.engine import QuestionEngine
from flows.warehouse import connect_readonly


def fake(plan: dict) -> GenericFakeChatModel:
    return GenericFakeChatModel(messages=iter([json.dumps(plan)]))


def test_plan_from_a_fake_model_is_compiled_by_the_planner(sample_warehouse):
    question = "sykefravær VR lønn 2020"
    planner = QuestionEngine(sample_warehouse).ask(question, engine="planner")
    plan = {"family": "value", "metric": "sick_leave_pct", "units": ["VR lønn/regnskap"], "years": [2020]}
    result = QuestionEngine(sample_warehouse, chat_model=fake(plan)).ask(question, engine="llm-plan")
    assert result["status"] == "ok" and result["engine"] == "llm-plan"
    assert result["sql"] == planner["sql"] and result["rows"] == planner["rows"]
    assert result["llm_plan"]["metric"] == "sick_leave_pct"


def test_a_name_outside_the_vocabulary_is_unanswerable_not_mapped(sample_warehouse):
    plan = {"family": "value", "metric": "sick_leave_pct", "units": ["Avdeling som ikke finnes"], "years": [2020]}
    result = QuestionEngine(sample_warehouse, chat_model=fake(plan)).ask("sykefravær x 2020", engine="llm-plan")
    assert result["status"] == "unanswerable" and result["rows"] == []
    assert "Avdeling som ikke finnes" in result["answer"]


def test_model_saying_unanswerable_gives_no_sql(sample_warehouse):
    plan = {"family": "unanswerable", "reason": "Dataene har ingen brukertilfredshet."}
    result = QuestionEngine(sample_warehouse, chat_model=fake(plan)).ask("brukertilfredshet 2021", engine="llm-plan")
    assert result["status"] == "unanswerable" and result["sql"] is None and "brukertilfredshet" in result["answer"]


class _Server(BaseHTTPRequestHandler):
    plan: dict = {}
    requests: list = []

    def do_POST(self):  # noqa: N802
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        type(self).requests.append(body)
        reply = {"id": "x", "object": "chat.completion", "created": 0, "model": body.get("model"),
                 "choices": [{"index": 0, "finish_reason": "stop",
                              "message": {"role": "assistant", "content": json.dumps(type(self).plan)}}],
                 "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}}
        data = json.dumps(reply).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture
def openai_compatible():
    server = HTTPServer(("127.0.0.1", 0), _Server)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _Server.requests = []
    yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    server.shutdown()
    server.server_close()


def test_structured_output_through_an_openai_compatible_server(sample_warehouse, openai_compatible):
    from langchain_openai import ChatOpenAI

    _Server.plan = {"family": "tickets", "quarters": [3], "years": [2021]}
    model = ChatOpenAI(model="fake", base_url=openai_compatible, api_key="not-used", max_retries=0)
    result = QuestionEngine(sample_warehouse, chat_model=model).ask(
        "Hvor mange saker kom inn i tredje kvartal 2021?", engine="llm-plan")
    assert _Server.requests and "response_format" in _Server.requests[0]  # JSON schema, not free text
    con = connect_readonly(sample_warehouse)  # the engine's connection settings
    try:
        expected = con.execute("select count(*) from fct_ticket where created_date between '2021-07-01' "
                               "and '2021-09-30'").fetchone()[0]
    finally:
        con.close()
    assert result["status"] == "ok" and result["rows"] == [[expected]]
    assert result["family"] == "tickets"
