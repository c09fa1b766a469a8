"""The fixed, read-only SQL behind the explore pages (unit, helpdesk, data health).

Each function opens one read-only connection, runs its queries on it and closes it, so one page
shows one consistent version of the warehouse even while a refresh swaps in a new file (the
swap is an os.replace: an open connection keeps reading the file it opened). Marts that are
not built in a given warehouse (e.g. no ticket exports yet) give empty frames, never errors.
The SQL is fixed text with bound parameters; nothing from the user is spliced into it.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

import duckdb
import pandas as pd

from flows.settings import DBT_PROJECT_DIR

# The same configuration as the question engine's connections: DuckDB refuses a second connection
# to an open file with a different configuration, and the app runs both in one process.
from flows.warehouse import connect_readonly, hold_open

STAFFING_METRICS = ("fte", "employees", "fte_performed", "fte_available", "apprentices")
SICK_LEAVE_METRICS = ("sick_leave_pct", "sick_leave_self_certified_pct", "sick_leave_doctor_certified_pct",
                      "sick_leave_short_term_pct", "sick_leave_long_term_pct")


class WarehouseMissing(FileNotFoundError):
    """The warehouse file does not exist (no refresh has published one yet)."""


class _Reader:
    def __init__(self, con: duckdb.DuckDBPyConnection):
        self.con = con
        rows = con.execute(
            "select table_schema, table_name, column_name from information_schema.columns").fetchall()
        self.columns: dict[str, set[str]] = {}
        for schema, table, column in rows:
            name = table if schema == "main" else f"{schema}.{table}"
            self.columns.setdefault(name, set()).add(column)

    def has(self, table: str, *columns: str) -> bool:
        return table in self.columns and set(columns) <= self.columns[table]

    def df(self, sql: str, params: list | None = None) -> pd.DataFrame:
        return self.con.execute(sql, params or []).df()


@contextmanager
def read_warehouse(warehouse: Path) -> Iterator[_Reader]:
    path = Path(warehouse)
    if not path.is_file():
        raise WarehouseMissing(str(path))
    hold_open(path, only_if_held=True)  # never read the build a refresh swapped out
    con = connect_readonly(path)
    try:
        yield _Reader(con)
    finally:
        con.close()


def warehouse_version(warehouse: Path) -> tuple[int, int] | None:
    """(mtime_ns, size) of the served file: changes with every published refresh; a cache key."""
    try:
        st = Path(warehouse).stat()
    except FileNotFoundError:
        return None
    return st.st_mtime_ns, st.st_size


# --- frame and sidebar ----------------------------------------------------------------------------

def warehouse_summary(warehouse: Path) -> dict:
    """When the served warehouse was built and how much it holds (for the sidebar)."""
    version = warehouse_version(warehouse)
    if version is None:
        raise WarehouseMissing(str(warehouse))
    published = datetime.fromtimestamp(version[0] / 1e9, tz=timezone.utc)
    with read_warehouse(warehouse) as r:
        documents = int(r.df("select count(*) as n from dim_document where status = 'loaded'")["n"].iloc[0]) \
            if r.has("dim_document", "status") else 0
        tickets = int(r.df("select count(*) as n from fct_ticket")["n"].iloc[0]) if r.has("fct_ticket") else 0
    return {"published_at": published, "documents": documents, "tickets": tickets}


# --- unit page ------------------------------------------------------------------------------------

def list_units(warehouse: Path) -> pd.DataFrame:
    """Units that have at least one reported value or account row, the biggest first."""
    with read_warehouse(warehouse) as r:
        return r.df("""
            with facts as (
                select unit_key, count(*) as n from fct_metric_value group by unit_key
                union all
                select unit_key, count(*) as n from fct_account_amount group by unit_key
            ),
            final as (
                select u.unit_key, u.unit_name, u.organisation, u.unit_level, sum(f.n) as n_values
                from dim_unit as u
                join facts as f on f.unit_key = u.unit_key
                group by all
            )
            select * from final order by unit_name
        """)


def unit_overview(warehouse: Path, unit_key: str) -> dict[str, pd.DataFrame]:
    """Staffing, sick leave and actual vs budget over the years for one unit, with provenance.

    Frames: unit, staffing, sick_leave, budget_years, budget_rows, budget_result, observations.
    """
    with read_warehouse(warehouse) as r:
        metric_sql = """
            select f.metric_code, m.name_nb, m.name_en, m.unit_of_measure, f.value_year as year,
                   f.quarter, f.subject, f.qualifier, f.value, f.file_name, f.page, f.excerpt
            from fct_metric_value as f
            join dim_metric as m on m.metric_code = f.metric_code
            where f.unit_key = ? and f.is_latest and f.metric_code in ({codes}) {extra}
            order by f.metric_code, f.value_year, f.quarter nulls first, f.subject nulls first
        """
        out = {
            "unit": r.df("""select unit_key, unit_name, organisation, unit_level, leader, aliases
                            from dim_unit where unit_key = ?""", [unit_key]),
            "staffing": r.df(metric_sql.format(
                codes=", ".join("?" * len(STAFFING_METRICS)),
                extra="and f.subject is null and f.period_code is null and f.qualifier is null"),
                [unit_key, *STAFFING_METRICS]),
            # Whole-year values and quarterly values without breakdown; targets come along as qualifier.
            "sick_leave": r.df(metric_sql.format(
                codes=", ".join("?" * len(SICK_LEAVE_METRICS)), extra="and f.subject is null"),
                [unit_key, *SICK_LEAVE_METRICS]),
            "budget_result": r.df(metric_sql.format(codes="?", extra="and f.subject is null"),
                                  [unit_key, "budget_result_nok"]),
            # Net operating line per year and scenario: the row coded C in the unit table (netto
            # driftsramme / netto driftsresultat), the line a controller reads actual vs budget on.
            "budget_years": r.df("""
                with net as (
                    select value_year as year, scenario_code, amount_nok, row_label, file_name, page, excerpt
                    from fct_account_amount
                    where unit_key = ? and statement = 'unit' and row_code = 'C' and is_latest
                )
                select n.year, n.scenario_code, s.name_nb as scenario_nb, s.name_en as scenario_en,
                       s.is_budget, n.amount_nok, n.row_label, n.file_name, n.page, n.excerpt
                from net as n
                join dim_scenario as s on s.scenario_code = n.scenario_code
                order by n.year, s.is_budget
            """, [unit_key]),
            "budget_rows": r.df("""
                select value_year as year, row_code, row_label, actual_nok, budget_nok, variance_nok,
                       actual_pct_of_budget, budget_scenario_code, file_name, page, excerpt
                from fct_budget_variance
                where unit_key = ? and statement = 'unit'
                order by value_year, row_order
            """, [unit_key]),
            "observations": r.df("""
                select o.value_year as year, m.name_nb, m.name_en, o.observation, o.file_name, o.page
                from fct_observation as o
                left join dim_metric as m on m.metric_code = o.metric_code
                where o.unit_key = ?
                order by o.value_year, o.page
            """, [unit_key]) if r.has("fct_observation") else pd.DataFrame(),
        }
    return out


# --- helpdesk page --------------------------------------------------------------------------------

def helpdesk_overview(warehouse: Path, organisation_key: str | None = None) -> dict[str, pd.DataFrame]:
    """Cases, A/B incidents and SLA results: from the ticket marts when built, and as reported.

    Ticket frames (empty when the warehouse holds no ticket exports), filtered to one customer
    organisation when `organisation_key` is given:
      organisations  organisation_key, organisation_name, tickets
      weekly         year, week, tickets, ab_tickets, average_earlier_years (same ISO week, earlier
                     years of ticket data), report_weekly_average + report_average_years (the annual
                     report's quarterly average of earlier years spread over the quarter's 13 weeks;
                     only for all organisations together, as the report counts the whole service)
      by_organisation year, quarter, organisation_name, tickets, ab_tickets
      incidents      year, quarter, priority (A/B), tickets
      phone_sla      organisation_name, year, phone_answered, within_1min_pct, within_3min_pct
    Always: sla (fct_sla_result with metric and unit names) and the report-stated figures
    reported_cases, reported_incidents, reported_contacts.
    """
    with read_warehouse(warehouse) as r:
        out = _ticket_frames(r, organisation_key)
        out.update(_reported_helpdesk(r))
        out["sla"] = r.df("""
            select u.unit_name as unit, s.metric_code, m.name_nb, m.name_en, s.value_year as year, s.quarter,
                   s.source, s.target_value as target, s.result_value as result, s.result_minus_target,
                   s.is_met as met, s.observations, s.file_name, s.page, s.excerpt
            from fct_sla_result as s
            join dim_metric as m on m.metric_code = s.metric_code
            left join dim_unit as u on u.unit_key = s.unit_key
            where s.result_value is not null
            order by u.unit_name, s.value_year, s.metric_code, s.source
        """) if r.has("fct_sla_result") else pd.DataFrame()
    return out


def _ticket_frames(r: _Reader, organisation_key: str | None) -> dict[str, pd.DataFrame]:
    empty = pd.DataFrame()
    names = ["organisations", "weekly", "by_organisation", "incidents", "phone_sla"]
    if not (r.has("agg_tickets_by_week", "iso_year", "iso_week", "organisation_key", "ticket_count")
            and r.has("agg_tickets_by_quarter", "year", "quarter", "ab_ticket_count", "a_ticket_count")):
        return {name: empty for name in names}
    org = [organisation_key] if organisation_key else [None]
    org_filter = "(?::varchar is null or a.organisation_key = ?)"
    out = {
        "organisations": r.df("""
            select a.organisation_key, coalesce(o.organisation_name, a.organisation_key) as organisation_name,
                   sum(a.ticket_count) as tickets
            from agg_tickets_by_quarter as a
            left join dim_organisation as o on o.organisation_key = a.organisation_key
            group by all order by tickets desc
        """),
        "weekly": r.df(rf"""
            with weekly as (
                select a.iso_year as year, a.iso_week as week, sum(a.ticket_count) as tickets,
                       sum(a.ab_ticket_count) as ab_tickets
                from agg_tickets_by_week as a
                where {org_filter}
                group by all
            ),
            report_average as (
                -- The quarter's average as the report states it, e.g. 'average 2015-2020', per week.
                select f.value_year as year, f.quarter, f.value / 13.0 as weekly_average,
                       regexp_extract(f.qualifier, '(\d{{4}}\D+\d{{4}})') as years
                from fct_metric_value as f
                where f.metric_code = 'cases_average' and f.quarter is not null and f.subject is null
                  and f.is_latest and ?::varchar is null
                  and f.unit_key in (select distinct provider_unit_key from agg_tickets_by_week)
            ),
            weeks as (
                -- A week belongs to the quarter its Thursday falls in (ISO 8601).
                select *, quarter(cast(date_trunc('week', make_date(year, 1, 4)) as date)
                                  + to_days(cast(7 * (week - 1) + 3 as integer))) as quarter
                from weekly
            ),
            final as (
                select w.year, w.week, w.quarter, w.tickets, w.ab_tickets,
                       (select avg(e.tickets) from weekly as e where e.week = w.week and e.year < w.year)
                           as average_earlier_years,
                       ra.weekly_average as report_weekly_average, ra.years as report_average_years
                from weeks as w
                left join report_average as ra on ra.quarter = w.quarter and ra.year < w.year
                -- the most recent stated average that ends before the week's year
                qualify row_number() over (partition by w.year, w.week order by ra.year desc nulls last) = 1
            )
            select * from final order by year, week
        """, org * 2 + org),
        "by_organisation": r.df(f"""
            select a.year, a.quarter, coalesce(o.organisation_name, a.organisation_key) as organisation_name,
                   sum(a.ticket_count) as tickets, sum(a.ab_ticket_count) as ab_tickets
            from agg_tickets_by_quarter as a
            left join dim_organisation as o on o.organisation_key = a.organisation_key
            where {org_filter}
            group by all order by a.year, a.quarter, tickets desc
        """, org * 2),
        "incidents": r.df(f"""
            with quarters as (
                select a.year, a.quarter, sum(a.a_ticket_count) as a_tickets,
                       sum(a.ab_ticket_count) - sum(a.a_ticket_count) as b_tickets
                from agg_tickets_by_quarter as a
                where {org_filter}
                group by all
            )
            select year, quarter, 'A' as priority, a_tickets as tickets from quarters
            union all
            select year, quarter, 'B', b_tickets from quarters
            order by year, quarter, priority
        """, org * 2),
        "phone_sla": r.df(f"""
            select coalesce(o.organisation_name, a.organisation_key) as organisation_name, a.year,
                   sum(a.phone_answered_count) as phone_answered,
                   100.0 * sum(a.phone_within_1min_count) / nullif(sum(a.phone_answered_count), 0)
                       as within_1min_pct,
                   100.0 * sum(a.phone_within_3min_count) / nullif(sum(a.phone_answered_count), 0)
                       as within_3min_pct
            from agg_tickets_by_quarter as a
            left join dim_organisation as o on o.organisation_key = a.organisation_key
            where {org_filter}
            group by all
            having sum(a.phone_answered_count) > 0
            order by a.year, phone_answered desc
        """, org * 2),
    }
    return out


def _reported_helpdesk(r: _Reader) -> dict[str, pd.DataFrame]:
    sql = """
        select u.unit_name as unit, f.metric_code, m.name_nb, m.name_en, m.unit_of_measure,
               f.value_year as year, f.quarter, f.subject, f.qualifier, f.value,
               f.file_name, f.page, f.excerpt
        from fct_metric_value as f
        join dim_metric as m on m.metric_code = f.metric_code
        join dim_unit as u on u.unit_key = f.unit_key
        where f.is_latest and f.metric_code in ({codes})
        order by u.unit_name, f.metric_code, f.value_year, f.quarter, f.subject nulls first
    """
    cases = r.df(sql.format(codes="?, ?"), ["cases", "cases_average"])
    return {
        "reported_cases": cases,
        "reported_incidents": r.df(sql.format(codes="?"), ["ab_incidents"]),
        "reported_contacts": r.df(sql.format(codes="?, ?"), ["it_helpdesk_contacts", "phone_contacts"]),
    }


# --- data health page -----------------------------------------------------------------------------

def data_health(warehouse: Path, run_results: Path | None = None) -> dict[str, pd.DataFrame]:
    """What the last refresh loaded and refused, the dbt test results and reconciliation differences.

    Frames: documents, document_quarantine, ticket_files, ticket_quarantine, warnings, tests,
    reconciliation, plus `meta` (one row: published_at, tests_source, tests_generated_at,
    reconciliation_built).
    """
    version = warehouse_version(warehouse)
    if version is None:
        raise WarehouseMissing(str(warehouse))
    empty = pd.DataFrame()
    with read_warehouse(warehouse) as r:
        out = {
            "documents": r.df("""
                select file_name, file_type, organisation, report_year, title, page_count, fact_count,
                       account_count, warning_count, status, reason, loaded_at
                from dim_document order by status desc, file_name
            """) if r.has("dim_document") else empty,
            "document_quarantine": r.df("""
                select file_name, reason from dim_document where status = 'quarantined' order by file_name
            """) if r.has("dim_document") else empty,
            "ticket_files": r.df("""
                select file, status, preset, rows_loaded, rows_quarantined, message, exported_at, loaded_at
                from raw.ticket_files order by loaded_at desc, file
            """) if r.has("raw.ticket_files", "file", "status", "preset", "rows_loaded", "rows_quarantined",
                          "message", "exported_at", "loaded_at") else empty,
            "ticket_quarantine": r.df("""
                select file, row_number, reason, raw_row from raw.ticket_quarantine order by file, row_number
            """) if r.has("raw.ticket_quarantine", "file", "row_number", "reason", "raw_row") else empty,
            "warnings": r.df("""
                select file_name, message from raw.report_warnings order by file_name
            """) if r.has("raw.report_warnings", "file_name", "message") else empty,
            "reconciliation": r.df("""
                select status, severity, check_group, check_code, unit_key, period_key, subject, stated_value,
                       computed_value, difference, tolerance, explanation, file_name, page
                from fct_reconciliation
                order by status = 'ok', severity = 'warn', check_group, unit_key, period_key
            """) if r.has("fct_reconciliation", "status", "severity", "check_group", "explanation") else empty,
        }
        tests, source, generated = _dbt_tests(r, run_results)
    out["tests"] = tests
    out["meta"] = pd.DataFrame([{
        "published_at": datetime.fromtimestamp(version[0] / 1e9, tz=timezone.utc),
        "tests_source": source,
        "tests_generated_at": generated,
        "reconciliation_built": "fct_reconciliation" in r.columns,
    }])
    return out


def _dbt_tests(r: _Reader, run_results: Path | None) -> tuple[pd.DataFrame, str | None, datetime | None]:
    """dbt results from a mart stored in the warehouse when there is one (then they belong to this
    very build), else from run_results.json of the last dbt invocation in the project folder."""
    for table in ("fct_dbt_test_result", "dbt_test_results", "ops_dbt_results"):
        if r.has(table, "status"):
            return r.df(f"select * from {table}"), table, None
    path = Path(run_results) if run_results else DBT_PROJECT_DIR / "target" / "run_results.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return pd.DataFrame(), None, None
    rows = []
    for res in data.get("results", []):
        uid = res.get("unique_id", "")
        kind = uid.split(".", 1)[0]
        if kind not in ("test", "unit_test"):
            continue
        rows.append({"test": uid.split(".")[2] if uid.count(".") >= 2 else uid, "status": res.get("status"),
                     "failures": res.get("failures"), "message": res.get("message"),
                     "execution_time_s": res.get("execution_time")})
    generated = data.get("metadata", {}).get("generated_at")
    try:
        when = datetime.fromisoformat(generated.replace("Z", "+00:00")) if generated else None
    except ValueError:
        when = None
    frame = pd.DataFrame(rows, columns=["test", "status", "failures", "message", "execution_time_s"])
    return frame, str(path), when


# --- chat: material for example questions, sum lines for charts -------------------------------------

def question_material(warehouse: Path) -> dict[str, pd.DataFrame]:
    """What the loaded warehouse can answer, for example questions built from it (never hard-coded):
      series   metric_code, name_nb, name_en, unit_name, years, first_year, last_year: the metric/unit
               series with the most yearly values first
      budget   unit_name, year of budget-vs-actual tables (unit tables and § 5-6), newest first
      tickets  year, tickets of the ticket exports, newest first
    """
    with read_warehouse(warehouse) as r:
        out = {"series": r.df("""
            with yearly as (
                select f.metric_code, f.unit_key, count(distinct f.value_year) as years,
                       min(f.value_year) as first_year, max(f.value_year) as last_year
                from fct_metric_value as f
                where f.is_latest and f.subject is null and f.period_code is null and f.qualifier is null
                group by all
            )
            select y.metric_code, m.name_nb, m.name_en, u.unit_name, y.years, y.first_year, y.last_year
            from yearly as y
            join dim_metric as m on m.metric_code = y.metric_code
            join dim_unit as u on u.unit_key = y.unit_key
            order by y.years desc, y.last_year desc, m.metric_code, u.unit_name
            limit 50
        """)}
        out["budget"] = r.df("""
            select u.unit_name, v.value_year as year, count(*) as lines
            from fct_budget_variance as v
            join dim_unit as u on u.unit_key = v.unit_key
            where v.statement in ('unit', '5-6')
            group by all order by year desc, lines desc, u.unit_name
        """) if r.has("fct_budget_variance", "statement") else pd.DataFrame()
        out["tickets"] = r.df("""
            select year, sum(ticket_count) as tickets from agg_tickets_by_quarter group by all order by year desc
        """) if r.has("agg_tickets_by_quarter", "year", "ticket_count") else pd.DataFrame()
    return out


def sum_lines(warehouse: Path) -> frozenset[str]:
    """Row labels of budget lines that are sums of other lines (dim_account.is_sum): drawn apart."""
    with read_warehouse(warehouse) as r:
        if not (r.has("fct_budget_variance", "account_key") and r.has("dim_account", "is_sum")):
            return frozenset()
        rows = r.df("""
            select distinct v.row_label from fct_budget_variance as v
            join dim_account as a on a.account_key = v.account_key
            where a.is_sum and v.row_label is not null
        """)
    return frozenset(rows["row_label"].astype(str))


# --- overview page ---------------------------------------------------------------------------------

def list_organisations(warehouse: Path) -> pd.DataFrame:
    """Organisations with at least one reported value, account row or ticket (as customer or provider)."""
    with read_warehouse(warehouse) as r:
        has_tickets = r.has("fct_ticket_daily", "organisation_key", "provider_unit_key")
        tickets = """
                union all
                select organisation_key from fct_ticket_daily
                union all
                select u.organisation_key from fct_ticket_daily as t join dim_unit as u on u.unit_key = t.provider_unit_key
        """ if has_tickets else ""
        return r.df(f"""
            with active as (
                select u.organisation_key from fct_metric_value as f join dim_unit as u on u.unit_key = f.unit_key
                union all
                select u.organisation_key from fct_account_amount as a join dim_unit as u on u.unit_key = a.unit_key
                {tickets}
            )
            select o.organisation_key, o.organisation_name, o.organisation_type, count(*) as n_values
            from active as a
            join dim_organisation as o on o.organisation_key = a.organisation_key
            where o.organisation_key <> 'unknown'
            group by all order by n_values desc, o.organisation_name
        """)


def organisation_overview(warehouse: Path, organisation_key: str) -> dict[str, pd.DataFrame]:
    """The overview of one organisation, from the marts, every row with its source:
      key_figures  one series per metric (the organisation's own unit first, else the unit reporting it
                   most): metric_code, name_nb, name_en, unit_of_measure, unit_key, unit_name, year, value,
                   document_id, file_name, page, line, excerpt
      sick_leave   latest yearly sick leave per unit: unit_key, unit_name, year, value, document_id,
                   file_name, page, line, excerpt
      budget       actual and budget on the sum lines of each unit's newest accounts table: unit_key,
                   unit_name, year, statement, row_label, actual_nok, budget_nok, variance_nok, document_id,
                   file_name, page, excerpt
      tickets      tickets per month for the organisation as customer or as provider: month, tickets
    """
    with read_warehouse(warehouse) as r:
        out = {"key_figures": r.df("""
            with yearly as (
                select f.metric_code, f.unit_key, f.value_year as year, f.value, f.document_id, f.file_name,
                       f.page, f.line, f.excerpt
                from fct_metric_value as f
                join dim_unit as u on u.unit_key = f.unit_key
                where u.organisation_key = ? and f.is_latest and f.subject is null and f.period_code is null
                  and f.qualifier is null
            ),
            series as (
                select y.metric_code, y.unit_key, count(*) as years, max(y.year) as last_year,
                       bool_or(u.unit_level = 'organisation') as is_own
                from yearly as y join dim_unit as u on u.unit_key = y.unit_key
                group by all
            ),
            chosen as (
                select * from series
                qualify row_number() over (partition by metric_code
                                           order by is_own desc, years desc, last_year desc, unit_key) = 1
            ),
            final as (
                select y.metric_code, m.name_nb, m.name_en, m.unit_of_measure, y.unit_key, u.unit_name, y.year,
                       y.value, y.document_id, y.file_name, y.page, y.line, y.excerpt, c.years, c.last_year
                from yearly as y
                join chosen as c on c.metric_code = y.metric_code and c.unit_key = y.unit_key
                join dim_metric as m on m.metric_code = y.metric_code
                join dim_unit as u on u.unit_key = y.unit_key
                qualify row_number() over (partition by y.metric_code, y.year order by y.page nulls last) = 1
            )
            select * exclude (years, last_year) from final
            order by years desc, last_year desc, metric_code, year
        """, [organisation_key])}
        out["sick_leave"] = r.df("""
            select f.unit_key, u.unit_name, f.value_year as year, f.value, f.document_id, f.file_name, f.page,
                   f.line, f.excerpt
            from fct_metric_value as f
            join dim_unit as u on u.unit_key = f.unit_key
            where u.organisation_key = ? and f.metric_code = 'sick_leave_pct' and f.is_latest
              and f.subject is null and f.period_code is null and f.qualifier is null
            qualify row_number() over (partition by f.unit_key order by f.value_year desc, f.page nulls last) = 1
            order by u.unit_name
        """, [organisation_key])
        out["budget"] = r.df("""
            with latest as (
                select v.unit_key, max(v.value_year) as year from fct_budget_variance as v
                join dim_unit as u on u.unit_key = v.unit_key
                where u.organisation_key = ? and v.statement in ('unit', '5-6')
                group by all
            )
            select v.unit_key, u.unit_name, v.value_year as year, v.statement, v.row_label, v.actual_nok,
                   v.budget_nok, v.variance_nok, v.document_id, v.file_name, v.page, v.excerpt
            from fct_budget_variance as v
            join latest as l on l.unit_key = v.unit_key and l.year = v.value_year
            join dim_unit as u on u.unit_key = v.unit_key
            join dim_account as a on a.account_key = v.account_key
            where v.statement in ('unit', '5-6') and a.is_sum
              and not (coalesce(v.actual_nok, 0) = 0 and coalesce(v.budget_nok, 0) = 0)
            order by u.unit_name, v.statement, v.row_order
        """, [organisation_key]) if r.has("fct_budget_variance", "account_key") and r.has("dim_account", "is_sum") \
            else pd.DataFrame()
        out["tickets"] = r.df("""
            select date_trunc('month', t.date_day)::date as month, sum(t.ticket_count) as tickets
            from fct_ticket_daily as t
            left join dim_unit as p on p.unit_key = t.provider_unit_key
            where t.organisation_key = ? or p.organisation_key = ?
            group by all order by month
        """, [organisation_key, organisation_key]) if r.has("fct_ticket_daily", "date_day", "provider_unit_key") \
            else pd.DataFrame()
    return out


# --- source viewer ---------------------------------------------------------------------------------

# Tables of the raw schema whose rows keep a line of a document page: (table, text column).
_PAGE_LINE_SOURCES = (("raw.report_facts", "excerpt"), ("raw.report_accounts", "excerpt"),
                      ("raw.report_cells", "excerpt"), ("raw.report_prose_figures", "text"),
                      ("raw.report_observations", "excerpt"), ("raw.report_units", "excerpt"))


def recorded_documents(warehouse: Path, doc: str) -> pd.DataFrame:
    """The documents the warehouse recorded under this document id or file name, the newest load first:
    document_id, file_name, file_path (as recorded at ingest), file_type, page_count, organisation,
    report_year, title, loaded_at. The source viewer opens only files found here."""
    with read_warehouse(warehouse) as r:
        if not r.has("raw.documents", "document_id", "file_name", "file_type", "page_count", "loaded_at"):
            return pd.DataFrame()
        path = "file_path" if r.has("raw.documents", "file_path") else "cast(null as varchar) as file_path"
        return r.df(f"""
            select document_id, file_name, {path}, file_type, page_count, organisation, report_year, title,
                   loaded_at
            from raw.documents
            where document_id = ? or file_name = ?
            order by loaded_at desc, document_id
        """, [doc, doc])


def stored_page_lines(warehouse: Path, document_id: str, page: int) -> pd.DataFrame:
    """What the warehouse kept of one page when the file itself is gone: the line (number and text) of
    every figure, account row, table cell, stated sentence, observation and unit read from it; line,
    text. Not the whole page: lines nothing was read from were never stored."""
    with read_warehouse(warehouse) as r:
        parts = [f"select line, {text} as text from {table} where document_id = ? and page = ?"
                 for table, text in _PAGE_LINE_SOURCES if r.has(table, "document_id", "page", "line", text)]
        if not parts:
            return pd.DataFrame(columns=["line", "text"])
        rows = r.df(f"""
            with kept as ({" union all ".join(parts)})
            select distinct line, trim(text) as text from kept
            where text is not null and trim(text) <> ''
        """, [document_id, page] * len(parts))
    # two things read from one line (two sentences starting on it, a row and a sentence): every text kept, a text
    # another one holds left out, so the figure searched is on the line shown whichever record kept it
    out = []
    for line, group in rows.groupby("line", dropna=False, sort=True):
        texts = sorted(set(group["text"]), key=len, reverse=True)
        whole = [t for i, t in enumerate(texts) if not any(t in longer for longer in texts[:i])]
        out.append((line, " … ".join(sorted(whole))))
    return pd.DataFrame(out, columns=["line", "text"])


def ticket_exports(warehouse: Path) -> pd.DataFrame:
    """The ticket export files the warehouse loaded: file (as recorded), status, preset, rows_loaded,
    rows_quarantined, loaded_at."""
    with read_warehouse(warehouse) as r:
        if not r.has("raw.ticket_files", "file", "status", "preset", "rows_loaded", "rows_quarantined", "loaded_at"):
            return pd.DataFrame(columns=["file", "status", "preset", "rows_loaded", "rows_quarantined", "loaded_at"])
        return r.df("""
            select file, status, preset, rows_loaded, rows_quarantined, loaded_at
            from raw.ticket_files order by loaded_at desc, file
        """)


def ticket_rows(warehouse: Path, organisation_key: str | None = None, month: str | None = None,
                export: str | None = None) -> pd.DataFrame:
    """The tickets behind a count, each with the export file and row it was read from: ticket_id,
    created_at, customer_name, category, priority, status, file, row_number. `organisation_key` keeps the
    organisation's tickets as customer or as provider and `month` ('YYYY-MM') those created in that month
    -- the overview's tickets per month; `export` keeps one export file (as recorded)."""
    with read_warehouse(warehouse) as r:
        if not r.has("fct_ticket", "ticket_id", "source_system", "organisation_key", "provider_unit_key",
                     "created_date", "source_file"):
            return pd.DataFrame()
        row = "r.source_row" if r.has("raw.tickets", "source_system", "ticket_id", "source_row") \
            else "cast(null as bigint)"
        join = "left join raw.tickets as r on r.source_system = t.source_system and r.ticket_id = t.ticket_id" \
            if row != "cast(null as bigint)" else ""
        if month and not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", month):
            raise ValueError(f"month {month!r}: expected YYYY-MM")
        first = f"{month}-01" if month else None
        return r.df(f"""
            select t.ticket_id, t.created_at, t.customer_name, t.category, t.priority, t.status,
                   t.source_file as file, {row} as row_number
            from fct_ticket as t
            left join dim_unit as p on p.unit_key = t.provider_unit_key
            {join}
            where (?::varchar is null or t.organisation_key = ? or p.organisation_key = ?)
              and (?::date is null or (t.created_date >= ?::date and t.created_date < ?::date + interval 1 month))
              and (?::varchar is null or t.source_file = ?)
            order by t.created_at nulls last, t.source_file, row_number, t.ticket_id
        """, [organisation_key] * 3 + [first] * 3 + [export] * 2)
