"""The year each section of a document is about (invented texts): a text joining several articles ("=== [n] title ==="
fragments) or a report with sections of several years dates a figure its sentence states with no year by its section:

- a title naming the accounts or annual report of a year ("Regnskapet for 2033 er vedtatt", "Bokslut 2034"), or, at the
  top level, one year ("Tjue millioner til skolen i 2032"), holds for every sentence below it until the next title;
- an article whose title names no year takes the year of its lead sentence when the first sentence naming a year speaks
  of the accounts of that year ("Rekneskapen for 2034 er gjort opp i balanse.");
- "i fjor" in a section on the accounts of N (written the year after) is N itself; "året før" is the year before N;
- a publication stamp ("(avisa.no, 14. mai 2035)", "(avisa.no, 2035)") is no year the article is about, nor is a span of
  years, a plan, a part of a year or a horizon ("Visjon 2040");
- a section with no year of its own keeps the document's year; a sentence naming its own year keeps it.
"""
from __future__ import annotations

from flows.reports.document import read_cells
from flows.reports.figure_years import lead_scope, title_scope

_ARTICLES = (
    "=== [1] Solid drift i kommunen i 2031 (avisa.no, 3. mai 2032) ===\n"
    "Kommunen fikk et netto driftsresultat på 41 millioner kroner. Det er bedre enn ventet.\n\n"
    "=== [2] Regnskapet for 2033 er vedtatt (kommunen.no) ===\n"
    "Kommunestyret vedtok regnskapet. Overskuddet ble 57 millioner kroner, og det ble brukt 212 millioner på anlegg.\n"
    "Skatteinngangen økte med 3,2 prosent fra året før.\n\n"
    "=== [3] Balanse igjen (lokalavisa.no) ===\n"
    "Ordføreren er fornøyd med innsatsen til de ansatte.\n\n"
    "Rekneskapen for 2034 er gjort opp i balanse. Mindreforbruket vart 73 millionar kroner.\n\n"
    "Ekstra renteinntekter\n\n"
    "Renteinntektene auka med 19 millionar kroner i fjor.\n\n"
    "=== [4] Godt resultat igjen (kommuneavisa.no, 12. april 2036) ===\n"
    "Kommunestyret er nøgd.\n\n"
    "Årsregnskapet for 2035 viser et overskudd. Driftsinntektene ble 2,1 milliarder kroner.\n\n"
    "=== [5] Nytt fra havna (havneavisa.no, 2036) ===\n"
    "Havna tok imot 812 anløp. Godsmengden var 4,4 millioner tonn i 2035.\n"
)


def _years(report) -> dict[float, int | None]:
    return {f.value: f.year for f in report.figures if f.unit != "year"}


def test_each_article_dates_its_undated_figures_by_its_own_title_or_lead_sentence():
    report = read_cells("kommunen_regnskap_2031-2037.txt", _ARTICLES.encode("utf-8"))
    assert report.report_year == 2031
    got = _years(report)
    assert got[41_000_000] == 2031  # the title's year, not the date it stamps
    assert got[57_000_000] == 2033 and got[212_000_000] == 2033  # "Regnskapet for 2033 er vedtatt"
    assert got[73_000_000] == 2034  # the lead sentence of an article whose title names no year
    assert got[2_100_000_000] == 2035  # ... nor when it stamps only the date it was published
    assert got[19_000_000] == 2034  # "i fjor" in the article on the accounts of 2034 (written in 2035)
    # an article with no year of its own keeps the document's year; a sentence's own year wins
    assert got[812] == 2031 and got[4_400_000] == 2035


def test_the_year_before_counts_from_the_section_year():
    got = [f for f in read_cells("kommunen_2031-2036.txt", _ARTICLES.encode("utf-8")).figures if f.value == 3.2]
    assert got and all(f.year == 2033 for f in got)  # the change is of 2033, compared with 2032


def test_a_later_title_ends_the_scope_of_the_one_before():
    text = ("# Årsredovisning 2035\n\nKommunen hade ett bra år.\n\n"
            "## Bokslut 2034\n\nKommunen redovisade ett överskott på 28 miljoner kronor.\n\n"
            "## Personal\n\nAntalet anställda var 1 250 personer.\n")
    got = _years(read_cells("kommun_2035.md", text.encode("utf-8")))
    assert got[28_000_000] == 2034
    assert got[1250] == 2035  # a section naming no year: the one above it's


def test_what_is_no_year_a_section_is_about():
    for title in ("Nyheter (avisa.no, 14. mai 2035)", "Nyheter (avisa.no, 2035)", "kommunen.no 2035/02",
                  "Regnskap 2031-2034", "Sesongen 2034-35", "Budsjett 2036", "Visjon 2040", "Tertialrapport 2. tertial 2034",
                  "Økonomi"):
        assert title_scope(title, 1) is None, title
    # a heading below the top level names a year only as the accounts or annual report of it
    assert title_scope("Tjue millioner til skolen i 2032", 2) is None
    assert title_scope("Tjue millioner til skolen i 2032", 1).year == 2032
    assert title_scope("Årsregnskabet for 2033 er godkendt (avis.dk)", 3).year == 2033
    assert title_scope("Årsregnskabet for 2033 er godkendt (avis.dk)", 3).written == 2034


def test_a_lead_sentence_names_the_accounts_of_one_year():
    assert lead_scope("Rekneskapen for 2034 er gjort opp i balanse.").year == 2034
    assert lead_scope("Årsregnskabet for 2018 viser et overskud.").year == 2018
    assert lead_scope("Overskuddet var 12 millioner kroner i 2034.") is None  # no accounts
    assert lead_scope("Regnskapet for 2034 er bedre enn i 2033.") is None  # two years: no one year of the article


def test_an_undated_document_without_sections_is_unchanged():
    # a sentence on the accounts of another year in a document with no titles dates only itself
    text = ("Årsmelding 2031\n\nKommunen fikk et netto driftsresultat på 41 millioner kroner.\n\n"
            "Regnskapet for 2030 viste et underskudd. Skatteinngangen ble 12 millioner kroner høyere enn budsjettert.\n")
    got = _years(read_cells("kommunen_2031.txt", text.encode("utf-8")))
    assert got[41_000_000] == 2031 and got[12_000_000] == 2031


def test_last_year_in_other_languages_counts_from_the_sections_writing_year():
    text = ("=== [1] Bokslut 2034 (kommunen.se) ===\nKommunen redovisade ett överskott på 31 miljoner kronor förra året.\n\n"
            "=== [2] Regnskab 2033 godkendt (avis.dk) ===\nKommunen havde et overskud på 44 millioner kroner sidste år.\n\n"
            "=== [3] Rekneskapen 2032 (avisa.no) ===\nOverskotet vart 26 millionar kroner i fjar.\n")
    got = _years(read_cells("kommun_2033-2034.txt", text.encode("utf-8")))
    assert got[31_000_000] == 2034 and got[44_000_000] == 2033 and got[26_000_000] == 2032


def test_last_year_in_other_languages_gives_no_year_when_no_title_says_when_the_text_was_written():
    # a foreword written after its year often means that year by "förra året": with no title saying when, the figure
    # keeps the document's year rather than the year before it
    got = _years(read_cells("kommun_2034.txt", "Kommunen i 2034\n\nÖverskottet var 31 miljoner kronor förra året.\n"
                            .encode("utf-8")))
    assert got[31_000_000] == 2034


def test_a_section_of_the_documents_own_year_keeps_the_documents_writing_year():
    # the annual report of 2031 is written in 2032: "i fjor" under its chapter titled with 2031 alone is 2031
    text = "# Årsmelding 2031\n\nKommunen hadde eit godt år.\n\n# Økonomi 2031\n\nSkatteinngangen auka med 14 millionar kroner i fjor.\n"
    got = _years(read_cells("kommunen_2031.md", text.encode("utf-8")))
    assert got[14_000_000] == 2031


def test_a_subheading_naming_a_report_of_one_year_dates_its_sections_figures(tmp_path):
    """"## Personalredovisning 2021" (a compound of a report's kind), "(uppgifter för 2015)", "Nøkkeltall 2015": the
    figures below it that name no year are of that year, down into its subsections; a plan or budget heading and a
    count heading ("Antall ansatte 2021" is a figure's label, not a report) date nothing."""
    text = ("# Nordvik kommun – personal\n\n## Personalfakta (uppgifter för 2015)\n\n"
            "Personalomsättningen var 9,7 procent.\n\n## Personalredovisning 2021\n\n### Antal anställda\n\n"
            "Av dessa var 8 584 tillsvidareanställda. Omräknat till årsarbetare uppgår siffran till 9 459\n"
            "heltidsresurser.\n\n## Årsredovisning 2023\n\nPersonalomsättningen var 11,5 procent.\n")
    path = tmp_path / "nordvik_personal.md"
    path.write_text(text, encoding="utf-8")
    years = {f.value: f.year for f in read_cells(path).figures}
    assert years[9.7] == 2015 and years[8584] == 2021 and years[9459] == 2021 and years[11.5] == 2023, years
    for title in ("Budsjettrapport 2021", "Tertialrapport 2 2021", "Antall ansatte 2021", "Visjon 2030"):
        assert title_scope(title, 2) is None, title
