"""Statement rows asked in other words than the row label: English accounting terms, Swedish/Danish/Norwegian terms
of another statement layout, and everyday descriptions, mapped through the glossary of statement terms
(dbt_project/seeds/account_glosses.csv) to the line as the loaded report prints it. Invented statements in four
layouts: an accounting-act income statement and balance (bokmål), a municipal nynorsk statement, a Swedish
resultaträkning and a KOSTRA-like § 5-6 statement. A gloss names a label only when the label explains the whole term
("profit before tax" is "Ordinært resultat før skattekostnad", never "Skattekostnad på ordinært resultat")."""
from __future__ import annotations

import duckdb
import pytest

from app.engine.families.base import Reading
from app.engine.families.cell_lookup import best_labels
from app.engine.wordforms import LabelIndex, account_glosses, gloss_spans, with_compounds_written_apart, words
from tests.app.engine.conftest import read_and_run

ACT = ["Salgsinntekt", "Annen driftsinntekt", "Sum driftsinntekter", "Varekostnad", "Lønnskostnad",
       "Avskrivning på varige driftsmidler", "Annen driftskostnad", "Sum driftskostnader", "Driftsresultat",
       "Renteinntekt", "Rentekostnad", "Netto finansposter", "Ordinært resultat før skattekostnad",
       "Skattekostnad på ordinært resultat", "Årsresultat", "Sum egenkapital", "Sum langsiktig gjeld",
       "Sum kortsiktig gjeld", "Sum gjeld", "Sum eiendeler", "Pensjonsforpliktelser", "Bankinnskudd, kontanter og lignende"]
NYNORSK = ["Sum driftsinntekter", "Løn og sosiale kostnader", "Ordinære avskrivingar", "Andre driftskostnader",
           "Sum driftskostnader", "Netto finanspostar", "Årsresultat"]
SWEDISH = ["Verksamhetens intäkter", "Verksamhetens kostnader", "Personalkostnader", "Avskrivningar",
           "Resultat efter finansiella poster", "Årets resultat", "Summa eget kapital", "Summa tillgångar",
           "Långfristiga skulder"]
KOSTRA = ["Rammetilskudd", "Sum driftsinntekter", "Lønnsutgifter", "Sosiale utgifter", "Kjøp av varer og tjenester",
          "Avskrivninger", "Sum driftsutgifter", "Brutto driftsresultat", "Renteutgifter", "Netto finansutgifter",
          "Netto driftsresultat"]


def _best(labels, question):
    index = LabelIndex(labels)
    terms = with_compounds_written_apart(index.terms(question), index.known)
    return [m.label for m in best_labels(index, terms, set())]


@pytest.mark.parametrize(("question", "label"), [
    ("operating revenue 2031", "Sum driftsinntekter"),
    ("operating expenses 2031", "Sum driftskostnader"),
    ("payroll 2031", "Lønnskostnad"),
    ("wages and salaries 2031", "Lønnskostnad"),
    ("What were the personnel costs in 2031?", "Lønnskostnad"),
    ("what did the company spend on wages in 2031", "Lønnskostnad"),
    ("personalkostnader 2031", "Lønnskostnad"),
    ("depreciation 2031", "Avskrivning på varige driftsmidler"),
    ("net financial items 2031", "Netto finansposter"),
    ("ordinary result 2031", "Ordinært resultat før skattekostnad"),
    ("profit before tax 2031", "Ordinært resultat før skattekostnad"),
    ("resultat før skatt 2031", "Ordinært resultat før skattekostnad"),
    ("result for the year 2031", "Årsresultat"),
    ("net profit 2031", "Årsresultat"),
    ("årets resultat 2031", "Årsresultat"),
    ("equity 2031", "Sum egenkapital"),
    ("total assets 2031", "Sum eiendeler"),
    ("long-term debt 2031", "Sum langsiktig gjeld"),
    ("total liabilities 2031", "Sum gjeld"),
    ("pension liabilities 2031", "Pensjonsforpliktelser"),
    ("bank deposits 2031", "Bankinnskudd, kontanter og lignende"),
    ("other operating expenses 2031", "Annen driftskostnad"),
    ("interest expenses 2031", "Rentekostnad"),
    ("operating profit 2031", "Driftsresultat"),
])
def test_an_accounting_act_statement_row_is_named_by_another_term(question, label):
    assert _best(ACT, question) == [label]


@pytest.mark.parametrize(("question", "label"), [
    ("payroll 2031", "Løn og sosiale kostnader"),
    ("kor mykje gjekk til lønskostnader i 2031", "Løn og sosiale kostnader"),
    ("depreciation 2031", "Ordinære avskrivingar"),
    ("net financial items 2031", "Netto finanspostar"),
    ("other operating costs 2031", "Andre driftskostnader"),
])
def test_a_nynorsk_statement_row_is_named_by_another_term(question, label):
    assert _best(NYNORSK, question) == [label]


@pytest.mark.parametrize(("question", "label"), [
    ("sum eiendeler 2031", "Sum eigneluter"),
    ("total assets 2031", "Sum eigneluter"),
    ("omløpsmidler 2031", "Sum omlaupsmidlar"),
    ("avsetning for forpliktelser 2031", "Sum avsetning for forpliktingar"),
    ("fordringer 2031", "Sum krav"),
])
def test_a_nynorsk_balance_row_is_named_by_its_bokmal_or_english_term(question, label):
    assert _best(["Sum eigneluter", "Sum omlaupsmidlar", "Sum avsetning for forpliktingar", "Sum krav",
                  "Sum eigenkapital og gjeld"], question) == [label]


@pytest.mark.parametrize(("question", "label"), [
    ("operating expenses 2031", "Verksamhetens kostnader"),
    ("personnel costs 2031", "Personalkostnader"),
    ("lønnskostnader 2031", "Personalkostnader"),
    ("payroll 2031", "Personalkostnader"),
    ("result for the year 2031", "Årets resultat"),
    ("årsresultat 2031", "Årets resultat"),
    ("net profit 2031", "Årets resultat"),
])
def test_a_swedish_statement_row_is_named_by_another_term(question, label):
    assert _best(SWEDISH, question) == [label]


@pytest.mark.parametrize(("question", "label"), [
    ("personnel costs 2031", "Lønnsutgifter"),
    ("lønnskostnader 2031", "Lønnsutgifter"),
    ("net financial items 2031", "Netto finansutgifter"),
    ("operating costs 2031", "Sum driftsutgifter"),
    ("depreciation 2031", "Avskrivninger"),
    ("net operating result 2031", "Netto driftsresultat"),
])
def test_a_municipal_statement_row_is_named_by_another_term(question, label):
    assert _best(KOSTRA, question) == [label]


# a Swedish municipal resultaträkning and a Danish one, asked in English, bokmål and nynorsk
SWEDISH_MUNICIPAL = ["Verksamhetens intäkter", "Verksamhetens kostnader", "Avskrivningar", "Verksamhetens nettokostnader",
                     "Skatteintäkter", "Generella statsbidrag och utjämning", "Verksamhetens resultat",
                     "Finansiella intäkter", "Finansiella kostnader", "Årets resultat"]
DANISH_MUNICIPAL = ["Skatteindtægter", "Generelle tilskud og udligning", "Nettodriftsudgifter", "Driftsudgifter"]


@pytest.mark.parametrize(("question", "label"), [
    ("What were the municipality's net operating costs in 2031?", "Verksamhetens nettokostnader"),
    ("net operating expenditure 2031", "Verksamhetens nettokostnader"),
    ("netto driftsutgifter 2031", "Verksamhetens nettokostnader"),
    ("operating costs 2031", "Verksamhetens kostnader"),
    ("Change in general state grants and equalisation from 2030 to 2031", "Generella statsbidrag och utjämning"),
    ("general grants 2031", "Generella statsbidrag och utjämning"),
    ("rammetilskudd 2031", "Generella statsbidrag och utjämning"),
    ("Kor mykje fekk kommunen i rammetilskot i 2031?", "Generella statsbidrag och utjämning"),
    ("tax revenues 2031", "Skatteintäkter"),
    ("skatteinntekter 2031", "Skatteintäkter"),
    ("annual result 2031", "Årets resultat"),
    ("operating result 2031", "Verksamhetens resultat"),
])
def test_a_swedish_municipal_statement_row_is_named_in_another_language(question, label):
    assert _best(SWEDISH_MUNICIPAL, question) == [label]


@pytest.mark.parametrize(("question", "label"), [
    ("tax revenues 2031", "Skatteindtægter"),
    ("generella statsbidrag och utjämning 2031", "Generelle tilskud og udligning"),
    ("net operating costs 2031", "Nettodriftsudgifter"),
    ("verksamhetens nettokostnader 2031", "Nettodriftsudgifter"),
])
def test_a_danish_municipal_statement_row_is_named_in_another_language(question, label):
    assert _best(DANISH_MUNICIPAL, question) == [label]


def test_a_gloss_names_no_row_of_another_concept():
    # net operating costs are not the gross costs, nor the grants; grants are not the tax revenue
    assert "Verksamhetens kostnader" not in _best(SWEDISH_MUNICIPAL, "net operating costs 2031")
    assert _best(["Skatteintäkter", "Verksamhetens kostnader"], "general state grants and equalisation 2031") == []
    assert _best(["Generella statsbidrag och utjämning"], "tax revenues 2031") == []


def test_a_term_names_no_line_that_explains_only_part_of_it_or_says_more():
    # "result after financial items" is not the net financial items, and "tax on the ordinary result" is not the
    # profit before tax; "total liabilities" is not the long-term debt a description of debt reaches
    assert _best(SWEDISH, "net financial items 2031") == []
    assert "Skattekostnad på ordinært resultat" not in _best(ACT, "profit before tax 2031")
    assert _best(["Sum langsiktig gjeld", "Sum kortsiktig gjeld"], "total liabilities 2031") == []
    # payroll is not the social costs alone, though a gloss of it ("lønn og sosiale utgifter") holds them
    assert "Sosiale utgifter" not in _best(KOSTRA, "payroll 2031")
    assert _best(["Sosiale utgifter", "Renteutgifter"], "personnel costs 2031") == []
    # a part of the term ("Løn", a row of another table) is not the line the term names
    assert _best(["Løn", "Løn og sosiale kostnader", "Tilsette"], "payroll costs 2031") == ["Løn og sosiale kostnader"]


def test_the_glossary_holds_each_term_once_per_concept_and_finds_the_longest():
    rows = account_glosses()
    assert len(rows) == len(set(rows))
    assert {c for c, _ in rows} >= {"payroll", "annual_result", "ordinary_result", "operating_expenses"}
    # "other operating expenses" is one term, not "operating expenses" with a word before it
    assert [c for _, _, c in gloss_spans(words("other operating expenses 2031"))] == ["other_operating_expenses"]


ORG, FILE = "Eksempelrenovasjon IKS", "eksempelrenovasjon_iks_arsmelding_2031.txt"
ORG_SV, FILE_SV = "Ekby kommun", "ekby_kommun_arsredovisning_2031.txt"
ORG_KOM, FILE_KOM = "Eksempelvik kommune", "eksempelvik_kommune_arsregnskap_2031.txt"


@pytest.fixture(scope="module")
def organisations():
    return {"renovasjon": (ORG, "eksempelrenovasjon iks", "eksempelrenovasjon"),
            "ekby": (ORG_SV, "ekby kommun", "ekby"), "vik": (ORG_KOM, "eksempelvik kommune", "eksempelvik")}


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    path = tmp_path_factory.mktemp("statement-glosses") / "w.duckdb"
    c = duckdb.connect(str(path))
    c.execute("""create table fct_report_cell (organisation text, file_name text, page integer, line integer,
        table_number integer, caption text, row_label text, column_label text, value_year integer, scenario text,
        value double, excerpt text, column_year integer)""")
    cells = []
    act = (("Salgsinntekt", 70.0, 69.0), ("Annen driftsinntekt", 10.4, 9.1), ("Sum driftsinntekter", 80.4, 78.1),
           ("Varekostnad", 27.9, 39.5), ("Lønnskostnad", 13.0, 12.6), ("Annen driftskostnad", 35.3, 18.0),
           ("Sum driftskostnader", 76.2, 70.1), ("Ordinært resultat før skattekostnad", 3.6, 3.4),
           ("Skattekostnad på ordinært resultat", 0.2, 0.1), ("Årsresultat", 3.4, 3.3), ("Sum egenkapital", 41.0, 37.6))
    for line, (label, y31, y30) in enumerate(act, start=6):
        for col, year, v in (("2031", 2031, y31), ("2030", 2030, y30)):
            cells.append((ORG, FILE, 8, line, 1, "Resultatregnskap", label, col, year, "actual", v * 1e6, label, year))
    for line, (label, v) in enumerate((("Verksamhetens intäkter", 210.5), ("Personalkostnader", 640.2),
                                       ("Årets resultat", 22.8)), start=4):
        cells.append((ORG_SV, FILE_SV, 14, line, 2, "Resultaträkning", label, "Utfall 2031", 2031, "actual", v * 1e6,
                      label, 2031))
    c.executemany("insert into fct_report_cell values (" + ", ".join("?" * 13) + ")", cells)
    # a municipality's § 5-6 statement as account lines, the chart saying which sum line each line is a term of
    c.execute("""create table dim_account (account_key text, chart text, line_number integer, name_nb text,
        is_sum boolean, sums_into text)""")
    chart = (("5-6-01", 1, "Rammetilskudd", False, "5-6-09"), ("5-6-02", 2, "Inntekts- og formuesskatt", False, "5-6-09"),
             ("5-6-07", 7, "Brukerbetalinger", False, "5-6-09"), ("5-6-09", 9, "Sum driftsinntekter", True, "5-6-16"),
             ("5-6-10", 10, "Lønnsutgifter", False, "5-6-15"), ("5-6-11", 11, "Sosiale utgifter", False, "5-6-15"),
             ("5-6-12", 12, "Kjøp av varer og tjenester", False, "5-6-15"),
             ("5-6-15", 15, "Sum driftsutgifter", True, "5-6-16"), ("5-6-20", 20, "Renteutgifter", False, "5-6-22"),
             ("5-6-22", 22, "Netto finansutgifter", True, "5-6-24"))
    c.executemany("insert into dim_account values (?, '5-6', ?, ?, ?, ?)", chart)
    c.execute("""create table fct_account_amount (organisation text, statement text, table_title text, row_label text,
        account_key text, scenario_code text, value_year integer, printed_amount_nok double, is_latest boolean,
        unit_key text, file_name text, page integer, line integer, excerpt text)""")
    amounts = {"5-6-01": 410.0, "5-6-02": 455.5, "5-6-07": 30.2, "5-6-09": 895.7, "5-6-10": 520.3, "5-6-11": 130.1,
               "5-6-12": 260.8, "5-6-15": 911.2, "5-6-20": 25.0, "5-6-22": 20.0}
    rows = []
    for line, (key, _, name, _, _) in enumerate(chart, start=10):
        for year, f in ((2031, 1.0), (2030, 0.9)):
            rows.append((ORG_KOM, "5-6", "Bevilgningsoversikt drift", name, key, "regnskap", year, amounts[key] * f * 1e6,
                         True, None, FILE_KOM, 40, line, name))
            rows.append((ORG_KOM, "5-6", "Bevilgningsoversikt drift", name, key, "budsjett", year, 1e9, True, None,
                         FILE_KOM, 40, line, name))
    c.executemany("insert into fct_account_amount values (" + ", ".join("?" * 14) + ")", rows)
    c.execute("create table dim_document (file_name text, organisation text, title text, report_year integer)")
    c.executemany("insert into dim_document values (?, ?, null, ?)", [(FILE, ORG, 2031), (FILE_SV, ORG_SV, 2031),
                                                                      (FILE_KOM, ORG_KOM, 2031)])
    c.close()
    return path


def _rows(question, vocab, con, lang):
    found, cols, rows = read_and_run(question, vocab, con, lang)
    assert isinstance(found, Reading), found
    return found, sorted((r[cols.index("row_label")], r[cols.index("year")], round(r[cols.index("value")] / 1e6, 1))
                         for r in rows)


@pytest.mark.parametrize(("question", "lang", "expected"), [
    ("What was the net profit of Eksempelrenovasjon in 2031?", "en", [("Årsresultat", 2031, 3.4)]),
    ("What were the payroll costs at Eksempelrenovasjon IKS in 2030?", "en", [("Lønnskostnad", 2030, 12.6)]),
    ("Hva var resultat før skatt for Eksempelrenovasjon i 2031?", "nb",
     [("Ordinært resultat før skattekostnad", 2031, 3.6)]),
    ("Eksempelrenovasjon operating expenses 2031", "en", [("Sum driftskostnader", 2031, 76.2)]),
    ("How much equity did Eksempelrenovasjon have in 2031?", "en", [("Sum egenkapital", 2031, 41.0)]),
    ("Ekby personnel costs 2031", "en", [("Personalkostnader", 2031, 640.2)]),
    ("Hva var lønnskostnadene i Ekby i 2031?", "nb", [("Personalkostnader", 2031, 640.2)]),
    ("Ekby result for the year 2031", "en", [("Årets resultat", 2031, 22.8)]),
])
def test_the_engine_answers_the_line_the_report_prints_and_names_it(question, lang, expected, vocab, con):
    found, rows = _rows(question, vocab, con, lang)
    assert rows == expected
    assert expected[0][0] in found.interpretation  # the line used is said, never silently another one


@pytest.mark.parametrize(("question", "lang", "year", "expected"), [
    ("What was the largest operating expense item of Eksempelrenovasjon in 2031?", "en", 2031,
     ["Annen driftskostnad", "Varekostnad", "Lønnskostnad"]),
    ("Hvilken kostnadspost var størst hos Eksempelrenovasjon i 2030?", "nb", 2030,
     ["Varekostnad", "Annen driftskostnad", "Lønnskostnad"]),
    ("Kva var den største inntektsposten til Eksempelrenovasjon i 2031?", "nn", 2031,
     ["Salgsinntekt", "Annen driftsinntekt"]),
    ("Which expense was smallest at Eksempelrenovasjon in 2031?", "en", 2031,
     ["Lønnskostnad", "Varekostnad", "Annen driftskostnad"]),
])
def test_the_rows_of_one_statement_section_are_ranked_sums_left_out(question, lang, year, expected, vocab, con):
    found, cols, rows = read_and_run(question, vocab, con, lang)
    assert isinstance(found, Reading) and found.family == "statement_rank", found
    assert [r[cols.index("row_label")] for r in rows] == expected
    assert {r[cols.index("year")] for r in rows} == {year}
    said = found.sentence(cols, rows, lang)
    assert "Sum driftskostnader" in said or "Sum driftsinntekter" in said  # the rows compared are said
    assert expected[0] in said


def test_a_section_the_statement_does_not_print_is_not_ranked(vocab, con):
    # the Swedish statement prints no expense total: no section, and never the rows of another organisation
    found, cols, rows = read_and_run("Which cost item was largest in Ekby in 2031?", vocab, con, "en")
    assert not (isinstance(found, Reading) and found.family == "statement_rank" and rows)
    # which sector / unit: the rows asked are not a statement's lines
    from app.engine.families import statement_rank
    from app.engine.families.base import Question

    asked = Question.parse("Which sector had the largest expenses at Eksempelrenovasjon in 2031?", "en")
    assert statement_rank.read(asked, vocab) is None


def test_a_municipality_named_is_no_question_about_which_municipality():
    from app.engine.families.statement_rank import OTHER_ROWS

    assert not OTHER_ROWS.search("hvilken kostnadspost var størst i eksempelby kommune i 2031?")
    assert OTHER_ROWS.search("hvilken kommune hadde størst kostnader i 2031?")
    assert OTHER_ROWS.search("korleis var kostnadene fordelte på område i 2031? ranger frå størst til minst.")


@pytest.mark.parametrize(("question", "lang", "year", "expected"), [
    ("Rank Eksempelvik's three largest operating revenue lines in 2031.", "en", 2031,
     [("Inntekts- og formuesskatt", 455.5), ("Rammetilskudd", 410.0), ("Brukerbetalinger", 30.2)]),
    ("Hva var den største utgiftsposten i Eksempelvik kommune i 2030?", "nb", 2030,
     [("Lønnsutgifter", 468.3), ("Kjøp av varer og tjenester", 234.7), ("Sosiale utgifter", 117.1)]),
])
def test_account_lines_of_one_sum_line_are_ranked_as_printed(question, lang, year, expected, vocab, con):
    found, cols, rows = read_and_run(question, vocab, con, lang)
    assert isinstance(found, Reading) and found.family == "statement_rank", found
    got = [(r[cols.index("row_label")], round(r[cols.index("value")] / 1e6, 1)) for r in rows]
    assert got == expected  # the actual figures of the year, the sum lines and the financial lines left out
    assert {r[cols.index("year")] for r in rows} == {year}
    assert ("Sum driftsinntekter" if "revenue" in question else "Sum driftsutgifter") in found.sentence(cols, rows, lang)


def test_a_line_named_only_by_the_units_own_name_is_no_line_asked(tmp_path):
    from app.engine import families
    from app.engine.families.base import Question
    from app.engine.planner import UnitRef, Vocabulary
    from app.engine.vocabulary import load_data_vocabulary

    con = duckdb.connect(str(tmp_path / "units.duckdb"))
    con.execute("""create table fct_account_amount (unit_key text, account_key text, row_label text, scenario_code text,
        value_year integer, printed_amount_nok double, file_name text, page integer, line integer, excerpt text,
        is_latest boolean, statement text, row_order integer)""")
    rows = [(unit, label, 2031, v, "samarbeid_2031.txt", 3, n, label)
            for n, (unit, label, v) in enumerate((("lr", "Lønnsutgifter", 14.2e6), ("lr", "Kjøp av varer og tjenester", 2.1e6),
                                                 ("vv", "Lønnsutgifter", 9.0e6), ("vv", "Kjøp av varer og tjenester", 23.7e6)))]
    con.executemany("insert into fct_account_amount values (?, null, ?, 'regnskap', ?, ?, ?, ?, ?, ?, true, 'unit', 1)",
                    rows)
    con.execute("create table dim_unit as select * from (values ('lr', 'Eksempel lønn/regnskap'), ('vv', 'Varvik')) "
                "as t(unit_key, unit_name)")
    con.execute("create table dim_account (account_key text, name_nb text)")
    present = {"fct_account_amount", "dim_unit", "dim_account"}
    vocab = Vocabulary(metrics={}, unit_aliases={"eksempel lønn/regnskap": UnitRef("lr", "Eksempel lønn/regnskap"),
                                                 "varvik": UnitRef("vv", "Varvik")},
                       tables=frozenset(present), data=load_data_vocabulary(con, present))

    def read(question, lang):
        return families.account_line.read(Question.parse(question, lang), vocab)

    # "lønn" is a word of the unit's name, not the salaries line
    assert read("How large was the underspend in Eksempel lønn/regnskap in 2031?", "en") is None
    named = read("Lønnsutgifter Eksempel lønn/regnskap 2031", "nb")
    assert isinstance(named, Reading) and "Lønnsutgifter" in named.interpretation
    # a unit's name that begins like a line's word ("Varvik" / "varer") never hides the line the question names
    bought = read("How did Varvik's purchases of goods and services develop in 2031?", "en")
    assert isinstance(bought, Reading) and "Kjøp av varer og tjenester" in bought.interpretation
    con.close()
