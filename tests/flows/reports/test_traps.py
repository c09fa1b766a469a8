"""One test per trap in docs/domain.md, each on a small report the test writes itself.

The fixtures imitate the seed documents (PDF text layers: tables flattened to lines,
unit chapters "Årsrapport YYYY / unit / Leder: ...").
"""
from __future__ import annotations

from pathlib import Path

from fpdf import FPDF

from flows.reports.parse import parse_document

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def _parse_text(tmp_path: Path, text: str, name: str = "rapport-2020.txt", encoding: str = "utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return parse_document(path)


def _cells(report, **where) -> dict[tuple[str, str, int], float]:
    """(row_label, scenario, value_year) -> amount_nok for the accounts matching `where`."""
    return {
        (a.row_label, a.scenario, a.value_year): a.amount_nok
        for a in report.accounts
        if all(getattr(a, k) == v for k, v in where.items())
    }


def _facts(report) -> dict[tuple[str, int, str | None], float]:
    return {(f.metric, f.value_year, f.qualifier): f.value for f in report.facts}


# --- nynorsk ------------------------------------------------------------------------------

NYNORSK = """\
Årsmelding 2022
Fjellvik IKT
Leiar: Kari Nordmann

1 Organisasjon
1.1 Bemanning
Eininga hadde 14 tilsette og 12,5 årsverk ved utgangen av 2022.

1.2 Sjukefråvær
Sjukefråværet i 2022 var 5,2 %, mot 6,0 % i 2021.

2 Resultatvurdering
2.1 Rekneskap
Beløp i 1 000 kroner
Rekneskap 2022 Opphaveleg budsjett 2022 Korrigert budsjett 2022 Avvik Rekneskap 2021
Brukarbetalingar -1 820 -1 500 -1 600 220 -1 544
Overføringar og tilskot frå andre -629 -200 -300 329 -611
Sum driftsinntekter -2 449 -1 700 -1 900 549 -2 155
Lønsutgifter 10 469 10 900 11 000 531 9 870
Avskrivingar 1 210 1 300 1 300 90 1 180
Sum driftsutgifter 11 679 12 200 12 300 621 11 050
"""


def test_nynorsk_labels_and_columns(tmp_path):
    report = _parse_text(tmp_path, NYNORSK, "fjellvik-2022.txt")
    assert report.report_year == 2022
    cells = _cells(report)
    assert cells[("Brukarbetalingar", "regnskap", 2022)] == -1_820_000
    assert cells[("Brukarbetalingar", "opprinnelig_budsjett", 2022)] == -1_500_000
    assert cells[("Brukarbetalingar", "revidert_budsjett", 2022)] == -1_600_000
    assert cells[("Brukarbetalingar", "avvik", 2022)] == 220_000
    assert cells[("Brukarbetalingar", "regnskap", 2021)] == -1_544_000
    assert cells[("Overføringar og tilskot frå andre", "regnskap", 2022)] == -629_000
    assert cells[("Avskrivingar", "revidert_budsjett", 2022)] == 1_300_000
    assert cells[("Sum driftsutgifter", "avvik", 2022)] == 621_000
    assert len(report.accounts) == 6 * 5
    assert all(a.unit_name == "Fjellvik IKT" for a in report.accounts)
    facts = _facts(report)
    assert facts[("employees", 2022, None)] == 14
    assert facts[("fte", 2022, None)] == 12.5
    assert facts[("sick_leave_pct", 2022, None)] == 5.2
    assert facts[("sick_leave_pct", 2021, None)] == 6.0


NYNORSK_STAFFING_TABLE = """\
Årsmelding 2022
Fjellvik IKT
Leiar: Kari Nordmann

1.1 Bemanning
TILSETTE ÅRSVERK LÆRLINGAR
31.12.2021 13 11,8 1
31.12.2022 14 12,5 2
"""


def test_nynorsk_staffing_table(tmp_path):
    report = _parse_text(tmp_path, NYNORSK_STAFFING_TABLE, "fjellvik-2022.txt")
    facts = _facts(report)
    assert facts[("employees", 2022, "as of 31.12")] == 14
    assert facts[("fte", 2021, "as of 31.12")] == 11.8
    assert facts[("apprentices", 2022, "as of 31.12")] == 2


# --- number formats -------------------------------------------------------------------------

DOT_THOUSANDS = """\
Årsrapport 2020
VR innkjøp
Leder: Ketil Aas

2.1 Regnskap
Alle tall i hele 1000
Regnskap 2020 Budsjett 2020 Avvik Regnskap 2019
Lønn og sosiale utgifter 10.469 10.900 431 9.870
Kjøp av varer og tjenester 1.210 1.000 -210 1.105
Sum utgifter 11.679 11.900 221 10.975
"""


def test_dot_thousands_with_declared_scale(tmp_path):
    report = _parse_text(tmp_path, DOT_THOUSANDS)
    cells = _cells(report)
    assert cells[("Lønn og sosiale utgifter", "regnskap", 2020)] == 10_469_000
    assert cells[("Lønn og sosiale utgifter", "regnskap", 2019)] == 9_870_000
    assert cells[("Kjøp av varer og tjenester", "avvik", 2020)] == -210_000
    assert cells[("Sum utgifter", "budsjett", 2020)] == 11_900_000
    row = next(a for a in report.accounts if a.row_label == "Lønn og sosiale utgifter" and a.scenario == "regnskap")
    assert row.raw_value == "10.469" and row.scale == 1000
    assert row.scale_method == "declared: tall i hele 1000"


GLUED_NOTES = """\
Årsrapport 2020
Hedmark IKT
Leder: Ola Nordmann

§ 5-6. Økonomisk oversikt etter art - drift
Tall i 1 kroner Note Regnskap 2020 Budsjett 2020 Regnskap 2019
Brukerbetalinger19 447 256 450 000 431 118
Salgs- og leieinntekter -8 084 658 -3 650 000 -8 194 409
Avskrivninger 4 55 797 60 000 52 310
Renteutgifter 45 864 200 000 16 204
"""


def test_glued_note_numbers(tmp_path):
    report = _parse_text(tmp_path, GLUED_NOTES)
    cells = _cells(report, statement="5-6")
    assert cells[("Brukerbetalinger", "regnskap", 2020)] == 447_256
    assert cells[("Brukerbetalinger", "budsjett", 2020)] == 450_000
    assert cells[("Brukerbetalinger", "regnskap", 2019)] == 431_118
    assert cells[("Avskrivninger", "regnskap", 2020)] == 55_797
    assert cells[("Avskrivninger", "regnskap", 2019)] == 52_310
    assert cells[("Salgs- og leieinntekter", "regnskap", 2020)] == -8_084_658
    assert cells[("Renteutgifter", "budsjett", 2020)] == 200_000
    assert {a.scale for a in report.accounts} == {1.0}


MINUS_SIGNS = """\
Årsrapport 2020
Hedmark IKT
Leder: Ola Nordmann

Investeringsregnskapet
Tall i 1 kroner Regnskap 2020 Budsjett 2020 Regnskap 2019
Salgsinntekter \u2212259 038 \u2212200 000 \u2212190 113
Refusjoner - 216 022 - 200 000 - 1 286
Kjøp av varer og tjenester 1 286 -1 286 5 000
"""


def test_unicode_minus_and_minus_followed_by_space(tmp_path):
    report = _parse_text(tmp_path, MINUS_SIGNS)
    cells = _cells(report)
    assert cells[("Salgsinntekter", "regnskap", 2020)] == -259_038
    assert cells[("Salgsinntekter", "regnskap", 2019)] == -190_113
    assert cells[("Refusjoner", "regnskap", 2020)] == -216_022
    assert cells[("Refusjoner", "budsjett", 2020)] == -200_000
    assert cells[("Refusjoner", "regnskap", 2019)] == -1_286
    assert cells[("Kjøp av varer og tjenester", "budsjett", 2020)] == -1_286
    assert {a.statement for a in report.accounts} == {"investment"}


DASH_ZERO = """\
Årsrapport 2020
VR innkjøp
Leder: Ketil Aas

2.1 Regnskap
Tall i 1 000 kroner
Regnskap 2020 Budsjett 2020 Avvik Regnskap 2019
Lønn og sosiale utgifter 4 128 4 212 84 4 107
Refusjoner - 200 200 –
Finansutgifter – – – 11
Sum utgifter 4 128 4 412 284 4 118
"""


def test_dash_means_zero(tmp_path):
    report = _parse_text(tmp_path, DASH_ZERO)
    cells = _cells(report)
    assert cells[("Refusjoner", "regnskap", 2020)] == 0
    assert cells[("Refusjoner", "budsjett", 2020)] == 200_000
    assert cells[("Refusjoner", "avvik", 2020)] == 200_000
    assert cells[("Refusjoner", "regnskap", 2019)] == 0
    assert cells[("Finansutgifter", "regnskap", 2020)] == 0
    assert cells[("Finansutgifter", "regnskap", 2019)] == 11_000
    assert cells[("Lønn og sosiale utgifter", "regnskap", 2020)] == 4_128_000
    assert not any("can be read in" in w for w in report.warnings)


# --- Avvik sign conventions and misprints -----------------------------------------------------

AVVIK_CONVENTIONS = """\
Årsrapport 2020
VR innkjøp
Leder: Ketil Aas

2.1 Regnskap
Tall i 1 000 kroner
Regnskap 2020 Budsjett 2020 Avvik Regnskap 2019
Lønn og sosiale utgifter 16 194 17 122 928 15 945
Kjøp av varer og tjenester 4 128 4 212 84 4 107
Sum utgifter 20 322 21 334 1 012 20 052

Årsrapport 2020
VR regnskap og lønn
Leder: Ketil Aas

2.1 Regnskap
Tall i 1 000 kroner
Regnskap 2020 Budsjett 2020 Avvik Regnskap 2019
Lønn og sosiale utgifter 16 194 17 122 -928 15 945
Kjøp av varer og tjenester 4 128 4 212 -48 4 107
Sum utgifter 20 322 21 334 -1 012 20 052
"""


def test_avvik_sign_conventions_and_misprint(tmp_path):
    report = _parse_text(tmp_path, AVVIK_CONVENTIONS)
    first = _cells(report, unit_name="VR innkjøp")
    second = _cells(report, unit_name="VR regnskap og lønn")
    # budsjett − regnskap in the first table, regnskap − budsjett in the second: kept as printed
    assert first[("Lønn og sosiale utgifter", "avvik", 2020)] == 928_000
    assert second[("Lønn og sosiale utgifter", "avvik", 2020)] == -928_000
    # the identity chose the split "16 194 | 17 122 | 928 | 15 945" in both conventions
    for cells in (first, second):
        assert cells[("Lønn og sosiale utgifter", "regnskap", 2020)] == 16_194_000
        assert cells[("Lønn og sosiale utgifter", "budsjett", 2020)] == 17_122_000
        assert cells[("Lønn og sosiale utgifter", "regnskap", 2019)] == 15_945_000
        assert cells[("Sum utgifter", "avvik", 2020)] in (1_012_000, -1_012_000)
    # the misprinted avvik (48 for 84) is kept as printed and flagged
    assert second[("Kjøp av varer og tjenester", "avvik", 2020)] == -48_000
    assert second[("Kjøp av varer og tjenester", "regnskap", 2020)] == 4_128_000
    misprints = [w for w in report.warnings if "avvik" in w.lower() and "Kjøp av varer og tjenester" in w]
    assert len(misprints) == 1 and "-48" in misprints[0]
    assert not any("avvik" in w.lower() and "Lønn og sosiale" in w for w in report.warnings)


# --- restated years -----------------------------------------------------------------------

RESTATED = """\
Årsrapport 2021
VR innkjøp
Leder: Ketil Aas

1.2 Sykefravær
Sykefraværet i 2020 var 5,0 % og i 2021 var det 3,4 %.

2.1 Regnskap
Tall i 1 000 kroner
Regnskap 2021 Budsjett 2021 Avvik Regnskap 2020
Lønn og sosiale utgifter 5 120 5 300 180 4 980
Sum utgifter 5 120 5 300 180 4 980

3 Nøkkeltall
Nøkkeltall 2019 2020 2021
Antall henvendelser på IT-hjelpa 3 410 3 877 4 102
"""


def test_restated_years_keep_report_year_and_value_year(tmp_path):
    report = _parse_text(tmp_path, RESTATED, "innkjop-2021.txt")
    assert report.report_year == 2021
    restated = [a for a in report.accounts if a.value_year == 2020]
    assert restated and all(a.report_year == 2021 for a in restated)
    assert _cells(report)[("Lønn og sosiale utgifter", "regnskap", 2020)] == 4_980_000
    facts = {(f.metric, f.value_year): f for f in report.facts}
    assert facts[("sick_leave_pct", 2020)].value == 5.0
    assert facts[("sick_leave_pct", 2021)].value == 3.4
    assert facts[("it_helpdesk_contacts", 2019)].value == 3410
    assert all(f.report_year == 2021 for f in report.facts)


# --- vertical tables ------------------------------------------------------------------------

VERTICAL_LINES = [
    "Årsrapport 2020", "VR innkjøp", "Leder: Ketil Aas", "", "2.1 Regnskap", "Tall i 1 000 kroner",
    "Regnskap 2020", "Budsjett 2020", "Avvik", "Regnskap 2019",
    "Lønn og sosiale utgifter", "16 194", "17 122", "928", "15 945",
    "Kjøp av varer og tjenester", "4 128", "4 212", "84", "4 107",
    "Refusjoner", "- 216", "-200", "16", "–",
    "Sum utgifter", "20 106", "21 134", "1 028", "20 052",
    "", "3 Nøkkeltall", "Nøkkeltall", "2019", "2020",
    "Antall henvendelser på IT-hjelpa", "3 410", "3 877",
    "Antall telefonhenvendelser", "2 950", "3 120",
]


def _check_vertical(report):
    cells = _cells(report)
    assert cells[("Lønn og sosiale utgifter", "regnskap", 2020)] == 16_194_000
    assert cells[("Lønn og sosiale utgifter", "budsjett", 2020)] == 17_122_000
    assert cells[("Lønn og sosiale utgifter", "avvik", 2020)] == 928_000
    assert cells[("Lønn og sosiale utgifter", "regnskap", 2019)] == 15_945_000
    assert cells[("Refusjoner", "regnskap", 2020)] == -216_000
    assert cells[("Refusjoner", "regnskap", 2019)] == 0
    assert cells[("Sum utgifter", "avvik", 2020)] == 1_028_000
    assert len(report.accounts) == 4 * 4
    facts = {(f.metric, f.value_year): f.value for f in report.facts}
    assert facts[("it_helpdesk_contacts", 2019)] == 3410
    assert facts[("phone_contacts", 2020)] == 3120
    assert not any(w.startswith("numbers not read") for w in report.warnings)


def test_vertical_one_value_per_line_table_in_text(tmp_path):
    # a text export of a PDF whose text layer puts every cell on its own line
    _check_vertical(_parse_text(tmp_path, "\n\n".join(VERTICAL_LINES) + "\n"))


def test_vertical_one_value_per_line_table_in_pdf(tmp_path):
    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("dejavu", fname=str(DEJAVU))
    pdf.set_font("dejavu", size=10)
    for line in VERTICAL_LINES:
        pdf.cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
    path = tmp_path / "vertikal-2020.pdf"
    pdf.output(str(path))
    _check_vertical(parse_document(path))


# --- prose amounts and scale inference --------------------------------------------------------

PROSE_MILL = """\
Årsrapport 2020
VR innkjøp
Leder: Ketil Aas

2 Resultatvurdering
Enheten har et mindreforbruk på kr 1.8 mill. Dette skyldes vakanse.

2.1 Regnskap
Regnskap 2020 Budsjett 2020 Avvik
Lønn og sosiale utgifter 16 194 18 006 1 812
Sum utgifter 16 194 18 006 1 812

Årsrapport 2020
VR skatt
Leder: Per Hansen

2 Resultatvurdering
Området hadde et merforbruk på 13.2mill.kr. i 2020.
"""


def test_prose_millions_with_dot_decimals(tmp_path):
    report = _parse_text(tmp_path, PROSE_MILL)
    results = {f.unit_name: f.value for f in report.facts if f.metric == "budget_result_nok"}
    assert results == {"VR innkjøp": 1_800_000, "VR skatt": -13_200_000}
    # "kr 1.8 mill" (rounded) also proves the undeclared table is in 1000 NOK
    row = next(a for a in report.accounts if a.scenario == "avvik" and a.row_label == "Sum utgifter")
    assert row.amount_nok == 1_812_000
    assert row.scale_method.startswith("inferred: prose 'kr 1.8 mill")


def test_prose_millions_rounded_with_mill_kr_suffix_proves_scale(tmp_path):
    text = PROSE_MILL.replace("kr 1.8 mill.", "13.2mill.kr.").replace("18 006 1 812", "29 406 13 212")
    report = _parse_text(tmp_path, text)
    row = next(a for a in report.accounts if a.scenario == "avvik" and a.row_label == "Sum utgifter")
    assert row.amount_nok == 13_212_000
    assert row.scale_method.startswith("inferred: prose '13.2mill.kr.")


SCALE_FROM_PROSE = """\
Årsrapport 2020
VR innkjøp
Leder: Ketil Aas

2 Resultatvurdering
Regnskapet viser et mindreforbruk på kr. 928.000.-

2.1 Regnskap
Regnskap 2020 Budsjett 2020 Avvik Regnskap 2019
Lønn og sosiale utgifter 16 194 17 122 928 15 945
Sum utgifter 16 194 17 122 928 15 945

Årsrapport 2020
VR skatt
Leder: Per Hansen

2.1 Regnskap
Regnskap 2020 Budsjett 2020 Avvik Regnskap 2019
Lønn og sosiale utgifter 2 120 2 300 180 2 050
Sum utgifter 2 120 2 300 180 2 050

Årsrapport 2020
VR lønn
Leder: Kari Nordmann

2.1 Regnskap
Tall i 1 kroner
Regnskap 2020 Budsjett 2020 Avvik Regnskap 2019
Lønn og sosiale utgifter 2 120 000 2 300 000 180 000 2 050 000
"""


def test_scale_inferred_from_prose_and_recorded(tmp_path):
    report = _parse_text(tmp_path, SCALE_FROM_PROSE)
    by_unit = {}
    for a in report.accounts:
        by_unit.setdefault(a.unit_name, set()).add((a.scale, a.scale_method))
    (scale, method), = by_unit["VR innkjøp"]
    assert scale == 1000 and method.startswith("inferred: prose 'kr. 928.000.-' equals table value 928 x 1000")
    (scale, method), = by_unit["VR skatt"]  # no prose of its own: the other table's proof carries over
    assert scale == 1000 and method.startswith("inferred from another table")
    (scale, method), = by_unit["VR lønn"]
    assert scale == 1 and method == "declared: Tall i 1 kroner"
    assert _cells(report, unit_name="VR skatt")[("Lønn og sosiale utgifter", "regnskap", 2020)] == 2_120_000


def test_undeclared_scale_without_proof_is_assumed_with_warning(tmp_path):
    text = SCALE_FROM_PROSE.split("Årsrapport 2020\nVR skatt")[0].replace("Regnskapet viser et mindreforbruk på kr. 928.000.-\n", "")
    report = _parse_text(tmp_path, text)
    assert {a.scale_method for a in report.accounts} == {"assumed: whole numbers without declaration read as 1000 NOK"}
    assert any("no scale declared" in w for w in report.warnings)


def test_an_overspend_stated_as_a_range_is_its_lower_end_in_its_magnitude(tmp_path):
    # "8-9 mill. kr": the range's magnitude stands after its upper end; the dash is no mark of whole kroner ("kr 8-")
    text = ("Månedsrapport juli 2031\n\nTotalt kan det bli et overforbruk på 8-9 mill. kr. Enheten melder om et "
            "mindreforbruk på kr 15 000,-.\n")
    report = _parse_text(tmp_path, text, name="manedsrapport-2031.txt")
    assert sorted(f.value for f in report.facts if f.metric == "budget_result_nok") == [-8_000_000, 15_000]
