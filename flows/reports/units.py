"""Who and when a report is about: report year, title, organisation and its units.

Unit chapters ("Årsrapport 2020 / VR innkjøp / Leder: Ketil Aas") give every line of
the chapter its unit; numbered sub-sections inside a chapter ("2.2.3 Servicetorget")
are avdelinger. Unit names written differently ("VR Lønn/regnskap", "VR regnskap og
lønn") share one normalised key.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from flows.reports.figure_years import LAST_YEAR
from flows.reports.model import UnitInfo
from flows.reports.organisation import read_organisation
from flows.reports.stream import YEAR, Context, Line

CHAPTER_HEADER = re.compile(rf"^(?:Årsrapport|Årsmelding|Årsberetning|Årsmelding og årsregnskap)\s+({YEAR})$", re.I)
_LEADER = re.compile(r"^(?:Leder|Leiar|Enhetsleder|Einingsleiar|Daglig leder|Dagleg leiar)\s*:\s*(.+)$", re.I)


def find_report_year(lines: list[Line], file_name: str = "") -> int | None:
    """The year the report is about: the title line, else the file name's year when the text writes it, or when the
    text speaks of last year ("i fjor") and writes the year after the file name's (a text written the year after the
    year it is about: "Resultatbørsen 2032" over "netto driftsresultat ... i fjor"), else the year most often written."""
    for line in lines:
        m = CHAPTER_HEADER.match(line.text) or re.match(
            rf"^(?:Årsrapport|Årsmelding|Årsberetning|Årsredovisning|Årsregnskab)\b.*?\b({YEAR})\b", line.text, re.I
        )
        if m:
            return int(m.group(1))
    m = re.search(rf"({YEAR})", file_name)
    counts = Counter(int(y) for line in lines for y in re.findall(rf"(?<![\d.,]){YEAR}(?![\d.,]\d)", line.text))
    if m and counts.get(int(m.group(1))):
        return int(m.group(1))  # the file name's year, when the text writes it too
    if m and counts.get(int(m.group(1)) + 1) and any(LAST_YEAR.search(line.text) for line in lines):
        return int(m.group(1))  # written the year after the file name's year, about "i fjor": the file name's year
    if counts:
        top = max(counts.values())
        return max(y for y, c in counts.items() if c == top)
    return int(m.group(1)) if m else None


def find_title(lines: list[Line]) -> str | None:
    for line in lines[:400]:
        if re.match(rf"^(?:Årsrapport|Årsmelding|Årsberetning)\b.*{YEAR}", line.text, re.I) and len(line.text) < 80:
            return line.text
    return None


def find_organisation(lines: list[Line], file_name: str = "", sources: list[str] = ()) -> tuple[str | None, str | None]:
    """The organisation the report is about and its kind (flows/reports/organisation.py); `sources` what the file's
    metadata declares it is."""
    found = read_organisation([line.text for line in lines], file_name, sources=sources)
    return found.name, found.kind


# --- units ------------------------------------------------------------------------------


_JOINERS = re.compile(r"\bog\b|\bsine områder\b|\bsitt område\b")
_TOKEN = re.compile(r"[\wæøå-]+")
_KIND_END = re.compile(r"(enheten|eininga|enhet)$")


@lru_cache(maxsize=1 << 14)
def normalise_unit_name(name: str) -> str:
    """Key that makes "VR Lønn/regnskap" and "VR regnskap og lønn" the same unit (cached: a document asks for the
    same few names thousands of times)."""
    text = name.lower().replace("/", " ").replace("&", " ")
    text = _JOINERS.sub(" ", text)
    tokens = []
    for token in _TOKEN.findall(text):
        token = _KIND_END.sub("", token).strip("-")
        if token.endswith("øren") or token.endswith("ektøren"):
            token = token[:-2]  # "Kommunedirektøren" -> "kommunedirektør"
        if token:
            tokens.append(token)
    return " ".join(sorted(tokens))


_AREA_LIST = re.compile(r"omfatter følgende (områder|enheter)|omfattar følgjande", re.I)


def find_units(ctx: Context, organisation: str | None) -> list[UnitInfo]:
    """Units from chapter headers, the list of areas, and numbered sub-sections."""
    lines = ctx.lines
    units: list[UnitInfo] = []
    bullets: list[tuple[str, str, str | None, Line]] = []  # (name, level, parent, line)

    # the list of areas: "• Økonomienheten" with "o VR Innkjøp" below it
    for i, line in enumerate(lines):
        if _AREA_LIST.search(line.text):
            parent = None
            for other in lines[i + 1 : i + 60]:
                t = other.text
                if not t:
                    continue
                m = re.match(r"^[•·▪■\-]\s+(.+)$", t)
                n = re.match(r"^(?:o|◦|–)\s+(.+)$", t)
                if m:
                    parent = m.group(1).strip()
                    bullets.append((parent, "omrade", organisation, other))
                elif n and parent:
                    bullets.append((n.group(1).strip(), "enhet", parent, other))
                else:
                    break
            break

    chapters: list[tuple[int, str, str | None, str | None, Line]] = []
    for i, line in enumerate(lines):
        if not CHAPTER_HEADER.match(line.text):
            continue
        following = [l for l in lines[i + 1 : i + 6] if l.text]
        if len(following) < 2:
            continue
        leader_m = _LEADER.match(following[1].text)
        if not leader_m:
            continue
        name, parent = following[0].text, None
        if ":" in name:
            left, right = (part.strip() for part in name.split(":", 1))
            name, parent = (right, None) if left.lower() == right.lower() else (right, left)
        chapters.append((i, name, parent, leader_m.group(1).strip(), following[0]))

    for k, (start, name, parent, leader, line) in enumerate(chapters):
        end = chapters[k + 1][0] if k + 1 < len(chapters) else len(lines)
        ctx.chapters.append((start, end, name))
        ctx.unit_aliases[normalise_unit_name(name)] = name

    def canonical(name: str | None) -> str | None:
        if name is None:
            return None
        return ctx.unit_aliases.get(normalise_unit_name(name), name)

    for name, level, parent, line in bullets:
        ctx.unit_aliases.setdefault(normalise_unit_name(name), name)
    bullet_by_key = {normalise_unit_name(b[0]): b for b in bullets}

    if organisation:
        leader = _organisation_leader(lines)
        units.append(UnitInfo(organisation, None, "organisation", leader, ctx.provenance(lines[0]) if lines else None))
    for name, level, parent, line in bullets:
        if normalise_unit_name(name) in {normalise_unit_name(c[1]) for c in chapters}:
            continue  # described by its chapter below
        units.append(UnitInfo(name, canonical(parent) if level == "enhet" else organisation, level, None, ctx.provenance(line)))
    for start, name, parent, leader, line in chapters:
        bullet = bullet_by_key.get(normalise_unit_name(name))
        level = bullet[1] if bullet else "enhet"
        parent_name = canonical(parent) or (canonical(bullet[2]) if bullet else organisation)
        units.append(UnitInfo(name, parent_name, level, leader, ctx.provenance(line)))

    # numbered sub-sections inside a unit chapter ("2.2.3 Servicetorget") are avdelinger
    for start, end, chapter_unit in list(ctx.chapters):
        subs = []
        for line in lines[start:end]:
            m = re.match(r"^(\d+\.\d+\.\d+)\s+([A-ZÆØÅ][\wæøåÆØÅ /-]{2,50})$", line.text)
            if m:
                subs.append((line.index, m.group(2).strip()))
        for k, (s_start, s_name) in enumerate(subs):
            s_end = subs[k + 1][0] if k + 1 < len(subs) else _next_numbered_heading(lines, s_start, end)
            ctx.sections.append((s_start, s_end, s_name))
            ctx.unit_aliases.setdefault(normalise_unit_name(s_name), s_name)
            units.append(UnitInfo(s_name, chapter_unit, "avdeling", None, ctx.provenance(lines[s_start])))
    seen: set[str] = set()
    unique = []
    for unit in units:
        if unit.provenance is not None and unit.name not in seen:
            seen.add(unit.name)
            unique.append(unit)
    return unique


def _next_numbered_heading(lines: list[Line], start: int, end: int) -> int:
    for line in lines[start + 1 : end]:
        if re.match(r"^\d+(\.\d+)?\s+[A-ZÆØÅ]", line.text) and not re.match(r"^\d+\.\d+\.\d+", line.text):
            return line.index
    return end


def _organisation_leader(lines: list[Line]) -> str | None:
    for line in lines:
        m = re.search(r"([A-ZÆØÅ][a-zæøå]+(?: [A-ZÆØÅ][a-zæøå]+)+)\s*\((?:direktør|daglig leder|dagleg leiar|kommunedirektør|rådmann)\)", line.text)
        if m:
            return m.group(1)
    return None
