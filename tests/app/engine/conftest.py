"""Fixtures shared by the engine's small-warehouse tests (one home): a module defines `warehouse` (a small DuckDB
file it builds) and `organisations` (the organisations its questions may name); `con` opens the warehouse read-only
and `vocab` is the planner's vocabulary over it, read from the data the way the engine reads it."""
from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from app.engine.planner import Vocabulary
from app.engine.vocabulary import load_data_vocabulary


@pytest.fixture(scope="module")
def organisations() -> dict[str, tuple[str, ...]]:
    """organisation_key -> (display name, other names a question may use); a module overrides it."""
    return {}


@pytest.fixture(scope="module")
def con(warehouse):
    c = duckdb.connect(str(warehouse), read_only=True)
    yield c
    c.close()


def vocabulary_over(con, organisations: dict[str, tuple[str, ...]]) -> Vocabulary:
    """The planner's vocabulary over a small warehouse: no governed metrics or units, the organisations given, and
    everything else read from the data (tickets, account lines, report cells, prose)."""
    present = {t for (t,) in con.execute("select table_name from information_schema.tables").fetchall()}
    aliases = {name.lower(): key for key, names in organisations.items() for name in names}
    return Vocabulary(metrics={}, unit_aliases={}, organisations=aliases,
                      organisation_names={key: names[0] for key, names in organisations.items()},
                      tables=frozenset(present), data=load_data_vocabulary(con, present))


@pytest.fixture(scope="module")
def vocab(con, organisations):
    return vocabulary_over(con, organisations)


def read_and_run(question: str, vocab: Vocabulary, con, lang: str):
    """The families' reading of a question (the engine's order, fallbacks last) and, when it is a reading, its SQL run
    over the small warehouse: (reading or refusal, columns, rows)."""
    from app.engine import families
    from app.engine.families.base import Question, Reading

    found = families.read(Question.parse(question, lang), vocab, families.FAMILIES + families.FALLBACK_FAMILIES)
    if isinstance(found, Reading):
        cur = con.execute(found.sql)
        return found, [d[0] for d in cur.description], cur.fetchall()
    return found, [], []


def scalar(con, sql: str):
    """The one value a query returns (an expected figure, computed over the same rows)."""
    return con.execute(sql).fetchone()[0]


TICKET_EVENT_COLUMNS = """ticket_key text, source_system text, ticket_id text, event_at timestamp, event_date date,
    event_seq integer, activity text, resource text, status text, created_date date, days_since_created double,
    source_file text"""
TICKET_ATTRIBUTE_COLUMNS = """ticket_attribute_id text, ticket_key text, source_system text, ticket_id text,
    attribute text, value text, value_number double, item_count integer, source_file text"""


# three invented municipalities for the small ticket warehouses: organisation_key -> (name, short name)
TOWNS = {"nord": ("Nordvik kommune", "Nordvik"), "sor": ("Sørvik kommune", "Sørvik"),
         "vest": ("Vestvik kommune", "Vestvik")}
TOWN_NAMES = {key: names[0] for key, names in TOWNS.items()}  # organisation_key -> name, as dim_organisation holds it


def write_ticket_warehouse(path: Path, ticket_columns: str, tickets: list[tuple], events: list[tuple],
                           attributes: list[tuple], organisations: dict[str, str]) -> Path:
    """A small warehouse of invented ticket exports at `path`: fct_ticket with a module's own `ticket_columns` (the
    fields its exports have) and rows, the event log and list columns in the loader's shape, and dim_organisation
    (organisation_key -> name); every ticket's customer_name is its organisation's name."""
    con = duckdb.connect(str(path))
    for table, columns, rows in (("fct_ticket", ticket_columns, tickets),
                                 ("fct_ticket_event", TICKET_EVENT_COLUMNS, events),
                                 ("fct_ticket_attribute", TICKET_ATTRIBUTE_COLUMNS, attributes)):
        con.execute(f"create table {table} ({columns})")
        if rows:
            con.executemany(f"insert into {table} values (" + ", ".join("?" * len(rows[0])) + ")", rows)
    con.execute("create table dim_organisation (organisation_key text, organisation_name text)")
    if organisations:
        con.executemany("insert into dim_organisation values (?, ?)", list(organisations.items()))
    con.execute("update fct_ticket set customer_name = (select organisation_name from dim_organisation as o "
                "where o.organisation_key = fct_ticket.organisation_key)")
    con.close()
    return path



@pytest.fixture(scope="module")
def engine_over_exports(prefect_harness, tmp_path_factory):
    """Builds a question engine over a warehouse refreshed from the ticket exports in a folder (no reports),
    through the real refresh flow; the refresh must publish."""
    from app.engine.engine import QuestionEngine
    from flows.refresh import refresh

    def build(folder, name: str) -> QuestionEngine:
        warehouse = tmp_path_factory.mktemp(name) / "warehouse.duckdb"
        summary = refresh(reports_dir=None, tickets_dir=folder, warehouse=warehouse)
        assert summary.published, summary
        return QuestionEngine(warehouse)

    return build


@pytest.fixture(scope="module")
def warehouse_over_reports(prefect_harness, tmp_path_factory):
    """Builds a warehouse refreshed from report texts ({file name: text}) through the real refresh flow (no
    tickets); the refresh must publish."""
    from flows.refresh import refresh

    def build(reports: dict[str, str], name: str) -> Path:
        inbox = tmp_path_factory.mktemp(f"{name}_inbox")
        for file_name, text in reports.items():
            (inbox / file_name).write_text(text, encoding="utf-8")
        target = tmp_path_factory.mktemp(name) / "warehouse.duckdb"
        summary = refresh(reports_dir=inbox, tickets_dir=None, warehouse=target)
        assert summary.published, summary
        return target

    return build


def write_csv(path: Path, rows: list[dict], delimiter: str = ";") -> None:
    """An export file of `rows` (dicts of one header), as a helpdesk writes a `;`-separated CSV."""
    import csv

    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]), delimiter=delimiter)
        writer.writeheader()
        writer.writerows(rows)


def planner_answer(engine, question: str, status: str = "ok") -> dict:
    """The deterministic planner's answer to `question`, which must have `status`."""
    r = engine.ask(question, engine="planner")
    assert r["status"] == status, (question, r["answer"])
    return r


def row_values(result: dict) -> list[float]:
    """The numbers of an answer's «value» column, in row order."""
    columns = result["columns"]
    return [r[i] for r in result["rows"] for i, c in enumerate(columns) if c == "value" and isinstance(r[i], (int, float))]


def engine_over_answers(answers: dict, refusal: str = "Ikke rapportert."):
    """A question engine (no warehouse) whose own reading of a question is the answer given for it in `answers`, and a
    refusal otherwise: for the engine's splitting into parts and what it says of them."""
    from app.engine.engine import QuestionEngine, _result
    from app.engine.planner import Vocabulary

    class _Engine(QuestionEngine):
        def __init__(self):
            self.answers = answers
            self.asked = []
            self.vocab = Vocabulary(metrics={}, unit_aliases={}, organisations={"nordvik": "n"},
                                    organisation_names={"n": "Nordvik"})
            self._in_parts = False

        def _ask(self, question, engine):
            self.asked.append(question)
            return self.answers.get(question) or _result(question, status="unanswerable", engine="planner",
                                                         answer=refusal)

    return _Engine()
