"""Danish and Swedish column heads and scale words map to the same scenarios and scales (invented examples)."""
from __future__ import annotations

import pytest

from flows.reports.document import read_cells
from flows.reports.layout.headers import scenario_of
from flows.reports.layout.scale import scale_of


@pytest.mark.parametrize("head,scenario", [
    ("Regnskab 2030", "actual"), ("Forbrug", "actual"), ("Bokslut 2029", "actual"), ("Utfall", "actual"),
    ("Budget", "budget"), ("Prognos", "budget"), ("Forventet regnskab", "budget"),
    ("Korrigeret budget", "revised_budget"), ("Justerad budget", "revised_budget"), ("Reviderad budget", "revised_budget"),
    ("Oprindeligt budget", "original_budget"), ("Vedtaget budget", "original_budget"),
    ("Afvigelse", "variance"), ("Avvikelse", "variance"), ("Budgetavvikelse", "variance"), ("Budget-avvikelse", "variance"), ("Differens", "variance"),
    ("Afvigelse i %", "variance_pct"), ("Avvikelse %", "variance_pct"), ("Avvikelse i procent", "variance_pct"),
    ("Utfall föregående år", "prior_year"), ("Regnskab foregående år", "prior_year"),
    ("Overslag 2032", "budget"), ("Budgetoverslagsår 2033", "budget"), ("Mer-/mindreforbrug", "variance"),
])
def test_nordic_heads_name_the_scenarios_of_the_norwegian_ones(head, scenario):
    assert scenario_of(head) == scenario


@pytest.mark.parametrize("head,scenario", [
    ("2031 Av-vikelse", "variance"), ("Regn-skap 2031", "actual"), ("Bud-sjett 2031", "budget"),
    ("Av\u00advik", "variance"), ("Kost-nader", "other"), ("Intäk-ter 2031", "other"),
])
def test_a_head_word_broken_by_a_hyphen_names_what_the_whole_word_names(head, scenario):
    assert scenario_of(head) == scenario


@pytest.mark.parametrize("text,scale", [
    ("Beløb i mio. kr.", 1e6), ("mio. kr", 1e6), ("Beløb i 1.000 kr.", 1e3), ("1.000 kr", 1e3), ("t.kr.", 1e3),
    ("mia. kr.", 1e9), ("mnkr", 1e6), ("Belopp i tkr", 1e3), ("Belopp i miljoner kronor", 1e6), ("Beløb i kr.", 1.0),
])
def test_nordic_scale_words(text, scale):
    assert scale_of(text)[0] == scale


def _cells(tmp_path, name: str, text: str) -> dict[tuple[str, str], tuple[str, float]]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return {(c.row_label, c.column_label): (c.scenario, c.value) for c in read_cells(path).cells}


def test_a_danish_markdown_table_reads_every_cell_with_its_scenario_and_scale(tmp_path):
    cells = _cells(tmp_path, "regnskab.md", "\n".join([
        "# Regnskab", "", "Beløb i 1.000 kr.", "",
        "| Udvalg | Forbrug 2030 | Korrigeret budget 2030 | Afvigelse | Afvigelse i % |",
        "|---|---|---|---|---|",
        "| Børn og skole | 412.300 | 405.000 | -7.300 | -1,8 |",
        "| Natur og vej | 98.750 | 101.000 | 2.250 | 2,2 |", ""]))
    assert len(cells) == 8
    assert cells[("Børn og skole", "Forbrug 2030")] == ("actual", 412_300_000)
    assert cells[("Børn og skole", "Korrigeret budget 2030")] == ("revised_budget", 405_000_000)
    assert cells[("Natur og vej", "Afvigelse")] == ("variance", 2_250_000)
    assert cells[("Natur og vej", "Afvigelse i %")] == ("variance_pct", 2.2)


def test_a_swedish_markdown_table_reads_every_cell_with_its_scenario_and_scale(tmp_path):
    cells = _cells(tmp_path, "driftsredovisning.md", "\n".join([
        "# Driftsredovisning", "",
        "| Nämnd (mnkr) | Bokslut 2029 | Budget 2030 | Utfall 2030 | Avvikelse | Prognos 2031 |",
        "|---|---|---|---|---|---|",
        "| Fritidsnämnden | 45,2 | 47,0 | 46,1 | 0,9 | 48,0 |",
        "| Miljönämnden | 12,4 | 13,0 | 13,6 | -0,6 | 13,5 |", ""]))
    assert len(cells) == 10
    assert cells[("Fritidsnämnden", "Bokslut 2029")] == ("actual", pytest.approx(45_200_000))
    assert cells[("Miljönämnden", "Avvikelse")] == ("variance", pytest.approx(-600_000))
    assert cells[("Miljönämnden", "Prognos 2031")] == ("budget", pytest.approx(13_500_000))


def test_a_danish_plain_text_table_under_a_declared_scale(tmp_path):
    cells = _cells(tmp_path, "oversigt.txt", "\n".join([
        "Hovedoversigt", "", "Beløb i mio. kr.", "",
        "Område Regnskab 2029 Oprindeligt budget 2030 Regnskab 2030 Afvigelse",
        "Dagtilbud 310,2 320,0 316,9 3,1", "Ældreområdet 720,4 735,0 749,8 -14,8", ""]))
    assert cells[("Dagtilbud", "Regnskab 2029")] == ("actual", pytest.approx(310_200_000))
    assert cells[("Ældreområdet", "Oprindeligt budget 2030")] == ("original_budget", pytest.approx(735_000_000))
    assert not any(row.startswith("Beløb") for row, _ in cells)  # the declaration is no row
