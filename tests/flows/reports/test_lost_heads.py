"""Tables whose header line was lost in extraction: columns named only from evidence on the page (invented)."""
from __future__ import annotations

from flows.reports.document import read_cells
from flows.reports.layout.lost_heads import columns_in_sentence


def _cells(tmp_path, lines: list[str]) -> dict[tuple[str, str], tuple[int | None, str, float]]:
    path = tmp_path / "transkript.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return {(c.row_label, c.column_label): (c.column_year, c.scenario, c.value) for c in read_cells(path).cells}


def test_a_sentence_that_lists_the_columns_names_them_in_order():
    cols = columns_in_sentence("Tabellen under viser regnskap 2031, justert budsjett 2031 og avvik i prosent.", 3)
    assert [(c.label, c.year, c.scenario) for c in cols] == [
        ("regnskap 2031", 2031, "actual"), ("justert budsjett 2031", 2031, "revised_budget"),
        ("avvik i prosent", None, "variance_pct")]
    years = columns_in_sentence("Tabell 4 viser folketallet per 1.1. i 2029, 2030 og 2031.", 3)
    assert [c.year for c in years] == [2029, 2030, 2031]
    swedish = columns_in_sentence("Nedan redovisas utfall 2030, budget 2030 samt avvikelse (mnkr).", 3)
    assert [c.scenario for c in swedish] == ["actual", "budget", "variance"]


def test_a_sentence_naming_another_number_of_columns_or_amounts_names_none():
    assert columns_in_sentence("Tabellen viser regnskap 2031 og budsjett 2031.", 3) is None
    assert columns_in_sentence("Regnskapet viste et mindreforbruk på 2,3 mill. kr, mens budsjettet var 118 mill.", 3) is None
    assert columns_in_sentence("Sektorene har hatt en krevende drift gjennom året.", 3) is None


def test_rows_without_a_head_under_a_sentence_listing_the_columns(tmp_path):
    cells = _cells(tmp_path, [
        "Økonomisk resultat", "",
        "Tabellen viser regnskap 2031, budsjett 2031 og avvik for tjenesteområdene (tall i 1000 kr).", "",
        "Oppvekst 120 500 118 000 -2 500", "Helse og omsorg 210 300 205 000 -5 300", "Kultur 12 100 12 500 400"])
    assert cells[("Oppvekst", "regnskap 2031")] == (2031, "actual", 120_500_000)
    assert cells[("Helse og omsorg", "budsjett 2031")] == (2031, "budget", 205_000_000)
    assert cells[("Kultur", "avvik")] == (None, "variance", 400_000)


def test_rows_after_text_under_the_head_of_the_table_before_them_on_the_page(tmp_path):
    lines = ["Driftsregnskap", "", "Ansvar Regnskap 2031 Budsjett 2031 Avvik", "Stab 10 500 11 000 500",
             "Økonomi 8 200 8 000 -200", "",
             "Oppvekst har hatt en krevende drift gjennom hele året, med flere barn i barnehage enn ventet og høyere "
             "utgifter til spesialundervisning. Samtidig har sykefraværet gått ned.", "",
             "Skole 120 500 118 000 -2 500", "Barnehage 80 300 81 000 700"]
    cells = _cells(tmp_path, lines)
    assert cells[("Skole", "Regnskap 2031")][:2] == (2031, "actual")
    assert cells[("Barnehage", "Avvik")][1:] == ("variance", 700)
    # rows whose figures do not bear the earlier head's variance out keep their columns unnamed
    lines[-2:] = ["Skole 120 500 118 000 9 999", "Barnehage 80 300 81 000 1 234"]
    cells = _cells(tmp_path, lines)
    assert cells[("Skole", "")][1] == "other" and ("Skole", "Regnskap 2031") not in cells


def test_without_evidence_the_columns_stay_unnamed_and_no_year_is_guessed(tmp_path):
    cells = _cells(tmp_path, ["Nøkkeltall", "", "Oppvekst 120 500 118 000 -2 500", "Helse 210 300 205 000 -5 300"])
    assert {col for _, col in cells} == {""}
    assert all(year is None for year, _, _ in cells.values())


def test_a_new_caption_between_the_tables_stops_the_earlier_head(tmp_path):
    cells = _cells(tmp_path, ["Driftsregnskap", "", "Ansvar Regnskap 2031 Budsjett 2031 Avvik", "Stab 10 500 11 000 500",
                              "Økonomi 8 200 8 000 -200", "", "Tabell 5 Brukere per tjeneste", "",
                              "Hjemmetjeneste 1 200 1 100 -100", "Sykehjem 300 310 10"])
    assert ("Hjemmetjeneste", "Regnskap 2031") not in cells and ("Hjemmetjeneste", "") in cells


def test_headerless_rows_that_all_group_thousands_are_cut_into_the_count_every_row_reads(tmp_path):
    path = tmp_path / "uten_hode.txt"
    path.write_text("Brukere\n\nHjemmetjeneste 1 200 1 100 -100\nSykehjem 300 310 10\nDagsenter 450 420 -30\n",
                    encoding="utf-8")
    rows: dict[str, list[float]] = {}
    for c in read_cells(path).cells:
        rows.setdefault(c.row_label, []).append(c.value)
    assert rows == {"Hjemmetjeneste": [1200, 1100, -100], "Sykehjem": [300, 310, 10], "Dagsenter": [450, 420, -30]}


def test_a_sentence_names_the_columns_of_rows_that_could_also_read_as_one_huge_figure(tmp_path):
    # "120 500 118 000 2,1" is 120 500 | 118 000 | 2,1, never a hundred-billion figure and 2,1
    cells = _cells(tmp_path, ["Resultat", "", "Tabell 3 Regnskap 2016, justert budsjett 2016 og avvik i prosent", "",
                              "Oppvekst 120 500 118 000 2,1", "Helse og omsorg 210 300 205 000 2,6"])
    assert cells[("Oppvekst", "justert budsjett 2016")] == (2016, "revised_budget", 118_000)
    assert cells[("Helse og omsorg", "avvik i prosent")] == (None, "variance_pct", 2.6)


def test_an_amount_in_the_sentence_above_is_no_scale_declaration():
    from flows.reports.layout.scale import find_scale_source

    said = "Regnskapet viste et mindreforbruk på 2,3 mill. kr, og avviket framgår under."
    assert find_scale_source([(said, "caption")]) is None
    declared = "Driftsoversikt 2031. Mill. kr"
    assert find_scale_source([(declared, "caption")]) == (declared, "caption")
