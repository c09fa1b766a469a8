"""Units a document's headings open (flows/reports/heading_units.py), on invented documents: a heading that labels
rows of a per-unit table, or names a unit the document lists, opens that unit's chapter and the figures read in it
are the unit's; other headings open nothing; "Full name (ACR)" makes the short form the unit's alias."""
from __future__ import annotations

from flows.reports.heading_units import Heading, declared_acronyms, heading_level, heading_name, heading_units
from flows.reports.parse import parse_document

DOCUMENT = """# Årsmelding 2030 for Eksempelvik kommune

## Organisasjon

Eksempelvik kommune hadde 812 ansatte og 640,5 årsverk ved utgangen av 2030. Det samlede sykefraværet i kommunen var 7,9 %.

| Sektor | Årsverk 2030 | Sykefravær 2030 |
|---|---|---|
| Oppvekst | 210,4 | 8,1 % |
| Helse og omsorg | 301,2 | 9,4 % |
| Teknisk drift | 58,0 | 5,2 % |

## Oppvekst

Oppvekst hadde 210,4 årsverk i 2030. Sykefraværet i sektoren var 8,1 %, mot 7,6 % i 2029.

## Helse og omsorg

Det legemeldte sykefraværet var 7,0 %.

## Teknisk drift (TD)

Teknisk drift hadde et mindreforbruk på 1,2 mill. kr.

## Sykefravær

Sykefraværet for hele kommunen var 7,9 %, mot 7,1 % i 2029.
"""


def _facts(tmp_path, text: str = DOCUMENT):
    path = tmp_path / "eksempelvik_kommune_arsmelding_2030.md"
    path.write_text(text, encoding="utf-8")
    report = parse_document(path)
    return report, {(f.metric, f.value, f.value_year, f.unit_name) for f in report.facts}


def test_figures_in_a_units_chapter_are_the_units_and_the_organisations_stay_the_organisations(tmp_path):
    report, facts = _facts(tmp_path)
    assert ("fte", 210.4, 2030, "Oppvekst") in facts
    assert ("sick_leave_pct", 8.1, 2030, "Oppvekst") in facts and ("sick_leave_pct", 7.6, 2029, "Oppvekst") in facts
    assert ("sick_leave_doctor_certified_pct", 7.0, 2030, "Helse og omsorg") in facts
    assert ("budget_result_nok", 1_200_000, 2030, "Teknisk drift") in facts
    assert ("fte", 640.5, 2030, None) in facts and ("sick_leave_pct", 7.9, 2030, None) in facts
    assert ("sick_leave_pct", 7.1, 2029, None) in facts  # "Sykefravær" is a measure, not a unit: no chapter
    assert {u.name for u in report.units} >= {"Oppvekst", "Helse og omsorg", "Teknisk drift"}
    assert "Sykefravær" not in {u.name for u in report.units} and "Organisasjon" not in {u.name for u in report.units}


def test_a_short_form_in_a_units_heading_is_its_alias(tmp_path):
    report, _ = _facts(tmp_path)
    assert ("Teknisk drift", "TD") in report.unit_aliases


def test_headings_without_a_per_unit_table_or_a_known_unit_open_nothing(tmp_path):
    text = DOCUMENT.replace("| Oppvekst | 210,4 | 8,1 % |\n| Helse og omsorg | 301,2 | 9,4 % |\n", "")
    report, facts = _facts(tmp_path, text)  # one matching row is no per-unit table
    assert ("fte", 210.4, 2030, None) in facts
    assert "Oppvekst" not in {u.name for u in report.units}


def test_heading_names_levels_and_spans():
    assert heading_name("3.2 Teknisk drift (TD)") == ("Teknisk drift", "TD")
    assert heading_name("Kapittel 4 Helse og omsorg:") == ("Helse og omsorg", None)
    assert heading_level("3.2.1 Skole", 0) == 3 and heading_level("Skole", 2) == 2 and heading_level("Skule", 0) == 1
    headings = [Heading(0, 1, "2 Tjenesteområdene"), Heading(3, 2, "2.1 Skule"), Heading(5, 3, "2.1.1 Elevtal"),
                Heading(8, 2, "2.2 Barnehage"), Heading(12, 1, "3 Økonomi")]
    found = heading_units(headings, {}, [["Skule", "Barnehage", "Sum"]])
    assert [(u.name, u.start, u.end) for u in found] == [("Skule", 3, 8), ("Barnehage", 8, 12)]
    known = heading_units(headings, {"skule": "Skule"}, [])  # a unit the document lists by the other rules
    assert [(u.name, u.start, u.end) for u in known] == [("Skule", 3, 8)]
    # a row label that is an account line or a metric is never a unit
    assert heading_units(headings, {}, [["Skule", "Barnehage"]], excluded=lambda label: label == "Barnehage") == []


def test_declared_short_forms_belong_to_one_name_only():
    texts = ["Avdeling for kart og oppmåling (KOP) har ansvar for ...", "Kart og oppmåling (KOP) leverer"]
    assert declared_acronyms(texts, ["Kart og oppmåling"]) == {"KOP": "Kart og oppmåling"}
    assert declared_acronyms(["Plan og bygg (PB) og Park og bad (PB)"], ["Plan og bygg", "Park og bad"]) == {}


def test_the_organisations_parts_taken_together_are_no_unit(tmp_path):
    # "Kommunens tjenesteområder har samlet sett et mindreforbruk": all the service areas together, never a unit named
    # "Kommunens tjenesteområder sett"
    text = ("# Eksempelvik kommune årsregnskap 2030\n\nKommunens tjenesteområder har samlet sett et mindreforbruk på "
            "27 millioner kroner i 2030. Noen få tjenesteområder har merforbruk.\n")
    report, facts = _facts(tmp_path, text)
    assert [u for u in report.units if "sett" in (u.name or "")] == []
    assert {unit for metric, _, _, unit in facts if metric == "budget_result_nok"} <= {None, "Eksempelvik kommune"}
