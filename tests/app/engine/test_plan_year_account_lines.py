"""An account line over the years of an økonomiplan: a question naming no kind (accounts or budget) gets the accounts
of the years the accounts print and, for the plan years no accounts print yet, the budget — named as the budget;
"planned"/"planlagt"/"i økonomiplanen" ask the budget; "regnskap" asks the accounts only, never a plan year's budget."""
from __future__ import annotations

import duckdb
import pytest

from app.engine import families
from app.engine.families.base import Question, Reading
from app.engine.planner import UnitRef, Vocabulary
from app.engine.vocabulary import load_data_vocabulary

ROWS = [  # (row, scenario, year, amount): accounts 2029, budgets 2030, plan years 2031-2033
    ("Avdrag på lån", "regnskap", 2029, 60_115_000), ("Avdrag på lån", "budsjett", 2029, 59_000_000),
    ("Avdrag på lån", "budsjett", 2030, 62_800_000), ("Avdrag på lån", "budsjett", 2031, 66_905_000),
    ("Avdrag på lån", "budsjett", 2032, 69_010_000), ("Avdrag på lån", "budsjett", 2033, 71_240_000),
    ("Renteutgifter", "regnskap", 2029, 41_200_000), ("Renteutgifter", "budsjett", 2031, 47_020_000),
    ("Renteutgifter", "budsjett", 2032, 48_870_000),
]


@pytest.fixture()
def warehouse(tmp_path):
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    con.execute("""create table fct_account_amount (unit_key text, account_key text, row_label text, scenario_code text,
        value_year integer, printed_amount_nok double, file_name text, page integer, line integer, excerpt text,
        is_latest boolean, statement text, row_order integer, scale_method text)""")
    con.executemany("insert into fct_account_amount values ('sorvik', null, ?, ?, ?, ?, 'sorvik_plan.txt', 1, 3, 'x', "
                    "true, '5-6', 1, 'declared: 1 000 kr')", ROWS)
    con.execute("create table dim_unit as select 'sorvik' as unit_key, 'Sørvik kommune' as unit_name")
    con.execute("create table dim_account (account_key text, name_nb text)")
    present = {"fct_account_amount", "dim_unit", "dim_account"}
    vocab = Vocabulary(metrics={}, unit_aliases={"sørvik kommune": UnitRef("sorvik", "Sørvik kommune")},
                       organisations={"sørvik kommune": "sorvik", "sørvik": "sorvik"},
                       organisation_names={"sorvik": "Sørvik kommune"},
                       unit_organisations={"sorvik": "Sørvik kommune"}, tables=frozenset(present),
                       data=load_data_vocabulary(con, present))
    yield con, vocab
    con.close()


def _rows(question, con, vocab, lang="nb"):
    found = families.account_line.read(Question.parse(question, lang), vocab)
    assert isinstance(found, Reading)
    cur = con.execute(found.sql)
    columns = [d[0] for d in cur.description]
    rows = [dict(zip(columns, r)) for r in cur.fetchall()]
    shown = [[r[c] for c in columns if not c.startswith("source_")] for r in rows]
    text = found.sentence([c for c in columns if not c.startswith("source_")], shown, lang)
    return {(r["year"], r["scenario"], r["amount_nok"]) for r in rows}, text


def test_plan_years_without_accounts_are_answered_by_their_budget(warehouse):
    con, vocab = warehouse
    got, text = _rows("Avdrag på lån Sørvik kommune 2029–2032", con, vocab)
    assert got == {(2029, "regnskap", 60_115_000), (2030, "budsjett", 62_800_000), (2031, "budsjett", 66_905_000),
                   (2032, "budsjett", 69_010_000)}  # 2029: the accounts, not the 2029 budget beside them
    assert "budsjett 2031" in text


@pytest.mark.parametrize("question, lang", [
    ("Sørvik kommune interest expenses (renteutgifter) planned for 2031 and 2032", "en"),
    ("Planlagte renteutgifter i Sørvik kommune 2031 og 2032", "nb"),
    ("Renteutgifter i økonomiplanen for Sørvik kommune 2031 og 2032", "nb"),
])
def test_planned_asks_the_budget(warehouse, question, lang):
    con, vocab = warehouse
    got, _ = _rows(question, con, vocab, lang)
    assert got == {(2031, "budsjett", 47_020_000), (2032, "budsjett", 48_870_000)}


def test_accounts_asked_never_get_a_plan_years_budget(warehouse):
    con, vocab = warehouse
    got, _ = _rows("Regnskap avdrag på lån Sørvik kommune 2029–2031", con, vocab)
    assert got == {(2029, "regnskap", 60_115_000)}
