"""Tables whose rows are organisations (flows/reports/org_rows.py) and the scattered heads of a statistics export
(flows/reports/layout/stat_heads.py): each row's figures are the organisation the row names, code stripped; a
year with a footnote digit glued to it is the year. Invented tables in TXT, Markdown, HTML and DOCX."""
from __future__ import annotations

import docx

from flows.reports.document import read_cells
from flows.reports.layout import read_lines
from flows.reports.layout.stat_heads import merge_statistics_heads, unglued_year


def _write(tmp_path, text: str, name: str = "tabell.md"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _cells(path):
    return read_cells(path).cells


def test_txt_table_of_municipalities_with_their_codes(tmp_path):
    path = tmp_path / "fond.txt"
    path.write_text("""Disposisjonsfond i prosent av brutto driftsinntekter

Knr | Kommune | Fylke | 2030 | 2031 | Endring |
4601 | Eksempelby | Vestfylket | 12.3 | 14.1 | 1.8 |
312 | Nordvika | Austfylket | 4.0 | 2.5 | -1.5 |
4602 | Sørlia | Vestfylket | -3.2 | 0.4 | 3.6 |
5001 | Austbygd | Nordfylket | 8.8 | 9.9 | 1.1 |
""", encoding="utf-8")
    cells = _cells(path)
    by = {(c.row_organisation, c.column_year): c.value for c in cells if c.scenario != "variance"}
    assert by[("Eksempelby", 2031)] == 14.1
    assert by[("Nordvika", 2030)] == 4.0  # a code whose leading zero was lost
    assert by[("Austbygd", 2031)] == 9.9
    assert {c.row_organisation for c in cells} == {"Eksempelby", "Nordvika", "Sørlia", "Austbygd"}


def test_html_statistics_table_with_country_county_and_total_rows(tmp_path):
    rows = [("Hele landet", "5,4", "5,6"), ("Vestfylket", "5,1", "5,0"), ("4601 Eksempelby", "6,2", "6,8"),
            ("4602 Sørlia", "4,4", "4,1"), ("4603 Nordvika", "5,9", "5,3"), ("I alt", "5,4", "5,6")]
    body = "".join(f"<tr><td>{a}</td><td>{b}</td><td>{c}</td></tr>" for a, b, c in rows)
    path = tmp_path / "fravaer.html"
    path.write_text("<html><body><h2>Legemeldt sykefravær etter bostedskommune, prosent</h2><table>"
                    "<tr><th>Region</th><th>2030K4</th><th>2031K4</th></tr>" + body + "</table></body></html>",
                    encoding="utf-8")
    cells = _cells(path)
    by = {(c.row_organisation, c.column_year): c for c in cells}
    assert by[("Eksempelby", 2031)].value == 6.8 and by[("Eksempelby", 2031)].column_period == "Q4"
    assert by[("Hele landet", 2030)].value == 5.4
    assert by[("Vestfylket", 2031)].value == 5.0  # a county row between the municipalities
    assert not any(c.row_organisation for c in cells if c.row_label == "I alt")  # a total is no organisation


def test_docx_table_of_named_municipalities(tmp_path):
    d = docx.Document()
    d.add_paragraph("Netto driftsresultat i prosent av driftsinntektene")
    table = d.add_table(rows=1, cols=3)
    for cell, text in zip(table.rows[0].cells, ["Kommune", "2030", "2031"]):
        cell.text = text
    for name, a, b in [("Eksempelby kommune", "1,2", "2,5"), ("Sørlia kommune", "-0,4", "0,9"),
                       ("Nordvika herad", "3,1", "1,7"), ("Austbygd kommune", "2,2", "2,0")]:
        row = table.add_row().cells
        row[0].text, row[1].text, row[2].text = name, a, b
    path = tmp_path / "resultat.docx"
    d.save(path)
    by = {(c.row_organisation, c.column_year): c.value for c in _cells(path)}
    assert by[("Nordvika herad", 2031)] == 1.7
    assert by[("Sørlia kommune", 2030)] == -0.4


def test_account_lines_with_codes_are_no_organisations(tmp_path):
    path = tmp_path / "regnskap.txt"
    path.write_text("""Driftsregnskap (beløp i 1 000 kr)

Art | Regnskap 2031 | Budsjett 2031 |
1010 Fastlønn | 12 400 | 12 000 |
1020 Vikarer | 1 300 | 900 |
1090 Pensjon | 2 100 | 2 050 |
1099 Arbeidsgiveravgift | 1 900 | 1 850 |
""", encoding="utf-8")
    cells = _cells(path)
    assert cells and not any(c.row_organisation for c in cells)


STAT = """| 7 Sykefraværsdagsverk for arbeidstakere etter bostedskommune. Absolutte tall og i prosent av avtalte dagsverk (sykefraværsprosent). Kvinner. Kvartalstall. |
| 2. kvartal 2030 | 2. kvartal 20312 | Sykefraværsprosent | | |
| Kommune | Sykefraværs- dagsverk |
| Sykefraværs- dagsverk |
| Endring siste år |
| 2. kvartal 2030 | 2. kvartal 20312 |
| I ALT | 1 000 000 | 1 100 000 | 100 000 | 5,0 | 5,5 |
| 4601 Eksempelby | 9 000 | 9 900 | 900 | 6,1 | 6,6 |
| 4602 Sørlia | 2 000 | 1 800 | -200 | 4,0 | 3,6 |
| 4603 Nordvika | 3 000 | 3 300 | 300 | 5,2 | 5,7 |
| 4604 Austbygd | 500 | 560 | 60 | 4,8 | 5,4 |
"""


def test_scattered_statistics_heads_and_a_glued_footnote_year(tmp_path):
    path = tmp_path / "kvartal.md"
    path.write_text(STAT, encoding="utf-8")
    cells = {(c.row_organisation, c.column_label): c for c in _cells(path)}
    pct = cells[("Eksempelby", "Sykefraværsprosent 2. kvartal 2031")]
    assert (pct.value, pct.column_year, pct.column_period, pct.is_percent) == (6.6, 2031, "Q2", True)
    days = cells[("Sørlia", "Sykefraværsdagsverk 2. kvartal 2030")]
    assert (days.value, days.column_year) == (2000, 2030)
    # the change column is dated by the last period it ends at
    change = cells[("Nordvika", "Endring siste år 2. kvartal 2031")]
    assert (change.value, change.column_year) == (300, 2031)
    assert not any(org == "I ALT" or org == "ALT" for org, _ in cells)


def test_scattered_heads_whose_blocks_the_figures_cannot_order_stay_as_they_are(tmp_path):
    # two measures of counts, no change column and no per cent: nothing tells which block is which
    path = tmp_path / "kvartal.md"
    path.write_text("""| Tabell 3 Tilfeller og dagsverk etter bostedskommune, kvartalstall, begge kjønn i alt |
| 2. kvartal 2030 | 2. kvartal 2031 | Tilfeller |
| Kommune | Dagsverk |
| 2. kvartal 2030 | 2. kvartal 2031 |
| 4601 Eksempelby | 900 | 990 | 120 | 130 |
| 4602 Sørlia | 200 | 180 | 30 | 20 |
| 4603 Nordvika | 300 | 330 | 44 | 41 |
""", encoding="utf-8")
    _, lines = read_lines(path)
    assert [line.text for line in merge_statistics_heads(lines)] == [line.text for line in lines]
    _, lines = read_lines(_write(tmp_path, STAT))
    assert len(merge_statistics_heads(lines)) < len(lines)  # the same reader rewrites the heads it can order


def test_a_footnote_digit_glued_to_a_head_year_is_the_year():
    assert unglued_year("1. kvartal 20313") == "1. kvartal 2031"
    assert unglued_year("20301") == "2030"
    assert unglued_year("2030") == "2030"
    assert unglued_year("1 20301,5") == "1 20301,5"  # a figure, not a year
