"""Units a document's headings open: the figures of a unit's chapter are the unit's, not the organisation's.

A heading ("Oppvekst", "3.2 Helse og omsorg", "Teknisk drift (TD)") opens a unit's chapter when the heading
names a unit the document already knows by the other rules (`units.find_units`: chapter headers, the list
of areas, numbered sub-sections), or when the same name labels rows of a per-unit table in the document
(a table two or more of whose row labels are headings of the document and none of them an account line or
a metric's name). Any other heading ("Sykefravær", "Økonomi i 2020", "Innledning") opens nothing. The
chapter runs to the next heading of the same or a higher level. "Full name (ACR)" in a qualifying heading,
or anywhere in the text after a unit's name, makes the short form an alias of the unit.

Pure: the document's headings and table row labels in, units with their spans out. Nothing here names an
organisation, unit or document.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from flows.reports.units import normalise_unit_name

_NUMBERING = re.compile(r"^\s*(?:kapittel\s+)?(\d+(?:\.\d+)*)\.?\s+", re.I)
_ACRONYM = re.compile(r"\s*\(\s*([A-ZÆØÅ][A-ZÆØÅ0-9&]{1,6})\s*\)\s*$")
_NOT_A_NAME = re.compile(r"\d|[.!?;]\s*$|^\W*$")
_TOPIC_JOIN = re.compile(r"\s+[–—-]\s+|:\s+")


@dataclass(frozen=True)
class Heading:
    position: int  # order in the document (index of the heading among the document's lines or sentences)
    level: int  # 1 = top; format marks or numbering depth
    text: str


@dataclass(frozen=True)
class HeadingUnit:
    name: str  # as the heading writes it, numbering and short form removed
    start: int  # position of the heading
    end: int | None  # position of the next heading of the same or a higher level; None: the end of the document
    acronym: str | None = None


def heading_name(text: str) -> tuple[str, str | None]:
    """A heading's name without its numbering, and the short form it declares: "3.2 Teknisk drift (TD)" ->
    ("Teknisk drift", "TD")."""
    text = _NUMBERING.sub("", " ".join(text.split())).rstrip(":").strip()
    m = _ACRONYM.search(text)
    if m:
        return text[:m.start()].strip(), m.group(1)
    return text, None


def heading_level(text: str, marked: int) -> int:
    """The level the format marks, else the depth of the numbering ("3.2" -> 2), else 1."""
    if marked:
        return marked
    m = _NUMBERING.match(text)
    return m.group(1).count(".") + 1 if m else 1


def _named_part(name: str) -> str:
    """The name a heading gives before a dash or colon that joins a topic to it ("Oppvekst – Nøkkeltall",
    "Helse og omsorg: Sykefravær"), else the whole name."""
    return _TOPIC_JOIN.split(name, maxsplit=1)[0].strip()


def heading_units(headings: Sequence[Heading], known: Mapping[str, str], tables: Iterable[Sequence[str]],
                  excluded: callable = lambda label: False, declared: Iterable[str] = ()) -> list[HeadingUnit]:
    """The headings that open a unit's chapter, with their spans. `known`: normalised unit name -> name (the
    units the other rules found); `tables`: the row labels of each table of the document; `excluded(label)`:
    whether a label is an account line or a metric's name (never a unit); `declared`: the row labels of tables that
    declare their rows units (`unit_rows.declared_unit_row`: a "Tjenesteområde" column). A heading naming a unit
    before a topic ("Oppvekst – Nøkkeltall") opens that unit's chapter as well."""
    declared_keys = {normalise_unit_name(label) for label in declared if label and not excluded(label)}
    names = {}
    for h in headings:
        name = _named_part(heading_name(h.text)[0])
        if 2 < len(name) <= 60 and not _NOT_A_NAME.search(name) and name[0].isupper():
            names.setdefault(normalise_unit_name(name), name)
    per_unit: set[str] = set()
    for labels in tables:
        keys = {normalise_unit_name(label) for label in labels if label and not excluded(label)}
        hits = keys & set(names)
        if len(hits) >= 2:
            per_unit |= hits
    out = []
    for k, h in enumerate(headings):
        name, acronym = heading_name(h.text)
        name = _named_part(name)
        key = normalise_unit_name(name)
        if key not in names or not (key in known or key in per_unit or key in declared_keys):
            continue
        end = next((later.position for later in headings[k + 1:] if later.level <= h.level), None)
        out.append(HeadingUnit(known.get(key, name), h.position, end, acronym))
    return out


def declared_acronyms(texts: Iterable[str], names: Iterable[str]) -> dict[str, str]:
    """Short forms the text declares for the given names: "<name> (ACR)" -> {ACR: name}; a short form
    declared for two different names is no alias of either."""
    wanted = {n for n in names if n and len(n) > 2}
    if not wanted:
        return {}
    pattern = re.compile(r"(?<![\wæøåÆØÅ])(" + "|".join(re.escape(n) for n in sorted(wanted, key=len, reverse=True))
                         + r")\s*\(\s*([A-ZÆØÅ][A-ZÆØÅ0-9&]{1,6})\s*[,)]")
    found: dict[str, set[str]] = {}
    for text in texts:
        if "(" not in text:
            continue
        for m in pattern.finditer(text):
            found.setdefault(m.group(2), set()).add(m.group(1))
    return {acr: next(iter(ns)) for acr, ns in found.items() if len(ns) == 1 and acr.lower() != next(iter(ns)).lower()}
