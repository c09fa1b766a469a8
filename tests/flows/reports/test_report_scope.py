"""What a report covers, read from the document itself (flows/reports/scope.py): the whole organisation, a named
part of it, or one unit. Invented documents in bokmål, nynorsk, English and Swedish."""
from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pytest

from flows.reports.scope import read_scope


@dataclass
class L:
    text: str
    page: int = 1
    number: int = 0


def _lines(text: str) -> list[L]:
    return [L(t.strip(), 1, k) for k, t in enumerate(text.strip().splitlines(), start=1)]


@pytest.mark.parametrize("text, organisation, kind, name", [
    # a title narrowed to a part
    ("Nordvik kommune\nÅrsrapport 2020 – Rådmannens områder\n1 Organisasjon", "Nordvik kommune", "part",
     "Rådmannens områder"),
    ("Årsmelding 2019 for tenesteområde oppvekst\nNordvik herad", "Nordvik herad", "part", "tenesteområde oppvekst"),
    ("Sørby kommun\nVerksamhetsberättelse 2021: Socialförvaltningen\nInledning", "Sørby kommun", "part",
     "Socialförvaltningen"),
    ("Annual report 2021 – Finance department\nNordvik municipality", None, "part", "Finance department"),
    # a short line of its own beside the title
    ("Nordvik kommune\nÅrsrapport 2020\nSektor helse og omsorg\nInnledning", "Nordvik kommune", "part",
     "Sektor helse og omsorg"),
    # a field of a form-like title page
    ("Budgetskrivelse 2027\nStatus: Klar Organisation: Kultur- och fritidsnämnden\nInnehåll", "Sørby kommun",
     "part", "Kultur- och fritidsnämnden"),
    # a title page that opens one unit's chapter: a unit or a shared service the organisation hosts
    ("Nordvik kommune\nÅrsrapport 2020\nFelles lønnskontor\nLeder: Kari Nordmann\nBegivenheter:", "Nordvik kommune",
     "unit", "Felles lønnskontor"),
    ("Nordvik herad\nÅrsmelding 2020\nIKT-tenesta\nLeiar: Ola Vik", "Nordvik herad", "unit", "IKT-tenesta"),
    ("Nordvik kommune\nÅrsrapport 2020\nFelles regnskap og lønn\nLeder: Kari Nordmann", "Nordvik kommune", "unit",
     "Felles regnskap og lønn"),
    # a sentence saying what the report covers, with the areas listed
    ("1 Organisasjon\nRapporten omfatter følgende områder:\n• Rådmann\n• Økonomienheten\n• Personalenheten\n"
     "1.2 Sykefravær", "Nordvik kommune", "part", "Rådmann, Økonomienheten, Personalenheten"),
    ("Innleiing\nRapporten omfattar eininga for barnevern i Nordvik.", "Nordvik herad", "part",
     "eininga for barnevern i Nordvik"),
    ("Introduction\nThis report covers the technical services division.", "Nordvik municipality", "part",
     "the technical services division"),
])
def test_a_report_about_a_part_or_a_unit_says_which(text, organisation, kind, name):
    scope = read_scope(_lines(text), organisation, "rapport_2020.txt")
    assert (scope.kind, scope.name) == (kind, name)
    assert scope.text and scope.source in ("title", "title page", "covers sentence")
    assert scope.page == 1 and scope.line is not None  # where the document says so


@pytest.mark.parametrize("text, organisation", [
    ("Nordvik kommune\nÅrsrapport 2020\nRådmannens innledning\nKommunen fikk et godt resultat.", "Nordvik kommune"),
    ("Årsmelding 2018 - Nordvik herad\nOrganisasjon og medarbeidarar", "Nordvik herad"),
    ("Fjordnett IKS\nÅrsmelding 2021\nOm virksomheten\nSelskapet leverer IT-tjenester til eierne.", "Fjordnett IKS"),
    # a table of contents lists parts; it is no title
    ("Innledning\nside 3\nAvdeling drift\nside 4\nAvdeling utvikling\nside 9\nStyrets beretning", "Fjordnett IKS"),
    # a unit chapter named after the organisation itself
    ("Årsrapport 2020\nNordvik kommune\nLeder: Kari Nordmann", "Nordvik kommune"),
    # the report says it covers the whole
    ("Årsrapport 2020\nRapporten omfatter hele kommunen og alle enhetene.", "Nordvik kommune"),
    ("Annual report 2020\nThis report covers the municipality as a whole.", None),
    ("Årsredovisning 2020\nRapporten avser hela kommunen.", "Sørby kommun"),
])
def test_a_report_about_the_whole_organisation(text, organisation):
    assert read_scope(_lines(text), organisation, "nordvik_arsrapport_2020.txt").kind == "whole"


def test_the_file_name_names_the_part_when_the_text_does_not():
    lines = _lines("Årsrapport 2020\nInnledning\nÅret var krevende.")
    scope = read_scope(lines, "Nordvik kommune", "nordvik-sektor-oppvekst-2020.pdf")
    assert (scope.kind, scope.name, scope.source) == ("part", "sektor oppvekst", "file name")
    assert read_scope(lines, "Nordvik kommune", "nordvik-kommune-2020.pdf").kind == "whole"


def test_the_scope_is_stored_with_its_provenance(tmp_path):
    from flows.reports.parse import parse_document
    from flows.warehouse import ensure_raw_schema, load_report

    path = tmp_path / "arsrapport-2020.txt"
    path.write_text("Nordvik kommune\nÅrsrapport 2020 – Rådmannens områder\n\n1 Sykefravær\n"
                    "Sykefraværet var 5,1 % i 2020.\n", encoding="utf-8")
    report = parse_document(path)
    assert report.organisation == "Nordvik kommune"
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    ensure_raw_schema(con)
    load_report(con, report, path)
    row = con.execute("select scope_kind, scope_name, scope_source, scope_page, scope_line, scope_excerpt "
                      "from raw.documents").fetchone()
    assert row[:3] == ("part", "Rådmannens områder", "title")
    assert row[3] == 1 and row[4] is not None and "Rådmannens områder" in row[5]


@pytest.mark.parametrize("text", [
    # the organisation's own chapter about all its areas: its heading, a web page's title, a breadcrumb
    "Nordvik kommune – Årsberetning 2031\nResultater for tjenesteområdene\nTjenesteområdene fikk et merforbruk.",
    "Årsrapport 2031 – Hovedtall – Rammeområdene\nRammeområdene\nRammeområdene viser samlet et merforbruk.",
    "Rammeområdene – Årsrapport 2031 – Nordvik kommune\nRammeområdene\nTekst om året.",
    "Årsmelding 2031\nØkonomien i sektorane\nSektorane heldt budsjettet.",
    "Annual report 2031\nResults for the service areas\nThe service areas kept their budgets.",
    # a table's header line naming the kind of its rows, under the title
    "Årsberetning 2031\nTjenesteområde | Regnskap 2031 | Regulert budsjett 2031 | Avvik 2031\nOppvekst | 10 | 9 | -1",
    "Årsberetning 2031\nTjenesteområde Regnskap 2031 Budsjett 2031 Avvik\nOppvekst 10 9 -1",
    "Rapporten omfatter tjenesteområdene.\nOppvekst og helse er de største.",
    # a table's caption whose report kind is what the figures are compared with
    "Nordvik kommune\nÅrsrapport 2031\nRammeområder 2031 - med avvik i forhold til budsjett\nPolitisk styring 5 920",
    "Annual report 2031\nService areas 2031 compared to budget\nPolitics 5 920",
])
def test_a_heading_about_every_part_or_a_tables_header_is_no_part(text):
    scope = read_scope(_lines(text), "Nordvik kommune", "nordvik_arsrapport_2031.txt")
    assert (scope.kind, scope.name) == ("whole", None)


@pytest.mark.parametrize("text, name", [
    ("Årsrapport 2031 for tjenesteområdene helse og omsorg\nInnledning", "tjenesteområdene helse og omsorg"),
    ("Årsmelding 2031 – Omsorgsområdene\nInnleiing", "Omsorgsområdene"),
    ("Årsrapport 2031 – de tekniske enhetene\nInnledning", "de tekniske enhetene"),
    ("Budsjett og økonomiplan 2031 for sektor helse\nInnledning", "sektor helse"),
    ("Nordvik kommune\nÅrsrapport 2031\nTjenesteområde oppvekst\nTjenesteområde | Regnskap 2031 | Budsjett 2031",
     "Tjenesteområde oppvekst"),
])
def test_a_part_named_beside_a_plural_or_above_a_table_keeps_its_caveat(text, name):
    scope = read_scope(_lines(text), "Nordvik kommune", "nordvik_arsrapport_2031.txt")
    assert (scope.kind, scope.name) == ("part", name)
