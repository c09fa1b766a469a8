"""Report questions over an invented warehouse of two municipalities' reports, none of whose reports an organisation was
read for (as happens for a web page or a titled part of a report):

- a ranking over a table whose caption is a sentence and whose heading names last year's deviation («Avvik
  tjenesteområdene 2029») while its columns are this year's: the column years decide; "størst merforbruk" on a signed
  deviation is its most negative figure and "biggest underspend" its largest positive one, one column ranked (a row
  without a deviation is left out, never ranked by its budget), the sign convention said;
- an English word reaching a two-word row label by its head ("kindergartens" ~ «Kommunale barnehager»), never when two
  labels share the head;
- a statement printing the municipality and its group side by side under one caption naming both;
- a figure stated as of a day ("per 31. august 2030"), and a sentence about the deviation that does not name the row
  asked ("NAV") answering nothing;
- a name written before its kind ("City of X") is no unknown name.
"""
from __future__ import annotations

import duckdb
import pytest

from app.engine.families.base import Reading
from tests.app.engine.conftest import read_and_run

NORD = "nordvik_arsrapport_2030.html"
NORD_OLD = "nordvik_arsrapport_2029.txt"
STAD = "eksempelstad_arsredovisning_2030.html"

CELL_COLUMNS = ("organisation text, file_name text, page integer, line integer, table_number integer, caption text, "
                "heading_path text, row_label text, column_label text, column_year integer, value_year integer, "
                "scenario text, value double, is_percent boolean, excerpt text, report_year integer")


def _cells():
    out = []
    # this year's table: a sentence read as its caption, last year's heading, this year's columns
    rows = [("Politisk styring", 8_000, 7_100, -900), ("Kommunale barnehager", 64_000, 56_500, -7_500),
            ("Skoler", 191_000, 181_900, -9_100), ("Helse felles", -2_600, 6_500, 9_100),
            ("Bygg og eiendom", 63_900, 48_100, -15_800), ("Plan og byggesak", 5_000, 8_000, 3_000),
            ("NAV", 21_000, 21_500, 500)]
    for i, (label, actual, budget, deviation) in enumerate(rows):
        for col, scen, year, v in (("Regnskap 2030", "actual", 2030, actual), ("Rev. budsjett 2030", "revised_budget",
                                                                                  2030, budget),
                                   ("Avvik", "variance", None, deviation)):
            out.append((None, NORD, 1, 10 + i, 1, "Året ble krevende for tjenestene.",
                        "Tjenesteområdene > Avvik tjenesteområdene 2029", label, col, year, 2030, scen, v, False,
                        f"{label} {actual} {budget} {deviation}", 2030))
    # a row the reader found without its deviation: its budget is never ranked among the deviations
    for col, scen, v in (("Regnskap 2030", "actual", 15_300), ("Rev. budsjett 2030", "revised_budget", 12_600)):
        out.append((None, NORD, 1, 20, 1, "Året ble krevende for tjenestene.",
                    "Tjenesteområdene > Avvik tjenesteområdene 2029", "Brann og beredskap", col, 2030, 2030, scen, v,
                    False, "Brann og beredskap 15 300 12 600", 2030))
    # last year's report: its own caption names the areas and the deviation
    for i, (label, actual, deviation) in enumerate([("Skoler", 183_000, -1_000), ("Politisk styring", 7_000, 200)]):
        for col, scen, year, v in (("Regnskap 2029", "actual", 2029, actual), ("Avvik", "variance", None, deviation)):
            out.append((None, NORD_OLD, 1, 5 + i, 1, "Tjenesteområder 2029 - med avvik i forhold til budsjett",
                        "Årsrapport 2029 – Tjenesteområdene", label, col, year, 2029, scen, v, False, label, 2029))
    # a statement printing the municipality and its group side by side, under one caption naming both
    for label, own, group in (("Skatteintäkter", 30_100, 30_100), ("Årets resultat", 1_500, 2_200)):
        for col, v in (("Kommunen 2030", own), ("Kommunala koncernen 2030", group)):
            out.append(("Eksempelstads Stad", STAD, 1, 3, 1, "Resultaträkning för kommunen och den kommunala koncernen.",
                        "Resultaträkning", label, col, 2030, 2030, "other", v * 1e6, False, label, 2030))
    return out


PROSE = [
    (NORD_OLD, 2029, 12e6, "nok", "12 mill. kr", "Per 31.08.2029 viste tjenesteområdene et forventet merforbruk på "
                                                   "12 mill. kroner.", "tjenesteområdene forventet merforbruk", 3),
    (NORD_OLD, 2029, 7e6, "nok", "7 mill. kr", "Per 30.04.2029 viste tjenesteområdene et forventet merforbruk på "
                                                 "7 mill. kroner.", "tjenesteområdene forventet merforbruk", 4),
    (NORD_OLD, 2029, 2e6, "nok", "2 mill. kr", "Korrigert for pensjon blir avviket redusert til 2 mill. kroner.",
     "avviket redusert", 6),
]


@pytest.fixture(scope="module")
def organisations():
    return {"eksempelstad": ("Eksempelstads Stad", "eksempelstad")}


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    path = tmp_path_factory.mktemp("report-engine") / "w.duckdb"
    c = duckdb.connect(str(path))
    c.execute(f"create table fct_report_cell ({CELL_COLUMNS})")
    c.executemany("insert into fct_report_cell values (" + ", ".join("?" * 16) + ")", _cells())
    c.execute("create table fct_report_prose_figure (figure_id text, organisation text, report_year integer, "
              "file_name text, page integer, line integer, value double, unit text, value_year integer, printed text, "
              "text text, topic text)")
    c.executemany("insert into fct_report_prose_figure values (?, null, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?)",
                  [(f"f{i}", y, f, line, v, u, y, p, t, topic) for i, (f, y, v, u, p, t, topic, line) in enumerate(PROSE)])
    c.execute("create table dim_document (file_name text, organisation text, title text, report_year integer)")
    c.executemany("insert into dim_document values (?, ?, ?, ?)", [
        (NORD, None, None, 2030), (NORD_OLD, None, "Årsrapport 2029 – Hovedtall – Tjenesteområdene", 2029),
        (STAD, None, None, 2030)])
    c.close()
    return path


def _ranked(question, lang, vocab, con):
    found, cols, rows = read_and_run(question, vocab, con, lang)
    assert isinstance(found, Reading), found
    assert found.family == "cell_ranking", found.family
    return found, cols, rows


def test_largest_overspend_read_from_the_column_years_not_the_stale_heading(vocab, con):
    found, cols, rows = _ranked("Hvilket tjenesteområde i Nordvik hadde størst merforbruk i 2030?", "nb", vocab, con)
    got = [(r[cols.index("row_label")], r[cols.index("value")]) for r in rows]
    assert got[0] == ("Bygg og eiendom", -15_800)  # the most negative deviation
    assert {r[cols.index("column_label")] for r in rows} == {"Avvik"}
    assert "Brann og beredskap" not in {label for label, _ in got}
    text = found.sentence(cols, rows, "nb")
    assert "negativt avvik som merforbruk" in text  # the sign convention said


def test_biggest_underspend_in_english_is_the_largest_positive_deviation(vocab, con):
    found, cols, rows = _ranked("Which service area in Nordvik had the biggest underspend against budget in 2030?",
                                "en", vocab, con)
    got = [(r[cols.index("row_label")], r[cols.index("value")]) for r in rows]
    assert got[0] == ("Helse felles", 9_100)
    assert {r[cols.index("column_label")] for r in rows} == {"Avvik"}  # never the budget of a row lacking a deviation
    assert "Brann og beredskap" not in {label for label, _ in got}
    assert "positive deviation as an underspend" in found.sentence(cols, rows, "en")


def test_an_english_word_reaches_a_two_word_label_by_its_head(vocab, con):
    found, cols, rows = read_and_run("actual spending on kindergartens in Nordvik in 2030", vocab, con, "en")
    assert isinstance(found, Reading), found
    assert {r[cols.index("row_label")] for r in rows} == {"Kommunale barnehager"}
    assert {r[cols.index("value")] for r in rows} == {64_000}


def test_two_labels_of_one_head_name_neither():
    from app.engine.families.cell_lookup import best_labels
    from app.engine.wordforms import LabelIndex

    index = LabelIndex(["Kommunale barnehager", "Private barnehager", "Skoler"])
    terms = index.terms("regnskap barnehager 2030")
    assert best_labels(index, terms, set(), by_head=True) == []
    one = LabelIndex(["Kommunale barnehager", "Skoler"])
    assert [m.label for m in best_labels(one, one.terms("regnskap barnehager 2030"), set(), by_head=True)] == [
        "Kommunale barnehager"]
    assert best_labels(one, one.terms("regnskap barnehager 2030"), set()) == []  # only where the caller allows it


def test_the_municipality_column_unless_the_group_is_asked(vocab, con):
    found, cols, rows = read_and_run("What were Eksempelstad municipality's tax revenues in 2030?", vocab, con, "en")
    assert isinstance(found, Reading), found
    assert [r[cols.index("column_label")] for r in rows] == ["Kommunen 2030"]
    found, cols, rows = read_and_run("Compare the 2030 annual result for the City of Eksempelstad with the municipal "
                                     "group", vocab, con, "en")
    assert isinstance(found, Reading), found
    assert sorted(r[cols.index("value")] for r in rows) == [1_500e6, 2_200e6]


def test_a_report_no_organisation_was_read_for_counts_for_the_one_its_file_names():
    from app.engine.families.scope import unowned_documents
    from app.engine.vocabulary import Document

    docs = [Document(STAD, None, None, 2030, frozenset({"eksempelstad", "arsredovisning"}), "whole", None),
            Document("annen_arsrapport.txt", None, None, 2030, frozenset({"annen"}), "whole", None),
            Document("eksempelstad_2029.txt", "Eksempelstads Stad", None, 2029, frozenset({"eksempelstad"}), "whole",
                     None)]
    assert unowned_documents(["Eksempelstads Stad"], docs) == [STAD]
    assert unowned_documents(["Annenby kommune"], docs) == []


def test_kind_titles_are_no_unknown_names():
    from app.engine.families.scope import strangers

    assert strangers("Compare the result for the City of Eksempelstad", {"eksempelstad", "result", "compar"}) == []
    assert strangers("Compare the result for the City of Ukjentby", {"result", "compar"}) == ["Ukjentby"]


def test_a_day_asked_is_answered_by_the_sentence_writing_that_day(vocab, con):
    from app.engine.families import prose
    from app.engine.families.base import Question

    # (the tables' reading, the total of the deviation table, finds no total row; the engine reads the text next)
    found = prose.read(Question.parse("Hva var prognosen for merforbruk på tjenesteområdene i Nordvik per 31. august "
                                      "2029?", "nb"), vocab)
    assert isinstance(found, Reading), found
    cur = con.execute(found.sql)
    cols, rows = [d[0] for d in cur.description], cur.fetchall()
    assert {r[cols.index("value")] for r in rows} == {12e6}  # never the forecast of another day


def test_the_day_is_read_in_the_ways_it_is_written():
    from app.engine.families.prose import day_asked, writes_day

    day = day_asked("per 31. august 2029")
    assert day == (31, 8, 2029)
    assert writes_day("Per 31.08.2029 viste", day) and writes_day("rapportering per 31.08. som", day)
    assert not writes_day("Per 30.04.2029 viste", day)
    assert day_asked("as of 31.08.29") == (31, 8, 2029)
    assert day_asked("per 1. januar 2030") is None  # the year before's end, not a day of the year
    assert day_asked("i 2029") is None


def test_a_sentence_not_naming_the_row_asked_answers_nothing(vocab, con):
    found, cols, rows = read_and_run("Avvik for NAV i Nordvik 2029", vocab, con, "nb")
    assert not (isinstance(found, Reading) and found.family == "prose_figure"), found.sql
    assert 2e6 not in {r[cols.index("value")] for r in rows}
