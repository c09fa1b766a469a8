"""Cell lookup: any figure printed in a report table (fct_report_cell), found by its row label as
written, narrowed by organisation, year and column (regnskap, budsjett, …). Answers what no governed
measure covers ("Interessekapital Stord kommune"), labelled as read from table X on page Y — not a
governed measure.

Applies only when the warehouse has fct_report_cell and a row label is named by the question (every content
word in some word form, or its leading word when no label is named in full: see `best_labels`); two different
labels named equally well by their leading word are returned as suggestions (status clarify) instead of
picking one.

A statement printing the organisation and its group side by side gives the group's column only when the question asks
for the group ("konsernet", "kommunkoncernen", "the group"), the organisation's own otherwise (GROUP_COLUMN). Budget
against actual ("regnskap mot budsjett", "under budget, by how much") gives the actual, the budget and the deviation the
table prints, also when the deviation's head prints no year.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from app.engine.asked_unit import AMOUNT, PERCENT, unit_asked
from app.engine.families.base import Question, Reading, Refusal, in_list, sql_str
from app.engine.families.scope import asks_whole_period
from app.engine.format import format_in_currency
from app.engine.names import written_as_names
from app.engine.periods import part_filter
from app.engine.quantities import other_vat_columns, printed_label_sql, rows_of_quantity
from app.engine.text import normalise
from app.engine.wordforms import (
    LabelIndex,
    LabelMatch,
    Terms,
    is_content,
    stem,
    term_present,
    to_norwegian,
    with_compounds_written_apart,
    words,
)
from flows.months import MONTH_NUMBER

NAME = "cell_lookup"

# words that ask the accounts' column itself ("regnskap 2031"); "resultat" asks it too, unless it is the row's own word
ACCOUNTS_CUES = (r"regnskap\w*", r"rekneskap\w*", r"actual\w*", r"faktisk\w*")
# words that ask the deviation from the budget: the actual and the budget are asked with it
VARIANCE_CUES = (r"avvik\w*", r"variance", r"deviation\w*", r"differanse\w*", r"mer-?\s*/?\s*mindreforbruk\w*",
                 r"merforbruk\w*", r"meirforbruk\w*", r"mindreforbruk\w*", r"overforbruk\w*", r"underforbruk\w*",
                 r"overspen\w*", r"underspen\w*", r"over budget", r"under budget", r"budget overrun", r"avvikelse\w*")
# words that ask a budget: the budget itself, or the økonomiplan's plan years ("planned for 2030", "i økonomiplanen")
BUDGET_CUES = (r"budsjett\w*", r"budget\w*", r"økonomiplan\w*", r"planned", r"planlagt\w*", r"planlagd\w*")
SCENARIOS = (  # question cue -> scenario values (fct_report_cell.scenario), most specific first
    ((r"regulert\w* budsjett\w*", r"revidert\w* budsjett\w*", r"reg\.? budsjett\w*", r"revised budget\w*",
      r"justert\w* budsjett\w*", r"endr(?:a|et|ede|a) budsjett\w*", r"adjusted budget\w*", r"amended budget\w*"),
     ("revised_budget", "budget")),
    ((r"opprinnelig\w* budsjett\w*", r"opprinneleg\w* budsjett\w*", r"opphavleg\w* budsjett\w*",
      r"vedtatt\w* budsjett\w*", r"vedteke\w* budsjett\w*", r"original\w* budget\w*", r"initial budget\w*",
      r"adopted budget\w*", r"oppr\.? budsjett\w*"), ("original_budget", "budget")),
    # "budsjettavvik", "budgetavvikelse", "budget variance": the variance against the budget, not the budget
    ((r"budsjett-?avvik\w*", r"budget-?avvik\w*", r"budget variance\w*"), ("variance",)),
    ((r"budsjett(?!-?avvik)\w*", r"budget(?!-?avvik|\s+variance)\w*", *BUDGET_CUES[2:]),
     ("budget", "revised_budget", "original_budget")),
    (VARIANCE_CUES, ("variance",)),
    ((*ACCOUNTS_CUES, r"resultat"), ("actual",)),
)
COMPARE = (r"og", r"and", r"compare\w*", r"sammenlign\w*", r"samanlikn\w*", r"vs\.?", r"versus")
# the figure measured against the budget ("over budsjett", "above budget", "mer enn budsjettert") also asks the figure
VERSUS = (r"mot", r"against", r"versus", r"vs\.?", r"compared with", r"sammenlignet med", r"samanlikna med",
          r"(?:above|below|over|under|beyond|within) (?:the )?budget\w*", r"(?:over|under|innanfor|innenfor) budsjett\w*",
          r"(?:enn|than) (?:the )?budsjett\w*", r"than budget\w*", r"(?:enn|than) budsjettert", r"budget overrun",
          r"compared to", r"samanlikna", r"sammenlignet", r"relative to", r"i forhold til",
          r"compare\w* (?:with|to|against)", r"sammenlign\w* med", r"samanlikn\w* med", r"jamført med", r"jamfør\w*",
          r"sett opp mot", r"målt mot", r"measured against", r"set against")
# a second ask joined to the first ("…, og hva var budsjettert?", "and what was the revised budget"): the
# figure itself and the budget both, never the budget alone
TWO_ASKS = (r"(?:og|and|samt|,)\s+(?:hva|hvor|kva|kor|what|how|which|hvilket|hvilken|korleis|did|was|were)",
            r"både", r"both", r"as well as", r"og det|and the", r"og kva|og hva")

# A statement printing the organisation and its group side by side ("Kommunen 2031" / "Koncernen 2031", "Kommune" /
# "Konsern", "Parent" / "Group"): a column whose head names the group (SQL regex over the lower-cased column label),
# and the question's words that ask for the group's figure; a question naming no group asks the organisation's own.
GROUP_COLUMN = r"konsern|koncern|sammanst[äa]ll|consolidated|(^|[^a-z])group([^a-z]|$)"
GROUP_CUES = (r"\w*konsern\w*", r"\w*koncern\w*", r"sammanst[äa]ll\w*", r"consolidated", r"(?:the|its|their) group(?:'s)?",
              r"the \w+(?:'s)? group",
              r"group(?:'s)? (?:total|figure|balance|accounts?|statements?)", r"group level", r"for the group")

# A comparison table's column of a group of organisations or their average ("K.gr 13 2031", "Kostragruppe 08", "Landet
# uten Oslo", "Snitt fylket", "Gjennomsnitt kommunene"): never the reporting organisation's own figure (SQL and Python
# regex over the lower-cased column label)
COMPARISON_COLUMN = (r"(^|[^a-zæøåäö])(k\.? ?gr\.?|kostra ?-?gr\w*|kostragruppe\w*|gruppe \d+|landet|heile landet|hele landet|"
                     r"landsgjennomsnitt\w*|landssnitt\w*|fylket|fylkessnitt\w*|fylkesgjennomsnitt\w*|norge|noreg|riket|"
                     r"(?:snitt|gjennomsnitt|gj\.? ?snitt|middel)(?: (?:i |for )?(?:fylket|landet|kommunene|kommunane|kostra\w*|"
                     r"gruppe\w*|k\.? ?gr\w*))|national average|county average|kostra group)([^a-zæøåäö]|$)")

# a caption naming the organisation's own scope ("för kommunen och den kommunala koncernen", "kommunen og konsernet",
# "parent and group"): SQL regex over the lower-cased caption
OWN_CAPTION = (r"(^|[^a-zæøåäö])(kommunen|kommunens|kommunekassen|fylkeskommunen|morselskap\w*|moderbolag\w*|"
               r"municipality|parent)([^a-zæøåäö]|$)")

# the organisation's own figures named beside the group's ("for kommunen og for konsernet", "both the municipality and
# the group"): both scopes asked
OWN_CUES = (r"(?:for |i |in )?(?:kommunen|kommunens|kommunkoncernen|kommunekassen|kommunekassa|fylkeskommunen|"
            r"morselskap\w*|the municipality|the parent(?: company)?|the county)(?= og| and| samt|,)",
            r"(?:og|and|samt) (?:for |i |in )?(?:kommunen|fylkeskommunen|morselskap\w*|the municipality|the parent)",
            # the group measured against the organisation itself ("compare the group with the municipality", "konsernet
            # mot kommunen", "morselskapet og konsernet"): both columns
            r"(?:with|against|to|versus|vs\.?|med|mot|mellom|between|og|and) (?:for |i |in )?(?:the |den )?"
            r"(?:kommunen|kommunens|kommunekassen|kommunekassa|fylkeskommunen|morselskap\w*|municipality(?!'s group)|"
            r"municipal accounts|parent(?: company)?|county(?: council)?|kommune(?= \d| i | in |$))(?!\w)",
            # "compare X with the (municipal) group": the organisation itself and its group
            r"(?:compare\w*|sammenlign\w*|samanlikn\w*|jämför\w*)\b.*\b(?:with|against|to|versus|vs\.?|med|mot|og|and|"
            r"och)\s+(?:the |its |den |det )?(?:\w+ )?(?:group|\w*konsern\w*|\w*koncern\w*)(?!\w)",
            r"(?:kommunen|kommunens|morselskap\w*|the municipality|the parent(?: company)?|kommunekassen)"
            r" (?:with|against|versus|vs\.?|med|mot|og|and|compared)(?= (?:the |its |their )?(?:group|\w*konsern|\w*koncern))")
# the organisation's own column, named as such, when the table prints the group's beside it (said in the answer)
OWN_SCOPE_WORDS = {"en": "the organisation's own column (the table also prints the group's)",
                   "nb": "organisasjonens egen kolonne (tabellen viser også konsernets)"}

@dataclass(frozen=True)
class TableSpec:
    table: str
    label: str            # row label column
    value: str            # value column (as printed sign)
    year: str
    scenario: str | None
    organisation: str | None
    column_label: str | None
    caption: str | None
    page: str
    file: str
    table_no: str | None
    excerpt: str | None
    column_year: str | None = None  # the year the column head prints (null: none; the warehouse dates it by the report)
    is_percent: str | None = None   # the cell is a percent (its column or row says so)
    period_start: str | None = None  # first and last month of the part of the year the cell is for (null: whole year)
    period_end: str | None = None
    scale_method: str | None = None  # how the cell's scale was decided; names a currency other than kroner


def spec_for(columns: frozenset[str]) -> TableSpec:
    pick = lambda *names: next((n for n in names if n in columns), None)  # noqa: E731
    return TableSpec(table="fct_report_cell", label="row_label", value="value", year=pick("value_year", "column_year"),
                     scenario=pick("scenario"), organisation=pick("organisation"), column_label=pick("column_label"),
                     caption=pick("caption", "heading_path"), page=pick("page"), file=pick("file_name"),
                     table_no=pick("table_number", "table_index"), excerpt=pick("excerpt"),
                     column_year=pick("column_year") if "value_year" in columns else None, is_percent=pick("is_percent"),
                     period_start=pick("period_start_month"), period_end=pick("period_end_month"),
                     scale_method=pick("scale_method"))


def _named_heads(q: Question, cv, spec, label_names: list[str], org_stems: set[str]) -> list[str]:
    """The column heads (printed without a year) that the question's words name beside the row's own words."""
    if not spec.column_label or not getattr(cv, "column_words", ()):
        return []
    from app.engine.families.label_search import named_columns

    row_words = {stem(w) for n in label_names for w in words(n)}
    heads = named_columns(q, cv.column_words, set(org_stems) | row_words)
    return [h for h in heads if not {stem(w) for w in words(h)} <= row_words]


def _body_rows(cv, orgs: list[str], terms: Terms, exclude: set[str]) -> tuple[list, list[str]]:
    """The rows of organisations named only by the rows of a table of organisations (never a document's owner), when
    the question names a column their rows print by its leading words ("sjukefråvær" ~ «Sjukefråvær 3. kv. 2031
    (prosent)»): (their row labels, the columns named); ([], []) otherwise."""
    bodies = [o for o in orgs if o in getattr(cv, "body_organisations", frozenset())]
    if not bodies or len(bodies) != len(orgs) or not getattr(cv, "body_columns", None):
        return [], []
    heads = sorted({h for o in bodies for h in cv.body_columns.get(o, ())})
    index = LabelIndex(heads)
    named = [m for m in index.match(terms, min_cover=1.0) if _own(m.label, exclude)] \
        or [m for m in index.partial_head(terms, frozenset(exclude)) if _own(m.label, exclude)]
    if not named:
        return [], []
    top = max(m.weight for m in named)
    picked = [m.label for m in named if m.weight >= top - 1e-9]
    rows = sorted(label for label, owners in cv.row_organisations.items() if owners & set(bodies))
    if not rows:
        return [], []
    used = frozenset().union(*(m.used for m in named if m.label in picked))
    return [LabelMatch(label, 1.0, 1, used, top) for label in rows], picked


def asked_scenarios(q: Question) -> list[tuple[str, ...]]:
    out = []
    for cues, values in SCENARIOS:
        if q.has(*cues):
            if not any(set(values) & set(v) for v in out):
                out.append(values)
    return out


RATIO = re.compile(r"(?<!\w)(?:per|pr\.?|each|for each|for hver|for kvar)\s+([a-zæøå]{3,})")
NOT_RATIO = {stem(w) for w in """år året year years måned månad month months kvartal quarter quarters uke veke week weeks
dag day days halvår half kommune kommunen kommuner municipality municipalities enhet eining unit units sektor sector
område area kategori category type tertial""".split() + list(MONTH_NUMBER)}  # "per august": a date


def narrowing_word(q: Question, labels: list[str]) -> str | None:
    """An English word right before a word the label translates, itself a domain word the label does not hold
    ("fixed salaries" for "Lønnsutgifter", "net result" for "Brutto driftsresultat"): the question asks for a part
    or another kind of the line. Returns that word."""
    if q.lang != "en":
        return None
    from app.engine.wordforms import EN_TO_NB, STOPWORDS

    held = " ".join(labels).lower()

    def norwegian(w: str) -> list[str]:
        t = EN_TO_NB.get(w)
        return [] if t is None else [t] if isinstance(t, str) else list(t)

    def in_label(w: str) -> bool:
        return any(stem(t)[:5] in held for t in norwegian(w))

    ws = words(PERCENT_BASE.split(q.text, maxsplit=1)[0])  # (a percent's base qualifies the base: `net_gross_not_in`)
    for a, b in zip(ws, ws[1:]):  # side by side as written: "fixed salaries", not "sales and user fees"
        if a not in STOPWORDS and norwegian(a) and not in_label(a) and in_label(b):
            return a
    return None


# net and gross are different figures of the same line: a label saying neither (or the other) is not the one asked
# (an unqualified line is the gross figure as printed, so only the net one is guarded)
NET_GROSS = (((r"netto", r"net"), (r"netto", r"net")),)


PERCENT_BASE = re.compile(r"(?<!\w)(?:(?:i )?(?:prosent\w*|%|andel\w*|del) av|(?:as )?a (?:percentage|share|proportion|"
                          r"part) of|(?:percent|per cent|percentage|share|proportion) of)(?!\w)")


def net_gross_not_in(q: Question, labels: list[str]) -> str | None:
    """"Netto driftsutgifter" when the best label is "Sum driftsutgifter" (or "Brutto driftsutgifter"): the question
    asks for the net (gross) figure, which no label offered states. Returns the word asked, or None."""
    held = " ".join(labels).lower()
    own = {stem(w) for label in labels for w in words(label)}
    # the base of a percent asked ("as a percentage of gross operating revenue") qualifies the base, not the line
    ws = words(PERCENT_BASE.split(q.text, maxsplit=1)[0])
    for cues, stated in NET_GROSS:
        if re.search(r"(?<!\w)(?:" + "|".join(stated) + r")", held):
            continue
        for a, b in zip(ws, ws[1:]):
            # the word qualifies one the labels print ("netto driftsutgifter" ~ "Sum driftsutgifter"), not another
            # ("netto lånegjeld i % av brutto driftsinntekter" of the line "Netto lånegjeld")
            if a not in cues:
                continue
            for t in {stem(b), stem(to_norwegian(b))}:
                if t in own or len(t) >= 4 and any(len(o) >= 5 and (t.startswith(o) or o.startswith(t)) for o in own):
                    return a
    return None


def ratio_not_in(q: Question, labels: list[str]) -> str | None:
    """"lånegjeld per innbygger": a ratio the question asks that none of the labels states is a different figure
    from the label's total; returns the words, or None."""
    own = {stem(w) for label in labels for w in words(label)}
    for m in RATIO.finditer(q.text):
        s = stem(m.group(1))
        if s in NOT_RATIO or s in own or any(len(o) >= 5 and (o.startswith(s) or s.startswith(o)) for o in own):
            continue
        return m.group(0)
    return None


def group_column_filter(spec: TableSpec, group: bool) -> str:
    """SQL over cell `c`: the group's columns when the question asks for the group; otherwise the organisation's own
    columns wherever the same row and year also print the group's (a row printed for one scope only stays)."""
    is_group = lambda alias: group_cell(spec, alias)  # noqa: E731
    if group:
        return is_group("c")
    same = [f"a.{spec.label} = c.{spec.label}"]
    same += [f"a.{col} is not distinct from c.{col}" for col in (spec.year, spec.file, spec.organisation) if col]
    return (f"(not {is_group('c')} or not exists (select 1 from fct_report_cell as a where "
            + " and ".join(same) + f" and not {is_group('a')}))")


def group_cell(spec: TableSpec, alias: str) -> str:
    """SQL: the cell is the group's, by its column head ("Konsern 2041") or its table's caption ("Konsernbalanse",
    "… - Konsern")."""
    head = f"regexp_matches(lower(coalesce({alias}.{spec.column_label}, '')), {sql_str(GROUP_COLUMN)})"
    if not spec.caption:
        return head
    # a caption naming both scopes ("Resultaträkning för kommunen och den kommunala koncernen") is a table printing
    # them side by side: its column heads say which cell is the group's
    caption = f"lower(coalesce({alias}.{spec.caption}, ''))"
    return (f"({head} or (regexp_matches({caption}, {sql_str(GROUP_COLUMN)}) and not "
            f"regexp_matches({caption}, {sql_str(OWN_CAPTION)})))")


def unclassified_actual(spec: TableSpec) -> str:
    """SQL over cell `c`: the actual figure of a row whose year's column the reader left unclassified ("2019" beside
    "Budget 2019", "Kommunen 2021" beside "Kommunen Budget 2021" and the group's "Kommunkoncernen 2021"): the one
    column of the organisation's own that prints the year, where the same row prints a budget of that year and no
    column read as the accounts. Never a guess among several such columns ("Intäkter", "Kostnader", "Netto"), unless the
    row's own arithmetic names one: the column whose figure differs from the budget by the deviation the row prints
    ("Netto −379", "Budget −405", "Avvikelse 26"), within the rounding of figures printed in thousands or millions."""
    if not (spec.column_label and spec.column_year and spec.year):
        return "false"
    same = " and ".join([f"a.{spec.label} = c.{spec.label}", f"a.{spec.year} = c.{spec.year}"] + [
        f"a.{col} is not distinct from c.{col}" for col in (spec.file, spec.table_no, spec.organisation) if col])
    cells = "from fct_report_cell as a where " + same
    budgets = "('budget', 'revised_budget', 'original_budget')"
    # the deviation of the same row: of the year, or printed without one beside the year's columns
    dev_same = " and ".join([f"d.{spec.label} = c.{spec.label}", f"(d.{spec.year} = c.{spec.year} or d.{spec.column_year} is null)"]
                            + [f"d.{col} is not distinct from c.{col}" for col in (spec.file, spec.table_no, spec.organisation)
                               if col])
    identity = (f"exists (select 1 {cells} and a.{spec.scenario} in {budgets} and exists (select 1 from fct_report_cell as d"
                f" where {dev_same} and d.{spec.scenario} = 'variance' and d.{spec.value} <> 0 and abs(abs(c.{spec.value}"
                f" - a.{spec.value}) - abs(d.{spec.value})) <= 0.005 * greatest(abs(c.{spec.value}), abs(a.{spec.value}))))")
    return (f"(c.{spec.scenario} = 'other' and c.{spec.column_year} is not null and not {group_cell(spec, 'c')}"
            f" and exists (select 1 {cells} and a.{spec.scenario} in {budgets})"
            f" and not exists (select 1 {cells} and a.{spec.scenario} = 'actual')"
            f" and ((select count(*) {cells} and a.{spec.scenario} = 'other' and a.{spec.column_year} is not null"
            f" and not {group_cell(spec, 'a')}) = 1 or {identity}))")


def own_beside_group(spec: TableSpec) -> str:
    """SQL select item over cell `c`: whether the same row and year also print a group's column ("Kommunen 2031" beside
    "Konsern 2031"), so the answer can say it gave the organisation's own column."""
    same = [f"a.{spec.label} = c.{spec.label}"]
    same += [f"a.{col} is not distinct from c.{col}" for col in (spec.year, spec.file, spec.organisation) if col]
    return (f"(not {group_cell(spec, 'c')} and exists (select 1 from fct_report_cell as a where " + " and ".join(same)
            + f" and {group_cell(spec, 'a')})) as group_beside")


def organisation_column_patterns(orgs) -> dict[str, str]:
    """Each organisation with the regex over a lower-cased column head that names it by its own words alone, a year
    or nothing after ("sørdal 2031", "sørdal"): a comparison table's column of that organisation."""
    out = {}
    for name in orgs:
        own = [w for w in words(str(name).lower()) if stem(w) not in ORG_GENERIC and len(w) >= 3]
        if own:
            out[str(name)] = r"^\s*" + r"\s+".join(re.escape(w) for w in own) + r"\s*(?:(?:19|20)\d\d)?\s*$"
    return out


def comparison_filters(spec: TableSpec, orgs: list[str], group_asked: bool) -> tuple[list[str], str | None]:
    """(SQL conditions over cell `c`, SQL expression of the cell's organisation) for a table printing organisations
    side by side ("Nordvik 2031 | Sørdal 2031 | K.gr 13 2031"): a column is the figure of the organisation its head names.
    In a table one of whose heads names an organisation asked, only the columns of those asked (and a group's column
    when the question asks for it); a KOSTRA group's or the country's column ("K.gr 13", "Landet uten Oslo") only when
    asked, never as the organisation's own figure. The organisation of a cell is its column's, else the reporter's."""
    if not spec.column_label:
        return [], None
    head = f"lower(coalesce(c.{spec.column_label}, ''))"
    is_group = f"regexp_matches({head}, {sql_str(COMPARISON_COLUMN)})"
    where = [] if group_asked else [f"not {is_group}"]
    patterns = organisation_column_patterns(orgs)
    if not patterns:
        return where, None
    names = lambda alias: " or ".join(  # noqa: E731
        f"regexp_matches(lower(coalesce({alias}.{spec.column_label}, '')), {sql_str(p)})" for p in patterns.values())
    same = [f"a.{col} = c.{col}" for col in (spec.file, spec.table_no) if col]
    if same:
        where.append(f"(({names('c')}){f' or {is_group}' if group_asked else ''} or not exists (select 1 from "
                     f"fct_report_cell as a where {' and '.join(same)} and ({names('a')})))")
    whose = ("case " + " ".join(
        f"when regexp_matches({head}, {sql_str(p)}) then {sql_str(name)}" for name, p in patterns.items())
        + f" else c.{spec.organisation} end") if spec.organisation else None
    return where, whose


def rows_named_apart(index: LabelIndex, terms: Terms, exclude: set[str]) -> list:
    """Rows a comparison names each by its own word, the word they share left out ("levekår mot oppvekst" for
    «Kommunalavdeling levekår» and «Kommunalavdeling oppvekst»): two to six labels, each named but for the same
    unnamed words, named by different words of four letters or more; the one such set, else none."""
    groups: dict[frozenset[str], list] = {}
    for m in index.match(terms, min_cover=0.0):
        if m.cover >= 1.0 or not _own(m.label, exclude):
            continue
        ts = index.terms_of(m.label)
        unnamed = frozenset(t for t in ts if not term_present(t, terms))
        own = {t for t in ts if t not in unnamed and t not in exclude and len(t) >= 4}
        if unnamed and own and len(unnamed) < len(ts):
            groups.setdefault(unnamed, []).append((m, frozenset(own)))
    found = []
    for unnamed, members in groups.items():
        if unnamed <= ORG_GENERIC:
            continue  # «Nordby kommune» / «Vestby kommune»: organisations' rows, compared under the column asked
        words_ = [own for _, own in members]
        # each row named by a question word of its own: «Udgifter i alt» is not named apart from «Serviceudgifter» by
        # the part of "serviceutgifter" that names both
        asked = [m.used for m, _ in members]
        if 2 <= len(members) <= 6 and all(not (a & b) for i, a in enumerate(words_) for b in words_[i + 1:]) \
                and all(not (a & b) for i, a in enumerate(asked) for b in asked[i + 1:]):
            found.append([m for m, _ in members])
    return found[0] if len(found) == 1 else []


def time_stems(q: Question) -> set[str]:
    """Stems of the words the question names its period by ("1. tertial", "andre kvartal", "mars", "2011")."""
    return {stem(w) for phrase in q.period.words for w in words(phrase)} | set(q.period.words)


def _own(label: str, exclude: set[str]) -> bool:
    """The label has a word of its own: four letters or more, not a name of the organisation asked, and not a year (a
    year beside the organisation's name, "2031 EKSEMPELBY KOMMUNE 1", is a page's running head, which names no figure;
    a quantity, "1000 liter", is the row's own)."""
    return any(len(s) >= 4 and s not in exclude and not YEAR_WORD.fullmatch(s) for s in (stem(w) for w in words(label)))


YEAR_WORD = re.compile(r"(?:19|20)\d\d")


# words that say what kind of figure is asked (a share, a percent, a number, an amount), never which one: a row or
# line named by them alone ("Andel (eierkommunens andel)" for "what share of …", "Antall" for "how many") is not named
KIND_WORDS = frozenset(stem(w) for w in """andel andelen share shares prosent prosenten prosentdel percent percentage
antall antallet number beløp beløpet amount""".split())


def _named_by_kind_only(m) -> bool:
    """A label whose own words (its bracketed note aside) only say the kind of figure: it names no line."""
    from app.engine.wordforms import content_stems

    own = content_stems(re.sub(r"\([^)]*\)", " ", m.label))
    return bool(own) and all(s in KIND_WORDS for s in own)


def best_labels(index: LabelIndex, terms: Terms, exclude: set[str], names: frozenset[str] = frozenset(),
                printed=None, by_head: bool = False) -> list:
    """Labels the question names, the fullest match first; a label needs a content word of four letters or more
    that is not a name of an organisation.

    A label named in full wins, unless a label named by its leading word explains more of the question, and all
    of what the full one explains ("bankinnskudd" is "Bankinnskudd og kontanter", not "Sum Bank" through a part of
    the compound). With no label named in full, the labels named by their leading word (as a whole word or what an
    abbreviation stands for: "Renteutg., provisjoner og andre fin.utg."), the best of them; two different labels
    that fit equally well are both returned (see `ambiguous`). `names` are stems of words the question writes
    with a capital letter inside the sentence (a name, "Eksempelregionen"): a name is never a label's leading word.
    `printed(label)`: whether the organisation asked prints the label; when some label it prints is named, only
    those compete (another report's "Gjeld" never hides the "Lånegjeld" of the report asked about)."""
    full = [m for m in index.match(terms, min_cover=1.0) if _own(m.label, exclude) and not _named_by_kind_only(m)]
    partial = [m for m in index.partial_head(terms, frozenset(exclude) | names)
               if _own(m.label, exclude) and not _named_by_kind_only(m)]
    if printed is not None:
        own_full, own_partial = [m for m in full if printed(m.label)], [m for m in partial if printed(m.label)]
        if own_full:  # a row of theirs named in full; one named by its leading word never hides a full name
            full, partial = own_full, own_partial
        elif own_partial and not full:  # rows of theirs named by their leading word: another report's never compete
            partial = own_partial
    if full:
        top = max(m.weight for m in full)
        best = [m for m in full if m.weight >= top - 1e-9]
        explained = frozenset().union(*(m.used for m in best))
        if not (partial and partial[0].weight > top + 1e-9 and partial[0].used >= explained):
            return best
    if not partial and by_head:
        # no label named in full or by its leading word: a two-word label named by its head ("Kommunale barnehager"),
        # when it is the only one of that head (of "Netto driftsresultat" and "Brutto driftsresultat" neither is asked)
        partial = [m for m in index.partial_tail(terms, frozenset(exclude) | names) if _own(m.label, exclude)]
        if printed is not None:
            partial = [m for m in partial if printed(m.label)]
        if len({m.label.lower() for m in partial}) != 1:
            partial = []
    if not partial and by_head:
        # nor by its head: a long label whose words the question writes all but one ("kjøp av tjenester som erstatter
        # kommunal tjenesteproduksjon" for «Kjøp av varer og tjenester som erstatter kommunal tjenesteproduksjon»),
        # when it is the one label so named
        near = [m for m in index.match(terms, min_cover=0.75) if m.cover < 1.0 and m.matched >= 3
                and round(m.matched / m.cover) - m.matched == 1 and _own(m.label, exclude) and not _named_by_kind_only(m)]
        if printed is not None:
            near = [m for m in near if printed(m.label)]
        top = max((m.matched for m in near), default=0)
        near = [m for m in near if m.matched == top]
        if len({m.label.lower() for m in near}) == 1:
            return [replace(near[0], partial=True)]
    if not partial:
        return []
    first = partial[0]
    # the same question words named the same way: the labels fit equally well, however much else they print
    tied = [m for m in partial if abs(m.weight - first.weight) < 1e-9 and m.used == first.used]
    if len(tied) >= 2 and all(subgroup_row(m.label) for m in tied) and not _group_asked(terms, tied):
        # «Innbyggere i pensjonsalder (67 år og eldre)» / «Innbyggere i arbeidsfør alder (16 til 66 år)» tie for a
        # question that asks no group: the one row named by the same words that is no group's
        # («Innbyggertall ved utgangen av 2024») is the whole the question asks
        whole = [m for m in partial if m.used == first.used and not subgroup_row(m.label)
                 and m.weight >= first.weight - _SUBGROUP_SLACK]
        if len({m.label.lower() for m in whole}) == 1:
            return whole[:1]
    return tied


# a row qualified as a group of a whole: an age band, a "herav"/"av dette" part, a group by age or stage of life
_SUBGROUP = re.compile(
    r"(?i)\b(?:herav|hvorav|derav|herunder|av\s+dette|av\s+disse|varav|of\s+which)\b"
    r"|\d+\s*(?:-|–|til|to)\s*\d+\s*(?:år|years?)\b|\b\d+\s*(?:år|years?)\s*(?:og|eller|and|or)\s*(?:eldre|over|older|above)\b"
    r"|\b(?:under|over|above|below)\s+\d+\s*(?:år|years?)\b|\b\d+\s*år\s*\+|\b\d+\+"
    r"|\bi\s+(?:pensjonsalder|arbeidsfør\s+alder|yrkesaktiv\s+alder|alderen|skolealder|barnehagealder)\b")
# words that ask a group by age or part ("eldre", "older", "retirement", "herav"), whatever language
_GROUP_WORD = re.compile(r"(?i)eldre|yngre|older|younger|elderly|aged?|alder(?:en)?|pensjonsalder|retirement|pension|"
                         r"pensjonist(?:er)?|pensioners?|barn|children|unge|youth|herav|hvorav|varav|derav")
_SUBGROUP_SLACK = 0.5  # letters of weight a compound's part ("innbygger" of "innbyggertall") weighs less than the word


def _group_asked(terms: Terms, labels: list) -> bool:
    """The question names a group: a group's words ("67 år og eldre", "herav") or a word of a group row's own that
    the row's shared words are not ("pensjonsalder", "eldre")."""
    from app.engine.wordforms import content_stems

    if _SUBGROUP.search(" ".join(terms.words)) or any(_GROUP_WORD.fullmatch(w) for w in terms.words):
        return True
    own = [set(content_stems(m.label.replace("(", " ").replace(")", " "))) for m in labels]
    shared = set.intersection(*own) if own else set()
    return any(term_present(t, terms) for ts in own for t in ts - shared)


def subgroup_row(label: str) -> bool:
    """The row is a group of a whole ("Innbyggere 67 år og eldre", "herav sykehjem", "i pensjonsalder")."""
    return bool(_SUBGROUP.search(label))


_ACRONYM = re.compile(r"(?<![\w])([A-ZÆØÅÄÖ]{2,5})(?![\w])")


def acronym_labels(raw: str, labels: list[str], terms: Terms, exclude: set[str], printed=None) -> list:
    """Rows printing a short form the question writes in capitals ("resultatutjevningsreserven (RUR)" ~ «Reservering
    av medel till RUR»), where no row is named by the question's words: the rows of the organisation asked that print
    it as a word, those sharing most of the question's other words first. None for a name's letters ("IKS")."""
    from app.engine.wordforms import LabelMatch, content_stems

    asked = [a for a in dict.fromkeys(_ACRONYM.findall(raw)) if a.lower() not in exclude and stem(a) not in exclude]
    if not asked:
        return []
    found = []
    for label in labels:
        hits = [a for a in asked if re.search(rf"(?<![\w]){re.escape(a)}(?![\w])", label)]
        if not hits or (printed is not None and not printed(label)):
            continue
        shared = len(set(content_stems(label)) & (terms.stems | terms.parts))
        found.append((shared, label, hits))
    if not found:
        return []
    top = max(n for n, _, _ in found)
    return [LabelMatch(label, cover=1.0, matched=len(hits), used=frozenset(h.lower() for h in hits),
                       weight=float(sum(len(h) for h in hits) + n), partial=False)
            for n, label, hits in found if n == top]


def ambiguous(family: str, q: Question, labels: list) -> Refusal | None:
    """Two different labels named equally well by their leading word only: the candidates, never one picked."""
    if len(labels) < 2 or not all(getattr(m, "partial", False) for m in labels):
        return None
    en = q.lang == "en"
    names = [m.label for m in labels][:6]
    listed = " / ".join(f"«{n}»" for n in names)
    return Refusal(family, "clarify",
                   (f"The question fits several rows equally well: {listed}. Which one do you mean?" if en else
                    f"Spørsmålet passer like godt med flere rader: {listed}. Hvilken mener du?"),
                   interpretation=listed,
                   suggestions=[_with_label(q.raw, m) for m in labels[:6]])


def _with_label(raw: str, match) -> str:
    """The question with the words the label explains replaced by the label ("skatt Eksempelby 2018" ->
    "Skatt på eiendom Eksempelby 2018")."""
    out, placed = [], False
    for tok in raw.split():
        core = re.sub(r"^\W+|\W+$", "", tok).lower()
        if core and stem(core) in match.used:
            if not placed:
                out.append(match.label)
                placed = True
            continue
        out.append(tok)
    return " ".join(out) if placed else f"{match.label} {raw}"


def alternate_labels(index: LabelIndex, terms: Terms, labels: list, exclude: set[str]) -> list[str]:
    """The same words printed another way in another report ("Renteutgifter" in one year, "Renteutg.,provisjoner og
    andre fin.utg." in another; "Eiendomsskatt" / "Skatt på eiendom"): labels that explain exactly what the best
    label explains, read where the best label has no figure."""
    if not labels:
        return []
    top = labels[0]
    names = {m.label for m in labels}
    out = [m.label for m in index.match(terms, min_cover=1.0)
           if m.label not in names and m.used == top.used and m.weight >= 0.7 * top.weight and _own(m.label, exclude)]
    if not top.partial:
        out += [m.label for m in index.partial_head(terms, frozenset(exclude))
                if m.label not in names and m.label not in out and m.used == top.used and _own(m.label, exclude)]
    out += [label for label in index.qualified(top.label) if label not in names and label not in out]
    return out[:4]


TOTAL_WORDS = ("totalt", "total", "sum", "i alt", "samla", "samlet", "til saman", "til sammen")


def _is_total(column: str) -> str:
    """SQL: the cell's row or column label is a total ("Totalt", "2020 Totalt", "Sum")."""
    return f"regexp_matches(lower({column}), '(^|[^a-zæøå])({'|'.join(TOTAL_WORDS)})([^a-zæøå]|$)')"


def _captions_with_total(cv, terms: Terms, exclude: set[str], orgs: set[str] = frozenset(),
                         said: set[str] = frozenset()) -> tuple[float, list[str]]:
    """Captions the question names (in full, or by their leading word: "tilsette" names "Tilsette fordelt på sektor
    og kjønn") when it names no row: the table's total answers ("talet på tilsette 2020–2022"). A caption that explains
    only words in `said` (the organisation's and the period's) is not named."""
    found = [m for m in [*cv.captions.match(terms, min_cover=1.0), *cv.captions.partial_head(terms, frozenset(exclude))]
             if _own(m.label, exclude) and m.weight >= 5 and (not m.used or m.used - said)
             and (not orgs or cv.caption_organisations.get(m.label, frozenset()) & orgs)]
    if not found:
        return 0.0, []
    top = max(m.weight for m in found)
    return top, [m.label for m in found if m.weight >= top - 1e-9][:4]


def _context_of(cv, labels, orgs) -> set[str]:
    """The stems of the captions, headings and column heads of the tables printing `labels` for `orgs` (every
    organisation's when none is asked, or when the row context was not loaded: then every caption's)."""
    context = getattr(cv, "row_context", None)
    if not context:
        return set(cv.captions.known)
    out: set[str] = set()
    for label in labels:
        by_org = context.get(label, {})
        for org, stems in by_org.items():
            if not orgs or org in orgs or org is None:
                out |= stems
    return out


def _named_in_columns(named: list[str], vocab, cv) -> bool:
    """Whether a column head of another organisation's table names an organisation asked ("Nordby | Sørby | +/-" in
    Sørby's key-figure page): its column is that organisation's figure (`comparison_filters`)."""
    names = getattr(vocab, "organisation_names", {}) or {}
    patterns = organisation_column_patterns([names.get(k, k) for k in named]).values()
    return any(re.search(p, str(head).lower()) for p in patterns for head in getattr(cv, "column_words", ()))


def _named_organisations(q: Question, vocab) -> list[str]:
    from app.engine.planner import find_organisations

    return find_organisations(q.text, getattr(vocab, "organisations", {}) or {})


# Words every organisation name carries (language, not names): an organisation is named by the rest.
ORG_GENERIC = {stem(w) for w in ("kommune", "kommunes", "fylkeskommune", "fylkeskommunen", "herad", "iks", "kf", "as",
                                  "sa", "interkommunale", "interkommunalt", "selskap", "municipality", "county",
                                  "council", "county council", "region", "regionen", "og", "i")}


def owners_before_listed(orgs: list[str], cv) -> list[str]:
    """An owner named with an organisation only its table lists ("the IKS's cabin subscribers in Eksempelby", where
    "Eksempelby kommune" is a row of the IKS's table of owner municipalities): the owner, whose row names the other;
    the organisations as matched otherwise."""
    listed = [o for o in orgs if o in getattr(cv, "body_organisations", frozenset())]
    return [o for o in orgs if o not in listed] if listed and len(listed) < len(orgs) else list(orgs)


def match_organisations(index: LabelIndex, terms: Terms) -> list[str]:
    """Organisations whose distinctive words are all in the question ("Eksempelby" names "Eksempelby kommune")."""
    from app.engine.wordforms import term_present

    out = []
    for label in index.labels:
        own = [stem(w) for w in words(label) if stem(w) not in ORG_GENERIC and len(w) >= 3]
        if own and all(term_present(t, terms) for t in own):
            out.append(label)
    return out


def read(q: Question, vocab) -> Reading | Refusal | None:
    cv = vocab.data.cells if vocab.data else None
    if cv is None or not len(cv.rows):
        return None
    from app.engine.families.ranking import NEGATIVE_SIDE, POSITIVE_SIDE, asks_ranking, has_any

    if asks_ranking(q.text) and has_any(q.text, NEGATIVE_SIDE + POSITIVE_SIDE):
        return None  # "which sector had the largest deficit": an order of rows, never one row's total
    from app.engine.families import unit_table

    # a table of the organisation's units or members: the total row of the column the question names, or one row's
    # share of it
    found = unit_table.read(q, vocab, ("total", "share"))
    if found is not None:
        return found
    en = q.lang == "en"
    spec = spec_for(cv.columns)
    terms = with_compounds_written_apart(q.terms(cv.known), cv.rows.known)
    orgs = match_organisations(cv.organisations, terms)
    named = _named_organisations(q, vocab)  # by any name the data knows, e.g. a short form the report declares
    orgs += [label for label in cv.organisations.labels
             if label not in orgs and (getattr(vocab, "organisations", {}) or {}).get(normalise(label)) in named]
    if named and not orgs and cv.row_organisations and not _named_in_columns(named, vocab, cv):
        return None  # the organisation asked prints no table: every row is another organisation's, never its answer
    orgs = owners_before_listed(orgs, cv)
    org_stems = {stem(w) for o in orgs for w in words(o)}
    printed = None
    if orgs and cv.row_organisations:
        printed = lambda label: bool(cv.row_organisations.get(label, frozenset()) & set(orgs))  # noqa: E731
    labels = best_labels(cv.rows, terms, org_stems, written_as_names(q.raw), printed, by_head=True)
    # a row the question names only by its organisation and period ("tertial 1" for "skatteinngangen per 1. tertial")
    # names none of what is asked, unless its table's caption or heads name the rest ("Sykefravær" over rows of months)
    said = org_stems | time_stems(q)
    asked = set(terms.stems) - said
    # (a row named through a translation or a compound's part explains no question stem of its own: it is named)
    labels = [m for m in labels if not m.used or m.used - said or (asked and asked & _context_of(cv, [m.label], set(orgs)))]
    by_acronym = False
    if not labels:
        # (a short form that is a unit's or an organisation's name, "NORDIKT", names who, never the row)
        known_names = {w for a in [*(getattr(vocab, "unit_aliases", {}) or {}), *(getattr(vocab, "organisations", {}) or {})]
                       for w in words(a)}
        labels = acronym_labels(q.raw, cv.rows.labels, terms, org_stems | known_names, printed)
        by_acronym = bool(labels)
    if q.has(*COMPARE):
        # "Oppvekst og Helse/sosial": every row the question names in full, when their words do not overlap
        taken = {stem(w) for m in labels for w in words(m.label)}
        for m in cv.rows.match(terms, min_cover=1.0):
            own = {s for s in (stem(w) for w in words(m.label)) if len(s) >= 4 and s not in org_stems}
            if own and not own & taken and m not in labels and len(labels) < 6:
                labels.append(m)
                taken |= own
    if q.has(*COMPARE, *VERSUS):
        siblings = rows_named_apart(cv.rows, terms, org_stems)
        if siblings:
            # "Levekår mot oppvekst": rows named by the word each prints beside the one they share («Kommunalavdeling
            # levekår», «Kommunalavdeling oppvekst»); a label named in full that a table of theirs prints as a column
            # head («Ny netto ramme») names the column, not a row
            heads = set().union(*getattr(cv, "caption_columns", {}).values()) if getattr(cv, "caption_columns", None) else set()
            named_apart = {m.label for m in siblings}
            labels = [m for m in labels if m.label not in heads and m.label not in named_apart] + siblings
    if orgs and cv.row_organisations and labels:
        # another report's row ("Antall ansatte ved utgangen av 2018:") that the organisation named prints no way of
        # its own: never its answer; its own table (a caption's total) or its text answers instead
        printed = [m.label for m in labels] + alternate_labels(cv.rows, terms, labels, org_stems)
        if not any(cv.row_organisations.get(label, frozenset()) & set(orgs) for label in printed):
            labels = []
    captions: list[str] = []
    if not labels or all(m.partial for m in labels):
        # no row named in full: a table its caption names answers with its total, unless a row explains more
        weight, captions = _captions_with_total(cv, terms, org_stems | written_as_names(q.raw),
                                                set(orgs) if cv.caption_organisations else set(), said)
        if labels and weight < max(m.weight for m in labels):
            captions = []
        if captions:
            labels = []
    body_heads = []
    if not labels:
        # an organisation a table of organisations names by its row (a county's table of its municipalities), asked
        # by a measure its columns print: its rows, under the columns the question names, before the total of a table
        # whose caption names the measure (the caption is the county's, the row the organisation's)
        body_labels, heads = _body_rows(cv, orgs, terms, org_stems | written_as_names(q.raw))
        if body_labels:
            labels, body_heads, captions = body_labels, heads, []
    if not labels and not captions:
        return None
    # a name the tables do not hold ("Eksempelby" when only other organisations have the row) is never
    # answered with another organisation's figure; a report named by its file name or title is a place
    from app.engine.families.scope import find_documents
    from app.engine.families.scope import strangers as unknown

    known = cv.known | org_stems | {stem(w) for o in cv.organisations.labels for w in words(o)}
    docs, doc_words = ([], set()) if orgs else find_documents(q.raw, vocab.data.documents, cv.known)
    strangers = unknown(q.raw, known, docs)
    # (an organisation a comparison table's column head names is no stranger to the tables: its column answers)
    named_elsewhere = [k for k in named if not any(
        stem(w) in org_stems for w in words(vocab.organisation_names.get(k, k)) if stem(w) not in ORG_GENERIC)
        and not _named_in_columns([k], vocab, cv)]
    if docs and not strangers:
        named_elsewhere = [k for k in named_elsewhere if not any(
            d.organisation and d.organisation == vocab.organisation_names.get(k) for d in docs)]
    if (strangers or named_elsewhere) and not orgs:
        named_row = labels[0].label if labels else captions[0]
        names = ", ".join(strangers or [vocab.organisation_names.get(k, k) for k in named_elsewhere])
        # the name not found said as such, with the organisations whose tables print the row (a name written another
        # way, an exonym for the name the report prints, is for the user to see: an alias makes it known)
        holders = sorted(cv.row_organisations.get(labels[0].label, frozenset()) if labels else
                         cv.caption_organisations.get(captions[0], frozenset()))
        unknown_name = bool(strangers)
        said = ""
        if unknown_name:
            said = (f" No organisation called {names} is in the data" if en else
                    f" Ingen organisasjon som heter {names} finnes i dataene")
            if holders:
                said += (f"; the row is printed for {', '.join(holders[:4])}." if en else
                         f"; raden står for {', '.join(holders[:4])}.")
            else:
                said += "."
        return Refusal(NAME, "unanswerable",
                       (f"The report tables hold no «{named_row}» for {names}.{said}" if en else
                        f"Rapporttabellene har ingen «{named_row}» for {names}.{said}"),
                       interpretation=f"«{named_row}», {names}")
    picked_codes: dict[str, list[str]] = {}
    if labels and not captions:
        # rows told apart by a quantity ("140 liter dunk", "1000 liter dunk"; "Fartøyer over 30m"): the one the question
        # writes ("a 1000 litre bin", "vessels over 30 m"); none when the rows print quantities and not the one asked
        narrowed = rows_of_quantity(q.raw, [m.label for m in labels], getattr(cv, "row_codes", {}))
        if narrowed is None:
            return None
        labels, picked_codes = [m for m in labels if m.label in narrowed[0]], narrowed[1]
    unsure = ambiguous(NAME, q, labels)
    if unsure is not None:
        return unsure
    label_names = [m.label for m in labels]
    printed_heads = [h for n in label_names for h in getattr(cv, "row_heads", {}).get(n, ())]  # "Pris per meter per døgn"
    if ratio_not_in(q, label_names + printed_heads) or net_gross_not_in(q, label_names):
        return None  # the row's total is not the ratio asked, nor the net (gross) figure asked
    # the same words printed another way in another report ("Eiendomsskatt" in one year, "Skatt på eiendom" in
    # another): read where the best label has no cells for that organisation and year
    alternates = alternate_labels(cv.rows, terms, labels, org_stems)
    # a unit the question names must be where the cells are (their caption, heading or row), never
    # answered with another unit's table: "kostnadsfordeling <unit>" is not any table's "fordeling" row
    from app.engine.planner import find_units

    _, unit_words = find_units(q.text, getattr(vocab, "unit_aliases", {}) or {})
    # a unit that is the organisation named (its name and a function word: "… verk in 2031") is no unit
    unit_words = [w for w in unit_words if not {stem(x) for x in words(w) if is_content(x)} <= org_stems]
    # a unit the row itself names ("undervisningssektoren" of the row «Undervisning» in a table of sectors): the row is
    # that unit's, no caption need name it again
    row_heads = {h for n in label_names if " " not in n.strip() for h in (n.strip().lower(), stem(n.strip().lower()))
                 if len(h) >= 4}
    unit_words = [w for w in unit_words if not any(w.lower().startswith(h) for h in row_heads)]
    from app.engine.interpret import names_a_measure

    # what the cells answered are, never every caption of the warehouse: their rows, and the captions, headings and
    # column heads of the tables printing those rows for the organisations asked (a unit's money row answers no
    # "sykefravær" because another table prints one)
    explained = {stem(w) for n in label_names for w in words(n)} | org_stems | _context_of(
        cv, label_names + alternates, orgs) | set().union(*(m.used for m in labels))
    if captions:
        explained |= {stem(w) for c in captions for h in (c, *cv.caption_columns.get(c, ())) for w in words(h)}
    if by_acronym:
        explained |= terms.stems  # the short form printed names the row; the other words say what it stands for
    if names_a_measure(q.raw, vocab, explained):
        return None  # the question names a governed measure the row does not express
    where = [in_list(f"c.{spec.label}", label_names + alternates)]
    for label, codes in picked_codes.items():  # a quantity the reader kept apart as the row's code ("140" liter dunk)
        where.append(f"(c.{spec.label} <> {sql_str(label)} or trim(c.row_code) in ({', '.join(map(sql_str, codes))}))")
    if captions and spec.caption:
        # a table named by its caption, no row named: its total row, in its total column
        # the table named by its caption or by the heading it stands under (a caption may be the sentence above it)
        named_table = (f"({in_list(f'c.{spec.caption}', captions)} or {in_list('c.heading_path', captions)})"
                       if "heading_path" in cv.columns and spec.caption != "heading_path"
                       else in_list(f"c.{spec.caption}", captions))
        where = [named_table, _is_total(f"c.{spec.label}")]
        if orgs and "row_organisation" in cv.columns:
            # a table of organisations (a statistics table of municipalities): the organisation's own row is its figure
            where[1] = f"({where[1]} or {in_list('c.row_organisation', orgs)})"
        if spec.column_label:
            total_column = _is_total(f"c.{spec.column_label}")
            where.append(f"({total_column} or {in_list('c.row_organisation', orgs)})"
                         if orgs and "row_organisation" in cv.columns else total_column)
        label_names = captions
    from app.engine.evidence import GROUP_ASKED

    # the organisations asked by any name the data knows, a report of their own or none (a comparison column of theirs)
    asked = list(dict.fromkeys([*orgs, *((getattr(vocab, "organisation_names", {}) or {}).get(k, k) for k in named)]))
    compared, whose = comparison_filters(spec, asked, bool(GROUP_ASKED.search(q.raw)))
    where += compared
    if orgs and spec.organisation:
        from app.engine.families.scope import unowned_documents

        # and the reports no organisation was read for whose file name names the one asked
        unowned = unowned_documents(orgs, vocab.data.documents) if spec.file else []
        own = in_list(f"c.{spec.organisation}", orgs)
        if "row_organisation" in cv.columns:  # a row of a table of organisations is its organisation's figure too
            own = f"({own} or {in_list('c.row_organisation', orgs)})"
        if unowned:
            own = f"({own} or (c.{spec.organisation} is null and {in_list(f'c.{spec.file}', unowned)}))"
        # or another report's comparison table whose column head names the organisation asked
        where.append(f"({own} or {whose} in ({', '.join(sql_str(o) for o in asked)}))" if whose else own)
    elif docs and spec.file:
        where.append(in_list(f"c.{spec.file}", [d.file_name for d in docs]))
        if named and whose and spec.column_label:
            # the report named by its file name: never a column whose head names another organisation of the data
            others = [p for o, p in organisation_column_patterns(
                sorted(set((getattr(vocab, "organisation_names", {}) or {}).values()) - set(asked))).items()]
            head = f"lower(coalesce(c.{spec.column_label}, ''))"
            if others:
                where.append(f"({whose} in ({', '.join(sql_str(o) for o in asked)}) or not ("
                             + " or ".join(f"regexp_matches({head}, {sql_str(p)})" for p in others) + "))")
    elif named and whose:
        # an organisation asked that prints no table of its own: only the columns whose heads name it
        where.append(f"{whose} in ({', '.join(sql_str(o) for o in asked)})")
    for unit in unit_words:
        places = [f"c.{col}" for col in (spec.caption, spec.label, spec.organisation) if col]
        where.append("(" + " or ".join(f"lower({c}) like {sql_str('%' + unit.lower() + '%')}" for c in places) + ")")
    years = q.period.years
    scen = asked_scenarios(q)
    if scen == [("actual",)] and any(re.search(r"(?i)(?<!\w)resultat", n) for n in label_names) \
            and not q.has(*ACCOUNTS_CUES):
        scen = []  # "årets resultat", "verksamhetens resultat": the row's own word, no column asked
    if scen and q.has(*VERSUS, *TWO_ASKS) and not any("actual" in v for v in scen):
        scen.append(("actual",))
    if any("variance" in v for v in scen):  # "hva var avviket": the actual and the budget it is the deviation of
        if not any("actual" in v for v in scen):
            scen.append(("actual",))
        if not any("budget" in v for v in scen):
            scen.append(("budget", "revised_budget", "original_budget"))
    budget_vs_actual = any("actual" in v for v in scen) and any("budget" in v for v in scen) and q.has(*VERSUS)
    if budget_vs_actual and not any("variance" in v for v in scen):
        scen.append(("variance",))  # the figure against the budget: the deviation the table prints too
    if years and spec.year:
        in_year = in_list(f"c.{spec.year}", years)
        if any("variance" in v for v in scen) and spec.scenario:
            # a deviation column printed without a year ("Avvik", "Avvikelse") beside the year's columns of its table
            same = [f"a.{spec.label} = c.{spec.label}"] + [
                f"a.{col} is not distinct from c.{col}" for col in (spec.file, spec.table_no, spec.organisation) if col]
            unprinted = f"c.{spec.column_year or spec.year} is null"
            in_year = (f"({in_year} or ({unprinted} and c.{spec.scenario} = 'variance' and exists (select 1 "
                       f"from fct_report_cell as a where " + " and ".join(same) + " and "
                       + in_list(f"a.{spec.year}", years) + ")))")
        where.append(in_year)
    parts = part_filter(q.period, f"c.{spec.year}", f"c.{spec.period_start}", f"c.{spec.period_end}") \
        if spec.period_start and spec.period_end and spec.year else None
    if parts:  # a quarter, tertial, month … asked: never a cell of another part of the year (a cell whose head dates
        # it by no part is read with its caption, which says what it is for)
        where.append(f"(c.{spec.period_start} is null or {parts})")
    elif spec.period_start and spec.period_end and (asks_whole_period(q.raw) or body_heads):
        # (an organisation's row of a table of organisations asked for a year: never the column of a part of it)
        # "regnskap for hele 2020": never a part of the year's cell ("Regnskap jan-aug") for the whole year asked
        where.append(f"(c.{spec.period_start} is null or (c.{spec.period_start} = 1 and c.{spec.period_end} = 12))")
    asked_unit = unit_asked(q.raw)
    if asked_unit == PERCENT and any("variance" in v for v in scen):
        scen = [v if "variance" not in v else ("variance_pct",) for v in scen]  # "avvik i prosent": the % column
    if asked_unit == AMOUNT and spec.is_percent:
        where.append(f"not coalesce(c.{spec.is_percent}, false)")  # "i kroner": never a percent column's figure
    # a column the question names by its words ("net cost" -> «Nettokostnad», "budget" -> «Kommunbidrag»): that
    # cell of the row, not every cell the row prints
    # (never an organisation asked by any name the data knows: its column is the comparison's, `comparison_filters`)
    names_asked = {stem(w) for k in named for w in words((getattr(vocab, "organisation_names", {}) or {}).get(k, k))}
    heads = body_heads or (_named_heads(q, cv, spec, label_names, org_stems | names_asked) if not captions else [])
    head_pick = in_list(f"c.{spec.column_label}", heads) if heads else None
    if spec.scenario and scen:
        wanted = sorted({v for vs in scen for v in vs})
        picked = in_list(f"c.{spec.scenario}", wanted)
        if "actual" in wanted and any("budget" in v for v in scen):
            picked = f"({picked} or {unclassified_actual(spec)})"
        where.append(f"({picked} or {head_pick})" if head_pick else picked)
    elif spec.scenario and not q.has(r"alle kolonn\w*", r"all columns") and not heads:
        # no column named: the actual figures when the row has them for the year, else every column
        where.append(f"(c.{spec.scenario} = 'actual' or not exists (select 1 from fct_report_cell as a where "
                     f"a.{spec.label} = c.{spec.label} and a.{spec.scenario} = 'actual'"
                     + (f" and a.{spec.year} = c.{spec.year}" if spec.year else "")
                     + (f" and a.{spec.organisation} is not distinct from c.{spec.organisation}" if spec.organisation else "")
                     + (f" and a.{spec.file} = c.{spec.file}" if spec.file else "") + "))")
    if head_pick and not scen:
        # the row's cell under the column named, where its table prints that column
        same = " and ".join([f"a.{spec.label} = c.{spec.label}"] + [
            f"a.{col} is not distinct from c.{col}" for col in (spec.file, spec.table_no) if col])
        where.append(f"({head_pick} or not exists (select 1 from fct_report_cell as a where {same} and "
                     + in_list(f"a.{spec.column_label}", heads) + "))")
    vat = other_vat_columns(q.raw) if spec.column_label else None
    if vat:  # "inkludert mva", "excluding VAT": never the price in the other column
        where.append(f"not regexp_matches(lower(coalesce(c.{spec.column_label}, '')), {sql_str(vat)})")
    group = spec.column_label and q.has(*GROUP_CUES)
    both_scopes = bool(group and q.has(*OWN_CUES))  # "for kommunen og for konsernet", "the group with the municipality"
    if spec.column_label and not both_scopes:
        where.append(group_column_filter(spec, bool(group)))
    # the organisation a row of a table of organisations names, before the document's owner
    row_org = "row_organisation" in cv.columns and spec.organisation == "organisation"
    if row_org and whose:
        whose = whose.replace(f" else c.{spec.organisation} end", f" else coalesce(c.row_organisation, c.{spec.organisation}) end")
    cols = [(f"{whose or (f'coalesce(c.row_organisation, c.{spec.organisation})' if row_org else 'c.' + spec.organisation)}"
             " as organisation") if spec.organisation else None,
            (f"{printed_label_sql('c')} as row_label" if picked_codes else f"c.{spec.label} as row_label"),
            f"c.{spec.column_label} as column_label" if spec.column_label else None,
            f"c.{spec.year} as year" if spec.year else None,
            f"c.{spec.scenario} as scenario" if spec.scenario else None,
            f"c.{spec.value} as value",
            # a column head printing no year: the cell is the report year's figure (dated by the report, not the column)
            f"c.{spec.column_year} is null as year_from_report" if spec.column_year else None,
            f"c.{spec.caption} as caption" if spec.caption else None,
            f"c.{spec.table_no} as table_number" if spec.table_no else None,
            f"c.{spec.file} as source_document", f"c.{spec.page} as source_page",
            f"c.{spec.excerpt} as source_excerpt" if spec.excerpt else None,
            f"c.{spec.scale_method} as scale_method" if spec.scale_method else None,
            # neither scope named: the organisation's own column, and whether the group's is printed beside it
            own_beside_group(spec) if spec.column_label and not group else None]
    select = ",\n       ".join(c for c in cols if c)
    order = ", ".join(x for x in (("organisation" if spec.organisation else None), "row_label",
                                  ("year" if spec.year else None), "source_page") if x)
    qualify = ""
    if alternates:
        rank = "case " + " ".join(f"when c.{spec.label} = {sql_str(lab)} then 1" for lab in alternates) + " else 0 end"
        part = ", ".join(f"c.{col}" for col in (spec.organisation, spec.year) if col) or "1"
        qualify = f"\nqualify min({rank}) over (partition by {part}) = {rank}"
    sql = (f"select {select}\nfrom fct_report_cell as c\nwhere " + "\n  and ".join(where) + qualify
           + f"\norder by {order}\nlimit 200")
    interp_bits = [" / ".join(f"«{l}»" for l in label_names) + (
        (" (also printed as " if en else " (også trykt som ") + " / ".join(f"«{l}»" for l in alternates) + ")"
        if alternates else "")]
    if orgs:
        interp_bits.append(", ".join(orgs))
    elif docs:
        interp_bits.append(", ".join(sorted({d.organisation or d.title or d.file_name for d in docs})))
    if years:
        interp_bits.append(", ".join(map(str, years)))
    if scen:
        interp_bits.append(", ".join(v[0] for v in scen))
    if heads:
        interp_bits.append(("column " if en else "kolonne ") + " / ".join(f"«{h}»" for h in heads))
    if both_scopes:
        interp_bits.append("the organisation's and the group's columns" if en else "organisasjonens og konsernets kolonner")
    elif group:
        interp_bits.append("the group's column" if en else "konsernets kolonne")
    interpretation = ("table row " if en else "tabellrad ") + ", ".join(interp_bits)
    if captions:
        interpretation = ("the total of the table " if en else "summen i tabellen ") + ", ".join(interp_bits)
    source = ("report tables, as printed (not a governed measure)" if en else
              "rapporttabeller, slik de er trykt (ikke et styrt mål)")

    def sentence(columns, rows, lang):
        e = lang == "en"
        vi = columns.index("value")
        shown = []
        for r in rows[:12]:
            d = dict(zip(columns, r))
            head = " ".join(str(x) for x in (d.get("organisation"), d.get("row_label")) if x)
            if d.get("organisation") and str(d["organisation"]) in str(d.get("row_label") or ""):
                head = str(d["row_label"])  # a row of a table of organisations names its organisation itself
            col = d.get("column_label") or d.get("scenario") or ""
            year = d.get("year")
            if d.get("year_from_report") and year is not None:
                year = f"{year}, {'the report year; the column prints no year' if e else 'rapportens år; kolonnen viser ikke år'}"
            figure = format_in_currency(r[vi], d.get("scale_method"))  # "12 450 000 €", never kroner
            shown.append(f"{head} {col} ({year}): {figure}".replace("  ", " "))
        more = (f" … ({len(rows)} cells in all)" if e else f" … ({len(rows)} celler i alt)") if len(rows) > 12 else ""
        scope = ""
        if "group_beside" in columns and any(r[columns.index("group_beside")] for r in rows):
            scope = " (" + OWN_SCOPE_WORDS["en" if e else "nb"] + ")"
        return ("Read from the report table (not a governed measure): " if e else
                "Lest fra rapporttabellen (ikke et styrt mål): ") + "; ".join(shown) + more + scope + "." \
            + _parts_not_printed(columns, rows, e)

    asked_parts = [part for part, asked in (("budget", any("budget" in v for v in scen)),
                                            ("variance", q.has(*VARIANCE_CUES)),
                                            ("actual", budget_vs_actual and q.has(*ACCOUNTS_CUES, *VERSUS))) if asked]

    def _parts_not_printed(columns, rows, e: bool) -> str:
        """The figures asked beside each other (the actual, the budget, the deviation) that the row does not print for
        the year asked: said, never worked out."""
        if len(asked_parts) < 2 or "scenario" not in columns or not rows:
            return ""
        shown = {str(r[columns.index("scenario")]) for r in rows}
        have = {"budget": bool(shown & {"budget", "revised_budget", "original_budget"}),
                "variance": bool(shown & {"variance", "variance_pct"}), "actual": bool(shown & {"actual", "other"})}
        missing = [p for p in asked_parts if not have[p]]
        if not missing:
            return ""
        names = {"budget": ("budget", "budsjett"), "variance": ("deviation", "avvik"), "actual": ("actual", "regnskap")}
        listed = ", ".join(names[p][0 if e else 1] for p in missing)
        return (f" The table prints no {listed} for this row and year." if e else
                f" Tabellen viser ikke {listed} for denne raden og året.")

    def chart(columns, rows):
        if len(rows) > 1 and "year" in columns and len({r[columns.index("year")] for r in rows}) > 1:
            return {"kind": "bar", "x": "year", "y": "value", "color": "column_label" if "column_label" in columns else None}
        return None

    def row_source(columns, rows):
        # the documents and pages the cells were read from, named in the answer's own words (every figure traceable)
        if "source_document" not in columns:
            return None
        doc, page = columns.index("source_document"), columns.index("source_page") if "source_page" in columns else None
        places = list(dict.fromkeys((r[doc], r[page] if page is not None else None) for r in rows if r[doc]))
        if not places:
            return None
        word = "page" if en else "side"
        where = "; ".join(f"{d}, {word} {p}" if p is not None else str(d) for d, p in places[:4])
        return f"{source}: {where}" + (" …" if len(places) > 4 else "")

    return Reading(NAME, source, sql, interpretation, sentence=sentence, chart=chart, row_source=row_source,
                   empty_reason=("The table row exists, but not for the year or column asked." if en else
                                 "Tabellraden finnes, men ikke for året eller kolonnen det spørres om."))
