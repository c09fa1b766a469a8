"""Exports from helpdesks never seen here, loaded and built by dbt into a real DuckDB warehouse: customers written
with a sub-unit after the organisation, in capitals, abbreviated, without the Nordic letters or as an e-mail domain or
address meet as one organisation shown as a document writes it; flag columns count their true values; an SLA
breach column is no SLA met; times in UTC fall on their Oslo date. Expected values are read from the files here, not from the loader."""
from __future__ import annotations

import csv
import datetime as dt
import os
from pathlib import Path
from zoneinfo import ZoneInfo

import duckdb
import pytest

from flows.dbt import run_dbt
from flows.tickets.load import load_ticket_exports
from flows.warehouse import ensure_raw_schema

OSLO = ZoneInfo("Europe/Oslo")
CUSTOMERS = ["Nordvik kommune / Hjemmetjenesten", "Nordvik kommune v/ Teknisk", "NORDVIK", "Nordvik Kommune",
             "Nordvik k.", "Sorvag kommune", "Sørvåg kommune v/Skole", "Kunder / Sørvåg kommune",
             # named by the e-mail domain or address (a CustomerID of a domain, a requester's address)
             "nordvik.kommune.no", "kari@skole.sorvag.kommune.no",
             # the part after a dash, or a provider's customer tree as a path
             "Nordvik kommune - Helse og omsorg", "Leverandør IKT/Kunder/Sørvåg kommune/Oppvekst"]
# the organisation and the sub-unit each cell names
MEANT = {"Nordvik kommune / Hjemmetjenesten": ("nordvik", "Hjemmetjenesten"),
         "Nordvik kommune v/ Teknisk": ("nordvik", "Teknisk"), "NORDVIK": ("nordvik", None),
         "Nordvik Kommune": ("nordvik", None), "Nordvik k.": ("nordvik", None), "Sorvag kommune": ("sorvag", None),
         "Sørvåg kommune v/Skole": ("sorvag", "Skole"), "Kunder / Sørvåg kommune": ("sorvag", None),
         "nordvik.kommune.no": ("nordvik", None), "kari@skole.sorvag.kommune.no": ("sorvag", None),
         "Nordvik kommune - Helse og omsorg": ("nordvik", "Helse og omsorg"),
         "Leverandør IKT/Kunder/Sørvåg kommune/Oppvekst": ("sorvag", "Oppvekst")}


def _export(path: Path) -> list[dict]:
    rows = []
    for t in range(1, 33):
        created = dt.datetime(2024, 7, 31, 22, 15, tzinfo=dt.timezone.utc) + dt.timedelta(days=t // 4)
        rows.append({"Saksnr": f"S{t}", "Opprettet": created.strftime("%Y-%m-%dT%H:%M:%SZ"),
                     "Løst": (created + dt.timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M:%SZ"),
                     "Firma": CUSTOMERS[t % len(CUSTOMERS)], "Prioritet": ["Høy", "Normal", "Lav"][t % 3],
                     "Løsningsfrist brutt": "Ja" if t % 5 == 0 else "Nei",
                     "Gjenåpnet": "Ja" if t % 6 == 0 else "Nei"})
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]), delimiter=";")
        writer.writeheader()
        writer.writerows(rows)
    return rows


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("unseen_marts")
    rows = _export(tmp / "saker_firma.csv")
    path = tmp / "warehouse.duckdb"
    con = duckdb.connect(str(path))
    ensure_raw_schema(con)
    result = load_ticket_exports(con, [tmp / "saker_firma.csv"])
    assert all(f.status == "loaded" for f in result.files), result
    con.close()
    saved = {k: os.environ.get(k) for k in ("DBT_TARGET_PATH", "DBT_LOG_PATH")}
    os.environ.update(DBT_TARGET_PATH=str(tmp / "target"), DBT_LOG_PATH=str(tmp / "logs"))
    try:
        build = run_dbt(["build"], duckdb_path=path)
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    assert build.success, [f"{n.name}: {n.message}" for n in build.nodes if n.status not in ("success", "pass")]
    con = duckdb.connect(str(path), read_only=True)
    yield con, rows
    con.close()


def test_a_customer_with_a_sub_unit_or_without_its_letters_is_one_organisation(built):
    con, rows = built
    got = {t: (k, u) for t, k, u in con.execute(
        "select ticket_id, organisation_key, customer_subunit from fct_ticket").fetchall()}
    assert got == {r["Saksnr"]: MEANT[r["Firma"]] for r in rows}
    # one organisation each, shown as a document writes it: the kind in full and the Nordic letters
    names = dict(con.execute("select organisation_key, organisation_name from dim_organisation "
                             "where organisation_key <> 'unknown'").fetchall())
    assert names == {"nordvik": "Nordvik kommune", "sorvag": "Sørvåg kommune"}
    # the sub-unit is an attribute of the ticket too, so the tickets of one part of every customer can be counted
    parts = dict(con.execute("select ticket_id, value from fct_ticket_attribute "
                             "where attribute = 'Customer unit'").fetchall())
    assert parts == {r["Saksnr"]: MEANT[r["Firma"]][1] for r in rows if MEANT[r["Firma"]][1]}


def test_a_flag_column_counts_its_true_values_and_an_sla_breach_is_no_sla_met(built):
    con, rows = built
    breached = {r["Saksnr"] for r in rows if r["Løsningsfrist brutt"] == "Ja"}
    assert 0 < len(breached) < len(rows)
    flagged = {t for (t,) in con.execute("select t.ticket_id from fct_ticket_attribute a join fct_ticket t "
                                         "using (ticket_key) where a.flag_name = 'Løsningsfrist brutt' "
                                         "and a.value_flag").fetchall()}
    assert flagged == breached
    met = dict(con.execute("select ticket_id, is_sla_met from fct_ticket_lifecycle").fetchall())
    assert met == {r["Saksnr"]: r["Saksnr"] not in breached for r in rows}
    # a yes/no reopened column, without a count, says whether the ticket was reopened
    reopened = dict(con.execute("select ticket_id, is_reopened from fct_ticket_lifecycle").fetchall())
    assert reopened == {r["Saksnr"]: r["Gjenåpnet"] == "Ja" for r in rows}


def test_utc_times_fall_on_their_oslo_date(built):
    con, rows = built
    got = dict(con.execute("select ticket_id, created_date from fct_ticket").fetchall())
    want = {r["Saksnr"]: dt.datetime.fromisoformat(r["Opprettet"]).astimezone(OSLO).date() for r in rows}
    assert got == want
    # 22:15Z on 31 July is 00:15 on 1 August in Oslo: no ticket in July
    assert min(want.values()) == dt.date(2024, 8, 1)
    assert con.execute("select count(*) from agg_ticket_periods where grain = 'month' and dimension = 'all' "
                       "and start_date = date '2024-07-01' and created_count > 0").fetchone()[0] == 0
