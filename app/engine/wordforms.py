"""Norwegian (bokmål, nynorsk) and English word forms, done by libraries.

- stems: the Snowball Norwegian stemmer (snowballstemmer), so "driftsinntektene" ~ "driftsinntekter";
- spelling variants between nynorsk and bokmål on stems ("sjukefråvær" ~ "sykefravær"), and the accounting words of
  Swedish and Danish statements ("Långfristiga skulder" ~ "langsiktig gjeld", SV_DA_TO_NB);
- compounds: a word is split into stems the vocabulary knows ("lønnsutgifter" ~ "lønn" + "utgift");
- typos: rapidfuzz ratios on stems of seven letters or more.

`LabelIndex` matches a question against labels as written in the warehouse (account lines, table
rows, ticket categories): a label is named when every content word of it is in the question in some
form, or (`partial_head`) by its leading word when no label is named in full. A label word printed as an
abbreviation with a trailing dot ("Renteutg.", "fin.utg.") is named by a question word it abbreviates
("renteutgifter", "finansutgifter"). Pure functions; no warehouse needed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

import snowballstemmer
from rapidfuzz import fuzz, process

_NO = snowballstemmer.stemmer("norwegian")
_EN = snowballstemmer.stemmer("english")


@lru_cache(maxsize=65536)
def en_stem(word: str) -> str:
    """The English Snowball stem of a word, computed once per word (the stemmer is pure Python and slow)."""
    return _EN.stemWord(word)

# Function words and question words (nb, nn, en): never the content of a label.
STOPWORDS = frozenset("""
a an and are as at be by did do does for from had has have how i in is it its of on or the to was were what
when where which who with per pr than that this those these there their much many total
hva hvor hvilken hvilke hvilket hvem kva kor korleis kven kvifor kvar hvordan når var er har hadde ha vart vore
blitt ble bli og eller i på til for av med fra frå om som den det de dei ein en et eit ei seg sin sitt sine
hos hjå mot under over etter ved innen utan uten ikke ikkje også ogso meir mer mykje mye mange stor store stort
samlet samla totalt total sum summa til alt alle heile hele the år året åra årene year years
och för från efter samt af
hur många mycket hade vilken vilket vilka är blev blivit till vid hvor hvad havde
skal skulle skulla vil ville kan kunne må måtte bør burde ska skall kunde should would could shall must might
imot høve
""".split())  # the last lines: Swedish and Danish function words of statement rows ("Kassa och bank", "Resultat efter …")
# and of questions ("Hur många invånare hade …", "Hvad var …"); modal verbs and "imot" ("skulle ta imot", "should
# receive") only carry the sentence, never name what is counted; "høve" only in the nynorsk "i høve til" (= in relation
# to, "i forhold til", "i förhållande till")

# Nynorsk -> bokmål on stems (language data, not names): applied to every stem.
NN_TO_NB = (
    ("sjuk", "syk"), ("fråvær", "fravær"), ("rekneskap", "regnskap"), ("tilsett", "ansatt"), ("eining", "enhet"),
    ("løn", "lønn"), ("utgåv", "utgift"), ("inntekt", "inntekt"), ("kostnad", "kostnad"), ("innbyggjar", "innbygger"),
    ("talet", "antall"), ("tal", "tall"), ("budsjet", "budsjett"), ("avsetjing", "avsetning"), ("gjeld", "gjeld"),
    ("verksemd", "virksomhet"), ("tenest", "tjenest"), ("heim", "hjem"), ("skule", "skole"), ("skul", "skol"), ("vidare", "videre"), ("folketal", "folketall"), ("vedlikehald", "vedlikehold"),
    ("sjølv", "selv"), ("høg", "høy"), ("låg", "lav"), ("nytt", "ny"), ("mykj", "mye"), ("frå", "fra"),
    ("løysing", "løsning"), ("løys", "løs"), ("overføring", "overføring"), ("tilskot", "tilskudd"),
    ("eigedel", "eiendel"), ("eigenkapital", "egenkapital"), ("eigar", "eier"), ("skuld", "gjeld"),
    ("fylkesveg", "fylkesvei"), ("bustad", "bolig"), ("kyrkj", "kirk"), ("hushald", "husholdning"),
    ("avskriving", "avskrivning"), ("tilsetj", "ansett"), ("innkrevj", "innkrev"), ("fordring", "fordring"),
    ("utlån", "utlån"), ("mindreforbruk", "mindreforbruk"), ("meirforbruk", "merforbruk"), ("meir", "mer"),
    ("behald", "behold"), ("eigedom", "eiendom"), ("utrykking", "utrykning"), ("underskot", "underskudd"),
    ("overskot", "overskudd"), ("hamn", "havn"),
    ("hendings", "hendelses"), ("hending", "hend"), ("handsam", "behandl"), ("sakshandsam", "saksbehandl"),
    # a request ("førespurnad", "tenesteførespurnader"; bokmål "forespørsel"/"forespørsler" to one stem)
    ("førespurnad", "forespørsl"), ("forespørsel", "forespørsl"),
    # a statement's nynorsk words ("Sum eigneluter", "Sum omlaupsmidlar", "avsetning for forpliktingar")
    ("eignelut", "eiendel"), ("omlaup", "omløp"), ("forplikting", "forplikt"), ("innskot", "innskutt"),
    ("eins", "ens"),  # "einslege mindreårige" ~ "enslige mindreårige"
)

# Swedish and Danish accounting words -> their bokmål stems (language data, not names), applied to every stem before
# NN_TO_NB: a statement printed in Swedish or Danish is named by a Norwegian or English question, and the reverse
# ("langsiktig gjeld" ~ "Långfristiga skulder" / "Langfristet gæld", "driftsinntekter" ~ "Verksamhetens intäkter" /
# "Driftsindtægter", "aksjer og andeler" ~ "Aktier och andelar"). Each entry: a pattern over the stem (a morpheme, also
# inside compounds: "skatteintäkt") and the bokmål stem it is.
SV_DA_TO_NB = tuple((re.compile(p), nb) for p, nb in (
    (r"långfrist|langfrist", "langsikt"), (r"kortfrist", "kortsikt"), (r"^skuld|^skold$|gæld", "gjeld"),
    (r"intäkt|indtægt", "inntekt"), (r"udgift", "utgift"), (r"skab", "skap"), (r"overførsel", "overføring"), (r"indkomst|inkomst", "inntekt"), (r"^kvinnor$|^kvind", "kvinn"), (r"^(?:män|mænd)$", "menn"), (r"afskrivning", "avskrivning"),
    (r"avsättning|hensættelse", "avsetning"), (r"^akti(?=e|$)", "aksj"), (r"^verksam(?:het)?", "drift"),
    (r"^eget$", "egen"), (r"anläggningstillgång|anlægsaktiv", "anleggsmidl"),
    (r"omsättningstillgång|omsætningsaktiv", "omløpsmidl"), (r"tillgång", "eiendel"), (r"^aktiv$", "eiendel"),
    # the main areas of a Danish key-figure table ("Sundhedsområdet", "Forsyningsvirksomheder", "Sociale opgaver og
    # beskæftigelse", "Indtægter fra tilskud og udlign. pr. indb.")
    (r"sundhed", "hels"), (r"virksomhed", "virksomhet"), (r"tilskud(?!d)", "tilskudd"), (r"udlign", "utjevn"),
    (r"beskæftig", "sysselset"), (r"^social", "sosial"), (r"^indb$", "innbygg"),
    (r"^finansiell", "finans"), (r"pension", "pensjon"), (r"anställda?", "ansatt"), (r"förplikt|forpligt|åtagand", "forplikt"), (r"^medel$", "midl"), (r"fordran", "fordring"), (r"^kassa$", "kass"), (r"nämnd", "nemnd"),
))

# English domain words -> their Norwegian words (language data, not names): an English question finds a label
# as the report prints it ("wages" ~ "Lønnsutgifter", "tax revenue" ~ "Skatteinntekter"). Adjacent translated words
# also give the Norwegian compound ("operating result" ~ "driftsresultat"), and whole account names come from the
# chart of accounts (name_en -> name_nb, see `account_phrases`).
EN_TO_NB = {
    "wage": ("lønn", "lønnsutgift"), "wages": ("lønn", "lønnsutgift"), "salary": ("lønn", "lønnsutgift"),
    "salaries": ("lønn", "lønnsutgift"), "pay": "lønn", "payroll": ("lønn", "lønnsutgift"),
    "tax": "skatt", "taxes": "skatt", "revenue": "inntekt", "revenues": "inntekt", "income": "inntekt",
    "incomes": "inntekt", "expense": "utgift", "expenses": "utgift", "expenditure": "utgift",
    "expenditures": "utgift", "cost": "kostnad", "costs": "kostnad", "spending": "utgift",
    "operating": ("drift", "operasjonell"), "operations": "drift", "operation": "drift", "running": "drift", "result": "resultat",
    "results": "resultat", "net": "netto", "gross": "brutto", "purchase": "kjøp", "purchases": "kjøp",
    "goods": "varer", "services": "tjenester", "service": "tjeneste", "interest": "rente", "debt": "gjeld",
    "loan": "lån", "loans": "lån", "assets": "eiendeler", "asset": "eiendel", "equity": "egenkapital",
    "depreciation": "avskrivning", "depreciations": "avskrivning", "grant": "tilskudd", "grants": "tilskudd",
    "subsidy": "tilskudd", "subsidies": "tilskudd", "transfer": "overføring", "transfers": "overføring",
    "fund": "fond", "funds": "fond", "reserve": "fond", "reserves": "fond", "property": "eiendom",
    "block": "ramme", "fees": ("betaling", "gebyr", "avgift"), "fee": ("betaling", "gebyr", "avgift"), "user": "bruker", "users": "brukere",
    "sales": "salg", "sale": "salg", "rental": "leie", "rents": "leie", "dividend": "utbytte",
    "dividends": "utbytte", "investment": "investering", "investments": "investering", "social": "sosiale", "education": ("utdanning", "undervisning"),
    "employees": "ansatte", "employee": "ansatt", "staff": "ansatte", "apprentices": "lærlinger",
    "inhabitants": "innbyggere", "inhabitant": "innbygger", "capita": "innbygger", "resident": "innbygger",
    "population": "befolkning", "lived": "bodde", "living": "bor", "residents": "innbyggere", "area": ("areal", "område"), "areas": ("område", "areal"),
    "surplus": "mindreforbruk", "deficit": "merforbruk", "overspend": "merforbruk", "underspend": "mindreforbruk",
    "budget": "budsjett", "accounts": "regnskap", "allocations": "avsetning", "allocation": "avsetning",
    "provisions": "avsetning", "repayment": "avdrag", "repayments": "avdrag", "instalments": "avdrag",
    "financial": "finans", "finance": "finans", "bank": "bank", "deposits": "innskudd", "deposit": "innskudd",
    "liabilities": "gjeld", "receivables": "fordringer", "pension": "pensjon", "pensions": "pensjon",
    "state": "staten", "municipal": "kommunal", "enterprise": "foretak", "enterprises": "foretak", "refunds": "refusjon", "refund": "refusjon",
    "sick": "syke", "leave": "fravær", "absence": "fravær", "capital": "kapital", "contribution": "innskudd",
    "losses": "tap", "loss": "tap", "gains": "gevinst", "gain": "gevinst", "instruments": "instrumenter",
    "women": "kvinner", "female": "kvinner", "females": "kvinner", "men": "menn", "male": "menn", "males": "menn",
    "industries": "næringer", "municipality": "kommune", "municipalities": "kommuner", "sector": "sektor",
    "share": "andel", "proportion": "andel", "students": "elever", "pupils": "elever", "completed": "fullførte",
    "passed": "besto", "turnover": ("utskifting", "omsetning"), "sectors": "sektor", "owner": "eier", "owners": "eier", "project": "prosjekt", "projects": "prosjekt", "kindergartens": "barnehager", "kindergarten": "barnehager",
    "ordinary": "ordinær", "extraordinary": "ekstraordinær", "aquaculture": "havbruk", "fish": "fisk",
    "farming": "oppdrett", "hydropower": "kraft", "power": "kraft", "energy": "energi", "licence": "konsesjon",
    "concession": "konsesjon", "wealth": "formue", "school": "skole", "schools": "skole", "upper": "videregående",
    "secondary": "videregående", "nursing": "sykehjem", "care": "omsorg",
    "health": "helse", "culture": "kultur", "leisure": "fritid", "church": "kirke", "road": "vei", "roads": "vei",
    "county": "fylke", "water": "vann", "sewage": "avløp", "waste": "avfall", "refuse": "avfall",
    "rescue": "redning", "callouts": "utrykning", "harbour": "havn",
    "premium": "premie", "adjustment": "regulering", "payout": "utbetaling",
    "payment": "utbetaling", "payments": "utbetaling", "disposition": "disposisjon", "unrestricted": "disposisjon",
    "restricted": "bundet", "housing": "bolig", "sickness": "syke", "absenteeism": "fravær", "fte": "årsverk",
    "ftes": "årsverk", "workforce": "ansatte", "headcount": "ansatte", "inventory": "beholdning",
    "receipts": "innbetaling", "activity": "aktivitet", "activities": "aktivitet", "investing": "investering",
    "financing": "finansiering", "cash": ("kontanter", "kasse"), "shares": ("aksjer", "andel"),
    "holdings": ("andel", "beholdning"), "annual": "årets", "liquidity": "likviditet",
    "premises": "lokaler", "building": "bygg", "fixed": "fast", "political": "politisk", "governance": "styring",
    "false": ("unødig", "falsk"), "unnecessary": "unødig", "alarm": "alarm", "alarms": "alarm",
    "permanent": ("fast", "tillsvidere"), "variable": "variabel", "overtime": "overtid",
    "buildings": "bygg", "maintenance": "vedlikehold", "procurement": "innkjøp", "purchasing": "innkjøp",
    "run": "drift", "intangible": "immateriell", "priority": "prioritet", "incident": "hendelse",
    "incidents": "hendelse", "callout": "utrykning", "emergencies": "utrykning", "crew": "mannskap",
    "crews": "mannskap", "firefighters": "brannmannskap", "ambulance": "ambulanse", "fires": "brann",
    "accidents": "ulykke", "accident": "ulykke", "visits": "besøk", "visitors": "besøk", "applications": "søknad",
    "complaints": "klage", "inspections": "tilsyn", "births": "fødte", "deaths": "døde", "pupil": "elev",
    "children": "barn", "elderly": "eldre", "places": "plass", "beds": "plass", "rooms": "rom", "dwellings": "bolig",
    # common report measures and the column heads of sector tables ("Intäkter Kostnader Nettokostnad Kommunbidrag
    # Avvikelse", "Tonn Andel"), as English questions name them
    "recycling": ("gjenvinning", "materialgjenvinning"), "rate": "grad", "recycled": ("gjenvunnet", "gjenvinning"),
    "deviation": "avvik", "deviations": "avvik", "variance": "avvik", "commitments": "forpliktelse",
    "obligations": "forpliktelse", "committee": ("nemnd", "utvalg", "nämnd"),
    "committees": ("nemnd", "utvalg", "nämnd"), "tonnes": "tonn", "tons": "tonn", "household": "husholdning",
    "households": "husholdning", "frame": "ramme", "allotment": "ramme",
    # ticket work, as an exported activity writes it ("Create SW anomaly", "Resolve ticket", "Require upgrade")
    "create": ("opprett", "lage"), "resolve": ("løs", "løys"), "resolved": ("løst", "løyst"),
    # (an English synonym beside the Norwegian forms: "escalated" and "on hold" name the same steps)
    "closed": ("lukk", "avslutt"), "wait": ("vent", "parkert", "on hold"),
    "upgrade": ("oppgrader", "eskaler", "oppskaler", "escalat"), "escalate": ("eskaler", "oppskaler", "escalat"), "assign": ("tildel",), "schedule": ("planlegg", "planla"),
    "move": ("flytt",), "moved": ("flytt",),
    "seriousness": ("alvorsgrad", "alvorlighet"), "severity": ("alvorsgrad", "alvorlighet"),
    "anomaly": ("anomali", "avvik", "feil"), "defect": ("feil", "avvik"), "bug": ("feil",),
    "software": ("programvare",), "sw": ("programvare",), "hardware": ("maskinvare",), "require": ("krev", "krav"),
    "insert": ("registrer",), "verified": ("verifiser",), "duplicate": ("duplikat",), "invalid": ("ugyldig",),
    "intervention": ("inngrep", "tiltak"),
    # what a helpdesk's categories name ("Klient > Skriver", "Tilgang > Passord", "Nettverk::VPN")
    "printer": ("skriver", "skrivar", "printer"), "printers": ("skriver", "skrivar", "printer"),
    "printing": ("utskrift", "skriver"), "password": ("passord",), "passwords": ("passord",),
    "network": ("nettverk",), "networks": ("nettverk",),
    # report measures the concept glossary (account_glosses.csv) holds, by their one Norwegian word
    "attendance": "nærvær", "target": "mål", "goal": "mål", "department": "avdeling", "departments": "avdeling",
    "reorganisation": "omorganisering", "reorganization": "omorganisering", "restructuring": "omorganisering",
    "new": "ny", "hires": "ansatte", "recruits": "ansatte", "borrowings": "lånegjeld",
    # what price lists and key-figure tables print (gebyrregulativ, kaiavgift, nøkkeltal)
    "refugee": "flyktning", "refugees": "flyktning", "settle": ("bosette", "busetje"), "litre": "liter",
    "litres": "liter", "liter": "liter", "liters": "liter", "bin": "dunk", "bins": "dunk", "minimum": "minste",
    "maximum": "maks", "day": ("døgn", "dag"), "days": ("døgn", "dag"), "daily": ("døgn", "dag"),
    "vessel": "fartøy", "vessels": "fartøy", "boats": "båt", "quay": "kai", "wharf": "kai", "size": "størrelse",
    "representatives": "representanter", "seats": ("representanter", "mandat"), "fulltime": "heltid",
    "library": "bibliotek", "libraries": "bibliotek", "emptying": "tømming", "septic": "slam", "sludge": "slam",
    # what the running text of an annual report counts ("10 styremøter", "investerte for 563 mill. kroner")
    "board": "styre", "meeting": "møte", "meetings": "møte", "invest": "investere", "invested": "investere",
    "minors": "mindreårig", "apprenticeship": "lærling", "apprenticeships": "lærling",
}
# An English unit's kind and the words of its name as a Norwegian unit writes them (language data): "the finance
# unit" is "økonomienheten", "HR and innovation unit" is "HR- og innovasjonsenheten", "the archive department" is
# "arkivavdelinga". The head nouns in their bokmål and nynorsk forms; the name words beside EN_TO_NB's.
UNIT_HEADS_EN = {
    "unit": ("enhet", "enheten", "eining", "eininga"), "department": ("avdeling", "avdelingen", "avdelinga"),
    "section": ("seksjon", "seksjonen"), "office": ("kontor", "kontoret"), "centre": ("senter", "senteret"),
    "center": ("senter", "senteret"), "team": ("team", "teamet"),
}
UNIT_NAME_WORDS_EN = {
    "finance": ("økonomi", "finans"), "finances": ("økonomi",), "economy": ("økonomi",), "economics": ("økonomi",),
    "accounting": ("regnskap", "rekneskap"), "innovation": ("innovasjon",), "archive": ("arkiv",),
    "archives": ("arkiv",), "documentation": ("dokumentasjon",), "communication": ("kommunikasjon",),
    "communications": ("kommunikasjon",), "digitalisation": ("digitalisering",), "digitalization": ("digitalisering",),
    "personnel": ("personal",), "payroll": ("lønn", "løn"), "planning": ("plan",), "legal": ("juridisk",),
    "development": ("utvikling",), "staff": ("stab",), "service": ("service",), "customer": ("kunde",),
}
# English word pairs that are one Norwegian word (language data): "long-term debt" ~ "langsiktig gjeld" / "lånegjeld"
EN_PAIRS_TO_NB = {
    ("long", "term"): ("langsiktig", "lån"), ("short", "term"): ("kortsiktig",),
    ("sick", "pay"): ("sykepenger", "sykelønn"), ("call", "outs"): ("utrykning",),
    ("call", "out"): ("utrykning",), ("fire", "service"): ("brann",), ("fire", "brigade"): ("brann",),
    ("fire", "department"): ("brann",), ("fire", "crews"): ("brannmannskap",), ("fire", "crew"): ("brannmannskap",),
    ("current", "assets"): ("omløpsmidler",), ("fixed", "assets"): ("anleggsmidler",),
    ("full", "time"): ("heltid",), ("part", "time"): ("deltid",),
    ("skilled", "workers"): ("fagarbeider",), ("skilled", "worker"): ("fagarbeider",),
    ("unaccompanied", "minors"): ("enslig", "mindreårig"), ("board", "meetings"): ("styremøte",),
    ("board", "meeting"): ("styremøte",),
    ("cash", "flow"): ("kontantstrøm",), ("cash", "flows"): ("kontantstrøm",),
    # "turnover" alone is a company's sales or its staff's turnover; with the staff named, only the latter
    ("staff", "turnover"): ("utskifting",), ("employee", "turnover"): ("utskifting",),
    ("labour", "turnover"): ("utskifting",), ("labor", "turnover"): ("utskifting",),
}
# Norwegian words that mean the same inside compounds (language data): "lønnskostnader" ~ "lønnsutgifter",
# "kvadratkilometer" ~ "km²".
SAME_MEANING = (("kostnad", "utgift"), ("kvadratkilomet", "km²"), ("kvadratkilomet", "km2"), ("lønning", "lønn"),
                ("tilsett", "ansatt"), ("medarbeid", "ansatt"), ("arbeidstak", "ansatt"))
# A nynorsk word inside a compound and its bokmål spelling (language data): the question's stem spelt the other way is
# the same word ("reiserekningssaker" ~ «Reiseregning», "skuleeining" ~ «Skoleenhet»), read as if written so.
NYNORSK_PARTS = (("rekning", "regning"), ("rekneskap", "regnskap"), ("teneste", "tjeneste"), ("verksemd", "virksomhet"),
                 ("eining", "enhet"), ("skule", "skole"), ("fråvær", "fravær"), ("kyrkje", "kirke"))
# Column heads of a unit's table that name the same column (language data, as stems): a unit's budget is printed as
# its frame ("Ramme", "Budsjettramme") or, in Swedish reports, the municipality's contribution ("Kommunbidrag"); its
# deviation as "Avvik", "Avvikelse", "Differanse"; its net cost as "Nettokostnad", "Netto driftsutgifter". Used only
# to tell which column of a row a question asks for, never to find a row.
COLUMN_SAME = (frozenset({"budsjett", "ramm", "kommunbidrag", "budget"}),
               frozenset({"avvik", "differans", "deviation"}),
               frozenset({"nettokostnad", "nettoutgift", "nettodriftsutgift", "nettokostn"}))

_WORD = re.compile(r"[0-9a-zæøåäöéü²]+(?:[-/][0-9a-zæøåäöéü²]+)*")


def words(text: str) -> list[str]:
    """Lower-cased words; hyphenated words are also given as their parts ("A/B-hendelser"). A fresh list (the
    words are remembered per text: the same labels and names are split many times an answer)."""
    return list(_words(text))


@lru_cache(maxsize=1 << 16)
def _words(text: str) -> tuple[str, ...]:
    out: list[str] = []
    for w in _WORD.findall(text.lower()):
        parts = _PART_SPLIT.split(w)
        if len(parts) > 1:
            out.extend(p for p in parts if p)
        else:
            out.append(w)
    return tuple(out)


_PART_SPLIT = re.compile(r"[-/]")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Snowball stem (Norwegian, English for ASCII words ending in English inflections), with nynorsk
    spellings brought to bokmål."""
    w = word.lower()
    if len(w) >= 8 and w.endswith(("erna", "arna", "orna")):
        w = w[:-2]  # a Swedish definite plural ("pensionsförpliktelserna", "avdelningarna"): the plural's stem
    s = _NO.stemWord(w)
    if w.isascii() and re.search(r"(ing|ed|ies|s)$", w) and not re.search(r"(ene|ane|er|et|en)$", w):
        s = min(s, en_stem(w), key=len)
    for pattern, nb in SV_DA_TO_NB:
        if pattern.search(s):
            s = pattern.sub(nb, s)
    for nn, nb in NN_TO_NB:
        if nn == nb or nn not in s:
            continue
        if len(nn) >= 5:  # long morphemes also inside compounds ("rammetilskot")
            s = re.sub(rf"{nn}(?!{re.escape(nb[len(nn):])})" if nb.startswith(nn) else nn, nb, s)
        elif s.startswith(nn) and not s.startswith(nb):
            s = nb + s[len(nn):]
        elif len(nn) == 4 and len(s) >= len(nn) + 3 and s.endswith(nn):
            s = s[:-len(nn)] + nb  # the head of a compound: "grunnskulen" ~ "grunnskolen", "sjukeheim" ~ "sykehjem"
    if s.endswith("løn") and len(s) > 3:  # nynorsk compounds ending in "-løn" ("fastløn", "timeløn"): "-lønn"
        s += "n"
    return s


# Words that name no field, value or measure of their own (language data, nb/nn/en): verbs of being a part of,
# of using, of starting, handling or coming in, and their fillers ("utgjør det", "minst brukt", "vart starta",
# "handsama", "kom inn"). A question is never refused for one of these; what they ask (a share, a ranking) is
# read from the cue words beside them.
FILLER_WORDS = frozenset("""
utgjør utgjer utgjorde utgjort utgjere utgjøre constitute constitutes constituted represent represents represented
make makes made equal equals tilsvarer svarer svarar correspond corresponds
bruk bruke brukt brukte bruka brukes nytta nytte nyttar used use uses usage utilised utilized
start starte startet starta startar starter started starts begin began begun begynte byrja initiated
opna opnet åpnet åpna handsame handsama handsamt handle handles handled handling behandle behandla behandles
tok take took taken ta tatt teke komme kom kjem come comes coming inn in got get gets skjedd skjedde happen happened
gjort gjorde did done do does gjer gjør making totalen helheten heilskapen whole overall
oppgi oppgje angi angje opplys state stated give ser sjå look looks looking looked see seen
""".split())


# nouns that share a filler verb's stem ("bruker" the user, "brukar"): a field a question may ask for, never filler
_NOT_FILLER = frozenset("bruker brukeren brukere brukerne brukar brukaren brukarar brukarane users user".split())


def is_filler(word: str) -> bool:
    """A word of FILLER_WORDS, in any of its forms (by its stem), but not a noun that shares the stem."""
    return word in FILLER_WORDS or (stem(word) in _FILLER_STEMS and word not in _NOT_FILLER)


def is_content(word: str) -> bool:
    return word not in STOPWORDS and not word.isdigit() and len(word) >= 2


_FILLER_STEMS = frozenset(stem(w) for w in FILLER_WORDS)


def content_stems(text: str) -> list[str]:
    return [stem(w) for w in words(text) if is_content(w)]


LINKS = ("s", "e", "")


def split_compound(word_stem: str, known: frozenset[str] | set[str], min_part: int = 3) -> list[str] | None:
    """Split a stem into known stems (with linking -s-/-e-): "lønnsutgift" -> ["lønn", "utgift"].

    Returns None when no full split exists. Prefers the split with the fewest parts. Remembered per stem and
    vocabulary when the vocabulary is a frozenset (a label index's or the warehouse's: the same few sets every
    question), so a word is split once, not in every family that reads the question.
    """
    if isinstance(known, frozenset):
        found = _split_compound_cached(word_stem, known, min_part)
        return None if found is None else list(found)
    return _split_compound(word_stem, known, min_part)


@lru_cache(maxsize=16384)
def _split_compound_cached(word_stem: str, known: frozenset[str], min_part: int) -> tuple[str, ...] | None:
    found = _split_compound(word_stem, known, min_part)
    return None if found is None else tuple(found)


def _split_compound(word_stem: str, known: frozenset[str] | set[str], min_part: int) -> list[str] | None:
    n = len(word_stem)
    best: list[list[str] | None] = [None] * (n + 1)
    best[0] = []
    for i in range(n):
        if best[i] is None:
            continue
        for j in range(i + min_part, n + 1):
            part = word_stem[i:j]
            candidates = [part]
            for link in ("s", "e"):
                if part.endswith(link) and len(part) - 1 >= min_part:
                    candidates.append(part[:-1])
            hit = next((c for c in candidates if c in known or stem(c) in known), None)
            if hit is not None:
                cand = best[i] + [stem(hit) if hit not in known else hit]
                if best[j] is None or len(cand) < len(best[j]):
                    best[j] = cand
    result = best[n]
    if result is None or len(result) < 2:
        return None
    return result


# What people say -> the words reports print for it (language data, not names; bokmål, nynorsk and English reach
# it through their stems and EN_TO_NB): "hvor mye hadde de i gjeld" ~ "Lånegjeld", "overskudd" ~ "Netto
# driftsresultat" / "Mindreforbruk", "what did all services cost" ~ "Brutto driftsutgifter" / "Sum driftsutgifter",
# "how much came in from taxes" ~ "Skatt på inntekt og formue". Each entry: the groups of question stems that must
# all be present (a group: any one of its words) and the report's phrases they stand for. A described word is a weak
# hint: a label the question names by its own words always weighs more (see `term_weight`).
# Words that name the same thing in report text, as stems (language data): a question's word of a group is in a
# sentence that holds any word of the group ("folketallet" ~ "innbyggere", "population" ~ "innbyggjarar", "grew" ~
# "økning", "fleire innbyggjarar" ~ "auka folketalet"). A stem of five letters or more also names the compounds it is part of ("befolkningsvekst").
SAME_THING = (
    frozenset("innbygg innbyggjar folketall folketal befolkn befolkning invånar populat inhabit resid bodd budd bor "
              "bur folkmängd folkmengd folkemengd indbygg".split()),
    frozenset("økning økt auk auka vekst vokst grow grew growth increas tilvekst fleir flere ökning ökad ökat "
              "stigning".split()),
)


def same_thing(term: str, terms: "Terms") -> bool:
    """Whether a question's stem and one of a sentence's stems are words of one SAME_THING group, or one-word terms of
    one concept of the glossary (`glossary_words`: "attendance" ~ "nærvær", "låneskuld" ~ "lånegjeld")."""
    def member(s: str, group) -> bool:
        return any(s == m or len(m) >= 5 and m in s for m in group)

    if any(member(term, g) and any(member(s, g) for s in terms.stems | terms.parts) for g in SAME_THING):
        return True
    group = glossary_words(term)
    return bool(group) and any(member(s, group) for s in terms.stems | terms.parts)


@lru_cache(maxsize=1)
def _glossary_words() -> dict[str, frozenset[str]]:
    by_concept: dict[str, set[str]] = {}
    for concept, ws in account_glosses():
        if len(ws) == 1:
            by_concept.setdefault(concept, set()).update({stem(ws[0])} | ({en_stem(ws[0])} if ws[0].isascii() else set()))
    out: dict[str, set[str]] = {}
    for stems in by_concept.values():
        for s in stems:
            out.setdefault(s, set()).update(x for x in stems if len(x) >= 3)
    return {s: frozenset(v) for s, v in out.items()}


def glossary_words(s: str) -> frozenset[str]:
    """The stems of the one-word terms of the glossary concept (account_glosses.csv) whose one-word term the stem is:
    "waste" ~ "avfall" ~ "husholdningsavfall", "attendance" ~ "nærvær" ~ "närvaro", "låneskuld" ~ "lånegjeld"; empty
    when it is none."""
    return _glossary_words().get(s, frozenset())


DESCRIBED_AS = (
    ((("gjeld", "skuld", "debt", "gjeldsbyrd"),), ("lånegjeld", "langsiktig gjeld")),
    ((("overskudd", "overskot", "surplus"),), ("netto driftsresultat", "mindreforbruk")),
    ((("underskudd", "underskot", "deficit"),), ("netto driftsresultat", "merforbruk")),
    ((("lønn", "løn", "lønning", "wage", "salary", "payroll"),), ("lønnsutgifter",)),
    ((("skatt", "skattar", "skatter", "tax", "taxes"),),
     ("skatteinntekter", "skatt på inntekt og formue", "inntekts- og formuesskatt")),
    ((("tjeneste", "tjenester", "tenester", "services", "drift", "drifta", "driften", "drive", "driva", "drifte",
       "operations", "run", "running"),
      ("koste", "kostet", "kosta", "kostnad", "cost", "costs", "utgift", "utgifter", "spend", "spent", "brukte")),
     ("brutto driftsutgifter", "sum driftsutgifter")),
    # "frie inntekter" (skatt + rammetilskudd) is printed "Sum frie disponible inntekter" or "Frie inntekter"
    ((("frie", "fri", "free", "unrestricted", "disposable"), ("inntekt", "inntekter", "inntekta", "income", "revenue",
                                                            "revenues")),
     ("sum frie disponible inntekter", "frie inntekter")),
    # "renter på gjelda", "interest on the debt", "betalte i renter": the interest-expense line
    ((("rente", "renter", "renta", "rentene", "interest"),
      ("gjeld", "gjelda", "gjelden", "skuld", "lån", "lån", "låna", "lånene", "debt", "loan", "loans", "betalte",
       "betalt", "betale", "paid", "pay", "kostnad", "kostnader", "cost", "costs", "utgift", "utgifter", "expense",
       "expenses")),
     ("renteutgifter", "renteutgifter og låneomkostninger")),
    # "sette av til fond", "set aside to the fund": the allocation line ("Avsetninger til disposisjonsfond")
    ((("sette", "setje", "satte", "sette", "sett", "set", "avsatt", "avsett", "allocated", "allocate", "allocation",
       "transferred"), ("av", "aside", "fond", "fondet", "fund", "funds", "disposisjonsfond", "reserve", "reserves")),
     ("avsetninger", "avsetningar", "avsetning")),  # "avsetning" stems short ("avsetn"): the singular line too
)
DESCRIBED_WEIGHT = 0.3  # a label word reached only through DESCRIBED_AS (a whole stem: 1.0, a compound part: 0.8)


@dataclass(frozen=True)
class Terms:
    """What a question says, as stems: each word's stem and, for compounds, its parts; `described` the label stems
    its everyday words stand for (DESCRIBED_AS), with `described_from` (label stem, question stem) pairs."""
    stems: frozenset[str]
    words: tuple[str, ...]
    parts: frozenset[str]  # stems of compound parts
    described: frozenset[str] = frozenset()
    described_from: frozenset[tuple[str, str]] = frozenset()
    # the question read with a statement term replaced by another term of its concept (account_glosses.csv)
    glossed: tuple["Glossed", ...] = ()

    @cached_property
    def all(self) -> frozenset[str]:
        return self.stems | self.parts | self.described

    @cached_property
    def present_memo(self) -> dict[tuple[str, int], bool]:
        """`term_present`'s answers for these terms (not part of the value: compared and hashed by the fields)."""
        return {}


def term_weight(term: str, terms: Terms) -> float:
    """How much a label term found in the question weighs: the question's own word 1.0 (an abbreviation too), a
    compound part or translation 0.8, a word reached only as what an everyday word describes `DESCRIBED_WEIGHT`."""
    if term in terms.stems or term.endswith("."):
        return 1.0
    if term in terms.described and term not in terms.parts and not any(
            len(term) >= 4 and (s.startswith(term) or s.endswith(term)) for s in terms.stems):
        return DESCRIBED_WEIGHT
    return 0.8


def label_weight(hits: list[str], terms: Terms) -> float:
    """The letters of the question a label's terms found in it explain, by `term_weight`; a term reached only as what
    an everyday word describes adds nothing when that word is already named by the label itself ("Langsiktig gjeld"
    for "gjeld" weighs as "Gjeld", not more)."""
    weighed = [(t, term_weight(t, terms)) for t in hits]
    literal = {s for t, w in weighed if w > DESCRIBED_WEIGHT for s in terms.stems if s == t or t in s or s in t}
    return sum(len(t.replace(".", "")) * w for t, w in weighed
               if w > DESCRIBED_WEIGHT or not any((t, s) in terms.described_from for s in literal))


@lru_cache(maxsize=1)
def _described() -> tuple[tuple[tuple[frozenset[str], ...], frozenset[str]], ...]:
    out = []
    for groups, phrases in DESCRIBED_AS:
        trig = tuple(frozenset(stem(w) for w in g) | frozenset(en_stem(w) for w in g if w.isascii())
                     for g in groups)
        out.append((trig, frozenset(t for ph in phrases for t in content_stems(ph))))
    return tuple(out)


def described_terms(stems: frozenset[str], ws: tuple[str, ...]) -> frozenset[tuple[str, str]]:
    """(label stem, question stem) for every DESCRIBED_AS entry whose word groups the question holds (as stems, or as
    the words themselves: "taxes", "cost")."""
    have = set(stems) | set(ws) | {en_stem(w) for w in ws if w.isascii()}
    out = set()
    for groups, label_terms in _described():
        hit = [g & have for g in groups]
        if all(hit):
            src = sorted(hit[0])[0]
            out.update((t, stem(src)) for t in label_terms if t not in stems)
    return frozenset(out)


def to_norwegian(word: str) -> str:
    """The Norwegian word an English domain word stands for ("wages" -> "lønn"); other words as they are."""
    t = EN_TO_NB.get(word)
    return word if t is None else t if isinstance(t, str) else t[0]


def norwegian_words(ws: list[str]) -> list[str]:
    """An English question's words as the Norwegian words they stand for, in order: a word pair that is one
    Norwegian word as that word ("long term debt" -> "langsiktig", "gjeld"), other words one by one; a word
    without a translation as it is."""
    out, i = [], 0
    while i < len(ws):
        pair = EN_PAIRS_TO_NB.get((ws[i], ws[i + 1])) if i + 1 < len(ws) else None
        if pair:
            out.append(pair[0])
            i += 2
            continue
        out.append(to_norwegian(ws[i]))
        i += 1
    return out


def nynorsk_forms(word: str) -> list[str]:
    """The nynorsk spellings of a bokmål word form, to find it in nynorsk text ("lønn" -> "løn"). A fresh list
    (remembered per word: the families ask for the forms of the same few words for every sentence they read)."""
    return list(_nynorsk_forms(word))


@lru_cache(maxsize=1 << 16)
def _nynorsk_forms(word: str) -> tuple[str, ...]:
    out = []
    for nn, nb in NN_TO_NB:
        if nn != nb and nb in word and len(nb) >= 3:
            out.append(word.replace(nb, nn))
    return tuple(out)


@lru_cache(maxsize=1)
def account_phrases() -> tuple[tuple[frozenset[str], frozenset[str]], ...]:
    """(English content stems, Norwegian content stems) of every account of the chart of accounts (the one home of
    account names in both languages): "Net operating result" -> "Netto driftsresultat"."""
    import csv
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "dbt_project" / "seeds" / "chart_of_accounts.csv"
    out = []
    if path.exists():
        with path.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                en = frozenset(en_stem(w) for w in words(row.get("name_en") or "") if is_content(w))
                nb = frozenset(content_stems(row.get("name_nb") or ""))
                if en and nb:
                    out.append((en, nb))
    return tuple(out)


@lru_cache(maxsize=8192)
def translations(ws: tuple[str, ...]) -> frozenset[str]:
    """Norwegian stems an English question's words stand for: single words, adjacent words as one compound
    ("operating expenses" ~ "driftsutgift"), whole account names of the chart; and the same-meaning forms of
    Norwegian compounds ("lønnskostnad" ~ "lønnsutgift")."""
    out: set[str] = set()
    nb = [EN_TO_NB.get(w) for w in ws]
    nb = [(t,) if isinstance(t, str) else t for t in nb]
    paired = set()
    for i in range(len(ws) - 1):  # "long term" is one word: its Norwegian words, each compounded with the next
        pair = EN_PAIRS_TO_NB.get((ws[i], ws[i + 1]))
        if pair:
            nb[i], nb[i + 1] = pair, None
            paired.add(i)
            if i + 2 < len(nb) and nb[i + 2]:
                nxt2 = nb[i + 2]
                out.update(stem(t.rstrip("e") + link + n) for t in pair for n in nxt2[:1] for link in ("s", "e", ""))
    for i, ts in enumerate(nb):
        if not ts:
            continue
        out.update(stem(t) for t in ts)
        nxt = nb[i + 1] if i + 1 < len(nb) else None
        if nxt:  # "tax revenue" ~ "skatteinntekt", "operating result" ~ "driftsresultat"
            out.update(stem(t.rstrip("e") + link + n) for t in ts[:1] for n in nxt[:1] for link in ("s", "e", ""))
    if any(nb):
        en = {en_stem(w) for w in ws}
        for en_stems, nb_stems in account_phrases():
            if en_stems <= en:
                out |= nb_stems
    for w in ws:
        s = stem(w)
        for a, b in SAME_MEANING:
            for x, y in ((a, b), (b, a)):
                if x in s and len(s) >= len(x):
                    out.add(s.replace(x, y))
    return frozenset(out)


@dataclass(frozen=True)
class Glossed:
    """The question read with the words of one statement term (`span`, the question's stems) replaced by another term of
    the same concept (`phrase`, its content stems): "net profit" read as "årsresultat", "personnel costs" as
    "lønnskostnader". A label is named through it only when it explains the whole phrase (see LabelIndex.match)."""
    terms: "Terms"
    phrase: frozenset[str]
    span: frozenset[str]
    letters: int  # letters of the question's content words the term covers
    concept: str
    weight: float = 0.0  # what the term weighs: as a translation of the concept's longest term, less its rank


@lru_cache(maxsize=1)
def account_glosses() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(concept, words of a term) for every row of the glossary of statement terms (dbt_project/seeds/
    account_glosses.csv, the account words' home beside account_aliases.csv): the terms that name the same statement
    line in bokmål, nynorsk, Swedish, Danish and English ("payroll" ~ "lønnskostnad" ~ "personalkostnader")."""
    import csv
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "dbt_project" / "seeds" / "account_glosses.csv"
    out = []
    if path.exists():
        with path.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                ws = tuple(words(row.get("phrase") or ""))
                if ws and row.get("concept"):
                    out.append((row["concept"].strip(), ws))
    return tuple(dict.fromkeys(out))  # a term written alike in two languages is one term


@lru_cache(maxsize=1)
def _gloss_index() -> dict[str, list[tuple[str, tuple[str, ...]]]]:
    by_first: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for concept, ws in account_glosses():
        by_first.setdefault(stem(ws[0]), []).append((concept, ws))
    return by_first


def _same_word(a: str, b: str) -> bool:
    return a == b or stem(a) == stem(b)


def gloss_spans(ws: list[str]) -> list[tuple[int, int, str]]:
    """(start, end, concept) of the glossary terms the words hold side by side, the longest where two overlap."""
    found = []
    index = _gloss_index()
    for i, w in enumerate(ws):
        for concept, term in index.get(stem(w), ()):
            n = len(term)
            if i + n <= len(ws) and all(_same_word(a, b) for a, b in zip(ws[i:i + n], term)):
                found.append((i, i + n, concept))
    found.sort(key=lambda f: (-(f[1] - f[0]), f[0]))
    kept: list[tuple[int, int, str]] = []
    for f in found:
        if not any(f[0] < k[1] and k[0] < f[1] for k in kept):
            kept.append(f)
    return sorted(kept)


MAX_GLOSSED = 24


@lru_cache(maxsize=1)
def _gloss_table() -> tuple[dict[str, int], tuple[tuple[str, tuple[str, ...], tuple[str, ...], frozenset[str]], ...]]:
    """The glossary stemmed once: each concept's longest term in letters of its content stems, and per term
    (concept, words, the stems of its words, the stems of its content words)."""
    longest: dict[str, int] = {}
    stemmed = []
    for concept, term in account_glosses():
        content = frozenset(content_stems(" ".join(term)))
        longest[concept] = max(longest.get(concept, 0), sum(map(len, content_stems(" ".join(term)))))
        stemmed.append((concept, term, tuple(stem(w) for w in term), content))
    return longest, tuple(stemmed)


def glossed_readings(text: str, known: frozenset[str] | set[str], translate: bool) -> tuple[Glossed, ...]:
    """The question read with each statement term it holds replaced by every other term of the concept."""
    ws = words(text)
    spans = gloss_spans(ws)
    if not spans:
        return ()
    out: list[Glossed] = []
    longest, stemmed = _gloss_table()
    for start, end, concept in spans:
        span_words = [w for w in ws[start:end] if is_content(w)]
        span = frozenset(stem(w) for w in span_words)
        letters = sum(len(stem(w)) for w in span_words)
        seen = {tuple(stem(w) for w in ws[start:end])}
        rank = 0
        for other, term, key, phrase in stemmed:
            if other != concept or key in seen:
                continue
            seen.add(key)
            if not phrase:
                continue
            rewritten = " ".join([*ws[:start], *term, *ws[end:]])
            alt = question_terms(rewritten, known, translate, gloss=False)
            # every term of a concept weighs as a translation of its longest term (a translation: 0.8 a letter), the
            # first written a little more: "lønnskostnader" is "Lønnsutgifter" before "Lønn og sosiale utgifter"
            out.append(Glossed(alt, phrase, span, letters, concept, round(0.8 * longest[concept] - 0.05 * rank, 2)))
            rank += 1
            if len(out) >= MAX_GLOSSED:
                return tuple(out)
    return tuple(out)


def question_terms(text: str, known: frozenset[str] | set[str] = frozenset(), translate: bool = True,
                   gloss: bool = True) -> Terms:
    ws = tuple(w for w in words(text) if is_content(w))
    stems = frozenset(stem(w) for w in ws)
    stems |= {s.replace(nn, nb) for s in stems for nn, nb in NYNORSK_PARTS if nn in s}
    parts: set[str] = set()
    for s in stems:
        if s not in known and len(s) >= 6:
            split = split_compound(s, known)
            if split:
                parts.update(split)
    # an English plural the stemmer cuts deeper than its singular ("incidents" -> "incid", "incident" -> "incident"):
    # the singular's stem too
    parts |= {stem(w[:-1]) for w in ws if len(w) >= 5 and w.isascii() and w.endswith("s") and not w.endswith("ss")
              and not w.endswith(("ens", "ets", "ers", "ans", "es"))} - stems
    if translate:
        translated = translations(ws) - stems
        parts |= translated
        for t in translated:  # "lønnskostnader" -> "lønnsutgift" -> "lønn" + "utgift" ("Lønn og sosiale utgifter")
            if len(t) >= 6 and known:
                parts.update((_split_compound(t, known - {t}, 3) if t in known else split_compound(t, known)) or ())
    # what the question's own words or their translations already name is no description ("tax" is "skatt")
    pairs = frozenset(p for p in described_terms(stems, ws) if p[0] not in parts) if translate else frozenset()
    glossed = glossed_readings(text, known, translate) if gloss and translate else ()
    return Terms(stems=stems, words=ws, parts=frozenset(parts), described=frozenset(t for t, _ in pairs),
                 described_from=pairs, glossed=glossed)


def with_compounds_written_apart(terms: Terms, known: frozenset[str] | set[str]) -> Terms:
    """The terms with the compounds two adjacent words of the question make, when a label prints the compound ("eget
    kapital" ~ "Egenkapital"): for statement rows, where a language writes apart what another writes as one word (not
    for ticket fields: "service desk" of an organisation is not the group "Servicedesk")."""
    from dataclasses import replace

    joined = set()
    for a, b in zip(terms.words, terms.words[1:]):
        for link in LINKS:
            joined.update(j for j in (stem(a + link + b), stem(a) + link + stem(b)) if j in known)
    joined -= terms.stems
    return replace(terms, parts=terms.parts | frozenset(joined)) if joined else terms


FUZZY_MIN = 7  # letters a term needs before a typo in it is forgiven
FUZZY_RATIO = 88  # rapidfuzz ratio of a forgiven typo


_FOLD_LETTERS = str.maketrans("æäøöåéü", "eeooaeu")


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """A stem's spelling skeleton across the Scandinavian languages (language data, no word list): the same word as
    Danish, Swedish, bokmål and nynorsk spell it folds alike ("anlæg" ~ "anlegg", "december" ~ "desember",
    "Gennemsnitlig" ~ "gjennomsnittlig", "målsætning" ~ "målsetjing" within a letter): vowels with marks as the plain
    vowel, a soft c as s and a hard one as k, "gj"/"kj" as g/k, "dt" as t, doubled letters once."""
    w = word.lower().translate(_FOLD_LETTERS)
    w = re.sub(r"c(?=[eiy])", "s", w).replace("ck", "k").replace("c", "k")
    w = re.sub(r"([gk])j", r"\1", w).replace("dt", "t").replace("ph", "f").replace("th", "t").replace("x", "ks")
    w = w.replace("z", "s").replace("q", "k").replace("w", "v")
    return re.sub(r"(.)\1+", r"\1", w)


# An abbreviated word as printed in a label: letters, optionally dot-joined parts, and a trailing dot
# ("Renteutg.", "fin.utg.", "regnsk.m.").
_ABBREV = re.compile(r"(?<![\wæøåäöéü.])([a-zæøåäöéü]+(?:\.[a-zæøåäöéü]+)*)\.(?![a-zæøåäöéü0-9])")


def abbreviations(label: str) -> list[str]:
    """Abbreviated words of a label, each as a term ending in a dot ("renteutg.", "fin.utg."): a single part of
    four letters or more, or dot-joined parts of five letters or more in all; shorter ones ("mv.", "reg.") are
    read as ordinary words."""
    out = []
    for m in _ABBREV.finditer(label.lower()):
        parts = m.group(1).split(".")
        if (len(parts) == 1 and len(parts[0]) >= 4) or (len(parts) > 1 and sum(map(len, parts)) >= 5 and len(parts[0]) >= 2):
            out.append(".".join(parts) + ".")
    return out


@lru_cache(maxsize=4096)
def _abbrev_pattern(term: str) -> re.Pattern:
    parts = term.rstrip(".").split(".")
    return re.compile("^" + r"[a-zæøåäöéü]*".join(re.escape(p) for p in parts))


def abbreviates(term: str, word: str) -> bool:
    """"renteutg." abbreviates "renteutgifter", "fin.utg." abbreviates "finansutgifter": the word starts with the
    first part, holds the others in order, and is longer than what is printed; a Swedish or Danish abbreviation
    abbreviates the Norwegian word its letters stand for ("indb." ~ "innbygger", "udlign." ~ "utjevning")."""
    if not term.endswith("."):
        return False
    if len(word) > len(term.replace(".", "")) and _abbrev_pattern(term).match(word):
        return True
    nb = _nordic_abbreviation(term)
    return nb is not None and stem(word).startswith(nb)


@lru_cache(maxsize=4096)
def _nordic_abbreviation(term: str) -> str | None:
    """The bokmål stem a one-part Swedish or Danish abbreviation's letters stand for (SV_DA_TO_NB), or None."""
    body = term.rstrip(".")
    if "." in body:
        return None
    nb = body
    for pattern, to in SV_DA_TO_NB:
        if pattern.search(nb):
            nb = pattern.sub(to, nb)
    return nb if nb != body and len(nb) >= 4 else None


def term_present(term: str, terms: Terms, fuzzy_min: int = FUZZY_MIN) -> bool:
    """A label's stem is in the question as a stem, a compound part, a longer compound containing it
    at a word edge, or (seven letters or more) with a small typo; an abbreviated label word ("renteutg.")
    when a question word is what it abbreviates. Remembered on the (frozen) terms of the question: the families
    and label indexes ask about the same label terms many times per question."""
    memo = terms.present_memo
    key = (term, fuzzy_min)
    found = memo.get(key)
    if found is None:
        found = memo[key] = _term_present(term, terms, fuzzy_min)
    return found


def _term_present(term: str, terms: Terms, fuzzy_min: int) -> bool:
    if term.endswith("."):
        return any(abbreviates(term, w) for w in terms.words)
    if term in terms.stems or term in terms.parts or term in terms.described:
        return True
    if len(term) >= 4 and term + "t" in terms.stems:
        return True  # a verb's past form names its noun: "brukte" ~ "Bruk av …", "kjøpte" ~ "Kjøp av …"
    if len(term) >= 5 and term[-1] == "s" and term[:-1] in terms.stems:
        return True  # a name's genitive: "Nordviks andel" ~ "Nordvik's share"
    if len(term) >= 3 and term + "s" in terms.stems:
        return True  # a plural or genitive "s" the stemmer keeps on the other side: "TEU" ~ "41.305 TEUs"
    if len(term) >= 6 and term[-1] in "te" and term[:-1] in terms.all:
        return True  # an adjective's inflection the stemmer keeps: "Ordinært …" ~ "ordinær", "ordinary"
    for s in terms.stems:
        if len(term) >= 4 and (s.startswith(term) or s.endswith(term)) and len(s) - len(term) >= 3:
            return True  # "driftsinntekt" covers "inntekt"; "sjukefråvær" covers "fravær"
    if len(term) >= 4 and _folded_in(term, terms.stems):
        return True  # the same word in another Scandinavian spelling: "sociala" ~ "sosiale", "Löner" ~ "lønn"
    if len(term) >= fuzzy_min:
        for s in terms.stems:
            if abs(len(s) - len(term)) <= 2 and fuzz.ratio(s, term) >= FUZZY_RATIO:
                return True
    return False


def _folded_in(term: str, stems: frozenset[str]) -> bool:
    """A label stem whose spelling skeleton (`fold`) is a question stem's, or is it with a Swedish or Danish plural
    ending the stemmer left on ("löner" ~ "lønn", "avgifter" are stemmed alike already)."""
    f = fold(term)
    folded = {fold(s) for s in stems if len(s) >= 3}
    if f in folded:
        return True
    m = re.fullmatch(r"(.{3,})(?:er|ar|or)", f)
    return bool(m) and m.group(1) in folded


@dataclass(frozen=True)
class LabelMatch:
    label: str
    cover: float          # share of the label's content stems found in the question
    matched: int          # how many of them
    used: frozenset[str]  # question stems the label explains
    weight: float = 0.0   # letters matched, whole stems counting more than parts of compounds
    partial: bool = False  # named by its leading word only (see LabelIndex.partial_head)


_MATCHED_MAX = 256  # remembered `LabelIndex._match` answers per index (cleared when full: a question asks a few dozen)


class LabelIndex:
    """Labels as written (account lines, table rows, categories), matched by their content stems."""

    def __init__(self, labels):
        self.labels: list[str] = list(dict.fromkeys(l for l in labels if l and str(l).strip()))
        self._terms: list[tuple[str, ...]] = []
        known: set[str] = set()
        for label in self.labels:
            # a note in brackets ("Tap finansielle instrumenter (omløpsmidler)") is not needed to name the label
            bare = re.sub(r"\([^)]*\)", " ", label)
            # abbreviated words ("Renteutg.", "fin.utg.") are terms of their own, in the order printed
            short = abbreviations(bare)
            if short:
                spaced = re.sub(r"(?<=[,;:])(?=\S)", " ", bare)  # "Renteutg.,provisjoner" -> "Renteutg., provisjoner"
                seq = []
                for tok in spaced.split():
                    core = tok.strip(",;:()")
                    ab = abbreviations(core)
                    seq.extend(ab if ab and ab[0].replace(".", "") == core.lower().replace(".", "") else content_stems(core))
                bare_terms = seq
            else:
                bare_terms = content_stems(bare)
            ts = tuple(dict.fromkeys(bare_terms)) or tuple(dict.fromkeys(content_stems(label)))
            self._terms.append(ts)
            known.update(ts)
        # label compounds also split into each other's stems ("driftsinntekter" = "drift" + "inntekt")
        self.known = frozenset(known)
        self._by_term: dict[str, list[int]] = {}
        for i, ts in enumerate(self._terms):
            for t in ts:
                self._by_term.setdefault(t, []).append(i)
        self._abbrevs = [t for t in self._by_term if t.endswith(".")]  # printed abbreviations ("renteutg.")
        # for `_near_terms`: each term's place in _by_term, and the terms long enough for typos by length
        self._term_pos = {t: k for k, t in enumerate(self._by_term)}
        self._by_length: dict[int, list[str]] = {}
        for t in self._by_term:
            if len(t) >= FUZZY_MIN:
                self._by_length.setdefault(len(t), []).append(t)
        # `_match`'s answers by the question's terms (a value: the families of one question, and its parts and
        # fallbacks, ask the same index about the same terms many times); the index never changes once built
        self._matched: dict[tuple, tuple[LabelMatch, ...]] = {}

    def __len__(self) -> int:
        return len(self.labels)

    def terms_of(self, label: str) -> tuple[str, ...]:
        """The content stems a label is matched by."""
        return self._terms[self.labels.index(label)]

    def terms(self, text: str) -> Terms:
        return question_terms(text, self.known)

    def match(self, terms: Terms, min_cover: float = 1.0, min_terms: int = 1) -> list[LabelMatch]:
        """Labels whose content stems are (at least `min_cover` of them) in the question, best first; also a label
        named in full through another term of a statement concept the question uses (`Terms.glossed`: "net profit"
        names "Årsresultat", "personnel costs" names "Lønnskostnad"), when the label explains that whole term."""
        out = self._match(terms, min_cover, min_terms)
        if terms.glossed:
            out = _merged(out, [m for g in terms.glossed
                                for m in _below_literal(g, out, self._glossed(g, terms, self._match(g.terms, 1.0, min_terms)))])
            out.sort(key=lambda m: (-m.cover, -m.weight, len(m.label)))
        return out

    def _glossed(self, g: "Glossed", terms: Terms, found: list[LabelMatch]) -> list[LabelMatch]:
        """The matches of a glossed reading whose label explains the whole replacing term, weighed by the question's
        words (the term's letters at 0.9, as a translation, and the other words as they are) and explaining them."""
        out = []
        for m in found:
            ts = self._terms[self.labels.index(m.label)]
            hits = [t for t in ts if term_present(t, g.terms)]
            if not all(any(_same_stem(t, p) for t in hits) for p in g.phrase):
                continue  # a part of the term ("Løn" of "lønnskostnad") is not the line
            rest = [t for t in hits if not any(_same_stem(t, p) for p in g.phrase)]
            if not all(term_present(t, terms) for t in rest):
                continue  # the label says more than the term and the question's other words ("langsiktig")
            weight = g.weight + label_weight(rest, terms)
            used = frozenset(s for s in m.used if s in terms.stems) | g.span
            out.append(LabelMatch(m.label, m.cover, m.matched, used, round(weight, 2), m.partial))
        return out

    def _match(self, terms: Terms, min_cover: float = 1.0, min_terms: int = 1) -> list[LabelMatch]:
        """The labels `terms` covers (at least `min_cover` of their stems), best first: a fresh list, the matches
        remembered per terms (a pure function of them and of the index)."""
        key = (terms, min_cover, min_terms)
        found = self._matched.get(key)
        if found is None:
            if len(self._matched) >= _MATCHED_MAX:
                self._matched.clear()
            found = self._matched[key] = tuple(self._find(terms, min_cover, min_terms))
        return list(found)

    def _find(self, terms: Terms, min_cover: float, min_terms: int) -> list[LabelMatch]:
        candidates: set[int] = set()
        for s in terms.all:
            candidates.update(self._by_term.get(s, ()))
        for t in self._near_terms(terms):  # prefixes, compounds and typos
            candidates.update(self._by_term[t])
        for t in self._abbrevs:  # what a printed abbreviation stands for
            if term_present(t, terms):
                candidates.update(self._by_term[t])
        out = []
        for i in candidates:
            ts = self._terms[i]
            if len(ts) < min_terms:
                continue
            hits = [t for t in ts if term_present(t, terms)]
            cover = len(hits) / len(ts)
            if cover >= min_cover:
                used = frozenset(s for s in terms.stems if any(_explains(t, s, terms) for t in hits))
                weight = label_weight(hits, terms)
                out.append(LabelMatch(self.labels[i], round(cover, 3), len(hits), used, round(weight, 2)))
        out.sort(key=lambda m: (-m.cover, -m.weight, len(m.label)))
        return out

    def _near_terms(self, terms: Terms) -> list[str]:
        """The label terms that `term_present` finds in the question other than as a stem or part, in the
        index's order: the prefixes and endings of the question's stems and their close spellings are
        looked up, instead of testing every term of the index against every stem."""
        found: set[str] = set()
        for s in terms.stems:
            for k in range(4, len(s) - 2):  # a term of 4+ letters beginning or ending a stem 3+ letters longer
                for t in (s[:k], s[-k:]):
                    if t in self._term_pos:
                        found.add(t)
            choices = [t for n in range(max(FUZZY_MIN, len(s) - 2), len(s) + 3) for t in self._by_length.get(n, ())]
            if choices:
                found.update(t for t, _, _ in process.extract(s, choices, scorer=fuzz.ratio, score_cutoff=FUZZY_RATIO,
                                                              limit=None))
        return sorted((t for t in found if t not in terms.all), key=self._term_pos.__getitem__)

    def qualified(self, label: str) -> list[str]:
        """Labels that print `label` after one word more, a qualifier ("Ordinært rammetilskudd" for "Rammetilskudd"):
        the same line as another report prints it ("Rammetilskudd og skatt" is another line)."""
        try:
            ts = self._terms[self.labels.index(label)]
        except ValueError:
            return []
        if not ts:
            return []
        if re.match(r"\s*(?:sum|totalt?|i alt|samla|samlet|total)(?!\w)", label, re.I):
            return []  # a total ("Sum utgifter") is no qualified form of a part: "Sosiale utgifter" is one of its lines
        common = set(self._by_term.get(ts[0], ()))
        for t in ts[1:]:
            common &= set(self._by_term.get(t, ()))
        return [self.labels[i] for i in sorted(common)
                if len(self._terms[i]) == len(ts) + 1 and self._terms[i][1:] == ts]

    def partial_head(self, terms: Terms, exclude: set[str] | frozenset[str] = frozenset(),
                     glossed: bool = True) -> list[LabelMatch]:
        """Labels the question names by their leading word only, as a whole word or what an abbreviation stands
        for ("bankinnskudd" ~ "Bankinnskudd og kontanter", "renteutgifter" ~ "Renteutg., provisjoner og andre
        fin.utg."), best first: the most letters of the question explained, then the most of the label named. The
        leading word must be five letters or more and no word in `exclude` (an organisation's name), and the label
        a label, not a sentence read as one (six content words at most)."""
        heads = [t for t in terms.stems if t in self._by_term and len(t) >= 5 and t not in exclude]
        heads += [t for t in self._abbrevs if len(t.replace(".", "")) >= 5 and t not in exclude and term_present(t, terms)]
        out = []
        for h in heads:
            for i in self._by_term[h]:
                ts = self._terms[i]
                if ts[0] != h or len(ts) > 6:
                    continue
                hits = [t for t in ts if term_present(t, terms)]
                cover = len(hits) / len(ts)
                if cover >= 1.0:
                    continue
                used = frozenset(s for s in terms.stems if any(_explains(t, s, terms) for t in hits))
                weight = label_weight(hits, terms)
                out.append(LabelMatch(self.labels[i], round(cover, 3), len(hits), used, round(weight, 2), partial=True))
        out = list({m.label: m for m in out}.values())
        if glossed and terms.glossed:
            out = _merged(out, [m for g in terms.glossed
                                for m in self._glossed(g, terms, self.partial_head(g.terms, exclude, glossed=False))])
        out.sort(key=lambda m: (-m.weight, -m.cover, len(m.label)))
        return out


    def partial_tail(self, terms: Terms, exclude: set[str] | frozenset[str] = frozenset()) -> list[LabelMatch]:
        """Two-word labels the question names by their last word, the head of the noun phrase, only ("barnehager" ~
        "Kommunale barnehager", "kindergartens" through its Norwegian word): what a label qualifies its head with
        ("kommunale", "private") is not asked. The head must be five letters or more and no word in `exclude`. Two
        such labels of one head ("Kommunale barnehager", "Private barnehager") fit equally well (the caller asks
        which)."""
        out = []
        for h in terms.all:
            if len(h) < 5 or h in exclude or h not in self._by_term:
                continue
            for i in self._by_term[h]:
                ts = self._terms[i]
                if len(ts) != 2 or ts[-1] != h or term_present(ts[0], terms):
                    continue
                used = (frozenset(s for s in terms.stems if _explains(h, s, terms))
                        # an English word standing for the head ("kindergartens" -> "barnehager")
                        or frozenset(stem(w) for w in terms.words if h in stem(to_norwegian(w)) and stem(w) in terms.stems))
                if not used:
                    continue
                out.append(LabelMatch(self.labels[i], 0.5, 1, used, round(label_weight([h], terms), 2), partial=True))
        out = list({m.label: m for m in out}.values())
        out.sort(key=lambda m: (-m.weight, len(m.label)))
        return out


def _same_stem(a: str, b: str) -> bool:
    """Two stems of one word: the same, or one the other with an ending of at most two letters ("avskrivn" /
    "avskrivning" is not, "ordinær" / "ordinært" is)."""
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    return len(short) >= 4 and long_.startswith(short) and len(long_) - len(short) <= 2


def _below_literal(g: Glossed, found: list[LabelMatch], glossed: list[LabelMatch]) -> list[LabelMatch]:
    """A label named by the question's own words for the glossed term ("lønnskostnader" when a label prints
    "Lønnskostnad") weighs more than any label reached through another term of its concept; the other stays a
    candidate (another report may print only it: "Personalkostnader")."""
    literal = [m.weight for m in found if m.cover >= 1.0 and not m.partial and g.span <= m.used]
    if not literal:
        return glossed
    cap = max(literal) - 0.01
    return [m if m.weight <= cap or m.label in {f.label for f in found} else
            LabelMatch(m.label, m.cover, m.matched, m.used, round(cap, 2), m.partial) for m in glossed]


def _merged(found: list[LabelMatch], more: list[LabelMatch]) -> list[LabelMatch]:
    """Each label once, with its best match (fullest, then heaviest)."""
    best: dict[str, LabelMatch] = {}
    for m in [*found, *more]:
        b = best.get(m.label)
        if b is None or (m.cover, m.weight) > (b.cover, b.weight):
            best[m.label] = m
    return list(best.values())


def _explains(term: str, s: str, terms: Terms) -> bool:
    """The question stem `s` is what the label term stands for (the same, part of it, or abbreviated by it)."""
    if term.endswith("."):
        return any(abbreviates(term, w) and stem(w) == s for w in terms.words)
    return s == term or term in s or s in term or (term, s) in terms.described_from


# A catch-all filler ("uansett kategori", "regardless of priority", "uavhengig av status", "all told"): it widens the
# question to everything, so it never names a field to filter or break down by, nor a word left unplaced.
_CATCH_ALL = re.compile(
    r"(?<!\w)(?:uansett|uavhengig\s+av|uavhengig|uavhengige\s+av|regardless\s+of|irrespective\s+of|independent(?:ly)?\s+of|"
    r"no\s+matter|kva\s+(?:\w+\s+)?det\s+(?:enn|no)\s+gjeld)\s+(?:the\s+|its\s+|their\s+|hvilken\s+|hvilke\s+|hvilket\s+|"
    r"kva\s+|what\s+|which\s+)?[\w-]+"
    r"|(?<!\w)all\s+told(?!\w)|(?<!\w)alt\s+i\s+alt(?!\w)")


# a statistic glued to the time it is of ("medianløysingstida", "gjennomsnittsbehandlingstid", "snittsvartid"): two
# words, as "median løysingstida" is asked
_GLUED_STATISTIC = re.compile(r"(?<![\w-])(median|gjennomsnitts?|snitt)(?=\w*tid\w*(?!\w))(?=\w{5,})")


def strip_catch_all(text: str) -> str:
    """The normalised question without its catch-all fillers ("all told" becomes "in all"), a statistic glued to a
    time split from it."""
    text = _GLUED_STATISTIC.sub(r"\1 ", text)
    if not _CATCH_ALL.search(text):
        return text
    out = _CATCH_ALL.sub(lambda m: " in all " if m.group(0).startswith("all") else " i alt "
                         if m.group(0).startswith("alt") else " ", text)
    return re.sub(r"\s+", " ", out).strip()
