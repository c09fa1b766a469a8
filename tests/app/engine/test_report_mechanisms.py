"""Report questions that need more than one figure or a name written short: short forms of names the data holds
("NDR", "HIKT", "KD-"), a member of a breakdown as a question writes it ("gruppe 13", "female"), a ranking over
the rows of one report table, every year asked of a sentence's figure, and why-questions answered with the
sentences around the figure."""
from __future__ import annotations

import duckdb
import pytest

from app.engine import families
from app.engine.catalog_model import Metric
from app.engine.families import why
from app.engine.families.base import Question, Reading
from app.engine.planner import UnitRef, Vocabulary, find_subjects, find_units
from app.engine.shortforms import expand, phrase_forms
from app.engine.vocabulary import load_data_vocabulary

FILE = "nordvik_kommune_arsrapport_2022.txt"
IKS = "sundvik_miljoverk_iks_2014.txt"


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    path = tmp_path_factory.mktemp("report-mechanisms") / "w.duckdb"
    c = duckdb.connect(str(path))
    c.execute("""create table fct_report_cell (organisation text, file_name text, page integer, line integer,
        table_number integer, caption text, row_label text, column_label text, value_year integer, scenario text,
        value double, excerpt text)""")
    cells = []
    for label, women, men in (("Oppvekst", 219, 44), ("Helse/sosial", 262, 44), ("Teknisk", 4, 22), ("Totalt", 485, 110)):
        for col, v in (("2022 Kvinner", women), ("2022 Menn", men), ("2022 Totalt", women + men)):
            cells.append(("Nordvik kommune", FILE, 3, 9, 4, "Tilsette fordelt på sektor og kjønn", label, col, 2022,
                          "other", float(v), label))
    for label, v in (("Vestvik kommune", 14850), ("Nordvik kommune", 48014), ("Sørvik kommune", 9634), ("Totalt", 72498)):
        cells.append(("Sundvik Miljøverk IKS", IKS, 19, 3, 6, "Note 6 Innskoten og opptent eigenkapital", label, "",
                      2014, "other", float(v), label))
    for label, v27, v28 in (("Nye lokaler badet", 22000, 0), ("Ny kunstgressbane", 10000, 0),
                            ("Ny kunstgressbane nord", 0, 10000), ("Sum investeringsbudsjett", 32000, 10000)):
        for col, year, v in (("Budsjett 2027", 2027, v27), ("Plan 2028", 2028, v28), ("Total utgift", 2027, v27 + v28)):
            cells.append(("Nordvik kommune", FILE, 5, 2, 7, "Budsjettskriv for investeringar", label, col, year,
                          "budget", v * 1000.0, label))
    c.executemany("insert into fct_report_cell values (" + ", ".join("?" * 12) + ")", cells)
    c.execute("""create table fct_report_prose_figure (figure_id text, organisation text, report_year integer,
        file_name text, page integer, line integer, topic text, value double, unit text, value_year integer,
        printed text, text text)""")
    prose = [
        ("p1", "Sundvik Miljøverk IKS", 2014, IKS, 2, 17, "Driftsresultatet selskapet", -15.3e6, "nok", 2014,
         "minus 15,3 millionar kr", "Driftsresultatet til selskapet var på minus 15,3 millionar kroner."),
        ("p2", "Sundvik Miljøverk IKS", 2014, IKS, 2, 18, "dotterselskapa gevinst", 49.7e6, "nok", 2014,
         "49,7 millionar kr", "Salet av dotterselskapa gav ein gevinst på 49,7 millionar kroner, slik at resultatet "
         "er eit overskot på 36,7 millionar kroner."),
        ("p3", "Sundvik Miljøverk IKS", 2014, IKS, 2, 18, "resultatet overskot", 36.7e6, "nok", 2014,
         "36,7 millionar kr", "Salet av dotterselskapa gav ein gevinst på 49,7 millionar kroner, slik at resultatet "
         "er eit overskot på 36,7 millionar kroner."),
        ("p4", "Sundvik Miljøverk IKS", 2014, IKS, 9, 40, "overskot", 36.7e6, "nok", 2014,
         "36,7 millionar kr", "Styret gjer framlegg om at overskotet på 36,7 millionar kroner vert ført til fond."),
        ("p5", "Sundvik Miljøverk IKS", 2014, IKS, 2, 60, "årsverk", 18.5, "fte", 2014,
         "18,5 årsverk", "Ved utgangen av 2014 var det 18,5 årsverk i selskapet."),
        ("a1", "Nordvik kommune", 2016, "nordvik_kommune_arsrapport_2016.txt", 1, 4, "kostet", 7.8e9, "nok", 2016,
         "7,8 milliarder kr", "Alt dette har kostet 7,8 milliarder kroner."),
        ("a2", "Nordvik kommune", 2018, "nordvik_kommune_arsrapport_2018.txt", 1, 4, "kostet", 8.3e9, "nok", 2018,
         "8,3 milliarder kr", "Alt dette har kostet ca. 8,3 milliarder kroner."),
        ("a3", "Nordvik kommune", 2018, "nordvik_kommune_arsrapport_2018.txt", 1, 9, "driftsresultatet", 380e6, "nok",
         2018, "380 mill. kr", "Netto driftsresultatet for drifta er på 380 mill. kr, og drifta kostet mindre enn før."),
        ("k1", "Nordvik kommune", 2020, "nordvik_kommune_arsrapport_2020.txt", 3, 60, "Kraftfondet avkastning", 10.0,
         "pct", 2020, "10 %", "Kraftfondet hadde en avkastning på ca 10 % i 2020."),
        ("k2", "Nordvik kommune", 2020, "nordvik_kommune_arsrapport_2020.txt", 3, 62, "Fondet omtrent", 21e6,
         "nok", 2020, "21 mill.", "Fondet er nå på omtrent 21 mill."),
        ("k3", "Nordvik kommune", 2020, "nordvik_kommune_arsrapport_2020.txt", 3, 63, "Skatten økte", 5e6,
         "nok", 2020, "5 mill.", "Skatten økte med 5 mill."),
    ]
    c.executemany("insert into fct_report_prose_figure values (" + ", ".join("?" * 12) + ")", prose)
    c.execute("create table dim_document (file_name text, organisation text, title text, report_year integer)")
    c.executemany("insert into dim_document values (?, ?, null, ?)", [
        (FILE, "Nordvik kommune", 2022), (IKS, "Sundvik Miljøverk IKS", 2014),
        ("nordvik_kommune_arsrapport_2016.txt", "Nordvik kommune", 2016),
        ("nordvik_kommune_arsrapport_2018.txt", "Nordvik kommune", 2018),
        ("nordvik_kommune_arsrapport_2020.txt", "Nordvik kommune", 2020)])
    c.execute("create table fct_account_amount (row_label text, value_year integer, amount_nok double)")
    c.execute("insert into fct_account_amount values ('Netto driftsresultat', 2022, 32595000), "
              "('Sum driftsinntekter', 2022, 803398000)")
    yield c
    c.close()


def _metric(code, nb, en, synonyms=()):
    return Metric(code=code, name_nb=nb, name_en=en, unit_of_measure="count", higher_is_better=None,
                  synonyms=tuple(synonyms), definition="")


@pytest.fixture(scope="module")
def vocab(con):
    present = {t for (t,) in con.execute("select table_name from information_schema.tables").fetchall()}
    units = {"nordvik ikt": UnitRef("nordvik-ikt", "Nordvik IKT"),
             "kommunedirektør": UnitRef("kd", "Kommunedirektør"),
             "sundvik miljøverk iks": UnitRef("sundvik", "Sundvik Miljøverk IKS")}
    return Vocabulary(metrics={"fte": _metric("fte", "Årsverk", "Full-time equivalents", ("årsverk", "fte"))},
                      unit_aliases=units,
                      subjects={"kostra-gruppe 13": "KOSTRA-gruppe 13", "kvinner": "Kvinner", "nordvik": "Nordvik"},
                      organisations={"nordvik kommune": "nordvik", "fjellvik kommune": "fjellvik",
                                     "sundvik miljøverk iks": "sundvik"},
                      organisation_names={"nordvik": "Nordvik kommune", "fjellvik": "Fjellvik kommune",
                                          "sundvik": "Sundvik Miljøverk IKS"},
                      tables=frozenset(present), data=load_data_vocabulary(con, present))


def _ask(question, vocab, con, lang="nb", fams=None):
    found = families.read(Question.parse(question, lang), vocab, fams or families.FALLBACK_FAMILIES)
    if isinstance(found, Reading):
        cur = con.execute(found.sql)
        return found, [d[0] for d in cur.description], cur.fetchall()
    return found, [], []


# --- short forms -----------------------------------------------------------------------------------------

def test_short_forms_are_the_initials_of_words_and_compound_parts():
    known = frozenset({"drift", "resultat", "kommune", "direktør", "år", "verk", "fylke"})
    assert "ndr" in phrase_forms("Netto driftsresultat", known)
    assert "kd" in phrase_forms("Kommunedirektør", known)
    assert "åv" in phrase_forms("årsverk", known)
    assert "hikt" in phrase_forms("Hedmark IKT", known)  # an acronym inside the name stands whole
    assert "fk" not in phrase_forms("Fjellvik kommune", known)  # two letters come from one word only


def test_a_short_form_is_written_out_only_when_one_name_of_the_data_has_it(vocab):
    assert expand("NDR Nordvik 2022", vocab) == "Netto driftsresultat Nordvik 2022"
    assert expand("NIKT årsverk 2021", vocab) == "Nordvik IKT årsverk 2021"
    assert expand("sykefravær KD-områdene 2020", vocab) == "sykefravær Kommunedirektør områdene 2020"
    # words, common abbreviations, quarters and names the data knows stay as written
    for q in ("Nordvik 2022 vs 2021", "lønn i mill kr Q2 2022", "FTE Nordvik 2022", "IKT Nordvik",
              "hva er XYZ i 2022"):
        assert expand(q, vocab) == q


def test_a_typo_of_a_unit_name_is_a_typo_word_by_word():
    aliases = {"sundvik miljøverk iks": UnitRef("sundvik", "Sundvik Miljøverk IKS"),
               "vr regnskap og lønn": UnitRef("vr", "VR lønn/regnskap")}
    # "miljøverk sick" is close to "miljøverk iks" as a whole string, but "sick" is no typo of "iks"
    assert all("sick" not in w for w in find_units("sundvik miljøverk sick leave 2014", aliases)[1])
    assert find_units("sunvik miljøverk iks 2014", aliases)[0] == [UnitRef("sundvik", "Sundvik Miljøverk IKS")]
    # a function word in place of a short word of the name is still the name
    assert find_units("fakturert for regnskap og løn 2020", aliases)[0] == [UnitRef("vr", "VR lønn/regnskap")]


def test_breakdown_members_as_a_question_writes_them():
    subjects = {"kostra-gruppe 13": "KOSTRA-gruppe 13", "kvinner": "Kvinner"}
    assert find_subjects("kostra nordvik 2018 vs gruppe 13", subjects) == ["KOSTRA-gruppe 13"]
    assert find_subjects("nordvik 2020 vs kostragruppe 13", subjects) == ["KOSTRA-gruppe 13"]
    assert find_subjects("female sick leave q4 2021", subjects) == ["Kvinner"]
    assert find_subjects("gruppe 12 2018", subjects) == []


# --- ranking over the rows of one report table ---------------------------------------------------------

def test_which_row_of_a_table_ranks_the_total_column_of_the_year(vocab, con):
    found, cols, rows = _ask("Which sector in Nordvik had the most employees at the end of 2022?", vocab, con, "en")
    assert found.family == "cell_ranking"
    assert [(r[cols.index("row_label")], r[cols.index("value")], r[cols.index("column_label")]) for r in rows][:2] == [
        ("Helse/sosial", 306.0, "2022 Totalt"), ("Oppvekst", 263.0, "2022 Totalt")]
    assert "Totalt" not in [r[cols.index("row_label")] for r in rows]


def test_which_municipality_ranks_the_table_whose_rows_are_municipalities(vocab, con):
    found, cols, rows = _ask("Which owner municipality has paid in the most interessekapital in Sundvik Miljøverk?",
                             vocab, con, "en")
    assert found.family == "cell_ranking"
    assert [r[cols.index("row_label")] for r in rows] == ["Nordvik kommune", "Vestvik kommune", "Sørvik kommune"]


def test_the_largest_single_item_reads_the_column_of_the_year_not_the_sum(vocab, con):
    found, cols, rows = _ask("største enkeltinvestering Nordvik 2027", vocab, con)
    assert found.family == "cell_ranking"
    first = dict(zip(cols, rows[0]))
    assert (first["row_label"], first["value"], first["column_label"]) == ("Nye lokaler badet", 22e6, "Budsjett 2027")
    assert not any(r[cols.index("row_label")].startswith("Sum") for r in rows)



def test_a_ranking_with_no_rows_and_no_year_asked_never_blames_the_year(vocab, con):
    found, cols, rows = _ask("Which sector in Nordvik had the most employees?", vocab, con, "en")
    assert found.family == "cell_ranking" and "year" not in found.empty_reason
    found, cols, rows = _ask("Which sector in Nordvik had the most employees at the end of 2041?", vocab, con, "en")
    assert found.family == "cell_ranking" and not rows
    assert "year asked" in found.empty_reason

# --- several years, and why ------------------------------------------------------------------------------

def test_every_year_asked_gets_the_same_kind_of_sentence(vocab, con):
    found, cols, rows = _ask("Hva kostet driften av Nordvik kommune i 2016 og i 2018?", vocab, con,
                             fams=(families.prose,))
    assert isinstance(found, Reading)
    assert sorted(r[cols.index("value")] for r in rows) == [7.8e9, 8.3e9]  # not the 380 mill of 2018's other sentence


def test_why_reads_the_sentences_around_the_figure(vocab, con):
    q = Question.parse("Why did Sundvik Miljøverk end 2014 with a surplus despite a negative operating result?", "en")
    found = why.read(q, vocab, [(36.7e6, frozenset({"Sundvik Miljøverk IKS"}))])
    cur = con.execute(found.sql)
    cols = [d[0] for d in cur.description]
    rows = cur.fetchall()
    values = [r[cols.index("value")] for r in rows]
    assert -15.3e6 in values and 49.7e6 in values and 36.7e6 in values  # the reason beside the figure
    assert 18.5 not in values  # a sentence far from the figure is no reason
    assert "49,7" in found.sentence(cols, rows, "en")
    # no why, or a figure of another organisation: nothing
    assert why.read(Question.parse("overskot Sundvik 2014", "nb"), vocab, [(36.7e6, frozenset())]) is None
    found = why.read(q, vocab, [(36.7e6, frozenset({"Nordvik kommune"}))])
    assert con.execute(found.sql).fetchall() == []


def test_budget_against_accounts_of_one_line_gives_the_deviation_of_the_two_figures_shown():
    from app.engine.families.account_line import _deviations

    rows = [{"unit": "Nordvik IKT", "account": "Lønn", "scenario": "budsjett", "year": 2020, "amount_nok": 17122000.0},
            {"unit": "Nordvik IKT", "account": "Lønn", "scenario": "regnskap", "year": 2020, "amount_nok": 16194000.0}]
    assert "928\xa0000" in _deviations(rows, "nb")  # the thousands space as format.py writes it
    assert _deviations(rows[1:], "nb") == ""  # one scenario: nothing to compare


def test_a_number_of_things_compound_is_found_by_the_things(vocab, con):
    # "innbyggertall" asked, "innbyggere" printed; the head "-tall" only says "how many"
    from app.engine.families.prose import _present, _sentence_terms
    from app.engine.wordforms import stem

    terms = _sentence_terms("pr. 01.01.2019 er det 624 055 innbyggere i fjordby.")
    assert _present(stem("innbyggertall"), terms)
    assert not _present(stem("elevtall"), terms)


def test_which_of_the_members_named_ranks_those_members():
    from app.engine.families import ranking
    from app.engine.families.measures import Cues
    from app.engine.planner import Plan

    v = Vocabulary(metrics={}, unit_aliases={}, metric_subjects={"kostra": {"Nordvik", "Sørvik", "Vestvik"}})
    text = "which of nordvik sørvik and vestvik spent the least per inhabitant in 2019"
    plan = Plan(question=text, metrics=["kostra"], subjects=["Nordvik", "Sørvik", "Vestvik"])
    cues = Cues(text=text, rest=text, per_municipality=False, metric_has_quarters=False, ticket_metric=False)
    assert ranking.applies(plan, cues, v)
    ranking.shape(plan, cues, v)
    assert (plan.rank_by, plan.rank_order, plan.limit) == ("subject", "asc", 1)


def test_a_sum_row_is_named_by_what_it_sums_in_any_language():
    from app.engine.wordforms import LabelIndex

    index = LabelIndex(["Summa investeringsbudget", "Sum driftsinntekter", "Kultur"])
    covers = {m.label: m.cover for m in index.match(index.terms("kultur investeringsbudget 2027"), min_cover=0.0)}
    assert covers["Summa investeringsbudget"] == 1.0  # "Summa" (Swedish) is the sum word, not content
    assert {m.label for m in index.match(index.terms("driftsinntekter 2022"))} == {"Sum driftsinntekter"}


def test_a_sentence_that_goes_on_from_the_figure_found_gives_its_figure_too(vocab, con):
    # "Fondet er nå på 21 mill." goes on from "Kraftfondet hadde en avkastning …"; "Skatten økte" does not
    found, cols, rows = _ask("Nordvik kraftfond avkastning og størrelse 2020", vocab, con, fams=(families.prose,))
    assert sorted(r[cols.index("value")] for r in rows) == [10.0, 21e6]


def test_a_name_written_with_the_letters_a_file_name_drops_is_the_organisation():
    # the data holds the organisation by a short name read without æ, ø, å ("ostvik", as a file name writes it)
    vocab = Vocabulary(metrics={}, unit_aliases={}, organisations={"ostvik iks": "ostvik", "ostvik": "ostvik"},
                       organisation_names={"ostvik": "Ostvik IKS"})
    assert expand("Kor mange kommunar eig ØSTVIK?", vocab) == "Kor mange kommunar eig Ostvik IKS?"
    # a word the data does not hold that way stays as written
    assert expand("Kor mange kommunar eig ÅSVIK?", vocab) == "Kor mange kommunar eig ÅSVIK?"
