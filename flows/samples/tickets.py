"""Synthetic, seeded helpdesk exports shaped like one real helpdesk.

What the helpdesk reported (cases per quarter, A/B incidents per quarter, phone answers within
1 and 3 minutes, active users) and its customers, categories and groups are data:
data/sample/sources/tickets.yaml (`load_profile`). This module only draws tickets that add up to
those figures exactly, with a weekly rhythm, holidays, summer and a peak after school start.

Regenerate the committed sample (data/sample/tickets/) with `make sample`, i.e.
    write_sample_exports(Path("data/sample/tickets"), formats=("topdesk",), quarters=[(2021, 3)])
"""
from __future__ import annotations

import csv
import datetime as dt
import json
import math
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from flows.tickets.business_hours import OSLO, add_business_seconds, norwegian_public_holidays

SOURCE = Path(__file__).resolve().parents[2] / "data" / "sample" / "sources" / "tickets.yaml"


@dataclass(frozen=True)
class Profile:
    """The helpdesk the exports imitate: volumes, reported figures, customers and shares (a data file)."""

    source_system: str
    active_users: int
    cases_per_quarter: dict[int, tuple[int, int, int, int]]
    ab_incidents: dict[int, tuple[int, int, int, int]]
    phone: dict[str, int]  # year, calls, within_1_min, within_3_min
    customers: tuple[tuple[str, float], ...]
    categories: tuple[tuple[str, tuple[str, ...], float], ...]
    groups: tuple[tuple[str, float], ...]
    channels: tuple[tuple[str, float], ...]


@lru_cache(maxsize=4)
def load_profile(path: Path = SOURCE) -> Profile:
    """Read the profile; a missing or malformed field is named with the file."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    try:
        return Profile(
            source_system=str(data["source_system"]), active_users=int(data["active_users"]),
            cases_per_quarter={int(y): tuple(int(n) for n in q) for y, q in data["cases_per_quarter"].items()},
            ab_incidents={int(y): tuple(int(n) for n in q) for y, q in (data.get("ab_incidents") or {}).items()},
            phone={k: int(v) for k, v in data["phone"].items()},
            customers=tuple((str(n), float(w)) for n, w in data["customers"]),
            categories=tuple((str(c), tuple(map(str, sub)), float(w)) for c, sub, w in data["categories"]),
            groups=tuple((str(g), float(w)) for g, w in data["groups"]),
            channels=tuple((str(c), float(w)) for c, w in data["channels"]),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"{path}: ticket profile field missing or malformed ({exc!r}); see the comments in the file") from exc


SAMPLE_FORMATS = ("canonical", "topdesk", "servicenow", "zendesk", "jira")


@dataclass(frozen=True)
class SampleTicket:
    number: int  # 1.. in order of creation
    created: dt.datetime  # naive Europe/Oslo wall-clock time, like the exports show it
    first_response: dt.datetime | None
    resolved: dt.datetime | None
    closed: dt.datetime | None
    priority: str  # A/B/C/D
    category: str
    subcategory: str
    channel: str
    status: str  # canonical status
    group: str
    customer: str
    phone_wait_seconds: float | None


# --- volume ------------------------------------------------------------------------------

def day_weight(day: dt.date) -> float:
    """Relative case volume of a day: weekday cycle, holidays, summer, school start."""
    if day in norwegian_public_holidays(day.year):
        return 0.05
    weight = (1.0, 1.0, 1.0, 1.0, 0.92, 0.07, 0.05)[day.weekday()]
    week = day.isocalendar().week
    if 28 <= week <= 31:
        weight *= 0.45  # fellesferie
    elif week in (27, 32):
        weight *= 0.7
    elif week == 33:
        weight *= 1.7  # skolestart
    elif week in (34, 35):
        weight *= 1.4
    elif week in (8, 40):
        weight *= 0.85  # vinterferie, høstferie
    if (day.month == 12 and day.day >= 22) or (day.month == 1 and day.day <= 2):
        weight *= 0.5
    return weight


def quarter_days(year: int, quarter: int) -> list[dt.date]:
    start = dt.date(year, 3 * quarter - 2, 1)
    end = dt.date(year + (quarter == 4), (3 * quarter) % 12 + 1, 1)
    return [start + dt.timedelta(days=i) for i in range((end - start).days)]


def allocate(total: int, weights: Sequence[float]) -> list[int]:
    """Split total into integers proportional to weights, summing exactly (largest remainder)."""
    scale = total / sum(weights)
    raw = [w * scale for w in weights]
    counts = [math.floor(r) for r in raw]
    by_remainder = sorted(range(len(raw)), key=lambda i: (-(raw[i] - counts[i]), i))
    for i in by_remainder[: total - sum(counts)]:
        counts[i] += 1
    return counts


def _draw(rng: random.Random, options: Sequence[tuple], k: int) -> list[tuple]:
    """k weighted draws; the weight is the last element of each option."""
    return rng.choices(options, weights=[o[-1] for o in options], k=k)


def _created_time(rng: random.Random, day: dt.date) -> dt.datetime:
    if day.weekday() < 5 and rng.random() < 0.88:
        minutes = rng.triangular(7.5 * 60, 16 * 60, 9 * 60)  # morning peak
    else:
        minutes = rng.uniform(6 * 60, 23 * 60)  # routine jobs and evenings; avoids the DST hour
    return dt.datetime.combine(day, dt.time()) + dt.timedelta(seconds=int(minutes * 60))


# --- tickets -----------------------------------------------------------------------------

def _export_day(profile: Profile) -> dt.date:
    """The first Monday after New Year following the last year: the day the full export is taken."""
    day = dt.date(max(profile.cases_per_quarter) + 1, 1, 2)
    return day + dt.timedelta(days=(7 - day.weekday()) % 7)


@lru_cache(maxsize=1)
def generate_tickets(seed: int = 2021) -> tuple[SampleTicket, ...]:
    """All tickets of the profile's years, deterministic for a seed, matching the report's figures exactly."""
    profile = load_profile()
    rng = random.Random(seed)
    created: list[dt.datetime] = []
    quarter_of: list[tuple[int, int]] = []
    for year, counts in profile.cases_per_quarter.items():
        for quarter, total in enumerate(counts, start=1):
            days = quarter_days(year, quarter)
            weights = [day_weight(d) * math.exp(rng.gauss(0, 0.08)) for d in days]
            for day, n in zip(days, allocate(total, weights)):
                created.extend(sorted(_created_time(rng, day) for _ in range(n)))
                quarter_of.extend([(year, quarter)] * n)

    n_total = len(created)
    priorities = ["C" if rng.random() < 0.82 else "D" for _ in range(n_total)]
    channels = [c for c, _ in _draw(rng, profile.channels, n_total)]
    by_quarter: dict[tuple[int, int], list[int]] = {}
    for i, q in enumerate(quarter_of):
        by_quarter.setdefault(q, []).append(i)
    for (year, quarter), idx in by_quarter.items():
        ab = profile.ab_incidents[year][quarter - 1] if year in profile.ab_incidents else rng.randint(15, 45)
        for i in rng.sample(idx, ab):
            priorities[i] = "A" if rng.random() < 0.25 else "B"

    # the phone year's calls: exactly as many as reported, answered within 1 and 3 minutes as reported
    phone = profile.phone
    idx_phone = [i for q, idx in by_quarter.items() if q[0] == phone["year"] for i in idx]
    phone_calls = set(rng.sample(idx_phone, phone["calls"]))
    for i in idx_phone:
        if i in phone_calls:
            channels[i] = "phone"
        elif channels[i] == "phone":
            channels[i] = _draw(rng, profile.channels[1:], 1)[0][0]
    waits = ([round(rng.uniform(2, 59), 1) for _ in range(phone["within_1_min"])]
                  + [round(rng.uniform(61, 179), 1) for _ in range(phone["within_3_min"] - phone["within_1_min"])]
                  + [round(rng.uniform(181, 1200), 1) for _ in range(phone["calls"] - phone["within_3_min"])])
    rng.shuffle(waits)
    wait_of = dict(zip(sorted(phone_calls), waits))

    export_moment = dt.datetime.combine(_export_day(profile), dt.time(7, 0))
    categories = _draw(rng, profile.categories, n_total)
    groups = _draw(rng, profile.groups, n_total)
    customers = _draw(rng, profile.customers, n_total)
    tickets = []
    for i, moment in enumerate(created):
        wait = None
        if channels[i] == "phone":
            wait = wait_of.get(i) or round(min(rng.lognormvariate(math.log(45), 1.1), 1800), 1)
        if wait is not None:
            first = moment + dt.timedelta(seconds=wait)
        else:
            first = add_business_seconds(moment, rng.lognormvariate(math.log(40 * 60), 0.9))
        median_fix = 3600 if priorities[i] in "AB" else 4 * 3600
        resolved = add_business_seconds(first, rng.lognormvariate(math.log(median_fix), 1.0))
        closed = resolved + dt.timedelta(days=3)
        status = "closed"
        if closed > export_moment:
            status, closed = "resolved", None
        if resolved > export_moment:
            status, resolved = rng.choice(("open", "pending")), None
        if first > export_moment:
            status, first = "new", None
        category, subcategories, _ = categories[i]
        tickets.append(SampleTicket(
            number=i + 1, created=moment, first_response=first, resolved=resolved, closed=closed,
            priority=priorities[i], category=category, subcategory=rng.choice(subcategories),
            channel=channels[i], status=status, group=groups[i][0],
            customer=customers[i][0], phone_wait_seconds=wait))
    return tuple(tickets)


# --- writers: one per preset, each with its system's conventions --------------------------

def _no_datetime(moment: dt.datetime | None) -> str:
    return moment.strftime("%d.%m.%Y %H:%M") if moment else ""


def _no_decimal(value: float | None) -> str:
    return f"{value:.1f}".replace(".", ",") if value is not None else ""


def _write_canonical(tickets: Sequence[SampleTicket], path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["source_system", "ticket_id", "customer_org", "created_at", "first_response_at", "resolved_at",
                    "closed_at", "priority", "priority_source", "category", "subcategory", "channel", "status",
                    "status_source", "assignment_group", "phone_wait_seconds"])
        iso = lambda m: m.replace(tzinfo=OSLO).isoformat(timespec="seconds") if m else ""  # noqa: E731
        system = load_profile().source_system
        for t in tickets:
            w.writerow([system, f"{system.upper()}-{t.number}", t.customer, iso(t.created), iso(t.first_response),
                        iso(t.resolved), iso(t.closed), t.priority, t.priority, t.category, t.subcategory,
                        t.channel, t.status, t.status, t.group,
                        "" if t.phone_wait_seconds is None else t.phone_wait_seconds])


_TOPDESK_PRIORITY = {"A": "A - Forretningskritisk", "B": "B - Viktig", "C": "C - Normal", "D": "D - Lav"}
_TOPDESK_CHANNEL = {"phone": "Telefon", "portal": "Selvbetjeningsportal", "email": "E-post", "walk_in": "Oppmøte"}
_TOPDESK_STATUS = {"new": "Registrert", "open": "Under behandling", "pending": "Venter på bruker",
                   "resolved": "Ferdigmeldt", "closed": "Lukket"}


def _write_topdesk(tickets: Sequence[SampleTicket], path: Path) -> None:
    """Norwegian TOPdesk list export: Windows-1252, ';', dd.mm.yyyy, comma decimals."""
    with path.open("w", encoding="cp1252", newline="") as fh:
        w = csv.writer(fh, delimiter=";", lineterminator="\r\n")
        w.writerow(["Meldingsnummer", "Meldingsdato", "Første respons", "Ferdigmeldt", "Lukket dato", "Prioritet",
                    "Kategori", "Underkategori", "Meldingsmåte", "Filial", "Operatørgruppe", "Behandlingsstatus",
                    "Tidsbruk (timer)", "Ventetid (sek)"])
        for t in tickets:
            spent = None if t.resolved is None else min((t.resolved - t.created).total_seconds() / 3600, 7.5) / 4
            w.writerow([f"M{t.created:%y%m} {t.number:06d}", _no_datetime(t.created), _no_datetime(t.first_response),
                        _no_datetime(t.resolved), _no_datetime(t.closed), _TOPDESK_PRIORITY[t.priority], t.category,
                        t.subcategory, _TOPDESK_CHANNEL[t.channel], t.customer, t.group, _TOPDESK_STATUS[t.status],
                        _no_decimal(spent), _no_decimal(t.phone_wait_seconds)])


_SN_PRIORITY = {"A": "1 - Critical", "B": "2 - High", "C": "3 - Moderate", "D": "4 - Low"}
_SN_STATE = {"new": 1, "open": 2, "pending": 3, "resolved": 6, "closed": 7}
_SN_CONTACT = {"phone": "phone", "portal": "self-service", "email": "email", "walk_in": "walk-in"}


def _write_servicenow(tickets: Sequence[SampleTicket], path: Path) -> None:
    """ServiceNow incident list exported to Excel: datetime cells in local time, numeric state."""
    import openpyxl

    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("incident")
    ws.append(["number", "opened_at", "u_first_response_at", "resolved_at", "closed_at", "state", "priority",
               "category", "subcategory", "contact_type", "assignment_group", "company", "caller_id"])
    for t in tickets:
        ws.append([f"INC{t.number:07d}", t.created, t.first_response, t.resolved, t.closed, _SN_STATE[t.status], _SN_PRIORITY[t.priority], t.category, t.subcategory,
                   _SN_CONTACT[t.channel], t.group, t.customer, f"bruker{(t.number * 7919) % load_profile().active_users:05d}"])
    wb.save(path)


_ZD_PRIORITY = {"A": "urgent", "B": "high", "C": "normal", "D": "low"}
_ZD_STATUS = {"new": "new", "open": "open", "pending": "pending", "resolved": "solved", "closed": "closed"}
_ZD_VIA = {"phone": "voice", "portal": "web", "email": "email", "walk_in": "walk-in"}


def _write_zendesk(tickets: Sequence[SampleTicket], path: Path) -> None:
    """Zendesk incremental-export JSON: UTC timestamps, first reply in minutes."""
    utc = lambda m: m.replace(tzinfo=OSLO).astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ") if m else None  # noqa: E731
    rows = []
    for t in tickets:
        reply = None if t.first_response is None else round((t.first_response - t.created).total_seconds() / 60, 4)
        rows.append({"id": 100000 + t.number, "created_at": utc(t.created), "solved_at": utc(t.resolved),
                     "closed_at": utc(t.closed), "status": _ZD_STATUS[t.status], "priority": _ZD_PRIORITY[t.priority],
                     "via": _ZD_VIA[t.channel], "group": t.group, "organization": t.customer,
                     "category": t.category, "subcategory": t.subcategory,
                     "first_reply_time_in_minutes": reply, "talk_wait_seconds": t.phone_wait_seconds})
    path.write_text(json.dumps({"tickets": rows, "count": len(rows)}, ensure_ascii=False), encoding="utf-8")


_JIRA_PRIORITY = {"A": "Highest", "B": "High", "C": "Medium", "D": "Low"}
_JIRA_STATUS = {"new": "Open", "open": "In Progress", "pending": "Waiting for customer",
                "resolved": "Resolved", "closed": "Closed"}
_JIRA_SOURCE = {"phone": "Phone", "portal": "Portal", "email": "Email", "walk_in": "Walk-in"}


def _write_jira(tickets: Sequence[SampleTicket], path: Path) -> None:
    """Jira Service Management CSV export: UTF-8 with BOM, ',' and dd/Mon/yy h:mm AM dates."""
    jira_date = lambda m: m.strftime("%d/%b/%y %I:%M %p") if m else ""  # noqa: E731  (C locale month names)
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["Summary", "Issue key", "Issue id", "Issue Type", "Status", "Priority", "Created", "Resolved",
                    "Request type", "Component/s", "Organizations", "Team", "Source"])
        for t in tickets:
            w.writerow([f"{t.category}: {t.subcategory}", f"{load_profile().source_system.upper()}-{t.number}", 10000 + t.number, "Service request",
                        _JIRA_STATUS[t.status], _JIRA_PRIORITY[t.priority], jira_date(t.created),
                        jira_date(t.resolved), t.category, t.subcategory, t.customer, t.group,
                        _JIRA_SOURCE[t.channel]])


_WRITERS = {
    "canonical": (_write_canonical, "csv"),
    "topdesk": (_write_topdesk, "csv"),
    "servicenow": (_write_servicenow, "xlsx"),
    "zendesk": (_write_zendesk, "json"),
    "jira": (_write_jira, "csv"),
}


def write_sample_exports(out_dir: Path, *, seed: int = 2021, formats: Iterable[str] = SAMPLE_FORMATS,
                         quarters: Iterable[tuple[int, int]] | None = None) -> list[Path]:
    """Write one export per preset format into out_dir; returns the paths written.

    quarters, e.g. [(2021, 3)], keeps only tickets created in those quarters (Oslo time); the
    tickets are the same as in the full set for the seed. File names carry the export
    date, which the loader uses to decide which export is newest.
    """
    formats = tuple(formats)
    unknown = [f for f in formats if f not in _WRITERS]
    if unknown:
        raise ValueError(f"unknown sample format(s) {unknown}; choose from {list(_WRITERS)}")
    tickets = generate_tickets(seed)
    export_day = _export_day(load_profile())
    if quarters is not None:
        keep = set(quarters)
        tickets = tuple(t for t in tickets if (t.created.year, (t.created.month - 1) // 3 + 1) in keep)
        last_year, last_quarter = max(keep)
        export_day = quarter_days(last_year, last_quarter)[-1] + dt.timedelta(days=1)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for name in formats:
        writer, suffix = _WRITERS[name]
        path = out_dir / f"{name}_tickets_{export_day.isoformat()}.{suffix}"
        writer(tickets, path)
        paths.append(path)
    return paths
