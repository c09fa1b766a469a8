"""Questions about the other columns of the ticket exports (fct_ticket_attribute): a Jira issue list's
"Affected Versions", a "Tidsbruk (timer)" column, a process variant — whatever the export had that no
canonical field takes, by its header as written.

- how many tickets have a value ("list 4.0.0 among their affected versions"), or more than one value
  of a list column ("mer enn én berørt versjon"), or any value at all;
- tickets by the column's values ("fordelt på versjon", "top three versions");
- the total, mean or median of a numeric column ("hours logged in total (Tidsbruk)").

The column is named by its header words in the question, in English or Norwegian (HEADER_WORDS below
is language data: common export header words and their translations), or by one of its values written
exactly. The same source, period and value filters as ticket counts apply.
"""
from __future__ import annotations

import re
from functools import lru_cache

from app.engine.families import tickets
from app.engine.families.base import Question, Reading, Refusal, in_list, number_word, sql_str
from app.engine.families.ticket_category_levels import CATEGORY_HEADER
from app.engine.format import format_number
from app.engine.text import normalise
from app.engine.wordforms import STOPWORDS, stem, words

NAME = "ticket_attribute"

# Common header words of helpdesk/issue exports and their translations (bokmål, nynorsk, English).
HEADER_WORDS = (
    ("affected", "berørt", "berørte", "påvirket", "påverka", "påvirkede"),
    ("version", "versions", "versjon", "versjoner", "versjonen", "versjonene", "versjonar", "versjonane"),
    ("fix", "fixed", "rettet", "retta", "fiks"),
    ("component", "components", "komponent", "komponenter", "komponentar"),
    ("label", "labels", "etikett", "etiketter", "merkelapp", "merkelapper"),
    # (the person a ticket is with: "Owner" of Request Tracker, "Eier" of a CRM case, "Technician", "Behandler"; a PSA
    # system's "Primary Resource", "Resource(s)", "Ressurs")
    ("assignee", "assigned", "saksbehandler", "sakshandsamar", "tildelt", "ansvarlig", "owner", "owners", "eier",
     "eieren", "eigar",
     "eigaren", "technician", "technicians", "tekniker", "teknikar", "behandler", "handsamar", "agent", "agents",
     # (the plural forms stem apart from the singular: "teknikarane" ~ "teknikar", "teknikerne" ~ "teknikern")
     "teknikere", "teknikerne", "teknikarar", "teknikarane", "saksbehandlere", "saksbehandlerne",
     "sakshandsamarar", "sakshandsamarane",
     "resource", "resources", "ressurs", "ressursen", "ressurser", "ressursar",
     # (a helpdesk's "Tech" a ticket is assigned to: "TechName", "Assigned Tech")
     "tech", "techs"),
    ("reporter", "melder", "innmelder", "rapportør"),
    ("resolution", "løsning", "løysing", "utfall"),
    ("environment", "miljø"),
    ("hours", "hour", "timer", "timar", "time"),
    ("minutes", "minutt", "minutter", "minutt"),
    ("time", "tid", "tidsbruk", "spent"),
    ("cost", "kostnad", "kostnader", "pris"),
    # (a municipality's unit the person who wrote in works in: "Enhet", "Rapportørs enhet", a submitter's department)
    ("department", "departments", "avdeling", "avdelinger", "avdelingar", "enhet", "enheten", "enheter", "enhetene",
     "eining", "eininga", "einingar", "einingane", "unit", "units", "subunit", "subunits"),
    ("location", "lokasjon", "sted", "stad", "lokalitet"),
    # (an issue tracker's own word for the type of issue: "tracker", "sakstype")
    ("type", "typer", "types", "tracker", "trackers", "sakstype", "sakstyper", "sakstypar"),
    ("variant", "variants", "varianter", "variantar"),
    ("summary", "sammendrag", "oppsummering", "tittel", "title"),
    ("sprint", "sprints", "sprinter"),
    ("tags", "tag", "tagg", "taggen", "tagger", "taggene", "taggar", "taggane", "stikkord"),
    ("region", "regions", "regioner", "regionar"),
    ("product", "products", "produkt", "produkter"),
    ("service", "services", "tjeneste", "tjenester", "teneste", "tenester"),
    ("area", "areas", "område", "området", "områder", "områda", "sector", "sectors", "sektor", "sektorer"),
    # (an issue tracker's project is the system its issues are about: "which fagsystem" of «Prosjekt»)
    ("project", "projects", "prosjekt", "prosjekter", "prosjektet", "prosjekta", "fagsystem", "fagsystemer",
     "fagsystema", "fagsystemet", "application", "applications", "applikasjon"),
    ("mailbox", "mailboxes", "inbox", "inboxes", "postkasse", "postkassa", "postkassen", "innboks", "innboksen"),
    ("wait", "waiting", "waited", "ventetid", "venting", "vente", "ventet", "venta", "queue", "queued", "kø", "køtid"),
    ("response", "responses", "respons", "responstid", "svar", "svartid", "reply", "replies", "answer", "answered"),
    ("seconds", "second", "sekund", "sekunder", "sekundar"),
    ("effort", "innsats", "arbeid", "arbeidstid", "worked", "work", "jobbet", "jobba", "arbeidd", "arbeidde",
     "arbeidet", "arbeida"),
)
_KEY = {stem(w): group[0] for group in HEADER_WORDS for w in group}
# header words that say which of several columns of a kind is meant ("Fix Version" vs "Affected Versions")
QUALIFIERS = frozenset(("fix", "affected", "component", "label", "sprint", "environment", "assignee", "reporter"))
# ("Total Hours Worked": the header's "total" says the cells are sums, not which column it is)
NOISE = {"case", "id", "nr", "no", "sek", "min", "total", "totalt", "sum"}
# the word of a field that says it holds a name ("DepartmentName", "Avdelingsnavn"): no word of what it is
NAME_KEYS = {stem(w) for w in ("name", "navn", "namn")}
# the Norwegian plural of an hour ("timer", "timar") shares its stem with the English "time": it names an hours column
HOURS_PLURALS = frozenset(("timer", "timar", "timene", "timane", "timen"))
COMMONEST = (r"vanligst\w*", r"vanlegast\w*", r"most common", r"most frequent", r"mest vanlig\w*", r"mest vanleg\w*")
GENERIC_HEADS = frozenset(("time",))  # the head word of many measures ("waiting time", "response time")
SPAN = (r"(?:fra|frå|from|between|mellom)\s+(?:\S+\s+){0,5}?(?:til|to|and|og|until|till|through)\s+\S+",)
SUM = (r"totalt?", r"i alt", r"samlet", r"samla", r"sum\w*", r"in all", r"altogether", r"summert")
AVG = (r"gjennomsnitt\w*", r"snitt\w*", r"average", r"mean")
MEDIAN = (r"median\w*",)
# a count followed over the years ("utvikling i antall saker 2023–2025", "trend", "year by year")
TREND = (r"utvikling\w*", r"utvikla\w*", r"trend\w*", r"over time", r"over tid", r"year by year", r"år for år",
         r"fra år til år", r"frå år til år", r"each year", r"hvert år", r"kvart år", r"development", r"developed")
# "only", "berre", "bare", "kun", "solely", "eneste": the value named and no other
ONLY = (r"only", r"bare", r"berre", r"kun", r"solely", r"exclusively", r"eneste", r"einaste", r"utelukkende",
        r"single", r"sole")
MORE_THAN_ONE = (r"mer enn (?:én|en|ein|1)", r"meir enn (?:éin|ein|1)", r"flere enn (?:én|en|1)",
                 r"fleire enn (?:éin|ein|1)", r"more than (?:one|1)", r"several", r"multiple", r"flere", r"fleire",
                 r"minst to", r"at least two")

# an attribute row and its ticket are of one export (fct_ticket_attribute joins them on source_system and ticket_id):
# the source system in the join lets DuckDB skip the other exports' tickets instead of probing every ticket
JOIN_TICKETS = "join fct_ticket as t on t.ticket_key = a.ticket_key and t.source_system = a.source_system\n"


# the noun "log" shares its stem with "logged" (a time word); as a noun it names the export, never a column
_LOG_NOUNS = frozenset(("log", "logs", "logg", "loggen", "loggane", "eventlog", "hendelsesloggen", "saksloggen"))


# the verbs of a ticket resolved ("løyste", "resolved"): counted by its resolution, not its creation
# "who" asks for the person: the one who reported a ticket when the question says it came in ("hvem meldte flest"),
# else the one it is with ("kven løyste flest saker", "who handled the most")
WHO = frozenset(("hvem", "kven", "who", "whom", "vem"))


def compound_keys(word: str) -> list[str]:
    """The header-word families of a compound of two known header words ("tjenesteområde" = service + area,
    "innboksmappe" no): both parts (a linking -s-/-e- aside) must be header words of three letters or more; [] else."""
    w = word.casefold()
    if stem(w) in _KEY or len(w) < 7:
        return []
    for i in range(3, len(w) - 2):
        head, rest = w[:i], w[i:]
        for h in (head, head[:-1] if head[-1:] in ("s", "e") and len(head) > 3 else None):
            if h and (stem(h) in _KEY or h in _KEY) and stem(rest) in _KEY:
                return [_KEY.get(stem(h), _KEY.get(h)), _KEY[stem(rest)]]
    return []


def word_keys(word: str) -> set[str]:
    """The header-word families a question word names: its own (HEADER_WORDS), or its stem, and the families of the
    parts of a compound of header words."""
    return {_KEY.get(stem(word), stem(word)), *compound_keys(word)}


def _keys(text: str) -> set[str]:
    # a verb of a ticket coming in ("meldte", "reported") is the created time, never the reporter column it shares a
    # stem with
    verbs = tickets.created_verb_words(text)
    keys = {k for w in words(text) if len(w) >= 2 and w not in _LOG_NOUNS and w not in verbs for k in word_keys(w)}
    if WHO & set(words(text)):
        keys.add("reporter" if verbs else "assignee")
    if HOURS_PLURALS & set(words(text)):
        keys.add("hours")
    return keys


def _header_keys(name: str) -> list[str]:
    # a compound header of two header words («Tjenesteområde») is named by its parts ("service area"); an API's
    # field written in camel case ("TechName", "DueDate") by its words
    name = re.sub(r"(?<=[a-zæøå])(?=[A-ZÆØÅ])", " ", name)
    return [k for k in dict.fromkeys(k for w in words(name) if len(w) >= 2 and not w.isdigit() and w not in NOISE
                                     for k in (compound_keys(w) or [_KEY.get(stem(w), stem(w))]))]


def family_words(q: Question, headers) -> set[str]:
    """The stems of the question's words that name a word of one of the headers by its family ("service", "area" of
    «Tjenesteområde»)."""
    fams = {k for h in headers for k in _header_keys(h)} - STOPWORDS
    return {stem(w) for w in words(q.text) if word_keys(w) & fams}


def header_named(q: Question, header: str, lead: str) -> bool:
    """The question names the header by its words' families right after a lead word ("by service area" of
    «Tjenesteområde», "på sakstype" of «Type»): every header word's family among the three words after it."""
    hk = set(_header_keys(header)) - STOPWORDS
    if not hk:
        return False
    for m in re.finditer(r"(?<!\w)(?:" + lead + r")\s+((?:[\w-]+\s*){1,3})", q.text):
        if hk <= {k for w in words(m.group(1)) for k in word_keys(w)}:
            return True
    return False


@lru_cache(maxsize=64)
def _values_pattern(values: tuple[str, ...]):
    """One pattern for every value of three letters or more (the longest first), compiled once per column: a
    pattern per value and question would be compiled again and again."""
    kept = sorted({v for v in values if len(v) >= 3}, key=len, reverse=True)
    if not kept:
        return None, {}
    by_key = {}
    for v in values:
        by_key.setdefault(v.casefold(), v)
    # (a value written as the first part of a compound, "Gerica-saker", is the value; a version before a suffix,
    # "4.0.0-beta", is not)
    return re.compile(r"(?<![\w.])(?:" + "|".join(map(re.escape, kept)) + r")(?![\w.]|(?<=\d)-\w)", re.I), by_key


def _value_in(raw: str, values: list[str]) -> list[str]:
    """Values written exactly in the question ("4.0.0"); values of one or two letters do not count."""
    pattern, by_key = _values_pattern(tuple(values))
    # a value that is a function word of the question's languages ("Per", a first name: "saker per kommune") is the
    # word, never the value
    found = list(dict.fromkeys(by_key[m.group(0).casefold()] for m in pattern.finditer(raw)
                               if m.group(0).casefold() not in STOPWORDS)) if pattern else []
    # the longest wins where one value is part of another ("4.0.0" inside "4.0.0-beta-1" never matches
    # thanks to the boundaries; "Blocker" inside "Blocker bug" may)
    return [v for v in found if not any(v != o and v in o for o in found)]


def _value_words(q: Question, values: list[str]) -> list[str]:
    """Values of two or more words whose every word the question writes, in any order or form ("violated the SLA" of
    «SLA Violated», "ventar på kunde" of «Venter på kunde»): the value named in the question's own words. Words of
    one or two letters and figures do not count; a value of one word must be written as it is (`_value_in`)."""
    have = q.stems()
    found = []
    for v in values:
        ws = [w for w in words(str(v)) if len(w) >= 3 and not w.isdigit()]
        if len(ws) >= 2 and all(stem(w) in have for w in ws):
            found.append(v)
    return found[:3]


def _value_stems(q: Question, values: list[str]) -> list[str]:
    """Values of one word named in another form or language ("hendingar og tenesteførespurnader" of «Hendelse» and
    «Tjenesteforespørsel»): the stem of a question word (five letters or more) is the value's stem. Only when two or
    more values of the column are so named (a list of its values), so one common word never names a value."""
    have = {s for s in q.stems() if len(s) >= 4}
    found = [v for v in values if len(words(str(v))) == 1 and len(str(v)) >= 5 and stem(str(v).lower()) in have]
    return found if len(found) >= 2 else []


def _near(key: str, qkeys: set[str]) -> bool:
    """A header word written a little differently in the question (a typo, another inflection the stemmer leaves:
    "ventetida", "responstiden"), by rapidfuzz on stems of six letters or more."""
    from rapidfuzz import fuzz

    from app.engine.wordforms import FUZZY_RATIO

    return len(key) >= 6 and any(len(w) >= 6 and w[0] == key[0] and fuzz.ratio(key, w) >= FUZZY_RATIO for w in qkeys)


def named_attribute(q: Question, tv) -> tuple[object | None, list[str], set[str]]:
    """(attribute, values named, question stems used) for the column the question names, else (None, [], set()). A
    question that names an export reads that export's columns only ("Freshdesk tickets that violated the SLA" is never
    another export's «SLA bruten»)."""
    qkeys = _keys(q.text)
    # the words of a canonical value's name of several words ("Self Service" of the channel portal) name that value,
    # never another column's header ("Service Instance")
    for aliases in (getattr(tv, "value_aliases", {}) or {}).values():
        for alias in aliases:
            if " " in alias and re.search(r"(?<!\w)" + re.escape(alias) + r"(?!\w)", q.text):
                qkeys -= _keys(alias)
    generic = tickets.GENERIC
    best = None
    named = {s.system for s in tickets.selected_sources(q, tv)[0]}
    spent = tickets.naming_words(q, tv)
    for attr in tv.attributes.values():
        if not named & set(attr.systems):
            continue
        # a nested object's readable field ("department.title", "agent.name") is named by its object's words alone,
        # as its code ("department.id") is: the question means the one a person reads
        readable = _readable_leaf(attr.name)
        hk = _header_keys(_parent_leaf(attr.name)[0]) if readable else _header_keys(attr.name)
        if not hk:
            continue
        if "assignee" in hk and _names_requester(attr, tv):
            hk = ["reporter" if k == "assignee" else k for k in hk]
        if attr.numeric and "hours" not in hk and _written_durations(attr.values):
            hk = [*hk, "hours"]  # «Time spent» of "1:30", "0:45": hours as written, named by "hours"/"timer" too

        def hit(keys):
            # a header word also names the column as the head of a compound ("prosessvariantar" ~ "variant")
            return [k for k in keys if k in qkeys or len(k) >= 5 and any(w.endswith(k) for w in qkeys)
                    or _near(k, qkeys)]
        hits = hit(hk)
        # a nested object's own field ("SubmitterUserInfo.DepartmentName", "requester.department") is also named by
        # the field's words alone, its "name" word aside: "which department" is the submitter's department
        leaf = [k for k in _header_keys(_parent_leaf(attr.name)[1]) if k not in NAME_KEYS] \
            if "." in attr.name and not readable else []
        if leaf and (leaf_hits := hit(leaf)) and len(leaf_hits) / len(leaf) > len(hits) / len(hk):
            hk, hits = leaf, leaf_hits
        if CATEGORY_HEADER.search(attr.name) and not _level_written(q, attr.name):
            # a category level («Kategori 2», «Subcategory») is no free column: a category word names the category
            # and its every level (ticket_category_levels); only the level's own header written whole names it
            hits = []
        # a function word of the header ("Requested for", "Opened by") names it only beside another of its words
        distinctive = [k for k in hits if k not in generic and len(k) >= 3 and k not in STOPWORDS]
        # (the value of a column that holds it on every ticket names the export, as its file name does: no subset)
        values = (_value_in(q.raw, attr.values) or _value_words(q, attr.values) or _value_stems(q, attr.values)) \
            if attr.values and not attr.constant else []
        # a value matched only by words that named the export ("HR og lønn i <kommune>" of <kommune>_hr_lonn_….xlsx
        # beside a subject «Lønn»): the export's name, no value, unless the question writes it after the column's
        # header ("emne Lønn")
        values = [v for v in values if not tickets._spent({stem(w) for w in words(str(v))}, spent, q)
                  or re.search(r"(?<!\w)" + re.escape(attr.name.lower()) + r"\s+[«\"']?" + re.escape(str(v).lower())
                               + r"(?!\w)", q.text)]
        # a qualifier word outweighs the head word every duration shares ("waiting time": the wait column, not the
        # time spent)
        if distinctive and set(distinctive) <= GENERIC_HEADS and q.has(*SPAN):
            continue  # "time from registration to completion": a ticket's lifetime, not a column of time spent
        score = (len(hits) / len(hk) + 0.1 * len([k for k in distinctive if k not in GENERIC_HEADS])) \
            if distinctive else 0.0
        if values:
            score += 1.0
        if score >= 0.5 and (best is None or score > best[0] or score == best[0] and _wins_tie(q, attr, best[1])):
            best = (score, attr, values, hits)
    if best is None:
        return None, [], set()
    _, attr, values, hits = best
    used = {w for w in words(q.text) if _KEY.get(stem(w), stem(w)) in hits
            or any(len(k) >= 5 and stem(w).endswith(k) or _near(k, {_KEY.get(stem(w), stem(w))}) for k in hits)} | {stem(w) for v in values for w in words(v)}
    used |= {stem(w) for w in used}
    return attr, values, used


# a contact's id beside a person's name ("owner_contactid", "owner.contact_id"): the person is a contact who wrote in
_CONTACT_LEAF = re.compile(r"^(.+?)[._ ]?contact[._ ]?(id|key)?$", re.I)


def _names_requester(attr, tv) -> bool:
    """A person column of an object the export also identifies as the one who wrote in: the object has a contact id
    ("owner_name" beside "owner_contactid") or its e-mail is what the loader read the customer from ("owner_email"):
    the requester, whatever its word ("owner"), never the person the ticket is with."""
    parent = _object_of(attr.name)
    if not parent:
        return False
    systems = set(attr.systems)
    siblings = [a.name for a in tv.attributes.values() if systems & set(a.systems)]
    files = {f for s in getattr(tv, "sources", ()) if s.system in systems for f in s.files}
    customer = {h for f in files for fld, hs in (getattr(tv, "file_field_headers", {}) or {}).get(f, {}).items()
                if fld in ("customer_email", "customer_org") for h in hs}
    contact = any((m := _CONTACT_LEAF.match(h.strip())) and m.group(1).casefold() == parent for h in siblings)
    return contact or any(_object_of(h) == parent for h in customer if h != attr.name)


def _written_durations(values: list[str]) -> bool:
    """The column's values are durations as a person writes them ("1:30", "2 t 30 min"; the loader read their hours as
    its numbers: flows.tickets.attributes.duration_column)."""
    from flows.tickets.attributes import duration_column

    return bool(values) and duration_column(values)


def _wins_tie(q: Question, attr, other) -> bool:
    """Of two columns the question names equally well: a nested object's readable field over its code
    ("department.title" over "department.id", both named by the object's words); else the one whose header the question
    writes whole («Fagsystem» of "fagsystem issues", over «project.name» that a gloss of the same word names)."""
    parent, other_parent = _object_of(attr.name), _object_of(other.name)
    if parent and parent == other_parent:
        return _readable_leaf(attr.name) and not _readable_leaf(other.name)
    return _header_whole(q, attr.name) and not _header_whole(q, other.name)


# a flattened object's readable field written with an underscore or a space ("assignee_name", "Requester Name")
_FLAT_LEAF = re.compile(r"^(.+?)[_ ](name|display_?name|title|label)$", re.I)


def _parent_leaf(header: str) -> tuple[str, str]:
    """(object, field) of a nested object's field ("department.title", "assignee_name"); ("", header) for a plain
    column."""
    parent, dot, leaf = header.rpartition(".")
    if dot and parent:
        return parent, leaf
    flat = _FLAT_LEAF.match(header.strip())
    return (flat.group(1), flat.group(2)) if flat else ("", header)


_CODE_LEAF = re.compile(r"^(.+?)[._ ](id|key|code|uuid|ref|email|e-?mail)$", re.I)


def _object_of(header: str) -> str:
    """The object a field belongs to, whether its readable field or its code ("assignee" of "assignee_name" and of
    "assignee_id"); "" for a plain column."""
    parent = _parent_leaf(header)[0]
    code = _CODE_LEAF.match(header.strip()) if not parent else None
    return (code.group(1) if code else parent).casefold()


def _readable_leaf(header: str) -> bool:
    """A nested object's field that a person reads ("department.title", "agent.name", "assignee_name"), not its code
    ("assignee_id") or address."""
    from flows.tickets.presets import NESTED_NAME_KEYS

    parent, leaf = _parent_leaf(header)
    return bool(parent) and leaf.strip().casefold() in NESTED_NAME_KEYS


def _level_written(q: Question, header: str) -> bool:
    """The header of a category level is written whole in the question, its level number too ("i Kategori 2")."""
    return _header_whole(q, header) and all(re.search(r"(?<!\d)" + n + r"(?!\d)", q.text) is not None
                                            for n in re.findall(r"\d+", header))


def _sla_verdict_column(q: Question, tv, attr) -> bool:
    """The question asks an SLA's breach or keeping, the column is an SLA column («SLA brutt», «SLA Violated») and
    its export records the SLA verdict the loader read (fct_ticket_lifecycle.is_sla_met): the verdict answers, not a
    count of the column's filled cells."""
    from app.engine.families.ticket_rates import SLA, SLA_BREACH

    systems = (getattr(tv, "lifecycle_systems", {}) or {}).get("is_sla_met", frozenset())
    return bool(systems & set(attr.systems)) and q.has(*SLA) and q.has(*SLA_BREACH, r"opp?fylt\w*", r"met", r"kept",
                                                                    r"innfridd\w*", r"overhold\w*") \
        and bool(re.search(r"(?<![a-z])sla(?![a-z])", attr.name.lower()))


def _yes_values(values: list[str]) -> list[str]:
    """The values saying yes of a column whose every value is a yes or a no (both present: "1"/"0", "Yes"/"No",
    "Ja"/"Nei"); [] for any other column."""
    from flows.tickets.flags import yes_no

    read = {v: yes_no(v) for v in values}
    if not read or None in read.values() or set(read.values()) != {True, False}:
        return []
    return [v for v, yes in read.items() if yes]


def _header_written(q: Question, header: str) -> bool:
    """A word of the header is written in the question itself or in an inflected form of it ("versjoner" for
    «Versjon», "melderen" for «Melder»), not only a word the stemmer or a translation brings near it."""
    heads = [w for w in words(header.lower()) if len(w) >= 3 and w not in NOISE]
    return any(w == h or w.startswith(h) and len(w) - len(h) <= 3 for w in words(q.text) for h in heads)


def _header_whole(q: Question, header: str) -> bool:
    """Every word of the header is written in the question (in some inflection): «Sub Category», not "category"."""
    heads = [w for w in words(header.lower()) if len(w) >= 3 and w not in NOISE]
    return bool(heads) and all(any(w == h or w.startswith(h) and len(w) - len(h) <= 3 for w in words(q.text))
                               for h in heads)


def _canonical_named(q: Question, vocab, tv) -> bool:
    """The question names a field every ticket family knows (customer, channel, group ...) that the exports fill."""
    dim, col, _ = tickets._dimension_asked(q, tv)
    return dim is not None and (tv.organisations if col == "organisation_key" else len(tv.raw_values.get(col, ()))) >= 2


def _units_within_one(q: Question, vocab, tv, used: set[str]) -> bool:
    """"Kva for eining i X kommune melde flest saker": the question names one organisation and its units by the word
    that names the column of the unit a ticket came from (a submitter's department, «Enhet»): the units within that
    organisation, never a breakdown of one customer by customer."""
    if not any(_KEY.get(stem(w)) == "department" for w in words(q.text) if stem(w) in used):
        return False
    from app.engine.planner import find_organisations

    # (the organisation may be the customer or the owner of the export it names: "i Sunnfjord kommune" of
    # «sunnfjord_…json»)
    return len(set(find_organisations(q.text, vocab.organisations))) == 1


def _field_header_closer(q: Question, tv, name: str) -> bool:
    """The question shares more words (figures too) with the export header of a field the loader read into a
    breakdown column (TicketVocabulary.field_headers) than with the column's header: it names that field."""
    asked = {stem(w) for w in words(q.text)}

    def shared(header: str) -> int:
        return len(asked & {stem(w) for w in words(header.lower().replace("_", " "))})

    own = shared(name)
    headers = getattr(tv, "field_headers", {}) or {}
    return any(shared(h) > own for col in tickets.HEADER_COLUMNS for h in headers.get(col, ()))


def read(q: Question, vocab) -> Reading | None:
    tv = vocab.data.tickets if vocab.data else None
    if tv is None or not tv.attributes:
        return None
    attr, values, used = named_attribute(q, tv)
    if attr is None:
        return None
    if not values and _field_header_closer(q, tv, attr.name):
        return None  # "operational category (tier 1)": the header of a canonical field («... Tier 1»), not «... Tier 2»
    if not values and not _header_whole(q, attr.name) and tickets.missing_fields(q, tv):
        return None  # "saker med tom kategori": a canonical field left empty (tickets), not another column's values
    if not values and _sla_verdict_column(q, tv, attr):
        return None  # "Kor stor del ... braut SLA?": the SLA verdict the loader read from that column (ticket_rates)
    if not values:
        from app.engine.families.ticket_lookup import ticket_ids

        if len(ticket_ids(q, tv.id_prefixes)) == 1:
            return None  # "brukt tid på sak #1234": that ticket's value (ticket_lookup), not a count over tickets
    if not values and not _header_written(q, attr.name) and not _units_within_one(q, vocab, tv, used) and (
            _canonical_named(q, vocab, tv) or not attr.numeric and tickets.named_organisations(q, vocab, tv)[0]):
        # "hvor mange saker har kvar kommune meldt": the customer field the question names by its own word wins over
        # a column matched only loosely (the verb "meldt" ~ the header «Melder»); so does an organisation named, unless
        # the column is a measure summed over its tickets
        return None
    en = q.lang == "en"
    # a version-like value the question names ("4.0.1") that the column never holds: never count another value
    asked = [v for v in re.findall(r"(?<![\w.])\d+(?:\.\d+){1,3}(?![\w.])", q.raw)
             if not re.fullmatch(r"\d{1,2}\.\d{1,2}\.(?:19|20)\d\d", v)]
    missing = [v for v in asked if attr.values and v not in attr.values and v not in values]
    if missing:
        en = q.lang == "en"
        shown = ", ".join(f"«{v}»" for v in missing)
        return Refusal(NAME, "unanswerable",
                       (f"No ticket has {shown} in «{attr.name}»." if en else
                        f"Ingen sak har {shown} i «{attr.name}»."),
                       interpretation=f"«{attr.name}» = {shown}")
    # "Fix Version" when the exports keep only "Affected Versions": a qualifier of the header no column has
    others = {k for a in tv.attributes.values() for k in _header_keys(a.name)}
    verbs = tickets.created_verb_words(q.text)
    # (a word that is a value the column holds, "rettet" of «Løsning», names that value, not a header)
    value_words = {w.casefold() for v in values for w in words(str(v))}
    lacking = [w for w in words(q.text) if _KEY.get(stem(w)) in QUALIFIERS and _KEY[stem(w)] not in others
               and w not in verbs and w not in value_words]
    if lacking:
        asked = " ".join(dict.fromkeys(lacking))
        return Refusal(NAME, "unanswerable",
                       (f"The ticket exports have no «{asked}» column; the column nearest is «{attr.name}», which is "
                        f"another field." if en else
                        f"Saksdataene har ingen «{asked}»-kolonne; den nærmeste er «{attr.name}», som er et annet felt."),
                       interpretation=f"«{asked}»")
    # "3.x", "a version beginning with 3.": every value with that prefix
    prefixes = [m.group(1) for m in re.finditer(r"(?<![\w.])(\d+(?:\.\d+)*)\.(?:x|\*)(?![\w.])", q.raw, re.I)]
    prefixes += [m.group(1) for m in re.finditer(r"(?:begynner|begynn|starter|startar|starting|starts|beginning|"
                                                 r"begins|start)\s+(?:på|med|with)\s+[«\"']?(\d+(?:\.\d+)*)\.",
                                                 q.raw, re.I)]
    if prefixes and attr.values and not values:
        prefixes = list(dict.fromkeys(prefixes))
        chosen, _ = tickets.selected_sources(q, tv)
        chosen = [s for s in chosen if s.system in attr.systems] or [s for s in tv.sources if s.system in attr.systems]
        likes = " or ".join(f"a.value like {sql_str(p + '.%')}" for p in prefixes)
        sql = ("select count(distinct a.ticket_key) as tickets, count(distinct a.value) as values_matched\n"
               "from fct_ticket_attribute as a\n" + JOIN_TICKETS
               + f"where a.attribute = {sql_str(attr.name)}\n  and "
               + in_list("a.source_system", [s.system for s in chosen]) + f"\n  and ({likes})")
        shown = ", ".join(f"«{p}.»" for p in prefixes)
        interp = (f"number of tickets with at least one value of «{attr.name}» beginning with {shown}" if en else
                  f"antall saker med minst én verdi i «{attr.name}» som begynner på {shown}")
        return Reading(NAME, tickets.source_label(chosen, en, "fct_ticket_attribute"), sql, interp,
                       sentence=lambda c, r, lang: (
                           f"{format_number(r[0][0])} tickets ({interp}; {format_number(r[0][1])} different values)."
                           if lang == "en" else
                           f"{format_number(r[0][0])} saker ({interp}; {format_number(r[0][1])} ulike verdier)."))
    if not tickets.is_ticket_question(q, vocab) and not values and not q.has(*SUM, *AVG, *MEDIAN):
        # no ticket word: only a dimension-like column named by every (distinctive) word of its header
        keys = _header_keys(attr.name)
        if not attr.values or not all(k in _keys(q.text) for k in keys) or not any(len(k) >= 5 for k in keys):
            return None
    en = q.lang == "en"
    named, source_words = tickets.selected_sources(q, tv)
    chosen = [s for s in named if s.system in attr.systems] or [s for s in tv.sources if s.system in attr.systems]
    p = q.period
    where = [f"a.attribute = {sql_str(attr.name)}", in_list("a.source_system", [s.system for s in chosen])]
    ranges = p.ranges() if p.years else []
    # "kven løyste flest saker i 2023", "who resolved the most": the tickets resolved (in the period), not created
    # ("meldt i 2024 ble løst som «rettet»": the verb of the ticket coming in dates it, "løst som" says how it ended)
    resolved = q.has(*tickets.RESOLVED_CUES) and getattr(tv, "has_resolved_at", False) \
        and not _header_written(q, attr.name) and not tickets.created_verb_words(q.text)
    if resolved:
        where += [f"{tickets.resolved_end(tv)} is not null", tickets.NOT_CANCELLED]
    # "flest lukkede saker": the tickets closed, as every ticket count reads it (not when "closed" is a value here)
    closed = not resolved and q.has(*tickets.CLOSED_WORDS) and not q.has(*tickets.OPEN_CUES, tickets.NEGATORS + r"\s+\w*\s*(?:lukk|clos)\w*") \
        and not any(stem(w) in used for w in words(q.text) if re.fullmatch("|".join(tickets.CLOSED_WORDS), w)) \
        and not q.has(*tickets.STATE_IN_PERIOD)
    if closed and (cond := tickets.closed_condition(tv)):
        where.append(cond)
    else:
        closed = False
    if ranges:
        if all(s.dateless for s in chosen):
            return tickets.dateless_refusal(q, chosen, NAME, "tall per periode", "figures per period")
        # the exports of the column do not cover the period asked: say what they cover, never a count of 0
        refused = tickets.coverage_refusal(q, chosen, ranges, NAME)
        if refused is not None:
            return refused
        where.append(tickets.in_ranges(f"cast({tickets.resolved_end(tv)} as date)" if resolved else "t.created_date",
                                       ranges))
    filters, _ = tickets._value_filters(q, tv, tickets.GENERIC | used | source_words)
    # the value this column holds, read by another export as its category ("Tilgang" of a path «Tilgang > Passord»
    # there, the «Category» column here): no filter on the canonical field, which no ticket of this export has so
    held = getattr(tv, "value_systems", {}) or {}
    mine = {s.system for s in chosen}
    for col in [c for c, vals in filters.items() if c in held and vals and values
                and {normalise(v) for v in vals} <= {normalise(v) for v in values}]:
        if not any(held[col].get(v, frozenset()) & mine for v in filters[col]):
            filters.pop(col)
    # a canonical filter no ticket of this column's exports can meet, read from the words that name the column or its
    # value ("fagsystemsaker ... Visma Flyt Skole": another export's subcategories «Fagsystem» and «Visma»): those
    # words are this column's, not a second condition (a value sharing a word with them is another reading of that
    # word: "(Access/Password reset)" written whole here is no «Account/Access» of another export's category)
    own_words = set(words(attr.name.lower()))
    for col in [c for c, vals in filters.items() if c in held and vals]:
        if not any(held[col].get(v, frozenset()) & mine for v in filters[col]) and all(
                any(stem(w) in used or w in used or w in own_words for w in words(str(v))) for v in filters[col]):
            filters.pop(col)
    # the organisation named ("timer brukt på saker fra <kunde>") filters like every ticket count, once: by its key,
    # never again by the same name as a value
    org_conds, _, org_names = tickets.organisation_conditions(q, vocab, tv)
    if org_conds and values and {normalise(v) for v in values} <= {normalise(n) for n in org_names}:
        # the organisation is the value named of this column («Firma» = X in an export that keeps its customer there,
        # not in the customer field): the value filters, never the customer key as well (none of its tickets has it)
        others = [s for s in named if s.system not in attr.systems and "organisation_key" in s.filled]
        if others and not _header_written(q, attr.name) and not q.has(*ONLY) \
                and tickets._dimension_asked(q, tv)[0] is None:
            return _organisation_everywhere(q, tv, attr, values, org_conds, org_names, named, filters, ranges)
        org_conds, org_names = [], []
    if org_conds:
        filters.pop("customer_name", None)
    for col, vals in filters.items():
        where.append(_filter_condition(tv, chosen, attr, col, vals))
    where += org_conds
    period = p.describe(q.lang)
    label = tickets.source_label(chosen, en, "fct_ticket_attribute")
    base = "from fct_ticket_attribute as a\n" + JOIN_TICKETS + "where "
    conds = "\n  and ".join(where)
    extra = "".join(f", {tickets.field_label(c, q.lang == 'en')} = {', '.join(v)}" for c, v in filters.items())
    extra += "".join(f", {n}" for n in org_names)
    if closed:
        extra += ", closed" if en else ", lukket"
    if resolved:
        extra += (", resolved" if en else ", løst") + ((" in " if en else " i ") + period if period else "")
    else:
        extra += f", {period}" if period else ""
    name = f"«{attr.name}»"

    threshold = re.search(r"(?<!\w)(over|mer enn|meir enn|more than|above|greater than|minst|at least|under|"
                          r"mindre enn|less than|below|fewer than)\s+(\d+(?:[.,]\d+)?)(?!\d)", q.text)
    if attr.numeric and threshold and not values:
        op = ">=" if threshold.group(1) in ("minst", "at least") else ">" if threshold.group(1) in (
            "over", "mer enn", "meir enn", "more than", "above", "greater than") else "<"
        limit = float(threshold.group(2).replace(",", "."))
        where.append(f"a.value_number {op} {limit:g}")
        what = f"{name} {op} {format_number(limit)}"
        sql = "select count(distinct a.ticket_key) as tickets\n" + base + "\n  and ".join(where)
        interp = ("number of tickets with " if en else "antall saker med ") + what + extra
        return Reading(NAME, label, sql, interp, sentence=lambda c, r, lang: (
            f"{format_number(r[0][0])} tickets ({interp})." if lang == "en" else
            f"{format_number(r[0][0])} saker ({interp})."))
    dim, dim_col, _ = tickets._dimension_asked(q, tv)
    # "samanlikn timar arbeidd for A og B", "compare the hours logged": a measure compared is its total per part,
    # never a count of the tickets with the cell filled in (unless a count is asked)
    compared_measure = q.has(*tickets.SYSTEMS_COMPARED) and not q.has(
        r"hvor mange", r"kor mange", r"how many", r"antall\w*", r"talet", r"number of", r"count\w*")
    if attr.numeric and not values and (compared_measure or q.has(
            *SUM, *AVG, *MEDIAN, r"how many hours", r"hvor mange timer", r"kor mange timar")):
        stat = "avg" if q.has(*AVG) else "median" if q.has(*MEDIAN) else "sum"
        stat_w = {"sum": ("total", "sum"), "avg": ("mean", "gjennomsnitt"), "median": ("median", "median")}[stat]
        group = f"t.{dim_col}" if dim and dim_col != "organisation_key" else "t.customer_name" if dim else None
        # "timar arbeidd for A og B": one figure per organisation named, and their total (not when asked "til sammen")
        per_org = group is None and len(org_names) >= 2 and not q.has(*tickets.TOTAL_CUES)
        if per_org:
            group, dim = "t.customer_name", "customer" if en else "kunde"
        sql = (f"select {group + ' as ' + dim + ', ' if group else ''}"
               f"round(cast({stat}(a.value_number) as numeric), 2) as {stat}_value, "  # (hours logged: 531.75)
               f"count(distinct a.ticket_key) as tickets\n" + base + conds
               # (no ticket with a value: no figure, never "– (0 tickets)" said as an answer)
               + (f"\ngroup by 1\norder by {stat}_value desc" if group else "\nhaving count(a.value_number) > 0"))
        interp = f"{stat_w[0 if en else 1]} {name}{extra}" + (
            (f", by {dim}" if en else f", fordelt på {dim}") if group else "")

        def sentence(columns, rows, lang):
            if group:
                total = ""
                if per_org and len(rows) > 1:
                    total = (f"; together {format_number(sum(r[1] or 0 for r in rows))}" if lang == "en" else
                             f"; til sammen {format_number(sum(r[1] or 0 for r in rows))}")
                return f"{interp}: " + "; ".join(f"{r[0]}: {format_number(r[1])}" for r in rows[:24]) + total + "."
            r = rows[0]
            return (f"{interp}: {format_number(r[0])} ({format_number(r[1])} tickets)." if lang == "en" else
                    f"{interp}: {format_number(r[0])} ({format_number(r[1])} saker).")
        empty = ("No ticket has a value in that column with those filters." if en else
                 "Ingen sak har en verdi i den kolonnen med de avgrensningene.")
        return Reading(NAME, label, sql, interp, sentence=sentence, empty_reason=empty,
                       chart=lambda c, r: {"kind": "bar", "x": c[0], "y": c[1]} if group and len(r) > 1 else None)

    if not values and attr.values and q.has(*tickets.DISTINCT_CUES) and q.has(
            r"hvor mange", r"kor mange", r"how many", r"antall", r"talet", r"number of", r"count"):
        # "kor mange ulike prosessvariantar": the number of different values the column holds
        sql = ("select count(distinct a.value) as distinct_values, count(distinct a.ticket_key) as tickets\n"
               + base + conds)
        interp = (f"number of different values of {name}" if en else f"antall ulike verdier i {name}") + extra
        # "… og hvor mange saker følger den vanligste": the most common value and its tickets beside the number
        top = q.has(*COMMONEST, *tickets.RANK_HIGH)
        if top:
            sql = (f"with every_value as (\nselect a.value, count(distinct a.ticket_key) as value_tickets\n{base}{conds}"
                   f"\ngroup by 1\n)\nselect (select count(*) from every_value) as distinct_values,\n"
                   f"  (select count(distinct a.ticket_key)\n{base}{conds}) as tickets,\n"
                   f"  arg_max(value, value_tickets) as commonest_value, max(value_tickets) as commonest_tickets\n"
                   f"from every_value")

        def sentence(columns, rows, lang):
            n, k = rows[0][:2]
            e = lang == "en"
            more = ""
            if top:
                more = (f"; the most common, «{rows[0][2]}», has {format_number(rows[0][3])} tickets" if e else
                        f"; den vanligste, «{rows[0][2]}», har {format_number(rows[0][3])} saker")
            return (f"{format_number(n)} ({interp}; {format_number(k)} tickets{more})." if e else
                    f"{format_number(n)} ({interp}; {format_number(k)} saker{more}).")
        return Reading(NAME, label, sql, interp, sentence=sentence)

    if not values and attr.values and q.has(*COMMONEST, *tickets.COMMONEST) and q.has(*tickets.SHARE_CUES):
        # "what share of cases followed the most common process variant, and how many": the commonest value, its
        # tickets and their share of every ticket with the column filled in
        sql = (f"with every_value as (\nselect a.value, count(distinct a.ticket_key) as value_tickets\n{base}{conds}"
               f"\ngroup by 1\n)\nselect arg_max(value, value_tickets) as commonest_value, max(value_tickets) as tickets,"
               f"\n  (select count(distinct a.ticket_key)\n{base}{conds}) as tickets_all,\n"
               f"  round(100.0 * max(value_tickets) / (select count(distinct a.ticket_key)\n{base}{conds}), 1) "
               f"as share_pct\nfrom every_value")
        interp = (f"the most common value of {name}, its tickets and their share of all tickets with a value" if en
                  else f"den vanligste verdien i {name}, sakene med den og andelen av alle saker med verdi") + extra

        def share_sentence(columns, rows, lang):
            v, n, k, pct = rows[0]
            return (f"{format_number(pct, 1)} % ({format_number(n)} of {format_number(k)} tickets) have the most common "
                    f"value «{v}» ({interp})." if lang == "en" else
                    f"{format_number(pct, 1)} % ({format_number(n)} av {format_number(k)} saker) har den vanligste verdien "
                    f"«{v}» ({interp}).")
        return Reading(NAME, label, sql, interp, sentence=share_sentence)
    rank = q.has(*tickets.RANK_HIGH, *tickets.RANK_LOW)
    breakdown = not values and (rank or q.has(*(rf"{c}\s+(?:\w+\s+)?(?:{'|'.join(re.escape(w) for w in used)})"
                                                for c in tickets.BREAKDOWN_CUES) if used else False))
    if breakdown and q.has(*SUM, *AVG, *MEDIAN) and not q.has(
            r"hvor mange", r"kor mange", r"how many", r"antall\w*", r"talet", r"number", r"count\w*",
            *tickets.TICKET_CUES):
        return None  # "total time logged per technician": a total of a measure the column is not, never a count of it
    if breakdown:
        n = number_word(q.text, default=1 if rank and q.has(r"hvilke[nt]?", r"which", r"kva") else None)
        order = "asc" if q.has(*tickets.RANK_LOW) and not q.has(*tickets.RANK_HIGH) else "desc"
        sql = ("select a.value as value, count(distinct a.ticket_key) as tickets\n" + base + conds
               + f"\ngroup by 1\norder by tickets {order}, 1" + (f"\nlimit {n}" if n else ""))
        interp = (f"number of tickets by {name}" if en else f"antall saker fordelt på {name}") + extra

        def sentence(columns, rows, lang):
            shown = "; ".join(f"{r[0]}: {format_number(r[1])}" for r in rows[:24])
            return (f"Tickets ({interp}): " if lang == "en" else f"Saker ({interp}): ") + shown + "."
        return Reading(NAME, label, sql, interp, sentence=sentence,
                       chart=lambda c, r: {"kind": "bar", "x": "value", "y": "tickets"} if len(r) > 1 else None)

    if values and q.has(*ONLY) and not (dim and dim_col):
        # "issues whose only affected version is 3.0.0", "berre 3.0.0": the tickets whose set of values is exactly
        # the values named, no other value beside them
        inside = in_list("a.value", values)
        sql = ("select count(*) as tickets from (\nselect a.ticket_key\n" + base + "\n  and ".join(where)
               + f"\ngroup by 1\nhaving count(distinct a.value) = {len(values)}\n"
               f"  and count(distinct a.value) filter (where {inside}) = {len(values)}\n) as exactly")
        what = (" and " if en else " og ").join(values)
        interp = (f"number of tickets whose only value of {name} is {what}" if en else
                  f"antall saker med bare {what} i {name} (ingen annen verdi)") + extra
        return Reading(NAME, label, sql, interp, sentence=lambda c, r, lang: (
            f"{format_number(r[0][0])} tickets ({interp})." if lang == "en" else
            f"{format_number(r[0][0])} saker ({interp})."))
    if values:
        where.append(in_list("a.value", values))
        what = (f"{name} = {', '.join(values)}")
        conds = "\n  and ".join(where)
        if dim and dim_col:
            # "Hive-saker versjon 3.1.0 per prioritet": the tickets with the value, by the field asked
            group = "coalesce(t.customer_name, t.organisation_key)" if dim_col == "organisation_key" else f"t.{dim_col}"
            sql = (f"select {group} as {dim}, count(distinct a.ticket_key) as tickets\n" + base + conds
                   + "\ngroup by 1\norder by tickets desc, 1")
            interp = ("number of tickets with " if en else "antall saker med ") + what + extra + (
                f", by {dim}" if en else f", fordelt på {dim}")
            return Reading(NAME, label, sql, interp, sentence=lambda c, r, lang: (
                ("Tickets" if lang == "en" else "Saker") + f" ({interp}): "
                + "; ".join(f"{x[0]}: {format_number(x[1])}" for x in r[:24]) + "."),
                chart=lambda c, r: {"kind": "bar", "x": dim, "y": "tickets"} if len(r) > 1 else None)
        if len({y for y in p.years}) >= 2 and (q.has(*TREND) or tickets._grain_named(q)):
            # "utvikling for <verdi> 2023–2025", "per year": the tickets with the value, one count per year asked
            sql = ("select year(t.created_date) as year, count(distinct a.ticket_key) as tickets\n" + base + conds
                   + "\ngroup by 1\norder by 1")
            interp = ("number of tickets with " if en else "antall saker med ") + what + extra + (
                ", per year" if en else ", per år")
            return Reading(NAME, label, sql, interp, sentence=lambda c, r, lang: (
                ("Tickets" if lang == "en" else "Saker") + f" ({interp}): "
                + "; ".join(f"{x[0]}: {format_number(x[1])}" for x in r) + "."),
                chart=lambda c, r: {"kind": "line", "x": "year", "y": "tickets"} if len(r) > 1 else None)
        if len(values) > 1 and q.has(r"både", r"both", r"begge", r"all of", r"alle", r"samtidig", r"at once"):
            # "both 3.0.0 and 4.0.0": the tickets that list every value named
            sql = ("select count(*) as tickets from (\nselect a.ticket_key\n" + base + conds
                   + f"\ngroup by 1\nhaving count(distinct a.value) = {len(values)}\n) as every_value")
            what = (" and " if en else " og ").join(values)
            interp = (f"number of tickets with every one of {what} in {name}" if en else
                      f"antall saker med både {what} i {name}") + extra
            return Reading(NAME, label, sql, interp, sentence=lambda c, r, lang: (
                f"{format_number(r[0][0])} tickets ({interp})." if lang == "en" else
                f"{format_number(r[0][0])} saker ({interp})."))
        if len(values) > 1 and tickets.values_counted_apart(q):
            # "3.0.0 og 4.0.0", "which of 3.0.0 or 4.0.0 most": one count per value named
            order = "asc" if q.has(*tickets.RANK_LOW) and not q.has(*tickets.RANK_HIGH) else "desc"
            sql = ("select a.value as value, count(distinct a.ticket_key) as tickets\n" + base + conds
                   + f"\ngroup by 1\norder by tickets {order}, 1")
            interp = (f"number of tickets per value of {name}: {', '.join(values)}" if en else
                      f"antall saker per verdi i {name}: {', '.join(values)}") + extra
            return Reading(NAME, label, sql, interp, sentence=lambda c, r, lang: (
                ("Tickets" if lang == "en" else "Saker") + f" ({interp}): "
                + "; ".join(f"{x[0]}: {format_number(x[1])}" for x in r[:24]) + "."),
                chart=lambda c, r: {"kind": "bar", "x": "value", "y": "tickets"} if len(r) > 1 else None)
    elif attr.listed and q.has(*MORE_THAN_ONE):
        where.append("a.item_count > 1")
        what = f"{name}: more than one value" if en else f"{name}: mer enn én verdi"
    elif yes := _yes_values(attr.values):
        # a yes/no column named ("merket som forfalt (Overdue)", 0/1): the tickets it says yes of, never every ticket
        # with the cell filled in (a 0 is filled in too)
        where.append(in_list("a.value", yes))
        what = f"{name} = {'/'.join(yes)}"
    else:
        what = f"{name} filled in" if en else f"{name} utfylt"
    if q.has(*tickets.SHARE_CUES):
        # "what share of the issues list more than one version": of every ticket of the exports that have the
        # column (and the same ticket filters), those with it
        denominator = [w.replace("a.source_system", "t.source_system") for w in where
                       if not w.startswith(("a.attribute", "a.value", "a.item_count"))]
        sql = ("with matched as (\nselect distinct a.ticket_key\n" + base + "\n  and ".join(where) + "\n)\n"
               "select (select count(*) from matched) as tickets, count(*) as tickets_all,\n"
               "  round(100.0 * (select count(*) from matched) / nullif(count(*), 0), 1) as share_pct\n"
               "from fct_ticket as t\nwhere " + "\n  and ".join(denominator))
        interp = ("share of tickets with " if en else "andel av sakene med ") + what + extra
        return Reading(NAME, label, sql, interp, sentence=lambda c, r, lang: (
            f"{format_number(r[0][2], 1)} % ({interp}: {format_number(r[0][0])} of {format_number(r[0][1])} tickets)."
            if lang == "en" else
            f"{format_number(r[0][2], 1)} % ({interp}: {format_number(r[0][0])} av {format_number(r[0][1])} saker)."))
    if len(ranges) > 1 and _periods_apart(q):
        # "issues created per year, 2023 vs 2024", "Q3 og Q4": one count per period named, never the periods ORed
        # into one count (as ticket counts do)
        day = f"cast({tickets.resolved_end(tv)} as date)" if resolved else "t.created_date"
        case = "case " + " ".join(f"when {day} between date '{a}' and date '{b}' then {sql_str(_range_label(str(a), str(b)))}"
                                  for a, b in ranges) + " end"
        sql = (f"select {case} as period, count(distinct a.ticket_key) as tickets\n" + base + "\n  and ".join(where)
               + "\ngroup by 1\norder by 1")
        interp = ("number of tickets with " if en else "antall saker med ") + what + extra + (
            ", per period" if en else ", per periode")
        # whole years written as a range ("avbrutt i 2023-2024"), no trend or comparison asked: each year's count and
        # the range's own as a row of its own (the count over the period asked)
        if pooled := _pooled_span(q, ranges):
            sql = (f"with per_period as (\n{sql}\n)\nselect period, tickets from (\n  select period, tickets, 0 as k "
                   f"from per_period\n  union all\n  select {sql_str(pooled)}, (select count(distinct a.ticket_key)\n"
                   + base + "\n  and ".join(where) + "), 1\n) as rows_\norder by k, period")
            interp += f", {pooled}" if en else f", og {pooled}"
        return Reading(NAME, label, sql, interp, sentence=lambda c, r, lang: (
            ("Tickets" if lang == "en" else "Saker") + f" ({interp}): "
            + "; ".join(f"{x[0]}: {format_number(x[1])}" for x in r) + "."),
            chart=lambda c, r: {"kind": "bar", "x": "period", "y": "tickets"} if len(r) > 1 else None)
    sql = "select count(distinct a.ticket_key) as tickets\n" + base + "\n  and ".join(where)
    interp = ("number of tickets with " if en else "antall saker med ") + what + extra
    return Reading(NAME, label, sql, interp, sentence=lambda c, r, lang: (
        f"{format_number(r[0][0])} tickets ({interp})." if lang == "en" else
        f"{format_number(r[0][0])} saker ({interp})."))


def _periods_apart(q: Question) -> bool:
    """The question names two or more periods to be counted each ("2023 vs 2024", "per år", "Q3 og Q4", "endring fra
    2023 til 2024"), not one period that only reads as several: a span ("fra januar til september", "mellom 2023 og
    2024"), a range of months or quarters ("januar–september"), a date written in parts, or periods summed."""
    p = q.period
    if tickets._periods_named(p) < 2 or tickets.periods_summed(q) or p.month_span or p.quarter_span:
        return False
    asked_apart = q.has(*TREND, *tickets.TICKET_CHANGE_CUES, *tickets.TWO_PERIODS_COMPARED) or tickets._grain_named(q)
    return asked_apart or not q.has(*SPAN)


def _pooled_span(q: Question, ranges) -> str | None:
    """The label of the range's own row ("2023–2024 samlet") when whole years were written as a range ("i 2023-2024")
    and no trend, change or comparison is asked of them; else None (the years counted apart only)."""
    labels = [_range_label(str(a), str(b)) for a, b in ranges]
    if not labels or not all(x.isdigit() for x in labels):
        return None
    if q.has(*TREND, *tickets.TICKET_CHANGE_CUES, *tickets.TWO_PERIODS_COMPARED) or tickets._grain_named(q):
        return None
    return tickets.span_label(q, [int(x) for x in labels])


def _range_label(start: str, end: str) -> str:
    """A period's date range as a reader names it: "2024", "H2 2024", "Q3 2024", "2024-07", else "2024-07-03 – 2024-09-30"."""
    from datetime import date, timedelta

    a, b = date.fromisoformat(start), date.fromisoformat(end)
    whole_month_end = (b + timedelta(days=1)).day == 1
    if a.day == 1 and whole_month_end and a.year == b.year:
        months = b.month - a.month + 1
        if months == 12:
            return str(a.year)
        if months == 6 and a.month in (1, 7):
            return f"H{1 if a.month == 1 else 2} {a.year}"
        if months == 3 and a.month % 3 == 1:
            return f"Q{a.month // 3 + 1} {a.year}"
        if months == 1:
            return f"{a.year}-{a.month:02d}"
    return f"{start} – {end}"


def _level(value: str) -> str | None:
    """The priority level (A–D) a value names, its word "priority" aside ("High priority" is B, "Haster" A)."""
    from flows.tickets.presets import normalise_priority

    v = str(value)
    return normalise_priority(v) or normalise_priority(
        re.sub(r"(?i)(?<!\w)(?:priority|prioritet|prio)(?!\w)", " ", v).strip() or v)


def column_values_for(tv, systems: set[str], col: str, vals: list[str], skip: str | None = None):
    """(column, values) of another column of the exports `systems` that holds the canonical filter `col` = `vals`
    when those exports leave the canonical field empty (a «Priority» or «Stage» column the loader kept as it was):
    its values that are the ones named, case and language aside ("urgent" of «Urgent», a level word of «Haster»);
    None when the exports fill the field or no column holds those values."""
    if any(col in s.filled for s in tv.sources if s.system in systems):
        return None
    wanted = {normalise(str(v)) for v in vals}
    levels = {lv for v in vals if (lv := _level(v))} if col in ("priority", "priority_source") else set()
    levels |= {str(v) for v in vals if col == "priority" and str(v) in "ABCD"}
    best = None
    for a in tv.attributes.values():
        if a.name == skip or a.numeric or not a.values or not systems & set(a.systems):
            continue
        hit = [v for v in a.values if normalise(v) in wanted]
        if not hit and levels:
            hit = [v for v in a.values if _level(v) in levels]
        if hit and (best is None or len(hit) > len(best[1])):
            best = (a, hit)
    return best


def _filter_condition(tv, chosen, attr, col: str, vals: list[str]) -> str:
    """SQL: the ticket filter `col` in `vals`, by the canonical field, or by the column of the exports asked that
    holds it when they leave the field empty (column_values_for)."""
    held = column_values_for(tv, {s.system for s in chosen}, col, vals, skip=attr.name)
    if held is None:
        return in_list(f"t.{col}", vals)
    other, hit = held
    return (f"a.ticket_key in (select o.ticket_key from fct_ticket_attribute as o where o.attribute = "
            f"{sql_str(other.name)} and {in_list('o.value', hit)})")


def _organisation_everywhere(q: Question, tv, attr, values, org_conds, org_names, named, filters, ranges) -> Reading:
    """"Hvor mange saker kom fra X i 2024?" where one export keeps its customer in a column of its own («Firma») and the
    others in the customer field: the tickets of X in every export named, by the customer field or by that column, one
    count per export and their sum (never one export's column alone, nor both conditions on every ticket)."""
    en = q.lang == "en"
    where = [tickets.in_ranges("t.created_date", ranges)] if ranges else []
    where += [in_list(f"t.{col}", vals) for col, vals in filters.items() if col != "customer_name"]
    if len(named) < len(tv.sources):
        where.append(in_list("t.source_system", [s.system for s in named]))
    in_column = (f"t.ticket_key in (select a.ticket_key from fct_ticket_attribute as a where a.attribute = "
                 f"{sql_str(attr.name)} and {in_list('a.value', values)})")
    where.append("(" + " and ".join(org_conds) + f" or {in_column})")
    sql = ("select regexp_replace(t.source_file, '^.*[/\\\\]', '') as export, count(*) as tickets\n"
           "from fct_ticket as t\nwhere " + "\n  and ".join(where) + "\ngroup by 1\norder by 1")
    who = ", ".join(org_names)
    period = q.period.describe(q.lang)
    files = ", ".join(f"«{f}»" for s in tv.sources if s.system in attr.systems for f in s.files)
    interp = ((f"number of tickets from {who}" if en else f"antall saker fra {who}") + (f", {period}" if period else "")
              + (f", by the customer field and by «{attr.name}» in {files}" if en else
                 f", etter kundefeltet og etter «{attr.name}» i {files}"))

    def sentence(columns, rows, lang):
        total = sum(r[1] for r in rows)
        per = "; ".join(f"«{r[0]}»: {format_number(r[1])}" for r in rows)
        return (f"{format_number(total)} tickets ({interp}): {per}." if lang == "en" else
                f"{format_number(total)} saker ({interp}): {per}.")
    return Reading(NAME, tickets.source_label(named, en, "fct_ticket"), sql, interp, sentence=sentence)
