"""The rows of an organisation's units ranked when only the heading above their table names their kind ("Resultater for
tjenesteområdene" for "which service area"), by the deviation column; the which-noun's own words name no column
("area" is no «Areal»); and a long row label the question writes all but one word of ("kjøp av tjenester som erstatter
…" for «Kjøp av varer og tjenester som erstatter …») is read from the table, while a label the question names less
closely, or none, is not (app/engine/families/ranking.py, cell_lookup.py). Invented cells."""
from __future__ import annotations

import duckdb
import pytest

from app.engine import families
from app.engine.families.base import Question, Reading
from app.engine.planner import Vocabulary
from app.engine.vocabulary import load_data_vocabulary

ORG, FILE = "Nordvik kommune", "nordvik_2031.txt"
AREAS = ("Resultater - tall i 1 000 kroner", "Nordvik kommune – Årsberetning 2031 > Resultater for tjenesteområdene")
BUILDINGS = ("Formålsbygg", "Nordvik kommune – Årsberetning 2031 > Eiendom")
OVERVIEW = ("Økonomisk oversikt drift", "Nordvik kommune – Årsberetning 2031 > Regnskap")


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    con = duckdb.connect(str(tmp_path_factory.mktemp("unit-rows") / "w.duckdb"))
    con.execute("""create table fct_report_cell (organisation text, file_name text, page integer, table_number integer,
        caption text, heading_path text, row_label text, column_label text, value_year integer, scenario text,
        value double, excerpt text)""")
    cells = []
    for row, actual, budget in (("Skole", 410.0, 415.5), ("Omsorg", 530.0, 519.0), ("Teknikk", 80.0, 80.4),
                                ("Sum", 1020.0, 1014.9)):
        for column, scenario, value in (("Regnskap 2031", "actual", actual), ("Regulert budsjett 2031", "revised_budget",
                                                                               budget),
                                        ("Avvik 2031", "variance", round(budget - actual, 1))):
            cells.append((ORG, FILE, 1, 1, *AREAS, row, column, 2031, scenario, value * 1000, ""))
    # a table of buildings whose column «Areal» is no area of the organisation
    for row, area in (("Nordvik skole", 5200.0), ("Nordvik sjukeheim", 7400.0)):
        cells.append((ORG, FILE, 2, 2, *BUILDINGS, row, "Areal", 2031, "other", area, ""))
    for row, actual, budget in (("Kjøp av varer og tjenester som erstatter kommunal tjenesteproduksjon", 61.0, 63.0),
                                ("Kjøp av varer og tjenester som inngår i kommunal tjenesteproduksjon", 140.0, 138.0),
                                ("Lønnsutgifter", 700.0, 705.0)):
        cells.append((ORG, FILE, 3, 3, *OVERVIEW, row, "Regnskap 2031", 2031, "actual", actual * 1000, ""))
        cells.append((ORG, FILE, 3, 3, *OVERVIEW, row, "Budsjett 2031", 2031, "budget", budget * 1000, ""))
    # the frames of the organisation's departments, each printed with the kind word they share
    for row, frame in (("Kommunalavdeling helse", 640.0), ("Kommunalavdeling oppvekst", 760.0),
                       ("Kommunalavdeling kultur", 45.0), ("Sum", 1445.0)):
        cells.append((ORG, FILE, 4, 4, "Budsjettrammer 2031", "Nordvik kommune – Budsjett 2031", row, "Ny netto ramme",
                      2031, "other", frame * 1e6, ""))
    con.executemany("insert into fct_report_cell values (" + ", ".join("?" * 12) + ")", cells)
    present = {"fct_report_cell"}
    vocab = Vocabulary(metrics={}, unit_aliases={}, organisations={"nordvik kommune": "nordvik", "nordvik": "nordvik"},
                       organisation_names={"nordvik": ORG}, tables=frozenset(present),
                       data=load_data_vocabulary(con, present))
    yield con, vocab
    con.close()


def _read(question, lang, warehouse):
    con, vocab = warehouse
    found = families.read(Question.parse(question, lang), vocab, families.FALLBACK_FAMILIES)
    if not isinstance(found, Reading):
        return found, []
    cur = con.execute(found.sql)
    cols = [d[0] for d in cur.description]
    return found, [dict(zip(cols, r)) for r in cur.fetchall()]


@pytest.mark.parametrize(("question", "lang", "first", "value"), [
    ("Which service area in Nordvik had the largest underspend against the revised budget in 2031?", "en",
     "Skole", 5_500),
    ("Hvilket tjenesteområde i Nordvik hadde størst merforbruk i 2031?", "nb", "Omsorg", -11_000),
    ("Kva tenesteområde i Nordvik hadde størst meirforbruk i 2031?", "nn", "Omsorg", -11_000),
])
def test_the_units_under_a_heading_naming_their_kind_are_ranked_by_their_deviation(question, lang, first, value,
                                                                                    warehouse):
    found, rows = _read(question, lang, warehouse)
    assert isinstance(found, Reading) and found.family == "cell_ranking", found
    assert (rows[0]["row_label"], rows[0]["value"]) == (first, value)
    # the deviation column of the service areas: no building's area, no total
    assert {r["column_label"] for r in rows} == {"Avvik 2031"}
    assert {r["row_label"] for r in rows} == {"Skole", "Omsorg", "Teknikk"}


@pytest.mark.parametrize(("question", "lang", "expected"), [
    ("Kjøp av tjenester som erstatter kommunal tjenesteproduksjon i Nordvik 2031", "nb", {61_000}),  # the accounts
    ("Samanlikn kjøp av tenester som erstattar kommunal tenesteproduksjon i Nordvik: rekneskap og budsjett 2031", "nn",
     {61_000, 63_000}),
])
def test_a_long_row_named_all_but_one_word_is_read_from_the_table(question, lang, expected, warehouse):
    found, rows = _read(question, lang, warehouse)
    assert isinstance(found, Reading) and found.family == "cell_lookup", found
    assert {r["row_label"] for r in rows} == {"Kjøp av varer og tjenester som erstatter kommunal tjenesteproduksjon"}
    assert {r["value"] for r in rows} == expected


@pytest.mark.parametrize("question", [
    "Kjøp av tomter i Nordvik 2031",  # one word of two labels: neither is named
    "Kjøp av konsulenttjenester til planarbeid i Nordvik 2031",  # words no label prints
])
def test_a_row_named_less_closely_is_not_read(question, warehouse):
    found, rows = _read(question, "nb", warehouse)
    assert not any(str(r.get("row_label", "")).startswith("Kjøp av varer") for r in rows), rows


@pytest.fixture(scope="module")
def committees(tmp_path_factory):
    """A Swedish operating statement by committee, read with the governed catalog as the engine merges it (a budget
    result, "result against budget", among its measures)."""
    from app.engine.catalog import _with_extra_synonyms, load_metrics

    con = duckdb.connect(str(tmp_path_factory.mktemp("committees") / "w.duckdb"))
    con.execute("""create table fct_report_cell (organisation text, file_name text, page integer, table_number integer,
        caption text, row_label text, column_label text, value_year integer, scenario text, value double,
        excerpt text)""")
    org, name = "Nordvik kommun", "nordvik_driftredovisning_2031.html"
    cells = []
    for row, outcome, budget in (("Byggnadsnämnden", -9_900, -9_100), ("Socialnämnden", -207_000, -200_400)):
        for column, scenario, value in (("Utfall 2031", "actual", outcome), ("Budget 2031", "budget", budget),
                                        ("Budget-avvikelse", "variance", outcome - budget)):
            cells.append((org, name, 1, 1, "Driftredovisning (tkr)", row, column, 2031, scenario, value * 1000.0, ""))
    con.executemany("insert into fct_report_cell values (" + ", ".join("?" * 11) + ")", cells)
    present = {"fct_report_cell"}
    vocab = Vocabulary(metrics=_with_extra_synonyms(load_metrics()), unit_aliases={}, organisations={"nordvik kommun": "nordvik",
                                                                               "nordvik": "nordvik"},
                       organisation_names={"nordvik": org}, tables=frozenset(present),
                       data=load_data_vocabulary(con, present))
    yield con, vocab
    con.close()


@pytest.mark.parametrize(("question", "lang"), [
    ("Nordvik byggnadsnämnden 2031 result against budget", "en"),
    ("Byggnadsnämnden i Nordvik 2031: utfall mot budget", "sv"),
])
def test_a_rows_outcome_against_budget_is_read_from_its_columns(question, lang, committees):
    found, rows = _read(question, lang, committees)
    assert isinstance(found, Reading) and found.family == "cell_lookup", found
    assert {r["row_label"] for r in rows} == {"Byggnadsnämnden"}
    assert {-9_900_000.0, -9_100_000.0} <= {r["value"] for r in rows}


@pytest.mark.parametrize(("question", "lang", "expected"), [
    ("Helse mot oppvekst i Nordvik: ny netto ramme 2031", "nb",
     {"Kommunalavdeling helse": 640e6, "Kommunalavdeling oppvekst": 760e6}),
    ("Compare kultur and helse in Nordvik 2031", "en",
     {"Kommunalavdeling kultur": 45e6, "Kommunalavdeling helse": 640e6}),
])
def test_rows_compared_by_the_word_each_prints_beside_the_one_they_share(question, lang, expected, warehouse):
    found, rows = _read(question, lang, warehouse)
    assert isinstance(found, Reading) and found.family == "cell_lookup", found
    assert {r["row_label"]: r["value"] for r in rows} == expected
