"""One home for the words that name a kind of unit (flows/unit_kinds.py): a table corner or caption that declares its
rows units, a report title naming a part of an organisation, and a question naming a unit by its kind read every
form of a head noun alike. Invented words in bokmål, nynorsk and Swedish."""
from __future__ import annotations

import re

import pytest

from app.engine.names import unit_words
from flows.reports.scope import names_part
from flows.reports.unit_rows import declared_unit_row
from flows.unit_kinds import COMPOUND_KINDS, PART_KINDS, ROW_KINDS, UNIT_NOUNS, unit_kind_forms


def _forms(head: str) -> list[str]:
    return ([] if head == "sentr" else [head]) + [head + e for e in UNIT_NOUNS[head]]


@pytest.mark.parametrize("head", ROW_KINDS)
def test_every_form_of_a_row_kind_declares_a_tables_rows_units(head):
    for form in _forms(head):
        assert declared_unit_row("Oppvekst", form.capitalize(), None) == "Oppvekst", form
        assert declared_unit_row("Oppvekst", "", f"Årsverk per {form}") == "Oppvekst", form
    assert declared_unit_row("Oppvekst", head.capitalize() + "sleder", None) is None  # a longer word is none


@pytest.mark.parametrize("head", PART_KINDS)
def test_every_form_of_a_part_kind_ends_a_compound_naming_a_part(head):
    for form in _forms(head):
        assert names_part(f"Årsrapport for Miljø{form}"), form
    assert not names_part(f"Miljø{head}x og drift")


@pytest.mark.parametrize("head", COMPOUND_KINDS)
def test_every_form_of_a_compound_kind_names_a_unit_in_a_question(head):
    for form in _forms(head):
        word = f"økonomi{form}"
        assert unit_words(f"årsverk i {word}", [word]) == [word], form
        assert unit_words(f"årsverk i IT-{form}", ["it"]) == [f"it-{form}"], form


def test_forms_once_each_and_folded_for_folded_text():
    assert unit_kind_forms(["nämnd"], folded=True) == "namnd(?:en|er|erna)?"
    assert unit_kind_forms(["forvaltning", "förvaltning"], folded=True).count("forvaltning") == 1
    assert re.fullmatch(unit_kind_forms(["sentr"]), "sentr") is None  # a bound stem needs its ending
    assert re.fullmatch(unit_kind_forms(["sentr"]), "sentret")


def test_the_words_live_in_one_place():
    """No reader or engine module spells a unit kind's inflections itself."""
    from pathlib import Path
    root = Path(__file__).resolve().parents[2]
    spelled = re.compile(r"avdeling\(\?:|enhet\(\?:|eining\(\?:|sektor\(\?:")
    for path in [*root.joinpath("flows").rglob("*.py"), *root.joinpath("app").rglob("*.py")]:
        if path.name != "unit_kinds.py":
            assert not spelled.search(path.read_text(encoding="utf-8")), path
