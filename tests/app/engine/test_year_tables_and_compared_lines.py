"""A change asked over a table of years answers from the row's cells of both years, in Norwegian and English
("turnover" ~ «Omsetning»), never from a units table's change column (app/engine/families/unit_table.py,
app/engine/wordforms.py); a comparison of two account lines answers both (app/engine/families/account_line.py); the net
operating result in percent of the revenue is the percent a sentence states with the line ("netto resultatgrad"), the
percent's base never read as the line asked (app/engine/families/cell_lookup.py, app/engine/asked_unit.py). Invented
reports through the real refresh."""
from __future__ import annotations

import pytest

HTML = """<html><head><title>Nordfjell Renovasjon IKS – Årsberetning 2031</title></head><body>
<h1>Nordfjell Renovasjon IKS – Årsberetning 2031</h1>
<h2>Befolkning</h2>
<table border="1">
<tr><th colspan="3">INNBYGGERE pr. 31.12.2031</th></tr>
<tr><th></th><th>Innbyggere</th><th>Endring siste år</th></tr>
<tr><td>Åsby</td><td>6 200</td><td>- 80</td></tr>
<tr><td>Bekkvik</td><td>2 100</td><td>15</td></tr>
<tr><td>Lunde</td><td>950</td><td>- 12</td></tr>
<tr><td>Sum</td><td>9 250</td><td>- 77</td></tr>
</table>
<h2>Utvikling:</h2>
<table border="1">
<tr><th></th><th>2028</th><th>2029</th><th>2030</th><th>2031</th></tr>
<tr><td>Omsetning (i mill. kr)</td><td>17,4</td><td>21,0</td><td>25,4</td><td>28,0</td></tr>
</table>
</body></html>
"""

TXT = """Vestvik kommune

Årsregnskap 2031

Av driftsinntekter på 470 millioner kroner utgjorde frie inntekter fra staten hovedtyngden.

De samlede driftsutgiftene var 471 millioner kroner; rundt millionen større enn inntektene.

Netto driftsresultat ble på 25,4 mill. kroner, noe som gir en netto resultatgrad på 3,7 prosent.
"""


@pytest.fixture(scope="module")
def engine(warehouse_over_reports):
    from app.engine.engine import QuestionEngine

    return QuestionEngine(warehouse_over_reports({"nordfjell_renovasjon_iks_arsberetning_2031.html": HTML,
                                                  "vestvik_kommune_arsregnskap_2031.txt": TXT}, "year_tables"))


def _numbers(r: dict) -> set[float]:
    return {round(float(v), 1) for row in r["rows"] for v in row if isinstance(v, (int, float))
            and not isinstance(v, bool)}


@pytest.mark.parametrize("question", [
    "Hvor mye endret omsetningen til Nordfjell Renovasjon seg fra 2030 til 2031?",
    "How much did Nordfjell Renovasjon's turnover change from 2030 to 2031?",
])
def test_a_change_over_a_table_of_years_answers_from_both_years(engine, question):
    r = engine.ask(question, engine="planner")
    assert r["status"] == "ok", r["answer"]
    assert {25_400_000.0, 28_000_000.0} <= _numbers(r), r["answer"]
    assert not _numbers(r) & {-77.0, -80.0}, r["answer"]  # never the population's change column


def test_staff_turnover_is_not_the_company_s_sales():
    from app.engine.wordforms import translations

    assert "omsetning"[:6] in {t[:6] for t in translations(("turnover",))}
    assert not {t for t in translations(("staff", "turnover")) if t.startswith("omsetn")}


@pytest.mark.parametrize("question", [
    "Vestvik kommune 2031: hvor store var driftsutgiftene sammenlignet med driftsinntektene?",
    "Driftsutgifter mot driftsinntekter i Vestvik kommune 2031",
])
def test_two_account_lines_compared_are_both_answered(engine, question):
    r = engine.ask(question, engine="planner")
    assert r["status"] == "ok", r["answer"]
    assert {470_000_000.0, 471_000_000.0} <= _numbers(r), r["answer"]


@pytest.mark.parametrize("question", [
    "What was Vestvik's net operating result in 2031 as a percentage of gross operating revenue?",
    "Netto resultatgrad Vestvik kommune 2031",
])
def test_the_net_operating_result_in_percent_is_the_stated_percent(engine, question):
    r = engine.ask(question, engine="planner")
    assert r["status"] == "ok", r["answer"]
    assert 3.7 in _numbers(r), r["answer"]


def test_a_percent_base_never_makes_the_line_asked_a_gross_one():
    from app.engine.families.base import Question
    from app.engine.families.cell_lookup import narrowing_word, net_gross_not_in

    q = Question.parse("What was the net operating result as a percentage of gross operating revenue?", "en")
    assert narrowing_word(q, ["Netto driftsresultat"]) is None
    assert net_gross_not_in(q, ["Netto driftsresultat"]) is None
    q = Question.parse("What was the gross operating result?", "en")
    assert narrowing_word(q, ["Netto driftsresultat"]) == "gross"
