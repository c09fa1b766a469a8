"""Columns a helpdesk export names in no word the loader knows, found by what they hold: a customer column headed
"Enhet" whose cells are paths in a customer tree ("Rot > Eksempel IKT IKS > Nordvik kommune"), a JSON object that is
null in some records beside {"name": …} in others, a channel column headed "create_article_type" (email/phone/web),
and "Chat" a channel of its own, apart from the portal. Each export is written here, loaded into a real DuckDB file and
counted against the plain reading of the rows written."""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import duckdb
import pytest

from flows.org_kinds import names_organisation
from flows.tickets.load import load_ticket_exports
from flows.tickets.presets import normalise_channel
from flows.tickets.readers import read_json_table

MUNICIPALITIES = ("Nordvik", "Sørvåg", "Elvdal")


@pytest.fixture()
def con(tmp_path):
    c = duckdb.connect(str(tmp_path / "warehouse.duckdb"))
    yield c
    c.close()


def test_cells_that_name_an_organisation_by_its_kind():
    for cell in ("Nordvik kommune", "SØRVÅG K.", "Elvdal k.", "Nordvik kommune - Helse", "Eksempel IKT IKS",
                 "Rot > Eksempel IKT IKS > Sørvåg kommune", "Elvdal kommune v/ Teknisk"):
        assert names_organisation(cell), cell
    for cell in ("Jon Vik", "VPN faller ut", "IT > Tilgang", "nordvik", "Kommune", "", None):
        assert not names_organisation(cell), cell


def _glpi_like(path: Path) -> Counter:
    """';'-separated, the customer in "Enhet" as the last part of a tree path, a "Kanal" with chat beside the portal;
    returns the tickets written per municipality."""
    rows, per = [], Counter()
    for n in range(60):
        muni = MUNICIPALITIES[n % 3] if n % 7 else MUNICIPALITIES[0]
        per[muni] += 1
        channel = ("Telefon", "E-post", "Portal", "Chat")[n % 4]
        rows.append([str(5000 + n), f"Sak {n}", "Lukket", f"{1 + n % 27:02d}-03-2024 08:{n % 60:02d}",
                     f"{1 + n % 27:02d}-03-2024 15:{n % 60:02d}", ("Høy", "Middels", "Lav")[n % 3],
                     f"Rotenhet > Eksempel IKT IKS > {muni} kommune", channel])
    header = ["ID", "Tittel", "Status", "Åpningsdato", "Løsningsdato", "Prioritet", "Enhet", "Kanal"]
    path.write_text("\n".join(";".join(f'"{c}"' for c in r) for r in [header, *rows]) + "\n", encoding="utf-8")
    return per


def test_a_customer_column_found_by_its_values_and_chat_counted_apart(tmp_path, con):
    path = tmp_path / "saker_enhet.csv"
    per = _glpi_like(path)
    f = load_ticket_exports(con, [path]).files[0]
    assert f.status == "loaded", f.message
    got = dict(con.execute("select regexp_replace(customer_org, '^.*> ', ''), count(*) from raw.tickets "
                           "group by all").fetchall())
    assert got == {f"{m} kommune": c for m, c in per.items()}
    channels = dict(con.execute("select channel, count(*) from raw.tickets group by all").fetchall())
    assert channels == {"phone": 15, "email": 15, "portal": 15, "chat": 15}


def _zammad_like(path: Path) -> tuple[Counter, Counter]:
    """A JSON array of nested objects: "organization" null for every fifth ticket, else {"id", "name"}; the channel in
    "create_article_type". Returns the tickets per organisation name and per channel written."""
    records, orgs, kinds = [], Counter(), Counter()
    for n in range(40):
        org = None if n % 5 == 0 else {"id": n % 3, "name": f"{MUNICIPALITIES[n % 3]} kommune"}
        kind = ("email", "phone", "web")[n % 3]
        orgs[org["name"] if org else None] += 1
        kinds[kind] += 1
        records.append({"id": 900 + n, "number": str(71000 + n), "title": f"Sak {n}", "state": {"name": "closed"},
                        "priority": {"name": "2 normal"}, "organization": org, "create_article_type": kind,
                        "created_at": f"2024-09-{1 + n % 28:02d}T07:43:59.000Z",
                        "close_at": f"2024-09-{1 + n % 28:02d}T13:00:00.000Z"})
    path.write_text(json.dumps(records, indent=2), encoding="utf-8")
    return orgs, kinds


def test_a_json_object_null_in_some_records_is_no_column_of_its_own(tmp_path):
    path = tmp_path / "tickets.json"
    _zammad_like(path)
    header, _ = read_json_table(path)
    assert "organization.name" in header and "organization" not in header


def test_a_nested_customer_and_a_channel_without_a_channel_word_are_read(tmp_path, con):
    path = tmp_path / "tickets.json"
    orgs, kinds = _zammad_like(path)
    f = load_ticket_exports(con, [path]).files[0]
    assert f.status == "loaded", f.message
    got = dict(con.execute("select customer_org, count(*) from raw.tickets group by all").fetchall())
    assert got == dict(orgs)
    channels = dict(con.execute("select channel, count(*) from raw.tickets group by all").fetchall())
    assert channels == {normalise_channel(k): c for k, c in kinds.items()}
    assert channels["portal"] == kinds["web"]


def test_a_swedish_contact_column_is_the_channel(tmp_path, con):
    """'Kontaktsätt' with Telefon / E-post / Självservice / Besök: phone, email, portal, walk-in."""
    written = ("Telefon", "E-post", "Självservice", "Besök", "Telefon")
    rows = [[f"ÄR-{n}", f"2024-05-{1 + n % 28:02d} 09:00", f"2024-05-{1 + n % 28:02d} 12:00", "Löst",
             written[n % len(written)]] for n in range(50)]
    path = tmp_path / "arenden.csv"
    path.write_text("\n".join(";".join(r) for r in [["Ärende-ID", "Registrerat", "Löst datum", "Status",
                                                      "Kontaktsätt"], *rows]) + "\n", encoding="utf-8")
    f = load_ticket_exports(con, [path]).files[0]
    assert f.status == "loaded", f.message
    channels = dict(con.execute("select channel, count(*) from raw.tickets group by all").fetchall())
    assert channels == {"phone": 20, "email": 10, "portal": 10, "walk_in": 10}
