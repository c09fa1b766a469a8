"""Ticket questions that rest on what an unknown export's columns and values mean, over invented exports refreshed
through the real loaders: a CRM case list (origin, a KPI status as the SLA verdict, a due time beside the actual end,
cancelled cases), a tracker's search result (owners, states such as rejected and stalled, "Not set" for no resolved
time, one category column written as a path) and a request list with a yes/no first-response verdict and a request
type. Every expected figure is computed here from the rows written here."""
from __future__ import annotations

import statistics
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from tests.app.engine.conftest import planner_answer

CRM = "crm_saker.csv"
TRACKER = "tracker_results.tsv"
REQUESTS = "request_list.csv"
CUSTOMERS = ("Aldal kommune", "Berg kommune")


def _crm_rows():
    rows = []
    start = datetime(2023, 1, 2, 8)
    for i in range(160):
        created = start + timedelta(hours=53 * i)
        state = "Annullert" if i % 11 == 0 else "Aktiv" if i % 17 == 0 else "Løst"
        end = created + timedelta(hours=5 + (i * 7) % 60) if state != "Aktiv" else None
        due = created + timedelta(hours=30)
        kpi = "Annullert" if state == "Annullert" else "Pågår" if end is None else (
            "Vellykket" if end <= due else "Ikke-kompatibel")
        rows.append(dict(id=f"CAS-{7000 + i}", customer=CUSTOMERS[i % 2], priority=("Høy", "Normal", "Lav")[i % 3],
                         origin=("Telefon", "E-post", "Web")[i % 3], status=state, created=created, due=due, kpi=kpi,
                         end=end))
    return rows


def _tracker_rows():
    rows = []
    start = datetime(2023, 1, 3, 9)
    for i in range(120):
        created = start + timedelta(hours=61 * i)
        state = "rejected" if i % 13 == 0 else ("new", "open", "stalled")[i % 3] if i >= 116 else "resolved"
        resolved = created + timedelta(hours=10 + (i * 5) % 70) if state in ("resolved", "rejected") else None
        rows.append(dict(id=str(900 + i), status=state, owner=("anne", "bjørn", "cecilie")[i % 3 if i % 4 else 0],
                         customer=CUSTOMERS[i % 2], created=created, resolved=resolved,
                         category=("Tilgang > Passord", "Tilgang > Ny bruker", "Nettverk > WiFi")[(0, 0, 0, 1, 1, 2, 2)[i % 7]]))
    return rows


def _request_rows():
    rows = []
    start = datetime(2024, 1, 2, 10)
    for i in range(90):
        created = start + timedelta(hours=80 * i)
        rows.append(dict(id=f"R{3000 + i}", kind=("Hendelse", "Tjenesteforespørsel")[i % 3 == 0],
                         customer=CUSTOMERS[i % 2], created=created, resolved=created + timedelta(hours=4 + i % 30),
                         late=("true" if i % 8 == 0 else "false")))
    return rows


def _hours(a: datetime, b: datetime) -> float:
    """The hours from a to b, both Oslo wall-clock times as the exports write them (a summer-time change between them
    counts)."""
    oslo = ZoneInfo("Europe/Oslo")
    return (b.replace(tzinfo=oslo).astimezone(timezone.utc)
            - a.replace(tzinfo=oslo).astimezone(timezone.utc)).total_seconds() / 3600


def _fmt(t):
    return t.strftime("%Y-%m-%d %H:%M:%S") if t else ""


def _write_exports(inbox) -> None:
    lines = ["Saksnummer;Kunde;Prioritet;Opprinnelse;Status;Opprettet;Løs innen;Status for løsnings-KPI;"
             "Faktisk slutt (Saksløsning)"]
    lines += [";".join([r["id"], r["customer"], r["priority"], r["origin"], r["status"], _fmt(r["created"]),
                        _fmt(r["due"]), r["kpi"], _fmt(r["end"])]) for r in _crm_rows()]
    (inbox / CRM).write_text("\n".join(lines) + "\n", encoding="utf-8")
    lines = ["id\tStatus\tOwner\tRequestors\tCreated\tResolved\tKategori"]
    lines += ["\t".join([r["id"], r["status"], r["owner"], f"x{r['id']}@{r['customer'].split()[0].lower()}.kommune.no",
                         _fmt(r["created"]), _fmt(r["resolved"]) or "Not set", r["category"]]) for r in _tracker_rows()]
    (inbox / TRACKER).write_text("\n".join(lines) + "\n", encoding="utf-8")
    lines = ["request_id,request_type,site,created_time,resolved_time,is_first_response_overdue"]
    lines += [",".join([r["id"], r["kind"], r["customer"], _fmt(r["created"]), _fmt(r["resolved"]), r["late"]])
              for r in _request_rows()]
    (inbox / REQUESTS).write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def engine(tmp_path_factory, engine_over_exports):
    inbox = tmp_path_factory.mktemp("value-meanings-inbox")
    _write_exports(inbox)
    return engine_over_exports(inbox, "value-meanings-warehouse")


def _values(r):
    return [x for row in r["rows"] for x in row if isinstance(x, (int, float)) and not isinstance(x, bool)]


def test_origin_is_the_channel(engine):
    r = planner_answer(engine, "CRM cases created in 2023 broken down by origin")
    crm = [x for x in _crm_rows() if x["created"].year == 2023]
    expected = sorted(sum(1 for x in crm if x["origin"] == o) for o in ("Telefon", "E-post", "Web"))
    assert sorted(_values(r)) == expected


def test_sla_met_counts_the_met_verdicts_of_the_resolved(engine):
    r = planner_answer(engine, "Hvor stor andel av de løste CRM-sakene opprettet i 2023 ble løst innen SLA "
                               "(løsnings-KPI oppfylt)?")
    done = [x for x in _crm_rows() if x["created"].year == 2023 and x["status"] == "Løst"]
    met = sum(x["kpi"] == "Vellykket" for x in done)
    assert round(100 * met / len(done), 1) in _values(r)
    assert len(done) in _values(r)


def test_the_actual_end_is_the_resolved_time(engine):
    r = planner_answer(engine, "Average resolution time in hours for high-priority CRM cases created in 2023 "
                               "(from created to actual end)")
    rows = [x for x in _crm_rows() if x["created"].year == 2023 and x["priority"] == "Høy" and x["end"]]
    mean = statistics.mean(_hours(x["created"], x["end"]) for x in rows)
    assert round(mean, 2) in _values(r)


def test_backlog_leaves_out_the_status_it_is_told_to(engine):
    r = planner_answer(engine, "Hvor mange CRM-saker var fortsatt uløste ved utgangen av juni 2023? Annullerte saker "
                               "skal ikke telles.")
    day = datetime(2023, 6, 30, 23, 59, 59)
    expected = sum(1 for x in _crm_rows() if x["created"] <= day and x["status"] != "Annullert"
                   and (x["end"] is None or x["end"] > day))
    assert _values(r) == [expected]
    every = planner_answer(engine, "Hvor mange CRM-saker var fortsatt uløste ved utgangen av juni 2023?")
    assert _values(every) == [sum(1 for x in _crm_rows() if x["created"] <= day
                                  and (x["end"] is None or x["end"] > day))]


def test_a_status_named_in_another_language(engine):
    r = planner_answer(engine, "Andel tracker-saker opprettet i 2023 som ble avvist")
    rows = [x for x in _tracker_rows() if x["created"].year == 2023]
    assert round(100 * sum(x["status"] == "rejected" for x in rows) / len(rows), 1) in _values(r)


def test_states_listed_are_each_counted_and_not_set_is_no_time(engine):
    r = planner_answer(engine, "How many tracker tickets were still new, open or stalled when the export was taken?")
    assert _values(r) == [sum(x["status"] in ("new", "open", "stalled") for x in _tracker_rows())]


def test_who_resolved_the_most_is_the_owner_by_resolution(engine):
    r = planner_answer(engine, "Kven i tracker-eksporten løyste flest saker i 2023?")
    rows = [x for x in _tracker_rows() if x["status"] == "resolved" and x["resolved"].year == 2023]
    counts = {o: sum(x["owner"] == o for x in rows) for o in ("anne", "bjørn", "cecilie")}
    assert max(counts.values()) == max(_values(r))
    assert max(counts, key=counts.get) in str(r["rows"][0])


def test_resolved_in_a_period_leaves_out_the_rejected(engine):
    r = planner_answer(engine, "Hvor mange tracker-saker ble løst i 2023?")
    assert _values(r) == [sum(1 for x in _tracker_rows() if x["status"] == "resolved"
                              and x["resolved"].year == 2023)]


def test_a_subcategory_is_the_leaf_of_a_category_path(engine):
    r = planner_answer(engine, "Which tracker subcategory had the most tickets in 2023?")
    rows = [x for x in _tracker_rows() if x["created"].year == 2023]
    counts = {c: sum(x["category"] == c for x in rows) for c in {x["category"] for x in rows}}
    assert max(counts.values()) in _values(r)
    assert max(counts, key=counts.get) in str(r["rows"][0])
    assert "path" in r["answer"] or "sti" in r["answer"]


def test_a_path_leaf_named_counts_its_paths(engine):
    r = planner_answer(engine, "Kor stor del av tracker-sakene i 2023 gjaldt passord?")
    rows = [x for x in _tracker_rows() if x["created"].year == 2023]
    assert round(100 * sum(x["category"].endswith("Passord") for x in rows) / len(rows), 1) in _values(r)


def test_first_response_sla_from_the_exports_own_verdict(engine):
    r = planner_answer(engine, "First response SLA compliance in the request list for requests created in 2024, "
                               "in percent")
    rows = [x for x in _request_rows() if x["created"].year == 2024]
    assert round(100 * sum(x["late"] == "false" for x in rows) / len(rows), 1) in _values(r)


def test_first_response_sla_of_an_export_without_such_a_verdict_is_refused(engine):
    planner_answer(engine, "First response SLA compliance in the CRM cases in 2023", status="unanswerable")


def test_values_named_in_nynorsk_break_down_their_column(engine):
    r = planner_answer(engine, "Fordeling mellom hendingar og tenesteførespurnader i 2024")
    rows = [x for x in _request_rows() if x["created"].year == 2024]
    assert {sum(x["kind"] == k for x in rows) for k in ("Hendelse", "Tjenesteforespørsel")} <= set(_values(r))


def test_a_field_no_export_has_is_still_refused(engine):
    planner_answer(engine, "CRM cases created in 2023 broken down by satisfaction score", status="unanswerable")
    planner_answer(engine, "Hvor mange tracker-saker i 2023 hadde kundetilfredshet over fire?", status="unanswerable")
    # the owner column answers who, never a total of a measure no column holds
    planner_answer(engine, "Total time logged per owner in the tracker export in 2023", status="unanswerable")

