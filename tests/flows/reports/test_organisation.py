"""The organisation a report is about, from the document itself: title lines, names it writes, file name."""
from __future__ import annotations

from flows.reports.organisation import read_organisation


def test_title_line_names_the_body_with_its_kind():
    lines = ["# Source: Eksempeldal fylkeskommune, Årsrapport 2021 (web edition)", "",
             "Fylkestinget i Eksempeldal fylkeskommune vedtok ...", "Nabostad kommune deltok også."]
    found = read_organisation(lines, "whatever.txt")
    assert (found.name, found.kind) == ("Eksempeldal fylkeskommune", "fylkeskommune")


def test_a_name_without_kind_word_on_the_title_line_and_its_declared_short_form():
    lines = ["Source: Norsk eksempelerstatning (NEE, state agency), Årsrapport 2018, page 'Om oss'",
             "NEE behandlet 5 000 saker i 2018."]
    found = read_organisation(lines, "nee_arsrapport_2018.txt")
    assert found.name == "Norsk eksempelerstatning"
    assert "NEE" in found.aliases


def test_title_page_line_beats_names_the_text_repeats():
    lines = ["Eksempelby kommune", "Årsrapport 2020", "Nabolia kommune", "Nabolia kommune betaler 41 %",
             "Nabolia kommune og Eksempelby kommune"]
    assert read_organisation(lines).name == "Eksempelby kommune"


def test_longest_form_that_is_nearly_as_frequent_and_a_dash_declared_short_form():
    lines = ["Styret i Digitale Eksempel IKS har hatt 6 møter.", "Digitale Eksempel IKS leverer drift.",
             "DEI - Digitale Eksempel IKS", "Eksempel IKS er eid av tre kommuner."]
    found = read_organisation(lines)
    assert found.name == "Digitale Eksempel IKS"
    assert found.kind == "selskap"
    assert found.aliases == ("DEI",)


def test_acronym_title_resolves_to_the_long_name_the_text_declares():
    lines = ["Årsmelding 2014", "ABCD - Årsmelding 2014 - Side 1", "Austre Bygder Clean Drift IKS",
             "Austre Bygder Clean Drift IKS (ABCD) sin hovudaktivitet er innsamling av avfall."]
    found = read_organisation(lines)
    assert found.name == "Austre Bygder Clean Drift IKS"
    assert "ABCD" in found.aliases


def test_file_name_when_the_text_names_no_body():
    found = read_organisation(["Økonomisk oversikt", "Rammetilskudd 2 063 930"], "eksempeldal_herad_okonomiplan_2023.txt")
    assert (found.name, found.kind) == ("Eksempeldal herad", "kommune")
    # the text's own spelling wins over the file name's ASCII form
    found = read_organisation(["Årsredovisning för Östra Exempel kommun visar ..."], "ostra_exempel_kommun_arsredovisning_2021.txt")
    assert found.name == "Östra Exempel kommun"


def test_nothing_named_is_none_not_a_guess():
    found = read_organisation(["Driftsinntekter 100 200", "Sum 300"], "report.txt")
    assert found.name is None and found.kind is None and found.aliases == ()


def test_kind_words_of_swedish_and_danish_bodies():
    assert read_organisation(["Årsredovisning 2019", "Exempelborgs Stad har 12 000 anställda.",
                              "Exempelborgs Stad är en attraktiv arbetsgivare."]).name == "Exempelborgs Stad"
    assert read_organisation(["Årsrapport 2013", "Eksempelby Kommune har i 2013 ..."]).name == "Eksempelby Kommune"
    found = read_organisation(["Exempelbygdens kommunalförbund", "Årsredovisning 2020"])
    assert (found.name, found.kind) == ("Exempelbygdens kommunalförbund", "interkommunalt samarbeid")
    # a table head's "Kommune" column is no body
    assert read_organisation(["Skatt fordelt", "Nr. Kommune Skatt 2010", "0101 Eksempelby 1 234"]).name is None
    # a town in running text is no body: "i en stad som förändras"
    assert read_organisation(["Arbetet i en stad som förändras är i full gång."]).name is None


def test_bodies_named_by_a_kind_word_before_the_place():
    found = read_organisation(["Årsredovisning 2021", "Räddningstjänsten Västra Exempeldal",
                               "Räddningstjänsten Västra Exempeldal är ett kommunalförbund."], "rtj_2021.txt")
    assert (found.name, found.kind) == ("Räddningstjänsten Västra Exempeldal", "interkommunalt samarbeid")
    found = read_organisation(["Region Eksempelland", "Årsredovisning 2020", "Region Eksempelland har 9 000 anställda."])
    assert (found.name, found.kind) == ("Region Eksempelland", "fylkeskommune")
    # the heading's report kind is no part of the name
    assert read_organisation(["Region Eksempelland Årsredovisning 2020"]).name == "Region Eksempelland"


def test_county_councils_fire_services_and_clinics_by_their_kind_word():
    found = read_organisation(["Årsredovisning 2019 för Exempel läns landsting", "Landstingets resultat"])
    assert (found.name, found.kind) == ("Exempel läns landsting", "fylkeskommune")
    found = read_organisation(["Storexempelregionens brandförsvar", "Årsredovisning 2022"])
    assert (found.name, found.kind) == ("Storexempelregionens brandförsvar", "interkommunalt samarbeid")
    found = read_organisation(["Nedre Eksempelrike legevakt", "Årsrapport 2019"])
    assert found.name == "Nedre Eksempelrike legevakt"
    assert read_organisation(["Årsredovisning 2020 Exempelholms stad"]).name == "Exempelholms stad"


def test_a_joint_service_of_a_municipality_is_not_the_municipality():
    lines = ["Vann og avløp i Eksempelby kommune", "Eksempelby kommune har 12 000 innbyggere.",
             "Eksempelby legevakt hadde 3 000 konsultasjoner.", "Eksempelby kommune eier ..."]
    assert read_organisation(lines).name == "Eksempelby kommune"


def test_service_words_inside_a_name_and_its_declared_and_initial_short_forms():
    lines = ["Årsmelding 2021", "Sørfjell brann- og redningsvesen IKS (SFB)", "SFB IKS hadde 40 årsverk.",
             "SFB IKS eies av fire kommuner: Nordby kommune og Austby kommune."]
    found = read_organisation(lines, "sfb_arsmelding_2021.txt")
    assert (found.name, found.kind) == ("Sørfjell brann- og redningsvesen IKS", "selskap")
    assert "SFB" in found.aliases and "SFB IKS" in found.aliases
    # no declaration: the acronym's letters are the initials of the name's words
    lines = ["SBR IKS", "Årsmelding 2021", "Sørfjell brann- og redningsvesen IKS har fire eigarkommunar."]
    found = read_organisation(lines)
    assert found.name == "Sørfjell brann- og redningsvesen IKS" and "SBR" in found.aliases
    found = read_organisation(["Årsmelding 2020", "Interkommunalt arkiv Vestnes IKS (IKA Vestnes)",
                               "IKA Vestnes tok imot 300 hyllemeter."])
    assert found.name == "Interkommunalt arkiv Vestnes IKS" and "IKA Vestnes" in found.aliases


def test_a_title_line_naming_a_county_beats_a_company_line_after_it():
    lines = ["Årsmelding 2021 Vestlia og Sørby fylkeskommune", "Vestlia og Sørby IKS", "Fylkestinget vedtok ..."]
    found = read_organisation(lines, "arsmelding_2021.txt")
    assert (found.name, found.kind) == ("Vestlia og Sørby fylkeskommune", "fylkeskommune")


def test_a_title_without_the_legal_form_takes_the_form_the_text_writes():
    lines = ["Regnskap 2012 - Nord-Eksempel brannvesen", "Regnskapet for Nord-Eksempel Brannvesen IKS viser ..."]
    assert read_organisation(lines).name == "Nord-Eksempel Brannvesen IKS"


def test_a_news_article_of_a_fire_and_rescue_service_named_in_its_text_and_file_name():
    # "<place> brann- og redningstjeneste" is a body's name like "… brann- og redningsvesen"; a file name spelled with
    # hyphens and followed by what the document is ("…-iks_nyhet_2016") names it too
    lines = ["Etaten rykket ut på 40 hendelser i 2031.",
             "Vestmark brann- og redningstjeneste dekker kommunene Nordby og Austby."]
    found = read_organisation(lines, "vestmark-brann-og-redningstjeneste-iks_nyhet_2031.txt")
    assert (found.name, found.kind) == ("Vestmark brann- og redningstjeneste", "interkommunalt samarbeid")
    only_file = read_organisation(["Etaten rykket ut på 40 hendelser i 2031."],
                                  "vestmark-brann-og-redningstjeneste-iks_nyhet_2031.txt")
    assert only_file.name is not None and only_file.name.lower().startswith("vestmark brann og redningstjeneste")
    assert only_file.name.endswith("IKS")
    # no kind word in the file name: still no body
    assert read_organisation(["Etaten rykket ut på 40 hendelser i 2031."], "hendelser_nyhet_2031.txt").name is None


def test_a_title_part_without_kind_word_gives_way_to_the_body_the_title_writes_without_its_kind():
    # a web page's title: "<subject> – <report> – <body without its legal form>"; the table heads name the body in full
    lines = ["Årsmelding 2019", "Regnskap – Kontantstrøm", "Fjordvann Renovasjon IKS 2019 Fjordvann Renovasjon IKS 2018",
             "Resultat før skatt 10 100 9 900"]
    found = read_organisation(lines, "fjordvann_kontantstrom_2019.html",
                              sources=["Kontantstrøm – Årsmelding 2019 – Fjordvann Renovasjon"])
    assert found.name == "Fjordvann Renovasjon IKS"


def test_a_file_named_by_a_place_its_text_writes_more_than_any_body_is_that_place():
    lines = ["Perioderapport per 31. august 2020", "Nordvik Eiendom har et merforbruk per august.",
             "Nordvik Eiendom har overtatt byggene som tidligere tilhørte Sørvik kommune."]
    found = read_organisation(lines, "nordvik_perioderapport_2020.md")
    assert found.name == "Nordvik"


def test_a_place_the_file_name_spells_without_its_special_letters_is_read_in_the_text_and_kept_as_printed():
    # a table of frames cut from a budget: the place is printed only inside its units' names, with an ø the file
    # name writes as o; the one company among the rows is not the document's owner
    lines = ["Budsjettrammer 2031 - vedtatt", "Tall i hele millioner kroner",
             "Kommunalavdeling helse | 120", "Nordøyhallene KF | 7", "Nordøy kirkelige fellesråd | 18"]
    found = read_organisation(lines, "nordoy_budsjettrammer_2031.docx")
    assert found.name == "Nordøy"


def test_a_report_kind_before_the_plan_on_the_title_line_names_no_body():
    lines = ["Budsjett 2031, handlingsprogram og økonomiplan 2031-2034 – Hovedoversikt drift",
             "Velkommen til Eksempelvik kommune", "Hovedoversikten viser kommunens inntekter.",
             "Eksempelvik kommune vedtok budsjettet i desember."]
    found = read_organisation(lines, "eksempelvik_budsjett_2031.txt")
    assert found.name == "Eksempelvik kommune"


def test_a_sentence_word_before_i_or_pa_is_no_part_of_a_municipality_name():
    lines = ["=== [1] Lokalavisa: Fråvær i Eksempelvik kommune ===",
             "Fråværsprosenten i Eksempelvik kommune var 5,6 prosent.", "Nore og Austdal kommune hadde 4,1 prosent."]
    found = read_organisation(lines, "eksempelvik_sjukefravaer_2031.txt")
    assert (found.name, found.kind) == ("Eksempelvik kommune", "kommune")
    # a name joined by "og" stays whole
    assert read_organisation(["Årsmelding 2031 for Nore og Austdal kommune"]).name == "Nore og Austdal kommune"


# a Word annual accounts file whose text never prints its owner: only the file name says whose it is
_ACCOUNTS_ONLY = ["ÅRSRAPPORT 2031", "Årsrekneskap", "Økonomisk oversikt etter art - drift",
                  "Sum driftsinntekter | 1 200 | 1 100", "Sum driftsutgifter | 1 150 | 1 080"]


def test_a_text_naming_no_body_takes_its_owner_from_the_file_name_slug_with_its_kind_written_out():
    found = read_organisation(_ACCOUNTS_ONLY, "aust-og-vestdal-fk_arsrekneskap_2031.docx")
    assert (found.name, found.kind, found.source) == ("Aust og Vestdal fylkeskommune", "fylkeskommune", "file name")
    found = read_organisation(_ACCOUNTS_ONLY, "nordvik-k_arsrekneskap_2031.docx")
    assert (found.name, found.kind) == ("Nordvik kommune", "kommune")
    found = read_organisation(_ACCOUNTS_ONLY, "fjordrenovasjon-iks_arsrekneskap_2031.docx")
    assert (found.name, found.source) == ("Fjordrenovasjon IKS", "file name")


def test_a_slug_is_spelled_as_the_text_writes_its_words_preferring_nordic_letters():
    lines = [*_ACCOUNTS_ONLY, "Tal for Søraust og Blåfjell er med i oversikta."]
    found = read_organisation(lines, "soraust-og-blaafjell-fk_arsrekneskap_2031.docx")
    assert found.name == "Søraust og Blåfjell fylkeskommune"
    # a place with no kind word: the slug, title-cased, when the text never writes it
    found = read_organisation(["Regnskap 2031", "Økte inntekter fra skatt med 12 mill. kr"], "eksempelvik_regnskap_2031.txt")
    assert (found.name, found.kind, found.source) == ("Eksempelvik", None, "file name")


def test_no_owner_is_invented_from_a_file_name_without_an_organisation_slug():
    for file_name in ("report.pdf", "arsrapport_2031.pdf", "sykefravaer_2031.txt", "2031_regnskap.docx",
                      "eksempel-bostedskommuner_sykefravaer-kvartal_2031.txt", "notat.docx"):
        assert read_organisation(_ACCOUNTS_ONLY, file_name).name is None, file_name


def test_a_body_the_text_names_is_still_its_owner_and_not_marked_from_the_file_name():
    lines = ["Årsrekneskap 2031 for Nordvik kommune", "Sum driftsinntekter | 1 200"]
    found = read_organisation(lines, "sorvik-k_arsrekneskap_2031.docx")
    assert (found.name, found.source) == ("Nordvik kommune", None)


def test_an_abbreviation_slug_the_text_never_writes_gives_no_owner():
    lines = ["Tabell 4 Sykefravær etter bostedskommune", "0101 Nordvik | 5,3 | 6,0", "0104 Sørvik | 5,5 | 5,5"]
    assert read_organisation(lines, "xqz_sykefravaer_kvartal_2031.md").name is None


def test_a_name_never_holds_a_report_word_in_any_casing():
    # an odd-cased title: the short form before the report's kind is the body, never "<short> <report word> kommune"
    lines = ["NBRA ÅRsRAppORt 2031", "", "Eierne er Nordby kommune, Sørby kommune og Vestby kommune.",
             "Nordby kommune eier 40 prosent.", "Selskapet har 65 ansatte."]
    for file_name in ("nbra_aarsrapport_kommune_2031.txt", "nbra_arsrapport_2031.pdf", "x.txt"):
        found = read_organisation(lines, file_name)
        assert found.name == "NBRA", file_name
        assert found.kind != "kommune"
        assert not any(w.lower().startswith(("års", "aars", "rapport")) for w in found.name.split())


def test_a_short_form_title_links_the_long_name_the_text_spells_out():
    lines = ["NBRA ÅRsRAppORt 2031", "Nordby Bioavfall Retur (NBRA) tok imot 80 000 tonn.", "Selskapet har 65 ansatte."]
    found = read_organisation(lines, "x.pdf")
    assert found.name == "NBRA"
    assert "Nordby Bioavfall Retur" in found.aliases
    declared = ["NBRA Årsmelding 2031", "Nordby Bioavfall Retur IKS (NBRA) eies av fire kommuner.",
                "Nordby kommune og Sørby kommune er eiere."]
    found = read_organisation(declared, "x.pdf")
    assert (found.name, found.kind) == ("Nordby Bioavfall Retur IKS", "selskap")
    assert "NBRA" in found.aliases


def test_a_file_name_of_a_company_report_gets_no_kind_word_of_a_municipality():
    lines = ["Tall for driften", "Selskapet har 12 ansatte og omsatte for 40 mill. kr."]
    found = read_organisation(lines, "nordbyretur_kommune_2031.txt")
    assert found.kind != "kommune" and "kommune" not in (found.name or "")


def test_names_in_capitals_are_read_in_normal_case():
    found = read_organisation(["ØSTRE OG VESTRE EKSEMPEL KOMMUNE", "ÅRSMELDING 2031", "Sykefraværet var 6,1 %."])
    assert (found.name, found.kind) == ("Østre og Vestre Eksempel kommune", "kommune")
    found = read_organisation(["SØRBY KOMMUNE Årsrapport 2031", "Nordby kommune er nabo."])
    assert found.name == "Sørby kommune"
    found = read_organisation(["ÅRSRAPPORT 2031", "MIDT-EKSEMPEL BRANN- OG REDNINGSVESEN IKS", "Tekst."])
    assert found.name == "Midt-Eksempel brann- og redningsvesen IKS"
    # a short form in capitals without a kind word stays as written
    found = read_organisation(["NBRA IKS", "Årsrapport 2031"])
    assert found.name == "NBRA IKS"


def test_a_body_named_without_a_kind_word_is_the_run_the_file_name_spells():
    # a company's annual report whose name holds no kind word: the file names it, the text writes it as a capitalised
    # run more often than any name with a kind word (a subsidiary named once, the municipality it serves)
    lines = ["Foto: Ola Nordmann ÅRSMELDING 2031",
             "Året 2031 Nordvik Energiverk har eit godt arbeidsmiljø. Sørelva Kraftverk AS vert eit dotterselskap.",
             "Nordvik Energiverk bygde eit nytt anlegg i Nordvik herad.", "Styret i Nordvik Energiverk hadde 6 møte."]
    found = read_organisation(lines, "nordvik_energiverk_arsmelding_2031.txt")
    assert found.name == "Nordvik Energiverk"
    # written once, or only in lower case: not the body's name
    assert read_organisation(lines[:2] + ["Nordvik herad og Nordvik herad."],
                             "nordvik_energiverk_arsmelding_2031.txt").name != "Nordvik Energiverk"


def test_a_slug_with_digits_before_the_name_a_file_spells_is_no_word_of_the_name():
    # a news site's slug before "<place>_kommune": the name is the place and its kind, as a name is written
    lines = ["NORDBY: Regnskapet for 2031 viser et netto driftsresultat på 78,4 millioner kroner.",
             "Formannskapet i Nordby fikk regnskapet lagt fram."]
    assert read_organisation(lines, "nb24_nordby_kommune_regnskap_2031.txt").name == "Nordby kommune"


def test_a_periodical_named_by_a_kind_word_is_no_place_the_place_is_a_later_word_of_the_file_name():
    # a news item saved as "kommunal_rapport_<year>_<place>_<topic>": "Kommunal" (an adjective of the kind) is no
    # place; the place the text writes as a name is
    lines = ["Nok et år med høy driftsmargin i Nordby", "Kommunal Rapport - Resultatbørsen, februar 2031", "",
             "Kommunen fikk et netto driftsresultat på 256 millioner kroner i fjor. Resultatet i Nordby ligger høyt."]
    found = read_organisation(lines, "kommunal_rapport_2031_nordby_driftsmargin.txt")
    assert found.name == "Nordby"
    assert read_organisation(lines[:3], "kommunal_rapport_2031_nordby_driftsmargin.txt").name != "Kommunal"
