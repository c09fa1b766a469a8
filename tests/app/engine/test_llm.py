"""The LLM engine with LangChain fake chat models replaying recorded replies (no network)."""
from __future__ import annotations

from decimal import Decimal
from functools import partial
from pathlib import Path
from typing import Any

import duckdb
import pytest
import yaml
from langchain_core.language_models.fake_chat_models import FakeMessagesListChatModel, GenericFakeChatModel
from langchain_core.messages import AIMessage, BaseMessage
from pydantic import Field

from app.engine.catalog_model import Catalog, Column, Metric, Table, VerifiedQuery
from app.engine.guard import guard_sql, run_readonly
from app.engine.llm import (
    LLMEngine,
    LLMSettings,
    build_chat_model,
    build_prompt,
    describe_llm,
    extract_sql,
    format_number,
    summarize_rows,
    unsupported_numbers,
)
from flows.warehouse import connect_readonly

FIXTURES = Path(__file__).parent / "fixtures" / "llm"


class RecordingFakeChatModel(GenericFakeChatModel):
    """GenericFakeChatModel that also keeps the prompts it was sent, to assert on repair rounds."""

    prompts: list[list[BaseMessage]] = Field(default_factory=list)

    def _generate(self, messages, stop=None, run_manager=None, **kwargs):
        self.prompts.append(list(messages))
        return super()._generate(messages, stop=stop, run_manager=run_manager, **kwargs)


def recorded(name: str) -> tuple[str, RecordingFakeChatModel]:
    data = yaml.safe_load((FIXTURES / f"{name}.yaml").read_text(encoding="utf-8"))
    return data["question"], RecordingFakeChatModel(messages=iter(data["responses"]))


@pytest.fixture
def catalog() -> Catalog:
    fct = Table("fct_metric_value", "One value per unit, metric, year and scenario.", (
        Column("unit_id", "INTEGER", "Key to dim_unit"),
        Column("metric_code", "VARCHAR", "Key to dim_metric"),
        Column("year", "INTEGER", "Reporting year"),
        Column("scenario", "VARCHAR", "actual or budget"),
        Column("value", "DOUBLE", "The value, in the metric's unit"),
    ))
    unit = Table("dim_unit", "Organisational units.", (
        Column("unit_id", "INTEGER", ""),
        Column("unit_name", "VARCHAR", "Canonical unit name"),
    ))
    metric = Metric("sick_leave_pct", "Sykefravær", "Sick leave", ("sykefravær", "sick leave"), "pct", False,
                    "Sick-leave days as a percentage of possible working days.")
    return Catalog(
        tables={"fct_metric_value": fct, "dim_unit": unit},
        metrics={"sick_leave_pct": metric},
        units={"vr lønn/regnskap": "VR lønn/regnskap", "lønn": "VR lønn/regnskap", "it": "IT"},
        years=(2020, 2021, 2022),
        scenarios=("actual", "budget"),
        verified_queries=(VerifiedQuery(
            "Sykefravær for IT per år",
            "SELECT f.year, f.value FROM fct_metric_value f JOIN dim_unit u USING (unit_id) "
            "WHERE u.unit_name = 'IT' AND f.metric_code = 'sick_leave_pct' ORDER BY f.year",
            "lead", "2024-05-01"),),
    )


@pytest.fixture
def warehouse(tmp_path: Path) -> Path:
    path = tmp_path / "warehouse.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute("create table dim_unit(unit_id integer, unit_name varchar)")
        con.execute("insert into dim_unit values (1, 'VR lønn/regnskap'), (2, 'IT')")
        con.execute("create table fct_metric_value(unit_id integer, metric_code varchar, year integer,"
                    " scenario varchar, value double)")
        con.execute("insert into fct_metric_value values "
                    "(1, 'sick_leave_pct', 2020, 'actual', 2.5), (1, 'sick_leave_pct', 2021, 'actual', 3.1),"
                    "(1, 'sick_leave_pct', 2022, 'actual', 2.8), (2, 'sick_leave_pct', 2020, 'actual', 4.0)")
    return path


class SpyRunner:
    """run_sql that records what it was asked to execute."""

    def __init__(self, db: Path):
        self.db, self.executed = db, []

    def __call__(self, sql: str):
        self.executed.append(sql)
        return run_readonly(self.db, sql, timeout_s=5)


def make_engine(model, catalog: Catalog, warehouse: Path) -> tuple[LLMEngine, SpyRunner]:
    runner = SpyRunner(warehouse)
    guard = partial(guard_sql, allowed=catalog.allowed_columns())
    return LLMEngine(model, catalog, runner, guard), runner


# --- the engine ----------------------------------------------------------------------------------

def test_happy_path_answers_from_real_rows(catalog, warehouse):
    question, model = recorded("happy_path")
    engine, runner = make_engine(model, catalog, warehouse)

    result = engine.ask(question)

    assert result["status"] == "ok" and result["engine"] == "llm"
    assert {"question", "status", "engine", "sql", "columns", "rows", "answer", "sources", "chart",
            "attempts"} <= result.keys()
    assert result["question"] == question
    assert result["columns"] == ["year", "sick_leave_pct"]
    assert result["rows"] == [[2020, 2.5], [2021, 3.1], [2022, 2.8]]
    assert result["answer"] == "Sykefraværet i VR lønn/regnskap var 2,5 % i 2020, 3,1 % i 2021 og 2,8 % i 2022."
    assert result["answer_source"] == "llm"
    assert result["sql"].endswith("LIMIT 5000") and runner.executed == [result["sql"]]
    assert result["attempts"] == [{"sql": extract_sql(yaml.safe_load(
        (FIXTURES / "happy_path.yaml").read_text(encoding="utf-8"))["responses"][0]), "error": None}]
    # The answer-writing call saw the rows and the question, nothing else from the warehouse.
    answer_prompt = model.prompts[1][-1].content
    assert question in answer_prompt and "2.5" in answer_prompt and "fct_metric_value" not in answer_prompt


def test_invented_column_is_repaired_with_the_guard_error(catalog, warehouse):
    question, model = recorded("repair_invented_column")
    engine, runner = make_engine(model, catalog, warehouse)

    result = engine.ask(question)

    assert result["status"] == "ok"
    assert result["rows"] == [[2021, 3.1]]
    assert [a["error"] is None for a in result["attempts"]] == [False, True]
    assert "sick_leave" in result["attempts"][0]["error"]
    # The repair round showed the model its own reply and the guard's reason, including real columns.
    repair_prompt = model.prompts[1]
    assert "sick_leave" in repair_prompt[-2].content
    assert "guard refused" in repair_prompt[-1].content and "metric_code" in repair_prompt[-1].content
    assert len(runner.executed) == 1  # the refused query never reached the database


def test_database_error_is_repaired(catalog, warehouse):
    question, model = recorded("repair_database_error")
    engine, runner = make_engine(model, catalog, warehouse)

    result = engine.ask(question)

    assert result["status"] == "ok"
    assert result["rows"] == [[2020, 2.5]]
    assert "database refused" in result["attempts"][0]["error"]
    assert "database refused" in model.prompts[1][-1].content
    assert len(runner.executed) == 2


def test_hostile_sql_from_the_model_is_refused_and_never_run(catalog, warehouse):
    question, model = recorded("hostile_sql")
    engine, runner = make_engine(model, catalog, warehouse)

    result = engine.ask(question)

    assert result["status"] == "error"
    assert result["sql"] is None and result["rows"] == [] and result["columns"] == []
    assert len(result["attempts"]) == 3 and all(a["error"] for a in result["attempts"])
    assert "read_csv" in result["attempts"][0]["error"]
    assert "one statement" in result["attempts"][1]["error"]
    assert "DELETE" in result["attempts"][2]["error"]
    assert runner.executed == []
    with connect_readonly(warehouse) as con:
        assert con.execute("select count(*) from fct_metric_value").fetchone()[0] == 4
    assert "root:" not in result["answer"]


def test_hallucinated_number_is_replaced_by_a_summary_of_the_rows(catalog, warehouse):
    question, model = recorded("hallucinated_number")
    engine, _ = make_engine(model, catalog, warehouse)

    result = engine.ask(question)

    assert result["status"] == "ok"
    assert result["rows"] == [["VR lønn/regnskap", 2020, 2.5]]
    assert result["answer_source"] == "summary"
    assert "2,7" not in result["answer"] and "6,1" not in result["answer"]
    assert "2,5" in result["answer"] and "VR lønn/regnskap" in result["answer"]
    assert unsupported_numbers(result["answer"], [("VR lønn/regnskap", 2020, 2.5)]) == []


def test_model_saying_unanswerable_gives_no_numbers_and_no_sql(catalog, warehouse):
    question, model = recorded("unanswerable")
    engine, runner = make_engine(model, catalog, warehouse)

    result = engine.ask(question)

    assert result["status"] == "unanswerable" and result["sql"] is None and result["rows"] == []
    assert "Brannvesenet" in result["answer"]
    assert runner.executed == []


def test_empty_result_is_unanswerable(catalog, warehouse):
    model = FakeMessagesListChatModel(responses=[AIMessage(
        "```sql\nSELECT year, value FROM fct_metric_value WHERE year = 1999\n```")])
    engine, _ = make_engine(model, catalog, warehouse)

    result = engine.ask("Sykefravær i 1999?")

    assert result["status"] == "unanswerable" and result["rows"] == [] and result["sql"]


def test_structured_output_tool_call_is_accepted(catalog, warehouse):
    call = AIMessage(content="", tool_calls=[{"name": "sql_query", "id": "1",
                                             "args": {"sql": "SELECT count(*) AS n FROM dim_unit"}}])
    model = GenericFakeChatModel(messages=iter([call, "Det finnes 2 enheter."]))
    engine, _ = make_engine(model, catalog, warehouse)

    result = engine.ask("Hvor mange enheter finnes?")

    assert result["status"] == "ok" and result["rows"] == [[2]] and result["answer"] == "Det finnes 2 enheter."


def test_unreachable_model_is_an_error_not_a_crash(catalog, warehouse):
    model = GenericFakeChatModel(messages=iter([]))  # raises on the first call
    engine, _ = make_engine(model, catalog, warehouse)

    result = engine.ask("Hva som helst?")

    assert result["status"] == "error" and result["engine"] == "llm" and result["attempts"] == []


# --- prompt ----------------------------------------------------------------------------------------

def test_prompt_contains_the_governed_catalog(catalog):
    messages = build_prompt(catalog, "Sykefravær for lønn i 2021?")
    system, human = messages[0].content, messages[-1].content
    for expected in ("fct_metric_value", "unit_name", "Reporting year", "sick_leave_pct", "Sykefravær",
                     "Sick-leave days", "VR lønn/regnskap", "lønn", "2020, 2021, 2022", "actual, budget",
                     "Sykefravær for IT per år", "```sql", "UNANSWERABLE"):
        assert expected in system, expected
    assert "Sykefravær for lønn i 2021?" in human


# --- SQL extraction and number checking ------------------------------------------------------------

@pytest.mark.parametrize("reply, expected", [
    ("Here you go:\n```sql\nSELECT 1\n```\nDone.", "SELECT 1"),
    ("```SQL\nselect 2\n```", "select 2"),
    ("```\nWITH a AS (SELECT 1) SELECT * FROM a\n```", "WITH a AS (SELECT 1) SELECT * FROM a"),
    ("```sql\nselect 1\n```\nBetter:\n```sql\nselect 3\n```", "select 3"),
    ("SELECT year FROM fct_metric_value", "SELECT year FROM fct_metric_value"),
    ("I cannot help with that.", None),
])
def test_extract_sql(reply, expected):
    assert extract_sql(reply) == expected


ROWS: list[tuple[Any, ...]] = [("VR lønn/regnskap", 2020, 2.5), ("Skole 2", 2021, Decimal("3.14")),
                               ("Økonomi", 2022, 1074000)]


@pytest.mark.parametrize("text", [
    "Sykefraværet var 2,5 % i 2020.",
    "Sick leave was 2.5% in 2020.",
    "Beløpet var 1 074 000 kr i 2022.",
    "Beløpet var 1\u00a0074\u00a0000 kr.",
    "Beløpet var 1.074.000 kroner.",
    "The amount was 1,074,000 NOK.",
    "Omtrent 1,07 mill. kroner.",
    "Omtrent 1,1 millioner kroner.",
    "Skole 2 hadde 3,1 % (3,14).",
    "Rundt 3 % i 2021.",
    "Nedgang på 2,5 prosentpoeng.",
    "Tre enheter: totalt 3 rader.",
])
def test_numbers_that_are_in_the_rows_pass(text):
    assert unsupported_numbers(text, ROWS) == []


@pytest.mark.parametrize("text, bad", [
    ("Sykefraværet var 2,7 % i 2020.", ["2,7 %"]),
    ("Beløpet var 1 200 000 kr.", ["1 200 000"]),
    ("Landssnittet var 6,1 %.", ["6,1 %"]),
    ("Det var 2,5 % i 2019.", ["2019"]),
    ("Omtrent 1,0 milliarder.", ["1,0 milliarder"]),
    ("Økningen var 0,64 prosentpoeng.", ["0,64"]),
])
def test_numbers_not_in_the_rows_are_caught(text, bad):
    assert unsupported_numbers(text, ROWS) == bad


def test_numbers_from_the_question_may_be_repeated():
    assert unsupported_numbers("Nei, 2,5 % er under 5 %.", ROWS, question="Var sykefraværet over 5 %?") == []


def test_summary_uses_norwegian_formatting_and_passes_its_own_check():
    text = summarize_rows(["unit", "year", "value"], ROWS)
    assert "2,5" in text and "1 074 000" in text and "2020" in text
    assert unsupported_numbers(text, ROWS) == []


@pytest.mark.parametrize("value, shown", [
    (2020, "2020"), (2.5, "2,5"), (1074000, "1 074 000"), (Decimal("3.10"), "3,1"), (-0.345, "-0,35"),
    (12345.678, "12 345,68"), (None, ""), ("IT", "IT"),
])
def test_format_number(value, shown):
    assert format_number(value) == shown


# --- settings and provider factory ---------------------------------------------------------------

@pytest.fixture(autouse=True)
def _no_provider_env(monkeypatch):
    # The libraries read their own env vars; make sure nothing real leaks into the tests.
    for name in ("OPENAI_API_KEY", "OPENAI_API_BASE", "OPENAI_BASE_URL", "AZURE_OPENAI_API_KEY",
                 "AZURE_OPENAI_ENDPOINT", "OPENAI_API_VERSION", "ANTHROPIC_API_KEY", "ANTHROPIC_API_URL",
                 "OLLAMA_HOST"):
        monkeypatch.delenv(name, raising=False)
    for name in ("PROVIDER", "MODEL", "BASE_URL", "API_KEY", "AZURE_DEPLOYMENT", "AZURE_API_VERSION",
                 "TEMPERATURE", "TIMEOUT", "MAX_RETRIES"):
        monkeypatch.delenv(f"KOMMUNEDATA_LLM_{name}", raising=False)


def test_openai_compatible_base_url():
    from langchain_openai import ChatOpenAI

    settings = LLMSettings(provider="openai", model="qwen2.5-7b", base_url="http://localhost:8000/v1",
                           api_key="sk-fake-secret-1234")
    model = build_chat_model(settings)
    assert isinstance(model, ChatOpenAI)
    assert model.model_name == "qwen2.5-7b" and model.openai_api_base == "http://localhost:8000/v1"
    assert model.temperature == 0 and model.openai_api_key.get_secret_value() == "sk-fake-secret-1234"


def test_openai_local_server_needs_no_key():
    model = build_chat_model(LLMSettings(provider="openai", model="llama", base_url="http://127.0.0.1:1234/v1"))
    assert model is not None and model.openai_api_base == "http://127.0.0.1:1234/v1"


def test_azure():
    from langchain_openai import AzureChatOpenAI

    settings = LLMSettings(provider="azure", api_key="az-fake", base_url="https://kd.openai.azure.com/",
                           azure_deployment="gpt-4o-kd", azure_api_version="2024-10-21")
    model = build_chat_model(settings)
    assert isinstance(model, AzureChatOpenAI)
    assert model.deployment_name == "gpt-4o-kd" and model.azure_endpoint == "https://kd.openai.azure.com/"
    assert model.openai_api_version == "2024-10-21"


def test_anthropic():
    from langchain_anthropic import ChatAnthropic

    model = build_chat_model(LLMSettings(provider="anthropic", model="claude-sonnet-4-5", api_key="sk-ant-fake",
                                         timeout=12))
    assert isinstance(model, ChatAnthropic)
    assert model.model == "claude-sonnet-4-5" and model.default_request_timeout == 12 and model.temperature == 0


def test_ollama():
    from langchain_ollama import ChatOllama

    model = build_chat_model(LLMSettings(provider="ollama", model="llama3.1", base_url="http://ollama:11434"))
    assert isinstance(model, ChatOllama)
    assert model.model == "llama3.1" and model.base_url == "http://ollama:11434"


def test_provider_none_and_incomplete_settings_build_nothing():
    assert build_chat_model(LLMSettings()) is None
    assert build_chat_model(LLMSettings(provider="none", model="x", api_key="k")) is None
    assert build_chat_model(LLMSettings(provider="anthropic", model="claude")) is None  # no key
    assert build_chat_model(LLMSettings(provider="azure", api_key="k")) is None  # no endpoint/deployment


def test_settings_from_environment(monkeypatch):
    monkeypatch.setenv("KOMMUNEDATA_LLM_PROVIDER", "Anthropic")
    monkeypatch.setenv("KOMMUNEDATA_LLM_MODEL", "claude-haiku")
    monkeypatch.setenv("KOMMUNEDATA_LLM_API_KEY", "sk-ant-from-env")
    settings = LLMSettings()
    assert settings.provider == "anthropic" and settings.api_key.get_secret_value() == "sk-ant-from-env"
    assert type(build_chat_model(settings)).__name__ == "ChatAnthropic"


def test_describe_llm_never_reveals_the_key():
    settings = LLMSettings(provider="openai", model="gpt-4o-mini", api_key="sk-very-secret-9876")
    text = describe_llm(settings)
    assert "openai" in text and "gpt-4o-mini" in text and "api_key=set" in text
    assert "sk-very-secret-9876" not in text and "9876" not in text
    assert "sk-very-secret-9876" not in repr(settings)
    assert "planner" in describe_llm(LLMSettings())
    assert "missing" in describe_llm(LLMSettings(provider="anthropic", model="claude"))


@pytest.mark.parametrize("text, rows, bad", [
    ("Sykefraværet var ca.7,3 %.", [[2.5]], ["7,3 %"]),        # glued to an abbreviation
    ("Endringen var -2,5 %.", [[2.5]], ["-2,5 %"]),            # a minus the value does not have
    ("Andelen var 250 %.", [[2.5]], ["250 %"]),                # 2.5 is already a percent value
    ("Sykefraværet var sju komma tre prosent.", [[2.5]], ["sju komma tre"]),
    ("Det kom inn tjuefem tusen saker.", [[24000]], ["tjuefem tusen"]),
    ("It was three and a half percent.", [[2.5]], ["three and a half"]),
])
def test_numbers_written_loosely_or_in_words_are_caught(text, rows, bad):
    assert unsupported_numbers(text, rows) == bad


@pytest.mark.parametrize("text, rows", [
    ("Endringen var -2,5 %.", [[-2.5]]),
    ("Andelen var 2,5 %.", [[0.025]]),                       # a fraction shown as percent
    ("Sykefraværet var to og en halv prosent.", [[2.5]]),
    ("Det kom inn hundre og tjue saker.", [[120]]),
    ("Det var en sak i en enhet.", [[7]]),                   # "en" alone is an article, not a number
])
def test_numbers_in_words_and_signs_that_hold_pass(text, rows):
    assert unsupported_numbers(text, rows) == []
