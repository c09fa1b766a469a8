"""Prose readers: sentences not claimed by a table, and the narrow rules that read them.

Rules are narrow on purpose: a number is taken only in a phrase that says what it is
("81,3 årsverk", "sykefravær ... 2,7 %", "mindreforbruk på 0,75 mill"). Qualitative
sentences about sick leave or staffing become Observations, never values.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from flows.reports.model import Observation
from flows.reports.numbers import parse_amount, parse_number
from flows.reports.stream import YEAR, Context, Line
from flows.reports.units import CHAPTER_HEADER, normalise_unit_name


@dataclass(frozen=True)
class Sentence:
    text: str
    line: Line
    section: str | None
    quarter: int | None


_HEADING = re.compile(r"^(\d+(?:\.\d+)*)\.?\s+([A-ZÆØÅ][^.!?]{1,60})$")
_SECTION_WORDS = re.compile(
    r"^(Organisasjon(?:en)?|Bemanning|Sykefravær|Sjukefråvær|Resultatvurdering|Regnskap|Nøkkeltall|Måloppnåelse.*|"
    r"Økonomi|Fordelingsnøkkel.*|Begivenheter.*|Utfordringer.*|(\d)\.\s*kvartal)\s*:?$",
    re.I,
)


def sentences(ctx: Context) -> list[Sentence]:
    """Sentences of the text not claimed by a table, each with its start line and section."""
    out: list[Sentence] = []
    section, quarter = None, None
    buffer: list[tuple[int, Line]] = []
    text = ""

    def flush() -> None:
        nonlocal text, buffer
        if not text.strip():
            text, buffer = "", []
            return
        for m in re.finditer(r".+?(?:[.!?](?=\s+[A-ZÆØÅ«\"•]|\s*$)|$)", text, re.S):
            chunk = m.group(0).strip()
            if not chunk:
                continue
            start_line = buffer[0][1]
            for offset, line in buffer:
                if offset <= m.start() + (len(m.group(0)) - len(m.group(0).lstrip())):
                    start_line = line
            out.append(Sentence(" ".join(chunk.split()), start_line, section, quarter))
        text, buffer = "", []

    for line in ctx.lines:
        t = line.text
        if line.index in ctx.consumed:
            flush()
            continue
        if not t:
            continue
        heading = _HEADING.match(t) or _SECTION_WORDS.match(t)
        if heading and len(t) < 70:
            flush()
            section = t
            qm = re.match(r"^(\d)\.\s*kvartal", t, re.I)
            if qm:
                quarter = int(qm.group(1))
            elif _HEADING.match(t) and not re.search(r"kvartal", t, re.I):
                quarter = None
            out.append(Sentence(t, line, section, quarter))
            continue
        if CHAPTER_HEADER.match(t):
            flush()
            section, quarter = None, None
            continue
        bullet = t.startswith(("•", "·", "▪", "o ")) or re.match(r"^  \S", line.raw) is not None
        if bullet or text.endswith(":"):
            flush()
            t = re.sub(r"^(?:[•·▪]|o)\s+", "", t)
        buffer.append((len(text) + (1 if text else 0), line))
        text = f"{text} {t}" if text else t
    flush()
    return out


def parse_prose(ctx: Context) -> None:
    for sentence in sentences(ctx):
        for rule in (
            read_staffing,
            read_sick_leave,
            read_budget_result,
            read_cost_share,
            read_cases_and_incidents,
            read_fund,
        ):
            rule(ctx, sentence)


def _year_near(text: str, pos: int, end: int, default: int) -> int:
    """A year written right after the number ("5,0 % i 2019") wins, else the closest
    year before it in the sentence, else the report year."""
    after = re.match(rf"\s*(?:%\s*)?(?:i|for|pr\.?|per)?\s*({YEAR})\b", text[end:])
    if after:
        return int(after.group(1))
    before = list(re.finditer(rf"(?<![\d.]){YEAR}(?!\d)|\d{{1,2}}\.\d{{1,2}}\.({YEAR})", text[:pos]))
    if before:
        last = before[-1]
        return int(last.group(1) or last.group(0))
    return default


_NUM = r"\d+(?:[.,]\d+)?"


def read_staffing(ctx: Context, s: Sentence) -> None:
    t = s.text
    for m in re.finditer(rf"(?<![\d,.])({_NUM})\s*(utførte |tilgjengelige |avtalte )?(årsverk|ÅV)\b", t, re.I):
        before = t[max(0, m.start() - 25) : m.start()].lower()
        explicit_year = re.match(rf"\s*i\s+{YEAR}\b", t[m.end():])
        if re.search(r"(økning|nedgang|reduksjon|vakanse|endring|auke) (på|med)\s*$|med\s*$|\+\s*$", before):
            continue
        if re.search(r"fra\s*$", before) and not explicit_year:
            continue
        if re.match(r"\s*(mer|mindre|flere|færre)\b", t[m.end():]):
            continue  # "(2,2 årsverk mer)" is a change, not a level
        if re.search(r"\b(økning|vakanse)\b", before):
            continue
        kind = (m.group(2) or "").strip().lower()
        metric = {"utførte": "fte_performed", "tilgjengelige": "fte_available"}.get(kind, "fte")
        value = parse_number(m.group(1), decimal_dot=True)
        year = _year_near(t, m.start(), m.end(), ctx.report_year)
        ctx.add_fact(metric, value, s.line, year=year, kind="prose", excerpt=t)
    for m in re.finditer(r"(?<![\d,.])(\d+)\s+(?:faste\s+)?(ansatte|tilsette|personer med til sammen|lærlinger|lærlingar)\b", t, re.I):
        before = t[max(0, m.start() - 8) : m.start()].lower()
        after = t[m.end() : m.end() + 12].lower()
        if re.search(r"(sluttet|slutta|nye|gikk av|forlot)\s*$", t[max(0, m.start() - 14) : m.start()].lower()):
            continue
        if re.search(r"\d\s+av\s*$", before) or re.match(r"\s*(sluttet|slutta|gikk|forlot)", after) or after.startswith("/"):
            continue
        word = m.group(2).lower()
        metric = "apprentices" if word.startswith("lærling") else "employees"
        year = _year_near(t, m.start(), m.end(), ctx.report_year)
        ctx.add_fact(metric, int(m.group(1)), s.line, year=year, kind="prose", excerpt=t)
    m = re.search(r"(?<![\d,.])(\d+)\s+(?:faste\s+)?ansatte\s*/\s*årsverk", t, re.I)
    if m:  # "6 faste ansatte / årsverk": the same number is both
        ctx.add_fact("fte", int(m.group(1)), s.line, year=_year_near(t, m.start(), m.end(), ctx.report_year),
                     kind="prose", excerpt=t)
    if re.search(r"(?i)\b(bemanning\w*|antall (hoder|ansatte|årsverk))\b.*\b(stabil|uendret|redusert|økt|likt|lik)\b", t) \
            and not re.search(r"\d", t):
        ctx.observations.append(Observation("fte", t, ctx.report_year, ctx.unit_at(s.line.index), ctx.provenance(s.line, t)))


def read_sick_leave(ctx: Context, s: Sentence) -> None:
    t = s.text
    about_sick_leave = re.search(r"(?i)syke?fravær|sjukefråvær|fravær", t)
    follows = ctx.last_sick_leave_line
    if not about_sick_leave and follows is not None and s.line.index - follows <= 6 \
            and re.match(r"(?i)^(tilsvarende|til sammenligning|tilsvarande)", t):
        about_sick_leave = True  # "Tilsvarende tall for 2020 ... var 1.84%" continues the topic
    if about_sick_leave:
        ctx.last_sick_leave_line = s.line.index
    in_section = s.section and re.search(r"(?i)sykefravær|sjukefråvær", s.section)
    if not about_sick_leave and not (in_section and re.match(r"(?i)^(totalt|samlet|sum)\b", t)):
        return
    pcts = list(re.finditer(r"(-?\d+(?:[.,]\d+)?)\s*%", t))
    if not pcts:
        if re.search(r"(?i)\b(lavt|lav|høyt|høy|høyere|lavere|lågt|låg|høgt|høg|høgare|lågare|økt|auka|redusert|stabilt|stabil|uendret)\b", t):
            year_m = re.search(rf"\b({YEAR})\b", t)
            ctx.observations.append(Observation(
                "sick_leave_pct", t, int(year_m.group(1)) if year_m else ctx.report_year,
                ctx.unit_at(s.line.index), ctx.provenance(s.line, t)))
        return
    for m in pcts:
        after = t[m.end() : m.end() + 20].lower()
        before = t[max(0, m.start() - 40) : m.start()].lower()
        if re.match(r"\s*(lavere|høyere|færre|flere|av\b)", after):
            continue  # a comparison, not a level
        value = parse_number(m.group(1), decimal_dot=True)
        qualifier = "target" if re.search(r"målsetting|mål\b|måltall|under\s*$", before) else None
        year = _year_near(t, m.start(), m.end(), ctx.report_year)
        metric = "sick_leave_pct"
        if re.search(r"egenmeld", before):
            metric = "sick_leave_self_certified_pct"
        elif re.search(r"legemeld|sykemeld", before):
            metric = "sick_leave_doctor_certified_pct"
        ctx.add_fact(metric, value, s.line, year=year, kind="prose", qualifier=qualifier, excerpt=t)


_RESULT = re.compile(
    r"(?P<word>mindreforbruk|underforbruk|merforbruk|overforbruk|positivt resultat|negativt resultat|"
    r"meirforbruk|mindreforbruk)\s+på\s+(?P<amount>(?:kr\.?\s*)?(?:ca\.?\s*)?-?\d[\d .]*(?:,\d+)?\s*(?:mill(?:ioner|\.)?(?:\s*kr\.?)?|,-|\.-|-)?)",
    re.I,
)


def read_budget_result(ctx: Context, s: Sentence) -> None:
    t = s.text
    for m in _RESULT.finditer(t):
        subject = t[: m.start()]
        if re.search(r"(?i)\bandel\b|budsjettert", subject):
            continue  # a share of another unit's result, or a planned figure
        amount = parse_amount(m.group("amount").replace("ca.", "").replace("ca ", ""))
        if amount is None:
            continue
        sign = -1 if re.match(r"(?i)mer|meir|over|negativ", m.group("word")) else 1
        unit = _unit_named_in(ctx, subject, s.line)
        qualifier = None
        if re.search(r"(?i)\bsamlet\b", subject) and ctx.unit_at(s.line.index):
            qualifier = "samlet"
        if re.search(r"(?i)investering", " ".join(x.text for x in ctx.lines[max(0, s.line.index - 40) : s.line.index])) \
                and re.search(r"(?i)regnskapet viser", subject):
            qualifier = "investering"
        ctx.add_fact("budget_result_nok", sign * amount.value_nok, s.line, kind="prose", unit=unit or False,
                     qualifier=qualifier, excerpt=t)
    m = re.search(r"(?i)resultat som er\s+(kr\.?\s*[\d .,]+-?)\s+(bedre|dårligere|svakere)\s+enn\s+budsjett", t)
    if m:
        amount = parse_amount(m.group(1))
        if amount:
            sign = 1 if m.group(2).lower() == "bedre" else -1
            ctx.add_fact("budget_result_nok", sign * amount.value_nok, s.line, kind="prose",
                         unit=ctx.unit_at(s.line.index) or False, excerpt=t)


def _unit_named_in(ctx: Context, subject: str, line: Line) -> str | None:
    """The unit a sentence is about: a unit named before the verb, else the chapter's."""
    words = re.sub(r"(?i)\b(viser|har|hadde|fikk|går ut av \d{4} med|et|eit|en|ein|regnskapsmessig|samlet|samla|"
                   r"også|ca\.?)\b", " ", subject)
    words = " ".join(words.split()).strip(" ,.")
    if not words or re.fullmatch(r"(?i)(området|områdene|enheten|eininga|regnskapet|rekneskapen|regnskapsresultatet|"
                                 r"selskapet|vi|det|dette|i \d{4}|totalt|samlet i \w+ er det)", words):
        return ctx.unit_at(line.index)
    key = normalise_unit_name(words)
    if key in ctx.unit_aliases:
        return ctx.unit_aliases[key]
    for alias_key, name in ctx.unit_aliases.items():
        if alias_key and (key.startswith(alias_key) or alias_key.startswith(key)) and len(key) > 3:
            return name
    if re.match(r"^[A-ZÆØÅ]", words) and len(words.split()) <= 5 and not ctx.unit_at(line.index):
        return words  # a named area the document has not introduced as a unit
    return ctx.unit_at(line.index)


def read_cost_share(ctx: Context, s: Sentence) -> None:
    """"Fordelingsnøkkel: 41%, flatt og 59% etter innbygger" and the same inside a
    table title ("Investeringsregnskapet (fordeling 59% innbygger, 41% flatt)")."""
    t = s.text
    if not re.search(r"(?i)fordeling|fordelt", t) and not (s.section and re.search(r"(?i)fordelingsnøkkel", s.section)):
        return
    # "Regnskap/ fakturering: 29,8% ... Fakturabehandling: 23,3% ..." are separate keys
    for part in re.split(r"\s+(?=[A-ZÆØÅ][^:%.]{0,30}:\s*(?:fast\s+)?\d)", t):
        _read_cost_share_part(ctx, s, part)


def _read_cost_share_part(ctx: Context, s: Sentence, t: str) -> None:
    qualifier = None
    if re.search(r"(?i)investering", t):
        qualifier = "investering"
    area = re.match(r"^([A-ZÆØÅ][^:%]{1,40}):\s*(?=.*%)", t)
    if area and not re.search(r"(?i)fordelingsnøkkel", area.group(1)):
        qualifier = " ".join(area.group(1).split())
    body = t[area.end():] if area else t
    pcts = list(re.finditer(r"(\d+(?:[.,]\d+)?)\s*%", body))
    if len(pcts) < 2:
        return
    total = sum(parse_number(p.group(1), decimal_dot=True) or 0 for p in pcts)
    if abs(total - 100) > 0.5:
        return
    for k, p in enumerate(pcts):
        end = pcts[k + 1].start() if k + 1 < len(pcts) else len(body)
        start = pcts[k - 1].end() if k > 0 else 0
        after = re.sub(r"^[\s,]+|\s+og\s*$|[,.)]+$", "", body[p.end() : end]).strip()
        after = re.sub(r"\s+og$", "", after)
        before = body[start : p.start()]
        label = after if after and after.lower() != "og" else before
        subject = _share_part(label)
        if subject is None:
            continue
        ctx.add_fact("cost_share_pct", parse_number(p.group(1), decimal_dot=True), s.line, kind="prose",
                     subject=subject, qualifier=qualifier, excerpt=t)


def _share_part(text: str) -> str | None:
    low = text.lower()
    if re.search(r"\b(fast|flatt|flat|likt)\b", low):
        return "flat"
    if "innbygg" in low:
        return "innbyggere"
    m = re.search(r"(utgående faktura|inngående faktura|lønnsoppgaver|elevtall|brukere|saker)", low)
    if m:
        return m.group(1)
    if "variabel" in low:
        return "variabel"
    return None


def read_cases_and_incidents(ctx: Context, s: Sentence) -> None:
    t = s.text
    m = re.search(r"(?i)registrert\s+(\d[\d. ]*\d|\d)\s+registrerte\s+(?:drifts)?saker\s+i\s+kvartalet", t)
    if m and s.quarter:
        ctx.add_fact("cases", parse_number(m.group(1)), s.line, quarter=s.quarter, kind="prose", unit=False, excerpt=t)
    m = re.search(r"(?i)(\d+)\s+hendelser\s+med\s+(?:prioritet\s+A\s+eller\s+B|A-\s*eller\s+B-prioritet)", t)
    if m and s.quarter:
        ctx.add_fact("ab_incidents", int(m.group(1)), s.line, quarter=s.quarter, kind="prose", unit=False, excerpt=t)
    m = re.search(r"(?i)(\d{1,3}(?:[. ]\d{3})+|\d+)\s+aktive\s+brukere", t)
    if m:
        ctx.add_fact("active_users", parse_number(m.group(1)), s.line, kind="prose", unit=False, excerpt=t)


def read_fund(ctx: Context, s: Sentence) -> None:
    t = s.text
    for m in re.finditer(r"(?i)(kr\.?\s*[\d .]+,?-?)\s*overføres til disposisjonsfond", t):
        amount = parse_amount(m.group(1))
        if amount:
            ctx.add_fact("fund_allocation_nok", amount.value_nok, s.line, kind="prose", unit=False, excerpt=t)
    m = re.search(r"(?i)disposisjonsfond\w*\s+ved utgangen av året\s+(?:er\s+)?på\s+(kr\.?\s*[\d .]+,?-?)", t)
    if m:
        amount = parse_amount(m.group(1))
        if amount:
            ctx.add_fact("fund_balance_nok", amount.value_nok, s.line, kind="prose", unit=False,
                         qualifier="31.12", excerpt=t)
