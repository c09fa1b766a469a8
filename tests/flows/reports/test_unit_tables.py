"""Per-unit metric tables: rows are the document's units, columns years, the metric named only above the rows
(caption, header corner, column header, heading). Invented documents; no organisation of the corpus."""
from __future__ import annotations

from pathlib import Path

from flows.reports.cells import ReportCell
from flows.reports.model import MetricFact, ParsedReport, Provenance, UnitInfo
from flows.reports.parse import add_classified, parse_document

CHAPTERS = ["Oppvekst", "Helse og omsorg", "Teknisk drift"]


def _doc(tmp_path: Path, name: str, head: str, chapters: list[str], table: str) -> ParsedReport:
    text = [f"# {head}", ""]
    for chapter in chapters:
        text += [f"## {chapter}", "", f"Om {chapter.lower()} i året som gikk.", ""]
    path = tmp_path / name
    path.write_text("\n".join(text + ["## Medarbeidere", "", table.strip(), ""]), encoding="utf-8")
    return parse_document(path)


def _facts(report: ParsedReport, metric: str) -> dict[tuple, float]:
    """The year figures of a metric (a part of a year's figure carries its period and is no year figure)."""
    year_facts = [f for f in report.facts if f.metric == metric and f.period is None]
    keys = [(f.unit_name, f.value_year, f.subject) for f in year_facts]
    assert len(keys) == len(set(keys)), f"two figures for one unit and year: {sorted(keys, key=str)}"
    return {(f.unit_name, f.value_year): f.value for f in year_facts}


def test_bokmal_sick_leave_per_sector_from_the_caption(tmp_path):
    report = _doc(tmp_path, "arsmelding-2022.md", "Årsmelding 2022 for Nordvik kommune", CHAPTERS, """
Sykefravær i prosent

| Sektor | 2020 | 2021 | 2022 |
|---|---|---|---|
| Oppvekst | 6,4 | 7,3 | 8,2 |
| Helse og omsorg | 9,1 | 10,6 | 11,8 |
| Teknisk drift | 4,5 | 5,2 | 6,7 |
| Nordvik kommune | 7,1 | 8,4 | 9,3 |
""")
    facts = _facts(report, "sick_leave_pct")
    assert facts[("Oppvekst", 2020)] == 6.4 and facts[("Helse og omsorg", 2022)] == 11.8
    assert facts[("Teknisk drift", 2021)] == 5.2
    assert facts[(None, 2022)] == 9.3, "the organisation's own row is the organisation-wide figure"
    per_unit = [f for f in report.facts if f.metric == "sick_leave_pct" and f.unit_name]
    assert len(per_unit) == 9 and all(f.subject is None for f in per_unit)


def test_nynorsk_sick_leave_named_only_in_the_header_corner(tmp_path):
    report = _doc(tmp_path, "arsmelding-2021.md", "Årsmelding 2021 for Vestdal kommune",
                  ["Skule og barnehage", "Helse og omsorg", "Kultur"], """
Tabellen under viser utviklinga dei siste åra.

| Sjukefråvær | 2019 | 2020 | 2021 |
|---|---|---|---|
| Skule og barnehage | 5,5 % | 6,6 % | 7,7 % |
| Helse og omsorg | 8,8 % | 9,9 % | 10,1 % |
| Kultur | 2,2 % | 3,3 % | 4,4 % |
""")
    facts = _facts(report, "sick_leave_pct")
    assert facts == {("Skule og barnehage", 2019): 5.5, ("Skule og barnehage", 2020): 6.6, ("Skule og barnehage", 2021): 7.7,
                     ("Helse og omsorg", 2019): 8.8, ("Helse og omsorg", 2020): 9.9, ("Helse og omsorg", 2021): 10.1,
                     ("Kultur", 2019): 2.2, ("Kultur", 2020): 3.3, ("Kultur", 2021): 4.4}


def test_swedish_sick_leave_per_administration(tmp_path):
    report = _doc(tmp_path, "arsredovisning-2023.md", "Årsredovisning 2023 Östby kommun",
                  ["Barn- och utbildningsförvaltningen", "Socialförvaltningen", "Samhällsbyggnadsförvaltningen"], """
Sjukfrånvaro per förvaltning (%)

| Förvaltning | 2022 | 2023 |
|---|---|---|
| Barn- och utbildningsförvaltningen | 6,2 | 5,9 |
| Socialförvaltningen | 8,4 | 8,1 |
| Samhällsbyggnadsförvaltningen | 3,7 | 3,1 |
""")
    facts = _facts(report, "sick_leave_pct")
    assert facts[("Socialförvaltningen", 2023)] == 8.1
    assert facts[("Barn- och utbildningsförvaltningen", 2022)] == 6.2
    assert facts[("Samhällsbyggnadsförvaltningen", 2023)] == 3.1
    assert len(facts) == 6


def test_full_time_equivalents_per_sector_from_the_column_headers(tmp_path):
    report = _doc(tmp_path, "arsrapport-2021.md", "Årsrapport 2021 Sørfjord kommune", CHAPTERS, """
Bemanningen i sektorene er stabil.

| Eining | Årsverk 2020 | Årsverk 2021 |
|---|---|---|
| Oppvekst | 120,5 | 122,0 |
| Helse og omsorg | 210,3 | 215,8 |
| Teknisk drift | 40,2 | 41,0 |
""")
    facts = _facts(report, "fte")
    assert facts == {("Oppvekst", 2020): 120.5, ("Oppvekst", 2021): 122.0, ("Helse og omsorg", 2020): 210.3,
                     ("Helse og omsorg", 2021): 215.8, ("Teknisk drift", 2020): 40.2, ("Teknisk drift", 2021): 41.0}


def test_units_of_a_text_file_and_headcount_per_sector(tmp_path):
    path = tmp_path / "arsmelding-2021.txt"
    path.write_text("\n".join([
        "Årsmelding 2021 Austby kommune", "",
        "1 Oppvekst", "Tekst om oppvekst i året som gikk.", "",
        "2 Helse og omsorg", "Tekst om helse og omsorg i året.", "",
        "3 Teknisk drift", "Tekst om teknisk drift i året.", "",
        "4 Personal", "Antall ansatte", "Sektor 2020 2021",
        "Oppvekst 150 155", "Helse og omsorg 260 270", "Teknisk drift 50 52", ""]), encoding="utf-8")
    facts = _facts(parse_document(path), "employees")
    assert facts[("Oppvekst", 2021)] == 155 and facts[("Helse og omsorg", 2020)] == 260
    assert facts[("Teknisk drift", 2021)] == 52


def test_rows_that_are_account_lines_or_other_metrics_are_no_metric_facts(tmp_path):
    report = _doc(tmp_path, "arsmelding-2022.md", "Årsmelding 2022 for Nordvik kommune", CHAPTERS, """
Årsverk og lønnskostnader

| | 2021 | 2022 |
|---|---|---|
| Lønnsutgifter | 410 | 455 |
| Sosiale utgifter | 120 | 133 |
| Kjøp av varer og tjenester | 87 | 91 |

Sykefravær

| | 2021 | 2022 |
|---|---|---|
| Antall ansatte | 512 | 530 |
| Årsverk | 430 | 441 |
| Oppvekst | 6,5 | 7,5 |
| Teknisk drift | 4,0 | 3,5 |
""")
    account_values = {410, 455, 120, 133, 87, 91}
    assert not [f for f in report.facts if f.value in account_values], "account lines under an årsverk caption are no årsverk"
    assert _facts(report, "fte") == {(None, 2021): 430, (None, 2022): 441}, "the row naming a metric is that metric"
    sick = _facts(report, "sick_leave_pct")
    assert sick == {("Oppvekst", 2021): 6.5, ("Oppvekst", 2022): 7.5, ("Teknisk drift", 2021): 4.0,
                    ("Teknisk drift", 2022): 3.5}, "rows naming another metric are not sick leave"
    assert not [f for f in report.facts if f.value in (512, 530, 430, 441) and f.metric == "sick_leave_pct"]
    assert _facts(report, "employees") == {(None, 2021): 512, (None, 2022): 530}, \
        "the caption nearest the rows names their metric, not the chapter 'Medarbeidere' above it"


def test_a_money_corner_makes_no_headcount(tmp_path):
    report = _doc(tmp_path, "arsmelding-2014.md", "Årsmelding 2014 Nordvik IKS", ["Drift"], """
Talet på tilsette var 20 i snitt.

| Godtgjersle (i kroner) | Dagleg leiar | Styret |
|---|---|---|
| Pensjon | 92 413 | |
| Anna godtgjersle | 16 250 | 3 100 |
""")
    assert not [f for f in report.facts if f.metric == "employees" and f.value in (92_413, 16_250, 3_100)]


def _cell(row: str, year: int, value: float, line: int) -> ReportCell:
    return ReportCell(document_id="d", file_name="f.md", page=1, line=line, table_number=1,
                      caption="Sykefravær i prosent", heading_path=None, row_label=row, row_code=None, parent_row=None,
                      row_order=line, column_label=str(year), column_index=year - 2020, column_year=year, scenario="other",
                      printed=f"{value}".replace(".", ","), value=value, scale=1.0, scale_method="none", is_percent=True,
                      excerpt=row, corner="Enhet")


def _unit(name: str) -> UnitInfo:
    return UnitInfo(name, "Nordvik kommune", "enhet", None, Provenance("d", "f.md", 1, 1, name))


def test_a_readers_figure_hides_only_classified_figures_of_its_metric_unit_and_year():
    reader = [MetricFact("sick_leave_pct", 7.9, 2021, 2021, None, None, None, "table", Provenance("d", "f.md", 1, 2, "")),
              MetricFact("sick_leave_pct", 4.4, 2021, 2021, "Kultur", None, None, "table", Provenance("d", "f.md", 1, 3, ""))]
    report = ParsedReport(document_id="d", file_name="f.md", file_type="md", organisation="Nordvik kommune",
                          organisation_type="kommune", report_year=2021, title=None, page_count=1,
                          units=[_unit("Skole"), _unit("Kultur")], facts=list(reader))
    report.cells = [_cell("Skole", 2020, 5.1, 10), _cell("Skole", 2021, 5.6, 10),
                    _cell("Kultur", 2020, 3.2, 11), _cell("Kultur", 2021, 3.9, 11),
                    _cell("Nordvik kommune", 2021, 8.0, 12)]
    add_classified(report)
    got = {(f.unit_name, f.value_year): f.value for f in report.facts}
    assert got[("Skole", 2020)] == 5.1 and got[("Skole", 2021)] == 5.6, "the org-wide figure leaves the units alone"
    assert got[("Kultur", 2020)] == 3.2
    assert got[("Kultur", 2021)] == 4.4, "the reader's figure of the same metric, unit and year wins"
    assert got[(None, 2021)] == 7.9, "and so does its organisation-wide figure"
    assert len(report.facts) == 5


def test_targets_parts_of_the_year_and_a_chapters_topics_give_no_figure_of_the_year(tmp_path):
    report = _doc(tmp_path, "arsmelding-2022.md", "Årsmelding 2022 for Nordvik kommune", CHAPTERS, """
| Sykefravær | Mål 2022 | Resultat 2022 |
|---|---|---|
| Oppvekst | 6,0 | 6,5 |
| Teknisk drift | 4,0 | 4,5 |

Kort om fraværet.

| Sektor | 1. kvartal 2022 | 2. kvartal 2022 |
|---|---|---|
| Oppvekst | 7,1 | 7,2 |
| Teknisk drift | 5,1 | 5,2 |

## Årsverk og personal

Kapittelet omtaler arbeidet med nærvær i sektorene.

| Sektor | 2021 | 2022 |
|---|---|---|
| Oppvekst | 3,1 | 3,2 |
| Teknisk drift | 2,1 | 2,2 |
""")
    assert _facts(report, "sick_leave_pct") == {("Oppvekst", 2022): 6.5, ("Teknisk drift", 2022): 4.5}, \
        "the target column is no result, a quarter no year"
    quarters = {(f.unit_name, f.period): f.value for f in report.facts if f.period}
    assert quarters == {("Oppvekst", "Q1"): 7.1, ("Oppvekst", "Q2"): 7.2, ("Teknisk drift", "Q1"): 5.1,
                        ("Teknisk drift", "Q2"): 5.2}, "a quarter's figure is its quarter's"
    assert not [f for f in report.facts if f.value in (3.1, 3.2, 2.1, 2.2)], "a chapter on several topics names no metric"


def test_rows_the_table_declares_units_without_chapters_of_their_own(tmp_path):
    report = _doc(tmp_path, "arsmelding-2020.md", "Årsmelding 2020 for Nordvik kommune", [], """
| Eining | 2019 | 2020 |
|---|---|---|
| Barnehage nord | 7,7 % | 8,1 % |
| Skule sør | 5,2 % | 4,9 % |
| Totalt | 6,4 % | 6,5 % |

Årsverk per avdeling

| | 2019 | 2020 |
|---|---|---|
| Lager | 12,5 | 13,0 |
| Verkstad | 20,0 | 21,5 |
| Sum | 32,5 | 34,5 |

Sjukefråværet i einingane gjekk ned, fordelt på kjønn.

| | 2020 |
|---|---|
| Kvinner | 6,1 % |
| Menn | 3,2 % |
""")
    assert not [f for f in report.facts if f.metric == "sick_leave_pct" and f.unit_name], \
        "no metric named over the first table: its rows are units, but of nothing"
    assert _facts(report, "fte") == {("Lager", 2019): 12.5, ("Lager", 2020): 13.0, ("Verkstad", 2019): 20.0,
                                     ("Verkstad", 2020): 21.5, (None, 2019): 32.5, (None, 2020): 34.5}
    assert {f.subject for f in report.facts if f.metric == "fte" and f.unit_name is None} == {None}, \
        "the row adding up the units is no unit: it is the figure of what holds them, here the organisation"
    assert {(f.unit_name, f.subject) for f in report.facts if f.value in (6.1, 3.2)} <= {(None, "Kvinner"), (None, "Menn")}, \
        "a sentence above the table declares no units"


def test_breakdown_columns_of_a_unit_give_only_the_units_total(tmp_path):
    path = tmp_path / "arsmelding-2021.md"
    path.write_text("\n".join([
        "# Årsmelding 2021 Austby kommune", "", "Tilsette fordelt på sektor og kjønn", "",
        "| | 2020 Kvinner | 2020 Menn | 2020 Totalt | 2021 Kvinner | 2021 Menn | 2021 Totalt |",
        "|---|---|---|---|---|---|---|",
        "| Skule | 40 | 11 | 51 | 42 | 12 | 54 |", "| Pleie og omsorg | 90 | 13 | 103 | 95 | 14 | 109 |",
        "| Drift | 6 | 21 | 27 | 7 | 22 | 29 |", "| Totalt | 136 | 45 | 181 | 144 | 48 | 192 |", ""]), encoding="utf-8")
    report = parse_document(path)
    facts = {(unit, year): value for (unit, year), value in _facts(report, "employees").items() if unit}
    assert facts == {("Skule", 2020): 51, ("Skule", 2021): 54, ("Pleie og omsorg", 2020): 103,
                     ("Pleie og omsorg", 2021): 109, ("Drift", 2020): 27, ("Drift", 2021): 29}
    whole = {(f.value_year, f.value, f.subject) for f in report.facts if f.metric == "employees" and not f.unit_name}
    assert whole == {(2020, 181, None), (2021, 192, None)}, "the total row is the organisation's headcount"


def test_figures_under_one_column_header_twice_are_no_figure(tmp_path):
    # the layout lost the header line "Kvinner Menn Totalt" under the years: three figures per year and row
    path = tmp_path / "arsmelding-2021.txt"
    path.write_text("\n".join([
        "Årsmelding 2021 Austby kommune", "", "Tilsette fordelt på sektor og kjønn",
        "2020 2020 2020 2021 2021 2021", "Kvinner Menn Totalt Kvinner Menn Totalt",
        "Skule 40 11 51 42 12 54", "Pleie og omsorg 90 13 103 95 14 109", "Drift 6 21 27 7 22 29", ""]),
        encoding="utf-8")
    assert not [f for f in parse_document(path).facts if f.metric == "employees"]


def test_columns_of_quarters_and_changes_give_no_figure_of_the_year():
    from dataclasses import replace

    from flows.reports.classify import classify

    cells = [replace(_cell("Skole", 2021, value, 10), column_label=label, column_index=k)
             for k, (label, value) in enumerate([("2021 K1", 6.1), ("4. kvartal 2021", 6.2), ("Endring siste år", 0.4),
                                                 ("T2 2021", 6.3), ("2021", 5.6)])]
    _, facts = classify(cells, [], report_year=2021, unit_named=lambda label: label if label == "Skole" else None)
    assert [(f.metric, f.unit_name, f.value_year, f.value) for f in facts] == [("sick_leave_pct", "Skole", 2021, 5.6)]


def test_a_page_title_of_several_parts_names_no_metric(tmp_path):
    """A web page's title as the heading ("Årsmelding 2022.pdf - Politiske saker - Nordvik"): its "saker" says nothing
    of the figures under it (births and migration were published as case counts)."""
    report = _doc(tmp_path, "arsmelding-2022.md", "Årsmelding 2022 for Nordvik kommune", CHAPTERS, """
## Årsmelding 2022.pdf - Politiske saker - Nordvik

| Fakta | 2022 |
|---|---|
| Fødselsoverskot | 2 508 |
| Netto tilflytting | 4 476 |

## Saker

| Eining | 2022 |
|---|---|
| Oppvekst | 310 |
| Teknisk drift | 120 |
""")
    assert not [f for f in report.facts if f.value in (2508, 4476)], "a title of several parts names no metric"
    assert _facts(report, "cases") == {("Oppvekst", 2022): 310, ("Teknisk drift", 2022): 120}, \
        "a heading about one thing still names the metric of its table"


def _html(tmp_path: Path, name: str, body: str) -> ParsedReport:
    path = tmp_path / name
    path.write_text(f"<html><head><title>Årsrapport 2031</title></head><body>{body}</body></html>", encoding="utf-8")
    return parse_document(path)


_AREAS = """<h1>Nordvik kommune – Årsrapport 2031</h1>
<table><caption>Resultater - tall i 1 000 kroner</caption>
<tr><th>Tjenesteområde</th><th>Regnskap 2031</th><th>Regulert budsjett 2031</th></tr>
<tr><td>Kultur og idrett</td><td>12 313</td><td>13 246</td></tr>
<tr><td>Skole og barnehage</td><td>120 557</td><td>121 282</td></tr>
</table>"""

_KEY_FIGURES = """<h3>Sykefravær</h3>
<table><caption>Endringer i sykefraværet</caption>
<tr><th></th><th>Sykefraværsprosent</th><th>Endring i %poeng</th></tr>
<tr><td>2029</td><td>6,1</td><td>-1,2</td></tr><tr><td>2030</td><td>6,3</td><td>0,2</td></tr>
<tr><td>2031</td><td>5,8</td><td>-0,5</td></tr>
</table>
<h3>Årsverksutvikling</h3>
<table><caption>Endring i årsverk</caption>
<tr><th></th><th>Årsverk</th><th>Endring i % fra året før</th></tr>
<tr><td>Desember 2030</td><td>41</td><td>2,5</td></tr><tr><td>Desember 2031</td><td>44</td><td>7,3</td></tr>
</table>"""


def test_key_figures_under_a_units_heading_with_a_topic(tmp_path):
    """"<unit> – Nøkkeltall" opens the chapter of a unit the service-area table prints as a row; its sick-leave table
    (rows bare years under an empty corner, the level in a "…prosent" column) and its FTEs counted in December are
    the unit's figures of those years; the change columns are no level."""
    report = _html(tmp_path, "nordvik-2031.html", _AREAS + "<h2>Kultur og idrett – Nøkkeltall</h2>" + _KEY_FIGURES)
    assert _facts(report, "sick_leave_pct") == {("Kultur og idrett", 2029): 6.1, ("Kultur og idrett", 2030): 6.3,
                                                 ("Kultur og idrett", 2031): 5.8}
    assert _facts(report, "fte") == {("Kultur og idrett", 2030): 41, ("Kultur og idrett", 2031): 44}
    assert not [f for f in report.facts if f.value in (-1.2, 0.2, -0.5, 2.5, 7.3)], "a change is no level"


def test_a_heading_naming_no_unit_before_its_topic_opens_no_chapter(tmp_path):
    """"Medarbeidere – Nøkkeltall": no row of a table declaring units, no unit the document knows: the figures under it
    stay the organisation's."""
    report = _html(tmp_path, "nordvik-2031.html", _AREAS + "<h2>Medarbeidere – Nøkkeltall</h2>" + _KEY_FIGURES)
    assert _facts(report, "sick_leave_pct") == {(None, 2029): 6.1, (None, 2030): 6.3, (None, 2031): 5.8}
    assert not report.unit_spans
