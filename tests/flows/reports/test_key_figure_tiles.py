"""Key-figure tiles flattened by a web extraction into a figure line and a label line each ("41,7" / "Reelt resultat i
mill. kroner", or the label first), "Label:" lines with their value below, and the guards that keep a money scale off
per cents and counts and an impossible per cent out of the governed facts (invented texts in bokmål, nynorsk and
Swedish, as TXT and as a saved web page)."""
from __future__ import annotations

import pytest

from flows.reports.document import read_cells
from flows.reports.parse import parse_document


def _cells(name: str, text: str) -> dict[str, tuple[float, bool]]:
    return {c.row_label: (c.value, c.is_percent) for c in read_cells(name, text.encode("utf-8")).cells}


def _facts(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return parse_document(path)


VALUE_FIRST_NB = """Årsmelding 2031

Hovedtall

41,7
Reelt resultat i mill. kroner
1,2 %
Netto driftsresultat
7,4 %
Sykefravær
2 310
Årsverk
(Beløp i 1 000 kroner)

Kommunen leverte et godt resultat i 2031.
"""


def test_value_first_tiles_pair_each_figure_with_the_label_under_it():
    cells = _cells("nb.txt", VALUE_FIRST_NB)
    assert cells["Reelt resultat"] == (pytest.approx(41_700_000), False)  # "i mill. kroner": that tile's own scale
    assert cells["Netto driftsresultat"] == (pytest.approx(1.2), True)
    assert cells["Sykefravær"] == (pytest.approx(7.4), True)
    assert cells["Årsverk"] == (2310, False)  # a count: no neighbour's kroner


def test_value_first_tiles_make_a_sick_leave_fact_and_no_impossible_one(tmp_path):
    report = _facts(tmp_path, "nb.txt", VALUE_FIRST_NB)
    sick = [f.value for f in report.facts if f.metric == "sick_leave_pct"]
    assert sick == [pytest.approx(7.4)]
    assert [f.value for f in report.facts if f.metric == "fte"] == [2310]
    assert all(f.value <= 100 for f in report.facts if f.metric.endswith("_pct"))


def test_label_first_tiles_nynorsk_keep_working():
    text = ("Årsmelding 2031\n\nNøkkeltal\n\nSjukefråvær\n6,8 %\nÅrsverk\n412,5\nRekneskapsresultat i mill. kroner\n"
            "12,4\nTal på tilsette\n530\n\nVi held fram med arbeidet.\n")
    cells = _cells("nn.txt", text)
    assert cells["Sjukefråvær"] == (pytest.approx(6.8), True)
    assert cells["Årsverk"] == (pytest.approx(412.5), False)
    assert cells["Rekneskapsresultat"] == (pytest.approx(12_400_000), False)
    assert cells["Tal på tilsette"] == (530, False)


def test_swedish_tiles_grouped_in_twos_by_blank_lines():
    text = ("Årsredovisning 2031\n\nÅret i korthet\n\n5,9 %\nSjukfrånvaro\n\n1 245\nÅrsarbetare\n\n-12,3\n"
            "Resultat (mnkr)\n\nKommunen fortsätter arbetet.\n")
    cells = _cells("sv.txt", text)
    assert cells["Sjukfrånvaro"] == (pytest.approx(5.9), True)
    assert cells["Årsarbetare"] == (1245, False)
    assert cells["Resultat"] == (pytest.approx(-12_300_000), False)


def test_label_with_a_colon_then_its_value_with_its_unit_below():
    text = "Årsmelding 2031\n\nDriftsinntekter:\n\n3 212,4 mill. kr\n\nDriftsutgifter:\n\n3 101,9 mill. kr\n\n" \
           "Netto driftsresultat:\n\n1,9 %\n"
    cells = _cells("nb.txt", text)
    assert cells["Driftsinntekter"] == (pytest.approx(3_212_400_000), False)
    assert cells["Driftsutgifter"] == (pytest.approx(3_101_900_000), False)
    assert cells["Netto driftsresultat"] == (pytest.approx(1.9), True)
    assert "" not in cells


def test_label_with_a_colon_swedish():
    cells = _cells("sv.txt", "Årsredovisning 2031\n\nVerksamhetens intäkter:\n\n1 234,5 mnkr\n\n"
                             "Verksamhetens kostnader:\n\n1 198,0 mnkr\n")
    assert cells["Verksamhetens intäkter"] == (pytest.approx(1_234_500_000), False)
    assert cells["Verksamhetens kostnader"] == (pytest.approx(1_198_000_000), False)


def test_a_run_whose_shape_says_nothing_is_not_paired_and_warned_of():
    text = "Hovudtal\n\n41,7\nReelt resultat\n1,2 %\nNetto driftsresultat\n7,4 %\n\nTeksten held fram her.\n"
    report = read_cells("nn.txt", text.encode("utf-8"))
    assert not any(c.row_label in ("Reelt resultat", "Netto driftsresultat") for c in report.cells)
    assert any(w.startswith("key-figure tiles not read at page 1 lines 3-7") for w in report.layout.warnings)


def test_a_contents_list_one_entry_a_line_is_no_tiles():
    text = "Innhald\n\nForord\n3\nØkonomi\n8\nPersonal\n14\nTenester\n21\n\nForord\n\nÅret har vore travelt.\n"
    report = read_cells("nn.txt", text.encode("utf-8"))
    assert report.cells == []
    assert not any("tiles" in w for w in report.layout.warnings)


def test_tiles_of_a_web_page_read_as_the_text_does():
    tiles = [("41,7", "Reelt resultat i mill. kroner"), ("1,2 %", "Netto driftsresultat"), ("7,4 %", "Sykefravær"),
             ("2 310", "Årsverk")]
    html = ("<html><head><title>Årsmelding 2031</title></head><body><h1>Årsmelding 2031</h1><h2>Hovedtall</h2>"
            "<div class='tiles'>"
            + "".join(f"<div class='tile'><div class='num'>{v}</div><div class='txt'>{t}</div></div>" for v, t in tiles)
            + "</div><p>(Beløp i 1 000 kroner)</p><p>Kommunen leverte et godt resultat i 2031.</p></body></html>")
    cells = _cells("nb.html", html)
    assert cells == _cells("nb.txt", VALUE_FIRST_NB)
    assert cells["Sykefravær"] == (pytest.approx(7.4), True) and cells["Årsverk"] == (2310, False)


MONEY_TABLE = """Årsmelding 2031

Nøkkeltall (beløp i 1 000 kr)
                                         2031        2030
Driftsinntekter                       512 345     498 112
Netto driftsresultat i prosent            1,9         2,4
{sick}                                7,4         6,9
Årsverk                                   312         305
Antall innbyggere                      12 345      12 290
Innbyggertilskudd                      98 765      95 432
Refusjon sykefravær                     4 321       4 100
"""


@pytest.mark.parametrize("sick", ["Sykefravær", "Sjukefråvær", "Sjukfrånvaro"])
def test_no_money_scale_on_a_percent_or_a_count_row(sick):
    cells = {(c.row_label, c.column_year): c for c in read_cells("nb.txt", MONEY_TABLE.format(sick=sick).encode()).cells}
    assert cells[("Driftsinntekter", 2031)].value == pytest.approx(512_345_000)
    assert cells[("Innbyggertilskudd", 2031)].value == pytest.approx(98_765_000)  # an account line: an amount
    assert cells[("Refusjon sykefravær", 2030)].value == pytest.approx(4_100_000)  # an account word: an amount
    assert cells[("Netto driftsresultat i prosent", 2031)].value == pytest.approx(1.9)
    assert cells[("Netto driftsresultat i prosent", 2031)].is_percent
    assert cells[(sick, 2031)].value == pytest.approx(7.4)
    assert cells[("Årsverk", 2030)].value == 305
    assert cells[("Antall innbyggere", 2031)].value == 12_345
    assert "no scale in kroner" in cells[("Årsverk", 2030)].scale_method


def test_an_impossible_sick_leave_per_cent_is_a_warning_not_a_fact(tmp_path):
    text = "Årsmelding 2031\n\nPersonal\n\nSykefraværet i kommunen var 123,4 prosent i 2031.\n\n" \
           "Turnover var 8,2 prosent.\n"
    report = _facts(tmp_path, "nb.txt", text)
    assert not any(f.metric == "sick_leave_pct" for f in report.facts)
    assert [f.value for f in report.facts if f.metric == "staff_turnover_pct"] == [pytest.approx(8.2)]
    assert any(w.startswith("impossible value not kept at page 1 line 5: sick_leave_pct 123.4") for w in report.warnings)


@pytest.mark.parametrize(("figure", "label"), [("1 950", "Årsverk"), ("2 013", "Tilsette"), ("2 040", "Innbyggjarar")])
def test_a_tile_counting_people_keeps_a_figure_shaped_like_a_year(figure, label):
    """"1 950" / "Årsverk": a count of posts or people printed grouped, never a year the row is named by."""
    text = f"Årsmelding 2031\n\nHovudtal\n\n23,2\nReelt resultat i mill. kroner\n0,8 %\nNetto driftsresultat\n{figure}\n{label}\n"
    cells = _cells("tiles.txt", text)
    assert cells[label] == (float(figure.replace(" ", "")), False)
    assert cells["Reelt resultat"] == (23_200_000, False)
