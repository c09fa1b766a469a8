"""A customer written with its unit ("Nordby kommune - Helse og omsorg"): "kva eining i Nordby kommune melde flest
saker" ranks the units of that organisation (the attribute «Customer unit» the marts keep beside the organisation),
never a breakdown of one customer by customer; "saker frå helse og omsorg" counts that unit. Invented export, real
refresh."""
from __future__ import annotations

import pytest

from tests.app.engine.conftest import write_csv

UNITS = [("Nordby kommune - Helse og omsorg", 5), ("Nordby kommune - Oppvekst", 3), ("Nordby kommune - Teknisk", 1),
         ("Sørby kommune - Helse og omsorg", 4)]


@pytest.fixture(scope="module")
def engine(engine_over_exports, tmp_path_factory):
    folder = tmp_path_factory.mktemp("customer-units")
    rows, n = [], 0
    for customer, count in UNITS:
        for _ in range(count):
            n += 1
            rows.append({"Saksnr": f"S-{n:04d}", "Registrert": f"{(n % 27) + 1:02d}.03.2031 10:00", "Status": "Løst",
                         "Kategori": "Tilgang", "Kunde": customer})
    write_csv(folder / "iks_servicedesk_2031.csv", rows)
    return engine_over_exports(folder, "customer-units")


def test_the_units_of_the_organisation_named_are_ranked(engine):
    result = engine.ask("Kva eining i Nordby kommune melde flest saker i 2031?", engine="planner")
    assert result["status"] == "ok", result["answer"]
    assert tuple(result["rows"][0][:2]) == ("Helse og omsorg", 5), result["rows"]
    assert all("Sørby" not in str(r) for r in result["rows"])


def test_a_unit_named_counts_its_tickets(engine):
    result = engine.ask("Hvor mange saker kom fra Oppvekst i Nordby kommune i 2031?", engine="planner")
    assert result["status"] == "ok", result["answer"]
    assert [tuple(r) for r in result["rows"]] == [(3,)], result["rows"]
