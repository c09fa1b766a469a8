"""The question engine on a real warehouse: raw rows written by the loader, marts built by dbt."""
from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest

from app.engine.engine import ask
from flows.dbt import build_warehouse_models
from flows.reports.model import AccountAmount, MetricFact, Observation, ParsedReport, Provenance, UnitInfo
from flows.warehouse import ensure_raw_schema, load_report

CASES = {  # Hedmark IKT, saker per kvartal (from the seed's table)
    2015: (8483, 7343, 7210, 7635), 2016: (8596, 8341, 8718, 8414), 2017: (9469, 7522, 7851, 7929),
    2018: (10096, 8547, 9915, 9014), 2019: (9372, 7071, 7727, 7402), 2020: (10709, 8509, 9558, 9186),
    2021: (10859, 9086, 8388, 7893),
}


def _prov(doc: str, page: int, line: int, excerpt: str) -> Provenance:
    return Provenance(doc, f"{doc}.pdf", page, line, excerpt)


def _stjordal() -> ParsedReport:
    p = lambda page, line, text: _prov("stjordal-2020", page, line, text)  # noqa: E731
    fact = lambda metric, value, year, unit, page, text, subject=None: MetricFact(  # noqa: E731
        metric, value, year, 2020, unit, subject, None, "table", p(page, 1, text))
    acct = lambda label, order, scenario, amount, unit, page=8: AccountAmount(  # noqa: E731
        "unit", "2.1 Regnskap", label, None, order, scenario, 2020, 2020, amount * 1000, str(amount), 1000,
        "declared: Beløp i 1 000 kroner", unit, p(page, order, f"{label} ..."))
    return ParsedReport(
        document_id="stjordal-2020", file_name="stjordal-2020.pdf", file_type="pdf",
        organisation="Stjørdal kommune", organisation_type="kommune", report_year=2020,
        title="Årsrapport 2020", page_count=20,
        units=[UnitInfo("VR regnskap og lønn", "Økonomienheten", "enhet", "Ketil Aas", p(6, 2, "Leder: Ketil Aas"))],
        facts=[
            fact("sick_leave_pct", 2.5, 2020, "VR regnskap og lønn", 6, "Totalt 2,5%."),
            fact("sick_leave_pct", 2.7, 2020, "Økonomi", 4, "Sykefraværet for økonomienheten var i 2020 på 2,7 %"),
            fact("sick_leave_pct", 4.7, 2020, None, 1, "Samlet sykefravær i 2020 på 4,7 %"),
            fact("sick_leave_pct", 5.0, 2019, None, 1, "ned fra 5,0 % i 2019"),
            fact("fte", 77.4, 2019, None, 1, "fra 77,4 ÅV i 2019"),
            fact("fte", 81.3, 2020, None, 1, "til 81,3 ÅV i 2020"),
            fact("fte", 22.7, 2020, "VR regnskap og lønn", 6, "fordelt på 22,7 årsverk"),
            fact("payroll_slips", 3857, 2020, "VR regnskap og lønn", 7, "Lønnsoppgaver 2020 3 857", "Stjørdal"),
            fact("payroll_slips", 2111, 2020, "VR regnskap og lønn", 7, "Lønnsoppgaver 2020 … 2 111", "Malvik"),
        ],
        accounts=[  # VARIT's 2020 expense lines and two owners' shares, as printed (1000 NOK)
            *(acct(label, order, scenario, amount, "VARIT")
              for order, (label, actual, budget) in enumerate([
                  ("Lønn og sosiale utgifter", 16194, 17122),
                  ("Kjøp av varer og tjenester", 25064, 24947),
                  ("Kjøp av tjenester som erstatter kommunens egne", 3, 0),
                  ("Overføringer", 5335, 5550),
                  ("Finansutgifter", 4972, 0),
                  ("Sum utgifter", 51568, 47619),
              ], start=1)
              for scenario, amount in (("regnskap", actual), ("budsjett", budget))),
            acct("Stjørdals andel(art 1621)", 12, "regnskap", -20115, "VARIT"),
            acct("Selbus andel(art 1758)", 13, "regnskap", -6009, "VARIT"),
        ],
        observations=[Observation("sick_leave_pct", "Sykefraværet er lavt, og ikke arbeidsrelatert.", 2020, "VARIT",
                                  p(9, 3, "Sykefraværet er lavt, og ikke arbeidsrelatert."))],
    )


def _hedmark() -> ParsedReport:
    p = lambda line, text: _prov("hedmark-2021", 3, line, text)  # noqa: E731
    facts = [MetricFact("cases", float(v), year, 2021, None, None, q + 1, "table", p(year - 2000, f"{year} ..."))
             for year, values in CASES.items() for q, v in enumerate(values)]
    facts += [
        MetricFact("uptime_pct", 99.8, 2021, 2021, None, None, None, "table", p(40, "Oppetid 99,80 %"), "target"),
        MetricFact("uptime_pct", 99.81, 2021, 2021, None, None, None, "table", p(40, "99,81%."), "result"),
    ]
    return ParsedReport("hedmark-2021", "hedmark-2021.pdf", "pdf", "Hedmark IKT", "selskap", 2021,
                        "Årsmelding 2021", 22, facts=facts)


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("engine") / "warehouse.duckdb"
    con = duckdb.connect(str(path))
    ensure_raw_schema(con)
    for report in (_stjordal(), _hedmark()):
        load_report(con, report, Path(report.file_name))
    # the user's alias file ("VR lønn" names "VR regnskap og lønn"): the project ships no unit names
    from flows.aliases import load_aliases
    from flows.warehouse import load_user_aliases
    from tests.conftest import SAMPLE_ALIASES

    load_user_aliases(con, load_aliases(SAMPLE_ALIASES))
    con.close()
    result = build_warehouse_models(path)
    assert result.success, result.failed_nodes or result.error
    return path


def test_value_with_source(warehouse):
    a = ask("sykefravær VR lønn 2020", warehouse, engine="planner")
    assert a["status"] == "ok" and a["rows"] == [["VR lønn/regnskap", 2020, 2.5]]
    assert a["sources"] == [{"document": "stjordal-2020.pdf", "page": 6, "excerpt": "Totalt 2,5%."}]
    assert "2,5\u00a0%" in a["answer"]  # the one formatter (Babel): a no-break space before %


def test_english_question_gets_an_english_answer(warehouse):
    a = ask("what was the sick leave for VR lønn in 2020", warehouse)
    assert a["status"] == "ok"
    assert "2.5%" in a["answer"] and " was " in a["answer"]


def test_trend_is_a_line(warehouse):
    a = ask("årsverk trend for Stjørdal kommune", warehouse)
    assert a["rows"] == [["Stjørdal kommune", 2019, 77.4], ["Stjørdal kommune", 2020, 81.3]]
    assert a["chart"]["kind"] == "line"


def test_ranking_names_the_unit_with_lowest_sick_leave(warehouse):
    a = ask("hvilken enhet hadde lavest sykefravær i 2020", warehouse)
    assert a["status"] == "ok"
    assert a["rows"][0][0] == "VR lønn/regnskap"
    assert "VR lønn/regnskap" in a["answer"] and "lavest" in a["answer"]


def test_variance_is_computed_not_read(warehouse):
    a = ask("regnskap mot budsjett VARIT 2020", warehouse, engine="planner")
    cols = a["columns"]
    rows = {r[cols.index("account")]: r for r in a["rows"]}
    assert rows["Sum utgifter"][cols.index("variance_nok")] == 47_619_000 - 51_568_000


def test_cost_share_per_municipality(warehouse):
    a = ask("kostnadsfordeling VARIT 2020", warehouse)
    assert a["status"] == "ok"
    cols = a["columns"]
    shares = {r[cols.index("municipality")]: r[cols.index("amount_nok")] for r in a["rows"]}
    assert shares["Stjørdal kommune"] == 20_115_000
    assert a["chart"]["kind"] == "bar"


def test_cases_in_q3_against_the_average_of_earlier_years(warehouse):
    a = ask("hvor mange saker hadde vi i Q3 sammenlignet med snittet?", warehouse)
    assert a["status"] == "ok"
    cols = a["columns"]
    (row,) = a["rows"]
    assert row[cols.index("year")] == 2021 and row[cols.index("cases")] == 8388
    expected_avg = sum(CASES[y][2] for y in range(2015, 2021)) / 6
    assert row[cols.index("average_earlier_years")] == pytest.approx(expected_avg, abs=0.05)
    # computed from the rows: (8388 − 8496.5) / 8496.5; the report prints −1,29 %, which the
    # reconciliation mart compares
    assert row[cols.index("change_pct")] == pytest.approx(-1.28, abs=0.005)


def test_sla_target_vs_result(warehouse):
    a = ask("oppetid mot målet 2021", warehouse)
    assert a["status"] == "ok"
    cols = a["columns"]
    assert a["rows"][0][cols.index("target")] == 99.8 and a["rows"][0][cols.index("result")] == 99.81
    assert "nådd" in a["answer"]


def test_staffing_and_sick_leave_side_by_side(warehouse):
    a = ask("årsverk og sykefravær for VR lønn 2020", warehouse)
    cols = a["columns"]
    got = {(r[cols.index("metric")], r[cols.index("value")]) for r in a["rows"]}
    assert got == {("fte", 22.7), ("sick_leave_pct", 2.5)}


def test_breakdown_member_is_read_as_subject(warehouse):
    a = ask("lønnsoppgaver Malvik 2020", warehouse)
    assert a["status"] == "ok" and a["rows"][0][-1] == 2111


def test_qualitative_statement_is_reported_not_a_number(warehouse):
    a = ask("sykefravær VARIT 2020", warehouse)
    assert a["status"] == "unanswerable" and a["rows"] == []
    assert "lavt" in a["answer"]


def test_year_not_reported_says_what_is_known(warehouse):
    a = ask("sykefravær VR lønn 2017", warehouse)
    assert a["status"] == "unanswerable" and a["rows"] == []
    assert "2020" in a["answer"]


def test_unknown_measure_is_unanswerable(warehouse):
    a = ask("hvor mange katter bor i rådhuset", warehouse)
    assert a["status"] == "unanswerable" and a["rows"] == [] and a["sql"] is None


def test_every_answer_runs_through_the_guard(warehouse):
    a = ask("sykefravær VR lønn 2020", warehouse, engine="planner")
    assert "limit" in a["sql"].lower()


def test_auto_hands_a_question_the_planner_cannot_place_to_the_configured_llm(warehouse):
    from langchain_core.language_models.fake_chat_models import FakeMessagesListChatModel
    from langchain_core.messages import AIMessage

    from flows.warehouse import connect_readonly

    con = connect_readonly(warehouse)
    (units,) = con.execute("select count(*) from dim_unit").fetchone()
    con.close()
    sql = "```sql\nselect count(*) as units from dim_unit\n```"
    model = FakeMessagesListChatModel(responses=[AIMessage(content=sql),
                                                 AIMessage(content=f"Det finnes {units} enheter.")])
    a = ask("hvor mange enheter finnes i datavarehuset", warehouse, engine="auto", chat_model=model)
    assert a["engine"] == "llm"
    assert a["status"] == "ok"
    assert "dim_unit" in a["sql"].lower() and "limit" in a["sql"].lower()
    assert a["rows"] == [[units]]
    assert a["answer"] == f"Det finnes {units} enheter."


def test_auto_keeps_the_planner_when_it_is_confident_even_with_an_llm(warehouse):
    from langchain_core.language_models.fake_chat_models import FakeMessagesListChatModel
    from langchain_core.messages import AIMessage

    model = FakeMessagesListChatModel(responses=[AIMessage(content="```sql\nselect 1 as x\n```")])
    a = ask("sykefravær VR lønn 2020", warehouse, engine="auto", chat_model=model)
    assert a["engine"] in ("planner", "verified")
    assert a["rows"][0][-1] == 2.5


def test_llm_engine_without_configuration_says_so(warehouse, monkeypatch):
    monkeypatch.delenv("KOMMUNEDATA_LLM_PROVIDER", raising=False)
    a = ask("sykefravær VR lønn 2020", warehouse, engine="llm")
    assert a["status"] == "error" and "KOMMUNEDATA_LLM_PROVIDER" in a["answer"]


def test_unknown_unit_is_unanswerable_not_every_unit(warehouse):
    a = ask("sykefravær Oppdal kommune 2020", warehouse, engine="planner")
    assert a["status"] == "unanswerable" and a["rows"] == [] and "Oppdal" in a["answer"]


def test_change_is_computed_in_the_rows(warehouse):
    a = ask("endring i sykefravær fra året før for Stjørdal kommune", warehouse, engine="planner")
    cols = a["columns"]
    assert "change_from_previous" in cols
    row = next(r for r in a["rows"] if r[cols.index("year")] == 2020)
    assert row[cols.index("change_from_previous")] == pytest.approx(-0.3)


def test_follow_up_with_context_reads_the_previous_question(warehouse):
    first = ask("sykefravær VR lønn 2020", warehouse, engine="planner")
    follow = ask("og i 2019?", warehouse, engine="planner", context=first)
    assert follow["question"] == "og i 2019?" and "2019" in follow["read_as"] and "VR lønn" in follow["read_as"]
    direct = ask(follow["read_as"], warehouse, engine="planner")
    assert follow["status"] == direct["status"] and follow["rows"] == direct["rows"]
    alone = ask("sykefravær VR lønn 2020", warehouse, engine="planner", context={"question": "saker 2021"})
    assert "read_as" not in alone  # a question that stands on its own is not merged


def test_interpretation_is_plain_words(warehouse):
    a = ask("sykefravær VR lønn 2020", warehouse, engine="planner")
    assert a["interpretation"] == "Sykefravær, VR lønn/regnskap, 2020"


def test_a_breakdown_the_data_lacks_is_refused_instead_of_answering_the_total(warehouse):
    a = ask("sykefravær VR lønn per uke 2020", warehouse, engine="planner")
    assert a["status"] == "unanswerable" and a["rows"] == [] and a["suggestions"]
    assert "uke" in a["answer"]


def test_a_part_of_the_population_the_data_lacks_is_not_answered_with_everyone(warehouse):
    for question in ("sykefravær blant kvinner i VR lønn 2020", "What was sick leave among women in VR lønn in 2020?"):
        a = ask(question, warehouse, engine="planner")
        assert a["status"] == "unanswerable" and a["rows"] == [], question
        assert a["suggestions"] and not any(w in a["suggestions"][0] for w in ("kvinner", "women"))
    assert ask("sykefravær VR lønn 2020", warehouse, engine="planner")["status"] == "ok"


def test_words_the_answer_did_not_use_are_named(warehouse):
    a = ask("sykefravær VR lønn Kantine 2020", warehouse, engine="planner")
    # answered or refused, the name the data lacks is said, never silently dropped
    assert a["status"] in ("ok", "unanswerable") and "Kantine" in a["answer"]


def test_a_promoted_query_is_used_by_the_next_question(warehouse, tmp_path, monkeypatch):
    """The catalog is cached until the warehouse changes; the verified-query file is read again when it
    changes, so an approver's promotion answers the very next question (same engine, same warehouse)."""
    import yaml

    from app.engine.engine import QuestionEngine

    verified = tmp_path / "verified_queries.yml"
    monkeypatch.setenv("KOMMUNEDATA_VERIFIED_QUERIES", str(verified))
    engine = QuestionEngine(warehouse)
    question = "sykefravær VR lønn 2020"
    before = engine.ask(question)
    assert before["engine"] == "planner" and not before.get("verified")
    other = engine.ask("sykefravær Økonomi 2020")  # another unit's figure: unmistakably not the planner's answer
    assert other["status"] == "ok" and other["rows"] != before["rows"]

    verified.write_text(yaml.safe_dump({"queries": [{"question": question, "sql": other["sql"],
                                                     "verified_by": "approver", "verified_at": "2026-01-01"}]},
                                       allow_unicode=True), encoding="utf-8")
    after = engine.ask(question)
    assert after["engine"] == "verified" and after["verified"] is True
    assert after["rows"] == other["rows"] and after["verified_by"].startswith("approver")
    assert QuestionEngine(warehouse).ask(question)["engine"] == "verified"  # a new engine on the cached catalog too

    verified.write_text("queries: []\n", encoding="utf-8")  # withdrawn: the planner answers again
    assert engine.ask(question)["rows"] == before["rows"]


def test_the_engines_own_errors_are_in_the_questions_language(tmp_path):
    missing = tmp_path / "none.duckdb"
    english = ask("what was the sick leave in 2020", missing)
    norwegian = ask("hva var sykefraværet i 2020", missing)
    assert english["status"] == norwegian["status"] == "error"
    assert english["answer"].startswith("The warehouse") and "not found" in english["answer"]
    assert norwegian["answer"].startswith("Fant ikke datavarehuset")


def test_a_unit_named_by_its_kind_that_the_data_lacks_is_not_answered_with_the_organisation(warehouse):
    a = ask("Hvor mange årsverk har servicetorget i Stjørdal kommune i 2020?", warehouse, engine="planner")
    assert a["status"] == "unanswerable" and a["rows"] == [] and "servicetorget" in a["answer"]
    # the organisation's own figure is still given when no unit is asked
    b = ask("Hvor mange årsverk hadde Stjørdal kommune i 2020?", warehouse, engine="planner")
    assert b["status"] == "ok" and 81.3 in [r[-1] for r in b["rows"]]


def test_a_whole_year_is_answered_when_the_figure_says_nothing_of_a_part(warehouse):
    a = ask("sykefravær VR lønn for hele året 2020", warehouse, engine="planner")
    assert a["status"] == "ok" and a["rows"] == [["VR lønn/regnskap", 2020, 2.5]]


def test_several_measures_asked_and_one_missing_is_named():
    from types import SimpleNamespace

    from app.engine.catalog_model import Metric
    from app.engine.engine import QuestionEngine
    from app.engine.planner import Plan

    metric = lambda key, nb, en: SimpleNamespace(name_nb=nb, name_en=en)  # noqa: E731
    assert "name_nb" in Metric.__dataclass_fields__
    engine = SimpleNamespace(vocab=SimpleNamespace(metrics={"employees": metric("employees", "Ansatte", "Employees"),
                                                            "fte": metric("fte", "Årsverk", "Full-time equivalents")}))
    plan = Plan("ansatte og årsverk Nordvik 2021", metrics=["employees", "fte"])
    cols, rows = ["unit", "year", "metric", "value"], [["Nordvik", 2021, "employees", 42.0]]
    assert QuestionEngine._missing_measures(engine, plan, cols, rows, "nb") == " Fant ingen tall for Årsverk."
    assert QuestionEngine._missing_measures(engine, plan, cols, rows, "en") == \
        " No figure found for Full-time equivalents."
    both = rows + [["Nordvik", 2021, "fte", 40.0]]
    assert QuestionEngine._missing_measures(engine, plan, cols, both, "nb") == ""


@pytest.mark.parametrize("question", [
    "sykefravær VR lønn 2017",                  # a year not reported
    "hvor mange katter bor i rådhuset 2020",    # no measure
    "sykefravær Oppdal kommune 2020",           # a unit the data does not hold
    "regnskap mot budsjett VR lønn 2011",       # accounts against budget for a year not reported
    "How many cats live in the town hall in 2020?",
])
def test_a_refusal_says_its_reading_in_plain_words_never_codes(warehouse, question):
    a = ask(question, warehouse, engine="planner")
    assert a["status"] == "unanswerable"
    assert not re.search(r"\b(?:type|mål|kommune|enhet|år|kvartal|ukjent):", a["interpretation"]), a["interpretation"]
