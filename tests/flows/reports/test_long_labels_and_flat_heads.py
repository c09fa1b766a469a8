"""Long statement labels before their figures stay row labels; a statement flattened into one line keeps its caption,
scale and the years of its head (invented, name-free examples in bokmål, nynorsk and Swedish)."""
from __future__ import annotations

from flows.reports.document import read_cells

LONG = "Avsetninger til og bruk av bundne fond som er knyttet til tidligere års ubrukte midler og nye avsetninger"


def _cells(text: str) -> dict[tuple[str, str], tuple[float, str]]:
    return {(c.row_label, c.column_label): (c.value, c.scale_method)
            for c in read_cells("side.txt", text.encode("utf-8")).cells}


def test_a_long_label_in_an_aligned_table_is_a_row_and_the_head_stays():
    cells = _cells(f"Økonomisk oversikt drift 2031 (1000 kr)\nTekst   Regnskap 2031   Budsjett 2031\n{LONG}   12 345   11 000\n"
                   "Netto driftsresultat   5 000   4 000\n")
    assert cells[(LONG, "Regnskap 2031")][0] == 12_345_000
    assert cells[("Netto driftsresultat", "Budsjett 2031")][0] == 4_000_000


def test_a_long_sentence_stating_figures_is_no_row():
    text = ("Tekst   Regnskap 2031   Budsjett 2031\nSkatt   12 345   11 000\n"
            "Kommunen fikk i 2031 et resultat som var godt og bedre enn ventet i budsjettet, med om lag 12 345 og 11 000\n")
    assert not any(row.startswith("Kommunen") for row, _ in _cells(text))


def test_a_long_label_inside_a_flattened_nynorsk_statement():
    text = ("Rekneskapen viser eit godt resultat. Tal i heile 1000 kroner Rekneskap 2031 Rekneskap 2030 Driftsinntekter "
            "52 345 51 234 Driftsutgifter -50 000 -49 876 Brutto driftsresultat 2 345 1 358 Netto finansutgifter -120 -98 "
            "Avsetningar til og bruk av bundne fond og disposisjonsfond i løpet av året samla sett -1 000 -900 "
            "Resultatet er betre enn venta.")
    cells = _cells(text)
    label = "Avsetningar til og bruk av bundne fond og disposisjonsfond i løpet av året samla sett"
    assert cells[(label, "Rekneskap 2030")][0] == -900_000
    assert cells[("Driftsinntekter", "Rekneskap 2031")][0] == 52_345_000
    assert not any(row.startswith("Rekneskapen") for row, _ in cells)  # the declaration's 1000 is no figure


def test_the_scale_before_a_flattened_head_of_years_is_kept():
    text = ("Resultatregnskap for selskapet. Beløp i 1000 kr 2031 2030 Driftsinntekter 12 345 11 234 Driftskostnader "
            "-10 000 -9 876 Driftsresultat 2 345 1 358 Finansinntekter 120 98 Finanskostnader -45 -60 Årsresultat 2 420 "
            "1 396 Styret foreslår at årsresultatet overføres til annen egenkapital.")
    cells = _cells(text)
    assert cells[("Driftsinntekter", "2031")][0] == 12_345_000
    assert cells[("Årsresultat", "2030")] == (1_396_000, cells[("Årsresultat", "2030")][1])
    assert cells[("Årsresultat", "2030")][1].startswith("declared")


def test_the_last_year_of_a_flattened_head_is_no_row_code():
    text = ("Resultaträkning (mnkr) Utfall 2031 Utfall 2030 Verksamhetens intäkter 812,4 790,1 Verksamhetens kostnader "
            "-790,2 -770,5 Verksamhetens nettokostnader 22,2 19,6 Skatteintäkter 410,3 400,2 Årets resultat 30,1 25,4")
    cells = _cells(text)
    assert cells[("Verksamhetens intäkter", "Utfall 2030")][0] == 790_100_000
    assert cells[("Årets resultat", "Utfall 2031")][0] == 30_100_000


def test_a_sum_row_settles_a_row_that_reads_as_two_figures_or_one():
    text = ("Resultatregnskap Regnskap 2031 Regnskap 2030 Salgsinntekter 8 100 7 900 Andre driftsinntekter 400 350 "
            "Sum driftsinntekter 8 500 8 250 Varekostnad (3 000) (2 900) Lønnskostnad (4 000) (3 800) "
            "Sum driftskostnader (7 000) (6 700) Driftsresultat 1 500 1 550")
    cells = _cells(text)
    assert cells[("Andre driftsinntekter", "Regnskap 2030")][0] / cells[("Salgsinntekter", "Regnskap 2030")][0] \
        == 350 / 7900


def test_a_short_flattened_table_under_a_head_of_years_only():
    cells = _cells("Hovedtall (mill. kr) 2031 2030 Driftsinntekter 1 234,5 1 180,2 Driftsutgifter 1 200,1 1 150,7 "
                   "Netto driftsresultat 34,4 29,5")
    assert cells[("Driftsinntekter", "2031")][0] == 1_234_500_000
    assert cells[("Netto driftsresultat", "2030")][0] == 29_500_000

