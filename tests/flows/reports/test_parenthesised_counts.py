"""Names with a count (or a share) in parentheses, in a line of prose or one a line, read as a table: the name the
row, the figure its cell, never a negative figure (invented texts in nynorsk, Swedish and English)."""
from __future__ import annotations

from flows.reports.document import read_cells


def _read(name: str, text: str):
    return read_cells(name, text.encode("utf-8"))


def test_seats_by_party_in_a_sentence_nynorsk():
    rep = _read("nn.txt", "Årsmelding 2022\n\nKommunestyret har 27 representantar. Fordelinga etter parti er slik: "
                          "Senterpartiet (8), Arbeidarpartiet (6), Høgre (5), Framstegspartiet (4), Kristeleg Folkeparti (2)"
                          " og Venstre (2).\n")
    cells = {c.row_label: c for c in rep.cells}
    assert cells["Senterpartiet"].value == 8
    assert cells["Kristeleg Folkeparti"].value == 2
    assert cells["Venstre"].column_label == "Fordelinga etter parti er slik"
    assert all(c.value > 0 for c in rep.cells)
    assert any(f.value == 27 for f in rep.figures)  # the prose before the list is still read


def test_swedish_and_english_lists_with_prose_after():
    sv = _read("sv.txt", "Årsredovisning 2022\n\nMandatfördelning: Socialdemokraterna (15), Moderaterna (10), "
                         "Centerpartiet (6), Liberalerna (2).\n")
    assert {c.row_label: c.value for c in sv.cells}["Moderaterna"] == 10
    en = _read("en.txt", "Annual report 2022\n\nThe council has 35 members: Labour (12), Conservatives (9), Centre Party"
                         " (6) and Greens (3). The mayor is from Labour.\n")
    assert {c.row_label: c.value for c in en.cells} == {"Labour": 12, "Conservatives": 9, "Centre Party": 6, "Greens": 3}
    assert any(f.value == 35 for f in en.figures)


def test_one_name_a_line_and_names_at_a_line_start():
    rep = _read("nb.txt", "Årsrapport 2022\n\nSaker fordelt på kommune\nBakkevik (2)\nTyslund (3)\nKarvik (11)\n\n"
                          "Helse og omsorg (12), Oppvekst (7) og Teknisk drift (4) hadde flest avvik.\n")
    cells = {c.row_label: c.value for c in rep.cells}
    assert cells["Karvik"] == 11 and cells["Bakkevik"] == 2
    assert cells["Helse og omsorg"] == 12 and cells["Teknisk drift"] == 4


def test_shares_in_parentheses_and_what_is_no_list():
    rep = _read("nb.txt", "Årsrapport 2022\n\nOppslutning: Høgre (25,3 %), Arbeiderpartiet (22,1 %), Senterpartiet "
                          "(14,0 %).\n\nLoven (2019) og forskriften (2020) gjelder. Nordby (2) er med.\n")
    cells = {c.row_label: c for c in rep.cells}
    assert cells["Høgre"].value == 25.3 and cells["Høgre"].is_percent
    assert not any(c.value in (2019, 2020, -2) for c in rep.cells)
    assert "Nordby" not in cells  # one name alone is no list


def test_a_share_in_parentheses_after_a_count_measures_what_the_count_counts():
    from flows.reports.prose import _read_sentence

    found = _read_sentence("Av de ansatte er 267 kvinner (78 %) og 75 menn (22 %).", 1, 1, 2022)
    shares = {f.value: f.topic for f in found if f.unit == "pct"}
    assert shares == {78.0: "kvinner", 22.0: "menn"}
    english = _read_sentence("In total 412 pupils (93 %) completed upper secondary school.", 1, 1, 2022)
    assert [(f.value, f.topic) for f in english if f.unit == "pct"] == [(93.0, "pupils")]


def test_a_serial_comma_before_the_last_name():
    rep = _read("en.txt", "Annual report 2022\n\nSeats: Labour (12), Conservatives (9), and Greens (3).\n")
    assert {c.row_label: c.value for c in rep.cells} == {"Labour": 12, "Conservatives": 9, "Greens": 3}


def test_one_name_a_line_before_the_list_of_its_members():
    """"Senterpartiet (8): Kari Nordmann (ordførar), ..." a line, the members wrapping onto lines of their own: the
    names and their counts are one table (captioned by the line above), the members stay text, and a date line above
    is no row of it."""
    rep = _read("nn.txt", "Årsmelding 2022\nVedteke i kommunestyret i sak 43/23, datert 18.06.23\n"
                          "POLITISK ORGANISERING\nKommunestyre\n"
                          "Senterpartiet (8): Kari Lid (ordførar), Per Dal, Eva Berg, Ola Vik,\n"
                          "Siri Nes, Jon Li, Tor Ås, Liv Ek\n"
                          "Høgre (5): Anne Bø (varaordførar), Tone Lie, Geir Sæle, Mia Rud, Kåre Fjell\n"
                          "Venstre (3): Rune Holm, Dag Myr, Bjarte Lund\n"
                          "Kristeleg Folkeparti (2): Trude Haug, Kjell Ness\n"
                          "Formannskap\nKari Lid (Sp), Per Dal (Sp), Anne Bø (H)\n")
    cells = {c.row_label: c for c in rep.cells}
    assert {k: c.value for k, c in cells.items()} == {"Senterpartiet": 8, "Høgre": 5, "Venstre": 3,
                                                      "Kristeleg Folkeparti": 2}
    assert len({c.table_number for c in rep.cells}) == 1
    assert cells["Høgre"].caption == "Kommunestyre"
