"""Families over what the reports print outside the governed measures: figures in the running text
(prose), a row as a share of another row, the rows of one table in order, several rows compared; reports
named by organisation, title or file name; answers in the question's language (nb, nn, en)."""
from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest

from app.engine import families, planner
from app.engine.families.base import Question, Reading
from app.engine.families.scope import find_documents, strangers
from app.engine.language import detect, to_nynorsk
from app.engine.planner import Vocabulary
from app.engine.vocabulary import load_data_vocabulary


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("report-families") / "w.duckdb"
    con = duckdb.connect(str(path))
    con.execute("""create table fct_report_cell (organisation text, file_name text, page integer, line integer,
        table_number integer, caption text, row_label text, column_label text, value_year integer, scenario text,
        value double, excerpt text)""")
    cells = []
    for label, actual, prior in (("Sum driftsinntekter", 803398, 766307), ("Lønnsutgifter", 365756, 350000),
                                 ("Sum driftsutgifter", 746318, 700000), ("Netto driftsresultat", 32595, 33029)):
        cells.append(("Nordvik kommune", "nordvik_kommune_arsrapport_2022.txt", 1, 1, 2, "Alle tal i heile 1 000",
                      label, "Regnskap 2022", 2022, "actual", actual * 1000.0, label))
        cells.append(("Nordvik kommune", "nordvik_kommune_arsrapport_2022.txt", 1, 1, 2, "Alle tal i heile 1 000",
                      label, "Regnskap 2021", 2021, "prior_year", prior * 1000.0, label))
    for label, pct in (("• Oppvekst", 44), ("• Helse og omsorg", 31), ("• Finansiering", 4), ("Sum", 100)):
        cells.append(("Nordvik kommune", "nordvik_kommune_arsrapport_2022.txt", 2, 5, 3,
                      "Kommunen sine kostnader er fordelt på desse områda i 2022:", label, "", 2022, "other",
                      float(pct), label))
    for label, women, men in (("Oppvekst", 219, 44), ("Helse/sosial", 262, 44)):
        for col, v in (("2022 Kvinner", women), ("2022 Menn", men), ("2022 Totalt", women + men)):
            cells.append(("Nordvik kommune", "nordvik_kommune_arsrapport_2022.txt", 3, 9, 4,
                          "Tilsette fordelt på sektor og kjønn", label, col, 2022, "other", float(v), label))
    con.executemany("insert into fct_report_cell values (" + ", ".join("?" * 12) + ")", cells)
    con.execute("""create table fct_report_prose_figure (figure_id text, organisation text, report_year integer,
        file_name text, page integer, line integer, topic text, value double, unit text, value_year integer,
        printed text, text text)""")
    prose = [
        ("f1", None, 2018, "fjordby_fylkeskommune_arsrapport_2018.txt", 1, 3, "innbyggere", 624055.0, "count", 2018,
         "624 055 innbyggere", "Pr. 01.01.2019 er det 624 055 innbyggere i Fjordby, en økning på 10 029 fra 2018."),
        ("f2", None, 2018, "fjordby_fylkeskommune_arsrapport_2018.txt", 1, 3, "fra", 10029.0, "count", 2018,
         "10 029 fra", "Pr. 01.01.2019 er det 624 055 innbyggere i Fjordby, en økning på 10 029 fra 2018."),
        ("f3", None, 2018, "fjordby_fylkeskommune_arsrapport_2018.txt", 1, 7, "ansatte", 4819.0, "persons", 2018,
         "4 819 ansatte", "I 2018 hadde fylkeskommunen 4 819 ansatte fordelt på skoler og tannklinikker."),
        ("f4", "Nordvik kommune", 2022, "nordvik_kommune_arsrapport_2022.txt", 4, 2, "fravær", 4.8, "pct", 2022,
         "4,8 prosent", "Totalt fravær i 2022 var 4,8 prosent, en nedgang fra 2021."),
    ]
    con.executemany("insert into fct_report_prose_figure values (" + ", ".join("?" * 12) + ")", prose)
    con.execute("create table dim_document (file_name text, organisation text, title text, report_year integer)")
    con.execute("insert into dim_document values ('nordvik_kommune_arsrapport_2022.txt', 'Nordvik kommune', null, 2022),"
                "('fjordby_fylkeskommune_arsrapport_2018.txt', null, 'Årsrapport 2018', 2018)")
    con.close()
    return path


@pytest.fixture(scope="module")
def organisations():
    return {"nordvik": ("Nordvik kommune",)}


def _ask(question, vocab, con, lang="nb", fams=None):
    found = families.read(Question.parse(question, lang), vocab, fams or families.FALLBACK_FAMILIES)
    if isinstance(found, Reading):
        cur = con.execute(found.sql)
        return found, [d[0] for d in cur.description], cur.fetchall()
    return found, [], []


# --- reports named by their organisation, title or file name ------------------------------------------

def test_a_report_is_named_by_the_distinctive_words_of_its_file_name(vocab):
    docs, used = find_documents("Hvor mange innbyggere hadde Fjordby?", vocab.data.documents)
    assert [d.file_name for d in docs] == ["fjordby_fylkeskommune_arsrapport_2018.txt"] and used == {"fjordby"}
    # words every report name carries ("fylkeskommune", "årsrapport") name none
    assert find_documents("årsrapport fylkeskommune", vocab.data.documents) == ([], set())
    assert strangers("Hvor mange innbyggere hadde Vestby i 2018?", set(), vocab.data.documents) == ["Vestby"]
    assert strangers("Hvor mange innbyggere hadde Fjordby i 2018?", set(), vocab.data.documents) == []
    # a capital that starts a sentence inside the question is no name
    assert strangers("Kostnader i Fjordby? Ranger dei.", set(), vocab.data.documents) == []
    # the kind of a document ("ifølge Kommunal Rapport", "i Årsmeldingen") is no name; the name beside it still is
    assert strangers("Hvor mange innbyggere hadde Fjordby ifølge Årsmeldingen?", set(), vocab.data.documents) == []
    assert strangers("Hvor mange innbyggere ifølge Vestby Rapport?", set(), vocab.data.documents) != []


# --- prose figures -----------------------------------------------------------------------------------

def test_a_figure_in_the_text_of_the_named_report(vocab, con):
    found, cols, rows = _ask("Hvor mange innbyggere hadde Fjordby per 1.1.2019?", vocab, con, fams=(families.prose,))
    assert found.family == "prose_figure" and "ikke et styrt mål" in found.source
    assert [r[cols.index("value")] for r in rows] == [624055.0]  # not the 10 029 of the same sentence
    found, cols, rows = _ask("ansatte fjordby fylkeskommune 2018", vocab, con, fams=(families.prose,))
    assert [r[cols.index("value")] for r in rows] == [4819.0]
    # two asks joined: the sentence's other figure too
    _, cols, rows = _ask("Hvor mange innbyggere hadde Fjordby per 1.1.2019, og hvor mye økte det?", vocab, con,
                         fams=(families.prose,))
    assert sorted(r[cols.index("value")] for r in rows) == [10029.0, 624055.0]


@pytest.mark.parametrize("question,lang", [("Hvor mange innbyggere hadde Fjordby ved inngangen til 2019?", "nb"),
                                           ("Hvor mange innbyggere hadde Fjordby per 1. januar 2019?", "nb"),
                                           ("How many inhabitants did Fjordby have at the start of 2019?", "en")])
def test_the_first_day_of_a_year_is_the_end_of_the_year_before_not_january(vocab, con, question, lang):
    from app.engine.engine import missing_years

    found, cols, rows = _ask(question, vocab, con, lang, fams=(families.prose,))
    assert rows and rows[0][cols.index("value")] == 624055.0
    result = {"status": "ok", "columns": cols, "rows": rows}
    assert missing_years(question, result) == []  # 2018's figure is the state on the first day of 2019


def test_a_comparison_word_is_no_topic_of_the_sentence(vocab, con):
    for question in ("Kor mange tilsette hadde Fjordby i 2018 samanlikna med 2017?",
                     "How many employees did Fjordby have in 2018 compared with 2017?"):
        _, cols, rows = _ask(question, vocab, con, "en" if question.startswith("How") else "nn",
                             fams=(families.prose,))
        assert [r[cols.index("value")] for r in rows] == [4819.0], question


def test_prose_never_answers_another_year_an_unknown_name_or_a_quarter(vocab, con):
    assert _ask("Hvor mange ansatte hadde Fjordby i 2017?", vocab, con, fams=(families.prose,))[0] is None
    assert not isinstance(_ask("Hvor mange innbyggere hadde Vestby i 2018?", vocab, con, fams=(families.prose,))[0], Reading)
    assert _ask("Sykefravær Nordvik 3. kvartal 2022", vocab, con, fams=(families.prose,))[0] is None
    # a week or a half of the year is a part too: the sentence's figure is dated by its year only
    assert _ask("Sykefravær Nordvik uke 35 2022", vocab, con, fams=(families.prose,))[0] is None
    assert _ask("Sykefravær Nordvik første halvår 2022", vocab, con, fams=(families.prose,))[0] is None
    assert _ask("ansatte fjordby fylkeskommune uke 12 2018", vocab, con, fams=(families.prose,))[0] is None
    # the head of a compound ("fravær" printed, "sykefraværet" asked) is the same figure
    found, cols, rows = _ask("Sykefraværet i Nordvik i 2022?", vocab, con, fams=(families.prose,))
    assert [r[cols.index("value")] for r in rows] == [4.8]


def test_a_name_the_data_does_not_know_is_never_the_word_a_sentence_may_lack(vocab, con):
    # four content words let a sentence lack one of them; a place name no report carries is not that word:
    # Fjordby's sentence with every other word is no answer about "Vestby"
    found, _, rows = _ask("Ansatte ved skoler og tannklinikker i Vestby 2018", vocab, con, fams=(families.prose,))
    assert not rows
    # the organisation a report is named by, asked the same way, is answered
    _, cols, rows = _ask("Ansatte ved skoler og tannklinikker i Fjordby 2018", vocab, con, fams=(families.prose,))
    assert [r[cols.index("value")] for r in rows] == [4819.0]


# --- share, ranking and compare over report cells --------------------------------------------------------

def test_share_of_one_row_in_another_row_of_the_same_table(vocab, con):
    found, cols, rows = _ask("netto driftsresultat i prosent av driftsinntektene nordvik 2022", vocab, con)
    assert found.family == "cell_share"
    d = dict(zip(cols, rows[0]))
    assert (d["part"], d["whole"], d["year"]) == ("Netto driftsresultat", "Sum driftsinntekter", 2022)
    assert float(d["share_pct"]) == round(100 * 32595 / 803398, 1)
    text = found.sentence(cols, rows, "nb")
    assert "4,1 %" in text and "ikke et styrt mål" in text
    _, cols, rows = _ask("Andel lønnsutgifter av sum driftsutgifter Nordvik 2022", vocab, con)
    assert [float(r[cols.index("share_pct")]) for r in rows] == [round(100 * 365756 / 746318, 1)]


def test_ranking_reads_the_rows_of_the_captioned_table_without_its_sum(vocab, con):
    found, cols, rows = _ask("Korleis var kostnadene i Nordvik fordelte på område i 2022? Ranger frå størst til minst.",
                             vocab, con, "nn")
    assert found.family == "cell_ranking"
    assert [r[cols.index("value")] for r in rows] == [44.0, 31.0, 4.0]
    found, cols, rows = _ask("Hvilke to områder i Nordvik hadde minst av kostnadene fordelt i 2022?", vocab, con)
    assert [r[cols.index("value")] for r in rows] == [4.0, 31.0]


def test_compare_reads_every_row_the_question_names(vocab, con):
    found, cols, rows = _ask("Sammenlign tilsette i Oppvekst og Helse/sosial i Nordvik 2022", vocab, con)
    assert found.family == "cell_lookup"
    assert {r[cols.index("row_label")] for r in rows} == {"Oppvekst", "Helse/sosial"}
    assert 263.0 in [r[cols.index("value")] for r in rows] and 306.0 in [r[cols.index("value")] for r in rows]


# --- English questions and synonyms over labels as printed -------------------------------------------------

@pytest.mark.parametrize("question,label", [
    ("What were Nordvik's wages in 2022?", "Lønnsutgifter"),
    ("Nordvik net operating result 2022", "Netto driftsresultat"),
    ("total operating revenue Nordvik 2022", "Sum driftsinntekter"),
    ("lønnskostnader Nordvik 2022", "Lønnsutgifter"),  # kostnad ~ utgift inside a compound
])
def test_english_words_and_synonyms_find_the_norwegian_row(vocab, con, question, label):
    found, cols, rows = _ask(question, vocab, con, "en" if question.isascii() else "nb")
    assert found.family == "cell_lookup" and {r[cols.index("row_label")] for r in rows} == {label}
    assert [r[cols.index("year")] for r in rows] == [2022]


def test_an_english_question_finds_the_figure_in_the_norwegian_text(vocab, con):
    found, cols, rows = _ask("How many employees did Fjordby county have in 2018?", vocab, con, "en",
                             fams=(families.prose,))
    assert [r[cols.index("value")] for r in rows] == [4819.0]


def test_a_ratio_the_row_does_not_state_is_not_answered_with_its_total(vocab, con):
    assert not isinstance(_ask("Lønnsutgifter per innbygger Nordvik 2022", vocab, con)[0], Reading)
    assert not isinstance(_ask("What were Nordvik's wages per employee in 2022?", vocab, con, "en")[0], Reading)
    assert isinstance(_ask("Lønnsutgifter Nordvik 2022 per år", vocab, con)[0], Reading)  # a grain is no ratio


def _cells(path: Path, cells) -> tuple[duckdb.DuckDBPyConnection, Vocabulary]:
    """A warehouse of report cells (row_label, column_label, value_year, scenario, value) of one organisation."""
    con = duckdb.connect(str(path))
    con.execute("""create table fct_report_cell (organisation text, file_name text, page integer, table_number integer,
        caption text, row_label text, column_label text, value_year integer, scenario text, value double, excerpt text)""")
    con.executemany("insert into fct_report_cell values ('Nordvik kommune', 'nordvik.txt', 1, 1, 'Drift', ?, ?, ?, ?, ?, '')",
                    cells)
    present = {"fct_report_cell"}
    return con, Vocabulary(metrics={}, unit_aliases={}, organisations={"nordvik kommune": "nordvik"},
                           organisation_names={"nordvik": "Nordvik kommune"}, tables=frozenset(present),
                           data=load_data_vocabulary(con, present))


def test_the_same_row_printed_another_way_in_another_year_is_read_for_that_year(tmp_path):
    con, v = _cells(tmp_path / "w.duckdb", [("Eiendomsskatt", "Regnskap 2022", 2022, "actual", 28.0),
                                             ("Skatt på eiendom", "Regnskap 2017", 2017, "actual", 12.0),
                                             ("Skatt", "Regnskap 2017", 2017, "actual", 99.0)])
    _, cols, rows = _ask("Eiendomsskatt Nordvik 2017 og 2022", v, con)
    assert sorted((r[cols.index("year")], r[cols.index("value")]) for r in rows) == [(2017, 12.0), (2022, 28.0)]
    _, cols, rows = _ask("Eiendomsskatt Nordvik 2022", v, con)  # the best label where it has the year
    assert [r[cols.index("value")] for r in rows] == [28.0]
    con.close()


def test_a_ratio_printed_as_a_row_is_read_not_computed_from_two_rows(tmp_path):
    """A key-figure row that states the ratio ("Netto driftsresultat i % av brutto driftsinntekter") answers the ratio
    asked, never one of its rows as a share of another."""
    con, v = _cells(tmp_path / "w.duckdb", [
        ("Brutto driftsresultat i % av brutto driftsinntekter", "2022", 2022, "other", 3.1),
        ("Netto driftsresultat i % av brutto driftsinntekter", "2022", 2022, "other", 1.1),
        ("Netto driftsresultat", "Regnskap 2022", 2022, "actual", 12.0)])
    for question in ("Hva var netto driftsresultat i prosent av brutto driftsinntekter i Nordvik i 2022?",
                     "netto driftsresultat i % av brutto driftsinntekter nordvik 2022"):
        found, cols, rows = _ask(question, v, con)
        assert isinstance(found, Reading), question
        assert [r[cols.index("value")] for r in rows] == [1.1], (question, found.sql, rows)
    con.close()


def test_a_budget_variance_compound_asks_the_variance_and_the_largest_negative_comes_first(tmp_path):
    """"budgetavvikelse", "budsjettavvik": the variance column, not the budget; "størst negativt" ranks the most
    negative figure first."""
    cells = []
    for unit, net, budget in (("Vård- och omsorgsnämnd", -2486.0, -2451.0), ("Socialnämnd", -900.0, -884.0),
                              ("Kommunstyrelse", -310.0, -336.0)):
        cells += [(unit, "2023 Netto", 2023, "other", net), (unit, "2023 Budget", 2023, "budget", budget),
                  (unit, "2023 Av-vikelse", 2023, "variance", net - budget)]
    con, v = _cells(tmp_path / "w.duckdb", cells)
    # (the ranking looks for the rows' kind in the text near a table too)
    con.execute("alter table fct_report_cell add column line integer")
    con.execute("create table fct_report_prose_figure (file_name text, page integer, line integer, text text)")
    found, cols, rows = _ask("Hur stor var Socialnämndens budgetavvikelse 2023 i Nordvik?", v, con)
    assert isinstance(found, Reading) and -16.0 in [r[cols.index("value")] for r in rows], (found.sql, rows)
    found, cols, rows = _ask("Hvilken nämnd i Nordvik hadde størst negativt budsjettavvik i 2023?", v, con)
    assert isinstance(found, Reading), getattr(found, "answer", None)
    assert rows[0][0] == "Vård- och omsorgsnämnd" and rows[0][1] == -35.0, (found.sql, rows)
    con.close()


def test_a_figure_and_its_budget_asked_together_give_both_columns(tmp_path):
    con, v = _cells(tmp_path / "w.duckdb", [("Renteutgifter", "Regnskap 2022", 2022, "actual", 45.0),
                                             ("Renteutgifter", "Reg. budsjett 2022", 2022, "revised_budget", 200.0)])
    for question, values in (("Renteutgifter i Nordvik 2022, og hva var regulert budsjett?", {45.0, 200.0}),
                             ("How large were Nordvik's interest expenses in 2022, and what was the revised budget?",
                              {45.0, 200.0}),
                             ("Regulert budsjett for renteutgifter i Nordvik 2022", {200.0})):
        found, cols, rows = _ask(question, v, con, "en" if question.startswith("How") else "nb")
        assert {r[cols.index("value")] for r in rows} == values, question
    con.close()


# --- the governed families are modules in one ordered list --------------------------------------------------

def test_every_governed_family_is_one_module_with_the_same_parts():
    names = [f.NAME for f in planner.GOVERNED_FAMILIES]
    assert len(names) == len(set(names)) and names[-1] == "value"
    for family in planner.GOVERNED_FAMILIES:
        for part in ("applies", "shape", "compile", "sentence", "chart"):
            assert callable(getattr(family, part)), (family.NAME, part)


# --- language --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("question,lang", [
    ("Kva var sjukefråværet i Nordvik i 2022?", "nn"),
    ("Kor mange tilsette hadde eininga i 2020?", "nn"),
    ("Hva var sykefraværet i Nordvik i 2022?", "nb"),
    ("Hvor mange ansatte hadde enheten i 2020?", "nb"),
    ("What was the sick leave in Nordvik in 2022?", "en"),
])
def test_the_language_of_the_question(question, lang):
    from app.engine.answer import detect_language

    assert detect_language(question) == lang


def test_nynorsk_answer_keeps_what_is_quoted_from_the_data():
    text = to_nynorsk("Jeg tolket spørsmålet som: tabellrad «Ikke fordelt fra staten», VR regnskap og lønn. "
                      "Tabellraden finnes, men ikke for året det spørres om. Kilde: rapporttabeller.",
                      keep={"VR regnskap og lønn"})
    assert text.startswith("Eg tolka spørsmålet som")
    assert "«Ikke fordelt fra staten»" in text and "VR regnskap og lønn" in text
    assert "ikkje for året det vert spurt om" in text and "Kjelde:" in text
    assert not re.search(r"\b(Jeg|ikke|finnes|Kilde)\b", text.replace("«Ikke fordelt fra staten»", ""))
    assert detect("What was it?", re.compile(r"\bwhat\b", re.I), re.compile(r"\bhva\b", re.I)) == "en"


def test_nynorsk_question_gets_a_nynorsk_answer(sample_warehouse):
    from app.engine.engine import QuestionEngine

    engine = QuestionEngine(sample_warehouse)
    nn = engine.ask("Kva var sjukefråværet i VR lønn/regnskap i 2020?", engine="planner")
    nb = engine.ask("Hva var sykefraværet i VR lønn/regnskap i 2020?", engine="planner")
    assert nn["status"] == nb["status"] == "ok" and nn["rows"] == nb["rows"]
    assert nn.get("lang") == "nn" and "Sjukefråvær" in nn["answer"] and "Sykefravær" in nb["answer"]
    refused = engine.ask("Kva var sjukefråværet i Vestby kommune i 2020?", engine="planner")
    assert refused["status"] == "unanswerable" and not re.search(r"\b(Jeg|ikke|Dataene|Enheter)\b", refused["answer"])


def test_an_account_line_is_read_only_for_the_organisation_named(tmp_path):
    from app.engine.planner import UnitRef

    con = duckdb.connect(str(tmp_path / "a.duckdb"))
    con.execute("""create table fct_account_amount (unit_key text, account_key text, row_label text, scenario_code text,
        value_year integer, printed_amount_nok double, file_name text, page integer, excerpt text, is_latest boolean,
        statement text, row_order integer)""")
    con.execute("insert into fct_account_amount values ('nordvik-kommune', '5-6-03', 'Eiendomsskatt', 'regnskap', 2022, "
                "28024000, 'nordvik.txt', 1, 'Eiendomsskatt 28 024', true, 'drift', 3)")
    con.execute("create table dim_unit as select 'nordvik-kommune' as unit_key, 'Nordvik kommune' as unit_name")
    con.execute("create table dim_account as select '5-6-03' as account_key, 'Eiendomsskatt' as name_nb")
    present = {"fct_account_amount", "dim_unit", "dim_account"}
    v = Vocabulary(metrics={}, unit_aliases={"nordvik kommune": UnitRef("nordvik-kommune", "Nordvik kommune")},
                   organisations={"nordvik kommune": "nordvik", "nordvik": "nordvik", "sørby kommune": "sorby",
                                  "sørby": "sorby"},
                   organisation_names={"nordvik": "Nordvik kommune", "sorby": "Sørby kommune"},
                   unit_organisations={"nordvik-kommune": "Nordvik kommune"}, tables=frozenset(present),
                   data=load_data_vocabulary(con, present))
    found, cols, rows = _ask("eiendomsskatt nordvik 2022", v, con, fams=(families.account_line,))
    assert found.family == "account_line" and [r[cols.index("amount_nok")] for r in rows] == [28024000.0]
    # another organisation of the data, written in lower case: never Nordvik's line
    assert _ask("eiendomsskatt sørby 2022", v, con, fams=(families.account_line,))[0] is None
    con.close()


def test_a_whole_year_or_organisation_is_not_a_quarter_or_a_part():
    from app.engine.families.scope import asks_whole_organisation, asks_whole_period, narrower_than_asked

    caption = "Sjukefråværet for 4. kvartal (2022: 3. kvartal) fordelt på sektor - Nordvik kommune"
    whole_year = "What was Nordvik's sick leave rate for the whole year 2022?"
    assert asks_whole_period(whole_year) and asks_whole_period("sjukefråvær for heile 2022")
    assert not asks_whole_period("sykefravær 2022") and not asks_whole_period("hele året, 3. kvartal 2022")
    assert narrower_than_asked(whole_year, [{"evidence": ["Alle næringer 6,6", caption]}]) == "period"
    # one figure for the whole year among quarters, or a source that says nothing of its period, is the one asked
    assert narrower_than_asked(whole_year, [{"evidence": [caption]},
                                            {"evidence": ["Sykefraværet for hele 2022 endte på 5,1 %"]}]) is None
    assert narrower_than_asked(whole_year, [{"evidence": ["Totalt 5,1 %."]}]) is None
    assert narrower_than_asked("sykefravær 2022", [{"evidence": [caption]}]) is None
    # a day of the year is no part of it
    assert narrower_than_asked("ansatte for hele året 2022", [{"evidence": ["Ansatte per 31. desember 2022: 654"]}]) is None
    whole_org = "Hva var sykefraværet for hele Nordvik kommune i 2020?"
    assert asks_whole_organisation(whole_org) and not asks_whole_organisation("sykefravær Nordvik kommune 2020")
    assert narrower_than_asked(whole_org, [{"evidence": [], "title": "Årsrapport 2020 – Rådmannens områder"}]) == \
        "organisation"
    assert narrower_than_asked(whole_org, [{"evidence": [], "title": "Årsrapport 2020"}]) is None


def test_a_table_named_by_its_caption_answers_with_its_total_row_and_column(tmp_path):
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    con.execute("""create table fct_report_cell (organisation text, file_name text, page integer, table_number integer,
        caption text, row_label text, column_label text, value_year integer, scenario text, value double, excerpt text)""")
    cells = [(label, f"{year} {kind}", year, value) for year, rows in (
        (2020, (("Oppvekst", 300, 50), ("Totalt", 508, 119))), (2021, (("Oppvekst", 310, 40), ("Totalt", 523, 111))))
        for label, women, men in rows for kind, value in (("Kvinner", women), ("Menn", men), ("Totalt", women + men))]
    con.executemany("insert into fct_report_cell values ('Nordvik kommune', 'nordvik.txt', 3, 4, "
                    "'Tilsette fordelt på sektor og kjønn', ?, ?, ?, 'other', ?, '')", cells)
    con.execute("insert into fct_report_cell values ('Nordvik kommune', 'nordvik.txt', 1, 1, 'Alle tal i heile 1 000', "
                "'Driftsinntekter', 'Rekneskap 2021', 2021, 'actual', 900, '')")
    # another organisation's row naming the same words: never Nordvik's answer
    con.execute("insert into fct_report_cell values ('Fjellvik kommune', 'fjellvik.txt', 2, 1, 'Personale', "
                "'Antall tilsette ved utgangen av året', '2021', 2021, 'other', 77, '')")
    present = {"fct_report_cell"}
    v = Vocabulary(metrics={}, unit_aliases={}, organisations={"nordvik kommune": "nordvik", "nordvik": "nordvik"},
                   organisation_names={"nordvik": "Nordvik kommune"}, tables=frozenset(present),
                   data=load_data_vocabulary(con, present))
    found, cols, rows = _ask("Korleis har talet på tilsette i Nordvik utvikla seg frå 2020 til 2021?", v, con, "nn")
    assert isinstance(found, Reading) and "Tilsette fordelt på sektor og kjønn" in found.interpretation
    assert sorted((r[cols.index("year")], r[cols.index("value")]) for r in rows) == [(2020, 627.0), (2021, 634.0)]
    _, cols, rows = _ask("antall tilsette Nordvik kommune 2020 2021", v, con)
    assert sorted((r[cols.index("year")], r[cols.index("value")]) for r in rows) == [(2020, 627.0), (2021, 634.0)]
    # a row the question names is still the row, not the total
    _, cols, rows = _ask("tilsette oppvekst Nordvik 2021", v, con)
    assert rows and {r[cols.index("row_label")] for r in rows} == {"Oppvekst"}
    con.close()


def test_every_year_asked_is_answered_or_named_as_missing():
    from app.engine.engine import _name_missing_years, missing_years

    shown = {"status": "ok", "columns": ["unit", "year", "value"], "rows": [["Nordvik", 2022, 623.0]],
             "answer": "Ansatte for Nordvik var 623 i 2022."}
    assert missing_years("ansatte Nordvik 2020, 2021 og 2022", shown) == [2020, 2021]
    assert missing_years("ansatte Nordvik frå 2020 til 2022", shown) == [2020, 2021]
    assert missing_years("ansatte Nordvik frå 2020 til 2022", shown, written=True) == [2020]  # as written
    assert missing_years("ansatte Nordvik 2022", shown) == []
    named = _name_missing_years("How many employees did Nordvik have in 2021 and 2022?", shown)
    assert named["answer"].endswith("No figure found for 2021.")
    assert _name_missing_years("ansatte Nordvik 2022", shown) == shown
    # no year column (a ticket period) or no rows: nothing to name
    assert missing_years("saker 2021 og 2022", {**shown, "columns": ["period", "tickets"]}) == []
    assert missing_years("ansatte 2021", {**shown, "status": "unanswerable", "rows": []}) == []


def test_an_account_line_against_the_budget_named_and_printed_with_a_qualifier_in_another_year(tmp_path):
    from app.engine.planner import UnitRef

    con = duckdb.connect(str(tmp_path / "a.duckdb"))
    con.execute("""create table fct_account_amount (unit_key text, account_key text, row_label text, scenario_code text,
        value_year integer, printed_amount_nok double, file_name text, page integer, excerpt text, is_latest boolean,
        statement text, row_order integer)""")
    rows = [("Rammetilskudd", "regnskap", 2022, 260.0), ("Ordinært rammetilskudd", "regnskap", 2017, 224.0),
            ("Ordinært rammetilskudd", "revidert_budsjett", 2017, 216.0),
            ("Ordinært rammetilskudd", "opprinnelig_budsjett", 2017, 210.0)]
    con.executemany("insert into fct_account_amount values ('nordvik-kommune', null, ?, ?, ?, ?, 'n.txt', 1, '', true, "
                    "'drift', 1)", rows)
    con.execute("create table dim_unit as select 'nordvik-kommune' as unit_key, 'Nordvik kommune' as unit_name")
    con.execute("create table dim_account (account_key text, name_nb text)")
    present = {"fct_account_amount", "dim_unit", "dim_account"}
    v = Vocabulary(metrics={}, unit_aliases={"nordvik kommune": UnitRef("nordvik-kommune", "Nordvik kommune")},
                   organisations={"nordvik kommune": "nordvik", "nordvik": "nordvik"},
                   organisation_names={"nordvik": "Nordvik kommune"},
                   unit_organisations={"nordvik-kommune": "Nordvik kommune"}, tables=frozenset(present),
                   data=load_data_vocabulary(con, present))
    ask = lambda question, lang="nb": _ask(question, v, con, lang, fams=(families.account_line,))  # noqa: E731
    _, cols, got = ask("rammetilskudd Nordvik kommune 2017")  # printed "Ordinært rammetilskudd" that year
    assert [r[cols.index("amount_nok")] for r in got] == [224.0]
    _, cols, got = ask("rammetilskudd Nordvik kommune 2017 regnskap mot regulert budsjett")
    assert sorted(r[cols.index("amount_nok")] for r in got) == [216.0, 224.0]
    found, cols, got = ask("How far above budget was Nordvik kommune's ordinary block grant in 2017?", "en")
    assert {r[cols.index("scenario")] for r in got} == {"regnskap", "revidert_budsjett", "opprinnelig_budsjett"}
    _, cols, got = ask("rammetilskudd Nordvik kommune 2022")  # the named label where it has the year
    assert [r[cols.index("account")] for r in got] == ["Rammetilskudd"]
    con.close()


def test_each_unit_answers_with_the_line_its_own_report_prints(tmp_path):
    from app.engine.planner import UnitRef

    con = duckdb.connect(str(tmp_path / "a.duckdb"))
    con.execute("""create table fct_account_amount (unit_key text, account_key text, row_label text, scenario_code text,
        value_year integer, printed_amount_nok double, file_name text, page integer, excerpt text, is_latest boolean,
        statement text, row_order integer)""")
    rows = [("nordvik", "Lønnsutgifter", "regnskap", 30.0), ("fjordnett", "Lønn og sosiale utgifter", "regnskap", 16.0),
            ("fjordnett", "Lønn og sosiale utgifter", "budsjett", 17.0), ("fjordnett", "Sosiale utgifter", "regnskap", 5.0)]
    con.executemany("insert into fct_account_amount values (?, null, ?, ?, 2020, ?, 'a.txt', 1, '', true, 'drift', 1)",
                    rows)
    con.execute("create table dim_unit (unit_key text, unit_name text)")
    con.execute("insert into dim_unit values ('nordvik', 'Nordvik kommune'), ('fjordnett', 'Fjordnett IKT')")
    con.execute("create table dim_account (account_key text, name_nb text)")
    present = {"fct_account_amount", "dim_unit", "dim_account"}
    v = Vocabulary(metrics={}, unit_aliases={"nordvik kommune": UnitRef("nordvik", "Nordvik kommune"),
                                             "fjordnett ikt": UnitRef("fjordnett", "Fjordnett IKT")},
                   tables=frozenset(present), data=load_data_vocabulary(con, present))
    ask = lambda question, lang="nb": _ask(question, v, con, lang, fams=(families.account_line,))  # noqa: E731
    for question, lang in (("Fjordnett IKT lønnskostnader 2020", "nb"), ("What were Fjordnett IKT's payroll costs in 2020?",
                                                                         "en")):
        _, cols, got = ask(question, lang)
        assert [(r[cols.index("account")], r[cols.index("amount_nok")]) for r in got] == \
            [("Lønn og sosiale utgifter", 16.0)], question
    _, cols, got = ask("Nordvik kommune lønnskostnader 2020")  # the line Nordvik prints
    assert [r[cols.index("amount_nok")] for r in got] == [30.0]
    con.close()


def test_a_whole_organisation_is_not_a_unit_or_an_owned_company():
    from app.engine.families.scope import asked_organisation, asks_whole_organisation, narrower_than_asked, other_scope

    # invented: Nordvik kommune owns Fjordnett IKS, whose units are Driftsenheten and HR-enheten
    others = ["Driftsenheten", "HR-enheten", "Fjordnett IKS"]
    q = "Hva var netto driftsresultat for Nordvik kommune samlet i 2020?"
    assert asks_whole_organisation(q) and asked_organisation(q) == "Nordvik"
    assert asked_organisation("sykefraværet for hele Nordvik kommune 2020") == "Nordvik"
    assert asks_whole_organisation("What was sick leave for Nordvik as a whole in 2020?")
    assert not asks_whole_organisation("Hvor stort mindreforbruk hadde rådmannens områder samlet i 2020?")
    assert not asks_whole_organisation("Hva var netto driftsresultat for Nordvik kommune i 2020?")
    assert other_scope("Samlet i Fjordnett IKS er det et positivt resultat på 1,8 mill.", others) == "Fjordnett IKS"
    assert other_scope("Området viser et mindreforbruk på 0,75 mill.", others) == "Området"
    assert other_scope("Nordvik kommune hadde et positivt resultat på 12 mill.", others) is None
    company = [{"evidence": ["Samlet i Fjordnett IKS er det et positivt resultat på 1,8 mill."], "title": None}]
    assert narrower_than_asked(q, company, others) == "organisation"
    # a figure stored for a unit, not the organisation asked
    assert narrower_than_asked(q, [{"evidence": ["Sykefravær 4,7 %"], "names": ["HR-enheten"]}], others) == \
        "organisation"
    # a source about the organisation itself among them, or a question that names no whole: answered
    own = [{"evidence": ["Nordvik kommune hadde et positivt resultat på 12 mill."], "title": None}]
    assert narrower_than_asked(q, company + own, others) is None
    assert narrower_than_asked("Hva var netto driftsresultat for Fjordnett IKS i 2020?", company, others) is None


def test_which_names_are_another_scope_than_the_organisation_asked():
    from app.engine.families.scope import other_scopes

    # invented: Nordvik kommune owns Nordvik Havn KF and Fjordnett IKS; Sørby is another member
    units = [("Nordvik kommune", "organisation"), ("HR-enheten", "enhet"), ("Nordvik Havn KF", "enhet"),
             ("Fjordnett IKS", "organisation")]
    orgs = ["Nordvik kommune", "Sørby kommune", "Fjordnett IKS", "Ukjent organisasjon"]
    whole = other_scopes("Hva var sykefraværet for hele Nordvik kommune i 2020?", units, orgs)
    assert set(whole) == {"HR-enheten", "Nordvik Havn KF", "Fjordnett IKS", "Sørby kommune"}
    # a unit or company asked by its own name is the one asked, never another scope
    assert "HR-enheten" not in other_scopes("Hvor mange årsverk hadde HR-enheten samlet i 2020?", units, orgs)
    assert "Fjordnett IKS" not in other_scopes("Hva var sykefraværet i Fjordnett IKS samlet i 2020?", units, orgs)
    assert "Nordvik Havn KF" not in other_scopes("Hva var resultatet for hele Nordvik Havn i 2020?", units, orgs)
