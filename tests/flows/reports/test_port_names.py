"""A port is a body of its own (invented names): "<Place> Havn" is the port's name, never its town's municipality, in
any Nordic spelling of the word for a port (havn, hamn, havnevesen); a short form the text declares for a port's
name ("<Place> og Omland havnevesen (VOH)") spells it out."""
from __future__ import annotations

from app.engine.planner import find_organisations
from flows.org_kinds import port_spellings
from flows.reports.organisation import read_organisation


def test_a_port_named_after_its_town_is_the_port_not_the_towns_municipality():
    lines = ["=== [1] Godt år for Nordvik Havn (avisa.dk) ===", "Nordvik", "Godt år for Nordvik Havn",
             "Nordvik Havn A/S kom ud med et resultat på 12 mio. kr.",
             "Nordvik Kommune ejer havnen, og Nordvik Havn investerer i nye kajer.",
             "Nordvik Havn venter vækst."]
    found = read_organisation(lines, "nordvikhavn_resultater_2030.txt")
    assert (found.name, found.kind) == ("Nordvik Havn", "selskap")


def test_a_declared_short_form_of_a_port_spells_out_to_its_name():
    lines = ["=== [1] Årsmelding 2030 – Vestvik og Omland havnevesen ===", "",
             "Vestvik og Omland havnevesen (VOH) er en interkommunal bedrift eid av fem kommuner.",
             "VOH behandlet 96 søknader i 2030."]
    found = read_organisation(lines, "voh_arsmelding_2030.txt")
    assert found.name == "Vestvik og Omland havnevesen"
    assert "VOH" in found.aliases


def test_a_municipalitys_report_naming_its_harbour_stays_the_municipalitys():
    lines = ["Sørby kommune", "Årsmelding 2030", "Sørby havn hadde 400 anløp.", "Sørby kommune drifter havna."]
    assert read_organisation(lines, "sorby_arsmelding_2030.txt").name == "Sørby kommune"


def test_the_word_for_a_port_in_every_nordic_spelling():
    assert port_spellings("nordvik havn iks") == {"nordvik hamn iks", "nordvik havn", "nordvik hamn", "port of nordvik",
                                                  "nordvik port"}
    assert {"vestvik og omland havnevesen", "vestvik og omland hamn", "vestvik og omland port"} <= port_spellings(
        "vestvik og omland hamnevesen")
    assert port_spellings("nordvikhavn kommune") == set()  # a port word inside a place's name is the place's
    assert port_spellings("nordvik kommune") == set()


def test_a_name_written_inside_a_longer_name_names_only_the_longer():
    orgs = {"nordvik havn": "port", "nordvik hamn": "port", "nordvik": "town", "nordvik kommune": "town"}
    assert find_organisations("kor mange anløp hadde nordvik hamn i 2030", orgs) == ["port"]
    assert find_organisations("skatteinntekter nordvik kommune 2030", orgs) == ["town"]
    assert set(find_organisations("nordvik havn og nordvik kommune", orgs)) == {"port", "town"}
