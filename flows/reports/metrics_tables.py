"""Table readers that produce metric facts: sick leave by gender, staffing by date,
cases per quarter, SLA targets vs results, KOSTRA comparisons, disposisjonsfond, and key
figures by municipality or by year.

Each detector recognises one kind of table and claims its lines in `Context.consumed`,
so the prose readers and the accounts reader leave them alone.
"""
from __future__ import annotations

import re

from flows.reports.model import AccountAmount
from flows.reports.numbers import candidate_splits, parse_number, sum_identity
from flows.reports.rows import SUBJECT_STOPWORDS, is_blank, is_prose, row_parts, split_values
from flows.reports.stream import YEAR, Context, Line

# the first test every table detector puts to every line, compiled once
_MULIGE = re.compile(r"\bmulige\b", re.I)
_STAFFING_HEADER = re.compile(r"\bANTALL (ANSATTE|TILSETTE)\b|\b(ANSATTE|TILSETTE)\b.*\bÅRSVERK\b", re.I)
_CASE_COLUMNS = re.compile(r"\b(Q[1-4]|[1-4]\.\s*kv(?:artal)?\.?|SUM|Sum|Totalt|Total)\b")
_SLA_HEADER = re.compile(r"Måleparameter|Måltall", re.I)
_FUND_HEADER = re.compile(rf"^(DISPOSISJONSFOND|Disposisjonsfond)\b\D*((?:{YEAR}\s*){{2,}})$")
_KOSTRA_LINE = re.compile(r"^KOSTRA\b.{0,40}$")


def parse_sick_leave_table(ctx: Context) -> None:
    """"Mulige dagsverk | Egenmeldte dager % | Sykemeldte dager % | Egenmeldt og sykemeldt %"
    with a row per gender; the period line says year and quarter."""
    lines = ctx.lines
    for i, line in enumerate(lines):
        if not _MULIGE.search(line.text) or i in ctx.consumed:
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


_STAFFING_ROW_START = re.compile(rf"^\d{{1,2}}\.\d{{1,2}}\.\d{{4}}|^{YEAR}\b")


def parse_staffing_table(ctx: Context) -> None:
    lines = ctx.lines
    for i, line in enumerate(lines):
        if i in ctx.consumed or not _STAFFING_HEADER.search(line.text):
            continue
        if is_prose(line.text) or line.text.endswith("."):
            continue  # "Enheten hadde 14 ansatte og 12,5 årsverk ved utgangen av 2022." is a sentence
        header_lines = [line]
        j = i + 1
        while j < len(lines) and not _STAFFING_ROW_START.match(lines[j].text):
            if lines[j].text:
                header_lines.append(lines[j])
            j += 1
            if j - i > 8:
                break
        if j >= len(lines) or not _STAFFING_ROW_START.match(lines[j].text):
            continue  # no dated row follows: not a staffing table
        header = " ".join(l.text for l in header_lines).upper()
        columns = []
        for m in re.finditer(r"TILGJENGELIGE ÅRSVERK|UTFØRTE ÅRSVERK|AVTALTE ÅRSVERK|ÅRSVERK|LÆRLINGER|LÆRLINGAR|ANSATTE|TILSETTE", header):
            word = m.group(0)
            metric = {
                "TILGJENGELIGE ÅRSVERK": "fte_available",
                "UTFØRTE ÅRSVERK": "fte_performed",
                "AVTALTE ÅRSVERK": "fte",
                "ÅRSVERK": "fte",
                "LÆRLINGER": "apprentices",
                "LÆRLINGAR": "apprentices",
                "ANSATTE": "employees",
                "TILSETTE": "employees",
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
        cols = _CASE_COLUMNS.findall(line.text)
        quarters = [c for c in cols if not c.lower().startswith(("sum", "total"))]
        if len(quarters) < 4 or not re.search(r"sak|henvend|kvartal", line.text, re.I):
            continue
        has_sum = len(cols) > len(quarters)
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
        if not _SLA_HEADER.search(line.text):
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
    """"KOSTRA / År <kommune A> <kommune B> <kommune C> Gruppe 13 Trøndelag / 2020 3 884 4 859 ..."."""
    lines = ctx.lines
    for i, line in enumerate(lines):
        if line.cells is not None and re.match(r"(?i)^år$", line.cells[0]) \
                and any(re.search(r"(?i)kostra|gruppe", c) for c in line.cells):
            _parse_kostra_cells(ctx, i)
            continue
        if line.text.upper() != "KOSTRA" and not _KOSTRA_LINE.match(line.text):
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
    """The same comparison as a real table: "År | <kommune A> | ... | KOSTRA-gruppe 13 | Trøndelag"."""
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
        m = _FUND_HEADER.match(line.text)
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
    """"<kommune A> <kommune B> <kommune C>" above rows "Lønnsoppgaver 2020 3 857 2 111 ...";
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


_YEAR_RE = re.compile(YEAR)


def _may_name_years(text: str) -> bool:
    """What a key-figure header line needs before it is split into label and values: two years (its values
    are years, found in the line as printed) and the label's word ("nøkkeltall", "antall", "tal", "år")."""
    if len(_YEAR_RE.findall(text)) < 2:
        return False
    low = text.lower()
    return "tal" in low or "år" in low


def parse_key_figures_by_year(ctx: Context) -> None:
    """"Nøkkeltall 2017 2018 2019 2020" above "Antall henvendelser på IT-hjelpa 4 071 ..."."""
    lines = ctx.lines
    for i, line in enumerate(lines):
        if i in ctx.consumed or not _may_name_years(line.text):
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
