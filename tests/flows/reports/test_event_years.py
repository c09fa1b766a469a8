"""Years of events in running text (flows.reports.event_years): each event word (founded, converted, opened, first
year of operation, merged, "since") takes the nearest year written after it in its clause, else the one just before
it; "since" only the year after it; a date's two-digit year is read in the report's century. Invented sentences in
bokmål, nynorsk, Swedish and English; a year that no event word names is no event."""
from __future__ import annotations

import pytest

from flows.reports.document import read_cells
from flows.reports.event_years import event_kinds, event_years, last_event_kind


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Selskapet ble stiftet 6. november 1995, og hadde sitt første driftsår i 1996.",
     [(1995, "founded"), (1996, "started")]),
    ("Selskapet vart skipa i 1988 og slege saman med nabokommunen sitt selskap i 2016.",
     [(1988, "founded"), (2016, "merged")]),
    ("Eksempel Renovasjon ble den 12.02.04, etter at alle eierkommunene hadde vedtatt ny avtale, omdannet til IKS.",
     [(2004, "converted")]),
    ("Hvert år siden 2001 har vi brukt kommuneblomsten på forsiden.", [(2001, "since")]),
    ("Bolaget bildades 2003 och öppnade sin första anläggning 2005.", [(2003, "founded"), (2005, "opened")]),
    ("The company was founded in 1998 and merged with its neighbour in 2016.", [(1998, "founded"), (2016, "merged")]),
])
def test_each_event_word_takes_its_year(sentence, expected):
    found = event_years(sentence, 1, 1, 2024)
    assert [(int(f.value), last_event_kind(f.topic)) for f in found] == expected
    assert all(f.unit == "year" for f in found)


@pytest.mark.parametrize("sentence", [
    "Sykefraværet var 6,2 % i 2021, mot 5,9 % i 2020.",
    "Sykefraværet har gått ned fra 7,1 % i 2019 til 6,2 % i 2021 siden tiltakene startet.",
    "Driftsinntektene var 123,4 mill. kr i 2023.",
])
def test_a_year_no_event_word_names_is_no_event(sentence):
    assert event_years(sentence, 1, 1, 2023) == []


def test_when_questions_name_the_kind_of_event():
    assert event_kinds("Når ble selskapet stiftet?") == {"founded"}
    assert event_kinds("When was it founded, and what was its first year of operation?") == {"founded", "started"}
    assert event_kinds("Kva år vart det omdanna til IKS?") == {"converted"}
    assert event_kinds("Hva var sykefraværet i 2023?") == set()


def test_event_years_come_with_the_reports_figures_but_are_no_figures_of_a_measure(tmp_path):
    path = tmp_path / "arsmelding-2024.txt"
    path.write_text("Årsmelding 2024\n\nOm selskapet\n\nSelskapet ble stiftet i 1995. Sykefraværet var 5,1 % i 2024.\n",
                    encoding="utf-8")
    figures = read_cells(path).figures
    assert [(f.value, f.unit) for f in figures if f.unit == "year"] == [(1995.0, "year")]
    assert (5.1, "pct") in [(f.value, f.unit) for f in figures]


@pytest.mark.parametrize(("sentence", "value"), [
    ("I 2031 leverte Eksempel IKS, etablert i 2005, tjenester til de seks eierkommunene.", 6.0),
    ("Selskapet vart skipa i 1998 og har i dag 42 tilsette.", 42.0),
])
def test_the_year_an_organisation_was_founded_dates_none_of_its_figures(tmp_path, sentence, value):
    path = tmp_path / "arsmelding-2031.txt"
    path.write_text(f"Årsmelding 2031\n\nOm selskapet\n\n{sentence}\n", encoding="utf-8")
    dated = [(f.value, f.year) for f in read_cells(path).figures if f.unit != "year"]
    assert (value, 2031) in dated
