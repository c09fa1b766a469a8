"""A sentence of the running text is no table row: a line whose words before its last figures state a figure of their
own in a finite clause (a verb, a figure inside the words, a full stop after the figures or a verb's clause after a
comma) keeps its figures for the prose reader; the short noun phrases that label a table's rows, a figure inside them
or not, stay rows. Invented, name-free reports in nynorsk, bokmål, Swedish and Danish."""
from __future__ import annotations

import pytest

from flows.reports.document import read_cells


def _read(text: str):
    return read_cells("side.txt", text.encode("utf-8"))


def _rows(text: str) -> dict[tuple[str, str], float]:
    return {(c.row_label, c.column_label): c.value for c in _read(text).cells}


@pytest.mark.parametrize("line", [
    "Lånegjelda utgjer kr 91 240 pr. innbyggar, gjennomsnittet for landet er kr 80 110.",
    "Skulane hadde 45 elevar per klasse, medan fylket hadde 38.",
    "Kommunen har 4 200 innbyggjarar, og folketalet auka med 45.",
    "Skatteinngangen er kr 12 345 per innbygger, landet har snitt kr 11 000.",
    "Skulden är 91 240 kr per invånare i kommunen, mot rikets snitt 80 110.",
    "Sygefraværet var 6,1 procent i 2031 mod 5,9.",
])
def test_a_sentence_stating_figures_is_no_row(line):
    text = f"Økonomi\n\nNetto driftsresultat vart 14,2 mill. kr i 2031, betre enn budsjettert.\n{line}\n"
    found = _read(text)
    assert not found.cells, [(c.row_label, c.column_label, c.printed) for c in found.cells]


def test_the_sentence_keeps_its_figures_for_the_prose_reader():
    text = "Økonomi\n\nLånegjelda utgjer kr 91 240 pr. innbyggar, gjennomsnittet for landet er kr 80 110.\n"
    values = {f.value for f in _read(text).figures}
    assert 91_240 in values and 80_110 in values


def test_a_sentence_ending_in_a_verb_and_a_currency_word_is_no_row():
    # "... er kr" closing the words before the figure: the figure completes the clause
    assert not _rows("Tekst   2031   2030\nSkatt   12 345   11 000\nSkatteinngangen i året er kr   12 345   11 000\n").get(
        ("Skatteinngangen i året er kr", "2031"))


def test_row_labels_with_a_figure_or_a_verb_inside_stay_rows():
    text = ("Nøkkeltal   Kommunen 2031   Landet 2031\n"
            "Andel elevar som er mobba 2-3 gonger i månaden   5,1   4,8\n"
            "Elevar som er 16 år, del av alle   6,2   5,9\n"
            "Barn 1-5 år med barnehageplass, andel   90,1   91,2\n"
            "Netto lånegjeld i kroner per innbyggar   91 240   80 110\n")
    rows = _rows(text)
    assert rows[("Andel elevar som er mobba 2-3 gonger i månaden", "Kommunen 2031")] == 5.1
    assert rows[("Elevar som er 16 år, del av alle", "Landet 2031")] == 5.9
    assert rows[("Barn 1-5 år med barnehageplass, andel", "Kommunen 2031")] == 90.1
    assert rows[("Netto lånegjeld i kroner per innbyggar", "Landet 2031")] == 80_110


def test_rows_naming_the_country_stay_rows():
    # "landet" closing a row label is the country, no verb the figure completes ("Resultatet landet på 12 300" is)
    text = ("Frie inntekter per innbyggar\n"
            "Område   2031   2030\n"
            "Kommunen   61 200   59 800\n"
            "Hele landet   58 100   56 900\n"
            "Landet uten Oslo   55 132   53 601\n"
            "Snitt for hele landet   57 000   55 500\n"
            "Gjennomsnitt for landet   57 100   55 600\n")
    rows = _rows(text)
    assert rows[("Hele landet", "2031")] == 58_100
    assert rows[("Landet uten Oslo", "2030")] == 53_601
    assert rows[("Snitt for hele landet", "2031")] == 57_000
    assert rows[("Gjennomsnitt for landet", "2030")] == 55_600


def test_a_clause_ending_in_landet_paa_is_no_row():
    text = "Økonomi\n\nKommunen   61 200\nDriftsresultatet for året landet på   12 300\n"
    assert not any(label.startswith("Driftsresultatet") for label, _ in _rows(text))
