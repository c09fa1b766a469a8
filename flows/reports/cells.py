"""Tables -> raw cells: every numeric cell with its row, column, scale and provenance.

Pure: a `Layout` in, `ReportCell`s out. Nothing is classified here (see `classify`); a cell is
what the document prints, read with the number grammar of Norwegian and Swedish reports.

Scale, in order: a declaration with the table (caption, header, line above, heading); figures that are
another table's figures in thousands; what the table is (`scale.undeclared_scale`: a statement whose
tax/block-grant lines only make sense in 1 000 kr or mill. kr -> "inferred: ...", a whole-number
budget/accounts table -> "assumed: ..."); otherwise "none declared: figures as printed". The reason is
always in `scale_method`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from flows.reports.layout.headers import years_in
from flows.reports.layout.model import Layout, Table
from flows.reports.layout.periods import dated_period
from flows.reports.layout.scale import (
    ACCOUNT_SCENARIOS,
    contradicted_scale,
    corroborated_scale,
    currency_of,
    scale_of,
    shared_scale,
    stated_amounts,
    undeclared_scale,
    with_currency,
)
from flows.reports.layout.vat_pairs import is_vat_head
from flows.reports.numbers import normalise_minus, parse_number, strip_footnote_mark
from flows.reports.org_rows import organisation_rows
from flows.reports.records import quick_init
from flows.reports.years import YEAR


@quick_init
@dataclass(frozen=True)
class ReportCell:
    document_id: str
    file_name: str
    page: int
    line: int
    table_number: int
    caption: str | None
    heading_path: str | None  # headings above the table, " > "-joined
    row_label: str
    row_code: str | None
    parent_row: str | None
    row_order: int
    column_label: str
    column_index: int
    column_year: int | None
    scenario: str
    printed: str
    value: float
    scale: float
    scale_method: str
    is_percent: bool
    excerpt: str
    corner: str = ""  # the header row's text over the label column ("Sykefravær", "Sektor"), when printed
    column_period: str | None = None  # the part of the year the column head names ("Q1", "T2", "H1", "M01-M09")
    row_organisation: str | None = None  # the organisation the row names in a table of organisations (`org_rows`)


_PLUS = re.compile(r"^\+\s?(?=\d)")
_CURRENCY_FIRST = re.compile(r"^(?:kr\.?|NOK)\s*(?=[-(]?\s?\d)", re.I)  # "kr 828 198"
# a figure printed with its currency ("kr 2 988", "NOK 1 250", "661,-", "542 kr") is in kroner, whatever the table declares
_CURRENCY_CELL = re.compile(r"(?i)^(?:kr\.?|nok)\s*[-(]?\s?\d|\d\s*(?:kr\.?|nok)$|\d,-$")


@lru_cache(maxsize=1 << 16)
def parse_cell(printed: str) -> tuple[float, bool] | None:
    """(value, is_percent) of a printed cell: "- 6 279", "−259", "(1 234)", "4,7 %", "12*", "2 013" (cached: a table's cells are read
    for its scale, then for its values)."""
    text = normalise_minus(printed).strip()
    text = strip_footnote_mark(text).strip()
    text = _CURRENCY_FIRST.sub("", text)
    text = _PLUS.sub("", text)  # "+ 77", "+5": a change printed with its sign
    negative = False
    if text.startswith("(") and text.endswith(")"):
        text, negative = text[1:-1].strip(), True
    percent = text.endswith("%")
    text = text.rstrip("%").strip()
    if text.startswith("-"):
        negative = not negative if False else True
        text = text[1:].strip()
    if not text or text in "-–—":
        return None
    value = parse_number(text)
    if value is None:
        compact = text.replace(" ", "")
        value = parse_number(compact) if re.fullmatch(r"\d+(?:,\d+)?", compact) else None
    if value is None:
        return None
    return (-value if negative else value), percent


def table_scale(table: Table) -> tuple[float, str]:
    if table.scale_text:
        found = scale_of(table.scale_text)
        if found:
            where = f" ({table.scale_source}: {table.scale_text[:80]})" if table.scale_source else ""
            return found[0], with_currency(f"declared: {found[1]}{where}", currency_of(table.scale_text, found[1]))
    return 1.0, "none declared: figures as printed"


def _inferred_scales(layout: Layout) -> dict[int, tuple[float, str]]:
    """Tables that print no scale but whose figures are other tables' figures in thousands
    ("6 020" where another table prints "6 020 293"): scale 1000, with the evidence."""
    whole: dict[int, set[int]] = {}
    for table in layout.tables:
        if table.scale_text:
            continue
        for row in table.rows:
            for _, printed in row.values:
                parsed = parse_cell(printed)
                if parsed and not parsed[1] and abs(parsed[0]) >= 100_000:
                    whole.setdefault(round(abs(parsed[0]) / 1000), set()).add(table.number)
    out: dict[int, tuple[float, str]] = {}
    for table in layout.tables:
        if table.scale_text:
            continue
        hits = set()
        for row in table.rows:
            for _, printed in row.values:
                parsed = parse_cell(printed)
                if parsed and not parsed[1] and 100 <= abs(parsed[0]) < 100_000 and parsed[0] == int(parsed[0]):
                    others = whole.get(int(abs(parsed[0])), set()) - {table.number}
                    if others:
                        hits.add(int(abs(parsed[0])))
        if len(hits) >= 2:
            out[table.number] = (1000.0, f"inferred: {len(hits)} figures are figures of other tables in thousands (e.g. {sorted(hits)[0]})")
    return out


_DERIVED = ("variance", "variance_pct", "share_pct")
_COUNTS = re.compile(r"(?i)årsverk|\bantall\b|\bantal\b|stilling|innbygg|elev(?:er|ar)\b|\btimer\b|\bdager\b|personer|"
                     r"brukar|brukere\b|plasser\b|\bkm\b|tonn\b")
_NOT_AMOUNTS = re.compile(r"(?i)\b(?:per|pr\.?)\s+(?:innbygg|innb\.|capita|invånare|elev|bruker|plass)|prosent|%|andel\b|\bi\s+kr\b|kroner\s+per")


# a row label naming percent as its unit: "%", "i prosent", "(procent)", "Skattesats, prosent" (a figure before the
# word is a share the row counts by: "Ansatte i 100 prosent stilling" is no percent row)
_PERCENT_LABEL = re.compile(r"(?i)%|(?<!\w)(?:i|in)\s+(?:prosent|procent|percent)(?!\w)|\((?:prosent|procent)\)"
                            r"|(?<![\d\s])[\s,]*(?<!\d )(?:prosent|procent|percent)$")
# a row label naming kroner as its unit ("Nettokostnader per invånare i kr", "Lånegjeld per innbygger i kroner",
# "kr per elev"): figures as printed, whatever the table's scale (a thousand kroner is "i 1000 kr", read as a scale)
_KRONER_LABEL = re.compile(r"(?i)(?<!\w)(?:i|in)\s+(?:kr|kroner|kronor)\.?(?!\s*\.?\s*1[\s.]?000)(?!\w)"
                           r"|(?<!\w)(?:kr|kroner|kronor)\.?\s+(?:per|pr\.?)\s"
                           r"|\((?:kr|kroner|kronor)\.?\)")  # a key-figure row's unit in brackets: "pr. indb. (2023) (Kr.)"
# a key-figure row stamping its own year in brackets ("Serviceudgifter pr. indb. (2023) (Kr.)", "5. Sociale opgaver
# (2022) (i 1.000 kr.)"): the row's figures are of that year, whatever year the report is
_LABEL_YEAR = re.compile(rf"\(\s*({YEAR})\s*\)")


def label_year(label: str) -> int | None:
    """The one year a row label prints in brackets, or None (none, or several)."""
    found = {int(y) for y in _LABEL_YEAR.findall(label or "")}
    return found.pop() if len(found) == 1 else None


# a row that counts people or posts ("Årsverk", "Antall innbyggere", "Tal på tilsette", "Antal anställda"): its head word
_COUNT_HEAD = re.compile(
    r"(?i)^\W*(?:antall|antal|tal\s+på|talet\s+på|årsverk\w*|ansatte|tilsette|anställda|medarbetare|medarbeidere|"
    r"innbyggere|innbyggjarar|innbyggarar|invånare|indbyggere|elever|elevar|årsarbetare|helårsekvivalenter|"
    r"stillinger|stillingar|brukere|brukarar|personer)(?![\wæøåäö])")
_PER = re.compile(r"(?i)(?<![\wæøåäö])(?:per|pr\.?|pro)\s")


def no_money_scale(label: str) -> str | None:
    """Why no scale in kroner read off the table (its caption, a line near it, its declaration, a column head) may
    multiply the figure of a row so labelled, or None: the label says the figure is a per cent, is a percent metric
    of the catalog (sick leave), or counts people or posts ("Årsverk", "Antall innbyggere"); an amount per head
    ("Lønn per årsverk"), an account line ("Innbyggertilskudd") and a label with an account word ("Refusjon
    sykefravær", "Lønn faste ansatte") are amounts."""
    if not label:
        return None
    from flows.reports.classify import label_norm, load_catalog, percent_metric_named
    from flows.reports.layout.scale import ACCOUNT_WORD

    if label_norm(label) in load_catalog().aliases:
        return None
    if _PERCENT_LABEL.search(label):
        return "percent"
    if ACCOUNT_WORD.search(label):
        return None  # "Refusjon sykefravær", "Lønn faste ansatte": amounts
    metric = percent_metric_named(label)
    if metric:
        return f"percent metric {metric}"
    if _COUNT_HEAD.search(label) and not _PER.search(label):
        return "a count"
    return None


def _percent_row(row) -> bool:
    return bool(_PERCENT_LABEL.search(row.label)) or (row.unit or "").lower() in ("prosent", "procent")


def label_scale(label: str) -> tuple[float, str] | None:
    """(scale, how) a row's own label names for its figures, or None: a scale ("Skatteintäkter i mnkr", "Årets
    resultat, mnkr", "Lånegjeld i mill. kr", "Investeringar i 1000 kr"), or kroner as the unit ("per invånare i kr":
    scale 1). Percent rows are read before this (`_percent_row`)."""
    found = scale_of(label)
    if found:
        return found[0], with_currency(f"row label: {found[1]}", currency_of(label, found[1]))
    m = _KRONER_LABEL.search(label)
    if m:
        return 1.0, f"row label: {' '.join(m.group(0).split())}"
    return None


_NORWEGIAN_HEAD = re.compile(r"(?i)regnskap|rekneskap|budsjett")
_TOTAL_ROW = re.compile(r"(?i)^\W*(?:sum|summa|totalt?|i\s+alt|samla|samlet|til\s+sammen)(?![\wæøåäö])")


def _corroborated(table: Table, stated: list[tuple[float, float, str, bool]]) -> tuple[float, str] | None:
    """An undeclared table's scale the document's running text corroborates (`scale.corroborated_scale`): a figure
    of it, or a column's sum, stated in the text with its magnitude."""
    if table.scale_text or not stated:
        return None
    context = " ".join([table.caption or "", *table.headings, *table.header_text, table.corner or ""])
    if _NOT_AMOUNTS.search(context):
        return None
    columns: dict[int, list[tuple[str, float, bool]]] = {}
    for row in table.rows:
        if _percent_row(row) or row.unit or label_scale(row.label) or no_money_scale(row.label):
            continue
        total = bool(_TOTAL_ROW.search(row.label))
        for i, printed in row.values:
            column = table.columns[i] if i < len(table.columns) else None
            if column is None or column.note or column.unknown or column.scenario in ("variance_pct", "share_pct"):
                continue
            parsed = parse_cell(printed)
            if parsed and not parsed[1]:
                columns.setdefault(i, []).append((printed, parsed[0], total))
    return corroborated_scale([(table.columns[i].label, cells) for i, cells in sorted(columns.items())], stated)


def running_text(layout: Layout) -> list[str]:
    """The document's lines outside its tables (the running text, headings included)."""
    inside = set().union(*(t.consumed for t in layout.tables)) if layout.tables else set()
    return [line.text for line in layout.lines if (line.page, line.number) not in inside and line.table_id is None]


def _content_scale(table: Table) -> tuple[float, str] | None:
    """An undeclared table's scale decided by what it is (`scale.undeclared_scale`): a whole-number
    budget/accounts table, or a statement whose tax/block-grant lines only make sense in thousands."""
    if table.scale_text:
        return None
    context = " ".join([table.caption or "", *table.headings, *table.header_text, table.corner or ""])
    if _NOT_AMOUNTS.search(context):
        return None  # per-capita figures, shares: the magnitudes say nothing of a scale
    from flows.reports.classify import label_norm, load_catalog

    aliases = load_catalog().aliases
    free_names = [a for a, (_, key) in aliases.items() if key in ("5-6-01", "5-6-02")]
    pct_cols = {i for i, c in enumerate(table.columns) if c.scenario in ("variance_pct", "share_pct")}
    rows, free = [], []
    for row in table.rows:
        if _percent_row(row) or (row.unit and not scale_of(row.unit)) or label_scale(row.label):
            continue  # (a row naming its own unit or scale says nothing of the table's)
        printed = [p for i, p in row.values if i not in pct_cols and parse_cell(p) and not parse_cell(p)[1]]
        if not printed:
            continue
        rows.append((row.label, row.parent, printed))
        norm = label_norm(row.label)
        if _NOT_AMOUNTS.search(row.label):
            continue
        if any(norm == a or re.search(rf"(?<!\w){re.escape(a)}(?!\w)", norm) for a in free_names):  # "Ordinært rammetilskudd"
            # the level columns only: a change column ("Avvik 4 331") is no tax or grant of a year
            levels = [p for i, p in row.values if i < len(table.columns) and table.columns[i].scenario not in _DERIVED
                      and parse_cell(p) and not parse_cell(p)[1]]
            free.append((row.label, [parse_cell(p)[0] for p in levels]))
    account_columns = sum(c.scenario in ACCOUNT_SCENARIOS or _scope_year(c) for c in table.columns)
    scenarios = {c.scenario for c in table.columns}
    # (Norwegian heads only: a Norwegian report that prints no unit prints thousands; Swedish and Danish ones print
    # their "mnkr", "mio. kr" as often, and a figure of 12 400 is either)
    against_budget = "actual" in scenarios and bool(scenarios & {"budget", "revised_budget", "original_budget"}) \
        and all(_NORWEGIAN_HEAD.search(c.label) for c in table.columns if c.scenario in ACCOUNT_SCENARIOS) \
        and not any(_COUNTS.search(t) for t in [table.caption or "", *table.headings, *(r.label for r in table.rows)])
    return undeclared_scale(rows, account_columns, free, against_budget)


def _scope_year(column) -> bool:
    """A statement's column named by its accounting scope and year ("Kommunen 2017", "Koncernen 2016-12-31"): the
    accounts of that year."""
    from flows.reports.layout.group_heads import _SCOPE_RE

    return column.scenario == "other" and column.year is not None and bool(_SCOPE_RE.search(column.label))


def _amount_figures(table: Table) -> list[str]:
    pct_cols = {i for i, c in enumerate(table.columns) if c.scenario in ("variance_pct", "share_pct")}
    return [p for row in table.rows if not _percent_row(row) and not row.unit and not label_scale(row.label)
            for i, p in row.values if i not in pct_cols and parse_cell(p) and not parse_cell(p)[1]]


def _operating_totals(layout: Layout, scales: dict[int, tuple[float, str]]) -> list[tuple[int, str, float]]:
    """(table number, label, kroner) of every "Sum driftsinntekter"/"Sum driftsutgifter" figure of the document,
    read with its table's declared or decided scale."""
    from flows.reports.classify import label_norm, load_catalog

    names = {a for a, (_, key) in load_catalog().aliases.items() if key in ("5-6-09", "5-6-15")}
    out = []
    for table in layout.tables:
        if scales[table.number][1].startswith("none"):
            continue  # a total whose own scale nobody stated or decided is no measure of the others
        for row in table.rows:
            if label_norm(row.label) not in names:
                continue
            for _, printed in row.values:
                parsed = parse_cell(printed)
                if parsed and not parsed[1]:
                    out.append((table.number, row.label, abs(parsed[0]) * scales[table.number][0]))
    return out


def _operating_total(table: Table, totals: list[tuple[int, str, float]]) -> tuple[str, float] | None:
    """(label, kroner) of the largest operating total printed in another table of the document."""
    others = [(label, value) for number, label, value in totals if number != table.number]
    return max(others, key=lambda t: t[1]) if others else None


def _key(table: Table) -> tuple:
    return tuple((c.year, c.scenario) for c in table.columns if not c.note and not c.unknown)


def _sibling_scale(layout: Layout, table: Table, scales: dict[int, tuple[float, str]]) -> tuple[float, str] | None:
    """An undeclared table with the same budget/accounts columns as another table of the document whose scale is
    known takes that scale (`scale.shared_scale`)."""
    context = " ".join([table.caption or "", *table.headings, *table.header_text])
    if _NOT_AMOUNTS.search(context) or any(_COUNTS.search(t) for t in [table.caption or "", *(r.label for r in table.rows)]):
        return None  # shares, or counts (årsverk, antall) under the same year columns: no amounts to scale
    key = _key(table)
    others = sorted((t for t in layout.tables if t.number != table.number and not scales[t.number][1].startswith("none")
                     and _key(t) == key), key=lambda t: abs(t.number - table.number))
    if not others:
        return None
    decided = [(f"table {t.number}" + (f" ('{t.caption[:60]}')" if t.caption else ""), key, *scales[t.number],
                _amount_figures(t)) for t in others]
    return shared_scale(key, _amount_figures(table), decided)


_MONTH = (r"jan(?:uar)?|feb(?:ruar)?|mar(?:s|ch)?|apr(?:il)?|mai|may|juni?|june|juli?|july|aug(?:ust)?|sep(?:t|tember)?|"
          r"okt(?:ober)?|oct(?:ober)?|nov(?:ember)?|des(?:ember)?|dec(?:ember)?")
# a sentence saying when a body decided the table ("vedteke i kommunestyret 14. desember 2020"): its date is not the
# period the figures are for (a fee schedule for 2021 decided in December 2020)
_DECIDED_ON = re.compile(
    r"\b(?:vedt(?:att|eke|ekne|ok|ekse)|godkjen[td]|behandl(?:et|a)|fastset(?:t|tes)|adopted|approved|decided|"
    r"beslut(?:ad|ades|tet)|antag(?:en|its)|antogs)\b[^.]{0,60}?"
    rf"(?:\b[0-3]?\d\.\s*(?:{_MONTH})\.?\s+|\b[0-3]?\d\.[01]?\d\.)(?:19|20)\d\d", re.IGNORECASE)


def _period_year(table: Table) -> int | None:
    """The one year the caption, the heading path or the header lines of a table of part-year columns name (a quarter
    column prints no year of its own), or None when they name none or several. The date of a decision is no period."""
    for text in [_DECIDED_ON.sub(" ", table.caption or ""), *reversed(table.headings), " ".join(table.header_text)]:
        years = set(years_in(text))
        if len(years) == 1:
            return years.pop()
        if years:
            return None
    return None


# a budget or økonomiplan the table's title or heading names, with the years it covers ("Budsjett 2020 og
# handlingsplan 2021-2023", "Økonomiplan 2021–2024")
_PLAN_TITLE = re.compile(r"(?i)budsjett|budget|økonomiplan|handlingsplan|handlingsprogram|årsbudsjett")
_ACCOUNTS_TITLE = re.compile(r"(?i)regnskap|rekneskap|regnskab|årsmelding|årsrapport|årsberetning|bokslut|utfall|resultat")
_BARE_YEAR = re.compile(rf"\s*{YEAR}\s*")


def _plan_year_columns(table: Table) -> set[int]:
    """The bare year columns ("2020 2021 2022 2023") of a table under a budget or økonomiplan title whose years
    they all lie within: the plan's years, budget figures. Columns naming accounts or any other kind keep theirs;
    a year outside the plan's span (history in a budget document) leaves the whole table as printed."""
    bare = {i for i, c in enumerate(table.columns)
            if c.scenario == "other" and c.year is not None and not c.note and _BARE_YEAR.fullmatch(c.label or "")}
    if not bare:
        return set()
    for text in [table.caption or "", table.corner or "", *reversed(table.headings)]:
        if not _PLAN_TITLE.search(text) or _ACCOUNTS_TITLE.search(text):
            continue  # "Årsmelding 2020 – budsjett og regnskap": the accounts year, not a plan
        named = years_in(text)
        if named and all(min(named) <= table.columns[i].year <= max(named) for i in bare):
            return bare
    return set()


def _titled_period(table: Table) -> tuple[int, str] | None:
    """(year, period) of a table whose columns name neither a year nor a part of one, nor any kind (budget, accounts),
    under a caption or heading naming one part of one year ("Sykefravær etter tredje tertial 2023" over "Sykefravær |
    Korttidsfravær | Langtidsfravær"): every figure is of that period. None when the nearest text naming a period
    names no year, or the columns name anything of their own."""
    values = [c for c in table.columns if not c.note and not c.unknown]
    if not values or any(c.year is not None or c.period or c.scenario != "other" for c in values):
        return None
    for text in [_DECIDED_ON.sub(" ", table.caption or ""), *reversed(table.headings)]:
        dated = dated_period(text, words_only=True) if text else None
        if dated:
            return (dated[0], dated[1]) if dated[0] else None
    return None


# a file name or title naming a budget or plan document ("x_budsjett_2026", "Handlingsplan 2026–2029", "Mål och budget")
_PLAN_NAME = re.compile(r"(?i)(?<![^\W\d_])(?:års)?budsjett|(?<![^\W\d_])budget(?![^\W\d_])|(?:ø|o)konomiplan|handlingsplan|"
                        r"handlingsprogram|(?<![^\W\d_])budsjettrammer|flerårsplan")
_NOT_PLAN = re.compile(r"(?i)regnskap|rekneskap|regnskab|årsmelding|arsmelding|årsrapport|arsrapport|årsberetning|"
                       r"arsberetning|årsredovisning|arsredovisning|bokslut|tertial|kvartal|månedsrapport|delårs|"
                       r"oppfølging|budsjettkontroll|nyhet|pressmeddelande|sykefravær|sjukefravær")


def document_plan_year(layout: Layout) -> int | None:
    """The first year of the plan a budget document is for ("Budsjett 2026 og økonomiplan 2026–2029", a file
    "x_handlingsplan_2026-2029.pdf"), or None for any other document: its title (the first lines of its first
    page) or its file name names a budget or plan and its year(s), and neither names accounts, an annual report or a
    part of a year. A key figure such a document prints without a year is the plan's, for its first year."""
    stem = re.sub(r"[_\-.]+", " ", layout.file_name.rsplit(".", 1)[0])
    title = [" ".join(line.text.split()) for line in layout.lines[:12] if line.page == 1 and line.text.strip()][:4]
    for text in [*title, stem]:
        if _PLAN_NAME.search(text) and not _NOT_PLAN.search(text):
            named = years_in(text)
            if named:
                return min(named)
        elif _NOT_PLAN.search(text):
            return None  # "Årsmelding 2025" on the title page: an account of a year, whatever the file is called
    return None


def _caption_year(table: Table) -> int | None:
    """The one year a table's caption names ("Faste årsverk pr 31.12.2010"), or None when it names none or several."""
    years = set(years_in(table.caption or ""))
    return years.pop() if len(years) == 1 else None


def cells_of(layout: Layout, document_id: str) -> list[ReportCell]:
    out: list[ReportCell] = []
    inferred = _inferred_scales(layout)
    stated = stated_amounts(running_text(layout)) if any(not t.scale_text for t in layout.tables) else []
    scales = {t.number: inferred.get(t.number) or _corroborated(t, stated) or _content_scale(t) or table_scale(t)
              for t in layout.tables}
    totals = _operating_totals(layout, scales)
    plan_year = document_plan_year(layout)
    from flows.reports.prose import not_a_table

    for table in layout.tables:
        if not_a_table(table, layout.lines):
            continue  # sentences or a contents list a table finder took for rows: their figures are prose figures
        base_scale, base_method = scales[table.number]
        if base_method.startswith("none declared"):
            base_scale, base_method = _sibling_scale(layout, table, scales) or (base_scale, base_method)
        elif base_method.startswith("declared") and base_scale >= 1e3:
            figures = [abs(parse_cell(p)[0]) for p in _amount_figures(table)]
            found = contradicted_scale(base_scale, table.scale_text or "", max(figures, default=0.0),
                                       _operating_total(table, totals))
            base_scale, base_method = found or (base_scale, base_method)
        # one value column that names no year: the caption's one year is the column's ("pr 31.12.2010" over "Årsverk")
        # (a column its head names: a list of bare "Name: figure" lines under a running title is no such table)
        value_columns = [c for c in table.columns if not c.note]
        single_column = len(value_columns) == 1 and bool(value_columns[0].label) and value_columns[0].year is None
        plan_years = _plan_year_columns(table)
        titled = _titled_period(table)
        bodies = organisation_rows(table)
        for order, row in enumerate(table.rows, start=1):
            seen: set[int] = set()
            for col_index, printed in row.values:
                companion = col_index in seen and printed.startswith("(")  # "499 (79,6%)": a second figure in the cell
                seen.add(col_index)
                parsed = parse_cell(printed.strip("()") if companion else printed)
                if parsed is None:
                    continue
                value, pct = parsed
                column = table.columns[col_index] if col_index < len(table.columns) else None
                label = column.label if column else ""
                if companion and not pct:
                    label = f"{label} (i parentes)".strip()
                row_unit = (row.unit or "").lower()
                guard = no_money_scale(row.label)
                is_pct = pct or (column is not None and column.scenario in ("variance_pct", "share_pct")) \
                    or _percent_row(row)
                if is_pct:
                    scale, method = 1.0, "percent"
                else:
                    own = scale_of(label) if label else None
                    unit_scale = scale_of(row.unit) if row.unit else None
                    if _CURRENCY_CELL.search(printed.strip()):
                        scale, method = 1.0, f"cell unit: {printed.strip()}"
                    elif unit_scale:  # the row's own unit ("41,7 mill. kr") before any scale of the table or column
                        scale, method = unit_scale[0], with_currency(f"row unit: {row.unit}", currency_of(row.unit, unit_scale[1]))
                    elif row_unit in ("kroner", "kr", "kr."):
                        scale, method = 1.0, f"row unit: {row.unit}"
                    elif (named := label_scale(row.label)) is not None:
                        scale, method = named  # the row's own scale, that row only
                    elif guard and ((own and own[0] != 1) or base_scale != 1):
                        where = f"column header: {own[1]}" if own else base_method
                        scale, method = 1.0, f"as printed: the row is {guard}, no scale in kroner ({where[:80]})"
                    elif own:
                        scale, method = own[0], with_currency(f"column header: {own[1]}", currency_of(label, own[1]))
                    else:
                        scale, method = base_scale, base_method
                year = column.year if column else None
                period = column.period if column else None
                if period is None and label:
                    dated = dated_period(label)  # "2020K1", "Q1-20", "mars 2031", "per 31.08"
                    if dated:
                        year, period = year or dated[0], dated[1]
                if period is None:
                    dated = dated_period(row.label)  # a table whose rows are periods: "1. kvartal 2031", "K1 2031"
                    if dated:
                        year, period = year or dated[0], dated[1]
                if period is None and year is None and titled and not years_in(row.label):
                    year, period = titled  # "Sykefravær etter tredje tertial 2023" over columns naming no period
                if year is None and period and (column is None or column.scenario != "prior_year"):
                    year = _period_year(table)  # "Sykefravær 2031" over "1. kv 2. kv 3. kv 4. kv"
                if year is None and (_CURRENCY_CELL.search(printed.strip()) or is_vat_head(label)) \
                        and not any(c.year for c in table.columns):
                    year = _period_year(table)  # a fee schedule "2021" over "eks. mva | inkl. mva": the title's one year
                row_label = row.label
                if year is None:
                    m = re.search(rf"(?<!\d)({YEAR})$", row.label)
                    year = int(m.group(1)) if m else label_year(row.label)  # "Lønnsoppgaver 2020", "… (2022) (Kr.)"
                    if year is not None and not m:
                        # the year is the cell's: the row is the same row in every year's report ("Serviceudgifter pr.
                        # indb. (Kr.)"), its printed line kept in the excerpt
                        row_label = " ".join(_LABEL_YEAR.sub(" ", row.label).split())
                if year is None and single_column and not years_in(row.label):
                    year = _caption_year(table)  # "Faste årsverk pr 31.12.2010" over "Enhet | Årsverk"
                planned = year is None and period is None and plan_year is not None and column is not None \
                    and column.scenario in ("other", "budget") and not column.note and not years_in(row.label) \
                    and not _caption_year(table) and not any(c.year for c in table.columns)
                if planned:  # a key figure of a budget document printing no year: the plan's, for its first year
                    year = plan_year
                out.append(ReportCell(
                    document_id=document_id, file_name=layout.file_name, page=row.page, line=row.line,
                    table_number=table.number, caption=table.caption,
                    heading_path=" > ".join(table.headings) or None,
                    row_label=row_label, row_code=row.code, parent_row=row.parent, row_order=order,
                    column_label=label, column_index=col_index,
                    column_year=year,
                    scenario="budget" if col_index in plan_years or planned else column.scenario if column else "other",
                    printed=printed, value=round(value * scale, 6), scale=scale, scale_method=method,
                    is_percent=is_pct, excerpt=row.text[:300], corner=table.corner or "", column_period=period,
                    row_organisation=bodies.get(order - 1),
                ))
    return out
