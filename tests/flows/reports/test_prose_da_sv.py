"""Danish and Swedish figures in running text (invented sentences in the shapes of a mayor's foreword, an annual
report's introduction, a förvaltningsberättelse): amounts in mio./mia./mnkr/mdkr/tkr/t.kr./miljoner/miljarder,
percent as pct./procent, numbers in words, percentage-point changes, the year from the sentence or the report, and
what is never a figure (dates, note, page and phone numbers, postcodes, contents-page numbers). Norwegian sentences
of the same shapes read as before. The metrics come from the one catalog's synonyms (`classify`)."""
from __future__ import annotations

import pytest

from flows.reports.classify import classify
from flows.reports.extract import Page
from flows.reports.prose import ProseFigure, Sentence, prose_figures, sentences, stream_lines
from flows.reports.stream import flatten

REPORT_YEAR = 2031


def _read(text: str, year: int | None = REPORT_YEAR) -> list[ProseFigure]:
    return prose_figures([Sentence(text=text, page=1, line=1, section=None, quarter=None)], year)


def _figures(text: str) -> list[tuple[float, str]]:
    return [(f.value, f.unit) for f in _read(text)]


def _facts(text: str) -> list[tuple[str, float, int]]:
    _, facts = classify([], _read(text), report_year=REPORT_YEAR)
    return [(f.metric, f.value, f.value_year) for f in facts]


@pytest.mark.parametrize(("text", "expected"), [
    ("Regnskabet viser et overskud på 45,2 mio. kr., hvilket er tilfredsstillende.", (45_200_000, "nok")),
    ("Kassebeholdningen udgjorde ved årets udgang 312,5 mio. kr.", (312_500_000, "nok")),
    ("Anlægsudgifterne var i perioden på cirka seks mia. kr. samlet.", (6_000_000_000, "nok")),
    ("Der er afsat 4.500 t.kr. til renovering af skolerne.", (4_500_000, "nok")),
    ("Den langfristede gæld udgjorde 1.250 mio. kr. ved udgangen af året.", (1_250_000_000, "nok")),
    ("Egenkapitalen udgjorde 1.234.567 kr. ved udgangen af året.", (1_234_567, "nok")),
    ("Årets resultat blev 23,4 mnkr för kommunen.", (23_400_000, "nok")),
    ("Investeringarna uppgick till 1,3 miljarder kronor under året.", (1_300_000_000, "nok")),
    ("Låneskulden uppgick till 845 miljoner kronor vid årets slut.", (845_000_000, "nok")),
    ("Skatteintäkterna ökade till 2 145 mdkr enligt prognosen.", (2_145_000_000_000, "nok")),
    ("Det egna kapitalet uppgick till 512 tkr i stiftelsen.", (512_000, "nok")),
    ("Kommunen har sex miljoner kronor i reserv för oförutsedda utgifter.", (6_000_000, "nok")),
])
def test_amounts_with_danish_and_swedish_magnitudes_are_read_in_kroner(text, expected):
    assert expected in _figures(text)


def test_one_milliard_or_million_written_in_words_is_an_amount():
    assert (1e9, "nok") in _figures("Kommunen har investeret én milliard kroner i nye skoler.")
    assert (1e9, "nok") in _figures("Kommunen lånade en miljard kronor till nya förskolor.")
    assert (5e8, "nok") in _figures("Anlægget kostede en halv milliard kroner at opføre.")


def test_a_deficit_is_negative_in_danish_and_swedish():
    assert _figures("Resultatet blev et underskud på 12,3 mio. kr. efter overførsler.") == [(-12_300_000, "nok")]
    assert _figures("Nämnden redovisar ett underskott på 4,1 mnkr mot budget.") == [(-4_100_000, "nok")]


@pytest.mark.parametrize(("text", "value"), [
    ("Sygefraværet var 5,1 pct. i kommunen som helhed.", 5.1),
    ("Sygefraværsprocenten endte på 4,8 procent for hele organisationen.", 4.8),
    ("Sjukfrånvaron uppgick till 7,2 procent av den ordinarie arbetstiden.", 7.2),
    ("Den totala sjukfrånvaron var 6,9 procent bland kommunens medarbetare.", 6.9),
])
def test_sick_leave_in_per_cent_words_is_the_sick_leave_metric(text, value):
    assert (value, "pct") in _figures(text)
    assert ("sick_leave_pct", value, REPORT_YEAR) in _facts(text)


@pytest.mark.parametrize("text", [
    "Sygefraværet faldt med 0,4 procentpoint i forhold til året før.",
    "Sygefraværet steg 0,4 pct.-point fra sidste år.",
    "Sjukfrånvaron minskade med 0,4 procentenheter jämfört med föregående år.",
    "Sjukfrånvaron ökade med 0,4 %-enheter under året.",
    "Sykefraværet gikk ned med 0,4 prosentpoeng fra fjoråret.",
])
def test_a_change_in_percentage_points_is_never_a_percent_value(text):
    found = _figures(text)
    assert found == [(0.4, "pp")]
    assert _facts(text) == []


def test_the_share_after_a_percentage_point_change_is_still_read():
    text = "Sjukfrånvaron ökade med 0,3 procentenheter till 6,8 procent."
    assert _figures(text) == [(0.3, "pp"), (6.8, "pct")]
    assert _facts(text) == [("sick_leave_pct", 6.8, REPORT_YEAR)]


@pytest.mark.parametrize(("text", "metric", "value"), [
    ("Antal fuldtidsstillinger var 4.512 ved udgangen af året.", "fte", 4512),
    ("Kommunen havde 3.870 årsværk i alt.", "fte", 3870),
    ("Antal årsarbetare uppgick till 2 341 i kommunen.", "fte", 2341),
    ("Der er ansat 2.345 medarbejdere i kommunen.", "employees", 2345),
    ("Antalet anställda var 3 239 personer vid årets slut.", "employees", 3239),
    ("Regnskabsresultatet viser et overskud på 45,2 mio. kr. for kommunen.", "budget_result_nok", 45_200_000),
    ("Driften gav et mindreforbrug på 12,5 mio. kr. i forhold til budgettet.", "budget_result_nok", 12_500_000),
    ("Årets resultat blev 23,4 mnkr för kommunen.", "budget_result_nok", 23_400_000),
    ("Resultatutjämningsreserven uppgick till 45 mnkr vid årets slut.", "fund_balance_nok", 45_000_000),
])
def test_danish_and_swedish_words_name_the_catalogs_metrics(text, metric, value):
    assert [(m, v) for m, v, _ in _facts(text)] == [(metric, value)]


def test_a_figure_stated_as_a_difference_is_no_level_of_the_metric():
    facts = _facts("Årets resultat blev 23,4 mnkr, vilket är 12,1 mnkr bättre än budget.")
    assert facts == [("budget_result_nok", 23_400_000, REPORT_YEAR)]
    assert _facts("Regnskabet viser et overskud, der er 8,0 mio. kr. bedre end budgetteret.") == []
    assert _facts("Det var en økning på 3 årsverk fra året før.") == []
    assert _facts("Avsetningen til disposisjonsfond er kr 1.761.942,50 høyere enn budsjettert.") == []


def test_people_counted_take_their_measure_from_their_own_clause_only():
    assert _facts("Antalet anställda var 3 239 personer.") == [("employees", 3239, REPORT_YEAR)]
    assert _facts("Arbeidet blei utført i 1,4 årsverk. 20 personar er med som mannskap.") == [("fte", 1.4, REPORT_YEAR)]
    assert [f.topic for f in _read("Eininga for kultur og næring har 10,7 stillingar fordelt på 12 personar.")
            if f.value == 12] == ["personar"]  # no staff named before: the people counted are just people


def test_a_budgets_a_groups_or_a_share_of_a_population_is_no_level_of_the_metric():
    assert _facts("Att jämföra med budgeterat resultat plus 8,3 mnkr.") == []
    assert _facts("Årets resultat blev ett samlet budget på 2,5 mia. kr.") == []
    assert _facts("Sammantaget redovisar kommunkoncernen ett samlat resultat på -16 mnkr.") == []
    assert _facts("Sjukfrånvaron har minskat för 61 procent av myndigheterna.") == []
    assert _facts("Sjukfrånvaron var 3,6 procent av den ordinarie arbetstiden.") == [("sick_leave_pct", 3.6, REPORT_YEAR)]
    assert _facts("Sykefraværet var 6,1 % av mulige dagsverk.") == [("sick_leave_pct", 6.1, REPORT_YEAR)]
    assert _facts("Regnskabet viser et overskud på den ordinære drift på 217 mio. kr.") == []  # an operating surplus


@pytest.mark.parametrize(("text", "numbers"), [
    ("Tre nye plejecentre blev åbnet, og der blev ansat seks ledere.", [(3, "count"), (6, "count")]),
    ("Kommunen driver fyra förskolor och tre skolor i tätorten.", [(4, "count"), (3, "count")]),
    ("Vi har två bibliotek och elva idrottshallar.", [(2, "count"), (11, "count")]),
    ("Der er otte børnehaver og tolv skoler i kommunen.", [(8, "count"), (12, "count")]),
])
def test_numbers_in_danish_and_swedish_words_count_the_noun_after_them(text, numbers):
    assert _figures(text) == numbers


@pytest.mark.parametrize("text", [
    "Byrådet vedtog regnskabet den 31. december og igen 1. januar.",
    "Bokslutet fastställdes den 31 december, se not 12 på sidan 4.",
    "Se note 12 på side 45 for detaljer om gælden.",
    "Kontakt os på tlf. 72 36 00 00 eller skriv til 8800 Viborg.",
    "Ring på telefon 0771 44 00 00 eller skriv till Box 123, 272 80 Simrisby.",
    "Kommunen er omfattet af bilag 3 og afsnit 4 i loven.",
])
def test_dates_references_phone_numbers_and_postcodes_are_no_figures(text):
    assert _figures(text) == []


def test_the_year_comes_from_the_sentence_else_the_report():
    by_value = {f.value: f.year for f in _read("Sygefraværet var 5,1 pct. i 2029 og 5,6 pct. i 2030.")}
    assert by_value == {5.1: 2029, 5.6: 2030}
    by_value = {f.value: f.year for f in _read("Under 2029 var sjukfrånvaron 6,4 procent.")}
    assert by_value == {6.4: 2029}
    by_value = {f.value: f.year for f in _read("Sjukfrånvaron var 7,2 procent, jämfört med 7,7 procent föregående år.")}
    assert by_value == {7.2: REPORT_YEAR, 7.7: REPORT_YEAR - 1}
    by_value = {f.value: f.year for f in _read("Antal årsarbetare uppgick till 2 341 vid utgången av 2029.")}
    assert by_value == {2341: 2029}
    by_value = {f.value: f.year for f in _read("Kassebeholdningen udgjorde 284 mio. kr. ved udgangen af 2028.")}
    assert by_value == {284_000_000: 2028}
    assert {f.year for f in _read("Årets resultat blev 23,4 mnkr.")} == {REPORT_YEAR}
    by_value = {f.value: f.year for f in _read("Sygefraværet var 5,1 pct. mod 5,6 pct. det foregående år.")}
    assert by_value == {5.1: REPORT_YEAR, 5.6: REPORT_YEAR - 1}


def test_a_contents_list_gives_no_figure_and_the_sentences_after_it_do():
    text = ("Innehåll Kommunstyrelsens ordförande ... 3 Förvaltningsberättelse ... 5 "
            "Väsentliga personalförhållanden ... 16 sjukfrånvaro ... 18 Noter ... 26 Driftsredovisning ... 32\n"
            "Indholdsfortegnelse\n"
            "Borgmesterens forord ........................ 3\n"
            "Personaleoversigt ........................... 12 medarbejdere\n"
            "Kommunstyrelsens ordförande\n"
            "Årets resultat för kommunen uppgick till 31,2 mnkr. Sjukfrånvaron var 6,1 procent under 2029.\n")
    found = prose_figures(sentences(stream_lines(flatten([Page(1, text.splitlines())]))), REPORT_YEAR)
    assert sorted((f.value, f.unit, f.year) for f in found) == [(6.1, "pct", 2029), (31_200_000, "nok", REPORT_YEAR)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Sykefraværet var 6,6 % i 2029.", [(6.6, "pct")]),
    ("Samlet ble det et mindreforbruk på 3,2 mill. kroner.", [(3_200_000, "nok")]),
    ("Det ble utført 81,3 årsverk i fjor.", [(81.3, "fte")]),
    ("Driftsinntektene var kr 427,9 millionar.", [(427_900_000, "nok")]),
    ("Sjukefråværet var 6,6 prosent i 2029.", [(6.6, "pct")]),
    ("Det er ni i styret, og de to møtes ofte.", []),
    ("Fem av dei tilsette slutta.", [(5, "part")]),
    ("Kommunen hadde 4 819 ansatte ved utgangen av 2029.", [(4819, "persons")]),
    ("Eit underskot på 2,5 millionar kroner vart dekt inn.", [(-2_500_000, "nok")]),
    ("Lånet var på kr 1.8 mill. ved årets slutt.", [(1_800_000, "nok")]),
])
def test_norwegian_sentences_of_the_same_shapes_read_as_before(text, expected):
    assert _figures(text) == expected


@pytest.mark.parametrize(("text", "metric", "value", "year"), [
    ("Antal årsarbetare var 2 341.", "fte", 2341, REPORT_YEAR),
    ("Antallet af fuldtidsstillinger udgjorde 4.512 ved udgangen af 2029.", "fte", 4512, 2029),
    ("Antal medarbejdere var 5.120 i 2030.", "employees", 5120, 2030),
    ("Talet på tilsette var 212.", "employees", 212, REPORT_YEAR),
])
def test_a_count_whose_subject_names_what_it_counts_is_read_when_the_number_closes_the_clause(text, metric, value, year):
    assert _facts(text) == [(metric, value, year)]


def test_a_count_subject_never_takes_a_year_or_a_number_that_goes_on_with_a_unit():
    assert _figures("Antall ansatte var 2030.") == []
    assert _figures("Antall saker var 12 % høyere enn året før.") == [(12, "pct")]


def _contents_page() -> str:
    return ("=== [1] Årsredovisning 2030 ===\n"
            "Innehållsförteckning\n"
            "Kommunstyrelsens ordförande 3\n"
            "Förvaltningsberättelse 5\n"
            "Väsentliga personalförhållanden 16\n"
            "Driftsredovisning 32\n"
            "Årets resultat blev 23,4 mnkr. Sjukfrånvaron uppgick till 7,2 procent.\n"
            "Antal årsarbetare var 2 341.\n")


def test_a_contents_list_read_as_a_table_gives_no_cells_and_the_figure_sentences_after_it_are_prose(tmp_path):
    from flows.reports.document import read_cells

    path = tmp_path / "arsredovisning_2030.txt"
    path.write_text(_contents_page(), encoding="utf-8")
    report = read_cells(path)
    assert report.cells == []
    assert sorted((f.value, f.unit) for f in report.figures) == [(7.2, "pct"), (2341, "fte"), (23_400_000, "nok")]
    _, facts = classify(report.cells, report.figures, report_year=report.report_year)
    assert sorted((f.metric, f.value, f.value_year) for f in facts) == [
        ("budget_result_nok", 23_400_000, 2030), ("fte", 2341, 2030), ("sick_leave_pct", 7.2, 2030)]


def test_a_key_figure_list_of_rising_counts_stays_a_table(tmp_path):
    from flows.reports.document import read_cells

    path = tmp_path / "nokkeltal.txt"
    path.write_text("Nøkkeltall 2030\n"
                    "Antall skoler 3\n"
                    "Antall barnehager 5\n"
                    "Antall sykehjem 7\n"
                    "Antall legekontor 8\n"
                    "Antall bibliotek 9\n", encoding="utf-8")
    assert [c.value for c in read_cells(path).cells] == [3, 5, 7, 8, 9]
