"""Parsing reports the parser was not written against: nynorsk, other column names,
dot thousands, declared scales, a Word table."""

import docx

from flows.reports.extract import Page
from flows.reports.parse import find_report_year, flatten, parse_document, parse_report

NYNORSK_REPORT = """\
Fjellvik kommune

Årsmelding 2022
IKT-eininga
Leiar: Kari Nordmann

1 Organisasjon
1.1 Bemanning
IKT-eininga hadde 12,5 årsverk fordelt på 14 tilsette i 2022. I tillegg har eininga 2 lærlingar.

1.2 Sjukefråvær
Sjukefråværet i 2022 var 6,1 %, opp frå 4,9 % i 2021.

2 Resultatvurdering
Eininga har eit mindreforbruk på kr 1.250.000,- i 2022.

2.1 Rekneskap
Alle tall i hele tusen
Rekneskap 2022 Opphaveleg budsjett 2022 Korrigert budsjett 2022 Avvik Rekneskap 2021
Løn og sosiale utgifter 10.469 10.900 11.000 531 9.870
Kjøp av varer og tenester 4.210 4.000 4.300 90 3.998
Sum utgifter 14.679 14.900 15.300 621 13.868
Sal av varer og tenester -1.820 -1.000 -1.000 820 -1.544
Refusjonar -629 -200 -200 429 -611
Sum inntekter -2.449 -1.200 -1.200 1.249 -2.155

3 Nøkkeltal
Nøkkeltal 2020 2021 2022
Antall henvendelser på IT-hjelpa 3 410 3 877 4 102
Antall telefonhenvendelser 2 950 3 120 3 004

4 Måloppnåing
Sjukefråværet var høgare enn målet, men lågare enn i fjor for langtidsfråvær.
"""


def test_unseen_nynorsk_report(tmp_path):
    path = tmp_path / "fjellvik-ikt-2022.txt"
    path.write_bytes(NYNORSK_REPORT.encode("cp1252"))
    report = parse_document(path)

    assert report.organisation == "Fjellvik kommune"
    assert report.organisation_type == "kommune"
    assert report.report_year == 2022
    assert [(u.name, u.leader) for u in report.units if u.level != "organisation"] == [("IKT-eininga", "Kari Nordmann")]

    facts = {(f.metric, f.value_year, f.qualifier): f.value for f in report.facts}
    assert facts[("fte", 2022, None)] == 12.5
    assert facts[("employees", 2022, None)] == 14
    assert facts[("apprentices", 2022, None)] == 2
    assert facts[("sick_leave_pct", 2022, None)] == 6.1
    assert facts[("sick_leave_pct", 2021, None)] == 4.9
    assert facts[("budget_result_nok", 2022, None)] == 1_250_000
    assert facts[("it_helpdesk_contacts", 2020, None)] == 3410
    assert facts[("it_helpdesk_contacts", 2022, None)] == 4102
    assert facts[("phone_contacts", 2021, None)] == 3120
    assert all(f.unit_name == "IKT-eininga" for f in report.facts)

    amounts = {(a.row_label, a.scenario, a.value_year): a for a in report.accounts}
    row = amounts[("Løn og sosiale utgifter", "regnskap", 2022)]
    assert row.amount_nok == 10_469_000 and row.scale == 1000
    assert row.scale_method.startswith("declared")
    assert amounts[("Løn og sosiale utgifter", "opprinnelig_budsjett", 2022)].amount_nok == 10_900_000
    assert amounts[("Løn og sosiale utgifter", "revidert_budsjett", 2022)].amount_nok == 11_000_000
    assert amounts[("Løn og sosiale utgifter", "avvik", 2022)].amount_nok == 531_000
    assert amounts[("Løn og sosiale utgifter", "regnskap", 2021)].amount_nok == 9_870_000
    assert amounts[("Refusjonar", "regnskap", 2022)].amount_nok == -629_000
    assert amounts[("Sum inntekter", "avvik", 2022)].amount_nok == 1_249_000
    assert len(report.accounts) == 6 * 5
    assert {a.statement for a in report.accounts} == {"unit"}

    # a qualitative sentence stays text
    assert any("høgare enn målet" in o.text and o.topic == "sick_leave_pct" for o in report.observations)
    assert not any(f.metric == "sick_leave_pct" and f.provenance.excerpt.startswith("Sjukefråværet var høgare")
                   for f in report.facts)
    # provenance points at the line the value came from
    fte = next(f for f in report.facts if f.metric == "fte")
    assert fte.provenance.file_name == path.name and "12,5 årsverk" in fte.provenance.excerpt


def test_word_table_with_code_column_and_undeclared_scale(tmp_path):
    document = docx.Document()
    for text in ["Årsrapport 2021", "Lønn og innkjøp", "Leder: Per Hansen", "2 Resultatvurdering",
                 "Enheten har et mindreforbruk på kr 240 000.", "2.1 Regnskap"]:
        document.add_paragraph(text)
    rows = [["", "", "Regnskap 2021", "Revidert budsjett 2021", "Avvik"],
            ["", "Lønn og sosiale utgifter", "5 120", "5 300", "180"],
            ["", "Kjøp av varer og tjenester", "1 940", "2 000", "60"],
            ["A", "Sum utgifter", "7 060", "7 300", "240"]]
    table = document.add_table(rows=len(rows), cols=5)
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            table.cell(r, c).text = text
    path = tmp_path / "lonn.docx"
    document.save(path)

    report = parse_document(path)
    amounts = {(a.row_label, a.scenario): a for a in report.accounts}
    assert amounts[("Lønn og sosiale utgifter", "regnskap")].amount_nok == 5_120_000
    assert amounts[("Sum utgifter", "revidert_budsjett")].row_code == "A"
    assert amounts[("Sum utgifter", "avvik")].amount_nok == 240_000
    # the scale was proven by the prose amount, not assumed
    assert amounts[("Sum utgifter", "avvik")].scale_method.startswith("inferred: prose")
    assert next(f for f in report.facts if f.metric == "budget_result_nok").unit_name == "Lønn og innkjøp"


def test_report_year_falls_back_to_most_written_year():
    pages = [Page(1, ["Resultat 2021 mot 2020", "Regnskap 2021", "I 2021 var det travelt."])]
    assert find_report_year(flatten(pages)) == 2021


def test_parse_report_is_pure_and_keeps_page_numbers():
    pages = [Page(1, ["Årsrapport 2020", "VR innkjøp", "Leder: Ketil Aas", ""]),
             Page(2, ["1.1 Bemanning", "I 2020 har vi hatt 5 årsverk."])]
    report = parse_report(pages, document_id="abc", file_name="x.txt", file_type="txt")
    fact = report.facts[0]
    assert (fact.metric, fact.value, fact.unit_name) == ("fte", 5, "VR innkjøp")
    assert (fact.provenance.page, fact.provenance.line, fact.provenance.document_id) == (2, 2, "abc")
    assert report.page_count == 2


def test_a_year_line_under_the_column_words_gives_each_column_its_year():
    """"Regnskap Revidert budsjett Avvik Budsjett" over "2018 2018 2018 2019": next year's budget is 2019's, not a
    second 2018 budget beside the revised one."""
    text = """Årsrapport 2018
Hovedtall for enhetene
(Beløp i 1 000 kroner)
Regnskap Revidert budsjett Avvik Budsjett
2018 2018 2018 2019
Lønn og sosiale utgifter 17 159 15 349 -1 810 15 247
Kjøp av varer og tjenester 4 210 4 000 -210 4 300
Sum utgifter 21 369 19 349 -2 020 19 547
"""
    report = parse_report([Page(1, text.splitlines())], document_id="abc", file_name="hovedtall.txt", file_type="txt")
    years = {(a.row_label, a.scenario): a.value_year for a in report.accounts}
    assert years[("Lønn og sosiale utgifter", "regnskap")] == 2018
    assert years[("Lønn og sosiale utgifter", "revidert_budsjett")] == 2018
    assert years[("Lønn og sosiale utgifter", "avvik")] == 2018
    assert years[("Lønn og sosiale utgifter", "budsjett")] == 2019
