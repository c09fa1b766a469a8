"""Leader questions over four invented exports of one helpdesk, refreshed through the real loaders, where the
exports differ the way unseen exports do: a ServiceDesk Plus workbook named only by its title row ("Export from
ServiceDesk Plus"), a Pureservice CSV (BOM, semicolons) with a team «Servicedesk», empty customer cells and exact
duplicate rows, a status history without customer or priority (tickets reopened, some closed without a new
resolution), and a JSON export without customer whose times carry UTC offsets.

- the words that named an export are no filter value ("i ServiceDesk Plus" is not the team «Servicedesk»);
- a breakdown by customer leaves out the exports without a customer column and says how many tickets they hold;
- a share of a priority level is pooled over the exports on the one scale;
- pair questions give both figures and the difference;
- the median resolution time is created to the last resolution, in elapsed hours, exact duplicates removed.

Every expected figure is computed here with pandas from the files written here."""
from __future__ import annotations

import json
import random
import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pandas as pd
import pytest

from tests.app.engine.conftest import planner_answer

OSLO = ZoneInfo("Europe/Oslo")
SDP = "forespørsler_2023_2024.xlsx"
PURE = "pureservice_saker.csv"
HIST = "statushistorikk.csv"
ZAMMAD = "zammad_tickets.json"
CUSTOMERS = ("Nordby kommune", "Brattmyr kommune", "Sørvik kommune")
LEVEL = {"Urgent": 1, "High": 2, "Medium": 3, "Low": 4, "1 - Kritisk": 1, "2 - Høy": 2, "3 - Normal": 3,
         "4 - Lav": 4, "3 high": 2, "2 normal": 3, "1 low": 4}


def _make(folder):
    import openpyxl

    rnd = random.Random(11)

    def when(year):  # any minute of the year, the first and last days included
        start = datetime(year, 1, 1, 0, 5)
        return start + timedelta(minutes=rnd.randint(0, 364 * 24 * 60 - 30))

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Export from ServiceDesk Plus"])
    ws.append([])
    ws.append(["Request ID", "Created Time", "Completed Time", "Priority", "Site", "Group", "Request Status"])
    for i in range(160):
        c = when(2023 + i % 2)
        r = c + timedelta(minutes=rnd.randint(20, 90 * 60)) if i % 5 else None
        ws.append([str(7000 + i), c.strftime("%d/%m/%Y %H:%M"), r.strftime("%d/%m/%Y %H:%M") if r else "",
                   rnd.choice(["Urgent", "High", "Medium", "Low"]), CUSTOMERS[i % 3],
                   rnd.choice(["Nettverk", "Applikasjon"]), "Resolved" if r else "Open"])
    wb.save(folder / SDP)

    rows = ["Saksnummer;Opprettet;Løst;Prioritet;Kunde;Team;Status"]
    for i in range(180):
        c = when(2023 + (i // 90))
        r = c + timedelta(minutes=rnd.randint(10, 120 * 60)) if i % 6 else None
        customer = "" if i % 9 == 0 else CUSTOMERS[(i + 1) % 3]
        rows.append(f"PS-{i};{c:%d.%m.%Y %H:%M};{f'{r:%d.%m.%Y %H:%M}' if r else ''};"
                    f"{rnd.choice(['1 - Kritisk', '2 - Høy', '3 - Normal', '4 - Lav'])};{customer};"
                    f"{rnd.choice(['Servicedesk', 'Drift'])};{'Løst' if r else 'Åpen'}")
    rows += rows[5:8]  # exact copies of three rows: one ticket each
    (folder / PURE).write_text("\n".join(rows) + "\n", encoding="utf-8-sig")

    rows = ["Saksnr;Tidspunkt;Status"]
    for i in range(120):
        c = when(2023 + i % 2)
        steps = [("Ny", 0)]
        if i % 5:
            steps.append(("Løst", rnd.randint(1, 40)))
            if i % 3 == 0:  # reopened; then resolved again, closed without a new resolution, or still open
                steps.append(("Gjenåpnet", steps[-1][1] + rnd.randint(2, 30)))
                if i % 4 == 1:
                    steps.append(("Løst", steps[-1][1] + rnd.randint(1, 20)))
                elif i % 4 == 2:
                    steps.append(("Lukket", steps[-1][1] + rnd.randint(1, 20)))
        for state, hours in steps:
            rows.append(f"H{i};{c + timedelta(hours=hours, minutes=7 * i % 60):%Y-%m-%d %H:%M};{state}")
    (folder / HIST).write_text("\n".join(rows) + "\n", encoding="utf-8")

    records = []
    for i in range(90):
        c = when(2023 + i % 2).replace(tzinfo=OSLO)
        r = c + timedelta(minutes=rnd.randint(30, 70 * 60)) if i % 4 else None

        def stamp(t):  # the instant, written in UTC with its offset
            return t.astimezone(ZoneInfo("UTC")).strftime("%Y-%m-%dT%H:%M:%S+00:00")
        records.append({"number": f"Z{5000 + i}", "created_at": stamp(c), "close_at": stamp(r) if r else None,
                        "priority": rnd.choice(["1 low", "2 normal", "3 high"]), "state": "closed" if r else "open"})
    (folder / ZAMMAD).write_text(json.dumps(records, indent=1), encoding="utf-8")


def _oslo(series):
    return series.dt.tz_localize(OSLO, ambiguous="NaT", nonexistent="shift_forward")


def _plain(folder) -> pd.DataFrame:
    """One row per ticket: export, created (Oslo), end of its last resolution (or None), level, customer."""
    frames = []
    s = pd.read_excel(folder / SDP, dtype=str, header=2)
    frames.append(pd.DataFrame({"file": SDP, "id": s["Request ID"],
                                "created": _oslo(pd.to_datetime(s["Created Time"], format="%d/%m/%Y %H:%M")),
                                "done": _oslo(pd.to_datetime(s["Completed Time"], format="%d/%m/%Y %H:%M")),
                                "level": s["Priority"].map(LEVEL), "customer": s["Site"], "team": None}))
    p = pd.read_csv(folder / PURE, sep=";", dtype=str, encoding="utf-8-sig", keep_default_na=False).drop_duplicates()
    frames.append(pd.DataFrame({"file": PURE, "id": p["Saksnummer"],
                                "created": _oslo(pd.to_datetime(p["Opprettet"], format="%d.%m.%Y %H:%M")),
                                "done": _oslo(pd.to_datetime(p["Løst"].replace("", None), format="%d.%m.%Y %H:%M")),
                                "level": p["Prioritet"].map(LEVEL), "customer": p["Kunde"].replace("", None),
                                "team": p["Team"]}))
    h = pd.read_csv(folder / HIST, sep=";", dtype=str)
    h["at"] = _oslo(pd.to_datetime(h["Tidspunkt"]))
    rows = []
    for tid, events in h.sort_values("at", kind="stable").groupby("Saksnr", sort=False):
        states = list(events["Status"])
        k = len(states)
        while k and states[k - 1] in ("Løst", "Lukket"):  # the final run of resolved/closed states
            k -= 1
        rows.append((tid, events["at"].iloc[0], events["at"].iloc[k] if k < len(states) else None))
    frames.append(pd.DataFrame({"file": HIST, "id": [r[0] for r in rows], "created": [r[1] for r in rows],
                                "done": [r[2] for r in rows], "level": None, "customer": None, "team": None}))
    z = pd.DataFrame(json.loads((folder / ZAMMAD).read_text(encoding="utf-8")))
    frames.append(pd.DataFrame({"file": ZAMMAD, "id": z["number"],
                                "created": pd.to_datetime(z["created_at"]).dt.tz_convert(OSLO),
                                "done": pd.to_datetime(z["close_at"]).dt.tz_convert(OSLO),
                                "level": z["priority"].map(LEVEL), "customer": None, "team": None}))
    out = pd.concat(frames, ignore_index=True)
    out["done"] = pd.to_datetime(out["done"], utc=True).dt.tz_convert(OSLO)
    out["year"] = out["created"].dt.year
    out["hours"] = (out["done"] - out["created"]).dt.total_seconds() / 3600
    return out


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    folder = tmp_path_factory.mktemp("leaders-exports")
    _make(folder)
    return folder


@pytest.fixture(scope="module")
def engine(made, engine_over_exports):
    return engine_over_exports(made, "leaders-exports")


@pytest.fixture(scope="module")
def plain(made):
    return _plain(made)


def test_every_ticket_once(engine, plain):
    got = dict(engine.run("select source_file, count(*) from fct_ticket group by 1")[2])
    assert {k.rsplit("/", 1)[-1]: v for k, v in got.items()} == plain.groupby("file")["id"].nunique().to_dict()


def test_the_words_that_named_an_export_are_no_filter(engine, plain):
    sdp = plain[plain.file == SDP]
    for question in ("Hvor mange saker i ServiceDesk Plus i 2024?", "How many tickets in ServiceDesk Plus in 2024?"):
        r = planner_answer(engine, question)
        assert r["rows"] == [[int((sdp.year == 2024).sum())]], r["answer"]
        assert "Servicedesk" not in r["answer"] and SDP in r["answer"]
    # the team named in words of its own is the filter, across the exports
    r = planner_answer(engine, "Hvor mange saker hadde teamet Servicedesk i 2024?")
    assert r["rows"] == [[int(((plain.team == "Servicedesk") & (plain.year == 2024)).sum())]]


@pytest.mark.parametrize("question", ["Hvor mange saker i pure service i 2024?", "how many tickets in pure service in 2024",
                                      "Antall saker i Pure Service 2024"])
def test_a_system_name_in_two_words_names_the_file_that_glues_them(engine, plain, question):
    # the file says «pureservice», the question the product's name in two words, in any case
    r = planner_answer(engine, question)
    pure = plain[plain.file == PURE]
    assert r["rows"] == [[int((pure.year == 2024).sum())]], r["answer"]
    assert PURE in r["answer"]


@pytest.mark.parametrize("question", ["Saker per medlemskommune", "Tickets per member municipality"])
def test_a_breakdown_by_customer_leaves_out_exports_without_customers(engine, plain, question):
    r = planner_answer(engine, question)
    en = question.startswith("Tickets")
    unknown = "(unknown)" if en else "(ukjent)"
    cols = r["columns"]
    got = {row[0]: row[cols.index("tickets")] for row in r["rows"]}
    with_column = plain[plain.file.isin([SDP, PURE])]
    expected = {c: int(n) for c, n in with_column["customer"].value_counts().items()}
    expected[unknown] = int(with_column["customer"].isna().sum())
    assert got == expected and expected[unknown] > 0
    left = plain[plain.file.isin([HIST, ZAMMAD])]
    assert r["rows"][0][cols.index("tickets_without_customer")] == len(left)
    assert "Ukjent organisasjon" not in r["answer"]
    assert HIST in r["answer"] and ZAMMAD in r["answer"] and f"{len(left)}" in r["answer"]
    assert f"«{unknown}»" in r["answer"]


def _pct(n, total):
    return round(100 * n / total + 1e-9, 1)


def test_a_share_of_a_priority_level_is_pooled_over_the_exports(engine, plain):
    prioritised = plain[plain.level.notna() & (plain.year == 2024)]
    n, total = int((prioritised.level == 1).sum()), len(prioritised)
    r = planner_answer(engine, "Andel kritiske saker i 2024")
    assert r["rows"] == [[n, total, pytest.approx(_pct(n, total))]], r["answer"]
    assert HIST in r["answer"]  # the export without priorities, named as left out
    all_prioritised = plain[plain.level.notna()]
    n, total = int((all_prioritised.level == 2).sum()), len(all_prioritised)
    r = planner_answer(engine, "What share of tickets were high priority?")
    cols = r["columns"]
    assert len(r["rows"]) == 1 and [r["rows"][0][cols.index(c)] for c in ("tickets", "tickets_all", "share_pct")] == [
        n, total, pytest.approx(_pct(n, total))], r["answer"]


@pytest.mark.parametrize("question, months", [
    ("Hvor mange saker i Q3 2024 sammenlignet med samme kvartal året før?", (7, 8, 9)),
    ("How many tickets in Q3 2024 compared with the same quarter the year before?", (7, 8, 9)),
    ("Hvor mange saker i mars 2024 mot mars 2023?", (3,)),
    ("tickets in March 2024 vs March 2023", (3,)),
])
def test_a_pair_of_periods_gives_both_figures_and_the_difference(engine, plain, question, months):
    part = plain[plain.created.dt.month.isin(months)]
    a, b = int((part.year == 2023).sum()), int((part.year == 2024).sum())
    r = planner_answer(engine, question)
    cols = r["columns"]
    assert [(row[cols.index("year")], row[cols.index("tickets")]) for row in r["rows"]] == [(2023, a), (2024, b)]
    assert r["rows"][1][cols.index("change")] == b - a
    assert "Ikke brukt" not in r["answer"] and "Not used" not in r["answer"]


def test_a_pair_of_shares_gives_both_and_the_change_in_points(engine, plain):
    r = planner_answer(engine, "Andel kritiske saker i 2024 sammenlignet med 2023")
    cols = r["columns"]
    shares = {}
    for year in (2023, 2024):
        rows = plain[plain.level.notna() & (plain.year == year)]
        shares[year] = _pct(int((rows.level == 1).sum()), len(rows))
    got = {row[cols.index("year")]: row[cols.index("share_pct")] for row in r["rows"]}
    assert got == pytest.approx(shares)
    assert r["rows"][1][cols.index("change_pp")] == pytest.approx(round(shares[2024] - shares[2023], 1))


@pytest.mark.parametrize("question", ["median løsningstid 2023 mot 2024", "median resolution time 2023 vs 2024"])
def test_median_resolution_time_to_the_last_resolution_per_year_and_the_difference(engine, plain, question):
    # elapsed hours from creation to the last resolution (a reopened ticket closed without a new resolving event is
    # resolved at its closing), every export, exact duplicates once, UTC offsets read as the instants they are
    medians = {y: round(plain[(plain.year == y)]["hours"].dropna().median(), 2) for y in (2023, 2024)}
    assert (plain.file == HIST).any() and plain[plain.file == ZAMMAD]["hours"].notna().any()
    r = planner_answer(engine, question)
    cols = r["columns"]
    got = {row[cols.index("year")]: row[cols.index("median_hours")] for row in r["rows"]}
    assert got == pytest.approx(medians, abs=0.006)
    assert r["rows"][1][cols.index("change")] == pytest.approx(round(got[2024] - got[2023], 2), abs=0.006)
    assert re.search(r"(endring|change)", r["answer"])


def test_resolved_within_hours_counts_every_exports_resolutions_per_period_and_the_change(engine, plain):
    # of the resolved tickets (an export that records only closings: its closed ones), those resolved within 24
    # calendar hours of creation, per year, and the change in percentage points
    r = planner_answer(engine, "Share of tickets resolved within 24 hours in 2024 vs 2023")
    cols = r["columns"]
    expected = {}
    for year in (2023, 2024):
        done = plain[(plain.year == year) & plain.hours.notna()]
        expected[year] = (int((done.hours <= 24).sum()), len(done), _pct(int((done.hours <= 24).sum()), len(done)))
    assert plain[(plain.file == ZAMMAD) & plain.hours.notna()].shape[0] > 0
    got = {row[cols.index("year")]: (row[cols.index("tickets_within")], row[cols.index("tickets_done")],
                                     row[cols.index("share_pct")]) for row in r["rows"]}
    assert got == expected
    assert r["rows"][1][cols.index("change_pp")] == pytest.approx(round(expected[2024][2] - expected[2023][2], 1))
