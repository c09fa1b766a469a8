"""A statement that prints its revenues with a minus ("Eiendomsskatt -61 200", "Sum driftsinntekter -1 904 500"): the
lines of its revenue section (down to the revenue total printed negative) are answered as amounts, saying the table
prints them with a minus; the deviation stays the one the table's own "Avvik" prints (budget minus accounts, as
printed); the expense lines below the total, and a statement printing its revenues without a minus, keep their sign.
Invented statements."""
from __future__ import annotations

import duckdb
import pytest

from app.engine import families
from app.engine.families.base import Question, Reading
from app.engine.planner import UnitRef, Vocabulary
from app.engine.vocabulary import load_data_vocabulary

MINUS = "nordvik_2031.txt"
PLAIN = "sorvik_2031.txt"


@pytest.fixture()
def warehouse(tmp_path):
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    con.execute("""create table fct_account_amount (unit_key text, account_key text, row_label text, scenario_code text,
        value_year integer, printed_amount_nok double, file_name text, page integer, line integer, excerpt text,
        is_latest boolean, statement text, row_order integer, scale_method text)""")
    rows = []
    for unit, file_name, sign in (("nordvik", MINUS, -1), ("sorvik", PLAIN, 1)):
        for order, label, actual, budget in ((1, "Brukerbetalinger", 210_000, 200_000),
                                             (2, "Eiendomsskatt", 61_200, 60_000),
                                             (3, "Sum driftsinntekter", 1_904_500, 1_880_000)):
            for scen, amount in (("regnskap", actual), ("budsjett", budget)):
                rows.append((unit, label, scen, 2031, sign * amount * 1000, file_name, order))
        for order, label, actual, budget in ((4, "Lønn og sosiale utgifter", 1_200_300, 1_150_000),
                                             (5, "Sum driftsutgifter", 1_850_000, 1_800_000)):
            for scen, amount in (("regnskap", actual), ("budsjett", budget)):
                rows.append((unit, label, scen, 2031, amount * 1000, file_name, order))
    con.executemany("insert into fct_account_amount values (?, null, ?, ?, ?, ?, ?, 1, 1, 'x', true, 'unit', ?, "
                    "'header: tusen kroner')", rows)
    con.execute("create table dim_unit (unit_key text, unit_name text)")
    con.executemany("insert into dim_unit values (?, ?)", [("nordvik", "Nordvik kommune"), ("sorvik", "Sørvik kommune")])
    con.execute("create table dim_account (account_key text, name_nb text)")
    present = {"fct_account_amount", "dim_unit", "dim_account"}
    vocab = Vocabulary(metrics={}, unit_aliases={"nordvik kommune": UnitRef("nordvik", "Nordvik kommune"),
                                                 "sørvik kommune": UnitRef("sorvik", "Sørvik kommune")},
                       unit_organisations={"nordvik": "Nordvik kommune", "sorvik": "Sørvik kommune"},
                       tables=frozenset(present), data=load_data_vocabulary(con, present))
    yield con, vocab
    con.close()


def _answer(question, con, vocab, lang="nb"):
    found = families.account_line.read(Question.parse(question, lang), vocab)
    assert isinstance(found, Reading), found
    cur = con.execute(found.sql)
    columns = [d[0] for d in cur.description]
    rows = [dict(zip(columns, r)) for r in cur.fetchall()]
    kept = [c for c in columns if not c.startswith("source_")]
    text = found.sentence(kept, [[r[c] for c in kept] for r in rows], lang)
    return {(r["account"], r["scenario"]): r["amount_nok"] for r in rows}, text


@pytest.mark.parametrize(("question", "account", "amount"), [
    ("Hvor mye eiendomsskatt fikk Nordvik kommune i 2031?", "Eiendomsskatt", 61_200_000),
    ("Sum driftsinntekter Nordvik kommune 2031", "Sum driftsinntekter", 1_904_500_000),
    ("Brukerbetalinger Nordvik kommune 2031", "Brukerbetalinger", 210_000_000),
])
def test_a_revenue_printed_with_a_minus_is_answered_as_the_amount(warehouse, question, account, amount):
    con, vocab = warehouse
    shown, text = _answer(question, con, vocab)
    assert shown[(account, "regnskap")] == amount
    assert "minus" in text


def test_an_expense_below_the_revenue_total_keeps_its_sign(warehouse):
    con, vocab = warehouse
    shown, text = _answer("Lønn og sosiale utgifter Nordvik kommune 2031", con, vocab)
    assert shown[("Lønn og sosiale utgifter", "regnskap")] == 1_200_300_000
    assert "minus" not in text


def test_a_statement_printing_revenues_without_a_minus_is_read_as_printed(warehouse):
    con, vocab = warehouse
    shown, text = _answer("Eiendomsskatt Sørvik kommune 2031", con, vocab)
    assert shown[("Eiendomsskatt", "regnskap")] == 61_200_000
    assert "minus" not in text


def test_the_deviation_is_the_one_the_table_prints(warehouse):
    con, vocab = warehouse
    _, text = _answer("Eiendomsskatt Nordvik kommune 2031 regnskap mot budsjett", con, vocab)
    # printed: budget -60 000 minus accounts -61 200 = 1 200 (more revenue than budgeted), in thousands
    deviation = text.split("minus regnskap)")[1].replace("\xa0", " ")
    assert "2031: 1 200 000 kr" in deviation and "−" not in deviation, text
