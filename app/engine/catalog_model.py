"""The governed catalog the question engines see: marts, columns, metrics, units, verified queries.

Built from the dbt manifest and the metric catalog by `app.engine.catalog.load_catalog`;
engines receive it and never look at the warehouse schema themselves.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Column:
    name: str
    data_type: str
    description: str


@dataclass(frozen=True)
class Table:
    name: str  # mart name as it is queried, e.g. "fct_metric_value"
    description: str
    columns: tuple[Column, ...]

    def column_names(self) -> set[str]:
        return {c.name for c in self.columns}


@dataclass(frozen=True)
class Metric:
    code: str  # e.g. "sick_leave_pct"
    name_nb: str
    name_en: str
    synonyms: tuple[str, ...]  # lower-case words and phrases, Norwegian and English
    unit_of_measure: str  # "pct" | "fte" | "count" | "nok" | "nok_per_capita"
    higher_is_better: bool | None
    definition: str


@dataclass(frozen=True)
class VerifiedQuery:
    question: str
    sql: str
    verified_by: str
    verified_at: str


@dataclass
class Catalog:
    tables: dict[str, Table]
    metrics: dict[str, Metric]
    units: dict[str, str] = field(default_factory=dict)  # alias (lower-case) -> canonical unit name
    years: tuple[int, ...] = ()
    scenarios: tuple[str, ...] = ()
    verified_queries: tuple[VerifiedQuery, ...] = ()

    def allowed_columns(self) -> dict[str, set[str]]:
        """What the SQL guard lets a query touch."""
        return {name: t.column_names() for name, t in self.tables.items()}
