"""A question that names an organisation by the short form only the organisation list knows ("Prøvestad" for
"Prøvestad kommune", "Fjellnett" for "Fjellnett IKS") is about that organisation's own figures: it is answered
with them, or refused as not reported for it, never answered with another organisation's figure. Invented
reports, refreshed through the real flow."""
from __future__ import annotations

import pytest

from app.engine.engine import ask

REPORTS = {
    "provestad_kommune_arsmelding_2022.txt": (
        "Prøvestad kommune\nÅrsmelding 2022\n\n"
        "Sykefravær\nDet samlede sykefraværet i Prøvestad kommune var 7,4 prosent i 2022.\n\n"
        "Sykefravær etter kjønn\nKjønn Sykefravær 2022\nKvinner 9,1\nMenn 3,2\n"),
    "fjellnett_iks_arsrapport_2022.txt": (
        "Fjellnett IKS\nÅrsrapport 2022\n\n"
        "Personal\nSelskapet hadde 31 årsverk ved utgangen av 2022.\n"),
}


@pytest.fixture(scope="module")
def warehouse(warehouse_over_reports):
    return warehouse_over_reports(REPORTS, "two_orgs")


@pytest.mark.parametrize("question", ["sykefravær Prøvestad 2022", "What was Prøvestad's sick leave in 2022?",
                                      "Kva var sjukefråværet i Prøvestad i 2022?"])
def test_a_short_name_is_answered_with_that_organisations_figure(warehouse, question):
    result = ask(question, warehouse=warehouse, engine="planner")
    assert result["status"] == "ok", result["answer"]
    assert [r[0] for r in result["rows"]] == ["Prøvestad kommune"], result["rows"]


@pytest.mark.parametrize("question", ["sykefravær Fjellnett 2022", "What was Fjellnett's sick leave in 2022?",
                                      "Hvor høyt var sykefraværet i Fjellnett i 2022?"])
def test_an_organisation_without_the_figure_is_refused_not_answered_with_another(warehouse, question):
    result = ask(question, warehouse=warehouse, engine="planner")
    assert result["status"] != "ok", result["answer"]
    assert result["rows"] == [] or all("Prøvestad" not in str(r) for r in result["rows"]), result["rows"]
    assert "7,4" not in result["answer"] and "7.4" not in result["answer"], result["answer"]
    assert "Fjellnett" in result["answer"], result["answer"]


def test_the_organisations_figure_without_a_breakdown_is_answered(warehouse):
    result = ask("årsverk Fjellnett 2022", warehouse=warehouse, engine="planner")
    assert result["status"] == "ok", result["answer"]
    assert [r[0] for r in result["rows"]] == ["Fjellnett IKS"] and 31 in [v for r in result["rows"] for v in r]


@pytest.mark.parametrize("question", ["How many FTEs did Fjellnett have for each owner municipality in 2022?",
                                      "Hvor mange årsverk hadde Fjellnett per eierkommune i 2022?"])
def test_a_split_by_member_municipality_the_data_lacks_is_refused_not_answered_with_the_total(warehouse, question):
    result = ask(question, warehouse=warehouse, engine="planner")
    assert result["status"] == "unanswerable", result["answer"]
    assert result["rows"] == []
    assert result.get("suggestions"), result


def test_a_split_by_gender_is_no_split_by_member_municipality(warehouse):
    from flows.warehouse import connect_readonly

    con = connect_readonly(warehouse)
    try:
        split = con.execute("select count(*) from fct_metric_value where subject is not null").fetchone()[0]
    finally:
        con.close()
    assert split, "the invented report splits sick leave by gender"
    result = ask("sykefravær per kommune Prøvestad 2022", warehouse=warehouse, engine="planner")
    assert result["status"] == "unanswerable", result["answer"]
    assert result["rows"] == []
