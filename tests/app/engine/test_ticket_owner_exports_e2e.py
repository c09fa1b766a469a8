"""Two invented exports of two IT companies, refreshed through the real loaders, each named for the company whose desk
it is and each with that company's own internal customer row among its municipalities:
- a HaloITSM-style JSON ("tickets": [...]) whose channel and service area are held only in its custom fields
  ("customfields": [{"name": "CFKanal", "label": "Kanal", "display": "E-post"}]);
- a SysAid-style CSV with an «Administratorgruppe» and a «Time spent» written as h:mm.
A question naming a company asks for its whole desk's tickets, never its internal customer row alone, unless it says
the company sent them. Every expected figure is computed here from the rows written here."""
from __future__ import annotations

import csv
import json
from datetime import datetime, timedelta

import pytest

CLIENTS = ("Brekkvik kommune", "Lisund kommune", "Tornes kommune", "Fjellnett IKT (intern)")
AREAS = ("Oppvekst", "Helse og omsorg", "Oppvekst", "Teknisk")
CHANNELS = ("E-post", "Portal", "E-post", "Telefon", "E-post")
FIRMS = ("Askeby kommune", "Tindvik kommune", "Askeby kommune", "Dalstrand IKT")
GROUPS = ("Servicedesk", "Nettverk", "Klient")


def _make(folder):
    halo = []
    for n in range(240):
        created = datetime(2023, 1, 3, 9) + timedelta(hours=71 * n)
        halo.append({
            "id": 5000 + n, "dateoccurred": f"{created:%Y-%m-%dT%H:%M:%S}.000Z",
            "dateclosed": f"{created + timedelta(hours=4 + n % 30):%Y-%m-%dT%H:%M:%S}.000Z",
            "status_id": 9, "priority_id": 1 + n % 4, "client_name": CLIENTS[(0, 0, 0, 1, 1, 2, 3)[n % 7]],
            "category_1": ("Programvare", "Maskinvare", "Nettverk")[n % 3], "summary": f"Sak {n}",
            "customfields": [{"id": 181, "name": "CFTenesteomrade", "label": "Tenesteområde", "display": AREAS[n % 4]},
                             {"id": 182, "name": "CFKanal", "label": "Kanal", "display": CHANNELS[n % 5]}]})
    (folder / "haloitsm_fjellnett_ikt_tickets.json").write_text(
        json.dumps({"page_no": 1, "record_count": len(halo), "tickets": halo}, ensure_ascii=False), encoding="utf-8")
    rows = []
    for n in range(200):
        created = datetime(2023, 1, 2, 8) + timedelta(hours=83 * n)
        rows.append({"ID": str(9000 + n), "Tittel": f"Sak {n}", "Status": "Lukket", "Prioritet": ("Høy", "Lav")[n % 2],
                     "Firma": FIRMS[n % 4], "Administratorgruppe": GROUPS[(0, 0, 1, 2, 0)[n % 5]],
                     "Forespørselstidspunkt": f"{created:%d.%m.%Y %H:%M}",
                     "Lukketidspunkt": f"{created + timedelta(hours=3 + n % 50):%d.%m.%Y %H:%M}",
                     "Time spent": f"{n % 3}:{(15 * n) % 60:02d}"})
    with open(folder / "sysaid_dalstrand_ikt_foresporsler.csv", "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]), delimiter=";")
        writer.writeheader()
        writer.writerows(rows)
    return halo, rows


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    folder = tmp_path_factory.mktemp("owner-exports")
    return folder, _make(folder)


@pytest.fixture(scope="module")
def engine(made, engine_over_exports):
    return engine_over_exports(made[0], "owner-exports")


def _ask(engine, question):
    r = engine.ask(question, engine="planner")
    assert r["status"] == "ok", r["answer"]
    return r


def _halo_year(t, year):
    return t["dateoccurred"].startswith(str(year))


def _csv_year(r, year):
    return r["Forespørselstidspunkt"][6:10] == str(year)


def test_the_company_named_asks_for_its_whole_desk(engine, made):
    halo, rows = made[1]
    r = _ask(engine, "Hvor mange saker registrerte Fjellnett IKT i 2024?")
    assert [row[-1] for row in r["rows"]] == [sum(_halo_year(t, 2024) for t in halo)], r["answer"]
    r = _ask(engine, "Hvor mange saker hadde Dalstrand IKT i 2024?")
    assert [row[-1] for row in r["rows"]] == [sum(_csv_year(x, 2024) for x in rows)], r["answer"]


def test_the_company_said_to_send_tickets_is_its_customer_row(engine, made):
    halo, _ = made[1]
    own = sum(_halo_year(t, 2024) and t["client_name"] == "Fjellnett IKT (intern)" for t in halo)
    r = _ask(engine, "Hvor mange saker kom fra Fjellnett IKT (intern) i 2024?")
    assert [row[-1] for row in r["rows"]] == [own], r["answer"]


def test_the_municipality_with_most_tickets_at_the_company(engine, made):
    halo, _ = made[1]
    counts = {}
    for t in halo:
        if _halo_year(t, 2024) and t["client_name"].endswith("kommune"):
            counts[t["client_name"]] = counts.get(t["client_name"], 0) + 1
    top = max(counts, key=counts.get)
    r = _ask(engine, "Kva kommune melde flest saker til Fjellnett IKT i 2024?")
    assert r["rows"][0][0] == top and r["rows"][0][-1] == counts[top], r["answer"]


def test_custom_fields_are_attributes_and_the_channel(engine, made):
    halo, _ = made[1]
    in_2024 = [t for t in halo if _halo_year(t, 2024)]
    email = sum(t["customfields"][1]["display"] == "E-post" for t in in_2024)
    r = _ask(engine, "Kor stor del av sakene til Fjellnett IKT kom inn på e-post i 2024?")
    assert f"{100 * email / len(in_2024):.1f}".replace(".", ",") in r["answer"], r["answer"]
    areas = {}
    for t in in_2024:
        a = t["customfields"][0]["display"]
        areas[a] = areas.get(a, 0) + 1
    top = max(areas, key=areas.get)
    r = _ask(engine, "Kva tenesteområde melde flest saker til Fjellnett IKT i 2024?")
    assert top in r["answer"] and str(areas[top]) in r["answer"], r["answer"]


def test_time_spent_in_hours_and_the_administrator_group(engine, made):
    _, rows = made[1]

    def hours(x):
        h, m = x["Time spent"].split(":")
        return int(h) + int(m) / 60
    total = sum(hours(x) for x in rows if _csv_year(x, 2024))
    r = _ask(engine, "Hvor mange timer ble brukt på saker hos Dalstrand IKT i 2024?")
    assert f"{total:.2f}".replace(".", ",") in r["answer"].replace("\u00a0", ""), r["answer"]
    groups = {}
    for x in rows:
        if _csv_year(x, 2024):
            groups[x["Administratorgruppe"]] = groups.get(x["Administratorgruppe"], 0) + 1
    top = max(groups, key=groups.get)
    r = _ask(engine, "Hvilken administratorgruppe hos Dalstrand IKT hadde flest saker i 2024?")
    assert r["rows"][0][0] == top, r["answer"]
