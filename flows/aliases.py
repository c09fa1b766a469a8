"""The user alias file: names of organisations and units a user wants to join, and who handles which
ticket export. Nothing in code or seeds knows a particular organisation; everything specific lives here.

YAML at Settings.aliases (env KOMMUNEDATA_ALIASES, default data/aliases.yaml); a missing file means no
aliases. Sections (all optional):

    organisations:            # name as written in reports; type kommune|fylkeskommune|iks|selskap|
      - name: Eksempel kommune #   interkommunalt samarbeid|ukjent (inferred from the name when left out)
        type: kommune
        aliases: [Eksempel, EK]
    units:                    # a unit and the other names reports give it
      - name: Økonomi
        organisation: Eksempel kommune
        aliases: [Økonomienheten]
    ticket_providers:         # which unit or organisation handles a ticket export; '*' = any system
      - source_system: topdesk
        provider: Eksempel IKT
    misprints:                # printed figures checked against the page that do not add up
      - unit: Økonomi
        account_key: unit-sum-expenses
        value_year: 2019
        scenario_code: regnskap
        printed_amount_nok: 42048000
        expected_amount_nok: 50333000
        note: Linjene summerer til 50 333

Loading is pure: `load_aliases(path)` returns an AliasFile or raises AliasFileError naming the file,
the entry and the field; flows.warehouse writes the rows into the raw user tables.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ORGANISATION_TYPES = ("kommune", "fylkeskommune", "iks", "selskap", "interkommunalt samarbeid", "ukjent")


class AliasFileError(ValueError):
    """The alias file cannot be used; the message names the file, the entry and the field."""


@dataclass(frozen=True)
class OrganisationEntry:
    name: str
    type: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class UnitEntry:
    name: str
    organisation: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class TicketProvider:
    source_system: str  # '*' for any source system without its own entry
    provider: str  # a unit or organisation name as written in reports


@dataclass(frozen=True)
class Misprint:
    unit: str
    account_key: str
    value_year: int
    scenario_code: str
    printed_amount_nok: float
    expected_amount_nok: float | None = None
    note: str = ""


@dataclass(frozen=True)
class AliasFile:
    path: Path | None = None
    organisations: tuple[OrganisationEntry, ...] = ()
    units: tuple[UnitEntry, ...] = ()
    ticket_providers: tuple[TicketProvider, ...] = ()
    misprints: tuple[Misprint, ...] = field(default_factory=tuple)

    def organisation_alias_rows(self) -> list[tuple[str, str | None, str]]:
        """(organisation_name, organisation_type, alias); the name itself is one of the aliases."""
        return [(o.name, o.type, alias) for o in self.organisations for alias in (o.name, *o.aliases)]

    def unit_alias_rows(self) -> list[tuple[str, str | None, str]]:
        """(unit_name, organisation, alias); the name itself is one of the aliases."""
        return [(u.name, u.organisation, alias) for u in self.units for alias in (u.name, *u.aliases)]

    def ticket_provider_rows(self) -> list[tuple[str, str]]:
        return [(p.source_system, p.provider) for p in self.ticket_providers]

    def misprint_rows(self) -> list[tuple]:
        return [(m.unit, m.account_key, m.value_year, m.scenario_code, m.printed_amount_nok,
                 m.expected_amount_nok, m.note) for m in self.misprints]


_SLUG_FOLD = str.maketrans("æøåäöéü", "aoaaoeu")


def unit_key(name: str) -> str:
    """The key the warehouse gives a unit name (dbt_project/macros/unit_slug.sql, the same rule)."""
    return re.sub(r"[^a-z0-9]+", "-", name.strip().lower().translate(_SLUG_FOLD)).strip("-")


SECTIONS = ("organisations", "units", "ticket_providers", "misprints")


class _Entry:
    """One mapping of a section, with errors that say where it is."""

    def __init__(self, path: Path, section: str, index: int, data: object):
        self.where = f"{path}: {section}[{index + 1}]"
        if not isinstance(data, dict):
            raise AliasFileError(f"{self.where}: expected a mapping with named fields, got {data!r}")
        self.data = data

    def fail(self, name: str, expected: str) -> AliasFileError:
        return AliasFileError(f"{self.where}, field '{name}': expected {expected}, got {self.data.get(name)!r}")

    def check_fields(self, allowed: tuple[str, ...]) -> None:
        unknown = sorted(set(self.data) - set(allowed))
        if unknown:
            raise AliasFileError(f"{self.where}: unknown field(s) {', '.join(map(str, unknown))}; "
                                 f"expected {', '.join(allowed)}")

    def text(self, name: str, *, required: bool = True) -> str | None:
        value = self.data.get(name)
        if value is None and not required:
            return None
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(name, "a non-empty text")
        return value.strip()

    def texts(self, name: str) -> tuple[str, ...]:
        value = self.data.get(name)
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, (str, int)) and str(v).strip() for v in value):
            raise self.fail(name, "a list of non-empty names")
        return tuple(str(v).strip() for v in value)

    def number(self, name: str, *, required: bool = True, integer: bool = False) -> float | int | None:
        value = self.data.get(name)
        if value is None and not required:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)) or (integer and not isinstance(value, int)):
            raise self.fail(name, "a whole number" if integer else "a number")
        return value


def _organisation(e: _Entry) -> OrganisationEntry:
    e.check_fields(("name", "type", "aliases"))
    kind = e.text("type", required=False)
    if kind is not None:
        kind = kind.lower()
        if kind not in ORGANISATION_TYPES:
            raise e.fail("type", "one of " + ", ".join(ORGANISATION_TYPES))
    return OrganisationEntry(e.text("name"), kind, e.texts("aliases"))


def _unit(e: _Entry) -> UnitEntry:
    e.check_fields(("name", "organisation", "aliases"))
    return UnitEntry(e.text("name"), e.text("organisation", required=False), e.texts("aliases"))


def _provider(e: _Entry) -> TicketProvider:
    e.check_fields(("source_system", "provider"))
    return TicketProvider(e.text("source_system").lower(), e.text("provider"))


def _misprint(e: _Entry) -> Misprint:
    e.check_fields(("unit", "account_key", "value_year", "scenario_code", "printed_amount_nok",
                    "expected_amount_nok", "note"))
    return Misprint(e.text("unit"), e.text("account_key"), e.number("value_year", integer=True),
                    e.text("scenario_code"), float(e.number("printed_amount_nok")),
                    e.number("expected_amount_nok", required=False), e.text("note", required=False) or "")


_READERS = {"organisations": _organisation, "units": _unit, "ticket_providers": _provider, "misprints": _misprint}


def parse_aliases(text: str, path: Path) -> AliasFile:
    """The alias file's content, validated; raises AliasFileError naming file, entry and field."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}:" if mark is not None else ""
        raise AliasFileError(f"{path}:{where} not valid YAML ({getattr(exc, 'problem', exc)})") from exc
    if data is None:
        return AliasFile(path)
    if not isinstance(data, dict):
        raise AliasFileError(f"{path}: expected a mapping with the sections {', '.join(SECTIONS)}")
    unknown = sorted(str(k) for k in set(data) - set(SECTIONS))
    if unknown:
        raise AliasFileError(f"{path}: unknown section(s) {', '.join(unknown)}; expected {', '.join(SECTIONS)}")
    parsed: dict[str, tuple] = {}
    for section, read in _READERS.items():
        entries = data.get(section) or []
        if not isinstance(entries, list):
            raise AliasFileError(f"{path}: section '{section}' must be a list of entries")
        parsed[section] = tuple(read(_Entry(path, section, i, entry)) for i, entry in enumerate(entries))
    seen: dict[str, str] = {}
    for p in parsed["ticket_providers"]:
        if p.source_system in seen:
            raise AliasFileError(f"{path}: ticket_providers: source_system {p.source_system!r} is given twice "
                                 f"({seen[p.source_system]!r} and {p.provider!r})")
        seen[p.source_system] = p.provider
    return AliasFile(path, **parsed)


def load_aliases(path: Path | None) -> AliasFile:
    """The user alias file at `path`; a missing file (or None) means no aliases."""
    if path is None or not Path(path).is_file():
        return AliasFile(Path(path) if path is not None else None)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise AliasFileError(f"{path}: not UTF-8 text ({exc})") from exc
    return parse_aliases(text, Path(path))
