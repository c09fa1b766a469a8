"""Tables whose rows are an organisation's members or units (the owner municipalities of a company, a kommune's
schools) and whose columns are measures: ranked, broken down, counted, totalled and one row's share of the total, from
the cells as printed. Invented reports (HTML and TXT) through the real refresh, and the recogniser's pure parts."""
from __future__ import annotations

import pytest

from app.engine.families import unit_table
from app.engine.families.base import Question

HTML = """<html><head><title>Fjellvidda Avfall IKS – Årsberetning 2041</title></head><body>
<h1>Fjellvidda Avfall IKS – Årsberetning 2041</h1>
<h2>Eierforhold</h2>
<p>Fjellvidda Avfall IKS har følgende eierskap:</p>
<table border="1">
<thead><tr><th>Kommune:</th><th>Eierandel:</th></tr></thead>
<tbody>
<tr><td>Åsby</td><td>40,00 %</td></tr>
<tr><td>Bekkvik</td><td>40,00 %</td></tr>
<tr><td>Lunde</td><td>12,00 %</td></tr>
<tr><td>Myrvoll</td><td>8,00 %</td></tr>
</tbody></table>
<h2>Befolkning</h2>
<table border="1">
<tr><th colspan="3">INNBYGGERE pr. 31.12.2041</th><th>ABONNENTER</th></tr>
<tr><th></th><th>Innbyggere</th><th>Endring siste år</th><th>Næring</th></tr>
<tr><td>Åsby</td><td>6 200</td><td>- 80</td><td>120</td></tr>
<tr><td>Bekkvik</td><td>2 100</td><td>15</td><td>40</td></tr>
<tr><td>Lunde</td><td>950</td><td>- 12</td><td>25</td></tr>
<tr><td>Myrvoll</td><td>750</td><td>3</td><td>15</td></tr>
<tr><td>Sum</td><td>10 000</td><td>- 74</td><td>200</td></tr>
</table>
<h2>Økonomi</h2>
<table border="1">
<tr><th></th><th>2040</th><th>2041</th></tr>
<tr><td>Driftsinntekter</td><td>30 000</td><td>32 000</td></tr>
<tr><td>Driftskostnader</td><td>28 000</td><td>29 500</td></tr>
</table>
</body></html>
"""

# a kommune's table of its schools, as a plain-text report prints it
_SCHOOLS = [("Skole", "Elever", "Endring"), ("Nordli skole", "312", "-4"), ("Sentrum skole", "455", "21"),
            ("Vestre skole", "128", "- 9"), ("Sum", "895", "8")]
TXT = ("Lindvik kommune\nÅrsmelding 2041\n\nOppvekst\n\nTabell 3: Elevtall per skole pr. 1.10.2041\n"
       + "\n".join(f"{a:<20}{b:>10}{c:>12}" for a, b, c in _SCHOOLS) + "\n\nKommunen har tre grunnskoler.\n")

QUESTIONS = {
    # rank: the most, the least, the largest fall (a detached minus), the largest owners with a tie
    "Hvilken eierkommune i Fjellvidda Avfall hadde flest innbyggere i 2041?": ([6200.0], ["Åsby"]),
    "Minste kommune i Fjellvidda Avfall målt i innbyggere?": ([750.0], ["Myrvoll"]),
    "Hvilken Fjellvidda Avfall-kommune hadde størst nedgang i folketallet siste år?": ([-80.0], ["Åsby"]),
    "Hvilke kommuner er de største eierne i Fjellvidda Avfall IKS, og hvor store andeler har de?":
        ([40.0, 40.0], ["Åsby", "Bekkvik"]),
    "Hvilken skole i Lindvik kommune hadde flest elever i 2041?": ([455.0], ["Sentrum skole"]),
    "Hvilken skole i Lindvik kommune hadde størst nedgang i elevtallet?": ([-9.0], ["Vestre skole"]),
}


@pytest.fixture(scope="module")
def engine(warehouse_over_reports):
    from app.engine.engine import QuestionEngine

    return QuestionEngine(warehouse_over_reports({"fjellvidda_avfall_iks_arsberetning_2041.html": HTML,
                                                  "lindvik_kommune_arsmelding_2041.txt": TXT}, "unit_tables"))


def _values(r: dict, column: str = "value") -> list:
    return [row[r["columns"].index(column)] for row in r["rows"]]


@pytest.mark.parametrize("question", list(QUESTIONS))
def test_the_rows_are_ranked_by_the_column_named(engine, question):
    values, names = QUESTIONS[question]
    r = engine.ask(question, engine="planner")
    assert r["status"] == "ok", r["answer"]
    assert _values(r) == values and _values(r, "row_label") == names
    assert ("_arsberetning_2041.html" in r["answer"] or "_arsmelding_2041.txt" in r["answer"]) and \
        "Sum" not in _values(r, "row_label")


def test_a_breakdown_gives_every_row_of_the_column_named(engine):
    r = engine.ask("Fordel næringsabonnentene i Fjellvidda Avfall på kommune", engine="planner")
    assert r["status"] == "ok", r["answer"]
    assert _values(r) == [120.0, 40.0, 25.0, 15.0, 200.0]
    r = engine.ask("Fordeling av eierskapet i Fjellvidda Avfall IKS per kommune", engine="planner")
    assert _values(r) == [40.0, 40.0, 12.0, 8.0], r["answer"]
    assert "40 %" in r["answer"] or "40,00 %" in r["answer"] or "40 %" in r["answer"].replace("\u00a0", " ")


def test_the_member_rows_are_counted(engine):
    r = engine.ask("Hvor mange eierkommuner har Fjellvidda Avfall IKS?", engine="planner")
    assert r["status"] == "ok", r["answer"]
    assert _values(r) == [4] and "Åsby; Bekkvik; Lunde; Myrvoll" in r["answer"]


def test_the_total_row_answers_a_caption_dated_total(engine):
    # the columns print no year; the caption «INNBYGGERE pr. 31.12.2041» does
    r = engine.ask("Hvor mange innbyggere betjente Fjellvidda Avfall per 31.12.2041?", engine="planner")
    assert r["status"] == "ok", r["answer"]
    assert _values(r) == [10000.0]


def test_the_total_row_of_a_units_table(engine):
    r = engine.ask("Hvor mange elever hadde skolene i Lindvik kommune til sammen i 2041?", engine="planner")
    assert r["status"] == "ok", r["answer"]
    assert _values(r) == [895.0] and "Tabell 3" in r["answer"]


def test_one_rows_share_of_the_total_is_computed_with_both_figures(engine):
    r = engine.ask("Hvor stor andel av innbyggerne i Fjellvidda Avfall bodde i Bekkvik i 2041?", engine="planner")
    assert r["status"] == "ok", r["answer"]
    assert _values(r, "share_pct") == [21.0] and _values(r) == [2100.0] and _values(r, "total") == [10000.0]
    assert "/ s.total" in r["sql"]


def test_a_table_without_the_measure_asked_is_never_read(engine):
    r = engine.ask("Hvilken eierkommune i Fjellvidda Avfall hadde flest ansatte?", engine="planner")
    assert not any(v in (6200.0, 40.0) for v in _values(r))
    # a change column answers a change only of what its table holds: the turnover's change is no population change
    r = engine.ask("How much did Fjellvidda Avfall's turnover change from 2040 to 2041?", engine="planner")
    assert not any(v in (-80.0, -74.0) for v in _values(r)), r["answer"]


@pytest.mark.parametrize(("label", "is_name"), [
    ("Bømlo", True), ("Nord-Fron", True), ("Øvre Eiker", True), ("Rådhuset skole", True),
    ("Lønn og sosiale utgifter", False), ("31.12.2041", False), ("Antall ansatte ved utgangen av året i selskapet", False),
])
def test_rows_that_name_things(label, is_name):
    assert unit_table.name_like(label, ["skol"]) is is_name


def test_the_kind_asked_is_read_inside_compounds_and_the_measure_by_its_words():
    q = Question.parse("Hvilken Nordvik-kommune har flest eierkommuner og medlemmer?", "nb")
    assert set(unit_table.asked_kinds(q)) == {"kommun", "medlem"}
    assert unit_table.column_score(["folketall"], "Innbyggere") > 0
    assert unit_table.column_score(["eierskap"], "Eierandel:") > 0
    assert unit_table.column_score(["nedgang"], "Endring siste år") > 0
    assert unit_table.column_score(["næringsabonnent"], "ABONNENTER PR. 31.12.2041 Næring") > \
        unit_table.column_score(["næringsabonnent"], "ABONNENTER PR. 31.12.2041 Hushold.")
    assert unit_table.column_score(["ansatt"], "Innbyggere") == 0
