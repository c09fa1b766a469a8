"""The generated sample reproduces Hedmark IKT's reported figures after a round trip through the loader."""
from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from flows.samples.tickets import load_profile, write_sample_exports
from flows.tickets.load import load_ticket_exports

ROOT = Path(__file__).resolve().parents[3]
COMMITTED_SAMPLE = ROOT / "data" / "sample" / "tickets" / "topdesk_tickets_2021-10-01.csv"

# Typed in by hand from seed 003 (Hedmark IKT årsrapport 2021, "SAKSMENGDE* PR KVARTAL").
SEED_CASES_PER_QUARTER = {
    (2015, 1): 8483, (2015, 2): 7343, (2015, 3): 7210, (2015, 4): 7635,
    (2016, 1): 8596, (2016, 2): 8341, (2016, 3): 8718, (2016, 4): 8414,
    (2017, 1): 9469, (2017, 2): 7522, (2017, 3): 7851, (2017, 4): 7929,
    (2018, 1): 10096, (2018, 2): 8547, (2018, 3): 9915, (2018, 4): 9014,
    (2019, 1): 9372, (2019, 2): 7071, (2019, 3): 7727, (2019, 4): 7402,
    (2020, 1): 10709, (2020, 2): 8509, (2020, 3): 9558, (2020, 4): 9186,
    (2021, 1): 10859, (2021, 2): 9086, (2021, 3): 8388, (2021, 4): 7893,
}
SEED_AB_INCIDENTS_2021 = {1: 28, 2: 17, 3: 46, 4: 32}

OSLO_QUARTER = "year(timezone('Europe/Oslo', created_at)), quarter(timezone('Europe/Oslo', created_at))"


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    out = tmp_path_factory.mktemp("sample")
    paths = write_sample_exports(out, formats=("topdesk", "canonical"))
    con = duckdb.connect()
    result = load_ticket_exports(con, paths)
    yield con, result, paths
    con.close()


def test_every_generated_row_loads(loaded):
    _, result, _ = loaded
    assert [(f.status, f.rows_quarantined) for f in result.files] == [("loaded", 0), ("loaded", 0)]
    assert [f.rows_loaded for f in result.files] == [sum(SEED_CASES_PER_QUARTER.values())] * 2


@pytest.mark.parametrize("source_system", ["topdesk", "hikt"])
def test_cases_per_quarter_reproduce_the_report(loaded, source_system):
    con, _, _ = loaded
    counted = con.execute(f"select {OSLO_QUARTER}, count(*) from raw.tickets where source_system = ? "
                          f"group by all order by all", [source_system]).fetchall()
    assert {(y, q): n for y, q, n in counted} == SEED_CASES_PER_QUARTER


def test_ab_incidents_2021(loaded):
    con, _, _ = loaded
    counted = con.execute("select quarter(timezone('Europe/Oslo', created_at)), count(*) from raw.tickets "
                          "where source_system = 'topdesk' and priority in ('A', 'B') "
                          "and year(timezone('Europe/Oslo', created_at)) = 2021 group by 1").fetchall()
    assert dict(counted) == SEED_AB_INCIDENTS_2021


def test_phone_answer_shares_2021(loaded):
    con, _, _ = loaded
    within_1, within_3 = con.execute(
        "select round(100 * avg((phone_wait_seconds <= 60)::int), 2), round(100 * avg((phone_wait_seconds <= 180)::int), 2) "
        "from raw.tickets where source_system = 'topdesk' and channel = 'phone' "
        "and year(timezone('Europe/Oslo', created_at)) = 2021").fetchone()
    assert (within_1, within_3) == (59.70, 70.10)


def test_weekly_cycle_and_school_start(loaded):
    con, _, _ = loaded
    per_weekday = dict(con.execute(
        "select isodow(timezone('Europe/Oslo', created_at)) as dow, count(*) / count(distinct "
        "timezone('Europe/Oslo', created_at)::date) from raw.tickets where source_system = 'topdesk' "
        "and year(timezone('Europe/Oslo', created_at)) = 2019 group by 1").fetchall())
    assert 120 <= per_weekday[2] <= 180  # about 150 cases on a working day
    assert per_weekday[7] < 20
    weekly = dict(con.execute(
        "select week(timezone('Europe/Oslo', created_at)), count(*) from raw.tickets where source_system = 'topdesk' "
        "and year(timezone('Europe/Oslo', created_at)) = 2019 group by 1").fetchall())
    assert weekly[33] > 1.4 * weekly[38]  # school start over an ordinary September week
    assert weekly[29] < 0.6 * weekly[38]  # fellesferie


def test_customers_are_the_configured_municipalities(loaded):
    con, _, _ = loaded
    found = {r[0] for r in con.execute("select distinct customer_org from raw.tickets").fetchall()}
    assert found == {name for name, _ in load_profile().customers}


def test_generator_is_deterministic_and_matches_the_committed_sample(tmp_path):
    first = write_sample_exports(tmp_path / "a", formats=("topdesk",), quarters=[(2021, 3)])
    second = write_sample_exports(tmp_path / "b", formats=("topdesk",), quarters=[(2021, 3)])
    assert first[0].read_bytes() == second[0].read_bytes()
    assert first[0].name == COMMITTED_SAMPLE.name
    assert first[0].read_bytes() == COMMITTED_SAMPLE.read_bytes()


def test_other_seed_gives_other_tickets_but_same_totals(tmp_path):
    path, = write_sample_exports(tmp_path, seed=7, formats=("canonical",), quarters=[(2021, 4)])
    con = duckdb.connect()
    load_ticket_exports(con, [path])
    assert con.execute("select count(*) from raw.tickets").fetchone()[0] == 7893
    assert path.read_bytes() != write_sample_exports(tmp_path / "x", formats=("canonical",), quarters=[(2021, 4)])[0].read_bytes()


def test_every_format_loads_the_same_tickets(tmp_path):
    paths = write_sample_exports(tmp_path, quarters=[(2021, 3)])
    con = duckdb.connect()
    result = load_ticket_exports(con, paths)
    assert sorted(f.preset for f in result.files) == ["canonical", "jira", "servicenow", "topdesk", "zendesk"]
    assert all((f.status, f.rows_loaded) == ("loaded", 8388) for f in result.files)
    per_system = con.execute("select source_system, count(*), sum((priority in ('A', 'B'))::int) from raw.tickets "
                             "group by 1 order by 1").fetchall()
    assert per_system == [(s, 8388, 46) for s in ("hikt", "jira", "servicenow", "topdesk", "zendesk")]


def test_unknown_format_is_refused(tmp_path):
    with pytest.raises(ValueError, match="unknown sample format"):
        write_sample_exports(tmp_path, formats=("remedy",))
