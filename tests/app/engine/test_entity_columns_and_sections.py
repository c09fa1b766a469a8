"""Statements that print the organisation and its group side by side ("Kommune 2041 | Konsern 2041", "Morselskap |
Konsern"), budget tables with a deviation column, and the detail rows of one statement section: which column a
question takes (and that the answer says so), the actual beside the budget and the printed deviation, and the largest
line of a section without its sum row. Invented statements in bokmål, nynorsk, English and Swedish labels."""
from __future__ import annotations

import duckdb
import pytest

from app.engine.families.base import Reading
from tests.app.engine.conftest import read_and_run

NB = "fjordvik_kommune_arsrapport_2041.txt"
SV = "dalby_kommun_arsredovisning_2041.txt"
AS = "vannverk_as_arsrapport_2041.txt"
ORG_NB, ORG_SV, ORG_AS = "Fjordvik kommune", "Dalby kommun", "Fjordvik Vannverk AS"


@pytest.fixture(scope="module")
def organisations():
    return {"fjordvik": (ORG_NB, "fjordvik kommune", "fjordvik"), "dalby": (ORG_SV, "dalby kommun", "dalby"),
            "vannverk": (ORG_AS, "fjordvik vannverk as", "fjordvik vannverk")}


def _cell(org, file, page, table, caption, label, col, year, scen, value, line=1):
    return (org, file, page, line, table, caption, label, col, year, scen, value, f"{label} {value}", year)


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    path = tmp_path_factory.mktemp("entity-columns") / "w.duckdb"
    c = duckdb.connect(str(path))
    c.execute("""create table fct_report_cell (organisation text, file_name text, page integer, line integer,
        table_number integer, caption text, row_label text, column_label text, value_year integer, scenario text,
        value double, excerpt text, column_year integer)""")
    cells = []
    for label, own, grp in (("Langsiktig gjeld", 812.5, 1204.3), ("Sum egenkapital", 431.7, 655.9)):
        for col, v in (("Kommune 2041", own), ("Konsern 2041", grp)):
            cells.append(_cell(ORG_NB, NB, 40, 5, "Balanse", label, col, 2041, "other", v * 1e6))
    for label, own, grp in (("Eget kapital", 77.3, 91.8),):
        for col, v in (("Kommunen 2041", own), ("Kommunkoncernen 2041", grp)):
            cells.append(_cell(ORG_SV, SV, 22, 3, "Balansräkning", label, col, 2041, "other", v * 1e6))
    for label, own, grp in (("Driftsinntekter", 55.1, 60.4),):
        for col, v in (("Morselskap", own), ("Konsern", grp)):
            cells.append(_cell(ORG_AS, AS, 9, 2, "Resultatregnskap", label, col, 2041, "other", v * 1e6))
    # a budget table: Budsjett | Regnskap | Avvik (the deviation printed without a year)
    for label, budget, actual, dev in (("Helse og omsorg", 310.0, 298.4, 11.6), ("Oppvekst", 205.0, 209.5, -4.5)):
        for col, year, scen, v in (("Budsjett 2041", 2041, "budget", budget), ("Regnskap 2041", 2041, "actual", actual),
                                   ("Avvik", None, "variance", dev)):
            cells.append(_cell(ORG_NB, NB, 12, 2, "Driftsregnskap per sektor", label, col, year or 2041, scen, v * 1e6))
    # a balance sheet section: the fixed-asset lines above their sum, then the current assets
    for line, (label, v) in enumerate((("Bygninger og anlegg", 950.0), ("Utstyr og maskiner", 120.0),
                                       ("Aksjer og andeler", 64.0), ("Pensjonsmidler", 1010.0),
                                       ("Sum anleggsmidler", 2144.0), ("Kortsiktige fordringer", 90.0),
                                       ("Bankinnskudd og kontanter", 300.0), ("Sum omløpsmidler", 390.0))):
        cells.append(_cell(ORG_NB, NB, 41, 6, "Balanse eiendeler", label, "Regnskap 2041", 2041, "actual",
                           v * 1e6, line=line + 1))
    c.executemany("insert into fct_report_cell values (" + ", ".join("?" * 13) + ")", cells)
    c.execute("create table dim_document (file_name text, organisation text, title text, report_year integer)")
    c.executemany("insert into dim_document values (?, ?, null, 2041)", [(NB, ORG_NB), (SV, ORG_SV), (AS, ORG_AS)])
    c.close()
    return path


def _cells(question, vocab, con, lang):
    found, cols, rows = read_and_run(question, vocab, con, lang)
    assert isinstance(found, Reading), found
    return found, sorted((r[cols.index("column_label")], round(r[cols.index("value")] / 1e6, 1)) for r in rows), cols, rows


@pytest.mark.parametrize(("question", "lang", "expected"), [
    ("Compare the group with the municipality: long-term debt in Fjordvik 2041", "en",
     [("Kommune 2041", 812.5), ("Konsern 2041", 1204.3)]),
    ("Langsiktig gjeld i Fjordvik 2041 for kommunen og for konsernet", "nb",
     [("Kommune 2041", 812.5), ("Konsern 2041", 1204.3)]),
    ("Kor stor var eigenkapitalen i konsernet samanlikna med kommunen i Fjordvik i 2041?", "nn",
     [("Kommune 2041", 431.7), ("Konsern 2041", 655.9)]),
    ("Eget kapital i Dalby 2041, kommunen mot kommunkoncernen", "nb",
     [("Kommunen 2041", 77.3), ("Kommunkoncernen 2041", 91.8)]),
    ("Driftsinntekter Fjordvik Vannverk 2041 for morselskapet og konsernet", "nb",
     [("Konsern", 60.4), ("Morselskap", 55.1)]),
    ("What was the group's long-term debt in Fjordvik in 2041?", "en", [("Konsern 2041", 1204.3)]),
])
def test_the_columns_the_question_names_by_entity_level(question, lang, expected, vocab, con):
    assert _cells(question, vocab, con, lang)[1] == expected


@pytest.mark.parametrize(("question", "lang", "expected", "said"), [
    ("Langsiktig gjeld Fjordvik 2041", "nb", [("Kommune 2041", 812.5)], "konsernets"),
    ("Fjordvik Vannverk driftsinntekter 2041", "nb", [("Morselskap", 55.1)], "konsernets"),
    ("What was the long-term debt of Fjordvik in 2041?", "en", [("Kommune 2041", 812.5)], "group's"),
])
def test_a_question_naming_neither_takes_the_own_column_and_says_so(question, lang, expected, said, vocab, con):
    found, got, cols, rows = _cells(question, vocab, con, lang)
    assert got == expected
    assert said in found.sentence(cols, rows, lang)


def test_a_table_without_a_group_column_says_nothing_of_a_group(vocab, con):
    found, _, cols, rows = _cells("Helse og omsorg regnskap Fjordvik 2041", vocab, con, "nb")
    assert "konsern" not in found.sentence(cols, rows, "nb")


@pytest.mark.parametrize(("question", "lang"), [
    ("Hva var avviket for Helse og omsorg i Fjordvik i 2041?", "nb"),
    ("Kor stort var avviket for helse og omsorg i Fjordvik i 2041?", "nn"),
    ("What was the variance for Helse og omsorg in Fjordvik in 2041?", "en"),
    ("Did Helse og omsorg in Fjordvik come in under budget in 2041, and by how much?", "en"),
    ("Helse og omsorg regnskap mot budsjett Fjordvik 2041", "nb"),
])
def test_a_deviation_question_gives_actual_budget_and_the_printed_deviation(question, lang, vocab, con):
    assert _cells(question, vocab, con, lang)[1] == [("Avvik", 11.6), ("Budsjett 2041", 310.0), ("Regnskap 2041", 298.4)]


def test_a_budget_question_alone_gives_the_budget(vocab, con):
    assert _cells("Budsjett for Oppvekst Fjordvik 2041", vocab, con, "nb")[1] == [("Budsjett 2041", 205.0)]


def _ranked(question, vocab, con, lang):
    found, cols, rows = read_and_run(question, vocab, con, lang)
    assert isinstance(found, Reading), found
    return found, [(r[cols.index("row_label")], round(r[cols.index("value")] / 1e6, 1)) for r in rows], cols, rows


@pytest.mark.parametrize(("question", "lang"), [
    ("Which fixed-asset line was the largest in Fjordvik in 2041?", "en"),
    ("Hvilken post under anleggsmidler var størst i Fjordvik i 2041?", "nb"),
    ("Kva var den største posten av anleggsmidla i Fjordvik i 2041?", "nn"),
])
def test_the_largest_line_of_a_section_leaves_out_its_sum(question, lang, vocab, con):
    found, rows, cols, raw = _ranked(question, vocab, con, lang)
    assert rows[0] == ("Pensjonsmidler", 1010.0)
    assert "Sum anleggsmidler" not in [r[0] for r in rows]
    assert {r[0] for r in rows} <= {"Bygninger og anlegg", "Utstyr og maskiner", "Aksjer og andeler", "Pensjonsmidler"}
    assert "Sum anleggsmidler" in found.sentence(cols, raw, lang)


def test_the_smallest_current_asset_line(vocab, con):
    _, rows, _, _ = _ranked("Which current-asset line was the smallest in Fjordvik in 2041?", vocab, con, "en")
    assert rows[0] == ("Kortsiktige fordringer", 90.0) and len(rows) == 2


def test_a_question_for_the_section_total_is_not_ranked(vocab, con):
    found, rows, _, _ = _ranked("Sum anleggsmidler Fjordvik 2041", vocab, con, "nb")
    assert rows == [("Sum anleggsmidler", 2144.0)]


@pytest.fixture(scope="module")
def group_captions(tmp_path_factory):
    """A parent's statement and its group's printed as two tables, the group named by the caption only."""
    path = tmp_path_factory.mktemp("group-captions") / "w.duckdb"
    c = duckdb.connect(str(path))
    c.execute("""create table fct_report_cell (organisation text, file_name text, page integer, line integer,
        table_number integer, caption text, row_label text, column_label text, value_year integer, scenario text,
        value double, excerpt text, column_year integer)""")
    rows = []
    for table, caption, v41, v40 in ((1, "Resultatrekneskap", 150.0, 140.0), (2, "Resultatrekneskap - Konsern", 190.0, 171.0)):
        for col, year, v in (("2041", 2041, v41), ("2040", 2040, v40)):
            rows.append(_cell(ORG_AS, AS, 3 + table, table, caption, "Sum driftsinntekter", col, year, "actual", v * 1e6))
    c.executemany("insert into fct_report_cell values (" + ", ".join("?" * 13) + ")", rows)
    c.execute("create table dim_document (file_name text, organisation text, title text, report_year integer)")
    c.execute("insert into dim_document values (?, ?, null, 2041)", [AS, ORG_AS])
    c.close()
    from tests.app.engine.conftest import vocabulary_over

    con = duckdb.connect(str(path), read_only=True)
    yield con, vocabulary_over(con, {"vannverk": (ORG_AS, "fjordvik vannverk as", "fjordvik vannverk")})
    con.close()


@pytest.mark.parametrize(("question", "expected"), [
    ("Sum driftsinntekter for Fjordvik Vannverk-konsernet 2040 og 2041", [171.0, 190.0]),
    ("Sum driftsinntekter Fjordvik Vannverk 2041", [150.0]),
])
def test_a_group_named_only_by_its_tables_caption(question, expected, group_captions):
    con, vocab = group_captions
    found, cols, rows = read_and_run(question, vocab, con, "nb")
    assert isinstance(found, Reading), found
    assert sorted(round(r[cols.index("value")] / 1e6, 1) for r in rows) == expected


@pytest.mark.parametrize(("question", "investment"), [
    ("How much did Fjordvik invest in fixed assets in 2041 against budget?", True),
    ("Kor mykje investerte Fjordvik i 2041 mot budsjett?", True),
    ("Fjordvik driftsinntekter 2041 mot budsjett", False),
])
def test_the_verb_invest_asks_the_investment_statement(question, investment):
    from app.engine.families.base import Question
    from app.engine.planner import INVESTMENT_CUES

    assert Question.parse(question, "en").has(*INVESTMENT_CUES) is investment
