"""Ticket counts and breakdowns from the ticket exports (fct_ticket): how many tickets in a period,
per year/half/quarter/month/ISO week, per category/priority/status/channel/customer/group, filtered by
any value as exported, ranked ("which three months had the most").

Applies when the question is about tickets and the exports cover the period asked; a period the
exports do not cover is refused with what they do cover. Words of the question it cannot place in
the exports (a field the exports lack) make it refuse rather than count something else.
"""
from __future__ import annotations

import dataclasses
import re
from datetime import date, timedelta
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from app.engine.families.base import Question, Reading, Refusal, in_list, number_word, sql_str
from app.engine.families.change import CHANGE_WORDS
from app.engine.format import format_number
from app.engine.text import ascii_name
from app.engine.wordforms import NYNORSK_PARTS, STOPWORDS, fold, stem, to_norwegian, words
from flows.months import month_name
from flows.tickets.presets import PRIORITY_PLAIN_WORDS
from flows.unit_kinds import unit_kind_forms

NAME = "tickets"

TICKET_CUES = (r"sak(?:er|en|ene|a|ar|ane)?", r"saksmengd\w*", r"tickets?", r"\w*henvendels\w*", r"\w*henvendingar?",
               r"saks?logg\w*", r"saksdata\w*", r"ticket exports?", r"ticket data",
               r"issues?", r"cases?", r"førespurnad\w*", r"\w+saker", r"\w+saken", r"\w+-saker", r"innmeld\w*",
               r"hendelsesloggen", r"event log", r"helpdesk\w*", r"brukerstøtt\w*", r"brukarstøtt\w*", r"servicedesk\w*",
               r"backlog\w*", r"restanse\w*", r"meldinger", r"meldingene", r"meldingar", r"meldingane",
               r"incidents?", r"hendelser", r"hendelsene", r"hendingar", r"hendingane", r"requests?",
               r"forespørsl(?:er|ene)?", r"\w+meldinger", r"ärende(?:n|t|na)?", r"\w+ärenden?",
               # what a mailbox or chat desk calls its tickets ("Help Scout-style conversations", "samtalane")
               r"conversations?", r"\w*samtal(?:e|er|ar|ane|ene)")
# verbs a question uses for a ticket coming in (nb, nn, en, sv): "meldte", "melde inn", "registrerte", "kom inn",
# "raised", "logged", "submitted", "reported", "opened", "innrapporterte", "anmälde": the created time, never the name
# of a field ("meldte" shares its stem with the reporter column «Melder», "reported" with «Reporter»; "melder" alone is
# that noun)
CREATED_VERBS = (r"(?:inn)?meld(?:e|te|t|et|a|ast|es|tes)(?:\s+inn)?", r"melder\s+inn", r"(?:inn)?rapporter(?:te|t|er|e|a|ast|es|ade|at|"
                 r"ades|as)", r"registrer(?:te|t|er|e|a|ast|es|ade|at|ades|as|ed)", r"(?:kom|kommer|komme|kome|kjem|"
                 r"kommet|komne|kommit)\s+inn", r"(?:came|come|comes|coming)\s+in", r"rais(?:e|es|ed)", r"logged",
                 r"submit(?:s|ted)?", r"report(?:s|ed)?", r"opened", r"filed", r"lodged", r"anmäl(?:de|t|er|des|s)",
                 r"inkom(?:mit|mer|na)?", r"skapa(?:de|t|des|s)", r"öppna(?:de|t|des|s)",
                 r"(?:sendte|sendt|sende|sender|sent|send|sends|la|lagt|legg|legger)\s+(?:inn|in)")


def created_verb_words(text: str) -> set[str]:
    """The words of the verbs of a ticket coming in (CREATED_VERBS) the normalised question writes."""
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(CREATED_VERBS) + r")(?![\w-])")
    return {w for m in pattern.finditer(text) for w in words(m.group(0))}


# the nouns a priority word stands before to name a level ("critical tickets", "kritiske saker", "Critical-sakene")
LEVEL_NOUNS = (r"tickets?", r"issues?", r"sak\w*", r"incidents?", r"hendels\w*", r"henvendels\w*", r"requests?",
                r"cases?", r"meldinger\w*")
# Dimension names -> columns (first present wins).
DIMENSIONS = {
    # the one scale every export's priorities are mapped to (A-D, named 1 – Kritisk … 4 – Lav), else as exported
    "priority": ((r"priorite\w*", r"priorit(?:y|ies)", r"prio"), ("priority", "priority_source")),
    # (a pipeline's stage is the state: "stage Ny, Under arbeid or Venter", «Stadium»)
    "status": ((r"status\w*", r"stages?", r"stadi(?:um|et|a|ene|er)", r"tilstand\w*", r"states?"), ("status",)),
    # the first level of a category written as a path ("Programvare > Fagsystem > Visma": Programvare)
    "main_category": ((r"hovedkategori\w*", r"overkategori\w*", r"main categor(?:y|ies)",
                       r"top[- ]level categor(?:y|ies)", r"(?:first|top)[- ]level (?:of (?:the |a )?)?categor(?:y|ies)",
                       r"(?:første|fyrste|øverste|øvste) nivå\w* (?:i|av|på) kategori\w*",
                       # "kategori på øvste nivå", "category at the top level"
                       r"kategori\w* (?:på|i) (?:det )?(?:første|fyrste|øverste|øvste) nivå\w*",
                       r"categor(?:y|ies) (?:at|on|of) (?:the )?(?:first|top|highest) level"), ("category_main",)),
    # (the type of a ticket in any inflection: "av typen feil", "typene", "types"; "sakstype", "issue type")
    "category": ((r"kategori\w*", r"categor(?:y|ies)", r"type", r"typen", r"typer", r"typene", r"typane", r"types",
                  r"sakstyp\w*"), ("category",)),
    "subcategory": ((r"underkategori\w*", r"subcategor(?:y|ies)"), ("subcategory",)),
    "channel": ((r"kanal\w*", r"channels?", r"\w*meldingsmåt\w*", r"\w*meldingstyp\w*", r"kontaktmåt\w*",
                 r"kontaktform\w*", r"contact (?:method|type)s?",
                 # where a ticket came from ("Origin" of a CRM case: Telefon, E-post, Web)
                 r"origins?", r"opphav\w*", r"opprinnels\w*"), ("channel",)),
    "customer": ((r"(?:medlems)?kommuner?", r"(?:medlems)?kommunene", r"member municipalit(?:y|ies)",
                  r"members?", r"medlem(?:mer|ene)?", r"kunder?", r"kundene", r"customers?", r"filial\w*", r"(?:customer )?sites?",
                  r"locations?", r"lokasjon\w*", "(?:" + unit_kind_forms(("eining", "enhet")) + ")", r"units?",
                  # a municipality's own units as the customers of its internal desk ("Virksomhet" of a payroll desk)
                  r"virksomhet(?:en|er|ene)?", r"verksemd(?:a|er|ene)?",
                  r"municipalit(?:y|ies)", r"organisasjon\w*", r"organi[sz]ations?"), ("organisation_key",)),
    "group": ((r"operatørgrupp\w*", r"grupper?", r"gruppen", r"gruppa", r"gruppene", r"gruppane",
               r"assignment groups?", r"operator groups?", r"teams?", r"teamet", r"teama", r"teamene",
               # a helpdesk's own departments (Zoho Desk, LiveAgent "Department": the team a ticket sits with)
               r"departments?",
               # a team named by its role, written as one word ("eierteam", "eigarteamet", "driftsteam")
               r"\w{3,}team(?:s|et|a|ene)?",
               # the English noun alone asks a breakdown only after "by", "per", "which" ("in the group X" filters)
               *(rf"(?<={lead} ){noun}" for lead in ("by", "per", "each", "which", "what", "by the", "by their")
                 for noun in (r"groups?", r"queues?")),
               # an event log's queue is the group a ticket sits in ("Queue", "kø")
               r"kø(?:en)?", r"køene", r"køane", r"køar", r"køer"),
              ("assignment_group",)),
    "system": ((r"kildesystem\w*", r"kjeldesystem\w*", r"source systems?",
                # the desks themselves, several ("which of the four helpdesks", "hvilken av servicedeskene")
                r"(?:help|service|support)[\s-]?desk(?:s|er|ene|ane|ar)", r"saks(?:behandlings)?system\w*",
                r"helpdesk-?system\w*", r"ticket(?:ing)? systems?", r"support-?system\w*", r"systems?", r"systemer", r"systemene",
                r"systema", r"systemet", r"sources?", r"kilder?", r"kildene", r"kjelder?", r"kjeldene",
                r"eksporter", r"eksportene", r"eksportane", r"exports", r"eksportfil\w*", r"export files?",
                r"(?<=each )export", r"(?<=every )export", r"(?<=hver )eksport", r"(?<=kvar )eksport",
                r"(?<=per )eksport", r"(?<=per )export"),
               ("source_system",)),
}
DIM_WORDS = {stem(w) for w in
             ["prioritet", "prioriteten", "prioritetene", "priority", "priorities", "status", "statusen",
              "kategori", "kategorien", "category", "categories", "kanal", "channel", "kommune", "kommunene",
              "kunde", "kunder", "customer", "customers", "filial", "municipality", "municipalities",
              "organisasjon", "organisation", "operatørgruppe", "operatørgruppen", "gruppe", "group",
              "assignment", "team", "kildesystem", "system", "underkategori", "underkategorien", "subcategory",
              "subcategories", "kanalen", "kanalene", "channels", "operatørgrupper", "gruppen", "grupper", "groups",
              "kategoriene", "statuser", "prioriteter", "prioritetar", "organisasjoner", "kundene", "meldingsmåte",
              "meldingsmåten", "meldingsmåter", "innmeldingsmåte", "innmeldingsmåten", "meldingstype", "kontaktmåte",
              "kontaktmåten", "kontaktform", "origin", "origins", "opphav", "opphavet", "opprinnelse",
              "opprinnelsen", "operator", "operators", "site", "sites", "location", "locations",
              "lokasjon", "lokasjonen", "lokasjoner", "eining", "eininga", "einingar", "einingane", "enhet", "enheten",
              "enheter", "enhetene", "unit", "units", "source", "sources", "kilde", "kilder", "kildene", "kjelde",
              "kjelder", "kjeldene", "systems", "systemer", "systemene", "systema", "systemet", "kjeldesystem",
              "organization", "organizations", "organisations", "organisasjonen", "organisasjonene", "organisasjonar",
              "medlemskommune", "medlemskommuner", "medlemskommunene", "member", "members", "medlem", "medlemmer",
              "medlemmene", "hovedkategori", "hovedkategorien", "hovedkategorier", "hovedkategoriene",
              "overkategori", "overkategorien", "nivå", "nivået", "level", "queue", "queues", "kø", "køen", "køene",
              "køar", "køane", "køer", "sakssystem", "sakssystemer", "sakssystemene", "sakssystema",
              "saksbehandlingssystem", "saksbehandlingssystemer", "saksbehandlingssystemene", "helpdesksystem",
              "helpdesksystemer", "helpdesksystemene", "type", "typen", "typer", "typene", "typane", "types",
              "sakstype", "sakstypen", "sakstyper", "teamet", "teams", "teamene", "department", "departments",
              "virksomhet", "virksomheten", "virksomheter", "virksomhetene", "verksemd", "verksemda", "verksemder"]}
# the words that say which level of a category path ("første nivå", "the top level", "øverste nivå")
LEVEL_STEMS = {stem(w) for w in ("første", "fyrste", "first", "øverste", "øvste", "top", "nivå", "nivået", "level",
                                 "levels", "kategori", "kategorien", "category", "main", "hoved")}
BREAKDOWN_CUES = (r"fordelt på", r"fordelt etter", r"per", r"pr\.?", r"etter", r"by", r"for hver", r"for kvar",
                  r"break(?:s|ing)? (?:\w+ ){0,4}down by", r"i hver", r"i kvar", r"in each",
                  r"hver", r"kvar", r"each", r"split by", r"broken down by", r"ranger\w*", r"rank\w*",
                  r"fordeler (?:[\w-]+ ){0,4}seg (?:på|etter)", r"fordeler (?:[\w-]+ ){0,4}seg", r"distributed (?:by|across|over|among)", r"spread (?:by|across|over)",
                  r"across", r"fordelte seg på", r"fordelar seg på", r"fordela seg på")
MOST_COMMON = (r"vanligst\w*", r"vanlegast\w*", r"most common", r"commonest", r"most frequent\w*", r"hyppigst\w*",
               r"mest vanlig\w*", r"mest vanleg\w*")
RANK_HIGH = (r"flest", r"mest", r"most", r"høyest\w*", r"høgast\w*", r"highest", r"største", r"largest", r"top",
             r"topp", r"ranger\w*", r"rank\w*", r"busiest", r"travleste", r"travlaste", r"travlest",
             r"travlast", r"peak") + MOST_COMMON
# the commonest value of a field ("the most common priority", "den vanlegaste kategorien")
COMMONEST = MOST_COMMON + (r"least common", r"minst vanlig\w*", r"minst vanleg\w*", r"most used", r"mest brukt\w*",
                           r"least used", r"minst brukt\w*")
RANK_LOW = (r"færrest", r"færrast", r"minst", r"fewest", r"least", r"lavest\w*", r"lågast\w*", r"lowest", r"quietest",
            r"roligste", r"rolegaste", r"roligst", r"rolegast")
RANK_STEMS = {stem(w) for w in ("mest", "minst", "most", "least", "flest", "færrest", "færrast", "fewest", "busiest", "busy", "travleste", "travlaste", "travel", "peak", "quietest", "quiet",
                                "vanlig", "vanligst", "vanligste", "vanlegast", "vanlegaste", "common", "commonest",
                                "frequent", "hyppigst", "hyppigste", "among", "amongst", "blant",
                                "roligste", "rolegaste", "roligst", "rolegast", "travlest", "travlast",
                                # "hvilken kommune sto for flest", "accounted for the most": the verb of the ranking
                                "sto", "stod", "står", "accounted", "account", "stands")}
# A grain named as a noun beside a ranking word ("busiest quarter", "måneden med flest saker"): rank those periods.
GRAIN_NOUNS = {"quarter": (r"kvartal\w*", r"quarters?"), "month": (r"måned\w*", r"månad\w*", r"months?"),
               "week": (r"uke\w*", r"uka", r"veke\w*", r"veka", r"weeks?"), "half": (r"halvår\w*", r"half[- ]years?"),
               "year": (r"året", r"years?"),
               "day": (r"(?<!i )dag(?:en)?", r"dagar", r"dager", r"dagane", r"dagene", r"døgn\w*", r"(?:single |calendar )?"
                       r"days?", r"dates?", r"dato(?:en)?")}
GRAIN_PLURALS = (r"kvartaler", r"kvartala", r"kvartalene", r"kvartala", r"quarters", r"måneder", r"månedene",
                 r"månader", r"månadene", r"months", r"uker", r"ukene", r"veker", r"vekene", r"weeks", r"years", r"årene")
# The organisation named sent the tickets (a customer), rather than ran the desk that logged them.
CUSTOMER_CUES = (r"fra", r"frå", r"from", r"som kunde", r"as (?:a )?customer", r"sendt av", r"sent by", r"meldt av",
                 r"meldt inn av", r"reported by", r"raised by", r"innmeldt av", r"filial\w*", r"kunde\w*", r"customers?",
                 r"kommunene", r"municipalities", r"per kommune", r"by municipality")
TOTAL_ROW_CUES = (r"totalen", r"summen", r"the total", r"a total", r"med total\w*", r"with (?:the |a )?total",
                  r"and (?:the |a )?total", r"og total\w*", r"og sum\w*", r"inkludert total\w*", r"totalt")
SUM_CUES = (r"til sammen", r"tilsammen", r"til saman", r"i alt", r"in all", r"combined", r"altogether", r"in total",
            r"totalt", r"samlet", r"samla", r"together", r"sammen", r"saman")


# a ticket whose customer cell is empty, in an export that records customers, as a breakdown names it (nb, en); the
# columns that carry the tickets left out of a breakdown by customer (their exports record no customer)
UNKNOWN_CUSTOMER = ("(ukjent)", "(unknown)")
WITHOUT_CUSTOMER = "tickets_without_customer"
WITHOUT_CUSTOMER_EXPORTS = "exports_without_customer"

# the ways a ticket comes in, as a question names them: a channel, which some exports do not record
CHANNEL_WORDS = (r"e-?post\w*|e-?mail\w*|mail|telefon\w*|phone\w*|telephone|portal\w*|selvbetjening\w*|"
                 r"sjølvbetjening\w*|self-service|chat\w*|oppmøte|walk-in|skjema\w*|sms|web\w*|nettskjema\w*")



def _names_unit(q: Question, leftover: list[str], vocab) -> bool:
    """Every word the exports cannot place names a unit of the reports ("telefonhenvendelser <unit> per år"): the
    unit's own figures (a governed measure of the reports) answer, never the tickets."""
    from app.engine.planner import find_units

    units, unit_words = find_units(q.text, getattr(vocab, "unit_aliases", {}) or {})
    if not units:
        return False
    named = {stem(w) for uw in unit_words for w in words(uw)}
    return all(stem(w) in named for t in leftover for w in words(t))


def _grain_named(q: Question) -> bool:
    """The question asks for a breakdown by a time grain in words ("per år", "by month")."""
    from app.engine.periods import GRAIN_WORDS

    return any(q.has(*cues) for g, cues in GRAIN_WORDS.items() if g != "month") or q.has(
        r"per måned", r"per månad", r"per month", r"by month", r"monthly", r"månedlig\w*")


# Words that say what a ticket is about ("gjaldt", "about"): its subject, the category
SUBJECT_CUES = (r"gjaldt", r"gjeld", r"gjelder", r"gjelde", r"angår", r"angjekk", r"angikk", r"about",
                r"concerning", r"regarding", r"related to", r"relating to", r"handla om", r"handlet om", r"handlar om",
                r"handler om", r"dreide seg om", r"dreia seg om", r"dreier seg om")


# Words that ask for one figure over everything named ("A eller B", "til sammen"): no breakdown per value.
ORS = (r"eller", r"or", r"either", r"enten")
TOTAL_CUES = (*ORS, r"til sammen", r"tilsammen", r"samla", r"samlet", r"i alt",
              r"in all", r"combined", r"altogether", r"totalt?", r"sum", r"summen", r"together", r"sammen", r"saman")
CLOSED_CUES = (r"lukket", r"lukka", r"lukkede", r"closed", r"løst", r"løyst", r"resolved", r"ferdigmeldt\w*")
CLOSED_STEMS = {stem(w) for w in ("lukket", "lukka", "lukkede", "lukkes", "closed", "close", "aldri", "never",
                                   "ikke", "ikkje", "not", "åpne", "opne", "open", "still", "fortsatt", "framleis",
                                   "løst", "løyst", "resolved", "hendelse", "event", "vart", "ble", "løste", "løyste",
                                   "uløst", "uløste", "uløyst", "uløyste", "unresolved", "unsolved", "solved", "yet",
                                   "ennå", "enno", "blitt", "vorte", "been", "ferdigmeldte")}
# Words that say "count tickets" without naming anything to filter on.
GENERIC = {stem(w) for w in """
overall ever noensinne nokosinne gang gong nokon noen entire sett single
antall tall talet number count mange many hvor kor how total totalt samlet samla i alt nye nytt ny new
opprettet oppretta opprett created create opened open newly nylig get gets få kommet submitted submit sent sendt sendte
raised blir bli dem dei them those disse desse kjem kommer komme kome registrert registrerte registrert registered meldt meldte
innmeldt kom came inn received arrived motta mottatt fikk fekk got sak saker saka ticket tickets issue issues case
cases henvendelse henvendelser hendelsesloggen logg loggen log eventlog export eksport eksporten exporten data
datasettet dataset finnes fins exist exists contain contains inneholder inneheld er var was were det there it
periode perioden period totalt altogether hele heile whole all alle within during gjennom løpet år year året
innmeldinger brukerstøtten brukarstøtta helpdesk servicedesk support til fra frå from to kvartal quarter quarters
måned månad month months uke veke week weeks calendar kalender halvår half vs mot versus sammenlignet compare
samanlikna og and hadde had har have fordelt fordeling distribution breakdown split etter by per pr each hver kvar
fordeler fordele distributed distribute spread across
viser vis show list liste gi give which hvilke hvilken kva topp top ranger rank flest most som med with
registrerte endret endra utvikla utviklet changed change develop trend endring utvikling
via through gjennom håndtert handtert behandlet handsama handled reported rapportert rapporterte meldte melde
eide eid eigde eigd owned
logged one two three four five ten én en ein to tre fire fem ti ferdigmeldt løst resolved
høyest høgast highest lavest lågast lowest største minste færrest fewest least
gjaldt gjelder gjeld handlet handla concerned concerning about regarding angående
innkomne innkommende inkomne incoming inbound marked merket merka markert står stod stand standing labelled labeled
sakslogg saksloggen sakslogga saksdata saksdataene saksdataa ticketlogg helpdeskdata together sammen saman
selv sjølv itself fått got gotten not ikke ikkje except excluding unntatt utenom bortsett other andre
melding meldinger meldingene meldingar meldingane hendelse hendelser hendelsene hending hendingar hendingane
incident incidents request requests forespørsel forespørsler førespurnad førespurnader førespurnadene henvendelsene
henvending henvendingar volume volumes volum volumet saksvolum saksvolumet eksporter eksportene exports
mengde mengden mengda saksmengde saksmengden saksmengda saksmengder sakstilfang sakstilfanget tilfang tilfanget
break breaks breaking broken down fordel ligger ligg lagret lagra stored held holds hold
fil fila filen file files filer filene uttrekk uttrekket uttrekka uttrekkene uttrekkane utdrag utdraget extract extracts
loaded innleste innlesne innlest innlesen lest lese lesne lastet lasta lastede importert importerte imported
stream streams strøm strømmen straum straumen feed finst fanst
innrapporterte innrapportert rapporterade rapporterades anmälde anmält anmäldes inkom inkommit registrerade registrerades
skapade skapades öppnades filed lodged ärende ärenden ärendet ärendena
item items entry entries record records row rows oppføring oppføringer oppføringane oppføringene element elementer
elementa elementene arbeidselement arbeidselementer arbeidselementa arbeidselementene arbeidselementet workitem workitems
verken hverken korkje neither nor
""".split()}
# "alle systemer samlet", "all systems combined": the exports pooled, which sums no periods
POOLED_SOURCES = re.compile(r"(?<!\w)(?:alle|samtlige|all|every|both|begge)(?: de| dei| the)?(?: [\w-]+)? (?:samlet|samla|"
                            r"til sammen|til saman|tilsammen|combined|together|altogether|in total|totalt)(?!\w)")


def periods_summed(q: Question) -> bool:
    """A sum word that sums the periods named ("2011 og 2012 til sammen"), not one that pools the exports ("januar mot
    desember, alle systemer samlet"). A change asked ("Endring i antall saker totalt fra 2023 til 2024") compares
    the periods: its "totalt" is the count over every export, not the periods added up."""
    if q.has(*CHANGE_WORDS):
        return False
    return Question(raw=q.raw, text=POOLED_SOURCES.sub(" ", q.text), lang=q.lang, period=q.period,
                    context=q.context).has(*SUM_CUES)


# "across all six exports", "på tvers av alle systemene", "i alle systema til saman": every source, no filter
ALL_SOURCES = (r"(?:på )?tvers av (?:alle |samtlige )?(?:\w+ )?(?:system\w*|eksport\w*|kilde\w*|kjelde\w*|datakild\w*)",
               r"(?:across|over|in|from|for|of) (?:all|every|each of)(?: the)?(?: \w+)? (?:source )?(?:systems|exports|"
               r"sources|files|data sources|tools)",
               r"across (?:the )?(?:\w+ )?(?:systems|exports|sources)",
               r"(?:i|fra|frå|for|av|over) (?:alle|samtlige|begge)(?: de| dei)?(?: \w+)? (?:system(?:er|ene|a)?|"
               r"eksport(?:er|ene|ane)?|kilde(?:r|ne)?|kjelde(?:r|ne)?|datakild\w*|filer|filene|filene)",
               r"(?:alle|samtlige|all|every|both|begge)(?: de| dei| the)?(?: \w+)? (?:systems|systemer|systemene|"
               r"systema|exports|eksporter|eksportene|eksportane)",
               # a compound ("alle helpdesk-systemene", "all the helpdesk-systems", "alle sakssystema")
               r"(?:alle|samtlige|all|every|begge)(?: de| dei| the)? [\w]+-?(?:systems|systemer|systemene|systema|"
               r"eksporter|eksportene|eksportane)")
ALL_SOURCE_STEMS = {stem(w) for w in """tvers across all alle samtlige every each both begge system systems systemer
systemene systema eksport eksporter eksportene eksportane export exports kilde kilder kildene kjelde kjelder kjeldene
source sources datakilde datakilder datakildene files filer filene tools verktøy verktøyene
two three four five six seven eight nine ten to tre fire fem seks sju syv åtte ni ti combined pooled""".split()}
# a file kind named ("regnearket", "the spreadsheet", "JSON-eksporten"): the exports of that kind
FORMAT_CUES = {"xlsx": (r"regneark\w*", r"rekneark\w*", r"spreadsheets?", r"excel\w*", r"xlsx\w*", r"arbeidsbok\w*",
                        r"workbooks?", r"[\w-]+-regneark\w*", r"[\w-]+-rekneark\w*"),
               "xlsm": (r"regneark\w*", r"rekneark\w*", r"spreadsheets?", r"excel\w*"),
               "json": (r"json\w*", r"[\w-]+-json\w*"), "jsonl": (r"json\w*", r"json[- ]?lines?"),
               "ndjson": (r"json\w*", r"json[- ]?lines?"),
               "csv": (r"csv\w*", r"[\w-]+-csv\w*"), "tsv": (r"tsv\w*",)}
# words that describe the export or its desk ("the software company's helpdesk log", "the service desk") or compare two
# counts ("flere eller færre … enn"): never a field the exports lack, but never a source's own name either
DESCRIPTIVE = {stem(w) for w in """
desk service servicedesken tjenestens tenesta brukerstøtte software programvare company selskap selskapet firma
firm vendor leverandør submitted submit sent sendt sendte send forekommer førekjem occur occurs appear appears
flere færre fleire more fewer enn than according ifølge iflg følge
ikt ict it brukarstøtte brukarstøtta brukerstøtten
""".split()}
# (IKT/IT/ICT: "IKT-saker", "IT tickets" are what a help desk's tickets are about, no export or field named)


# "how many different resources", "kor mange ulike prosessvariantar": the number of distinct values of a field
DISTINCT_CUES = (r"different", r"distinct", r"unique", r"ulike", r"forskjellige", r"unike", r"særskilte")
DISTINCT_STEMS = {stem(w) for w in ("different", "distinct", "unique", "ulike", "ulik", "forskjellige", "unike",
                                    "appear", "appears", "finst", "finnes", "fins", "forekommer", "occur")}

# The question names the exports as its source ("i saksloggen", "in the ticket export"): the exports answer it,
# even when report figures cover the same measure.
EXPORT_CUES = (r"eksport\w*", r"export\w*", r"uttrekk\w*", r"saks?logg\w*", r"saksdata\w*", r"ticket data", r"helpdesk data",
               # an export named as the history it holds ("Xurrent-historikken"): a name of the export, no field
               r"(?:status)?historikk\w*",
               r"the log", r"loggen", r"ticket log")

# ("log" alone is the noun, not the verb of "did the desk log in Q3", "log on")
EVENT_LOG_CUES = (r"hendelsesloggen", r"hendelseslogg\w*", r"hendingslogg\w*", r"event ?logs?", r"loggen",
                  r"the log", r"process log", r"prosesslogg\w*", r"logs?(?!\s+(?:in|on|during|for|at)\b)", r"logg",
                  r"loggar", r"loggane")
PERIOD_WORDS = (r"per år", r"per måned", r"per kvartal", r"per uke", r"per veke", r"per halvår", r"per year",
                r"per month", r"per quarter", r"per week", r"månedlig", r"monthly", r"weekly", r"yearly", r"årlig",
                r"opprettet i", r"created in", r"opened in", r"when", r"når", r"dato\w*", r"dates?")


def selected_sources(q: Question, tv) -> tuple[list, set[str]]:
    """The ticket sources the question names (an id prefix such as "HIVE", the source system, words of the
    export's file name, "the event log"), and the question stems that named them. None named: all."""
    chosen, used, _ = _select_sources(q, tv)
    return chosen, used


# what a system calls its tickets ("Bugzilla-feil", "Linear-oppgaver", "Deskpro conversations"): beside an export the
# question names, the tickets of that export; alone they name nothing (a tuple: no stem the ticket families always know)
RECORD_NOUNS = tuple({stem(w) for w in """
feil feilen feila feilene feila feilmelding feilmeldinger feilmeldingar bug bugs buggen buggene bugrapport bugrapporter
issue issues oppgave oppgaver oppgavene oppgåve oppgåver oppgåvene task tasks
samtale samtaler samtalene samtalar samtalane conversation conversations
henvendelse henvendelser henvendelsene request requests ticket tickets sak saker sakene sakane""".split()})


# the mailbox a shared-inbox desk receives its tickets in ("Skolestøtte-innboksen", "the support inbox"): beside the
# export named, its tickets (a tuple: alone it names nothing)
MAILBOX_NOUNS = tuple({stem(w) for w in """innboks innboksen innboksa innboksene innboksar inbox inboxes postkasse
postkassen postkassa postkasser mailbox mailboxes""".split()})


# kinds of tickets an export's file name may be named by (incidents, service requests / orders)
# (stem -> the kind: bokmål, nynorsk and English words of one kind are one)
KIND_NAMING = {stem(w): kind for kind, ws in (
    ("incident", "hendelse hendelser hendelsene hending hendingar hendingane incident incidents"),
    ("request", "bestilling bestillinger bestillingene bestillingar bestillingane request requests forespørsel "
                "forespørsler førespurnad førespurnader tjenesteforespørsel tjenesteforespørsler tenesteførespurnad "
                "tenesteførespurnader")) for w in ws.split()}


def naming_words(q: Question, tv) -> dict[str, int]:
    """The question's words that named an export, stem -> how many times they did ("ServiceDesk Plus" names the
    export sdp_requests.xlsx: "servicedesk" and "plus" once each). Those words are spent: a value filter needs
    words the export's name did not use (the group «Servicedesk» is no filter of "i ServiceDesk Plus")."""
    return _select_sources(q, tv)[2]


def _select_sources(q: Question, tv) -> tuple[list, set[str], dict[str, int]]:
    sources = list(getattr(tv, "sources", []) or [])
    if len(sources) < 1:
        return sources, set(), {}
    # the provider that owns every desk, written as the owner ("<system>-lista til Fjordlys IKT") names none of its
    # exports; written as the export's name ("i Fjordlys IKT-regnearket") it does
    owner = owner_words(q)
    picked = _select_sources_by(q, tv, sources, set(words(q.text)) - owner)
    if owner and len(picked[0]) == len(sources) > 1 and not picked[1]:
        # ... but when nothing else names an export, an owner whose name names some of them ("saker hjå Hallingdal
        # IKT" of <system>_hallingdal_ikt.json) is the owner of those: they are the tickets asked
        owned = _select_sources_by(q, tv, sources, set(words(q.text)))
        if len(owned[0]) < len(sources):
            return owned
    return _customers_exports(q, tv, sources, picked)


def _customers_exports(q: Question, tv, sources: list, picked: tuple[list, set[str], dict[str, int]]):
    """The exports picked, unless only words naming the IT service itself picked them ("IKT-selskapet", "IT", "the
    company": an export whose file name holds "ikt") and the customer the question names ("Hasvik kommune") is in
    none of them but in others: then the exports that hold that customer."""
    chosen, used, naming = picked
    if not 0 < len(chosen) < len(sources) or not naming or any(w not in DESCRIPTIVE for w in naming):
        return picked
    qwords = set(words(q.text))
    from flows.org_kinds import FORM_WORDS

    holding: set[str] = set()
    for name, systems in ((getattr(tv, "value_systems", {}) or {}).get("customer_name", {}) or {}).items():
        own = [w for w in words(name.lower()) if w not in FORM_WORDS and len(w) >= 3]
        if own and all(w in qwords for w in own):
            holding |= set(systems)
    if not holding or holding & {s.system for s in chosen}:
        return picked
    return [s for s in sources if s.system in holding], used, {}


def _select_sources_by(q: Question, tv, sources: list, qwords: set[str]) -> tuple[list, set[str], dict[str, int]]:
    used: set[str] = set()
    naming: dict[str, int] = {}
    chosen = []
    event_log = q.has(*EVENT_LOG_CUES)
    # a word names a source only when it is distinctive: in one source's words, and no generic ticket word
    counts: dict[str, int] = {}
    for src in sources:
        for w in src.words:
            counts[w] = counts.get(w, 0) + 1
    plain = GENERIC | DIM_WORDS
    if all_sources_named(q):
        # "across all six exports", "i alle systema til saman": every source, and those words name no field
        return sources, {stem(w) for w in qwords if stem(w) in ALL_SOURCE_STEMS} | {
            w for w in qwords if stem(w) in ALL_SOURCE_STEMS}, {}
    kinds = {k for k, cues in FORMAT_CUES.items() if q.has(*cues)}
    if kinds & {"jsonl", "ndjson"} and q.has(*JSON_LINES):
        kinds -= {"json"}  # "the JSON-lines stream": the .jsonl export, not a .json one
    kind_words = {w for k in kinds for w in qwords if re.fullmatch("|".join(FORMAT_CUES[k]), w)}
    if kinds & {"jsonl", "ndjson"}:
        kind_words |= {w for m in re.finditer("|".join(JSON_LINES), q.text) for w in words(m.group(0))}
    runs = _capital_run_tokens(q.raw)
    initials = {_acronym(parts) for parts, _ in runs}
    # a word names a source by a form of one of its words ("Vaktboka" ~ vaktbok, "historikken" ~ history), by the
    # initials of the product name written out ("ServiceDesk Plus" ~ sdp) or by the name written as one word
    # ("ServiceDesk Plus" ~ servicedeskplus)
    # ... in any case and with its parts apart ("servicedesk plus", "service desk plus" ~ servicedeskplus): two or
    # three words in a row that make a word of a source's name
    adjacent = [ws for ws in _adjacent_words(q.text) if len("".join(ws)) >= 6]
    seq = list(words(q.text))
    pairs = [(a, b) for a, b in zip(seq, seq[1:]) if a in qwords and b in qwords]
    joined = {"".join(tokens).lower() for _, tokens in runs} | {"".join(ws) for ws in adjacent}
    # ... or two words in a row, the first in another language or spelling, that make a source's word ("school IT" ~
    # skoleit: "school" ~ "skole", then "it")
    glossed_pairs = {sw: ws for src in sources for sw in src.words for ws in _adjacent_words(q.text)
                     if len(ws) == 2 and _glossed_pair(ws, sw)}
    joined |= set(glossed_pairs)
    asked = {w for w in qwords if stem(w) not in plain and len(w) >= 3} | initials
    named_by: dict[str, set[str]] = {}  # question word -> the sources it names
    # (... and the sources it names as a whole word, the same word in another form or spelling: "lønnskontoret" is
    # <…>_lonnskontor_<…> itself, only the head of <…>_lonn_<…>; one such source is the one the word names)
    whole_by: dict[str, set[str]] = {}
    for src in sources:
        for w in asked:
            if any(_names_word(w, sw) for sw in src.words):
                named_by.setdefault(w, set()).add(src.system)
                if len(w) >= 6 and any(len(sw) >= 6 and _gloss(w) == _gloss(sw) for sw in src.words):
                    whole_by.setdefault(w, set()).add(src.system)
    for w, whole in whole_by.items():
        if len(whole) == 1 and len(named_by[w]) > 1:
            named_by[w] = whole
    # a short word of a source (an id prefix "IN", a file's abbreviation "rt") names it only written as a name is,
    # in capitals ("IN-1234", "RT-saker") or as the initials of a capitalised run ("Request Tracker"): never the
    # preposition "in" of "tickets in 2024"
    capitals = {t.lower() for t in re.findall(r"(?<![\wæøåÆØÅ])[A-ZÆØÅ]{2,}(?![a-zæøå])", q.raw)} | initials

    def short_ok(w: str) -> bool:
        return not (len(w) <= 2 or w in STOPWORDS) or w in capitals

    # "<organisation>'s service desk", "help desk": the desk the tickets were logged at, no export named by "service"
    # or "help" (a title «IT Service Management»); only an export whose own words name a desk is named by the phrase
    desk_words = {w for m in re.finditer(r"(?<!\w)" + DESK_PHRASE, q.text) for w in words(m.group(0))}
    hits = {}
    # a kind of ticket ("hendelser", "bestillinger", "incidents") written in one export's file name names that export
    # when the exports are split by kind (<…>_hendelser_<…>.xlsx beside <…>_bestillinger_<…>.csv): a generic word
    # otherwise, never a filter
    kind_files = {src.system: {k for f in src.files for w in words(re.sub(r"[_\-.]+", " ", f.lower()))
                               if (k := KIND_NAMING.get(stem(w)))} for src in sources}
    kind_counts = {k: sum(k in ks for ks in kind_files.values()) for ks in kind_files.values() for k in ks}
    for src in sources:
        hit = {w for w in qwords & set(src.words) if (counts[w] == 1 or len(sources) == 1) and stem(w) not in plain
               and short_ok(w)}
        if len(sources) > 1:
            # (when the exports are split by kind: another export's file name names another kind; beside exports of
            # plain "saker" the word is every export's tickets)
            hit |= {w for w in qwords if (kind := KIND_NAMING.get(stem(w))) in kind_files[src.system]
                    and kind_counts.get(kind) == 1
                    and any(ks - {kind} for other, ks in kind_files.items() if other != src.system)}
        hit |= {w for w, named in named_by.items() if named == {src.system} and len(sources) > 1}
        # (a name written as one that several exports share, not all, is their owner's: taken below as a shared word)
        hit |= {w for w in joined & set(src.words) if counts[w] == 1 or len(sources) == 1}
        if desk_words and not any("desk" in sw for sw in src.words):
            hit -= desk_words
        hits[src.system] = hit
    if event_log and _log_of_named_export(q, {w for hit in hits.values() for w in hit}):
        event_log = False  # "in the Puzzel log", "Puzzel-loggen": the log is the export named, not every event log
    for src in sources:
        hit = hits[src.system]
        by_kind = bool(kinds & src.formats) and len([s for s in sources if kinds & s.formats]) < len(sources)
        if hit or by_kind or (event_log and src.events):  # "in the helpdesk log", "i hendelsesloggen": the event logs
            chosen.append(src)
            # the words of a capitalised run that named it by its initials or written as one ("ServiceDesk Plus":
            # sdp, servicedeskplus) named it together; beside a word of the run that named it, its generic words too
            # ("ServiceDesk" beside "Plus": a file or title never keeps "servicedesk" as a distinctive word), never
            # a value written after the name ("Hive Closed")
            spent = {w for w in hit if w in qwords}
            for parts, tokens in runs:
                low = [t.lower() for t in tokens]
                if _acronym(parts) in hit or "".join(low) in hit:
                    spent |= set(low)
                elif set(low) & hit:
                    spent |= {t for t in low if stem(t) in plain}
            spent |= {w for ws in adjacent if "".join(ws) in hit for w in ws}
            spent |= {w for sw, ws in glossed_pairs.items() if sw in hit for w in ws}
            # a word of the export's name beside the one that named it ("IKT" of "Valdres IKT" naming
            # <system>_valdres_ikt.csv; "ikt" names two exports alone) names it with that word
            spent |= {b for a, b in pairs if a in hit and b in src.words} | {a for a, b in pairs if b in hit
                                                                            and a in src.words}
            for w in spent:
                naming[stem(w)] = max(naming.get(stem(w), 0), 1)
            used |= {stem(w) for w in hit} | set(hit) | spent | {stem(w) for w in spent}
            used |= {x for parts, _ in runs if _acronym(parts) in hit for x in words(" ".join(parts))}
            if by_kind:  # "regnearket", "the spreadsheet": the exports of that file kind
                used |= kind_words | {stem(w) for w in kind_words} | {
                    x for w in kind_words for x in words(w.replace("-", " "))}
    # an export named only by a ticket noun's compound ("lønnssaker", a word of its title) whose first part begins the
    # word naming another export ("lønnskontoret" of <…>_lonnskontor_<…>): the compound is that desk's tickets, not a
    # second export asked
    if len(chosen) > 1:
        def _record_compound_of_other(w: str, src) -> bool:
            part = _RECORD_TAIL.sub("", w)
            return part != w and len(part) >= 3 and any(
                x != w and not _RECORD_TAIL.search(x) and _gloss(x).startswith(_gloss(part))
                for other in chosen if other is not src for x in hits[other.system])
        kept = [src for src in chosen if not hits[src.system]
                or not all(_record_compound_of_other(w, src) for w in hits[src.system])]
        if kept and len(kept) < len(chosen):
            chosen = kept
    # a word several exports share, not all ("ullensaker" of <kommune>_hr_lonn_….csv and <kommune>_ikt_….csv): the
    # exports of that owner; with a word naming one of them too ("lønn"), that one, the shared word spent on it
    # (compared without æ, ø, å: a file name writes "ostby" for "Østby")
    folded = {src.system: {ascii_name(x) for x in src.words} for src in sources}
    # (... or written as one by the file, "nordvik" of "Nord-Vik IKT": its parts are spent on it)
    parts_of = {"".join(ws): ws for ws in adjacent} | {"".join(tokens).lower(): [t.lower() for t in tokens]
                                                       for _, tokens in runs}
    shared = {w for w in qwords | joined if stem(w) not in plain and short_ok(w) and len(w) >= 3
              and w not in desk_words and 1 < sum(ascii_name(w) in f for f in folded.values()) < len(sources)}
    holders = [src for src in sources if shared and {ascii_name(w) for w in shared} <= folded[src.system]]
    if holders and (not chosen or all(src in holders for src in chosen)):
        chosen = chosen or holders
        spent = shared | {x for w in shared if w not in qwords for x in parts_of.get(w, ())}
        used |= spent | {stem(w) for w in spent}
        for w in spent:
            naming[stem(w)] = max(naming.get(stem(w), 0), 1)
    # words of a file name beside the file kind ("Eksempel IKT-regnearket") name the same export: when both a
    # kind and file words are named, the sources both name
    if kinds and len(chosen) > 1:
        both = [src for src in chosen if kinds & src.formats and set(src.words) & qwords]
        if both:
            chosen = both
    if chosen and {w for hit in hits.values() for w in hit}:
        # what the system calls its records, beside the export named by its own words ("Bugzilla-feil", "Linear-
        # oppgåver", "the Deskpro conversations"): the tickets of that export, no field or measure
        nouns = {w for w in qwords if stem(w) in RECORD_NOUNS or stem(w) in MAILBOX_NOUNS}
        used |= nouns | {stem(w) for w in nouns}
    # a compound whose head names an export and whose tail is no ticket noun ("lønnsmottakere" of <kommune>_lonn_<...>):
    # the export is asked, but the word asks for something else, left for the families to place or refuse
    for w in [w for w in used if w in qwords]:
        heads = [sw for src in chosen for sw in src.words if w not in src.words and len(w) >= len(sw) + 4
                 and _names_word(w, sw)]
        # (the tail after the head as both are folded: "skolestøttesaker" of a <…>_skolestotte_<…> export)
        # (or a desk or export noun: "lønnsservicedesk", "personalservicedesken" name the desk of that export)
        desk_head = _EXPORT_TAIL.sub("", w)
        # (a ticket noun ending it names that export's tickets however its first part is spelt: "skulehenvendingar")
        if heads and not any(_ticket_tail(fold(w)[len(_common_prefix(fold(w), fold(sw))):]) for sw in heads) and not (
                desk_head != w and any(_names_word(desk_head, sw) for sw in heads)) and not _RECORD_TAIL.search(w):
            used -= {w, stem(w)}
            naming.pop(stem(w), None)
    return (chosen or sources), used, naming


# the service or office that keeps a desk, in its definite form at the end of a compound ("lønnstenesta",
# "skolekontoret", "IT-avdelinga"; never a bare "desk" or "service", which name systems: "Servicedesk", "Zoho Desk")
_DESK_NOUN = (r"(?:tjenesten|tjenesta|tenesta|tenesten|kontoret|avdelingen|avdelinga|seksjonen|seksjona|desken|"
              r"støtta|støtten|senteret|"
              # the desk itself ("lønnsservicedesk", "personalservicedesken", "IT-brukarstøtta"): its subject names it
              r"servicedesk(?:en)?|helpdesk(?:en)?|brukerstøtte(?:n)?|brukarstøtt[ae]|kundesenter(?:et)?|"
              # a service in its definite form ("lønnsservicen", "HR-servicen"): the desk that gives it
              r"servicen)")


def _ticket_tail(tail: str) -> bool:
    """The rest of a compound after an export's word ("saker" of "lønnssaker"): a ticket noun, after a joining s/e."""
    nouns = "|".join(LEVEL_NOUNS)
    if any(re.fullmatch(nouns, t) for t in (tail, tail[1:]) if t):
        return True
    # a tail ending in a list's or export's noun names the export too ("skulelista" of a <…>_skole_<…> export: the
    # head written in another variant, so the tail holds part of it)
    if re.search(r"(?:list[aeo]?n?|listene|eksport\w{0,3}|export)$", tail) is not None:
        return True
    # ... and so does the service or office that keeps the desk ("lønnstenesta", "lønnskontoret", "IT-avdelinga" of a
    # <…>_lonn_<…> export): the desk itself, whose tickets are the export's
    # (at the tail's end, as a list's noun: the head may be written in another variant, "skuletenesta" of <…>_skole)
    return re.search(_DESK_NOUN + "$", tail) is not None


JSON_LINES = (r"json[- ]?lines?", r"json-?l", r"ndjson", r"jsonl")
_LOG_NOUN = r"(?:logs?|logg\w*|eventlogs?|event logs?|hendelseslogg\w*|hendingslogg\w*)"


def _log_of_named_export(q: Question, named: set[str]) -> bool:
    """A log word written as the noun of an export the question names ("the Puzzel log", "Puzzel-loggen", "loggen fra
    Puzzel"): it says which export, not that every event log is asked."""
    for w in named:
        n = re.escape(w)
        if q.has(n + r"[- ]?" + _LOG_NOUN, _LOG_NOUN + r" (?:fra|frå|from|i|in|of) (?:the )?" + n):
            return True
    return False


# Helpdesk products by their other names (language data: product names, as people shorten or rename them): a question
# naming one names an export whose file or system has another ("Remedy-loggen" of bmc_helix_*.csv, "i Halo" of
# haloitsm_*.json)
SYSTEM_NAMES = (
    frozenset({"haloitsm", "halo", "halopsa", "haloservicedesk"}),
    frozenset({"helix", "remedy", "bmc", "remedyforce"}),
    frozenset({"servicenow", "snow"}),
    frozenset({"sdp", "servicedeskplus", "manageengine"}),
    frozenset({"jsm", "jira", "jiraservicemanagement", "jirasm"}),
    frozenset({"freshservice", "freshworks"}),
    frozenset({"otrs", "znuny"}),
)
# what a product's name adds to its short name ("Halo" of HaloITSM, "Fresh" never: four letters or more)
SYSTEM_SUFFIXES = ("itsm", "servicedesk", "helpdesk", "desk", "sm", "psa")


def _system_alias(asked: str, word: str) -> bool:
    """The question's word is another name of the product a source's word names (SYSTEM_NAMES), or the product's name
    without its suffix ("halo" ~ "haloitsm")."""
    if any(asked in g and word in g for g in SYSTEM_NAMES):
        return True
    return len(asked) >= 4 and word.startswith(asked) and word[len(asked):] in SYSTEM_SUFFIXES


def _names_word(asked: str, word: str) -> bool:
    """A question word names a source's word: the same, or a form of it (the question's word at least as long, sharing
    all but a letter or two of it: "vaktboka" ~ "vaktbok", "historikken" ~ "history", never "service" ~ "servicenow")."""
    if asked == word or _system_alias(asked, word):
        return True
    head, _, tail = asked.partition("-")
    if tail and head == word and len(word) >= 2 and _ticket_tail(tail):
        return True  # a short name joined to a ticket noun ("HR-saker" of <kommune>_hr_lonn_….csv)
    if len(word) < 4 or len(asked) < 4:
        return False
    if _gloss(asked) == _gloss(word):
        return True
    # a compound of the name and the export's noun ("skulelista", "kundestøttelista", "servixeksporten")
    head = _EXPORT_TAIL.sub("", asked)
    if head != asked and len(head) >= 4 and _names_word(head, word):
        return True
    common = len(_common_prefix(asked, word))
    if common >= 4 and common >= len(word) - (1 if len(word) < 7 else 2) and len(asked) >= common:
        return True
    # the first part of a compound name joined to a ticket noun ("skolehenvendelser", "skulehenvendingar" of a
    # <…>_skolestotte_<…> export): that desk's tickets, its first part in any language or spelling (_gloss)
    part = _RECORD_TAIL.sub("", asked)
    if part != asked and len(part) >= 4 and len(word) >= len(part) + 4:
        glossed = _gloss(part)
        if len(glossed) >= 4 and _gloss(word).startswith(glossed):
            return True
    # a long name written with one letter dropped, doubled or swapped ("halingdal" ~ "hallingdal")
    return min(len(asked), len(word)) >= 7 and asked[:1] == word[:1] and Levenshtein.distance(asked, word) <= 1


# a ticket noun ending a compound ("skolehenvendelser", "skulehenvendingar", "skolesakene")
_RECORD_TAIL = re.compile(r"-?(?:henvendelse|henvendelser|henvendelsene|henvending|henvendinga|henvendingar|"
                          r"henvendingane|saker|sakene|sakane|samtaler|samtalene|samtalar|samtalane)$")
_EXPORT_TAIL = re.compile(r"-?(?:lista|listen|liste|listene|listane|eksporten|eksporter|eksportene|uttrekket|fila|filen|"
                          r"loggen|logg|arket|regnearket|reknearket|saker|sakene|sakane)$|"
                          # the service or office that keeps the desk ("skuletenesta", "lønnskontoret")
                          r"s?-?" + _DESK_NOUN + "$")


def _gloss(word: str) -> str:
    """A word of an export's name as any language or spelling writes it: its Norwegian word (EN_TO_NB: "school" ~
    "skole"), stemmed with nynorsk brought to bokmål ("skule" ~ "skole") and folded, so a file name written without
    the Norwegian letters ("kundestotte") is the word a question writes ("kundestøtte")."""
    return fold(stem(to_norwegian(word)))


def _common_prefix(a: str, b: str) -> str:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return a[:n]


def _capital_runs(raw: str) -> list[list[str]]:
    """Runs of two or more capitalised words, CamelCase split ("ServiceDesk Plus" -> Service, Desk, Plus)."""
    return [parts for parts, _ in _capital_run_tokens(raw)]


def _capital_run_tokens(raw: str) -> list[tuple[list[str], list[str]]]:
    """Runs of two or more capitalised words: (the words, CamelCase split; the tokens as written), so "ServiceDesk
    Plus" gives (Service, Desk, Plus; ServiceDesk, Plus)."""
    runs: list[tuple[list[str], list[str]]] = []
    current: list[str] = []
    tokens: list[str] = []
    for token in re.findall(r"[\wæøåÆØÅ]+|[^\w\s]", raw):
        parts = re.findall(r"[A-ZÆØÅ][a-zæøå]+", token)
        if parts and "".join(parts) == token:
            current.extend(parts)
            tokens.append(token)
            continue
        if len(current) >= 2:
            runs.append((current, tokens))
        current, tokens = [], []
    if len(current) >= 2:
        runs.append((current, tokens))
    return runs


def _adjacent_words(text: str) -> list[list[str]]:
    """Every two and three words in a row of the question, lower case (the parts of a name a file writes as one)."""
    tokens = re.findall(r"[a-zæøå]+", text.lower())
    return [tokens[i:i + n] for n in (2, 3) for i in range(len(tokens) - n + 1)]


def _glossed_pair(pair: list[str], word: str) -> bool:
    """Two question words make a source's word written as one, the first glossed ("school", "skule" ~ "skole") and the
    second as written: "school it" ~ skoleit. Each part at least two letters, the first four."""
    first, second = pair
    if len(first) < 4 or len(second) < 2 or not word.endswith(second) or first + second == word:
        return False
    head = word[:-len(second)]
    return len(head) >= 4 and _gloss(head) == _gloss(first)


def _acronym(run: list[str]) -> str:
    return "".join(w[0] for w in run).lower()


def _initials(raw: str) -> list[str]:
    """The initials of every capitalised run of words in the question ("ServiceDesk Plus" -> "sdp")."""
    return [_acronym(r) for r in _capital_runs(raw)]


def _in_system_slot(q: Question, word: str) -> bool:
    """The question names `word` where a system or an export stands: written with a capital after "in/i/fra/from"
    ("in Zendesk", "fra Jira-eksporten"), or joined to an export word ("Zendesk-eksporten", "the Zendesk export")."""
    w = re.escape(word)
    capital = re.search(r"(?<![\wæøå])" + w + r"(?![\wæøå])", q.raw, flags=re.IGNORECASE)
    if capital is None or not capital.group(0)[:1].isupper():
        return False
    return q.has(r"(?:i|in|fra|frå|from|på|within)\s+(?:the\s+|den\s+|det\s+)?" + w,
                 w + r"[- ]?(?:eksport\w*|export\w*|saker|sakene|tickets|data|systemet|system)")


def all_sources_named(q: Question) -> bool:
    """"across all systems", "på tvers av alle eksportene": every export, never a filter or an unknown word."""
    return q.has(*ALL_SOURCES)


def system_named(q: Question, tv) -> bool:
    """The question names a source system by its own name ("ServiceNow", "TOPdesk"), or all of them."""
    qwords = set(words(q.text))
    for src in getattr(tv, "sources", []) or []:
        if src.keyed:
            continue
        names = {w for w in re.findall(r"[a-zæøå]+", src.system.lower()) if len(w) >= 3}
        if names & qwords or any(n in w and len(n) >= 4 for n in names for w in qwords):
            return True
    return False


# a ticket whose final state is cancelled (rejected, declined, withdrawn): its end time is no resolution
NOT_CANCELLED = "coalesce(t.status, '') <> 'cancelled'"


def resolved_end(tv) -> str:
    """SQL (alias t): when a ticket was resolved, as its resolution time counts it (fct_ticket.resolution_hours): its
    last resolution, else its closing (an export that records only closings, a reopened ticket closed without a new
    resolution), so "løst innen 24 timer" and "tid til løst" count the same resolved tickets as "løsningstid"."""
    return "coalesce(t.resolved_at, t.closed_at)" if "closed_at" in tv.columns else "t.resolved_at"


def source_filter(chosen, tv) -> str | None:
    """SQL condition keeping the chosen sources, or None when they are all of them."""
    sources = list(getattr(tv, "sources", []) or [])
    if not chosen or len(chosen) == len(sources):
        return None
    return in_list("t.source_system", [s.system for s in chosen])


def source_label(chosen, en: bool, table: str) -> str:
    """Where the figures come from: every export counted, by file name (a long list is cut after eight, saying how
    many more), so an answer over all the exports never reads as if it counted some of them."""
    files = [f for s in chosen for f in s.files]
    names = ", ".join(f"«{f}»" for f in files[:8])
    if len(files) > 8:
        names += f" and {len(files) - 8} more" if en else f" og {len(files) - 8} til"
    base = f"the ticket exports ({table}" if en else f"saksdataene ({table}"
    # rows marked as junk mail or deleted are no tickets: the answer says they were left out
    junk = [s for s in chosen if getattr(s, "junk", 0)]
    counts = (str(junk[0].junk) if len(junk) == 1 and len(files) == 1 else
              ", ".join(f"{s.junk} ({s.named})" for s in junk))
    kinds = {k for s in junk for k in (getattr(s, "junk_kinds", ()) or ("spam",))}
    marked = (" or ".join(k for k in ("spam", "deleted") if k in kinds) if en else
              " eller ".join(w for k, w in (("spam", "spam"), ("deleted", "slettet")) if k in kinds))
    note = ((f"; {counts} rows marked as {marked} left out, no tickets" if en else
             f"; {counts} rader merket som {marked} holdt utenfor, ingen saker") if junk else "")
    return base + (f": {names}" if names else "") + note + ")"


def dateless_refusal(q: Question, chosen, name: str, what_nb: str, what_en: str) -> Refusal:
    en = q.lang == "en"
    files = ", ".join(f"«{f}»" for s in chosen for f in s.files) or ", ".join(s.system for s in chosen)
    return Refusal(name, "unanswerable",
                   (f"{files} has no dates (no created, resolved or closed time), so its tickets cannot be placed in "
                    f"a period and give no {what_en}; it can be counted by its other columns." if en else
                    f"{files} har ingen datoer (ingen opprettet-, løst- eller lukket-tid), så sakene kan ikke plasseres "
                    f"i en periode og gir ingen {what_nb}; de kan telles etter de andre kolonnene."),
                   interpretation=("tickets of " if en else "saker i ") + files)


OTHERS_CUES = (r"(?:de|dei|the)\s+andre", r"(?:the\s+)?others?", r"øvrige", r"resten", r"the rest", r"remaining",
               r"andre (?:måne?der|månader|kvartal\w*|uker|veker|år)")
AVERAGE_CUES = (r"gjennomsnitt\w*", r"snitt\w*", r"average\w*", r"mean", r"i middel", r"normalt?",
                r"(?:kvartal|måned|månad|uke|veke|dag|døgn|år|halvår)s?snitt\w*")
# the period a compound names the mean of ("kvartalssnittet", "månadssnittet", "dagssnitt"), or an English adjective
# or the period the mean is of ("the average quarter", "et gjennomsnittlig kvartal", "snittet per kvartal")
_AVG_OF = r"(?:(?:the |an )?average|(?:et |ein |en )?gjennomsnittl\w+|snittet per|gjennomsnittet per|average per)"
_AVERAGE_GRAIN = ((r"kvartals?snitt\w*|quarterly average|quarterly mean|" + _AVG_OF + r" (?:quarter|kvartal)\w*",
                   "quarter"),
                  (r"(?:måned|månad)s?snitt\w*|monthly average|monthly mean|" + _AVG_OF + r" (?:month|måned|månad)\w*",
                   "month"),
                  (r"(?:uke|veke)s?snitt\w*|weekly average|weekly mean|" + _AVG_OF + r" (?:week|uke|veke)\w*", "week"),
                  (r"(?:dag|døgn)s?snitt\w*|daily average|daily mean", "day"),
                  (r"halvårs?snitt\w*", "half"), (r"års?snitt\w*|yearly average|annual average", "year"))
_AVG_WORD = r"(?:gjennomsnitt\w*|\w*snitt\w*|average|mean)"
# the years the mean is over, written with it: "the 2025 monthly average", "kvartalssnittet for 2024", "snittet per
# måned i 2025", "2024-snittet"
_AVERAGE_YEARS = (re.compile(r"((?:19|20)\d\d)(?:\s*-\s*|\s+)(?:(?:monthly|quarterly|weekly|daily|yearly|annual)\s+)?" + _AVG_WORD + r"(?!\w)"),
                  re.compile(r"(?<!\w)" + _AVG_WORD + r"(?:\s+(?:per|pr|a|each)?\s*\w+)?\s+(?:for|i|in|of|over|during|"
                             r"frå|fra|across)\s+(?:(?:hele|heile|all of|the year)\s+)?((?:19|20)\d\d)"
                             r"(?:\s*[-–]\s*((?:19|20)\d\d))?(?!\d)"))


def average_years(q: Question) -> list[int]:
    """The years the question names for the mean it compares with ("compared with the 2025 monthly average":
    [2025]; "the average quarter over 2023-2024": [2023, 2024]); none when no year is written with the average."""
    out: set[int] = set()
    for pat in _AVERAGE_YEARS:
        for m in pat.finditer(q.raw.lower()):
            first = int(m.group(1))
            last = int(m.group(2)) if m.lastindex and m.lastindex >= 2 and m.group(2) else first
            out |= set(range(first, max(first, last) + 1)) if last - first <= 20 else {first}
    return sorted(out)


def years_outside_average(q: Question) -> set[int]:
    """The years the question writes outside the phrase of the mean it compares with ("Q1 2024 compared with the
    average quarter over 2023-2024": {2024})."""
    text = q.raw.lower()
    for pat in _AVERAGE_YEARS:
        text = pat.sub(" ", text)
    return {int(y) for y in re.findall(r"(?<!\d)((?:19|20)\d\d)(?!\d)", text)}


def period_and_average_years(q: Question, years: list[int]) -> tuple[list[int], list[int]]:
    """(the period's years, the mean's years) of the years asked, when the question compares with a mean: a year
    written with the mean is the mean's, not the period's ("Q4 2025 mot kvartalssnittet for 2024": [2025], [2024]);
    when the period's years are written again inside the mean's range, the period is the ones written outside it
    ("Q1 2024 compared with the average quarter over 2023-2024": [2024], [2023, 2024]). Without a mean: (years, [])."""
    avg_years = average_years(q) if _has_outside(q, AVERAGE_CUES, set()) else []
    if not avg_years:
        return years, avg_years
    if set(years) - set(avg_years):
        return [y for y in years if y not in avg_years], avg_years
    outside = years_outside_average(q)
    if set(years) & outside and set(years) - outside:
        return [y for y in years if y in outside], avg_years
    return years, avg_years


def average_grain(q: Question) -> str | None:
    """The period a compound or adjective names the mean of ("kvartalssnittet": quarter), else None."""
    return next((g for pat, g in _AVERAGE_GRAIN if re.search(r"(?<!\w)(?:" + pat + r")(?!\w)", q.raw.lower())), None)
# "how far did Q4 deviate from the average quarter", "hvor mye avvek", "kor mykje skilde … seg frå": the difference
DEVIATION_CUES = (r"deviat\w*", r"avvik\w*", r"avvek", r"avveik", r"skil(?:de|te|ler|jer|t)\s+(?:\S+\s+){0,9}?seg",
                  r"differ(?:s|ed)?", r"diverg\w*", r"departed?")
DEVIATION_STEMS = {stem(w) for w in """deviate deviated deviation deviations avvik avviket avvek avveik skilde skilte
skiller skil skiljer seg differ differs differed diverge diverged far langt""".split()}
COMPARE_CUES = (*DEVIATION_CUES, r"over", r"under", r"høyere", r"høgare", r"lavere", r"lågare", r"higher", r"lower", r"above",
                r"below", r"mer enn", r"meir enn", r"mindre enn", r"more than", r"less than", r"sammenlign\w*",
                r"samanlikn\w*", r"compared?", r"compar\w*", r"mot", r"versus", r"vs\.?", r"enn", r"than")
DAY_CUES = (r"per dag", r"pr\.? dag", r"hver dag", r"kvar dag", r"daglig\w*", r"dagleg\w*", r"per day", r"a day",
            r"each day", r"daily", r"om dagen")
# "flere saker i mars enn i februar", "fewer tickets than": a comparison of the periods named, one count each
COMPARE_STEMS = {stem(w) for w in """flere fleire færre færre more fewer less mindre than enn iso vi we us økte økning
gikk ned opp increase increased decrease decreased rose fell forskjell difference
longer lengre lenger shorter kortere slower tregere faster raskere quicker snøggare
grow grew grown growth auke auka aukte vokste vokst vekst sank sunket minket minka dropped declined""".split()}
AVERAGE_STEMS = {stem(w) for w in """gjennomsnitt gjennomsnittet gjennomsnittlig gjennomsnittleg snitt snittet average
mean middel normal normalt over under høyere høgare lavere lågare higher lower above below mer meir mindre more less than
enn sammenlignet samanlikna compared comparison dag dagen dager dagar daglig dagleg day days daily andre other others
monthly weekly quarterly yearly annual månedlig månadleg ukentlig vekentleg kvartalsvis årlig årleg
øvrige resten rest remaining""".split()}


# a change over periods of tickets: the change words (app.engine.families.change) and the verbs of a trend
TICKET_CHANGE_CUES = (*CHANGE_WORDS, r"økt\w*", r"øke", r"auk\w*", r"increas\w*", r"decreas\w*",
                      r"reduksjon\w*", r"redusert\w*", r"gikk (?:opp|ned)", r"gjekk (?:opp|ned)", r"rose", r"fell",
                      r"grow", r"grew", r"grown", r"growth", r"vekst\w*", r"vokst\w*", r"vokste", r"steg", r"sank", r"dropped",
                      r"declined", r"went (?:up|down)")


# "hvor mye varierte antall saker per måned", "how much did the monthly count vary": the periods' counts, the highest and
# lowest named and the spread between them
VARIATION_CUES = (r"varier\w*", r"variasjon\w*", r"vary", r"varies", r"varied", r"variation\w*", r"fluctuat\w*",
                  r"sving\w*", r"spredning\w*", r"spread", r"range", r"skilde seg", r"skilte seg", r"differed")
VARIATION_STEMS = {stem(w) for w in """varierte variere varierer varierte variert variasjon variasjonen vary varies
varied variation fluctuate fluctuated fluctuation svingte svinga svingning svingningar spredning spredningen spread
range skilde skilte differed""".split()}


# "flere saker i januar enn i desember", "compare Q1 with Q3": two periods side by side, each count and the difference
# two exports named with a comparison: a count of each
# "did X raise more tickets in A or in B?", "flest i A eller B": the "or" of a choice between exports, not their sum
MORE_IN_WHICH = (r"more", r"fewer", r"less", r"most", r"fewest", r"flere", r"fleire", r"færre", r"flest", r"færrest",
                 r"mest", r"higher", r"lower")
SYSTEMS_CHOICE = (r"eller", r"or", r"enten", r"either")
SUM_TOTAL_CUES = tuple(c for c in TOTAL_CUES if c not in (r"eller", r"or", r"either", r"enten"))
SYSTEMS_COMPARED = (r"compar\w*", r"sammenlign\w*", r"samanlikn\w*", r"jämför\w*", r"versus", r"vs\.?", r"mot")
TWO_PERIODS_COMPARED = (r"flere", r"fleire", r"færre", r"more", r"fewer", r"compar\w*", r"sammenlign\w*",
                        r"samanlikn\w*", r"vs\.?", r"versus", r"against", r"forskjell\w*", r"differen\w*", r"mot",
                        r"i forhold til", r"relative to", r"kontra", r"jamført med", r"jämfört med", *DEVIATION_CUES)


def in_ranges(column: str, ranges) -> str:
    """SQL: the date `column` in any of the date ranges (a period's `ranges()`); the one home of this clause for the
    ticket families."""
    return "(" + " or ".join(f"{column} between date '{a}' and date '{b}'" for a, b in ranges) + ")"


def _periods_named(p) -> int:
    """How many periods of one grain the question names (months, quarters, halves, weeks, else years); a part of a
    year named in two years is two periods ("mars 2024 mot mars 2023", "Q3 2024 og samme kvartal året før")."""
    named = max(len(p.months), len(p.quarters), len(p.halves), len(p.weeks), len(p.years) if not (
        p.months or p.quarters or p.halves or p.weeks) else 0)
    if p.years and not (p.month_span or p.quarter_span):
        named = max(named, len(p.ranges()))
    return named


# words that widen what is counted rather than filter it ("alle statuser medregnet", "også spam", "including spam",
# "uansett status"): every ticket of the exports asked is counted, and the answer says so
WIDEN_CUES = (r"(?:alle|samtlige|all|every) status(?:er|ar|es)?(?: er| are)? (?:medregnet|medrekna|inkludert|included|"
              r"counted|med)", r"(?:også|og|inkludert|inkl|medregnet|medrekna|med) (?:\w+ )?spam\w*",
              r"spam\w* (?:medregnet|medrekna|inkludert|included|counted|også|too)", r"(?:including|incl|also) (?:\w+ )?spam",
              r"(?:uansett|uavhengig av|uavhengig|same kva|regardless of|whatever (?:the|their)) (?:\w+ )?status\w*",
              r"including all statuses", r"(?:inkludert|medregnet) alle statuser")


def widening_words(q: Question) -> set[str]:
    """The words (and stems) of the phrases that widen what is counted (WIDEN_CUES): no filter, no unknown word."""
    out: set[str] = set()
    for m in re.finditer("|".join(WIDEN_CUES), q.text):
        out |= {x for w in words(m.group(0)) for x in (w, stem(w))}
    return out


# ... or the rate of tickets that have a property ("first call resolution rate", "løsningsraten"): a share of them
SHARE_CUES = (r"andel\w*", r"prosent\w*", r"share", r"percent\w*", r"proportion", r"hvor stor del", r"kor stor del",
              r"%", r"rate", r"rates", r"raten", r"\w+s?raten")
SHARE_STEMS = {stem(w) for w in """andel andelen andelar prosent prosenten prosentdel share percent percentage
proportion del stor rate raten""".split()}


def span_label(q: Question, years) -> str | None:
    """The label of the pooled row of a range of years written as one ("2023-2024", "fra 2023 til 2024":
    "2023–2024 samlet"), or None when the years were not written as a range."""
    years = sorted(set(years or ()))
    if not q.period.year_span or len(years) < 2 or years != list(range(years[0], years[-1] + 1)):
        return None
    word = {"en": "combined", "nn": "samla"}.get(q.lang, "samlet")
    return f"{years[0]}–{years[-1]} {word}"


def _share_reading(q: Question, tv, base: list[str], conds: list[str], interpretation: str, chosen,
                   note: str = "", pooled: bool = False, grain: str | None = None, compared: bool = False,
                   span: str | None = None) -> Reading:
    """"Hvor mange prosent av sakene kom via e-post?": the tickets that match, of all tickets in the period. Several
    source systems loaded and none named: one share per system (named by its export), never one summed across them.
    `grain`: one share per period of it ("andel kritiske saker 2023 mot 2024"); `compared`: and the change from the
    period before, in percentage points."""
    en = q.lang == "en"
    match = " and ".join(conds)
    systems = chosen or list(getattr(tv, "sources", []) or [])
    # an organisation's share is of every export's tickets with a customer: one key across the exports (pooled)
    per_source = len({s.system for s in systems}) > 1 and not pooled
    figures = (f"count(*) filter (where {match}) as tickets, count(*) as tickets_all,\n"
               f"  round(100.0 * count(*) filter (where {match}) / nullif(count(*), 0), 1) as share_pct\n")
    exprs, keys = _grain_expr(grain, "created_date") if grain else ([], [])
    periods = "".join(f"{e} as {c}, " for e, c in zip(exprs, keys))
    where = [*base, "t.created_date is not null"] if grain else base
    if per_source:
        sql = ("select t.source_system, string_agg(distinct regexp_replace(t.source_file, '^.*[/\\\\]', ''), ', ') "
               "as export,\n  " + periods + figures + "from fct_ticket as t\nwhere " + "\n  and ".join(where)
               + "\ngroup by " + ", ".join(["1", *(str(3 + k) for k in range(len(keys)))])
               + "\norder by " + ", ".join(["1", *keys]))
    elif grain:
        sql = ("select " + periods + figures + "from fct_ticket as t\nwhere " + "\n  and ".join(where)
               + "\ngroup by " + ", ".join(str(1 + k) for k in range(len(keys))) + "\norder by " + ", ".join(keys))
    else:
        sql = "select " + figures + "from fct_ticket as t\nwhere " + "\n  and ".join(where)
    if grain and compared:
        over = ("partition by source_system " if per_source else "") + "order by " + ", ".join(keys)
        sql = (f"select *, round(share_pct - lag(share_pct) over ({over}), 1) as change_pp\nfrom (\n{sql}\n) as shares"
               f"\norder by {'source_system, ' if per_source else ''}{', '.join(keys)}")
    span = span if grain == "year" and not per_source and not compared else None
    if span:
        # "andel … i 2023-2024": each year's share, and the share over the whole range (of its tickets pooled, no
        # mean of the years' shares) as a row of its own
        sql = (f"with shares as (\n{sql}\n)\nselect year, tickets, tickets_all, share_pct, cast(year as varchar) as "
               f"period from shares\nunion all\nselect null, sum(tickets), sum(tickets_all), round(100.0 * sum(tickets) "
               f"/ nullif(sum(tickets_all), 0), 1), {sql_str(span)} from shares\norder by year nulls last")
    interp = ("share of tickets: " if en else "andel av sakene: ") + interpretation.split(", ", 1)[-1]
    if per_source:
        interp += ", per source system" if en else ", per kildesystem"
    if span:
        interp += f", {span}" if en else f", og {span}"

    def sentence(columns, rows, lang):
        return _shares(columns, rows, lang) + note

    def one(i, r, e):
        return (f"{format_number(r[i['share_pct']], 1)} % ({format_number(r[i['tickets']])} "
                f"{'of' if e else 'av'} {format_number(r[i['tickets_all']])} {'tickets' if e else 'saker'})")

    def _shares(columns, rows, lang):
        e = lang == "en"
        i = {c: k for k, c in enumerate(columns)}
        if grain:
            def when(r):
                if "period" in i and r[i["period"]]:
                    return str(r[i["period"]])
                return _label(keys, [r[i[c]] for c in keys], e)
            where_ = (lambda r: f"«{r[i['export']]}» ") if per_source else (lambda r: "")
            out = f"{interp}: " + "; ".join(f"{where_(r)}{when(r)}: {one(i, r, e)}" for r in rows[:24])
            changes = [f"{where_(r)}{when(r)} {'+' if r[i['change_pp']] >= 0 else '−'}"
                       f"{format_number(abs(r[i['change_pp']]), 1)}" for r in rows[:24]
                       if "change_pp" in i and r[i["change_pp"]] is not None]
            if changes:
                out += ((f"; change from the period before: {', '.join(changes)} percentage points") if e else
                        (f"; endring fra perioden før: {', '.join(changes)} prosentpoeng"))
            return out + "."
        if per_source:
            name = "export" if "export" in i else "source_system"
            return f"{interp}: " + "; ".join(f"«{r[i[name]]}»: {one(i, r, e)}" for r in rows) + "."
        n, total, pct = rows[0]
        return (f"{format_number(pct, 1)} % ({interp}: {format_number(n)} of {format_number(total)} tickets)."
                if e else
                f"{format_number(pct, 1)} % ({interp}: {format_number(n)} av {format_number(total)} saker).")
    return Reading(NAME, source_label(chosen, en, "fct_ticket"), sql, interp, sentence=sentence)


def _state_names(q: Question) -> tuple[set[str], set[str]]:
    """The states a question names by their names ("still open (New, In Progress or On Hold)": new, open, pending) and
    the stems of those names' words: the states it means, said again, never a source or a field the exports lack."""
    from flows.tickets.presets import normalise_status, status_words

    names = status_words()
    qwords = words(q.text)
    states: set[str] = set()
    stems: set[str] = set()
    for n in (3, 2, 1):
        for i in range(len(qwords) - n + 1):
            if (phrase := " ".join(qwords[i:i + n])) in names:
                states.add(str(normalise_status(phrase)))
                stems |= {stem(w) for w in qwords[i:i + n]}
    return states, stems


def leftover_words(q: Question, known_stems: set[str]) -> list[str]:
    """Words of the question that nothing known explains (a field the exports lack: "satisfaction")."""
    from app.engine.wordforms import STOPWORDS, is_filler

    leftover = []
    cue_words = _source_cue_words(q) | harmless_words(q)
    for w in words(q.text):
        if w.isdigit() or len(w) < 3 or w in cue_words or is_filler(w):
            continue  # a filler verb ("utgjør", "brukt") or a word naming the exports themselves ("hendingsloggen")
        if placed(w, known_stems) or w in STOPWORDS:
            continue
        leftover.append(w)
    return leftover


# a value left out written after it ("annullerte saker skal ikke telles", "cancelled tickets are not counted"): the
# phrase says how to count, the value it follows is the filter (negated_columns)
EXCLUDED_AFTER = (r"(?:(?:skal|skall|should|shall|must|are|is|blir|vert|er|to)?\s*(?:ikke|ikkje|not|inte)\s+(?:be\s+)?"
                  r"(?:telles|tellast|teljast|telt|talt|tas med|takast med|medregnes|regnes med|reknast med|counted|"
                  r"included|taken into account|med)"
                  # "(removed items excluded)", "fjernede holdes utenfor"
                  r"|(?:(?:are|is|blir|vert|er|skal|should be|be)\s+)?(?:excluded|left out|omitted|utelatt|utelatne|"
                  r"ekskludert|holdt utenfor|haldne utanfor|halde utanfor|holdes utenfor|haldast utanfor))")
# the words before a value left out ("not Major", "unntatt Skole"; negated_columns)
NEGATORS = (r"(?:not|ikke|ikkje|except|excluding|unntatt|utenom|other than|andre enn|bortsett fra|without|uten|utan|"
            r"minus|neither|nor|verken|hverken|korkje|eller ikke)")


# the people who send tickets, as the head of a compound whose tail is a ticket noun ("brukerhenvendelser", "kundesaker",
# "innbyggarførespurnader", "user requests"): every ticket is sent by one, so the word names the tickets themselves
SENDER_HEADS = r"(?:bruker|brukar|kunde|innbygger|innbyggjar|innbyggar|ansatt|tilsett|sluttbruker|sluttbrukar|user|" \
    r"end[\s-]?user|customer|citizen|employee)"
SENDER_TICKET_NOUN = (SENDER_HEADS + r"(?:s|e)?[\s-]?(?:sak(?:er|en|ene|a|ane)?|henvendels(?:e|er|en|ene)|"
                      r"henvending(?:a|ar|ane)?|førespurnad(?:er|ar|en|ene|ane)?|forespørs(?:el|ler|elen|lene)|"
                      r"tickets?|requests?|cases?|issues?)")


# Phrases that say nothing to filter on: how to add up ("summert over alle systemene", "samanlagt", "i alt"), the
# reading rule restated ("rekna fram til siste løysing", "counted to the last resolution"), and the name of a provider
# body written with an IT or company form ("<Navn> IKT", "<Navn> IKS"): the organisation whose desks the exports are
# from, when no filter took it (a customer so named is a filter; one that asks tickets *from* it is refused by
# ticket_unknown_customer). A municipality ("<Navn> kommune") is never read so.
# "<organisation>'s service desk", "help desk": the desk the tickets were logged at, no field and no export's name
DESK_PHRASE = r"(?:service|help|support)[\s-]?desk\w*"
HARMLESS_PHRASES = (
    EXCLUDED_AFTER,
    DESK_PHRASE,
    # "fordeling mellom hendingar og førespurnader", "the split between incidents and requests": the values listed are
    # the breakdown's
    r"(?:fordeling\w*|fordelt|distribution|split|breakdown|balance)\s+(?:mellom|between)",
    r"(?:summert|summerte|summed|added|lagt sammen|lagt saman|samla|samlet|totalt)\s+(?:opp\s+)?(?:over|for|på|across)"
    r"\s+(?:alle|samtlige|all|every|heile|hele)(?:\s+(?:de|dei|the))?\s+\w+",
    r"samanlagt", r"sammenlagt", r"alt i alt", r"i alt", r"all in all", r"in total",
    # what a telephony or CRM log calls its rows ("contacts", "calls", "anrop"): a ticket noun, unless a value took it
    r"contacts?", r"calls?", r"anrop\w*", r"samtal(?:e|er|ar|ane|ene)", r"conversations?", r"kontakt(?:er|ar|ane|ene)",
    r"(?:rekna|regnet|rekne|regne|beregnet|berekna|talt|telt|målt|counted|computed|calculated|measured|taken|timed)"
    r"\s+(?:fram\s+|frem\s+|up\s+)?(?:til|to|until|up to)\s+(?:den\s+|the\s+)?(?:siste|last|final|endelige|endelege)"
    r"\s+\w+",
    r"(?:til|to|until)\s+(?:den\s+|the\s+)?(?:siste|last|final)\s+(?:løsning\w*|løysing\w*|resolution|lukking\w*|closing)",
    # the operations a desk's tickets belong to ("IKT-driften", "driften", "IT operations"): the IT service itself,
    # never a field or an export (the indefinite "drift" stays a word report measures may hold: "driftssaker")
    r"(?:(?:ikt|it|ict)\s+)?(?:drift(?:en|a)|operations)",
    # who sent the tickets written into a ticket noun ("brukerhenvendelser", "kundesaker", "innbyggjarførespurnader",
    # "user requests"): the tickets themselves, no field named
    SENDER_TICKET_NOUN,
)
_OWNER = re.compile(r"(?<![\wæøåÆØÅ])((?:[A-ZÆØÅ][\wæøåÆØÅ'.-]*\s+){0,2}[A-ZÆØÅ][\wæøåÆØÅ'.-]*)\s+"
                    r"(?:IKT|IT|ICT|Drift|IKS|AS|ASA)(?:\s+(?:IKS|AS|ASA))?(?![\wæøåÆØÅ])")
_NOT_OWNER = frozenset("""hvilken hvilke hvilket kva kvar kven hver alle hvor kor which what each every how many antall
the den det de dei i in of for fra frå from""".split())


def owner_names(q: Question) -> list[str]:
    """Names of a provider body the question writes with an IT or company form ("Fjordlys IKT", "Fjordlys IKT IKS",
    "Fjordlys IKS"), each whole as written."""
    out = []
    for m in _OWNER.finditer(q.raw):
        parts = m.group(1).split()
        while parts and parts[0].lower() in _NOT_OWNER:
            parts = parts[1:]
        if parts:
            out.append(m.group(0)[m.group(0).index(parts[0]):])
    return out


def owner_words(q: Question) -> set[str]:
    """The words of a provider body written as the owner of the desks ("<system>-lista til Fjordlys IKT", "the
    exports of Fjordlys IKT"): no export's name and no customer. Written as an export's name ("i Fjordlys
    IKT-regnearket") it is neither."""
    return {w for name in owner_names(q) if re.search(r"(?:til|hos|hjå|ved|for|of|at|by|with)\s+" + re.escape(name)
                                                     + r"(?![\w-])", q.raw, flags=re.IGNORECASE)
            for w in words(name.lower())}


# the organisation asked as the sender of tickets, said right beside its name: "fra <X>", "meldt av <X>", "reported by
# <X>", "<X>'s own tickets", "<X> sine eigne saker"
_SENDER_BEFORE = (r"(?:fra|frå|from|(?:meldt|melde|meldte|innmeldt|sendt|sende|sendte)(?:\s+inn)?\s+av|"
                  r"(?:sent|reported|raised|submitted)\s+by|som kunde|as (?:a )?customer|kunden|the customer)")
# "eksporten fra <X>", "the export from <X>": the export's owner, no sender (fixed-width for a lookbehind)
_EXPORT_BEFORE_FROM = "".join(rf"(?<!{w}\s)" for w in ("eksporten", "exporten", "export", "eksport", "uttrekket",
                                                         "uttrekk", "exports", "eksportane", "eksportene"))
_SENDER_AFTER = r"(?:'s|s)?\s+(?:(?:sine|sin|sitt|their|its)\s+)?(?:own|egne|eigne|interne?|internal)(?![\wæøå])"
# the words of a provider's form or of its own part ("<Navn> IKT", "<Navn> IKT (intern)"): shared by many bodies, they
# tell no owner from another
_PROVIDER_FORMS = frozenset({"ikt", "it", "ict", "drift", "iks", "as", "asa", "intern", "internal", "kommunal", "del"})


def export_naming_words(q: Question, tv, name_words) -> set[str]:
    """Of an organisation's words as the question writes them (stems or words), those that name some ticket export
    by its file name or title ("Hallingdal" of <system>_hallingdal_ikt_tickets.json): the organisation is the owner of
    that export (the service desk, IT company or municipality whose export it is), not one customer of it. Never a word
    of a body's kind or form ("kommune", "IKT"), one every export's name has, or one the question says sent the tickets
    ("fra <X>", "meldt av <X>", "<X>'s own tickets"): a customer then."""
    from app.engine.names import distinctive_name_words

    sources = list(getattr(tv, "sources", []) or [])
    if not sources:
        return set()
    qwords = set(words(q.text))
    qwords |= {stem(w) for w in qwords}
    # a name of two words a file writes as one ("Nord-Troms IKT" of nordtroms_ikt_<system>.csv): the pair, joined
    written = set(qwords)
    parts = {"".join(ws): ws for ws in _adjacent_words(q.text) if len(ws) == 2}
    qwords |= set(parts)
    # (the name's own words, as a value matched them, written in a row: "nord", "troms" of a customer «Nord-Troms IKT»)
    name_words = set(name_words) | {j for j, ws in parts.items() if set(ws) <= set(name_words)
                                    or {stem(x) for x in ws} <= set(name_words)}
    out = set()
    for w in distinctive_name_words(set(name_words)) & qwords:
        if w in _PROVIDER_FORMS or len(w) < 3:
            continue
        # (a pair written as one names an export only as its very word: "fjellnett" + "ikt" is no other name)
        named = [s for s in sources if (any(ascii_name(w) == ascii_name(sw) for sw in s.words) if w in parts
                                         and w not in written else any(_names_word(w, sw) for sw in s.words))]
        if named and (len(named) < len(sources) or len(sources) == 1):
            out.add(w)
    if not out:
        return out
    low = q.raw.lower()
    for w in out:
        n = (r"[\s-]?".join(re.escape(p) for p in parts[w]) if w in parts else re.escape(w)) + r"[\wæøå'-]*"
        if re.search(r"(?<![\wæøå])" + _EXPORT_BEFORE_FROM + _SENDER_BEFORE
                     + r"\s+(?:[\wæøå'-]+\s+){0,2}?" + n, low) \
                or re.search(r"(?<![\wæøå])" + n + r"(?:\s+[\wæøå-]+){0,2}?" + _SENDER_AFTER, low):
            return set()
    return out


def owner_organisations(q: Question, vocab, tv, keys) -> set[str]:
    """The organisations of `keys` the question names as the owner of an export (export_naming_words), by any of the
    names the data knows them by: their tickets are that export's, not a customer's."""
    names: dict[str, set[str]] = {}
    for name, key in (getattr(vocab, "organisations", {}) or {}).items():
        if key in keys:
            names.setdefault(key, set()).update(_with_joined_pairs(words(name)))
    for key in keys:
        names.setdefault(key, set()).update(
            _with_joined_pairs(words(str((getattr(vocab, "organisation_names", {}) or {}).get(key, key)))))
    return {k for k in keys if export_naming_words(q, tv, names[k] | {stem(w) for w in names[k]})}


def _with_joined_pairs(ws: list[str]) -> set[str]:
    """A name's words and every two of them in a row written as one ("nord", "troms" -> "nordtroms"): the form a
    file name gives a name of two words."""
    return set(ws) | {a + b for a, b in zip(ws, ws[1:])}


def negated_columns(q: Question, filters: dict[str, list[str]], tv) -> set[str]:
    """The filter columns the question leaves out rather than asks: a value (as exported, or a word glossing it:
    "annullerte" for cancelled) after a negation ("not Major", "unntatt Skole", "ikke avviste") or before a phrase
    saying it is not counted ("annullerte saker skal ikke telles")."""
    aliases = getattr(tv, "value_aliases", {}) or {}
    out = set()
    for col, values in filters.items():
        names = {str(v).lower() for v in values}
        names |= {w.lower() for w, v in aliases.get(col, {}).items() if v in values and len(w) >= 4}
        for name in names:
            # the value's word in any inflection ("uten fjernede" for the state word "fjernet")
            root = stem(name) if len(stem(name)) >= 4 and " " not in name else name
            n = re.escape(root) + r"\w*" if root != name else re.escape(name)
            if q.has(NEGATORS + r"\s+(?:\w+\s+)?" + n, n + r"\w*\s+(?:[\w-]+\s+){0,2}?" + EXCLUDED_AFTER):
                out.add(col)
                break
    return out


def harmless_words(q: Question) -> set[str]:
    """The words of HARMLESS_PHRASES found in the question (lower case): never a field the exports lack."""
    text = " ".join(words(q.raw.lower()))  # as asked: a family may have masked the words it took from q.text
    out = {w for pat in HARMLESS_PHRASES for m in re.finditer(r"(?<!\w)" + pat + r"(?!\w)", text)
           for w in words(m.group(0))}
    return out | {w for name in owner_names(q) for w in words(name.lower())}


def placed(w: str, known_stems: set[str]) -> bool:
    """The word is one of the known stems, in some form: the stem itself, the start of a known one, a derived form of
    one ("registration" of "registrert") or a compound of known words ("telefonsaker", "prioritetsfordeling"), never
    a compound whose rest is unknown ("kundetilfredshet")."""
    s = stem(w)
    if s in known_stems or w in known_stems:
        return True
    if any(s.replace(nn, nb) in known_stems for nn, nb in NYNORSK_PARTS if nn in s):
        return True  # the word spelt in bokmål ("reiserekningssaker": «Reiseregning» placed it)
    if any(k.startswith(s) and len(s) >= 4 for k in known_stems):
        return True
    roots = [s[:-len(e)] for e in _ENDINGS if s.endswith(e) and len(s) - len(e) >= 5]
    if any(k.startswith(r) for r in roots for k in known_stems):
        return True
    return any(s.startswith(k) and len(k) >= 4 and _known_rest(s[len(k):], known_stems) for k in known_stems)


def _source_cue_words(q: Question) -> set[str]:
    """The words the question uses to name the exports, as the cues read them ("hendingsloggen", "the event log",
    "saksloggen"): never a field the exports lack. Ticket nouns that report measures share ("saksmengde") are not
    among them, so a question the reports answer is still left to them."""
    cues = [c for c in EVENT_LOG_CUES + EXPORT_CUES if not c.startswith("\\w")]
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(cues) + r")(?!\w)")
    return {w for m in pattern.finditer(q.text) for w in words(m.group(0))}


# what follows a known word in its own inflections ("prioritets", "kategoriane"); "day" of "weekday" is a word
_INFLECTIONS = frozenset("s e r n t a er en et ar ne ene ane ers es te ta ts ens ets".split())
WEEKDAY_CUES = (r"ukedag\w*", r"vekedag\w*", r"weekdays?", r"day of (?:the )?week", r"days of (?:the )?week")
WEEKDAY_STEMS = {stem(w) for w in ("ukedag", "ukedagen", "ukedager", "vekedag", "vekedagen", "weekday", "weekdays",
                                   "day", "days", "dag", "dagen", "dager")}
_ENDINGS = frozenset("""ation ations ering eringer ing ings ion ions ment ments else elsen ning ninga ningen ninger
ende ene ane erne""".split())


def _known_rest(rest: str, known_stems: set[str]) -> bool:
    """The rest of a compound after a known first part: an ending, or (after a linking -s-/-e-) a known word."""
    if rest in _INFLECTIONS or rest in _ENDINGS:
        return True
    for part in (rest, rest[1:]):
        if part in known_stems or stem(part) in known_stems or any(part.startswith(k) and len(k) >= 4
                                                                  for k in known_stems):
            return True
    return False


def only_tickets(vocab) -> bool:
    """The warehouse holds ticket exports and no report at all (no document, no governed figure): every question is
    about the tickets, even one that names no ticket word ("How far did Q4 2024 deviate from the average quarter?")."""
    data = vocab.data
    return bool(data is not None and data.tickets is not None and data.tickets.rows and not data.documents
                and not getattr(vocab, "coverage", None) and not data.prose_figures and not data.account_years
                and (data.cells is None or not data.cells.years) and not data.event_years)


# Words a helpdesk export or its users write for a state or a figure, read as the words the ticket families know
# (only in a ticket question: "fullført" in a report question keeps its own meaning). "fullført ved utgangen av 2025"
# = resolved by then; "completed" = resolved; "ferdigstilt" = resolved.
TICKET_SYNONYMS = {
    "fullført": "løst", "fullførte": "løste", "fullførd": "løyst", "fullførde": "løyste", "fullførast": "løysast",
    "fullføres": "løses", "ferdigstilt": "løst", "ferdigstilte": "løste", "ferdigstillt": "løst",
    "completed": "resolved", "complete": "resolved", "completion": "resolution", "finished": "resolved",
    "ufullført": "uløst", "ufullførte": "uløste", "uncompleted": "unresolved", "incomplete": "unresolved",
}
_SYNONYM_WORDS = re.compile(r"(?<!\w)(" + "|".join(sorted(TICKET_SYNONYMS, key=len, reverse=True)) + r")(?!\w)")


def ticket_wording(q: Question, vocab) -> Question:
    """The question as the ticket families read it: the words of TICKET_SYNONYMS replaced by the words they stand for,
    when the warehouse holds tickets and the question is about them; else the question itself."""
    if not _SYNONYM_WORDS.search(q.text) or not is_ticket_question(q, vocab):
        return q
    text = _SYNONYM_WORDS.sub(lambda m: TICKET_SYNONYMS[m.group(1)], q.text)
    return dataclasses.replace(q, text=text)


def is_ticket_question(q: Question, vocab) -> bool:
    tv = vocab.data.tickets if vocab.data else None
    if tv is None or not tv.rows:
        return False
    if q.has(*TICKET_CUES) or only_tickets(vocab):
        return True
    if any(p in q.text.split() or f"{p}-" in q.text for p in tv.id_prefixes):
        return True
    if q.has(*EXPORT_CUES) and selected_sources(q, tv)[1]:
        return True  # "i Jira-eksporten": an export named by its own words
    if system_named(q, tv) or len(getattr(tv, "sources", ()) or ()) > 1 and q.has(*ALL_SOURCES):
        return True  # "in ServiceNow", "i TOPdesk", "across all the systems": only the exports name them
    if any(q.has(*cues) for cues in FORMAT_CUES.values()) and selected_sources(q, tv)[1]:
        return True  # "i regnearket": an export named by its file kind
    if q.has(*BUSY_CUES) and q.has(*(c for cues in GRAIN_NOUNS.values() for c in cues), *WEEKDAY_CUES,
                                  r"hour of (?:the )?day", r"time på døgnet", r"timen på døgnet"):
        return True  # "the busiest month", "den travleste dagen": a workload over time, which only the tickets give
    if q.has(*RANK_HIGH, *RANK_LOW) and q.has(r"hvilke[nt]?", r"which", r"kva"):
        # "hvilken kategori er minst brukt", "which channel is used most": a field only the exports fill, ranked
        dim, col, _ = _dimension_asked(q, tv)
        if dim and dim not in ("customer", "system") and len(tv.raw_values.get(col, ())) >= 2:
            return True
    return q.has(*EVENT_LOG_CUES, *LIFETIME_CUES)


DAY_STEMS = {stem(w) for w in ("dag", "dagen", "dager", "dagar", "dagene", "dagane", "day", "days", "date", "dates",
                                "dato", "datoen", "døgn", "døgnet", "single", "calendar")}
BUSY_CUES = (r"busiest", r"quietest", r"travleste", r"travlaste", r"travlest", r"travlast", r"roligste", r"rolegaste",
             r"peak")


# "lukket i 2012", "løyste i første kvartal", "resolved during May": a state reached in a period
# the group a ticket was created in ("the queue they were created in", "køen saka vart oppretta i", "første kø")
AT_CREATION = (r"(?:queues?|kø\w*|groups?|grupp\w*|teams?)\s+(?:\w+\s+){0,3}?(?:were|was|is|are|ble|vart|blei|er|var)?\s*"
               r"(?:created|opened|registered|logged|opprettet|oppretta|registrert|åpnet|opna)\s+(?:in|i)(?!\s+\d)",
               r"(?:første|fyrste|first|initial|original|opprinnelig\w*|opphavleg\w*)\s+(?:queue|kø|group|gruppe|team)\w*",
               r"(?:queue|kø|group|gruppe|team)\w*\s+(?:at|ved)\s+(?:creation|opprett\w*|registrering\w*)")
STATE_IN_PERIOD = (r"(?:lukk|løs|løys|resolv|clos|ferdigmeld)\w*\s+(?:i løpet av|i|in|during)\s+(?:the\s+)?"
                   r"(?:(?:19|20)\d\d|q[1-4]|[1-4]\.|første|andre|tredje|fjerde|fyrste|first|second|third|fourth|"
                   r"last|siste|jan\w*|feb\w*|mar\w*|apr\w*|mai|may|jun\w*|jul\w*|aug\w*|sep\w*|okt\w*|oct\w*|"
                   r"nov\w*|des\w*|dec\w*|uke|veke|week|kvartal\w*|quarter)",)
# "fra opprettelse til lukking", "from creation to resolution": a ticket's lifetime is ticket language
LIFETIME_CUES = (r"(?:fra|frå|from) (?:opprett\w*|creation|registrering\w*|registration|innmelding\w*) "
                 r"(?:til|to) (?:lukk\w*|løs\w*|løys\w*|closing|closure|resolution|ferdigmeld\w*|completion|fullfør\w*)",)


def _dimension_asked(q: Question, tv) -> tuple[str | None, str | None, str | None]:
    """(dimension, column, the words) of "fordelt på prioritet", "per kommune", "which priority". A field right
    after "which/hvilken" wins ("which customer had the most priority A tickets": customers, priority A a filter)."""
    for dim, (cues, columns) in DIMENSIONS.items():
        col = next((c for c in columns if c in tv.columns), None)
        if col is not None and q.has(r"(?:hvilke\w*|which|kva|kven|who)\s+(?:\w+\s+)?(?:" + "|".join(cues) + r")"):
            return dim, col, dim
    for dim, (cues, columns) in DIMENSIONS.items():
        # "the most common priority", "den vanligste prioriteten", "the busiest customer site": a ranking of the field
        col = next((c for c in columns if c in tv.columns), None)
        if col is not None and q.has(r"(?:" + "|".join(COMMONEST) + r")\s+(?:\w+\s+)?(?:" + "|".join(cues)
                                     + r")"):
            return dim, col, dim
    for dim, (cues, columns) in DIMENSIONS.items():
        col = next((c for c in columns if c in tv.columns), None)
        if col is None:
            continue
        # "top 3 assignment groups", "de fem kundene med flest saker": a ranking of the field
        lead = BREAKDOWN_CUES + (r"hvilke\w*", r"which", r"kva", r"prioritetene", r"the", r"topp?(?:\s+\d{1,2})?",
                                 r"(?:de|dei|the)\s+(?:\d{1,2}|to|tre|fire|fem|two|three|four|five|ten|ti)")
        if dim == "system":  # "the exports", "across all systems" name every export, not a breakdown of them
            lead = tuple(c for c in lead if c not in ("the", "across"))
            if len(tv.sources) > 1 and len(selected_sources(q, tv)[0]) == 1 and any(
                    q.has(r"(?:" + "|".join(cues) + r")\s*/\s*(?:" + "|".join(c) + r")",
                          r"(?:" + "|".join(c) + r")\s*/\s*(?:" + "|".join(cues) + r")")
                    for d, (c, cols) in DIMENSIONS.items() if d != "system" and any(x in tv.columns for x in cols)):
                # "på kjelde/kanal" of one export: the other field the slash names (its «Kilde» is the channel), never
                # a breakdown of the one export by export
                continue
        # ("på kjelde/kanal": a field written two ways, the second after a slash)
        pattern = r"(?:" + "|".join(lead) + r")\s+(?:\w+\s+|\w+\s*/\s*)?(?:" + "|".join(cues) + r")"
        # a compound or a noun: "prioritetsfordeling", "fordelinga på kanal", "distribution by priority"
        compound = (r"(?:" + "|".join(cues) + r")s?\s?(?:fordeling\w*|distribution)|(?:fordeling\w*|distribution)"
                    r"\s+(?:(?:av|of)\s+\S+\s+)?(?:på|etter|by|of|across)\s+(?:\w+\s+)?(?:" + "|".join(cues) + r")")
        if q.has(pattern) or q.has(compound):
            return dim, col, dim
    # "fordelinga mellom incidentar og førespurnader", "the split between incidents and requests": two or more values of
    # one field listed after the split are that field's breakdown (the values listed are the breakdown's)
    split = re.search(r"(?:fordeling\w*|distribution|split|balance)\s+(?:mellom|between)\s+(.{3,120})", q.text)
    if split:
        from app.engine.wordforms import question_terms

        listed = question_terms(split.group(1), frozenset().union(*(i.known for i in tv.values.values())))
        for dim, (_, columns) in DIMENSIONS.items():
            col = next((c for c in columns if c in tv.columns and c in tv.values), None)
            if col is None or dim in ("status", "priority"):
                continue
            labels = {x.label for x in tv.values[col].match(listed, min_cover=1.0) if x.matched >= 1}
            if len(labels) >= 2:
                return dim, col, dim
    # the field named by its export's own header ("på type" of «Work Item Type», "which help topic" of «Help Topic»)
    lead = BREAKDOWN_CUES + COMMONEST + (r"på", r"hvilke\w*", r"which", r"what", r"kva", r"kvar")
    cue_words = re.compile("|".join(c for cues, _ in DIMENSIONS.values() for c in cues))
    for dim, (_, columns) in DIMENSIONS.items():
        col = next((c for c in columns if c in tv.columns), None)
        if col is None or dim not in HEADER_DIMENSIONS:
            continue
        # (a word that is a field's own cue keeps that cue's rules: "in the group X" filters, "by group" breaks down)
        for w in sorted(x for x in header_words(tv, col) if not cue_words.fullmatch(x)):
            if q.has(r"(?:" + "|".join(lead) + r")\s+(?:[\w-]+\s+){0,2}?" + re.escape(w) + r"\w*",
                     re.escape(w) + r"\w*s?\s?(?:fordeling\w*|distribution)"):
                return dim, col, dim
        # the header named by another word of its family or language ("by service area" of «Tjenesteområde», "på
        # sakstype" of «Type»: ticket_attributes.HEADER_WORDS), when no other field's header has that word
        from app.engine.families.ticket_attributes import header_named

        own = header_words(tv, col)
        for h in (getattr(tv, "field_headers", {}) or {}).get(col, ()):
            if ({stem(w) for w in words(h.lower())} & own or _header_of_chosen(q, tv, h) == col) \
                    and header_named(q, h, "|".join(lead)):
                return dim, col, dim
    return None, None, None


# the breakdowns a question may name by an export's header; words of a header that name no field of their own
HEADER_DIMENSIONS = ("category", "subcategory", "channel", "group")
HEADER_COLUMNS = ("category", "subcategory", "channel", "assignment_group")
HEADER_NOISE = frozenset("""id nr no number nummer date dato time tid name navn value verdi the of and og i in by for
source kilde system item element record level nivå code kode""".split())


def _header_of_chosen(q: Question, tv, header: str) -> str | None:
    """The one column the exports the question names read the header into (a «Type» that is one export's category and
    another's channel is the category of the export named), else None."""
    chosen, _ = selected_sources(q, tv)
    if not chosen or len(chosen) == len(getattr(tv, "sources", ()) or ()):
        return None
    per_file = getattr(tv, "file_field_headers", {}) or {}
    cols = {c for s in chosen for f in s.files for c, hs in per_file.get(f, {}).items() if header in hs
            and c in HEADER_COLUMNS}
    return next(iter(cols)) if len(cols) == 1 else None


def _header_value_only(tv, chosen, column: str, values) -> bool:
    """Every value is written with words of the header the chosen exports read into the column, and no ticket of
    theirs holds it."""
    per_file = getattr(tv, "file_field_headers", {}) or {}
    heads = {w for s in chosen for f in s.files for h in per_file.get(f, {}).get(column, ()) for w in words(h.lower())}
    held = (getattr(tv, "value_systems", {}) or {}).get(column, {})
    mine = {s.system for s in chosen}
    return bool(heads) and all(set(words(str(v).lower())) <= heads and not held.get(v, frozenset()) & mine
                               for v in values)


def header_words(tv, column: str) -> set[str]:
    """The words (stems, three letters or more, no figure) of the export headers read into a column
    (TicketVocabulary.field_headers) that name no other field's header: "topic" of «Help Topic», "type" of «Work Item
    Type»."""
    headers = getattr(tv, "field_headers", {}) or {}
    own = {stem(w) for h in headers.get(column, ()) for w in words(h.lower().replace("_", " "))
           if len(w) >= 3 and not w.isdigit()} - {stem(w) for w in HEADER_NOISE}
    others = {stem(w) for c, hs in headers.items() if c != column and not (
        {c, column} <= {"priority", "priority_source"} or {c, column} <= {"customer_name", "customer_org"})
              for h in hs for w in words(h.lower().replace("_", " "))}
    return own - others


def _second_dimension(q: Question, tv, first_col: str | None) -> tuple[str | None, str | None]:
    """A second field joined to the first ("per kommune og prioritet", "by category and channel")."""
    for dim, (cues, columns) in DIMENSIONS.items():
        col = next((c for c in columns if c in tv.columns), None)
        if col is None or col == first_col or (col.startswith("priority") and str(first_col).startswith("priority")):
            continue
        if q.has(r"(?:og|and|,|\+)\s+(?:\w+\s+)?(?:" + "|".join(cues) + r")") and (
                tv.organisations if col == "organisation_key" else len(tv.raw_values.get(col, ()))) >= 2:
            return dim, col
    return None, None


def _names_dimension(q: Question, column: str) -> bool:
    return any(column in cols and q.has(*cues) for cues, cols in DIMENSIONS.values())


def named_organisations(q: Question, vocab, tv) -> tuple[list[str], list[str]]:
    """(customer keys, provider keys) of the organisations the question names. An organisation that runs the
    service desk the tickets were logged at ("How many tickets did <desk> register") is their provider, not one
    customer among others, unless the question says it sent them."""
    from app.engine.planner import find_organisations, find_short_organisations

    keys = list(find_organisations(q.text, vocab.organisations))
    keys += [k for k in find_short_organisations(q.raw, getattr(vocab, "short_organisations", {}) or {})
             if k not in keys]
    providers = [k for k in keys if k in getattr(tv, "providers", ()) and "provider_unit_key" in tv.columns
                 and not q.has(*CUSTOMER_CUES)]
    # an organisation whose name names an export is its owner: the export named scopes the question, no customer does
    owners = owner_organisations(q, vocab, tv, [k for k in keys if k not in providers])
    return [k for k in keys if k not in providers and k not in owners], providers


def organisation_conditions(q: Question, vocab, tv) -> tuple[list[str], set[str], list[str]]:
    """SQL conditions on fct_ticket (alias t) for the organisations named, the question stems naming them, and their
    names for the interpretation: every ticket family filters by them the same way."""
    customers, providers = named_organisations(q, vocab, tv)
    conds = ([in_list("t.organisation_key", customers)] if customers and "organisation_key" in tv.columns else []) \
        + ([in_list("t.provider_unit_key", providers)] if providers else [])
    keys = customers + providers
    names = [vocab.organisation_names.get(k, k) for k in keys]
    used = {stem(w) for n in names for w in words(n)}
    for name, key in vocab.organisations.items():
        if key in keys:
            used |= {stem(w) for w in words(name)} | set(words(name))
    return conds, used | spelled_with_letters(q, used), names


def spelled_with_letters(q: Question, used: set[str]) -> set[str]:
    """The stems of the question's words that write a name of `used` with the Norwegian letters the data's spelling
    lacks ("Øksnes" for «Oksnes kommune», read from an e-mail domain)."""
    return {stem(w) for w in words(q.text) if not w.isascii() and (ascii_name(w) in used or stem(ascii_name(w)) in used)}


# nouns for a ticket of some kind: a value holding one ("Service Request", "Incident") may be the tickets themselves
TICKET_KIND_NOUNS = ("request", "requests", "incident", "incidents", "ticket", "tickets", "case", "cases", "sak",
                     "saker", "henvendelse", "henvendelser", "forespørsel", "forespørsler", "førespurnad",
                     "førespurnader", "ärende", "ärenden", "hendelse", "hendelser", "hending", "hendingar",
                     "bestilling", "bestillinger", "bestillingar")

# "høyeste prioritet", "the highest priority", "lowest-priority": the top (bottom) level of the one priority scale
TOP_PRIORITY_HIGH = ("høyeste", "høgaste", "høgste", "highest", "top", "øverste", "høyest", "høgast")
TOP_PRIORITY = re.compile(r"(?<!\w)(" + "|".join(TOP_PRIORITY_HIGH) + r"|laveste|lågaste|lavest|lågast|lowest|nederste)"
                          r"[\s-]+(?:prioritet\w*|priority|prio)(?!\w)")


# how a ticket came in, written before a channel word ("på telefon", "via e-post", "by phone", "over the phone")
CHANNEL_PHRASES = (r"(?:kom(?:mer)? inn |meldt(?: inn)? |registrert |opened |came in |received |submitted )?"
                   r"(?:på|via|per|pr\.?|over|gjennom|by|through|over the|via the|on the) (?:e-?post\w*|e-?mail\w*|"
                   r"telefon\w*|phone\w*|chat\w*|portal\w*|web\w*|selvbetjening\w*|self-service|walk-?in|oppmøte)",)


# a field left empty ("manglar kommune", "uten kategori", "have no municipality", "der kanalen mangler", "where the
# priority is blank"): the tickets whose field is empty are counted, never a breakdown by the field
_MISSING_BEFORE = (r"(?:mangl(?:er|ar|a|et|ende|ande)|missing|lacks?|lacking|uten|utan|without|"
                   r"(?:har|hadde|have|has|had|with|med)\s+(?:ingen|inga|intet|ikkje|ikke|no)|"
                   r"(?:do|does|did)(?: not|n't) have|(?:with|med)\s+(?:an?\s+)?(?:empty|blank|tomt?))"
                   r"\s+(?:(?:a|an|any|the|noen|nokon|noko|registrert|registered|satt|oppgitt|recorded|set)\s+){0,2}")
_MISSING_AFTER = (r"\s+(?:(?:er|is|was|var|are|were|står)\s+)?(?:mangler|manglar|mangla|missing|tom|tomt|blank|empty|"
                  r"ikke satt|ikkje sett|ikke oppgitt|ikkje oppgitt|not set|unset|ikke registrert|ikkje registrert|"
                  r"not recorded|left empty|left blank)")
MISSING_STEMS = {stem(w) for w in """mangler manglar mangla manglet manglende manglande missing lack lacks lacking
uten utan without ingen inga intet no ikke ikkje not do does did have has had har hadde with med empty blank tom tomt
satt sett set unset oppgitt registrert registered recorded left der where hvor kor""".split()}


def missing_fields(q: Question, tv) -> list[tuple[str, str]]:
    """(dimension, column) of each field the question asks to be empty ("Kor mange saker manglar kommune?"). The
    customer is the customer as exported (its cell empty), never a name the warehouse could not recognise. A field
    named with a value after it ("without priority A") is that value negated, not the field empty."""
    out = []
    for dim, (cues, columns) in DIMENSIONS.items():
        col = next((c for c in columns if c in tv.columns), None)
        if col is None or dim == "system":
            continue
        if col == "organisation_key" and "customer_name" in tv.columns:
            col = "customer_name"
        names = "(?:" + "|".join(cues) + ")"
        valued = r"(?!\s+(?:[a-e1-5]|p[1-5])(?!\w))"
        # "kategori mangler kommune": the missing word has an object of its own, the field before it is no subject
        objected = r"(?!\s+(?:\w+\s+)?(?:" + "|".join(c for cs, _ in DIMENSIONS.values() for c in cs) + r")(?!\w))"
        if q.has(_MISSING_BEFORE + names + valued) or q.has(names + _MISSING_AFTER + objected):
            out.append((dim, col))
    return out


def missing_condition(col: str) -> str:
    """The SQL (alias t) of a ticket whose field is empty: no value, or the customer no export named."""
    if col == "organisation_key":
        return "coalesce(t.organisation_key, 'unknown') = 'unknown'"
    return f"nullif(trim(cast(t.{col} as varchar)), '') is null"


def _paths_only(tv, col: str, systems: set[str]) -> bool:
    """The exports `systems` fill col, and (nearly) every value of it they hold is a path of two levels or more."""
    from app.engine.vocabulary import path_parts

    held = getattr(tv, "value_systems", {}).get(col, {})
    values = [v for v, owners in held.items() if owners & systems]
    return bool(values) and sum(len(path_parts(v)) >= 2 for v in values) >= 0.9 * len(values)


def _enumerated(q: Question, used: list[set[str]]) -> bool:
    """Each of several values' words (stems) is written in one list of the question: next to each other, with only a
    comma, "or", "and", "eller", "og" between ("new, open or stalled")."""
    if len(used) < 2:
        return False
    tokens = re.findall(r"[\wæøå][\w\-æøå]*|,|/", q.text)
    where = []
    for stems in used:
        at = [i for i, t in enumerate(tokens) if stem(t) in stems or t in stems]
        if not at:
            return False
        where.append(at[0])
    where.sort()
    joins = {",", "/", "or", "and", "eller", "og", "elle", "samt", "&"}
    return all(set(tokens[a + 1:b]) <= joins and b - a <= 3 for a, b in zip(where, where[1:]))


def _glossed_kind(head: str, values) -> bool:
    """`head` heads values of a field whose values are three or more kinds each written as a head, a dash and its gloss
    ("Incident - Request for Incident Resolution", "RFC - Request for Change", "RFI - Request for Information")."""
    return head in _glossed_kinds(tuple(str(v) for v in values))


@lru_cache(maxsize=256)
def _glossed_kinds(values: tuple[str, ...]) -> frozenset[str]:
    """The heads of a field's glossed kinds (_glossed_kind), once per field's values, not once per value matched."""
    from app.engine.vocabulary import glossed_head

    heads = frozenset(glossed_head(v) for v in values) - {None}
    return heads if len(heads) >= 3 else frozenset()


def _value_filters(q: Question, tv, skip_words: set[str]) -> tuple[dict[str, list[str]], set[str]]:
    """Values as exported that the question names: {column: [values]} and the question stems used."""
    import re

    filters: dict[str, list[str]] = {}
    used: set[str] = set()
    # ticket nouns are known too, so "telefonsaker" splits into "telefon" + "sak"
    nouns = frozenset(stem(w) for w in ("sak", "saker", "henvendelse", "ticket", "tickets", "issue", "case"))
    terms = q.terms(frozenset().union(nouns, *(idx.known for idx in tv.values.values())) if tv.values else nouns)
    # priority letters: "prioritet A", "priority B tickets"
    # "A-saker", "A- og B-saker", "A/B-tickets": priority letters written into the ticket noun, one class together
    compound = _letter_compound(q.text)
    number_read = False  # a priority read from a number ("priority 1", "P2")
    if compound and "priority" in tv.columns:
        filters["priority"] = [x.upper() for x in compound]
        used |= set(compound)
    # "prioritet A eller B", "priority A/B", "prio A, B og C": every letter named
    m = None if compound else re.search(r"\b(?:prioritet\w*|priority|priorities|prio)\s*'?([a-d](?:\s*-?\s*(?:/|,|eller|or|og|and|&|\+)\s*"
                  r"[a-d])*)\b", q.text)
    if m and "priority" in tv.columns:
        letters = list(dict.fromkeys(re.findall(r"[a-d]", m.group(1))))
        filters["priority"] = [x.upper() for x in letters]
        used |= set(letters)
    elif not compound and "priority" in tv.columns:
        # "priority 1", "P1 and P2 tickets", "prioritet 2": numbers on the one scale the loader maps every
        # export's priorities to (flows.tickets.presets.normalise_priority: 1 = A … 4/5 = D)
        from flows.tickets.presets import normalise_priority

        m = PRIORITY_NUMBERS.search(q.text)
        if m:
            number_read = True
            named = re.findall(r"p?[1-5]", m.group(1) or m.group(2))
            filters["priority"] = list(dict.fromkeys(normalise_priority(x) for x in named))
            used |= set(named)
    top = None
    if "priority" not in filters and "priority" in tv.columns and (top := TOP_PRIORITY.search(q.text)):
        # "saker med høyeste prioritet", "lowest-priority tickets": the highest (lowest) level the exports asked hold
        # (an export whose scale ends at "3 high" has no level above it), never a value the word resembles
        chosen, _ = selected_sources(q, tv)
        by_system = getattr(tv, "priority_by_system", {}) or {}
        held = {letter for s in chosen or [] for letter in by_system.get(s.system, {})}
        levels = sorted(held or getattr(tv, "priority_map", {}) or {}) or ["A", "B", "C", "D"]
        filters["priority"] = [levels[0] if top.group(1) in TOP_PRIORITY_HIGH else levels[-1]]
        used |= {stem(w) for w in words(top.group(0))}
    # a value written with a capital letter inside the question ("står som Resolved", "status Closed") names
    # the value as exported, even when the word is also an ordinary ticket word
    written = {t.lower() for i, t in enumerate(re.findall(r"[\wæøåÆØÅ][\w\-æøåÆØÅ]*", q.raw))
               if i and t[:1].isupper()}
    # "brukerstøtte-saker": a value written into the ticket noun names the value, even an ordinary ticket word
    hyphenated = {x for m in HYPHEN_NOUN.finditer(q.text) for x in (m.group(1), stem(m.group(1)))}
    # "var hendelser (incident)", "typen «request»": a value written in brackets or quotes is named as exported, even
    # an ordinary ticket word
    hyphenated |= {x for inner in re.findall(r"\(([^()]{1,40})\)|[«\"“]([^«»\"“”]{1,40})[»\"”]", q.raw.lower())
                   for w in words(" ".join(inner)) for x in (w, stem(w))}
    by_dim: dict[str, set[str]] = {}
    nouned: dict[str, set[str]] = {}  # the words naming a value written into a ticket noun, per field
    spent = naming_words(q, tv)
    owners = {w for w in owner_words(q) if len(w) >= 4}
    for dim, index in tv.values.items():
        if dim == "priority_source" and top is not None:
            continue  # the level the scale's end names, not a value its word resembles ("highest": «3 high»)
        if dim == "priority" and "priority" in filters:
            # "critical (priority 1)": a word naming the level the number or letter named is that level too
            aliases = getattr(tv, "value_aliases", {}).get(dim, {})
            used |= {w for x in index.match(terms, min_cover=1.0) if x.matched >= 1
                     and aliases.get(x.label, x.label) in filters["priority"] for w in x.used}
            continue
        # the words that named an export are spent on it ("i ServiceDesk Plus" is no group «Servicedesk»)
        # (unless the value is written as exported right where the question names its field: "i køen Sikkerhet" of an
        # export whose title also has the word)
        # (nor when the word is the value written into a ticket noun, "lønnssaker" of «Lønn», and an export asked
        # holds the value: the tickets of that value, even where the export's own name has the word)
        matches = [x for x in index.match(terms, min_cover=1.0) if x.matched >= 1 and (
            not _spent(x.used, spent, q) or str(x.label).lower() in written and _names_dimension(q, dim)
            and re.search(r"(?<!\w)" + re.escape(str(x.label)) + r"(?!\w)", q.raw) is not None
            or _value_noun_compound(q, tv, dim, index, x.label) or _compound_value(str(x.label), q, tv))]
        # the provider that owns the desks ("Fjordlys IKT") is no customer or value: no part of its name filters
        matches = [x for x in matches if not any(u in o for u in x.used for o in owners if len(u) >= 3)]
        if dim in ("customer_name", "organisation_key"):
            # a customer whose name names an export is that export's owner ("saker hos Hallingdal IKT" of
            # <system>_hallingdal_ikt.json): the export named scopes the question, its own customer row filters nothing
            matches = [x for x in matches if not export_naming_words(q, tv, set(x.used))]
        parts = getattr(tv, "value_parts", {}).get(dim, {})
        # a level of a path named only by a ticket word ("Sak" of «Sak/arkiv» in "sakene") names no value
        # (unless the level is the head of a list of kinds glossed by dashes, "Incident - Request for Incident
        # Resolution" beside "RFC - Request for Change": "incidents" names that kind)
        matches = [x for x in matches if x.label not in parts or not set(x.used) <= GENERIC
                   or _glossed_kind(x.label, tv.raw_values.get(dim, ()))]
        if not matches:
            continue
        best = matches[0]
        if dim == "priority" and best.label in getattr(tv, "priority_words", ()) and not _names_dimension(q, dim):
            continue  # "high", "lav", "normal" name a level only beside "priority" ("normalt løst" is no priority)
        if dim == "priority" and best.label in PRIORITY_PLAIN_WORDS and not _names_dimension(q, dim) and not q.has(
                re.escape(best.label) + r"\w*[- ](?:[\w-]+ |\w+-){0,2}(?:" + "|".join(LEVEL_NOUNS) + r")"):
            # "critical tickets", "kritiske saker", "de kritiske BMC-hendelsene" (a system's name before the noun): a
            continue  # level; "(business-critical)" alone is no value
        if best.used and best.used <= skip_words and not _names_dimension(q, dim) \
                and best.label.lower() not in written and not (best.used & hyphenated) \
                and not _value_noun_compound(q, tv, dim, index, best.label) \
                and not _compound_value(str(best.label), q, tv) \
                and not _glossed_kind(best.label, tv.raw_values.get(dim, ())):
            continue  # "servicedesk" is the helpdesk itself unless the question names the field
        aliases = getattr(tv, "value_aliases", {}).get(dim, {})
        # a level of a path ("passord" of «Tilgang > Passord») is every value holding it
        same = list(dict.fromkeys(aliases.get(x.label, x.label) for x in matches
                                  if x.cover == best.cover and x.matched == best.matched and x.label not in parts))
        same += [v for x in matches if x.cover == best.cover and x.matched == best.matched
                 for v in parts.get(x.label, ()) if v not in same]
        if dim == "status" and len(same) > 1:
            # several statuses only when each is written as exported ("Closed vs Resolved"); a word such as
            # "lukket" that fits several is the first
            capitalised = {t.lower() for t in re.findall(r"[\wæøåÆØÅ][\w\-æøåÆØÅ]*", q.raw) if t[:1].isupper()}
            named = [v for v in same if v.lower() in capitalised]
            listed = [x for x in matches if x.cover == best.cover and x.matched == best.matched]
            if len(named) <= 1 and _enumerated(q, [x.used for x in listed]):
                # "new, open or stalled", "avviste og annullerte": each state of one list
                named = list(dict.fromkeys(aliases.get(x.label, x.label) for x in listed))
            same = named if len(named) > 1 else same[:1]
        held = {x.label for x in matches if aliases.get(x.label, x.label) in same or set(parts.get(x.label, ())) & set(same)}
        if best.label not in parts:
            # at most three values per word of the question, but every word listed ("kritisk eller høg"): each word
            # names its own values, never only the first word's
            per_word: dict[frozenset, int] = {}
            word_of = {}
            for x in matches:
                if x.cover == best.cover and x.matched == best.matched:
                    word_of.setdefault(aliases.get(x.label, x.label), frozenset(x.used))
            capped = []
            for v in same:
                k = word_of.get(v, frozenset())
                if per_word.get(k, 0) < 3:
                    capped.append(v)
                    per_word[k] = per_word.get(k, 0) + 1
            same = capped
        if not best.used and spent:
            # matched through a translation ("payroll" ~ «Lønn») by a word that named the export ("Ringsaker kommune's
            # payroll/HR desk" of an export titled «Lønn og personal»): the export, no value of it
            label_terms = {t for x in held for t in index.terms_of(x)}
            via = {stem(w) for w in terms.words if {stem(t) for t in words(to_norwegian(w))} & label_terms}
            if via and _spent(via, spent, q):
                continue
        filters.setdefault(dim, []).extend(same)
        dim_used = set(best.used).union(*(x.used for x in matches if x.label in held))
        dim_used |= _close_words(q, list(held))
        if not dim_used:  # matched through a translation ("printer" ~ «Skriver»): the question's words that gave it
            label_terms = {t for x in held for t in index.terms_of(x)}
            dim_used = {stem(w) for w in terms.words if {stem(t) for t in words(to_norwegian(w))} & label_terms}
        by_dim[dim] = dim_used
        nouned[dim] = {w for x in matches if x.label in held for w in value_noun_compounds(q, x.label, index)}
        used |= dim_used
    # one word is one filter: "i kategorien Skole" is the category, not also the group "Skole-IKT" — the field the
    # question names wins, else the value written whole ("Skole-IKT" is the group, its part "Skole" no category)
    asked, _ = selected_sources(q, tv)
    asked_systems = {s.system for s in asked} if asked and len(asked) < len(tv.sources) else set()

    def held_by_asked(d: str) -> bool:
        """The export asked holds a value of the filter d (value_systems)."""
        held = getattr(tv, "value_systems", {}).get(d, {})
        return any(held.get(v, asked_systems) & asked_systems for v in filters.get(d, ()))
    for dim, dim_used in list(by_dim.items()):
        rivals = [d for d, u in by_dim.items() if d != dim and u & dim_used and d in filters]
        if not rivals or dim not in filters:
            continue
        for other in rivals:
            if asked_systems and held_by_asked(other) and not held_by_asked(dim):
                # "passord" of the export asked: its category path «Tilgang > Passord», not another export's
                # subcategory «Passord» written whole
                continue
            if nouned.get(dim) and not nouned.get(other) and not _names_dimension(q, other):
                # "nettverkssaker": the value «Nettverk» written into the ticket noun, not a channel whose alias
                # ("nett") only begins the word
                filters.pop(other, None)
                continue
            keep_dim = _names_dimension(q, dim) and not _names_dimension(q, other)
            exact_dim = any(_written_whole(q, v) for v in filters[dim])
            exact_other = any(_written_whole(q, v) for v in filters[other])
            if keep_dim or (exact_dim and not exact_other and not _names_dimension(q, other)):
                filters.pop(other, None)
    # a value only other exports hold, named by a ticket noun of the export asked ("<system> service requests" beside
    # another export's type «Service Request»): the noun names that export's tickets, no filter
    chosen, _ = selected_sources(q, tv)
    if chosen and len(chosen) < len(tv.sources):
        systems = {s.system for s in chosen}
        nouns = {stem(w) for w in TICKET_KIND_NOUNS}
        for dim in list(filters):
            held = getattr(tv, "value_systems", {}).get(dim, {})
            # (the noun may end a compound: «Tenesteførespurnad», «Serviceforespørsel»)
            if held and all(v in held and not held[v] & systems for v in filters[dim]) and any(
                    stem(w) in nouns or any(w.endswith(n) for n in TICKET_KIND_NOUNS if len(n) >= 7)
                    for v in filters[dim] for w in words(str(v).lower())):
                filters.pop(dim)
    # one word, two fields, an export named: the field that export fills ("Nettverk i <system>" is its group
    # when only other exports have a category «Nettverk»)
    rivalled = [d for d, u in by_dim.items() if d in filters and any(
        o != d and o in filters and u & w for o, w in by_dim.items())]
    if len(rivalled) > 1 and "channel" in rivalled and q.has(*CHANNEL_PHRASES):
        # "kom inn på telefon", "via e-post", "by phone": the word is how the ticket came in, not a category «Telefoni»
        for d in rivalled:
            if d != "channel":
                filters.pop(d, None)
        rivalled = ["channel"]
    if len(rivalled) > 1 and q.has(*SUBJECT_CUES) and {"category", "subcategory"} & set(rivalled) \
            and not any(_names_dimension(q, d) for d in rivalled):
        # "saker som gjaldt applikasjonar", "tickets about access": what a ticket is about is its category (a path's
        # level), not a group of the same word («Applikasjon») that handled it
        for d in rivalled:
            if d not in ("category", "subcategory"):
                filters.pop(d, None)
        rivalled = [d for d in rivalled if d in ("category", "subcategory")]
    if len(rivalled) > 1:
        if chosen and len(chosen) < len(tv.sources):
            # the value the named export holds, not one only other exports hold (a priority word has its own
            # reading: another export's «Lav» names that level of the export asked, below)
            systems = {s.system for s in chosen}
            holding = [d for d in rivalled if d in ("priority", "priority_source") or any(
                getattr(tv, "value_systems", {}).get(d, {}).get(v, systems) & systems for v in filters[d])]
            if holding and len(holding) < len(rivalled):
                for d in rivalled:
                    if d not in holding:
                        filters.pop(d, None)
                rivalled = holding
            filled = [d for d in rivalled if any(d in s.filled for s in chosen)]
            if filled:
                for d in rivalled:
                    if d not in filled:
                        filters.pop(d, None)
    if "priority" in filters:
        filters["priority"] = list(dict.fromkeys(filters["priority"]))
    if number_read and "priority_source" in filters and any(
            re.search(r"\d", str(v)) and _written_whole(q, v) for v in filters["priority_source"]):
        # "priority '4 høy'": a value as exported written whole, number and all, is that value; its number is no level
        # of the one scale (an export numbering 5 = very high has its "4 høy" as a high level, not the fourth)
        filters.pop("priority")
    if "priority_source" in filters and one_priority_scale(q, tv):
        # several exports' priorities: a word of the scale ("Critical", "høy") names its level of the one scale in
        # every export, never one export's string; a system's own value ("Blocker", "A - Forretningskritisk") itself
        from flows.tickets.presets import PRIORITY_LEVEL_WORDS

        levels = {raw: letter for letter, raws in tv.priority_map.items() for raw in raws}
        def scale_word(v: str) -> bool:  # "Critical", or "1 - Kritisk" not written whole ("kritiske saker")
            alpha = [w for w in words(str(v)) if not w.isdigit() and len(w) > 1]
            return bool(alpha) and all(w in PRIORITY_LEVEL_WORDS for w in alpha) and (
                str(v).casefold() in PRIORITY_LEVEL_WORDS or not _written_whole(q, v))
        generic = [v for v in filters["priority_source"] if v in levels and scale_word(v)]
        if generic:
            named_levels = {levels[v] for v in generic}  # ("High" also matched "4 high": the same level)
            own = [v for v in filters.pop("priority_source") if v not in generic and levels.get(v) not in named_levels]
            if own:
                filters["priority_source"] = own
            filters["priority"] = list(dict.fromkeys(filters.get("priority", []) + [levels[v] for v in generic]))
            return filters, used
        filters.pop("priority", None)  # the values as exported, named in full
        return filters, used
    if "priority_source" in filters and getattr(tv, "priority_by_system", None):
        # one export's priorities named by a word another export writes ("lav prioritet" of an export that writes
        # "Low"): the level that word has, in the values this export wrote for it
        chosen, _ = selected_sources(q, tv)
        systems = [s.system for s in (chosen or []) if s.system in tv.priority_by_system]
        own = {r for s in systems for raws in tv.priority_by_system[s].values() for r in raws}
        if systems and any(v in own for v in filters["priority_source"]):
            # the values the exports asked wrote; another export's "2 - Høy" beside this one's "Høy" matches nothing
            # here and would only be said as if it were asked
            filters["priority_source"] = [v for v in filters["priority_source"] if v in own]
        elif systems:
            levels = {raw: letter for letter, raws in tv.priority_map.items() for raw in raws}
            letters = sorted({levels[v] for v in filters["priority_source"] if v in levels})
            mapped = [r for s in systems for letter in letters for r in tv.priority_by_system[s].get(letter, [])]
            if mapped:
                filters["priority_source"] = list(dict.fromkeys(mapped))
                filters.pop("priority", None)
                return filters, used
    # the exported priority text wins over the normalised letter when both name the same thing ("prioritet
    # C - Normal": the letter C and the text "C - Normal"; "prioritet A - Forretningskritisk og B - Viktig": the letter
    # read first is the start of one of the values named in full)
    if "priority_source" in filters and "priority" in filters:
        from flows.tickets.presets import normalise_priority

        named = {normalise_priority(v) for v in filters["priority_source"]}
        if not m or set(filters["priority"]) <= named or all(
                any(str(v).upper().startswith(letter) for v in filters["priority_source"])
                for letter in filters["priority"]):
            filters.pop("priority")
    return filters, used


# a ticket noun a value is written into, after an optional linking letter or hyphen ("lønnssaker", "nettverkssakene",
# "printerhenvendelser", "passord-tickets")
_NOUN_TAIL = re.compile(r"(?:s|e)?-?(?:sak(?:er|en|ene|a|ane)?|henvendels(?:e|er|en|ene)|henvending(?:a|ar|ane)?|"
                        r"førespurnad(?:er|ar|en|ene|ane)?|forespørsl(?:er|ene)|hendels(?:e|er|en|ene)|"
                        r"hending(?:a|ar|ane)?|tickets?|issues?|incidents?|cases?|requests?|meldinger|meldingar|"
                        r"ärenden?|ärendena)")


def value_noun_compounds(q: Question, label: str, index) -> set[str]:
    """The question's words that are a value of a field written into a ticket noun ("lønnssaker" of «Lønn»): the
    value's one content stem (as the warehouse's label index reads it) followed by a ticket noun."""
    terms = index.terms_of(label) if label in index.labels else ()
    if len(terms) != 1 or len(terms[0]) < 3:
        return set()
    term = terms[0]
    out = set()
    for w in words(q.text):
        for head in {term, fold(term)}:
            for form in (w, fold(w)):
                if form.startswith(head) and _NOUN_TAIL.fullmatch(form[len(head):]):
                    out.add(w)
    return out


def _value_noun_compound(q: Question, tv, dim: str, index, label: str) -> bool:
    """The value is written into a ticket noun of the question ("lønnssaker" of «Lønn») and an export the question asks
    about holds it (value_systems): the word names the value, whether or not it also names an export."""
    if not value_noun_compounds(q, label, index):
        return False
    chosen, _ = selected_sources(q, tv)
    held = (getattr(tv, "value_systems", {}) or {}).get(dim, {})
    systems = {s.system for s in chosen}
    return not held or bool(held.get(label, systems) & systems)


def _one_word_values(q: Question, tv, col: str, values: list[str]) -> bool:
    """The values were all named by one word of the question ("printer" of «Printer» and «Skriver», two exports'
    words for one thing): one class of tickets, never a count per value. Values listed by words of their own
    ("Server og Sikkerhet", "telefon og e-post") are several."""
    index = (getattr(tv, "values", None) or {}).get(col)
    if index is None:
        return False
    aliases = getattr(tv, "value_aliases", {}).get(col, {})
    terms = q.terms(frozenset().union(*(idx.known for idx in tv.values.values())))
    words_of = {frozenset(x.used) for x in index.match(terms, min_cover=1.0)
                if x.matched >= 1 and aliases.get(x.label, x.label) in values and x.used}
    return len(words_of) == 1


def _one_path_level(q: Question, tv, col: str, values: list[str]) -> bool:
    """The values are those holding one level of a path the question names ("passord": «Tilgang > Passord» and
    «Programvare > Passord»): one class of tickets, never a count per value."""
    asked = q.stems()
    return any(set(values) <= set(held) for part, held in getattr(tv, "value_parts", {}).get(col, {}).items()
               if all(stem(w) in asked for w in words(part)))


def _compound_value(label: str, q: Question, tv) -> bool:
    """A value written whole as one word of the question that begins with a word of an export's name and goes on
    ("lønnsutbetaling" of an export named <kommune>_lonn_personal): the word is that value, its head alone names the
    export."""
    low = label.lower()
    if " " in low or low not in set(words(q.text)):
        return False
    return any(len(low) >= len(sw) + 4 and _names_word(low, sw) for s in tv.sources for sw in s.words)


def _spent(used, naming: dict[str, int], q: Question) -> bool:
    """Every word a value matched by named an export, as often as the question writes it: the value has no word of
    its own ("ServiceDesk Plus" names the export; the group «Servicedesk» needs "Servicedesk" written once more)."""
    if not used or not naming:
        return False
    written: dict[str, int] = {}
    for w in words(q.text):
        written[stem(w)] = written.get(stem(w), 0) + 1
    return all(naming.get(s, 0) >= max(1, written.get(s, 0)) for s in used)


def _close_words(q: Question, labels: list[str]) -> set[str]:
    """The question's stems a value matched by a close spelling ("password" for the value "Passord"): they are placed
    by the filter like a value written exactly (rapidfuzz, the ratio the label index forgives)."""
    from rapidfuzz import fuzz

    from app.engine.wordforms import FUZZY_MIN, FUZZY_RATIO

    label_stems = {stem(w) for label in labels for w in words(str(label)) if len(w) >= FUZZY_MIN}
    return {s for s in q.stems() if len(s) >= FUZZY_MIN - 1 and any(
        abs(len(s) - len(t)) <= 2 and fuzz.ratio(s, t) >= FUZZY_RATIO for t in label_stems)}


def _written_whole(q: Question, value: str) -> bool:
    """The value is written whole in the question, not only as a part of a longer hyphenated name."""
    return re.search(r"(?<![\w-])" + re.escape(str(value).lower()) + r"(?![\w-])", q.text) is not None


PRIORITY_NUMBERS = re.compile(r"\b(?:prioritet\w*|priority|priorities|prio)\s*'?(p?[1-5](?:\s*(?:/|,|eller|or|og|and|&|"
                              r"\+)\s*p?[1-5])*)(?![\w.,])|(?<![\w-])(p[1-5](?:\s*(?:/|,|eller|or|og|and|&|\+)\s*p[1-5])*)"
                              r"(?![\w.,])")
LETTER_COMPOUND = re.compile(r"(?<![\w-])([a-d])-?((?:\s*(?:-\s*)?(?:og|and|eller|or|/|,|\+|&)\s*[a-d])*)-"
                             r"(?:sak\w*|tickets?|issues?|incidents?|hendels\w*|hending\w*|henvendels\w*)")
HYPHEN_NOUN = re.compile(r"([\wæøå]{3,})-(?:sak\w*|tickets?|issues?|cases?|henvendels\w*|hendels\w*|hending\w*|element\w*|items?)")


def _letter_compound(text: str) -> list[str]:
    """The priority letters of "a-saker", "a- og b-saker", "a/b-tickets" (normalised text)."""
    m = LETTER_COMPOUND.search(text)
    if not m:
        return []
    return list(dict.fromkeys([m.group(1)] + re.findall(r"(?<![\w])[a-d](?![\w])", m.group(2))))


def _has_outside(q: Question, cues, used: set[str]) -> bool:
    """The question has one of the cues in a word that names no value the filters took."""
    rest = re.sub(r"[\wæøå]+", lambda m: " " if m.group(0) in used or stem(m.group(0)) in used else m.group(0), q.text)
    return re.search(r"(?<!\w)(?:" + "|".join(cues) + r")(?!\w)", rest) is not None


def _grain_expr(grain: str, date_col: str) -> tuple[list[str], list[str]]:
    """(select expressions, column names) for a time grain."""
    d = f"t.{date_col}"
    if grain == "year":
        return [f"year({d})"], ["year"]
    if grain == "half":
        return [f"year({d})", f"case when month({d}) <= 6 then 1 else 2 end"], ["year", "half"]
    if grain == "quarter":
        return [f"year({d})", f"quarter({d})"], ["year", "quarter"]
    if grain == "month":
        return [f"year({d})", f"month({d})"], ["year", "month"]
    if grain == "day":
        return [d], ["date"]
    if grain == "weekday":  # 1 = Monday … 7 = Sunday
        return [f"isodow({d})"], ["weekday"]
    return [f"isoyear({d})", f"week({d})"], ["iso_year", "week"]


# the person who worked a ticket ("which developer", "hvilken saksbehandlar", "handler"): an assignee-like field
PERSON_CUES = (r"developers?", r"utvikler(?:e|en|ne)?", r"utviklar(?:ar|en|ane)?", r"handlers?", r"assignees?",
               r"saksbehandler\w*", r"sakshandsamar\w*", r"behandlere", r"behandleren", r"behandlerne",
               r"technicians?", r"teknikere?", r"teknikar\w*", r"engineers?", r"agents?", r"ressurs\w*", r"resources?",
               r"medarbeider\w*", r"medarbeidar\w*", r"staff members?", r"employees? who")
_PERSON_HEADERS = ("assignee", "developer", "handler", "resource", "agent", "owner", "ansvarlig", "saksbehandler",
                   "sakshandsamar", "tildelt", "behandler", "technician", "utvikler", "engineer")


def _person_refusal(q: Question, tv, chosen) -> Refusal | None:
    """A question about the person who worked the tickets, when no export asked holds such a field (an assignee
    column, an event log's resources): refused, naming what the exports hold, never answered by another field."""
    if not q.has(*PERSON_CUES):
        return None
    for attr in (getattr(tv, "attributes", None) or {}).values():
        if any(h in attr.name.casefold() for h in _PERSON_HEADERS):
            return None
    en = q.lang == "en"
    held = _fields(tv, en)
    logs = [f for s in chosen if s.events for f in s.files] if tv.resources is not None else []
    if logs:
        # the event-log families answer a resource question they can read; one that reaches the counts is not read
        names = ", ".join(f"«{f}»" for f in logs)
        return Refusal(NAME, "unanswerable",
                       (f"Only the event log {names} records who worked a ticket (its resources, one per event); the "
                        f"other exports hold no assignee or developer field. Ask about the resources of the event log."
                        if en else
                        f"Bare hendelsesloggen {names} viser hvem som arbeidet med en sak (ressursene, én per hendelse); "
                        f"de andre eksportene har ingen saksbehandler- eller utviklerfelt. Spør om ressursene i "
                        f"hendelsesloggen."),
                       interpretation="assignee" if en else "saksbehandler")
    return Refusal(NAME, "unanswerable",
                   (f"The ticket exports record no person who handled a ticket (no assignee, developer or handler "
                    f"field); they hold {held}." if en else
                    f"Saksdataene har ingen person som behandlet sakene (ingen saksbehandler-, utvikler- eller "
                    f"tildelt-felt); de har {held}."),
                   interpretation="assignee" if en else "saksbehandler")


# "lukkede saker", "closed tickets": the tickets closed (a state, not a period's closings)
CLOSED_WORDS = (r"lukket", r"lukka", r"lukkede", r"closed")


def closed_condition(tv) -> str | None:
    """SQL (alias t): the ticket is closed — a closed time, or (an export without one, e.g. a dateless snapshot) the
    status closed, or a final status."""
    if "closed_at" in tv.columns and tv.has_closed_at:
        return "coalesce(t.closed_at is not null or t.status = 'closed', false)"
    if "closed" in tv.raw_values.get("status", ()):
        return "coalesce(t.status = 'closed', false)"
    return "coalesce(t.is_resolved, false)" if "is_resolved" in tv.columns else None


def read(q: Question, vocab, allow_daily: bool = True, for_measure: bool = False) -> Reading | Refusal | None:
    """`for_measure`: the caller swaps its own measure (a resolution time) into `count(*) as tickets`, so the
    reading is always a plain count over the tickets filtered, never a share or a mean count per period."""
    if not is_ticket_question(q, vocab):
        return None
    tv = vocab.data.tickets
    en = q.lang == "en"
    p = q.period
    chosen, source_words = selected_sources(q, tv)
    person = _person_refusal(q, tv, chosen)
    if person is not None:
        return person
    wants_period = bool(p.years or p.months or p.quarters or p.weeks or p.halves or p.grain or p.last_years)
    if chosen and all(s.dateless for s in chosen) and wants_period:
        return dateless_refusal(q, chosen, NAME, "tall per periode", "figures per period")
    closed = q.has(*CLOSED_CUES, r"løyst\w*", r"løste", r"lukka") and q.has(*STATE_IN_PERIOD) \
        and "closed_at" in tv.columns
    # "Q4 2025 mot kvartalssnittet for 2024": the year written with the average is the mean's, not the period's
    p.years, avg_years = period_and_average_years(q, p.years)
    # "hvilken ukedag blir flest saker løst": the day of the week of the resolving/closing, not of the creation
    weekday_state = q.has(*WEEKDAY_CUES) and q.has(*CLOSED_CUES, r"løyst\w*", r"løste", r"lukka") and not q.has(
        r"opprett\w*", r"created", r"opened", r"nye", r"new", r"registrert\w*", r"registered")
    state_col = ("resolved_at" if q.has(r"løs\w*", r"løys\w*", r"resolv\w*", r"solved", r"ferdigmeld\w*")
                 and not q.has(r"lukk\w*", r"closed?") and tv.has_resolved_at else "closed_at")
    if weekday_state and (state_col == "resolved_at" or tv.has_closed_at):
        closed = True
    date_col = (f"cast({state_col} as date)" if closed else "created_date")
    closed_known = "closed_at" in tv.columns and tv.has_closed_at
    open_now = q.has(*OPEN_CUES) and not q.has(r"aldri lukk\w*", r"never closed", r"ikke lukket", r"ikkje lukka",
                                                r"not closed")
    if open_now and not closed and _resolved_condition(tv) is not None:
        # "hvor mange saker er åpne", "open tickets": neither resolved nor closed (no such time, no final status)
        status_filter = _resolved_condition(tv, negated=True)
    elif q.has(r"aldri lukk\w*", r"never closed", r"ikke lukket", r"ikkje lukka", r"not closed", *OPEN_CUES):
        # closed: a closed time, or (an export without one, e.g. a dateless snapshot) the status closed
        status_filter = ("not coalesce(t.closed_at is not null or t.status = 'closed', false)" if closed_known else
                         "not coalesce(t.status = 'closed', false)" if "closed" in tv.raw_values.get("status", ()) else
                         "not coalesce(t.is_resolved, false)" if "is_resolved" in tv.columns else None)
    elif q.has(*CLOSED_WORDS) and not closed:
        status_filter = closed_condition(tv)
    elif q.has(*SHARE_CUES) and q.has(r"løst\w*", r"løyst\w*", r"løste", r"resolved", r"solved", r"ferdigmeldt\w*") \
            and not closed and "is_resolved" in tv.columns:
        # "hvor stor andel er løst": the tickets whose latest status is resolved or closed (a final state)
        status_filter = "coalesce(t.is_resolved, false)"
    elif q.has(*UNRESOLVED_CUES) and not closed:
        # "uløste saker", "not resolved": no resolved or closed time and no final status
        status_filter = _resolved_condition(tv, negated=True)
    elif q.has(*RESOLVED_CUES) and not closed:
        # "hvor mange saker er løst", "resolved tickets": those with a resolved or closed time or a final status,
        # never every ticket
        status_filter = _resolved_condition(tv)
    else:
        status_filter = None

    # what the question names
    dim, dim_col, _ = _dimension_asked(q, tv)
    if dim is not None and field_of_mean(q, tv, dim):
        dim, dim_col = None, None  # "snittet for de fire medlemskommunene": the field the mean is over, no breakdown
    missing = missing_fields(q, tv)
    missing_cols = {c for _, c in missing}
    if dim_col in missing_cols or dim_col == "organisation_key" and "customer_name" in missing_cols:
        dim, dim_col = None, None  # "hvilke saker mangler kategori": the empty field is a filter, no breakdown
    if missing and chosen and not any(c in s.filled or c == "customer_name" and "organisation_key" in s.filled
                                      for s in chosen for c in missing_cols):
        files = ", ".join(f"«{f}»" for s in chosen for f in s.files)
        label = " / ".join(_FIELD_NAMES.get(c, (c, c))[1 if en else 0] for c in missing_cols)
        return Refusal(NAME, "unanswerable",
                       (f"{files} does not record {label} at all (no such column), so no ticket can be counted as "
                        f"missing it." if en else
                        f"{files} har ikke {label} i det hele tatt (ingen slik kolonne), så ingen sak kan telles som "
                        f"uten."), interpretation=_interpret(q, {}, [], None, None, vocab))
    systems_named = False
    n_chosen = len({s.system for s in chosen})
    # (every export named, "did X raise more in A or in B" of two exports: still a choice between them)
    which_more = q.has(*MORE_IN_WHICH) and q.has(*SYSTEMS_CHOICE) and not q.has(*SUM_TOTAL_CUES)
    # (a share asked of the exports named is one share, never a count per export in its place)
    if dim is None and 2 <= n_chosen and source_words and "source_system" in tv.columns and not q.has(*SHARE_CUES) and (
            n_chosen < len({s.system for s in tv.sources}) and (q.has(*SYSTEMS_COMPARED) or not q.has(*TOTAL_CUES))
            or which_more):
        # "sammenlign antall saker i osTicket og Kundo", "antall saker i Spiceworks og i Kayako", "which of the A, B
        # and C exports had the most": one count per export named (and their sum), never one total unless the
        # question asks for it ("til sammen", "A eller B")
        dim, dim_col, systems_named = "system", "source_system", True
    dim2, dim2_col = _second_dimension(q, tv, dim_col) if dim else (None, None)
    if "priority" in (dim_col, dim2_col) and "priority_source" in tv.columns and not one_priority_scale(q, tv, chosen):
        # one export's priorities: its own values, as exported
        dim_col, dim2_col = (("priority_source" if c == "priority" else c) for c in (dim_col, dim2_col))
    leaf_path = False
    if dim_col == "subcategory" and chosen and not any("subcategory" in s.filled for s in chosen) \
            and _paths_only(tv, "category", {s.system for s in chosen}):
        # an export with one category column written as a path ("Tilgang > Passord"): its subcategory is the path's
        # lower level, so the paths themselves are the breakdown (said in the answer)
        dim_col, leaf_path = "category", True
    elif dim_col == "subcategory" and chosen and {s.system for s in chosen} <= getattr(tv, "category_paths", set()):
        # ... and so for an export whose category paths were split into category and subcategory (stg_tickets)
        dim_col, leaf_path = "category", True
    if dim is not None:
        held = tv.organisations if dim_col == "organisation_key" else len(tv.raw_values.get(dim_col, ()))
        if chosen and not any(dim_col in s.filled for s in chosen):
            # the export the question names leaves the field empty (an event log without priorities)
            files = ", ".join(f"«{f}»" for s in chosen for f in s.files)
            label = _FIELD_NAMES.get(dim_col, (dim, dim))[1 if en else 0]
            several = len([f for s in chosen for f in s.files]) > 1
            return Refusal(NAME, "unanswerable",
                           (f"{files} {'do' if several else 'does'} not record {label}." if en else
                            f"{files} har ikke {label}."),
                           interpretation=("number of tickets by " if en else "antall saker fordelt på ") + label)
        if held < 2:  # a breakdown by a field the exports do not fill
            return Refusal(NAME, "unanswerable",
                           (f"The ticket exports do not record {dim} (they hold " + _fields(tv, en) + ")." if en else
                            f"Saksdataene har ikke {dim} (de har " + _fields(tv, en) + ")."),
                           interpretation=("number of tickets by " if en else "antall saker fordelt på ") + dim)
    organisation_keys, provider_keys = named_organisations(q, vocab, tv)
    dim_words = DIM_WORDS
    widened = widening_words(q)
    filters, used = _value_filters(q, tv, dim_words | GENERIC | source_words | widened)
    if organisation_keys or provider_keys:
        filters.pop("customer_name", None)
    if dim_col in filters and _listed_values(q) and not q.has(*TOTAL_CUES):
        # "per channel (e-mail, chat, phone, web form)": the values listed are the breakdown's, every one shown
        filters.pop(dim_col)
    if dim_col in filters and chosen and _header_value_only(tv, chosen, dim_col, filters[dim_col]):
        # "which issue type" of an export whose «Issue Type» is the breakdown: "issue" is its header's word, not another
        # export's value «Issue» (no ticket of the export named holds it)
        filters.pop(dim_col)
    open_states = {v for v in tv.raw_values.get("status", ()) if v in ("new", "open", "pending")}
    if open_now and status_filter is not None and filters.get("status") and len(open_states) > 1 \
            and _state_names(q)[0] >= open_states:
        # "still open (New, In Progress or On Hold)": every open state listed says "open" again, not one of them
        filters.pop("status")
    fields = {c for _, cols in DIMENSIONS.values() for c in cols}
    unfilled = [c for c in filters if c in fields and c != "source_system" and source_filter(chosen, tv)
                and not any(c in s.filled for s in chosen)]
    if unfilled:
        # "How many Zendesk tickets were in the group X?": the export named has no such field (another export's value
        # matched) — said, with the exports that have it, never a count of 0
        files = ", ".join(f"«{f}»" for s in chosen for f in s.files)
        have = ", ".join(f"«{f}»" for s in tv.sources if unfilled[0] in s.filled for f in s.files)
        label = _FIELD_NAMES.get(unfilled[0], (unfilled[0], unfilled[0]))[1 if en else 0]
        several = len([f for s in chosen for f in s.files]) > 1
        return Refusal(NAME, "unanswerable",
                       (f"{files} {'do' if several else 'does'} not record {label} (so not "
                        f"{', '.join(filters[unfilled[0]])}); the exports that do: {have}." if en else
                        f"{files} har ikke {label} (og dermed ikke {', '.join(filters[unfilled[0]])}); eksportene som "
                        f"har det: {have}."),
                       interpretation=_interpret(q, filters, organisation_keys, None, None, vocab))
    if "status" in filters:  # "status Closed": the value named, not the closed time
        status_filter = None
    several_values = systems_named and not q.has(*RANK_HIGH, *RANK_LOW)  # (a ranking names one: no sum)
    if dim is None and values_counted_apart(q):
        # "på telefon og hvor mange på e-post": two values of one field are two counts, one per value
        several = [col for col, values in filters.items() if len(values) > 1
                   and not (col == "priority" and _letter_compound(q.text)) and not _one_path_level(q, tv, col, values)
                   and not _one_word_values(q, tv, col, values)]
        if several:
            dim_col = several[0]
            dim = next((d for d, (_, cols) in DIMENSIONS.items() if dim_col in cols), dim_col)
            several_values = True
        elif len(organisation_keys) > 1 and "organisation_key" in tv.columns:
            # "Nordvik vs Sørøy": one count per organisation named (and their total)
            dim, dim_col, several_values = "customer", "organisation_key", True
    elif dim and not dim2 and dim_col != "organisation_key" and len(organisation_keys) > 1 \
            and not q.has(*TOTAL_CUES):
        dim2, dim2_col = "customer", "organisation_key"  # "Nordvik og Sørøy per kategori": each of them

    # "hvor mange prosent økte sakene fra juli til august", "change from Q2 to Q3": each period's count and the
    # change from the earlier one (its percent of the earlier period), never one total over the span
    # (a measure over two periods compared, "median løsningstid 2023 mot 2024": each period's figure and the
    # difference, which the measure's family computes over the periods this reading groups by: period_keys)
    compared = bool(dim is None and (q.has(*TICKET_CHANGE_CUES) or q.has(*TWO_PERIODS_COMPARED))
                    and _periods_named(p) >= 2 and not periods_summed(q))
    change = compared and not for_measure
    # ("januar–september 2024 mot januar–september 2025": the same span in each year, the years compared)
    if compared and (p.month_span or p.quarter_span) and len(p.years) < 2:
        if p.month_span:
            p.months = [p.months[0], p.months[-1]]
        if p.quarter_span:
            p.quarters = [p.quarters[0], p.quarters[-1]]
        p.month_span = p.quarter_span = False

    # years: explicit, else every year the exports hold
    asked_years = list(p.years)
    if not asked_years and p.last_years and tv.last:
        asked_years = list(range(tv.last.year - p.last_years + 1, tv.last.year + 1))
        p.years = asked_years
        if len(asked_years) > 1 and p.grain is None:
            p.grain = "year"
    ranges = p.ranges() if asked_years else []
    if (p.months or p.quarters or p.weeks or p.halves) and not asked_years:
        years = tv.years
        if len(years) == 1:
            asked_years = years
            ranges = p.ranges(years)
        elif q.context and q.context.get("period_years"):
            asked_years = list(q.context["period_years"])
            ranges = p.ranges(asked_years)
        else:
            what = p.describe(q.lang)
            return Refusal(NAME, "clarify",
                           (f"Which year do you mean for {what}? The ticket exports cover "
                            f"{span(tv, True)}." if en else
                            f"Hvilket år mener du for {what}? Saksdataene dekker {span(tv, False)}."),
                           suggestions=[f"{q.raw.rstrip('?')} {y}" for y in years[-3:]])
    if source_filter(chosen, tv):
        refused = coverage_refusal(q, chosen, ranges, NAME)
        if refused is not None:
            return refused
    refused = whole_period_refusal(q, chosen, ranges, NAME)
    if refused is not None:
        return refused
    if ranges and not any(tv.covers(a, b) for a, b in ranges):
        return Refusal(NAME, "unanswerable", final=False, answer=(
                       f"The ticket exports do not cover {p.describe(q.lang)}; they cover "
                        f"{span(tv, True)}." if en else
                        f"Saksdataene dekker ikke {p.describe(q.lang)}; de dekker {span(tv, False)}."),
                       interpretation=_interpret(q, filters, organisation_keys, None, None, vocab))

    # words not placed anywhere: a field the exports lack ("alvorlighetsgrad", "satisfaction")
    known_stems = GENERIC | dim_words | used | {stem(w) for w in p.words for w in words(w)} | widened
    if dim_col is not None:
        known_stems |= header_words(tv, dim_col)  # "fordelt på type": the field's header as exported
        from app.engine.families.ticket_attributes import family_words

        # ("by service area" of «Tjenesteområde»: the header's words by their family)
        known_stems |= family_words(q, (getattr(tv, "field_headers", {}) or {}).get(dim_col, ()))
    if dim == "group" and q.has(*AT_CREATION):  # "the queue they were created in": the group at creation
        known_stems |= {stem(w) for m in re.finditer("|".join(AT_CREATION), q.text) for w in words(m.group(0))}
    # a word that names a value as exported ("C - Normal") is that value, not a cue for a mean
    average = _has_outside(q, AVERAGE_CUES, used)
    if average:
        known_stems |= AVERAGE_STEMS | mean_over_stems(q)
    share = q.has(*SHARE_CUES)
    if share:
        known_stems |= SHARE_STEMS
    if status_filter or closed or "status" in filters:
        known_stems |= CLOSED_STEMS | _state_names(q)[1]
    known_stems |= RANK_STEMS | COMPARE_STEMS
    if q.has(*DEVIATION_CUES):
        known_stems |= DEVIATION_STEMS
    if q.has(*VARIATION_CUES):
        known_stems |= VARIATION_STEMS
    if (q.has(*RANK_HIGH) or q.has(*RANK_LOW)) and q.has(*GRAIN_NOUNS["day"]):
        known_stems |= DAY_STEMS  # "which day had the most tickets": the days ranked
    if q.has(*RANK_HIGH) or q.has(*RANK_LOW):
        # "hvilken uke var travlest, og hvor mange saker kom inn den uka?": the period ranked, named again
        grains = re.compile("|".join(p for pats in GRAIN_NOUNS.values() for p in pats))
        known_stems |= {stem(w) for w in words(q.text) if grains.fullmatch(w)}
    if q.has(r"service ?desk\w*", r"help ?desk\w*", r"support desk"):  # "<org>'s service desk": the desk itself
        known_stems |= {"service", "desk", "help", "support"}
    if q.has(*WEEKDAY_CUES):
        known_stems |= WEEKDAY_STEMS
    if dim == "main_category":  # "hovedkategori (første nivå i kategorien)": the level of the path asked
        known_stems |= LEVEL_STEMS
    if missing:
        known_stems |= MISSING_STEMS
    if q.has(*DISTINCT_CUES) and dim is None:  # "distinct tickets": every ticket is one row
        known_stems |= DISTINCT_STEMS
    org_words = {stem(w) for k in organisation_keys + provider_keys for w in words(vocab.organisation_names.get(k, k))}
    for name, key in vocab.organisations.items():
        if key in organisation_keys or key in provider_keys:
            org_words |= {stem(w) for w in words(name)}
    org_words |= spelled_with_letters(q, org_words)
    known_stems |= org_words | {stem(x) for x in tv.id_prefixes} | source_words | DESCRIPTIVE
    known_stems |= _glosses(q, used)
    if dim is not None:
        known_stems |= _listed_values(q)
        if dim in DIMENSIONS:  # the field's own word in a compound its cues read ("eierteam": the group)
            known_stems |= {stem(w) for w in words(q.text)
                            if any(re.fullmatch(c, w) for c in DIMENSIONS[dim][0])}
    leftover = leftover_words(q, known_stems)
    channel_asked = [w for w in leftover if re.fullmatch(CHANNEL_WORDS, w) or (
        w in ("post", "mail") and q.has(r"e-?\s?post\w*", r"e-?\s?mail\w*"))]
    if channel_asked and len(tv.raw_values.get("channel", ())) < 1:
        # "kom inn på telefon", "by email": a channel, and the exports record none — say so, count nothing else
        files = ", ".join(f"«{f}»" for s in (chosen or tv.sources) for f in s.files)
        return Refusal(NAME, "unanswerable",
                       (f"{files} does not record the channel a ticket came by (no channel column), so tickets "
                        f"cannot be counted by «{' '.join(channel_asked)}»." if en else
                        f"{files} har ikke kanalen en sak kom inn gjennom (ingen kanal-kolonne), så saker kan ikke "
                        f"telles etter «{' '.join(channel_asked)}»."),
                       interpretation=("number of tickets by channel" if en else "antall saker etter kanal"))
    system_asked = [w for w in leftover if _in_system_slot(q, w)]
    if system_asked and len(system_asked) == len(leftover):
        # "in Zendesk", "i Jira-eksporten": a system or export no loaded export is from — name those that are
        exports = "; ".join(f"{s.named} ({', '.join(f'«{f}»' for f in s.files)})" if s.named not in s.files else
                            f"«{s.named}»" for s in tv.sources)
        said = " ".join(next((m.group(0) for m in re.finditer(r"[\wæøåÆØÅ]+", q.raw) if m.group(0).lower() == w), w)
                        for w in system_asked)
        return Refusal(NAME, "unanswerable",
                       (f"No loaded ticket export is from «{said}». The exports loaded are: {exports}." if en else
                        f"Ingen av de innleste sakseksportene er fra «{said}». Eksportene som er lest inn: {exports}."),
                       interpretation=("tickets of " if en else "saker i ") + said)
    if leftover:
        # words the report measures know ("saksmengden", "snittet", "change") leave the question to them
        from app.engine.interpret import known_to_planner

        return Refusal(NAME, "unanswerable", final=not known_to_planner(leftover, vocab) and not _names_unit(
                           q, leftover, vocab),
                       answer=(f"The ticket exports have nothing I can match to «{' '.join(leftover)}». They hold: "
                        + holdings(tv, en) + "." if en else
                        f"Saksdataene har ingenting jeg kan knytte til «{' '.join(leftover)}». De har: "
                        + holdings(tv, en) + "."),
                       interpretation=_interpret(q, filters, organisation_keys, None, None, vocab))

    # "brukarstøttesaker": a kind of ticket written in another form of a value as exported ("Brukerstøtte") is that
    # value; one no field holds is said (every ticket counted), never silently dropped
    kinds = []
    for kind in kinds_not_filtered(q, used, filters):
        close = close_value(kind, tv.raw_values)
        if close is None:
            kinds.append(kind)
        else:
            filters.setdefault(close[0], []).append(close[1])
    where = ["true"]
    range_cond = None
    if ranges:
        range_cond = in_ranges(date_col, ranges)
        where.append(range_cond)
        if closed and state_col == "resolved_at" and "status" in tv.columns and "status" not in filters:
            # "løyst i 2023", "resolved in 2023": a ticket cancelled or rejected has an end time, but was not resolved
            where.append(NOT_CANCELLED)
    # "not Major", "ikke Critical", "unntatt Skole", "annullerte skal ikke telles": every ticket but those
    negated = negated_columns(q, filters, tv)
    value_conds = [("not coalesce(" + in_list(f"t.{col}", values) + ", false)") if col in negated else
                   in_list(f"t.{col}", values) for col, values in filters.items()]
    for _, col in missing:
        value_conds.append(missing_condition(col))
    where += value_conds
    if missing and not chosen:
        # an export that has no such column at all says nothing about its tickets' field: the exports that record it
        recording = [s.system for s in tv.sources
                     if all(c in s.filled or c == "customer_name" and "organisation_key" in s.filled
                            for c in missing_cols)]
        if recording and len(recording) < len(tv.sources):
            where.append(in_list("t.source_system", recording))
    if organisation_keys:
        where.append(in_list("t.organisation_key", organisation_keys))
        if share and not dim:
            # "hvor stor andel av sakene kom fra <kommune>": the organisation's tickets of all the exports' tickets
            # with a customer (an export that records none is left out by the share below)
            value_conds.append(where[-1])
    if provider_keys:
        where.append(in_list("t.provider_unit_key", provider_keys))
    if status_filter:
        where.append(status_filter)
        value_conds.append(status_filter)
    chosen_filter = source_filter(chosen, tv)
    if chosen_filter:
        where.append(chosen_filter)
    # a breakdown by customer leaves out the exports that record no customer (no such column), saying how many
    # tickets they hold; a ticket whose customer cell is empty in an export that has the column is "(ukjent)"
    no_customer = [s for s in (chosen or tv.sources) if "organisation_key" not in s.filled] \
        if "organisation_key" in (dim_col, dim2_col) and not organisation_keys else []
    if no_customer and len(no_customer) == len(chosen or tv.sources):
        no_customer = []  # none records a customer: refused above
    no_customer_where = [*where, in_list("t.source_system", [s.system for s in no_customer])]
    if no_customer:
        where.append("t.source_system not in (" + ", ".join(sql_str(s.system) for s in no_customer) + ")")
    if share and closed and range_cond and not dim and not p.grain and not for_measure:
        # "prosent av sakene lukket i 2012": of the tickets created in the period, those closed in it — numerator
        # and denominator from one stated population, never the closed ones over themselves
        created = range_cond.replace(date_col, "t.created_date")
        base = [created if w == range_cond else w for w in where if w not in value_conds]
        conds = [c for c in value_conds if c != status_filter] + [range_cond.replace(date_col, f"cast(t.{state_col} as date)")]
        verb = ("resolved" if state_col == "resolved_at" else "closed") if en else (
            "løst" if state_col == "resolved_at" else "lukket")
        period = p.describe(q.lang)
        return _share_reading(q, tv, base, conds, (f"x, tickets created in {period}, of them {verb} in {period}" if en
                                                   else f"x, saker opprettet i {period}, av dem {verb} i {period}"),
                              chosen if chosen_filter else [])
    if share and not value_conds and not dim and not p.grain and not for_measure and range_cond and len(p.years) == 1 \
            and (p.months or p.quarters or p.halves or p.weeks or p.tertials) and not compared:
        # "hvor stor andel av sakene i 2024 kom i august?", "what share of the 2024 tickets came in Q3": the part of
        # the year named, of the year's tickets — never the part's count alone
        # (of the exports that cover the part: one that ends before it has no share of it, said, never 0 %)
        year = p.years[0]
        asked_sources = chosen or list(tv.sources)
        covering = [s for s in asked_sources if not s.dateless and s.first and any(s.covers(a, b) for a, b in ranges)]
        if not covering:
            return coverage_refusal(q, asked_sources, ranges, NAME)
        whole = in_ranges(date_col, [(date(year, 1, 1), date(year, 12, 31))])
        base = [whole if w == range_cond else w for w in where]
        if len(covering) < len(asked_sources) or chosen_filter:
            base.append(in_list("t.source_system", [s.system for s in covering]))
        period = p.describe(q.lang)
        return _share_reading(q, tv, base, [range_cond],
                              (f"x, tickets of {year}, of them created in {period}" if en
                               else f"x, saker i {year}, av dem opprettet i {period}"),
                              covering if len(covering) < len(asked_sources) or chosen_filter else [],
                              note=coverage_note(q, asked_sources, ranges))
    # a share over periods ("andel kritiske saker 2023 mot 2024", "per år"): one share per period
    share_grain = (p.grain or ("month" if len(p.months) > 1 else "quarter" if len(p.quarters) > 1 else "half"
                               if len(p.halves) > 1 else "week" if len(p.weeks) > 1 else "year")) \
        if (compared or p.grain) and not periods_summed(q) else None
    if share and dim and not dim2 and len(filters.get(dim_col, ())) == 1 and dim_col != "organisation_key":
        # "share of cases that came in by e-mail (MAIL channel)": the field named beside its one value asked is no
        # breakdown (its one row would be 100 %): that value's share of every ticket asked
        dim, dim_col = None, None
    if share and value_conds and not dim and (not p.grain or share_grain) and not for_measure:
        # a share of a field's value is of the exports that fill the field (an event log without priorities is no
        # export whose tickets have none of them)
        needed = [c for c in filters if c != "source_system"] + (["organisation_key"] if organisation_keys else [])
        filling = [s for s in (chosen or tv.sources) if all(c in s.filled for c in needed)]
        narrowed = filling and len(filling) < len(chosen or tv.sources)
        base_where = [w for w in where if w not in value_conds and w != chosen_filter]
        left_out = [c for col, c in zip(filters, value_conds) if col in negated]
        if left_out and len(left_out) < len(value_conds):
            # "share of priority 1 items (removed items excluded)": a value left out beside one asked narrows the
            # population the share is of; alone ("andel saker som ikke er Skole") it is the share asked
            base_where += left_out
        if narrowed or chosen_filter:
            base_where.append(in_list("t.source_system", [s.system for s in (filling or chosen)]))
        # a level of the one priority scale is the same level in every export: its share is pooled over the exports
        # that record a priority ("andel kritiske saker"), never one share per export
        scale = "priority" in filters and one_priority_scale(q, tv, chosen)
        pooled_levels = scale and set(filters) == {"priority"} and not organisation_keys and not status_filter
        note = priority_note(tv, en, filters["priority"]) if scale else ""
        if pooled_levels and narrowed:
            left = ", ".join(f"«{f}»" for s in (chosen or tv.sources) if s not in filling for f in s.files)
            note += (f" Exports without a priority are left out: {left}." if en else
                     f" Eksporter uten prioritet er holdt utenfor: {left}.")
        return _share_reading(q, tv, base_where, value_conds,
                              _interpret(q, filters, organisation_keys, None, None, vocab, status_filter=status_filter),
                              (filling or chosen or tv.sources) if (narrowed or chosen_filter or organisation_keys
                                                                    or pooled_levels) else [],
                              note=note, pooled=bool(organisation_keys) and not filters or pooled_levels,
                              grain=share_grain, compared=compared,
                              span=span_label(q, asked_years) if share_grain == "year" and not compared else None)

    rank_high, rank_low = q.has(*RANK_HIGH), q.has(*RANK_LOW)
    grain = p.grain
    if grain == "year" and p.grain_implied and dim and (rank_high or rank_low):
        grain = None  # "which customer had the most tickets 2019–2021": the customers ranked over the whole span
    if q.has(*WEEKDAY_CUES) and not p.weeks:
        grain = "weekday"  # "which weekday had the most tickets": the days of the week, over the period asked
    if grain in (None,) and dim is None and (rank_high or rank_low) and len(p.years) != 1:
        grain = None
    if periods_summed(q) and not dim and not _grain_named(q):
        grain = None  # "2011 og 2012 til sammen": one total over the periods named
    elif grain is None and not dim and len(asked_years) > 1 and not p.season:
        # "mars 2012 sammenlignet med mars 2011": one figure per year (per month/quarter when several are named; a
        # span of months in each year is one figure per year)
        grain = ("year" if p.month_span or p.quarter_span else "month" if len(p.months) > 1 else "quarter" if len(p.quarters) > 1 else
                 "half" if len(p.halves) > 1 else "week" if len(p.weeks) > 1 else "year")
    elif grain is None and not dim and not q.has(*TOTAL_CUES) and not p.month_span and not p.quarter_span:
        # "Q2 vs Q3 2012", "uke 30 og 31": one figure per period named, not their sum
        grain = ("quarter" if len(p.quarters) > 1 else "half" if len(p.halves) > 1 else
                 "week" if len(p.weeks) > 1 else None)
    if compared and grain is None:
        grain = ("year" if (p.month_span or p.quarter_span) and len(asked_years) > 1 else
                 "month" if len(p.months) > 1 else "quarter" if len(p.quarters) > 1 else "half" if len(p.halves) > 1
                 else "week" if len(p.weeks) > 1 else "year")
    rank_one = False
    if grain is None and not dim and (rank_high or rank_low):
        # "busiest quarter", "måneden med flest saker": rank the periods of that grain (the top one when the
        # noun is singular)
        grain = next((g for g, cues in GRAIN_NOUNS.items() if q.has(*cues)), None)
        rank_one = grain is not None and not q.has(*GRAIN_PLURALS)
    elif grain and not dim and (rank_high or rank_low) and q.has(*GRAIN_NOUNS.get(grain, ())) \
            and not q.has(*GRAIN_PLURALS) and not _grain_named(q):
        rank_one = True  # "busiest month overall": the month read as the grain, one named, the top one
    # "hvor mye varierte det per måned, hvilken måned hadde flest og hvilken færrest": every period, its highest and
    # lowest named, never the top one alone
    extremes = bool(grain) and not dim and (q.has(*VARIATION_CUES) or rank_high and rank_low)
    group_exprs, group_cols = ([], [])
    if grain:
        group_exprs, group_cols = _grain_expr(grain, date_col if not closed else state_col)
        group_exprs = [e.replace("t.created_date", "t.created_date") for e in group_exprs]
    join = ""
    at_creation = False
    for name, col in ((dim, dim_col), (dim2, dim2_col)):  # "per kommune og prioritet": both fields
        if not name:
            continue
        if col == "organisation_key":
            join = "left join dim_organisation as o on o.organisation_key = t.organisation_key\n"
            group_exprs.append(f"case when t.organisation_key = 'unknown' then {sql_str(UNKNOWN_CUSTOMER[en])} "
                               "else coalesce(o.organisation_name, t.organisation_key) end")
        elif col == "source_system":
            group_exprs.append(system_label_sql(tv))
        elif col == "channel":
            group_exprs.append(channel_label_sql("t.channel", en))
        elif col == "priority":
            group_exprs.append(f"coalesce({priority_label_sql('t.priority', en)}, "
                               f"{sql_str('no priority given' if en else 'ingen prioritet oppgitt')})")
        elif col == "assignment_group" and tv.events and q.has(*AT_CREATION):
            # "by the queue they were created in", "første kø": the group of each ticket's first event, where an
            # event log records it (else the group as exported)
            group_exprs.append("coalesce((select e.assignment_group from fct_ticket_event as e where e.ticket_key = "
                               "t.ticket_key and e.assignment_group is not null order by e.event_seq limit 1), "
                               "t.assignment_group)")
            at_creation = True
        elif col == "category" and getattr(tv, "category_paths", ()) and "subcategory" not in (dim_col, dim2_col):
            # a category read as a path ("Klient > PC": category Klient, subcategory PC): each path as exported, the
            # categories its export names (a category that is no path is itself)
            group_exprs.append("coalesce(t.category_path, t.category)")
        else:
            group_exprs.append(f"t.{col}")
        group_cols.append(name)
    if grain:  # a dateless snapshot's tickets are in no period
        where.append(f"{date_col if not closed else 't.' + state_col} is not null")
    select = [f"{e} as {c}" for e, c in zip(group_exprs, group_cols)] + ["count(*) as tickets"]
    if no_customer and not for_measure and not (rank_high or rank_low):
        # the tickets left out, and their exports (one value on every row: the answer says them once); a ranking
        # of customers ranks those that have one
        select += [f"(select count(*) from fct_ticket as t where {' and '.join(no_customer_where)}) "
                   f"as {WITHOUT_CUSTOMER}",
                   f"(select string_agg(f || ' ' || n, ', ' order by f) from (select regexp_replace(t.source_file, "
                   f"'^.*[/\\\\]', '') as f, count(*) as n from fct_ticket as t where "
                   f"{' and '.join(no_customer_where)} group by 1)) as {WITHOUT_CUSTOMER_EXPORTS}"]
    order = ", ".join(group_cols) if group_cols else "1"
    limit = qualify = ""
    # "per kvartal med totalt", "per month and the total": the periods and their sum as a row of its own
    with_total = bool(grain) and not dim and not (rank_high or rank_low) and (periods_summed(q) or (
        q.has(*TOTAL_ROW_CUES) and not q.has(*CHANGE_WORDS)))  # "endring i antall saker totalt": no total row
    if group_cols and (rank_high or rank_low) and not extremes:
        order = f"tickets {'asc' if rank_low and not rank_high else 'desc'}, " + ", ".join(group_cols)  # ties: in order
        for name, col in ((dim, dim_col), (dim2, dim2_col)):
            if name:  # a ticket without the field (an export that lacks it) is no customer, category, ... to rank
                # (fct_ticket gives a ticket without a customer the organisation key 'unknown')
                where.append(f"t.{col} is not null" + (" and t.organisation_key <> 'unknown'"
                                                       if col == "organisation_key" else ""))
        n = number_word(q.text, default=1 if q.has(r"hvilke[nt]?", r"which", r"kva") or rank_one or (
            q.has(*COMMONEST) and q.has(r"what", r"hva", r"kva", r"the", r"den", r"det")) else None)
        if n:
            # the top n, and any tied with the last of them (a tie is said, not broken by the order rows came in);
            # "which customer had the most tickets each year": the top ones of every period, not of all of them
            periods = group_cols[:len(group_cols) - (2 if dim2 else 1)] if grain and dim else []
            if periods:
                order = ", ".join(periods) + ", " + order
            qualify = (f"\nqualify rank() over ({'partition by ' + ', '.join(periods) + ' ' if periods else ''}"
                       f"order by tickets {'asc' if rank_low and not rank_high else 'desc'}) <= {n}")
    elif dim and not grain:
        order = "tickets desc"
    table = "fct_ticket"
    where_tickets = list(where)  # over fct_ticket, before any switch to the daily mart
    if allow_daily and tv.daily and not filters and not status_filter and not closed and dim in (None, "customer") \
            and not missing \
            and not dim2 \
            and not chosen_filter and not no_customer:
        # counts by day and customer only: the daily mart answers the same, a few thousand times smaller
        table = "fct_ticket_daily"
        where = [w.replace("created_date between", "t.date_day between").replace("created_date is not null",
                                                                                  "t.date_day is not null")
                 for w in where]
        group_exprs = [e.replace("t.created_date", "t.date_day") for e in group_exprs]
        select = [f"{e} as {c}" for e, c in zip(group_exprs, group_cols)] + ["cast(sum(t.ticket_count) as bigint) as tickets"]
    sql = (f"select {', '.join(select)}\nfrom {table} as t\n{join}where " + "\n  and ".join(where)
           + (f"\ngroup by grouping sets (({', '.join(group_exprs)}), ())" if with_total else
              f"\ngroup by {', '.join(str(i + 1) for i in range(len(group_cols)))}" if group_cols else "")
           + qualify + f"\norder by {order}{' nulls last' if with_total else ''}{limit}")
    named_periods = not dim and grain in PERIOD_LABELS and (rank_high or rank_low or extremes) and not for_measure
    if named_periods:
        # "which month had the most": the period in words as a cell of its own ("august 2024"), in the question's
        # language
        sql = f"select *, {period_label_sql(grain, q.lang)} as period\nfrom (\n{sql}\n) as counted\norder by {order}"
    if share and dim and not grain and not limit:
        # "andel per prioritet i prosent": each value's count and its share of all the tickets counted
        sql = (f"select *, round(100.0 * tickets / nullif(sum(tickets) over (), 0), 1) as share_pct\nfrom (\n{sql}\n)"
               f" as counts\norder by tickets desc")
    if change and grain and group_cols and not dim and not with_total and not qualify \
            and len([r for r in ranges if tv.covers(*r)]) >= 2:  # (one period with tickets: nothing to compare)
        keys = ", ".join(group_cols)
        lag = f"lag(tickets) over (order by {keys})"
        sql = (f"select *, tickets - {lag} as change,\n  round(100.0 * (tickets - {lag}) / nullif({lag}, 0), 1) "
               f"as change_pct\nfrom (\n{sql}\n) as counts\norder by {keys}")
    pooled = span_label(q, asked_years) if (grain == "year" and group_cols == ["year"] and not change and not compared
                                            and not with_total and not qualify and not for_measure
                                            and not named_periods and not extremes) else None
    if pooled:
        # "saker i 2023-2024": each year's count, and the whole range's as a row of its own
        sql = (f"with per_year as (\n{sql}\n)\nselect year, tickets, cast(year as varchar) as period from per_year\n"
               f"union all\nselect null, sum(tickets), {sql_str(pooled)} from per_year\norder by year nulls last")
    total_label = ("in all" if en else "til sammen")
    if several_values and group_cols == [dim] and not limit and not for_measure:  # (a measure's columns are its own)
        # the values the question named, and their sum as a row of its own (every figure shown is a row)
        sql = (f"with counts as (\n{sql}\n)\nselect {dim}, tickets from (\n  select cast({dim} as varchar) as {dim}, "
               f"tickets, 0 as is_total from counts\n  union all\n  select '{total_label}', sum(tickets), 1 "
               f"from counts\n) as named\norder by is_total, tickets desc")
    interpretation = _interpret(q, filters, organisation_keys, grain, dim + (f", {dim2}" if dim2 else "") if dim else dim,
                                vocab, closed=("resolved" if closed and state_col == "resolved_at" else closed),
                                status_filter=status_filter, providers=provider_keys)
    if pooled:
        interpretation += f", {pooled}" if en else f", og {pooled}"
    if leaf_path:
        interpretation += (" (the subcategory as the category path «main > sub»: the export has one category column)"
                           if en else
                           " (underkategorien som kategoristien «hoved > under»: eksporten har én kategorikolonne)")
    if at_creation:
        interpretation += (", the group of each ticket's first event (at creation)" if en else
                           ", gruppen i sakens første hendelse (ved opprettelse)")
    if closed and weekday_state:
        interpretation += ((", by the day " + ("resolved" if state_col == "resolved_at" else "closed")) if en else
                           (", etter dagen saken ble " + ("løst" if state_col == "resolved_at" else "lukket")))
    if average and not dim and grain != "weekday" and not for_measure:
        members = member_conditions(organisation_keys, filters, value_conds, negated)
        found = None
        if members and q.has(*COMPARE_CUES) and member_average_asked(q):
            found = _member_average_reading(q, where_tickets, members[0], interpretation,
                                            chosen if chosen_filter else [], export_owners(vocab, chosen or tv.sources))
        found = found or _average_reading(q, tv, where_tickets, range_cond, date_col if not closed else "t." + state_col,
                                          grain, interpretation, chosen if chosen_filter else [], avg_years)
        if found is not None:
            return found
    # the exports cover only part of the period asked, or no period was asked and report figures
    # cover other years: the engine tries the report figures first
    # (by whole months: exports of 2023–2024 whose first ticket came on 2 January cover 2023)
    partial = bool(ranges) and not all(_month_start(tv.first) <= a and b <= _month_end(tv.last) for a, b in ranges)
    if not ranges and not filters and not dim and not status_filter and grain not in ("month", "week"):
        # (report figures are by year and quarter: a month or week grain only the exports can give)
        report_years = {y for m in ("cases", "ab_incidents") for ys in getattr(vocab, "coverage", {}).get(m, {}).values()
                        for y in ys}
        partial = bool(report_years - set(tv.years))
    # name the exports the figures came from (a period leaves a dateless export out)
    used_sources = [s for s in chosen if not ((ranges or grain) and s.dateless)]
    source = source_label(used_sources, en, table)
    # periods asked that the exports do not cover are said, never left out silently ("2014" of "2013 vs 2014")
    uncovered = [r for r in ranges if not tv.covers(*r)]
    note = coverage_note(q, used_sources, ranges)
    if uncovered:
        missing = ", ".join(_range_words(a, b, en) for a, b in uncovered)
        note = (f" The ticket exports do not cover {missing}; they cover {span(tv, True)}." if en else
                f" Saksdataene dekker ikke {missing}; de dekker {span(tv, False)}.")
    if ("priority" in (dim_col, dim2_col) or "priority" in filters) and one_priority_scale(q, tv, chosen):
        note += priority_note(tv, en, None if "priority" in (dim_col, dim2_col) else filters["priority"])
    if widened and not status_filter and "status" not in filters:
        # (rows an export marks as spam and the loader keeps out are said by the source label, never claimed counted)
        spam = not any(getattr(s, "junk", 0) for s in used_sources)
        note += (f" Every ticket is counted, whatever its status{' (spam included)' if spam else ''}." if en else
                 f" Alle saker er telt med, uansett status{' (også spam)' if spam else ''}.")
    if kinds:  # "brukarstøttesaker", "support tickets": a kind of ticket no field of the exports says
        said = ", ".join(f"«{k}»" for k in kinds)
        note += (f" Every ticket is counted: the exports have no category or field value matching {said}." if en else
                 f" Alle saker er telt: saksdataene har ingen kategori eller feltverdi som svarer til {said}.")
    period_keys = tuple(group_cols) if (compared and for_measure and grain and group_cols and not dim
                                        and not with_total and not qualify
                                        and len([r for r in ranges if tv.covers(*r)]) >= 2) else ()
    sentence = _sentence(interpretation, total=several_values, note=note, extremes=extremes)
    if dim_col == "priority_source" and not dim2_col and not (rank_high or rank_low) and not for_measure:
        levels = _export_levels(tv, chosen or tv.sources)
        # the breakdown's own two columns (the value, its count): no share or total beside them
        alias = re.match(r"(?is)\s*select\s+t\.priority_source as (\w+),((?:(?!\bfrom\b).)*?) as tickets\s+from\b", sql)
        if alias and " as " not in alias.group(2).lower() and len(set(levels.values())) < len(levels):
            # several of the export's values on one level: each level's count beside its values' own (the count stays
            # the last column)
            whens = " ".join(f"when {sql_str(raw)} then {sql_str(letter)}" for raw, letter in levels.items())
            key = alias.group(1)
            sql = (f"select m.{key}, sum(m.tickets) over (partition by case m.{key} {whens} end) as level_tickets, "
                   f"m.tickets\nfrom (\n{sql}\n) as m\norder by m.tickets desc")
        sentence = _with_levels(sentence, levels, en)
    return Reading(NAME, source, sql, interpretation, sentence=sentence,
                   chart=_chart(group_cols), empty_reason=("No tickets match." if en else "Ingen saker passer."),
                   partial=partial, period_keys=period_keys,
                   members=tuple(member_conditions(organisation_keys, filters, value_conds, negated)))


# the grains whose periods are named in words in a cell of their own
PERIOD_LABELS = ("month", "quarter", "week", "half")


def period_label_sql(grain: str, lang: str) -> str:
    """SQL (over the columns year, month, quarter, week, half, iso_year of a count by period) naming each period in
    words in the question's language: "august 2024", "3. kvartal 2024" / "Q3 2024", "uke 12 2024" / "week 12 2024"."""
    en = lang == "en"
    if grain == "month":
        names = "[" + ", ".join(sql_str(m[1 if en else 0]) for m in MONTH_NAMES) + "]"
        return f"{names}[month] || ' ' || year"
    if grain == "quarter":
        return "'Q' || quarter || ' ' || year" if en else "quarter || '. kvartal ' || year"
    if grain == "half":
        return ("case half when 1 then 'first half ' else 'second half ' end || year" if en else
                "half || '. halvår ' || year")
    word = "week" if en else "veke" if lang == "nn" else "uke"
    return f"'{word} ' || week || ' ' || iso_year"


def _extremes_words(columns, rows, en: bool) -> str:
    """"; flest: september 2024 (22), færrest: januar 2024 og februar 2024 (10); forskjell 12 saker, snitt 14,7 per
    periode": the highest and lowest periods (every one tied), the spread between them and the mean."""
    n = columns.index("tickets")
    rows = [r for r in rows if r[n] is not None]
    if len(rows) < 2:
        return ""
    counts = [r[n] for r in rows]
    hi, lo = max(counts), min(counts)
    join = " and " if en else " og "
    top = join.join(_label(columns, r, en) for r in rows if r[n] == hi)
    low = join.join(_label(columns, r, en) for r in rows if r[n] == lo)
    mean = format_number(sum(counts) / len(counts), 1)
    grain = next((g for g in ("week", "month", "quarter", "half", "weekday", "date", "year") if g in columns), "")
    per = {"week": ("week", "uke"), "month": ("month", "måned"), "quarter": ("quarter", "kvartal"),
           "half": ("half-year", "halvår"), "weekday": ("weekday", "ukedag"), "date": ("day", "dag"),
           "year": ("year", "år")}.get(grain, ("period", "periode"))[0 if en else 1]
    if en:
        return (f"; most: {top} ({format_number(hi)}), fewest: {low} ({format_number(lo)}); a spread of "
                f"{format_number(hi - lo)} tickets, mean {mean} per {per}")
    return (f"; flest: {top} ({format_number(hi)}), færrest: {low} ({format_number(lo)}); en forskjell på "
            f"{format_number(hi - lo)} saker, snitt {mean} per {per}")


def _average_reading(q: Question, tv, where: list[str], range_cond: str | None, date_col: str, grain: str | None,
                     interpretation: str, chosen, avg_years=()) -> Reading | None:
    """"How many tickets per day on average in July", "was week 33 above the weekly average": the mean
    count per period (every period of the grain with tickets), and the named period's own count beside it."""
    en = q.lang == "en"
    p = q.period
    avg_grain = average_grain(q) or ("day" if q.has(*DAY_CUES) else grain or ("week" if p.weeks else "month" if p.months else
                 "quarter" if p.quarters else "half" if p.halves else "year" if p.years else None))
    if avg_grain is None:
        return None
    if avg_grain == "day":
        exprs, cols = [date_col], ["day"]
    else:
        exprs, cols = _grain_expr(avg_grain, date_col.replace("t.", "") if date_col.startswith("t.") else date_col)
    grain_words = {"day": ("per day", "per dag"), "week": ("per ISO week", "per uke"), "month": ("per month", "per måned"),
                   "quarter": ("per quarter", "per kvartal"), "half": ("per half-year", "per halvår"),
                   "year": ("per year", "per år")}[avg_grain]
    per = grain_words[0 if en else 1]
    for g in ("per år", "per year", "per halvår", "per half-year", "per kvartal", "per quarter", "per måned",
              "per month", "per ISO-uke", "per ISO week"):
        interpretation = interpretation.replace(", " + g, "")
    dated = f"{date_col} is not null"
    if (range_cond is not None and q.has(*DEVIATION_CUES) and (q.has(*RANK_HIGH) or q.has(*RANK_LOW))
            and avg_grain in ("week", "month", "quarter", "half") and q.has(*GRAIN_NOUNS[avg_grain])
            and _periods_named(p) <= 1 and not getattr(p, avg_grain + "s", ())):
        # "which month in 2024 deviated most from the monthly average": the periods of the grain within the period
        # named, each against their mean; the one farthest from it (or nearest, when least is asked)
        return _deviation_rank(q, where, avg_grain, date_col, per, interpretation, chosen, q.has(*RANK_LOW) and not
                               q.has(*RANK_HIGH))
    compare = range_cond is not None and q.has(*COMPARE_CUES) and avg_grain != "day"
    if compare:  # the named period against the average over every period of the data
        others = [w for w in where if w != range_cond and w != dated] + [dated]
        # "mot snittet for de andre månedene i 2012": the other periods of the years asked, not every period
        rest = q.has(*OTHERS_CUES)
        if rest:
            others.append(f"not {range_cond}")
        if avg_years:  # "the 2025 monthly average": the periods of the years named with the mean
            others.append(f"year({date_col}) in ({', '.join(str(int(y)) for y in avg_years)})")
            scope = (f"{min(avg_years)}–{max(avg_years)}" if len(avg_years) > 1 and max(avg_years) - min(avg_years) == len(avg_years) - 1
                     else " ".join(str(y) for y in avg_years))
        elif rest or q.has(r"(?:i|in|for|of|over|during)\s+(?:\w+\s+){0,2}(?:19|20)\d\d\s*$",
                           r"(?:samme|same|that|det|dette|this)\s+(?:år\w*|year)"):
            if p.years:
                others.append(f"year({date_col}) in ({', '.join(str(int(y)) for y in p.years)})")
                scope = " ".join(str(y) for y in p.years)
            else:
                scope = ""
        else:
            scope = None
        group = ", ".join(str(i + 1) for i in range(len(exprs)))
        # the difference and its percent of the average are figures of the answer too, from the unrounded average;
        # two decimals: a mean of counts over 4 or 8 periods ends in .25 or .75, which one decimal would round at a
        # half (SQL half up, the display half even), so the rows and the sentence could disagree
        # (the size of the difference too: "how much did it deviate" asks how far, whichever way)
        sql = (f"select tickets, round(average, 2) as average_per_period, round(tickets - average, 2) as difference,\n"
               f"  round(100 * (tickets - average) / nullif(average, 0), 1) as change_pct,\n"
               f"  round(abs(tickets - average), 2) as difference_size\nfrom (\n"
               f"select count(*) as tickets,\n  (select avg(n) from (select {', '.join(exprs)}, count(*) as n "
               f"from fct_ticket as t where {' and '.join(others)} group by {group})) as average\n"
               f"from fct_ticket as t\nwhere " + "\n  and ".join(where) + "\n) as asked")
        if scope is None:
            interp = interpretation + (f", against the average {per} over all the data" if en else
                                       f", mot gjennomsnittet {per} i hele datagrunnlaget")
        else:
            interp = interpretation + (f", against the average {per}" + (" of the other periods" if rest else "")
                                       + (f" in {scope}" if scope else "") if en else
                                       f", mot gjennomsnittet {per}" + (" for de andre periodene" if rest else "")
                                       + (f" i {scope}" if scope else ""))

        def sentence(columns, rows, lang):
            n, a = rows[0][0], rows[0][1]
            if a is None:
                return ""
            word = (("above" if n > a else "below" if n < a else "equal to") if lang == "en" else
                    ("over" if n > a else "under" if n < a else "lik"))
            # the difference and its percent of the average beside the two figures
            diff = float(rows[0][2]) if len(rows[0]) > 2 and rows[0][2] is not None else float(n) - float(a)
            sign = "+" if diff > 0 else "−" if diff < 0 else "±"
            change = (float(rows[0][3]) if len(rows[0]) > 3 and rows[0][3] is not None else
                      100 * diff / float(a) if a else None)
            pct = f" ({sign}{format_number(abs(change), 1)} %)" if change is not None else ""
            return (f"{format_number(n)} tickets ({interp}); the average {per} is {format_number(a)}, so {word} "
                    f"the average: a difference of {sign}{format_number(abs(diff), 1)}{pct}." if lang == "en" else
                    f"{format_number(n)} saker ({interp}); gjennomsnittet {per} er {format_number(a)}, altså {word} "
                    f"gjennomsnittet: en forskjell på {sign}{format_number(abs(diff), 1)}{pct}.")
    else:
        inner = where + ([dated] if dated not in where else [])
        group = ", ".join(str(i + 1) for i in range(len(exprs)))
        sql = (f"select round(avg(n), 2) as average_tickets, count(*) as periods, sum(n) as tickets\nfrom (\n"
               f"  select {', '.join(exprs)}, count(*) as n\n  from fct_ticket as t\n  where "
               + "\n    and ".join(inner) + f"\n  group by {group}\n) as per_period")
        interp = (f"average number of tickets {per}" if en else f"gjennomsnittlig antall saker {per}") + (
            ", " + interpretation.split(", ", 1)[1] if ", " in interpretation else "")

        def sentence(columns, rows, lang):
            a, k, n = rows[0]
            return (f"{format_number(a)} tickets {per} on average ({interp}; {format_number(n)} tickets over "
                    f"{format_number(k)} periods with tickets)." if lang == "en" else
                    f"{format_number(a)} saker {per} i gjennomsnitt ({interp}; {format_number(n)} saker fordelt på "
                    f"{format_number(k)} perioder med saker).")
    # an average over fewer than two periods of the data says nothing: report figures may do better
    partial = compare and _periods_covered(tv, avg_grain) < 2
    return Reading(NAME, source_label(chosen, en, "fct_ticket"), sql, interp, sentence=sentence, partial=partial)


def member_conditions(organisation_keys, filters: dict, value_conds: list[str], negated=()) -> list[tuple[str, str]]:
    """(the SQL condition, the column) of each member the question names: an organisation (customer), else a value of
    a field ("kategori Lønn", "prioritet Critical"); a value left out ("ikke Lønn") is no member."""
    out = []
    if organisation_keys:
        out.append((in_list("t.organisation_key", organisation_keys), "organisation_key"))
    for (col, _), cond in zip(filters.items(), value_conds):
        if col not in negated and col != "source_system":
            out.append((cond, col))
    return out


def member_exports(cond: str) -> str:
    """SQL (alias t): the ticket is in an export that holds a ticket of the member `cond` names."""
    return f"t.source_system in (select distinct t.source_system from fct_ticket as t where {cond})"


# a figure compared with the average, as a phrase ("over snittet", "above the average", "higher than average",
# "sammenlignet med gjennomsnittet")
AVERAGE_COMPARED = (r"(?<!\w)(?:(?:ligger|ligg|lies|is|are|was|were|var|er)\s+)?(?:over|under|above|below|higher than|"
                    r"lower than|høyere enn|høgare enn|lavere enn|lågare enn|more than|less than|longer than|shorter than|"
                    r"lengre enn|kortere enn|sammenlignet med|samanlikna med|compared (?:with|to)|against|mot|enn|than)"
                    r"\s+(?:the\s+)?(?:snittet|gjennomsnittet|average|mean|snitt|gjennomsnitt)(?!\w)")


# the average of the members of a field, said as such ("snittet for kommunene", "the average customer")
_MEMBERS_MEAN = (r"(?:snittet|gjennomsnittet|average|mean)\s+(?:for|av|blant|of|across|among|over)\s+(?:alle\s+|all\s+"
                 r"(?:the\s+)?|de\s+andre\s+|dei\s+andre\s+|the\s+other\s+)?\w+",
                 r"(?:gjennomsnitts|snitt)(?:kommunen|kunden|kategorien|kategori|kunde|kommune)\w*",
                 r"average (?:customer|municipality|category|member|agent|group|priority)\w*")


# the words that say what a mean is over ("snittet for de fire medlemskommunene", "snittet per medlemskommune", "the
# average across all customers"), before the field's own word
_MEAN_OVER = (r"(?:snittet|gjennomsnittet|snitt|gjennomsnitt|average|mean)\s+(?:for|av|blant|per|pr\.?|of|across|"
              r"among|over)\s+(?:alle\s+|all\s+(?:the\s+)?|de\s+|dei\s+|the\s+)?(?:[\w-]+\s+)?")


def _mean_over(q: Question, dim: str) -> list[re.Match]:
    """Where the question says a mean is over the field ("snittet for de fire medlemskommunene")."""
    cues = "|".join(DIMENSIONS[dim][0])
    # ... or as the mean's adjective or compound ("the average member", "gjennomsnittskommunen")
    return list(re.finditer(r"(?<!\w)(?:" + _MEAN_OVER + r"|(?:average|mean)\s+|(?:gjennomsnitts|snitt)-?)(?:" + cues
                            + r")(?!\w)", q.text))


def field_of_mean(q: Question, tv, dim: str) -> bool:
    """The field is named as what a mean is over, and asked no other way ("<kommune> sammenlignet med snittet for de
    fire medlemskommunene", "snittet per medlemskommune"): the members the mean is of, no breakdown by the field."""
    found = _mean_over(q, dim)
    if not found:
        return False
    text = q.text
    for m in reversed(found):  # the mean's own word kept, what it is over left out
        text = text[:m.start()] + re.split(r"[\s-]", m.group(0))[0] + text[m.end():]
    return _dimension_asked(dataclasses.replace(q, text=text), tv)[0] != dim


def mean_over_stems(q: Question) -> set[str]:
    """The stems of the words saying what a mean is over ("the average member", "snittet for de fire
    medlemskommunene"): said of the mean, asking nothing of their own."""
    found = [m.group(0) for p in _MEMBERS_MEAN for m in re.finditer(p, q.text)]
    found += [m.group(0) for dim in DIMENSIONS for m in _mean_over(q, dim)]
    return {stem(w) for text in found for w in words(text)}


def member_average_asked(q: Question) -> bool:
    """A named member compared with the average ("Ligger <kommune> over snittet", "is <category> above average"):
    the mean over the members of its field, unless the question names a part of a year or the period the mean is of
    ("Q3 mot kvartalssnittet", "uke 33 over ukesnittet": that period against the mean of its periods)."""
    p = q.period
    if q.has(*_MEMBERS_MEAN) or any(_mean_over(q, dim) for dim in DIMENSIONS):
        return True
    if average_grain(q) or p.quarters or p.months or p.weeks or p.halves or p.tertials or p.pairs:
        return False
    return not q.has(*OTHERS_CUES)


def export_owners(vocab, sources) -> dict[str, str]:
    """The organisations whose whole name is written in an export's own name (the desk's own body, «<Navn> IKT» of
    <navn>_ikt_<system>_tickets.csv): the export's owner, no member among its customers."""
    held = {fold(w) for src in sources for w in src.words}
    return {key: str(name) for key, name in sorted((getattr(vocab, "organisation_names", {}) or {}).items())
            if (ws := {fold(w) for w in words(str(name))}) and ws <= held}


def _member_average_reading(q: Question, where: list[str], member: tuple[str, str], interpretation: str,
                            chosen, owners: dict[str, str] | None = None) -> Reading:
    """"Ligger <kommune> over snittet i antall saker i 2024": the member's count, and the mean count per member of
    its field (every customer, category, priority … with tickets, in the same exports and period; the desk's own
    body is none of its customers), the difference and above/below."""
    en = q.lang == "en"
    cond, col = member
    # (the exports that hold the member: another desk's customers are no members of its field)
    rest = [w for w in where if w != cond] + [member_exports(cond)]
    known = f"t.{col} is not null" + (" and t.organisation_key <> 'unknown'" if col == "organisation_key" else "")
    owners = owners if col == "organisation_key" else None
    left_out = ""
    if owners:
        # (the desk's own body among the tickets asked: left out of the members, and said so)
        known += f" and not {in_list('t.organisation_key', list(owners))}"
        left_out = (",\n  (select string_agg(distinct t.organisation_key, '|') from fct_ticket as t where "
                    + " and ".join([*rest, in_list('t.organisation_key', list(owners))]) + ") as left_out")
    sql = (f"select tickets, round(average, 2) as average_per_member, members,\n"
           f"  round(tickets - average, 2) as difference,\n"
           f"  round(100 * (tickets - average) / nullif(average, 0), 1) as change_pct{left_out}\nfrom (\n"
           f"select count(*) as tickets,\n"
           f"  (select avg(n) from (select t.{col}, count(*) as n from fct_ticket as t where "
           + " and ".join([*rest, known]) + " group by 1)) as average,\n"
           f"  (select count(distinct t.{col}) from fct_ticket as t where " + " and ".join([*rest, known])
           + ") as members\nfrom fct_ticket as t\nwhere " + "\n  and ".join(where) + "\n) as asked")
    field = _FIELD_NAMES.get(col, (col, col))[1 if en else 0]
    interp = interpretation + (f", against the average per {field}" if en else f", mot gjennomsnittet per {field}")

    def sentence(columns, rows, lang):
        r = dict(zip(columns, rows[0]))
        n, a = r["tickets"], r["average_per_member"]
        if a is None:
            return ""
        e = lang == "en"
        word = (("above" if n > a else "below" if n < a else "equal to") if e else
                ("over" if n > a else "under" if n < a else "lik"))
        diff = float(r["difference"])
        sign = "+" if diff > 0 else "−" if diff < 0 else "±"
        pct = f" ({sign}{format_number(abs(float(r['change_pct'])), 1)} %)" if r["change_pct"] is not None else ""
        out = [(owners or {}).get(k, k) for k in str(r.get("left_out") or "").split("|") if k]
        said = (" and " if e else " og ").join(out)
        without = ((f"; {said}, whose own export it is, is not counted as one" if e else
                    f"; {said} selv, som eksporten tilhører, er ikke regnet med") if out else "")
        return (f"{format_number(n)} tickets ({interp}); the average per {field} is {format_number(a)} "
                f"({format_number(r['members'])} with tickets{without}), so {word} the average: a difference of "
                f"{sign}{format_number(abs(diff), 1)}{pct}." if e else
                f"{format_number(n)} saker ({interp}); gjennomsnittet per {field} er {format_number(a)} "
                f"({format_number(r['members'])} med saker{without}), altså {word} gjennomsnittet: en forskjell på "
                f"{sign}{format_number(abs(diff), 1)}{pct}.")
    return Reading(NAME, source_label(chosen, en, "fct_ticket"), sql, interp, sentence=sentence)


def _deviation_rank(q: Question, where: list[str], grain: str, date_col: str, per: str, interpretation: str,
                    chosen, nearest: bool) -> Reading:
    """The period of a grain (exprs, cols) whose count lies farthest from (nearest: closest to) the mean count of
    the periods with tickets within the tickets asked (where), with its count, the mean and the difference."""
    en = q.lang == "en"
    exprs, cols = _grain_expr(grain, date_col[2:] if date_col.startswith("t.") else date_col)
    group = ", ".join(str(i + 1) for i in range(len(exprs)))
    order = "asc" if nearest else "desc"
    sql = (f"with per_period as (\n  select {', '.join(f'{e} as {c}' for e, c in zip(exprs, cols))}, count(*) as n\n"
           f"  from fct_ticket as t\n  where " + "\n    and ".join(where) + f"\n  group by {group}\n),\n"
           f"mean as (select avg(n) as average from per_period)\n"
           f"select {period_label_sql(grain, q.lang)} as period, {', '.join(cols)}, n as tickets,\n"
           f"  round(average, 2) as average_per_period,\n"
           f"  round(n - average, 2) as difference, (select count(*) from per_period) as periods\n"
           f"from per_period, mean\nqualify rank() over (order by abs(n - average) {order}) = 1\n"
           f"order by {', '.join(cols)}")
    word = ("nearest to" if nearest else "farthest from") if en else ("nærmest" if nearest else "lengst fra")
    interp = interpretation + (f", the period {word} the average {per}" if en else
                               f", perioden {word} gjennomsnittet {per}")

    def sentence(columns, rows, lang):
        e = lang == "en"
        a, k = rows[0][columns.index("average_per_period")], rows[0][columns.index("periods")]
        parts = []
        for row in rows:
            r = dict(zip(columns, row))
            d = float(r["difference"])
            sign = "+" if d > 0 else "−" if d < 0 else "±"
            parts.append(f"{r['period']}: {format_number(r['tickets'])} "
                         + ("tickets" if e else "saker") + f" ({sign}{format_number(abs(d), 1)})")
        return ((f"{'Nearest to' if nearest else 'Farthest from'} the average ({interp}): " if e else
                 f"{'Nærmest' if nearest else 'Lengst fra'} gjennomsnittet ({interp}): ") + "; ".join(parts)
                + (f"; the average {per} is {format_number(a)} over {format_number(k)} periods with tickets." if e else
                   f"; gjennomsnittet {per} er {format_number(a)} over {format_number(k)} perioder med saker."))
    return Reading(NAME, source_label(chosen, en, "fct_ticket"), sql, interp, sentence=sentence)


def _month_start(d):
    return d.replace(day=1)


def _month_end(d):
    return (d.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)


def _periods_covered(tv, grain: str) -> int:
    """How many periods of a grain the exports' created dates touch (first to last)."""
    if not (tv.first and tv.last):
        return 0
    a, b = tv.first, tv.last
    if grain == "day":
        return (b - a).days + 1
    if grain == "week":
        return (b - a).days // 7 + 1
    months = (b.year - a.year) * 12 + b.month - a.month
    return {"month": months + 1, "quarter": (b.year - a.year) * 4 + (b.month - 1) // 3 - (a.month - 1) // 3 + 1,
            "half": (b.year - a.year) * 2 + (b.month > 6) - (a.month > 6) + 1, "year": b.year - a.year + 1}[grain]


MONTH_NAMES = tuple((month_name(m), month_name(m, "en")) for m in range(1, 13))  # (Norwegian, English)


def span(tv, en: bool) -> str:
    """The months the exports (or one source, a TicketSource) cover, in words ("juli–september 2021")."""
    a = MONTH_NAMES[tv.first.month - 1][en]
    b = MONTH_NAMES[tv.last.month - 1][en]
    if tv.first.year == tv.last.year:
        return f"{a}–{b} {tv.last.year}" if a != b else f"{a} {tv.last.year}"
    return f"{a} {tv.first.year}–{b} {tv.last.year}"


def _source_names(sources) -> str:
    return ", ".join(f"«{s.label}»" + (f" ({s.system})" if not s.keyed else "")
                     for s in sources)


def coverage_refusal(q: Question, chosen, ranges, name: str, what: str | None = None) -> Refusal | None:
    """The sources the question names do not cover the period asked (a Zendesk export that ends in 2023, asked for
    March 2024): say what they cover, never answer 0 as if the system had no tickets then."""
    dated = [s for s in chosen if not s.dateless and s.first]
    if not ranges or not dated or any(s.covers(a, b) for s in dated for a, b in ranges):
        return None
    return _span_refusal(q, dated, name, what or q.period.describe(q.lang),
                         "The export asked about does not cover {what}, so it cannot say how many tickets it had then: "
                         "it covers {spans}.",
                         "Eksporten det spørres om dekker ikke {what}, så den kan ikke si hvor mange saker den hadde da: "
                         "den dekker {spans}.")


def _span_refusal(q: Question, sources, name: str, what: str, en_text: str, nb_text: str) -> Refusal:
    """An unanswerable answer about the period the sources cover: the text (with {what} and {spans}, each source's
    name and the months it covers) in the question's language, the sources and the period as the interpretation."""
    en = q.lang == "en"
    spans = "; ".join(f"{_source_names([s])} {span(s, en)}" for s in sources)
    return Refusal(name, "unanswerable", (en_text if en else nb_text).format(what=what, spans=spans),
                   interpretation=("tickets of " if en else "saker i ") + _source_names(sources) + f", {what}")


# the whole of a period asked ("i hele 2025", "the whole of 2025", "for the full year 2025")
WHOLE_PERIOD = (r"(?:gjennom\s+)?(?:hele|heile|heila)\s+(?:året\s+|kalenderåret\s+)?(?:19|20)\d\d",
                r"(?:the\s+)?(?:whole|entire|full)\s+(?:of\s+)?(?:(?:calendar\s+)?year\s+)?(?:19|20)\d\d",
                r"all\s+of\s+(?:19|20)\d\d", r"(?:19|20)\d\d\s+(?:as a whole|in full|i sin helhet)")
PARTIAL_DAYS = 31  # an export that ends (or starts) more than a month inside the period asked covers part of it


def whole_period_refusal(q: Question, chosen, ranges, name: str) -> Refusal | None:
    """"Hvor mange saker ble meldt i hele 2025?" when an export asked ends (or starts) well inside that period (its last
    ticket in June): its count is no count of the whole period, so the question is unanswerable; the answer says
    which months the export covers."""
    from datetime import timedelta

    if not ranges or not q.has(*WHOLE_PERIOD):
        return None
    start, end = min(a for a, _ in ranges), max(b for _, b in ranges)
    partial = [s for s in chosen if not s.dateless and s.first and s.last and s.covers(start, end) and (
        s.last < end - timedelta(days=PARTIAL_DAYS) or s.first > start + timedelta(days=PARTIAL_DAYS))]
    if not partial:
        return None
    return _span_refusal(q, partial, name, q.period.describe(q.lang),
                         "The whole of {what} is not in the material: the export covers only part of it ({spans}), so "
                         "the count for the whole period cannot be given.",
                         "Hele {what} finnes ikke i materialet: eksporten dekker bare en del av perioden ({spans}), så "
                         "antallet for hele perioden kan ikke oppgis.")


def coverage_note(q: Question, chosen, ranges) -> str:
    """Several sources counted over a period some of them do not cover: name those and the months they do cover
    (their count for the period is no count of the system's tickets then)."""
    dated = [s for s in chosen if not s.dateless and s.first]
    if not ranges or len(dated) < 2:
        return ""
    out = [s for s in dated if not any(s.covers(a, b) for a, b in ranges)]
    if not out or len(out) == len(dated):
        return ""
    en = q.lang == "en"
    spans = "; ".join(f"{_source_names([s])} {span(s, en)}" for s in out)
    return (f" Not every export covers the period asked: {spans}." if en else
            f" Ikke alle eksportene dekker perioden det spørres om: {spans}.")


def one_priority_scale(q: Question, tv, chosen=None) -> bool:
    """Priorities are counted on the one scale (fct_ticket.priority) when the tickets counted come from more than one
    export that records a priority: their values as exported are different scales ("Urgent", "1 - Kritisk", "P1").
    Within one export its own values answer, as exported ("Blocker", "Trivial")."""
    if "priority" not in tv.columns or not getattr(tv, "priority_map", None):
        return False
    if chosen is None:
        chosen, _ = selected_sources(q, tv)
    return len([s for s in (chosen or tv.sources) if "priority" in s.filled]) > 1


def priority_names(q: Question, tv, letters, en: bool, chosen=None) -> list[str]:
    """The levels filtered on as an answer names them: over several exports the one scale's words ("1 – Kritisk"),
    within one export the values it exported for them ("A - Forretningskritisk"), else the letters."""
    if tv is None:
        return [str(v) for v in letters]
    if chosen is None:
        chosen, _ = selected_sources(q, tv)
    if one_priority_scale(q, tv, chosen):
        return [priority_label(v, en) for v in letters]
    by_system = getattr(tv, "priority_by_system", {}) or {}
    systems = [s.system for s in (chosen or tv.sources) if s.system in by_system]
    named = []
    for v in letters:
        raws = list(dict.fromkeys(r for system in systems for r in by_system[system].get(v, [])))
        named.append(", ".join(raws) if raws else str(v))
    return named


def _export_levels(tv, sources) -> dict[str, str]:
    """The priority values as the given exports wrote them, each with its level of the one scale (A-D)."""
    by_system = getattr(tv, "priority_by_system", {}) or {}
    return {raw: letter for s in sources for letter, raws in by_system.get(s.system, {}).items() for raw in raws}


def _with_levels(sentence, levels: dict[str, str], en: bool):
    """A breakdown by one export's own priority values that puts several of them on one level of the one scale
    ("2 low" and "1 very low" both 4 – Low): the levels' counts said after the values' own."""
    def wrapped(columns, rows, lang) -> str:
        text = sentence(columns, rows, lang)
        col = next((x for x in ("priority_source", "priority") if x in columns), None)
        if col is None or "tickets" not in columns:
            return text
        c, n = columns.index(col), columns.index("tickets")
        sums: dict[str, int] = {}
        names: dict[str, list[str]] = {}
        for r in rows:
            letter = levels.get(str(r[c]))
            if letter is None or r[n] is None:
                continue
            sums[letter] = sums.get(letter, 0) + r[n]
            names.setdefault(letter, []).append(str(r[c]))
        if not any(len(v) > 1 for v in names.values()):
            return text
        parts = "; ".join(f"{priority_label(k, en)}: {format_number(sums[k])}"
                          + (f" ({' + '.join(names[k])})" if len(names[k]) > 1 else "") for k in sorted(sums))
        return text + (f" On the one priority scale all exports are mapped to: {parts}." if en else
                       f" På den felles prioritetsskalaen alle eksportene er kartlagt til: {parts}.")
    return wrapped


def priority_label(letter: str, en: bool) -> str:
    """A level of the priority scale as an answer names it ("1 – Kritisk", "2 – High")."""
    from flows.tickets.presets import PRIORITY_LEVELS

    return PRIORITY_LEVELS.get(str(letter), (str(letter), str(letter)))[1 if en else 0]


def priority_label_sql(column: str, en: bool) -> str:
    """SQL: the level of the priority scale in `column` (A-D) as an answer names it."""
    from flows.tickets.presets import PRIORITY_LEVELS

    whens = " ".join(f"when {sql_str(k)} then {sql_str(v[1 if en else 0])}" for k, v in PRIORITY_LEVELS.items())
    return f"case {column} {whens} else {column} end"


def priority_note(tv, en: bool, letters=None) -> str:
    """How the exports' priorities were mapped to the one scale, the values as exported per level (the commonest
    first, a long list cut): said with every answer by or about priority."""
    mapping = getattr(tv, "priority_map", {}) or {}
    if not mapping:
        return ""
    shown = []
    for letter in sorted(mapping):
        if letters and letter not in letters:
            continue
        raws = mapping[letter]
        listed = ", ".join(f"«{r}»" for r in raws[:8]) + (f" (+{len(raws) - 8})" if len(raws) > 8 else "")
        shown.append(f"{priority_label(letter, en)}: {listed}")
    if not shown:
        return ""
    return (" Priorities of every export are mapped to one scale (1 – Critical … 4 – Low); values as exported: "
            if en else " Prioritetene i eksportene er kartlagt til én skala (1 – Kritisk … 4 – Lav); verdier slik de "
            "er eksportert: ") + "; ".join(shown) + "."


def system_label_sql(tv) -> str:
    """The source system as an answer names it: an inferred mapping's system by its export file."""
    inferred = [s for s in getattr(tv, "sources", []) or [] if s.keyed]
    if not inferred:
        return "t.source_system"
    whens = " ".join(f"when {sql_str(s.system)} then {sql_str(s.label)}" for s in inferred)
    return f"case t.source_system {whens} else t.source_system end"


# (bokmål, English) words of the loader's channel codes (flows.tickets.model.CHANNELS), for sentences
CHANNEL_NAMES = {"phone": ("telefon", "phone"), "email": ("e-post", "email"), "portal": ("portal", "portal"),
                 "chat": ("chat", "chat"), "walk_in": ("oppmøte", "walk-in"), "other": ("annet", "other")}

def channel_label_sql(column: str, en: bool) -> str:
    """SQL: a channel code as an answer in the question's language names it (CHANNEL_NAMES)."""
    whens = " ".join(f"when {sql_str(code)} then {sql_str(names[en])}" for code, names in CHANNEL_NAMES.items())
    return f"case {column} {whens} else {column} end"


# (bokmål, English) names of the ticket fields, for sentences
_FIELD_NAMES = {"category": ("kategori", "category"), "category_main": ("hovedkategori", "main category"),
                "subcategory": ("underkategori", "subcategory"),
                "priority_source": ("prioritet", "priority"), "priority": ("prioritet", "priority"),
                "status": ("status", "status"), "status_source": ("status", "status"),
                "channel": ("kanal", "channel"), "assignment_group": ("operatørgruppe", "assignment group"),
                "source_system": ("kildesystem", "source system"), "customer_name": ("kunde", "customer"),
                "organisation_key": ("kunde", "customer"), "customer": ("kunde", "customer"),
                # (the breakdowns' own names, DIMENSIONS: an interpretation names the field in words, never the key)
                "main_category": ("hovedkategori", "main category"), "group": ("operatørgruppe", "assignment group"),
                "system": ("kildesystem", "source system")}


def values_counted_apart(q: Question) -> bool:
    """Several values of one field named are counted one by one, not summed: no word asks their total ("til sammen",
    "or"); or a ranking lists them with "or" ("meldte Oppvekst eller Helse og omsorg flest saker?": the ones compared;
    an "or" without a ranking is one count of both, "saker i Lønn eller Reise")."""
    if not q.has(*TOTAL_CUES):
        return True
    return q.has(*RANK_HIGH, *RANK_LOW) and not q.has(*(c for c in TOTAL_CUES if c not in ORS))


def field_label(column: str, en: bool) -> str:
    """A ticket field in words for an interpretation ("kategori", "category"), never its key ("category_main")."""
    return _FIELD_NAMES.get(column, (column.replace("_source", "").replace("_", " "),) * 2)[en]


def _glosses(q: Question, used: set[str]) -> set[str]:
    """Words in parentheses right after a value the filters took ("priority A (business-critical)", "kategori
    Passord (glemt passord)"): they describe that value, so they are no field the exports lack."""
    out: set[str] = set()
    for m in re.finditer(r"([\w-]+)\s*\(([^()]{1,60})\)", q.raw):
        before = m.group(1).lower()
        if before in used or stem(before) in used:
            out |= {stem(w) for w in words(m.group(2))} | set(words(m.group(2)))
    # and the other way round: a value the filters took written in parentheses after the question's own words for it
    # ("the health and care sector (Helse og omsorg)"): up to four words before it describe that value
    for m in re.finditer(r"((?:[\w-]+\s+){1,4})\(([^()]{1,60})\)", q.raw):
        inside = [w for w in words(m.group(2)) if len(w) >= 3]
        if inside and all(w in used or stem(w) in used for w in inside):
            out |= {stem(w) for w in words(m.group(1))} | set(words(m.group(1)))
    return out


def _listed_values(q: Question) -> set[str]:
    """Words of a bracketed list in a breakdown question ("per channel in 2024 (e-mail, chat, phone, web form)"): the
    values the breakdown is expected to show, said again — no field the exports lack."""
    out: set[str] = set()
    for m in re.finditer(r"\(([^()]{1,120})\)", q.raw):
        if re.search(r",|\s(?:og|and|eller|or|och)\s|/", m.group(1)):
            out |= {stem(w) for w in words(m.group(1))} | set(words(m.group(1)))
    return out


def _fields(tv, en: bool) -> str:
    names = _FIELD_NAMES
    have = list(dict.fromkeys(names[d][1 if en else 0] for d in tv.values if d in names))
    period = span(tv, en) if tv.first else ""
    return (", ".join(have) + (f" for {period}" if period else "")) if have else period


def holdings(tv, en: bool) -> str:
    """What the ticket exports hold, in plain words: tickets by their fields, the measures their times and counts give
    (resolution time, first response, reopenings, SLA, phone waiting time) and their other columns by header, for
    the period they cover: said when a question asks for something they do not hold."""
    fields = _fields(tv, en)
    measures = [("the number of tickets", "antall saker")]
    if tv.has_resolved_at or tv.has_closed_at:
        measures.append(("resolution time", "løsningstid"))
    if tv.has_first_response:
        measures.append(("time to first response", "tid til første respons"))
    measured = getattr(tv, "lifecycle_measured", {}) or {}
    if measured.get("reopen_count") or measured.get("is_reopened"):
        measures.append(("reopenings", "gjenåpninger"))
    if measured.get("is_sla_met"):
        measures.append(("SLA met", "SLA oppnådd"))
    if getattr(tv, "phone_wait", False):
        measures.append(("phone waiting time", "ventetid på telefon"))
    said = ", ".join(m[0 if en else 1] for m in measures)
    others = sorted(tv.attributes)[:8]
    columns = ", ".join(f"«{a}»" for a in others)
    if len(tv.attributes) > 8:
        columns += f" and {len(tv.attributes) - 8} more" if en else f" og {len(tv.attributes) - 8} til"
    if en:
        return f"{said}, by {fields}" + (f"; other columns: {columns}" if columns else "")
    return f"{said}, etter {fields}" + (f"; andre kolonner: {columns}" if columns else "")


# a ticket open now: "åpne saker", "er fortsatt åpne", "still open", "are open"
OPEN_CUES = (r"åpne saker", r"opne saker", r"open tickets", r"open issues", r"open cases", r"still open",
             r"fortsatt åpne?", r"framleis opne?", r"(?:er|står|is|are|remain|remains)\s+(?:still\s+)?(?:åpne?|opne?|open)")
RESOLVED_CUES = (r"løst\w*", r"løyst\w*", r"løste", r"resolved", r"solved", r"fixed", r"ferdigmeldt\w*")
UNRESOLVED_CUES = (r"uløst\w*", r"uløyst\w*", r"unresolved", r"unsolved", r"(?:ikke|ikkje|aldri|not|never|not yet|"
                   r"ennå ikke|enno ikkje|ikke ennå) (?:blitt |vorte |been |yet )?(?:løst\w*|løyst\w*|resolved|solved)")
_RESOLVED_MARK = "/* resolved */ "


def _resolved_condition(tv, negated: bool = False) -> str | None:
    """A ticket counted as resolved: a resolved or closed time, or a final latest status (resolved/closed); the
    columns the exports fill decide which of them can say so. None when none can."""
    parts = []
    if "resolved_at" in tv.columns and getattr(tv, "has_resolved_at", False):
        parts.append("t.resolved_at is not null")
    if "closed_at" in tv.columns and getattr(tv, "has_closed_at", False):
        parts.append("t.closed_at is not null")
    if "is_resolved" in tv.columns:
        parts.append("t.is_resolved")
    if not parts:
        return None
    cond = "coalesce(" + " or ".join(parts) + ", false)"
    if negated:
        return _RESOLVED_MARK + "not " + cond
    if "status" in tv.columns and "cancelled" in (getattr(tv, "raw_values", {}) or {}).get("status", ()):
        # a cancelled ticket has a closed time but was never resolved (nor is it open)
        cond += " and coalesce(t.status, '') <> 'cancelled'"
    return _RESOLVED_MARK + cond


def _interpret(q, filters, orgs, grain, dim, vocab, closed=False, status_filter=None, providers=()) -> str:
    en = q.lang == "en"
    bits = ["number of tickets" if en else "antall saker"]
    if status_filter and status_filter.startswith(_RESOLVED_MARK):
        negated = status_filter.startswith(_RESOLVED_MARK + "not ")
        uncancelled = "<> 'cancelled'" in status_filter
        bits.append(("not resolved" if negated else "resolved") + " (a resolved or closed time, or a final status"
                    + (", not cancelled)" if uncancelled else ")")
                    if en else ("ikke løst" if negated else "løst") + " (løst- eller lukket-tid, eller endelig status"
                    + (", ikke kansellert)" if uncancelled else ")"))
    elif status_filter and (status_filter.startswith("not ") or status_filter.endswith(" is null")):
        bits.append("not closed" if en else "ikke lukket")
    elif status_filter and "is_resolved" in status_filter:
        bits.append("resolved or closed (latest status)" if en else "løst eller lukket (siste status)")
    elif status_filter:
        bits.append("closed" if en else "lukket")
    tv = vocab.data.tickets if getattr(vocab, "data", None) is not None else None
    left_out = negated_columns(q, filters, tv)
    for col, values in filters.items():
        negated = col in left_out
        if col == "priority":  # several exports: the level of the one scale, in words; one: its own values
            values = priority_names(q, tv, values, en)
        bits.append(f"{field_label(col, en)} {'≠' if negated else '='} {', '.join(values)}")
    for _, col in missing_fields(q, tv) if tv is not None else ():
        label = _FIELD_NAMES.get(col, (col, col))[1 if en else 0]
        bits.append(f"{label} missing" if en else f"uten {label}")
    if orgs:
        bits.append(", ".join(vocab.organisation_names.get(k, k) for k in orgs))
    if providers:
        bits.append(", ".join(vocab.organisation_names.get(k, k) for k in providers)
                    + (" (logged at its service desk)" if en else " (registrert i tjenestens brukerstøtte)"))
    period = q.period.describe(q.lang)
    if period:
        resolved = closed == "resolved"
        bits.append((("resolved in " if resolved else "closed in ") if closed else "") + period if en else
                    (("løst i " if resolved else "lukket i ") if closed else "") + period)
    grain_names = {"year": ("per år", "per year"), "half": ("per halvår", "per half-year"),
                   "quarter": ("per kvartal", "per quarter"), "month": ("per måned", "per month"),
                   "week": ("per ISO-uke", "per ISO week"), "weekday": ("per ukedag", "per weekday"),
                   "day": ("per dag", "per day")}
    if grain:
        bits.append(grain_names[grain][en])
    if dim:
        bits.append(("by " if en else "fordelt på ") + _FIELD_NAMES.get(dim, (dim.replace("_", " "),) * 2)[en])
    return ", ".join(bits)


WEEKDAYS = (("mandag", "Monday"), ("tirsdag", "Tuesday"), ("onsdag", "Wednesday"), ("torsdag", "Thursday"),
            ("fredag", "Friday"), ("lørdag", "Saturday"), ("søndag", "Sunday"))


def _label(columns, row, en: bool = False) -> str:
    if "period" in columns and row[columns.index("period")]:
        return str(row[columns.index("period")])  # the period in words ("august 2024")
    parts = []
    skip = ("tickets", "share_pct", "change", "change_pct", WITHOUT_CUSTOMER, WITHOUT_CUSTOMER_EXPORTS, "level_tickets")
    keys = [v for c, v in zip(columns, row) if c not in skip]
    if keys and all(v is None for v in keys):
        return "in all" if en else "til sammen"  # the total row of a breakdown
    for c, v in zip(columns, row):
        if c in skip:
            continue
        if c == "weekday" and isinstance(v, int) and 1 <= v <= 7:
            parts.append(WEEKDAYS[v - 1][en])
            continue
        if c == "channel" and v in CHANNEL_NAMES:
            parts.append(CHANNEL_NAMES[v][en])  # the loader's channel codes in the answer's language
            continue
        if c == "quarter":
            parts.append(f"Q{v}")
        elif c == "half":
            parts.append(f"H{v}")
        elif c == "week":
            parts.append(f"uke {v}")
        elif c == "month":
            parts.append(f"{int(v):02d}")
        else:
            parts.append(str(v))
    if "month" in columns and "year" in columns:
        y, m = row[columns.index("year")], row[columns.index("month")]
        rest = [str(v) for c, v in zip(columns, row) if c not in ("year", "month") + skip]
        return " ".join([f"{y}-{int(m):02d}", *rest])
    return " ".join(parts)


def _range_words(a, b, en: bool) -> str:
    """A period as words: "2014", "Q1 2014", "mars 2014", else its first and last day."""
    if (a.month, a.day, b.month, b.day) == (1, 1, 12, 31) and a.year == b.year:
        return str(a.year)
    if a.day == 1 and a.year == b.year and (b + timedelta(days=1)).day == 1:
        months = b.month - a.month + 1
        if months == 1:
            return f"{MONTH_NAMES[a.month - 1][en]} {a.year}"
        if months == 3 and a.month % 3 == 1:
            return f"Q{(a.month + 2) // 3} {a.year}"
    return f"{a.isoformat()}–{b.isoformat()}"


# the nouns a ticket is called by: a compound ending in one names a kind of ticket ("brukarstøttesaker")
# words that name a kind of ticket by what the desk does (language data): "brukarstøttesaker", "support tickets"
KIND_STEMS = DESCRIPTIVE | {stem(w) for w in """brukerstøtte brukarstøtte support programvare software hjelp help drift
driftssak operations teknisk technical""".split()}
TICKET_NOUNS = r"(?:saker|sakene|saka|sak|saken|tickets?|cases?|henvendelser|henvendelsene|henvendelse|førespurnader)"


def kinds_not_filtered(q: Question, used: set[str], filters: dict) -> list[str]:
    """The kinds of ticket the question names that no filter took: the first part of a compound ending in a ticket
    noun ("brukarstøttesaker" -> "brukarstøtte"), or an English word right before one ("support tickets") that
    only describes the desk (DESCRIPTIVE). A part a filter used ("telefonsaker" by channel) is not among them."""
    taken = set(used) | {stem(v) for values in filters.values() for v in values for v in words(str(v))}

    def free(part: str) -> bool:
        s = stem(part)
        return len(part) >= 4 and s not in taken and not any(len(t) >= 4 and (s.startswith(t) or t.startswith(s))
                                                            for t in taken)

    out = []
    ws = words(q.text)
    for i, w in enumerate(ws):
        m = re.fullmatch(r"([a-zæøå]{4,}?)-?" + TICKET_NOUNS, w)
        if m and stem(m.group(1)) in KIND_STEMS and free(m.group(1)) and stem(m.group(1)) not in COMPARE_STEMS:
            out.append(m.group(1))
        elif i + 1 < len(ws) and re.fullmatch(TICKET_NOUNS, ws[i + 1]) and stem(w) in KIND_STEMS and free(w) \
                and stem(w) not in COMPARE_STEMS \
                and w not in ("desk", "service", "company", "selskap", "selskapet"):
            out.append(w)
    return out


def close_value(word: str, raw_values: dict) -> tuple[str, str] | None:
    """(field, value) of a value as exported that `word` writes in another form ("brukarstøtte" ~ "Brukerstøtte",
    nynorsk and bokmål; rapidfuzz ratio 85 or more), or None."""
    from rapidfuzz import fuzz

    best = None
    for dim, values in raw_values.items():
        for v in values:
            score = fuzz.ratio(word.lower(), str(v).lower())
            if score >= 85 and (best is None or score > best[0]):
                best = (score, dim, v)
    return (best[1], best[2]) if best else None


def _sentence(interpretation: str, total: bool = False, note: str = "", extremes: bool = False):
    """`total`: the rows are the values the question named ("Blocker og Critical"), so their sum is said too.
    `note`: what the answer leaves out (a period the exports do not cover). `extremes`: the highest and lowest periods
    and the spread between them are said after the periods."""
    base = _sentence_rows(interpretation, total)

    def sentence(columns, rows, lang) -> str:
        text = base(columns, rows, lang)
        if extremes:
            text = text[:-1] + _extremes_words(columns, rows, lang == "en") + "."
        return text + note
    return sentence


def _change_words(columns, rows, en: bool) -> str:
    """", change from the earlier period: +120 (+12.5 %)": each period's change from the one before it, its percent
    always of the earlier period."""
    if "change" not in columns:
        return ""
    c, pct = columns.index("change"), columns.index("change_pct")
    parts = [f"{_label(columns, r, en)} {'+' if r[c] >= 0 else '−'}{format_number(abs(r[c]))}"
             + (f" ({'+' if r[pct] >= 0 else '−'}{format_number(abs(r[pct]), 1)} %)" if r[pct] is not None else "")
             for r in rows if r[c] is not None]
    if not parts:
        return ""
    return ("; change from the period before: " if en else "; endring fra perioden før: ") + ", ".join(parts)


def _sentence_rows(interpretation: str, total: bool = False):
    def sentence(columns, rows, lang) -> str:
        en = lang == "en"
        n = columns.index("tickets")
        if len(rows) == 1 and len(columns) == 1:
            return (f"{format_number(rows[0][n])} tickets ({interpretation})." if en else
                    f"{format_number(rows[0][n])} saker ({interpretation}).")
        tail = ""
        if total and len(rows) > 2 and rows[-1][0] in ("in all", "til sammen"):
            tail = f" ({rows[-1][0]} {format_number(rows[-1][n])})"
            rows = rows[:-1]
        pct = columns.index("share_pct") if "share_pct" in columns else None
        shown = "; ".join(f"{_label(columns, r, en)}: {format_number(r[n])}"
                          + (f" ({format_number(r[pct], 1)} %)" if pct is not None and r[pct] is not None else "")
                          for r in rows[:24])
        more = (f" … ({len(rows)} rows in all)" if en else f" … ({len(rows)} rader i alt)") if len(rows) > 24 else ""
        return (f"Tickets ({interpretation}): " if en else f"Saker ({interpretation}): ") + shown + more + tail \
            + _change_words(columns, rows, en) + "." + _customers_left_out(columns, rows, en)
    return sentence


def _customers_left_out(columns, rows, en: bool) -> str:
    """What a breakdown by customer leaves out, said: the tickets of exports without a customer column (how many,
    from which exports), and the tickets counted as "(ukjent)" (an empty customer cell)."""
    out = ""
    if WITHOUT_CUSTOMER in columns and rows:
        n = rows[0][columns.index(WITHOUT_CUSTOMER)]
        exports = rows[0][columns.index(WITHOUT_CUSTOMER_EXPORTS)] if WITHOUT_CUSTOMER_EXPORTS in columns else None
        if n:
            named = ", ".join(f"«{x.rsplit(' ', 1)[0]}»: {format_number(int(x.rsplit(' ', 1)[1]))}"
                              for x in str(exports or "").split(", ") if " " in x)
            out += (f" Left out: {format_number(n)} tickets from exports without a customer column ({named})." if en
                    else f" Holdt utenfor: {format_number(n)} saker fra eksporter uten kundekolonne ({named}).")
    label = UNKNOWN_CUSTOMER[1 if en else 0]
    unknown = [r for r in rows if label in r[:len(columns)] and "tickets" in columns]
    if unknown:
        n = sum(r[columns.index("tickets")] or 0 for r in unknown)
        out += (f" «{label}»: {format_number(n)} tickets whose customer cell is empty." if en else
                f" «{label}»: {format_number(n)} saker med tom kundecelle.")
    return out


def _chart(group_cols):
    def chart(columns, rows):
        rows = [r for r in rows if r[0] not in ("in all", "til sammen", None)]  # a sum is no bar
        if len(rows) < 2 or not group_cols:
            return None
        x = group_cols[-1]
        time = x in ("year", "quarter", "month", "week", "half")
        return {"kind": "line" if time and len(rows) > 4 else "bar", "x": x, "y": "tickets",
                **({"color": "year"} if time and x != "year" and "year" in columns else {})}
    return chart
