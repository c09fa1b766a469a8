"""Counts and shares WITHIN a filter over the one-row-per-ticket exports (fct_ticket): the question names a
population (the tickets counted from) and what is counted among them.

- "share of ACME issues with priority Blocker or Critical": of the named export's tickets, those with either priority;
- "kor stor del av Critical-sakene har status Closed": of the Critical tickets, the Closed ones;
- "how many Critical issues, and how many of those are closed": the population and the part, both counted;
- "blant Minor-sakene, hvor mange er løst og hvor mange er lukket": one count per status named, of the Minor ones;
- "Resolved men ikke Closed", "still only Resolved": a ticket has one status, so the status named.

Which words name the population is read from the question's shape: the phrase after "blant/among/of all", the
phrase before "av dem/of those", or the noun phrase after "andel av/share of" up to its verb ("har", "with",
"are"). A value written elsewhere is the part counted. Every answer states both counts and the denominator; a
share over several source systems none of which is named is one row per system, never summed across them.

Applies only to exports whose tickets carry the fields named (an event log without priorities is left to the
event-log family) and when every word of the question is placed; otherwise the plain ticket count answers.
"""
from __future__ import annotations

import re

from app.engine.families import tickets
from app.engine.families.base import Question, Reading, in_list, sql_str
from app.engine.format import format_number
from app.engine.wordforms import stem

NAME = "ticket_subsets"

# the part counted is among the tickets of the phrase after these words
AMONG = (r"blant", r"among(?:st)?", r"av alle", r"of all", r"out of(?: all)?", r"within", r"innenfor", r"innan",
         r"i forhold til(?: alle)?", r"relative to(?: all)?")
# ... or among the tickets of the phrase before these ("how many Critical, and how many of those are closed")
OF_THOSE = (r"of (?:those|them|these)", r"av (?:dem|dei|disse|desse|de)", r"hvorav", r"herav", r"kor mange av dei",
            r"hvor mange av dem", r"which of (?:those|them|these)")
# a share names its population right after these, up to its verb
SHARE_OF = r"(?:andel(?:en)?|prosent(?:del)?(?:en)?|share|percentage|percent|proportion|fraction|del|delen)\s+(?:av|of|på)\s+"
VERBS = (r"har|hadde|er|var|blir|ble|vart|som|med|with|that|which|are|is|were|was|have|has|had|står|stod|fikk|fekk|"
         r"got|get|gjeld|gjelder|concern|concerns|in status|i status|marked|merket|merka")
MAIN_VERBS = r"har|hadde|er|var|blir|ble|vart|are|is|have|has|had|were|was|står|stod|fikk|fekk|got|gjeld|gjelder"
# "Resolved men ikke Closed", "resolved but not yet closed": the value after the negation is left out
NOT_WORDS = r"(?:men|but|og|and|yet)?\s*(?:ikke|ikkje|not|never|aldri)\s+(?:yet\s+|ennå\s+|enda\s+|enno\s+|lenger\s+)?"
STATUS_WORDS = {
    "closed": (r"lukk\w*", r"closed?", r"closing"),
    "resolved": (r"løst\w*", r"løyst\w*", r"løste", r"resolved?", r"solved", r"ferdigmeld\w*"),
    "open": (r"åpne?", r"opne?", r"open"),
    "pending": (r"venter", r"ventar", r"pending", r"on hold", r"på vent"),
}
OWN_STEMS = {stem(w) for w in """blant among amongst all alle alt of av those them these dem dei disse desse de hvorav
herav within innenfor innan forhold relative still fortsatt framleis only bare berre kun just ennå enda enno yet lenger
men but now nå no er are is were was har have has hvor kor mange how many much stor del share andel prosent percent
percentage proportion fraction the a an and og eller or i in på status statusen satt set står stands that which som
their deres deira its sin sine sitt ut out""".split()}


def _segments(q: Question) -> tuple[str, str] | None:
    """(population text, part text) of the raw question, lower-cased; None when it names no population."""
    raw = q.raw.casefold()
    m = re.match(r"\s*(?:of|out of|av|blant|among|amongst)\s+(.+?)\s*[,;:]", raw)
    if m:  # "Of the Critical issues, how many are resolved?", "Av Critical-sakene, hvor mange er lukket?"
        return m.group(1), raw[m.end():]
    m = re.search(r"(?<!\w)(?:" + "|".join(AMONG) + r")(?!\w)\s*(.*?)(?:[,;?.!]|$)", raw)
    if m:
        return m.group(1), raw[:m.start()] + " " + raw[m.end(1):]
    m = re.search(r"(?<!\w)(?:" + "|".join(OF_THOSE) + r")(?!\w)", raw)
    if m:
        return raw[:m.start()], raw[m.end():]
    m = re.search(r"(?<!\w)" + SHARE_OF + r"(.*?)(?=(?<!\w)(?:" + VERBS + r")(?!\w)|[,;?!]|$)", raw)
    if m:
        end = m.end(1)
        # "andel av sakene med status Closed som har prioritet Critical", "share of the issues with status Closed
        # that are Critical": a qualifier followed by a main verb belongs to the population
        if re.match(r"\s*(?:med|with|som|that|which)\s", raw[end:]):
            later = re.search(r"(?<!\w)(?:" + MAIN_VERBS + r")(?!\w)", raw[end:])
            if later and later.start() > 0:
                end += later.start()
        return raw[m.start(1):end], raw[end:]
    return None


def _named_in(text: str, values) -> bool:
    return any(re.search(r"(?<![\w])" + re.escape(str(v).casefold()) + r"(?![\w])", text) for v in values)


def _statuses(text: str, tv) -> list[str]:
    """The normalised statuses the text names by a state word, in the order written."""
    held = set(tv.raw_values.get("status", ()))
    found = []
    for state, cues in STATUS_WORDS.items():
        m = re.search(r"(?<!\w)(?:" + "|".join(cues) + r")(?!\w)", text)
        if m and state in held:
            found.append((m.start(), state))
    return [s for _, s in sorted(found)]


def read(q: Question, vocab) -> Reading | None:
    tv = vocab.data.tickets if vocab.data else None
    if tv is None or not tv.rows or not tickets.is_ticket_question(q, vocab):
        return None
    share = q.has(*tickets.SHARE_CUES)
    segments = _segments(q)
    raw = q.raw.casefold()
    negated = re.search(NOT_WORDS + r"(?:\(?\w+\)?\s+)?\(?(" + "|".join(
        c for cues in STATUS_WORDS.values() for c in cues) + r")\)?", raw)
    only = q.has(r"only", r"bare", r"berre", r"kun", r"still", r"fortsatt", r"framleis", r"just")
    if not (share or segments or negated or {"resolved", "pending"} & set(_statuses(raw, tv))):
        return None
    p = q.period
    if p.years or p.months or p.quarters or p.weeks or p.halves or p.grain or p.last_years:
        return None  # shares of a period: the ticket counts state their own population
    dim, _, _ = tickets._dimension_asked(q, tv)
    if dim is not None:
        return None
    chosen, source_words = tickets.selected_sources(q, tv)
    filters, used = tickets._value_filters(q, tv, tickets.GENERIC | tickets.DIM_WORDS | source_words)
    system_values = filters.pop("source_system", [])
    if system_values:
        chosen = [s for s in chosen if s.system in system_values] or chosen
    # the exports that fill every field named; an event log without them is the event-log family's
    fields = [c for c in filters if c != "status"]
    chosen = [s for s in chosen if all(c in s.filled for c in fields)]
    if not chosen or all(s.events for s in chosen):
        return None
    if not fields:
        return None  # a status alone ("kor stor del vart lukka"): the ticket counts state the closed ones per export
    pop_text, part_text = segments if segments else ("", raw)
    population: dict[str, list[str]] = {}
    part: dict[str, list[str]] = {}
    for col, values in filters.items():
        if col == "status":
            continue
        # a level of the priority scale is named by any of its words or values as exported ("Critical-sakene": A)
        forms = list(values) + ([w for w, v in tv.value_aliases.get("priority", {}).items() if v in values]
                                if col == "priority" else [])
        (population if pop_text and _named_in(pop_text, forms) else part)[col] = values
    # statuses: named by a state word or as exported; a negated one is left out (one status per ticket)
    pop_states = _statuses(pop_text, tv) if pop_text else []
    part_states = [s for s in _statuses(part_text, tv) if s not in pop_states]
    if negated:
        gone = next((s for s, cues in STATUS_WORDS.items() if re.fullmatch("|".join(cues), negated.group(1))), None)
        kept = [s for s in part_states if s != gone]
        if gone and kept:
            part_states = kept
        elif gone:
            return None  # "not closed" alone: the open-ticket counts answer it
    if pop_states:
        population["status"] = pop_states
    several = part_states if len(part_states) > 1 and not share and not q.has(r"eller", r"or", r"either") else []
    if part_states and not several:
        part["status"] = part_states
    if not part and not several:
        return None
    if not share and not segments:
        # "Critical løst men ikke lukket", "Major still only Resolved": the status among the tickets of the rest
        # "How many Critical issues are resolved?": the ticket counts read a closing word by the closed time and
        # take "resolved" for an ordinary ticket word, so a resolved/pending status among the rest is counted here
        if "status" not in part or not (negated or only or (set(part["status"]) & {"resolved", "pending"}
                                                             and "status" not in filters)):
            return None  # a plain count with a status (as exported, or closed/open): the ticket counts answer it
        population.update({c: v for c, v in part.items() if c != "status"})
        part = {"status": part["status"]}
    # every word of the question is placed, or the plain ticket count says what it cannot place
    known = (tickets.GENERIC | tickets.DIM_WORDS | used | source_words | tickets.SHARE_STEMS | tickets.CLOSED_STEMS
             | OWN_STEMS | tickets.DESCRIPTIVE | {stem(x) for x in tv.id_prefixes}
             | {stem(w) for cues in ((r"ikke",),) for w in cues})
    if tickets.leftover_words(q, known):
        return None
    en = q.lang == "en"
    base = ["true"]
    systems = [s.system for s in chosen]
    if len(chosen) < len(tv.sources):
        base.append(in_list("t.source_system", systems))
    for col, values in population.items():
        base.append(in_list(f"t.{col}", values))

    def label(col, values):
        name = tickets._FIELD_NAMES.get(col, (col, col))[1 if en else 0]
        if col == "priority":  # a level of the one scale in words, or one export's own values
            values = tickets.priority_names(q, tv, values, en, chosen)
        return f"{name} = {(' or ' if en else ' eller ').join(map(str, values))}"

    parts: list[tuple[str, str]] = []
    if several:
        fixed = [in_list(f"t.{c}", v) for c, v in part.items()]
        for s in several:
            parts.append((label("status", [s]) + "".join(", " + label(c, v) for c, v in part.items()),
                          " and ".join(fixed + [in_list("t.status", [s])])))
    else:
        parts.append((", ".join(label(c, v) for c, v in part.items()),
                      " and ".join(in_list(f"t.{c}", v) for c, v in part.items())))
    pop_words = ", ".join(label(c, v) for c, v in population.items())
    files = ", ".join(f"«{f}»" for s in chosen for f in s.files)
    # levels of the one priority scale are the same levels in every export: a share of them is pooled over the
    # exports (a field as exported, or a status, is one share per export)
    pooled = tickets.one_priority_scale(q, tv, chosen) and set(population) | set(part) == {"priority"}
    per_source = len(chosen) > 1 and not pooled
    pop_desc = ((("tickets" if en else "saker") if per_source else
                 (f"tickets of {files}" if en else f"saker i {files}"))
                + (f" with {pop_words}" if en and pop_words else f" med {pop_words}" if pop_words else "")
                + ((", per export" if en else ", per eksport") if per_source else ""))
    group = ("t.source_system, string_agg(distinct regexp_replace(t.source_file, '^.*[/\\\\]', ''), ', ') as export, "
             if per_source else "")
    selects = []
    for what, cond in parts:
        selects.append(
            f"select {group}{sql_str(what)} as counted, count(*) filter (where {cond}) as tickets, "
            f"count(*) as tickets_all,\n  round(100.0 * count(*) filter (where {cond}) / nullif(count(*), 0), 1) "
            f"as share_pct\nfrom fct_ticket as t\nwhere " + "\n  and ".join(base)
            + ("\ngroup by 1\nhaving count(*) > 0" if per_source else ""))
    sql = "\nunion all\n".join(selects)
    interp = ((f"share of {pop_desc}: " if en else f"andel av {pop_desc}: ") if share else
              (f"number of {pop_desc}, and of them: " if en else f"antall {pop_desc}, og av dem: ")) + "; ".join(
        w for w, _ in parts)

    def sentence(columns, rows, lang):
        e = lang == "en"
        i = {c: k for k, c in enumerate(columns)}
        out = []
        for r in rows:
            where = f"«{r[i['export']]}»: " if "export" in i else ""
            n, total, pct = r[i["tickets"]], r[i["tickets_all"]], r[i["share_pct"]]
            if share:
                out.append(f"{where}{r[i['counted']]}: {format_number(pct, 1)} % ({format_number(n)} "
                           f"{'of' if e else 'av'} {format_number(total)} {'tickets' if e else 'saker'})")
            else:
                out.append(f"{where}{r[i['counted']]}: {format_number(n)} {'of' if e else 'av'} "
                           f"{format_number(total)} {'tickets' if e else 'saker'} ({format_number(pct, 1)} %)")
        head = (f"{pop_desc[0].upper()}{pop_desc[1:]}: " + format_number(rows[0][i["tickets_all"]])
                + (" tickets. Of them: " if e else " saker. Av dem: ")) if not share and not per_source else (
            f"{'Of the' if e else 'Av'} {pop_desc}: ")
        return head + "; ".join(out) + "." + note
    named = [v for c in ("priority",) for v in {**population, **part}.get(c, [])]
    note = tickets.priority_note(tv, en, named) if named and tickets.one_priority_scale(q, tv, chosen) else ""
    return Reading(NAME, tickets.source_label(chosen, en, "fct_ticket"), sql, interp, sentence=sentence)
