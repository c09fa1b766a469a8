"""Tables whose rows are organisations: a statistics table listing municipalities, counties and the country
("0216 Eksempelby | 9 874 | 5,4", "1201 Nordby", "Hele landet", "Vestfylket"), one row per body, its figures per
year, quarter or sex in the columns.

Such a row's figures are that organisation's, not the document's owner's: `organisation_rows` gives each row
the organisation it names, as written, its municipality code stripped. A table is read so only when

- the table says its rows are such bodies: its corner, caption, head or headings print a word for them
  ("Kommune", "Knr", "Fylke", "bostedskommune", "Region") or one of its rows is one by its own word ("Landet",
  "Hele landet", "… kommune", "… IKS");
- and most of its rows name one: a municipality code before a name ("0101 Nordby", "122 Sørby" where the
  leading zero was lost), or a name ending in an organisation word ("Nordby kommune", "Sørby herad").

In such a table a proper name standing alone ("Vestfylket", "Nord og Sørfylket") is a body as well (a county row
between the municipalities); a total ("I alt", "Sum"), a section ("Menn", "Kvinner", "Begge kjønn") and any label
with figures or lower-case words in it is none (it keeps the document's owner).
"""
from __future__ import annotations

import re

from flows.reports.layout.model import Table

# words a table's corner, caption or head uses for rows that are bodies (language data)
_ROWS_ARE_BODIES = re.compile(
    r"(?i)(?<![a-zæøåäö])(?:kommun\w*|bostedskommun\w*|arbeidsstedskommun\w*|knr|kommunenr\.?|kommunenummer|fylke\w*|"
    r"region|regionen|municipalit\w*|county|counties|kommunegruppe|kostra-?gruppe)(?![a-zæøåäö])")
# a row that is a body by its own word: "… kommune", "… herad", "… IKS", "Landet", "Hele landet"
_BODY_WORD = re.compile(
    r"(?i)(?:^|\s)(?:kommune|kommun|fylkeskommune|fylke|herad|iks|landet|hele landet|heile landet|"
    r"riket|hele riket|norge|noreg)$")
_COUNTRY = re.compile(r"(?i)^(?:hele |heile )?(?:landet|riket|norge|noreg)$")
_NAME_WORD = r"[A-ZÆØÅÄÖÜ][A-Za-zæøåäöüÆØÅÄÖÜéáèô'.-]*(?:\s*\([A-Za-zæøåäöÆØÅÄÖ. ]+\))?"
_CONNECTOR = r"(?:og|i|på|-|–|/)"
_PROPER = re.compile(rf"^{_NAME_WORD}(?:\s+(?:{_CONNECTOR}\s+)?{_NAME_WORD}){{0,3}}$")
_CODE_NAME = re.compile(r"^(?P<code>\d{3,4})\s+(?P<name>\S.*)$")
_NOT_BODIES = re.compile(
    r"(?i)^(?:i alt|alt|sum\w*|summa|total\w*|samla|samlet|gjennomsnitt\w*|snitt|median|alle|menn|kvinner|kvinnor|"
    r"män|begge kjønn|begge kjønna|men|women|both sexes|totalt|other|andre|øvrige|uoppgitt|ukjent)$")
_MIN_ROWS = 3
_SHARE = 0.6


def body_name(label: str, code: str | None) -> tuple[str | None, bool]:
    """(the organisation a row label names, whether it says so itself by a code or an organisation word), or
    (None, False) when it names none by itself. "0216 Nordby" -> ("Nordby", True); a label "Sørby" printed with
    the code "122" -> ("Sørby", True); "Sørby kommune" -> ("Sørby kommune", True)."""
    text = " ".join((label or "").split())
    m = _CODE_NAME.match(text)
    if m and _PROPER.match(m.group("name")):
        return m.group("name"), True
    if code and re.fullmatch(r"\d{3,4}", code.strip()) and _PROPER.match(text):
        return text, True
    if _BODY_WORD.search(text) and not re.search(r"\d", text) and len(text.split()) <= 5:
        return text, True
    return None, False


def organisation_rows(table: Table) -> dict[int, str]:
    """Row index -> the organisation the row names, for a table whose rows are organisations; {} for any other."""
    rows = table.rows
    if len(rows) < _MIN_ROWS:
        return {}
    named = [body_name(r.label, r.code) for r in rows]
    said = sum(1 for _, own in named if own)
    told = " ".join([table.corner or "", table.caption or "", *table.header_text, *table.headings,
                     *(c.label for c in table.columns)])
    says = bool(_ROWS_ARE_BODIES.search(told)) or any(_COUNTRY.match(" ".join(r.label.split())) for r in rows)
    if not says or said < max(_MIN_ROWS, _SHARE * len(rows)):
        return {}
    out: dict[int, str] = {}
    for i, (row, (name, _)) in enumerate(zip(rows, named)):
        label = " ".join(row.label.split())
        if name:
            out[i] = name
        elif label and not _NOT_BODIES.match(label) and _PROPER.match(label) and not row.code:
            out[i] = label  # a county or region row between the municipalities
    return out
