"""Per-unit tables a web extraction printed one cell per line, with head words wrapped over two lines, units
named at length and two figures in one cell ("2,5/ 1,1" under "Sykemeldt/ egenmeldt"): layout/vertical.py.
Invented pages in bokmål, nynorsk, Swedish and Danish."""
from __future__ import annotations

from flows.reports.document import read_cells


def _cells(tmp_path, text: str) -> dict[tuple[str, str], float]:
    path = tmp_path / "side.txt"
    path.write_text(text, encoding="utf-8")
    return {(c.row_label, c.column_label): c.value for c in read_cells(path).cells}


def _vertical(heads: list[str], rows: list[tuple[str, list[str]]], caption: str) -> str:
    out = [caption, ""]
    out += [h for head in heads for h in (head, "")]
    for label, values in rows:
        out += [label, ""] + [v for value in values for v in (value, "")]
    return "\n".join(out) + "\n"


LONG = "Rådmannen og rådmannens ledergruppe inkl. rådgivere i stab, innkjøpskontoret, kemnerkontoret og arkivet"


def test_bokmal_wrapped_heads_slash_cells_and_a_long_unit_name(tmp_path):
    text = _vertical(["Sykemeldt/", "egenmeldt", "Sykemeldt og", "egenmeldt", "Årsverk per", "31.12.21"],
                     [(LONG, ["2,5/ 1,1", "3,6", "13,6"]), ("Økonomiavdelingen", ["7,9/ 1,3", "9,2", "6,2"]),
                      ("Sum", ["5,6/ 1,2", "6,8", "19,8"])], "Sykefravær 2021")
    cells = _cells(tmp_path, text)
    assert cells[(LONG, "Sykemeldt")] == 2.5 and cells[(LONG, "egenmeldt")] == 1.1
    assert cells[("Økonomiavdelingen", "Sykemeldt og egenmeldt")] == 9.2
    assert cells[("Sum", "Årsverk per 31.12.21")] == 19.8


def test_nynorsk_heads_wrapped_after_a_joining_word(tmp_path):
    text = _vertical(["Budsjett", "for 2022", "Rekneskap", "for 2022"],
                     [("Skule", ["10 500", "10 900"]), ("Barnehage", ["8 200", "8 010"]), ("Pleie og omsorg", ["20 300", "21 450"])],
                     "Netto driftsutgifter per eining")
    cells = _cells(tmp_path, text)
    # (accounts against budget of the units in whole figures, no unit printed: assumed 1 000 kr, test_corroborated_scale)
    assert cells[("Skule", "Budsjett for 2022")] == 10_500_000 and cells[("Pleie og omsorg", "Rekneskap for 2022")] == 21_450_000


def test_swedish_and_danish_heads_continued_in_lower_case(tmp_path):
    sv = _vertical(["Sjukfrånvaro", "totalt", "Andel långtids-", "frånvaro"],
                   [("Barn och utbildning", ["6,1", "42,0"]), ("Vård och omsorg", ["8,4", "51,3"])], "Sjukfrånvaro per förvaltning")
    cells = _cells(tmp_path, sv)
    assert cells[("Vård och omsorg", "Sjukfrånvaro totalt")] == 8.4 and cells[("Barn och utbildning", "Andel långtids- frånvaro")] == 42.0
    da = _vertical(["Sygefravær", "i alt", "Fuldtids-", "stillinger"],
                   [("Børn og unge", ["5,1", "310,5"]), ("Ældre", ["7,2", "512,0"])], "Sygefravær per område")
    cells = _cells(tmp_path, da)
    assert cells[("Ældre", "Sygefravær i alt")] == 7.2 and cells[("Børn og unge", "Fuldtids- stillinger")] == 310.5


def test_a_head_that_does_not_make_the_rows_count_of_cells_is_not_joined(tmp_path):
    text = _vertical(["Sykemeldt/", "egenmeldt", "Årsverk per", "31.12.21", "Merknad"],
                     [("Skole", ["2,5", "3,6"]), ("Helse", ["7,9", "9,2"])], "Sykefravær 2021")
    cells = _cells(tmp_path, text)
    assert not any(col in ("Sykemeldt/ egenmeldt", "Årsverk per 31.12.21") for _, col in cells)
