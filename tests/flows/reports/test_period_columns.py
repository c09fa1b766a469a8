"""Column heads naming a part of the year (quarters, tertials, half years, month spans) in several languages: each
column carries its period and the year the caption names; a head of periods is never read as figures (invented)."""
from __future__ import annotations

import pytest

from flows.reports.document import read_cells
from flows.reports.layout.headers import columns_from_text, is_header_text
from flows.reports.layout.periods import period_of


def _cols(text: str) -> dict[tuple[str, str], tuple[float, int | None, str | None]]:
    return {(c.row_label, c.column_label): (c.value, c.column_year, c.column_period)
            for c in read_cells("side.txt", text.encode("utf-8")).cells}


@pytest.mark.parametrize("head,period", [
    ("1. kvartal", "Q1"), ("2. kv.", "Q2"), ("3 kv", "Q3"), ("kv. 4", "Q4"), ("Q3", "Q3"), ("K4", "Q4"),
    ("første kvartal", "Q1"), ("3rd quarter", "Q3"), ("1. tertial", "T1"), ("2. tert.", "T2"), ("1. halvår", "H1"),
    ("H2", "H2"), ("jan–mar", "Q1"), ("apr-jun", "Q2"), ("januar–april", "T1"), ("jan-sep", "M01-M09"),
    ("Regnskap 2. tertial 2031", "T2"), ("4. tertial", None), ("Kvinner", None), ("2031", None), ("Regnskap", None)])
def test_period_of_a_head(head, period):
    assert period_of(head) == period


def test_a_line_of_quarters_is_a_head_of_four_columns():
    assert is_header_text("1. kv 2. kv 3. kv 4. kv")
    cols = columns_from_text(["1. kv 2. kv 3. kv 4. kv"])
    assert [c.period for c in cols] == ["Q1", "Q2", "Q3", "Q4"]
    stacked = columns_from_text(["Regnskap Budsjett Regnskap i fjor 1. tertial 1. tertial 1. tertial"])
    assert [(c.scenario, c.period) for c in stacked] == [("actual", "T1"), ("budget", "T1"), ("prior_year", "T1")]


def test_quarter_columns_take_the_year_of_the_caption_bokmal():
    cols = _cols("Sykefravær 2031\nEnhet   1. kv   2. kv   3. kv   4. kv\nSkole   6,1   5,4   4,9   7,2\n"
                 "Barnehage   8,2   7,0   6,5   9,1\n")
    assert cols[("Skole", "1. kv")] == (6.1, 2031, "Q1")
    assert cols[("Barnehage", "4. kv")] == (9.1, 2031, "Q4")
    assert not any(row.startswith("Enhet") for row, _ in cols)  # the head's ordinals are no figures


def test_quarter_columns_nynorsk_q_heads():
    cols = _cols("Sjukefråvær 2031\nEining   Q1   Q2   Q3   Q4\nSkule   6,1   5,4   4,9   7,2\n")
    assert cols[("Skule", "Q3")] == (4.9, 2031, "Q3")
    assert len(cols) == 4


def test_a_head_of_quarters_without_a_year_anywhere_gives_no_year():
    cols = _cols("Sykefravær i prosent\n\n1. kvartal 2. kvartal 3. kvartal 4. kvartal\nTotalt 6,1 5,4 4,9 7,2\n")
    assert cols[("Totalt", "2. kvartal")] == (5.4, None, "Q2")


def test_tertial_and_month_span_columns():
    cols = _cols("Rapportering 2031 (mill. kr)\nOmråde   1. tertial   2. tertial   Prognose\n"
                 "Oppvekst   120,4   245,1   370,0\n")
    assert cols[("Oppvekst", "2. tertial")] == (245_100_000, 2031, "T2")
    assert cols[("Oppvekst", "Prognose")][2] is None
    swedish = _cols("Sjukfrånvaro 2031\nEnhet   jan–mar   apr–jun   jul–sep   okt–dec\nSkola   6,1   5,4   4,9   7,2\n")
    assert swedish[("Skola", "okt–dec")] == (7.2, 2031, "Q4")


def test_a_scenario_head_with_a_part_of_the_year_is_one_column():
    cols = _cols("Økonomirapport 2. tertial 2031\nTjenesteområde   Budsjett 2031   Regnskap per 2. tertial   Prognose 2031\n"
                 "Oppvekst   120 400   80 200   121 000\nHelse   98 300   66 100   99 900\n")
    assert cols[("Oppvekst", "Regnskap per 2. tertial")] == (80_200, 2031, "T2")
    assert cols[("Helse", "Prognose 2031")][0] == 99_900
    assert len(cols) == 6


def test_quarters_flattened_after_a_sentence_keep_their_columns():
    text = ("Sykefraværet i prosent per kvartal i 2031 1. kv 2. kv 3. kv 4. kv Skole 6,1 5,4 4,9 7,2 Barnehage 8,2 7,0 "
            "6,5 9,1 Helse og omsorg 9,4 8,8 7,9 10,2 Administrasjon 4,1 3,9 3,5 4,4 Totalt 7,3 6,6 6,0 8,0")
    cols = _cols(text)
    assert cols[("Skole", "1. kv")] == (6.1, 2031, "Q1")
    assert cols[("Totalt", "4. kv")] == (8.0, 2031, "Q4")
    assert {col for _, col in cols} == {"1. kv", "2. kv", "3. kv", "4. kv"}  # the sentence is no column


def test_the_label_head_and_a_sum_after_quarters_are_placed_right():
    text = ("Saker per kvartal\n\nSAKER PR KVARTAL  Q1 Q2 Q3 Q4 SUM\n\nENDRING I FJOR (%) 1,38 6,35 -13,95 -16,38 -4,79\n\n"
            "ENDRING MOT SNITT (%) 12,94 13,18 -1,29 -4,69 5,86\n")
    cols = _cols(text)
    assert cols[("ENDRING I FJOR (%)", "Q1")][0] == 1.38  # the label column's head names no value column
    assert cols[("ENDRING I FJOR (%)", "SUM")][0] == -4.79  # "Q4 SUM" are two columns
    assert cols[("ENDRING I FJOR (%)", "Q4")][2] == "Q4"


def test_a_caption_that_names_periods_stays_the_caption():
    text = ("Sjukefråværet for 4. kvartal (i fjor: 3. kvartal) fordelt på sektor i kommunen (Kjelde: statistikk)\n\n"
            "Næring 2028 2029 2030\nAlle næringar 7,0 6,5 6,5\nUndervisning 6,4 8,0 3,9\n")
    cells = read_cells("side.txt", text.encode("utf-8")).cells
    assert {c.caption for c in cells} == {text.splitlines()[0]}
    assert not is_header_text(text.splitlines()[0])
    assert is_header_text("Saker per enhet per kvartal Q1 Q2 Q3 Q4")
