"""The question engine: verified queries, the planner and the LLM behind one `ask` call.

Every engine's SQL passes app.engine.guard and runs on a read-only connection; the result is
returned in the contract's answer JSON (shared/docs/contract.md).
"""
from __future__ import annotations

import logging
import re
import threading
import time
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

import duckdb

from app.engine import answer as fmt
from app.engine import families
from app.engine.catalog import current_verified_queries, load_catalog
from app.engine.catalog_model import Catalog
from app.engine.families.base import Question, Reading, Refusal, in_list, sql_str
from app.engine.followup import apply_context
from app.engine.format import answer_language, format_number
from app.engine.guard import GuardError, QueryError, guard_sql, remembered_lookup, run_readonly
from app.engine.interpret import (
    breakdown_asked,
    describe_plan,
    dimension_words,
    filter_asked,
    known_to_planner,
    measures_begun,
    plain_reading,
    population_member,
    unused_words,
)
from app.engine.names import (
    NAME_STOPWORDS,
    names_one_unit,
    row_asked_elsewhere,
    rows_named,
    subject_words,
    unit_words,
    unknown_names_answer,
    unresolved_names,
)
from app.engine.periods import dated_only, describe_code, describe_months
from app.engine.planner import Plan, Vocabulary, compile_sql, family_of, plan_question
from app.engine.shortforms import expand as expand_short_forms
from app.engine.text import normalise, pattern
from app.engine.ticket_counts import MART as COUNTS_MART
from app.engine.ticket_counts import TICKETS, from_counts_mart
from flows.settings import get_settings
from flows.warehouse import hold_open

logger = logging.getLogger(__name__)

PLANNER_CONFIDENCE = 0.7


_MESSAGES = {  # the engine's own errors, in the question's language
    "guard": ("Spørringen ble stoppet av SQL-vakten: {exc}", "The SQL guard stopped the query: {exc}"),
    "query": ("Spørringen kunne ikke kjøres: {exc}", "The query could not be run: {exc}"),
    "no_llm": ("Ingen språkmodell er konfigurert (sett KOMMUNEDATA_LLM_PROVIDER).",
               "No language model is configured (set KOMMUNEDATA_LLM_PROVIDER)."),
    "no_warehouse": ("Fant ikke datavarehuset {warehouse}. Kjør 'kommunedata refresh' først.",
                     "The warehouse {warehouse} was not found. Run 'kommunedata refresh' first."),
    "bad_warehouse": ("Datavarehuset {warehouse} kan ikke leses ({error}); kjør 'kommunedata refresh' for å bygge "
                      "det på nytt.", "The warehouse {warehouse} cannot be read ({error}); run 'kommunedata refresh' "
                      "to build it again."),
}


# what a sentence must say to answer a family's cue read from the text: a deviation says more or less than (or over,
# under, better or worse than) the budget, or names the deviation; a share is a percent
_SAYS = {"variance": re.compile(r"(?<!\w)(?:avvik\w*|mer enn|meir enn|mindre enn|bedre enn|betre enn|dårligere enn|"
                                r"dårlegare enn|over budsjett\w*|under budsjett\w*|merforbruk\w*|meirforbruk\w*|"
                                r"mindreforbruk\w*|more than|less than|above|below|over budget|under budget)(?!\w)", re.I),
         "cost_share": re.compile(r"%|(?<!\w)(?:prosent|percent|procent)\w*", re.I)}


def _says_family(result: dict, family: str) -> bool:
    """The answer read from the reports' words quotes a sentence that says what the family's cue asks."""
    said = _SAYS.get(family)
    quoted = " ".join(re.findall(r"«([^»]*)»", result.get("answer") or ""))
    return said is None or bool(said.search(quoted))


def _clauses(question: str) -> list[str]:
    from app.engine import parts

    return parts.measure_parts(question) or parts.clause_parts(question)


def _say(question: str, key: str, **values) -> str:
    norwegian, english = _MESSAGES[key]
    return (english if fmt.detect_language(question) == "en" else norwegian).format(**values)


def _result(question: str, **kw) -> dict:
    base = {"question": question, "status": "error", "engine": None, "sql": None, "columns": [], "rows": [],
            "answer": "", "sources": [], "chart": None, "elapsed_ms": 0.0, "interpretation": "",
            "suggestions": []}
    base.update(kw)
    return base


def _measure_not_answered(question: str, result: dict, vocab) -> list[str]:
    """The governed measures the question names in full that the answer's reading, labels, columns and sentences do
    not express (app.engine.interpret.names_a_measure): a nearby reading of another measure answers none of them."""
    from app.engine.interpret import names_a_measure
    from app.engine.wordforms import stem, words

    # (never the answer's text: it may repeat the question, "this part could not be answered: «…»")
    texts = [result.get("interpretation") or "", *map(str, result.get("columns") or [])]
    texts += [str(v) for row in (result.get("rows") or [])[:50] for v in row if isinstance(v, str)]
    texts += [str(s.get("excerpt") or "") for s in (result.get("sources") or [])[:10] if isinstance(s, dict)]
    explained = {stem(w) for t in texts for w in words(t)}
    return names_a_measure(question, vocab, explained)


def _refused_instead(question: str, result: dict, text: str, suggestions: list[str]) -> dict:
    """An answer that would answer another question, refused with `text` (which says why and quotes it), keeping
    its SQL, sources and interpretation so the reader sees what was found."""
    return _result(question, status="unanswerable", engine=result.get("engine"), sql=result.get("sql"), answer=text,
                   interpretation=result.get("interpretation") or "", sources=result.get("sources") or [],
                   suggestions=suggestions, family=result.get("family"), plan=result.get("plan"))



# words asking one total of everything loaded ("totalt", "in total"), not a list of periods
WHOLE_ASKED = re.compile(r"(?<![\wæøå])(?:totalt?|i alt|in total|til sammen|til saman|tilsammen|altogether|samla|samlet)"
                         r"(?![\wæøå])")


def _total_over_no_period(q: Question, plan: Plan) -> bool:
    """A question that asks one total and names no year, quarter or month (the period `Question.parse` read), read by
    the planner as a run over the years (trend): the run is not the total asked."""
    asked = q.period
    return (plan.family == "trend" and bool(WHOLE_ASKED.search(normalise(q.raw))) and not plan.quarters
            and not asked.years and not asked.quarters and not asked.months)


def _explains(result: dict, unused: list[str]) -> bool:
    """Every word another answer left unused is in this answer's reading, labels or rows (in some form)."""
    from app.engine.wordforms import stem, words

    text = " ".join([result.get("interpretation") or "", result.get("answer") or "",
                     *(c for r in result.get("rows") or [] for c in r if isinstance(c, str))])
    have = {stem(w) for w in words(text)}
    # a column word ("regulert", "revised", "regnskap") is what an answer by scenario shows
    from app.engine.families.cell_lookup import SCENARIOS

    scenario_cues = [c for cues, _ in SCENARIOS for cue in cues for c in cue.split()] if "scenario" in (
        result.get("columns") or []) else []
    from app.engine.families.prose import ASKING

    for word in unused:
        for w in words(word):
            if any(pattern(c).fullmatch(w) for c in scenario_cues) or stem(w) in ASKING:
                continue  # "brukte", "how much": words that ask for a figure, not which
            s = stem(w)
            if s not in have and not any(len(h) >= 4 and (h.startswith(s) or s.startswith(h)) for h in have):
                return False
    return True


def _words_held(q: Question, result: dict, by_row: bool = False) -> tuple[frozenset[str], frozenset[str]]:
    """(the question's content words that the answer's rows print in some form -- a line's label, a sentence, its
    unit's name --, every content word of the question); English words through their Norwegian forms
    (app.engine.families.prose_rank.question_words), words that only ask ("how much", "totalt") left out. `by_row`:
    the words of the one row that holds the most (a sentence shown beside another is not what the other holds)."""
    from app.engine.families.prose import ASKING_EVERY
    from app.engine.families.prose_rank import holds, question_words, sentence_stems

    core = [w for w in question_words(q.text, q.lang, set(), ASKING_EVERY) if w.weight >= 1.0]
    rows = [[c for c in r if isinstance(c, str)] for r in result.get("rows") or []]
    # the whole answer: its rows and the excerpts it cites (a line stated in a sentence holds that sentence's words)
    cited = [str(v) for src in result.get("sources") or [] if isinstance(src, dict) for v in src.values()
             if isinstance(v, str)]
    texts = [" ".join(r) for r in rows] if by_row else [" ".join([*(c for r in rows for c in r), *cited])]
    held: frozenset[str] = frozenset()
    for text in texts:
        low, stems = text.lower(), sentence_stems(text)
        mine = frozenset(w.word for w in core if holds(w, low, stems))
        held = mine if len(mine) > len(held) else held
    return held, frozenset(w.word for w in core)


def _same_word(a: str, b: str) -> bool:
    """Two stems of one word: equal, or one the other's start, both of five letters or more."""
    return a == b or min(len(a), len(b)) >= 5 and (a.startswith(b) or b.startswith(a))


def _say_unanswered(result: dict, question: str, parts: list[str]) -> dict:
    """The answer with the parts of the question it does not answer named after it."""
    if not parts:
        return result
    en = fmt.detect_language(question) == "en"
    listed = "; ".join(f"«{p.strip().rstrip('?')}»" for p in parts)
    note = (f" This part of the question could not be answered from the data: {listed}." if en else
            f" Denne delen av spørsmålet fant jeg ikke svar på i dataene: {listed}.")
    return {**result, "answer": (result.get("answer") or "").rstrip() + note,
            "unanswered": [*result.get("unanswered", []), *parts]}


def _shows_every_part(result: dict, split: list[str]) -> bool:
    """Each measure part has a word of its own in the rows or the source excerpts of the answer to the whole ("Hvor
    stor andel fullførte og besto": the sentence shown says both): the whole answered them all."""
    from app.engine.wordforms import stem, words

    text = " ".join([*(str(v) for src in result.get("sources") or [] for v in src.values()),
                     *(c for r in result.get("rows") or [] for c in r if isinstance(c, str))])
    have = {stem(w) for w in words(text)}
    stems = [{stem(w) for w in words(p)} for p in split]
    own = [s - set().union(*(o for o in stems if o is not s)) for s in stems]
    if not all(own):
        return False
    return all(any(any(_same_word(h, x) for h in have) for x in o if len(x) >= 4) for o in own)


def _another_units(result: dict, plan: Plan) -> bool:
    """A report figure found for a question about one unit by its kind ("HR- og innovasjonsenheten") whose rows and
    sources never write that unit's name: another unit's figure, not an answer for it
    (app.engine.families.scope.about_another_unit)."""
    from app.engine.families.scope import about_another_unit, units_mentioned

    asked = units_mentioned("; ".join(u.unit_name for u in plan.units if names_one_unit(u.unit_name)))
    said = " ".join([str(c) for r in result.get("rows") or [] for c in r]
                    + [str(v) for src in result.get("sources") or [] for v in src.values()])
    return about_another_unit(asked, said, unnamed_is_other=True)


def _not_scenario(unused: list[str]) -> list[str]:
    """The unused words that name no budget column ("opprinnelig", "revised"): what the answer's line must explain."""
    from app.engine.families.cell_lookup import SCENARIOS
    from app.engine.wordforms import words

    cues = [c for cues, _ in SCENARIOS for cue in cues for c in cue.split()]
    return [w for u in unused for w in words(u) if not any(pattern(c).fullmatch(w) for c in cues)]


YEAR_COLUMNS = ("year", "value_year", "column_year")


def _years_shown(result: dict) -> set[int] | None:
    """The years an answer's rows hold (None: its rows carry no year column, e.g. a ticket period)."""
    columns = result.get("columns") or []
    col = next((c for c in YEAR_COLUMNS if c in columns), None)
    if col is None:
        return None
    i = columns.index(col)
    return {int(r[i]) for r in result.get("rows") or [] if isinstance(r[i], (int, float))}


def missing_years(question: str, result: dict, written: bool = False) -> list[int]:
    """The years the question asks for that an answer with rows does not show: every year of the period asked, or
    (`written`) only those written out in the question ("2016, 2017 og 2018"; a range's inner years are not)."""
    if result.get("status") != "ok":
        return []
    shown = _years_shown(result)
    if shown is None or not shown:
        return []
    q = Question.parse(question, fmt.detect_language(question))
    asked = q.period.years
    if q.period.quarter_range:  # "from Q1 2019 to Q2 2021": the run's ends are no years asked one by one
        return []
    from app.engine.families.prose import start_of_year

    shown = shown | {y + 1 for y in shown if y + 1 in start_of_year(q)}  # "ved inngangen til 2019": 2018's end
    if written:
        asked = [y for y in asked if re.search(rf"(?<!\d){y}(?!\d)", question)]
    return [y for y in asked if y not in shown]


def _name_missing_years(question: str, result: dict) -> dict:
    """Every year asked is answered or named as missing: never an answer that silently leaves one out."""
    missing = missing_years(question, result, written=True)
    if not missing:
        return result
    years = ", ".join(map(str, missing))
    en = fmt.detect_language(question) == "en"
    note = f" No figure found for {years}." if en else f" Fant ingen tall for {years}."
    return {**result, "answer": (result.get("answer") or "").rstrip() + note}


def _numbers(result: dict) -> set[float]:
    """The figures an answer's rows show (years and row numbers aside)."""
    columns = result.get("columns") or []
    skip = {i for i, c in enumerate(columns) if c in (*YEAR_COLUMNS, "quarter", "page", "line", "table_number")}
    return {round(float(v), 4) for r in result.get("rows") or [] for i, v in enumerate(r)
            if i not in skip and isinstance(v, (int, float)) and not isinstance(v, bool)}


def _flat_quote(text: str | None) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def _distinct(answers: list[dict]) -> bool:
    """Each part answered with figures of its own: two parts read as the same figure answered only one."""
    seen: list[set[float]] = []
    for a in answers:
        n = _numbers(a)
        if not n or any(n == s for s in seen):
            return False
        seen.append(n)
    return True


def _merge(question: str, answers: list[dict], unanswered: list[str] = ()) -> dict:
    """One answer listing every part: the rows of each under the columns of all, each part's sentence, its SQL and
    its sources (a part's figure stays traceable to its page or row). `unanswered`: the parts asked that no figure
    answers, said plainly after the answered ones."""
    columns: list[str] = []
    for a in answers:
        columns += [c for c in a.get("columns") or [] if c not in columns]
    rows = []
    for a in answers:
        cols = a.get("columns") or []
        for r in a.get("rows") or []:
            d = dict(zip(cols, r))
            rows.append([d.get(c) for c in columns])
    sources = [s for a in answers for s in a.get("sources") or []]
    en = fmt.detect_language(question) == "en"
    lead = "Answered in parts: " if en else "Svart i deler: "
    text = " ".join((a.get("answer") or "").strip() for a in answers)
    if unanswered:
        listed = "; ".join(f"«{p.strip().rstrip('?')}»" for p in unanswered)
        text += (f" This part of the question could not be answered from the data: {listed}." if en else
                 f" Denne delen av spørsmålet fant jeg ikke svar på i dataene: {listed}.")
    return _result(question, status="ok", engine=answers[0].get("engine") or "planner",
                   sql="\n;\n".join(a["sql"] for a in answers if a.get("sql")) or None, columns=columns, rows=rows,
                   answer=text, unanswered=list(unanswered),
                   sources=sources, interpretation=lead + " | ".join(a.get("interpretation") or a.get("question") or ""
                                                                    for a in answers),
                   parts=[a.get("read_as") or a.get("question") for a in answers])


@lru_cache(maxsize=8)
def _catalog_for(warehouse: str, mtime: float) -> tuple[Catalog, Vocabulary]:
    return load_catalog(Path(warehouse))


def catalog_for(warehouse: Path) -> tuple[Catalog, Vocabulary]:
    """Cached per warehouse file version: a published refresh changes the mtime."""
    return _catalog_for(str(Path(warehouse).resolve()), Path(warehouse).stat().st_mtime)


@lru_cache(maxsize=2048)
def _guarded(sql: str, catalog_key: int, allowed_items: tuple, max_rows: int) -> str:
    return guard_sql(sql, {t: set(cols) for t, cols in allowed_items}, max_rows=max_rows)


class QuestionEngine:
    def __init__(self, warehouse: Path, chat_model=None):
        """`chat_model` overrides the LLM from settings (KOMMUNEDATA_LLM_*), e.g. a LangChain fake model in tests."""
        self.warehouse = Path(warehouse)
        self.chat_model = chat_model
        self.settings = get_settings()
        self.catalog, self.vocab = catalog_for(self.warehouse)
        self._allowed = tuple(sorted((t, tuple(sorted(c))) for t, c in self.catalog.allowed_columns().items()))
        self._in_parts = False  # answering one part of a question asked in several (app.engine.parts)
        self._asking = threading.local()  # the results of the question being answered, per thread (see run)

    def run(self, sql: str) -> tuple[str, list[str], list[tuple]]:
        """Guard the SQL (the verdict is cached per SQL text and catalog) and run it read-only.

        While one question is answered, a query it already ran (its parts, the fallbacks and the refusal's
        "what is known" lookups often compose the same SQL) is answered from that question's own results:
        the same text over the same read-only warehouse gives the same rows. Nothing is kept between
        questions, so a refreshed warehouse is read by the next question."""
        memo = getattr(self._asking, "results", None)
        if memo is not None and sql in memo:
            safe, columns, rows = memo[sql]
            return safe, list(columns), list(rows)
        safe = _guarded(sql, id(self.catalog), self._allowed, self.settings.max_rows)
        hold_open(self.warehouse)
        columns, rows = run_readonly(self.warehouse, safe, timeout_s=self.settings.query_timeout_s)
        if memo is not None:
            memo[sql] = (safe, tuple(columns), tuple(rows))
        return safe, columns, rows

    def lookup(self, sql: str) -> tuple[str, list[str], list[tuple]]:
        """`run` for a lookup of what the warehouse holds beside an answer (the units and years a measure is reported
        for and its observations, the members of a breakdown, a page's captions, a document's title, the units and
        organisations): its rows are remembered across questions per served version of the warehouse
        (`guard.remembered_lookup`)."""
        return remembered_lookup(self.warehouse, sql, self.run)

    # -- engines ------------------------------------------------------------------------------

    def ask(self, question: str, engine: str = "auto", context: dict | None = None) -> dict:
        """`context` is the previous answer JSON (a follow-up: "og i 2019?", "samme for …")."""
        started = time.perf_counter()
        outermost = getattr(self._asking, "results", None) is None
        if outermost:
            self._asking.results = {}
        try:
            return self._ask_timed(question, engine, context, started)
        finally:
            if outermost:
                self._asking.results = None

    def _ask_timed(self, question: str, engine: str, context: dict | None, started: float) -> dict:
        asked = question
        # the catalog is cached until the warehouse changes; the verified-query file is read when it changes
        self.catalog.verified_queries = current_verified_queries()
        if context:
            question = apply_context(question, context)
        question = expand_short_forms(question, self.vocab)  # "NDR", "HIKT", "KD-områdene": names the data holds
        try:
            with answer_language(fmt.detect_language(question)):  # numbers in the answer's language
                result = self._ask(question, engine)
                if engine not in ("llm", "llm-plan") and not self._in_parts:
                    result = self._by_parts(question, engine, result)
                    result = self._stated_change(question, result)
                if result.get("status") == "unanswerable" and engine in ("auto", "planner") and not self._in_parts:
                    # every path refused, the parts too: the report's own cells and sentences, before refusing
                    result = self._evidence(question, result) or result
                if result.get("status") == "ok" and engine != "llm":
                    result = self._why(question, result) or result
                    result = _name_missing_years(question, result)
                if result.get("status") == "ok":
                    result = self._report_scope(question, result)
                if result.get("status") == "ok" and engine != "llm":
                    result = self._honest(question, result)
                if result.get("status") == "ok" and engine != "llm" and not str(result.get("engine", "")).startswith("llm"):
                    result = self._unsaid(question, result)  # a model's own answer is checked by the answer check
        except GuardError as exc:
            result = _result(question, status="error", answer=_say(question, "guard", exc=exc))
        except QueryError as exc:  # time, memory or busy limit, or the warehouse refused: one sentence, no traceback
            result = _result(question, status="error", answer=_say(question, "query", exc=exc))
        if question != asked:
            result["question"] = asked
            result["read_as"] = question
        if not result.get("interpretation") and result.get("plan"):
            result["interpretation"] = plain_reading(result["plan"])
        if fmt.detect_language(asked) == "nn":
            # the engine's own words in nynorsk; names and values from the rows stay as written
            from app.engine.language import to_nynorsk

            keep = {c for r in result.get("rows") or [] for c in r if isinstance(c, str)}
            keep |= {u.unit_name for u in self.vocab.unit_aliases.values()}
            result["answer"] = to_nynorsk(result.get("answer", ""), keep)
            result["interpretation"] = to_nynorsk(result.get("interpretation", ""), keep)
            result["lang"] = "nn"
        result["elapsed_ms"] = round((time.perf_counter() - started) * 1000, 1)
        return result

    def _evidence(self, question: str, refused: dict) -> dict | None:
        """A refusal of every path: the report's own cells and sentences of the organisation and period asked
        (`_label_search`) answer instead, when a name the question writes that the data does not resolve is printed
        in them and a part of a year asked is the only one they write (app.engine.evidence); the answer says it was
        read from the report's table or text, not a governed measure. None when nothing may stand for the question."""
        from app.engine.honest import _ticket_families

        if refused.get("unit_not_reported"):
            return None  # the unit asked is known and has no such figure: never its organisation's
        if refused.get("family") in _ticket_families():
            return None  # a measure of the ticket exports ("løsningstid"): never a figure of the report text
        for search in (self._label_search, self._cell_evidence):
            found = search(question)
            stands = self._evidence_stands(question, found)
            if stands is not None:
                return stands
        return None

    def _evidence_stands(self, question: str, found: dict | None) -> dict | None:
        """The evidence found, answered as read from the report, when it may stand for the question asked (see
        `_evidence`); None otherwise."""
        from app.engine import evidence

        if found is None or found.get("status") != "ok" or not found.get("rows"):
            return None
        if missing_years(question, found):
            return None  # one year's figure of a run or total asked ("2027–2031") is no answer to it
        text = evidence.evidence_text(found)
        q = Question.parse(question, fmt.detect_language(question))
        if not evidence.parts_fit(q.period, text):
            return None
        names = evidence.name_candidates(question, evidence.known_name_words(self.vocab))
        if names and not evidence.names_printed(names, text):
            return None
        if evidence.other_unit_printed(question, found):
            return None  # "i kroner" asked, "4,2 prosent" printed: the refusal said which unit the report has
        plan = plan_question(question, self.vocab)
        if plan.units and _another_units(found, plan) or plan.parent_units or any(
                self.vocab.unit_levels.get(u.unit_key, "organisation") != "organisation" for u in plan.units):
            return None  # the reports are read by organisation: never for a unit inside one ("lønn i økonomienheten")
        lead = evidence.lead(found, fmt.detect_language(question))
        return {**found, "answer": lead + (found.get("answer") or ""), "evidence": True}

    def _cell_evidence(self, question: str) -> dict | None:  # noqa: C901
        """The table-cell counterpart of the sentence search: the one stored cell of the organisation asked whose row
        label, column header, caption and heading path together hold the question's words (app.engine.evidence.
        best_cells), for each year asked; None when no organisation is named or no cell clearly answers."""
        from app.engine import evidence
        from app.engine.families import label_search
        from app.engine.families.base import in_list
        from app.engine.families.cell_lookup import organisation_column_patterns
        from app.engine.families.scope import asks_whole_period
        from app.engine.quantities import asked_quantities

        data = getattr(self.vocab, "data", None)
        if data is None or data.cells is None:
            return None
        q = Question.parse(question, fmt.detect_language(question))
        if asked_quantities(q.raw):
            return None  # rows told apart by a quantity ("140 liter dunk") are label search's to pick
        orgs, org_words = label_search._organisations(q, self.vocab)
        if not orgs:
            return None
        cs = label_search.concepts(q, org_words)
        if not cs:
            return None
        owners = organisation_column_patterns(orgs)
        # and another report's comparison table whose column head names an organisation asked ("Sørdal 2031" in a
        # table of Nordvik's): that column is the organisation's figure (evidence.best_cells)
        named_column = " or ".join(f"regexp_matches(lower(coalesce(column_label, '')), {sql_str(pattern)})"
                                   for pattern in owners.values())
        try:
            _, columns, rows = self.lookup(
                "select file_name, page, line, table_number, caption, heading_path, row_label, column_label, "
                "column_year, value_year, value, is_percent, scenario from fct_report_cell where ("
                + in_list("organisation", orgs) + (f" or {named_column}" if named_column else "") + ")"
                # the whole year asked ("for hele 2020"): never a cell of a part of it ("Regnskap jan-aug")
                + (" and (period_start_month is null or (period_start_month = 1 and period_end_month = 12))"
                   if asks_whole_period(q.raw) and "period_start_month" in data.cells.columns else ""))
        except (GuardError, QueryError, duckdb.Error):
            return None
        cells = [dict(zip(columns, r)) for r in rows]
        norm = {o.lower() for o in orgs}
        owner = {d.file_name: (d.organisation or "").lower() for d in data.documents}
        sentences = [fig[5] or "" for fig in getattr(data, "prose_figures", ()) or () if owner.get(fig[1]) in norm]
        texts = [*{t for c in cells for t in (c["row_label"], c["caption"], c["heading_path"]) if t}, *sentences]
        cs = label_search.with_parts(cs, texts)
        from app.engine.families.cell_lookup import asked_scenarios

        picked = evidence.best_cells(cs, cells, sentences, list(q.period.years),
                                     count=bool(evidence.COUNT_ASKED.search(q.raw)), scenarios=asked_scenarios(q),
                                     owners=owners, group_asked=bool(evidence.GROUP_ASKED.search(q.raw)))
        if not picked:
            return None
        result = self._answer_family(question, evidence.cell_reading(q, picked))
        # a word of the question no text of the organisation holds weighed against every candidate alike: the cell
        # found does not answer it, and the answer names it ("rekneskap og forbruksprosent" answered by the accounts)
        not_held = evidence.words_not_held(cs, [*texts, *{str(c["column_label"]) for c in picked if c.get("column_label")}])
        if result.get("status") == "ok" and not_held:
            named = " ".join(not_held)
            en = q.lang == "en"
            result = {**result, "unused": not_held,
                      "answer": result["answer"].rstrip() + (f" (Not used in this answer: «{named}».)" if en else
                                                             f" (Ikke brukt i svaret: «{named}».)")}
        return result

    def _ask(self, question: str, engine: str) -> dict:
        if engine == "llm-plan":
            return self._ask_llm_plan(question)
        if engine == "auto":
            verified = self._verified(question)
            if verified is not None:
                return verified
        deferred = None
        if engine in ("auto", "planner"):
            q = Question.parse(question, fmt.detect_language(question))
            found = families.read(q, self.vocab)
            if isinstance(found, Refusal) and found.final or isinstance(found, Reading) and not found.partial:
                result = self._answer_family(question, found)
                if result["status"] == "ok" or isinstance(found, Refusal):
                    return result
                deferred = result
            elif found is not None:
                deferred = self._answer_family(question, found)
        plan = plan_question(question, self.vocab)
        asked_period = Question.parse(question, "nb").period
        # "per august": the year to the end of August (a period report's "jan-aug"), no month's own figure
        monthly = [] if asked_period.to_month else asked_period.months
        stock = plan.metrics and all(getattr(self.vocab.metrics.get(m), "unit_of_measure", None) in ("count", "fte")
                                     for m in plan.metrics)
        if monthly and stock and dated_only(normalise(question)):
            monthly = []  # "employees at 1 December 2017": the year's stock counted on a day, not a month's figure
        if monthly and plan.answerable and plan.family not in ("tickets",):
            # report figures are by year and quarter: never answer a month with the year's figure
            if deferred is not None:
                return deferred
            stated = self._month_stated(question)
            if stated is not None:
                return stated
            lang = fmt.detect_language(question)
            what = describe_plan(plan, self.vocab, lang)
            return _result(question, status="unanswerable", engine="planner", interpretation=what,
                           answer=("The report figures are by year and quarter, not by month." if lang == "en" else
                                   "Rapporttallene er per år og kvartal, ikke per måned."))
        if deferred is not None:
            # another source may cover what the first one covers only in part: report figures first -- unless the
            # report's reading is a run over the years while the question asks one total and names no period ("How
            # many tickets in total?"): a list of yearly figures answers no total, the other source's total does
            if (plan.answerable and plan.metrics and plan.confidence >= PLANNER_CONFIDENCE
                    and not _total_over_no_period(q, plan)):
                result = self._answer_plan(question, plan)
                if result["status"] == "ok" and not self._ticket_words_unplaced(plan, result, deferred):
                    return result
            return deferred
        if engine in ("auto", "planner") and plan.answerable:
            asked = self._breakdown(question, plan)
            if asked is not None:
                # the measure lacks the group or split asked ("female employees" by sector): a report table or sentence
                # that prints it ("Kvinner 2017") answers the question as asked
                return self._group_printed(question, asked) or asked
        if engine in ("auto", "planner"):
            q = Question.parse(question, fmt.detect_language(question))
            if not plan.answerable or not plan.metrics and plan.family not in ("variance", "cost_share"):
                found = self._fallback(question, q)
                if found is not None:
                    return found
        if engine == "planner" or (engine == "auto" and plan.answerable and plan.confidence >= PLANNER_CONFIDENCE):
            result = self._answer_plan(question, plan)
            missing = missing_years(question, result)
            if missing:
                # the governed figure lacks years asked: a report table or sentence that shows more of them answers
                alt = self._fallback(question, Question.parse(question, fmt.detect_language(question)))
                if alt is not None and len(missing_years(question, alt) or ()) < len(missing) and _years_shown(alt):
                    return alt
            if result.get("unit_not_reported"):
                return result  # the unit asked is known and has no such figure: no other figure answers for it
            if result["status"] != "ok" or result.get("unused"):
                # nothing governed, or a governed answer that leaves words unused ("ansatte helse/sosial"):
                # a report row or sentence that the words name answers the question as asked
                alt = self._fallback(question, Question.parse(question, fmt.detect_language(question)))
                if alt is not None and alt["status"] == "ok" and (
                        result["status"] != "ok" or _explains(alt, result["unused"])):
                    if result["status"] != "ok" and _another_units(alt, plan):
                        return result  # "sykefraværet i HR-enheten": never the sentence of another unit
                    return alt
                named = _not_scenario(result["unused"]) if result["status"] == "ok" else []
                if (named and plan.family == "variance" and alt is not None
                        and alt.get("family") == "account_line" and _explains(alt, named)):
                    # "frie inntekter mot budsjett": the line asked has no figure for the year; never another line's
                    # (only when the variance answer left a word naming the line unused: "budsjettavvik" alone
                    # names a column, and a line reached through a unit's own name is no line asked)
                    return alt
                if result["status"] == "ok":
                    other = self._other_report(question, plan, result)
                    if other is not None:
                        return other
            return result
        if engine in ("auto", "llm"):
            llm = self._llm_engine()
            if llm is not None:
                return llm.ask(question)
            if engine == "llm":
                return _result(question, status="error", engine="llm", answer=_say(question, "no_llm"))
        return self._answer_plan(question, plan)

    @staticmethod
    def _ticket_words_unplaced(plan: Plan, result: dict, refused: dict) -> bool:
        """A governed ticket count that leaves words of the question unused ("saker per ansatt": no export holds the
        employees) while a ticket family refused those words: the count answers another question than asked, and the
        refusal (which names what the exports do hold) is the honest answer."""
        return (plan.family == "tickets" and bool(result.get("unused")) and refused.get("status") == "unanswerable"
                and refused.get("family") in {f.NAME for f in families.FAMILIES})

    def _month_stated(self, question: str) -> dict | None:
        """A month asked of report figures: the one sentence that writes that month ("i august ble staben utvidet
        med to nye medarbeidere", "har i desember 56 100 anställda") states the month's figure; None when none does."""
        from app.engine.periods import MONTHS

        written = [w for w in re.findall(r"[a-zæøåäö]+", question.lower()) if len(w) >= 4 and w in MONTHS]
        if not written:
            return None
        return self._retrieved(question, tuple(dict.fromkeys(written)))

    def _verified(self, question: str) -> dict | None:
        key = normalise(question)
        for vq in self.catalog.verified_queries:
            if normalise(vq.question) == key:
                sql, columns, rows = self.run(vq.sql)
                plan = plan_question(question, self.vocab)
                result = self._format(question, plan, sql, columns, rows, engine="verified")
                result["verified"] = True
                result["verified_by"] = f"{vq.verified_by}, {vq.verified_at}"
                return result
        return None

    def _format(self, question: str, plan: Plan, sql: str, columns: list[str], rows: list[tuple],
                engine: str) -> dict:
        lang = fmt.detect_language(question)
        columns, rows, sources = fmt.split_sources(columns, rows)
        if not rows:
            return self._unanswerable(question, plan, lang, sql=sql)
        family = family_of(plan) if "variance_nok" not in columns else families.variance
        text = family.sentence(plan, self.vocab.metrics, columns, rows, lang)
        unused = unused_words(question, plan, self.vocab)
        # words that name the part or unit the figures' report covers ("tenesteområde helse") are answered by it
        unused = [w for w in unused if not self._scope_named(w, sources)]
        names = unresolved_names(question, unused, plan)
        if names and len(self.vocab.organisation_names) > 1 and not rows_named(columns, rows, names):
            return self._unknown_names(question, plan, names, lang)
        unused = [w for w in unused if not rows_named(columns, rows, [w])]  # "VR" of the unit "VR innkjøp"
        kinds = unit_words(question, unused, [u.unit_name for u in plan.units])
        if kinds and not plan.subjects:  # "FTEs at the service centre": never the organisation's or another unit's
            return self._unknown_names(question, plan, kinds, lang)
        parts_asked = dimension_words(unused)
        if parts_asked and not plan.subjects:  # "split between women and men": the total is not what was asked
            return self._dimension_not_held(question, plan, parts_asked, lang)
        unheld = [w for w in subject_words(question, unused) if not self.vocab.printed_anywhere(w)]
        if unheld and not plan.subjects:
            # "meirforbruket på barnevernet" when no table, sentence, unit or line of the data says «barnevern»: the
            # organisation's whole figure is not the subject's
            return self._subject_not_held(question, plan, unheld, lang)
        elsewhere = self._row_asked_elsewhere(plan, unused, columns, rows)
        if elsewhere:
            # "sykefravær i teknikk og miljø" when only another unit prints sick leave: never that unit's figure
            return self._subject_not_held(question, plan, [elsewhere], lang, only_total=False)
        narrower = self._narrower(question, columns, rows, sources, text, describe_plan(plan, self.vocab, lang), lang)
        if narrower is not None:
            return narrower
        if unused:
            text += (f" (Not used in this answer: «{' '.join(unused)}».)" if lang == "en" else
                     f" (Ikke brukt i svaret: «{' '.join(unused)}».)")
        text += self._missing_measures(plan, columns, rows, lang)
        return _result(question, status="ok", engine=engine, sql=sql, columns=columns, rows=rows, answer=text,
                       sources=sources, chart=family.chart(plan, columns, rows), plan=plan.understood,
                       interpretation=describe_plan(plan, self.vocab, lang), unused=unused)

    def _protected_pairs(self) -> frozenset:
        """og/and inside the names and labels the data knows (app.engine.parts.protected_pairs), once per vocabulary."""
        from app.engine.parts import protected_pairs

        cached = getattr(self.vocab, "_protected_pairs", None)
        if cached is None:
            names = [*self.vocab.unit_aliases, *self.vocab.organisations, *self.vocab.subjects]
            names += [n for m in self.vocab.metrics.values() for n in (*m.synonyms, m.name_nb, m.name_en)]
            data = self.vocab.data
            if data is not None:
                for index in (data.accounts, *((data.cells.rows,) if data.cells else ())):  # a caption may list two
                    names += index.labels if index is not None else []
            cached = protected_pairs(names)
            object.__setattr__(self.vocab, "_protected_pairs", cached)
        return cached

    def _part_answer(self, part: str, engine: str) -> dict:
        self._in_parts = True
        try:
            with answer_language(fmt.detect_language(part)):
                return self._ask(part, engine)
        except (GuardError, QueryError):
            return _result(part, status="error")
        finally:
            self._in_parts = False

    def _by_parts(self, question: str, engine: str, whole: dict) -> dict:
        """A question asking for several years or several measures at once ("i 2017 og i 2018", "tilsette og
        årsverk", "…, og kor stor del av driftsinntektene utgjorde det?"), answered as a whole without all of them:
        each part asked on its own (app.engine.parts) and the answer lists every part. For several measures or clauses
        (asks), each ask is answered by a figure read from words that say it, in the unit it names (app.engine.asks):
        the whole answer is added to for the asks it has no figure for, and an ask no answer answers is named as not
        answered, never silently left out; a refused question answers the asks that can be answered and names the
        others."""
        from app.engine import asks, parts
        from app.engine.planner import find_units
        from app.engine.wordforms import stem, words

        # an answer that leaves words of the question unused answered something else: it counts as no answer
        ok = whole.get("status") == "ok" and bool(whole.get("rows")) and not whole.get("unused")
        years_missing = missing_years(question, whole, written=True) if ok else []
        measures_missing = ok and self._measures_missing_note(whole)
        paired = parts.name_year_parts(question)  # "Klepp 2015 mot Hå 2019": each name in its own year
        if paired:
            # each name answered for its own year, never every name for every year nor one name for both
            pairs = [(y, self._part_answer(p, engine)) for y, p in paired]
            if all(a.get("status") == "ok" and a.get("rows") and y in (_years_shown(a) or {y}) for y, a in pairs) \
                    and _distinct([a for _, a in pairs]):
                return _merge(question, [a for _, a in pairs])
        by_place = self._by_places(question, engine, whole, ok)
        if by_place is not None:
            return by_place
        by_year = paired or parts.year_parts(question)
        if by_year and (not ok or years_missing):
            wanted = [(y, p) for y, p in by_year if not ok or y in years_missing]
            answers = []
            for y, p in wanted:
                a = self._part_answer(p, engine)
                shown = _years_shown(a)
                # read the way the whole was (two names each in its year: each read from its own report)
                same_kind = not ok or bool(paired) or a.get("columns") == whole.get("columns")
                if a.get("status") == "ok" and a.get("rows") and not a.get("unused") and (shown is None or y in shown) \
                        and same_kind:
                    answers.append(a)
            if answers:
                # the years no part answered are named as missing (`_name_missing_years`), never left out
                return _merge(question, ([whole] if ok else []) + answers)
            return whole
        text = normalise(question)
        _, unit_words_ = find_units(text, self.vocab.unit_aliases)
        # a capitalised word is a name unless it is an abbreviation of a measure or a cue ("FTEs", "KOSTRA")
        names = [w for w in unit_words_] + [w for w in re.findall(r"(?<=\s)[A-ZÆØÅ][\w/-]+", question)
                                             if w.lower() not in NAME_STOPWORDS and not known_to_planner([w], self.vocab)]
        names += [n for n in self.vocab.organisations if pattern(rf"(?<!\w){re.escape(n)}(?!\w)").search(text)]
        split = parts.measure_parts(question, self._protected_pairs(), names)
        by_measure = len(split) >= 2
        split = split or parts.clause_parts(question, names)
        if len(split) < 2:
            return whole
        if ok and by_measure and _shows_every_part(whole, split):
            return whole  # "fullførte og besto": the figure shown is of both words' sentence, not of two measures
        # each ask answered by an answer that says its own words (app.engine.asks), or named as not answered
        said = asks.ask_words(split, fmt.detect_language(question), {stem(w) for n in names for w in words(n)})
        kinds = [asks.kind_of_ask(p) for p in split]

        # "…, and what was the share?", "and how does that compare with 2019?": a later clause with no words of its own
        # asks of the first; it is never answered on its own, and the answer to the whole answers it
        dependent = [not by_measure and i > 0 and not said[i][2] for i in range(len(split))]
        # an ask whose words are all another's ("lånegjelda" beside "lånegjelda per innbyggar") is not answered by a
        # row saying the words of another ask that names its unit
        others = [said[i][1] if any(k for j, k in enumerate(kinds) if j != i) else [] for i in range(len(split))]

        def answered(result: dict, i: int, alone: bool = False) -> bool:
            return not dependent[i] and asks.answers_ask(result, said[i][0], kinds[i], self.vocab.metrics, others[i],
                                                         alone, tuple(k for j, k in enumerate(kinds) if j != i))

        # one figure cannot answer two clauses ("kor mykje er budsjettert å dekkje inn av underskotet, og kor stort
        # var underskotet?"): a later clause, even one that only asks of the first, is answered on its own or named
        short = ok and not by_measure and len(_numbers(whole)) < len(split)

        def by_whole(i: int) -> bool:
            return (i == 0 or not short) and (dependent[i] or answered(whole, i))

        if ok and all(by_whole(i) for i in range(len(split))):
            return whole  # the answer to the whole already has a figure for every ask
        answers = [self._part_answer(p, engine) for p in split]
        for i, p in enumerate(split):
            broader = parts.broader_referent(p)
            if broader and not (self._good(answers[i]) and answered(answers[i], i, alone=True)):
                # "how much was «long-term debt» per inhabitant": the debt per inhabitant, its sentence quoted
                again = self._part_answer(broader, engine)
                answers[i] = again if self._good(again) and answered(again, i, alone=True) else answers[i]
        good = [a for a in answers if self._good(a)]
        if ok and not good:
            return whole  # no ask is answered on its own: the og/and is not how the question reads ("culture and leisure")
        fit = [a in good and (answered(a, i, alone=True) or short and dependent[i] and bool(_numbers(a) - _numbers(whole)))
               for i, a in enumerate(answers)]
        if not ok:
            accepted = [a for a, f in zip(answers, fit) if f]
            if not accepted or not _distinct(accepted):
                return whole
            # the asks that could be answered, and the others named as not answered (never the whole refused)
            return _merge(question, accepted, unanswered=[p for p, f, d in zip(split, fit, dependent) if not f and not d])
        shown = _numbers(whole)
        # the whole is the top of a ranking ("which week was busiest, and how many"): the part listing every week shows
        # its figure and more, but answers less than asked
        ranked = re.search(r"qualify\s+rank\(\)", str(whole.get("sql") or ""), re.I) is not None
        wider = [] if ranked else [a for a, f in zip(answers, fit) if f and shown < _numbers(a)]
        if wider:  # a part whose answer is the whole answer and more ("504 mill., 118 %" for "118 %"): it is the base
            whole = {**max(wider, key=lambda a: len(_numbers(a))), "question": question}
            shown = _numbers(whole)
        new, dropped = [], []
        for i, (p, a, f) in enumerate(zip(split, answers, fit)):
            if by_whole(i):
                continue  # the whole shows this ask's figure
            if f and not _numbers(a) - shown:
                if short and i > 0:
                    dropped.append(p)  # the figure the first clause's answer shows: no figure of this clause's own
                continue
            if f:
                new.append(a)
                shown = shown | _numbers(a)
            else:
                dropped.append(p)  # no answer says this ask's words: named, never silently left out
        if not new or not _distinct([whole, *new]):
            return _say_unanswered(whole, question, dropped)
        if measures_missing:  # "Fant ingen tall for Årsverk.": a part has it now
            whole = {**whole, "answer": re.sub(r" (?:Fant ingen tall|No figure found) for [^.]*\.", "", whole["answer"])}
        return _merge(question, [whole, *new], unanswered=dropped)

    def _places_named(self, question: str) -> list[tuple[str, frozenset[str]]]:
        """The names the question writes (a capitalised word inside it) that name loaded reports, each with the
        reports it names ("Nordby" -> nordby_regnskap_2031.txt), in the question's order; a name naming every
        report, or a kind word ("City", "Municipality"), is none."""
        from app.engine.families.scope import GENERIC, KIND_TITLES, fold, sentence_starts
        from app.engine.wordforms import stem

        documents = (self.vocab.data.documents if getattr(self.vocab, "data", None) else ()) or ()
        starts = sentence_starts(question)
        out: list[tuple[str, frozenset[str]]] = []
        for i, m in enumerate(re.finditer(r"[\wæøåÆØÅäöÄÖ][\w\-æøåÆØÅäöÄÖ]*", question)):
            tok = m.group(0)
            if i == 0 or m.start() in starts or not tok[:1].isupper() or tok.lower() in KIND_TITLES:
                continue
            s_ = fold(stem(tok.lower()))
            if s_ in GENERIC or len(s_) < 3:
                continue
            files = frozenset(d.file_name for d in documents if s_ in d.name_stems)
            if files and len(files) < len(documents) and all(files != f for _, f in out):
                out.append((tok, files))
        return out

    def _by_places(self, question: str, engine: str, whole: dict, ok: bool) -> dict | None:
        """"Compare the net operating result of A and B": each name the question writes answered from its own best
        evidence (a table of one report, a sentence of the other) when the whole answer shows figures of some of the
        names only; a name no part answers is named as not answered, never left out silently."""
        places = self._places_named(question)
        if len(places) < 2:
            return None
        # the names are what is compared or listed ("A and B", "A kommune og B", "A versus B"), never a name of the
        # figure's owner beside the one it is about ("IKSets kostnader … belastet B")
        joined = any(re.search(rf"\b{re.escape(a)}(?:'s|s)?(?:\s+[\wæøåäö]+)?\s*(?:,|\band\b|\bog\b|\boch\b|&|\bversus\b|"
                               rf"\bvs\.?|\bmot\b|\bwith\b|\bmed\b)\s*(?:the\s+)?{re.escape(b)}\b", question)
                     for (a, _), (b, _) in zip(places, places[1:]))
        if not joined:
            return None
        shown = {s.get("document") for s in whole.get("sources") or []} if ok else set()
        missing = [(name, files) for name, files in places if not files & shown]
        if not missing or len(missing) == len(places) and ok:
            return None
        answers, unanswered = [], []
        for name, _ in missing:
            others = [n for n, _ in places if n != name]
            part = question
            for o in others:  # the question about this name alone: the other names and their joining word out
                part = re.sub(rf"(?:\s*(?:,|\band\b|\bog\b|\boch\b|&|\bwith\b|\bmed\b|\bmot\b|\bversus\b|\bvs\.?)\s*)?"
                              rf"\b{re.escape(o)}(?:'s|s)?\b", "", part, count=1)
            part = re.sub(r"\s+", " ", part).strip()
            a = self._part_answer(part, engine)
            files = dict(places)[name]
            if a.get("status") == "ok" and a.get("rows") and not a.get("unused") and \
                    {s.get("document") for s in a.get("sources") or []} <= files:
                answers.append(a)
            else:
                unanswered.append(part)
        if not answers or not _distinct(([whole] if ok else []) + answers):
            return None
        return _merge(question, ([whole] if ok else []) + answers, unanswered=unanswered)

    def _stated_change(self, question: str, result: dict) -> dict:
        """A change asked ("kor mykje auka …", "hvor mange prosentpoeng høyere enn samme kvartal året før") answered
        with the level alone: the change the report states where it states the level is added, labelled as the
        report's, with its sentence (app.engine.stated_change); nothing is added when the report states none."""
        from app.engine import stated_change as sc
        from app.engine.families.prose_rank import quote_around

        if result.get("status") != "ok" or not result.get("rows") or not sc.asks_change(question):
            return result
        sources = [(s.get("document"), s.get("excerpt")) for s in result.get("sources") or [] if s.get("document")]
        files = sorted({f for f, _ in sources})
        if not files or self.vocab.data is None or not self.vocab.data.prose:
            return result
        shown = _numbers(result)
        years = _years_shown(result) or None
        try:
            _, _, rows = self.run(
                "select figure_id, file_name, value, unit, value_year, scenario, printed, text, context\n"
                "from fct_report_prose_figure\nwhere value is not null and text is not null and "
                + in_list("file_name", files) + "\norder by file_name, page, line")
        except (GuardError, QueryError, duckdb.Error):
            return result
        figures = [sc.Figure(*r) for r in rows]
        levels = {(f, None, v) for f in files for v in shown}
        chosen = sc.stated_changes(question, sources, levels, years, figures, shown)
        if not chosen:
            return result
        sql = ("select f.organisation, f.value_year as year, f.value, f.unit, f.printed, f.text as sentence,\n"
               "       f.file_name as document, f.page, f.file_name as source_document, f.page as source_page,\n"
               "       f.text as source_excerpt\nfrom fct_report_prose_figure as f\nwhere "
               + in_list("f.figure_id", chosen) + "\norder by f.file_name, f.page, f.line")
        try:
            sql, columns, rows = self.run(sql)
        except (GuardError, QueryError, duckdb.Error):
            return result
        columns, rows, found = fmt.split_sources(columns, rows)
        if not rows:
            return result
        en = fmt.detect_language(question) == "en"
        said = _flat_quote(result.get("answer"))
        quoted, shown_text = set(), []
        for r in rows:
            d = dict(zip(columns, r))
            quote = _flat_quote(d.get("sentence"))
            cite = "" if quote in quoted or quote[:240] in said else (
                f"; «{quote_around(quote, d.get('printed'), 240, 120)}», {d.get('document')}, "
                f"{'page' if en else 'side'} {d.get('page')}")
            quoted.add(quote)
            shown_text.append(f"{format_number(d['value'])} ({d.get('printed')}{cite})")
        text = (("Change stated in the report: " if en else "Endring oppgitt i rapporten: ") + "; ".join(shown_text)
                + ".")
        change = _result(question, status="ok", engine="planner", sql=sql, columns=columns, rows=rows, answer=text,
                         sources=found, interpretation=("change stated in the report text" if en else
                                                        "endring oppgitt i rapportteksten"))
        # the words that asked the change ("prosentpoeng høyere enn") are used now
        unused = result.get("unused") or []
        spans = " ".join(m.group() for m in sc.CHANGE_ASKED.finditer(question.lower()))
        left = [w for w in unused if w.lower() not in spans.split()]
        first = result
        if unused and len(left) < len(unused):
            note = re.compile(r" \((?:Not used in this answer|Ikke brukt i svaret|Ikkje brukt i svaret): «[^»]*»\.\)")
            kept = (f" (Not used in this answer: «{' '.join(left)}».)" if en else
                    f" (Ikke brukt i svaret: «{' '.join(left)}».)") if left else ""
            first = {**result, "answer": note.sub(kept, result.get("answer") or "", count=1)}
        merged = _merge(question, [first, change], unanswered=result.get("unanswered") or [])
        return {**merged, "family": result.get("family"), "plan": result.get("plan"), "unused": left}

    @staticmethod
    def _good(result: dict) -> bool:
        """An answer with figures that used every word of what it was asked."""
        return result.get("status") == "ok" and bool(result.get("rows")) and not result.get("unused")

    def _measures_missing_note(self, result: dict) -> bool:
        answer = result.get("answer") or ""
        return " Fant ingen tall for " in answer or " No figure found for " in answer or " Fann ingen tal for " in \
            answer

    def _missing_measures(self, plan: Plan, columns: list[str], rows: list, lang: str) -> str:
        """Several measures asked ("tilsette og årsverk") and rows for only some: the others named as missing."""
        if len(plan.metrics) < 2 or "metric" not in columns:
            return ""
        i = columns.index("metric")
        shown = {r[i] for r in rows}
        missing = [m for m in plan.metrics if m not in shown]
        if not missing:
            return ""
        names = ", ".join((self.vocab.metrics[m].name_en if lang == "en" else self.vocab.metrics[m].name_nb)
                          if m in self.vocab.metrics else m for m in missing)
        return f" No figure found for {names}." if lang == "en" else f" Fant ingen tall for {names}."

    def _fallback(self, question: str, q: Question) -> dict | None:
        """Account lines, then report cells: the first that answers with rows; else the first refusal. An answer whose
        figures are all in the other unit than the one asked (kroner of an account line for "i prosent av
        driftsinntektene") gives way to a later family's in the unit asked, and is kept only when none has one."""
        from app.engine.asked_unit import unit_asked
        from app.engine.honest import unit_not_asked

        first = other_unit = None
        asked = unit_asked(question)
        order = families.FALLBACK_FAMILIES
        for i, family in enumerate(order):
            found = family.read(q, self.vocab)
            if found is None:
                continue
            result = self._answer_family(question, found)
            if result["status"] == "ok":
                if asked and unit_not_asked(asked, result.get("columns") or [], result.get("rows") or [],
                                            self.vocab.metrics, result.get("answer") or ""):
                    other_unit = other_unit or (i, result)
                    continue
                if family is families.account_line:
                    # a line's total that leaves words of the question out ("netto driftsresultat" for "… of the
                    # municipal enterprises", "mindreforbruk"): a later family's answer whose own words hold more of
                    # the question's (a sentence stating that figure) answers as asked
                    better = self._covers_more(question, q, result, order[i + 1:])
                    if better is not None:
                        # the better answer still lacks years asked ("… 2016 og 2018" that a table shows for 2018):
                        # the families after it that show them add theirs, as for any answer
                        alt, at = better
                        return self._other_years(question, q, alt, order[i + 1 + at + 1:])
                return self._other_years(question, q, result, order[i + 1:])
            if family is not families.row_count:  # no table to count is no refusal: the labels' search comes next
                first = first or result
        if other_unit is not None:
            i, result = other_unit
            return self._other_years(question, q, result, order[i + 1:])
        if first is not None and first.get("family") == "cell_ranking":
            # no table of rows to rank for the year asked: a sentence that lists the figures ("der nye lån utgjer
            # 72,050 mill., unytta lånemidlar 4 mill., …") ranks them, the largest (smallest) asked
            return self._listed_extreme(question, q) or first
        return first

    def _covers_more(self, question: str, q: Question, result: dict, later: tuple) -> tuple[dict, int] | None:
        """The first later family's answer (with figures, in the unit asked) whose rows hold every content word of the
        question the answer's rows hold and at least one more (`_words_held`), with that family's place in `later`;
        None when the answer holds every content word already or no later answer holds more."""
        from app.engine.asked_unit import unit_asked
        from app.engine.honest import unit_not_asked

        held, core = _words_held(q, result)
        if not core or held >= core:
            return None
        asked = unit_asked(question)
        for at, family in enumerate(later):
            found = family.read(q, self.vocab)
            if found is None or isinstance(found, Refusal):
                continue
            alt = self._answer_family(question, found)
            if alt["status"] != "ok" or not alt.get("rows") or asked and unit_not_asked(
                    asked, alt.get("columns") or [], alt.get("rows") or [], self.vocab.metrics, alt.get("answer") or ""):
                continue
            more, _ = _words_held(q, alt, by_row=True)
            if more > held:
                return alt, at
        return None

    def _other_years(self, question: str, q: Question, result: dict, later: tuple) -> dict:
        """An answer that shows only some of the years asked (an account line a table or sentence states for one
        year): the later sources (a table row, a sentence) that show a year it lacks are added to it, each with
        its own source, never left as "no figure found"."""
        missing = set(missing_years(question, result))
        if not missing:
            return result
        for family in later:
            found = family.read(q, self.vocab)
            if found is None or isinstance(found, Refusal):
                continue
            alt = self._answer_family(question, found)
            if alt["status"] == "ok" and (_years_shown(alt) or set()) & missing and _numbers(alt) - _numbers(result):
                return _merge(question, [result, alt])
        return result

    def _label_search(self, question: str) -> dict | None:
        """No measure named: the loaded reports' own labels and sentences that the question's words name
        (app.engine.families.label_search), answered or listed when several fit equally; else the one sentence
        retrieved by the question's words (app.engine.families.retrieve); None when none fits."""
        from app.engine.families import label_search

        q = Question.parse(question, fmt.detect_language(question))
        found = label_search.read(q, self.vocab)
        if found is not None:
            result = self._answer_family(question, found)
            if result["status"] == "ok" or result.get("family") == label_search.NAME:
                return result
        # no label fits: the one sentence of the reports that states the figure the question's words name
        return self._retrieved(question, q=q)

    def _listed_extreme(self, question: str, q: Question) -> dict | None:
        """The largest (smallest) figure a report sentence lists, when the question asks a superlative
        (app.engine.families.retrieve, listed_only); None when no sentence lists figures the words name."""
        from app.engine.families import retrieve

        found = retrieve.read(q, self.vocab, listed_only=True)
        if found is None:
            return None
        result = self._answer_family(question, found)
        return result if result["status"] == "ok" else None

    def _retrieved(self, question: str, must: tuple[str, ...] = (), q: Question | None = None) -> dict | None:
        """The one report sentence retrieved by the question's words that holds `must` (app.engine.families.retrieve),
        answered; None when none fits."""
        from app.engine.families import retrieve

        q = q or Question.parse(question, fmt.detect_language(question))
        found = retrieve.read(q, self.vocab, must=must)
        if found is None:
            return None
        result = self._answer_family(question, found)
        if result["status"] != "ok":
            # a superlative over a sentence whose figures are no list of parts: the sentence's own figure
            plain = retrieve.read(q, self.vocab, must=must, rank_list=False)
            if plain is not None and plain.sql != found.sql:
                result = self._answer_family(question, plain)
        return result if result["status"] == "ok" else None

    def _other_report(self, question: str, plan: Plan, result: dict) -> dict | None:
        """A governed answer whose unused words name another report's organisation ("ansatte Nordfjord"
        answered with another organisation's staff) answers a different question: say so instead."""
        from app.engine.families.scope import find_documents

        data = self.vocab.data
        if data is None or not data.documents:
            return None
        docs, _ = find_documents(" ".join(result["unused"]), data.documents)
        if not docs:
            return None
        shown = set()
        if "unit" in result["columns"]:
            shown = {r[result["columns"].index("unit")] for r in result["rows"]}
        by_name = {u.unit_name: u.unit_key for u in self.vocab.unit_aliases.values()}
        answered = {normalise(self.vocab.unit_organisations.get(by_name.get(n, ""), n) or n) for n in shown}
        answered |= {normalise(n) for n in shown}
        answered |= {normalise(self.vocab.organisation_names.get(k, k)) for k in plan.organisations}
        if any(d.organisation and normalise(d.organisation) in answered for d in docs):
            return None
        lang = fmt.detect_language(question)
        what = describe_plan(plan, self.vocab, lang)
        names = ", ".join(sorted({d.organisation or d.title or d.file_name for d in docs}))
        text = (f"I read the question as: {what}. The reports of {names} hold no such governed figure, and "
                "no table row or sentence there matches the question." if lang == "en" else
                f"Jeg tolket spørsmålet som: {what}. Rapportene fra {names} har ikke noe slikt styrt tall, og "
                "ingen tabellrad eller setning der passer med spørsmålet.")
        return _result(question, status="unanswerable", engine="planner", answer=text, interpretation=what)

    def _ask_llm_plan(self, question: str) -> dict:
        """The LLM fills the plan (constrained to the vocabulary); the planner's compiler and the family
        modules turn it into SQL."""
        from app.engine import llm_plan
        from app.engine.llm import LLMSettings, build_chat_model

        lang = fmt.detect_language(question)
        en = lang == "en"
        model = self.chat_model or build_chat_model(LLMSettings())
        if model is None:
            return _result(question, status="error", engine="llm-plan", answer=_say(question, "no_llm"))
        try:
            spec = llm_plan.request_plan(model, question, self.vocab)
        except Exception as exc:  # network, parse: report, never crash
            return _result(question, status="error", engine="llm-plan",
                           answer=(f"The language model gave no usable plan ({type(exc).__name__})." if en else
                                   f"Språkmodellen ga ingen brukbar plan ({type(exc).__name__})."))
        result = self._answer_spec(question, spec, llm_plan, en)
        result["engine"] = "llm-plan"
        result["llm_plan"] = spec.model_dump()
        return result

    def _answer_spec(self, question: str, spec, llm_plan, en: bool) -> dict:
        if spec.family == "unanswerable":
            reason = spec.reason or ("The data cannot answer this." if en else "Dataene kan ikke svare på dette.")
            return _result(question, status="unanswerable", answer=reason)
        unknown = llm_plan.unknown_names(spec, self.vocab)
        if unknown:
            names = ", ".join(unknown)
            return _result(question, status="unanswerable",
                           answer=(f"The data holds nothing called {names}." if en else
                                   f"Dataene har ikke noe som heter {names}."), interpretation=names)
        if spec.family in ("value", "trend", "change", "ranking", "variance"):
            return self._answer_plan(question, llm_plan.to_plan(spec, question, self.vocab))
        text = llm_plan.render(spec)
        q = Question.parse(text, "en" if en else "nb")
        order = {"tickets": (families.tickets,), "resolution_time": (families.resolution,),
                 "account_line": (families.account_line,), "cell_lookup": (families.cell_lookup,)}[spec.family]
        found = families.read(q, self.vocab, order)
        if found is None:
            return _result(question, status="unanswerable", answer=(
                f"The plan ({text}) matches nothing in the data." if en else f"Planen ({text}) passer ikke med dataene."))
        return self._answer_family(question, found)

    def _breakdown(self, question: str, plan: Plan) -> dict | None:
        """A breakdown the question asks for that the plan would not give ("etter kjønn", "per uke"):
        read by the metric's breakdown when it has one, else ask instead of answering the total."""
        narrowed = filter_asked(normalise(question))
        if narrowed is not None and plan.family not in ("tickets", "variance", "cost_share") and not plan.subjects:
            return self._filter_not_held(question, plan, narrowed)
        found = breakdown_asked(normalise(question))
        if found is None or plan.family in ("tickets", "variance", "cost_share"):
            return None
        kind, words_ = found
        lang = fmt.detect_language(question)
        en = lang == "en"
        subjects = {m for code in plan.metrics for m in self.vocab.metric_subjects.get(code, ())}
        if kind in ("year", "unit"):
            return None
        if kind == "municipality":
            if not plan.units or plan.family not in ("value", "trend", "change") or not plan.metrics:
                return None  # listed over the units that report it, or a family that reads members itself
            _, _, held = self.lookup(
                "select distinct subject from fct_metric_value where subject is not null and is_latest and "
                f"metric_code in ({', '.join(repr(m) for m in plan.metrics)}) and "
                f"unit_key in ({', '.join(repr(u.unit_key) for u in plan.units)})")
            if any(not population_member(s) for (s,) in held):
                return None  # the unit's figures are split by member: read by them (a split by gender is none)
        if kind == "quarter" and (plan.quarters or any(m in self.vocab.quarterly for m in plan.metrics)):
            return None
        if kind in ("gender", "age", "category") and plan.subjects:
            return None  # the members named ("fordelt mellom kvinner og menn") are the breakdown read
        if kind in ("gender", "age", "category") and subjects and not plan.subjects:
            years = plan.years or list(self.vocab.years)
            _, _, held = self.lookup(
                "select distinct subject from fct_metric_value where subject is not null and is_latest and "
                "quarter is null and coalesce(qualifier, '') <> 'target' and "
                f"metric_code in ({', '.join(repr(m) for m in plan.metrics)}) and "
                f"value_year in ({', '.join(str(int(y)) for y in years) or 'null'})")
            if held:
                plan.subjects = sorted(s for (s,) in held)
                return None
        without = re.sub(re.escape(words_), " ", normalise(question)).strip()
        without = re.sub(r"\s+", " ", without)
        what = describe_plan(plan, self.vocab, lang)
        text = (f"I read the question as: {what}, «{words_}». "
                f"The data does not hold that breakdown for this measure; I can give the figure without it."
                if en else
                f"Jeg tolket spørsmålet som: {what}, «{words_}». Dataene har ikke den fordelingen for "
                f"dette målet; jeg kan gi tallet uten fordeling.")
        suggestions = [without]
        # the data lacks the split: refused with the reason, the figure without it offered (never the total silently)
        return _result(question, status="unanswerable", engine="planner", answer=text, interpretation=what,
                       suggestions=suggestions, plan=plan.understood)

    def _honest(self, question: str, result: dict) -> dict:
        """Every path's answer checked last (app.engine.honest): a split asked that the rows do not show, or a figure in
        the other unit than the one asked, is refused with the reason and the figure found offered, never given as
        the answer to the question asked."""
        from app.engine.asked_unit import unit_asked, unit_words
        from app.engine.honest import measure_not_held, name_asked_count_given, split_not_shown, unit_not_asked

        lang = fmt.detect_language(question)
        en = lang == "en"
        what = result.get("interpretation") or ""
        found = result.get("answer", "")
        if result.get("parts") and result.get("status") == "ok" and result.get("rows"):
            other = _measure_not_answered(question, result, self.vocab)
            if other:
                # a question answered in parts whose parts lost the measure it names ("the highest and the lowest
                # <measure>": the first part without it): rows of another measure answer none of it
                text = (f"I read the question as asking for «{' '.join(other)}». The figures found in parts are of "
                        f"another measure, so they do not answer it." if en else
                        f"Jeg tolket spørsmålet som at det spør om «{' '.join(other)}». Tallene jeg fant for delene "
                        f"gjelder et annet mål, så de svarer ikke på det.")
                return _result(question, status="unanswerable", engine="planner", answer=text, interpretation=what)
        measure = measure_not_held(question, result, self.vocab)
        if measure:
            # "kor mange tilsette", "customer satisfaction score": a measure no export holds, never a count of tickets
            from app.engine.families.tickets import holdings

            named = " ".join(measure)
            held = holdings(self.vocab.data.tickets, en)
            text = (f"The ticket exports hold nothing for «{named}», so that cannot be answered from them (a count of "
                    f"tickets would answer another question). They hold: {held}." if en else
                    f"Saksdataene har ingenting for «{named}», så det kan ikke besvares fra dem (et antall saker ville "
                    f"svare på et annet spørsmål). De har: {held}.")
            return {**_refused_instead(question, result, text, []), "unused": measure}
        count = name_asked_count_given(question, result) if result.get("status") == "ok" else None
        if count is not None:
            # "Hvilken enhet hadde størst merforbruk?" answered by "Fem enheter hadde merforbruk": a count names none
            text = (f"The question asks which one; the report text gives only a count («{count}»), not which: {found}"
                    if en else f"Spørsmålet spør hvilken; rapportteksten oppgir bare et antall («{count}»), ikke "
                    f"hvilken det gjelder: {found}")
            return _refused_instead(question, result, text, [])
        split = split_not_shown(question, result)
        if split is not None:
            _, words_ = split
            without = re.sub(r"\s+", " ", re.sub(re.escape(words_), " ", normalise(question))).strip()
            text = (f"I read the question as: {what}, «{words_}». The data does not hold that breakdown, only the "
                    f"figure without it: {found}" if en else
                    f"Jeg tolket spørsmålet som: {what}, «{words_}». Dataene har ikke den fordelingen, bare tallet "
                    f"uten fordeling: {found}")
            return _refused_instead(question, result, text, [without])
        asked = unit_asked(question)
        other = unit_not_asked(asked, result.get("columns") or [], result.get("rows") or [], self.vocab.metrics, found)
        if other is not None:
            text = (f"I read the question as asking for {unit_words(asked, lang)}. The data has this figure only as "
                    f"{unit_words(other, lang)}, not as {unit_words(asked, lang)}: {found}" if en else
                    f"Jeg tolket spørsmålet som at det spør om {unit_words(asked, lang)}. Dataene har dette tallet bare "
                    f"som {unit_words(other, lang)}, ikke som {unit_words(asked, lang)}: {found}")
            return _refused_instead(question, result, text, [found[:300]])
        return result

    def _unsaid(self, question: str, result: dict) -> dict:
        """The last word on an answer a question family found (the planner's own answers name their unused words in
        `_format`): words of the question it did not use are named in the answer and its reading, never dropped
        silently. A word that narrows what is asked ("underskuddet på VAR-gebyrene", "for barnehagene") makes the
        answer a nearby reading (`reading: nearby`) when the data has that word somewhere, and a refusal that offers
        the figure found when the data has nothing for it. Run once, after the parts (app.engine.asks reads the
        answers of the parts, never this note)."""
        from app.engine.honest import data_knows, is_head, qualifiers, unsaid_words

        if "unused" in result or not result.get("rows"):
            return result
        # the words that narrow what is asked: the other content words the reading left out are mostly verbs and
        # words of the question's frame ("satt av", "went to"), which the word forms cannot yet tell from a narrowing
        narrowing = qualifiers(question, unsaid_words(question, result, self.vocab), self.vocab)
        if not narrowing:
            return result
        unsaid = narrowing
        en = fmt.detect_language(question) == "en"
        named = " ".join(unsaid)
        what = result.get("interpretation") or ""
        found = result.get("answer") or ""
        missing = [w for w in narrowing if is_head(question, w) and not data_knows(w, self.vocab)]
        other = _measure_not_answered(question, result, self.vocab)
        if other and not missing:
            # a nearby reading that answers another measure than the one asked (a municipality's accounts rows for
            # "sick leave"): never an answer, nearby or not; the refusal names what was asked and what was not found
            text = (f"I read the question as asking for «{' '.join(other)}» for «{named}». The data holds no figure "
                    f"of that measure for it; the nearest figures found are of another measure." if en else
                    f"Jeg tolket spørsmålet som at det spør om «{' '.join(other)}» for «{named}». Dataene har ikke det "
                    f"målet for det; de nærmeste tallene jeg fant gjelder et annet mål.")
            return {**_result(question, status="unanswerable", engine="planner", answer=text,
                              interpretation=what), "unused": unsaid}
        if missing:
            # a narrowing word no label or figure sentence holds: a sentence that goes on from one that holds it
            # ("Gebyrinntektene på VAR dekka ikkje utgiftene. Underskotet vart 4,6 millionar.") answers instead
            stated = self._retrieved(question, tuple(missing))
            if stated is not None:
                return stated
            words_ = " ".join(missing)
            without = re.sub(r"\s+", " ", " ".join(w for w in question.split()
                                                    if w.strip(",.?!").lower() not in {m.lower() for m in missing}))
            text = (f"I read the question as: {what}. The data has nothing for «{words_}»; the figure found is not for "
                    f"it: {found}" if en else
                    f"Jeg tolket spørsmålet som: {what}. Dataene har ingenting for «{words_}»; tallet jeg fant gjelder "
                    f"ikke det: {found}")
            refused = _refused_instead(question, result, text, [without.strip()])
            return {**refused, "unused": unsaid}
        note = (f" (Not used in this answer: «{named}».)" if en else f" (Ikke brukt i svaret: «{named}».)")
        reading = (f"{what} (not used: «{named}»)" if en else f"{what} (ikke brukt: «{named}»)") if what else what
        out = {**result, "answer": found.rstrip() + note, "interpretation": reading, "unused": unsaid}
        if narrowing:
            lead = (f"Nearest reading, not for «{' '.join(narrowing)}»: " if en else
                    f"Nærmeste tolkning, ikke for «{' '.join(narrowing)}»: ")
            out["answer"] = lead + out["answer"]
            out["reading"] = "nearby"
        return out

    def _dimension_not_held(self, question: str, plan: Plan, asked: list[str], lang: str) -> dict:
        """Words that ask for a part or split of the population ("women", "menn") the figures found do not have."""
        what = describe_plan(plan, self.vocab, lang)
        named = " ".join(asked)
        without = re.sub(r"\s+", " ", " ".join(w for w in question.split()
                                                if w.strip(",.?!").lower() not in {a.lower() for a in asked})).strip()
        text = (f"I read the question as: {what}. The data has this measure only in total, not for «{named}»; ask "
                "without it for the total." if lang == "en" else
                f"Jeg tolket spørsmålet som: {what}. Dataene har dette målet bare samlet, ikke for «{named}»; spør "
                "uten det for totalen.")
        return _result(question, status="unanswerable", engine="planner", answer=text, interpretation=what,
                       suggestions=[without], plan=plan.understood, unused=asked)

    def _group_printed(self, question: str, refused: dict) -> dict | None:
        """A report family's answer to a question the governed measure refused for a group or split it lacks, when
        that answer's reading, labels or rows print the group's words ("female" ~ «Kvinner 2017»); None otherwise."""
        from app.engine.interpret import breakdown_asked, filter_asked
        from app.engine.wordforms import STOPWORDS, to_norwegian, words

        text = normalise(question)
        found = filter_asked(text) or breakdown_asked(text)
        if found is None or refused.get("status") == "ok":
            return None
        # the group itself ("menn" of "blant menn"), as the refusal reads it: the word that ends the phrase
        group = [to_norwegian(w) for w in words(found[1])[-1:] if w not in STOPWORDS and len(w) >= 3]
        if not group:
            return None
        alt = self._fallback(question, Question.parse(question, fmt.detect_language(question)))
        if alt is None or alt.get("status") != "ok" or not _explains(alt, group):
            return None
        return alt

    def _filter_not_held(self, question: str, plan: Plan, narrowed: tuple[str, str]) -> dict | None:
        """"Sykefravær blant kvinner": the part of the population asked for, when the measure has it as a
        breakdown member; else say the data does not hold it, and offer the figure for everyone."""
        kind, words_ = narrowed
        subjects = {m for code in plan.metrics for m in self.vocab.metric_subjects.get(code, ())}
        wanted = words_.split()[-1]
        held = [s for s in subjects if wanted[:4] in normalise(s)]
        if held:
            plan.subjects = held
            return None
        lang = fmt.detect_language(question)
        en = lang == "en"
        what = describe_plan(plan, self.vocab, lang)
        without = re.sub(r"\s+", " ", re.sub(re.escape(words_), " ", normalise(question))).strip()
        text = (f"I read the question as: {what}, {words_}. The data does not hold this measure for that group, "
                "only for everyone; ask without it for the total." if en else
                f"Jeg tolket spørsmålet som: {what}, {words_}. Dataene har ikke dette målet for den gruppen, bare "
                "for alle samlet; spør uten den for totalen.")
        return _result(question, status="unanswerable", engine="planner", answer=text, interpretation=what,
                       suggestions=[without], plan=plan.understood)

    def _why(self, question: str, first: dict) -> dict | None:
        """A why-question answered with a figure: the report's sentences around that figure say why."""
        from app.engine.families import why

        q = Question.parse(question, fmt.detect_language(question))
        if not why.asks_why(q):
            return None
        columns, rows = first.get("columns") or [], first.get("rows") or []
        by_name = {u.unit_name: u.unit_key for u in self.vocab.unit_aliases.values()}
        figures = []
        for r in rows:
            d = dict(zip(columns, r))
            value = next((v for c, v in reversed(d.items()) if isinstance(v, (int, float)) and not isinstance(v, bool)
                          and c not in ("year", "quarter", "value_year", "page", "line", "table_number")), None)
            names = {str(d[c]) for c in ("unit", "organisation") if d.get(c)}
            names |= {self.vocab.unit_organisations.get(by_name.get(n, ""), "") for n in names} - {""}
            if value is not None:
                figures.append((float(value), frozenset(names)))
        found = why.read(q, self.vocab, figures)
        if found is None:
            return None
        result = self._answer_family(question, found)
        if result["status"] != "ok":
            return None
        result["answer"] = first["answer"] + " " + result["answer"]
        return result

    def _answer_family(self, question: str, found) -> dict:
        lang = fmt.detect_language(question)
        if isinstance(found, Refusal):
            return _result(question, status=found.status, engine="planner", answer=found.answer,
                           interpretation=found.interpretation, suggestions=found.suggestions, family=found.family)
        sql, source = found.sql, found.source
        tickets = self.vocab.data.tickets if self.vocab.data else None
        counted = from_counts_mart(sql, tickets.counts_mart, tickets.columns) if tickets else None
        if counted is not None:  # counts only: the same numbers from the counts mart (app/engine/ticket_counts.py)
            sql, source = counted, source.replace(f"({TICKETS}", f"({COUNTS_MART}")
        sql, columns, rows = self.run(sql)
        if rows and found.row_source is not None:
            source = found.row_source(columns, rows) or source
        columns, rows, sources = fmt.split_sources(columns, rows)
        lead = "I read the question as: " if lang == "en" else "Jeg tolket spørsmålet som: "
        if not rows:
            return _result(question, status="unanswerable", engine="planner", sql=sql,
                           answer=f"{lead}{found.interpretation}. {found.empty_reason}".strip(),
                           interpretation=found.interpretation, family=found.family)
        text = found.sentence(columns, rows, lang)
        narrower = self._narrower(question, columns, rows, sources, text, found.interpretation, lang, sql=sql)
        if narrower is not None:
            return narrower
        src = (" Source: " if lang == "en" else " Kilde: ") + source + "."
        return _result(question, status="ok", engine="planner", sql=sql, columns=columns, rows=rows,
                        answer=text + src, sources=sources or [{"document": source, "page": None, "excerpt": ""}],
                        chart=found.chart(columns, rows), interpretation=found.interpretation, family=found.family)

    def _narrower(self, question: str, columns: list[str], rows: list, sources: list[dict], text: str,
                  what: str, lang: str, sql: str | None = None) -> dict | None:
        """A question about a whole year or a whole organisation whose every figure is for a part of it (a quarter
        by the table's caption or the sentence, a report about part of the organisation): unanswerable, with the
        figures found offered as the nearest (app.engine.families.scope.narrower_than_asked)."""
        from app.engine.families.scope import (
            asks_whole_organisation,
            asks_whole_period,
            narrower_than_asked,
            other_scope,
            report_period_evidence,
        )

        if not (asks_whole_period(question) or asks_whole_organisation(question)) or not rows:
            return None
        evidence = []
        quarters = columns.index("quarter") if "quarter" in columns else None
        if quarters is not None and all(r[quarters] is not None for r in rows):
            evidence.append({"evidence": ["kvartal"], "title": None})
        for src in sources:
            texts, title = [src.get("excerpt") or ""], None
            doc, page = src.get("document"), src.get("page")
            if doc:
                try:
                    cond = f"c.file_name = {sql_str(str(doc))}" + (f" and c.page = {int(page)}" if page is not None else "")
                    _, _, caps = self.lookup("select distinct c.caption from fct_report_cell as c where " + cond
                                          + (f" and c.excerpt = {sql_str(texts[0])}" if texts[0] else "") + " limit 5")
                    texts += [c for (c,) in caps if c]
                    _, _, titles = self.lookup(f"select d.title from dim_document as d where d.file_name = {sql_str(str(doc))} limit 1")
                    title = titles[0][0] if titles else None
                except (GuardError, QueryError, duckdb.Error):
                    pass
                if "sentence" in columns and asks_whole_period(question):
                    # a sentence of a report of part of a year (a "delårsrapport") that names no period is the part's
                    texts += report_period_evidence(texts[0], (str(doc), title))
            evidence.append({"evidence": texts, "title": title})
        for i in ("caption",):
            if i in columns:
                evidence = [{"evidence": [str(r[columns.index(i)] or "")], "title": None} for r in rows] or evidence
        others = self._other_scopes(question) if asks_whole_organisation(question) else []
        shown = {str(r[i]) for r in rows for i, c in enumerate(columns) if c in ("unit", "organisation") and r[i]}
        if shown and others and all(other_scope(n, others) for n in shown):
            evidence = [{**e, "names": sorted(shown)} for e in evidence]
        kind = narrower_than_asked(question, evidence, others)
        if kind is None:
            return None
        en = lang == "en"
        found = sorted({h for e in evidence for x in (*e.get("names", ()), *e.get("evidence", ())) if x
                        for h in [other_scope(x, others)] if h})
        if kind == "organisation":  # what the reports behind the figures cover, as read at load time
            found = sorted({n for d in self._source_documents(sources) if d.scope_kind != "whole" and d.scope_name
                            for n in [d.scope_name]} | set(found))
        part = ({"period": "a part of the year (a quarter or a month)",
                 "organisation": "a part of the organisation or another organisation"}
                if en else {"period": "en del av året (et kvartal eller en måned)",
                            "organisation": "en del av organisasjonen eller en annen organisasjon"})[kind]
        if kind == "organisation" and found:
            part += " (" + ", ".join(found[:5]) + ")"
        answer = (f"I read the question as: {what}, for the whole {'year' if kind == 'period' else 'organisation'}. "
                  f"The data holds no such figure; the nearest figures are for {part}: {text}" if en else
                  f"Jeg tolket spørsmålet som: {what}, for hele {'året' if kind == 'period' else 'organisasjonen'}. "
                  f"Dataene har ikke det tallet; de nærmeste tallene gjelder {part}: {text}")
        return _result(question, status="unanswerable", engine="planner", sql=sql, answer=answer, interpretation=what,
                       sources=sources, suggestions=[text[:300]])

    def _source_documents(self, sources: list[dict]) -> list:
        """The loaded reports (app.engine.vocabulary.Document) behind `sources`; [] when one is not a report."""
        data = self.vocab.data
        docs = {d.file_name: d for d in (data.documents if data is not None else ())}
        files = list(dict.fromkeys(str(s["document"]) for s in sources if s.get("document")))
        return [docs[f] for f in files] if files and all(f in docs for f in files) else []

    def _scope_named(self, word: str, sources: list[dict]) -> bool:
        """`word` names the part or unit that the report behind every one of `sources` covers."""
        from app.engine.families.scope import names_scope

        docs = self._source_documents(sources)
        return bool(docs) and all(d.scope_kind != "whole" and names_scope(word, d.scope_name) for d in docs)

    def _report_scope(self, question: str, result: dict) -> dict:
        """Every figure of the answer is from a report about a part of its organisation or one unit
        (dim_document.scope_kind, read from the document at load time) and the question does not name that part:
        a whole-organisation question is refused, saying what the figures cover; any other is answered saying
        plainly which part the figures cover (app.engine.families.scope.scope_of_answer)."""
        from app.engine.families.scope import scope_of_answer

        docs = self._source_documents(result.get("sources") or [])
        verdict = scope_of_answer(question, [(d.scope_kind, d.scope_name) for d in docs])
        if verdict is None:
            return result
        kind, names = verdict
        en = fmt.detect_language(question) == "en"
        part = ", ".join(f"«{n}»" for n in names[:3])
        orgs = " / ".join(sorted({d.organisation for d in docs if d.organisation}))
        whole = orgs or ("the organisation" if en else "organisasjonen")
        if kind == "whole":
            what = result.get("interpretation") or ""
            answer = (f"The data holds no figure for {whole} as a whole: the report{'s' if len(docs) > 1 else ''} "
                      f"behind the figures found cover{'' if len(docs) > 1 else 's'} only {part}. The nearest "
                      f"figures, for {part}: {result.get('answer', '')}" if en else
                      f"Dataene har ikke tallet for hele {whole}: rapporten bak tallene gjelder bare {part}. "
                      f"De nærmeste tallene, for {part}: {result.get('answer', '')}")
            return _result(question, status="unanswerable", engine=result.get("engine"), sql=result.get("sql"),
                           answer=answer, interpretation=what, sources=result.get("sources") or [],
                           suggestions=[result.get("answer", "")[:300]], family=result.get("family"))
        columns = result.get("columns") or []
        shown = {str(r[i]) for r in result.get("rows") or [] for i, c in enumerate(columns) if c == "unit" and r[i]}
        if shown - set(self.vocab.organisation_names.values()) - {d.organisation for d in docs}:
            return result  # the rows already say which unit each figure is for
        if kind == "named":
            note = (f"The figure is for {part} (what the report covers)." if en else
                    f"Tallet gjelder {part} (det rapporten omfatter).")
        else:
            note = (f"The figure covers {part}, not the whole of {whole} (what the report covers)." if en else
                    f"Tallet gjelder {part}, ikke hele {whole} (det rapporten omfatter).")
        result["answer"] = note + " " + result.get("answer", "")
        result["scope"] = names
        return result

    def _other_scopes(self, question: str) -> list[str]:
        """Names of the units, and of the organisations other than the one a whole-organisation question names, as the
        data writes them: a figure stored for, or read from a sentence about, one of them is not the organisation's.
        A unit asked by its own name ("HR-enheten samlet") is the one asked. Longest first, so a unit named after its
        organisation is found before the organisation."""
        from app.engine.families.scope import other_scopes

        try:
            _, _, units = self.lookup("select distinct unit_name, unit_level from dim_unit")
            _, _, orgs = self.lookup("select distinct organisation_name from dim_organisation")
        except (GuardError, QueryError, duckdb.Error):
            return []
        return other_scopes(question, units, [n for (n,) in orgs])

    def _llm_engine(self):
        from app.engine.llm import LLMEngine, LLMSettings, build_chat_model

        model = self.chat_model or build_chat_model(LLMSettings())
        if model is None:
            return None
        return LLMEngine(model, self.catalog, run_sql=lambda sql: run_readonly(
            self.warehouse, sql, timeout_s=self.settings.query_timeout_s),
            guard=lambda sql: guard_sql(sql, self.catalog.allowed_columns(), max_rows=self.settings.max_rows))

    def _answer_plan(self, question: str, plan: Plan) -> dict:
        lang = fmt.detect_language(question)
        if not plan.answerable:
            return self._unanswerable(question, plan, lang)
        for candidate, by_subject in self._candidates(plan):
            sql, columns, rows = self.run(compile_sql(candidate, by_subject=by_subject))
            if rows:
                return self._format(question, candidate, sql, columns, rows, engine="planner")
        if plan.parent_units:
            # nothing for the unit itself: the figure its organisation reports, said as such
            wider = replace(plan, units=plan.parent_units, parent_units=[])
            for candidate, by_subject in self._candidates(wider):
                sql2, columns, rows = self.run(compile_sql(candidate, by_subject=by_subject))
                if rows:
                    result = self._format(question, candidate, sql2, columns, rows, engine="planner")
                    en = lang == "en"
                    asked = ", ".join(u.unit_name for u in plan.units)
                    given = ", ".join(u.unit_name for u in plan.parent_units)
                    if any(names_one_unit(u.unit_name) for u in plan.units):
                        # a unit by its kind ("HR- og innovasjonsenheten") has no such figure: the organisation's
                        # figure, which covers other units too, is never the answer for it
                        note = (f"Not reported for {asked}; the report states it only for {given}." if en else
                                f"Ikke rapportert for {asked}; rapporten oppgir det bare for {given}.")
                        return _result(question, status="unanswerable", engine="planner", answer=note,
                                       interpretation=result.get("interpretation", ""), plan=plan.understood,
                                       unit_not_reported=asked)
                    note = (f"Not reported for {asked} alone; the figure below is reported for {given}. " if en else
                            f"Ikke rapportert for {asked} alene; tallet under er oppgitt for {given}. ")
                    result["answer"] = note + result["answer"]
                    result["interpretation"] = note.strip() + " " + result.get("interpretation", "")
                    return result
        return self._unanswerable(question, plan, lang, sql=sql)

    @staticmethod
    def _candidates(plan: Plan):
        """The plan as asked, then readings that explain an empty result without guessing values:
        a name that is both a unit and a breakdown member ("Eksempelby") read as both, as the unit and
        as the member, and a metric reported only per municipality/gender listed by its breakdown."""
        subject_names = {normalise(s) for s in plan.subjects}
        ambiguous = [u for u in plan.units if normalise(u.unit_name) in subject_names
                     or any(normalise(s) in normalise(u.unit_name).split() for s in plan.subjects)]
        readings = [plan]
        if ambiguous and plan.family not in ("variance", "cost_share", "tickets"):
            unit_words = {w for u in ambiguous for w in normalise(u.unit_name).split()}
            as_unit = replace(plan, subjects=[s for s in plan.subjects if normalise(s) not in unit_words])
            as_subject = replace(plan, units=[u for u in plan.units if u not in ambiguous])
            readings = [plan, as_unit, as_subject]
        if plan.family == "cost_share" and plan.investment:
            readings.append(replace(plan, investment=False))
        for reading in readings:
            if reading.family in ("variance", "cost_share", "tickets", "compare_average", "target"):
                yield reading, False
                continue
            if reading.rank_by == "subject" and not reading.subjects:
                yield reading, True
                continue
            yield reading, False
            yield reading, True

    def _row_asked_elsewhere(self, plan: Plan, unused: list[str], columns: list[str], rows: list[tuple]) -> str | None:
        """A row of the reports the question names in full that the answer left unused, while its rows are other
        units' (app.engine.names.row_asked_elsewhere); None when the question names a unit or subject the plan holds."""
        from app.engine.wordforms import stem

        data = self.vocab.data
        if not unused or plan.subjects or "unit" not in columns or data is None:
            return None
        qstems = {stem(w) for w in re.findall(r"[\wæøåäö]+", plan.question.lower())}
        if any({stem(w) for w in re.findall(r"[\wæøåäö]+", u.unit_name.lower()) if len(w) >= 3} <= qstems
               for u in plan.units):
            return None  # a unit the question names is answered
        answered = {str(r[columns.index("unit")]) for r in rows if r[columns.index("unit")]}
        printed = [*(data.cells.rows.labels if data.cells is not None else ()),
                   *(data.accounts.labels if data.accounts is not None else ())]
        return row_asked_elsewhere(unused, answered, printed)

    def _subject_not_held(self, question: str, plan: Plan, words_: list[str], lang: str,
                          only_total: bool = True) -> dict:
        """The measure asked of a subject ("på barnevernet") that nothing in the data prints: the whole's figure is
        not the subject's, so it is said and not given as the answer (`only_total` False: the figure is held for other
        units only)."""
        what = describe_plan(plan, self.vocab, lang)
        quoted = ", ".join(f"«{w}»" for w in words_)
        text = (f"I read the question as: {what}, for {quoted}. The data holds this figure only in total, nothing "
                f"for {quoted}." if lang == "en" else
                f"Jeg tolket spørsmålet som: {what}, for {quoted}. Dataene har dette tallet bare samlet, ikke "
                f"for {quoted}.")
        if not only_total:
            text = (f"I read the question as: {what}, for {quoted}. The data holds this figure for other units "
                    f"only, nothing for {quoted}." if lang == "en" else
                    f"Jeg tolket spørsmålet som: {what}, for {quoted}. Dataene har dette tallet bare for andre "
                    f"enheter, ikke for {quoted}.")
        return _result(question, status="unanswerable", engine="planner", answer=text, interpretation=what,
                       plan=plan.understood, unused=words_)

    def _unknown_names(self, question: str, plan: Plan, names: list[str], lang: str) -> dict:
        """The question names something (an organisation?) the data does not know: say so and list the
        organisations it does hold, instead of answering for whichever one has the figure."""
        what = describe_plan(plan, self.vocab, lang)
        text = unknown_names_answer(what, names, self.vocab.organisation_names.values(), lang)
        return _result(question, status="unanswerable", engine="planner", answer=text, interpretation=what,
                       plan=plan.understood, unused=names)

    def _unanswerable(self, question: str, plan: Plan, lang: str, sql: str | None = None) -> dict:
        # no measure named (or only the cue of a family that needs none: "hvor stor andel av …", "avvik mot budsjett",
        # with no governed cost share or budget deviation for it): the reports' own rows and sentences the words name
        # (the text is read by organisation: never for a unit inside one, "lønn i økonomienheten mot budsjett")
        cue_only = (plan.answerable and not plan.metrics and plan.family in ("variance", "cost_share")
                    and sql is not None and not plan.parent_units
                    and all(self.vocab.unit_levels.get(u.unit_key, "organisation") == "organisation" for u in plan.units)
                    and len(_clauses(question)) < 2)  # several asks: each is answered on its own (_by_parts)
        if plan.reason == "no_metric" or cue_only:
            found = None
            if cue_only:  # the report tables and the sentences of the report named first, as for a measure named
                found = self._fallback(question, Question.parse(question, lang))
                found = found if found is not None and found["status"] == "ok" else None
            found = found or self._label_search(question)
            if found is not None and not (cue_only and (_another_units(found, plan) or found["status"] != "ok"
                                                        or not _says_family(found, plan.family))):
                return found
        en = lang == "en"
        what = describe_plan(plan, self.vocab, lang)  # the reading every refusal below says, in plain words
        if plan.reason == "row_named":  # a row label of the report tables: its rows and sentences, else say so
            found = self._label_search(question)
            if found is not None:
                return found
            names = ", ".join(f"«{n}»" for n in plan.unknown)
            from app.engine.planner import printed_in_reports

            if all(printed_in_reports(n, self.vocab) for n in plan.unknown):
                text = (f"I read the question as: {what}. {names} is printed in the report tables, but no figure "
                        "there answers the question." if en else
                        f"Jeg tolket spørsmålet som: {what}. {names} står i rapporttabellene, men ingen tall der "
                        "svarer på spørsmålet.")
            else:  # a place or thing the reports' text writes, or a word of a report's name
                text = (f"I read the question as: {what}. {names} is written in the reports, but no figure there "
                        "answers the question." if en else
                        f"Jeg tolket spørsmålet som: {what}. {names} står i rapportene, men ingen tall der svarer på "
                        "spørsmålet.")
            return _result(question, status="unanswerable", engine="planner", answer=text, plan=plan.understood,
                           interpretation=what, unused=list(plan.unknown))
        if plan.reason == "unknown_unit":
            # a name no unit or organisation has that the reports' sentences write ("Nav melder om høye utbetalinger.
            # Totalt kan det bli et overforbruk på 8-9 mill. kr."): the sentence that holds it and the measure answers
            # (a name written as an organisation, "Lindvik kommune", is one the data lacks: refused below)
            # (the kind words in any case, the legal forms as written, "IKS", never the verb "sa": flows/org_kinds.py,
            # the one home of these words)
            from flows.org_kinds import FORM_WORDS, LEGAL_FORMS

            kinds = "|".join(re.escape(w) for w in sorted(FORM_WORDS - {f.lower() for f in LEGAL_FORMS}, key=len,
                                                           reverse=True))
            legal = "|".join(re.escape(f) for f in sorted(LEGAL_FORMS, key=len, reverse=True))
            as_body = any(re.search(rf"(?i:{re.escape(n)})\s+(?:(?i:{kinds})|{legal})(?![\wæøå])", question)
                          for n in plan.unknown)
            stated = self._retrieved(question, tuple(plan.unknown)) \
                if self.vocab.data is not None and not as_body else None
            if stated is not None:
                return stated
            units = sorted({r.unit_name for r in self.vocab.unit_aliases.values()})
            names = ", ".join(plan.unknown)
            tv = self.vocab.data.tickets if self.vocab.data is not None else None
            if not units and tv is not None and tv.rows:
                # no report units at all, only ticket exports: what they hold, never an empty list of units
                from app.engine.families.tickets import holdings
                from app.engine.honest import measure_words

                asked = " ".join(measure_words(question)) or names
                text = (f"The data holds nothing for «{asked}». The ticket exports hold: {holdings(tv, True)}." if en
                        else f"Dataene har ingenting for «{asked}». Saksdataene har: {holdings(tv, False)}.")
                return _result(question, status="unanswerable", engine="planner", answer=text, plan=plan.understood,
                               interpretation=what)
            text = (f"The data holds nothing about {names}. Units with data: " + ", ".join(units[:12]) + "."
                    if en else f"Dataene har ingenting om {names}. Enheter med data: " + ", ".join(units[:12]) + ".")
            return _result(question, status="unanswerable", engine="planner", answer=text, plan=plan.understood,
                       interpretation=what)
        if plan.reason == "unknown_member":
            members = sorted({m for code in plan.metrics for m in self.vocab.metric_subjects.get(code, ())})
            name = ", ".join((self.vocab.metrics[c].name_en if en else self.vocab.metrics[c].name_nb)
                             for c in plan.metrics)
            names = ", ".join(plan.unknown)
            text = (f"{name} is not reported for {names}; it is reported for: " + ", ".join(members) + "."
                    if en else f"{name} er ikke rapportert for {names}; tallene finnes for: " + ", ".join(members) + ".")
            return _result(question, status="unanswerable", engine="planner", answer=text, plan=plan.understood,
                       interpretation=what)
        if plan.reason == "no_metric":
            near = measures_begun(question, self.vocab.metrics)
            if near:  # "Netto driftsutgifter" begins "Netto driftsutgifter adm. per innbygger": offered, never picked
                listed = ", ".join(f"«{m.name_en if en else m.name_nb}»" for m in near)
                text = (f"The question names no measure in full; measures that begin with its words: {listed}. Which "
                        "one do you mean?" if en else
                        f"Spørsmålet navngir ikke et mål helt; mål som begynner med ordene: {listed}. Hvilket mener du?")
                return _result(question, status="unanswerable", engine="planner", answer=text, plan=plan.understood,
                               interpretation=what, suggestions=[f"{question.rstrip(' ?.')} ({m.name_en if en else m.name_nb})" for m in near])
            names = ", ".join((m.name_en if en else m.name_nb) for m in list(self.vocab.metrics.values())[:12])
            text = ("I could not tell which measure the question is about. I can answer e.g.: " + names + "."
                    if en else "Jeg fant ikke hvilket mål spørsmålet gjelder. Jeg kan svare på blant annet: " + names + ".")
            return _result(question, status="unanswerable", engine="planner", answer=text, plan=plan.understood,
                       interpretation=what)
        if plan.reason == "no_unit" and plan.organisations:
            # "Nordvik's budget for roads": the organisation named holds no such table, and no row or sentence of its
            # reports answered: say so for it, never "which unit?"
            names = ", ".join(self.vocab.organisation_names.get(k, k) for k in plan.organisations)
            period = ", ".join(map(str, plan.years))
            text = (f"Not reported for {names} {period}".strip() + "." if en else
                    f"Ikke rapportert for {names} {period}".strip() + ".")
            return _result(question, status="unanswerable", engine="planner", answer=text, plan=plan.understood,
                       interpretation=what)
        if plan.reason == "no_unit":
            units = sorted({r.unit_name for r in self.vocab.unit_aliases.values()})
            text = ("Please name the unit, e.g. " if en else "Oppgi hvilken enhet du mener, f.eks. ") \
                + ", ".join(units[:8]) + "."
            return _result(question, status="unanswerable", engine="planner", answer=text, plan=plan.understood,
                       interpretation=what)
        if plan.family in ("variance", "cost_share") or (plan.family == "tickets" and not plan.metrics):
            return self._unanswerable_accounts(question, plan, lang, sql)
        if plan.family == "tickets":
            years = ", ".join(str(y) for y in self.vocab.ticket_years)
            text = (f"The ticket exports do not cover that period. Tickets exist for: {years or 'no year'}."
                    if en else f"Saksdataene dekker ikke den perioden. Saksdata finnes for: {years or 'ingen år'}.")
            return _result(question, status="unanswerable", engine="planner", sql=sql, answer=text,
                           plan=plan.understood,
                       interpretation=what)
        known, observations = [], []
        if plan.metrics:
            codes = ", ".join(f"'{m}'" for m in plan.metrics[:1])
            unit_filter = ""
            if plan.units:
                unit_filter = " and f.unit_key in (" + ", ".join(f"'{u.unit_key}'" for u in plan.units) + ")"
            _, _, known = self.lookup(
                "select distinct u.unit_name, f.value_year, f.period_code from fct_metric_value as f "
                "join dim_unit as u on u.unit_key = f.unit_key "
                f"where f.metric_code in ({codes}){unit_filter} and coalesce(f.qualifier, '') <> 'target' "
                "order by 1, 2")
            _, _, observations = self.lookup(
                "select u.unit_name, o.observation, o.value_year from fct_observation as o "
                "join dim_unit as u on u.unit_key = o.unit_key "
                f"where o.metric_code in ({codes})" + unit_filter.replace("f.", "o.") + " order by 1")
            if not known and plan.units:  # nothing for that unit: say where the measure exists
                _, _, known = self.lookup(
                    "select distinct u.unit_name, f.value_year, f.period_code from fct_metric_value as f "
                    "join dim_unit as u on u.unit_key = f.unit_key "
                    f"where f.metric_code in ({codes}) and coalesce(f.qualifier, '') <> 'target' order by 1, 2")
            # a part of a year is named with its year ("2021 Q1", "2021 2. tertial"): a year's figure is never one
            known = sorted({(u, str(y) if not code else f"{y} {describe_code(code, lang)}") for u, y, code in known})
        metric = self.vocab.metrics[plan.metrics[0]] if plan.metrics else None
        name = (metric.name_en if en else metric.name_nb) if metric else ""
        unit_name = ", ".join(u.unit_name for u in plan.units) or None
        period = ", ".join(map(str, plan.years))
        if plan.quarter_range:
            (y0, q0), (y1, q1) = plan.quarter_range
            period = f"Q{q0} {y0}–Q{q1} {y1}"
        elif plan.quarter_points:
            period = ", ".join(f"Q{q} {y}" for y, q in plan.quarter_points)
        elif plan.quarters:
            period = (", ".join(f"Q{q}" for q in plan.quarters) + " " + period).strip()
        elif plan.month_spans:
            period = (", ".join(describe_months(a, b, lang) for a, b in plan.month_spans) + " " + period).strip()
        if period:
            unit_name = f"{unit_name or ''} {period}".strip()
        text = fmt.known_instead(name, unit_name, known, observations, lang)
        return _result(question, status="unanswerable", engine="planner", sql=sql, answer=text, plan=plan.understood,
                       interpretation=what)

    def _unanswerable_accounts(self, question: str, plan: Plan, lang: str, sql: str | None) -> dict:
        en = lang == "en"
        table = "fct_cost_share" if plan.family == "cost_share" else "fct_budget_variance"
        _, _, known = self.lookup(f"select distinct u.unit_name, t.value_year from {table} as t "
                               "join dim_unit as u on u.unit_key = t.unit_key order by 1, 2")
        listing = "; ".join(f"{u} {y}" for u, y in known[:10])
        kind = ("Cost shares" if plan.family == "cost_share" else "Accounts against budget") if en else (
            "Kostnadsfordeling" if plan.family == "cost_share" else "Regnskap mot budsjett")
        who = ", ".join(u.unit_name for u in plan.units)
        period = ", ".join(map(str, plan.years))
        head = (f"Not reported for {who} {period}".strip() if en else f"Ikke rapportert for {who} {period}".strip())
        tail = (f"{kind} exist for: {listing}." if en else f"{kind} finnes for: {listing}.") if known else ""
        return _result(question, status="unanswerable", engine="planner", sql=sql, answer=f"{head}. {tail}".strip(),
                       plan=plan.understood,
                       interpretation=describe_plan(plan, self.vocab, lang))


def ask(question: str, warehouse: Path | None = None, engine: str = "auto", chat_model=None,
        context: dict | None = None) -> dict:
    """One answer dict (contract.md); a warehouse that is missing or cannot be read is status 'error'
    with one sentence, the details go to the log, never a traceback to the user. `context` is the
    previous answer for a follow-up question."""
    warehouse = Path(warehouse or get_settings().warehouse)
    if not warehouse.exists():
        return _result(question, status="error", answer=_say(question, "no_warehouse", warehouse=warehouse))
    try:
        return QuestionEngine(warehouse, chat_model=chat_model).ask(question, engine=engine, context=context)
    except duckdb.Error as exc:
        logger.info("warehouse %s could not be read for %r", warehouse, question, exc_info=True)
        return _result(question, status="error",
                       answer=_say(question, "bad_warehouse", warehouse=warehouse, error=type(exc).__name__))

