"""Everyday words for what a report prints under another name (DESCRIBED_AS in app.engine.wordforms): "overskudd" ~
"Netto driftsresultat", "gjeld" ~ "Lånegjeld", "what did all services cost" ~ "Sum driftsutgifter", "taxes" ~ "Skatt
på inntekt og formue", "lønn" ~ "Lønnsutgifter" — in bokmål, nynorsk and English, over invented labels; a label the
question names by its own words always wins; the labels the organisation asked about prints compete first; and a
question asked in two parts is answered for the part the data holds, naming the part it does not."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from app.engine.engine import QuestionEngine
from app.engine.families.cell_lookup import best_labels
from app.engine.wordforms import LabelIndex, question_terms

LABELS = ["Netto driftsresultat", "Brutto driftsresultat", "Skatt på inntekt og formue", "Skatt på eiendom",
          "Sum driftsutgifter", "Sum driftsinntekter", "Lønnsutgifter", "Kjøp av varer og tjenester", "Lånegjeld",
          "Rammetilskudd", "Avskrivninger"]


@pytest.fixture(scope="module")
def index():
    return LabelIndex(LABELS)


def _best(index: LabelIndex, question: str, printed=None) -> list[str]:
    return [m.label for m in best_labels(index, question_terms(question, index.known), set(), frozenset(), printed)]


@pytest.mark.parametrize("question, label", [
    ("Hadde kommunen overskudd i 2021?", "Netto driftsresultat"),
    ("Kor stort var underskotet i 2021?", "Netto driftsresultat"),
    ("Did the municipality run a deficit in 2021?", "Netto driftsresultat"),
    ("Hvor mye hadde de i gjeld ved utgangen av 2021?", "Lånegjeld"),
    ("How much debt did the municipality have?", "Lånegjeld"),
    ("How much came in from taxes in 2021?", "Skatt på inntekt og formue"),
    ("Kor mykje fekk kommunen inn i skatt?", "Skatt på inntekt og formue"),
    ("What did all services cost in 2021?", "Sum driftsutgifter"),
    ("Hva kostet tjenestene totalt i 2021?", "Sum driftsutgifter"),
    ("Hvor mye brukte kommunen på lønn i 2021?", "Lønnsutgifter"),
    ("What did the municipality spend on wages?", "Lønnsutgifter"),
])
def test_an_everyday_word_names_the_line_the_report_prints(index, question, label):
    assert _best(index, question) == [label]


def test_a_line_named_by_its_own_words_outweighs_a_described_one(index):
    assert _best(index, "skatt på eiendom 2021") == ["Skatt på eiendom"]
    assert _best(index, "brutto driftsresultat 2021") == ["Brutto driftsresultat"]
    assert _best(index, "kjøp av varer og tjenester 2021") == ["Kjøp av varer og tjenester"]
    both = LabelIndex(["Gjeld", "Lånegjeld"])
    assert _best(both, "gjeld 2021") == ["Gjeld"]  # the printed word itself, not what it may describe


def test_nothing_described_for_words_no_entry_holds(index):
    assert _best(index, "Hvor mange innbyggere hadde kommunen?") == []
    terms = question_terms("Hvor mange innbyggere hadde kommunen?", index.known)
    assert not terms.described


def test_the_labels_the_organisation_asked_about_prints_compete_first():
    index = LabelIndex(["Gjeld til kredittinstitusjonar", "Lånegjeld"])
    assert _best(index, "Hvor mye gjeld hadde de?", printed=lambda label: label == "Lånegjeld") == ["Lånegjeld"]
    # none of them printed by it: every label competes as before (the caller refuses another organisation's row)
    assert _best(index, "Hvor mye gjeld hadde de?", printed=lambda label: False) == \
        _best(index, "Hvor mye gjeld hadde de?")


# --- a question in two parts: the part the data holds answered, the other named -------------------------------

def _engine(answers: dict[str, dict]) -> QuestionEngine:
    qe = QuestionEngine.__new__(QuestionEngine)
    qe.vocab = SimpleNamespace(unit_aliases={}, organisations={}, subjects={}, metrics={}, data=None)
    object.__setattr__(qe.vocab, "_protected_pairs", frozenset())
    qe._in_parts = False

    def part_answer(part: str, engine: str) -> dict:
        for word, result in answers.items():
            if word in part.lower():
                return {"question": part, "sql": "select 1", **result}
        return {"question": part, "status": "unanswerable", "rows": [], "columns": [], "answer": "Ingen tall."}

    qe._part_answer = part_answer
    return qe


REFUSED = {"status": "unanswerable", "rows": [], "columns": [], "answer": "Fant ikke hvilket mål."}
FTE = {"status": "ok", "columns": ["unit", "year", "fte"], "rows": [["Nordvik kommune", 2020, 412.5]],
       "answer": "Nordvik kommune hadde 412,5 årsverk i 2020.", "interpretation": "årsverk, Nordvik kommune, 2020"}


def test_one_part_answered_and_the_other_named_as_not_answered():
    qe = _engine({"årsverk": FTE})
    out = qe._by_parts("Hvor mange årsverk og lærlinger hadde Nordvik i 2020?", "planner", REFUSED)
    assert out["status"] == "ok" and out["rows"] == [["Nordvik kommune", 2020, 412.5]]
    assert len(out["unanswered"]) == 1 and "lærlinger" in out["unanswered"][0]
    assert "lærlinger" in out["answer"] and "fant jeg ikke svar på" in out["answer"]


def test_english_parts_say_so_in_english():
    qe = _engine({"employees": {**FTE, "answer": "Nordvik had 412.5 employees in 2020."}})
    out = qe._by_parts("How many employees and apprentices did Nordvik have in 2020?", "planner", REFUSED)
    assert out["status"] == "ok" and "could not be answered" in out["answer"] and "apprentices" in out["answer"]


def test_a_clause_alone_is_never_answered_for_the_whole():
    qe = _engine({"how much": {**FTE, "answer": "412.5"}})
    refused = qe._by_parts("Which municipality paid the most towards Nordvik IT in 2020, and how much?", "planner",
                           REFUSED)
    assert refused is REFUSED


def test_no_part_answered_stays_refused():
    qe = _engine({})
    out = qe._by_parts("Hvor mange årsverk og lærlinger hadde Nordvik i 2020?", "planner", REFUSED)
    assert out is REFUSED


def test_one_of_two_years_answered():
    year_2019 = {"status": "ok", "columns": ["unit", "year", "sick_leave_pct"], "rows": [["Nordvik kommune", 2019, 6.1]],
                 "answer": "6,1 % i 2019."}
    qe = _engine({"2019": year_2019})
    out = qe._by_parts("sykefravær Nordvik 2019 og 2020", "planner", REFUSED)
    assert out["status"] == "ok" and out["rows"] == [["Nordvik kommune", 2019, 6.1]]


# --- English names of Norwegian units; a per-inhabitant ratio is no measure of its own ---------------------------

def test_an_english_question_names_a_norwegian_unit_by_its_words():
    from app.engine.planner import UnitRef, find_units

    aliases = {"helse/sosial": UnitRef("hs", "Helse/sosial"), "kultur": UnitRef("ku", "Kultur"),
               "helse og omsorg": UnitRef("ho", "Helse og omsorg"), "teknisk": UnitRef("te", "Teknisk")}
    units, matched = find_units("how many employees did the health and social sector have in 2022", aliases)
    assert [u.unit_key for u in units] == ["hs"] and matched == ["health and social"]
    units, _ = find_units("what did the health and care services cost in 2021", aliases)
    assert [u.unit_key for u in units] == ["ho"]
    # one common English word ("culture") names no unit: another report's "Kultur" is never read for it
    assert find_units("sick leave in the culture department 2020", aliases)[0] == []
    # a Norwegian question is read as written: no translation of its words
    assert find_units("hvor mange ansatte hadde sektoren i 2022", aliases)[0] == []
    assert find_units("how much did the school sector spend in 2022", aliases)[0] == []
    # a name written as it is ("Nordvik municipality") is no English name of a unit, even when a unit reads the same
    aliases["nordvik kommune"] = UnitRef("nk", "Nordvik kommune")
    assert find_units("which sector had the most employees in nordvik municipality", aliases)[0] == []


def test_per_inhabitant_alone_names_no_governed_measure():
    from app.engine.catalog import load_metrics
    from app.engine.planner import find_metrics

    metrics = load_metrics()
    # debt per inhabitant is its own measure (the catalog's per-inhabitant debt), never the admin measure
    assert find_metrics("nordvik lånegjeld per innbygger 2012", metrics) == ["net_debt_per_capita"]
    assert "kostra_admin_net_expense_per_capita" not in find_metrics(
        "what was nordvik's loan debt per inhabitant in 2012", metrics)
    assert find_metrics("nordvik eiendomsskatt per innbygger 2012", metrics) == []
    admin = find_metrics("netto driftsutgifter til administrasjon per innbygger nordvik 2017", metrics)
    assert len(admin) == 1 and admin == find_metrics("which of them spent the least per inhabitant on administration",
                                                     metrics)


def test_the_one_county_is_named_by_its_kind():
    from app.engine.names import kind_aliases
    from app.engine.planner import find_organisations

    one = kind_aliases([("nordfylke", "fylkeskommune"), ("nordvik", "kommune"), ("sørvik", "kommune")])
    assert one["fylket"] == "nordfylke" and one["the county"] == "nordfylke"
    assert "kommunen" not in one  # two municipalities: "kommunen" names neither
    assert find_organisations("hvor mange tilsette hadde fylket i 2016", one) == ["nordfylke"]
    assert find_organisations("how many employees did the county have in 2016", one) == ["nordfylke"]
    assert kind_aliases([("nordfylke", "fylkeskommune"), ("sørfylke", "fylkeskommune")]) == {}  # never a pick


# --- a ranking over one side of a signed balance -------------------------------------------------------------

@pytest.mark.parametrize("question, order, sign", [
    ("which unit had the largest overspend in 2020", "asc", "negative"),
    ("hvilken enhet hadde størst merforbruk i 2020", "asc", "negative"),
    ("hvilken eining hadde minst meirforbruk i 2020", "desc", "negative"),
    ("which unit had the largest underspend in 2020", "desc", "positive"),
    ("hvilken enhet hadde høyest mer-/mindreforbruk i 2020", "desc", None),  # the balance itself, no side
])
def test_the_largest_overspend_is_the_most_negative_result(question, order, sign):
    from app.engine.catalog_model import Metric
    from app.engine.families import ranking
    from app.engine.families.measures import Cues, compile_facts
    from app.engine.planner import Plan, Vocabulary

    metric = Metric(code="result_nok", name_nb="Mer-/mindreforbruk", name_en="Budget result", unit_of_measure="nok",
                    higher_is_better=True, synonyms=(), definition="")
    v = Vocabulary(metrics={"result_nok": metric}, unit_aliases={})
    plan = Plan(question=question, family="ranking", metrics=["result_nok"])
    cues = Cues(text=question, rest=question, per_municipality=False, metric_has_quarters=False, ticket_metric=False)
    ranking.shape(plan, cues, v)
    assert (plan.rank_order, plan.rank_sign) == (order, sign)
    sql = compile_facts(plan)
    assert ("f.value < 0" in sql) == (sign == "negative") and ("f.value > 0" in sql) == (sign == "positive")
