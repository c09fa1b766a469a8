"""Event-log questions (fct_ticket_event): how many tickets went through an activity ("had a 'Wait'
step", "krevde oppgradering (Require upgrade)"), never did, started with one, did it by a resource;
the share of tickets that did; how many events the log holds; and the time from a ticket's creation
to its first event of an activity ("median days to the first 'Closed'"), per year when asked.

Applies only when the warehouse holds an event-log export and the question names an activity or a
resource as exported (quoted, in brackets, or every word of it), or speaks of events/steps. A closing
or resolving word without a named activity means the activities the export's states call closed or
resolved. Periods are the ticket's created date, like every ticket count.
"""
from __future__ import annotations

import re
from functools import lru_cache

from app.engine.families import tickets
from app.engine.families.base import Question, Reading, Refusal, in_list, number_word
from app.engine.format import format_number
from app.engine.text import pattern
from app.engine.wordforms import stem, words

NAME = "ticket_events"

EVENT_WORDS = (r"hendelse\w*", r"hending\w*", r"events?", r"steps?", r"steg\w*", r"aktivitet\w*", r"activit\w*",
               r"\w+-hendelse\w*", r"\w+-events?", r"\w+-steg\w*")
COUNT_EVENTS = (r"(?:how many|number of|antall|kor mange|hvor mange) (?:\S+ ){0,2}(?:\S+-)?(?:events|hendelser|hendingar)",
                r"(?:events|hendelser|hendingar) (?:does|do|in|i|totalt|i alt|in total|altogether)\b",
                r"(?:totalt|total|samla|samlet) (?:antall |number of |tal på )?(?:events|hendelser|hendingar)",
                # "how many times was a case resolved": each time is an event, a case counted as often as it did it
                r"how many times", r"number of times", r"hvor mange ganger", r"kor mange gonger", r"kor mange gongar",
                r"antall ganger", r"talet på gonger", r"tal på gonger", r"hvor ofte", r"kor ofte", r"how often")
# the rows of a status log by what each one records: a change of state ("status changes", "statusendringer", "state
# transitions", "log entries"): counted as events, each in the period of its own time
CHANGE_NOUNS = (r"status ?changes?", r"state changes?", r"status ?transitions?", r"state transitions?", r"transitions",
                r"statusendring\w*", r"status-endring\w*", r"statusskift\w*", r"tilstandsendring\w*",
                r"statusovergang\w*", r"overganger", r"log entries", r"log rows", r"audit (?:rows|entries|records)",
                r"logglinj\w*", r"loggrader", r"loggføringer", r"rader i (?:\S+-)?loggen")
COUNT_CHANGES = (r"(?:how many|number of|antall|kor mange|hvor mange|talet på|tal på) (?:\S+ ){0,2}(?:"
                 + "|".join(CHANGE_NOUNS) + r")",)
COUNT_EVENTS += COUNT_CHANGES
FIRST = (r"startet med", r"starta med", r"begynte med", r"started with", r"start(?:s|ed)? with", r"began with",
         r"first event", r"første hendelse\w*", r"fyrste hending\w*")
# the ticket's latest state: its last event ("currently in Wait", "siste status er Closed", "endte i Closed")
LAST = (r"currently", r"right now", r"at present", r"presently", r"for øyeblikket", r"per (?:nå|no|i dag|today)",
        r"(?:står|stend|står nå|står no|ligger|ligg|is still|are still|fortsatt|framleis|still) (?:i|in|som|as|på|on)",
        r"(?:siste|last|latest|final|current|nåværende|gjeldende|noverande|gjeldande|end) (?:status\w*|state|"
        r"tilstand\w*|hendelse\w*|hending\w*|events?|activity|aktivitet\w*|steps?|steg\w*)",
        r"sluttstatus\w*", r"sluttilstand\w*", r"end(?:ed|s)? (?:up )?(?:in|with|as|at)", r"endte (?:opp )?(?:i|med|som)",
        r"enda (?:opp )?(?:i|med|som)", r"ender (?:opp )?(?:i|med|som)", r"endar (?:opp )?(?:i|med|som)",
        r"(?:fortsatt|framleis|still|currently) (?:åpne?|opne?|open)")
# "fortsatt åpne (New, In Progress eller On Hold)", "still open": the states named are the ticket's latest state
STILL_OPEN = (r"(?:fortsatt|framleis|still|currently|nå|no|now|per nå|i dag|today)\s+(?:åpne?|opne?|open|uløst\w*|"
              r"uløyst\w*|unresolved|ikke løst|ikkje løyst)", r"(?:er|is|are|står|står som)\s+(?:åpne?|opne?|open)")
NEVER = (r"aldri", r"never", r"ikke", r"ikkje", r"not", r"without", r"uten", r"utan")
SHARE = (r"andel\w*", r"share", r"prosent\w*", r"percent\w*", r"proportion", r"del av")
TIME = (r"median\w*", r"gjennomsnitt\w*", r"snitt\w*", r"average", r"mean", r"tid", r"time", r"dager", r"dagar",
        r"days", r"hours", r"timer", r"timar", r"how long", r"hvor lang", r"kor lang")
TIME_WORDS = (r"tid", r"time", r"dager", r"dagar", r"days?", r"døgn", r"hours?", r"timer", r"timar", r"how long",
              r"hvor lang", r"kor lang", r"løsningstid\w*", r"løysingstid\w*", r"behandlingstid\w*")
TIME_STEMS = {stem(w) for w in """median mediantid gjennomsnitt gjennomsnittlig snitt average mean tid time dager dagar
days day døgn hours hour timer timar long lang lenge opprettes oppretting opprettelse opprettet creation created
create registrering registrert lukkes lukking lukka lukket closed close closing løses løst løysing løsning resolved
resolution resolve ferdigmeldt sak saka saken første fyrste first""".split()}
RESOURCE_WORDS = (r"ressurs\w*", r"resources?", r"behandler\w*", r"saksbehandler\w*", r"handlers?", r"agents?",
                  r"operatør\w*", r"operators?", r"who", r"hvem", r"kven", r"whom")
ACTIVITY_WORDS = (r"aktivitet\w*", r"activit\w*", r"hendelsestyp\w*", r"event types?", r"steg\w*", r"steps?")
AVERAGE = (r"gjennomsnitt\w*", r"snitt\w*", r"average", r"mean")
CLOSING = (r"lukk\w*", r"closed?", r"closing")
RESOLVING = (r"løs\w*", r"løys\w*", r"resolv\w*", r"resolution\w*", r"solved", r"ferdigmeld\w*")
STATS = {"median": "median", "avg": "avg"}


COUNT_WORDS = (r"hvor mange", r"kor mange", r"how many", r"antall", r"antallet", r"talet på", r"tal på",
               r"number of", r"count", r"totalt", r"total", r"i alt", r"in all")
# "lukket i 2012", "resolved in May": a period of closing, which the ticket counts place by the closed time
REPEATED = (r"mer enn (?:en|én|ein|1) gang\w*", r"meir enn (?:ein|éin|en|1) gong\w*", r"more than once",
            r"flere ganger", r"fleire gonger", r"several times", r"multiple times", r"twice or more",
            r"minst (?:to|2) gang\w*", r"minst (?:to|2) gong\w*", r"at least twice", r"gjentatte ganger", r"repeatedly",
            r"mer enn (?:en|én|ein|1)", r"meir enn (?:ein|éin|en|1)", r"more than (?:one|1)", r"flere enn (?:en|én|1)",
            r"two or more", r"to eller flere", r"to eller fleire", r"minst (?:to|2)", r"at least (?:two|2)")
PERIOD_OF_STATE = tickets.STATE_IN_PERIOD
# a step done "during" a period ("i løpet av 2024", "during 2024"); a ticket's creation named places it by creation
DURING_PERIOD = (r"(?:i løpet av|i laupet av|during|in the course of|throughout)\s+(?:\w+\s+)?(?:19|20)\d\d",)
CREATED_WORDS = (r"opprett\w*", r"oppretta", r"created", r"opened", r"registrert\w*", r"registered", r"nye", r"new")


# the Norwegian "hendelse"/"hending" is both an event and an incident (the ticket of an incident system): it means the
# log's events only beside a word that makes it one ("i loggen", "(rader)", "per sak", "Closed-hendelse", "endringer")
INCIDENT_WORDS = (r"hendelse\w*", r"hending\w*")
EVENT_ONLY = (r"events?", r"steps?", r"steg\w*", r"aktivitet\w*", r"activit\w*", r"rader", r"radene", r"rows?",
              r"linjer", r"lines?", r"entries", r"oppføring\w*", r"logginnslag\w*", r"innslag\w*", r"endring\w*",
              r"changes?", r"per (?:[\w-]+[- ])?(?:sak|ticket|case|issue)\w*", r"hver sak", r"kvar sak",
              r"første hendelse\w*", r"fyrste hending\w*", r"siste hendelse\w*", r"siste hending\w*",
              r"hendelsestyp\w*", r"hendingstyp\w*")


def incidents_meant(q: Question, tv) -> bool:
    """The question's "hendelser"/"hendingar" are incidents, tickets counted as such: no word makes them the log's
    events (its rows, its steps, the log itself, events per ticket, an activity's event: "Closed-hendelse", «Wait»).
    "BMC-hendelser" (a system's name before the noun) are its incidents."""
    if not q.has(*INCIDENT_WORDS) or q.has(*EVENT_ONLY, *tickets.EVENT_LOG_CUES):
        return False
    labels = tv.activities.labels if getattr(tv, "activities", None) is not None else []
    return not _exact(_quoted(q.raw), labels)


def _states_of(tv, state: str) -> list[str]:
    """Every activity the loader read as putting a ticket in the state (closed, resolved)."""
    states = getattr(tv, "activity_states", {}) or {}
    return [a for a in tv.activities.labels if states.get(a) == state]


def _state_activities(q: Question, tv) -> list[str]:
    """The activities that mark the state a closing or resolving word names ("løste" -> the activities the
    loader read as resolved; "closed" -> closed), the one done to the ticket itself first ("Resolve ticket"
    over "Resolve SW anomaly"). Without states from the loader, the activities named by the verb."""
    closing = q.has(*CLOSING)
    resolving = q.has(*RESOLVING) and not closing
    if not (closing or resolving) or tv.activities is None:
        return []
    state = "closed" if closing else "resolved"
    states = getattr(tv, "activity_states", {}) or {}
    if states:
        activities = [a for a in tv.activities.labels if states.get(a) == state]
    else:
        verb = r"clos|lukk|avslutt" if closing else r"resolv|solv|løs|løys"
        activities = [a for a in tv.activities.labels if re.search(rf"(?<!\w)(?:{verb})", a, flags=re.I)]
    own = [a for a in activities if re.search(r"(?<!\w)(?:ticket|tickets|sak\w*|case|issue|incident)(?!\w)", a,
                                              flags=re.I)]
    return own or activities


NEVER_REACHED = (r"never", r"aldri", r"reached", r"nådde", r"went through", r"gikk gjennom", r"gjekk gjennom")


# the question asks for the first resolution or response explicitly: a reopened ticket's first one is measured
FIRST_RESOLUTION = (r"første løsning\w*", r"fyrste løysing\w*", r"første gang\w*", r"first resolution", r"first resolved",
                    r"first time", r"første respons\w*", r"first response", r"fyrste respons\w*", r"første \w+ løst",
                    r"first (?:\w+ )?solved", r"initial resolution")
# "the first/last resolution": which of a reopened ticket's resolutions is measured
ORDER_STEMS = {stem(w) for w in ("first", "første", "fyrste", "initial", "last", "siste", "final", "endelig",
                                 "endelege", "endelige")}
# the states a ticket is open in again after a resolution (a reopening)
OPEN_STATES = ("new", "open", "pending")


def last_resolution_sql(where: list[str], act_cond: str) -> str:
    """Per ticket (fct_ticket_event alias e): created_date, and days from creation to its last resolving event when no
    event after it puts the ticket back in an open state; a ticket reopened and not solved again is left out."""
    return ("select e.ticket_key, min(e.created_date) as created_date, "
            f"max(e.days_since_created) filter (where {act_cond}) as days\n  from fct_ticket_event as e\n  where "
            + "\n    and ".join(where) + "\n  group by e.ticket_key\n  having "
            f"max(e.event_seq) filter (where {act_cond}) > coalesce(max(e.event_seq) filter (where e.status in "
            f"({', '.join(repr(s) for s in OPEN_STATES)}) and not ({act_cond})), 0)")


# the resolution time named as a measure ("løsningstid", "median løysingstid", "resolution time")
RESOLUTION_TIME = (r"løsningstid\w*", r"løysingstid\w*", r"lösningstid\w*", r"resolution ?times?")


def _about_log(q: Question, tv, chosen, logs) -> bool:
    """The question is about the event log: every export it names is one, it says "the log", or a word of the log's
    file name that no other export's file name has ("helpdesk" of "helpdesk_..._eventlog.csv")."""
    if chosen and all(s.events for s in chosen):
        return True
    if q.has(*tickets.EVENT_LOG_CUES) or q.has(*NEVER_REACHED):
        return True  # "never reached Closed": a ticket's history, which only an event log holds
    qwords = set(words(q.text))
    log_words = {w for s in logs for f in s.files for w in words(f.lower().replace("_", " "))}
    other_words = {w for s in tv.sources if not s.events for f in s.files for w in words(f.lower().replace("_", " "))}
    return bool(qwords & (log_words - other_words) - {"csv", "xlsx", "json", "txt"})


def _quoted(raw: str) -> list[str]:
    """Texts in quotes or brackets, and the word before "-hendelse"/"-event"/"-step" ("Closed-hendelse")."""
    out = re.findall(r"['‘’\"“”«]([^'‘’\"“”«»]{1,60})['‘’\"“”»]", raw)
    out += re.findall(r"\(([^()]{1,60})\)", raw)
    out += re.findall(r"([\w ]{1,40}?)-(?:hendelse\w*|hending\w*|events?|steg\w*|steps?)\b", raw, flags=re.I)
    return [t.strip() for t in out if t.strip()]


def _exact(texts: list[str], labels: list[str]) -> list[str]:
    by_key = {lab.casefold(): lab for lab in labels}
    found = []
    for t in texts:
        key = t.casefold().strip()
        # "(New, In Progress eller On Hold)": a list of labels in one bracket, each of them
        parts = [x for x in re.split(r"\s*(?:,|/|;|\beller\b|\bor\b|\bog\b|\band\b)\s*", key) if x]
        if key in by_key:
            found.append(by_key[key])
        elif len(parts) > 1 and all(x in by_key for x in parts):
            found += [by_key[x] for x in parts]
        else:  # the last words of "har en Closed" / "a 'Wait'": a label at the end
            # (a one-word label as written: "closed or resolved" names no 'RESOLVED')
            tail = [lab for k, lab in by_key.items() if pattern(rf"(?<!\w){re.escape(k)}$").search(key)
                    and (" " in lab or t.strip().endswith(lab))]
            found += tail[:1]
    return list(dict.fromkeys(found))


def _norwegian_forms(word: str) -> tuple[str, ...]:
    """The Norwegian forms the one word list (app.engine.wordforms.EN_TO_NB) gives an English label word, four letters
    or more ("create" -> "opprett", "anomaly" -> "anomali", "avvik", "feil", "SW" -> "programvare")."""
    from app.engine.wordforms import EN_TO_NB

    forms = EN_TO_NB.get(word.lower(), ())
    return tuple(f for f in ((forms,) if isinstance(forms, str) else forms) if len(f) >= 4)


@lru_cache(maxsize=64)
def _glosses(label_words: frozenset[str]) -> tuple[tuple[str, str], ...]:
    """(pattern of a Norwegian word, the English label word it stands for), from the en↔nb word list: a word that
    begins with a form ("oppretta", "løyste") or ends in one, as a compound's head ("programvareanomali")."""
    out = []
    every = "|".join(re.escape(f) for lw in label_words for f in _norwegian_forms(lw))
    for lw in sorted(label_words):
        forms = _norwegian_forms(lw)
        if forms:
            alt = "|".join(map(re.escape, forms))
            # a head of six letters or more after any first part; a shorter one ("feil", "vent") only after another
            # form of the list ("programvarefeil", never "forventet")
            long_ = "|".join(re.escape(f) for f in forms if len(f) >= 6)
            heads = (rf"|\w{{3,}}(?:{long_})\w{{0,3}}" if long_ else "") + rf"|(?:{every})(?:{alt})\w{{0,3}}"
            out.append((rf"(?:{alt})\w*" + heads, lw))
    return tuple(out)


def _label_words(index) -> frozenset[str]:
    return frozenset(w for lab in index.labels for w in words(lab.lower()))


def _glossed(text: str, index) -> str:
    """The question with the English words the exported labels use: a Norwegian word the en↔nb word list gives for a
    label word ("oppretta" -> create, "programvareanomali" -> SW, anomaly) and a label word spelt nearly the same
    ("anomali" -> anomaly)."""
    from rapidfuzz import fuzz

    label_words = _label_words(index)
    extra = []
    for forms, gloss in _glosses(label_words):
        if pattern(rf"(?<!\w)(?:{forms})(?!\w)").search(text):
            extra.append(gloss)
    for w in words(text):
        if len(w) >= 5 and w not in label_words:
            near = [lw for lw in label_words if len(lw) >= 5 and lw[:4] == w[:4] and fuzz.ratio(w, lw) >= 80]
            extra += near[:1]
    return text + (" " + " ".join(extra) if extra else "")


@lru_cache(maxsize=64)
def _label_patterns(labels: tuple[str, ...]):
    """One compiled pattern for the labels of two words or more (case-folded, longest first), their keys, and one
    for the one-word labels as written: compiled once per label list, not once per label and question."""
    longer = sorted({lab.casefold() for lab in labels if len(lab.split()) >= 2 and len(lab) >= 4}, key=len,
                    reverse=True)
    by_key = {lab.casefold(): lab for lab in labels}
    single = sorted({lab for lab in labels if len(lab.split()) == 1 and len(lab) >= 3}, key=len, reverse=True)
    long_pattern = (re.compile(r"(?<![\w])(?:" + "|".join(map(re.escape, longer)) + r")(?![\w])") if longer
                    else None)
    one_pattern = (re.compile(r"(?<![\w])(?:" + "|".join(map(re.escape, single)) + r")(?![\w])") if single
                   else None)
    return long_pattern, by_key, one_pattern


def _verbatim(raw: str, labels: list[str]) -> list[str]:
    """Labels of two words or more written as exported in the question ("Value 1", "Take in charge ticket"), and
    one-word labels written exactly so in a list of them ("…, Assign seriousness, Closed")."""
    long_pattern, by_key, one_pattern = _label_patterns(tuple(labels))
    low = raw.casefold()
    found = list(dict.fromkeys(by_key[m.group(0)] for m in long_pattern.finditer(low))) if long_pattern else []
    if found and one_pattern:
        found += [m.group(0) for m in one_pattern.finditer(raw) if m.group(0) not in found]
    # the longest first, dropping a label inside another one found ("Resolve ticket" in "Resolve tickets")
    found.sort(key=len, reverse=True)
    kept: list[str] = []
    for lab in found:
        if not any(re.search(rf"(?<![\w]){re.escape(lab.casefold())}(?![\w])", k.casefold()) for k in kept):
            kept.append(lab)
    return [lab for lab in labels if lab in kept]


def _named(q: Question, index, quoted: list[str], strict: bool,
           single: frozenset[str] = frozenset()) -> tuple[list[str], set[str]]:
    """Labels (activities or resources) the question names: quoted exactly, else by their words."""
    if index is None:
        return [], set()
    exact = _exact(quoted, index.labels) or _verbatim(q.raw, index.labels)
    if exact:
        used = {stem(w) for lab in exact for w in words(lab)} | {w for lab in exact for w in words(lab)}
        return exact, used
    terms = index.terms(_glossed(q.text, index))
    found, used = [], set()
    for m in index.match(terms, min_cover=0.6):
        if m.cover < 1.0 and m.matched < 2:
            continue
        if strict and m.matched < 2 and not (m.label in single and m.cover == 1.0):
            continue
        if not found or (m.cover == found[0][1] and m.weight == found[0][2]):
            found.append((m.label, m.cover, m.weight))
            used |= set(m.used)
    if not found:
        return _by_head_word(q, index)
    return [f[0] for f in found], used


PASSED = (r"gjennom", r"through", r"via", r"innom", r"fikk", r"fekk", r"fått", r"got", r"had", r"hadde", r"har hatt",
          r"steg\w*", r"steps?", r"hendelse\w*", r"hending\w*", r"events?", r"aktivitet\w*", r"activit\w*",
          r"required?", r"krevde", r"kravde", r"krev\w*", r"passed", r"passert\w*", r"innebar", r"involved?")
HEAD_KNOWN = {stem(w) for w in """vore vært været been gone went gått blitt vorte ble vart were was is are har have has
hadde had fikk fekk fått got get gets a an the en ein ei et eit ett som that which who did do does logged registered
registrert registrerte laget lagd laga put satt sett sette på on in i til to""".split()}
VALUE_WORDS = (r"høy\w*", r"høg\w*", r"lav\w*", r"låg\w*", r"high\w*", r"low\w*", r"medium", r"middels", r"kritisk\w*",
               r"critical", r"major", r"minor", r"normal\w*", r"urgent", r"haster", r"alvorlig\w*", r"severe")
GOT = (r"fikk", r"fekk", r"fått", r"got", r"gets?", r"had", r"hadde", r"har hatt", r"with", r"med", r"received")
GENERIC_LABEL_WORDS = {"ticket", "tickets", "case", "cases", "issue", "issues", "sak", "saker", "event", "step"}


def _by_head_word(q: Question, index) -> tuple[list[str], set[str]]:
    """A label named by its last word (its noun: "upgrade" of 'Require upgrade', "anomali" of 'Create SW anomaly'),
    in the question or its gloss, or at the end of a compound ("programvareanomali"): the one label ending so, or of
    several the one whose first word (its verb) the question's gloss has too. Ticket nouns name no label."""
    from rapidfuzz import fuzz

    glossed = words(_glossed(q.text, index))
    qstems = {stem(w) for w in glossed}
    heads: dict[str, list[str]] = {}
    for lab in index.labels:
        ws = words(lab.lower())
        if len(ws) >= 2 and len(ws[-1]) >= 4 and ws[-1] not in GENERIC_LABEL_WORDS:
            heads.setdefault(ws[-1], []).append(lab)
    # a step the ticket went through or got ("vore gjennom oppgradering", "fekk ein feilrapport"), or a verb that names
    # it ("eskalert"): never a field with a value ("alvorlighetsgrad høy")
    glosses = _glosses(_label_words(index))
    verbs = {gloss for pattern, gloss in glosses for w in words(q.text)
             if re.fullmatch(rf"(?:{pattern})", w) and re.search(r"(?:ert|erte|ed|et|ete|ing)$", w)}
    passed = q.has(*PASSED)
    for head, labs in heads.items():
        if not passed and head not in verbs and stem(head) not in {stem(w) for w in words(q.text)}:
            continue
        if stem(head) in tickets.DIM_WORDS and q.has(
                rf"(?:hvilken|hvilke|hvilket|kva for (?:ein|ei|eit)?|kva|which|what|per|pr|etter|by|each|hver|kvar)\s+"
                rf"{re.escape(head)}\w*"):
            continue  # "hvilken kunde har flest saker": the field asked (the customer), not 'Venter på kunde'
        hit = stem(head) in qstems or any(
            len(w) >= len(head) + 4 and fuzz.ratio(w[-len(head):], head) >= 80 for w in glossed)
        if not hit:
            continue
        if len(labs) > 1:
            by_verb = [lab for lab in labs if stem(words(lab.lower())[0]) in qstems]
            if not by_verb and q.has(*GOT):  # "fekk ein feilrapport": a record the ticket got is one created
                by_verb = [lab for lab in labs if words(lab.lower())[0] in ("create", "open", "insert", "add", "raise")]
            labs = by_verb
        if len(labs) == 1:
            lab_words = set(words(labs[0].lower()))
            used = {stem(w) for w in glossed if stem(w) in {stem(x) for x in lab_words}} | {
                w for w in glossed if any(len(w) >= len(h) + 4 and fuzz.ratio(w[-len(h):], h) >= 80
                                          or len(w) >= 5 and len(h) >= 5 and fuzz.ratio(w, h) >= 80
                                          for h in lab_words)} | {stem(head)}
            # every other word known: "hadde høy alvorlighetsgrad" asks a value of a field, not a step
            named_by = {stem(w) for w in words(q.text) if stem(w) in used or any(
                re.fullmatch(rf"(?:{pattern})", w) for pattern, gloss in glosses if gloss in lab_words)}
            cues = {stem(w) for w in words(q.text) if re.fullmatch(r"(?:" + "|".join(PASSED + GOT + SHARE + COUNT_WORDS
                                                                                    + EVENT_WORDS) + r")", w)}
            if q.has(*VALUE_WORDS) or tickets.leftover_words(
                    q, tickets.GENERIC | tickets.SHARE_STEMS | named_by | cues | HEAD_KNOWN):
                return [], set()
            return labs, used
    return [], set()


def read(q: Question, vocab) -> Reading | Refusal | None:
    tv = vocab.data.tickets if vocab.data else None
    if tv is None or not tv.events or not tickets.is_ticket_question(q, vocab) and not q.has(*EVENT_WORDS):
        return None
    en = q.lang == "en"
    chosen, source_words = tickets.selected_sources(q, tv)
    logs = [s for s in chosen if s.events] or [s for s in tv.sources if s.events]
    if not logs or (chosen != tv.sources and not any(s.events for s in chosen)):
        return None  # no event log, or the question names exports that are none
    incidents = incidents_meant(q, tv)  # "hvor mange hendelser ble opprettet": tickets, not the log's rows
    event_words = q.has(*EVENT_WORDS) and not incidents
    quoted = _quoted(q.raw)
    # a one-word activity that is no state ("Wait") is named by its word or its gloss ("satt på vent"), unless the
    # question is about a time (a phone's waiting time is no event)
    states = getattr(tv, "activity_states", {}) or {}
    # (an activity done while a ticket stays open, "Move", is no state: only one whose name is a state's, "Open")
    from flows.tickets.presets import normalise_status

    # ("fortsatt åpne", "still open" is the tickets' state, never an action of that word that sets no state: an audit
    # log's "Åpne", a record viewed)
    still_open = q.has(*STILL_OPEN)
    single = frozenset() if q.has(*TIME) or tv.activities is None else frozenset(
        a for a in tv.activities.labels if len(a.split()) == 1 and len(a) >= 4
        and (states.get(a) not in ("closed", "resolved", "new", "open")
             or states.get(a) == "open" and normalise_status(a) == "other")
        and not (still_open and a not in states and re.fullmatch(r"åpne?|åpen|opne?|open", a.casefold())))
    activities, used_a = _named(q, tv.activities, quoted, strict=not event_words, single=single)
    resources, used_r = _named(q, tv.resources, quoted, strict=True)
    from app.engine.families.ticket_rates import BACKLOG, REOPEN

    if quoted and not activities and not resources and q.has(*EVER):
        # "sto på 'Venter på kunde' minst én gang": the tickets an event ever put in the state written, whatever their
        # state now (a log whose states are a field it changes: Felt «Status», Ny verdi «Venter på kunde»)
        return _ever_in_state(q, logs, quoted, en)

    if not resources and all(states.get(a) in ("resolved", "closed") for a in activities) and (
            q.has(*REOPEN) or q.has(*BACKLOG) and q.has(r"ikke", r"ikkje", r"not", r"uløst\w*", r"uløyst\w*",
                                                         r"unresolved", r"unsolved", r"verken", r"korkje",
                                                         r"hverken", r"neither", r"nor")):
        # "reopened after being resolved": the resolving activity only says what was undone; the tickets reopened
        # are counted from the lifecycle (ticket_rates), never those that were resolved. "ikke løst ved utgangen av
        # januar": a stock at that day's end (ticket_rates' backlog), not the tickets that never got resolved
        return None
    # "hvor mange hendelser er fortsatt åpne": incidents (the Norwegian word is both), counted as tickets by their state
    count_events = q.has(*COUNT_EVENTS) and not q.has(*STILL_OPEN) and not incidents
    by = ("resource" if q.has(*RESOURCE_WORDS) and not resources else
          "activity" if q.has(*ACTIVITY_WORDS) and (not activities or len(activities) > 1) else None)
    # "how many resources (handlers) appear in the log": counting the field's own values is counting distinct ones
    counted = q.has(*(rf"{c}\s+(?:ulike\s+|different\s+|distinct\s+)?{w}" for c in (
        r"hvor mange", r"kor mange", r"how many", r"antall", r"number of") for w in (*RESOURCE_WORDS[:-4], *ACTIVITY_WORDS)))
    ranked = q.has(*tickets.RANK_HIGH, *tickets.RANK_LOW) or number_word(q.text) is not None and q.has(r"top\w*")
    several = _several_handlers(q)
    if several is not None and tv.resources is not None:
        return _several_reading(q, logs, several, en)
    if by and (q.has(*tickets.DISTINCT_CUES) or counted) and not ranked and q.has(
            r"hvor mange", r"kor mange", r"how many", r"antall", r"talet", r"number of", r"count"):
        return _distinct(q, tv, logs, by, en)
    state_asked: list[str] = []
    if by == "resource" and not activities and tv.activities is not None:
        # "hvilken ressurs løste flest saker": the verb names the activity the resources did
        activities = _state_activities(q, tv)
        if not activities and (q.has(*CLOSING) or q.has(*RESOLVING)):
            # a log whose states are a field changed, not its activities (an audit log's "Oppdater"): the events that
            # set the state named, never every event of the resources
            state_asked = ["closed"] if q.has(*CLOSING) else ["resolved"]
    if by and q.has(*tickets.RANK_HIGH, *tickets.RANK_LOW, *tickets.BREAKDOWN_CUES, r"hvilke[nt]?", r"which",
                    r"kva", r"vanlig\w*", r"common\w*", r"oftest", r"most often"):
        return _breakdown(q, tv, logs, by, activities, resources, en, state_asked)
    if q.has(*AVERAGE) and q.has(*EVENT_WORDS) and q.has(r"per (?:[\w-]+[- ])?(?:sak|ticket|case|issue)\w*",
                                                         r"for each ticket", r"hver sak", r"kvar sak", r"each ticket"):
        return _events_per_ticket(q, logs, en)
    if activities and len(activities) == 1 and not resources and re.search(
            AFTER[0] + re.escape(activities[0].casefold()) + r"(?!\w)", q.text):
        return _after_reading(q, logs, activities[0], en)
    within = _within_days(q.text)
    if within is not None and not resources and tv.activities is not None:
        # "løst samme døgn (innen 24 timer)", "closed within 3 days": tickets whose first resolving/closing event
        # came that soon after creation
        dated_chosen = [s for s in chosen if not s.dateless]
        if dated_chosen and all(s.events for s in dated_chosen) or _about_log(q, tv, chosen, logs):
            state_acts = activities or _state_activities(q, tv)
            if state_acts:
                return _within_reading(q, logs, state_acts, within, en)
    timing = bool(activities) and q.has(*TIME)
    closing = resolving = False
    dated = [s for s in chosen if not s.dateless]  # only these hold times at all
    if not activities and q.has(*TIME) and dated and all(s.events for s in dated):
        closing, resolving = q.has(*CLOSING), (not q.has(*CLOSING)) and q.has(*RESOLVING)
        timing = (closing or resolving) and q.has(*TIME_WORDS)
        if timing:  # every other word must be about time, tickets or the period ("satisfaction score": no)
            known = (tickets.GENERIC | tickets.CLOSED_STEMS | source_words | TIME_STEMS | ORDER_STEMS
                     | {stem(w) for w in q.period.words for w in words(w)})
            if tickets.leftover_words(q, known):
                return None
    state_count = False
    # "lukket i 2011": placed by the time of the closing event, when every dated export named is an event log
    state_dated = bool(q.has(*PERIOD_OF_STATE) and q.period.years and dated and all(s.events for s in dated))
    if not (activities or resources or count_events or timing) and tv.activities is not None \
            and q.has(*COUNT_WORDS) and not q.has(*TIME_WORDS) and (state_dated or not q.has(*PERIOD_OF_STATE)) \
            and (state_dated or _about_log(q, tv, chosen, logs)):
        # "antall løste saker", "how many were closed, and how many never reached Closed": the tickets that went
        # through the activity the export's states call resolved/closed
        filters, _ = tickets._value_filters(q, tv, tickets.DIM_WORDS | tickets.GENERIC | source_words)
        if not [c for c in filters if c not in ("status", "status_source")]:
            activities = _state_activities(q, tv)
            state_count = bool(activities)
    last = q.has(*LAST) and not q.has(*FIRST) and not count_events and not timing
    both_states = q.has(*CLOSING) and q.has(*RESOLVING)
    if last and not resources and tv.activities is not None and (not activities or both_states and all(
            states.get(a) in ("closed", "resolved") for a in activities)):
        # "share of tickets whose final state is closed", "endte som løst", "closed or resolved": the activities of
        # the state(s) named
        activities = (list(dict.fromkeys(_states_of(tv, "closed") + _states_of(tv, "resolved"))) if both_states else
                      _state_activities(q, tv))
    if not (activities or resources or count_events or timing):
        return None
    act_names = ", ".join(f"'{a}'" for a in activities)
    p = q.period
    ranges = p.ranges() if p.years else []
    if (p.months or p.quarters or p.weeks or p.halves) and not p.years:
        return None  # the ticket counts family asks which year
    systems = in_list("e.source_system", [s.system for s in logs])
    where = [systems]
    states = getattr(tv, "activity_states", {}) or {}
    state_dated = state_dated and bool(activities) and not resources and all(
        states.get(a) in ("closed", "resolved") for a in activities)
    if activities and not resources and not count_events and q.has(*DURING_PERIOD) and not q.has(*CREATED_WORDS):
        # "vart flytta til ein annan kø i løpet av 2024", "moved during 2024": the step done in the period, by its time
        state_dated = True
    if count_events and q.has(*COUNT_CHANGES) and not q.has(*CREATED_WORDS):
        state_dated = True  # "how many status changes were logged in 2024": each change in the year of its own time
    if ranges:
        day = "e.event_date" if state_dated else "e.created_date"
        where.append(tickets.in_ranges(day, ranges))
    label = tickets.source_label(logs, en, "fct_ticket_event")
    period = p.describe(q.lang)

    if count_events:
        if activities:
            where.append(in_list("e.activity", activities))
        if resources:
            where.append(in_list("e.resource", resources))
        sql = "select count(*) as events\nfrom fct_ticket_event as e\nwhere " + "\n  and ".join(where)
        interp = ("number of events in the event log" if en else "antall hendelser i hendelsesloggen") + (
            f", {act_names}" if activities else "") + (f", {', '.join(resources)}" if resources else "") + (
            f", {period}" if period else "")
        return Reading(NAME, label, sql, interp, sentence=lambda c, r, lang: (
            f"{format_number(r[0][0])} events ({interp})." if lang == "en" else
            f"{format_number(r[0][0])} hendelser ({interp})."))

    if timing:
        # "for P2-saker", "i kategorien Nettverk": the tickets of the values named, as every ticket family filters them
        named, _ = tickets._value_filters(q, tv, tickets.DIM_WORDS | tickets.GENERIC | source_words)
        named = {c: v for c, v in named.items() if c not in ("status", "status_source", "source_system")}
        if named:
            where.append("e.ticket_key in (select t.ticket_key from fct_ticket as t where "
                         + " and ".join(in_list(f"t.{c}", v) for c, v in named.items()) + ")")
        if activities:
            act_cond = in_list("e.activity", activities)
            what = " / ".join(f"'{a}'" for a in activities)
        else:
            status = "closed" if closing else "resolved"
            own = _state_activities(q, tv) if getattr(tv, "activity_states", None) else []
            act_cond = in_list("e.activity", own) if own else f"e.status = '{status}'"
            what = ("closing" if closing else "resolution") if en else ("lukking" if closing else "løsning")
        stat = "avg" if q.has(r"gjennomsnitt\w*", r"snitt\w*", r"average", r"mean") and not q.has(r"median\w*") \
            else "median"
        # hours when asked, or when the measure is named as the resolution time, which every export's tickets give in
        # hours (fct_ticket.resolution_hours) unless days are asked; else days
        hours = q.has(r"timer", r"timar", r"hours?") or (q.has(*RESOLUTION_TIME) and not q.has(
            r"dager", r"dagar", r"days?", r"døgn"))
        unit, factor = ("hours", " * 24.0") if hours else ("days", "")
        by_year = len(p.years) > 1 or p.grain == "year"
        group = "year(first_events.created_date) as year, " if by_year else ""
        places = 2 if unit == "days" else 1  # days to two places: 5.98, not 6
        # a reopened ticket's resolution is its last one (solved again: the final resolution; reopened and not solved
        # again: unresolved, not measured), as fct_ticket's resolved time and the backlog; the time to the first
        # resolution is given beside it. A closing, an activity named, or "first resolution" asked: the first one.
        first_asked = bool(activities) or closing or q.has(*FIRST_RESOLUTION)
        first_sql = ("select e.ticket_key, min(e.created_date) as created_date, "
                     "min(e.days_since_created) as days\n  from fct_ticket_event as e\n  where "
                     + "\n    and ".join(where + [act_cond]) + "\n  group by e.ticket_key")
        name = f"{stat}_{unit}"
        measure = f"round(cast({stat}(first_events.days{factor}) as numeric), {places})"
        if first_asked:
            sql = (f"select {group}{measure} as {name}, count(*) as tickets_measured\nfrom (\n  {first_sql}\n) "
                   f"as first_events" + ("\ngroup by 1\norder by 1" if by_year else ""))
        else:
            year = "year(created_date) as year, " if by_year else ""
            grouped = "\n  group by 1" if by_year else ""
            days = measure.replace("first_events.", "")
            sql = (f"with last_events as (\n  {last_resolution_sql(where, act_cond)}\n), first_events as (\n  "
                   f"{first_sql}\n), last_figures as (\n  select {year}{days} as {name}, count(*) as tickets_measured "
                   f"from last_events{grouped}\n), first_figures as (\n  select {year}{days} as {name}_first_resolution, "
                   f"count(*) as tickets_first_resolution from first_events{grouped}\n)\n"
                   f"select l.*, f.{name}_first_resolution, f.tickets_first_resolution\nfrom last_figures as l\n"
                   + ("left join first_figures as f on f.year = l.year\norder by 1" if by_year else
                      "cross join first_figures as f"))
        stat_w = "median" if stat == "median" else ("mean" if en else "gjennomsnittlig")
        unit_w = unit if en else {"days": "dager", "hours": "timer"}[unit]
        if first_asked:
            interp = (f"{stat_w} time from creation to the first {what} ({unit_w})" if en else
                      f"{stat_w} tid fra opprettelse til første {what} ({unit_w})")
        else:
            interp = (f"{stat_w} time from creation to the last {what} ({unit_w}; a reopened ticket counts when "
                      f"solved again, not while still open)" if en else
                      f"{stat_w} tid fra opprettelse til siste {what} ({unit_w}; en gjenåpnet sak teller når den er "
                      f"løst igjen, ikke mens den er åpen)")
        interp += "".join(f", {tickets.field_label(c, q.lang == 'en')} = {', '.join(v)}" for c, v in named.items())
        interp += f", {period}" if period else ""

        def sentence(columns, rows, lang):
            e = lang == "en"
            i, k = columns.index(name), columns.index("tickets_measured")
            f = columns.index(f"{name}_first_resolution") if f"{name}_first_resolution" in columns else None
            tickets_w = "tickets" if e else "saker"
            first_w = "to the first resolution" if e else "til første løsning"
            if len(rows) == 1 and "year" not in columns:
                r = rows[0]
                said = f"{interp}: {format_number(r[i])} ({format_number(r[k])} {tickets_w})"
                if f is not None:
                    said += f"; {first_w}: {format_number(r[f])} ({format_number(r[f + 1])} {tickets_w})"
                return said + "."
            return f"{interp}: " + "; ".join(
                f"{r[0]}: {format_number(r[i])}" + (f" ({first_w} {format_number(r[f])})" if f is not None else "")
                for r in rows) + "."
        return Reading(NAME, label, sql, interp, sentence=sentence,
                       chart=lambda c, r: {"kind": "bar", "x": "year", "y": f"{stat}_{unit}"} if len(r) > 1 else None)

    if q.has(*tickets.WEEKDAY_CUES) or p.grain in ("half", "quarter", "month", "week"):
        return None  # "which weekday are most tickets resolved", "per quarter": a count per period, never one total
    # tickets that went through an activity (by a resource), never did, or started with it
    first = q.has(*FIRST)
    never = q.has(*NEVER) and not first
    cond = []
    if last:  # the ticket's last event (by time, then row in the file): its latest state
        cond.append("e.event_seq = (select max(l.event_seq) from fct_ticket_event as l where l.ticket_key = e.ticket_key)")
    if activities:
        cond.append(in_list("e.activity", activities))
    if resources:
        cond.append(in_list("e.resource", resources))
    if first:
        cond.append("e.event_seq = 1")
    having = ("select count(distinct e.ticket_key) from fct_ticket_event as e where "
              + " and ".join(where + cond))
    both = len(activities) > 1 and q.has(r"både", r"both", r"begge", r"all of", r"alle")
    if both:  # "både Wait og Require upgrade": the tickets that had every one of them
        having = ("select count(*) from (select e.ticket_key from fct_ticket_event as e where "
                  + " and ".join(where + cond) + f" group by e.ticket_key having count(distinct e.activity) = "
                  f"{len(activities)})")
    elif len(activities) > 1 and not state_count and not first and not last and not never and not q.has(*SHARE):
        return _breakdown(q, tv, logs, "activity", activities, resources, en)  # each activity named, side by side
    repeated = q.has(*REPEATED) and bool(activities) and not first
    if repeated:  # "løyste meir enn éin gong": tickets with the activity twice or more
        having = ("select count(*) from (select e.ticket_key from fct_ticket_event as e where "
                  + " and ".join(where + cond) + " group by e.ticket_key having count(*) > 1)")
    total = "select count(distinct e.ticket_key) from fct_ticket_event as e where " + " and ".join(where)
    share = q.has(*SHARE)
    names = ", ".join(f"'{a}'" for a in activities)
    who = ", ".join(f"'{r}'" for r in resources)
    if both:
        names = (" and " if en else " og ").join(f"'{a}'" for a in activities)
    if last:
        what = (("tickets whose last event is not " if never else "tickets whose last event is ") if en else
                ("saker der siste hendelse ikke er " if never else "saker der siste hendelse er ")) + (
            names.replace("', '", "' or '") if en else names.replace("', '", "' eller '"))
    elif en:
        what = ("tickets whose first event was " if first else "tickets that never had " if never else
                "tickets with ") + (names or "an event") + (f" by {who}" if who else "")
    else:
        what = ("saker der første hendelse var " if first else "saker som aldri hadde " if never else
                "saker med ") + (names or "en hendelse") + (f" av {who}" if who else "")
    if repeated:
        what += " more than once" if en else " mer enn én gang"
    if period:
        what += (f", {('the event in ' if en else 'hendelsen i ')}{period}" if state_dated else
                 f", {('created ' if en else 'opprettet ')}{period}")
    if share and state_dated and ranges and not never and not first:
        # "prosent av sakene lukket i 2012": one stated population, the tickets created in the period, and of
        # them those with the closing/resolving event in the period (never all tickets active in the period)
        created = tickets.in_ranges("e.created_date", ranges)
        total = "select count(distinct e.ticket_key) from fct_ticket_event as e where " + " and ".join([systems, created])
        having = having.replace(" where ", f" where {created} and ", 1)
        verb = (("closed" if states.get(activities[0]) == "closed" else "resolved") if en else
                ("lukket" if states.get(activities[0]) == "closed" else "løst"))
        what = (f"tickets created in {period}, of them {verb} ({names}) in {period}" if en else
                f"saker opprettet i {period}, av dem {verb} ({names}) i {period}")
    if share:
        sql = (f"select ({having}) as tickets_with, ({total}) as tickets_all, "
               f"round(100.0 * ({having}) / nullif(({total}), 0), 1) as share_pct")
        interp = ("share of " if en else "andel ") + what

        def sentence(columns, rows, lang):
            r = rows[0]
            return (f"{format_number(r[2], 1)} % ({interp}: {format_number(r[0])} of {format_number(r[1])})." if lang == "en"
                    else f"{format_number(r[2], 1)} % ({interp}: {format_number(r[0])} av {format_number(r[1])}).")
        return Reading(NAME, label, sql, interp, sentence=sentence)
    if never:
        sql = (f"select ({total}) - ({having}) as tickets, ({having}) as tickets_with, ({total}) as tickets_all")
    else:
        sql = f"select ({having}) as tickets"
    # "how many were opened and how many closed in 2012": the tickets created in the same period beside them
    opened_too = state_dated and not never and q.has(r"og|and") and q.has(
        r"opened", r"created", r"opprett\w*", r"new", r"nye", r"registrert\w*", r"registered", r"innkom\w*", r"kom inn")
    if opened_too:
        created_where = [systems, tickets.in_ranges("e.created_date", ranges)]
        sql += (", (select count(distinct e.ticket_key) from fct_ticket_event as e where "
                + " and ".join(created_where) + ") as tickets_created")
    interp = ("number of " if en else "antall ") + what
    if state_count and not first:
        interp += " (in the event log)" if en else " (i hendelsesloggen)"

    def sentence(columns, rows, lang):
        if never:  # the tickets that did, and all of them, beside those that never did
            n, k, total_n = rows[0]
            return (f"{format_number(n)} tickets ({interp}); {format_number(k)} had it, of {format_number(total_n)}."
                    if lang == "en" else
                    f"{format_number(n)} saker ({interp}); {format_number(k)} hadde det, av {format_number(total_n)}.")
        if opened_too:
            return (f"{format_number(rows[0][0])} tickets ({interp}); {format_number(rows[0][1])} tickets were "
                    f"created in {period}." if lang == "en" else
                    f"{format_number(rows[0][0])} saker ({interp}); {format_number(rows[0][1])} saker ble opprettet "
                    f"i {period}.")
        return (f"{format_number(rows[0][0])} tickets ({interp})." if lang == "en" else
                f"{format_number(rows[0][0])} saker ({interp}).")
    return Reading(NAME, label, sql, interp, sentence=sentence)


SAME_DAY = -1.0  # the same calendar day as the ticket was created
WITHIN_NUMBERS = {"en": 1, "én": 1, "ein": 1, "eitt": 1, "ett": 1, "one": 1, "a": 1, "an": 1, "to": 2, "two": 2,
                  "tre": 3, "three": 3, "fire": 4, "four": 4, "fem": 5, "five": 5, "sju": 7, "seven": 7}


def _within_days(text: str) -> float | None:
    """Days the question allows from creation: "samme dag/døgn", "same day" (1), "innen 24 timer", "within 3 days"."""
    if re.search(r"(?<!\w)(?:innen|innan|within) (?:24 timer|24 timar|24 hours|ett døgn|eitt døgn|a day)(?!\w)|"
                 r"(?<!\w)samme døgn\w*", text):
        return 1.0
    if re.search(r"(?<!\w)(?:samme dag\w*|same (?:calendar )?day)(?!\w)", text):
        return SAME_DAY
    m = re.search(r"(?<!\w)(?:innen|innan|within|in under|under|på under|less than|mindre enn)\s+(\d+|\w+)\s+"
                  r"(timer|timar|time|hours?|dager|dagar|døgn|dag|days?|uker|veker|uke|veke|weeks?)(?!\w)", text)
    if not m:
        return None
    n = float(m.group(1)) if m.group(1).isdigit() else WITHIN_NUMBERS.get(m.group(1))
    if n is None:
        return None
    unit = m.group(2)
    return n / 24 if unit.startswith(("time", "timar", "hour")) else n * 7 if unit.startswith(("uke", "veke", "week")) \
        else n


def _within_reading(q: Question, logs, activities: list[str], days: float, en: bool) -> Reading:
    """Tickets whose first event of the activities came within `days` of creation (and their share)."""
    where = [in_list("e.source_system", [s.system for s in logs])]
    p = q.period
    if p.years:
        where.append(tickets.in_ranges("e.created_date", p.ranges()))
    first = ("select e.ticket_key, min(e.days_since_created) as days, min(e.event_date) as first_date, "
             "min(e.created_date) as created from fct_ticket_event as e where "
             + " and ".join(where + [in_list("e.activity", activities)]) + " group by 1")
    total = "select count(distinct e.ticket_key) from fct_ticket_event as e where " + " and ".join(where)
    soon = "first_date = created" if days == SAME_DAY else f"days <= {days}"
    sql = (f"select count(*) filter (where {soon}) as tickets, ({total}) as tickets_all,\n"
           f"  round(100.0 * count(*) filter (where {soon}) / nullif(({total}), 0), 1) as share_pct\n"
           f"from ({first}) as first_events")
    names = ", ".join(f"'{a}'" for a in activities)
    span_words = (f"{format_number(days * 24)} hours" if days < 1 else f"{format_number(days)} days") if en else (
        f"{format_number(days * 24)} timer" if days < 1 else f"{format_number(days)} døgn")
    if days == SAME_DAY:
        interp = (f"tickets with {names} the same calendar day as created" if en else
                  f"saker med {names} samme kalenderdag som de ble opprettet")
    else:
        interp = (f"tickets with {names} within {span_words} of creation" if en else
                  f"saker med {names} innen {span_words} etter opprettelsen")
    interp += (
        f", {p.describe(q.lang)}" if p.describe(q.lang) else "")

    def sentence(columns, rows, lang):
        n, k, pct = rows[0]
        return (f"{format_number(n)} of {format_number(k)} tickets ({format_number(pct, 1)} %): {interp}." if lang == "en"
                else f"{format_number(n)} av {format_number(k)} saker ({format_number(pct, 1)} %): {interp}.")
    return Reading(NAME, tickets.source_label(logs, en, "fct_ticket_event"), sql, interp, sentence=sentence)


def _distinct(q: Question, tv, logs, by: str, en: bool) -> Reading:
    """How many different resources or activities the event log holds (in the period asked)."""
    where = [in_list("e.source_system", [s.system for s in logs]), f"e.{by} is not null"]
    p = q.period
    if p.years:
        where.append(tickets.in_ranges("e.created_date", p.ranges()))
    sql = (f"select count(distinct e.{by}) as {by}s, count(distinct e.ticket_key) as tickets\nfrom fct_ticket_event as e"
           "\nwhere " + "\n  and ".join(where))
    what = {"resource": ("resources", "ressurser"), "activity": ("activities", "aktiviteter")}[by][0 if en else 1]
    interp = (f"number of different {what}" if en else f"antall ulike {what}") + (
        f", {p.describe(q.lang)}" if p.describe(q.lang) else "")

    def sentence(columns, rows, lang):
        n, k = rows[0]
        return (f"{format_number(n)} {what} ({interp}; {format_number(k)} tickets)." if lang == "en" else
                f"{format_number(n)} {what} ({interp}; {format_number(k)} saker).")
    return Reading(NAME, tickets.source_label(logs, en, "fct_ticket_event"), sql, interp, sentence=sentence)


CASE_NOUNS = r"(?:saker|saka|sakene|sakane|saker|cases|tickets|issues|henvendelser|incidents)"


def _breakdown(q: Question, tv, logs, by: str, activities, resources, en: bool, states=()) -> Reading:
    """Tickets (or events, when the question counts events or occurrences) per resource or activity; `states`: only
    the events that set one of those states (a log whose states are a field, not its activities)."""
    # the log's own name ("hendelsesloggen", "the event log") counts nothing; "flest saker", "most cases" count tickets
    text = re.sub(r"\bevent\s?logs?\b|[\wæøå]*(?:logg|log)[\wæøå]*", " ", q.text)
    events = re.search(r"(?<!\w)(?:" + "|".join(EVENT_WORDS[:4] + (
        r"forekom\w*", r"occur\w*", r"ganger", r"times", r"vanlig\w*", r"common\w*", r"oftest", r"most often"))
        + r")(?!\w)", text) is not None \
        and not q.has(r"(?:flest|færrest|færrast|most|fewest|mest|minst|least)\s+(?:\w+\s+)?" + CASE_NOUNS)
    where = [in_list("e.source_system", [s.system for s in logs]), f"e.{by} is not null"]
    if activities:
        where.append(in_list("e.activity", activities))
    if resources:
        where.append(in_list("e.resource", resources))
    if states:
        where.append(in_list("e.status", list(states)))
    first = q.has(*FIRST)
    if first:  # "which activity is most often the first event": each ticket's first event
        where.append("e.event_seq = 1")
        events = False
    p = q.period
    if p.years:
        where.append(tickets.in_ranges("e.created_date", p.ranges()))
    measure = "count(*) as events" if events else "count(distinct e.ticket_key) as tickets"
    if activities and not events:  # "hvem løste flest saker": the tickets, and how many times they did it
        measure += ", count(*) as events"
    order = "asc" if q.has(*tickets.RANK_LOW) and not q.has(*tickets.RANK_HIGH) else "desc"
    n = number_word(q.text, default=1 if q.has(r"hvilke[nt]?", r"which", r"kva", r"hvem", r"kven", r"who") and not q.has(
        *tickets.BREAKDOWN_CUES[:2]) else None)
    events_from = "fct_ticket_event as e"
    if states and by == "resource":
        # a field-change log sets the handler ("Saksbehandler") on an event of its own: the handler of the event that
        # set the state is the one the ticket was with then, the last one set at or before it
        events_from = ("(select ticket_key, source_system, activity, status, event_seq, created_date,\n"
                       "    last_value(resource ignore nulls) over (partition by ticket_key order by event_seq\n"
                       "      rows between unbounded preceding and current row) as resource\n"
                       "  from fct_ticket_event) as e")
    sql = (f"select e.{by} as {by}, {measure}\nfrom {events_from}\nwhere " + "\n  and ".join(where)
           + f"\ngroup by 1\norder by 2 {order}, 1" + (f"\nlimit {n}" if n else ""))
    what = {"resource": ("resource", "ressurs"), "activity": ("activity", "aktivitet")}[by][0 if en else 1]
    unit = ("events" if en else "hendelser") if events else ("tickets" if en else "saker")
    if first:
        unit = "tickets, by their first event" if en else "saker, etter første hendelse"
    interp = (f"number of {unit} by {what}" if en else f"antall {unit} fordelt på {what}") + (
        ", " + ", ".join(f"'{a}'" for a in activities) if activities else "") + (
        (", by the events that set the status to " if en else ", etter hendelsene som satte status til ") + " / ".join(
            {"resolved": ("løst", "resolved"), "closed": ("lukket", "closed")}.get(s, (s, s))[en] for s in states)
        if states else "") + (
        f", {p.describe(q.lang)}" if p.describe(q.lang) else "")

    def sentence(columns, rows, lang):
        def one(r):
            if len(r) > 2 and r[2] != r[1]:
                times = "events" if lang == "en" else "hendelser"
                return f"{r[0]}: {format_number(r[1])} ({format_number(r[2])} {times})"
            return f"{r[0]}: {format_number(r[1])}"
        return f"{interp[0].upper()}{interp[1:]}: " + "; ".join(one(r) for r in rows[:24]) + "."
    return Reading(NAME, tickets.source_label(logs, en, "fct_ticket_event"), sql, interp, sentence=sentence,
                   chart=lambda c, r: {"kind": "bar", "x": by, "y": c[1]} if len(r) > 1 else None)


def _events_per_ticket(q: Question, logs, en: bool) -> Reading:
    where = [in_list("e.source_system", [s.system for s in logs])]
    p = q.period
    if p.years:
        where.append(tickets.in_ranges("e.created_date", p.ranges()))
    sql = ("select round(avg(n), 2) as events_per_ticket, count(*) as tickets, sum(n) as events\nfrom (\n"
           "  select e.ticket_key, count(*) as n from fct_ticket_event as e where " + " and ".join(where)
           + "\n  group by 1\n) as per_ticket")
    interp = ("mean number of events per ticket" if en else "gjennomsnittlig antall hendelser per sak") + (
        f", {p.describe(q.lang)}" if p.describe(q.lang) else "")
    return Reading(NAME, tickets.source_label(logs, en, "fct_ticket_event"), sql, interp, sentence=lambda c, r, lang: (
        f"{interp}: {format_number(r[0][0])} ({format_number(r[0][2])} events, {format_number(r[0][1])} tickets)."
        if lang == "en" else
        f"{interp}: {format_number(r[0][0])} ({format_number(r[0][2])} hendelser, {format_number(r[0][1])} saker)."))


AFTER = (r"(?<!\w)(?:after|etter|following|later than|seinare enn|senere enn) (?:their |its |the |sin |sitt |den |det |"
         r"dei |de |a |an |en |ein |ei )?(?:first |første |fyrste )?",)


def _after_reading(q: Question, logs, activity: str, en: bool) -> Reading:
    """"tickets with an event after their first 'Closed'": a later event (by time, then row) than the ticket's first
    event of the activity."""
    return _tickets_of_all(q, logs, en, lambda where: (
        "select e.ticket_key from fct_ticket_event as e where " + " and ".join(where)
        + " group by e.ticket_key having max(e.event_seq) > min(case when e.activity = "
        + "'" + activity.replace("'", "''") + "' then e.event_seq end)"), "later",
        f"tickets with an event after their first '{activity}' (events by time)" if en else
        f"saker med en hendelse etter sin første '{activity}' (hendelser etter tid)")


# a state a ticket was in at some time, not now ("minst én gang", "noen gang", "at least once", "ever")
EVER = (r"minst (?:én|en|ein|éin|ei|1) gang\w*", r"minst (?:én|en|ein|éin|ei|1) gong\w*", r"noen gang", r"nokon gong",
        r"nokon gang", r"at least once", r"ever", r"på noe tidspunkt", r"på noko tidspunkt", r"at any (?:time|point)")


def _ever_in_state(q: Question, logs, states: list[str], en: bool) -> Reading:
    """Tickets with an event that set the state as written (the state a status event sets, case aside), of all the
    logs' tickets created in the period."""
    shown = " / ".join(f"'{t}'" for t in states)
    cond = in_list("lower(e.status_source)", [t.casefold() for t in states])
    return _tickets_of_all(q, logs, en, lambda where: (
        "select distinct e.ticket_key from fct_ticket_event as e where " + " and ".join(
            [*where, "e.status is not null", cond])), "ever",
        f"tickets set to {shown} at least once" if en else f"saker satt til {shown} minst én gang")


def _tickets_of_all(q: Question, logs, en: bool, selected, alias: str, what: str) -> Reading:
    """How many of the logs' tickets (created in the period asked) a query of ticket keys selects, of them all:
    "N tickets (what; of M)". `selected(where)` writes that query over the logs' event rows `where` holds."""
    where = [in_list("e.source_system", [s.system for s in logs])]
    p = q.period
    if p.years:
        where.append(tickets.in_ranges("e.created_date", p.ranges()))
    total = "select count(distinct e.ticket_key) from fct_ticket_event as e where " + " and ".join(where)
    sql = f"select count(*) as tickets, ({total}) as tickets_all\nfrom ({selected(where)}) as {alias}"
    interp = what + (f", {p.describe(q.lang)}" if p.describe(q.lang) else "")
    return Reading(NAME, tickets.source_label(logs, en, "fct_ticket_event"), sql, interp, sentence=lambda c, r, lang: (
        f"{format_number(r[0][0])} tickets ({interp}; of {format_number(r[0][1])})." if lang == "en" else
        f"{format_number(r[0][0])} saker ({interp}; av {format_number(r[0][1])})."))


SEVERAL = re.compile(r"(?<!\w)(?:mer enn|meir enn|more than|over|flere enn|fleire enn|minst|at least)\s+"
                     r"(en|én|ein|one|1|to|two|2|tre|three|3|fire|four|4)\s+(?:ulike?\s+|different\s+|distinct\s+)?"
                     r"(?:ressurs\w*|resources?|behandler\w*|saksbehandler\w*|handlers?|agents?|operatør\w*|"
                     r"operators?)(?!\w)")


def _several_handlers(q: Question) -> int | None:
    """"håndtert av mer enn én ressurs", "at least 3 different resources": the fewest distinct resources counted."""
    m = SEVERAL.search(q.text)
    if not m:
        return None
    n = int(m.group(1)) if m.group(1).isdigit() else WITHIN_NUMBERS.get(m.group(1), 1)
    return n if re.match(r"minst|at least", m.group(0)) else n + 1


def _several_reading(q: Question, logs, n: int, en: bool) -> Reading:
    return _tickets_of_all(q, logs, en, lambda where: (
        "select e.ticket_key from fct_ticket_event as e where " + " and ".join(where)
        + f" group by e.ticket_key having count(distinct e.resource) >= {n}"), "handled",
        f"tickets whose events name at least {n} different resources" if en else
        f"saker der hendelsene har minst {n} ulike ressurser")
