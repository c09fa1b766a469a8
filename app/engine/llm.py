"""The LLM question engine (LangChain): question -> SQL over governed marts -> rows -> checked answer text.

The model never touches the warehouse: it proposes SQL, the injected `guard` decides what may run and
the injected `run_sql` runs it read-only. The model then writes the answer text from the result rows
only, and every number in that text is checked against the rows; a text stating a number the rows do
not hold is replaced by a plain deterministic summary. So a wrong answer can be badly worded, but it
cannot carry an invented figure.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any, Callable, Literal, Sequence

import duckdb
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage
from pydantic import SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from app.engine.catalog_model import Catalog
from app.engine.guard import GuardError, QueryError

MAX_REPAIRS = 2
MAX_ROWS_FOR_ANSWER = 50  # rows shown to the answer-writing call; the full result is still returned
MAX_CELL_CHARS_FOR_ANSWER = 200  # a text cell as the answer-writing call sees it
MAX_RESULT_CHARS_FOR_ANSWER = 8_000  # the rows as JSON in that call; fewer rows are shown beyond it
MAX_ERROR_CHARS = 1_000  # a guard or database error sent back in a repair round
UNANSWERABLE_MARKER = "UNANSWERABLE:"


# --- settings and provider factory ---------------------------------------------------------------

class LLMSettings(BaseSettings):
    """Which chat model to use. Read from KOMMUNEDATA_LLM_* environment variables.

    provider=none (the default) means: no LLM, the deterministic planner answers everything.
    """

    model_config = SettingsConfigDict(env_prefix="KOMMUNEDATA_LLM_", extra="ignore")

    provider: Literal["openai", "azure", "anthropic", "ollama", "none"] = "none"
    model: str | None = None
    base_url: str | None = None  # any OpenAI-compatible server for provider=openai; endpoint for azure
    api_key: SecretStr | None = None
    azure_deployment: str | None = None
    azure_api_version: str | None = None
    temperature: float = 0.0
    timeout: float = 60.0
    max_retries: int = 1

    @field_validator("provider", mode="before")
    @classmethod
    def _normalise_provider(cls, value: Any) -> Any:
        if value is None or (isinstance(value, str) and not value.strip()):
            return "none"
        return value.strip().lower() if isinstance(value, str) else value

    @field_validator("model", "base_url", "azure_deployment", "azure_api_version", mode="before")
    @classmethod
    def _blank_is_none(cls, value: Any) -> Any:
        return None if isinstance(value, str) and not value.strip() else value


def missing_settings(settings: LLMSettings) -> list[str]:
    """Names of the settings a provider still needs (empty when it can be built)."""
    s = settings
    need: dict[str, list[tuple[str, object]]] = {
        "none": [],
        # A local OpenAI-compatible server (vLLM, LM Studio, llama.cpp) needs a base URL, not a key.
        "openai": [("model", s.model), ("api_key or base_url", s.api_key or s.base_url)],
        "azure": [("api_key", s.api_key), ("base_url", s.base_url),
                  ("azure_deployment", s.azure_deployment), ("azure_api_version", s.azure_api_version)],
        "anthropic": [("model", s.model), ("api_key", s.api_key)],
        "ollama": [("model", s.model)],
    }
    return [f"KOMMUNEDATA_LLM_{name.upper().replace(' OR ', ' or KOMMUNEDATA_LLM_')}"
            for name, value in need[s.provider] if not value]


def build_chat_model(settings: LLMSettings) -> BaseChatModel | None:
    """The configured LangChain chat model, or None when no LLM is configured. Makes no network call."""
    if settings.provider == "none" or missing_settings(settings):
        return None
    from langchain.chat_models import init_chat_model  # imported late: the planner path never needs it

    provider, kwargs = _provider_kwargs(settings)
    model = settings.model or settings.azure_deployment or ""
    return init_chat_model(model, model_provider=provider, **kwargs)


def _provider_kwargs(s: LLMSettings) -> tuple[str, dict[str, Any]]:
    # Keys are passed explicitly (never left to the libraries' own env lookups) so what runs is what
    # describe_llm reports.
    key = s.api_key.get_secret_value() if s.api_key else None
    common = {"temperature": s.temperature, "timeout": s.timeout, "max_retries": s.max_retries}
    if s.provider == "openai":
        kwargs = {**common, "api_key": key or "not-needed"}
        if s.base_url:
            kwargs["base_url"] = s.base_url
        return "openai", kwargs
    if s.provider == "azure":
        return "azure_openai", {**common, "api_key": key, "azure_endpoint": s.base_url,
                                "azure_deployment": s.azure_deployment, "api_version": s.azure_api_version}
    if s.provider == "anthropic":
        kwargs = {**common, "api_key": key}
        if s.base_url:
            kwargs["base_url"] = s.base_url
        return "anthropic", kwargs
    if s.provider == "ollama":
        kwargs = {"temperature": s.temperature, "client_kwargs": {"timeout": s.timeout}}
        if s.base_url:
            kwargs["base_url"] = s.base_url
        return "ollama", kwargs
    raise ValueError(f"Unknown LLM provider {s.provider!r}")


def describe_llm(settings: LLMSettings) -> str:
    """One line saying what is configured, safe to show and log: never the key itself."""
    s = settings
    if s.provider == "none":
        return "No LLM configured (KOMMUNEDATA_LLM_PROVIDER=none): the deterministic planner answers."
    missing = missing_settings(s)
    parts = [f"provider={s.provider}"]
    if s.model:
        parts.append(f"model={s.model}")
    if s.azure_deployment:
        parts.append(f"deployment={s.azure_deployment}")
    if s.azure_api_version:
        parts.append(f"api_version={s.azure_api_version}")
    if s.base_url:
        parts.append(f"base_url={s.base_url}")
    if s.provider != "ollama":  # a local Ollama server takes no key
        parts.append("api_key=set" if s.api_key else "api_key=not set")
    parts.append(f"temperature={s.temperature:g}, timeout={s.timeout:g}s")
    text = "LLM " + ", ".join(parts)
    if missing:
        text += f". Not usable yet, missing: {', '.join(missing)}"
    return text


# --- prompts -------------------------------------------------------------------------------------

_SQL_RULES = """You translate questions from municipal leaders (Norwegian or English) into one DuckDB SQL query.
Rules:
- Use only the tables and columns listed below, by their bare names (no schema prefix).
- Exactly one read-only SELECT statement (WITH ... SELECT is fine). No comments, no parameters.
- Match units and metrics with the codes and names given below; filter on the catalog's values, never invent codes.
- Percent values are stored as percent (2.5 means 2,5 %). Amounts are in NOK.
- Return the columns needed to answer, with readable aliases, ordered sensibly (e.g. by year).
- Reply with the query in a single ```sql fenced block and nothing else.
- If the listed data cannot answer the question (unknown unit or metric, year not reported),
  reply with one line: UNANSWERABLE: <short reason in the language of the question>."""


def build_prompt(catalog: Catalog, question: str) -> list[BaseMessage]:
    """System message with the rules and the governed catalog, then the question."""
    system = "\n\n".join(p for p in (_SQL_RULES, describe_catalog(catalog)) if p)
    return [SystemMessage(content=system), HumanMessage(content=f"Question: {question.strip()}")]


def describe_catalog(catalog: Catalog) -> str:
    """The catalog as compact text for the model: marts, metrics, units, years, scenarios, examples."""
    sections = [_describe_tables(catalog), _describe_metrics(catalog), _describe_units(catalog)]
    if catalog.years:
        sections.append("Years with data: " + ", ".join(str(y) for y in sorted(catalog.years)))
    if catalog.scenarios:
        sections.append("Scenarios: " + ", ".join(catalog.scenarios))
    sections.append(_describe_examples(catalog))
    return "\n\n".join(s for s in sections if s)


def _describe_tables(catalog: Catalog) -> str:
    lines = ["Tables:"]
    for table in sorted(catalog.tables.values(), key=lambda t: t.name):
        lines.append(f"- {table.name}" + (f": {table.description}" if table.description else ""))
        lines += [f"    {c.name} {c.data_type}" + (f" -- {c.description}" if c.description else "")
                  for c in table.columns]
    return "\n".join(lines)


def _describe_metrics(catalog: Catalog) -> str:
    if not catalog.metrics:
        return ""
    lines = ["Metrics (metric_code: Norwegian name / English name [unit]; definition; also called):"]
    for m in sorted(catalog.metrics.values(), key=lambda m: m.code):
        line = f"- {m.code}: {m.name_nb} / {m.name_en} [{m.unit_of_measure}]; {m.definition}"
        if m.synonyms:
            line += "; also: " + ", ".join(m.synonyms)
        lines.append(line)
    return "\n".join(lines)


def _describe_units(catalog: Catalog) -> str:
    if not catalog.units:
        return ""
    by_unit: dict[str, list[str]] = {}
    for alias, canonical in catalog.units.items():
        by_unit.setdefault(canonical, [])
        if alias != canonical.lower():
            by_unit[canonical].append(alias)
    lines = ["Units (exact unit_name, then other names people use):"]
    lines += [f"- {name}" + (f" (also: {', '.join(sorted(a))})" if a else "") for name, a in sorted(by_unit.items())]
    return "\n".join(lines)


def _describe_examples(catalog: Catalog) -> str:
    if not catalog.verified_queries:
        return ""
    lines = ["Verified example queries:"]
    for vq in catalog.verified_queries:
        lines.append(f"Question: {vq.question}\n```sql\n{vq.sql.strip()}\n```")
    return "\n".join(lines)


def _repair_message(error: str) -> HumanMessage:
    return HumanMessage(content=(
        f"That query could not be used: {_cut(error, MAX_ERROR_CHARS)}\n"
        "Write a corrected query following the rules. Reply with a single ```sql block only."))


def build_answer_prompt(question: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> list[BaseMessage]:
    # What goes back to the model is bounded whatever the rows hold: a few rows, short cells, a capped total.
    shown = [[_cut(v, MAX_CELL_CHARS_FOR_ANSWER) if isinstance(v, str) else v for v in r]
             for r in rows[:MAX_ROWS_FOR_ANSWER]]
    while len(shown) > 1 and len(json.dumps(shown, ensure_ascii=False, default=str)) > MAX_RESULT_CHARS_FOR_ANSWER:
        shown = shown[: len(shown) // 2]
    more = f"\n({len(rows) - len(shown)} more rows not shown.)" if len(rows) > len(shown) else ""
    system = (
        "You write a short answer (1-3 sentences) to a municipal leader's question from query results.\n"
        "- Answer in the language of the question (Norwegian bokmål or English).\n"
        "- Use only numbers that appear in the result rows, as they are or rounded. Do not compute new "
        "numbers (no differences, sums or averages that are not in the rows).\n"
        "- Norwegian number style: decimal comma, space between thousands, percent as '2,5 %'.\n"
        "- Do not mention SQL, tables or columns.")
    data = json.dumps({"columns": list(columns), "rows": shown}, ensure_ascii=False, default=str)
    return [SystemMessage(content=system), HumanMessage(content=f"Question: {question}\nResult: {data}{more}")]


def _cut(text: str, limit: int) -> str:
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- the engine ----------------------------------------------------------------------------------

RunSql = Callable[[str], tuple[list[str], list[tuple]]]


@dataclass
class LLMEngine:
    chat_model: BaseChatModel
    catalog: Catalog
    run_sql: RunSql
    guard: Callable[[str], str]
    max_repairs: int = MAX_REPAIRS

    def ask(self, question: str) -> dict[str, Any]:
        en = _is_english(question)
        attempts: list[dict[str, str | None]] = []
        messages = build_prompt(self.catalog, question)
        for _ in range(1 + self.max_repairs):
            try:
                reply = _message_text(self.chat_model.invoke(messages))
            except Exception as e:  # network, auth, quota: report it, do not crash the caller
                text = (f"The language model could not be reached ({type(e).__name__})." if en
                        else f"Språkmodellen svarte ikke ({type(e).__name__}).")
                return _result(question, "error", answer=text, attempts=attempts)
            reason = _unanswerable_reason(reply)
            if reason is not None:
                return _result(question, "unanswerable", answer=_safe_reason(reason, question), attempts=attempts)
            sql = extract_sql(reply)
            executed, columns, rows, error = self._try(sql)
            attempts.append({"sql": sql, "error": error})
            if error is None:
                return self._answer(question, executed, columns, rows, attempts)
            messages = [*messages, AIMessage(content=reply), _repair_message(error)]
        text = (f"No valid query after {len(attempts)} attempts. Last error: {attempts[-1]['error']}" if en
                else f"Fant ingen gyldig spørring etter {len(attempts)} forsøk. Siste feil: {attempts[-1]['error']}")
        return _result(question, "error", answer=text, attempts=attempts)

    def _try(self, sql: str | None) -> tuple[str | None, list[str], list[tuple], str | None]:
        """Guard then run one proposed query; the error text (for the repair round) or None."""
        if not sql:
            return None, [], [], "No SQL found in the reply; answer with one ```sql block."
        try:
            safe = self.guard(sql)
        except GuardError as e:
            return None, [], [], f"The SQL guard refused it: {e.reason}"
        try:
            columns, rows = self.run_sql(safe)
        except (QueryError, duckdb.Error) as e:
            return None, [], [], f"The database refused it: {e}"
        return safe, list(columns), list(rows), None

    def _answer(self, question: str, sql: str, columns: list[str], rows: list[tuple],
                attempts: list[dict[str, str | None]]) -> dict[str, Any]:
        if not rows:
            text = ("The query returned no rows: the data does not hold this answer." if _is_english(question)
                    else "Spørringen ga ingen rader: dataene har ikke svaret på dette.")
            return _result(question, "unanswerable", sql=sql, columns=columns, answer=text, attempts=attempts)
        text, source = self._write_answer(question, columns, rows)
        return _result(question, "ok", sql=sql, columns=columns, rows=rows, answer=text, attempts=attempts,
                       answer_source=source)

    def _write_answer(self, question: str, columns: list[str], rows: list[tuple]) -> tuple[str, str]:
        try:
            text = _message_text(self.chat_model.invoke(build_answer_prompt(question, columns, rows))).strip()
        except Exception:
            text = ""
        if text and not unsupported_numbers(text, rows, question):
            return text, "llm"
        return summarize_rows(columns, rows, english=_is_english(question)), "summary"


def _result(question: str, status: str, *, sql: str | None = None, columns: Sequence[str] = (),
            rows: Sequence[Sequence[Any]] = (), answer: str = "", attempts: list | None = None,
            answer_source: str | None = None) -> dict[str, Any]:
    """The contract's answer object (elapsed_ms is added by the caller that times the whole ask)."""
    return {
        "question": question,
        "status": status,
        "engine": "llm",
        "sql": sql,
        "columns": list(columns),
        "rows": [[_jsonable(v) for v in row] for row in rows],
        "answer": answer,
        "attempts": list(attempts or []),
        "sources": [],  # the marts hold no document excerpts for the LLM path
        "chart": None,
        "answer_source": answer_source,  # "llm" (checked) or "summary" (deterministic), None without rows
    }


# --- reading model replies -----------------------------------------------------------------------

_FENCE = re.compile(r"```[ \t]*([A-Za-z0-9_-]*)[ \t]*\r?\n(.*?)```", re.DOTALL)


def extract_sql(reply: str) -> str | None:
    """The SQL in a model reply: the last ```sql (or unlabelled) block, or the reply itself if it is SQL."""
    blocks = [(lang.lower(), body.strip()) for lang, body in _FENCE.findall(reply or "")]
    for lang, body in reversed(blocks):
        if lang in ("sql", "duckdb", "") and body:
            return body
    text = (reply or "").strip()
    if re.match(r"(?is)^(with|select|from)\b", text):
        return text
    return None


def _message_text(message: BaseMessage | Any) -> str:
    # Tool-call / structured output: accept {"sql": "..."} arguments as the reply.
    for call in getattr(message, "tool_calls", None) or []:
        sql = (call.get("args") or {}).get("sql")
        if isinstance(sql, str):
            return f"```sql\n{sql}\n```"
    content = getattr(message, "content", message)
    if isinstance(content, str):
        return content
    if isinstance(content, list):  # content blocks (e.g. Anthropic): keep the text parts
        return "".join(b if isinstance(b, str) else str(b.get("text", "")) for b in content
                       if isinstance(b, str) or (isinstance(b, dict) and b.get("type") == "text"))
    return str(content)


def _unanswerable_reason(reply: str) -> str | None:
    text = (reply or "").strip()
    if "```" in text:
        return None
    if text.upper().startswith(UNANSWERABLE_MARKER):
        return text[len(UNANSWERABLE_MARKER):].strip()
    return None


def _safe_reason(reason: str, question: str) -> str:
    # The reason is model text with no rows behind it, so it may not state numbers the user did not say.
    if reason and not unsupported_numbers(reason, [], question):
        return reason
    return ("The data cannot answer this question." if _is_english(question)
            else "Dataene kan ikke svare på dette spørsmålet.")


# --- number checking -----------------------------------------------------------------------------

# A number as people write it: "1 074 000", "1.074.000", "1,074,000", "2,5", "2.5", "-3", "−0,4".
# Thousands groups may be separated by space, no-break space or narrow no-break space.
_NUMBER = re.compile(
    r"(?<![\w])(?<!\d[.,])(?P<sign>[-−])?(?P<num>\d{1,3}(?:(?P<sep>[ \u00a0\u202f.,])\d{3})(?:(?P=sep)\d{3})*(?:[.,]\d+)?"
    r"|\d+(?:[.,]\d+)?)(?!\d)"
    r"(?P<tail>\s*(?:%|prosent\b|percent\b|milliard(?:er)?\b|mrd\b\.?|billions?\b|millioner\b|millions?\b"
    r"|mill\b\.?|tusen\b|thousands?\b))?",
    re.IGNORECASE,
)
# Checked in this order: "milliard" must win over its prefix "mill".
_SCALES = (("milliard", Decimal(10) ** 9), ("mrd", Decimal(10) ** 9), ("billion", Decimal(10) ** 9),
           ("mill", Decimal(10) ** 6), ("tusen", Decimal(1000)), ("thousand", Decimal(1000)))


@dataclass(frozen=True)
class _Shown:
    value: Decimal  # as written, after the scale word (so "1,1 mill." is 1.1 with scale 10^6)
    decimals: int
    scale: Decimal
    percent: bool
    negative: bool = False  # written with a minus sign: must be a negative value


def numbers_in_text(text: str) -> list[tuple[str, list[_Shown]]]:
    """Every number in `text` with the readings it may have ("1.074" is 1074 or 1,074)."""
    found = []
    for m in _NUMBER.finditer(text):
        tail = (m.group("tail") or "").strip().lower()
        scale = next((v for k, v in _SCALES if tail.startswith(k)), Decimal(1))
        percent = tail.startswith(("%", "prosent", "percent"))
        negative = bool(m.group("sign"))
        readings = [_Shown(v, d, scale, percent, negative) for v, d in _readings(m.group("num"))]
        found.append((m.group(0).strip(), readings))
    for token, value, decimals, percent in number_words(text):
        found.append((token, [_Shown(value, decimals, Decimal(1), percent)]))
    return found


# Numbers written in words (bokmål, nynorsk, English): language data, read into digits.
_UNITS = {"null": 0, "zero": 0, "en": 1, "ett": 1, "éin": 1, "ein": 1, "eitt": 1, "one": 1, "to": 2, "two": 2,
          "tre": 3, "three": 3, "fire": 4, "four": 4, "fem": 5, "five": 5, "seks": 6, "six": 6, "sju": 7, "syv": 7,
          "seven": 7, "åtte": 8, "eight": 8, "ni": 9, "nine": 9, "ti": 10, "ten": 10, "elleve": 11, "eleven": 11,
          "tolv": 12, "twelve": 12, "tretten": 13, "thirteen": 13, "fjorten": 14, "fourteen": 14, "femten": 15,
          "fifteen": 15, "seksten": 16, "sixteen": 16, "sytten": 17, "seventeen": 17, "atten": 18, "eighteen": 18,
          "nitten": 19, "nineteen": 19}
_TENS = {"tjue": 20, "tjuge": 20, "twenty": 20, "tretti": 30, "tredve": 30, "thirty": 30, "førti": 40, "førr": 40,
         "forty": 40, "femti": 50, "fifty": 50, "seksti": 60, "sixty": 60, "sytti": 70, "seventy": 70, "åtti": 80,
         "eighty": 80, "nitti": 90, "ninety": 90}
_MULT = {"hundre": 100, "hundred": 100, "tusen": 1000, "thousand": 1000, "million": 10 ** 6, "millioner": 10 ** 6,
         "millionar": 10 ** 6, "millions": 10 ** 6, "milliard": 10 ** 9, "milliarder": 10 ** 9, "billion": 10 ** 9}
_WORDS_RE = re.compile(r"[a-zæøåé]+(?:-[a-zæøåé]+)*", re.IGNORECASE)
# Short words that are numbers only next to another number word (not "en sak", "to the", "ti"): never alone.
_ALONE_NOT = {"en", "ett", "ein", "eitt", "éin", "one", "to", "ni", "ti", "null"}


def _word_value(word: str) -> int | None:
    w = word.lower()
    if w in _UNITS:
        return _UNITS[w]
    if w in _TENS:
        return _TENS[w]
    for tens, tv in _TENS.items():  # "tjuefem", "twenty-five"
        if w.startswith(tens):
            rest = w[len(tens):].lstrip("-")
            if rest in _UNITS and 0 < _UNITS[rest] < 10:
                return tv + _UNITS[rest]
    return None


def number_words(text: str) -> list[tuple[str, Decimal, int, bool]]:
    """Numbers written in words: "sju komma tre prosent" (7.3 %), "two and a half", "tjuefem tusen"."""
    tokens = [(m.group(0), m.start(), m.end()) for m in _WORDS_RE.finditer(text)]
    out = []
    i = 0
    while i < len(tokens):
        total, current, used, j = 0, None, [], i
        while j < len(tokens):
            w = tokens[j][0].lower()
            ahead = [t[0].lower() for t in tokens[j:j + 3]]
            if used and (ahead[:3] in (["og", "en", "halv"], ["and", "a", "half"], ["og", "ein", "halv"])):
                break
            v = _word_value(w)
            if v is not None:
                current = (current or 0) + v
            elif w in _MULT and (current is not None or total or w in ("hundre", "hundred", "tusen", "thousand")):
                current = (current or 1) * _MULT[w]
                if _MULT[w] >= 1000:
                    total, current = total + current, None
            elif w in ("og", "and") and used and j + 1 < len(tokens) and _word_value(tokens[j + 1][0]) is not None:
                pass
            else:
                break
            used.append(j)
            j += 1
        if not used:
            i += 1
            continue
        value = Decimal(total + (current or 0))
        decimals = 0
        k = j
        rest = [t[0].lower() for t in tokens[k:k + 4]]
        if rest[:1] and rest[0] in ("komma", "point") and len(rest) > 1 and _word_value(rest[1]) is not None \
                and _word_value(rest[1]) < 10:
            digits = []
            k += 1
            while k < len(tokens) and _word_value(tokens[k][0].lower()) is not None and _word_value(tokens[k][0].lower()) < 10:
                digits.append(str(_word_value(tokens[k][0].lower())))
                k += 1
            value = Decimal(f"{int(value)}.{''.join(digits)}")
            decimals = len(digits)
        elif rest[:3] in (["og", "en", "halv"], ["and", "a", "half"], ["og", "ein", "halv"]):
            value += Decimal("0.5")
            decimals = 1
            k += 3
        words_used = [tokens[x][0].lower() for x in used]
        if len(words_used) == 1 and words_used[0] in _ALONE_NOT and decimals == 0:
            i = j
            continue
        tail = text[tokens[k - 1][2]:tokens[k - 1][2] + 12].strip().lower() if k > 0 else ""
        percent = tail.startswith(("%", "prosent", "percent"))
        token = text[tokens[i][1]:tokens[k - 1][2]]
        out.append((token, value, decimals, percent))
        i = k
    return out


def _readings(token: str) -> list[tuple[Decimal, int]]:
    compact = token.replace("\u00a0", " ").replace("\u202f", " ")
    readings: list[tuple[Decimal, int]] = []
    # Spaces only ever group thousands.
    compact = compact.replace(" ", "")
    separators = [c for c in compact if c in ".,"]
    if not separators:
        readings.append((Decimal(compact), 0))
    elif len(set(separators)) == 2:  # "1.074,5" or "1,074.5": the last one is the decimal mark
        dec = compact[max(compact.rfind("."), compact.rfind(","))]
        thou = "," if dec == "." else "."
        whole, frac = compact.replace(thou, "").split(dec)
        readings.append((Decimal(f"{whole}.{frac}"), len(frac)))
    else:
        sep = separators[0]
        parts = compact.split(sep)
        if len(parts) == 2:  # "2,5" / "2.5" decimal, but "1,074" / "1.074" may also be thousands
            readings.append((Decimal(f"{parts[0]}.{parts[1]}"), len(parts[1])))
        if all(len(p) == 3 for p in parts[1:]):
            readings.append((Decimal("".join(parts)), 0))
    return readings


def unsupported_numbers(text: str, rows: Sequence[Sequence[Any]], question: str = "") -> list[str]:
    """Numbers stated in `text` that neither the rows nor the question hold (empty list: all supported).

    A number is supported when some row value, rounded to the precision shown (and scaled by
    "mill."/"mrd."/"tusen", or times 100 for a fraction shown as percent), equals it. Signs are
    ignored because answers say "ned 0,3" for -0.3. Numbers the user wrote in the question and the
    row count may be repeated. Text values in the rows (unit names, dates) are removed first, so digits
    inside them are not read as numbers.
    """
    values = _row_numbers(rows)
    values.add(Decimal(len(rows)))
    text = _strip_row_texts(text, rows)
    allowed_from_question = {r.value for _, readings in numbers_in_text(question) for r in readings}
    bad = []
    for token, readings in numbers_in_text(text):
        if not any(r.value in allowed_from_question or _matches(r, values) for r in readings):
            bad.append(token)
    return bad


def _matches(shown: _Shown, values: set[Decimal]) -> bool:
    """Signs: a number written with a minus must be a negative value; one without may be either
    ("ned 0,3" for -0.3). A percentage is a percent value (2.5 is 2,5 %), or a fraction up to 1 times 100
    (0.025 is 2,5 %) — never 250 % for 2.5."""
    quantum = Decimal(1).scaleb(-shown.decimals)
    target = abs(shown.value)
    for v in values:
        if shown.negative and v > 0:
            continue
        candidates = [abs(v) / shown.scale]
        if shown.percent and abs(v) <= 1:
            candidates.append(abs(v) * 100)
        for c in candidates:
            try:
                if c.quantize(quantum, rounding=ROUND_HALF_UP) == target:
                    return True
            except InvalidOperation:  # value too large for the shown precision: cannot be this number
                continue
    return False


def _row_numbers(rows: Sequence[Sequence[Any]]) -> set[Decimal]:
    out: set[Decimal] = set()
    for row in rows:
        for v in row:
            if isinstance(v, bool) or v is None:
                continue
            if isinstance(v, (int, float, Decimal)):
                try:
                    out.add(Decimal(str(v)))
                except InvalidOperation:  # nan / inf
                    pass
            elif isinstance(v, (date, datetime)):
                out.update(Decimal(p) for p in (v.year, v.month, v.day))
    return out


def _strip_row_texts(text: str, rows: Sequence[Sequence[Any]]) -> str:
    # Only names with letters ("Skole 2") and dates: stripping a bare digit string such as "1" would
    # cut pieces out of real numbers and hide them from the check.
    texts = {v.strip() for row in rows for v in row if isinstance(v, str) and re.search(r"[^\W\d_]", v)}
    texts |= {v.isoformat() for row in rows for v in row if isinstance(v, (date, datetime))}
    texts |= {v.date().isoformat() for row in rows for v in row if isinstance(v, datetime)}
    for t in sorted(texts, key=len, reverse=True):
        text = re.sub(rf"(?<!\w){re.escape(t)}(?!\w)", " ", text, flags=re.IGNORECASE)
    return text


# --- deterministic summary -----------------------------------------------------------------------

def summarize_rows(columns: Sequence[str], rows: Sequence[Sequence[Any]], *, english: bool = False,
                   limit: int = 10) -> str:
    """A plain answer built only from the rows: used when the model's text cannot be trusted."""
    if not rows:
        return "No rows." if english else "Ingen rader."
    head = "Result" if english else "Resultat"
    lines = ["; ".join(f"{c}: {format_number(v)}" for c, v in zip(columns, row)) for row in rows[:limit]]
    if len(rows) == 1:
        return f"{head}: {lines[0]}."
    more = len(rows) - limit
    tail = ""
    if more > 0:
        tail = f"\n… and {more} more rows." if english else f"\n… og {more} rader til."
    count = f"{len(rows)} rows" if english else f"{len(rows)} rader"
    return f"{head} ({count}):\n" + "\n".join(f"- {line}" for line in lines) + tail


def format_number(value: Any) -> str:
    """Norwegian style: decimal comma, space between thousands from 10 000 (so years stay 2020)."""
    if isinstance(value, bool) or value is None or not isinstance(value, (int, float, Decimal)):
        return "" if value is None else str(value)
    if isinstance(value, float) and value != value:
        return str(value)
    d = Decimal(str(value))
    if d == d.to_integral_value():
        text = f"{int(d):d}"
    else:
        text = f"{d.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP):f}".rstrip("0").rstrip(".")
    whole, _, frac = text.partition(".")
    sign = "-" if whole.startswith("-") else ""
    whole = whole.lstrip("-")
    if len(whole) > 4:
        whole = f"{int(whole):,}".replace(",", " ")
    return sign + whole + ("," + frac if frac else "")


# --- small helpers -------------------------------------------------------------------------------

_ENGLISH_HINTS = re.compile(r"\b(what|which|how|show|list|trend|compare|the|was|were|per|of|in the)\b", re.I)
_NORWEGIAN_HINTS = re.compile(r"[æøå]|\b(hva|hvilke|hvilken|hvordan|hvor|vis|og|var|er|i fjor|sammenlign)\b", re.I)


def _is_english(question: str) -> bool:
    return bool(_ENGLISH_HINTS.search(question)) and not _NORWEGIAN_HINTS.search(question)


def _jsonable(value: Any) -> Any:
    """Row values as JSON numbers/strings (the contract wants numbers, not formatted strings)."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value
