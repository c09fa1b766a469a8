"""The fixed, read-only SQL behind the explore pages (unit, helpdesk, data health).

Each function opens one read-only connection, runs its queries on it and closes it, so one page
shows one consistent version of the warehouse even while a refresh swaps in a new file (the
swap is an os.replace: an open connection keeps reading the file it opened). Marts that are
not built in a given warehouse (e.g. no ticket exports yet) give empty frames, never errors.
The SQL is fixed text with bound parameters; nothing from the user is spliced into it.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

import duckdb
import pandas as pd

# The same configuration as the question engine's connections: DuckDB refuses a second connection
# to an open file with a different configuration, and the app runs both in one process.
from app.engine.guard import _READONLY_CONFIG as READONLY_CONFIG
from flows.settings import DBT_PROJECT_DIR

STAFFING_METRICS = ("fte", "employees", "fte_performed", "fte_available", "apprentices")
SICK_LEAVE_METRICS = ("sick_leave_pct", "sick_leave_self_certified_pct", "sick_leave_doctor_certified_pct")
HELPDESK_REPORT_METRICS = ("cases", "cases_average", "ab_incidents", "it_helpdesk_contacts", "phone_contacts")
SLA_METRICS = ("uptime_pct", "phone_answered_1min_pct", "phone_answered_3min_pct",
               "equipment_delivery_over_21d_pct", "new_users_over_3d_pct")


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
    con = duckdb.connect(str(path), read_only=True, config=READONLY_CONFIG)
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
                extra="and f.subject is null and f.quarter is null and f.qualifier is null"),
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

def helpdesk_overview(warehouse: Path, organisation: str | None = None) -> dict[str, pd.DataFrame]:
    """Cases, A/B incidents and SLA results: from the ticket marts when built, and as reported.

    Frames: organisations, weekly (year, week, tickets, average_earlier_years), incidents
    (period, priority, tickets), sla (sla, period, result, target, met), and the report-stated
    figures reported_cases, reported_incidents, reported_sla, reported_contacts.
    `weekly` is empty when the warehouse holds no ticket data.
    """
    with read_warehouse(warehouse) as r:
        out: dict[str, pd.DataFrame] = {}
        out.update(_ticket_frames(r, organisation))
        out.update(_reported_helpdesk(r))
    return out


def _ticket_frames(r: _Reader, organisation: str | None) -> dict[str, pd.DataFrame]:
    empty = pd.DataFrame()
    frames = {"organisations": empty, "weekly": empty, "incidents": empty, "sla": empty}
    if not r.has("fct_ticket", "created_at"):
        return frames
    org_col = next((c for c in ("customer_org", "organisation", "organisation_name") if r.has("fct_ticket", c)), None)
    org_filter, params = "", []
    if org_col:
        frames["organisations"] = r.df(
            f"select distinct {org_col} as organisation from fct_ticket where {org_col} is not null order by 1")
        if organisation:
            org_filter, params = f"and {org_col} = ?", [organisation]
    # Week-of-year counts, each week against the same week's mean over every earlier year in the data.
    frames["weekly"] = r.df(f"""
        with weekly as (
            select isoyear(created_at) as year, week(created_at) as week, count(*) as tickets
            from fct_ticket
            where created_at is not null {org_filter}
            group by all
        ),
        final as (
            select w.year, w.week, w.tickets,
                   (select avg(e.tickets) from weekly as e where e.week = w.week and e.year < w.year)
                       as average_earlier_years
            from weekly as w
        )
        select * from final order by year, week
    """, params)
    if r.has("fct_ticket", "priority"):
        frames["incidents"] = r.df(f"""
            select year(created_at) as year, quarter(created_at) as quarter, priority, count(*) as tickets
            from fct_ticket
            where priority in ('A', 'B') {org_filter}
            group by all order by year, quarter, priority
        """, params)
    if r.has("fct_sla_result"):
        cols = r.columns["fct_sla_result"]
        sla_org = next((c for c in ("customer_org", "organisation", "organisation_name") if c in cols), None)
        where, sla_params = "", []
        if sla_org and organisation:
            where, sla_params = f"where {sla_org} = ?", [organisation]
        frames["sla"] = r.df(f"select * from fct_sla_result {where}", sla_params)
    return frames


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
        "reported_sla": r.df(sql.format(codes=", ".join("?" * len(SLA_METRICS))), list(SLA_METRICS)),
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
            "reconciliation": r.df("select * from fct_reconciliation") if r.has("fct_reconciliation") else empty,
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
