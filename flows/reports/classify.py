"""Raw cells and prose figures -> governed facts, as a separate pure step.

Account lines: a table is an accounts table when at least three of its row labels are aliases of one
chart in the one account-alias file (dbt_project/seeds/account_aliases.csv); its cells become
AccountAmounts with the scenario and year read from their column headers. Metrics: a cell or a prose
figure whose row label, caption or topic words name a metric of the one metric catalog
(dbt_project/seeds/metric_catalog.csv), with a matching unit of measure. A row naming no metric (and no other
metric, no account line) takes the metric from the nearest label above it (column header, header corner, caption,
the heading right above); when the row is a unit (`unit_rows`: a unit of the document, the organisation, a row of a
table declaring its rows units, or the row adding them up) the figure is that unit's, else the row is a breakdown
member (subject). Nothing here names an
organisation, unit or document; everything unclassified stays in raw.report_cells.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from flows.reports.cells import ReportCell
from flows.reports.layout.periods import dated_period, without_period
from flows.reports.layout.scale import KRONER, currency_in
from flows.reports.model import AccountAmount, MetricFact, Provenance
from flows.reports.prose import CHANGE_BEFORE, DIFFERENCE_AFTER, ProseFigure
from flows.reports.unit_rows import TOTAL, unit_rows

SEEDS = Path(__file__).resolve().parents[2] / "dbt_project" / "seeds"
MIN_ALIAS_ROWS = 3
_GROUP = re.compile(r"(?i)\bkonsern|\bkoncern")  # group accounts (parent and subsidiaries together)
_SCENARIO = {"actual": "regnskap", "prior_year": "regnskap", "budget": "budsjett", "revised_budget": "revidert_budsjett",
             "original_budget": "opprinnelig_budsjett", "variance": "avvik", "variance_pct": "pct_av_budsjett"}
_MONEY = re.compile(r"(?i)(?<![\wæøå])(?:kr\.?|kroner|kronor|nok|beløp|belopp|tkr|mill\.?|mnok)(?![\wæøå])")
# a column that is no actual figure of its year: a target, a plan or forecast, a part of the year
_NOT_THE_YEARS_FIGURE = re.compile(
    r"(?i)(?<![\wæøå])(?:mål\w*|target|prognose|plan|budsjett\w*|budget\w*|kvartal|kv\.|tertial|halvår|q[1-4]|k[1-4]|"
    r"kv[1-4]|t[1-3]|endring\w*|förändring\w*|change|avvik\w*|differanse|diff\.?|"
    r"jan(?:uar)?|feb(?:ruar)?|mars|apr(?:il)?|mai|juni?|juli?|aug(?:ust)?|sep(?:tember)?|okt(?:ober)?|nov(?:ember)?|"
    r"des(?:ember)?|\d\.\s*(?:kv|tert|halv)\w*)(?![\wæøå])")
_TOTAL_WORDS = re.compile(r"(?<![\wæøå])(?:totalt?|sum|summa|i alt|samlet|samla|resultat|faktisk|regnskap|rekneskap|"
                          r"utfall|antall|antal|tal|talet|prosent|procent|percent|i|pr|per|av|of|in|år|året|ved|"
                          r"utgangen|utgang|slutt|snitt|gjennomsnitt|gj|dec|des)(?![\wæøå])")
_SEVERAL_TOPICS = re.compile(r"(?i)(?<![\wæøå])(?:og|and|och|samt)(?![\wæøå])|[,&/]")


def _page_title(text: str) -> bool:
    """A web page's title ("Årsmelding 2022.pdf - Politiske saker - Nordvik"): three or more parts with words,
    about the page, not about the figures under it."""
    return sum(bool(re.search(r"[^\W\d_]{3}", part)) for part in re.split(r"\s[-–—|]\s", text)) >= 3
# the prose reader's words of a change (their one home), and "opp"/"ned" alone before a figure ("ned 3 %"): a table's
# or a text's difference, never its level (the reader does not call "tok opp 82,5 mill. i lån" a change)
_UP_DOWN_BEFORE = re.compile(r"(?i)(?<![\wæøåäö])(?:op|opp|ned|upp)(?:\s+(?:på|med|af|av|of|by|with))?\s+"
                             r"(?:ca\.?\s+|cirka\s+|omkring\s+|kr\.?\s*)?$")
_UNIT_OK = {"pct": {"pct"}, "fte": {"fte", "count"}, "count": {"count", "persons"}, "nok": {"nok"}}


@dataclass(frozen=True)
class Catalog:
    aliases: dict[str, tuple[str, str]]  # normalised label -> (chart, account_key)
    metrics: tuple[tuple[str, str, tuple[str, ...]], ...]  # (metric_code, unit_of_measure, synonyms)
    # metric -> the metrics whose name its own name holds ("Legemeldt sykefravær" is a kind of "Sykefravær")
    broader: dict[str, frozenset[str]] = field(default_factory=dict)
    # the percent metrics that are a part of a whole (sick leave, a share, uptime): 0 to 100, never more; a change in
    # per cent ("Endring i saksmengde") is none of them
    shares: frozenset[str] = frozenset()


@lru_cache(maxsize=4)
def load_catalog(seeds: Path = SEEDS) -> Catalog:
    aliases: dict[str, tuple[str, str]] = {}
    with (seeds / "account_aliases.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            aliases.setdefault(label_norm(row["alias"]), (row["chart"], row["account_key"]))
    metrics, names, shares = [], {}, set()
    with (seeds / "metric_catalog.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            synonyms = tuple(s.strip().lower() for s in (row["synonyms"] or "").split("|") if len(s.strip()) >= 4)
            metrics.append((row["metric_code"], row["unit_of_measure"], synonyms))
            names[row["metric_code"]] = (row["name_nb"].strip().lower(), row["unit_of_measure"])
            if row["unit_of_measure"] == "pct" and not _CHANGE_NAME.search(f"{row['name_nb']} {row['name_en']}"):
                shares.add(row["metric_code"])
    broader = {code: frozenset(other for other, (other_name, other_measure) in names.items()
                               if other != code and other_measure == measure and other_name in name)
               for code, (name, measure) in names.items()}
    return Catalog(aliases=aliases, metrics=tuple(metrics), broader=broader, shares=frozenset(shares))


_CHANGE_NAME = re.compile(r"(?i)(?<![\wæøåäö])(?:endring|change|förändring|ændring|vekst|growth|økning|ökning)")


def impossible(metric: str, value: float, catalog: Catalog | None = None) -> str | None:
    """Why a fact of this metric cannot have this value, or None: a part of a whole in per cent (sick leave, a share)
    is between 0 and 100."""
    catalog = catalog or load_catalog()
    if metric in catalog.shares and not 0 <= value <= 100:
        return f"a per cent of a whole is 0 to 100, not {value:g}"
    return None


@lru_cache(maxsize=1 << 16)
def label_norm(text: str) -> str:
    """As macros/account_label.sql: lower case, parenthesised notes, formulas and marks removed."""
    text = re.sub(r"\([^)]*\)", " ", (text or "").lower())
    text = re.sub(r"^\s*=?\s*[a-e]\s*-\s*[a-e]\.?\s*", " ", text)
    text = re.sub(r"[*:]", " ", text)
    return " ".join(text.split())


def _metric_in(text: str, catalog: Catalog, unit: str | None, *, measures: tuple[str, ...] = ("pct", "count", "fte", "nok")
               ) -> str | None:
    """The metric whose longest synonym occurs in `text` as whole words, given the figure's unit.
    Money metrics need a specific word ("mindreforbruk", "disposisjonsfond"), not "resultat" or "fond"."""
    low = f" {text.lower()} "
    best, best_len = None, 0
    matched: dict[str, int] = {}  # every metric the text names, with its longest synonym
    for code, measure, synonyms in catalog.metrics:
        if measure not in measures or (unit is not None and unit not in _UNIT_OK.get(measure, {measure})):
            continue
        for syn in synonyms:
            if measure == "nok" and len(syn) < 8:
                continue
            if len(syn) > matched.get(code, 0) and (syn in low and re.search(rf"(?<![\wæøå]){re.escape(syn)}", low)
                                                    or " " in syn and _words_in(syn, low) and _inflected(syn).search(low)):
                matched[code] = len(syn)
    # a kind of a measure the text also names wins over the measure ("egenmeldt" beside "sykefravær")
    narrow = {code: n for code, n in matched.items() if not any(code in catalog.broader.get(o, ()) for o in matched)}
    for code, n in narrow.items():
        if n > best_len:
            best, best_len = code, n
    return best


def _words_in(synonym: str, low: str) -> bool:
    """Whether every word of a synonym of several words stands in the text: what `_inflected` needs before it can
    match, tested first (most texts name none of the synonyms: no pattern is built or run for them)."""
    return all(w in low for w in synonym.split())


@lru_cache(maxsize=4096)
def _inflected(synonym: str) -> re.Pattern:
    """A synonym of several words written with inflected words: "legemeldt sykefravær" in "det legemeldte
    sykefraværet", "egenmeldt sykefravær" in "egenmeldte sykefraværsdager" is not (a different measure):
    each word may take an ending of up to three letters, nothing more."""
    words = [re.escape(w) + r"[a-zæøå]{0,3}" for w in synonym.split()]
    return re.compile(r"(?<![\wæøå])" + r"\s+".join(words) + r"(?![\wæøå])")


# "per innbygger", "pr. indbygger", "per invånare", "per inhabitant", "per capita": one form for matching
_PER_CAPITA = re.compile(r"(?i)(?<![\wæøåäö])(?:per|pr\.?|pro|/)\s*(?:innbygg|innbyggj|indbygg|invånar|inhabitant|resident|"
                         r"capita)[a-zæøåäö]*")


def _per_capita_form(text: str) -> str:
    return " ".join(_PER_CAPITA.sub(" per innbygger ", text.lower()).split())


def per_capita_metric(topic: str, catalog: Catalog) -> str | None:
    """The metric per inhabitant a figure's topic names ("Netto lånegjeld per innbygger", "Nettogælden pr. indbygger"):
    the longest synonym of a per-inhabitant metric that says what is counted per inhabitant (the per words alone, or a
    synonym without them, name no measure), its words in some inflected form."""
    low = f" {_per_capita_form(topic)} "
    if "per innbygger" not in low:
        return None
    best, best_len = None, 0
    for code, measure, synonyms in catalog.metrics:
        if measure != "nok_per_capita":
            continue
        for syn in synonyms:
            form = _per_capita_form(syn)
            if "per innbygger" not in form or not form.replace("per innbygger", "").strip() or len(form) <= best_len:
                continue
            if _words_in(form, low) or _inflected(form).search(low):
                best, best_len = code, len(form)
    return best


# words a sentence puts around an account line's name that do not change which line it is ("De samlede
# driftsutgiftene", "kommunens totale driftsinntekter", "sum driftsinntekter")
_ACCOUNT_FILLER = {"sum", "samlede", "samlet", "samla", "samlade", "totale", "totalt", "total", "kommunens", "kommunen",
                   "fylkeskommunens", "selskapets", "årets", "de", "dei", "i", "alt", "til", "sammen", "sammanlagt", "sine"}


@lru_cache(maxsize=1)
def _account_stems(seeds: Path = SEEDS) -> dict[tuple[str, ...], str]:
    """The § 5-6 lines by the stems of their alias's words, filler words left out: ("driftsutgift",) -> "sum
    driftsutgifter". A set of stems two lines share is no line's (ambiguous)."""
    import snowballstemmer

    stemmer = snowballstemmer.stemmer("norwegian")
    lines: dict[tuple[str, ...], dict[str, str]] = {}  # stems -> {account key: an alias of it}
    for alias, (chart, account) in load_catalog(seeds).aliases.items():
        if chart != "5-6" or not alias:
            continue
        key = tuple(stemmer.stemWord(w) for w in re.findall(r"[a-zæøå\-]+", alias) if w not in _ACCOUNT_FILLER)
        if key:
            lines.setdefault(key, {}).setdefault(account, alias)
    return {key: next(iter(found.values())) for key, found in lines.items() if len(found) == 1}


def prose_account_line(f: ProseFigure, catalog: Catalog) -> str | None:
    """The § 5-6 account line an amount in running text is, when its topic is that line's name and nothing else
    ("Samlede driftsutgifter", "Driftsinntektene", "Netto driftsresultat", "Brutto driftsresultat"); any other word
    ("driftsutgifter til pleie og omsorg", "Kommunen brukte") leaves it unclassified."""
    import snowballstemmer

    from flows.reports.prose import clause_topic

    stemmer = snowballstemmer.stemmer("norwegian")
    for topic in (f.topic, clause_topic(f.text, f.printed)):  # the clause's own words: "..., og driftsinntektene var 912"
        words = [w.lower() for w in re.findall(r"[A-Za-zÆØÅæøå\-]+", topic or "")]
        key = tuple(stemmer.stemWord(w) for w in words if w not in _ACCOUNT_FILLER)
        if key and key in _account_stems():
            return _account_stems()[key]
    return None


_MIN_PERCENT_SYNONYM = 8  # "fravær", "avgang" (of fixed assets), "oppetid" alone say too little to refuse a scale


@lru_cache(maxsize=1 << 14)
def percent_metric_named(label: str) -> str | None:
    """The percent metric of the catalog a row label names ("Sykefravær", "Sjukefråvær totalt 2023", "Sjukfrånvaro
    blant lærarar") by a synonym of eight letters or more, or None."""
    catalog = load_catalog()
    metric = _metric_in(label_norm(label), catalog, None, measures=("pct",))
    if metric is None:
        return None
    low = f" {label_norm(label)} "
    synonyms = next(syns for code, _, syns in catalog.metrics if code == metric)
    return metric if any(len(s) >= _MIN_PERCENT_SYNONYM and s in low for s in synonyms) else None


def metric_named(label: str, catalog: Catalog) -> bool:
    """Whether a label is a metric's name or synonym itself ("Sykefravær", "Årsverk"): a measure, not a unit."""
    key = label_norm(label)
    return any(key == syn for _, _, synonyms in catalog.metrics for syn in synonyms)


def classify(cells: list[ReportCell], figures: list[ProseFigure], *, report_year: int | None,
             catalog: Catalog | None = None, unit_of=None, unit_named=None
             ) -> tuple[list[AccountAmount], list[MetricFact]]:
    """`unit_of(page, line)`: the unit whose chapter holds that place of the document, if any.
    `unit_named(label)`: the unit of the document a row label names ("" for the organisation itself), else None;
    a row naming a unit takes its metric from the column header, the header row's corner, the caption or the
    headings above (a per-unit table: "Sykefravær i prosent" over rows of sectors and columns of years)."""
    catalog = catalog or load_catalog()
    year0 = report_year or 0
    found: dict[tuple, str | None] = {}  # the cells of a row share its label, the rows of a table its caption

    def metric_in(text: str, unit: str | None, measures: tuple[str, ...] = ("pct", "count", "fte", "nok")) -> str | None:
        key = (text, unit, measures)
        if key not in found:
            found[key] = _metric_in(text, catalog, unit, measures=measures)
        return found[key]

    accounts: list[AccountAmount] = []
    facts: list[MetricFact] = []
    by_table: dict[int, list[ReportCell]] = {}
    for cell in cells:
        by_table.setdefault(cell.table_number, []).append(cell)
    for table_cells in by_table.values():
        follow_up = _follow_up_facts(table_cells, figures, metric_in, year0, unit_of)
        if follow_up is not None:
            facts.extend(follow_up)
            continue
        charts: dict[str, set[str]] = {}
        for c in table_cells:
            hit = catalog.aliases.get(label_norm(c.row_label))
            if hit:
                charts.setdefault(hit[0], set()).add(label_norm(c.row_label))
        chart = max(charts, key=lambda k: len(charts[k])) if charts else None
        group = _GROUP.search(f"{table_cells[0].caption or ''} {table_cells[0].heading_path or ''}")
        if chart and len(charts[chart]) >= MIN_ALIAS_ROWS and group:
            continue  # a group's statement (konsernrekneskap) is not the organisation's own account lines
        if chart and len(charts[chart]) >= MIN_ALIAS_ROWS:
            # an amount in euro (or another currency than kroner) is no account line in kroner: it stays a report cell
            accounts.extend(_account(c, chart, year0) for c in table_cells
                            if (c.scenario in _SCENARIO or (c.column_year and c.scenario == "other"))
                            and currency_in(c.scale_method) in (None, *KRONER))
            continue
        units = unit_rows([(c.row_label, c.corner, c.caption) for c in table_cells], unit_named)
        # two figures of one row under the same column header (a header line the layout lost: "Kvinner Menn
        # Totalt" under each year): which is the row's figure nobody can tell
        years = {c.column_year for c in table_cells if c.column_year}  # a column without its year beside them: none
        columns: dict[tuple, int] = {}
        for c in table_cells:
            key = (c.row_order, c.row_label, c.column_label, c.column_year)
            columns[key] = columns.get(key, 0) + 1
        for c in table_cells:
            if c.scenario not in ("other", "actual", "share_pct") and not _percent_metric_column(c):
                continue  # budgets and variances of key figures are not the figures themselves
            unit = "pct" if c.is_percent else None
            table_measures = ("pct", "count", "fte")  # money in tables is the accounts' business
            metric = metric_in(c.row_label, unit, table_measures)
            subject, unit_name = None, unit_of(c.page, c.line) if unit_of else None
            if metric is not None and _BREAKDOWN_PART.search(c.row_label or ""):
                subject = c.row_label  # "Total sjukfrånvaro kvinnor", "Sykefravær 30–49 år": a part of the total
            if metric is None:
                named = units.get(c.row_label)
                if metric_in(c.row_label, None) or named != TOTAL and label_norm(c.row_label) in catalog.aliases:
                    continue  # the row names another metric (or one of another measure), or an account line
                if columns[(c.row_order, c.row_label, c.column_label, c.column_year)] > 1 or c.column_year is None and years:
                    continue
                metric = _column_metric(c, unit, metric_in)
                if named == TOTAL:  # the sum of a per-unit table: the figure of what holds the units
                    pass
                elif named is not None:  # a per-unit table: the row is a unit (or the organisation), the metric above
                    unit_name = named or None
                elif not (c.column_period and dated_period(c.row_label or "")) \
                        and not _YEAR_ROW.match(c.row_label or ""):  # a row of periods or years names no part
                    subject = c.row_label or None
            if metric is None or not _unit_fits(metric, c, catalog):
                continue
            facts.append(MetricFact(metric=metric, value=round(c.value, 6), value_year=c.column_year or year0,
                                    report_year=year0, unit_name=unit_name, subject=subject, quarter=None,
                                    source_kind="table", provenance=_prov(c), period=_stock_period(metric, c, catalog)))
    for f in figures:
        if f.scenario is not None or f.unit == "year":
            continue  # a budget, or a comparison of unknown year, stated beside the actual figure is not the figure;
            # an event's year ("stiftet i 1995") measures nothing
        if _difference(f.text, f.printed) or _not_the_level(f):
            continue  # "12,1 mnkr bättre än budget", "en stigning på 3 årsverk": a difference, not the level
        line = prose_account_line(f, catalog) if f.unit == "nok" and not f.part else None
        if line is not None:  # "Samlede driftsutgifter var 845,3 mill. kr": the account line the words name
            accounts.append(AccountAmount(
                statement="5-6", table_title=f"tekst: {f.printed}: {f.text[:110]}", row_label=line, row_code=None, row_order=1,
                scenario="regnskap", value_year=f.year or year0, report_year=year0, amount_nok=f.value,
                raw_value=f.printed, scale=1.0, scale_method="prose: stated in the running text", unit_name=None,
                provenance=Provenance(_doc(cells), "", f.page, f.line, f.text[:300])))
            continue
        if f.unit == "nok_per_capita":
            metric = per_capita_metric(f.topic, catalog)  # never a total's metric, only one per inhabitant
        else:
            metric = metric_in(f.topic, "count" if f.unit in ("persons", "count") else f.unit)
        if metric is None:
            continue
        unit_name, subject = unit_of(f.page, f.line) if unit_of else None, None
        if f.part:  # "Økonomi 12,5 årsverk", "I Oppvekst var sjukefråværet 7,4 %": a unit's figure, or a part's
            named = unit_named(f.part) if unit_named else None
            if named:
                unit_name = named
            elif named is None:
                subject = f.part
        facts.append(MetricFact(metric=metric, value=f.value, value_year=f.year or year0, report_year=year0,
                                unit_name=unit_name, subject=subject, quarter=None, source_kind="prose",
                                provenance=Provenance(_doc(cells), "", f.page, f.line, f.text[:300]), period=f.period))
    return accounts, facts


# a list introduced as the same figures for other years ("Tilsvarende tall for tidligere år:", "Tilsvarande tal for
# dei føregåande åra", "Motsvarande siffror för tidigare år", "Corresponding figures for previous years"), its rows
# labelled by year ("2017: 8 prosent")
_FOLLOW_UP = re.compile(r"(?i)^\s*(?:tilsvarende|tilsvarande|motsvarande|tilsvarende|corresponding|equivalent|the\s+same)\s+"
                        r"(?:tall|tal|tala|siffror|siffrorna|tal|figures|numbers|values)(?![\wæøå])")
_YEAR_ROW = re.compile(r"^\s*(?P<year>(?:19|20)\d\d)\s*:?\s*$")
# a row naming a metric for one sex or age band ("Total sjukfrånvaro kvinnor", "Sykefravær menn", "Sjukfrånvaro 30–49
# år", "Fravær over 60 år"): a breakdown member of the metric, never its total (language data)
_BREAKDOWN_PART = re.compile(
    r"(?i)(?<![\wæøåäö])(?:kvinner|kvinnor|kvinder|kvinnar|kvinne|kvinna|menn|män|mænd|mann|karar|women|men|female|"
    r"male|kvinnlige|kvinnelige|manliga|mannlige)(?![\wæøåäö])"
    r"|(?:(?<!\d)\d{1,2}\s*[-–]\s*\d{1,2}|[-–]\s*\d{1,2}|(?<!\d)\d{1,2}\s*[-–+]|(?:over|under|över|upp till)\s+\d{1,2})\s*år(?![\wæøåäö])")


def _follow_up_facts(cells: list[ReportCell], figures: list[ProseFigure], metric_in, year0: int, unit_of
                     ) -> list[MetricFact] | None:
    """The rows of a list that gives the same measure for other years ("Utskifting av ansatte i 2018 var 6,6 prosent.
    Tilsvarende tall for tidligere år: 2017: 8 prosent, 2016: 6,25 prosent"): each the measure of the last figure the
    text stated right above (within a dozen lines of the same page), in the year its row names. None when the table
    is no such list; no facts when that figure names no metric or the rows' unit is another."""
    first = cells[0]
    if not _FOLLOW_UP.match(first.caption or "") or not all(_YEAR_ROW.match(c.row_label or "") for c in cells):
        return None
    above = [f for f in figures if f.page == first.page and first.line - 12 <= f.line < first.line and f.scenario is None]
    if not above:
        return []
    stated = max(above, key=lambda f: f.line)
    metric = metric_in(stated.topic, "count" if stated.unit in ("persons", "count") else stated.unit)
    if metric is None or any(c.is_percent != (stated.unit == "pct") for c in cells):
        return []
    return [MetricFact(metric=metric, value=round(c.value, 6), value_year=int(_YEAR_ROW.match(c.row_label).group("year")),
                       report_year=year0, unit_name=unit_of(c.page, c.line) if unit_of else None, subject=None,
                       quarter=None, source_kind="table", provenance=_prov(c)) for c in cells]


def _difference(text: str, printed: str) -> bool:
    """Whether the figure printed in `text` is stated as a difference (a change, or a comparison with a budget or
    another figure), not as a level."""
    at = text.find(printed)
    if at < 0:
        return False
    last = printed.split()[-1] if printed.split() else ""
    after = at + len(printed) - (len(last) if last.isalpha() else 0)  # "kr 1.761.942,50 høyere": the reader took the word
    head = text[max(0, at - 40):at]
    return DIFFERENCE_AFTER.match(text, after) is not None or CHANGE_BEFORE.search(head) is not None \
        or _UP_DOWN_BEFORE.search(head) is not None


# a figure's words naming a budget ("budgeterat resultat plus 8,3 Mkr", "et samlet budget på 2,5 mia. kr.") or a
# group's accounts ("kommunkoncernen"): not the organisation's actual figure
_BUDGETED_TOPIC = re.compile(r"(?i)(?<![\wæøåäö])(?:budgeter(?:at|ad|ade)|budsjetter(?:t|te)|budgetter(?:et|ede)|"
                             r"planlagt|prognos\w*|forventet)\s+[a-zæøåäö]|(?<![\wæøåäö])(?:budget|budsjett)\w*\s*$")
# a per cent of a population ("61 procent av myndigheterna", "40 % af de ansatte"), not a rate of the time worked
_SHARE_OF = re.compile(r"(?i)\s*(?:av|af|of)\s+(?!(?:den\s+|det\s+|the\s+)?(?:ordinarie|samlede?|totale?|total|mulige|möjlig|"
                       r"avtalte?|tillgänglig|tilgjengelig|planlagt|arbets|arbeids|arbejds|dagsverk|dagsværk|working|possible))")


def _not_the_level(f: ProseFigure) -> bool:
    """A prose figure that is a budget's or a group's, or a per cent of a population, not the organisation's level."""
    if _BUDGETED_TOPIC.search(f.topic) or re.search(r"(?i)konsern|koncern", f.topic):
        return True
    at = f.text.find(f.printed)
    return f.unit == "pct" and at >= 0 and _SHARE_OF.match(f.text, at + len(f.printed)) is not None


def _stock_period(metric: str, c: ReportCell, catalog: Catalog) -> str | None:
    """The period of a table figure: full-time equivalents counted in December ("Desember 2015 | 166") are the staff
    at the year's end, the year's figure as "per 31.12" is; any other part of a year stays the cell's period."""
    if c.column_period == "M12" and next(m for code, m, _ in catalog.metrics if code == metric) == "fte":
        return None
    return c.column_period


def _percent_metric_column(c: ReportCell) -> bool:
    """A column the header reader took for a per cent of the budget because its head ends in "prosent"
    ("Sykefraværsprosent", "Sjukefråværsprosent"): the head is a percent metric's own name and says nothing of a
    change or a plan, so its figures are that metric's level."""
    label = c.column_label or ""
    return c.scenario == "variance_pct" and not _NOT_THE_YEARS_FIGURE.search(label) \
        and percent_metric_named(label) is not None


def _column_metric(c: ReportCell, unit: str | None, metric_in) -> str | None:
    """The metric of a row that names none: the nearest label that names one, the column header ("Årsverk 2021"),
    the header row's corner ("Sjukefråvær"), the caption, then the heading right above when it is about one thing
    ("Sykefravær", not "Årsverk og personal": a chapter's topics say nothing of the table's figures). The nearest
    label that names a metric decides: a column of another metric or measure ("Antall ansatte" in a sick-leave
    table) gives none. A column of targets ("Mål 2022") gives none, nor one of a part of the year its cells do not carry
    as their period."""
    # a part of the year the cell carries as its period (layout.periods) is no reason to refuse the column
    label = without_period(c.column_label or "") if c.column_period else (c.column_label or "")
    if _NOT_THE_YEARS_FIGURE.search(label) or _breakdown_column(label):
        return None
    nearest = (c.heading_path or "").split(" > ")[-1]
    for text in (c.column_label, c.corner, c.caption, None if _SEVERAL_TOPICS.search(nearest) else nearest):
        if not text or _page_title(text):
            continue
        metric = metric_in(text, unit, ("pct", "count", "fte"))
        if metric is not None:
            return metric
        if metric_in(text, None, ("pct", "count", "fte")):
            return None  # this label names a metric of another measure
    return None


@lru_cache(maxsize=4096)
def _breakdown_column(label: str) -> bool:
    """Whether a column header names more than a year, a metric and a total: a breakdown member ("2020 Kvinner",
    "Faste", "Deltid") whose figure is a part of the row's, not the row's figure itself."""
    catalog = load_catalog()
    rest = f" {label.lower()} "
    for syn in sorted({s for _, _, synonyms in catalog.metrics for s in synonyms}, key=len, reverse=True):
        if syn in rest:
            rest = re.sub(rf"(?<![\wæøå]){re.escape(syn)}(?![\wæøå])", " ", rest)
    rest = _TOTAL_WORDS.sub(" ", re.sub(r"[\d%.,:;()/\-–]+", " ", rest))
    return bool(re.search(r"[a-zæøåäöé]{2,}", rest))


def _unit_fits(metric: str, cell: ReportCell, catalog: Catalog) -> bool:
    measure = next(m for code, m, _ in catalog.metrics if code == metric)
    if measure == "pct":
        return cell.is_percent or "%" in f"{cell.caption} {cell.column_label} {cell.row_label}" or \
            (0 <= cell.value <= 100 and "," in cell.printed)
    if measure == "count" and cell.value != int(cell.value):
        return False  # "6,5" is no number of people, cases or days counted
    if measure in ("count", "fte"):
        return not cell.is_percent and 0 <= cell.value < 100_000 and cell.scale == 1 and "%" not in cell.column_label \
            and not _MONEY.search(f"{cell.corner} {cell.column_label}")  # "Godtgjersle (i kroner)": amounts, no heads
    return not cell.is_percent


def _doc(cells: list[ReportCell]) -> str:
    return cells[0].document_id if cells else ""


def _prov(c: ReportCell) -> Provenance:
    return Provenance(c.document_id, c.file_name, c.page, c.line, c.excerpt)


def _account(c: ReportCell, chart: str, year0: int) -> AccountAmount:
    scenario = _SCENARIO.get(c.scenario, "regnskap")
    year = c.column_year or (year0 - 1 if c.scenario == "prior_year" else year0)
    return AccountAmount(
        statement="5-6" if chart == "5-6" else "unit", table_title=c.caption, row_label=c.row_label, row_code=c.row_code,
        row_order=c.row_order, scenario=scenario, value_year=year, report_year=year0, amount_nok=c.value,
        raw_value=c.printed, scale=c.scale, scale_method=c.scale_method, unit_name=None, provenance=_prov(c))
