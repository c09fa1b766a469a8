"""The project's question bank (tests/questions) over real warehouses built from the sample data and
the seed documents: execution accuracy per family, and what the answers may say."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from app.engine.evaluate import engine_ask, format_table, load_bank, run_bank, summarize
from app.engine.llm import unsupported_numbers

BANK = Path(__file__).resolve().parents[2] / "questions"
FAMILIES = {"value", "trend", "variance", "change", "ranking", "cost_share", "compare_average", "target",
            "side_by_side", "key_figures", "kostra", "time", "alias", "unanswerable"}


@pytest.fixture(scope="module")
def bank():
    # tests/questions/*.yaml: the old bank, written with the old planner (the unseen bank is below)
    return [q for f in sorted(BANK.glob("*.yaml")) for q in load_bank(f)]


@pytest.fixture(scope="module")
def outcomes(bank, sample_warehouse, seed_warehouse):
    results = run_bank(bank, {"sample": sample_warehouse, "seeds": seed_warehouse}, ask=engine_ask("planner"))
    summary = summarize(results)
    print("\n" + format_table(summary))
    return results


def test_bank_size_and_composition(bank):
    assert len(bank) >= 100
    assert sum(q.unanswerable for q in bank) >= 15
    assert {q.lang for q in bank} >= {"nb", "nn", "en"}
    assert {q.warehouse for q in bank} == {"sample", "seeds"}
    assert FAMILIES <= {q.family for q in bank}
    assert len({(q.warehouse, q.question) for q in bank}) == len(bank), "a question is in the bank twice"


def test_execution_accuracy_is_at_least_95_percent(outcomes):
    summary = summarize(outcomes)
    assert summary["accuracy"] >= 95.0, format_table(summary)


def _strip_labels(text: str, rows, metric_names) -> str:
    """Labels are not figures: metric names ("Besvart innen 3 minutter"), row texts and quotes from reports."""
    text = re.sub(r"«[^»]*»|“[^”]*”", " ", text)
    for name in sorted(metric_names, key=len, reverse=True):
        text = re.sub(re.escape(name), " ", text, flags=re.I)
    for v in {c for r in rows for c in r if isinstance(c, str)}:
        text = text.replace(v, " ")
    return text


@pytest.fixture(scope="module")
def metric_names(sample_warehouse):
    from app.engine.engine import catalog_for

    _, vocab = catalog_for(sample_warehouse)
    return {n for m in vocab.metrics.values() for n in (m.name_nb, m.name_en)}


def test_every_number_in_an_answer_is_in_its_rows(outcomes, metric_names):
    bad = []
    for o in outcomes:
        text = _strip_labels(o.answer, o.rows, metric_names)
        if o.status == "ok":
            wrong = unsupported_numbers(text, o.rows, o.item.question)
        else:  # no rows: only years (what is known instead) and the question's own numbers
            wrong = [t for t in re.findall(r"(?<![\w.,])\d[\d.,]*", text)
                     if not re.fullmatch(r"(19|20)\d\d[.,]?", t) and t.rstrip(".,") not in o.item.question]
        if wrong:
            bad.append((o.item.question, wrong, o.answer))
    assert not bad, "\n".join(f"{q}: {w} in {a!r}" for q, w, a in bad)


NORWEGIAN_WORDS = re.compile(r"\b(var|og|mot|for \w+ var|finnes|ikke|hadde|deretter|snitt|fordelt|Endring|kvartal|"
                             r"uke|rader|Kostnadsfordeling|Regnskap mot budsjett|Jeg|Oppgi)\b")
ENGLISH_WORDS = re.compile(r"\b(was|the|against|reported|had|then|average|Change|Cost shares|rows|could not|"
                           r"Please|is)\b")


def test_answers_are_in_the_language_of_the_question(outcomes, metric_names):
    wrong = []
    for o in outcomes:
        text = _strip_labels(o.answer, o.rows, metric_names)
        text = re.sub(r"\b(VR|VARIT|Hedmark IKT)\b[^,;:.]*", " ", text)  # unit and account names as printed
        pattern = NORWEGIAN_WORDS if o.item.lang == "en" else ENGLISH_WORDS
        hit = pattern.search(text)
        if hit:
            wrong.append(f"[{o.item.lang}] {o.item.question}: {hit.group(0)!r} in {o.answer!r}")
    assert not wrong, "\n".join(wrong)


def test_unanswerable_questions_never_carry_rows(outcomes):
    for o in outcomes:
        if o.status == "unanswerable":
            assert o.rows == []


# --- the unseen bank (tests/questions/unseen): written from the documents by a helper that never saw the
# planner. Four warehouses: the corpus reports + real PDFs, the seeds, the sample data, the real ticket
# exports. Floors are what this planner measured on warehouses built by this checkout's flows (a
# regression fails): measured after the reports, tickets and planner rewrites landed (stop 16), raised after
# the governed families became modules and report cells and prose answer what they do not cover (stop 17),
# raised again after label matching on part of a label, scope checks and the readers of stop 18, and after
# the short forms, table-row rankings, ticket period comparisons and readers of stop 19.
UNSEEN = BANK / "unseen"
UNSEEN_FLOORS = {"corpus": 92, "seeds": 54, "sample": 30, "tickets_real": 44}       # questions passed
UNANSWERABLE_FLOORS = {"corpus": 24, "seeds": 11, "sample": 6, "tickets_real": 8}   # of 24, 12, 6, 8


@pytest.fixture(scope="module")
def unseen_warehouses(sample_warehouse, seed_warehouse, corpus_warehouse, real_tickets_warehouse):
    return {"corpus": corpus_warehouse, "seeds": seed_warehouse, "sample": sample_warehouse,
            "tickets_real": real_tickets_warehouse}


@pytest.fixture(scope="module")
def unseen_outcomes(unseen_warehouses):
    results = run_bank(load_bank(UNSEEN), unseen_warehouses, ask=engine_ask("planner"))
    print("\n" + format_table(summarize(results)))
    return results


def test_unseen_bank_holds_its_measured_floor_per_warehouse(unseen_outcomes):
    passed = {w: sum(o.passed for o in unseen_outcomes if o.item.warehouse == w) for w in UNSEEN_FLOORS}
    unanswerable = {w: sum(o.passed for o in unseen_outcomes if o.item.warehouse == w and o.item.unanswerable)
                    for w in UNSEEN_FLOORS}
    assert all(passed[w] >= UNSEEN_FLOORS[w] for w in UNSEEN_FLOORS), (passed, UNSEEN_FLOORS)
    assert all(unanswerable[w] >= UNANSWERABLE_FLOORS[w] for w in UNSEEN_FLOORS), (unanswerable, UNANSWERABLE_FLOORS)


# --- bank A of stop 19 (tests/questions/stop19a): written the same way before that stop's changes (113/171 then),
# used in development since; floors are what the stop's end measured.
STOP19A = BANK / "stop19a"
STOP19A_FLOORS = {"corpus": 63, "seeds": 33, "sample": 26, "tickets_real": 31}
# bank B of stop 19 (tests/questions/stop19b): held out during that stop (109/164 at its end), used in development
# since; floors are what stop 20's planner work measured (127/164).
STOP19B = BANK / "stop19b"
STOP19B_FLOORS = {"corpus": 54, "seeds": 24, "sample": 21, "tickets_real": 28}


@pytest.mark.parametrize("bank,floors", [(STOP19A, STOP19A_FLOORS), (STOP19B, STOP19B_FLOORS)], ids=["A", "B"])
def test_stop19_bank_holds_its_measured_floor_per_warehouse(unseen_warehouses, bank, floors):
    results = run_bank(load_bank(bank), unseen_warehouses, ask=engine_ask("planner"))
    print("\n" + format_table(summarize(results)))
    passed = {w: sum(o.passed for o in results if o.item.warehouse == w) for w in floors}
    assert all(passed[w] >= floors[w] for w in floors), (passed, floors)
    # every unanswerable question of the bank is refused
    assert all(o.passed for o in results if o.item.unanswerable), [o.item.question for o in results
                                                                    if o.item.unanswerable and not o.passed]


def test_unseen_answers_say_what_was_understood(unseen_outcomes, unseen_warehouses):
    """Every answer with rows carries its reading in plain words (no codes such as 'type: value')."""
    from app.engine.engine import QuestionEngine

    engines = {w: QuestionEngine(p) for w, p in unseen_warehouses.items()}
    for o in unseen_outcomes:
        if o.status not in ("ok", "clarify"):
            continue
        result = engines[o.item.warehouse].ask(o.item.question, engine="planner")
        assert result["interpretation"], o.item.question
        assert "type:" not in result["interpretation"] and "mål:" not in result["interpretation"], result["interpretation"]
        if result["status"] == "clarify":  # the readings to choose from, and no figures
            assert result["suggestions"] and result["rows"] == [], o.item.question


# --- bank B of stop 19 (tests/questions/stop19b), ticket warehouses: floors measured after the ticket mechanisms
# of stop 20 (two measures in one question, periods compared, one word one filter, shares of a breakdown,
# resolved but not closed, values of a list column) with s20-tickets and s20-planner merged: sample 16 -> 23, tickets_real 25 -> 30 of
# 28 and 30.
STOP19B = BANK / "stop19b"
STOP19B_TICKET_FLOORS = {"sample": 23, "tickets_real": 30}


def test_stop19b_ticket_warehouses_hold_their_measured_floor(sample_warehouse, real_tickets_warehouse):
    items = [q for q in load_bank(STOP19B) if q.warehouse in STOP19B_TICKET_FLOORS]
    results = run_bank(items, {"sample": sample_warehouse, "tickets_real": real_tickets_warehouse},
                       ask=engine_ask("planner"))
    passed = {w: sum(o.passed for o in results if o.item.warehouse == w) for w in STOP19B_TICKET_FLOORS}
    assert all(passed[w] >= STOP19B_TICKET_FLOORS[w] for w in STOP19B_TICKET_FLOORS), (passed, STOP19B_TICKET_FLOORS)
    assert all(o.passed for o in results if o.item.unanswerable), [o.item.question for o in results
                                                                    if o.item.unanswerable and not o.passed]


def test_a_name_in_expect_is_matched_against_text_cells_and_numbers_against_numbers():
    from app.engine.evaluate import value_in_rows

    rows = [["Nordvik kommune", 412], ["Sørdal", 398.46]]
    assert value_in_rows("Nordvik", rows)
    assert value_in_rows("sørdal", rows)
    assert not value_in_rows("Vestby", rows)
    assert not value_in_rows("vik", rows)  # words, not substrings
    assert value_in_rows(412, rows) and value_in_rows("412", rows)
    assert value_in_rows("398,5", rows) and not value_in_rows("398,4", rows)
    assert not value_in_rows("Nordvik", [[412, 398.46]])  # a name is never a number cell
