"""An account line stated in running text is read when the text ran a heading into its sentence with a dash
("Nøkkeltall for økonomi - Netto driftsresultat ble 819 millioner kroner"), and the heading's words never make a line
of it (invented text)."""
from __future__ import annotations

from flows.reports.parse import parse_document


def test_a_heading_run_into_the_sentence_by_a_dash_leaves_the_line_its_own(tmp_path):
    path = tmp_path / "nordvik_arsberetning_2031.txt"
    path.write_text("Nordvik kommune\nÅrsberetning 2031\n\n"
                    "Nøkkeltall for sunn økonomi - Netto driftsresultat ble 819 millioner kroner, som er 470 mill. "
                    "høyere enn budsjett.\n\n"
                    "Investeringer og drift - kommunen brukte 120 millioner kroner på skolebygg.\n", encoding="utf-8")
    report = parse_document(path)
    lines = {(a.row_label.lower(), a.value_year): a.amount_nok for a in report.accounts}
    assert lines == {("netto driftsresultat", 2031): 819_000_000}
