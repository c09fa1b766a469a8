"""Prose figures on invented sentences (bokmål, nynorsk, Swedish, Danish, English): a space-grouped number beside a
year keeps its leading group in every reader, a second figure compared with the first takes its own year and the
first one's measure, counted events keep their noun, changes stay changes (the level after "til" stays a level),
staff turnover is a catalog metric, odd magnitude words keep their scale, and a part's name holds no verb."""
from __future__ import annotations

import re

import pytest

from flows.reports.classify import classify
from flows.reports.numbers import STANDALONE_FIGURE, parse_amount
from flows.reports.parse import parse_document
from flows.reports.prose import ProseFigure, Sentence, part_named, prose_figures

YEAR = 2031


def _read(text: str) -> list[ProseFigure]:
    return prose_figures([Sentence(text=text, page=1, line=1, section=None, quarter=None)], YEAR)


def _facts(tmp_path, text: str) -> list:
    path = tmp_path / f"arsmelding-{YEAR}.txt"
    path.write_text(f"Årsmelding {YEAR}\n\nPersonal\n\n{text}\n", encoding="utf-8")
    return parse_document(path).facts


# --- 1. a space-grouped number beside a year or a date ----------------------------------------------------------

@pytest.mark.parametrize(("text", "value"), [
    ("Ved utgangen av 2029 hadde fylkeskommunen 4 865 tilsette.", 4865),
    ("Per 31.12.2030 hadde kommunen 2 345 ansatte.", 2345),
    ("I 2030 4 865 ansatte i alt.", 4865),
    ("Kommunen hadde 12 480 ansatte ved utgangen av 2030.", 12480),
])
def test_a_grouped_count_beside_a_year_keeps_its_leading_group(tmp_path, text, value):
    employees = [f.value for f in _facts(tmp_path, text) if f.metric == "employees"]
    assert employees == [value]


@pytest.mark.parametrize(("text", "printed"), [
    ("hadde 4 865 tilsette", ["4 865"]),
    ("i 2029 4 865 tilsette", ["2029", "4 865"]),
    ("1.365 ansatte og 2,5 årsverk", ["1.365", "2,5"]),
])
def test_a_standalone_figure_is_never_the_tail_of_a_grouped_number(text, printed):
    assert [m.group(0) for m in re.finditer(STANDALONE_FIGURE, text)] == printed


# --- 2. a second figure with its own year --------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "first", "second"), [
    ("Brannvesenet hadde 97 utrykkingar i 2030 mot 79 i 2029.", (97, "count", 2030), (79, "count", 2029)),
    ("Nærværet var 85,4 prosent, mot 84,4 året før.", (85.4, "pct", YEAR), (84.4, "pct", YEAR - 1)),
    ("I 2028 var nærværet 85,4 prosent, mot 84,4 året før.", (85.4, "pct", 2028), (84.4, "pct", 2027)),
    ("Räddningstjänsten hade 97 utryckningar 2030 jämfört med 79 året innan.", (97, "count", 2030), (79, "count", 2029)),
    ("The fire service had 97 call-outs in 2030 compared with 79 in 2029.", (97, "count", 2030), (79, "count", 2029)),
    ("Beredskabet havde 97 udrykninger i 2030 mod 79 i 2029.", (97, "count", 2030), (79, "count", 2029)),
])
def test_a_figure_compared_with_the_one_before_gets_its_own_year_and_that_measure(text, first, second):
    found = [(f.value, f.unit, f.year) for f in _read(text)]
    assert found == [first, second]
    topics = {f.topic for f in _read(text)}
    assert len(topics) == 1  # the same measure: "79" is call-outs too, never "året"


def test_a_prior_years_figure_is_classified_beside_the_readers_own(tmp_path):
    facts = {(f.metric, f.value_year): f.value for f in _facts(tmp_path, "Sykefraværet var 5,4 prosent, mot 4,4 året før.")}
    assert facts[("sick_leave_pct", YEAR)] == 5.4 and facts[("sick_leave_pct", YEAR - 1)] == 4.4


# --- 3. counted events keep their noun ----------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "value", "noun"), [
    ("Brannvesenet rykket ut på 97 utrykninger i fjor.", 97, "utrykninger"),
    ("Avdelinga fekk 412 oppdrag i 2030.", 412, "oppdrag"),
    ("Samarbeidet omfatter sju Fosen-kommuner.", 7, "Fosen-kommuner"),
    ("Det ble ført 12 IKT-saker til behandling.", 12, "IKT-saker"),
    ("Tilsynet gjennomførte 45 tilsyn.", 45, "tilsyn"),
])
def test_counted_events_are_counts_with_their_noun(text, value, noun):
    hits = [f for f in _read(text) if f.value == value]
    assert hits and hits[0].unit == "count" and hits[0].topic == noun


def test_number_words_are_english_words_in_an_english_sentence():
    assert 4.0 not in [f.value for f in _read("The fire service had 97 call-outs during the year.")]
    assert 4.0 in [f.value for f in _read("Kommunen har fire skoler og to barnehager.")]


def test_a_capitalised_word_after_a_number_is_still_a_row_label_not_a_count():
    assert not [f for f in _read("4 Andre driftsinntekter") if f.value == 4]


# --- 4. changes stay changes ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "change", "level"), [
    ("Folketalet auka med 696 personar (0,67 %) til 104 500 i 2030.", [696, 0.67], 104_500),
    ("Driftsinntektene økte med 2 % til 1 200 mill. kr.", [2], 1_200_000_000),
    ("Befolkningen ökade med 120 personer till 9 800.", [120], 9_800),
    ("Veksten var 1,6 prosent.", [1.6], None),
    ("Det var en økning på 3 årsverk.", [3], None),
    ("The number of employees increased by 12 to 640.", [12], 640),
])
def test_a_change_is_its_own_kind_and_the_level_after_til_stays_a_level(text, change, level):
    found = _read(text)
    assert sorted(f.value for f in found if f.scenario == "change") == sorted(change)
    if level is not None:
        assert [f.value for f in found if f.scenario is None] == [level]


def test_a_change_is_never_classified_as_the_level():
    found = _read("Sykefraværet auka med 1,2 prosent.")
    _, facts = classify([], found, report_year=YEAR)
    assert not facts


# --- 5. staff turnover ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Turnoveren var 8,5 prosent i 2031.",
    "Gjennomtrekken i organisasjonen var 8,5 %.",
    "Avgangen var 8,5 % i 2031.",
    "Personalomsättningen var 8,5 procent.",
    "Staff turnover was 8.5 % in 2031.",
])
def test_staff_turnover_is_a_catalog_metric(text):
    _, facts = classify([], _read(text), report_year=YEAR)
    assert [(f.metric, f.value) for f in facts] == [("staff_turnover_pct", 8.5)]


# --- 6. amounts keep their scale -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "value"), [
    ("49 763 041 kr", 49_763_041),
    ("3,4 MNOK", 3_400_000),
    ("2,1 milllionar kroner", 2_100_000),
    ("1,2 mill.kr", 1_200_000),
    ("4.500 tkr", 4_500_000),
    ("1,5 mrd. kr", 1_500_000_000),
])
def test_amounts_keep_their_scale(text, value):
    assert parse_amount(text).value_nok == value
    assert [f.value for f in _read(f"Tilskotet var {text} i 2031.")] == [value]


def test_a_result_in_odd_magnitude_words_keeps_its_scale(tmp_path):
    facts = _facts(tmp_path, "Kommunen fikk et mindreforbruk på 3,4 MNOK.")
    assert [(f.metric, f.value, f.unit_name) for f in facts if f.metric == "budget_result_nok"] == \
        [("budget_result_nok", 3_400_000, None)]  # the whole organisation's, not a unit called "Kommunen"


# --- 7. part names hold no verb ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "part"), [
    ("Seksjon for oppvekst hadde 140,2 årsverk.", "Seksjon for oppvekst"),
    ("Avdeling for helse hadde et sykefravær på 8,1 % i 2031.", "Avdeling for helse"),
    ("Oppvekst 12,5 årsverk", "Oppvekst"),
    ("Veksten var 1,6 prosent.", None),
    ("Turnoveren var 8,5 prosent.", None),
])
def test_a_part_name_holds_no_verb(text, part):
    at = re.search(r"\d", text).start()
    assert part_named(text, at) == part


@pytest.mark.parametrize(("text", "value", "topic", "unit"), [
    ("Vi fekk 12 nye saker i 2030.", 12, "nye saker", "count"),
    ("Ved utgangen av 2030 hadde fylket 4 865 faste tilsette.", 4865, "faste tilsette", "persons"),
    ("Fylket har 14 vidaregåande skular.", 14, "vidaregåande skular", "count"),
    ("Vi hadde 40 ansatte og 12 lærlinger.", 40, "ansatte", "persons"),
])
def test_an_adjective_before_the_counted_noun_keeps_the_noun(text, value, topic, unit):
    hits = [f for f in _read(text) if f.value == value]
    assert [(f.topic, f.unit) for f in hits] == [(topic, unit)]


@pytest.mark.parametrize("text", ["Affaldet udgjorde 12 mio. kr.", "Skatteinntektene økte til 1 200 mill. kr."])
def test_a_level_is_no_change(text):
    assert [f.scenario for f in _read(text)] == [None]


@pytest.mark.parametrize(("text", "value"), [("1,2 milionar kroner", 1_200_000), ("3 MSEK", 3_000_000),
                                             ("2,5 milj. kr", 2_500_000)])
def test_more_magnitude_spellings(text, value):
    assert [f.value for f in _read(f"Kostnaden var {text} i 2031.")] == [value]


@pytest.mark.parametrize(("text", "change", "level"), [
    ("Det er 624 055 innbyggere, en økning på 10 029 fra 2030, dvs. 1,6 prosent.", [10_029, 1.6], [624_055]),
    ("Totalt vart vi 696 fleire innbyggjarar i 2031.", [696], []),
    ("Folketalet auka med 696 personar, til saman 104 500 innbyggjarar.", [696], [104_500]),
])
def test_a_restated_change_and_a_comparative_count_are_changes(text, change, level):
    found = _read(text)
    assert sorted(f.value for f in found if f.scenario == "change") == sorted(change)
    assert [f.value for f in found if f.scenario is None] == level


def test_a_figure_a_parenthesis_includes_is_a_part_not_the_total():
    found = _read("Utførte årsverk i 2031 (inkluderer 2,9 årsverk til IT-tjenester): 144,1")
    _, facts = classify([], found, report_year=YEAR)
    assert [(f.metric, f.value) for f in facts] == [("fte_performed", 144.1)]


def test_a_dotted_date_gives_the_figure_its_year():
    assert [(f.value, f.year) for f in _read("Pr. 31.12.2029 hadde kommunen 12 480 innbyggere.")] == [(12_480, 2029)]


@pytest.mark.parametrize("text", ["Av våre 654 tilsette arbeidde 278 heiltid.", "Blant dei 654 tilsette var 12 lærlingar."])
def test_a_preposition_or_possessive_names_no_part(text):
    assert part_named(text, re.search(r"\d", text).start()) is None


def test_a_list_of_the_same_figures_for_earlier_years_takes_the_stated_measure(tmp_path):
    text = ("Turnover\n\nTurnoveren blant dei tilsette i 2031 var 7,5 prosent.\n\nTilsvarande tal for tidlegare år:\n\n"
            "2030: 9 prosent\n2029: 6,5 prosent\n")
    facts = {(f.metric, f.value_year): f.value for f in _facts(tmp_path, text)}
    assert facts[("staff_turnover_pct", 2031)] == 7.5
    assert facts[("staff_turnover_pct", 2030)] == 9 and facts[("staff_turnover_pct", 2029)] == 6.5


def test_a_year_list_after_a_sentence_naming_no_metric_stays_unclassified(tmp_path):
    text = "Bygg\n\nUtskifting av vassleidningar i 2031 var 1,5 prosent.\n\nTilsvarande tal for tidlegare år:\n\n2030: 9 prosent\n"
    assert not [f for f in _facts(tmp_path, text) if f.value == 9]


def test_a_date_after_the_figure_does_not_date_it():
    assert [(f.value, f.year) for f in _read("Mindreforbruket på 3,4 mill. kr ble vedtatt i møtet 12.03.2032.")] == \
        [(3_400_000, YEAR)]


@pytest.mark.parametrize("text", [
    "Dei største prosjekta er utbygging av skulebygg (ca. 7 mill.), sjukeheim (ca. 6,7 mill.), "
    "rehabilitering av vatn og avlaup (ca. 5 mill.) og nytt brannbil (ca. 3,4 mill.).",
    "De største prosjektene var utbygging av skolebygg (7 mill. kr), sykehjem (6,7 mill. kr), "
    "rehabilitering av vann og avløp (5 mill. kr) og ny brannbil (3,4 mill. kr).",
])
def test_each_figure_of_a_list_of_items_belongs_to_its_own_item(text):
    """A list of items each followed by its figure in parentheses: the figure is its own item's, never words of the
    item before it ("skulebygg mill sjukeheim" was the topic of the second amount)."""
    got = {f.value: f.topic for f in _read(text)}
    assert got[7_000_000].split()[-1] in ("skulebygg", "skolebygg")
    assert got[6_700_000] in ("sjukeheim", "sykehjem")
    assert got[5_000_000].split()[-3:] in (["rehabilitering", "vatn", "avlaup"], ["rehabilitering", "vann", "avløp"])
    assert got[3_400_000].split()[-1] == "brannbil"


@pytest.mark.parametrize(("text", "want"), [
    ("Etter å ha nådd 2000 innbyggere i 1. kvartal 2031 er folketallet nå nede i 1989.", [2000, 1989]),
    ("Kommunen hadde 2015 innbyggjarar ved utgangen av 2031.", [2015]),
    ("Folketalet har auka, og etter 2 010 personar i fjor er det no oppe i 2044.", [2010, 2044]),
])
def test_a_year_shaped_head_count_and_the_level_it_came_to_are_figures(text, want):
    """A number shaped like a year that counts people ("2000 innbyggere") is a head count, and the level a measure came
    down or up to after it ("nå nede i 1989") is its level, in its unit; a year after "i"/"fra" stays a year."""
    got = [(f.value, f.unit) for f in _read(text)]
    assert got == [(float(v), "persons") for v in want]


@pytest.mark.parametrize("text", ["I 2030 ansatte kommunen 12 nye lærere.", "Fra 2029 til 2030 ansatte vi 5 nye."])
def test_a_year_before_a_verb_is_still_a_year(text):
    assert all(f.value < 1000 for f in _read(text))


@pytest.mark.parametrize("text", ["Godkendelse af budgetopfølgning 3 - 2031 pr. 31. oktober.",
                                  "Administrationen har gennemført budgetopfølgning 3 pr. 31. oktober 2031."])
def test_a_number_before_a_dash_or_per_counts_nothing(text):
    """"opfølgning 3 - 2031", "3 pr. 31. oktober": the number names the report; a dash or "pr." is no counted noun."""
    assert [(f.value, f.topic) for f in _read(text)] == []


@pytest.mark.parametrize("sentence, value", [
    ("Avfallsmengden har gått ned med 1300 tonn fra 2030 til 2031.", 1300),
    ("Avfallsmengda har gått opp med over 3000 tonn.", 3000),
    ("Talet på brukarar har gått ned med drøyt 40 personar.", 40),
])
def test_a_change_in_the_perfect_or_with_a_bound_word_stays_a_change(sentence, value):
    got = {f.value: f for f in _read(sentence) if f.unit != "year"}
    assert got[value].scenario == "change", sentence
