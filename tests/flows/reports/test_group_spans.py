"""Group heads over period columns that do not divide evenly (layout/group_spans.py): spans read from the
page's spacing, or from where the years start over; nothing rewritten where neither tells. Invented tables."""
from __future__ import annotations

from flows.reports.document import read_cells
from flows.reports.layout.group_spans import merge_group_spans, spans
from flows.reports.layout.model import Line


def _cells(tmp_path, text: str) -> dict[tuple[str, str], tuple[float, str]]:
    path = tmp_path / "side.txt"
    path.write_text(text, encoding="utf-8")
    return {(c.row_label, c.column_label): (c.value, c.scenario) for c in read_cells(path).cells}


def test_bokmal_two_years_of_accounts_and_three_of_budget_by_position(tmp_path):
    cells = _cells(tmp_path, """Økonomisk oversikt (tall i mill. kr)

                   Regnskap          Budsjett
                   2021    2022      2023    2024    2025
Skatteinntekter    410,2   425,9     440,0   445,0   450,0
Rammetilskudd      380,1   390,4     400,0   402,0   405,0
""")
    assert cells[("Skatteinntekter", "Regnskap 2022")] == (425_900_000, "actual")
    assert cells[("Rammetilskudd", "Budsjett 2023")] == (400_000_000, "budget")
    assert cells[("Rammetilskudd", "Budsjett 2025")] == (405_000_000, "budget")


def test_nynorsk_years_that_start_over_mark_the_next_group(tmp_path):
    cells = _cells(tmp_path, """Driftsrekneskap (tal i mill. kr)

Rekneskap Budsjett
2021 2022 2022 2023 2024
Skatt på inntekt 410,2 425,9 440,0 445,0 450,0
Rammetilskot 380,1 390,4 400,0 402,0 405,0
""")
    assert cells[("Skatt på inntekt", "Rekneskap 2022")][0] == 425_900_000
    assert cells[("Skatt på inntekt", "Budsjett 2022")] == (440_000_000, "budget")
    assert cells[("Rammetilskot", "Budsjett 2024")][0] == 405_000_000


def test_swedish_outcome_budget_and_forecast_by_position(tmp_path):
    cells = _cells(tmp_path, """Resultaträkning (mnkr)

                        Utfall      Budget         Prognos
                        2022        2023      2024    2025    2026
Skatteintäkter          410,2       440,0     445,0   450,0   455,0
Generella statsbidrag   380,1       400,0     402,0   405,0   407,0
""")
    assert cells[("Skatteintäkter", "Utfall 2022")][0] == 410_200_000
    assert cells[("Generella statsbidrag", "Budget 2023")][0] == 400_000_000
    assert cells[("Generella statsbidrag", "Prognos 2026")][0] == 407_000_000


def test_danish_scopes_over_three_and_two_dates_where_the_dates_start_over():
    assert spans([("Kommunen", 0, 8), ("Koncern", 10, 17)],
                 [("31.12.2021", 0, 0), ("31.12.2022", 0, 0), ("31.12.2023", 0, 0), ("31.12.2022", 0, 0), ("31.12.2023", 0, 0)],
                 by_position=False) == ["Kommunen"] * 3 + ["Koncern"] * 2


def test_spans_the_page_does_not_tell_are_left_alone():
    lines = [Line(page=1, number=1, text="Regnskap Budsjett"), Line(page=1, number=2, text="2021 2022 2023 2024 2025")]
    assert [line.text for line in merge_group_spans(lines)] == ["Regnskap Budsjett", "2021 2022 2023 2024 2025"]
    three = [("Utfall", 0, 6), ("Budget", 7, 13), ("Prognos", 14, 21)]
    years = [(str(y), 0, 0) for y in (2021, 2022, 2023, 2023, 2024, 2025)]
    assert spans(three, years, by_position=False) is None  # two runs of years under three groups
