"""Budget against actual over a statement whose year's column the reader left unclassified ("2031" beside "Budget
2031", "Kommunen 2031" beside "Kommunen Budget 2031" and the group's "Koncernen 2031"): the one column of the
organisation's own that prints the year is the actual, given with the budget and the printed deviation; several such
columns ("Intäkter", "Kostnader", "Nettokostnad") are never guessed among. And a line named only by a word that says
the kind of figure ("Andel (eierkommunens andel)" for "what share of …") is no line asked. Invented statements."""
from __future__ import annotations

import duckdb
import pytest

from app.engine.families.base import Reading
from app.engine.families.cell_lookup import best_labels
from app.engine.wordforms import LabelIndex
from tests.app.engine.conftest import read_and_run

SV = "ekvik_kommun_arsredovisning_2031.txt"
ORG = "Ekvik kommun"


@pytest.fixture(scope="module")
def organisations():
    return {"ekvik": (ORG, "ekvik kommun", "ekvik")}


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    path = tmp_path_factory.mktemp("unclassified-actual") / "w.duckdb"
    c = duckdb.connect(str(path))
    c.execute("""create table fct_report_cell (organisation text, file_name text, page integer, line integer,
        table_number integer, caption text, row_label text, column_label text, value_year integer, scenario text,
        value double, excerpt text, column_year integer)""")
    cells = []
    # a statement: the municipality's unclassified year column, its budget, the group's columns, a deviation
    for label, own, budget, group, dev in (("Verksamhetens intäkter", 701.5, 655.0, 1010.2, 46.5),
                                           ("Årets resultat", 190.3, 25.0, 220.4, 165.3)):
        for col, year, scen, v in (("Kommunen 2031", 2031, "other", own), ("Kommunen Budget 2031", 2031, "budget", budget),
                                   ("Koncernen 2031", 2031, "other", group), ("Avvikelse", None, "variance", dev),
                                   ("Kommunen 2030", 2030, "other", own - 10)):
            cells.append((ORG, SV, 3, 10, 1, "Resultaträkning", label, col, year or 2031, scen, v * 1e6, label, year))
    # an operating table whose columns print no year: several unclassified columns, none of them the actual
    # (the deviation printed is no difference of the budget and any of them: the row's arithmetic names none)
    for col, scen, v in (("Intäkter", "other", 25.4), ("Kostnader", "other", 61.1), ("Nettokostnad", "other", 35.7),
                         ("Kommunbidrag", "budget", 27.5), ("Avvikelse", "variance", -9.6)):
        cells.append((ORG, SV, 5, 12, 2, "Driftsredovisning", "Plan och exploatering", col, 2031, scen, v * 1e6,
                      "Plan och exploatering", None))
    # the same kind of table where the deviation is the budget less one of them, as printed in millions (rounded)
    for col, year, scen, v in (("2031 Intäkter", 2031, "other", 14.0), ("2031 Kostnader", 2031, "other", -52.0),
                               ("2031 Netto", 2031, "other", -38.0), ("2031 Budget", 2031, "budget", -41.0),
                               ("2031 Avvikelse", 2031, "variance", 3.0), ("2030 Netto", 2030, "other", -36.0),
                               ("2030 Budget", 2030, "budget", -35.0)):
        cells.append((ORG, SV, 6, 4, 3, "Driftsredovisning (miljoner kronor)", "Kultur och fritid", col, year, scen,
                      v * 1e6, "Kultur och fritid", year))
    # a row printing its actual and its budget, no deviation
    for col, scen, v in (("Redovisning 2031", "actual", 12.5), ("Budget 2031", "budget", 11.0)):
        cells.append((ORG, SV, 7, 3, 4, "Räddningstjänst (mnkr)", "Räddningstjänst", col, 2031, scen, v * 1e6,
                      "Räddningstjänst", 2031))
    c.executemany("insert into fct_report_cell values (" + ", ".join("?" * 13) + ")", cells)
    c.execute("create table dim_document (file_name text, organisation text, title text, report_year integer)")
    c.execute("insert into dim_document values (?, ?, null, 2031)", [SV, ORG])
    c.close()
    return path


def _cells(question, vocab, con, lang):
    found, cols, rows = read_and_run(question, vocab, con, lang)
    assert isinstance(found, Reading), found
    return sorted((r[cols.index("column_label")], round(r[cols.index("value")] / 1e6, 1)) for r in rows)


@pytest.mark.parametrize(("question", "lang", "expected"), [
    ("Ekvik kommun 2031 verksamhetens intäkter regnskap mot budsjett", "nb",
     [("Avvikelse", 46.5), ("Kommunen 2031", 701.5), ("Kommunen Budget 2031", 655.0)]),
    ("What was Ekvik's result for the year 2031 compared with the budget?", "en",
     [("Avvikelse", 165.3), ("Kommunen 2031", 190.3), ("Kommunen Budget 2031", 25.0)]),
])
def test_the_unclassified_year_column_is_the_actual_beside_the_budget(question, lang, expected, vocab, con):
    assert _cells(question, vocab, con, lang) == expected


def test_several_unclassified_columns_are_never_guessed_among(vocab, con):
    found, cols, rows = read_and_run("Plan och exploatering Ekvik 2031 regnskap mot budsjett", vocab, con, "nb")
    shown = {r[cols.index("column_label")] for r in rows}
    assert not shown & {"Intäkter", "Kostnader", "Nettokostnad"}, shown


@pytest.mark.parametrize(("question", "lang"), [
    ("Kultur och fritid Ekvik 2031: net cost against budget", "en"),
    ("Kultur och fritid Ekvik 2031 nettokostnad, budsjett og avvik", "nb"),
])
def test_the_column_the_deviation_is_the_difference_of_is_the_actual(question, lang, vocab, con):
    """Several unclassified columns, one of which differs from the budget by the deviation the row prints: that one is
    the actual, given with the budget and the deviation of the year asked, never the other columns or years."""
    assert _cells(question, vocab, con, lang) == [("2031 Avvikelse", 3.0), ("2031 Budget", -41.0), ("2031 Netto", -38.0)]


@pytest.mark.parametrize(("question", "lang", "said"), [
    ("Räddningstjänst Ekvik 2031: actual, budget and deviation", "en", "no deviation"),
    ("Räddningstjänst Ekvik 2031 regnskap mot budsjett og avvik", "nb", "ikke avvik"),
])
def test_a_deviation_asked_that_the_row_does_not_print_is_said_not_worked_out(question, lang, said, vocab, con):
    found, cols, rows = read_and_run(question, vocab, con, lang)
    assert isinstance(found, Reading), found
    assert sorted(round(r[cols.index("value")] / 1e6, 1) for r in rows) == [11.0, 12.5]
    assert said in found.sentence(cols, rows, lang), found.sentence(cols, rows, lang)
    found, cols, rows = read_and_run("Kultur och fritid Ekvik 2031 nettokostnad, budsjett og avvik", vocab, con, "nb")
    assert "Tabellen viser ikke" not in found.sentence(cols, rows, "nb")  # every part printed: nothing to say


def test_the_budget_alone_is_still_the_budget(vocab, con):
    assert _cells("Budsjett for verksamhetens intäkter Ekvik 2031", vocab, con, "nb") == [("Kommunen Budget 2031", 655.0)]


@pytest.mark.parametrize("question", [
    "What share of the new building's footprint is wood?",
    "Hvor stor andel av gjelda er rentebærende?",
    "What was the percentage of women employees?",
])
def test_a_line_named_only_by_the_kind_of_figure_is_not_named(question):
    index = LabelIndex(["Andel (eierkommunens andel)", "Prosent", "Renteutgifter", "Andel kvinner"])
    labels = [m.label for m in best_labels(index, index.terms(question), set())]
    assert "Andel (eierkommunens andel)" not in labels and "Prosent" not in labels, labels


def test_a_line_named_by_its_own_words_beside_the_kind_word_still_is():
    index = LabelIndex(["Andel (eierkommunens andel)", "Andel kvinner", "Renteutgifter"])
    assert [m.label for m in best_labels(index, index.terms("andel kvinner 2031"), set())] == ["Andel kvinner"]
