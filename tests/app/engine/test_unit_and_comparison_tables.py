"""Tables that are not the organisation's total, and columns that are not the reporting organisation's.

- A unit's key figures under its own heading ("Kultur og idrett – Nøkkeltall": sick leave per year, FTEs counted in
  December) are the unit's, whose name the document's own service-area table prints as a row: a question about the
  unit's sick leave or FTEs is answered from them, never from the unit's money rows.
- A KOSTRA table printing the organisation beside others and group averages ("Nordvik 2031 | Sørdal 2031 | Kostragruppe
  08 2031 | Landet uten Oslo 2031"): the organisation's figure is its own column, another organisation's is that one's
  column (named as that organisation's), a group's average is answered only when asked, beside the organisation's own.
- An inter-municipal company's owner table (rows the owner municipalities, heads cut short: "Innb.", "Hytteab."): the
  owner's row under the column the question names.

Invented reports, refreshed through the real flow."""
from __future__ import annotations

import pytest

from app.engine.engine import ask
from tests.app.engine.conftest import row_values

NORDVIK = """<html><head><title>Nordvik kommune – Årsrapport 2031</title></head><body>
<h1>Nordvik kommune – Årsrapport 2031</h1>
<h2>Økonomi</h2>
<table><caption>Resultater - tall i 1 000 kroner</caption>
<tr><th>Tjenesteområde</th><th>Regnskap 2031</th><th>Regulert budsjett 2031</th><th>Avvik 2031</th></tr>
<tr><td>Kultur og idrett</td><td>12 313</td><td>13 246</td><td>933</td></tr>
<tr><td>Skole og barnehage</td><td>120 557</td><td>121 282</td><td>725</td></tr>
<tr><td>Sum</td><td>132 870</td><td>134 528</td><td>1 658</td></tr>
</table>
<p>Tjenesteområdene hadde et samlet mindreforbruk.</p>
<h2>Kultur og idrett – Nøkkeltall</h2>
<h3>KOSTRA</h3>
<table><caption>Kulturutgifter</caption>
<tr><th></th><th>Nordvik 2030</th><th>Nordvik 2031</th><th>Sørdal 2031</th><th>Kostragruppe 08 2031</th><th>Landet uten Oslo 2031</th></tr>
<tr><td>Netto driftsutgifter til idrett, kr per innbygger</td><td>2 101</td><td>2 202</td><td>2 303</td><td>2 404</td><td>2 505</td></tr>
<tr><td>Netto driftsutgifter til bibliotek, kr per innbygger</td><td>611</td><td>622</td><td>633</td><td>644</td><td>655</td></tr>
</table>
<p>Kilde: KOSTRA</p>
<h3>Sykefravær</h3>
<table><caption>Endringer i sykefraværet</caption>
<tr><th></th><th>Sykefraværsprosent</th><th>Endring i %poeng</th></tr>
<tr><td>2029</td><td>6,1</td><td>-1,2</td></tr>
<tr><td>2030</td><td>6,3</td><td>0,2</td></tr>
<tr><td>2031</td><td>5,8</td><td>-0,5</td></tr>
</table>
<h3>Årsverksutvikling</h3>
<table><caption>Endring i årsverk</caption>
<tr><th></th><th>Årsverk</th><th>Endring i % fra året før</th></tr>
<tr><td>Desember 2030</td><td>41</td><td>2,5</td></tr>
<tr><td>Desember 2031</td><td>44</td><td>7,3</td></tr>
</table>
</body></html>
"""

SORDAL = """# Sørdal kommune – Årsmelding 2031

Sørdal kommune hadde et netto driftsresultat på 12,5 mill. kroner i 2031.
"""

VESTKYST = """# Vestkyst Renovasjon IKS – Årsmelding 2031

## Eierkommuner

Kommuner i Vestkyst Renovasjon

| Kommune | Areal km² | Innb. | Abonn. | Hytteab. |
|---|---|---|---|---|
| Vestby kommune | 938 | 24 028 | 9 196 | 988 |
| Østby kommune | 1 548 | 14 933 | 6 176 |  |
| Nordby kommune | 645 | 20 254 | 8 037 | 2 276 |
"""

REPORTS = {"nordvik_arsrapport_2031.html": NORDVIK, "sordal_arsmelding_2031.md": SORDAL,
           "vestkyst_renovasjon_arsmelding_2031.md": VESTKYST}


@pytest.fixture(scope="module")
def warehouse(warehouse_over_reports):
    return warehouse_over_reports(REPORTS, "unit_and_comparison_tables")


def _ok(warehouse, question: str) -> dict:
    result = ask(question, warehouse=warehouse, engine="planner")
    assert result["status"] == "ok", (question, result["answer"])
    return result


def _organisations(result: dict) -> list[str]:
    i = result["columns"].index("organisation")
    return [r[i] for r in result["rows"]]


def test_a_units_sick_leave_under_its_heading(warehouse):
    result = _ok(warehouse, "Sykefravær i kultur og idrett i Nordvik 2029–2031")
    assert sorted(row_values(result) or [r[-1] for r in result["rows"]]) == [5.8, 6.1, 6.3], result["answer"]
    assert "12 313" not in result["answer"], "never the unit's money rows"


def test_a_units_ftes_counted_in_december_are_the_years(warehouse):
    result = _ok(warehouse, "Årsverk i kultur og idrett i Nordvik 2030 til 2031")
    assert "41" in result["answer"] and "44" in result["answer"], result["answer"]
    assert "12 313" not in result["answer"] and "13 246" not in result["answer"], result["answer"]


def test_the_organisations_own_column_not_the_groups(warehouse):
    result = _ok(warehouse, "Hvor mye brukte Nordvik på idrett per innbygger i 2031?")
    assert row_values(result) == [2202], result["answer"]


def test_another_organisations_column_is_that_organisations(warehouse):
    result = _ok(warehouse, "Netto driftsutgifter til idrett per innbygger 2031: Nordvik sammenlignet med Sørdal")
    assert sorted(row_values(result)) == [2202, 2303], result["answer"]
    by_org = dict(zip(_organisations(result), row_values(result)))
    assert by_org.get("Sørdal kommune") == 2303 and by_org.get("Nordvik kommune") == 2202, result["rows"]


def test_the_other_organisation_asked_alone_gets_its_column(warehouse):
    result = _ok(warehouse, "Hvor mye brukte Sørdal på bibliotek per innbygger i 2031?")
    assert row_values(result) == [633], result["answer"]
    assert _organisations(result) == ["Sørdal kommune"], result["rows"]


def test_the_national_average_only_when_asked_and_beside_the_own(warehouse):
    result = _ok(warehouse, "Hvor mye høyere enn landet uten Oslo lå Nordvik på bibliotek per innbygger i 2031?")
    assert sorted(row_values(result)) == [622, 655], result["answer"]


def test_an_organisation_no_column_prints_stays_refused(warehouse):
    result = ask("Hvor mye brukte Dalby på idrett per innbygger i 2031?", warehouse=warehouse, engine="planner")
    assert result["status"] != "ok", result["answer"]
    assert not {2202, 2303, 2404, 2505} & set(row_values(result)), result["answer"]


def test_an_owner_row_under_a_head_cut_short(warehouse):
    result = _ok(warehouse, "Hvor mange hytteabonnenter har Vestkyst Renovasjon i Nordby?")
    assert row_values(result) == [2276], result["answer"]


def test_two_owner_rows_compared_under_one_column(warehouse):
    result = _ok(warehouse, "Abonnenter Vestby mot Nordby, Vestkyst Renovasjon 2031")
    assert sorted(row_values(result)) == [8037, 9196], result["answer"]


def test_an_owner_row_with_an_empty_cell_stays_refused(warehouse):
    result = ask("Hvor mange hytteabonnenter har Vestkyst Renovasjon i Østby?", warehouse=warehouse, engine="planner")
    assert not {988, 2276} & set(row_values(result)), result["answer"]
