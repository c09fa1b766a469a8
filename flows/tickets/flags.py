"""Yes/no columns of ticket exports and the SLA verdicts they state.

An export often says per ticket whether something happened: "Løsningsfrist brutt" Ja/Nei, "SLA bruten" Ja/Nej,
"Återöppnat" Ja/Nej, "Made SLA" true/false, or in words, "Resolution status" = "SLA Violated" / "Within SLA".

- flag_values: a column whose every value is a yes/no word, or which holds two phrases one of which says the other
  did not happen ("Within SLA" / "Not within SLA", "SLA Violated" / "Within SLA"), is a flag column: each value reads
  as true or false of one statement, the flag's name (the header for yes/no values; else the phrase that is true).
  Kept per ticket as ticket attributes with that boolean (flows/tickets/attributes.py), so a question counts the
  tickets for which the statement holds instead of the rows where the column is filled in.
- An SLA verdict column (its header names the SLA or a deadline, or its values do) gives the canonical sla_met: a
  column that says the SLA was met ("Made SLA", "SLA oppfylt") as its values read; one that says it was breached
  ("SLA bruten", "Løsningsfrist brutt": the mapping field sla_breached) the other way round; a phrase reads the
  same in either ("SLA Violated" is not met). verdict_sql is that reading in SQL, for the loader's stage.
Pure functions and vocabulary (English, Norwegian bokmål/nynorsk, Swedish, Danish).
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from flows.tickets.model import FALSE_TEXTS, TRUE_TEXTS

# header words that name a service level or a deadline ("SLA", "Løsningsfrist", "Resolution deadline")
SLA_WORDS = frozenset({"sla", "slas", "løsningsfrist", "løysingsfrist", "lösningsfrist", "lösningstid", "deadline",
                       "frist", "tidsfrist", "servicenivå", "servicenivå", "tjenestenivå", "målnivå",
                       # service level management / objective ("SLM Status", "SLO")
                       "slm", "slo"})
# the second word of a service level named in words ("Service Target", "Service Level", "Tjeneste­mål")
SERVICE_LEVEL_STEMS = ("target", "level", "mål", "objective", "agreement")
# words of a header or value saying the level was not kept (word beginnings: "brutt", "bruten", "Violated")
BREACH_STEMS = ("brutt", "bruten", "brott", "brudd", "breach", "violat", "missed", "exceed", "overskred", "överskrid",
                "overskrid", "overdue", "forsink", "försen", "failed", "utenfor", "utanför", "outside", "late",
                "noncompliant", "non-compliant", "inkompatib", "expired", "utløpt")
# a header word that is itself a deadline's breach ("Overdue" Yes/No, "Forsinket", "Försenad", "Überfällig"): the
# column is an SLA verdict even without a word naming the SLA
OVERDUE_STEMS = ("overdue", "forsinket", "forseinka", "försenad", "überfällig", "ueberfaellig")
# values an SLA verdict column holds for a level that no longer applies (the ticket or its SLA was cancelled, paused,
# or has none): no verdict, neither met nor breached
NO_VERDICT_STEMS = ("annuller", "cancel", "kansell", "avbr", "makuler", "paused", "pause", "not applicable",
                    "ikke aktuelt", "ikke relevant", "n/a", "none", "ingen sla", "no sla", "storn",
                    # a level still running: no verdict yet ("In Process", "In Progress", "Pågår")
                    "in process", "in progress", "running", "ongoing", "pågår", "pågående", "pending",
                    "not started", "ikke startet", "aktiv")
# words of a value saying it was kept ("Within SLA", "Oppfylt", "Uppfylld"): beginnings, and short whole words
# (an SLA KPI's status as Dynamics 365 writes it: "Succeeded"/"Vellykket" met, "Noncompliant"/"Ikke-kompatibel" not)
MET_STEMS = ("within", "inside", "innenfor", "innanfor", "oppfyl", "uppfyll", "overholdt", "achiev", "oppnådd", "uppnådd",
             "compliant", "opfyldt", "succeed", "vellykk", "vellukk", "lyckad", "lykkedes", "kompatib",
             "konform")
MET_WORDS = ("met", "made", "ok", "inom", "i tide", "on time", "i tid")
# one-letter SLA states an export writes under a header naming the SLA ("slastate" I/O: inside/outside the level;
# "I"/"U": innenfor/utenfor): read only for a column already taken as the SLA verdict (its header names the SLA)
SLA_STATE_CODES = {"i": True, "o": False, "u": False}
# words that turn a phrase round ("Not within SLA", "Ikke brutt", "Ej uppfylld")
NEGATIONS = ("not", "no", "non", "ikke", "ikkje", "ej", "inte", "icke", "ingen", "uten", "utan", "without")

_LETTER = "a-z0-9æøåäöü"


def _has(text: str, stems: Iterable[str], whole: bool = False) -> bool:
    """A word of text begins with one of stems (whole: is one of them)."""
    tail = rf"(?![{_LETTER}])" if whole else ""
    return any(re.search(rf"(?<![{_LETTER}]){re.escape(s)}{tail}", text) for s in stems)


def yes_no(text: str | None) -> bool | None:
    """"Ja", "yes", "true", "1", "x" -> True; "Nei", "Nej", "no", "false", "0" -> False; else None."""
    if text is None:
        return None
    key = text.strip().casefold()
    return True if key in TRUE_TEXTS else False if key in FALSE_TEXTS else None


def breach_words(words: Iterable[str]) -> bool:
    """Header words saying a level was not kept ("Løsningsfrist brutt", "SLA bruten", "SLA breached")."""
    return any(w.startswith(BREACH_STEMS) for w in words)


def sla_words(words: Iterable[str]) -> bool:
    """Header words naming a service level or a deadline."""
    words = list(words)
    # an SLA KPI instance ("resolvebykpiid.status" of Dynamics 365) and a "resolve by" time name the level too
    return any(w in SLA_WORDS or w.endswith("frist") or "kpi" in w or w.startswith(("resolveby", "respondby"))
               or w.startswith(OVERDUE_STEMS) for w in words) or _service_level(words)


def _service_level(words: list[str]) -> bool:
    """"Service Target(s)", "Service Level", "Service-level objective": a service level named in two words."""
    return any(a in ("service", "tjeneste", "tjenste") and b.startswith(SERVICE_LEVEL_STEMS)
               for a, b in zip(words, words[1:]))


def sla_verdict(text: str | None) -> bool | None:
    """Whether a phrase says the level was met: "Within SLA" True, "SLA Violated" False, "Not within SLA" False,
    "Ikke brutt" True; None when it names neither."""
    if text is None:
        return None
    key = re.sub(r"\s+", " ", text.strip().casefold())
    negated = _has(key, NEGATIONS, whole=True)
    if _has(key, BREACH_STEMS):
        return negated
    if _has(key, MET_STEMS) or _has(key, MET_WORDS, whole=True):
        return not negated
    return None


def no_verdict(text: str | None) -> bool:
    """A value of an SLA verdict column saying the level no longer applies ("Annullert", "Canceled", "Paused")."""
    return text is not None and _has(re.sub(r"\s+", " ", text.strip().casefold()), NO_VERDICT_STEMS)


def state_codes(values: Iterable[str]) -> bool:
    """Every value a one-letter SLA state (SLA_STATE_CODES: "I"/"O" inside/outside, or "I"/"U"; never "O" beside
    "U"): the column states the verdict in codes (the caller asks for a header naming the SLA)."""
    keys = {v.strip().casefold() for v in values if v is not None and v.strip()}
    return bool(keys) and keys <= set(SLA_STATE_CODES) and not {"o", "u"} <= keys


def column_verdict(value: str | None, breach_column: bool) -> bool | None:
    """Whether the SLA was met, from a cell of an SLA column: a yes/no answers the header's statement (met, or
    breached when breach_column), a phrase says it itself, a one-letter state ("I"/"O") says inside or outside."""
    answer = yes_no(value)
    if answer is not None:
        return (not answer) if breach_column else answer
    if value is not None and value.strip().casefold() in SLA_STATE_CODES:
        return SLA_STATE_CODES[value.strip().casefold()]
    if breach_column and value is not None and value.strip().isdigit():  # a count of breaches: none is met
        return int(value.strip()) == 0
    return sla_verdict(value)


def verdict_sql(value: str, breach_column: bool) -> str:
    """column_verdict in SQL (value: a text expression; null when it reads as neither)."""
    low = f"lower(trim({value}))"

    def any_of(stems: Iterable[str], whole: bool = False) -> str:
        tail = f"($|[^{_LETTER}])" if whole else ""
        body = "|".join(re.escape(s) for s in stems)
        return f"regexp_matches({low}, '(^|[^{_LETTER}])({body}){tail}')"

    def one_of(texts: Iterable[str]) -> str:
        return "regexp_full_match(" + low + ", '(" + "|".join(re.escape(t) for t in texts) + ")')"

    yes, no = ("false", "true") if breach_column else ("true", "false")
    negated = any_of(NEGATIONS, whole=True)
    # a breach column holding a count of breaches ("sla_breaches.count" = 2): none is met, any is breached
    count = (f"when regexp_full_match({low}, '[0-9]+') then try_cast({low} as bigint) = 0 " if breach_column
             else "")
    met_codes = [k for k, met in SLA_STATE_CODES.items() if met]
    codes = (f"when {one_of(met_codes)} then true "
             f"when {one_of([k for k in SLA_STATE_CODES if k not in met_codes])} then false ")
    return (f"case when {one_of(TRUE_TEXTS)} then {yes} when {one_of(FALSE_TEXTS)} then {no} {count}{codes}"
            f"when {any_of(BREACH_STEMS)} then {negated} "
            f"when {any_of(MET_STEMS)} or {any_of(MET_WORDS, whole=True)} then not {negated} end")


def no_verdict_sql(value: str) -> str:
    """no_verdict in SQL: an SLA column's value saying the level no longer applies (kept as no verdict, not
    quarantined)."""
    body = "|".join(re.escape(s) for s in NO_VERDICT_STEMS)
    return f"regexp_matches(lower(trim({value})), '(^|[^{_LETTER}])({body})')"


def flag_values(values: Iterable[str]) -> tuple[str, dict[str, bool]] | None:
    """A flag column read from its distinct values: (what a true value says, {value: bool}), or None.

    Every value a yes/no word (not only digits: a column of 0 and 1 may be a count): the header's statement ("" here:
    the caller names it), true where yes. Two phrases of which one says the other did not happen: the statement is
    the phrase that says something happened or was broken ("SLA Violated" beside "Within SLA"; "Reopened" beside "Not
    reopened"), true where the value is that phrase."""
    distinct: dict[str, str] = {}
    for v in values:
        if v is not None and v.strip():
            distinct.setdefault(v.strip().casefold(), v.strip())
    if not distinct:
        return None
    answers = {k: yes_no(k) for k in distinct}
    if all(a is not None for a in answers.values()) and not all(k.isdigit() for k in distinct):
        return "", {distinct[k]: a for k, a in answers.items()}
    if len(distinct) != 2:
        return None
    (ka, a), (kb, b) = distinct.items()
    va, vb = sla_verdict(ka), sla_verdict(kb)
    if va is not None and vb is not None and va != vb:  # one says kept, the other broken: the broken one is the flag
        true = a if va is False else b
    elif _negation_of(ka, kb):
        true = b
    elif _negation_of(kb, ka):
        true = a
    else:
        return None
    return true, {a: a == true, b: b == true}


def _negation_of(text: str, other: str) -> bool:
    """text is other with a negation in front ("not reopened" / "reopened", "ikke brutt" / "brutt")."""
    words, rest = text.split(), other.split()
    return len(words) == len(rest) + 1 and words[0] in NEGATIONS and words[1:] == rest
