"""When a text was written, and so which year "i fjor" and a text's undated figures are (invented texts):

- an annual report or the accounts of year N ("Årsmelding N", "Regnskap N") are written the year after: "i fjor" stated
  as the time of a figure is N itself; a figure compared with one of N ("mot 6,5 % i fjor", "(6,5 % i fjor)") stays the
  year before, as does "året før";
- a text saved under the year N (its file name) that writes only the year after and speaks of "i fjor" (an article of
  N+1 about the accounts of N) is about N: its undated figures ("har nå et fond på ...") are N's;
- a comparison figure whose year the text extraction lost ("mot 12,8 mill. kr i Når ...") is the year before the figure
  it is compared with;
- a plan or budget title, a title naming no year after the report year, and a file name year with no "i fjor" change
  nothing.
"""
from __future__ import annotations

from flows.reports.document import read_cells
from flows.reports.figure_years import written_after


def _figures(text: str, name: str = "side.txt") -> dict[float, int]:
    return {f.value: f.year for f in read_cells(name, text.encode("utf-8")).figures if f.unit != "year"}


def test_last_year_in_an_annual_report_is_its_year():
    for text in ("Årsmelding 2031\n\nKommunen hadde i fjor ein skattevekst på 0,4 prosent medan landet hadde 9,7 prosent.\n",
                 "Årsrapport 2031\n\nKommunen hadde i fjor en skattevekst på 0,4 prosent, mens landet hadde 9,7 prosent.\n",
                 "=== [1] Årsberetning for 2031 er klar – kommunen.no ===\nKommunen fikk i fjor et netto driftsresultat "
                 "på 61,2 millioner kroner.\n"):
        got = _figures(text)
        assert got and set(got.values()) == {2031}, text


def test_a_comparison_in_an_annual_report_keeps_the_year_before():
    for sentence in ("Sykefraværet var 6,1 prosent, mot 6,5 prosent i fjor.",
                     "Sykefraværet var 6,1 prosent (6,5 prosent i fjor).",
                     "Sjukefråværet var 6,1 prosent i 2031, mot 6,5 prosent i fjor."):
        got = _figures(f"Årsmelding 2031\n\n{sentence}\n")
        assert got == {6.1: 2031, 6.5: 2030}, sentence


def test_an_undated_text_counts_last_year_from_its_report_year():
    # no title says what the text is: "i fjor" is the year before the year it writes most
    got = _figures("Kommunen i 2031\n\nKommunen hadde i fjor en skattevekst på 0,4 prosent. Tallene for 2031 kommer.\n")
    assert got == {0.4: 2030}


def test_an_article_of_the_year_after_is_about_its_file_names_year():
    text = ("=== [1] Godt år i kommunen – Avisa, Resultatlista 2032 ===\n"
            "Kommunen fikk et netto driftsresultat på 99 millioner kroner i fjor, ifølge det ureviderte regnskapet. "
            "Det er 28 millioner kroner mindre enn i 2030.\n\n"
            "Kommunen har nå et disposisjonsfond på 348 millioner kroner. Det tilsvarer 16,4 prosent av brutto "
            "driftsinntekter.\n")
    report = read_cells("nordby_regnskap_2031.txt", text.encode("utf-8"))
    assert report.report_year == 2031
    got = {f.value: f.year for f in report.figures if f.unit != "year"}
    assert got[99_000_000] == 2031 and got[348_000_000] == 2031 and got[16.4] == 2031
    # the same text saved under no year: the year it writes is its year, "i fjor" the one before
    plain = read_cells("artikkel.txt", text.encode("utf-8"))
    assert plain.report_year == 2032
    assert {f.value: f.year for f in plain.figures if f.unit != "year"}[99_000_000] == 2031


def test_a_file_name_year_the_text_does_not_speak_of_as_last_year_is_not_taken():
    text = "=== [1] Kommunen – Resultatlista 2032 ===\nKommunen har et disposisjonsfond på 348 millioner kroner.\n"
    assert read_cells("nordby_regnskap_2031.txt", text.encode("utf-8")).report_year == 2032


def test_a_comparison_whose_year_was_lost_is_the_year_before():
    got = _figures("Årsberetning 2031\n\nFor 2031 var det et merforbruk på 7,5 mill. kr, mot et mindreforbruk på "
                   "12,8 mill. kr i Når regnskapet likevel ble avsluttet i balanse, skyldes det strykninger.\n")
    assert got[7_500_000] == 2031 and got[12_800_000] == 2030
    # a place after "i" is no lost year
    got = _figures("Årsberetning 2031\n\nFor 2031 var det et merforbruk på 7,5 mill. kr, mot et mindreforbruk på "
                   "12,8 mill. kr i Nordby kommune.\n")
    assert got[12_800_000] == 2031


def test_which_titles_say_the_text_was_written_after_its_year():
    assert written_after(["Årsmelding 2031 – 1.2 Rådmannen"], 2031) == 2032
    assert written_after(["Regnskap 2031 uten merknader"], 2031) == 2032
    assert written_after(["Annual report 2031"], 2031) == 2032
    assert written_after(["Nytt fra kommunen – Resultatlista 2032"], 2031) == 2032
    assert written_after(["Budsjett 2032"], 2031) is None
    assert written_after(["Økonomiplan 2031–2034"], 2031) is None
    assert written_after(["Kommunen i tall 2031"], 2031) is None
    assert written_after(["Regnskap per 2. tertial 2031"], 2031) is None  # written during the year
    assert written_after(["Kommunen i tall 2031", "Utsikter 2032"], 2031) is None  # only the document's title dates it
    assert written_after(["Årsmelding 2031"], None) is None
