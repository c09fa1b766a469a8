"""Statement cells printed in Swedish or Danish, asked about in Norwegian or English (and the reverse): the accounting
words of the Nordic languages as one glossary ("langsiktig gjeld" ~ "Långfristiga skulder", "total equity" ~ "Eget
kapital", "operating income" ~ "Verksamhetens intäkter"), the column a question chooses when a statement prints the
organisation and its group side by side ("Kommunen 2031" / "Koncernen 2031"), and a budget table's deviation column,
printed without a year, given beside the actual and budget figures of the year asked. Invented statements."""
from __future__ import annotations

import duckdb
import pytest

from app.engine.families.base import Reading
from app.engine.wordforms import LabelIndex, with_compounds_written_apart
from tests.app.engine.conftest import read_and_run

SV = "ekby_kommun_arsredovisning_2031.txt"
NB = "nordvik_kommune_arsmelding_2033.txt"  # a report of 2033 printing the year before's budget table
ORG_SV, ORG_NB = "Ekby kommun", "Nordvik kommune"

SWEDISH = ["Långfristiga skulder", "Kortfristiga skulder", "Summa eget kapital", "Kassa och bank",
           "Aktier och andelar", "Verksamhetens intäkter", "Verksamhetens kostnader", "Avskrivningar",
           "Årets resultat", "Skatteintäkter", "Långfristiga fordringar"]
DANISH = ["Langfristet gæld", "Kortfristet gæld", "Egenkapital i alt", "Afskrivninger", "Driftsindtægter",
          "Driftsudgifter", "Likvide beholdninger"]


@pytest.mark.parametrize(("question", "label"), [
    ("langsiktig gjeld 2031", "Långfristiga skulder"),
    ("long-term liabilities 2031", "Långfristiga skulder"),
    ("kortsiktig gjeld 2031", "Kortfristiga skulder"),
    ("egenkapital 2031", "Summa eget kapital"),
    ("total equity 2031", "Summa eget kapital"),
    ("kasse og bank 2031", "Kassa och bank"),
    ("cash and bank 2031", "Kassa och bank"),
    ("aksjer og andeler 2031", "Aktier och andelar"),
    ("shares and holdings 2031", "Aktier och andelar"),
    ("driftsinntekter 2031", "Verksamhetens intäkter"),
    ("operating income 2031", "Verksamhetens intäkter"),
    ("operating costs 2031", "Verksamhetens kostnader"),
    ("avskrivninger 2031", "Avskrivningar"),
    ("depreciation 2031", "Avskrivningar"),
    ("årets resultat 2031", "Årets resultat"),
    ("annual result 2031", "Årets resultat"),
    ("skatteinntekter 2031", "Skatteintäkter"),
])
def test_a_norwegian_or_english_question_names_the_swedish_row(question, label):
    index = LabelIndex(SWEDISH)
    assert [m.label for m in index.match(index.terms(question))][:1] == [label]


@pytest.mark.parametrize(("question", "label"), [
    ("langsiktig gjeld 2031", "Langfristet gæld"),
    ("long-term liabilities 2031", "Langfristet gæld"),
    ("egenkapital 2031", "Egenkapital i alt"),
    ("avskrivninger 2031", "Afskrivninger"),
    ("driftsinntekter 2031", "Driftsindtægter"),
    ("driftsutgifter 2031", "Driftsudgifter"),
])
def test_a_norwegian_or_english_question_names_the_danish_row(question, label):
    index = LabelIndex(DANISH)
    assert [m.label for m in index.match(index.terms(question))][:1] == [label]


@pytest.mark.parametrize(("question", "label"), [
    ("långfristiga skulder 2031", "Langsiktig gjeld"),
    ("eget kapital 2031", "Egenkapital"),
    ("aktier och andelar 2031", "Aksjer og andeler"),
])
def test_a_swedish_question_names_the_norwegian_row(question, label):
    index = LabelIndex(["Langsiktig gjeld", "Kortsiktig gjeld", "Egenkapital", "Aksjer og andeler", "Kasse og bank"])
    terms = with_compounds_written_apart(index.terms(question), index.known)  # "eget kapital" ~ "Egenkapital"
    assert [m.label for m in index.match(terms)][:1] == [label]


def test_a_row_the_statement_does_not_print_is_not_named():
    index = LabelIndex(SWEDISH)
    assert not index.match(index.terms("pensjonsforpliktelser 2031"))
    assert "Kortfristiga skulder" not in [m.label for m in index.match(index.terms("langsiktig gjeld 2031"))]


@pytest.fixture(scope="module")
def organisations():
    return {"ekby": (ORG_SV, "ekby kommun", "ekby"), "nordvik": (ORG_NB, "nordvik kommune", "nordvik")}


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    path = tmp_path_factory.mktemp("nordic-statement-cells") / "w.duckdb"
    c = duckdb.connect(str(path))
    c.execute("""create table fct_report_cell (organisation text, file_name text, page integer, line integer,
        table_number integer, caption text, row_label text, column_label text, value_year integer, scenario text,
        value double, excerpt text, column_year integer)""")
    cells = []
    for label, own31, own30, grp31, grp30 in (("Långfristiga skulder", 900.1, 850.0, 1400.2, 1350.7),
                                              ("Summa eget kapital", 512.4, 498.0, 701.2, 680.5),
                                              ("Kassa och bank", 45.2, 30.1, 60.3, 41.9)):
        for col, year, v in (("Kommunen 2031", 2031, own31), ("Kommunen 2030", 2030, own30),
                             ("Koncernen 2031", 2031, grp31), ("Koncernen 2030", 2030, grp30)):
            cells.append((ORG_SV, SV, 30, 4, 3, "Balansräkning", label, col, year, "other", v * 1e6, label, year))
    for label, actual, budget, dev in (("Socialnämnden", 389.1, 395.0, 5.9), ("Kulturnämnden", 41.0, 40.0, -1.0)):
        for col, year, scen, v in (("Utfall 2031", 2031, "actual", actual), ("Budget 2031", 2031, "budget", budget),
                                   ("Avvikelse", None, "variance", dev)):
            # the warehouse dates a column printed without a year by the report's year
            cells.append((ORG_SV, SV, 12, 8, 2, "Driftsredovisning per nämnd", label, col, year or 2031, scen, v * 1e6,
                          label, year))
    for label, actual, rev, orig, dev in (("Lønnsutgifter", 412.0, 420.0, 415.0, 8.0),):
        for col, year, scen, v in (("Regnskap 2032", 2032, "actual", actual),
                                   ("Reg. budsjett 2032", 2032, "revised_budget", rev),
                                   ("Oppr. budsjett 2032", 2032, "original_budget", orig),
                                   ("Avvik", None, "variance", dev)):
            cells.append((ORG_NB, NB, 20, 5, 1, "Økonomisk oversikt drift", label, col, year or 2033, scen, v * 1e6,
                          label, year))
    c.executemany("insert into fct_report_cell values (" + ", ".join("?" * 13) + ")", cells)
    c.execute("create table dim_document (file_name text, organisation text, title text, report_year integer)")
    c.executemany("insert into dim_document values (?, ?, null, ?)", [(SV, ORG_SV, 2031), (NB, ORG_NB, 2033)])
    c.close()
    return path


def _cells(question, vocab, con, lang):
    found, cols, rows = read_and_run(question, vocab, con, lang)
    assert isinstance(found, Reading), found
    return sorted((r[cols.index("column_label")], round(r[cols.index("value")] / 1e6, 1)) for r in rows)


@pytest.mark.parametrize(("question", "lang", "expected"), [
    ("Langsiktig gjeld Ekby 2031", "nb", [("Kommunen 2031", 900.1)]),
    ("Hva var kommunens langsiktige gjeld i Ekby i 2031?", "nb", [("Kommunen 2031", 900.1)]),
    ("Langsiktig gjeld i konsernet Ekby 2031", "nb", [("Koncernen 2031", 1400.2)]),
    ("Ekby kommunkoncernen långfristiga skulder 2030", "nb", [("Koncernen 2030", 1350.7)]),
    ("What was the group's total equity in Ekby in 2031?", "en", [("Koncernen 2031", 701.2)]),
    ("Ekby total equity 2031", "en", [("Kommunen 2031", 512.4)]),
    ("Kasse og bank Ekby 2030", "nb", [("Kommunen 2030", 30.1)]),
    ("What long-term liabilities did the Ekby group report for 2031?", "en", [("Koncernen 2031", 1400.2)]),
    ("Kor stor var den langsiktige gjelda i Ekby i 2031, for kommunen og for konsernet?", "nn",
     [("Kommunen 2031", 900.1), ("Koncernen 2031", 1400.2)]),
    # asked for the accounts ("regnskap"): a statement whose heads name no scenario prints them
    ("Langsiktig gjeld regnskap Ekby 2031", "nb", [("Kommunen 2031", 900.1)]),
    ("Socialnämnden regnskap Ekby 2031", "nb", [("Utfall 2031", 389.1)]),
])
def test_the_question_chooses_the_organisation_or_the_group_column(question, lang, expected, vocab, con):
    assert _cells(question, vocab, con, lang) == expected


@pytest.mark.parametrize(("question", "lang", "expected"), [
    ("Socialnämnden regnskap mot budsjett Ekby 2031", "nb",
     [("Avvikelse", 5.9), ("Budget 2031", 395.0), ("Utfall 2031", 389.1)]),
    ("Hva var avviket mot budsjett for Socialnämnden i Ekby i 2031?", "nb",
     [("Avvikelse", 5.9), ("Budget 2031", 395.0), ("Utfall 2031", 389.1)]),
    ("Did Socialnämnden in Ekby come in under budget in 2031, and by how much?", "en",
     [("Avvikelse", 5.9), ("Budget 2031", 395.0), ("Utfall 2031", 389.1)]),
    ("Lønnsutgifter regnskap mot regulert budsjett Nordvik 2032", "nb",
     [("Avvik", 8.0), ("Reg. budsjett 2032", 420.0), ("Regnskap 2032", 412.0)]),
    ("Budsjett for Socialnämnden Ekby 2031", "nb", [("Budget 2031", 395.0)]),
])
def test_budget_against_actual_gives_the_printed_deviation_of_the_year(question, lang, expected, vocab, con):
    assert _cells(question, vocab, con, lang) == expected


def test_a_deviation_column_of_another_year_is_not_given(vocab, con):
    found, cols, rows = read_and_run("Socialnämnden regnskap mot budsjett Ekby 2030", vocab, con, "nb")
    assert not rows or all(r[cols.index("column_label")] != "Avvikelse" for r in rows)


def test_a_set_aside_to_a_fund_names_the_allocation_row():
    index = LabelIndex(["Avsetning til disposisjonsfond", "Bruk av disposisjonsfond", "Netto driftsresultat"])
    for question in ("hvor mye satte de av til disposisjonsfond i 2031", "kor mykje vart sett av til disposisjonsfond"):
        assert [m.label for m in index.match(index.terms(question))][:1] == ["Avsetning til disposisjonsfond"]


@pytest.mark.parametrize(("question", "label"), [
    ("anleggsmidler 2031", "Summa anläggningstillgångar"),
    ("current assets 2031", "Summa omsättningstillgångar"),
    ("omløpsmidler 2031", "Omsætningsaktiver i alt"),
    ("finansinntekter 2031", "Finansiella intäkter"),
    ("financial costs 2031", "Finansiella kostnader"),
    ("likvide midler 2031", "Likvida medel"),
    ("resultat etter finansposter 2031", "Resultat efter finansiella poster"),
])
def test_balance_and_result_rows_in_swedish_and_danish(question, label):
    index = LabelIndex(["Summa anläggningstillgångar", "Summa omsättningstillgångar", "Omsætningsaktiver i alt",
                        "Finansiella intäkter", "Finansiella kostnader", "Likvida medel",
                        "Resultat efter finansiella poster", "Summa eget kapital"])
    assert label in [m.label for m in index.match(index.terms(question))][:2]
