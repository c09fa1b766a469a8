"""Ticket questions over two invented exports whose priorities are on different scales (one writes OTRS-style
"5 very high" … "1 very low", the other "Kritisk" … "Lav"): one export's breakdown by its own values also says the
one scale's levels (two of its values on one level), a level named in the other export's word ("lav prioritet")
filters by the values this export wrote for it, a median over two years named gives the whole span too, a sum word
that pools the exports compares two months instead of adding them, and words that only name the data as a whole
("loaded", "stream", "finst") block nothing; a category path's last part written into the ticket noun ("Gerica-saker"),
a list of halves ("første og andre halvår"), the median asked beside a percentile. Every figure is checked against
SQL over the same rows."""
from __future__ import annotations

import re
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from app.engine.families.base import Reading
from tests.app.engine.conftest import read_and_run as _ask
from tests.app.engine.conftest import scalar as _one
from tests.app.engine.conftest import write_ticket_warehouse

TICKET_COLUMNS = """ticket_key text, ticket_id text, source_system text, source_file text, organisation_key text,
    customer_name text, provider_unit_key text, created_at timestamp, created_date date, closed_at timestamp,
    resolved_at timestamp, priority text, priority_source text, category text, channel text, status text,
    is_resolved boolean, resolution_hours double, assignment_group text"""
OTRS = {"5 very high": "A", "4 high": "B", "3 normal": "C", "2 low": "D", "1 very low": "D"}
PATHS = ("Programvare > Fagsystem > Gerica", "Programvare > Fagsystem > Visma", "Maskinvare > Skriver")
PLAIN = {"Kritisk": "A", "Høy": "B", "Middels": "C", "Lav": "D"}


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> Path:
    rows = []
    start = datetime(2022, 11, 1, 8)
    otrs, plain = list(OTRS), list(PLAIN)
    for n in range(400):
        system, values = ("history", otrs) if n % 2 else ("frontline", plain)
        raw = values[(n * 7 + n // 5) % len(values)]
        level = (OTRS if system == "history" else PLAIN)[raw]
        created = start + timedelta(hours=37 * n)
        hours = float(2 + (n * 13) % 90)
        resolved = created + timedelta(hours=hours)
        rows.append((f"{system}{n}", f"T{n}", system, f"exports/{system}.csv", "aldal" if n % 3 else "berg", None,
                     None, created, created.date(), resolved, resolved, level, raw, PATHS[n % 3], "email", "closed", True,
                     hours, None))
    return write_ticket_warehouse(tmp_path_factory.mktemp("scales") / "w.duckdb", TICKET_COLUMNS, rows, [], [],
                                  {"aldal": "Aldal kommune", "berg": "Berg kommune"})


@pytest.fixture(scope="module")
def organisations():
    return {"aldal": ("Aldal kommune", "Aldal"), "berg": ("Berg kommune", "Berg")}


def _numbers(text: str) -> set[float]:
    return {float(x.replace("\u00a0", "").replace(" ", "").replace(",", ".")) for x in
            re.findall(r"\d[\d\u00a0 ]*(?:[.,]\d+)?", text)}


def test_one_exports_own_values_with_the_levels_they_make(vocab, con):
    found, cols, rows = _ask("How many tickets per priority are there in the history export?", vocab, con, "en")
    assert isinstance(found, Reading), getattr(found, "answer", None)
    text = found.sentence(cols, rows, "en")
    low = _one(con, "select count(*) from fct_ticket where source_system = 'history' and priority = 'D'")
    very_low = _one(con, "select count(*) from fct_ticket where source_system = 'history' "
                         "and priority_source = '1 very low'")
    assert very_low and low > very_low
    assert f"4 – Low: {low}" in text and str(very_low) in text, text
    assert {r[cols.index("priority")]: r[cols.index("level_tickets")] for r in rows}["1 very low"] == low


def test_a_level_named_in_another_exports_word(vocab, con):
    found, cols, rows = _ask("Median løsningstid i history-eksporten for lav prioritet", vocab, con, "nb")
    assert isinstance(found, Reading), getattr(found, "answer", None)
    # the history export's own values on that level, each with its median (never the other export's «Lav»: none)
    want = dict(con.execute("select priority_source, round(median(resolution_hours), 2) from fct_ticket "
                            "where source_system = 'history' and priority = 'D' group by 1").fetchall())
    got = {r[0]: float(r[cols.index("median_hours")]) for r in rows}
    assert set(want) == {"2 low", "1 very low"} and got == pytest.approx({k: float(v) for k, v in want.items()})


def test_a_median_over_two_years_named_also_over_the_whole_span(vocab, con):
    found, cols, rows = _ask("median løsningstid 2023-2024", vocab, con, "nb")
    assert isinstance(found, Reading), getattr(found, "answer", None)
    whole = _one(con, "select round(median(resolution_hours), 2) from fct_ticket "
                      "where year(created_date) in (2023, 2024)")
    per_year = [_one(con, f"select round(median(resolution_hours), 2) from fct_ticket where year(created_date) = {y}")
                for y in (2023, 2024)]
    assert whole not in per_year
    text = found.sentence(cols, rows, "nb")
    assert float(whole) in _numbers(text), text


def test_a_sum_word_pooling_the_exports_compares_the_months(vocab, con):
    found, cols, rows = _ask("Hvor mange flere saker kom inn i januar 2023 enn i desember 2022, alle systemer samlet?",
                             vocab, con, "nb")
    assert isinstance(found, Reading), getattr(found, "answer", None)
    jan = _one(con, "select count(*) from fct_ticket where created_date between '2023-01-01' and '2023-01-31'")
    dec = _one(con, "select count(*) from fct_ticket where created_date between '2022-12-01' and '2022-12-31'")
    text = found.sentence(cols, rows, "nb")
    assert {jan, dec, abs(jan - dec)} <= _numbers(text) and jan + dec not in _numbers(text), text


@pytest.mark.parametrize("question,lang,where", [
    ("How many tickets are there in total across all the loaded helpdesk exports?", "en", "true"),
    ("How many distinct tickets does the history stream contain?", "en", "source_system = 'history'"),
    ("Kor mange saker finst i frontline-eksporten?", "nn", "source_system = 'frontline'"),
])
def test_words_naming_the_data_as_a_whole_block_nothing(vocab, con, question, lang, where):
    found, cols, rows = _ask(question, vocab, con, lang)
    assert isinstance(found, Reading), (question, getattr(found, "answer", None))
    assert rows[0][cols.index("tickets")] == _one(con, f"select count(*) from fct_ticket where {where}")


def test_a_category_path_part_written_into_the_ticket_noun(vocab, con):
    found, cols, rows = _ask("Kor mange Gerica-saker kom inn i frontline-eksporten i 2023?", vocab, con, "nn")
    assert isinstance(found, Reading), getattr(found, "answer", None)
    want = _one(con, "select count(*) from fct_ticket where source_system = 'frontline' and year(created_date) = 2023 "
                     "and category like '%> Gerica'")
    assert want and rows[0][cols.index("tickets_total")] == want


def test_a_list_of_halves_names_both(vocab, con):
    found, cols, rows = _ask("Samanlikn talet på saker første og andre halvår 2023.", vocab, con, "nn")
    assert isinstance(found, Reading), getattr(found, "answer", None)
    h1 = _one(con, "select count(*) from fct_ticket where created_date between '2023-01-01' and '2023-06-30'")
    h2 = _one(con, "select count(*) from fct_ticket where created_date between '2023-07-01' and '2023-12-31'")
    assert {h1, h2} <= {c for r in rows for c in r if isinstance(c, int)}


def test_the_median_asked_beside_a_percentile(vocab, con):
    found, cols, rows = _ask("What are the median and 90th percentile resolution times in hours in 2023?", vocab, con,
                             "en")
    assert isinstance(found, Reading), getattr(found, "answer", None)
    where = "from fct_ticket where year(created_date) = 2023"
    assert float(rows[0][cols.index("also_median")]) == pytest.approx(
        float(_one(con, f"select round(median(resolution_hours), 2) {where}")))
    assert float(rows[0][cols.index("p90_hours")]) == pytest.approx(
        float(_one(con, f"select round(quantile_cont(resolution_hours, 0.9), 2) {where}")))
