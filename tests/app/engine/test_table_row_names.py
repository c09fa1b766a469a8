"""Table rows named by what a question writes beside the words: a short form in capitals the row prints, and English
cash-flow words for the Norwegian rows of a cash-flow statement (invented labels)."""
from __future__ import annotations

from app.engine.families.cell_lookup import acronym_labels
from app.engine.wordforms import LabelIndex, question_terms, with_compounds_written_apart

ROWS = ["Verksamhetens intäkter", "Årets resultat", "Avsättning till RUR", "Balanskravsresultat", "Medel från IKS"]


def _terms(text: str, index: LabelIndex):
    return with_compounds_written_apart(question_terms(text, index.known), index.known)


def test_a_short_form_in_capitals_names_the_row_printing_it():
    index = LabelIndex(ROWS)
    question = "Avsetning til resultatutjevningsreserven (RUR) 2031"
    found = acronym_labels(question, index.labels, _terms(question, index), set())
    assert [m.label for m in found] == ["Avsättning till RUR"]


def test_no_row_for_a_short_form_the_rows_do_not_print_or_that_is_the_organisations_name():
    index = LabelIndex(ROWS)
    assert acronym_labels("Avsetning til RUF 2031", index.labels, _terms("Avsetning til RUF", index), set()) == []
    assert acronym_labels("Midler Eksempel IKS 2031", index.labels, _terms("Midler Eksempel IKS", index), {"iks"}) == []


def test_only_rows_the_organisation_asked_prints():
    index = LabelIndex(ROWS)
    found = acronym_labels("RUR 2031", index.labels, _terms("RUR", index), set(), printed=lambda label: False)
    assert found == []


CASH = ["Netto kontantstrøm fra operasjonelle aktiviteter", "Netto kontantstrøm fra investeringsaktiviteter",
        "Netto kontantstrøm fra finansieringsaktiviteter", "Resultat før skattekostnad"]


def test_english_cash_flow_words_reach_the_norwegian_row_of_the_activity_asked():
    from app.engine.families import label_search
    from app.engine.families.base import Question

    for question, row in (("Net cash flow from operating activities 2031", CASH[0]),
                          ("Net cash flow from investing activities 2031", CASH[1]),
                          ("Net cash flow from financing activities", CASH[2])):
        cs = label_search.concepts(Question.parse(question, "en"), set())
        assert label_search.best(cs, CASH, set()) == ([row], []), question
