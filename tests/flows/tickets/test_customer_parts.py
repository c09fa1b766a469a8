"""A customer cell that writes the part of an organisation after it, with " - " ("X kommune - Helse og omsorg") or as
a path of a provider's customer tree ("Leverandør IKT/Kunder/X kommune/Oppvekst"), is that organisation, the part kept
beside it as the sub-unit (dbt_project/macros/organisation_names.sql customer_parts, customer_organisation,
customer_subunit, rendered here and run on DuckDB as stg_tickets runs them). Invented names."""
from __future__ import annotations

from pathlib import Path

import duckdb
import jinja2
import pytest

MACROS = Path(__file__).resolve().parents[3] / "dbt_project" / "macros" / "organisation_names.sql"


def _sql() -> str:
    env = jinja2.Environment()
    env.globals["return"] = lambda value: value  # (dbt's return; the other macros of the file use it)
    return env.from_string(MACROS.read_text(encoding="utf-8") + "select {{ customer_organisation('p') }}, "
                           "{{ customer_subunit('p') }} from (select {{ customer_parts('c') }} as p "
                           "from (select ?::varchar as c))").render()


SQL = _sql()


def _split(cell: str | None) -> tuple[str | None, str | None]:
    return duckdb.execute(SQL, [cell]).fetchone()


@pytest.mark.parametrize("cell, meant", [
    ("Nordvik kommune - Helse og omsorg", ("Nordvik kommune", "Helse og omsorg")),
    ("Nordvik kommune – Oppvekst", ("Nordvik kommune", "Oppvekst")),
    ("Vestfjord IKT IKS - Intern", ("Vestfjord IKT IKS", "Intern")),
    ("Nord-Ås kommune - Teknisk", ("Nord-Ås kommune", "Teknisk")),
    ("Vestfjord IKT/Kunder/Nordvik kommune/Oppvekst", ("Nordvik kommune", "Oppvekst")),
    ("Vestfjord IKT/Kunder/Sørvåg kommune/Helse og omsorg/Sykehjem", ("Sørvåg kommune", "Helse og omsorg/Sykehjem")),
    ("Kunder/Sørvåg kommune", ("Sørvåg kommune", None)),
    # as before: the " / " and " v/ " cuts, a plain name
    ("Nordvik kommune / Hjemmetjenesten", ("Nordvik kommune", "Hjemmetjenesten")),
    ("Nordvik kommune", ("Nordvik kommune", None)),
    # no part of it says it is an organisation: kept as written
    ("Drift - Nettverk", ("Drift - Nettverk", None)),
    ("Helse/sosial", ("Helse/sosial", None)),
    ("IT/Kunder/Nordvik", ("IT/Kunder/Nordvik", None)),
])
def test_the_organisation_and_its_part(cell, meant):
    assert _split(cell) == meant


def test_an_empty_cell_stays_empty():
    assert _split(None) == (None, None)
