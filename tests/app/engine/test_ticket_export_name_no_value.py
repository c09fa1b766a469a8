"""A word that names an export by its file name ("HR og lønn i Askeby" of askeby_hr_lonn_saker.csv) is spent on the
export: a column of that export holding the same word as a value («Emne» = Lønn) is no filter, unless the question
writes the value after the column's header ("emne Lønn"). Two invented exports refreshed through the real loaders;
every expected figure is counted here from the rows written here."""
from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from tests.app.engine.conftest import planner_answer

SUBJECTS = ("Lønn", "Reise", "Lønn", "Permisjon", "Tilsetting")


def _make(folder):
    rows = ["Saksnummer;Opprettet;Emne;Status"]
    made = []
    for n in range(60):
        c = datetime(2024, 1, 2, 8) + timedelta(hours=97 * n)
        subject = SUBJECTS[n % len(SUBJECTS)]
        rows.append(f"CAS-{1000 + n};{c:%d.%m.%Y %H:%M};{subject};Løst")
        made.append((c, subject))
    (folder / "askeby_hr_lonn_saker.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    rows = ["Saksnr;Opprettet;Kategori;Status"]
    for n in range(40):
        c = datetime(2024, 1, 3, 9) + timedelta(hours=150 * n)
        rows.append(f"{500 + n};{c:%d.%m.%Y %H:%M};{('Nett', 'Utstyr')[n % 2]};Løst")
    (folder / "bergvik_ikt_saker.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return made


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    folder = tmp_path_factory.mktemp("export-name-no-value")
    return folder, _make(folder)


@pytest.fixture(scope="module")
def engine(made, engine_over_exports):
    return engine_over_exports(made[0], "export-name-no-value")


def test_the_export_named_by_a_value_word_counts_all_its_tickets(engine, made):
    tickets = made[1]
    in_2024 = [s for c, s in tickets if c.year == 2024]
    r = planner_answer(engine, "Hvor mange saker hadde HR og lønn i Askeby i 2024?")
    assert len(in_2024) in [v for row in r["rows"] for v in row if isinstance(v, int)], r["answer"]
    assert "Emne" not in r["answer"]


def test_the_value_written_after_its_header_still_filters(engine, made):
    lonn = [s for c, s in made[1] if c.year == 2024 and s == "Lønn"]
    r = planner_answer(engine, "Hvor mange saker med emne Lønn hadde HR og lønn i Askeby i 2024?")
    assert r["rows"][0][0] == len(lonn), r["answer"]
