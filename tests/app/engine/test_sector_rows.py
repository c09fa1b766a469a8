"""A sector named as a compound of its row's name ("undervisningssektoren" of the row «Undervisning» in a table of
sectors summed as "Sum sektorene"): the row answers for that sector, no caption need name it again. An invented
report (HTML) refreshed through the real flow."""
from __future__ import annotations

import pytest

from app.engine.engine import ask

REPORTS = {
    "provestad_kommune_arsmelding_2019.html": (
        "<html><head><title>ÅRSMELDING 2019 PRØVESTAD KOMMUNE</title></head><body>"
        "<h1>ÅRSMELDING 2019 PRØVESTAD KOMMUNE</h1><p>INNHOLD SENTRALADMINISTRASJON UNDERVISNINGSSEKTOR KULTURSEKTOR "
        "TEKNISK SEKTOR</p><h2>Økonomi</h2>"
        "<table><tr><th>(mill. kr)</th><th>Regnskap</th><th>Budsjett</th><th>Avvik</th></tr>"
        "<tr><td>Sentraladm</td><td>26,4</td><td>27,4</td><td>1,0</td></tr>"
        "<tr><td>Undervisning</td><td>240,3</td><td>233,3</td><td>-7,0</td></tr>"
        "<tr><td>Kultur</td><td>26,8</td><td>27,6</td><td>0,8</td></tr>"
        "<tr><td>Teknisk</td><td>20,0</td><td>23,0</td><td>3,0</td></tr>"
        "<tr><td>Sum sektorene</td><td>313,5</td><td>311,3</td><td>-2,2</td></tr></table>"
        "<p>Undervisningssektoren har et merforbruk på 7,0 mill. kr og kultursektoren har brukt 0,8 mill. kr mindre "
        "enn budsjett. De andre sektorene har besparelser i forhold til budsjett. Reservepostene viser en besparelse "
        "på nesten 8 mill. kr.</p>"
        "</body></html>"),
}


@pytest.fixture(scope="module")
def warehouse(warehouse_over_reports):
    return warehouse_over_reports(REPORTS, "sector_rows")


@pytest.mark.parametrize("question, expected", [
    ("Hva var regnskapet for undervisningssektoren i Prøvestad kommune i 2019?", 240_300_000),
    ("Regnskap for kultursektoren i Prøvestad 2019", 26_800_000),
])
def test_a_sector_named_by_its_rows_compound(warehouse, question, expected):
    r = ask(question, warehouse, engine="planner")
    assert r["status"] == "ok", r["answer"]
    values = [v for row in r["rows"] for v in row if isinstance(v, float)]
    assert expected in values, r["answer"]
