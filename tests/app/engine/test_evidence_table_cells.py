"""Before a refusal, the stored table cells of the organisation and year asked are searched (app.engine.evidence.
best_cells): a figure whose meaning the table spreads over its row label, column header, caption and heading is
answered when one row clearly holds the question's words together, said as read from the report's table «caption»,
document and page, not a governed measure. A word the organisation's reports never print, an organisation not loaded
and a year the table does not print stay refused; two tables printing the same row for the municipality and the
group are told apart by the word the question writes. Invented reports, refreshed through the real flow."""
from __future__ import annotations

import pytest

from app.engine.engine import ask
from app.engine.evidence import best_cells
from app.engine.families.label_search import _forms
from tests.app.engine.conftest import row_values

REPORTS = {
    "fjellby_kommun_arsredovisning_2031.md": (
        "# Fjellby kommun – Årsredovisning 2031\n\n## Kommunstyrelsen\n\n"
        "Tabell 1 Driftsredovisning 2031 (mnkr)\n\n"
        "| Verksamhet | Intäkter | Kostnader | Nettokostnad |\n|---|---|---|---|\n"
        "| Politisk verksamhet | 0,1 | 24,2 | 24,1 |\n| Kultur och fritid | 5,0 | 41,0 | 36,0 |\n"
        "| Gata och park | 3,0 | 18,5 | 15,5 |\n\n"
        "## Driftsområden\n\n"
        "Tabell 4 Driftsområde – netto resultat (mill. kr)\n\n| Driftsområde | Beløp |\n|---|---|\n"
        "| Sentrale styringsorganer | 29,5 |\n| Samferdsel | 1,4 |\n| Opplæring | 47,2 |\n| Totalt | 78,1 |\n\n"
        "## Översikt över verksamhetens utveckling\n\n"
        "Tabell 2 Kommunen\n\n| Nyckeltal | 2030 | 2031 |\n|---|---|---|\n"
        "| Soliditet i procent | 41 | 43 |\n| Nettoinvesteringar i miljoner kronor | 210 | 190 |\n\n"
        "Tabell 3 Den kommunala koncernen\n\n| Nyckeltal | 2030 | 2031 |\n|---|---|---|\n"
        "| Soliditet i procent | 27 | 29 |\n| Nettoinvesteringar i miljoner kronor | 640 | 610 |\n\n"
        "Kommunen hade 14 200 invånare vid årets slut 2031.\n"),
}


@pytest.fixture(scope="module")
def warehouse(warehouse_over_reports):
    return warehouse_over_reports(REPORTS, "evidence_table_cells")


def test_row_label_and_caption_together_answer(warehouse):
    result = ask("Hva var netto resultat for samferdsel i Fjellby kommun i 2031?", warehouse=warehouse)
    assert result["status"] == "ok", result["answer"]
    assert row_values(result) == [1.4e6], result["answer"]
    # said plainly: read from the report's table, which one and where, not a governed measure
    assert "Ingen styrte mål har dette tallet" in result["answer"], result["answer"]
    assert "«Tabell 4 Driftsområde – netto resultat" in result["answer"], result["answer"]
    assert "fjellby_kommun_arsredovisning_2031.md" in result["answer"], result["answer"]


def test_the_caption_tells_the_group_from_the_municipality(warehouse):
    result = ask("Kva var soliditeten i den kommunale konsernen i Fjellby i 2030 og 2031?", warehouse=warehouse)
    assert result["status"] == "ok", result["answer"]
    assert sorted(row_values(result)) == [27, 29], result["answer"]


@pytest.mark.parametrize("question", [
    "Hva var netto resultat for barnevern i Fjellby kommun i 2031?",  # a word no report of Fjellby prints
    "Hva var netto resultat for samferdsel i Dalby kommune i 2031?",  # an organisation not loaded
    "Hva var netto resultat for samferdsel i Fjellby kommun i 2029?",  # a year the table does not print
    "Hva var budsjettert netto resultat for samferdsel i Fjellby kommun i 2031?",  # a budget the table does not print
])
def test_what_the_tables_do_not_state_stays_refused(warehouse, question):
    result = ask(question, warehouse=warehouse)
    assert result["status"] != "ok", result["answer"]
    assert 1.4e6 not in row_values(result), result["answer"]


def _cell(row, column, value, caption="T", year=2031):
    return {"file_name": "f.md", "page": 1, "line": 1, "table_number": 1, "caption": caption, "heading_path": "",
            "row_label": row, "column_label": column, "column_year": None, "value_year": year, "value": value,
            "is_percent": False, "scenario": "other"}


def test_no_clear_winner_is_no_answer():
    cs = [(w, _forms(w, False)) for w in ("kostnader", "kultur")]
    cells = [_cell("Kultur", "Kostnader", 41.0), _cell("Kultur", "Kostnader", 44.0, caption="U")]
    assert best_cells(cs, cells, [], [2031]) is None  # two tables print different figures for the same words
    cells = [_cell("Kultur", "Kostnader", 41.0), _cell("Kultur", "Nettokostnad", 36.0)]
    assert [c["value"] for c in best_cells(cs, cells, [], [2031])] == [41.0]  # fewest words of its own
    # the rare word must be held: a row holding only the common word does not answer
    cs = [(w, _forms(w, False)) for w in ("kostnader", "barnehage")]
    cells = [_cell("Kultur", "Kostnader", 41.0), _cell("Barnehage", "Intäkter", 2.0)]
    assert best_cells(cs, cells, ["Barnehage er viktig"], [2031]) is None


def test_the_row_label_must_hold_a_word_of_the_question():
    cs = [(w, _forms(w, False)) for w in ("netto", "resultat", "barnevern")]
    # the caption holds the words the texts print; «barnevern» is printed nowhere; no row names the figure asked
    cells = [_cell("Totalt", "Beløp", 78.1, caption="Netto resultat"),
             _cell("Samferdsel", "Beløp", 1.4, caption="Netto resultat")]
    assert best_cells(cs, cells, [], [2031]) is None
    cs = [(w, _forms(w, False)) for w in ("netto", "resultat", "samferdsel")]
    assert [c["value"] for c in best_cells(cs, cells, [], [2031])] == [1.4]


def test_a_budget_asked_is_read_only_from_budget_cells():
    cs = [(w, _forms(w, False)) for w in ("driftsinntekter",)]
    cells = [_cell("Driftsinntekter", "Regnskap", 4535.2)]
    budget = [("budget", "revised_budget", "original_budget")]
    assert best_cells(cs, cells, [], [2031], scenarios=budget) is None
    cells.append({**_cell("Driftsinntekter", "Budsjett", 4400.0), "scenario": "budget"})
    assert [c["value"] for c in best_cells(cs, cells, [], [2031], scenarios=budget)] == [4400.0]



def test_a_word_no_table_prints_is_named_not_dropped(warehouse):
    # the cell found answers "netto resultat for samferdsel"; nothing Fjellby prints holds "forbruksprosent"
    result = ask("Hva var netto resultat og forbruksprosent for samferdsel i Fjellby kommun i 2031?", warehouse=warehouse)
    assert result["status"] == "ok", result["answer"]
    assert row_values(result) == [1.4e6], result["answer"]
    assert "Ingen styrte mål har dette tallet" in result["answer"], result["answer"]
    assert result.get("unused") == ["forbruksprosent"], result["answer"]
    assert "Ikke brukt i svaret: «forbruksprosent»" in result["answer"], result["answer"]


def _column(column, value, year=2031, row="Netto driftsutgifter til idrett, kr per innbygger"):
    return {**_cell(row, column, value, year=year), "column_year": year}


def test_a_comparison_tables_columns_are_their_organisations():
    from app.engine.families.cell_lookup import organisation_column_patterns

    cs = [(w, _forms(w, False)) for w in ("idrett", "innbygger")]
    cells = [_column("Nordvik 2030", 2101, 2030), _column("Nordvik 2031", 2202), _column("Sørdal 2031", 2303),
             _column("Kostragruppe 08 2031", 2404), _column("Landet uten Oslo 2031", 2505)]
    own = best_cells(cs, cells, [], [2031], owners=organisation_column_patterns(["Nordvik kommune"]))
    assert [c["value"] for c in own] == [2202]  # never the group's or the other municipality's column
    other = best_cells(cs, cells, [], [2031], owners=organisation_column_patterns(["Sørdal kommune"]))
    assert [(c["value"], c["column_organisation"]) for c in other] == [(2303, "Sørdal kommune")]
    both = best_cells(cs, cells, [], [2031], owners=organisation_column_patterns(["Nordvik kommune", "Sørdal kommune"]))
    assert sorted((c["column_organisation"], c["value"]) for c in both) == [("Nordvik kommune", 2202),
                                                                          ("Sørdal kommune", 2303)]
    # no organisation's head printed: a group's average is still never the answer unless asked
    plain = [_column("2031", 2202), _column("Kostragruppe 08 2031", 2404)]
    assert [c["value"] for c in best_cells(cs, plain, [], [2031])] == [2202]


def test_a_head_cut_short_and_rows_compared_one_by_one():
    cs = [(w, _forms(w, False)) for w in ("hytteabonnenter", "nordby")]
    cells = [_cell("Nordby kommune", "Hytteab.", 2276), _cell("Nordby kommune", "Innb.", 20254),
             _cell("Vestby kommune", "Hytteab.", 988)]
    assert [c["value"] for c in best_cells(cs, cells, [], [2031])] == [2276]
    cs = [(w, _forms(w, False)) for w in ("innbyggere", "nordby", "vestby")]
    cells = [_cell("Nordby kommune", "Innbyggere", 20254), _cell("Vestby kommune", "Innbyggere", 24028),
             _cell("Nordby kommune", "Areal", 645), _cell("Vestby kommune", "Areal", 938)]
    assert sorted(c["value"] for c in best_cells(cs, cells, [], [2031])) == [20254, 24028]
    # a sentence's last word is no abbreviation
    from app.engine.evidence import abbreviations

    assert abbreviations("Hytteab.") == {"hytteab"} and not abbreviations("Det ble levert flere abonnement i år.")
