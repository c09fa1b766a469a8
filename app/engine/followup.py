"""Follow-up questions: "og i 2019?", "what about Q2?", "samme for Molde kommune" read against the
previous answer (its question), so the engine answers the whole question and says how it read it."""
from __future__ import annotations

import re

from app.engine.periods import find_period
from app.engine.text import normalise

LEADS = r"^(?:og|and|men|but|hva med|kva med|what about|how about|samme for|same for|det same for|likedan for|" \
        r"også|ogso|then|og for|and for|og i|and in)\b"
YEAR = r"(?<!\d)(?:19|20)\d\d(?!\d)"
QUARTER = r"\b(?:q[1-4]|[1-4]\s*\.?\s*kvartal\w*|(?:første|fyrste|andre|tredje|fjerde|first|second|third|fourth)\s+" \
          r"(?:kvartal\w*|quarter))\b"


def is_followup(question: str) -> bool:
    text = normalise(question)
    if re.match(LEADS, text):
        return True
    rest = re.sub(YEAR + "|" + QUARTER, " ", text)
    return len(re.findall(r"\w+", rest)) <= 1 and text != rest


def _offered(question: str, context: dict) -> bool:
    """The previous answer offered this question (a reading to pick, a next question): it is whole."""
    return normalise(question) in {normalise(s) for s in context.get("suggestions") or [] if isinstance(s, str)}


def apply_context(question: str, context: dict) -> str:
    """The previous question with the new question's period or names put in; the question itself
    when it stands on its own."""
    previous = (context or {}).get("read_as") or (context or {}).get("question")
    if not previous or not is_followup(question) or _offered(question, context):
        return question
    text = normalise(question)
    new = find_period(text)
    combined = previous
    if new.years:
        combined = re.sub(YEAR + r"(?:\s*(?:-|–|til|to|og|and)\s*" + YEAR + ")?", " ", combined)
    if new.quarters:
        combined = re.sub(QUARTER, " ", combined, flags=re.I)
    rest = re.sub(LEADS, " ", text).strip(" ?.!")
    if re.match(r"^(?:samme for|same for|det same for|likedan for)\b", text):
        rest = re.sub(r"^(?:samme for|same for|det same for|likedan for)\b", " ", text).strip(" ?.!")
    return re.sub(r"\s+", " ", f"{combined.rstrip(' ?.!')} {rest}").strip()
