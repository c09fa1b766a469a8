"""Two invented ticket exports, refreshed through the real loaders:
- a payroll desk's CSV whose file name has the word for pay ("lonn"), with categories «Lønn», «Reiseregning» and
  «HR-systemer»;
- an IT company's CSV with categories «Nettverk», «Printer», «Programvare», a channel (one of them the portal) and
  three municipalities as customers.

Mechanisms:
- a question word that is a value written into a ticket noun ("lønnssaker", "nettverkssaker") filters on that value,
  even when the export's own name has the word; a ticket noun after a name ("HR-saker") that is no whole value filters
  nothing;
- a range of years written as one ("2023-2024", "from 2023 to 2024") in a share or count keeps each year's row and adds
  a pooled row for the whole range; a change over it keeps its per-year change;
- "over snittet" / "above the average": the member's figure and the reference average beside it, with above/below.

Every expected figure is computed here from the rows written here."""
from __future__ import annotations

from datetime import datetime, timedelta
from statistics import mean

import pytest

from tests.app.engine.conftest import planner_answer, write_csv

PAY_CATEGORIES = ("Lønn", "Reiseregning", "Lønn", "HR-systemer", "Reiseregning")
IT_CATEGORIES = ("Nettverk", "Printer", "Programvare", "Programvare")
# (the IT company's own body logs tickets of its own: it is no member of its customers)
CUSTOMERS = ("Almvik kommune", "Berg kommune", "Almvik kommune", "Dalen kommune", "Berg kommune", "Fjellby IKT")
CHANNELS = ("Portal", "E-post", "Telefon")
PRIORITIES = ("Høy", "Normal", "Lav", "Normal")
FMT = "%d.%m.%Y %H:%M"


def _make(folder):
    pay = []
    for n in range(150):
        created = datetime(2023, 1, 4, 9) + timedelta(hours=113 * n)
        pay.append({"Saksnr": str(700 + n), "Opprettet": f"{created:{FMT}}",
                    "Løst": f"{created + timedelta(hours=2 + n % 9):{FMT}}", "Status": "Lukket",
                    "Prioritet": PRIORITIES[n % 4], "Kategori": PAY_CATEGORIES[n % 5]})
    write_csv(folder / "lonnsdesk_tindvik_lonn_hr.csv", pay)
    it = []
    for n in range(220):
        created = datetime(2023, 1, 3, 8) + timedelta(hours=79 * n)
        it.append({"Saksnr": str(9000 + n), "Opprettet": f"{created:{FMT}}",
                   "Løst": f"{created + timedelta(hours=1 + (n * 7) % 40):{FMT}}", "Status": "Lukket",
                   "Prioritet": PRIORITIES[(n * 3) % 4], "Kategori": IT_CATEGORIES[n % 4],
                   "Kunde": CUSTOMERS[n % 6], "Kanal": CHANNELS[n % 3]})
    write_csv(folder / "itdesk_fjellby_ikt.csv", it)
    return pay, it


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    folder = tmp_path_factory.mktemp("compounds-spans")
    return folder, _make(folder)


@pytest.fixture(scope="module")
def engine(made, engine_over_exports):
    return engine_over_exports(made[0], "compounds-spans")


def _year(row) -> int:
    return datetime.strptime(row["Opprettet"], FMT).year


def _hours(row) -> float:
    return (datetime.strptime(row["Løst"], FMT) - datetime.strptime(row["Opprettet"], FMT)).total_seconds() / 3600


def _numbers(rows) -> list[float]:
    return [float(c) for r in rows for c in r if isinstance(c, (int, float)) and not isinstance(c, bool)]


def _shown(value: float, rows) -> bool:
    """The figure is a cell of the rows, within the rounding of two decimals (SQL rounds a half up)."""
    return any(abs(x - value) <= 0.011 for x in _numbers(rows))


def test_a_value_written_into_the_ticket_noun_filters_on_it(engine, made):
    pay, it = made[1]
    # "lønn" also names the payroll export: the word names the value «Lønn» of that export
    r = planner_answer(engine, "Hvor mange lønnssaker hadde Tindvik i 2024?")
    expected = sum(1 for t in pay if t["Kategori"] == "Lønn" and _year(t) == 2024)
    assert [row[-1] for row in r["rows"]] == [expected], r["answer"]
    assert "Lønn" in r["interpretation"]
    # "nettverkssaker": the category «Nettverk», no other field whose word only begins the compound
    r = planner_answer(engine, "Hvor mange nettverkssaker hadde Fjellby IKT i 2024?")
    expected = sum(1 for t in it if t["Kategori"] == "Nettverk" and _year(t) == 2024)
    assert [row[-1] for row in r["rows"]] == [expected], r["answer"]
    assert "Nettverk" in r["interpretation"] and "portal" not in r["interpretation"].lower()


def test_a_ticket_noun_after_a_name_that_is_no_value_filters_nothing(engine, made):
    pay, _ = made[1]
    # «HR-systemer» is no value "HR": the HR desk's tickets, every category
    r = planner_answer(engine, "Hvor mange HR-saker hadde Tindvik i 2024?")
    assert [row[-1] for row in r["rows"]] == [sum(1 for t in pay if _year(t) == 2024)], r["answer"]


def test_a_change_over_a_range_keeps_its_per_year_change(engine, made):
    pay, _ = made[1]
    r = planner_answer(engine, "Endring i antall lønnssaker i Tindvik fra 2023 til 2024")
    counts = [sum(1 for t in pay if t["Kategori"] == "Lønn" and _year(t) == y) for y in (2023, 2024)]
    assert [row[1] for row in r["rows"]] == counts, r["answer"]
    assert counts[1] - counts[0] in _numbers(r["rows"])
    assert not any("samlet" in str(c) for row in r["rows"] for c in row)


def test_a_share_over_a_range_of_years_has_each_year_and_the_range_pooled(engine, made):
    _, it = made[1]
    r = planner_answer(engine, "Hvor stor andel av sakene hos Fjellby IKT hadde prioritet Høy i 2023-2024?")
    shares = []
    for years in ((2023,), (2024,), (2023, 2024)):
        rows = [t for t in it if _year(t) in years]
        shares.append(round(100 * sum(t["Prioritet"] == "Høy" for t in rows) / len(rows), 1))
    got = {row[-1]: row[-2] for row in r["rows"]}
    assert got == {"2023": shares[0], "2024": shares[1], "2023–2024 samlet": shares[2]}, r["answer"]
    assert "2023–2024 samlet" in r["interpretation"] and "2023–2024 samlet" in r["answer"]


def test_a_count_over_a_range_of_years_has_each_year_and_the_range_pooled(engine, made):
    _, it = made[1]
    r = planner_answer(engine, "How many tickets did Fjellby IKT have from 2023 to 2024?")
    counts = [sum(1 for t in it if _year(t) == y) for y in (2023, 2024)]
    assert {row[-1]: row[1] for row in r["rows"]} == {"2023": counts[0], "2024": counts[1],
                                                        "2023–2024 combined": sum(counts)}, r["answer"]
    # years named without a range: the years alone
    r = planner_answer(engine, "Hvor mange saker hadde Fjellby IKT i 2023 og 2024?")
    assert [row[1] for row in r["rows"]] == counts, r["answer"]


def test_a_customer_above_the_average_gets_its_count_and_the_mean_per_customer(engine, made):
    _, it = made[1]
    r = planner_answer(engine, "Ligger Almvik kommune over snittet i antall saker hos Fjellby IKT i 2024?")
    per_customer = {c: sum(1 for t in it if t["Kunde"] == c and _year(t) == 2024) for c in set(CUSTOMERS)
                    if c != "Fjellby IKT"}
    average = mean(per_customer.values())
    numbers = _numbers(r["rows"])
    assert per_customer["Almvik kommune"] in numbers and round(average, 2) in numbers, r["answer"]
    word = "over" if per_customer["Almvik kommune"] > average else "under"
    assert f"altså {word} gjennomsnittet" in r["answer"]


@pytest.mark.parametrize("question", [
    "Dalen kommune sine saker hos Fjellby IKT i 2024 sammenlignet med snittet for de tre medlemskommunene",
    "Dalen kommune 2024 sammenlignet med snittet per medlemskommune",
    "Is Dalen kommune above the average member in 2024?",
])
def test_the_members_a_mean_is_over_are_no_breakdown_and_the_desks_own_body_is_none_of_them(engine, made, question):
    _, it = made[1]
    r = planner_answer(engine, question)
    per_customer = {c: sum(1 for t in it if t["Kunde"] == c and _year(t) == 2024) for c in set(CUSTOMERS)}
    members = {c: n for c, n in per_customer.items() if c != "Fjellby IKT"}
    numbers = _numbers(r["rows"])
    assert members["Dalen kommune"] in numbers and round(mean(members.values()), 2) in numbers, r["answer"]
    assert round(mean(per_customer.values()), 2) not in numbers, r["answer"]
    assert "Fjellby IKT" in r["answer"], r["answer"]  # the body left out is named


def test_a_member_above_the_average_resolution_time_gets_the_overall_figure_beside_it(engine, made):
    _, it = made[1]
    r = planner_answer(engine, "Ligger Berg kommune over snittet i løsningstid hos Fjellby IKT i 2024?")
    rows_2024 = [t for t in it if _year(t) == 2024]
    own = round(mean(_hours(t) for t in rows_2024 if t["Kunde"] == "Berg kommune"), 2)
    overall = round(mean(_hours(t) for t in rows_2024), 2)
    assert _shown(own, r["rows"]) and _shown(overall, r["rows"]), r["answer"]
    assert ("over snittet" if own > overall else "under snittet") in r["answer"]
    # a category named by its compound, in English: the category's figure and every ticket's
    r = planner_answer(engine, "Is the average resolution time of Printer tickets at Fjellby IKT above average in 2024?")
    own = round(mean(_hours(t) for t in rows_2024 if t["Kategori"] == "Printer"), 2)
    assert _shown(own, r["rows"]) and _shown(overall, r["rows"]), r["answer"]


def test_a_quarter_against_the_average_is_still_the_mean_of_the_quarters(engine, made):
    _, it = made[1]
    r = planner_answer(engine, "Hvor mange saker hadde Fjellby IKT i 3. kvartal 2024 sammenlignet med snittet?")
    q3 = sum(1 for t in it if _year(t) == 2024 and datetime.strptime(t["Opprettet"], FMT).month in (7, 8, 9))
    assert r["rows"][0][0] == q3, r["answer"]
    assert "kvartal" in r["interpretation"]
