"""Answer sentences, sources and chart suggestions written from result rows only.

Every number in a sentence is taken from a row; nothing is computed that the rows do not show,
except differences between two shown values, which are stated as such.
"""
from __future__ import annotations

import re

from app.engine.catalog_model import Metric
from app.engine.format import format_change, format_percent, format_value
from app.engine.planner import Plan

ENGLISH_CUES = re.compile(
    r"\b(what|how|which|show|the|was|were|is|are|did|does|do|sick[ -]leave|trend|budget|versus|vs|compare\w*|cases"
    r"|per|in|of|at|against|targets?|results?|staffing|employees|unit|units|municipalit\w*|quarter|year|years"
    r"|average|change|cost|shares?|most|lowest|highest|many|much|last|incidents|key|figures|expenses|capita"
    r"|fund|balance|end|from|before|over|time|with|earlier|second|half|available|invoices?|where|when)\b", re.I)
NORWEGIAN_CUES = re.compile(
    r"[æøå]|\b(hva|hvor|hvilken|hvilke|hvilket|kva|kor|korleis|var|mot|og|i|på|til|med|fra|frå|siste|saker|enhet"
    r"|eining|år|kvartal|er|har|hadde|det|som|ikke|ikkje|mange|mye|per kommune|fjor|snittet|gjennomsnittet"
    r"|endring|utvikling|ansatte|tilsette|årsverk|sykefravær\w*|sjukefråvær\w*|regnskap|rekneskap|budsjett"
    r"|kostnadsfordeling\w*|nøkkeltall|tall|uke|veke)\b", re.I)


def detect_language(question: str) -> str:
    """nb, nn or en (app.engine.language)."""
    from app.engine.language import detect

    return detect(question, ENGLISH_CUES, NORWEGIAN_CUES)


def _fmt(value, uom: str, lang: str) -> str:
    return format_value(value, uom, lang)


def split_sources(columns: list[str], rows: list[tuple]) -> tuple[list[str], list[list], list[dict]]:
    keep = [i for i, c in enumerate(columns) if not c.startswith("source_")]
    idx = {c: i for i, c in enumerate(columns)}
    sources, seen = [], set()
    for r in rows:
        if "source_document" in idx:
            src = (r[idx["source_document"]], r[idx.get("source_page", -1)] if "source_page" in idx else None,
                   r[idx["source_excerpt"]] if "source_excerpt" in idx else None)
            if src not in seen:
                seen.add(src)
                sources.append({"document": src[0], "page": src[1], "excerpt": (src[2] or "").strip()})
    return [columns[i] for i in keep], [[_json_value(r[i]) for i in keep] for r in rows], sources


def _json_value(v):
    if hasattr(v, "is_integer") and not isinstance(v, bool):
        return float(v)
    if v.__class__.__name__ == "Decimal":
        return float(v)
    return v


def suggest_chart(plan: Plan, columns: list[str], rows: list[list]) -> dict | None:
    if not rows:
        return None
    if plan.family == "variance" or "variance_nok" in columns:
        return {"kind": "bar", "x": "account", "y": "variance_nok"}
    if plan.family == "cost_share":
        return {"kind": "bar", "x": "municipality", "y": "amount_nok"}
    if plan.family == "tickets":
        x = "municipality" if "municipality" in columns else ("week" if "week" in columns else "quarter")
        return {"kind": "bar", "x": x, "y": plan.metrics[0], "compare": "average_earlier_years"}
    if plan.family == "compare_average":
        return {"kind": "bar", "x": "quarter", "y": plan.metrics[0], "compare": "average_earlier_years"}
    if plan.family == "target":
        return {"kind": "bar", "x": "metric", "y": "result", "compare": "target"}
    value_col = next((c for c in columns if c in plan.metrics), "value")
    years = {r[columns.index("year")] for r in rows} if "year" in columns else set()
    if "quarter" in columns and len(rows) > 1:
        return {"kind": "line" if len(years) > 1 else "bar", "x": "quarter", "y": value_col,
                **({"color": "year"} if len(years) > 1 else {})}
    if len(years) > 1 and plan.family != "ranking":
        color = "subject" if "subject" in columns else ("unit" if len({r[0] for r in rows}) > 1 else None)
        return {"kind": "line", "x": "year", "y": value_col, **({"color": color} if color else {})}
    if len(rows) > 1:
        x = "subject" if "subject" in columns else "unit"
        return {"kind": "bar", "x": x, "y": value_col}
    return None


def _row_label(columns: list[str], row: list) -> str:
    parts = []
    for key in ("unit", "subject"):
        if key in columns and row[columns.index(key)]:
            parts.append(str(row[columns.index(key)]))
    return " – ".join(parts)


def _period(columns: list[str], row: list, lang: str) -> str:
    year = row[columns.index("year")] if "year" in columns else None
    if "quarter" in columns and row[columns.index("quarter")]:
        return f"Q{row[columns.index('quarter')]} {year}"
    return str(year)


def metric_sentence(plan: Plan, metrics: dict[str, Metric], columns: list[str], rows: list[list], lang: str) -> str:
    code = plan.metrics[0]
    metric = metrics[code]
    name = metric.name_en if lang == "en" else metric.name_nb
    if getattr(plan, "side_shown", None) and len(plan.metrics) == 1:
        name = plan.side_shown[:1].upper() + plan.side_shown[1:]  # the side asked, its size (a negative: the other side)
    value_col = code if code in columns else "value"
    vi = columns.index(value_col)
    uom = metric.unit_of_measure
    en = lang == "en"
    if len(plan.metrics) > 1:
        mi = columns.index("metric")
        pieces = [f"{metrics[r[mi]].name_en if en else metrics[r[mi]].name_nb} "
                  f"{_row_label(columns, r)} {_period(columns, r, lang)}: {_fmt(r[vi], metrics[r[mi]].unit_of_measure, lang)}"
                  for r in rows[:16]]
        more = _more(len(rows), 16, lang)
        return "; ".join(pieces) + more + "."
    if len(rows) == 1 and plan.family != "ranking":
        r = rows[0]
        who = _row_label(columns, r)
        if en:
            return f"{name} for {who} was {_fmt(r[vi], uom, lang)} in {_period(columns, r, lang)}."
        return f"{name} for {who} var {_fmt(r[vi], uom, lang)} i {_period(columns, r, lang)}."
    if plan.family == "ranking":
        top = rows[0]
        word = ("lowest" if plan.rank_order == "asc" else "highest") if en else (
            "lavest" if plan.rank_order == "asc" else "høyest")
        if plan.rank_by == "year":  # "which year had the most …": the years in order, the top year named first
            yi = columns.index("year")
            who = _row_label(columns, top)
            years_ = "; ".join(f"{r[yi]}: {_fmt(r[vi], uom, lang)}" for r in rows[:12])
            return (f"{top[yi]} had the {word} {name.lower()} for {who} ({_fmt(top[vi], uom, lang)}). Years in order: "
                    f"{years_}." if en else
                    f"{top[yi]} hadde {word} {name.lower()} for {who} ({_fmt(top[vi], uom, lang)}). Årene i rekkefølge: "
                    f"{years_}.")
        label = _row_label(columns, top) if plan.rank_by != "quarter" else _period(columns, top, lang)
        head = (f"{label} had the {word} {name.lower()}: {_fmt(top[vi], uom, lang)} in {_period(columns, top, lang)}"
                if en else
                f"{label} hadde {word} {name.lower()}: {_fmt(top[vi], uom, lang)} i {_period(columns, top, lang)}")
        rest = ", ".join(f"{_row_label(columns, r)} {_fmt(r[vi], uom, lang)}" for r in rows[1:6])
        return head + (f" ({'then' if en else 'deretter'} {rest})." if rest else ".")
    several = len({_row_label(columns, x) for x in rows}) > 1
    listing = ", ".join(
        f"{_row_label(columns, r) + ' ' if several else ''}"
        f"{_period(columns, r, lang)}: {_fmt(r[vi], uom, lang)}" for r in rows[:16])
    who = _row_label(columns, rows[0]) if not several else ""
    sentence = f"{name}{(' for ' + who) if who else ''}: {listing}{_more(len(rows), 16, lang)}"
    if "change_from_previous" in columns:
        ci = columns.index("change_from_previous")
        changes = [r for r in rows if r[ci] is not None]
        if changes:
            parts = []
            for r in changes[:6]:  # a change of a percentage is in percentage points
                pct = ""
                if "change_pct" in columns and r[columns.index("change_pct")] is not None and uom != "pct":
                    p = float(r[columns.index("change_pct")])
                    pct = f" ({'+' if p >= 0 else '−'}{_fmt(abs(p), 'pct', lang)})"
                parts.append(f"{_row_label(columns, r) + ' ' if several else ''}{_period(columns, r, lang)} "
                             f"{format_change(r[ci], uom, lang)}{pct}")
            sentence += (". Change from the year before: " if en else ". Endring fra året før: ") + ", ".join(parts)
    return sentence + "."


def _more(n: int, shown: int, lang: str) -> str:
    if n <= shown:
        return ""
    return f" … ({n} rows in all)" if lang == "en" else f" … ({n} rader i alt)"


def compare_average_sentence(plan: Plan, metrics: dict[str, Metric], columns: list[str], rows: list[list],
                             lang: str) -> str:
    code = plan.metrics[0]
    name = metrics[code].name_en if lang == "en" else metrics[code].name_nb
    ix = {c: i for i, c in enumerate(columns)}
    pieces = []
    for r in rows:
        period = f"Q{r[ix['quarter']]} {r[ix['year']]}"
        span = f"{r[ix['first_earlier_year']]}–{r[ix['last_earlier_year']]}"
        change = format_percent(r[ix["change_pct"]], None, lang, signed=True)  # relative to the average
        if lang == "en":
            pieces.append(f"{period}: {_fmt(r[ix[code]], 'count', lang)} against an average of "
                          f"{_fmt(r[ix['average_earlier_years']], 'count', lang)} in {span} ({change})")
        else:
            pieces.append(f"{period}: {_fmt(r[ix[code]], 'count', lang)} mot et snitt på "
                          f"{_fmt(r[ix['average_earlier_years']], 'count', lang)} for {span} ({change})")
    return f"{name}: " + "; ".join(pieces) + "."


def target_sentence(plan: Plan, metrics: dict[str, Metric], columns: list[str], rows: list[list], lang: str) -> str:
    ix = {c: i for i, c in enumerate(columns)}
    pieces = []
    for r in rows:
        metric = metrics[r[ix["metric"]]]
        uom = metric.unit_of_measure
        name = metric.name_en if lang == "en" else metric.name_nb
        target = r[ix["target"]]
        result = _fmt(r[ix["result"]], uom, lang)
        if target is None:
            pieces.append(f"{name} {r[ix['year']]}: {result}" + (" (no target reported)" if lang == "en" else " (mål ikke oppgitt)"))
            continue
        met = (r[ix["result"]] >= target) if metric.higher_is_better is not False else (r[ix["result"]] <= target)
        verdict = ("met" if met else "not met") if lang == "en" else ("nådd" if met else "ikke nådd")
        pieces.append(f"{name} {r[ix['year']]}: {result} " + ("against target " if lang == "en" else "mot mål ")
                      + f"{_fmt(target, uom, lang)} ({verdict})")
    return "; ".join(pieces) + "."


def cost_share_sentence(plan: Plan, columns: list[str], rows: list[list], lang: str) -> str:
    ix = {c: i for i, c in enumerate(columns)}
    unit, year = rows[0][ix["unit"]], rows[0][ix["year"]]
    mine = [r for r in rows if r[ix["year"]] == year and r[ix["unit"]] == unit]
    kinds = {r[ix["scenario"]] for r in mine} if "scenario" in ix else set()
    words_ = {"regnskap": "actual" if lang == "en" else "regnskap", "budsjett": "budget" if lang == "en" else "budsjett"}

    def one(r) -> str:
        kind = f"{words_.get(r[ix['scenario']], r[ix['scenario']])} " if len(kinds) > 1 else ""
        return f"{kind}{_fmt(r[ix['amount_nok']], 'nok', lang)} ({_fmt(r[ix['share_pct']], 'pct', lang)})"

    if len(kinds) > 1:  # actual and budget side by side, per municipality
        by_member: dict = {}
        for r in mine:
            by_member.setdefault(r[ix["municipality"]], []).append(r)
        listing = ", ".join(f"{m} " + (" mot " if lang != "en" else " against ").join(
            one(r) for r in sorted(rs, key=lambda r: r[ix["scenario"]] != "regnskap")) for m, rs in by_member.items())
    else:
        listing = ", ".join(f"{r[ix['municipality']]} {one(r)}" for r in mine)
    head = f"Cost shares for {unit} {year}: " if lang == "en" else f"Kostnadsfordeling for {unit} {year}: "
    if plan is not None and getattr(plan, "rank_by", None) == "subject" and getattr(plan, "rank_order", None):
        low, one = plan.rank_order == "asc", getattr(plan, "limit", None) == 1
        en = lang == "en"
        head += ("smallest" if low else "largest") + (": " if one else " first: ") if en else \
            ("minst" if low else "størst") + (": " if one else " først: ")
    return head + listing + "."


def tickets_sentence(plan: Plan, metrics: dict[str, Metric], columns: list[str], rows: list[list],
                     lang: str) -> str:
    """Counted from the ticket exports, per week or quarter (and municipality), with the earlier years' mean."""
    ix = {c: i for i, c in enumerate(columns)}
    code = plan.metrics[0]
    name = metrics[code].name_en if lang == "en" else metrics[code].name_nb
    en = lang == "en"
    period_col = "week" if "week" in ix else "quarter"
    pieces = []
    if period_col == "quarter":  # "how many in 2024" asks the year's total: each year's quarters summed, before them
        totals: dict[tuple, float] = {}
        for r in rows:
            key = (r[ix["municipality"]] if "municipality" in ix else "", r[ix["year"]])
            totals[key] = totals.get(key, 0) + (r[ix[code]] or 0)
        counts = {k: sum(1 for r in rows if (r[ix["municipality"]] if "municipality" in ix else "", r[ix["year"]]) == k)
                  for k in totals}
        pieces += [f"{who + ' ' if who else ''}{year}: {_fmt(total, 'count', lang)} "
                   + (f"in all ({counts[(who, year)]} quarters)" if en else f"i alt ({counts[(who, year)]} kvartaler)")
                   for (who, year), total in totals.items() if counts[(who, year)] > 1]
    for r in rows[:12]:
        period = (f"{'week' if en else 'uke'} {r[ix['week']]} {r[ix['year']]}" if period_col == "week"
                  else f"Q{r[ix['quarter']]} {r[ix['year']]}")
        who = f"{r[ix['municipality']]} " if "municipality" in ix else ""
        piece = f"{who}{period}: {_fmt(r[ix[code]], 'count', lang)}"
        avg = r[ix["average_earlier_years"]]
        if avg is not None:
            piece += (f" (average of earlier years {_fmt(avg, 'count', lang)})" if en
                      else f" (snitt tidligere år {_fmt(avg, 'count', lang)})")
        pieces.append(piece)
    src = " (from the ticket exports)" if en else " (fra saksdataene)"
    return f"{name}{src}: " + "; ".join(pieces) + _more(len(rows), 12, lang) + "."


def variance_sentence(plan: Plan, columns: list[str], rows: list[list], lang: str) -> str:
    ai, bi, vi = columns.index("actual_nok"), columns.index("budget_nok"), columns.index("variance_nok")
    li = columns.index("account")
    total = next((r for r in rows if re.search(r"til fordeling|netto driftsresultat", str(r[li]), re.I)), None) \
        or next((r for r in rows if re.search(r"sum (drifts|investerings)?utgifter", str(r[li]), re.I)), None) \
        or next((r for r in rows if str(r[li]).lower().startswith("sum")), rows[-1])
    unit = rows[0][columns.index("unit")]
    year = total[columns.index("year")]
    if lang == "en":
        return (f"Actual vs budget for {unit} {year}: {total[li]} actual {_fmt(total[ai], 'nok', lang)} against budget "
                f"{_fmt(total[bi], 'nok', lang)}, variance (budget − actual) {_fmt(total[vi], 'nok', lang)}. "
                f"{len(rows)} account rows in the table.")
    return (f"Regnskap mot budsjett for {unit} {year}: {total[li]} med regnskap {_fmt(total[ai], 'nok', lang)} mot budsjett "
            f"{_fmt(total[bi], 'nok', lang)}, avvik (budsjett − regnskap) {_fmt(total[vi], 'nok', lang)}. "
            f"{len(rows)} kontolinjer i tabellen.")


def known_instead(metric_name: str, unit_name: str | None, known: list[tuple[str, int]],
                  observations: list[tuple[str, str, int | None]], lang: str) -> str:
    """The `answer` of an unanswerable question: what the data does hold instead."""
    parts = []
    for unit, text, _ in observations[:3]:
        parts.append(f"Rapporten for {unit} sier: «{text.strip()}»" if lang != "en"
                     else f"The report for {unit} says: \u201c{text.strip()}\u201d")
    if known:
        by_unit: dict[str, list[int]] = {}
        for unit, year in known:
            by_unit.setdefault(unit, []).append(year)
        listing = "; ".join(f"{u} {', '.join(str(y) for y in sorted(ys))}" for u, ys in list(by_unit.items())[:8])
        parts.append(f"{metric_name} finnes for {listing}" if lang != "en" else f"{metric_name} is reported for {listing}")
    head = ("Ikke rapportert som tall" if lang != "en" else "Not reported as a number")
    if not known and not observations:
        head = "Ingen tall i dataene" if lang != "en" else "No figures in the data"
    if unit_name:
        head += f" for {unit_name}" if lang != "en" else f" for {unit_name}"
    return head + ". " + ". ".join(parts) + ("." if parts else "")
