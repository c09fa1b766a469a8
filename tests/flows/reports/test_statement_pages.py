"""Balance sheets and cash-flow statements (balansräkning/kassaflödesanalys, balanse/kontantstrømoppstilling,
balance/pengestrømsopgørelse) as web and PDF text extractions print them: scope groups spanning year columns, note
columns and note marks, dates as heads, detached minus signs, one cell per line. Invented examples."""
from __future__ import annotations

import pytest

from flows.reports.document import read_cells
from flows.reports.layout.group_heads import merge_group_heads
from flows.reports.layout.headers import columns_from_text
from flows.reports.layout.model import Line
from flows.reports.layout.note_columns import UNDECIDED, is_note_cell, split_around_notes
from flows.reports.layout.note_marks import strip_note_mark
from flows.reports.numbers import gap_cells


def _cells(tmp_path, name: str, text: str) -> dict[tuple[str, str], float]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return {(c.row_label, c.column_label): c.value for c in read_cells(path).cells}


def _years(tmp_path, name: str, text: str) -> dict[tuple[str, str, int | None], float]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return {(c.row_label, c.column_label, c.column_year): c.value for c in read_cells(path).cells}


def _heads(*texts: str) -> list[str]:
    lines = [Line(page=1, number=k + 1, text=t) for k, t in enumerate(texts)]
    return [line.text for line in merge_group_heads(lines) if line.text]


# --- scope groups over year columns -------------------------------------------------------------------------------

@pytest.mark.parametrize("texts,expected", [
    # Swedish: group row, then the note column and the years; one cell per line
    (["Kommunkoncernen", "Kommunen", "Not", "2031", "2030", "2031", "2030"],
     ["Not  Kommunkoncernen 2031  Kommunkoncernen 2030  Kommunen 2031  Kommunen 2030"]),
    # Norwegian bokmål: the names on the caption line, US dates under them, a note column per group
    (["Balanse, mill. kr KOMMUNEKASSEN KONSERNET", "Note 12/31/2031 12/31/2030 Note 12/31/2031 12/31/2030"],
     ["Balanse, mill. kr", "Note  KOMMUNEKASSEN 12/31/2031  KOMMUNEKASSEN 12/31/2030  Note  KONSERNET 12/31/2031  "
      "KONSERNET 12/31/2030"]),
    # Danish: European dates name their year (kept as printed; the head reader reads the year)
    (["Beløb i mio. kr. Kommune Koncern", "31.12.2031 31.12.2030 31.12.2031 31.12.2030"],
     ["Beløb i mio. kr.", "Kommune 31.12.2031  Kommune 31.12.2030  Koncern 31.12.2031  Koncern 31.12.2030"]),
    # Swedish: the group name printed before each year, stacked
    (["Kommun", "2031", "Kommun", "2030", "Koncern", "2031", "Koncern", "2030"],
     ["Kommun 2031  Kommun 2030  Koncern 2031  Koncern 2030"]),
    # a word naming the figures before each ISO date
    (["(tkr) Kommunen Sammanställd redovisning", "Utfall", "2031-12-31", "Utfall", "2030-12-31", "Utfall", "2031-12-31",
      "Utfall", "2030-12-31"],
     ["(tkr)", "Kommunen Utfall 2031-12-31  Kommunen Utfall 2030-12-31  Sammanställd redovisning Utfall 2031-12-31  "
      "Sammanställd redovisning Utfall 2030-12-31"]),
    # a two-word group wrapped over two lines, the scale line between the groups and the years
    (["Kommunen", "Sammanställd", "redovisning", "Belopp i mnkr", "Not", "2030", "2031", "2030", "2031"],
     ["Belopp i mnkr", "Not  Kommunen 2030  Kommunen 2031  Sammanställd redovisning 2030  Sammanställd redovisning 2031"]),
    # the second group glued to its first year, the note column before the groups
    (["mnkr", "Not", "Kommunkoncernen", "Kommunen2031", "2030", "2031", "2030"],
     ["mnkr", "Not  Kommunkoncernen 2031  Kommunkoncernen 2030  Kommunen 2031  Kommunen 2030"]),
    (["Kommunen", "Kommunala koncernen", "Belopp, mkr", "Not 2030 2031 2030 2031"],
     ["Belopp, mkr", "Not  Kommunen 2030  Kommunen 2031  Kommunala koncernen 2030  Kommunala koncernen 2031"]),
    # English
    (["Municipality Group", "Note 2031 2030 2031 2030"],
     ["Note  Municipality 2031  Municipality 2030  Group 2031  Group 2030"]),
])
def test_scope_groups_spread_over_their_year_columns(texts, expected):
    assert _heads(*texts) == expected


@pytest.mark.parametrize("texts", [
    ["Kommunen Koncernen", "2031 2030 2029"],  # three years do not divide between two groups
    ["Resultatregnskap Konsern", "Regnskap", "2031", "Budsjett", "2031"],  # one name may title one side only
    ["Kommunen hadde 2030 et overskudd.", "2031"],  # a sentence is no head
    ["2031 2030 2031 2030"],  # years without groups are left to the head reader
])
def test_heads_that_name_no_scope_groups_stay_as_printed(texts):
    assert _heads(*texts) == [t for t in texts if t]


def test_a_scoped_head_gives_every_column_its_group_and_year():
    cols = columns_from_text(["Not  Kommunen 2031  Kommunen 2030  Koncernen 2031  Koncernen 2030"])
    assert [(c.label, c.year, c.note) for c in cols] == [
        ("Not", None, True), ("Kommunen 2031", 2031, False), ("Kommunen 2030", 2030, False),
        ("Koncernen 2031", 2031, False), ("Koncernen 2030", 2030, False)]


# --- note columns, note marks, note lists -------------------------------------------------------------------------

@pytest.mark.parametrize("cell,note", [("12", True), ("14,15", True), ("22, 23", True), ("4a", True),
                                       ("38,1", False), ("2,0", False), ("0", False), ("123", False)])
def test_note_cells_are_small_numbers_or_rising_lists(cell, note):
    assert is_note_cell(cell) is note


_TWO_NOTES = columns_from_text(["Not  Kommunen 2031  Kommunen 2030  Not  Koncernen 2031  Koncernen 2030"])


@pytest.mark.parametrize("values,figures", [
    ("14 30,7 25,9 9 76,4 70,3", ["30,7", "25,9", "76,4", "70,3"]),
    ("13 812,4 790,1 8 2 311,0 2 250,6", ["812,4", "790,1", "2 311,0", "2 250,6"]),
    ("843,1 816,0 2 387,4 2 320,9", ["843,1", "816,0", "2 387,4", "2 320,9"]),  # a total prints no notes
    ("95,2 80,1 10 140,8 132,6", ["95,2", "80,1", "140,8", "132,6"]),  # only the second group's note
    ("15 95,2 -2,0 10 140,8 132,6", ["95,2", "-2,0", "140,8", "132,6"]),
    ("14  30,7  25,9  9  76,4  70,3", ["30,7", "25,9", "76,4", "70,3"]),  # gap-separated
    ("25 862,1 862,5   0,8 1,2", ["862,1", "862,5", "0,8", "1,2"]),  # the gap stands for the empty second note
    ("634,9 616,5   1 554,7 1 531,9", ["634,9", "616,5", "1 554,7", "1 531,9"]),
])
def test_cells_under_note_columns_between_value_columns_are_notes(values, figures):
    assert split_around_notes(values, _TWO_NOTES)[0] == figures


def test_a_row_that_reads_two_ways_around_its_notes_places_no_figure():
    # "5 100 5 100" with notes: 5 | 100 | 5 | 100, or 5 100 | 5 100 without notes
    assert split_around_notes("5 100 5 100", columns_from_text(
        ["Not  Kommunen 2031  Not  Koncernen 2031"])) == UNDECIDED


@pytest.mark.parametrize("text,expected", [
    ("Verksamhetens kostnader Not 3 – 522 941 – 515 518", "Verksamhetens kostnader – 522 941 – 515 518"),
    ("Not 2 132 371 106 488", "132 371 106 488"),
    ("Avskrivninger Note 4 15 842 14 517", "Avskrivninger 15 842 14 517"),
    ("Afskrivninger Noter 4, 5 15 842 14 517", "Afskrivninger 15 842 14 517"),
    ("Se not 12 för detaljer", "Se not 12 för detaljer"),  # prose
    ("Not 12 visar pensionsskulden", "Not 12 visar pensionsskulden"),  # words after the note: no row
])
def test_note_marks_come_out_of_rows(text, expected):
    assert strip_note_mark(text) == expected


def test_a_detached_minus_opening_a_gap_cell_is_a_sign():
    assert gap_cells("20,3      25,1   – 4,2") == ["20,3", "25,1", "-4,2"]
    assert gap_cells("1 200  –  300") is not None


# --- whole statements ----------------------------------------------------------------------------------------------

def test_a_swedish_balance_sheet_printed_one_cell_per_line(tmp_path):
    cells = ["Balansräkning", "mnkr", "Kommunkoncernen", "Kommunen", "Not", "2031", "2030", "2031", "2030",
             "TILLGÅNGAR", "Anläggningstillgångar", "Mark, byggnader och tekniska anläggningar", "12,13", "5 412,3",
             "5 120,8", "3 098,9", "2 950,1Bidrag till statlig infrastruktur", "16", "12,5", "13,4", "11,5", "10,4",
             "Förråd och exploateringsfastigheter", "-", "-", "4,2", "3,9"]
    got = _cells(tmp_path, "balans.txt", "\n\n".join(cells) + "\n")
    assert got[("Mark, byggnader och tekniska anläggningar", "Kommunkoncernen 2031")] == pytest.approx(5_412_300_000)
    assert got[("Mark, byggnader och tekniska anläggningar", "Kommunen 2030")] == pytest.approx(2_950_100_000)
    assert got[("Bidrag till statlig infrastruktur", "Kommunkoncernen 2031")] == pytest.approx(12_500_000)
    assert got[("Bidrag till statlig infrastruktur", "Kommunen 2030")] == pytest.approx(10_400_000)
    assert got[("Förråd och exploateringsfastigheter", "Kommunen 2031")] == pytest.approx(4_200_000)
    assert ("Förråd och exploateringsfastigheter", "Kommunkoncernen 2031") not in got
    assert 12_130_000 not in got.values() and 16_000_000 not in got.values()  # notes are no figures


def test_a_glued_capital_heading_and_a_heading_with_only_its_note(tmp_path):
    cells = ["Balanse", "mill. kr", "Konsernet", "Kommunen", "Note", "2031", "2030", "2031", "2030",
             "Sum eiendeler", "8 157,1", "6 906,8", "5 764,8", "3 778,9EGENKAPITAL OG GJELD", "Egenkapital", "24",
             "Disposisjonsfond", "12", "225,4", "133,9", "198,3", "129,5"]
    got = _cells(tmp_path, "balanse.txt", "\n\n".join(cells) + "\n")
    assert got[("Sum eiendeler", "Kommunen 2030")] == pytest.approx(3_778_900_000)
    assert got[("Disposisjonsfond", "Konsernet 2031")] == pytest.approx(225_400_000)
    assert 24_000_000 not in got.values() and 12_000_000 not in got.values()


def test_a_norwegian_balance_with_two_note_columns_and_bullet_dashes(tmp_path):
    text = "\n".join([
        "Balanse",
        "Beløp i mill. kr KOMMUNEKASSEN KONSERNET",
        "Note 12/31/2031 12/31/2030 Note 12/31/2031 12/31/2030",
        "EIENDELER",
        "Anleggsmidler",
        "Varige driftsmidler",
        "– Bygninger og anlegg 13 812,4 790,1 8 2 311,0 2 250,6",
        "– Maskiner og inventar 14 30,7 25,9 9 76,4 70,3",
        "Sum anleggsmidler 843,1 816,0 2 387,4 2 320,9",
        "Omløpsmidler",
        "Kortsiktige fordringer 15 95,2 – 2,0 10 140,8 132,6",
    ])
    got = _years(tmp_path, "balanse.txt", text)
    by = {(row.lstrip("-– "), col): v for (row, col, _), v in got.items()}
    assert by[("Maskiner og inventar", "KOMMUNEKASSEN 12/31/2031")] == pytest.approx(30_700_000)
    assert by[("Maskiner og inventar", "KONSERNET 12/31/2030")] == pytest.approx(70_300_000)
    assert by[("Bygninger og anlegg", "KONSERNET 12/31/2031")] == pytest.approx(2_311_000_000)
    assert by[("Sum anleggsmidler", "KONSERNET 12/31/2031")] == pytest.approx(2_387_400_000)
    assert by[("Kortsiktige fordringer", "KOMMUNEKASSEN 12/31/2030")] == pytest.approx(-2_000_000)
    assert by[("Kortsiktige fordringer", "KONSERNET 12/31/2031")] == pytest.approx(140_800_000)
    assert {year for (_, _, year) in got} == {2031, 2030}
    assert all(v > 0 for (row, _, _), v in got.items() if "Maskiner" in row)  # a bullet dash is no minus


def test_a_swedish_cash_flow_statement_with_stacked_group_heads_and_note_marks(tmp_path):
    text = "\n".join([
        "Kassaflödesanalys",
        "(tkr) Kommunen Sammanställd redovisning",
        "Utfall", "2031-12-31", "Utfall", "2030-12-31", "Utfall", "2031-12-31", "Utfall", "2030-12-31",
        "DEN LÖPANDE VERKSAMHETEN",
        "Årets resultat – 35 507 – 13 507 – 34 368 – 12 235",
        "Justering för av- och nedskrivningar Not 24 15 842 14 517 25 576 23 244",
        "Verksamhetens intäkter",
        "Not 2 132 371 106 488 266 090 228 338",
        "Försäljning av materiella anläggningstillgångar Not 29 94 092 93 978",
    ])
    got = _cells(tmp_path, "kassaflode.txt", text)
    assert got[("Årets resultat", "Kommunen Utfall 2031-12-31")] == pytest.approx(-35_507_000)
    assert got[("Årets resultat", "Sammanställd redovisning Utfall 2030-12-31")] == pytest.approx(-12_235_000)
    assert got[("Justering för av- och nedskrivningar", "Kommunen Utfall 2031-12-31")] == pytest.approx(15_842_000)
    assert got[("Verksamhetens intäkter", "Kommunen Utfall 2031-12-31")] == pytest.approx(132_371_000)
    assert got[("Verksamhetens intäkter", "Sammanställd redovisning Utfall 2030-12-31")] == pytest.approx(228_338_000)
    # two figures under four columns of two groups: which group's years they fill the text cannot tell
    assert not any(row.startswith("Försäljning") and col for (row, col) in got)


def test_a_danish_cash_flow_statement_with_group_names_before_each_year(tmp_path):
    text = "\n".join([
        "Pengestrømsopgørelse",
        "Beløb i mio. kr. Noter",
        "Kommune", "2031", "Kommune", "2030", "Koncern", "2031", "Koncern", "2030",
        "Driftens likviditetsvirkning   45,2   30,1   52,3   33,9",
        "Ændring i tilgodehavender (−: stigning)      – 83   12,4   – 90,1   15,0",
    ])
    got = _cells(tmp_path, "pengestrom.txt", text)
    assert got[("Driftens likviditetsvirkning", "Kommune 2031")] == pytest.approx(45_200_000)
    assert got[("Driftens likviditetsvirkning", "Koncern 2030")] == pytest.approx(33_900_000)
    assert got[("Ændring i tilgodehavender (-: stigning)", "Kommune 2031")] == pytest.approx(-83_000_000)
    assert got[("Ændring i tilgodehavender (-: stigning)", "Koncern 2031")] == pytest.approx(-90_100_000)


def test_danish_prose_amounts_in_mio_and_mia_kr(tmp_path):
    path = tmp_path / "beretning.txt"
    path.write_text("Pengestrømme\n\nDriften bidrager likviditetsmæssigt med et overskud på 27,9 mio. kr. i året, "
                    "og anlægsudgifterne udgør samlet 1,2 mia. kr. over perioden.\n", encoding="utf-8")
    values = sorted(f.value for f in read_cells(path).figures)
    assert values == [pytest.approx(27_900_000), pytest.approx(1_200_000_000)]


def test_a_row_short_of_cells_in_a_table_of_detached_minus_signs_keeps_no_column(tmp_path):
    # every figure of one row printed "– 83": a dash before a figure is its sign, and a row of three figures under
    # four columns of two groups does not say which group's year is empty
    text = "\n".join([
        "Kontantstrømoppstilling",
        "Beløp i mill. kr Note Kommune",
        "2031", "Kommune", "2030", "Konsern", "2031", "Konsern", "2030",
        "Investeringer i varige driftsmidler   – 83 – 108 – 238 – 260",
        "Salg av varige driftsmidler     2 – 1 2",
    ])
    got = _years(tmp_path, "kontantstrom.txt", text)
    assert got[("Investeringer i varige driftsmidler", "Kommune 2030", 2030)] == pytest.approx(-108_000_000)
    assert got[("Investeringer i varige driftsmidler", "Konsern 2031", 2031)] == pytest.approx(-238_000_000)
    path = tmp_path / "kontantstrom.txt"
    sale = [(c.column_year, c.value) for c in read_cells(path).cells if c.row_label.startswith("Salg")]
    assert sale and all(year is None for year, _ in sale)  # no figure placed under a year it may not belong to
    assert (None, -1_000_000) in sale


def test_a_note_list_printed_as_a_cell_of_its_own(tmp_path):
    cells = ["Kassaflödesanalys", "Kommunen", "Kommunkoncernen", "Belopp, mkr", "Not", "2031", "2030", "2031", "2030",
             "Investering i materiella anläggningstillgångar", "10, 22", "-679", "-763", "- 1 072", "-1 298"]
    got = _cells(tmp_path, "kassaflode.txt", "\n\n".join(cells) + "\n")
    assert got == {
        ("Investering i materiella anläggningstillgångar", "Kommunen 2031"): pytest.approx(-679_000_000),
        ("Investering i materiella anläggningstillgångar", "Kommunen 2030"): pytest.approx(-763_000_000),
        ("Investering i materiella anläggningstillgångar", "Kommunkoncernen 2031"): pytest.approx(-1_072_000_000),
        ("Investering i materiella anläggningstillgångar", "Kommunkoncernen 2030"): pytest.approx(-1_298_000_000),
    }


def test_a_note_list_with_spaces_before_single_spaced_figures_stays_out_of_the_label(tmp_path):
    text = "\n".join([
        "Kontantstrømoppstilling",
        "Kommunen",
        "Konsernet",
        "Beløp i mill. kr Note 2030 2031 2030 2031",
        "Endring i avsetninger 12, 13 348 483 290 1 081",
        "Endring i kortsiktige fordringer 7 288 -963 -399 -86",
    ])
    path = tmp_path / "kontantstrom.txt"
    path.write_text(text, encoding="utf-8")
    rows = {(c.row_label, c.column_label): c.value for c in read_cells(path).cells}
    assert rows == {
        ("Endring i avsetninger", "Kommunen 2030"): pytest.approx(348_000_000),
        ("Endring i avsetninger", "Kommunen 2031"): pytest.approx(483_000_000),
        ("Endring i avsetninger", "Konsernet 2030"): pytest.approx(290_000_000),
        ("Endring i avsetninger", "Konsernet 2031"): pytest.approx(1_081_000_000),
        ("Endring i kortsiktige fordringer", "Kommunen 2030"): pytest.approx(288_000_000),
        ("Endring i kortsiktige fordringer", "Kommunen 2031"): pytest.approx(-963_000_000),
        ("Endring i kortsiktige fordringer", "Konsernet 2030"): pytest.approx(-399_000_000),
        ("Endring i kortsiktige fordringer", "Konsernet 2031"): pytest.approx(-86_000_000),
    }


def test_a_group_name_inside_a_longer_stacked_head_is_not_rewritten_from_there():
    # the kinds and years stacked one per line, a variance head glued to the first group name: the run does not
    # start at that group (it would cut the head in two and leave the first columns without a year)
    for texts in (["Beløp i mill. kr Note Regnskap", "2031", "Regnskap", "2030", "Budsjett", "2031", "Avvik Konsern",
                   "2031", "Konsern", "2030"],
                  ["Belopp i mnkr Not Utfall", "2031", "Utfall", "2030", "Budget", "2031", "Avvikelse Koncern",
                   "2031", "Koncern", "2030"]):
        assert _heads(*texts) == texts
    # the same group row on its own line under a caption still merges
    assert _heads("Resultaträkning", "Avvikelse Koncern", "2031", "Koncern", "2030") != \
        ["Resultaträkning", "Avvikelse Koncern", "2031", "Koncern", "2030"]
