"""The question engine: verified queries, the planner and the LLM behind one `ask` call.

Every engine's SQL passes app.engine.guard and runs on a read-only connection; the result is
returned in the contract's answer JSON (shared/docs/contract.md).
"""
from __future__ import annotations

import logging
import time
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

import duckdb

from app.engine import answer as fmt
from app.engine.catalog import load_catalog
from app.engine.catalog_model import Catalog
from app.engine.guard import GuardError, guard_sql, run_readonly
from app.engine.planner import Plan, Vocabulary, compile_sql, plan_question
from app.engine.text import normalise
from flows.settings import get_settings
from flows.warehouse import hold_open

logger = logging.getLogger(__name__)

PLANNER_CONFIDENCE = 0.7


def _result(question: str, **kw) -> dict:
    base = {"question": question, "status": "error", "engine": None, "sql": None, "columns": [], "rows": [],
            "answer": "", "sources": [], "chart": None, "elapsed_ms": 0.0}
    base.update(kw)
    return base


@lru_cache(maxsize=8)
def _catalog_for(warehouse: str, mtime: float) -> tuple[Catalog, Vocabulary]:
    return load_catalog(Path(warehouse))


def catalog_for(warehouse: Path) -> tuple[Catalog, Vocabulary]:
    """Cached per warehouse file version: a published refresh changes the mtime."""
    return _catalog_for(str(Path(warehouse).resolve()), Path(warehouse).stat().st_mtime)


@lru_cache(maxsize=2048)
def _guarded(sql: str, catalog_key: int, allowed_items: tuple, max_rows: int) -> str:
    return guard_sql(sql, {t: set(cols) for t, cols in allowed_items}, max_rows=max_rows)


class QuestionEngine:
    def __init__(self, warehouse: Path, chat_model=None):
        """`chat_model` overrides the LLM from settings (KOMMUNEDATA_LLM_*), e.g. a LangChain fake model in tests."""
        self.warehouse = Path(warehouse)
        self.chat_model = chat_model
        self.settings = get_settings()
        self.catalog, self.vocab = catalog_for(self.warehouse)
        self._allowed = tuple(sorted((t, tuple(sorted(c))) for t, c in self.catalog.allowed_columns().items()))

    def run(self, sql: str) -> tuple[str, list[str], list[tuple]]:
        """Guard the SQL (the verdict is cached per SQL text and catalog) and run it read-only."""
        safe = _guarded(sql, id(self.catalog), self._allowed, self.settings.max_rows)
        hold_open(self.warehouse)
        columns, rows = run_readonly(self.warehouse, safe, timeout_s=self.settings.query_timeout_s)
        return safe, columns, rows

    # -- engines ------------------------------------------------------------------------------

    def ask(self, question: str, engine: str = "auto") -> dict:
        started = time.perf_counter()
        try:
            result = self._ask(question, engine)
        except GuardError as exc:
            result = _result(question, status="error", answer=f"Spørringen ble stoppet av SQL-vakten: {exc}")
        result["elapsed_ms"] = round((time.perf_counter() - started) * 1000, 1)
        return result

    def _ask(self, question: str, engine: str) -> dict:
        if engine == "auto":
            verified = self._verified(question)
            if verified is not None:
                return verified
        plan = plan_question(question, self.vocab)
        if engine == "planner" or (engine == "auto" and plan.answerable and plan.confidence >= PLANNER_CONFIDENCE):
            return self._answer_plan(question, plan)
        if engine in ("auto", "llm"):
            llm = self._llm_engine()
            if llm is not None:
                return llm.ask(question)
            if engine == "llm":
                return _result(question, status="error", engine="llm",
                               answer="Ingen språkmodell er konfigurert (sett KOMMUNEDATA_LLM_PROVIDER).")
        return self._answer_plan(question, plan)

    def _verified(self, question: str) -> dict | None:
        key = normalise(question)
        for vq in self.catalog.verified_queries:
            if normalise(vq.question) == key:
                sql, columns, rows = self.run(vq.sql)
                plan = plan_question(question, self.vocab)
                result = self._format(question, plan, sql, columns, rows, engine="verified")
                result["verified"] = True
                result["verified_by"] = f"{vq.verified_by}, {vq.verified_at}"
                return result
        return None

    def _format(self, question: str, plan: Plan, sql: str, columns: list[str], rows: list[tuple],
                engine: str) -> dict:
        lang = fmt.detect_language(question)
        columns, rows, sources = fmt.split_sources(columns, rows)
        if not rows:
            return self._unanswerable(question, plan, lang, sql=sql)
        if "variance_nok" in columns:
            text = fmt.variance_sentence(plan, columns, rows, lang)
        elif plan.family == "cost_share":
            text = fmt.cost_share_sentence(plan, columns, rows, lang)
        elif plan.family == "tickets":
            text = fmt.tickets_sentence(plan, self.vocab.metrics, columns, rows, lang)
        elif plan.family == "compare_average":
            text = fmt.compare_average_sentence(plan, self.vocab.metrics, columns, rows, lang)
        elif plan.family == "target":
            text = fmt.target_sentence(plan, self.vocab.metrics, columns, rows, lang)
        else:
            text = fmt.metric_sentence(plan, self.vocab.metrics, columns, rows, lang)
        return _result(question, status="ok", engine=engine, sql=sql, columns=columns, rows=rows, answer=text,
                       sources=sources, chart=fmt.suggest_chart(plan, columns, rows), plan=plan.understood)

    def _llm_engine(self):
        from app.engine.llm import LLMEngine, LLMSettings, build_chat_model

        model = self.chat_model or build_chat_model(LLMSettings())
        if model is None:
            return None
        return LLMEngine(model, self.catalog, run_sql=lambda sql: run_readonly(
            self.warehouse, sql, timeout_s=self.settings.query_timeout_s),
            guard=lambda sql: guard_sql(sql, self.catalog.allowed_columns(), max_rows=self.settings.max_rows))

    def _answer_plan(self, question: str, plan: Plan) -> dict:
        lang = fmt.detect_language(question)
        if not plan.answerable:
            return self._unanswerable(question, plan, lang)
        for candidate, by_subject in self._candidates(plan):
            sql, columns, rows = self.run(compile_sql(candidate, by_subject=by_subject))
            if rows:
                return self._format(question, candidate, sql, columns, rows, engine="planner")
        return self._unanswerable(question, plan, lang, sql=sql)

    @staticmethod
    def _candidates(plan: Plan):
        """The plan as asked, then readings that explain an empty result without guessing values:
        a name that is both a unit and a breakdown member ("Stjørdal") read as both, as the unit and
        as the member, and a metric reported only per municipality/gender listed by its breakdown."""
        subject_names = {normalise(s) for s in plan.subjects}
        ambiguous = [u for u in plan.units if normalise(u.unit_name) in subject_names
                     or any(normalise(s) in normalise(u.unit_name).split() for s in plan.subjects)]
        readings = [plan]
        if ambiguous and plan.family not in ("variance", "cost_share", "tickets"):
            unit_words = {w for u in ambiguous for w in normalise(u.unit_name).split()}
            as_unit = replace(plan, subjects=[s for s in plan.subjects if normalise(s) not in unit_words])
            as_subject = replace(plan, units=[u for u in plan.units if u not in ambiguous])
            readings = [plan, as_unit, as_subject]
        if plan.family == "cost_share" and plan.investment:
            readings.append(replace(plan, investment=False))
        for reading in readings:
            if reading.family in ("variance", "cost_share", "tickets", "compare_average", "target"):
                yield reading, False
                continue
            if reading.rank_by == "subject" and not reading.subjects:
                yield reading, True
                continue
            yield reading, False
            yield reading, True

    def _unanswerable(self, question: str, plan: Plan, lang: str, sql: str | None = None) -> dict:
        en = lang == "en"
        if plan.reason == "unknown_unit":
            units = sorted({r.unit_name for r in self.vocab.unit_aliases.values()})
            names = ", ".join(plan.unknown)
            text = (f"The data holds nothing about {names}. Units with data: " + ", ".join(units[:12]) + "."
                    if en else f"Dataene har ingenting om {names}. Enheter med data: " + ", ".join(units[:12]) + ".")
            return _result(question, status="unanswerable", engine="planner", answer=text, plan=plan.understood)
        if plan.reason == "unknown_member":
            members = sorted({m for code in plan.metrics for m in self.vocab.metric_subjects.get(code, ())})
            name = ", ".join((self.vocab.metrics[c].name_en if en else self.vocab.metrics[c].name_nb)
                             for c in plan.metrics)
            names = ", ".join(plan.unknown)
            text = (f"{name} is not reported for {names}; it is reported for: " + ", ".join(members) + "."
                    if en else f"{name} er ikke rapportert for {names}; tallene finnes for: " + ", ".join(members) + ".")
            return _result(question, status="unanswerable", engine="planner", answer=text, plan=plan.understood)
        if plan.reason == "no_metric":
            names = ", ".join((m.name_en if en else m.name_nb) for m in list(self.vocab.metrics.values())[:12])
            text = ("I could not tell which measure the question is about. I can answer e.g.: " + names + "."
                    if en else "Jeg fant ikke hvilket mål spørsmålet gjelder. Jeg kan svare på blant annet: " + names + ".")
            return _result(question, status="unanswerable", engine="planner", answer=text, plan=plan.understood)
        if plan.reason == "no_unit":
            units = sorted({r.unit_name for r in self.vocab.unit_aliases.values()})
            text = ("Please name the unit, e.g. " if en else "Oppgi hvilken enhet du mener, f.eks. ") \
                + ", ".join(units[:8]) + "."
            return _result(question, status="unanswerable", engine="planner", answer=text, plan=plan.understood)
        if plan.family in ("variance", "cost_share") or (plan.family == "tickets" and not plan.metrics):
            return self._unanswerable_accounts(question, plan, lang, sql)
        if plan.family == "tickets":
            years = ", ".join(str(y) for y in self.vocab.ticket_years)
            text = (f"The ticket exports do not cover that period. Tickets exist for: {years or 'no year'}."
                    if en else f"Saksdataene dekker ikke den perioden. Saksdata finnes for: {years or 'ingen år'}.")
            return _result(question, status="unanswerable", engine="planner", sql=sql, answer=text,
                           plan=plan.understood)
        known, observations = [], []
        if plan.metrics:
            codes = ", ".join(f"'{m}'" for m in plan.metrics[:1])
            unit_filter = ""
            if plan.units:
                unit_filter = " and f.unit_key in (" + ", ".join(f"'{u.unit_key}'" for u in plan.units) + ")"
            _, _, known = self.run(
                "select distinct u.unit_name, f.value_year from fct_metric_value as f "
                "join dim_unit as u on u.unit_key = f.unit_key "
                f"where f.metric_code in ({codes}){unit_filter} and coalesce(f.qualifier, '') <> 'target' "
                "order by 1, 2")
            _, _, observations = self.run(
                "select u.unit_name, o.observation, o.value_year from fct_observation as o "
                "join dim_unit as u on u.unit_key = o.unit_key "
                f"where o.metric_code in ({codes})" + unit_filter.replace("f.", "o.") + " order by 1")
            if not known and plan.units:  # nothing for that unit: say where the measure exists
                _, _, known = self.run(
                    "select distinct u.unit_name, f.value_year from fct_metric_value as f "
                    "join dim_unit as u on u.unit_key = f.unit_key "
                    f"where f.metric_code in ({codes}) and coalesce(f.qualifier, '') <> 'target' order by 1, 2")
        metric = self.vocab.metrics[plan.metrics[0]] if plan.metrics else None
        name = (metric.name_en if en else metric.name_nb) if metric else ""
        unit_name = ", ".join(u.unit_name for u in plan.units) or None
        period = ", ".join(map(str, plan.years))
        if plan.quarters:
            period = (", ".join(f"Q{q}" for q in plan.quarters) + " " + period).strip()
        if period:
            unit_name = f"{unit_name or ''} {period}".strip()
        text = fmt.known_instead(name, unit_name, known, observations, lang)
        return _result(question, status="unanswerable", engine="planner", sql=sql, answer=text, plan=plan.understood)

    def _unanswerable_accounts(self, question: str, plan: Plan, lang: str, sql: str | None) -> dict:
        en = lang == "en"
        table = "fct_cost_share" if plan.family == "cost_share" else "fct_budget_variance"
        _, _, known = self.run(f"select distinct u.unit_name, t.value_year from {table} as t "
                               "join dim_unit as u on u.unit_key = t.unit_key order by 1, 2")
        listing = "; ".join(f"{u} {y}" for u, y in known[:10])
        what = ("Cost shares" if plan.family == "cost_share" else "Accounts against budget") if en else (
            "Kostnadsfordeling" if plan.family == "cost_share" else "Regnskap mot budsjett")
        who = ", ".join(u.unit_name for u in plan.units)
        period = ", ".join(map(str, plan.years))
        head = (f"Not reported for {who} {period}".strip() if en else f"Ikke rapportert for {who} {period}".strip())
        tail = (f"{what} exist for: {listing}." if en else f"{what} finnes for: {listing}.") if known else ""
        return _result(question, status="unanswerable", engine="planner", sql=sql, answer=f"{head}. {tail}".strip(),
                       plan=plan.understood)


def ask(question: str, warehouse: Path | None = None, engine: str = "auto", chat_model=None) -> dict:
    """One answer dict (contract.md); a warehouse that is missing or cannot be read is status 'error'
    with one sentence, the details go to the log, never a traceback to the user."""
    warehouse = Path(warehouse or get_settings().warehouse)
    if not warehouse.exists():
        return _result(question, status="error",
                       answer=f"Fant ikke datavarehuset {warehouse}. Kjør 'kommunedata refresh' først.")
    try:
        return QuestionEngine(warehouse, chat_model=chat_model).ask(question, engine=engine)
    except duckdb.Error as exc:
        logger.info("warehouse %s could not be read for %r", warehouse, question, exc_info=True)
        return _result(question, status="error",
                       answer=f"Datavarehuset {warehouse} kan ikke leses ({type(exc).__name__}); "
                              "kjør 'kommunedata refresh' for å bygge det på nytt.")
