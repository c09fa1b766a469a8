"""Budget-vs-actual wording, everyday words for governed things, splits the data lacks and which-year rankings, on
invented labels, questions and figures (bokmål, nynorsk, English): "frie inntekter" is the line printed "Sum frie
disponible inntekter", never "Sum inntekter"; "renter på gjelda" is the interest-expense line; "sette av til fond"
is the allocation line; "mot opprinneleg budsjett" and "compare with the original budget" ask for that budget and
the accounts both; "split between women and men" is a split, refused where the data lacks it; "which year between
2015 and 2018 had the most X" ranks the years of one series and names the top year with its value."""
from __future__ import annotations

import duckdb
import pytest

from app.engine import answer
from app.engine.catalog import load_metrics
from app.engine.families.base import Question
from app.engine.families.cell_lookup import SCENARIOS, VERSUS, asked_scenarios, best_labels
from app.engine.families.measures import Cues, compile_facts
from app.engine.families.ranking import asks_ranking, money_caption
from app.engine.families.ranking import shape as rank_shape
from app.engine.interpret import breakdown_asked, dimension_words
from app.engine.periods import dated_only, find_period
from app.engine.planner import Plan, UnitRef, Vocabulary, find_metric_spans, find_years
from app.engine.text import normalise
from app.engine.wordforms import LabelIndex, question_terms

LABELS = ["Sum inntekter", "Sum frie disponible inntekter", "Renteutgifter", "Renteinntekter", "Lånegjeld",
          "Avsetninger til disposisjonsfond", "Bruk av disposisjonsfond", "Netto driftsresultat",
          "Inntekts- og formuesskatt"]


@pytest.fixture(scope="module")
def index():
    return LabelIndex(LABELS)


def _best(index: LabelIndex, question: str) -> list[str]:
    return [m.label for m in best_labels(index, question_terms(normalise(question), index.known), set())]


@pytest.mark.parametrize("question, label", [
    ("Hvor store var de frie inntektene i 2021?", "Sum frie disponible inntekter"),
    ("Kor store var frie inntekter i Nordvik i 2021?", "Sum frie disponible inntekter"),
    ("What were the free income (frie inntekter) in 2021?", "Sum frie disponible inntekter"),
    ("Kor mykje betalte kommunen i renter på gjelda i 2021?", "Renteutgifter"),
    ("Hvor mye betalte kommunen i renter på lånene?", "Renteutgifter"),
    ("How much interest did the municipality pay on its debt in 2021?", "Renteutgifter"),
    ("Kor mykje sette kommunen av til disposisjonsfond i 2021?", "Avsetninger til disposisjonsfond"),
    ("How much did the municipality set aside to the disposition fund?", "Avsetninger til disposisjonsfond"),
])
def test_everyday_words_name_the_printed_line(index, question, label):
    assert _best(index, question) == [label]


def test_words_the_line_prints_itself_still_win(index):
    assert _best(index, "Sum inntekter 2021") == ["Sum inntekter"]
    assert _best(index, "Renteinntekter 2021") == ["Renteinntekter"]
    assert _best(index, "Bruk av disposisjonsfond 2021") == ["Bruk av disposisjonsfond"]


@pytest.mark.parametrize("question, lang, wanted", [
    ("Renteutgifter i Nordvik 2021 mot opprinneleg budsjett", "nb", ("original_budget", "budget")),
    ("Renteutgifter Nordvik 2021 compare with the original budget", "en", ("original_budget", "budget")),
    ("Renteutgifter Nordvik 2021 against the initial budget", "en", ("original_budget", "budget")),
    ("Renteutgifter Nordvik 2021 mot justert budsjett", "nb", ("revised_budget", "budget")),
    ("Nordvik interest expenses 2021 actual vs adjusted budget", "en", ("revised_budget", "budget")),
])
def test_the_budget_named_is_the_one_read(question, lang, wanted):
    asked = asked_scenarios(Question.parse(question, lang))
    assert asked[0] == wanted
    assert ("budget", "revised_budget", "original_budget") not in asked  # never every budget column


@pytest.mark.parametrize("question", ["Renteutgifter Nordvik 2021 compare with the original budget",
                                      "Renteutgifter i Nordvik 2021 samanlikna med regulert budsjett",
                                      "Rentekostnader Nordvik 2021 sett opp mot budsjettet",
                                      "Renteutgifter Nordvik 2021 jamført med budsjett"])
def test_a_comparison_with_the_budget_asks_for_the_accounts_too(question):
    assert Question.parse(question, "nb").has(*VERSUS)
    assert not Question.parse("Hva var budsjettet for renteutgifter i Nordvik 2021?", "nb").has(*VERSUS)
    assert SCENARIOS  # the cues live in one home


@pytest.mark.parametrize("text, years", [
    ("which year between 2015 and 2018 had the most employees", [2015, 2016, 2017, 2018]),
    ("hvilket år mellom 2015 og 2018 hadde flest ansatte", [2015, 2016, 2017, 2018]),
    ("kva år i perioden 2016 og 2018 hadde høgast sjukefråvær", [2016, 2017, 2018]),
    ("ansatte 2015 og 2018", [2015, 2018]),  # two years named, not the years between
])
def test_between_two_years_is_every_year_between(text, years):
    assert find_period(text).years == years
    assert find_years(text, 2022) == years


def test_a_day_of_a_month_is_a_point_in_time():
    assert dated_only("employees and ftes at 1 december 2017")
    assert dated_only("tilsette per 1. desember 2017")
    assert not dated_only("sykefravær desember 2020")
    assert not dated_only("sykefravær 2020")


def test_a_split_by_gender_is_a_breakdown_and_its_members_are_dimension_words():
    assert breakdown_asked("how many employees in 2017 split between women and men")[0] == "gender"
    assert breakdown_asked("tilsette 2017 fordelt mellom kvinner og menn")[0] == "gender"
    assert dimension_words(["women", "men"]) == ["women", "men"]
    assert dimension_words(["kvinner"]) == ["kvinner"]
    assert dimension_words(["please", "roughly", "totalt"]) == []  # filler words never refuse


def test_a_ranking_over_a_signed_balance_reads_money_tables_only():
    assert asks_ranking("which sector had the largest deficit in 2022")
    assert asks_ranking("hvilken sektor hadde størst merforbruk i 2022")
    assert not asks_ranking("netto driftsresultat 2022 mot budsjett")
    assert money_caption("Regnskap per sektor 2022 (i 1000 kr)")
    assert money_caption("Avvik mot budsjett per sektor")
    assert not money_caption("Tilsette fordelt på sektor og kjønn")
    assert not money_caption("Sjukefråvær per sektor")


def test_everyday_words_for_the_governed_measures():
    metrics = load_metrics()
    codes = lambda t: {c for _, _, c in find_metric_spans(normalise(t), metrics)}  # noqa: E731
    assert "employees" in codes("How many people worked for Nordvik municipality in 2021?")
    assert "employees" in codes("Kor mange tilsette hadde Nordvik i 2021?")
    # "netto driftsutgifter" alone is an account line or total, never the administration-cost measure
    assert codes("Netto driftsutgifter Nordvik 2021") == set()
    assert codes("netto driftsutgifter til administrasjon og styring per innbygger") == {
        "kostra_admin_net_expense_per_capita"}


# --- which year had the most: the years of one series ranked ---------------------------------------------------

@pytest.fixture(scope="module")
def facts():
    con = duckdb.connect()
    con.execute("create table dim_unit (unit_key varchar, unit_name varchar, unit_level varchar)")
    con.execute("insert into dim_unit values ('nv', 'Nordvik kommune', 'organisation'), ('nv-a', 'Nordvik skule', 'enhet')")
    con.execute("create table fct_metric_value (is_latest boolean, metric_code varchar, unit_key varchar, value_year int, "
                "quarter int, subject varchar, qualifier varchar, value double, file_name varchar, page int, "
                "excerpt varchar, period_code varchar)")
    for unit, year, value in [("nv", 2015, 410), ("nv", 2016, 455), ("nv", 2017, 432), ("nv", 2018, 449),
                              ("nv", 2021, 500), ("nv-a", 2016, 40), ("nv-a", 2017, 44)]:
        con.execute("insert into fct_metric_value values (true, 'employees', ?, ?, null, null, null, ?, 'r.pdf', 1, '', null)",
                    [unit, year, value])
    return con


@pytest.mark.parametrize("question, lang", [("Which year between 2015 and 2018 had the most employees in Nordvik?", "en"),
                                            ("Hvilket år mellom 2015 og 2018 hadde Nordvik flest ansatte?", "nb"),
                                            ("Kva år mellom 2015 og 2018 hadde Nordvik flest tilsette?", "nb")])
def test_which_year_ranks_the_years_and_names_the_top_one(facts, question, lang):
    metrics = load_metrics()
    text = normalise(question)
    vocab = Vocabulary(metrics=metrics, unit_aliases={})
    plan = Plan(question=question, family="ranking", metrics=["employees"],
                units=[UnitRef("nv", "Nordvik kommune"), UnitRef("nv-a", "Nordvik skule")], years=find_years(text, 2022))
    rank_shape(plan, Cues(text=text, rest=text), vocab)
    assert plan.rank_by == "year" and plan.limit is None
    cur = facts.execute(compile_facts(plan))
    columns = [d[0] for d in cur.description]
    rows = cur.fetchall()
    assert [r[columns.index("year")] for r in rows] == [2016, 2018, 2017, 2015]  # one series, its years in order
    text_ = answer.metric_sentence(plan, metrics, columns, rows, lang)
    assert text_.startswith("2016") and "455" in text_
    assert text_.count("2016") == 2 and "2021" not in text_  # the top year once named, then the order


@pytest.mark.parametrize("question, lang, blocked", [
    ("Netto driftsutgifter Nordvik 2021", "nb", True),           # "Sum driftsutgifter" is the gross figure
    ("Nordvik net operating expenses 2021", "en", True),
    ("Netto driftsresultat Nordvik 2021", "nb", False),
    ("Brutto driftsutgifter Nordvik 2021", "nb", False),         # a line's sum is its gross figure
    ("Sum driftsutgifter Nordvik 2021", "nb", False),
    ("Netto lånegjeld i prosent av brutto driftsinntekter Nordvik 2021", "nb", False),  # "brutto" qualifies another word
])
def test_net_is_never_answered_with_a_gross_or_total_line(question, lang, blocked):
    from app.engine.families.cell_lookup import net_gross_not_in

    labels = (["Netto driftsresultat"] if "resultat" in question else ["Netto lånegjeld"] if "lånegjeld" in question
              else ["Sum driftsutgifter"])
    assert bool(net_gross_not_in(Question.parse(question, lang), labels)) is blocked


@pytest.mark.parametrize("question, whole", [
    ("What was the municipality's total headcount in 2020?", True),
    ("Hvor mange ansatte hadde Nordvik kommune i 2020?", False),
    ("Hvor mange saker totalt i 2020?", False),
])
def test_the_whole_organisation_asked_by_its_total(question, whole):
    from app.engine.families.scope import asks_whole_organisation

    assert asks_whole_organisation(question) is whole


def test_a_measure_named_only_by_its_first_words_is_offered_not_picked():
    from app.engine.interpret import measures_begun

    metrics = load_metrics()
    assert [m.code for m in measures_begun("Netto driftsutgifter Nordvik 2021", metrics)] == [
        "kostra_admin_net_expense_per_capita"]
    assert measures_begun("Hvor mange innbyggere hadde Nordvik i 2021?", metrics) == []


@pytest.mark.parametrize("question", ["Kor mange tilsette hadde Nordvik per 1. desember 2018?",
                                      "How many employees did Nordvik have at 1 December 2018?"])
def test_a_count_at_a_day_of_a_month_reads_the_years_figure_not_a_months(facts, question):
    from app.engine.planner import plan_question

    vocab = Vocabulary(metrics=load_metrics(), unit_aliases={})
    plan = plan_question(question, vocab)
    assert plan.month_spans == []  # a point in the year, as the year's stock is counted: no month's figure asked
    plan.units, plan.years = [UnitRef("nv", "Nordvik kommune")], [2018]
    cur = facts.execute(compile_facts(plan))
    rows = cur.fetchall()
    assert len(rows) == 1 and 449 in rows[0]
