"""Fixtures shared by the engine's small-warehouse tests (one home): a module defines `warehouse` (a small DuckDB
file it builds) and `organisations` (the organisations its questions may name); `con` opens the warehouse read-only
and `vocab` is the planner's vocabulary over it, read from the data the way the engine reads it."""
from __future__ import annotations

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
