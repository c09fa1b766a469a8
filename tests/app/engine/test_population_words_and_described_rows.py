"""Population questions in everyday words ("how many people lived", "folketallet", "grow") read from the sentence
that states inhabitants and their growth, and a ranking over a list of member rows whose labels do not say what
they are ("Nordby: 40, Sørby: -12") when the sentence beside the list says it ("fleire innbyggjarar i kommunane"),
with "lost the most" as the most negative change first. Invented reports in nb, nn and en wording."""
from __future__ import annotations

import duckdb
import pytest

from app.engine import families
from app.engine.families.base import Question, Reading
from app.engine.planner import Vocabulary
from app.engine.vocabulary import load_data_vocabulary
from app.engine.wordforms import question_terms, same_thing

FYLKE = "vestfylke_fylkeskommune_arsrapport_2021.txt"
REGION = "austregion_arsrapport_2020.txt"


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    c = duckdb.connect(str(tmp_path_factory.mktemp("population") / "w.duckdb"))
    c.execute("""create table fct_report_cell (organisation text, file_name text, page integer, line integer,
        table_number integer, caption text, row_label text, column_label text, value_year integer, scenario text,
        value double, excerpt text)""")
    cells = []
    for i, (label, v) in enumerate((("Nordby", 40), ("Sørby", -12), ("Austby", 7), ("Vestby", -31), ("Midtby", 95))):
        cells.append(("Vestfylke fylkeskommune", FYLKE, 2, 20 + 2 * i, 1, "Året 2021 – slik fylkesdirektøren ser det",
                      label, "", 2021, "other", float(v), f"{label}: {v}"))
    # a table of another measure on another page: never ranked for a population question
    for i, (label, v) in enumerate((("Nordby", 900), ("Sørby", 1200))):
        cells.append(("Vestfylke fylkeskommune", FYLKE, 5, 10 + i, 2, "Året 2021 – slik fylkesdirektøren ser det",
                      label, "", 2021, "other", float(v), f"{label}: {v}"))
    c.executemany("insert into fct_report_cell values (" + ", ".join("?" * 12) + ")", cells)
    c.execute("""create table fct_report_prose_figure (figure_id text, organisation text, report_year integer,
        file_name text, page integer, line integer, topic text, value double, unit text, value_year integer,
        printed text, text text)""")
    growth = "Ved inngangen til 2021 var det 48 210 innbyggere i regionen, en økning på 610 fra året før, dvs. 1,3 prosent."
    moved = "I figuren over ser vi korleis folketalsauken fordeler seg på kommunane i fylket."
    prose = [
        ("g1", "Austregion", 2020, REGION, 1, 4, "innbyggere", 48210.0, "persons", 2021, "48 210 innbyggere", growth),
        ("g2", "Austregion", 2020, REGION, 1, 4, "innbyggere økning", 610.0, "count", 2021, "610 fra", growth),
        ("g3", "Austregion", 2020, REGION, 1, 4, "økning dvs", 1.3, "pct", 2020, "1,3 prosent", growth),
        ("g5", "Austregion", 2020, REGION, 3, 30, "Frie inntekter pr. innbyggar", 61000.0, "nok_per_capita", 2019,
         "kr 61 000", "Frie inntekter pr. innbyggar blei kr 61 000 i 2019."),
        ("g4", "Austregion", 2020, REGION, 3, 40, "lærlinger", 212.0, "count", 2020, "212 lærlinger",
         "Det var 212 lærlinger i regionen i 2020."),
        ("m1", "Vestfylke fylkeskommune", 2021, FYLKE, 2, 31, "folketalsauken", 99.0, "count", 2021, "99",
         moved + " Totalt vart det 99 fleire innbyggjarar."),
        ("m2", "Vestfylke fylkeskommune", 2021, FYLKE, 5, 14, "kroner", 2100.0, "nok", 2021, "2 100",
         "Tilskotet til kommunane var 2 100 kroner per elev."),
    ]
    c.executemany("insert into fct_report_prose_figure values (" + ", ".join("?" * 12) + ")", prose)
    c.execute("create table dim_document (file_name text, organisation text, title text, report_year integer)")
    c.executemany("insert into dim_document values (?, ?, null, ?)",
                  [(FYLKE, "Vestfylke fylkeskommune", 2021), (REGION, "Austregion", 2020)])
    yield c
    c.close()


@pytest.fixture(scope="module")
def vocab(con):
    present = {t for (t,) in con.execute("select table_name from information_schema.tables").fetchall()}
    return Vocabulary(metrics={}, unit_aliases={}, tables=frozenset(present), data=load_data_vocabulary(con, present))


def _ask(question, vocab, con, lang):
    found = families.read(Question.parse(question, lang), vocab, families.FALLBACK_FAMILIES)
    assert isinstance(found, Reading), found
    cur = con.execute(found.sql)
    return found, [d[0] for d in cur.description], cur.fetchall()


def test_words_of_one_population_group_name_each_other():
    sentence = question_terms("Det var 48 210 innbyggjarar og ein folketalsvekst på 1,3 prosent.", translate=False)
    assert same_thing("folketall", sentence) and same_thing("befolkning", sentence)
    assert same_thing("økt", sentence)  # "økte" ~ "vekst" inside "folketalsvekst"
    assert not same_thing("lærling", sentence)
    assert not same_thing("folketall", question_terms("Det var 212 lærlinger.", translate=False))


@pytest.mark.parametrize("question, lang", [
    ("How many people lived in Austregion at the start of 2021?", "en"),
    ("Hvor mange bodde i Austregion ved inngangen til 2021?", "nb"),
    ("Kva var folketalet i Austregion 1. januar 2021?", "nn"),
])
def test_the_inhabitants_sentence_answers_everyday_population_words(question, lang, vocab, con):
    found, columns, rows = _ask(question, vocab, con, lang)
    values = {r[columns.index("value")] for r in rows}
    assert 48210.0 in values and 212.0 not in values


@pytest.mark.parametrize("question, lang", [
    ("How much did the population of Austregion grow in 2020?", "en"),
    ("Hvor mye økte folketallet i Austregion i 2020?", "nb"),
])
def test_the_growth_of_the_population_is_the_increase_stated(question, lang, vocab, con):
    found, columns, rows = _ask(question, vocab, con, lang)
    values = {r[columns.index("value")] for r in rows}
    assert 1.3 in values and 212.0 not in values


@pytest.mark.parametrize("question, lang, first", [
    ("Which municipality in Vestfylke got the most new inhabitants in 2021?", "en", ("Midtby", 95.0)),
    ("Kva kommune i Vestfylke fekk størst folketalsauke i 2021?", "nn", ("Midtby", 95.0)),
    ("Which municipality in Vestfylke lost the most residents in 2021?", "en", ("Vestby", -31.0)),
    ("Hvilken kommune i Vestfylke hadde størst nedgang i folketallet i 2021?", "nb", ("Vestby", -31.0)),
])
def test_member_rows_a_sentence_describes_are_ranked(question, lang, first, vocab, con):
    found, columns, rows = _ask(question, vocab, con, lang)
    assert found.family == "cell_ranking"
    assert (rows[0][columns.index("row_label")], rows[0][columns.index("value")]) == first
    assert all(r[columns.index("table_number")] == 1 for r in rows)  # never the other table's rows


def test_a_list_no_sentence_describes_is_not_ranked_for_population(vocab, con):
    found = families.read(Question.parse("Which municipality in Vestfylke had the most apprentices in 2021?", "en"),
                          vocab, families.FALLBACK_FAMILIES)
    if isinstance(found, Reading) and found.family == "cell_ranking":
        cur = con.execute(found.sql)
        assert cur.fetchall() == []


# --- "what did it cost to run X, all in": the total operating expenses line, one label in any case ----------------

@pytest.mark.parametrize("question", [
    "Roughly how much did it cost to run the municipality in 2021, all in?",
    "Hva kostet det å drive kommunen i 2021 totalt?",
    "Kva kosta det å drive kommunen i 2021, alt medrekna?",
])
def test_the_cost_of_running_it_is_the_total_operating_expenses_line(question):
    from app.engine.families.cell_lookup import best_labels
    from app.engine.wordforms import LabelIndex

    index = LabelIndex(["Sum driftsutgifter", "Sum driftsinntekter", "Netto driftsresultat", "Lønnsutgifter",
                        "Sum investeringsutgifter"])
    found = [m.label for m in best_labels(index, question_terms(question, index.known), set(), frozenset(), None)]
    assert found == ["Sum driftsutgifter"]


def test_one_label_printed_in_two_cases_is_one_label_not_a_tie():
    from app.engine.families.label_search import best, concepts

    q = Question.parse("What did it cost to run the municipality in 2021, all in?", "en")
    cs = concepts(q, set())
    found, tied = best(cs, ["Sum driftsutgifter", "sum driftsutgifter"], set())
    assert found == ["Sum driftsutgifter"] and tied == []
    found, tied = best(cs, ["Sum  Driftsutgifter", "sum driftsutgifter", "SUM DRIFTSUTGIFTER"], set())
    assert found == ["Sum  Driftsutgifter"] and tied == []


@pytest.mark.parametrize("question, lang", [
    ("Kor mange fleire innbyggjarar fekk Austregion i løpet av 2020?", "nn"),
    ("How many more residents did Austregion have by the end of 2020?", "en"),
])
def test_the_state_on_the_first_day_of_a_year_is_the_end_of_the_year_before(question, lang, vocab, con):
    found, columns, rows = _ask(question, vocab, con, lang)
    values = [r[columns.index("value")] for r in rows]
    assert 610.0 in values and 212.0 not in values


def test_a_year_neither_asked_nor_ended_by_the_date_written_is_not_read(vocab, con):
    found = families.read(Question.parse("Kor mange fleire innbyggjarar fekk Austregion i 2018?", "nn"), vocab,
                          families.FALLBACK_FAMILIES)
    if isinstance(found, Reading):
        cur = con.execute(found.sql)
        rows = cur.fetchall()
        assert not any(610.0 in r or 48210.0 in r for r in rows)


def test_a_figure_per_inhabitant_never_answers_how_many_inhabitants(vocab, con):
    found = families.read(Question.parse("Hvor mange innbyggere hadde Austregion i 2019?", "nb"), vocab,
                          families.FALLBACK_FAMILIES)
    if isinstance(found, Reading):
        assert not any(61000.0 in r for r in con.execute(found.sql).fetchall())
    found, columns, rows = _ask("Frie inntekter per innbyggar i Austregion i 2019", vocab, con, "nn")
    assert 61000.0 in [r[columns.index("value")] for r in rows]


# --- a unit named in English where the report prints it in Norwegian -------------------------------------------

UNITS = {"økonomienheten": "okonomi", "hr- og innovasjonsenheten": "hr", "arkivavdelinga": "arkiv",
         "nordvik kommune": "nordvik"}


@pytest.mark.parametrize("question, key", [
    ("What was the sick leave in the finance unit in Nordvik in 2020?", "okonomi"),
    ("How many FTEs did Nordvik's HR and innovation unit have in 2020?", "hr"),
    ("Sick leave in the archive department of Nordvik 2021", "arkiv"),
])
def test_an_english_unit_is_found_by_its_norwegian_compound(question, key):
    from app.engine.planner import UnitRef, find_units
    from app.engine.text import normalise

    aliases = {alias: UnitRef(k, alias) for alias, k in UNITS.items()}
    units, matched = find_units(normalise(question), aliases)
    assert key in [u.unit_key for u in units]


def test_an_english_unit_the_data_lacks_is_no_unit_and_is_named_as_unknown():
    from app.engine.names import unit_words
    from app.engine.planner import UnitRef, find_units
    from app.engine.text import normalise

    aliases = {alias: UnitRef(k, alias) for alias, k in UNITS.items()}
    q = "What was the sick leave in Nordvik's procurement unit in 2020?"
    assert not {u.unit_key for u in find_units(normalise(q), aliases)[0]} & {"okonomi", "hr", "arkiv"}
    assert unit_words(q, ["procurement"]) == ["procurement unit"]  # the answer must not be another unit's figure
    assert unit_words("How many FTEs did the payroll and accounting unit have?", ["accounting"]) == []


def test_english_unit_forms_join_the_kind_to_the_name():
    from app.engine.planner import english_unit_forms

    assert "økonomienheten" in english_unit_forms(["finance"], "unit")
    assert "hr- og innovasjonsenheten" in english_unit_forms(["hr", "innovation"], "unit")
    assert english_unit_forms(["finance"], "building") == []


def test_one_unit_by_its_kind_is_told_from_an_area():
    from app.engine.names import names_one_unit

    assert names_one_unit("HR- og innovasjonsenheten") and names_one_unit("Økonomiavdelinga")
    assert not names_one_unit("Kommunedirektørens områder") and not names_one_unit("Nordvik kommune")


def test_a_figure_that_never_writes_the_unit_asked_is_another_units():
    from app.engine.engine import _another_units
    from app.engine.planner import Plan, UnitRef

    plan = Plan("sykefravær i HR- og innovasjonsenheten 2020", units=[UnitRef("hr", "HR- og innovasjonsenheten")])
    other = {"rows": [["Nordvik kommune", 2020, 2.7]],
             "sources": [{"source_excerpt": "Sykefraværet i økonomienheten var 2,7 % i 2020."}]}
    own = {"rows": [["Nordvik kommune", 2020, 5.1]],
           "sources": [{"source_excerpt": "Sykefraværet i HR- og innovasjonsenheten var 5,1 % i 2020."}]}
    assert _another_units(other, plan) and not _another_units(own, plan)
    area = Plan("årsverk kommunedirektørens områder", units=[UnitRef("kd", "Kommunedirektørens områder")])
    assert not _another_units(other, area)  # an area, not one unit by its kind: left to the scope note
