"""Rows whose last figure ran into the next row's line code (layout/glued_codes.py): split only where the
table's own pattern (codes of one digit count that rise, a fixed count of decimals) reads one way. Invented."""
from __future__ import annotations

from flows.reports.document import read_cells
from flows.reports.layout.glued_codes import split_rows


def _cells(tmp_path, text: str) -> dict[tuple[str, str], float]:
    path = tmp_path / "side.txt"
    path.write_text(text, encoding="utf-8")
    return {(c.row_label, c.column_label): c.value for c in read_cells(path).cells}


def test_bokmal_rows_on_one_line_with_the_first_code_printed(tmp_path):
    cells = _cells(tmp_path, "Driftsutgifter (beløp i 1000 kr)\n\nKode Område Regnskap 2021\n"
                   "810 Lønn 734,2820 Barnehage 1 200,5830 Skole 2 310,7840 Helse 980,1\n")
    assert cells == {("Lønn", "Regnskap 2021"): 734_200.0, ("Barnehage", "Regnskap 2021"): 1_200_500.0,
                     ("Skole", "Regnskap 2021"): 2_310_700.0, ("Helse", "Regnskap 2021"): 980_100.0}


def test_nynorsk_two_columns_and_two_digit_codes(tmp_path):
    cells = _cells(tmp_path, "Utgifter etter art (beløp i 1000 kr)\n\nArt Rekneskap 2021 Budsjett 2021\n"
                   "10 Løn 734,2 700,111 Sosiale utgifter 200,5 210,012 Kjøp 2 310,7 2 300,0\n")
    assert cells[("Løn", "Rekneskap 2021")] == 734_200.0 and cells[("Løn", "Budsjett 2021")] == 700_100.0
    assert cells[("Sosiale utgifter", "Budsjett 2021")] == 210_000.0 and cells[("Kjøp", "Budsjett 2021")] == 2_300_000.0


def test_swedish_one_row_a_line_with_the_next_code_at_each_end():
    rows = split_rows("310 Personal 12,45320 Lokaler 3,10330 Material 0,95")
    assert rows == [("310", "Personal", ["12,45"]), ("320", "Lokaler", ["3,10"]), ("330", "Material", ["0,95"])]


def test_danish_codes_without_the_first_one_printed():
    rows = split_rows("Løn 10,521 Bygninger 4,322 Drift 7,0")
    assert rows == [(None, "Løn", ["10,5"]), ("21", "Bygninger", ["4,3"]), ("22", "Drift", ["7,0"])]


def test_ambiguous_or_unpatterned_rows_are_not_split():
    assert split_rows("Lønn 734,25 Skole 310,7") is None  # one glued digit only: no pattern to read
    assert split_rows("Lønn 734820 Skole 310") is None  # whole figures and no code of the first row
    assert split_rows("810 Lønn 734,2830 Skole 2 310,7820 Helse 980,1") is None  # codes do not rise
    assert split_rows("Lønn 734,2 Skole 310,7") is None  # nothing glued


def test_ordinary_rows_one_a_line_are_unchanged(tmp_path):
    cells = _cells(tmp_path, "Driftsutgifter (beløp i 1000 kr)\n\nKode Område Regnskap 2021\n"
                   "810 Lønn 734,2\n820 Barnehage 1 200,5\n830 Skole 2 310,7\n")
    assert cells[("Barnehage", "Regnskap 2021")] == 1_200_500.0 and len(cells) == 3


def test_the_code_of_the_row_above_shows_the_pattern(tmp_path):
    cells = _cells(tmp_path, "Utgifter (beløp i 1000 kr)\n\nKode Område Rekneskap 2021\n"
                   "810 Løn 734,2\nBarnehage 1 200,5830 Skule 2 310,7\n840 Helse 980,1\n")
    assert cells[("Barnehage", "Rekneskap 2021")] == 1_200_500.0 and cells[("Skule", "Rekneskap 2021")] == 2_310_700.0
    assert split_rows("Barnehage 1 200,5830 Skule 2 310,7", above="810") == [
        (None, "Barnehage", ["1 200,5"]), ("830", "Skule", ["2 310,7"])]
    assert split_rows("Barnehage 1 200,5830 Skule 2 310,7", above="910") is None  # the codes must follow it
    assert split_rows("Barnehage 1 200,5830 Skule 2 310,7") is None  # one glued code and nothing above
