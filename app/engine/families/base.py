"""What every question family shares: the parsed question, a reading (SQL + sentence + chart +
interpretation in plain words) and a refusal (unanswerable or clarify, with suggestions)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable

from app.engine.periods import Period, find_period
from app.engine.text import normalise
from app.engine.wordforms import Terms, question_terms, stem, strip_catch_all, words


@dataclass
class Question:
    raw: str
    text: str          # normalised
    lang: str          # nb | en
    period: Period
    context: dict | None = None  # the previous answer (follow-ups)

    @classmethod
    def parse(cls, raw: str, lang: str, context: dict | None = None) -> "Question":
        text = strip_catch_all(normalise(raw))
        return cls(raw=raw, text=text, lang=lang, period=find_period(text), context=context)

    def terms(self, known=frozenset()) -> Terms:
        return question_terms(self.text, known)

    def has(self, *cues: str) -> bool:
        return _cue_pattern(cues).search(self.text) is not None

    def stems(self) -> set[str]:
        return {stem(w) for w in words(self.text)}


@lru_cache(maxsize=4096)
def _cue_pattern(cues: tuple[str, ...]) -> re.Pattern:
    """Any of the cues as a whole word, compiled once per set of cues (the families ask hundreds of sets per
    question: more than `re`'s own cache of 512 patterns holds, so each was compiled again)."""
    return re.compile(r"(?<!\w)(?:" + "|".join(cues) + r")(?!\w)")


@dataclass
class Reading:
    """One runnable reading of a question."""
    family: str
    source: str                        # plain words: where the numbers come from
    sql: str
    interpretation: str                # plain words: what was understood
    sentence: Callable[[list[str], list[list], str], str]
    chart: Callable[[list[str], list[list]], dict | None] = lambda columns, rows: None
    unused: list[str] = field(default_factory=list)  # words of the question the reading did not use
    empty_reason: str = ""             # said when the SQL returns no rows
    partial: bool = False              # the data covers only part of what was asked: another source may do better
    # the period columns of a reading that compares periods ("2023 mot 2024"), in order: a family that swaps in its
    # own measure shows each period's figure and the difference from the period before
    period_keys: tuple[str, ...] = ()
    # where the numbers come from, read from the rows found (columns, rows -> source, or None: `source` stands): a
    # reading whose rows name their export (source_file) says that export, not every export it could have read
    row_source: Callable[[list[str], list], str | None] | None = None
    # the conditions (SQL, alias t) that keep the one member a ticket question names, with its column ("Ål kommune":
    # the organisation; "kategori Lønn": the category): a measure compared with the average drops them for its reference
    members: tuple[tuple[str, str], ...] = ()


@dataclass
class Refusal:
    """The question was understood well enough to say why it cannot be answered as asked."""
    family: str
    status: str                        # unanswerable | clarify
    answer: str
    interpretation: str = ""
    suggestions: list[str] = field(default_factory=list)
    final: bool = True                 # False: another source (report figures) may still answer it


def sql_str(value: str) -> str:
    return "'" + str(value).replace("'", "''") + "'"


def source_columns(alias: str, excerpt: str = "excerpt") -> str:
    """The columns every figure is traced by (`answer` cites them): its file, page and printed excerpt."""
    return f"{alias}.file_name as source_document, {alias}.page as source_page, {alias}.{excerpt} as source_excerpt"


def in_list(column: str, values) -> str:
    return f"{column} in ({', '.join(sql_str(v) if isinstance(v, str) else str(int(v)) for v in values)})"


def number_word(text: str, default: int | None = None) -> int | None:
    """"topp tre", "three largest", "5 største"."""
    words_ = {"en": 1, "én": 1, "ein": 1, "one": 1, "to": 2, "two": 2, "tre": 3, "three": 3, "fire": 4, "four": 4,
              "fem": 5, "five": 5, "seks": 6, "six": 6, "sju": 7, "seven": 7, "ti": 10, "ten": 10}
    m = re.search(r"\b(?:topp|top|de|dei|the)?\s*(\d{1,2}|en|én|ein|one|to|two|tre|three|fire|four|fem|five|seks|six|"
                  r"sju|seven|ti|ten)\s+(?:største|største|største|high\w*|larg\w*|most|flest|høg\w*|høy\w*|låg\w*|"
                  r"lav\w*|low\w*|small\w*|minst\w*|\w+er\b|\w+ar\b|\w+s\b)", text)
    if m and not re.fullmatch(r"(?:19|20)\d\d", m.group(1)):
        v = m.group(1)
        n = int(v) if v.isdigit() else words_[v]
        if 1 <= n <= 50:
            return n
    m = re.search(r"\b(?:topp|top)\s*(\d{1,2}|tre|three|fem|five|ti|ten)\b", text)
    if m:
        v = m.group(1)
        return int(v) if v.isdigit() else words_[v]
    return default
