"""The reader works a printed text out once (cached row splits, cells, number readings) and puts cheap word
tests before its patterns. A caller changing what it got back must not change what the next caller gets,
and a word test must never turn away a sentence or line its pattern would read."""
import re

import pytest

from flows.reports.metrics_tables import _may_name_years
from flows.reports.numbers import candidate_splits
from flows.reports.prose import Sentence, _mentions
from flows.reports.rows import row_parts
from flows.reports.stream import YEAR, Line


def test_a_lines_cells_are_a_fresh_list_every_time():
    line = Line(index=0, page=1, number=1, raw="Lønn | 16 194 | 17 122")
    cells = line.cells
    cells.append("")
    cells[0] = "changed"
    assert line.cells == ["Lønn", "16 194", "17 122"]


def test_row_parts_of_the_same_text_are_not_shared():
    first = Line(index=0, page=1, number=1, raw="Salgsinntekter | 1 800 | 1 500")
    again = Line(index=9, page=2, number=4, raw="Salgsinntekter | 1 800 | 1 500")
    _, values, _ = row_parts(first)
    values.append("")
    assert row_parts(again) == ("Salgsinntekter", ["1 800", "1 500"], "1 800 1 500")


def test_the_readings_of_a_row_survive_a_caller_that_trims_them():
    readings = candidate_splits("16 194 17 122 928 15 945", 4)
    best = readings[0]
    readings.clear()
    assert candidate_splits("16 194 17 122 928 15 945", 4)[0] == best
    assert best.values == (16194.0, 17122.0, 928.0, 15945.0)


def _sentence(text: str) -> Sentence:
    return Sentence(text=text, page=1, line=1, section=None, quarter=None)


# (the words a rule tests first, what its patterns in flows.reports.prose need of a sentence)
RULES = [
    (("årsverk", "åv", "ansatte", "tilsette", "personer med", "lærling", "bemanning", "antall"),
     r"(?i)(årsverk|ÅV)\b|(ansatte|tilsette|personer med til sammen|lærlinger|lærlingar)\b|bemanning|antall"),
    (("fravær", "sjukefråvær"), r"(?i)syke?fravær|sjukefråvær|fravær"),
    (("forbruk", "resultat"), r"(?i)forbruk|positivt resultat|negativt resultat|resultat som er"),
]
SENTENCES = [
    "Enheten hadde 14 ANSATTE og 12,5 ÅRSVERK ved utgangen av 2022.",
    "Sjukefråværet var 6,6 % i 2021.",
    "SYKEFRAVÆRET I 2020 VAR 4,7 %.",
    "Legemeldt fråvær for siste kvartal var 7,4 %.",  # "fråvær" alone: neither the pattern nor the test
    "Vi har 55 anſatte og 3 lærlingar.",  # a long s: IGNORECASE reads it as s, so must the word test
    "Regnskapet viser et mindreforbruk på kr 1,2 mill.",
    "Været var fint hele året.",
]


@pytest.mark.parametrize("words, pattern", RULES)
def test_a_rules_word_test_lets_through_every_sentence_its_pattern_reads(words, pattern):
    for text in SENTENCES:
        if re.search(pattern, text):
            assert _mentions(_sentence(text), words), text
    assert not _mentions(_sentence("Været var fint hele året."), words)


@pytest.mark.parametrize("raw", [
    "Nøkkeltall 2018 2019 2020",
    "NØKKELTAL | 2019 | 2020",
    "Antall saker 2020 2021",
    "Tal for år 2019 2020 2021",
])
def test_a_key_figure_header_passes_the_first_test(raw):
    line = Line(index=0, page=1, number=1, raw=raw)
    label, _, text = row_parts(line)
    years = re.findall(YEAR, text)
    assert len(years) >= 2 and " ".join(years) == " ".join(text.split())  # the header the detector reads
    assert re.search(r"nøkkeltall|nøkkeltal|\btal\b|antall|\bår\b", label, re.I)
    assert _may_name_years(line.text)


def test_a_line_with_one_year_is_no_key_figure_header():
    assert not _may_name_years("Sykefraværet var 4,7 % mot 5,1 % året før, i 2019")
