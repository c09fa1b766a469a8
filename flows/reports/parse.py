"""Read facts out of a municipal annual report: units, metrics, accounts, observations.

The input is the page/line stream from `extract_pages`. PDF text layers flatten tables,
so most tables arrive as lines like "Lønn og sosiale utgifter 16 194 17 122 928 15 945";
lines from real cell structure (DOCX, ruled PDF tables, Markdown) arrive with cells
joined by " | " and need no splitting.

Design choices worth knowing:
- A document is read as one stream of lines; pages only feed provenance. Unit
  chapters ("Årsrapport 2020 / VR innkjøp / Leder: Ketil Aas") give every line its unit.
- Detectors recognise one kind of table each (accounts, key figures by municipality or
  year, cases per quarter, sick leave by gender, staffing, KOSTRA, SLA targets,
  disposisjonsfond) and claim their lines; prose rules read the remaining sentences.
- Prose rules are narrow on purpose: a number is taken only in a phrase that says
  what it is ("81,3 årsverk", "sykefravær ... 2,7 %", "mindreforbruk på 0,75 mill").
  Qualitative sentences about sick leave or staffing become Observations, never values.
- Share rows inside a unit's accounts table ("Stjørdals andel (art 1621)") stay in
  statement "unit"; a table whose rows are the owner municipalities themselves is
  statement "cost_share".
- Undeclared table scale: a prose amount in the same chapter equal to a table value
  times 1000 (exactly, or rounded for "1,4 mill") proves 1000 NOK; otherwise another
  undeclared table of the same document that was proven; otherwise small whole numbers
  are assumed to be 1000 NOK with a warning.
"""
from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from flows.reports.extract import CELL_SEPARATOR, Page, detect_file_type, extract_pages
from flows.reports.model import (
    AccountAmount,
    MetricFact,
    Observation,
    ParsedReport,
    Provenance,
    UnitInfo,
)
from flows.reports.numbers import (
    Amount,
    avvik_identity,
    candidate_splits,
    parse_amount,
    parse_number,
    parse_percent,
    scale_from_declaration,
    split_label_and_values,
    sum_identity,
)

YEAR = r"(?:19[89]\d|20[0-4]\d)"


# --- the line stream --------------------------------------------------------------------


@dataclass(frozen=True)
class Line:
    index: int  # position in the document stream
    page: int
    number: int  # 1-based within the page
    raw: str

    @property
    def text(self) -> str:
        return " ".join(self.raw.split())

    @property
    def cells(self) -> list[str] | None:
        if CELL_SEPARATOR.strip() in self.raw and CELL_SEPARATOR in self.raw:
            return [c.strip() for c in self.raw.split(CELL_SEPARATOR.strip())]
        return None


def flatten(pages: list[Page]) -> list[Line]:
    lines: list[Line] = []
    for page in pages:
        for number, raw in enumerate(page.lines, start=1):
            lines.append(Line(index=len(lines), page=page.number, number=number, raw=raw.replace("\t", " | ")))
    return lines


@dataclass
class Context:
    """What the parser knows about the document while reading it."""

    document_id: str
    file_name: str
    report_year: int
    lines: list[Line]
    chapters: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, unit)
    sections: list[tuple[int, int, str]] = field(default_factory=list)  # sub-unit spans
    consumed: set[int] = field(default_factory=set)
    facts: list[MetricFact] = field(default_factory=list)
    accounts: list[AccountAmount] = field(default_factory=list)
    observations: list[Observation] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    unit_aliases: dict[str, str] = field(default_factory=dict)  # normalised -> canonical
    proven_scale: tuple[float, str] | None = None
    last_sick_leave_line: int | None = None  # lets "Tilsvarende tall for 2020 ..." continue the topic

    def provenance(self, line: Line, excerpt: str | None = None) -> Provenance:
        text = excerpt if excerpt is not None else line.text
        return Provenance(self.document_id, self.file_name, line.page, line.number, text[:300])

    def unit_at(self, index: int) -> str | None:
        for start, end, name in self.sections:
            if start <= index < end:
                return name
        for start, end, name in self.chapters:
            if start <= index < end:
                return name
        return None

    def chapter_at(self, index: int) -> tuple[int, int, str | None]:
        for start, end, name in self.chapters:
            if start <= index < end:
                return start, end, name
        first = self.chapters[0][0] if self.chapters else len(self.lines)
        return 0, first, None

    def where(self, line: Line) -> str:
        return f"page {line.page} line {line.number}"

    def add_fact(self, metric: str, value: float, line: Line, *, year: int | None = None, unit: str | None | bool = True,
                 subject: str | None = None, quarter: int | None = None, kind: str = "table",
                 qualifier: str | None = None, excerpt: str | None = None) -> None:
        unit_name = self.unit_at(line.index) if unit is True else (unit or None)
        fact = MetricFact(
            metric=metric,
            value=round(float(value), 6),
            value_year=year or self.report_year,
            report_year=self.report_year,
            unit_name=unit_name,
            subject=subject,
            quarter=quarter,
            source_kind=kind,
            provenance=self.provenance(line, excerpt),
            qualifier=qualifier,
        )
        key = _fact_key(fact)
        if any(_fact_key(f) == key for f in self.facts):
            return  # the same figure stated twice (table and prose) is one fact
        self.facts.append(fact)


def _fact_key(f: MetricFact) -> tuple:
    return (f.metric, f.unit_name, (f.subject or "").lower(), f.value_year, f.quarter, f.qualifier, round(f.value, 4))


# --- public entry points ----------------------------------------------------------------


def parse_document(path: str | Path) -> ParsedReport:
    """Read and parse one report file; raises DocumentError when it cannot be read."""
    path = Path(path)
    data = path.read_bytes() if path.exists() else b""
    pages = extract_pages(path)
    file_type, note = detect_file_type(path, data)
    report = parse_report(
        pages, document_id=hashlib.sha256(data).hexdigest(), file_name=path.name, file_type=file_type
    )
    if note:
        report.warnings.insert(0, note)
    return report


def parse_report(pages: list[Page], *, document_id: str, file_name: str, file_type: str) -> ParsedReport:
    lines = flatten(pages)
    organisation, organisation_type = find_organisation(lines)
    report_year = find_report_year(lines, file_name)
    ctx = Context(document_id=document_id, file_name=file_name, report_year=report_year or 0, lines=lines)
    if report_year is None:
        ctx.warnings.append("report year not found; value years default to 0")
    units = find_units(ctx, organisation)
    title = find_title(lines)

    for detector in (
        parse_sick_leave_table,
        parse_staffing_table,
        parse_cases_table,
        parse_sla_targets,
        parse_kostra_table,
        parse_fund_table,
        parse_accounts_tables,
        parse_key_figures_by_subject,
        parse_key_figures_by_year,
    ):
        detector(ctx)
    parse_prose(ctx)
    warn_unread_number_rows(ctx)

    return ParsedReport(
        document_id=document_id,
        file_name=file_name,
        file_type=file_type,
        organisation=organisation,
        organisation_type=organisation_type,
        report_year=report_year,
        title=title,
        page_count=len(pages),
        units=units,
        facts=ctx.facts,
        accounts=ctx.accounts,
        observations=ctx.observations,
        warnings=ctx.warnings,
    )


# --- document identity ------------------------------------------------------------------

_CHAPTER_HEADER = re.compile(rf"^(?:Årsrapport|Årsmelding|Årsberetning|Årsmelding og årsregnskap)\s+({YEAR})$", re.I)
_LEADER = re.compile(r"^(?:Leder|Leiar|Enhetsleder|Einingsleiar|Daglig leder|Dagleg leiar)\s*:\s*(.+)$", re.I)


def find_report_year(lines: list[Line], file_name: str = "") -> int | None:
    """The year the report is about: the title line, else the year most often written."""
    for line in lines:
        m = _CHAPTER_HEADER.match(line.text) or re.match(
            rf"^(?:Årsrapport|Årsmelding|Årsberetning)\b.*?\b({YEAR})\b", line.text, re.I
        )
        if m:
            return int(m.group(1))
    m = re.search(rf"({YEAR})", file_name)
    counts = Counter(int(y) for line in lines for y in re.findall(rf"(?<![\d.,]){YEAR}(?![\d.,]\d)", line.text))
    if counts:
        top = max(counts.values())
        return max(y for y, c in counts.items() if c == top)
    return int(m.group(1)) if m else None


def find_title(lines: list[Line]) -> str | None:
    for line in lines[:400]:
        if re.match(rf"^(?:Årsrapport|Årsmelding|Årsberetning)\b.*{YEAR}", line.text, re.I) and len(line.text) < 80:
            return line.text
    return None


_ORG_PATTERNS = [
    (re.compile(r"\b([A-ZÆØÅ][\wæøåÆØÅ-]+(?: [A-ZÆØÅ][\wæøåÆØÅ-]+)?) (?:kommune|kommunes)\b"), "kommune"),
    (re.compile(r"\b([A-ZÆØÅ][\wæøåÆØÅ-]+ (?:IKT|IKS|IT|Digital|Interkommunale? [\wæøå]+))\b"), None),
]


def find_organisation(lines: list[Line]) -> tuple[str | None, str | None]:
    """The organisation most often named in the text, and its kind."""
    counts: Counter[tuple[str, str | None]] = Counter()
    for line in lines:
        for pattern, kind in _ORG_PATTERNS:
            for m in pattern.finditer(line.text):
                name = m.group(1)
                if name.split()[0].lower() in {"i", "og", "for", "den", "hele", "alle", "vår", "til", "av"}:
                    continue
                counts[(f"{name} kommune" if kind == "kommune" else name, kind)] += 1
    if not counts:
        return None, None
    (name, kind), _ = counts.most_common(1)[0]
    if kind == "kommune":
        return name, "kommune"
    text = " ".join(line.text for line in lines).lower()
    if re.search(r"\b(iks|as|kf)\b", name.lower()):
        return name, "selskap"
    if re.search(r"paragraf 27|§ ?27|eierkommune|interkommunal|samarbeid", text):
        return name, "interkommunalt samarbeid"
    return name, "selskap"


# --- units ------------------------------------------------------------------------------


def normalise_unit_name(name: str) -> str:
    """Key that makes "VR Lønn/regnskap" and "VR regnskap og lønn" the same unit."""
    text = name.lower().replace("/", " ").replace("&", " ")
    text = re.sub(r"\bog\b|\bsine områder\b|\bsitt område\b", " ", text)
    tokens = []
    for token in re.findall(r"[\wæøå-]+", text):
        token = re.sub(r"(enheten|eininga|enhet)$", "", token).strip("-")
        if token.endswith("øren") or token.endswith("ektøren"):
            token = token[:-2]  # "Kommunedirektøren" -> "kommunedirektør"
        if token:
            tokens.append(token)
    return " ".join(sorted(tokens))


def find_units(ctx: Context, organisation: str | None) -> list[UnitInfo]:
    """Units from chapter headers, the list of areas, and numbered sub-sections."""
    lines = ctx.lines
    units: list[UnitInfo] = []
    bullets: list[tuple[str, str, str | None, Line]] = []  # (name, level, parent, line)

    # the list of areas: "• Økonomienheten" with "o VR Innkjøp" below it
    for i, line in enumerate(lines):
        if re.search(r"omfatter følgende (områder|enheter)|omfattar følgjande", line.text, re.I):
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
        if not _CHAPTER_HEADER.match(line.text):
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


# --- shared table helpers ---------------------------------------------------------------


def is_blank(line: Line) -> bool:
    return not line.text or line.text in {"|", "-"}


def is_prose(text: str) -> bool:
    if CELL_SEPARATOR in text or text.startswith("| "):
        return False  # a row of a real table
    words = text.split()
    return len(words) >= 9 and not _value_tail(text)


def _value_tail(text: str) -> str:
    return split_label_and_values(text)[1]


def row_parts(line: Line) -> tuple[str, list[str] | None, str]:
    """(label, cell values or None, flattened value text)."""
    cells = line.cells
    if cells is not None:
        first_value = next((k for k, c in enumerate(cells) if _is_number_cell(c)), len(cells))
        if first_value == 0 and re.fullmatch(YEAR, cells[0]) and len(cells) > 2:
            first_value = 1  # "2019 | 18 693 | ..." is labelled by its year
        label = " ".join(c for c in cells[:first_value] if c)
        values = cells[first_value:]
        return label, values, " ".join(v for v in values if v)
    label, values = split_label_and_values(line.text)
    return label, None, values


def _is_number_cell(cell: str) -> bool:
    cell = cell.strip()
    if not cell:
        return False
    return (parse_percent(cell) if "%" in cell else parse_number(cell)) is not None


def _numbers_in_cells(cells: list[str]) -> list[float | None]:
    out = []
    for cell in cells:
        cell = cell.strip()
        if not cell:
            out.append(None)
            continue
        out.append(parse_percent(cell) if "%" in cell else parse_number(cell))
    return out


def split_values(line: Line, n_columns: int, *, identity=None, allow_note=False, allow_fewer=False,
                 values_text: str | None = None) -> tuple[list[float | None], list[str]] | None:
    """Column values of one row: from cells when the file had them, else by splitting."""
    label, cells, text = row_parts(line)
    if values_text is not None:
        text = values_text
    elif cells is not None:
        nums = _numbers_in_cells(cells)
        if len(nums) == n_columns + 1 and (allow_note or not cells[0].strip()):
            nums, cells = nums[1:], cells[1:]
        if len(nums) > n_columns:
            nums, cells = nums[:n_columns], cells[:n_columns]
        while len(nums) < n_columns:
            nums.append(None)
            cells.append("")
        return nums, cells
    cands = candidate_splits(text, n_columns, identity=identity, allow_note=allow_note, allow_fewer=allow_fewer)
    if not cands:
        return None
    if len(cands) > 1 and abs(cands[0].score - cands[1].score) < 1e-9:
        return None
    best = cands[0]
    values: list[float | None] = list(best.values) + [None] * (n_columns - len(best.values))
    raw = list(best.raw) + [""] * (n_columns - len(best.raw))
    return values, raw


def _next_nonblank(lines: list[Line], i: int, limit: int = 8) -> Line | None:
    for line in lines[i + 1 : i + 1 + limit]:
        if not is_blank(line):
            return line
    return None


SUBJECT_STOPWORDS = {"år", "gruppe", "gj.snitt", "gjennomsnitt", "netto", "kostra", "sum", "total", "totalt"}


# --- sick leave by gender ---------------------------------------------------------------


def parse_sick_leave_table(ctx: Context) -> None:
    """"Mulige dagsverk | Egenmeldte dager % | Sykemeldte dager % | Egenmeldt og sykemeldt %"
    with a row per gender; the period line says year and quarter."""
    lines = ctx.lines
    for i, line in enumerate(lines):
        if not re.search(r"\bmulige\b", line.text, re.I) or i in ctx.consumed:
            continue
        window = " ".join(l.text for l in lines[i : i + 25])
        if not re.search(r"dagsverk", window, re.I) or not re.search(r"egenmeld|eigenmeld", window, re.I):
            continue
        year, quarter = ctx.report_year, None
        for back in lines[max(0, i - 6) : i + 1]:
            m = re.search(rf"({YEAR})\s*,?\s*(\d)\.\s*kvartal", back.text, re.I)
            if m:
                year, quarter = int(m.group(1)), int(m.group(2))
                ctx.consumed.add(back.index)
        header_end = i
        for j in range(i, min(len(lines), i + 25)):
            label, _, values = row_parts(lines[j])
            if re.search(r"\d", values) and label and not re.search(r"dagsverk|dager|%$", label, re.I):
                break
            header_end = j
        header = " ".join(l.text for l in lines[i : header_end + 1]).lower()
        groups = _sick_leave_groups(header)
        for k in range(i, header_end + 1):
            ctx.consumed.add(k)
        for row in lines[header_end + 1 : header_end + 12]:
            if is_blank(row):
                continue
            label, cells, text = row_parts(row)
            if not label or not text:
                break
            n = 1 + 2 * len(groups)
            split = split_values(row, n)
            if split is None:
                ctx.warnings.append(f"sick leave row not understood at {ctx.where(row)}: {row.text}")
                continue
            values, _ = split
            subject = None if re.match(r"^(totalt|total|sum|samlet|i alt)$", label, re.I) else label
            ctx.consumed.add(row.index)
            if values[0] is not None:
                ctx.add_fact("possible_workdays", values[0], row, year=year, subject=subject, quarter=quarter)
            for g, metric_base in enumerate(groups):
                days, pct = values[1 + 2 * g], values[2 + 2 * g]
                if days is not None:
                    ctx.add_fact(f"{metric_base}_days", days, row, year=year, subject=subject, quarter=quarter)
                if pct is not None:
                    ctx.add_fact(f"{metric_base}_pct", pct, row, year=year, subject=subject, quarter=quarter)


def _sick_leave_groups(header: str) -> list[str]:
    """Metric base per (days, %) column pair, in header order."""
    header = re.sub(r"egenmeldt\s+og\s+sykemeldt|eigenmeldt\s+og\s+sjukemeldt|totalt|samlet", " TOTAL ", header)
    found = []
    for m in re.finditer(r"TOTAL|egenmeld|eigenmeld|sykemeld|sjukemeld|legemeld", header):
        word = m.group(0)
        base = (
            "sick_leave" if word == "TOTAL"
            else "sick_leave_self_certified" if word.startswith(("egen", "eigen"))
            else "sick_leave_doctor_certified"
        )
        if base not in found:
            found.append(base)
    return found or ["sick_leave"]


# --- staffing table (ansatte / lærlinger / årsverk by date) -------------------------------


def parse_staffing_table(ctx: Context) -> None:
    lines = ctx.lines
    for i, line in enumerate(lines):
        if i in ctx.consumed or not re.search(r"\bANTALL ANSATTE\b|\bANSATTE\b.*\bÅRSVERK\b", line.text, re.I):
            continue
        if is_prose(line.text):
            continue
        header_lines = [line]
        j = i + 1
        while j < len(lines) and not re.match(r"^\d{1,2}\.\d{1,2}\.\d{4}|^" + YEAR + r"\b", lines[j].text):
            if lines[j].text:
                header_lines.append(lines[j])
            j += 1
            if j - i > 8:
                break
        header = " ".join(l.text for l in header_lines).upper()
        columns = []
        for m in re.finditer(r"TILGJENGELIGE ÅRSVERK|UTFØRTE ÅRSVERK|AVTALTE ÅRSVERK|ÅRSVERK|LÆRLINGER|ANSATTE", header):
            word = m.group(0)
            metric = {
                "TILGJENGELIGE ÅRSVERK": "fte_available",
                "UTFØRTE ÅRSVERK": "fte_performed",
                "AVTALTE ÅRSVERK": "fte",
                "ÅRSVERK": "fte",
                "LÆRLINGER": "apprentices",
                "ANSATTE": "employees",
            }[word]
            columns.append(metric)
        if not columns:
            continue
        for l in header_lines:
            ctx.consumed.add(l.index)
        for row in lines[j : j + 10]:
            if is_blank(row):
                continue
            m = re.match(rf"^(?:(?:pr\.?\s*)?(\d{{1,2}})\.(\d{{1,2}})\.({YEAR})|({YEAR}))\s+(.*)$", row.text.replace("|", " "))
            if not m:
                break
            year = int(m.group(3) or m.group(4))
            qualifier = f"as of {int(m.group(1)):02d}.{int(m.group(2)):02d}" if m.group(1) else None
            rest = re.sub(r"\([^)]*\)", " ", m.group(5))  # "(39 + 1 midlert. engasjement)"
            values = [parse_number(tok) for tok in rest.split()]
            if len(values) != len(columns) or any(v is None for v in values):
                ctx.warnings.append(f"staffing row not understood at {ctx.where(row)}: {row.text}")
                continue
            ctx.consumed.add(row.index)
            for metric, value in zip(columns, values):
                ctx.add_fact(metric, value, row, year=year, qualifier=qualifier)


# --- cases per quarter ------------------------------------------------------------------


def parse_cases_table(ctx: Context) -> None:
    """"SAKSMENGDE PR KVARTAL Q1 Q2 Q3 Q4 SUM" with a row per year, an average row and
    change rows."""
    lines = ctx.lines
    for i, line in enumerate(lines):
        if i in ctx.consumed:
            continue
        cols = re.findall(r"\b(Q[1-4]|[1-4]\.\s*kv(?:artal)?\.?|SUM|Sum|Totalt|Total)\b", line.text)
        quarters = [c for c in cols if not c.lower().startswith(("sum", "total"))]
        if len(quarters) < 4 or not re.search(r"sak|henvend|kvartal", line.text, re.I):
            continue
        has_sum = len(cols) > len(quarters)
        metric_label = line.text
        n = len(quarters) + (1 if has_sum else 0)
        ctx.consumed.add(i)
        identity = sum_identity(list(range(len(quarters))), len(quarters)) if has_sum else None
        pending_label: list[Line] = []
        for row in lines[i + 1 : i + 40]:
            if is_blank(row):
                continue
            label, cells, text = row_parts(row)
            if row.text.startswith("*") or is_prose(row.text):
                break
            if not label and cells is None:
                year_row = re.match(rf"^({YEAR})\s+(.*)$", text)
                if year_row:
                    label, text = year_row.group(1), year_row.group(2)
            span = re.match(rf"^({YEAR}\s*-\s*(?:{YEAR}|\d\d))\s+(.*)$", text)
            if label and span:  # "GJENNOMSNITT 2015 - 2020 9 454 ..."
                label, text = f"{label} {span.group(1)}", span.group(2)
            if text and cells is None and not candidate_splits(text, n, allow_fewer=True):
                label, text = row.text, ""
            if not text or (not label and not re.match(YEAR, text)):
                if label and not text:
                    pending_label.append(row)
                    continue
            if pending_label:
                label = " ".join(l.text for l in pending_label) + (" " + label if label else "")
                for l in pending_label:
                    ctx.consumed.add(l.index)
                pending_label = []
            if not label:
                m = re.match(rf"^({YEAR})\s+(.*)$", text)
                if not m:
                    break
                label, text = m.group(1), m.group(2)
            split = split_values(row, n, identity=identity, values_text=text if cells is None else None)
            if split is None:
                ctx.warnings.append(f"cases row not understood at {ctx.where(row)}: {row.text}")
                continue
            values, _ = split
            ctx.consumed.add(row.index)
            _emit_cases_row(ctx, row, label, values, len(quarters))
        return


def _emit_cases_row(ctx: Context, row: Line, label: str, values: list[float | None], n_quarters: int) -> None:
    label_clean = " ".join(label.split())
    years = [int(y) for y in re.findall(YEAR, label_clean)]
    upper = label_clean.upper()
    if re.fullmatch(YEAR, label_clean):
        metric, year, qualifier = "cases", int(label_clean), None
    elif upper.startswith(("GJENNOMSNITT", "GJ.SNITT", "SNITT")):
        years_range = _year_range(label_clean)
        metric, year = "cases_average", years_range[1] if years_range else ctx.report_year
        qualifier = f"average {years_range[0]}-{years_range[1]}" if years_range else "average"
    elif upper.startswith("ENDRING"):
        metric = "cases_change_pct"
        year = years[0] if years else ctx.report_year
        rng = _year_range(label_clean[label_clean.upper().find("IFT") :] if "IFT" in upper else label_clean)
        if "SNITT" in upper and rng:
            qualifier = f"vs average {rng[0]}-{rng[1]}"
        elif len(years) >= 2:
            qualifier = f"vs {years[1]}"
        else:
            qualifier = "vs previous year"
    else:
        ctx.warnings.append(f"cases row label not understood at {ctx.where(row)}: {label_clean}")
        return
    for q, value in enumerate(values):
        if value is None:
            continue
        quarter = q + 1 if q < n_quarters else None
        ctx.add_fact(metric, value, row, year=year, quarter=quarter, qualifier=qualifier, unit=False)


def _year_range(text: str) -> tuple[int, int] | None:
    m = re.search(rf"({YEAR})\s*-\s*((?:19|20)?\d\d)\b", text)
    if not m:
        return None
    start, end = int(m.group(1)), m.group(2)
    end_year = int(end) if len(end) == 4 else int(str(start)[:2] + end)
    return start, end_year


# --- SLA targets vs results ---------------------------------------------------------------

_PCT = r"(\d{1,3}(?:[.,]\d+)?)\s*%"
_SLA_RULES: list[tuple[str, re.Pattern[str], tuple[str, ...]]] = [
    ("uptime_pct", re.compile(rf"Oppetid\w*\s+{_PCT}\s*\.?\s+{_PCT}", re.I), ("target", "result")),
    ("phone_answered_1min_pct",
     re.compile(rf"{_PCT}\s+(?:av\s+bruker-?\s*henvendelser\.?\s+)?besvart\s+innen\s+1\s+minutt\w*\s*\.?\s+{_PCT}", re.I),
     ("target", "result")),
    ("phone_answered_3min_pct", re.compile(rf"{_PCT}\s+(?:besvart\s+)?innen\s+3\s+minutter\.?\s+{_PCT}", re.I),
     ("target", "result")),
    ("equipment_delivery_over_21d_pct",
     re.compile(rf"{_PCT}\s+(?:av\s+leveranser\s+gikk\s+)?over\s+21\s+dager", re.I), ("result",)),
    ("new_users_over_3d_pct",
     re.compile(rf"{_PCT}\s+(?:av\s+bruker-?\s*opprettinger\s+tok\s+lenger\s+enn|over)\s+3\s+dager", re.I), ("result",)),
]


def parse_sla_targets(ctx: Context) -> None:
    """The "Måleparameter | Måltall | Resultat" block: targets and results per SLA."""
    lines = ctx.lines
    for i, line in enumerate(lines):
        if not re.search(r"Måleparameter|Måltall", line.text, re.I):
            continue
        year_m = re.search(rf"Resultat\s+({YEAR})", line.text)
        year = int(year_m.group(1)) if year_m else ctx.report_year
        block: list[Line] = []
        for other in lines[i + 1 : i + 120]:
            if re.match(r"^(Organisasjon|Økonomi|Personal|\d+(\.\d+)*\s+[A-ZÆØÅ])", other.text) and block:
                break
            block.append(other)
        text, offsets = _join_lines(block)
        text = text.replace(" | ", " ")
        for metric, pattern, roles in _SLA_RULES:
            m = pattern.search(text)
            if not m:
                continue
            source = _line_at(offsets, m.start())
            for role, group in zip(roles, m.groups()):
                value = parse_number(group, decimal_dot=True)
                if value is not None:
                    ctx.add_fact(metric, value, source, year=year, qualifier=role, kind="table",
                                 excerpt=" ".join(m.group(0).split()))
            for l in block:
                ctx.consumed.add(l.index)
        ctx.consumed.add(i)


def _join_lines(lines: list[Line]) -> tuple[str, list[tuple[int, Line]]]:
    parts, offsets, pos = [], [], 0
    for line in lines:
        text = line.text.replace(" | ", " ")
        if not text:
            continue
        offsets.append((pos, line))
        parts.append(text)
        pos += len(text) + 1
    return " ".join(parts), offsets


def _line_at(offsets: list[tuple[int, Line]], pos: int) -> Line:
    chosen = offsets[0][1]
    for start, line in offsets:
        if start <= pos:
            chosen = line
        else:
            break
    return chosen


# --- KOSTRA comparison --------------------------------------------------------------------


def parse_kostra_table(ctx: Context) -> None:
    """"KOSTRA / År Stjørdal Malvik Levanger Gruppe 13 Trøndelag / 2020 3 884 4 859 ..."."""
    lines = ctx.lines
    for i, line in enumerate(lines):
        if line.cells is not None and re.match(r"(?i)^år$", line.cells[0]) \
                and any(re.search(r"(?i)kostra|gruppe", c) for c in line.cells):
            _parse_kostra_cells(ctx, i)
            continue
        if line.text.upper() != "KOSTRA" and not re.match(r"^KOSTRA\b.{0,40}$", line.text):
            continue
        header: list[Line] = []
        rows: list[Line] = []
        for other in lines[i + 1 : i + 40]:
            if is_blank(other):
                continue
            if re.match(rf"^{YEAR}\s+[\d-]", other.text) and len(other.text.split()) > 3:
                rows.append(other)
                continue
            if rows:
                break
            header.append(other)
        if not rows:
            continue
        header_text = " ".join(l.text for l in header)
        subjects = _kostra_subjects(header_text)
        metric = "kostra_admin_net_expense_per_capita" if re.search(r"adm", header_text, re.I) else None
        if metric is None or not subjects:
            ctx.warnings.append(f"KOSTRA table not understood at {ctx.where(line)}")
            continue
        for l in [line, *header]:
            ctx.consumed.add(l.index)
        for row in rows:
            year = int(row.text.split()[0])
            split = split_values(row, len(subjects), values_text=row.text.split(None, 1)[1])
            if split is None:
                ctx.warnings.append(f"KOSTRA row ambiguous at {ctx.where(row)}: {row.text}")
                continue
            ctx.consumed.add(row.index)
            for subject, value in zip(subjects, split[0]):
                if value is not None:
                    ctx.add_fact(metric, value, row, year=year, subject=subject, unit=False)


def _parse_kostra_cells(ctx: Context, i: int) -> None:
    """The same comparison as a real table: "År | Stjørdal | ... | KOSTRA-gruppe 13 | Trøndelag"."""
    lines = ctx.lines
    header = lines[i]
    context_text = " ".join(l.text for l in lines[max(0, i - 4) : i + 1])
    if not re.search(r"(?i)adm", context_text):
        ctx.warnings.append(f"KOSTRA table without a known measure at {ctx.where(header)}")
        return
    subjects = [_kostra_subject(c) for c in header.cells[1:]]
    ctx.consumed.add(i)
    for row in lines[i + 1 : i + 20]:
        if is_blank(row):
            continue
        cells = row.cells
        if cells is None or not re.fullmatch(YEAR, cells[0]):
            break
        ctx.consumed.add(row.index)
        for subject, cell in zip(subjects, cells[1:]):
            value = parse_number(cell)
            if value is not None and cell.strip():
                ctx.add_fact("kostra_admin_net_expense_per_capita", value, row, year=int(cells[0]),
                             subject=subject, unit=False)


def _kostra_subject(cell: str) -> str:
    m = re.search(r"(?i)gruppe\s*(\d+)", cell)
    return f"KOSTRA-gruppe {m.group(1)}" if m else cell.strip()


def _kostra_subjects(header: str) -> list[str]:
    text = re.sub(rf"\b{YEAR}\b,?|\bog\b", " ", header)
    text = re.sub(r"Netto.*", " ", text, flags=re.S | re.I)
    subjects: list[str] = []
    group_pending = False
    for word in text.split():
        w = word.strip(",.")
        if w.lower() == "gruppe":
            subjects.append("KOSTRA-gruppe")
            group_pending = True
        elif w.isdigit() and group_pending:
            idx = subjects.index("KOSTRA-gruppe")
            subjects[idx] = f"KOSTRA-gruppe {w}"
            group_pending = False
        elif re.match(r"^[A-ZÆØÅ][a-zæøå-]+$", w) and w.lower() not in SUBJECT_STOPWORDS:
            subjects.append(w)
    return subjects


# --- disposisjonsfond -------------------------------------------------------------------


def parse_fund_table(ctx: Context) -> None:
    """"DISPOSISJONSFOND 2021 2020 2019 ..." with Saldo 01.01, movements and Saldo 31.12.

    A movement printed with fewer values than years is placed in the years where the
    fund identity (01.01 + movements = 31.12) needs it."""
    lines = ctx.lines
    for i, line in enumerate(lines):
        m = re.match(rf"^(DISPOSISJONSFOND|Disposisjonsfond)\b\D*((?:{YEAR}\s*){{2,}})$", line.text)
        if not m:
            continue
        years = [int(y) for y in re.findall(YEAR, m.group(2))]
        n = len(years)
        rows: list[tuple[Line, str, list[float | None], list[str]]] = []
        for row in lines[i + 1 : i + 20]:
            if is_blank(row):
                continue
            label, cells, text = row_parts(row)
            if not text or not label:
                break
            split = split_values(row, n, allow_fewer=True)
            if split is None:
                ctx.warnings.append(f"fund row not understood at {ctx.where(row)}: {row.text}")
                continue
            rows.append((row, label, *split))
        rows = _place_fund_movements(rows, n)
        ctx.consumed.add(i)
        scale, method = 1.0, "amounts printed in kr"
        for order, (row, label, values, raw) in enumerate(rows, start=1):
            ctx.consumed.add(row.index)
            for year, value, raw_value in zip(years, values, raw):
                if value is None:
                    continue
                ctx.accounts.append(AccountAmount(
                    statement="fund", table_title="Disposisjonsfond", row_label=label, row_code=None,
                    row_order=order, scenario="regnskap", value_year=year, report_year=ctx.report_year,
                    amount_nok=value * scale, raw_value=raw_value, scale=scale, scale_method=method,
                    unit_name=ctx.unit_at(row.index), provenance=ctx.provenance(row)))
                low = label.lower()
                if low.startswith("saldo"):
                    date = re.search(r"\d{1,2}\.\d{1,2}", label)
                    ctx.add_fact("fund_balance_nok", value, row, year=year, qualifier=date.group(0) if date else None)
                elif re.search(r"avsatt|avsetning|overført", low):
                    ctx.add_fact("fund_allocation_nok", value, row, year=year)


def _place_fund_movements(rows, n):
    full = {i for i, r in enumerate(rows) if sum(v is not None for v in r[2]) == n}
    opening = next((r for r in rows if re.search(r"01\.01|inngående", r[1], re.I)), None)
    closing = next((r for r in rows if re.search(r"31\.12|utgående", r[1], re.I)), None)
    placed = []
    for idx, (row, label, values, raw) in enumerate(rows):
        if idx in full or opening is None or closing is None:
            placed.append((row, label, values, raw))
            continue
        present = [(v, r) for v, r in zip(values, raw) if v is not None]
        gaps = []
        for col in range(n):
            movement = sum(rows[k][2][col] or 0 for k in full if rows[k] not in (opening, closing))
            gaps.append((closing[2][col] or 0) - (opening[2][col] or 0) - movement)
        new_values, new_raw = [None] * n, [""] * n
        used = set()
        for value, raw_value in present:
            col = next((c for c in range(n) if c not in used and abs(gaps[c] - value) <= 2), None)
            if col is None:
                break
            used.add(col)
            new_values[col], new_raw[col] = value, raw_value
        else:
            placed.append((row, label, new_values, new_raw))
            continue
        placed.append((row, label, values, raw))
    return placed


# --- key figures by municipality ------------------------------------------------------------

_KEY_FIGURE_METRICS: list[tuple[str, str]] = [
    (r"lønnsoppgåver|lønnsoppgaver|lønnsslipp", "payroll_slips"),
    (r"el-?\s*faktura|efaktura|ehf", "e_invoice_share_pct"),
    (r"inngående faktura|inngåande faktura", "invoices_incoming"),
    (r"utgående faktura|utgåande faktura", "invoices_outgoing"),
    (r"telefonhenvendelser|telefonførespurnader|telefoner", "phone_contacts"),
    (r"it-hjelpa|henvendelser på it|brukerstøtte|servicedesk|henvendelser", "it_helpdesk_contacts"),
    (r"aktive brukere", "active_users"),
    (r"lærlinger|lærlingar", "apprentices"),
    (r"utførte årsverk", "fte_performed"),
    (r"årsverk", "fte"),
    (r"ansatte|tilsette", "employees"),
    (r"sykefravær|sjukefråvær", "sick_leave_pct"),
    (r"saker", "cases"),
]


def metric_for_label(label: str) -> str | None:
    low = label.lower()
    for pattern, metric in _KEY_FIGURE_METRICS:
        if re.search(pattern, low):
            return metric
    return None


def _subject_header(line: Line) -> list[str] | None:
    cells = line.cells
    words = [c for c in cells if c] if cells is not None else line.text.split()
    if cells is not None and cells and not cells[0]:
        words = [c for c in cells[1:] if c]
    if len(words) < 2:
        return None
    if all(re.match(r"^[A-ZÆØÅ][a-zæøå-]+$", w) and w.lower() not in SUBJECT_STOPWORDS | {"nøkkeltall"} for w in words):
        return words
    return None


def parse_key_figures_by_subject(ctx: Context) -> None:
    """"Stjørdal Malvik Selbu Tydal Frosta" above rows "Lønnsoppgaver 2020 3 857 2 111 ...";
    labels may wrap ("Inngående El- faktura i / % av skannede faktura / 2020")."""
    lines = ctx.lines
    for i, line in enumerate(lines):
        if i in ctx.consumed:
            continue
        subjects = _subject_header(line)
        if not subjects:
            continue
        n = len(subjects)
        pending: list[Line] = []
        found = 0
        for row in lines[i + 1 : i + 60]:
            if is_blank(row) or row.index in ctx.consumed:
                continue
            if re.match(r"^\d+(\.\d+)*\s+[A-ZÆØÅ]", row.text) and not re.search(r"\d\s*%|\d{3}", row.text[3:]):
                break
            label, cells, text = row_parts(row)
            if is_prose(row.text):
                break
            if not text or (not label and re.fullmatch(YEAR, text) and pending):
                pending.append(row)
                continue
            label = " ".join([l.text for l in pending] + ([label] if label else []))
            year_m = re.search(rf"\b({YEAR})\s*$", label)
            year = None
            if year_m:
                year, label = int(year_m.group(1)), label[: year_m.start()].strip()
            elif cells is None and re.match(rf"^({YEAR})\s", text):
                year, text = int(text[:4]), text[5:]
            metric = metric_for_label(label)
            if metric is None:
                ctx.warnings.append(f"key figure row skipped (unknown measure) at {ctx.where(row)}: {label}")
                pending = []
                continue
            split = split_values(row, n, allow_fewer=True, values_text=text if cells is None else None)
            if split is None:
                ctx.warnings.append(f"key figure row ambiguous at {ctx.where(row)}: {row.text}")
                pending = []
                continue
            for l in pending + [row]:
                ctx.consumed.add(l.index)
            pending = []
            found += 1
            for subject, value in zip(subjects, split[0]):
                if value is not None:
                    ctx.add_fact(metric, value, row, year=year, subject=subject)
        if found:
            ctx.consumed.add(i)


def parse_key_figures_by_year(ctx: Context) -> None:
    """"Nøkkeltall 2017 2018 2019 2020" above "Antall henvendelser på IT-hjelpa 4 071 ..."."""
    lines = ctx.lines
    for i, line in enumerate(lines):
        if i in ctx.consumed:
            continue
        label, cells, text = row_parts(line)
        years_in = re.findall(YEAR, text)
        if not years_in or len(years_in) < 2 or " ".join(years_in) != " ".join(text.split()):
            continue
        if not label or not re.search(r"nøkkeltall|nøkkeltal|\btal\b|antall|\bår\b", label, re.I):
            continue
        years = [int(y) for y in years_in]
        n = len(years)
        found = 0
        for row in lines[i + 1 : i + 30]:
            if is_blank(row) or row.index in ctx.consumed:
                continue
            r_label, r_cells, r_text = row_parts(row)
            if not r_text or not r_label or is_prose(row.text):
                break
            metric = metric_for_label(r_label)
            if metric is None:
                ctx.warnings.append(f"key figure row skipped (unknown measure) at {ctx.where(row)}: {r_label}")
                continue
            split = split_values(row, n, allow_fewer=True)
            if split is None:
                ctx.warnings.append(f"key figure row ambiguous at {ctx.where(row)}: {row.text}")
                continue
            ctx.consumed.add(row.index)
            found += 1
            for year, value in zip(years, split[0]):
                if value is not None:
                    ctx.add_fact(metric, value, row, year=year)
        if found:
            ctx.consumed.add(i)


# --- accounts tables --------------------------------------------------------------------

_SCENARIO_WORDS = re.compile(
    r"\b(regnskap|rekneskap|budsjett|budsj\.?|budsj|avvik|note|per|reg\.?|regulert|revidert|justert|korrigert|"
    r"oppr\.?|opprinnelig|opphaveleg|vedtatt|forbruk|%|i|av)\b",
    re.I,
)


@dataclass(frozen=True)
class Column:
    scenario: str
    year: int | None


def _header_words(text: str) -> list[str]:
    text = re.sub(r"(?i)\b(reg|oppr)\.(?=\S)", r"\1. ", text)
    return re.findall(rf"{YEAR}|[\wæøåÆØÅ%]+\.?|%", text)


def is_column_header(text: str, continuation: bool = False) -> bool:
    """A line made only of column words and years, with at least one column word."""
    if not text or len(text) > (160 if "|" in text else 90):
        return False
    decl = scale_from_declaration(text)
    rest = text.replace(decl[1], " ") if decl else text
    rest = re.sub(r"(?i)\b(tall|beløp|alle|hele)\b|kroner|\(|\)|,", " ", rest)
    words = _header_words(rest)
    if not words:
        return bool(decl)
    has_scenario = False
    for w in words:
        if re.fullmatch(YEAR, w):
            continue
        if not _SCENARIO_WORDS.fullmatch(w.rstrip(".") if w != "%" else w) and not _SCENARIO_WORDS.fullmatch(w):
            return False
        if re.match(r"(?i)regnskap|rekneskap|budsj|avvik", w):
            has_scenario = True
    return has_scenario or bool(decl) or continuation


def parse_columns(header: str, report_year: int) -> tuple[list[Column], bool]:
    """Columns of an accounts table header, and whether a Note column precedes the values.

    Years may follow each column word ("Regnskap 2020 Budsjett 2020") or come together
    after all words ("Regnskap Per budsjett Avvik Regnskap / 2020 2020 2019"); a year
    goes to the first column still without one, skipping Avvik, which takes the year of
    the column before it."""
    decl = scale_from_declaration(header)
    if decl:
        # words before the declaration are the table's title ("Regnskap / Tall i 1 kroner")
        header = header[header.find(decl[1]) + len(decl[1]) :]
    words = _header_words(header)
    columns: list[list] = []  # [scenario, year]
    has_note = False
    modifier = None
    k = 0
    while k < len(words):
        w = words[k].lower().rstrip(".")
        nxt = words[k + 1].lower().rstrip(".") if k + 1 < len(words) else ""
        if w == "note":
            has_note = True
        elif w in {"reg", "regulert", "revidert", "justert", "korrigert"}:
            modifier = "revidert_budsjett"
        elif w in {"oppr", "opprinnelig", "opphaveleg", "vedtatt"}:
            modifier = "opprinnelig_budsjett"
        elif w in {"regnskap", "rekneskap"}:
            if nxt == "i" and "%" in words[k + 2 : k + 4]:
                columns.append(["pct_av_budsjett", None])
                k += 4
                continue
            columns.append(["regnskap", None])
        elif w in {"budsjett", "budsj"}:
            columns.append([modifier or "budsjett", None])
            modifier = None
        elif w == "avvik":
            columns.append(["avvik", None])
        elif w == "forbruk" or w == "%":
            if not columns or columns[-1][0] != "pct_av_budsjett":
                columns.append(["pct_av_budsjett", None])
        elif re.fullmatch(YEAR, w):
            target = next((c for c in columns if c[1] is None and c[0] not in ("avvik", "pct_av_budsjett")), None)
            if target is not None:
                target[1] = int(w)
        k += 1
    for idx, col in enumerate(columns):
        if col[1] is None:
            before = [c[1] for c in columns[:idx] if c[1]]
            col[1] = before[-1] if before else report_year
    return [Column(s, y) for s, y in columns], has_note


def _row_code(label: str) -> tuple[str | None, str]:
    m = re.match(r"^([A-Ea-e])(?:\s+(?=[A-ZÆØÅ=]|A-B)|\s*$)(.*)$", label)
    if not m:
        return None, label
    rest = m.group(2).strip().lstrip("=").strip()
    return m.group(1).upper(), rest or m.group(1).upper()


def _clean_label(label: str) -> str:
    label = re.sub(r"\s*\*+\s*$", "", label).strip()
    return " ".join(label.split())


_JOIN_WORDS = {"som", "av", "og", "til", "i", "for", "på", "med", "erstatter", "eller", "netto", "fra", "-"}


@dataclass
class _TableRow:
    line: Line
    label: str
    values_text: str
    cells: list[str] | None
    values: list[float | None] | None = None
    raw: list[str] | None = None
    note: str | None = None
    alternatives: list = field(default_factory=list)


def parse_accounts_tables(ctx: Context) -> None:
    """Every accounts table: find its header, rows and scale; emit AccountAmounts."""
    lines = ctx.lines
    i = 0
    while i < len(lines):
        line = lines[i]
        starts_table = i not in ctx.consumed and (
            (is_column_header(line.text) and re.search(r"(?i)regnskap|rekneskap|note|tall i|tal i|beløp i", line.text))
            or (line.cells is not None and _cells_header(line))
        )
        if not starts_table:
            i += 1
            continue
        header_lines = [line]
        j = i + 1
        while j < len(lines):
            nxt = lines[j]
            if is_blank(nxt):
                j += 1
                continue
            if is_column_header(nxt.text, continuation=True) or re.fullmatch(rf"(?:{YEAR}\s*)+", nxt.text):
                header_lines.append(nxt)
                j += 1
                continue
            break
        header_text = " ".join(_header_text(l) for l in header_lines)
        columns, has_note = parse_columns(header_text, ctx.report_year)
        if len(columns) < 2 or not any(c.scenario == "regnskap" for c in columns):
            i += 1
            continue
        rows, end = _collect_rows(ctx, j, len(columns), has_note)
        if not rows:
            i = j
            continue
        title, title_line = _table_title(ctx, i)
        statement = _statement_for(title, rows)
        declared = None
        for l in ([title_line] if title_line else []) + header_lines + lines[max(0, i - 3) : i]:
            declared = declared or scale_from_declaration(l.text)
        _resolve_rows(ctx, rows, columns, has_note)
        scale, method = _decide_scale(ctx, rows, declared, i)
        for l in header_lines:
            ctx.consumed.add(l.index)
        _emit_accounts(ctx, rows, columns, statement, title, scale, method)
        i = end


def _cells_header(line: Line) -> bool:
    cells = line.cells or []
    return any(re.search(r"(?i)regnskap|rekneskap", c) for c in cells) and all(
        not c or is_column_header(c) for c in cells[1:]
    )


def _header_text(line: Line) -> str:
    cells = line.cells
    if cells is None:
        return line.text
    return " ".join(c for c in cells if c)


def _collect_rows(ctx: Context, start: int, n: int, has_note: bool) -> tuple[list[_TableRow], int]:
    """Rows from `start` until prose, a heading or a footnote; label-only lines are
    joined to the next row when the label evidently continues there."""
    lines = ctx.lines
    rows: list[_TableRow] = []
    pending: list[str] = []
    pending_lines: list[Line] = []
    k = start
    while k < len(lines):
        line = lines[k]
        text = line.text
        if is_blank(line):
            k += 1
            continue
        if k in ctx.consumed or text.startswith("*") or is_prose(text) or re.match(r"^(§|Ä)\s*\d", text) \
                or re.match(r"^\d+(\.\d+)+\.?\s+[A-ZÆØÅ]", text) or (is_column_header(text) and re.search(r"(?i)regnskap|rekneskap", text)):
            break
        label, cells, values_text = row_parts(line)
        if cells is not None:
            values_text = " ".join(c for c in cells if c)
        if values_text and cells is None and not candidate_splits(values_text, n, allow_note=has_note, allow_fewer=True):
            values_text = ""
            label = text
        if not values_text:
            text = label or text  # cells: the label without empty value cells
            if re.match(r"^\d+(\.\d+)*\.?\s+[A-ZÆØÅ]", text) and len(text.split()) <= 6:
                break  # a numbered chapter heading ends the table
            if len(text.split()) > 8 or text.endswith(":") and not pending:
                if text.endswith(":"):
                    pending, pending_lines = [], []
                    k += 1
                    continue
                break
            nxt = _next_nonblank(lines, k)
            if nxt is not None and is_column_header(nxt.text) and re.search(r"(?i)regnskap|rekneskap", nxt.text):
                break  # this line is the title of the next table
            joins = nxt is not None and (
                (nxt.text[:1].islower())
                or text.split()[-1].lower() in _JOIN_WORDS
                or text.endswith("-")
                or not row_parts(nxt)[0]
            )
            if joins:
                pending.append(text)
                pending_lines.append(line)
            else:
                pending, pending_lines = [], []  # a section heading such as "Driftsinntekter"
            k += 1
            continue
        full_label = " ".join(pending + ([label] if label else []))
        for l in pending_lines:
            ctx.consumed.add(l.index)
        pending, pending_lines = [], []
        rows.append(_TableRow(line=line, label=full_label, values_text=values_text, cells=cells))
        k += 1
    return rows, k


def _table_title(ctx: Context, header_index: int) -> tuple[str | None, Line | None]:
    """The nearest short heading above the header; a statement heading ("§ 5-4 ...")
    a few lines up wins over a subtitle ("Regnskap til fordeling pr. enhet")."""
    lines = ctx.lines
    found: list[Line] = []
    for back in range(header_index - 1, max(-1, header_index - 14), -1):
        line = lines[back]
        if is_blank(line):
            continue
        text = line.text
        if re.match(r"^(§|Ä)\s*5-\d", text):
            subtitle = " ".join(l.text for l in reversed(found))
            return _repair_symbols(f"{text} {subtitle}".strip()), line
        if (back in ctx.consumed) or len(found) >= 2:
            break
        if text.lower() in {"regnskap", "rekneskap"}:
            continue
        titled = re.search(r"(?i)regnskap|rekneskap|investering|oversikt|drift|balanse|fordeling", text)
        if titled and len(text.split()) <= 16 and not text.endswith("."):
            found.append(line)
        elif is_prose(text):
            break
    if found:
        return _repair_symbols(found[0].text), found[0]
    return None, None


def _repair_symbols(text: str) -> str:
    """Undo a symbol-font mix-up seen in PDF exports: "Ä 5-4" for "§ 5-4", "ï" for "–"."""
    text = re.sub(r"^Ä(?=\s*5-\d)", "§", text)
    text = text.replace(" ï ", " – ").replace("Ïkonomisk", "Økonomisk")
    return text


def _statement_for(title: str | None, rows: list[_TableRow]) -> str:
    if title:
        m = re.search(r"5-(\d)", title)
        if m and title.lstrip().startswith(("§", "Ä")):
            return f"5-{m.group(1)}"
    labels = [r.label for r in rows]
    places = [l for l in labels if re.fullmatch(r"[A-ZÆØÅ][a-zæøå-]+", l) and l.lower() not in SUBJECT_STOPWORDS]
    if len(places) >= max(2, len(labels) * 0.6):
        return "cost_share"
    if title and re.search(r"(?i)investering", title):
        return "investment"
    return "unit"


def _avvik_check(columns: list[Column]) -> Callable[[list[float]], bool] | None:
    scen = [c.scenario for c in columns]
    if "avvik" not in scen or "regnskap" not in scen:
        return None
    a = scen.index("avvik")
    r = scen.index("regnskap")
    # avvik is reported against the latest budget: revised, else plain, else original
    b = next((scen.index(s) for s in ("revidert_budsjett", "budsjett", "opprinnelig_budsjett") if s in scen), None)
    if b is None:
        return None
    # a rounding difference of a few thousand happens in printed unit tables
    return avvik_identity(r, b, a, tolerance=20)


def _resolve_rows(ctx: Context, rows: list[_TableRow], columns: list[Column], has_note: bool) -> None:
    """Split every row; ties between readings are settled by the sum rows below them."""
    n = len(columns)
    identity = _avvik_check(columns)
    for row in rows:
        if row.cells is not None:
            nums = _numbers_in_cells(row.cells)
            raw = list(row.cells)
            if has_note and len(nums) == n + 1:
                row.note, nums, raw = raw[0] or None, nums[1:], raw[1:]
            row.values = (nums + [None] * n)[:n]
            row.raw = (raw + [""] * n)[:n]
            continue
        cands = candidate_splits(row.values_text, n, identity=identity, allow_note=has_note)
        if not cands:
            continue
        best = [c for c in cands if abs(c.score - cands[0].score) < 1e-9]
        row.alternatives = best if len(best) > 1 else []
        chosen = cands[0]
        row.values, row.raw, row.note = list(chosen.values), list(chosen.raw), chosen.note
    _settle_by_sums(ctx, rows, n, has_note, identity)


def _settle_by_sums(ctx: Context, rows: list[_TableRow], n: int, has_note: bool, identity) -> None:
    """A "Sum ..." row equals the rows since the previous sum; try the readings of
    ambiguous rows (and close runners-up) until that holds."""
    block: list[_TableRow] = []
    for row in rows:
        is_sum = re.match(r"(?i)^(sum|total)", row.label)
        if not is_sum:
            block.append(row)
            continue
        if row.values is None:
            block = []
            continue
        options = []
        for member in block:
            cands = candidate_splits(member.values_text, n, identity=identity, allow_note=has_note) if member.cells is None else []
            near = [c for c in cands if c.score <= cands[0].score + 1.5][:4] if cands else []
            options.append(near or [None])
        target = row.values
        solution = _search_sum(block, options, target, n)
        if solution is not None:
            for member, cand in zip(block, solution):
                if cand is not None:
                    member.values, member.raw, member.note = list(cand.values), list(cand.raw), cand.note
                    member.alternatives = []
        block = []
    for row in rows:
        if row.alternatives:
            ctx.warnings.append(
                f"row '{row.label}' at {ctx.where(row.line)} can be read in {len(row.alternatives)} ways; kept "
                f"{' | '.join(row.raw or [])}"
            )


def _search_sum(block, options, target, n, limit=4096):
    import itertools

    if not block:
        return None
    total = 1
    for o in options:
        total *= len(o)
    if total > limit or total == 1 and not any(m.alternatives for m in block):
        return None
    for combo in itertools.product(*options):
        ok = True
        for col in range(n):
            s = 0.0
            for member, cand in zip(block, combo):
                vals = cand.values if cand is not None else (member.values or [])
                s += vals[col] if col < len(vals) and vals[col] is not None else 0
            if target[col] is None or abs(s - target[col]) > 1.0:
                ok = False
                break
        if ok:
            return combo
    return None


def _decide_scale(ctx: Context, rows: list[_TableRow], declared, header_index: int) -> tuple[float, str]:
    if declared:
        return declared[0], f"declared: {declared[1]}"
    values = [abs(v) for r in rows for v in (r.values or []) if v]
    has_decimals = any("," in (raw or "") for r in rows for raw in (r.raw or []))
    start, end, _ = ctx.chapter_at(header_index)
    for amount, sentence in _prose_amounts(ctx, start, end):
        for v in values:
            if v >= 10 and abs(v * 1000 - amount.value_nok) < 0.5:
                proof = (1000.0, f"inferred: prose '{sentence}' equals table value {v:g} x 1000")
                ctx.proven_scale = ctx.proven_scale or proof
                return proof
            if amount.scale >= 1e6 and v >= 100:
                decimals = len(re.sub(r"^.*?[.,]", "", amount.raw.split()[0 if not amount.raw.lower().startswith("kr") else 1])) \
                    if re.search(r"\d[.,]\d", amount.raw) else 0
                if round(v * 1000 / 1e6, decimals) == round(amount.value_nok / 1e6, decimals):
                    proof = (1000.0, f"inferred: prose '{sentence}' matches table value {v:g} x 1000 (rounded)")
                    ctx.proven_scale = ctx.proven_scale or proof
                    return proof
            if v >= 10000 and abs(v - amount.value_nok) < 0.5:
                return 1.0, f"inferred: prose '{sentence}' equals table value {v:g}"
    if ctx.proven_scale and not has_decimals:
        return ctx.proven_scale[0], f"inferred from another table in the document ({ctx.proven_scale[1]})"
    if values and not has_decimals and max(values) < 1e6:
        ctx.warnings.append(
            f"no scale declared for the table at {ctx.where(ctx.lines[header_index])}; assumed 1000 NOK (whole thousands)"
        )
        return 1000.0, "assumed: whole numbers without declaration read as 1000 NOK"
    return 1.0, "assumed: amounts in NOK (no declaration)"


_PROSE_AMOUNT = re.compile(
    r"(?:kr\.?\s*)?-?\d[\d .]*(?:,\d+)?\s*(?:mill(?:ioner|\.)?(?:\s*kr\.?)?|,-|\.-|-(?!\d))|kr\.?\s*\d[\d .]*(?:,\d+)?",
    re.I,
)


def _prose_amounts(ctx: Context, start: int, end: int) -> Iterable[tuple[Amount, str]]:
    for line in ctx.lines[start:end]:
        if line.index in ctx.consumed or not re.search(r"(?i)forbruk|resultat|kr|mill", line.text):
            continue
        for m in _PROSE_AMOUNT.finditer(line.text):
            amount = parse_amount(m.group(0))
            if amount and amount.value_nok >= 1000:
                yield amount, m.group(0).strip()


def _emit_accounts(ctx: Context, rows: list[_TableRow], columns: list[Column], statement: str,
                   title: str | None, scale: float, method: str) -> None:
    order = 0
    for row in rows:
        ctx.consumed.add(row.line.index)
        if row.values is None:
            ctx.warnings.append(f"accounts row not understood at {ctx.where(row.line)}: {row.line.text}")
            continue
        order += 1
        code, label = _row_code(_clean_label(row.label))
        for column, value, raw in zip(columns, row.values, row.raw or []):
            if value is None:
                continue
            amount = value if column.scenario == "pct_av_budsjett" else value * scale
            ctx.accounts.append(AccountAmount(
                statement=statement, table_title=title, row_label=label, row_code=code, row_order=order,
                scenario=column.scenario, value_year=column.year or ctx.report_year, report_year=ctx.report_year,
                amount_nok=round(amount, 2), raw_value=raw, scale=1.0 if column.scenario == "pct_av_budsjett" else scale,
                scale_method=method, unit_name=ctx.unit_at(row.line.index), provenance=ctx.provenance(row.line)))


# --- prose ------------------------------------------------------------------------------


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
        if _CHAPTER_HEADER.match(t):
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


# --- leftovers --------------------------------------------------------------------------


def warn_unread_number_rows(ctx: Context) -> None:
    """Say which rows of numbers no detector understood, so nothing vanishes silently."""
    for line in ctx.lines:
        if line.index in ctx.consumed or not line.text:
            continue
        numbers = re.findall(r"\d[\d,.]*", line.text)
        letters = re.findall(r"[A-Za-zÆØÅæøå]{3,}", line.text)
        if len(numbers) >= 4 and len(letters) <= 3:
            ctx.warnings.append(f"numbers not read at {ctx.where(line)}: {line.text[:80]}")
