"""A customer organisation named in a ticket question that no ticket has: "Hvor mange saker meldte Nordby kommune i
<eksport>?" when no ticket of the exports asked is from Nordby. The question is unanswerable, and the answer says which
customers the exports asked do have — never the export's total counted as if it were that organisation's.

The name is read from its shape: one to three capitalised words before an organisation noun ("<Navn> kommune",
"<Navn> fylkeskommune", "<Navn> IKS", "<Navn> AS", "<Name> municipality") or after one ("Municipality of <Name>",
"kunden <Navn>"). A name that any ticket's customer (as exported, or the organisation it was recognised as) contains is
known, and the other families count it. A provider body ("<Navn> IKT", "<Navn> IKS") asked of no customer is the
owner of the exports, and the other families count every ticket.
"""
from __future__ import annotations

import re

from app.engine.families import tickets
from app.engine.families.base import Question, Refusal
from app.engine.text import ascii_name, normalise
from flows.org_kinds import kind_pattern

NAME = "ticket_unknown_customer"

_CAP = r"[A-ZÆØÅ][\wæøåÆØÅ'.-]*"
# the words of a body's kind (flows/org_kinds.py, the one home): "kommune", "herad", "fylkeskommune", "IKS", "AS", …
ORG_NOUNS = kind_pattern(definite=True, english=True, legal=True)
# "Nordby kommune", "Nye Vestby kommune", "Nordby IKS"
BEFORE = re.compile(rf"(?<![\wæøåÆØÅ])((?:{_CAP}\s+){{0,2}}{_CAP})\s+{ORG_NOUNS}(?![\wæøåÆØÅ])")
# "Municipality of Nordby", "kunden Nordby", "customer Nordby"
AFTER = re.compile(rf"(?<![\wæøåÆØÅ])(?:[Mm]unicipality of|[Kk]unden|[Cc]ustomer|[Kk]ommunen)\s+((?:{_CAP}\s+){{0,2}}{_CAP})")
# capitalised words that begin a question or name a field, not an organisation ("Hvilken kommune", "Each customer")
NOT_NAMES = frozenset("""hvilken hvilke hvilket kva kvar kven hver hvert alle samtlige hvor kor which what each every
per for fra frå i in of the den det de dei denne dette disse desse samme same ein en et eit one any all how many antall
tal talet number share andel which whose whom who fordelt by sum totalt total""".split())


# tickets a body sent or reported, or a body called an organisation among others: a customer asked for
SENT_CUES = (r"sendt\w*", r"sende\w*", r"sent", r"send\w*", r"meldt\w*", r"melde\w*", r"reported", r"submitted",
             r"raised", r"innmeldt\w*", r"organisasjonen", r"organisasjonane", r"the organi[sz]ation",
             r"kunden", r"the customer")


def _named(raw: str) -> list[str]:
    found = []
    for pattern in (BEFORE, AFTER):
        for m in pattern.finditer(raw):
            parts = m.group(1).split()
            while parts and parts[0].lower() in NOT_NAMES:
                parts = parts[1:]
            if parts:
                found.append(" ".join(parts))
    return list(dict.fromkeys(found))


_WORD = r"[A-ZÆØÅ][a-zæøå]+(?:-[A-ZÆØÅ][a-zæøå]+)?"
# two capitalised words joined as a list is ("Nordby og Vestby", "Nordby, Vestby and Østby"), overlapping
COORDINATED = re.compile(rf"(?=(?<![\wæøåÆØÅ])({_WORD})\s*(?:,|\s+og|\s+and|\s+eller|\s+or|\s+&|\s+mot|\s+vs\.?)\s+"
                         rf"({_WORD})(?![\wæøåÆØÅ]))")


def _coordinated(q: Question, vocab, tv) -> list[str]:
    """Bare names listed with a customer the question names ("fra Nordby og Vestby"): a name of the list that is no
    customer, export, value or period word is a customer the data lacks, never silently left out of the list."""
    from app.engine.periods import find_period
    from app.engine.wordforms import STOPWORDS, stem, words

    orgs = getattr(vocab, "organisations", {}) or {}
    short = getattr(vocab, "short_organisations", {}) or {}

    def customer(w: str) -> bool:
        return normalise(w) in orgs or w in short

    known_words = {w for src in tv.sources for w in src.words} | set(tv.id_prefixes)
    value_stems = {k for idx in tv.values.values() for k in idx.known}
    out = []
    for m in COORDINATED.finditer(q.raw):
        for name, other in ((m.group(1), m.group(2)), (m.group(2), m.group(1))):
            low = name.lower()
            if not customer(other) or customer(name) or low in STOPWORDS or low in NOT_NAMES:
                continue
            if any(w in known_words or stem(w) in value_stems for w in words(low)) or find_period(low).words:
                continue
            out.append(name)
    return list(dict.fromkeys(out))


def _name_words(name: str) -> set[str]:
    from app.engine.wordforms import stem, words

    ws = set(words(name.lower()))
    return ws | {stem(w) for w in ws}


def read(q: Question, vocab) -> Refusal | None:
    tv = vocab.data.tickets if vocab.data else None
    if tv is None or not tv.rows or not tickets.is_ticket_question(q, vocab):
        return None
    named = _named(q.raw)
    names = named + [n for n in _coordinated(q, vocab, tv) if n not in named]
    if not names:
        return None
    if "customer_name" not in tv.raw_values and tv.organisations:
        return None  # more customers than the vocabulary lists: the counting families filter by the name
    customers = [str(c) for c in tv.raw_values.get("customer_name", ())]
    # (compared without the Norwegian letters: a customer read from an e-mail domain is «Oksnes kommune» for "Øksnes")
    known = {ascii_name(normalise(c)) for c in customers}
    starts = {0} | {m.end() for m in re.finditer(r"[.?!:]\s+", q.raw)}

    def held(n: str) -> bool:
        """A customer holds the name; or, the name beginning a sentence ("Ligger Ål kommune over …"), the name without
        its first word, which is capitalised as the sentence's first word (a verb), not as a name."""
        if any(ascii_name(normalise(n)) in k for k in known):
            return True
        head, _, tail = n.partition(" ")
        return bool(tail) and any(q.raw.startswith(n, i) for i in starts) and any(ascii_name(normalise(tail)) in k for k in known)
    missing = [n for n in names if not held(n)]
    # a body whose name names an export ("Vefsn kommune" of vefsn_lonn_personal_<system>.xlsx, asked not as a sender) is
    # that export's owner, a municipality's own desk whose customers are its units: every ticket of it is the body's
    missing = [n for n in missing if not tickets.export_naming_words(q, tv, _name_words(n))]
    if not q.has(*tickets.CUSTOMER_CUES, *SENT_CUES):
        # "antall saker totalt Fjordlys IKT": a provider body written with an IT or company form, asked of no
        # customer, is the owner of the desks the exports are from (tickets.owner_names), not a customer missing
        owners = [normalise(o) for o in tickets.owner_names(q)]
        missing = [n for n in missing if not any(normalise(n) in o for o in owners)]
    if not missing:
        return None
    en = q.lang == "en"
    chosen, _ = tickets.selected_sources(q, tv)
    files = ", ".join(f"«{f}»" for s in (chosen or tv.sources) for f in s.files)
    shown = ", ".join(sorted(customers)[:12]) + (" …" if len(customers) > 12 else "")
    asked = ", ".join(missing)
    if not customers:
        return Refusal(NAME, "unanswerable",
                       (f"No ticket in {files} is from {asked}: the exports record no customer organisation." if en else
                        f"Ingen sak i {files} er fra {asked}: saksdataene har ingen kundeorganisasjon."),
                       interpretation=("tickets from " if en else "saker fra ") + asked)
    return Refusal(NAME, "unanswerable",
                   (f"No ticket in {files} is from {asked}. The customers the ticket exports have are: {shown}." if en else
                    f"Ingen sak i {files} er fra {asked}. Kundene i saksdataene er: {shown}."),
                   interpretation=("tickets from " if en else "saker fra ") + asked)
