"""A customer written as an e-mail domain or address is the organisation the domain names: one rule, dbt's
customer_named (dbt_project/macros/organisation_names.sql), which stg_tickets applies to every customer cell, and its
Python form (flows/tickets/values.py domain_organisation), which the layout inference and the load message read. The
two are run here on the same invented cells."""
from __future__ import annotations

from pathlib import Path

import duckdb
import jinja2
import pytest

from flows.tickets.values import PUBLIC_MAIL_DOMAINS, domain_organisation, email_organisation, owner_domain

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
    "kari@eksempelselskap.no": "Eksempelselskap",  # an organisation's own domain: that organisation
    "x@vfk.no": "Vfk",
    "ola@hotmail.no": None,
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


def test_dbt_and_python_know_the_same_public_mail_domains():
    con = duckdb.connect()
    sql = _macro_sql("c")
    for domain in PUBLIC_MAIL_DOMAINS:
        assert con.execute(f"select {sql} from (select ?::varchar as c)", [f"ola@{domain}"]).fetchone()[0] is None, domain


def test_the_export_owners_own_domain_is_no_customer():
    name = "fjellnett_ikt_helpdesk_tickets_2024.csv"
    assert owner_domain("kari@fjellnett-ikt.no", name)
    assert owner_domain("kari@fjellnettikt.no", name)
    assert not owner_domain("ola@nordvik.kommune.no", name)
    assert not owner_domain("ola@ikt.no", name)  # one word of the name, no owner's domain
    assert not owner_domain("Fjellnett IKT", name)
