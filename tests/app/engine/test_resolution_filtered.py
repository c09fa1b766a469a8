"""A resolution-time question with a filter (a value as exported, "C - Normal"; a priority letter; a priority
number on the loader's one scale; a category) is answered with the median or p90 of the tickets that filter
keeps, the filter said in the answer. Every expected figure is computed here from the sample export's rows with
DuckDB's own median/quantile, never written down."""
from __future__ import annotations

import duckdb
import pytest

from app.engine.engine import QuestionEngine
from tests.conftest import SAMPLE_TICKETS

(EXPORT,) = sorted(SAMPLE_TICKETS.glob("*.csv"))
# the export writes Oslo wall-clock times; July–September has no daylight-saving switch, so wall-clock
# differences are elapsed time
Q3_2021 = "cast(created as date) between date '2021-07-01' and date '2021-09-30'"


@pytest.fixture(scope="module")
def engine(sample_warehouse):
    return QuestionEngine(sample_warehouse)


@pytest.fixture(scope="module")
def rows():
    con = duckdb.connect()
    con.execute(f"""create view export as select "Prioritet" as priority, "Kategori" as category,
        strptime("Meldingsdato", '%d.%m.%Y %H:%M') as created,
        strptime(nullif("Ferdigmeldt", ''), '%d.%m.%Y %H:%M') as resolved,
        strptime(nullif("Lukket dato", ''), '%d.%m.%Y %H:%M') as closed
        from read_csv('{EXPORT}', all_varchar = true, header = true, delim = ';', encoding = 'latin-1')""")
    yield con
    con.close()


def _value(result) -> float:
    assert result["status"] == "ok", result
    (row,) = result["rows"]
    (measure,) = [c for c in result["columns"] if c.startswith(("median_", "p90_"))]
    return float(row[result["columns"].index(measure)])


@pytest.mark.parametrize("question, statistic, end, where, said", [
    ("Median løsningstid for saker med prioritet C - Normal i Q3 2021", "median", "resolved",
     f"priority = 'C - Normal' and {Q3_2021}", ["C - Normal", "Q3 2021"]),
    ("Median resolution time for priority C tickets in Q3 2021", "median", "coalesce(resolved, closed)",
     f"priority like 'C %' and {Q3_2021}", ["priority = C", "Q3 2021"]),
    # priority 1 is the top of the one scale every export's priorities are mapped to (A)
    ("p90 resolution time for priority 1 tickets", "quantile_cont(x, 0.9)", "coalesce(resolved, closed)",
     "priority like 'A %'", ["priority = A", "90th percentile"]),
    ("90. persentil løsningstid for kategori Nettverk i Q3 2021, i timer", "quantile_cont(x, 0.9)", "resolved",
     f"category = 'Nettverk' and {Q3_2021}", ["Nettverk", "Q3 2021", "90-persentil"]),
])
def test_a_filtered_resolution_time_is_the_statistic_of_the_filtered_rows(engine, rows, question, statistic, end,
                                                                            where, said):
    r = engine.ask(question, engine="planner")
    x = f"epoch({end} - created) / 3600.0"
    call = statistic.replace("x", x) if "(" in statistic else f"{statistic}({x})"
    expected, kept = rows.execute(f"select {call}, count(*) from export where {where}").fetchone()
    assert 0 < kept < rows.execute("select count(*) from export").fetchone()[0]  # the filter keeps some, not all
    assert _value(r) == pytest.approx(expected, abs=0.005)
    assert r["rows"][0][r["columns"].index("tickets_measured")] == kept
    for words in said:  # the filter (and the statistic) said in the answer
        assert words in r["answer"], (words, r["answer"])


def test_business_hours_are_the_open_hours_of_weekdays_between_registration_and_resolution(engine, rows):
    """Business hours as the marts define them: 08:00–15:30 on weekdays that are no Norwegian public holiday
    (dbt vars ticket_opens_seconds/ticket_closes_seconds), summed day by day from registration to resolution
    (else closing)."""
    where = f"category = 'Nettverk' and {Q3_2021}"
    # no Norwegian public holiday falls between 1 July and 23 December, so weekdays are business days here
    assert rows.execute(f"select max(coalesce(resolved, closed)) < date '2021-12-24' from export "
                        f"where {where}").fetchone()[0]
    business = f"""with tickets as (
            select row_number() over () as id, created, coalesce(resolved, closed) as done from export
            where {where} and coalesce(resolved, closed) is not null),
        days as (select id, created, done, unnest(generate_series(cast(created as date), cast(done as date),
            interval 1 day)) as day from tickets)
        select id, sum(case when isodow(day) <= 5 then greatest(0, epoch(
            least(done, day + interval 15 hour + interval 30 minute) - greatest(created, day + interval 8 hour)))
            else 0 end) / 3600.0 as hours
        from days group by id"""
    for question, statistic, said in [
            ("Median løsningstid i arbeidstimer for kategori Nettverk i Q3 2021", "median(hours)",
             ["arbeidstimer", "Nettverk", "Q3 2021"]),
            ("p90 resolution time in business hours for category Nettverk in Q3 2021", "quantile_cont(hours, 0.9)",
             ["business hours", "Nettverk", "Q3 2021", "90th percentile"])]:
        r = engine.ask(question, engine="planner")
        expected, kept = rows.execute(f"select {statistic}, count(*) from ({business})").fetchone()
        assert _value(r) == pytest.approx(expected, abs=0.005), (question, r["sql"])
        assert r["rows"][0][r["columns"].index("tickets_measured")] == kept
        # business hours are fewer than the calendar hours of the same tickets
        calendar = rows.execute(f"select {statistic.replace('hours', 'epoch(coalesce(resolved, closed) - created) / 3600.0')} "
                                f"from export where {where}").fetchone()[0]
        assert _value(r) < calendar
        for words in said:
            assert words in r["answer"], (words, r["answer"])
