"""Organisation and unit names are matched generically (no list of names in the project); the user
alias file joins more names, names types and says which unit handles a ticket export."""
from __future__ import annotations

import duckdb
import pytest
from dbt_runs import describe
from raw_fixture import build_raw

from flows.aliases import unit_key
from flows.warehouse import connect_readonly

# documents whose organisation type is not stated: the type is read from the name
UNTYPED = {"Nordby herad": "kommune", "Sørby fylkeskommune": "fylkeskommune", "Vestby IKS": "iks",
           "Østby Drift AS": "selskap", "Midtby vannverk": "ukjent", "Region Eksempelland": "fylkeskommune",
           "Exempelholms stad": "kommune", "Nordfjell brann- og redningsvesen IKS": "iks"}

CUSTOMER_FORMS = ("Nordby kommune", "NORDBY", "Nordby k.", "nordby", "Rot > IKS > Nordby kommune", "Kunder::Nordby")

# one organisation's own name as two reports write it (the Nordic letters transliterated, the kind word left out), and
# two bodies of different kinds sharing a base name: (document, organisation, its whole-organisation figure's year)
OWN_SPELLINGS = (("doc-s1", "Eksempelvåg kommune", 2030), ("doc-s2", "Eksempelvaag", 2031),
                 ("doc-s3", "Sørmork fylkeskommune", 2031), ("doc-s4", "Sormork IKS", 2031))


@pytest.fixture(scope="module")
def bare_warehouse(dbt_sandbox, tmp_path_factory):
    """The fixture without any user alias file, plus documents naming organisations without a type."""
    path = build_raw(tmp_path_factory.mktemp("bare") / "warehouse.duckdb", aliases=None)
    con = duckdb.connect(str(path))
    try:
        for i, name in enumerate(UNTYPED):
            con.execute("insert into raw.documents (document_id, file_name, file_path, file_type, organisation, "
                        "organisation_type, report_year, title, page_count, fact_count, account_count, warning_count, "
                        "loaded_at) values (?, ?, ?, 'txt', ?, null, 2021, 'Årsmelding 2021', "
                        "1, 0, 0, 0, timestamp '2022-01-10 08:00:00')", [f"doc-x{i}", f"x{i}.txt", f"/inbox/x{i}.txt", name])
        for doc, name, year in OWN_SPELLINGS:
            con.execute("insert into raw.documents (document_id, file_name, file_path, file_type, organisation, "
                        "organisation_type, report_year, title, page_count, fact_count, account_count, warning_count, "
                        "loaded_at) values (?, ?, ?, 'txt', ?, null, ?, 'Årsmelding', 1, 1, 0, 0, "
                        "timestamp '2032-01-10 08:00:00')", [doc, f"{doc}.txt", f"/inbox/{doc}.txt", name, year])
            con.execute("insert into raw.report_facts (document_id, metric, value, value_year, report_year, unit_name, "
                        "subject, quarter, source_kind, qualifier, file_name, page, line, excerpt) values "
                        "(?, 'sick_leave_pct', 6.1, ?, ?, ?, null, null, 'prose', null, ?, 1, 1, 'Fraværet var 6,1 %.')",
                        [doc, year, year, name, f"{doc}.txt"])
        # one customer written as helpdesk exports write it: case, abbreviation, a path in a customer tree
        for i, name in enumerate(CUSTOMER_FORMS):
            con.execute("insert into raw.ticket_rows select * replace (ticket_id || ? as ticket_id, ? as customer_org) "
                        "from (from raw.ticket_rows limit 1)", [f"-form{i}", name])
    finally:
        con.close()
    result = dbt_sandbox.run(["build"], duckdb_path=path)
    assert result.success, describe(result)
    return path


def rows(path, sql):
    con = connect_readonly(path)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_owner_share_rows_and_split_tables_meet_the_document_organisation(bare_warehouse):
    orgs = {key: (name, kind, set(aliases.split(" | ")), governed) for key, name, kind, aliases, governed in rows(
        bare_warehouse, "select organisation_key, organisation_name, organisation_type, aliases, is_governed "
                        "from dim_organisation where aliases is not null")}
    # "Stjørdal kommune" (document), "Stjørdal" (split table) and "stjørdals" (a share row) are one
    name, kind, aliases, governed = orgs["stjordal"]
    assert (name, kind, governed) == ("Stjørdal kommune", "kommune", False)
    assert {"Stjørdal kommune", "Stjørdal", "stjørdals"} <= aliases
    # "SELBUS ANDEL" / "Selbus andel" and the split table's "Selbu": one owner, keyed without the -s
    assert {"selbus", "Selbu"} <= orgs["selbu"][2]
    assert not any(key.endswith("s") and key[:-1] in orgs for key in orgs)
    owners = {k for (k,) in rows(bare_warehouse, "select distinct owner_organisation_key from fct_cost_share")}
    assert owners == {"stjordal", "frosta", "malvik", "selbu", "tydal", "meraker"}


def test_organisation_type_is_read_from_the_name_when_the_document_does_not_say(bare_warehouse):
    types = dict(rows(bare_warehouse, "select organisation_name, organisation_type from dim_organisation"))
    assert {name: types[name] for name in UNTYPED} == UNTYPED
    assert types["Hedmark IKT"] == "interkommunalt samarbeid"  # the document states it


def test_kind_words_are_left_out_of_the_short_names(bare_warehouse):
    """flows/org_kinds.py's words: the short name a question uses is the place ("exempelholm" for a city's
    genitive, "nordfjell" for its fire service, "eksempelland" for the region)."""
    shorts = dict(rows(bare_warehouse, "select organisation_name, short_names from dim_organisation"))
    assert shorts["Exempelholms stad"] == "exempelholm"
    assert shorts["Nordfjell brann- og redningsvesen IKS"] == "nordfjell"
    assert shorts["Region Eksempelland"] == "eksempelland"


def test_without_a_provider_entry_tickets_have_no_provider_and_no_reconciliation(bare_warehouse):
    assert rows(bare_warehouse, "select count(*), count(provider_unit_key) from fct_ticket")[0][1] == 0
    assert rows(bare_warehouse, "select count(*) from fct_ticket")[0][0] > 0
    assert rows(bare_warehouse, "select count(*) from fct_reconciliation where check_group = 'report_vs_tickets'") == [(0,)]
    # customers are still organisations of their own, never one default organisation
    customers = {k for (k,) in rows(bare_warehouse, "select distinct organisation_key from fct_ticket")}
    # (and the customer the fixture writes in six forms, CUSTOMER_FORMS, is one of them)
    assert customers == {"hamar", "loten", "stange", "nordby"}


def test_units_are_keyed_by_their_name_as_written_without_aliases(bare_warehouse):
    units = dict(rows(bare_warehouse, "select unit_key, unit_name from dim_unit"))
    assert units["vr-regnskap-og-lonn"] == "VR regnskap og lønn"
    assert units["varit"] == "VARIT" and units["hedmark-ikt"] == "Hedmark IKT"
    assert rows(bare_warehouse, "select count(*) from dim_organisation where is_governed") == [(0,)]


def test_the_user_alias_file_joins_names_and_names_the_ticket_provider(good_warehouse):
    path, _ = good_warehouse
    # the Python key of a unit name (planning without a warehouse) is the warehouse's
    keyed = rows(path, "select unit_name, unit_key from stg_user_unit_aliases")
    assert keyed and all(unit_key(name) == key for name, key in keyed)
    units = {k: (name, set(aliases.split(" | ")), org) for k, name, aliases, org in rows(
        path, "select unit_key, unit_name, aliases, organisation_key from dim_unit")}
    name, aliases, org = units["vr-lonn-regnskap"]
    assert name == "VR lønn/regnskap" and "VR regnskap og lønn" in aliases and org == "varnesregionen"
    assert "vr-regnskap-og-lonn" not in units
    assert rows(path, "select distinct provider_unit_key from fct_ticket") == [("hedmark-ikt",)]
    assert rows(path, "select count(*) from fct_reconciliation where check_group = 'report_vs_tickets'")[0][0] > 0
    assert rows(path, "select organisation_type, is_governed from dim_organisation "
                      "where organisation_key = 'varnesregionen'") == [("interkommunalt samarbeid", True)]


def test_a_customer_written_differently_across_exports_is_one_organisation(bare_warehouse):
    con = connect_readonly(bare_warehouse)
    try:
        keys = dict(con.execute("select name_as_written, organisation_key from int_organisation_names "
                                "where list_contains(?, name_as_written)", [list(CUSTOMER_FORMS)]).fetchall())
        document = con.execute("select organisation_key from int_organisation_names "
                               "where name_as_written = 'Nordby herad'").fetchone()[0]
    finally:
        con.close()
    assert set(keys) == set(CUSTOMER_FORMS)
    # every form meets the document's "Nordby herad" on one key
    assert set(keys.values()) == {document}, keys


def test_an_organisation_written_two_ways_is_one_unit_but_bodies_of_two_kinds_stay_two(bare_warehouse):
    units = {name: key for key, name in rows(bare_warehouse, "select unit_key, unit_name from dim_unit")}
    keyed = dict(rows(bare_warehouse, "select distinct m.file_name, m.unit_key from fct_metric_value as m "
                                      "where m.file_name like 'doc-s%'"))
    # "Eksempelvaag" (transliterated, no kind word) is the unit "Eksempelvåg kommune": both years under one key
    assert keyed["doc-s1.txt"] == keyed["doc-s2.txt"] == units["Eksempelvåg kommune"]
    assert "Eksempelvaag" not in units
    # a county municipality and an IKS of the same base name are two bodies
    assert keyed["doc-s3.txt"] != keyed["doc-s4.txt"]
