"""Accounts tables: column headers, rows, the split of flattened rows, and the scale.

- Columns come from header words and years ("Regnskap 2020 Budsjett 2020 Avvik",
  nynorsk "Rekneskap", "Opphaveleg budsjett", "Korrigert budsjett").
- Space-separated thousands make a flattened row ambiguous; the reading that satisfies
  avvik = budsjett − regnskap (either sign) wins, and ties are settled by the sum rows.
- Share rows inside a unit's accounts table ("<kommune>s andel (art 1621)") stay in
  statement "unit"; a table whose rows are the owner municipalities themselves is
  statement "cost_share".
- Undeclared table scale: a prose amount in the same chapter equal to a table value
  times 1000 (exactly, or rounded for "1,4 mill") proves 1000 NOK; otherwise another
  undeclared table of the same document that was proven; otherwise small whole numbers
  are assumed to be 1000 NOK with a warning. `AccountAmount.scale_method` says which.
"""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable, Iterable

from flows.reports.layout.scale import ACCOUNT_WORD
from flows.reports.model import AccountAmount
from flows.reports.numbers import (
    Amount,
    avvik_identity,
    candidate_splits,
    parse_amount,
    scale_from_declaration,
)
from flows.reports.rows import (
    SUBJECT_STOPWORDS,
    is_blank,
    is_prose,
    next_nonblank,
    numbers_in_cells,
    row_parts,
)
from flows.reports.stream import YEAR, Context, Line
from flows.reports.units import CHAPTER_HEADER

_SCENARIO_WORDS = re.compile(
    r"\b(regnskap|rekneskap|budsjett|budsj\.?|budsj|avvik|note|per|reg\.?|regulert|registrert|revidert|justert|korrigert|"
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


@lru_cache(maxsize=1 << 16)
def _header_sized(text: str) -> bool:
    """Short enough for a header line (a row of cells may be longer): a cheap test that comes first."""
    return bool(text) and len(text) <= (160 if "|" in text else 90)


def is_column_header(text: str, continuation: bool = False) -> bool:
    """A line made only of column words and years, with at least one column word."""
    if not _header_sized(text):
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
        elif w in {"reg", "regulert", "registrert", "revidert", "justert", "korrigert"}:
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
        elif w.endswith("avvik"):  # "Avvik", "Budsjettavvik" (a head "Budsjett-/avvik" broken over two lines)
            columns.append(["avvik", None])
        elif w == "forbruk" or w == "%":
            if not columns or columns[-1][0] != "pct_av_budsjett":
                columns.append(["pct_av_budsjett", None])
        elif re.fullmatch(YEAR, w):
            target = next((c for c in columns if c[1] is None and c[0] not in ("avvik", "pct_av_budsjett")), None)
            if target is not None:
                target[1] = int(w)
        k += 1
    trailing = _trailing_years(words)
    if len(trailing) == len(columns) > 1:
        # a year line under the column words ("Regnskap Revidert budsjett Avvik Budsjett / 2018 2018 2018 2019"):
        # one year per column, in order, the deviation's year included
        for col, year in zip(columns, trailing):
            col[1] = year
    for idx, col in enumerate(columns):
        if col[1] is None:
            before = [c[1] for c in columns[:idx] if c[1]]
            col[1] = before[-1] if before else report_year
    return [Column(s, y) for s, y in columns], has_note


# a word a head broke at its hyphen over two lines ("Budsjett-" / "avvik"), not a part of a pair joined by a conjunction
# ("Drifts- og investeringsregnskap")
_BROKEN_WORD = re.compile(r"([^\W\d_]{2,})-\s+(?!(?:og|eller|och|eller|samt|and|or|til|i)\b)([a-zæøå][^\W\d_]*)")


def join_broken_words(text: str) -> str:
    """A header's words with a word broken at its hyphen joined again: "Budsjett- avvik" -> "Budsjettavvik"."""
    return _BROKEN_WORD.sub(r"\1\2", text)


def _trailing_years(words: list[str]) -> list[int]:
    """The years that end the header, after its last column word."""
    years: list[int] = []
    for w in reversed(words):
        if not re.fullmatch(YEAR, w):
            break
        years.append(int(w))
    return years[::-1]


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
    settled: bool = False  # the sum row below proved this reading


_ACCOUNTS_HEADER_WORD = re.compile(r"(?i)regnskap|rekneskap|note|tall i|tal i|beløp i")


def parse_accounts_tables(ctx: Context) -> None:
    """Every accounts table: find its header, rows and scale; emit AccountAmounts."""
    lines = ctx.lines
    i = 0
    while i < len(lines):
        line = lines[i]
        starts_table = i not in ctx.consumed and (
            (_header_sized(line.text) and _ACCOUNTS_HEADER_WORD.search(line.text) and is_column_header(line.text))
            or (line._cells is not None and _cells_header(line))  # the cells unsplit: no copy per line
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
        header_text = join_broken_words(" ".join(_header_text(l) for l in header_lines))
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
        # the title and heads first, then the lines above nearest first; a scale word after a figure in a sentence
        # ("et merforbruk på 8,9 mill. kroner") is that amount's unit, not the table's declaration
        for l in ([title_line] if title_line else []) + header_lines + lines[max(0, i - 3) : i][::-1]:
            found = scale_from_declaration(l.text)
            if found and not _an_amounts_unit(l.text, found[1]):
                declared = declared or found
        _resolve_rows(ctx, rows, columns, has_note)
        _flag_avvik_misprints(ctx, rows, columns)
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
                or CHAPTER_HEADER.match(text) \
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
            nxt = next_nonblank(lines, k)
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


# one-word account lines ("Refusjoner", "Salgsinntekter") are not owner municipalities
_ACCOUNT_WORD = ACCOUNT_WORD


_SUM_OF_UNITS = re.compile(r"(?i)(?:sum|totalt?|samlet|samla|i alt)\s+(?:alle\s+)?\w*(?:sektor|område|omraade|enhet|eining|"
                           r"avdeling|tjenest|tenest|virksomhet|verksemd|etat|seksjon|resultatområde|driftsområde|"
                           r"rammeområde|budsjettområde|ansvarsområde)\w*")


def _statement_for(title: str | None, rows: list[_TableRow]) -> str:
    if title:
        m = re.search(r"5-(\d)", title)
        if m and title.lstrip().startswith(("§", "Ä")):
            return f"5-{m.group(1)}"
    labels = [r.label for r in rows]
    if any(_SUM_OF_UNITS.match(l) for l in labels):
        # the sum row names what the rows are: sectors, service areas, units ("Sum sektorene", "Sum rammeområder"),
        # never owner municipalities, however much their one-word names look like places ("Kultur", "Teknisk")
        return "investment" if title and re.search(r"(?i)investering", title) else "unit"
    places = [l for l in labels if re.fullmatch(r"[A-ZÆØÅ][a-zæøå-]+", l) and l.lower() not in SUBJECT_STOPWORDS
              and not _ACCOUNT_WORD.search(l)]
    if len(places) >= max(2, len(labels) * 0.6):
        return "cost_share"
    if title and re.search(r"(?i)investering", title):
        return "investment"
    return "unit"


_AVVIK_TOLERANCE = 20  # a rounding difference of a few thousand happens in printed unit tables


def _avvik_columns(columns: list[Column]) -> tuple[int, int, int] | None:
    """(regnskap, budsjett, avvik) column positions; avvik is reported against the latest
    budget: revised, else plain, else original."""
    scen = [c.scenario for c in columns]
    if "avvik" not in scen or "regnskap" not in scen:
        return None
    b = next((scen.index(s) for s in ("revidert_budsjett", "budsjett", "opprinnelig_budsjett") if s in scen), None)
    if b is None:
        return None
    # "Regnskap 2019 | Regnskap 2020 | Budsjett 2020 | Avvik": the actuals of the budget's year
    r = next((k for k, c in enumerate(columns) if c.scenario == "regnskap" and c.year == columns[b].year),
             scen.index("regnskap"))
    return r, b, scen.index("avvik")


def _avvik_check(columns: list[Column]) -> Callable[[list[float]], bool] | None:
    found = _avvik_columns(columns)
    return avvik_identity(*found, tolerance=_AVVIK_TOLERANCE) if found else None


def _flag_avvik_misprints(ctx: Context, rows: list[_TableRow], columns: list[Column]) -> None:
    """Avvik is printed as budsjett − regnskap or as regnskap − budsjett, even within one
    municipality; either is kept as printed. A row where neither holds has a misprint:
    its values stay as printed and the row is flagged."""
    found = _avvik_columns(columns)
    if not found:
        return
    r, b, a = found
    for row in rows:
        if row.values is None or None in (row.values[r], row.values[b], row.values[a]):
            continue
        diff = row.values[b] - row.values[r]
        if abs(abs(row.values[a]) - abs(diff)) > _AVVIK_TOLERANCE:
            raw = row.raw[a] if row.raw else f"{row.values[a]:g}"
            ctx.warnings.append(
                f"avvik misprint in row '{row.label}' at {ctx.where(row.line)}: printed {raw}, but budsjett − "
                f"regnskap = {diff:g}; values kept as printed"
            )


def _resolve_rows(ctx: Context, rows: list[_TableRow], columns: list[Column], has_note: bool) -> None:
    """Split every row; ties between readings are settled by the sum rows below them."""
    n = len(columns)
    identity = _avvik_check(columns)
    for row in rows:
        if row.cells is not None:
            nums = numbers_in_cells(row.cells)
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
                    member.settled = True
        block = []
    for row in rows:
        if row.alternatives:
            agree = [k for k in range(n) if len({alt.values[k] for alt in row.alternatives}) == 1]
            ctx.warnings.append(
                f"row '{row.label}' at {ctx.where(row.line)} can be read in {len(row.alternatives)} ways; kept only the "
                f"cells every reading agrees on: {' | '.join(r if k in agree else '?' for k, r in enumerate(row.raw or []))}"
            )
            row.values = [v if k in agree else None for k, v in enumerate(row.values or [])]
        _refuse_broken_figures(ctx, row, identity)


# a figure printed with a space before its thousands ("10 245"): a reading that makes it two cells ("10" | "245")
# stands against one that leaves a cell of the row blank (the extraction keeps no empty cell)
_LONE_HEAD = re.compile(r"-?[1-9]\d?")
_GROUP_TAIL = re.compile(r"\d{3}(?: \d{3})*(?:,\d+)?")


def _refuse_broken_figures(ctx: Context, row: _TableRow, identity) -> None:
    """A flattened row read by cutting a space-grouped figure in two ("0 0 10 245 0 13 664 13 664" under seven
    columns as "10" | "245") is as well read as the figure whole and a blank cell, and which cell is blank nobody can
    tell: the cells from the cut on are not emitted (with a warning naming the page and line), unless a sum row
    proved the reading, or the variance identity holds over a cut cell."""
    if row.cells is not None or row.values is None or row.settled or not row.raw:
        return
    cuts = [k for k in range(len(row.raw) - 1)
            if _LONE_HEAD.fullmatch(row.raw[k] or "") and _GROUP_TAIL.fullmatch(row.raw[k + 1] or "")]
    if not cuts:
        return
    if identity is not None and None not in row.values and getattr(identity, "columns", frozenset()) & {cuts[0], cuts[0] + 1}:
        try:
            if identity(row.values):
                return
        except (IndexError, ZeroDivisionError):
            pass
    at = cuts[0]
    ctx.warnings.append(
        f"row '{row.label}' at {ctx.where(row.line)}: '{row.raw[at]} {row.raw[at + 1]}' may be one figure and a cell "
        f"blank; cells from column {at + 1} on not read"
    )
    row.values = [v if k < at else None for k, v in enumerate(row.values)]


def _search_sum(block, options, target, n, limit=4096):
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


_FIGURE_BEFORE = re.compile(r"(?<![\d.,])(?:\d{1,3}(?:[ .]\d{3})*,\d+|\d{1,3})\s*$")


def _an_amounts_unit(text: str, matched: str) -> bool:
    """The scale words stand right after a figure that is no year ("8,9 mill. kroner", "12 mill. kr"): an amount."""
    at = text.find(matched)
    return at > 0 and bool(_FIGURE_BEFORE.search(text[:at]))


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
                decimal_part = re.search(r"\d[.,](\d+)", amount.raw)  # "1,4 mill" -> 1, "13.2mill.kr." -> 1
                decimals = len(decimal_part.group(1)) if decimal_part else 0
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
