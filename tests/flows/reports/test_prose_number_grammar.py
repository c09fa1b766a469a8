"""Figures stated in sentences in the shapes reports print them: a comparison in parentheses before the unit both share
("954,1 (915,6) mill. kroner"), a range whose unit follows its upper end ("80-100 mio. kr."), the currency word before
the number ("kroner 1.595.909"), a list of label lines each followed by its figure line, a figure opening a sentence the
text ran on from the one before, and a share stated of the figure of the sentence before ("Det tilsvarer 16,4 prosent
av brutto driftsinntekter"). Invented text, read end to end."""
from __future__ import annotations

from flows.reports.document import read_cells


def _figures(tmp_path, text: str):
    path = tmp_path / "arsmelding-2031.txt"
    path.write_text(f"Årsmelding 2031\n\nØkonomi\n\n{text}\n", encoding="utf-8")
    return read_cells(path).figures


def test_a_comparison_in_parentheses_shares_the_unit_printed_after_it(tmp_path):
    figures = _figures(tmp_path, "Sum utgift på tjenesteområdene 812,4 (790,2) mill. kroner i 2031.")
    current = [f for f in figures if f.printed.startswith("812,4")]
    assert [(f.value, f.unit, f.year) for f in current] == [(812_400_000, "nok", 2031)]
    before = [f for f in figures if f.printed.startswith("790,2")]
    # the parenthesis states last year's figure, in millions too; the text does not say its year, so it is no 2031 figure
    assert [(f.value, f.unit) for f in before] == [(790_200_000, "nok")]
    assert before[0].year != 2031


def test_both_ends_of_a_range_take_the_unit_after_it(tmp_path):
    figures = _figures(tmp_path, "Målet er en disponibel kassebeholdning i intervallet 40-60 mio. kr.")
    values = sorted((f.value, f.unit) for f in figures)
    assert values == [(40_000_000, "nok"), (60_000_000, "nok")]
    assert len({f.topic for f in figures}) == 1 and "kassebeholdning" in figures[0].topic


def test_a_range_of_percents(tmp_path):
    figures = _figures(tmp_path, "Sjukefråværet låg mellom 5-7 % gjennom heile 2031.")
    assert sorted((f.value, f.unit) for f in figures) == [(5, "pct"), (7, "pct")]


def test_the_currency_word_before_a_dot_grouped_amount(tmp_path):
    figures = _figures(tmp_path, "Rekneskapsmessig mindreforbruk var på kroner 2.468.135.")
    assert [(f.value, f.unit) for f in figures] == [(2_468_135, "nok")]
    assert "mindreforbruk" in figures[0].topic.lower()


def test_the_currency_word_before_a_year_states_no_amount(tmp_path):
    figures = _figures(tmp_path, "Tabellen viser beløp i kroner 2031 for alle tenesteområda.")
    assert not [f for f in figures if f.unit == "nok"]


def test_a_label_line_followed_by_its_figure_line():
    from flows.reports.prose import ProseLine, prose_figures, sentences

    texts = ["Resultatet er sammensatt slik:", "", "", "merforbruk i tjenestene", "-3,4 mill. kr",
             "mindreinntekter utbytte", "-1,9 mill. kr"]
    lines = [ProseLine(page=1, number=k, text=t) for k, t in enumerate(texts)]
    figures = {f.value: f.topic for f in prose_figures(sentences(lines), 2031)}
    assert "tjenestene" in figures[-3_400_000]
    assert "utbytte" in figures[-1_900_000] and "tjenestene" not in figures[-1_900_000]


def test_a_figure_opening_a_run_on_sentence_is_about_the_words_after_it(tmp_path):
    figures = _figures(tmp_path, "Salget av aksjene gav en gevinst på 6 millioner. 2,31 milliarder i inntekter 2031")
    income = [f for f in figures if f.value == 2_310_000_000]
    assert income and "inntekter" in income[0].topic and "gevinst" not in income[0].topic


def test_a_share_stated_of_the_figure_before(tmp_path):
    figures = _figures(tmp_path, "Kommunen har et disposisjonsfond på 212 millioner kroner. Det tilsvarer 9,8 prosent "
                                 "av brutto driftsinntekter. Fondet vokste med 4,2 prosent.")
    share = [f for f in figures if f.value == 9.8]
    assert share and "disposisjonsfond" in share[0].topic and "driftsinntekter" in share[0].topic
    grew = [f for f in figures if f.value == 4.2]
    assert grew and "disposisjonsfond" not in grew[0].topic  # a sentence of its own, no anaphor


def test_a_sentence_without_an_anaphor_keeps_its_own_words(tmp_path):
    figures = _figures(tmp_path, "Kommunen har et disposisjonsfond på 212 millioner kroner. Lønnsutgiftene tilsvarer "
                                 "52 prosent av inntektene.")
    share = [f for f in figures if f.value == 52]
    assert share and "disposisjonsfond" not in share[0].topic
