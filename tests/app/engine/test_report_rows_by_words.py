"""Report questions about topics outside the metric catalog, answered from the row or sentence their words name: a
figure a sentence states ("vedtaket om å busetje 15 flyktningar i 2017"), a key-figure row ("Elevar i grunnskolen"),
price-list rows told apart by a quantity ("1000 liter dunk", "Fartøyer over 30m"), a ranking over a staff table's rows
by the column named ("tillsvidareanställda", "andel heltid"), the year of a row's largest figure, and the consolidated
or the municipality's own column of a statement printing both. Invented reports (nynorsk, bokmål, Swedish; a Markdown
price list), refreshed through the real flow into a DuckDB warehouse; questions in bokmål, nynorsk, Swedish and
English."""
from __future__ import annotations

import pytest

from app.engine.engine import ask
from app.engine.quantities import asked_quantities, holds, printed_label, quantities, without_quantities

ANNUAL = (
    "Nordvik kommune\nÅrsmelding 2017\n\n"
    "Innleiing\nNordvik kommune hadde eit godt år i 2017. Driftsresultatet vart betre enn budsjettert.\n\n"
    "Busetjing av flyktningar\nKommunestyret gjorde i 2016 vedtaket om å busetje 15 flyktningar i 2017, og rådmannen "
    "tilrår no 10 flyktningar for 2018.\n"
    "Arbeidet med integrering held fram, og 12 deltakarar fullførte introduksjonsprogrammet i 2017.\n\n"
    "Personal\nAv dei 812 fast tilsette i kommunen er 640 kvinner og 172 menn.\n\n"
    "Kultur\nBiblioteket hadde 41 200 utlån i 2017, mot 39 800 året før. Kommunen har 14 barnehagar og 9 "
    "grunnskular.\n\n"
    "Nøkkeltal\nNøkkeltal 2015 2016\nInnbyggjarar 24 310 24 402\nElevar i grunnskolen 2 310 2 295\n"
    "Sysselsette 11 020 11 150\n\n"
    "Politisk organisering\nKommunestyret har 27 representantar. Fordelinga etter valet er: Arbeidarpartiet (8), "
    "Senterpartiet (5), Høgre (4), Framstegspartiet (3), Kristeleg Folkeparti (3), Venstre (2) og Sosialistisk "
    "Venstreparti (2).\n\n"
    "Barnehage\nTal på barn i barnehage\nBarn i barnehage 2013 2014 2015 2016 2017\n"
    "Barn 1-5 år 1 080 1 134 1 152 1 105 1 098\nDel barn med plass (%) 88 90 92 91 90\n")
FEES = (
    "# Sørvik kommune – Gebyrregulativ 2023\n\n## Renovasjonsgebyr\n\nTabell 1 Årsgebyr for renovasjon 2023\n\n"
    "| Beholder | Årsgebyr 2023 eks. mva | Årsgebyr 2023 inkl. mva |\n|---|---|---|\n"
    "| 140 liter dunk | 3 200 | 4 000 |\n| 240 liter dunk | 4 100 | 5 125 |\n| 660 liter dunk | 9 800 | 12 250 |\n"
    "| 1000 liter dunk | 14 200 | 17 750 |\n\n## Kaiavgift\n\nTabell 2 Kaiavgift 2023\n\n"
    "| Fartøystørrelse | Pris per meter per døgn | Minstepris per døgn |\n|---|---|---|\n"
    "| Fartøyer under 15m | 12 | 150 |\n| Fartøyer 15-30m | 15 | 300 |\n| Fartøyer over 30m | 20 | 800 |\n\n"
    "## Feiing og tilsyn\n\nTabell 3 Feie- og tilsynsgebyr 2023\n\n| Objekt | Gebyr 2023 eks. mva |\n|---|---|\n"
    "| Bolig | 650 |\n| Fritidsbolig/hytte | 480 |\n")
STAFF = (
    "Östby kommun\nÅrsredovisning 2019\n\nPersonalredovisning\nAntal anställda per förvaltning 2019\n"
    "Förvaltning Tillsvidareanställda Visstidsanställda Andel heltid (%)\n"
    "Barn- och utbildningsförvaltningen 812 95 78\nSocialförvaltningen 1 045 160 64\n"
    "Samhällsbyggnadsförvaltningen 210 18 96\nKommunledningsförvaltningen 145 12 94\nTotalt 2 212 285 76\n\n"
    "Totalt hade kommunen 2 212 tillsvidareanställda vid årets slut.\n")
STATEMENT = (
    "Västby kommun\nÅrsredovisning 2017\n\nResultaträkning\nKoncernen Kommunen\nMnkr 2017 2016 2017 2016\n"
    "Verksamhetens intäkter 850 812 512 498\nVerksamhetens kostnader -2 410 -2 356 -2 105 -2 050\n"
    "Avskrivningar -95 -90 -60 -58\nSkatteintäkter 1 402 1 350 1 402 1 350\n"
    "Finansiella kostnader -30 -33 -12 -14\nResultat före extraordinära poster 62 45 38 21\n"
    "Årets resultat 62 45 38 21\n")
SWEDISH = (
    "Lundby kommun\nÅrsredovisning 2021\n\nFörvaltningsberättelse\nUnder 2021 tog kommunen emot 34 nyanlända "
    "flyktingar, jämfört med 41 året innan.\nKommunen hade vid årets slut 12 förskolor och 7 grundskolor.\n\n"
    "Nyckeltal\nNyckeltal 2019 2020 2021\nAntal invånare 15 210 15 302 15 388\n"
    "Antal elever i grundskolan 1 780 1 802 1 815\nBarn i förskola 820 845 861\n")
FILES = {"lundby_kommun_arsredovisning_2021.txt": SWEDISH, "nordvik_kommune_arsmelding_2017.txt": ANNUAL, "sorvik_gebyrregulativ_2023.md": FEES,
         "ostby_kommun_arsredovisning_2019.txt": STAFF, "vastby_kommun_arsredovisning_2017.txt": STATEMENT}


@pytest.fixture(scope="module")
def warehouse(warehouse_over_reports):
    return warehouse_over_reports(FILES, "rows_by_words")


def _ask(warehouse, question):
    return ask(question, warehouse=warehouse, engine="planner")


def _values(result) -> list[float]:
    columns = result.get("columns") or []
    if "value" not in columns:
        return []
    return [row[columns.index("value")] for row in result["rows"]]


# -- quantities (pure) ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("question, label, same", [
    ("annual fee for a 1000 litre bin", "1000 liter dunk", True),
    ("a 1 000 l bin", "1000 liter dunk", True),
    ("a 1000 litre bin", "140 liter dunk", False),
    ("vessels over 30 m", "Fartøyer over 30m", True),
    ("vessels over 30 m", "Fartøyer 15-30m", False),
    ("hytte inntil 100 kvm", "Fritidsbolig inntil 100 m²", True),
])
def test_a_row_is_named_by_the_quantity_written_its_own_way(question, label, same):
    assert holds(label, asked_quantities(question)) is same


def test_years_and_bare_numbers_are_no_quantity_a_question_asks():
    assert asked_quantities("Hva var gebyret i 2023?") == []
    assert asked_quantities("de 3 største sektorene") == []
    assert [q.low for q in quantities("Fartøyer 15-30m", years_too=True)] == [15.0]


def test_a_number_the_reader_kept_apart_as_a_code_is_the_quantity_of_the_row():
    assert printed_label("140", "liter dunk") == "140 liter dunk"
    assert printed_label("1.1", "Driftsinntekter") == "Driftsinntekter"  # a line code stays a code
    assert without_quantities("140 liter dunk").split() == ["dunk"]
    assert without_quantities("liter dunk").split() == ["dunk"]


# -- end to end ----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("question", ["Kor mange flyktningar skulle Nordvik ta imot i 2017?",
                                      "How many refugees was Nordvik to settle in 2017?"])
def test_a_figure_the_text_states_about_a_topic_outside_the_catalog(warehouse, question):
    result = _ask(warehouse, question)
    assert result["status"] == "ok", result["answer"]
    assert _values(result) == [15.0]  # 2017's figure, not the 10 recommended for 2018
    assert "busetje 15 flyktningar" in result["answer"]


@pytest.mark.parametrize("question", ["How many pupils were there in Nordvik's schools in 2015?",
                                      "Kor mange elevar var det i grunnskulen i Nordvik i 2015?"])
def test_a_key_figure_row_named_in_another_language_or_spelling(warehouse, question):
    result = _ask(warehouse, question)
    assert result["status"] == "ok", result["answer"]
    assert _values(result) == [2310.0]
    assert "Elevar i grunnskolen" in result["answer"]


def test_a_party_row_of_a_listed_composition(warehouse):
    result = _ask(warehouse, "Hvor mange representanter hadde Senterpartiet i kommunestyret?")
    assert result["status"] == "ok" and _values(result) == [5.0], result["answer"]


@pytest.mark.parametrize("question, values", [
    ("What was the annual fee for a 1000 litre bin in 2023?", {14200.0, 17750.0}),
    ("What does a 1 000 l bin cost per year?", {14200.0, 17750.0}),
    # the reader kept "140" apart as the row's code: the row is still the one the quantity names, printed whole
    ("Årsgebyr for 140 liter dunk i 2023?", {3200.0, 4000.0}),
    ("What is the minimum quay fee per day for vessels over 30 m?", {800.0}),
    ("Hva er kaiavgift per meter for fartøyer under 15 m?", {12.0}),
    ("Hva er feie- og tilsynsgebyr for fritidsbolig i 2023?", {480.0}),
])
def test_a_price_list_row_named_by_its_quantity_and_column(warehouse, question, values):
    result = _ask(warehouse, question)
    assert result["status"] == "ok", result["answer"]
    assert set(_values(result)) == values, result["answer"]


def test_a_row_whose_number_was_kept_apart_is_shown_as_printed(warehouse):
    result = _ask(warehouse, "Årsgebyr for 140 liter dunk i 2023?")
    assert "140 liter dunk" in result["answer"] and "1000 liter dunk" not in result["answer"]


def test_a_quantity_no_row_prints_is_refused_naming_the_rows(warehouse):
    result = _ask(warehouse, "Hva koster en 1500 liter dunk?")
    assert result["status"] == "unanswerable", result["answer"]
    assert "1500 liter" in result["answer"] and "140 liter dunk" in result["answer"]
    assert "1000 liter dunk" in result["answer"] and "kostnader" not in result["answer"]


@pytest.mark.parametrize("question, first, last", [
    ("Which bin size is most expensive?", "1000 liter dunk", "140 liter dunk"),
    ("Hvilken dunk er billigst?", "140 liter dunk", "1000 liter dunk"),
])
def test_price_list_rows_ranked(warehouse, question, first, last):
    result = _ask(warehouse, question)
    assert result["status"] == "ok", result["answer"]
    labels = [r[result["columns"].index("row_label")] for r in result["rows"]]
    assert labels[0] == first and labels[-1] == last and len(labels) == 4


@pytest.mark.parametrize("question, first, value", [
    ("Which department had the most permanent employees in 2019?", "Socialförvaltningen", 1045.0),
    ("Vilken förvaltning hade flest tillsvidareanställda 2019?", "Socialförvaltningen", 1045.0),
    ("Vilken förvaltning hade högst andel heltidsarbetande 2019?", "Samhällsbyggnadsförvaltningen", 96.0),
    ("Which department had the highest share of full-time employees in 2019?", "Samhällsbyggnadsförvaltningen", 96.0),
    ("Hvilken sektor hadde lavest andel heltid i 2019?", "Socialförvaltningen", 64.0),
])
def test_a_staff_table_ranked_by_the_column_asked_never_its_total(warehouse, question, first, value):
    result = _ask(warehouse, question)
    assert result["status"] == "ok", result["answer"]
    columns = result["columns"]
    top = result["rows"][0]
    assert top[columns.index("row_label")] == first and top[columns.index("value")] == value
    assert not any(r[columns.index("row_label")] == "Totalt" for r in result["rows"])


@pytest.mark.parametrize("question, year, value", [
    ("Kva år hadde Nordvik flest barn i barnehage, og kor mange var det?", 2015, 1152.0),
    ("Which year had the fewest children in kindergarten in Nordvik?", 2013, 1080.0),
])
def test_the_year_of_a_rows_largest_figure(warehouse, question, year, value):
    result = _ask(warehouse, question)
    assert result["status"] == "ok", result["answer"]
    columns = result["columns"]
    top = result["rows"][0]
    assert (top[columns.index("year")], top[columns.index("value")]) == (year, value)
    assert str(year) in result["answer"].split(",")[0]  # the year is the answer's first word
    assert "%" not in str(top[columns.index("row_label")])  # a count asked: never the percent row


@pytest.mark.parametrize("question, values, says_own", [
    ("What was the result before extraordinary items in 2017 for Västby?", [38e6], True),
    ("Vad var resultat före extraordinära poster för kommunen 2017?", [38e6], True),
    ("What was the consolidated result before extraordinary items in 2017?", [62e6], False),
    ("Compare the result before extraordinary items in 2017 for the municipality and for the consolidated accounts",
     [62e6, 38e6], False),
])
def test_the_group_or_the_municipalitys_own_column(warehouse, question, values, says_own):
    result = _ask(warehouse, question)
    assert result["status"] == "ok", result["answer"]
    assert sorted(_values(result)) == sorted(values)
    # neither named: the answer says it gave the organisation's own column and that the group's is printed too
    assert (("own column" in result["answer"]) or ("egen kolonne" in result["answer"])) is says_own


@pytest.mark.parametrize("question, values", [
    ("How many people were employed in Nordvik in 2016?", [11150.0]),
    ("How many pupils did Nordvik have in 2016?", [2295.0]),
    # the figure of the year asked, though printed without the word asked ("mot 39 800 året før")
    ("Kor mange utlån hadde biblioteket i Nordvik i 2016?", [39800.0]),
    # the figure printed with what is counted, never the sentence's other figure
    ("How many kindergartens does Nordvik have?", [14.0]),
])
def test_the_counted_noun_picks_the_row_or_the_figure(warehouse, question, values):
    result = _ask(warehouse, question)
    assert result["status"] == "ok", result["answer"]
    assert _values(result) == values, result["answer"]


def test_two_asks_of_one_sentence_give_both_figures(warehouse):
    # the counted noun of the first ask ("permanent" ~ "fast") must not drop the second ask's figure ("640 kvinner")
    result = _ask(warehouse, "How many permanent employees did Nordvik have in 2017, and how many of them were women?")
    assert result["status"] == "ok", result["answer"]
    assert {812.0, 640.0} <= set(_values(result)), result["answer"]


@pytest.mark.parametrize("question, values", [
    ("Hva er årsgebyret for 240 liter dunk inkludert mva?", [5125.0]),
    ("What does a 660 l container cost including VAT?", [12250.0]),
    ("What is the annual fee for a 140 litre bin excluding VAT?", [3200.0]),
])
def test_the_price_with_or_without_vat_asked(warehouse, question, values):
    result = _ask(warehouse, question)
    assert result["status"] == "ok", result["answer"]
    assert _values(result) == values, result["answer"]


def test_a_count_ranked_never_reads_the_percent_column(warehouse):
    result = _ask(warehouse, "Which department had the most employees in 2019?")
    assert result["status"] == "ok", result["answer"]
    columns = result["columns"]
    assert {r[columns.index("column_label")] for r in result["rows"]} == {"Tillsvidareanställda"}
    assert result["rows"][0][columns.index("value")] == 1045.0
    assert "Tillsvidareanställda" in result["answer"]  # the column ranked is said


@pytest.mark.parametrize("question, values", [
    ("How many refugees did Lundby receive in 2021?", [34.0]),
    ("Hur många flyktingar tog Lundby emot 2020?", [41.0]),
    ("How many preschools did Lundby have?", [12.0]),
    ("How many pupils were there in Lundby's schools in 2020?", [1802.0]),
])
def test_swedish_text_and_key_figures_asked_in_english_and_swedish(warehouse, question, values):
    result = _ask(warehouse, question)
    assert result["status"] == "ok", result["answer"]
    assert _values(result) == values, result["answer"]


def test_the_years_of_a_row_several_organisations_print_are_not_ranked_for_one_of_them(warehouse):
    result = _ask(warehouse, "Which year had the fewest children in kindergarten?")
    assert result.get("family") != "row_years", result["answer"]


def test_a_word_the_answer_prints_as_another_term_of_its_concept_is_said(warehouse):
    # "preschool" is «Barn i förskola», "holiday home" is «Fritidsbolig/hytte»: no note of words left unused
    for question in ("Which year had the most children in preschool in Lundby?",
                     "What is the chimney sweeping fee for a holiday home in Sørvik in 2023?"):
        result = _ask(warehouse, question)
        assert result["status"] == "ok" and not result.get("unused") and result.get("reading") != "nearby", result
    result = _ask(warehouse, "Which year had the most children in preschool in Lundby?")
    assert (result["rows"][0][result["columns"].index("year")], _values(result)[0]) == (2021, 861.0)
