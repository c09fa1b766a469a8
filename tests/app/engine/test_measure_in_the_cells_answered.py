"""A measure the question names (a governed one: "sykefravær") is answered from a report table only where the cells
answered say it, in their row, column, caption or heading: a unit's money row is never its sick leave because some
other table of the warehouse prints the word (app/engine/families/cell_lookup.py). Invented cells."""
from __future__ import annotations

import duckdb
import pytest

from app.engine import families
from app.engine.catalog import load_metrics
from app.engine.families.base import Question, Reading
from app.engine.planner import Vocabulary
from app.engine.vocabulary import load_data_vocabulary

MONEY = ("Resultater - tall i 1 000 kroner", "Nordvik kommune – Årsberetning 2031 > Resultater for tjenesteområdene")
ABSENCE = ("Endringer i sykefraværet", "Nordvik kommune – Årsberetning 2031 > Oppvekst – Nøkkeltall > Sykefravær")


@pytest.fixture()
def warehouse(tmp_path):
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    con.execute("""create table fct_report_cell (organisation text, file_name text, page integer, table_number integer,
        caption text, heading_path text, row_label text, column_label text, value_year integer, scenario text,
        value double, excerpt text)""")
    cells = []
    for row, actual in (("Oppvekst", 1320.0), ("Eiendom", 128.0)):
        cells.append(("Nordvik kommune", "nordvik_2031.txt", 1, 1, *MONEY, row, "Regnskap 2031", 2031, "actual",
                      actual, ""))
    cells.append(("Nordvik kommune", "nordvik_2031.txt", 2, 2, *ABSENCE, "Oppvekst", "Sykefraværsprosent", 2031,
                  "other", 6.4, ""))
    # another organisation's table of sick leave by service area: it prints the row "Eiendom" with the word
    cells.append(("Sørby kommune", "sorby_2031.txt", 1, 1, "Sykefravær per tjenesteområde", "Sørby kommune > Personal",
                  "Eiendom", "Sykefravær 2031", 2031, "actual", 7.2, ""))
    con.executemany("insert into fct_report_cell values (" + ", ".join("?" * 12) + ")", cells)
    present = {"fct_report_cell"}
    vocab = Vocabulary(metrics=load_metrics(), unit_aliases={},
                       organisations={"nordvik kommune": "nordvik", "sorby kommune": "sorby"},
                       organisation_names={"nordvik": "Nordvik kommune", "sorby": "Sørby kommune"},
                       tables=frozenset(present), data=load_data_vocabulary(con, present))
    yield con, vocab
    con.close()


def _values(question, con, vocab, lang="nb"):
    found = families.read(Question.parse(question, lang), vocab, families.FALLBACK_FAMILIES)
    if not isinstance(found, Reading):
        return None
    cur = con.execute(found.sql)
    cols = [d[0] for d in cur.description]
    return sorted(r[cols.index("value")] for r in cur.fetchall())


@pytest.mark.parametrize("question, lang", [
    ("Sykefravær i Eiendom i Nordvik 2031", "nb"),
    ("Sjukefråvær i eigedom i Nordvik 2031", "nn"),
    ("Sick leave in Nordvik's property unit (Eiendom) in 2031", "en"),
])
def test_a_units_money_row_is_never_its_sick_leave(warehouse, question, lang):
    con, vocab = warehouse
    values = _values(question, con, vocab, lang)
    assert values is None or 128.0 not in values, values


def test_the_row_is_read_where_its_cells_say_the_measure_or_no_measure_is_asked(warehouse):
    con, vocab = warehouse
    assert _values("Regnskap Eiendom Nordvik 2031", con, vocab) == [128.0]  # no measure asked: the money row
    assert _values("Sykefravær Eiendom Sørby kommune 2031", con, vocab) == [7.2]  # its caption says sick leave


def test_a_row_named_in_full_that_the_answer_left_unused_is_not_another_units_figure():
    from app.engine.names import row_asked_elsewhere

    printed = ["Oppvekst", "Teknikk og miljø", "Administrasjon og ledelse", "Sum"]
    # "sykefravær i teknikk og miljø": only the administration prints sick leave
    assert row_asked_elsewhere(["teknikk", "miljø"], {"Administrasjon og ledelse"}, printed) == "Teknikk og miljø"
    # the row answered, one word left over, or a single word: no other row asked
    assert row_asked_elsewhere(["teknikk", "miljø"], {"Teknikk og miljø"}, printed) is None
    assert row_asked_elsewhere(["teknikk"], {"Administrasjon og ledelse"}, printed) is None
    assert row_asked_elsewhere(["oppvekst"], {"Administrasjon og ledelse"}, printed) is None
