"""LLM structured-plan mode: the model fills the same plan the planner produces — a JSON object
constrained to the warehouse's vocabulary, through LangChain structured output — and the plan is
compiled to SQL by the planner's own compiler (report measures) or the family modules (tickets,
account lines, report cells). The model never writes SQL here and never states a number.

A name in the plan that the vocabulary does not hold (a metric code, a unit, a label, a value) makes
the answer unanswerable with that name; it is never mapped to something else.
"""
from __future__ import annotations

import json
from typing import Literal

from langchain_core.messages import HumanMessage, SystemMessage
from langchain_core.output_parsers import PydanticOutputParser
from pydantic import BaseModel, Field

from flows.months import month_name

FAMILY = Literal["value", "trend", "change", "ranking", "variance", "tickets", "resolution_time", "account_line",
                 "cell_lookup", "unanswerable"]


class PlanSpec(BaseModel):
    """The plan of one question, in the vocabulary's own words."""
    family: FAMILY = Field(description="Question family; 'unanswerable' when the vocabulary cannot answer it.")
    metric: str | None = Field(None, description="Metric code from the catalog (value/trend/change/ranking).")
    label: str | None = Field(None, description="Account line or table row label exactly as listed.")
    units: list[str] = Field(default_factory=list, description="Unit names exactly as listed.")
    organisations: list[str] = Field(default_factory=list, description="Organisation names exactly as listed.")
    years: list[int] = Field(default_factory=list)
    quarters: list[int] = Field(default_factory=list)
    months: list[int] = Field(default_factory=list)
    weeks: list[int] = Field(default_factory=list)
    breakdown: str | None = Field(None, description="year|half|quarter|month|week or a ticket dimension name.")
    filters: dict[str, str] = Field(default_factory=dict, description="Ticket dimension -> value exactly as listed.")
    scenario: Literal["actual", "budget", "actual_vs_budget"] | None = None
    rank: Literal["desc", "asc"] | None = None
    limit: int | None = None
    reason: str | None = Field(None, description="Why the question cannot be answered, when family is unanswerable.")


def describe_vocabulary(vocab, limit: int = 120) -> str:
    """The names the plan may use, as the warehouse holds them."""
    parts = ["Metrics (code: name):"]
    parts += [f"- {c}: {m.name_nb} / {m.name_en}" for c, m in vocab.metrics.items()]
    units = sorted({r.unit_name for r in vocab.unit_aliases.values()})
    parts.append("Units: " + "; ".join(units[:limit]))
    parts.append("Organisations: " + "; ".join(sorted(set(vocab.organisation_names.values()))[:limit]))
    parts.append("Years with report data: " + ", ".join(map(str, vocab.years)))
    data = vocab.data
    if data is not None and data.accounts is not None:
        parts.append("Account lines: " + "; ".join(data.accounts.labels[:limit]))
    if data is not None and data.cells is not None:
        parts.append("Table rows: " + "; ".join(data.cells.rows.labels[:limit]))
    if data is not None and data.tickets is not None and data.tickets.rows:
        tv = data.tickets
        parts.append(f"Ticket exports: {tv.first} to {tv.last}")
        for dim, values in tv.raw_values.items():
            parts.append(f"Ticket {dim}: " + "; ".join(values[:30]))
    return "\n".join(parts)


SYSTEM = ("You turn a question about Norwegian municipal reports and helpdesk tickets into a plan. Use only the "
          "names listed below, exactly as written. Never invent a name; if the question needs something not "
          "listed, set family to 'unanswerable' and say why in reason. Never write SQL or numbers.\n\n")


def request_plan(chat_model, question: str, vocab) -> PlanSpec:
    """Structured output when the model supports it (tool calling / JSON schema), else JSON by instructions."""
    messages = [SystemMessage(content=SYSTEM + describe_vocabulary(vocab)), HumanMessage(content=question)]
    try:
        runnable = chat_model.with_structured_output(PlanSpec)
    except NotImplementedError:
        runnable = None
    if runnable is not None:
        try:
            out = runnable.invoke(messages)
            return out if isinstance(out, PlanSpec) else PlanSpec.model_validate(out)
        except NotImplementedError:
            pass
    parser = PydanticOutputParser(pydantic_object=PlanSpec)
    messages[0] = SystemMessage(content=messages[0].content + "\n\n" + parser.get_format_instructions())
    reply = chat_model.invoke(messages)
    return parser.parse(reply.content if isinstance(reply.content, str) else json.dumps(reply.content))


def unknown_names(spec: PlanSpec, vocab) -> list[str]:
    """Names in the plan that the vocabulary does not hold."""
    bad = []
    if spec.metric and spec.metric not in vocab.metrics:
        bad.append(spec.metric)
    units = {r.unit_name for r in vocab.unit_aliases.values()}
    bad += [u for u in spec.units if u not in units]
    orgs = set(vocab.organisation_names.values())
    bad += [o for o in spec.organisations if o not in orgs]
    data = vocab.data
    if spec.label:
        labels = set()
        if data is not None and data.accounts is not None:
            labels |= set(data.accounts.labels)
        if data is not None and data.cells is not None:
            labels |= set(data.cells.rows.labels)
        if spec.label not in labels:
            bad.append(spec.label)
    if spec.filters:
        raw = data.tickets.raw_values if data is not None and data.tickets is not None else {}
        for dim, value in spec.filters.items():
            if value not in raw.get(dim, ()):
                bad.append(f"{dim}={value}")
    return bad


GRAINS = {"year": "per år", "half": "per halvår", "quarter": "per kvartal", "month": "per måned", "week": "per uke"}


def render(spec: PlanSpec) -> str:
    """The plan in the vocabulary's own words, for the family modules to read (tickets, labels)."""
    words: list[str] = []
    if spec.family in ("tickets", "resolution_time"):
        words.append("median løsningstid saker" if spec.family == "resolution_time" else "antall saker")
        words += list(spec.filters.values())
    elif spec.label:
        words.append(spec.label)
    words += spec.organisations + spec.units
    if spec.scenario == "actual":
        words.append("regnskap")
    elif spec.scenario == "budget":
        words.append("budsjett")
    elif spec.scenario == "actual_vs_budget":
        words.append("regnskap mot budsjett")
    words += [f"uke {w}" for w in spec.weeks]
    words += [month_name(m) for m in spec.months if 1 <= m <= 12]
    words += [f"Q{q}" for q in spec.quarters]
    words += [str(y) for y in spec.years]
    if spec.breakdown:
        words.append(GRAINS.get(spec.breakdown, f"fordelt på {spec.breakdown}"))
    if spec.rank:
        words.append(("topp " + str(spec.limit) if spec.limit else "flest") if spec.rank == "desc" else "færrest")
    return " ".join(words)


def to_plan(spec: PlanSpec, question: str, vocab):
    """A planner Plan for the report-measure families (value, trend, change, ranking, variance)."""
    from app.engine.planner import Plan

    by_name = {}
    for ref in vocab.unit_aliases.values():
        by_name.setdefault(ref.unit_name, ref)
    org_keys = {name: key for key, name in vocab.organisation_names.items()}
    plan = Plan(question=question, family=spec.family, metrics=[spec.metric] if spec.metric else [],
                units=[by_name[u] for u in spec.units if u in by_name], years=list(spec.years),
                quarters=list(spec.quarters), organisations=[org_keys[o] for o in spec.organisations if o in org_keys])
    if spec.family == "ranking":
        plan.rank_order = spec.rank or "desc"
        plan.limit = spec.limit
    if spec.family == "variance":
        plan.metrics = []
    if spec.family in ("value", "trend", "change", "ranking") and not plan.metrics:
        plan.answerable, plan.reason = False, "no_metric"
    if spec.family == "variance" and not plan.units:
        plan.answerable, plan.reason = False, "no_unit"
    if spec.family == "change" and len(plan.years) == 1:
        plan.years = [plan.years[0] - 1, plan.years[0]]
    return plan
