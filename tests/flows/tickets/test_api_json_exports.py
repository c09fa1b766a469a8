"""Ticket exports saved from a helpdesk's REST API, in the shapes such APIs answer in (written here, invented): the
tickets in a list beside the response's status and paging objects, or deeper ({"d": {"results": [...]}} of OData,
{"data": {"items": [...]}}); each field an object ({"name": ...} for a reference, {"value": epoch ms,
"display_value": "01.01.2024 09:00"} for a time), a customer left empty on some tickets beside the requester's
e-mail address. Checked against a plain reading of the records (json), not the loader's output."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from zoneinfo import ZoneInfo

import duckdb
import pytest

from flows.tickets.infer import infer_mapping
from flows.tickets.load import load_ticket_exports
from flows.tickets.readers import cell_text, flatten_record, json_records

OSLO = ZoneInfo("Europe/Oslo")
TOWNS = ["nordvik", "sorvag", "austby"]
PRIORITIES = ["1 - Kritisk", "2 - Høy", "3 - Middels", "4 - Lav"]


@pytest.fixture()
def con(tmp_path):
    c = duckdb.connect(str(tmp_path / "warehouse.duckdb"))
    yield c
    c.close()


def _created(t: int) -> dt.datetime:
    # 23:30 Oslo time on the last day of some months: the UTC day is the day before
    return dt.datetime(2024, 1 + t % 12, 1, 9, tzinfo=OSLO) + dt.timedelta(days=t % 27, hours=t % 15)


def _ms(when: dt.datetime) -> str:
    return str(int(when.timestamp() * 1000))


def _request(t: int) -> dict:
    """One request as a REST API writes it: references as {"name", "id"}, times as {"display_value", "value"}; every
    fifth has no site, only the requester's address."""
    created = _created(t)
    resolved = created + dt.timedelta(hours=2 + t % 30)
    town = TOWNS[t % 3]
    return {
        "id": str(9_000_000 + t), "display_id": str(100 + t), "subject": f"Sak {t}",
        "requester": {"name": f"Person {t}", "email_id": f"person{t}@{town}.kommune.no"},
        "site": None if t % 5 == 0 else {"name": f"{town.capitalize()} kommune", "id": str(t % 3)},
        "priority": {"name": PRIORITIES[t % 4], "id": str(t % 4)},
        "status": {"name": "Lukket" if t % 6 else "Åpen"},
        "category": {"name": ["Klient", "Nettverk"][t % 2]},
        "subcategory": {"name": ["Skriver", "Wifi", "Office"][t % 3]},
        # the display value is the exporting user's clock, cut to the minute; the value is the instant
        "created_time": {"display_value": created.strftime("%d.%m.%Y %H:%M"), "value": _ms(created)},
        "resolved_time": {"display_value": resolved.strftime("%d.%m.%Y %H:%M"), "value": _ms(resolved)}
        if t % 6 else None,
    }


def _requests(n: int = 40) -> list[dict]:
    return [_request(t) for t in range(1, n + 1)]


def _write(path: Path, doc: object) -> Path:
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


SHAPES = {
    # ServiceDesk-Plus-like: a status list of one object and a paging object before the requests
    "envelope": lambda recs: {"response_status": [{"status_code": 2000, "status": "success"}],
                              "list_info": {"has_more_rows": False, "row_count": len(recs)}, "requests": recs},
    "odata_v2": lambda recs: {"d": {"results": recs, "__count": str(len(recs))}},
    "data_items": lambda recs: {"meta": {"page": 1}, "data": {"total": len(recs), "items": recs}},
    "plain_list": lambda recs: recs,
}


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_an_api_response_is_read_from_its_largest_list_of_objects(tmp_path, con, shape):
    records = _requests()
    path = _write(tmp_path / f"requests_{shape}.json", SHAPES[shape](records))
    f = load_ticket_exports(con, [path]).files[0]
    assert f.status == "loaded" and f.tickets == len(records), f.message
    got = {t: r for t, *r in con.execute(
        "select ticket_id, created_at, resolved_at, priority_source, category, subcategory, status_source, "
        "customer_org from raw.tickets").fetchall()}
    assert len(got) == len(records)
    for rec in records:
        created, resolved, priority, category, subcategory, status, customer = got[rec["id"]]
        # the instant itself, to the millisecond: not the display value's minute in the exporting user's zone
        assert created == dt.datetime.fromtimestamp(int(rec["created_time"]["value"]) / 1000, dt.timezone.utc)
        assert resolved == (dt.datetime.fromtimestamp(int(rec["resolved_time"]["value"]) / 1000, dt.timezone.utc)
                            if rec["resolved_time"] else None)
        assert (priority, category, subcategory, status) == (
            rec["priority"]["name"], rec["category"]["name"], rec["subcategory"]["name"], rec["status"]["name"])
        # the site, or where it is null the requester's address (the warehouse names its domain's organisation)
        assert customer == (rec["site"]["name"] if rec["site"] else rec["requester"]["email_id"])
    # the load message says where the customer came from an address
    assert "e-mail domain or address" in f.message and str(sum(1 for r in records if not r["site"])) in f.message


def test_the_customer_falls_back_to_the_requesters_address_only_where_the_site_is_empty():
    records = _requests()
    flat = [flatten_record(r) for r in records]
    header = list(dict.fromkeys(k for f in flat for k in f if k != "site"))
    sample = [[cell_text(f.get(h)) for h in header] for f in flat]
    chosen = {c.field: c.column for c in infer_mapping(header, sample).choices}
    assert chosen["customer_org"] == "site.name"
    assert chosen["customer_email"] == "requester.email_id"
    assert chosen["subcategory"] == "subcategory.name" and chosen["category"] == "category.name"
    # every site filled: the address is not needed
    full = [row for row, rec in zip(sample, records) if rec["site"]]
    assert "customer_email" not in {c.field for c in infer_mapping(header, full).choices}


@pytest.mark.parametrize("pair, expected", [
    ({"display_value": "01.01.2024 09:00", "value": "1704096000000"}, "1704096000000"),
    ({"display_value": "01.01.2024 09:00", "value": 1704096000}, "1704096000"),
    ({"display_value": "01.01.2024 09:00", "value": "2024-01-01T08:00:00Z"}, "2024-01-01T08:00:00Z"),
    ({"display_value": "01.01.2024 09:00", "value": "/Date(1704096000000)/"}, "2024-01-01T08:00:00+00:00"),
    # a time without its zone: the display value, as before (ServiceNow writes UTC there, the user's time beside it)
    ({"display_value": "01.01.2024 09:00", "value": "2024-01-01 08:00:00"}, "01.01.2024 09:00"),
    # a choice: its label, not its code
    ({"display_value": "1 - Kritisk", "value": "1"}, "1 - Kritisk"),
    ({"value": "7"}, "7"),
])
def test_a_display_value_pair_keeps_the_value_when_it_is_an_instant(pair, expected):
    assert cell_text(flatten_record({"f": pair})["f"]) == expected


def test_odata_dates_are_read_as_utc_instants_and_an_unset_one_is_empty(tmp_path, con):
    created = [dt.datetime(2024, 3, 1, 8, tzinfo=dt.timezone.utc) + dt.timedelta(days=d, hours=d) for d in range(12)]
    records = [{"CaseNumber": f"C-{i}", "CreatedOn": f"/Date({_ms(c)}+0100)/", "Status": "Closed",
                "ClosedOn": "/Date(-62135596800000)/" if i % 4 == 0 else f"/Date({_ms(c + dt.timedelta(hours=5))})/"}
               for i, c in enumerate(created)]
    path = _write(tmp_path / "cases.json", {"d": {"results": records}})
    f = load_ticket_exports(con, [path]).files[0]
    assert f.status == "loaded", f.message
    got = dict(con.execute("select ticket_id, created_at from raw.tickets").fetchall())
    assert got == {f"C-{i}": c for i, c in enumerate(created)}
    closed = dict(con.execute("select ticket_id, closed_at from raw.tickets").fetchall())
    assert closed == {f"C-{i}": None if i % 4 == 0 else c + dt.timedelta(hours=5) for i, c in enumerate(created)}


def test_the_largest_list_wins_and_a_records_own_lists_are_no_table():
    tickets = [{"id": i, "created": "2024-01-01", "comments": [{"body": str(k)} for k in range(50)]} for i in range(3)]
    doc = {"users": [{"id": 1, "name": "a"}, {"id": 2, "name": "b"}], "result": {"tickets": tickets}}
    assert json_records(doc) == tickets
    # at equal length the wider objects are the records (not the status list of one)
    one = [{"id": 1, "created": "2024-01-01", "status": "open"}]
    assert json_records({"response_status": [{"status_code": 2000}], "requests": one}) == one
    assert json_records({"id": 1, "created": "2024-01-01"}) == [{"id": 1, "created": "2024-01-01"}]


def _sla_case(t: int) -> dict:
    """A case whose SLA is a list of metric objects, one per kind of target, each with its own breach flag."""
    created = _created(t)
    done = created + dt.timedelta(hours=3 + t % 40) if t % 6 else None
    metrics = [{"metric_kind": "RESOLUTION", "deadline": _ms(created + dt.timedelta(hours=24)),
                "breached": bool(done is None or done > created + dt.timedelta(hours=24))}]
    if t % 2:  # some cases have a reply target too, listed first, breached on other cases than the resolution
        metrics.insert(0, {"metric_kind": "FIRST_REPLY", "deadline": _ms(created + dt.timedelta(hours=1)),
                           "breached": t % 3 == 0})
    return {"case_no": f"K{t}", "opened": _ms(created), "closed_on": _ms(done) if done else None,
            "requester": {"email": f"p{t}@{TOWNS[t % 3]}.kommune.no"}, "sla_metrics": metrics}


def test_an_sla_stated_per_metric_in_a_list_gives_the_resolution_verdict(tmp_path, con):
    cases = [_sla_case(t) for t in range(60)]
    path = tmp_path / "cases_api.json"
    path.write_text(json.dumps({"status": 200, "cases": cases}), encoding="utf-8")
    f = load_ticket_exports(con, [path]).files[0]
    assert f.status == "loaded", f.message
    got = dict(con.execute("select ticket_id, sla_met from raw.tickets").fetchall())
    want = {c["case_no"]: not next(m["breached"] for m in c["sla_metrics"] if m["metric_kind"] == "RESOLUTION")
            for c in cases}
    assert got == want and len(set(want.values())) == 2
    # the other metric's flag is kept beside it, named by its kind
    reply = dict(con.execute("select ticket_id, value from raw.ticket_attributes "
                             "where attribute = 'sla_metrics.FIRST_REPLY.breached'").fetchall())
    assert reply == {c["case_no"]: str(c["sla_metrics"][0]["breached"]).lower() for c in cases
                     if len(c["sla_metrics"]) == 2}
