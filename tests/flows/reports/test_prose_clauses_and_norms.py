"""Sentences whose figures belong to their own clause, to a norm, or to a bullet line (invented sentences in bokmål,
nynorsk and English):

- a time that closes a sentence of clauses joined by "mens"/"medan"/"while" dates every clause's figure, and each
  figure's words are its own clause's ("Inntektene økte med 5,3 prosent, mens lønnsutbetalingene økte med 4,8 prosent i
  fjor"), never when the later figure is a comparison ("6,2 %, mot 5,9 % i 2030");
- a norm or recommendation the organisation is measured against ("anbefalingen er et resultat på 1,75 %", "bør over tid
  utgjere minst 2 prosent") is scenario "norm", never classified as the organisation's figure;
- a bullet line whose words run into its figure ("• Netto driftsresultat vart på 61,2 millionar kroner") is a sentence,
  not a table row labelled "• Netto driftsresultat vart på";
- "millioner kroner" is read whole: the words after it are the figure's, never the tail of "kroner".
"""
from __future__ import annotations

from flows.reports.classify import classify
from flows.reports.document import read_cells


def _read(text: str):
    return read_cells("side.txt", f"Årsmelding 2031\n\n{text}\n".encode("utf-8"))


def _figures(text: str):
    return [f for f in _read(text).figures if f.unit != "year"]


def test_a_closing_time_dates_each_coordinated_clause():
    for sentence in ("Inntektene økte med 5,3 prosent, mens lønnsutbetalingene i kommunen økte med 4,8 prosent i 2030.",
                     "Inntektene auka med 5,3 prosent, medan lønsutbetalingane i kommunen auka med 4,8 prosent året før.",
                     "Revenue rose by 5.3 percent, while the payroll of the municipality rose by 4.8 percent in 2030."):
        got = {f.value: f for f in _figures(sentence)}
        assert {got[5.3].year, got[4.8].year} == {2030}, sentence
        assert "lønn" not in got[5.3].topic.lower() and "løn" not in got[5.3].topic.lower(), sentence
        assert "inntekt" not in got[4.8].topic.lower() and "revenue" not in got[4.8].topic.lower(), sentence


def test_a_compared_figure_does_not_lend_its_year():
    for sentence in ("Sykefraværet var 6,2 %, mot 5,9 % i 2030.", "Sjukefråværet var 6,2 % samanlikna med 5,9 % i 2030."):
        got = {f.value: f.year for f in _figures(sentence)}
        assert got == {6.2: 2031, 5.9: 2030}, sentence


def test_a_clause_without_a_closing_time_keeps_the_report_year():
    got = {f.value: f.year for f in _figures("Inntektene økte med 5,3 prosent i 2030, mens lønnsutgiftene økte med 4,8 prosent.")}
    assert got == {5.3: 2030, 4.8: 2031}


def test_a_norm_is_no_figure_of_the_organisation():
    for sentence, norm in [("Den generelle anbefalingen fra staten er et netto driftsresultat på 1,75 %.", 1.75),
                           ("Netto driftsresultat bør over tid utgjere minst 2 prosent av driftsinntektene.", 2.0),
                           ("Et tegn på sunn kommuneøkonomi er at netto driftsresultat over en lengre periode ligger på "
                            "mer enn 3 % av driftsinntektene.", 3.0),
                           ("The net operating result should be at least 2 percent of operating revenue.", 2.0)]:
        got = {f.value: f for f in _figures(sentence)}
        assert got[norm].scenario == "norm", sentence
        _, facts = classify([], list(got.values()), report_year=2031)
        assert norm not in {f.value for f in facts}, sentence


def test_the_organisations_figure_beside_a_norm_stays_its_own():
    text = "Netto driftsresultat for 2031 var - 4,3 %. Anbefalt nivå er minst 1,75 % av driftsinntektene."
    got = {f.value: f for f in _figures(text)}
    assert (got[-4.3].scenario, got[-4.3].year) == (None, 2031)
    assert got[1.75].scenario == "norm"
    _, facts = classify([], list(got.values()), report_year=2031)
    assert {f.value for f in facts} <= {-4.3}


def test_a_bullet_sentence_is_prose_not_a_row():
    text = ("Andre nøkkeltal:\n\n  • Netto driftsresultat vart på 61,2 millionar kroner\n"
            "  • Lånegjelda er no på 1,2 milliardar kroner.\n  • Driftsresultatet ble på 12,4 millioner kroner")
    report = _read(text)
    assert not [c for c in report.cells if "•" in (c.row_label or "") or (c.row_label or "").endswith(" på")]
    got = {f.value: f.topic for f in report.figures}
    assert "driftsresultat" in got[61_200_000].lower() and "driftsresultat" in got[12_400_000].lower()


def test_a_bullet_row_without_a_verb_stays_a_row():
    report = _read("Nøkkeltal 2031\n\nSjukefråvær  6,1 %\nÅrsverk  412,5\nInnbyggjarar  12 345")
    assert {c.row_label for c in report.cells} >= {"Sjukefråvær", "Årsverk"}


def test_millions_of_kroner_are_read_whole():
    got = _figures("Netto driftsresultat vart 83,7 millionar kroner. Det er 31,3 millioner kroner mindre enn i 2030.")
    assert {f.printed for f in got} == {"83,7 millionar kroner", "31,3 millioner kroner"}
    assert all(not f.topic.startswith("oner") for f in got)


def _dated_article(body: str, title: str = "=== [1] avisa.no – Resultatbørsen 2032/02: Godt år ===") -> list:
    return [f for f in read_cells("artikkel.txt", f"{title}\n{body}\n".encode("utf-8")).figures if f.unit != "year"]


def test_a_dated_article_counts_last_year_from_when_it_was_written():
    # written in 2032 (its title says so): "i fjor" is 2031, and the paragraph goes on about 2031
    for body in ("Kommunen fikk et netto driftsresultat på 83,7 millioner kroner i fjor. Målt mot inntektene er "
                 "netto driftsresultat på 4 prosent.",
                 "Kommunen fekk eit netto driftsresultat på 83,7 millionar kroner i fjor. Målt mot inntektene er "
                 "netto driftsresultatet på 4 prosent."):
        got = {f.value: f.year for f in _dated_article(body)}
        assert got == {83_700_000: 2031, 4.0: 2031}, body


def test_a_sentence_naming_its_own_time_does_not_go_on_about_last_year():
    got = {f.value: f.year for f in _dated_article(
        "Kommunen fikk et netto driftsresultat på 83,7 millioner kroner i fjor. Nå er lånegjelden på 1 200 millioner kroner.")}
    assert got[1_200_000_000] != 2031


def test_an_annual_report_is_written_after_its_year():
    # an annual report of 2031 is written in 2032: "i fjor" is 2031 itself, "året før" the year before 2031
    got = {f.value: f.year for f in _figures("Kommunen fikk et netto driftsresultat på 83,7 millioner kroner i fjor. "
                                             "Målt mot inntektene er netto driftsresultat på 4 prosent. "
                                             "Sykefraværet var 6,6 prosent året før.")}
    assert got == {83_700_000: 2031, 4.0: 2031, 6.6: 2030}


def test_a_sentence_going_on_about_the_figure_before_states_its_change():
    for body, change in [("Netto driftsresultat ble på 83,7 millioner kroner i fjor. Det er 31,3 millioner kroner mindre "
                          "enn i 2030.", 31_300_000),
                         ("Kommunen fekk eit netto driftsresultat på 256 millionar kroner i fjor. Dette er 71 millionar "
                          "kroner meir enn året før.", 71_000_000),
                         ("The net operating result was NOK 256 million last year. That is 71 million kroner more than "
                          "the year before.", 71_000_000)]:
        got = {f.value: f for f in _dated_article(body)}
        level = next(f for f in got.values() if f.value != change)
        assert (got[change].scenario, got[change].year, got[change].topic) == ("change", 2031, level.topic), body
        assert (level.scenario, level.year) == (None, 2031), body


def test_a_sentence_about_something_else_is_no_change_of_the_figure_before():
    got = {f.value: f for f in _dated_article("Netto driftsresultat ble på 83,7 millioner kroner i fjor. "
                                              "Det er mer enn 3 prosent av inntektene.")}
    assert got[3.0].scenario != "change" or got[3.0].unit != "nok"
    got = {f.value: f for f in _dated_article("Netto driftsresultat ble på 83,7 millioner kroner i fjor. "
                                              "Lånegjelda er 31,3 millioner kroner mindre enn i 2030.")}
    assert got[31_300_000].topic != got[83_700_000].topic


def test_an_average_over_a_span_of_years_is_no_years_figure():
    for sentence, average in [("Netto driftsresultat i perioden 2026-2030 var i gjennomsnitt på 0,6 %.", 0.6),
                              ("Netto driftsresultat i perioden 20262030 var i gjennomsnitt på 0,6 %.", 0.6),
                              ("Sjukefråværet dei siste fem åra har i snitt vore 6,4 %.", 6.4),
                              ("The net operating result averaged 1.2 percent over the years 2026-2030.", 1.2)]:
        got = {f.value: f for f in _figures(sentence)}
        assert (got[average].scenario, got[average].year) == ("average", None), sentence
        assert not [v for v in got if v > 20_000_000], sentence  # two years glued together are no count
    got = {f.value: f for f in _figures("Gjennomsnittlig sykefravær i 2031 var 6,1 %.")}
    assert (got[6.1].scenario, got[6.1].year) == (None, 2031)  # one year's average is that year's figure


def test_a_known_noun_ending_a_compound_measure_named_just_before_measures_that_measure():
    from flows.reports.prose import Sentence, prose_figures

    def topics(*texts: str) -> list[tuple[str, float]]:
        found = [Sentence(text=t, page=1, line=k + 1, section=None, quarter=None) for k, t in enumerate(texts)]
        return [(f.topic, f.value) for f in prose_figures(found, 2031)]

    # possessed ("Kommunen sitt resultat") or definite ("Resultatet"): the measure the sentence before named
    got = topics("Målet er eit positivt netto driftsresultat på 1,75 prosent av driftsinntektene.",
                 "Kommunen sitt resultat i 2030 var på -2,3 prosent.")
    assert "netto driftsresultat" in got[1][0] and "positivt" not in got[1][0]
    assert "Netto driftsresultat" in topics("Netto driftsresultat ble 12 mill. kroner.",
                                            "Resultatet i fjor var 8 mill. kroner.")[1][0]
    # an indefinite noun is a measure of its own
    assert topics("Lønnskostnadene var 5 mill. kroner.", "Totale kostnader var 12 mill. kroner.")[1][0] == "Totale kostnader"
