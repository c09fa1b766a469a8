"""The deterministic planner: a question in bokmål, nynorsk or English -> a Plan -> SQL on the marts.

Pure functions over a Vocabulary (metric synonyms, unit aliases, subjects and years present),
so it is tested without a warehouse. It never guesses: a question it cannot pin to a metric
and the data gets a Plan with `answerable=False` and the reason, and the engine answers
"unanswerable" with what is known instead.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from app.engine.catalog_model import Metric
from app.engine.text import normalise

ACCOUNT_WORDS = ("budsjett", "budget", "avvik", "variance", "regnskap mot", "regnskap og budsjett",
                 "actual vs", "actual versus", "mot budsjett", "budsjettavvik", "rekneskap")
TREND_WORDS = ("trend", "utvikling", "over tid", "over time", "historikk", "history", "per år",
               "hvert år", "kvart år", "each year", "by year", "gjennom årene", "tidsserie")
CHANGE_WORDS = ("endring", "endra", "change", "økning", "nedgang", "opp fra", "ned fra",
                "fra året før", "from the year before", "year over year", "sammenlignet med i fjor",
                "compared with last year", "vs last year")
RANK_HIGH = ("høyest", "høgast", "høyeste", "høgaste", "mest", "flest", "størst", "highest", "most", "largest", "top")
RANK_LOW = ("lavest", "lågast", "laveste", "minst", "færrest", "lowest", "least", "fewest", "smallest")
UNIT_QUESTION = ("hvilken enhet", "kva eining", "kva for eining", "hvilke enheter", "which unit", "which units",
                 "hvilken kommune", "which municipality", "kva kommune")
COST_SHARE_WORDS = ("andel", "andeler", "kostnadsfordeling", "fordeling på kommunene", "fordelt på kommunene",
                    "cost share", "cost shares", "share per municipality", "per kommune", "eierkommunene")
TARGET_WORDS = ("sla", "mål", "måltall", "målet", "target", "targets", "måloppnåelse", "mot målet")
AVERAGE_WORDS = ("snittet", "gjennomsnitt", "snitt", "average", "mean")

QUARTER_WORDS = {
    "første": 1, "fyrste": 1, "first": 1, "andre": 2, "second": 2, "tredje": 3, "third": 3,
    "fjerde": 4, "fourth": 4,
}
NUMBER_WORDS = {"to": 2, "two": 2, "tre": 3, "three": 3, "fire": 4, "four": 4, "fem": 5, "five": 5,
                "seks": 6, "six": 6, "ti": 10, "ten": 10}

FUZZY_THRESHOLD = 0.84


@dataclass(frozen=True)
class UnitRef:
    unit_key: str
    unit_name: str


@dataclass
class Vocabulary:
    metrics: dict[str, Metric]
    unit_aliases: dict[str, UnitRef]  # normalised alias -> unit
    subjects: dict[str, str] = field(default_factory=dict)  # normalised subject -> subject as stored
    years: tuple[int, ...] = ()

    @property
    def latest_year(self) -> int | None:
        return max(self.years) if self.years else None


@dataclass
class Plan:
    question: str
    family: str = "value"  # value | trend | change | ranking | variance | compare_average
    metrics: list[str] = field(default_factory=list)
    units: list[UnitRef] = field(default_factory=list)
    years: list[int] = field(default_factory=list)  # empty = every year present
    quarters: list[int] = field(default_factory=list)
    subjects: list[str] = field(default_factory=list)
    rank_order: str | None = None  # "desc" | "asc"
    limit: int | None = None
    answerable: bool = True
    reason: str | None = None
    understood: list[str] = field(default_factory=list)

    @property
    def confidence(self) -> float:
        if not self.answerable:
            return 0.0
        score = 0.5 if self.metrics else 0.0
        score += 0.3 if (self.units or self.family == "ranking" or self.subjects) else 0.1
        score += 0.2 if (self.years or self.family in ("trend", "ranking")) else 0.1
        return round(score, 2)


# --- recognising the parts of a question ------------------------------------------------------

def _contains_phrase(text: str, phrase: str) -> bool:
    return re.search(rf"(?<![\w]){re.escape(phrase)}(?![\w])", text) is not None


def find_metrics(text: str, metrics: dict[str, Metric]) -> list[str]:
    """Metric codes named in the text, longest synonym first; a phrase inside a longer match is ignored."""
    hits: list[tuple[int, int, str]] = []
    for code, metric in metrics.items():
        names = {s for s in metric.synonyms} | {metric.name_nb.lower(), metric.name_en.lower()}
        for name in names:
            name = normalise(name)
            if not name:
                continue
            for m in re.finditer(rf"(?<![\w]){re.escape(name)}(?![\w])", text):
                hits.append((m.start(), m.end(), code))
    hits.sort(key=lambda h: (-(h[1] - h[0]), h[0]))
    taken: list[tuple[int, int]] = []
    found: list[tuple[int, str]] = []
    for start, end, code in hits:
        if any(start < e and end > s for s, e in taken):
            continue
        taken.append((start, end))
        if code not in [c for _, c in found]:
            found.append((start, code))
    return [code for _, code in sorted(found)]


def _ngrams(words: list[str], max_n: int = 5):
    for n in range(min(max_n, len(words)), 0, -1):
        for i in range(len(words) - n + 1):
            yield i, i + n, " ".join(words[i:i + n])


def _similar(a: str, b: str) -> float:
    return SequenceMatcher(None, a, b).ratio()


INFLECTIONS = ("enheten", "enheter", "enhet", "eininga", "avdelingen", "ene", "ens", "ets", "en", "et", "a", "s")


def _fuzzy_alias(gram: str, aliases: dict[str, UnitRef]) -> UnitRef | None:
    """A typo (same number of words, close spelling) or an inflected single word of an alias."""
    if len(gram) < 5:
        return None
    n_words = gram.count(" ")
    same_shape = [(a, r) for a, r in aliases.items() if a.count(" ") == n_words and abs(len(a) - len(gram)) <= 3]
    best = max(same_shape, key=lambda kv: _similar(gram, kv[0]), default=None)
    if best and _similar(gram, best[0]) >= FUZZY_THRESHOLD:
        return best[1]
    if n_words == 0:
        for alias, ref in aliases.items():
            if " " not in alias and len(alias) >= 4 and gram.startswith(alias) and gram[len(alias):] in INFLECTIONS:
                return ref
    return None


def find_units(text: str, aliases: dict[str, UnitRef]) -> tuple[list[UnitRef], list[str]]:
    """Units named in the text: exact alias first, then typos and inflections ("økonomienheten").

    Returns the units and the words they were matched from, so those words are not read again
    as metric or subject names.
    """
    words = text.split()
    used = [False] * len(words)
    found: list[UnitRef] = []
    matched: list[str] = []
    for i, j, gram in _ngrams(words):
        if any(used[i:j]):
            continue
        ref = aliases.get(gram) or _fuzzy_alias(gram, aliases)
        if ref is not None:
            for k in range(i, j):
                used[k] = True
            matched.append(gram)
            if ref not in found:
                found.append(ref)
    return found, matched


def find_subjects(text: str, subjects: dict[str, str]) -> list[str]:
    return [stored for norm, stored in subjects.items() if norm and _contains_phrase(text, norm)]


def find_years(text: str, latest: int | None) -> list[int]:
    """Explicit years and ranges, and time words relative to the latest year in the data.

    "i fjor" / "last year" means the latest year the data covers: reports are read the year
    after the year they report on.
    """
    years = [int(y) for y in re.findall(r"(?<!\d)(20\d\d|19\d\d)(?!\d)", text)]
    span = re.search(r"(?<!\d)(20\d\d)\s*(?:-|til|to|–|and|og)\s*(20\d\d)(?!\d)", text)
    if span:
        a, b = int(span.group(1)), int(span.group(2))
        years = list(range(min(a, b), max(a, b) + 1))
    if latest is not None:
        if re.search(r"\bi fjor\b|\bi fjord\b|\blast year\b|\bførre året\b|\bi fjol\b", text):
            years.append(latest)
        if re.search(r"\bi forfjor\b|\byear before last\b", text):
            years.append(latest - 1)
        m = re.search(r"\b(?:siste|de siste|dei siste|last|past|the last)\s+(\d+|\w+)\s+(?:år|years)\b", text)
        if m:
            n = int(m.group(1)) if m.group(1).isdigit() else NUMBER_WORDS.get(m.group(1), 0)
            if n:
                years.extend(range(latest - n + 1, latest + 1))
    return sorted(set(years))


def find_quarters(text: str) -> list[int]:
    quarters = {int(q) for q in re.findall(r"\bq([1-4])\b", text)}
    quarters |= {int(q) for q in re.findall(r"\b([1-4])\s*\.?\s*(?:kvartal|kv)\b", text)}
    for word, q in QUARTER_WORDS.items():
        if re.search(rf"\b{word}\s+(?:kvartal|quarter)\b", text):
            quarters.add(q)
    halves = {"første halvår": (1, 2), "fyrste halvår": (1, 2), "first half": (1, 2),
              "andre halvår": (3, 4), "second half": (3, 4), "siste halvår": (3, 4)}
    for phrase, qs in halves.items():
        if phrase in text:
            quarters.update(qs)
    return sorted(quarters)


def _has_any(text: str, words) -> bool:
    return any(_contains_phrase(text, w) for w in words)


# --- building the plan -------------------------------------------------------------------------

def plan_question(question: str, vocab: Vocabulary) -> Plan:
    text = normalise(question)
    plan = Plan(question=question)
    plan.units, unit_words = find_units(text, vocab.unit_aliases)
    remaining = text
    for w in unit_words:
        remaining = re.sub(rf"(?<![\w]){re.escape(w)}(?![\w])", " ", remaining)
    plan.metrics = find_metrics(remaining, vocab.metrics)
    plan.years = find_years(text, vocab.latest_year)
    plan.quarters = find_quarters(text)
    plan.subjects = find_subjects(text, vocab.subjects)

    if _has_any(text, COST_SHARE_WORDS) and not plan.metrics:
        plan.family = "cost_share"
    elif _has_any(text, ACCOUNT_WORDS):
        plan.family = "variance"
        plan.metrics = []
    elif _has_any(text, TARGET_WORDS) and plan.metrics:
        plan.family = "target"
    elif _has_any(text, RANK_HIGH + RANK_LOW) or _has_any(text, UNIT_QUESTION):
        plan.family = "ranking"
        plan.rank_order = "asc" if _has_any(text, RANK_LOW) else "desc"
        plan.limit = 1 if _has_any(text, ("hvilken", "which", "kva", "hvem")) else None
    elif _has_any(text, AVERAGE_WORDS):
        plan.family = "compare_average"
    elif _has_any(text, CHANGE_WORDS):
        plan.family = "change"
    elif _has_any(text, TREND_WORDS) or len(plan.years) > 1 or (not plan.years and not plan.quarters):
        plan.family = "trend"

    if plan.family not in ("variance", "cost_share") and not plan.metrics:
        plan.answerable = False
        plan.reason = "no_metric"
    elif plan.family in ("variance", "cost_share") and not plan.units:
        plan.answerable = False
        plan.reason = "no_unit"
    plan.understood = _describe(plan, vocab)
    return plan


def _describe(plan: Plan, vocab: Vocabulary) -> list[str]:
    parts = [f"type: {plan.family}"]
    if plan.metrics:
        parts.append("mål: " + ", ".join(vocab.metrics[m].name_nb for m in plan.metrics))
    if plan.units:
        parts.append("enhet: " + ", ".join(u.unit_name for u in plan.units))
    if plan.years:
        parts.append("år: " + ", ".join(str(y) for y in plan.years))
    if plan.quarters:
        parts.append("kvartal: " + ", ".join(f"Q{q}" for q in plan.quarters))
    if plan.subjects:
        parts.append("fordelt på: " + ", ".join(plan.subjects))
    return parts


# --- compiling to SQL ---------------------------------------------------------------------------

def _sql_str(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _in_list(column: str, values) -> str:
    return f"{column} in ({', '.join(_sql_str(v) if isinstance(v, str) else str(int(v)) for v in values)})"


def _metric_filters(plan: Plan, alias: str = "f") -> list[str]:
    where = [f"{alias}.is_latest"]
    where.append(_in_list(f"{alias}.metric_code", plan.metrics))
    if plan.units:
        where.append(_in_list(f"{alias}.unit_key", [u.unit_key for u in plan.units]))
    if plan.years:
        where.append(_in_list(f"{alias}.value_year", plan.years))
    elif plan.family == "ranking":
        # ranking without a year compares units in the latest year the metric was reported
        where.append(
            f"{alias}.value_year = (select max(value_year) from fct_metric_value "
            f"where {_in_list('metric_code', plan.metrics)})"
        )
    if plan.quarters:
        where.append(_in_list(f"{alias}.quarter", plan.quarters))
    else:
        where.append(f"{alias}.quarter is null")
    if plan.subjects:
        where.append(_in_list(f"{alias}.subject", plan.subjects))
    return where


def compile_sql(plan: Plan, *, by_subject: bool = False) -> str:
    """SQL for a plan. Columns named source_* carry provenance; the engine returns them as sources.

    `by_subject` lists a metric's breakdown (municipality, gender, …) when the question named
    none and the metric has no total.
    """
    if plan.family == "variance":
        return _compile_variance(plan)
    if plan.family == "cost_share":
        return _compile_cost_share(plan)
    if plan.family == "compare_average":
        return _compile_compare_average(plan)
    if plan.family == "target":
        return _compile_target(plan)
    where = _metric_filters(plan)
    show_subject = bool(plan.subjects) or by_subject
    if not show_subject:
        where.append("f.subject is null")
    where.append("coalesce(f.qualifier, '') <> 'target'")
    select = ["u.unit_name as unit"]
    if show_subject:
        select.append("f.subject")
    select.append("f.value_year as year")
    if plan.quarters:
        select.append("f.quarter")
    if len(plan.metrics) == 1:
        select.append(f"f.value as {plan.metrics[0]}")
    else:
        select += ["f.metric_code as metric", "f.value"]
    select += ["f.file_name as source_document", "f.page as source_page", "f.excerpt as source_excerpt"]
    order = ["year"] + (["f.quarter"] if plan.quarters else []) + ["unit"] + (["f.subject"] if show_subject else [])
    if len(plan.metrics) > 1:
        order.append("metric")
    if plan.family == "ranking":
        value = plan.metrics[0] if len(plan.metrics) == 1 else "f.value"
        order = [f"{value} {'asc' if plan.rank_order == 'asc' else 'desc'}", "unit"]
    sql = (
        "select " + ",\n       ".join(select) + "\n"
        "from fct_metric_value as f\n"
        "join dim_unit as u on u.unit_key = f.unit_key\n"
        "where " + "\n  and ".join(where) + "\n"
        f"order by {', '.join(order)}"
    )
    if plan.limit:
        sql += f"\nlimit {int(plan.limit)}"
    return sql


def _compile_variance(plan: Plan) -> str:
    where = [_in_list("v.unit_key", [u.unit_key for u in plan.units])]
    if plan.years:
        where.append(_in_list("v.value_year", plan.years))
    return (
        "select u.unit_name as unit,\n"
        "       v.value_year as year,\n"
        "       v.row_label as account,\n"
        "       v.actual_nok,\n"
        "       v.budget_nok,\n"
        "       v.variance_nok,\n"
        "       v.actual_pct_of_budget,\n"
        "       v.file_name as source_document,\n"
        "       v.page as source_page,\n"
        "       v.excerpt as source_excerpt\n"
        "from fct_budget_variance as v\n"
        "join dim_unit as u on u.unit_key = v.unit_key\n"
        "where " + "\n  and ".join(where) + "\n"
        "order by year, v.statement, v.row_order"
    )


def _compile_cost_share(plan: Plan) -> str:
    where = [_in_list("a.unit_key", [u.unit_key for u in plan.units]), "a.is_latest",
             "a.scenario_code = 'regnskap'", "lower(a.row_label) like '%andel%'"]
    if plan.years:
        where.append(_in_list("a.value_year", plan.years))
    return (
        "select u.unit_name as unit,\n"
        "       a.value_year as year,\n"
        "       a.row_label as share,\n"
        "       -a.amount_nok as amount_nok,\n"
        "       round(cast(100 * a.amount_nok / sum(a.amount_nok) over (partition by a.unit_key, a.value_year) as numeric), 1) as share_pct,\n"
        "       a.file_name as source_document,\n"
        "       a.page as source_page,\n"
        "       a.excerpt as source_excerpt\n"
        "from fct_account_amount as a\n"
        "join dim_unit as u on u.unit_key = a.unit_key\n"
        "where " + "\n  and ".join(where) + "\n"
        "order by year, amount_nok desc"
    )


def _compile_compare_average(plan: Plan) -> str:
    """Each asked quarter of the latest (or asked) year against the mean of the same quarter in earlier years."""
    where = [_in_list("f.metric_code", plan.metrics[:1]), "f.is_latest", "f.subject is null",
             "f.quarter is not null", "coalesce(f.qualifier, '') <> 'target'"]
    if plan.units:
        where.append(_in_list("f.unit_key", [u.unit_key for u in plan.units]))
    year_filter = (_in_list("q.year", plan.years) if plan.years
                   else "q.year = (select max(year) from quarters)")
    return (
        "with quarters as (\n"
        "    select f.unit_key, f.value_year as year, f.quarter, f.value,\n"
        "           f.file_name, f.page, f.excerpt\n"
        "    from fct_metric_value as f\n"
        "    where " + "\n      and ".join(where) + "\n"
        ")\n"
        "select u.unit_name as unit,\n"
        "       q.year,\n"
        "       q.quarter,\n"
        f"       q.value as {plan.metrics[0]},\n"
        "       round(cast(avg(e.value) as numeric), 1) as average_earlier_years,\n"
        "       min(e.year) as first_earlier_year,\n"
        "       max(e.year) as last_earlier_year,\n"
        "       round(cast(100 * (q.value - avg(e.value)) / avg(e.value) as numeric), 2) as change_pct,\n"
        "       q.file_name as source_document,\n"
        "       q.page as source_page,\n"
        "       q.excerpt as source_excerpt\n"
        "from quarters as q\n"
        "join quarters as e on e.unit_key = q.unit_key and e.quarter = q.quarter and e.year < q.year\n"
        "join dim_unit as u on u.unit_key = q.unit_key\n"
        f"where {year_filter}" + (f"\n  and {_in_list('q.quarter', plan.quarters)}" if plan.quarters else "") + "\n"
        "group by u.unit_name, q.year, q.quarter, q.value, q.file_name, q.page, q.excerpt\n"
        "order by q.year, q.quarter"
    )


def _compile_target(plan: Plan) -> str:
    where = [_in_list("r.metric_code", plan.metrics), "r.is_latest", "coalesce(r.qualifier, 'result') <> 'target'",
             "r.quarter is null"]
    if plan.units:
        where.append(_in_list("r.unit_key", [u.unit_key for u in plan.units]))
    if plan.years:
        where.append(_in_list("r.value_year", plan.years))
    return (
        "select u.unit_name as unit,\n"
        "       r.value_year as year,\n"
        "       r.metric_code as metric,\n"
        "       t.value as target,\n"
        "       r.value as result,\n"
        "       r.file_name as source_document,\n"
        "       r.page as source_page,\n"
        "       r.excerpt as source_excerpt\n"
        "from fct_metric_value as r\n"
        "join dim_unit as u on u.unit_key = r.unit_key\n"
        "left join fct_metric_value as t\n"
        "  on t.metric_code = r.metric_code and t.unit_key = r.unit_key and t.value_year = r.value_year\n"
        " and t.qualifier = 'target' and t.is_latest\n"
        "where " + "\n  and ".join(where) + "\n"
        "order by year, metric"
    )
