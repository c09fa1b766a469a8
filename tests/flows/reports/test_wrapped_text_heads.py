"""Per-unit table heads whose words wrap onto a second line of plain text (layout/wrapped_heads.py): the lower
line continues some heads, not all. Invented tables in bokmål, nynorsk, Swedish and Danish."""
from __future__ import annotations

from flows.reports.document import read_cells
from flows.reports.layout.wrapped_heads import wrapped_columns


def _labels(upper: str, lower: str) -> list[str] | None:
    cols = wrapped_columns(upper, lower)
    return [c.label for c in cols] if cols else None


def test_bokmal_revised_budget_and_use_in_percent_wrap(tmp_path):
    path = tmp_path / "side.txt"
    path.write_text("""Regnskap per tjenesteområde (tall i 1000 kr)

Tjenesteområde Regnskap Revidert Avvik Forbruk
2022 budsjett 2022 i %
12 Helse og omsorg 402 118 398 500 -3 618 100,9
13 Oppvekst 310 455 315 000 4 545 98,6
14 Kultur 12 100 12 000 -100 100,8
""", encoding="utf-8")
    cells = {(c.row_label, c.column_label): (c.value, c.scenario) for c in read_cells(path).cells}
    assert cells[("Helse og omsorg", "Regnskap 2022")] == (402_118_000, "actual")
    assert cells[("Helse og omsorg", "Revidert budsjett 2022")] == (398_500_000, "revised_budget")
    assert cells[("Oppvekst", "Avvik")] == (4_545_000, "variance")
    assert cells[("Kultur", "Forbruk i %")] == (100.8, "variance_pct")


def test_nynorsk_adjusted_budget_wraps():
    assert _labels("Eining Rekneskap Justert Avvik", "2021 budsjett 2021") == ["Rekneskap 2021", "Justert budsjett 2021", "Avvik"]


def test_swedish_and_danish_heads():
    assert _labels("Nämnd Utfall Reviderad Avvikelse Förbrukning", "2022 budget 2022 i %") == [
        "Utfall 2022", "Reviderad budget 2022", "Avvikelse", "Förbrukning i %"]
    assert _labels("Område Regnskab Korrigeret Afvigelse", "2022 budget 2022") == [
        "Regnskab 2022", "Korrigeret budget 2022", "Afvigelse"]


def test_years_only_or_an_open_choice_are_left_to_the_other_readers():
    assert wrapped_columns("Regnskap Budsjett", "2021 2022") is None  # years only: dealt out by count elsewhere
    assert wrapped_columns("Regnskap Avvik", "i %") is None  # either head could take it: no one way costs least
