"""Both figures of a "from X to Y" sentence are kept and told apart (the level before has scenario "before" and a
topic ending "(før)"; the level after stays the stated figure), places a rank moved are a change, and a rank is a
figure of unit "rank" (invented sentences in nynorsk, bokmål and English)."""
from __future__ import annotations

from flows.reports.document import read_cells


def _figures(sentence: str):
    return read_cells("side.txt", f"Årsmelding 2031\n\n{sentence}\n".encode("utf-8")).figures


def test_a_rate_from_x_to_y_in_the_report_year_starts_from_the_year_before():
    # the report of 2031 states the change of its year: the rate it went from is 2030's, the one it went to 2031's
    for sentence, before, after in [("Sjukefråværet gjekk ned frå 7,2 % til 6,1 % i 2031.", 7.2, 6.1),
                                    ("Sykefraværet ble redusert med 11,5 prosent, fra 7,2 % til 6,1 %.", 7.2, 6.1),
                                    ("Sick leave fell from 7.2 percent to 6.1 percent in 2031.", 7.2, 6.1)]:
        got = {f.value: f for f in _figures(sentence) if f.scenario != "change"}
        assert set(got) == {before, after}, sentence
        assert (got[before].scenario, got[before].year) == (None, 2030), sentence
        assert (got[after].scenario, got[after].year) == (None, 2031), sentence
        assert not got[before].topic.endswith("(før)"), sentence  # a level of its year, as the one after


def test_from_x_to_y_of_amounts_counts_targets_or_a_longer_time_keeps_both_levels_told_apart():
    # an amount or a count (often changed within a year), a target, a stretch longer than the year or another year
    # named: the level before is no year's, told apart by scenario
    for sentence, before, after in [("Talet på tilsette i staben gjekk frå 16 til 10 i 2031.", 16, 10),
                                    ("The number of vacant flats went from 21 units to 8 in 2031.", 21, 8),
                                    ("Lånegjelda auka frå 1 200 mill. kr til 1 350 mill. kr.", 1.2e9, 1.35e9),
                                    ("Sjukefråværsmålet vart endra frå 7,2 % til 6,1 %.", 7.2, 6.1),
                                    ("Talet på tilsette gjekk frå 16 til 10 i løpet av dei siste åra.", 16, 10),
                                    ("Sykefraværet er redusert fra 7,2 % til 6,1 % siden 2027.", 7.2, 6.1),
                                    ("Lånegjelda auka frå 1 200 mill. kr til 1 350 mill. kr i perioden.", 1.2e9, 1.35e9)]:
        got = {f.value: f for f in _figures(sentence) if f.unit != "year"}
        assert set(got) == {before, after}, sentence
        assert got[before].scenario == "before" and got[before].topic.endswith("(før)"), sentence
        assert got[after].scenario is None and not got[after].topic.endswith("(før)"), sentence


def test_a_change_to_a_level_and_years_of_their_own_are_no_before():
    got = {f.value: f.scenario for f in _figures("Folketalet auka med 177 til 18 991 innbyggjarar i 2031.")}
    assert got == {177: "change", 18_991: None}
    dated = {f.value: (f.scenario, f.year) for f in _figures("Antall ansatte økte fra 412 i 2030 til 430 i 2031.")}
    assert dated == {412: (None, 2030), 430: (None, 2031)}  # each level has its own year: both are levels


def test_a_rank_and_the_places_it_moved():
    got = {(f.unit, f.value, f.scenario) for f in _figures("Kommunen er rangert som nr. 97, som er 72 plassar betre enn i fjor.")}
    assert got == {("rank", 97, None), ("count", 72, "change")}
    got = {(f.unit, f.value, f.scenario) for f in _figures("Kommunen ligg på 120. plass i barometeret, ein framgang på 30 plassar.")}
    assert got == {("rank", 120, None), ("count", 30, "change")}
    assert not [f for f in _figures("Saka vart handsama i møte nr. 12 i kommunestyret.") if f.unit == "rank"]


def test_from_x_to_y_after_the_years_it_went_from_and_to_dates_both_levels():
    # the sentence names the two years first: the level before is the first year's, the level after the second's
    for sentence, before, after in [("Avfallsmengda gjekk frå 2029 til 2030 ned med 1,2 prosent, frå 98 412 tonn til "
                                     "97 231 tonn.", 98_412, 97_231),
                                    ("Total waste fell from 2029 to 2030, from 98 412 tonnes to 97 231 tonnes.",
                                     98_412, 97_231)]:
        got = {f.value: f for f in _figures(sentence) if f.unit != "year" and f.unit != "pct"}
        assert (got[before].year, got[before].scenario) == (2029, None), sentence
        assert not got[before].topic.endswith("(før)"), sentence
        assert (got[after].year, got[after].scenario) == (2030, None), sentence
