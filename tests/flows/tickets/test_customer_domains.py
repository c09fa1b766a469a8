"""A customer written as an e-mail domain or address is the organisation the domain names: one rule, dbt's
customer_named (dbt_project/macros/organisation_names.sql), which stg_tickets applies to every customer cell, and its
Python form (flows/tickets/values.py domain_organisation), which the layout inference and the load message read. The
two are run here on the same invented cells."""
from __future__ import annotations

from pathlib import Path

import duckdb
import jinja2
import pytest

from flows.tickets.values import domain_organisation, email_organisation

MACROS = Path(__file__).resolve().parents[3] / "dbt_project" / "macros" / "organisation_names.sql"

CELLS = {
    "nordvik.kommune.no": "Nordvik kommune",
    "Sorvag.Kommune.NO": "Sorvag kommune",
    "kari@nordvik.kommune.no": "Nordvik kommune",
    "per@skole.nordvik.kommune.no": "Nordvik kommune",  # a sub-domain of the municipality's
    "ola@austbykommune.no": "Austby kommune",  # the kind glued to the name
    "vestfjell.fylkeskommune.no": "Vestfjell fylkeskommune",
    "post@vestfjellfylke.no": "Vestfjell fylkeskommune",
    "norrby.kommun.se": "Norrby kommun",
    "eksempelselskap.no": "Eksempelselskap",  # a domain alone: the organisation of that name, no kind claimed
    "www.eksempelselskap.no": "Eksempelselskap",
    "ola.nordmann@gmail.com": None,  # a private mailbox names no organisation
    "kari@eksempelselskap.no": None,
    "Nordvik kommune": "Nordvik kommune",  # anything else as written
    "Nordvik kommune / Hjemmetjenesten": "Nordvik kommune / Hjemmetjenesten",
    "St. Olav": "St. Olav",
    "Helse.Vest": "Helse.Vest",
    None: None,
}


def _macro_sql(expr: str) -> str:
    env = jinja2.Environment()
    env.globals["return"] = lambda value: value  # (dbt's return; the other macros of the file use it)
    return env.from_string(MACROS.read_text(encoding="utf-8") + "{{ customer_named('" + expr + "') }}").render()


@pytest.mark.parametrize("cell", list(CELLS))
def test_python_names_the_organisation_of_a_domain(cell):
    assert domain_organisation(cell) == CELLS[cell]


def test_dbt_names_the_same_organisation_as_python():
    con = duckdb.connect()
    sql = _macro_sql("c")
    for cell, expected in CELLS.items():
        assert con.execute(f"select {sql} from (select ?::varchar as c)", [cell]).fetchone()[0] == expected, cell


def test_an_address_names_an_organisation_only_at_a_kommune_or_county_domain():
    assert email_organisation("kari@nordvik.kommune.no") == "Nordvik kommune"
    assert email_organisation("kari@eksempelselskap.no") is None
    assert email_organisation("nordvik.kommune.no") is None  # no address
    assert email_organisation("kari@localhost") is None
