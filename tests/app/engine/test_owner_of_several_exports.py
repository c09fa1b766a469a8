"""An owner with several exports of its own (its HR/payroll desk and its IT desk: ostby_hr_lonn_….csv and
ostby_ikt_….csv beside another owner's export of another system): the owner's name names all of its exports, a word naming one of them
("lønnsservicen", "IKT") narrows to that one, and no export is said to be missing. Three invented exports refreshed
through the real loaders; every expected figure is counted here from the rows written."""
from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from tests.app.engine.conftest import planner_answer, write_csv


def _make(folder):
    hr = [{"Saksnr": str(50000 + n), "Registrert": f"{datetime(2023, 1, 3, 9) + timedelta(hours=31 * n):%d.%m.%Y %H:%M}",
           "Kategori": ("Lønn", "Fravær", "Reiseregning")[n % 3], "Status": "Lukket"} for n in range(200)]
    it = [{"Ref": f"R-{n:06d}", "Opened": f"{datetime(2023, 2, 1, 8) + timedelta(hours=43 * n):%Y-%m-%d %H:%M}",
           "Category": ("Klient", "Nett")[n % 2], "State": "Closed"} for n in range(150)]
    other = [{"Id": f"V-{n:05d}", "Created": f"{datetime(2023, 1, 5, 8) + timedelta(hours=53 * n):%Y-%m-%d %H:%M}",
              "Type": "Klient", "Status": "Closed"} for n in range(120)]
    write_csv(folder / "ostby_hr_lonn_saker.csv", hr)
    write_csv(folder / "ostby_ikt_requests.csv", it, ",")
    write_csv(folder / "vestby_ikt_requests.csv", other, ",")
    return hr, it, other


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    folder = tmp_path_factory.mktemp("owner-exports")
    return folder, _make(folder)


@pytest.fixture(scope="module")
def engine(made, engine_over_exports):
    return engine_over_exports(made[0], "owner-exports")


def _in_2023(rows, key):
    return sum(1 for r in rows if "2023" in r[key][:10])


def test_the_owners_name_names_all_its_exports(engine, made):
    hr, it, _ = made[1]
    r = planner_answer(engine, "Hvor mange saker hadde Østby i 2023?")
    values = [v for row in r["rows"] for v in row if isinstance(v, int)]
    assert _in_2023(hr, "Registrert") + _in_2023(it, "Opened") in values, r["answer"]
    assert "vestby" not in r["answer"]


@pytest.mark.parametrize("desk", ["lønnsservicen", "HR- og lønnsservicen"])
def test_a_word_naming_one_of_them_narrows_to_it(engine, made, desk):
    hr, _, _ = made[1]
    r = planner_answer(engine, f"Hvor mange saker hadde {desk} i Østby kommune i 2023?")
    assert r["rows"][0][0] == _in_2023(hr, "Registrert"), r["answer"]
    assert "kategori" not in r["answer"]


def test_a_short_name_in_capitals_joined_to_a_ticket_noun_names_its_export(engine, made):
    hr, _, _ = made[1]
    r = planner_answer(engine, "Hvor mange HR-saker hadde Østby i 2023?")
    assert r["rows"][0][0] == _in_2023(hr, "Registrert"), r["answer"]


def test_a_share_of_the_owners_exports_is_one_share_never_counts_per_export(engine, made):
    hr, it, _ = made[1]
    lonn = sum(1 for r in hr if "2023" in r["Registrert"][:10] and r["Kategori"] == "Lønn")
    r = planner_answer(engine, "Hvor stor andel av sakene i Østby i 2023 var i kategorien Lønn?")
    assert "kildesystem" not in r["answer"], r["answer"]
    share = r["rows"][0][-1]
    assert share in (round(100 * lonn / _in_2023(hr, "Registrert"), 1),
                     round(100 * lonn / (_in_2023(hr, "Registrert") + _in_2023(it, "Opened")), 1)), r["answer"]
