"""Questions over four invented helpdesk exports of different systems, refreshed through the real loaders: a
Norwegian export with three category levels and its customer in a column of its own («Firma»), a Swedish one whose
category is a path ("Programvare > Fagsystem > Visma"), an English one whose SLA verdict is a value of «Resolution
status», and a JSON one with nested customer fields. A measure no export holds (employees, customer satisfaction,
uptime, an invoiced amount) is refused with what the exports do hold, never answered with a count of tickets; an
organisation is counted in every export, whichever column holds it. Every expected figure is computed here from the
rows written here."""
from __future__ import annotations

import json
import random
from datetime import datetime, timedelta

import pytest

from tests.app.engine.conftest import planner_answer

ORGS = ("Ulvøy kommune", "Sørvik kommune", "Brattli kommune")
CATEGORIES = (("Programvare", "Fagsystem", "Visma"), ("Programvare", "Fagsystem", "Acos"),
              ("Programvare", "Kontorstøtte", "Office"), ("Maskinvare", "Skriver", ""))
PATHS = ("Programvare > Fagsystem > Visma", "Programvare > Fagsystem > Public 360", "Maskinvare > PC",
         "Tilgang > Passord")


def _make(folder):
    """Four exports; one record per ticket: (system, created, done, fields)."""
    rnd = random.Random(7)
    out = []

    def when(start, days):
        return start + timedelta(hours=rnd.randint(0, days * 24 - 1))

    rows = ["Saksnummer;Opprettet;Løst;Status;Prioritet;Firma;Team;Kategori 1;Kategori 2;Kategori 3;SLA oppfylt;"
            "Antall gjenåpninger;Fjernhjelp;Melder fornavn"]
    for n in range(160):  # 2024–2025
        c = when(datetime(2024, 1, 1, 8), 730)
        r = c + timedelta(hours=rnd.choice([2, 20, 80])) if n % 6 else None
        org, team, cat = ORGS[n % 3], ("Skole-IT", "Servicedesk")[n % 2], CATEGORIES[n % 4]
        rows.append(";".join([str(100 + n), f"{c:%d.%m.%Y %H:%M}", f"{r:%d.%m.%Y %H:%M}" if r else "",
                              "Løst" if r else "Under arbeid", ("Høy", "Normal", "Lav")[n % 3], org, team, *cat,
                              "Nei" if n % 5 == 0 else "Ja", str(int(n % 7 == 0)), str(int(n % 4 == 1)),
                              ("Per", "Kari", "Ola")[n % 3]]))
        out.append(("pureservice", c, r, {"org": org, "team": team, "cat": cat, "reopened": n % 7 == 0,
                                          "sla_met": n % 5 != 0, "remote": n % 4 == 1}))
    (folder / "pureservice_saker.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    rows = ["Ärendenummer;Skapad;Löst;Status;Prioritet;Organisation;Kategori"]
    for n in range(120):  # 2024–2025
        c = when(datetime(2024, 1, 1, 8), 730)
        r = c + timedelta(hours=rnd.choice([3, 30])) if n % 5 else None
        org, path = ORGS[n % 3], PATHS[n % 4]
        # now and then a customer misspelt by one letter ("Bratli kommune"): still that customer
        written = org.replace("tt", "t") if n % 30 == 2 else org
        rows.append(";".join([f"E-{2000 + n}", f"{c:%Y-%m-%d %H:%M}", f"{r:%Y-%m-%d %H:%M}" if r else "",
                              "Löst" if r else "Pågående", ("Hög", "Medel", "Låg")[n % 3], written, path]))
        out.append(("easit", c, r, {"org": org, "cat": tuple(path.split(" > "))}))
    (folder / "easit_arenden.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    rows = ["Ticket ID,Subject,Status,Priority,Source,Type,Group,Created time,Resolved time,Resolution status,"
            "Company Name"]
    for n in range(100):  # July 2024 – December 2025
        c = when(datetime(2024, 7, 1, 8), 540)
        r = c + timedelta(hours=rnd.choice([4, 40, 100])) if n % 4 else None
        violated = bool(r) and n % 3 == 0
        rows.append(",".join([str(5000 + n), f"Problem {n}", "Resolved" if r else "Open",
                              ("High", "Medium", "Low")[n % 3], ("Email", "Portal", "Phone")[n % 3],
                              ("Incident", "Question")[n % 2], ("Skole-IT", "Drift")[n % 2], f"{c:%Y-%m-%d %H:%M:%S}",
                              f"{r:%Y-%m-%d %H:%M:%S}" if r else "",
                              ("SLA Violated" if violated else "Within SLA") if r else "", ORGS[n % 3]]))
        out.append(("freshdesk", c, r, {"org": ORGS[n % 3], "violated": violated, "team": ("Skole-IT", "Drift")[n % 2]}))
    (folder / "freshdesk_tickets.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    docs = []
    for n in range(80):  # 2025
        c = when(datetime(2025, 1, 1, 8), 360)
        r = c + timedelta(hours=rnd.choice([2, 26])) if n % 4 else None
        docs.append({"id": 700 + n, "created_at": c.isoformat() + "Z", "solved_at": r.isoformat() + "Z" if r else None,
                     "priority": "normal", "status": "solved" if r else "open", "organization": ORGS[n % 3],
                     "customer": {"email": f"user{n}@example.org" if n % 2 else None, "name": f"User {n}"}})
        out.append(("zendesk", c, r, {"org": ORGS[n % 3]}))
    (folder / "zendesk_tickets.json").write_text(json.dumps(docs), encoding="utf-8")
    return out


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    folder = tmp_path_factory.mktemp("four-exports")
    return folder, _make(folder)


@pytest.fixture(scope="module")
def engine(made, engine_over_exports):
    return engine_over_exports(made[0], "four-exports")


@pytest.fixture(scope="module")
def records(made):
    return made[1]


def _n(records, system=None, year=None, **match):
    return sum(1 for s, c, _, f in records if (system is None or s == system) and (year is None or c.year == year)
               and all(f.get(k) == v for k, v in match.items()))


@pytest.mark.parametrize("question, measure", [
    ("Kor mange tilsette har Ulvøy kommune?", "tilsette"),
    ("Hvor mange ansatte har Sørvik kommune?", "ansatte"),
    ("How many employees does Brattli kommune have?", "employees"),
    ("What was the average customer satisfaction score in Zendesk 2025?", "satisfaction"),
    ("Kva var kundetilfredsheita (CSAT) for sakene til Skole-IT?", "kundetilfredsheita"),
    ("Kva var kundetilfredsheita (CSAT) for Skole-IT?", "kundetilfredsheita"),
    ("Hvor mye ble fakturert for saker fra Ulvøy kommune i 2024?", "fakturert"),
    ("Hva var oppetiden for Visma i 2025?", "oppetiden"),
    ("What was the NPS for tickets in 2025?", "nps"),
])
def test_a_measure_no_export_holds_is_refused_with_what_they_hold(engine, question, measure):
    r = planner_answer(engine, question, status="unanswerable")
    answer = r["answer"]
    assert not r["rows"], answer  # never a count of something else
    assert measure in answer.lower(), answer
    # what the exports do hold: the tickets, their fields and their other columns by header
    # «Firma» is the Norwegian export's customer column (the loader reads it so): said as the customer or by its name
    assert ("saker" in answer or "tickets" in answer) and any(w in answer for w in ("«Firma»", "kunde", "customer")), answer
    assert "Einingar med data: ." not in answer and "Enheter med data: ." not in answer, answer


def test_a_count_of_tickets_is_still_answered(engine, records):
    # the control: a count of tickets the exports hold, in the same words around it
    r = planner_answer(engine, "Hvor mange saker hadde Skole-IT i 2025?")
    assert r["rows"][0][-1] == _n(records, year=2025, team="Skole-IT"), r["answer"]


def test_an_organisation_is_counted_in_every_export_whichever_column_holds_it(engine, records):
    # one export keeps its customer in «Firma», the others in the customer field: every export's tickets of it
    r = planner_answer(engine, "Hvor mange saker kom fra Ulvøy kommune i 2024?")
    expected = _n(records, year=2024, org="Ulvøy kommune")
    assert str(expected) in r["answer"].replace("\u00a0", ""), r["answer"]
    # «Firma» is read as the customer by the loader: one count over every export, the sum of each export's tickets
    assert _n(records, "pureservice", 2024, org="Ulvøy kommune") > 0 and _n(records, "easit", 2024, org="Ulvøy kommune") > 0
    assert r["rows"][0][-1] == expected, r["answer"]


@pytest.mark.parametrize("question, system, year, org", [
    ("Hvor mange saker meldte Ulvøy kommune i Pureservice?", "pureservice", None, "Ulvøy kommune"),
    ("Kor mange saker melde Sørvik kommune inn i 2025?", None, 2025, "Sørvik kommune"),
    ("How many tickets did Ulvøy kommune report in 2024?", None, 2024, "Ulvøy kommune"),
    ("How many tickets did Brattli kommune submit in Freshdesk?", "freshdesk", None, "Brattli kommune"),
    ("Hvor mange saker innrapporterte Sørvik kommune i 2024?", None, 2024, "Sørvik kommune"),
    ("Hur många ärenden anmälde Brattli kommune 2024?", None, 2024, "Brattli kommune"),
    ("How many tickets were logged in Freshdesk in 2025?", "freshdesk", 2025, None),
    ("Hvor mange saker ble registrert i Easit i 2025?", "easit", 2025, None),
])
def test_verbs_of_reporting_are_the_created_time_not_a_field(engine, records, question, system, year, org):
    # "meldte" shares its stem with a reporter column («Melder»), "reported" with «Reporter»: both ask for the tickets
    # that came in, never a column the exports lack
    r = planner_answer(engine, question)
    expected = _n(records, system, year, **({"org": org} if org else {}))
    assert str(expected) in r["answer"].replace("\u00a0", ""), (expected, r["answer"])


def test_the_export_named_answers_by_its_own_columns(engine, records):
    # the English export has no SLA verdict column, but its «Resolution status» says "SLA Violated": that value, in
    # that export, never the other export's verdict
    r = planner_answer(engine, "How many Freshdesk tickets violated the SLA in 2025?")
    # the loader reads «Resolution status» as the export's SLA verdict: the breached tickets of that export only
    assert _n(records, "freshdesk", 2025, violated=True) in r["rows"][0], r["answer"]
    assert "freshdesk_tickets.csv" in r["answer"] and "pureservice" not in r["answer"], r["answer"]
    # an export named with neither: said, with the exports that have a verdict
    r = planner_answer(engine, "How many Zendesk tickets breached the SLA?", status="unanswerable")
    assert "zendesk_tickets.json" in r["answer"] and "pureservice_saker.csv" in r["answer"], r["answer"]
    # a field the export named does not fill (another export's value matched): said, never a count of 0
    r = planner_answer(engine, "How many Zendesk tickets were in the group Skole-IT?", status="unanswerable")
    assert "zendesk_tickets.json" in r["answer"] and "freshdesk_tickets.csv" in r["answer"] and not r["rows"]
    r = planner_answer(engine, "Hvor mange saker i Zendesk hadde Kategori 3 Visma?", status="unanswerable")
    assert not r["rows"], r["answer"]
    # the export with the verdict: its tickets whose verdict is no
    r = planner_answer(engine, "Hvor mange saker i Pureservice brøt SLA i 2025?")
    assert r["rows"][0][1] == _n(records, "pureservice", 2025, sla_met=False), r["answer"]
    # no export named: the exports with a verdict, and those without said
    r = planner_answer(engine, "Hva var SLA-oppnåelsen i 2025?")
    # every export with a verdict (the English one's «Resolution status» too), each with its own share
    met = _n(records, "pureservice", 2025, sla_met=True)
    assert "«pureservice_saker.csv»: " in r["answer"] and f"({met} av " in r["answer"], r["answer"]
    assert "«zendesk_tickets.json»" in r["answer"] and "ingen slik registrering" in r["answer"], r["answer"]


def test_a_yes_no_column_named_counts_its_yes(engine, records):
    # «Fjernhjelp» holds 1/0: the tickets marked so, never every ticket with the cell filled in (a 0 is filled in too)
    r = planner_answer(engine, "Hvor mange Pureservice-saker er merket med Fjernhjelp?")
    assert r["rows"][0][-1] == _n(records, "pureservice", remote=True), r["answer"]


def test_a_function_word_is_no_value_of_a_column(engine, records):
    # «Melder fornavn» holds "Per": "saker per kommune" is a breakdown by customer, never the tickets of a Per
    r = planner_answer(engine, "Pureservice-saker per kommune i 2025")
    assert "Melder fornavn" not in r["answer"], r["answer"]
    for org in ORGS:
        assert f"{org}: {_n(records, 'pureservice', 2025, org=org)}" in r["answer"], r["answer"]


def test_a_customer_misspelt_by_one_letter_is_that_customer(engine, records):
    # Easit writes "Bratli kommune" now and then: counted with Brattli kommune, never a customer of its own
    assert any(n % 30 == 2 and n % 3 == 2 for n in range(120))
    r = planner_answer(engine, "Hvor mange saker meldte Brattli kommune i Easit?")
    assert r["rows"][0][-1] == _n(records, "easit", org="Brattli kommune"), r["answer"]
    r = planner_answer(engine, "Easit-saker per kommune")
    assert "Bratli" not in r["answer"], r["answer"]


def test_the_resolution_sla_is_the_verdict_the_export_states(engine, records):
    # "the resolution SLA": the verdict «Resolution status» states, not a field the exports lack
    r = planner_answer(engine, "How many Freshdesk tickets created in 2025 breached the resolution SLA?")
    assert _n(records, "freshdesk", 2025, violated=True) in r["rows"][0], r["answer"]


MONTHS_NB = ("januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober", "november",
             "desember")


def _per_month(records, year, months=range(1, 13)):
    return {m: sum(1 for _, c, _, _ in records if c.year == year and c.month == m) for m in months}


@pytest.mark.parametrize("question", [
    "Korleis utvikla talet på saker seg månad for månad første halvår 2025?",
    "How did the number of tickets develop month by month in H1 2025?",
    "Antall saker hver måned første halvår 2025",
])
def test_month_by_month_over_a_period_is_a_monthly_series(engine, records, question):
    r = planner_answer(engine, question)
    i, n = r["columns"].index("month"), r["columns"].index("tickets")
    assert {row[i]: row[n] for row in r["rows"]} == _per_month(records, 2025, range(1, 7)), r["answer"]


def test_how_much_the_months_varied_names_the_highest_and_lowest(engine, records):
    r = planner_answer(engine, "Hvor mye varierte antall saker per måned i 2024? Hvilken måned hadde flest og hvilken færrest?")
    counts = _per_month(records, 2024)
    i, n = r["columns"].index("month"), r["columns"].index("tickets")
    assert {row[i]: row[n] for row in r["rows"]} == counts  # the whole series, not the top month alone
    hi, lo = max(counts.values()), min(counts.values())
    top = [f"{MONTHS_NB[m - 1]} 2024" for m, k in counts.items() if k == hi]
    answer = r["answer"]
    assert all(t in answer.split("flest:")[1].split("færrest:")[0] for t in top), answer
    assert all(f"{MONTHS_NB[m - 1]} 2024" in answer.split("færrest:")[1] for m, k in counts.items() if k == lo), answer
    assert f"forskjell på {hi - lo} saker" in answer, answer


def test_the_month_ranked_first_is_named_in_words(engine, records):
    counts = _per_month(records, 2024)
    hi = max(counts.values())
    r = planner_answer(engine, "Which month in 2024 had the most tickets?")
    names = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December")
    assert {row[r["columns"].index("period")] for row in r["rows"]} == {
        f"{names[m - 1]} 2024" for m, k in counts.items() if k == hi}, r["answer"]


def test_two_years_against_each_other_give_the_difference_and_its_percent(engine, records):
    r = planner_answer(engine, "Hvor mange saker 2024 mot 2025?")
    a, b = _n(records, year=2024), _n(records, year=2025)
    row = dict(zip(r["columns"], r["rows"][-1]))
    assert (row["tickets"], row["change"], row["change_pct"]) == (b, b - a, round(100 * (b - a) / a, 1)), r["answer"]
    assert f"{round(100 * (b - a) / a, 1):.1f}".replace(".", ",") in r["answer"], r["answer"]


@pytest.mark.parametrize("question", [
    "How far did Q4 2024 deviate from the average quarter?",  # no ticket word: the warehouse holds only tickets
    "Kor mykje skilde talet på saker i 4. kvartal 2024 seg frå snittet per kvartal?",
    "Hvor mye avvek antall saker i 4. kvartal 2024 fra et gjennomsnittlig kvartal?",
])
def test_how_far_a_period_deviated_from_the_average_gives_the_difference(engine, records, question):
    r = planner_answer(engine, question)
    quarters: dict[tuple[int, int], int] = {}
    for _, c, _, _ in records:
        quarters[(c.year, (c.month + 2) // 3)] = quarters.get((c.year, (c.month + 2) // 3), 0) + 1
    n, exact = quarters[(2024, 4)], sum(quarters.values()) / len(quarters)
    # (two decimals: a mean of counts over quarters ends in .25 or .75)
    # the difference and its percent are figures of the answer too, from the unrounded average
    # (and the size of the difference, whichever way: "how far" asks that)
    assert r["rows"] == [[n, pytest.approx(exact, abs=0.005), pytest.approx(n - exact, abs=0.005),
                          pytest.approx(round(100 * (n - exact) / exact, 1)),
                          pytest.approx(abs(n - exact), abs=0.005)]], r["answer"]
    pct = f"{abs(100 * (n - exact) / exact):.1f}"
    assert pct in r["answer"] or pct.replace(".", ",") in r["answer"], (pct, r["answer"])


@pytest.mark.parametrize("question, year", [
    ("Kor mange saker vart opna att i 2024?", 2024),
    ("Kor mange saker vart opna på nytt i 2025?", 2025),
    ("Hvor mange saker ble gjenopna i 2024?", 2024),
    ("How many tickets were reopened after being resolved in 2025?", 2025),
    ("Hur många ärenden återöppnades 2024?", 2024),
    ("How many tickets were opened again in 2024?", 2024),
    # a mailbox desk's closing is its archiving: "opened again after they were archived"
    ("Kor mange saker vart opna igjen etter at dei var arkiverte i 2024?", 2024),
    ("How many tickets were reopened after being archived in 2025?", 2025),
])
def test_reopened_in_every_language_is_the_reopen_measure(engine, records, question, year):
    # only the Norwegian export counts its reopenings: its tickets reopened, and the others said to record none
    r = planner_answer(engine, question)
    assert r["family"] == "ticket_rates", r["answer"]
    assert r["rows"][0][1:] == [_n(records, "pureservice", year, reopened=True), _n(records, "pureservice", year)]
    assert "zendesk_tickets.json" in r["answer"], r["answer"]
    r = planner_answer(engine, "How many Freshdesk tickets were reopened?", status="unanswerable")
    assert "freshdesk_tickets.csv" in r["answer"] and "pureservice_saker.csv" in r["answer"], r["answer"]


def _in_category(records, system, word, year=None):
    return sum(1 for s, c, _, f in records if s == system and (year is None or c.year == year)
               and word in f.get("cat", ()))


@pytest.mark.parametrize("question, word, systems, year", [
    ("Kor mange saker gjaldt Visma i Pureservice og Easit til saman?", "Visma", ("pureservice", "easit"), None),
    ("Hvor mange saker gjaldt Fagsystem i 2025?", "Fagsystem", ("pureservice", "easit"), 2025),
    ("Hvor mange saker i kategorien Programvare?", "Programvare", ("pureservice", "easit"), None),
    ("Hvor mange saker gjaldt Passord?", "Passord", ("easit",), None),  # only a part of a path
    ("How many tickets were about Visma in 2024?", "Visma", ("pureservice", "easit"), 2024),
])
def test_a_category_value_is_counted_in_every_level_of_every_export(engine, records, question, word, systems, year):
    # one export holds it in one of three category columns, the other as a part of a path
    r = planner_answer(engine, question)
    per_export = {}
    for export, _level, n, _total in r["rows"]:
        per_export[export] = per_export.get(export, 0) + n
    files = {"pureservice": "pureservice_saker.csv", "easit": "easit_arenden.csv"}
    assert per_export == {files[s]: _in_category(records, s, word, year) for s in systems}, r["answer"]
    total = sum(per_export.values())
    assert {row[3] for row in r["rows"]} == {total}  # the total over every export, in the rows too
    assert str(total) in r["answer"].replace("\u00a0", ""), r["answer"]


@pytest.mark.parametrize("question", ["Sammenlign antall saker i Easit og Freshdesk i 2025",
                                      "Compare the number of tickets in Easit and Freshdesk in 2025"])
def test_two_exports_compared_give_one_count_each(engine, records, question):
    # two exports named with a comparison: each export's count, never their sum alone (the sum follows as its own row)
    r = planner_answer(engine, question)
    got = {row[0]: row[-1] for row in r["rows"]}
    easit, freshdesk = _n(records, "easit", 2025), _n(records, "freshdesk", 2025)
    per_export = {k: v for k, v in got.items() if "easit" in k or "freshdesk" in k}
    assert sorted(per_export.values()) == sorted([easit, freshdesk]) and len(per_export) == 2, r["answer"]
    (total_label, total), = ((k, v) for k, v in got.items() if k not in per_export)  # "til sammen" / "in all"
    assert total_label in ("til sammen", "in all") and total == easit + freshdesk, r["answer"]


def test_a_category_level_header_is_no_free_column_unless_written_whole(engine, records):
    # «Kategori 2» is a category level of the Norwegian export: "i kategorien" names the category, never the count of
    # tickets whose «Kategori 2» is filled
    r = planner_answer(engine, "Hvor mange saker i kategorien Programvare i Pureservice?")
    assert "Kategori 2" not in r["answer"], r["answer"]
    assert r["rows"][0][-1] == _n(records, "pureservice") - sum(
        1 for s, _, _, f in records if s == "pureservice" and f["cat"][0] != "Programvare"), r["answer"]
    # the level's own header written whole names that column
    r = planner_answer(engine, "Fordel sakene i Pureservice etter Kategori 2")
    got = {row[0]: row[-1] for row in r["rows"]}
    want = {}
    for s, _, _, f in records:
        if s == "pureservice":
            want[f["cat"][1]] = want.get(f["cat"][1], 0) + 1
    assert got == want, r["answer"]
