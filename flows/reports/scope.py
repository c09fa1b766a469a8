"""What a report covers: its whole organisation, or a named part of it (a service area, the chief executive's
staff areas, a sector, a committee's administration) or one unit or shared service the organisation runs. Read
from the document itself, never from a list of names:

1. a title page that opens one unit's chapter ("Årsrapport 2020 / <unit> / Leder: <name>") -> that unit;
2. a title whose rest, after the report kind and year, names a part ("Årsrapport 2020 – Kommunedirektørens
   områder", "Årsmelding 2019 for sektor helse", "Annual report 2020: Finance department") or a short line of the
   title page that does ("Tenesteområde oppvekst", "Organisation: Miljö- och byggnadsnämnden");
3. a sentence saying what the report covers ("Rapporten omfatter følgende områder: …", "This report covers the
   finance department") -> that part; "… omfatter hele kommunen", "covers the municipality as a whole" -> whole;
4. the file name ("sektor-helse-2020.pdf", "kommunedirektorens-omrader-2020.txt");
else the whole organisation the report is filed under.

Language data (bokmål, nynorsk, English, Swedish/Danish), no names. Pure functions over the reader's lines.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from flows.unit_kinds import FIELD_KINDS, PART_KINDS, ROW_KINDS, UNIT_NOUNS, fold, unit_kind_forms, unit_kind_heads

# Words that name a part of an organisation, as a word or the end of a compound ("Helsesektoren",
# "Socialförvaltningen", "Miljö- och byggnadsnämnden", "HR-avdelinga"). Folded (æ->ae, ø->o, å->a, ä->a, ö->o).
_PART_STEMS = (
    r"tjenesteomrad\w*|tenesteomrad\w*|virksomhetsomrad\w*|verksamhetsomrad\w*|ansvarsomrad\w*|rammeomrad\w*|"
    r"\w*omrad(?:e|et|er|ene|a)|"
    rf"\w*(?:{unit_kind_forms(PART_KINDS, folded=True)})|"
    r"department|departments|division|divisions|directorate|service area|service areas|sector|unit|units|"
    r"shared service\w*|vertskommunesamarbeid\w*|vertskommunesamarbeid"
)
_PART = re.compile(rf"(?<![\w])(?:{_PART_STEMS})(?![\w])")
# words that say the whole organisation ("hele kommunen", "heile organisasjonen", "the municipality as a whole")
_WHOLE = re.compile(
    r"(?<![\w])(?:hele|heile|hela|alle|samtlige|samtlege|all|whole|entire|samlede?|samla|samlet|"
    r"as a whole|i sin helhet|som helhet|totalt?)(?![\w])")
_KINDS = (r"arsrapport\w*|arsmelding\w*|arsberetning\w*|arsredovisning\w*|verksamhetsberattelse\w*|"
          r"budgetskrivelse\w*|tertialrapport\w*|delarsrapport\w*|annual report|rapport|report|budsjett|budget\w*|"
          r"okonomiplan|handlingsprogram\w*|kostradokument|arsregnskap\w*|arsrekneskap\w*")
_TITLE = re.compile(rf"(?<![\w])(?:{_KINDS})(?![\w])")
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)?\d\d)?(?!\d)")
_LEADER = re.compile(r"^(?:leder|leiar|enhetsleder|einingsleiar|avdelingsleder|avdelingsleiar|sektorleder|"
                     r"kommunalsjef|daglig leder|dagleg leiar|chef|enhetschef|forvaltningschef|head|manager|director)"
                     r"\s*:", re.I)
_FIELD_LABEL = rf"organisation|organisasjon|{unit_kind_heads(FIELD_KINDS)}|unit|department|division|service area"
_FIELD = re.compile(rf"^\s*({_FIELD_LABEL})\s*:\s*(.+)$", re.I)
_COVERS = re.compile(
    r"(?<![\w])(?:(?:denne\s+|this\s+|the\s+|denna\s+|dette\s+)?(?:rapport\w*|report|arsrapport\w*|arsmelding\w*|"
    r"arsberetning\w*|verksamhetsberattelse\w*|arsredovisning\w*|dokument\w*|melding\w*))\s+"
    r"(?:omfatter|omfattar|dekker|dekkjer|gjelder|gjeld|covers|cover|concerns|is about|avser|omfattar|galler|"
    r"handler om|handlar om|beskriver|describes|tar for seg)(?![\w])\s*(.*)")
_SEPARATOR = re.compile(r"\s[–—-]\s|:\s|\s\|\s")


@dataclass(frozen=True)
class ReportScope:
    kind: str  # "whole" | "part" | "unit"
    name: str | None  # the part or unit as the document writes it; None for the whole organisation
    source: str  # "title page" | "title" | "covers sentence" | "file name" | "none"
    text: str | None = None  # the line (or file name) it was read from
    page: int | None = None
    line: int | None = None


# A kind word alone in its definite plural ("Tjenesteområdene", "Sektorane", "Enhetene", "the departments") names every
# part of the organisation at once: the heading of the organisation's own chapter about its parts ("Resultater for
# tjenesteområdene", "Hovedtall – Rammeområdene"), never one part. A name in the compound ("Omsorgsområdene"), a word
# that qualifies it ("de tekniske enhetene") or a name after it ("tjenesteområdene helse og omsorg") says which.
_PLURAL_ENDS = ("ene", "ane", "arna", "erna", "ne", "na")
_ALL_PARTS = re.compile(r"(?:(?:tjeneste|teneste|virksomhets|verksamhets|ansvars|ramme|kommunal)?omrad(?:ene|a|ena)|"
                        + "|".join(sorted({f"{fold(h)}{e}" for h in (*ROW_KINDS, *PART_KINDS) for e in UNIT_NOUNS[h]
                                           if e in _PLURAL_ENDS}, key=len, reverse=True))
                        + r"|departments|divisions|service areas|sectors|units)")
_ALL_BEFORE = re.compile(r"(?:^|[–—\-:|,.()]|(?<![\w])(?:for|i|fra|til|av|om|pa|over|of|in|from|on|across|the|all|"
                         r"alle|samtlige|samtlege|de|dei|vare|our|hele|heile|hela|samtliga|inom|per|pr\.?))\s*$")
_ALL_AFTER = re.compile(r"^(?:\s+(?:i|in|for|pa|samlet|samla|totalt|(?:19|20)\d\d))*\s*(?:$|[–—\-:|,.()])")


def _all_parts(folded: str, m: re.Match) -> bool:
    """The part word `m` of `folded` text is a bare kind word in the definite plural, not qualified: every part."""
    return (bool(_ALL_PARTS.fullmatch(m.group())) and bool(_ALL_BEFORE.search(folded[:m.start()]))
            and bool(_ALL_AFTER.match(folded[m.end():])))


def names_part(text: str) -> bool:
    """The text names a part of an organisation ("Tenesteområde oppvekst", "HR-avdelinga", "Socialförvaltningen"),
    not every part at once ("Resultater for tjenesteområdene")."""
    folded = fold(text)
    return any(not _all_parts(folded, m) for m in _PART.finditer(folded))


# the column heads of a table ("Tjenesteområde | Regnskap 2015 | Regulert budsjett 2015 | Avvik"): a header line
# that names the kind of its rows is no title
_COLUMN_WORD = re.compile(r"(?<![\w])(?:regnskap|rekneskap|budsjett|budget|avvik|avvikelse|utfall|prognose|forbruk|"
                          r"actual|variance|vedtatt|vedteke|regulert|revidert|opprinnelig|oppr|rev|endring|andel)(?![\w])")


def _table_line(text: str) -> bool:
    folded = fold(text)
    heads = len(_COLUMN_WORD.findall(folded))
    cells = "\t" in text or text.count("|") >= 2 or text.count(";") >= 2
    return heads >= 3 or (heads >= 2 and (cells or len(_YEAR.findall(text)) >= 2))


def says_whole(text: str) -> bool:
    return bool(_WHOLE.search(fold(text)))


def _same(a: str | None, b: str | None) -> bool:
    fa, fb = (" ".join(re.findall(r"\w+", fold(x or ""))) for x in (a, b))
    return bool(fa) and bool(fb) and (fa == fb or fa.startswith(fb + " ") or fb.startswith(fa + " "))


def _org_words(organisation: str | None) -> set[str]:
    return {w for w in re.findall(r"\w+", fold(organisation or "")) if len(w) >= 3} - {
        "kommune", "kommun", "herad", "fylkeskommune", "iks"}


def _blank(text: str, pattern: re.Pattern) -> str:
    """`text` with what `pattern` finds in its folded form blanked out (folding keeps every offset)."""
    out = list(text)
    for m in pattern.finditer(fold(text)):
        out[m.start():m.end()] = " " * (m.end() - m.start())
    return "".join(out)


# a report kind that is the object of a comparison ("Rammeområder 2031 – med avvik i forhold til budsjett", "avvik mot
# budsjett", "compared to budget"): a table's caption about the figures, not the report's title
_KIND_AS_OBJECT = re.compile(r"(?<![\w])(?:til|mot|med|mellom|enn|against|to|than|between|versus|vs\.?)\s*$")


def _titled(text: str) -> bool:
    """The line names a report kind as what it is ("Årsrapport 2031 – …", "Budsjett og regnskap 2031 for …")."""
    folded = fold(text)
    return any(not _KIND_AS_OBJECT.search(folded[:m.start()]) for m in _TITLE.finditer(folded))


def _rest_of_title(text: str, organisation: str | None) -> str | None:
    """What a title line says after (or before) its report kind and year, without the organisation's name:
    "Årsrapport 2020 – Kommunedirektørens områder" -> "Kommunedirektørens områder"."""
    if not _titled(text) or len(text) > 160 or len(text.split()) > 12 or text.rstrip().endswith("."):
        return None
    rest = _blank(text, _YEAR)
    rest = _blank(rest, re.compile(rf"(?<![\w])(?:{_KINDS}|for|for|fra|fra|from|of|til|i|in)(?![\w])"))
    if organisation:
        rest = re.sub(re.escape(organisation), " ", rest, flags=re.I)
        for w in sorted(_org_words(organisation), key=len, reverse=True):
            rest = _blank(rest, re.compile(rf"(?<![\w]){re.escape(w)}\w*(?![\w])"))
    rest = re.sub(r"^[\s\-–—:|,.()]+|[\s\-–—:|,.()]+$", "", " ".join(rest.split()))
    rest = re.sub(r"(?i)^(?:og|and|och)\s+", "", rest)  # "Budsjett og økonomiplan 2031 for sektor helse"
    return rest or None


def _short_part(text: str, organisation: str | None) -> bool:
    return (len(text) <= 60 and len(text.split()) <= 6 and names_part(text) and not says_whole(text)
            and not re.match(r"^\s*(?:\d+(?:\.\d+)*|[ivx]+\.)\s", text, re.I) and text.lstrip("#* ")[:1].isupper()
            and not _same(text, organisation) and not text.rstrip().endswith(":") and not _TITLE.search(fold(text))
            and not _table_line(text))


def _clean_name(text: str) -> str:
    return re.sub(r"^[\s\-–—:|,.•·#*]+|[\s\-–—:|,.]+$", "", " ".join(text.split()))


def read_scope(lines, organisation: str | None, file_name: str = "", declared: list[str] = ()) -> ReportScope:
    """What the report covers. `lines`: the reader's lines (objects with .text, .page, .number) in order;
    `declared`: titles the file's metadata gives (read first)."""
    head = [(t, None, None) for t in declared if t] + [
        (ln.text, ln.page, ln.number) for ln in lines[:80] if ln.text.strip()][:20]
    top = head[:12]
    # 1. a title page that opens one unit's chapter: title, the unit's name, its leader
    for i, (text, page, number) in enumerate(top):
        if _titled(text) and len(text) < 120 and not _table_line(text):
            after = top[i + 1:i + 4]
            for j, (name, p2, n2) in enumerate(after[:-1]):
                if _LEADER.match(after[j + 1][0]) and len(name) < 80 and not _TITLE.search(fold(name)):
                    if _same(name, organisation):
                        return ReportScope("whole", None, "title page", name, p2, n2)
                    return ReportScope("unit", _clean_name(name), "title page", f"{text} / {name} / {after[j + 1][0]}",
                                       p2, n2)
    # 2. a title, or a short title-page line, that names a part
    for text, page, number in top:
        if _table_line(text):
            continue
        m = _FIELD.match(text)
        if m and not _same(m.group(2), organisation) and len(m.group(2)) < 80:
            value = _clean_name(m.group(2))
            if m.group(1).lower() not in ("organisation", "organisasjon") or names_part(value):
                return ReportScope("part" if names_part(value) else "unit", value, "title", text, page, number)
        for field_ in re.finditer(rf"(?i)(?:{_FIELD_LABEL})"
                                  r"\s*:\s*([A-ZÆØÅÄÖ][\w\-æøåäöÆØÅÄÖ ]{2,60}?)(?=\s+[A-ZÆØÅÄÖ]\w*\s*:|\s*$)", text):
            value = _clean_name(field_.group(1))
            if names_part(value) and not _same(value, organisation):
                return ReportScope("part", value, "title", text, page, number)
        rest = _rest_of_title(text, organisation)
        if rest and names_part(rest) and not says_whole(rest):
            return ReportScope("part", rest, "title", text, page, number)
    # a short line of its own next to the title line ("Årsrapport 2020" / "Tenesteområde oppvekst"); several
    # such lines are a table of contents, not a title page
    short = [k for k, (text, _, _) in enumerate(top) if _short_part(text, organisation)]
    titled = [k for k, (text, _, _) in enumerate(top) if _titled(text) and _YEAR.search(text)
              and len(text) < 120 and not _table_line(text)]
    if len(short) == 1 and any(abs(short[0] - k) == 1 for k in titled):
        text, page, number = top[short[0]]
        return ReportScope("part", _clean_name(text), "title", text, page, number)
    # 3. a sentence saying what the report covers
    for k, (text, page, number) in enumerate(head):
        m = _COVERS.search(fold(text))
        if not m:
            continue
        said = text[len(text) - len(m.group(1)):] if m.group(1) else ""
        if says_whole(said) and not names_part(re.sub(r"(?i)\b(?:hele|heile|hela|alle|all|whole|entire)\b.*", "", said)):
            return ReportScope("whole", None, "covers sentence", text, page, number)
        if names_part(said) or (not said.strip(" :") and k + 1 < len(head)):
            listed = [re.sub(r"^[•·▪■\-o◦–]\s+", "", t).strip() for t, _, _ in head[k + 1:k + 12]
                      if re.match(r"^[•·▪■\-]\s+", t)]
            name = _clean_name(said.rstrip(":")) if said.strip(" :") else ""
            if listed and (not name or re.search(r"(?i)følgende|følgjande|disse|desse|these|the following|följande",
                                                 name)):
                name = ", ".join(listed[:6])
            if name:
                return ReportScope("part", name, "covers sentence", text, page, number)
    # 4. the file name
    if file_name:
        stem_ = re.sub(r"\.[A-Za-z0-9]+$", "", file_name)
        spelled = " ".join(w for w in re.split(r"[_\-\s.]+", stem_) if w and not re.search(r"\d", w))
        rest = _rest_of_title(f"rapport {spelled}", organisation) if spelled else None
        if rest and names_part(rest) and not says_whole(rest):
            return ReportScope("part", rest, "file name", file_name, None, None)
    return ReportScope("whole", None, "none")
