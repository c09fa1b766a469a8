"""Synthetic, seeded helpdesk exports shaped like Hedmark IKT (22 000 users, 2015–2021).

The figures come from Hedmark IKT's annual report 2021 (seed 003): cases registered per
quarter 2015–2021, A/B incidents per quarter of 2021 (28, 17, 46, 32), phone answers in
2021 59,70 % within 1 minute and 70,10 % within 3 minutes, ~700 cases in a normal week
(~150 a working day) and a peak after school start in August. Everything else (categories,
groups, durations, municipality shares) is plausible invention.

Regenerate the committed sample (data/sample/tickets/) with:
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

from flows.tickets.business_hours import OSLO, add_business_seconds, norwegian_public_holidays

# Saker registrert i Hedmark IKTs sakssystem pr kvartal (årsrapport 2021).
CASES_PER_QUARTER: dict[int, tuple[int, int, int, int]] = {
    2015: (8483, 7343, 7210, 7635),
    2016: (8596, 8341, 8718, 8414),
    2017: (9469, 7522, 7851, 7929),
    2018: (10096, 8547, 9915, 9014),
    2019: (9372, 7071, 7727, 7402),
    2020: (10709, 8509, 9558, 9186),
    2021: (10859, 9086, 8388, 7893),
}
AB_INCIDENTS_2021 = (28, 17, 46, 32)  # hendelser med prioritet A eller B, per kvartal
PHONE_CALLS_2021 = 14_000  # a round number so that the two shares below are exact
PHONE_WITHIN_1_MIN_2021 = 8_358  # 59,70 %
PHONE_WITHIN_3_MIN_2021 = 9_814  # 70,10 %
ACTIVE_USERS = 22_000

# The municipalities served (owners and customers), with a rough share of the cases.
# The one list of customer organisations for samples and tests.
CUSTOMER_ORGS: tuple[tuple[str, float], ...] = (
    ("Hamar kommune", 0.34),
    ("Stange kommune", 0.23),
    ("Kongsvinger kommune", 0.18),
    ("Løten kommune", 0.09),
    ("Sør-Odal kommune", 0.09),
    ("Hedmark IKT", 0.07),  # internal routine tasks
)

CATEGORIES: tuple[tuple[str, tuple[str, ...], float], ...] = (
    ("Brukerstøtte", ("Passord", "Tilgang", "Programvare", "Opplæring"), 0.34),
    ("Utstyr", ("PC", "Skriver", "Mobil", "Nettbrett"), 0.18),
    ("Skole", ("Chromebook", "iPad", "Elevkonto", "Læringsplattform"), 0.14),
    ("Fagsystem", ("Gerica", "Profil", "Visma", "Acos WebSak"), 0.12),
    ("Nettverk", ("Trådløst", "VPN", "Fiber"), 0.08),
    ("Bestilling", ("Ny bruker", "Utstyr", "Lisens"), 0.08),
    ("Drift", ("Rutineoppgave", "Backup", "Overvåking"), 0.06),
)
GROUPS = (("Servicedesk", 0.55), ("Brukerstøtte 2. linje", 0.15), ("Drift og infrastruktur", 0.12),
          ("Skole-IKT", 0.10), ("Fagsystemer", 0.08))
CHANNEL_SHARES = (("phone", 0.386), ("portal", 0.33), ("email", 0.224), ("walk_in", 0.06))
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

@lru_cache(maxsize=1)
def generate_tickets(seed: int = 2021) -> tuple[SampleTicket, ...]:
    """All tickets 2015–2021, deterministic for a seed, matching the report's figures exactly."""
    rng = random.Random(seed)
    created: list[dt.datetime] = []
    quarter_of: list[tuple[int, int]] = []
    for year, counts in CASES_PER_QUARTER.items():
        for quarter, total in enumerate(counts, start=1):
            days = quarter_days(year, quarter)
            weights = [day_weight(d) * math.exp(rng.gauss(0, 0.08)) for d in days]
            for day, n in zip(days, allocate(total, weights)):
                created.extend(sorted(_created_time(rng, day) for _ in range(n)))
                quarter_of.extend([(year, quarter)] * n)

    n_total = len(created)
    priorities = ["C" if rng.random() < 0.82 else "D" for _ in range(n_total)]
    channels = [c for c, _ in _draw(rng, CHANNEL_SHARES, n_total)]
    by_quarter: dict[tuple[int, int], list[int]] = {}
    for i, q in enumerate(quarter_of):
        by_quarter.setdefault(q, []).append(i)
    for (year, quarter), idx in by_quarter.items():
        ab = AB_INCIDENTS_2021[quarter - 1] if year == 2021 else rng.randint(15, 45)
        for i in rng.sample(idx, ab):
            priorities[i] = "A" if rng.random() < 0.25 else "B"

    # 2021 phone calls: exactly PHONE_CALLS_2021, answered within 1 and 3 minutes as reported
    idx_2021 = [i for q, idx in by_quarter.items() if q[0] == 2021 for i in idx]
    phone_2021 = set(rng.sample(idx_2021, PHONE_CALLS_2021))
    for i in idx_2021:
        if i in phone_2021:
            channels[i] = "phone"
        elif channels[i] == "phone":
            channels[i] = _draw(rng, CHANNEL_SHARES[1:], 1)[0][0]
    waits_2021 = ([round(rng.uniform(2, 59), 1) for _ in range(PHONE_WITHIN_1_MIN_2021)]
                  + [round(rng.uniform(61, 179), 1) for _ in range(PHONE_WITHIN_3_MIN_2021 - PHONE_WITHIN_1_MIN_2021)]
                  + [round(rng.uniform(181, 1200), 1) for _ in range(PHONE_CALLS_2021 - PHONE_WITHIN_3_MIN_2021)])
    rng.shuffle(waits_2021)
    wait_of = dict(zip(sorted(phone_2021), waits_2021))

    export_moment = dt.datetime(2022, 1, 3, 7, 0)
    categories = _draw(rng, CATEGORIES, n_total)
    groups = _draw(rng, GROUPS, n_total)
    customers = _draw(rng, CUSTOMER_ORGS, n_total)
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
        for t in tickets:
            w.writerow(["hikt", f"HIKT-{t.number}", t.customer, iso(t.created), iso(t.first_response),
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
                   _SN_CONTACT[t.channel], t.group, t.customer, f"bruker{(t.number * 7919) % ACTIVE_USERS:05d}"])
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
            w.writerow([f"{t.category}: {t.subcategory}", f"HIKT-{t.number}", 10000 + t.number, "Service request",
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
    tickets are the same as in the full 2015–2021 set for the seed. File names carry the export
    date, which the loader uses to decide which export is newest.
    """
    formats = tuple(formats)
    unknown = [f for f in formats if f not in _WRITERS]
    if unknown:
        raise ValueError(f"unknown sample format(s) {unknown}; choose from {list(_WRITERS)}")
    tickets = generate_tickets(seed)
    export_day = dt.date(2022, 1, 3)
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
