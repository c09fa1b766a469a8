"""A word that names several exports, one as a whole word in another form or spelling ("lønnskontoret" is
<…>_lonnskontor_<…> itself) and the others only by a part ("lønn" of <…>_lonn_<…>): it names that one export."""
from __future__ import annotations

from types import SimpleNamespace

from app.engine.families import tickets
from app.engine.families.base import Question

TV = SimpleNamespace(sources=[
    SimpleNamespace(system="a", words=["nordvik", "ikt", "lonnskontor", "odoo"], files=["nordvik_ikt_lonnskontor_odoo.csv"],
                    formats={"csv"}, keyed=False, events=False, dateless=False),
    SimpleNamespace(system="b", words=["nordvik", "ikt", "pureservice"], files=["nordvik_ikt_pureservice.csv"],
                    formats={"csv"}, keyed=False, events=False, dateless=False),
    SimpleNamespace(system="c", words=["austby", "hr", "lonn", "trengo"], files=["austby_hr_lonn_trengo.json"],
                    formats={"json"}, keyed=False, events=False, dateless=False),
], id_prefixes=[], value_systems={})


def test_the_export_the_word_is_as_a_whole_is_the_one_it_names():
    chosen, used = tickets.selected_sources(Question.parse("Hvem fikk flest saker ved lønnskontoret i 2024?", "nb"), TV)
    assert [s.system for s in chosen] == ["a"] and "lønnskontoret" in used


def test_a_word_naming_only_parts_of_several_exports_names_none_alone():
    chosen, _ = tickets.selected_sources(Question.parse("Hvor mange lønnshenvendelser kom i 2024?", "nb"), TV)
    assert [s.system for s in chosen] != ["a"]


TV2 = SimpleNamespace(sources=[
    SimpleNamespace(system="a", words=["nordvik", "ikt", "lonnskontor", "odoo"], files=["nordvik_ikt_lonnskontor_odoo.csv"],
                    formats={"csv"}, keyed=False, events=False, dateless=False),
    SimpleNamespace(system="c", words=["austby", "hr", "lonn", "lønnssaker", "dynamics"], files=["austby_hr_lonn_d365.xlsx"],
                    formats={"xlsx"}, keyed=False, events=False, dateless=False),
], id_prefixes=[], value_systems={})


def test_a_ticket_compound_beside_the_desk_it_begins_is_that_desks_tickets():
    q = Question.parse("Hvor mange lønnssaker fikk lønnskontoret i Nordvik i 2024?", "nb")
    chosen, used = tickets.selected_sources(q, TV2)
    assert [s.system for s in chosen] == ["a"] and "lønnssaker" in used
    # alone, the compound names the export whose title holds it
    chosen, _ = tickets.selected_sources(Question.parse("Hvor mange lønnssaker kom i Austby i 2024?", "nb"), TV2)
    assert [s.system for s in chosen] == ["c"]
